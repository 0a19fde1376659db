//! The first screen on a real terminal: the binary run on a pseudo-terminal (util-linux
//! `script`, its size set with `stty`) at 80 and 120 columns, in English and Chinese, for a
//! healthy run, a path fault and an outage with an incident. No line may be wider than the
//! terminal and no word may be broken.

use std::collections::BTreeSet;

use serde_json::json;

use crate::evidence::{api_group, major_api_incident, summary, with_summary};
use crate::support::replay::openai_5xx;
use crate::support::{Behaviour, World};

/// What stays on the screen: each line as the last carriage return left it, without colour.
fn screen(raw: &str) -> Vec<String> {
    raw.split('\n')
        .map(|l| l.trim_end_matches('\r'))
        .map(|l| l.rsplit('\r').next().unwrap_or(""))
        .map(strip_escapes)
        .collect()
}

fn strip_escapes(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.peek() == Some(&'[') {
                chars.next();
                // Parameters up to the final byte.
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// The words of letters a report holds (names, codes, words; not the timings, which differ run
/// to run): runs between spaces, cut at every wide (CJK) character.
fn words(lines: &[String]) -> BTreeSet<String> {
    lines
        .iter()
        .flat_map(|l| {
            l.split(|c: char| c.is_whitespace() || unicode_width::UnicodeWidthChar::width(c) == Some(2))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '.' || c == '_'))
        .collect()
}

fn worlds() -> Vec<(&'static str, World)> {
    let sni = crate::networks::service_hosts()
        .fold(World::builder(), |w, h| {
            w.behaviour(h, Behaviour::ResetOnClientHello)
        })
        .start();
    let outage = with_summary(
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
    vec![
        ("healthy", World::start()),
        ("sni_filtered", sni),
        ("service_outage", outage),
    ]
}

#[test]
fn every_screen_fits_80_and_120_columns_in_both_languages_with_no_word_broken() {
    for (cause, w) in worlds() {
        for lang in ["en", "zh-CN"] {
            // The words a script reads: whole lines, no terminal.
            let piped = w.run(["--lang", lang, "--timeout", "2"]);
            let piped_lines: Vec<String> = piped.stdout.lines().map(str::to_string).collect();
            assert!(piped.stdout.contains(cause), "{}", piped.dump());
            for cols in [80, 120] {
                let Some(raw) = w.on_a_terminal(cols, &["--lang", lang, "--timeout", "2"]) else {
                    eprintln!("note: util-linux `script` is not available; skipping");
                    return;
                };
                let shown = screen(&raw);
                assert!(
                    shown.iter().any(|l| l.contains(cause)),
                    "{cause} {lang} at {cols}:\n{raw}"
                );
                for line in &shown {
                    let width = unicode_width::UnicodeWidthStr::width(line.as_str());
                    assert!(
                        width <= cols,
                        "{cause} {lang} at {cols}: a line of {width} columns:\n{line}\n\n{}",
                        shown.join("\n")
                    );
                }
                let have = words(&shown);
                let missing: Vec<_> = words(&piped_lines).difference(&have).cloned().collect();
                // The compact table names no surface or result column.
                let missing: Vec<_> = missing
                    .into_iter()
                    .filter(|w| !["surface", "result"].contains(&w.as_str()))
                    .collect();
                assert!(
                    missing.is_empty(),
                    "{cause} {lang} at {cols}: broken or lost: {missing:?}\n{}",
                    shown.join("\n")
                );
                if std::env::var_os("SHOW_SCREENS").is_some() {
                    println!("===== {cause} {lang} at {cols} columns\n{}", shown.join("\n"));
                }
            }
        }
    }
}
