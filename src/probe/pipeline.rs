//! One target's chain of stages: dns → (per family) tcp → proxy → tls → http, each stage under
//! the stage timeout and the run's deadline. The dns stage asks the OS resolver, as apps do,
//! unless `--dns-server` chose the resolver. Targets and DoH lookups alike run through it, so
//! `--connect-to`, `--resolve`, proxies, `-4`/`-6` and the timeouts apply to both.

use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;

use super::http::HttpRequest;
use super::observation::{
    Attempt, BrowserHelloDetail, DEFAULT_DECOY_SNI, Decoy, DnsDetail, DnsSource, Family, FamilyLookup,
    HttpDetail, Outcome, ProxyDetail, RequestSpec, SkipReason, Stage, TargetObservation, TcpDetail,
    TlsDetail,
};
use super::plan::{Plan, ProbeTools};
use super::waits::{WaitGuard, WaitStage};
use crate::catalog::Target;
use crate::route::{ProxyConfig, ProxyScheme, Route, bracket, dial, pinned};

/// Counts a wait in `stage` for `target` (for a progress display) until dropped.
fn waiting<'a>(tools: &'a ProbeTools, target: &Target, stage: WaitStage, allowed: Duration) -> WaitGuard<'a> {
    tools
        .waits
        .enter(stage, target.surface != crate::catalog::Surface::Control, allowed)
}

/// The wait allowed for the next stage.
pub(super) fn stage_timeout(timeout: Duration, deadline: Instant) -> Duration {
    timeout.min(deadline.saturating_duration_since(Instant::now()))
}

/// dns → (per family) tcp → tls → http for one target, with a plain GET.
pub async fn probe_target(
    target: Target,
    plan: &Plan,
    tools: &ProbeTools,
    deadline: Instant,
) -> TargetObservation {
    probe_request(target, &RequestSpec::default(), plan, tools, deadline).await
}

/// dns → (per family) tcp → tls → http for one target, sending `request`.
pub async fn probe_request(
    target: Target,
    request: &RequestSpec,
    plan: &Plan,
    tools: &ProbeTools,
    deadline: Instant,
) -> TargetObservation {
    let (dial_host, dial_port) = dial(&target.host(), target.port(), &plan.connect_to);
    let ctx = AttemptContext {
        target: &target,
        request,
        timeout: plan.timeout,
        tools,
        deadline,
    };
    // Through a proxy, the proxy resolves and connects: no DNS stage of ours, one attempt.
    if let Route::Proxy(proxy) = plan.route(&target.url) {
        let attempt = attempt_via(ctx, proxy, &dial_host, dial_port).await;
        return TargetObservation {
            target,
            dns: None,
            attempts: vec![attempt],
        };
    }
    let (dns, addrs) = {
        let _wait = waiting(
            tools,
            &target,
            WaitStage::Dns,
            stage_timeout(plan.timeout, deadline),
        );
        addresses(&target, &dial_host, dial_port, plan, tools, deadline).await
    };

    let families: Vec<Family> = plan
        .families
        .iter()
        .copied()
        .filter(|f| addrs.iter().any(|a| Family::of(a) == *f))
        .collect();
    let sockets = |family: Family| -> Vec<SocketAddr> {
        addrs
            .iter()
            .filter(|a| Family::of(a) == family)
            .map(|a| SocketAddr::new(*a, dial_port))
            .collect()
    };
    let one = |family: Family| attempt(ctx, family, sockets(family));
    // Families run concurrently: a dead IPv6 path must not delay the IPv4 answer.
    let mut attempts = match families.as_slice() {
        [] => vec![],
        [a] => vec![one(*a).await],
        [a, b, ..] => {
            let (x, y) = tokio::join!(one(*a), one(*b));
            vec![x, y]
        }
    };
    if attempts.is_empty() && dns.as_ref().is_some_and(Stage::is_ok) {
        // Names resolved, but only in families excluded by -4/-6.
        attempts.push(Attempt {
            family: plan.families.first().copied().unwrap_or(Family::Ipv4),
            proxy: None,
            tcp: Stage::skipped(SkipReason::NoAddressInFamily),
            tls: target.is_tls().then(|| Stage::skipped(SkipReason::TcpFailed)),
            http: Stage::skipped(SkipReason::TcpFailed),
        });
    }
    TargetObservation {
        target,
        dns,
        attempts,
    }
}

/// The addresses to connect to for `dial_host:dial_port`, and the dns stage that found them: an
/// address written in place of the name, a `--resolve` rule, or a lookup — through the OS
/// resolver as apps do, or through the server `--dns-server` chose.
async fn addresses(
    target: &Target,
    dial_host: &str,
    dial_port: u16,
    plan: &Plan,
    tools: &ProbeTools,
    deadline: Instant,
) -> (Option<Stage<DnsDetail>>, Vec<IpAddr>) {
    if let Ok(ip) = dial_host.parse::<IpAddr>() {
        // --connect-to named an address: record it as a literal lookup.
        let dns = (!target.is_ip_literal()).then(|| literal_stage(dial_host, ip));
        return (dns, vec![ip]);
    }
    if let Some(rule) = pinned(
        &plan.resolve,
        (dial_host, dial_port),
        (&target.host(), target.port()),
    ) {
        let dns = pinned_stage(dial_host, &rule.addrs, &plan.families);
        return (Some(dns), rule.addrs.clone());
    }
    let t = stage_timeout(plan.timeout, deadline);
    let stage = if t.is_zero() {
        Stage::deadline_skipped()
    } else if tools.dns.server_chosen() {
        tools
            .dns
            .lookup(dial_host, &plan.families, t)
            .await
            .deadline_checked(t, plan.timeout)
    } else {
        // As apps resolve it: the connections go where theirs would.
        super::os_resolver::lookup(dial_host, dial_port, &plan.families, t)
            .await
            .deadline_checked(t, plan.timeout)
    };
    let addrs = stage
        .detail
        .as_ref()
        .map(|d| d.addrs().copied().collect())
        .unwrap_or_default();
    (Some(stage), addrs)
}

/// What every attempt of one target shares.
#[derive(Clone, Copy)]
struct AttemptContext<'a> {
    target: &'a Target,
    request: &'a RequestSpec,
    timeout: Duration,
    tools: &'a ProbeTools,
    deadline: Instant,
}

/// One direct attempt: tcp to this family's addresses, then TLS and HTTP.
async fn attempt(ctx: AttemptContext<'_>, family: Family, sockets: Vec<SocketAddr>) -> Attempt {
    let t = stage_timeout(ctx.timeout, ctx.deadline);
    if t.is_zero() {
        return Attempt {
            family,
            tcp: Stage::deadline_skipped(),
            proxy: None,
            tls: ctx.target.is_tls().then(Stage::deadline_skipped),
            http: Stage::deadline_skipped(),
        };
    }
    let (tcp, stream) = {
        let _wait = waiting(ctx.tools, ctx.target, WaitStage::Tcp, t);
        super::tcp::connect(&sockets, t).await
    };
    let tcp = tcp.deadline_checked(t, ctx.timeout);
    tls_and_http(ctx, family, tcp, None, stream, Forward::No).await
}

/// How a plain-http request goes through an http proxy: in absolute form, with its credentials.
enum Forward {
    No,
    Through(Option<String>),
}

/// One attempt through a proxy: the proxy's own tcp stage and its proxy stage (CONNECT or
/// SOCKS), then TLS and HTTP through the tunnel. Plain-http targets behind an http:// proxy are
/// sent to it in absolute form, as browsers do (CONNECT is often limited to port 443).
async fn attempt_via(ctx: AttemptContext<'_>, proxy: &ProxyConfig, host: &str, port: u16) -> Attempt {
    let t = stage_timeout(ctx.timeout, ctx.deadline);
    if t.is_zero() {
        return Attempt {
            family: Family::Ipv4,
            tcp: Stage::deadline_skipped(),
            proxy: Some(Stage::deadline_skipped()),
            tls: ctx.target.is_tls().then(Stage::deadline_skipped),
            http: Stage::deadline_skipped(),
        };
    }
    if !ctx.target.is_tls() && proxy.scheme == ProxyScheme::Http {
        let (tcp, stream) = {
            let _wait = waiting(ctx.tools, ctx.target, WaitStage::Tcp, t);
            super::proxy::connect_to_proxy(proxy, t).await
        };
        let tcp = tcp.deadline_checked(t, ctx.timeout);
        let family = tcp
            .detail
            .as_ref()
            .map_or(Family::Ipv4, |d| Family::of(&d.peer.ip()));
        let authorization = proxy.basic_token().map(|tok| format!("Basic {tok}"));
        return tls_and_http(ctx, family, tcp, None, stream, Forward::Through(authorization)).await;
    }
    let out = {
        let _wait = waiting(ctx.tools, ctx.target, WaitStage::Tcp, t);
        super::proxy::connect_via(proxy, host, port, t).await
    };
    let tcp = out.tcp.deadline_checked(t, ctx.timeout);
    let family = tcp
        .detail
        .as_ref()
        .map_or(Family::Ipv4, |d| Family::of(&d.peer.ip()));
    let proxy_stage = out.proxy.deadline_checked(t, ctx.timeout);
    tls_and_http(ctx, family, tcp, Some(proxy_stage), out.stream, Forward::No).await
}

/// Everything after the connection: TLS (with the SNI test), then HTTP; or their skips, saying
/// why, when the connection did not open.
async fn tls_and_http(
    ctx: AttemptContext<'_>,
    family: Family,
    tcp: Stage<TcpDetail>,
    proxy: Option<Stage<ProxyDetail>>,
    stream: Option<TcpStream>,
    forward: Forward,
) -> Attempt {
    let AttemptContext {
        target,
        timeout,
        tools,
        deadline,
        ..
    } = ctx;
    let request = RequestParts::new(target, ctx.request, &forward);
    let proxied = proxy.is_some() || matches!(forward, Forward::Through(_));
    let Some(stream) = stream else {
        let why = if proxy.as_ref().is_some_and(|p| !p.is_ok()) {
            SkipReason::ProxyFailed
        } else {
            SkipReason::TcpFailed
        };
        return Attempt {
            family,
            tcp,
            proxy,
            tls: target.is_tls().then(|| Stage::skipped(why)),
            http: Stage::skipped(why),
        };
    };

    if !target.is_tls() {
        let http = plain_http(ctx, &tcp, proxied, stream, request.as_http()).await;
        return Attempt {
            family,
            tcp,
            proxy,
            tls: None,
            http,
        };
    }

    let t = stage_timeout(timeout, deadline);
    if t.is_zero() {
        return Attempt {
            family,
            tcp,
            proxy,
            tls: Some(Stage::deadline_skipped()),
            http: Stage::deadline_skipped(),
        };
    }
    let host = target.host();
    // Not through a proxy: the address the extra handshakes try would be the proxy's.
    let browser = (!proxied && ctx.request.browser_handshake)
        .then(|| start_browser_handshake(&tcp, &host, t))
        .flatten();
    let (tls, tls_stream) = {
        let _wait = waiting(tools, target, WaitStage::Tls, t);
        super::tls::handshake(&tools.tls, stream, &host, t).await
    };
    let mut tls = tls.deadline_checked(t, timeout);
    if !proxied {
        sni_test(ctx, &tcp, &host, &mut tls).await;
    }
    let Some(tls_stream) = tls_stream else {
        attach_browser_handshake(&mut tls, browser).await;
        return Attempt {
            family,
            tcp,
            proxy,
            tls: Some(tls),
            http: Stage::skipped(SkipReason::TlsFailed),
        };
    };
    let throttle_test = !proxied && slow_handshake(&tcp, &tls);
    let http = http_over_tls(ctx, &tls, tls_stream, request.as_http());
    let (http, decoy) = tokio::join!(http, async {
        match (throttle_test, tcp.detail.as_ref()) {
            (true, Some(d)) => Some(decoy(ctx, d.peer).await),
            _ => None,
        }
    });
    if let (Some(decoy), Some(d)) = (decoy, tls.detail.as_mut()) {
        d.decoy = Some(Box::new(decoy));
    }
    attach_browser_handshake(&mut tls, browser).await;
    Attempt {
        family,
        tcp,
        proxy,
        tls: Some(tls),
        http,
    }
}

/// The HTTP stage's request, owned: origin form, or absolute form with the proxy's credentials
/// when it is forwarded through an http:// proxy.
struct RequestParts {
    scheme: String,
    authority: String,
    path: String,
    headers: Vec<(String, String)>,
    body_cap: usize,
    full_body_wait: bool,
}

impl RequestParts {
    /// The request `target` gets, forwarded or not.
    fn new(target: &Target, request: &RequestSpec, forward: &Forward) -> RequestParts {
        let host = target.host();
        let authority = match target.url.port() {
            Some(p) => format!("{}:{p}", bracket(&host)),
            None => bracket(&host),
        };
        let (path, headers) = match forward {
            Forward::No => (target.path_and_query(), request.headers.clone()),
            Forward::Through(auth) => {
                let mut h = request.headers.clone();
                if let Some(a) = auth {
                    h.push(("proxy-authorization".into(), a.clone()));
                }
                (target.url.to_string(), h)
            }
        };
        RequestParts {
            scheme: target.url.scheme().to_string(),
            authority,
            path,
            headers,
            body_cap: request.body_cap,
            full_body_wait: request.full_body_wait,
        }
    }

    /// The request as the http stage takes it, borrowing these parts.
    fn as_http(&self) -> HttpRequest<'_> {
        HttpRequest {
            scheme: &self.scheme,
            authority: &self.authority,
            path: &self.path,
            headers: &self.headers,
            body_cap: self.body_cap,
            full_body_wait: self.full_body_wait,
        }
    }
}

/// The HTTP stage of a plain-http target. A secret request (the key check) is sent in the clear
/// only to a loopback address reached directly.
async fn plain_http(
    ctx: AttemptContext<'_>,
    tcp: &Stage<TcpDetail>,
    proxied: bool,
    stream: TcpStream,
    request: HttpRequest<'_>,
) -> Stage<HttpDetail> {
    let t = stage_timeout(ctx.timeout, ctx.deadline);
    let peer_loopback = !proxied && tcp.detail.as_ref().is_some_and(|d| d.peer.ip().is_loopback());
    if ctx.request.secret && !peer_loopback {
        Stage::skipped(SkipReason::PlainHttp)
    } else if t.is_zero() {
        Stage::deadline_skipped()
    } else {
        let _wait = waiting(ctx.tools, ctx.target, WaitStage::Http, t);
        super::http::get(stream, false, request, t)
            .await
            .deadline_checked(t, ctx.timeout)
    }
}

/// True when a completed handshake took many round trips (the connect's time) and long enough to
/// matter: worth asking whether the same address is fast under another name.
fn slow_handshake(tcp: &Stage<TcpDetail>, tls: &Stage<TlsDetail>) -> bool {
    match (tcp.duration, tls.duration) {
        (Some(connect), Some(handshake)) if tls.is_ok() => super::tls::slow_handshake(connect, handshake),
        _ => false,
    }
}

/// A handshake naming the decoy at `peer`, within the stage wait.
async fn decoy(ctx: AttemptContext<'_>, peer: SocketAddr) -> Decoy {
    let t = stage_timeout(ctx.timeout, ctx.deadline).max(Duration::from_millis(1));
    super::tls::decoy_handshake(&ctx.tools.tls, peer, DEFAULT_DECOY_SNI, t).await
}

/// Starts the browser-shaped handshake to the address `tcp` connected to, beside the chain.
fn start_browser_handshake(
    tcp: &Stage<TcpDetail>,
    host: &str,
    t: Duration,
) -> Option<tokio::task::JoinHandle<Stage<BrowserHelloDetail>>> {
    let peer = tcp.detail.as_ref()?.peer;
    let sni = host.to_string();
    Some(tokio::spawn(async move {
        super::browser_hello::browser_handshake(peer, &sni, t).await
    }))
}

/// Waits for the browser-shaped handshake and keeps it in the TLS stage's detail.
async fn attach_browser_handshake(
    tls: &mut Stage<TlsDetail>,
    browser: Option<tokio::task::JoinHandle<Stage<BrowserHelloDetail>>>,
) {
    let Some(handle) = browser else { return };
    match tls.detail.as_mut() {
        Some(d) => {
            if let Ok(stage) = handle.await {
                d.browser = Some(Box::new(stage));
            }
        }
        None => handle.abort(),
    }
}

/// The SNI test: the handshake naming the host died the way filters kill it; does the same
/// address answer another name? The decoy's handshake is kept in the TLS stage's detail.
async fn sni_test(ctx: AttemptContext<'_>, tcp: &Stage<TcpDetail>, host: &str, tls: &mut Stage<TlsDetail>) {
    let peer = tcp.detail.as_ref().map(|d| d.peer);
    if let (Some(peer), Some(f)) = (peer, tls.outcome.failure())
        && !tls.cut_by_deadline
        && super::tls::filter_like(f)
        && host.parse::<IpAddr>().is_err()
        && !host.eq_ignore_ascii_case(DEFAULT_DECOY_SNI)
    {
        let t = stage_timeout(ctx.timeout, ctx.deadline);
        if !t.is_zero() {
            let decoy = super::tls::decoy_handshake(&ctx.tools.tls, peer, DEFAULT_DECOY_SNI, t).await;
            if let Some(d) = tls.detail.as_mut() {
                d.decoy = Some(Box::new(decoy));
            }
        }
    }
}

/// The HTTP stage over TLS (HTTP/2 when ALPN chose it). A secret request is sent only when the
/// public store trusts the chain, so a key never reaches an interceptor the system trusts.
async fn http_over_tls(
    ctx: AttemptContext<'_>,
    tls: &Stage<TlsDetail>,
    stream: TlsStream<TcpStream>,
    request: HttpRequest<'_>,
) -> Stage<HttpDetail> {
    let h2 = tls.detail.as_ref().and_then(|d| d.alpn.as_deref()) == Some("h2");
    let publicly_trusted = tls
        .detail
        .as_ref()
        .and_then(|d| d.public_store.as_ref())
        .is_some_and(super::observation::Verification::is_trusted);
    let t = stage_timeout(ctx.timeout, ctx.deadline);
    if ctx.request.secret && !publicly_trusted {
        Stage::skipped(SkipReason::NotVerified)
    } else if t.is_zero() {
        Stage::deadline_skipped()
    } else {
        let _wait = waiting(ctx.tools, ctx.target, WaitStage::Http, t);
        super::http::get(stream, h2, request, t)
            .await
            .deadline_checked(t, ctx.timeout)
    }
}

/// The dns stage of an address written in place of a name.
fn literal_stage(host: &str, ip: IpAddr) -> Stage<DnsDetail> {
    let detail = DnsDetail {
        query: host.to_string(),
        source: DnsSource::Literal,
        lookups: vec![FamilyLookup {
            family: Family::of(&ip),
            outcome: Outcome::Ok,
            addrs: vec![ip],
            ttl: None,
            duration: Duration::ZERO,
        }],
    };
    Stage::ok(Duration::ZERO, detail)
}

/// The dns stage of a name pinned by `--resolve`: its addresses, by family.
fn pinned_stage(host: &str, addrs: &[IpAddr], families: &[Family]) -> Stage<DnsDetail> {
    let lookups = families
        .iter()
        .map(|f| {
            let a: Vec<IpAddr> = addrs.iter().copied().filter(|ip| Family::of(ip) == *f).collect();
            FamilyLookup {
                family: *f,
                outcome: Outcome::Ok,
                addrs: a,
                ttl: None,
                duration: Duration::ZERO,
            }
        })
        .collect();
    let detail = DnsDetail {
        query: host.to_string(),
        source: DnsSource::Pinned,
        lookups,
    };
    super::dns::summarize(detail, Duration::ZERO)
}
