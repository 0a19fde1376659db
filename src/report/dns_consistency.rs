//! OpenAI names whose DNS answers were judged against DNS-over-HTTPS controls.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::convert::{ms, record_type};
use crate::evidence::dns_consistency::{Consistency, NameConsistency};
use crate::i18n::Lang;
use crate::probe::{DohLookup, Failure};

/// One OpenAI name's answer judged against DNS-over-HTTPS controls and TLS proofs.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DnsConsistencyReport {
    pub name: String,
    /// `consistent`, `tampered`, `blocked` or `inconclusive`.
    pub verdict: String,
    /// Per address (or the blocking): what was found and why.
    pub evidence: Vec<String>,
    /// What each control resolver answered.
    pub controls: Vec<DohAnswerReport>,
}

/// A DNS-over-HTTPS control's answer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct DohAnswerReport {
    pub resolver: String,
    /// `A` or `AAAA`.
    pub record_type: String,
    pub answers: Vec<String>,
    pub failure: Option<Failure>,
    pub duration_ms: f64,
}

impl DnsConsistencyReport {
    /// Builds the report part from a judgement and the DoH lookups; the evidence in `lang`.
    pub fn from_check(c: &NameConsistency, doh: &[DohLookup], lang: Lang) -> DnsConsistencyReport {
        DnsConsistencyReport {
            name: c.name.clone(),
            verdict: match c.verdict {
                Consistency::Consistent => "consistent",
                Consistency::Tampered { .. } => "tampered",
                Consistency::Blocked { .. } => "blocked",
                Consistency::Inconclusive => "inconclusive",
            }
            .into(),
            evidence: c.evidence(lang),
            controls: doh
                .iter()
                .filter(|d| d.name == c.name)
                .map(DohAnswerReport::from_lookup)
                .collect(),
        }
    }
}

impl DohAnswerReport {
    /// One DoH lookup's answer.
    pub fn from_lookup(d: &DohLookup) -> DohAnswerReport {
        DohAnswerReport {
            resolver: d.resolver.clone(),
            record_type: record_type(d.family).into(),
            answers: d.addrs.iter().map(std::string::ToString::to_string).collect(),
            failure: d.outcome.failure(),
            duration_ms: ms(d.duration),
        }
    }
}
