//! Fetching a PAC file: a path or `file://` URL, or an `http://`/`https://` URL, each capped in
//! bytes and bounded by the deadline.
//!
//! **Files** are read on a thread of their own and only when they are regular files: a FIFO, a
//! device, a directory or a socket is refused from its metadata, before any open (opening a FIFO
//! waits for a writer). The type is checked again on the opened file; should the path change
//! in between, the deadline still ends the wait and the thread is left to finish alone.
//!
//! **http(s)** goes through the tool's own probe pipeline (`probe::pipeline::probe_request`):
//! the same resolver, `--resolve`/`--connect-to` rules, trust stores (nothing is read over TLS
//! that neither store accepts), stage timeouts and failure strings as every other request, and
//! its body cap. Proxies are not used: browsers fetch a PAC file directly, since the PAC is what
//! chooses the proxy. Redirects are followed, at most [`MAX_REDIRECTS`] of them, within the same
//! deadline. Any media type is accepted (many servers send `text/plain`), but one other than
//! `application/x-ns-proxy-autoconfig` or `application/x-javascript-config` is noted.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use url::Url;

use super::error::PacError;
use crate::catalog::{Surface, Target};
use crate::i18n::Message;
use crate::input::{CappedReadError, read_capped};
use crate::msg;
use crate::probe::pipeline::probe_request;
use crate::probe::plan::{Plan, ProbeTools};
use crate::probe::{HttpDetail, Outcome, RequestSpec, SkipReason, Stage, TargetObservation};
use crate::route::ProxySettings;

/// The most redirects followed.
pub const MAX_REDIRECTS: usize = 5;
/// The media types of PAC files.
pub const PAC_MEDIA_TYPES: [&str; 2] = [
    "application/x-ns-proxy-autoconfig",
    "application/x-javascript-config",
];

/// A fetched PAC script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PacScript {
    /// The script, decoded.
    pub text: String,
    /// Where it came from: the path read, or the URL answered (after redirects).
    pub location: String,
    /// Its size as received.
    pub bytes: usize,
    /// The `Content-Type` the server sent (http(s) only).
    pub media_type: Option<String>,
    /// What is worth telling about the fetch, though it did not stop it.
    pub notes: Vec<PacNote>,
    pub elapsed: Duration,
}

/// Something odd about a fetch that did not stop it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PacNote {
    /// Served with a media type other than the PAC ones (browsers differ on whether they care).
    UnexpectedMediaType { media_type: String },
    /// Not UTF-8: read as Latin-1, as Chrome does.
    NotUtf8,
    /// The location redirected to `to`.
    Redirected { from: String, to: String },
}

impl PacNote {
    /// The stable code: `unexpected_media_type`, `not_utf8`, `redirected`.
    pub fn code(&self) -> &'static str {
        match self {
            PacNote::UnexpectedMediaType { .. } => "unexpected_media_type",
            PacNote::NotUtf8 => "not_utf8",
            PacNote::Redirected { .. } => "redirected",
        }
    }

    /// The note in words.
    pub fn message(&self) -> Message {
        match self {
            PacNote::UnexpectedMediaType { media_type } => {
                msg!("pac-note-media-type", media_type = media_type)
            }
            PacNote::NotUtf8 => msg!("pac-note-not-utf8"),
            PacNote::Redirected { from, to } => msg!("pac-note-redirected", from = from, to = to),
        }
    }
}

/// Where a location points.
enum Source {
    File(PathBuf),
    Web(Url),
}

/// Reads a location as a path, a `file://` URL or an http(s) URL. A one-letter scheme is a
/// Windows drive (`C:\proxy.pac`), not a scheme.
fn source(location: &str) -> Result<Source, PacError> {
    let location = location.trim();
    let bad = || PacError::BadLocation {
        location: location.to_string(),
    };
    match Url::parse(location) {
        Ok(url) if url.scheme() == "file" => url.to_file_path().map(Source::File).map_err(|()| bad()),
        Ok(url) if matches!(url.scheme(), "http" | "https") => Ok(Source::Web(url)),
        Ok(url) if url.scheme().len() > 1 => Err(bad()),
        _ if location.is_empty() => Err(bad()),
        _ => Ok(Source::File(PathBuf::from(location))),
    }
}

/// Fetches the PAC file at `location` (a path, `file://`, `http://` or `https://`): at most
/// `byte_cap` bytes, before `deadline`. http(s) uses `plan`'s resolver rules and timeouts and
/// `tools`' resolver and trust stores, but no proxy.
pub async fn fetch(
    location: &str,
    plan: &Plan,
    tools: &ProbeTools,
    byte_cap: usize,
    deadline: Instant,
) -> Result<PacScript, PacError> {
    let started = Instant::now();
    let (bytes, location, media_type, mut notes) = match source(location)? {
        Source::File(path) => {
            let shown = path.display().to_string();
            (read_file(path, byte_cap, deadline).await?, shown, None, vec![])
        }
        Source::Web(url) => {
            let got = fetch_web(url, plan, tools, byte_cap, deadline).await?;
            (got.body, got.url, got.media_type, got.notes)
        }
    };
    if let Some(media_type) = &media_type {
        let essence = media_type.split(';').next().unwrap_or_default().trim();
        if !PAC_MEDIA_TYPES.iter().any(|t| t.eq_ignore_ascii_case(essence)) {
            notes.push(PacNote::UnexpectedMediaType {
                media_type: media_type.clone(),
            });
        }
    }
    let size = bytes.len();
    let (text, utf8) = decode(bytes);
    if !utf8 {
        notes.push(PacNote::NotUtf8);
    }
    Ok(PacScript {
        text,
        location,
        bytes: size,
        media_type,
        notes,
        elapsed: started.elapsed(),
    })
}

/// UTF-8 without its byte-order mark; anything else as Latin-1 (every byte one character).
/// The flag is false for Latin-1.
fn decode(bytes: Vec<u8>) -> (String, bool) {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(text) => (text.to_string(), true),
        Err(_) => (body.iter().map(|&b| char::from(b)).collect(), false),
    }
}

/// Reads a regular file on a thread of its own, so that nothing the path turns out to be can
/// hold the caller past `deadline`.
async fn read_file(path: PathBuf, cap: usize, deadline: Instant) -> Result<Vec<u8>, PacError> {
    let shown = path.display().to_string();
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("pac-file".to_string())
        .spawn(move || {
            // The receiver may have stopped waiting: nothing left to tell.
            let _ = tx.send(read_regular(&path, cap));
        })
        .map_err(|e| PacError::Unreadable {
            path: shown.clone(),
            error: e.to_string(),
        })?;
    match tokio::time::timeout_at(deadline.into(), rx).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(PacError::Engine {
            detail: "file_thread_ended".to_string(),
        }),
        Err(_) => Err(PacError::FetchDeadline { location: shown }),
    }
}

/// The file's bytes, when it is a regular file of at most `cap` bytes (the one capped reader).
fn read_regular(path: &Path, cap: usize) -> Result<Vec<u8>, PacError> {
    let shown = || path.display().to_string();
    read_capped(path, cap as u64).map_err(|e| match e {
        CappedReadError::NotAFile(kind) => PacError::NotAFile { path: shown(), kind },
        CappedReadError::TooLarge { seen, .. } => PacError::TooLarge {
            bytes: seen,
            limit: cap,
        },
        CappedReadError::NotFound => PacError::Unreadable {
            path: shown(),
            error: std::io::Error::from(std::io::ErrorKind::NotFound).to_string(),
        },
        CappedReadError::Io(e) => PacError::Unreadable {
            path: shown(),
            error: e.to_string(),
        },
    })
}

/// What an http(s) fetch brought back.
struct WebBody {
    body: Vec<u8>,
    url: String,
    media_type: Option<String>,
    notes: Vec<PacNote>,
}

/// GETs `url` through the probe pipeline, directly, following redirects.
async fn fetch_web(
    url: Url,
    plan: &Plan,
    tools: &ProbeTools,
    cap: usize,
    deadline: Instant,
) -> Result<WebBody, PacError> {
    let plan = Plan {
        proxies: Arc::new(ProxySettings::default()),
        decided: None,
        ..plan.clone()
    };
    let request = RequestSpec {
        headers: vec![(
            "accept".to_string(),
            format!("{}, */*;q=0.8", PAC_MEDIA_TYPES.join(", ")),
        )],
        body_cap: cap,
        full_body_wait: true,
        browser_handshake: false,
        secret: false,
    };
    let mut url = url;
    let mut notes = Vec::new();
    for _ in 0..=MAX_REDIRECTS {
        if Instant::now() >= deadline {
            return Err(PacError::FetchDeadline {
                location: url.to_string(),
            });
        }
        let target = Target {
            name: format!("pac {url}"),
            surface: Surface::Control,
            url: url.clone(),
        };
        let observation = probe_request(target, &request, &plan, tools, deadline).await;
        let Some(response) = observation.response() else {
            return Err(transport_error(&url, &observation));
        };
        let status = response.status;
        if (300..400).contains(&status) {
            let next = response
                .header("location")
                .and_then(|l| url.join(l).ok())
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .ok_or_else(|| PacError::HttpStatus {
                    url: url.to_string(),
                    status,
                })?;
            notes.push(PacNote::Redirected {
                from: url.to_string(),
                to: next.to_string(),
            });
            url = next;
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(PacError::HttpStatus {
                url: url.to_string(),
                status,
            });
        }
        if response.body_truncated {
            return Err(cut_body(&url, response, cap));
        }
        return Ok(WebBody {
            body: response.body.clone(),
            url: url.to_string(),
            media_type: response.header("content-type").map(str::to_string),
            notes,
        });
    }
    Err(PacError::TooManyRedirects {
        url: url.to_string(),
        limit: MAX_REDIRECTS,
    })
}

/// A body cut short: over the cap (its size from `Content-Length` when the server sent one),
/// or cut by the stage's time.
fn cut_body(url: &Url, response: &HttpDetail, cap: usize) -> PacError {
    if response.body.len() >= cap {
        let announced = response
            .header("content-length")
            .and_then(|l| l.trim().parse::<u64>().ok());
        return PacError::TooLarge {
            bytes: announced
                .unwrap_or(response.body.len() as u64)
                .max(cap as u64 + 1),
            limit: cap,
        };
    }
    PacError::BodyCut {
        url: url.to_string(),
        bytes: response.body.len(),
    }
}

/// The first stage that failed on the way to no answer, as data: its name, its failure string
/// and what it said; the deadline when the run's deadline cut it.
fn transport_error(url: &Url, observation: &TargetObservation) -> PacError {
    fn failed<T>(name: &'static str, stage: &Stage<T>) -> Option<(&'static str, bool, String, String)> {
        match &stage.outcome {
            Outcome::Failed { failure, message } => Some((
                name,
                stage.cut_by_deadline,
                failure.as_str().to_string(),
                message.clone(),
            )),
            Outcome::Skipped { .. } if stage.cut_by_deadline => {
                Some((name, true, String::new(), String::new()))
            }
            Outcome::Ok | Outcome::Skipped { .. } => None,
        }
    }
    let best = observation.best();
    let found = observation
        .dns
        .as_ref()
        .and_then(|s| failed("dns", s))
        .or_else(|| best.and_then(|a| failed("tcp", &a.tcp)))
        .or_else(|| {
            best.and_then(|a| a.proxy.as_ref())
                .and_then(|s| failed("proxy", s))
        })
        .or_else(|| best.and_then(|a| a.tls.as_ref()).and_then(|s| failed("tls", s)))
        .or_else(|| best.and_then(|a| failed("http", &a.http)));
    match found {
        Some((_, true, _, _)) => PacError::FetchDeadline {
            location: url.to_string(),
        },
        Some((stage, false, failure, detail)) => PacError::Fetch {
            url: url.to_string(),
            stage,
            failure,
            detail,
        },
        // No address in an allowed family, or a stage skipped for a reason of its own.
        None => PacError::Fetch {
            url: url.to_string(),
            stage: "dns",
            failure: SkipReason::NoAddressInFamily.as_str().to_string(),
            detail: String::new(),
        },
    }
}
