//! The human output, in the spirit of `flutter doctor` (✓ ! ✗ per layer) and httpstat
//! (per-stage timings). Colour is decided once, before rendering (see [`super::use_color`]).

use std::fmt::Write as _;

use colored::Colorize;

use crate::report::{Layer, LayerStatus, Report, StageName, StageReport, StageStatus, TargetReport};

fn layer_label(l: Layer) -> &'static str {
    match l {
        Layer::Machine => "machine",
        Layer::LocalNetwork => "local network",
        Layer::Path => "path",
        Layer::Service => "service",
        Layer::Account => "account",
        Layer::None => "",
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

fn fmt_ms(ms: Option<f64>) -> String {
    match ms {
        Some(v) if v >= 1000.0 => format!("{:.1} s", v / 1000.0),
        Some(v) => format!("{v:.0} ms"),
        None => "—".into(),
    }
}

/// Renders the report for a terminal or a pipe. `verbose` adds addresses, chains and headers;
/// `quiet` keeps only the verdict.
pub fn render(r: &Report, verbose: u8, quiet: bool) -> String {
    let mut o = String::new();
    if !quiet {
        let _ = writeln!(
            o,
            "{} {} — {} targets in {}\n",
            r.tool.name.bold(),
            r.tool.version,
            r.targets.len(),
            fmt_ms(Some(r.duration_ms))
        );
        for l in &r.layers {
            let _ = writeln!(
                o,
                "  {} {:<14} {}",
                mark(l.status),
                layer_label(l.layer),
                l.summary
            );
            if verbose > 0 {
                for f in l.findings.iter().skip(1) {
                    let _ = writeln!(o, "  {:<16} {}", "", f.message.dimmed());
                }
            }
        }
        let _ = writeln!(o);
        render_targets(&mut o, r, verbose);
        if let Some(t) = &r.edge_trace {
            let _ = writeln!(o, "  edge: {}", trace_line(t));
        }
        if let Some(p) = &r.status_page {
            let _ = writeln!(o, "  status page: {}", page_headline(p));
            if verbose > 0 || !p.incidents.is_empty() || !p.components.is_empty() {
                render_page_details(&mut o, p, "    ");
            }
        }
        if let Some(a) = &r.account {
            let _ = writeln!(o, "  api key: {}", account_line(a));
        }
        if r.edge_trace.is_some() || r.status_page.is_some() || r.account.is_some() {
            let _ = writeln!(o);
        }
        if !r.verdict.warnings.is_empty() {
            for w in &r.verdict.warnings {
                let _ = writeln!(o, "  {} {}", "!".yellow().bold(), w);
            }
            let _ = writeln!(o);
        }
        if verbose > 0 && !r.verdict.evidence.is_empty() {
            let _ = writeln!(o, "{}", "Evidence".bold());
            for e in &r.verdict.evidence {
                let _ = writeln!(o, "  - {e}");
            }
            let _ = writeln!(o);
        }
    }
    render_verdict(&mut o, r);
    o
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

fn render_targets(o: &mut String, r: &Report, verbose: u8) {
    // Room for the longest name plus a " (v4)" suffix when both families were tried.
    let width = r
        .targets
        .iter()
        .map(|t| t.name.chars().count() + 5)
        .max()
        .unwrap_or(10)
        .clamp(12, 60);
    let _ = writeln!(
        o,
        "  {:<8}{:<width$}  {:>8} {:>8} {:>8} {:>8}  result",
        "surface",
        "target",
        "dns",
        "tcp",
        "tls",
        "http",
        width = width
    );
    for t in &r.targets {
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
            let result = result_line(t, dns);
            let _ = writeln!(
                o,
                "  {:<8}{:<width$}  {:>8} {:>8} {:>8} {:>8}  {}",
                t.surface.as_str(),
                t.name,
                stage_cell(dns),
                "",
                "",
                "",
                result,
                width = width
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
                .map(|p| format!(" (via {})", p.proxy))
                .unwrap_or_default();
            let result = match failed {
                Some(s) => format!("{}{via}", failure_line(s)).red().to_string(),
                None => match http.and_then(|h| h.http.as_ref()) {
                    Some(_) => http.map(|h| format!("{}{via}", h.detail)).unwrap_or_default(),
                    None => "—".into(),
                },
            };
            let _ = writeln!(
                o,
                "  {:<8}{:<width$}  {:>8} {:>8} {:>8} {:>8}  {}",
                if i == 0 { t.surface.as_str() } else { "" },
                name,
                if i == 0 { stage_cell(dns) } else { String::new() },
                stage_cell(tcp),
                stage_cell(tls),
                stage_cell(http),
                result,
                width = width
            );
            if verbose > 0 {
                render_details(o, [dns.filter(|_| i == 0), tcp, tls, http], verbose);
            }
        }
        if families.is_empty() && verbose > 0 {
            render_details(o, [dns, None, None, None], verbose);
        }
    }
    let _ = writeln!(o);
}

fn result_line(t: &TargetReport, dns: Option<&StageReport>) -> String {
    match dns {
        Some(s) if s.status == StageStatus::Fail => failure_line(s).red().to_string(),
        Some(s) if s.status == StageStatus::Skip => s.detail.clone(),
        _ => t.answer.clone().unwrap_or_else(|| "—".into()),
    }
}

fn failure_line(s: &StageReport) -> String {
    let stage = match s.stage {
        StageName::Dns => "dns",
        StageName::Tcp => "tcp",
        StageName::Proxy => "proxy",
        StageName::Tls => "tls",
        StageName::Http => "http",
    };
    match s.failure {
        Some(f) => format!(
            "{stage}: {} ({}) after {}",
            f.describe(crate::i18n::Lang::En),
            f.as_str(),
            fmt_ms(s.duration_ms)
        ),
        None => format!("{stage}: {}", s.detail),
    }
}

fn render_details(o: &mut String, stages: [Option<&StageReport>; 4], verbose: u8) {
    let pad = " ".repeat(12);
    for s in stages.into_iter().flatten() {
        if let Some(d) = &s.dns {
            for l in &d.lookups {
                let ans = if l.answers.is_empty() {
                    l.failure
                        .map(|f| f.as_str().to_string())
                        .unwrap_or_else(|| "no answer".into())
                } else {
                    l.answers.join(", ")
                };
                let _ = writeln!(
                    o,
                    "{pad}{} {} via {}: {}",
                    l.record_type,
                    d.query,
                    d.source,
                    ans.dimmed()
                );
            }
        }
        if s.status == StageStatus::Fail && !s.detail.is_empty() {
            let _ = writeln!(o, "{pad}{}", s.detail.dimmed());
        }
        if let Some(a) = &s.address
            && s.stage == StageName::Tcp
        {
            let _ = writeln!(o, "{pad}tcp {a}");
        }
        if let Some(t) = &s.tls {
            let _ = writeln!(
                o,
                "{pad}tls {} {} sni={} system store: {} public store: {}",
                t.version.as_deref().unwrap_or("?"),
                t.alpn.as_deref().unwrap_or("-"),
                t.sni.as_deref().unwrap_or("(none)"),
                t.system_store.result,
                t.public_store.result
            );
            for c in &t.chain {
                let _ = writeln!(o, "{pad}  {} ← {} (until {})", c.subject, c.issuer, c.not_after);
            }
        }
        if let Some(h) = &s.http
            && verbose > 1
        {
            for (k, v) in &h.headers {
                let _ = writeln!(o, "{pad}{k}: {}", v.dimmed());
            }
            if !h.body_excerpt.is_empty() {
                let _ = writeln!(o, "{pad}body: {}", h.body_excerpt.dimmed());
            }
        }
    }
}

fn trace_line(t: &crate::report::EdgeTraceReport) -> String {
    format!(
        "OpenAI's edge sees you at {} in {} (data centre {}, WARP {})",
        t.ip.as_deref().unwrap_or("?"),
        t.loc.as_deref().unwrap_or("?"),
        t.colo.as_deref().unwrap_or("?"),
        t.warp.as_deref().unwrap_or("?")
    )
}

fn page_headline(p: &crate::report::StatusPageReport) -> String {
    if !p.reachable {
        return "could not be read".red().to_string();
    }
    let d = p.description.as_deref().unwrap_or("no description");
    match p.indicator.as_deref() {
        Some("none") => format!("{} (indicator: none)", d.green()),
        Some(i) => format!("{} (indicator: {i})", d.yellow()),
        None => d.to_string(),
    }
}

fn render_page_details(o: &mut String, p: &crate::report::StatusPageReport, pad: &str) {
    for c in &p.components {
        let _ = writeln!(
            o,
            "{pad}{} {:<8} {:<28} {}",
            "!".yellow(),
            c.group,
            c.name,
            c.status
        );
    }
    for i in &p.incidents {
        let _ = writeln!(
            o,
            "{pad}{} incident: {} [{}{}]{}",
            "✗".red(),
            i.name,
            i.status,
            i.impact.as_deref().map(|x| format!(", {x}")).unwrap_or_default(),
            i.started_at
                .as_deref()
                .map(|t| format!(" since {t}"))
                .unwrap_or_default()
        );
        if let Some(u) = &i.latest_update {
            let _ = writeln!(
                o,
                "{pad}    latest{}: {}",
                i.latest_update_at
                    .as_deref()
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default(),
                u
            );
        }
    }
    for m in &p.maintenances {
        let _ = writeln!(
            o,
            "{pad}{} maintenance {}: {}{}",
            "·".dimmed(),
            if m.in_progress { "in progress" } else { "scheduled" },
            m.name,
            match (&m.scheduled_for, &m.scheduled_until) {
                (Some(a), Some(b)) => format!(" ({a} – {b})"),
                (Some(a), None) => format!(" (from {a})"),
                _ => String::new(),
            }
        );
    }
}

fn account_line(a: &crate::report::AccountReport) -> String {
    let status = match a.status.as_str() {
        "valid" => "valid".green().to_string(),
        "restricted" => "valid but restricted".yellow().to_string(),
        other => other.replace('_', " ").red().to_string(),
    };
    let mut line = format!("from {} → {status}", a.key_source);
    if let Some(h) = a.http_status {
        line.push_str(&format!(" (HTTP {h})"));
    }
    if let Some(o) = &a.organization {
        line.push_str(&format!(", organization {o}"));
    }
    if let Some(m) = &a.missing_scopes {
        line.push_str(&format!(", missing scopes: {m}"));
    }
    if !a.rate_limits.is_empty() {
        let l: Vec<String> = a.rate_limits.iter().map(|(k, v)| format!("{k}={v}")).collect();
        line.push_str(&format!(", {}", l.join(" ")));
    }
    if let Some(id) = &a.request_id {
        line.push_str(&format!(", request {id}"));
    }
    line
}

/// The verdict block shared by every view.
fn render_verdict(o: &mut String, r: &Report) {
    let head = match r.verdict.cause.as_str().as_str() {
        "healthy" => "Verdict:".green().bold(),
        "inconclusive" => "Verdict:".yellow().bold(),
        _ => "Verdict:".red().bold(),
    };
    let code = if r.verdict.layer == Layer::None {
        r.verdict.cause.as_str()
    } else {
        format!("{}/{}", r.verdict.layer.as_str(), r.verdict.cause.as_str())
    };
    let _ = writeln!(o, "{head} {} {}", r.verdict.summary, format!("[{code}]").dimmed());
    for a in &r.verdict.advice {
        let _ = writeln!(o, "  → {a}");
    }
}

/// `chatgpt-doctor status`: the status page alone.
pub fn render_status(r: &Report, verbose: u8) -> String {
    let mut o = String::new();
    let Some(p) = &r.status_page else {
        let _ = writeln!(o, "The status page was not probed.");
        return o;
    };
    let _ = writeln!(o, "{} {}", "OpenAI status:".bold(), page_headline(p));
    let _ = writeln!(o, "  {}", p.url.dimmed());
    if !p.reachable {
        let why = r
            .targets
            .iter()
            .find(|t| t.surface == crate::catalog::Surface::Status)
            .and_then(|t| {
                t.stages
                    .iter()
                    .find(|s| s.status == StageStatus::Fail)
                    .map(failure_line)
            })
            .or_else(|| {
                r.targets
                    .iter()
                    .find(|t| t.surface == crate::catalog::Surface::Status)
                    .and_then(|t| t.answer.clone())
            })
            .unwrap_or_else(|| "no status document was understood".into());
        let _ = writeln!(o, "  {why}");
        let _ = writeln!(
            o,
            "  A status page that cannot be read says something about the network, not about OpenAI: run `chatgpt-doctor check`."
        );
        return o;
    }
    if p.components.is_empty() && p.incidents.is_empty() && p.maintenances.is_empty() {
        let _ = writeln!(
            o,
            "  {} every component operational, no incident, no maintenance",
            "✓".green()
        );
    } else {
        render_page_details(&mut o, p, "  ");
    }
    if verbose > 0 {
        let _ = writeln!(o, "  read from: {}", p.sources.join(", "));
    }
    o
}

/// `chatgpt-doctor auth`: the key's standing, then the verdict.
pub fn render_auth(r: &Report, verbose: u8) -> String {
    let mut o = String::new();
    let base = r
        .environment
        .base_url
        .clone()
        .unwrap_or_else(|| crate::catalog::DEFAULT_BASE_URL.to_string());
    let _ = writeln!(
        o,
        "{} {} ({})",
        "API:".bold(),
        base,
        r.environment.base_url_source
    );
    match &r.account {
        Some(a) => {
            let _ = writeln!(o, "{} {}", "Key:".bold(), account_line(a));
            if a.organization_sent || a.project_sent {
                let _ = writeln!(
                    o,
                    "  sent: {}{}",
                    if a.organization_sent { "OPENAI_ORG_ID " } else { "" },
                    if a.project_sent { "OPENAI_PROJECT_ID" } else { "" }
                );
            }
            if let Some(m) = &a.message {
                let _ = writeln!(o, "  the API said: {m}");
            }
            if verbose > 0 {
                for s in &a.stages {
                    let _ = writeln!(o, "  {:?} {:?} {}", s.stage, s.status, s.detail);
                }
            }
        }
        None => {
            let _ = writeln!(o, "{} none configured", "Key:".bold());
        }
    }
    if let Some(t) = &r.edge_trace {
        let _ = writeln!(o, "  edge: {}", trace_line(t));
    }
    let _ = writeln!(o);
    render_verdict(&mut o, r);
    o
}
