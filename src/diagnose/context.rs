//! What `diagnose` is told about the machine besides the probe results.

use crate::evidence::dns_consistency::EdgeRanges;
use crate::i18n::Lang;
use crate::system::hosts::HostsReading;

/// Facts about the machine that are not probe results.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Disagreeing upper/lower-case proxy variables and malformed proxy settings.
    pub proxy_warnings: Vec<String>,
    /// Problems with the system trust store (empty, unreadable files).
    pub trust_store_problems: Vec<String>,
    /// Where the API key came from (`OPENAI_API_KEY`, `--api-key-file`), when one is set.
    pub key_source: Option<String>,
    /// True when OPENAI_ORG_ID was sent with the key.
    pub organization_sent: bool,
    /// True when OPENAI_PROJECT_ID was sent with the key.
    pub project_sent: bool,
    /// A missing key is itself the fault (`auth`), not just an unchecked layer (`check`).
    pub require_key: bool,
    /// The address ranges OpenAI's edge answers from (Cloudflare's by default; `--edge-ranges`).
    pub edge_ranges: EdgeRanges,
    /// The hosts file's lines for OpenAI's names (read by `check`), or why it could not be read.
    pub hosts: HostsReading,
    /// What browsers and the desktop app do, read beside the check (the system proxy, its PAC
    /// file), and the tunnels in the way.
    pub browsers: BrowserFindings,
    /// The language of the words (summaries, evidence, advice); codes never change with it.
    pub lang: Lang,
}

/// What the system proxy and the tunnels say, as `diagnose` weighs it.
#[derive(Debug, Clone, Default)]
pub struct BrowserFindings {
    /// The PAC file browsers follow could not be fetched or evaluated: where it is, and why in
    /// the report's words.
    pub pac_failure: Option<(String, String)>,
    /// Probed URLs that browsers reach another way than this check did.
    pub differing: Vec<RouteDifference>,
    /// OpenAI names answered with a TUN proxy's fake-ip addresses.
    pub fake_ip_answers: Vec<(String, std::net::IpAddr)>,
    /// The tunnel adapters that are up, by name.
    pub tunnels_up: Vec<String>,
}

/// One URL that browsers reach another way than this check did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteDifference {
    pub url: String,
    /// `direct` or the proxy (`host:port`) browsers take.
    pub browsers: String,
    /// `direct` or the proxy this check took.
    pub this_check: String,
    /// What decided the browsers' way (the setting's origin, an exception, `PAC`).
    pub decided_by: String,
}
