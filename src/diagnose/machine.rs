//! The machine layer: the trust store, the proxy settings and whether the configured proxy can
//! be reached, and the clock.

use crate::report::{Cause, Layer};
use crate::tr;

use super::candidate::{Candidate, LayerJudgement, LayerOutcome};
use super::network;
use super::scene::Scene;
use super::target_view::{Ending, TargetView};
use super::words::joined;

/// Judges the machine itself.
pub fn judge(scene: &Scene) -> LayerOutcome {
    let lang = scene.lang;
    let mut judgement = LayerJudgement::default();
    for p in &scene.context.trust_store_problems {
        judgement.warn(Cause::TrustStoreProblem, p.clone());
    }
    for w in &scene.context.proxy_warnings {
        judgement.warn(Cause::ProxyMisconfigured, w.clone());
    }
    if let Some(c) = proxy_unreachable(scene) {
        judgement.fault(c);
    }
    judge_clock(scene, &mut judgement);
    judgement.finish(Layer::Machine, tr!(lang, "diag-machine-ok"))
}

/// A configured proxy that cannot be reached: nothing that uses it works.
fn proxy_unreachable(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let proxy_down: Vec<&TargetView> = scene
        .targets
        .iter()
        .filter(|v| matches!(v.ending, Ending::ProxyTcp(..)))
        .collect();
    let through_proxy_ok = scene.targets.iter().any(|v| {
        v.observation.best().is_some_and(|a| {
            a.proxy
                .as_ref()
                .is_some_and(super::super::probe::observation::Stage::is_ok)
        })
    });
    if proxy_down.is_empty() || through_proxy_ok {
        return None;
    }
    let proxy = proxy_down
        .iter()
        .find_map(|v| v.observation.best()?.proxy.as_ref()?.detail.as_ref());
    let summary = match proxy {
        Some(d) => tr!(
            lang,
            "diag-proxy-unreachable-summary",
            proxy = &d.proxy,
            source = &d.source
        ),
        None => tr!(lang, "diag-proxy-unreachable-summary-unnamed"),
    };
    Some(Candidate {
        layer: Layer::Machine,
        cause: Cause::ProxyUnreachable,
        summary,
        evidence: proxy_down
            .iter()
            .take(6)
            .map(|v| v.describe_ending(lang))
            .collect(),
    })
}

/// The clock: servers' Date headers against ours. Certificate validity failures with a clock
/// that is off are the clock's fault, not the path's.
fn judge_clock(scene: &Scene, judgement: &mut LayerJudgement) {
    let lang = scene.lang;
    let validity = &scene.validity_failures;
    let validity_names: Vec<String> = validity
        .iter()
        .map(|(h, p)| tr!(lang, "diag-host-problem", host = h, problem = p.as_str()))
        .collect();
    let controls = scene.controls();
    let control_validity = validity
        .iter()
        .any(|(h, _)| controls.iter().any(|c| c.observation.target.host() == *h));
    let started = scene.observations.started_at;
    match scene.clock {
        Some(c) if c.is_off() => {
            let evidence = vec![tr!(
                lang,
                "diag-evidence-clock-skew",
                seconds = c.skew_secs.abs().round() as u64,
                direction = if c.skew_secs > 0.0 { "ahead" } else { "behind" },
                samples = c.samples,
                started = network::rfc3339(started)
            )];
            if validity.is_empty() {
                judgement.warn(Cause::ClockSkew, evidence[0].clone());
            } else {
                let mut evidence = evidence;
                evidence.push(tr!(
                    lang,
                    "diag-evidence-cert-dates",
                    hosts = joined(lang, &validity_names)
                ));
                judgement.fault(Candidate {
                    layer: Layer::Machine,
                    cause: Cause::ClockSkew,
                    summary: tr!(lang, "diag-clock-skew-summary"),
                    evidence,
                });
            }
        }
        None if validity.len() >= 2 && control_validity => {
            judgement.fault(Candidate {
                layer: Layer::Machine,
                cause: Cause::ClockSkew,
                summary: tr!(lang, "diag-clock-suspect-summary"),
                evidence: vec![
                    tr!(
                        lang,
                        "diag-evidence-cert-dates",
                        hosts = joined(lang, &validity_names)
                    ),
                    tr!(
                        lang,
                        "diag-evidence-no-server-clock",
                        started = network::rfc3339(started)
                    ),
                ],
            });
        }
        _ => {}
    }
}
