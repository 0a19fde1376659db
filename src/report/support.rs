//! The JSON `report` writes next to the Markdown. Its JSON Schema (`schema/support.schema.json`)
//! is derived from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::document::{Report, Tool};

/// The JSON `report` writes next to the Markdown: the check report and what surrounds it, with
/// secrets (and, with `--anonymize`, identifying details) replaced by placeholders.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct SupportReport {
    /// Always 1 for this shape.
    pub schema_version: u32,
    pub tool: Tool,
    /// When the file was made (RFC 3339, UTC).
    pub generated_at: String,
    /// True with `--anonymize`.
    pub anonymized: bool,
    /// What was replaced, by kind (e.g. "OPENAI_API_KEY value", "proxy credentials"; English
    /// unless `--lang`).
    pub redactions: Vec<String>,
    pub system: SystemReport,
    /// The check, as `check --json` prints it.
    pub report: Report,
}

/// The machine and its network settings.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct SystemReport {
    pub os: String,
    pub arch: String,
    /// The distribution or OS version (PRETTY_NAME of /etc/os-release), when known.
    pub os_release: Option<String>,
    /// The kernel release, when known.
    pub kernel: Option<String>,
    /// This machine's host name.
    pub hostname: Option<String>,
    /// The system resolver's nameservers (from the system configuration).
    pub nameservers: Vec<String>,
    /// The system resolver's search domains (LOCALDOMAIN, else the system configuration).
    pub search_domains: Vec<String>,
    /// Proxy variables that are set, credentials removed.
    pub proxies: Vec<ProxySetting>,
    /// Whether OPENAI_API_KEY is set (its value is never written).
    pub api_key_set: bool,
    /// OPENAI_ORG_ID / OPENAI_PROJECT_ID are set (values not written).
    pub openai_variables: Vec<String>,
}

/// One proxy variable.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ProxySetting {
    pub variable: String,
    /// The value with any `user:password@` removed.
    pub value: String,
    /// True when credentials were removed from the value.
    pub had_credentials: bool,
}
