//! What the flags, the environment and the files they name say, read and validated once: the
//! API's base URL, the key and its headers, extra CA certificates, the edge's address ranges and
//! the proxy settings. Every refusal names the setting.

use std::path::Path;
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use url::Url;

use crate::cli::args::CheckArgs;
use crate::cli::values::parse_target_url;
use crate::error::AppError;
use crate::evidence::dns_consistency::EdgeRanges;
use crate::i18n::ui;
use crate::input::{FileRole, pem, read_file};
use crate::route::ProxySettings;
use crate::tr;

/// Everything a check needs from outside the flags' own values.
pub struct Settings {
    /// `--base-url`, else OPENAI_BASE_URL, else OPENAI_API_BASE.
    pub base: Option<Url>,
    /// Where `base` came from (`flag`, a variable's name, or `default`).
    pub base_source: &'static str,
    /// `--cacert`'s certificates.
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// The API key and where it came from.
    pub key: Option<(ApiKey, &'static str)>,
    /// OPENAI_ORG_ID, sent with the key.
    pub organization: Option<String>,
    /// OPENAI_PROJECT_ID, sent with the key.
    pub project: Option<String>,
    /// `--edge-ranges`, else Cloudflare's published ranges.
    pub edge_ranges: EdgeRanges,
    /// `--proxy`/`--noproxy`, else the proxy variables.
    pub proxies: Arc<ProxySettings>,
}

impl Settings {
    /// Reads and validates every setting of a check.
    pub fn read(args: &CheckArgs) -> Result<Settings, AppError> {
        let (base, base_source) = base_url(args)?;
        let extra_roots = match &args.trust.cacert {
            Some(p) => load_cacert(p)?,
            None => vec![],
        };
        let proxies = ProxySettings::from_environment(
            |k| std::env::var_os(k),
            args.proxy.as_deref(),
            args.noproxy.as_deref(),
        )
        .map_err(|m| AppError::Usage(m.text(ui())))?;
        // Read in this order so that, of several problems, the same one is reported as before.
        let edge_ranges = edge_ranges(args)?;
        let key = load_key(args)?;
        Ok(Settings {
            base,
            base_source,
            extra_roots,
            key,
            organization: header_env("OPENAI_ORG_ID")?,
            project: header_env("OPENAI_PROJECT_ID")?,
            edge_ranges,
            proxies: Arc::new(proxies),
        })
    }
}

/// `--edge-ranges`, or Cloudflare's published ranges.
fn edge_ranges(args: &CheckArgs) -> Result<EdgeRanges, AppError> {
    let Some(path) = &args.edge_ranges else {
        return Ok(EdgeRanges::cloudflare());
    };
    let bytes = read_user_file(path, FileRole::EdgeRanges, "--edge-ranges")?;
    EdgeRanges::from_text(&String::from_utf8_lossy(&bytes)).map_err(|e| {
        AppError::Run(tr!(
            ui(),
            "err-edge-ranges-bad",
            path = path.display().to_string(),
            problem = e.text(ui())
        ))
    })
}

/// A file named by `setting` (`--cacert`, …), read with its kind's cap: a refusal names the
/// setting, the file and, when the file is too large, the cap (exit 1, as for any unreadable file).
fn read_user_file(path: &Path, role: FileRole, setting: &str) -> Result<Vec<u8>, AppError> {
    read_file(path, role).map_err(|e| AppError::Run(e.message(setting, path).text(ui())))
}

/// A variable's value, unless it is unset or blank.
pub fn env_nonempty(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The API base URL and where it came from: the flag, then OPENAI_BASE_URL, then the legacy
/// OPENAI_API_BASE (as the SDKs read them).
fn base_url(args: &CheckArgs) -> Result<(Option<Url>, &'static str), AppError> {
    if let Some(u) = &args.base_url {
        return Ok((Some(u.clone()), "flag"));
    }
    for var in ["OPENAI_BASE_URL", "OPENAI_API_BASE"] {
        if let Some(v) = env_nonempty(var) {
            let url = parse_target_url(v.trim())
                .map_err(|e| AppError::Usage(tr!(ui(), "err-in-variable", variable = var, problem = e)))?;
            return Ok((
                Some(url),
                if var == "OPENAI_BASE_URL" {
                    "OPENAI_BASE_URL"
                } else {
                    "OPENAI_API_BASE"
                },
            ));
        }
    }
    Ok((None, "default"))
}

/// An API key. Its `Debug` never shows it; it leaves the process only in the authenticated
/// request, and the assembled report is scrubbed of it.
#[derive(Clone)]
pub struct ApiKey(String);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey([redacted])")
    }
}

impl ApiKey {
    /// The key as sent in `Authorization: Bearer …`.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// True when `v` can be sent as an HTTP header value (visible ASCII, no spaces).
fn header_safe(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_graphic())
}

/// The API key, from `--api-key-file` or OPENAI_API_KEY, with where it came from. Messages
/// never include the key or the file's contents.
fn load_key(args: &CheckArgs) -> Result<Option<(ApiKey, &'static str)>, AppError> {
    if let Some(path) = &args.api_key_file {
        let bytes = read_user_file(path, FileRole::ApiKey, "--api-key-file")?;
        let text = String::from_utf8_lossy(&bytes);
        let key = text.trim();
        if key.is_empty() {
            return Err(AppError::Run(tr!(
                ui(),
                "err-key-file-empty",
                path = path.display().to_string()
            )));
        }
        if !header_safe(key) {
            return Err(AppError::Run(tr!(
                ui(),
                "err-key-file-characters",
                path = path.display().to_string()
            )));
        }
        return Ok(Some((ApiKey(key.to_string()), "--api-key-file")));
    }
    match std::env::var("OPENAI_API_KEY") {
        Ok(v) if !v.trim().is_empty() => {
            let key = v.trim();
            if !header_safe(key) {
                return Err(AppError::Usage(tr!(
                    ui(),
                    "err-header-characters",
                    variable = "OPENAI_API_KEY"
                )));
            }
            Ok(Some((ApiKey(key.to_string()), "OPENAI_API_KEY")))
        }
        Ok(_) => Ok(None),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(AppError::Usage(tr!(ui(), "err-key-unicode"))),
    }
}

/// An optional header value from the environment (OPENAI_ORG_ID, OPENAI_PROJECT_ID).
fn header_env(name: &str) -> Result<Option<String>, AppError> {
    match env_nonempty(name) {
        Some(v) if header_safe(v.trim()) => Ok(Some(v.trim().to_string())),
        Some(_) => Err(AppError::Usage(tr!(
            ui(),
            "err-header-characters",
            variable = name
        ))),
        None => Ok(None),
    }
}

/// Reads `--cacert`: at least one PEM certificate and no broken block, or a clear error.
pub fn load_cacert(path: &Path) -> Result<Vec<CertificateDer<'static>>, AppError> {
    let bytes = read_user_file(path, FileRole::Certificates, "--cacert")?;
    pem::certificates(&bytes).map_err(|e| {
        AppError::Run(tr!(
            ui(),
            "err-cacert-not-pem",
            path = path.display().to_string(),
            error = e.message().text(ui())
        ))
    })
}
