//! Temporary: the output types moved to [`crate::report`]; these re-exports keep the command
//! modules compiling until they import from there (then this file goes).
pub use crate::report::{
    CertStep, DnsOutput, DnsStep, EndpointEntry, EndpointsOutput, HttpAttempt, HttpOutput, LookupStep,
    OUTPUT_SCHEMA_VERSION, Phases, ProxySetting, ResponseStep, SniTest, StoreStep, SupportReport,
    SystemReport, TcpOutput, TcpStep, Timeline, TlsAttempt, TlsOutput, TlsStep, TriedAddress, WatchEvent,
    WatchPrevious, WatchVerdict, now_rfc3339, outcome_parts, rfc3339, round_ms as round, tool, verdict_code,
};
