//! What `FindProxyForURL` returned, read as browsers read it: an ordered list of choices tried
//! in turn (`"PROXY h:p; SOCKS5 h:p; DIRECT"`).
//!
//! Keywords are case-insensitive and entries `;`-separated with any white space; an empty entry
//! (a trailing `;`) is skipped. `PROXY` and `HTTP` name an HTTP proxy, `HTTPS` an HTTP proxy
//! spoken to over TLS, `SOCKS` and `SOCKS4` a SOCKS4 proxy (as in Chrome and Firefox), `SOCKS5`
//! a SOCKS5 proxy. A port left out takes the scheme's default, as Chrome does (80, 443, 1080).
//! Anything else is an error naming the entry, never a panic.

use std::fmt;

use super::error::{BadEntry, PacError};
use crate::route::{ProxyConfig, bracket};

/// One way to reach a URL, in the order the PAC gave them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PacChoice {
    /// `DIRECT`: no proxy.
    Direct,
    /// `PROXY host:port` or `HTTP host:port`: an HTTP proxy.
    Proxy { host: String, port: u16 },
    /// `HTTPS host:port`: an HTTP proxy reached over TLS.
    Https { host: String, port: u16 },
    /// `SOCKS host:port` or `SOCKS4 host:port`.
    Socks4 { host: String, port: u16 },
    /// `SOCKS5 host:port`.
    Socks5 { host: String, port: u16 },
}

impl PacChoice {
    /// The proxy's host (IPv6 without brackets) and port; `None` for `DIRECT`.
    pub fn endpoint(&self) -> Option<(&str, u16)> {
        match self {
            PacChoice::Direct => None,
            PacChoice::Proxy { host, port }
            | PacChoice::Https { host, port }
            | PacChoice::Socks4 { host, port }
            | PacChoice::Socks5 { host, port } => Some((host, *port)),
        }
    }

    /// The stable code of the kind of choice: `direct`, `proxy`, `https`, `socks4`, `socks5`.
    pub fn kind(&self) -> &'static str {
        match self {
            PacChoice::Direct => "direct",
            PacChoice::Proxy { .. } => "proxy",
            PacChoice::Https { .. } => "https",
            PacChoice::Socks4 { .. } => "socks4",
            PacChoice::Socks5 { .. } => "socks5",
        }
    }

    /// This choice as a proxy the tool can use, its setting named `source` (for example
    /// `PAC http://wpad.example/wpad.dat`): `PROXY` becomes `http://`, `SOCKS5` becomes
    /// `socks5h://` (browsers hand a SOCKS5 proxy the name, not an address). `None` for
    /// `DIRECT` and for the kinds the route module does not speak (`HTTPS`, `SOCKS4`).
    pub fn to_proxy_config(&self, source: &str) -> Option<ProxyConfig> {
        let (scheme, host, port) = match self {
            PacChoice::Proxy { host, port } => ("http", host, port),
            PacChoice::Socks5 { host, port } => ("socks5h", host, port),
            PacChoice::Direct | PacChoice::Https { .. } | PacChoice::Socks4 { .. } => return None,
        };
        ProxyConfig::parse(&format!("{scheme}://{}:{port}", bracket(host)), source).ok()
    }
}

/// The choice written back in PAC syntax (`PROXY [2001:db8::1]:3128`): a code, not words.
impl fmt::Display for PacChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keyword = match self {
            PacChoice::Direct => return f.write_str("DIRECT"),
            PacChoice::Proxy { .. } => "PROXY",
            PacChoice::Https { .. } => "HTTPS",
            PacChoice::Socks4 { .. } => "SOCKS4",
            PacChoice::Socks5 { .. } => "SOCKS5",
        };
        let (host, port) = self.endpoint().unwrap_or_default();
        write!(f, "{keyword} {}:{port}", bracket(host))
    }
}

/// The longest entry quoted in an error.
const SHOWN_CHARS: usize = 100;
/// The longest host name accepted (DNS's limit).
const MAX_HOST_LEN: usize = 253;

/// Reads the string `FindProxyForURL` returned. An empty list (nothing but white space and
/// `;`) is [`PacError::EmptyResult`]: browsers then go direct, which is worth saying.
pub fn parse_choices(returned: &str) -> Result<Vec<PacChoice>, PacError> {
    let mut choices = Vec::new();
    for entry in returned.split(';').map(str::trim).filter(|e| !e.is_empty()) {
        let choice = parse_entry(entry).map_err(|problem| PacError::BadResult {
            entry: shown(entry),
            problem,
        })?;
        choices.push(choice);
    }
    if choices.is_empty() {
        return Err(PacError::EmptyResult);
    }
    Ok(choices)
}

/// One entry: a keyword, then (except for `DIRECT`) `host[:port]`.
fn parse_entry(entry: &str) -> Result<PacChoice, BadEntry> {
    let mut words = entry.split_whitespace();
    let keyword = words.next().unwrap_or_default().to_ascii_uppercase();
    let address = words.next();
    if words.next().is_some() {
        return Err(BadEntry::ExtraWords);
    }
    let (make, default_port): (fn(String, u16) -> PacChoice, u16) = match keyword.as_str() {
        "DIRECT" if address.is_none() => return Ok(PacChoice::Direct),
        "DIRECT" => return Err(BadEntry::ExtraWords),
        "PROXY" | "HTTP" => (|host, port| PacChoice::Proxy { host, port }, 80),
        "HTTPS" => (|host, port| PacChoice::Https { host, port }, 443),
        "SOCKS" | "SOCKS4" => (|host, port| PacChoice::Socks4 { host, port }, 1080),
        "SOCKS5" => (|host, port| PacChoice::Socks5 { host, port }, 1080),
        _ => return Err(BadEntry::UnknownKeyword),
    };
    let address = address.ok_or(BadEntry::MissingAddress)?;
    let (host, port) = split_host_port(address)?;
    Ok(make(host, port.unwrap_or(default_port)))
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`: the host in lower case (IPv6 in its canonical
/// form) without brackets, and the
/// port when one was written.
fn split_host_port(address: &str) -> Result<(String, Option<u16>), BadEntry> {
    let (host, port) = if let Some(rest) = address.strip_prefix('[') {
        let (inside, after) = rest.split_once(']').ok_or(BadEntry::BadHost)?;
        let ip = inside
            .parse::<std::net::Ipv6Addr>()
            .map_err(|_| BadEntry::BadHost)?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or(BadEntry::BadHost)?),
        };
        (ip.to_string(), port)
    } else {
        let (host, port) = match address.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (address, None),
        };
        if !is_host_name(host) {
            return Err(BadEntry::BadHost);
        }
        (host.to_ascii_lowercase(), port)
    };
    let port = port.map(parse_port).transpose()?;
    Ok((host, port))
}

/// Letters, digits, `.`, `-` and `_` (an IPv4 address is one of these), within DNS's length.
fn is_host_name(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= MAX_HOST_LEN
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// 1 to 65535, digits only (the one port rule, `input::value::port`).
fn parse_port(text: &str) -> Result<u16, BadEntry> {
    crate::input::value::port(text).map_err(|_| BadEntry::BadPort)
}

/// The entry as quoted in an error: control characters blanked, at most [`SHOWN_CHARS`].
fn shown(entry: &str) -> String {
    let clean: String = entry
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match clean.char_indices().nth(SHOWN_CHARS) {
        Some((i, _)) => format!("{}…", &clean[..i]),
        None => clean,
    }
}
