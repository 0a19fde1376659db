//! Human output of the per-stage commands (`dns` like dig, `tcp`, `tls` like `openssl s_client`,
//! `http` like httpstat), `endpoints`, `watch` lines and `report`'s closing lines. Colour is
//! decided once, before rendering (see [`super::use_color`]).

use std::fmt::Write as _;

use colored::Colorize;

use crate::commands::output::{
    DnsOutput, DnsStep, EndpointsOutput, HttpAttempt, HttpOutput, SniTest, StoreStep, SupportReport,
    TcpOutput, TcpStep, TlsOutput, TlsStep, WatchEvent, verdict_code,
};
use crate::report::{Cause, StageStatus};

/// `12 ms`, `1.5 s`, or `—`.
pub fn fmt_ms(v: Option<f64>) -> String {
    match v {
        Some(v) if v >= 1000.0 => format!("{:.1} s", v / 1000.0),
        Some(v) if v > 0.0 && v < 1.0 => format!("{v:.1} ms"),
        Some(v) => format!("{v:.0} ms"),
        None => "—".into(),
    }
}

/// `45 s`, `3m 20s`, `2h 5m`.
pub fn fmt_span(ms: f64) -> String {
    let s = (ms / 1000.0).round() as u64;
    if ms < 1000.0 {
        fmt_ms(Some(ms))
    } else if s < 60 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{}m {}s", s / 60, s % 60)
    } else {
        format!("{}h {}m", s / 3600, (s % 3600) / 60)
    }
}

fn ok_mark() -> colored::ColoredString {
    "✓".green().bold()
}

fn fail_mark() -> colored::ColoredString {
    "✗".red().bold()
}

fn failure_text(failure: Option<crate::probe::Failure>, detail: &str) -> String {
    match failure {
        Some(f) if detail.is_empty() => format!("{} ({})", f.describe(crate::i18n::Lang::En), f.as_str()),
        Some(f) => format!(
            "{} ({}): {}",
            f.describe(crate::i18n::Lang::En),
            f.as_str(),
            detail
        ),
        None => detail.to_string(),
    }
}

fn dns_source(d: &DnsStep) -> String {
    match d.source.as_str() {
        "pinned" => "pinned by --resolve".into(),
        "literal" => "--connect-to".into(),
        src if d.servers.is_empty() => src.to_string(),
        src => format!("{src} {}", d.servers.join(", ")),
    }
}

/// `dns HOST`: one line per record type, as dig's answer section would say it.
pub fn dns(o: &DnsOutput, verbose: u8, quiet: bool) -> String {
    let d = &o.dns;
    let mut s = String::new();
    if quiet {
        let line = if o.ok {
            d.detail.clone()
        } else {
            format!(
                "{} {}",
                fail_mark(),
                d.failure.map(|f| f.as_str()).unwrap_or("failed")
            )
        };
        let _ = writeln!(s, "{}: {line}", d.query);
        return s;
    }
    let _ = writeln!(
        s,
        "{} via {} in {}",
        d.query.bold(),
        dns_source(d),
        fmt_ms(d.duration_ms)
    );
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
                    }
                )
            )
        } else {
            let ttl = l.ttl.map(|t| format!("  ttl {t}")).unwrap_or_default();
            format!("{}{}", l.answers.join(", "), ttl.dimmed())
        };
        let _ = writeln!(
            s,
            "  {:<5} {answer}  {}",
            l.record_type,
            fmt_ms(Some(l.duration_ms)).dimmed()
        );
    }
    if !o.ok && d.lookups.is_empty() {
        let _ = writeln!(s, "  {} {}", fail_mark(), failure_text(d.failure, &d.detail));
    }
    s
}

fn dns_line(s: &mut String, d: &Option<DnsStep>) {
    let Some(d) = d else { return };
    let text = match d.status {
        StageStatus::Ok => format!("{}  {}", d.detail, format!("({})", dns_source(d)).dimmed()),
        _ => format!("{} {}", fail_mark(), failure_text(d.failure, &d.detail)),
    };
    let _ = writeln!(s, "  {:<6}{text}  {}", "dns", fmt_ms(d.duration_ms).dimmed());
}

fn tcp_text(t: &TcpStep) -> String {
    match t.status {
        StageStatus::Ok => format!(
            "{} connected to {} in {}",
            ok_mark(),
            t.address.as_deref().unwrap_or("?"),
            fmt_ms(t.duration_ms)
        ),
        StageStatus::Fail => format!(
            "{} {} after {}",
            fail_mark(),
            failure_text(t.failure, &t.detail),
            fmt_ms(t.duration_ms)
        ),
        StageStatus::Skip => format!("— {}", t.detail),
    }
}

fn no_attempts(s: &mut String, ok_dns: bool) {
    if ok_dns {
        let _ = writeln!(s, "  no address in the allowed address family (-4/-6)");
    }
}

/// `tcp HOST[:PORT]`.
pub fn tcp(o: &TcpOutput, _verbose: u8, quiet: bool) -> String {
    let mut s = String::new();
    if quiet {
        let _ = writeln!(
            s,
            "{}:{}: {}",
            o.host,
            o.port,
            if o.ok { "connected" } else { "failed" }
        );
        return s;
    }
    let _ = writeln!(s, "{} {}", "tcp".bold(), format!("{}:{}", o.host, o.port).bold());
    dns_line(&mut s, &o.dns);
    for a in &o.attempts {
        let _ = writeln!(s, "  {:<6}{}", a.family.as_str(), tcp_text(a));
        for t in &a.tried {
            let _ = writeln!(
                s,
                "  {:<6}{}",
                "",
                format!("tried {} first: {}", t.address, t.failure.as_str()).dimmed()
            );
        }
    }
    if o.attempts.is_empty() {
        no_attempts(&mut s, o.dns.as_ref().is_none_or(|d| d.status == StageStatus::Ok));
    }
    s
}

fn store_text(st: &StoreStep) -> String {
    match st.result.as_str() {
        "trusted" => format!("{} trusted", ok_mark()),
        "rejected" => format!(
            "{} rejected: {}",
            fail_mark(),
            failure_text(st.failure, st.message.as_deref().unwrap_or(""))
        ),
        other => format!("· {}", other.replace('_', " ")),
    }
}

fn tls_block(s: &mut String, t: &TlsStep, pad: &str) {
    let head = match t.status {
        StageStatus::Ok => format!(
            "{} {}, ALPN {}, {} in {}",
            ok_mark(),
            t.version.as_deref().unwrap_or("?"),
            t.alpn.as_deref().unwrap_or("none"),
            t.cipher.as_deref().unwrap_or("?"),
            fmt_ms(t.duration_ms)
        ),
        StageStatus::Fail if t.completed => format!(
            "{} {} (the handshake completed: {}, ALPN {}) in {}",
            fail_mark(),
            failure_text(t.failure, ""),
            t.version.as_deref().unwrap_or("?"),
            t.alpn.as_deref().unwrap_or("none"),
            fmt_ms(t.duration_ms)
        ),
        StageStatus::Fail => format!(
            "{} {} after {}",
            fail_mark(),
            failure_text(t.failure, &t.detail),
            fmt_ms(t.duration_ms)
        ),
        StageStatus::Skip => format!("— {}", t.detail),
    };
    let _ = writeln!(s, "{pad}{:<14}{head}", "tls");
    if t.status == StageStatus::Skip {
        return;
    }
    for (i, c) in t.chain.iter().enumerate() {
        let label = if i == 0 { "chain" } else { "" };
        let _ = writeln!(s, "{pad}{label:<14}{i} {}", c.subject);
        let san = if c.san.is_empty() {
            String::new()
        } else {
            format!(" · SAN {}", c.san.join(", "))
        };
        let _ = writeln!(
            s,
            "{pad}{:<14}  {}",
            "",
            format!("issuer {} · {} → {}{san}", c.issuer, c.not_before, c.not_after).dimmed()
        );
    }
    if t.completed || !t.chain.is_empty() {
        let _ = writeln!(s, "{pad}{:<14}{}", "system store", store_text(&t.system_store));
        let _ = writeln!(s, "{pad}{:<14}{}", "public store", store_text(&t.public_store));
    }
}

fn sni_block(s: &mut String, t: &SniTest, pad: &str) {
    let head = if t.completed {
        format!(
            "{} with the decoy SNI {} the handshake completes ({}) in {}",
            ok_mark(),
            t.decoy_sni,
            t.version.as_deref().unwrap_or("?"),
            fmt_ms(t.duration_ms)
        )
    } else {
        format!(
            "{} with the decoy SNI {}: {}",
            fail_mark(),
            t.decoy_sni,
            failure_text(t.failure, &t.detail)
        )
    };
    let _ = writeln!(s, "{pad}{:<14}{head}", "sni test");
    let _ = writeln!(s, "{pad}{:<14}{}", "", t.conclusion);
}

/// `tls HOST[:PORT]`: per family, the handshake, the chain, both stores and the SNI test.
pub fn tls(o: &TlsOutput, _verbose: u8, quiet: bool) -> String {
    let mut s = String::new();
    if quiet {
        let best = o
            .attempts
            .iter()
            .find(|a| a.tls.status == StageStatus::Ok)
            .or(o.attempts.first());
        let what = match best {
            Some(a) if a.tls.status == StageStatus::Ok => format!(
                "{} {}",
                a.tls.version.as_deref().unwrap_or("?"),
                a.tls.alpn.as_deref().unwrap_or("")
            ),
            Some(a) if a.tls.status == StageStatus::Fail => {
                a.tls.failure.map(|f| f.as_str()).unwrap_or("failed").to_string()
            }
            Some(a) => a.tcp.failure.map(|f| f.as_str()).unwrap_or("failed").to_string(),
            None => "no address".into(),
        };
        let _ = writeln!(s, "{}:{}: {}", o.host, o.port, what.trim());
        return s;
    }
    let sni = o
        .attempts
        .first()
        .and_then(|a| a.tls.sni.clone())
        .map(|n| format!(" (SNI {n})"))
        .unwrap_or_else(|| " (no SNI: an address)".into());
    let _ = writeln!(
        s,
        "{} {}{sni}",
        "tls".bold(),
        format!("{}:{}", o.host, o.port).bold()
    );
    dns_line(&mut s, &o.dns);
    for a in &o.attempts {
        let _ = writeln!(s, "  {}", a.family.as_str().bold());
        let _ = writeln!(s, "    {:<14}{}", "tcp", tcp_text(&a.tcp));
        tls_block(&mut s, &a.tls, "    ");
        if let Some(t) = &a.sni_test {
            sni_block(&mut s, t, "    ");
        }
    }
    if o.attempts.is_empty() {
        no_attempts(&mut s, o.dns.as_ref().is_none_or(|d| d.status == StageStatus::Ok));
    }
    s
}

/// httpstat's two columns: a phase's duration centred, and a point in time left-aligned.
fn centre(v: Option<f64>) -> String {
    let text = v
        .map(|v| format!("{}ms", v.round() as u64))
        .unwrap_or_else(|| "—".into());
    format!("{:^7}", text).cyan().to_string()
}

fn left(v: Option<f64>) -> String {
    let text = v
        .map(|v| format!("{}ms", v.round() as u64))
        .unwrap_or_else(|| "—".into());
    format!("{text:<7}").cyan().to_string()
}

/// The last point needs no padding.
fn last(v: f64) -> String {
    format!("{}ms", v.round() as u64).cyan().to_string()
}

fn timing_chart(s: &mut String, a: &HttpAttempt, tls: bool) {
    let p = &a.phases;
    let t = &a.timeline;
    if tls {
        let _ = writeln!(
            s,
            "  DNS Lookup   TCP Connection   TLS Handshake   Server Processing   Content Transfer"
        );
        let _ = writeln!(
            s,
            "[   {}  |     {}    |    {}    |      {}      |      {}     ]",
            centre(p.dns_ms),
            centre(p.tcp_ms),
            centre(p.tls_ms),
            centre(p.ttfb_ms),
            centre(p.body_ms)
        );
        let _ = writeln!(
            s,
            "             |                |               |                   |                  |"
        );
        let _ = writeln!(
            s,
            "    namelookup:{}        |               |                   |                  |",
            left(t.namelookup_ms)
        );
        let _ = writeln!(
            s,
            "                        connect:{}       |                   |                  |",
            left(t.connect_ms)
        );
        let _ = writeln!(
            s,
            "                                    pretransfer:{}           |                  |",
            left(t.pretransfer_ms)
        );
        let _ = writeln!(
            s,
            "                                                      starttransfer:{}          |",
            left(t.starttransfer_ms)
        );
        let _ = writeln!(
            s,
            "                                                                                 total:{}",
            last(t.total_ms)
        );
    } else {
        let _ = writeln!(
            s,
            "  DNS Lookup   TCP Connection   Server Processing   Content Transfer"
        );
        let _ = writeln!(
            s,
            "[   {}  |     {}    |      {}      |      {}     ]",
            centre(p.dns_ms),
            centre(p.tcp_ms),
            centre(p.ttfb_ms),
            centre(p.body_ms)
        );
        let _ = writeln!(
            s,
            "             |                |                   |                  |"
        );
        let _ = writeln!(
            s,
            "    namelookup:{}        |                   |                  |",
            left(t.namelookup_ms)
        );
        let _ = writeln!(
            s,
            "                        connect:{}           |                  |",
            left(t.connect_ms)
        );
        let _ = writeln!(
            s,
            "                                      starttransfer:{}          |",
            left(t.starttransfer_ms)
        );
        let _ = writeln!(
            s,
            "                                                                 total:{}",
            last(t.total_ms)
        );
    }
}

/// `http URL`: per family, the answer's head, then the phases as httpstat draws them.
pub fn http(o: &HttpOutput, verbose: u8, quiet: bool) -> String {
    let mut s = String::new();
    if quiet {
        let what = o
            .attempts
            .iter()
            .find(|a| a.ok)
            .or(o.attempts.first())
            .map(|a| match &a.response {
                Some(r) => format!("{} in {}", r.status, fmt_ms(Some(a.phases.total_ms))),
                None => a.failure.map(|f| f.as_str()).unwrap_or("failed").to_string(),
            })
            .unwrap_or_else(|| {
                o.dns
                    .as_ref()
                    .and_then(|d| d.failure)
                    .map(|f| f.as_str().to_string())
                    .unwrap_or_else(|| "no address".into())
            });
        let _ = writeln!(s, "{}: {what}", o.url);
        return s;
    }
    let _ = writeln!(s, "{} {}", "http".bold(), o.url.bold());
    dns_line(&mut s, &o.dns);
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
                let answer = r.answer.strip_prefix(&status).unwrap_or(&r.answer).trim_start();
                let _ = writeln!(s, "{} {} · {answer}", version.green(), status.bold());
                for (k, v) in &r.headers {
                    let _ = writeln!(s, "{}: {}", k.dimmed(), v);
                }
                if verbose > 0 && !r.body_excerpt.is_empty() {
                    let _ = writeln!(s, "\n{}", r.body_excerpt.dimmed());
                }
                if r.body_truncated {
                    let _ = writeln!(s, "{}", format!("(body cut at {} bytes)", r.body_bytes).dimmed());
                }
            }
            None => {
                let _ = writeln!(s, "{} {}", fail_mark(), a.detail);
            }
        }
        let _ = writeln!(s);
        timing_chart(&mut s, a, a.tls.is_some());
        if verbose > 0
            && let Some(t) = &a.tls
        {
            let _ = writeln!(s);
            tls_block(&mut s, t, "  ");
        }
    }
    if o.attempts.is_empty() {
        no_attempts(&mut s, o.dns.as_ref().is_none_or(|d| d.status == StageStatus::Ok));
    }
    s
}

/// `endpoints`: the built-in catalog as a table, each probe explained below its row.
pub fn endpoints(o: &EndpointsOutput) -> String {
    let mut s = String::new();
    let width = o
        .endpoints
        .iter()
        .map(|e| e.name.len())
        .max()
        .unwrap_or(10)
        .max(10);
    let _ = writeln!(s, "{:<9}{:<width$}  url", "surface", "target", width = width);
    for e in &o.endpoints {
        let _ = writeln!(
            s,
            "{:<9}{:<width$}  {}",
            e.surface.as_str(),
            e.name,
            e.url,
            width = width
        );
        let _ = writeln!(s, "{:<9}{}", "", e.probe.dimmed());
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
pub fn watch_line(e: &WatchEvent) -> String {
    // Whole seconds are enough for people; the JSON lines keep milliseconds.
    let time = match e.time.find('.') {
        Some(dot) if e.time.ends_with('Z') => format!("{}Z", &e.time[..dot]),
        _ => e.time.clone(),
    };
    let code = verdict_code(e.verdict.layer, e.verdict.cause);
    let next = e
        .next_check_ms
        .map(|n| format!("next check in {}", fmt_span(n)))
        .unwrap_or_else(|| "last check".into());
    if !e.changed {
        return format!(
            "{}  {} {}\n",
            time.dimmed(),
            "·".dimmed(),
            format!("check {}: still {code} ({next})", e.run).dimmed()
        );
    }
    let was = e
        .previous
        .as_ref()
        .map(|p| {
            format!(
                " (was {} for {})",
                verdict_code(p.layer, p.cause),
                fmt_span(p.held_ms)
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
pub fn report_written(r: &SupportReport, markdown: &str, json: &str) -> String {
    let v = &r.report.verdict;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {} {}",
        "Verdict:".bold(),
        v.summary,
        format!("[{}]", verdict_code(v.layer, v.cause)).dimmed()
    );
    let _ = writeln!(s, "Wrote {markdown} and {json}.");
    if r.anonymized {
        let _ = writeln!(
            s,
            "Secrets are removed; your public address, private addresses, resolver addresses and local names are replaced by placeholders."
        );
    } else {
        let _ = writeln!(
            s,
            "Secrets are removed. Add --anonymize to also replace your public address, private addresses, resolver addresses and local names."
        );
    }
    s
}
