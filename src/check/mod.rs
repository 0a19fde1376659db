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
pub mod routes;
pub mod runtime;
pub mod settings;
pub mod system;

pub use routes::CheckObservations;

use std::sync::Arc;

use crate::cli::args::CheckArgs;
use crate::diagnose::{self, Context};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::probe::TargetObservation;
use crate::probe::dns::Dns;
use crate::probe::plan::{Plan, ProbeTools};
use crate::probe::tls::TlsContext;
use crate::report::Report;
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
            waits: Default::default(),
        })
    }

    /// Probes, judges and assembles the report; `on_done` sees each target as it finishes.
    pub async fn run(&self, tools: Arc<ProbeTools>, on_done: impl FnMut(&TargetObservation)) -> Report {
        let seen = self.observe(tools.clone(), on_done).await;
        self.judge(&seen, &tools, self.lang)
    }

    /// Probes the routes of this machine's programs (or the one `--route` pins) and, at the same
    /// time, reads the way browsers take and the network interfaces.
    pub async fn observe(
        &self,
        tools: Arc<ProbeTools>,
        on_done: impl FnMut(&TargetObservation),
    ) -> CheckObservations {
        let urls = self.plan_urls();
        routes::observe(&self.plan, self.args.programs_route, tools, &urls, on_done).await
    }

    /// The URLs of everything probed: the targets, the status documents, the key check.
    fn plan_urls(&self) -> Vec<url::Url> {
        let plan = &self.plan;
        let key_check = plan.key_check.iter().map(|(t, _)| t);
        plan.targets
            .iter()
            .chain(&plan.status_documents)
            .chain(key_check)
            .map(|t| t.url.clone())
            .collect()
    }

    /// Judges observations in `lang` and assembles the report (pure apart from reading which
    /// proxy variables are set and the hosts file's lines for OpenAI's names, read again each
    /// time so that `watch` and `serve` see an edited file).
    pub fn judge(&self, seen: &CheckObservations, tools: &ProbeTools, lang: Lang) -> Report {
        let settings = &self.settings;
        let proxies = &self.plan.proxies;
        let urls = self.plan_urls();
        let mut trust_store_problems: Vec<String> =
            tools.tls.system_errors.iter().map(|m| m.text(lang)).collect();
        if tools.tls.system_roots == 0 {
            trust_store_problems.push(tr!(lang, "trust-store-empty"));
        }
        let system_view = routes::system_view(seen, &urls, proxies, lang);
        let ctx = Context {
            proxy_warnings: proxies.warnings().iter().map(|w| w.text(lang)).collect(),
            trust_store_problems,
            key_source: settings.key.as_ref().map(|(_, s)| s.to_string()),
            organization_sent: settings.key.is_some() && settings.organization.is_some(),
            project_sent: settings.key.is_some() && settings.project.is_some(),
            require_key: self.require_key,
            edge_ranges: settings.edge_ranges.clone(),
            hosts: system::hosts_reading(&self.plan),
            browsers: routes::browser_findings(&system_view, seen, lang),
            lang,
        };
        let main = diagnose::diagnose(&seen.probes, &ctx);
        let (diagnosis, route_reports) =
            routes::judge_routes(main, seen, &ctx, &urls, proxies, self.args.strict);
        let code = diagnosis.exit_code(self.args.strict).code();
        let mut environment = assemble::environment(&self.args, settings, &self.plan, tools, lang);
        environment.hosts_file = Some(ctx.hosts.file.clone()).filter(|f| !f.is_empty());
        environment.hosts_file_problem = ctx.hosts.error.as_ref().map(|e| e.describe(lang));
        let readings = assemble::SystemReadings {
            system_view,
            routes: route_reports,
        };
        assemble::assemble(
            &seen.probes,
            diagnosis,
            code,
            environment,
            proxies,
            settings,
            readings,
        )
    }
}
