//! The hosts a system proxy setting sends direct, matched as each system matches them. No name is
//! ever resolved: an address entry matches only a URL written with that address (as GLib, WinINet
//! and macOS do; KIO would look the name up, which a doctor must not do behind the user's back).
//!
//! * **Windows** (`ProxyOverride`) and **macOS** (`ExceptionsList`): the whole host against a
//!   pattern with `*` wildcards, case-insensitive (`*.example.com` does not match `example.com`);
//!   an address range `192.0.2.0/24` (macOS also writes `169.254/16`); an optional `scheme://`
//!   before and `:port` after, as Chrome and Edge read these lists.
//! * **GNOME** (`ignore-hosts`, GLib's `GSimpleProxyResolver`): `example.com`, `.example.com` and
//!   `*.example.com` all match `example.com` and its subdomains; an address or a range; `:port`
//!   matches only a URL that names that port.
//! * **KDE** (`NoProxyFor`, KIO's `revmatch`): the entry is a suffix of the host, character by
//!   character (`example.com` also matches `myexample.com`), a leading `*` ignored; an address
//!   range; `host:port` only for a URL that names that port.
//! * `<local>` (Windows and KDE) matches names without a dot; it is kept as
//!   `bypass_simple_names`, not as an entry.

use std::net::IpAddr;

use ipnet::IpNet;
use url::{Host, Url};

/// Longest exception entry kept; longer ones are left out.
pub const MAX_EXCEPTION_CHARS: usize = 255;
/// Most exception entries kept from one setting.
pub const MAX_EXCEPTIONS: usize = 1024;

/// Whose matching rules a list of exceptions follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExceptionSyntax {
    /// `*` wildcards over the whole host (Windows `ProxyOverride`, macOS `ExceptionsList`).
    Wildcard,
    /// A domain and its subdomains (GNOME `ignore-hosts`).
    Domain,
    /// A character suffix of the host (KDE `NoProxyFor`).
    Suffix,
}

/// What one entry matches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    Range(IpNet),
    Address(IpAddr),
    /// Lower case; `*` matches any run of characters.
    Wildcard(String),
    /// Lower case, without a leading `.`/`*.` or a trailing `.`.
    Domain(String),
    /// Lower case, without a leading `*`.
    Suffix(String),
}

/// One parsed exception entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Exception {
    pattern: Pattern,
    port: Option<u16>,
    /// Only URLs of this scheme (`http://*.example.com` in a Windows list).
    scheme: Option<String>,
}

/// True when `entry` is `<local>`, the entry for names without a dot.
pub fn is_local_marker(entry: &str) -> bool {
    entry.trim().eq_ignore_ascii_case("<local>")
}

/// True when `url`'s host is a name without a dot (not an address).
pub fn is_simple_name(url: &Url) -> bool {
    matches!(url.host(), Some(Host::Domain(d)) if !d.trim_end_matches('.').contains('.'))
}

/// True when `entry` (as written in a list of `syntax`) covers `url`. Entries that cannot be read
/// match nothing.
pub fn matches(entry: &str, syntax: ExceptionSyntax, url: &Url) -> bool {
    parse(entry, syntax).is_some_and(|e| e.covers(url, syntax))
}

/// Reads one entry.
fn parse(entry: &str, syntax: ExceptionSyntax) -> Option<Exception> {
    let entry = entry.trim();
    if entry.is_empty() || entry.len() > MAX_EXCEPTION_CHARS || is_local_marker(entry) {
        return None;
    }
    let (scheme, rest) = match entry.split_once("://") {
        Some((s, r)) if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()) => {
            (Some(s.to_ascii_lowercase()), r.trim_end_matches('/'))
        }
        Some(_) => return None,
        None => (None, entry),
    };
    if let Some(net) = parse_range(rest) {
        return Some(Exception {
            pattern: Pattern::Range(net.trunc()),
            port: None,
            scheme,
        });
    }
    let (host, port) = split_port(rest)?;
    let lower = host.to_ascii_lowercase();
    let pattern = if let Ok(ip) = host.parse::<IpAddr>() {
        Pattern::Address(ip)
    } else {
        match syntax {
            ExceptionSyntax::Wildcard => Pattern::Wildcard(lower),
            ExceptionSyntax::Domain => {
                let d = lower
                    .strip_prefix("*.")
                    .or_else(|| lower.strip_prefix('.'))
                    .unwrap_or(&lower);
                Pattern::Domain(d.trim_end_matches('.').to_string())
            }
            ExceptionSyntax::Suffix => Pattern::Suffix(lower.trim_start_matches('*').to_string()),
        }
    };
    let empty =
        matches!(&pattern, Pattern::Wildcard(s) | Pattern::Domain(s) | Pattern::Suffix(s) if s.is_empty());
    (!empty).then_some(Exception {
        pattern,
        port,
        scheme,
    })
}

/// An address range: `192.0.2.0/24`, `2001:db8::/32`, or macOS's shortened `169.254/16`.
fn parse_range(text: &str) -> Option<IpNet> {
    let (address, prefix) = text.split_once('/')?;
    if let Ok(net) = text.parse::<IpNet>() {
        return Some(net);
    }
    let prefix: u8 = prefix.parse().ok().filter(|p| *p <= 32)?;
    let octets: Vec<u8> = address
        .split('.')
        .map(|o| o.parse::<u8>().ok())
        .collect::<Option<Vec<u8>>>()?;
    if octets.is_empty() || octets.len() > 4 {
        return None;
    }
    let mut full = [0u8; 4];
    full[..octets.len()].copy_from_slice(&octets);
    IpNet::new(IpAddr::from(full), prefix).ok()
}

/// Splits an optional `:port` off a host pattern (`[v6]:port` for IPv6).
fn split_port(text: &str) -> Option<(&str, Option<u16>)> {
    let port_of = |p: &str| crate::input::value::port(p).ok();
    if let Some(inner) = text.strip_prefix('[') {
        let (host, after) = inner.split_once(']')?;
        return match after {
            "" => Some((host, None)),
            _ => Some((host, Some(port_of(after.strip_prefix(':')?)?))),
        };
    }
    if text.parse::<IpAddr>().is_ok() {
        return Some((text, None));
    }
    match text.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => Some((host, Some(port_of(port)?))),
        Some(_) => None,
        None => Some((text, None)),
    }
}

impl Exception {
    /// True when the entry covers `url`. GNOME and KDE compare a port only when the URL names
    /// one (a URL naming its scheme's default port names none once parsed); Windows and macOS (as
    /// Chrome reads them) compare the scheme's default port too.
    fn covers(&self, url: &Url, syntax: ExceptionSyntax) -> bool {
        if self.scheme.as_deref().is_some_and(|s| s != url.scheme()) {
            return false;
        }
        if let Some(want) = self.port {
            let port = match syntax {
                ExceptionSyntax::Wildcard => url.port_or_known_default(),
                ExceptionSyntax::Domain | ExceptionSyntax::Suffix => url.port(),
            };
            if port != Some(want) {
                return false;
            }
        }
        let Some(host) = url.host() else {
            return false;
        };
        let address = match host {
            Host::Ipv4(a) => Some(IpAddr::V4(a)),
            Host::Ipv6(a) => Some(IpAddr::V6(a)),
            Host::Domain(_) => None,
        };
        let text = match host {
            Host::Domain(d) => d.trim_end_matches('.').to_ascii_lowercase(),
            Host::Ipv4(a) => a.to_string(),
            Host::Ipv6(a) => a.to_string(),
        };
        match &self.pattern {
            Pattern::Range(net) => address.is_some_and(|a| net.contains(&canonical(a))),
            Pattern::Address(want) => address.is_some_and(|a| canonical(a) == canonical(*want)),
            Pattern::Wildcard(p) => wildcard_match(p, &text),
            Pattern::Domain(d) => {
                address.is_none()
                    && (text == *d || text.strip_suffix(d.as_str()).is_some_and(|r| r.ends_with('.')))
            }
            Pattern::Suffix(s) => text.ends_with(s.as_str()),
        }
    }
}

/// IPv4-mapped IPv6 addresses as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 @ IpAddr::V4(_) => v4,
    }
}

/// True when `text` matches `pattern`, where `*` matches any run of characters (also none). The
/// usual greedy walk with one backtrack point: at most `pattern × text` steps, and both are short.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Splits a list on any of `separators`, trims, drops empty entries, and keeps at most
/// [`MAX_EXCEPTIONS`] entries of at most [`MAX_EXCEPTION_CHARS`]. Returns the entries and whether
/// any was left out.
pub fn split_list(list: &str, separators: &[char]) -> (Vec<String>, bool) {
    let mut entries = Vec::new();
    let mut left_out = false;
    for entry in list.split(separators).map(str::trim).filter(|e| !e.is_empty()) {
        if entry.len() > MAX_EXCEPTION_CHARS || entries.len() >= MAX_EXCEPTIONS {
            left_out = true;
        } else {
            entries.push(entry.to_string());
        }
    }
    (entries, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn covers(entry: &str, syntax: ExceptionSyntax, u: &str) -> bool {
        matches(entry, syntax, &url(u))
    }

    #[test]
    fn windows_and_macos_wildcards_cover_the_whole_host() {
        let w = ExceptionSyntax::Wildcard;
        assert!(covers("*.example.com", w, "https://a.example.com/"));
        assert!(covers("*.EXAMPLE.com", w, "https://A.b.example.com/"));
        assert!(!covers("*.example.com", w, "https://example.com/"));
        assert!(covers("example.com", w, "https://example.com/"));
        assert!(!covers("example.com", w, "https://a.example.com/"));
        assert!(covers("*example*", w, "https://myexample.org/"));
        assert!(covers("192.0.2.*", w, "https://192.0.2.44/"));
        assert!(!covers("192.0.2.*", w, "https://198.51.100.1/"));
        assert!(covers("*", w, "https://anything.test/"));
        assert!(covers("a*b*c", w, "https://aXbYc/"));
        assert!(!covers("a*b*c", w, "https://aXbYd/"));
        assert!(covers("192.0.2.0/24", w, "https://192.0.2.9/"));
        assert!(covers("169.254/16", w, "http://169.254.3.4/"));
        assert!(!covers("169.254/16", w, "http://169.255.3.4/"));
        assert!(covers("2001:db8::/32", w, "https://[2001:db8::5]/"));
        assert!(covers("[2001:db8::5]", w, "https://[2001:db8::5]/"));
        assert!(covers("http://*.example.com", w, "http://a.example.com/"));
        assert!(!covers("http://*.example.com", w, "https://a.example.com/"));
        assert!(covers("*.example.com:443", w, "https://a.example.com/"));
        assert!(!covers("*.example.com:8443", w, "https://a.example.com/"));
        assert!(!covers("<local>", w, "https://intranet/"));
        assert!(
            !covers("192.0.2.0/24", w, "https://example.com/"),
            "names are never resolved"
        );
    }

    #[test]
    fn gnome_domains_cover_their_subdomains() {
        let g = ExceptionSyntax::Domain;
        for entry in ["example.com", ".example.com", "*.example.com"] {
            assert!(covers(entry, g, "https://example.com/"), "{entry}");
            assert!(covers(entry, g, "https://a.b.example.com/"), "{entry}");
            assert!(!covers(entry, g, "https://myexample.com/"), "{entry}");
        }
        assert!(covers("localhost", g, "http://localhost/"));
        assert!(covers("127.0.0.0/8", g, "http://127.1.2.3/"));
        assert!(covers("::1", g, "http://[::1]/"));
        assert!(covers("::ffff:192.0.2.1", g, "http://192.0.2.1/"));
        assert!(covers("example.com:8443", g, "https://example.com:8443/"));
        assert!(
            !covers("example.com:443", g, "https://example.com/"),
            "only a named port"
        );
        assert!(covers("[2001:db8::1]:8443", g, "https://[2001:db8::1]:8443/"));
        assert!(!covers("192.0.2.1", g, "https://example.com/"));
    }

    #[test]
    fn kde_entries_are_character_suffixes() {
        let k = ExceptionSyntax::Suffix;
        assert!(covers("example.com", k, "https://example.com/"));
        assert!(
            covers("example.com", k, "https://myexample.com/"),
            "as KIO compares"
        );
        assert!(covers(".example.com", k, "https://a.example.com/"));
        assert!(!covers(".example.com", k, "https://example.com/"));
        assert!(covers("*.example.com", k, "https://a.example.com/"));
        assert!(covers("http://bugs.example.com", k, "http://bugs.example.com/"));
        assert!(covers("192.0.2.0/24", k, "http://192.0.2.200/"));
        assert!(covers("example.com:8080", k, "http://example.com:8080/"));
        assert!(!covers("example.com:80", k, "http://example.com/"));
    }

    #[test]
    fn hostile_entries_match_nothing_and_lists_are_capped() {
        for s in [
            ExceptionSyntax::Wildcard,
            ExceptionSyntax::Domain,
            ExceptionSyntax::Suffix,
        ] {
            for bad in [
                "",
                " ",
                "*:",
                "x:0",
                "x:99999",
                "[::1",
                "::1]:80",
                "10.0.0.0/99",
                "1.2.3.4.5/8",
                "://x",
                ".",
                "*",
            ] {
                if bad == "*" && s == ExceptionSyntax::Wildcard {
                    continue;
                }
                assert!(!covers(bad, s, "https://x.test/"), "{bad:?} {s:?}");
            }
            assert!(!covers(&"*".repeat(10_000), s, "https://x.test/"));
        }
        // The worst case of the wildcard walk stays short for entries of the capped length.
        let p = format!("{}b", "*a".repeat(120));
        let host = format!("https://{}/", "a".repeat(250));
        assert!(!covers(&p, ExceptionSyntax::Wildcard, &host));
        let long = "x".repeat(MAX_EXCEPTION_CHARS + 1);
        let many = vec!["a.test"; MAX_EXCEPTIONS + 5].join(";");
        let (kept, left_out) = split_list(&format!("{long}; b.test ;;"), &[';']);
        assert_eq!((kept, left_out), (vec!["b.test".to_string()], true));
        let (kept, left_out) = split_list(&many, &[';']);
        assert_eq!((kept.len(), left_out), (MAX_EXCEPTIONS, true));
    }

    #[test]
    fn simple_names_are_names_without_a_dot() {
        assert!(is_simple_name(&url("https://intranet/")));
        assert!(is_simple_name(&url("https://intranet./")));
        assert!(!is_simple_name(&url("https://a.test/")));
        assert!(!is_simple_name(&url("https://[::1]/")));
        assert!(!is_simple_name(&url("https://192.0.2.1/")));
        assert!(is_local_marker(" <LOCAL> ") && !is_local_marker("local"));
    }
}
