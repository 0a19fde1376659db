//! TLS + HTTP edges (and a plain-HTTP twin) that answer through a routing function, plus a
//! listener that never completes a TCP handshake.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::header::{HOST, HeaderName, HeaderValue};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode, Version};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use rustls::ServerConfig;
use rustls::server::{Acceptor, ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::{Instant, Sleep, timeout};
use tokio_rustls::LazyConfigAcceptor;

use super::background::{Background, Shutdown, runtime};
use super::pki::Leaf;

/// Longest time a client may take to send its ClientHello or finish the handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(15);
/// Longest time a "hanging" connection is held open (it is also dropped with the fixture).
const HANG_LIMIT: Duration = Duration::from_secs(600);
/// Most connections served at once; more are closed straight away.
const MAX_CONNECTIONS: usize = 256;
/// Most requests kept in the request log.
const LOG_LIMIT: usize = 10_000;
/// Pace of [`Body::Endless`]: one chunk per this interval.
const ENDLESS_PACE: Duration = Duration::from_millis(1);
/// Size of one [`Body::Endless`] chunk.
const ENDLESS_CHUNK_LEN: usize = 16 * 1024;
static ENDLESS_CHUNK: [u8; ENDLESS_CHUNK_LEN] = [b'x'; ENDLESS_CHUNK_LEN];

/// What an edge does with a TLS connection, chosen by the ClientHello's SNI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Complete the handshake and serve HTTP/1.1 or HTTP/2 (by ALPN) through the router.
    Serve,
    /// Accept TCP, read the ClientHello, never send a byte (held until the fixture drops, or
    /// 10 minutes).
    HangAfterAccept,
    /// Read the ClientHello, then close with a TCP RST (SO_LINGER 0).
    ResetOnClientHello,
    /// Complete the handshake, then send close_notify and FIN without answering anything.
    CloseAfterHandshake,
    /// Complete the handshake, then close with a TCP RST.
    ResetAfterHandshake,
    /// Wait this long after the ClientHello, then behave like [`Behaviour::Serve`].
    SlowHandshake(Duration),
}

/// What the router sees of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestInfo {
    /// From `:authority` or `Host`, lowercase, without port (IPv6 without brackets).
    pub host: String,
    /// The path, without the query.
    pub path: String,
    /// The query string, without `?`.
    pub query: Option<String>,
    /// `GET`, `HEAD`, …
    pub method: String,
    /// Every header (names lowercase), in order.
    pub headers: Vec<(String, String)>,
    /// `HTTP/1.1` or `HTTP/2` (or `HTTP/1.0`).
    pub version: String,
    /// The SNI of the TLS connection (lowercase), if any.
    pub sni: Option<String>,
    /// Whether the request came over TLS.
    pub tls: bool,
}

impl RequestInfo {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A GET request for `host` and `path` over TLS with SNI `host` (for unit-testing routers).
    pub fn get(host: &str, path: &str) -> Self {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
            None => (path.to_owned(), None),
        };
        RequestInfo {
            host: host.to_owned(),
            path,
            query,
            method: "GET".to_owned(),
            headers: Vec::new(),
            version: "HTTP/1.1".to_owned(),
            sni: Some(host.to_owned()),
            tls: true,
        }
    }
}

/// A response body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// These bytes, with a `content-length`.
    Full(Bytes),
    /// 16 KiB chunks of `x`, about one per millisecond, forever (until the client goes away or
    /// the fixture is dropped).
    Endless,
    /// One `.` per second, forever, the first after one second.
    Trickle,
    /// An empty body, but this many bytes of extra `x-fixture-filler-N` headers (8 KiB each).
    HugeHeaders(usize),
}

/// What the router answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseSpec {
    /// Status code (an invalid one becomes 500).
    pub status: u16,
    /// Headers in order (invalid names or values are skipped).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Body,
    /// Wait this long before sending the response head.
    pub delay: Option<Duration>,
}

impl ResponseSpec {
    /// A response with this status, no headers and an empty body.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Body::Full(Bytes::new()),
            delay: None,
        }
    }

    /// `status` with a `text/plain` body.
    pub fn text(status: u16, body: &str) -> Self {
        Self::new(status)
            .header("content-type", "text/plain; charset=utf-8")
            .body(body.to_owned())
    }

    /// `status` with an `application/json` body.
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Self::new(status)
            .header("content-type", "application/json")
            .body(body.to_string())
    }

    /// `status` with a `text/html` body.
    pub fn html(status: u16, body: &str) -> Self {
        Self::new(status)
            .header("content-type", "text/html; charset=UTF-8")
            .body(body.to_owned())
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Replaces every header called `name` (case-insensitive) with one of this value.
    pub fn set_header(mut self, name: &str, value: &str) -> Self {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self.header(name, value)
    }

    /// Removes every header called `name` (case-insensitive).
    pub fn without_header(mut self, name: &str) -> Self {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        self
    }

    /// Sets a full body.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = Body::Full(body.into());
        self
    }

    /// Sets a special body.
    pub fn with_body(mut self, body: Body) -> Self {
        self.body = body;
        self
    }

    /// Delays the response head by `delay`.
    pub fn delayed(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// The value of the first header called `name` (case-insensitive).
    pub fn header_value(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The full body as text (empty for special bodies).
    pub fn body_text(&self) -> String {
        match &self.body {
            Body::Full(b) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        }
    }
}

/// The routing function of an edge: request in, response out.
pub type Router = Arc<dyn Fn(&RequestInfo) -> ResponseSpec + Send + Sync>;

/// Makes a [`Router`] from a closure.
pub fn router(f: impl Fn(&RequestInfo) -> ResponseSpec + Send + Sync + 'static) -> Router {
    Arc::new(f)
}

/// Configuration of an [`EdgeFixture`].
#[derive(Clone)]
pub struct EdgeConfig {
    certs: HashMap<String, Leaf>,
    default_leaf: Leaf,
    behaviours: HashMap<String, Behaviour>,
    default_behaviour: Behaviour,
    router: Router,
    ipv6: bool,
    alpn: Vec<Vec<u8>>,
}

impl std::fmt::Debug for EdgeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EdgeConfig")
            .field("certs", &self.certs.keys().collect::<Vec<_>>())
            .field("behaviours", &self.behaviours)
            .field("default_behaviour", &self.default_behaviour)
            .field("ipv6", &self.ipv6)
            .finish_non_exhaustive()
    }
}

impl EdgeConfig {
    /// An edge that presents `default_leaf` to clients without SNI or with an SNI that has no
    /// certificate of its own, serves everything, and routes with [`super::replay::default_router`].
    pub fn new(default_leaf: Leaf) -> Self {
        Self {
            certs: HashMap::new(),
            default_leaf,
            behaviours: HashMap::new(),
            default_behaviour: Behaviour::Serve,
            router: super::replay::default_router(),
            ipv6: false,
            alpn: vec![b"h2".to_vec(), b"http/1.1".to_vec()],
        }
    }

    /// Presents `leaf` to clients whose SNI is `sni`.
    pub fn cert(mut self, sni: &str, leaf: Leaf) -> Self {
        self.certs.insert(sni.to_ascii_lowercase(), leaf);
        self
    }

    /// Behaves as `behaviour` for connections whose SNI is `sni`.
    pub fn behaviour(mut self, sni: &str, behaviour: Behaviour) -> Self {
        self.behaviours.insert(sni.to_ascii_lowercase(), behaviour);
        self
    }

    /// The behaviour for connections without SNI or with an SNI not given to
    /// [`EdgeConfig::behaviour`] (default [`Behaviour::Serve`]).
    pub fn default_behaviour(mut self, behaviour: Behaviour) -> Self {
        self.default_behaviour = behaviour;
        self
    }

    /// Routes requests with `router`.
    pub fn router(mut self, router: Router) -> Self {
        self.router = router;
        self
    }

    /// Also listens on `[::1]`, same port.
    pub fn ipv6(mut self, on: bool) -> Self {
        self.ipv6 = on;
        self
    }

    /// The ALPN protocols offered, in preference order (default `h2`, `http/1.1`).
    pub fn alpn(mut self, protocols: &[&str]) -> Self {
        self.alpn = protocols.iter().map(|p| p.as_bytes().to_vec()).collect();
        self
    }

    fn behaviour_for(&self, sni: Option<&str>) -> Behaviour {
        sni.and_then(|s| self.behaviours.get(s))
            .copied()
            .unwrap_or(self.default_behaviour)
    }
}

/// Picks the certificate by SNI.
struct SniResolver {
    by_name: HashMap<String, Arc<CertifiedKey>>,
    default: Arc<CertifiedKey>,
}

impl std::fmt::Debug for SniResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SniResolver")
            .field("names", &self.by_name.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl ResolvesServerCert for SniResolver {
    fn resolve(&self, client_hello: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        let key = client_hello
            .server_name()
            .and_then(|name| self.by_name.get(&name.to_ascii_lowercase()))
            .unwrap_or(&self.default);
        Some(Arc::clone(key))
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Counters shared by the edge and the plain-HTTP fixture.
#[derive(Default)]
struct Counters {
    hits: Mutex<HashMap<String, usize>>,
    requests: Mutex<Vec<RequestInfo>>,
    connections: Mutex<HashMap<Option<String>, usize>>,
}

impl Counters {
    fn record(&self, info: &RequestInfo) {
        *lock(&self.hits).entry(info.host.clone()).or_default() += 1;
        let mut log = lock(&self.requests);
        if log.len() < LOG_LIMIT {
            log.push(info.clone());
        }
    }
}

struct Shared {
    router: Router,
    counters: Counters,
}

/// A TLS + HTTP server on `127.0.0.1:<random port>` (and optionally `[::1]`, same port) that
/// picks certificate and behaviour by SNI. Stops when dropped.
pub struct EdgeFixture {
    addr: SocketAddr,
    addr_v6: Option<SocketAddr>,
    shared: Arc<Shared>,
    _bg: Background,
}

impl std::fmt::Debug for EdgeFixture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EdgeFixture")
            .field("addr", &self.addr)
            .field("addr_v6", &self.addr_v6)
            .finish_non_exhaustive()
    }
}

impl EdgeFixture {
    /// Starts an edge with `config`.
    pub fn start(config: EdgeConfig) -> Self {
        let resolver = SniResolver {
            by_name: config
                .certs
                .iter()
                .map(|(name, leaf)| (name.clone(), leaf.certified_key()))
                .collect(),
            default: config.default_leaf.certified_key(),
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut tls = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("rustls protocol versions")
            .with_no_client_auth()
            .with_cert_resolver(Arc::new(resolver));
        tls.alpn_protocols = config.alpn.clone();
        let tls = Arc::new(tls);

        let rt = runtime();
        let listeners = rt.block_on(bind_listeners(config.ipv6));
        let addr = listeners[0].local_addr().expect("local address");
        let addr_v6 = listeners.get(1).map(|l| l.local_addr().expect("local address"));
        let shared = Arc::new(Shared {
            router: Arc::clone(&config.router),
            counters: Counters::default(),
        });
        let sh = Arc::clone(&shared);
        let config = Arc::new(config);
        let bg = Background::spawn("edge", rt, move |shutdown| {
            accept_all(listeners, shutdown, move |tcp| {
                handle_tls(tcp, Arc::clone(&config), Arc::clone(&tls), Arc::clone(&sh))
            })
        });
        Self {
            addr,
            addr_v6,
            shared,
            _bg: bg,
        }
    }

    /// The IPv4 address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The `[::1]` address, when started with [`EdgeConfig::ipv6`].
    pub fn addr_v6(&self) -> Option<SocketAddr> {
        self.addr_v6
    }

    /// The port (the same for IPv4 and IPv6).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Requests received for `host` (by `Host`/`:authority`, lowercase, no port).
    pub fn hits(&self, host: &str) -> usize {
        lock(&self.shared.counters.hits)
            .get(&host.to_ascii_lowercase())
            .copied()
            .unwrap_or(0)
    }

    /// All requests received.
    pub fn total_hits(&self) -> usize {
        lock(&self.shared.counters.hits).values().sum()
    }

    /// The requests received so far, oldest first (at most the first 10 000).
    pub fn requests(&self) -> Vec<RequestInfo> {
        lock(&self.shared.counters.requests).clone()
    }

    /// ClientHellos received with this SNI (`None`: without SNI), whatever happened next.
    pub fn connections(&self, sni: Option<&str>) -> usize {
        lock(&self.shared.counters.connections)
            .get(&sni.map(str::to_ascii_lowercase))
            .copied()
            .unwrap_or(0)
    }
}

/// A plain-HTTP server (HTTP/1.1, and HTTP/2 with prior knowledge) on `127.0.0.1:<random
/// port>`. Stops when dropped.
pub struct PlainHttpFixture {
    addr: SocketAddr,
    shared: Arc<Shared>,
    _bg: Background,
}

impl std::fmt::Debug for PlainHttpFixture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlainHttpFixture")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl PlainHttpFixture {
    /// Starts a server that routes with `router`.
    pub fn start(router: Router) -> Self {
        let rt = runtime();
        let listeners = rt.block_on(bind_listeners(false));
        let addr = listeners[0].local_addr().expect("local address");
        let shared = Arc::new(Shared {
            router,
            counters: Counters::default(),
        });
        let sh = Arc::clone(&shared);
        let bg = Background::spawn("http", rt, move |shutdown| {
            accept_all(listeners, shutdown, move |tcp| {
                let sh = Arc::clone(&sh);
                async move {
                    let _ = tcp.set_nodelay(true);
                    serve_http(tcp, sh, None, false).await;
                }
            })
        });
        Self {
            addr,
            shared,
            _bg: bg,
        }
    }

    /// Starts a server with [`super::replay::default_router`].
    pub fn start_default() -> Self {
        Self::start(super::replay::default_router())
    }

    /// The address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Requests received for `host` (lowercase, no port).
    pub fn hits(&self, host: &str) -> usize {
        lock(&self.shared.counters.hits)
            .get(&host.to_ascii_lowercase())
            .copied()
            .unwrap_or(0)
    }

    /// All requests received.
    pub fn total_hits(&self) -> usize {
        lock(&self.shared.counters.hits).values().sum()
    }

    /// The requests received so far, oldest first.
    pub fn requests(&self) -> Vec<RequestInfo> {
        lock(&self.shared.counters.requests).clone()
    }
}

/// Binds 127.0.0.1:0, and `[::1]` on the same port when asked (retrying on a taken port).
async fn bind_listeners(ipv6: bool) -> Vec<TcpListener> {
    let mut last_err = None;
    for _ in 0..50 {
        let v4 = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("bind 127.0.0.1:0");
        if !ipv6 {
            return vec![v4];
        }
        let port = v4.local_addr().expect("local address").port();
        match TcpListener::bind((Ipv6Addr::LOCALHOST, port)).await {
            Ok(v6) => return vec![v4, v6],
            Err(e) => last_err = Some(e),
        }
    }
    panic!("could not bind 127.0.0.1 and [::1] on one port: {last_err:?}");
}

/// Accepts on every listener until shutdown, handing each connection to `handle` as its own
/// task; at most [`MAX_CONNECTIONS`] at once.
async fn accept_all<H, Fut>(listeners: Vec<TcpListener>, shutdown: Shutdown, handle: H)
where
    H: Fn(TcpStream) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let limit = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut loops = Vec::new();
    for listener in listeners {
        let handle = handle.clone();
        let limit = Arc::clone(&limit);
        let shutdown = shutdown.clone();
        loops.push(tokio::spawn(async move {
            while !shutdown.is_set() {
                let Ok((tcp, _)) = listener.accept().await else {
                    // EMFILE and friends: back off instead of spinning.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let Ok(permit) = Arc::clone(&limit).try_acquire_owned() else {
                    continue; // over the limit: drop the connection
                };
                let fut = handle(tcp);
                tokio::spawn(async move {
                    fut.await;
                    drop(permit);
                });
            }
        }));
    }
    for l in loops {
        let _ = l.await;
    }
}

async fn handle_tls(tcp: TcpStream, config: Arc<EdgeConfig>, tls: Arc<ServerConfig>, shared: Arc<Shared>) {
    let _ = tcp.set_nodelay(true);
    let acceptor = LazyConfigAcceptor::new(Acceptor::default(), tcp);
    let Ok(Ok(start)) = timeout(HANDSHAKE_TIMEOUT, acceptor).await else {
        return;
    };
    let sni = start.client_hello().server_name().map(str::to_ascii_lowercase);
    *lock(&shared.counters.connections).entry(sni.clone()).or_default() += 1;
    let behaviour = config.behaviour_for(sni.as_deref());
    match behaviour {
        Behaviour::ResetOnClientHello => {
            reset(start.io);
            return;
        }
        Behaviour::HangAfterAccept => {
            hold(start.io).await;
            return;
        }
        Behaviour::SlowHandshake(delay) => tokio::time::sleep(delay).await,
        Behaviour::Serve | Behaviour::CloseAfterHandshake | Behaviour::ResetAfterHandshake => {}
    }
    let Ok(Ok(stream)) = timeout(HANDSHAKE_TIMEOUT, start.into_stream(tls)).await else {
        return;
    };
    match behaviour {
        Behaviour::CloseAfterHandshake => close_gracefully(stream).await,
        Behaviour::ResetAfterHandshake => reset(stream.into_inner().0),
        _ => serve_http(stream, shared, sni, true).await,
    }
}

/// Closes with RST: SO_LINGER 0, then drop.
fn reset(tcp: TcpStream) {
    let _ = tcp.set_zero_linger();
    drop(tcp);
}

/// Holds the connection open without writing, discarding whatever the peer sends, until the
/// peer closes, [`HANG_LIMIT`] passes, or the fixture drops.
async fn hold(mut tcp: TcpStream) {
    let _ = timeout(HANG_LIMIT, async {
        let mut buf = [0u8; 4096];
        while let Ok(n) = tcp.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
}

/// Sends close_notify and FIN, then drains the peer for up to 2 s so the kernel does not answer
/// its pending request with an RST.
async fn close_gracefully<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S) {
    let _ = timeout(Duration::from_secs(2), stream.shutdown()).await;
    let _ = timeout(Duration::from_secs(2), async {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buf).await {
            if n == 0 {
                break;
            }
        }
    })
    .await;
}

/// Serves HTTP/1.1 or HTTP/2 on `io` until the peer goes away (or the fixture drops).
async fn serve_http<S>(io: S, shared: Arc<Shared>, sni: Option<String>, tls: bool)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req: Request<Incoming>| {
        let info = request_info(&req, sni.clone(), tls);
        shared.counters.record(&info);
        let spec = (shared.router)(&info);
        async move {
            if let Some(delay) = spec.delay {
                tokio::time::sleep(delay).await;
            }
            Ok::<_, Infallible>(build_response(spec))
        }
    });
    let _ = auto::Builder::new(TokioExecutor::new())
        .serve_connection(TokioIo::new(io), service)
        .await;
}

fn request_info(req: &Request<Incoming>, sni: Option<String>, tls: bool) -> RequestInfo {
    let authority = req
        .uri()
        .authority()
        .map(|a| a.as_str().to_owned())
        .or_else(|| {
            req.headers()
                .get(HOST)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let version = match req.version() {
        Version::HTTP_09 => "HTTP/0.9",
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_2 => "HTTP/2",
        Version::HTTP_3 => "HTTP/3",
        _ => "HTTP/1.1",
    };
    RequestInfo {
        host: host_without_port(&authority).to_ascii_lowercase(),
        path: req.uri().path().to_owned(),
        query: req.uri().query().map(str::to_owned),
        method: req.method().as_str().to_owned(),
        headers: req
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        version: version.to_owned(),
        sni,
        tls,
    }
}

/// `host`, `host:port`, `user@host:port`, `[v6]:port` → host (IPv6 without brackets).
fn host_without_port(authority: &str) -> &str {
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split_once(']').map_or(rest, |(h, _)| h);
    }
    match authority.split_once(':') {
        Some((host, port)) if !port.contains(':') => host,
        _ => authority,
    }
}

fn build_response(spec: ResponseSpec) -> Response<FixtureBody> {
    let body = match &spec.body {
        Body::Full(bytes) => FixtureBody::Full(Some(bytes.clone())),
        Body::HugeHeaders(_) => FixtureBody::Full(None),
        Body::Endless => FixtureBody::Endless(Box::pin(tokio::time::sleep(Duration::ZERO))),
        Body::Trickle => FixtureBody::Trickle(Box::pin(tokio::time::sleep(Duration::from_secs(1)))),
    };
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::from_u16(spec.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    for (name, value) in &spec.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    if let Body::HugeHeaders(total) = spec.body {
        const EACH: usize = 8 * 1024;
        let value = HeaderValue::from_str(&"x".repeat(EACH)).expect("a valid header value");
        for i in 0..total.div_ceil(EACH) {
            if let Ok(name) = HeaderName::from_bytes(format!("x-fixture-filler-{i}").as_bytes()) {
                headers.append(name, value.clone());
            }
        }
    }
    response
}

/// The body type the fixtures send.
enum FixtureBody {
    Full(Option<Bytes>),
    Endless(Pin<Box<Sleep>>),
    Trickle(Pin<Box<Sleep>>),
}

impl hyper::body::Body for FixtureBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            FixtureBody::Full(bytes) => {
                Poll::Ready(bytes.take().filter(|b| !b.is_empty()).map(|b| Ok(Frame::data(b))))
            }
            FixtureBody::Endless(sleep) => {
                if sleep.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                sleep.as_mut().reset(Instant::now() + ENDLESS_PACE);
                Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(&ENDLESS_CHUNK)))))
            }
            FixtureBody::Trickle(sleep) => {
                if sleep.as_mut().poll(cx).is_pending() {
                    return Poll::Pending;
                }
                sleep.as_mut().reset(Instant::now() + Duration::from_secs(1));
                Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b".")))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            FixtureBody::Full(b) => b.as_ref().is_none_or(Bytes::is_empty),
            _ => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            FixtureBody::Full(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            _ => SizeHint::default(),
        }
    }
}

/// A TCP listener on `127.0.0.1:<random port>` whose accept queue is full, so the kernel drops
/// new SYNs and a further `connect()` times out (it is neither accepted nor refused).
///
/// Made with a listen backlog of 0 and filler connections that are never accepted. Checked at
/// start: construction panics if a probe connection is not left hanging.
pub struct BlackholeListener {
    addr: SocketAddr,
    _listener: std::net::TcpListener,
    _fillers: Vec<std::net::TcpStream>,
}

impl std::fmt::Debug for BlackholeListener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlackholeListener")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl BlackholeListener {
    /// Binds, fills the accept queue, and checks that one more connection hangs.
    pub fn start() -> Self {
        let rt = runtime();
        let listener = rt.block_on(async {
            let socket = tokio::net::TcpSocket::new_v4().expect("TCP socket");
            socket
                .bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
                .expect("bind 127.0.0.1:0");
            socket
                .listen(0)
                .expect("listen with backlog 0")
                .into_std()
                .expect("std listener")
        });
        drop(rt);
        let addr = listener.local_addr().expect("local address");
        let probe = Duration::from_millis(250);
        let mut fillers = Vec::new();
        let mut full = false;
        for _ in 0..64 {
            match std::net::TcpStream::connect_timeout(&addr, probe) {
                Ok(s) => fillers.push(s),
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
                    full = true;
                    break;
                }
                Err(e) => panic!("blackhole filler connect failed: {e}"),
            }
        }
        assert!(full, "blackhole: accept queue never filled after 64 connections");
        match std::net::TcpStream::connect_timeout(&addr, probe) {
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            other => panic!("blackhole: probe connect did not time out: {other:?}"),
        }
        Self {
            addr,
            _listener: listener,
            _fillers: fillers,
        }
    }

    /// The address whose connects hang.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }
}
