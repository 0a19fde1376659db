//! The summary of tunnels the report carries: the tunnel adapters, the DNS answers that are
//! fake-ip, and a configured DNS server that sits on a tunnel. Built by a pure function so the
//! diagnosis can be tested with hand-made readings: when the answers are fake-ip, the name was
//! never resolved by the network's DNS and the path is the TUN proxy's upstream.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::probe::{DnsSource, Observations};

use super::fake_ip::{in_prefix, is_fake_ip};
use super::names::TunnelKind;
use super::read::NetInterface;

/// At most this many fake-ip answers are kept.
const MAX_FAKE_IP_ANSWERS: usize = 64;

/// Names in answers are cut to this many characters.
const NAME_CHARS: usize = 253;

/// Tailscale's MagicDNS resolver, reached through the tunnel's routes rather than its subnet
/// (tailscale.com/kb/1081/magicdns: `100.100.100.100`, and `fd7a:115c:a1e0::53` over IPv6).
const TAILSCALE_RESOLVERS: [IpAddr; 2] = [
    IpAddr::V4(Ipv4Addr::new(100, 100, 100, 100)),
    IpAddr::V6(Ipv6Addr::new(0xfd7a, 0x115c, 0xa1e0, 0, 0, 0, 0, 0x53)),
];

/// What this machine says of VPNs and TUN proxies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TunnelReading {
    /// The tunnel interfaces (by name, or holding a fake-ip address), up or not.
    pub interfaces: Vec<NetInterface>,
    /// DNS answers in a fake-ip range: the name was answered by a TUN proxy, not resolved.
    pub fake_ip_answers: Vec<FakeIpAnswer>,
    /// A configured DNS server that sits on a tunnel, or is itself a fake-ip address.
    pub resolver_on_tunnel: Option<TunnelResolver>,
}

/// A DNS answer in a fake-ip range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FakeIpAnswer {
    /// The name looked up.
    pub name: String,
    /// The fake address it was given.
    pub ip: IpAddr,
}

/// A configured DNS server on a tunnel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TunnelResolver {
    /// The nameserver's address.
    pub nameserver: IpAddr,
    /// The tunnel interface it sits on, when one was found.
    pub interface: Option<String>,
    /// That interface's family.
    pub tunnel: Option<TunnelKind>,
    /// The nameserver is itself a fake-ip address (a TUN proxy's DNS, e.g. `198.18.0.2`).
    pub fake_ip: bool,
}

impl TunnelReading {
    /// True when some DNS answer was fake-ip: those names' path is the proxy's upstream.
    pub fn has_fake_ip_answers(&self) -> bool {
        !self.fake_ip_answers.is_empty()
    }

    /// True when a tunnel interface is up.
    pub fn tunnel_up(&self) -> bool {
        self.interfaces.iter().any(|i| i.up)
    }

    /// True when nothing points at a tunnel.
    pub fn is_empty(&self) -> bool {
        self.interfaces.is_empty() && self.fake_ip_answers.is_empty() && self.resolver_on_tunnel.is_none()
    }
}

/// The reading from the interfaces, the DNS answers (name, address) and the configured
/// nameservers. Pure: the caller reads the machine (`read_interfaces`, `read_resolv_conf`) and
/// takes the answers from the observations (`dns_answers`).
pub fn tunnel_reading(
    interfaces: &[NetInterface],
    answers: &[(String, IpAddr)],
    nameservers: &[IpAddr],
) -> TunnelReading {
    let mut fake_ip_answers: Vec<FakeIpAnswer> = Vec::new();
    for (name, ip) in answers {
        let answer = FakeIpAnswer {
            name: name
                .chars()
                .filter(|c| !c.is_control())
                .take(NAME_CHARS)
                .collect(),
            ip: *ip,
        };
        if is_fake_ip(*ip)
            && !fake_ip_answers.contains(&answer)
            && fake_ip_answers.len() < MAX_FAKE_IP_ANSWERS
        {
            fake_ip_answers.push(answer);
        }
    }
    TunnelReading {
        interfaces: interfaces
            .iter()
            .filter(|i| i.is_tunnel() && !i.loopback)
            .cloned()
            .collect(),
        fake_ip_answers,
        resolver_on_tunnel: tunnel_resolver(nameservers, interfaces),
    }
}

/// The first nameserver on a tunnel, with the interface when one holds it.
fn tunnel_resolver(nameservers: &[IpAddr], interfaces: &[NetInterface]) -> Option<TunnelResolver> {
    nameservers.iter().find_map(|&ns| {
        let interface = interface_for(ns, interfaces);
        let fake_ip = is_fake_ip(ns);
        (interface.is_some() || fake_ip).then(|| TunnelResolver {
            nameserver: ns,
            interface: interface.map(|i| i.name.clone()),
            tunnel: interface.and_then(|i| i.tunnel),
            fake_ip,
        })
    })
}

/// The tunnel interface a configured nameserver sits on: one whose subnet holds it, one holding
/// a fake-ip address when the nameserver is fake-ip, or Tailscale's when it is MagicDNS.
///
/// A server reached only through a tunnel's routes (a WireGuard `/32` whose DNS is elsewhere in
/// the VPN) is not found: routes are not read.
pub fn resolver_on_tunnel<'a>(
    nameservers: &[IpAddr],
    interfaces: &'a [NetInterface],
) -> Option<&'a NetInterface> {
    nameservers.iter().find_map(|&ns| interface_for(ns, interfaces))
}

/// The tunnel interface that holds `nameserver`, by the rules of `resolver_on_tunnel`.
fn interface_for(nameserver: IpAddr, interfaces: &[NetInterface]) -> Option<&NetInterface> {
    let tunnels = || interfaces.iter().filter(|i| i.is_tunnel() && !i.loopback);
    // A zero-length prefix would hold every address: only the address itself counts then.
    let holds = |i: &NetInterface| {
        i.addresses.iter().any(|a| {
            in_prefix(a.ip, a.prefix_len.max(1), nameserver) && (a.prefix_len > 0 || a.ip == nameserver)
        })
    };
    tunnels()
        .find(|i| holds(i))
        .or_else(|| {
            is_fake_ip(nameserver)
                .then(|| tunnels().find(|i| i.addresses.iter().any(|a| is_fake_ip(a.ip))))
                .flatten()
        })
        .or_else(|| {
            TAILSCALE_RESOLVERS
                .contains(&nameserver.to_canonical())
                .then(|| tunnels().find(|i| i.tunnel == Some(TunnelKind::Tailscale)))
                .flatten()
        })
}

/// The (name, address) answers of the dns stages that asked a resolver (the OS resolver as apps
/// ask it, the configured servers or `--dns-server`); names pinned by `--resolve` or written as
/// addresses prove nothing of DNS.
pub fn dns_answers(observations: &Observations) -> Vec<(String, IpAddr)> {
    let all = observations
        .targets
        .iter()
        .chain(&observations.status_documents)
        .chain(&observations.key_check);
    let mut out: Vec<(String, IpAddr)> = Vec::new();
    for detail in all.filter_map(|t| t.dns.as_ref()?.detail.as_ref()) {
        if !matches!(
            detail.source,
            DnsSource::Os | DnsSource::System { .. } | DnsSource::Server(_)
        ) {
            continue;
        }
        for ip in detail.addrs() {
            let answer = (detail.query.clone(), *ip);
            if !out.contains(&answer) {
                out.push(answer);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("test address")
    }

    fn looked_up(name: &str, source: DnsSource, addr: &str) -> crate::probe::TargetObservation {
        use crate::probe::{DnsDetail, Family, FamilyLookup, Outcome, Stage};
        use std::time::Duration;
        let detail = DnsDetail {
            query: name.into(),
            source,
            lookups: vec![FamilyLookup {
                family: Family::Ipv4,
                outcome: Outcome::Ok,
                addrs: vec![ip(addr)],
                ttl: None,
                duration: Duration::ZERO,
            }],
        };
        crate::probe::TargetObservation {
            target: crate::catalog::Target {
                name: name.into(),
                surface: crate::catalog::Surface::Web,
                url: url::Url::parse(&format!("https://{name}/")).expect("test URL"),
            },
            dns: Some(Stage::ok(Duration::ZERO, detail)),
            attempts: vec![],
        }
    }

    #[test]
    fn answers_come_from_resolvers_asked_not_from_pins_or_literals() {
        let observations = Observations {
            targets: vec![
                looked_up("chatgpt.com", DnsSource::Os, "198.18.0.10"),
                looked_up(
                    "api.openai.com",
                    DnsSource::System { servers: vec![] },
                    "198.18.0.13",
                ),
                looked_up("auth.openai.com", DnsSource::Pinned, "198.18.0.14"),
                looked_up("cdn.oaistatic.com", DnsSource::Literal, "198.18.0.15"),
            ],
            status_documents: vec![],
            key_check: None,
            doh: vec![],
            dns_views: vec![],
            started_at: std::time::SystemTime::UNIX_EPOCH,
            duration: std::time::Duration::ZERO,
        };
        assert_eq!(
            dns_answers(&observations),
            vec![
                ("chatgpt.com".to_string(), ip("198.18.0.10")),
                ("api.openai.com".to_string(), ip("198.18.0.13")),
            ]
        );
    }

    fn iface(name: &str, addresses: &[(&str, u8)]) -> NetInterface {
        let addresses: Vec<(IpAddr, u8)> = addresses.iter().map(|&(a, len)| (ip(a), len)).collect();
        let mut i = NetInterface::new(name, &addresses);
        i.up = true;
        i
    }

    fn machine() -> Vec<NetInterface> {
        let mut lo = iface("lo", &[("127.0.0.1", 8), ("::1", 128)]);
        lo.loopback = true;
        vec![
            lo,
            iface("eth0", &[("192.0.2.10", 24), ("2001:db8:1::10", 64)]),
            iface("wg0", &[("198.51.100.2", 24), ("2001:db8:77::2", 64)]),
            iface("tailscale0", &[("203.0.113.40", 32)]),
        ]
    }

    #[test]
    fn a_nameserver_in_a_tunnels_ipv4_subnet() {
        let m = machine();
        let found = resolver_on_tunnel(&[ip("198.51.100.53")], &m).expect("on wg0");
        assert_eq!(found.name, "wg0");
        assert_eq!(
            resolver_on_tunnel(&[ip("192.0.2.53")], &m),
            None,
            "the LAN is no tunnel"
        );
        assert_eq!(
            resolver_on_tunnel(&[ip("203.0.113.53")], &m),
            None,
            "a /32 holds only itself"
        );
        assert_eq!(resolver_on_tunnel(&[], &m), None);
    }

    #[test]
    fn a_nameserver_in_a_tunnels_ipv6_subnet() {
        let m = machine();
        assert_eq!(
            resolver_on_tunnel(&[ip("2001:db8:77::53")], &m).map(|i| i.name.as_str()),
            Some("wg0")
        );
        assert_eq!(resolver_on_tunnel(&[ip("2001:db8:1::53")], &m), None);
        assert_eq!(resolver_on_tunnel(&[ip("2001:db8:78::53")], &m), None);
    }

    #[test]
    fn the_first_nameserver_on_a_tunnel_is_named() {
        let m = machine();
        let found = resolver_on_tunnel(&[ip("192.0.2.53"), ip("2001:db8:77::1")], &m);
        assert_eq!(found.map(|i| i.name.as_str()), Some("wg0"));
    }

    #[test]
    fn a_fake_ip_resolver_and_its_tun_adapter() {
        // mihomo's TUN: 198.18.0.1/30 on "Meta", its DNS at 198.18.0.2.
        let mut m = machine();
        m.push(iface("Meta", &[("198.18.0.1", 30)]));
        let reading = tunnel_reading(&m, &[], &[ip("198.18.0.2")]);
        let resolver = reading.resolver_on_tunnel.expect("on the TUN");
        assert_eq!(resolver.interface.as_deref(), Some("Meta"));
        assert_eq!(resolver.tunnel, Some(TunnelKind::TunProxy));
        assert!(resolver.fake_ip);

        // A wider fake-ip pool than the adapter's /30: still the adapter holding a fake-ip address.
        let found = resolver_on_tunnel(&[ip("198.19.1.1")], &m).expect("a fake-ip adapter");
        assert_eq!(found.name, "Meta");

        // No adapter found (not listed, or a TUN without address): still a fake-ip resolver.
        let reading = tunnel_reading(&machine(), &[], &[ip("198.18.0.2")]);
        let resolver = reading.resolver_on_tunnel.expect("a fake-ip resolver");
        assert_eq!((resolver.interface, resolver.fake_ip), (None, true));
    }

    #[test]
    fn tailscale_magicdns_is_on_the_tailscale_interface() {
        let m = machine();
        for ns in ["100.100.100.100", "fd7a:115c:a1e0::53"] {
            assert_eq!(
                resolver_on_tunnel(&[ip(ns)], &m).map(|i| i.name.as_str()),
                Some("tailscale0"),
                "{ns}"
            );
        }
        let without: Vec<NetInterface> = machine().into_iter().filter(|i| i.name != "tailscale0").collect();
        assert_eq!(resolver_on_tunnel(&[ip("100.100.100.100")], &without), None);
    }

    #[test]
    fn a_zero_length_prefix_does_not_swallow_every_address() {
        let m = vec![iface("tun0", &[("192.0.2.1", 0)])];
        assert_eq!(resolver_on_tunnel(&[ip("203.0.113.1")], &m), None);
        assert!(resolver_on_tunnel(&[ip("192.0.2.1")], &m).is_some());
    }

    #[test]
    fn fake_ip_answers_are_collected_once_and_bounded() {
        let answers: Vec<(String, IpAddr)> = vec![
            ("chat.example".into(), ip("198.18.0.7")),
            ("chat.example".into(), ip("198.18.0.7")),
            ("api.example".into(), ip("fc00::7")),
            ("control.example".into(), ip("192.0.2.80")),
            ("bad\u{1b}[31m.example".into(), ip("198.18.0.9")),
        ];
        let reading = tunnel_reading(&[], &answers, &[]);
        let names: Vec<&str> = reading.fake_ip_answers.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["chat.example", "api.example", "bad[31m.example"]);
        assert!(reading.has_fake_ip_answers());

        let many: Vec<(String, IpAddr)> = (0..500u32)
            .map(|n| {
                (
                    format!("n{n}.example"),
                    IpAddr::V4(Ipv4Addr::from(0xC612_0000 + n)),
                )
            })
            .collect();
        assert_eq!(
            tunnel_reading(&[], &many, &[]).fake_ip_answers.len(),
            MAX_FAKE_IP_ANSWERS
        );
    }

    #[test]
    fn the_reading_lists_tunnels_only() {
        let reading = tunnel_reading(
            &machine(),
            &[("a.example".into(), ip("192.0.2.80"))],
            &[ip("192.0.2.53")],
        );
        let names: Vec<&str> = reading.interfaces.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["wg0", "tailscale0"]);
        assert!(reading.tunnel_up());
        assert!(!reading.has_fake_ip_answers());
        assert_eq!(reading.resolver_on_tunnel, None);
        assert!(tunnel_reading(&[], &[], &[]).is_empty());
    }

    #[test]
    fn the_reading_serializes_with_stable_codes() {
        let mut m = machine();
        m.push(iface("utun4", &[("198.18.0.1", 16)]));
        let reading = tunnel_reading(
            &m,
            &[("chat.example".into(), ip("198.18.3.4"))],
            &[ip("198.18.0.2")],
        );
        let json = serde_json::to_value(&reading).expect("serializes");
        assert_eq!(json["resolver_on_tunnel"]["tunnel"], "tun");
        assert_eq!(json["resolver_on_tunnel"]["interface"], "utun4");
        assert_eq!(json["fake_ip_answers"][0]["ip"], "198.18.3.4");
        assert_eq!(json["interfaces"][0]["tunnel"], "wireguard");
        let back: TunnelReading = serde_json::from_value(json).expect("round trip");
        assert_eq!(back, reading);
    }
}
