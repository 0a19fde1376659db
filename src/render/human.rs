//! The human output, in the spirit of `flutter doctor` (✓ ! ✗ per layer) and httpstat
//! (per-stage timings). Colour is decided once, before rendering (see [`super::use_color`]).

use std::fmt::Write as _;

use colored::Colorize;

use super::layout::Layout;
use super::table::{failure_line, fmt_ms, http_answer, render_targets};
use crate::i18n::{Lang, code_word, pad};
use crate::report::{DnsViewReport, Layer, LayerStatus, Report, ResolverViewReport, StageStatus};
use crate::tr;

fn layer_label(lang: Lang, l: Layer) -> String {
    match l {
        Layer::None => String::new(),
        l => code_word(lang, "layer-", l.as_str()),
    }
}

fn mark(s: LayerStatus) -> colored::ColoredString {
    match s {
        LayerStatus::Ok => "✓".green().bold(),
        LayerStatus::Warn => "!".yellow().bold(),
        LayerStatus::Fail => "✗".red().bold(),
        LayerStatus::NotChecked => "·".dimmed(),
    }
}

/// Renders the report for a terminal or a pipe, in the report's language, within the layout's
/// width. `verbose` adds addresses, chains and headers; `quiet` keeps only the verdict.
pub fn render(r: &Report, verbose: u8, quiet: bool, lay: Layout) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = super::terminal_view(r);
    let r = &*view;
    let lang = r.language;
    let mut o = String::new();
    if !quiet {
        let head = tr!(
            lang,
            "human-header",
            tool = r.tool.name.bold().to_string(),
            version = &r.tool.version,
            targets = r.targets.len(),
            duration = fmt_ms(Some(r.duration_ms))
        );
        let _ = writeln!(o, "{head}\n");
        // Layer names are padded by display width: CJK characters take two columns.
        let label_width = r
            .layers
            .iter()
            .map(|l| crate::i18n::width(&layer_label(lang, l.layer)))
            .max()
            .unwrap_or(0)
            .max(14);
        // On a narrow terminal the summaries go under their layer's name.
        let hang = if lay.fits(4 + label_width + 1 + 40) {
            " ".repeat(4 + label_width + 1)
        } else {
            " ".repeat(6)
        };
        for l in &r.layers {
            let first = format!(
                "  {} {} ",
                mark(l.status),
                pad(&layer_label(lang, l.layer), label_width)
            );
            lay.para(&mut o, &first, &hang, &l.summary);
            if verbose > 0 {
                for f in l.findings.iter().skip(1) {
                    lay.para(&mut o, &hang, &hang, &f.message.dimmed().to_string());
                }
            }
        }
        let _ = writeln!(o);
        render_targets(&mut o, r, verbose, lay);
        render_dns_views(&mut o, r, verbose);
        render_routes(&mut o, r);
        if let Some(t) = &r.edge_trace {
            let _ = writeln!(o, "  {}", trace_line(lang, t));
        }
        if let Some(p) = &r.status_page {
            let line = tr!(lang, "human-status-page", headline = page_headline(lang, p));
            lay.para(&mut o, "  ", "    ", &line);
            if verbose > 0 || !p.incidents.is_empty() || !p.components.is_empty() {
                let now = super::when::report_now(&r.started_at, r.duration_ms);
                render_page_details(&mut o, lang, p, "    ", lay, now);
            }
        }
        if let Some(a) = &r.account {
            let _ = writeln!(
                o,
                "  {}",
                tr!(lang, "human-api-key", line = account_line(lang, a))
            );
        }
        if r.edge_trace.is_some() || r.status_page.is_some() || r.account.is_some() {
            let _ = writeln!(o);
        }
        if !r.verdict.warnings.is_empty() {
            for w in &r.verdict.warnings {
                lay.para(&mut o, &format!("  {} ", "!".yellow().bold()), "    ", w);
            }
            let _ = writeln!(o);
        }
        if verbose > 0 && !r.verdict.evidence.is_empty() {
            let _ = writeln!(o, "{}", tr!(lang, "human-evidence").bold());
            for e in &r.verdict.evidence {
                lay.para(&mut o, "  - ", "    ", e);
            }
            let _ = writeln!(o);
        }
    }
    render_verdict(&mut o, r, lay);
    lay.fit(&o)
}

/// The routes of this machine's programs, when more than one was probed: which programs take
/// each, its way and its own verdict.
fn render_routes(o: &mut String, r: &Report) {
    let lang = r.language;
    if r.routes.len() < 2 {
        return;
    }
    let _ = writeln!(o, "  {}", tr!(lang, "human-routes").bold());
    for route in &r.routes {
        let mark = if route.cause == crate::report::Cause::Healthy {
            "✓".green().bold()
        } else {
            "✗".red().bold()
        };
        let programs: Vec<String> = route
            .programs
            .iter()
            .map(|p| tr!(lang, "human-programs", programs = p.as_str()))
            .collect();
        let _ = writeln!(
            o,
            "    {mark} {}",
            tr!(
                lang,
                "human-route-line",
                programs = crate::i18n::joined(lang, &programs),
                way = route.way.as_str(),
                source = route.source.as_str(),
                summary = route.summary.as_str()
            )
        );
    }
    let _ = writeln!(o);
}

/// The names as apps resolve them beside what DNS answers: the names whose two views disagree or
/// that the hosts file answers, every name with `-v` (with the DoH controls' answers).
fn render_dns_views(o: &mut String, r: &Report, verbose: u8) {
    let lang = r.language;
    let notable = |v: &DnsViewReport| v.agree == Some(false) || v.os.from_hosts_file;
    let shown: Vec<&DnsViewReport> = r.dns_views.iter().filter(|v| verbose > 0 || notable(v)).collect();
    if shown.is_empty() {
        return;
    }
    let title = if verbose > 0 {
        tr!(lang, "human-views-all")
    } else {
        tr!(lang, "human-views-differ")
    };
    let _ = writeln!(o, "  {}", title.bold());
    let width = shown
        .iter()
        .map(|v| crate::i18n::width(&v.name))
        .max()
        .unwrap_or(0)
        .clamp(12, 40);
    for v in shown {
        let mark = if notable(v) {
            "!".yellow().bold()
        } else {
            " ".normal()
        };
        let answers = tr!(
            lang,
            "human-view-answers",
            os = view_text(lang, &v.os),
            configured = view_text(lang, &v.configured)
        );
        let _ = writeln!(o, "  {mark} {}  {answers}", pad(&v.name, width));
        if verbose > 0 {
            for d in &v.doh {
                let answers = if d.answers.is_empty() {
                    d.failure
                        .map(|f| f.as_str().to_string())
                        .unwrap_or_else(|| tr!(lang, "human-no-answer"))
                } else {
                    d.answers.join(" ")
                };
                let line = tr!(
                    lang,
                    "human-view-doh",
                    resolver = &d.resolver,
                    record = &d.record_type,
                    answers = answers.dimmed().to_string()
                );
                let _ = writeln!(o, "    {}  {line}", " ".repeat(width));
            }
        }
    }
    let _ = writeln!(o);
}

/// One resolver's answer in a line: its addresses (and the hosts file's lines that gave them),
/// its failure's code, or why it was not asked.
fn view_text(lang: Lang, v: &ResolverViewReport) -> String {
    let mut text = match v.status {
        StageStatus::Ok => v.addresses.join(" "),
        StageStatus::Fail => v
            .failure
            .map_or_else(|| "—".to_string(), |f| f.as_str().to_string()),
        StageStatus::Skip => v
            .skip_reason
            .map_or_else(|| "—".to_string(), |s| s.describe(lang)),
    };
    if let Some((file, lines)) = v.hosts_lines() {
        let from = tr!(lang, "human-view-from-hosts", file = file, lines = lines);
        // The message brings its own separator (none before a full-width bracket).
        text.push_str(&from);
    }
    text
}

fn trace_line(lang: Lang, t: &crate::report::EdgeTraceReport) -> String {
    tr!(
        lang,
        "human-edge",
        ip = t.ip.as_deref().unwrap_or("?"),
        loc = t.loc.as_deref().unwrap_or("?"),
        colo = t.colo.as_deref().unwrap_or("?"),
        warp = t.warp.as_deref().unwrap_or("?")
    )
}

/// The page's headline: its own description (English, from OpenAI) with the indicator, worded
/// for the reader (the indicator is a code the words are chosen by).
fn page_headline(lang: Lang, p: &crate::report::StatusPageReport) -> String {
    if !p.reachable {
        return tr!(lang, "human-page-unreadable").red().to_string();
    }
    let description = p
        .description
        .clone()
        .unwrap_or_else(|| tr!(lang, "human-page-no-description"));
    let indicator = p.indicator.as_deref().unwrap_or("unknown");
    let description = match indicator {
        "none" => description.green().to_string(),
        "unknown" => description,
        _ => description.yellow().to_string(),
    };
    tr!(
        lang,
        "human-page-headline",
        description = description,
        indicator = indicator
    )
}

fn render_page_details(
    o: &mut String,
    lang: Lang,
    p: &crate::report::StatusPageReport,
    pad_s: &str,
    lay: Layout,
    now: Option<time::OffsetDateTime>,
) {
    let offset = super::when::local_offset();
    let when = |at: Option<&str>| match at {
        Some(at) => super::when::when(lang, at, now, offset),
        None => "unknown".to_string(),
    };
    let hang = format!("{pad_s}    ");
    let groups: Vec<String> = p
        .components
        .iter()
        .map(|c| code_word(lang, "status-", &c.group))
        .collect();
    let group_width = groups
        .iter()
        .map(|g| crate::i18n::width(g))
        .max()
        .unwrap_or(0)
        .max(8);
    let name_width = p
        .components
        .iter()
        .map(|c| crate::i18n::width(&c.name))
        .max()
        .unwrap_or(0)
        .clamp(12, 40);
    for (c, group) in p.components.iter().zip(&groups) {
        let line = tr!(
            lang,
            "human-component",
            group = pad(group, group_width),
            name = pad(&c.name, name_width),
            status = code_word(lang, "status-", &c.status)
        );
        lay.para(o, &format!("{pad_s}{} ", "!".yellow()), &hang, &line);
    }
    for i in &p.incidents {
        let line = tr!(
            lang,
            "human-incident",
            name = &i.name,
            status = code_word(lang, "status-", &i.status),
            impact = i
                .impact
                .as_deref()
                .map(|x| code_word(lang, "status-", x))
                .unwrap_or_else(|| "unknown".into()),
            since = when(i.started_at.as_deref())
        );
        lay.para(o, &format!("{pad_s}{} ", "✗".red()), &hang, &line);
        if let Some(u) = &i.latest_update {
            let line = tr!(
                lang,
                "human-incident-latest",
                at = when(i.latest_update_at.as_deref()),
                update = u
            );
            lay.para(o, &hang, &format!("{hang}  "), &line);
        }
    }
    for m in &p.maintenances {
        let line = tr!(
            lang,
            "human-maintenance",
            state = if m.in_progress { "in_progress" } else { "scheduled" },
            name = &m.name,
            from = when(m.scheduled_for.as_deref()),
            until = when(m.scheduled_until.as_deref())
        );
        lay.para(o, &format!("{pad_s}{} ", "·".dimmed()), &hang, &line);
    }
}

fn account_line(lang: Lang, a: &crate::report::AccountReport) -> String {
    let word = code_word(lang, "key-", &a.status);
    let status = match a.status.as_str() {
        "valid" => word.green().to_string(),
        "restricted" => word.yellow().to_string(),
        _ => word.red().to_string(),
    };
    let mut line = tr!(lang, "human-key-line", source = &a.key_source, status = status);
    if let Some(h) = a.http_status {
        line.push_str(&tr!(lang, "human-key-http", code = h));
    }
    if let Some(o) = &a.organization {
        line.push_str(&tr!(lang, "human-key-organization", organization = o));
    }
    if let Some(m) = &a.missing_scopes {
        line.push_str(&tr!(lang, "human-key-scopes", scopes = m));
    }
    if !a.rate_limits.is_empty() {
        let l: Vec<String> = a.rate_limits.iter().map(|(k, v)| format!("{k}={v}")).collect();
        line.push_str(&tr!(lang, "human-key-limits", limits = l.join(" ")));
    }
    if let Some(id) = &a.request_id {
        line.push_str(&tr!(lang, "human-key-request", id = id));
    }
    line
}

/// The verdict block shared by every view.
fn render_verdict(o: &mut String, r: &Report, lay: Layout) {
    let word = tr!(r.language, "human-verdict");
    let head = match r.verdict.cause.as_str().as_str() {
        "healthy" => word.green().bold(),
        "inconclusive" => word.yellow().bold(),
        _ => word.red().bold(),
    };
    let code = if r.verdict.layer == Layer::None {
        r.verdict.cause.as_str()
    } else {
        format!("{}/{}", r.verdict.layer.as_str(), r.verdict.cause.as_str())
    };
    let line = tr!(
        r.language,
        "human-verdict-line",
        head = head.to_string(),
        summary = &r.verdict.summary,
        code = format!("[{code}]").dimmed().to_string()
    );
    lay.para(o, "", "  ", &line);
    for a in &r.verdict.advice {
        lay.para(o, "  → ", "    ", a);
    }
}

/// `chatgpt-doctor status`: the status page alone.
pub fn render_status(r: &Report, verbose: u8, lay: Layout) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = super::terminal_view(r);
    let r = &*view;
    let lang = r.language;
    let mut o = String::new();
    let Some(p) = &r.status_page else {
        let _ = writeln!(o, "{}", tr!(lang, "human-status-not-probed"));
        return lay.fit(&o);
    };
    let line = tr!(
        lang,
        "human-labelled",
        label = tr!(lang, "human-status-title").bold().to_string(),
        value = page_headline(lang, p)
    );
    let _ = writeln!(o, "{line}");
    let _ = writeln!(o, "  {}", p.url.dimmed());
    if !p.reachable {
        let status_target = r
            .targets
            .iter()
            .find(|t| t.surface == crate::catalog::Surface::Status);
        let why = status_target
            .and_then(|t| {
                t.stages
                    .iter()
                    .find(|s| s.status == StageStatus::Fail)
                    .map(|s| failure_line(lang, s))
            })
            .or_else(|| {
                status_target.and_then(|t| {
                    t.stages
                        .iter()
                        .find_map(|s| s.http.as_ref())
                        .map(|h| http_answer(lang, h))
                })
            })
            .unwrap_or_else(|| tr!(lang, "human-status-no-document"));
        let _ = writeln!(o, "  {why}");
        let _ = writeln!(o, "  {}", tr!(lang, "human-status-unreadable-advice"));
        return lay.fit(&o);
    }
    if p.components.is_empty() && p.incidents.is_empty() && p.maintenances.is_empty() {
        let _ = writeln!(o, "  {} {}", "✓".green(), tr!(lang, "human-status-all-clear"));
    } else {
        let now = super::when::report_now(&r.started_at, r.duration_ms);
        render_page_details(&mut o, lang, p, "  ", lay, now);
    }
    if verbose > 0 {
        let _ = writeln!(
            o,
            "  {}",
            tr!(lang, "human-status-sources", sources = p.sources.join(", "))
        );
    }
    lay.fit(&o)
}

/// `chatgpt-doctor auth`: the key's standing, then the verdict.
pub fn render_auth(r: &Report, verbose: u8, lay: Layout) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = super::terminal_view(r);
    let r = &*view;
    let lang = r.language;
    let mut o = String::new();
    let base = r
        .environment
        .base_url
        .clone()
        .unwrap_or_else(|| crate::catalog::DEFAULT_BASE_URL.to_string());
    let line = tr!(
        lang,
        "human-auth-api",
        label = tr!(lang, "human-auth-api-label").bold().to_string(),
        url = base,
        source = match r.environment.base_url_source.as_str() {
            "flag" => "--base-url".to_string(),
            "default" => tr!(lang, "human-auth-default"),
            variable => variable.to_string(),
        }
    );
    let _ = writeln!(o, "{line}");
    match &r.account {
        Some(a) => {
            let line = tr!(
                lang,
                "human-labelled",
                label = tr!(lang, "human-auth-key").bold().to_string(),
                value = account_line(lang, a)
            );
            let _ = writeln!(o, "{line}");
            if a.organization_sent || a.project_sent {
                let headers: Vec<&str> = [
                    a.organization_sent.then_some("OPENAI_ORG_ID"),
                    a.project_sent.then_some("OPENAI_PROJECT_ID"),
                ]
                .into_iter()
                .flatten()
                .collect();
                let _ = writeln!(
                    o,
                    "  {}",
                    tr!(lang, "human-auth-sent", headers = headers.join(" "))
                );
            }
            if let Some(m) = &a.message {
                let _ = writeln!(o, "  {}", tr!(lang, "human-auth-said", message = m));
            }
            if verbose > 0 {
                for s in &a.stages {
                    let _ = writeln!(o, "  {:?} {:?} {}", s.stage, s.status, s.detail);
                }
            }
        }
        None => {
            let line = tr!(
                lang,
                "human-labelled",
                label = tr!(lang, "human-auth-key").bold().to_string(),
                value = tr!(lang, "human-auth-none")
            );
            let _ = writeln!(o, "{line}");
        }
    }
    if let Some(t) = &r.edge_trace {
        let _ = writeln!(o, "  {}", trace_line(lang, t));
    }
    let _ = writeln!(o);
    render_verdict(&mut o, r, lay);
    lay.fit(&o)
}
