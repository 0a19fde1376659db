//! The report assembled from a check's observations and its diagnosis: the environment it ran in
//! (resolver, stores, proxies, overrides), the route each target took, and the API key scrubbed
//! from every string so that no renderer can print it.

use url::Url;

use super::redact::Redactor;
use super::settings::{Settings, env_nonempty};
use crate::cli::args::CheckArgs;
use crate::i18n::Lang;
use crate::probe::plan::{Plan, ProbeTools};
use crate::probe::{DnsSource, Observations};
use crate::report::{
    self, Diagnosis, Environment, ProxySettingReport, Report, RouteReport, SystemViewReport,
};
use crate::route::{PROXY_VARIABLES, ProxySettings};

/// What the report carries beside the main route's probes: the browsers' way and the routes.
pub struct SystemReadings {
    pub system_view: SystemViewReport,
    pub routes: Vec<RouteReport>,
}

/// The report of one check: the diagnosis, the targets' stages and the environment.
pub fn assemble(
    observations: &Observations,
    diagnosis: Diagnosis,
    exit_code: i32,
    environment: Environment,
    proxies: &ProxySettings,
    settings: &Settings,
    readings: SystemReadings,
) -> Report {
    let mut report = report::build(observations, diagnosis, exit_code, environment);
    report.system_view = readings.system_view;
    report.routes = readings.routes;
    for t in &mut report.targets {
        if let Ok(url) = Url::parse(&t.url) {
            t.route = Some(proxies.route(&url).describe());
        }
    }
    match &settings.key {
        Some((k, _)) => scrub(report, k.expose()),
        None => report,
    }
}

/// Replaces every occurrence of `secret` in every string (and key) of the report.
pub fn scrub(report: Report, secret: &str) -> Report {
    let mut redactor = Redactor::new(false);
    redactor.secret(secret, "[REDACTED]");
    match serde_json::to_value(&report) {
        Ok(mut v) => {
            redactor.redact_json(&mut v);
            serde_json::from_value(v).unwrap_or(report)
        }
        Err(_) => report,
    }
}

/// What the report says of the machine and the settings the check ran with.
pub fn environment(
    args: &CheckArgs,
    settings: &Settings,
    plan: &Plan,
    tools: &ProbeTools,
    lang: Lang,
) -> Environment {
    let proxies = &plan.proxies;
    let (resolver, nameservers) = match tools.dns.source() {
        DnsSource::System { servers } => (
            "system",
            servers.iter().map(std::string::ToString::to_string).collect(),
        ),
        DnsSource::Server(s) => ("server", vec![s.to_string()]),
        _ => ("system", vec![]),
    };
    Environment {
        os: std::env::consts::OS.into(),
        arch: std::env::consts::ARCH.into(),
        resolver: resolver.into(),
        nameservers,
        families: plan.families.clone(),
        timeout_ms: report::ms(args.resolver.timeout),
        max_time_ms: report::ms(args.max_time),
        system_store_roots: tools.tls.system_roots,
        public_store_roots: tools.tls.public_roots,
        cacert: args.trust.cacert.as_ref().map(|p| p.display().to_string()),
        doh_url: args.doh_url.as_ref().map(std::string::ToString::to_string),
        base_url: settings.base.as_ref().map(std::string::ToString::to_string),
        base_url_source: settings.base_source.into(),
        api_key_source: settings.key.as_ref().map(|(_, s)| s.to_string()),
        proxy_variables: PROXY_VARIABLES
            .iter()
            .filter(|v| env_nonempty(v).is_some())
            .map(std::string::ToString::to_string)
            .collect(),
        proxies: proxy_reports(proxies),
        no_proxy: proxies
            .no_proxy_entries()
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
        no_proxy_source: proxies.no_proxy_source().map(str::to_string),
        proxy_warnings: proxies.warnings().iter().map(|w| w.text(lang)).collect(),
        overrides: overrides(args),
        // Filled by the check from its reading of the hosts file.
        hosts_file: None,
        hosts_file_problem: None,
    }
}

/// The proxies in force, without credentials.
fn proxy_reports(proxies: &ProxySettings) -> Vec<ProxySettingReport> {
    proxies
        .proxies()
        .into_iter()
        .map(|(kind, p)| ProxySettingReport {
            applies_to: kind.to_string(),
            proxy: p.display(),
            source: p.source.clone(),
            has_credentials: p.has_credentials(),
        })
        .collect()
}

/// The flags that replaced what the tool would otherwise have probed.
fn overrides(args: &CheckArgs) -> Vec<String> {
    let mut overrides = Vec::new();
    for r in &args.route.resolve {
        overrides.push(format!("--resolve {}:{}", r.host, r.port));
    }
    for c in &args.route.connect_to {
        overrides.push(format!(
            "--connect-to {}:{}:{}:{}",
            c.host.as_deref().unwrap_or(""),
            c.port.map(|p| p.to_string()).unwrap_or_default(),
            c.connect_host.as_deref().unwrap_or(""),
            c.connect_port.map(|p| p.to_string()).unwrap_or_default()
        ));
    }
    if !args.controls.is_empty() {
        overrides.push("--control".into());
    }
    if args.status_url.is_some() {
        overrides.push("--status-url".into());
    }
    overrides
}
