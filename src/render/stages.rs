//! Human output of the per-stage commands (`dns` like dig, `tcp`, `tls` like `openssl s_client`,
//! `http` like httpstat), `endpoints`, `watch` lines and `report`'s closing lines. Colour is
//! decided once, before rendering (see [`super::use_color`]). The words come from
//! `locales/*/commands.ftl`; columns are padded by display width ([`crate::i18n::pad`]), so
//! wide characters keep them aligned.

use std::fmt::Write as _;

use colored::Colorize;

use crate::commands::output::{
    DnsOutput, DnsStep, EndpointsOutput, HttpAttempt, HttpOutput, SniTest, StoreStep, SupportReport,
    TcpOutput, TcpStep, TlsOutput, TlsStep, WatchEvent, verdict_code,
};
use crate::i18n::{Lang, pad, pad_left, width};
use crate::report::{Cause, StageStatus};
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

fn ok_mark() -> colored::ColoredString {
    "✓".green().bold()
}

fn fail_mark() -> colored::ColoredString {
    "✗".red().bold()
}

fn failure_text(failure: Option<crate::probe::Failure>, detail: &str, lang: Lang) -> String {
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

fn dns_source(d: &DnsStep, lang: Lang) -> String {
    dns_source_text(&d.source, &d.servers, lang)
}

fn quiet_line(subject: &str, result: &str, lang: Lang) -> String {
    tr!(lang, "cmd-quiet-line", subject = subject, result = result)
}

/// `dns HOST`: one line per record type, as dig's answer section would say it.
pub fn dns(o: &DnsOutput, verbose: u8, quiet: bool, lang: Lang) -> String {
    let d = &o.dns;
    let mut s = String::new();
    if quiet {
        let line = if o.ok {
            d.detail.clone()
        } else {
            let code = match d.failure {
                Some(f) => f.as_str().to_string(),
                None => tr!(lang, "cmd-failed"),
            };
            format!("{} {code}", fail_mark())
        };
        let _ = writeln!(s, "{}", quiet_line(&d.query, &line, lang));
        return s;
    }
    let _ = writeln!(
        s,
        "{}",
        tr!(
            lang,
            "cmd-dns-head",
            query = d.query.bold().to_string(),
            source = dns_source(d, lang),
            duration = fmt_ms(d.duration_ms)
        )
    );
    let type_width = d
        .lookups
        .iter()
        .map(|l| width(&l.record_type))
        .max()
        .unwrap_or(0)
        .max(5)
        + 1;
    for l in &d.lookups {
        let answer = if l.answers.is_empty() {
            format!(
                "{} {}",
                fail_mark(),
                failure_text(
                    l.failure,
                    if verbose > 0 {
                        l.message.as_deref().unwrap_or("")
                    } else {
                        ""
                    },
                    lang
                )
            )
        } else {
            let answers = l.answers.join(", ");
            match l.ttl {
                Some(t) => format!("{answers}  {}", tr!(lang, "cmd-dns-ttl", ttl = t).dimmed()),
                None => answers,
            }
        };
        let _ = writeln!(
            s,
            "  {}{answer}  {}",
            pad(&l.record_type, type_width),
            fmt_ms(Some(l.duration_ms)).dimmed()
        );
    }
    if !o.ok && d.lookups.is_empty() {
        let _ = writeln!(
            s,
            "  {} {}",
            fail_mark(),
            failure_text(d.failure, &d.detail, lang)
        );
    }
    s
}

/// The width of the stage column of `tcp` and `http` (`dns`, `ipv4`, `ipv6`).
const STAGE_COLUMN: usize = 6;

fn dns_line(s: &mut String, d: &Option<DnsStep>, lang: Lang) {
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

fn tcp_text(t: &TcpStep, lang: Lang) -> String {
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
        StageStatus::Fail => format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-failed-after",
                failure = failure_text(t.failure, &t.detail, lang),
                duration = fmt_ms(t.duration_ms)
            )
        ),
        StageStatus::Skip => format!("— {}", t.detail),
    }
}

fn no_attempts(s: &mut String, ok_dns: bool, lang: Lang) {
    if ok_dns {
        let _ = writeln!(s, "  {}", tr!(lang, "cmd-no-address-in-family"));
    }
}

/// `tcp HOST[:PORT]`.
pub fn tcp(o: &TcpOutput, _verbose: u8, quiet: bool, lang: Lang) -> String {
    let mut s = String::new();
    let target = format!("{}:{}", o.host, o.port);
    if quiet {
        let result = if o.ok {
            tr!(lang, "cmd-tcp-quiet-connected")
        } else {
            tr!(lang, "cmd-failed")
        };
        let _ = writeln!(s, "{}", quiet_line(&target, &result, lang));
        return s;
    }
    let _ = writeln!(s, "{} {}", "tcp".bold(), target.bold());
    dns_line(&mut s, &o.dns, lang);
    for a in &o.attempts {
        let _ = writeln!(
            s,
            "  {}{}",
            pad(a.family.as_str(), STAGE_COLUMN),
            tcp_text(a, lang)
        );
        for t in &a.tried {
            let _ = writeln!(
                s,
                "  {}{}",
                pad("", STAGE_COLUMN),
                tr!(
                    lang,
                    "cmd-tcp-tried-first",
                    address = &t.address,
                    failure = t.failure.as_str()
                )
                .dimmed()
            );
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

fn store_text(st: &StoreStep, lang: Lang) -> String {
    match st.result.as_str() {
        "trusted" => format!("{} {}", ok_mark(), tr!(lang, "cmd-tls-store-trusted")),
        "rejected" => format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-tls-store-rejected",
                reason = failure_text(st.failure, st.message.as_deref().unwrap_or(""), lang)
            )
        ),
        "not_checked" => format!("· {}", tr!(lang, "cmd-tls-store-not-checked")),
        // A result this version does not know: its code.
        other => format!("· {other}"),
    }
}

/// The labels of a `tls` block, and the width of their column (the widest, plus two).
struct TlsLabels {
    chain: String,
    system_store: String,
    public_store: String,
    sni_test: String,
    width: usize,
}

impl TlsLabels {
    fn new(lang: Lang) -> TlsLabels {
        let chain = tr!(lang, "cmd-tls-label-chain");
        let system_store = tr!(lang, "cmd-tls-label-system-store");
        let public_store = tr!(lang, "cmd-tls-label-public-store");
        let sni_test = tr!(lang, "cmd-tls-label-sni-test");
        let width = ["tcp", "tls", &chain, &system_store, &public_store, &sni_test]
            .iter()
            .map(|l| width(l))
            .max()
            .unwrap_or(0)
            + 2;
        TlsLabels {
            chain,
            system_store,
            public_store,
            sni_test,
            width,
        }
    }
}

fn alpn_text(alpn: Option<&str>, lang: Lang) -> String {
    match alpn {
        Some(a) => a.to_string(),
        None => tr!(lang, "cmd-tls-alpn-none"),
    }
}

fn tls_block(s: &mut String, t: &TlsStep, indent: &str, labels: &TlsLabels, lang: Lang) {
    let w = labels.width;
    let head = match t.status {
        StageStatus::Ok => format!(
            "{} {}",
            ok_mark(),
            tr!(
                lang,
                "cmd-tls-ok",
                version = t.version.as_deref().unwrap_or("?"),
                alpn = alpn_text(t.alpn.as_deref(), lang),
                cipher = t.cipher.as_deref().unwrap_or("?"),
                duration = fmt_ms(t.duration_ms)
            )
        ),
        StageStatus::Fail if t.completed => format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-tls-failed-completed",
                failure = failure_text(t.failure, "", lang),
                version = t.version.as_deref().unwrap_or("?"),
                alpn = alpn_text(t.alpn.as_deref(), lang),
                duration = fmt_ms(t.duration_ms)
            )
        ),
        StageStatus::Fail => format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-failed-after",
                failure = failure_text(t.failure, &t.detail, lang),
                duration = fmt_ms(t.duration_ms)
            )
        ),
        StageStatus::Skip => format!("— {}", t.detail),
    };
    let _ = writeln!(s, "{indent}{}{head}", pad("tls", w));
    if t.status == StageStatus::Skip {
        return;
    }
    for (i, c) in t.chain.iter().enumerate() {
        let label = if i == 0 { labels.chain.as_str() } else { "" };
        let _ = writeln!(s, "{indent}{}{i} {}", pad(label, w), c.subject);
        let issuer = if c.san.is_empty() {
            tr!(
                lang,
                "cmd-tls-cert-issuer",
                issuer = &c.issuer,
                not_before = &c.not_before,
                not_after = &c.not_after
            )
        } else {
            tr!(
                lang,
                "cmd-tls-cert-issuer-san",
                issuer = &c.issuer,
                not_before = &c.not_before,
                not_after = &c.not_after,
                san = c.san.join(", ")
            )
        };
        let _ = writeln!(s, "{indent}{}  {}", pad("", w), issuer.dimmed());
    }
    if t.completed || !t.chain.is_empty() {
        let _ = writeln!(
            s,
            "{indent}{}{}",
            pad(&labels.system_store, w),
            store_text(&t.system_store, lang)
        );
        let _ = writeln!(
            s,
            "{indent}{}{}",
            pad(&labels.public_store, w),
            store_text(&t.public_store, lang)
        );
    }
}

fn sni_block(s: &mut String, t: &SniTest, indent: &str, labels: &TlsLabels, lang: Lang) {
    let w = labels.width;
    let head = if t.completed {
        format!(
            "{} {}",
            ok_mark(),
            tr!(
                lang,
                "cmd-sni-completed",
                decoy = &t.decoy_sni,
                version = t.version.as_deref().unwrap_or("?"),
                duration = fmt_ms(t.duration_ms)
            )
        )
    } else {
        format!(
            "{} {}",
            fail_mark(),
            tr!(
                lang,
                "cmd-sni-failed",
                decoy = &t.decoy_sni,
                failure = failure_text(t.failure, &t.detail, lang)
            )
        )
    };
    let _ = writeln!(s, "{indent}{}{head}", pad(&labels.sni_test, w));
    let _ = writeln!(s, "{indent}{}{}", pad("", w), t.conclusion);
}

/// `tls HOST[:PORT]`: per family, the handshake, the chain, both stores and the SNI test.
pub fn tls(o: &TlsOutput, _verbose: u8, quiet: bool, lang: Lang) -> String {
    let mut s = String::new();
    let target = format!("{}:{}", o.host, o.port);
    if quiet {
        let best = o
            .attempts
            .iter()
            .find(|a| a.tls.status == StageStatus::Ok)
            .or(o.attempts.first());
        let code = |f: Option<crate::probe::Failure>| match f {
            Some(f) => f.as_str().to_string(),
            None => tr!(lang, "cmd-failed"),
        };
        let what = match best {
            Some(a) if a.tls.status == StageStatus::Ok => {
                let version = a.tls.version.as_deref().unwrap_or("?");
                match a.tls.alpn.as_deref() {
                    Some(alpn) => format!("{version} {alpn}"),
                    None => version.to_string(),
                }
            }
            Some(a) if a.tls.status == StageStatus::Fail => code(a.tls.failure),
            Some(a) => code(a.tcp.failure),
            None => tr!(lang, "cmd-no-address"),
        };
        let _ = writeln!(s, "{}", quiet_line(&target, &what, lang));
        return s;
    }
    let head = match o.attempts.first().and_then(|a| a.tls.sni.clone()) {
        Some(sni) => tr!(
            lang,
            "cmd-tls-head-sni",
            target = target.bold().to_string(),
            sni = sni
        ),
        None => tr!(lang, "cmd-tls-head-no-sni", target = target.bold().to_string()),
    };
    let _ = writeln!(s, "{} {head}", "tls".bold());
    dns_line(&mut s, &o.dns, lang);
    let labels = TlsLabels::new(lang);
    for a in &o.attempts {
        let _ = writeln!(s, "  {}", a.family.as_str().bold());
        let _ = writeln!(s, "    {}{}", pad("tcp", labels.width), tcp_text(&a.tcp, lang));
        tls_block(&mut s, &a.tls, "    ", &labels, lang);
        if let Some(t) = &a.sni_test {
            sni_block(&mut s, t, "    ", &labels, lang);
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
    let mut s = String::new();
    if quiet {
        let code = |f: Option<crate::probe::Failure>| match f {
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

/// `endpoints`: the built-in catalog as a table, each probe explained below its row.
pub fn endpoints(o: &EndpointsOutput, lang: Lang) -> String {
    let mut s = String::new();
    let (surface, target, url) = (
        tr!(lang, "cmd-endpoints-surface"),
        tr!(lang, "cmd-endpoints-target"),
        tr!(lang, "cmd-endpoints-url"),
    );
    let surface_w = o
        .endpoints
        .iter()
        .map(|e| width(e.surface.as_str()))
        .chain([width(&surface)])
        .max()
        .unwrap_or(0)
        + 2;
    let target_w = o
        .endpoints
        .iter()
        .map(|e| width(&e.name))
        .chain([width(&target), 10])
        .max()
        .unwrap_or(10)
        + 2;
    let _ = writeln!(s, "{}{}{url}", pad(&surface, surface_w), pad(&target, target_w));
    for e in &o.endpoints {
        let _ = writeln!(
            s,
            "{}{}{}",
            pad(e.surface.as_str(), surface_w),
            pad(&e.name, target_w),
            e.url
        );
        let _ = writeln!(s, "{}{}", pad("", surface_w), e.probe.dimmed());
    }
    s
}

fn verdict_mark(cause: Cause) -> colored::ColoredString {
    match cause {
        Cause::Healthy => ok_mark(),
        Cause::Inconclusive => "?".yellow().bold(),
        _ => fail_mark(),
    }
}

/// One `watch` line: a change of verdict (or, with `-v`, an unchanged check).
pub fn watch_line(e: &WatchEvent, lang: Lang) -> String {
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

/// What `report` says after writing its files.
pub fn report_written(r: &SupportReport, markdown: &str, json: &str, lang: Lang) -> String {
    let v = &r.report.verdict;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        tr!(
            lang,
            "cmd-report-verdict",
            label = tr!(lang, "cmd-report-verdict-label").bold().to_string(),
            summary = v.summary.trim(),
            code = format!("[{}]", verdict_code(v.layer, v.cause))
                .dimmed()
                .to_string()
        )
    );
    let _ = writeln!(
        s,
        "{}",
        tr!(lang, "cmd-report-wrote", markdown = markdown, json = json)
    );
    if r.anonymized {
        let _ = writeln!(s, "{}", tr!(lang, "cmd-report-anonymized"));
    } else {
        let _ = writeln!(s, "{}", tr!(lang, "cmd-report-secrets-removed"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::output::{Phases, TcpStep, Timeline};
    use crate::probe::Family;

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

    #[test]
    fn spans_read_as_words() {
        assert_eq!(fmt_span(45_000.0, Lang::En), "45 s");
        assert_eq!(fmt_span(200_000.0, Lang::En), "3m 20s");
        assert_eq!(fmt_span(200_000.0, Lang::ZhCn), "3 分 20 秒");
        assert_eq!(fmt_span(7_500_000.0, Lang::ZhCn), "2 小时 5 分");
    }
}
