//! The commands beyond `check`: the per-stage probes (`dns`, `tcp`, `tls`, `http`), `endpoints`,
//! `watch` (changes, notification, flat memory and descriptors over 500 checks), `report` (what
//! it removes), and the committed schemas and man pages.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::replay::{cf_trace_with, default_route, openai_5xx, openai_error};
use crate::support::run::{BIN, SCRUBBED_ENV, run_cmd, validate_with};
use crate::support::server::router;
use crate::support::{Behaviour, DnsAnswer, Outcome, World, doctor, run};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Checks `v` against `schema/NAME.schema.json`.
fn assert_schema(name: &str, v: &Value) {
    let path = root().join(format!("schema/{name}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    if let Err(errors) = validate_with(&validator, v) {
        panic!("output does not match {}:\n{errors}\n{v:#}", path.display());
    }
}

/// The per-stage flags that point a command at the world's fixtures.
pub(crate) fn stage_args(w: &World) -> Vec<String> {
    vec![
        "--dns-server".into(),
        w.dns.addr().to_string(),
        "--connect-to".into(),
        format!(":443::{}", w.edge.port()),
        "--timeout".into(),
        "2".into(),
    ]
}

/// Runs `SUB ARGS... --json` and checks the output against `schema/SCHEMA.schema.json`.
fn stage_json(sub: &str, schema: &str, args: &[String]) -> Outcome {
    let o = run_cmd(doctor().arg(sub).args(args).arg("--json"));
    assert!(!o.json.is_null(), "not JSON\n{}", o.dump());
    assert_schema(schema, &o.json);
    o
}

#[test]
fn dns_asks_for_a_and_aaaa_separately_like_dig() {
    let w = World::builder()
        .dns("chatgpt.com", DnsAnswer::addrs(&["127.0.0.1", "::1"]))
        .dns("api.openai.com", DnsAnswer::NxDomain)
        .start();
    let mut args = vec![
        "chatgpt.com".to_string(),
        "--dns-server".into(),
        w.dns.addr().to_string(),
    ];
    let o = stage_json("dns", "dns", &args);
    assert_eq!(o.code, 0, "{}", o.dump());
    assert_eq!(o.json["dns"]["source"], "server");
    let lookups = o.json["dns"]["lookups"].as_array().unwrap();
    assert_eq!(lookups[0]["record_type"], "A");
    assert_eq!(lookups[0]["answers"][0], "127.0.0.1");
    assert_eq!(lookups[0]["ttl"], 60);
    assert_eq!(lookups[1]["record_type"], "AAAA");
    assert_eq!(lookups[1]["answers"][0], "::1");

    args[0] = "api.openai.com".into();
    let o = stage_json("dns", "dns", &args);
    assert_eq!(o.code, 8, "a failed stage exits 8\n{}", o.dump());
    assert_eq!(o.json["dns"]["failure"], "dns_nxdomain_error");
    let human = run_cmd(doctor().arg("dns").args(&args).arg("-4"));
    assert!(human.stdout.contains("dns_nxdomain_error"), "{}", human.dump());
    assert_eq!(
        w.dns.queries_of_type("api.openai.com", "AAAA"),
        1,
        "-4 asked no AAAA"
    );
}

#[test]
fn tcp_connects_per_family_and_names_a_refusal() {
    let w = World::start();
    let o = stage_json(
        "tcp",
        "tcp",
        &[vec!["chatgpt.com".into()], stage_args(&w)].concat(),
    );
    assert_eq!(o.code, 0, "{}", o.dump());
    assert_eq!(o.json["port"], 443);
    assert_eq!(o.json["attempts"][0]["family"], "ipv4");
    assert_eq!(
        o.json["attempts"][0]["address"],
        format!("127.0.0.1:{}", w.edge.port())
    );

    // --resolve pins the address: no lookup at all.
    let pinned = [
        "chatgpt.com".to_string(),
        "--resolve".into(),
        "chatgpt.com:443:127.0.0.1".into(),
        "--connect-to".into(),
        format!(":443::{}", w.edge.port()),
    ];
    let queries = w.dns.total_queries();
    let o = stage_json("tcp", "tcp", &pinned);
    assert_eq!(o.code, 0, "{}", o.dump());
    assert_eq!(o.json["dns"]["source"], "pinned");
    assert_eq!(w.dns.total_queries(), queries);

    let closed = crate::causes::closed_port();
    let o = stage_json("tcp", "tcp", &[format!("127.0.0.1:{closed}")]);
    assert_eq!(o.code, 8, "{}", o.dump());
    assert!(o.json["dns"].is_null(), "an address needs no lookup");
    assert_eq!(o.json["attempts"][0]["failure"], "connection_refused");
}

#[test]
fn tls_shows_version_alpn_chain_and_both_stores() {
    let w = World::builder().untrusted_cert("auth.openai.com").start();
    let mut args = [vec!["chatgpt.com".to_string()], stage_args(&w)].concat();
    args.extend(["--cacert".into(), w.ca_path().display().to_string()]);
    let o = stage_json("tls", "tls", &args);
    assert_eq!(o.code, 0, "{}", o.dump());
    let tls = &o.json["attempts"][0]["tls"];
    assert_eq!(tls["sni"], "chatgpt.com");
    assert_eq!(tls["version"], "TLSv1.3");
    assert_eq!(tls["alpn"], "h2");
    assert_eq!(
        tls["public_store"]["result"], "trusted",
        "--cacert joins both stores"
    );
    assert!(
        tls["chain"][0]["san"]
            .as_array()
            .unwrap()
            .contains(&"chatgpt.com".into())
    );
    assert!(
        o.json["attempts"][0]["sni_test"].is_null(),
        "no SNI test after a good handshake"
    );
    // The key exchange, and the browser-shaped hello beside it (the fixture's rustls, built on
    // ring, has no X25519MLKEM768 and picks x25519 from the hello's second share).
    assert_eq!(tls["group"], "x25519", "{tls:#}");
    let browser = &o.json["attempts"][0]["browser_handshake"];
    assert_eq!(browser["status"], "ok", "{browser:#}");
    assert_eq!(browser["group"], "x25519", "{browser:#}");
    assert!(browser["hello_bytes"].as_u64().unwrap() > 1500, "{browser:#}");
    let human = run_cmd(doctor().arg("tls").args(&args));
    assert!(
        human.stdout.contains("browser hello") && human.stdout.contains("the server chose x25519"),
        "{}",
        human.dump()
    );

    // A forged certificate: the handshake completes, both stores reject it, exit 8.
    args[0] = "auth.openai.com:443".into();
    let o = stage_json("tls", "tls", &args);
    assert_eq!(o.code, 8, "{}", o.dump());
    let tls = &o.json["attempts"][0]["tls"];
    assert_eq!(tls["completed"], true);
    assert_eq!(tls["failure"], "ssl_unknown_authority");
    assert_eq!(tls["system_store"]["result"], "rejected");
    assert_eq!(tls["public_store"]["result"], "rejected");
    let human = run_cmd(doctor().arg("tls").args(&args));
    for s in ["chain", "system store", "public store", "rejected"] {
        assert!(human.stdout.contains(s), "{s}\n{}", human.dump());
    }
}

#[test]
fn sni_test_tells_a_filtered_name_from_a_blocked_address() {
    // The real name is reset on its ClientHello; the decoy completes: SNI filtering.
    let w = World::builder()
        .behaviour("chatgpt.com", Behaviour::ResetOnClientHello)
        .start();
    let args = [vec!["chatgpt.com".to_string()], stage_args(&w)].concat();
    let o = stage_json("tls", "tls", &args);
    assert_eq!(o.code, 8, "{}", o.dump());
    let a = &o.json["attempts"][0];
    assert_eq!(a["tls"]["failure"], "connection_reset");
    assert_eq!(a["sni_test"]["decoy_sni"], "example.com");
    assert_eq!(a["sni_test"]["completed"], true, "{}", o.dump());
    assert!(
        a["sni_test"]["conclusion"]
            .as_str()
            .unwrap()
            .contains("SNI filtering")
    );
    assert_eq!(w.edge.connections(Some("example.com")), 1);

    // Both names reset: the address is blocked, not the name.
    let w = World::builder()
        .behaviour("chatgpt.com", Behaviour::ResetOnClientHello)
        .behaviour("decoy.example", Behaviour::ResetOnClientHello)
        .start();
    let mut args = [vec!["chatgpt.com".to_string()], stage_args(&w)].concat();
    args.extend(["--decoy-sni".into(), "decoy.example".into()]);
    let o = stage_json("tls", "tls", &args);
    let t = &o.json["attempts"][0]["sni_test"];
    assert_eq!(t["completed"], false, "{}", o.dump());
    assert_eq!(t["failure"], "connection_reset");
    assert!(t["conclusion"].as_str().unwrap().contains("address itself"));
}

#[test]
fn http_times_each_phase_like_httpstat() {
    let w = World::start();
    let mut args = vec!["https://api.openai.com/v1/models".to_string()];
    args.extend(stage_args(&w));
    args.extend(["--cacert".into(), w.ca_path().display().to_string()]);
    let o = stage_json("http", "http", &args);
    assert_eq!(o.code, 0, "{}", o.dump());
    let a = &o.json["attempts"][0];
    assert_eq!(a["response"]["status"], 401);
    assert!(a["response"]["headers"]["x-request-id"].is_string());
    let p = &a["phases"];
    let sum: f64 = ["dns_ms", "tcp_ms", "tls_ms", "ttfb_ms", "body_ms"]
        .iter()
        .map(|k| {
            p[k].as_f64()
                .unwrap_or_else(|| panic!("{k} missing\n{}", o.dump()))
        })
        .sum();
    assert!((sum - p["total_ms"].as_f64().unwrap()).abs() < 0.01, "{p}");
    let t = &a["timeline"];
    let points: Vec<f64> = [
        "namelookup_ms",
        "connect_ms",
        "pretransfer_ms",
        "starttransfer_ms",
        "total_ms",
    ]
    .iter()
    .map(|k| t[k].as_f64().unwrap())
    .collect();
    assert!(
        points.windows(2).all(|w| w[0] <= w[1]),
        "the timeline only moves forward: {t}"
    );

    let human = run_cmd(doctor().arg("http").args(&args).args(["--color", "never"]));
    for s in [
        "DNS Lookup",
        "TLS Handshake",
        "Server Processing",
        "starttransfer:",
        "total:",
        "x-request-id",
    ] {
        assert!(human.stdout.contains(s), "{s}\n{}", human.dump());
    }

    // A refused port: exit 8, the failed stage named.
    let closed = crate::causes::closed_port();
    let o = stage_json("http", "http", &[format!("http://127.0.0.1:{closed}/")]);
    assert_eq!(o.code, 8);
    assert_eq!(o.json["attempts"][0]["failed_stage"], "tcp");
    assert_eq!(o.json["attempts"][0]["failure"], "connection_refused");
}

#[test]
fn endpoints_list_the_catalog_with_surfaces() {
    let o = run(["endpoints", "--json"]);
    assert_eq!(o.code, 0, "{}", o.dump());
    assert_schema("endpoints", &o.json);
    let e = o.json["endpoints"].as_array().unwrap();
    for s in ["web", "app", "api", "auth", "assets", "status", "control"] {
        assert!(e.iter().any(|x| x["surface"] == s), "{s}");
    }
    let human = run(["endpoints"]);
    assert!(human.stdout.contains("chatgpt.com") && human.stdout.contains("control"));
}

/// `chatgpt-doctor ARGS` with the scrubbed environment, stdout piped, for reading while it runs.
fn spawn(args: &[String], env: &[(&str, &str)]) -> Child {
    let mut cmd = std::process::Command::new(BIN);
    for key in SCRUBBED_ENV {
        cmd.env_remove(key);
    }
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("OPENAI_") {
            cmd.env_remove(key);
        }
    }
    cmd.envs(env.iter().copied());
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn chatgpt-doctor")
}

/// The lines of a child's stdout, as they come.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let out = child.stdout.take().expect("piped stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn next_event(rx: &mpsc::Receiver<String>) -> Value {
    let line = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("a watch line within 30 s");
    let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    assert_schema("watch", &v);
    v
}

/// Waits for the child to exit (at most 30 s) and returns its code and stderr.
fn finish(mut child: Child) -> (i32, String) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("chatgpt-doctor did not exit within 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn watch_args(w: &World, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["watch".to_string()];
    args.extend(w.args());
    args.extend(extra.iter().map(std::string::ToString::to_string));
    args
}

#[test]
fn watch_prints_a_line_per_change_notifies_and_stops_when_healthy() {
    let broken = Arc::new(AtomicBool::new(true));
    let flag = broken.clone();
    let w = World::builder()
        .router(router(move |req| {
            if flag.load(Ordering::SeqCst) && req.host == "api.openai.com" {
                openai_5xx(503)
            } else {
                default_route(req)
            }
        }))
        .start();
    let log = w.dir().join("notified.txt");
    let notify = format!(
        "printf '%s|%s|%s|%s\\n' \"$CHATGPT_DOCTOR_CAUSE\" \"$CHATGPT_DOCTOR_PREVIOUS_CAUSE\" \"$CHATGPT_DOCTOR_EXIT_CODE\" \"$CHATGPT_DOCTOR_SUMMARY\" >> '{}'",
        log.display()
    );
    let args = watch_args(
        &w,
        &[
            "--surface",
            "api",
            "--interval",
            "0.05",
            "--until-healthy",
            "--notify",
            "--notify-command",
            &notify,
            "--json",
        ],
    );
    let mut child = spawn(&args, &[]);
    let rx = lines_of(&mut child);
    let first = next_event(&rx);
    assert_eq!(first["run"], 1);
    assert_eq!(first["changed"], true);
    assert_eq!(first["verdict"]["cause"], "service_errors", "{first}");
    assert!(first["previous"].is_null());
    broken.store(false, Ordering::SeqCst);
    let second = next_event(&rx);
    assert_eq!(second["verdict"]["cause"], "healthy", "{second}");
    assert_eq!(second["previous"]["cause"], "service_errors");
    assert!(second["next_check_ms"].is_null(), "--until-healthy ends here");
    let (code, stderr) = finish(child);
    assert_eq!(code, 0, "{stderr}");
    assert!(rx.try_recv().is_err(), "one line per change, no more");
    assert_eq!(
        stderr.matches('\x07').count(),
        1,
        "the bell rings once, on the change: {stderr:?}"
    );
    let notified = std::fs::read_to_string(&log).expect("the notify command ran");
    let summary = second["verdict"]["summary"].as_str().unwrap();
    assert_eq!(notified, format!("healthy|service_errors|0|{summary}\n"));
}

#[test]
fn watch_backs_off_while_nothing_changes_and_ends_after_max_runs() {
    let w = World::start();
    let args = watch_args(
        &w,
        &[
            "--surface",
            "status",
            "--interval",
            "0.01",
            "--max-runs",
            "3",
            "-v",
            "--json",
        ],
    );
    let mut child = spawn(&args, &[]);
    let rx = lines_of(&mut child);
    let events: Vec<Value> = (0..3).map(|_| next_event(&rx)).collect();
    let (code, stderr) = finish(child);
    assert_eq!(code, 0, "{stderr}");
    let changed: Vec<bool> = events.iter().map(|e| e["changed"].as_bool().unwrap()).collect();
    assert_eq!(changed, [true, false, false], "-v prints unchanged checks too");
    let waits: Vec<Value> = events.iter().map(|e| e["next_check_ms"].clone()).collect();
    assert_eq!(
        waits,
        [Value::from(10.0), Value::from(20.0), Value::Null],
        "doubling, then the end"
    );
}

fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
}

fn fd_count(pid: u32) -> Option<usize> {
    Some(std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count())
}

#[test]
fn watch_keeps_memory_and_descriptors_flat_over_500_checks() {
    if !Path::new("/proc/self/status").exists() {
        eprintln!("skipped: no /proc on this system");
        return;
    }
    const RUNS: u64 = 500;
    // One OpenAI target and one control, 1 ms apart: each check still resolves, connects,
    // shakes hands and asks, and 500 of them take seconds, not minutes, in a debug build.
    let w = World::start();
    let args = vec![
        "watch".to_string(),
        "--dns-server".into(),
        w.dns.addr().to_string(),
        "--doh-url".into(),
        w.doh.url(),
        "--connect-to".into(),
        format!(":443::{}", w.edge.port()),
        "--cacert".into(),
        w.ca_path().display().to_string(),
        "--control".into(),
        format!("https://control.test:{}/", w.edge.port()),
        "--surface".into(),
        "auth".into(),
        "--timeout".into(),
        "2".into(),
        "--interval".into(),
        "0.001".into(),
        "--max-interval".into(),
        "0.001".into(),
        "--max-runs".into(),
        (RUNS + 1).to_string(),
        "-v".into(),
        "--json".into(),
    ];
    let start = Instant::now();
    let mut child = spawn(&args, &[]);
    let pid = child.id();
    let rx = lines_of(&mut child);
    // (run, rss kB, fds) after each check; the last check keeps the process alive while the
    // 500th is sampled.
    let mut samples: Vec<(u64, u64, usize)> = Vec::new();
    for _ in 0..RUNS {
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("a line per check");
        let v: Value = serde_json::from_str(&line).expect("JSON line");
        assert_eq!(v["verdict"]["cause"], "healthy", "{v}");
        let run = v["run"].as_u64().unwrap();
        if let (Some(rss), Some(fds)) = (rss_kb(pid), fd_count(pid)) {
            samples.push((run, rss, fds));
        }
    }
    let (code, stderr) = finish(child);
    assert_eq!(code, 0, "{stderr}");
    let window = |from: u64, to: u64| -> (u64, usize) {
        let w: Vec<_> = samples.iter().filter(|s| (from..=to).contains(&s.0)).collect();
        assert!(!w.is_empty(), "no sample in checks {from}..={to}");
        (
            w.iter().map(|s| s.1).max().unwrap(),
            w.iter().map(|s| s.2).max().unwrap(),
        )
    };
    // Early: after the allocator and the resolver's cache have warmed up.
    let (early_rss, early_fds) = window(50, 100);
    let (late_rss, late_fds) = window(RUNS - 50, RUNS);
    eprintln!(
        "watch: {RUNS} checks in {:.1} s; RSS max {early_rss} kB (checks 50-100) → {late_rss} kB (checks {}-{RUNS}); fds max {early_fds} → {late_fds}",
        start.elapsed().as_secs_f64(),
        RUNS - 50
    );
    assert!(
        late_rss <= early_rss + (early_rss / 10).max(2048),
        "memory grows: {early_rss} kB → {late_rss} kB"
    );
    assert!(
        late_fds <= early_fds + 2,
        "descriptors leak: {early_fds} → {late_fds}"
    );
}

/// True when `name` occurs in `text` not inside a longer word (case-insensitive).
fn contains_name(text: &str, name: &str) -> bool {
    let (text, name) = (text.to_ascii_lowercase(), name.to_ascii_lowercase());
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(&name).any(|(i, _)| {
        text[..i].chars().next_back().is_none_or(|c| !word(c))
            && text[i + name.len()..].chars().next().is_none_or(|c| !word(c))
    })
}

/// A key, proxy credentials and names planted in the environment, and a public address in the
/// edge's trace; the report must not carry what it should not.
#[test]
fn report_removes_secrets_and_anonymize_removes_what_identifies_the_user() {
    const KEY: &str = "sk-proj-PLANTEDkey0123456789abcdefXYZ";
    const PROXY_USER: &str = "plantuser";
    const PROXY_PASSWORD: &str = "Pl4nted-Pa55word";
    const DOMAIN: &str = "corp-plant7f3a.example";
    const PUBLIC_IP: &str = "198.51.100.77";
    const PRIVATE_IP: &str = "10.77.66.55";
    let w = World::builder()
        .route(
            "chatgpt.com",
            "/cdn-cgi/trace",
            cf_trace_with("chatgpt.com", PUBLIC_IP, "DE", "chatgpt-doctor", "http/2"),
        )
        // A leaky server that echoes the key in its error.
        .route(
            "api.openai.com",
            "/v1/models",
            openai_error(
                401,
                "invalid_request_error",
                Some("invalid_api_key"),
                &format!("Incorrect API key provided: {KEY}."),
            ),
        )
        .start();
    // A proxy on a closed loopback port: should the probes use it, they fail at once and nothing
    // is resolved or sent beyond this machine.
    let proxy_port = crate::causes::closed_port();
    let proxy = format!("http://{PROXY_USER}:{PROXY_PASSWORD}@127.0.0.1:{proxy_port}");
    // chatgpt.com (the trace) and the API (the echoing server) bypass the dead proxy, so what
    // they return reaches the report; the rest fails at the proxy, on loopback.
    let no_proxy =
        format!("localhost,127.0.0.1,chatgpt.com,api.openai.com,.{DOMAIN},fileserver.{DOMAIN},{PRIVATE_IP}");
    let env = [
        ("OPENAI_API_KEY", KEY),
        ("HTTPS_PROXY", proxy.as_str()),
        ("http_proxy", proxy.as_str()),
        ("NO_PROXY", no_proxy.as_str()),
        ("LOCALDOMAIN", DOMAIN),
    ];
    let hostname = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    let resolvers: Vec<String> = std::fs::read_to_string("/etc/resolv.conf")
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix("nameserver"))
        .map(|a| a.trim().to_string())
        .filter(|a| a.parse::<std::net::IpAddr>().is_ok_and(|ip| !ip.is_loopback()))
        .collect();

    let make = |name: &str, extra: &[&str]| -> (String, Value) {
        let md = w.dir().join(format!("{name}.md"));
        let mut cmd = w.command(["report".to_string(), "-o".into(), md.display().to_string()]);
        cmd.args(extra);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let o = run_cmd(&mut cmd);
        assert!(!o.stdout.contains(KEY) && !o.stderr.contains(KEY), "{}", o.dump());
        assert!(o.stdout.contains("Wrote"), "{}", o.dump());
        let markdown = std::fs::read_to_string(&md).expect("the Markdown file");
        let json_text = std::fs::read_to_string(md.with_extension("json")).expect("the JSON file");
        let json: Value = serde_json::from_str(&json_text).expect("the JSON file is JSON");
        assert_schema("support", &json);
        crate::support::run::validate_report(&json["report"]).expect("the check report inside validates");
        (markdown + &json_text, json)
    };

    let (both, json) = make("plain", &[]);
    for secret in [KEY, "PLANTEDkey", PROXY_USER, PROXY_PASSWORD] {
        assert!(!both.contains(secret), "{secret} leaked:\n{both}");
    }
    assert_eq!(json["system"]["api_key_set"], true);
    assert!(both.contains("## Verdict") && both.contains("| surface | target |"));
    assert!(
        both.contains(&format!("HTTPS_PROXY=http://127.0.0.1:{proxy_port}")),
        "the proxy is shown without its credentials"
    );
    assert!(
        both.contains(PUBLIC_IP),
        "without --anonymize the public address stays"
    );
    if !hostname.is_empty() {
        assert_eq!(
            json["system"]["hostname"],
            hostname.as_str(),
            "the host name is reported"
        );
    }

    let (both, json) = make("anonymized", &["--anonymize"]);
    let mut gone = vec![
        KEY,
        "PLANTEDkey",
        PROXY_USER,
        PROXY_PASSWORD,
        DOMAIN,
        PUBLIC_IP,
        PRIVATE_IP,
    ];
    gone.extend(resolvers.iter().map(String::as_str));
    for secret in gone {
        assert!(
            !both.contains(secret),
            "{secret} leaked with --anonymize:\n{both}"
        );
    }
    if hostname.len() >= 2 {
        // A short host name ("vm") may sit inside ordinary words; as a name it must be gone.
        assert!(
            !contains_name(&both, &hostname),
            "{hostname} leaked with --anonymize:\n{both}"
        );
        assert_eq!(json["system"]["hostname"], "[hostname]");
    }
    assert_eq!(json["anonymized"], true);
    for placeholder in ["[public-address]", "[domain-1]", "[private-address-1]"] {
        assert!(both.contains(placeholder), "{placeholder} missing:\n{both}");
    }
    assert!(both.contains("chatgpt.com"), "the probed names stay");

    // `-o -`: the Markdown on stdout, no file.
    let mut cmd = w.command(["report", "-o", "-", "--anonymize"]);
    cmd.env("OPENAI_API_KEY", KEY);
    let o = run_cmd(&mut cmd);
    assert!(o.stdout.starts_with("# chatgpt-doctor report"), "{}", o.dump());
    assert!(!o.stdout.contains(KEY));
}

#[test]
fn committed_schemas_match_the_binary() {
    for name in ["dns", "tcp", "tls", "http", "endpoints", "watch", "support"] {
        let o = run(["schema", name]);
        assert_eq!(o.code, 0, "{}", o.dump());
        let file = format!("schema/{name}.schema.json");
        let committed = std::fs::read_to_string(root().join(&file)).unwrap_or_default();
        assert!(
            o.stdout == committed,
            "{file} is stale: run `cargo run -q -- schema {name} > {file}`"
        );
        let schema: Value = serde_json::from_str(&o.stdout).expect("the schema is JSON");
        assert!(jsonschema::validator_for(&schema).is_ok(), "{name} compiles");
    }
}

#[test]
fn committed_man_pages_match_the_binary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = run(["man", "--out-dir", &dir.path().display().to_string()]);
    assert_eq!(o.code, 0, "{}", o.dump());
    let names = |d: &Path| -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .map(|r| r.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    let fresh = names(dir.path());
    let hint = "run `cargo run -q -- man --out-dir man`";
    assert!(
        fresh.contains(&"chatgpt-doctor.1".to_string())
            && fresh.contains(&"chatgpt-doctor-watch.1".to_string())
    );
    assert_eq!(
        names(&root().join("man")),
        fresh,
        "man/ holds other pages: {hint}"
    );
    for page in &fresh {
        let generated = std::fs::read_to_string(dir.path().join(page)).unwrap();
        let committed = std::fs::read_to_string(root().join("man").join(page)).unwrap_or_default();
        assert!(generated == committed, "man/{page} is stale: {hint}");
    }
    let page = run(["man", "watch"]);
    assert!(
        page.stdout.contains(".TH chatgpt-doctor-watch 1") && page.stdout.contains("\\-\\-until\\-healthy")
    );
}

/// The display width of `s` on a terminal (CJK characters take two columns).
fn columns(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The display column where `needle` starts on `line`.
fn column_of(line: &str, needle: &str) -> Option<usize> {
    line.find(needle).map(|i| columns(&line[..i]))
}

/// True when `s` holds Chinese characters.
fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn stage_commands_speak_chinese_with_their_columns_aligned() {
    let w = World::start();
    let mut args = [vec!["chatgpt.com".to_string()], stage_args(&w)].concat();
    args.extend(["--cacert".into(), w.ca_path().display().to_string()]);
    let o = run_cmd(
        doctor()
            .arg("tls")
            .args(&args)
            .args(["--lang", "zh-CN", "--color", "never"]),
    );
    assert_eq!(o.code, 0, "{}", o.dump());
    for s in ["证书链", "系统证书库", "公共证书库", "受信任", "已连接到", "耗时"] {
        assert!(o.stdout.contains(s), "{s}\n{}", o.dump());
    }
    assert!(!o.stdout.contains("system store"), "{}", o.stdout);
    // The labels are of different widths (tcp, 证书链, 系统证书库): what follows them starts in
    // one column.
    let lines: Vec<&str> = o.stdout.lines().collect();
    let at = |label: &str, mark: &str| -> usize {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("    {label}")))
            .unwrap_or_else(|| panic!("no {label} line\n{}", o.stdout));
        column_of(line, mark).unwrap_or_else(|| panic!("no {mark} on {line:?}"))
    };
    let column = at("tcp", "✓");
    for (label, mark) in [
        ("tls", "✓"),
        ("证书链", "0 "),
        ("系统证书库", "✓"),
        ("公共证书库", "✓"),
    ] {
        assert_eq!(at(label, mark), column, "{label} is not aligned\n{}", o.stdout);
    }

    // http: the chart's labels in Chinese, its bars where the durations' bars are.
    let mut args = vec!["https://api.openai.com/v1/models".to_string()];
    args.extend(stage_args(&w));
    args.extend(["--cacert".into(), w.ca_path().display().to_string()]);
    let o = run_cmd(
        doctor()
            .arg("http")
            .args(&args)
            .args(["--lang", "zh-CN", "--color", "never"]),
    );
    assert_eq!(o.code, 0, "{}", o.dump());
    for s in [
        "DNS 解析",
        "TCP 连接",
        "TLS 握手",
        "服务器处理",
        "内容传输",
        "首字节：",
        "总计：",
    ] {
        assert!(o.stdout.contains(s), "{s}\n{}", o.dump());
    }
    let lines: Vec<&str> = o.stdout.lines().collect();
    let bar_line = lines
        .iter()
        .position(|l| l.starts_with('['))
        .expect("the chart's durations");
    let bars = |l: &str| -> Vec<usize> {
        l.char_indices()
            .filter(|(_, c)| *c == '|' || *c == ']')
            .map(|(i, _)| columns(&l[..i]))
            .collect()
    };
    let expected = bars(lines[bar_line]);
    assert_eq!(expected.len(), 5, "five phases over https\n{}", o.stdout);
    assert_eq!(bars(lines[bar_line + 1]), expected, "\n{}", o.stdout);
    // Each point in time: its label ends just right of its bar, the later bars stay in place.
    for (i, line) in lines[bar_line + 2..bar_line + 7].iter().enumerate() {
        let digit = line.find(|c: char| c.is_ascii_digit()).expect("a time");
        assert_eq!(columns(&line[..digit]), expected[i] + 2, "{line:?}\n{}", o.stdout);
        assert_eq!(bars(line), expected[i + 1..], "{line:?}\n{}", o.stdout);
    }
}

#[test]
fn the_locale_picks_the_language_for_people_but_json_stays_english() {
    let w = World::builder()
        .dns("chatgpt.com", DnsAnswer::addrs(&["127.0.0.1"]))
        .start();
    let zh = [("LANG", "zh_CN.UTF-8")];
    let tcp_args = [vec!["chatgpt.com".to_string()], stage_args(&w)].concat();

    // No --lang: LANG decides for people.
    let mut cmd = doctor();
    cmd.arg("tcp").args(&tcp_args).args(["--color", "never"]).envs(zh);
    let o = run_cmd(&mut cmd);
    assert_eq!(o.code, 0, "{}", o.dump());
    assert!(o.stdout.contains("已连接到"), "{}", o.dump());
    // LC_ALL wins over LANG.
    let mut cmd = doctor();
    cmd.arg("tcp")
        .args(&tcp_args)
        .envs(zh)
        .env("LC_ALL", "en_US.UTF-8");
    let o = run_cmd(&mut cmd);
    assert!(o.stdout.contains("connected to"), "{}", o.dump());

    // JSON is for machines: English whatever LANG says, unless --lang.
    let mut cmd = doctor();
    cmd.arg("tcp").args(&tcp_args).arg("--json").envs(zh);
    let o = run_cmd(&mut cmd);
    assert_schema("tcp", &o.json);
    let detail = o.json["attempts"][0]["detail"].as_str().unwrap();
    assert!(detail.starts_with("connected to"), "{detail}");
    let mut cmd = doctor();
    cmd.arg("tcp")
        .args(&tcp_args)
        .args(["--json", "--lang", "zh-CN"])
        .envs(zh);
    let o = run_cmd(&mut cmd);
    let detail = o.json["attempts"][0]["detail"].as_str().unwrap();
    assert!(detail.starts_with("已连接到"), "{detail}");
    assert_eq!(o.json["attempts"][0]["family"], "ipv4", "codes never change");

    let mut cmd = doctor();
    cmd.arg("dns")
        .args(["chatgpt.com", "--dns-server", &w.dns.addr().to_string(), "-4"])
        .envs(zh);
    let o = run_cmd(&mut cmd);
    assert_eq!(o.code, 0, "{}", o.dump());
    assert!(
        o.stdout.contains("解析器") && o.stdout.contains("TTL 60"),
        "{}",
        o.dump()
    );

    let mut cmd = doctor();
    cmd.arg("endpoints").arg("--json").envs(zh);
    let o = run_cmd(&mut cmd);
    assert_schema("endpoints", &o.json);
    assert!(
        !has_chinese(&o.json["endpoints"][0]["probe"].to_string()),
        "{}",
        o.json
    );
}

#[test]
fn watch_lines_follow_the_readers_language() {
    let w = World::start();
    let args = watch_args(
        &w,
        &[
            "--surface",
            "status",
            "--interval",
            "0.01",
            "--max-runs",
            "2",
            "-v",
            "--color",
            "never",
            "--lang",
            "zh-CN",
        ],
    );
    let o = run_cmd(doctor().args(&args));
    assert_eq!(o.code, 0, "{}", o.dump());
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", o.dump());
    assert!(
        lines[1].contains("第 2 次检查：仍是 healthy（最后一次检查）"),
        "{}",
        o.stdout
    );
}

/// `report` writes Markdown for people (the locale's language) and JSON for machines (English
/// unless --lang), from one probe of the network.
#[test]
fn report_markdown_speaks_the_readers_language_and_its_json_english() {
    let w = World::start();
    let make = |name: &str, extra: &[&str], env: &[(&str, &str)]| -> (Outcome, String, Value) {
        let md = w.dir().join(format!("{name}.md"));
        let mut cmd = w.command(["report".to_string(), "-o".into(), md.display().to_string()]);
        cmd.args(extra).args(["--color", "never"]);
        cmd.envs(env.iter().copied());
        let o = run_cmd(&mut cmd);
        assert_eq!(o.code, 0, "{}", o.dump());
        let markdown = std::fs::read_to_string(&md).expect("the Markdown file");
        let json: Value =
            serde_json::from_str(&std::fs::read_to_string(md.with_extension("json")).expect("the JSON file"))
                .expect("JSON");
        assert_schema("support", &json);
        (o, markdown, json)
    };

    let before = w.edge.connections(Some("chatgpt.com"));
    let (o, markdown, json) = make("en", &[], &[]);
    let one_run = w.edge.connections(Some("chatgpt.com")) - before;
    assert!(markdown.starts_with("# chatgpt-doctor report\n"), "{markdown}");
    // Each OpenAI name's views: the OS resolver not asked (--dns-server), the chosen server's answer.
    assert!(
        markdown
            .contains("| `chatgpt.com` | not asked: --dns-server chose the resolver | 127.0.0.1 |  | — |"),
        "{markdown}"
    );
    assert_eq!(json["report"]["language"], "en");
    assert!(o.stdout.contains("Wrote"), "{}", o.dump());

    let before = w.edge.connections(Some("chatgpt.com"));
    let (o, markdown, json) = make("zh", &[], &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(
        w.edge.connections(Some("chatgpt.com")) - before,
        one_run,
        "two languages, one probe"
    );
    for s in [
        "# chatgpt-doctor 报告",
        "## 结论",
        "## 各层",
        "| 层 | 状态 | 摘要 |",
        "| 入口 | 目标 | 地址族 | dns | tcp | tls | http | 结果 |",
        "## 应用解析到的地址",
        "| 域名 | 应用（操作系统解析器） | DNS 服务器 | DNS-over-HTTPS | 一致 |",
        "## 环境",
        "已移除或替换：",
        "`healthy`",
    ] {
        assert!(markdown.contains(s), "{s}\n{markdown}");
    }
    assert!(!markdown.contains("## Verdict"), "{markdown}");
    assert!(o.stdout.contains("已写入"), "{}", o.dump());
    assert_eq!(json["report"]["language"], "en", "the JSON file is for machines");
    assert_eq!(json["report"]["verdict"]["cause"], "healthy");
    assert!(
        !has_chinese(&json["redactions"].to_string()),
        "{}",
        json["redactions"]
    );

    // --lang: both files in Chinese.
    let (_, markdown, json) = make("zh-both", &["--lang", "zh-CN"], &[]);
    assert!(markdown.contains("## 结论"), "{markdown}");
    assert_eq!(json["report"]["language"], "zh-CN");
    assert!(
        has_chinese(&json["redactions"].to_string()),
        "{}",
        json["redactions"]
    );
}
