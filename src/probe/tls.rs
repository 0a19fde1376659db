//! The TLS stage: a handshake with the real SNI on the measured connection.
//!
//! The presented chain is verified against two stores and both answers are recorded, not
//! aborted on: the *system* store (the OS store, honouring `SSL_CERT_FILE`/`SSL_CERT_DIR`) and
//! the *public* store (Mozilla's set, compiled in); `system_store.rs` loads the former.
//! `--cacert` adds to both. A chain that only the system store accepts is how a TLS-intercepting
//! middlebox looks.

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use super::observation::{CertInfo, CertProblem, Decoy, Failure, Stage, TlsDetail, Verification};

/// Trust stores and the crypto provider, built once per run.
pub struct TlsContext {
    provider: Arc<CryptoProvider>,
    system: Result<Arc<WebPkiServerVerifier>, String>,
    public: Result<Arc<WebPkiServerVerifier>, String>,
    /// How many roots each store holds (reported in the environment).
    pub system_roots: usize,
    pub public_roots: usize,
    /// Problems met while loading the system store (unreadable files and the like).
    pub system_errors: Vec<crate::i18n::Message>,
    /// Spaces the starts of concurrent handshakes (see [`Pacer`]).
    pacer: Pacer,
}

/// The gap between the starts of two handshakes of one run.
pub const HANDSHAKE_GAP: Duration = Duration::from_millis(1);
/// The longest a handshake waits for its turn.
pub const HANDSHAKE_MAX_WAIT: Duration = Duration::from_millis(40);

/// Spaces handshake starts by [`HANDSHAKE_GAP`]. A check's targets connect at about the same
/// moment and would all start their handshakes at once; their crypto (and the server's) then
/// queues on the CPU and every measured duration grows with the number of targets. Starting them
/// a millisecond apart keeps each measurement close to the path's own (BENCHMARKS.md, figure 3)
/// and costs at most [`HANDSHAKE_MAX_WAIT`]; the wait is outside the timed handshake.
#[derive(Debug)]
struct Pacer {
    next: Mutex<Option<tokio::time::Instant>>,
}

impl Pacer {
    /// The moment a handshake asking at `now` may start (the next one comes a gap later).
    fn slot(&self, now: tokio::time::Instant) -> tokio::time::Instant {
        match self.next.lock() {
            Ok(mut next) => {
                let slot = next.map_or(now, |n| n.max(now)).min(now + HANDSHAKE_MAX_WAIT);
                *next = Some(slot + HANDSHAKE_GAP);
                slot
            }
            Err(_) => now,
        }
    }

    async fn turn(&self) {
        let now = tokio::time::Instant::now();
        let slot = self.slot(now);
        if slot > now {
            tokio::time::sleep_until(slot).await;
        }
    }
}

impl TlsContext {
    /// Loads the system store, the compiled-in public store, and `extra` (from `--cacert`).
    pub fn new(extra: &[CertificateDer<'static>]) -> TlsContext {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let (system_certs, system_errors) = super::system_store::load();
        let mut system = RootCertStore::empty();
        system.add_parsable_certificates(system_certs);
        let mut public = RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        for store in [&mut system, &mut public] {
            store.add_parsable_certificates(extra.iter().cloned());
        }
        let (system_roots, public_roots) = (system.len(), public.len());
        let build = |roots: RootCertStore, what: &str| {
            if roots.is_empty() {
                return Err(format!("the {what} trust store is empty"));
            }
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| format!("the {what} trust store is unusable: {e}"))
        };
        TlsContext {
            system: build(system, "system"),
            public: build(public, "public"),
            provider,
            system_roots,
            public_roots,
            system_errors,
            pacer: Pacer {
                next: Mutex::new(None),
            },
        }
    }

    fn client_config(&self, record: Arc<Mutex<Record>>, alpn: &[&[u8]]) -> rustls::ClientConfig {
        let verifier = RecordingVerifier {
            provider: self.provider.clone(),
            system: self.system.clone(),
            public: self.public.clone(),
            record,
        };
        let mut config = rustls::ClientConfig::builder_with_provider(self.provider.clone())
            .with_safe_default_protocol_versions()
            .expect("the ring provider supports the default protocol versions")
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
        config
    }
}

/// What the verifier saw during one handshake.
#[derive(Debug, Default)]
struct Record {
    chain: Vec<CertificateDer<'static>>,
    system: Option<Verification>,
    public: Option<Verification>,
}

/// Verifies against both stores, records both answers, and lets the handshake finish so the
/// version, ALPN and chain are known. Signatures are still checked for real, so a completed
/// handshake proves the peer holds the key of the certificate it showed. The caller decides
/// from the record whether the connection may carry anything.
#[derive(Debug)]
struct RecordingVerifier {
    provider: Arc<CryptoProvider>,
    system: Result<Arc<WebPkiServerVerifier>, String>,
    public: Result<Arc<WebPkiServerVerifier>, String>,
    record: Arc<Mutex<Record>>,
}

fn verify_with(
    v: &Result<Arc<WebPkiServerVerifier>, String>,
    end_entity: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    server_name: &ServerName<'_>,
    ocsp: &[u8],
    now: UnixTime,
) -> Verification {
    match v {
        Err(msg) => Verification::Rejected {
            failure: Failure::SslUnknownAuthority,
            message: msg.clone(),
            problem: CertProblem::UnknownIssuer,
        },
        Ok(v) => match v.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Ok(_) => Verification::Trusted,
            Err(e) => Verification::Rejected {
                failure: classify_rustls_error(&e),
                message: e.to_string(),
                problem: cert_problem(&e, end_entity, intermediates.is_empty()),
            },
        },
    }
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let system = verify_with(
            &self.system,
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        let public = verify_with(
            &self.public,
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        if let Ok(mut r) = self.record.lock() {
            r.chain = std::iter::once(end_entity)
                .chain(intermediates)
                .map(|c| c.clone().into_owned())
                .collect();
            r.system = Some(system);
            r.public = Some(public);
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The finer reason for a rejection. "Missing intermediate" is told from "unknown issuer" the
/// way gcloud's diagnostics do: the server sent only its leaf, the leaf did not sign itself, and
/// it names where its issuer's certificate lives (AIA "CA Issuers"), as certificates from an
/// intermediate do — a leaf signed straight by an unknown root (interception CAs do that) is an
/// unknown issuer.
fn cert_problem(e: &rustls::Error, leaf: &CertificateDer<'_>, leaf_only: bool) -> CertProblem {
    let rustls::Error::InvalidCertificate(c) = e else {
        return CertProblem::Invalid;
    };
    match c {
        CertificateError::UnknownIssuer => {
            let self_signed = describe_cert(leaf);
            if leaf_only && self_signed.subject == self_signed.issuer {
                CertProblem::SelfSigned
            } else if leaf_only && names_ca_issuers(leaf) {
                CertProblem::MissingIntermediate
            } else {
                CertProblem::UnknownIssuer
            }
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            CertProblem::WrongHostname
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => CertProblem::Expired,
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            CertProblem::NotYetValid
        }
        CertificateError::Revoked => CertProblem::Revoked,
        _ => CertProblem::Invalid,
    }
}

/// True when the certificate has an Authority Information Access "CA Issuers" entry.
fn names_ca_issuers(der: &CertificateDer<'_>) -> bool {
    use x509_parser::prelude::*;
    const CA_ISSUERS: &str = "1.3.6.1.5.5.7.48.2";
    let Ok((_, cert)) = X509Certificate::from_der(der.as_ref()) else {
        return false;
    };
    cert.extensions().iter().any(|ext| match ext.parsed_extension() {
        ParsedExtension::AuthorityInfoAccess(aia) => aia
            .accessdescs
            .iter()
            .any(|d| d.access_method.to_id_string() == CA_ISSUERS),
        _ => false,
    })
}

/// Maps a rustls error to a failure string.
pub fn classify_rustls_error(e: &rustls::Error) -> Failure {
    match e {
        rustls::Error::InvalidCertificate(c) => match c {
            CertificateError::UnknownIssuer => Failure::SslUnknownAuthority,
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                Failure::SslInvalidHostname
            }
            _ => Failure::SslInvalidCertificate,
        },
        _ => Failure::SslFailedHandshake,
    }
}

/// Maps a handshake's I/O error (which may wrap a rustls error) to a failure string.
fn classify_handshake_error(e: &std::io::Error) -> Failure {
    if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        return classify_rustls_error(inner);
    }
    match Failure::from_io(e) {
        Failure::UnknownFailure => Failure::SslFailedHandshake,
        f => f,
    }
}

/// Turns the handshake's server name into the one rustls wants (IP literals send no SNI).
pub fn server_name(host: &str) -> Result<ServerName<'static>, String> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(ServerName::IpAddress(ip.into()));
    }
    ServerName::try_from(host.to_string()).map_err(|_| format!("'{host}' is not a valid TLS server name"))
}

/// Parses a DER certificate into what the report shows; unparsable certificates say so.
pub fn describe_cert(der: &CertificateDer<'_>) -> CertInfo {
    use x509_parser::prelude::*;
    match X509Certificate::from_der(der.as_ref()) {
        Ok((_, cert)) => {
            let fmt = |t: &ASN1Time| {
                t.to_datetime()
                    .format(&::time::format_description::well_known::Rfc3339)
                    .unwrap_or_else(|_| t.to_string())
            };
            let mut san = Vec::new();
            if let Ok(Some(ext)) = cert.subject_alternative_name() {
                for name in &ext.value.general_names {
                    match name {
                        GeneralName::DNSName(d) => san.push(d.to_string()),
                        GeneralName::IPAddress(b) => match b.len() {
                            4 => san
                                .push(IpAddr::from(<[u8; 4]>::try_from(*b).unwrap_or_default()).to_string()),
                            16 => san
                                .push(IpAddr::from(<[u8; 16]>::try_from(*b).unwrap_or_default()).to_string()),
                            _ => {}
                        },
                        _ => {}
                    }
                }
            }
            CertInfo {
                subject: cert.subject().to_string(),
                issuer: cert.issuer().to_string(),
                not_before: fmt(&cert.validity().not_before),
                not_after: fmt(&cert.validity().not_after),
                san,
            }
        }
        Err(e) => CertInfo {
            subject: format!("(unparsable certificate: {e})"),
            issuer: String::new(),
            not_before: String::new(),
            not_after: String::new(),
            san: vec![],
        },
    }
}

/// True for handshake failures that filtering produces (a reset, silence, a cut connection),
/// as opposed to a server that answered with a certificate or an alert.
pub fn filter_like(f: Failure) -> bool {
    matches!(
        f,
        Failure::ConnectionReset | Failure::GenericTimeoutError | Failure::EofError
    )
}

/// The SNI test: a new connection to `peer`, a handshake naming `decoy`. Nothing is sent after
/// the handshake.
pub async fn decoy_handshake(
    ctx: &TlsContext,
    peer: std::net::SocketAddr,
    decoy: &str,
    timeout: Duration,
) -> Decoy {
    let start = Instant::now();
    let (tcp, stream) = super::tcp::connect(&[peer], timeout).await;
    let tls = match stream {
        Some(stream) => {
            let left = timeout.saturating_sub(start.elapsed());
            let (stage, tls) = handshake(ctx, stream, decoy, left.max(Duration::from_millis(1))).await;
            drop(tls);
            Some(stage)
        }
        None => None,
    };
    Decoy {
        sni: decoy.to_string(),
        tcp,
        tls,
    }
}

/// A completed handshake at least this long, and [`SLOW_HANDSHAKE_RTTS`] times the connect, is
/// tested against a decoy name on the same address: throttling keyed by the name shows as a
/// handshake many round trips long while TCP is fast.
pub const SLOW_HANDSHAKE_MIN: Duration = Duration::from_millis(250);
/// How many connect times a TLS 1.3 handshake (one round trip, plus the server's work) may
/// take before it counts as slow for its path.
pub const SLOW_HANDSHAKE_RTTS: u32 = 8;

/// True when a handshake of `handshake` after a connect of `connect` is many round trips long.
pub fn slow_handshake(connect: Duration, handshake: Duration) -> bool {
    handshake >= SLOW_HANDSHAKE_MIN && handshake >= connect * SLOW_HANDSHAKE_RTTS
}

/// The ALPN protocols offered: HTTP/2 and HTTP/1.1, as browsers and SDKs do.
pub const ALPN: &[&[u8]] = &[b"h2", b"http/1.1"];

/// Runs the handshake. Returns the stream only when a store trusted the chain: nothing is ever
/// sent over a connection neither store accepts.
pub async fn handshake(
    ctx: &TlsContext,
    stream: TcpStream,
    host: &str,
    timeout: Duration,
) -> (Stage<TlsDetail>, Option<TlsStream<TcpStream>>) {
    let name = match server_name(host) {
        Ok(n) => n,
        Err(msg) => {
            return (
                Stage::failed(Duration::ZERO, Failure::SslFailedHandshake, msg),
                None,
            );
        }
    };
    let sni = matches!(name, ServerName::DnsName(_)).then(|| host.to_string());
    let record = Arc::new(Mutex::new(Record::default()));
    let connector = TlsConnector::from(Arc::new(ctx.client_config(record.clone(), ALPN)));
    ctx.pacer.turn().await;
    // The clock covers the handshake alone, as curl's time_appconnect - time_connect does.
    let start = Instant::now();
    let result = tokio::time::timeout(timeout, connector.connect(name, stream)).await;
    let duration = start.elapsed();
    let recorded = record
        .lock()
        .map(|mut r| std::mem::take(&mut *r))
        .unwrap_or_default();
    let mut detail = TlsDetail {
        sni,
        chain: recorded.chain.iter().map(describe_cert).collect(),
        system_store: recorded.system,
        public_store: recorded.public,
        ..Default::default()
    };
    match result {
        Err(_) => {
            let mut stage = Stage::failed(
                duration,
                Failure::GenericTimeoutError,
                format!("no handshake within {:.1} s", timeout.as_secs_f64()),
            );
            stage.detail = Some(detail);
            (stage, None)
        }
        Ok(Err(e)) => {
            let failure = classify_handshake_error(&e);
            if let Some(rustls::Error::AlertReceived(alert)) =
                e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>())
            {
                detail.alert = Some(format!("{alert:?}"));
            }
            let mut stage = Stage::failed(duration, failure, e.to_string());
            stage.detail = Some(detail);
            (stage, None)
        }
        Ok(Ok(tls)) => {
            let conn = tls.get_ref().1;
            detail.version = conn
                .protocol_version()
                .map(|v| format!("{v:?}").replace('_', "."));
            detail.alpn = conn
                .alpn_protocol()
                .map(|p| String::from_utf8_lossy(p).into_owned());
            detail.cipher = conn.negotiated_cipher_suite().map(|c| format!("{:?}", c.suite()));
            detail.group = conn
                .negotiated_key_exchange_group()
                .map(|g| super::browser_hello::group_name(u16::from(g.name())));
            let trusted = detail.system_store.as_ref().is_some_and(Verification::is_trusted)
                || detail.public_store.as_ref().is_some_and(Verification::is_trusted);
            if trusted {
                (Stage::ok(duration, detail), Some(tls))
            } else {
                // Name the system store's objection: it is what the user's apps see.
                let (failure, message) = match detail.system_store.as_ref().or(detail.public_store.as_ref()) {
                    Some(Verification::Rejected { failure, message, .. }) => (*failure, message.clone()),
                    _ => (
                        Failure::SslFailedHandshake,
                        "the chain was not verified".to_string(),
                    ),
                };
                let mut stage = Stage::failed(duration, failure, message);
                stage.detail = Some(detail);
                (stage, None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pacer() -> Pacer {
        Pacer {
            next: Mutex::new(None),
        }
    }

    /// When every handshake of a check is ready at once, their slots come a gap apart, and none
    /// is further away than the bound.
    #[test]
    fn handshake_slots_are_a_gap_apart_and_the_wait_is_bounded() {
        let p = pacer();
        let now = tokio::time::Instant::now();
        let slots: Vec<_> = (0..100).map(|_| p.slot(now)).collect();
        assert_eq!(slots[0], now, "the first handshake does not wait");
        for (i, s) in slots.iter().enumerate() {
            let want = (HANDSHAKE_GAP * i as u32).min(HANDSHAKE_MAX_WAIT);
            assert_eq!(*s - now, want, "slot {i}");
        }
        // Later, with the queue drained, a handshake starts at once again.
        let later = now + Duration::from_secs(1);
        assert_eq!(p.slot(later), later);
        assert_eq!(p.slot(later) - later, HANDSHAKE_GAP);
    }

    /// `turn` waits for its slot (sleeps never end early).
    #[test]
    fn a_handshake_does_not_start_before_its_turn() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("runtime");
        let p = pacer();
        let (first, last) = rt.block_on(async {
            let first = tokio::time::Instant::now();
            for _ in 0..5 {
                p.turn().await;
            }
            (first, tokio::time::Instant::now())
        });
        // Five turns asked one after another: the fifth starts at least four gaps after the first.
        assert!(last - first >= HANDSHAKE_GAP * 4, "{:?}", last - first);
    }
}
