//! The whole check report (what `check --json` prints) and what stamps every JSON document this
//! tool writes: the tool's name and version, times, and the schema versions.
//!
//! Compatibility: fields and enum values are only ever added. A rename or removal bumps
//! [`SCHEMA_VERSION`] (the check report) or [`OUTPUT_SCHEMA_VERSION`] (the other shapes) and goes
//! in CHANGELOG.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::account::AccountReport;
use super::dns_consistency::DnsConsistencyReport;
use super::dns_views::DnsViewReport;
use super::edge_trace::EdgeTraceReport;
use super::environment::Environment;
use super::routes::RouteReport;
use super::status_page::StatusPageReport;
use super::system_view::SystemViewReport;
use super::targets::TargetReport;
use super::verdict::{LayerReport, Verdict};

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
    /// Every OpenAI name looked up by name (not pinned, not through a proxy) as the OS resolver
    /// (what apps use, the hosts file included), the configured DNS servers and the
    /// DNS-over-HTTPS controls answered it.
    #[serde(default)]
    pub dns_views: Vec<DnsViewReport>,
    /// What this computer says of the way browsers and the desktop app take (the system proxy,
    /// its PAC file) and of tunnels (VPN, TUN proxies).
    #[serde(default)]
    pub system_view: SystemViewReport,
    /// The routes of this machine's programs that were probed, each with its own verdict (the
    /// main route first); the verdict above is over all of them.
    #[serde(default)]
    pub routes: Vec<RouteReport>,
    pub environment: Environment,
}

/// Name and version of the tool.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

/// The version of the JSON shapes of the per-stage commands, `endpoints`, `watch` and `report`.
pub const OUTPUT_SCHEMA_VERSION: u32 = 1;

/// The tool's name and version.
pub fn tool() -> Tool {
    Tool {
        name: env!("CARGO_PKG_NAME").into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }
}

/// Now, as RFC 3339 in UTC.
pub fn now_rfc3339() -> String {
    rfc3339(std::time::SystemTime::now())
}

/// A time as RFC 3339 in UTC, to the millisecond (`2026-01-02T03:04:05.678Z`).
pub fn rfc3339(t: std::time::SystemTime) -> String {
    let t = time::OffsetDateTime::from(t).to_offset(time::UtcOffset::UTC);
    let t = t.replace_millisecond(t.millisecond()).unwrap_or(t);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The JSON Schema of [`Report`], pretty-printed (what `schema/report.schema.json` holds).
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Report);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}
