//! Assembles the check report from the observations and the diagnosis. The stages' `detail`
//! lines are English in every language (scripts and support staff read them).

use super::convert::{dns_answer_detail, dns_source_parts, ms, outcome_parts, record_type};
use super::document::{Report, SCHEMA_VERSION, tool};
use super::environment::Environment;
use super::names::{StageName, StageStatus};
use super::targets::{
    BrowserHandshakeReport, CertReport, DecoyReport, DnsLookupReport, DnsReport, HttpReport, OriginReport,
    ProxyReport, StageReport, StoreVerdict, TargetReport, TlsReport,
};
use super::verdict::Diagnosis;
use crate::catalog::Surface;
use crate::evidence::origin::Endpoint;
use crate::i18n::Lang;
use crate::probe::{
    Attempt, DnsDetail, Failure, Family, Observations, Outcome, Stage, TargetObservation, TlsDetail,
};

/// [`outcome_parts`] in English: the check report's `detail` is English in every language.
fn status_of(o: &Outcome) -> (StageStatus, Option<Failure>, String) {
    outcome_parts(o, Lang::En)
}

fn stage_report<T>(name: StageName, family: Option<Family>, s: &Stage<T>) -> StageReport {
    let (status, failure, detail) = status_of(&s.outcome);
    StageReport {
        stage: name,
        family,
        status,
        duration_ms: s.duration.map(ms),
        failure,
        skip_reason: match &s.outcome {
            Outcome::Skipped { reason } => Some(*reason),
            _ => None,
        },
        detail,
        address: None,
        dns: None,
        tls: None,
        http: None,
        proxy: None,
    }
}

fn tls_report(t: &TlsDetail) -> TlsReport {
    TlsReport {
        sni: t.sni.clone(),
        version: t.version.clone(),
        alpn: t.alpn.clone(),
        cipher: t.cipher.clone(),
        chain: t.chain.iter().map(CertReport::from_info).collect(),
        system_store: StoreVerdict::from_verification(t.system_store.as_ref()),
        public_store: StoreVerdict::from_verification(t.public_store.as_ref()),
        alert: t.alert.clone(),
        group: t.group.clone(),
        browser_handshake: t
            .browser
            .as_deref()
            .map(|b| BrowserHandshakeReport::from_stage(b, Lang::En)),
        decoy: t.decoy.as_ref().map(|d| {
            let tls = d.tls.as_ref();
            let (_, failure, message) = match tls {
                Some(s) => status_of(&s.outcome),
                None => status_of(&d.tcp.outcome),
            };
            DecoyReport {
                sni: d.sni.clone(),
                answered: d.answered(),
                tcp_ms: d.tcp.duration.map(ms),
                tls_ms: tls.and_then(|s| s.duration.map(ms)),
                failure,
                detail: if d.answered() {
                    "a TLS server answered the decoy name".into()
                } else {
                    message
                },
            }
        }),
    }
}

fn attempt_reports(a: &Attempt, endpoint: Endpoint, host: &str) -> Vec<StageReport> {
    let mut out = Vec::new();
    let peer = a.tcp.detail.as_ref().map(|d| d.peer.to_string());
    let mut tcp = stage_report(StageName::Tcp, Some(a.family), &a.tcp);
    tcp.address = peer.clone();
    if a.tcp.is_ok() {
        tcp.detail = format!("connected to {}", peer.clone().unwrap_or_default());
    }
    out.push(tcp);
    if let Some(p) = &a.proxy {
        let mut r = stage_report(StageName::Proxy, Some(a.family), p);
        if let Some(d) = &p.detail {
            if p.is_ok() {
                r.detail = format!(
                    "tunnel through {} (from {}){}",
                    d.proxy,
                    d.source,
                    d.status.map(|s| format!(": {s}")).unwrap_or_default()
                );
            }
            r.proxy = Some(ProxyReport {
                proxy: d.proxy.clone(),
                source: d.source.clone(),
                scheme: d.scheme.as_str().to_string(),
                credentials_sent: d.credentials_sent,
                status: d.status,
                reason: d.reason.clone(),
                headers: d.headers.iter().cloned().collect(),
                body_excerpt: d.body_excerpt.clone(),
            });
        }
        out.push(r);
    }
    if let Some(tls) = &a.tls {
        let mut r = stage_report(StageName::Tls, Some(a.family), tls);
        r.address = peer.clone().filter(|_| a.tcp.is_ok());
        if let Some(d) = &tls.detail {
            if tls.is_ok() {
                r.detail = format!(
                    "{} {} {}",
                    d.version.as_deref().unwrap_or("?"),
                    d.alpn.as_deref().unwrap_or("no ALPN"),
                    d.chain
                        .first()
                        .map(|c| format!("issued by {}", c.issuer))
                        .unwrap_or_default()
                )
                .trim()
                .to_string();
            }
            r.tls = Some(tls_report(d));
        }
        out.push(r);
    }
    let mut http = stage_report(StageName::Http, Some(a.family), &a.http);
    if let Some(h) = &a.http.detail {
        http.address = peer;
        http.detail = crate::evidence::signatures::describe(h, Lang::En);
        let mut report = HttpReport::from_detail(h);
        report.origin = OriginReport::of(endpoint, host, h);
        http.http = Some(report);
    }
    out.push(http);
    out
}

/// The dns stage of a target: its outcome, and with details the lookups and the source asked.
fn dns_stage_report(dns: &Stage<DnsDetail>) -> StageReport {
    let mut r = stage_report(StageName::Dns, None, dns);
    if let Some(d) = &dns.detail {
        let (source, servers) = dns_source_parts(&d.source);
        if dns.is_ok() {
            r.detail = dns_answer_detail(d, Lang::En);
        }
        r.dns = Some(DnsReport {
            query: d.query.clone(),
            source: source.to_string(),
            servers,
            lookups: d
                .lookups
                .iter()
                .map(|l| {
                    let (status, failure, _) = status_of(&l.outcome);
                    DnsLookupReport {
                        record_type: record_type(l.family).into(),
                        status,
                        failure,
                        answers: l.addrs.iter().map(std::string::ToString::to_string).collect(),
                        ttl: l.ttl,
                        duration_ms: ms(l.duration),
                    }
                })
                .collect(),
        });
    }
    r
}

fn target_report(t: &TargetObservation, keyed: bool) -> TargetReport {
    let endpoint = Endpoint::of(&t.target, keyed);
    let mut stages: Vec<StageReport> = t.dns.iter().map(dns_stage_report).collect();
    for a in &t.attempts {
        stages.extend(attempt_reports(a, endpoint, &t.target.host()));
    }
    let best = t.best();
    let reached = match best.map(Attempt::progress) {
        Some(3) => Some(StageName::Http),
        Some(2) => Some(StageName::Tls),
        Some(1) => Some(StageName::Tcp),
        _ if t.dns.as_ref().is_some_and(Stage::is_ok) => Some(StageName::Dns),
        _ => None,
    };
    TargetReport {
        name: t.target.name.clone(),
        surface: t.target.surface,
        url: t.target.url.to_string(),
        control: t.target.surface == Surface::Control,
        route: None,
        ok: best.is_some_and(|a| a.http.is_ok()),
        reached,
        answer: t
            .response()
            .map(|r| crate::evidence::signatures::describe(r, Lang::En)),
        stages,
    }
}

/// Assembles the report from observations, the diagnosis and the environment.
pub fn build(obs: &Observations, diagnosis: Diagnosis, exit_code: i32, environment: Environment) -> Report {
    let started_at = time::OffsetDateTime::from(obs.started_at)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    Report {
        schema_version: SCHEMA_VERSION,
        tool: tool(),
        started_at,
        duration_ms: ms(obs.duration),
        exit_code,
        language: diagnosis.lang,
        verdict: diagnosis.verdict,
        layers: diagnosis.layers,
        targets: obs.targets.iter().map(|t| target_report(t, false)).collect(),
        status_page: diagnosis.status_page,
        edge_trace: diagnosis.edge_trace,
        dns_consistency: diagnosis.dns_consistency,
        dns_views: diagnosis.dns_views,
        system_view: Default::default(),
        routes: Vec::new(),
        account: diagnosis.account.map(|mut a| {
            if let Some(k) = &obs.key_check {
                a.stages = target_report(k, true).stages;
            }
            a
        }),
        environment,
    }
}
