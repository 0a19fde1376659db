//! Redaction of reports, pure (the caller gathers what to look for): the API key from every check
//! report; for the support report, secrets always and, with `--anonymize`, what identifies the
//! user (their public address, private addresses, the system resolver's addresses, this machine's
//! host name and their network's domain names) too.
//!
//! Secrets are replaced wherever they occur. Names are replaced where they stand as names (not in
//! the middle of a longer word), case-insensitively. Addresses are recognised in any text (also
//! with a port, `10.0.0.1:53`) and the same address always gets the same placeholder.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde_json::Value;

/// JSON keys whose values are fixed vocabularies (enums), never user data: left as they are, so
/// a host name that happens to be `web` cannot turn a surface into a placeholder.
const VOCABULARY_KEYS: &[&str] = &[
    "schema_version",
    "surface",
    "layer",
    "cause",
    "status",
    "stage",
    "family",
    "families",
    "failure",
    "real_failure",
    "severity",
    "record_type",
    "result",
    "reached",
    "working_surfaces",
    "failing_surfaces",
    "indicator",
    "source",
    "base_url_source",
];

/// What to replace, and the placeholders handed out so far.
#[derive(Debug, Default)]
pub struct Redactor {
    /// Exact strings (API keys, proxy passwords) and their placeholders, longest first.
    secrets: Vec<(String, String)>,
    /// Names (lower case) and their placeholders, longest first.
    names: Vec<(String, String)>,
    /// Addresses with a placeholder.
    addresses: HashMap<IpAddr, String>,
    /// Replace private addresses on sight (with `--anonymize`).
    private_addresses: bool,
    private_count: usize,
}

impl Redactor {
    /// A redactor that replaces only what it is told; `anonymize` adds private addresses.
    pub fn new(anonymize: bool) -> Redactor {
        Redactor {
            private_addresses: anonymize,
            ..Default::default()
        }
    }

    /// Replaces `secret` everywhere (ignored when shorter than 4 characters: too likely to be a
    /// piece of ordinary text, and too short to be a real secret).
    pub fn secret(&mut self, secret: &str, placeholder: &str) {
        let s = secret.trim();
        if s.chars().count() < 4 || self.secrets.iter().any(|(k, _)| k == s) {
            return;
        }
        self.secrets.push((s.to_string(), placeholder.to_string()));
        self.secrets.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    }

    /// Replaces the name `name` (and nothing inside longer words). Returns false when the name is
    /// too short to replace safely.
    pub fn name(&mut self, name: &str, placeholder: &str) -> bool {
        let n = name.trim().trim_matches('.').to_ascii_lowercase();
        if n.len() < 2 {
            return false;
        }
        if !self.names.iter().any(|(k, _)| *k == n) {
            self.names.push((n, placeholder.to_string()));
            self.names.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        true
    }

    /// Replaces the address `ip` with `placeholder` (the first placeholder given wins).
    pub fn address(&mut self, ip: IpAddr, placeholder: &str) {
        self.addresses
            .entry(ip)
            .or_insert_with(|| placeholder.to_string());
    }

    /// Redacts one string.
    pub fn redact(&mut self, text: &str) -> String {
        let mut s = text.to_string();
        for (secret, placeholder) in &self.secrets {
            if s.contains(secret.as_str()) {
                s = s.replace(secret.as_str(), placeholder);
            }
        }
        s = redact_api_keys(&s);
        if !self.addresses.is_empty() || self.private_addresses {
            s = self.redact_addresses(&s);
        }
        for (name, placeholder) in &self.names {
            s = replace_name(&s, name, placeholder);
        }
        s
    }

    /// Replaces only the secrets and key-shaped strings (a last pass over rendered text, where a
    /// name replacement could hit ordinary words).
    pub fn redact_secrets(&self, text: &str) -> String {
        let mut s = text.to_string();
        for (secret, placeholder) in &self.secrets {
            if s.contains(secret.as_str()) {
                s = s.replace(secret.as_str(), placeholder);
            }
        }
        redact_api_keys(&s)
    }

    /// Redacts every string of a JSON value, except the values of `VOCABULARY_KEYS`, and the
    /// secrets in its keys.
    pub fn redact_json(&mut self, v: &mut Value) {
        match v {
            Value::String(s) => *s = self.redact(s),
            Value::Array(items) => items.iter_mut().for_each(|i| self.redact_json(i)),
            Value::Object(map) => {
                // A key can hold a secret too (a header name, a map keyed by user data).
                let keyed: Vec<String> = map
                    .keys()
                    .filter(|k| self.secrets.iter().any(|(s, _)| k.contains(s.as_str())))
                    .cloned()
                    .collect();
                for k in keyed {
                    if let Some(item) = map.remove(&k) {
                        let clean = self.redact_secrets(&k);
                        map.insert(clean, item);
                    }
                }
                for (k, item) in map.iter_mut() {
                    if !VOCABULARY_KEYS.contains(&k.as_str()) {
                        self.redact_json(item);
                    }
                }
            }
            _ => {}
        }
    }

    fn placeholder_for(&mut self, ip: IpAddr) -> Option<String> {
        if let Some(p) = self.addresses.get(&ip) {
            return Some(p.clone());
        }
        if self.private_addresses && is_private(&ip) {
            self.private_count += 1;
            let p = format!("[private-address-{}]", self.private_count);
            self.addresses.insert(ip, p.clone());
            return Some(p);
        }
        None
    }

    fn redact_addresses(&mut self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(start) = rest.find(is_address_char) {
            out.push_str(&rest[..start]);
            let tail = &rest[start..];
            let end = tail.find(|c: char| !is_address_char(c)).unwrap_or(tail.len());
            let run = &tail[..end];
            out.push_str(&self.redact_run(run));
            rest = &tail[end..];
        }
        out.push_str(rest);
        out
    }

    /// A run of address-like characters: an address, an address and a port, or anything else.
    fn redact_run(&mut self, run: &str) -> String {
        // A run may end in punctuation that is not part of the address ("at 10.0.0.1.").
        let core = run.trim_end_matches(['.', ':']);
        let trailer = &run[core.len()..];
        if let Ok(ip) = core.parse::<IpAddr>() {
            if let Some(p) = self.placeholder_for(ip) {
                return format!("{p}{trailer}");
            }
            return run.to_string();
        }
        // IPv4 with a port.
        if let Some((addr, port)) = core.rsplit_once(':')
            && port.chars().all(|c| c.is_ascii_digit())
            && let Ok(ip) = addr.parse::<Ipv4Addr>()
            && let Some(p) = self.placeholder_for(IpAddr::V4(ip))
        {
            return format!("{p}:{port}{trailer}");
        }
        run.to_string()
    }
}

fn is_address_char(c: char) -> bool {
    c.is_ascii_hexdigit() || c == '.' || c == ':'
}

/// True for a character that continues a name or word.
/// Chinese, Japanese and Korean text runs into names without a space ("无法连接corp.example"):
/// its characters end a name the way punctuation does.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FA1F}')
}

fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() && !is_cjk(c)) || c == '-' || c == '_'
}

/// Replaces `name` (lower case) where it stands as a name: not preceded or followed by a letter,
/// digit, `-` or `_` (dots are fine: `host.example.org` contains the name `example.org`).
fn replace_name(s: &str, name: &str, placeholder: &str) -> String {
    let lower = s.to_ascii_lowercase(); // same byte offsets as `s`
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name) {
        let start = from + pos;
        let end = start + name.len();
        let before_ok = s[..start].chars().next_back().is_none_or(|c| !is_word_char(c));
        let after_ok = s[end..].chars().next().is_none_or(|c| !is_word_char(c));
        if before_ok && after_ok {
            out.push_str(&s[last..start]);
            out.push_str(placeholder);
            last = end;
        }
        from = start + name.len().max(1);
        while !lower.is_char_boundary(from) {
            from += 1;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Replaces anything shaped like an OpenAI API key (`sk-` followed by at least 20 key characters).
pub fn redact_api_keys(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find("sk-") {
        let tail = &rest[pos + 3..];
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(tail.len());
        let starts_word = rest[..pos].chars().next_back().is_none_or(|c| !is_word_char(c));
        out.push_str(&rest[..pos]);
        if len >= 20 && starts_word {
            out.push_str("[REDACTED:api-key]");
        } else {
            out.push_str(&rest[pos..pos + 3 + len]);
        }
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// Private, shared (CGNAT) and link-local addresses: those that describe the user's own network.
/// Loopback and public addresses are not.
pub fn is_private(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            let o = a.octets();
            a.is_private() || a.is_link_local() || (o[0] == 100 && (o[1] & 0xc0) == 64)
        }
        IpAddr::V6(a) => {
            if let Some(v4) = a.to_ipv4_mapped() {
                return is_private(&IpAddr::V4(v4));
            }
            let first = a.segments()[0];
            // fc00::/7 unique local, fe80::/10 link-local, fec0::/10 site-local (deprecated).
            (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80 || (first & 0xffc0) == 0xfec0
        }
    }
}

/// Splits a proxy value into the value without `user:password@` and the removed user-info.
pub fn strip_userinfo(value: &str) -> (String, Option<String>) {
    let v = value.trim();
    let (scheme, rest) = match v.find("://") {
        Some(i) => (&v[..i + 3], &v[i + 3..]),
        None => ("", v),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match authority.rfind('@') {
        Some(at) => (
            format!("{scheme}{}{}", &authority[at + 1..], &rest[authority_end..]),
            Some(authority[..at].to_string()),
        ),
        None => (v.to_string(), None),
    }
}

/// The host of a proxy value (`http://proxy.corp:3128` → `proxy.corp`), after user-info is removed.
pub fn proxy_host(value_without_userinfo: &str) -> Option<String> {
    let v = value_without_userinfo;
    let rest = v.find("://").map_or(v, |i| &v[i + 3..]);
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = if let Some(inner) = authority.strip_prefix('[') {
        inner.split(']').next().unwrap_or("")
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    (!host.is_empty()).then(|| host.to_string())
}

/// Percent-decodes user-info (`p%40ss` → `p@ss`), so both spellings can be redacted.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Loopback and unspecified addresses: never identifying.
pub fn is_loopback(ip: &IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => a.is_loopback() || a.is_unspecified(),
        IpAddr::V6(a) => *a == Ipv6Addr::LOCALHOST || a.is_unspecified(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_and_key_shaped_strings_go_everywhere() {
        let mut r = Redactor::new(false);
        r.secret("hunter2-secret", "[REDACTED:proxy-password]");
        let s = r.redact("auth hunter2-secret and sk-proj-abcdefghijklmnopqrstuvwxyz012345 but not sk-short");
        assert_eq!(
            s,
            "auth [REDACTED:proxy-password] and [REDACTED:api-key] but not sk-short"
        );
        // Without --anonymize, addresses stay.
        assert_eq!(r.redact("10.1.2.3"), "10.1.2.3");
    }

    #[test]
    fn private_addresses_get_stable_placeholders_and_keep_ports() {
        let mut r = Redactor::new(true);
        r.address("203.0.113.9".parse().unwrap(), "[public-address]");
        let s = r.redact(
            "ip=203.0.113.9 via 10.0.0.1:53, 192.168.1.20. then 10.0.0.1 and [fd00::53]:53; not 8.8.8.8 nor 127.0.0.1 nor 2024-01-02T03:04:05Z",
        );
        assert_eq!(
            s,
            "ip=[public-address] via [private-address-1]:53, [private-address-2]. then [private-address-1] and [[private-address-3]]:53; not 8.8.8.8 nor 127.0.0.1 nor 2024-01-02T03:04:05Z"
        );
        assert!(is_private(&"100.64.1.1".parse().unwrap()));
        assert!(is_private(&"fe80::1".parse().unwrap()));
        assert!(!is_private(&"2001:db8::1".parse().unwrap()));
    }

    #[test]
    fn names_are_replaced_as_whole_names_in_any_case() {
        let mut r = Redactor::new(true);
        r.name("corp-7f3a.example", "[domain-1]");
        r.name("Build-Box", "[hostname]");
        let s = r.redact(
            "build-box.CORP-7f3a.example and fs.corp-7f3a.example; not mycorp-7f3a.example nor build-boxes",
        );
        assert_eq!(
            s,
            "[hostname].[domain-1] and fs.[domain-1]; not mycorp-7f3a.example nor build-boxes"
        );
        assert!(!r.name("x", "[y]"));
        // Chinese text runs into names without a space; the name still goes.
        assert_eq!(
            r.redact("无法连接corp-7f3a.example：build-box的解析器"),
            "无法连接[domain-1]：[hostname]的解析器"
        );
    }

    #[test]
    fn json_vocabulary_is_left_alone() {
        let mut r = Redactor::new(true);
        r.name("web", "[hostname]");
        let mut v =
            serde_json::json!({"surface": "web", "summary": "the web works", "working_surfaces": ["web"]});
        r.redact_json(&mut v);
        assert_eq!(v["surface"], "web");
        assert_eq!(v["working_surfaces"][0], "web");
        assert_eq!(v["summary"], "the [hostname] works");
    }

    #[test]
    fn proxy_values_lose_their_credentials() {
        assert_eq!(
            strip_userinfo("http://alice:s%40cret@proxy.corp.example:3128/"),
            (
                "http://proxy.corp.example:3128/".to_string(),
                Some("alice:s%40cret".to_string())
            )
        );
        assert_eq!(strip_userinfo("proxy:3128"), ("proxy:3128".to_string(), None));
        assert_eq!(
            strip_userinfo("u:p@proxy:3128"),
            ("proxy:3128".to_string(), Some("u:p".into()))
        );
        assert_eq!(
            proxy_host("http://proxy.corp.example:3128/").as_deref(),
            Some("proxy.corp.example")
        );
        assert_eq!(proxy_host("http://[fd00::1]:3128").as_deref(), Some("fd00::1"));
        assert_eq!(percent_decode("s%40cret%"), "s@cret%");
    }
}
