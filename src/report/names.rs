//! The report's code words: layers, causes, layer and stage statuses, stage names, severities.
//! Their JSON strings are stable (scripts match on them); [`StageName::as_str`] and
//! [`verdict_code`] are the one place each is spelled for text output.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::exit::ExitCode;

/// A layer, from the user outwards.
// The variants are in that order, and `Ord` follows it (the verdict over routes compares them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
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
    /// The stable string, as in JSON.
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

/// The stable cause codes, by layer in the README. Scripts match on these; they are never renamed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    Healthy,
    Inconclusive,
    // machine
    ClockSkew,
    ProxyUnreachable,
    ProxyMisconfigured,
    /// A hosts-file line sends apps to an address that does not serve an OpenAI name.
    HostsOverride,
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
    /// Something on the path answered in OpenAI's place: the answers lack the proof only the
    /// real service gives (a block page, a deny page, a body that trickles or never ends).
    UnexpectedAnswer,
    /// TLS handshakes naming OpenAI take many round trips while the same address with another
    /// name, and the controls, are fast: throttling keyed by the name.
    SniThrottled,
    /// A browser-shaped (large, post-quantum) ClientHello dies where the tool's small one
    /// completes: a middlebox drops large or split hellos (`local_network` when the control's
    /// dies too, `path` when only OpenAI's does).
    LargeHandshakeBlocked,
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
    /// Browsers and the desktop app reach OpenAI another way than this check did (the system
    /// proxy or its PAC file against the proxy variables).
    BrowserRouteDiffers,
    /// OpenAI's names were answered with a TUN proxy's fake-ip addresses: the path is the proxy's
    /// upstream.
    TunnelFakeIp,
}

impl Cause {
    /// Every cause, in the order of the enum.
    pub const ALL: [Cause; 43] = [
        Cause::Healthy,
        Cause::Inconclusive,
        Cause::ClockSkew,
        Cause::ProxyUnreachable,
        Cause::ProxyMisconfigured,
        Cause::HostsOverride,
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
        Cause::UnexpectedAnswer,
        Cause::SniThrottled,
        Cause::LargeHandshakeBlocked,
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
        Cause::BrowserRouteDiffers,
        Cause::TunnelFakeIp,
    ];

    /// The stable string, as in JSON.
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
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

/// Severity of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warn,
    Fail,
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

/// The stable string of a layer/cause pair (`path/tcp_blocked`, or `healthy` for layer none).
pub fn verdict_code(layer: Layer, cause: Cause) -> String {
    if layer == Layer::None {
        cause.as_str()
    } else {
        format!("{}/{}", layer.as_str(), cause.as_str())
    }
}
