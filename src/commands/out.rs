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

/// The error of a file that could not be written, naming it.
fn cannot_write(path: &Path, lang: Lang) -> impl Fn(std::io::Error) -> AppError + Copy + '_ {
    move |e| {
        AppError::Run(tr!(
            lang,
            "cmd-error-write-file",
            path = path.display().to_string(),
            error = e.to_string()
        ))
    }
}

/// Writes a whole file, or says which file could not be written. On Unix the file is the
/// user's alone (0600): a new one is created so, and one that was there is tightened to it — a
/// report holds the user's network details.
pub fn write_file(path: &Path, text: &str, lang: Lang) -> Result<(), AppError> {
    let cannot = cannot_write(path, lang);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path).map_err(cannot)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(cannot)?;
        write_all(file, text).map_err(cannot)
    }
    #[cfg(not(unix))]
    {
        write_all(options.open(path).map_err(cannot)?, text).map_err(cannot)
    }
}

/// Replaces `path` with `text` atomically: a temporary file in the same directory, written and
/// synced, then renamed over `path`, so a reader (node_exporter's textfile collector, a script)
/// sees the old file or the new one, never half of one. The file gets the usual permissions
/// (readable by others, as a metrics file must be for the collector); the temporary file is
/// removed when anything fails.
pub fn replace_file(path: &Path, text: &str, lang: Lang) -> Result<(), AppError> {
    let cannot = cannot_write(path, lang);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(
        || std::ffi::OsString::from("output"),
        std::ffi::OsStr::to_os_string,
    );
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(&name);
    temp_name.push(format!(".tmp.{}", std::process::id()));
    let temp = dir.join(temp_name);
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        use std::io::Write;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(cannot)
}

fn write_all(mut file: std::fs::File, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    file.write_all(text.as_bytes())?;
    file.flush()
}

/// The directory a file is to be written in, when it does not exist: `report -o` refuses it
/// before the check runs, naming it, rather than creating it (a typo in a path should not leave
/// directories behind).
pub fn missing_parent(path: &Path) -> Option<std::path::PathBuf> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty())?;
    (!parent.is_dir()).then(|| parent.to_path_buf())
}

/// Prints `value` as one JSON document (`--json`) or through `human` (given the language for
/// people), within the width of the terminal.
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
        // The per-stage views have no layout of their own: a line wider than the terminal is
        // wrapped under its indent.
        render::decide_width(output.width).fit(&human(value, lang))
    };
    write_out(&text, lang).map(|_| ())
}
