//! Every flag and subcommand, in one place. Doc comments here are the `--help` text.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use url::Url;

use crate::catalog::Surface;
pub use crate::render::color::ColorChoice;
pub use crate::route::{ConnectTo, ResolveRule};

/// What `--help` shows after the flags: the exit codes and the environment.
pub fn after_help() -> String {
    format!(
        "{}\n{}",
        crate::report::ExitCode::help_block(),
        "Environment: OPENAI_BASE_URL (legacy OPENAI_API_BASE), SSL_CERT_FILE, SSL_CERT_DIR, NO_COLOR, CLICOLOR_FORCE.
Without a subcommand, chatgpt-doctor runs `check` (its flags are accepted here too)."
    )
}

/// Tells whether ChatGPT's trouble is your machine, your network, the path to OpenAI,
/// OpenAI itself, or your account.
#[derive(Parser, Debug)]
#[command(
    name = "chatgpt-doctor",
    version,
    after_help = after_help(),
    args_override_self = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Without a subcommand, `check` runs with these flags.
    #[command(flatten)]
    pub check: CheckArgs,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// Output settings shared by every subcommand.
#[derive(Args, Debug, Clone, Default)]
pub struct OutputArgs {
    /// Print one JSON document on stdout (schema: `chatgpt-doctor schema`)
    #[arg(long, global = true)]
    pub json: bool,

    /// Output format: human, json (same as --json) or prometheus (OpenMetrics text; `check` only)
    #[arg(long, value_enum, global = true, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,

    /// When to colour the human output
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only the verdict (no progress, no per-target table)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Show more detail: addresses, certificate chains, headers (repeat for more)
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    /// Language of the words: en or zh-CN [default: from LC_ALL, LC_MESSAGES or LANG, else en].
    /// Codes and field names never change; JSON's summary and advice follow only this flag
    #[arg(long, value_enum, global = true, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,
}

impl OutputArgs {
    /// The language for people: `--lang`, else the locale variables.
    pub fn human_lang(&self) -> crate::i18n::Lang {
        crate::i18n::Lang::resolve(self.lang)
    }

    /// The language of the words in this output: machine output (JSON, OpenMetrics) speaks
    /// English unless `--lang` is given, so CI scripts see the same words on every machine.
    pub fn text_lang(&self) -> crate::i18n::Lang {
        if self.json || self.format == Some(OutputFormat::Prometheus) {
            self.lang.unwrap_or_default()
        } else {
            self.human_lang()
        }
    }
}

/// `--format` values.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// The layered verdict and per-target table for people
    Human,
    /// One JSON document (the same as --json)
    Json,
    /// OpenMetrics text for Prometheus (node_exporter's textfile collector); `check` only
    Prometheus,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Probe ChatGPT's web, app and API endpoints and control targets, and print a layered verdict
    Check(Box<CheckArgs>),
    /// Read OpenAI's status page: indicator, components not operational, incidents, maintenance
    /// (exit 0 operational, 5 trouble reported, 7 unreadable)
    Status(Box<CheckArgs>),
    /// Check the API key against the API (OPENAI_API_KEY or --api-key-file; OPENAI_BASE_URL,
    /// OPENAI_ORG_ID, OPENAI_PROJECT_ID): valid, invalid, missing, restricted, organization
    /// mismatch, quota, rate limits
    Auth(Box<CheckArgs>),
    /// Print a shell completion script
    Completions {
        /// The shell to generate completions for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the JSON Schema of a `--json` output (default: the check report)
    Schema {
        /// Which output
        #[arg(value_enum, default_value_t)]
        name: crate::commands::args::SchemaName,
    },
    /// Look up one name like dig: A and AAAA separately, with TTLs and the resolver asked
    /// (exit 0 resolved, 8 not)
    Dns(crate::commands::args::DnsArgs),
    /// Connect to one host's port over TCP, per address family (exit 0 connected, 8 not)
    Tcp(crate::commands::args::TcpArgs),
    /// A TLS handshake with one host, like openssl s_client: version, ALPN, chain, both trust
    /// stores, and an SNI test when the handshake is reset or times out (exit 0 trusted, 8 not)
    Tls(Box<crate::commands::args::TlsArgs>),
    /// One GET with each phase timed as httpstat shows them: dns, tcp, tls, server processing,
    /// content transfer (exit 0 on any HTTP answer, 8 on none)
    Http(Box<crate::commands::args::HttpArgs>),
    /// List the built-in targets of `check`, their surfaces and what each probe proves
    Endpoints,
    /// Run the check again and again and print a line whenever the verdict changes
    Watch(Box<crate::commands::args::WatchArgs>),
    /// Serve Prometheus metrics over HTTP: `/metrics` (the latest check, refreshed every
    /// --interval) and `/probe?surface=web,api` (a fresh check of those surfaces); one check at a time
    Serve(Box<crate::commands::args::ServeArgs>),
    /// Run the check and write a Markdown report (and its JSON) for a support ticket, secrets removed
    Report(Box<crate::commands::args::ReportArgs>),
    /// Print the man page (generated from these definitions; see man/)
    #[command(hide = true)]
    Man(crate::commands::args::ManArgs),
}

/// Flags of `check`. Names follow curl where curl has one.
#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    /// Use IPv4 only
    #[arg(short = '4', long = "ipv4", conflicts_with = "ipv6")]
    pub ipv4: bool,

    /// Use IPv6 only
    #[arg(short = '6', long = "ipv6")]
    pub ipv6: bool,

    /// Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])
    #[arg(long, value_name = "HOST:PORT:ADDR[,ADDR]...", value_parser = parse_resolve)]
    pub resolve: Vec<ResolveRule>,

    /// Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl;
    /// an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)
    #[arg(long = "connect-to", value_name = "HOST:PORT:CHOST:CPORT", value_parser = parse_connect_to)]
    pub connect_to: Vec<ConnectTo>,

    /// Also trust the CA certificates in this PEM file (added to both the system and public stores)
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,

    /// Resolve names with this DNS server instead of the system resolver (port 53 unless given)
    #[arg(long = "dns-server", value_name = "IP[:PORT]", value_parser = parse_dns_server)]
    pub dns_server: Option<SocketAddr>,

    /// DNS-over-HTTPS resolver for control lookups (recorded; comparison arrives with the DNS-tampering checks)
    #[arg(long = "doh-url", value_name = "URL", value_parser = parse_https_url)]
    pub doh_url: Option<Url>,

    /// Address ranges OpenAI's edge answers from, one CIDR a line (default: Cloudflare's published
    /// ranges); an answer outside them weighs as evidence of DNS tampering
    #[arg(long = "edge-ranges", value_name = "FILE")]
    pub edge_ranges: Option<PathBuf>,

    /// Timeout of each stage (dns, tcp, tls, http), in seconds
    #[arg(long, visible_alias = "connect-timeout", value_name = "SECS", default_value = "5", value_parser = parse_secs)]
    pub timeout: Duration,

    /// Deadline of the whole run, in seconds
    #[arg(long = "max-time", value_name = "SECS", default_value = "30", value_parser = parse_secs)]
    pub max_time: Duration,

    /// A control target (repeatable); replaces the built-in controls. http:// or https:// URL
    #[arg(long = "control", value_name = "URL", value_parser = parse_target_url)]
    pub controls: Vec<Url>,

    /// Base URL of the status page (default https://status.openai.com)
    #[arg(long = "status-url", value_name = "URL", value_parser = parse_target_url)]
    pub status_url: Option<Url>,

    /// Base URL of the API (default: OPENAI_BASE_URL, then OPENAI_API_BASE, then https://api.openai.com/v1)
    #[arg(long = "base-url", value_name = "URL", value_parser = parse_target_url)]
    pub base_url: Option<Url>,

    /// Use this proxy for every target (http://, socks5:// or socks5h://; "" for none), instead of
    /// HTTPS_PROXY / HTTP_PROXY / ALL_PROXY
    #[arg(short = 'x', long = "proxy", value_name = "URL")]
    pub proxy: Option<String>,

    /// Hosts to reach without the proxy (comma-separated, like NO_PROXY), instead of NO_PROXY
    #[arg(long = "noproxy", value_name = "LIST")]
    pub noproxy: Option<String>,

    /// Read the API key from this file instead of OPENAI_API_KEY (a key is never taken on the
    /// command line)
    #[arg(long = "api-key-file", value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,

    /// Probe only these surfaces (comma-separated); controls always run
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    pub surface: Vec<Surface>,

    /// Exit non-zero when the verdict is healthy but carries warnings
    #[arg(long)]
    pub strict: bool,
}

impl Default for CheckArgs {
    fn default() -> Self {
        // One source of truth: the defaults clap would give.
        match Cli::try_parse_from(["chatgpt-doctor", "check"]) {
            Ok(Cli {
                command: Some(Command::Check(args)),
                ..
            }) => *args,
            _ => unreachable!("`check` without flags always parses"),
        }
    }
}

impl Cli {
    /// Parses arguments like clap, and also refuses `check`'s flags before a subcommand
    /// (`chatgpt-doctor -4 check`), which would otherwise be silently ignored.
    pub fn try_parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let mut cmd = Cli::command();
        let matches = cmd.try_get_matches_from_mut(args)?;
        if let Some(sub) = matches.subcommand_name() {
            let check_ids: Vec<String> = CheckArgs::augment_args(clap::Command::new("check"))
                .get_arguments()
                .map(|a| a.get_id().to_string())
                .collect();
            let misplaced = check_ids
                .iter()
                .find(|id| matches.value_source(id.as_str()) == Some(clap::parser::ValueSource::CommandLine));
            if let Some(id) = misplaced {
                let long = cmd
                    .get_arguments()
                    .find(|a| a.get_id() == id.as_str())
                    .and_then(|a| a.get_long().map(|l| format!("--{l}")))
                    .unwrap_or_else(|| id.clone());
                return Err(cmd.error(
                    clap::error::ErrorKind::ArgumentConflict,
                    crate::tr!(
                        crate::i18n::ui(),
                        "err-flag-belongs-to-check",
                        flag = long,
                        subcommand = sub
                    ),
                ));
            }
        }
        Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
    }
}

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
                .map(|s| s.to_string())
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

/// Splits on ':' outside square brackets, so `[2001:db8::1]` stays whole.
fn split_colons(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            ':' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

fn parse_port(s: &str) -> Result<u16, String> {
    match s.parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(crate::tr!(crate::i18n::ui(), "err-not-a-port", value = s)),
    }
}

fn parse_ip(s: &str) -> Result<IpAddr, String> {
    let bare = s.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>()
        .map_err(|_| crate::tr!(crate::i18n::ui(), "err-not-an-ip", value = s))
}

fn parse_host(s: &str) -> Result<String, String> {
    let bare = s.trim_start_matches('[').trim_end_matches(']');
    if bare.is_empty() || bare.len() > 253 || bare.chars().any(|c| c.is_whitespace() || c == '/') {
        return Err(crate::tr!(crate::i18n::ui(), "err-not-a-host", value = s));
    }
    Ok(bare.to_ascii_lowercase())
}

/// Parses `HOST:PORT:ADDR[,ADDR]...`.
pub fn parse_resolve(s: &str) -> Result<ResolveRule, String> {
    let parts = split_colons(s);
    if parts.len() != 3 {
        return Err(crate::tr!(crate::i18n::ui(), "err-resolve-form", value = s));
    }
    let host = parse_host(parts[0])?;
    let port = parse_port(parts[1])?;
    let addrs = parts[2].split(',').map(parse_ip).collect::<Result<Vec<_>, _>>()?;
    Ok(ResolveRule { host, port, addrs })
}

/// Parses `HOST:PORT:CHOST:CPORT` (any part may be empty).
pub fn parse_connect_to(s: &str) -> Result<ConnectTo, String> {
    let parts = split_colons(s);
    if parts.len() != 4 {
        return Err(crate::tr!(crate::i18n::ui(), "err-connect-to-form", value = s));
    }
    let opt = |p: &str| (!p.is_empty()).then_some(p.to_string());
    Ok(ConnectTo {
        host: opt(parts[0]).map(|h| parse_host(&h)).transpose()?,
        port: opt(parts[1]).map(|p| parse_port(&p)).transpose()?,
        connect_host: opt(parts[2]).map(|h| parse_host(&h)).transpose()?,
        connect_port: opt(parts[3]).map(|p| parse_port(&p)).transpose()?,
    })
}

/// Parses `IP` or `IP:PORT` or `[IPv6]:PORT`.
pub fn parse_dns_server(s: &str) -> Result<SocketAddr, String> {
    if let Ok(sa) = s.parse::<SocketAddr>() {
        return Ok(sa);
    }
    match s.parse::<IpAddr>() {
        Ok(ip) => Ok(SocketAddr::new(ip, 53)),
        Err(_) => Err(crate::tr!(crate::i18n::ui(), "err-dns-server-form", value = s)),
    }
}

/// Parses a duration in (fractional) seconds, between 1 ms and one hour.
pub fn parse_secs(s: &str) -> Result<Duration, String> {
    let v: f64 = s
        .parse()
        .map_err(|_| crate::tr!(crate::i18n::ui(), "err-not-seconds", value = s))?;
    if !v.is_finite() || !(0.001..=3600.0).contains(&v) {
        return Err(crate::tr!(crate::i18n::ui(), "err-seconds-range", value = s));
    }
    Ok(Duration::from_secs_f64(v))
}

/// Parses an `http://` or `https://` URL with a host.
pub fn parse_target_url(s: &str) -> Result<Url, String> {
    let url = Url::parse(s).map_err(|e| {
        crate::tr!(
            crate::i18n::ui(),
            "err-not-a-url",
            value = s,
            error = e.to_string()
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(crate::tr!(crate::i18n::ui(), "err-url-scheme", value = s));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(crate::tr!(crate::i18n::ui(), "err-url-no-host", value = s));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(crate::tr!(crate::i18n::ui(), "err-url-credentials", value = s));
    }
    Ok(url)
}

/// Parses an `https://` URL (DNS-over-HTTPS endpoints must be encrypted).
pub fn parse_https_url(s: &str) -> Result<Url, String> {
    let url = parse_target_url(s)?;
    if url.scheme() != "https" {
        return Err(crate::tr!(crate::i18n::ui(), "err-doh-https", value = s));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str]) -> Result<CheckArgs, clap::Error> {
        let mut argv = vec!["chatgpt-doctor", "check"];
        argv.extend_from_slice(args);
        match Cli::try_parse_from(argv)?.command {
            Some(Command::Check(a)) => Ok(*a),
            _ => unreachable!(),
        }
    }

    #[test]
    fn resolve_accepts_curl_syntax_with_ipv6_in_brackets() {
        let r = parse_resolve("api.openai.com:443:127.0.0.1,[::1]").unwrap();
        assert_eq!(r.host, "api.openai.com");
        assert_eq!(r.port, 443);
        assert_eq!(
            r.addrs,
            vec!["127.0.0.1".parse::<IpAddr>().unwrap(), "::1".parse().unwrap()]
        );
        assert!(parse_resolve("api.openai.com:443").is_err());
        assert!(parse_resolve("api.openai.com:99999:127.0.0.1").is_err());
        assert!(parse_resolve("api.openai.com:443:not-an-ip").is_err());
    }

    #[test]
    fn connect_to_allows_empty_parts() {
        let c = parse_connect_to(":443::8443").unwrap();
        assert_eq!(c.host, None);
        assert_eq!(c.port, Some(443));
        assert_eq!(c.connect_host, None);
        assert_eq!(c.connect_port, Some(8443));
        let c = parse_connect_to("chatgpt.com:443:[2001:db8::1]:8443").unwrap();
        assert_eq!(c.connect_host.as_deref(), Some("2001:db8::1"));
        assert!(parse_connect_to("a:b").is_err());
        assert!(parse_connect_to("a:443:b:0").is_err());
    }

    #[test]
    fn dns_server_defaults_to_port_53() {
        assert_eq!(
            parse_dns_server("192.0.2.53").unwrap(),
            "192.0.2.53:53".parse().unwrap()
        );
        assert_eq!(
            parse_dns_server("[2001:db8::53]:5353").unwrap(),
            "[2001:db8::53]:5353".parse().unwrap()
        );
        assert!(parse_dns_server("dns.example").is_err());
    }

    #[test]
    fn timeouts_are_bounded() {
        assert_eq!(parse_secs("2.5").unwrap(), Duration::from_millis(2500));
        for bad in ["0", "-1", "nan", "inf", "1e9", "five"] {
            assert!(parse_secs(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_must_be_http_and_carry_no_credentials() {
        assert!(parse_target_url("https://status.example/").is_ok());
        assert!(parse_target_url("ftp://x/").is_err());
        assert!(parse_target_url("https://user:pw@x/").is_err());
        assert!(parse_target_url("not a url").is_err());
        assert!(parse_https_url("http://dns.example/dns-query").is_err());
    }

    #[test]
    fn check_defaults_and_conflicts() {
        let d = CheckArgs::default();
        assert_eq!(d.timeout, Duration::from_secs(5));
        assert_eq!(d.max_time, Duration::from_secs(30));
        assert!(check(&["-4", "-6"]).is_err());
        let a = check(&["--surface", "web,api", "--connect-timeout", "2"]).unwrap();
        assert_eq!(a.surface, vec![Surface::Web, Surface::Api]);
        assert_eq!(a.timeout, Duration::from_secs(2));
        assert!(check(&["--surface", "nope"]).is_err());
    }

    #[test]
    fn check_flags_work_without_the_subcommand() {
        let cli = Cli::try_parse_from(["chatgpt-doctor", "-4", "--timeout", "2"]).unwrap();
        assert!(cli.command.is_none());
        assert!(cli.check.ipv4);
        assert_eq!(cli.check.timeout, Duration::from_secs(2));
    }

    #[test]
    fn check_flags_before_a_subcommand_are_refused_but_globals_are_not() {
        let e = Cli::try_parse_args(["chatgpt-doctor", "-4", "check"]).unwrap_err();
        assert!(e.to_string().contains("'--ipv4' belongs to `check`"), "{e}");
        let cli = Cli::try_parse_args(["chatgpt-doctor", "--json", "check", "-4"]).unwrap();
        assert!(cli.output.json);
        let cli = Cli::try_parse_args(["chatgpt-doctor", "check", "--json"]).unwrap();
        assert!(cli.output.json);
    }

    #[test]
    fn repeated_flags_accumulate_or_the_last_wins() {
        let a = check(&["--control", "https://a.test/", "--control", "https://b.test/"]).unwrap();
        assert_eq!(a.controls.len(), 2);
        let a = check(&["--timeout", "1", "--timeout", "2"]).unwrap();
        assert_eq!(a.timeout, Duration::from_secs(2), "like curl, the last one wins");
    }
}
