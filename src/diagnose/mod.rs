//! `diagnose` judges, it never measures: a pure function from observations to layers and a
//! verdict. It walks the layers from the user outwards and stops at the first layer where the
//! evidence *and its control* agree (DESIGN.md §3). A finding counts only when a control rules
//! out the simpler explanation; when none can, the verdict is `inconclusive`, saying why.

mod advice;
pub mod network;

pub use advice::for_cause as advice_for;

use std::collections::BTreeSet;

use crate::catalog::Surface;
use crate::evidence::auth::{KeyStatus, classify_key, rate_limit_headers};
use crate::evidence::signatures::{ResponseKind, api_error, classify_response, parse_trace};
use crate::evidence::status_page::{self, Condition, Group, StatusPage};
use crate::i18n::Lang;
use crate::probe::{Failure, Observations, Outcome, TargetObservation};
use crate::report::{
    AccountReport, Cause, Diagnosis, EdgeTraceReport, Finding, Layer, LayerReport, LayerStatus, Severity,
    StatusPageReport, Verdict,
};
use crate::tr;

/// Facts about the machine that are not probe results.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Disagreeing upper/lower-case proxy variables and malformed proxy settings.
    pub proxy_warnings: Vec<String>,
    /// Problems with the system trust store (empty, unreadable files).
    pub trust_store_problems: Vec<String>,
    /// Where the API key came from (`OPENAI_API_KEY`, `--api-key-file`), when one is set.
    pub key_source: Option<String>,
    /// True when OPENAI_ORG_ID / OPENAI_PROJECT_ID were sent with the key.
    pub organization_sent: bool,
    pub project_sent: bool,
    /// A missing key is itself the fault (`auth`), not just an unchecked layer (`check`).
    pub require_key: bool,
    /// The address ranges OpenAI's edge answers from (Cloudflare's by default; `--edge-ranges`).
    pub edge_ranges: crate::evidence::dns_consistency::EdgeRanges,
    /// The language of the words (summaries, evidence, advice); codes never change with it.
    pub lang: Lang,
}

/// Where a target stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stop {
    Dns(Failure, String),
    Tcp(Failure, String),
    Tls(Failure, String),
    Http(Failure, String),
    /// The run deadline came first.
    Deadline,
    /// The proxy itself could not be reached (its tcp stage failed).
    ProxyTcp(Failure, String),
    /// The proxy refused or failed to open the tunnel.
    Proxy(Failure, String),
    /// The request was deliberately not sent (a secret over a connection not verified cleanly).
    Withheld(crate::probe::SkipReason),
    /// An HTTP answer came.
    Answered,
}

fn failed(o: &Outcome) -> Option<(Failure, String)> {
    match o {
        Outcome::Failed { failure, message } => Some((*failure, message.clone())),
        _ => None,
    }
}

fn stop_of(t: &TargetObservation, lang: Lang) -> Stop {
    let cut = t.dns.as_ref().is_some_and(|s| s.cut_by_deadline)
        || t.best().is_some_and(|a| {
            a.tcp.cut_by_deadline
                || a.tls.as_ref().is_some_and(|s| s.cut_by_deadline)
                || a.http.cut_by_deadline
        });
    if cut {
        return Stop::Deadline;
    }
    if let Some(dns) = &t.dns {
        match &dns.outcome {
            Outcome::Failed { failure, message } => return Stop::Dns(*failure, message.clone()),
            Outcome::Skipped { .. } => return Stop::Deadline,
            Outcome::Ok => {}
        }
    }
    let Some(a) = t.best() else {
        return Stop::Deadline;
    };
    if let Some(f) = failed(&a.tcp.outcome) {
        return if a.proxy.is_some() {
            Stop::ProxyTcp(f.0, f.1)
        } else {
            Stop::Tcp(f.0, f.1)
        };
    }
    if let Some(f) = a.proxy.as_ref().and_then(|p| failed(&p.outcome)) {
        return Stop::Proxy(f.0, f.1);
    }
    if let Outcome::Skipped { reason } = &a.tcp.outcome {
        // Not the deadline (checked above): no address in the family allowed by -4/-6.
        return Stop::Dns(Failure::DnsNoAnswer, reason.describe(lang));
    }
    if let Some(tls) = &a.tls {
        if let Some(f) = failed(&tls.outcome) {
            return Stop::Tls(f.0, f.1);
        }
        if matches!(tls.outcome, Outcome::Skipped { .. }) {
            return Stop::Deadline;
        }
    }
    match &a.http.outcome {
        Outcome::Ok => Stop::Answered,
        Outcome::Failed { failure, message } => Stop::Http(*failure, message.clone()),
        Outcome::Skipped { reason } => Stop::Withheld(*reason),
    }
}

/// A target with where it stopped, precomputed.
struct View<'a> {
    t: &'a TargetObservation,
    stop: Stop,
}

impl View<'_> {
    fn name(&self) -> &str {
        &self.t.target.name
    }
    fn surface(&self) -> Surface {
        self.t.target.surface
    }
    fn tcp_ok(&self) -> bool {
        self.t.best().is_some_and(|a| a.tcp.is_ok())
    }
    fn tunnel_ok(&self) -> bool {
        self.t
            .best()
            .is_some_and(|a| a.tcp.is_ok() && a.proxy.as_ref().is_none_or(|p| p.is_ok()))
    }
    fn tls_ok(&self) -> bool {
        self.t
            .best()
            .is_some_and(|a| a.tcp.is_ok() && a.tls.as_ref().is_none_or(|s| s.is_ok()))
    }
    fn resolved_by_name(&self) -> bool {
        !self.t.target.is_ip_literal() && self.t.dns.as_ref().is_some_and(|d| d.is_ok())
    }
    fn server_error(&self) -> Option<ResponseKind> {
        self.t
            .response()
            .map(classify_response)
            .filter(|k| k.is_server_error())
    }
    fn kind(&self) -> Option<ResponseKind> {
        self.t.response().map(classify_response)
    }
    /// The edge refuses or challenges this client where it cannot be solved. A challenge on
    /// the web pages is what every non-browser gets and is not a fault.
    fn refused(&self) -> bool {
        match self.kind() {
            Some(ResponseKind::EdgeChallenge) => self.surface() != Surface::Web,
            Some(k) => k.is_edge_refusal(),
            None => false,
        }
    }
    fn region_blocked(&self) -> bool {
        self.kind() == Some(ResponseKind::RegionBlocked)
    }
    fn ok(&self) -> bool {
        self.stop == Stop::Answered
            && self.server_error().is_none()
            && !self.refused()
            && !self.region_blocked()
    }
}

/// Everything needed to word a verdict.
struct Finder {
    layer: Layer,
    cause: Cause,
    summary: String,
    evidence: Vec<String>,
}

/// "a, b and c" in `lang` (after four names, the first two and how many more).
fn list(lang: Lang, names: &[&str]) -> String {
    crate::i18n::list(lang, names)
}

/// Every item, joined with `lang`'s list separator (evidence keeps every name).
fn joined<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let sep = tr!(lang, "list-separator");
    items.iter().map(|s| s.as_ref()).collect::<Vec<_>>().join(&sep)
}

/// A duration in whole milliseconds, or "?" when there is none.
fn millis(lang: Lang, d: Option<std::time::Duration>) -> String {
    match d {
        Some(d) => tr!(
            lang,
            "diag-duration-ms",
            ms = (d.as_secs_f64() * 1e3).round() as u64
        ),
        None => tr!(lang, "diag-unknown-value"),
    }
}

fn describe_stop(v: &View, lang: Lang) -> String {
    let failed = |stage: &str, f: &Failure, m: &str| {
        tr!(
            lang,
            "diag-stop-failed",
            target = v.name(),
            stage = stage,
            failure = f.describe(lang),
            code = f.as_str(),
            message = m
        )
    };
    match &v.stop {
        Stop::Dns(f, m) => failed("dns", f, m),
        Stop::Tcp(f, m) => failed("tcp", f, m),
        Stop::Tls(f, m) => failed("tls", f, m),
        Stop::Http(f, m) => failed("http", f, m),
        Stop::Deadline => tr!(lang, "diag-stop-deadline", target = v.name()),
        Stop::ProxyTcp(f, m) => tr!(
            lang,
            "diag-stop-proxy-unreachable",
            target = v.name(),
            failure = f.describe(lang),
            code = f.as_str(),
            message = m
        ),
        Stop::Proxy(f, m) => tr!(
            lang,
            "diag-stop-proxy",
            target = v.name(),
            failure = f.describe(lang),
            code = f.as_str(),
            message = m
        ),
        Stop::Withheld(why) => tr!(
            lang,
            "diag-stop-detail",
            target = v.name(),
            detail = why.describe(lang)
        ),
        Stop::Answered => match v.t.response() {
            Some(r) => tr!(
                lang,
                "diag-stop-detail",
                target = v.name(),
                detail = crate::evidence::signatures::describe(r, lang)
            ),
            None => tr!(lang, "diag-stop-answered", target = v.name()),
        },
    }
}

/// Judges a run.
pub fn diagnose(obs: &Observations, ctx: &Context) -> Diagnosis {
    let lang = ctx.lang;
    let stop_line = |v: &&View| describe_stop(v, lang);
    let views: Vec<View> = obs
        .targets
        .iter()
        .map(|t| View {
            t,
            stop: stop_of(t, lang),
        })
        .collect();
    let controls: Vec<&View> = views.iter().filter(|v| v.surface() == Surface::Control).collect();
    let openai: Vec<&View> = views.iter().filter(|v| v.surface() != Surface::Control).collect();
    let service: Vec<&View> = openai
        .iter()
        .copied()
        .filter(|v| v.surface().is_service())
        .collect();
    let status: Vec<&View> = openai
        .iter()
        .copied()
        .filter(|v| v.surface() == Surface::Status)
        .collect();
    // The key check counts as API evidence for the region, edge and server-error rules.
    let key_view: Option<View> = obs.key_check.as_ref().map(|t| View {
        t,
        stop: stop_of(t, lang),
    });
    let with_key: Vec<&View> = service.iter().copied().chain(key_view.as_ref()).collect();
    let page = read_status_page(obs, &status);
    let trace = edge_trace(obs);

    let mut warnings: Vec<Finding> = Vec::new();
    let mut layers: Vec<LayerReport> = Vec::new();
    let mut verdict: Option<Finder> = None;

    // ---- machine ----------------------------------------------------------------------
    let mut machine = Vec::new();
    for p in &ctx.trust_store_problems {
        machine.push(Finding {
            cause: Cause::TrustStoreProblem,
            severity: Severity::Warn,
            message: p.clone(),
        });
    }
    for w in &ctx.proxy_warnings {
        machine.push(Finding {
            cause: Cause::ProxyMisconfigured,
            severity: Severity::Warn,
            message: w.clone(),
        });
    }
    // A configured proxy that cannot be reached: nothing that uses it works.
    let proxy_down: Vec<&View> = views
        .iter()
        .filter(|v| matches!(v.stop, Stop::ProxyTcp(..)))
        .collect();
    let through_proxy_ok = views.iter().any(|v| {
        v.t.best()
            .is_some_and(|a| a.proxy.as_ref().is_some_and(|p| p.is_ok()))
    });
    if !proxy_down.is_empty() && !through_proxy_ok {
        let proxy = proxy_down
            .iter()
            .find_map(|v| v.t.best()?.proxy.as_ref()?.detail.as_ref());
        let summary = match proxy {
            Some(d) => tr!(
                lang,
                "diag-proxy-unreachable-summary",
                proxy = &d.proxy,
                source = &d.source
            ),
            None => tr!(lang, "diag-proxy-unreachable-summary-unnamed"),
        };
        let f = Finder {
            layer: Layer::Machine,
            cause: Cause::ProxyUnreachable,
            summary,
            evidence: proxy_down.iter().take(6).map(stop_line).collect(),
        };
        machine.push(finding(&f, Severity::Fail));
        verdict.get_or_insert(f);
    }
    // The clock: servers' Date headers against ours; certificate validity failures with a
    // clock that is off are the clock's fault, not the path's.
    let clock = network::clock(obs);
    let validity = network::validity_failures(obs);
    let validity_names: Vec<String> = validity
        .iter()
        .map(|(h, p)| tr!(lang, "diag-host-problem", host = h, problem = p.as_str()))
        .collect();
    let control_validity = validity
        .iter()
        .any(|(h, _)| controls.iter().any(|c| c.t.target.host() == *h));
    match clock {
        Some(c) if c.is_off() => {
            let evidence = vec![tr!(
                lang,
                "diag-evidence-clock-skew",
                seconds = c.skew_secs.abs().round() as u64,
                direction = if c.skew_secs > 0.0 { "ahead" } else { "behind" },
                samples = c.samples,
                started = network::rfc3339(obs.started_at)
            )];
            if validity.is_empty() {
                machine.push(Finding {
                    cause: Cause::ClockSkew,
                    severity: Severity::Warn,
                    message: evidence[0].clone(),
                });
            } else {
                let mut evidence = evidence;
                evidence.push(tr!(
                    lang,
                    "diag-evidence-cert-dates",
                    hosts = joined(lang, &validity_names)
                ));
                let f = Finder {
                    layer: Layer::Machine,
                    cause: Cause::ClockSkew,
                    summary: tr!(lang, "diag-clock-skew-summary"),
                    evidence,
                };
                machine.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            }
        }
        None if validity.len() >= 2 && control_validity => {
            let f = Finder {
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
                        started = network::rfc3339(obs.started_at)
                    ),
                ],
            };
            machine.push(finding(&f, Severity::Fail));
            verdict.get_or_insert(f);
        }
        _ => {}
    }
    layers.push(layer(Layer::Machine, machine, tr!(lang, "diag-machine-ok")));

    // ---- local network ------------------------------------------------------------------
    let controls_answered: Vec<&&View> = controls.iter().filter(|v| v.tcp_ok()).collect();
    let any_openai_answered = openai.iter().any(|v| v.tcp_ok());
    let named: Vec<&View> = views.iter().filter(|v| !v.t.target.is_ip_literal()).collect();
    let literals: Vec<&View> = views.iter().filter(|v| v.t.target.is_ip_literal()).collect();
    let all_names_failed = !named.is_empty() && named.iter().all(|v| matches!(v.stop, Stop::Dns(..)));
    let mut local = Vec::new();
    if !controls.is_empty() && controls_answered.is_empty() && !any_openai_answered {
        if all_names_failed && literals.is_empty() {
            verdict.get_or_insert(Finder {
                layer: Layer::None,
                cause: Cause::Inconclusive,
                summary: tr!(lang, "diag-no-name-no-address-summary"),
                evidence: named.iter().take(6).map(stop_line).collect(),
            });
        } else {
            let f = Finder {
                layer: Layer::LocalNetwork,
                cause: Cause::Offline,
                summary: tr!(lang, "diag-offline-summary"),
                evidence: views.iter().take(8).map(|v| describe_stop(v, lang)).collect(),
            };
            local.push(finding(&f, Severity::Fail));
            verdict.get_or_insert(f);
        }
    } else if all_names_failed && views.iter().any(|v| v.tcp_ok()) {
        let reached: Vec<&str> = literals.iter().filter(|v| v.tcp_ok()).map(|v| v.name()).collect();
        let mut evidence = vec![tr!(
            lang,
            "diag-evidence-reachable-by-address",
            targets = list(lang, &reached)
        )];
        evidence.extend(named.iter().take(6).map(stop_line));
        let f = Finder {
            layer: Layer::LocalNetwork,
            cause: Cause::DnsResolverDown,
            summary: tr!(lang, "diag-dns-resolver-down-summary"),
            evidence,
        };
        local.push(finding(&f, Severity::Fail));
        verdict.get_or_insert(f);
    } else if !controls.is_empty() && controls_answered.len() < controls.len() {
        let failed: Vec<&str> = controls
            .iter()
            .filter(|v| !v.tcp_ok())
            .map(|v| v.name())
            .collect();
        local.push(Finding {
            cause: Cause::ControlsFailed,
            severity: Severity::Warn,
            message: tr!(
                lang,
                "diag-controls-failed",
                count = failed.len(),
                targets = list(lang, &failed)
            ),
        });
    }
    let ok_local = if controls.is_empty() {
        tr!(lang, "diag-local-no-controls")
    } else {
        let timed: Vec<String> = controls_answered
            .iter()
            .map(|v| match v.t.best().and_then(|a| a.tcp.duration) {
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
            answered = controls_answered.len(),
            total = controls.len(),
            details = joined(lang, &timed)
        )
    };
    // No IPv6 route at all is common and harmless: every IPv6 attempt fails at once with
    // "network unreachable" while IPv4 works. Say so once instead of as a fault.
    let v6_attempts: Vec<&crate::probe::Attempt> = views
        .iter()
        .flat_map(|v| v.t.attempts.iter())
        .filter(|a| a.family == crate::probe::Family::Ipv6)
        .collect();
    if !v6_attempts.is_empty()
        && v6_attempts
            .iter()
            .all(|a| a.tcp.outcome.failure() == Some(Failure::NetworkUnreachable))
        && views.iter().any(|v| v.tcp_ok())
    {
        local.push(Finding {
            cause: Cause::Ipv6Unavailable,
            severity: Severity::Warn,
            message: tr!(lang, "diag-ipv6-unavailable"),
        });
    }
    if verdict.is_none() {
        let proxy_said = |want: Failure| -> Vec<&View> {
            views
                .iter()
                .filter(|v| matches!(&v.stop, Stop::Proxy(f, _) if *f == want))
                .collect()
        };
        let auth = proxy_said(Failure::ProxyAuthRequired);
        let denied: Vec<&View> = proxy_said(Failure::ProxyDenied)
            .into_iter()
            .filter(|v| v.surface() != Surface::Control)
            .collect();
        let proxy_evidence = |vs: &[&View]| -> Vec<String> {
            let mut e: Vec<String> = vs.iter().take(6).map(stop_line).collect();
            if let Some(d) = vs
                .iter()
                .find_map(|v| v.t.best()?.proxy.as_ref()?.detail.as_ref())
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
        };
        if !auth.is_empty() {
            let sent = auth.iter().any(|v| {
                v.t.best()
                    .and_then(|a| a.proxy.as_ref()?.detail.as_ref())
                    .is_some_and(|d| d.credentials_sent)
            });
            let f = Finder {
                layer: Layer::LocalNetwork,
                cause: Cause::ProxyAuthRequired,
                summary: if sent {
                    tr!(lang, "diag-proxy-auth-rejected-summary")
                } else {
                    tr!(lang, "diag-proxy-auth-missing-summary")
                },
                evidence: proxy_evidence(&auth),
            };
            local.push(finding(&f, Severity::Fail));
            verdict = Some(f);
        } else if !denied.is_empty() {
            let n: Vec<&str> = denied.iter().map(|v| v.name()).collect();
            let mut evidence = proxy_evidence(&denied);
            if let Some(c) = controls.iter().find(|v| {
                v.t.best()
                    .is_some_and(|a| a.proxy.as_ref().is_some_and(|p| p.is_ok()))
            }) {
                evidence.push(tr!(
                    lang,
                    "diag-evidence-control-through-proxy",
                    target = c.name()
                ));
            }
            let f = Finder {
                layer: Layer::LocalNetwork,
                cause: Cause::ProxyDenied,
                summary: tr!(lang, "diag-proxy-denied-summary", targets = list(lang, &n)),
                evidence,
            };
            local.push(finding(&f, Severity::Fail));
            verdict = Some(f);
        }
    }
    if verdict.is_none() {
        let portals = network::captive_portals(controls.iter().map(|v| v.t));
        let intercepted = network::interceptions(obs);
        if !portals.is_empty() {
            let f = Finder {
                layer: Layer::LocalNetwork,
                cause: Cause::CaptivePortal,
                summary: tr!(lang, "diag-captive-portal-summary"),
                evidence: portals
                    .iter()
                    .map(|p| {
                        tr!(
                            lang,
                            "diag-evidence-captive-portal",
                            target = &p.target,
                            sign = p.sign.describe(lang)
                        )
                    })
                    .collect(),
            };
            local.push(finding(&f, Severity::Fail));
            verdict = Some(f);
        } else if !intercepted.is_empty() {
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
                        problem = i.public_problem.map(|p| p.as_str()).unwrap_or("rejected")
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
            let f = Finder {
                layer: Layer::LocalNetwork,
                cause: Cause::TlsIntercepted,
                summary: tr!(
                    lang,
                    "diag-tls-intercepted-summary",
                    issuers = joined(lang, &issuers)
                ),
                evidence,
            };
            local.push(finding(&f, Severity::Fail));
            verdict = Some(f);
        }
    }
    let mut local_layer = layer(Layer::LocalNetwork, local, ok_local);
    if controls.is_empty() && local_layer.status == LayerStatus::Ok {
        local_layer.status = LayerStatus::NotChecked;
    }
    layers.push(local_layer);
    let local_failed = verdict.is_some();

    // ---- path -----------------------------------------------------------------------------
    let mut path = Vec::new();
    let named_control_resolved = controls.iter().any(|v| v.resolved_by_name());
    // A control "connected" when it got through: past the proxy too, where one applies.
    let control_tcp = controls.iter().any(|v| v.tunnel_ok());
    let control_tls = controls.iter().any(|v| v.t.target.is_tls() && v.tls_ok());
    let by_stop = |pred: fn(&Stop) -> bool| -> Vec<&View> {
        service.iter().copied().filter(|v| pred(&v.stop)).collect()
    };
    let dns_failed = by_stop(|s| matches!(s, Stop::Dns(..)));
    // A proxy that cannot open a tunnel to OpenAI (its own 502/504, silence) while controls pass
    // through it counts as the path failing beyond the proxy.
    let tcp_failed = by_stop(|s| matches!(s, Stop::Tcp(..) | Stop::Proxy(..)));
    let tls_failed = by_stop(|s| matches!(s, Stop::Tls(..)));
    let names = |vs: &[&View]| -> Vec<String> { vs.iter().map(|v| v.name().to_string()).collect() };
    // DNS answers judged against the DoH controls and the TLS proofs.
    let checks = network::dns_checks(obs, &ctx.edge_ranges);
    let service_names: Vec<String> = service
        .iter()
        .filter_map(|v| {
            v.t.dns
                .as_ref()?
                .detail
                .as_ref()
                .map(|d| d.query.trim_end_matches('.').to_string())
        })
        .collect();
    let tampered: Vec<&crate::evidence::dns_consistency::NameConsistency> = checks
        .iter()
        .filter(|c| {
            matches!(
                c.verdict,
                crate::evidence::dns_consistency::Consistency::Tampered { .. }
            )
        })
        .filter(|c| service_names.iter().any(|n| n.eq_ignore_ascii_case(&c.name)))
        .collect();
    let doh_blocked: Vec<&crate::evidence::dns_consistency::NameConsistency> = checks
        .iter()
        .filter(|c| {
            matches!(
                c.verdict,
                crate::evidence::dns_consistency::Consistency::Blocked { .. }
            )
        })
        .collect();
    if !local_failed && verdict.is_none() && !tampered.is_empty() {
        let n: Vec<&str> = tampered.iter().map(|c| c.name.as_str()).collect();
        let f = Finder {
            layer: Layer::Path,
            cause: Cause::DnsTampered,
            summary: tr!(lang, "diag-dns-tampered-summary", names = list(lang, &n)),
            evidence: tampered.iter().flat_map(|c| c.evidence(lang)).take(10).collect(),
        };
        path.push(finding(&f, Severity::Fail));
        verdict = Some(f);
    }
    if !local_failed {
        if !dns_failed.is_empty() {
            let some_openai_resolved = service.iter().any(|v| v.resolved_by_name());
            if named_control_resolved || some_openai_resolved || !doh_blocked.is_empty() {
                let n = names(&dns_failed);
                let n: Vec<&str> = n.iter().map(String::as_str).collect();
                let mut evidence: Vec<String> = dns_failed.iter().map(stop_line).collect();
                if let Some(c) = controls.iter().find(|v| v.resolved_by_name()) {
                    evidence.push(tr!(lang, "diag-evidence-control-resolved", target = c.name()));
                }
                evidence.extend(doh_blocked.iter().flat_map(|c| c.evidence(lang)));
                let f = Finder {
                    layer: Layer::Path,
                    cause: Cause::DnsBlocked,
                    summary: tr!(lang, "diag-dns-blocked-summary", names = list(lang, &n)),
                    evidence,
                };
                path.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            } else {
                verdict.get_or_insert(Finder {
                    layer: Layer::None,
                    cause: Cause::Inconclusive,
                    summary: tr!(lang, "diag-dns-inconclusive-summary"),
                    evidence: dns_failed.iter().map(stop_line).collect(),
                });
            }
        } else if !tcp_failed.is_empty() {
            let some_openai_tcp = service.iter().any(|v| v.tunnel_ok());
            if control_tcp || some_openai_tcp {
                let n = names(&tcp_failed);
                let n: Vec<&str> = n.iter().map(String::as_str).collect();
                let mut evidence: Vec<String> = tcp_failed.iter().map(stop_line).collect();
                if let Some(c) = controls.iter().find(|v| v.tunnel_ok()) {
                    evidence.push(tr!(lang, "diag-evidence-control-connected", target = c.name()));
                }
                let f = Finder {
                    layer: Layer::Path,
                    cause: Cause::TcpBlocked,
                    summary: tr!(lang, "diag-tcp-blocked-summary", targets = list(lang, &n)),
                    evidence,
                };
                path.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            } else {
                verdict.get_or_insert(Finder {
                    layer: Layer::None,
                    cause: Cause::Inconclusive,
                    summary: tr!(lang, "diag-tcp-inconclusive-summary"),
                    evidence: tcp_failed.iter().map(stop_line).collect(),
                });
            }
        } else if !tls_failed.is_empty() {
            let some_openai_tls = service.iter().any(|v| v.tls_ok());
            let filtered: Vec<&View> = tls_failed
                .iter()
                .copied()
                .filter(|v| network::sni_test(v.t) == Some(true))
                .collect();
            let stalled_both =
                !tls_failed.is_empty() && tls_failed.iter().all(|v| network::sni_test(v.t) == Some(false));
            if !filtered.is_empty() {
                let n: Vec<&str> = filtered.iter().map(|v| v.name()).collect();
                let mut evidence: Vec<String> = filtered.iter().map(stop_line).collect();
                let decoy = filtered
                    .iter()
                    .find_map(|v| network::decoy_sni(v.t))
                    .unwrap_or_default();
                evidence.push(tr!(lang, "diag-evidence-decoy-completed", decoy = decoy));
                let f = Finder {
                    layer: Layer::Path,
                    cause: Cause::SniFiltered,
                    summary: tr!(lang, "diag-sni-filtered-summary", targets = list(lang, &n)),
                    evidence,
                };
                path.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            } else if stalled_both && (control_tls || some_openai_tls) {
                let n = names(&tls_failed);
                let n: Vec<&str> = n.iter().map(String::as_str).collect();
                let mut evidence: Vec<String> = tls_failed.iter().map(stop_line).collect();
                let decoy = tls_failed
                    .iter()
                    .find_map(|v| network::decoy_sni(v.t))
                    .unwrap_or_default();
                evidence.push(tr!(lang, "diag-evidence-decoy-died", decoy = decoy));
                let f = Finder {
                    layer: Layer::Path,
                    cause: Cause::TlsFailed,
                    summary: tr!(lang, "diag-tls-stalled-summary", targets = list(lang, &n)),
                    evidence,
                };
                path.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            } else if control_tls || some_openai_tls {
                let n = names(&tls_failed);
                let n: Vec<&str> = n.iter().map(String::as_str).collect();
                let mut evidence: Vec<String> = tls_failed.iter().map(stop_line).collect();
                evidence.extend(tls_failed.iter().filter_map(|v| chain_line(v.t, lang)));
                if let Some(c) = controls.iter().find(|v| v.t.target.is_tls() && v.tls_ok()) {
                    evidence.push(tr!(lang, "diag-evidence-control-tls-ok", target = c.name()));
                }
                let f = Finder {
                    layer: Layer::Path,
                    cause: Cause::TlsFailed,
                    summary: tr!(lang, "diag-tls-failed-summary", targets = list(lang, &n)),
                    evidence,
                };
                path.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            } else {
                let mut evidence: Vec<String> = tls_failed.iter().map(stop_line).collect();
                evidence.extend(
                    controls
                        .iter()
                        .filter(|v| v.t.target.is_tls() && !v.tls_ok())
                        .map(stop_line),
                );
                let any_tls_control = controls.iter().any(|v| v.t.target.is_tls() && v.tcp_ok());
                let summary = if any_tls_control {
                    tr!(lang, "diag-tls-everywhere-summary")
                } else {
                    tr!(lang, "diag-tls-inconclusive-summary")
                };
                verdict.get_or_insert(Finder {
                    layer: Layer::None,
                    cause: Cause::Inconclusive,
                    summary,
                    evidence,
                });
            }
        }
    }
    if !local_failed && verdict.is_none() {
        let blocked: Vec<&View> = with_key.iter().copied().filter(|v| v.region_blocked()).collect();
        let refused: Vec<&View> = with_key.iter().copied().filter(|v| v.refused()).collect();
        if !blocked.is_empty() {
            let n: Vec<&str> = blocked.iter().map(|v| v.name()).collect();
            let mut evidence: Vec<String> = blocked.iter().map(stop_line).collect();
            evidence.extend(blocked.iter().filter_map(|v| {
                let e = api_error(&v.t.response()?.body)?;
                Some(tr!(
                    lang,
                    "diag-evidence-target-said",
                    target = v.name(),
                    message = e.message.unwrap_or_default()
                ))
            }));
            let seen_in = trace.as_ref().and_then(|t| t.loc.clone());
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
            let f = Finder {
                layer: Layer::Path,
                cause: Cause::RegionBlocked,
                summary,
                evidence,
            };
            path.push(finding(&f, Severity::Fail));
            verdict = Some(f);
        } else if !refused.is_empty() {
            let n: Vec<&str> = refused.iter().map(|v| v.name()).collect();
            let mut evidence: Vec<String> = refused.iter().map(stop_line).collect();
            if let Some(t) = &trace {
                let unknown = || tr!(lang, "diag-unknown-value");
                evidence.push(tr!(
                    lang,
                    "diag-evidence-edge-sees",
                    ip = t.ip.clone().unwrap_or_else(unknown),
                    location = t.loc.clone().unwrap_or_else(unknown),
                    warp = t.warp.clone().unwrap_or_else(unknown)
                ));
            }
            let f = Finder {
                layer: Layer::Path,
                cause: Cause::EdgeChallenge,
                summary: tr!(lang, "diag-edge-challenge-summary", targets = list(lang, &n)),
                evidence,
            };
            path.push(finding(&f, Severity::Fail));
            verdict = Some(f);
        }
    }
    if !local_failed && verdict.is_none() {
        let broken = network::ipv6_broken(service.iter().map(|v| v.t));
        if !broken.is_empty() {
            let n: Vec<&str> = broken.iter().map(|(n, _)| n.as_str()).collect();
            let f = Finder {
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
            };
            path.push(finding(&f, Severity::Fail));
            verdict = Some(f);
        }
    }
    for v in &status {
        if matches!(v.stop, Stop::Dns(..) | Stop::Tcp(..) | Stop::Tls(..)) {
            path.push(Finding {
                cause: Cause::StatusPageUnreachable,
                severity: Severity::Warn,
                message: tr!(
                    lang,
                    "diag-status-page-unreachable",
                    stop = describe_stop(v, lang)
                ),
            });
        }
    }
    let path_ok = if service.is_empty() {
        tr!(lang, "diag-path-no-service")
    } else {
        tr!(
            lang,
            "diag-path-ok",
            reached = service.iter().filter(|v| v.tls_ok()).count(),
            total = service.len()
        )
    };
    let mut path_layer = layer(Layer::Path, path, path_ok);
    if local_failed || service.is_empty() {
        path_layer.status = if path_layer.findings.is_empty() {
            LayerStatus::NotChecked
        } else {
            path_layer.status
        };
        if local_failed {
            path_layer.summary = tr!(lang, "diag-path-not-assessed");
        }
    }
    layers.push(path_layer);

    // ---- service --------------------------------------------------------------------------
    let mut svc = Vec::new();
    let erroring: Vec<&View> = with_key
        .iter()
        .copied()
        .filter(|v| v.server_error().is_some() || matches!(v.stop, Stop::Http(..)))
        .collect();
    if !erroring.is_empty() {
        let n: Vec<&str> = erroring.iter().map(|v| v.name()).collect();
        let mut evidence: Vec<String> = erroring.iter().map(stop_line).collect();
        // The status page decides between an outage it knows about and errors it does not.
        let groups: BTreeSet<Group> = erroring
            .iter()
            .filter_map(|v| Group::of_surface(v.surface()))
            .collect();
        let condition = match &page {
            Some(p) if p.read() => groups
                .iter()
                .map(|g| p.condition_of(*g))
                .max_by_key(|c| match c {
                    Condition::Maintenance => 3,
                    Condition::Outage => 2,
                    Condition::Degraded => 1,
                    Condition::Operational => 0,
                })
                .unwrap_or(Condition::Operational),
            _ => Condition::Operational,
        };
        match &page {
            Some(p) if p.read() => evidence.extend(page_lines(p, lang)),
            Some(_) => evidence.push(tr!(lang, "diag-evidence-status-page-unread")),
            None => {}
        }
        let list_n = list(lang, &n);
        let (cause, summary) = match condition {
            Condition::Maintenance => (
                Cause::Maintenance,
                tr!(lang, "diag-maintenance-summary", targets = list_n),
            ),
            Condition::Outage => (
                Cause::ServiceOutage,
                tr!(
                    lang,
                    "diag-service-outage-summary",
                    count = n.len(),
                    targets = list_n
                ),
            ),
            Condition::Degraded => (
                Cause::ServiceDegraded,
                tr!(lang, "diag-service-degraded-summary", targets = list_n),
            ),
            Condition::Operational => (
                Cause::ServiceErrors,
                tr!(lang, "diag-service-errors-summary", targets = list_n),
            ),
        };
        let f = Finder {
            layer: Layer::Service,
            cause,
            summary,
            evidence,
        };
        svc.push(finding(&f, Severity::Fail));
        if verdict.is_none() {
            verdict = Some(f);
        }
    } else if let Some(p) = &page
        && p.read()
        && !p.all_operational()
    {
        // The page reports trouble but every endpoint answered: worth knowing, not the fault.
        let worst = [Group::ChatGpt, Group::Api]
            .into_iter()
            .map(|g| p.condition_of(g))
            .find(|c| *c != Condition::Operational);
        let cause = match worst {
            Some(Condition::Maintenance) => Cause::Maintenance,
            Some(Condition::Outage) => Cause::ServiceOutage,
            _ => Cause::ServiceDegraded,
        };
        svc.push(Finding {
            cause,
            severity: Severity::Warn,
            message: tr!(
                lang,
                "diag-status-page-trouble",
                lines = page_lines(p, lang).join(&tr!(lang, "diag-clause-separator"))
            ),
        });
    }
    let answered = service.iter().filter(|v| v.stop == Stop::Answered).count();
    let svc_ok = tr!(
        lang,
        "diag-service-ok",
        answered = answered,
        total = service.len()
    );
    let mut svc_layer = layer(Layer::Service, svc, svc_ok);
    if svc_layer.findings.is_empty() && answered == 0 {
        svc_layer.status = LayerStatus::NotChecked;
        svc_layer.summary = tr!(lang, "diag-service-not-reached");
    }
    layers.push(svc_layer);

    // ---- account --------------------------------------------------------------------------
    let (account_layer, account, account_verdict) = judge_account(ctx, key_view.as_ref());
    layers.push(account_layer);
    if verdict.is_none() {
        verdict = account_verdict;
    }

    // Slowness decides only when nothing failed.
    if verdict.is_none() {
        let speeds = network::speeds(obs);
        let evidence = vec![tr!(
            lang,
            "diag-evidence-setup-times",
            controls = millis(lang, speeds.controls),
            openai = millis(lang, speeds.openai),
            slow_ms = network::SLOW_SETUP.as_millis() as u64,
            factor = network::PATH_SLOW_FACTOR
        )];
        let slow = match network::slowness(speeds) {
            Some(true) => Some((
                Layer::LocalNetwork,
                Cause::NetworkSlow,
                tr!(lang, "diag-network-slow-summary"),
            )),
            Some(false) => Some((Layer::Path, Cause::PathSlow, tr!(lang, "diag-path-slow-summary"))),
            None => None,
        };
        if let Some((l, cause, summary)) = slow {
            let f = Finder {
                layer: l,
                cause,
                summary,
                evidence,
            };
            if let Some(layer_report) = layers.iter_mut().find(|x| x.layer == l) {
                layer_report.findings.push(finding(&f, Severity::Fail));
                layer_report.status = LayerStatus::Fail;
                layer_report.summary = f.summary.clone();
            }
            verdict = Some(f);
        }
    }

    // Deadline: unfinished targets with nothing else wrong are not "healthy".
    let unfinished: Vec<&View> = views.iter().filter(|v| v.stop == Stop::Deadline).collect();
    if !unfinished.is_empty() {
        let n: Vec<&str> = unfinished.iter().map(|v| v.name()).collect();
        warnings.push(Finding {
            cause: Cause::DeadlineReached,
            severity: Severity::Warn,
            message: tr!(lang, "diag-deadline-warning", targets = list(lang, &n)),
        });
        if verdict.is_none() && unfinished.iter().any(|v| v.surface().is_service()) {
            verdict = Some(Finder {
                layer: Layer::None,
                cause: Cause::Inconclusive,
                summary: tr!(lang, "diag-deadline-summary"),
                evidence: unfinished.iter().map(stop_line).collect(),
            });
        }
    }

    for l in &layers {
        warnings.extend(
            l.findings
                .iter()
                .filter(|f| f.severity == Severity::Warn)
                .cloned(),
        );
    }

    // ---- verdict ---------------------------------------------------------------------------
    let mut working = BTreeSet::new();
    let mut failing = BTreeSet::new();
    for v in &service {
        if v.ok() {
            working.insert(v.surface());
        } else {
            failing.insert(v.surface());
        }
    }
    working.retain(|s| !failing.contains(s));
    let f = verdict.unwrap_or_else(|| Finder {
        layer: Layer::None,
        cause: Cause::Healthy,
        summary: if service.is_empty() {
            tr!(lang, "diag-healthy-no-service-summary")
        } else {
            tr!(lang, "diag-healthy-summary")
        },
        evidence: service.iter().map(stop_line).collect(),
    });
    // With an account fault the API is reachable but unusable with this key: not "working".
    if f.layer == Layer::Account {
        working.remove(&Surface::Api);
    }
    let mut summary = f.summary;
    if f.cause != Cause::Healthy && !working.is_empty() {
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
    let verdict = Verdict {
        layer: f.layer,
        cause: f.cause,
        summary,
        evidence: f.evidence,
        advice: advice::for_cause(f.cause, ctx.lang),
        working_surfaces: working.into_iter().collect(),
        failing_surfaces: failing.into_iter().collect(),
        warnings: warnings.iter().map(|w| w.message.clone()).collect(),
    };
    Diagnosis {
        lang: ctx.lang,
        verdict,
        layers,
        status_page: page.map(|p| {
            let url = status
                .first()
                .map(|v| v.t.target.url.to_string())
                .unwrap_or_default();
            StatusPageReport::from_page(url, &p)
        }),
        edge_trace: trace,
        account,
        dns_consistency: checks
            .iter()
            .map(|c| crate::report::DnsConsistencyReport::from_check(c, &obs.doh, lang))
            .collect(),
    }
}

/// Merges the status target's answer and the status documents into one page (`None` when the
/// status surface was not probed).
fn read_status_page(obs: &Observations, status: &[&View]) -> Option<StatusPage> {
    let target = status.first()?;
    let mut page = StatusPage::default();
    let answers = std::iter::once(target.t).chain(obs.status_documents.iter());
    for t in answers {
        let Some(r) = t.response().filter(|r| r.status == 200) else {
            continue;
        };
        let path = t.target.url.path().trim_start_matches('/').to_string();
        if path.ends_with(status_page::NATIVE) {
            status_page::merge_native(&mut page, &r.body, &path);
        } else {
            status_page::merge_statuspage(&mut page, &r.body, &path);
        }
    }
    Some(page)
}

/// Lines describing what the page reports, for evidence.
fn page_lines(p: &StatusPage, lang: Lang) -> Vec<String> {
    let mut out = vec![tr!(
        lang,
        "diag-status-page-overall",
        description = p
            .description
            .clone()
            .unwrap_or_else(|| tr!(lang, "diag-status-page-no-description")),
        indicator = p
            .indicator
            .clone()
            .unwrap_or_else(|| tr!(lang, "diag-status-page-no-indicator"))
    )];
    for c in p.components.iter().take(6) {
        out.push(tr!(
            lang,
            "diag-status-page-component",
            component = &c.name,
            group = c.group.as_str(),
            status = &c.status
        ));
    }
    for i in p.incidents.iter().take(3) {
        out.push(match &i.latest_update {
            Some(u) => tr!(
                lang,
                "diag-status-page-incident-update",
                incident = &i.name,
                status = &i.status,
                update = u
            ),
            None => tr!(
                lang,
                "diag-status-page-incident",
                incident = &i.name,
                status = &i.status
            ),
        });
    }
    for m in p.maintenances.iter().filter(|m| m.in_progress).take(3) {
        out.push(tr!(lang, "diag-status-page-maintenance", maintenance = &m.name));
    }
    out
}

/// What `chatgpt.com/cdn-cgi/trace` said, when a web target answered it.
fn edge_trace(obs: &Observations) -> Option<EdgeTraceReport> {
    obs.targets
        .iter()
        .filter(|t| t.target.surface == Surface::Web && t.target.url.path() == "/cdn-cgi/trace")
        .filter_map(|t| t.response().filter(|r| r.status == 200))
        .find_map(|r| parse_trace(&r.body))
        .map(|t| EdgeTraceReport {
            ip: t.ip,
            loc: t.loc,
            colo: t.colo,
            warp: t.warp,
            http: t.http,
            tls: t.tls,
        })
}

/// The account layer: what the API said of the key. Region blocks, edge refusals and server
/// errors on the key check are judged by the path and service layers.
fn judge_account(ctx: &Context, key: Option<&View>) -> (LayerReport, Option<AccountReport>, Option<Finder>) {
    let lang = ctx.lang;
    if ctx.key_source.is_none() && ctx.require_key {
        let f = Finder {
            layer: Layer::Account,
            cause: Cause::ApiKeyMissing,
            summary: tr!(lang, "diag-api-key-missing-summary"),
            evidence: vec![tr!(lang, "diag-evidence-key-not-set")],
        };
        let layer = layer(Layer::Account, vec![finding(&f, Severity::Fail)], String::new());
        return (layer, None, Some(f));
    }
    let (Some(source), Some(v)) = (ctx.key_source.as_ref(), key) else {
        let layer = LayerReport {
            layer: Layer::Account,
            status: LayerStatus::NotChecked,
            summary: tr!(lang, "diag-account-no-key"),
            findings: vec![],
        };
        return (layer, None, None);
    };
    let mut report = AccountReport {
        key_source: source.clone(),
        url: v.t.target.url.to_string(),
        organization_sent: ctx.organization_sent,
        project_sent: ctx.project_sent,
        status: String::new(),
        http_status: None,
        request_id: None,
        organization: None,
        missing_scopes: None,
        rate_limits: Default::default(),
        message: None,
        stages: vec![],
    };
    let mut findings = Vec::new();
    let mut verdict = None;
    let Some(r) = v.t.response() else {
        let (status, why) = match &v.stop {
            Stop::Withheld(why) => ("not_sent", why.describe(lang)),
            other => (
                "unreachable",
                describe_stop(
                    &View {
                        t: v.t,
                        stop: other.clone(),
                    },
                    lang,
                ),
            ),
        };
        report.status = status.into();
        report.message = Some(why.clone());
        findings.push(Finding {
            cause: Cause::KeyNotChecked,
            severity: Severity::Warn,
            message: tr!(lang, "diag-key-not-checked", reason = why),
        });
        let layer = layer(Layer::Account, findings, String::new());
        return (layer, Some(report), None);
    };
    let status = classify_key(r);
    report.status = status.as_str().into();
    report.http_status = Some(r.status);
    report.request_id = r.header("x-request-id").map(str::to_string);
    report.organization = r.header("openai-organization").map(str::to_string);
    report.rate_limits = rate_limit_headers(r).into_iter().collect();
    report.message = api_error(&r.body).and_then(|e| e.message);
    // Header lines as they came ("retry-after: 20"): raw data.
    let rate = || {
        let headers: Vec<String> = report
            .rate_limits
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        joined(lang, &headers)
    };
    let (cause, summary): (Option<Cause>, String) = match &status {
        KeyStatus::Valid => (None, String::new()),
        KeyStatus::Restricted { missing_scopes } => {
            report.missing_scopes = missing_scopes.clone();
            findings.push(Finding {
                cause: Cause::ApiKeyRestricted,
                severity: Severity::Warn,
                message: match missing_scopes {
                    Some(m) => tr!(lang, "diag-key-restricted-scopes", scopes = m),
                    None => tr!(lang, "diag-key-restricted"),
                },
            });
            (None, String::new())
        }
        KeyStatus::Invalid => (
            Some(Cause::ApiKeyInvalid),
            tr!(lang, "diag-api-key-invalid-summary", source = source),
        ),
        KeyStatus::OrgMismatch => (Some(Cause::OrgMismatch), tr!(lang, "diag-org-mismatch-summary")),
        KeyStatus::QuotaExhausted => (
            Some(Cause::QuotaExhausted),
            tr!(lang, "diag-quota-exhausted-summary"),
        ),
        KeyStatus::RateLimited => (
            Some(Cause::RateLimited),
            if report.rate_limits.is_empty() {
                tr!(lang, "diag-rate-limited-summary")
            } else {
                tr!(lang, "diag-rate-limited-summary-headers", headers = rate())
            },
        ),
        KeyStatus::Unexpected => {
            findings.push(Finding {
                cause: Cause::KeyNotChecked,
                severity: Severity::Warn,
                message: tr!(lang, "diag-key-unexpected-answer", status = r.status),
            });
            (None, String::new())
        }
        // Judged by the path and service layers.
        KeyStatus::RegionBlocked | KeyStatus::EdgeRefused | KeyStatus::ServerError => (None, String::new()),
    };
    if let Some(cause) = cause {
        let mut evidence = vec![tr!(
            lang,
            "diag-evidence-key-request",
            url = &report.url,
            status = r.status
        )];
        if let Some(m) = &report.message {
            evidence.push(tr!(lang, "diag-evidence-api-said", message = m));
        }
        if let Some(id) = &report.request_id {
            evidence.push(tr!(lang, "diag-evidence-request-id", id = id));
        }
        let f = Finder {
            layer: Layer::Account,
            cause,
            summary,
            evidence,
        };
        findings.push(finding(&f, Severity::Fail));
        verdict = Some(f);
    }
    let ok = match &report.organization {
        Some(o) => tr!(
            lang,
            "diag-account-ok-organization",
            source = source,
            organization = o
        ),
        None => tr!(lang, "diag-account-ok", source = source),
    };
    let layer = layer(Layer::Account, findings, ok);
    (layer, Some(report), verdict)
}

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

fn finding(f: &Finder, severity: Severity) -> Finding {
    Finding {
        cause: f.cause,
        severity,
        message: f.summary.clone(),
    }
}

fn layer(l: Layer, findings: Vec<Finding>, ok_summary: String) -> LayerReport {
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
        layer: l,
        status,
        summary,
        findings,
    }
}

#[cfg(test)]
mod tests;
