//! Where OpenAI's edge sees this client (`/cdn-cgi/trace`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
