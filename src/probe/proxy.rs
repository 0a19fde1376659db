//! The proxy stage: which proxy applies to a target, and the tunnel through it.
//!
//! **Settings** ([`ProxySettings`]) follow curl, whose flag names this tool shares:
//!
//! * `-x/--proxy URL` overrides every variable; `--proxy ""` turns proxies off (as in curl).
//! * Otherwise, for an `https://` target: `https_proxy`, then `HTTPS_PROXY`, then `all_proxy`,
//!   then `ALL_PROXY`; for an `http://` target: `http_proxy`, then `HTTP_PROXY`, then the same
//!   `ALL_PROXY` pair. The lower-case name wins, as in curl (and wget, Python's urllib, libcurl
//!   users), because that is what most tools on a Unix machine do; Go programs read the upper-case
//!   name first, which is why a disagreement between the two is a warning.
//! * One deliberate difference from curl: curl never reads the upper-case `HTTP_PROXY` (a guard
//!   for CGI programs, where a request's `Proxy:` header becomes `HTTP_PROXY`). A command-line
//!   doctor runs in no CGI environment, and Go, Python, Node and most other clients honour
//!   `HTTP_PROXY`, so it is honoured here as the fallback after `http_proxy`.
//! * An empty variable counts as unset (curl's `curl_getenv` does the same). A malformed one is
//!   reported by [`ProxySettings::warnings`] and passed over, so the next one in the order applies
//!   (the doctor then still measures what a working setting would do); a malformed `--proxy` is a
//!   usage error.
//! * `--noproxy LIST` overrides `no_proxy`/`NO_PROXY` (lower case first); both apply to a
//!   `--proxy` proxy too, as in curl. Entries are separated by commas or white space: `*` (every
//!   host), a domain (`example.com`, `.example.com` and `*.example.com` all match `example.com`
//!   and its subdomains), an IP address, a CIDR range (`10.0.0.0/8`, `fd00::/8`), each optionally
//!   with `:PORT` (`[::1]:8080` for IPv6), matching only that port.
//! * Schemes: `http://`, `socks5://` (the name is resolved here, the proxy gets an address) and
//!   `socks5h://` (the proxy resolves the name). A URL without a scheme is `http://`. A URL without
//!   a port uses 1080 as in curl — other tools use 80 for `http://`, so that case is a warning.
//!
//! **Credentials** in a proxy URL are kept private: they go only into the `Proxy-Authorization`
//! header or the SOCKS5 username/password exchange. [`ProxyConfig::display`], its `Debug`, every
//! warning and every [`ProxyDetail`] show the proxy without them, and what a proxy sends back is
//! scrubbed of them before it is recorded.
//!
//! **The stage** ([`connect_via`]) measures TCP to the proxy (a `tcp` stage, with the tcp failure
//! strings; a proxy name that does not resolve fails it with a dns string) and then the CONNECT or
//! SOCKS5 handshake (the `proxy` stage): `proxy_auth_required` (407, or SOCKS5 credentials missing
//! or refused), `proxy_denied` (403, or SOCKS5 "connection not allowed by ruleset"), `proxy_error`
//! (any other non-2xx answer, an answer that is not HTTP, any other SOCKS5 error),
//! `generic_timeout_error`, and `eof_error`/`connection_reset` when the proxy hangs up. Every read
//! is bounded by the stage timeout and a byte cap.

use crate::i18n::Message;
use crate::msg;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use base64::Engine as _;
use ipnet::IpNet;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use url::{Host, Url};

use super::observation::{Failure, ProxyDetail, Stage, TcpDetail};
use crate::route::{ProxyScheme, bracket};

/// curl's port for a proxy URL that names none (for `http://` proxies too).
pub const DEFAULT_PORT: u16 = 1080;
/// The most bytes a CONNECT answer's head may take.
pub const HEAD_CAP: usize = 16 * 1024;
/// The most bytes of a refusal's body that are read.
const BODY_READ_CAP: usize = 16 * 1024;
/// Characters kept of a refusal's body.
pub const EXCERPT_CHARS: usize = 300;
/// The longest wait for a refusal's body once its head arrived (within the stage timeout).
const BODY_WAIT: Duration = Duration::from_secs(2);
/// Response headers of a CONNECT answer worth keeping (lower case).
const KEPT_HEADERS: &[&str] = &[
    "proxy-authenticate",
    "server",
    "via",
    "content-type",
    "x-squid-error",
    "location",
];
/// Longest text of a header value or reason phrase kept.
const VALUE_CHARS: usize = 200;

/// One proxy, with where its setting came from. Credentials stay private: see the module docs.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyConfig {
    pub scheme: ProxyScheme,
    /// The setting it came from: `--proxy`, `HTTPS_PROXY`, `https_proxy`, `ALL_PROXY`, …
    pub source: String,
    /// Lower case, IPv6 without brackets.
    host: String,
    port: u16,
    port_given: bool,
    /// Percent-decoded userinfo.
    username: String,
    password: Option<String>,
}

impl fmt::Debug for ProxyConfig {
    // By hand, so that credentials can never reach a log or a panic message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("proxy", &self.display())
            .field("source", &self.source)
            .field("credentials", &self.has_credentials())
            .finish()
    }
}

impl ProxyConfig {
    /// Parses a proxy URL from setting `source`. The error names the setting and shows the value
    /// without credentials.
    pub fn parse(value: &str, source: &str) -> Result<ProxyConfig, Message> {
        let raw = value.trim();
        let fail = |why: Message| {
            msg!(
                "proxy-url-unusable",
                source = source,
                value = redact_raw(raw),
                why = why
            )
        };
        if raw.is_empty() {
            return Err(msg!("proxy-setting-empty", source = source));
        }
        let (scheme_text, rest) = match raw.split_once("://") {
            Some((s, r)) => (s.to_ascii_lowercase(), r),
            None => ("http".to_string(), raw),
        };
        let scheme = match scheme_text.as_str() {
            "http" => ProxyScheme::Http,
            "socks5" => ProxyScheme::Socks5,
            "socks5h" => ProxyScheme::Socks5h,
            "https" => return Err(fail(msg!("proxy-url-https"))),
            other if is_scheme_token(other) => {
                return Err(fail(msg!("proxy-url-scheme", scheme = other)));
            }
            _ => return Err(fail(msg!("proxy-url-no-scheme"))),
        };
        // A non-special scheme keeps an explicit default port (`http://p:80`), which `url` drops
        // for `http:`; whether a port was given decides between it and curl's 1080.
        let url = Url::parse(&format!("proxy://{rest}"))
            .map_err(|e| fail(msg!("proxy-url-invalid", error = e.to_string())))?;
        let host = match url.host() {
            Some(Host::Ipv6(ip)) => ip.to_string(),
            Some(Host::Ipv4(ip)) => ip.to_string(),
            Some(Host::Domain(d)) => d.to_ascii_lowercase(),
            None => return Err(fail(msg!("proxy-url-no-host"))),
        };
        if host.is_empty() {
            return Err(fail(msg!("proxy-url-no-host")));
        }
        if host.parse::<IpAddr>().is_err()
            && !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        {
            return Err(fail(msg!("proxy-url-bad-host")));
        }
        let port = url.port();
        if port == Some(0) {
            return Err(fail(msg!("proxy-url-port-zero")));
        }
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8_lossy()
                .into_owned()
        };
        Ok(ProxyConfig {
            scheme,
            source: source.to_string(),
            host,
            port: port.unwrap_or(DEFAULT_PORT),
            port_given: port.is_some(),
            username: decode(url.username()),
            password: url.password().map(decode),
        })
    }

    /// The proxy as a URL without credentials, with its port: `http://proxy.example:3128`.
    pub fn display(&self) -> String {
        format!("{}://{}:{}", self.scheme.as_str(), bracket(&self.host), self.port)
    }

    /// True when the URL carries a user name or a password.
    pub fn has_credentials(&self) -> bool {
        !self.username.is_empty() || self.password.is_some()
    }

    /// The proxy's host (IPv6 without brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The proxy's port (1080 when the URL names none).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// True when the URL named the port.
    pub fn port_given(&self) -> bool {
        self.port_given
    }

    /// The same proxy and the same credentials.
    fn same_as(&self, other: &ProxyConfig) -> bool {
        self.scheme == other.scheme
            && self.host == other.host
            && self.port == other.port
            && self.username == other.username
            && self.password == other.password
    }

    /// `user:password` in Base64, for `Proxy-Authorization: Basic`.
    pub(crate) fn basic_token(&self) -> Option<String> {
        self.has_credentials().then(|| {
            let pair = format!("{}:{}", self.username, self.password.as_deref().unwrap_or(""));
            base64::engine::general_purpose::STANDARD.encode(pair)
        })
    }

    /// Removes the credentials (and their Basic token) from text a proxy sent back.
    fn scrub(&self, text: &str) -> String {
        let mut out = text.to_string();
        let mut secrets: Vec<String> = Vec::new();
        if let Some(t) = self.basic_token() {
            secrets.push(t);
        }
        if let Some(p) = &self.password {
            secrets.push(format!("{}:{p}", self.username));
            // Very short passwords would garble the text everywhere they happen to occur.
            if p.chars().count() >= 4 {
                secrets.push(p.clone());
            }
        }
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for s in secrets.iter().filter(|s| !s.is_empty() && s.as_str() != ":") {
            out = out.replace(s.as_str(), "***");
        }
        out
    }
}

/// Shows a raw setting with anything before its last `@` (the userinfo) replaced by `***`, so a
/// malformed value can be quoted without its credentials.
fn redact_raw(raw: &str) -> String {
    let clean: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let shown = match clean.rfind('@') {
        None => clean.clone(),
        Some(at) => {
            // Keep the scheme only when it is one (a `user:pw@host://` typo must not show `pw`).
            let prefix = clean
                .find("://")
                .filter(|&i| i < at && is_scheme_token(&clean[..i]))
                .map_or("", |i| &clean[..i + 3]);
            format!("{prefix}***@{}", &clean[at + 1..])
        }
    };
    truncate_chars(&shown, VALUE_CHARS)
}

/// Letters, digits, `+`, `-` and `.`, as in a URL scheme, at most 20 of them.
fn is_scheme_token(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 20
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// What one `NO_PROXY` entry matches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rule {
    All,
    /// Lower case, without leading `.`/`*.` or trailing `.`.
    Domain(String),
    Ip(IpAddr),
    Net(IpNet),
}

/// One `NO_PROXY` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NoProxyEntry {
    /// As written.
    text: String,
    rule: Rule,
    port: Option<u16>,
}

impl NoProxyEntry {
    fn parse(text: &str) -> Result<NoProxyEntry, Message> {
        let entry = |rule, port| NoProxyEntry {
            text: text.to_string(),
            rule,
            port,
        };
        if text == "*" {
            return Ok(entry(Rule::All, None));
        }
        if text.contains('/') {
            return text
                .parse::<IpNet>()
                .map(|net| entry(Rule::Net(net.trunc()), None))
                .map_err(|_| msg!("noproxy-bad-range", entry = text));
        }
        let unbracketed = text
            .strip_prefix('[')
            .and_then(|s| s.strip_suffix(']'))
            .unwrap_or(text);
        if let Ok(ip) = unbracketed.parse::<IpAddr>() {
            return Ok(entry(Rule::Ip(ip), None));
        }
        if let Ok(sa) = text.parse::<SocketAddr>() {
            if sa.port() == 0 {
                return Err(msg!("noproxy-bad-port", entry = text, port = "0"));
            }
            return Ok(entry(Rule::Ip(sa.ip()), Some(sa.port())));
        }
        let (host, port) = match text.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => match p.parse::<u16>() {
                Ok(p) if p > 0 => (h, Some(p)),
                _ => return Err(msg!("noproxy-bad-port", entry = text, port = p)),
            },
            Some(_) => return Err(msg!("noproxy-bad-entry", entry = text)),
            None => (text, None),
        };
        let domain = host
            .strip_prefix("*.")
            .or_else(|| host.strip_prefix('.'))
            .unwrap_or(host)
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let valid = !domain.is_empty()
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !valid {
            return Err(msg!("noproxy-bad-entry", entry = text));
        }
        Ok(entry(Rule::Domain(domain), port))
    }

    fn matches(&self, host: &Host<String>, port: u16) -> bool {
        if self.port.is_some_and(|p| p != port) {
            return false;
        }
        let ip = match host {
            Host::Ipv4(a) => Some(IpAddr::V4(*a)),
            Host::Ipv6(a) => Some(IpAddr::V6(*a)),
            Host::Domain(_) => None,
        };
        match (&self.rule, host) {
            (Rule::All, _) => true,
            (Rule::Domain(d), Host::Domain(h)) => {
                let h = h.trim_end_matches('.').to_ascii_lowercase();
                h == *d || h.strip_suffix(d.as_str()).is_some_and(|rest| rest.ends_with('.'))
            }
            (Rule::Ip(want), _) => ip.is_some_and(|ip| canonical(ip) == canonical(*want)),
            (Rule::Net(net), _) => ip.is_some_and(|ip| net.contains(&ip) || net.contains(&canonical(ip))),
            _ => false,
        }
    }
}

/// IPv4-mapped IPv6 addresses as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Splits a `NO_PROXY` list: entries, and the complaints about the ones that are malformed.
fn parse_no_proxy(list: &str) -> (Vec<NoProxyEntry>, Vec<Message>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for text in list
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        match NoProxyEntry::parse(text) {
            Ok(e) => entries.push(e),
            Err(e) => bad.push(e),
        }
    }
    (entries, bad)
}

/// The `NO_PROXY` list in force and where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct NoProxy {
    source: Option<String>,
    entries: Vec<NoProxyEntry>,
}

/// How a target is reached, and which setting decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route<'a> {
    /// No proxy is set for the target's scheme.
    Direct,
    /// `--proxy ""` turned proxies off.
    Disabled,
    /// A proxy is set, but a `NO_PROXY` entry matches the target.
    Bypassed {
        /// The entry as written.
        entry: &'a str,
        /// `--noproxy`, `no_proxy` or `NO_PROXY`.
        source: &'a str,
    },
    /// Through this proxy.
    Proxy(&'a ProxyConfig),
}

impl Route<'_> {
    /// One line for people, without credentials.
    pub fn describe(&self) -> String {
        match self {
            Route::Direct => "direct (no proxy is set for this scheme)".to_string(),
            Route::Disabled => "direct (--proxy \"\" turns proxies off)".to_string(),
            Route::Bypassed { entry, source } => format!("direct ({source} entry '{entry}' matches)"),
            Route::Proxy(p) => format!("through {} (from {})", p.display(), p.source),
        }
    }
}

/// The proxy settings of a run, from the environment and the flags (precedence: module docs).
#[derive(Debug, Clone, Default)]
pub struct ProxySettings {
    https: Option<ProxyConfig>,
    http: Option<ProxyConfig>,
    all: Option<ProxyConfig>,
    /// `--proxy ""`.
    disabled: bool,
    no_proxy: NoProxy,
    warnings: Vec<Message>,
    malformed: Vec<String>,
}

/// The proxy variables, in the order they are read.
pub const PROXY_VARIABLES: [&str; 6] = [
    "https_proxy",
    "HTTPS_PROXY",
    "http_proxy",
    "HTTP_PROXY",
    "all_proxy",
    "ALL_PROXY",
];

impl ProxySettings {
    /// Reads the proxy variables through `env` (`|name| std::env::var(name).ok()`), then applies
    /// `-x/--proxy` and `--noproxy`. Malformed variables become warnings; a malformed flag is an
    /// error (a usage error for the caller).
    pub fn from_sources(
        env: impl Fn(&str) -> Option<String>,
        proxy_flag: Option<&str>,
        noproxy_flag: Option<&str>,
    ) -> Result<ProxySettings, Message> {
        let read = |name: &str| env(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let mut warnings = Vec::new();
        let mut malformed = Vec::new();

        let mut parsed: Vec<(&str, Option<ProxyConfig>)> = Vec::new();
        for name in PROXY_VARIABLES {
            let config = match read(name) {
                None => None,
                Some(value) => match ProxyConfig::parse(&value, name) {
                    Ok(c) => Some(c),
                    Err(e) => {
                        warnings.push(msg!("proxy-variable-ignored", problem = e));
                        malformed.push(name.to_string());
                        None
                    }
                },
            };
            parsed.push((name, config));
        }
        for pair in PROXY_VARIABLES.chunks(2) {
            let (lower, upper) = (pair[0], pair[1]);
            if let (Some(a), Some(b)) = (read(lower), read(upper))
                && let Some(w) = disagreement(lower, &a, upper, &b)
            {
                warnings.push(w);
            }
        }
        let pick = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| parsed.iter().find(|(m, _)| m == n).and_then(|(_, c)| c.clone()))
        };

        let mut settings = ProxySettings::default();
        match proxy_flag.map(str::trim) {
            Some("") => settings.disabled = true,
            Some(value) => {
                let c = ProxyConfig::parse(value, "--proxy")?;
                settings.https = Some(c.clone());
                settings.http = Some(c.clone());
                settings.all = Some(c);
            }
            None => {
                settings.all = pick(&["all_proxy", "ALL_PROXY"]);
                settings.https = pick(&["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]);
                settings.http = pick(&["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]);
            }
        }
        let mut portless: Vec<&ProxyConfig> = Vec::new();
        for c in [&settings.https, &settings.http, &settings.all]
            .into_iter()
            .flatten()
        {
            if c.scheme == ProxyScheme::Http
                && !c.port_given
                && !portless.iter().any(|p| p.source == c.source)
            {
                portless.push(c);
            }
        }
        for c in portless {
            warnings.push(msg!(
                "proxy-no-port",
                source = &c.source,
                proxy = c.display(),
                port = DEFAULT_PORT
            ));
        }

        settings.no_proxy = match noproxy_flag {
            Some(list) => {
                let (entries, bad) = parse_no_proxy(list);
                if let Some(b) = bad.into_iter().next() {
                    return Err(msg!("noproxy-flag-bad", problem = b));
                }
                NoProxy {
                    source: Some("--noproxy".to_string()),
                    entries,
                }
            }
            None => {
                let found = ["no_proxy", "NO_PROXY"]
                    .into_iter()
                    .find_map(|name| read(name).map(|v| (name, v)));
                match found {
                    None => NoProxy::default(),
                    Some((name, list)) => {
                        let (entries, bad) = parse_no_proxy(&list);
                        for b in bad {
                            warnings.push(msg!("noproxy-entry-ignored", source = name, problem = b));
                        }
                        NoProxy {
                            source: Some(name.to_string()),
                            entries,
                        }
                    }
                }
            }
        };
        if let (Some(a), Some(b)) = (read("no_proxy"), read("NO_PROXY")) {
            let norm = |s: &str| -> Vec<String> {
                s.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|e| !e.is_empty())
                    .map(str::to_ascii_lowercase)
                    .collect()
            };
            if norm(&a) != norm(&b) {
                warnings.push(msg!(
                    "noproxy-disagree",
                    lower = truncate_chars(&a, VALUE_CHARS),
                    upper = truncate_chars(&b, VALUE_CHARS)
                ));
            }
        }
        settings.warnings = warnings;
        settings.malformed = malformed;
        Ok(settings)
    }

    /// The proxy for a target URL: `https://` (and `wss://`) → the HTTPS setting, `http://` (and
    /// `ws://`) → the HTTP setting, each falling back to `ALL_PROXY`; `None` when the target goes
    /// direct (see [`ProxySettings::route`] for why).
    pub fn for_url(&self, url: &Url) -> Option<&ProxyConfig> {
        match self.route(url) {
            Route::Proxy(p) => Some(p),
            _ => None,
        }
    }

    /// How a target URL is reached and which setting decided it.
    pub fn route(&self, url: &Url) -> Route<'_> {
        if self.disabled {
            return Route::Disabled;
        }
        let config = match url.scheme() {
            "https" | "wss" => self.https.as_ref(),
            "http" | "ws" => self.http.as_ref(),
            _ => self.all.as_ref(),
        };
        let Some(config) = config else {
            return Route::Direct;
        };
        if let (Some(host), Some(port)) = (url.host(), url.port_or_known_default()) {
            let host = host.to_owned();
            if let Some(e) = self.no_proxy.entries.iter().find(|e| e.matches(&host, port)) {
                return Route::Bypassed {
                    entry: &e.text,
                    source: self.no_proxy.source.as_deref().unwrap_or("NO_PROXY"),
                };
            }
        }
        Route::Proxy(config)
    }

    /// The proxies configured, by the scheme of target they serve (`https`, `http`, `other`);
    /// one proxy may serve several.
    pub fn proxies(&self) -> Vec<(&'static str, &ProxyConfig)> {
        [("https", &self.https), ("http", &self.http), ("other", &self.all)]
            .into_iter()
            .filter_map(|(scope, c)| c.as_ref().map(|c| (scope, c)))
            .collect()
    }

    /// True when any proxy applies to some target (before `NO_PROXY`).
    pub fn any_proxy(&self) -> bool {
        !self.disabled && (self.https.is_some() || self.http.is_some() || self.all.is_some())
    }

    /// True when `--proxy ""` turned proxies off.
    pub fn disabled(&self) -> bool {
        self.disabled
    }

    /// Where the `NO_PROXY` list in force came from (`--noproxy`, `no_proxy`, `NO_PROXY`).
    pub fn no_proxy_source(&self) -> Option<&str> {
        self.no_proxy.source.as_deref()
    }

    /// The `NO_PROXY` entries in force, as written (malformed ones left out).
    pub fn no_proxy_entries(&self) -> Vec<&str> {
        self.no_proxy.entries.iter().map(|e| e.text.as_str()).collect()
    }

    /// Human warnings: upper- and lower-case variables that disagree, malformed variables or
    /// `NO_PROXY` entries, a proxy URL without a port. Never carries credentials.
    pub fn warnings(&self) -> &[Message] {
        &self.warnings
    }

    /// The names of the proxy variables that are set but malformed.
    pub fn malformed(&self) -> &[String] {
        &self.malformed
    }
}

/// A warning when `lower` and `upper` name different proxies, quoting both without credentials.
fn disagreement(lower: &str, a: &str, upper: &str, b: &str) -> Option<Message> {
    let pa = ProxyConfig::parse(a, lower).ok();
    let pb = ProxyConfig::parse(b, upper).ok();
    let shown = |raw: &str, p: &Option<ProxyConfig>| match p {
        Some(p) => p.display(),
        None => redact_raw(raw),
    };
    match (&pa, &pb) {
        (Some(x), Some(y)) if x.same_as(y) => None,
        (Some(x), Some(y)) if x.display() == y.display() => Some(msg!(
            "proxy-credentials-disagree",
            lower = lower,
            upper = upper,
            proxy = x.display()
        )),
        _ if a == b => None,
        _ => Some(msg!(
            "proxy-disagree",
            lower = lower,
            upper = upper,
            lower_value = shown(a, &pa),
            upper_value = shown(b, &pb)
        )),
    }
}

impl ProxyDetail {
    fn new(proxy: &ProxyConfig) -> Self {
        ProxyDetail {
            proxy: proxy.display(),
            source: proxy.source.clone(),
            scheme: proxy.scheme,
            credentials_sent: proxy.has_credentials(),
            status: None,
            reason: None,
            headers: Vec::new(),
            body_excerpt: None,
        }
    }
}

/// What [`connect_via`] measured, and the tunnel when it opened.
#[derive(Debug)]
pub struct ProxyOutcome {
    /// TCP to the proxy itself.
    pub tcp: Stage<TcpDetail>,
    /// The CONNECT or SOCKS5 handshake (skipped when `tcp` failed).
    pub proxy: Stage<ProxyDetail>,
    /// The tunnel to `host:port`, ready for TLS.
    pub stream: Option<TcpStream>,
}

/// Opens a tunnel to `host:port` (a name, or an address; IPv6 with or without brackets) through
/// `proxy`: TCP to the proxy, then CONNECT or SOCKS5. Each of the two stages gets `timeout`.
pub async fn connect_via(proxy: &ProxyConfig, host: &str, port: u16, timeout: Duration) -> ProxyOutcome {
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let (tcp, stream) = connect_to_proxy(proxy, timeout).await;
    let Some(stream) = stream else {
        return ProxyOutcome {
            tcp,
            proxy: Stage::skipped(crate::probe::SkipReason::ProxyTcpFailed),
            stream: None,
        };
    };
    let (stage, stream) = match proxy.scheme {
        ProxyScheme::Http => http_connect(proxy, stream, host, port, timeout).await,
        ProxyScheme::Socks5 | ProxyScheme::Socks5h => socks_connect(proxy, stream, host, port, timeout).await,
    };
    ProxyOutcome {
        tcp,
        proxy: stage,
        stream,
    }
}

/// Resolves the proxy's name (when it is one) and connects, within `timeout` in all.
pub(crate) async fn connect_to_proxy(
    proxy: &ProxyConfig,
    timeout: Duration,
) -> (Stage<TcpDetail>, Option<TcpStream>) {
    let start = Instant::now();
    let addrs: Vec<SocketAddr> = match proxy.host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, proxy.port)],
        Err(_) => match resolve(&proxy.host, proxy.port, timeout).await {
            Ok(addrs) => addrs,
            Err((failure, why)) => {
                let message = format!("could not resolve the proxy's host {}: {why}", proxy.host);
                return (Stage::failed(start.elapsed(), failure, message), None);
            }
        },
    };
    let remaining = timeout.saturating_sub(start.elapsed());
    if remaining.is_zero() {
        let message = "resolving the proxy's host took the whole timeout";
        return (
            Stage::failed(start.elapsed(), Failure::GenericTimeoutError, message),
            None,
        );
    }
    super::tcp::connect(&addrs, remaining).await
}

/// The system resolver (getaddrinfo), bounded by `timeout`.
async fn resolve(host: &str, port: u16, timeout: Duration) -> Result<Vec<SocketAddr>, (Failure, String)> {
    match tokio::time::timeout(timeout, tokio::net::lookup_host((host, port))).await {
        Err(_) => Err((
            Failure::GenericTimeoutError,
            format!("no answer within {:.1} s", timeout.as_secs_f64()),
        )),
        Ok(Err(e)) => Err((resolve_failure(&e), e.to_string())),
        Ok(Ok(addrs)) => {
            let addrs: Vec<SocketAddr> = addrs.collect();
            if addrs.is_empty() {
                Err((Failure::DnsNoAnswer, "no address".to_string()))
            } else {
                Ok(addrs)
            }
        }
    }
}

/// getaddrinfo's errors reach Rust only as text (`gai_strerror`).
fn resolve_failure(e: &std::io::Error) -> Failure {
    let text = e.to_string().to_ascii_lowercase();
    if text.contains("not known")
        || text.contains("no address associated")
        || text.contains("nodename nor servname")
    {
        Failure::DnsNxdomainError
    } else {
        Failure::DnsTemporaryFailure
    }
}

/// A stage failure with the detail kept.
fn failed(
    start: Instant,
    failure: Failure,
    message: impl Into<String>,
    detail: ProxyDetail,
) -> Stage<ProxyDetail> {
    let mut stage = Stage::failed(start.elapsed(), failure, message);
    stage.detail = Some(detail);
    stage
}

/// What was read of a CONNECT answer's head.
struct Head {
    status: u16,
    reason: String,
    headers: Vec<(String, String)>,
    length: Option<usize>,
    chunked: bool,
    /// Bytes after the head, already read.
    rest: Vec<u8>,
}

/// `CONNECT host:port`, read the answer's head; on a refusal, a capped excerpt of its body.
async fn http_connect(
    proxy: &ProxyConfig,
    mut stream: TcpStream,
    host: &str,
    port: u16,
    timeout: Duration,
) -> (Stage<ProxyDetail>, Option<TcpStream>) {
    let start = Instant::now();
    let deadline = tokio::time::Instant::now() + timeout;
    let mut detail = ProxyDetail::new(proxy);
    let authority = format!("{}:{port}", bracket(host));
    let mut request = format!(
        "CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: {}\r\nProxy-Connection: Keep-Alive\r\n",
        super::http::USER_AGENT
    );
    if let Some(token) = proxy.basic_token() {
        request.push_str(&format!("Proxy-Authorization: Basic {token}\r\n"));
    }
    request.push_str("\r\n");
    let timed_out = |what: &str| format!("the proxy did not {what} within {:.1} s", timeout.as_secs_f64());

    match tokio::time::timeout_at(deadline, stream.write_all(request.as_bytes())).await {
        Err(_) => {
            let message = timed_out("take the CONNECT request");
            return (failed(start, Failure::GenericTimeoutError, message, detail), None);
        }
        Ok(Err(e)) => {
            let message = format!("sending CONNECT to the proxy: {e}");
            return (failed(start, Failure::from_io(&e), message, detail), None);
        }
        Ok(Ok(())) => {}
    }

    let head = match read_head(&mut stream, deadline).await {
        Ok(head) => head,
        Err(HeadError::Timeout) => {
            let message = timed_out("answer CONNECT");
            return (failed(start, Failure::GenericTimeoutError, message, detail), None);
        }
        Err(HeadError::Io(e)) => {
            let message = format!("reading the proxy's answer to CONNECT: {e}");
            return (failed(start, Failure::from_io(&e), message, detail), None);
        }
        Err(HeadError::Eof { partial }) => {
            let message = if partial {
                "the proxy closed the connection in the middle of its answer to CONNECT"
            } else {
                "the proxy closed the connection without answering CONNECT"
            };
            return (failed(start, Failure::EofError, message, detail), None);
        }
        Err(HeadError::TooLarge) => {
            let message = format!("the proxy's answer to CONNECT has a head larger than {HEAD_CAP} bytes");
            return (failed(start, Failure::ProxyError, message, detail), None);
        }
        Err(HeadError::NotHttp { why, bytes }) => {
            detail.body_excerpt = excerpt(&bytes, false).map(|t| proxy.scrub(&t));
            let message = format!("the proxy's answer to CONNECT is not HTTP ({why}); is it an HTTP proxy?");
            return (failed(start, Failure::ProxyError, message, detail), None);
        }
    };
    let duration = start.elapsed();
    detail.status = Some(head.status);
    detail.reason = Some(proxy.scrub(&printable(&head.reason, VALUE_CHARS))).filter(|r| !r.is_empty());
    detail.headers = head
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), proxy.scrub(&printable(v, VALUE_CHARS))))
        .collect();

    if (200..300).contains(&head.status) {
        if !head.rest.is_empty() {
            let message = format!(
                "the proxy sent {} bytes after its {} answer, before the tunnel was used",
                head.rest.len(),
                head.status
            );
            return (failed(start, Failure::ProxyError, message, detail), None);
        }
        return (Stage::ok(duration, detail), Some(stream));
    }

    let html = head
        .headers
        .iter()
        .any(|(k, v)| k == "content-type" && v.to_ascii_lowercase().contains("html"));
    let body_deadline = deadline.min(tokio::time::Instant::now() + BODY_WAIT);
    let body = read_body(&mut stream, &head, body_deadline).await;
    detail.body_excerpt = excerpt(&body, html).map(|t| proxy.scrub(&t));

    let status_text = match detail.reason.as_deref() {
        Some(r) => format!("{} {r}", head.status),
        None => head.status.to_string(),
    };
    let (failure, message) = match head.status {
        407 => {
            let wants = detail
                .header("proxy-authenticate")
                .map(|a| format!("; it asks for: {a}"))
                .unwrap_or_default();
            let message = if detail.credentials_sent {
                format!(
                    "the proxy refused the credentials from {} ({status_text}){wants}",
                    proxy.source
                )
            } else {
                format!(
                    "the proxy wants credentials ({status_text}) and {} carries none{wants}",
                    proxy.source
                )
            };
            (Failure::ProxyAuthRequired, message)
        }
        403 => (
            Failure::ProxyDenied,
            format!("the proxy refused CONNECT {authority} ({status_text})"),
        ),
        _ => (
            Failure::ProxyError,
            format!("the proxy answered CONNECT {authority} with {status_text}"),
        ),
    };
    let mut stage = failed(start, failure, message, detail);
    stage.duration = Some(duration);
    (stage, None)
}

enum HeadError {
    Timeout,
    Io(std::io::Error),
    Eof { partial: bool },
    TooLarge,
    NotHttp { why: String, bytes: Vec<u8> },
}

/// Reads until a complete response head (parsed by httparse), `HEAD_CAP` bytes, or `deadline`.
async fn read_head(stream: &mut TcpStream, deadline: tokio::time::Instant) -> Result<Head, HeadError> {
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let want = (HEAD_CAP - buf.len()).min(chunk.len());
        let n = match tokio::time::timeout_at(deadline, stream.read(&mut chunk[..want])).await {
            Err(_) => return Err(HeadError::Timeout),
            Ok(Err(e)) => return Err(HeadError::Io(e)),
            Ok(Ok(n)) => n,
        };
        if n == 0 {
            return Err(HeadError::Eof {
                partial: !buf.is_empty(),
            });
        }
        buf.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(&buf) {
            Ok(httparse::Status::Complete(len)) => {
                let status = response.code.unwrap_or(0);
                let reason = response.reason.unwrap_or("").to_string();
                let mut kept = Vec::new();
                let mut length = None;
                let mut chunked = false;
                for h in response.headers.iter() {
                    let name = h.name.to_ascii_lowercase();
                    let value = String::from_utf8_lossy(h.value).trim().to_string();
                    match name.as_str() {
                        "content-length" => length = value.parse::<usize>().ok(),
                        "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
                        _ => {}
                    }
                    if KEPT_HEADERS.contains(&name.as_str()) {
                        kept.push((name, value));
                    }
                }
                return Ok(Head {
                    status,
                    reason,
                    headers: kept,
                    length,
                    chunked,
                    rest: buf[len..].to_vec(),
                });
            }
            Ok(httparse::Status::Partial) if buf.len() >= HEAD_CAP => return Err(HeadError::TooLarge),
            Ok(httparse::Status::Partial) => {}
            Err(e) => {
                return Err(HeadError::NotHttp {
                    why: e.to_string(),
                    bytes: buf,
                });
            }
        }
    }
}

/// Reads a refusal's body: up to its length, the end of its chunks, the connection's end,
/// `BODY_READ_CAP` bytes or `deadline`, whichever comes first. Returns the (de-chunked) bytes.
async fn read_body(stream: &mut TcpStream, head: &Head, deadline: tokio::time::Instant) -> Vec<u8> {
    // No body on 1xx, 204 and 304.
    if head.status < 200 || head.status == 204 || head.status == 304 || head.length == Some(0) {
        return Vec::new();
    }
    let mut raw = head.rest.clone();
    raw.truncate(BODY_READ_CAP);
    let complete = |raw: &[u8]| {
        if head.chunked {
            dechunk(raw).1
        } else if let Some(len) = head.length {
            raw.len() >= len
        } else {
            false
        }
    };
    let mut chunk = [0u8; 4096];
    while raw.len() < BODY_READ_CAP && !complete(&raw) {
        let want = (BODY_READ_CAP - raw.len()).min(chunk.len());
        match tokio::time::timeout_at(deadline, stream.read(&mut chunk[..want])).await {
            Ok(Ok(n)) if n > 0 => raw.extend_from_slice(&chunk[..n]),
            _ => break,
        }
    }
    if head.chunked {
        dechunk(&raw).0
    } else {
        if let Some(len) = head.length {
            raw.truncate(len);
        }
        raw
    }
}

/// Decodes chunked transfer coding (sizes parsed by httparse) as far as `raw` goes; the flag says
/// whether the last chunk was seen (or the coding is broken, so there is no point reading on).
fn dechunk(raw: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        match httparse::parse_chunk_size(&raw[i..]) {
            Ok(httparse::Status::Complete((used, size))) => {
                i += used;
                if size == 0 {
                    return (out, true);
                }
                let size = usize::try_from(size).unwrap_or(usize::MAX);
                let end = i.saturating_add(size);
                if end > raw.len() {
                    out.extend_from_slice(&raw[i..]);
                    return (out, false);
                }
                out.extend_from_slice(&raw[i..end]);
                i = end + 2; // the CRLF after the data
                if i > raw.len() {
                    return (out, false);
                }
            }
            Ok(httparse::Status::Partial) => return (out, false),
            Err(_) => return (out, true),
        }
    }
}

/// The first [`EXCERPT_CHARS`] printable characters of a body; HTML is reduced to its text.
fn excerpt(body: &[u8], html: bool) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let looks_html = html || text.trim_start().starts_with('<');
    let text = if looks_html {
        html_text(&text)
    } else {
        text.into_owned()
    };
    let out = printable(&text, EXCERPT_CHARS);
    (!out.is_empty()).then_some(out)
}

/// Control characters as spaces, white space collapsed, at most `max` characters.
fn printable(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if space {
            if count + 1 >= max {
                break;
            }
            out.push(' ');
            count += 1;
            space = false;
        }
        if count >= max {
            break;
        }
        out.push(c);
        count += 1;
    }
    out
}

/// The text of an HTML page: tags, scripts, styles and comments dropped, common entities decoded.
fn html_text(html: &str) -> String {
    // ASCII lower-casing keeps byte offsets, so `lower` indexes `html`.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while i < html.len() {
        let Some(lt) = html[i..].find('<').map(|p| i + p) else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..lt]);
        out.push(' ');
        let rest = &lower[lt..];
        let skip_to = if rest.starts_with("<!--") {
            lower[lt..].find("-->").map(|p| lt + p + 3)
        } else if rest.starts_with("<script") {
            lower[lt..]
                .find("</script")
                .and_then(|p| lower[lt + p..].find('>').map(|q| lt + p + q + 1))
        } else if rest.starts_with("<style") {
            lower[lt..]
                .find("</style")
                .and_then(|p| lower[lt + p..].find('>').map(|q| lt + p + q + 1))
        } else {
            lower[lt..].find('>').map(|p| lt + p + 1)
        };
        match skip_to {
            Some(next) => i = next,
            None => break,
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The SOCKS5 handshake (tokio-socks), with username/password when the URL has them.
async fn socks_connect(
    proxy: &ProxyConfig,
    stream: TcpStream,
    host: &str,
    port: u16,
    timeout: Duration,
) -> (Stage<ProxyDetail>, Option<TcpStream>) {
    use tokio_socks::tcp::Socks5Stream;

    let start = Instant::now();
    let deadline = tokio::time::Instant::now() + timeout;
    let detail = ProxyDetail::new(proxy);
    // socks5:// resolves the target here and hands the proxy an address; socks5h:// hands it the name.
    let target: (String, u16) = if proxy.scheme == ProxyScheme::Socks5 && host.parse::<IpAddr>().is_err() {
        match resolve(host, port, timeout).await {
            Ok(addrs) => (addrs[0].ip().to_string(), port),
            Err((failure, why)) => {
                let message = format!(
                    "could not resolve {host} here (socks5:// resolves names locally; socks5h:// lets the proxy do it): {why}"
                );
                return (failed(start, failure, message, detail), None);
            }
        }
    } else {
        (host.to_string(), port)
    };
    let target_ref = (target.0.as_str(), target.1);
    let handshake = async {
        if proxy.has_credentials() {
            let password = proxy.password.as_deref().unwrap_or("");
            Socks5Stream::connect_with_password_and_socket(stream, target_ref, &proxy.username, password)
                .await
        } else {
            Socks5Stream::connect_with_socket(stream, target_ref).await
        }
    };
    match tokio::time::timeout_at(deadline, handshake).await {
        Err(_) => {
            let message = format!(
                "the SOCKS5 proxy did not complete the handshake within {:.1} s",
                timeout.as_secs_f64()
            );
            (failed(start, Failure::GenericTimeoutError, message, detail), None)
        }
        Ok(Ok(s)) => (Stage::ok(start.elapsed(), detail), Some(s.into_inner())),
        Ok(Err(e)) => {
            let (failure, message) = socks_failure(&e, proxy, host, port);
            let mut detail = detail;
            detail.reason = Some(e.to_string());
            (failed(start, failure, message, detail), None)
        }
    }
}

fn socks_failure(e: &tokio_socks::Error, proxy: &ProxyConfig, host: &str, port: u16) -> (Failure, String) {
    use tokio_socks::Error as E;
    let target = format!("{}:{port}", bracket(host));
    match e {
        E::Io(io) => (Failure::from_io(io), format!("the SOCKS5 handshake failed: {io}")),
        E::ConnectionNotAllowedByRuleset => (
            Failure::ProxyDenied,
            format!("the SOCKS5 proxy refused {target}: connection not allowed by ruleset"),
        ),
        E::NoAcceptableAuthMethods | E::UnknownAuthMethod | E::AuthorizationRequired => {
            let message = if proxy.has_credentials() {
                format!("the SOCKS5 proxy accepts none of the offered methods ({e})")
            } else {
                format!(
                    "the SOCKS5 proxy wants credentials and {} carries none ({e})",
                    proxy.source
                )
            };
            (Failure::ProxyAuthRequired, message)
        }
        E::PasswordAuthFailure(_) => (
            Failure::ProxyAuthRequired,
            format!("the SOCKS5 proxy refused the credentials from {}", proxy.source),
        ),
        E::InvalidAuthValues(why) => (
            Failure::ProxyError,
            format!(
                "the credentials in {} cannot be sent over SOCKS5 ({why})",
                proxy.source
            ),
        ),
        other => (
            Failure::ProxyError,
            format!("the SOCKS5 proxy could not open {target}: {other}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use tokio::net::TcpListener;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name: &str| map.get(name).cloned()
    }

    fn settings(pairs: &[(&str, &str)]) -> ProxySettings {
        ProxySettings::from_sources(env(pairs), None, None).unwrap()
    }

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    fn source_for(s: &ProxySettings, target: &str) -> Option<String> {
        s.for_url(&url(target)).map(|p| p.source.clone())
    }

    #[test]
    fn a_proxy_url_without_a_scheme_is_http_and_without_a_port_is_1080() {
        let p = ProxyConfig::parse("proxy.example", "HTTPS_PROXY").unwrap();
        assert_eq!(p.scheme, ProxyScheme::Http);
        assert_eq!(p.display(), "http://proxy.example:1080");
        assert!(!p.port_given());
        let p = ProxyConfig::parse("http://PROXY.example:80/", "x").unwrap();
        assert_eq!(p.display(), "http://proxy.example:80", "an explicit :80 is kept");
        assert!(p.port_given());
        let p = ProxyConfig::parse("socks5h://[::1]:9050", "x").unwrap();
        assert_eq!(
            (p.scheme, p.host(), p.port()),
            (ProxyScheme::Socks5h, "::1", 9050)
        );
        assert_eq!(p.display(), "socks5h://[::1]:9050");
        let p = ProxyConfig::parse("SOCKS5://127.0.0.1:1080", "x").unwrap();
        assert_eq!(p.scheme, ProxyScheme::Socks5);
    }

    #[test]
    fn malformed_proxy_urls_are_refused_without_panicking() {
        for bad in [
            "",
            "   ",
            "https://proxy:3128",
            "ftp://proxy:21",
            "socks4://proxy",
            "http://proxy:99999",
            "http://proxy:0",
            "http://:3128",
            "http://",
            "http://pro xy:3128",
            "http://[::1:3128",
            "://",
            "\u{0}\u{1}",
            "http://ü:1",
            "http://a:b@",
        ] {
            assert!(ProxyConfig::parse(bad, "HTTPS_PROXY").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn credentials_never_show_in_display_debug_or_errors() {
        let p = ProxyConfig::parse("http://alice:s3cr%40t@proxy.example:3128", "HTTPS_PROXY").unwrap();
        assert!(p.has_credentials());
        assert_eq!(
            p.password.as_deref(),
            Some("s3cr@t"),
            "userinfo is percent-decoded"
        );
        for shown in [
            p.display(),
            format!("{p:?}"),
            format!("{:?}", ProxyDetail::new(&p)),
        ] {
            assert!(!shown.contains("alice") && !shown.contains("s3cr"), "{shown}");
        }
        let e = ProxyConfig::parse("https://alice:s3cret@proxy.example:3128", "--proxy")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("alice") && !e.contains("s3cret"), "{e}");
        assert!(e.contains("***@proxy.example:3128"), "{e}");
        let e = ProxyConfig::parse("alice:s3cret@proxy.example://x", "HTTPS_PROXY")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("alice") && !e.contains("s3cret"), "{e}");
        let p = ProxyConfig::parse("http://bob@proxy:3128", "x").unwrap();
        assert!(p.has_credentials(), "a user name alone is a credential");
        assert!(
            !ProxyConfig::parse("http://proxy:3128", "x")
                .unwrap()
                .has_credentials()
        );
    }

    #[test]
    fn https_targets_use_https_proxy_and_fall_back_to_all_proxy() {
        let s = settings(&[
            ("HTTPS_PROXY", "http://s:1"),
            ("HTTP_PROXY", "http://h:1"),
            ("ALL_PROXY", "socks5h://a:1"),
        ]);
        assert_eq!(
            source_for(&s, "https://chatgpt.com/").as_deref(),
            Some("HTTPS_PROXY")
        );
        assert_eq!(
            source_for(&s, "http://captive.test/").as_deref(),
            Some("HTTP_PROXY")
        );
        let s = settings(&[("ALL_PROXY", "socks5h://a:1")]);
        assert_eq!(
            source_for(&s, "https://chatgpt.com/").as_deref(),
            Some("ALL_PROXY")
        );
        assert_eq!(source_for(&s, "http://x.test/").as_deref(), Some("ALL_PROXY"));
        let s = settings(&[("HTTP_PROXY", "http://h:1")]);
        assert_eq!(
            source_for(&s, "https://chatgpt.com/"),
            None,
            "HTTP_PROXY is not for https"
        );
        assert_eq!(s.route(&url("https://chatgpt.com/")), Route::Direct);
    }

    #[test]
    fn lower_case_wins_as_in_curl_and_a_disagreement_is_a_warning() {
        let s = settings(&[
            ("https_proxy", "http://lower:3128"),
            ("HTTPS_PROXY", "http://user:pw-upper@upper:3128"),
        ]);
        assert_eq!(
            source_for(&s, "https://chatgpt.com/").as_deref(),
            Some("https_proxy")
        );
        assert_eq!(s.warnings().len(), 1, "{:?}", s.warnings());
        let w = &s.warnings()[0].to_string();
        assert!(w.contains("https_proxy (http://lower:3128)"), "{w}");
        assert!(w.contains("HTTPS_PROXY (http://upper:3128)"), "{w}");
        assert!(!w.contains("pw-upper") && !w.contains("user:"), "{w}");

        let s = settings(&[("http_proxy", "http://a:1"), ("HTTP_PROXY", "http://b:1")]);
        assert_eq!(source_for(&s, "http://x.test/").as_deref(), Some("http_proxy"));
        assert!(
            s.warnings()[0]
                .to_string()
                .contains("http_proxy (http://a:1) and HTTP_PROXY (http://b:1)")
        );
        // HTTP_PROXY alone is honoured (curl would not; most other tools do: module docs).
        let s = settings(&[("HTTP_PROXY", "http://b:1")]);
        assert_eq!(source_for(&s, "http://x.test/").as_deref(), Some("HTTP_PROXY"));

        let s = settings(&[("all_proxy", "socks5://a:1"), ("ALL_PROXY", "socks5://b:1")]);
        assert_eq!(source_for(&s, "https://x.test/").as_deref(), Some("all_proxy"));
        assert_eq!(s.warnings().len(), 1);
    }

    #[test]
    fn equal_settings_in_both_cases_are_no_warning() {
        let s = settings(&[
            ("https_proxy", "http://p:3128"),
            ("HTTPS_PROXY", "http://P:3128/"),
            ("no_proxy", "localhost,.corp"),
            ("NO_PROXY", "localhost, .corp"),
        ]);
        assert!(s.warnings().is_empty(), "{:?}", s.warnings());
        let s = settings(&[
            ("https_proxy", "http://u:pw-first@p:3128"),
            ("HTTPS_PROXY", "http://u:pw-second@p:3128"),
        ]);
        assert_eq!(s.warnings().len(), 1);
        assert!(
            s.warnings()[0].to_string().contains("different credentials"),
            "{:?}",
            s.warnings()
        );
        assert!(!s.warnings()[0].to_string().contains("pw-"));
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let s = settings(&[("https_proxy", ""), ("HTTPS_PROXY", "http://p:3128")]);
        assert_eq!(source_for(&s, "https://x.test/").as_deref(), Some("HTTPS_PROXY"));
        assert!(s.warnings().is_empty());
    }

    #[test]
    fn a_malformed_variable_is_a_warning_and_the_next_setting_applies() {
        let s = settings(&[
            ("https_proxy", "ftp://alice:hunter22@p:21"),
            ("HTTPS_PROXY", "http://p:3128"),
        ]);
        assert_eq!(source_for(&s, "https://x.test/").as_deref(), Some("HTTPS_PROXY"));
        assert_eq!(s.malformed(), ["https_proxy".to_string()]);
        let all = s
            .warnings()
            .iter()
            .map(|w| w.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            all.contains("https_proxy ('ftp://***@p:21') is not a usable proxy URL"),
            "{all}"
        );
        assert!(!all.contains("hunter22") && !all.contains("alice"), "{all}");
        let s = settings(&[("HTTPS_PROXY", "http://p:notaport")]);
        assert_eq!(source_for(&s, "https://x.test/"), None);
        assert_eq!(s.malformed(), ["HTTPS_PROXY".to_string()]);
    }

    #[test]
    fn a_proxy_without_a_port_is_a_warning() {
        let s = settings(&[("HTTPS_PROXY", "proxy.corp")]);
        assert_eq!(s.warnings().len(), 1);
        assert!(
            s.warnings()[0]
                .to_string()
                .contains("HTTPS_PROXY (http://proxy.corp:1080) names no port")
        );
        let s = settings(&[("ALL_PROXY", "socks5h://tor")]);
        assert!(s.warnings().is_empty(), "1080 is SOCKS's own port");
    }

    #[test]
    fn the_proxy_flag_overrides_every_variable_and_an_empty_one_turns_proxies_off() {
        let e = env(&[("HTTPS_PROXY", "http://env:1"), ("HTTP_PROXY", "http://env:1")]);
        let s = ProxySettings::from_sources(&e, Some("socks5h://flag:1080"), None).unwrap();
        assert_eq!(source_for(&s, "https://x.test/").as_deref(), Some("--proxy"));
        assert_eq!(source_for(&s, "http://x.test/").as_deref(), Some("--proxy"));
        let s = ProxySettings::from_sources(&e, Some(""), None).unwrap();
        assert_eq!(s.route(&url("https://x.test/")), Route::Disabled);
        assert!(!s.any_proxy() && s.disabled());
        let err = ProxySettings::from_sources(&e, Some("gopher://u:secret@x"), None)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("--proxy") && !err.contains("secret"), "{err}");
    }

    #[test]
    fn no_proxy_matches_domains_addresses_ranges_and_ports() {
        let s = settings(&[
            ("HTTPS_PROXY", "http://p:3128"),
            ("HTTP_PROXY", "http://p:3128"),
            (
                "NO_PROXY",
                "example.com, .corp.test,*.wild.test ,10.0.0.0/8 192.0.2.7,[2001:db8::1],fd00::/8,api.test:8443,198.51.100.1:80,trailing.test.",
            ),
        ]);
        let direct = |u: &str| s.for_url(&url(u)).is_none();
        assert!(direct("https://example.com/"));
        assert!(direct("https://a.b.example.com/"));
        assert!(!direct("https://notexample.com/"), "a suffix must end at a dot");
        assert!(direct("https://corp.test/") && direct("https://x.corp.test/"));
        assert!(direct("https://wild.test/") && direct("https://x.wild.test/"));
        assert!(direct("https://10.1.2.3/") && !direct("https://11.0.0.1/"));
        assert!(direct("https://192.0.2.7/") && !direct("https://192.0.2.8/"));
        assert!(direct("https://[2001:db8::1]/") && direct("https://[fd12::1]/"));
        assert!(direct("https://api.test:8443/") && !direct("https://api.test/"));
        assert!(direct("http://198.51.100.1/") && !direct("https://198.51.100.1/"));
        assert!(direct("https://trailing.test/") && direct("https://EXAMPLE.com./"));
        assert!(!direct("https://chatgpt.com/"));
        match s.route(&url("https://x.corp.test/")) {
            Route::Bypassed { entry, source } => assert_eq!((entry, source), (".corp.test", "NO_PROXY")),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.no_proxy_source(), Some("NO_PROXY"));
    }

    #[test]
    fn a_star_in_no_proxy_bypasses_everything() {
        let s = settings(&[("HTTPS_PROXY", "http://p:3128"), ("no_proxy", "*")]);
        assert!(s.for_url(&url("https://chatgpt.com/")).is_none());
        assert!(matches!(
            s.route(&url("https://x/")),
            Route::Bypassed {
                entry: "*",
                source: "no_proxy"
            }
        ));
    }

    #[test]
    fn noproxy_flag_overrides_no_proxy_and_must_be_well_formed() {
        let e = env(&[("HTTPS_PROXY", "http://p:3128"), ("NO_PROXY", "chatgpt.com")]);
        let s = ProxySettings::from_sources(&e, None, Some("other.test")).unwrap();
        assert!(s.for_url(&url("https://chatgpt.com/")).is_some());
        assert!(s.for_url(&url("https://other.test/")).is_none());
        let s = ProxySettings::from_sources(&e, None, Some("")).unwrap();
        assert!(
            s.for_url(&url("https://chatgpt.com/")).is_some(),
            "--noproxy '' clears NO_PROXY"
        );
        let s = ProxySettings::from_sources(&e, Some("http://flag:1"), None).unwrap();
        assert!(
            s.for_url(&url("https://chatgpt.com/")).is_none(),
            "NO_PROXY applies to --proxy"
        );
        for bad in ["10.0.0.0/33", "a b/c", "host:port", "x:0", "1.2.3.4:99999"] {
            assert!(ProxySettings::from_sources(&e, None, Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn malformed_no_proxy_entries_are_warnings_and_the_rest_applies() {
        let s = settings(&[
            ("HTTPS_PROXY", "http://p:3128"),
            ("NO_PROXY", "10.0.0.0/99,good.test,bad/x"),
        ]);
        assert_eq!(s.no_proxy_entries(), ["good.test"]);
        assert_eq!(s.warnings().len(), 2, "{:?}", s.warnings());
        assert!(s.for_url(&url("https://good.test/")).is_none());
    }

    #[test]
    fn no_proxy_and_no_proxy_upper_disagreeing_is_a_warning() {
        let s = settings(&[("no_proxy", "a.test"), ("NO_PROXY", "b.test")]);
        assert_eq!(s.no_proxy_source(), Some("no_proxy"));
        assert!(
            s.warnings()[0]
                .to_string()
                .contains("no_proxy ('a.test') and NO_PROXY ('b.test') disagree")
        );
    }

    #[test]
    fn route_descriptions_name_the_setting() {
        let s = settings(&[("HTTPS_PROXY", "http://u:pw@p:3128"), ("NO_PROXY", "local.test")]);
        assert_eq!(
            s.route(&url("https://chatgpt.com/")).describe(),
            "through http://p:3128 (from HTTPS_PROXY)"
        );
        assert_eq!(
            s.route(&url("https://local.test/")).describe(),
            "direct (NO_PROXY entry 'local.test' matches)"
        );
        assert_eq!(s.proxies().len(), 1);
    }

    #[test]
    fn html_block_pages_are_reduced_to_their_text() {
        let page = b"<!DOCTYPE html><html><head><title>Blocked</title><style>p{color:red}</style>\
            <script>var x = '<b>';</script></head><body><!-- note > here --><h1>Access denied by policy</h1>\
            <p>Category:&nbsp;AI &amp; ML</p></body></html>";
        assert_eq!(
            excerpt(page, true).unwrap(),
            "Blocked Access denied by policy Category: AI & ML"
        );
        let long = "x".repeat(1000);
        assert_eq!(
            excerpt(long.as_bytes(), false).unwrap().chars().count(),
            EXCERPT_CHARS
        );
        assert_eq!(excerpt(b"\x00\x01 \r\n", false), None);
        assert_eq!(excerpt(b"<html><b", true), None);
    }

    #[test]
    fn chunked_bodies_are_decoded_as_far_as_they_go() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
            (b"hello world".to_vec(), true)
        );
        assert_eq!(dechunk(b"5\r\nhel"), (b"hel".to_vec(), false));
        assert_eq!(dechunk(b"zz\r\n"), (vec![], true));
        assert_eq!(dechunk(b"ffffffffffffffff\r\nab"), (b"ab".to_vec(), false));
    }

    // --- The stage, against tiny servers that answer CONNECT with canned bytes. ---

    /// Accepts one connection, reads the request head, writes `reply`, and keeps the connection
    /// open for `hold`. Returns the address and what the client sent.
    async fn canned(reply: Vec<u8>, hold: Duration) -> (SocketAddr, tokio::task::JoinHandle<Vec<u8>>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            let mut got = Vec::new();
            let mut buf = [0u8; 1024];
            while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
            let _ = s.write_all(&reply).await;
            // After a 200, echo what comes through the tunnel until `hold` ends.
            let _ = tokio::time::timeout(hold, async {
                loop {
                    match s.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            if s.write_all(&buf[..n]).await.is_err() {
                                break;
                            }
                        }
                    }
                }
            })
            .await;
            got
        });
        (addr, task)
    }

    fn proxy_at(addr: SocketAddr, userinfo: &str) -> ProxyConfig {
        ProxyConfig::parse(&format!("http://{userinfo}{addr}"), "HTTPS_PROXY").unwrap()
    }

    const T: Duration = Duration::from_secs(3);

    #[tokio::test]
    async fn a_200_opens_a_tunnel_ready_for_tls() {
        let (addr, server) = canned(b"HTTP/1.1 200 Connection established\r\n\r\n".to_vec(), T).await;
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
        assert!(out.tcp.is_ok() && out.proxy.is_ok(), "{out:?}");
        let d = out.proxy.detail.as_ref().unwrap();
        assert_eq!(d.status, Some(200));
        assert_eq!(d.reason.as_deref(), Some("Connection established"));
        assert!(!d.credentials_sent);
        let mut s = out.stream.unwrap();
        s.write_all(b"ping").await.unwrap();
        let mut back = [0u8; 4];
        s.read_exact(&mut back).await.unwrap();
        assert_eq!(&back, b"ping");
        drop(s);
        let sent = String::from_utf8(server.await.unwrap()).unwrap();
        assert!(sent.starts_with("CONNECT chatgpt.com:443 HTTP/1.1\r\n"), "{sent}");
        assert!(sent.contains("\r\nHost: chatgpt.com:443\r\n"), "{sent}");
        assert!(!sent.contains("Proxy-Authorization"), "{sent}");
    }

    #[tokio::test]
    async fn ipv6_targets_are_bracketed_in_connect() {
        let (addr, server) = canned(b"HTTP/1.0 200 OK\r\n\r\n".to_vec(), Duration::ZERO).await;
        let out = connect_via(&proxy_at(addr, ""), "[2001:db8::1]", 443, T).await;
        assert!(out.proxy.is_ok());
        let sent = String::from_utf8(server.await.unwrap()).unwrap();
        assert!(sent.starts_with("CONNECT [2001:db8::1]:443 HTTP/1.1"), "{sent}");
    }

    #[tokio::test]
    async fn credentials_go_only_into_proxy_authorization() {
        let (addr, server) = canned(b"HTTP/1.1 200 OK\r\n\r\n".to_vec(), Duration::ZERO).await;
        let out = connect_via(&proxy_at(addr, "user:pa%3Ass@"), "api.openai.com", 443, T).await;
        let d = out.proxy.detail.as_ref().unwrap();
        assert!(d.credentials_sent);
        assert!(!format!("{out:?}").contains("pa:ss"));
        let sent = String::from_utf8(server.await.unwrap()).unwrap();
        let token = base64::engine::general_purpose::STANDARD.encode("user:pa:ss");
        assert!(
            sent.contains(&format!("\r\nProxy-Authorization: Basic {token}\r\n")),
            "{sent}"
        );
    }

    #[tokio::test]
    async fn a_407_is_proxy_auth_required_with_what_the_proxy_asks_for() {
        let reply =
            b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n\
            Content-Length: 11\r\n\r\nlog in here"
                .to_vec();
        let (addr, _server) = canned(reply, Duration::ZERO).await;
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyAuthRequired));
        assert!(out.stream.is_none());
        let d = out.proxy.detail.as_ref().unwrap();
        assert_eq!(d.status, Some(407));
        assert_eq!(d.header("proxy-authenticate"), Some("Basic realm=\"corp\""));
        assert_eq!(d.body_excerpt.as_deref(), Some("log in here"));
        let crate::probe::Outcome::Failed { message, .. } = &out.proxy.outcome else {
            unreachable!()
        };
        assert!(message.contains("carries none"), "{message}");
    }

    #[tokio::test]
    async fn a_403_block_page_is_proxy_denied_with_its_text() {
        let body =
            "<html><head><title>Blocked</title></head><body><h1>Access denied by policy</h1></body></html>";
        let reply = format!(
            "HTTP/1.1 403 Forbidden\r\nServer: squid/6.1\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let (addr, _server) = canned(reply.into_bytes(), T).await;
        let started = Instant::now();
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "a framed body is not waited on"
        );
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyDenied));
        let d = out.proxy.detail.as_ref().unwrap();
        assert_eq!((d.status, d.reason.as_deref()), (Some(403), Some("Forbidden")));
        assert_eq!(d.header("server"), Some("squid/6.1"));
        assert_eq!(d.body_excerpt.as_deref(), Some("Blocked Access denied by policy"));
    }

    #[tokio::test]
    async fn a_chunked_refusal_is_decoded() {
        let reply =
            b"HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\n\r\n7\r\nblocked\r\n0\r\n\r\n".to_vec();
        let (addr, _server) = canned(reply, T).await;
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
        assert_eq!(
            out.proxy.detail.as_ref().unwrap().body_excerpt.as_deref(),
            Some("blocked")
        );
    }

    #[tokio::test]
    async fn a_502_or_504_is_proxy_error_with_the_status() {
        for (status, reason) in [(502, "Bad Gateway"), (504, "Gateway Timeout")] {
            let reply = format!("HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\n\r\n");
            let (addr, _server) = canned(reply.into_bytes(), Duration::ZERO).await;
            let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
            assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyError));
            let d = out.proxy.detail.as_ref().unwrap();
            assert_eq!((d.status, d.reason.as_deref()), (Some(status), Some(reason)));
            assert_eq!(d.body_excerpt, None);
        }
    }

    #[tokio::test]
    async fn an_echoed_secret_is_scrubbed_from_what_is_recorded() {
        let token = base64::engine::general_purpose::STANDARD.encode("user:hunter22");
        let body = format!("you sent Basic {token}");
        let reply = format!(
            "HTTP/1.1 407 Denied hunter22\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let (addr, _server) = canned(reply.into_bytes(), Duration::ZERO).await;
        let out = connect_via(&proxy_at(addr, "user:hunter22@"), "chatgpt.com", 443, T).await;
        let shown = format!("{out:?}");
        assert!(!shown.contains("hunter22") && !shown.contains(&token), "{shown}");
        let crate::probe::Outcome::Failed { message, .. } = &out.proxy.outcome else {
            unreachable!()
        };
        assert!(message.contains("refused the credentials"), "{message}");
    }

    #[tokio::test]
    async fn a_silent_proxy_times_out() {
        let (addr, _server) = canned(Vec::new(), Duration::from_secs(5)).await;
        let t = Duration::from_millis(300);
        let started = Instant::now();
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, t).await;
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::GenericTimeoutError));
        assert!(started.elapsed() < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn an_answer_that_is_not_http_is_proxy_error() {
        let (addr, _server) = canned(b"\x05\xff garbage\r\n\r\n".to_vec(), Duration::ZERO).await;
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyError));
    }

    #[tokio::test]
    async fn an_endless_head_is_cut_at_the_cap() {
        let mut reply = b"HTTP/1.1 200 OK\r\n".to_vec();
        while reply.len() < 2 * HEAD_CAP {
            reply.extend_from_slice(b"X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n");
        }
        let (addr, _server) = canned(reply, T).await;
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyError));
        assert!(out.stream.is_none());
    }

    #[tokio::test]
    async fn a_proxy_that_hangs_up_is_eof() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (s, _) = listener.accept().await.unwrap();
            drop(s);
        });
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
        assert!(
            matches!(
                out.proxy.outcome.failure(),
                Some(Failure::EofError | Failure::ConnectionReset)
            ),
            "{out:?}"
        );
    }

    #[tokio::test]
    async fn a_refused_proxy_fails_the_tcp_stage_and_skips_the_proxy_stage() {
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let out = connect_via(&proxy_at(addr, ""), "chatgpt.com", 443, T).await;
        assert_eq!(out.tcp.outcome.failure(), Some(Failure::ConnectionRefused));
        assert!(matches!(out.proxy.outcome, crate::probe::Outcome::Skipped { .. }));
        assert!(out.stream.is_none());
    }
}
