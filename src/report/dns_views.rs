//! Every OpenAI name as each resolver answered it: the OS resolver (what apps use, the hosts file
//! included), the configured DNS servers asked directly, and the DNS-over-HTTPS controls.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::convert::{dns_source_parts, ms, outcome_parts};
use super::dns_consistency::DohAnswerReport;
use super::names::StageStatus;
use crate::i18n::Lang;
use crate::probe::{DnsDetail, DohLookup, Failure, NameViews, Outcome, SkipReason, Stage};
use crate::system::hosts::HostsEntry;

/// One OpenAI name as the OS resolver, the configured DNS servers and the DNS-over-HTTPS controls
/// answered it. Views that disagree are evidence to judge, not a fault: an address that completes
/// a verified handshake for the name is genuine wherever it came from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DnsViewReport {
    pub name: String,
    /// The OS resolver (`getaddrinfo`), as apps resolve the name: the hosts file, then DNS. Skipped
    /// (`dns_server_chosen`) under `--dns-server`.
    pub os: ResolverViewReport,
    /// The configured DNS servers asked directly (the system's nameservers, or `--dns-server`),
    /// without the hosts file.
    pub configured: ResolverViewReport,
    /// The DNS-over-HTTPS controls' answers (asked only for names no handshake proved; empty
    /// otherwise).
    pub doh: Vec<DohAnswerReport>,
    /// True when the OS resolver and the configured servers gave the same addresses (or both
    /// none); null when one of them was not asked or did not finish.
    pub agree: Option<bool>,
}

/// What one resolver answered for the name.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ResolverViewReport {
    /// `os`, `system` (the system's nameservers) or `server` (`--dns-server`); null when the
    /// lookup did not run.
    pub source: Option<String>,
    /// The nameservers asked (none for the OS resolver: the OS chooses).
    pub servers: Vec<String>,
    pub status: StageStatus,
    /// Every address, IPv4 first, in the resolver's order.
    pub addresses: Vec<String>,
    /// Why there was no address, when the lookup failed.
    pub failure: Option<Failure>,
    /// Why the lookup did not run: `dns_server_chosen` (the OS view under `--dns-server`) or
    /// `deadline`.
    pub skip_reason: Option<SkipReason>,
    /// The smallest TTL of the answer (null for the OS resolver, which gives none).
    pub ttl: Option<u32>,
    pub duration_ms: Option<f64>,
    /// The hosts file's lines for the name (the OS view only; empty when none).
    pub hosts_entries: Vec<HostsEntryReport>,
    /// True when the hosts file's lines gave every address of this view: the OS answered from
    /// the file, not from DNS (the OS view only).
    pub from_hosts_file: bool,
}

/// A line of the hosts file that names the name.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct HostsEntryReport {
    /// The file (`/etc/hosts`, `C:\Windows\System32\drivers\etc\hosts`).
    pub file: String,
    /// The line number, from 1.
    pub line: usize,
    pub address: String,
}

impl ResolverViewReport {
    /// When the hosts file gave this view its addresses: the file and its lines that did
    /// ("3, 4"), for the renderers.
    pub fn hosts_lines(&self) -> Option<(&str, String)> {
        if !self.from_hosts_file {
            return None;
        }
        let first = self.hosts_entries.first()?;
        let lines: Vec<String> = self
            .hosts_entries
            .iter()
            .filter(|e| e.file == first.file)
            .map(|e| e.line.to_string())
            .collect();
        Some((&first.file, lines.join(", ")))
    }
}

impl DnsViewReport {
    /// The report of one name's views: `hosts` are the hosts file's lines for it, `from_hosts_file`
    /// whether they gave the OS view, `agree` whether the two resolvers agreed, `doh` every DoH
    /// lookup of the run (this name's are kept).
    pub fn new(
        views: &NameViews,
        hosts: &[&HostsEntry],
        from_hosts_file: bool,
        agree: Option<bool>,
        doh: &[DohLookup],
    ) -> DnsViewReport {
        let mut os = ResolverViewReport::from_stage(&views.os);
        os.source = Some("os".into());
        os.hosts_entries = hosts
            .iter()
            .map(|e| HostsEntryReport {
                file: e.file.clone(),
                line: e.line,
                address: e.address.to_string(),
            })
            .collect();
        os.from_hosts_file = from_hosts_file;
        DnsViewReport {
            name: views.name.clone(),
            os,
            configured: ResolverViewReport::from_stage(&views.configured),
            doh: doh
                .iter()
                .filter(|d| d.name.eq_ignore_ascii_case(&views.name))
                .map(DohAnswerReport::from_lookup)
                .collect(),
            agree,
        }
    }
}

impl ResolverViewReport {
    /// One resolver's dns stage.
    pub fn from_stage(stage: &Stage<DnsDetail>) -> ResolverViewReport {
        let (status, failure, _) = outcome_parts(&stage.outcome, Lang::En);
        let (source, servers) = match &stage.detail {
            Some(d) => {
                let (code, servers) = dns_source_parts(&d.source);
                (Some(code.to_string()), servers)
            }
            None => (None, vec![]),
        };
        let detail = stage.detail.as_ref();
        ResolverViewReport {
            source,
            servers,
            status,
            addresses: detail
                .map(|d| d.addrs().map(ToString::to_string).collect())
                .unwrap_or_default(),
            failure,
            skip_reason: match &stage.outcome {
                Outcome::Skipped { reason } => Some(*reason),
                _ => None,
            },
            ttl: detail.and_then(|d| d.lookups.iter().filter_map(|l| l.ttl).min()),
            duration_ms: stage.duration.map(ms),
            hosts_entries: vec![],
            from_hosts_file: false,
        }
    }
}
