//! The report: what `--json` prints and what every renderer reads. Separate from probe types;
//! built from them with [`build()`]. Its JSON Schema (`schema/report.schema.json`) is derived from
//! these types, so the two cannot drift. The other JSON shapes — the per-stage commands,
//! `endpoints`, `watch` and `report`'s support file — live here too, so renderers need nothing
//! from the commands that print them.
//!
//! Compatibility: fields and enum values are only ever added. A rename or removal bumps
//! [`SCHEMA_VERSION`] (or [`OUTPUT_SCHEMA_VERSION`]) and goes in CHANGELOG.md.
//!
//! This file only declares and re-exports: the submodules import each other directly (never
//! through here), so none of them depends on this file.

mod account;
mod build;
mod convert;
mod dns_consistency;
mod dns_views;
mod document;
mod edge_trace;
mod environment;
mod exit;
mod names;
mod routes;
mod stages;
mod status_page;
mod support;
mod system_view;
mod targets;
mod verdict;
mod watch;

pub use account::AccountReport;
pub use build::build;
pub use convert::{excerpt, ms, outcome_parts, round_ms};
pub use dns_consistency::{DnsConsistencyReport, DohAnswerReport};
pub use dns_views::{DnsViewReport, HostsEntryReport, ResolverViewReport};
pub use document::{
    OUTPUT_SCHEMA_VERSION, Report, SCHEMA_VERSION, Tool, now_rfc3339, rfc3339, schema_json, tool,
};
pub use edge_trace::EdgeTraceReport;
pub use environment::{Environment, ProxySettingReport};
pub use exit::ExitCode;
pub use names::{Cause, Layer, LayerStatus, Severity, StageName, StageStatus, verdict_code};
pub use routes::RouteReport;
pub use stages::{
    CertStep, DnsOutput, DnsStep, EndpointEntry, EndpointsOutput, HttpAttempt, HttpOutput, LookupStep,
    Phases, ResponseStep, SniTest, StoreStep, TcpOutput, TcpStep, Timeline, TlsAttempt, TlsOutput, TlsStep,
    TriedAddress,
};
pub use status_page::{ComponentReport, IncidentReport, MaintenanceReport, StatusPageReport};
pub use support::{ProxySetting, SupportReport, SystemReport};
pub use system_view::{BrowserRouteReport, PacAnswerReport, PacReport, ProxySourceReport, SystemViewReport};
pub use targets::{
    BrowserHandshakeReport, CertReport, DecoyReport, DnsLookupReport, DnsReport, HttpReport, OriginReport,
    ProxyReport, StageReport, StoreVerdict, TargetReport, TlsReport,
};
pub use verdict::{Diagnosis, Finding, LayerReport, Verdict};
pub use watch::{WatchEvent, WatchPrevious, WatchVerdict};
