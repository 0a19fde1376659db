//! The report: what `--json` prints and what every renderer reads. Separate from probe types;
//! built from them with [`build`]. Its JSON Schema (`schema/report.schema.json`) is derived from
//! these types, so the two cannot drift.
//!
//! Compatibility: fields and enum values are only ever added. A rename or removal bumps
//! [`SCHEMA_VERSION`] and goes in CHANGELOG.md.

use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::Surface;
use crate::probe::{
    Attempt, DnsSource, Failure, Family, HttpDetail, Observations, Outcome, Stage, TargetObservation,
    TlsDetail, Verification,
};

mod exit;

pub use exit::ExitCode;

/// The version of the JSON shape.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// Always 1 for this shape.
    pub schema_version: u32,
    pub tool: Tool,
    /// When the run started (RFC 3339, UTC).
    pub started_at: String,
    /// How long the run took.
    pub duration_ms: f64,
    /// The process exit code that goes with this verdict.
    pub exit_code: i32,
    /// The language of the words (`summary`, `evidence`, `advice`, finding messages): `en`
    /// unless `--lang` was given. Codes and field names never change with it.
    pub language: crate::i18n::Lang,
    pub verdict: Verdict,
    /// The five layers, from the user outwards.
    pub layers: Vec<LayerReport>,
    pub targets: Vec<TargetReport>,
    /// What OpenAI's status page said (absent when the status surface was not probed).
    pub status_page: Option<StatusPageReport>,
    /// Where OpenAI's edge sees this client (from `chatgpt.com/cdn-cgi/trace`), when it answered.
    pub edge_trace: Option<EdgeTraceReport>,
    /// The API key check (absent when no key is configured).
    pub account: Option<AccountReport>,
    /// OpenAI names whose DNS answers needed a control (those the TLS handshake did not prove,
    /// or that did not resolve), judged against DNS-over-HTTPS resolvers. Empty when none did.
    pub dns_consistency: Vec<DnsConsistencyReport>,
    pub environment: Environment,
}

/// Name and version of the tool.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// A layer, from the user outwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layer {
    Machine,
    LocalNetwork,
    Path,
    Service,
    Account,
    /// Used by the verdict only: healthy or inconclusive.
    None,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Machine => "machine",
            Layer::LocalNetwork => "local_network",
            Layer::Path => "path",
            Layer::Service => "service",
            Layer::Account => "account",
            Layer::None => "none",
        }
    }

    /// The process exit code for a fault in this layer.
    pub fn exit_code(self) -> ExitCode {
        match self {
            Layer::Machine | Layer::LocalNetwork => ExitCode::Local,
            Layer::Path => ExitCode::Path,
            Layer::Service => ExitCode::Service,
            Layer::Account => ExitCode::Account,
            Layer::None => ExitCode::Healthy,
        }
    }
}

/// The stable cause codes (DESIGN.md §3). Scripts match on these; they are never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    Healthy,
    Inconclusive,
    // machine
    ClockSkew,
    ProxyUnreachable,
    ProxyMisconfigured,
    // local_network
    Offline,
    DnsResolverDown,
    CaptivePortal,
    ProxyDenied,
    ProxyAuthRequired,
    TlsIntercepted,
    NetworkSlow,
    // path
    DnsTampered,
    DnsBlocked,
    TcpBlocked,
    SniFiltered,
    TlsFailed,
    Ipv6Broken,
    RegionBlocked,
    EdgeChallenge,
    PathSlow,
    // service
    ServiceOutage,
    ServiceDegraded,
    ServiceErrors,
    Maintenance,
    // account
    ApiKeyInvalid,
    /// No API key is configured (decided by `auth` only; `check` just skips the account layer).
    ApiKeyMissing,
    ApiKeyRestricted,
    OrgMismatch,
    QuotaExhausted,
    RateLimited,
    // warnings that are not faults
    ControlsFailed,
    TrustStoreProblem,
    StatusPageUnreachable,
    DeadlineReached,
    /// This machine has no IPv6 route: IPv6 addresses fail at once and IPv4 is used.
    Ipv6Unavailable,
    /// An API key is configured but could not be checked (not sent over an unverified
    /// connection, the API unreachable, or an unexpected answer).
    KeyNotChecked,
}

impl Cause {
    /// Every cause, in the order of the enum.
    pub const ALL: [Cause; 37] = [
        Cause::Healthy,
        Cause::Inconclusive,
        Cause::ClockSkew,
        Cause::ProxyUnreachable,
        Cause::ProxyMisconfigured,
        Cause::Offline,
        Cause::DnsResolverDown,
        Cause::CaptivePortal,
        Cause::ProxyDenied,
        Cause::ProxyAuthRequired,
        Cause::TlsIntercepted,
        Cause::NetworkSlow,
        Cause::DnsTampered,
        Cause::DnsBlocked,
        Cause::TcpBlocked,
        Cause::SniFiltered,
        Cause::TlsFailed,
        Cause::Ipv6Broken,
        Cause::RegionBlocked,
        Cause::EdgeChallenge,
        Cause::PathSlow,
        Cause::ServiceOutage,
        Cause::ServiceDegraded,
        Cause::ServiceErrors,
        Cause::Maintenance,
        Cause::ApiKeyInvalid,
        Cause::ApiKeyMissing,
        Cause::ApiKeyRestricted,
        Cause::OrgMismatch,
        Cause::QuotaExhausted,
        Cause::RateLimited,
        Cause::ControlsFailed,
        Cause::TrustStoreProblem,
        Cause::StatusPageUnreachable,
        Cause::DeadlineReached,
        Cause::Ipv6Unavailable,
        Cause::KeyNotChecked,
    ];

    /// The stable string, as in JSON.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// The verdict: one layer and one cause, in words, with evidence and advice.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Verdict {
    pub layer: Layer,
    pub cause: Cause,
    /// One plain sentence.
    pub summary: String,
    /// The observations that support the verdict.
    pub evidence: Vec<String>,
    /// What to do next, most useful first.
    pub advice: Vec<String>,
    /// Surfaces that worked end to end (so a person can switch to them).
    pub working_surfaces: Vec<Surface>,
    /// Surfaces with at least one failing target.
    pub failing_surfaces: Vec<Surface>,
    /// Odd things that did not decide the verdict.
    pub warnings: Vec<String>,
}

/// What `diagnose` concludes from the observations: the verdict, every layer's report and the
/// readings it made on the way. The report is assembled from it and the observations.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    pub verdict: Verdict,
    pub layers: Vec<LayerReport>,
    pub status_page: Option<StatusPageReport>,
    pub edge_trace: Option<EdgeTraceReport>,
    pub account: Option<AccountReport>,
    pub dns_consistency: Vec<DnsConsistencyReport>,
    /// The language the words are in.
    pub lang: crate::i18n::Lang,
}

impl Diagnosis {
    /// The exit code of this verdict: the failing layer's; under `strict`, a healthy verdict
    /// with warnings takes the first warning layer's (inconclusive when none is named).
    pub fn exit_code(&self, strict: bool) -> ExitCode {
        match self.verdict.cause {
            Cause::Healthy => {
                if strict && !self.verdict.warnings.is_empty() {
                    self.layers
                        .iter()
                        .find(|l| l.status == LayerStatus::Warn)
                        .map_or(ExitCode::Inconclusive, |l| l.layer.exit_code())
                } else {
                    ExitCode::Healthy
                }
            }
            Cause::Inconclusive => ExitCode::Inconclusive,
            _ => self.verdict.layer.exit_code(),
        }
    }
}

/// How a layer looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LayerStatus {
    Ok,
    Warn,
    Fail,
    /// No evidence about this layer (not reached, or not checked in this run).
    NotChecked,
}

/// One layer's assessment.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LayerReport {
    pub layer: Layer,
    pub status: LayerStatus,
    /// One line for the human output.
    pub summary: String,
    pub findings: Vec<Finding>,
}

/// Severity of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warn,
    Fail,
}

/// Something a layer found.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub cause: Cause,
    pub severity: Severity,
    pub message: String,
}

/// A stage name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageName {
    Dns,
    Tcp,
    Proxy,
    Tls,
    Http,
}

impl StageName {
    /// The stable name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StageName::Dns => "dns",
            StageName::Tcp => "tcp",
            StageName::Proxy => "proxy",
            StageName::Tls => "tls",
            StageName::Http => "http",
        }
    }
}

/// A stage's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    Ok,
    Fail,
    /// Not run: an earlier stage failed, or the deadline came first.
    Skip,
}

/// One probed target.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TargetReport {
    pub name: String,
    pub surface: Surface,
    pub url: String,
    /// True for control targets (not OpenAI).
    pub control: bool,
    /// How the target is reached: `direct`, `through http://proxy:3128 (from HTTPS_PROXY)`,
    /// `direct (NO_PROXY entry '.corp' matches)` … (proxy credentials never appear).
    pub route: Option<String>,
    /// True when some address family got an HTTP answer.
    pub ok: bool,
    /// The last stage that succeeded on the best attempt (`null` when none did).
    pub reached: Option<StageName>,
    /// What the HTTP answer means (e.g. "401 OpenAI: origin reached"), when one came.
    pub answer: Option<String>,
    /// dns first, then tcp → tls → http per address family (IPv4 first). Stages that do not
    /// apply (dns for IP literals, tls for http://) are absent.
    pub stages: Vec<StageReport>,
}

/// One stage of one target (per address family after dns).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct StageReport {
    pub stage: StageName,
    /// The address family (absent for dns, which covers both).
    pub family: Option<Family>,
    pub status: StageStatus,
    pub duration_ms: Option<f64>,
    /// The stable failure string, when the stage failed.
    pub failure: Option<Failure>,
    /// Why the stage did not run, when it was skipped: `deadline`, `no_address_in_family`,
    /// `tcp_failed`, `proxy_tcp_failed`, `proxy_failed`, `tls_failed`, `not_verified` (the API key
    /// is sent only over TLS the public store verified) or `plain_http` (a key over plain http
    /// goes only to loopback).
    pub skip_reason: Option<crate::probe::SkipReason>,
    /// A line in English: the answer, the error message, or why it was skipped.
    pub detail: String,
    /// The address connected to (tcp, tls, http).
    pub address: Option<String>,
    pub dns: Option<DnsReport>,
    pub tls: Option<TlsReport>,
    pub http: Option<HttpReport>,
    pub proxy: Option<ProxyReport>,
}

/// DNS details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DnsReport {
    pub query: String,
    /// `system`, `server`, `pinned` (--resolve) or `literal`.
    pub source: String,
    /// The nameservers asked.
    pub servers: Vec<String>,
    pub lookups: Vec<DnsLookupReport>,
}

/// One family's lookup (A or AAAA).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DnsLookupReport {
    /// `A` or `AAAA`.
    pub record_type: String,
    pub status: StageStatus,
    pub failure: Option<Failure>,
    pub answers: Vec<String>,
    pub ttl: Option<u32>,
    pub duration_ms: f64,
}

/// TLS details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct TlsReport {
    pub sni: Option<String>,
    pub version: Option<String>,
    pub alpn: Option<String>,
    pub cipher: Option<String>,
    pub chain: Vec<CertReport>,
    pub system_store: StoreVerdict,
    pub public_store: StoreVerdict,
    /// The TLS alert the server ended the handshake with, if any.
    pub alert: Option<String>,
    /// The SNI test (run when the handshake with the real name was reset, cut or stalled).
    pub decoy: Option<DecoyReport>,
}

/// The SNI test: the same address with a decoy name.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DecoyReport {
    /// The decoy name sent.
    pub sni: String,
    /// True when a TLS server answered the decoy (a completed handshake or an alert): only the
    /// real name is refused.
    pub answered: bool,
    pub tcp_ms: Option<f64>,
    pub tls_ms: Option<f64>,
    /// How the decoy handshake failed, when it did not complete.
    pub failure: Option<Failure>,
    pub detail: String,
}

/// A certificate of the presented chain.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CertReport {
    pub subject: String,
    pub issuer: String,
    pub not_before: String,
    pub not_after: String,
    pub san: Vec<String>,
}

/// What a trust store said of the chain.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct StoreVerdict {
    /// `trusted`, `rejected` or `not_checked`.
    pub result: String,
    pub failure: Option<Failure>,
    pub message: Option<String>,
    /// Why the chain was rejected: `unknown_issuer`, `missing_intermediate`, `self_signed`,
    /// `wrong_hostname`, `expired`, `not_yet_valid`, `revoked` or `invalid`.
    pub problem: Option<crate::probe::CertProblem>,
}

/// HTTP details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct HttpReport {
    pub status: u16,
    /// Who produced the answer: `origin` (OpenAI's servers: `x-request-id` and JSON), `edge`
    /// (Cloudflare) or `server` (anything else).
    pub responder: String,
    /// What the answer means: `answer`, `origin_answer`, `edge_challenge`, `edge_blocked`,
    /// `edge_rate_limited`, `app_edge_blocked`, `region_blocked`, `edge_origin_error`,
    /// `origin_error` or `server_error`.
    pub kind: String,
    pub version: String,
    /// Selected headers, lower-case names.
    pub headers: std::collections::BTreeMap<String, String>,
    pub body_bytes: usize,
    pub body_truncated: bool,
    /// The start of the body, printable characters only.
    pub body_excerpt: String,
    pub body_ms: f64,
}

/// What the status page said.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct StatusPageReport {
    pub url: String,
    /// True when at least one status document was understood.
    pub reachable: bool,
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    pub indicator: Option<String>,
    pub description: Option<String>,
    /// Components that are not operational, grouped as `ChatGPT`, `API` or `other`.
    pub components: Vec<ComponentReport>,
    /// Ongoing (unresolved) incidents.
    pub incidents: Vec<IncidentReport>,
    /// Scheduled and in-progress maintenance.
    pub maintenances: Vec<MaintenanceReport>,
    /// The documents that were read (paths under the status base URL).
    pub sources: Vec<String>,
}

/// A component that is not operational.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ComponentReport {
    pub name: String,
    /// `degraded_performance`, `partial_outage`, `major_outage`, `under_maintenance`, or as the page says.
    pub status: String,
    /// `ChatGPT`, `API` or `other`.
    pub group: String,
}

/// An ongoing incident.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct IncidentReport {
    pub name: String,
    pub status: String,
    pub impact: Option<String>,
    pub started_at: Option<String>,
    pub latest_update: Option<String>,
    pub latest_update_at: Option<String>,
    /// Groups of the components it names (`ChatGPT`, `API`, `other`); empty when it names none.
    pub groups: Vec<String>,
}

/// Scheduled or in-progress maintenance.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct MaintenanceReport {
    pub name: String,
    pub status: String,
    pub in_progress: bool,
    pub scheduled_for: Option<String>,
    pub scheduled_until: Option<String>,
    pub groups: Vec<String>,
}

impl StatusPageReport {
    /// Builds the report part from the parsed page.
    pub fn from_page(url: String, p: &crate::evidence::status_page::StatusPage) -> StatusPageReport {
        let groups =
            |g: &[crate::evidence::status_page::Group]| g.iter().map(|g| g.as_str().to_string()).collect();
        StatusPageReport {
            url,
            reachable: p.read(),
            indicator: p.indicator.clone(),
            description: p.description.clone(),
            components: p
                .components
                .iter()
                .map(|c| ComponentReport {
                    name: c.name.clone(),
                    status: c.status.clone(),
                    group: c.group.as_str().to_string(),
                })
                .collect(),
            incidents: p
                .incidents
                .iter()
                .map(|i| IncidentReport {
                    name: i.name.clone(),
                    status: i.status.clone(),
                    impact: i.impact.clone(),
                    started_at: i.started_at.clone(),
                    latest_update: i.latest_update.clone(),
                    latest_update_at: i.latest_update_at.clone(),
                    groups: groups(&i.groups),
                })
                .collect(),
            maintenances: p
                .maintenances
                .iter()
                .map(|m| MaintenanceReport {
                    name: m.name.clone(),
                    status: m.status.clone(),
                    in_progress: m.in_progress,
                    scheduled_for: m.scheduled_for.clone(),
                    scheduled_until: m.scheduled_until.clone(),
                    groups: groups(&m.groups),
                })
                .collect(),
            sources: p.sources.clone(),
        }
    }
}

/// What `/cdn-cgi/trace` reports: where OpenAI's edge sees this client.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct EdgeTraceReport {
    /// This client's public address as the edge sees it.
    pub ip: Option<String>,
    /// The country the edge places this client in (ISO 3166 alpha-2).
    pub loc: Option<String>,
    /// The edge data centre (IATA airport code).
    pub colo: Option<String>,
    /// `on`, `off` or `plus`: Cloudflare WARP.
    pub warp: Option<String>,
    pub http: Option<String>,
    pub tls: Option<String>,
}

/// The API key check. The key itself never appears anywhere in a report.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct AccountReport {
    /// Where the key came from: `OPENAI_API_KEY` or `--api-key-file`.
    pub key_source: String,
    /// The URL asked (`{base}/models`).
    pub url: String,
    /// True when OPENAI_ORG_ID / OPENAI_PROJECT_ID were sent.
    pub organization_sent: bool,
    pub project_sent: bool,
    /// `valid`, `restricted`, `invalid`, `org_mismatch`, `quota_exhausted`, `rate_limited`,
    /// `region_blocked`, `edge_refused`, `server_error`, `unexpected`, `not_sent` (the
    /// connection did not verify cleanly) or `unreachable`.
    pub status: String,
    pub http_status: Option<u16>,
    /// `x-request-id` of the answer (quote it to OpenAI support).
    pub request_id: Option<String>,
    /// `openai-organization` of the answer.
    pub organization: Option<String>,
    /// Scopes the key lacks, when the API named them.
    pub missing_scopes: Option<String>,
    /// `retry-after`, `retry-after-ms` and `x-ratelimit-*` headers.
    pub rate_limits: std::collections::BTreeMap<String, String>,
    /// The API's own message (OpenAI masks keys in it), or why the check did not run.
    pub message: Option<String>,
    /// The request's stages (dns, tcp, tls, http).
    pub stages: Vec<StageReport>,
}

/// One OpenAI name's answer judged against DNS-over-HTTPS controls and TLS proofs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DnsConsistencyReport {
    pub name: String,
    /// `consistent`, `tampered`, `blocked` or `inconclusive`.
    pub verdict: String,
    /// Per address (or the blocking): what was found and why.
    pub evidence: Vec<String>,
    /// What each control resolver answered.
    pub controls: Vec<DohAnswerReport>,
}

/// A DNS-over-HTTPS control's answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DohAnswerReport {
    pub resolver: String,
    /// `A` or `AAAA`.
    pub record_type: String,
    pub answers: Vec<String>,
    pub failure: Option<Failure>,
    pub duration_ms: f64,
}

impl DnsConsistencyReport {
    /// Builds the report part from a judgement and the DoH lookups; the evidence in `lang`.
    pub fn from_check(
        c: &crate::evidence::dns_consistency::NameConsistency,
        doh: &[crate::probe::DohLookup],
        lang: crate::i18n::Lang,
    ) -> DnsConsistencyReport {
        use crate::evidence::dns_consistency::Consistency;
        DnsConsistencyReport {
            name: c.name.clone(),
            verdict: match c.verdict {
                Consistency::Consistent => "consistent",
                Consistency::Tampered { .. } => "tampered",
                Consistency::Blocked { .. } => "blocked",
                Consistency::Inconclusive => "inconclusive",
            }
            .into(),
            evidence: c.evidence(lang),
            controls: doh
                .iter()
                .filter(|d| d.name == c.name)
                .map(|d| DohAnswerReport {
                    resolver: d.resolver.clone(),
                    record_type: match d.family {
                        Family::Ipv4 => "A".into(),
                        Family::Ipv6 => "AAAA".into(),
                    },
                    answers: d.addrs.iter().map(|a| a.to_string()).collect(),
                    failure: d.outcome.failure(),
                    duration_ms: ms(d.duration),
                })
                .collect(),
        }
    }
}

/// A proxy in effect.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ProxySettingReport {
    /// `https`, `http` or `other` (ALL_PROXY).
    pub applies_to: String,
    /// The proxy URL without credentials.
    pub proxy: String,
    /// `--proxy`, `HTTPS_PROXY`, `https_proxy`, …
    pub source: String,
    pub has_credentials: bool,
}

/// The proxy stage's details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ProxyReport {
    /// The proxy URL without credentials.
    pub proxy: String,
    pub source: String,
    /// `http`, `socks5` or `socks5h`.
    pub scheme: String,
    pub credentials_sent: bool,
    /// The proxy's answer to CONNECT (http proxies).
    pub status: Option<u16>,
    pub reason: Option<String>,
    /// `proxy-authenticate`, `server`, `via`, … as the proxy sent them.
    pub headers: std::collections::BTreeMap<String, String>,
    /// The text of a refusal page, when there was one.
    pub body_excerpt: Option<String>,
}

/// The settings and surroundings of the run.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Environment {
    pub os: String,
    pub arch: String,
    /// `system` or `server`.
    pub resolver: String,
    pub nameservers: Vec<String>,
    pub families: Vec<Family>,
    pub timeout_ms: f64,
    pub max_time_ms: f64,
    /// Roots in the system and public stores (including --cacert).
    pub system_store_roots: usize,
    pub public_store_roots: usize,
    pub cacert: Option<String>,
    pub doh_url: Option<String>,
    pub base_url: Option<String>,
    /// Where the base URL came from: `flag`, `OPENAI_BASE_URL`, `OPENAI_API_BASE` or `default`.
    pub base_url_source: String,
    /// Where the API key came from (`OPENAI_API_KEY`, `--api-key-file`), or null when none.
    pub api_key_source: Option<String>,
    /// Proxy variables that are set (names only; values may hold credentials).
    pub proxy_variables: Vec<String>,
    /// The proxies in effect, without credentials, and the setting each came from.
    pub proxies: Vec<ProxySettingReport>,
    /// NO_PROXY entries in effect, and where they came from.
    pub no_proxy: Vec<String>,
    pub no_proxy_source: Option<String>,
    /// Disagreeing upper- and lower-case variables, malformed values.
    pub proxy_warnings: Vec<String>,
    pub overrides: Vec<String>,
}

pub fn ms(d: Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

fn store_verdict(v: Option<&Verification>) -> StoreVerdict {
    match v {
        Some(Verification::Trusted) => StoreVerdict {
            result: "trusted".into(),
            failure: None,
            message: None,
            problem: None,
        },
        Some(Verification::Rejected {
            failure,
            message,
            problem,
        }) => StoreVerdict {
            result: "rejected".into(),
            failure: Some(*failure),
            message: Some(message.clone()),
            problem: Some(*problem),
        },
        Some(Verification::NotChecked) | None => StoreVerdict {
            result: "not_checked".into(),
            failure: None,
            message: None,
            problem: None,
        },
    }
}

/// Status, failure and message of an outcome; a skip reason worded in `lang`.
pub fn outcome_parts(o: &Outcome, lang: crate::i18n::Lang) -> (StageStatus, Option<Failure>, String) {
    match o {
        Outcome::Ok => (StageStatus::Ok, None, String::new()),
        Outcome::Failed { failure, message } => (StageStatus::Fail, Some(*failure), message.clone()),
        Outcome::Skipped { reason } => (StageStatus::Skip, None, reason.describe(lang)),
    }
}

/// [`outcome_parts`] in English: the check report's `detail` is English in every language.
fn status_of(o: &Outcome) -> (StageStatus, Option<Failure>, String) {
    outcome_parts(o, crate::i18n::Lang::En)
}

fn stage_report<T>(name: StageName, family: Option<Family>, s: &Stage<T>) -> StageReport {
    let (status, failure, detail) = status_of(&s.outcome);
    StageReport {
        stage: name,
        family,
        status,
        duration_ms: s.duration.map(ms),
        failure,
        skip_reason: match &s.outcome {
            Outcome::Skipped { reason } => Some(*reason),
            _ => None,
        },
        detail,
        address: None,
        dns: None,
        tls: None,
        http: None,
        proxy: None,
    }
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

fn http_report(h: &HttpDetail) -> HttpReport {
    HttpReport {
        status: h.status,
        responder: crate::evidence::signatures::responder(h).into(),
        kind: crate::evidence::signatures::classify_response(h).as_str().into(),
        version: h.version.clone(),
        headers: h.headers.iter().cloned().collect(),
        body_bytes: h.body.len(),
        body_truncated: h.body_truncated,
        body_excerpt: excerpt(&h.body, 300),
        body_ms: ms(h.body_duration),
    }
}

fn tls_report(t: &TlsDetail) -> TlsReport {
    TlsReport {
        sni: t.sni.clone(),
        version: t.version.clone(),
        alpn: t.alpn.clone(),
        cipher: t.cipher.clone(),
        chain: t
            .chain
            .iter()
            .map(|c| CertReport {
                subject: c.subject.clone(),
                issuer: c.issuer.clone(),
                not_before: c.not_before.clone(),
                not_after: c.not_after.clone(),
                san: c.san.clone(),
            })
            .collect(),
        system_store: store_verdict(t.system_store.as_ref()),
        public_store: store_verdict(t.public_store.as_ref()),
        alert: t.alert.clone(),
        decoy: t.decoy.as_ref().map(|d| {
            let tls = d.tls.as_ref();
            let (_, failure, message) = match tls {
                Some(s) => status_of(&s.outcome),
                None => status_of(&d.tcp.outcome),
            };
            DecoyReport {
                sni: d.sni.clone(),
                answered: d.answered(),
                tcp_ms: d.tcp.duration.map(ms),
                tls_ms: tls.and_then(|s| s.duration.map(ms)),
                failure,
                detail: if d.answered() {
                    "a TLS server answered the decoy name".into()
                } else {
                    message
                },
            }
        }),
    }
}

fn attempt_reports(a: &Attempt) -> Vec<StageReport> {
    let mut out = Vec::new();
    let peer = a.tcp.detail.as_ref().map(|d| d.peer.to_string());
    let mut tcp = stage_report(StageName::Tcp, Some(a.family), &a.tcp);
    tcp.address = peer.clone();
    if a.tcp.is_ok() {
        tcp.detail = format!("connected to {}", peer.clone().unwrap_or_default());
    }
    out.push(tcp);
    if let Some(p) = &a.proxy {
        let mut r = stage_report(StageName::Proxy, Some(a.family), p);
        if let Some(d) = &p.detail {
            if p.is_ok() {
                r.detail = format!(
                    "tunnel through {} (from {}){}",
                    d.proxy,
                    d.source,
                    d.status.map(|s| format!(": {s}")).unwrap_or_default()
                );
            }
            r.proxy = Some(ProxyReport {
                proxy: d.proxy.clone(),
                source: d.source.clone(),
                scheme: d.scheme.as_str().to_string(),
                credentials_sent: d.credentials_sent,
                status: d.status,
                reason: d.reason.clone(),
                headers: d.headers.iter().cloned().collect(),
                body_excerpt: d.body_excerpt.clone(),
            });
        }
        out.push(r);
    }
    if let Some(tls) = &a.tls {
        let mut r = stage_report(StageName::Tls, Some(a.family), tls);
        r.address = peer.clone().filter(|_| a.tcp.is_ok());
        if let Some(d) = &tls.detail {
            if tls.is_ok() {
                r.detail = format!(
                    "{} {} {}",
                    d.version.as_deref().unwrap_or("?"),
                    d.alpn.as_deref().unwrap_or("no ALPN"),
                    d.chain
                        .first()
                        .map(|c| format!("issued by {}", c.issuer))
                        .unwrap_or_default()
                )
                .trim()
                .to_string();
            }
            r.tls = Some(tls_report(d));
        }
        out.push(r);
    }
    let mut http = stage_report(StageName::Http, Some(a.family), &a.http);
    if let Some(h) = &a.http.detail {
        http.address = peer;
        http.detail = crate::evidence::signatures::describe(h, crate::i18n::Lang::En);
        http.http = Some(http_report(h));
    }
    out.push(http);
    out
}

fn target_report(t: &TargetObservation) -> TargetReport {
    let mut stages = Vec::new();
    if let Some(dns) = &t.dns {
        let mut r = stage_report(StageName::Dns, None, dns);
        if let Some(d) = &dns.detail {
            let (source, servers) = match &d.source {
                DnsSource::System { servers } => ("system", servers.iter().map(|s| s.to_string()).collect()),
                DnsSource::Server(s) => ("server", vec![s.to_string()]),
                DnsSource::Pinned => ("pinned", vec![]),
                DnsSource::Literal => ("literal", vec![]),
            };
            if dns.is_ok() {
                let addrs: Vec<String> = d.addrs().map(|a| a.to_string()).collect();
                r.detail = match d.source {
                    DnsSource::Pinned => format!("pinned by --resolve: {}", addrs.join(", ")),
                    DnsSource::Literal => format!("--connect-to names {}", addrs.join(", ")),
                    _ => addrs.join(", "),
                };
            }
            r.dns = Some(DnsReport {
                query: d.query.clone(),
                source: source.to_string(),
                servers,
                lookups: d
                    .lookups
                    .iter()
                    .map(|l| {
                        let (status, failure, _) = status_of(&l.outcome);
                        DnsLookupReport {
                            record_type: match l.family {
                                Family::Ipv4 => "A".into(),
                                Family::Ipv6 => "AAAA".into(),
                            },
                            status,
                            failure,
                            answers: l.addrs.iter().map(|a| a.to_string()).collect(),
                            ttl: l.ttl,
                            duration_ms: ms(l.duration),
                        }
                    })
                    .collect(),
            });
        }
        stages.push(r);
    }
    for a in &t.attempts {
        stages.extend(attempt_reports(a));
    }
    let best = t.best();
    let reached = match best.map(Attempt::progress) {
        Some(3) => Some(StageName::Http),
        Some(2) => Some(StageName::Tls),
        Some(1) => Some(StageName::Tcp),
        _ if t.dns.as_ref().is_some_and(Stage::is_ok) => Some(StageName::Dns),
        _ => None,
    };
    TargetReport {
        name: t.target.name.clone(),
        surface: t.target.surface,
        url: t.target.url.to_string(),
        control: t.target.surface == Surface::Control,
        route: None,
        ok: best.is_some_and(|a| a.http.is_ok()),
        reached,
        answer: t
            .response()
            .map(|r| crate::evidence::signatures::describe(r, crate::i18n::Lang::En)),
        stages,
    }
}

/// Assembles the report from observations, the diagnosis and the environment.
pub fn build(obs: &Observations, diagnosis: Diagnosis, exit_code: i32, environment: Environment) -> Report {
    let started_at = time::OffsetDateTime::from(obs.started_at)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME").into(),
            version: env!("CARGO_PKG_VERSION").into(),
        },
        started_at,
        duration_ms: ms(obs.duration),
        exit_code,
        language: diagnosis.lang,
        verdict: diagnosis.verdict,
        layers: diagnosis.layers,
        targets: obs.targets.iter().map(target_report).collect(),
        status_page: diagnosis.status_page,
        edge_trace: diagnosis.edge_trace,
        dns_consistency: diagnosis.dns_consistency,
        account: diagnosis.account.map(|mut a| {
            if let Some(k) = &obs.key_check {
                a.stages = target_report(k).stages;
            }
            a
        }),
        environment,
    }
}

/// The JSON Schema of [`Report`], pretty-printed (what `schema/report.schema.json` holds).
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Report);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
