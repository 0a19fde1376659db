//! One proxy server as a system setting names it: a host and a port, read from the shapes the
//! systems write (`host:port`, `[2001:db8::1]:8080`, a bare IPv6 address, KDE's `host port`, each
//! optionally after `scheme://`), checked once so that it always makes a [`ProxyConfig`].

use std::fmt;
use std::net::Ipv6Addr;

use crate::route::{ProxyConfig, ProxyScheme, bracket};

/// The port an HTTP proxy entry without one uses (WinINet, Chrome, KIO: the scheme's default).
pub const DEFAULT_HTTP_PORT: u16 = 80;
/// The port a SOCKS proxy entry without one uses (Chrome and KIO).
pub const DEFAULT_SOCKS_PORT: u16 = 1080;
/// Longest host name accepted (DNS allows 253 characters).
const MAX_HOST_CHARS: usize = 253;
/// Longest entry looked at; anything longer is not a proxy address.
const MAX_ENTRY_CHARS: usize = 1024;

/// A proxy server named by a system setting: a valid host (IPv6 without brackets, lower case) and
/// a port other than 0.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyEndpoint {
    /// The same server as an `http://` proxy without credentials, made once so that turning the
    /// endpoint into a proxy of any scheme cannot fail.
    config: ProxyConfig,
}

impl fmt::Debug for ProxyEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ProxyEndpoint({self})")
    }
}

/// `host:port`, IPv6 in brackets.
impl fmt::Display for ProxyEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", bracket(self.host()), self.port())
    }
}

impl ProxyEndpoint {
    /// A host and a port as separate settings (GNOME's `host` and `port` keys). `None` when the
    /// host is not a valid name or address, or the port is 0.
    pub fn new(host: &str, port: u16) -> Option<ProxyEndpoint> {
        let host = host.trim();
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        if port == 0 || !valid_host(host) {
            return None;
        }
        let url = format!("http://{}:{port}", bracket(host));
        ProxyConfig::parse(&url, "system")
            .ok()
            .map(|config| ProxyEndpoint { config })
    }

    /// Reads an entry written as `host:port`, `[v6]:port`, a bare host or IPv6 address (then
    /// `default_port`), or KDE's `host port`, each optionally after `scheme://` and with a
    /// trailing `/`. Returns the scheme as written (lower case, `None` when there was none) and
    /// the endpoint; `None` when the entry is not a usable address (credentials in it are
    /// refused: system settings keep those elsewhere).
    pub fn parse_entry(entry: &str, default_port: u16) -> Option<(Option<String>, ProxyEndpoint)> {
        let entry = entry.trim();
        if entry.is_empty() || entry.chars().count() > MAX_ENTRY_CHARS {
            return None;
        }
        let (scheme, rest) = match entry.split_once("://") {
            Some((s, r)) if is_scheme(s) => (Some(s.to_ascii_lowercase()), r),
            Some(_) => return None,
            None => (None, entry),
        };
        let rest = rest.trim().trim_end_matches('/');
        if rest.contains(['@', '/', '?', '#']) {
            return None;
        }
        let (host, port) = split_host_port(rest, default_port)?;
        ProxyEndpoint::new(host, port).map(|e| (scheme, e))
    }

    /// The host, IPv6 without brackets.
    pub fn host(&self) -> &str {
        self.config.host()
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.config.port()
    }

    /// The endpoint as a proxy of `scheme`, whose source is `origin` (where the setting came from).
    pub fn to_config(&self, scheme: ProxyScheme, origin: &str) -> ProxyConfig {
        let mut config = self.config.clone();
        config.scheme = scheme;
        config.source = origin.to_string();
        config
    }
}

/// Splits `host:port`, `[v6]:port`, `[v6]`, a bare IPv6 address, `host port` or `host`.
fn split_host_port(text: &str, default_port: u16) -> Option<(&str, u16)> {
    let port_of = |p: &str| crate::input::value::port(p.trim()).ok();
    if let Some((host, port)) = text.split_once(char::is_whitespace) {
        // KDE's `host port`.
        return Some((host, port_of(port)?));
    }
    if let Some(inner) = text.strip_prefix('[') {
        let (host, after) = inner.split_once(']')?;
        return match after {
            "" => Some((host, default_port)),
            _ => Some((host, port_of(after.strip_prefix(':')?)?)),
        };
    }
    match text.matches(':').count() {
        0 => Some((text, default_port)),
        1 => {
            let (host, port) = text.split_once(':')?;
            Some((host, port_of(port)?))
        }
        _ => text.parse::<Ipv6Addr>().ok().map(|_| (text, default_port)),
    }
}

/// A host name of letters, digits, `.`, `-` and `_`, or an IP address.
fn valid_host(host: &str) -> bool {
    if host.parse::<std::net::IpAddr>().is_ok() {
        return true;
    }
    !host.is_empty()
        && host.len() <= MAX_HOST_CHARS
        && !host.starts_with(['.', '-'])
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// Letters, digits, `+`, `-`, `.`, at most 20 of them: a URL scheme.
fn is_scheme(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 20
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(entry: &str) -> Option<(Option<String>, String)> {
        ProxyEndpoint::parse_entry(entry, 80).map(|(s, e)| (s, e.to_string()))
    }

    #[test]
    fn entries_in_every_shape_the_systems_write() {
        let plain = |e: &str| parsed(e).map(|(_, a)| a);
        assert_eq!(plain("proxy.example:3128").as_deref(), Some("proxy.example:3128"));
        assert_eq!(
            plain(" PROXY.example:3128 ").as_deref(),
            Some("proxy.example:3128")
        );
        assert_eq!(plain("proxy.example").as_deref(), Some("proxy.example:80"));
        assert_eq!(plain("192.0.2.7:8080").as_deref(), Some("192.0.2.7:8080"));
        assert_eq!(plain("[2001:db8::1]:8080").as_deref(), Some("[2001:db8::1]:8080"));
        assert_eq!(plain("[2001:db8::1]").as_deref(), Some("[2001:db8::1]:80"));
        assert_eq!(plain("2001:db8::1").as_deref(), Some("[2001:db8::1]:80"));
        assert_eq!(plain("proxy.example 3128").as_deref(), Some("proxy.example:3128"));
        assert_eq!(
            parsed("http://proxy.example 3128"),
            Some((Some("http".into()), "proxy.example:3128".into()))
        );
        assert_eq!(
            parsed("SOCKS5://[2001:db8::2]:1080/"),
            Some((Some("socks5".into()), "[2001:db8::2]:1080".into()))
        );
    }

    #[test]
    fn unusable_entries_are_refused() {
        for bad in [
            "",
            "   ",
            ":3128",
            "proxy.example:0",
            "proxy.example:65536",
            "proxy.example:port",
            "user:secret@proxy.example:3128",
            "proxy.example/path",
            "bad host:80:90",
            "[2001:db8::1",
            "[2001:db8::1]x",
            "2001:db8::zz",
            "pro xy.example:80",
            "ex ample",
            "-proxy.example:80",
            "prox\u{0}y:80",
            "pröxy.example:80",
            "a://b://c",
        ] {
            assert!(parsed(bad).is_none(), "{bad:?}");
        }
        let long = format!("{}:80", "a".repeat(300));
        assert!(parsed(&long).is_none());
        assert!(parsed(&"x".repeat(5_000_000)).is_none());
        assert!(ProxyEndpoint::new("", 80).is_none());
        assert!(ProxyEndpoint::new("proxy.example", 0).is_none());
    }

    #[test]
    fn an_endpoint_becomes_a_proxy_of_any_scheme_named_by_its_origin() {
        let e = ProxyEndpoint::new("[2001:db8::1]", 1080).unwrap();
        let c = e.to_config(ProxyScheme::Socks5h, "gsettings org.gnome.system.proxy");
        assert_eq!(c.display(), "socks5h://[2001:db8::1]:1080");
        assert_eq!(c.source, "gsettings org.gnome.system.proxy");
        assert!(!c.has_credentials() && c.port_given());
        assert_eq!(format!("{e:?}"), "ProxyEndpoint([2001:db8::1]:1080)");
    }
}
