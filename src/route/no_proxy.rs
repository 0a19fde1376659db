//! `NO_PROXY` lists: which targets go direct although a proxy is set (the syntax is in the
//! docs of `route::proxy`).

use std::net::IpAddr;

use ipnet::IpNet;
use url::Host;

use crate::i18n::Message;
use crate::input::value;
use crate::msg;

/// The `NO_PROXY` variables, in the order they are read (lower case first, as in curl).
pub const NO_PROXY_VARIABLES: [&str; 2] = ["no_proxy", "NO_PROXY"];

/// What one `NO_PROXY` entry matches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rule {
    All,
    /// Lower case, without leading `.`/`*.` or trailing `.`.
    Domain(String),
    Ip(IpAddr),
    Net(IpNet),
}

/// One `NO_PROXY` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NoProxyEntry {
    /// As written.
    pub(super) text: String,
    rule: Rule,
    port: Option<u16>,
}

impl NoProxyEntry {
    /// Parses one entry as written in a `NO_PROXY` list.
    fn parse(text: &str) -> Result<NoProxyEntry, Message> {
        let entry = |rule, port| NoProxyEntry {
            text: text.to_string(),
            rule,
            port,
        };
        if text == "*" {
            return Ok(entry(Rule::All, None));
        }
        if text.contains('/') {
            return text
                .parse::<IpNet>()
                .map(|net| entry(Rule::Net(net.trunc()), None))
                .map_err(|_| msg!("noproxy-bad-range", entry = text));
        }
        if let Ok(ip) = value::ip(text) {
            return Ok(entry(Rule::Ip(ip), None));
        }
        let bad_port = |p: &str| msg!("noproxy-bad-port", entry = text, port = p);
        if let Some((h, p)) = text.rsplit_once(':')
            && let Ok(ip) = value::ip(h)
        {
            let port = value::port(p).map_err(|_| bad_port(p))?;
            return Ok(entry(Rule::Ip(ip), Some(port)));
        }
        let (host, port) = match text.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => match value::port(p) {
                Ok(p) => (h, Some(p)),
                Err(_) => return Err(bad_port(p)),
            },
            Some(_) => return Err(msg!("noproxy-bad-entry", entry = text)),
            None => (text, None),
        };
        let domain = host
            .strip_prefix("*.")
            .or_else(|| host.strip_prefix('.'))
            .unwrap_or(host)
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let valid = !domain.is_empty()
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !valid {
            return Err(msg!("noproxy-bad-entry", entry = text));
        }
        Ok(entry(Rule::Domain(domain), port))
    }

    /// True when the entry covers `host:port` (a domain entry covers its subdomains).
    fn matches(&self, host: &Host<String>, port: u16) -> bool {
        if self.port.is_some_and(|p| p != port) {
            return false;
        }
        let ip = match host {
            Host::Ipv4(a) => Some(IpAddr::V4(*a)),
            Host::Ipv6(a) => Some(IpAddr::V6(*a)),
            Host::Domain(_) => None,
        };
        match (&self.rule, host) {
            (Rule::All, _) => true,
            (Rule::Domain(d), Host::Domain(h)) => {
                let h = h.trim_end_matches('.').to_ascii_lowercase();
                h == *d || h.strip_suffix(d.as_str()).is_some_and(|rest| rest.ends_with('.'))
            }
            (Rule::Ip(want), _) => ip.is_some_and(|ip| canonical(ip) == canonical(*want)),
            (Rule::Net(net), _) => ip.is_some_and(|ip| net.contains(&ip) || net.contains(&canonical(ip))),
            _ => false,
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

/// Splits a `NO_PROXY` list: entries, and the complaints about the ones that are malformed.
fn parse_no_proxy(list: &str) -> (Vec<NoProxyEntry>, Vec<Message>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for text in list
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        match NoProxyEntry::parse(text) {
            Ok(e) => entries.push(e),
            Err(e) => bad.push(e),
        }
    }
    (entries, bad)
}

/// The `NO_PROXY` list in force and where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NoProxy {
    /// `--noproxy`, `no_proxy` or `NO_PROXY`; `None` when no list is set.
    pub(super) source: Option<String>,
    pub(super) entries: Vec<NoProxyEntry>,
}

impl NoProxy {
    /// The list in force: `--noproxy` (a malformed entry in it is an error), else `no_proxy`, else
    /// `NO_PROXY` (read through `read`; malformed entries are left out and returned as warnings).
    pub(super) fn from_sources(
        read: &dyn Fn(&str) -> Option<String>,
        noproxy_flag: Option<&str>,
    ) -> Result<(NoProxy, Vec<Message>), Message> {
        if let Some(list) = noproxy_flag {
            let (entries, bad) = parse_no_proxy(list);
            if let Some(b) = bad.into_iter().next() {
                return Err(msg!("noproxy-flag-bad", problem = b));
            }
            let source = Some("--noproxy".to_string());
            return Ok((NoProxy { source, entries }, Vec::new()));
        }
        let found = NO_PROXY_VARIABLES
            .into_iter()
            .find_map(|name| read(name).map(|v| (name, v)));
        let Some((name, list)) = found else {
            return Ok((NoProxy::default(), Vec::new()));
        };
        let (entries, bad) = parse_no_proxy(&list);
        let warnings = bad
            .into_iter()
            .map(|b| msg!("noproxy-entry-ignored", source = name, problem = b))
            .collect();
        let source = Some(name.to_string());
        Ok((NoProxy { source, entries }, warnings))
    }

    /// The first entry that covers `host:port`.
    pub(super) fn matching(&self, host: &Host<String>, port: u16) -> Option<&NoProxyEntry> {
        self.entries.iter().find(|e| e.matches(host, port))
    }
}

/// True when two `NO_PROXY` lists name the same entries, in the same order, ignoring case and how
/// they are separated.
pub(super) fn same_entries(a: &str, b: &str) -> bool {
    let entries = |s: &str| -> Vec<String> {
        s.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|e| !e.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    entries(a) == entries(b)
}
