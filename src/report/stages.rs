//! What the per-stage commands (`dns`, `tcp`, `tls`, `http`) and `endpoints` print with
//! `--json`, and how it is built from probe types. Their JSON Schemas
//! (`schema/{dns,tcp,tls,http,endpoints}.schema.json`) are derived from these types.
//!
//! The check report ([`super::targets`]) describes the same stages; the conversions they share
//! (outcomes, DNS sources, certificates, trust stores, HTTP answers) are defined once, in
//! [`super::convert`] and [`super::targets`], and the step types here are built from them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::convert::{dns_answer_detail, dns_source_parts, ms, outcome_parts, record_type};
use super::document::Tool;
use super::names::{StageName, StageStatus};
use super::targets::{BrowserHandshakeReport, CertReport, HttpReport, StoreVerdict};
use crate::catalog::Surface;
use crate::i18n::Lang;
use crate::probe::{
    DnsDetail, Failure, Family, FamilyLookup, HttpDetail, SkipReason, Stage, TcpDetail, TlsDetail,
};
use crate::tr;

/// `dns --json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DnsOutput {
    /// Always 1 for this shape.
    pub schema_version: u32,
    pub tool: Tool,
    /// When the lookup started (RFC 3339, UTC).
    pub started_at: String,
    /// True when some family has an address.
    pub ok: bool,
    pub dns: DnsStep,
}

/// `tcp --json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TcpOutput {
    /// Always 1 for this shape.
    pub schema_version: u32,
    pub tool: Tool,
    /// When the probe started (RFC 3339, UTC).
    pub started_at: String,
    pub host: String,
    pub port: u16,
    /// True when some address family connected.
    pub ok: bool,
    /// How the addresses were found (absent for an IP address).
    pub dns: Option<DnsStep>,
    /// One connection attempt per address family that had addresses (IPv4 first).
    pub attempts: Vec<TcpStep>,
}

/// `tls --json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TlsOutput {
    /// Always 1 for this shape.
    pub schema_version: u32,
    pub tool: Tool,
    /// When the probe started (RFC 3339, UTC).
    pub started_at: String,
    pub host: String,
    pub port: u16,
    /// True when some address family completed a handshake that a trust store accepts.
    pub ok: bool,
    /// How the addresses were found (absent for an IP address).
    pub dns: Option<DnsStep>,
    /// One attempt per address family that had addresses (IPv4 first).
    pub attempts: Vec<TlsAttempt>,
}

/// `http --json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct HttpOutput {
    /// Always 1 for this shape.
    pub schema_version: u32,
    pub tool: Tool,
    /// When the probe started (RFC 3339, UTC).
    pub started_at: String,
    pub url: String,
    /// True when some address family got an HTTP answer (any status).
    pub ok: bool,
    /// How the addresses were found (absent for an IP address).
    pub dns: Option<DnsStep>,
    /// One request per address family that had addresses (IPv4 first).
    pub attempts: Vec<HttpAttempt>,
}

/// The DNS stage: A and AAAA looked up separately.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DnsStep {
    /// The name looked up (the `--connect-to` host when one applies).
    pub query: String,
    /// `system`, `server` (--dns-server), `pinned` (--resolve) or `literal` (--connect-to names an address).
    pub source: String,
    /// The nameservers asked.
    pub servers: Vec<String>,
    pub status: StageStatus,
    pub failure: Option<Failure>,
    /// The addresses, or why there are none (words in English unless `--lang`).
    pub detail: String,
    pub duration_ms: Option<f64>,
    pub lookups: Vec<LookupStep>,
}

/// One family's lookup.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LookupStep {
    /// `A` or `AAAA`.
    pub record_type: String,
    pub status: StageStatus,
    pub failure: Option<Failure>,
    /// The resolver's error, when it failed.
    pub message: Option<String>,
    pub answers: Vec<String>,
    /// The lowest TTL of the answers, in seconds.
    pub ttl: Option<u32>,
    pub duration_ms: f64,
}

/// The TCP stage for one address family.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TcpStep {
    pub family: Family,
    pub status: StageStatus,
    pub failure: Option<Failure>,
    /// What happened, in words (English unless `--lang`).
    pub detail: String,
    /// The connect that succeeded (or the whole stage when none did).
    pub duration_ms: Option<f64>,
    /// The address connected to (or the last one tried).
    pub address: Option<String>,
    /// Addresses that failed first, in order.
    pub tried: Vec<TriedAddress>,
}

/// An address that did not connect.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TriedAddress {
    pub address: String,
    pub failure: Failure,
}

/// One address family of `tls`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TlsAttempt {
    pub family: Family,
    pub tcp: TcpStep,
    pub tls: TlsStep,
    /// Run when the handshake with the real SNI was reset, closed or timed out.
    pub sni_test: Option<SniTest>,
    /// A browser-shaped handshake (a ClientHello over 1.5 KB offering `X25519MLKEM768`) to the
    /// same address, beside the small one.
    #[serde(default)]
    pub browser_handshake: Option<BrowserHandshakeReport>,
}

/// The TLS stage.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TlsStep {
    pub status: StageStatus,
    pub failure: Option<Failure>,
    /// What happened, in words (English unless `--lang`).
    pub detail: String,
    pub duration_ms: Option<f64>,
    /// The SNI sent (absent for IP addresses, where TLS sends none).
    pub sni: Option<String>,
    /// True when the handshake finished (even if no store trusts the chain).
    pub completed: bool,
    pub version: Option<String>,
    pub alpn: Option<String>,
    pub cipher: Option<String>,
    /// The key exchange group the handshake settled on.
    #[serde(default)]
    pub group: Option<String>,
    /// The presented chain, leaf first.
    pub chain: Vec<CertStep>,
    pub system_store: StoreStep,
    pub public_store: StoreStep,
}

/// A certificate of the presented chain.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CertStep {
    pub subject: String,
    pub issuer: String,
    /// RFC 3339.
    pub not_before: String,
    /// RFC 3339.
    pub not_after: String,
    /// Subject alternative names (DNS names and addresses).
    pub san: Vec<String>,
}

/// What a trust store said of the chain.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct StoreStep {
    /// `trusted`, `rejected` or `not_checked`.
    pub result: String,
    pub failure: Option<Failure>,
    pub message: Option<String>,
}

/// The SNI test: the same address, a decoy name.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct SniTest {
    /// The decoy name sent (`--decoy-sni`).
    pub decoy_sni: String,
    /// How the handshake with the real name failed.
    pub real_failure: Failure,
    /// True when the handshake with the decoy finished: the address answers TLS, so the real
    /// name is what is being stopped.
    pub completed: bool,
    pub status: StageStatus,
    pub failure: Option<Failure>,
    pub detail: String,
    pub duration_ms: Option<f64>,
    pub version: Option<String>,
    /// What the comparison means, in one sentence (English unless `--lang`).
    pub conclusion: String,
}

/// One address family of `http`: each phase, as httpstat shows them.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct HttpAttempt {
    pub family: Family,
    /// The address connected to.
    pub address: Option<String>,
    /// True when an HTTP answer came (any status).
    pub ok: bool,
    /// The stage that failed, when one did.
    pub failed_stage: Option<StageName>,
    pub failure: Option<Failure>,
    /// What happened, in words (English unless `--lang`).
    pub detail: String,
    pub phases: Phases,
    pub timeline: Timeline,
    pub tcp: TcpStep,
    /// Absent for http://.
    pub tls: Option<TlsStep>,
    pub response: Option<ResponseStep>,
}

/// The duration of each phase (null when it did not run).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Phases {
    /// Name lookup (0 for --resolve, null for an IP address).
    pub dns_ms: Option<f64>,
    /// TCP connect.
    pub tcp_ms: Option<f64>,
    /// TLS handshake (null for http://).
    pub tls_ms: Option<f64>,
    /// From the request to the response head ("server processing").
    pub ttfb_ms: Option<f64>,
    /// Reading the (capped) body ("content transfer").
    pub body_ms: Option<f64>,
    /// The sum of the phases that ran.
    pub total_ms: f64,
}

/// The same phases as points in time from the start, like curl's `-w` variables.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Timeline {
    /// `time_namelookup`.
    pub namelookup_ms: Option<f64>,
    /// `time_connect`.
    pub connect_ms: Option<f64>,
    /// `time_pretransfer` (after TLS).
    pub pretransfer_ms: Option<f64>,
    /// `time_starttransfer` (first byte).
    pub starttransfer_ms: Option<f64>,
    /// `time_total`.
    pub total_ms: f64,
}

/// The HTTP answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ResponseStep {
    pub status: u16,
    pub version: String,
    /// Who answered and what it means (e.g. "401 OpenAI: origin reached"), in English.
    pub answer: String,
    /// Who produced the answer: `origin`, `edge` or `server` (as in the check report).
    pub responder: String,
    /// What the answer means, as in the check report's `http.kind` (`answer`, `edge_challenge`, …).
    pub kind: String,
    /// Selected headers, lower-case names.
    pub headers: BTreeMap<String, String>,
    pub body_bytes: usize,
    pub body_truncated: bool,
    /// The start of the body, printable characters only.
    pub body_excerpt: String,
}

/// `endpoints --json`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct EndpointsOutput {
    /// Always 1 for this shape.
    pub schema_version: u32,
    pub tool: Tool,
    /// The built-in targets of `check`, OpenAI's first, then the controls.
    pub endpoints: Vec<EndpointEntry>,
}

/// One built-in target.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct EndpointEntry {
    /// The name `check` reports it under.
    pub name: String,
    pub surface: Surface,
    pub url: String,
    pub host: String,
    pub port: u16,
    /// True for neutral control targets (not OpenAI).
    pub control: bool,
    /// What the probe of this target proves (English unless `--lang`).
    pub probe: String,
}

impl DnsStep {
    /// From the DNS stage; `lang` is the language of `detail`.
    pub fn from_stage(s: &Stage<DnsDetail>, fallback_query: &str, lang: Lang) -> DnsStep {
        let (status, failure, mut detail) = outcome_parts(&s.outcome, lang);
        let (query, source, servers, lookups) = match &s.detail {
            Some(d) => {
                let (source, servers) = dns_source_parts(&d.source);
                if s.is_ok() {
                    detail = dns_answer_detail(d, lang);
                }
                let lookups = d
                    .lookups
                    .iter()
                    .map(|l| LookupStep::from_lookup(l, lang))
                    .collect();
                (d.query.clone(), source.to_string(), servers, lookups)
            }
            None => (fallback_query.to_string(), "system".to_string(), vec![], vec![]),
        };
        DnsStep {
            query,
            source,
            servers,
            status,
            failure,
            detail,
            duration_ms: s.duration.map(ms),
            lookups,
        }
    }
}

impl LookupStep {
    /// From one family's lookup; `lang` is the language of a skipped lookup's `message`.
    pub fn from_lookup(l: &FamilyLookup, lang: Lang) -> LookupStep {
        let (status, failure, message) = outcome_parts(&l.outcome, lang);
        LookupStep {
            record_type: record_type(l.family).into(),
            status,
            failure,
            message: (!message.is_empty()).then_some(message),
            answers: l.addrs.iter().map(std::string::ToString::to_string).collect(),
            ttl: l.ttl,
            duration_ms: ms(l.duration),
        }
    }
}

impl TcpStep {
    /// From the TCP stage of one family; `lang` is the language of `detail`.
    pub fn from_stage(family: Family, s: &Stage<TcpDetail>, lang: Lang) -> TcpStep {
        let (status, failure, mut detail) = outcome_parts(&s.outcome, lang);
        let address = s.detail.as_ref().map(|d| d.peer.to_string());
        if s.is_ok() {
            detail = tr!(
                lang,
                "cmd-tcp-detail-connected",
                address = address.as_deref().unwrap_or("?")
            );
        }
        let tried = s
            .detail
            .as_ref()
            .map(|d| {
                d.earlier
                    .iter()
                    .filter(|(a, _)| !(status == StageStatus::Fail && Some(a.to_string()) == address))
                    .map(|(a, f)| TriedAddress {
                        address: a.to_string(),
                        failure: *f,
                    })
                    .collect()
            })
            .unwrap_or_default();
        TcpStep {
            family,
            status,
            failure,
            detail,
            duration_ms: s.duration.map(ms),
            address,
            tried,
        }
    }
}

/// The per-stage view of a trust store's verdict: the check report's, without the `problem`
/// (which these shapes have never carried).
impl From<StoreVerdict> for StoreStep {
    fn from(v: StoreVerdict) -> StoreStep {
        StoreStep {
            result: v.result,
            failure: v.failure,
            message: v.message,
        }
    }
}

/// The per-stage view of a certificate: the same fields as the check report's.
impl From<CertReport> for CertStep {
    fn from(c: CertReport) -> CertStep {
        CertStep {
            subject: c.subject,
            issuer: c.issuer,
            not_before: c.not_before,
            not_after: c.not_after,
            san: c.san,
        }
    }
}

impl TlsStep {
    /// From the TLS stage (`sni` is what was sent when the stage has no detail); `lang` is the
    /// language of `detail`.
    pub fn from_stage(s: &Stage<TlsDetail>, sni: Option<&str>, lang: Lang) -> TlsStep {
        let (status, failure, mut detail) = outcome_parts(&s.outcome, lang);
        let d = s.detail.clone().unwrap_or_default();
        let completed = d.version.is_some();
        if s.is_ok() {
            let version = d.version.as_deref().unwrap_or("?");
            let alpn = match d.alpn.as_deref() {
                Some(a) => a.to_string(),
                None => tr!(lang, "cmd-tls-no-alpn"),
            };
            detail = match d.chain.first() {
                Some(c) => tr!(
                    lang,
                    "cmd-tls-detail-issued",
                    version = version,
                    alpn = alpn,
                    issuer = &c.issuer
                ),
                None => tr!(lang, "cmd-tls-detail", version = version, alpn = alpn),
            };
        }
        TlsStep {
            status,
            failure,
            detail,
            duration_ms: s.duration.map(ms),
            sni: d.sni.clone().or_else(|| {
                sni.filter(|n| n.parse::<std::net::IpAddr>().is_err())
                    .map(str::to_string)
            }),
            completed,
            version: d.version.clone(),
            alpn: d.alpn.clone(),
            cipher: d.cipher.clone(),
            group: d.group.clone(),
            chain: d.chain.iter().map(|c| CertReport::from_info(c).into()).collect(),
            system_store: StoreVerdict::from_verification(d.system_store.as_ref()).into(),
            public_store: StoreVerdict::from_verification(d.public_store.as_ref()).into(),
        }
    }

    /// A TLS stage that did not run (`reason` in words, in `lang`).
    pub fn skipped(reason: SkipReason, sni: Option<&str>, lang: Lang) -> TlsStep {
        TlsStep::from_stage(&Stage::skipped(reason), sni, lang)
    }
}

impl ResponseStep {
    /// From the HTTP stage's answer: the check report's [`HttpReport`] and its meaning in words.
    pub fn from_detail(h: &HttpDetail) -> ResponseStep {
        let report = HttpReport::from_detail(h);
        ResponseStep {
            status: report.status,
            version: report.version,
            answer: crate::evidence::signatures::describe(h, Lang::En),
            responder: report.responder,
            kind: report.kind,
            headers: report.headers,
            body_bytes: report.body_bytes,
            body_truncated: report.body_truncated,
            body_excerpt: report.body_excerpt,
        }
    }
}
