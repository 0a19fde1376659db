//! The SOCKS5 handshake (`socks5://` and `socks5h://` proxies), through tokio-socks.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use tokio::net::TcpStream;

use super::detail::{detail_for, failed};
use super::resolve::resolve;
use crate::probe::observation::{Failure, ProxyDetail, Stage};
use crate::route::{ProxyConfig, ProxyScheme, bracket};

/// The SOCKS5 handshake (tokio-socks), with username/password when the URL has them.
pub(super) async fn socks_connect(
    proxy: &ProxyConfig,
    stream: TcpStream,
    host: &str,
    port: u16,
    timeout: Duration,
) -> (Stage<ProxyDetail>, Option<TcpStream>) {
    use tokio_socks::tcp::Socks5Stream;

    let start = Instant::now();
    let deadline = tokio::time::Instant::now() + timeout;
    let detail = detail_for(proxy);
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
        match proxy.credentials() {
            Some((username, password)) => {
                Socks5Stream::connect_with_password_and_socket(stream, target_ref, username, password).await
            }
            None => Socks5Stream::connect_with_socket(stream, target_ref).await,
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

/// The failure string and message for a SOCKS5 error.
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
