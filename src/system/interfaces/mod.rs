//! The network interfaces and what they say of VPNs and TUN-mode proxies: each adapter's name,
//! addresses and state (`read.rs`), the tunnel family its name tells (`names.rs`), the fake-ip
//! ranges of TUN proxies (`fake_ip.rs`), the nameservers of `/etc/resolv.conf` (`resolv_conf.rs`)
//! and the summary the report carries (`reading.rs`). Readings, not judgements: `diagnose` weighs
//! them ("when the answers are fake-ip, the path is the proxy's upstream").

pub mod fake_ip;
pub mod names;
pub mod read;
pub mod reading;
pub mod resolv_conf;

pub use fake_ip::{FAKE_IP_V4, FAKE_IP_V6, is_fake_ip};
pub use names::{TunnelKind, tunnel_kind};
pub use read::{
    InterfaceAddress, InterfacesError, MAX_ADDRESSES, MAX_INTERFACES, NetInterface, read_interfaces,
    try_read_interfaces,
};
pub use reading::{
    FakeIpAnswer, TunnelReading, TunnelResolver, dns_answers, resolver_on_tunnel, tunnel_reading,
};
pub use resolv_conf::{
    RESOLV_CONF, RESOLV_CONF_CAP, ResolvConf, ResolvConfError, SYSTEMD_RESOLVED_UPSTREAM, SystemResolvConf,
    parse_resolv_conf, read_resolv_conf, read_resolv_conf_at,
};

#[cfg(test)]
mod tests;
