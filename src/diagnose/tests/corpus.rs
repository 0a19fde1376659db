//! The corpus of real answers (`tests/corpus/`, issue #16): every sample, served in place of one
//! endpoint of an otherwise healthy world, must get the verdict its header states — in both
//! languages. The samples are real bytes published by others; `# add:` lines name the few
//! headers a sample's publisher left out and every answer of its kind carries.

use std::path::{Path, PathBuf};

use super::*;
use crate::probe::BODY_CAP;

/// One sample: where it is served, the verdict it must get, and the answer.
struct Sample {
    file: String,
    endpoint: String,
    expect: (String, String),
    answer: HttpDetail,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Reads `# key: value` lines, the status line, the headers (kept as the probe keeps them, with
/// the `# add:` ones) and the body (capped as the probe caps it).
fn parse(file: &str, bytes: &[u8]) -> Sample {
    let mut rest = bytes;
    let mut meta: Vec<(String, String)> = Vec::new();
    let next_line = |rest: &mut &[u8]| -> String {
        let end = rest.iter().position(|b| *b == b'\n').unwrap_or(rest.len());
        let line = String::from_utf8_lossy(&rest[..end])
            .trim_end_matches('\r')
            .to_string();
        *rest = &rest[(end + 1).min(rest.len())..];
        line
    };
    let status_line = loop {
        let line = next_line(&mut rest);
        match line.strip_prefix("# ") {
            Some(m) => {
                let (k, v) = m
                    .split_once(": ")
                    .unwrap_or_else(|| panic!("{file}: bad line {line}"));
                meta.push((k.to_string(), v.to_string()));
            }
            None => break line,
        }
    };
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{file}: no status in {status_line:?}"));
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let line = next_line(&mut rest);
        if line.is_empty() {
            break;
        }
        let (k, v) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("{file}: bad header {line}"));
        headers.push((
            k.trim().to_ascii_lowercase(),
            v.trim().chars().take(300).collect(),
        ));
    }
    for (k, v) in &meta {
        if k == "add" {
            let header = v.split(" (").next().unwrap_or_default();
            let (name, value) = header
                .split_once(": ")
                .unwrap_or_else(|| panic!("{file}: bad add {v}"));
            headers.push((name.to_ascii_lowercase(), value.to_string()));
        }
    }
    headers.retain(|(k, _)| crate::probe::http::kept(k));
    let get = |key: &str| {
        meta.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("{file}: no # {key}:"))
    };
    for key in ["source", "date", "what", "cut"] {
        assert!(!get(key).is_empty(), "{file}: # {key}: is empty");
    }
    assert!(
        get("source").starts_with("https://"),
        "{file}: the source is a URL"
    );
    let expect = get("expect");
    let (layer, cause) = expect
        .split_once('/')
        .unwrap_or_else(|| panic!("{file}: bad expect"));
    let mut body = rest.to_vec();
    let truncated = body.len() > BODY_CAP;
    body.truncate(BODY_CAP);
    let mut answer = answer(status, &[], "");
    answer.headers = headers;
    answer.body = body;
    answer.body_truncated = truncated;
    if truncated {
        answer.body_end = crate::probe::BodyEnd::Cap;
    }
    Sample {
        file: file.to_string(),
        endpoint: get("endpoint"),
        expect: (layer.to_string(), cause.to_string()),
        answer,
    }
}

fn samples() -> Vec<Sample> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "http"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            parse(&name, &std::fs::read(p).unwrap())
        })
        .collect()
}

/// The healthy world with `s` served where its header says.
fn world_with(s: &Sample) -> (Observations, Context) {
    let shape = || Answer(s.answer.clone());
    let mut w = World::default();
    let mut extra: Vec<TargetObservation> = Vec::new();
    match s.endpoint.as_str() {
        "api_models" => w.api = shape(),
        "api_key" => w.key = Some(shape()),
        "app_edge" => w.app = shape(),
        "web_page" => w.web = shape(),
        "status_json" => w.status = shape(),
        "api_region" => extra.push(obs(
            "api.openai.com/compliance/cookie_requirements",
            Surface::Api,
            "https://api.openai.com/compliance/cookie_requirements",
            shape(),
        )),
        "edge_trace" => extra.push(obs(
            "chatgpt.com/cdn-cgi/trace",
            Surface::Web,
            "https://chatgpt.com/cdn-cgi/trace",
            shape(),
        )),
        "openai_all" | "everything" => {
            (w.web, w.api, w.app, w.status) = (shape(), shape(), shape(), shape());
            extra.push(obs(
                "chatgpt.com/cdn-cgi/trace",
                Surface::Web,
                "https://chatgpt.com/cdn-cgi/trace",
                shape(),
            ));
            if s.endpoint == "everything" {
                (w.named_control, w.literal_control) = (shape(), shape());
            }
        }
        other => panic!("{}: unknown endpoint {other}", s.file),
    }
    let ctx = Context {
        key_source: w.key.is_some().then(|| "OPENAI_API_KEY".to_string()),
        ..Default::default()
    };
    let mut o = w.observations();
    o.targets.extend(extra);
    (o, ctx)
}

#[test]
fn the_corpus_is_large_and_varied() {
    let all = samples();
    assert!(all.len() >= 40, "{} samples", all.len());
    let count = |cause: &str| all.iter().filter(|s| s.expect.1 == cause).count();
    assert!(count("unexpected_answer") >= 8, "block, deny and portal pages");
    assert!(count("edge_challenge") >= 6, "Cloudflare's refusals");
    assert!(count("healthy") >= 6, "the real service's normal answers");
    assert!(count("service_errors") >= 4, "outage answers");
}

#[test]
fn every_real_answer_gets_its_verdict_in_both_languages() {
    let mut wrong = Vec::new();
    for s in samples() {
        let (o, ctx) = world_with(&s);
        for lang in Lang::ALL {
            let d = diagnose(&o, &Context { lang, ..ctx.clone() });
            let got = (d.verdict.layer.as_str().to_string(), d.verdict.cause.as_str());
            if got != s.expect {
                wrong.push(format!(
                    "{} ({}): want {}/{}, got {}/{}: {}",
                    s.file,
                    lang.code(),
                    s.expect.0,
                    s.expect.1,
                    got.0,
                    got.1,
                    d.verdict.summary
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
