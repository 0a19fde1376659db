//! What a run probes and with what: the plan (targets, rules, routes, timeouts) and the tools
//! every probe of the run shares.

use std::sync::Arc;
use std::time::Duration;

use super::dns::Dns;
use super::observation::{Family, RequestSpec};
use super::tls::TlsContext;
use crate::catalog::Target;
use crate::route::{ConnectTo, DecidedWays, ProxySettings, ResolveRule, Route};

/// What to probe and how.
#[derive(Debug, Clone)]
pub struct Plan {
    pub targets: Vec<Target>,
    pub families: Vec<Family>,
    pub resolve: Vec<ResolveRule>,
    pub connect_to: Vec<ConnectTo>,
    pub timeout: Duration,
    pub max_time: Duration,
    /// Status page documents to fetch (body cap raised for them).
    pub status_documents: Vec<Target>,
    /// The authenticated API request, when a key is configured.
    pub key_check: Option<(Target, RequestSpec)>,
    /// Proxy settings (environment and flags): which targets go through which proxy.
    pub proxies: Arc<ProxySettings>,
    /// Another program's way, decided per URL in advance (the browsers': the system proxy or its
    /// PAC file): when set, it replaces `proxies` for choosing each target's route.
    pub decided: Option<Arc<DecidedWays>>,
    /// DNS-over-HTTPS control resolvers, asked only about OpenAI names whose answers the TLS
    /// handshake did not prove (or that did not resolve).
    pub doh: Vec<url::Url>,
}

impl Plan {
    /// How a target URL is reached on this plan's route, and which setting decided it.
    pub fn route(&self, url: &url::Url) -> Route<'_> {
        match &self.decided {
            Some(ways) => ways.route(url),
            None => self.proxies.route(url),
        }
    }
}

/// The resolver and the trust stores that every probe shares, read-only: built once, reused
/// across targets and runs.
pub struct ProbeTools {
    /// The resolver of the dns stage.
    pub dns: Dns,
    /// The trust stores and crypto provider of the tls stage.
    pub tls: TlsContext,
    /// What the probes are waiting on (for a progress display).
    pub waits: super::waits::Waits,
}
