//! What every per-stage view shares: durations, marks, failure words, the resolver named, the
//! dns line and the tcp result.

use std::fmt::Write as _;

use colored::Colorize;

use crate::i18n::{Lang, pad};
use crate::probe::Failure;
use crate::report::{DnsStep, StageStatus, TcpStep};
use crate::tr;

/// `12 ms`, `1.5 s`, or `—`: a measured duration, the same in every language (as in tables).
pub fn fmt_ms(v: Option<f64>) -> String {
    match v {
        Some(v) if v >= 1000.0 => format!("{:.1} s", v / 1000.0),
        Some(v) if v > 0.0 && v < 1.0 => format!("{v:.1} ms"),
        Some(v) => format!("{v:.0} ms"),
        None => "—".into(),
    }
}

/// A span of time in words: `45 s`, `3m 20s`, `2h 5m` (`45 秒`, `3 分 20 秒`, …).
pub fn fmt_span(ms: f64, lang: Lang) -> String {
    let s = (ms / 1000.0).round() as u64;
    if ms < 1000.0 {
        tr!(lang, "cmd-span-ms", ms = ms.round() as u64)
    } else if s < 60 {
        tr!(lang, "cmd-span-seconds", s = s)
    } else if s < 3600 {
        tr!(lang, "cmd-span-minutes", m = s / 60, s = s % 60)
    } else {
        tr!(lang, "cmd-span-hours", h = s / 3600, m = (s % 3600) / 60)
    }
}

/// The mark of a stage that worked.
pub(super) fn ok_mark() -> colored::ColoredString {
    "✓".green().bold()
}

/// The mark of a stage that failed.
pub(super) fn fail_mark() -> colored::ColoredString {
    "✗".red().bold()
}

/// A failure in words with its code, then the probe's own message when there is one.
pub(super) fn failure_text(failure: Option<Failure>, detail: &str, lang: Lang) -> String {
    match failure {
        Some(f) if detail.is_empty() => {
            tr!(lang, "cmd-failure", failure = f.describe(lang), code = f.as_str())
        }
        Some(f) => tr!(
            lang,
            "cmd-failure-detail",
            failure = f.describe(lang),
            code = f.as_str(),
            detail = detail
        ),
        None => detail.to_string(),
    }
}

/// The nameservers of a lookup, as a list for sentences.
fn servers_list(servers: &[String], lang: Lang) -> String {
    crate::i18n::list(lang, servers)
}

/// How a lookup was answered: the resolver (and its addresses), `--resolve` or `--connect-to`.
/// Shared with the Markdown report's "resolver used" row.
pub fn dns_source_text(source: &str, servers: &[String], lang: Lang) -> String {
    match source {
        "pinned" => tr!(lang, "cmd-dns-source-pinned"),
        "literal" => "--connect-to".into(),
        "system" if servers.is_empty() => tr!(lang, "cmd-dns-source-system"),
        "system" => tr!(
            lang,
            "cmd-dns-source-system-at",
            servers = servers_list(servers, lang)
        ),
        "server" if servers.is_empty() => tr!(lang, "cmd-dns-source-server"),
        "server" => tr!(
            lang,
            "cmd-dns-source-server-at",
            servers = servers_list(servers, lang)
        ),
        // A source this version does not know: its code.
        other => other.to_string(),
    }
}

/// How this lookup was answered (see [`dns_source_text`]).
pub(super) fn dns_source(d: &DnsStep, lang: Lang) -> String {
    dns_source_text(&d.source, &d.servers, lang)
}

/// The one line `--quiet` prints: what was probed, and the result.
pub(super) fn quiet_line(subject: &str, result: &str, lang: Lang) -> String {
    tr!(lang, "cmd-quiet-line", subject = subject, result = result)
}

/// The width of the stage column of `tcp` and `http` (`dns`, `ipv4`, `ipv6`).
pub(super) const STAGE_COLUMN: usize = 6;

/// The `dns` row above the per-family rows of `tcp`, `tls` and `http` (none for an address).
pub(super) fn dns_line(s: &mut String, d: &Option<DnsStep>, lang: Lang) {
    let Some(d) = d else { return };
    let text = match d.status {
        StageStatus::Ok => format!(
            "{}  {}",
            d.detail,
            tr!(lang, "cmd-dns-line-source", source = dns_source(d, lang)).dimmed()
        ),
        _ => format!("{} {}", fail_mark(), failure_text(d.failure, &d.detail, lang)),
    };
    let _ = writeln!(
        s,
        "  {}{text}  {}",
        pad("dns", STAGE_COLUMN),
        fmt_ms(d.duration_ms).dimmed()
    );
}

/// A family's connect: the address and time, or how it failed.
pub(super) fn tcp_text(t: &TcpStep, lang: Lang) -> String {
    match t.status {
        StageStatus::Ok => format!(
            "{} {}",
            ok_mark(),
            tr!(
                lang,
                "cmd-tcp-connected",
                address = t.address.as_deref().unwrap_or("?"),
                duration = fmt_ms(t.duration_ms)
            )
        ),
        StageStatus::Fail => failed_after(t.failure, &t.detail, t.duration_ms, lang),
        StageStatus::Skip => format!("— {}", t.detail),
    }
}

/// Says why no family was tried when the lookup worked (it found no address in the families
/// asked for); a failed lookup has already said why.
pub(super) fn no_attempts(s: &mut String, ok_dns: bool, lang: Lang) {
    if ok_dns {
        let _ = writeln!(s, "  {}", tr!(lang, "cmd-no-address-in-family"));
    }
}

/// "✗ <failure> after <duration>": a stage that failed, with what it cost.
pub fn failed_after(failure: Option<Failure>, detail: &str, duration_ms: Option<f64>, lang: Lang) -> String {
    format!(
        "{} {}",
        fail_mark(),
        tr!(
            lang,
            "cmd-failed-after",
            failure = failure_text(failure, detail, lang),
            duration = fmt_ms(duration_ms)
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_words() {
        assert_eq!(fmt_span(45_000.0, Lang::En), "45 s");
        assert_eq!(fmt_span(200_000.0, Lang::En), "3m 20s");
        assert_eq!(fmt_span(200_000.0, Lang::ZhCn), "3 分 20 秒");
        assert_eq!(fmt_span(7_500_000.0, Lang::ZhCn), "2 小时 5 分");
    }
}
