//! The check's stage table: a row per target and family with the time of each stage and the
//! result, laid out for the width — the full table where it fits, else each target on a line
//! with its stage times and its result on an indented line below.

use std::fmt::Write as _;

use colored::Colorize;

use super::layout::{Layout, shorten_middle};
use crate::i18n::{Lang, code_word, pad, pad_left};
use crate::report::{Report, StageName, StageReport, StageStatus, TargetReport};
use crate::tr;

/// The columns of the stage times.
const STAGES: [&str; 4] = ["dns", "tcp", "tls", "http"];

/// The narrowest result column the full table is drawn with.
const MIN_RESULT: usize = 30;

/// How the rows are laid out: the full table (surface, name, four times, the result wrapped in
/// its column) or, when that leaves the result too little room, the compact one.
struct Table {
    lay: Layout,
    surface_width: usize,
    name_width: usize,
    compact: bool,
}

impl Table {
    fn new(lay: Layout, surface_width: usize, name_width: usize) -> Self {
        let full = 2 + surface_width + name_width + 2 + 4 * 9 - 1 + 2;
        let compact = lay.width.is_some_and(|w| w < full + MIN_RESULT);
        // Compact: the name, two spaces and four times of seven columns each.
        let name_width = match lay.width {
            Some(w) if compact => name_width.min(w.saturating_sub(2 + 2 + 4 * 8 - 1)).max(8),
            _ => name_width,
        };
        Table {
            lay,
            surface_width,
            name_width,
            compact,
        }
    }

    fn cells(&self, cells: [&str; 4]) -> String {
        let w = if self.compact { 7 } else { 8 };
        cells.map(|c| pad_left(c, w)).join(" ")
    }

    fn header(&self, o: &mut String, lang: Lang) {
        self.row(
            o,
            lang,
            &tr!(lang, "human-col-surface"),
            &tr!(lang, "human-col-target"),
            STAGES,
            &tr!(lang, "human-col-result"),
        );
    }

    fn row(&self, o: &mut String, lang: Lang, surface: &str, name: &str, cells: [&str; 4], result: &str) {
        if self.compact {
            let name = shorten_middle(name, self.name_width);
            let _ = writeln!(o, "  {}  {}", pad(&name, self.name_width), self.cells(cells));
            // The header's result column needs no line of its own.
            if cells != STAGES {
                let text = if surface.is_empty() {
                    result.to_string()
                } else {
                    tr!(lang, "human-compact-result", surface = surface, result = result)
                };
                self.lay.para(o, "      ", "        ", &text);
            }
            return;
        }
        let first = format!(
            "  {}{}  {}  ",
            pad(surface, self.surface_width),
            pad(name, self.name_width),
            self.cells(cells)
        );
        let hang = " ".repeat(crate::i18n::width(&first));
        self.lay.para(o, &first, &hang, result);
    }
}

/// A duration for people: milliseconds, or seconds from one second up.
pub fn fmt_ms(ms: Option<f64>) -> String {
    match ms {
        Some(v) if v >= 1000.0 => format!("{:.1} s", v / 1000.0),
        Some(v) => format!("{v:.0} ms"),
        None => "—".into(),
    }
}

fn stage_cell(s: Option<&StageReport>) -> String {
    match s {
        None => "".into(),
        Some(s) => match s.status {
            StageStatus::Ok => fmt_ms(s.duration_ms),
            StageStatus::Fail => "✗".into(),
            StageStatus::Skip => "—".into(),
        },
    }
}

/// The stage table: a row per target and family, laid out for the width (see [`Table`]).
pub fn render_targets(o: &mut String, r: &Report, verbose: u8, lay: Layout) {
    let lang = r.language;
    // Room for the longest name plus a " (v4)" suffix when both families were tried.
    let width = r
        .targets
        .iter()
        .map(|t| crate::i18n::width(&t.name) + 5)
        .max()
        .unwrap_or(10)
        .clamp(12, 60);
    let surface_width = r
        .targets
        .iter()
        .map(|t| crate::i18n::width(&code_word(lang, "surface-", t.surface.as_str())))
        .chain([crate::i18n::width(&tr!(lang, "human-col-surface"))])
        .max()
        .unwrap_or(7)
        + 1;
    let table = Table::new(lay, surface_width, width);
    table.header(o, lang);
    for t in &r.targets {
        let surface = code_word(lang, "surface-", t.surface.as_str());
        let dns = t.stages.iter().find(|s| s.stage == StageName::Dns);
        let families: Vec<_> = {
            let mut f: Vec<_> = t.stages.iter().filter_map(|s| s.family).collect();
            f.dedup();
            // Without -v, fold an IPv6 row that only says "no IPv6 route" when IPv4 worked
            // (the local network layer says it once).
            if verbose == 0 && t.ok {
                f.retain(|fam| {
                    !t.stages.iter().any(|s| {
                        s.family == Some(*fam)
                            && s.stage == StageName::Tcp
                            && s.failure == Some(crate::probe::Failure::NetworkUnreachable)
                    })
                });
            }
            f
        };
        if families.is_empty() {
            let result = result_line(lang, t, dns);
            table.row(
                o,
                lang,
                &surface,
                &t.name,
                [&stage_cell(dns), "", "", ""],
                &result,
            );
        }
        for (i, fam) in families.iter().enumerate() {
            let of = |n: StageName| t.stages.iter().find(|s| s.stage == n && s.family == Some(*fam));
            let (tcp, tls, http) = (of(StageName::Tcp), of(StageName::Tls), of(StageName::Http));
            let proxy = of(StageName::Proxy);
            let name = if families.len() > 1 {
                format!(
                    "{} ({})",
                    t.name,
                    if fam.as_str() == "ipv6" { "v6" } else { "v4" }
                )
            } else {
                t.name.clone()
            };
            let failed = [dns, tcp, proxy, tls, http]
                .into_iter()
                .flatten()
                .find(|s| s.status == StageStatus::Fail);
            let via = proxy
                .and_then(|p| p.proxy.as_ref())
                .map(|p| format!(" {}", tr!(lang, "human-via-proxy", proxy = &p.proxy)))
                .unwrap_or_default();
            let result = match failed {
                Some(s) => format!("{}{via}", failure_line(lang, s)).red().to_string(),
                None => match http.and_then(|h| h.http.as_ref()) {
                    Some(h) => format!("{}{via}", http_answer(lang, h)),
                    None => "—".into(),
                },
            };
            let dns_cell = if i == 0 { stage_cell(dns) } else { String::new() };
            table.row(
                o,
                lang,
                if i == 0 { &surface } else { "" },
                &name,
                [&dns_cell, &stage_cell(tcp), &stage_cell(tls), &stage_cell(http)],
                &result,
            );
            if verbose > 0 {
                render_details(o, lang, [dns.filter(|_| i == 0), tcp, tls, http], verbose);
            }
        }
        if families.is_empty() && verbose > 0 {
            render_details(o, lang, [dns, None, None, None], verbose);
        }
    }
    let _ = writeln!(o);
}

/// An HTTP answer in words, from the report's codes.
pub fn http_answer(lang: Lang, h: &crate::report::HttpReport) -> String {
    crate::evidence::signatures::describe_parts(lang, h.status, &h.responder, h.shown_kind())
}

fn result_line(lang: Lang, t: &TargetReport, dns: Option<&StageReport>) -> String {
    match dns {
        Some(s) if s.status == StageStatus::Fail => failure_line(lang, s).red().to_string(),
        Some(s) if s.status == StageStatus::Skip => tr!(
            lang,
            "human-stage-not-run",
            reason = s
                .skip_reason
                .unwrap_or(crate::probe::SkipReason::Deadline)
                .describe(lang)
        ),
        _ => t
            .stages
            .iter()
            .find_map(|s| s.http.as_ref())
            .map(|h| http_answer(lang, h))
            .or_else(|| t.answer.clone())
            .unwrap_or_else(|| "—".into()),
    }
}

/// A failed (or noted) stage in words: what happened, its code and when.
pub fn failure_line(lang: Lang, s: &StageReport) -> String {
    let stage = s.stage.as_str();
    match s.failure {
        Some(f) => tr!(
            lang,
            "human-stage-failed",
            stage = stage,
            what = f.describe(lang),
            code = f.as_str(),
            duration = fmt_ms(s.duration_ms)
        ),
        None => tr!(lang, "human-stage-note", stage = stage, detail = &s.detail),
    }
}

fn render_details(o: &mut String, lang: Lang, stages: [Option<&StageReport>; 4], verbose: u8) {
    let pad = " ".repeat(12);
    for s in stages.into_iter().flatten() {
        if let Some(d) = &s.dns {
            for l in &d.lookups {
                let ans = if l.answers.is_empty() {
                    l.failure
                        .map(|f| f.as_str().to_string())
                        .unwrap_or_else(|| tr!(lang, "human-no-answer"))
                } else {
                    l.answers.join(", ")
                };
                let line = tr!(
                    lang,
                    "human-dns-lookup",
                    record = &l.record_type,
                    query = &d.query,
                    source = &d.source,
                    answers = ans.dimmed().to_string()
                );
                let _ = writeln!(o, "{pad}{line}");
            }
        }
        if s.status == StageStatus::Fail
            && !s.detail.is_empty()
            && !crate::safe_text::is_debug_text(&s.detail)
        {
            let _ = writeln!(o, "{pad}{}", s.detail.dimmed());
        }
        if let Some(a) = &s.address
            && s.stage == StageName::Tcp
        {
            let _ = writeln!(o, "{pad}tcp {a}");
        }
        if let Some(t) = &s.tls {
            let line = tr!(
                lang,
                "human-tls-line",
                version = t.version.as_deref().unwrap_or("?"),
                alpn = t.alpn.as_deref().unwrap_or("-"),
                sni = t.sni.as_deref().unwrap_or("-"),
                system = code_word(lang, "store-", &t.system_store.result),
                public = code_word(lang, "store-", &t.public_store.result)
            );
            let _ = writeln!(o, "{pad}{line}");
            for c in &t.chain {
                let line = tr!(
                    lang,
                    "human-cert-line",
                    subject = &c.subject,
                    issuer = &c.issuer,
                    until = &c.not_after
                );
                let _ = writeln!(o, "{pad}  {line}");
            }
        }
        if let Some(h) = &s.http
            && verbose > 1
        {
            for (k, v) in &h.headers {
                let _ = writeln!(o, "{pad}{k}: {}", v.dimmed());
            }
            if !h.body_excerpt.is_empty() {
                let line = tr!(lang, "human-body", excerpt = h.body_excerpt.dimmed().to_string());
                let _ = writeln!(o, "{pad}{line}");
            }
        }
    }
}
