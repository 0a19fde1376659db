//! Renderers only render: one module per output format over the same [`crate::report::Report`].

pub mod color;
pub mod human;
pub mod json;
pub mod layout;
pub mod markdown;
pub mod prometheus;
pub mod stages;
pub mod table;
pub mod when;

use std::borrow::Cow;
use std::io::IsTerminal;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use color::ColorChoice;

/// The one colour decision: `--color`, then NO_COLOR, CLICOLOR_FORCE, TERM=dumb, then whether
/// stdout is a terminal. `env` is passed in so the decision can be tested.
pub fn use_color(choice: ColorChoice, env: impl Fn(&str) -> Option<String>, stdout_is_tty: bool) -> bool {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if set("NO_COLOR") {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else if env("TERM").as_deref() == Some("dumb") {
                false
            } else {
                stdout_is_tty
            }
        }
    }
}

/// The decision for this process.
pub fn decide_color(choice: ColorChoice) -> bool {
    use_color(choice, |k| std::env::var(k).ok(), std::io::stdout().is_terminal())
}

/// The one width decision: `--width`, else the terminal's width when stdout is a terminal, else
/// `COLUMNS`, else none (whole lines for scripts). See [`layout::choose_width`].
pub fn decide_width(flag: Option<usize>) -> layout::Layout {
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size_of(std::io::stdout()))
        .flatten()
        .map(|(w, _)| usize::from(w.0));
    let columns = std::env::var("COLUMNS").ok();
    layout::Layout::new(layout::choose_width(flag, terminal, columns.as_deref()))
}

/// `doc` with every string in it — a server's words, a certificate's names, a header — made
/// safe for a terminal ([`crate::safe_text::terminal`]): what the human views and the Markdown
/// render, so that no field, present or added later, can reach the reader raw. Borrowed when
/// nothing needed it.
pub fn terminal_view<T: Serialize + DeserializeOwned + Clone>(doc: &T) -> Cow<'_, T> {
    let Ok(raw) = serde_json::to_value(doc) else {
        return Cow::Borrowed(doc);
    };
    let mut safe = raw.clone();
    crate::safe_text::map_strings(&mut safe, &crate::safe_text::terminal);
    if safe == raw {
        return Cow::Borrowed(doc);
    }
    // Every report type reads back what it wrote (`render::tests` holds it for each one a
    // renderer takes), and text made safer never makes a field unreadable: the codes, addresses
    // and dates it could touch hold no control characters to begin with.
    match serde_json::from_value(safe) {
        Ok(view) => Cow::Owned(view),
        Err(e) => {
            debug_assert!(false, "a report type does not read back its JSON: {e}");
            Cow::Borrowed(doc)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn colour_is_decided_by_flag_then_environment_then_terminal() {
        assert!(use_color(ColorChoice::Always, env(&[("NO_COLOR", "1")]), false));
        assert!(!use_color(
            ColorChoice::Never,
            env(&[("CLICOLOR_FORCE", "1")]),
            true
        ));
        assert!(!use_color(
            ColorChoice::Auto,
            env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]),
            true
        ));
        assert!(use_color(
            ColorChoice::Auto,
            env(&[("CLICOLOR_FORCE", "1")]),
            false
        ));
        assert!(!use_color(
            ColorChoice::Auto,
            env(&[("CLICOLOR_FORCE", "0")]),
            false
        ));
        assert!(!use_color(ColorChoice::Auto, env(&[("TERM", "dumb")]), true));
        assert!(
            use_color(ColorChoice::Auto, env(&[("NO_COLOR", "")]), true),
            "an empty NO_COLOR is unset"
        );
        assert!(use_color(ColorChoice::Auto, env(&[]), true));
        assert!(!use_color(ColorChoice::Auto, env(&[]), false));
    }
}
