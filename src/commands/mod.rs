//! The subcommands beyond `check`: per-stage probes of one host (`dns`, `tcp`, `tls`, `http`),
//! the catalog (`endpoints`), `watch`, the support `report`, and the generated man pages.
//!
//! Each command measures with [`crate::probe`] (or runs the check through [`crate::Check`]),
//! builds a serializable output ([`output`]) and hands it to a renderer ([`crate::render`]).

pub mod args;
pub mod output;
pub mod redact;
pub mod report;
pub mod serve;
pub mod stage;
pub mod watch;

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use serde::Serialize;

use self::args::{DnsArgs, HttpArgs, ManArgs, ReportArgs, SchemaName, TcpArgs, TlsArgs};
use crate::cli::{Cli, OutputArgs};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::report::ExitCode;
use crate::{Check, render, tr};

/// Writes to stdout. `Ok(false)` when stdout is closed (`| head`): the caller ends quietly.
/// `lang` is the language of the error, should there be one.
pub fn write_out(s: &str, lang: Lang) -> Result<bool, AppError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(AppError::Run(tr!(
            lang,
            "cmd-error-stdout",
            error = e.to_string()
        ))),
    }
}

/// Prints `value` as one JSON document (`--json`) or through `human` (given the language for
/// people).
fn emit<T: Serialize>(
    output: &OutputArgs,
    value: &T,
    human: impl FnOnce(&T, Lang) -> String,
) -> Result<(), AppError> {
    let lang = output.human_lang();
    let text = if output.json {
        let mut s = serde_json::to_string_pretty(value)
            .map_err(|e| AppError::Run(tr!(lang, "cmd-error-serialize", error = e.to_string())))?;
        s.push('\n');
        s
    } else {
        colored::control::set_override(render::decide_color(output.color));
        human(value, lang)
    };
    write_out(&text, lang).map(|_| ())
}

fn stage_exit(ok: bool) -> i32 {
    if ok {
        ExitCode::Healthy
    } else {
        ExitCode::StageFailed
    }
    .code()
}

fn extra_roots(cacert: Option<&Path>) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, AppError> {
    match cacert {
        Some(p) => crate::load_cacert(p),
        None => Ok(vec![]),
    }
}

// The per-stage commands measure and describe in the output's language (`text_lang`: English
// for JSON unless --lang), and render for people in theirs (the same one when not JSON).

/// `dns HOST`.
pub fn run_dns(args: &DnsArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let out = stage::dns(args, output.text_lang())?;
    emit(output, &out, |o, lang| {
        render::stages::dns(o, output.verbose, output.quiet, lang)
    })?;
    Ok(stage_exit(out.ok))
}

/// `tcp HOST[:PORT]`.
pub fn run_tcp(args: &TcpArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let out = stage::tcp(args, output.text_lang())?;
    emit(output, &out, |o, lang| {
        render::stages::tcp(o, output.verbose, output.quiet, lang)
    })?;
    Ok(stage_exit(out.ok))
}

/// `tls HOST[:PORT]`.
pub fn run_tls(args: &TlsArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let roots = extra_roots(args.cacert.as_deref())?;
    let out = stage::tls(args, &roots, output.text_lang())?;
    emit(output, &out, |o, lang| {
        render::stages::tls(o, output.verbose, output.quiet, lang)
    })?;
    Ok(stage_exit(out.ok))
}

/// `http URL`.
pub fn run_http(args: &HttpArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let roots = extra_roots(args.cacert.as_deref())?;
    let out = stage::http(args, &roots, output.text_lang())?;
    emit(output, &out, |o, lang| {
        render::stages::http(o, output.verbose, output.quiet, lang)
    })?;
    Ok(stage_exit(out.ok))
}

/// `endpoints`.
pub fn run_endpoints(output: &OutputArgs) -> Result<i32, AppError> {
    let out = stage::endpoints(output.text_lang());
    emit(output, &out, render::stages::endpoints)?;
    Ok(0)
}

/// `serve`.
pub fn run_serve(args: &args::ServeArgs, output: &OutputArgs) -> Result<i32, AppError> {
    serve::run(args, output)
}

/// `watch`.
pub fn run_watch(args: &args::WatchArgs, output: &OutputArgs) -> Result<i32, AppError> {
    watch::run(args, output)
}

fn write_file(path: &Path, text: &str, lang: Lang) -> Result<(), AppError> {
    std::fs::write(path, text).map_err(|e| {
        AppError::Run(tr!(
            lang,
            "cmd-error-write-file",
            path = path.display().to_string(),
            error = e.to_string()
        ))
    })
}

/// `report`: runs the check, writes the Markdown and the JSON (or one of them to stdout with
/// `-o -`), and exits with the verdict's code.
///
/// The Markdown is for people (`--lang`, else the locale); the JSON file is machine output
/// (English unless `--lang`). When the two languages differ, the same observations are judged
/// once for each: one probe, two reports.
pub fn run_report(args: &ReportArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let human = output.human_lang();
    let machine = output.lang.unwrap_or_default();
    let mut check = Check::prepare(&args.check)?;
    check.lang = machine;
    // With `-o - --json` no Markdown is written: one judgement is enough.
    let markdown_lang = if args.output == Path::new("-") && output.json {
        machine
    } else {
        human
    };
    let (for_json, for_markdown) = report::run_check(&mut check, output, markdown_lang)?;

    let vars: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect();
    let (system, sensitive) = report::gather(|k| std::env::var(k).ok(), &vars);
    let seen = report::seen(&for_json);
    let (mut redactor, kinds) = report::build_redactor(&sensitive, &seen, args.anonymize);
    let exit_code = for_json.exit_code;
    let support = report::support_report(for_json, system, args.anonymize);
    let markdown_support = for_markdown.map(|r| output::SupportReport {
        report: r,
        ..support.clone()
    });
    let (support, json) = report::redact(
        support,
        &mut redactor,
        report::describe_redactions(&kinds, machine),
        human,
    )?;
    let support = match markdown_support {
        Some(s) => {
            report::redact(
                s,
                &mut redactor,
                report::describe_redactions(&kinds, human),
                human,
            )?
            .0
        }
        None => support,
    };
    let markdown = redactor.redact_secrets(&render::markdown::render(&support, human));

    if args.output == Path::new("-") {
        write_out(if output.json { &json } else { &markdown }, human)?;
        return Ok(exit_code);
    }
    let json_path = report::json_path(&args.output);
    write_file(&args.output, &markdown, human)?;
    write_file(&json_path, &json, human)?;
    if output.json {
        write_out(&json, human)?;
    } else if !output.quiet {
        colored::control::set_override(render::decide_color(output.color));
        write_out(
            &render::stages::report_written(
                &support,
                &args.output.display().to_string(),
                &json_path.display().to_string(),
                human,
            ),
            human,
        )?;
    }
    Ok(exit_code)
}

/// The JSON Schema of an output, pretty-printed (what `schema/NAME.schema.json` holds).
pub fn schema_json(name: SchemaName) -> String {
    let schema = match name {
        SchemaName::Report => return crate::report::schema_json(),
        SchemaName::Dns => schemars::schema_for!(output::DnsOutput),
        SchemaName::Tcp => schemars::schema_for!(output::TcpOutput),
        SchemaName::Tls => schemars::schema_for!(output::TlsOutput),
        SchemaName::Http => schemars::schema_for!(output::HttpOutput),
        SchemaName::Endpoints => schemars::schema_for!(output::EndpointsOutput),
        SchemaName::Watch => schemars::schema_for!(output::WatchEvent),
        SchemaName::Support => schemars::schema_for!(output::SupportReport),
    };
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Every man page, generated from the clap definitions: `(file name, roff)`, the main page
/// first, then one per visible subcommand (`chatgpt-doctor-watch.1`, …).
pub fn man_pages(lang: Lang) -> Result<Vec<(String, String)>, AppError> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let render = |c: clap::Command| -> Result<(String, String), AppError> {
        let man = clap_mangen::Man::new(c);
        let mut buf = Vec::new();
        man.render(&mut buf)
            .map_err(|e| AppError::Run(tr!(lang, "cmd-error-man-render", error = e.to_string())))?;
        Ok((man.get_filename(), String::from_utf8_lossy(&buf).into_owned()))
    };
    let mut pages = vec![render(cmd.clone())?];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(render(sub.clone())?);
    }
    Ok(pages)
}

/// `man` (hidden): prints a page, or writes them all with `--out-dir`. The pages are English
/// (generated from the `--help` text); errors speak `--lang` or the locale's language.
pub fn run_man(args: &ManArgs) -> Result<i32, AppError> {
    let lang = crate::i18n::ui();
    let pages = man_pages(lang)?;
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).map_err(|e| {
            AppError::Run(tr!(
                lang,
                "cmd-error-create-dir",
                path = dir.display().to_string(),
                error = e.to_string()
            ))
        })?;
        for (name, text) in &pages {
            write_file(&dir.join(name), text, lang)?;
        }
        return Ok(0);
    }
    let wanted = match &args.page {
        None => "chatgpt-doctor.1".to_string(),
        Some(p) => format!("chatgpt-doctor-{p}.1"),
    };
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, text)) => write_out(text, lang).map(|_| 0),
        None => {
            let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
            Err(AppError::Usage(tr!(
                lang,
                "cmd-error-no-man-page",
                page = args.page.as_deref().unwrap_or(""),
                pages = names.join(", ")
            )))
        }
    }
}
