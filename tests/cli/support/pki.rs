//! A throw-away test PKI built with rcgen.
//!
//! A typical test makes two roots: the trusted "test CA" (its PEM goes to the binary with
//! `--cacert`) and an "untrusted CA" that is never passed, standing in for a TLS-intercepting
//! middlebox or a forged certificate.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// When a leaf certificate is valid, relative to today (UTC, whole days).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validity {
    /// From yesterday until 30 days from now.
    Normal,
    /// From 60 days ago until 2 days ago.
    Expired,
    /// From 2 days from now until 60 days from now.
    NotYetValid,
    /// From `not_before` to `not_after`, in days relative to today (negative = past).
    Days {
        /// First day of validity, relative to today.
        not_before: i64,
        /// Last day of validity, relative to today.
        not_after: i64,
    },
}

impl Validity {
    fn days(self) -> (i64, i64) {
        match self {
            Validity::Normal => (-1, 30),
            Validity::Expired => (-60, -2),
            Validity::NotYetValid => (2, 60),
            Validity::Days {
                not_before,
                not_after,
            } => (not_before, not_after),
        }
    }
}

/// A certificate authority (a root, or an intermediate made with [`TestCa::intermediate`]).
pub struct TestCa {
    name: String,
    issuer: Issuer<'static, KeyPair>,
    cert: CertificateDer<'static>,
    /// Certificates between this CA and its root, this CA first, the root excluded.
    /// Empty for a root.
    chain_above: Vec<CertificateDer<'static>>,
}

impl std::fmt::Debug for TestCa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestCa").field("name", &self.name).finish()
    }
}

/// An Authority Information Access extension with one CA Issuers URI (RFC 5280 §4.2.2.1),
/// DER-encoded (rcgen has no builder for it).
fn aia_ca_issuers(uri: &str) -> rcgen::CustomExtension {
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        assert!(content.len() < 128, "short form length only");
        let mut v = vec![tag, content.len() as u8];
        v.extend_from_slice(content);
        v
    }
    // id-ad-caIssuers 1.3.6.1.5.5.7.48.2
    let method = tlv(0x06, &[0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02]);
    let location = tlv(0x86, uri.as_bytes()); // [6] uniformResourceIdentifier
    let description = tlv(0x30, &[method, location].concat());
    let content = tlv(0x30, &description);
    // id-pe-authorityInfoAccess 1.3.6.1.5.5.7.1.1
    rcgen::CustomExtension::from_oid_content(&[1, 3, 6, 1, 5, 5, 7, 1, 1], content)
}

fn ca_params(name: &str) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(DnType::CommonName, name);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "chatgpt-doctor test PKI");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    set_validity(&mut params, -2, 3650);
    params.use_authority_key_identifier_extension = true;
    params
}

impl TestCa {
    /// A new self-signed root CA whose subject common name is `name`.
    pub fn new(name: &str) -> Self {
        let key = KeyPair::generate().expect("generate a CA key");
        let params = ca_params(name);
        let cert = params.self_signed(&key).expect("self-sign a CA");
        Self {
            name: name.to_owned(),
            issuer: Issuer::new(params, key),
            cert: cert.der().clone(),
            chain_above: Vec::new(),
        }
    }

    /// An intermediate CA signed by this one. Leaves it issues carry the intermediate(s) in
    /// their chain (see [`Leaf::without_intermediates`] to drop them).
    pub fn intermediate(&self, name: &str) -> TestCa {
        let key = KeyPair::generate().expect("generate an intermediate key");
        let params = ca_params(name);
        let cert = params
            .signed_by(&key, &self.issuer)
            .expect("sign an intermediate");
        let mut chain_above = vec![cert.der().clone()];
        chain_above.extend(self.chain_above.iter().cloned());
        TestCa {
            name: name.to_owned(),
            issuer: Issuer::new(params, key),
            cert: cert.der().clone(),
            chain_above,
        }
    }

    /// The subject common name given to [`TestCa::new`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// This CA's own certificate, DER.
    pub fn cert_der(&self) -> CertificateDer<'static> {
        self.cert.clone()
    }

    /// This CA's own certificate, PEM.
    pub fn cert_pem(&self) -> String {
        pem("CERTIFICATE", &self.cert)
    }

    /// Writes [`TestCa::cert_pem`] to `dir/<sanitised name>.pem` and returns the path.
    pub fn write_pem(&self, dir: &Path) -> PathBuf {
        let file: String = self
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let path = dir.join(format!("{file}.pem"));
        std::fs::write(&path, self.cert_pem()).expect("write CA PEM");
        path
    }

    /// A server leaf valid from yesterday to 30 days from now.
    pub fn leaf(&self, dns_names: &[&str], ips: &[IpAddr]) -> Leaf {
        self.leaf_with(dns_names, ips, Validity::Normal)
    }

    /// A server leaf for the given names and addresses, with the given validity.
    pub fn leaf_with(&self, dns_names: &[&str], ips: &[IpAddr], validity: Validity) -> Leaf {
        let key = KeyPair::generate().expect("generate a leaf key");
        let mut params = CertificateParams::default();
        let common_name = dns_names
            .first()
            .map(|n| (*n).to_owned())
            .or_else(|| ips.first().map(IpAddr::to_string))
            .unwrap_or_else(|| "no-name".to_owned());
        params.distinguished_name = rcgen::DistinguishedName::new();
        params.distinguished_name.push(DnType::CommonName, common_name);
        params.subject_alt_names = dns_names
            .iter()
            .map(|n| SanType::DnsName((*n).to_owned().try_into().expect("DNS name for a certificate")))
            .chain(ips.iter().copied().map(SanType::IpAddress))
            .collect();
        params.is_ca = IsCa::ExplicitNoCa;
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let (from, to) = validity.days();
        set_validity(&mut params, from, to);
        params.use_authority_key_identifier_extension = true;
        if !self.chain_above.is_empty() {
            // Issued by an intermediate: point at it the way public CAs do (Authority Information
            // Access, CA Issuers), so a client can tell a missing intermediate from an unknown root.
            params
                .custom_extensions
                .push(aia_ca_issuers("http://ca.test/intermediate.der"));
        }
        let cert = params.signed_by(&key, &self.issuer).expect("sign a leaf");
        let mut chain = vec![cert.der().clone()];
        chain.extend(self.chain_above.iter().cloned());
        Leaf {
            chain,
            key_pkcs8: Arc::new(key.serialize_der()),
        }
    }
}

/// A server certificate chain (leaf first, root excluded) and its private key.
#[derive(Clone)]
pub struct Leaf {
    /// DER certificates, leaf first, then any intermediates; never the root.
    pub chain: Vec<CertificateDer<'static>>,
    key_pkcs8: Arc<Vec<u8>>,
}

impl std::fmt::Debug for Leaf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Leaf")
            .field("chain_len", &self.chain.len())
            .finish_non_exhaustive()
    }
}

impl Leaf {
    /// The private key as PKCS#8 DER, ready for rustls.
    pub fn key_der(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_pkcs8.as_ref().clone()))
    }

    /// The chain in PEM (leaf first).
    pub fn chain_pem(&self) -> String {
        self.chain.iter().map(|c| pem("CERTIFICATE", c)).collect()
    }

    /// The private key in PEM (PKCS#8).
    pub fn key_pem(&self) -> String {
        pem("PRIVATE KEY", &self.key_pkcs8)
    }

    /// The same leaf without its intermediates (a server that forgets to send them).
    pub fn without_intermediates(&self) -> Leaf {
        Leaf {
            chain: self.chain.iter().take(1).cloned().collect(),
            key_pkcs8: Arc::clone(&self.key_pkcs8),
        }
    }

    /// The chain and key as a rustls `CertifiedKey`, loaded with the ring provider.
    pub fn certified_key(&self) -> Arc<rustls::sign::CertifiedKey> {
        let provider = rustls::crypto::ring::default_provider();
        Arc::new(
            rustls::sign::CertifiedKey::from_der(self.chain.clone(), self.key_der(), &provider)
                .expect("load a leaf into rustls"),
        )
    }
}

/// PEM-encodes one DER blob.
fn pem(label: &str, der: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut b64 = String::with_capacity(der.len().div_ceil(3) * 4);
    for chunk in der.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                b64.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                b64.push('=');
            }
        }
    }
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// The civil date (UTC) `offset` days from today, as `(year, month, day)`.
fn civil_day(offset: i64) -> (i32, u8, u8) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs();
    let days = i64::try_from(now / 86_400).expect("days fit i64") + offset;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        i32::try_from(year).expect("year fits i32"),
        u8::try_from(month).expect("month fits u8"),
        u8::try_from(day).expect("day fits u8"),
    )
}

/// Sets `params` to be valid from midnight UTC `from` days from today to midnight UTC `to`
/// days from today.
fn set_validity(params: &mut CertificateParams, from: i64, to: i64) {
    let (y, m, d) = civil_day(from);
    params.not_before = rcgen::date_time_ymd(y, m, d);
    let (y, m, d) = civil_day(to);
    params.not_after = rcgen::date_time_ymd(y, m, d);
}
