//! Fake-ip: the addresses a TUN-mode proxy hands out in place of real DNS answers. The proxy
//! answers every name from a private pool, catches the connection on its TUN adapter, maps the
//! address back to the name and resolves it only at its upstream; so a name that "resolves" to
//! one of these proves nothing of the network's DNS, and the path is the proxy's.
//!
//! Sources of the ranges:
//! * IPv4 `198.18.0.0/15` — mihomo's default `fake-ip-range: 198.18.0.1/16`
//!   (MetaCubeX/mihomo `config/config.go`, `RawDNS` defaults) and the range sing-box documents
//!   (`inet4_range: 198.18.0.0/15`, sing-box.sagernet.org/configuration/dns/server/fakeip). The
//!   block is RFC 2544's benchmarking range, never routed on the internet, so no real answer
//!   lands in it.
//! * IPv6 `fc00::/18` — sing-box documents `inet6_range: fc00::/18`; mihomo's
//!   `fake-ip-range6` has no default (empty, IPv6 fake-ip off) and the configurations published
//!   for it use the same `fc00::/18`. `fc00::/8` is the half of the unique-local block reserved
//!   for a central registry that was never set up (RFC 4193 §3.2: real ULAs are `fd00::/8`), so
//!   no real network numbers hosts there either.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The IPv4 fake-ip range (network, prefix length): `198.18.0.0/15`.
pub const FAKE_IP_V4: (Ipv4Addr, u8) = (Ipv4Addr::new(198, 18, 0, 0), 15);

/// The IPv6 fake-ip range (network, prefix length): `fc00::/18`.
pub const FAKE_IP_V6: (Ipv6Addr, u8) = (Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0), 18);

/// True when `ip` lies in a TUN proxy's fake-ip range (an IPv4-mapped IPv6 address counts as
/// its IPv4 address).
pub fn is_fake_ip(ip: IpAddr) -> bool {
    match ip.to_canonical() {
        IpAddr::V4(v4) => in_prefix(IpAddr::V4(FAKE_IP_V4.0), FAKE_IP_V4.1, IpAddr::V4(v4)),
        IpAddr::V6(v6) => in_prefix(IpAddr::V6(FAKE_IP_V6.0), FAKE_IP_V6.1, IpAddr::V6(v6)),
    }
}

/// True when `ip` lies in `network/len` (same family; a length past the family's width counts
/// as the whole address).
pub fn in_prefix(network: IpAddr, len: u8, ip: IpAddr) -> bool {
    match (network.to_canonical(), ip.to_canonical()) {
        (IpAddr::V4(n), IpAddr::V4(a)) => {
            masked(u128::from(n.to_bits()), len, 32) == masked(u128::from(a.to_bits()), len, 32)
        }
        (IpAddr::V6(n), IpAddr::V6(a)) => masked(n.to_bits(), len, 128) == masked(a.to_bits(), len, 128),
        _ => false,
    }
}

/// The first `len` bits of a `width`-bit address, the rest zero.
fn masked(bits: u128, len: u8, width: u32) -> u128 {
    let len = u32::from(len).min(width);
    if len == 0 {
        return 0;
    }
    let host_bits = width - len;
    (bits >> host_bits) << host_bits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("test address")
    }

    #[test]
    fn the_ipv4_fake_ip_range_is_198_18_slash_15() {
        for inside in [
            "198.18.0.0",
            "198.18.0.1",
            "198.18.0.2",
            "198.18.255.255",
            "198.19.0.0",
            "198.19.255.255",
        ] {
            assert!(is_fake_ip(ip(inside)), "{inside}");
        }
        for outside in [
            "198.17.255.255",
            "198.20.0.0",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "10.0.0.1",
            "127.0.0.1",
        ] {
            assert!(!is_fake_ip(ip(outside)), "{outside}");
        }
    }

    #[test]
    fn the_ipv6_fake_ip_range_is_fc00_slash_18() {
        for inside in ["fc00::", "fc00::1", "fc00:3fff:ffff::1"] {
            assert!(is_fake_ip(ip(inside)), "{inside}");
        }
        // fd00::/8 holds real unique-local networks; 2001:db8::/32 is documentation.
        for outside in [
            "fc00:4000::",
            "fd00::1",
            "fdfe:dcba:9876::1",
            "2001:db8::1",
            "::1",
            "fe80::1",
        ] {
            assert!(!is_fake_ip(ip(outside)), "{outside}");
        }
    }

    #[test]
    fn an_ipv4_mapped_fake_ip_counts_as_fake() {
        assert!(is_fake_ip(ip("::ffff:198.18.0.5")));
        assert!(!is_fake_ip(ip("::ffff:192.0.2.5")));
    }

    #[test]
    fn prefixes_match_bits_not_octets() {
        assert!(in_prefix(ip("192.0.2.0"), 25, ip("192.0.2.127")));
        assert!(!in_prefix(ip("192.0.2.0"), 25, ip("192.0.2.128")));
        assert!(in_prefix(ip("2001:db8::"), 32, ip("2001:db8:ffff::1")));
        assert!(!in_prefix(ip("2001:db8::"), 33, ip("2001:db8:8000::1")));
        // A length of zero holds everything of the family, never the other family.
        assert!(in_prefix(ip("192.0.2.1"), 0, ip("203.0.113.1")));
        assert!(!in_prefix(ip("192.0.2.1"), 0, ip("2001:db8::1")));
        // Lengths past the width are the whole address, not a panic.
        assert!(in_prefix(ip("192.0.2.1"), 200, ip("192.0.2.1")));
        assert!(!in_prefix(ip("192.0.2.1"), 200, ip("192.0.2.2")));
        assert!(in_prefix(ip("2001:db8::1"), 255, ip("2001:db8::1")));
    }
}
