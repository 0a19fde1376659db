//! What to do next, per cause. Concrete steps, most useful first.

use crate::i18n::Lang;
use crate::report::Cause;

/// Advice lines for a cause, in `lang` (`advice-<cause>` in the Fluent files: one line per step).
pub fn for_cause(cause: Cause, lang: Lang) -> Vec<String> {
    crate::i18n::text(lang, &format!("advice-{}", cause.as_str()), &[])
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each cause's advice is its own: a message of its own (not the id a missing message falls
    /// back to) and no other cause's words, in either language.
    #[test]
    fn every_cause_has_advice_of_its_own() {
        for lang in Lang::ALL {
            let mut seen = std::collections::HashMap::new();
            for cause in Cause::ALL {
                let advice = for_cause(cause, lang);
                let id = format!("advice-{}", cause.as_str());
                assert!(crate::i18n::has(lang, &id), "{}: {id} is missing", lang.code());
                assert!(!advice.is_empty() && advice[0] != id, "{}: {id}", lang.code());
                if let Some(other) = seen.insert(advice.clone(), cause) {
                    panic!("{}: {cause:?} has the advice of {other:?}", lang.code());
                }
            }
        }
    }
}
