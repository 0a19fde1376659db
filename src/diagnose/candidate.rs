//! What a layer concludes: its findings in order and the verdict it would give were no layer
//! nearer the user at fault.

use crate::report::{Cause, Finding, Layer, LayerReport, LayerStatus, Severity};

/// A verdict a layer proposes: everything needed to word it. The verdict is the first
/// candidate from the user outwards.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The layer at fault; `Layer::None` when the evidence cannot place the fault.
    pub layer: Layer,
    /// What is wrong.
    pub cause: Cause,
    /// One line for people, which is also the layer finding's message.
    pub summary: String,
    /// The observations that show it, one line each.
    pub evidence: Vec<String>,
}

impl Candidate {
    /// A candidate that names no layer: the evidence is not enough to place the fault.
    pub fn inconclusive(summary: String, evidence: Vec<String>) -> Self {
        Candidate {
            layer: Layer::None,
            cause: Cause::Inconclusive,
            summary,
            evidence,
        }
    }

    /// The candidate as a layer's finding (its summary is the finding's message).
    pub fn finding(&self, severity: Severity) -> Finding {
        Finding {
            cause: self.cause,
            severity,
            message: self.summary.clone(),
        }
    }
}

/// One layer's report with the verdict it proposes.
#[derive(Debug, Clone)]
pub struct LayerOutcome {
    /// The layer's status, summary and findings.
    pub report: LayerReport,
    /// The verdict the layer proposes, if any.
    pub candidate: Option<Candidate>,
}

/// A layer's findings as they are made, keeping the first candidate among them: within a
/// layer, as across layers, the first fault found decides.
#[derive(Debug, Default)]
pub struct LayerJudgement {
    findings: Vec<Finding>,
    candidate: Option<Candidate>,
}

impl LayerJudgement {
    /// Records something odd that does not decide the verdict.
    pub fn warn(&mut self, cause: Cause, message: String) {
        self.findings.push(Finding {
            cause,
            severity: Severity::Warn,
            message,
        });
    }

    /// Records a fault placed in this layer: a failing finding, and the candidate unless one
    /// came first.
    pub fn fault(&mut self, candidate: Candidate) {
        self.findings.push(candidate.finding(Severity::Fail));
        self.candidate.get_or_insert(candidate);
    }

    /// Records a candidate that is not a finding of this layer (an inconclusive one), unless
    /// one came first.
    pub fn propose(&mut self, candidate: Candidate) {
        self.candidate.get_or_insert(candidate);
    }

    /// True once this layer has a candidate.
    pub fn has_candidate(&self) -> bool {
        self.candidate.is_some()
    }

    /// The layer's report, summarised by `ok_summary` when nothing was found.
    pub fn finish(self, layer: Layer, ok_summary: String) -> LayerOutcome {
        LayerOutcome {
            report: layer_report(layer, self.findings, ok_summary),
            candidate: self.candidate,
        }
    }
}

/// A layer's report from its findings: failing with any failing finding, warning with any
/// other, and summarised by its first failing finding (else its first).
pub fn layer_report(layer: Layer, findings: Vec<Finding>, ok_summary: String) -> LayerReport {
    let status = if findings.iter().any(|f| f.severity == Severity::Fail) {
        LayerStatus::Fail
    } else if findings.is_empty() {
        LayerStatus::Ok
    } else {
        LayerStatus::Warn
    };
    let summary = match findings
        .iter()
        .find(|f| f.severity == Severity::Fail)
        .or(findings.first())
    {
        Some(f) if status != LayerStatus::Ok => f.message.clone(),
        _ => ok_summary,
    };
    LayerReport {
        layer,
        status,
        summary,
        findings,
    }
}
