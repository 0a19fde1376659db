//! The hosts file, read as untrusted input: which of its lines name the names we ask about.
//!
//! Apps resolve names through the OS (`getaddrinfo`), and glibc, macOS and Windows all consult
//! the hosts file before DNS: a line for a name answers for it alone (`0.0.0.0 chatgpt.com` leaves
//! apps no IPv6 address either). Blocklists write such lines by the thousand, so the file is read
//! with a byte cap, only when it is a regular file (a FIFO would block the read forever), and
//! parsed line by line without trusting any of it: comments, several names per line, IPv4 and
//! IPv6 (with a zone), any case, trailing dots and CRLF are understood, anything else is skipped.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::input::{CappedReadError, FileRole};
use crate::tr;

/// The most of a hosts file read: big blocklists stay well under it.
pub const HOSTS_CAP: u64 = FileRole::Hosts.cap();

/// One address line of a hosts file: its number (from 1), the address and the names after it
/// (lower case, without trailing dots).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostsLine {
    pub line: usize,
    pub address: IpAddr,
    pub names: Vec<String>,
}

/// A line of the hosts file that names one of the names asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostsEntry {
    /// The file, as it was opened.
    pub file: String,
    /// The line number, from 1.
    pub line: usize,
    pub address: IpAddr,
    /// The name it answers for (lower case, without a trailing dot).
    pub name: String,
}

/// Why the hosts file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostsError {
    /// Not a regular file (a FIFO, a device, a directory): never read, so never waited on.
    NotAFile { file: String },
    /// Larger than the cap.
    TooLarge { file: String, cap: u64 },
    /// The OS refused to open or read it (permissions, I/O).
    Unreadable { file: String, error: String },
}

impl HostsError {
    /// A stable code: `not_a_file`, `too_large` or `unreadable`.
    pub fn code(&self) -> &'static str {
        match self {
            HostsError::NotAFile { .. } => "not_a_file",
            HostsError::TooLarge { .. } => "too_large",
            HostsError::Unreadable { .. } => "unreadable",
        }
    }

    /// The problem in words, naming the file (`hosts-error-*` in the Fluent files).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            HostsError::NotAFile { file } => tr!(lang, "hosts-error-not-a-file", file = file),
            HostsError::TooLarge { file, cap } => {
                tr!(lang, "hosts-error-too-large", file = file, kib = cap / 1024)
            }
            HostsError::Unreadable { file, error } => {
                tr!(lang, "hosts-error-unreadable", file = file, error = error)
            }
        }
    }
}

/// What the hosts file says about some names: the file, its lines for them, or why it could not
/// be read (then there are no entries).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostsReading {
    /// The file read (empty when none was).
    pub file: String,
    /// Every line naming one of the names, in file order (a name on several lines has several).
    pub entries: Vec<HostsEntry>,
    pub error: Option<HostsError>,
}

impl HostsReading {
    /// The entries for `name` (any case, trailing dot or not).
    pub fn entries_for<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a HostsEntry> + 'a {
        let name = normalize(name);
        self.entries.iter().filter(move |e| e.name == name)
    }
}

/// A name as hosts files compare names: lower case, without a trailing dot.
fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// The hosts file of this operating system: `%SystemRoot%\System32\drivers\etc\hosts` on
/// Windows, `/etc/hosts` elsewhere.
pub fn system_path() -> PathBuf {
    if cfg!(windows) {
        let root = std::env::var_os("SystemRoot")
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| "C:\\Windows".into());
        PathBuf::from(root)
            .join("System32")
            .join("drivers")
            .join("etc")
            .join("hosts")
    } else {
        PathBuf::from("/etc/hosts")
    }
}

/// The address lines of hosts text, in order. Junk (no address, an address that does not
/// parse, no name) is skipped; nothing panics.
pub fn lines(text: &str) -> impl Iterator<Item = HostsLine> + '_ {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let content = raw.split('#').next().unwrap_or("");
        let mut fields = content.split_whitespace();
        let address = parse_address(fields.next()?)?;
        let names: Vec<String> = fields.map(normalize).filter(|n| !n.is_empty()).collect();
        (!names.is_empty()).then_some(HostsLine {
            line: i + 1,
            address,
            names,
        })
    })
}

/// An address as hosts files write it; an IPv6 zone (`fe80::1%eth0`) is dropped.
fn parse_address(field: &str) -> Option<IpAddr> {
    let bare = field.split('%').next().unwrap_or(field);
    bare.parse().ok()
}

/// The entries of hosts text for `names`, attributed to `file`.
pub fn entries_for(text: &str, file: &str, names: &[String]) -> Vec<HostsEntry> {
    let wanted: Vec<String> = names.iter().map(|n| normalize(n)).collect();
    let mut out = Vec::new();
    for l in lines(text) {
        for name in l.names.iter().filter(|n| wanted.contains(n)) {
            out.push(HostsEntry {
                file: file.to_string(),
                line: l.line,
                address: l.address,
                name: name.clone(),
            });
        }
    }
    out
}

/// Reads a hosts file of at most `cap` bytes: `Ok(None)` when there is none, an error when it is
/// not a regular file, is larger than `cap` or cannot be read. Bytes that are not UTF-8 are
/// replaced, never trusted.
pub fn read_capped(path: &Path, cap: u64) -> Result<Option<String>, HostsError> {
    let file = path.display().to_string();
    match crate::input::read_capped(path, cap) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(CappedReadError::NotFound) => Ok(None),
        Err(CappedReadError::NotAFile(_)) => Err(HostsError::NotAFile { file }),
        Err(CappedReadError::TooLarge { .. }) => Err(HostsError::TooLarge { file, cap }),
        Err(CappedReadError::Io(e)) => Err(HostsError::Unreadable {
            file,
            error: e.to_string(),
        }),
    }
}

/// Reads the hosts file at `path` for `names`: its entries, or why it could not be read. A
/// missing file has no entries and is no error.
pub fn read_for(path: &Path, names: &[String]) -> HostsReading {
    let file = path.display().to_string();
    match read_capped(path, HOSTS_CAP) {
        Ok(Some(text)) => HostsReading {
            entries: entries_for(&text, &file, names),
            file,
            error: None,
        },
        Ok(None) => HostsReading {
            file,
            entries: vec![],
            error: None,
        },
        Err(e) => HostsReading {
            file,
            entries: vec![],
            error: Some(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_string()).collect()
    }

    #[test]
    fn a_blocklist_line_names_the_name_with_its_line() {
        let text = "127.0.0.1 localhost\n# blocked\n0.0.0.0 chatgpt.com\n::1 api.openai.com\n";
        let found = entries_for(text, "/etc/hosts", &names(&["chatgpt.com", "api.openai.com"]));
        assert_eq!(
            found,
            vec![
                HostsEntry {
                    file: "/etc/hosts".into(),
                    line: 3,
                    address: ip("0.0.0.0"),
                    name: "chatgpt.com".into(),
                },
                HostsEntry {
                    file: "/etc/hosts".into(),
                    line: 4,
                    address: ip("::1"),
                    name: "api.openai.com".into(),
                },
            ]
        );
    }

    #[test]
    fn comments_several_names_case_trailing_dots_and_crlf_are_understood() {
        let text = "# 0.0.0.0 chatgpt.com\r\n\
                    0.0.0.0\tads.example ChatGPT.COM. other.example # chatgpt.com again\r\n\
                    ::  cdn.oaistatic.com\r\n\
                    fe80::1%eth0 auth.openai.com\r\n";
        let want = names(&["chatgpt.com", "cdn.oaistatic.com", "auth.openai.com."]);
        let found = entries_for(text, "hosts", &want);
        let got: Vec<(usize, IpAddr, &str)> = found
            .iter()
            .map(|e| (e.line, e.address, e.name.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, ip("0.0.0.0"), "chatgpt.com"),
                (3, ip("::"), "cdn.oaistatic.com"),
                (4, ip("fe80::1"), "auth.openai.com"),
            ]
        );
    }

    #[test]
    fn junk_lines_are_skipped_without_panicking() {
        let text = "not-an-address chatgpt.com\n\
                    999.1.1.1 chatgpt.com\n\
                    127.1 chatgpt.com\n\
                    0.0.0.0\n\
                    0.0.0.0 # chatgpt.com\n\
                    \u{0}\u{7f}\u{fffd} chatgpt.com\n\
                    [::1] chatgpt.com\n\
                    ::ffff:1.2.3.4 . .. chatgpt.com\n";
        let found = entries_for(text, "hosts", &names(&["chatgpt.com"]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 8);
        assert_eq!(found[0].address, ip("::ffff:1.2.3.4"));
        // Empty, huge and binary text never panic.
        assert!(entries_for("", "h", &names(&["x"])).is_empty());
        let long = format!("0.0.0.0 {}\n", "a".repeat(200_000));
        assert!(entries_for(&long, "h", &names(&["chatgpt.com"])).is_empty());
        let binary = String::from_utf8_lossy(&[0xff, 0xfe, b'\n', 0x80, b' ', b'x']).into_owned();
        assert!(lines(&binary).next().is_none());
    }

    #[test]
    fn a_name_on_several_lines_has_every_line() {
        let text = "0.0.0.0 chatgpt.com\n:: chatgpt.com\n203.0.113.10 chatgpt.com\n";
        let reading = HostsReading {
            file: "h".into(),
            entries: entries_for(text, "h", &names(&["chatgpt.com"])),
            error: None,
        };
        let lines: Vec<usize> = reading.entries_for("CHATGPT.com.").map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
        assert_eq!(reading.entries_for("api.openai.com").count(), 0);
    }

    #[test]
    fn a_missing_file_has_no_entries_and_no_error() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let reading = read_for(&dir.path().join("hosts"), &names(&["chatgpt.com"]));
        assert_eq!(reading.entries, vec![]);
        assert_eq!(reading.error, None);
    }

    #[test]
    fn a_file_over_the_cap_is_an_error_naming_the_file_and_the_cap() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("hosts");
        std::fs::write(&path, "0.0.0.0 chatgpt.com\n".repeat(10)).expect("write");
        let err = read_capped(&path, 64).expect_err("over the cap");
        assert_eq!(
            err,
            HostsError::TooLarge {
                file: path.display().to_string(),
                cap: 64
            }
        );
        assert_eq!(err.code(), "too_large");
        let words = err.describe(Lang::En);
        assert!(words.contains(&path.display().to_string()), "{words}");
        assert!(read_capped(&path, 4096).expect("under the cap").is_some());
        let reading = read_for(&path, &names(&["chatgpt.com"]));
        assert_eq!(reading.entries.len(), 10);
    }

    #[test]
    fn a_directory_is_refused_not_read() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let err = read_capped(dir.path(), HOSTS_CAP).expect_err("a directory");
        assert_eq!(err.code(), "not_a_file");
        let reading = read_for(dir.path(), &names(&["chatgpt.com"]));
        assert!(reading.error.is_some() && reading.entries.is_empty());
    }

    /// A FIFO with no writer would block a plain read forever: it is refused at once.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("hosts");
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            eprintln!("mkfifo unavailable: skipped");
            return;
        }
        let start = std::time::Instant::now();
        let err = read_capped(&path, HOSTS_CAP).expect_err("a FIFO");
        assert_eq!(err.code(), "not_a_file");
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn the_system_path_is_the_platforms_hosts_file() {
        let p = system_path();
        assert!(p.ends_with("hosts"), "{}", p.display());
        if cfg!(unix) {
            assert_eq!(p, PathBuf::from("/etc/hosts"));
        }
    }
}
