//! Which proxy applies to a target: proxy URLs, the settings read from the environment and the
//! flags, and the route they give each target. The tunnel itself is measured in `probe::proxy`.
//!
//! **Settings** ([`ProxySettings`]) follow curl, whose flag names this tool shares:
//!
//! * `-x/--proxy URL` overrides every variable; `--proxy ""` turns proxies off (as in curl).
//! * Otherwise, for an `https://` target: `https_proxy`, then `HTTPS_PROXY`, then `all_proxy`,
//!   then `ALL_PROXY`; for an `http://` target: `http_proxy`, then `HTTP_PROXY`, then the same
//!   `ALL_PROXY` pair. The lower-case name wins, as in curl (and wget, Python's urllib, libcurl
//!   users), because that is what most tools on a Unix machine do; Go programs read the upper-case
//!   name first, which is why a disagreement between the two is a warning.
//! * One deliberate difference from curl: curl never reads the upper-case `HTTP_PROXY` (a guard
//!   for CGI programs, where a request's `Proxy:` header becomes `HTTP_PROXY`). A command-line
//!   doctor runs in no CGI environment, and Go, Python, Node and most other clients honour
//!   `HTTP_PROXY`, so it is honoured here as the fallback after `http_proxy`.
//! * An empty variable counts as unset (curl's `curl_getenv` does the same). A malformed one is
//!   reported by [`ProxySettings::warnings`] and passed over, so the next one in the order applies
//!   (the doctor then still measures what a working setting would do); a malformed `--proxy` is a
//!   usage error.
//! * `--noproxy LIST` overrides `no_proxy`/`NO_PROXY` (lower case first); both apply to a
//!   `--proxy` proxy too, as in curl. Entries are separated by commas or white space: `*` (every
//!   host), a domain (`example.com`, `.example.com` and `*.example.com` all match `example.com`
//!   and its subdomains), an IP address, a CIDR range (`10.0.0.0/8`, `fd00::/8`), each optionally
//!   with `:PORT` (`[::1]:8080` for IPv6), matching only that port.
//! * Schemes: `http://`, `socks5://` (the name is resolved here, the proxy gets an address) and
//!   `socks5h://` (the proxy resolves the name). A URL without a scheme is `http://`. A URL without
//!   a port uses 1080 as in curl — other tools use 80 for `http://`, so that case is a warning.
//!
//! **Credentials** in a proxy URL are kept private: they go only into the `Proxy-Authorization`
//! header or the SOCKS5 username/password exchange. [`ProxyConfig::display`], its `Debug`, every
//! warning and every proxy detail a probe records show the proxy without them, and what a proxy
//! sends back is scrubbed of them (`ProxyConfig::scrub`) before it is recorded.

use std::ffi::OsString;
use std::fmt;
use std::net::IpAddr;

use base64::Engine as _;
use url::{Host, Url};

use super::no_proxy::{NO_PROXY_VARIABLES, NoProxy, same_entries};
use super::rules::bracket;
use crate::i18n::Message;
use crate::input::value;
use crate::msg;

/// curl's port for a proxy URL that names none (for `http://` proxies too).
pub const DEFAULT_PROXY_PORT: u16 = 1080;
/// Longest text of a setting quoted in a warning or an error.
const SHOWN_CHARS: usize = 200;

/// The proxy variables, in the order they are read: each lower-case name before its upper-case
/// twin (`NO_PROXY`/`no_proxy` are not among them: they name no proxy).
pub const PROXY_VARIABLES: [&str; 6] = [
    "https_proxy",
    "HTTPS_PROXY",
    "http_proxy",
    "HTTP_PROXY",
    "all_proxy",
    "ALL_PROXY",
];

/// The proxy protocols supported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProxyScheme {
    /// `http://`: an HTTP proxy, asked with `CONNECT host:port`.
    Http,
    /// `socks5://`: SOCKS5, the target's name resolved here.
    Socks5,
    /// `socks5h://`: SOCKS5, the target's name resolved by the proxy.
    Socks5h,
}

impl ProxyScheme {
    /// The URL scheme.
    pub fn as_str(self) -> &'static str {
        match self {
            ProxyScheme::Http => "http",
            ProxyScheme::Socks5 => "socks5",
            ProxyScheme::Socks5h => "socks5h",
        }
    }
}

/// One proxy, with where its setting came from. Credentials stay private: see the module docs.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyConfig {
    pub scheme: ProxyScheme,
    /// The setting it came from: `--proxy`, `HTTPS_PROXY`, `https_proxy`, `ALL_PROXY`, …
    pub source: String,
    /// Lower case, IPv6 without brackets.
    host: String,
    port: u16,
    port_given: bool,
    /// Percent-decoded userinfo.
    username: String,
    password: Option<String>,
}

impl fmt::Debug for ProxyConfig {
    // By hand, so that credentials can never reach a log or a panic message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("proxy", &self.display())
            .field("source", &self.source)
            .field("credentials", &self.has_credentials())
            .finish()
    }
}

impl ProxyConfig {
    /// Parses a proxy URL from setting `source`. The error names the setting and shows the value
    /// without credentials.
    pub fn parse(value: &str, source: &str) -> Result<ProxyConfig, Message> {
        let raw = value.trim();
        let fail = |why: Message| {
            msg!(
                "proxy-url-unusable",
                source = source,
                value = redact_raw(raw),
                why = why
            )
        };
        if raw.is_empty() {
            return Err(msg!("proxy-setting-empty", source = source));
        }
        let (scheme_text, rest) = match raw.split_once("://") {
            Some((s, r)) => (s.to_ascii_lowercase(), r),
            None => ("http".to_string(), raw),
        };
        let scheme = match scheme_text.as_str() {
            "http" => ProxyScheme::Http,
            "socks5" => ProxyScheme::Socks5,
            "socks5h" => ProxyScheme::Socks5h,
            "https" => return Err(fail(msg!("proxy-url-https"))),
            other if is_scheme_token(other) => {
                return Err(fail(msg!("proxy-url-scheme", scheme = other)));
            }
            _ => return Err(fail(msg!("proxy-url-no-scheme"))),
        };
        // A non-special scheme keeps an explicit default port (`http://p:80`), which `url` drops
        // for `http:`; whether a port was given decides between it and curl's 1080.
        let url = Url::parse(&format!("proxy://{rest}"))
            .map_err(|e| fail(msg!("proxy-url-invalid", error = e.to_string())))?;
        let host = match url.host() {
            Some(Host::Ipv6(ip)) => ip.to_string(),
            Some(Host::Ipv4(ip)) => ip.to_string(),
            Some(Host::Domain(d)) => d.to_ascii_lowercase(),
            None => return Err(fail(msg!("proxy-url-no-host"))),
        };
        if host.is_empty() {
            return Err(fail(msg!("proxy-url-no-host")));
        }
        if host.parse::<IpAddr>().is_err()
            && !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        {
            return Err(fail(msg!("proxy-url-bad-host")));
        }
        let port = url.port();
        if let Some(p) = port {
            value::port_number(p).map_err(fail)?;
        }
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        Ok(ProxyConfig {
            scheme,
            source: source.to_string(),
            host,
            port: port.unwrap_or(DEFAULT_PROXY_PORT),
            port_given: port.is_some(),
            username: decode(url.username()),
            password: url.password().map(decode),
        })
    }

    /// The proxy as a URL without credentials, with its port: `http://proxy.example:3128`.
    pub fn display(&self) -> String {
        format!("{}://{}:{}", self.scheme.as_str(), bracket(&self.host), self.port)
    }

    /// True when the URL carries a user name or a password.
    pub fn has_credentials(&self) -> bool {
        !self.username.is_empty() || self.password.is_some()
    }

    /// The proxy's host (IPv6 without brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The proxy's port (1080 when the URL names none).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// True when the URL named the port.
    pub fn port_given(&self) -> bool {
        self.port_given
    }

    /// The same proxy and the same credentials.
    fn same_as(&self, other: &ProxyConfig) -> bool {
        self.scheme == other.scheme
            && self.host == other.host
            && self.port == other.port
            && self.username == other.username
            && self.password == other.password
    }

    /// `user:password` in Base64, for `Proxy-Authorization: Basic`.
    pub(crate) fn basic_token(&self) -> Option<String> {
        self.has_credentials().then(|| {
            let pair = format!("{}:{}", self.username, self.password.as_deref().unwrap_or(""));
            base64::engine::general_purpose::STANDARD.encode(pair)
        })
    }

    /// The user name and the password (empty when the URL gives none), for the SOCKS5
    /// username/password exchange; `None` when the URL carries no credentials.
    pub(crate) fn credentials(&self) -> Option<(&str, &str)> {
        self.has_credentials()
            .then(|| (self.username.as_str(), self.password.as_deref().unwrap_or("")))
    }

    /// Removes the credentials (and their Basic token) from text a proxy sent back.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        let mut secrets: Vec<String> = Vec::new();
        if let Some(t) = self.basic_token() {
            secrets.push(t);
        }
        if let Some(p) = &self.password {
            secrets.push(format!("{}:{p}", self.username));
            // Very short passwords would garble the text everywhere they happen to occur.
            if p.chars().count() >= 4 {
                secrets.push(p.clone());
            }
        }
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for s in secrets.iter().filter(|s| !s.is_empty() && s.as_str() != ":") {
            out = out.replace(s.as_str(), "***");
        }
        out
    }
}

/// Shows a raw setting with anything before its last `@` (the userinfo) replaced by `***`, so a
/// malformed value can be quoted without its credentials.
fn redact_raw(raw: &str) -> String {
    let clean: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let shown = match clean.rfind('@') {
        None => clean.clone(),
        Some(at) => {
            // Keep the scheme only when it is one (a `user:pw@host://` typo must not show `pw`).
            let prefix = clean
                .find("://")
                .filter(|&i| i < at && is_scheme_token(&clean[..i]))
                .map_or("", |i| &clean[..i + 3]);
            format!("{prefix}***@{}", &clean[at + 1..])
        }
    };
    truncate_chars(&shown, SHOWN_CHARS)
}

/// Letters, digits, `+`, `-` and `.`, as in a URL scheme, at most 20 of them.
fn is_scheme_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 20
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// At most `max` characters of `s`, with `…` when some were cut.
fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// How a target is reached, and which setting decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// No proxy is set for the target's scheme.
    Direct,
    /// `--proxy ""` turned proxies off.
    Disabled,
    /// A proxy is set, but a `NO_PROXY` entry matches the target.
    Bypassed {
        /// The entry as written.
        entry: &'a str,
        /// `--noproxy`, `no_proxy` or `NO_PROXY`.
        source: &'a str,
    },
    /// Through this proxy.
    Proxy(&'a ProxyConfig),
    /// Direct, as a setting decided for this target (the system proxy's exceptions, a PAC's
    /// `DIRECT`); `by` names the setting.
    DecidedDirect {
        /// Where the decision came from.
        by: &'a str,
    },
}

impl Route<'_> {
    /// One line for people, without credentials.
    pub fn describe(&self) -> String {
        match self {
            Route::Direct => "direct (no proxy is set for this scheme)".to_string(),
            Route::Disabled => "direct (--proxy \"\" turns proxies off)".to_string(),
            Route::Bypassed { entry, source } => format!("direct ({source} entry '{entry}' matches)"),
            Route::Proxy(p) => format!("through {} (from {})", p.display(), p.source),
            Route::DecidedDirect { by } => format!("direct (decided by {by})"),
        }
    }
}

/// The proxy settings of a run, from the environment and the flags (precedence: module docs).
#[derive(Debug, Clone, Default)]
pub struct ProxySettings {
    https: Option<ProxyConfig>,
    http: Option<ProxyConfig>,
    all: Option<ProxyConfig>,
    /// `--proxy ""`.
    disabled: bool,
    no_proxy: NoProxy,
    warnings: Vec<Message>,
    malformed: Vec<String>,
}

/// Reads one variable: trimmed, `None` when unset or empty (as curl's `curl_getenv`).
type ReadVariable<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The proxy variables as read: each one's proxy when it parsed, and what was wrong with the rest.
struct ProxyVariables {
    parsed: Vec<(&'static str, Option<ProxyConfig>)>,
    warnings: Vec<Message>,
    malformed: Vec<String>,
}

impl ProxyVariables {
    /// Reads and parses every one of [`PROXY_VARIABLES`]; a malformed one is passed over with a
    /// warning, so the next in the order applies.
    fn read(read_variable: ReadVariable<'_>) -> ProxyVariables {
        let mut variables = ProxyVariables {
            parsed: Vec::new(),
            warnings: Vec::new(),
            malformed: Vec::new(),
        };
        for name in PROXY_VARIABLES {
            let config = match read_variable(name) {
                None => None,
                Some(value) => match ProxyConfig::parse(&value, name) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        variables
                            .warnings
                            .push(msg!("proxy-variable-ignored", problem = e));
                        variables.malformed.push(name.to_string());
                        None
                    }
                },
            };
            variables.parsed.push((name, config));
        }
        variables
    }

    /// The proxy of the first of `names` that holds a usable one.
    fn first(&self, names: &[&str]) -> Option<ProxyConfig> {
        names.iter().find_map(|n| {
            self.parsed
                .iter()
                .find(|(m, _)| m == n)
                .and_then(|(_, c)| c.clone())
        })
    }
}

impl ProxySettings {
    /// Reads the proxy variables through `env` (`|name| std::env::var(name).ok()`), then applies
    /// `-x/--proxy` and `--noproxy`. Malformed variables become warnings; a malformed flag is an
    /// error (a usage error for the caller).
    pub fn from_sources(
        env: impl Fn(&str) -> Option<String>,
        proxy_flag: Option<&str>,
        noproxy_flag: Option<&str>,
    ) -> Result<ProxySettings, Message> {
        let read = |name: &str| env(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let mut variables = ProxyVariables::read(&read);
        let mut warnings = std::mem::take(&mut variables.warnings);
        warnings.extend(case_disagreements(&read));
        let mut settings = ProxySettings::default();
        settings.choose_proxies(proxy_flag, &variables)?;
        warnings.extend(settings.portless_warnings());
        let (no_proxy, no_proxy_warnings) = NoProxy::from_sources(&read, noproxy_flag)?;
        settings.no_proxy = no_proxy;
        warnings.extend(no_proxy_warnings);
        warnings.extend(no_proxy_disagreement(&read));
        settings.warnings = warnings;
        settings.malformed = variables.malformed;
        Ok(settings)
    }

    /// Reads the variables through `env` (`std::env::var_os`) as [`ProxySettings::from_sources`]
    /// does; a variable that is not valid UTF-8 is passed over with a warning (and a proxy
    /// variable counts as malformed), never silently: it names no proxy this tool can read, and
    /// other programs read its bytes each their own way.
    pub fn from_environment(
        env: impl Fn(&str) -> Option<OsString>,
        proxy_flag: Option<&str>,
        noproxy_flag: Option<&str>,
    ) -> Result<ProxySettings, Message> {
        let not_unicode: Vec<&'static str> = PROXY_VARIABLES
            .iter()
            .chain(&NO_PROXY_VARIABLES)
            .copied()
            .filter(|n| env(n).is_some_and(|v| v.to_str().is_none()))
            .collect();
        let mut settings = Self::from_sources(
            |k| env(k).and_then(|v| v.into_string().ok()),
            proxy_flag,
            noproxy_flag,
        )?;
        for name in not_unicode {
            settings
                .warnings
                .push(msg!("proxy-variable-not-unicode", variable = name));
            if PROXY_VARIABLES.contains(&name) {
                settings.malformed.push(name.to_string());
            }
        }
        Ok(settings)
    }

    /// Sets the proxy of each scheme: `-x/--proxy` for all of them (or none, when it is empty),
    /// else the variables in their order of precedence (module docs).
    fn choose_proxies(
        &mut self,
        proxy_flag: Option<&str>,
        variables: &ProxyVariables,
    ) -> Result<(), Message> {
        match proxy_flag.map(str::trim) {
            Some("") => self.disabled = true,
            Some(value) => {
                let c = ProxyConfig::parse(value, "--proxy")?;
                self.https = Some(c.clone());
                self.http = Some(c.clone());
                self.all = Some(c);
            }
            None => {
                self.all = variables.first(&["all_proxy", "ALL_PROXY"]);
                self.https = variables.first(&["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]);
                self.http = variables.first(&["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]);
            }
        }
        Ok(())
    }

    /// One warning per setting whose `http://` proxy names no port: curl then uses 1080 where
    /// other tools use 80.
    fn portless_warnings(&self) -> Vec<Message> {
        let mut portless: Vec<&ProxyConfig> = Vec::new();
        for c in [&self.https, &self.http, &self.all].into_iter().flatten() {
            if c.scheme == ProxyScheme::Http
                && !c.port_given
                && !portless.iter().any(|p| p.source == c.source)
            {
                portless.push(c);
            }
        }
        portless
            .into_iter()
            .map(|c| {
                msg!(
                    "proxy-no-port",
                    source = &c.source,
                    proxy = c.display(),
                    port = DEFAULT_PROXY_PORT
                )
            })
            .collect()
    }

    /// The proxy for a target URL: `https://` (and `wss://`) → the HTTPS setting, `http://` (and
    /// `ws://`) → the HTTP setting, each falling back to `ALL_PROXY`; `None` when the target goes
    /// direct (see [`ProxySettings::route`] for why).
    pub fn for_url(&self, url: &Url) -> Option<&ProxyConfig> {
        match self.route(url) {
            Route::Proxy(p) => Some(p),
            _ => None,
        }
    }

    /// How a target URL is reached and which setting decided it.
    pub fn route(&self, url: &Url) -> Route<'_> {
        if self.disabled {
            return Route::Disabled;
        }
        let config = match url.scheme() {
            "https" | "wss" => self.https.as_ref(),
            "http" | "ws" => self.http.as_ref(),
            _ => self.all.as_ref(),
        };
        let Some(config) = config else {
            return Route::Direct;
        };
        if let (Some(host), Some(port)) = (url.host(), url.port_or_known_default()) {
            let host = host.to_owned();
            if let Some(e) = self.no_proxy.matching(&host, port) {
                return Route::Bypassed {
                    entry: &e.text,
                    source: self.no_proxy.source.as_deref().unwrap_or("NO_PROXY"),
                };
            }
        }
        Route::Proxy(config)
    }

    /// The proxies configured, by the scheme of target they serve (`https`, `http`, `other`);
    /// one proxy may serve several.
    pub fn proxies(&self) -> Vec<(&'static str, &ProxyConfig)> {
        [("https", &self.https), ("http", &self.http), ("other", &self.all)]
            .into_iter()
            .filter_map(|(scope, c)| c.as_ref().map(|c| (scope, c)))
            .collect()
    }

    /// True when any proxy applies to some target (before `NO_PROXY`).
    pub fn any_proxy(&self) -> bool {
        !self.disabled && (self.https.is_some() || self.http.is_some() || self.all.is_some())
    }

    /// True when `--proxy ""` turned proxies off.
    pub fn disabled(&self) -> bool {
        self.disabled
    }

    /// Where the `NO_PROXY` list in force came from (`--noproxy`, `no_proxy`, `NO_PROXY`).
    pub fn no_proxy_source(&self) -> Option<&str> {
        self.no_proxy.source.as_deref()
    }

    /// The `NO_PROXY` entries in force, as written (malformed ones left out).
    pub fn no_proxy_entries(&self) -> Vec<&str> {
        self.no_proxy.entries.iter().map(|e| e.text.as_str()).collect()
    }

    /// Human warnings: upper- and lower-case variables that disagree, malformed variables or
    /// `NO_PROXY` entries, a proxy URL without a port. Never carries credentials.
    pub fn warnings(&self) -> &[Message] {
        &self.warnings
    }

    /// The names of the proxy variables that are set but malformed.
    pub fn malformed(&self) -> &[String] {
        &self.malformed
    }
}

/// A warning when `lower` and `upper` name different proxies, quoting both without credentials.
fn disagreement(lower: &str, a: &str, upper: &str, b: &str) -> Option<Message> {
    let pa = ProxyConfig::parse(a, lower).ok();
    let pb = ProxyConfig::parse(b, upper).ok();
    let shown = |raw: &str, p: &Option<ProxyConfig>| match p {
        Some(p) => p.display(),
        None => redact_raw(raw),
    };
    match (&pa, &pb) {
        (Some(x), Some(y)) if x.same_as(y) => None,
        (Some(x), Some(y)) if x.display() == y.display() => Some(msg!(
            "proxy-credentials-disagree",
            lower = lower,
            upper = upper,
            proxy = x.display()
        )),
        _ if a == b => None,
        _ => Some(msg!(
            "proxy-disagree",
            lower = lower,
            upper = upper,
            lower_value = shown(a, &pa),
            upper_value = shown(b, &pb)
        )),
    }
}

/// A warning for each lower-/upper-case pair of proxy variables that name different proxies.
fn case_disagreements(read: ReadVariable<'_>) -> Vec<Message> {
    PROXY_VARIABLES
        .chunks(2)
        .filter_map(|pair| {
            let (lower, upper) = (pair[0], pair[1]);
            let (a, b) = (read(lower)?, read(upper)?);
            disagreement(lower, &a, upper, &b)
        })
        .collect()
}

/// A warning when `no_proxy` and `NO_PROXY` hold different lists.
fn no_proxy_disagreement(read: ReadVariable<'_>) -> Option<Message> {
    let [lower, upper] = NO_PROXY_VARIABLES;
    let (a, b) = (read(lower)?, read(upper)?);
    (!same_entries(&a, &b)).then(|| {
        msg!(
            "noproxy-disagree",
            lower = truncate_chars(&a, SHOWN_CHARS),
            upper = truncate_chars(&b, SHOWN_CHARS)
        )
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name: &str| map.get(name).cloned()
    }

    fn settings(pairs: &[(&str, &str)]) -> ProxySettings {
        ProxySettings::from_sources(env(pairs), None, None).unwrap()
    }

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn source_for(s: &ProxySettings, target: &str) -> Option<String> {
        s.for_url(&url(target)).map(|p| p.source.clone())
    }

    #[test]
    fn a_proxy_url_without_a_scheme_is_http_and_without_a_port_is_1080() {
        let p = ProxyConfig::parse("proxy.example", "HTTPS_PROXY").unwrap();
        assert_eq!(p.scheme, ProxyScheme::Http);
        assert_eq!(p.display(), "http://proxy.example:1080");
        assert!(!p.port_given());
        let p = ProxyConfig::parse("http://PROXY.example:80/", "x").unwrap();
        assert_eq!(p.display(), "http://proxy.example:80", "an explicit :80 is kept");
        assert!(p.port_given());
        let p = ProxyConfig::parse("socks5h://[::1]:9050", "x").unwrap();
        assert_eq!(
            (p.scheme, p.host(), p.port()),
            (ProxyScheme::Socks5h, "::1", 9050)
        );
        assert_eq!(p.display(), "socks5h://[::1]:9050");
        let p = ProxyConfig::parse("SOCKS5://127.0.0.1:1080", "x").unwrap();
        assert_eq!(p.scheme, ProxyScheme::Socks5);
    }

    #[test]
    fn malformed_proxy_urls_are_refused_without_panicking() {
        for bad in [
            "",
            "   ",
            "https://proxy:3128",
            "ftp://proxy:21",
            "socks4://proxy",
            "http://proxy:99999",
            "http://proxy:0",
            "http://:3128",
            "http://",
            "http://pro xy:3128",
            "http://[::1:3128",
            "://",
            "\u{0}\u{1}",
            "http://ü:1",
            "http://a:b@",
        ] {
            assert!(ProxyConfig::parse(bad, "HTTPS_PROXY").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn credentials_never_show_in_display_debug_or_errors() {
        let p = ProxyConfig::parse("http://alice:s3cr%40t@proxy.example:3128", "HTTPS_PROXY").unwrap();
        assert!(p.has_credentials());
        assert_eq!(
            p.password.as_deref(),
            Some("s3cr@t"),
            "userinfo is percent-decoded"
        );
        for shown in [p.display(), format!("{p:?}")] {
            assert!(!shown.contains("alice") && !shown.contains("s3cr"), "{shown}");
        }
        let e = ProxyConfig::parse("https://alice:s3cret@proxy.example:3128", "--proxy")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("alice") && !e.contains("s3cret"), "{e}");
        assert!(e.contains("***@proxy.example:3128"), "{e}");
        let e = ProxyConfig::parse("alice:s3cret@proxy.example://x", "HTTPS_PROXY")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("alice") && !e.contains("s3cret"), "{e}");
        let p = ProxyConfig::parse("http://bob@proxy:3128", "x").unwrap();
        assert!(p.has_credentials(), "a user name alone is a credential");
        assert!(
            !ProxyConfig::parse("http://proxy:3128", "x")
                .unwrap()
                .has_credentials()
        );
    }

    #[test]
    fn https_targets_use_https_proxy_and_fall_back_to_all_proxy() {
        let s = settings(&[
            ("HTTPS_PROXY", "http://s:1"),
            ("HTTP_PROXY", "http://h:1"),
            ("ALL_PROXY", "socks5h://a:1"),
        ]);
        assert_eq!(
            source_for(&s, "https://chatgpt.com/").as_deref(),
            Some("HTTPS_PROXY")
        );
        assert_eq!(
            source_for(&s, "http://captive.test/").as_deref(),
            Some("HTTP_PROXY")
        );
        let s = settings(&[("ALL_PROXY", "socks5h://a:1")]);
        assert_eq!(
            source_for(&s, "https://chatgpt.com/").as_deref(),
            Some("ALL_PROXY")
        );
        assert_eq!(source_for(&s, "http://x.test/").as_deref(), Some("ALL_PROXY"));
        let s = settings(&[("HTTP_PROXY", "http://h:1")]);
        assert_eq!(
            source_for(&s, "https://chatgpt.com/"),
            None,
            "HTTP_PROXY is not for https"
        );
        assert_eq!(s.route(&url("https://chatgpt.com/")), Route::Direct);
    }

    #[test]
    fn lower_case_wins_as_in_curl_and_a_disagreement_is_a_warning() {
        let s = settings(&[
            ("https_proxy", "http://lower:3128"),
            ("HTTPS_PROXY", "http://user:pw-upper@upper:3128"),
        ]);
        assert_eq!(
            source_for(&s, "https://chatgpt.com/").as_deref(),
            Some("https_proxy")
        );
        assert_eq!(s.warnings().len(), 1, "{:?}", s.warnings());
        let w = &s.warnings()[0].to_string();
        assert!(w.contains("https_proxy (http://lower:3128)"), "{w}");
        assert!(w.contains("HTTPS_PROXY (http://upper:3128)"), "{w}");
        assert!(!w.contains("pw-upper") && !w.contains("user:"), "{w}");

        let s = settings(&[("http_proxy", "http://a:1"), ("HTTP_PROXY", "http://b:1")]);
        assert_eq!(source_for(&s, "http://x.test/").as_deref(), Some("http_proxy"));
        assert!(
            s.warnings()[0]
                .to_string()
                .contains("http_proxy (http://a:1) and HTTP_PROXY (http://b:1)")
        );
        // HTTP_PROXY alone is honoured (curl would not; most other tools do: module docs).
        let s = settings(&[("HTTP_PROXY", "http://b:1")]);
        assert_eq!(source_for(&s, "http://x.test/").as_deref(), Some("HTTP_PROXY"));

        let s = settings(&[("all_proxy", "socks5://a:1"), ("ALL_PROXY", "socks5://b:1")]);
        assert_eq!(source_for(&s, "https://x.test/").as_deref(), Some("all_proxy"));
        assert_eq!(s.warnings().len(), 1);
    }

    #[test]
    fn equal_settings_in_both_cases_are_no_warning() {
        let s = settings(&[
            ("https_proxy", "http://p:3128"),
            ("HTTPS_PROXY", "http://P:3128/"),
            ("no_proxy", "localhost,.corp"),
            ("NO_PROXY", "localhost, .corp"),
        ]);
        assert!(s.warnings().is_empty(), "{:?}", s.warnings());
        let s = settings(&[
            ("https_proxy", "http://u:pw-first@p:3128"),
            ("HTTPS_PROXY", "http://u:pw-second@p:3128"),
        ]);
        assert_eq!(s.warnings().len(), 1);
        assert!(
            s.warnings()[0].to_string().contains("different credentials"),
            "{:?}",
            s.warnings()
        );
        assert!(!s.warnings()[0].to_string().contains("pw-"));
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let s = settings(&[("https_proxy", ""), ("HTTPS_PROXY", "http://p:3128")]);
        assert_eq!(source_for(&s, "https://x.test/").as_deref(), Some("HTTPS_PROXY"));
        assert!(s.warnings().is_empty());
    }

    #[test]
    fn a_malformed_variable_is_a_warning_and_the_next_setting_applies() {
        let s = settings(&[
            ("https_proxy", "ftp://alice:hunter22@p:21"),
            ("HTTPS_PROXY", "http://p:3128"),
        ]);
        assert_eq!(source_for(&s, "https://x.test/").as_deref(), Some("HTTPS_PROXY"));
        assert_eq!(s.malformed(), ["https_proxy".to_string()]);
        let all = s
            .warnings()
            .iter()
            .map(std::string::ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            all.contains("https_proxy ('ftp://***@p:21') is not a usable proxy URL"),
            "{all}"
        );
        assert!(!all.contains("hunter22") && !all.contains("alice"), "{all}");
        let s = settings(&[("HTTPS_PROXY", "http://p:notaport")]);
        assert_eq!(source_for(&s, "https://x.test/"), None);
        assert_eq!(s.malformed(), ["HTTPS_PROXY".to_string()]);
    }

    #[test]
    fn a_proxy_without_a_port_is_a_warning() {
        let s = settings(&[("HTTPS_PROXY", "proxy.corp")]);
        assert_eq!(s.warnings().len(), 1);
        assert!(
            s.warnings()[0]
                .to_string()
                .contains("HTTPS_PROXY (http://proxy.corp:1080) names no port")
        );
        let s = settings(&[("ALL_PROXY", "socks5h://tor")]);
        assert!(s.warnings().is_empty(), "1080 is SOCKS's own port");
    }

    #[test]
    fn the_proxy_flag_overrides_every_variable_and_an_empty_one_turns_proxies_off() {
        let e = env(&[("HTTPS_PROXY", "http://env:1"), ("HTTP_PROXY", "http://env:1")]);
        let s = ProxySettings::from_sources(&e, Some("socks5h://flag:1080"), None).unwrap();
        assert_eq!(source_for(&s, "https://x.test/").as_deref(), Some("--proxy"));
        assert_eq!(source_for(&s, "http://x.test/").as_deref(), Some("--proxy"));
        let s = ProxySettings::from_sources(&e, Some(""), None).unwrap();
        assert_eq!(s.route(&url("https://x.test/")), Route::Disabled);
        assert!(!s.any_proxy() && s.disabled());
        let err = ProxySettings::from_sources(&e, Some("gopher://u:secret@x"), None)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--proxy") && !err.contains("secret"), "{err}");
    }

    #[test]
    fn no_proxy_matches_domains_addresses_ranges_and_ports() {
        let s = settings(&[
            ("HTTPS_PROXY", "http://p:3128"),
            ("HTTP_PROXY", "http://p:3128"),
            (
                "NO_PROXY",
                "example.com, .corp.test,*.wild.test ,10.0.0.0/8 192.0.2.7,[2001:db8::1],fd00::/8,api.test:8443,198.51.100.1:80,trailing.test.",
            ),
        ]);
        let direct = |u: &str| s.for_url(&url(u)).is_none();
        assert!(direct("https://example.com/"));
        assert!(direct("https://a.b.example.com/"));
        assert!(!direct("https://notexample.com/"), "a suffix must end at a dot");
        assert!(direct("https://corp.test/") && direct("https://x.corp.test/"));
        assert!(direct("https://wild.test/") && direct("https://x.wild.test/"));
        assert!(direct("https://10.1.2.3/") && !direct("https://11.0.0.1/"));
        assert!(direct("https://192.0.2.7/") && !direct("https://192.0.2.8/"));
        assert!(direct("https://[2001:db8::1]/") && direct("https://[fd12::1]/"));
        assert!(direct("https://api.test:8443/") && !direct("https://api.test/"));
        assert!(direct("http://198.51.100.1/") && !direct("https://198.51.100.1/"));
        assert!(direct("https://trailing.test/") && direct("https://EXAMPLE.com./"));
        assert!(!direct("https://chatgpt.com/"));
        match s.route(&url("https://x.corp.test/")) {
            Route::Bypassed { entry, source } => assert_eq!((entry, source), (".corp.test", "NO_PROXY")),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.no_proxy_source(), Some("NO_PROXY"));
    }

    #[test]
    fn a_star_in_no_proxy_bypasses_everything() {
        let s = settings(&[("HTTPS_PROXY", "http://p:3128"), ("no_proxy", "*")]);
        assert!(s.for_url(&url("https://chatgpt.com/")).is_none());
        assert!(matches!(
            s.route(&url("https://x/")),
            Route::Bypassed {
                entry: "*",
                source: "no_proxy"
            }
        ));
    }

    #[test]
    fn noproxy_flag_overrides_no_proxy_and_must_be_well_formed() {
        let e = env(&[("HTTPS_PROXY", "http://p:3128"), ("NO_PROXY", "chatgpt.com")]);
        let s = ProxySettings::from_sources(&e, None, Some("other.test")).unwrap();
        assert!(s.for_url(&url("https://chatgpt.com/")).is_some());
        assert!(s.for_url(&url("https://other.test/")).is_none());
        let s = ProxySettings::from_sources(&e, None, Some("")).unwrap();
        assert!(
            s.for_url(&url("https://chatgpt.com/")).is_some(),
            "--noproxy '' clears NO_PROXY"
        );
        let s = ProxySettings::from_sources(&e, Some("http://flag:1"), None).unwrap();
        assert!(
            s.for_url(&url("https://chatgpt.com/")).is_none(),
            "NO_PROXY applies to --proxy"
        );
        for bad in ["10.0.0.0/33", "a b/c", "host:port", "x:0", "1.2.3.4:99999"] {
            assert!(ProxySettings::from_sources(&e, None, Some(bad)).is_err(), "{bad}");
        }
    }

    /// Issue #17: a variable that is not UTF-8 was passed over without a word.
    #[cfg(unix)]
    #[test]
    fn a_variable_that_is_not_utf8_is_a_warning_and_malformed() {
        use std::os::unix::ffi::OsStringExt;
        let env = |k: &str| match k {
            "HTTPS_PROXY" => Some(OsString::from_vec(b"http://pr\xffxy:3128".to_vec())),
            "no_proxy" => Some(OsString::from_vec(b"\xfe.test".to_vec())),
            "ALL_PROXY" => Some(OsString::from("socks5h://fallback:1080")),
            _ => None,
        };
        let s = ProxySettings::from_environment(env, None, None).unwrap();
        let warnings: Vec<String> = s.warnings().iter().map(ToString::to_string).collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("HTTPS_PROXY is not valid UTF-8")),
            "{warnings:?}"
        );
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("no_proxy is not valid UTF-8")),
            "{warnings:?}"
        );
        assert_eq!(s.malformed(), ["HTTPS_PROXY"]);
        let url = Url::parse("https://chatgpt.com/").unwrap();
        assert_eq!(
            s.for_url(&url).map(ProxyConfig::display).as_deref(),
            Some("socks5h://fallback:1080")
        );
    }

    #[test]
    fn malformed_no_proxy_entries_are_warnings_and_the_rest_applies() {
        let s = settings(&[
            ("HTTPS_PROXY", "http://p:3128"),
            ("NO_PROXY", "10.0.0.0/99,good.test,bad/x"),
        ]);
        assert_eq!(s.no_proxy_entries(), ["good.test"]);
        assert_eq!(s.warnings().len(), 2, "{:?}", s.warnings());
        assert!(s.for_url(&url("https://good.test/")).is_none());
    }

    #[test]
    fn no_proxy_and_no_proxy_upper_disagreeing_is_a_warning() {
        let s = settings(&[("no_proxy", "a.test"), ("NO_PROXY", "b.test")]);
        assert_eq!(s.no_proxy_source(), Some("no_proxy"));
        assert!(
            s.warnings()[0]
                .to_string()
                .contains("no_proxy ('a.test') and NO_PROXY ('b.test') disagree")
        );
    }

    #[test]
    fn route_descriptions_name_the_setting() {
        let s = settings(&[("HTTPS_PROXY", "http://u:pw@p:3128"), ("NO_PROXY", "local.test")]);
        assert_eq!(
            s.route(&url("https://chatgpt.com/")).describe(),
            "through http://p:3128 (from HTTPS_PROXY)"
        );
        assert_eq!(
            s.route(&url("https://local.test/")).describe(),
            "direct (NO_PROXY entry 'local.test' matches)"
        );
        assert_eq!(s.proxies().len(), 1);
    }
}
