//! Conversions from probe types that the check report and the per-stage outputs share, so the
//! two spell durations, outcomes, record types and DNS sources the same way.

use std::time::Duration;

use super::names::StageStatus;
use crate::i18n::Lang;
use crate::probe::{DnsDetail, DnsSource, Failure, Family, Outcome};
use crate::tr;

/// A duration in milliseconds, rounded to the microsecond (every `*_ms` field holds this).
pub fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// Milliseconds rounded to the microsecond, as [`ms`] does (for sums and differences of them).
pub fn round_ms(v: f64) -> f64 {
    (v * 1e3).round() / 1e3
}

/// Printable start of a body (no control characters), for people and for `--json`.
pub fn excerpt(body: &[u8], max: usize) -> String {
    String::from_utf8_lossy(&body[..body.len().min(max * 4)])
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Status, failure and message of an outcome; a skip reason worded in `lang`.
pub fn outcome_parts(o: &Outcome, lang: Lang) -> (StageStatus, Option<Failure>, String) {
    match o {
        Outcome::Ok => (StageStatus::Ok, None, String::new()),
        Outcome::Failed { failure, message } => (StageStatus::Fail, Some(*failure), message.clone()),
        Outcome::Skipped { reason } => (StageStatus::Skip, None, reason.describe(lang)),
    }
}

/// The DNS record type that holds a family's addresses: `A` or `AAAA`.
pub fn record_type(family: Family) -> &'static str {
    match family {
        Family::Ipv4 => "A",
        Family::Ipv6 => "AAAA",
    }
}

/// How addresses were found, as its code (`os`, `system`, `server`, `pinned`, `literal`), and the
/// nameservers asked (none for the OS resolver: the OS chooses).
pub fn dns_source_parts(source: &DnsSource) -> (&'static str, Vec<String>) {
    match source {
        DnsSource::Os => ("os", vec![]),
        DnsSource::System { servers } => (
            "system",
            servers.iter().map(std::string::ToString::to_string).collect(),
        ),
        DnsSource::Server(s) => ("server", vec![s.to_string()]),
        DnsSource::Pinned => ("pinned", vec![]),
        DnsSource::Literal => ("literal", vec![]),
    }
}

/// A successful lookup in words, in `lang`: its addresses, and whether `--resolve` pinned them
/// or `--connect-to` named them.
pub fn dns_answer_detail(d: &DnsDetail, lang: Lang) -> String {
    let addresses = d
        .addrs()
        .map(std::string::ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match d.source {
        DnsSource::Pinned => tr!(lang, "cmd-dns-detail-pinned", addresses = addresses),
        DnsSource::Literal => tr!(lang, "cmd-dns-detail-literal", addresses = addresses),
        _ => addresses,
    }
}
