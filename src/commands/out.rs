//! Where command output goes: stdout (a closed pipe ends quietly, as `| head` expects), files,
//! and one JSON-or-human choice shared by the commands that print a serializable output.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::OutputArgs;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::render;
use crate::tr;

/// Writes to stdout. `Ok(false)` when stdout is closed (`| head`): the caller ends quietly.
/// `lang` is the language of the error, should there be one.
pub fn write_out(s: &str, lang: Lang) -> Result<bool, AppError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(AppError::Run(tr!(lang, "err-stdout", error = e.to_string()))),
    }
}

/// Writes a whole file, or says which file could not be written.
pub fn write_file(path: &Path, text: &str, lang: Lang) -> Result<(), AppError> {
    std::fs::write(path, text).map_err(|e| {
        AppError::Run(tr!(
            lang,
            "cmd-error-write-file",
            path = path.display().to_string(),
            error = e.to_string()
        ))
    })
}

/// Prints `value` as one JSON document (`--json`) or through `human` (given the language for
/// people).
pub fn emit<T: Serialize>(
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
