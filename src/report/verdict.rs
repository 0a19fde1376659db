//! What `diagnose` concludes: the verdict, each layer's assessment and its findings.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::account::AccountReport;
use super::dns_consistency::DnsConsistencyReport;
use super::dns_views::DnsViewReport;
use super::edge_trace::EdgeTraceReport;
use super::exit::ExitCode;
use super::names::{Cause, Layer, LayerStatus, Severity};
use super::status_page::StatusPageReport;
use crate::catalog::Surface;

/// The verdict: one layer and one cause, in words, with evidence and advice.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Verdict {
    pub layer: Layer,
    pub cause: Cause,
    /// One plain sentence.
    pub summary: String,
    /// The observations that support the verdict.
    pub evidence: Vec<String>,
    /// What to do next, most useful first.
    pub advice: Vec<String>,
    /// Surfaces that worked end to end (so a person can switch to them).
    pub working_surfaces: Vec<Surface>,
    /// Surfaces with at least one failing target.
    pub failing_surfaces: Vec<Surface>,
    /// Odd things that did not decide the verdict.
    pub warnings: Vec<String>,
}

/// What `diagnose` concludes from the observations: the verdict, every layer's report and the
/// readings it made on the way. The report is assembled from it and the observations.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    pub verdict: Verdict,
    pub layers: Vec<LayerReport>,
    pub status_page: Option<StatusPageReport>,
    pub edge_trace: Option<EdgeTraceReport>,
    pub account: Option<AccountReport>,
    pub dns_consistency: Vec<DnsConsistencyReport>,
    /// Every OpenAI name as the OS resolver, the configured servers and the DoH controls
    /// answered it.
    pub dns_views: Vec<DnsViewReport>,
    /// The language the words are in.
    pub lang: crate::i18n::Lang,
}

impl Diagnosis {
    /// The exit code of this verdict: the failing layer's; under `strict`, a healthy verdict
    /// with warnings takes the first warning layer's (inconclusive when none is named).
    pub fn exit_code(&self, strict: bool) -> ExitCode {
        match self.verdict.cause {
            Cause::Healthy => {
                if strict && !self.verdict.warnings.is_empty() {
                    self.layers
                        .iter()
                        .find(|l| l.status == LayerStatus::Warn)
                        .map_or(ExitCode::Inconclusive, |l| l.layer.exit_code())
                } else {
                    ExitCode::Healthy
                }
            }
            Cause::Inconclusive => ExitCode::Inconclusive,
            _ => self.verdict.layer.exit_code(),
        }
    }
}

/// One layer's assessment.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LayerReport {
    pub layer: Layer,
    pub status: LayerStatus,
    /// One line for the human output.
    pub summary: String,
    pub findings: Vec<Finding>,
}

/// Something a layer found.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    pub cause: Cause,
    pub severity: Severity,
    pub message: String,
}
