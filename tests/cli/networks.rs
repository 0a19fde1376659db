//! Networks in the way, end to end against fixtures: TLS interception, SNI filtering, IPv6,
//! captive portals, the clock, slowness.

use std::time::Duration;

use crate::support::replay::{OPENAI_HOSTS, default_route};
use crate::support::server::router;
use crate::support::{
    Behaviour, DnsAnswer, Outcome, PlainHttpFixture, RequestInfo, ResponseSpec, Validity, World,
};

fn assert_verdict(o: &Outcome, layer: &str, cause: &str, code: i32) {
    assert_eq!(
        (o.layer(), o.cause(), o.code),
        (Some(layer), Some(cause), code),
        "{}",
        o.dump()
    );
}

/// Only the names OpenAI's service surfaces use (the status page is evidence, not a surface).
pub(crate) fn service_hosts() -> impl Iterator<Item = &'static &'static str> {
    OPENAI_HOSTS.iter().filter(|h| **h != "status.openai.com")
}

#[test]
fn a_chain_only_this_machines_store_trusts_is_tls_intercepted() {
    // Every OpenAI name is served by the "interception" CA, which is in SSL_CERT_FILE (the system
    // store) but not in the public store: a corporate TLS-inspecting proxy.
    let w = OPENAI_HOSTS
        .iter()
        .fold(World::builder(), |w, h| w.untrusted_cert(h))
        .start();
    let system = w.untrusted_ca.write_pem(w.dir());
    let out = w
        .command(["--json"])
        .env("SSL_CERT_FILE", &system)
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    crate::support::run::validate_report(&j).unwrap();
    assert_eq!(
        (j["verdict"]["layer"].as_str(), j["verdict"]["cause"].as_str()),
        (Some("local_network"), Some("tls_intercepted")),
        "{j:#}"
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        j["verdict"]["summary"]
            .as_str()
            .unwrap()
            .contains("Untrusted Interception CA")
    );
    assert!(j["verdict"]["advice"].to_string().contains("NODE_EXTRA_CA_CERTS"));
    let tls = &j["targets"][0]["stages"][2]["tls"];
    assert_eq!(tls["system_store"]["result"], "trusted");
    assert_eq!(tls["public_store"]["problem"], "unknown_issuer");
}

#[test]
fn a_reset_on_the_real_name_but_not_on_a_decoy_is_sni_filtered() {
    let w = service_hosts()
        .fold(World::builder(), |w, h| {
            w.behaviour(h, Behaviour::ResetOnClientHello)
        })
        .start();
    let o = w.run_json(["--timeout", "2"]);
    assert_verdict(&o, "path", "sni_filtered", 4);
    let decoy = &o.stage("chatgpt.com", "tls").unwrap()["tls"]["decoy"];
    assert_eq!(decoy["sni"], "example.com");
    assert_eq!(decoy["answered"], true);
    assert!(w.edge.connections(Some("example.com")) > 0, "the decoy was tried");
}

#[test]
fn a_stall_whatever_the_name_is_tls_failed_worded_as_filtering_or_mtu() {
    let w = service_hosts()
        .chain(&["example.com"])
        .fold(World::builder(), |w, h| {
            w.behaviour(h, Behaviour::HangAfterAccept)
        })
        .start();
    let o = w.run_json(["--timeout", "1"]);
    assert_verdict(&o, "path", "tls_failed", 4);
    assert!(
        o.json["verdict"]["summary"].as_str().unwrap().contains("MTU"),
        "{}",
        o.dump()
    );
    assert_eq!(
        o.stage("api.openai.com", "tls").unwrap()["tls"]["decoy"]["answered"],
        false
    );
}

#[test]
fn names_of_other_problems_tell_tls_failures_apart() {
    // Missing intermediate: a leaf from an intermediate CA sent without the intermediate.
    let b = World::builder();
    let inter = b.trusted_ca().intermediate("Test Intermediate CA");
    let leaf = inter.leaf(&["api.openai.com"], &[]).without_intermediates();
    let w = b.cert("api.openai.com", leaf).start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "tls_failed", 4);
    assert_eq!(
        o.stage("api.openai.com", "tls").unwrap()["tls"]["public_store"]["problem"],
        "missing_intermediate"
    );
    // Not yet valid, wrong name: their own problems.
    let w = World::builder()
        .cert_validity("chatgpt.com", Validity::NotYetValid)
        .wrong_name_cert("api.openai.com")
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(
        o.stage("chatgpt.com", "tls").unwrap()["tls"]["public_store"]["problem"],
        "not_yet_valid"
    );
    assert_eq!(
        o.stage("api.openai.com", "tls").unwrap()["tls"]["public_store"]["problem"],
        "wrong_hostname"
    );
}

#[test]
fn ipv6_refused_while_ipv4_answers_is_ipv6_broken() {
    // The names have AAAA records, but nothing answers on [::1]: IPv6 is routed and broken.
    let both = DnsAnswer::addrs(&["127.0.0.1", "::1"]);
    let w = service_hosts()
        .fold(World::builder().ipv6(false), |w, h| w.dns(h, both.clone()))
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "ipv6_broken", 4);
    assert!(
        o.json["verdict"]["advice"].to_string().contains("IPv4"),
        "{}",
        o.dump()
    );
    // -4 is the workaround, and the check then passes.
    assert_eq!(w.run_json(["-4"]).cause(), Some("healthy"));
}

#[test]
fn a_captive_portal_redirecting_the_check_is_captive_portal() {
    let portal = PlainHttpFixture::start(router(|_req: &RequestInfo| {
        ResponseSpec::new(302).header("location", "http://portal.example/login?next=captive")
    }));
    let w = World::start();
    let o = w.run_json([
        "--control".to_string(),
        "http://captive.apple.com/hotspot-detect.html".into(),
        "--connect-to".into(),
        format!("captive.apple.com:80:127.0.0.1:{}", portal.port()),
    ]);
    assert_verdict(&o, "local_network", "captive_portal", 3);
    assert!(
        o.json["verdict"]["evidence"][0]
            .as_str()
            .unwrap()
            .contains("portal.example/login")
    );
    // The true answer is no portal.
    let truth = PlainHttpFixture::start(router(|_req: &RequestInfo| {
        ResponseSpec::html(
            200,
            "<HTML><HEAD><TITLE>Success</TITLE></HEAD><BODY>Success</BODY></HTML>",
        )
    }));
    let o = w.run_json([
        "--control".to_string(),
        "http://captive.apple.com/hotspot-detect.html".into(),
        "--connect-to".into(),
        format!("captive.apple.com:80:127.0.0.1:{}", truth.port()),
    ]);
    assert_eq!(o.cause(), Some("healthy"), "{}", o.dump());
}

#[test]
fn expired_looking_certificates_with_the_clock_hours_off_are_clock_skew() {
    // Servers say it is three hours later than this machine thinks, and OpenAI's certificates
    // look not yet valid: the clock is wrong, not the path.
    let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3 * 3600));
    let w = service_hosts()
        .fold(World::builder(), |w, h| w.cert_validity(h, Validity::NotYetValid))
        .router(router(move |req: &RequestInfo| {
            default_route(req).set_header("date", &later)
        }))
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "machine", "clock_skew", 3);
    assert!(
        o.json["verdict"]["evidence"][0]
            .as_str()
            .unwrap()
            .contains("behind"),
        "{}",
        o.dump()
    );
}

/// The server holds handshakes naming OpenAI (and only those) for 1.2 s while connects are
/// instant: the same address under the decoy name completes at once, so the slowness is keyed
/// by the name, and the figures say so.
#[test]
fn slow_handshakes_for_openai_names_only_are_sni_throttled() {
    let w = service_hosts()
        .fold(World::builder(), |w, h| {
            w.behaviour(h, Behaviour::SlowHandshake(Duration::from_millis(1200)))
        })
        .start();
    let o = w.run_json(["--timeout", "3"]);
    assert_verdict(&o, "path", "sni_throttled", 4);
    let evidence = o.json["verdict"]["evidence"].to_string();
    assert!(evidence.contains("TLS handshake 1"), "{evidence}");
    assert!(evidence.contains("naming example.com: handshake"), "{evidence}");
    let decoy = &o.stage("chatgpt.com", "tls").unwrap()["tls"]["decoy"];
    assert_eq!(decoy["answered"], true, "{decoy:#}");
    assert!(decoy["tls_ms"].as_f64().unwrap() < 400.0, "{decoy:#}");
}

// ---- proxies ---------------------------------------------------------------------------------

use crate::support::proxy::{ProxyBehaviour, ProxyFixture, Socks5Fixture, SocksBehaviour};

fn openai_names() -> Vec<String> {
    OPENAI_HOSTS
        .iter()
        .map(std::string::ToString::to_string)
        .collect()
}

#[test]
fn a_tunnelling_proxy_is_used_and_reported_per_target() {
    let w = World::start();
    let proxy = ProxyFixture::start(ProxyBehaviour::Tunnel, w.edge.addr());
    let o = w.run_json(["--proxy", &proxy.url()]);
    assert_verdict(&o, "none", "healthy", 0);
    let t = o.target("api.openai.com").unwrap();
    assert!(
        t["route"]
            .as_str()
            .unwrap()
            .starts_with("through http://127.0.0.1"),
        "{t:#}"
    );
    assert!(t["route"].as_str().unwrap().contains("--proxy"));
    assert_eq!(o.stage_status("api.openai.com", "proxy"), Some("ok"));
    assert!(
        o.stage("api.openai.com", "dns").is_none(),
        "the proxy resolves, not us"
    );
    assert!(proxy.connects("api.openai.com") >= 1);
    assert_eq!(o.json["environment"]["proxies"][0]["source"], "--proxy");
}

#[test]
fn a_proxy_refusing_openai_but_passing_controls_is_proxy_denied() {
    let w = World::start();
    let proxy = ProxyFixture::start(ProxyBehaviour::DenyHosts(openai_names()), w.edge.addr());
    let mut cmd = w.command(["--json"]);
    let out = cmd.env("HTTPS_PROXY", proxy.url()).output().unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    crate::support::run::validate_report(&j).unwrap();
    assert_eq!(
        (
            j["verdict"]["layer"].as_str(),
            j["verdict"]["cause"].as_str(),
            out.status.code()
        ),
        (Some("local_network"), Some("proxy_denied"), Some(3)),
        "{j:#}"
    );
    assert!(
        j["verdict"]["evidence"]
            .to_string()
            .contains("Access denied by policy"),
        "the block page is shown"
    );
    assert!(
        j["verdict"]["evidence"]
            .to_string()
            .contains("passed through the same proxy")
    );
    assert_eq!(j["environment"]["proxies"][0]["source"], "HTTPS_PROXY");
    // The human view names the refusal and the proxy on each row.
    let human = w
        .command(Vec::<String>::new())
        .env("HTTPS_PROXY", proxy.url())
        .output()
        .unwrap();
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains("proxy: the proxy refused the destination (proxy_denied)"),
        "{human}"
    );
    assert!(human.contains(&format!("(via {})", proxy.url())), "{human}");
}

#[test]
fn a_proxy_wanting_credentials_is_proxy_auth_required_and_credentials_never_print() {
    let w = World::start();
    let auth = ProxyBehaviour::AuthRequired {
        user: "alice".into(),
        pass: "s3cret-pass".into(),
    };
    let proxy = ProxyFixture::start(auth, w.edge.addr());
    let o = w.run_json(["--proxy", &proxy.url()]);
    assert_verdict(&o, "local_network", "proxy_auth_required", 3);
    assert!(
        o.json["verdict"]["summary"]
            .as_str()
            .unwrap()
            .contains("none are configured")
    );
    // Wrong credentials: refused, said so; right ones: healthy. The password never prints.
    let o = w.run_json(["--proxy", &proxy.url_with_credentials("alice", "wrong-pass")]);
    assert_verdict(&o, "local_network", "proxy_auth_required", 3);
    assert!(
        o.json["verdict"]["summary"]
            .as_str()
            .unwrap()
            .contains("refuses the credentials")
    );
    assert!(!o.stdout.contains("wrong-pass"));
    let o = w.run_json(["--proxy", &proxy.url_with_credentials("alice", "s3cret-pass")]);
    assert_verdict(&o, "none", "healthy", 0);
    let human = w.run([
        "-vv",
        "--proxy",
        &proxy.url_with_credentials("alice", "s3cret-pass"),
    ]);
    for out in [&o.stdout, &o.stderr, &human.stdout, &human.stderr] {
        assert!(
            !out.contains("s3cret-pass") && !out.contains("alice:"),
            "credentials leaked:\n{out}"
        );
    }
}

#[test]
fn a_proxy_that_cannot_be_reached_is_proxy_unreachable() {
    let w = World::start();
    let dead = crate::causes::closed_port();
    let o = w.run_json(["--proxy", &format!("http://127.0.0.1:{dead}")]);
    assert_verdict(&o, "machine", "proxy_unreachable", 3);
    assert_eq!(
        o.stage_failure("api.openai.com", "tcp"),
        Some("connection_refused")
    );
}

#[test]
fn socks5h_proxies_carry_the_check() {
    let w = World::start();
    let socks = Socks5Fixture::start(SocksBehaviour::Tunnel, w.edge.addr());
    let o = w.run_json(["--proxy", &socks.url("socks5h")]);
    assert_verdict(&o, "none", "healthy", 0);
    assert_eq!(
        o.stage("chatgpt.com", "proxy").unwrap()["proxy"]["scheme"],
        "socks5h"
    );
}

#[test]
fn no_proxy_and_disagreeing_variables_are_reported() {
    let w = World::start();
    let proxy = ProxyFixture::start(ProxyBehaviour::Tunnel, w.edge.addr());
    let mut cmd = w.command(["--json"]);
    let out = cmd
        .env("https_proxy", proxy.url())
        .env("HTTPS_PROXY", "http://127.0.0.1:9")
        .env("NO_PROXY", "control.test,127.0.0.1")
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["verdict"]["cause"], "healthy", "{j:#}");
    let route = |name: &str| {
        j["targets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap()["route"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        route("control.test").starts_with("direct (NO_PROXY"),
        "{}",
        route("control.test")
    );
    assert!(
        route("chatgpt.com").contains("from https_proxy"),
        "lower case wins, as in curl"
    );
    assert!(
        j["verdict"]["warnings"].to_string().contains("HTTPS_PROXY"),
        "the disagreement is a warning"
    );
}

// ---- DNS tampering -------------------------------------------------------------------------

#[test]
fn a_healthy_run_asks_no_dns_control() {
    let w = World::start();
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(o.cause(), Some("healthy"));
    assert_eq!(
        w.doh.total_queries(),
        0,
        "every answer was proven by its TLS handshake"
    );
    assert_eq!(o.json["dns_consistency"], serde_json::json!([]));
}

#[test]
fn every_openai_name_has_its_dns_views_and_the_os_view_is_not_asked_under_dns_server() {
    let w = World::start();
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(o.cause(), Some("healthy"), "{}", o.dump());
    let views = o.json["dns_views"].as_array().expect("dns_views");
    let names: Vec<&str> = views.iter().filter_map(|v| v["name"].as_str()).collect();
    for h in OPENAI_HOSTS {
        assert!(names.contains(h), "{h} is not in {names:?}");
    }
    assert!(!names.contains(&"control.test"), "a control is no OpenAI name");
    let server = w.dns.addr().to_string();
    for v in views {
        // --dns-server chose the resolver: the chain asked it, the OS resolver was not asked.
        assert_eq!(v["os"]["status"], "skip", "{v:#}");
        assert_eq!(v["os"]["skip_reason"], "dns_server_chosen", "{v:#}");
        assert_eq!(v["os"]["from_hosts_file"], false);
        assert_eq!(v["configured"]["source"], "server", "{v:#}");
        assert_eq!(v["configured"]["status"], "ok", "{v:#}");
        assert_eq!(v["configured"]["servers"][0], server.as_str());
        assert_eq!(v["configured"]["addresses"][0], "127.0.0.1", "{v:#}");
        assert!(v["agree"].is_null(), "{v:#}");
    }
    assert_eq!(o.stage("chatgpt.com", "dns").unwrap()["dns"]["source"], "server");
    // The human view lists every name's views with -v, and none without (nothing disagrees).
    let plain = w.run(Vec::<String>::new());
    assert!(
        !plain.stdout.contains("Names as your apps resolve them"),
        "{}",
        plain.stdout
    );
    let verbose = w.run(["-v"]);
    assert!(
        verbose
            .stdout
            .contains("Names as your apps resolve them, and as DNS answers them"),
        "{}",
        verbose.stdout
    );
    assert!(
        verbose
            .stdout
            .contains("apps: not asked: --dns-server chose the resolver"),
        "{}",
        verbose.stdout
    );
}

#[test]
fn forged_answers_that_dns_over_https_contradicts_are_dns_tampered() {
    // The system resolver sends OpenAI's names to 127.0.0.2 (nothing serves them there); the
    // DoH control says 127.0.0.1, where the real edge proves the names.
    let mut b = World::builder();
    for h in service_hosts() {
        b = b.doh(h, DnsAnswer::localhost());
    }
    let w = service_hosts()
        .fold(b, |w, h| w.dns(h, DnsAnswer::addrs(&["127.0.0.2"])))
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "dns_tampered", 4);
    assert!(w.doh.total_queries() > 0);
    let check = o.json["dns_consistency"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "api.openai.com")
        .unwrap()
        .clone();
    assert_eq!(check["verdict"], "tampered", "{check:#}");
    assert_eq!(check["controls"][0]["answers"][0], "127.0.0.1");
    assert!(o.json["verdict"]["evidence"].to_string().contains("127.0.0.2"));
    // The name's views carry the configured server's answer beside the DoH control's.
    let view = o.json["dns_views"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "api.openai.com")
        .unwrap()
        .clone();
    assert_eq!(view["configured"]["addresses"][0], "127.0.0.2", "{view:#}");
    assert_eq!(view["doh"][0]["answers"][0], "127.0.0.1", "{view:#}");
}

#[test]
fn nxdomain_that_dns_over_https_resolves_is_dns_blocked_without_a_named_control() {
    let truthful = service_hosts().fold(World::builder(), |w, h| w.doh(h, DnsAnswer::localhost()));
    let w = service_hosts()
        .fold(truthful, |w, h| w.dns(h, DnsAnswer::NxDomain))
        .start();
    // Only the IP-literal control: the DoH control is what shows the names exist.
    let args: Vec<String> = w
        .args()
        .into_iter()
        .filter(|a| a != "https://control.test/")
        .collect();
    let args = crate::support::run::strip_dangling_control(args);
    let o = crate::support::run_json(std::iter::once("check".to_string()).chain(args));
    assert_verdict(&o, "path", "dns_blocked", 4);
    assert!(
        o.json["verdict"]["evidence"].to_string().contains("resolved it"),
        "{}",
        o.dump()
    );
}

#[test]
fn edge_ranges_can_be_replaced_and_bad_files_are_clear_errors() {
    let w = World::start();
    let good = w.dir().join("ranges.txt");
    std::fs::write(&good, "# lab\n127.0.0.0/8\n::1/128\n").unwrap();
    assert_eq!(
        w.run_json(["--edge-ranges", good.to_str().unwrap()]).cause(),
        Some("healthy")
    );
    let bad = w.dir().join("bad.txt");
    std::fs::write(&bad, "not-a-cidr\n").unwrap();
    let o = w.run(["--edge-ranges", bad.to_str().unwrap()]);
    assert_eq!(o.code, 1, "{}", o.dump());
    assert!(o.stderr.contains("--edge-ranges"), "{}", o.stderr);
}

#[test]
fn a_proxy_answering_502_for_everything_is_its_failure_not_a_block() {
    let w = World::start();
    let proxy = ProxyFixture::start(ProxyBehaviour::BadGateway, w.edge.addr());
    let o = w.run_json(["--proxy", &proxy.url()]);
    assert_eq!(
        o.stage_failure("api.openai.com", "proxy"),
        Some("proxy_error"),
        "{}",
        o.dump()
    );
    assert_eq!(
        o.stage("api.openai.com", "proxy").unwrap()["proxy"]["status"],
        502
    );
    // The controls fail through it too: nothing shows the path beyond the proxy is to blame.
    assert_verdict(&o, "none", "inconclusive", 7);
}

#[test]
fn slow_handshakes_everywhere_are_network_slow() {
    let slow = Behaviour::SlowHandshake(Duration::from_millis(1200));
    let w = service_hosts()
        .chain(&["control.test"])
        .fold(World::builder(), |w, h| w.behaviour(h, slow))
        .start();
    let o = w.run_json(["--timeout", "3"]);
    assert_verdict(&o, "local_network", "network_slow", 3);
}
