//! The nameservers and search domains of `/etc/resolv.conf`, read the way the C library reads
//! them (glibc `resolv/res_init.c`, musl `src/network/resolvconf.c`): a keyword at the start of a
//! line, a comment line starting `#` or `;`, an address cut at whitespace, `#` or `;`, the last
//! `domain` or `search` line winning. The file is untrusted: read only when it is a regular file
//! (a FIFO or a device would block or never end), capped at 64 KiB, decoded lossily.
//!
//! Behind systemd-resolved the file names only its stub `127.0.0.53`; the servers the stub
//! forwards to are in `/run/systemd/resolve/resolv.conf`, read as well so a tunnel's DNS server
//! is not hidden behind the stub.
//!
//! On Windows there is no such file (hickory's `read_system_conf` asks the system there).

use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;

use crate::input::{CappedReadError, read_capped};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where the C library's resolver configuration lives.
pub const RESOLV_CONF: &str = "/etc/resolv.conf";

/// The upstream servers behind systemd-resolved's stub.
pub const SYSTEMD_RESOLVED_UPSTREAM: &str = "/run/systemd/resolve/resolv.conf";

/// The most of the file read (real ones are a few hundred bytes).
pub const RESOLV_CONF_CAP: u64 = 64 * 1024;

/// The most nameservers kept (the C library consults only the first three, `MAXNS`).
const MAX_NAMESERVERS: usize = 16;

/// The most search domains kept.
const MAX_SEARCH: usize = 32;

/// The longest domain name (RFC 1035).
const MAX_DOMAIN: usize = 253;

/// What a resolv.conf says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ResolvConf {
    /// The `nameserver` addresses, in order, without repeats (scope ids dropped).
    pub nameservers: Vec<IpAddr>,
    /// The search list (`search`, or `domain` when it came last), lower case, no final dot.
    pub search: Vec<String>,
}

impl ResolvConf {
    /// True when the only nameservers are systemd-resolved's stub listeners (`127.0.0.53`, and
    /// `127.0.0.54` of its proxy-only mode).
    pub fn is_systemd_stub(&self) -> bool {
        const STUBS: [Ipv4Addr; 2] = [Ipv4Addr::new(127, 0, 0, 53), Ipv4Addr::new(127, 0, 0, 54)];
        !self.nameservers.is_empty()
            && self
                .nameservers
                .iter()
                .all(|ns| matches!(ns, IpAddr::V4(v4) if STUBS.contains(v4)))
    }
}

/// The system's resolver configuration: `/etc/resolv.conf`, and the servers behind
/// systemd-resolved's stub when that is all the file names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SystemResolvConf {
    /// `/etc/resolv.conf`.
    pub configured: ResolvConf,
    /// `/run/systemd/resolve/resolv.conf` when `configured` is only the stub and it could be read.
    pub behind_stub: Option<ResolvConf>,
}

impl SystemResolvConf {
    /// The servers queries end at: those behind the stub when known, else the configured ones.
    pub fn effective_nameservers(&self) -> &[IpAddr] {
        match &self.behind_stub {
            Some(upstream) if !upstream.nameservers.is_empty() => &upstream.nameservers,
            _ => &self.configured.nameservers,
        }
    }
}

/// Why a resolv.conf could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ResolvConfError {
    /// The file does not exist (no resolver configured, or not a Unix system).
    #[error("{path} does not exist")]
    NotFound { path: String },
    /// The path is a directory, FIFO, socket or device: not read.
    #[error("{path} is not a regular file")]
    NotRegularFile { path: String },
    /// The file is larger than `RESOLV_CONF_CAP`.
    #[error("{path} is larger than {cap} bytes")]
    TooLarge { path: String, cap: u64 },
    /// Opening or reading failed.
    #[error("{path} could not be read: {source}")]
    Unreadable { path: String, source: std::io::Error },
}

impl ResolvConfError {
    /// A stable code for the report: `not_found`, `not_regular_file`, `too_large`, `unreadable`.
    pub fn code(&self) -> &'static str {
        match self {
            ResolvConfError::NotFound { .. } => "not_found",
            ResolvConfError::NotRegularFile { .. } => "not_regular_file",
            ResolvConfError::TooLarge { .. } => "too_large",
            ResolvConfError::Unreadable { .. } => "unreadable",
        }
    }
}

/// Reads `/etc/resolv.conf`, and the servers behind systemd-resolved's stub when it names only
/// the stub (a failure there leaves `behind_stub` empty: the configured file still stands).
pub fn read_resolv_conf() -> Result<SystemResolvConf, ResolvConfError> {
    let configured = read_resolv_conf_at(Path::new(RESOLV_CONF))?;
    let behind_stub = if configured.is_systemd_stub() {
        read_resolv_conf_at(Path::new(SYSTEMD_RESOLVED_UPSTREAM)).ok()
    } else {
        None
    };
    Ok(SystemResolvConf {
        configured,
        behind_stub,
    })
}

/// Reads and parses one resolv.conf-format file (symbolic links followed), refusing what is not
/// a regular file and what is larger than `RESOLV_CONF_CAP`.
pub fn read_resolv_conf_at(path: &Path) -> Result<ResolvConf, ResolvConfError> {
    let shown = path.display().to_string();
    let bytes = read_capped(path, RESOLV_CONF_CAP).map_err(|e| match e {
        CappedReadError::NotFound => ResolvConfError::NotFound { path: shown.clone() },
        CappedReadError::NotAFile(_) => ResolvConfError::NotRegularFile { path: shown.clone() },
        CappedReadError::TooLarge { .. } => ResolvConfError::TooLarge {
            path: shown.clone(),
            cap: RESOLV_CONF_CAP,
        },
        CappedReadError::Io(source) => ResolvConfError::Unreadable {
            path: shown.clone(),
            source,
        },
    })?;
    Ok(parse_resolv_conf(&String::from_utf8_lossy(&bytes)))
}

/// Parses resolv.conf text: never fails, ignores what it does not understand.
pub fn parse_resolv_conf(text: &str) -> ResolvConf {
    let mut out = ResolvConf::default();
    for line in text.lines() {
        if let Some(rest) = keyword(line, "nameserver") {
            if let Some(ip) = nameserver(rest)
                && !out.nameservers.contains(&ip)
                && out.nameservers.len() < MAX_NAMESERVERS
            {
                out.nameservers.push(ip);
            }
        } else if let Some(rest) = keyword(line, "search").or_else(|| keyword(line, "domain")) {
            // The last `search` or `domain` line replaces what came before.
            out.search = search_list(rest);
        }
    }
    out
}

/// The rest of `line` when it starts with `word` followed by a space or tab (the C library
/// accepts no leading whitespace; a comment line starts with `#` or `;` and matches nothing).
fn keyword<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(word)?;
    rest.starts_with([' ', '\t']).then_some(rest)
}

/// The address of a `nameserver` line: the first word, cut at `#` or `;`, scope id dropped.
fn nameserver(rest: &str) -> Option<IpAddr> {
    let word = rest.split_whitespace().next()?;
    let word = word.split(['#', ';']).next()?;
    let address = word.split('%').next()?;
    address.parse().ok()
}

/// The domains of a `search` or `domain` line: lower case, no final dot, bounded, no repeats.
fn search_list(rest: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in rest.split_whitespace() {
        if word.starts_with(['#', ';']) {
            break;
        }
        let domain = word.trim_end_matches('.').to_ascii_lowercase();
        let plausible = !domain.is_empty()
            && domain.len() <= MAX_DOMAIN
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if plausible && !out.contains(&domain) && out.len() < MAX_SEARCH {
            out.push(domain);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("test address")
    }

    #[test]
    fn a_typical_file() {
        let conf = parse_resolv_conf(
            "# Generated by NetworkManager\n\
             search corp.example. example.com\n\
             nameserver 192.0.2.53\n\
             nameserver 2001:db8::53\n\
             options edns0 trust-ad\n",
        );
        assert_eq!(conf.nameservers, [ip("192.0.2.53"), ip("2001:db8::53")]);
        assert_eq!(conf.search, ["corp.example", "example.com"]);
        assert!(!conf.is_systemd_stub());
    }

    #[test]
    fn the_c_librarys_rules() {
        let conf = parse_resolv_conf(
            "nameserver 192.0.2.1 # trailing words are ignored\n\
             nameserver\t198.51.100.1;comment\n\
             nameserver fe80::1%eth0\n\
             ; nameserver 203.0.113.1\n\
             # nameserver 203.0.113.2\n\
             \x20nameserver 203.0.113.3\n\
             nameservers 203.0.113.4\n\
             nameserver192.0.2.9\n\
             nameserver 192.0.2.1\n\
             domain first.example\n\
             search Second.Example third.example\n\
             domain last.example\n",
        );
        assert_eq!(
            conf.nameservers,
            [ip("192.0.2.1"), ip("198.51.100.1"), ip("fe80::1")]
        );
        assert_eq!(conf.search, ["last.example"], "the last domain/search line wins");
    }

    #[test]
    fn the_systemd_stub_is_recognised() {
        assert!(
            parse_resolv_conf("nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n").is_systemd_stub()
        );
        assert!(parse_resolv_conf("nameserver 127.0.0.54\n").is_systemd_stub());
        assert!(!parse_resolv_conf("nameserver 127.0.0.53\nnameserver 192.0.2.1\n").is_systemd_stub());
        assert!(!parse_resolv_conf("").is_systemd_stub());
        let system = SystemResolvConf {
            configured: parse_resolv_conf("nameserver 127.0.0.53\n"),
            behind_stub: Some(parse_resolv_conf("nameserver 198.18.0.2\n")),
        };
        assert_eq!(system.effective_nameservers(), [ip("198.18.0.2")]);
        let plain = SystemResolvConf {
            configured: parse_resolv_conf("nameserver 192.0.2.1\n"),
            behind_stub: None,
        };
        assert_eq!(plain.effective_nameservers(), [ip("192.0.2.1")]);
    }

    #[test]
    fn hostile_text_is_parsed_without_panics() {
        let cases = [
            String::new(),
            "\0\0\0".to_string(),
            "nameserver".to_string(),
            "nameserver \n".to_string(),
            "nameserver 999.1.1.1\nnameserver 1.2.3\nnameserver ::::\nnameserver %\nnameserver #\n"
                .to_string(),
            "search".to_string(),
            "search \u{202e}evil.example\u{1b}[0m ok.example\n".to_string(),
            format!("search {}\n", "a".repeat(300)),
            "\r\nnameserver 192.0.2.7\r\n".to_string(),
            "nameserver 192.0.2.8".repeat(10_000),
            "\u{feff}nameserver 192.0.2.9\n".to_string(),
        ];
        for text in &cases {
            let conf = parse_resolv_conf(text);
            assert!(conf.nameservers.len() <= MAX_NAMESERVERS);
            assert!(conf.search.iter().all(|d| d.len() <= MAX_DOMAIN && d.is_ascii()));
        }
        assert_eq!(parse_resolv_conf(&cases[6]).search, ["ok.example"]);
        assert_eq!(parse_resolv_conf(&cases[8]).nameservers, [ip("192.0.2.7")]);
        assert!(parse_resolv_conf(&cases[4]).nameservers.is_empty());
    }

    #[test]
    fn many_lines_are_bounded() {
        let text: String = (0..1000u32)
            .map(|n| format!("nameserver 192.0.2.{}\nsearch d{n}.example\n", n % 250))
            .collect();
        let conf = parse_resolv_conf(&text);
        assert_eq!(conf.nameservers.len(), MAX_NAMESERVERS);
        assert_eq!(conf.search, ["d999.example"]);
        let long: String = (0..100).map(|n| format!(" d{n}.example")).collect();
        assert_eq!(
            parse_resolv_conf(&format!("search{long}\n")).search.len(),
            MAX_SEARCH
        );
    }

    #[test]
    fn reading_refuses_what_is_not_a_small_regular_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let good = dir.path().join("resolv.conf");
        std::fs::write(&good, "nameserver 192.0.2.53\n").expect("write");
        assert_eq!(
            read_resolv_conf_at(&good).expect("reads").nameservers,
            [ip("192.0.2.53")]
        );

        let big = dir.path().join("big.conf");
        std::fs::write(&big, vec![b'#'; RESOLV_CONF_CAP as usize + 1]).expect("write");
        assert_eq!(
            read_resolv_conf_at(&big).expect_err("too large").code(),
            "too_large"
        );
        let exact = dir.path().join("exact.conf");
        std::fs::write(&exact, vec![b'#'; RESOLV_CONF_CAP as usize]).expect("write");
        assert!(read_resolv_conf_at(&exact).is_ok(), "exactly the cap is read");

        let missing = read_resolv_conf_at(&dir.path().join("absent")).expect_err("absent");
        assert_eq!(missing.code(), "not_found");
        assert_eq!(
            read_resolv_conf_at(dir.path()).expect_err("a directory").code(),
            "not_regular_file"
        );

        let binary = dir.path().join("binary.conf");
        std::fs::write(
            &binary,
            b"\xff\xfe\x00nameserver 192.0.2.1\n\xc3\x28\nnameserver 192.0.2.2\n",
        )
        .expect("write");
        assert_eq!(
            read_resolv_conf_at(&binary).expect("lossy").nameservers,
            [ip("192.0.2.2")]
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_fifos_and_links_to_them_are_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let zero = read_resolv_conf_at(Path::new("/dev/zero")).expect_err("a device");
        assert_eq!(zero.code(), "not_regular_file");
        let link = dir.path().join("link.conf");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        assert_eq!(
            read_resolv_conf_at(&link).expect_err("a link to a device").code(),
            "not_regular_file"
        );
        let fifo = dir.path().join("fifo.conf");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(
                read_resolv_conf_at(&fifo).expect_err("a FIFO").code(),
                "not_regular_file"
            );
        } else {
            eprintln!("skipped the FIFO case: mkfifo is not available");
        }
        let good = dir.path().join("real.conf");
        std::fs::write(&good, "nameserver 198.51.100.53\n").expect("write");
        let to_good = dir.path().join("to-real.conf");
        std::os::unix::fs::symlink(&good, &to_good).expect("symlink");
        assert_eq!(
            read_resolv_conf_at(&to_good)
                .expect("a link to a file")
                .nameservers,
            [ip("198.51.100.53")]
        );
    }

    #[test]
    fn this_machines_file_reads_or_names_its_error() {
        // Whatever this machine has, the reader answers without panicking.
        match read_resolv_conf() {
            Ok(system) => assert!(system.configured.nameservers.len() <= MAX_NAMESERVERS),
            Err(e) => assert!(!e.code().is_empty()),
        }
    }
}
