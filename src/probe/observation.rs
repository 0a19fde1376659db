//! What probes observe, as plain data: the stages with their durations and stable failure
//! strings, the details each stage records, and the observations of a whole run. Probes fill
//! these; `diagnose`, `evidence` and the report read them. Imports no probe.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::Target;
use crate::route::ProxyScheme;

/// Why a stage failed, as a stable string (OONI's vocabulary, extended where needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Failure {
    DnsNxdomainError,
    DnsNoAnswer,
    DnsRefusedError,
    DnsServfailError,
    DnsTemporaryFailure,
    DnsBogonError,
    GenericTimeoutError,
    ConnectionRefused,
    ConnectionReset,
    HostUnreachable,
    NetworkUnreachable,
    ProxyAuthRequired,
    ProxyDenied,
    ProxyError,
    SslInvalidHostname,
    SslUnknownAuthority,
    SslInvalidCertificate,
    SslFailedHandshake,
    EofError,
    HttpInvalidResponse,
    UnknownFailure,
}

impl Failure {
    /// Every failure string, in the order of the enum.
    pub const ALL: [Failure; 21] = [
        Failure::DnsNxdomainError,
        Failure::DnsNoAnswer,
        Failure::DnsRefusedError,
        Failure::DnsServfailError,
        Failure::DnsTemporaryFailure,
        Failure::DnsBogonError,
        Failure::GenericTimeoutError,
        Failure::ConnectionRefused,
        Failure::ConnectionReset,
        Failure::HostUnreachable,
        Failure::NetworkUnreachable,
        Failure::ProxyAuthRequired,
        Failure::ProxyDenied,
        Failure::ProxyError,
        Failure::SslInvalidHostname,
        Failure::SslUnknownAuthority,
        Failure::SslInvalidCertificate,
        Failure::SslFailedHandshake,
        Failure::EofError,
        Failure::HttpInvalidResponse,
        Failure::UnknownFailure,
    ];

    /// The stable string, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Failure::DnsNxdomainError => "dns_nxdomain_error",
            Failure::DnsNoAnswer => "dns_no_answer",
            Failure::DnsRefusedError => "dns_refused_error",
            Failure::DnsServfailError => "dns_servfail_error",
            Failure::DnsTemporaryFailure => "dns_temporary_failure",
            Failure::DnsBogonError => "dns_bogon_error",
            Failure::GenericTimeoutError => "generic_timeout_error",
            Failure::ConnectionRefused => "connection_refused",
            Failure::ConnectionReset => "connection_reset",
            Failure::HostUnreachable => "host_unreachable",
            Failure::NetworkUnreachable => "network_unreachable",
            Failure::ProxyAuthRequired => "proxy_auth_required",
            Failure::ProxyDenied => "proxy_denied",
            Failure::ProxyError => "proxy_error",
            Failure::SslInvalidHostname => "ssl_invalid_hostname",
            Failure::SslUnknownAuthority => "ssl_unknown_authority",
            Failure::SslInvalidCertificate => "ssl_invalid_certificate",
            Failure::SslFailedHandshake => "ssl_failed_handshake",
            Failure::EofError => "eof_error",
            Failure::HttpInvalidResponse => "http_invalid_response",
            Failure::UnknownFailure => "unknown_failure",
        }
    }

    /// A short phrase for people.
    pub fn describe(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::text(lang, &format!("failure-{}", self.as_str()), &[])
    }

    /// Maps an I/O error from connect/read/write to a failure string.
    pub fn from_io(e: &io::Error) -> Failure {
        // Raw errno first: the ErrorKind mapping for these is recent and platform-specific.
        if let Some(code) = e.raw_os_error() {
            match code {
                libc_errno::ECONNREFUSED => return Failure::ConnectionRefused,
                libc_errno::ECONNRESET | libc_errno::EPIPE => return Failure::ConnectionReset,
                libc_errno::EHOSTUNREACH => return Failure::HostUnreachable,
                libc_errno::ENETUNREACH | libc_errno::ENETDOWN => return Failure::NetworkUnreachable,
                libc_errno::ETIMEDOUT => return Failure::GenericTimeoutError,
                _ => {}
            }
        }
        match e.kind() {
            io::ErrorKind::ConnectionRefused => Failure::ConnectionRefused,
            io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted | io::ErrorKind::BrokenPipe => {
                Failure::ConnectionReset
            }
            io::ErrorKind::HostUnreachable => Failure::HostUnreachable,
            io::ErrorKind::NetworkUnreachable | io::ErrorKind::NetworkDown => Failure::NetworkUnreachable,
            io::ErrorKind::TimedOut => Failure::GenericTimeoutError,
            io::ErrorKind::UnexpectedEof => Failure::EofError,
            _ => Failure::UnknownFailure,
        }
    }
}

/// Linux errno values (stable ABI); other platforms fall back to `ErrorKind`.
#[cfg(target_os = "linux")]
mod libc_errno {
    pub const EPIPE: i32 = 32;
    pub const ENETDOWN: i32 = 100;
    pub const ENETUNREACH: i32 = 101;
    pub const ECONNRESET: i32 = 104;
    pub const ETIMEDOUT: i32 = 110;
    pub const ECONNREFUSED: i32 = 111;
    pub const EHOSTUNREACH: i32 = 113;
}
#[cfg(not(target_os = "linux"))]
mod libc_errno {
    pub const EPIPE: i32 = -1;
    pub const ENETDOWN: i32 = -2;
    pub const ENETUNREACH: i32 = -3;
    pub const ECONNRESET: i32 = -4;
    pub const ETIMEDOUT: i32 = -5;
    pub const ECONNREFUSED: i32 = -6;
    pub const EHOSTUNREACH: i32 = -7;
}

/// The outcome of one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    Failed {
        failure: Failure,
        message: String,
    },
    /// Not run because an earlier stage failed (or the run deadline passed first).
    Skipped {
        reason: SkipReason,
    },
}

/// Why a stage did not run, as a stable code (`skip_reason` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The run deadline (`--max-time`) came first.
    Deadline,
    /// No address in the family allowed by -4/-6.
    NoAddressInFamily,
    /// tcp did not connect.
    TcpFailed,
    /// tcp to the proxy did not connect.
    ProxyTcpFailed,
    /// The proxy did not open a tunnel.
    ProxyFailed,
    /// TLS did not complete with a trusted certificate.
    TlsFailed,
    /// A secret (the API key) is sent only over TLS the public store verified.
    NotVerified,
    /// A secret goes over plain http only to a loopback address.
    PlainHttp,
    /// `--dns-server` chose the resolver: the OS resolver (what apps use) was not asked.
    DnsServerChosen,
}

impl SkipReason {
    pub const ALL: [SkipReason; 9] = [
        SkipReason::Deadline,
        SkipReason::NoAddressInFamily,
        SkipReason::TcpFailed,
        SkipReason::ProxyTcpFailed,
        SkipReason::ProxyFailed,
        SkipReason::TlsFailed,
        SkipReason::NotVerified,
        SkipReason::PlainHttp,
        SkipReason::DnsServerChosen,
    ];

    /// The stable code, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::Deadline => "deadline",
            SkipReason::NoAddressInFamily => "no_address_in_family",
            SkipReason::TcpFailed => "tcp_failed",
            SkipReason::ProxyTcpFailed => "proxy_tcp_failed",
            SkipReason::ProxyFailed => "proxy_failed",
            SkipReason::TlsFailed => "tls_failed",
            SkipReason::NotVerified => "not_verified",
            SkipReason::PlainHttp => "plain_http",
            SkipReason::DnsServerChosen => "dns_server_chosen",
        }
    }

    /// The reason in words (`skip-<code>` in the Fluent files).
    pub fn describe(self, lang: crate::i18n::Lang) -> String {
        crate::i18n::text(lang, &format!("skip-{}", self.as_str()), &[])
    }
}

impl Outcome {
    pub fn failed(failure: Failure, message: impl Into<String>) -> Self {
        Outcome::Failed {
            failure,
            message: message.into(),
        }
    }

    pub fn is_ok(&self) -> bool {
        matches!(self, Outcome::Ok)
    }

    pub fn failure(&self) -> Option<Failure> {
        match self {
            Outcome::Failed { failure, .. } => Some(*failure),
            _ => None,
        }
    }
}

/// A stage's outcome, duration and details.
#[derive(Debug, Clone)]
pub struct Stage<T> {
    pub outcome: Outcome,
    pub duration: Option<Duration>,
    pub detail: Option<T>,
    /// True when the stage timed out because the run deadline (`--max-time`) cut its wait
    /// short: evidence of nothing but the deadline.
    pub cut_by_deadline: bool,
}

impl<T> Stage<T> {
    pub fn ok(duration: Duration, detail: T) -> Self {
        Stage {
            outcome: Outcome::Ok,
            duration: Some(duration),
            detail: Some(detail),
            cut_by_deadline: false,
        }
    }

    pub fn failed(duration: Duration, failure: Failure, message: impl Into<String>) -> Self {
        Stage {
            outcome: Outcome::failed(failure, message),
            duration: Some(duration),
            detail: None,
            cut_by_deadline: false,
        }
    }

    pub fn skipped(reason: SkipReason) -> Self {
        Stage {
            outcome: Outcome::Skipped { reason },
            duration: None,
            detail: None,
            cut_by_deadline: false,
        }
    }

    /// Not run because the run deadline (`--max-time`) came first.
    pub fn deadline_skipped() -> Self {
        let mut s = Self::skipped(SkipReason::Deadline);
        s.cut_by_deadline = true;
        s
    }

    /// Marks a timeout as the run deadline's doing when the wait allowed was shorter than the
    /// stage timeout.
    pub fn deadline_checked(mut self, allowed: Duration, stage_timeout: Duration) -> Self {
        if allowed < stage_timeout && self.outcome.failure() == Some(Failure::GenericTimeoutError) {
            self.cut_by_deadline = true;
            if let Outcome::Failed { message, .. } = &mut self.outcome {
                *message = format!("cut short by the run deadline (--max-time): {message}");
            }
        }
        self
    }

    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }
}

/// IPv4 or IPv6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Ipv4,
    Ipv6,
}

impl Family {
    pub fn of(ip: &IpAddr) -> Family {
        match ip {
            IpAddr::V4(_) => Family::Ipv4,
            IpAddr::V6(_) => Family::Ipv6,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Family::Ipv4 => "ipv4",
            Family::Ipv6 => "ipv6",
        }
    }
}

/// Where the addresses of a target came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DnsSource {
    /// The OS resolver, as apps ask it (`getaddrinfo`: the hosts file, then DNS, as the system's
    /// name service configuration says).
    Os,
    /// The nameservers of the system configuration, asked directly (no hosts file).
    System { servers: Vec<SocketAddr> },
    /// `--dns-server`.
    Server(SocketAddr),
    /// `--resolve`.
    Pinned,
    /// The URL (or `--connect-to`) names an address.
    Literal,
}

/// The answer for one address family.
#[derive(Debug, Clone)]
pub struct FamilyLookup {
    pub family: Family,
    pub outcome: Outcome,
    pub addrs: Vec<IpAddr>,
    pub ttl: Option<u32>,
    pub duration: Duration,
}

/// The DNS stage: A and AAAA looked up separately (or, through the OS resolver, in one call and
/// split by family).
#[derive(Debug, Clone)]
pub struct DnsDetail {
    /// The name looked up (the `--connect-to` host when one applies).
    pub query: String,
    pub source: DnsSource,
    pub lookups: Vec<FamilyLookup>,
}

impl DnsDetail {
    pub fn addrs(&self) -> impl Iterator<Item = &IpAddr> {
        self.lookups.iter().flat_map(|l| l.addrs.iter())
    }
}

/// The TCP stage.
#[derive(Debug, Clone)]
pub struct TcpDetail {
    pub peer: SocketAddr,
    /// Addresses tried before this one, with why they failed.
    pub earlier: Vec<(SocketAddr, Failure)>,
}

/// One certificate of a presented chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    pub not_before: String,
    pub not_after: String,
    pub san: Vec<String>,
}

/// Why a store rejected a chain, finer than the failure string (as gcloud's diagnostics tell a
/// missing root from a missing intermediate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CertProblem {
    /// The chain leads to a root this store does not hold.
    UnknownIssuer,
    /// The server sent only its own certificate, which a CA issued: the intermediate is missing.
    MissingIntermediate,
    /// A lone certificate that signed itself.
    SelfSigned,
    /// The certificate is for other names.
    WrongHostname,
    Expired,
    NotYetValid,
    Revoked,
    /// Anything else (bad encoding, unsupported signature, the store unusable).
    Invalid,
}

impl CertProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            CertProblem::UnknownIssuer => "unknown_issuer",
            CertProblem::MissingIntermediate => "missing_intermediate",
            CertProblem::SelfSigned => "self_signed",
            CertProblem::WrongHostname => "wrong_hostname",
            CertProblem::Expired => "expired",
            CertProblem::NotYetValid => "not_yet_valid",
            CertProblem::Revoked => "revoked",
            CertProblem::Invalid => "invalid",
        }
    }
}

/// What a trust store said of a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Trusted,
    Rejected {
        failure: Failure,
        message: String,
        problem: CertProblem,
    },
    NotChecked,
}

impl Verification {
    pub fn is_trusted(&self) -> bool {
        matches!(self, Verification::Trusted)
    }
}

/// The TLS stage.
#[derive(Debug, Clone, Default)]
pub struct TlsDetail {
    /// The SNI sent (`None` for IP literals, where TLS sends none).
    pub sni: Option<String>,
    pub version: Option<String>,
    pub alpn: Option<String>,
    pub cipher: Option<String>,
    pub chain: Vec<CertInfo>,
    pub system_store: Option<Verification>,
    pub public_store: Option<Verification>,
    /// The TLS alert the server sent, when the handshake ended with one (the server spoke TLS).
    pub alert: Option<String>,
    /// The SNI test, run when the handshake with the real name died by reset, silence or EOF,
    /// or completed many round trips late (throttling keyed by the name).
    pub decoy: Option<Box<Decoy>>,
    /// The key exchange group the handshake settled on (`x25519`, `secp256r1`, …).
    pub group: Option<String>,
    /// A browser-shaped handshake to the same address (a large, post-quantum ClientHello), run
    /// beside this one for the web and app hosts and one control.
    pub browser: Option<Box<Stage<BrowserHelloDetail>>>,
}

/// What the browser-shaped handshake saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserHelloDetail {
    /// Bytes of the ClientHello record sent (over 1,500).
    pub hello_bytes: usize,
    /// The key exchange group the server chose, by IANA name ("X25519MLKEM768", "x25519",
    /// "secp256r1", …, or "0x1234"), from the ServerHello's key_share (or a HelloRetryRequest's
    /// selected group).
    pub group: Option<String>,
    /// The server answered with a TLS alert instead of a ServerHello (its description, e.g.
    /// "handshake_failure"): the hello still reached a TLS server.
    pub alert: Option<String>,
}

/// The decoy name of the SNI test: a name no filter has reason to block, and no OpenAI name.
pub const DEFAULT_DECOY_SNI: &str = "example.com";

/// The SNI test: the same address, a decoy name (as OONI and national-firewall studies do).
#[derive(Debug, Clone)]
pub struct Decoy {
    pub sni: String,
    pub tcp: Stage<TcpDetail>,
    /// `None` when the new connection did not open.
    pub tls: Option<Stage<TlsDetail>>,
}

impl Decoy {
    /// True when a TLS server answered the decoy: the handshake completed (whatever the
    /// certificate) or ended with the server's alert. Then the address speaks TLS and only the
    /// real name is refused.
    pub fn answered(&self) -> bool {
        self.tls
            .as_ref()
            .and_then(|s| s.detail.as_ref())
            .is_some_and(|d| d.version.is_some() || d.alert.is_some())
    }
}

/// The HTTP stage: one request on the measured connection.
#[derive(Debug, Clone)]
pub struct HttpDetail {
    pub status: u16,
    pub version: String,
    /// Selected response headers (lower-case names), in arrival order.
    pub headers: Vec<(String, String)>,
    /// The body, up to the cap.
    pub body: Vec<u8>,
    pub body_truncated: bool,
    /// How the body read ended: complete, at the byte cap, at the read deadline, or broken.
    pub body_end: BodyEnd,
    /// Time to read the (capped) body after the head.
    pub body_duration: Duration,
    /// This machine's clock when the head arrived (compared with `Date` for clock skew).
    pub received_at: std::time::SystemTime,
}

impl HttpDetail {
    /// The first value of a header (name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How reading a body ended. A body is read under a cap in bytes and a cap in time; one that
/// misses either is evidence (an endless or trickling answer), never a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyEnd {
    /// The body ended within both caps.
    #[default]
    Complete,
    /// The byte cap came first.
    Cap,
    /// The read deadline came first: the body trickled or stalled.
    Deadline,
    /// The connection broke mid-body.
    Broken,
}

impl BodyEnd {
    /// A stable code, as in the report's `http.body_end`.
    pub fn as_str(self) -> &'static str {
        match self {
            BodyEnd::Complete => "complete",
            BodyEnd::Cap => "cap",
            BodyEnd::Deadline => "deadline",
            BodyEnd::Broken => "broken",
        }
    }
}

/// What the HTTP stage sends and how it guards it.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    /// Extra request headers. Never recorded in observations or reports.
    pub headers: Vec<(String, String)>,
    pub body_cap: usize,
    /// Wait for the body as long as for the head (long documents); see `http::body_wait`.
    pub full_body_wait: bool,
    /// Also try a browser-shaped (large, post-quantum) handshake to the same address, beside
    /// the chain: for the web and app hosts and one control.
    pub browser_handshake: bool,
    /// The headers carry a secret: send them only over TLS that the *public* store verified
    /// (so never through an intercepting middlebox), or plain http to a loopback address.
    pub secret: bool,
}

impl Default for RequestSpec {
    fn default() -> Self {
        RequestSpec {
            headers: vec![],
            body_cap: BODY_CAP,
            full_body_wait: false,
            browser_handshake: false,
            secret: false,
        }
    }
}

/// dns → tcp → tls → http over one connection, for one address family.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub family: Family,
    /// To the target, or to the proxy when one applies.
    pub tcp: Stage<TcpDetail>,
    /// The proxy's CONNECT or SOCKS handshake, when a proxy applies (plain-http requests sent
    /// to an http proxy in absolute form have none).
    pub proxy: Option<Stage<ProxyDetail>>,
    /// `None` for plain http://.
    pub tls: Option<Stage<TlsDetail>>,
    pub http: Stage<HttpDetail>,
}

impl Attempt {
    /// How far this attempt got: 0 nothing, 1 tcp, 2 tls, 3 http.
    pub fn progress(&self) -> u8 {
        if self.http.is_ok() {
            3
        } else if self.tls.as_ref().is_some_and(Stage::is_ok) {
            2
        } else if self.tcp.is_ok() {
            1
        } else {
            0
        }
    }
}

/// Everything measured for one target.
#[derive(Debug, Clone)]
pub struct TargetObservation {
    pub target: Target,
    /// `None` for IP literals.
    pub dns: Option<Stage<DnsDetail>>,
    /// One per address family that had addresses (IPv4 first).
    pub attempts: Vec<Attempt>,
}

impl TargetObservation {
    /// The attempt that got furthest (IPv4 preferred on a tie).
    pub fn best(&self) -> Option<&Attempt> {
        self.attempts.iter().rev().max_by_key(|a| a.progress())
    }

    /// The HTTP answer, when one came.
    pub fn response(&self) -> Option<&HttpDetail> {
        self.best().and_then(|a| a.http.detail.as_ref())
    }

    /// True when the name resolved (or needed no resolving).
    pub fn resolved(&self) -> bool {
        self.dns.as_ref().is_none_or(Stage::is_ok)
    }
}

/// The whole run's measurements, plus the settings that shaped them.
#[derive(Debug, Clone)]
pub struct Observations {
    pub targets: Vec<TargetObservation>,
    /// The status page's documents (summary, incidents, native), fetched beside the targets.
    pub status_documents: Vec<TargetObservation>,
    /// The authenticated `GET {base}/models`, when an API key is configured.
    pub key_check: Option<TargetObservation>,
    /// DNS-over-HTTPS control lookups of OpenAI names whose answers needed a control.
    pub doh: Vec<DohLookup>,
    /// Every OpenAI name looked up by name (not pinned, not an address, not through a proxy) as
    /// the OS resolver and the configured DNS servers each answered it.
    pub dns_views: Vec<NameViews>,
    pub started_at: std::time::SystemTime,
    pub duration: Duration,
}

/// One OpenAI name as two resolvers answered it. The one the targets' chain used is the chain's
/// own dns stage; the other ran beside it.
#[derive(Debug, Clone)]
pub struct NameViews {
    /// The name looked up (as the targets dial it, without a trailing dot).
    pub name: String,
    /// The OS resolver (what apps use); skipped with [`SkipReason::DnsServerChosen`] under
    /// `--dns-server`.
    pub os: Stage<DnsDetail>,
    /// The configured DNS servers asked directly (the system's nameservers, or `--dns-server`),
    /// with TTLs.
    pub configured: Stage<DnsDetail>,
}

/// The most body kept by default: enough for any error page, trace or status JSON we classify.
pub const BODY_CAP: usize = 64 * 1024;

/// One DoH lookup: one name, one address family, one resolver.
#[derive(Debug, Clone)]
pub struct DohLookup {
    /// The DoH URL asked (as configured, without the `dns` parameter).
    pub resolver: String,
    /// The name looked up (without a trailing dot).
    pub name: String,
    pub family: Family,
    /// `Ok` when the answer held an address of the family. Otherwise a DNS failure
    /// (`dns_nxdomain_error`, `dns_no_answer`, `dns_refused_error`, `dns_servfail_error`) when the
    /// resolver answered, `http_invalid_response` when what came back was not a DNS answer to
    /// this query (not 200, another media type, not a DNS message, another id or question), or
    /// the transport's failure when no answer came (tcp/tls/http strings, timeouts).
    pub outcome: Outcome,
    /// Addresses of the family, in answer order, following CNAME chains inside the answer.
    pub addrs: Vec<IpAddr>,
    /// The smallest TTL of the records used (address records and the CNAMEs leading to them).
    pub ttl: Option<u32>,
    /// The response code, as in `dig` (`NOERROR`, `NXDOMAIN`, …), when a DNS answer came.
    pub rcode: Option<String>,
    /// The CNAME chain followed from the name (targets only, without trailing dots).
    pub cnames: Vec<String>,
    /// Time from start to a judged answer (or failure).
    pub duration: Duration,
    /// The transport stages (dns of the resolver's own name when it has one, tcp, tls, http).
    pub observation: TargetObservation,
}

impl DohLookup {
    /// True when the resolver gave a DNS answer about the name: addresses, NXDOMAIN or NODATA.
    /// A SERVFAIL, REFUSED, invalid response or transport failure says nothing about the name.
    pub fn answered(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Ok
                | Outcome::Failed {
                    failure: Failure::DnsNxdomainError | Failure::DnsNoAnswer,
                    ..
                }
        )
    }
}

/// The proxy stage's details. Never carries credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyDetail {
    /// The proxy, without credentials (`ProxyConfig::display`).
    pub proxy: String,
    /// The setting it came from.
    pub source: String,
    pub scheme: ProxyScheme,
    /// True when credentials were offered (`Proxy-Authorization`, SOCKS5 username/password).
    pub credentials_sent: bool,
    /// The CONNECT answer's status (`None` for SOCKS5 or when no answer came).
    pub status: Option<u16>,
    /// The reason phrase of a CONNECT answer, or the SOCKS5 error.
    pub reason: Option<String>,
    /// Selected headers of a CONNECT answer (lower-case names): `proxy-authenticate`, `server`,
    /// `via`, `content-type`, `x-squid-error`, `location`.
    pub headers: Vec<(String, String)>,
    /// The first 300 printable characters of a refusal's body (HTML reduced to its text).
    pub body_excerpt: Option<String>,
}

impl ProxyDetail {
    /// The first value of a kept header (name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}
