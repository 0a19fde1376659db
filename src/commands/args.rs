//! Flags of the subcommands beyond `check`: the per-stage commands (`dns`, `tcp`, `tls`, `http`),
//! `watch`, `report` and the hidden `man`. `cli.rs` names the subcommands and owns the shared
//! value parsers (`--resolve`, `--connect-to`, `--dns-server`, seconds, URLs), which these reuse;
//! the flags keep `check`'s names and meanings.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use url::Url;

use crate::cli::{
    CheckArgs, ConnectTo, ResolveRule, parse_connect_to, parse_dns_server, parse_secs, parse_target_url,
};
use crate::i18n::Lang;
use crate::tr;

/// How names are resolved, shared by the per-stage commands (as in `check`).
#[derive(Args, Debug, Clone)]
pub struct ResolverArgs {
    /// Use IPv4 only
    #[arg(short = '4', long = "ipv4", conflicts_with = "ipv6")]
    pub ipv4: bool,

    /// Use IPv6 only
    #[arg(short = '6', long = "ipv6")]
    pub ipv6: bool,

    /// Resolve names with this DNS server instead of the system resolver (port 53 unless given)
    #[arg(long = "dns-server", value_name = "IP[:PORT]", value_parser = parse_dns_server)]
    pub dns_server: Option<SocketAddr>,

    /// Timeout of each stage, in seconds
    #[arg(long, visible_alias = "connect-timeout", value_name = "SECS", default_value = "5", value_parser = parse_secs)]
    pub timeout: Duration,
}

/// Where connections go, shared by `tcp`, `tls` and `http` (as in `check`).
#[derive(Args, Debug, Clone)]
pub struct RouteArgs {
    /// Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])
    #[arg(long, value_name = "HOST:PORT:ADDR[,ADDR]...", value_parser = crate::cli::parse_resolve)]
    pub resolve: Vec<ResolveRule>,

    /// Connect to CHOST:CPORT instead of HOST:PORT, keeping the name for TLS and HTTP (like curl;
    /// an empty HOST or PORT matches any, an empty CHOST or CPORT keeps the original)
    #[arg(long = "connect-to", value_name = "HOST:PORT:CHOST:CPORT", value_parser = parse_connect_to)]
    pub connect_to: Vec<ConnectTo>,
}

/// `dns HOST`.
#[derive(Args, Debug, Clone)]
pub struct DnsArgs {
    /// The name to look up (a URL is accepted: its host is used)
    #[arg(value_name = "HOST", value_parser = parse_name)]
    pub host: String,

    #[command(flatten)]
    pub resolver: ResolverArgs,
}

/// `tcp HOST[:PORT]`.
#[derive(Args, Debug, Clone)]
pub struct TcpArgs {
    /// The host and port (default 443; a URL is accepted)
    #[arg(value_name = "HOST[:PORT]", value_parser = parse_host_port)]
    pub target: HostPort,

    #[command(flatten)]
    pub resolver: ResolverArgs,

    #[command(flatten)]
    pub route: RouteArgs,
}

/// `tls HOST[:PORT]`.
#[derive(Args, Debug, Clone)]
pub struct TlsArgs {
    /// The host and port (default 443; a URL is accepted)
    #[arg(value_name = "HOST[:PORT]", value_parser = parse_host_port)]
    pub target: HostPort,

    /// Also trust the CA certificates in this PEM file (added to both the system and public stores)
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,

    /// The SNI of the SNI test: when the handshake with the real name is reset or times out, the
    /// same address is tried with this name
    #[arg(long = "decoy-sni", value_name = "NAME", default_value = DEFAULT_DECOY_SNI, value_parser = parse_name)]
    pub decoy_sni: String,

    #[command(flatten)]
    pub resolver: ResolverArgs,

    #[command(flatten)]
    pub route: RouteArgs,
}

/// The decoy SNI of the SNI test: a name no filter has reason to block.
pub const DEFAULT_DECOY_SNI: &str = "example.com";

/// `http URL`.
#[derive(Args, Debug, Clone)]
pub struct HttpArgs {
    /// The http:// or https:// URL to GET
    #[arg(value_name = "URL", value_parser = parse_target_url)]
    pub url: Url,

    /// Also trust the CA certificates in this PEM file (added to both the system and public stores)
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,

    #[command(flatten)]
    pub resolver: ResolverArgs,

    #[command(flatten)]
    pub route: RouteArgs,
}

/// `watch`: `check`'s flags plus the loop's.
#[derive(Args, Debug, Clone)]
pub struct WatchArgs {
    /// Seconds between checks after a change (fractions allowed, down to 0.001 for tests)
    #[arg(long, value_name = "SECS", default_value = "30", value_parser = parse_secs)]
    pub interval: Duration,

    /// While the verdict stays the same, the wait doubles after each check up to this many seconds
    /// (a value at or below --interval turns the backing off off)
    #[arg(long = "max-interval", value_name = "SECS", default_value = "300", value_parser = parse_secs)]
    pub max_interval: Duration,

    /// Exit 0 as soon as the verdict is healthy
    #[arg(long = "until-healthy")]
    pub until_healthy: bool,

    /// Ring the terminal bell (on stderr) on each change of verdict
    #[arg(long)]
    pub notify: bool,

    /// Run CMD on each change of verdict, with the verdict in CHATGPT_DOCTOR_* environment
    /// variables (run by `sh -c`, or `cmd /C` on Windows; it gets no other input)
    #[arg(long = "notify-command", value_name = "CMD")]
    pub notify_command: Option<String>,

    /// Stop after this many checks and exit with the last verdict's code
    #[arg(long = "max-runs", value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_runs: Option<u64>,

    #[command(flatten)]
    pub check: CheckArgs,
}

/// `serve`: `check`'s flags plus where to listen and how often to check.
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// The address to listen on (HTTP; `/metrics` and `/probe?surface=…`)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:9473")]
    pub listen: SocketAddr,

    /// Seconds between the checks behind `/metrics` (fractions allowed)
    #[arg(long, value_name = "SECS", default_value = "60", value_parser = parse_secs)]
    pub interval: Duration,

    #[command(flatten)]
    pub check: CheckArgs,
}

/// `report`: `check`'s flags plus where to write.
#[derive(Args, Debug, Clone)]
pub struct ReportArgs {
    /// The Markdown file to write; the JSON goes next to it (`.md` replaced by `.json`). `-` writes
    /// only the Markdown (or, with --json, only the JSON) to stdout
    #[arg(short, long, value_name = "FILE", default_value = "chatgpt-doctor-report.md")]
    pub output: PathBuf,

    /// Also replace your public IP address, private addresses, the system resolver's addresses,
    /// this machine's host name and your network's domain names with placeholders
    #[arg(long)]
    pub anonymize: bool,

    #[command(flatten)]
    pub check: CheckArgs,
}

/// `man` (hidden): prints or writes the man pages generated from these definitions.
#[derive(Args, Debug, Clone)]
pub struct ManArgs {
    /// A subcommand whose page to print (default: the main page)
    #[arg(value_name = "SUBCOMMAND")]
    pub page: Option<String>,

    /// Write every page into this directory instead (as committed under man/)
    #[arg(long = "out-dir", value_name = "DIR", conflicts_with = "page")]
    pub out_dir: Option<PathBuf>,
}

/// The JSON outputs that have a schema (`chatgpt-doctor schema NAME`, `schema/NAME.schema.json`).
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SchemaName {
    /// `check --json` (and the `report` inside the support report)
    #[default]
    Report,
    /// `dns --json`
    Dns,
    /// `tcp --json`
    Tcp,
    /// `tls --json`
    Tls,
    /// `http --json`
    Http,
    /// `endpoints --json`
    Endpoints,
    /// One line of `watch --json`
    Watch,
    /// The JSON file `report` writes next to the Markdown
    Support,
}

impl SchemaName {
    /// Every name, in the order of the committed files.
    pub const ALL: [SchemaName; 8] = [
        SchemaName::Report,
        SchemaName::Dns,
        SchemaName::Tcp,
        SchemaName::Tls,
        SchemaName::Http,
        SchemaName::Endpoints,
        SchemaName::Watch,
        SchemaName::Support,
    ];

    /// The name on the command line and in `schema/NAME.schema.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            SchemaName::Report => "report",
            SchemaName::Dns => "dns",
            SchemaName::Tcp => "tcp",
            SchemaName::Tls => "tls",
            SchemaName::Http => "http",
            SchemaName::Endpoints => "endpoints",
            SchemaName::Watch => "watch",
            SchemaName::Support => "support",
        }
    }
}

/// A host and an optional port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPort {
    /// The name or address (IPv6 without brackets), lower case.
    pub host: String,
    pub port: Option<u16>,
}

impl HostPort {
    /// The port, 443 unless given.
    pub fn port_or_https(&self) -> u16 {
        self.port.unwrap_or(443)
    }
}

/// The language of value errors: `--lang` found on the command line before parsing, else the
/// locale ([`crate::i18n::ui`]).
fn lang() -> Lang {
    crate::i18n::ui()
}

fn check_name(s: &str) -> Result<String, String> {
    let bare = s.trim_start_matches('[').trim_end_matches(']');
    let valid = !bare.is_empty()
        && bare.len() <= 253
        && bare
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'));
    if !valid {
        return Err(tr!(lang(), "cmd-arg-not-a-host", value = s));
    }
    Ok(bare.to_ascii_lowercase())
}

/// The host of a URL given where a host is expected (`https://chatgpt.com/` → `chatgpt.com`).
fn url_host_port(s: &str) -> Result<Option<HostPort>, String> {
    if !s.contains("://") {
        return Ok(None);
    }
    let url = parse_target_url(s)?;
    let host = match url.host() {
        Some(url::Host::Ipv6(a)) => a.to_string(),
        Some(h) => h.to_string(),
        None => return Err(tr!(lang(), "cmd-arg-no-host", value = s)),
    };
    Ok(Some(HostPort {
        host,
        port: url.port_or_known_default(),
    }))
}

/// Parses a name to look up (or a URL, whose host is taken). IP addresses are refused: there is
/// nothing to resolve.
pub fn parse_name(s: &str) -> Result<String, String> {
    let host = match url_host_port(s)? {
        Some(hp) => hp.host,
        None => check_name(s)?,
    };
    if host.parse::<IpAddr>().is_ok() {
        return Err(tr!(lang(), "cmd-arg-ip-not-name", value = s));
    }
    if host.contains(':') {
        return Err(tr!(lang(), "cmd-arg-not-a-name", value = s));
    }
    Ok(host)
}

/// Parses `HOST`, `HOST:PORT`, `IPv6`, `[IPv6]:PORT` or a URL.
pub fn parse_host_port(s: &str) -> Result<HostPort, String> {
    if let Some(hp) = url_host_port(s)? {
        return Ok(hp);
    }
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(HostPort {
            host: ip.to_string(),
            port: None,
        });
    }
    if let Ok(sa) = s.parse::<SocketAddr>() {
        return Ok(HostPort {
            host: sa.ip().to_string(),
            port: Some(sa.port()),
        });
    }
    let (host, port) = match s.rsplit_once(':') {
        Some((h, p)) if !h.contains(':') || (h.starts_with('[') && h.ends_with(']')) => {
            let port = match p.parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => return Err(tr!(lang(), "cmd-arg-bad-port", port = p, value = s)),
            };
            (h, Some(port))
        }
        _ => (s, None),
    };
    let host = check_name(host)?;
    if host.contains(':') && host.parse::<IpAddr>().is_err() {
        return Err(tr!(lang(), "cmd-arg-not-host-port", value = s));
    }
    Ok(HostPort { host, port })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hp(host: &str, port: Option<u16>) -> HostPort {
        HostPort {
            host: host.into(),
            port,
        }
    }

    #[test]
    fn host_port_takes_names_addresses_and_urls() {
        assert_eq!(parse_host_port("chatgpt.com").unwrap(), hp("chatgpt.com", None));
        assert_eq!(
            parse_host_port("ChatGPT.com:8443").unwrap(),
            hp("chatgpt.com", Some(8443))
        );
        assert_eq!(
            parse_host_port("127.0.0.1:443").unwrap(),
            hp("127.0.0.1", Some(443))
        );
        assert_eq!(parse_host_port("::1").unwrap(), hp("::1", None));
        assert_eq!(parse_host_port("[::1]:8443").unwrap(), hp("::1", Some(8443)));
        assert_eq!(
            parse_host_port("https://api.openai.com/v1").unwrap(),
            hp("api.openai.com", Some(443))
        );
        assert_eq!(parse_host_port("http://x.test/").unwrap(), hp("x.test", Some(80)));
        for bad in ["", "a b", "host:0", "host:99999", "host:port", "a/b", "ftp://x/"] {
            assert!(parse_host_port(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_to_resolve_are_names() {
        assert_eq!(parse_name("Chatgpt.com").unwrap(), "chatgpt.com");
        assert_eq!(parse_name("https://chatgpt.com/x").unwrap(), "chatgpt.com");
        assert!(parse_name("1.1.1.1").is_err());
        assert!(parse_name("::1").is_err());
        assert!(parse_name("not a name").is_err());
    }
}
