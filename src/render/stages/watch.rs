//! `watch`'s lines for people: one per change of verdict.

use colored::Colorize;

use super::common::{fail_mark, fmt_span, ok_mark};
use crate::i18n::Lang;
use crate::report::{Cause, WatchEvent, verdict_code};
use crate::tr;

fn verdict_mark(cause: Cause) -> colored::ColoredString {
    match cause {
        Cause::Healthy => ok_mark(),
        Cause::Inconclusive => "?".yellow().bold(),
        _ => fail_mark(),
    }
}

/// One `watch` line: a change of verdict (or, with `-v`, an unchanged check).
pub fn watch_line(e: &WatchEvent, lang: Lang) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = crate::render::terminal_view(e);
    let e = &*view;
    // Whole seconds are enough for people; the JSON lines keep milliseconds.
    let time = match e.time.find('.') {
        Some(dot) if e.time.ends_with('Z') => format!("{}Z", &e.time[..dot]),
        _ => e.time.clone(),
    };
    let code = verdict_code(e.verdict.layer, e.verdict.cause);
    let next = match e.next_check_ms {
        Some(n) => tr!(lang, "cmd-watch-next", span = fmt_span(n, lang)),
        None => tr!(lang, "cmd-watch-last"),
    };
    if !e.changed {
        return format!(
            "{}  {} {}\n",
            time.dimmed(),
            "·".dimmed(),
            tr!(lang, "cmd-watch-unchanged", run = e.run, code = code, next = next).dimmed()
        );
    }
    let was = e
        .previous
        .as_ref()
        .map(|p| {
            tr!(
                lang,
                "cmd-watch-was",
                code = verdict_code(p.layer, p.cause),
                span = fmt_span(p.held_ms, lang)
            )
        })
        .unwrap_or_default();
    format!(
        "{}  {} {}  {}{}\n",
        time,
        verdict_mark(e.verdict.cause),
        code.bold(),
        e.verdict.summary,
        was.dimmed()
    )
}
