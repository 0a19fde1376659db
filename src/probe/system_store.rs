//! The system trust store's certificates. Without `SSL_CERT_FILE` and `SSL_CERT_DIR` it is the
//! platform's store (rustls-native-certs). With either set, the files they name replace it, as for
//! OpenSSL and rustls-native-certs, and are read here, not by the library: each with the
//! certificates' cap, never opening a FIFO or a device (`SSL_CERT_FILE=/dev/zero` once grew
//! memory until the process aborted), and strictly (a broken PEM block is named). A file that
//! cannot be used is left out of the store and becomes a problem in the report's environment: the
//! run goes on, since the setting is itself what the programs that honour it suffer from.

use std::path::{Path, PathBuf};

use rustls::pki_types::CertificateDer;

use crate::i18n::Message;
use crate::input::pem::{self, PemError};
use crate::input::{CappedReadError, FileRole, read_file};
use crate::msg;

/// The most entries of one `SSL_CERT_DIR` directory looked at (Debian's holds about 450).
const DIR_ENTRIES_MAX: usize = 10_000;

/// The system store's certificates and the problems met loading them.
pub fn load() -> (Vec<CertificateDer<'static>>, Vec<Message>) {
    let file = std::env::var_os("SSL_CERT_FILE").map(PathBuf::from);
    let dirs: Vec<PathBuf> = std::env::var_os("SSL_CERT_DIR")
        .map(|d| {
            std::env::split_paths(&d)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    if file.is_none() && dirs.is_empty() {
        let native = rustls_native_certs::load_native_certs();
        let problems = native
            .errors
            .iter()
            .map(|e| msg!("trust-store-load-error", error = e.to_string()))
            .collect();
        return (native.certs, problems);
    }
    let mut certs = Vec::new();
    let mut problems = Vec::new();
    if let Some(path) = &file {
        match load_file(path, "SSL_CERT_FILE") {
            Ok(c) => certs.extend(c),
            Err(p) => problems.push(p),
        }
    }
    for dir in &dirs {
        load_dir(dir, &mut certs, &mut problems);
    }
    certs.sort_unstable_by(|a, b| a.as_ref().cmp(b.as_ref()));
    certs.dedup();
    (certs, problems)
}

/// The certificates of one PEM file, or the problem that leaves it out.
fn load_file(path: &Path, setting: &str) -> Result<Vec<CertificateDer<'static>>, Message> {
    let bytes = read_file(path, FileRole::Certificates)
        .map_err(|e| msg!("trust-store-skipped", problem = e.message(setting, path)))?;
    pem::certificates(&bytes).map_err(|e| pem_problem(setting, path, &e))
}

/// A file left out for what is wrong with its PEM.
fn pem_problem(setting: &str, path: &Path, e: &PemError) -> Message {
    let problem = msg!(
        "trust-store-pem",
        setting = setting,
        path = path.display().to_string(),
        problem = e.message()
    );
    msg!("trust-store-skipped", problem = problem)
}

/// Every regular file of an `SSL_CERT_DIR` directory (links followed, no recursion); files that
/// hold no certificate and no broken block are passed over, as OpenSSL passes them over.
fn load_dir(dir: &Path, certs: &mut Vec<CertificateDer<'static>>, problems: &mut Vec<Message>) {
    let shown = dir.display().to_string();
    let entries = match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => std::fs::read_dir(dir),
        Ok(_) => {
            problems.push(msg!("trust-store-not-a-directory", path = shown));
            return;
        }
        Err(e) => Err(e),
    };
    let entries = match entries {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(msg!(
                "trust-store-skipped",
                problem = CappedReadError::Io(e).message("SSL_CERT_DIR", dir)
            ));
            return;
        }
    };
    for entry in entries.flatten().take(DIR_ENTRIES_MAX) {
        let path = entry.path();
        // Metadata follows links and opens nothing: a FIFO or a device is passed over here.
        if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let bytes = match read_file(&path, FileRole::Certificates) {
            Ok(bytes) => bytes,
            Err(e) => {
                let problem = e.message("SSL_CERT_DIR", &path);
                problems.push(msg!("trust-store-skipped", problem = problem));
                continue;
            }
        };
        match pem::certificates(&bytes) {
            Ok(c) => certs.extend(c),
            // Only well-formed blocks, none a certificate: a README, a key, a CRL.
            Err(PemError::NoCertificate) => {}
            Err(e) => problems.push(pem_problem("SSL_CERT_DIR", &path, &e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_read_and_a_readme_in_it_is_no_problem() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let key = rcgen::KeyPair::generate().expect("a key");
        let cert = rcgen::CertificateParams::new(vec!["ca.test".to_string()])
            .expect("params")
            .self_signed(&key)
            .expect("a certificate");
        std::fs::write(dir.path().join("ca.pem"), cert.pem()).expect("write");
        std::fs::write(dir.path().join("README"), "certificates live here").expect("write");
        std::fs::write(
            dir.path().join("broken.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAA\n",
        )
        .expect("write");
        let (mut certs, mut problems) = (Vec::new(), Vec::new());
        load_dir(dir.path(), &mut certs, &mut problems);
        assert_eq!(certs.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let text = problems[0].to_string();
        assert!(text.contains("broken.pem") && text.contains("line 1"), "{text}");
    }

    #[test]
    fn a_file_where_a_directory_belongs_is_a_problem() {
        let (mut certs, mut problems) = (Vec::new(), Vec::new());
        load_dir(Path::new("/dev/null"), &mut certs, &mut problems);
        assert!(certs.is_empty());
        assert!(problems[0].to_string().contains("/dev/null"), "{problems:?}");
    }
}
