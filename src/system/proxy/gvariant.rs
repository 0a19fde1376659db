//! The text form of GVariant values as `gsettings` prints them (`g_variant_print`): strings in
//! single or double quotes with backslash escapes, integers with an optional type word
//! (`uint32 8080`), booleans, and arrays of strings (`['a', "it's"]`, `@as []`). Untrusted input:
//! anything else is [`GValue::Other`], never a panic.

/// Most items read from one array.
const MAX_ITEMS: usize = 4096;

/// A GVariant value as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GValue {
    Str(String),
    Int(i64),
    Bool(bool),
    StrArray(Vec<String>),
    /// Any other type, or text that does not parse.
    Other,
}

/// Reads one printed value (the whole of `text`, surrounding white space allowed).
pub fn parse_value(text: &str) -> GValue {
    let mut p = Parser {
        chars: text.trim().chars().collect(),
        at: 0,
    };
    let value = p.value();
    p.skip_space();
    if p.at == p.chars.len() {
        value
    } else {
        GValue::Other
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// A run of letters, digits and `_` (a keyword or a type annotation).
    fn word(&mut self) -> String {
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.at += 1;
        }
        self.chars[start..self.at].iter().collect()
    }

    fn value(&mut self) -> GValue {
        self.skip_space();
        // Type annotations (`@as []`), skipped in a loop so that no input can nest calls.
        while self.peek() == Some('@') {
            while self.peek().is_some_and(|c| !c.is_whitespace()) {
                self.at += 1;
            }
            self.skip_space();
        }
        match self.peek() {
            Some('\'' | '"') => self.string().map_or(GValue::Other, GValue::Str),
            Some('[') => self.array(),
            Some(c) if c == '-' || c.is_ascii_digit() => self.integer(),
            Some(c) if c.is_ascii_alphabetic() => match self.word().as_str() {
                "true" => GValue::Bool(true),
                "false" => GValue::Bool(false),
                "byte" | "int16" | "uint16" | "int32" | "uint32" | "int64" | "uint64" | "handle" => {
                    self.skip_space();
                    self.integer()
                }
                _ => GValue::Other,
            },
            _ => GValue::Other,
        }
    }

    fn integer(&mut self) -> GValue {
        let start = self.at;
        if self.peek() == Some('-') {
            self.at += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
        let digits: String = self.chars[start..self.at].iter().collect();
        digits.parse().map_or(GValue::Other, GValue::Int)
    }

    fn array(&mut self) -> GValue {
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some(']') => {
                    self.at += 1;
                    return GValue::StrArray(items);
                }
                Some('\'' | '"') if items.len() < MAX_ITEMS => match self.string() {
                    Some(s) => items.push(s),
                    None => return GValue::Other,
                },
                _ => return GValue::Other,
            }
            self.skip_space();
            match self.peek() {
                Some(',') => self.at += 1,
                Some(']') => {}
                _ => return GValue::Other,
            }
        }
    }

    /// A quoted string; `None` when it is not closed or an escape is malformed.
    fn string(&mut self) -> Option<String> {
        let quote = self.peek()?;
        self.at += 1;
        let mut out = String::new();
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                '\\' => out.push(self.escape()?),
                c if c == quote => return Some(out),
                c => out.push(c),
            }
        }
    }

    /// The character after a backslash (already consumed).
    fn escape(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'a' => '\u{7}',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'v' => '\u{b}',
            'u' => self.hex(4)?,
            'U' => self.hex(8)?,
            'x' => self.hex(2)?,
            other => other,
        })
    }

    fn hex(&mut self, digits: usize) -> Option<char> {
        let end = self.at.checked_add(digits)?;
        let text: String = self.chars.get(self.at..end)?.iter().collect();
        self.at = end;
        u32::from_str_radix(&text, 16).ok().and_then(char::from_u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shapes_gsettings_prints() {
        assert_eq!(parse_value("'manual'"), GValue::Str("manual".into()));
        assert_eq!(parse_value("''"), GValue::Str(String::new()));
        assert_eq!(parse_value(r#""it's""#), GValue::Str("it's".into()));
        assert_eq!(
            parse_value(r"'a\'b\\c\n\u00e9\U0001F600\x41'"),
            GValue::Str("a'b\\c\né😀A".into())
        );
        assert_eq!(parse_value("8080"), GValue::Int(8080));
        assert_eq!(parse_value("uint32 8080"), GValue::Int(8080));
        assert_eq!(parse_value("int32 -1"), GValue::Int(-1));
        assert_eq!(parse_value(" true "), GValue::Bool(true));
        assert_eq!(parse_value("false"), GValue::Bool(false));
        assert_eq!(parse_value("@as []"), GValue::StrArray(vec![]));
        assert_eq!(parse_value("[]"), GValue::StrArray(vec![]));
        assert_eq!(
            parse_value(r#"['localhost', "it's", '::1', '127.0.0.0/8',]"#),
            GValue::StrArray(vec![
                "localhost".into(),
                "it's".into(),
                "::1".into(),
                "127.0.0.0/8".into()
            ])
        );
    }

    #[test]
    fn anything_else_is_other() {
        for bad in [
            "",
            "'open",
            "['a', 'b'",
            "['a' 'b']",
            "[1, 2]",
            "'a' trailing",
            "99999999999999999999999",
            r"'\u12'",
            r"'\uD800'",
            r"'bad\",
            "b'bytes'",
            "(1, 2)",
            "{'a': <1>}",
            "nothing",
            "-",
            "@as",
            "uint32",
        ] {
            assert_eq!(parse_value(bad), GValue::Other, "{bad:?}");
        }
        let many = format!("[{}]", vec!["'x'"; MAX_ITEMS + 1].join(","));
        assert_eq!(parse_value(&many), GValue::Other);
        let deep = "[".repeat(100_000);
        assert_eq!(parse_value(&deep), GValue::Other);
        let annotations = "@as ".repeat(100_000) + "[]";
        assert_eq!(parse_value(&annotations), GValue::StrArray(vec![]));
    }
}
