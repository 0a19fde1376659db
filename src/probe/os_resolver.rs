//! The OS resolver view: a name looked up exactly as apps look it up, through `getaddrinfo`
//! (AF_UNSPEC, SOCK_STREAM: what `std::net::ToSocketAddrs` asks on Linux, macOS and Windows
//! alike). The OS decides what answers: on Linux glibc follows `/etc/nsswitch.conf` (`files` = the
//! hosts file, usually first), macOS and Windows consult their hosts file before DNS too. So a
//! hosts line such as `0.0.0.0 chatgpt.com` answers alone, with no IPv6 address, as apps see it.
//!
//! `getaddrinfo` blocks and cannot be cancelled. It runs on a thread of its own, detached, and
//! the stage waits for it at most `wait`: past that the stage fails with
//! `generic_timeout_error` while the call may outlive the wait (glibc's own retries can take
//! `timeout × attempts` of `resolv.conf`, 10 s by default) and its answer is dropped. A detached
//! thread, rather than tokio's blocking pool, so that a run never waits for it at the end: the
//! runtime's shutdown waits for every blocking-pool task, a detached thread ends with the process.
//! The answer gives no TTL.

use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::dns::summarize;
use super::observation::{DnsDetail, DnsSource, Failure, Family, FamilyLookup, Outcome, Stage};

/// Looks `host` up as apps do, within `wait`, keeping the addresses of `families`.
pub async fn lookup(host: &str, port: u16, families: &[Family], wait: Duration) -> Stage<DnsDetail> {
    let query = host.to_string();
    lookup_with(
        move || (query.as_str(), port).to_socket_addrs().map(Iterator::collect),
        host,
        families,
        wait,
    )
    .await
}

/// [`lookup`] with the blocking resolution given (tests replace `getaddrinfo`).
pub async fn lookup_with<F>(resolve: F, host: &str, families: &[Family], wait: Duration) -> Stage<DnsDetail>
where
    F: FnOnce() -> io::Result<Vec<SocketAddr>> + Send + 'static,
{
    let start = Instant::now();
    let (tx, rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("getaddrinfo".into())
        .spawn(move || {
            // The receiver is gone when the wait ended first: the answer is dropped.
            let _ = tx.send(resolve());
        });
    let answer: Result<Vec<SocketAddr>, (Failure, String)> = match spawned {
        Err(e) => Err((
            Failure::UnknownFailure,
            format!("cannot start the OS resolver's thread: {e}"),
        )),
        Ok(_detached) => match tokio::time::timeout(wait, rx).await {
            Err(_) => Err((
                Failure::GenericTimeoutError,
                format!(
                    "no answer from the OS resolver within {:.1} s",
                    wait.as_secs_f64()
                ),
            )),
            Ok(Err(_)) => Err((
                Failure::UnknownFailure,
                "the OS resolver's thread ended without an answer".to_string(),
            )),
            Ok(Ok(Ok(addrs))) => Ok(addrs),
            Ok(Ok(Err(e))) => Err((classify(&e), message(&e))),
        },
    };
    let duration = start.elapsed();
    let lookups = families
        .iter()
        .map(|&family| family_lookup(family, &answer, duration))
        .collect();
    let detail = DnsDetail {
        query: host.to_string(),
        source: DnsSource::Os,
        lookups,
    };
    summarize(detail, duration)
}

/// One family's share of the answer: its addresses in the OS's order (the order apps try them),
/// or the failure of the whole call.
fn family_lookup(
    family: Family,
    answer: &Result<Vec<SocketAddr>, (Failure, String)>,
    duration: Duration,
) -> FamilyLookup {
    let (outcome, addrs) = match answer {
        Ok(all) => {
            let mut addrs: Vec<IpAddr> = Vec::new();
            for ip in all
                .iter()
                .map(SocketAddr::ip)
                .filter(|ip| Family::of(ip) == family)
            {
                if !addrs.contains(&ip) {
                    addrs.push(ip);
                }
            }
            let outcome = if addrs.is_empty() {
                Outcome::failed(
                    Failure::DnsNoAnswer,
                    format!("the OS resolver gave no {} address", family.as_str()),
                )
            } else {
                Outcome::Ok
            };
            (outcome, addrs)
        }
        Err((failure, message)) => (Outcome::failed(*failure, message.clone()), vec![]),
    };
    FamilyLookup {
        family,
        outcome,
        addrs,
        ttl: None,
        duration,
    }
}

/// The error's text, capped (it comes from the OS).
fn message(e: &io::Error) -> String {
    let mut m = e.to_string();
    if m.len() > 300 {
        let mut end = 300;
        while !m.is_char_boundary(end) {
            end -= 1;
        }
        m.truncate(end);
    }
    m
}

/// Windows Sockets' codes for `getaddrinfo`'s errors (std reports them as the OS error).
const WSAHOST_NOT_FOUND: i32 = 11001;
const WSATRY_AGAIN: i32 = 11002;
const WSANO_RECOVERY: i32 = 11003;
const WSANO_DATA: i32 = 11004;

/// Maps the OS resolver's error to a failure string. On Unix std reports `getaddrinfo`'s code
/// only as `gai_strerror`'s text (glibc, musl and BSD/macOS wordings are matched), or as errno
/// for `EAI_SYSTEM`; on Windows as the Windows Sockets code.
pub fn classify(e: &io::Error) -> Failure {
    match e.raw_os_error() {
        Some(WSAHOST_NOT_FOUND) => return Failure::DnsNxdomainError,
        Some(WSANO_DATA) => return Failure::DnsNoAnswer,
        Some(WSATRY_AGAIN) => return Failure::DnsTemporaryFailure,
        Some(WSANO_RECOVERY) => return Failure::DnsServfailError,
        Some(_) => {
            return match Failure::from_io(e) {
                f @ (Failure::NetworkUnreachable
                | Failure::HostUnreachable
                | Failure::GenericTimeoutError) => f,
                _ => Failure::DnsTemporaryFailure,
            };
        }
        None => {}
    }
    if e.kind() == io::ErrorKind::TimedOut {
        return Failure::GenericTimeoutError;
    }
    let text = e.to_string().to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&[
        "name or service not known",
        "nodename nor servname provided",
        "name does not resolve",
        "no such host is known",
    ]) {
        Failure::DnsNxdomainError
    } else if has(&["no address associated with", "name has no usable address"]) {
        Failure::DnsNoAnswer
    } else if has(&["temporary failure in name resolution", "try again"]) {
        Failure::DnsTemporaryFailure
    } else if has(&["non-recoverable failure in name resolution"]) {
        Failure::DnsServfailError
    } else {
        Failure::UnknownFailure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: &[Family] = &[Family::Ipv4, Family::Ipv6];

    fn gai(detail: &str) -> io::Error {
        // As std words a getaddrinfo error on Unix.
        io::Error::other(format!("failed to lookup address information: {detail}"))
    }

    fn sa(s: &str) -> SocketAddr {
        s.parse().expect("a socket address")
    }

    #[test]
    fn resolver_errors_map_to_stable_failure_strings() {
        let cases: &[(&str, Failure)] = &[
            ("Name or service not known", Failure::DnsNxdomainError),
            (
                "nodename nor servname provided, or not known",
                Failure::DnsNxdomainError,
            ),
            ("Name does not resolve", Failure::DnsNxdomainError),
            ("No address associated with hostname", Failure::DnsNoAnswer),
            ("Name has no usable address", Failure::DnsNoAnswer),
            (
                "Temporary failure in name resolution",
                Failure::DnsTemporaryFailure,
            ),
            (
                "Non-recoverable failure in name resolution",
                Failure::DnsServfailError,
            ),
            ("ai_family not supported", Failure::UnknownFailure),
        ];
        for (text, want) in cases {
            assert_eq!(classify(&gai(text)), *want, "{text}");
        }
        let windows = [
            (11001, Failure::DnsNxdomainError),
            (11002, Failure::DnsTemporaryFailure),
            (11003, Failure::DnsServfailError),
            (11004, Failure::DnsNoAnswer),
        ];
        for (code, want) in windows {
            assert_eq!(classify(&io::Error::from_raw_os_error(code)), want, "{code}");
        }
        assert_eq!(
            classify(&io::Error::from(io::ErrorKind::TimedOut)),
            Failure::GenericTimeoutError
        );
    }

    #[tokio::test]
    async fn the_answer_is_split_by_family_in_the_oss_order_without_ttl() {
        let stage = lookup_with(
            || {
                Ok(vec![
                    sa("[2001:db8::1]:443"),
                    sa("192.0.2.1:443"),
                    sa("192.0.2.1:443"),
                    sa("192.0.2.2:443"),
                ])
            },
            "chatgpt.com",
            BOTH,
            Duration::from_secs(2),
        )
        .await;
        assert!(stage.is_ok());
        let d = stage.detail.expect("detail");
        assert_eq!(d.source, DnsSource::Os);
        assert_eq!(d.query, "chatgpt.com");
        let v4: Vec<String> = d.lookups[0].addrs.iter().map(ToString::to_string).collect();
        assert_eq!(v4, ["192.0.2.1", "192.0.2.2"]);
        assert_eq!(d.lookups[1].addrs.len(), 1);
        assert!(d.lookups.iter().all(|l| l.ttl.is_none()));
    }

    /// What a hosts line `0.0.0.0 chatgpt.com` gives apps: one IPv4 address and no IPv6.
    #[tokio::test]
    async fn an_ipv4_only_answer_has_no_ipv6_address_and_still_succeeds() {
        let stage = lookup_with(
            || Ok(vec![sa("0.0.0.0:443")]),
            "chatgpt.com",
            BOTH,
            Duration::from_secs(2),
        )
        .await;
        assert!(stage.is_ok());
        let d = stage.detail.expect("detail");
        assert_eq!(d.lookups[1].outcome.failure(), Some(Failure::DnsNoAnswer));
        // -6: only IPv6 is asked, and there is none.
        let only_v6 = lookup_with(
            || Ok(vec![sa("0.0.0.0:443")]),
            "chatgpt.com",
            &[Family::Ipv6],
            Duration::from_secs(2),
        )
        .await;
        assert_eq!(only_v6.outcome.failure(), Some(Failure::DnsNoAnswer));
    }

    #[tokio::test]
    async fn an_error_fails_every_family_with_its_failure_string() {
        let stage = lookup_with(
            || Err(gai("Name or service not known")),
            "nx.example",
            BOTH,
            Duration::from_secs(2),
        )
        .await;
        assert_eq!(stage.outcome.failure(), Some(Failure::DnsNxdomainError));
        let d = stage.detail.expect("detail");
        assert!(
            d.lookups
                .iter()
                .all(|l| l.outcome.failure() == Some(Failure::DnsNxdomainError))
        );
    }

    /// A resolver that never answers costs the wait, not its own retries.
    #[tokio::test]
    async fn a_hanging_resolver_is_cut_at_the_wait() {
        let start = Instant::now();
        let stage = lookup_with(
            || {
                std::thread::sleep(Duration::from_secs(3));
                Ok(vec![])
            },
            "slow.example",
            BOTH,
            Duration::from_millis(100),
        )
        .await;
        assert!(start.elapsed() < Duration::from_secs(1));
        assert_eq!(stage.outcome.failure(), Some(Failure::GenericTimeoutError));
    }

    /// `localhost` is answered by the hosts file (or the resolver's own rule): nothing leaves
    /// the machine.
    #[tokio::test]
    async fn localhost_resolves_to_loopback_through_the_os() {
        let stage = lookup("localhost", 443, BOTH, Duration::from_secs(5)).await;
        let d = stage.detail.expect("detail");
        assert!(d.addrs().all(IpAddr::is_loopback), "{d:?}");
        assert!(d.addrs().next().is_some(), "{d:?}");
    }
}
