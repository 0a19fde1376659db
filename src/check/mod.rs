//! A check from flags to report: `settings` reads and validates what the flags, the environment
//! and the files they name say; `plan` decides what to probe; the probes run ([`crate::probe`]);
//! [`crate::diagnose`] judges, with what `system` read of this computer (the hosts file);
//! `assemble` builds the report and scrubs the key from it. `progress` runs it once with a
//! progress display; `runtime` is the async runtime every command uses.

pub mod assemble;
pub mod browsers;
pub mod plan;
pub mod progress;
pub mod redact;
pub mod runtime;
pub mod settings;
pub mod system;

use std::sync::Arc;

use crate::cli::args::CheckArgs;
use crate::diagnose::{self, BrowserFindings, Context, RouteDifference};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::probe::dns::Dns;
use crate::probe::plan::{Plan, ProbeTools};
use crate::probe::tls::TlsContext;
use crate::probe::{Observations, TargetObservation};
use crate::report::{Report, SystemViewReport};
use crate::route::ProxySettings;
use crate::system::interfaces::{NetInterface, dns_answers, read_resolv_conf, tunnel_reading};
use crate::tr;
use settings::Settings;

/// A check ready to run: flags validated, files read, targets chosen. Reusable across runs
/// (`watch`, `serve`, `report`) with one set of [`ProbeTools`].
pub struct Check {
    pub args: CheckArgs,
    pub plan: Plan,
    settings: Settings,
    /// A missing key is the verdict (`auth`) rather than an unchecked layer (`check`).
    pub require_key: bool,
    /// The language of the report's words (summaries, evidence, advice).
    pub lang: Lang,
}

impl Check {
    /// Validates the flags and environment, reads the files they name, and plans the probes.
    pub fn prepare(args: &CheckArgs) -> Result<Check, AppError> {
        let settings = Settings::read(args)?;
        let plan = plan::plan(args, &settings);
        Ok(Check {
            args: args.clone(),
            plan,
            settings,
            require_key: false,
            lang: Lang::En,
        })
    }

    /// The resolver and trust stores (load once, reuse across runs). Call inside a runtime. The
    /// resolver is the configured DNS servers asked directly: the chain's under `--dns-server`,
    /// else the second view beside the OS resolver's.
    pub fn probe_tools(&self) -> Arc<ProbeTools> {
        Arc::new(ProbeTools {
            dns: Dns::configured(self.args.resolver.dns_server, self.args.resolver.timeout),
            tls: TlsContext::new(&self.settings.extra_roots),
        })
    }

    /// Probes, judges and assembles the report; `on_done` sees each target as it finishes.
    pub async fn run(&self, tools: Arc<ProbeTools>, on_done: impl FnMut(&TargetObservation)) -> Report {
        let seen = self.observe(tools.clone(), on_done).await;
        self.judge(&seen, &tools, self.lang)
    }

    /// Probes the targets and, at the same time, reads the way browsers take (the system proxy,
    /// its PAC file) and the network interfaces.
    pub async fn observe(
        &self,
        tools: Arc<ProbeTools>,
        on_done: impl FnMut(&TargetObservation),
    ) -> CheckObservations {
        let interfaces = crate::system::interfaces::read_interfaces();
        let urls = self.plan_urls();
        let (probes, browsers) = tokio::join!(
            crate::probe::run::run(&self.plan, tools.clone(), on_done),
            browsers::read(&self.plan, &tools, &urls, &interfaces)
        );
        CheckObservations {
            probes,
            browsers,
            interfaces,
        }
    }

    /// The URLs of the probed targets, in order.
    fn plan_urls(&self) -> Vec<url::Url> {
        self.plan.targets.iter().map(|t| t.url.clone()).collect()
    }

    /// Judges observations in `lang` and assembles the report (pure apart from reading which
    /// proxy variables are set and the hosts file's lines for OpenAI's names, read again each
    /// time so that `watch` and `serve` see an edited file).
    pub fn judge(&self, seen: &CheckObservations, tools: &ProbeTools, lang: Lang) -> Report {
        let observations = &seen.probes;
        let settings = &self.settings;
        let hosts = system::hosts_reading(&self.plan);
        let proxies = &self.plan.proxies;
        let mut trust_store_problems: Vec<String> = tools.tls.system_errors.clone();
        if tools.tls.system_roots == 0 {
            trust_store_problems.push(tr!(lang, "trust-store-empty"));
        }
        let ctx = Context {
            proxy_warnings: proxies.warnings().iter().map(|w| w.text(lang)).collect(),
            trust_store_problems,
            key_source: settings.key.as_ref().map(|(_, s)| s.to_string()),
            organization_sent: settings.key.is_some() && settings.organization.is_some(),
            project_sent: settings.key.is_some() && settings.project.is_some(),
            require_key: self.require_key,
            edge_ranges: settings.edge_ranges.clone(),
            hosts,
            browsers: BrowserFindings::default(),
            lang,
        };
        let system_view = system_view(seen, &self.plan_urls(), proxies, lang);
        let ctx = Context {
            browsers: browser_findings(&system_view, seen),
            ..ctx
        };
        let diagnosis = diagnose::diagnose(observations, &ctx);
        let code = diagnosis.exit_code(self.args.strict).code();
        let mut environment = assemble::environment(&self.args, settings, &self.plan, tools, lang);
        environment.hosts_file = Some(ctx.hosts.file.clone()).filter(|f| !f.is_empty());
        environment.hosts_file_problem = ctx.hosts.error.as_ref().map(|e| e.describe(lang));
        assemble::assemble(
            observations,
            diagnosis,
            code,
            environment,
            proxies,
            settings,
            system_view,
        )
    }
}

/// What one run saw: the probes' observations, the browsers' way and the network interfaces.
#[derive(Debug, Clone)]
pub struct CheckObservations {
    pub probes: Observations,
    pub browsers: browsers::BrowserView,
    pub interfaces: Vec<NetInterface>,
}

/// The system view the report carries: the proxy sources, the browsers' way beside the check's,
/// the PAC file, the tunnels.
fn system_view(
    seen: &CheckObservations,
    urls: &[url::Url],
    proxies: &ProxySettings,
    lang: Lang,
) -> SystemViewReport {
    let system = &seen.browsers.system;
    let nameservers = read_resolv_conf()
        .map(|c| c.effective_nameservers().to_vec())
        .unwrap_or_default();
    SystemViewReport {
        proxy_sources: browsers::sources_report(system),
        proxy_in_force: system.in_force().map(|s| s.origin.clone()),
        proxy_in_force_reason: system.in_force_reason.clone(),
        browser_routes: browsers::routes_report(&seen.browsers, urls, proxies),
        pac: seen.browsers.pac.as_ref().map(|p| browsers::pac_report(p, lang)),
        tunnels: tunnel_reading(&seen.interfaces, &dns_answers(&seen.probes), &nameservers),
    }
}

/// What `diagnose` weighs of the system view.
fn browser_findings(view: &SystemViewReport, seen: &CheckObservations) -> BrowserFindings {
    BrowserFindings {
        pac_failure: view
            .pac
            .as_ref()
            .filter(|p| p.status == "failed")
            .map(|p| (p.location.clone(), p.detail.clone().unwrap_or_default())),
        differing: view
            .browser_routes
            .iter()
            .filter(|r| r.differs)
            .map(|r| RouteDifference {
                url: r.url.clone(),
                browsers: r.proxy.clone().unwrap_or_else(|| "direct".into()),
                this_check: r.this_check.clone(),
                decided_by: r.decided_by.clone(),
            })
            .collect(),
        fake_ip_answers: view
            .tunnels
            .fake_ip_answers
            .iter()
            .map(|a| (a.name.clone(), a.ip))
            .collect(),
        tunnels_up: seen
            .interfaces
            .iter()
            .filter(|i| i.up && i.tunnel.is_some())
            .map(|i| i.name.clone())
            .collect(),
    }
}
