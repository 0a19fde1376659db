//! `check` (the layered verdict), `status` (the status page alone) and `auth` (the API key).

use std::io::IsTerminal;
use std::path::Path;

use super::out::write_out;
use crate::catalog::Surface;
use crate::check::Check;
use crate::check::progress::run_once;
use crate::cli::args::CheckArgs;
use crate::cli::{OutputArgs, OutputFormat};
use crate::error::AppError;
use crate::render;
use crate::render::prometheus::Exposition;
use crate::report::{ExitCode, Report};

/// Whether to show progress: on a terminal's stderr, never with machine output or `-q`.
pub fn shows_progress(output: &OutputArgs) -> bool {
    !output.json
        && output.format != Some(OutputFormat::Prometheus)
        && !output.quiet
        && std::io::stderr().is_terminal()
}

/// Runs a prepared check once in the output's language, colour decided, progress where it
/// belongs.
fn run_for(check: &mut Check, output: &OutputArgs) -> Result<Report, AppError> {
    check.lang = output.text_lang();
    colored::control::set_override(render::decide_color(output.color));
    let progress = shows_progress(output).then_some(check.lang);
    Ok(run_once(check, progress, None)?.0)
}

/// `check`: every surface and the controls; the verdict's exit code. The output goes to stdout,
/// or replaces `file` atomically.
pub fn check(args: &CheckArgs, output: &OutputArgs, file: Option<&Path>) -> Result<i32, AppError> {
    if let Some(path) = file
        && let Some(dir) = super::out::missing_parent(path)
    {
        return Err(AppError::Usage(crate::tr!(
            crate::i18n::ui(),
            "cmd-error-no-directory",
            path = path.display().to_string(),
            directory = dir.display().to_string()
        )));
    }
    let mut check = Check::prepare(args)?;
    let report = run_for(&mut check, output)?;
    let out = match output.format {
        Some(OutputFormat::Prometheus) => render::prometheus::render(&report, Exposition::Text004),
        Some(OutputFormat::Openmetrics) => render::prometheus::render(&report, Exposition::OpenMetrics),
        _ if output.json => render::json::render(&report),
        _ => {
            // A file keeps whole lines unless `--width` asks otherwise: the terminal is not its reader.
            let lay = match file {
                Some(_) => render::layout::Layout::new(output.width),
                None => render::decide_width(output.width),
            };
            render::human::render(&report, output.verbose, output.quiet, lay)
        }
    };
    match file {
        Some(path) => super::out::replace_file(path, &out, crate::i18n::ui())?,
        None => {
            write_out(&out, crate::i18n::ui())?;
        }
    }
    Ok(report.exit_code)
}

/// `status`: the status page alone. Exit 0 when all is operational, 5 when the page reports an
/// incident, a component not operational or maintenance in progress, 7 when it cannot be read.
pub fn status(args: &CheckArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let mut args = args.clone();
    args.surface = vec![Surface::Status];
    let mut check = Check::prepare(&args)?;
    let report = run_for(&mut check, output)?;
    let code = match &report.status_page {
        Some(p) if p.reachable => {
            let trouble = p.indicator.as_deref().is_some_and(|i| i != "none")
                || !p.components.is_empty()
                || !p.incidents.is_empty()
                || p.maintenances.iter().any(|m| m.in_progress);
            if trouble {
                ExitCode::Service
            } else {
                ExitCode::Healthy
            }
        }
        _ => ExitCode::Inconclusive,
    };
    let out = if output.json {
        render::json::render(&report)
    } else {
        render::human::render_status(&report, output.verbose, render::decide_width(output.width))
    };
    write_out(&out, crate::i18n::ui())?;
    Ok(code.code())
}

/// `auth`: the API surface and the key; the verdict's exit code (6 for key problems,
/// including a missing key).
pub fn auth(args: &CheckArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let mut args = args.clone();
    args.surface = vec![Surface::Api];
    let mut check = Check::prepare(&args)?;
    check.require_key = true;
    let report = run_for(&mut check, output)?;
    let out = if output.json {
        render::json::render(&report)
    } else {
        render::human::render_auth(&report, output.verbose, render::decide_width(output.width))
    };
    write_out(&out, crate::i18n::ui())?;
    Ok(report.exit_code)
}
