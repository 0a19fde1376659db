//! The machine layer: the trust store, the proxy settings and whether the configured proxy can
//! be reached, the hosts file's lines for OpenAI's names, and the clock.

use crate::report::{Cause, Layer};
use crate::tr;

use super::candidate::{Candidate, LayerJudgement, LayerOutcome};
use super::dns_views::{NameView, NotServing, addresses};
use super::network;
use super::scene::Scene;
use super::target_view::{Ending, TargetView};
use super::words::{joined, list};

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
    if let Some(c) = hosts_override(scene) {
        judgement.fault(c);
    }
    if let Some(c) = pac_failure(scene) {
        judgement.fault(c);
    }
    if let Some(w) = browser_route_differs(scene) {
        judgement.warn(Cause::BrowserRouteDiffers, w);
    }
    judge_clock(scene, &mut judgement);
    judgement.finish(Layer::Machine, tr!(lang, "diag-machine-ok"))
}

/// The PAC file browsers follow cannot be fetched or evaluated: they get no proxy decision (most
/// then go direct, or fail), whatever the network does.
fn pac_failure(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let (location, reason) = scene.context.browsers.pac_failure.as_ref()?;
    Some(Candidate {
        layer: Layer::Machine,
        cause: Cause::ProxyMisconfigured,
        summary: tr!(lang, "diag-pac-failed-summary", location = location),
        evidence: vec![tr!(
            lang,
            "diag-evidence-pac-failed",
            location = location,
            reason = reason
        )],
    })
}

/// Browsers and the desktop app take another way to OpenAI than this check did: the verdict then
/// speaks for the programs that share the check's way, and the warning says which way the
/// browsers take.
fn browser_route_differs(scene: &Scene) -> Option<String> {
    let lang = scene.lang;
    let differing = &scene.context.browsers.differing;
    let first = differing.first()?;
    let urls: Vec<&str> = differing.iter().map(|d| d.url.as_str()).collect();
    Some(tr!(
        lang,
        "diag-browser-route-differs",
        urls = list(lang, &urls),
        browsers = &first.browsers,
        check = &first.this_check,
        decided = &first.decided_by
    ))
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

/// Hosts-file lines that send apps away from OpenAI: they decide what the OS resolver gives for
/// an OpenAI name, and no address they give serves it (a blocklist's `0.0.0.0`, loopback, or a
/// server with another certificate). The evidence names each line; DNS's own answer and where
/// the targets stopped back it.
fn hosts_override(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let overridden: Vec<&NameView> = scene.name_views.iter().filter(|v| v.overridden()).collect();
    let first = overridden.first()?;
    let file = first.hosts.first().map_or("", |e| e.file.as_str());
    let names: Vec<&str> = overridden.iter().map(|v| v.views.name.as_str()).collect();
    let mut evidence = Vec::new();
    for v in &overridden {
        for a in &v.addresses {
            let Some(why) = a.not_serving else { continue };
            let reason = match why {
                NotServing::Unspecified => {
                    tr!(
                        lang,
                        "diag-hosts-reason-unspecified",
                        address = a.addr.to_string()
                    )
                }
                NotServing::Loopback => {
                    tr!(lang, "diag-hosts-reason-loopback", address = a.addr.to_string())
                }
                NotServing::WrongCertificate(f) => tr!(
                    lang,
                    "diag-hosts-reason-wrong-certificate",
                    address = a.addr.to_string(),
                    name = &v.views.name,
                    code = f.as_str()
                ),
            };
            for e in v
                .hosts
                .iter()
                .filter(|e| e.address.to_canonical() == a.addr.to_canonical())
            {
                evidence.push(tr!(
                    lang,
                    "diag-evidence-hosts-entry",
                    file = &e.file,
                    line = e.line,
                    name = &v.views.name,
                    address = e.address.to_string(),
                    reason = reason.clone()
                ));
            }
        }
        let dns = addresses(&v.views.configured);
        if !dns.is_empty() {
            let dns: Vec<String> = dns.iter().map(ToString::to_string).collect();
            evidence.push(tr!(
                lang,
                "diag-evidence-hosts-dns-answer",
                name = &v.views.name,
                addresses = dns.join(" ")
            ));
        }
    }
    evidence.extend(
        scene
            .openai()
            .iter()
            .filter(|t| !t.worked() && names.iter().any(|n| uses_name(t, n)))
            .take(6)
            .map(|t| t.describe_ending(lang)),
    );
    Some(Candidate {
        layer: Layer::Machine,
        cause: Cause::HostsOverride,
        summary: tr!(
            lang,
            "diag-hosts-override-summary",
            file = file,
            names = list(lang, &names)
        ),
        evidence,
    })
}

/// True when `t` looked `name` up.
fn uses_name(t: &TargetView, name: &str) -> bool {
    t.observation
        .dns
        .as_ref()
        .and_then(|d| d.detail.as_ref())
        .is_some_and(|d| d.query.trim_end_matches('.').eq_ignore_ascii_case(name))
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
