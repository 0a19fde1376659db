//! Which tunnel an adapter is, by its name. Names are all the portable interface lists give (on
//! Windows the adapter's alias, e.g. "Tailscale", not its driver description), so an adapter
//! renamed by its user, or a TAP adapter left as "Local Area Connection", is not recognised.
//!
//! Sources of the names (case-insensitive):
//! * Linux `ip link`: `tunN`/`tapN` (the kernel's tun driver), `wgN` and `wg0-mullvad`
//!   (wg-quick, Mullvad), `nordlynx` (NordSecurity/nordvpn-linux), `tailscale0`
//!   (tailscale/tailscale: `tailscale0: <POINTOPOINT,…>` in romkatv/powerlevel10k#1208),
//!   `ztXXXXXXXX` (ZeroTier), `pppN`, `cscotun0` (Cisco), `gpd0` (GlobalProtect), `proton0`
//!   (the VPN interface pattern of powerlevel10k, `(gpd|wg|(.*tun)|tailscale)[0-9]*|(zt.*)`),
//!   `CloudflareWARP` (cloudflare/cloudflare-docs#9756).
//! * macOS `ifconfig`: `utunN` (every userspace VPN and TUN proxy: the kernel names them),
//!   `ipsecN` (the built-in IKEv2 client), `pppN` (L2TP).
//! * Windows `ipconfig /all`: "OpenVPN TAP-Windows6" and "OpenVPN Wintun"
//!   (OpenVPN/openvpn-build#197), "Tailscale" (tailscale/tailscale#524), "Meta" (mihomo's default
//!   TUN name, MetaCubeX/mihomo `listener/sing_tun/server.go`), "Mihomo" (the name Clash Verge
//!   Rev configurations give), "Clash", "cfw-tap" (Clash for Windows' TAP adapter, its
//!   documentation), "sing-box"/"singbox_tun", "WireGuard", "NordLynx",
//!   "Mullvad", "ProtonVPN", "CloudflareWARP".
//!
//! Left out on purpose: `tunl0`, `sit0`, `gre0`, `ip6tnl0` (kernel IP-in-IP/GRE devices that exist
//! on many hosts without any VPN), Teredo/ISATAP/6to4 pseudo-interfaces (IPv6 transition), and
//! the point-to-point flag (raw-IP cellular modems set it too).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The family of a tunnel adapter, as its name tells it (stable snake_case codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TunnelKind {
    /// WireGuard: `wgN`, `*-mullvad`, `nordlynx`, WireGuard for Windows.
    Wireguard,
    /// Tailscale: `tailscale0`, "Tailscale".
    Tailscale,
    /// ZeroTier: `ztXXXXXXXX`, "ZeroTier One [network]".
    Zerotier,
    /// A TUN-mode proxy: Clash, mihomo ("Meta", "Mihomo"), sing-box. Its DNS is usually fake-ip.
    TunProxy,
    /// A layer-3 tunnel whose software the name does not tell: `tunN`, `utunN`, Wintun, OpenVPN.
    Tun,
    /// A layer-2 virtual adapter: `tapN`, TAP-Windows (OpenVPN's older driver, VM bridges).
    Tap,
    /// PPP (a PPTP/L2TP VPN, or a PPPoE line itself) or IPsec.
    PppIpsec,
    /// A named VPN client's adapter: ProtonVPN, Cloudflare WARP, Cisco, GlobalProtect.
    Vpn,
}

impl TunnelKind {
    /// The stable code, as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TunnelKind::Wireguard => "wireguard",
            TunnelKind::Tailscale => "tailscale",
            TunnelKind::Zerotier => "zerotier",
            TunnelKind::TunProxy => "tun_proxy",
            TunnelKind::Tun => "tun",
            TunnelKind::Tap => "tap",
            TunnelKind::PppIpsec => "ppp_ipsec",
            TunnelKind::Vpn => "vpn",
        }
    }
}

/// Names are compared on this many characters at most (Linux allows 15, Windows aliases 256).
const NAME_CAP: usize = 256;

/// The tunnel family an interface name tells, or `None` for an ordinary adapter (Ethernet,
/// Wi-Fi, loopback, bridges, container links) or a name it does not know.
pub fn tunnel_kind(name: &str) -> Option<TunnelKind> {
    let lower: String = name.chars().take(NAME_CAP).collect::<String>().to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.iter().any(|w| TRANSITION_WORDS.contains(w)) {
        return None;
    }
    tun_proxy(&lower, &words)
        .or_else(|| named_vpn(&lower, &words))
        .or_else(|| link_kind(&lower, &words))
}

/// Windows' IPv6 transition pseudo-interfaces: tunnels, but no VPN.
const TRANSITION_WORDS: &[&str] = &["teredo", "isatap", "6to4"];

/// Clash, mihomo and sing-box adapters.
fn tun_proxy(lower: &str, words: &[&str]) -> Option<TunnelKind> {
    // mihomo's default name is exactly "Meta" (a prefix would catch unrelated names).
    let proxy = lower == "meta"
        || words
            .iter()
            .any(|w| w.starts_with("mihomo") || w.starts_with("clash") || *w == "cfw")
        || lower.contains("sing-box")
        || lower.contains("singbox")
        || lower.contains("sing_box");
    proxy.then_some(TunnelKind::TunProxy)
}

/// VPN software that names its adapter after itself.
fn named_vpn(lower: &str, words: &[&str]) -> Option<TunnelKind> {
    let starts = |prefix: &str| lower.starts_with(prefix);
    let has_word = |prefix: &str| words.iter().any(|w| w.starts_with(prefix));
    if starts("tailscale") {
        Some(TunnelKind::Tailscale)
    } else if starts("zerotier") || (starts("zt") && words.len() == 1) {
        Some(TunnelKind::Zerotier)
    } else if starts("wg") || has_word("wireguard") || has_word("nordlynx") || has_word("mullvad") {
        Some(TunnelKind::Wireguard)
    } else if has_word("proton") || has_word("cloudflarewarp") || is_numbered(lower, "gpd") {
        Some(TunnelKind::Vpn)
    } else if has_word("openvpn") {
        Some(if has_word("tap") {
            TunnelKind::Tap
        } else {
            TunnelKind::Tun
        })
    } else {
        None
    }
}

/// The kernel's and the drivers' own names: tun/utun/wintun, tap, ppp, ipsec.
fn link_kind(lower: &str, words: &[&str]) -> Option<TunnelKind> {
    if ["ppp", "ipsec", "l2tp", "pptp"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Some(TunnelKind::PppIpsec);
    }
    if words.iter().any(|w| *w == "tap" || is_numbered(w, "tap")) {
        return Some(TunnelKind::Tap);
    }
    // A word that ends in "tun" before its number: tun0, utun3, cscotun0, wintun, "dns-tun".
    let tun_word = |w: &&str| w.trim_end_matches(|c: char| c.is_ascii_digit()).ends_with("tun");
    words.iter().any(tun_word).then_some(TunnelKind::Tun)
}

/// True when `word` is `prefix` followed only by digits (`gpd0`, `tap1`).
fn is_numbered(word: &str, prefix: &str) -> bool {
    word.strip_prefix(prefix)
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(names: &[&str], expected: Option<TunnelKind>) {
        for name in names {
            assert_eq!(tunnel_kind(name), expected, "{name:?}");
        }
    }

    #[test]
    fn linux_ip_link_names() {
        kinds(&["tun0", "tun1", "tun-test0"], Some(TunnelKind::Tun));
        kinds(&["tap0", "tap1"], Some(TunnelKind::Tap));
        kinds(
            &["wg0", "wg0-mullvad", "wg-mullvad", "nordlynx"],
            Some(TunnelKind::Wireguard),
        );
        kinds(&["tailscale0"], Some(TunnelKind::Tailscale));
        kinds(&["ztrfyoirbv", "zt5u4y6cvn"], Some(TunnelKind::Zerotier));
        kinds(&["ppp0"], Some(TunnelKind::PppIpsec));
        kinds(&["cscotun0"], Some(TunnelKind::Tun));
        kinds(&["gpd0", "proton0", "CloudflareWARP"], Some(TunnelKind::Vpn));
        kinds(&["singbox_tun", "sing-box", "mihomo"], Some(TunnelKind::TunProxy));
    }

    #[test]
    fn macos_ifconfig_names() {
        kinds(&["utun0", "utun3", "utun1024"], Some(TunnelKind::Tun));
        kinds(&["ipsec0"], Some(TunnelKind::PppIpsec));
        kinds(&["ppp0"], Some(TunnelKind::PppIpsec));
        kinds(
            &[
                "en0", "en1", "lo0", "bridge0", "awdl0", "llw0", "anpi0", "ap1", "gif0", "stf0",
            ],
            None,
        );
    }

    #[test]
    fn windows_adapter_aliases() {
        // ipconfig /all: "Unknown adapter OpenVPN Wintun", "Unknown adapter OpenVPN TAP-Windows6"
        // (OpenVPN/openvpn-build#197), "Unknown adapter Tailscale" (tailscale/tailscale#524).
        kinds(
            &[
                "OpenVPN Wintun",
                "OpenVPN Data Channel Offload",
                "Wintun",
                "wintun",
            ],
            Some(TunnelKind::Tun),
        );
        kinds(
            &["OpenVPN TAP-Windows6", "TAP-Windows Adapter V9"],
            Some(TunnelKind::Tap),
        );
        kinds(&["Tailscale"], Some(TunnelKind::Tailscale));
        kinds(
            &["Meta", "META", "Mihomo", "Clash", "cfw-tap", "Clash Verge"],
            Some(TunnelKind::TunProxy),
        );
        kinds(
            &["WireGuard", "WireGuard Tunnel", "NordLynx", "Mullvad"],
            Some(TunnelKind::Wireguard),
        );
        kinds(
            &["ProtonVPN", "ProtonVPN TUN", "CloudflareWARP"],
            Some(TunnelKind::Vpn),
        );
        kinds(&["ZeroTier One [8056c2e21c000001]"], Some(TunnelKind::Zerotier));
    }

    #[test]
    fn ordinary_adapters_are_not_tunnels() {
        kinds(
            &[
                "lo",
                "eth0",
                "enp3s0",
                "wlan0",
                "wlp2s0",
                "docker0",
                "br-3f2a",
                "virbr0",
                "veth12ab",
                "wwan0",
                "bond0",
                "vlan10",
                "Ethernet",
                "Ethernet 2",
                "Wi-Fi",
                "Local Area Connection* 2",
                "vEthernet (WSL)",
                "Loopback Pseudo-Interface 1",
                "Bluetooth Network Connection",
                "以太网 2",
                "metal0",
                "metadata",
                "tapestry",
                "zt a",
            ],
            None,
        );
    }

    #[test]
    fn kernel_tunnels_and_ipv6_transition_adapters_are_not_vpns() {
        kinds(
            &[
                "tunl0",
                "sit0",
                "gre0",
                "gretap0",
                "ip6tnl0",
                "erspan0",
                "Teredo Tunneling Pseudo-Interface",
                "isatap.{5B8E8C1A}",
                "6TO4 Adapter",
            ],
            None,
        );
    }

    #[test]
    fn hostile_names_do_not_panic() {
        kinds(&["", " ", "-", "\u{0}", "\u{202e}nut", "ｔｕｎ０"], None);
        let long = "x".repeat(100_000) + "tun0";
        assert_eq!(tunnel_kind(&long), None, "only the first characters are read");
        assert_eq!(tunnel_kind(&"é".repeat(10_000)), None);
    }

    #[test]
    fn codes_are_stable_and_match_the_json() {
        for kind in [
            TunnelKind::Wireguard,
            TunnelKind::Tailscale,
            TunnelKind::Zerotier,
            TunnelKind::TunProxy,
            TunnelKind::Tun,
            TunnelKind::Tap,
            TunnelKind::PppIpsec,
            TunnelKind::Vpn,
        ] {
            let json = serde_json::to_string(&kind).expect("serializes");
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }
}
