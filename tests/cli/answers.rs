//! Answers that are not OpenAI's (issue #16): a status code and a finished handshake prove
//! nothing; each endpoint's own proof does. End to end against the fixture edge.

use std::time::{Duration, Instant};

use crate::support::replay::{default_route, is_openai_host};
use crate::support::server::{Body, router};
use crate::support::{Outcome, RequestInfo, ResponseSpec, World};

fn verdict(o: &Outcome) -> (Option<&str>, Option<&str>, i32) {
    (o.layer(), o.cause(), o.code)
}

/// A world where the OpenAI names answer `answer(req)` and everything else answers as usual.
fn openai_answers(answer: fn(&RequestInfo) -> ResponseSpec) -> World {
    World::builder()
        .router(router(move |req| {
            if is_openai_host(&req.host) {
                answer(req)
            } else {
                default_route(req)
            }
        }))
        .start()
}

/// An ISP-style block page: 200 and HTML, no edge headers, for every path of every OpenAI name.
fn block_page() -> ResponseSpec {
    ResponseSpec::html(
        200,
        "<!DOCTYPE html><html><head><title>Access Restricted</title></head><body><h1>This website has been blocked</h1><p>As per the directions of the competent authority.</p></body></html>",
    )
    .header("server", "nginx")
}

#[test]
fn a_block_page_answering_200_on_openai_names_is_unexpected_answer() {
    let w = openai_answers(|_| block_page());
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(
        verdict(&o),
        (Some("path"), Some("unexpected_answer"), 4),
        "{}",
        o.dump()
    );
    let evidence = o.json["verdict"]["evidence"].to_string();
    assert!(
        evidence.contains("Access Restricted"),
        "the page's title is named: {evidence}"
    );
    assert!(evidence.contains("server “nginx”"), "{evidence}");
    assert!(
        evidence.contains("control control.test answered normally"),
        "{evidence}"
    );
    let origin = &o.stage("api.openai.com", "http").unwrap()["http"]["origin"];
    assert_eq!(origin["endpoint"], "api_models", "{origin:#}");
    assert_eq!(origin["result"], "unproven", "{origin:#}");
    assert_eq!(origin["lack"], "unexpected_body", "{origin:#}");
    // A person sees whose answer it is in the table, and the page with -v.
    let human = w.run(["-v"]);
    assert_eq!(human.code, 4);
    assert!(
        human.stdout.contains("200 server: not OpenAI's answer"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("page “Access Restricted”"),
        "{}",
        human.stdout
    );
}

#[test]
fn the_same_page_on_the_controls_is_a_captive_portal() {
    let w = World::builder().router(router(|_| block_page())).start();
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(
        verdict(&o),
        (Some("local_network"), Some("captive_portal"), 3),
        "{}",
        o.dump()
    );
    let evidence = o.json["verdict"]["evidence"].to_string();
    assert!(
        evidence.contains("was answered by the same page as"),
        "{evidence}"
    );
}

#[test]
fn endless_bodies_on_every_openai_name_are_unexpected_answer_without_waiting() {
    let w = openai_answers(|_| ResponseSpec::new(200).with_body(Body::Endless));
    let start = Instant::now();
    let o = w.run_json(["--timeout", "5"]);
    assert!(start.elapsed() < Duration::from_secs(4), "{:?}", start.elapsed());
    assert_eq!(
        verdict(&o),
        (Some("path"), Some("unexpected_answer"), 4),
        "{}",
        o.dump()
    );
    let http = &o.stage("api.openai.com", "http").unwrap()["http"];
    assert_eq!(http["body_end"], "cap", "{http:#}");
    assert_eq!(http["origin"]["lack"], "body_too_long", "{http:#}");
}

#[test]
fn a_trickling_body_with_the_right_head_is_unexpected_answer_after_the_body_wait() {
    // The API's own head (401, JSON, x-request-id), but a body that comes a byte a second: the
    // read stops at the body wait (1.5 s), far before --timeout, and says why.
    let w = World::builder()
        .router(router(|req| {
            if req.host == "api.openai.com" {
                let mut spec = default_route(req).with_body(Body::Trickle);
                spec.headers.retain(|(k, _)| k != "content-length");
                spec
            } else {
                default_route(req)
            }
        }))
        .start();
    let start = Instant::now();
    let o = w.run_json(["--timeout", "6"]);
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    assert_eq!(
        verdict(&o),
        (Some("path"), Some("unexpected_answer"), 4),
        "{}",
        o.dump()
    );
    let http = &o.stage("api.openai.com", "http").unwrap()["http"];
    assert_eq!(http["body_end"], "deadline", "{http:#}");
    assert_eq!(http["origin"]["lack"], "body_unfinished", "{http:#}");
    let ms = http["body_ms"].as_f64().unwrap();
    assert!((1400.0..3000.0).contains(&ms), "{ms}");
}

#[test]
fn a_healthy_world_proves_every_endpoint() {
    let o = World::start().run_json(Vec::<String>::new());
    assert_eq!(verdict(&o), (Some("none"), Some("healthy"), 0), "{}", o.dump());
    for t in o.json["targets"].as_array().unwrap() {
        for s in t["stages"].as_array().unwrap() {
            if let Some(origin) = s["http"]["origin"].as_object() {
                assert_eq!(origin["result"], "proven", "{}: {origin:?}", t["name"]);
            }
        }
    }
}
