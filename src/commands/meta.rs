//! The commands about the tool itself: `completions`, `schema` and the hidden `man`, all
//! generated from the clap definitions and the report types.

use clap::CommandFactory;

use super::out::{write_file, write_out};
use crate::cli::Cli;
use crate::cli::args::{ManArgs, SchemaName};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::report;
use crate::report::ExitCode;
use crate::tr;

/// The completion script for a shell, as committed under `completions/`.
pub fn completion_script(shell: clap_complete::Shell) -> String {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "chatgpt-doctor", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The JSON Schema of an output, pretty-printed (what `schema/NAME.schema.json` holds).
pub fn schema_json(name: SchemaName) -> String {
    let schema = match name {
        SchemaName::Report => return crate::report::schema_json(),
        SchemaName::Dns => schemars::schema_for!(report::DnsOutput),
        SchemaName::Tcp => schemars::schema_for!(report::TcpOutput),
        SchemaName::Tls => schemars::schema_for!(report::TlsOutput),
        SchemaName::Http => schemars::schema_for!(report::HttpOutput),
        SchemaName::Endpoints => schemars::schema_for!(report::EndpointsOutput),
        SchemaName::Watch => schemars::schema_for!(report::WatchEvent),
        SchemaName::Support => schemars::schema_for!(report::SupportReport),
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
        return Ok(ExitCode::Healthy.code());
    }
    let wanted = match &args.page {
        None => "chatgpt-doctor.1".to_string(),
        Some(p) => format!("chatgpt-doctor-{p}.1"),
    };
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, text)) => write_out(text, lang).map(|_| ExitCode::Healthy.code()),
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
