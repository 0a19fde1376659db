//! One module per subcommand, and the dispatch: `check` (with `status` and `auth`), the per-stage
//! commands (`dns`, `tcp`, `tls`, `http`, `endpoints`), `watch`, `serve`, the support `report`,
//! and `meta` (completions, schemas, man pages). `out` is where their output goes.
//!
//! A command prepares a [`crate::check::Check`] or measures with [`crate::probe`], builds a
//! serializable output ([`crate::report`]) and hands it to a renderer ([`crate::render`]).

pub mod check;
pub mod meta;
pub mod out;
pub mod report;
pub mod serve;
pub mod stage;
pub mod watch;

use crate::cli::parse_error::{lang_in_args, localized_parse_error};
use crate::cli::{Cli, Command, OutputFormat};
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::report::ExitCode;
use crate::tr;

/// Parses the process arguments, runs, and returns the exit code. Errors are printed as
/// `chatgpt-doctor: error: …` on stderr.
pub fn main_entry() -> i32 {
    // The local UTC offset can only be read safely while this is the one thread.
    crate::render::when::local_offset();
    // Errors found while parsing the flags are worded in the language asked for on the same
    // command line, so look for --lang before clap does.
    i18n::set_ui(Lang::resolve(lang_in_args(std::env::args_os())));
    let cli = match Cli::try_parse_args(std::env::args_os()) {
        Ok(c) => c,
        Err(e) => {
            match localized_parse_error(&e, i18n::ui()) {
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
            out::write_out(&meta::completion_script(shell), i18n::ui())?;
            Ok(ExitCode::Healthy.code())
        }
        Some(Command::Schema { name }) => {
            out::write_out(&meta::schema_json(name), i18n::ui())?;
            Ok(ExitCode::Healthy.code())
        }
        Some(Command::Dns(args)) => stage::run_dns(&args, &cli.output),
        Some(Command::Tcp(args)) => stage::run_tcp(&args, &cli.output),
        Some(Command::Tls(args)) => stage::run_tls(&args, &cli.output),
        Some(Command::Http(args)) => stage::run_http(&args, &cli.output),
        Some(Command::Endpoints) => stage::run_endpoints(&cli.output),
        Some(Command::Watch(args)) => watch::run(&args, &cli.output),
        Some(Command::Serve(args)) => serve::run(&args, &cli.output),
        Some(Command::Report(args)) => report::run(&args, &cli.output),
        Some(Command::Man(args)) => meta::run_man(&args),
        Some(Command::Check(args)) => check::check(&args.check, &cli.output, args.output.as_deref()),
        Some(Command::Status(args)) => check::status(&args, &cli.output),
        Some(Command::Auth(args)) => check::auth(&args, &cli.output),
        None => check::check(&cli.check, &cli.output, None),
    }
}

/// `--format json` is `--json`; `--format prometheus` and `openmetrics` are for `check` only, and disagreeing with
/// `--json` is a usage error.
fn apply_format(cli: &mut Cli) -> Result<(), AppError> {
    match cli.output.format {
        Some(OutputFormat::Json) => cli.output.json = true,
        Some(f) if cli.output.json => {
            let name = match f {
                OutputFormat::Human => "human",
                OutputFormat::Openmetrics => "openmetrics",
                _ => "prometheus",
            };
            return Err(AppError::Usage(tr!(
                i18n::ui(),
                "err-json-format-disagree",
                format = name
            )));
        }
        Some(f) if f.is_metrics() && !matches!(cli.command, None | Some(Command::Check(_))) => {
            return Err(AppError::Usage(tr!(i18n::ui(), "err-prometheus-check-only")));
        }
        _ => {}
    }
    Ok(())
}
