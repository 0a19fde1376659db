//! Text from outside — a server's answer, a certificate, a DNS name, a file — made safe for the
//! one sink it goes to. One function per sink: [`terminal`] (the human views), [`markdown`] (the
//! support report), [`label_value`] (OpenMetrics labels), [`env_value`] (a child's environment).
//! JSON needs none: serde escapes every control character and the text stays as it came.
//!
//! What no sink lets through: C0 controls (ESC above all: `ESC ] 0 ; … BEL` retitles a terminal,
//! `ESC [ 2 J` clears it), DEL, C1 controls (U+0080–U+009F, among them the 8-bit CSI), the line
//! and paragraph separators, and the bidirectional controls that make text read other than it is
//! stored (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C). This module imports nothing of
//! the crate.

use std::borrow::Cow;

/// The most bytes [`env_value`] keeps.
pub const ENV_VALUE_MAX: usize = 4096;

/// A character no sink shows: a control (other than the ones [`terminal`] keeps) or a
/// bidirectional control.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// `s` with every character `drop` says dropped; borrowed when none is.
fn without(s: &str, drop: impl Fn(char) -> bool) -> Cow<'_, str> {
    if s.chars().any(&drop) {
        Cow::Owned(s.chars().filter(|c| !drop(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// For a terminal: line feeds and tabs kept, every other control and bidirectional control
/// dropped (ESC never passes, nor a carriage return that would let text overwrite a line).
pub fn terminal(s: &str) -> Cow<'_, str> {
    without(s, |c| c != '\n' && c != '\t' && is_unsafe(c))
}

/// Whether `s` carries a library's debug formatting (`Query { name: Name("x") }`,
/// `Some(…)`): a type's name followed by `(` or ` {`. Such text is no sentence for a person;
/// the failure's description and code say what happened instead.
pub fn is_debug_text(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_uppercase() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
                j += 1;
            }
            let rest = &s[j..];
            if j > i + 1 && (rest.starts_with('(') || rest.starts_with(" { ")) {
                return true;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    false
}

/// For one line of a terminal or a file: controls and bidirectional controls dropped, runs of
/// white space (line breaks included) made one space, at most `max` characters.
pub fn one_line(s: &str, max: usize) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !is_unsafe(*c))
        .take(max)
        .collect()
}

/// For Markdown (GitHub-flavoured) text or a table cell: terminal-safe, on one line, with the
/// markup escaped so that the text reads as it came — no emphasis, link, image, inline HTML,
/// entity, code span or table pipe of its own. `# + -` mean something only at the start of a
/// line, and `_` nothing between two letters or digits (`HTTPS_PROXY`), so only there are they
/// left alone.
pub fn markdown(s: &str) -> Cow<'_, str> {
    let chars: Vec<char> = s.chars().collect();
    let escaped = |i: usize| -> bool {
        match chars[i] {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '!' | '~' | '&' => true,
            '_' => {
                let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
                !(i > 0 && word(chars.get(i - 1)) && word(chars.get(i + 1)))
            }
            '#' | '+' | '-' => i == 0,
            _ => false,
        }
    };
    let changed = |i: usize| escaped(i) || is_unsafe(chars[i]) || matches!(chars[i], '\n' | '\r' | '\t');
    if !(0..chars.len()).any(changed) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, '\n' | '\r' | '\t') {
            out.push(' ');
        } else if is_unsafe(c) {
            continue;
        } else {
            if escaped(i) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// For a Markdown code span: the text terminal-safe on one line, fenced by more backticks than it
/// holds in a row (a pipe escaped, as GitHub's tables want even inside code).
pub fn markdown_code(s: &str) -> String {
    let text: String = s
        .chars()
        .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        .filter(|c| !is_unsafe(*c))
        .collect::<String>()
        .replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{text}{fence}")
    } else {
        format!("{fence} {text} {fence}")
    }
}

/// For an OpenMetrics label value: every control (line feed included) and bidirectional control
/// dropped. What is left to escape — `\` and `"` — the exposition's encoder escapes
/// (prometheus-client), so this text goes to it as it is.
pub fn label_value(s: &str) -> Cow<'_, str> {
    without(s, is_unsafe)
}

/// For a child's environment: no NUL, no control (line feeds included: a variable is one line),
/// no bidirectional control, at most [`ENV_VALUE_MAX`] bytes (cut at a character's boundary).
pub fn env_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(ENV_VALUE_MAX));
    for c in s.chars().filter(|c| !is_unsafe(*c)) {
        if out.len() + c.len_utf8() > ENV_VALUE_MAX {
            break;
        }
        out.push(c);
    }
    out
}

/// Applies `f` to every string of a JSON value, object keys included: how a renderer makes a
/// whole document safe for its sink in one step.
pub fn map_strings(v: &mut serde_json::Value, f: &dyn Fn(&str) -> Cow<'_, str>) {
    match v {
        serde_json::Value::String(s) => {
            if let Cow::Owned(new) = f(s) {
                *s = new;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| map_strings(i, f)),
        serde_json::Value::Object(map) => {
            let old = std::mem::take(map);
            for (k, mut item) in old {
                map_strings(&mut item, f);
                map.insert(f(&k).into_owned(), item);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_librarys_debug_text_is_told_from_a_sentence() {
        for debug in [
            r#"no records found for Query { name: Name("chatgpt.com."), query_type: A, query_class: IN }"#,
            "Custom { kind: Other, error: \"x\" }",
            "Some(42)",
            r#"Name("x")"#,
        ] {
            assert!(is_debug_text(debug), "{debug}");
        }
        for words in [
            "no A records for chatgpt.com (NXDOMAIN)",
            "connection reset by peer (os error 104)",
            "failed to lookup address information: Name or service not known",
            "the server answered REFUSED",
            "HTTP/1.1 (the origin)",
            "",
        ] {
            assert!(!is_debug_text(words), "{words}");
        }
    }

    const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2JEvil\u{202e}txt\u{9b}31m\r\0\u{7f}\u{2066}x\u{200f}";

    fn has_no_unsafe(s: &str, keep: &[char]) -> bool {
        s.chars().all(|c| keep.contains(&c) || !is_unsafe(c))
    }

    #[test]
    fn a_hostile_string_loses_its_controls_in_every_sink() {
        assert_eq!(terminal(HOSTILE), "]0;pwned[2JEviltxt31mx");
        assert_eq!(label_value(HOSTILE), "]0;pwned[2JEviltxt31mx");
        assert_eq!(env_value(HOSTILE), "]0;pwned[2JEviltxt31mx");
        assert_eq!(markdown(HOSTILE), "\\]0;pwned\\[2JEviltxt31m x");
        assert_eq!(terminal("two\nlines\tand a tab"), "two\nlines\tand a tab");
        assert_eq!(one_line(" a \n\u{1b}b\u{202e}  c ", 10), "a b c");
    }

    #[test]
    fn markdown_escapes_markup_and_code_spans_hold_any_backticks() {
        assert_eq!(
            markdown("[x](javascript:y) <img> *a* _b_ | &#x202E; ![i]"),
            "\\[x\\](javascript:y) \\<img\\> \\*a\\* \\_b\\_ \\| \\&#x202E; \\!\\[i\\]"
        );
        assert_eq!(
            markdown("# not a heading - or # this"),
            "\\# not a heading - or # this"
        );
        assert_eq!(markdown("plain text (ok)."), "plain text (ok).");
        assert_eq!(markdown("HTTPS_PROXY=x _y_"), "HTTPS_PROXY=x \\_y\\_");
        assert_eq!(markdown_code("a`b``c"), "``` a`b``c ```");
        assert_eq!(markdown_code("name|x"), "`name\\|x`");
    }

    #[test]
    fn env_values_are_bounded_at_a_character_boundary() {
        let long = "é".repeat(ENV_VALUE_MAX);
        let v = env_value(&long);
        assert!(v.len() <= ENV_VALUE_MAX && v.len() > ENV_VALUE_MAX - 2);
    }

    #[test]
    fn every_string_of_a_document_is_mapped_keys_included() {
        let mut v = serde_json::json!({ "a\u{1b}": ["x\u{1b}[2J", { "b": "\u{202e}y" }], "n": 1 });
        map_strings(&mut v, &terminal);
        assert_eq!(v, serde_json::json!({ "a": ["x[2J", { "b": "y" }], "n": 1 }));
    }

    /// Undoes [`markdown`]'s backslashes (for the property that it loses nothing but controls).
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.extend(chars.next());
            } else {
                out.push(c);
            }
        }
        out
    }

    proptest! {
        #[test]
        fn no_control_or_bidi_character_survives(s in any::<String>()) {
            prop_assert!(has_no_unsafe(&terminal(&s), &['\n', '\t']));
            prop_assert!(has_no_unsafe(&markdown(&s), &[]));
            prop_assert!(has_no_unsafe(&markdown_code(&s), &[]));
            prop_assert!(has_no_unsafe(&label_value(&s), &[]));
            prop_assert!(has_no_unsafe(&env_value(&s), &[]));
            prop_assert!(has_no_unsafe(&one_line(&s, 80), &[]));
            prop_assert!(!env_value(&s).contains('\0') && env_value(&s).len() <= ENV_VALUE_MAX);
        }

        #[test]
        fn the_sanitizers_are_idempotent(s in any::<String>()) {
            let once = terminal(&s).into_owned();
            prop_assert_eq!(terminal(&once), once.as_str());
            let once = label_value(&s).into_owned();
            prop_assert_eq!(label_value(&once), once.as_str());
            prop_assert_eq!(env_value(&env_value(&s)), env_value(&s));
            prop_assert_eq!(one_line(&one_line(&s, 80), 80), one_line(&s, 80));
            // Escaping is not idempotent by nature; undone, it gives the safe text back.
            let folded: String = terminal(&s).chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).collect();
            prop_assert_eq!(unescape(&markdown(&s)), folded);
        }

        #[test]
        fn printable_ascii_passes_unchanged(s in "[ -~]*") {
            prop_assert_eq!(terminal(&s), s.as_str());
            prop_assert_eq!(label_value(&s), s.as_str());
            prop_assert_eq!(env_value(&s), s.clone());
        }

        #[test]
        fn markdown_leaves_plain_words_alone(s in "[a-zA-Z0-9 .,:;()/]*") {
            prop_assert_eq!(markdown(&s), s.as_str());
        }
    }
}
