//! One end-to-end `check --json` case (at least) per cause: the built binary against fixtures on
//! loopback, asserting layer, cause and exit code.

use std::time::{Duration, Instant};

use crate::support::replay::{edge_52x, openai_5xx};
use crate::support::{Behaviour, BlackholeListener, DnsAnswer, Validity, World, run_json};

const OPENAI: &[&str] = &[
    "chatgpt.com",
    "ios.chat.openai.com",
    "android.chat.openai.com",
    "api.openai.com",
    "auth.openai.com",
    "cdn.oaistatic.com",
    "status.openai.com",
];

/// A port on 127.0.0.1 nobody listens on.
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

fn assert_verdict(o: &crate::support::Outcome, layer: &str, cause: &str, code: i32) {
    assert_eq!(
        (o.layer(), o.cause(), o.code),
        (Some(layer), Some(cause), code),
        "{}",
        o.dump()
    );
    assert_eq!(o.json["exit_code"], code);
}

#[test]
fn healthy_world_is_healthy() {
    let w = World::start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "none", "healthy", 0);
    // Every built-in OpenAI target and both controls were probed, each reaching http.
    for name in [
        "chatgpt.com",
        "chatgpt.com/cdn-cgi/trace",
        "ios.chat.openai.com",
        "android.chat.openai.com",
        "api.openai.com",
        "auth.openai.com",
        "cdn.oaistatic.com",
        "status.openai.com",
        "control.test",
        "127.0.0.1",
    ] {
        let t = o
            .target(name)
            .unwrap_or_else(|| panic!("target {name} missing\n{}", o.dump()));
        assert_eq!(t["reached"], "http", "{name}\n{}", o.dump());
    }
    // The API answer proves OpenAI's origin: 401 JSON with x-request-id.
    let http = o.stage("api.openai.com", "http").expect("api http stage");
    assert_eq!(http["http"]["status"], 401);
    assert!(http["http"]["headers"]["x-request-id"].is_string());
    assert!(
        o.target("api.openai.com").unwrap()["answer"]
            .as_str()
            .unwrap()
            .contains("origin reached")
    );
    // dns → tcp → tls → http, in order, with durations.
    let stages: Vec<&str> = o.target("chatgpt.com").unwrap()["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["dns", "tcp", "tls", "http"]);
    for s in o.target("chatgpt.com").unwrap()["stages"].as_array().unwrap() {
        assert_eq!(s["status"], "ok");
        assert!(s["duration_ms"].as_f64().is_some());
    }
    // The status page was read.
    assert_eq!(o.json["status_page"]["indicator"], "none");
    assert!(w.dns.queries("chatgpt.com") > 0);
    let layers: Vec<&str> = o.json["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["layer"].as_str().unwrap())
        .collect();
    assert_eq!(layers, ["machine", "local_network", "path", "service", "account"]);
}

#[test]
fn nothing_reachable_is_offline() {
    let dead = closed_port();
    let o = run_json([
        "check".to_string(),
        "--dns-server".into(),
        format!("127.0.0.1:{dead}"),
        "--connect-to".into(),
        format!(":443::{dead}"),
        "--control".into(),
        "https://control.test/".into(),
        "--control".into(),
        format!("https://127.0.0.1:{dead}/"),
        "--doh-url".into(),
        format!("https://127.0.0.1:{dead}/dns-query"),
        "--timeout".into(),
        "2".into(),
    ]);
    assert_verdict(&o, "local_network", "offline", 3);
}

#[test]
fn a_resolver_that_drops_every_query_is_dns_resolver_down() {
    let w = World::builder().dns_default(DnsAnswer::Drop);
    let w = OPENAI
        .iter()
        .chain(&["control.test"])
        .fold(w, |w, n| w.dns(n, DnsAnswer::Drop))
        .start();
    let start = Instant::now();
    let o = w.run_json(["--timeout", "1"]);
    assert_verdict(&o, "local_network", "dns_resolver_down", 3);
    assert_eq!(
        o.stage_failure("chatgpt.com", "dns"),
        Some("generic_timeout_error")
    );
    // Lookups run concurrently: one stage timeout, not one per target.
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    // The IP-literal control is the evidence.
    assert_eq!(o.target("127.0.0.1").unwrap()["reached"], "http");
}

#[test]
fn a_resolver_answering_servfail_for_everything_is_dns_resolver_down() {
    let w = World::builder().dns_default(DnsAnswer::ServFail);
    let w = OPENAI
        .iter()
        .chain(&["control.test"])
        .fold(w, |w, n| w.dns(n, DnsAnswer::ServFail))
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "local_network", "dns_resolver_down", 3);
    assert_eq!(
        o.stage_failure("api.openai.com", "dns"),
        Some("dns_servfail_error")
    );
}

#[test]
fn nxdomain_for_openai_names_only_is_dns_blocked() {
    let w = OPENAI
        .iter()
        .fold(World::builder(), |w, n| w.dns(n, DnsAnswer::NxDomain))
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "dns_blocked", 4);
    assert_eq!(o.stage_failure("chatgpt.com", "dns"), Some("dns_nxdomain_error"));
    assert_eq!(o.stage_status("control.test", "dns"), Some("ok"));
}

#[test]
fn refused_lookups_for_one_name_are_dns_blocked_and_name_what_still_works() {
    let w = World::builder().dns("api.openai.com", DnsAnswer::Refused).start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "dns_blocked", 4);
    assert_eq!(
        o.stage_failure("api.openai.com", "dns"),
        Some("dns_refused_error")
    );
    let working: Vec<&str> = o.json["verdict"]["working_surfaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        working.contains(&"web") && !working.contains(&"api"),
        "{working:?}"
    );
    assert!(
        o.json["verdict"]["summary"]
            .as_str()
            .unwrap()
            .contains("Still working")
    );
}

#[test]
fn refused_connections_to_openai_only_are_tcp_blocked() {
    // OpenAI names resolve to 127.0.0.2, where nothing listens: connections are refused (RST).
    let w = OPENAI
        .iter()
        .fold(World::builder(), |w, n| {
            w.dns(n, DnsAnswer::addrs(&["127.0.0.2"]))
        })
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "tcp_blocked", 4);
    assert_eq!(
        o.stage_failure("api.openai.com", "tcp"),
        Some("connection_refused")
    );
    assert_eq!(o.stage_status("api.openai.com", "tls"), Some("skip"));
    assert_eq!(o.stage_status("api.openai.com", "http"), Some("skip"));
}

#[test]
fn dropped_connections_to_openai_only_are_tcp_blocked_within_one_timeout() {
    let hole = BlackholeListener::start();
    let w = World::start();
    let mut args = vec!["check".to_string()];
    for host in OPENAI {
        args.push("--connect-to".into());
        args.push(format!("{host}:443:127.0.0.1:{}", hole.port()));
    }
    args.extend(w.args());
    args.extend(["--timeout".into(), "1".into()]);
    let start = Instant::now();
    let o = run_json(args);
    let elapsed = start.elapsed();
    assert_verdict(&o, "path", "tcp_blocked", 4);
    assert_eq!(
        o.stage_failure("chatgpt.com", "tcp"),
        Some("generic_timeout_error")
    );
    // A black hole costs one stage timeout, not the OS's connect retries.
    assert!(elapsed < Duration::from_millis(2500), "{elapsed:?}");
}

#[test]
fn an_untrusted_certificate_for_openai_is_tls_failed() {
    let w = OPENAI
        .iter()
        .fold(World::builder(), |w, n| w.untrusted_cert(n))
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "tls_failed", 4);
    assert_eq!(
        o.stage_failure("chatgpt.com", "tls"),
        Some("ssl_unknown_authority")
    );
    assert_eq!(
        o.stage_status("chatgpt.com", "http"),
        Some("skip"),
        "nothing is sent over an untrusted connection"
    );
    let tls = &o.stage("chatgpt.com", "tls").unwrap()["tls"];
    assert_eq!(tls["system_store"]["result"], "rejected");
    assert!(
        tls["chain"][0]["issuer"]
            .as_str()
            .unwrap()
            .contains("Untrusted Interception CA")
    );
    assert_eq!(
        w.edge.hits("chatgpt.com"),
        0,
        "no request crossed the untrusted connection"
    );
}

#[test]
fn a_certificate_for_another_name_is_tls_failed_with_invalid_hostname() {
    let w = World::builder().wrong_name_cert("api.openai.com").start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "tls_failed", 4);
    assert_eq!(
        o.stage_failure("api.openai.com", "tls"),
        Some("ssl_invalid_hostname")
    );
}

#[test]
fn an_expired_certificate_is_tls_failed_with_invalid_certificate() {
    let w = World::builder()
        .cert_validity("chatgpt.com", Validity::Expired)
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "tls_failed", 4);
    assert_eq!(
        o.stage_failure("chatgpt.com", "tls"),
        Some("ssl_invalid_certificate")
    );
}

#[test]
fn a_reset_after_the_client_hello_whatever_the_name_is_tls_failed() {
    // The address resets every handshake, the decoy's too: not SNI filtering (see networks.rs
    // for that), a TLS failure of the path.
    let w = World::builder()
        .behaviour("chatgpt.com", Behaviour::ResetOnClientHello)
        .behaviour("example.com", Behaviour::ResetOnClientHello)
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "tls_failed", 4);
    assert_eq!(o.stage_failure("chatgpt.com", "tls"), Some("connection_reset"));
    assert_eq!(
        o.stage("chatgpt.com", "tls").unwrap()["tls"]["decoy"]["answered"],
        false
    );
}

#[test]
fn edge_52x_and_openai_5xx_while_the_path_works_are_service_errors() {
    let w = World::builder()
        .route_host("chatgpt.com", edge_52x(522))
        .route("api.openai.com", "/v1/models", openai_5xx(503))
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "service", "service_errors", 5);
    assert_eq!(o.stage("chatgpt.com", "http").unwrap()["http"]["status"], 522);
    assert!(
        o.target("chatgpt.com").unwrap()["answer"]
            .as_str()
            .unwrap()
            .contains("origin failing")
    );
    assert!(
        o.target("api.openai.com").unwrap()["answer"]
            .as_str()
            .unwrap()
            .contains("OpenAI server error")
    );
    let layers = o.json["layers"].as_array().unwrap();
    assert_eq!(layers[2]["status"], "ok", "the path works");
    assert_eq!(layers[3]["status"], "fail");
}

#[test]
fn tls_failing_for_openai_and_controls_alike_is_inconclusive() {
    let w = OPENAI
        .iter()
        .chain(&["control.test"])
        .fold(World::builder(), |w, n| w.untrusted_cert(n))
        .start();
    // The IP-literal control uses the edge's default certificate; drop it so no control proves TLS.
    let args: Vec<String> = w
        .args()
        .into_iter()
        .filter(|a| *a != format!("https://127.0.0.1:{}/", w.edge.port()))
        .collect::<Vec<_>>();
    let args = crate::support::run::strip_dangling_control(args);
    let o = run_json(std::iter::once("check".to_string()).chain(args));
    assert_verdict(&o, "none", "inconclusive", 7);
    assert!(
        o.json["verdict"]["summary"]
            .as_str()
            .unwrap()
            .contains("controls alike"),
        "{}",
        o.dump()
    );
}
