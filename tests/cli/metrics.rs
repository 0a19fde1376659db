//! Prometheus: `check --format openmetrics` read back with a real OpenMetrics parser
//! (openmetrics-parser), `check --format prometheus` (text 0.0.4) read back by promtool and a
//! parser of that format, and the `serve` exporter scraped over loopback — both formats by `Accept`,
//! its rounds counted at the fixture edge, its shutdown on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use openmetrics_parser::{MetricsExposition, OpenMetricsType, OpenMetricsValue};

use crate::support::run::{BIN, SCRUBBED_ENV};
use crate::support::{DnsAnswer, World};

type Exposition = MetricsExposition<OpenMetricsType, OpenMetricsValue>;

/// Parses OpenMetrics text strictly (types, `# EOF`, consistent label names per family).
fn parse(text: &str) -> Exposition {
    openmetrics_parser::openmetrics::parse_openmetrics(text)
        .unwrap_or_else(|e| panic!("not valid OpenMetrics text: {e:?}\n{text}"))
}

/// The labels (sorted by name) of every sample of `family` with the value (info samples count
/// as 1).
fn samples(m: &Exposition, family: &str) -> Vec<(Vec<(String, String)>, f64)> {
    let Some(f) = m.families.get(family) else {
        return vec![];
    };
    f.iter_samples()
        .map(|s| {
            let mut labels: Vec<(String, String)> = s
                .get_labelset()
                .map(|ls| ls.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
            labels.sort();
            let value = match &s.value {
                OpenMetricsValue::Gauge(n) | OpenMetricsValue::Unknown(n) => n.as_f64(),
                OpenMetricsValue::Info => 1.0,
                other => panic!("{family}: unexpected value {other:?}"),
            };
            (labels, value)
        })
        .collect()
}

/// The value of the one sample of `family` whose labels include `want`.
fn value(m: &Exposition, family: &str, want: &[(&str, &str)]) -> Option<f64> {
    let matching: Vec<f64> = samples(m, family)
        .into_iter()
        .filter(|(labels, _)| {
            want.iter()
                .all(|(k, v)| labels.iter().any(|(lk, lv)| lk == k && lv == v))
        })
        .map(|(_, v)| v)
        .collect();
    assert!(
        matching.len() <= 1,
        "{family} {want:?} matches {} samples",
        matching.len()
    );
    matching.first().copied()
}

fn check_metrics(w: &World, extra: &[&str]) -> (i32, Exposition, String) {
    let mut args = vec!["check", "--format", "openmetrics"];
    args.extend_from_slice(extra);
    let out = w.command(args).output().expect("run chatgpt-doctor");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code().unwrap_or(-1), parse(&text), text)
}

#[test]
fn a_healthy_check_in_prometheus_format_has_blackbox_names_and_the_verdict() {
    let w = World::start();
    let (code, m, text) = check_metrics(&w, &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        samples(&m, "chatgpt_doctor_verdict"),
        vec![(
            vec![
                ("cause".into(), "healthy".into()),
                ("layer".into(), "none".into())
            ],
            1.0
        )],
        "{text}"
    );
    assert_eq!(value(&m, "chatgpt_doctor_exit_code", &[]), Some(0.0));
    for (target, surface) in [
        ("chatgpt.com", "web"),
        ("api.openai.com", "api"),
        ("control.test", "control"),
    ] {
        let t = [("target", target), ("surface", surface)];
        assert_eq!(value(&m, "probe_success", &t), Some(1.0), "{target}\n{text}");
        assert!(value(&m, "probe_duration_seconds", &t).is_some_and(|d| d > 0.0 && d < 20.0));
        assert!(value(&m, "probe_dns_lookup_time_seconds", &t).is_some_and(|d| d >= 0.0));
    }
    let api = [
        ("target", "api.openai.com"),
        ("surface", "api"),
        ("family", "ipv4"),
    ];
    assert_eq!(value(&m, "probe_http_status_code", &api), Some(401.0), "{text}");
    for phase in ["resolve", "connect", "tls", "processing", "transfer"] {
        let mut labels = api.to_vec();
        labels.push(("phase", phase));
        assert!(
            value(&m, "probe_http_duration_seconds", &labels).is_some_and(|d| d >= 0.0),
            "phase {phase}\n{text}"
        );
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let expiry = value(&m, "probe_ssl_earliest_cert_expiry", &api).expect("certificate expiry");
    assert!(
        expiry > now,
        "the test CA's leaves are valid now: {expiry} <= {now}"
    );
    for stage in ["tcp", "tls", "http"] {
        let mut labels = api.to_vec();
        labels.push(("stage", stage));
        assert_eq!(
            value(&m, "chatgpt_doctor_stage_success", &labels),
            Some(1.0),
            "{stage}"
        );
        assert!(value(&m, "chatgpt_doctor_stage_duration_seconds", &labels).is_some());
    }
    assert_eq!(
        value(
            &m,
            "chatgpt_doctor_stage_success",
            &[("target", "api.openai.com"), ("stage", "dns")]
        ),
        Some(1.0)
    );
    assert!(value(&m, "chatgpt_doctor_run_timestamp_seconds", &[]).is_some_and(|t| (t - now).abs() < 120.0));
}

#[test]
fn a_failing_cause_shows_in_the_verdict_info_the_exit_code_and_probe_success() {
    let w = [
        "chatgpt.com",
        "ios.chat.openai.com",
        "android.chat.openai.com",
        "api.openai.com",
        "auth.openai.com",
        "cdn.oaistatic.com",
        "status.openai.com",
    ]
    .iter()
    .fold(World::builder(), |w, n| w.dns(n, DnsAnswer::NxDomain))
    .start();
    let (code, m, text) = check_metrics(&w, &[]);
    assert_eq!(code, 4, "the verdict's exit code, as with --json\n{text}");
    assert_eq!(
        value(
            &m,
            "chatgpt_doctor_verdict",
            &[("layer", "path"), ("cause", "dns_blocked")]
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(value(&m, "chatgpt_doctor_exit_code", &[]), Some(4.0));
    let web = [("target", "chatgpt.com"), ("surface", "web")];
    assert_eq!(value(&m, "probe_success", &web), Some(0.0));
    assert_eq!(
        value(
            &m,
            "chatgpt_doctor_stage_success",
            &[("target", "chatgpt.com"), ("stage", "dns")]
        ),
        Some(0.0)
    );
    assert_eq!(
        value(&m, "probe_http_status_code", &web),
        None,
        "no HTTP answer, no status code"
    );
    assert_eq!(
        value(&m, "probe_success", &[("target", "control.test")]),
        Some(1.0),
        "the control still answers"
    );
}

#[test]
fn format_json_is_json_and_prometheus_is_for_check_only() {
    let w = World::start();
    let out = w.command(["check", "--format", "json"]).output().expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("--format json prints JSON");
    assert_eq!(v["verdict"]["cause"], "healthy");
    for args in [
        vec!["check", "--json", "--format", "prometheus"],
        vec!["status", "--format", "prometheus"],
    ] {
        let out = w.command(&args).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{args:?} is a usage error");
        assert!(out.stdout.is_empty());
    }
}

/// A running `chatgpt-doctor serve` on 127.0.0.1 (the port it chose), killed when dropped.
struct Exporter {
    child: Child,
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Exporter {
    fn start(w: &World, extra: &[&str]) -> Exporter {
        let mut cmd = std::process::Command::new(BIN);
        for key in SCRUBBED_ENV {
            cmd.env_remove(key);
        }
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("OPENAI_") {
                cmd.env_remove(key);
            }
        }
        cmd.arg("serve")
            .args(w.args())
            .args(["--listen", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn chatgpt-doctor serve");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr"));
        let mut first = String::new();
        lines.read_line(&mut first).expect("read stderr");
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("serve did not say where it listens: {first:?}")
            });
        let stderr = Arc::new(Mutex::new(first));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = lines.read_to_string(&mut rest);
            sink.lock().unwrap().push_str(&rest);
        });
        Exporter { child, addr, stderr }
    }

    /// GET `path` accepting OpenMetrics first, as Prometheus scrapes.
    fn get(&self, path: &str) -> (u16, String) {
        request(
            self.addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: exporter\r\nAccept: {PROMETHEUS_ACCEPT}\r\nConnection: close\r\n\r\n"
            ),
        )
    }
}

impl Drop for Exporter {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `Accept` header Prometheus 2.x sends when it scrapes.
const PROMETHEUS_ACCEPT: &str = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

/// Sends a raw request and returns the status and the body (empty status 0 when the server
/// closed without answering).
fn request(addr: SocketAddr, raw: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).expect("connect to the exporter");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let _ = s.write_all(raw.as_bytes());
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_answers_metrics_and_probe_with_one_round_at_a_time() {
    let w = World::start();
    let ex = Exporter::start(&w, &["--interval", "3600"]);
    let (status, body) = ex.get("/metrics");
    assert_eq!(status, 200, "{body}");
    let m = parse(&body);
    assert_eq!(
        value(&m, "chatgpt_doctor_verdict", &[("cause", "healthy")]),
        Some(1.0)
    );
    assert_eq!(
        value(&m, "probe_success", &[("target", "api.openai.com")]),
        Some(1.0)
    );

    // One /probe of the web surface alone: how many requests one round sends chatgpt.com.
    let (web0, api0) = (w.edge.hits("chatgpt.com"), w.edge.hits("api.openai.com"));
    let (status, body) = ex.get("/probe?surface=web");
    assert_eq!(status, 200, "{body}");
    let m = parse(&body);
    assert_eq!(
        value(&m, "probe_success", &[("target", "chatgpt.com")]),
        Some(1.0)
    );
    assert_eq!(value(&m, "probe_success", &[("target", "api.openai.com")]), None);
    let per_round = w.edge.hits("chatgpt.com") - web0;
    assert!(per_round > 0);
    assert_eq!(
        w.edge.hits("api.openai.com"),
        api0,
        "only the web surface was probed"
    );

    // A burst of concurrent /probe requests shares rounds: never one round each.
    let web1 = w.edge.hits("chatgpt.com");
    let addr = ex.addr;
    let scrapes: Vec<_> = (0..16)
        .map(|_| {
            std::thread::spawn(move || {
                request(
                    addr,
                    &format!("GET /probe?surface=web HTTP/1.1\r\nHost: exporter\r\nAccept: {PROMETHEUS_ACCEPT}\r\nConnection: close\r\n\r\n"),
                )
            })
        })
        .collect();
    for s in scrapes {
        let (status, body) = s.join().expect("scrape thread");
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            value(&parse(&body), "probe_success", &[("target", "chatgpt.com")]),
            Some(1.0)
        );
    }
    let sent = w.edge.hits("chatgpt.com") - web1;
    assert_eq!(
        sent % per_round,
        0,
        "whole rounds only: {sent} requests, {per_round} a round"
    );
    let rounds = sent / per_round;
    assert!(
        (1..=2).contains(&rounds),
        "16 concurrent scrapes ran {rounds} rounds (the one in progress when they came, then one shared)"
    );
    assert_eq!(w.edge.hits("api.openai.com"), api0);
}

#[test]
fn serve_refuses_bad_requests_and_keeps_serving() {
    let w = World::start();
    let ex = Exporter::start(&w, &["--interval", "3600"]);
    assert_eq!(ex.get("/probe?surface=control").0, 400);
    assert_eq!(ex.get("/probe?target=https://example.com/").0, 400);
    assert_eq!(ex.get("/nowhere").0, 404);
    let (status, _) = request(
        ex.addr,
        "POST /metrics HTTP/1.1\r\nHost: exporter\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
    );
    assert_eq!(status, 405);
    let huge = format!(
        "GET /metrics HTTP/1.1\r\nHost: exporter\r\nX-Padding: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let (status, _) = request(ex.addr, &huge);
    assert_ne!(status, 200, "a 64 KiB header is refused");
    assert_eq!(ex.get("/metrics").0, 200, "and the exporter still serves");
}

#[test]
fn sigterm_ends_serve_with_exit_0_quickly() {
    let w = World::start();
    let mut ex = Exporter::start(&w, &["--interval", "3600"]);
    assert_eq!(ex.get("/metrics").0, 200);
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &ex.child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = ex.child.try_wait().expect("wait") {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "serve still runs 5 s after SIGTERM\n{}",
            ex.stderr.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "{}", ex.stderr.lock().unwrap());
}

#[test]
fn serve_speaks_the_readers_language_on_stderr_and_english_over_http() {
    let w = World::start();
    let ex = Exporter::start(&w, &["--interval", "3600", "--lang", "zh-CN"]);
    let first = ex.stderr.lock().unwrap().clone();
    assert!(first.contains("正在监听 http://"), "{first}");
    // Machine output does not change with the language.
    let (status, body) = ex.get("/");
    assert_eq!(status, 200, "{body}");
    assert!(body.starts_with("chatgpt-doctor exporter"), "{body}");
    let (status, body) = ex.get("/metrics");
    assert_eq!(status, 200, "{body}");
    let m = parse(&body);
    assert_eq!(
        value(&m, "chatgpt_doctor_verdict", &[("cause", "healthy")]),
        Some(1.0)
    );
}

#[test]
fn two_hundred_slow_clients_do_not_keep_a_scrape_out() {
    let w = World::start();
    let ex = Exporter::start(&w, &["--interval", "3600"]);
    assert_eq!(ex.get("/metrics").0, 200, "the first round is done");
    // 200 clients that send their request a byte at a time, on loopback, for at most 4 s.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let addr = ex.addr;
    let tricklers: Vec<_> = (0..200)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let Ok(mut s) = TcpStream::connect(addr) else {
                    return;
                };
                let head = b"GET /metrics HTTP/1.1\r\nHost: exporter\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n\r\n";
                let start = Instant::now();
                for b in head.iter().cycle() {
                    if stop.load(std::sync::atomic::Ordering::Relaxed)
                        || start.elapsed() > Duration::from_secs(4)
                    {
                        break;
                    }
                    if s.write_all(&[*b]).is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let mut worst = Duration::ZERO;
    for _ in 0..3 {
        let start = Instant::now();
        let (status, body) = ex.get("/metrics");
        let took = start.elapsed();
        worst = worst.max(took);
        assert_eq!(status, 200, "{body}");
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for t in tricklers {
        let _ = t.join();
    }
    eprintln!("a scrape under 200 slow clients took at most {worst:?}");
    assert!(
        worst < Duration::from_secs(1),
        "a scrape took {worst:?} under 200 slow clients"
    );
}

// ---- the text format 0.0.4 ----------------------------------------------------------------------

/// One sample of the text format 0.0.4: its name, labels and value.
type Sample004 = (String, Vec<(String, String)>, f64);

/// Parses the text format 0.0.4 strictly enough for these tests: every family has `# HELP` and
/// `# TYPE … gauge` before its samples, label values are quoted with `\\`, `\"` and `\n` escapes,
/// and there is no `# EOF` and no `info` type (neither exists in 0.0.4).
fn parse_004(text: &str) -> Vec<Sample004> {
    let mut typed: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for line in text.lines() {
        assert!(!line.is_empty(), "no blank lines in 0.0.4 output\n{text}");
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("# TYPE name kind");
            assert_eq!(kind, "gauge", "{line}");
            typed.push(name.to_string());
            continue;
        }
        assert!(line.starts_with("# HELP ") || !line.starts_with('#'), "{line}");
        if line.starts_with('#') {
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect("series value");
        let (name, labels) = match series.split_once('{') {
            Some((n, l)) => (n, l.strip_suffix('}').expect("closing brace")),
            None => (series, ""),
        };
        assert!(typed.iter().any(|t| t == name), "{name} has no # TYPE before it");
        let mut pairs = Vec::new();
        let mut rest = labels;
        while !rest.is_empty() {
            let (k, after) = rest.split_once("=\"").expect("label=\"value\"");
            let mut v = String::new();
            let mut chars = after.char_indices();
            let end = loop {
                match chars.next().expect("closing quote") {
                    (i, '"') => break i,
                    (_, '\\') => match chars.next().expect("escape").1 {
                        'n' => v.push('\n'),
                        c => v.push(c),
                    },
                    (_, c) => v.push(c),
                }
            };
            pairs.push((k.to_string(), v));
            rest = after[end + 1..].strip_prefix(',').unwrap_or(&after[end + 1..]);
        }
        pairs.sort();
        out.push((name.to_string(), pairs, value.parse().expect("a float value")));
    }
    out
}

fn value_004(samples: &[Sample004], name: &str, want: &[(&str, &str)]) -> Option<f64> {
    let found: Vec<f64> = samples
        .iter()
        .filter(|(n, labels, _)| {
            n == name
                && want
                    .iter()
                    .all(|(k, v)| labels.iter().any(|(lk, lv)| lk == k && lv == v))
        })
        .map(|(_, _, v)| *v)
        .collect();
    assert!(found.len() <= 1, "{name} {want:?}: {} samples", found.len());
    found.first().copied()
}

/// `promtool check metrics` on `text`, when promtool is installed (CI installs it: a missing
/// promtool fails there).
fn promtool_accepts(text: &str) {
    let child = std::process::Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(_) if std::env::var("CI").as_deref() != Ok("true") => return,
        Err(e) => panic!("promtool is missing under CI: {e}"),
    };
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool check metrics refused it:\n{}{}\n{text}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn format_prometheus_is_the_text_format_that_promtool_and_node_exporter_read() {
    let w = World::start();
    let out = w
        .command(["check", "--format", "prometheus"])
        .output()
        .expect("run chatgpt-doctor");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("# EOF") && !text.contains(" info"), "{text}");
    promtool_accepts(&text);
    let m = parse_004(&text);
    assert_eq!(
        value_004(
            &m,
            "chatgpt_doctor_verdict_info",
            &[("layer", "none"), ("cause", "healthy")]
        ),
        Some(1.0),
        "an info metric is a gauge named …_info with value 1\n{text}"
    );
    assert_eq!(value_004(&m, "chatgpt_doctor_exit_code", &[]), Some(0.0));
    assert_eq!(
        value_004(
            &m,
            "probe_success",
            &[("target", "api.openai.com"), ("surface", "api")]
        ),
        Some(1.0)
    );
    assert!(
        value_004(&m, "chatgpt_doctor_advice_info", &[("cause", "healthy")]).is_some(),
        "{text}"
    );
    assert_eq!(
        value_004(&m, "chatgpt_doctor_status_page_up", &[]),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        value_004(&m, "chatgpt_doctor_status_page_incidents", &[]),
        Some(0.0),
        "{text}"
    );
    assert_eq!(
        value_004(&m, "chatgpt_doctor_status_page_info", &[("indicator", "none")]),
        Some(1.0),
        "{text}"
    );
    // The same check as OpenMetrics, which promtool also reads.
    let out = w
        .command(["check", "--format", "openmetrics"])
        .output()
        .expect("run chatgpt-doctor");
    let om = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(om.ends_with("# EOF\n"), "{om}");
    parse(&om);
}

#[test]
fn output_file_is_replaced_atomically_and_refuses_a_missing_directory() {
    let w = World::start();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chatgpt.prom");
    std::fs::write(&path, "old\n").unwrap();
    let out = w
        .command(["check", "--format", "prometheus", "-o", path.to_str().unwrap()])
        .output()
        .expect("run chatgpt-doctor");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "the output went to the file, not stdout");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("chatgpt_doctor_verdict_info"), "{text}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind: {left:?}");
    // A missing directory: a usage error naming it, before any probing.
    let missing = dir.path().join("nope").join("x.prom");
    let out = w
        .command(["check", "--format", "prometheus", "-o", missing.to_str().unwrap()])
        .output()
        .expect("run chatgpt-doctor");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    assert!(!dir.path().join("nope").exists());
}

#[test]
fn serve_chooses_the_format_by_accept_as_client_libraries_do() {
    let w = World::start();
    let ex = Exporter::start(&w, &["--interval", "3600"]);
    let head_of = |accept: Option<&str>| {
        let accept = accept.map(|a| format!("Accept: {a}\r\n")).unwrap_or_default();
        let mut s = TcpStream::connect(ex.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let raw = format!("GET /metrics HTTP/1.1\r\nHost: exporter\r\n{accept}Connection: close\r\n\r\n");
        s.write_all(raw.as_bytes()).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        let text = String::from_utf8_lossy(&buf).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        let content_type = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-type: ")
                    .map(str::to_string)
            })
            .unwrap_or_default();
        (content_type, body.to_string())
    };
    let (ct, body) = head_of(Some(PROMETHEUS_ACCEPT));
    assert_eq!(ct, "application/openmetrics-text; version=1.0.0; charset=utf-8");
    parse(&body);
    for accept in [
        None,
        Some("text/plain"),
        Some("application/openmetrics-text;q=0,text/plain;q=0.5"),
    ] {
        let (ct, body) = head_of(accept);
        assert_eq!(ct, "text/plain; version=0.0.4; charset=utf-8", "{accept:?}");
        assert!(!body.contains("# EOF"));
        promtool_accepts(&body);
        parse_004(&body);
    }
}
