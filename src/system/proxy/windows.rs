//! The Windows proxy setting (Settings → Network → Proxy, Internet Options), as WinINet, Edge and
//! Chrome read it from `…\CurrentVersion\Internet Settings`:
//!
//! * `ProxyEnable` (DWORD, not 0 = on) with `ProxyServer`: `host:port` for every scheme, or per
//!   scheme `http=h:p;https=h:p;ftp=h:p;socks=h:p`. As Chrome reads it: an entry without `=` that
//!   comes first is the proxy for every scheme and ends the list, one that comes after a `x=`
//!   entry is left out; `socks=` serves the schemes that have no proxy of their own.
//! * `ProxyOverride`: `;`-separated patterns with `*` wildcards; `<local>` = names without a dot.
//! * `AutoConfigURL`: a PAC file.
//! * `Connections\DefaultConnectionSettings`: a binary blob whose flags (the little-endian DWORD
//!   at offset 8) WinINet follows: `0x08` = detect settings automatically (WPAD), `0x04` = use the
//!   PAC file. When the blob is missing, `AutoConfigURL` alone decides the PAC file.
//! * The machine policy `HKLM\Software\Policies\Microsoft\Windows\CurrentVersion\Internet
//!   Settings\ProxySettingsPerUser` = 0 puts `HKLM\…\Internet Settings` in force for every user.
//!
//! Registry values are untrusted: wrong types are tolerated where the meaning is plain (a DWORD
//! written as a string or as four bytes) and otherwise recorded in `ignored`; strings are capped.
//! The parsing is plain Rust tested on every system; only [`read`] calls the registry.

use super::endpoint::{DEFAULT_HTTP_PORT, DEFAULT_SOCKS_PORT, ProxyEndpoint};
use super::exceptions::{is_local_marker, split_list};
use super::model::{ProxyPlatform, SystemProxySetting};

/// The per-user key.
pub const USER_ORIGIN: &str = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings";
/// The per-machine key, in force when the policy says so.
pub const MACHINE_ORIGIN: &str = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Internet Settings";
/// The key path under the hive.
pub const SETTINGS_PATH: &str = r"Software\Microsoft\Windows\CurrentVersion\Internet Settings";
/// The policy key path under HKLM.
pub const POLICY_PATH: &str = r"Software\Policies\Microsoft\Windows\CurrentVersion\Internet Settings";
/// Longest string value read, in characters (`ProxyOverride` lists can be long).
const MAX_STRING_CHARS: usize = 32 * 1024;
/// Longest PAC URL kept.
const MAX_URL_CHARS: usize = 2048;
/// Largest value read at all, in bytes.
pub const MAX_VALUE_BYTES: usize = 128 * 1024;
/// The blob's flag for "Automatically detect settings".
const FLAG_AUTO_DETECT: u8 = 0x08;
/// The blob's flag for "Use setup script".
const FLAG_AUTO_CONFIG_URL: u8 = 0x04;
/// Where the flags sit in the blob (after a version DWORD and a change counter DWORD).
const FLAGS_OFFSET: usize = 8;

/// A registry value as read, whatever its declared type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryValue {
    /// `REG_DWORD`.
    Dword(u32),
    /// `REG_QWORD`.
    Qword(u64),
    /// `REG_SZ` or `REG_EXPAND_SZ`, decoded from UTF-16 (unpaired surrogates replaced), up to
    /// the first NUL.
    Text(String),
    /// `REG_BINARY` and anything else.
    Binary(Vec<u8>),
}

/// The values of one `Internet Settings` key that matter, each `None` when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InternetSettingsValues {
    pub proxy_enable: Option<RegistryValue>,
    pub proxy_server: Option<RegistryValue>,
    pub proxy_override: Option<RegistryValue>,
    pub auto_config_url: Option<RegistryValue>,
    /// `Connections\DefaultConnectionSettings`.
    pub connection_settings: Option<RegistryValue>,
}

impl RegistryValue {
    /// Decodes UTF-16 registry text up to its first NUL.
    pub fn from_wide(wide: &[u16]) -> RegistryValue {
        let end = wide.iter().position(|c| *c == 0).unwrap_or(wide.len());
        RegistryValue::Text(String::from_utf16_lossy(&wide[..end]))
    }

    /// The value as a number: a DWORD or QWORD, decimal text, or 4 or 8 little-endian bytes.
    fn as_number(&self) -> Option<u64> {
        match self {
            RegistryValue::Dword(n) => Some(u64::from(*n)),
            RegistryValue::Qword(n) => Some(*n),
            RegistryValue::Text(t) => t.trim().parse().ok(),
            RegistryValue::Binary(b) => match b.len() {
                4 => b.first_chunk::<4>().map(|c| u64::from(u32::from_le_bytes(*c))),
                8 => b.first_chunk::<8>().map(|c| u64::from_le_bytes(*c)),
                _ => None,
            },
        }
    }

    /// The value as text of at most `max` characters; `None` for another type or longer text.
    fn as_text(&self, max: usize) -> Option<&str> {
        match self {
            RegistryValue::Text(t) if t.chars().count() <= max => Some(t.trim()),
            _ => None,
        }
    }
}

/// Reads one `Internet Settings` key's values into a setting from `origin`.
pub fn parse_internet_settings(values: &InternetSettingsValues, origin: &str) -> SystemProxySetting {
    let mut setting = SystemProxySetting::direct(ProxyPlatform::Windows, origin);
    let flags = values.connection_settings.as_ref().map(connection_flags);
    if let Some(None) = flags {
        setting.ignore("DefaultConnectionSettings");
    }
    let flags = flags.flatten();
    setting.auto_detect = flags.is_some_and(|f| f & FLAG_AUTO_DETECT != 0);
    if let Some(v) = &values.auto_config_url {
        match v.as_text(MAX_URL_CHARS) {
            Some("") => {}
            Some(url) if flags.is_none_or(|f| f & FLAG_AUTO_CONFIG_URL != 0) => {
                setting.pac_url = Some(url.to_string());
            }
            Some(_) => {}
            None => setting.ignore("AutoConfigURL"),
        }
    }
    let enabled = match values.proxy_enable.as_ref().map(RegistryValue::as_number) {
        None => false,
        Some(Some(n)) => n != 0,
        Some(None) => {
            setting.ignore("ProxyEnable");
            false
        }
    };
    if enabled {
        read_proxy_server(values.proxy_server.as_ref(), &mut setting);
        read_proxy_override(values.proxy_override.as_ref(), &mut setting);
    }
    setting.settle_mode();
    setting
}

/// The flags byte of a `DefaultConnectionSettings` blob; `None` when the value is not a blob
/// long enough to hold it.
fn connection_flags(value: &RegistryValue) -> Option<u8> {
    match value {
        RegistryValue::Binary(b) => b.get(FLAGS_OFFSET).copied(),
        RegistryValue::Dword(_) | RegistryValue::Qword(_) | RegistryValue::Text(_) => None,
    }
}

/// Fills the manual proxies from `ProxyServer`.
fn read_proxy_server(value: Option<&RegistryValue>, setting: &mut SystemProxySetting) {
    let Some(value) = value else {
        return;
    };
    let Some(text) = value.as_text(MAX_STRING_CHARS) else {
        setting.ignore("ProxyServer");
        return;
    };
    let mut per_scheme = false;
    for entry in text.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let Some((scheme, address)) = entry.split_once('=') else {
            if per_scheme {
                setting.ignore("ProxyServer");
                continue;
            }
            read_single_proxy(entry, setting);
            return;
        };
        per_scheme = true;
        let scheme = scheme.trim().to_ascii_lowercase();
        let (slot, default_port) = match scheme.as_str() {
            "http" => (&mut setting.http, DEFAULT_HTTP_PORT),
            "https" => (&mut setting.https, DEFAULT_HTTP_PORT),
            "socks" => (&mut setting.socks, DEFAULT_SOCKS_PORT),
            // FTP and other schemes carry no ChatGPT traffic.
            _ => continue,
        };
        let allowed: &[&str] = if scheme == "socks" {
            &["socks", "socks4", "socks4a", "socks5"]
        } else {
            &["http"]
        };
        match ProxyEndpoint::parse_entry(address, default_port) {
            Some((written, e)) if written.as_deref().is_none_or(|w| allowed.contains(&w)) => {
                *slot = Some(e);
            }
            _ => setting.ignore("ProxyServer"),
        }
    }
}

/// A `ProxyServer` without `=`: one proxy for every scheme (a SOCKS one when written
/// `socks://…`).
fn read_single_proxy(entry: &str, setting: &mut SystemProxySetting) {
    match ProxyEndpoint::parse_entry(entry, DEFAULT_HTTP_PORT) {
        Some((None, e)) => {
            setting.http = Some(e.clone());
            setting.https = Some(e);
        }
        Some((Some(s), e)) if s == "http" => {
            setting.http = Some(e.clone());
            setting.https = Some(e);
        }
        Some((Some(s), _)) if s.starts_with("socks") => {
            // Written with a scheme but no port, the SOCKS default applies.
            setting.socks = ProxyEndpoint::parse_entry(entry, DEFAULT_SOCKS_PORT).map(|(_, e)| e);
        }
        _ => setting.ignore("ProxyServer"),
    }
}

/// Fills the exceptions from `ProxyOverride`.
fn read_proxy_override(value: Option<&RegistryValue>, setting: &mut SystemProxySetting) {
    let Some(value) = value else {
        return;
    };
    let Some(text) = value.as_text(MAX_STRING_CHARS) else {
        setting.ignore("ProxyOverride");
        return;
    };
    let (entries, left_out) = split_list(text, &[';', ',', ' ', '\t', '\r', '\n']);
    if left_out {
        setting.ignore("ProxyOverride");
    }
    for entry in entries {
        if is_local_marker(&entry) {
            setting.bypass_simple_names = true;
        } else {
            setting.exceptions.push(entry);
        }
    }
}

/// True when `ProxySettingsPerUser` says every user follows the machine's settings (it is 0).
pub fn machine_wide(per_user: Option<&RegistryValue>) -> bool {
    per_user.and_then(RegistryValue::as_number) == Some(0)
}

#[cfg(windows)]
pub use os::read;

/// The registry calls.
#[cfg(windows)]
mod os {
    use windows_registry::{CURRENT_USER, Key, LOCAL_MACHINE, Type, Value};

    use super::{
        InternetSettingsValues, MACHINE_ORIGIN, MAX_VALUE_BYTES, POLICY_PATH, RegistryValue, SETTINGS_PATH,
        USER_ORIGIN, machine_wide, parse_internet_settings,
    };
    use crate::system::proxy::model::{ProxySource, SourceReading};

    /// `HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)`.
    const NOT_FOUND: i32 = 0x8007_0002_u32 as i32;
    /// `HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)`.
    const ACCESS_DENIED: i32 = 0x8007_0005_u32 as i32;

    /// The per-user source and, when the policy puts it in force, the per-machine one; and whether
    /// the machine's is in force.
    pub fn read() -> (Vec<ProxySource>, bool) {
        let per_user = LOCAL_MACHINE
            .options()
            .read()
            .open(POLICY_PATH)
            .ok()
            .and_then(|k| value(&k, "ProxySettingsPerUser").ok().flatten());
        let machine = machine_wide(per_user.as_ref());
        let mut sources = vec![source(CURRENT_USER, USER_ORIGIN)];
        if machine {
            sources.push(source(LOCAL_MACHINE, MACHINE_ORIGIN));
        }
        (sources, machine)
    }

    /// Reads one `Internet Settings` key.
    fn source(root: &Key, origin: &str) -> ProxySource {
        let reading = match root.options().read().open(SETTINGS_PATH) {
            Err(e) if e.code().0 == NOT_FOUND => SourceReading::Absent,
            Err(e) => SourceReading::Unreadable(reason(e.code().0)),
            Ok(key) => match values(&key) {
                Ok(v) => SourceReading::Read(Box::new(parse_internet_settings(&v, origin))),
                Err(code) => SourceReading::Unreadable(reason(code)),
            },
        };
        ProxySource {
            origin: origin.to_string(),
            reading,
        }
    }

    fn values(key: &Key) -> Result<InternetSettingsValues, i32> {
        let connections = match key.options().read().open("Connections") {
            Ok(k) => value(&k, "DefaultConnectionSettings")?,
            Err(e) if e.code().0 == NOT_FOUND => None,
            Err(e) => return Err(e.code().0),
        };
        Ok(InternetSettingsValues {
            proxy_enable: value(key, "ProxyEnable")?,
            proxy_server: value(key, "ProxyServer")?,
            proxy_override: value(key, "ProxyOverride")?,
            auto_config_url: value(key, "AutoConfigURL")?,
            connection_settings: connections,
        })
    }

    /// One value, `None` when absent; a value larger than the cap reads as an empty blob, which
    /// the parser records as unusable.
    fn value(key: &Key, name: &str) -> Result<Option<RegistryValue>, i32> {
        let v: Value = match key.get_value(name) {
            Ok(v) => v,
            Err(e) if e.code().0 == NOT_FOUND => return Ok(None),
            Err(e) => return Err(e.code().0),
        };
        if v.len() > MAX_VALUE_BYTES {
            return Ok(Some(RegistryValue::Binary(Vec::new())));
        }
        let bytes: &[u8] = &v;
        Ok(Some(match v.ty() {
            Type::U32 => bytes
                .first_chunk::<4>()
                .map_or(RegistryValue::Binary(Vec::new()), |b| {
                    RegistryValue::Dword(u32::from_le_bytes(*b))
                }),
            Type::U64 => bytes
                .first_chunk::<8>()
                .map_or(RegistryValue::Binary(Vec::new()), |b| {
                    RegistryValue::Qword(u64::from_le_bytes(*b))
                }),
            Type::String | Type::ExpandString => RegistryValue::from_wide(v.as_wide()),
            Type::MultiString | Type::Bytes | Type::Other(_) => RegistryValue::Binary(bytes.to_vec()),
        }))
    }

    fn reason(code: i32) -> String {
        match code {
            ACCESS_DENIED => "permission_denied".to_string(),
            _ => "registry_error".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::proxy::model::{SystemProxyChoice, SystemProxyMode};
    use url::Url;

    fn text(s: &str) -> Option<RegistryValue> {
        Some(RegistryValue::Text(s.to_string()))
    }

    fn manual(server: &str, exceptions: &str) -> SystemProxySetting {
        parse_internet_settings(
            &InternetSettingsValues {
                proxy_enable: Some(RegistryValue::Dword(1)),
                proxy_server: text(server),
                proxy_override: text(exceptions),
                ..Default::default()
            },
            USER_ORIGIN,
        )
    }

    fn shown(e: &Option<ProxyEndpoint>) -> Option<String> {
        e.as_ref().map(ToString::to_string)
    }

    fn blob(flags: u8) -> Option<RegistryValue> {
        let mut b = vec![0x46, 0, 0, 0, 7, 0, 0, 0, flags, 0, 0, 0, 0, 0, 0, 0];
        b.extend_from_slice(&[0; 20]);
        Some(RegistryValue::Binary(b))
    }

    #[test]
    fn one_proxy_for_every_scheme() {
        let s = manual("proxy.corp.test:8080", "");
        assert_eq!(s.mode, SystemProxyMode::Manual);
        assert_eq!(shown(&s.http).as_deref(), Some("proxy.corp.test:8080"));
        assert_eq!(shown(&s.https).as_deref(), Some("proxy.corp.test:8080"));
        assert_eq!(s.socks, None);
        let s = manual("[2001:db8::8]:3128", "");
        assert_eq!(shown(&s.https).as_deref(), Some("[2001:db8::8]:3128"));
        let s = manual("http://192.0.2.8", "");
        assert_eq!(shown(&s.https).as_deref(), Some("192.0.2.8:80"));
        let s = manual("socks5://192.0.2.9", "");
        assert_eq!(
            (shown(&s.socks).as_deref(), s.https.is_none()),
            (Some("192.0.2.9:1080"), true)
        );
        let u = Url::parse("https://chatgpt.com/").unwrap();
        match manual("192.0.2.8:3128", "").choice_for(&u) {
            SystemProxyChoice::Proxy(p) => {
                assert_eq!(p.display(), "http://192.0.2.8:3128");
                assert_eq!(p.source, USER_ORIGIN);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn per_scheme_proxies_and_the_socks_fallback() {
        let s = manual("http=h.test:80; https=s.test:443;ftp=f.test:21;socks=k.test", "");
        assert_eq!(shown(&s.http).as_deref(), Some("h.test:80"));
        assert_eq!(shown(&s.https).as_deref(), Some("s.test:443"));
        assert_eq!(shown(&s.socks).as_deref(), Some("k.test:1080"));
        let s = manual("HTTP=h.test:81;socks=socks4://[2001:db8::9]:1081", "");
        assert_eq!(s.https, None);
        assert_eq!(shown(&s.socks).as_deref(), Some("[2001:db8::9]:1081"));
        let u = Url::parse("https://chatgpt.com/").unwrap();
        match s.choice_for(&u) {
            SystemProxyChoice::Proxy(p) => assert_eq!(p.display(), "socks5://[2001:db8::9]:1081"),
            other => panic!("{other:?}"),
        }
        // Scheme-less after per-scheme: left out, as Chrome does.
        let s = manual("https=s.test:443;plain.test:8080", "");
        assert_eq!(
            (s.http.is_none(), s.ignored.clone()),
            (true, vec!["ProxyServer".to_string()])
        );
        // Scheme-less first: every scheme, the rest not read.
        let s = manual("plain.test:8080;https=s.test:443", "");
        assert_eq!(shown(&s.https).as_deref(), Some("plain.test:8080"));
    }

    #[test]
    fn unusable_proxy_servers_are_named_not_quoted() {
        for bad in [
            "https=https://s.test:443",
            "http=user:pw@h.test:80",
            "http=:80",
            "h.test:0",
            "http=socks5://h.test:1",
            "gopher://x:1",
        ] {
            let s = manual(bad, "");
            assert_eq!(s.ignored, ["ProxyServer"], "{bad}");
            assert_eq!(s.mode, SystemProxyMode::Direct, "{bad}");
        }
        let s = manual(&"a".repeat(MAX_STRING_CHARS + 1), "");
        assert_eq!(s.ignored, ["ProxyServer"]);
        let s = parse_internet_settings(
            &InternetSettingsValues {
                proxy_enable: Some(RegistryValue::Dword(1)),
                proxy_server: Some(RegistryValue::Dword(8080)),
                ..Default::default()
            },
            USER_ORIGIN,
        );
        assert_eq!(s.ignored, ["ProxyServer"]);
    }

    #[test]
    fn the_override_list_and_local() {
        let s = manual("p.test:1", "*.corp.test; <local>;192.0.2.*;;  10.0.0.0/8");
        assert!(s.bypass_simple_names);
        assert_eq!(s.exceptions, ["*.corp.test", "192.0.2.*", "10.0.0.0/8"]);
        let bypassed = |u: &str| {
            matches!(
                s.choice_for(&Url::parse(u).unwrap()),
                SystemProxyChoice::Bypassed { .. }
            )
        };
        assert!(bypassed("https://a.corp.test/") && bypassed("https://intranet/"));
        assert!(bypassed("https://192.0.2.3/") && bypassed("http://10.9.9.9/"));
        assert!(!bypassed("https://chatgpt.com/"));
    }

    #[test]
    fn proxy_enable_decides_and_tolerates_wrong_types() {
        let with = |enable: RegistryValue| {
            parse_internet_settings(
                &InternetSettingsValues {
                    proxy_enable: Some(enable),
                    proxy_server: text("p.test:3128"),
                    ..Default::default()
                },
                USER_ORIGIN,
            )
        };
        assert_eq!(with(RegistryValue::Dword(0)).mode, SystemProxyMode::Direct);
        assert_eq!(
            with(RegistryValue::Text(" 1 ".into())).mode,
            SystemProxyMode::Manual
        );
        assert_eq!(
            with(RegistryValue::Binary(vec![1, 0, 0, 0])).mode,
            SystemProxyMode::Manual
        );
        assert_eq!(with(RegistryValue::Qword(1 << 40)).mode, SystemProxyMode::Manual);
        let odd = with(RegistryValue::Binary(vec![1, 2, 3]));
        assert_eq!(
            (odd.mode, odd.ignored.clone()),
            (SystemProxyMode::Direct, vec!["ProxyEnable".into()])
        );
        let none = parse_internet_settings(&InternetSettingsValues::default(), USER_ORIGIN);
        assert_eq!((none.mode, none.ignored.len()), (SystemProxyMode::Direct, 0));
    }

    #[test]
    fn auto_detection_and_the_pac_file_follow_the_connection_blob() {
        let with = |blob: Option<RegistryValue>, url: Option<RegistryValue>| {
            parse_internet_settings(
                &InternetSettingsValues {
                    auto_config_url: url,
                    connection_settings: blob,
                    ..Default::default()
                },
                USER_ORIGIN,
            )
        };
        let pac = text("http://wpad.corp.test/proxy.pac");
        let s = with(blob(0x01 | 0x08), None);
        assert_eq!((s.mode, s.auto_detect), (SystemProxyMode::AutoDetect, true));
        let s = with(blob(0x05), pac.clone());
        assert_eq!(s.mode, SystemProxyMode::Pac);
        assert_eq!(s.pac_url.as_deref(), Some("http://wpad.corp.test/proxy.pac"));
        let s = with(blob(0x01), pac.clone());
        assert_eq!(s.mode, SystemProxyMode::Direct, "the blob says the script is off");
        let s = with(None, pac.clone());
        assert_eq!(s.mode, SystemProxyMode::Pac, "no blob: the value alone decides");
        let s = with(blob(0x0d), pac);
        assert_eq!((s.mode, s.pac_url.is_some()), (SystemProxyMode::AutoDetect, true));
        for truncated in [vec![], vec![0x46, 0, 0, 0, 1, 0, 0, 0]] {
            let s = with(Some(RegistryValue::Binary(truncated)), None);
            assert_eq!(
                (s.auto_detect, s.ignored.clone()),
                (false, vec!["DefaultConnectionSettings".into()])
            );
        }
        let s = with(
            Some(RegistryValue::Binary(
                vec![0; 9].into_iter().chain([0x08]).collect(),
            )),
            None,
        );
        assert!(!s.auto_detect, "byte 9 is not the flags byte");
        let s = with(Some(RegistryValue::Dword(8)), None);
        assert_eq!(s.ignored, ["DefaultConnectionSettings"]);
        let s = with(
            None,
            text(&format!("http://x.test/{}", "a".repeat(MAX_URL_CHARS))),
        );
        assert_eq!((s.pac_url, s.ignored), (None, vec!["AutoConfigURL".to_string()]));
    }

    #[test]
    fn utf16_values_stop_at_nul_and_survive_bad_surrogates() {
        let wide: Vec<u16> = "p.test:80".encode_utf16().chain([0, 0x41]).collect();
        assert_eq!(
            RegistryValue::from_wide(&wide),
            RegistryValue::Text("p.test:80".into())
        );
        let bad = RegistryValue::from_wide(&[0xD800, 0x70]);
        assert_eq!(bad, RegistryValue::Text("\u{FFFD}p".into()));
        assert_eq!(RegistryValue::from_wide(&[]), RegistryValue::Text(String::new()));
    }

    #[test]
    fn the_policy_puts_the_machine_settings_in_force_only_when_zero() {
        assert!(machine_wide(Some(&RegistryValue::Dword(0))));
        assert!(!machine_wide(Some(&RegistryValue::Dword(1))));
        assert!(!machine_wide(None));
        assert!(!machine_wide(Some(&RegistryValue::Text("no".into()))));
    }
}
