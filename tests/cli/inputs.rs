//! What the user hands the tool is untrusted input (issue #17): every named file is read with a
//! cap and never blocks, and every value is checked by the one validator of its kind. Each
//! refusal is immediate, names the file or value and the rule, and exits 1 for a file, 2 for a
//! value.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::run::run_cmd;
use crate::support::{Outcome, World, doctor};

/// How long a refusal may take: it happens before any probe, so a fraction of this.
const PROMPT: Duration = Duration::from_secs(3);

/// A named FIFO nobody writes to, or `None` where `mkfifo` is missing.
#[cfg(unix)]
fn fifo(dir: &Path) -> Option<PathBuf> {
    let path = dir.join("fifo");
    std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .is_ok_and(|s| s.success())
        .then_some(path)
}

/// `check ARGS --max-time 5`, killed after 10 s (the old code hung or grew without end).
fn refused(args: &[&str]) -> (Outcome, Duration) {
    let mut cmd = doctor();
    cmd.arg("check")
        .args(args)
        .args(["--max-time", "5", "--json"])
        .timeout(Duration::from_secs(10));
    let start = Instant::now();
    let outcome = run_cmd(&mut cmd);
    (outcome, start.elapsed())
}

fn assert_refused(args: &[&str], code: i32, words: &[&str]) {
    let (o, took) = refused(args);
    assert_eq!(o.code, code, "{args:?}: {}", o.dump());
    assert!(took < PROMPT, "{args:?} took {took:?}");
    for w in words {
        assert!(o.stderr.contains(w), "{args:?}: no '{w}' in {}", o.dump());
    }
}

const FILE_FLAGS: [(&str, &str); 3] = [
    ("--api-key-file", "4 KiB"),
    ("--cacert", "4 MiB"),
    ("--edge-ranges", "4 MiB"),
];

#[cfg(unix)]
#[test]
fn a_device_named_as_a_file_is_refused_at_once() {
    for (flag, _) in FILE_FLAGS {
        assert_refused(
            &[flag, "/dev/zero"],
            1,
            &[flag, "/dev/zero", "not a regular file (device)"],
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_with_no_writer_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let Some(fifo) = fifo(dir.path()) else {
        eprintln!("mkfifo unavailable: skipped");
        return;
    };
    let shown = fifo.display().to_string();
    for (flag, _) in FILE_FLAGS {
        assert_refused(&[flag, &shown], 1, &[flag, &shown, "not a regular file (fifo)"]);
    }
}

#[test]
fn a_file_over_its_cap_is_refused_naming_the_cap() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (flag, cap) in FILE_FLAGS {
        let path = dir.path().join(flag.trim_start_matches('-'));
        let bytes: u64 = if cap == "4 KiB" { 4 << 10 } else { 4 << 20 };
        std::fs::write(&path, vec![b'#'; bytes as usize + 1]).expect("write");
        let shown = path.display().to_string();
        assert_refused(&[flag, &shown], 1, &[flag, &shown, &format!("larger than {cap}")]);
    }
}

#[test]
fn a_cacert_with_a_broken_block_is_refused_even_beside_a_good_one() {
    let w = World::start();
    let good = std::fs::read_to_string(w.ca_path()).expect("the world's CA");
    let path = w.dir().join("broken.pem");
    // Base64 that decodes, but to no certificate: once dropped without a word.
    let block = "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n";
    std::fs::write(&path, format!("{good}{block}")).expect("write");
    let shown = path.display().to_string();
    let begun = good.lines().count() + 1;
    assert_refused(
        &["--cacert", &shown],
        1,
        &[
            &shown,
            &format!("the block begun on line {begun} is labelled CERTIFICATE but holds no X.509"),
        ],
    );
}

#[test]
fn ten_times_the_count_cap_of_edge_ranges_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("ranges");
    let text: String = (0..200_000u32)
        .map(|i| format!("{}/24\n", std::net::Ipv4Addr::from(0x0a00_0000 + (i << 8))))
        .collect();
    std::fs::write(&path, text).expect("write");
    assert_refused(
        &["--edge-ranges", &path.display().to_string()],
        1,
        &["more than 100000 ranges"],
    );
}

/// `SSL_CERT_FILE` is the system's setting: a bad one is a finding of the check (the programs that
/// honour it fail the same way), never an abort or a hang.
#[cfg(unix)]
#[test]
fn a_bad_ssl_cert_file_is_a_trust_store_problem_not_an_abort() {
    let w = World::start();
    let big = w.dir().join("huge.pem");
    std::fs::write(&big, vec![b'#'; (4 << 20) + 1]).expect("write");
    let mut bad = vec![
        ("/dev/zero".to_string(), "not a regular file (device)"),
        (big.display().to_string(), "larger than 4 MiB"),
    ];
    let holder = tempfile::tempdir().expect("a temporary directory");
    if let Some(f) = fifo(holder.path()) {
        bad.push((f.display().to_string(), "not a regular file (fifo)"));
    }
    for (file, words) in bad {
        let mut cmd = w.command(["--json", "--max-time", "5"]);
        cmd.env("SSL_CERT_FILE", &file).timeout(Duration::from_secs(20));
        let start = Instant::now();
        let o = run_cmd(&mut cmd);
        let took = start.elapsed();
        assert!((0..=8).contains(&o.code), "{file}: {}", o.dump());
        assert!(took < Duration::from_secs(10), "{file} took {took:?}");
        let warnings = o.json["verdict"]["warnings"].to_string();
        assert!(
            warnings.contains("SSL_CERT_FILE") && warnings.contains(words),
            "{file}: {}",
            o.dump()
        );
    }
}

#[test]
fn an_unbalanced_bracket_in_resolve_is_a_usage_error() {
    assert_refused(
        &["--resolve", "chatgpt.com:443:[::1"],
        2,
        &["'[::1' is not an IP address"],
    );
}

#[test]
fn port_zero_is_refused_by_every_flag_that_takes_a_port() {
    let cases: [&[&str]; 5] = [
        &["--resolve", "chatgpt.com:0:127.0.0.1"],
        &["--connect-to", "chatgpt.com:443:127.0.0.1:0"],
        &["--dns-server", "127.0.0.1:0"],
        &["--base-url", "https://127.0.0.1:0/v1"],
        &["--doh-url", "https://127.0.0.1:0/dns-query"],
    ];
    for args in cases {
        assert_refused(args, 2, &["'0' is not a port number (1-65535)"]);
    }
    let (o, took) = refused(&["--proxy", "http://127.0.0.1:0"]);
    assert_eq!(o.code, 2, "{}", o.dump());
    assert!(took < PROMPT);
    assert!(o.stderr.contains("'0' is not a port number"), "{}", o.dump());
}

#[cfg(unix)]
#[test]
fn a_proxy_variable_that_is_not_utf8_is_a_warning_not_silence() {
    use std::os::unix::ffi::OsStrExt;
    let w = World::start();
    let mut cmd = w.command(["--json", "--max-time", "5"]);
    cmd.env(
        "HTTPS_PROXY",
        std::ffi::OsStr::from_bytes(b"http://pr\xffxy.test:3128"),
    );
    let o = run_cmd(&mut cmd);
    let warnings = o.json["verdict"]["warnings"].to_string();
    assert!(
        warnings.contains("HTTPS_PROXY is not valid UTF-8"),
        "{}",
        o.dump()
    );
}
