//! The settings and surroundings of a run, as the report carries them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::probe::Family;

/// The settings and surroundings of the run.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Environment {
    pub os: String,
    pub arch: String,
    /// `system` or `server`.
    pub resolver: String,
    pub nameservers: Vec<String>,
    pub families: Vec<Family>,
    pub timeout_ms: f64,
    pub max_time_ms: f64,
    /// Roots in the system and public stores (including --cacert).
    pub system_store_roots: usize,
    pub public_store_roots: usize,
    pub cacert: Option<String>,
    pub doh_url: Option<String>,
    pub base_url: Option<String>,
    /// Where the base URL came from: `flag`, `OPENAI_BASE_URL`, `OPENAI_API_BASE` or `default`.
    pub base_url_source: String,
    /// Where the API key came from (`OPENAI_API_KEY`, `--api-key-file`), or null when none.
    pub api_key_source: Option<String>,
    /// Proxy variables that are set (names only; values may hold credentials).
    pub proxy_variables: Vec<String>,
    /// The proxies in effect, without credentials, and the setting each came from.
    pub proxies: Vec<ProxySettingReport>,
    /// NO_PROXY entries in effect, and where they came from.
    pub no_proxy: Vec<String>,
    pub no_proxy_source: Option<String>,
    /// Disagreeing upper- and lower-case variables, malformed values.
    pub proxy_warnings: Vec<String>,
    pub overrides: Vec<String>,
    /// The hosts file read for OpenAI's names (`/etc/hosts`, or Windows' own).
    #[serde(default)]
    pub hosts_file: Option<String>,
    /// Why the hosts file could not be read (too large, not a regular file, refused), in the
    /// report's language; null when it was read or is absent.
    #[serde(default)]
    pub hosts_file_problem: Option<String>,
}

/// A proxy in effect.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ProxySettingReport {
    /// `https`, `http` or `other` (ALL_PROXY).
    pub applies_to: String,
    /// The proxy URL without credentials.
    pub proxy: String,
    /// `--proxy`, `HTTPS_PROXY`, `https_proxy`, …
    pub source: String,
    pub has_credentials: bool,
}
