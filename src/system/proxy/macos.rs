//! The macOS proxy setting (System Settings → Network → Details → Proxies) as the system hands
//! it to every app: `SCDynamicStoreCopyProxies`, the dictionary CFNetwork and Chrome read. Keys:
//! `HTTPEnable`/`HTTPProxy`/`HTTPPort`, `HTTPSEnable`/`HTTPSProxy`/`HTTPSPort`,
//! `SOCKSEnable`/`SOCKSProxy`/`SOCKSPort` (used for a scheme without its own proxy),
//! `ProxyAutoConfigEnable`/`ProxyAutoConfigURLString`, `ProxyAutoDiscoveryEnable`,
//! `ExceptionsList` (`*` wildcards, `169.254/16` ranges) and `ExcludeSimpleHostnames`. A missing
//! port is the scheme's default, as in Chrome. Enable flags are numbers, booleans are tolerated.
//!
//! The dictionary reaches Rust as an XML property list ([`super::plist`]); the conversion here is
//! plain Rust, tested on every system. Only [`read`] calls SystemConfiguration.

use std::collections::BTreeMap;

use super::endpoint::{DEFAULT_HTTP_PORT, DEFAULT_SOCKS_PORT, ProxyEndpoint};
use super::exceptions::{MAX_EXCEPTION_CHARS, MAX_EXCEPTIONS};
use super::model::{ProxyPlatform, SystemProxySetting};
use super::plist::PlistValue;

/// The origin of the macOS setting.
pub const ORIGIN: &str = "SCDynamicStore";
/// Longest PAC URL kept.
const MAX_URL_CHARS: usize = 2048;

/// Reads the proxy dictionary (top-level keys; the per-interface `__SCOPED__` part is not what
/// apps use by default and is left alone).
pub fn parse_proxies(dict: &BTreeMap<String, PlistValue>, origin: &str) -> SystemProxySetting {
    let mut setting = SystemProxySetting::direct(ProxyPlatform::MacOs, origin);
    setting.http = endpoint(dict, "HTTP", DEFAULT_HTTP_PORT, &mut setting);
    setting.https = endpoint(dict, "HTTPS", DEFAULT_HTTP_PORT, &mut setting);
    setting.socks = endpoint(dict, "SOCKS", DEFAULT_SOCKS_PORT, &mut setting);
    if flag(dict, "ProxyAutoConfigEnable", &mut setting) {
        match dict.get("ProxyAutoConfigURLString") {
            Some(PlistValue::Str(url)) if !url.trim().is_empty() && url.chars().count() <= MAX_URL_CHARS => {
                setting.pac_url = Some(url.trim().to_string());
            }
            _ => setting.ignore("ProxyAutoConfigURLString"),
        }
    }
    setting.auto_detect = flag(dict, "ProxyAutoDiscoveryEnable", &mut setting);
    setting.bypass_simple_names = flag(dict, "ExcludeSimpleHostnames", &mut setting);
    match dict.get("ExceptionsList") {
        None => {}
        Some(PlistValue::Array(items)) => {
            for item in items {
                match item {
                    PlistValue::Str(s)
                        if !s.trim().is_empty()
                            && s.len() <= MAX_EXCEPTION_CHARS
                            && setting.exceptions.len() < MAX_EXCEPTIONS =>
                    {
                        setting.exceptions.push(s.trim().to_string());
                    }
                    _ => setting.ignore("ExceptionsList"),
                }
            }
        }
        Some(_) => setting.ignore("ExceptionsList"),
    }
    setting.settle_mode();
    setting
}

/// True when `key` holds a number other than 0 or `true`; records any other type.
fn flag(dict: &BTreeMap<String, PlistValue>, key: &str, setting: &mut SystemProxySetting) -> bool {
    match dict.get(key) {
        None => false,
        Some(PlistValue::Int(n)) => *n != 0,
        Some(PlistValue::Bool(b)) => *b,
        Some(_) => {
            setting.ignore(key);
            false
        }
    }
}

/// The proxy `PREFIX` (`HTTP`, `HTTPS`, `SOCKS`) when `PREFIXEnable` is on.
fn endpoint(
    dict: &BTreeMap<String, PlistValue>,
    prefix: &str,
    default_port: u16,
    setting: &mut SystemProxySetting,
) -> Option<ProxyEndpoint> {
    if !flag(dict, &format!("{prefix}Enable"), setting) {
        return None;
    }
    let host_key = format!("{prefix}Proxy");
    let port_key = format!("{prefix}Port");
    let port = match dict.get(&port_key) {
        None => Some(default_port),
        Some(PlistValue::Int(n)) => u16::try_from(*n).ok().filter(|p| *p > 0),
        Some(PlistValue::Str(s)) => crate::input::value::port(s.trim()).ok(),
        Some(_) => None,
    };
    let Some(port) = port else {
        setting.ignore(&port_key);
        return None;
    };
    let found = match dict.get(&host_key) {
        Some(PlistValue::Str(host)) => ProxyEndpoint::new(host, port),
        _ => None,
    };
    if found.is_none() {
        setting.ignore(&host_key);
    }
    found
}

#[cfg(target_os = "macos")]
pub use os::read;

/// The SystemConfiguration call.
#[cfg(target_os = "macos")]
mod os {
    use system_configuration::core_foundation::base::TCFType;
    use system_configuration::core_foundation::propertylist::{create_data, kCFPropertyListXMLFormat_v1_0};
    use system_configuration::dynamic_store::SCDynamicStoreBuilder;

    use super::{ORIGIN, parse_proxies};
    use crate::system::proxy::model::{ProxySource, SourceReading};
    use crate::system::proxy::plist::parse_dict;

    /// The proxy dictionary of the current network configuration.
    pub fn read() -> ProxySource {
        ProxySource {
            origin: ORIGIN.to_string(),
            reading: reading(),
        }
    }

    fn reading() -> SourceReading {
        let unreadable = |code: &str| SourceReading::Unreadable(code.to_string());
        let Some(store) = SCDynamicStoreBuilder::new("chatgpt-doctor").build() else {
            return unreadable("store_error");
        };
        let Some(proxies) = store.get_proxies() else {
            return SourceReading::Absent;
        };
        let Ok(data) = create_data(proxies.as_CFTypeRef(), kCFPropertyListXMLFormat_v1_0) else {
            return unreadable("store_error");
        };
        match parse_dict(data.bytes()) {
            Ok(dict) => SourceReading::Read(Box::new(parse_proxies(&dict, ORIGIN))),
            Err(_) => unreadable("store_error"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::system::proxy::model::{SystemProxyChoice, SystemProxyMode};
    use crate::system::proxy::plist::parse_dict;
    use url::Url;

    fn dict(body: &str) -> BTreeMap<String, PlistValue> {
        parse_dict(format!("<plist><dict>{body}</dict></plist>").as_bytes()).unwrap()
    }

    fn choice(s: &SystemProxySetting, u: &str) -> String {
        match s.choice_for(&Url::parse(u).unwrap()) {
            SystemProxyChoice::Proxy(p) => p.display(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn manual_proxies_exceptions_and_simple_names() {
        let s = parse_proxies(
            &dict(
                "<key>HTTPEnable</key><integer>1</integer><key>HTTPProxy</key><string>h.test</string>\
                 <key>HTTPPort</key><integer>8080</integer>\
                 <key>HTTPSEnable</key><integer>1</integer><key>HTTPSProxy</key><string>s.test</string>\
                 <key>HTTPSPort</key><integer>8443</integer>\
                 <key>SOCKSEnable</key><integer>1</integer><key>SOCKSProxy</key><string>2001:db8::7</string>\
                 <key>ExceptionsList</key><array><string>*.local</string><string>169.254/16</string></array>\
                 <key>ExcludeSimpleHostnames</key><integer>1</integer>\
                 <key>FTPPassive</key><integer>1</integer>",
            ),
            ORIGIN,
        );
        assert_eq!(s.mode, SystemProxyMode::Manual);
        assert_eq!(choice(&s, "https://chatgpt.com/"), "http://s.test:8443");
        assert_eq!(choice(&s, "http://chatgpt.com/"), "http://h.test:8080");
        assert_eq!(
            s.socks.as_ref().map(ToString::to_string).as_deref(),
            Some("[2001:db8::7]:1080")
        );
        assert!(choice(&s, "https://printer.local/").contains("*.local"));
        assert!(choice(&s, "http://169.254.1.1/").contains("169.254/16"));
        assert!(choice(&s, "https://intranet/").contains("<local>"));
        assert!(s.ignored.is_empty(), "{:?}", s.ignored);
    }

    #[test]
    fn disabled_proxies_are_not_used_and_socks_serves_the_rest() {
        let s = parse_proxies(
            &dict(
                "<key>HTTPSEnable</key><integer>0</integer><key>HTTPSProxy</key><string>s.test</string>\
                 <key>SOCKSEnable</key><true/><key>SOCKSProxy</key><string>k.test</string>\
                 <key>SOCKSPort</key><string>1081</string>",
            ),
            ORIGIN,
        );
        assert_eq!(choice(&s, "https://chatgpt.com/"), "socks5h://k.test:1081");
    }

    #[test]
    fn pac_and_auto_discovery() {
        let s = parse_proxies(
            &dict(
                "<key>ProxyAutoConfigEnable</key><integer>1</integer>\
                 <key>ProxyAutoConfigURLString</key><string>http://wpad.corp.test/p.pac</string>",
            ),
            ORIGIN,
        );
        assert_eq!(s.mode, SystemProxyMode::Pac);
        assert_eq!(s.pac_url.as_deref(), Some("http://wpad.corp.test/p.pac"));
        let s = parse_proxies(
            &dict("<key>ProxyAutoDiscoveryEnable</key><integer>1</integer>"),
            ORIGIN,
        );
        assert_eq!((s.mode, s.auto_detect), (SystemProxyMode::AutoDetect, true));
        let s = parse_proxies(&dict(""), ORIGIN);
        assert_eq!((s.mode, s.ignored.len()), (SystemProxyMode::Direct, 0));
    }

    #[test]
    fn wrong_types_and_bad_values_are_named() {
        let s = parse_proxies(
            &dict(
                "<key>HTTPEnable</key><string>yes</string>\
                 <key>HTTPSEnable</key><integer>1</integer><key>HTTPSProxy</key><integer>5</integer>\
                 <key>SOCKSEnable</key><integer>1</integer><key>SOCKSProxy</key><string>k.test</string>\
                 <key>SOCKSPort</key><integer>70000</integer>\
                 <key>ProxyAutoConfigEnable</key><integer>1</integer>\
                 <key>ProxyAutoConfigURLString</key><string>  </string>\
                 <key>ExceptionsList</key><array><string>ok.test</string><integer>1</integer></array>",
            ),
            ORIGIN,
        );
        assert_eq!(
            s.ignored,
            [
                "HTTPEnable",
                "HTTPSProxy",
                "SOCKSPort",
                "ProxyAutoConfigURLString",
                "ExceptionsList"
            ]
        );
        assert_eq!(
            (s.mode, s.exceptions.clone()),
            (SystemProxyMode::Direct, vec!["ok.test".to_string()])
        );
        let s = parse_proxies(&dict("<key>ExceptionsList</key><string>x</string>"), ORIGIN);
        assert_eq!(s.ignored, ["ExceptionsList"]);
        let long = "a".repeat(MAX_EXCEPTION_CHARS + 1);
        let items = format!("<string>{long}</string>").repeat(3)
            + &"<string>b.test</string>".repeat(MAX_EXCEPTIONS + 1);
        let s = parse_proxies(
            &dict(&format!("<key>ExceptionsList</key><array>{items}</array>")),
            ORIGIN,
        );
        assert_eq!((s.exceptions.len(), s.ignored.len()), (MAX_EXCEPTIONS, 1));
    }
}
