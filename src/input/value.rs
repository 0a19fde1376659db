//! One validator per kind of value, used by every flag, variable and file that holds one: a port,
//! an IP address, a host. Each refusal names the value and the rule.
//!
//! * A **port** is 1 to 65535 written in decimal digits only: `0` is refused everywhere (nothing
//!   listens there, and connecting to it fails in confusing ways), and so are a sign (`+443`,
//!   which Rust's integer parsing takes) and white space.
//! * An **IP address** is IPv4 or IPv6; IPv6 may be written in square brackets, and then both
//!   brackets are there (`[::1`, `::1]` and `[192.0.2.1]` are refused).
//! * A **host** is an IP address (as above) or a name of letters, digits, `.`, `-` and `_`, at most
//!   253 characters; it is returned in lower case, IPv6 without brackets.

use std::net::IpAddr;

use crate::i18n::Message;
use crate::msg;

/// The longest host name (RFC 1035).
const NAME_MAX: usize = 253;

/// A port: 1 to 65535, decimal digits only.
pub fn port(text: &str) -> Result<u16, Message> {
    let digits = !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<u16>() {
        Ok(p) if digits && p > 0 => Ok(p),
        _ => Err(msg!("err-not-a-port", value = text)),
    }
}

/// A port number already parsed (from a URL): 0 is refused as [`port`] refuses it.
pub fn port_number(p: u16) -> Result<u16, Message> {
    port(&p.to_string())
}

/// An IP address; IPv6 bare or in a pair of square brackets.
pub fn ip(text: &str) -> Result<IpAddr, Message> {
    let refuse = || msg!("err-not-an-ip", value = text);
    match text.strip_prefix('[') {
        Some(inner) => match inner.strip_suffix(']').map(str::parse::<IpAddr>) {
            Some(Ok(a @ IpAddr::V6(_))) => Ok(a),
            _ => Err(refuse()),
        },
        None => text.parse::<IpAddr>().map_err(|_| refuse()),
    }
}

/// A host: an IP address ([`ip`]) or a name; lower case, IPv6 without brackets.
pub fn host(text: &str) -> Result<String, Message> {
    if text.starts_with('[') || text.contains(':') {
        return ip(text)
            .map(|a| a.to_string())
            .map_err(|_| msg!("err-not-a-host", value = text));
    }
    let valid = !text.is_empty()
        && text.len() <= NAME_MAX
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !valid {
        return Err(msg!("err-not-a-host", value = text));
    }
    Ok(text.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_are_one_to_65535_in_digits() {
        assert_eq!(port("443").unwrap(), 443);
        assert_eq!(port("65535").unwrap(), 65535);
        for bad in [
            "0", "00", "65536", "+443", " 443", "-1", "", "4e2", "0x1bb", "443 ",
        ] {
            let err = port(bad).expect_err(bad).to_string();
            assert!(err.contains(bad) && err.contains("1-65535"), "{bad}: {err}");
        }
        assert!(port_number(0).is_err());
        assert_eq!(port_number(8443).unwrap(), 8443);
    }

    #[test]
    fn brackets_are_balanced_and_only_around_ipv6() {
        assert_eq!(ip("[::1]").unwrap(), "::1".parse::<IpAddr>().unwrap());
        assert_eq!(ip("::1").unwrap(), "::1".parse::<IpAddr>().unwrap());
        assert_eq!(ip("192.0.2.1").unwrap(), "192.0.2.1".parse::<IpAddr>().unwrap());
        for bad in ["[::1", "::1]", "[192.0.2.1]", "[[::1]]", "[]", "host", ""] {
            let err = ip(bad).expect_err(bad).to_string();
            assert!(err.contains(bad), "{bad}: {err}");
        }
    }

    #[test]
    fn hosts_are_names_or_addresses() {
        assert_eq!(host("ChatGPT.com").unwrap(), "chatgpt.com");
        assert_eq!(host("[2001:DB8::1]").unwrap(), "2001:db8::1");
        assert_eq!(host("2001:db8::1").unwrap(), "2001:db8::1");
        let long = "a".repeat(254);
        for bad in [
            "",
            "a b",
            "a/b",
            "[::1",
            "[host]",
            "host:",
            "é.test",
            long.as_str(),
        ] {
            assert!(host(bad).is_err(), "{bad}");
        }
    }
}
