//! The system resolver, for the names the proxy stage resolves itself: the proxy's own, and the
//! target's behind a `socks5://` proxy.

use std::net::SocketAddr;
use std::time::Duration;

use crate::probe::observation::Failure;

/// The system resolver (getaddrinfo), bounded by `timeout`.
pub(super) async fn resolve(
    host: &str,
    port: u16,
    timeout: Duration,
) -> Result<Vec<SocketAddr>, (Failure, String)> {
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
