//! The machine's network interfaces through `if-addrs` (getifaddrs on Unix,
//! GetAdaptersAddresses on Windows): one entry per adapter with its addresses, bounded in count
//! and length, names cleaned of control characters before anything prints them.
//!
//! `if-addrs` lists only adapters that hold an address, and leaves out link-local IPv6
//! (`fe80::/10`) — so macOS's idle `utun0`…`utun3`, which carry only link-local addresses, do
//! not show as tunnels.

use std::net::IpAddr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::fake_ip::is_fake_ip;
use super::names::{TunnelKind, tunnel_kind};

/// At most this many interfaces are kept (hosts with thousands of container links exist).
pub const MAX_INTERFACES: usize = 256;

/// At most this many addresses are kept per interface.
pub const MAX_ADDRESSES: usize = 32;

/// Interface names are cut to this many characters (Windows aliases may hold 256).
const NAME_CHARS: usize = 128;

/// One network interface and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NetInterface {
    /// The name (the alias on Windows, e.g. "Tailscale"), control characters removed.
    pub name: String,
    /// Its addresses with their on-link prefix lengths (link-local IPv6 left out).
    pub addresses: Vec<InterfaceAddress>,
    /// Operationally up: `IFF_RUNNING` on Unix, `IfOperStatusUp` on Windows.
    pub up: bool,
    /// A loopback interface (`lo`, `lo0`, "Loopback Pseudo-Interface 1").
    pub loopback: bool,
    /// Point-to-point (`IFF_POINTOPOINT`, or a PPP/tunnel interface type on Windows): recorded,
    /// not read as a tunnel, because raw-IP cellular modems set it too.
    pub point_to_point: bool,
    /// The tunnel family its name tells, or `tun_proxy` when it holds a fake-ip address.
    pub tunnel: Option<TunnelKind>,
}

/// An address of an interface and the length of its on-link prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct InterfaceAddress {
    pub ip: IpAddr,
    pub prefix_len: u8,
}

impl NetInterface {
    /// An interface from its name and addresses (the flags false; `tunnel` derived): for tests
    /// and for the integrator's fixtures.
    pub fn new(name: &str, addresses: &[(IpAddr, u8)]) -> NetInterface {
        let mut interface = NetInterface {
            name: clean_name(name),
            addresses: addresses
                .iter()
                .take(MAX_ADDRESSES)
                .map(|&(ip, prefix_len)| InterfaceAddress { ip, prefix_len })
                .collect(),
            up: false,
            loopback: false,
            point_to_point: false,
            tunnel: None,
        };
        interface.classify();
        interface
    }

    /// True when the name or a fake-ip address marks it as a tunnel.
    pub fn is_tunnel(&self) -> bool {
        self.tunnel.is_some()
    }

    /// Sets `tunnel` from the name, or from a fake-ip address a TUN proxy gave itself (mihomo
    /// takes `198.18.0.1/30` whatever the adapter is called).
    fn classify(&mut self) {
        self.tunnel = tunnel_kind(&self.name).or_else(|| {
            (!self.loopback && self.addresses.iter().any(|a| is_fake_ip(a.ip)))
                .then_some(TunnelKind::TunProxy)
        });
    }
}

/// Why the interface list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InterfacesError {
    /// The operating system refused the list (getifaddrs or GetAdaptersAddresses failed).
    #[error("the interface list could not be read: {0}")]
    Unreadable(#[from] std::io::Error),
}

/// The machine's interfaces, or an empty list when the system will not give them (the reading
/// is a hint for the diagnosis, never a reason to stop a run).
pub fn read_interfaces() -> Vec<NetInterface> {
    try_read_interfaces().unwrap_or_default()
}

/// The machine's interfaces, or why the system would not give them.
pub fn try_read_interfaces() -> Result<Vec<NetInterface>, InterfacesError> {
    let entries = if_addrs::get_if_addrs()?;
    Ok(group(entries.into_iter().map(|e| Entry {
        ip: e.ip(),
        prefix_len: match &e.addr {
            if_addrs::IfAddr::V4(v4) => v4.prefixlen,
            if_addrs::IfAddr::V6(v6) => v6.prefixlen,
        },
        up: e.is_oper_up(),
        loopback: e.is_loopback(),
        point_to_point: e.is_p2p(),
        name: e.name,
    })))
}

/// One address of one interface, as the system lists them.
struct Entry {
    name: String,
    ip: IpAddr,
    prefix_len: u8,
    up: bool,
    loopback: bool,
    point_to_point: bool,
}

/// Gathers per-address entries into interfaces, in the order first seen, bounded.
fn group(entries: impl Iterator<Item = Entry>) -> Vec<NetInterface> {
    let mut out: Vec<NetInterface> = Vec::new();
    // The system's list is finite, but a bound on the walk keeps a broken one from stalling.
    for entry in entries.take(MAX_INTERFACES * MAX_ADDRESSES) {
        let name = clean_name(&entry.name);
        let index = match out.iter().position(|i| i.name == name) {
            Some(index) => index,
            None if out.len() < MAX_INTERFACES => {
                out.push(NetInterface::new(&name, &[]));
                out.len() - 1
            }
            None => continue,
        };
        let interface = &mut out[index];
        let address = InterfaceAddress {
            ip: entry.ip,
            prefix_len: entry.prefix_len,
        };
        if interface.addresses.len() < MAX_ADDRESSES && !interface.addresses.contains(&address) {
            interface.addresses.push(address);
        }
        interface.up |= entry.up;
        interface.loopback |= entry.loopback;
        interface.point_to_point |= entry.point_to_point;
    }
    for interface in &mut out {
        interface.classify();
    }
    out
}

/// The name without control or bidirectional-override characters, cut to `NAME_CHARS`.
fn clean_name(name: &str) -> String {
    name.chars()
        .filter(|c| {
            !c.is_control()
                && !('\u{202a}'..='\u{202e}').contains(c)
                && !('\u{2066}'..='\u{2069}').contains(c)
        })
        .take(NAME_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("test address")
    }

    fn entry(name: &str, addr: &str, prefix_len: u8) -> Entry {
        Entry {
            name: name.to_string(),
            ip: ip(addr),
            prefix_len,
            up: true,
            loopback: ip(addr).is_loopback(),
            point_to_point: false,
        }
    }

    #[test]
    fn read_interfaces_on_this_machine_finds_loopback_and_never_panics() {
        let interfaces = try_read_interfaces().expect("getifaddrs works on this machine");
        assert!(interfaces.len() <= MAX_INTERFACES);
        let lo = interfaces
            .iter()
            .find(|i| i.loopback)
            .expect("a loopback interface");
        assert!(
            lo.addresses.iter().any(|a| a.ip.is_loopback()),
            "loopback holds 127.0.0.1 or ::1: {lo:?}"
        );
        if cfg!(target_os = "linux") {
            assert!(interfaces.iter().any(|i| i.name == "lo"), "{interfaces:?}");
        }
        assert_eq!(lo.tunnel, None);
        assert_eq!(read_interfaces().len(), interfaces.len());
    }

    #[test]
    fn entries_group_by_name_in_order() {
        let out = group(
            [
                entry("lo", "127.0.0.1", 8),
                entry("eth0", "192.0.2.10", 24),
                entry("lo", "::1", 128),
                entry("wg0", "198.51.100.2", 32),
                entry("eth0", "2001:db8::10", 64),
                entry("eth0", "192.0.2.10", 24),
            ]
            .into_iter(),
        );
        let names: Vec<&str> = out.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["lo", "eth0", "wg0"]);
        assert_eq!(out[0].addresses.len(), 2);
        assert!(out[0].loopback && out[0].up);
        assert_eq!(out[1].addresses.len(), 2, "the repeated address is kept once");
        assert_eq!(out[1].tunnel, None);
        assert_eq!(out[2].tunnel, Some(TunnelKind::Wireguard));
    }

    #[test]
    fn a_fake_ip_address_marks_a_tun_proxy_whatever_its_name() {
        let out = group([entry("Ethernet 3", "198.18.0.1", 30)].into_iter());
        assert_eq!(out[0].tunnel, Some(TunnelKind::TunProxy));
        // The name wins when it tells more.
        let out = group([entry("utun4", "198.18.0.1", 30)].into_iter());
        assert_eq!(out[0].tunnel, Some(TunnelKind::Tun));
        let built = NetInterface::new("Ethernet 3", &[(ip("198.18.0.1"), 30)]);
        assert!(built.is_tunnel());
    }

    #[test]
    fn counts_are_bounded() {
        let many = (0..MAX_INTERFACES + 50).map(|n| entry(&format!("veth{n}"), "192.0.2.1", 24));
        assert_eq!(group(many).len(), MAX_INTERFACES);
        let addresses = (0..200u32).map(|n| {
            let a = std::net::Ipv6Addr::from(0x2001_0db8_0000_0000_0000_0000_0000_0000u128 + u128::from(n));
            Entry {
                ip: IpAddr::V6(a),
                ..entry("eth0", "::1", 64)
            }
        });
        let out = group(addresses);
        assert_eq!(out[0].addresses.len(), MAX_ADDRESSES);
    }

    #[test]
    fn names_are_cleaned_and_cut() {
        let out = group([entry("tun\u{1b}[31m0\u{202e}\n", "192.0.2.1", 24)].into_iter());
        assert_eq!(out[0].name, "tun[31m0");
        let long = "a".repeat(1000);
        assert_eq!(clean_name(&long).chars().count(), NAME_CHARS);
        assert_eq!(clean_name(""), "");
    }
}
