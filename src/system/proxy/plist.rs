//! A small reader of XML property lists, the form in which the macOS proxy dictionary is handed
//! over: CoreFoundation serializes `SCDynamicStoreCopyProxies`'s dictionary to XML, and this turns
//! it into plain Rust values without any `unsafe` (the crate forbids it, and walking
//! CoreFoundation arrays element by element would need it). Untrusted input: capped in size,
//! depth and items; anything it does not understand is an error or [`PlistValue::Other`].

use std::collections::BTreeMap;

/// Largest XML document read.
pub const MAX_PLIST_BYTES: usize = 1024 * 1024;
/// Deepest nesting of arrays and dictionaries.
const MAX_DEPTH: usize = 16;
/// Most values in the whole document.
const MAX_ITEMS: usize = 20_000;

/// One property-list value.
#[derive(Debug, Clone, PartialEq)]
pub enum PlistValue {
    Str(String),
    Int(i64),
    Real(f64),
    Bool(bool),
    Array(Vec<PlistValue>),
    Dict(BTreeMap<String, PlistValue>),
    /// `<data>`, `<date>` and anything else: present, not read.
    Other,
}

/// Why a document was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlistError {
    TooLarge,
    NotUtf8,
    Malformed,
    TooDeep,
    TooManyItems,
    /// The document's value is not a dictionary.
    NotADictionary,
}

/// Reads an XML property list whose value is a dictionary.
pub fn parse_dict(xml: &[u8]) -> Result<BTreeMap<String, PlistValue>, PlistError> {
    if xml.len() > MAX_PLIST_BYTES {
        return Err(PlistError::TooLarge);
    }
    let text = std::str::from_utf8(xml).map_err(|_| PlistError::NotUtf8)?;
    let mut reader = Reader {
        tokens: Tokens { rest: text },
        items: 0,
    };
    let mut value = None;
    loop {
        match reader.tokens.next_token()? {
            None => break,
            Some(Token::Open("plist") | Token::Close("plist")) => {}
            Some(Token::Text(t)) if t.trim().is_empty() => {}
            Some(token) if value.is_none() => value = Some(reader.value(token, 0)?),
            Some(_) => return Err(PlistError::Malformed),
        }
    }
    match value {
        Some(PlistValue::Dict(d)) => Ok(d),
        Some(_) => Err(PlistError::NotADictionary),
        None => Err(PlistError::Malformed),
    }
}

/// A piece of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Open(&'a str),
    Close(&'a str),
    Empty(&'a str),
    Text(&'a str),
}

struct Tokens<'a> {
    rest: &'a str,
}

impl<'a> Tokens<'a> {
    /// The next tag or run of text; declarations, comments and the DOCTYPE are skipped.
    fn next_token(&mut self) -> Result<Option<Token<'a>>, PlistError> {
        loop {
            if self.rest.is_empty() {
                return Ok(None);
            }
            if !self.rest.starts_with('<') {
                let end = self.rest.find('<').unwrap_or(self.rest.len());
                let (text, rest) = self.rest.split_at(end);
                self.rest = rest;
                return Ok(Some(Token::Text(text)));
            }
            let skip_until = if self.rest.starts_with("<!--") {
                Some("-->")
            } else if self.rest.starts_with("<?") {
                Some("?>")
            } else if self.rest.starts_with("<!") {
                Some(">")
            } else {
                None
            };
            if let Some(end) = skip_until {
                let at = self.rest.find(end).ok_or(PlistError::Malformed)?;
                self.rest = &self.rest[at + end.len()..];
                continue;
            }
            let close = self.rest.find('>').ok_or(PlistError::Malformed)?;
            let inner = &self.rest[1..close];
            self.rest = &self.rest[close + 1..];
            let name_of = |s: &'a str| s.split_whitespace().next().unwrap_or("");
            return Ok(Some(if let Some(name) = inner.strip_prefix('/') {
                Token::Close(name.trim())
            } else if let Some(body) = inner.strip_suffix('/') {
                Token::Empty(name_of(body))
            } else {
                Token::Open(name_of(inner))
            }));
        }
    }
}

struct Reader<'a> {
    tokens: Tokens<'a>,
    items: usize,
}

impl<'a> Reader<'a> {
    /// The next token that is not white space between elements.
    fn next_element(&mut self) -> Result<Token<'a>, PlistError> {
        loop {
            match self.tokens.next_token()? {
                None => return Err(PlistError::Malformed),
                Some(Token::Text(t)) if t.trim().is_empty() => {}
                Some(t) => return Ok(t),
            }
        }
    }

    /// The value that starts with `token`.
    fn value(&mut self, token: Token<'a>, depth: usize) -> Result<PlistValue, PlistError> {
        self.items += 1;
        if self.items > MAX_ITEMS {
            return Err(PlistError::TooManyItems);
        }
        if depth > MAX_DEPTH {
            return Err(PlistError::TooDeep);
        }
        match token {
            Token::Empty("true") => Ok(PlistValue::Bool(true)),
            Token::Empty("false") => Ok(PlistValue::Bool(false)),
            Token::Empty("string") => Ok(PlistValue::Str(String::new())),
            Token::Empty("array") => Ok(PlistValue::Array(Vec::new())),
            Token::Empty("dict") => Ok(PlistValue::Dict(BTreeMap::new())),
            Token::Empty(_) => Ok(PlistValue::Other),
            Token::Open("array") => self.array(depth),
            Token::Open("dict") => self.dict(depth),
            Token::Open(name) => {
                let text = self.text_until(name)?;
                Ok(match name {
                    "string" => PlistValue::Str(text),
                    "integer" => text.trim().parse().map_or(PlistValue::Other, PlistValue::Int),
                    "real" => text.trim().parse().map_or(PlistValue::Other, PlistValue::Real),
                    _ => PlistValue::Other,
                })
            }
            Token::Close(_) | Token::Text(_) => Err(PlistError::Malformed),
        }
    }

    fn array(&mut self, depth: usize) -> Result<PlistValue, PlistError> {
        let mut items = Vec::new();
        loop {
            match self.next_element()? {
                Token::Close("array") => return Ok(PlistValue::Array(items)),
                token => items.push(self.value(token, depth + 1)?),
            }
        }
    }

    fn dict(&mut self, depth: usize) -> Result<PlistValue, PlistError> {
        let mut map = BTreeMap::new();
        loop {
            let key = match self.next_element()? {
                Token::Close("dict") => return Ok(PlistValue::Dict(map)),
                Token::Open("key") => self.text_until("key")?,
                Token::Empty("key") => String::new(),
                _ => return Err(PlistError::Malformed),
            };
            let token = self.next_element()?;
            let value = self.value(token, depth + 1)?;
            map.insert(key, value);
        }
    }

    /// The text of an element up to its closing tag, entities decoded.
    fn text_until(&mut self, name: &str) -> Result<String, PlistError> {
        let mut text = String::new();
        loop {
            match self.tokens.next_token()? {
                Some(Token::Text(t)) => text.push_str(&decode_entities(t)?),
                Some(Token::Close(n)) if n == name => return Ok(text),
                _ => return Err(PlistError::Malformed),
            }
        }
    }
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric references.
fn decode_entities(text: &str) -> Result<String, PlistError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').ok_or(PlistError::Malformed)? + at;
        let name = &rest[at + 1..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()
                } else {
                    name.strip_prefix('#').and_then(|d| d.parse().ok())
                };
                code.and_then(char::from_u32).ok_or(PlistError::Malformed)?
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `CFPropertyListCreateData` writes for a typical proxy dictionary.
    pub const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>ExceptionsList</key>
	<array>
		<string>*.local</string>
		<string>169.254/16</string>
		<string>a&amp;b&#x41;&#66;</string>
	</array>
	<key>FTPPassive</key>
	<integer>1</integer>
	<key>HTTPEnable</key>
	<true/>
	<key>HTTPPort</key>
	<integer>3128</integer>
	<key>HTTPProxy</key>
	<string>proxy.corp.test</string>
	<key>Empty</key>
	<string></string>
	<key>Blob</key>
	<data>AAEC</data>
	<!-- a comment -->
	<key>__SCOPED__</key>
	<dict>
		<key>en0</key>
		<dict>
			<key>HTTPEnable</key>
			<integer>0</integer>
		</dict>
	</dict>
</dict>
</plist>
"#;

    #[test]
    fn reads_what_core_foundation_writes() {
        let d = parse_dict(SAMPLE.as_bytes()).unwrap();
        assert_eq!(d["HTTPEnable"], PlistValue::Bool(true));
        assert_eq!(d["HTTPPort"], PlistValue::Int(3128));
        assert_eq!(d["HTTPProxy"], PlistValue::Str("proxy.corp.test".into()));
        assert_eq!(d["Empty"], PlistValue::Str(String::new()));
        assert_eq!(d["Blob"], PlistValue::Other);
        assert_eq!(
            d["ExceptionsList"],
            PlistValue::Array(vec![
                PlistValue::Str("*.local".into()),
                PlistValue::Str("169.254/16".into()),
                PlistValue::Str("a&bAB".into()),
            ])
        );
        assert!(matches!(&d["__SCOPED__"], PlistValue::Dict(s) if s.contains_key("en0")));
    }

    #[test]
    fn hostile_documents_are_errors_not_panics() {
        assert_eq!(
            parse_dict(b"<plist><array/></plist>"),
            Err(PlistError::NotADictionary)
        );
        assert_eq!(parse_dict(b""), Err(PlistError::Malformed));
        assert_eq!(parse_dict(b"<dict><key>a</key>"), Err(PlistError::Malformed));
        assert_eq!(
            parse_dict(b"<dict><key>a</key><string>x</dict>"),
            Err(PlistError::Malformed)
        );
        assert_eq!(
            parse_dict(b"<dict><key>a</key><string>&bogus;</string></dict>"),
            Err(PlistError::Malformed)
        );
        assert_eq!(
            parse_dict(b"<dict><key>a</key><string>&#xD800;</string></dict>"),
            Err(PlistError::Malformed)
        );
        assert_eq!(
            parse_dict(b"<dict><key>a</key><string>&amp</string></dict>"),
            Err(PlistError::Malformed)
        );
        assert_eq!(
            parse_dict(b"<dict><string>no key</string></dict>"),
            Err(PlistError::Malformed)
        );
        assert_eq!(
            parse_dict(b"<dict></dict><dict></dict>"),
            Err(PlistError::Malformed)
        );
        assert_eq!(parse_dict(b"<dict"), Err(PlistError::Malformed));
        assert_eq!(parse_dict(b"<!-- open"), Err(PlistError::Malformed));
        assert_eq!(parse_dict(b"<dict>\xff</dict>"), Err(PlistError::NotUtf8));
        let deep = format!("<dict><key>a</key>{}", "<array>".repeat(100));
        assert_eq!(parse_dict(deep.as_bytes()), Err(PlistError::TooDeep));
        let many = format!(
            "<dict><key>a</key><array>{}</array></dict>",
            "<true/>".repeat(MAX_ITEMS + 1)
        );
        assert_eq!(parse_dict(many.as_bytes()), Err(PlistError::TooManyItems));
        let big = vec![b' '; MAX_PLIST_BYTES + 1];
        assert_eq!(parse_dict(&big), Err(PlistError::TooLarge));
        let d = parse_dict(b"<dict><key>n</key><integer>99999999999999999999</integer><key/><false/></dict>")
            .unwrap();
        assert_eq!(
            (d["n"].clone(), d[""].clone()),
            (PlistValue::Other, PlistValue::Bool(false))
        );
    }
}
