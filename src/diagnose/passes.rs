//! The passes after the layers have spoken: slowness and the run deadline. Each decides only
//! when no layer proposed a verdict, so each takes the candidate so far and returns the one
//! after it.

use crate::report::{Cause, Finding, Layer, LayerReport, LayerStatus, Severity};
use crate::tr;

use super::candidate::Candidate;
use super::network;
use super::scene::Scene;
use super::target_view::{Ending, TargetView};
use super::words::{list, millis};

/// Slowness decides only when nothing failed: it becomes the verdict, and a failing finding
/// (and the summary) of the layer it blames — the local network when everything is slow, the
/// path when only OpenAI is.
pub fn slowness(
    scene: &Scene,
    layers: &mut [LayerReport],
    candidate: Option<Candidate>,
) -> Option<Candidate> {
    if candidate.is_some() {
        return candidate;
    }
    let lang = scene.lang;
    let speeds = scene.speeds;
    let (layer, cause, summary) = match network::slowness(speeds)? {
        true => (
            Layer::LocalNetwork,
            Cause::NetworkSlow,
            tr!(lang, "diag-network-slow-summary"),
        ),
        false => (Layer::Path, Cause::PathSlow, tr!(lang, "diag-path-slow-summary")),
    };
    let slow = Candidate {
        layer,
        cause,
        summary,
        evidence: vec![tr!(
            lang,
            "diag-evidence-setup-times",
            controls = millis(lang, speeds.controls),
            openai = millis(lang, speeds.openai),
            slow_ms = network::SLOW_SETUP.as_millis() as u64,
            factor = network::PATH_SLOW_FACTOR
        )],
    };
    if let Some(report) = layers.iter_mut().find(|r| r.layer == layer) {
        report.findings.push(slow.finding(Severity::Fail));
        report.status = LayerStatus::Fail;
        report.summary = slow.summary.clone();
    }
    Some(slow)
}

/// Targets the run deadline cut short: always a warning (returned first); and when nothing
/// else is wrong and a service target is among them, an inconclusive verdict, because
/// unfinished is not healthy.
pub fn deadline(scene: &Scene, candidate: Option<Candidate>) -> (Option<Finding>, Option<Candidate>) {
    let lang = scene.lang;
    let unfinished: Vec<&TargetView> = scene
        .targets
        .iter()
        .filter(|v| v.ending == Ending::Deadline)
        .collect();
    if unfinished.is_empty() {
        return (None, candidate);
    }
    let n: Vec<&str> = unfinished.iter().map(|v| v.name()).collect();
    let warning = Finding {
        cause: Cause::DeadlineReached,
        severity: Severity::Warn,
        message: tr!(lang, "diag-deadline-warning", targets = list(lang, &n)),
    };
    let candidate = match candidate {
        None if unfinished.iter().any(|v| v.surface().is_service()) => Some(Candidate::inconclusive(
            tr!(lang, "diag-deadline-summary"),
            unfinished.iter().map(|v| v.describe_ending(lang)).collect(),
        )),
        other => other,
    };
    (Some(warning), candidate)
}
