//! Smoke tests of the fixtures themselves, with plain tokio/rustls/hyper clients (and `curl`/`dig`
//! when installed). They never run the binary under test.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use hickory_proto::op::{Message, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, RecordType};
use http_body_util::{BodyExt, Empty};
use hyper::Request;
use hyper_util::rt::{TokioExecutor, TokioIo};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, RootCertStore};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::dns::{DnsAnswer, DnsFixture, DnsRules};
use super::pki::{TestCa, Validity};
use super::replay::{self, Routes};
use super::run::{self, World};
use super::server::{
    Behaviour, BlackholeListener, Body, EdgeConfig, EdgeFixture, PlainHttpFixture, RequestInfo, ResponseSpec,
};

const LOCALHOST: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("test runtime")
}

fn roots(cas: &[&TestCa]) -> Arc<RootCertStore> {
    let mut store = RootCertStore::empty();
    for ca in cas {
        store.add(ca.cert_der()).expect("add root");
    }
    Arc::new(store)
}

fn client_config(cas: &[&TestCa], alpn: &[&str]) -> Arc<ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(roots(cas))
        .with_no_client_auth();
    cfg.alpn_protocols = alpn.iter().map(|p| p.as_bytes().to_vec()).collect();
    Arc::new(cfg)
}

/// TLS to `addr` with SNI/verification name `name` (an IP literal sends no SNI).
async fn tls_connect(
    addr: SocketAddr,
    name: &str,
    cas: &[&TestCa],
    alpn: &[&str],
) -> io::Result<TlsStream<TcpStream>> {
    let tcp = TcpStream::connect(addr).await?;
    let server_name = ServerName::try_from(name.to_owned()).expect("server name");
    TlsConnector::from(client_config(cas, alpn))
        .connect(server_name, tcp)
        .await
}

fn rustls_error(e: &io::Error) -> Option<&rustls::Error> {
    e.get_ref()?.downcast_ref::<rustls::Error>()
}

/// A response as the smoke tests see it.
struct Got {
    status: u16,
    headers: hyper::HeaderMap,
    body: String,
    version: hyper::Version,
}

/// One GET over an established TLS stream; HTTP/2 when ALPN picked it.
async fn get(stream: TlsStream<TcpStream>, host: &str, path: &str) -> Result<Got, String> {
    let h2 = stream.get_ref().1.alpn_protocol() == Some(b"h2");
    let io = TokioIo::new(stream);
    let response = if h2 {
        let (mut send, conn) = hyper::client::conn::http2::handshake(TokioExecutor::new(), io)
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(conn);
        let req = Request::get(format!("https://{host}{path}"))
            .body(Empty::<Bytes>::new())
            .expect("request");
        send.send_request(req).await.map_err(|e| e.to_string())?
    } else {
        let (mut send, conn) = hyper::client::conn::http1::handshake(io)
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(conn);
        let req = Request::get(path)
            .header("host", host)
            .header("user-agent", "selftest/1")
            .body(Empty::<Bytes>::new())
            .expect("request");
        send.send_request(req).await.map_err(|e| e.to_string())?
    };
    let status = response.status().as_u16();
    let version = response.version();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok(Got {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
        version,
    })
}

async fn https_get(
    addr: SocketAddr,
    name: &str,
    cas: &[&TestCa],
    alpn: &[&str],
    path: &str,
) -> Result<Got, String> {
    let stream = tls_connect(addr, name, cas, alpn)
        .await
        .map_err(|e| e.to_string())?;
    get(stream, name, path).await
}

fn edge_with_defaults(trusted: &TestCa) -> EdgeConfig {
    EdgeConfig::new(trusted.leaf(&["localhost"], &[LOCALHOST]))
        .cert("chatgpt.com", trusted.leaf(&["chatgpt.com"], &[]))
}

fn have(tool: &str) -> bool {
    std::process::Command::new(tool)
        .arg("-v")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

// ---------------------------------------------------------------- pki

#[test]
fn pki_leaves_verify_as_intended() {
    let trusted = TestCa::new("selftest trusted");
    let untrusted = TestCa::new("selftest untrusted");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls::client::WebPkiServerVerifier::builder_with_provider(roots(&[&trusted]), provider)
        .build()
        .expect("verifier");
    let name = ServerName::try_from("chatgpt.com").expect("name");
    let verify = |leaf: &super::pki::Leaf, name: &ServerName<'_>| {
        use rustls::client::danger::ServerCertVerifier;
        verifier
            .verify_server_cert(&leaf.chain[0], &leaf.chain[1..], name, &[], UnixTime::now())
            .map(|_| ())
    };
    let cert_err = |r: Result<(), rustls::Error>| match r {
        Err(rustls::Error::InvalidCertificate(e)) => e,
        other => panic!("expected a certificate error, got {other:?}"),
    };

    verify(&trusted.leaf(&["chatgpt.com"], &[]), &name).expect("normal leaf verifies");
    assert!(matches!(
        cert_err(verify(
            &trusted.leaf_with(&["chatgpt.com"], &[], Validity::Expired),
            &name
        )),
        CertificateError::Expired | CertificateError::ExpiredContext { .. }
    ));
    assert!(matches!(
        cert_err(verify(
            &trusted.leaf_with(&["chatgpt.com"], &[], Validity::NotYetValid),
            &name
        )),
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. }
    ));
    assert_eq!(
        cert_err(verify(&untrusted.leaf(&["chatgpt.com"], &[]), &name)),
        CertificateError::UnknownIssuer
    );
    assert!(matches!(
        cert_err(verify(&trusted.leaf(&["wrong.example"], &[]), &name)),
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
    ));
    let ip = ServerName::IpAddress(LOCALHOST.into());
    verify(&trusted.leaf(&[], &[LOCALHOST]), &ip).expect("IP SAN verifies");

    let inter = trusted.intermediate("selftest intermediate");
    let leaf = inter.leaf(&["chatgpt.com"], &[]);
    assert_eq!(leaf.chain.len(), 2);
    verify(&leaf, &name).expect("leaf via intermediate verifies");
    assert_eq!(
        cert_err(verify(&leaf.without_intermediates(), &name)),
        CertificateError::UnknownIssuer
    );

    // PEM round trips.
    assert_eq!(
        CertificateDer::from_pem_slice(trusted.cert_pem().as_bytes()).expect("CA PEM"),
        trusted.cert_der()
    );
    let chain: Vec<_> = CertificateDer::pem_slice_iter(leaf.chain_pem().as_bytes())
        .collect::<Result<_, _>>()
        .expect("chain PEM");
    assert_eq!(chain, leaf.chain);
    let key = PrivateKeyDer::from_pem_slice(leaf.key_pem().as_bytes()).expect("key PEM");
    assert_eq!(key.secret_der(), leaf.key_der().secret_der());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = trusted.write_pem(dir.path());
    assert_eq!(
        std::fs::read_to_string(path).expect("read PEM"),
        trusted.cert_pem()
    );
}

// ---------------------------------------------------------------- dns

fn dns_query(id: u16, name: &str, qtype: RecordType) -> Vec<u8> {
    let mut msg = Message::query();
    msg.metadata.id = id;
    msg.metadata.recursion_desired = true;
    msg.add_query(Query::query(Name::from_ascii(name).expect("name"), qtype));
    msg.to_vec().expect("encode query")
}

/// One UDP exchange; `None` on timeout.
fn udp_ask(server: SocketAddr, name: &str, qtype: RecordType, wait: Duration) -> Option<Vec<u8>> {
    let sock = std::net::UdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind");
    sock.set_read_timeout(Some(wait)).expect("timeout");
    let id = 0x4242;
    sock.send_to(&dns_query(id, name, qtype), server).expect("send");
    let mut buf = [0u8; 4096];
    match sock.recv_from(&mut buf) {
        Ok((n, _)) => Some(buf[..n].to_vec()),
        Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => None,
        Err(e) => panic!("recv: {e}"),
    }
}

fn ask(server: SocketAddr, name: &str, qtype: RecordType) -> Message {
    let bytes = udp_ask(server, name, qtype, Duration::from_secs(2)).expect("a reply");
    Message::from_vec(&bytes).expect("a DNS message")
}

fn addrs_of(msg: &Message) -> Vec<IpAddr> {
    msg.answers
        .iter()
        .filter_map(|r| match &r.data {
            RData::A(a) => Some(IpAddr::V4(a.0)),
            RData::AAAA(a) => Some(IpAddr::V6(a.0)),
            _ => None,
        })
        .collect()
}

#[test]
fn dns_answers_each_rule_over_udp() {
    let v6: IpAddr = "2001::1".parse().expect("v6");
    let dns = DnsFixture::start(
        DnsRules::new()
            .with("Chatgpt.com.", DnsAnswer::localhost())
            .with("dual.test", DnsAnswer::Addrs(vec![LOCALHOST, v6]))
            .with("servfail.test", DnsAnswer::ServFail)
            .with("refused.test", DnsAnswer::Refused)
            .with("drop.test", DnsAnswer::Drop)
            .with("garbage.test", DnsAnswer::Garbage)
            .with(
                "slow.test",
                DnsAnswer::localhost().delayed(Duration::from_millis(400)),
            ),
    );
    let server = dns.addr();

    let a = ask(server, "CHATGPT.com.", RecordType::A);
    assert_eq!(a.metadata.id, 0x4242);
    assert_eq!(a.metadata.response_code, ResponseCode::NoError);
    assert_eq!(addrs_of(&a), vec![LOCALHOST]);
    assert_eq!(a.answers[0].ttl, 60);
    assert_eq!(a.queries.len(), 1, "question echoed");

    let aaaa = ask(server, "chatgpt.com.", RecordType::AAAA);
    assert_eq!(aaaa.metadata.response_code, ResponseCode::NoError);
    assert!(aaaa.answers.is_empty(), "NODATA for the family without addresses");

    assert_eq!(
        addrs_of(&ask(server, "dual.test.", RecordType::A)),
        vec![LOCALHOST]
    );
    assert_eq!(addrs_of(&ask(server, "dual.test.", RecordType::AAAA)), vec![v6]);

    for (name, code) in [
        ("unknown.test.", ResponseCode::NXDomain),
        ("servfail.test.", ResponseCode::ServFail),
        ("refused.test.", ResponseCode::Refused),
    ] {
        assert_eq!(
            ask(server, name, RecordType::A).metadata.response_code,
            code,
            "{name}"
        );
    }

    assert!(udp_ask(server, "drop.test.", RecordType::A, Duration::from_millis(500)).is_none());

    let garbage =
        udp_ask(server, "garbage.test.", RecordType::A, Duration::from_secs(2)).expect("garbage reply");
    assert_eq!(&garbage[..2], &0x4242u16.to_be_bytes(), "echoes the ID");
    assert!(Message::from_vec(&garbage).is_err(), "does not parse");

    let started = Instant::now();
    assert_eq!(
        addrs_of(&ask(server, "slow.test.", RecordType::A)),
        vec![LOCALHOST]
    );
    assert!(started.elapsed() >= Duration::from_millis(380));

    assert_eq!(dns.queries("chatgpt.com"), 2);
    assert_eq!(dns.queries_of_type("chatgpt.com", "AAAA"), 1);
    assert_eq!(dns.queries("drop.test"), 1);
    assert_eq!(dns.queries("never.asked"), 0);

    dns.set("unknown.test", DnsAnswer::addrs(&["192.0.2.1"]));
    assert_eq!(
        addrs_of(&ask(server, "unknown.test.", RecordType::A)),
        vec![IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))]
    );
}

#[test]
fn dns_answers_over_tcp_on_the_same_port() {
    let dns = DnsFixture::start(DnsRules::new().with("chatgpt.com", DnsAnswer::localhost()));
    rt().block_on(async {
        let mut tcp = TcpStream::connect(dns.addr()).await.expect("TCP connect");
        for _ in 0..2 {
            let q = dns_query(7, "chatgpt.com.", RecordType::A);
            let mut framed = u16::try_from(q.len()).expect("len").to_be_bytes().to_vec();
            framed.extend_from_slice(&q);
            tcp.write_all(&framed).await.expect("write");
            let len = tokio::time::timeout(Duration::from_secs(2), tcp.read_u16())
                .await
                .expect("reply in time")
                .expect("length");
            let mut buf = vec![0u8; usize::from(len)];
            tcp.read_exact(&mut buf).await.expect("body");
            assert_eq!(
                addrs_of(&Message::from_vec(&buf).expect("message")),
                vec![LOCALHOST]
            );
        }
    });
    assert_eq!(dns.log().iter().filter(|q| q.tcp).count(), 2);
}

#[test]
fn dns_answers_dig() {
    if !have("dig") {
        eprintln!("dig not installed; skipped");
        return;
    }
    let dns = DnsFixture::start(
        DnsRules::new()
            .with("chatgpt.com", DnsAnswer::localhost())
            .with("v6.test", DnsAnswer::addrs(&["::1"])),
    );
    let dig = |args: &[&str]| {
        let out = std::process::Command::new("dig")
            .args(["@127.0.0.1", "-p", &dns.port().to_string(), "+tries=1", "+time=2"])
            .args(args)
            .output()
            .expect("run dig");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(dig(&["chatgpt.com", "A", "+short"]).trim(), "127.0.0.1");
    assert_eq!(dig(&["chatgpt.com", "A", "+short", "+tcp"]).trim(), "127.0.0.1");
    assert_eq!(dig(&["v6.test", "AAAA", "+short"]).trim(), "::1");
    assert!(dig(&["nope.test", "A"]).contains("status: NXDOMAIN"));
    let dropping = DnsFixture::start_dropping_all();
    let out = std::process::Command::new("dig")
        .args([
            "@127.0.0.1",
            "-p",
            &dropping.port().to_string(),
            "+tries=1",
            "+time=1",
        ])
        .arg("chatgpt.com")
        .output()
        .expect("run dig");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("timed out"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(dropping.queries("chatgpt.com"), 1);
}

/// The resolver the binary uses, pointed at the fixture (UDP then TCP, 1 attempt, 700 ms).
fn hickory(server: SocketAddr) -> hickory_resolver::TokioResolver {
    use hickory_resolver::config::{NameServerConfig, ResolverConfig};
    let mut ns = NameServerConfig::udp_and_tcp(server.ip());
    for conn in &mut ns.connections {
        conn.port = server.port();
    }
    let mut builder = hickory_resolver::Resolver::builder_with_config(
        ResolverConfig::from_name_servers(vec![ns]),
        hickory_resolver::net::runtime::TokioRuntimeProvider::default(),
    );
    let opts = builder.options_mut();
    opts.timeout = Duration::from_millis(700);
    opts.attempts = 1;
    opts.cache_size = 0;
    builder.build().expect("resolver")
}

#[test]
fn dns_fixture_works_with_hickory_resolver() {
    let dns = DnsFixture::start(
        DnsRules::new()
            .with(
                "chatgpt.com",
                DnsAnswer::Addrs(vec![LOCALHOST, IpAddr::V6(Ipv6Addr::LOCALHOST)]),
            )
            .with("drop.test", DnsAnswer::Drop)
            .with("servfail.test", DnsAnswer::ServFail)
            .with("garbage.test", DnsAnswer::Garbage),
    );
    rt().block_on(async {
        let resolver = hickory(dns.addr());
        let mut ips: Vec<IpAddr> = resolver
            .lookup_ip("chatgpt.com.")
            .await
            .expect("lookup")
            .iter()
            .collect();
        ips.sort();
        assert_eq!(ips, vec![LOCALHOST, IpAddr::V6(Ipv6Addr::LOCALHOST)]);

        let err = resolver.lookup_ip("nxdomain.test.").await.expect_err("NXDOMAIN");
        assert!(err.is_nx_domain(), "{err:?}");

        for name in ["drop.test.", "servfail.test.", "garbage.test."] {
            let started = Instant::now();
            let err = tokio::time::timeout(Duration::from_secs(10), resolver.lookup_ip(name))
                .await
                .expect("the resolver gives up in time")
                .expect_err(name);
            eprintln!("hickory on {name}: {err} ({:?})", started.elapsed());
        }
    });
    assert!(dns.queries("chatgpt.com") >= 2, "A and AAAA");
    assert!(dns.queries("drop.test") >= 1);
}

// ---------------------------------------------------------------- edge

#[test]
fn edge_picks_certificate_by_sni_and_serves_h1_and_h2() {
    let trusted = TestCa::new("selftest trusted");
    let untrusted = TestCa::new("selftest untrusted");
    let edge = EdgeFixture::start(
        edge_with_defaults(&trusted).cert("api.openai.com", untrusted.leaf(&["api.openai.com"], &[])),
    );
    let addr = edge.addr();
    rt().block_on(async {
        for alpn in [&["h2", "http/1.1"][..], &["http/1.1"][..]] {
            let got = https_get(addr, "chatgpt.com", &[&trusted], alpn, "/cdn-cgi/trace")
                .await
                .expect("trace");
            assert_eq!(got.status, 200);
            assert!(got.body.contains("h=chatgpt.com\n"), "{}", got.body);
            assert!(got.body.contains("loc=DE\n"));
            let expected_http = if alpn.len() == 2 {
                "http=http/2"
            } else {
                "http=http/1.1"
            };
            assert!(got.body.contains(expected_http), "{}", got.body);
            assert_eq!(
                got.version,
                if alpn.len() == 2 {
                    hyper::Version::HTTP_2
                } else {
                    hyper::Version::HTTP_11
                }
            );
            let challenge = https_get(addr, "chatgpt.com", &[&trusted], alpn, "/")
                .await
                .expect("challenge");
            assert_eq!(challenge.status, 403);
            assert_eq!(challenge.headers["cf-mitigated"], "challenge");
            assert!(challenge.body.contains("Just a moment..."));
        }

        // The untrusted leaf for api.openai.com fails against the trusted root…
        let err = tls_connect(addr, "api.openai.com", &[&trusted], &["h2"])
            .await
            .expect_err("untrusted chain");
        assert_eq!(
            rustls_error(&err),
            Some(&rustls::Error::InvalidCertificate(
                CertificateError::UnknownIssuer
            )),
            "{err}"
        );
        // …and is the right one for its own root.
        let got = https_get(addr, "api.openai.com", &[&untrusted], &["h2"], "/v1/models")
            .await
            .expect("401");
        assert_eq!(got.status, 401);
        assert!(got.headers.contains_key("x-request-id"));

        // No SNI (IP literal): the default leaf with IP SAN 127.0.0.1.
        let got = https_get(addr, "127.0.0.1", &[&trusted], &["http/1.1"], "/")
            .await
            .expect("IP-literal control");
        assert_eq!((got.status, got.body.as_str()), (200, "ok\n"));

        // An SNI without its own certificate gets the default leaf: a name mismatch.
        let err = tls_connect(addr, "auth.openai.com", &[&trusted], &["h2"])
            .await
            .expect_err("name mismatch");
        assert!(
            matches!(
                rustls_error(&err),
                Some(rustls::Error::InvalidCertificate(
                    CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. }
                ))
            ),
            "{err}"
        );
    });
    assert_eq!(edge.hits("chatgpt.com"), 4);
    assert_eq!(edge.hits("api.openai.com"), 1);
    assert_eq!(edge.hits("127.0.0.1"), 1);
    assert_eq!(edge.total_hits(), 6);
    assert_eq!(edge.connections(Some("chatgpt.com")), 4);
    assert_eq!(edge.connections(None), 1);
    let reqs = edge.requests();
    assert_eq!(reqs[0].sni.as_deref(), Some("chatgpt.com"));
    assert!(reqs.iter().all(|r| r.tls));
}

#[test]
fn edge_behaviours_fail_as_named() {
    let trusted = TestCa::new("selftest trusted");
    let mut config = edge_with_defaults(&trusted);
    for (name, behaviour) in [
        ("reset.test", Behaviour::ResetOnClientHello),
        ("hang.test", Behaviour::HangAfterAccept),
        ("close.test", Behaviour::CloseAfterHandshake),
        ("rst-late.test", Behaviour::ResetAfterHandshake),
        ("slow.test", Behaviour::SlowHandshake(Duration::from_millis(600))),
    ] {
        config = config
            .cert(name, trusted.leaf(&[name], &[]))
            .behaviour(name, behaviour);
    }
    let edge = EdgeFixture::start(config);
    let addr = edge.addr();
    rt().block_on(async {
        let err = tls_connect(addr, "reset.test", &[&trusted], &["h2"])
            .await
            .expect_err("reset");
        assert_eq!(err.kind(), io::ErrorKind::ConnectionReset, "{err}");

        let hang = tokio::time::timeout(
            Duration::from_secs(1),
            tls_connect(addr, "hang.test", &[&trusted], &["h2"]),
        )
        .await;
        assert!(hang.is_err(), "handshake should hang");

        let stream = tls_connect(addr, "close.test", &[&trusted], &["http/1.1"])
            .await
            .expect("handshake completes");
        let err = get(stream, "close.test", "/").await.err().expect("no response");
        assert!(!err.is_empty());

        let mut stream = tls_connect(addr, "rst-late.test", &[&trusted], &["http/1.1"])
            .await
            .expect("handshake completes");
        // The RST surfaces on whichever socket call comes first after it arrives (a later
        // read then sees EOF), so accept it on the write or the flush or the read.
        let written = async {
            stream
                .write_all(b"GET / HTTP/1.1\r\nhost: rst-late.test\r\n\r\n")
                .await?;
            stream.flush().await
        }
        .await;
        let outcome = match written {
            Err(e) => Err(e),
            Ok(()) => {
                let mut buf = [0u8; 64];
                tokio::time::timeout(Duration::from_secs(2), stream.read(&mut buf))
                    .await
                    .expect("no hang")
            }
        };
        assert!(
            matches!(&outcome, Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe)),
            "{outcome:?}"
        );

        let started = Instant::now();
        let got = https_get(addr, "slow.test", &[&trusted], &["h2"], "/")
            .await
            .expect("slow but fine");
        assert_eq!(got.status, 200);
        assert!(started.elapsed() >= Duration::from_millis(600));
    });
    assert_eq!(edge.connections(Some("reset.test")), 1);
    assert_eq!(edge.connections(Some("hang.test")), 1);
    assert_eq!(edge.hits("close.test"), 0);
}

#[test]
fn edge_special_bodies() {
    let trusted = TestCa::new("selftest trusted");
    let routes = Routes::new()
        .on(
            "chatgpt.com",
            "/endless",
            ResponseSpec::new(200).with_body(Body::Endless),
        )
        .on(
            "chatgpt.com",
            "/trickle",
            ResponseSpec::new(200).with_body(Body::Trickle),
        )
        .on(
            "chatgpt.com",
            "/huge",
            ResponseSpec::new(200).with_body(Body::HugeHeaders(1 << 20)),
        )
        .on(
            "chatgpt.com",
            "/late",
            replay::plain_ok().delayed(Duration::from_millis(500)),
        );
    let edge = EdgeFixture::start(edge_with_defaults(&trusted).router(routes.into_router()));
    let addr = edge.addr();
    rt().block_on(async {
        for alpn in ["h2", "http/1.1"] {
            // Endless: keeps coming well past 1 MiB.
            let stream = tls_connect(addr, "chatgpt.com", &[&trusted], &[alpn])
                .await
                .expect("tls");
            let io = TokioIo::new(stream);
            let mut body = if alpn == "h2" {
                let (mut send, conn) = hyper::client::conn::http2::handshake(TokioExecutor::new(), io)
                    .await
                    .expect("h2");
                tokio::spawn(conn);
                let req = Request::get("https://chatgpt.com/endless")
                    .body(Empty::<Bytes>::new())
                    .expect("req");
                send.send_request(req).await.expect("response").into_body()
            } else {
                let (mut send, conn) = hyper::client::conn::http1::handshake(io).await.expect("h1");
                tokio::spawn(conn);
                let req = Request::get("/endless")
                    .header("host", "chatgpt.com")
                    .body(Empty::<Bytes>::new())
                    .expect("req");
                send.send_request(req).await.expect("response").into_body()
            };
            let mut total = 0usize;
            let read = tokio::time::timeout(Duration::from_secs(10), async {
                while total < 2 << 20 {
                    match body.frame().await {
                        Some(Ok(frame)) => {
                            total += frame.data_ref().map_or(0, Bytes::len);
                        }
                        other => panic!("endless body ended: {:?}", other.map(|r| r.is_ok())),
                    }
                }
            })
            .await;
            assert!(read.is_ok(), "{alpn}: only {total} bytes in 10 s");
        }

        // Trickle: head at once, one byte a second.
        let stream = tls_connect(addr, "chatgpt.com", &[&trusted], &["http/1.1"])
            .await
            .expect("tls");
        let (mut send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("h1");
        tokio::spawn(conn);
        let started = Instant::now();
        let req = Request::get("/trickle")
            .header("host", "chatgpt.com")
            .body(Empty::<Bytes>::new())
            .expect("req");
        let response = send.send_request(req).await.expect("head");
        assert!(started.elapsed() < Duration::from_millis(500), "head is prompt");
        let mut body = response.into_body();
        let mut bytes = 0;
        while bytes < 2 {
            if let Some(Ok(f)) = body.frame().await {
                bytes += f.data_ref().map_or(0, Bytes::len);
            }
        }
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(1900) && took < Duration::from_secs(4),
            "2 bytes took {took:?}"
        );

        // Huge headers: an HTTP/1.1 client refuses them.
        let err = https_get(addr, "chatgpt.com", &[&trusted], &["http/1.1"], "/huge")
            .await
            .err()
            .expect("huge head is refused");
        assert!(!err.is_empty());

        let started = Instant::now();
        let got = https_get(addr, "chatgpt.com", &[&trusted], &["h2"], "/late")
            .await
            .expect("late");
        assert_eq!(got.status, 200);
        assert!(started.elapsed() >= Duration::from_millis(500));
    });
}

#[test]
fn edge_serves_curl() {
    if !have("curl") {
        eprintln!("curl not installed; skipped");
        return;
    }
    let trusted = TestCa::new("selftest trusted");
    let untrusted = TestCa::new("selftest untrusted");
    let edge = EdgeFixture::start(
        edge_with_defaults(&trusted).cert("api.openai.com", untrusted.leaf(&["api.openai.com"], &[])),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let ca = trusted.write_pem(dir.path());
    let port = edge.port();
    let curl = |host: &str, path: &str, extra: &[&str]| {
        std::process::Command::new("curl")
            .args(["-sS", "--max-time", "5", "--cacert"])
            .arg(&ca)
            .arg("--resolve")
            .arg(format!("{host}:{port}:127.0.0.1"))
            .args(extra)
            .arg(format!("https://{host}:{port}{path}"))
            .output()
            .expect("run curl")
    };
    for (flag, http) in [("--http2", "http=http/2"), ("--http1.1", "http=http/1.1")] {
        let out = curl("chatgpt.com", "/cdn-cgi/trace", &[flag]);
        let body = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(body.contains("h=chatgpt.com") && body.contains(http), "{body}");
    }
    let out = curl("api.openai.com", "/v1/models", &[]);
    assert_eq!(out.status.code(), Some(60), "curl: untrusted chain is exit 60");
    let out = curl("chatgpt.com", "/", &["-o", "/dev/null", "-w", "%{http_code}"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "403");
}

#[test]
fn plain_http_fixture_serves_the_same_router() {
    let http = PlainHttpFixture::start_default();
    let addr = http.addr();
    rt().block_on(async {
        let mut tcp = TcpStream::connect(addr).await.expect("connect");
        tcp.write_all(b"GET / HTTP/1.1\r\nHost: control.test\r\nConnection: close\r\n\r\n")
            .await
            .expect("write");
        let mut out = String::new();
        tokio::time::timeout(Duration::from_secs(2), tcp.read_to_string(&mut out))
            .await
            .expect("in time")
            .expect("read");
        assert!(out.starts_with("HTTP/1.1 200"), "{out}");
        assert!(out.ends_with("\r\n\r\nok\n"), "{out}");

        // HTTP/2 with prior knowledge.
        let tcp = TcpStream::connect(addr).await.expect("connect");
        let (mut send, conn) = hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(tcp))
            .await
            .expect("h2c");
        tokio::spawn(conn);
        let req = Request::get("http://status.openai.com/api/v2/status.json")
            .body(Empty::<Bytes>::new())
            .expect("req");
        let response = send.send_request(req).await.expect("response");
        let body = response.into_body().collect().await.expect("body").to_bytes();
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(json["status"]["indicator"], "none");
    });
    assert_eq!(http.hits("control.test"), 1);
    assert_eq!(http.hits("status.openai.com"), 1);
    assert!(!http.requests()[0].tls);
}

#[test]
fn blackhole_connect_times_out() {
    let hole = BlackholeListener::start();
    for _ in 0..2 {
        let err = std::net::TcpStream::connect_timeout(&hole.addr(), Duration::from_millis(700))
            .expect_err("must not connect");
        assert_eq!(err.kind(), io::ErrorKind::TimedOut, "{err}");
    }
    rt().block_on(async {
        let r = tokio::time::timeout(Duration::from_millis(700), TcpStream::connect(hole.addr())).await;
        assert!(r.is_err(), "tokio connect should still be pending: {r:?}");
    });
}

#[test]
fn fixtures_stop_promptly_when_dropped() {
    let trusted = TestCa::new("selftest trusted");
    let edge = EdgeFixture::start(
        edge_with_defaults(&trusted)
            .behaviour("hang.test", Behaviour::HangAfterAccept)
            .router(
                Routes::new()
                    .on(
                        "chatgpt.com",
                        "/endless",
                        ResponseSpec::new(200).with_body(Body::Endless),
                    )
                    .into_router(),
            )
            .ipv6(true),
    );
    let addr = edge.addr();
    let v6 = edge.addr_v6().expect("[::1] listener");
    assert_eq!(v6.ip(), IpAddr::V6(Ipv6Addr::LOCALHOST));
    assert_eq!(v6.port(), addr.port());
    let dns = DnsFixture::start_dropping_all();
    let dns_addr = dns.addr();
    let runtime = rt();
    // Leave a hanging handshake and an endless body open, then drop.
    let (hang, endless) = runtime.block_on(async {
        let hang = TcpStream::connect(addr).await.expect("connect");
        let config = client_config(&[&trusted], &["h2"]);
        let hang_tls = tokio::spawn(async move {
            TlsConnector::from(config)
                .connect(ServerName::try_from("hang.test").expect("name"), hang)
                .await
                .map(|_| ())
        });
        let stream = tls_connect(v6, "chatgpt.com", &[&trusted], &["http/1.1"])
            .await
            .expect("tls over ::1");
        let (mut send, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("h1");
        let conn = tokio::spawn(conn);
        let req = Request::get("/endless")
            .header("host", "chatgpt.com")
            .body(Empty::<Bytes>::new())
            .expect("req");
        let response = send.send_request(req).await.expect("head");
        let mut body = response.into_body();
        let first = body.frame().await;
        assert!(matches!(first, Some(Ok(_))));
        (hang_tls, (conn, body))
    });
    let started = Instant::now();
    drop(edge);
    drop(dns);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "drop took {took:?}");
    // The listeners are gone.
    let err = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(1)).expect_err("closed");
    assert_eq!(err.kind(), io::ErrorKind::ConnectionRefused);
    // The open body ends (error or EOF) instead of streaming on.
    runtime.block_on(async {
        let (_conn, mut body) = endless;
        let ended = tokio::time::timeout(Duration::from_secs(3), async {
            while let Some(Ok(_)) = body.frame().await {}
        })
        .await;
        assert!(ended.is_ok(), "endless body still streaming after drop");
        // The hanging handshake is cut off too.
        let hung = tokio::time::timeout(Duration::from_secs(3), hang)
            .await
            .expect("hanging handshake ends after drop")
            .expect("task");
        assert!(hung.is_err(), "{hung:?}");
    });
    // The DNS port is free again: binding it works.
    std::net::UdpSocket::bind(dns_addr).expect("DNS port released");
}

// ---------------------------------------------------------------- replay

#[test]
fn default_router_serves_the_reference_answers() {
    let route = replay::default_route;
    let r = route(&RequestInfo::get("chatgpt.com", "/"));
    assert_eq!(r.status, 403);
    assert_eq!(r.header_value("cf-mitigated"), Some("challenge"));
    assert_eq!(r.header_value("server"), Some("cloudflare"));
    assert_eq!(r.header_value("cf-ray"), Some(replay::CF_RAY));

    let r = route(&RequestInfo::get("chatgpt.com", "/cdn-cgi/trace"));
    let text = r.body_text();
    for key in [
        "fl=",
        "h=chatgpt.com",
        "ip=203.0.113.7",
        "ts=",
        "visit_scheme=https",
        "uag=",
        "colo=FRA",
        "sliver=none",
        "http=http/1.1",
        "loc=DE",
        "tls=TLSv1.3",
        "sni=plaintext",
        "warp=off",
        "gateway=off",
        "rbi=off",
        "kex=X25519",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(key)),
            "{key} missing in {text}"
        );
    }

    for host in ["ios.chat.openai.com", "android.chat.openai.com"] {
        let r = route(&RequestInfo::get(host, "/public-api/mobile/server_status/v1"));
        assert_eq!(r.status, 403);
        let json: serde_json::Value = serde_json::from_str(&r.body_text()).expect("json");
        assert_eq!(json["type"], "dc");
    }

    let r = route(&RequestInfo::get("api.openai.com", "/v1/models"));
    assert_eq!(r.status, 401);
    assert_eq!(r.header_value("content-type"), Some("application/json"));
    assert!(r.header_value("x-request-id").is_some());
    assert!(r.header_value("openai-version").is_some());
    let json: serde_json::Value = serde_json::from_str(&r.body_text()).expect("json");
    assert_eq!(json["error"]["type"], "invalid_request_error");
    assert_eq!(json["error"]["code"], serde_json::Value::Null);
    assert_eq!(json["error"]["param"], serde_json::Value::Null);
    assert!(
        json["error"]["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("You didn't provide an API key")
    );
    let body = r.body_text();
    let pos = |k: &str| body.find(&format!("\"{k}\"")).unwrap_or(usize::MAX);
    assert!(pos("message") < pos("type") && pos("type") < pos("param") && pos("param") < pos("code"));

    let mut with_key = RequestInfo::get("api.openai.com", "/v1/models");
    with_key.headers.push((
        "authorization".into(),
        format!("Bearer {}", replay::VALID_API_KEY),
    ));
    assert_eq!(route(&with_key).status, 200);
    with_key.headers[0].1 = "Bearer sk-wrong".into();
    let r = route(&with_key);
    assert_eq!(r.status, 401);
    assert!(r.body_text().contains("invalid_api_key"));

    assert_eq!(route(&RequestInfo::get("auth.openai.com", "/")).status, 200);
    assert_eq!(route(&RequestInfo::get("cdn.oaistatic.com", "/")).status, 404);
    assert_eq!(
        route(&RequestInfo::get("cdn.oaistatic.com", "/assets/app.js")).status,
        200
    );

    let r = route(&RequestInfo::get("status.openai.com", "/api/v2/status.json"));
    assert_eq!(r.status, 200);
    let json: serde_json::Value = serde_json::from_str(&r.body_text()).expect("json");
    assert_eq!(json["status"]["indicator"], "none");
    assert_eq!(json["components"][0]["name"], "Responses");
    assert_eq!(
        route(&RequestInfo::get(
            "status.openai.com",
            "/api/v2/incidents/unresolved.json"
        ))
        .status,
        404
    );

    assert_eq!(route(&RequestInfo::get("control.test", "/")).body_text(), "ok\n");
    assert_eq!(route(&RequestInfo::get("127.0.0.1", "/")).status, 200);
}

#[test]
fn replayed_error_shapes() {
    let body = replay::status_page_body("minor");
    assert_eq!(
        body,
        json!({"page":{"id":"fixture","name":"OpenAI","url":"https://status.openai.com","updated_at":"2026-07-10T10:30:00Z"},
               "status":{"indicator":"minor","description":"Partially Degraded Service"},
               "components":[{"id":"fx-1","name":"Responses","status":"operational"},
                             {"id":"fx-2","name":"Conversations","status":"degraded_performance"}]}),
        "matches Statuspage's documented format"
    );
    for code in 520..=526 {
        let r = replay::edge_52x(code);
        assert_eq!(r.status, code);
        assert!(r.header_value("x-request-id").is_none());
        assert_eq!(r.header_value("cf-error-type"), Some("origin"));
        assert!(r.body_text().contains(&format!("Error code {code}")));
    }
    let r = replay::openai_5xx(503);
    assert_eq!(r.status, 503);
    assert!(r.header_value("x-request-id").is_some());
    assert!(r.body_text().contains("\"server_error\""));
    assert!(
        replay::openai_region_blocked()
            .body_text()
            .contains("unsupported_country_region_territory")
    );
    assert_eq!(
        replay::cf_trace("CN")
            .body_text()
            .lines()
            .find(|l| l.starts_with("loc=")),
        Some("loc=CN")
    );

    let routes = Routes::new()
        .on("api.openai.com", "/v1/models", replay::openai_5xx(500))
        .on_host("chatgpt.com", replay::edge_52x(522));
    assert_eq!(
        routes
            .route(&RequestInfo::get("api.openai.com", "/v1/models"))
            .status,
        500
    );
    assert_eq!(
        routes
            .route(&RequestInfo::get("chatgpt.com", "/cdn-cgi/trace"))
            .status,
        522
    );
    assert_eq!(
        routes.route(&RequestInfo::get("auth.openai.com", "/")).status,
        200
    );
}

// ---------------------------------------------------------------- run / world

#[test]
fn world_wires_dns_edge_and_ca() {
    let world = World::builder()
        .dns("api.openai.com", DnsAnswer::ServFail)
        .untrusted_cert("auth.openai.com")
        .behaviour("cdn.oaistatic.com", Behaviour::ResetOnClientHello)
        .route("chatgpt.com", "/cdn-cgi/trace", replay::cf_trace("CN"))
        .start();
    let args = world.args();
    let dns_port = world.dns.port();
    let edge_port = world.edge.port();
    assert_eq!(
        args,
        vec![
            "--dns-server".to_owned(),
            format!("127.0.0.1:{dns_port}"),
            "--connect-to".into(),
            format!(":443::{edge_port}"),
            "--cacert".into(),
            world.ca_path().display().to_string(),
            "--control".into(),
            "https://control.test/".into(),
            "--control".into(),
            format!("https://127.0.0.1:{edge_port}/"),
            "--timeout".into(),
            "2".into(),
            "--max-time".into(),
            "20".into(),
            "--doh-url".into(),
            world.doh.url(),
        ]
    );
    let pem = std::fs::read(world.ca_path()).expect("CA file");
    let ca = CertificateDer::from_pem_slice(&pem).expect("PEM");
    assert_eq!(ca, world.trusted_ca.cert_der());

    for host in replay::OPENAI_HOSTS.iter().chain(&["control.test"]) {
        let reply = ask(world.dns.addr(), &format!("{host}."), RecordType::A);
        if *host == "api.openai.com" {
            assert_eq!(reply.metadata.response_code, ResponseCode::ServFail);
        } else {
            assert_eq!(addrs_of(&reply), vec![LOCALHOST], "{host}");
        }
    }
    let addr = world.edge.addr();
    rt().block_on(async {
        for host in replay::OPENAI_HOSTS.iter().chain(&["control.test"]) {
            let result = https_get(addr, host, &[&world.trusted_ca], &["h2", "http/1.1"], "/").await;
            match *host {
                "auth.openai.com" => assert!(result.is_err(), "untrusted cert for {host}"),
                "cdn.oaistatic.com" => assert!(result.is_err(), "reset for {host}"),
                _ => {
                    result.unwrap_or_else(|e| panic!("{host}: {e}"));
                }
            }
        }
        let got = https_get(addr, "auth.openai.com", &[&world.untrusted_ca], &["h2"], "/")
            .await
            .expect("untrusted CA signs auth");
        assert_eq!(got.status, 200);
        let got = https_get(
            addr,
            "chatgpt.com",
            &[&world.trusted_ca],
            &["h2"],
            "/cdn-cgi/trace",
        )
        .await
        .expect("trace");
        assert!(got.body.contains("loc=CN"));
        let got = https_get(addr, "127.0.0.1", &[&world.trusted_ca], &["h2"], "/")
            .await
            .expect("IP control");
        assert_eq!(got.body, "ok\n");
    });
    assert_eq!(world.edge.hits("control.test"), 1);
}

#[test]
fn schema_validation_reports_every_violation() {
    let schema = json!({
        "type": "object",
        "required": ["schema_version", "verdict"],
        "properties": {
            "schema_version": {"type": "integer"},
            "verdict": {"type": "object", "required": ["layer"], "properties": {"layer": {"enum": ["none", "path"]}}}
        }
    });
    let validator = jsonschema::validator_for(&schema).expect("schema");
    assert!(
        run::validate_with(
            &validator,
            &json!({"schema_version": 1, "verdict": {"layer": "none"}})
        )
        .is_ok()
    );
    let err = run::validate_with(
        &validator,
        &json!({"schema_version": "1", "verdict": {"layer": "moon"}}),
    )
    .expect_err("two violations");
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(err.contains("/verdict/layer"), "{err}");
    // The real schema, when it exists, must at least compile.
    let _ = run::validate_report(&json!({}));
}

#[test]
fn doctor_command_points_at_the_built_binary() {
    assert!(std::path::Path::new(run::BIN).exists(), "{} missing", run::BIN);
    let outcome = run::Outcome {
        code: 0,
        stdout: String::new(),
        stderr: String::new(),
        json: json!({"verdict": {"layer": "none", "cause": "healthy"},
                      "targets": [{"name": "chatgpt.com", "stages": [{"stage": "tls", "status": "fail", "failure": "ssl_unknown_authority"}]}]}),
    };
    assert_eq!(outcome.layer(), Some("none"));
    assert_eq!(outcome.cause(), Some("healthy"));
    assert_eq!(outcome.stage_status("chatgpt.com", "tls"), Some("fail"));
    assert_eq!(
        outcome.stage_failure("chatgpt.com", "tls"),
        Some("ssl_unknown_authority")
    );
    assert!(outcome.stage("chatgpt.com", "dns").is_none());
}
