//! Small wording helpers shared by the layers: lists of names and durations in the reader's
//! language.

use std::time::Duration;

use crate::i18n::Lang;
pub use crate::i18n::joined;
use crate::tr;

/// "a, b and c" in `lang` (after four names, the first two and how many more).
pub fn list(lang: Lang, names: &[&str]) -> String {
    crate::i18n::list(lang, names)
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
