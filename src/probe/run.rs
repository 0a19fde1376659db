//! Runs every target concurrently, each stage under its timeout and the whole run under its
//! deadline. Every stage's wait is `min(--timeout, time left before --max-time)`, so targets
//! finish by the deadline on their own; a short grace period then cuts any straggler.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tokio::task::JoinSet;

use super::dns::Dns;
use super::observation::{
    Attempt, DnsDetail, DnsSource, DohLookup, Family, FamilyLookup, Observations, Outcome, ProxyDetail,
    RequestSpec, SkipReason, Stage, TargetObservation, TcpDetail,
};
use super::tls::TlsContext;
use crate::catalog::Target;
use crate::route::{ConnectTo, ResolveRule, bracket, dial};

/// What to probe and how.
#[derive(Debug, Clone)]
pub struct Plan {
    pub targets: Vec<Target>,
    pub families: Vec<Family>,
    pub resolve: Vec<ResolveRule>,
    pub connect_to: Vec<ConnectTo>,
    pub timeout: Duration,
    pub max_time: Duration,
    /// Status page documents to fetch (body cap raised for them).
    pub status_documents: Vec<Target>,
    /// The authenticated API request, when a key is configured.
    pub key_check: Option<(Target, RequestSpec)>,
    /// Proxy settings (environment and flags): which targets go through which proxy.
    pub proxies: Arc<crate::route::ProxySettings>,
    /// DNS-over-HTTPS control resolvers, asked only about OpenAI names whose answers the TLS
    /// handshake did not prove (or that did not resolve).
    pub doh: Vec<url::Url>,
}

/// The body cap for status page documents (incident lists run long).
pub const STATUS_DOCUMENT_CAP: usize = 2 * 1024 * 1024;

/// Shared, read-only state of a run.
pub struct Probers {
    pub dns: Dns,
    pub tls: TlsContext,
}

/// How long past the deadline stragglers may take before they are cut.
const GRACE: Duration = Duration::from_millis(250);

/// Probes every target; `on_done` is called as each finishes (for progress display).
pub async fn run(
    plan: &Plan,
    probers: Arc<Probers>,
    mut on_done: impl FnMut(&TargetObservation),
) -> Observations {
    let started_at = SystemTime::now();
    let start = Instant::now();
    let deadline = start + plan.max_time;
    // One job list: the targets, then the status documents, then the key check.
    let mut jobs: Vec<(Target, RequestSpec)> = plan
        .targets
        .iter()
        .map(|t| (t.clone(), RequestSpec::default()))
        .collect();
    let documents = RequestSpec {
        body_cap: STATUS_DOCUMENT_CAP,
        ..RequestSpec::default()
    };
    jobs.extend(
        plan.status_documents
            .iter()
            .map(|t| (t.clone(), documents.clone())),
    );
    jobs.extend(plan.key_check.iter().cloned());
    let mut set = JoinSet::new();
    for (i, (target, request)) in jobs.iter().cloned().enumerate() {
        let probers = probers.clone();
        let plan = plan.clone();
        set.spawn(async move {
            (
                i,
                probe_request(target, &request, &plan, &probers, deadline).await,
            )
        });
    }
    // DNS controls with a head start: each OpenAI name's DoH lookups wait DOH_HEAD_START, then
    // run unless the name was proven by then (its TLS handshake verified) — so a healthy run asks
    // nothing, while a black-holed one gets its controls during the TCP wait, not after it.
    let mut early = EarlyControls::start(plan, &probers, deadline);
    let mut done: Vec<Option<TargetObservation>> = vec![None; jobs.len()];
    let hard_stop = tokio::time::Instant::from_std(deadline + GRACE);
    loop {
        match tokio::time::timeout_at(hard_stop, set.join_next()).await {
            Ok(Some(Ok((i, obs)))) => {
                if i < plan.targets.len() {
                    on_done(&obs);
                    early.settle(&done, i, &obs);
                }
                done[i] = Some(obs);
            }
            Ok(Some(Err(_))) => {} // a panicked task leaves its slot empty; filled below
            Ok(None) => break,
            Err(_) => {
                set.abort_all();
                break;
            }
        }
    }
    let mut all: Vec<TargetObservation> = done
        .into_iter()
        .zip(&jobs)
        .map(|(obs, (target, _))| {
            obs.unwrap_or_else(|| TargetObservation {
                target: target.clone(),
                dns: Some(Stage::deadline_skipped()),
                attempts: vec![],
            })
        })
        .collect();
    let key_check = if plan.key_check.is_some() { all.pop() } else { None };
    let status_documents = all.split_off(plan.targets.len());
    let targets = all;
    let doh = early.collect(&targets, plan, &probers, deadline).await;
    let elapsed = start.elapsed();
    Observations {
        targets,
        status_documents,
        key_check,
        doh,
        started_at,
        duration: elapsed,
    }
}

/// The names that need a DNS control: OpenAI names (not controls, not literals, not pinned or
/// proxied) whose lookup failed, or whose answer no TLS handshake proved (a completed handshake
/// with the name and a chain the public store accepts proves the address serves the name).
pub fn names_needing_control(targets: &[TargetObservation]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for t in targets
        .iter()
        .filter(|t| t.target.surface != crate::catalog::Surface::Control)
    {
        let Some(dns) = &t.dns else { continue };
        if dns
            .detail
            .as_ref()
            .is_some_and(|d| !matches!(d.source, DnsSource::System { .. } | DnsSource::Server(_)))
        {
            continue;
        }
        let proven = t.attempts.iter().any(|a| {
            a.tls.as_ref().and_then(|s| s.detail.as_ref()).is_some_and(|d| {
                d.version.is_some() && d.public_store.as_ref().is_some_and(|v| v.is_trusted())
            })
        });
        let query = dns
            .detail
            .as_ref()
            .map_or_else(|| t.target.host(), |d| d.query.clone());
        if (!dns.is_ok() || !proven) && !dns.cut_by_deadline && !names.contains(&query) {
            names.push(query);
        }
    }
    names
}

/// How long a name's DNS controls wait for its proof before asking anyway.
pub const DOH_HEAD_START: Duration = Duration::from_millis(500);

/// DoH control lookups started early, one task per OpenAI name, with the targets that use it.
struct EarlyControls {
    tasks: Vec<EarlyTask>,
}

/// One name's early DoH lookups: the name, the indices of the targets using it, the task.
type EarlyTask = (
    String,
    Vec<usize>,
    Option<tokio::task::JoinHandle<Vec<DohLookup>>>,
);

impl EarlyControls {
    fn start(plan: &Plan, probers: &Arc<Probers>, deadline: Instant) -> EarlyControls {
        let mut names: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, t) in plan.targets.iter().enumerate() {
            if t.surface == crate::catalog::Surface::Control
                || matches!(plan.proxies.route(&t.url), crate::route::Route::Proxy(_))
            {
                continue;
            }
            let (host, port) = dial(&t.host(), t.port(), &plan.connect_to);
            let pinned = plan
                .resolve
                .iter()
                .any(|r| r.host.eq_ignore_ascii_case(&host) && r.port == port);
            if host.parse::<IpAddr>().is_ok() || pinned {
                continue;
            }
            match names.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&host)) {
                Some((_, idx)) => idx.push(i),
                None => names.push((host, vec![i])),
            }
        }
        if plan.doh.is_empty() {
            return EarlyControls { tasks: vec![] };
        }
        // The controls overlap the first stages' wait and end with it: one --timeout from now,
        // so an unreachable DoH resolver never outlasts a black-holed connection.
        let deadline = deadline.min(Instant::now() + plan.timeout);
        let tasks = names
            .into_iter()
            .map(|(name, idx)| {
                let (plan, probers, n) = (plan.clone(), probers.clone(), name.clone());
                let handle = tokio::spawn(async move {
                    tokio::time::sleep(DOH_HEAD_START).await;
                    lookups(&n, &plan, &probers, deadline).await
                });
                (name, idx, Some(handle))
            })
            .collect();
        EarlyControls { tasks }
    }

    /// Called as each target finishes: a name all of whose targets are done and proven needs no
    /// control, and its task is stopped (before it asked anything, when it still waits).
    fn settle(&mut self, done: &[Option<TargetObservation>], new_index: usize, new: &TargetObservation) {
        for (name, idx, task) in &mut self.tasks {
            if task.is_none() || !idx.contains(&new_index) {
                continue;
            }
            let mine: Option<Vec<TargetObservation>> = idx
                .iter()
                .map(|i| {
                    if *i == new_index {
                        Some(new.clone())
                    } else {
                        done.get(*i).cloned().flatten()
                    }
                })
                .collect();
            if let Some(mine) = mine
                && !names_needing_control(&mine)
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(name))
                && let Some(h) = task.take()
            {
                h.abort();
            }
        }
    }

    /// The controls of the names that need one (started now if they were never started),
    /// within the deadline; the rest are stopped.
    async fn collect(
        mut self,
        targets: &[TargetObservation],
        plan: &Plan,
        probers: &Arc<Probers>,
        deadline: Instant,
    ) -> Vec<DohLookup> {
        let needing = names_needing_control(targets);
        let hard_stop = tokio::time::Instant::from_std(deadline + GRACE);
        let mut out = Vec::new();
        for (name, _, task) in &mut self.tasks {
            let Some(handle) = task.take() else { continue };
            if !needing.contains(name) {
                handle.abort();
                continue;
            }
            if let Ok(Ok(found)) = tokio::time::timeout_at(hard_stop, handle).await {
                out.extend(found);
            }
        }
        // Names with no early task (none expected; kept for safety) are asked now.
        let asked: Vec<String> = out.iter().map(|d| d.name.to_ascii_lowercase()).collect();
        for name in needing
            .iter()
            .filter(|n| !asked.contains(&n.trim_end_matches('.').to_ascii_lowercase()))
        {
            if !self.tasks.iter().any(|(n, _, _)| n == name) {
                out.extend(lookups(name, plan, probers, deadline).await);
            }
        }
        out
    }
}

/// Every control resolver, every family, for one name, concurrently, within the deadline.
async fn lookups(name: &str, plan: &Plan, probers: &Arc<Probers>, deadline: Instant) -> Vec<DohLookup> {
    let mut set = JoinSet::new();
    let mut n = 0;
    for family in &plan.families {
        for resolver in &plan.doh {
            let (name, family, resolver) = (name.to_string(), *family, resolver.clone());
            let (plan, probers) = (plan.clone(), probers.clone());
            set.spawn(async move {
                (
                    n,
                    super::doh::doh_lookup(&resolver, &name, family, &plan, &probers, deadline).await,
                )
            });
            n += 1;
        }
    }
    let mut out: Vec<Option<DohLookup>> = (0..n).map(|_| None).collect();
    let hard_stop = tokio::time::Instant::from_std(deadline + GRACE);
    while let Ok(Some(joined)) = tokio::time::timeout_at(hard_stop, set.join_next()).await {
        if let Ok((i, lookup)) = joined {
            out[i] = Some(lookup);
        }
    }
    set.abort_all();
    out.into_iter().flatten().collect()
}

/// The wait allowed for the next stage.
fn stage_timeout(timeout: Duration, deadline: Instant) -> Duration {
    timeout.min(deadline.saturating_duration_since(Instant::now()))
}

/// dns → (per family) tcp → tls → http for one target, with a plain GET.
pub async fn probe_target(
    target: Target,
    plan: &Plan,
    probers: &Probers,
    deadline: Instant,
) -> TargetObservation {
    probe_request(target, &RequestSpec::default(), plan, probers, deadline).await
}

/// dns → (per family) tcp → tls → http for one target, sending `request`.
pub async fn probe_request(
    target: Target,
    request: &RequestSpec,
    plan: &Plan,
    probers: &Probers,
    deadline: Instant,
) -> TargetObservation {
    let (dial_host, dial_port) = dial(&target.host(), target.port(), &plan.connect_to);
    // Through a proxy, the proxy resolves and connects: no DNS stage of ours, one attempt.
    if let crate::route::Route::Proxy(proxy) = plan.proxies.route(&target.url) {
        let proxy = proxy.clone();
        let ctx = AttemptContext {
            target: &target,
            request,
            timeout: plan.timeout,
            probers,
            deadline,
        };
        let attempt = attempt_via(ctx, &proxy, &dial_host, dial_port).await;
        return TargetObservation {
            target,
            dns: None,
            attempts: vec![attempt],
        };
    }
    let mut dns = None;
    let addrs: Vec<IpAddr> = if let Ok(ip) = dial_host.parse::<IpAddr>() {
        if !target.is_ip_literal() {
            // --connect-to named an address: record it as a literal lookup.
            dns = Some(literal_stage(&dial_host, ip));
        }
        vec![ip]
    } else if let Some(rule) = plan
        .resolve
        .iter()
        .find(|r| r.host.eq_ignore_ascii_case(&dial_host) && r.port == dial_port)
        .or_else(|| {
            plan.resolve
                .iter()
                .find(|r| r.host.eq_ignore_ascii_case(&target.host()) && r.port == target.port())
        })
    {
        dns = Some(pinned_stage(&dial_host, &rule.addrs, &plan.families));
        rule.addrs.clone()
    } else {
        let t = stage_timeout(plan.timeout, deadline);
        let stage = if t.is_zero() {
            Stage::deadline_skipped()
        } else {
            probers
                .dns
                .lookup(&dial_host, &plan.families, t)
                .await
                .deadline_checked(t, plan.timeout)
        };
        let addrs = stage
            .detail
            .as_ref()
            .map(|d| d.addrs().copied().collect())
            .unwrap_or_default();
        dns = Some(stage);
        addrs
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
    let one = |family: Family| {
        let ctx = AttemptContext {
            target: &target,
            request,
            timeout: plan.timeout,
            probers,
            deadline,
        };
        attempt(ctx, family, sockets(family))
    };
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

/// What every attempt of one target shares.
#[derive(Clone, Copy)]
struct AttemptContext<'a> {
    target: &'a Target,
    request: &'a RequestSpec,
    timeout: Duration,
    probers: &'a Probers,
    deadline: Instant,
}

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
    let (tcp, stream) = super::tcp::connect(&sockets, t).await;
    let tcp = tcp.deadline_checked(t, ctx.timeout);
    finish(ctx, family, tcp, None, stream, Forward::No).await
}

/// How a plain-http request goes through an http proxy: in absolute form, with its credentials.
enum Forward {
    No,
    Through(Option<String>),
}

/// One attempt through a proxy: the proxy's own tcp stage and its proxy stage (CONNECT or
/// SOCKS), then TLS and HTTP through the tunnel. Plain-http targets behind an http:// proxy are
/// sent to it in absolute form, as browsers do (CONNECT is often limited to port 443).
async fn attempt_via(
    ctx: AttemptContext<'_>,
    proxy: &crate::route::ProxyConfig,
    host: &str,
    port: u16,
) -> Attempt {
    use crate::route::ProxyScheme;
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
        let (tcp, stream) = super::proxy::connect_to_proxy(proxy, t).await;
        let tcp = tcp.deadline_checked(t, ctx.timeout);
        let family = tcp
            .detail
            .as_ref()
            .map_or(Family::Ipv4, |d| Family::of(&d.peer.ip()));
        let authorization = proxy.basic_token().map(|tok| format!("Basic {tok}"));
        return finish(ctx, family, tcp, None, stream, Forward::Through(authorization)).await;
    }
    let out = super::proxy::connect_via(proxy, host, port, t).await;
    let tcp = out.tcp.deadline_checked(t, ctx.timeout);
    let family = tcp
        .detail
        .as_ref()
        .map_or(Family::Ipv4, |d| Family::of(&d.peer.ip()));
    let proxy_stage = out.proxy.deadline_checked(t, ctx.timeout);
    finish(ctx, family, tcp, Some(proxy_stage), out.stream, Forward::No).await
}

/// Everything after the connection: TLS (with the SNI test), then HTTP.
async fn finish(
    ctx: AttemptContext<'_>,
    family: Family,
    tcp: Stage<TcpDetail>,
    proxy: Option<Stage<ProxyDetail>>,
    stream: Option<tokio::net::TcpStream>,
    forward: Forward,
) -> Attempt {
    let AttemptContext {
        target,
        request,
        timeout,
        probers,
        deadline,
    } = ctx;
    let host = target.host();
    let authority = match target.url.port() {
        Some(p) => format!("{}:{p}", bracket(&host)),
        None => bracket(&host),
    };
    let scheme = target.url.scheme().to_string();
    let (path, headers) = match &forward {
        Forward::No => (target.path_and_query(), request.headers.clone()),
        Forward::Through(auth) => {
            let mut h = request.headers.clone();
            if let Some(a) = auth {
                h.push(("proxy-authorization".into(), a.clone()));
            }
            (target.url.to_string(), h)
        }
    };
    let http_request = super::http::HttpRequest {
        scheme: &scheme,
        authority: &authority,
        path: &path,
        headers: &headers,
        body_cap: request.body_cap,
    };
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
        let t = stage_timeout(timeout, deadline);
        let peer_loopback = !proxied && tcp.detail.as_ref().is_some_and(|d| d.peer.ip().is_loopback());
        let http = if request.secret && !peer_loopback {
            Stage::skipped(SkipReason::PlainHttp)
        } else if t.is_zero() {
            Stage::deadline_skipped()
        } else {
            super::http::get(stream, false, http_request, t)
                .await
                .deadline_checked(t, timeout)
        };
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
    let (tls, tls_stream) = super::tls::handshake(&probers.tls, stream, &host, t).await;
    let mut tls = tls.deadline_checked(t, timeout);
    // The SNI test: the handshake naming the host died the way filters kill it; does the same
    // address answer another name? (Not through a proxy: the address would be the proxy's.)
    let peer = tcp.detail.as_ref().map(|d| d.peer).filter(|_| !proxied);
    if let (Some(peer), Some(f)) = (peer, tls.outcome.failure())
        && !tls.cut_by_deadline
        && super::tls::filter_like(f)
        && host.parse::<IpAddr>().is_err()
        && !host.eq_ignore_ascii_case(super::observation::DEFAULT_DECOY_SNI)
    {
        let t = stage_timeout(timeout, deadline);
        if !t.is_zero() {
            let decoy =
                super::tls::decoy_handshake(&probers.tls, peer, super::observation::DEFAULT_DECOY_SNI, t)
                    .await;
            if let Some(d) = tls.detail.as_mut() {
                d.decoy = Some(Box::new(decoy));
            }
        }
    }
    let Some(tls_stream) = tls_stream else {
        return Attempt {
            family,
            tcp,
            proxy,
            tls: Some(tls),
            http: Stage::skipped(SkipReason::TlsFailed),
        };
    };
    let h2 = tls.detail.as_ref().and_then(|d| d.alpn.as_deref()) == Some("h2");
    let publicly_trusted = tls
        .detail
        .as_ref()
        .and_then(|d| d.public_store.as_ref())
        .is_some_and(|v| v.is_trusted());
    let t = stage_timeout(timeout, deadline);
    let http = if request.secret && !publicly_trusted {
        Stage::skipped(SkipReason::NotVerified)
    } else if t.is_zero() {
        Stage::deadline_skipped()
    } else {
        super::http::get(tls_stream, h2, http_request, t)
            .await
            .deadline_checked(t, timeout)
    };
    Attempt {
        family,
        tcp,
        proxy,
        tls: Some(tls),
        http,
    }
}

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
