//! The API key check, as the report carries it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::targets::StageReport;

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
    pub rate_limits: BTreeMap<String, String>,
    /// The API's own message (OpenAI masks keys in it), or why the check did not run.
    pub message: Option<String>,
    /// The request's stages (dns, tcp, tls, http).
    pub stages: Vec<StageReport>,
}
