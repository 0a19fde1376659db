//! The support report as Markdown (GitHub-flavoured: tables, no HTML), for pasting into a ticket
//! or an issue. It renders an already-redacted [`SupportReport`]; it never colours.

use std::fmt::Write as _;

use crate::commands::output::{SupportReport, verdict_code};
use crate::report::{LayerStatus, StageName, StageReport, StageStatus, TargetReport};

/// Escapes a table cell: pipes, and line breaks folded into spaces.
fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\r', '\n'], " ")
}

/// Inline code that survives backticks in the text.
fn code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

fn fmt_ms(v: Option<f64>) -> String {
    match v {
        Some(v) if v >= 1000.0 => format!("{:.1} s", v / 1000.0),
        Some(v) => format!("{v:.0} ms"),
        None => "—".into(),
    }
}

fn status_mark(s: LayerStatus) -> &'static str {
    match s {
        LayerStatus::Ok => "✓ ok",
        LayerStatus::Warn => "! warning",
        LayerStatus::Fail => "✗ fault",
        LayerStatus::NotChecked => "· not checked",
    }
}

fn stage_cell(s: Option<&StageReport>) -> String {
    match s {
        None => String::new(),
        Some(s) => match s.status {
            StageStatus::Ok => fmt_ms(s.duration_ms),
            StageStatus::Fail => format!("✗ {}", fmt_ms(s.duration_ms)),
            StageStatus::Skip => "—".into(),
        },
    }
}

fn stage_word(s: StageName) -> &'static str {
    crate::commands::stage::stage_word(s)
}

fn target_rows(o: &mut String, t: &TargetReport) {
    let dns = t.stages.iter().find(|s| s.stage == StageName::Dns);
    let mut families: Vec<_> = t.stages.iter().filter_map(|s| s.family).collect();
    families.dedup();
    let result = |stages: &[Option<&StageReport>]| -> String {
        match stages.iter().flatten().find(|s| s.status == StageStatus::Fail) {
            Some(s) => format!(
                "{}: {}",
                stage_word(s.stage),
                s.failure
                    .map(|f| f.as_str().to_string())
                    .unwrap_or_else(|| s.detail.clone())
            ),
            None => t.answer.clone().unwrap_or_else(|| {
                stages
                    .iter()
                    .flatten()
                    .find(|s| s.status == StageStatus::Skip)
                    .map(|s| s.detail.clone())
                    .unwrap_or_else(|| "—".into())
            }),
        }
    };
    if families.is_empty() {
        let _ = writeln!(
            o,
            "| {} | {} | | {} | | | | {} |",
            t.surface.as_str(),
            cell(&t.name),
            stage_cell(dns),
            cell(&result(&[dns]))
        );
    }
    for (i, fam) in families.iter().enumerate() {
        let of = |n: StageName| t.stages.iter().find(|s| s.stage == n && s.family == Some(*fam));
        let (tcp, tls, http) = (of(StageName::Tcp), of(StageName::Tls), of(StageName::Http));
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            t.surface.as_str(),
            cell(&t.name),
            fam.as_str(),
            if i == 0 { stage_cell(dns) } else { String::new() },
            stage_cell(tcp),
            stage_cell(tls),
            stage_cell(http),
            cell(&result(&[dns, tcp, tls, http]))
        );
    }
}

/// Renders the support report.
pub fn render(r: &SupportReport) -> String {
    let rep = &r.report;
    let v = &rep.verdict;
    let mut o = String::new();
    let _ = writeln!(o, "# chatgpt-doctor report\n");
    let _ = writeln!(
        o,
        "Made by {} {} on {} (the check started {} and took {}). {}\n",
        r.tool.name,
        r.tool.version,
        r.generated_at,
        rep.started_at,
        fmt_ms(Some(rep.duration_ms)),
        if r.anonymized {
            "Secrets removed; anonymized: addresses and local names are placeholders such as `[public-address]`."
        } else {
            "Secrets removed (API keys, proxy credentials)."
        }
    );

    let _ = writeln!(o, "## Verdict\n");
    let _ = writeln!(o, "**{}**\n", v.summary.trim());
    let _ = writeln!(
        o,
        "Code {} · exit code {}\n",
        code(&verdict_code(v.layer, v.cause)),
        rep.exit_code
    );
    if !v.working_surfaces.is_empty() || !v.failing_surfaces.is_empty() {
        let list = |s: &[crate::catalog::Surface]| {
            if s.is_empty() {
                "none".to_string()
            } else {
                s.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
            }
        };
        let _ = writeln!(
            o,
            "Surfaces that work: {} · failing: {}\n",
            list(&v.working_surfaces),
            list(&v.failing_surfaces)
        );
    }
    for (title, items) in [
        ("Evidence", &v.evidence),
        ("What to do", &v.advice),
        ("Warnings", &v.warnings),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(o, "{title}:\n");
        for i in items {
            let _ = writeln!(o, "- {}", i.replace('\n', " "));
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Layers\n");
    let _ = writeln!(o, "| layer | status | summary |\n|---|---|---|");
    for l in &rep.layers {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            l.layer.as_str(),
            status_mark(l.status),
            cell(&l.summary)
        );
    }
    let _ = writeln!(o);

    let _ = writeln!(o, "## Targets\n");
    let _ = writeln!(
        o,
        "Stage timings; ✗ marks the stage that failed, — a stage that did not run.\n"
    );
    let _ = writeln!(
        o,
        "| surface | target | family | dns | tcp | tls | http | result |\n|---|---|---|--:|--:|--:|--:|---|"
    );
    for t in &rep.targets {
        target_rows(&mut o, t);
    }
    let _ = writeln!(o);
    let failures: Vec<(&TargetReport, &StageReport)> = rep
        .targets
        .iter()
        .flat_map(|t| t.stages.iter().map(move |s| (t, s)))
        .filter(|(_, s)| s.status == StageStatus::Fail)
        .collect();
    if !failures.is_empty() {
        let _ = writeln!(o, "Failures:\n");
        for (t, s) in failures {
            let fam = s.family.map(|f| format!(" ({})", f.as_str())).unwrap_or_default();
            let addr = s
                .address
                .as_deref()
                .map(|a| format!(" to {a}"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "- {}{fam} {}{addr}: {} — {}",
                code(&t.name),
                stage_word(s.stage),
                s.failure.map(|f| code(f.as_str())).unwrap_or_default(),
                s.detail.replace('\n', " ")
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Status page\n");
    match &rep.status_page {
        Some(p) if p.reachable => {
            let _ = writeln!(
                o,
                "{} (indicator {}) — {}\n",
                p.description.as_deref().unwrap_or("no description"),
                code(p.indicator.as_deref().unwrap_or("?")),
                p.url
            );
        }
        Some(p) => {
            let _ = writeln!(o, "Could not be read ({}).\n", p.url);
        }
        None => {
            let _ = writeln!(o, "Not checked in this run.\n");
        }
    }

    let _ = writeln!(o, "## Environment\n");
    let sys = &r.system;
    let env = &rep.environment;
    let _ = writeln!(o, "| | |\n|---|---|");
    let mut row = |k: &str, v: String| {
        let _ = writeln!(o, "| {k} | {} |", cell(&v));
    };
    let mut os = format!("{} {}", sys.os, sys.arch);
    if let Some(rel) = &sys.os_release {
        os.push_str(&format!(", {rel}"));
    }
    if let Some(k) = &sys.kernel {
        os.push_str(&format!(", kernel {k}"));
    }
    row("OS", os);
    if let Some(h) = &sys.hostname {
        row("host name", h.clone());
    }
    let mut resolver = if sys.nameservers.is_empty() {
        "no nameserver configured".to_string()
    } else {
        sys.nameservers.join(", ")
    };
    if !sys.search_domains.is_empty() {
        resolver.push_str(&format!(" (search {})", sys.search_domains.join(" ")));
    }
    row("system resolver", resolver);
    row(
        "resolver used",
        if env.nameservers.is_empty() {
            env.resolver.clone()
        } else {
            format!("{} {}", env.resolver, env.nameservers.join(", "))
        },
    );
    row(
        "address families",
        env.families
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
    if sys.proxies.is_empty() {
        row("proxy", "no proxy variable set".into());
    }
    for p in &sys.proxies {
        row(
            "proxy",
            format!(
                "{}={}{}",
                p.variable,
                p.value,
                if p.had_credentials {
                    " (credentials removed)"
                } else {
                    ""
                }
            ),
        );
    }
    row(
        "OPENAI_API_KEY",
        if sys.api_key_set {
            "set (value not included)"
        } else {
            "not set"
        }
        .into(),
    );
    if !sys.openai_variables.is_empty() {
        row(
            "other OpenAI variables",
            format!("{} (values not included)", sys.openai_variables.join(", ")),
        );
    }
    row(
        "API base URL",
        format!(
            "{} ({})",
            env.base_url
                .as_deref()
                .unwrap_or(crate::catalog::DEFAULT_BASE_URL),
            env.base_url_source
        ),
    );
    let mut stores = format!(
        "system {} roots, public {} roots",
        env.system_store_roots, env.public_store_roots
    );
    if let Some(c) = &env.cacert {
        stores.push_str(&format!(", --cacert {c}"));
    }
    row("trust stores", stores);
    row(
        "timeouts",
        format!(
            "{} per stage, {} per run",
            fmt_ms(Some(env.timeout_ms)),
            fmt_ms(Some(env.max_time_ms))
        ),
    );
    if !env.overrides.is_empty() {
        row("overrides", env.overrides.join(", "));
    }
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "Removed or replaced: {}.\n",
        if r.redactions.is_empty() {
            "nothing".to_string()
        } else {
            r.redactions.join("; ")
        }
    );
    let _ = writeln!(
        o,
        "The JSON file next to this one holds the same report in full (schema: `chatgpt-doctor schema support`)."
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(code("x`y"), "`` x`y ``");
    }
}
