//! The local network layer: whether anything answers at all (the controls), the resolver, the
//! proxy's refusals, captive portals and TLS interception.

use std::collections::BTreeSet;

use crate::catalog::Surface;
use crate::probe::{Attempt, Failure, Family};
use crate::report::{Cause, Layer, LayerStatus};
use crate::tr;

use super::candidate::{Candidate, LayerJudgement, LayerOutcome};
use super::network;
use super::scene::Scene;
use super::target_view::{Ending, TargetView};
use super::words::{joined, list};

/// Judges the local network. `after_fault` is true when the machine layer already proposed a
/// verdict: the proxy, portal and interception rules then stay silent.
pub fn judge(scene: &Scene, after_fault: bool) -> LayerOutcome {
    let lang = scene.lang;
    let controls = scene.controls();
    let mut judgement = LayerJudgement::default();
    judge_reachability(scene, &mut judgement);
    if ipv6_unavailable(scene) {
        judgement.warn(Cause::Ipv6Unavailable, tr!(lang, "diag-ipv6-unavailable"));
    }
    if let Some(w) = fake_ip_answers(scene) {
        judgement.warn(Cause::TunnelFakeIp, w);
    }
    if !after_fault
        && !judgement.has_candidate()
        && let Some(c) = proxy_refusal(scene)
    {
        judgement.fault(c);
    }
    if !after_fault
        && !judgement.has_candidate()
        && let Some(c) = portal_or_interception(scene)
    {
        judgement.fault(c);
    }
    if !after_fault
        && !judgement.has_candidate()
        && let Some(c) =
            super::handshakes::large_handshake_blocked(scene).filter(|c| c.layer == Layer::LocalNetwork)
    {
        judgement.fault(c);
    }
    let mut outcome = judgement.finish(Layer::LocalNetwork, ok_summary(scene));
    if controls.is_empty() && outcome.report.status == LayerStatus::Ok {
        outcome.report.status = LayerStatus::NotChecked;
    }
    outcome
}

/// OpenAI's names answered from a TUN proxy's fake-ip range: the addresses are the proxy's
/// placeholders, so the path to OpenAI is the proxy's upstream, not this network's.
fn fake_ip_answers(scene: &Scene) -> Option<String> {
    let lang = scene.lang;
    let browsers = &scene.context.browsers;
    if browsers.fake_ip_answers.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = browsers.fake_ip_answers.iter().map(|(n, _)| n.as_str()).collect();
    names.dedup();
    let tunnels: Vec<&str> = browsers.tunnels_up.iter().map(String::as_str).collect();
    Some(if tunnels.is_empty() {
        tr!(lang, "diag-fake-ip", names = list(lang, &names))
    } else {
        tr!(
            lang,
            "diag-fake-ip-tunnel",
            names = list(lang, &names),
            tunnels = list(lang, &tunnels)
        )
    })
}

/// Nothing answers (offline), only addresses answer (the resolver is down), or some controls
/// fail (a warning).
fn judge_reachability(scene: &Scene, judgement: &mut LayerJudgement) {
    let lang = scene.lang;
    let stop_line = |v: &&TargetView| v.describe_ending(lang);
    let controls = scene.controls();
    let controls_answered = controls.iter().filter(|v| v.tcp_ok()).count();
    let any_openai_answered = scene.openai().iter().any(|v| v.tcp_ok());
    let named: Vec<&TargetView> = scene
        .targets
        .iter()
        .filter(|v| !v.observation.target.is_ip_literal())
        .collect();
    let literals: Vec<&TargetView> = scene
        .targets
        .iter()
        .filter(|v| v.observation.target.is_ip_literal())
        .collect();
    let all_names_failed = !named.is_empty() && named.iter().all(|v| matches!(v.ending, Ending::Dns(..)));
    if !controls.is_empty() && controls_answered == 0 && !any_openai_answered {
        if all_names_failed && literals.is_empty() {
            judgement.propose(Candidate::inconclusive(
                tr!(lang, "diag-no-name-no-address-summary"),
                named.iter().take(6).map(stop_line).collect(),
            ));
        } else {
            judgement.fault(Candidate {
                layer: Layer::LocalNetwork,
                cause: Cause::Offline,
                summary: tr!(lang, "diag-offline-summary"),
                evidence: scene
                    .targets
                    .iter()
                    .take(8)
                    .map(|v| v.describe_ending(lang))
                    .collect(),
            });
        }
    } else if all_names_failed && scene.targets.iter().any(super::target_view::TargetView::tcp_ok) {
        let reached: Vec<&str> = literals.iter().filter(|v| v.tcp_ok()).map(|v| v.name()).collect();
        let mut evidence = vec![tr!(
            lang,
            "diag-evidence-reachable-by-address",
            targets = list(lang, &reached)
        )];
        evidence.extend(named.iter().take(6).map(stop_line));
        judgement.fault(Candidate {
            layer: Layer::LocalNetwork,
            cause: Cause::DnsResolverDown,
            summary: tr!(lang, "diag-dns-resolver-down-summary"),
            evidence,
        });
    } else if !controls.is_empty() && controls_answered < controls.len() {
        let failed: Vec<&str> = controls
            .iter()
            .filter(|v| !v.tcp_ok())
            .map(|v| v.name())
            .collect();
        judgement.warn(
            Cause::ControlsFailed,
            tr!(
                lang,
                "diag-controls-failed",
                count = failed.len(),
                targets = list(lang, &failed)
            ),
        );
    }
}

/// The layer's summary when nothing is wrong: how many controls answered, and how fast.
fn ok_summary(scene: &Scene) -> String {
    let lang = scene.lang;
    let controls = scene.controls();
    if controls.is_empty() {
        return tr!(lang, "diag-local-no-controls");
    }
    let timed: Vec<String> = controls
        .iter()
        .filter(|v| v.tcp_ok())
        .map(|v| match v.observation.best().and_then(|a| a.tcp.duration) {
            Some(d) => tr!(
                lang,
                "diag-control-time",
                target = v.name(),
                ms = (d.as_secs_f64() * 1e3).round() as u64
            ),
            None => v.name().to_string(),
        })
        .collect();
    tr!(
        lang,
        "diag-local-ok",
        answered = timed.len(),
        total = controls.len(),
        details = joined(lang, &timed)
    )
}

/// No IPv6 route at all is common and harmless: every IPv6 attempt fails at once with
/// "network unreachable" while IPv4 works. Said once instead of as a fault.
fn ipv6_unavailable(scene: &Scene) -> bool {
    let v6_attempts: Vec<&Attempt> = scene
        .targets
        .iter()
        .flat_map(|v| v.observation.attempts.iter())
        .filter(|a| a.family == Family::Ipv6)
        .collect();
    !v6_attempts.is_empty()
        && v6_attempts
            .iter()
            .all(|a| a.tcp.outcome.failure() == Some(Failure::NetworkUnreachable))
        && scene.targets.iter().any(super::target_view::TargetView::tcp_ok)
}

/// The proxy asks for credentials, or denies OpenAI's hosts while letting others through.
fn proxy_refusal(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let proxy_said = |want: Failure| -> Vec<&TargetView> {
        scene
            .targets
            .iter()
            .filter(|v| matches!(&v.ending, Ending::Proxy(f, _) if *f == want))
            .collect()
    };
    let auth = proxy_said(Failure::ProxyAuthRequired);
    let denied: Vec<&TargetView> = proxy_said(Failure::ProxyDenied)
        .into_iter()
        .filter(|v| v.surface() != Surface::Control)
        .collect();
    if !auth.is_empty() {
        let sent = auth.iter().any(|v| {
            v.observation
                .best()
                .and_then(|a| a.proxy.as_ref()?.detail.as_ref())
                .is_some_and(|d| d.credentials_sent)
        });
        return Some(Candidate {
            layer: Layer::LocalNetwork,
            cause: Cause::ProxyAuthRequired,
            summary: if sent {
                tr!(lang, "diag-proxy-auth-rejected-summary")
            } else {
                tr!(lang, "diag-proxy-auth-missing-summary")
            },
            evidence: proxy_evidence(scene, &auth),
        });
    }
    if denied.is_empty() {
        return None;
    }
    let n: Vec<&str> = denied.iter().map(|v| v.name()).collect();
    let mut evidence = proxy_evidence(scene, &denied);
    if let Some(c) = scene.controls().iter().find(|v| {
        v.observation.best().is_some_and(|a| {
            a.proxy
                .as_ref()
                .is_some_and(super::super::probe::observation::Stage::is_ok)
        })
    }) {
        evidence.push(tr!(
            lang,
            "diag-evidence-control-through-proxy",
            target = c.name()
        ));
    }
    Some(Candidate {
        layer: Layer::LocalNetwork,
        cause: Cause::ProxyDenied,
        summary: tr!(lang, "diag-proxy-denied-summary", targets = list(lang, &n)),
        evidence,
    })
}

/// Where the targets stopped, then which proxy said what (its challenge, its page).
fn proxy_evidence(scene: &Scene, refused: &[&TargetView]) -> Vec<String> {
    let lang = scene.lang;
    let mut e: Vec<String> = refused.iter().take(6).map(|v| v.describe_ending(lang)).collect();
    if let Some(d) = refused
        .iter()
        .find_map(|v| v.observation.best()?.proxy.as_ref()?.detail.as_ref())
    {
        e.push(tr!(
            lang,
            "diag-evidence-proxy",
            proxy = &d.proxy,
            source = &d.source
        ));
        if let Some(a) = d.header("proxy-authenticate") {
            e.push(tr!(lang, "diag-evidence-proxy-asks", challenge = a));
        }
        if let Some(b) = &d.body_excerpt {
            e.push(tr!(lang, "diag-evidence-proxy-page", excerpt = b));
        }
    }
    e
}

/// A captive portal answering for the controls, else a TLS interceptor re-signing
/// connections.
fn portal_or_interception(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let portals = network::captive_portals(scene.controls().iter().map(|v| v.observation));
    let same_page = super::answers::same_page_portal(scene);
    let intercepted = network::interceptions(scene.observations);
    if !portals.is_empty() || !same_page.is_empty() {
        let mut evidence: Vec<String> = portals
            .iter()
            .map(|p| {
                tr!(
                    lang,
                    "diag-evidence-captive-portal",
                    target = &p.target,
                    sign = p.sign.describe(lang)
                )
            })
            .collect();
        evidence.extend(same_page);
        return Some(Candidate {
            layer: Layer::LocalNetwork,
            cause: Cause::CaptivePortal,
            summary: tr!(lang, "diag-captive-portal-summary"),
            evidence,
        });
    }
    if intercepted.is_empty() {
        return None;
    }
    let issuers: BTreeSet<&str> = intercepted.iter().map(|i| i.issuer.as_str()).collect();
    let issuers: Vec<&str> = issuers.into_iter().collect();
    let mut evidence: Vec<String> = intercepted
        .iter()
        .take(6)
        .map(|i| {
            tr!(
                lang,
                "diag-evidence-intercepted",
                target = &i.target,
                issuer = &i.issuer,
                problem = i
                    .public_problem
                    .map(super::super::probe::observation::CertProblem::as_str)
                    .unwrap_or("rejected")
            )
        })
        .collect();
    if intercepted.len() > 6 {
        evidence.push(tr!(
            lang,
            "diag-evidence-more-connections",
            count = intercepted.len() - 6
        ));
    }
    Some(Candidate {
        layer: Layer::LocalNetwork,
        cause: Cause::TlsIntercepted,
        summary: tr!(
            lang,
            "diag-tls-intercepted-summary",
            issuers = joined(lang, &issuers)
        ),
        evidence,
    })
}
