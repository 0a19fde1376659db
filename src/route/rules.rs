//! curl's `--resolve` and `--connect-to` rules, and how a host is written next to a port.

use std::net::IpAddr;

/// A `--resolve HOST:PORT:ADDR[,ADDR]...` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveRule {
    pub host: String,
    pub port: u16,
    pub addrs: Vec<IpAddr>,
}

/// A `--connect-to HOST:PORT:CHOST:CPORT` rule; `None` means "any" (left) or "keep" (right).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectTo {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub connect_host: Option<String>,
    pub connect_port: Option<u16>,
}

/// Where to connect for `host:port`: the first matching `--connect-to` rule applied, as curl does.
pub fn dial(host: &str, port: u16, rules: &[ConnectTo]) -> (String, u16) {
    for r in rules {
        let host_ok = r.host.as_ref().is_none_or(|h| h.eq_ignore_ascii_case(host));
        let port_ok = r.port.is_none_or(|p| p == port);
        if host_ok && port_ok {
            return (
                r.connect_host.clone().unwrap_or_else(|| host.to_string()),
                r.connect_port.unwrap_or(port),
            );
        }
    }
    (host.to_string(), port)
}

/// The `--resolve` rule that pins a target: the one for where it is dialled (after
/// `--connect-to`), else the one for its own host and port, as curl applies them.
pub fn pinned<'a>(rules: &'a [ResolveRule], dial: (&str, u16), own: (&str, u16)) -> Option<&'a ResolveRule> {
    let rule_for = |(host, port): (&str, u16)| {
        rules
            .iter()
            .find(|r| r.host.eq_ignore_ascii_case(host) && r.port == port)
    };
    rule_for(dial).or_else(|| rule_for(own))
}

/// A host as written before `:port`: IPv6 literals in square brackets.
pub fn bracket(host: &str) -> String {
    if host.contains(':') {
        format!("[{host}]")
    } else {
        host.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(host: Option<&str>, port: Option<u16>, to: Option<&str>, to_port: Option<u16>) -> ConnectTo {
        ConnectTo {
            host: host.map(str::to_string),
            port,
            connect_host: to.map(str::to_string),
            connect_port: to_port,
        }
    }

    #[test]
    fn the_first_matching_connect_to_rule_wins_and_empty_parts_keep_the_original() {
        let rules = [
            rule(Some("api.openai.com"), Some(443), Some("127.0.0.1"), Some(8443)),
            rule(None, Some(443), None, Some(9443)),
        ];
        assert_eq!(dial("API.openai.com", 443, &rules), ("127.0.0.1".into(), 8443));
        assert_eq!(dial("chatgpt.com", 443, &rules), ("chatgpt.com".into(), 9443));
        assert_eq!(dial("chatgpt.com", 80, &rules), ("chatgpt.com".into(), 80));
    }

    #[test]
    fn a_resolve_rule_for_the_dialled_host_wins_then_the_targets_own() {
        let rule = |host: &str, last: u8| ResolveRule {
            host: host.into(),
            port: 443,
            addrs: vec![IpAddr::from([192, 0, 2, last])],
        };
        let rules = [rule("edge.test", 1), rule("chatgpt.com", 2)];
        let got = |dial, own| pinned(&rules, dial, own).map(|r| r.addrs[0]);
        assert_eq!(
            got(("EDGE.test", 443), ("chatgpt.com", 443)),
            Some(IpAddr::from([192, 0, 2, 1]))
        );
        assert_eq!(
            got(("other.test", 443), ("chatgpt.com", 443)),
            Some(IpAddr::from([192, 0, 2, 2]))
        );
        assert_eq!(got(("other.test", 443), ("chatgpt.com", 8443)), None);
    }

    #[test]
    fn ipv6_literals_are_bracketed() {
        assert_eq!(bracket("2001:db8::1"), "[2001:db8::1]");
        assert_eq!(bracket("chatgpt.com"), "chatgpt.com");
    }
}
