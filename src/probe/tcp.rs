//! The TCP stage: connect to the addresses of one family, in order, within one stage timeout.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use tokio::net::TcpStream;

use super::observation::{Failure, Stage, TcpDetail};

/// Connects to the first address that accepts. Addresses that fail fast (refused, unreachable)
/// are passed over; the whole stage shares one timeout, so a black hole costs `timeout`, once.
/// The duration is that of the successful connect alone, as curl's `time_connect` measures it.
pub async fn connect(addrs: &[SocketAddr], timeout: Duration) -> (Stage<TcpDetail>, Option<TcpStream>) {
    let stage_start = Instant::now();
    let mut earlier = Vec::new();
    let mut last: Option<(Failure, String)> = None;
    for addr in addrs {
        let remaining = timeout.saturating_sub(stage_start.elapsed());
        if remaining.is_zero() {
            break;
        }
        let start = Instant::now();
        match tokio::time::timeout(remaining, TcpStream::connect(addr)).await {
            Ok(Ok(stream)) => {
                let _ = stream.set_nodelay(true);
                let detail = TcpDetail { peer: *addr, earlier };
                return (Stage::ok(start.elapsed(), detail), Some(stream));
            }
            Ok(Err(e)) => {
                let failure = Failure::from_io(&e);
                earlier.push((*addr, failure));
                last = Some((failure, format!("{addr}: {e}")));
            }
            Err(_) => {
                earlier.push((*addr, Failure::GenericTimeoutError));
                last = Some((
                    Failure::GenericTimeoutError,
                    format!("{addr}: no answer within {:.1} s", timeout.as_secs_f64()),
                ));
                break;
            }
        }
    }
    let (failure, message) = last.unwrap_or((
        Failure::GenericTimeoutError,
        "no address could be tried before the timeout".to_string(),
    ));
    let mut stage = Stage::failed(stage_start.elapsed(), failure, message);
    if let Some((peer, _)) = earlier.last().copied() {
        stage.detail = Some(TcpDetail { peer, earlier });
    }
    (stage, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn refused_port_is_connection_refused_and_fast() {
        // Bind then drop to find a port nobody listens on.
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        drop(l);
        let (stage, stream) = connect(&[addr], Duration::from_secs(2)).await;
        assert!(stream.is_none());
        assert_eq!(stage.outcome.failure(), Some(Failure::ConnectionRefused));
        assert!(stage.duration.unwrap() < Duration::from_secs(1));
    }

    #[tokio::test]
    async fn falls_through_to_the_next_address() {
        let dead = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap()
        };
        let live = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let live_addr = live.local_addr().unwrap();
        let (stage, stream) = connect(&[dead, live_addr], Duration::from_secs(2)).await;
        assert!(stream.is_some());
        let d = stage.detail.unwrap();
        assert_eq!(d.peer, live_addr);
        assert_eq!(d.earlier, vec![(dead, Failure::ConnectionRefused)]);
    }
}
