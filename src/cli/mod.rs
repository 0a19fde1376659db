//! Every flag and subcommand. Doc comments here are the `--help` text.
//!
//! `mod.rs` holds the command line as a whole (subcommands, output flags); `args.rs` each
//! subcommand's flags, every flag defined once and flattened where it is shared; `values.rs` the
//! value parsers (curl's `--resolve` and `--connect-to`, seconds, URLs, hosts);
//! `parse_error.rs` clap's errors worded in the reader's language.

pub mod args;
pub mod parse_error;
pub mod values;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::render::color::ColorChoice;
use args::CheckArgs;

/// What `--help` shows after the flags: the exit codes and the environment.
pub fn after_help() -> String {
    format!(
        "{}\n{}",
        crate::report::ExitCode::help_block(),
        "Environment: OPENAI_BASE_URL (legacy OPENAI_API_BASE), SSL_CERT_FILE, SSL_CERT_DIR, NO_COLOR, CLICOLOR_FORCE.
Without a subcommand, chatgpt-doctor runs `check` (its flags are accepted here too)."
    )
}

/// Tells whether ChatGPT's trouble is your machine, your network, the path to OpenAI,
/// OpenAI itself, or your account.
#[derive(Parser, Debug)]
#[command(
    name = "chatgpt-doctor",
    version,
    after_help = after_help(),
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Without a subcommand, `check` runs with these flags.
    #[command(flatten)]
    pub check: CheckArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Output settings shared by every subcommand.
#[derive(Args, Debug, Clone, Default)]
pub struct OutputArgs {
    /// Print one JSON document on stdout (schema: `chatgpt-doctor schema`)
    #[arg(long, global = true)]
    pub json: bool,

    /// Output format: human, json (same as --json), prometheus (the text format 0.0.4 that promtool,
    /// node_exporter and the Pushgateway read) or openmetrics (OpenMetrics 1.0); the last two for
    /// `check` only
    #[arg(long, value_enum, global = true, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,

    /// When to colour the human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only the verdict (no progress, no per-target table)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Show more detail: addresses, certificate chains, headers (repeat for more)
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en].
    /// Codes and field names never change; JSON's summary and advice follow only this flag
    #[arg(long, value_enum, global = true, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,

    /// Width of the human output in columns, from 40 to 1000 [default: the terminal's width,
    /// else COLUMNS; when neither is known, whole lines for scripts]
    #[arg(long, global = true, value_name = "COLS", value_parser = crate::cli::values::parse_width)]
    pub width: Option<usize>,
}

impl OutputArgs {
    /// The language for people: `--lang`, else the locale variables.
    pub fn human_lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::resolve(self.lang)
    }

    /// The language of the words in this output: machine output (JSON, OpenMetrics) speaks
    /// English unless `--lang` is given, so CI scripts see the same words on every machine.
    pub fn text_lang(&self) -> crate::i18n::Lang {
        if self.json || self.format.is_some_and(OutputFormat::is_metrics) {
            self.lang.unwrap_or_default()
        } else {
            self.human_lang()
        }
    }
}

/// `--format` values.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// The layered verdict and per-target table for people
    Human,
    /// One JSON document (the same as --json)
    Json,
    /// The Prometheus text format 0.0.4 (promtool, node_exporter's textfile collector, the
    /// Pushgateway); `check` only
    Prometheus,
    /// OpenMetrics 1.0 text (what Prometheus asks for when it scrapes); `check` only
    Openmetrics,
}

impl OutputFormat {
    /// True for the metrics formats (`prometheus`, `openmetrics`).
    pub fn is_metrics(self) -> bool {
        matches!(self, OutputFormat::Prometheus | OutputFormat::Openmetrics)
    }
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Probe ChatGPT's web, app and API endpoints and control targets, and print a layered verdict
    Check(Box<args::CheckCommandArgs>),
    /// Read OpenAI's status page: indicator, components not operational, incidents, maintenance
    /// (exit 0 operational, 5 trouble reported, 7 unreadable)
    Status(Box<CheckArgs>),
    /// Check the API key against the API (OPENAI_API_KEY or --api-key-file; OPENAI_BASE_URL,
    /// OPENAI_ORG_ID, OPENAI_PROJECT_ID): valid, invalid, missing, restricted, organization
    /// mismatch, quota, rate limits
    Auth(Box<CheckArgs>),
    /// Print a shell completion script
    Completions {
        /// The shell to generate completions for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the JSON Schema of a `--json` output (default: the check report)
    Schema {
        /// Which output
        #[arg(value_enum, default_value_t)]
        name: args::SchemaName,
    },
    /// Look up one name like dig: A and AAAA separately, with TTLs and the resolver asked
    /// (exit 0 resolved, 8 not)
    Dns(args::DnsArgs),
    /// Connect to one host's port over TCP, per address family (exit 0 connected, 8 not)
    Tcp(args::TcpArgs),
    /// A TLS handshake with one host, like openssl s_client: version, ALPN, chain, both trust
    /// stores, and an SNI test when the handshake is reset or times out (exit 0 trusted, 8 not)
    Tls(Box<args::TlsArgs>),
    /// One GET with each phase timed as httpstat shows them: dns, tcp, tls, server processing,
    /// content transfer (exit 0 on any HTTP answer, 8 on none)
    Http(Box<args::HttpArgs>),
    /// List the built-in targets of `check`, their surfaces and what each probe proves
    Endpoints,
    /// Run the check again and again and print a line whenever the verdict changes
    Watch(Box<args::WatchArgs>),
    /// Serve Prometheus metrics over HTTP: `/metrics` (the latest check, refreshed every
    /// --interval) and `/probe?surface=web,api` (a fresh check of those surfaces); one check at a time
    Serve(Box<args::ServeArgs>),
    /// Run the check and write a Markdown report (and its JSON) for a support ticket, secrets removed
    Report(Box<args::ReportArgs>),
    /// Print the man page (generated from these definitions; see man/)
    #[command(hide = true)]
    Man(args::ManArgs),
}

impl Cli {
    /// Parses arguments like clap, and also refuses `check`'s flags before a subcommand
    /// (`chatgpt-doctor -4 check`), which would otherwise be silently ignored.
    pub fn try_parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let mut cmd = Cli::command();
        let matches = cmd.try_get_matches_from_mut(args)?;
        if let Some(sub) = matches.subcommand_name() {
            let check_ids: Vec<String> = CheckArgs::augment_args(clap::Command::new("check"))
                .get_arguments()
                .map(|a| a.get_id().to_string())
                .collect();
            let misplaced = check_ids
                .iter()
                .find(|id| matches.value_source(id.as_str()) == Some(clap::parser::ValueSource::CommandLine));
            if let Some(id) = misplaced {
                let long = cmd
                    .get_arguments()
                    .find(|a| a.get_id() == id.as_str())
                    .and_then(|a| a.get_long().map(|l| format!("--{l}")))
                    .unwrap_or_else(|| id.clone());
                return Err(cmd.error(
                    clap::error::ErrorKind::ArgumentConflict,
                    crate::tr!(
                        crate::i18n::ui(),
                        "err-flag-belongs-to-check",
                        flag = long,
                        subcommand = sub
                    ),
                ));
            }
        }
        Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::catalog::Surface;

    fn check(args: &[&str]) -> Result<CheckArgs, clap::Error> {
        let mut argv = vec!["chatgpt-doctor", "check"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv)?.command {
            Some(Command::Check(a)) => Ok(a.check),
            _ => unreachable!(),
        }
    }

    #[test]
    fn check_defaults_and_conflicts() {
        let d = CheckArgs::default();
        assert_eq!(d.resolver.timeout, Duration::from_secs(5));
        assert_eq!(d.max_time, Duration::from_secs(30));
        assert!(check(&["-4", "-6"]).is_err());
        let a = check(&["--surface", "web,api", "--connect-timeout", "2"]).unwrap();
        assert_eq!(a.surface, vec![Surface::Web, Surface::Api]);
        assert_eq!(a.resolver.timeout, Duration::from_secs(2));
        assert!(check(&["--surface", "nope"]).is_err());
    }

    #[test]
    fn width_is_a_number_of_columns_from_40_to_1000() {
        let width =
            |w: &str| Cli::try_parse_from(["chatgpt-doctor", "check", "--width", w]).map(|c| c.output.width);
        assert_eq!(width("80").unwrap(), Some(80));
        assert_eq!(width("40").unwrap(), Some(40));
        assert_eq!(width("1000").unwrap(), Some(1000));
        for bad in ["39", "1001", "0", "wide"] {
            let e = width(bad).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::ValueValidation, "{bad}");
            assert!(e.to_string().contains("40 to 1000"), "{e}");
        }
    }

    #[test]
    fn check_flags_work_without_the_subcommand() {
        let cli = Cli::try_parse_from(["chatgpt-doctor", "-4", "--timeout", "2"]).unwrap();
        assert!(cli.command.is_none());
        assert!(cli.check.resolver.ipv4);
        assert_eq!(cli.check.resolver.timeout, Duration::from_secs(2));
    }

    #[test]
    fn check_flags_before_a_subcommand_are_refused_but_globals_are_not() {
        let e = Cli::try_parse_args(["chatgpt-doctor", "-4", "check"]).unwrap_err();
        assert!(e.to_string().contains("'--ipv4' belongs to `check`"), "{e}");
        let cli = Cli::try_parse_args(["chatgpt-doctor", "--json", "check", "-4"]).unwrap();
        assert!(cli.output.json);
        let cli = Cli::try_parse_args(["chatgpt-doctor", "check", "--json"]).unwrap();
        assert!(cli.output.json);
    }

    #[test]
    fn repeated_flags_accumulate_or_the_last_wins() {
        let a = check(&["--control", "https://a.test/", "--control", "https://b.test/"]).unwrap();
        assert_eq!(a.controls.len(), 2);
        let a = check(&["--timeout", "1", "--timeout", "2"]).unwrap();
        assert_eq!(
            a.resolver.timeout,
            Duration::from_secs(2),
            "like curl, the last one wins"
        );
    }
}
