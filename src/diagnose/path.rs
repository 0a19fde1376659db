//! The path layer: what lies between this network and OpenAI. DNS forged or blocked, TCP or
//! TLS blocked (the SNI test tells filtering from breakage), region blocks and edge refusals,
//! broken IPv6, each counted only when a control rules out the simpler explanation.

use crate::evidence::dns_consistency::{Consistency, NameConsistency};
use crate::evidence::signatures::api_error;
use crate::i18n::Lang;
use crate::probe::TargetObservation;
use crate::report::{Cause, Layer, LayerStatus};
use crate::tr;

use super::candidate::{Candidate, LayerJudgement, LayerOutcome};
use super::network;
use super::scene::Scene;
use super::target_view::{Ending, TargetView};
use super::words::{joined, list};

/// Judges the path to OpenAI. `first_fault` is the layer nearer the user (the machine or the
/// local network) that already proposed a verdict: the path is then not assessed, beyond the
/// status page warning.
pub fn judge(scene: &Scene, first_fault: Option<Layer>) -> LayerOutcome {
    let lang = scene.lang;
    let after_fault = first_fault.is_some();
    let service = scene.service();
    let mut judgement = LayerJudgement::default();
    if !after_fault {
        if let Some(c) = dns_tampered(scene) {
            judgement.fault(c);
        }
        judge_stops(scene, &mut judgement);
        if !judgement.has_candidate()
            && let Some(c) = edge_refusal(scene)
        {
            judgement.fault(c);
        }
        let later: [fn(&Scene) -> Option<Candidate>; 4] = [
            super::answers::unexpected_answer,
            super::handshakes::sni_throttled,
            |s| super::handshakes::large_handshake_blocked(s).filter(|c| c.layer == Layer::Path),
            ipv6_broken,
        ];
        for rule in later {
            if judgement.has_candidate() {
                break;
            }
            if let Some(c) = rule(scene) {
                judgement.fault(c);
            }
        }
    }
    for v in scene.status() {
        if let Some(lack) = v.unproven() {
            judgement.warn(
                Cause::StatusPageUnreachable,
                tr!(
                    lang,
                    "diag-status-page-foreign",
                    target = v.name(),
                    lack = lack.as_str()
                ),
            );
        } else if matches!(v.ending, Ending::Dns(..) | Ending::Tcp(..) | Ending::Tls(..)) {
            judgement.warn(
                Cause::StatusPageUnreachable,
                tr!(
                    lang,
                    "diag-status-page-unreachable",
                    stop = v.describe_ending(lang)
                ),
            );
        }
    }
    if !scene.edge_trace_rejected.is_empty() {
        // Not the edge's shape: someone else wrote the trace, or it was altered on the way.
        judgement.warn(
            Cause::UnexpectedAnswer,
            tr!(
                lang,
                "diag-trace-fields-rejected",
                fields = scene.edge_trace_rejected.join(", ")
            ),
        );
    }
    let ok_summary = if service.is_empty() {
        tr!(lang, "diag-path-no-service")
    } else {
        tr!(
            lang,
            "diag-path-ok",
            reached = service.iter().filter(|v| v.tls_ok()).count(),
            total = service.len()
        )
    };
    let mut outcome = judgement.finish(Layer::Path, ok_summary);
    let report = &mut outcome.report;
    if after_fault || service.is_empty() {
        if report.findings.is_empty() {
            report.status = LayerStatus::NotChecked;
        }
        if after_fault {
            report.summary = if first_fault == Some(Layer::Machine) {
                tr!(lang, "diag-path-not-assessed-machine")
            } else {
                tr!(lang, "diag-path-not-assessed")
            };
        }
    }
    outcome
}

/// The system resolver's answers for OpenAI's service names disagree with the DoH controls
/// and the TLS proofs.
fn dns_tampered(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let service_names: Vec<String> = scene
        .service()
        .iter()
        .filter_map(|v| {
            v.observation
                .dns
                .as_ref()?
                .detail
                .as_ref()
                .map(|d| d.query.trim_end_matches('.').to_string())
        })
        .collect();
    let tampered: Vec<&NameConsistency> = scene
        .dns_checks
        .iter()
        .filter(|c| matches!(c.verdict, Consistency::Tampered { .. }))
        .filter(|c| service_names.iter().any(|n| n.eq_ignore_ascii_case(&c.name)))
        .collect();
    if tampered.is_empty() {
        return None;
    }
    let n: Vec<&str> = tampered.iter().map(|c| c.name.as_str()).collect();
    Some(Candidate {
        layer: Layer::Path,
        cause: Cause::DnsTampered,
        summary: tr!(lang, "diag-dns-tampered-summary", names = list(lang, &n)),
        evidence: tampered.iter().flat_map(|c| c.evidence(lang)).take(10).collect(),
    })
}

/// The first stage where service targets stopped, judged against the controls: DNS, else TCP
/// (a proxy that cannot open a tunnel to OpenAI while controls pass through it counts as the
/// path failing beyond the proxy), else TLS.
fn judge_stops(scene: &Scene, judgement: &mut LayerJudgement) {
    let service = scene.service();
    let by_ending = |pred: fn(&Ending) -> bool| -> Vec<&TargetView> {
        service.iter().copied().filter(|v| pred(&v.ending)).collect()
    };
    let dns_failed = by_ending(|s| matches!(s, Ending::Dns(..)));
    let tcp_failed = by_ending(|s| matches!(s, Ending::Tcp(..) | Ending::Proxy(..)));
    let tls_failed = by_ending(|s| matches!(s, Ending::Tls(..)));
    if !dns_failed.is_empty() {
        judge_dns_failures(scene, &dns_failed, judgement);
    } else if !tcp_failed.is_empty() {
        judge_tcp_failures(scene, &tcp_failed, judgement);
    } else if !tls_failed.is_empty() {
        judge_tls_failures(scene, &tls_failed, judgement);
    }
}

/// Names that did not resolve are blocked when a control name resolved, another OpenAI name
/// did, or the DoH controls were blocked too; otherwise nothing tells the resolver from the
/// path.
fn judge_dns_failures(scene: &Scene, failed: &[&TargetView], judgement: &mut LayerJudgement) {
    let lang = scene.lang;
    let controls = scene.controls();
    let named_control_resolved = controls.iter().any(|v| v.resolved_by_name());
    let some_openai_resolved = scene.service().iter().any(|v| v.resolved_by_name());
    let doh_blocked: Vec<&NameConsistency> = scene
        .dns_checks
        .iter()
        .filter(|c| matches!(c.verdict, Consistency::Blocked { .. }))
        .collect();
    let mut evidence: Vec<String> = failed.iter().map(|v| v.describe_ending(lang)).collect();
    if !(named_control_resolved || some_openai_resolved || !doh_blocked.is_empty()) {
        judgement.propose(Candidate::inconclusive(
            tr!(lang, "diag-dns-inconclusive-summary"),
            evidence,
        ));
        return;
    }
    let n: Vec<&str> = failed.iter().map(|v| v.name()).collect();
    if let Some(c) = controls.iter().find(|v| v.resolved_by_name()) {
        evidence.push(tr!(lang, "diag-evidence-control-resolved", target = c.name()));
    }
    evidence.extend(doh_blocked.iter().flat_map(|c| c.evidence(lang)));
    judgement.fault(Candidate {
        layer: Layer::Path,
        cause: Cause::DnsBlocked,
        summary: tr!(lang, "diag-dns-blocked-summary", names = list(lang, &n)),
        evidence,
    });
}

/// Connections that failed are blocked when a control (or another OpenAI target) got
/// through.
fn judge_tcp_failures(scene: &Scene, failed: &[&TargetView], judgement: &mut LayerJudgement) {
    let lang = scene.lang;
    let controls = scene.controls();
    let control_connected = controls.iter().any(|v| v.tunnel_ok());
    let some_openai_connected = scene.service().iter().any(|v| v.tunnel_ok());
    let mut evidence: Vec<String> = failed.iter().map(|v| v.describe_ending(lang)).collect();
    if !(control_connected || some_openai_connected) {
        judgement.propose(Candidate::inconclusive(
            tr!(lang, "diag-tcp-inconclusive-summary"),
            evidence,
        ));
        return;
    }
    let n: Vec<&str> = failed.iter().map(|v| v.name()).collect();
    if let Some(c) = controls.iter().find(|v| v.tunnel_ok()) {
        evidence.push(tr!(lang, "diag-evidence-control-connected", target = c.name()));
    }
    judgement.fault(Candidate {
        layer: Layer::Path,
        cause: Cause::TcpBlocked,
        summary: tr!(lang, "diag-tcp-blocked-summary", targets = list(lang, &n)),
        evidence,
    });
}

/// Handshakes that failed: filtered on the name when a decoy name got through where the real
/// one did not, stalled when both died while TLS works elsewhere, failed when TLS works
/// elsewhere, and inconclusive otherwise.
fn judge_tls_failures(scene: &Scene, failed: &[&TargetView], judgement: &mut LayerJudgement) {
    let lang = scene.lang;
    let controls = scene.controls();
    let control_tls = controls
        .iter()
        .any(|v| v.observation.target.is_tls() && v.tls_ok());
    let some_openai_tls = scene.service().iter().any(|v| v.tls_ok());
    let filtered: Vec<&TargetView> = failed
        .iter()
        .copied()
        .filter(|v| network::sni_test(v.observation) == Some(true))
        .collect();
    let stalled_both = !failed.is_empty()
        && failed
            .iter()
            .all(|v| network::sni_test(v.observation) == Some(false));
    if !filtered.is_empty() {
        let n: Vec<&str> = filtered.iter().map(|v| v.name()).collect();
        let mut evidence: Vec<String> = filtered.iter().map(|v| v.describe_ending(lang)).collect();
        evidence.push(tr!(
            lang,
            "diag-evidence-decoy-completed",
            decoy = decoy_name(&filtered)
        ));
        judgement.fault(Candidate {
            layer: Layer::Path,
            cause: Cause::SniFiltered,
            summary: tr!(lang, "diag-sni-filtered-summary", targets = list(lang, &n)),
            evidence,
        });
        return;
    }
    let n: Vec<&str> = failed.iter().map(|v| v.name()).collect();
    let mut evidence: Vec<String> = failed.iter().map(|v| v.describe_ending(lang)).collect();
    if stalled_both && (control_tls || some_openai_tls) {
        evidence.push(tr!(lang, "diag-evidence-decoy-died", decoy = decoy_name(failed)));
        judgement.fault(Candidate {
            layer: Layer::Path,
            cause: Cause::TlsFailed,
            summary: tr!(lang, "diag-tls-stalled-summary", targets = list(lang, &n)),
            evidence,
        });
    } else if control_tls || some_openai_tls {
        evidence.extend(failed.iter().filter_map(|v| chain_line(v.observation, lang)));
        if let Some(c) = controls
            .iter()
            .find(|v| v.observation.target.is_tls() && v.tls_ok())
        {
            evidence.push(tr!(lang, "diag-evidence-control-tls-ok", target = c.name()));
        }
        judgement.fault(Candidate {
            layer: Layer::Path,
            cause: Cause::TlsFailed,
            summary: tr!(lang, "diag-tls-failed-summary", targets = list(lang, &n)),
            evidence,
        });
    } else {
        evidence.extend(
            controls
                .iter()
                .filter(|v| v.observation.target.is_tls() && !v.tls_ok())
                .map(|v| v.describe_ending(lang)),
        );
        let any_tls_control = controls
            .iter()
            .any(|v| v.observation.target.is_tls() && v.tcp_ok());
        let summary = if any_tls_control {
            tr!(lang, "diag-tls-everywhere-summary")
        } else {
            tr!(lang, "diag-tls-inconclusive-summary")
        };
        judgement.propose(Candidate::inconclusive(summary, evidence));
    }
}

/// The decoy name the SNI test sent alongside these targets' real one ("" when none was).
fn decoy_name<'a>(targets: &[&TargetView<'a>]) -> &'a str {
    targets
        .iter()
        .find_map(|v| network::decoy_sni(v.observation))
        .unwrap_or_default()
}

/// The edge blocks this region, or refuses or challenges this client, on the service targets
/// or the key check.
fn edge_refusal(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let with_key = scene.service_and_key_check();
    let blocked: Vec<&TargetView> = with_key.iter().copied().filter(|v| v.region_blocked()).collect();
    let refused: Vec<&TargetView> = with_key.iter().copied().filter(|v| v.refused()).collect();
    let trace = scene.edge_trace.as_ref();
    if !blocked.is_empty() {
        let n: Vec<&str> = blocked.iter().map(|v| v.name()).collect();
        let mut evidence: Vec<String> = blocked.iter().map(|v| v.describe_ending(lang)).collect();
        evidence.extend(blocked.iter().filter_map(|v| {
            let e = api_error(&v.observation.response()?.body)?;
            Some(tr!(
                lang,
                "diag-evidence-target-said",
                target = v.name(),
                message = e.message.unwrap_or_default()
            ))
        }));
        let seen_in = trace.and_then(|t| t.loc.clone());
        if let Some(loc) = &seen_in {
            evidence.push(tr!(lang, "diag-evidence-edge-location", location = loc));
        }
        let summary = match &seen_in {
            Some(loc) => tr!(
                lang,
                "diag-region-blocked-summary",
                location = loc,
                targets = list(lang, &n)
            ),
            None => tr!(
                lang,
                "diag-region-blocked-summary-unlocated",
                targets = list(lang, &n)
            ),
        };
        return Some(Candidate {
            layer: Layer::Path,
            cause: Cause::RegionBlocked,
            summary,
            evidence,
        });
    }
    if refused.is_empty() {
        return None;
    }
    let n: Vec<&str> = refused.iter().map(|v| v.name()).collect();
    let mut evidence: Vec<String> = refused.iter().map(|v| v.describe_ending(lang)).collect();
    if let Some(t) = trace {
        let unknown = || tr!(lang, "diag-unknown-value");
        evidence.push(tr!(
            lang,
            "diag-evidence-edge-sees",
            ip = t.ip.clone().unwrap_or_else(unknown),
            location = t.loc.clone().unwrap_or_else(unknown),
            warp = t.warp.clone().unwrap_or_else(unknown)
        ));
    }
    Some(Candidate {
        layer: Layer::Path,
        cause: Cause::EdgeChallenge,
        summary: tr!(lang, "diag-edge-challenge-summary", targets = list(lang, &n)),
        evidence,
    })
}

/// IPv6 fails to OpenAI's service targets (with a route) while IPv4 works.
fn ipv6_broken(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let broken = network::ipv6_broken(scene.service().iter().map(|v| v.observation));
    if broken.is_empty() {
        return None;
    }
    let n: Vec<&str> = broken.iter().map(|(n, _)| n.as_str()).collect();
    Some(Candidate {
        layer: Layer::Path,
        cause: Cause::Ipv6Broken,
        summary: tr!(lang, "diag-ipv6-broken-summary", targets = list(lang, &n)),
        evidence: broken
            .iter()
            .map(|(n, f)| {
                tr!(
                    lang,
                    "diag-evidence-ipv6-broken",
                    target = n,
                    failure = f.describe(lang),
                    code = f.as_str()
                )
            })
            .collect(),
    })
}

/// The certificate a failed handshake was shown: the names it is for and its issuer.
fn chain_line(t: &TargetObservation, lang: Lang) -> Option<String> {
    let tls = t.best()?.tls.as_ref()?.detail.as_ref()?;
    let leaf = tls.chain.first()?;
    Some(tr!(
        lang,
        "diag-evidence-chain",
        target = &t.target.name,
        names = if leaf.san.is_empty() {
            leaf.subject.clone()
        } else {
            joined(lang, &leaf.san)
        },
        issuer = &leaf.issuer
    ))
}
