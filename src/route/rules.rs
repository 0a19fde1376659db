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
    fn ipv6_literals_are_bracketed() {
        assert_eq!(bracket("2001:db8::1"), "[2001:db8::1]");
        assert_eq!(bracket("chatgpt.com"), "chatgpt.com");
    }
}
