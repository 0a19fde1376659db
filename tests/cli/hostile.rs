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
