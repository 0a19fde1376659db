//! The HTTP stage: one GET on the already-measured connection, a capped body.

use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::io::{AsyncRead, AsyncWrite};

use super::observation::{BodyEnd, Failure, HttpDetail, Stage};

/// The most header bytes accepted before the answer counts as invalid.
pub const HEADER_CAP: usize = 64 * 1024;
/// Headers kept for the report and the classifiers (prefix match where the name ends in `*`).
const KEPT_HEADERS: &[&str] = &[
    "server",
    "date",
    "content-type",
    "content-length",
    "location",
    "cf-ray",
    "cf-mitigated",
    "cf-error-type",
    "cf-error-origin",
    "cf-cache-status",
    "x-request-id",
    "openai-*",
    "x-ratelimit-*",
    "retry-after",
    "retry-after-ms",
];

/// The user agent sent: honest, so servers can tell who asks.
pub const USER_AGENT: &str = concat!("chatgpt-doctor/", env!("CARGO_PKG_VERSION"));

/// True for a header the probe keeps for the report and the classifiers.
pub fn kept(name: &str) -> bool {
    KEPT_HEADERS.iter().any(|k| match k.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == *k,
    })
}

/// One GET request: where, and what to add.
#[derive(Debug, Clone, Copy)]
pub struct HttpRequest<'a> {
    pub scheme: &'a str,
    /// `host` or `host:port` (IPv6 in brackets).
    pub authority: &'a str,
    pub path: &'a str,
    /// Extra request headers (e.g. `authorization`); never recorded anywhere.
    pub headers: &'a [(String, String)],
    /// The most body kept.
    pub body_cap: usize,
    /// Wait for the body as long as for the head (documents that run long, such as the status
    /// page's); otherwise the body gets [`BODY_WAIT`] or three times the time to first byte.
    pub full_body_wait: bool,
}

/// The least time a body gets after its head. Real answers to the probes arrive with their head
/// or a few round trips after it; one still arriving after this (and after three times the time
/// to first byte) trickles or never ends, and that is evidence, not something to wait for.
pub const BODY_WAIT: Duration = Duration::from_millis(1500);

/// How long the body of an answer whose head took `ttfb` may take, within `timeout`.
pub fn body_wait(timeout: Duration, ttfb: Duration, full: bool) -> Duration {
    if full {
        timeout
    } else {
        timeout.min(BODY_WAIT.max(ttfb * 3))
    }
}

/// Sends `GET path` for `authority` over `io` and reads the answer within `timeout` (head) plus
/// `timeout` (body, capped at `body_cap`). The stage's duration is the time to the response
/// head, as curl's `time_starttransfer - time_appconnect`.
pub async fn get<IO>(io: IO, h2: bool, req: HttpRequest<'_>, timeout: Duration) -> Stage<HttpDetail>
where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let start = Instant::now();
    let io = TokioIo::new(io);
    let HttpRequest {
        scheme,
        authority,
        path,
        headers: extra,
        body_cap,
        full_body_wait,
    } = req;
    let uri = if h2 {
        format!("{scheme}://{authority}{path}")
    } else {
        path.to_string()
    };
    let mut builder = Request::builder()
        .method("GET")
        .uri(uri)
        .header("user-agent", USER_AGENT)
        .header("accept", "*/*");
    if !h2 {
        builder = builder.header("host", authority);
    }
    for (k, v) in extra {
        builder = builder.header(k.as_str(), v.as_str());
    }
    let request = match builder.body(Empty::<Bytes>::new()) {
        Ok(r) => r,
        Err(e) => {
            return Stage::failed(
                Duration::ZERO,
                Failure::HttpInvalidResponse,
                format!("cannot build the request: {e}"),
            );
        }
    };

    let exchange = async {
        if h2 {
            let (mut sender, conn) = hyper::client::conn::http2::Builder::new(TokioExecutor::new())
                .max_header_list_size(HEADER_CAP as u32)
                .handshake(io)
                .await?;
            let driver = tokio::spawn(conn);
            let r = sender.send_request(request).await;
            Ok::<_, hyper::Error>((r?, driver))
        } else {
            let (mut sender, conn) = hyper::client::conn::http1::Builder::new()
                .max_buf_size(HEADER_CAP)
                .handshake(io)
                .await?;
            let driver = tokio::spawn(conn);
            let r = sender.send_request(request).await;
            Ok((r?, driver))
        }
    };

    let (response, driver) = match tokio::time::timeout(timeout, exchange).await {
        Err(_) => {
            return Stage::failed(
                start.elapsed(),
                Failure::GenericTimeoutError,
                format!("no answer within {:.1} s", timeout.as_secs_f64()),
            );
        }
        Ok(Err(e)) => return Stage::failed(start.elapsed(), classify_hyper_error(&e), e.to_string()),
        Ok(Ok(pair)) => pair,
    };
    let ttfb = start.elapsed();
    let received_at = std::time::SystemTime::now();
    let status = response.status().as_u16();
    let version = format!("{:?}", response.version());
    let headers = response
        .headers()
        .iter()
        .filter(|(k, _)| kept(k.as_str()))
        .take(40)
        .map(|(k, v)| {
            let mut v = String::from_utf8_lossy(v.as_bytes()).into_owned();
            v.truncate(300);
            (k.as_str().to_string(), v)
        })
        .collect();
    let body_start = Instant::now();
    let wait = body_wait(timeout, ttfb, full_body_wait);
    let (body, body_end) = read_capped(response.into_body(), wait, body_cap).await;
    driver.abort();
    Stage::ok(
        ttfb,
        HttpDetail {
            status,
            version,
            headers,
            body,
            body_truncated: body_end != BodyEnd::Complete,
            body_end,
            body_duration: body_start.elapsed(),
            received_at,
        },
    )
}

/// Reads at most `cap` bytes within `timeout`; an endless or trickling body is cut, not
/// waited for. Returns the bytes and how the read ended.
async fn read_capped(mut body: Incoming, timeout: Duration, cap: usize) -> (Vec<u8>, BodyEnd) {
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => return (out, BodyEnd::Deadline),
            Ok(None) => return (out, BodyEnd::Complete),
            Ok(Some(Err(_))) => return (out, BodyEnd::Broken),
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    let room = cap - out.len();
                    if data.len() >= room {
                        out.extend_from_slice(&data[..room]);
                        return (out, BodyEnd::Cap);
                    }
                    out.extend_from_slice(&data);
                }
            }
        }
    }
}

fn classify_hyper_error(e: &hyper::Error) -> Failure {
    use std::error::Error as _;
    let mut source = e.source();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return match Failure::from_io(io) {
                Failure::UnknownFailure => Failure::HttpInvalidResponse,
                f => f,
            };
        }
        source = s.source();
    }
    if e.is_incomplete_message() || e.is_canceled() || e.is_closed() {
        Failure::EofError
    } else if e.is_timeout() {
        Failure::GenericTimeoutError
    } else {
        Failure::HttpInvalidResponse
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::observation::BODY_CAP;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    fn req<'a>(authority: &'a str, path: &'a str) -> HttpRequest<'a> {
        HttpRequest {
            scheme: "http",
            authority,
            path,
            headers: &[],
            body_cap: BODY_CAP,
            full_body_wait: false,
        }
    }

    async fn serve_once(reply: &'static [u8], then_endless: bool) -> std::net::SocketAddr {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut s, _) = l.accept().await.unwrap();
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf).await;
            let _ = s.write_all(reply).await;
            if then_endless {
                let chunk = vec![b'x'; 8192];
                for _ in 0..10_000 {
                    if s.write_all(&chunk).await.is_err() {
                        break;
                    }
                }
            }
        });
        addr
    }

    #[tokio::test]
    async fn reads_status_headers_and_body() {
        let addr = serve_once(
            b"HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\nx-request-id: req_1\r\nset-cookie: secret\r\ncontent-length: 2\r\n\r\n{}",
            false,
        )
        .await;
        let io = tokio::net::TcpStream::connect(addr).await.unwrap();
        let s = get(
            io,
            false,
            req("api.openai.com", "/v1/models"),
            Duration::from_secs(2),
        )
        .await;
        let d = s.detail.unwrap();
        assert_eq!(d.status, 401);
        assert_eq!(d.header("x-request-id"), Some("req_1"));
        assert_eq!(d.header("set-cookie"), None, "only selected headers are kept");
        assert_eq!(d.body, b"{}");
        assert!(!d.body_truncated);
    }

    #[tokio::test]
    async fn an_endless_body_is_cut_at_the_cap() {
        // No length and no chunking: the body runs until the server closes, which it never
        // does on its own (80 MB follow); the reader must stop at the cap.
        let addr = serve_once(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n", true).await;
        let io = tokio::net::TcpStream::connect(addr).await.unwrap();
        let s = get(io, false, req("x", "/"), Duration::from_secs(2)).await;
        let d = s.detail.expect("an answer");
        assert_eq!(d.body.len(), BODY_CAP);
        assert!(d.body_truncated);
        assert!(d.body_duration < Duration::from_secs(2));
    }

    #[tokio::test]
    async fn garbage_is_an_invalid_response() {
        let addr = serve_once(b"SSH-2.0-OpenSSH\r\n\r\n", false).await;
        let io = tokio::net::TcpStream::connect(addr).await.unwrap();
        let s = get(io, false, req("x", "/"), Duration::from_secs(2)).await;
        assert_eq!(s.outcome.failure(), Some(Failure::HttpInvalidResponse));
    }
}
