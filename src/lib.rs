//! chatgpt-doctor: tells whether ChatGPT's trouble is this machine, its network, the path to
//! OpenAI, OpenAI itself, or the account — with evidence.
//!
//! The flow (ARCHITECTURE.md): [`cli`] → [`probe::run::Plan`] → probes ([`probe`]) →
//! [`probe::Observations`] → [`diagnose::diagnose`] → [`report::Report`] → [`render`].

pub mod catalog;
pub mod cli;
pub mod diagnose;
pub mod evidence;
pub mod probe;
pub mod render;
pub mod report;

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use clap::CommandFactory;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use url::Url;

use crate::catalog::CatalogOverrides;
use crate::cli::{CheckArgs, Cli, Command, OutputArgs};
use crate::probe::Family;
use crate::probe::run::{Plan, Probers};

/// Why a run could not produce a verdict.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input from the user (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The tool could not run (exit 1).
    #[error("{0}")]
    Run(String),
}

impl AppError {
    pub fn exit_code(&self) -> i32 {
        match self {
            AppError::Usage(_) => 2,
            AppError::Run(_) => 1,
        }
    }
}

/// Parses the process arguments, runs, and returns the exit code. Errors are printed as
/// `chatgpt-doctor: error: …` on stderr.
pub fn main_entry() -> i32 {
    let cli = match Cli::try_parse_args(std::env::args_os()) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("chatgpt-doctor: error: {e}");
            e.exit_code()
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<i32, AppError> {
    match cli.command {
        Some(Command::Completions { shell }) => {
            let out = completion_script(shell);
            write_stdout(&out)?;
            Ok(0)
        }
        Some(Command::Schema) => {
            write_stdout(&report::schema_json())?;
            Ok(0)
        }
        Some(Command::Check(args)) => check(&args, &cli.output),
        None => check(&cli.check, &cli.output),
    }
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
        Err(e) => Err(AppError::Run(format!("cannot write to stdout: {e}"))),
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
            let url = cli::parse_target_url(v.trim()).map_err(|e| AppError::Usage(format!("{var}: {e}")))?;
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

/// Reads `--cacert`: at least one PEM certificate, or a clear error.
fn load_cacert(path: &std::path::Path) -> Result<Vec<CertificateDer<'static>>, AppError> {
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::Run(format!("cannot read --cacert {}: {e}", path.display())))?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| AppError::Run(format!("--cacert {}: not a valid PEM file: {e}", path.display())))?;
    if certs.is_empty() {
        return Err(AppError::Run(format!(
            "--cacert {}: no PEM certificate (-----BEGIN CERTIFICATE-----) found",
            path.display()
        )));
    }
    Ok(certs)
}

/// A check ready to run: flags validated, files read, targets chosen. Reusable across runs
/// (`watch`, `report`) with one set of [`Probers`].
pub struct Check {
    pub args: CheckArgs,
    pub plan: Plan,
    extra_roots: Vec<CertificateDer<'static>>,
    base: Option<Url>,
    base_source: &'static str,
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
        let plan = Plan {
            targets,
            families,
            resolve: args.resolve.clone(),
            connect_to: args.connect_to.clone(),
            timeout: args.timeout,
            max_time: args.max_time,
        };
        Ok(Check {
            args: args.clone(),
            plan,
            extra_roots,
            base,
            base_source,
        })
    }

    /// The resolver and trust stores (load once, reuse across runs). Call inside a runtime.
    pub fn probers(&self) -> Arc<Probers> {
        Arc::new(Probers {
            dns: probe::dns::Dns::new(self.args.dns_server, self.args.timeout),
            tls: probe::tls::TlsContext::new(&self.extra_roots),
        })
    }

    /// Probes, judges and assembles the report; `on_done` sees each target as it finishes.
    pub async fn run(
        &self,
        probers: Arc<Probers>,
        on_done: impl FnMut(&probe::TargetObservation),
    ) -> report::Report {
        let observations = probe::run::run(&self.plan, probers.clone(), on_done).await;
        self.judge(&observations, &probers)
    }

    /// Judges observations (pure apart from reading proxy variable names).
    pub fn judge(&self, observations: &probe::Observations, probers: &Probers) -> report::Report {
        let args = &self.args;
        let mut trust_store_problems: Vec<String> = probers.tls.system_errors.clone();
        if probers.tls.system_roots == 0 {
            trust_store_problems.push(
                "the system trust store is empty: apps that use it will reject every certificate".into(),
            );
        }
        let proxy_variables: Vec<String> = PROXY_VARIABLES
            .iter()
            .filter(|v| env_nonempty(v).is_some())
            .map(|v| v.to_string())
            .collect();
        let ctx = diagnose::Context {
            proxy_variables: proxy_variables.clone(),
            trust_store_problems,
        };
        let diagnosis = diagnose::diagnose(observations, &ctx);
        let code = diagnose::exit_code(&diagnosis, args.strict);
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
            proxy_variables,
            overrides,
        };
        report::build(observations, diagnosis, code, environment)
    }
}

/// The async runtime every command uses: two workers, I/O and timers.
pub fn runtime() -> Result<tokio::runtime::Runtime, AppError> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| AppError::Run(format!("cannot start the async runtime: {e}")))
}

fn check(args: &CheckArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let check = Check::prepare(args)?;
    colored::control::set_override(render::decide_color(output.color));
    let runtime = runtime()?;
    let show_progress = !output.json && !output.quiet && std::io::stderr().is_terminal();
    let report = runtime.block_on(async {
        let bar = show_progress.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(check.plan.targets.len() as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} probing {pos}/{len} targets {wide_msg}")
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
    // The runtime's sockets close with it; no task outlives the run.
    drop(runtime);
    let out = if output.json {
        render::json::render(&report)
    } else {
        render::human::render(&report, output.verbose, output.quiet)
    };
    write_stdout(&out)?;
    Ok(report.exit_code)
}
