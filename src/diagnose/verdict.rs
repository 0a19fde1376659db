//! The choice of the verdict: the layers' candidates walked from the user outwards, and the
//! verdict worded from the one that decides, with the surfaces that still work and the
//! warnings.

use std::collections::BTreeSet;

use crate::catalog::Surface;
use crate::report::{Cause, Finding, Layer, LayerReport, Severity, Verdict};
use crate::tr;

use super::advice;
use super::candidate::{Candidate, LayerOutcome};
use super::scene::Scene;
use super::words::joined;

/// The layers' reports in order, and the candidate of the first layer (from the user
/// outwards) that has one: the fault nearest the user decides.
pub fn first_candidate(outcomes: Vec<LayerOutcome>) -> (Vec<LayerReport>, Option<Candidate>) {
    let mut reports = Vec::with_capacity(outcomes.len());
    let mut first = None;
    for outcome in outcomes {
        reports.push(outcome.report);
        if first.is_none() {
            first = outcome.candidate;
        }
    }
    (reports, first)
}

/// Words the verdict from the deciding candidate (healthy when there is none). The warnings
/// are the deadline's first, then every layer's in layer order.
pub fn conclude(
    scene: &Scene,
    candidate: Option<Candidate>,
    deadline_warning: Option<Finding>,
    layers: &[LayerReport],
) -> Verdict {
    let lang = scene.lang;
    let service = scene.service();
    let mut warnings: Vec<Finding> = deadline_warning.into_iter().collect();
    for l in layers {
        warnings.extend(
            l.findings
                .iter()
                .filter(|f| f.severity == Severity::Warn)
                .cloned(),
        );
    }
    let mut working = BTreeSet::new();
    let mut failing = BTreeSet::new();
    for v in &service {
        if v.worked() {
            working.insert(v.surface());
        } else {
            failing.insert(v.surface());
        }
    }
    working.retain(|s| !failing.contains(s));
    let decided = candidate.unwrap_or_else(|| Candidate {
        layer: Layer::None,
        cause: Cause::Healthy,
        summary: if service.is_empty() {
            tr!(lang, "diag-healthy-no-service-summary")
        } else {
            tr!(lang, "diag-healthy-summary")
        },
        evidence: service.iter().map(|v| v.describe_ending(lang)).collect(),
    });
    // With an account fault the API is reachable but unusable with this key: not "working".
    if decided.layer == Layer::Account {
        working.remove(&Surface::Api);
    }
    let mut summary = decided.summary;
    if decided.cause != Cause::Healthy && !working.is_empty() {
        let w: Vec<String> = working
            .iter()
            .map(|s| crate::i18n::code_word(lang, "surface-", s.as_str()))
            .collect();
        summary = tr!(
            lang,
            "diag-still-working",
            summary = summary,
            surfaces = joined(lang, &w)
        );
    }
    Verdict {
        layer: decided.layer,
        cause: decided.cause,
        summary,
        evidence: decided.evidence,
        advice: advice::for_cause(decided.cause, lang),
        working_surfaces: working.into_iter().collect(),
        failing_surfaces: failing.into_iter().collect(),
        warnings: warnings.iter().map(|w| w.message.clone()).collect(),
    }
}
