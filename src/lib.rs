//! chatgpt-doctor: tells whether ChatGPT's trouble is this machine, its network, the path to
//! OpenAI, OpenAI itself, or the account — with evidence.
//!
//! The flow (ARCHITECTURE.md): [`cli`] → [`probe::plan::Plan`] → probes ([`probe`]) →
//! [`probe::Observations`] → [`diagnose::diagnose`] → [`report::Report`] → [`render`].

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod diagnose;
pub mod error;
pub mod evidence;
pub mod i18n;
pub mod probe;
pub mod render;
pub mod report;
pub mod route;

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use clap::CommandFactory;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use url::Url;

use crate::catalog::CatalogOverrides;
use crate::cli::{CheckArgs, Cli, Command, OutputArgs};
use crate::error::AppError;
use crate::probe::Family;
use crate::probe::plan::{Plan, ProbeTools};

/// Parses the process arguments, runs, and returns the exit code. Errors are printed as
/// `chatgpt-doctor: error: …` on stderr.
pub fn main_entry() -> i32 {
    // Errors found while parsing the flags are worded in the language asked for on the same
    // command line, so look for --lang before clap does.
    i18n::set_ui(i18n::Lang::resolve(cli::lang_in_args(std::env::args_os())));
    let cli = match Cli::try_parse_args(std::env::args_os()) {
        Ok(c) => c,
        Err(e) => {
            match cli::localized_parse_error(&e, i18n::ui()) {
                Some(text) => eprintln!("{text}"),
                None => {
                    let _ = e.print();
                }
            }
            return e.exit_code();
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "chatgpt-doctor: {}",
                tr!(i18n::ui(), "err-line", text = e.to_string())
            );
            e.exit_code().code()
        }
    }
}

/// Runs a parsed command line.
pub fn run(mut cli: Cli) -> Result<i32, AppError> {
    apply_format(&mut cli)?;
    match cli.command {
        Some(Command::Completions { shell }) => {
            let out = completion_script(shell);
            write_stdout(&out)?;
            Ok(0)
        }
        Some(Command::Schema { name }) => {
            write_stdout(&commands::schema_json(name))?;
            Ok(0)
        }
        Some(Command::Dns(args)) => commands::run_dns(&args, &cli.output),
        Some(Command::Tcp(args)) => commands::run_tcp(&args, &cli.output),
        Some(Command::Tls(args)) => commands::run_tls(&args, &cli.output),
        Some(Command::Http(args)) => commands::run_http(&args, &cli.output),
        Some(Command::Endpoints) => commands::run_endpoints(&cli.output),
        Some(Command::Watch(args)) => commands::run_watch(&args, &cli.output),
        Some(Command::Serve(args)) => commands::run_serve(&args, &cli.output),
        Some(Command::Report(args)) => commands::run_report(&args, &cli.output),
        Some(Command::Man(args)) => commands::run_man(&args),
        Some(Command::Check(args)) => check(&args, &cli.output),
        Some(Command::Status(args)) => status(&args, &cli.output),
        Some(Command::Auth(args)) => auth(&args, &cli.output),
        None => check(&cli.check, &cli.output),
    }
}

/// `--format json` is `--json`; `--format prometheus` is for `check` only, and disagreeing with
/// `--json` is a usage error.
fn apply_format(cli: &mut Cli) -> Result<(), AppError> {
    use cli::OutputFormat;
    match cli.output.format {
        Some(OutputFormat::Json) => cli.output.json = true,
        Some(f) if cli.output.json => {
            let name = match f {
                OutputFormat::Human => "human",
                _ => "prometheus",
            };
            return Err(AppError::Usage(tr!(
                i18n::ui(),
                "err-json-format-disagree",
                format = name
            )));
        }
        Some(OutputFormat::Prometheus) if !matches!(cli.command, None | Some(Command::Check(_))) => {
            return Err(AppError::Usage(tr!(i18n::ui(), "err-prometheus-check-only")));
        }
        _ => {}
    }
    Ok(())
}

/// The completion script for a shell, as committed under `completions/`.
pub fn completion_script(shell: clap_complete::Shell) -> String {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "chatgpt-doctor", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// Writes to stdout; a closed pipe (`| head`) ends quietly.
fn write_stdout(s: &str) -> Result<(), AppError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(AppError::Run(tr!(
            i18n::ui(),
            "err-stdout",
            error = e.to_string()
        ))),
    }
}

/// The environment variables that hold proxies (their names; values may hold credentials).
const PROXY_VARIABLES: &[&str] = &[
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The API base URL and where it came from: the flag, then OPENAI_BASE_URL, then the legacy
/// OPENAI_API_BASE (as the SDKs read them).
fn base_url(args: &CheckArgs) -> Result<(Option<Url>, &'static str), AppError> {
    if let Some(u) = &args.base_url {
        return Ok((Some(u.clone()), "flag"));
    }
    for var in ["OPENAI_BASE_URL", "OPENAI_API_BASE"] {
        if let Some(v) = env_nonempty(var) {
            let url = cli::parse_target_url(v.trim()).map_err(|e| {
                AppError::Usage(tr!(i18n::ui(), "err-in-variable", variable = var, problem = e))
            })?;
            return Ok((
                Some(url),
                if var == "OPENAI_BASE_URL" {
                    "OPENAI_BASE_URL"
                } else {
                    "OPENAI_API_BASE"
                },
            ));
        }
    }
    Ok((None, "default"))
}

/// An API key. Its `Debug` never shows it; it leaves the process only in the authenticated
/// request, and [`scrub`] removes it from every report.
#[derive(Clone)]
pub struct ApiKey(String);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl ApiKey {
    /// The key as sent in `Authorization: Bearer …`.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// True when `v` can be sent as an HTTP header value (visible ASCII, no spaces).
fn header_safe(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_graphic())
}

/// The API key, from `--api-key-file` or OPENAI_API_KEY, with where it came from. Messages
/// never include the key or the file's contents.
fn load_key(args: &CheckArgs) -> Result<Option<(ApiKey, &'static str)>, AppError> {
    if let Some(path) = &args.api_key_file {
        let bytes = std::fs::read(path).map_err(|e| {
            AppError::Run(tr!(
                i18n::ui(),
                "err-key-file-unreadable",
                path = path.display().to_string(),
                error = e.kind().to_string()
            ))
        })?;
        if bytes.len() > 4096 {
            return Err(AppError::Run(tr!(
                i18n::ui(),
                "err-key-file-large",
                path = path.display().to_string()
            )));
        }
        let text = String::from_utf8_lossy(&bytes);
        let key = text.trim();
        if key.is_empty() {
            return Err(AppError::Run(tr!(
                i18n::ui(),
                "err-key-file-empty",
                path = path.display().to_string()
            )));
        }
        if !header_safe(key) {
            return Err(AppError::Run(tr!(
                i18n::ui(),
                "err-key-file-characters",
                path = path.display().to_string()
            )));
        }
        return Ok(Some((ApiKey(key.to_string()), "--api-key-file")));
    }
    match std::env::var("OPENAI_API_KEY") {
        Ok(v) if !v.trim().is_empty() => {
            let key = v.trim();
            if !header_safe(key) {
                return Err(AppError::Usage(tr!(
                    i18n::ui(),
                    "err-header-characters",
                    variable = "OPENAI_API_KEY"
                )));
            }
            Ok(Some((ApiKey(key.to_string()), "OPENAI_API_KEY")))
        }
        Ok(_) => Ok(None),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(AppError::Usage(tr!(i18n::ui(), "err-key-unicode"))),
    }
}

/// An optional header value from the environment (OPENAI_ORG_ID, OPENAI_PROJECT_ID).
fn header_env(name: &str) -> Result<Option<String>, AppError> {
    match env_nonempty(name) {
        Some(v) if header_safe(v.trim()) => Ok(Some(v.trim().to_string())),
        Some(_) => Err(AppError::Usage(tr!(
            i18n::ui(),
            "err-header-characters",
            variable = name
        ))),
        None => Ok(None),
    }
}

/// Replaces every occurrence of the secrets in every string of the report.
pub fn scrub(report: report::Report, secrets: &[&str]) -> report::Report {
    let secrets: Vec<&str> = secrets.iter().copied().filter(|s| s.len() >= 4).collect();
    if secrets.is_empty() {
        return report;
    }
    fn walk(v: &mut serde_json::Value, secrets: &[&str]) {
        match v {
            serde_json::Value::String(s) => {
                for secret in secrets {
                    if s.contains(secret) {
                        *s = s.replace(secret, "[REDACTED]");
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(x, secrets)),
            serde_json::Value::Object(m) => {
                let keys: Vec<String> = m
                    .keys()
                    .filter(|k| secrets.iter().any(|s| k.contains(s)))
                    .cloned()
                    .collect();
                for k in keys {
                    if let Some(val) = m.remove(&k) {
                        let mut nk = k.clone();
                        for secret in secrets {
                            nk = nk.replace(secret, "[REDACTED]");
                        }
                        m.insert(nk, val);
                    }
                }
                m.values_mut().for_each(|x| walk(x, secrets));
            }
            _ => {}
        }
    }
    match serde_json::to_value(&report) {
        Ok(mut v) => {
            walk(&mut v, &secrets);
            serde_json::from_value(v).unwrap_or(report)
        }
        Err(_) => report,
    }
}

/// Reads `--cacert`: at least one PEM certificate, or a clear error.
pub(crate) fn load_cacert(path: &std::path::Path) -> Result<Vec<CertificateDer<'static>>, AppError> {
    let bytes = std::fs::read(path).map_err(|e| {
        AppError::Run(tr!(
            i18n::ui(),
            "err-cacert-unreadable",
            path = path.display().to_string(),
            error = e.to_string()
        ))
    })?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| {
            AppError::Run(tr!(
                i18n::ui(),
                "err-cacert-not-pem",
                path = path.display().to_string(),
                error = e.to_string()
            ))
        })?;
    if certs.is_empty() {
        return Err(AppError::Run(tr!(
            i18n::ui(),
            "err-cacert-empty",
            path = path.display().to_string()
        )));
    }
    Ok(certs)
}

/// A check ready to run: flags validated, files read, targets chosen. Reusable across runs
/// (`watch`, `report`) with one set of [`ProbeTools`].
pub struct Check {
    pub args: CheckArgs,
    pub plan: Plan,
    extra_roots: Vec<CertificateDer<'static>>,
    base: Option<Url>,
    base_source: &'static str,
    key: Option<(ApiKey, &'static str)>,
    organization: Option<String>,
    project: Option<String>,
    /// A missing key is the verdict (`auth`) rather than an unchecked layer (`check`).
    pub require_key: bool,
    edge_ranges: evidence::dns_consistency::EdgeRanges,
    /// The language of the report's words (summaries, evidence, advice).
    pub lang: i18n::Lang,
}

impl Check {
    /// Validates the flags and environment and reads `--cacert`.
    pub fn prepare(args: &CheckArgs) -> Result<Check, AppError> {
        let (base, base_source) = base_url(args)?;
        let extra_roots = match &args.cacert {
            Some(p) => load_cacert(p)?,
            None => vec![],
        };
        let families = if args.ipv4 {
            vec![Family::Ipv4]
        } else if args.ipv6 {
            vec![Family::Ipv6]
        } else {
            vec![Family::Ipv4, Family::Ipv6]
        };
        let targets = catalog::targets(&CatalogOverrides {
            surfaces: args.surface.clone(),
            controls: args.controls.clone(),
            status_url: args.status_url.clone(),
            base_url: base.clone(),
        });
        let proxies = route::ProxySettings::from_sources(
            |k| std::env::var(k).ok(),
            args.proxy.as_deref(),
            args.noproxy.as_deref(),
        )
        .map_err(|m| AppError::Usage(m.text(i18n::ui())))?;
        let edge_ranges = match &args.edge_ranges {
            None => evidence::dns_consistency::EdgeRanges::cloudflare(),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    AppError::Run(tr!(
                        i18n::ui(),
                        "err-edge-ranges-unreadable",
                        path = path.display().to_string(),
                        error = e.to_string()
                    ))
                })?;
                evidence::dns_consistency::EdgeRanges::from_text(&text).map_err(|e| {
                    AppError::Run(tr!(
                        i18n::ui(),
                        "err-edge-ranges-bad",
                        path = path.display().to_string(),
                        problem = e
                    ))
                })?
            }
        };
        let key = load_key(args)?;
        let organization = header_env("OPENAI_ORG_ID")?;
        let project = header_env("OPENAI_PROJECT_ID")?;
        // The status page's documents, read beside its status.json target.
        let status_documents: Vec<catalog::Target> = targets
            .iter()
            .filter(|t| t.surface == catalog::Surface::Status)
            .flat_map(|t| {
                let mut base = t.url.clone();
                base.set_path("/");
                [
                    evidence::status_page::SUMMARY_JSON,
                    evidence::status_page::INCIDENTS_JSON,
                    evidence::status_page::NATIVE,
                ]
                .map(|p| catalog::Target {
                    name: format!("{}/{p}", t.host()),
                    surface: catalog::Surface::Status,
                    url: catalog::join_base(&base, p),
                })
            })
            .collect();
        // The key check: GET {base}/models with the key, only where the API is probed.
        let key_check = match (&key, targets.iter().find(|t| t.surface == catalog::Surface::Api)) {
            (Some((k, _)), Some(api)) => {
                let api_base = base.clone().unwrap_or_else(|| {
                    Url::parse(catalog::DEFAULT_BASE_URL).expect("the default base URL parses")
                });
                let mut headers = vec![("authorization".to_string(), format!("Bearer {}", k.expose()))];
                if let Some(o) = &organization {
                    headers.push(("openai-organization".into(), o.clone()));
                }
                if let Some(p) = &project {
                    headers.push(("openai-project".into(), p.clone()));
                }
                let target = catalog::Target {
                    name: format!("{} (with the API key)", api.name),
                    surface: catalog::Surface::Api,
                    url: catalog::join_base(&api_base, "models"),
                };
                let request = probe::RequestSpec {
                    headers,
                    secret: true,
                    ..Default::default()
                };
                Some((target, request))
            }
            _ => None,
        };
        let plan = Plan {
            targets,
            families,
            resolve: args.resolve.clone(),
            connect_to: args.connect_to.clone(),
            timeout: args.timeout,
            max_time: args.max_time,
            status_documents,
            key_check,
            proxies: Arc::new(proxies),
            doh: match &args.doh_url {
                Some(u) => vec![u.clone()],
                None => probe::doh::DEFAULT_DOH
                    .iter()
                    .filter_map(|u| Url::parse(u).ok())
                    .collect(),
            },
        };
        Ok(Check {
            args: args.clone(),
            plan,
            extra_roots,
            base,
            base_source,
            key,
            organization,
            project,
            require_key: false,
            edge_ranges,
            lang: i18n::Lang::En,
        })
    }

    /// The resolver and trust stores (load once, reuse across runs). Call inside a runtime.
    pub fn probers(&self) -> Arc<ProbeTools> {
        Arc::new(ProbeTools {
            dns: probe::dns::Dns::new(self.args.dns_server, self.args.timeout),
            tls: probe::tls::TlsContext::new(&self.extra_roots),
        })
    }

    /// Probes, judges and assembles the report; `on_done` sees each target as it finishes.
    pub async fn run(
        &self,
        probers: Arc<ProbeTools>,
        on_done: impl FnMut(&probe::TargetObservation),
    ) -> report::Report {
        let observations = probe::run::run(&self.plan, probers.clone(), on_done).await;
        self.judge(&observations, &probers)
    }

    /// Judges observations (pure apart from reading proxy variable names).
    pub fn judge(&self, observations: &probe::Observations, probers: &ProbeTools) -> report::Report {
        let args = &self.args;
        let mut trust_store_problems: Vec<String> = probers.tls.system_errors.clone();
        if probers.tls.system_roots == 0 {
            trust_store_problems.push(tr!(self.lang, "trust-store-empty"));
        }
        let proxies = &self.plan.proxies;
        let proxy_reports: Vec<report::ProxySettingReport> = proxies
            .proxies()
            .into_iter()
            .map(|(kind, p)| report::ProxySettingReport {
                applies_to: kind.to_string(),
                proxy: p.display(),
                source: p.source.clone(),
                has_credentials: p.has_credentials(),
            })
            .collect();
        let proxy_variables: Vec<String> = PROXY_VARIABLES
            .iter()
            .filter(|v| env_nonempty(v).is_some())
            .map(|v| v.to_string())
            .collect();
        let ctx = diagnose::Context {
            proxy_warnings: proxies.warnings().iter().map(|w| w.text(self.lang)).collect(),
            trust_store_problems,
            key_source: self.key.as_ref().map(|(_, s)| s.to_string()),
            organization_sent: self.key.is_some() && self.organization.is_some(),
            project_sent: self.key.is_some() && self.project.is_some(),
            require_key: self.require_key,
            edge_ranges: self.edge_ranges.clone(),
            lang: self.lang,
        };
        let diagnosis = diagnose::diagnose(observations, &ctx);
        let code = diagnosis.exit_code(args.strict).code();
        let (resolver, nameservers) = match probers.dns.source() {
            probe::DnsSource::System { servers } => {
                ("system", servers.iter().map(|s| s.to_string()).collect())
            }
            probe::DnsSource::Server(s) => ("server", vec![s.to_string()]),
            _ => ("system", vec![]),
        };
        let mut overrides = Vec::new();
        for r in &args.resolve {
            overrides.push(format!("--resolve {}:{}", r.host, r.port));
        }
        for c in &args.connect_to {
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
        let environment = report::Environment {
            os: std::env::consts::OS.into(),
            arch: std::env::consts::ARCH.into(),
            resolver: resolver.into(),
            nameservers,
            families: self.plan.families.clone(),
            timeout_ms: report::ms(args.timeout),
            max_time_ms: report::ms(args.max_time),
            system_store_roots: probers.tls.system_roots,
            public_store_roots: probers.tls.public_roots,
            cacert: args.cacert.as_ref().map(|p| p.display().to_string()),
            doh_url: args.doh_url.as_ref().map(|u| u.to_string()),
            base_url: self.base.as_ref().map(|u| u.to_string()),
            base_url_source: self.base_source.into(),
            api_key_source: self.key.as_ref().map(|(_, s)| s.to_string()),
            proxy_variables,
            proxies: proxy_reports,
            no_proxy: proxies.no_proxy_entries().iter().map(|e| e.to_string()).collect(),
            no_proxy_source: proxies.no_proxy_source().map(str::to_string),
            proxy_warnings: proxies.warnings().iter().map(|w| w.text(self.lang)).collect(),
            overrides,
        };
        let mut report = report::build(observations, diagnosis, code, environment);
        for t in &mut report.targets {
            if let Ok(url) = Url::parse(&t.url) {
                t.route = Some(proxies.route(&url).describe());
            }
        }
        match &self.key {
            Some((k, _)) => scrub(report, &[k.expose()]),
            None => report,
        }
    }
}

/// The async runtime every command uses: two workers, I/O and timers.
pub fn runtime() -> Result<tokio::runtime::Runtime, AppError> {
    tokio::runtime::Builder::new_multi_thread()
        // More threads than cores on purpose: a handshake whose reply has arrived should not wait
        // behind other tasks' crypto for its turn (cooperative scheduling), or its measured
        // duration grows with the number of targets. The OS time-slices threads instead; measured
        // in BENCHMARKS.md (at zero RTT, tls +4 ms off curl with 8 threads, +6 ms with 2).
        .worker_threads(8)
        .enable_all()
        .build()
        .map_err(|e| AppError::Run(tr!(i18n::ui(), "err-runtime", error = e.to_string())))
}

/// `status`: the status page alone. Exit 0 when all is operational, 5 when the page reports an
/// incident, a component not operational or maintenance in progress, 7 when it cannot be read.
fn status(args: &CheckArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let mut args = args.clone();
    args.surface = vec![catalog::Surface::Status];
    let mut check = Check::prepare(&args)?;
    check.lang = output.text_lang();
    let report = run_check(&check, output)?;
    let code = match &report.status_page {
        Some(p) if p.reachable => {
            let trouble = p.indicator.as_deref().is_some_and(|i| i != "none")
                || !p.components.is_empty()
                || !p.incidents.is_empty()
                || p.maintenances.iter().any(|m| m.in_progress);
            if trouble { 5 } else { 0 }
        }
        _ => 7,
    };
    let out = if output.json {
        render::json::render(&report)
    } else {
        render::human::render_status(&report, output.verbose)
    };
    write_stdout(&out)?;
    Ok(code)
}

/// `auth`: the API surface and the key; the verdict's exit code (6 for key problems,
/// including a missing key).
fn auth(args: &CheckArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let mut args = args.clone();
    args.surface = vec![catalog::Surface::Api];
    let mut check = Check::prepare(&args)?;
    check.require_key = true;
    check.lang = output.text_lang();
    let report = run_check(&check, output)?;
    let out = if output.json {
        render::json::render(&report)
    } else {
        render::human::render_auth(&report, output.verbose)
    };
    write_stdout(&out)?;
    Ok(report.exit_code)
}

/// Runs a check once: colour decided, a progress display on stderr when it is a terminal (never
/// with `--json` or `-q`), the runtime dropped afterwards so no task outlives the run.
pub fn run_check(check: &Check, output: &OutputArgs) -> Result<report::Report, AppError> {
    colored::control::set_override(render::decide_color(output.color));
    let show_progress = !output.json
        && output.format != Some(cli::OutputFormat::Prometheus)
        && !output.quiet
        && std::io::stderr().is_terminal();
    let runtime = runtime()?;
    let report = runtime.block_on(async {
        let bar = show_progress.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(check.plan.targets.len() as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            // indicatif's own placeholders go in as the message's arguments.
            let words = tr!(check.lang, "human-progress", done = "{pos}", total = "{len}");
            if let Ok(style) =
                indicatif::ProgressStyle::with_template(&format!("{{spinner}} {words} {{wide_msg}}"))
            {
                bar.set_style(style);
            }
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        });
        let report = check
            .run(check.probers(), |t| {
                if let Some(b) = &bar {
                    b.inc(1);
                    b.set_message(t.target.name.clone());
                }
            })
            .await;
        if let Some(b) = bar {
            b.finish_and_clear();
        }
        report
    });
    drop(runtime);
    Ok(report)
}

fn check(args: &CheckArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let mut check = Check::prepare(args)?;
    check.lang = output.text_lang();
    let report = run_check(&check, output)?;
    let out = if output.format == Some(cli::OutputFormat::Prometheus) {
        render::prometheus::render(&report)
    } else if output.json {
        render::json::render(&report)
    } else {
        render::human::render(&report, output.verbose, output.quiet)
    };
    write_stdout(&out)?;
    Ok(report.exit_code)
}
