//! Fetching PAC files: temporary files, a FIFO, and http(s) servers on 127.0.0.1 (a few lines
//! of tokio each) that answer, redirect, overflow the cap or never answer.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, SanType};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpListener;

use super::super::{FileKind, PacError, PacNote, PacScript, fetch};
use crate::probe::Family;
use crate::probe::dns::Dns;
use crate::probe::plan::{Plan, ProbeTools};
use crate::probe::tls::TlsContext;
use crate::route::ProxySettings;

const SCRIPT: &str = "function FindProxyForURL(url, host) { return 'DIRECT'; }";
const CAP: usize = 1024;
/// Each stage's timeout: longer than the short deadlines below, so the deadline is what ends.
const STAGE_TIMEOUT: Duration = Duration::from_secs(3);

fn plan() -> Plan {
    Plan {
        targets: vec![],
        families: vec![Family::Ipv4],
        resolve: vec![],
        connect_to: vec![],
        timeout: STAGE_TIMEOUT,
        max_time: Duration::from_secs(10),
        status_documents: vec![],
        key_check: None,
        proxies: Arc::new(ProxySettings::default()),
        decided: None,
        doh: vec![],
    }
}

/// A resolver pointed at a loopback port nothing listens on (every URL here is an address),
/// and the trust stores with `extra` added.
fn tools(extra: &[CertificateDer<'static>]) -> ProbeTools {
    ProbeTools {
        dns: Dns::new(Some(SocketAddr::from(([127, 0, 0, 1], 9))), STAGE_TIMEOUT),
        tls: TlsContext::new(extra),
        waits: Default::default(),
    }
}

async fn get(location: &str, deadline: Duration) -> Result<PacScript, PacError> {
    fetch(location, &plan(), &tools(&[]), CAP, Instant::now() + deadline).await
}

// ---- files ----

#[tokio::test]
async fn a_file_is_read_by_path_and_by_file_url() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("proxy.pac");
    std::fs::write(&path, SCRIPT).expect("write");
    let by_path = get(path.to_str().expect("UTF-8 path"), Duration::from_secs(2))
        .await
        .expect("reads");
    assert_eq!(by_path.text, SCRIPT);
    assert_eq!(by_path.bytes, SCRIPT.len());
    assert!(by_path.notes.is_empty());
    assert_eq!(by_path.media_type, None);
    let url = url::Url::from_file_path(&path).expect("file URL");
    let by_url = get(url.as_str(), Duration::from_secs(2)).await.expect("reads");
    assert_eq!(by_url.text, SCRIPT);
}

#[tokio::test]
async fn a_file_over_the_cap_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.pac");
    std::fs::write(&path, "x".repeat(CAP + 1)).expect("write");
    let result = get(path.to_str().expect("UTF-8 path"), Duration::from_secs(2)).await;
    assert_eq!(
        result,
        Err(PacError::TooLarge {
            bytes: CAP as u64 + 1,
            limit: CAP
        })
    );
}

#[tokio::test]
async fn a_latin1_file_is_read_and_noted_and_a_bom_dropped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.pac");
    std::fs::write(
        &path,
        b"// caf\xE9\nfunction FindProxyForURL(u, h) { return 'DIRECT'; }",
    )
    .expect("write");
    let script = get(path.to_str().expect("UTF-8 path"), Duration::from_secs(2))
        .await
        .expect("reads");
    assert!(script.text.starts_with("// café\n"));
    assert_eq!(script.notes, vec![PacNote::NotUtf8]);
    std::fs::write(&path, format!("\u{feff}{SCRIPT}")).expect("write");
    let script = get(path.to_str().expect("UTF-8 path"), Duration::from_secs(2))
        .await
        .expect("reads");
    assert_eq!(script.text, SCRIPT);
    assert!(script.notes.is_empty());
}

#[tokio::test]
async fn a_missing_file_is_unreadable_and_a_directory_is_not_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("missing.pac");
    let result = get(missing.to_str().expect("UTF-8 path"), Duration::from_secs(2)).await;
    assert!(matches!(result, Err(PacError::Unreadable { .. })), "{result:?}");
    let result = get(dir.path().to_str().expect("UTF-8 path"), Duration::from_secs(2)).await;
    assert!(
        matches!(
            result,
            Err(PacError::NotAFile {
                kind: FileKind::Directory,
                ..
            })
        ),
        "{result:?}"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn a_fifo_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("proxy.pac");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let (plan, tools) = (plan(), tools(&[]));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(5);
    let result = fetch(fifo.to_str().expect("UTF-8 path"), &plan, &tools, CAP, deadline).await;
    let took = start.elapsed();
    println!("FIFO refused in {took:?}");
    assert!(
        matches!(
            result,
            Err(PacError::NotAFile {
                kind: FileKind::Fifo,
                ..
            })
        ),
        "{result:?}"
    );
    assert!(took < Duration::from_millis(500), "{took:?}");
    let result = get("/dev/zero", Duration::from_secs(5)).await;
    assert!(
        matches!(
            result,
            Err(PacError::NotAFile {
                kind: FileKind::Device,
                ..
            })
        ),
        "{result:?}"
    );
}

#[tokio::test]
async fn other_schemes_are_not_locations() {
    for location in ["ftp://192.0.2.1/proxy.pac", "", "  ", "data:text/plain,x"] {
        let result = get(location, Duration::from_secs(1)).await;
        assert!(
            matches!(result, Err(PacError::BadLocation { .. })),
            "{location:?}: {result:?}"
        );
    }
    // A Windows drive letter is a path, not a one-letter scheme.
    let result = get(r"C:\proxy\proxy.pac", Duration::from_secs(1)).await;
    assert!(matches!(result, Err(PacError::Unreadable { .. })), "{result:?}");
    assert!(!matches!(result, Err(PacError::BadLocation { .. })));
}

// ---- http(s) ----

/// What the fixture sends for a request path: a whole response, or nothing ever.
type Answer = fn(&str) -> Option<Vec<u8>>;

fn response(status: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

/// Reads the request head (bounded) and answers per `answer`; silence lasts until the test ends.
async fn handle<S: AsyncRead + AsyncWrite + Unpin>(mut stream: S, answer: Answer) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let path = text.split_whitespace().nth(1).unwrap_or("/").to_string();
    match answer(&path) {
        Some(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        None => tokio::time::sleep(Duration::from_secs(30)).await,
    }
}

/// A plain http server on 127.0.0.1.
async fn http_server(answer: Answer) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handle(stream, answer));
        }
    });
    addr
}

fn pac_server(path: &str) -> Option<Vec<u8>> {
    match path {
        "/proxy.pac" => Some(response(
            "200 OK",
            &[("Content-Type", "application/x-ns-proxy-autoconfig")],
            SCRIPT,
        )),
        "/plain.pac" => Some(response(
            "200 OK",
            &[("Content-Type", "text/plain; charset=utf-8")],
            SCRIPT,
        )),
        "/old" => Some(response("302 Found", &[("Location", "/proxy.pac")], "")),
        "/loop" => Some(response("301 Moved Permanently", &[("Location", "/loop")], "")),
        "/elsewhere" => Some(response(
            "302 Found",
            &[("Location", "ftp://192.0.2.1/x.pac")],
            "",
        )),
        "/big.pac" => Some(response("200 OK", &[], &"x".repeat(5000))),
        "/silent.pac" => None,
        _ => Some(response("404 Not Found", &[], "not here")),
    }
}

#[tokio::test]
async fn http_fetch_reads_the_script_and_its_media_type() {
    let addr = http_server(pac_server).await;
    let script = get(&format!("http://{addr}/proxy.pac"), Duration::from_secs(3))
        .await
        .expect("fetches");
    assert_eq!(script.text, SCRIPT);
    assert_eq!(
        script.media_type.as_deref(),
        Some("application/x-ns-proxy-autoconfig")
    );
    assert!(script.notes.is_empty());
    println!("http fetch: {:?}", script.elapsed);
}

#[tokio::test]
async fn another_media_type_is_accepted_but_noted() {
    let addr = http_server(pac_server).await;
    let script = get(&format!("http://{addr}/plain.pac"), Duration::from_secs(3))
        .await
        .expect("fetches");
    assert_eq!(script.text, SCRIPT);
    assert_eq!(
        script.notes,
        vec![PacNote::UnexpectedMediaType {
            media_type: "text/plain; charset=utf-8".into()
        }]
    );
}

#[tokio::test]
async fn redirects_are_followed_and_noted_within_a_limit() {
    let addr = http_server(pac_server).await;
    let script = get(&format!("http://{addr}/old"), Duration::from_secs(3))
        .await
        .expect("fetches");
    assert_eq!(script.text, SCRIPT);
    assert_eq!(script.location, format!("http://{addr}/proxy.pac"));
    assert!(
        matches!(&script.notes[..], [PacNote::Redirected { .. }]),
        "{:?}",
        script.notes
    );
    let result = get(&format!("http://{addr}/loop"), Duration::from_secs(3)).await;
    assert!(
        matches!(result, Err(PacError::TooManyRedirects { limit: 5, .. })),
        "{result:?}"
    );
    let result = get(&format!("http://{addr}/elsewhere"), Duration::from_secs(3)).await;
    assert!(
        matches!(result, Err(PacError::HttpStatus { status: 302, .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn an_error_status_is_named() {
    let addr = http_server(pac_server).await;
    let result = get(&format!("http://{addr}/missing.pac"), Duration::from_secs(3)).await;
    assert!(
        matches!(result, Err(PacError::HttpStatus { status: 404, .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_with_its_announced_size() {
    let addr = http_server(pac_server).await;
    let result = get(&format!("http://{addr}/big.pac"), Duration::from_secs(3)).await;
    assert_eq!(
        result,
        Err(PacError::TooLarge {
            bytes: 5000,
            limit: CAP
        })
    );
}

#[tokio::test]
async fn a_server_that_never_answers_ends_at_the_deadline() {
    let addr = http_server(pac_server).await;
    let start = Instant::now();
    let result = get(&format!("http://{addr}/silent.pac"), Duration::from_millis(400)).await;
    let took = start.elapsed();
    println!("silent server: {took:?} -> {result:?}");
    assert!(
        matches!(result, Err(PacError::FetchDeadline { .. })),
        "{result:?}"
    );
    assert!(took < Duration::from_millis(1500), "{took:?}");
}

#[tokio::test]
async fn a_refused_connection_names_the_tcp_stage() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    let result = get(&format!("http://{addr}/proxy.pac"), Duration::from_secs(3)).await;
    match result {
        Err(PacError::Fetch { stage, failure, .. }) => {
            assert_eq!(stage, "tcp");
            assert_eq!(failure, "connection_refused");
        }
        other => panic!("{other:?}"),
    }
}

/// A test CA and a certificate for 127.0.0.1 it signed: (CA, leaf, leaf key).
fn test_pki() -> (
    CertificateDer<'static>,
    CertificateDer<'static>,
    PrivateKeyDer<'static>,
) {
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca_params = CertificateParams::default();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).expect("CA");
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().expect("leaf key");
    let mut leaf_params = CertificateParams::default();
    leaf_params.subject_alt_names = vec![SanType::IpAddress([127, 0, 0, 1].into())];
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).expect("leaf");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    (ca.der().clone(), leaf.der().clone(), key)
}

#[tokio::test]
async fn https_fetch_goes_through_the_tools_trust_stores() {
    let (ca, leaf, key) = test_pki();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(vec![leaf], key)
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                if let Ok(tls) = acceptor.accept(tcp).await {
                    handle(tls, pac_server).await;
                }
            });
        }
    });
    let url = format!("https://{addr}/proxy.pac");
    let deadline = || Instant::now() + Duration::from_secs(3);
    let script = fetch(&url, &plan(), &tools(&[ca]), CAP, deadline())
        .await
        .expect("fetches over TLS the test CA vouches for");
    assert_eq!(script.text, SCRIPT);
    // Without the test CA neither store trusts the server: nothing is read.
    match fetch(&url, &plan(), &tools(&[]), CAP, deadline()).await {
        Err(PacError::Fetch { stage, .. }) => assert_eq!(stage, "tls"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn proxies_of_the_plan_are_not_used_for_the_pac_itself() {
    let addr = http_server(pac_server).await;
    let mut plan = plan();
    // A proxy nothing listens on: were it used, the fetch would fail.
    let proxies =
        ProxySettings::from_sources(|_| None, Some("http://127.0.0.1:9"), None).expect("proxy flag");
    plan.proxies = Arc::new(proxies);
    let script = fetch(
        &format!("http://{addr}/proxy.pac"),
        &plan,
        &tools(&[]),
        CAP,
        Instant::now() + Duration::from_secs(3),
    )
    .await
    .expect("fetches directly");
    assert_eq!(script.text, SCRIPT);
}
