//! Small wording helpers shared by the layers: lists of names and durations in the reader's
//! language.

use std::time::Duration;

use crate::i18n::Lang;
use crate::tr;

/// "a, b and c" in `lang` (after four names, the first two and how many more).
pub fn list(lang: Lang, names: &[&str]) -> String {
    crate::i18n::list(lang, names)
}

/// Every item, joined with `lang`'s list separator (evidence keeps every name).
pub fn joined<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let sep = tr!(lang, "list-separator");
    items
        .iter()
        .map(std::convert::AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(&sep)
}

/// A duration in whole milliseconds, or "?" when there is none.
pub fn millis(lang: Lang, d: Option<Duration>) -> String {
    match d {
        Some(d) => tr!(
            lang,
            "diag-duration-ms",
            ms = (d.as_secs_f64() * 1e3).round() as u64
        ),
        None => tr!(lang, "diag-unknown-value"),
    }
}
