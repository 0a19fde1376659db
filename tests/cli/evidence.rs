//! Evidence from OpenAI's side, end to end: `status`, the verdicts that need the status page or
//! edge signatures, every `auth` outcome, and the API key never leaking.

use serde_json::json;

use crate::support::replay::{
    VALID_API_KEY, cf_challenge, mobile_disallowed_isp, openai_5xx, openai_error, openai_insufficient_quota,
    openai_models_ok, openai_rate_limited, openai_region_blocked,
};
use crate::support::server::router;
use crate::support::{DnsAnswer, Outcome, PlainHttpFixture, RequestInfo, ResponseSpec, World};

/// A key nobody could mistake for anything else: every test searches all output for it.
const CANARY: &str = "sk-canary-4f1d9c2b7e6a5038d1c4b2a9e8f7d6c5";

fn assert_no_key(o: &Outcome, key: &str) {
    assert!(
        !o.stdout.contains(key),
        "the key leaked into stdout:\n{}",
        o.stdout
    );
    assert!(
        !o.stderr.contains(key),
        "the key leaked into stderr:\n{}",
        o.stderr
    );
}

fn status_json(body: serde_json::Value) -> ResponseSpec {
    ResponseSpec::json(200, &body)
}

pub(crate) fn summary(
    indicator: &str,
    components: serde_json::Value,
    incidents: serde_json::Value,
    maint: serde_json::Value,
) -> ResponseSpec {
    status_json(json!({
        "page": {"id": "fixture", "name": "OpenAI", "url": "https://status.openai.com", "updated_at": "2026-07-10T10:30:00Z"},
        "status": {"indicator": indicator, "description": format!("fixture {indicator}")},
        "components": components,
        "incidents": incidents,
        "scheduled_maintenances": maint
    }))
}

pub(crate) fn api_group(component: &str, status: &str) -> serde_json::Value {
    json!([
        {"id": "g-api", "name": "API", "status": "operational", "group": true, "group_id": null},
        {"id": "g-chat", "name": "ChatGPT", "status": "operational", "group": true, "group_id": null},
        {"id": "c1", "name": component, "status": status, "group_id": "g-api"},
        {"id": "c2", "name": "Conversations", "status": "operational", "group_id": "g-chat"}
    ])
}

pub(crate) fn major_api_incident() -> serde_json::Value {
    json!([{
        "id": "inc-1", "name": "Elevated error rates on the API", "status": "investigating", "impact": "major",
        "created_at": "2026-07-10T10:00:00Z", "started_at": "2026-07-10T09:58:00Z",
        "incident_updates": [{"status": "investigating", "body": "We are investigating elevated error rates.", "created_at": "2026-07-10T10:05:00Z"}],
        "components": [{"id": "c1", "name": "Chat Completions", "status": "major_outage"}]
    }])
}

/// A world whose status host answers summary.json (and status.json, consistently) with `spec`.
pub(crate) fn with_summary(spec: ResponseSpec, indicator: &str) -> crate::support::WorldBuilder {
    World::builder()
        .route("status.openai.com", "/api/v2/summary.json", spec)
        .route(
            "status.openai.com",
            "/api/v2/status.json",
            status_json(
                json!({"status": {"indicator": indicator, "description": format!("fixture {indicator}")}}),
            ),
        )
}

// ---- status --------------------------------------------------------------------------------

#[test]
fn status_all_operational_exits_0() {
    let w = World::start();
    let o = w.run_json(["status"]);
    assert_eq!(o.code, 0, "{}", o.dump());
    assert_eq!(o.json["status_page"]["reachable"], true);
    assert_eq!(o.json["status_page"]["indicator"], "none");
    let human = w.run(["status"]);
    assert!(
        human.stdout.contains("every component operational"),
        "{}",
        human.stdout
    );
}

#[test]
fn status_minor_degradation_lists_the_component_and_exits_5() {
    let w = with_summary(
        summary(
            "minor",
            api_group("Batch", "degraded_performance"),
            json!([]),
            json!([]),
        ),
        "minor",
    )
    .start();
    let o = w.run_json(["status"]);
    assert_eq!(o.code, 5, "{}", o.dump());
    let c = &o.json["status_page"]["components"][0];
    assert_eq!(
        (c["name"].as_str(), c["status"].as_str(), c["group"].as_str()),
        (Some("Batch"), Some("degraded_performance"), Some("API"))
    );
}

#[test]
fn status_major_outage_shows_the_incident_and_its_latest_update() {
    let w = with_summary(
        summary(
            "major",
            api_group("Chat Completions", "major_outage"),
            major_api_incident(),
            json!([]),
        ),
        "major",
    )
    .start();
    let o = w.run(["status"]);
    assert_eq!(o.code, 5, "{}", o.dump());
    assert!(
        o.stdout.contains("Elevated error rates on the API"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("We are investigating elevated error rates."));
    // In the reader's zone (the tests run in UTC) with its age; the exact time is the JSON's.
    assert!(o.stdout.contains("since 2026-07-10 09:58 UTC, "), "{}", o.stdout);
    assert!(o.stdout.contains(" ago"), "{}", o.stdout);
    assert!(o.stdout.contains("Chat Completions"));
}

#[test]
fn status_maintenance_in_progress_and_scheduled() {
    let maint = json!([
        {"id": "m1", "name": "Database upgrade", "status": "in_progress", "scheduled_for": "2026-07-10T10:00:00Z", "scheduled_until": "2026-07-10T11:00:00Z", "components": [{"name": "Conversations"}]},
        {"id": "m2", "name": "Network work", "status": "scheduled", "scheduled_for": "2026-07-15T01:00:00Z", "components": []}
    ]);
    let w = with_summary(
        summary("maintenance", api_group("Batch", "operational"), json!([]), maint),
        "maintenance",
    )
    .start();
    let o = w.run_json(["status"]);
    assert_eq!(o.code, 5);
    let m = o.json["status_page"]["maintenances"].as_array().unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(m[0]["in_progress"], true);
    assert_eq!(m[1]["in_progress"], false);
}

#[test]
fn status_unreachable_exits_7_and_says_it_is_network_evidence() {
    let w = World::builder()
        .dns("status.openai.com", DnsAnswer::NxDomain)
        .start();
    let o = w.run(["status"]);
    assert_eq!(o.code, 7, "{}", o.dump());
    assert!(o.stdout.contains("could not be read"));
    assert!(o.stdout.contains("not about OpenAI"), "{}", o.stdout);
    let j = w.run_json(["status"]);
    assert_eq!(j.json["status_page"]["reachable"], false);
}

#[test]
fn status_malformed_json_and_html_404s_are_tolerated() {
    let broken = ResponseSpec::new(200)
        .header("content-type", "application/json")
        .body("{\"status\": {\"indicator\": ");
    let html404 = ResponseSpec::html(404, "<!DOCTYPE html><html><body>Not Found</body></html>");
    // Every document broken: unreadable, not a crash.
    let w = World::builder()
        .route("status.openai.com", "/api/v2/status.json", broken.clone())
        .route("status.openai.com", "/api/v2/summary.json", broken)
        .route("status.openai.com", "/api/v2/incidents.json", html404.clone())
        .route("status.openai.com", "/proxy/status.openai.com", html404.clone())
        .start();
    let o = w.run_json(["status"]);
    assert_eq!(o.code, 7, "{}", o.dump());
    assert!(!o.stderr.contains("panicked"));
    // summary.json an HTML 404 but status.json fine: still read.
    let w = World::builder()
        .route("status.openai.com", "/api/v2/summary.json", html404)
        .start();
    let o = w.run_json(["status"]);
    assert_eq!(o.code, 0, "{}", o.dump());
    assert_eq!(o.json["status_page"]["indicator"], "none");
}

#[test]
fn status_reads_the_native_incident_io_document() {
    let native = status_json(json!({"summary": {
        "structure": {"items": [{"group": {"id": "grp", "name": "ChatGPT", "components": [{"component_id": "cmp", "name": "Conversations"}]}}]},
        "affected_components": [{"component_id": "cmp", "status": "partial_outage"}],
        "ongoing_incidents": [{"name": "ChatGPT unavailable for some users", "status": "identified", "current_worst_impact": "partial_outage",
            "last_update_message": "A fix is being rolled out.", "affected_components": [{"component_id": "cmp"}]}],
        "scheduled_maintenances": [], "in_progress_maintenances": []
    }}));
    let w = World::builder()
        .route("status.openai.com", "/proxy/status.openai.com", native)
        .start();
    let o = w.run_json(["status"]);
    assert_eq!(o.code, 5, "{}", o.dump());
    assert_eq!(
        o.json["status_page"]["incidents"][0]["name"],
        "ChatGPT unavailable for some users"
    );
    assert_eq!(o.json["status_page"]["components"][0]["group"], "ChatGPT");
}

// ---- check: verdicts from OpenAI's side --------------------------------------------------------

fn assert_verdict(o: &Outcome, layer: &str, cause: &str, code: i32) {
    assert_eq!(
        (o.layer(), o.cause(), o.code),
        (Some(layer), Some(cause), code),
        "{}",
        o.dump()
    );
}

#[test]
fn api_errors_with_a_status_page_incident_are_a_service_outage() {
    let w = with_summary(
        summary(
            "major",
            api_group("Chat Completions", "major_outage"),
            major_api_incident(),
            json!([]),
        ),
        "major",
    )
    .route("api.openai.com", "/v1/models", openai_5xx(503))
    .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "service", "service_outage", 5);
    let summary = o.json["verdict"]["summary"].as_str().unwrap();
    assert!(summary.contains("Still working: web"), "{summary}");
    assert!(
        o.json["verdict"]["evidence"]
            .to_string()
            .contains("Elevated error rates on the API")
    );
    assert_eq!(
        o.json["status_page"]["incidents"][0]["latest_update"],
        "We are investigating elevated error rates."
    );
}

#[test]
fn web_errors_while_the_status_page_says_degraded_are_service_degraded() {
    let comps = json!([
        {"id": "g-chat", "name": "ChatGPT", "status": "operational", "group": true},
        {"id": "c2", "name": "Conversations", "status": "degraded_performance", "group_id": "g-chat"}
    ]);
    let w = with_summary(summary("minor", comps, json!([]), json!([])), "minor")
        .route_host("chatgpt.com", crate::support::replay::edge_52x(502))
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "service", "service_degraded", 5);
}

#[test]
fn openai_region_block_is_region_blocked_and_names_the_country() {
    let w = World::builder()
        .route("api.openai.com", "/v1/models", openai_region_blocked())
        .route(
            "api.openai.com",
            "/compliance/cookie_requirements",
            openai_region_blocked(),
        )
        .route(
            "chatgpt.com",
            "/cdn-cgi/trace",
            crate::support::replay::cf_trace("RU"),
        )
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "region_blocked", 4);
    assert_eq!(o.json["edge_trace"]["loc"], "RU");
    assert!(
        o.json["verdict"]["summary"].as_str().unwrap().contains("(RU)"),
        "{}",
        o.dump()
    );
}

#[test]
fn a_challenge_where_clients_cannot_solve_it_is_edge_challenge() {
    let w = World::builder()
        .route_host("api.openai.com", cf_challenge())
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "edge_challenge", 4);
    // The web page's challenge alone is normal.
    let healthy = World::start().run_json(Vec::<String>::new());
    assert_eq!(
        healthy.stage("chatgpt.com", "http").unwrap()["http"]["headers"]["cf-mitigated"],
        "challenge"
    );
    assert_eq!(healthy.cause(), Some("healthy"));
}

#[test]
fn the_app_edge_refusing_a_vpn_is_edge_challenge() {
    let w = World::builder()
        .route(
            "ios.chat.openai.com",
            "/public-api/mobile/server_status/v1",
            mobile_disallowed_isp(),
        )
        .route(
            "android.chat.openai.com",
            "/public-api/mobile/server_status/v1",
            mobile_disallowed_isp(),
        )
        .start();
    let o = w.run_json(Vec::<String>::new());
    assert_verdict(&o, "path", "edge_challenge", 4);
    assert_eq!(o.json["verdict"]["failing_surfaces"], json!(["app"]));
}

#[test]
fn check_shows_the_edge_trace_and_status_page() {
    let w = World::start();
    let o = w.run(Vec::<String>::new());
    assert!(o.stdout.contains("OpenAI's edge sees you at"), "{}", o.stdout);
    assert!(o.stdout.contains("status page:"), "{}", o.stdout);
}

// ---- auth and the account layer ----------------------------------------------------------------

/// A router for api.openai.com that answers `spec` to requests carrying a key.
fn with_key_answer(spec: ResponseSpec) -> World {
    World::builder()
        .router(router(move |req: &RequestInfo| {
            if req.host == "api.openai.com"
                && req.path == "/v1/models"
                && req.header("authorization").is_some()
            {
                spec.clone()
            } else {
                crate::support::replay::default_route(req)
            }
        }))
        .start()
}

fn auth_run(w: &World, key: &str, extra: &[&str]) -> Outcome {
    let mut cmd = w.command(extra);
    cmd.env("OPENAI_API_KEY", key);
    let out = cmd.output().expect("run");
    let o = Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        json: serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null),
    };
    if !o.json.is_null() {
        crate::support::run::validate_report(&o.json).unwrap_or_else(|e| panic!("{e}\n{}", o.dump()));
    }
    assert_no_key(&o, key);
    o
}

#[test]
fn a_valid_key_is_valid() {
    let w = World::start();
    let o = auth_run(&w, VALID_API_KEY, &["--json"]);
    assert_verdict(&o, "none", "healthy", 0);
    assert_eq!(o.json["account"]["status"], "valid");
    assert_eq!(o.json["account"]["key_source"], "OPENAI_API_KEY");
    let o = auth_run(&w, VALID_API_KEY, &["auth"]);
    assert_eq!(o.code, 0, "{}", o.dump());
    assert!(
        o.stdout.contains("from OPENAI_API_KEY → valid (HTTP 200)"),
        "{}",
        o.stdout
    );
}

#[test]
fn an_invalid_key_is_api_key_invalid_in_check_and_auth() {
    let w = World::start(); // the fixture API rejects every key but its own
    let o = auth_run(&w, CANARY, &["--json"]);
    assert_verdict(&o, "account", "api_key_invalid", 6);
    assert_eq!(o.json["account"]["status"], "invalid");
    assert_eq!(o.json["account"]["http_status"], 401);
    let o = auth_run(&w, CANARY, &["auth", "--json"]);
    assert_verdict(&o, "account", "api_key_invalid", 6);
    assert_eq!(
        o.json["targets"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["control"] == false)
            .count(),
        2,
        "auth probes the API only"
    );
}

#[test]
fn no_key_is_api_key_missing_for_auth_and_not_checked_for_check() {
    let w = World::start();
    let o = w.run_json(["auth"]);
    assert_verdict(&o, "account", "api_key_missing", 6);
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(o.cause(), Some("healthy"));
    assert!(o.json["account"].is_null());
    assert_eq!(o.json["layers"][4]["status"], "not_checked");
}

#[test]
fn org_mismatch_quota_and_rate_limits_are_told_apart() {
    let mismatch = openai_error(
        401,
        "invalid_request_error",
        Some("mismatched_organization"),
        "OpenAI-Organization header should match organization for API key",
    );
    let w = with_key_answer(mismatch);
    let mut cmd = w.command(["--json"]);
    let out = cmd
        .env("OPENAI_API_KEY", CANARY)
        .env("OPENAI_ORG_ID", "org-fixture")
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (j["verdict"]["cause"].as_str(), out.status.code()),
        (Some("org_mismatch"), Some(6))
    );
    assert_eq!(j["account"]["organization_sent"], true);

    let o = auth_run(&with_key_answer(openai_insufficient_quota()), CANARY, &["--json"]);
    assert_verdict(&o, "account", "quota_exhausted", 6);
    assert!(o.json["verdict"]["advice"].to_string().contains("will not help"));

    let o = auth_run(&with_key_answer(openai_rate_limited()), CANARY, &["--json"]);
    assert_verdict(&o, "account", "rate_limited", 6);
    assert_eq!(o.json["account"]["rate_limits"]["retry-after"], "20");
    assert_eq!(
        o.json["account"]["rate_limits"]["x-ratelimit-remaining-requests"],
        "0"
    );
}

#[test]
fn a_restricted_key_is_a_warning_unless_strict() {
    let restricted = openai_error(
        401,
        "invalid_request_error",
        None,
        "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization.",
    );
    let w = with_key_answer(restricted);
    let o = auth_run(&w, CANARY, &["--json"]);
    assert_verdict(&o, "none", "healthy", 0);
    assert_eq!(o.json["account"]["status"], "restricted");
    assert_eq!(o.json["account"]["missing_scopes"], "api.model.read");
    let o = auth_run(&w, CANARY, &["--json", "--strict"]);
    assert_eq!(o.code, 6, "{}", o.dump());
}

#[test]
fn key_check_errors_and_region_blocks_go_to_their_layers() {
    let o = auth_run(&with_key_answer(openai_5xx(500)), CANARY, &["--json"]);
    assert_verdict(&o, "service", "service_errors", 5);
    let o = auth_run(&with_key_answer(openai_region_blocked()), CANARY, &["--json"]);
    assert_verdict(&o, "path", "region_blocked", 4);
}

#[test]
fn api_key_file_is_read_and_its_problems_are_clear() {
    let w = World::start();
    let file = w.dir().join("key.txt");
    std::fs::write(&file, format!("  {VALID_API_KEY}\n")).unwrap();
    let o = w.run_json(["--api-key-file", file.to_str().unwrap()]);
    assert_eq!(o.json["account"]["status"], "valid", "{}", o.dump());
    assert_eq!(o.json["account"]["key_source"], "--api-key-file");
    let empty = w.dir().join("empty.txt");
    std::fs::write(&empty, "\n").unwrap();
    let o = w.run(["--api-key-file", empty.to_str().unwrap()]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("the file is empty"), "{}", o.stderr);
    let o = w.run(["--api-key-file", "/nonexistent/key"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("cannot read --api-key-file"));
    // A key is never taken on the command line.
    let o = w.run(["--api-key", CANARY]);
    assert_eq!(o.code, 2);
}

#[test]
fn the_key_goes_over_plain_http_only_to_loopback_relays() {
    let relay = PlainHttpFixture::start(router(|req: &RequestInfo| {
        if req.header("authorization") == Some(&format!("Bearer {VALID_API_KEY}")) {
            openai_models_ok()
        } else {
            crate::support::replay::openai_401_models()
        }
    }));
    let w = World::start();
    let base = format!("http://127.0.0.1:{}/v1", relay.port());
    let o = auth_run(&w, VALID_API_KEY, &["auth", "--json", "--base-url", &base]);
    assert_eq!(o.json["account"]["status"], "valid", "{}", o.dump());
    assert_eq!(o.json["account"]["url"], format!("{base}/models"));
}

#[test]
fn the_key_is_not_sent_over_a_connection_only_the_system_store_trusts() {
    // api.openai.com presents a chain from a CA that is in SSL_CERT_FILE (the system store) but
    // not in the public store: an intercepting middlebox. The key must not cross it.
    let w = World::builder().untrusted_cert("api.openai.com").start();
    let system = w.untrusted_ca.write_pem(w.dir());
    let mut cmd = w.command(["--json", "--surface", "api"]);
    let out = cmd
        .env("OPENAI_API_KEY", CANARY)
        .env("SSL_CERT_FILE", &system)
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["account"]["status"], "not_sent", "{j:#}");
    assert!(
        w.edge
            .requests()
            .iter()
            .all(|r| r.header("authorization").is_none()),
        "no request carried the key"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains(CANARY));
}

#[test]
fn a_relay_that_echoes_the_key_does_not_make_us_print_it() {
    // A hostile or careless relay echoes the Authorization header in its body and headers.
    let w = World::builder()
        .router(router(|req: &RequestInfo| {
            if req.host == "api.openai.com" {
                let auth = req.header("authorization").unwrap_or("none").to_string();
                openai_error(
                    401,
                    "invalid_request_error",
                    Some("invalid_api_key"),
                    &format!("bad key {auth}"),
                )
                .header("x-request-id", &auth)
            } else {
                crate::support::replay::default_route(req)
            }
        }))
        .start();
    for args in [
        &["--json"][..],
        &["-vv"][..],
        &["auth", "-v"][..],
        &["status"][..],
    ] {
        let o = auth_run(&w, CANARY, args);
        assert!(o.code != 0 || args == ["status"], "{}", o.dump());
    }
}

#[test]
fn every_scenario_keeps_the_key_secret() {
    // The worlds of the cause tests, each run with the canary key in the environment.
    let worlds = vec![
        World::start(),
        World::builder().untrusted_cert("api.openai.com").start(),
        World::builder()
            .dns("api.openai.com", DnsAnswer::NxDomain)
            .start(),
        World::builder()
            .route_host("api.openai.com", cf_challenge())
            .start(),
        World::builder()
            .route("api.openai.com", "/v1/models", openai_5xx(502))
            .start(),
        with_key_answer(openai_rate_limited()),
    ];
    for w in &worlds {
        for args in [
            &["--json"][..],
            &["-vv"][..],
            &["auth"][..],
            &["auth", "--json"][..],
        ] {
            auth_run(w, CANARY, args);
        }
    }
}
