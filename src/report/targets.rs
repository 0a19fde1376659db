//! What the target probes found, stage by stage, in the check report.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::convert::{excerpt, ms};
use super::names::{StageName, StageStatus};
use crate::catalog::Surface;
use crate::evidence::origin::{Endpoint, Proof, prove};
use crate::probe::{
    BrowserHelloDetail, CertInfo, CertProblem, Failure, Family, HttpDetail, SkipReason, Stage, Verification,
};

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
    pub skip_reason: Option<SkipReason>,
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
    /// The SNI test (run when the handshake with the real name was reset, cut or stalled, or
    /// completed many round trips late).
    pub decoy: Option<DecoyReport>,
    /// The key exchange group the handshake settled on (`x25519`, `X25519MLKEM768`, …).
    #[serde(default)]
    pub group: Option<String>,
    /// A browser-shaped handshake to the same address (a ClientHello over 1.5 KB offering
    /// `X25519MLKEM768` and `x25519`), for the web and app hosts and one control.
    #[serde(default)]
    pub browser_handshake: Option<BrowserHandshakeReport>,
}

/// The browser-shaped handshake: whether the server answered a large, post-quantum ClientHello.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BrowserHandshakeReport {
    /// `ok` when the server answered (a ServerHello, or an alert: the hello reached it).
    pub status: StageStatus,
    pub duration_ms: Option<f64>,
    pub failure: Option<Failure>,
    pub detail: String,
    /// Bytes of the ClientHello record sent.
    pub hello_bytes: Option<usize>,
    /// The key exchange group the server chose for it.
    pub group: Option<String>,
    /// The alert the server answered with, when it did.
    pub alert: Option<String>,
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
    pub problem: Option<CertProblem>,
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
    pub headers: BTreeMap<String, String>,
    pub body_bytes: usize,
    pub body_truncated: bool,
    /// How the body read ended: `complete`, `cap` (the byte cap came first), `deadline` (it
    /// trickled or stalled past the read deadline) or `broken`.
    #[serde(default)]
    pub body_end: String,
    /// What the answer proves about who sent it (OpenAI's endpoints only).
    #[serde(default)]
    pub origin: Option<OriginReport>,
    /// The start of the body, printable characters only.
    pub body_excerpt: String,
    pub body_ms: f64,
}

impl BrowserHandshakeReport {
    /// From the browser-shaped handshake's stage; `detail` in `lang`.
    pub fn from_stage(b: &Stage<BrowserHelloDetail>, lang: crate::i18n::Lang) -> BrowserHandshakeReport {
        let (status, failure, detail) = super::convert::outcome_parts(&b.outcome, lang);
        BrowserHandshakeReport {
            status,
            duration_ms: b.duration.map(ms),
            failure,
            detail,
            hello_bytes: b.detail.as_ref().map(|d| d.hello_bytes),
            group: b.detail.as_ref().and_then(|d| d.group.clone()),
            alert: b.detail.as_ref().and_then(|d| d.alert.clone()),
        }
    }
}

/// Proof of origin: whether the answer carries what only the real service sends.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct OriginReport {
    /// The endpoint, which says what proves it: `api_models`, `api_key`, `api_region`,
    /// `edge_trace`, `app_edge`, `web_page` or `status_json`.
    pub endpoint: String,
    /// `proven`, `unproven`, or `not_applicable` (an answer another rule judges: a server error,
    /// the edge's refusal, a region block).
    pub result: String,
    /// What the answer lacks, when unproven: `body_unfinished`, `body_too_long`, `body_broken`,
    /// `redirect_off_site`, `unexpected_status`, `unexpected_body`, `no_request_id`,
    /// `no_edge_ray`.
    pub lack: Option<String>,
}

impl OriginReport {
    /// The proof of `h`, the answer of `endpoint` on `host` (`None` for controls).
    pub fn of(endpoint: Endpoint, host: &str, h: &HttpDetail) -> Option<OriginReport> {
        if endpoint == Endpoint::Unchecked {
            return None;
        }
        let (result, lack) = match prove(endpoint, host, h) {
            Proof::Proven => ("proven", None),
            Proof::Unproven(lack) => ("unproven", Some(lack.as_str().to_string())),
            Proof::NotApplicable => ("not_applicable", None),
        };
        Some(OriginReport {
            endpoint: endpoint.as_str().into(),
            result: result.into(),
            lack,
        })
    }
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
    pub headers: BTreeMap<String, String>,
    /// The text of a refusal page, when there was one.
    pub body_excerpt: Option<String>,
}

impl CertReport {
    /// From a certificate of the presented chain.
    pub fn from_info(c: &CertInfo) -> CertReport {
        CertReport {
            subject: c.subject.clone(),
            issuer: c.issuer.clone(),
            not_before: c.not_before.clone(),
            not_after: c.not_after.clone(),
            san: c.san.clone(),
        }
    }
}

impl StoreVerdict {
    /// From what a trust store said (`None` when it was not asked).
    pub fn from_verification(v: Option<&Verification>) -> StoreVerdict {
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
}

impl HttpReport {
    /// The kind a person is shown: `not_openai` when the answer lacks its proof of origin,
    /// else the classifier's kind.
    pub fn shown_kind(&self) -> &str {
        match &self.origin {
            Some(o) if o.result == "unproven" => "not_openai",
            _ => &self.kind,
        }
    }

    /// From the HTTP stage's answer.
    pub fn from_detail(h: &HttpDetail) -> HttpReport {
        HttpReport {
            status: h.status,
            responder: crate::evidence::signatures::responder(h).into(),
            kind: crate::evidence::signatures::classify_response(h).as_str().into(),
            version: h.version.clone(),
            headers: h.headers.iter().cloned().collect(),
            body_bytes: h.body.len(),
            body_truncated: h.body_truncated,
            body_end: h.body_end.as_str().into(),
            origin: None,
            body_excerpt: excerpt(&h.body, 300),
            body_ms: ms(h.body_duration),
        }
    }
}
