//! The tunnel: TCP to the proxy, then the handshake its scheme calls for.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use tokio::net::TcpStream;

use super::resolve::resolve;
use crate::probe::observation::{Failure, ProxyDetail, SkipReason, Stage, TcpDetail};
use crate::route::{ProxyConfig, ProxyScheme};

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
            proxy: Stage::skipped(SkipReason::ProxyTcpFailed),
            stream: None,
        };
    };
    let (stage, stream) = match proxy.scheme {
        ProxyScheme::Http => super::connect::http_connect(proxy, stream, host, port, timeout).await,
        ProxyScheme::Socks5 | ProxyScheme::Socks5h => {
            super::socks::socks_connect(proxy, stream, host, port, timeout).await
        }
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
    let addrs: Vec<SocketAddr> = match proxy.host().parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, proxy.port())],
        Err(_) => match resolve(proxy.host(), proxy.port(), timeout).await {
            Ok(addrs) => addrs,
            Err((failure, why)) => {
                let message = format!("could not resolve the proxy's host {}: {why}", proxy.host());
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
    crate::probe::tcp::connect(&addrs, remaining).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Duration = Duration::from_secs(3);

    #[tokio::test]
    async fn a_refused_proxy_fails_the_tcp_stage_and_skips_the_proxy_stage() {
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let proxy = ProxyConfig::parse(&format!("http://{addr}"), "HTTPS_PROXY").unwrap();
        let out = connect_via(&proxy, "chatgpt.com", 443, T).await;
        assert_eq!(out.tcp.outcome.failure(), Some(Failure::ConnectionRefused));
        assert!(matches!(
            out.proxy.outcome,
            crate::probe::observation::Outcome::Skipped { .. }
        ));
        assert!(out.stream.is_none());
    }
}
