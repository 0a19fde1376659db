//! The flags of each subcommand. A flag shared by several (`-4`/`-6`, `--dns-server`, `--timeout`,
//! `--resolve`, `--connect-to`, `--cacert`) is defined once, in a group that each flattens.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use url::Url;

use super::values::{
    HostPort, parse_connect_to, parse_dns_server, parse_host_port, parse_https_url, parse_name,
    parse_resolve, parse_secs, parse_target_url,
};
use crate::catalog::Surface;
use crate::probe::DEFAULT_DECOY_SNI;
use crate::route::{ConnectTo, ResolveRule};

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

    /// Timeout of each stage (dns, tcp, tls, http), in seconds
    #[arg(long, visible_alias = "connect-timeout", value_name = "SECS", default_value = "5", value_parser = parse_secs)]
    pub timeout: Duration,
}

/// Which certificate authorities are trusted besides the stores, shared by `check`, `tls` and `http`.
#[derive(Args, Debug, Clone, Default)]
pub struct TrustArgs {
    /// Also trust the CA certificates in this PEM file (added to both the system and public stores)
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,
}

/// Where connections go, shared by `tcp`, `tls` and `http` (as in `check`).
#[derive(Args, Debug, Clone)]
pub struct RouteArgs {
    /// Use these addresses for HOST:PORT instead of resolving it (like curl; ADDR may be [IPv6])
    #[arg(long, value_name = "HOST:PORT:ADDR[,ADDR]...", value_parser = parse_resolve)]
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

    #[command(flatten)]
    pub trust: TrustArgs,

    /// The SNI of the SNI test: when the handshake with the real name is reset or times out, the
    /// same address is tried with this name
    #[arg(long = "decoy-sni", value_name = "NAME", default_value = DEFAULT_DECOY_SNI, value_parser = parse_name)]
    pub decoy_sni: String,

    #[command(flatten)]
    pub resolver: ResolverArgs,

    #[command(flatten)]
    pub route: RouteArgs,
}

/// `http URL`.
#[derive(Args, Debug, Clone)]
pub struct HttpArgs {
    /// The http:// or https:// URL to GET
    #[arg(value_name = "URL", value_parser = parse_target_url)]
    pub url: Url,

    #[command(flatten)]
    pub trust: TrustArgs,

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

/// `check`: its flags plus where to write.
#[derive(Args, Debug, Clone)]
pub struct CheckCommandArgs {
    /// Write the output to FILE instead of stdout, replacing it atomically (a temporary file in the
    /// same directory, then a rename): readers such as node_exporter never see half a file
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

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

/// Flags of `check` (and of `status`, `auth`, `watch`, `serve`, `report`). Names follow curl where
/// curl has one.
#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    #[command(flatten)]
    pub resolver: ResolverArgs,

    #[command(flatten)]
    pub route: RouteArgs,

    #[command(flatten)]
    pub trust: TrustArgs,

    /// DNS-over-HTTPS resolver for the control lookups that OpenAI's answers are compared with
    #[arg(long = "doh-url", value_name = "URL", value_parser = parse_https_url)]
    pub doh_url: Option<Url>,

    /// Address ranges OpenAI's edge answers from, one CIDR a line (default: Cloudflare's published
    /// ranges); an answer outside them weighs as evidence of DNS tampering
    #[arg(long = "edge-ranges", value_name = "FILE")]
    pub edge_ranges: Option<PathBuf>,

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

    /// Probe only this route: env (terminal tools and SDKs: the proxy variables and flags),
    /// system (browsers and the desktop app: the system proxy or its PAC file) or direct (no
    /// proxy) [default: every route this machine's programs take]
    #[arg(long = "route", value_enum, value_name = "ROUTE")]
    pub programs_route: Option<RouteChoice>,

    /// Exit non-zero when the verdict is healthy but carries warnings
    #[arg(long)]
    pub strict: bool,
}

/// `--route` values.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteChoice {
    /// The way terminal tools and SDKs go: the proxy variables and flags
    Env,
    /// The way browsers and the desktop app go: the system proxy or its PAC file
    System,
    /// No proxy at all
    Direct,
}

impl Default for CheckArgs {
    fn default() -> Self {
        // One source of truth: the defaults clap would give.
        use clap::FromArgMatches;
        let cmd = CheckArgs::augment_args(clap::Command::new("check"));
        cmd.try_get_matches_from(["check"])
            .ok()
            .and_then(|m| CheckArgs::from_arg_matches(&m).ok())
            .unwrap_or_else(|| unreachable!("`check` without flags always parses"))
    }
}
