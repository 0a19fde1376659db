//! clap's parse errors worded in the reader's language, and the `--lang` of a command line read
//! before clap parses it (so its own errors can be worded).

/// A parse error worded in `lang` (clap words its own errors in English): bad values, unknown
/// values of a choice, unknown flags. `None` for English and for the kinds clap words best
/// (help, version, usage of subcommands), which are then printed by clap.
pub fn localized_parse_error(e: &clap::Error, lang: crate::i18n::Lang) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if lang == crate::i18n::Lang::En {
        return None;
    }
    let string = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    if e.kind() == ErrorKind::ArgumentConflict && e.get(ContextKind::InvalidArg).is_none() {
        // Our own conflict (a check flag before a subcommand): its message is already worded.
        let first = e.to_string();
        let text = first.lines().next()?.trim_start_matches("error: ").to_string();
        return Some(format!(
            "{}\n\n{}",
            crate::tr!(lang, "err-line", text = text),
            crate::tr!(lang, "err-try-help")
        ));
    }
    let arg = string(ContextKind::InvalidArg)?;
    let text = match e.kind() {
        ErrorKind::ValueValidation => {
            let problem = std::error::Error::source(e)
                .map(std::string::ToString::to_string)
                .unwrap_or_default();
            crate::tr!(
                lang,
                "err-invalid-value",
                arg = arg,
                value = string(ContextKind::InvalidValue).unwrap_or_default(),
                problem = problem
            )
        }
        ErrorKind::InvalidValue => {
            let valid = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(v)) => v.clone(),
                _ => vec![],
            };
            crate::tr!(
                lang,
                "err-not-one-of",
                arg = arg,
                value = string(ContextKind::InvalidValue).unwrap_or_default(),
                values = valid.join(", ")
            )
        }
        ErrorKind::UnknownArgument => crate::tr!(lang, "err-unknown-argument", arg = arg),
        ErrorKind::ArgumentConflict => e
            .to_string()
            .lines()
            .next()?
            .trim_start_matches("error: ")
            .to_string(),
        _ => return None,
    };
    Some(format!(
        "{}\n\n{}",
        crate::tr!(lang, "err-line", text = text),
        crate::tr!(lang, "err-try-help")
    ))
}

/// The value of `--lang` on a command line, before parsing (the last one wins, as in clap); an
/// unknown value is left for clap to refuse.
pub fn lang_in_args<I, T>(args: I) -> Option<crate::i18n::Lang>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString>,
{
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.into().to_string_lossy().into_owned())
        .collect();
    let mut found = None;
    for (i, a) in args.iter().enumerate() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        if let Some(l) = value.and_then(|v| <crate::i18n::Lang as clap::ValueEnum>::from_str(v, false).ok()) {
            found = Some(l);
        }
    }
    found
}
