//! A DNS-over-HTTPS resolver (RFC 8484) on loopback: an [`EdgeFixture`] (TLS, HTTP/2 and
//! HTTP/1.1 by ALPN) whose router answers `GET /dns-query?dns=<base64url>` from [`DnsRules`], as
//! [`super::dns::DnsFixture`] does over UDP and TCP.
//!
//! Only GET is served (the edge's router does not see request bodies); POST gets 405. Messages
//! are decoded and encoded with hickory-proto.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hickory_proto::op::{Message, MessageType, Metadata, OpCode, ResponseCode};
use hickory_proto::rr::rdata::{A, AAAA};
use hickory_proto::rr::{RData, Record, RecordType};

use super::dns::{DnsAnswer, DnsRules, TTL};
use super::pki::{Leaf, TestCa};
use super::server::{EdgeConfig, EdgeFixture, RequestInfo, ResponseSpec, router};

/// The path served.
pub const DOH_PATH: &str = "/dns-query";
/// The media type of DNS messages over HTTPS.
pub const DNS_MESSAGE: &str = "application/dns-message";
/// How long a [`DnsAnswer::Drop`] holds the request (the fixture's drop ends it sooner).
const DROP_HOLD: Duration = Duration::from_secs(600);
/// Kept query log entries (older queries still count).
const LOG_LIMIT: usize = 10_000;

/// One DNS query the resolver received over HTTPS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DohQueryLog {
    /// Lowercase, without the trailing dot.
    pub name: String,
    /// `A`, `AAAA`, …
    pub qtype: String,
    /// The DNS message id (RFC 8484 clients send 0).
    pub id: u16,
    /// `HTTP/2` or `HTTP/1.1`.
    pub version: String,
    /// The request's `accept` headers, joined with `, `.
    pub accept: Option<String>,
}

#[derive(Default)]
struct State {
    rules: Mutex<DnsRules>,
    log: Mutex<Vec<DohQueryLog>>,
    counts: Mutex<HashMap<String, usize>>,
    replace: Mutex<Option<ResponseSpec>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn normalize(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// A DoH resolver on `127.0.0.1:<random port>`. Stops when dropped.
pub struct DohFixture {
    edge: EdgeFixture,
    state: Arc<State>,
}

impl std::fmt::Debug for DohFixture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DohFixture")
            .field("addr", &self.edge.addr())
            .finish_non_exhaustive()
    }
}

impl DohFixture {
    /// Starts a resolver answering from `rules`, presenting a certificate from `ca` for `host`
    /// (a DNS name, or an IP address for IP-literal URLs such as `https://127.0.0.1:PORT/…`).
    pub fn start(rules: DnsRules, ca: &TestCa, host: &str) -> Self {
        let leaf = match host.parse::<IpAddr>() {
            Ok(ip) => ca.leaf(&[], &[ip]),
            Err(_) => ca.leaf(&[host], &[]),
        };
        Self::start_with_leaf(rules, leaf)
    }

    /// Starts a resolver presenting `leaf` to every client.
    pub fn start_with_leaf(rules: DnsRules, leaf: Leaf) -> Self {
        Self::start_with_config(rules, EdgeConfig::new(leaf))
    }

    /// Starts a resolver on an edge configured by `config` (certificates and behaviours per SNI,
    /// ALPN, IPv6); its router is replaced by the DoH one.
    pub fn start_with_config(rules: DnsRules, config: EdgeConfig) -> Self {
        let state = Arc::new(State {
            rules: Mutex::new(rules),
            ..State::default()
        });
        let st = Arc::clone(&state);
        let edge = EdgeFixture::start(config.router(router(move |req| serve(req, &st))));
        Self { edge, state }
    }

    /// `https://127.0.0.1:PORT/dns-query`.
    pub fn url(&self) -> String {
        self.url_for("127.0.0.1")
    }

    /// `https://HOST:PORT/dns-query` (for `--resolve`/`--connect-to` tests; IPv6 in brackets).
    pub fn url_for(&self, host: &str) -> String {
        let host = if host.contains(':') {
            format!("[{host}]")
        } else {
            host.to_owned()
        };
        format!("https://{host}:{}{DOH_PATH}", self.port())
    }

    /// The IPv4 address.
    pub fn addr(&self) -> SocketAddr {
        self.edge.addr()
    }

    /// The port.
    pub fn port(&self) -> u16 {
        self.edge.port()
    }

    /// The edge underneath (HTTP requests and TLS connections it saw).
    pub fn edge(&self) -> &EdgeFixture {
        &self.edge
    }

    /// DNS queries (any type) for `name` received so far.
    pub fn queries(&self, name: &str) -> usize {
        lock(&self.state.counts)
            .get(&normalize(name))
            .copied()
            .unwrap_or(0)
    }

    /// DNS queries of type `qtype` (`"A"`, `"AAAA"`, …) for `name` received so far.
    pub fn queries_of_type(&self, name: &str, qtype: &str) -> usize {
        let name = normalize(name);
        lock(&self.state.log)
            .iter()
            .filter(|q| q.name == name && q.qtype.eq_ignore_ascii_case(qtype))
            .count()
    }

    /// All DNS queries received.
    pub fn total_queries(&self) -> usize {
        lock(&self.state.counts).values().sum()
    }

    /// The queries received so far, oldest first (at most the first 10 000).
    pub fn log(&self) -> Vec<DohQueryLog> {
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

    /// Answers every valid query with `response` instead of a DNS message (a block page, an
    /// HTTP error, a captive portal); `None` restores DNS answers. Queries still count.
    pub fn replace_responses(&self, response: Option<ResponseSpec>) {
        *lock(&self.state.replace) = response;
    }
}

/// The router: checks the request, decodes the query, logs it and answers by the rules.
fn serve(req: &RequestInfo, state: &State) -> ResponseSpec {
    if req.path != DOH_PATH {
        return ResponseSpec::text(404, "not found");
    }
    if req.method != "GET" {
        return ResponseSpec::text(405, "only GET is served here").header("allow", "GET");
    }
    let param = req.query.as_deref().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "dns")
            .map(|(_, v)| v.into_owned())
    });
    let Some(param) = param else {
        return ResponseSpec::text(400, "missing dns parameter");
    };
    let Ok(wire) = URL_SAFE_NO_PAD.decode(param.trim_end_matches('=')) else {
        return ResponseSpec::text(400, "dns is not base64url");
    };
    let Ok(request) = Message::from_vec(&wire) else {
        return ResponseSpec::text(400, "dns is not a DNS message");
    };
    if request.metadata.message_type != MessageType::Query {
        return ResponseSpec::text(400, "dns is not a query");
    }
    let Some(query) = request.queries.first() else {
        return dns_response(&error_reply(&request, ResponseCode::FormErr));
    };
    let name = normalize(&query.name().to_ascii());
    {
        let mut log = lock(&state.log);
        if log.len() < LOG_LIMIT {
            log.push(DohQueryLog {
                name: name.clone(),
                qtype: query.query_type().to_string(),
                id: request.metadata.id,
                version: req.version.clone(),
                accept: accept(req),
            });
        }
    }
    *lock(&state.counts).entry(name.clone()).or_default() += 1;
    if let Some(replacement) = lock(&state.replace).clone() {
        return replacement;
    }

    let mut rule = lock(&state.rules).answer_for(&name).clone();
    let mut delay = Duration::ZERO;
    while let DnsAnswer::Delayed(d, inner) = rule {
        delay += d;
        rule = *inner;
    }
    let spec = match rule {
        DnsAnswer::Drop => {
            delay += DROP_HOLD;
            ResponseSpec::new(504)
        }
        DnsAnswer::Garbage => ResponseSpec::new(200)
            .header("content-type", DNS_MESSAGE)
            .body(garbage(request.metadata.id)),
        DnsAnswer::NxDomain => dns_response(&error_reply(&request, ResponseCode::NXDomain)),
        DnsAnswer::ServFail => dns_response(&error_reply(&request, ResponseCode::ServFail)),
        DnsAnswer::Refused => dns_response(&error_reply(&request, ResponseCode::Refused)),
        DnsAnswer::Addrs(addrs) => {
            let mut reply = error_reply(&request, ResponseCode::NoError);
            for q in &request.queries {
                for addr in &addrs {
                    let rdata = match (addr, q.query_type()) {
                        (IpAddr::V4(v4), RecordType::A | RecordType::ANY) => RData::A(A(*v4)),
                        (IpAddr::V6(v6), RecordType::AAAA | RecordType::ANY) => RData::AAAA(AAAA(*v6)),
                        _ => continue,
                    };
                    reply
                        .answers
                        .push(Record::from_rdata(q.name().clone(), TTL, rdata));
                }
            }
            dns_response(&reply)
        }
        DnsAnswer::Delayed(..) => unreachable!("delays were unwrapped above"),
    };
    if delay.is_zero() {
        spec
    } else {
        spec.delayed(delay)
    }
}

/// Every `accept` header of the request, joined as one list (`None` without any).
fn accept(req: &RequestInfo) -> Option<String> {
    let values: Vec<&str> = req
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("accept"))
        .map(|(_, v)| v.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// A response to `request` with the given code, echoing its questions.
fn error_reply(request: &Message, code: ResponseCode) -> Message {
    let mut reply = Message::response(request.metadata.id, OpCode::Query);
    reply.metadata = Metadata::response_from_request(&request.metadata);
    reply.metadata.recursion_available = true;
    reply.metadata.response_code = code;
    reply.queries = request.queries.clone();
    reply
}

/// A 200 carrying `reply` as `application/dns-message`.
fn dns_response(reply: &Message) -> ResponseSpec {
    match reply.to_vec() {
        Ok(bytes) => ResponseSpec::new(200)
            .header("content-type", DNS_MESSAGE)
            .header("cache-control", &format!("max-age={TTL}"))
            .body(bytes),
        Err(e) => ResponseSpec::text(500, &format!("cannot encode the answer: {e}")),
    }
}

/// Two bytes of id, then a header promising records that never come.
fn garbage(id: u16) -> Vec<u8> {
    let mut out = id.to_be_bytes().to_vec();
    out.extend_from_slice(&[
        0x81, 0x80, 0x00, 0x01, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x3f, 0x01,
    ]);
    out
}

#[cfg(test)]
mod tests {
    //! The fixture, driven by the tool's own DoH client (`chatgpt_doctor::probe::doh`), so both
    //! are exercised end to end: TLS with a test CA, HTTP/2, the RFC 8484 encoding, and the
    //! pipeline's `--resolve`/`--connect-to`, timeouts and failure strings.

    use std::net::{IpAddr, Ipv4Addr};
    use std::time::{Duration, Instant};

    use chatgpt_doctor::probe::DohLookup;
    use chatgpt_doctor::probe::dns::Dns;
    use chatgpt_doctor::probe::doh::doh_lookup;
    use chatgpt_doctor::probe::plan::{Plan, ProbeTools};
    use chatgpt_doctor::probe::tls::TlsContext;
    use chatgpt_doctor::probe::{Failure, Family, Outcome};
    use chatgpt_doctor::route::{ConnectTo, ResolveRule};
    use url::Url;

    use super::super::dns::{DnsAnswer, DnsRules};
    use super::super::pki::TestCa;
    use super::super::server::{EdgeConfig, ResponseSpec};
    use super::DohFixture;

    fn plan(timeout: Duration) -> Plan {
        Plan {
            targets: vec![],
            families: vec![Family::Ipv4, Family::Ipv6],
            resolve: vec![],
            connect_to: vec![],
            timeout,
            max_time: Duration::from_secs(20),
            status_documents: vec![],
            key_check: None,
            proxies: Default::default(),
            decided: None,
            doh: vec![],
        }
    }

    /// Looks `name` up at `doh` trusting `trusted` (as `--cacert` does).
    fn lookup(doh: &str, name: &str, family: Family, plan: &Plan, trusted: Option<&TestCa>) -> DohLookup {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("test runtime");
        let url = Url::parse(doh).expect("a DoH URL");
        rt.block_on(async {
            let extra: Vec<_> = trusted.iter().map(|ca| ca.cert_der()).collect();
            let tools = ProbeTools {
                dns: Dns::new(None, plan.timeout),
                tls: TlsContext::new(&extra),
                waits: Default::default(),
            };
            let deadline = Instant::now() + plan.max_time;
            doh_lookup(&url, name, family, plan, &tools, deadline).await
        })
    }

    fn ips(list: &[&str]) -> Vec<IpAddr> {
        list.iter().map(|s| s.parse().expect("an address")).collect()
    }

    fn rules() -> DnsRules {
        DnsRules::new()
            .with(
                "chatgpt.com",
                DnsAnswer::addrs(&["104.18.32.47", "172.64.155.209", "2606:4700::6812:202f"]),
            )
            .with("blocked.example", DnsAnswer::ServFail)
            .with("refused.example", DnsAnswer::Refused)
            .with("garbage.example", DnsAnswer::Garbage)
    }

    #[test]
    fn answers_a_and_aaaa_over_http2_with_an_ip_certificate() {
        let ca = TestCa::new("DoH test CA");
        let doh = DohFixture::start(rules(), &ca, "127.0.0.1");
        let p = plan(Duration::from_secs(5));

        let v4 = lookup(&doh.url(), "chatgpt.com", Family::Ipv4, &p, Some(&ca));
        assert_eq!(v4.outcome, Outcome::Ok, "{v4:?}");
        assert_eq!(v4.addrs, ips(&["104.18.32.47", "172.64.155.209"]));
        assert_eq!(v4.ttl, Some(super::TTL));
        assert_eq!(v4.rcode.as_deref(), Some("NOERROR"));
        assert_eq!(v4.resolver, doh.url());
        let attempt = v4.observation.best().expect("an attempt");
        let tls = attempt
            .tls
            .as_ref()
            .and_then(|s| s.detail.as_ref())
            .expect("tls detail");
        assert_eq!(tls.alpn.as_deref(), Some("h2"));
        assert!(
            v4.observation.dns.is_none(),
            "an IP-literal resolver needs no DNS"
        );

        let v6 = lookup(&doh.url(), "ChatGPT.com.", Family::Ipv6, &p, Some(&ca));
        assert_eq!(v6.addrs, ips(&["2606:4700::6812:202f"]));

        assert_eq!(doh.queries("chatgpt.com"), 2);
        assert_eq!(doh.queries_of_type("chatgpt.com", "A"), 1);
        assert_eq!(doh.queries_of_type("chatgpt.com", "AAAA"), 1);
        let log = doh.log();
        assert!(log.iter().all(|q| q.id == 0 && q.version == "HTTP/2"), "{log:?}");
        assert!(
            log.iter().all(|q| q
                .accept
                .as_deref()
                .is_some_and(|a| a.contains(super::DNS_MESSAGE))),
            "{log:?}"
        );
    }

    #[test]
    fn an_http1_only_resolver_answers_too() {
        let ca = TestCa::new("DoH test CA");
        let leaf = ca.leaf(&[], &[IpAddr::V4(Ipv4Addr::LOCALHOST)]);
        let config = EdgeConfig::new(leaf).alpn(&["http/1.1"]);
        let doh = DohFixture::start_with_config(rules(), config);
        let got = lookup(
            &doh.url(),
            "chatgpt.com",
            Family::Ipv4,
            &plan(Duration::from_secs(5)),
            Some(&ca),
        );
        assert_eq!(got.outcome, Outcome::Ok, "{got:?}");
        assert_eq!(doh.log()[0].version, "HTTP/1.1");
    }

    #[test]
    fn dns_failures_keep_their_failure_strings() {
        let ca = TestCa::new("DoH test CA");
        let doh = DohFixture::start(rules(), &ca, "127.0.0.1");
        let p = plan(Duration::from_secs(5));
        for (name, family, failure, rcode) in [
            (
                "nowhere.example",
                Family::Ipv4,
                Failure::DnsNxdomainError,
                Some("NXDOMAIN"),
            ),
            (
                "blocked.example",
                Family::Ipv4,
                Failure::DnsServfailError,
                Some("SERVFAIL"),
            ),
            (
                "refused.example",
                Family::Ipv6,
                Failure::DnsRefusedError,
                Some("REFUSED"),
            ),
            // Resolves for A only: NODATA for AAAA.
            ("chatgpt.com", Family::Ipv4, Failure::DnsNoAnswer, Some("NOERROR")),
            (
                "garbage.example",
                Family::Ipv4,
                Failure::HttpInvalidResponse,
                None,
            ),
        ] {
            if name == "chatgpt.com" {
                doh.set(name, DnsAnswer::addrs(&["2606:4700::1"]));
            }
            let got = lookup(&doh.url(), name, family, &p, Some(&ca));
            assert_eq!(got.outcome.failure(), Some(failure), "{name}: {got:?}");
            assert_eq!(got.rcode.as_deref(), rcode, "{name}");
            assert!(got.addrs.is_empty());
        }
    }

    #[test]
    fn an_http_answer_that_is_not_a_dns_message_is_invalid() {
        let ca = TestCa::new("DoH test CA");
        let doh = DohFixture::start(rules(), &ca, "127.0.0.1");
        let p = plan(Duration::from_secs(5));
        for replacement in [
            ResponseSpec::html(200, "<html>Sign in to the Wi-Fi</html>"),
            ResponseSpec::text(403, "blocked"),
            ResponseSpec::new(502),
        ] {
            doh.replace_responses(Some(replacement.clone()));
            let got = lookup(&doh.url(), "chatgpt.com", Family::Ipv4, &p, Some(&ca));
            assert_eq!(
                got.outcome.failure(),
                Some(Failure::HttpInvalidResponse),
                "{replacement:?}"
            );
        }
        doh.replace_responses(None);
        let got = lookup(&doh.url(), "chatgpt.com", Family::Ipv4, &p, Some(&ca));
        assert_eq!(got.outcome, Outcome::Ok);
        assert_eq!(doh.queries("chatgpt.com"), 4);
    }

    #[test]
    fn an_untrusted_resolver_is_never_asked() {
        let ca = TestCa::new("DoH test CA");
        let doh = DohFixture::start(rules(), &ca, "127.0.0.1");
        let got = lookup(
            &doh.url(),
            "chatgpt.com",
            Family::Ipv4,
            &plan(Duration::from_secs(5)),
            None,
        );
        assert_eq!(
            got.outcome.failure(),
            Some(Failure::SslUnknownAuthority),
            "{got:?}"
        );
        assert_eq!(
            doh.total_queries(),
            0,
            "nothing is sent over an untrusted connection"
        );
        assert_eq!(doh.edge().connections(None), 1, "the handshake was tried");
    }

    #[test]
    fn a_silent_resolver_times_out_within_the_stage_timeout() {
        let ca = TestCa::new("DoH test CA");
        let doh = DohFixture::start(rules(), &ca, "127.0.0.1");
        doh.set("slow.example", DnsAnswer::Drop);
        let start = Instant::now();
        let got = lookup(
            &doh.url(),
            "slow.example",
            Family::Ipv4,
            &plan(Duration::from_millis(500)),
            Some(&ca),
        );
        assert_eq!(
            got.outcome.failure(),
            Some(Failure::GenericTimeoutError),
            "{got:?}"
        );
        assert!(start.elapsed() < Duration::from_secs(3), "{:?}", start.elapsed());
        assert_eq!(doh.queries("slow.example"), 1);
    }

    #[test]
    fn resolve_and_connect_to_apply_to_a_named_resolver() {
        let ca = TestCa::new("DoH test CA");
        let doh = DohFixture::start(rules(), &ca, "doh.test");
        let mut p = plan(Duration::from_secs(5));
        p.resolve = vec![ResolveRule {
            host: "doh.test".into(),
            port: doh.port(),
            addrs: vec![IpAddr::V4(Ipv4Addr::LOCALHOST)],
        }];
        let got = lookup(
            &doh.url_for("doh.test"),
            "chatgpt.com",
            Family::Ipv4,
            &p,
            Some(&ca),
        );
        assert_eq!(got.outcome, Outcome::Ok, "{got:?}");
        assert!(
            got.observation
                .dns
                .as_ref()
                .is_some_and(chatgpt_doctor::probe::Stage::is_ok),
            "the pinned address is recorded"
        );
        assert_eq!(
            doh.edge().connections(Some("doh.test")),
            1,
            "SNI is the resolver's name"
        );

        let mut p = plan(Duration::from_secs(5));
        p.connect_to = vec![ConnectTo {
            host: Some("doh.test".into()),
            port: Some(443),
            connect_host: Some("127.0.0.1".into()),
            connect_port: Some(doh.port()),
        }];
        let got = lookup(
            "https://doh.test/dns-query",
            "chatgpt.com",
            Family::Ipv4,
            &p,
            Some(&ca),
        );
        assert_eq!(got.outcome, Outcome::Ok, "{got:?}");
        assert_eq!(doh.queries("chatgpt.com"), 2);
    }
}
