//! Certificates in PEM, read strictly: every `-----BEGIN …-----` line has its matching END line,
//! every block's body is Base64, and every `CERTIFICATE` block holds an X.509 certificate. A
//! broken block is an error naming its line, even when other blocks parse: a bundle that loses a
//! certificate silently is a trust store that fails later for no visible reason. Text between
//! blocks is ignored (bundles carry comments); blocks of other kinds (a key, a CRL) are checked and
//! skipped.

use base64::Engine as _;
use rustls::pki_types::CertificateDer;

use crate::i18n::Message;
use crate::msg;

/// What is wrong with a PEM file; lines count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PemError {
    /// A BEGIN line with no END line after it.
    Unterminated { line: usize },
    /// A BEGIN line inside a block begun earlier.
    NestedBegin { line: usize, begun: usize },
    /// An END line outside any block, or one whose label is not the BEGIN line's.
    StrayEnd { line: usize },
    /// A line that starts like a BEGIN or END line but is not one (dashes, label).
    MalformedMarker { line: usize },
    /// The body of the block begun on `line` is not Base64.
    BadBase64 { line: usize },
    /// The `CERTIFICATE` block begun on `line` holds no X.509 certificate.
    NotACertificate { line: usize },
    /// No `CERTIFICATE` block at all.
    NoCertificate,
}

impl PemError {
    /// The problem as a clause (the caller names the file).
    pub fn message(&self) -> Message {
        match *self {
            PemError::Unterminated { line } => msg!("pem-unterminated", line = line),
            PemError::NestedBegin { line, begun } => {
                msg!("pem-nested-begin", line = line, begun = begun)
            }
            PemError::StrayEnd { line } => msg!("pem-stray-end", line = line),
            PemError::MalformedMarker { line } => msg!("pem-malformed-marker", line = line),
            PemError::BadBase64 { line } => msg!("pem-bad-base64", line = line),
            PemError::NotACertificate { line } => msg!("pem-not-a-certificate", line = line),
            PemError::NoCertificate => msg!("pem-no-certificate"),
        }
    }
}

/// The label of a `-----BEGIN LABEL-----` or `-----END LABEL-----` line.
fn marker<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    line.strip_prefix("-----")?
        .strip_prefix(word)?
        .strip_prefix(' ')?
        .strip_suffix("-----")
}

/// Every certificate of a PEM file, or the first problem met.
pub fn certificates(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>, PemError> {
    let text = String::from_utf8_lossy(bytes);
    let mut certs = Vec::new();
    // The open block: its label, its BEGIN line and its Base64 so far.
    let mut open: Option<(&str, usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let (n, line) = (i + 1, raw.trim());
        if let Some(label) = marker(line, "BEGIN") {
            if let Some((_, begun, _)) = open {
                return Err(PemError::NestedBegin { line: n, begun });
            }
            open = Some((label, n, String::new()));
        } else if let Some(label) = marker(line, "END") {
            let Some((begin_label, begun, body)) = open.take() else {
                return Err(PemError::StrayEnd { line: n });
            };
            if label != begin_label {
                return Err(PemError::StrayEnd { line: n });
            }
            let der = base64::engine::general_purpose::STANDARD
                .decode(body.as_bytes())
                .map_err(|_| PemError::BadBase64 { line: begun })?;
            if label == "CERTIFICATE" {
                match x509_parser::parse_x509_certificate(&der) {
                    Ok(([], _)) => certs.push(CertificateDer::from(der)),
                    _ => return Err(PemError::NotACertificate { line: begun }),
                }
            }
        } else if let Some((_, _, body)) = open.as_mut() {
            body.push_str(line);
        } else if line.starts_with("-----BEGIN") || line.starts_with("-----END") {
            // Not five dashes, or no label: a block that would be lost.
            return Err(PemError::MalformedMarker { line: n });
        }
    }
    if let Some((_, begun, _)) = open {
        return Err(PemError::Unterminated { line: begun });
    }
    if certs.is_empty() {
        return Err(PemError::NoCertificate);
    }
    Ok(certs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A freshly made self-signed certificate.
    fn one_pem() -> String {
        let key = rcgen::KeyPair::generate().expect("a key");
        let cert = rcgen::CertificateParams::new(vec!["ca.test".to_string()])
            .expect("params")
            .self_signed(&key)
            .expect("a certificate");
        cert.pem()
    }

    #[test]
    fn a_bundle_with_comments_gives_each_certificate() {
        let text = format!("# first\n{}\nsome words\n{}", one_pem(), one_pem());
        assert_eq!(certificates(text.as_bytes()).expect("two certificates").len(), 2);
    }

    #[test]
    fn a_broken_block_is_refused_even_beside_a_good_one() {
        let good = one_pem();
        let cases = [
            (
                format!("{good}-----BEGIN CERTIFICATE-----\nMIIB\n"),
                "unterminated",
            ),
            (
                format!("{good}-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"),
                "base64",
            ),
            (
                format!("{good}-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n"),
                "not a certificate",
            ),
            (format!("-----BEGIN CERTIFICATE-----\nAAAA\n{good}"), "nested"),
            (format!("{good}-----END CERTIFICATE-----\n"), "stray end"),
            (
                format!("{good}-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n"),
                "mismatched end",
            ),
            (
                format!("{good}-----BEGIN CERTIFICATE----\nAAAA\n"),
                "malformed marker",
            ),
        ];
        for (text, why) in cases {
            let err = certificates(text.as_bytes()).expect_err(why);
            assert_ne!(err, PemError::NoCertificate, "{why}");
            assert!(err.message().to_string().contains("line"), "{why}: {err:?}");
        }
        assert_eq!(certificates(b"no blocks"), Err(PemError::NoCertificate));
    }
}
