//! Text from servers reaches no reader raw. A status page, a trace and an API error full of
//! terminal escapes (`ESC ] 0 ; … BEL` retitles a terminal, `ESC [ 2 J` clears it), C1 controls
//! and bidirectional overrides, against each sink: the human views with `--color never`, the
//! report's Markdown, and `--notify-command`'s environment. The JSON keeps the text, escaped.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::json;

use crate::support::replay::{cf_trace, default_route, openai_error, openai_region_blocked};
use crate::support::server::router;
use crate::support::{ResponseSpec, World, WorldBuilder};

/// Retitles the terminal, clears it, reverses what follows, and an 8-bit CSI.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2JEvil\u{202e}txt\u{9b}2J\u{2066}";

/// The characters of `text` no sink may carry: controls (but line feeds and tabs) and
/// bidirectional controls.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || matches!(
                    c,
                    '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
                )
        })
        .collect()
}

fn assert_clean(what: &str, text: &str) {
    let bad = unsafe_chars(text);
    assert!(bad.is_empty(), "{what} lets {bad:?} through:\n{text:?}");
}

/// The status page's summary with every text field hostile: the page's description, a
/// component's name, an incident's name and its latest update.
fn hostile_status() -> ResponseSpec {
    ResponseSpec::json(
        200,
        &json!({
            "page": {"id": "fixture", "name": "OpenAI", "url": "https://status.openai.com", "updated_at": "2026-07-10T10:30:00Z"},
            "status": {"indicator": "major", "description": HOSTILE},
            "components": [
                {"id": "g-api", "name": "API", "status": "operational", "group": true, "group_id": null},
                {"id": "c1", "name": HOSTILE, "status": "major_outage", "group_id": "g-api"}
            ],
            "incidents": [{
                "id": "inc-1", "name": HOSTILE, "status": "investigating", "impact": "major",
                "created_at": "2026-07-10T10:00:00Z", "started_at": "2026-07-10T09:58:00Z",
                "incident_updates": [{"status": "investigating", "body": HOSTILE, "created_at": "2026-07-10T10:05:00Z"}],
                "components": [{"id": "c1", "name": HOSTILE, "status": "major_outage"}]
            }],
            "scheduled_maintenances": []
        }),
    )
}

/// OpenAI's region error with a hostile message, and a trace whose `loc` is the hostile text.
fn hostile_region(w: WorldBuilder) -> WorldBuilder {
    let refusal = openai_error(
        403,
        "request_forbidden",
        Some("unsupported_country_region_territory"),
        HOSTILE,
    );
    w.route("api.openai.com", "/v1/models", refusal)
        .route(
            "api.openai.com",
            "/compliance/cookie_requirements",
            openai_region_blocked(),
        )
        .route("chatgpt.com", "/cdn-cgi/trace", cf_trace(HOSTILE))
        .route("status.openai.com", "/api/v2/summary.json", hostile_status())
}

#[test]
fn hostile_server_text_never_reaches_the_terminal_raw() {
    let w = hostile_region(World::builder()).start();
    for args in [
        vec!["check", "--color", "never"],
        vec!["check", "--color", "never", "-vv"],
        vec!["status", "--color", "never", "-v"],
    ] {
        let o = w.run(args.clone());
        assert!(
            o.stdout.contains("Evil"),
            "{args:?} shows the text, made safe\n{}",
            o.dump()
        );
        assert_clean(&format!("{args:?} (stdout)"), &o.stdout);
        assert_clean(&format!("{args:?} (stderr)"), &o.stderr);
    }
    // A per-stage view: the http stage shows the body's start.
    let mut args = vec!["http".to_string(), "https://api.openai.com/v1/models".into()];
    args.extend(crate::commands::stage_args(&w));
    args.extend(["--cacert".into(), w.ca_path().display().to_string()]);
    args.extend(["--color".into(), "never".into(), "-v".into()]);
    let o = crate::support::run::run_cmd(crate::support::doctor().args(&args));
    assert!(
        o.stdout.contains("Evil"),
        "the http view shows the text, made safe\n{}",
        o.dump()
    );
    assert_clean("http -v (stdout)", &o.stdout);
    // JSON keeps the text as the server sent it; serde escapes it.
    let o = w.run_json(["status"]);
    assert!(o.stdout.contains("\\u001b]0;pwned"), "{}", o.stdout);
    assert_eq!(o.json["status_page"]["description"], HOSTILE);
}

#[test]
fn a_trace_field_of_the_wrong_shape_is_absent_with_a_warning() {
    let w = hostile_region(World::builder()).start();
    let o = w.run_json(Vec::<String>::new());
    assert_eq!(o.json["verdict"]["cause"], "region_blocked", "{}", o.dump());
    assert!(o.json["edge_trace"]["loc"].is_null(), "{}", o.dump());
    assert_eq!(o.json["edge_trace"]["colo"], "FRA");
    let summary = o.json["verdict"]["summary"].as_str().unwrap();
    assert!(!summary.contains("pwned"), "{summary}");
    let warnings = o.json["verdict"]["warnings"].to_string();
    assert!(warnings.contains("cdn-cgi/trace gave loc"), "{warnings}");
}

#[test]
fn hostile_server_text_in_the_report_markdown_is_escaped() {
    let w = hostile_region(World::builder()).start();
    let md = w.dir().join("r.md");
    let o = w.run(["report", "-o", md.to_str().unwrap()]);
    assert_eq!(o.code, 4, "the verdict's exit code\n{}", o.dump());
    assert_clean("report (stdout)", &o.stdout);
    let text = std::fs::read_to_string(&md).expect("the Markdown file");
    assert_clean("the report's Markdown", &text);
    assert!(text.contains("Evil"), "{text}");
    assert!(
        !text.contains("]0;pwned") || text.contains("\\]0;pwned"),
        "markup escaped:\n{text}"
    );
    let json = std::fs::read_to_string(md.with_extension("json")).expect("the JSON file");
    assert!(json.contains("\\u001b]0;pwned"), "the JSON keeps the text");
}

#[test]
fn hostile_server_text_never_reaches_the_notify_commands_environment() {
    let hostile = Arc::new(AtomicBool::new(false));
    let flag = hostile.clone();
    let w = World::builder()
        .router(router(move |req| {
            if !flag.load(Ordering::SeqCst) {
                return default_route(req);
            }
            match (req.host.as_str(), req.path.as_str()) {
                ("api.openai.com", "/v1/models") => openai_error(
                    403,
                    "request_forbidden",
                    Some("unsupported_country_region_territory"),
                    HOSTILE,
                ),
                ("api.openai.com", "/compliance/cookie_requirements") => openai_region_blocked(),
                ("chatgpt.com", "/cdn-cgi/trace") => cf_trace(HOSTILE),
                _ => default_route(req),
            }
        }))
        .start();
    let env_file = w.dir().join("env.txt");
    let notify = format!("env > '{}'", env_file.display());
    // The first check is healthy (no notification); the second, hostile, is a change.
    let mut args = vec!["watch".to_string()];
    args.extend(w.args());
    args.extend(
        [
            "--interval",
            "0.05",
            "--max-runs",
            "2",
            "--notify-command",
            &notify,
            "--json",
        ]
        .map(String::from),
    );
    let mut cmd = std::process::Command::new(crate::support::run::BIN);
    for key in crate::support::run::SCRUBBED_ENV {
        cmd.env_remove(key);
    }
    cmd.args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("spawn watch");
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut out, &mut first).expect("the first line");
    hostile.store(true, Ordering::SeqCst);
    let output = child.wait_with_output().expect("watch ends after two runs");
    assert_eq!(output.status.code(), Some(4), "{first}");
    let env = std::fs::read(&env_file).expect("the notify command ran");
    let env = String::from_utf8_lossy(&env);
    let ours: Vec<&str> = env.lines().filter(|l| l.starts_with("CHATGPT_DOCTOR_")).collect();
    assert!(
        ours.iter()
            .any(|l| l.starts_with("CHATGPT_DOCTOR_CAUSE=region_blocked")),
        "{env}"
    );
    for line in ours {
        assert_clean("the notify command's environment", line);
    }
}
