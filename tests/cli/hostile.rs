//! Hostile or broken servers never hang the run, never blow the caps, never panic.

use std::time::{Duration, Instant};

use crate::support::{Body, DnsAnswer, ResponseSpec, World};

#[test]
fn a_resolver_answering_garbage_fails_the_lookup_not_the_tool() {
    let w = World::builder().dns("api.openai.com", DnsAnswer::Garbage).start();
    let start = Instant::now();
    let o = w.run_json(["--timeout", "1"]);
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(
        o.stage_status("api.openai.com", "dns"),
        Some("fail"),
        "{}",
        o.dump()
    );
    assert_eq!(o.cause(), Some("dns_blocked"));
}

#[test]
fn an_endless_body_is_cut_at_the_cap() {
    let w = World::builder()
        .route(
            "chatgpt.com",
            "/cdn-cgi/trace",
            ResponseSpec::new(200).with_body(Body::Endless),
        )
        .start();
    let start = Instant::now();
    let o = w.run_json(["--timeout", "2"]);
    assert!(start.elapsed() < Duration::from_secs(6), "{:?}", start.elapsed());
    let http = &o.stage("chatgpt.com/cdn-cgi/trace", "http").unwrap()["http"];
    assert_eq!(http["body_truncated"], true, "{}", o.dump());
    assert!(http["body_bytes"].as_u64().unwrap() <= 64 * 1024);
}

#[test]
fn a_trickling_body_is_cut_by_the_timeout() {
    let w = World::builder()
        .route(
            "chatgpt.com",
            "/",
            ResponseSpec::new(200).with_body(Body::Trickle),
        )
        .start();
    let start = Instant::now();
    let o = w.run_json(["--timeout", "1"]);
    assert!(start.elapsed() < Duration::from_secs(4), "{:?}", start.elapsed());
    assert_eq!(
        o.stage("chatgpt.com", "http").unwrap()["http"]["body_truncated"],
        true,
        "{}",
        o.dump()
    );
}

#[test]
fn a_megabyte_of_headers_is_an_invalid_response() {
    let w = World::builder()
        .route(
            "api.openai.com",
            "/v1/models",
            ResponseSpec::new(200).with_body(Body::HugeHeaders(1024 * 1024)),
        )
        .start();
    let o = w.run_json(["--timeout", "2"]);
    assert_eq!(
        o.stage_failure("api.openai.com", "http"),
        Some("http_invalid_response"),
        "{}",
        o.dump()
    );
}

#[test]
fn every_hostile_server_at_once_keeps_the_deadline_and_the_memory_bound() {
    // An endless body, a trickle, a megabyte of headers, a silent TLS server and a resolver
    // answering garbage, all in one run: the verdict must come within --max-time, and the hostile
    // servers must not make the tool hold more memory than a healthy run does (caps, not
    // buffers; measured by /usr/bin/time, Debian's `time` package).
    if !std::path::Path::new("/usr/bin/time").exists() {
        // CI installs it (scripts/install-test-deps.sh): there, its absence is a failure.
        assert!(std::env::var_os("CI").is_none(), "/usr/bin/time is missing in CI");
        eprintln!("note: /usr/bin/time is missing (Debian package `time`); skipping");
        return;
    }
    let w = World::builder()
        .route(
            "chatgpt.com",
            "/cdn-cgi/trace",
            ResponseSpec::new(200).with_body(Body::Endless),
        )
        .route(
            "chatgpt.com",
            "/",
            ResponseSpec::new(200).with_body(Body::Trickle),
        )
        .route(
            "api.openai.com",
            "/v1/models",
            ResponseSpec::new(200).with_body(Body::HugeHeaders(1024 * 1024)),
        )
        .behaviour("auth.openai.com", crate::support::Behaviour::HangAfterAccept)
        .dns("cdn.oaistatic.com", DnsAnswer::Garbage)
        .start();
    let start = Instant::now();
    let (out, max_rss_kb) = peak_rss(&w, &["--timeout", "2", "--max-time", "4", "--json"]);
    let elapsed = start.elapsed();
    assert!(
        elapsed < Duration::from_secs(6),
        "the run took {elapsed:?} with --max-time 4"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    crate::support::run::validate_report(&report).expect("valid report");
    // The same binary against a healthy world: what the hostile servers add must stay small.
    // (The absolute figure of this debug build grows with the binary's size; the release build's
    // is in BENCHMARKS.md.)
    let healthy = World::start();
    let (_, healthy_kb) = peak_rss(&healthy, &["--timeout", "2", "--max-time", "4", "--json"]);
    eprintln!(
        "hostile servers at once: peak RSS {max_rss_kb} kB in {elapsed:?}; a healthy run: {healthy_kb} kB"
    );
    assert!(
        max_rss_kb < healthy_kb + 8 * 1024,
        "hostile servers cost {} kB more than a healthy run ({max_rss_kb} kB against {healthy_kb} kB)",
        max_rss_kb.saturating_sub(healthy_kb)
    );
    assert!(max_rss_kb < 40 * 1024, "peak RSS {max_rss_kb} kB is over 40 MB");
}

/// Runs the binary with `w`'s arguments and `extra` under `/usr/bin/time`: its output and its peak
/// resident memory in kB.
fn peak_rss(w: &World, extra: &[&str]) -> (std::process::Output, u64) {
    let mut args: Vec<String> = vec![
        "-f".into(),
        "%M".into(),
        crate::support::run::BIN.into(),
        "check".into(),
    ];
    args.extend(w.args());
    args.extend(extra.iter().map(ToString::to_string));
    let out = std::process::Command::new("/usr/bin/time")
        .args(&args)
        .output()
        .expect("run /usr/bin/time");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let kb = stderr
        .lines()
        .rev()
        .find_map(|l| l.trim().parse().ok())
        .unwrap_or_else(|| panic!("no max RSS in: {stderr}"));
    (out, kb)
}
