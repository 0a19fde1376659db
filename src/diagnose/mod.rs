//! `diagnose` judges, it never measures: a pure function from observations to layers and a
//! verdict. It walks the layers from the user outwards and stops at the first layer where the
//! evidence *and its control* agree (DESIGN.md §3). A finding counts only when a control rules
//! out the simpler explanation; when none can, the verdict is `inconclusive`, saying why.

mod advice;

use std::collections::BTreeSet;

use crate::catalog::Surface;
use crate::evidence::signatures::{ResponseKind, classify_response};
use crate::evidence::status_page;
use crate::probe::{Failure, Observations, Outcome, TargetObservation};
use crate::report::{Cause, Finding, Layer, LayerReport, LayerStatus, Severity, StatusPageReport, Verdict};

/// Facts about the machine that are not probe results.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Proxy variables that are set (names only). This version probes directly.
    pub proxy_variables: Vec<String>,
    /// Problems with the system trust store (empty, unreadable files).
    pub trust_store_problems: Vec<String>,
}

/// The outcome of diagnosis.
#[derive(Debug, Clone)]
pub struct Diagnosis {
    pub verdict: Verdict,
    pub layers: Vec<LayerReport>,
    pub status_page: Option<StatusPageReport>,
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
    /// An HTTP answer came.
    Answered,
}

fn failed(o: &Outcome) -> Option<(Failure, String)> {
    match o {
        Outcome::Failed { failure, message } => Some((*failure, message.clone())),
        _ => None,
    }
}

fn stop_of(t: &TargetObservation) -> Stop {
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
        return Stop::Tcp(f.0, f.1);
    }
    if matches!(a.tcp.outcome, Outcome::Skipped { .. }) {
        return Stop::Deadline;
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
        Outcome::Skipped { .. } => Stop::Deadline,
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
    fn ok(&self) -> bool {
        self.stop == Stop::Answered && self.server_error().is_none()
    }
}

/// Everything needed to word a verdict.
struct Finder {
    layer: Layer,
    cause: Cause,
    summary: String,
    evidence: Vec<String>,
}

fn list(names: &[&str]) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        n if n <= 4 => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
        n => format!("{}, {} and {} more", names[0], names[1], n - 2),
    }
}

fn describe_stop(v: &View) -> String {
    let failed = |stage: &str, f: &Failure, m: &str| {
        format!(
            "{}: {stage} failed, {} ({}): {m}",
            v.name(),
            f.describe(),
            f.as_str()
        )
    };
    match &v.stop {
        Stop::Dns(f, m) => failed("dns", f, m),
        Stop::Tcp(f, m) => failed("tcp", f, m),
        Stop::Tls(f, m) => failed("tls", f, m),
        Stop::Http(f, m) => failed("http", f, m),
        Stop::Deadline => format!("{}: not finished before the run deadline", v.name()),
        Stop::Answered => match v.t.response() {
            Some(r) => format!("{}: {}", v.name(), crate::evidence::signatures::describe(r)),
            None => format!("{}: answered", v.name()),
        },
    }
}

/// Judges a run.
pub fn diagnose(obs: &Observations, ctx: &Context) -> Diagnosis {
    let views: Vec<View> = obs.targets.iter().map(|t| View { t, stop: stop_of(t) }).collect();
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
    if !ctx.proxy_variables.is_empty() {
        machine.push(Finding {
            cause: Cause::ProxyNotApplied,
            severity: Severity::Warn,
            message: format!(
                "{} set, but this version probes directly: apps that use the proxy may see other results",
                ctx.proxy_variables.join(", ")
            ),
        });
    }
    layers.push(layer(
        Layer::Machine,
        machine,
        "nothing wrong found on this computer".into(),
    ));

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
                summary: "No name resolved and no control can be reached by address, so a dead resolver cannot be told from a dead network.".into(),
                evidence: named.iter().take(6).map(|v| describe_stop(v)).collect(),
            });
        } else {
            let f = Finder {
                layer: Layer::LocalNetwork,
                cause: Cause::Offline,
                summary: "This computer cannot reach the internet: no control target and no OpenAI address answered.".into(),
                evidence: views.iter().take(8).map(describe_stop).collect(),
            };
            local.push(finding(&f, Severity::Fail));
            verdict.get_or_insert(f);
        }
    } else if all_names_failed && views.iter().any(|v| v.tcp_ok()) {
        let reached: Vec<&str> = literals.iter().filter(|v| v.tcp_ok()).map(|v| v.name()).collect();
        let mut evidence = vec![format!("reachable by address: {}", list(&reached))];
        evidence.extend(named.iter().take(6).map(|v| describe_stop(v)));
        let f = Finder {
            layer: Layer::LocalNetwork,
            cause: Cause::DnsResolverDown,
            summary: "Your DNS resolver is not answering: no name resolves, although the internet is reachable by address.".into(),
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
            message: format!("control target(s) not reached: {}", list(&failed)),
        });
    }
    let ok_local = if controls.is_empty() {
        "no control targets were probed".to_string()
    } else {
        let timed: Vec<String> = controls_answered
            .iter()
            .map(|v| {
                let ms =
                    v.t.best()
                        .and_then(|a| a.tcp.duration)
                        .map(|d| format!(" {:.0} ms", d.as_secs_f64() * 1e3))
                        .unwrap_or_default();
                format!("{}{ms}", v.name())
            })
            .collect();
        format!(
            "{} of {} controls answered ({})",
            controls_answered.len(),
            controls.len(),
            timed.join(", ")
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
            message: "this machine has no IPv6 route: IPv6 addresses fail at once and IPv4 is used".into(),
        });
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
    let control_tcp = !controls_answered.is_empty();
    let control_tls = controls.iter().any(|v| v.t.target.is_tls() && v.tls_ok());
    let by_stop = |pred: fn(&Stop) -> bool| -> Vec<&View> {
        service.iter().copied().filter(|v| pred(&v.stop)).collect()
    };
    let dns_failed = by_stop(|s| matches!(s, Stop::Dns(..)));
    let tcp_failed = by_stop(|s| matches!(s, Stop::Tcp(..)));
    let tls_failed = by_stop(|s| matches!(s, Stop::Tls(..)));
    let names = |vs: &[&View]| -> Vec<String> { vs.iter().map(|v| v.name().to_string()).collect() };
    if !local_failed {
        if !dns_failed.is_empty() {
            let some_openai_resolved = service.iter().any(|v| v.resolved_by_name());
            if named_control_resolved || some_openai_resolved {
                let n = names(&dns_failed);
                let n: Vec<&str> = n.iter().map(String::as_str).collect();
                let mut evidence: Vec<String> = dns_failed.iter().map(|v| describe_stop(v)).collect();
                if let Some(c) = controls.iter().find(|v| v.resolved_by_name()) {
                    evidence.push(format!("control {} resolved normally", c.name()));
                }
                let f = Finder {
                    layer: Layer::Path,
                    cause: Cause::DnsBlocked,
                    summary: format!(
                        "OpenAI's names do not resolve while other names do: {} (DNS blocking).",
                        list(&n)
                    ),
                    evidence,
                };
                path.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            } else {
                verdict.get_or_insert(Finder {
                    layer: Layer::None,
                    cause: Cause::Inconclusive,
                    summary: "OpenAI's names do not resolve, and no named control was probed to tell blocking from a resolver fault.".into(),
                    evidence: dns_failed.iter().map(|v| describe_stop(v)).collect(),
                });
            }
        } else if !tcp_failed.is_empty() {
            let some_openai_tcp = service.iter().any(|v| v.tcp_ok());
            if control_tcp || some_openai_tcp {
                let n = names(&tcp_failed);
                let n: Vec<&str> = n.iter().map(String::as_str).collect();
                let mut evidence: Vec<String> = tcp_failed.iter().map(|v| describe_stop(v)).collect();
                if let Some(c) = controls_answered.first() {
                    evidence.push(format!("control {} accepted a connection", c.name()));
                }
                let f = Finder {
                    layer: Layer::Path,
                    cause: Cause::TcpBlocked,
                    summary: format!(
                        "Connections to OpenAI fail while other sites connect: {}.",
                        list(&n)
                    ),
                    evidence,
                };
                path.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            } else {
                verdict.get_or_insert(Finder {
                    layer: Layer::None,
                    cause: Cause::Inconclusive,
                    summary: "Connections to OpenAI fail, and no control connected to show that the network itself works.".into(),
                    evidence: tcp_failed.iter().map(|v| describe_stop(v)).collect(),
                });
            }
        } else if !tls_failed.is_empty() {
            let some_openai_tls = service.iter().any(|v| v.tls_ok());
            if control_tls || some_openai_tls {
                let n = names(&tls_failed);
                let n: Vec<&str> = n.iter().map(String::as_str).collect();
                let mut evidence: Vec<String> = tls_failed.iter().map(|v| describe_stop(v)).collect();
                evidence.extend(tls_failed.iter().filter_map(|v| chain_line(v.t)));
                if let Some(c) = controls.iter().find(|v| v.t.target.is_tls() && v.tls_ok()) {
                    evidence.push(format!(
                        "control {} completed TLS with a trusted certificate",
                        c.name()
                    ));
                }
                let f = Finder {
                    layer: Layer::Path,
                    cause: Cause::TlsFailed,
                    summary: format!(
                        "Secure connections to OpenAI fail while other sites' succeed: {}.",
                        list(&n)
                    ),
                    evidence,
                };
                path.push(finding(&f, Severity::Fail));
                verdict.get_or_insert(f);
            } else {
                let mut evidence: Vec<String> = tls_failed.iter().map(|v| describe_stop(v)).collect();
                evidence.extend(
                    controls
                        .iter()
                        .filter(|v| v.t.target.is_tls() && !v.tls_ok())
                        .map(|v| describe_stop(v)),
                );
                let any_tls_control = controls.iter().any(|v| v.t.target.is_tls() && v.tcp_ok());
                let summary = if any_tls_control {
                    "TLS fails for OpenAI and for the controls alike: something on this machine or network interferes with every secure connection, or the trust store is broken."
                } else {
                    "TLS to OpenAI fails, and no https:// control connected to tell a blocked path from a problem with every secure connection."
                };
                verdict.get_or_insert(Finder {
                    layer: Layer::None,
                    cause: Cause::Inconclusive,
                    summary: summary.into(),
                    evidence,
                });
            }
        }
    }
    for v in &status {
        if matches!(v.stop, Stop::Dns(..) | Stop::Tcp(..) | Stop::Tls(..)) {
            path.push(Finding {
                cause: Cause::StatusPageUnreachable,
                severity: Severity::Warn,
                message: format!(
                    "{} (evidence about the network, not about OpenAI)",
                    describe_stop(v)
                ),
            });
        }
    }
    let path_ok = if service.is_empty() {
        "no OpenAI surface was probed".to_string()
    } else {
        format!(
            "{} of {} OpenAI endpoints reached over TLS",
            service.iter().filter(|v| v.tls_ok()).count(),
            service.len()
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
            path_layer.summary = "not assessed: the local network failed first".into();
        }
    }
    layers.push(path_layer);

    // ---- service --------------------------------------------------------------------------
    let mut svc = Vec::new();
    let page = status.first().map(|v| {
        let parsed =
            v.t.response()
                .filter(|r| r.status == 200)
                .and_then(|r| status_page::parse_status(&r.body));
        StatusPageReport {
            url: v.t.target.url.to_string(),
            reachable: parsed.is_some(),
            indicator: parsed.as_ref().map(|p| p.indicator.clone()),
            description: parsed.as_ref().map(|p| p.description.clone()),
        }
    });
    let erroring: Vec<&View> = service
        .iter()
        .copied()
        .filter(|v| v.server_error().is_some() || matches!(v.stop, Stop::Http(..)))
        .collect();
    if !erroring.is_empty() {
        let n = names(&erroring);
        let n: Vec<&str> = n.iter().map(String::as_str).collect();
        let mut evidence: Vec<String> = erroring.iter().map(|v| describe_stop(v)).collect();
        if let Some(p) = &page {
            match &p.indicator {
                Some(i) => evidence.push(format!(
                    "status page: {} ({})",
                    p.description.clone().unwrap_or_default(),
                    i
                )),
                None => evidence.push("status page: not read".into()),
            }
        }
        let f = Finder {
            layer: Layer::Service,
            cause: Cause::ServiceErrors,
            summary: format!(
                "OpenAI's servers answer with errors: {}; the network path to them works.",
                list(&n)
            ),
            evidence,
        };
        svc.push(finding(&f, Severity::Fail));
        if verdict.is_none() {
            verdict = Some(f);
        }
    }
    if let Some(p) = &page
        && let Some(i) = &p.indicator
        && i != "none"
    {
        svc.push(Finding {
            cause: Cause::ServiceDegraded,
            severity: Severity::Warn,
            message: format!(
                "the status page reports: {} ({i})",
                p.description.clone().unwrap_or_default()
            ),
        });
    }
    let answered = service.iter().filter(|v| v.stop == Stop::Answered).count();
    let svc_ok = format!(
        "{answered} of {} OpenAI endpoints answered without server errors",
        service.len()
    );
    let mut svc_layer = layer(Layer::Service, svc, svc_ok);
    if svc_layer.findings.is_empty() && answered == 0 {
        svc_layer.status = LayerStatus::NotChecked;
        svc_layer.summary = "not reached".into();
    }
    layers.push(svc_layer);

    // ---- account --------------------------------------------------------------------------
    layers.push(LayerReport {
        layer: Layer::Account,
        status: LayerStatus::NotChecked,
        summary: "no API key was checked".into(),
        findings: vec![],
    });

    // Deadline: unfinished targets with nothing else wrong are not "healthy".
    let unfinished: Vec<&View> = views.iter().filter(|v| v.stop == Stop::Deadline).collect();
    if !unfinished.is_empty() {
        let n: Vec<&str> = unfinished.iter().map(|v| v.name()).collect();
        warnings.push(Finding {
            cause: Cause::DeadlineReached,
            severity: Severity::Warn,
            message: format!("not finished before the run deadline (--max-time): {}", list(&n)),
        });
        if verdict.is_none() && unfinished.iter().any(|v| v.surface().is_service()) {
            verdict = Some(Finder {
                layer: Layer::None,
                cause: Cause::Inconclusive,
                summary: "The run deadline came before every OpenAI endpoint answered.".into(),
                evidence: unfinished.iter().map(|v| describe_stop(v)).collect(),
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
            "The controls answered; no OpenAI surface was selected.".into()
        } else {
            "ChatGPT is reachable from here: every OpenAI endpoint answered and the path to it works.".into()
        },
        evidence: service.iter().map(|v| describe_stop(v)).collect(),
    });
    let mut summary = f.summary;
    if f.cause != Cause::Healthy && !working.is_empty() {
        let w: Vec<&str> = working.iter().map(|s| s.as_str()).collect();
        summary.push_str(&format!(" Still working: {}.", w.join(", ")));
    }
    let verdict = Verdict {
        layer: f.layer,
        cause: f.cause,
        summary,
        evidence: f.evidence,
        advice: advice::for_cause(f.cause),
        working_surfaces: working.into_iter().collect(),
        failing_surfaces: failing.into_iter().collect(),
        warnings: warnings.iter().map(|w| w.message.clone()).collect(),
    };
    Diagnosis {
        verdict,
        layers,
        status_page: page,
    }
}

fn chain_line(t: &TargetObservation) -> Option<String> {
    let tls = t.best()?.tls.as_ref()?.detail.as_ref()?;
    let leaf = tls.chain.first()?;
    Some(format!(
        "{} presented a certificate for {} issued by {}",
        t.target.name,
        if leaf.san.is_empty() {
            leaf.subject.clone()
        } else {
            leaf.san.join(", ")
        },
        leaf.issuer
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

/// The process exit code for a diagnosis (`strict`: warnings fail a healthy run).
pub fn exit_code(d: &Diagnosis, strict: bool) -> i32 {
    match d.verdict.cause {
        Cause::Healthy => {
            if strict && !d.verdict.warnings.is_empty() {
                d.layers
                    .iter()
                    .find(|l| l.status == LayerStatus::Warn)
                    .map_or(7, |l| l.layer.exit_code())
            } else {
                0
            }
        }
        Cause::Inconclusive => 7,
        _ => d.verdict.layer.exit_code(),
    }
}

#[cfg(test)]
mod tests;
