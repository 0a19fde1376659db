//! The value parsers of the flags: curl's `--resolve` and `--connect-to` syntaxes, DNS servers,
//! seconds, URLs, names and `HOST[:PORT]`. Each refusal names the value and the rule, in the
//! reader's language.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use url::Url;

use crate::i18n::{Lang, Message};
use crate::input::value;
use crate::route::{ConnectTo, ResolveRule};
use crate::tr;

/// Splits on ':' outside square brackets, so `[2001:db8::1]` stays whole.
fn split_colons(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// A refusal of [`value`], worded in the reader's language.
fn worded(m: Message) -> String {
    m.text(lang())
}

fn parse_port(s: &str) -> Result<u16, String> {
    value::port(s).map_err(worded)
}

fn parse_ip(s: &str) -> Result<IpAddr, String> {
    value::ip(s).map_err(worded)
}

fn parse_host(s: &str) -> Result<String, String> {
    value::host(s).map_err(worded)
}

/// Parses `HOST:PORT:ADDR[,ADDR]...`.
pub fn parse_resolve(s: &str) -> Result<ResolveRule, String> {
    let parts = split_colons(s);
    if parts.len() != 3 {
        return Err(crate::tr!(crate::i18n::ui(), "err-resolve-form", value = s));
    }
    let host = parse_host(parts[0])?;
    let port = parse_port(parts[1])?;
    let addrs = parts[2].split(',').map(parse_ip).collect::<Result<Vec<_>, _>>()?;
    Ok(ResolveRule { host, port, addrs })
}

/// Parses `HOST:PORT:CHOST:CPORT` (any part may be empty).
pub fn parse_connect_to(s: &str) -> Result<ConnectTo, String> {
    let parts = split_colons(s);
    if parts.len() != 4 {
        return Err(crate::tr!(crate::i18n::ui(), "err-connect-to-form", value = s));
    }
    let opt = |p: &str| (!p.is_empty()).then_some(p.to_string());
    Ok(ConnectTo {
        host: opt(parts[0]).map(|h| parse_host(&h)).transpose()?,
        port: opt(parts[1]).map(|p| parse_port(&p)).transpose()?,
        connect_host: opt(parts[2]).map(|h| parse_host(&h)).transpose()?,
        connect_port: opt(parts[3]).map(|p| parse_port(&p)).transpose()?,
    })
}

/// Parses `IP` or `IP:PORT` or `[IPv6]:PORT` (port 53 unless given).
pub fn parse_dns_server(s: &str) -> Result<SocketAddr, String> {
    if let Ok(ip) = value::ip(s) {
        return Ok(SocketAddr::new(ip, 53));
    }
    let form = || tr!(lang(), "err-dns-server-form", value = s);
    match s.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || h.starts_with('[') => {
            let ip = value::ip(h).map_err(|_| form())?;
            Ok(SocketAddr::new(ip, parse_port(p)?))
        }
        _ => Err(form()),
    }
}

/// Parses a duration in (fractional) seconds, between 1 ms and one hour.
pub fn parse_secs(s: &str) -> Result<Duration, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| crate::tr!(crate::i18n::ui(), "err-not-seconds", value = s))?;
    if !v.is_finite() || !(0.001..=3600.0).contains(&v) {
        return Err(crate::tr!(crate::i18n::ui(), "err-seconds-range", value = s));
    }
    Ok(Duration::from_secs_f64(v))
}

/// Parses a width of the human output in columns, from 40 to 1000 (narrower leaves no room for
/// a sentence; wider is no terminal).
pub fn parse_width(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(v) if (40..=1000).contains(&v) => Ok(v),
        _ => Err(crate::tr!(crate::i18n::ui(), "err-width-range", value = s)),
    }
}

/// Parses an `http://` or `https://` URL with a host (and a port from 1 to 65535 if it names one).
pub fn parse_target_url(s: &str) -> Result<Url, String> {
    let url = Url::parse(s).map_err(|e| {
        crate::tr!(
            crate::i18n::ui(),
            "err-not-a-url",
            value = s,
            error = e.to_string()
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(crate::tr!(crate::i18n::ui(), "err-url-scheme", value = s));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(crate::tr!(crate::i18n::ui(), "err-url-no-host", value = s));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(crate::tr!(crate::i18n::ui(), "err-url-credentials", value = s));
    }
    if let Some(p) = url.port() {
        value::port_number(p).map_err(|m| tr!(lang(), "err-url-part", value = s, problem = m))?;
    }
    Ok(url)
}

/// Parses an `https://` URL (DNS-over-HTTPS endpoints must be encrypted).
pub fn parse_https_url(s: &str) -> Result<Url, String> {
    let url = parse_target_url(s)?;
    if url.scheme() != "https" {
        return Err(crate::tr!(crate::i18n::ui(), "err-doh-https", value = s));
    }
    Ok(url)
}

/// A host and an optional port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPort {
    /// The name or address (IPv6 without brackets), lower case.
    pub host: String,
    pub port: Option<u16>,
}

impl HostPort {
    /// The port, 443 unless given.
    pub fn port_or_https(&self) -> u16 {
        self.port.unwrap_or(443)
    }
}

/// The language of value errors: `--lang` found on the command line before parsing, else the
/// locale ([`crate::i18n::ui`]).
fn lang() -> Lang {
    crate::i18n::ui()
}

/// The host of a URL given where a host is expected (`https://chatgpt.com/` → `chatgpt.com`).
fn url_host_port(s: &str) -> Result<Option<HostPort>, String> {
    if !s.contains("://") {
        return Ok(None);
    }
    let url = parse_target_url(s)?;
    let host = match url.host() {
        Some(url::Host::Ipv6(a)) => a.to_string(),
        Some(h) => h.to_string(),
        None => return Err(tr!(lang(), "cmd-arg-no-host", value = s)),
    };
    Ok(Some(HostPort {
        host,
        port: url.port_or_known_default(),
    }))
}

/// Parses a name to look up (or a URL, whose host is taken). IP addresses are refused: there is
/// nothing to resolve.
pub fn parse_name(s: &str) -> Result<String, String> {
    let host = match url_host_port(s)? {
        Some(hp) => hp.host,
        None => parse_host(s)?,
    };
    if host.parse::<IpAddr>().is_ok() {
        return Err(tr!(lang(), "cmd-arg-ip-not-name", value = s));
    }
    if host.contains(':') {
        return Err(tr!(lang(), "cmd-arg-not-a-name", value = s));
    }
    Ok(host)
}

/// Parses `HOST`, `HOST:PORT`, `IPv6`, `[IPv6]:PORT` or a URL.
pub fn parse_host_port(s: &str) -> Result<HostPort, String> {
    if let Some(hp) = url_host_port(s)? {
        return Ok(hp);
    }
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(HostPort {
            host: ip.to_string(),
            port: None,
        });
    }
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || (h.starts_with('[') && h.ends_with(']')) => {
            let port = value::port(p).map_err(|_| tr!(lang(), "cmd-arg-bad-port", port = p, value = s))?;
            (h, Some(port))
        }
        _ => (s, None),
    };
    let host = value::host(host).map_err(|m| match s.matches(':').count() {
        0 | 1 => worded(m),
        _ => tr!(lang(), "cmd-arg-not-host-port", value = s),
    })?;
    Ok(HostPort { host, port })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_accepts_curl_syntax_with_ipv6_in_brackets() {
        let r = parse_resolve("api.openai.com:443:127.0.0.1,[::1]").unwrap();
        assert_eq!(r.host, "api.openai.com");
        assert_eq!(r.port, 443);
        assert_eq!(
            r.addrs,
            vec!["127.0.0.1".parse::<IpAddr>().unwrap(), "::1".parse().unwrap()]
        );
        assert!(parse_resolve("api.openai.com:443").is_err());
        assert!(parse_resolve("api.openai.com:99999:127.0.0.1").is_err());
        assert!(parse_resolve("api.openai.com:443:not-an-ip").is_err());
    }

    /// Issue #17: `[::1` was taken for `::1`, and port 0 or `+443` passed some flags.
    #[test]
    fn every_flag_checks_brackets_and_ports_the_same_way() {
        for bad in [
            "chatgpt.com:443:[::1",
            "chatgpt.com:443:::1]",
            "chatgpt.com:443:[127.0.0.1]",
            "chatgpt.com:+443:127.0.0.1",
            "chatgpt.com:0:127.0.0.1",
            "[chatgpt.com]:443:127.0.0.1",
        ] {
            assert!(parse_resolve(bad).is_err(), "{bad}");
        }
        for bad in ["127.0.0.1:0", "[::1]:0", "127.0.0.1:+53", "[127.0.0.1]:53"] {
            assert!(parse_dns_server(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_dns_server("[::1]").unwrap(), "[::1]:53".parse().unwrap());
        for bad in ["127.0.0.1:0", "[::1]:0", "host:+443", "https://x.test:0/"] {
            assert!(parse_host_port(bad).is_err(), "{bad}");
        }
        for bad in ["https://x.test:0/", "http://127.0.0.1:0"] {
            let err = parse_target_url(bad).expect_err(bad);
            assert!(err.contains(bad) && err.contains("'0' is not a port"), "{err}");
        }
        assert!(parse_connect_to("a:443:[::1:8443").is_err());
    }

    #[test]
    fn connect_to_allows_empty_parts() {
        let c = parse_connect_to(":443::8443").unwrap();
        assert_eq!(c.host, None);
        assert_eq!(c.port, Some(443));
        assert_eq!(c.connect_host, None);
        assert_eq!(c.connect_port, Some(8443));
        let c = parse_connect_to("chatgpt.com:443:[2001:db8::1]:8443").unwrap();
        assert_eq!(c.connect_host.as_deref(), Some("2001:db8::1"));
        assert!(parse_connect_to("a:b").is_err());
        assert!(parse_connect_to("a:443:b:0").is_err());
    }

    #[test]
    fn dns_server_defaults_to_port_53() {
        assert_eq!(
            parse_dns_server("192.0.2.53").unwrap(),
            "192.0.2.53:53".parse().unwrap()
        );
        assert_eq!(
            parse_dns_server("[2001:db8::53]:5353").unwrap(),
            "[2001:db8::53]:5353".parse().unwrap()
        );
        assert!(parse_dns_server("dns.example").is_err());
    }

    #[test]
    fn timeouts_are_bounded() {
        assert_eq!(parse_secs("2.5").unwrap(), Duration::from_millis(2500));
        for bad in ["0", "-1", "nan", "inf", "1e9", "five"] {
            assert!(parse_secs(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_must_be_http_and_carry_no_credentials() {
        assert!(parse_target_url("https://status.example/").is_ok());
        assert!(parse_target_url("ftp://x/").is_err());
        assert!(parse_target_url("https://user:pw@x/").is_err());
        assert!(parse_target_url("not a url").is_err());
        assert!(parse_https_url("http://dns.example/dns-query").is_err());
    }

    fn hp(host: &str, port: Option<u16>) -> HostPort {
        HostPort {
            host: host.into(),
            port,
        }
    }

    #[test]
    fn host_port_takes_names_addresses_and_urls() {
        assert_eq!(parse_host_port("chatgpt.com").unwrap(), hp("chatgpt.com", None));
        assert_eq!(
            parse_host_port("ChatGPT.com:8443").unwrap(),
            hp("chatgpt.com", Some(8443))
        );
        assert_eq!(
            parse_host_port("127.0.0.1:443").unwrap(),
            hp("127.0.0.1", Some(443))
        );
        assert_eq!(parse_host_port("::1").unwrap(), hp("::1", None));
        assert_eq!(parse_host_port("[::1]:8443").unwrap(), hp("::1", Some(8443)));
        assert_eq!(
            parse_host_port("https://api.openai.com/v1").unwrap(),
            hp("api.openai.com", Some(443))
        );
        assert_eq!(parse_host_port("http://x.test/").unwrap(), hp("x.test", Some(80)));
        for bad in ["", "a b", "host:0", "host:99999", "host:port", "a/b", "ftp://x/"] {
            assert!(parse_host_port(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_to_resolve_are_names() {
        assert_eq!(parse_name("Chatgpt.com").unwrap(), "chatgpt.com");
        assert_eq!(parse_name("https://chatgpt.com/x").unwrap(), "chatgpt.com");
        assert!(parse_name("1.1.1.1").is_err());
        assert!(parse_name("::1").is_err());
        assert!(parse_name("not a name").is_err());
    }
}
