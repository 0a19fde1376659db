//! Loopback proxies: an HTTP CONNECT proxy ([`ProxyFixture`]) and a SOCKS5 proxy
//! ([`Socks5Fixture`]). The names the tests ask for resolve nowhere, so every tunnel goes to a
//! configured upstream on loopback (an [`super::EdgeFixture`], say), chosen by the requested port.
//! Both answer the way real proxies refuse (403 block page, 407, 502, silence, SOCKS5 rulesets)
//! and log every request.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use base64::Engine as _;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::background::{Background, runtime};

/// Most bytes of a CONNECT request head.
const HEAD_LIMIT: usize = 16 * 1024;
/// Longest time a client may take to send its request or handshake.
const READ_TIMEOUT: Duration = Duration::from_secs(15);
/// Longest time a connection is held silently (it is also dropped with the fixture).
const HANG_LIMIT: Duration = Duration::from_secs(600);
/// Longest wait for the upstream to accept a tunnel.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(5);

/// The page [`ProxyBehaviour::Deny`] answers with (403, `text/html`).
pub const BLOCK_PAGE: &str = "<!DOCTYPE html><html><head><title>Web Filter</title>\
<style>body{font-family:sans-serif}</style></head><body><h1>Access denied by policy</h1>\
<p>The site you requested is in a blocked category (Generative AI).</p></body></html>";

/// The realm [`ProxyBehaviour::AuthRequired`] names in `Proxy-Authenticate`.
pub const REALM: &str = "x";

/// How the CONNECT proxy answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxyBehaviour {
    /// `200 Connection established`, then a tunnel to the upstream.
    Tunnel,
    /// 403 with [`BLOCK_PAGE`] for every CONNECT.
    Deny,
    /// 403 with [`BLOCK_PAGE`] for these hosts (case-insensitive), a tunnel for the others.
    DenyHosts(Vec<String>),
    /// 407 with `Proxy-Authenticate: Basic realm="x"` unless `Proxy-Authorization` carries these
    /// credentials; a tunnel when it does.
    AuthRequired { user: String, pass: String },
    /// `502 Bad Gateway` for every CONNECT.
    BadGateway,
    /// Reads the CONNECT and never answers.
    Hang,
}

/// One CONNECT the proxy received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectRequest {
    /// The requested host, lowercase, IPv6 without brackets.
    pub host: String,
    pub port: u16,
    /// Whether a `Proxy-Authorization` header came.
    pub proxy_authorization: bool,
    /// The status answered (0 for [`ProxyBehaviour::Hang`]).
    pub status: u16,
}

/// Where tunnels go: the first route whose port matches the requested one (`None` matches any).
type Routes = Vec<(Option<u16>, SocketAddr)>;

/// What every connection of a [`ProxyFixture`] shares.
struct ConnectShared {
    behaviour: ProxyBehaviour,
    routes: Routes,
    log: Arc<Mutex<Vec<ConnectRequest>>>,
}

/// What every connection of a [`Socks5Fixture`] shares.
struct SocksShared {
    behaviour: SocksBehaviour,
    upstream: SocketAddr,
    log: Arc<Mutex<Vec<SocksRequest>>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn route(routes: &Routes, port: u16) -> Option<SocketAddr> {
    routes
        .iter()
        .find(|(p, _)| p.is_none_or(|p| p == port))
        .map(|(_, a)| *a)
}

async fn bind() -> TcpListener {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind 127.0.0.1:0")
}

/// Accepts until the fixture is dropped, serving each connection on its own task.
async fn accept_loop<F, Fut>(listener: TcpListener, serve: F)
where
    F: Fn(TcpStream) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    loop {
        if let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(serve(stream));
        }
    }
}

/// Joins the client and the upstream until either side closes.
async fn splice(mut client: TcpStream, mut upstream: TcpStream, early: &[u8]) {
    if !early.is_empty() && upstream.write_all(early).await.is_err() {
        return;
    }
    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
}

async fn dial(upstream: SocketAddr) -> Option<TcpStream> {
    match tokio::time::timeout(UPSTREAM_TIMEOUT, TcpStream::connect(upstream)).await {
        Ok(Ok(s)) => {
            let _ = s.set_nodelay(true);
            Some(s)
        }
        _ => None,
    }
}

/// A loopback HTTP proxy that answers `CONNECT host:port` as its [`ProxyBehaviour`] says.
pub struct ProxyFixture {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<ConnectRequest>>>,
    _bg: Background,
}

impl std::fmt::Debug for ProxyFixture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProxyFixture")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl ProxyFixture {
    /// Starts a proxy whose tunnels all go to `upstream`, whatever host and port were asked for.
    pub fn start(behaviour: ProxyBehaviour, upstream: SocketAddr) -> Self {
        Self::start_routed(behaviour, vec![(None, upstream)])
    }

    /// Starts a proxy whose tunnels go by the requested port: `(Some(443), edge)`,
    /// `(Some(80), plain)`; `None` matches any port. An unrouted port gets a 502.
    pub fn start_routed(behaviour: ProxyBehaviour, routes: Vec<(Option<u16>, SocketAddr)>) -> Self {
        let rt = runtime();
        let listener = rt.block_on(bind());
        let addr = listener.local_addr().expect("local address");
        let log = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::new(ConnectShared {
            behaviour,
            routes,
            log: Arc::clone(&log),
        });
        let bg = Background::spawn("proxy", rt, move |_shutdown| {
            accept_loop(listener, move |stream| serve_connect(stream, Arc::clone(&shared)))
        });
        Self { addr, log, _bg: bg }
    }

    /// The address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:PORT`, for `--proxy` or `HTTPS_PROXY`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://USER:PASS@127.0.0.1:PORT` (percent-encode unusual characters yourself).
    pub fn url_with_credentials(&self, user: &str, pass: &str) -> String {
        format!("http://{user}:{pass}@{}", self.addr)
    }

    /// CONNECTs received for `host` (any port, case-insensitive).
    pub fn connects(&self, host: &str) -> usize {
        lock(&self.log)
            .iter()
            .filter(|r| r.host.eq_ignore_ascii_case(host))
            .count()
    }

    /// All CONNECTs received.
    pub fn total_connects(&self) -> usize {
        lock(&self.log).len()
    }

    /// The CONNECTs received so far, oldest first.
    pub fn requests(&self) -> Vec<ConnectRequest> {
        lock(&self.log).clone()
    }

    /// Whether any CONNECT carried `Proxy-Authorization`.
    pub fn saw_proxy_authorization(&self) -> bool {
        lock(&self.log).iter().any(|r| r.proxy_authorization)
    }
}

/// What was read of a request head.
struct RequestHead {
    method: String,
    target: String,
    proxy_authorization: Option<String>,
    /// Bytes after the head (a client that speaks before the 200).
    rest: Vec<u8>,
}

async fn read_request(stream: &mut TcpStream) -> Option<RequestHead> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        let n = match tokio::time::timeout(READ_TIMEOUT, stream.read(&mut chunk)).await {
            Ok(Ok(n)) if n > 0 => n,
            _ => return None,
        };
        buf.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf) {
            Ok(httparse::Status::Complete(len)) => {
                let proxy_authorization = req
                    .headers
                    .iter()
                    .find(|h| h.name.eq_ignore_ascii_case("proxy-authorization"))
                    .map(|h| String::from_utf8_lossy(h.value).trim().to_string());
                return Some(RequestHead {
                    method: req.method.unwrap_or("").to_string(),
                    target: req.path.unwrap_or("").to_string(),
                    proxy_authorization,
                    rest: buf[len..].to_vec(),
                });
            }
            Ok(httparse::Status::Partial) if buf.len() < HEAD_LIMIT => {}
            _ => return None,
        }
    }
}

/// `host:port` or `[v6]:port`.
fn split_authority(target: &str) -> Option<(String, u16)> {
    let (host, port) = target.rsplit_once(':')?;
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let port = port.parse::<u16>().ok()?;
    (!host.is_empty()).then(|| (host.to_ascii_lowercase(), port))
}

async fn respond(stream: &mut TcpStream, status: u16, reason: &str, extra: &[(&str, &str)], body: &str) {
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.shutdown().await;
}

async fn serve_connect(mut client: TcpStream, shared: Arc<ConnectShared>) {
    let (behaviour, routes, log) = (&shared.behaviour, &shared.routes, &shared.log);
    let Some(head) = read_request(&mut client).await else {
        return;
    };
    if !head.method.eq_ignore_ascii_case("CONNECT") {
        respond(
            &mut client,
            405,
            "Method Not Allowed",
            &[("Allow", "CONNECT")],
            "",
        )
        .await;
        return;
    }
    let Some((host, port)) = split_authority(&head.target) else {
        respond(&mut client, 400, "Bad Request", &[], "").await;
        return;
    };
    let authorized = match behaviour {
        ProxyBehaviour::AuthRequired { user, pass } => {
            let want = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
            head.proxy_authorization
                .as_deref()
                .and_then(|v| v.strip_prefix("Basic "))
                .is_some_and(|token| token.trim() == want)
        }
        _ => true,
    };
    let mut status = match behaviour {
        ProxyBehaviour::Tunnel => 200,
        ProxyBehaviour::Deny => 403,
        ProxyBehaviour::DenyHosts(hosts) if hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) => 403,
        ProxyBehaviour::DenyHosts(_) => 200,
        ProxyBehaviour::AuthRequired { .. } if authorized => 200,
        ProxyBehaviour::AuthRequired { .. } => 407,
        ProxyBehaviour::BadGateway => 502,
        ProxyBehaviour::Hang => 0,
    };
    let mut upstream = None;
    if status == 200 {
        upstream = match route(routes, port) {
            Some(addr) => dial(addr).await,
            None => None,
        };
        if upstream.is_none() {
            status = 502;
        }
    }
    lock(log).push(ConnectRequest {
        host,
        port,
        proxy_authorization: head.proxy_authorization.is_some(),
        status,
    });
    match status {
        0 => tokio::time::sleep(HANG_LIMIT).await,
        200 => {
            if let Some(up) = upstream
                && client
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .await
                    .is_ok()
            {
                splice(client, up, &head.rest).await;
            }
        }
        403 => {
            let extra = [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Server", "fixture-proxy"),
            ];
            respond(&mut client, 403, "Forbidden", &extra, BLOCK_PAGE).await;
        }
        407 => {
            let realm = format!("Basic realm=\"{REALM}\"");
            let extra = [
                ("Proxy-Authenticate", realm.as_str()),
                ("Content-Type", "text/plain"),
            ];
            respond(
                &mut client,
                407,
                "Proxy Authentication Required",
                &extra,
                "proxy credentials required",
            )
            .await;
        }
        _ => {
            let extra = [("Content-Type", "text/plain")];
            respond(
                &mut client,
                502,
                "Bad Gateway",
                &extra,
                "the proxy could not reach the host",
            )
            .await;
        }
    }
}

/// How the SOCKS5 proxy answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SocksBehaviour {
    /// No authentication; every CONNECT tunnels to the upstream.
    Tunnel,
    /// Username/password (RFC 1929) required; a client offering no credentials gets "no
    /// acceptable methods", wrong ones a failed sub-negotiation.
    AuthRequired { user: String, pass: String },
    /// Every CONNECT gets "connection not allowed by ruleset".
    Deny,
    /// Reads the greeting and never answers.
    Hang,
}

/// One SOCKS5 CONNECT the proxy received (or one greeting, for refusals before it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SocksRequest {
    /// The requested name or address (empty when the handshake ended before the request).
    pub target: String,
    pub port: u16,
    /// True when the client sent a name (socks5h), false for an address (socks5).
    pub domain: bool,
    /// True when username/password authentication succeeded.
    pub authenticated: bool,
    /// The SOCKS5 reply code sent (0 success, 2 ruleset, 5 refused), or 255 when the handshake
    /// ended before the request.
    pub reply: u8,
}

/// A loopback SOCKS5 proxy (RFC 1928) that tunnels every CONNECT to one upstream.
pub struct Socks5Fixture {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<SocksRequest>>>,
    _bg: Background,
}

impl std::fmt::Debug for Socks5Fixture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Socks5Fixture")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Socks5Fixture {
    /// Starts a SOCKS5 proxy whose tunnels all go to `upstream`.
    pub fn start(behaviour: SocksBehaviour, upstream: SocketAddr) -> Self {
        let rt = runtime();
        let listener = rt.block_on(bind());
        let addr = listener.local_addr().expect("local address");
        let log = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::new(SocksShared {
            behaviour,
            upstream,
            log: Arc::clone(&log),
        });
        let bg = Background::spawn("socks5", rt, move |_shutdown| {
            accept_loop(listener, move |stream| serve_socks(stream, Arc::clone(&shared)))
        });
        Self { addr, log, _bg: bg }
    }

    /// The address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// `SCHEME://127.0.0.1:PORT`, with `socks5` or `socks5h`.
    pub fn url(&self, scheme: &str) -> String {
        format!("{scheme}://{}", self.addr)
    }

    /// The requests received so far, oldest first.
    pub fn requests(&self) -> Vec<SocksRequest> {
        lock(&self.log).clone()
    }
}

async fn serve_socks(mut client: TcpStream, shared: Arc<SocksShared>) {
    let (behaviour, upstream, log) = (&shared.behaviour, shared.upstream, &shared.log);
    if *behaviour == SocksBehaviour::Hang {
        let mut greeting = [0u8; 2];
        let _ = tokio::time::timeout(READ_TIMEOUT, client.read_exact(&mut greeting)).await;
        tokio::time::sleep(HANG_LIMIT).await;
        return;
    }
    let handshake = tokio::time::timeout(READ_TIMEOUT, socks_handshake(&mut client, behaviour)).await;
    let Ok(Ok(mut request)) = handshake else {
        return;
    };
    if request.reply == 255 {
        lock(log).push(request);
        return;
    }
    let up = match behaviour {
        SocksBehaviour::Deny => None,
        _ => dial(upstream).await,
    };
    request.reply = match (behaviour, &up) {
        (SocksBehaviour::Deny, _) => 2,
        (_, None) => 5,
        (_, Some(_)) => 0,
    };
    let reply = [5, request.reply, 0, 1, 127, 0, 0, 1, 0, 0];
    lock(log).push(request);
    if client.write_all(&reply).await.is_err() {
        return;
    }
    if let Some(up) = up {
        splice(client, up, &[]).await;
    }
}

/// Greeting, optional username/password, and the request; `reply` 255 when it ended before the
/// request (no acceptable method, failed authentication).
async fn socks_handshake(
    client: &mut TcpStream,
    behaviour: &SocksBehaviour,
) -> std::io::Result<SocksRequest> {
    let mut request = SocksRequest {
        target: String::new(),
        port: 0,
        domain: false,
        authenticated: false,
        reply: 255,
    };
    let mut greeting = [0u8; 2];
    client.read_exact(&mut greeting).await?;
    if greeting[0] != 5 {
        return Err(std::io::ErrorKind::InvalidData.into());
    }
    let mut methods = vec![0u8; usize::from(greeting[1])];
    client.read_exact(&mut methods).await?;
    match behaviour {
        SocksBehaviour::AuthRequired { user, pass } => {
            if !methods.contains(&2) {
                client.write_all(&[5, 0xff]).await?;
                return Ok(request);
            }
            client.write_all(&[5, 2]).await?;
            let mut ver_len = [0u8; 2];
            client.read_exact(&mut ver_len).await?;
            let mut got_user = vec![0u8; usize::from(ver_len[1])];
            client.read_exact(&mut got_user).await?;
            let mut plen = [0u8; 1];
            client.read_exact(&mut plen).await?;
            let mut got_pass = vec![0u8; usize::from(plen[0])];
            client.read_exact(&mut got_pass).await?;
            if got_user != user.as_bytes() || got_pass != pass.as_bytes() {
                client.write_all(&[1, 1]).await?;
                return Ok(request);
            }
            client.write_all(&[1, 0]).await?;
            request.authenticated = true;
        }
        _ => {
            if !methods.contains(&0) {
                client.write_all(&[5, 0xff]).await?;
                return Ok(request);
            }
            client.write_all(&[5, 0]).await?;
        }
    }
    let mut fixed = [0u8; 4];
    client.read_exact(&mut fixed).await?;
    let (target, domain) = match fixed[3] {
        1 => {
            let mut a = [0u8; 4];
            client.read_exact(&mut a).await?;
            (Ipv4Addr::from(a).to_string(), false)
        }
        3 => {
            let mut len = [0u8; 1];
            client.read_exact(&mut len).await?;
            let mut name = vec![0u8; usize::from(len[0])];
            client.read_exact(&mut name).await?;
            (String::from_utf8_lossy(&name).into_owned(), true)
        }
        4 => {
            let mut a = [0u8; 16];
            client.read_exact(&mut a).await?;
            (Ipv6Addr::from(a).to_string(), false)
        }
        _ => return Err(std::io::ErrorKind::InvalidData.into()),
    };
    let mut port = [0u8; 2];
    client.read_exact(&mut port).await?;
    request.target = target;
    request.port = u16::from_be_bytes(port);
    request.domain = domain;
    // Only CONNECT (1) is served; anything else is "command not supported".
    request.reply = if fixed[1] == 1 { 0 } else { 7 };
    if request.reply == 7 {
        client.write_all(&[5, 7, 0, 1, 0, 0, 0, 0, 0, 0]).await?;
        request.reply = 255;
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    //! The fixtures driven by the probe itself (`connect_via`), with a plain-HTTP upstream.
    //! Fixtures start their own runtimes, so they are made outside the test's `block_on`.

    use std::future::Future;
    use std::time::Instant;

    use chatgpt_doctor::probe::Failure;
    use chatgpt_doctor::probe::proxy::{ProxyOutcome, connect_via};
    use chatgpt_doctor::route::ProxyConfig;

    use super::super::server::{PlainHttpFixture, ResponseSpec, router};
    use super::*;

    const T: Duration = Duration::from_secs(3);

    thread_local! {
        /// One runtime per test thread: a tunnel's socket belongs to the runtime that opened it.
        static RT: tokio::runtime::Runtime = runtime();
    }

    fn block<F: Future>(f: F) -> F::Output {
        RT.with(|rt| rt.block_on(f))
    }

    fn upstream() -> PlainHttpFixture {
        PlainHttpFixture::start(router(|_| ResponseSpec::text(200, "hello from upstream")))
    }

    fn config(url: &str) -> ProxyConfig {
        ProxyConfig::parse(url, "HTTPS_PROXY").expect("proxy URL")
    }

    fn via(url: &str, host: &str, port: u16, timeout: Duration) -> ProxyOutcome {
        block(connect_via(&config(url), host, port, timeout))
    }

    /// A GET through the tunnel; the answer's text.
    fn get_through(out: ProxyOutcome, host: &str) -> String {
        block(async move {
            let mut s = out.stream.expect("a tunnel");
            let req = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            s.write_all(req.as_bytes())
                .await
                .expect("write through the tunnel");
            let mut answer = Vec::new();
            tokio::time::timeout(T, s.read_to_end(&mut answer))
                .await
                .expect("answer in time")
                .expect("read through the tunnel");
            String::from_utf8_lossy(&answer).into_owned()
        })
    }

    fn message(out: &ProxyOutcome) -> String {
        match &out.proxy.outcome {
            chatgpt_doctor::probe::Outcome::Failed { message, .. } => message.clone(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn a_tunnelling_proxy_reaches_the_upstream() {
        let up = upstream();
        let proxy = ProxyFixture::start(ProxyBehaviour::Tunnel, up.addr());
        let out = via(&proxy.url(), "chatgpt.com", 443, T);
        assert!(out.tcp.is_ok() && out.proxy.is_ok(), "{out:?}");
        assert_eq!(out.proxy.detail.as_ref().unwrap().status, Some(200));
        assert!(get_through(out, "chatgpt.com").contains("hello from upstream"));
        assert_eq!(proxy.connects("chatgpt.com"), 1);
        assert_eq!(up.hits("chatgpt.com"), 1);
        assert!(!proxy.saw_proxy_authorization());
        assert_eq!(proxy.requests()[0].port, 443);
    }

    #[test]
    fn a_denying_proxy_answers_with_its_block_page() {
        let up = upstream();
        let proxy = ProxyFixture::start(ProxyBehaviour::Deny, up.addr());
        let out = via(&proxy.url(), "chatgpt.com", 443, T);
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyDenied));
        let d = out.proxy.detail.as_ref().unwrap();
        assert_eq!(d.status, Some(403));
        let excerpt = d.body_excerpt.as_deref().unwrap_or("");
        assert!(excerpt.contains("Access denied by policy"), "{excerpt}");
        assert!(!excerpt.contains('<'), "{excerpt}");
        assert_eq!(up.total_hits(), 0);
    }

    #[test]
    fn a_proxy_that_denies_openai_passes_the_controls() {
        let up = upstream();
        let deny = ProxyBehaviour::DenyHosts(vec!["chatgpt.com".into(), "api.openai.com".into()]);
        let proxy = ProxyFixture::start(deny, up.addr());
        let blocked = via(&proxy.url(), "chatgpt.com", 443, T);
        assert_eq!(blocked.proxy.outcome.failure(), Some(Failure::ProxyDenied));
        let control = via(&proxy.url(), "control.test", 443, T);
        assert!(control.proxy.is_ok());
        assert_eq!(
            (proxy.connects("chatgpt.com"), proxy.connects("control.test")),
            (1, 1)
        );
    }

    #[test]
    fn a_proxy_that_wants_credentials_gets_them_from_the_url() {
        let up = upstream();
        let behaviour = ProxyBehaviour::AuthRequired {
            user: "alice".into(),
            pass: "s3cret".into(),
        };
        let proxy = ProxyFixture::start(behaviour, up.addr());

        let out = via(&proxy.url(), "chatgpt.com", 443, T);
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyAuthRequired));
        let d = out.proxy.detail.as_ref().unwrap();
        assert_eq!(d.header("proxy-authenticate"), Some("Basic realm=\"x\""));
        assert!(!d.credentials_sent);
        assert!(message(&out).contains("carries none"), "{}", message(&out));

        let out = via(
            &proxy.url_with_credentials("alice", "wrong"),
            "chatgpt.com",
            443,
            T,
        );
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyAuthRequired));
        assert!(out.proxy.detail.as_ref().unwrap().credentials_sent);
        assert!(
            message(&out).contains("refused the credentials"),
            "{}",
            message(&out)
        );

        let out = via(
            &proxy.url_with_credentials("alice", "s3cret"),
            "chatgpt.com",
            443,
            T,
        );
        assert!(out.proxy.is_ok(), "{out:?}");
        assert!(!format!("{out:?}").contains("s3cret"));
        assert!(get_through(out, "chatgpt.com").contains("hello from upstream"));

        let seen: Vec<(bool, u16)> = proxy
            .requests()
            .iter()
            .map(|r| (r.proxy_authorization, r.status))
            .collect();
        assert_eq!(seen, [(false, 407), (true, 407), (true, 200)]);
    }

    #[test]
    fn a_proxy_that_cannot_reach_the_host_is_a_proxy_error() {
        let up = upstream();
        let proxy = ProxyFixture::start(ProxyBehaviour::BadGateway, up.addr());
        let out = via(&proxy.url(), "chatgpt.com", 443, T);
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyError));
        let d = out.proxy.detail.as_ref().unwrap();
        assert_eq!((d.status, d.reason.as_deref()), (Some(502), Some("Bad Gateway")));
        // Unrouted ports get a 502 too.
        let routed = ProxyFixture::start_routed(ProxyBehaviour::Tunnel, vec![(Some(80), up.addr())]);
        let out = via(&routed.url(), "chatgpt.com", 443, T);
        assert_eq!(out.proxy.detail.as_ref().unwrap().status, Some(502));
        let out = via(&routed.url(), "chatgpt.com", 80, T);
        assert!(out.proxy.is_ok());
    }

    #[test]
    fn a_silent_proxy_is_a_timeout_of_the_proxy_stage() {
        let up = upstream();
        let proxy = ProxyFixture::start(ProxyBehaviour::Hang, up.addr());
        let started = Instant::now();
        let out = via(&proxy.url(), "chatgpt.com", 443, Duration::from_millis(400));
        assert!(out.tcp.is_ok());
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::GenericTimeoutError));
        assert!(started.elapsed() < Duration::from_secs(3));
        assert_eq!(proxy.requests()[0].status, 0);
    }

    #[test]
    fn socks5h_hands_the_name_to_the_proxy_and_socks5_an_address() {
        let up = upstream();
        let socks = Socks5Fixture::start(SocksBehaviour::Tunnel, up.addr());
        let out = via(&socks.url("socks5h"), "chatgpt.com", 443, T);
        assert!(out.proxy.is_ok(), "{out:?}");
        assert!(get_through(out, "chatgpt.com").contains("hello from upstream"));
        // `localhost` resolves from /etc/hosts: no packet leaves the machine.
        let out = via(&socks.url("socks5"), "localhost", 443, T);
        assert!(out.proxy.is_ok(), "{out:?}");
        let seen: Vec<(String, bool)> = socks
            .requests()
            .iter()
            .map(|r| (r.target.clone(), r.domain))
            .collect();
        assert_eq!(seen[0], ("chatgpt.com".to_string(), true));
        assert!(
            !seen[1].1 && ["127.0.0.1", "::1"].contains(&seen[1].0.as_str()),
            "{seen:?}"
        );
    }

    #[test]
    fn a_socks_proxy_that_wants_credentials() {
        let up = upstream();
        let behaviour = SocksBehaviour::AuthRequired {
            user: "alice".into(),
            pass: "s3cret".into(),
        };
        let socks = Socks5Fixture::start(behaviour, up.addr());
        let base = socks.addr();
        let out = via(&format!("socks5h://{base}"), "chatgpt.com", 443, T);
        assert_eq!(
            out.proxy.outcome.failure(),
            Some(Failure::ProxyAuthRequired),
            "{out:?}"
        );
        let out = via(&format!("socks5h://alice:nope@{base}"), "chatgpt.com", 443, T);
        assert_eq!(
            out.proxy.outcome.failure(),
            Some(Failure::ProxyAuthRequired),
            "{out:?}"
        );
        let out = via(&format!("socks5h://alice:s3cret@{base}"), "chatgpt.com", 443, T);
        assert!(out.proxy.is_ok(), "{out:?}");
        assert!(!format!("{out:?}").contains("s3cret"));
        assert!(socks.requests().iter().any(|r| r.authenticated && r.reply == 0));
    }

    #[test]
    fn a_socks_ruleset_refusal_is_proxy_denied_and_silence_a_timeout() {
        let up = upstream();
        let socks = Socks5Fixture::start(SocksBehaviour::Deny, up.addr());
        let out = via(&socks.url("socks5h"), "chatgpt.com", 443, T);
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::ProxyDenied), "{out:?}");
        assert_eq!(socks.requests()[0].reply, 2);

        let silent = Socks5Fixture::start(SocksBehaviour::Hang, up.addr());
        let out = via(
            &silent.url("socks5h"),
            "chatgpt.com",
            443,
            Duration::from_millis(400),
        );
        assert_eq!(out.proxy.outcome.failure(), Some(Failure::GenericTimeoutError));
    }
}
