//! `http URL`, like httpstat: per family the answer's head, then its phases as a chart.

use std::fmt::Write as _;

use colored::Colorize;

use super::common::{dns_line, fail_mark, fmt_ms, no_attempts, quiet_line};
use super::tls::{TlsLabels, tls_block};
use crate::i18n::{Lang, pad_left, width};
use crate::probe::Failure;
use crate::report::{HttpAttempt, HttpOutput, StageStatus};
use crate::tr;

/// A duration in the chart (`12ms`, or `—` for a phase that did not run).
fn chart_ms(v: Option<f64>) -> String {
    v.map(|v| format!("{}ms", v.round() as u64))
        .unwrap_or_else(|| "—".into())
}

/// `text` centred in `w` columns (the odd column on the left).
fn centred(text: &str, w: usize) -> String {
    let free = w.saturating_sub(width(text));
    let left = free.div_ceil(2);
    format!("{}{text}{}", " ".repeat(left), " ".repeat(free - left))
}

/// The narrowest phase column: room for a duration (`12345ms`) and a space on each side.
const CHART_MIN_COLUMN: usize = 9;

/// httpstat's chart, drawn for labels of any display width: a header of phase names, the
/// durations between bars, then one line per point in time whose label ends at its bar.
///
/// ```text
///   DNS Lookup   TCP Connection   Server Processing   Content Transfer
/// [    3ms     |      1ms       |        5ms        |       0ms        ]
///              |                |                   |                  |
///     namelookup:3ms            |                   |                  |
///                         connect:4ms               |                  |
///                                       starttransfer:9ms              |
///                                                                  total:9ms
/// ```
fn timing_chart(s: &mut String, a: &HttpAttempt, tls: bool, lang: Lang) {
    let p = &a.phases;
    let t = &a.timeline;
    // (phase label, its duration, the point at its end, that point's time)
    let mut phases = vec![
        (
            tr!(lang, "cmd-chart-dns"),
            p.dns_ms,
            tr!(lang, "cmd-chart-namelookup"),
            t.namelookup_ms,
        ),
        (
            tr!(lang, "cmd-chart-tcp"),
            p.tcp_ms,
            tr!(lang, "cmd-chart-connect"),
            t.connect_ms,
        ),
    ];
    if tls {
        phases.push((
            tr!(lang, "cmd-chart-tls"),
            p.tls_ms,
            tr!(lang, "cmd-chart-pretransfer"),
            t.pretransfer_ms,
        ));
    }
    phases.push((
        tr!(lang, "cmd-chart-server"),
        p.ttfb_ms,
        tr!(lang, "cmd-chart-starttransfer"),
        t.starttransfer_ms,
    ));
    phases.push((
        tr!(lang, "cmd-chart-transfer"),
        p.body_ms,
        tr!(lang, "cmd-chart-total"),
        Some(t.total_ms),
    ));

    // Column widths: the label with a space each side, at least a duration's room; the first
    // column also leaves room for its point's label left of the first bar.
    let mut widths: Vec<usize> = phases
        .iter()
        .map(|(label, ..)| (width(label) + 2).max(CHART_MIN_COLUMN))
        .collect();
    widths[0] = widths[0].max(width(&phases[0].2).saturating_sub(2));
    // The bar after column i sits at this display column (the "[" is column 0).
    let bars: Vec<usize> = widths
        .iter()
        .scan(0, |at, w| {
            *at += w + 1;
            Some(*at)
        })
        .collect();

    let mut header = String::from(" ");
    for ((label, ..), w) in phases.iter().zip(&widths) {
        header.push_str(&centred(label, *w));
        header.push(' ');
    }
    let _ = writeln!(s, "{}", header.trim_end());

    let cells: Vec<String> = phases
        .iter()
        .zip(&widths)
        .map(|((_, v, ..), w)| centred(&chart_ms(*v), *w).cyan().to_string())
        .collect();
    let _ = writeln!(s, "[{}]", cells.join("|"));

    /// Appends spaces, then `|`, at each bar from `from` on.
    fn bars_from(line: &mut String, bars: &[usize]) {
        for b in bars {
            let at = width(line);
            line.push_str(&" ".repeat(b.saturating_sub(at).max(1)));
            line.push('|');
        }
    }
    let mut line = String::new();
    bars_from(&mut line, &bars);
    let _ = writeln!(s, "{line}");

    for (i, (_, _, point, time)) in phases.iter().enumerate() {
        // The label's last character sits just right of its bar; the time follows.
        let mut line = pad_left(point, bars[i] + 2);
        let value = chart_ms(*time);
        if i + 1 == phases.len() {
            line.push_str(&value.cyan().to_string());
        } else {
            line.push_str(&value.cyan().to_string());
            bars_from(&mut line, &bars[i + 1..]);
        }
        let _ = writeln!(s, "{line}");
    }
}

/// `http URL`: per family, the answer's head, then the phases as httpstat draws them.
pub fn http(o: &HttpOutput, verbose: u8, quiet: bool, lang: Lang) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = crate::render::terminal_view(o);
    let o = &*view;
    let mut s = String::new();
    if quiet {
        let code = |f: Option<Failure>| match f {
            Some(f) => f.as_str().to_string(),
            None => tr!(lang, "cmd-failed"),
        };
        let what = o
            .attempts
            .iter()
            .find(|a| a.ok)
            .or(o.attempts.first())
            .map(|a| match &a.response {
                Some(r) => tr!(
                    lang,
                    "cmd-http-quiet-status",
                    status = r.status,
                    duration = fmt_ms(Some(a.phases.total_ms))
                ),
                None => code(a.failure),
            })
            .unwrap_or_else(|| match o.dns.as_ref().and_then(|d| d.failure) {
                Some(f) => f.as_str().to_string(),
                None => tr!(lang, "cmd-no-address"),
            });
        let _ = writeln!(s, "{}", quiet_line(&o.url, &what, lang));
        return s;
    }
    let _ = writeln!(s, "{} {}", "http".bold(), o.url.bold());
    dns_line(&mut s, &o.dns, lang);
    let labels = TlsLabels::new(lang);
    for a in &o.attempts {
        let _ = writeln!(
            s,
            "\n{} {}",
            a.family.as_str().bold(),
            a.address.as_deref().unwrap_or("").dimmed()
        );
        match &a.response {
            Some(r) => {
                let version = r.version.replace("HTTP/2.0", "HTTP/2");
                let status = r.status.to_string();
                let worded =
                    crate::evidence::signatures::describe_parts(lang, r.status, &r.responder, &r.kind);
                let answer = worded.strip_prefix(&status).unwrap_or(&worded).trim_start();
                let _ = writeln!(s, "{} {} · {answer}", version.green(), status.bold());
                for (k, v) in &r.headers {
                    let _ = writeln!(s, "{}: {}", k.dimmed(), v);
                }
                if verbose > 0 && !r.body_excerpt.is_empty() {
                    let _ = writeln!(s, "\n{}", r.body_excerpt.dimmed());
                }
                if r.body_truncated {
                    let _ = writeln!(
                        s,
                        "{}",
                        tr!(lang, "cmd-http-body-cut", bytes = r.body_bytes).dimmed()
                    );
                }
            }
            None => {
                let _ = writeln!(s, "{} {}", fail_mark(), a.detail);
            }
        }
        let _ = writeln!(s);
        timing_chart(&mut s, a, a.tls.is_some(), lang);
        if verbose > 0
            && let Some(t) = &a.tls
        {
            let _ = writeln!(s);
            tls_block(&mut s, t, "  ", &labels, lang);
        }
    }
    if o.attempts.is_empty() {
        no_attempts(
            &mut s,
            o.dns.as_ref().is_none_or(|d| d.status == StageStatus::Ok),
            lang,
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Family;
    use crate::report::{Phases, TcpStep, Timeline};

    fn attempt() -> HttpAttempt {
        HttpAttempt {
            family: Family::Ipv4,
            address: Some("127.0.0.1:443".into()),
            ok: true,
            failed_stage: None,
            failure: None,
            detail: String::new(),
            phases: Phases {
                dns_ms: Some(3.0),
                tcp_ms: Some(1.0),
                tls_ms: Some(12.0),
                ttfb_ms: Some(250.0),
                body_ms: Some(0.4),
                total_ms: 266.4,
            },
            timeline: Timeline {
                namelookup_ms: Some(3.0),
                connect_ms: Some(4.0),
                pretransfer_ms: Some(16.0),
                starttransfer_ms: Some(266.0),
                total_ms: 266.4,
            },
            tcp: TcpStep {
                family: Family::Ipv4,
                status: StageStatus::Ok,
                failure: None,
                detail: String::new(),
                duration_ms: Some(1.0),
                address: None,
                tried: vec![],
            },
            tls: None,
            response: None,
        }
    }

    /// The display columns of every `|` on a line.
    fn bars(line: &str) -> Vec<usize> {
        let mut at = 0;
        let mut out = vec![];
        for c in line.chars() {
            if c == '|' {
                out.push(at);
            }
            at += width(&c.to_string());
        }
        out
    }

    #[test]
    fn the_chart_keeps_its_bars_aligned_in_every_language() {
        colored::control::set_override(false);
        for lang in Lang::ALL {
            for tls in [false, true] {
                let mut s = String::new();
                timing_chart(&mut s, &attempt(), tls, lang);
                let lines: Vec<&str> = s.lines().collect();
                let mut all = bars(lines[1]);
                // The closing bracket stands where the last bar of the other lines does.
                all.push(width(lines[1]) - 1);
                assert_eq!(bars(lines[2]), all, "{lang:?}\n{s}");
                for (i, l) in lines[3..lines.len() - 1].iter().enumerate() {
                    assert_eq!(bars(l), all[i + 1..], "{lang:?} line {i}\n{s}");
                }
                // Each point's label ends one column right of its bar; its time follows.
                for (i, l) in lines[3..].iter().enumerate() {
                    let digit = l.find(|c: char| c.is_ascii_digit()).expect("a time");
                    assert_eq!(width(&l[..digit]), all[i] + 2, "{lang:?}\n{s}");
                }
            }
        }
    }
}
