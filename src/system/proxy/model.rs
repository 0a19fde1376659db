//! The common model of every system proxy source: what was read and where from, and which proxy
//! the setting gives a URL, following each system's own rules.

use url::Url;

use super::endpoint::ProxyEndpoint;
use super::exceptions::{ExceptionSyntax, is_simple_name, matches};
use crate::route::{ProxyConfig, ProxyScheme};

/// Every system proxy source of this computer, each with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SystemProxy {
    /// In the order they were read.
    pub sources: Vec<ProxySource>,
    /// The index in `sources` of the one the browser and the desktop apps follow; `None` when none
    /// is (no desktop that has a proxy setting, or nothing could be read).
    pub in_force: Option<usize>,
    /// Why that one, a stable code (the rules are in `sources`): `only_source` (macOS),
    /// `per_user` / `policy_per_machine` (Windows), `desktop_gnome` / `desktop_kde` /
    /// `no_desktop_setting` (Linux and other Unix systems).
    pub in_force_reason: String,
}

impl SystemProxy {
    /// The source in force, when one is.
    pub fn in_force(&self) -> Option<&ProxySource> {
        self.in_force.and_then(|i| self.sources.get(i))
    }

    /// The setting in force, when one is and it could be read.
    pub fn setting_in_force(&self) -> Option<&SystemProxySetting> {
        match &self.in_force()?.reading {
            SourceReading::Read(s) => Some(s),
            SourceReading::Absent | SourceReading::Unreadable(_) => None,
        }
    }

    /// What the setting in force gives `url`: `Direct` when no setting is in force.
    pub fn choice_for(&self, url: &Url) -> SystemProxyChoice {
        self.setting_in_force()
            .map_or(SystemProxyChoice::Direct, |s| s.choice_for(url))
    }
}

/// One place a system proxy setting lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxySource {
    /// Where: `HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings`,
    /// `SCDynamicStore`, `gsettings org.gnome.system.proxy`, `~/.config/kioslaverc`, …
    pub origin: String,
    pub reading: SourceReading,
}

/// What reading one source gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceReading {
    /// The source does not exist here (no such program, file, key or schema).
    Absent,
    /// It exists but could not be read; a stable snake_case code: `timed_out`,
    /// `output_too_large`, `file_too_large`, `not_a_regular_file`, `permission_denied`,
    /// `io_error`, `failed_to_start`, `exited_with_error`, `unexpected_output`, `registry_error`,
    /// `store_error`.
    Unreadable(String),
    /// The setting as read (boxed: it is much larger than the other readings).
    Read(Box<SystemProxySetting>),
}

/// Which system a setting came from: its rules for exceptions, fallbacks and SOCKS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProxyPlatform {
    Windows,
    MacOs,
    Gnome,
    Kde,
}

impl ProxyPlatform {
    /// How this system's exception list is matched.
    pub fn exception_syntax(self) -> ExceptionSyntax {
        match self {
            ProxyPlatform::Windows | ProxyPlatform::MacOs => ExceptionSyntax::Wildcard,
            ProxyPlatform::Gnome => ExceptionSyntax::Domain,
            ProxyPlatform::Kde => ExceptionSyntax::Suffix,
        }
    }

    /// The protocol spoken to the SOCKS server. Windows (WinINet, Chrome) speaks SOCKS4 and
    /// resolves names itself, whose nearest here is `socks5`; the others speak SOCKS5 and let the
    /// proxy resolve names (`socks5h`).
    pub fn socks_scheme(self) -> ProxyScheme {
        match self {
            ProxyPlatform::Windows => ProxyScheme::Socks5,
            ProxyPlatform::MacOs | ProxyPlatform::Gnome | ProxyPlatform::Kde => ProxyScheme::Socks5h,
        }
    }
}

/// How a setting picks the route, the first that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SystemProxyMode {
    /// No proxy.
    Direct,
    /// The proxies named in the setting.
    Manual,
    /// A PAC file from `pac_url`.
    Pac,
    /// Web Proxy Auto-Discovery (WPAD).
    AutoDetect,
}

/// One system proxy setting, as read. Windows and macOS may enable auto-detection, a PAC file and
/// manual proxies together: each is tried in that order when the one before fails, so all three
/// are kept and `mode` names the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemProxySetting {
    /// Where it came from (the same as its source's): the `source` of the proxies it gives.
    pub origin: String,
    pub platform: ProxyPlatform,
    pub mode: SystemProxyMode,
    /// The proxy for `http://` URLs, when one is enabled.
    pub http: Option<ProxyEndpoint>,
    /// The proxy for `https://` URLs, when one is enabled.
    pub https: Option<ProxyEndpoint>,
    /// The SOCKS proxy, when one is enabled: used for a scheme that has no proxy of its own (GNOME
    /// uses it after falling back from https to http).
    pub socks: Option<ProxyEndpoint>,
    /// The PAC file's URL, when one is set and enabled.
    pub pac_url: Option<String>,
    /// Auto-detection (WPAD) is enabled.
    pub auto_detect: bool,
    /// The entries that go direct, as written (without `<local>`), capped in number and length.
    pub exceptions: Vec<String>,
    /// Names without a dot go direct (`<local>`, macOS's `ExcludeSimpleHostnames`).
    pub bypass_simple_names: bool,
    /// KDE's `ReversedException`: only the exceptions go through the proxy.
    pub reversed_exceptions: bool,
    /// The setting asks the proxy for credentials (GNOME's `use-authentication`, a user name in a
    /// KDE proxy URL). The credentials themselves are never read.
    pub credentials_configured: bool,
    /// Settings that hold a value that could not be used, by name (`ProxyServer`, `httpsProxy`,
    /// `ProxyOverride` when entries were left out); never their content, which may hold a
    /// password.
    pub ignored: Vec<String>,
}

/// What a setting gives one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SystemProxyChoice {
    /// Straight to the host.
    Direct,
    /// Straight to the host because this exception entry (as written) covers it; `<local>` for a
    /// name without a dot.
    Bypassed { entry: String },
    /// Through this proxy, whose `source` is the setting's origin.
    Proxy(ProxyConfig),
    /// What the PAC file at this URL says.
    Pac(String),
    /// What the PAC file found by WPAD says.
    AutoDetect,
}

impl SystemProxySetting {
    /// A setting of `platform` from `origin` that sends everything direct; the parsers fill in the
    /// rest.
    pub fn direct(platform: ProxyPlatform, origin: &str) -> SystemProxySetting {
        SystemProxySetting {
            origin: origin.to_string(),
            platform,
            mode: SystemProxyMode::Direct,
            http: None,
            https: None,
            socks: None,
            pac_url: None,
            auto_detect: false,
            exceptions: Vec::new(),
            bypass_simple_names: false,
            reversed_exceptions: false,
            credentials_configured: false,
            ignored: Vec::new(),
        }
    }

    /// Sets `mode` to the first of auto-detection, PAC and manual proxies that is enabled (the
    /// order Windows and macOS try them in), else direct.
    pub fn settle_mode(&mut self) {
        self.mode = if self.auto_detect {
            SystemProxyMode::AutoDetect
        } else if self.pac_url.is_some() {
            SystemProxyMode::Pac
        } else if self.http.is_some() || self.https.is_some() || self.socks.is_some() {
            SystemProxyMode::Manual
        } else {
            SystemProxyMode::Direct
        };
    }

    /// Records that the setting `name` held something unusable (once).
    pub fn ignore(&mut self, name: &str) {
        if !self.ignored.iter().any(|n| n == name) {
            self.ignored.push(name.to_string());
        }
    }

    /// What this setting gives `url`, following its mode. GNOME applies `ignore-hosts` before a
    /// PAC file or WPAD too; the others apply their exceptions to manual proxies only (a PAC file
    /// decides for itself).
    pub fn choice_for(&self, url: &Url) -> SystemProxyChoice {
        let bypass_first = self.platform == ProxyPlatform::Gnome;
        match self.mode {
            SystemProxyMode::Direct => SystemProxyChoice::Direct,
            SystemProxyMode::Manual => self.manual_choice_for(url),
            SystemProxyMode::Pac | SystemProxyMode::AutoDetect => {
                if let Some(entry) = bypass_first.then(|| self.exception_for(url)).flatten() {
                    return SystemProxyChoice::Bypassed { entry };
                }
                match (&self.pac_url, self.mode) {
                    (Some(pac), SystemProxyMode::Pac) => SystemProxyChoice::Pac(pac.clone()),
                    _ => SystemProxyChoice::AutoDetect,
                }
            }
        }
    }

    /// What the manual proxies alone give `url` (what Windows and macOS fall back to when
    /// auto-detection and the PAC file fail): the exceptions, then the proxy for the URL's
    /// scheme.
    pub fn manual_choice_for(&self, url: &Url) -> SystemProxyChoice {
        let exception = self.exception_for(url);
        match (exception, self.reversed_exceptions) {
            (Some(entry), false) => return SystemProxyChoice::Bypassed { entry },
            // Reversed: only the listed hosts use the proxy.
            (None, true) => return SystemProxyChoice::Direct,
            (Some(_), true) | (None, false) => {}
        }
        self.proxy_for_scheme(url.scheme())
            .map_or(SystemProxyChoice::Direct, SystemProxyChoice::Proxy)
    }

    /// The exception entry that covers `url` (`<local>` for a name without a dot).
    fn exception_for(&self, url: &Url) -> Option<String> {
        if self.bypass_simple_names && is_simple_name(url) {
            return Some("<local>".to_string());
        }
        let syntax = self.platform.exception_syntax();
        self.exceptions.iter().find(|e| matches(e, syntax, url)).cloned()
    }

    /// The proxy for a URL scheme: https (and wss) use the https proxy, http (and ws) the http
    /// proxy, and then the SOCKS proxy; GNOME tries the http proxy for https before SOCKS.
    fn proxy_for_scheme(&self, scheme: &str) -> Option<ProxyConfig> {
        let http = |e: &ProxyEndpoint| e.to_config(ProxyScheme::Http, &self.origin);
        let own = match scheme {
            "https" | "wss" => self.https.as_ref().or(match self.platform {
                ProxyPlatform::Gnome => self.http.as_ref(),
                ProxyPlatform::Windows | ProxyPlatform::MacOs | ProxyPlatform::Kde => None,
            }),
            "http" | "ws" => self.http.as_ref(),
            _ => None,
        };
        own.map(http).or_else(|| {
            self.socks
                .as_ref()
                .map(|e| e.to_config(self.platform.socks_scheme(), &self.origin))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn endpoint(host: &str, port: u16) -> Option<ProxyEndpoint> {
        ProxyEndpoint::new(host, port)
    }

    fn shown(c: &SystemProxyChoice) -> String {
        match c {
            SystemProxyChoice::Proxy(p) => format!("{} from {}", p.display(), p.source),
            other => format!("{other:?}"),
        }
    }

    fn manual(platform: ProxyPlatform) -> SystemProxySetting {
        let mut s = SystemProxySetting::direct(platform, "origin");
        s.http = endpoint("h.test", 8080);
        s.socks = endpoint("s.test", 1080);
        s.settle_mode();
        s
    }

    #[test]
    fn https_falls_back_as_each_system_does() {
        for (platform, https_choice) in [
            (ProxyPlatform::Windows, "socks5://s.test:1080 from origin"),
            (ProxyPlatform::MacOs, "socks5h://s.test:1080 from origin"),
            (ProxyPlatform::Kde, "socks5h://s.test:1080 from origin"),
            (ProxyPlatform::Gnome, "http://h.test:8080 from origin"),
        ] {
            let s = manual(platform);
            assert_eq!(s.mode, SystemProxyMode::Manual);
            assert_eq!(
                shown(&s.choice_for(&url("https://x.test/"))),
                https_choice,
                "{platform:?}"
            );
            assert_eq!(
                shown(&s.choice_for(&url("http://x.test/"))),
                "http://h.test:8080 from origin"
            );
            assert_eq!(shown(&s.choice_for(&url("wss://x.test/"))), https_choice);
        }
        let mut s = manual(ProxyPlatform::Windows);
        s.https = endpoint("2001:db8::1", 3128);
        assert_eq!(
            shown(&s.choice_for(&url("https://x.test/"))),
            "http://[2001:db8::1]:3128 from origin"
        );
        s.socks = None;
        s.https = None;
        assert_eq!(s.choice_for(&url("https://x.test/")), SystemProxyChoice::Direct);
        assert_eq!(s.choice_for(&url("ftp://x.test/")), SystemProxyChoice::Direct);
    }

    #[test]
    fn exceptions_and_simple_names_bypass_manual_proxies() {
        let mut s = manual(ProxyPlatform::Windows);
        s.exceptions = vec!["*.corp.test".into(), "192.0.2.0/24".into()];
        s.bypass_simple_names = true;
        let bypassed = |u: &str| match s.choice_for(&url(u)) {
            SystemProxyChoice::Bypassed { entry } => entry,
            other => format!("not bypassed: {other:?}"),
        };
        assert_eq!(bypassed("https://a.corp.test/"), "*.corp.test");
        assert_eq!(bypassed("https://192.0.2.5/"), "192.0.2.0/24");
        assert_eq!(bypassed("https://intranet/"), "<local>");
        assert!(matches!(
            s.choice_for(&url("https://chatgpt.com/")),
            SystemProxyChoice::Proxy(_)
        ));
    }

    #[test]
    fn reversed_exceptions_send_only_the_listed_hosts_through_the_proxy() {
        let mut s = manual(ProxyPlatform::Kde);
        s.exceptions = vec![".openai.test".into()];
        s.reversed_exceptions = true;
        assert!(matches!(
            s.choice_for(&url("https://api.openai.test/")),
            SystemProxyChoice::Proxy(_)
        ));
        assert_eq!(
            s.choice_for(&url("https://other.test/")),
            SystemProxyChoice::Direct
        );
    }

    #[test]
    fn auto_detection_then_pac_then_manual() {
        let mut s = manual(ProxyPlatform::Windows);
        s.exceptions = vec!["*.corp.test".into()];
        s.pac_url = Some("http://wpad.corp.test/proxy.pac".into());
        s.auto_detect = true;
        s.settle_mode();
        assert_eq!(s.mode, SystemProxyMode::AutoDetect);
        assert_eq!(
            s.choice_for(&url("https://a.corp.test/")),
            SystemProxyChoice::AutoDetect
        );
        s.auto_detect = false;
        s.settle_mode();
        assert_eq!(
            s.choice_for(&url("https://x.test/")),
            SystemProxyChoice::Pac("http://wpad.corp.test/proxy.pac".into())
        );
        assert!(matches!(
            s.manual_choice_for(&url("https://x.test/")),
            SystemProxyChoice::Proxy(_)
        ));
        let mut g = SystemProxySetting::direct(ProxyPlatform::Gnome, "gsettings");
        g.exceptions = vec!["localhost".into()];
        g.auto_detect = true;
        g.settle_mode();
        assert!(matches!(
            g.choice_for(&url("http://localhost/")),
            SystemProxyChoice::Bypassed { .. }
        ));
        assert_eq!(
            g.choice_for(&url("https://x.test/")),
            SystemProxyChoice::AutoDetect
        );
        let d = SystemProxySetting::direct(ProxyPlatform::MacOs, "SCDynamicStore");
        assert_eq!(d.choice_for(&url("https://x.test/")), SystemProxyChoice::Direct);
    }

    #[test]
    fn the_system_proxy_answers_with_the_setting_in_force() {
        let read = ProxySource {
            origin: "origin".into(),
            reading: SourceReading::Read(Box::new(manual(ProxyPlatform::Gnome))),
        };
        let mut sp = SystemProxy {
            sources: vec![
                ProxySource {
                    origin: "absent".into(),
                    reading: SourceReading::Absent,
                },
                read,
            ],
            in_force: None,
            in_force_reason: "no_desktop_setting".into(),
        };
        assert_eq!(sp.choice_for(&url("https://x.test/")), SystemProxyChoice::Direct);
        sp.in_force = Some(1);
        assert!(matches!(
            sp.choice_for(&url("https://x.test/")),
            SystemProxyChoice::Proxy(_)
        ));
        sp.in_force = Some(0);
        assert!(sp.setting_in_force().is_none());
        sp.in_force = Some(7);
        assert!(sp.in_force().is_none());
    }
}
