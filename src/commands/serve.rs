//! `serve`: a Prometheus exporter over HTTP.
//!
//! * `/metrics` — the latest check (one [`Check`] and one set of tools for the whole life of the
//!   process, refreshed every `--interval`), rendered by [`crate::render::prometheus`].
//! * `/probe?surface=web,api` — a fresh check of those surfaces (blackbox_exporter's style).
//!
//! Never more than one check at a time, however hard it is scraped: every round takes one lock.
//! A request that waited for the lock reuses a round of the same surfaces that started after it
//! arrived, so a burst of concurrent `/probe` requests shares rounds instead of queueing one each.
//! Every request has a timeout, request heads are capped (size and time) and bodies are refused;
//! at most [`MAX_CONNECTIONS`] are open, the one idle the longest closed first. SIGTERM or
//! SIGINT ends the process with exit 0.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use clap::ValueEnum;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::watch;

use crate::catalog::Surface;
use crate::check::Check;
use crate::check::runtime::runtime;
use crate::cli::OutputArgs;
use crate::cli::args::{CheckArgs, ServeArgs};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::probe::plan::ProbeTools;
use crate::render::prometheus::{self, Exposition};
use crate::report::ExitCode;
use crate::report::{Report, ms};
use crate::tr;

/// At most this many connections are open at once. One more makes the one idle the longest (still
/// sending its head, or between requests) close; only when every one is answering does it wait.
pub const MAX_CONNECTIONS: usize = 64;
/// The cap on a request's head (request line and headers), in bytes (hyper's minimum).
pub const MAX_HEAD_BYTES: usize = 8 * 1024;
/// How long a client may take to send a request's head (the whole head, however it trickles).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one connection may stay open (keep-alive included).
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(300);

/// Runs the exporter until SIGTERM or SIGINT; returns 0 then.
pub fn run(args: &ServeArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let check = Check::prepare(&args.check)?;
    let runtime = runtime()?;
    let result = runtime.block_on(serve(check, args, output));
    // Rounds still in flight are dropped with the runtime; nothing outlives the process's answer.
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

/// The surfaces of a round, sorted: the key under which rounds are shared.
type SurfaceKey = Vec<Surface>;

/// What every request handler shares.
struct Exporter {
    args: CheckArgs,
    tools: Arc<ProbeTools>,
    /// The surfaces of the `--interval` rounds (those of the flags; empty means all).
    default_key: SurfaceKey,
    /// Prepared checks per set of surfaces (at most one per subset of the surfaces).
    checks: Mutex<HashMap<SurfaceKey, Arc<Check>>>,
    /// Held for the whole of a round: one round at a time.
    round: tokio::sync::Mutex<()>,
    /// The latest round per set of surfaces, with when it started.
    recent: Mutex<HashMap<SurfaceKey, (Instant, Arc<Report>)>>,
    /// The latest `--interval` round, for `/metrics`.
    latest: watch::Sender<Option<Arc<Report>>>,
    /// How long one request may take: waiting for the round in progress, then its own.
    request_timeout: Duration,
    verbose: bool,
    /// The language of the lines on stderr.
    lang: Lang,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn surface_key(surfaces: &[Surface]) -> SurfaceKey {
    let mut key: Vec<Surface> = surfaces
        .iter()
        .copied()
        .filter(|s| *s != Surface::Control)
        .collect();
    key.sort();
    key.dedup();
    key
}

impl Exporter {
    fn check_for(&self, key: &SurfaceKey) -> Result<Arc<Check>, AppError> {
        if let Some(c) = lock(&self.checks).get(key) {
            return Ok(c.clone());
        }
        let mut args = self.args.clone();
        args.surface = key.clone();
        let check = Arc::new(Check::prepare(&args)?);
        lock(&self.checks).insert(key.clone(), check.clone());
        Ok(check)
    }

    /// A round of `key`'s surfaces that started at or after `asked_at`: the one just finished
    /// by another request, or a new one.
    async fn round(&self, key: SurfaceKey, asked_at: Instant) -> Result<Arc<Report>, AppError> {
        let _one_at_a_time = self.round.lock().await;
        if let Some((started, report)) = lock(&self.recent).get(&key)
            && *started >= asked_at
        {
            return Ok(report.clone());
        }
        let check = self.check_for(&key)?;
        let started = Instant::now();
        let report = Arc::new(check.run(self.tools.clone(), |_| {}).await);
        if self.verbose {
            let lang = self.lang;
            let surfaces = if key.is_empty() {
                tr!(lang, "cmd-serve-all-surfaces")
            } else {
                key.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
            };
            eprintln!(
                "{}",
                tr!(
                    lang,
                    "cmd-serve-round",
                    surfaces = surfaces,
                    code = format!(
                        "{}/{}",
                        report.verdict.layer.as_str(),
                        report.verdict.cause.as_str()
                    ),
                    duration = crate::render::stages::fmt_ms(Some(ms(started.elapsed())))
                )
            );
        }
        lock(&self.recent).insert(key.clone(), (started, report.clone()));
        if key == self.default_key {
            self.latest.send_replace(Some(report.clone()));
        }
        Ok(report)
    }
}

async fn serve(check: Check, args: &ServeArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let lang = output.human_lang();
    let cannot_listen = |e: std::io::Error| {
        AppError::Run(tr!(
            lang,
            "cmd-error-listen",
            address = args.listen.to_string(),
            error = e.to_string()
        ))
    };
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .map_err(cannot_listen)?;
    let local = listener.local_addr().map_err(cannot_listen)?;
    let shutdown = shutdown_signal(lang)?;
    // Said on stderr so a caller that asked for port 0 learns the port.
    eprintln!(
        "{}",
        tr!(lang, "cmd-serve-listening", address = local.to_string())
    );

    let default_key = surface_key(&args.check.surface);
    let tools = check.probe_tools();
    let (latest, _) = watch::channel(None);
    let exporter = Arc::new(Exporter {
        args: args.check.clone(),
        tools,
        checks: Mutex::new(HashMap::from([(default_key.clone(), Arc::new(check))])),
        default_key,
        round: tokio::sync::Mutex::new(()),
        recent: Mutex::new(HashMap::new()),
        latest,
        request_timeout: args.check.max_time.saturating_mul(2) + Duration::from_secs(5),
        verbose: output.verbose > 0,
        lang,
    });

    let refresher = {
        let exporter = exporter.clone();
        let interval = args.interval;
        tokio::spawn(async move {
            loop {
                let key = exporter.default_key.clone();
                if let Err(e) = exporter.round(key, Instant::now()).await {
                    eprintln!("{}", tr!(lang, "cmd-serve-error", error = e.to_string()));
                }
                tokio::time::sleep(interval).await;
            }
        })
    };

    let connections = Arc::new(Connections::default());
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            () = connections.room() => {}
        }
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of descriptors and the like: wait a moment rather than spin.
                    eprintln!("{}", tr!(lang, "cmd-serve-accept-failed", error = e.to_string()));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let exporter = exporter.clone();
        let id = connections.next_id();
        let conns = connections.clone();
        let task = tokio::spawn(async move {
            let registry = conns.clone();
            let service = hyper::service::service_fn(move |req| {
                let (exporter, registry) = (exporter.clone(), registry.clone());
                async move {
                    registry.set_busy(id, true);
                    let response = respond(&exporter, req).await;
                    registry.set_busy(id, false);
                    Ok::<_, Infallible>(response)
                }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_LIFETIME, conn).await;
            conns.remove(id);
        });
        connections.register(id, task.abort_handle());
    }
    refresher.abort();
    if !output.quiet {
        eprintln!("{}", tr!(lang, "cmd-serve-stopped"));
    }
    Ok(ExitCode::Healthy.code())
}

/// The open connections, each with whether it is answering a request and since when it is idle:
/// what lets a new connection close the one idle the longest when all slots are taken (slow
/// clients trickling their heads cannot keep a scrape out).
#[derive(Default)]
struct Connections {
    open: Mutex<HashMap<u64, Slot>>,
    ids: std::sync::atomic::AtomicU64,
    closed: tokio::sync::Notify,
}

struct Slot {
    /// `None` while a request is being answered; else since when the connection is idle.
    idle_since: Option<Instant>,
    abort: Option<tokio::task::AbortHandle>,
}

impl Connections {
    fn next_id(&self) -> u64 {
        let id = self.ids.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        lock(&self.open).insert(
            id,
            Slot {
                idle_since: Some(Instant::now()),
                abort: None,
            },
        );
        id
    }

    fn register(&self, id: u64, abort: tokio::task::AbortHandle) {
        // The task may have ended already (its slot is gone then).
        if let Some(slot) = lock(&self.open).get_mut(&id) {
            slot.abort = Some(abort);
        }
    }

    fn set_busy(&self, id: u64, busy: bool) {
        if let Some(slot) = lock(&self.open).get_mut(&id) {
            slot.idle_since = (!busy).then(Instant::now);
        }
    }

    fn remove(&self, id: u64) {
        lock(&self.open).remove(&id);
        self.closed.notify_one();
    }

    /// Resolves when one more connection may be accepted: at once below the cap, else after
    /// closing the connection idle the longest, else (all answering) when one closes.
    async fn room(&self) {
        loop {
            let notified = self.closed.notified();
            {
                let mut open = lock(&self.open);
                if open.len() < MAX_CONNECTIONS {
                    return;
                }
                let oldest = open
                    .iter()
                    .filter(|(_, s)| s.abort.is_some())
                    .filter_map(|(id, s)| Some((*id, s.idle_since?)))
                    .min_by_key(|(_, since)| *since)
                    .map(|(id, _)| id);
                if let Some(slot) = oldest.and_then(|id| open.remove(&id)) {
                    if let Some(abort) = slot.abort {
                        abort.abort();
                    }
                    return;
                }
            }
            notified.await;
        }
    }
}

/// Resolves on the first SIGTERM or SIGINT (Ctrl-C).
fn shutdown_signal(lang: Lang) -> Result<impl std::future::Future<Output = ()>, AppError> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let cannot = |name: &str, e: std::io::Error| {
            AppError::Run(tr!(
                lang,
                "cmd-error-signal",
                signal = name,
                error = e.to_string()
            ))
        };
        let mut term = signal(SignalKind::terminate()).map_err(|e| cannot("SIGTERM", e))?;
        let mut int = signal(SignalKind::interrupt()).map_err(|e| cannot("SIGINT", e))?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = int.recv() => {},
            }
        })
    }
    #[cfg(not(unix))]
    {
        let _ = lang;
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

fn text(status: StatusCode, body: impl Into<String>) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(body.into())));
    *r.status_mut() = status;
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// The report in the format the scrape's `Accept` asks for (OpenMetrics when accepted, else the
/// text format 0.0.4, as the Prometheus client libraries choose), with its `Content-Type`.
fn metrics(report: &Report, format: Exposition) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(Bytes::from(prometheus::render(report, format))));
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static(format.content_type()),
    );
    r
}

/// The surfaces asked for in `/probe`'s query: `surface=web,api` (repeatable); none means the
/// flags' surfaces.
fn parse_surfaces(query: Option<&str>) -> Result<Option<Vec<Surface>>, String> {
    let mut surfaces = Vec::new();
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if k != "surface" {
            return Err(format!(
                "unknown parameter '{k}' (only surface=web,app,api,auth,assets,status)"
            ));
        }
        for name in v.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            surfaces
                .push(Surface::from_str(name, true).map_err(|_| {
                    format!("unknown surface '{name}' (web, app, api, auth, assets, status)")
                })?);
        }
    }
    Ok((!surfaces.is_empty()).then_some(surfaces))
}

async fn respond(exporter: &Exporter, req: Request<Incoming>) -> Response<Full<Bytes>> {
    let asked_at = Instant::now();
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut().insert(
            hyper::header::ALLOW,
            hyper::header::HeaderValue::from_static("GET, HEAD"),
        );
        return r;
    }
    // No endpoint takes a body; one that is announced is refused without being read.
    let has_body = req.headers().contains_key(hyper::header::TRANSFER_ENCODING)
        || req
            .headers()
            .get(hyper::header::CONTENT_LENGTH)
            .is_some_and(|v| v.as_bytes() != b"0");
    if has_body {
        return text(StatusCode::PAYLOAD_TOO_LARGE, "requests carry no body here\n");
    }
    let timeout = exporter.request_timeout;
    let format = Exposition::negotiate(
        req.headers()
            .get(hyper::header::ACCEPT)
            .and_then(|v| v.to_str().ok()),
    );
    match req.uri().path() {
        "/" => text(
            StatusCode::OK,
            "chatgpt-doctor exporter\n  /metrics                 the latest check\n  /probe?surface=web,api   a fresh check of those surfaces\n",
        ),
        "/metrics" => {
            let mut rx = exporter.latest.subscribe();
            let ready = tokio::time::timeout(timeout, rx.wait_for(Option::is_some)).await;
            match ready {
                Ok(Ok(latest)) => match latest.as_ref() {
                    Some(report) => metrics(report, format),
                    None => text(StatusCode::SERVICE_UNAVAILABLE, "no check has finished yet\n"),
                },
                _ => text(StatusCode::SERVICE_UNAVAILABLE, "no check has finished yet\n"),
            }
        }
        "/probe" => {
            let key = match parse_surfaces(req.uri().query()) {
                Ok(Some(s)) => surface_key(&s),
                Ok(None) => exporter.default_key.clone(),
                Err(e) => return text(StatusCode::BAD_REQUEST, format!("{e}\n")),
            };
            match tokio::time::timeout(timeout, exporter.round(key, asked_at)).await {
                Ok(Ok(report)) => metrics(&report, format),
                Ok(Err(e)) => text(StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")),
                Err(_) => text(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the check did not finish in time\n",
                ),
            }
        }
        _ => text(
            StatusCode::NOT_FOUND,
            "not found: try /metrics or /probe?surface=web,api\n",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_surfaces_come_from_the_query() {
        assert_eq!(parse_surfaces(None), Ok(None));
        assert_eq!(
            parse_surfaces(Some("surface=web,api&surface=status")),
            Ok(Some(vec![Surface::Web, Surface::Api, Surface::Status]))
        );
        assert!(parse_surfaces(Some("surface=control")).is_err());
        assert!(parse_surfaces(Some("target=x")).is_err());
        assert_eq!(
            surface_key(&[Surface::Api, Surface::Web, Surface::Api]),
            vec![Surface::Web, Surface::Api]
        );
    }
}
