//! The support report as Markdown (GitHub-flavoured: tables, no HTML), for pasting into a ticket
//! or an issue. It renders an already-redacted [`SupportReport`]; it never colours.

use std::fmt::Write as _;

use crate::catalog::Surface;
use crate::i18n::{Lang, joined};
use crate::report::{
    Environment, Layer, LayerStatus, Report, ResolverViewReport, StageName, StageReport, StageStatus,
    SupportReport, SystemReport, TargetReport, verdict_code,
};
use crate::tr;

/// Text from the report in a table cell or a sentence: its markup escaped, on one line
/// ([`crate::safe_text::markdown`]).
fn cell(s: &str) -> String {
    crate::safe_text::markdown(s).into_owned()
}

/// Inline code that survives any backticks and pipes in the text.
fn code(s: &str) -> String {
    crate::safe_text::markdown_code(s)
}

/// A duration in a table cell: whole milliseconds, or seconds from 1 s on (the terminal views'
/// [`super::stages::fmt_ms`] also shows tenths below 1 ms; tables keep their columns short).
fn fmt_ms(v: Option<f64>) -> String {
    match v {
        Some(v) if v >= 1000.0 => format!("{:.1} s", v / 1000.0),
        Some(v) => format!("{v:.0} ms"),
        None => "—".into(),
    }
}

fn status_mark(s: LayerStatus, lang: Lang) -> String {
    match s {
        LayerStatus::Ok => tr!(lang, "cmd-md-status-ok"),
        LayerStatus::Warn => tr!(lang, "cmd-md-status-warn"),
        LayerStatus::Fail => tr!(lang, "cmd-md-status-fail"),
        LayerStatus::NotChecked => tr!(lang, "cmd-md-status-not-checked"),
    }
}

/// A layer's name in words (the shared `layer-*` messages).
fn layer_name(l: Layer, lang: Lang) -> String {
    match l {
        // The verdict's "no layer" never heads a row; its code, should it.
        Layer::None => l.as_str().to_string(),
        _ => crate::i18n::text(lang, &format!("layer-{}", l.as_str()), &[]),
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

/// A table row: the cells between pipes.
fn row<S: AsRef<str>>(cells: &[S]) -> String {
    let inner: Vec<&str> = cells.iter().map(std::convert::AsRef::as_ref).collect();
    format!("| {} |", inner.join(" | "))
}

fn target_rows(o: &mut String, t: &TargetReport, lang: Lang) {
    let dns = t.stages.iter().find(|s| s.stage == StageName::Dns);
    let mut families: Vec<_> = t.stages.iter().filter_map(|s| s.family).collect();
    families.dedup();
    let result = |stages: &[Option<&StageReport>]| -> String {
        match stages.iter().flatten().find(|s| s.status == StageStatus::Fail) {
            Some(s) => tr!(
                lang,
                "cmd-md-result-failed",
                stage = s.stage.as_str(),
                failure = s
                    .failure
                    .map(|f| f.as_str().to_string())
                    .unwrap_or_else(|| s.detail.clone())
            ),
            None => stages
                .iter()
                .flatten()
                .find_map(|s| s.http.as_ref())
                .map(|h| {
                    crate::evidence::signatures::describe_parts(lang, h.status, &h.responder, h.shown_kind())
                })
                .or_else(|| {
                    stages
                        .iter()
                        .flatten()
                        .find_map(|s| s.skip_reason)
                        .map(|r| r.describe(lang))
                })
                .unwrap_or_else(|| "—".into()),
        }
    };
    if families.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            row(&[
                t.surface.as_str().to_string(),
                cell(&t.name),
                String::new(),
                stage_cell(dns),
                String::new(),
                String::new(),
                String::new(),
                cell(&result(&[dns])),
            ])
        );
    }
    for (i, fam) in families.iter().enumerate() {
        let of = |n: StageName| t.stages.iter().find(|s| s.stage == n && s.family == Some(*fam));
        let (tcp, tls, http) = (of(StageName::Tcp), of(StageName::Tls), of(StageName::Http));
        let _ = writeln!(
            o,
            "{}",
            row(&[
                t.surface.as_str().to_string(),
                cell(&t.name),
                fam.as_str().to_string(),
                if i == 0 { stage_cell(dns) } else { String::new() },
                stage_cell(tcp),
                stage_cell(tls),
                stage_cell(http),
                cell(&result(&[dns, tcp, tls, http])),
            ])
        );
    }
}

/// Renders the support report in `lang` (its verdict, evidence and advice are in the language
/// the report was judged in: judge it in `lang`).
pub fn render(r: &SupportReport, lang: Lang) -> String {
    // Every string the document holds is made safe for a terminal before a word is written.
    let view = super::terminal_view(r);
    let r = &*view;
    let mut o = String::new();
    heading(&mut o, r, lang);
    verdict_section(&mut o, &r.report, lang);
    layers_section(&mut o, &r.report, lang);
    targets_section(&mut o, &r.report, lang);
    dns_views_section(&mut o, &r.report, lang);
    status_page_section(&mut o, &r.report, lang);
    environment_section(&mut o, &r.system, &r.report.environment, lang);
    closing(&mut o, r, lang);
    o
}

/// The title, and who made the file when.
fn heading(o: &mut String, r: &SupportReport, lang: Lang) {
    let rep = &r.report;
    let _ = writeln!(o, "# {}\n", tr!(lang, "cmd-md-title"));
    let _ = writeln!(
        o,
        "{}\n",
        tr!(
            lang,
            "cmd-md-made-by",
            tool = &r.tool.name,
            version = &r.tool.version,
            generated = &r.generated_at,
            started = &rep.started_at,
            duration = fmt_ms(Some(rep.duration_ms)),
            anonymized = if r.anonymized { "yes" } else { "no" }
        )
    );
}

/// The verdict: its sentence and code, the surfaces that work and fail, then the evidence,
/// advice and warnings as lists.
fn verdict_section(o: &mut String, rep: &Report, lang: Lang) {
    let v = &rep.verdict;
    let _ = writeln!(o, "## {}\n", tr!(lang, "cmd-md-verdict"));
    let _ = writeln!(o, "**{}**\n", cell(v.summary.trim()));
    let _ = writeln!(
        o,
        "{}\n",
        tr!(
            lang,
            "cmd-md-code",
            code = code(&verdict_code(v.layer, v.cause)),
            exit = rep.exit_code
        )
    );
    if !v.working_surfaces.is_empty() || !v.failing_surfaces.is_empty() {
        let list = |s: &[Surface]| {
            if s.is_empty() {
                tr!(lang, "cmd-none")
            } else {
                let names: Vec<&str> = s.iter().map(|x| x.as_str()).collect();
                joined(lang, &names)
            }
        };
        let _ = writeln!(
            o,
            "{}\n",
            tr!(
                lang,
                "cmd-md-surfaces",
                working = list(&v.working_surfaces),
                failing = list(&v.failing_surfaces)
            )
        );
    }
    for (title, items) in [
        (tr!(lang, "cmd-md-evidence"), &v.evidence),
        (tr!(lang, "cmd-md-advice"), &v.advice),
        (tr!(lang, "cmd-md-warnings"), &v.warnings),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(o, "{title}\n");
        for i in items {
            let _ = writeln!(o, "- {}", cell(i));
        }
        let _ = writeln!(o);
    }
}

/// One table row per layer.
fn layers_section(o: &mut String, rep: &Report, lang: Lang) {
    let _ = writeln!(o, "## {}\n", tr!(lang, "cmd-md-layers"));
    let _ = writeln!(
        o,
        "{}\n|---|---|---|",
        row(&[
            tr!(lang, "cmd-md-col-layer"),
            tr!(lang, "cmd-md-col-status"),
            tr!(lang, "cmd-md-col-summary"),
        ])
    );
    for l in &rep.layers {
        let _ = writeln!(
            o,
            "{}",
            row(&[
                cell(&layer_name(l.layer, lang)),
                status_mark(l.status, lang),
                cell(&l.summary),
            ])
        );
    }
    let _ = writeln!(o);
}

/// The targets as a table of stage timings, then every failed stage in a sentence.
fn targets_section(o: &mut String, rep: &Report, lang: Lang) {
    let _ = writeln!(o, "## {}\n", tr!(lang, "cmd-md-targets"));
    let _ = writeln!(o, "{}\n", tr!(lang, "cmd-md-targets-note"));
    let _ = writeln!(
        o,
        "{}\n|---|---|---|--:|--:|--:|--:|---|",
        row(&[
            tr!(lang, "cmd-md-col-surface"),
            tr!(lang, "cmd-md-col-target"),
            tr!(lang, "cmd-md-col-family"),
            StageName::Dns.as_str().into(),
            StageName::Tcp.as_str().into(),
            StageName::Tls.as_str().into(),
            StageName::Http.as_str().into(),
            tr!(lang, "cmd-md-col-result"),
        ])
    );
    for t in &rep.targets {
        target_rows(o, t, lang);
    }
    let _ = writeln!(o);
    failures_list(o, rep, lang);
}

/// Every failed stage of every target, one sentence each (nothing when none failed).
fn failures_list(o: &mut String, rep: &Report, lang: Lang) {
    let failures: Vec<(&TargetReport, &StageReport)> = rep
        .targets
        .iter()
        .flat_map(|t| t.stages.iter().map(move |s| (t, s)))
        .filter(|(_, s)| s.status == StageStatus::Fail)
        .collect();
    if failures.is_empty() {
        return;
    }
    let _ = writeln!(o, "{}\n", tr!(lang, "cmd-md-failures"));
    for (t, s) in failures {
        let _ = writeln!(
            o,
            "- {}",
            // A library's debug text is no sentence: the failure's words stand in for it.
            tr!(
                lang,
                "cmd-md-failure",
                target = code(&t.name),
                family = s
                    .family
                    .map(super::super::probe::observation::Family::as_str)
                    .unwrap_or("none"),
                stage = s.stage.as_str(),
                address = cell(s.address.as_deref().unwrap_or("none")),
                failure = s.failure.map(|f| code(f.as_str())).unwrap_or_default(),
                detail = if crate::safe_text::is_debug_text(&s.detail) {
                    cell(&s.failure.map(|f| f.describe(lang)).unwrap_or_default())
                } else {
                    cell(&s.detail)
                }
            )
        );
    }
    let _ = writeln!(o);
}

/// Every OpenAI name as the OS resolver (what apps use), the configured DNS servers and the DoH
/// controls answered it, as a table (nothing when no name was looked up).
fn dns_views_section(o: &mut String, rep: &Report, lang: Lang) {
    if rep.dns_views.is_empty() {
        return;
    }
    let _ = writeln!(o, "## {}\n", tr!(lang, "cmd-md-views"));
    let _ = writeln!(o, "{}\n", tr!(lang, "cmd-md-views-note"));
    let _ = writeln!(
        o,
        "{}\n|---|---|---|---|---|",
        row(&[
            tr!(lang, "cmd-md-col-name"),
            tr!(lang, "cmd-md-col-os"),
            tr!(lang, "cmd-md-col-configured"),
            tr!(lang, "cmd-md-col-doh"),
            tr!(lang, "cmd-md-col-agree"),
        ])
    );
    for v in &rep.dns_views {
        let doh: Vec<String> = v
            .doh
            .iter()
            .map(|d| {
                let answer = match (&d.failure, d.answers.is_empty()) {
                    (Some(f), _) => code(f.as_str()),
                    (None, true) => "—".to_string(),
                    (None, false) => cell(&d.answers.join(" ")),
                };
                // The resolver's host is enough to tell the controls apart in a cell.
                let resolver = url::Url::parse(&d.resolver)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_else(|| d.resolver.clone());
                format!("{} {} {answer}", cell(&resolver), d.record_type)
            })
            .collect();
        let agree = match v.agree {
            Some(true) => "✓",
            Some(false) => "✗",
            None => "—",
        };
        let _ = writeln!(
            o,
            "{}",
            row(&[
                code(&v.name),
                view_cell(&v.os, lang),
                view_cell(&v.configured, lang),
                doh.join("; "),
                agree.to_string(),
            ])
        );
    }
    let _ = writeln!(o);
}

/// One resolver's answer in a cell: its addresses (with the hosts file's lines that gave them),
/// its failure's code, or why it was not asked.
fn view_cell(v: &ResolverViewReport, lang: Lang) -> String {
    let mut text = match v.status {
        StageStatus::Ok => cell(&v.addresses.join(" ")),
        StageStatus::Fail => v.failure.map_or_else(|| "—".to_string(), |f| code(f.as_str())),
        StageStatus::Skip => v
            .skip_reason
            .map_or_else(|| "—".to_string(), |s| s.describe(lang)),
    };
    if let Some((file, lines)) = v.hosts_lines() {
        let from = tr!(lang, "cmd-md-view-from-hosts", file = code(file), lines = lines);
        // The message brings its own separator (none before a full-width bracket).
        text.push_str(&from);
    }
    text
}

/// What OpenAI's status page said, or why it is not known.
fn status_page_section(o: &mut String, rep: &Report, lang: Lang) {
    let _ = writeln!(o, "## {}\n", tr!(lang, "cmd-md-status-page"));
    match &rep.status_page {
        Some(p) if p.reachable => {
            let description = match p.description.as_deref() {
                Some(d) => cell(d),
                None => tr!(lang, "cmd-md-no-description"),
            };
            let _ = writeln!(
                o,
                "{}\n",
                tr!(
                    lang,
                    "cmd-md-status-reachable",
                    description = description,
                    indicator = code(p.indicator.as_deref().unwrap_or("?")),
                    url = cell(&p.url)
                )
            );
        }
        Some(p) => {
            let _ = writeln!(
                o,
                "{}\n",
                tr!(lang, "cmd-md-status-unreadable", url = cell(&p.url))
            );
        }
        None => {
            let _ = writeln!(o, "{}\n", tr!(lang, "cmd-md-status-not-checked-run"));
        }
    }
}

/// A row of the two-column environment table.
fn environment_row(o: &mut String, key: &str, value: String) {
    let _ = writeln!(o, "| {} | {} |", cell(key), cell(&value));
}

/// The machine and the run's settings as a two-column table.
fn environment_section(o: &mut String, sys: &SystemReport, env: &Environment, lang: Lang) {
    let _ = writeln!(o, "## {}\n", tr!(lang, "cmd-md-environment"));
    let _ = writeln!(o, "| | |\n|---|---|");
    machine_rows(o, sys, env, lang);
    proxy_and_key_rows(o, sys, lang);
    run_rows(o, env, lang);
    let _ = writeln!(o);
}

/// The operating system, host name, resolvers and address families.
fn machine_rows(o: &mut String, sys: &SystemReport, env: &Environment, lang: Lang) {
    let mut os = vec![format!("{} {}", sys.os, sys.arch)];
    if let Some(rel) = &sys.os_release {
        os.push(rel.clone());
    }
    if let Some(k) = &sys.kernel {
        os.push(tr!(lang, "cmd-md-env-kernel", kernel = k));
    }
    environment_row(o, &tr!(lang, "cmd-md-env-os"), joined(lang, &os));
    if let Some(h) = &sys.hostname {
        environment_row(o, &tr!(lang, "cmd-md-env-hostname"), h.clone());
    }
    let servers = if sys.nameservers.is_empty() {
        tr!(lang, "cmd-md-env-no-nameserver")
    } else {
        sys.nameservers.join(", ")
    };
    let resolver = if sys.search_domains.is_empty() {
        servers
    } else {
        tr!(
            lang,
            "cmd-md-env-search",
            servers = servers,
            domains = sys.search_domains.join(" ")
        )
    };
    environment_row(o, &tr!(lang, "cmd-md-env-system-resolver"), resolver);
    environment_row(
        o,
        &tr!(lang, "cmd-md-env-resolver-used"),
        super::stages::dns_source_text(&env.resolver, &env.nameservers, lang),
    );
    environment_row(
        o,
        &tr!(lang, "cmd-md-env-families"),
        env.families
            .iter()
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    );
}

/// The proxy variables (credentials removed) and which OpenAI variables are set (never their
/// values).
fn proxy_and_key_rows(o: &mut String, sys: &SystemReport, lang: Lang) {
    let proxy = tr!(lang, "cmd-md-env-proxy");
    if sys.proxies.is_empty() {
        environment_row(o, &proxy, tr!(lang, "cmd-md-env-no-proxy"));
    }
    for p in &sys.proxies {
        let setting = format!("{}={}", p.variable, p.value);
        environment_row(
            o,
            &proxy,
            if p.had_credentials {
                tr!(lang, "cmd-md-env-credentials-removed", setting = setting)
            } else {
                setting
            },
        );
    }
    environment_row(
        o,
        "OPENAI_API_KEY",
        if sys.api_key_set {
            tr!(lang, "cmd-md-env-key-set")
        } else {
            tr!(lang, "cmd-md-env-key-not-set")
        },
    );
    if !sys.openai_variables.is_empty() {
        environment_row(
            o,
            &tr!(lang, "cmd-md-env-openai-variables"),
            tr!(
                lang,
                "cmd-md-env-values-not-included",
                names = sys.openai_variables.join(", ")
            ),
        );
    }
}

/// The run's settings: base URL, trust stores, timeouts and overrides.
fn run_rows(o: &mut String, env: &Environment, lang: Lang) {
    environment_row(
        o,
        &tr!(lang, "cmd-md-env-base-url"),
        tr!(
            lang,
            "cmd-md-env-base-url-value",
            url = env
                .base_url
                .as_deref()
                .unwrap_or(crate::catalog::DEFAULT_BASE_URL),
            source = &env.base_url_source
        ),
    );
    let stores = match &env.cacert {
        Some(c) => tr!(
            lang,
            "cmd-md-env-stores-cacert",
            system = env.system_store_roots,
            public = env.public_store_roots,
            cacert = c
        ),
        None => tr!(
            lang,
            "cmd-md-env-stores-value",
            system = env.system_store_roots,
            public = env.public_store_roots
        ),
    };
    environment_row(o, &tr!(lang, "cmd-md-env-stores"), stores);
    environment_row(
        o,
        &tr!(lang, "cmd-md-env-timeouts"),
        tr!(
            lang,
            "cmd-md-env-timeouts-value",
            stage = fmt_ms(Some(env.timeout_ms)),
            run = fmt_ms(Some(env.max_time_ms))
        ),
    );
    if !env.overrides.is_empty() {
        environment_row(o, &tr!(lang, "cmd-md-env-overrides"), env.overrides.join(", "));
    }
}

/// What was removed from the file, and where the full JSON is.
fn closing(o: &mut String, r: &SupportReport, lang: Lang) {
    let what = if r.redactions.is_empty() {
        tr!(lang, "cmd-md-nothing")
    } else {
        r.redactions.join(&tr!(lang, "cmd-separator-strong"))
    };
    let _ = writeln!(o, "{}\n", tr!(lang, "cmd-md-removed", what = what));
    let _ = writeln!(o, "{}", tr!(lang, "cmd-md-json-note"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(code("x`y"), "`` x`y ``");
    }

    #[test]
    fn optional_parts_of_a_failure_line_leave_no_trace() {
        let line = |lang, family, address| {
            tr!(
                lang,
                "cmd-md-failure",
                target = "`api.openai.com`",
                family = family,
                stage = "tcp",
                address = address,
                failure = "`connection_refused`",
                detail = "refused"
            )
        };
        assert_eq!(
            line(Lang::En, "none", "none"),
            "`api.openai.com` tcp: `connection_refused` — refused"
        );
        assert_eq!(
            line(Lang::En, "ipv4", "127.0.0.1:443"),
            "`api.openai.com` (ipv4) tcp to 127.0.0.1:443: `connection_refused` — refused"
        );
        assert_eq!(
            line(Lang::ZhCn, "ipv4", "127.0.0.1:443"),
            "`api.openai.com`（ipv4）的 tcp（连接 127.0.0.1:443）：`connection_refused` — refused"
        );
        let made = |lang, anonymized| {
            tr!(
                lang,
                "cmd-md-made-by",
                tool = "chatgpt-doctor",
                version = "1.0",
                generated = "G",
                started = "S",
                duration = "2 s",
                anonymized = anonymized
            )
        };
        assert_eq!(
            made(Lang::En, "no"),
            "Made by chatgpt-doctor 1.0 on G (the check started S and took 2 s). Secrets removed (API keys, proxy credentials)."
        );
        assert!(made(Lang::ZhCn, "yes").ends_with("`[public-address]` 之类的占位符。"));
    }
}
