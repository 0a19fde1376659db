//! A lab check with real adapters: a network namespace made by the test, holding two TUN devices
//! (`tun-test0`, and `Meta` as mihomo names its own) and a veth pair, read from inside the
//! namespace by this test binary. Needs root and `ip` (iproute2); skips with the reason otherwise.
//! Nothing is sent anywhere: the namespace has no uplink, and the devices have no process behind.

use std::net::IpAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::*;

/// Set by the outer test for the inner one: the resolv.conf to read inside the namespace.
const LAB_RESOLV_CONF: &str = "CGD_IFACES_LAB_RESOLV_CONF";

/// The inner test, by its full path in the test binary.
const INNER: &str = "system::interfaces::tests::inside_the_lab_namespace";

/// Why this machine cannot run the lab, or `None` when it can.
fn lab_unavailable() -> Option<&'static str> {
    if !cfg!(target_os = "linux") {
        return Some("network namespaces are Linux-only");
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let root = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        == Some("0");
    if !root {
        return Some("not root (network namespaces and TUN devices need it)");
    }
    if !Path::new("/dev/net/tun").exists() {
        return Some("/dev/net/tun is missing");
    }
    let ip_works = Command::new("ip")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !ip_works.is_ok_and(|s| s.success()) {
        return Some("the `ip` command (iproute2) is missing");
    }
    None
}

/// Runs a command to its end within `limit`, killing it past that; its stdout and whether it
/// succeeded.
fn run_bounded(command: &mut Command, limit: Duration) -> (bool, String) {
    let child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let Ok(mut child) = child else {
        return (false, format!("{command:?} did not start"));
    };
    let deadline = Instant::now() + limit;
    // Bounded: at most `limit` in 20 ms steps.
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    if let Ok(None) = child.try_wait() {
        let _ = child.kill();
    }
    match child.wait_with_output() {
        Ok(out) => {
            let text =
                String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
            (out.status.success(), text)
        }
        Err(e) => (false, e.to_string()),
    }
}

/// The namespace, deleted when the test ends however it ends.
struct Namespace(String);

impl Namespace {
    fn ip(&self, args: &str) {
        let mut command = Command::new("ip");
        command.arg("-n").arg(&self.0).args(args.split_whitespace());
        let (ok, out) = run_bounded(&mut command, Duration::from_secs(10));
        assert!(ok, "ip -n {} {args}: {out}", self.0);
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        let _ = run_bounded(
            Command::new("ip").args(["netns", "del", &self.0]),
            Duration::from_secs(10),
        );
    }
}

#[test]
fn real_tun_devices_in_a_network_namespace_are_read_as_tunnels() {
    if let Some(reason) = lab_unavailable() {
        eprintln!("skipped: {reason}");
        return;
    }
    let name = format!("cgd-ifaces-{}", std::process::id());
    let (made, out) = run_bounded(
        Command::new("ip").args(["netns", "add", &name]),
        Duration::from_secs(10),
    );
    assert!(made, "ip netns add {name}: {out}");
    let ns = Namespace(name);
    ns.ip("link set lo up");
    ns.ip("tuntap add mode tun name tun-test0");
    ns.ip("addr add 192.0.2.1/30 dev tun-test0");
    ns.ip("-6 addr add 2001:db8:15::1/64 dev tun-test0 nodad");
    ns.ip("link set tun-test0 up");
    ns.ip("tuntap add mode tun name Meta");
    ns.ip("addr add 198.51.100.1/30 dev Meta");
    ns.ip("link add v-lab0 type veth peer name v-lab1");
    ns.ip("addr add 203.0.113.1/24 dev v-lab0");

    let dir = tempfile::tempdir().expect("temp dir");
    let resolv = dir.path().join("resolv.conf");
    std::fs::write(&resolv, "nameserver 203.0.113.53\nnameserver 192.0.2.2\n").expect("write");

    let exe = std::env::current_exe().expect("the test binary");
    let mut inner = Command::new("ip");
    inner
        .args(["netns", "exec", &ns.0])
        .arg(exe)
        .args(["--exact", INNER, "--ignored", "--nocapture", "--test-threads=1"])
        .env(LAB_RESOLV_CONF, &resolv);
    let (ok, out) = run_bounded(&mut inner, Duration::from_secs(60));
    assert!(ok && out.contains("lab ok"), "the inner test failed:\n{out}");
    // The inner lines may follow the harness's "test … ... " on the same line.
    for line in out.lines().filter_map(|l| l.find("lab ").map(|at| &l[at..])) {
        eprintln!("{line}");
    }
}

/// Run only by the test above, inside its namespace.
#[test]
#[ignore = "run inside the lab namespace by real_tun_devices_in_a_network_namespace_are_read_as_tunnels"]
fn inside_the_lab_namespace() {
    let Some(resolv) = std::env::var_os(LAB_RESOLV_CONF) else {
        eprintln!("skipped: only meaningful inside the lab namespace");
        return;
    };
    let started = Instant::now();
    let interfaces = try_read_interfaces().expect("getifaddrs in the namespace");
    let took = started.elapsed();
    let by_name = |n: &str| interfaces.iter().find(|i| i.name == n);
    let ip = |s: &str| -> IpAddr { s.parse().expect("test address") };

    let tun = by_name("tun-test0").expect("tun-test0 is listed");
    assert_eq!(tun.tunnel, Some(TunnelKind::Tun));
    assert!(tun.point_to_point, "a TUN device is point-to-point");
    assert!(
        tun.addresses.contains(&InterfaceAddress {
            ip: ip("192.0.2.1"),
            prefix_len: 30
        }),
        "{tun:?}"
    );
    assert!(
        tun.addresses.contains(&InterfaceAddress {
            ip: ip("2001:db8:15::1"),
            prefix_len: 64
        }),
        "{tun:?}"
    );
    let meta = by_name("Meta").expect("Meta is listed");
    assert_eq!(meta.tunnel, Some(TunnelKind::TunProxy));
    assert_eq!(by_name("v-lab0").expect("v-lab0 is listed").tunnel, None);
    assert!(by_name("lo").is_some_and(|lo| lo.loopback && lo.tunnel.is_none()));

    let conf = read_resolv_conf_at(Path::new(&resolv)).expect("the lab resolv.conf");
    let reading = tunnel_reading(&interfaces, &[], &conf.nameservers);
    let names: Vec<&str> = reading.interfaces.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let resolver = reading.resolver_on_tunnel.expect("192.0.2.2 sits on tun-test0");
    assert_eq!(resolver.nameserver, ip("192.0.2.2"));
    assert_eq!(resolver.interface.as_deref(), Some("tun-test0"));
    assert!(!resolver.fake_ip);
    println!(
        "lab read {} interfaces in {:?}: {names:?}",
        interfaces.len(),
        took
    );
    println!("lab ok");
}
