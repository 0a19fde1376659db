//! A tiny authoritative DNS responder on loopback (UDP and TCP on the same port).
//!
//! Messages are decoded and encoded with hickory-proto; only the 2-byte length prefix of DNS over
//! TCP is framed by hand.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use hickory_proto::op::{Edns, Message, MessageType, Metadata, OpCode, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA};
use hickory_proto::rr::{RData, Record, RecordType};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};

use super::background::{Background, Shutdown, runtime};

/// TTL of every answer record.
pub const TTL: u32 = 60;

/// How the responder answers a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DnsAnswer {
    /// NOERROR; A records for the IPv4 addresses, AAAA records for the IPv6 ones. A family with
    /// no address gets an empty NOERROR answer (NODATA). Other query types get NODATA too.
    Addrs(Vec<IpAddr>),
    /// NXDOMAIN.
    NxDomain,
    /// SERVFAIL.
    ServFail,
    /// REFUSED.
    Refused,
    /// Never reply (the client times out).
    Drop,
    /// Reply with bytes that are not a DNS message. The first two bytes echo the query ID so
    /// that the client does not discard the reply as unrelated but fails to parse it.
    Garbage,
    /// Answer as the inner rule, after a delay.
    Delayed(Duration, Box<DnsAnswer>),
}

impl DnsAnswer {
    /// `Addrs([127.0.0.1])`.
    pub fn localhost() -> Self {
        DnsAnswer::Addrs(vec![IpAddr::V4(Ipv4Addr::LOCALHOST)])
    }

    /// `Addrs` from string literals; panics on an invalid address (setup code).
    pub fn addrs(addrs: &[&str]) -> Self {
        DnsAnswer::Addrs(
            addrs
                .iter()
                .map(|a| a.parse().expect("an IP address literal"))
                .collect(),
        )
    }

    /// This answer, `delay` later.
    pub fn delayed(self, delay: Duration) -> Self {
        DnsAnswer::Delayed(delay, Box::new(self))
    }
}

/// The rules of a [`DnsFixture`]: a map from lowercase name (no trailing dot) to answer, and the
/// answer for every other name (by default [`DnsAnswer::NxDomain`]).
#[derive(Clone, Debug)]
pub struct DnsRules {
    names: HashMap<String, DnsAnswer>,
    default: DnsAnswer,
}

impl Default for DnsRules {
    fn default() -> Self {
        Self::new()
    }
}

impl DnsRules {
    /// No names; everything is NXDOMAIN.
    pub fn new() -> Self {
        Self {
            names: HashMap::new(),
            default: DnsAnswer::NxDomain,
        }
    }

    /// Answers `name` with `answer` (replacing an earlier rule for it).
    pub fn with(mut self, name: &str, answer: DnsAnswer) -> Self {
        self.set(name, answer);
        self
    }

    /// The answer for names without a rule.
    pub fn default_answer(mut self, answer: DnsAnswer) -> Self {
        self.default = answer;
        self
    }

    /// Sets the rule for `name` in place.
    pub fn set(&mut self, name: &str, answer: DnsAnswer) {
        self.names.insert(normalize(name), answer);
    }

    /// Sets the default rule in place.
    pub fn set_default(&mut self, answer: DnsAnswer) {
        self.default = answer;
    }

    /// The answer that applies to `name`.
    pub fn answer_for(&self, name: &str) -> &DnsAnswer {
        self.names.get(&normalize(name)).unwrap_or(&self.default)
    }
}

impl From<HashMap<String, DnsAnswer>> for DnsRules {
    fn from(names: HashMap<String, DnsAnswer>) -> Self {
        let mut rules = DnsRules::new();
        for (name, answer) in names {
            rules.set(&name, answer);
        }
        rules
    }
}

/// One query the responder received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryLog {
    /// Lowercase, without the trailing dot.
    pub name: String,
    /// Query type as text (`A`, `AAAA`, `HTTPS`, …).
    pub qtype: String,
    /// Whether it came over TCP.
    pub tcp: bool,
}

/// Limit on kept query log entries (older ones still count in [`DnsFixture::queries`]).
const LOG_LIMIT: usize = 10_000;

#[derive(Default)]
struct State {
    rules: Mutex<DnsRules>,
    log: Mutex<Vec<QueryLog>>,
    counts: Mutex<HashMap<String, usize>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// A DNS responder on `127.0.0.1:<random port>`, UDP and TCP. Stops when dropped.
pub struct DnsFixture {
    addr: SocketAddr,
    state: Arc<State>,
    _bg: Background,
}

impl std::fmt::Debug for DnsFixture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DnsFixture")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl DnsFixture {
    /// Starts a responder with `rules`.
    pub fn start(rules: DnsRules) -> Self {
        let rt = runtime();
        let (udp, tcp) = rt.block_on(bind_pair());
        let addr = udp.local_addr().expect("UDP local address");
        let state = Arc::new(State {
            rules: Mutex::new(rules),
            ..State::default()
        });
        let st = Arc::clone(&state);
        let bg = Background::spawn("dns", rt, move |shutdown| serve(udp, tcp, st, shutdown));
        Self { addr, state, _bg: bg }
    }

    /// A responder that never answers anything (a dead resolver that still swallows packets).
    pub fn start_dropping_all() -> Self {
        Self::start(DnsRules::new().default_answer(DnsAnswer::Drop))
    }

    /// The address (same port on UDP and TCP).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// How many queries (any type, UDP or TCP) named `name` arrived so far.
    pub fn queries(&self, name: &str) -> usize {
        lock(&self.state.counts)
            .get(&normalize(name))
            .copied()
            .unwrap_or(0)
    }

    /// How many queries of type `qtype` (`"A"`, `"AAAA"`, …) named `name` arrived so far.
    pub fn queries_of_type(&self, name: &str, qtype: &str) -> usize {
        let name = normalize(name);
        lock(&self.state.log)
            .iter()
            .filter(|q| q.name == name && q.qtype.eq_ignore_ascii_case(qtype))
            .count()
    }

    /// Total queries received.
    pub fn total_queries(&self) -> usize {
        lock(&self.state.counts).values().sum()
    }

    /// The queries received so far, oldest first (at most the first 10 000).
    pub fn log(&self) -> Vec<QueryLog> {
        lock(&self.state.log).clone()
    }

    /// Changes the rule for `name` while running.
    pub fn set(&self, name: &str, answer: DnsAnswer) {
        lock(&self.state.rules).set(name, answer);
    }

    /// Changes the default rule while running.
    pub fn set_default(&self, answer: DnsAnswer) {
        lock(&self.state.rules).set_default(answer);
    }
}

/// Binds UDP on 127.0.0.1:0 and TCP on the same port, retrying when the TCP port is taken.
async fn bind_pair() -> (UdpSocket, TcpListener) {
    let mut last_err = None;
    for _ in 0..50 {
        let udp = UdpSocket::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("bind DNS UDP socket");
        let port = udp.local_addr().expect("UDP local address").port();
        match TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await {
            Ok(tcp) => return (udp, tcp),
            Err(e) => last_err = Some(e),
        }
    }
    panic!("could not bind DNS UDP+TCP on one port: {last_err:?}");
}

async fn serve(udp: UdpSocket, tcp: TcpListener, state: Arc<State>, shutdown: Shutdown) {
    let udp = Arc::new(udp);
    tokio::spawn(serve_tcp(tcp, Arc::clone(&state), shutdown.clone()));
    let mut buf = vec![0u8; 65_535];
    loop {
        if shutdown.is_set() {
            return;
        }
        let Ok((len, peer)) = udp.recv_from(&mut buf).await else {
            // Transient errors (e.g. ICMP port unreachable reported on Linux): keep going,
            // but do not spin.
            tokio::time::sleep(Duration::from_millis(5)).await;
            continue;
        };
        let packet = buf[..len].to_vec();
        let (reply, delay) = answer(&packet, &state, false);
        let Some(mut reply) = reply else { continue };
        let sock = Arc::clone(&udp);
        tokio::spawn(async move {
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
            }
            reply.truncate(65_507);
            let _ = sock.send_to(&reply, peer).await;
        });
    }
}

async fn serve_tcp(listener: TcpListener, state: Arc<State>, shutdown: Shutdown) {
    loop {
        if shutdown.is_set() {
            return;
        }
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(serve_tcp_conn(stream, Arc::clone(&state)));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(5)).await,
        }
    }
}

/// Serves up to 64 length-prefixed queries on one connection; closes after 10 s idle.
async fn serve_tcp_conn(mut stream: TcpStream, state: Arc<State>) {
    const IDLE: Duration = Duration::from_secs(10);
    for _ in 0..64 {
        let Ok(Ok(len)) = tokio::time::timeout(IDLE, stream.read_u16()).await else {
            return;
        };
        let mut packet = vec![0u8; usize::from(len)];
        if !matches!(
            tokio::time::timeout(IDLE, stream.read_exact(&mut packet)).await,
            Ok(Ok(_))
        ) {
            return;
        }
        let (reply, delay) = answer(&packet, &state, true);
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        let Some(mut reply) = reply else { continue };
        reply.truncate(usize::from(u16::MAX));
        let Ok(len) = u16::try_from(reply.len()) else {
            return;
        };
        let mut framed = len.to_be_bytes().to_vec();
        framed.extend_from_slice(&reply);
        if stream.write_all(&framed).await.is_err() {
            return;
        }
    }
}

/// Decides the reply bytes (None = no reply) and the delay before sending them.
fn answer(packet: &[u8], state: &State, tcp: bool) -> (Option<Vec<u8>>, Option<Duration>) {
    let Ok(request) = Message::from_vec(packet) else {
        return (None, None);
    };
    if request.metadata.message_type != MessageType::Query {
        return (None, None);
    }
    let Some(query) = request.queries.first() else {
        return (
            encode(&error_reply(&request, ResponseCode::FormErr), &request, tcp),
            None,
        );
    };
    let name = normalize(&query.name().to_ascii());
    let qtype = query.query_type();
    {
        let mut log = lock(&state.log);
        if log.len() < LOG_LIMIT {
            log.push(QueryLog {
                name: name.clone(),
                qtype: qtype.to_string(),
                tcp,
            });
        }
    }
    *lock(&state.counts).entry(name.clone()).or_default() += 1;

    let mut rule = lock(&state.rules).answer_for(&name).clone();
    let mut delay = None;
    // Nested delays add up; bounded by the nesting depth of the rule itself.
    while let DnsAnswer::Delayed(d, inner) = rule {
        delay = Some(delay.unwrap_or(Duration::ZERO) + d);
        rule = *inner;
    }
    let reply = match rule {
        DnsAnswer::Drop => None,
        DnsAnswer::Garbage => Some(garbage(request.metadata.id)),
        DnsAnswer::NxDomain => encode(&error_reply(&request, ResponseCode::NXDomain), &request, tcp),
        DnsAnswer::ServFail => encode(&error_reply(&request, ResponseCode::ServFail), &request, tcp),
        DnsAnswer::Refused => encode(&error_reply(&request, ResponseCode::Refused), &request, tcp),
        DnsAnswer::Addrs(addrs) => {
            let mut reply = error_reply(&request, ResponseCode::NoError);
            for q in &request.queries {
                let t = q.query_type();
                for addr in &addrs {
                    let rdata = match (addr, t) {
                        (IpAddr::V4(v4), RecordType::A | RecordType::ANY) => RData::A(A(*v4)),
                        (IpAddr::V6(v6), RecordType::AAAA | RecordType::ANY) => RData::AAAA(AAAA(*v6)),
                        _ => continue,
                    };
                    reply
                        .answers
                        .push(Record::from_rdata(q.name().clone(), TTL, rdata));
                }
            }
            encode(&reply, &request, tcp)
        }
        DnsAnswer::Delayed(..) => unreachable!("delays were unwrapped above"),
    };
    (reply, delay)
}

/// A response to `request` with the given code, echoing its questions.
fn error_reply(request: &Message, code: ResponseCode) -> Message {
    let mut reply = Message::response(request.metadata.id, OpCode::Query);
    reply.metadata = Metadata::response_from_request(&request.metadata);
    reply.metadata.authoritative = true;
    reply.metadata.recursion_available = true;
    reply.metadata.response_code = code;
    reply.queries = request.queries.clone();
    if request.edns.is_some() {
        let mut edns = Edns::new();
        edns.set_max_payload(1232);
        reply.edns = Some(edns);
    }
    reply
}

/// Encodes `reply`; over UDP, a reply larger than the client accepts is replaced by an empty
/// one with the TC bit set, as a real server would.
fn encode(reply: &Message, request: &Message, tcp: bool) -> Option<Vec<u8>> {
    let bytes = reply.to_vec().ok()?;
    let limit = request
        .edns
        .as_ref()
        .map_or(512, |e| usize::from(e.max_payload().max(512)));
    if tcp || bytes.len() <= limit {
        return Some(bytes);
    }
    let mut truncated = reply.clone();
    truncated.answers.clear();
    truncated.metadata.truncation = true;
    truncated.to_vec().ok()
}

/// Two bytes of ID, then a header that promises records that never come, then noise.
fn garbage(id: u16) -> Vec<u8> {
    let mut out = id.to_be_bytes().to_vec();
    // QR=1, RCODE=0; QDCOUNT=1, ANCOUNT=9, NSCOUNT=0, ARCOUNT=0.
    out.extend_from_slice(&[0x81, 0x80, 0x00, 0x01, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00]);
    // A label length pointing far past the end, followed by pseudo-random bytes.
    out.push(0x3f);
    let mut x = u32::from(id) | 0x9e37_0000;
    for _ in 0..17 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out.push(x.to_le_bytes()[0]);
    }
    out
}
