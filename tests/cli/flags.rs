//! Every override flag does what it says; bad input is a clear usage error, never a panic.

use std::time::{Duration, Instant};

use crate::causes::closed_port;
use crate::support::replay::status_page_json;
use crate::support::{Behaviour, DnsAnswer, EdgeConfig, EdgeFixture, World, doctor, run, run_json};

fn families(o: &crate::support::Outcome, name: &str) -> Vec<String> {
    let mut f: Vec<String> = o.target(name).unwrap()["stages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["family"].as_str().map(str::to_string))
        .collect();
    f.dedup();
    f
}

fn dual_stack_world() -> World {
    let both = DnsAnswer::addrs(&["127.0.0.1", "::1"]);
    crate::support::replay::OPENAI_HOSTS
        .iter()
        .chain(&["control.test"])
        .fold(World::builder().ipv6(true), |w, n| w.dns(n, both.clone()))
        .start()
}

#[test]
fn both_families_are_probed_and_reported_separately() {
    let w = dual_stack_world();
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(o.cause(), Some("healthy"), "{}", o.dump());
    assert_eq!(families(&o, "chatgpt.com"), ["ipv4", "ipv6"]);
    let lookups = o.stage("chatgpt.com", "dns").unwrap()["dns"]["lookups"]
        .as_array()
        .unwrap()
        .clone();
    let types: Vec<&str> = lookups
        .iter()
        .map(|l| l["record_type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["A", "AAAA"]);
}

#[test]
fn ipv4_only_and_ipv6_only() {
    let w = dual_stack_world();
    let o = w.run_json(["-4"]);
    assert_eq!(families(&o, "chatgpt.com"), ["ipv4"]);
    assert_eq!(w.dns.queries_of_type("chatgpt.com", "AAAA"), 0);
    let o = w.run_json(["-6"]);
    assert_eq!(families(&o, "chatgpt.com"), ["ipv6"], "{}", o.dump());
    assert_eq!(o.cause(), Some("healthy"), "{}", o.dump());
}

#[test]
fn resolve_pins_addresses_without_asking_dns() {
    let w = World::builder()
        .dns("api.openai.com", DnsAnswer::NxDomain)
        .start();
    let o = w.run_json(["--resolve", "api.openai.com:443:127.0.0.1"]);
    assert_eq!(o.cause(), Some("healthy"), "{}", o.dump());
    let dns = o.stage("api.openai.com", "dns").unwrap();
    assert_eq!(dns["dns"]["source"], "pinned");
    assert!(dns["detail"].as_str().unwrap().contains("--resolve"));
    assert_eq!(w.dns.queries("api.openai.com"), 0);
}

#[test]
fn connect_to_sends_one_host_elsewhere_keeping_its_name() {
    let main = World::start();
    let leaf = main.trusted_ca.leaf(&["api.openai.com"], &[]);
    let other = EdgeFixture::start(EdgeConfig::new(leaf.clone()).cert("api.openai.com", leaf));
    let o = run_json(
        [
            "check".to_string(),
            "--connect-to".into(),
            format!("api.openai.com:443:127.0.0.1:{}", other.port()),
        ]
        .into_iter()
        .chain(main.args()),
    );
    assert_eq!(o.cause(), Some("healthy"), "{}", o.dump());
    assert_eq!(
        other.hits("api.openai.com"),
        2,
        "/v1/models and the region probe went to the other edge, with their own name"
    );
    assert_eq!(main.edge.hits("api.openai.com"), 0);
    assert!(
        o.stage("api.openai.com", "tcp").unwrap()["address"]
            .as_str()
            .unwrap()
            .ends_with(&other.port().to_string())
    );
}

#[test]
fn cacert_is_what_makes_the_test_ca_trusted() {
    let w = World::start();
    let args: Vec<String> = w.args();
    let i = args.iter().position(|a| a == "--cacert").unwrap();
    let mut without = args.clone();
    without.drain(i..i + 2);
    let o = run_json(std::iter::once("check".to_string()).chain(without));
    assert_eq!(
        o.stage_failure("chatgpt.com", "tls"),
        Some("ssl_unknown_authority"),
        "{}",
        o.dump()
    );
    assert_eq!(o.cause(), Some("inconclusive"));
    assert!(o.json["environment"]["cacert"].is_null());
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(o.stage_status("chatgpt.com", "tls"), Some("ok"));
    assert!(
        o.json["environment"]["cacert"]
            .as_str()
            .unwrap()
            .ends_with(".pem")
    );
}

#[test]
fn cacert_that_cannot_be_used_is_a_clear_error() {
    let o = run(["check", "--cacert", "/nonexistent/ca.pem"]);
    assert_eq!(o.code, 1, "{}", o.dump());
    assert!(
        o.stderr
            .starts_with("chatgpt-doctor: error: cannot read --cacert /nonexistent/ca.pem"),
        "{}",
        o.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "this is not a certificate\n").unwrap();
    let o = run(["check", "--cacert", junk.to_str().unwrap()]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("no PEM certificate"), "{}", o.stderr);
    assert!(!o.stderr.contains("panicked"));
}

#[test]
fn dns_server_is_the_resolver_asked_and_reported() {
    let w = World::start();
    let o = w.run_json(Vec::<String>::new());
    assert!(w.dns.queries_of_type("chatgpt.com", "A") >= 1);
    assert_eq!(o.json["environment"]["resolver"], "server");
    assert_eq!(o.json["environment"]["nameservers"][0], w.dns.addr().to_string());
    assert_eq!(
        o.stage("chatgpt.com", "dns").unwrap()["dns"]["servers"][0],
        w.dns.addr().to_string()
    );
}

#[test]
fn doh_url_is_accepted_recorded_and_must_be_https() {
    let w = World::start();
    let o = w.run_json(["--doh-url", "https://doh.test/dns-query"]);
    assert_eq!(o.json["environment"]["doh_url"], "https://doh.test/dns-query");
    let o = run(["check", "--doh-url", "http://doh.test/dns-query"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("must start with https://"), "{}", o.stderr);
}

#[test]
fn timeout_bounds_each_stage() {
    let w = World::builder()
        .behaviour("api.openai.com", Behaviour::HangAfterAccept)
        .start();
    let start = Instant::now();
    let o = w.run_json(["--timeout", "1"]);
    assert!(start.elapsed() < Duration::from_secs(4), "{:?}", start.elapsed());
    assert_eq!(
        o.stage_failure("api.openai.com", "tls"),
        Some("generic_timeout_error"),
        "{}",
        o.dump()
    );
    let ms = o.stage("api.openai.com", "tls").unwrap()["duration_ms"]
        .as_f64()
        .unwrap();
    assert!(
        (900.0..1800.0).contains(&ms),
        "tls waited {ms} ms for a 1 s timeout"
    );
    assert_eq!(o.stage_status("api.openai.com", "http"), Some("skip"));
    assert_eq!(o.json["environment"]["timeout_ms"], 1000.0);
}

#[test]
fn max_time_is_a_deadline_for_the_whole_run() {
    let w = World::builder()
        .behaviour("chatgpt.com", Behaviour::HangAfterAccept)
        .behaviour("api.openai.com", Behaviour::HangAfterAccept)
        .start();
    let start = Instant::now();
    let o = w.run_json(["--timeout", "10", "--max-time", "1.5"]);
    let elapsed = start.elapsed();
    assert!(elapsed < Duration::from_millis(3000), "{elapsed:?}");
    assert_eq!(o.cause(), Some("inconclusive"), "{}", o.dump());
    let tls = o.stage("chatgpt.com", "tls").unwrap();
    assert_eq!(tls["failure"], "generic_timeout_error");
    assert!(tls["duration_ms"].as_f64().unwrap() < 2000.0);
    assert!(
        o.json["verdict"]["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("--max-time"))
            || o.json["verdict"]["summary"]
                .as_str()
                .unwrap()
                .contains("deadline"),
        "{}",
        o.dump()
    );
}

#[test]
fn control_replaces_the_builtin_controls() {
    let w = World::start();
    let o = w.run_json(Vec::<String>::new());
    let controls: Vec<&str> = o.json["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["control"] == true)
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(controls, ["control.test", "127.0.0.1"]);
    let o = run(["check", "--control", "ftp://example.test/"]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("only http:// and https://"), "{}", o.stderr);
}

#[test]
fn status_url_moves_the_status_page() {
    let b = World::builder().dns("status.test", DnsAnswer::localhost());
    let leaf = b.trusted_ca().leaf(&["status.test"], &[]);
    let w = b
        .cert("status.test", leaf)
        .route("status.test", "/api/v2/status.json", status_page_json("minor"))
        .start();
    let o = w.run_json(["--status-url", "https://status.test"]);
    let t = o.target("status.test").unwrap_or_else(|| panic!("{}", o.dump()));
    assert_eq!(t["url"], "https://status.test/api/v2/status.json");
    assert_eq!(o.json["status_page"]["indicator"], "minor");
    assert_eq!(w.edge.hits("status.openai.com"), 0);
}

#[test]
fn base_url_flag_and_environment_choose_the_api_target() {
    let b = World::builder().dns("relay.test", DnsAnswer::localhost());
    let leaf = b.trusted_ca().leaf(&["relay.test"], &[]);
    let w = b.cert("relay.test", leaf).start();
    let o = w.run_json(["--base-url", "https://relay.test/openai/v1"]);
    let t = o.target("relay.test").unwrap_or_else(|| panic!("{}", o.dump()));
    assert_eq!(t["url"], "https://relay.test/openai/v1/models");
    assert_eq!(t["surface"], "api");
    assert_eq!(o.json["environment"]["base_url_source"], "flag");
    assert_eq!(w.edge.hits("relay.test"), 1);

    let out = w
        .doctor()
        .env("OPENAI_BASE_URL", "https://relay.test/v1")
        .args(["--json"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["environment"]["base_url_source"], "OPENAI_BASE_URL");
    assert!(
        j["targets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["url"] == "https://relay.test/v1/models")
    );

    let out = w
        .doctor()
        .env("OPENAI_API_BASE", "https://relay.test/legacy/v1")
        .args(["--json"])
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["environment"]["base_url_source"], "OPENAI_API_BASE");

    let out = doctor()
        .args(["check"])
        .env("OPENAI_BASE_URL", "not a url")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("OPENAI_BASE_URL"));
}

#[test]
fn surface_narrows_the_run_but_keeps_controls() {
    let w = World::start();
    let o = w.run_json(["--surface", "api,status"]);
    let names: Vec<&str> = o.json["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "api.openai.com",
            "api.openai.com/compliance/cookie_requirements",
            "status.openai.com",
            "control.test",
            "127.0.0.1"
        ]
    );
    assert_eq!(w.edge.hits("chatgpt.com"), 0);
    assert_eq!(o.cause(), Some("healthy"));
}

#[test]
fn strict_fails_a_healthy_run_that_has_warnings() {
    // Upper- and lower-case proxy variables that disagree are a machine warning; --noproxy '*'
    // keeps every connection direct (and on loopback), so the run itself is healthy.
    let w = World::start();
    let run = |strict: bool| {
        let mut cmd = w.command(if strict {
            vec!["--json", "--noproxy", "*", "--strict"]
        } else {
            vec!["--json", "--noproxy", "*"]
        });
        cmd.env("HTTPS_PROXY", "http://user:secret@127.0.0.1:9")
            .env("https_proxy", "http://127.0.0.1:10")
            .output()
            .unwrap()
    };
    let out = run(false);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("HTTPS_PROXY") && stdout.contains("https_proxy"),
        "{stdout}"
    );
    assert!(!stdout.contains("secret"), "proxy credentials never appear");
    assert_eq!(
        run(true).status.code(),
        Some(3),
        "a machine-layer warning under --strict"
    );
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let w = World::start();
    let o = w.run(["--color", "always"]);
    assert!(o.stdout.contains("\u{1b}["), "ANSI colour expected");
    let o = w.run(["--color", "never"]);
    assert!(!o.stdout.contains("\u{1b}["));
    let out = w
        .doctor()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("\u{1b}["),
        "NO_COLOR wins"
    );
    let out = w.doctor().env("CLICOLOR_FORCE", "1").output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("\u{1b}["),
        "CLICOLOR_FORCE colours a pipe"
    );
    let o = w.run(["--json", "--color", "always"]);
    assert!(!o.stdout.contains("\u{1b}["), "JSON is never coloured");
}

#[test]
fn human_output_shows_layers_stages_and_the_verdict_last() {
    let w = World::start();
    let o = w.run(Vec::<String>::new());
    assert_eq!(o.code, 0, "{}", o.dump());
    for layer in ["machine", "local network", "path", "service", "account"] {
        assert!(o.stdout.contains(layer), "{layer}\n{}", o.stdout);
    }
    assert!(o.stdout.contains("✓"));
    let last = o.stdout.lines().find(|l| l.starts_with("Verdict:")).unwrap();
    assert!(last.contains("ChatGPT is reachable"), "{last}");
    assert!(o.stdout.find("Verdict:").unwrap() > o.stdout.find("api.openai.com").unwrap());
    assert!(
        o.stderr.is_empty(),
        "no progress when stderr is not a terminal: {}",
        o.stderr
    );
    // -q: the verdict alone.
    let o = w.run(["-q"]);
    assert!(o.stdout.starts_with("Verdict:"), "{}", o.stdout);
    assert!(!o.stdout.contains("local network"));
    // -v: addresses and chains.
    let o = w.run(["-v"]);
    assert!(o.stdout.contains("A chatgpt.com via server"), "{}", o.stdout);
    assert!(o.stdout.contains("chatgpt-doctor Test CA"), "{}", o.stdout);
    // A failing stage is named with its failure string.
    let dead = World::builder()
        .behaviour("api.openai.com", Behaviour::ResetOnClientHello)
        .start();
    let o = dead.run(Vec::<String>::new());
    assert_eq!(o.code, 4);
    assert!(o.stdout.contains("✗"));
    assert!(
        o.stdout.contains("tls: connection reset (connection_reset)"),
        "{}",
        o.stdout
    );
}

#[test]
fn json_mode_prints_one_document_and_nothing_else() {
    let w = World::start();
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(o.json["schema_version"], 1);
    assert_eq!(o.json["tool"]["name"], "chatgpt-doctor");
    assert!(o.stderr.is_empty(), "{}", o.stderr);
    // Exactly one JSON value on stdout: no banner before it, no table or second document after.
    let documents = serde_json::Deserializer::from_str(&o.stdout)
        .into_iter::<serde_json::Value>()
        .collect::<Result<Vec<_>, _>>()
        .expect("stdout is only JSON");
    assert_eq!(documents.len(), 1);
    assert!(o.stdout.starts_with('{'), "nothing before the document");
}

#[test]
fn help_lists_flags_and_exit_codes() {
    let o = run(["--help"]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.contains("Exit codes:"));
    for code in [
        "0  healthy",
        "3  the fault is on this machine",
        "4  the fault is on the path",
        "7  inconclusive",
    ] {
        assert!(o.stdout.contains(code), "{code}");
    }
    let o = run(["check", "--help"]);
    assert_eq!(o.code, 0);
    for flag in [
        "--ipv4",
        "--ipv6",
        "--resolve",
        "--connect-to",
        "--cacert",
        "--dns-server",
        "--doh-url",
        "--timeout",
        "--max-time",
        "--control",
        "--status-url",
        "--base-url",
        "--surface",
        "--strict",
        "--json",
        "--color",
    ] {
        assert!(o.stdout.contains(flag), "{flag} missing from check --help");
    }
    let o = run(["--version"]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.starts_with("chatgpt-doctor "));
}

#[test]
fn bad_flags_are_usage_errors_with_a_clear_message() {
    let cases: &[(&[&str], &str)] = &[
        (&["check", "--resolve", "api.openai.com:443"], "HOST:PORT:ADDR"),
        (
            &["check", "--resolve", "api.openai.com:443:not-an-ip"],
            "not an IP address",
        ),
        (&["check", "--connect-to", "a:b"], "HOST:PORT:CHOST:CPORT"),
        (&["check", "--connect-to", "a:443:b:99999"], "port number"),
        (&["check", "--dns-server", "resolver.test"], "IP[:PORT]"),
        (&["check", "--timeout", "0"], "between 0.001 and 3600"),
        (&["check", "--max-time", "soon"], "number of seconds"),
        (&["check", "--surface", "desktop"], "invalid value 'desktop'"),
        (&["check", "--control", "not a url"], "is not a URL"),
        (
            &["check", "--base-url", "https://user:pw@relay.test/v1"],
            "credentials",
        ),
        (&["check", "-4", "-6"], "cannot be used with"),
        (&["check", "--no-such-flag"], "unexpected argument"),
        (&["completions", "tcsh"], "invalid value 'tcsh'"),
        (&["frobnicate"], "unrecognized subcommand"),
    ];
    for (args, needle) in cases {
        let o = run(*args);
        assert_eq!(o.code, 2, "{args:?}\n{}", o.dump());
        assert!(
            o.stderr.contains(needle),
            "{args:?}: expected {needle:?} in\n{}",
            o.stderr
        );
        assert!(!o.stderr.contains("panicked"), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_dead_resolver_port_and_dead_controls_still_produce_a_report() {
    // Inputs that fail everywhere must still yield a verdict, not an error.
    let dead = closed_port();
    let o = run_json([
        "check".to_string(),
        "--dns-server".into(),
        format!("127.0.0.1:{dead}"),
        "--control".into(),
        format!("http://127.0.0.1:{dead}/"),
        "--doh-url".into(),
        format!("https://127.0.0.1:{dead}/dns-query"),
        "--surface".into(),
        "api".into(),
        "--timeout".into(),
        "1".into(),
    ]);
    assert!(o.code >= 3, "{}", o.dump());
}

#[test]
fn progress_shows_on_a_terminal_but_never_with_json_or_quiet() {
    // A slow handshake keeps the run long enough for the progress line to be drawn.
    let w = World::builder()
        .behaviour(
            "auth.openai.com",
            Behaviour::SlowHandshake(Duration::from_millis(700)),
        )
        .start();
    let Some(human) = w.on_a_terminal(120, &["--timeout", "3"]) else {
        eprintln!("note: util-linux `script` is not available; skipping");
        return;
    };
    assert!(
        human.contains("probing"),
        "progress expected on a terminal:\n{human}"
    );
    assert!(human.contains("Verdict:"));
    // It names what it waits for, not a target that has finished.
    assert!(
        human.contains("waiting for") && human.contains(" of 3 s"),
        "what the run waits on expected:\n{human}"
    );
    let json = w.on_a_terminal(120, &["--timeout", "3", "--json"]).unwrap();
    assert!(!json.contains("probing"), "no progress with --json:\n{json}");
    assert!(!json.contains("waiting for"), "no progress with --json:\n{json}");
    let quiet = w.on_a_terminal(120, &["--timeout", "3", "-q"]).unwrap();
    assert!(!quiet.contains("probing"), "no progress with -q:\n{quiet}");
}
