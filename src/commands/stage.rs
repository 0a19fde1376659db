//! The per-stage commands — the doctor's own `dig`, `nc -z`, `openssl s_client` and `curl -w` —
//! for one host, with the probes `check` uses ([`crate::probe`]) and `check`'s overrides. They
//! measure and report; they do not judge.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use url::Url;

use super::out::emit;
use crate::catalog::{CatalogOverrides, Surface, Target};
use crate::check::plan::families;
use crate::check::runtime::runtime;
use crate::check::settings::load_cacert;
use crate::cli::OutputArgs;
use crate::cli::args::{DnsArgs, HttpArgs, ResolverArgs, RouteArgs, TcpArgs, TlsArgs};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::probe::dns::Dns;
use crate::probe::plan::{Plan, ProbeTools};
use crate::probe::tls::{TlsContext, filter_like};
use crate::probe::{
    DnsDetail, DnsSource, Failure, Family, FamilyLookup, Outcome, Stage, TargetObservation, tcp, tls,
};
use crate::render;
use crate::report::ExitCode;
use crate::report::{
    DnsOutput, DnsStep, EndpointEntry, EndpointsOutput, HttpAttempt, HttpOutput, OUTPUT_SCHEMA_VERSION,
    Phases, ResponseStep, SniTest, TcpOutput, TcpStep, Timeline, TlsAttempt, TlsOutput, TlsStep, rfc3339,
    round_ms, tool,
};
use crate::report::{StageName, StageStatus, ms};
use crate::route::{dial, pinned};
use crate::tr;

/// `dns HOST`: A and AAAA, separately, with TTLs and the resolver asked. `lang` is the language
/// of the output's words (English for JSON unless `--lang`).
pub fn dns(args: &DnsArgs, lang: Lang) -> Result<DnsOutput, AppError> {
    let started = SystemTime::now();
    let runtime = runtime()?;
    let stage = runtime.block_on(async {
        let dns = Dns::new(args.resolver.dns_server, args.resolver.timeout);
        dns.lookup(&args.host, &families(&args.resolver), args.resolver.timeout)
            .await
    });
    Ok(DnsOutput {
        schema_version: OUTPUT_SCHEMA_VERSION,
        tool: tool(),
        started_at: rfc3339(started),
        ok: stage.is_ok(),
        dns: DnsStep::from_stage(&stage, &args.host, lang),
    })
}

/// The addresses to connect to and how they were found.
struct Resolved {
    /// `None` for an IP address.
    dns: Option<Stage<DnsDetail>>,
    addrs: Vec<IpAddr>,
    /// The port to connect to (after `--connect-to`).
    port: u16,
}

fn fixed_stage(query: &str, source: DnsSource, addrs: &[IpAddr], families: &[Family]) -> Stage<DnsDetail> {
    let lookups = families
        .iter()
        .map(|f| FamilyLookup {
            family: *f,
            outcome: Outcome::Ok,
            addrs: addrs.iter().copied().filter(|a| Family::of(a) == *f).collect(),
            ttl: None,
            duration: Duration::ZERO,
        })
        .collect();
    let detail = DnsDetail {
        query: query.to_string(),
        source,
        lookups,
    };
    crate::probe::dns::summarize(detail, Duration::ZERO)
}

/// Finds the addresses as `check` does: an address in `--connect-to`, then `--resolve`, then DNS.
async fn resolve(host: &str, port: u16, r: &ResolverArgs, route: &RouteArgs, dns: &Dns) -> Resolved {
    let (dial_host, dial_port) = dial(host, port, &route.connect_to);
    let fams = families(r);
    if let Ok(ip) = dial_host.parse::<IpAddr>() {
        let dns = (host.parse::<IpAddr>().is_err())
            .then(|| fixed_stage(&dial_host, DnsSource::Literal, &[ip], &[Family::of(&ip)]));
        return Resolved {
            dns,
            addrs: vec![ip],
            port: dial_port,
        };
    }
    if let Some(rule) = pinned(&route.resolve, (&dial_host, dial_port), (host, port)) {
        return Resolved {
            dns: Some(fixed_stage(&dial_host, DnsSource::Pinned, &rule.addrs, &fams)),
            addrs: rule.addrs.clone(),
            port: dial_port,
        };
    }
    let stage = dns.lookup(&dial_host, &fams, r.timeout).await;
    let addrs = stage
        .detail
        .as_ref()
        .map(|d| d.addrs().copied().collect())
        .unwrap_or_default();
    Resolved {
        dns: Some(stage),
        addrs,
        port: dial_port,
    }
}

/// The sockets of each allowed family that has addresses, IPv4 first.
fn by_family(resolved: &Resolved, r: &ResolverArgs) -> Vec<(Family, Vec<SocketAddr>)> {
    families(r)
        .into_iter()
        .map(|f| {
            let socks: Vec<SocketAddr> = resolved
                .addrs
                .iter()
                .filter(|a| Family::of(a) == f)
                .map(|a| SocketAddr::new(*a, resolved.port))
                .collect();
            (f, socks)
        })
        .filter(|(_, s)| !s.is_empty())
        .collect()
}

/// Runs one future per family concurrently (a dead IPv6 path must not delay IPv4).
async fn per_family<F, Fut, T>(fams: Vec<(Family, Vec<SocketAddr>)>, f: F) -> Vec<T>
where
    F: Fn(Family, Vec<SocketAddr>) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let mut it = fams.into_iter();
    match (it.next(), it.next()) {
        (None, _) => vec![],
        (Some((a, sa)), None) => vec![f(a, sa).await],
        (Some((a, sa)), Some((b, sb))) => {
            let (x, y) = tokio::join!(f(a, sa), f(b, sb));
            vec![x, y]
        }
    }
}

/// `tcp HOST[:PORT]`: one connect per address family.
pub fn tcp(args: &TcpArgs, lang: Lang) -> Result<TcpOutput, AppError> {
    let started = SystemTime::now();
    let host = args.target.host.clone();
    let port = args.target.port_or_https();
    let timeout = args.resolver.timeout;
    let runtime = runtime()?;
    let (resolved, attempts) = runtime.block_on(async {
        let dns = Dns::new(args.resolver.dns_server, timeout);
        let resolved = resolve(&host, port, &args.resolver, &args.route, &dns).await;
        let attempts = per_family(by_family(&resolved, &args.resolver), |family, socks| async move {
            let (stage, stream) = tcp::connect(&socks, timeout).await;
            drop(stream);
            TcpStep::from_stage(family, &stage, lang)
        })
        .await;
        (resolved, attempts)
    });
    Ok(TcpOutput {
        schema_version: OUTPUT_SCHEMA_VERSION,
        tool: tool(),
        started_at: rfc3339(started),
        ok: attempts.iter().any(|a| a.status == StageStatus::Ok),
        dns: resolved.dns.as_ref().map(|s| DnsStep::from_stage(s, &host, lang)),
        host,
        port,
        attempts,
    })
}

/// `tls HOST[:PORT]`: per family, a handshake with the real SNI, verified against both stores;
/// when it is reset or times out, the SNI test.
pub fn tls(
    args: &TlsArgs,
    extra_roots: &[rustls::pki_types::CertificateDer<'static>],
    lang: Lang,
) -> Result<TlsOutput, AppError> {
    let started = SystemTime::now();
    let host = args.target.host.clone();
    let port = args.target.port_or_https();
    let timeout = args.resolver.timeout;
    let runtime = runtime()?;
    let (resolved, attempts) = runtime.block_on(async {
        let dns = Dns::new(args.resolver.dns_server, timeout);
        let ctx = TlsContext::new(extra_roots);
        let resolved = resolve(&host, port, &args.resolver, &args.route, &dns).await;
        let ctx = &ctx;
        let (host, decoy) = (host.as_str(), args.decoy_sni.as_str());
        let attempts = per_family(by_family(&resolved, &args.resolver), |family, socks| async move {
            tls_attempt(ctx, family, socks, host, decoy, timeout, lang).await
        })
        .await;
        (resolved, attempts)
    });
    Ok(TlsOutput {
        schema_version: OUTPUT_SCHEMA_VERSION,
        tool: tool(),
        started_at: rfc3339(started),
        ok: attempts.iter().any(|a| a.tls.status == StageStatus::Ok),
        dns: resolved.dns.as_ref().map(|s| DnsStep::from_stage(s, &host, lang)),
        host,
        port,
        attempts,
    })
}

async fn tls_attempt(
    ctx: &TlsContext,
    family: Family,
    socks: Vec<SocketAddr>,
    host: &str,
    decoy: &str,
    timeout: Duration,
    lang: Lang,
) -> TlsAttempt {
    let (tcp, stream) = tcp::connect(&socks, timeout).await;
    let tcp_step = TcpStep::from_stage(family, &tcp, lang);
    let (Some(stream), Some(peer)) = (stream, tcp.detail.as_ref().map(|d| d.peer)) else {
        return TlsAttempt {
            family,
            tcp: tcp_step,
            tls: TlsStep::skipped(crate::probe::SkipReason::TcpFailed, Some(host), lang),
            sni_test: None,
            browser_handshake: None,
        };
    };
    // The browser-shaped handshake runs beside the small one, on its own connection.
    let ((stage, tls_stream), browser) = tokio::join!(
        tls::handshake(ctx, stream, host, timeout),
        crate::probe::browser_hello::browser_handshake(peer, host, timeout)
    );
    // Nothing is sent: the handshake is the measurement.
    drop(tls_stream);
    let step = TlsStep::from_stage(&stage, Some(host), lang);
    let sends_sni = host.parse::<IpAddr>().is_err();
    let sni_test = match stage.outcome.failure() {
        Some(f) if filter_like(f) && !step.completed && sends_sni && !host.eq_ignore_ascii_case(decoy) => {
            Some(sni_test(ctx, peer, host, decoy, f, timeout, lang).await)
        }
        _ => None,
    };
    TlsAttempt {
        family,
        tcp: tcp_step,
        tls: step,
        sni_test,
        browser_handshake: Some(crate::report::BrowserHandshakeReport::from_stage(&browser, lang)),
    }
}

/// The same address, a decoy SNI: does the handshake complete?
async fn sni_test(
    ctx: &TlsContext,
    peer: SocketAddr,
    host: &str,
    decoy: &str,
    real: Failure,
    timeout: Duration,
    lang: Lang,
) -> SniTest {
    let (tcp, stream) = tcp::connect(&[peer], timeout).await;
    let Some(stream) = stream else {
        let (_, failure, message) = crate::report::outcome_parts(&tcp.outcome, lang);
        return SniTest {
            decoy_sni: decoy.to_string(),
            real_failure: real,
            completed: false,
            status: StageStatus::Fail,
            failure,
            detail: tr!(lang, "cmd-sni-tcp-failed", message = message),
            duration_ms: tcp.duration.map(ms),
            version: None,
            conclusion: tr!(lang, "cmd-sni-no-longer-accepts", peer = peer.to_string()),
        };
    };
    let (stage, tls_stream) = tls::handshake(ctx, stream, decoy, timeout).await;
    drop(tls_stream);
    let version = stage.detail.as_ref().and_then(|d| d.version.clone());
    let completed = version.is_some();
    let (status, failure, message) = crate::report::outcome_parts(&stage.outcome, lang);
    let (status, failure, detail, conclusion) = if completed {
        let v = version.as_deref().unwrap_or("?");
        (
            StageStatus::Ok,
            None,
            if stage.is_ok() {
                tr!(lang, "cmd-sni-detail-completed", version = v)
            } else {
                tr!(
                    lang,
                    "cmd-sni-detail-completed-error",
                    version = v,
                    message = &message
                )
            },
            tr!(
                lang,
                "cmd-sni-conclusion-filtered",
                decoy = decoy,
                peer = peer.to_string(),
                host = host,
                failure = real.as_str()
            ),
        )
    } else if failure.is_some_and(filter_like) {
        (
            status,
            failure,
            message,
            tr!(
                lang,
                "cmd-sni-conclusion-blocked",
                decoy = decoy,
                peer = peer.to_string()
            ),
        )
    } else {
        (
            status,
            failure,
            message,
            tr!(
                lang,
                "cmd-sni-conclusion-answered",
                peer = peer.to_string(),
                decoy = decoy,
                host = host,
                failure = real.as_str()
            ),
        )
    };
    SniTest {
        decoy_sni: decoy.to_string(),
        real_failure: real,
        completed,
        status,
        failure,
        detail,
        duration_ms: stage.duration.map(ms),
        version,
        conclusion,
    }
}

/// `http URL`: one GET per address family on a measured connection, each phase timed.
pub fn http(
    args: &HttpArgs,
    extra_roots: &[rustls::pki_types::CertificateDer<'static>],
    lang: Lang,
) -> Result<HttpOutput, AppError> {
    let started = SystemTime::now();
    let timeout = args.resolver.timeout;
    let target = Target {
        name: args.url.host_str().unwrap_or("target").to_string(),
        surface: Surface::Control,
        url: args.url.clone(),
    };
    let plan = Plan {
        targets: vec![target.clone()],
        families: families(&args.resolver),
        resolve: args.route.resolve.clone(),
        connect_to: args.route.connect_to.clone(),
        timeout,
        // dns, tcp, tls, the head and the body each wait at most one timeout.
        max_time: timeout * 5,
        status_documents: vec![],
        key_check: None,
        // The stage commands measure the direct path.
        proxies: Default::default(),
        decided: None,
        doh: vec![],
    };
    let runtime = runtime()?;
    let obs = runtime.block_on(async {
        let tools = Arc::new(ProbeTools {
            dns: Dns::new(args.resolver.dns_server, timeout),
            tls: TlsContext::new(extra_roots),
            waits: Default::default(),
        });
        let deadline = Instant::now() + plan.max_time;
        crate::probe::pipeline::probe_target(target, &plan, &tools, deadline).await
    });
    Ok(http_output(&args.url, &obs, started, lang))
}

fn http_output(url: &Url, obs: &TargetObservation, started: SystemTime, lang: Lang) -> HttpOutput {
    let host = obs.target.host();
    let dns_ms = obs.dns.as_ref().and_then(|d| d.duration).map(ms);
    let attempts: Vec<HttpAttempt> = obs
        .attempts
        .iter()
        .map(|a| {
            let ran = |o: &Outcome| !matches!(o, Outcome::Skipped { .. });
            let tcp_ms = a.tcp.duration.filter(|_| ran(&a.tcp.outcome)).map(ms);
            let tls_ms = a
                .tls
                .as_ref()
                .filter(|t| ran(&t.outcome))
                .and_then(|t| t.duration)
                .map(ms);
            let ttfb_ms = a.http.duration.filter(|_| ran(&a.http.outcome)).map(ms);
            let body_ms = a.http.detail.as_ref().map(|h| ms(h.body_duration));
            let total_ms = round_ms(
                [dns_ms, tcp_ms, tls_ms, ttfb_ms, body_ms]
                    .iter()
                    .map(|v| v.unwrap_or(0.0))
                    .sum(),
            );
            let tls_ok = a.tls.as_ref().is_none_or(Stage::is_ok);
            let namelookup = round_ms(dns_ms.unwrap_or(0.0));
            let connect = a
                .tcp
                .is_ok()
                .then(|| round_ms(namelookup + tcp_ms.unwrap_or(0.0)));
            let pretransfer = connect
                .filter(|_| tls_ok)
                .map(|c| round_ms(c + tls_ms.unwrap_or(0.0)));
            let starttransfer = pretransfer
                .filter(|_| a.http.is_ok())
                .map(|p| round_ms(p + ttfb_ms.unwrap_or(0.0)));
            let failed = [
                (StageName::Tcp, Some(&a.tcp.outcome)),
                (StageName::Tls, a.tls.as_ref().map(|t| &t.outcome)),
                (StageName::Http, Some(&a.http.outcome)),
            ]
            .into_iter()
            .find_map(|(name, o)| match o {
                Some(Outcome::Failed { failure, message }) => Some((name, *failure, message.clone())),
                _ => None,
            });
            let response = a.http.detail.as_ref().map(ResponseStep::from_detail);
            let detail = match (&failed, &response) {
                (Some((name, f, message)), _) => tr!(
                    lang,
                    "cmd-http-attempt-failed",
                    stage = name.as_str(),
                    failure = f.describe(lang),
                    message = message
                ),
                (None, Some(r)) => r.answer.clone(),
                (None, None) => tr!(lang, "cmd-http-not-reached"),
            };
            HttpAttempt {
                family: a.family,
                address: a.tcp.detail.as_ref().map(|d| d.peer.to_string()),
                ok: a.http.is_ok(),
                failed_stage: failed.as_ref().map(|(n, _, _)| *n),
                failure: failed.as_ref().map(|(_, f, _)| *f),
                detail,
                phases: Phases {
                    dns_ms,
                    tcp_ms,
                    tls_ms,
                    ttfb_ms,
                    body_ms,
                    total_ms,
                },
                timeline: Timeline {
                    namelookup_ms: obs.dns.as_ref().map(|_| namelookup),
                    connect_ms: connect,
                    pretransfer_ms: pretransfer,
                    starttransfer_ms: starttransfer,
                    total_ms,
                },
                tcp: TcpStep::from_stage(a.family, &a.tcp, lang),
                tls: a.tls.as_ref().map(|t| TlsStep::from_stage(t, Some(&host), lang)),
                response,
            }
        })
        .collect();
    HttpOutput {
        schema_version: OUTPUT_SCHEMA_VERSION,
        tool: tool(),
        started_at: rfc3339(started),
        url: url.to_string(),
        ok: attempts.iter().any(|a| a.ok),
        dns: obs.dns.as_ref().map(|s| DnsStep::from_stage(s, &host, lang)),
        attempts,
    }
}

/// What the probe of a built-in target proves, in `lang`.
fn probe_text(t: &Target, lang: Lang) -> String {
    let path = t.url.path();
    match t.surface {
        Surface::Web if path == "/cdn-cgi/trace" => tr!(lang, "cmd-probe-web-trace"),
        Surface::Web => tr!(lang, "cmd-probe-web"),
        Surface::App => tr!(lang, "cmd-probe-app", path = path),
        Surface::Api if path.ends_with("/compliance/cookie_requirements") => {
            tr!(lang, "cmd-probe-api-region", path = path)
        }
        Surface::Api if path.ends_with("/models") => tr!(lang, "cmd-probe-api-models", path = path),
        Surface::Api => tr!(lang, "cmd-probe-api", path = path),
        Surface::Auth => tr!(lang, "cmd-probe-auth"),
        Surface::Assets => tr!(lang, "cmd-probe-assets"),
        Surface::Status => tr!(lang, "cmd-probe-status", path = path),
        Surface::Control if t.is_ip_literal() => tr!(lang, "cmd-probe-control-ip"),
        Surface::Control => tr!(lang, "cmd-probe-control"),
    }
}

/// `endpoints`: the built-in catalog (each probe explained in `lang`).
pub fn endpoints(lang: Lang) -> EndpointsOutput {
    let endpoints = crate::catalog::targets(&CatalogOverrides::default())
        .iter()
        .map(|t| EndpointEntry {
            name: t.name.clone(),
            surface: t.surface,
            url: t.url.to_string(),
            host: t.host(),
            port: t.port(),
            control: t.surface == Surface::Control,
            probe: probe_text(t, lang),
        })
        .collect();
    EndpointsOutput {
        schema_version: OUTPUT_SCHEMA_VERSION,
        tool: tool(),
        endpoints,
    }
}

fn stage_exit(ok: bool) -> i32 {
    if ok {
        ExitCode::Healthy
    } else {
        ExitCode::StageFailed
    }
    .code()
}

fn extra_roots(cacert: Option<&Path>) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, AppError> {
    match cacert {
        Some(p) => load_cacert(p),
        None => Ok(vec![]),
    }
}

// The per-stage commands measure and describe in the output's language (`text_lang`: English
// for JSON unless --lang), and render for people in theirs (the same one when not JSON).

/// `dns HOST`.
pub fn run_dns(args: &DnsArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let out = dns(args, output.text_lang())?;
    emit(output, &out, |o, lang| {
        render::stages::dns(o, output.verbose, output.quiet, lang)
    })?;
    Ok(stage_exit(out.ok))
}

/// `tcp HOST[:PORT]`.
pub fn run_tcp(args: &TcpArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let out = tcp(args, output.text_lang())?;
    emit(output, &out, |o, lang| {
        render::stages::tcp(o, output.verbose, output.quiet, lang)
    })?;
    Ok(stage_exit(out.ok))
}

/// `tls HOST[:PORT]`.
pub fn run_tls(args: &TlsArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let roots = extra_roots(args.trust.cacert.as_deref())?;
    let out = tls(args, &roots, output.text_lang())?;
    emit(output, &out, |o, lang| {
        render::stages::tls(o, output.verbose, output.quiet, lang)
    })?;
    Ok(stage_exit(out.ok))
}

/// `http URL`.
pub fn run_http(args: &HttpArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let roots = extra_roots(args.trust.cacert.as_deref())?;
    let out = http(args, &roots, output.text_lang())?;
    emit(output, &out, |o, lang| {
        render::stages::http(o, output.verbose, output.quiet, lang)
    })?;
    Ok(stage_exit(out.ok))
}

/// `endpoints`.
pub fn run_endpoints(output: &OutputArgs) -> Result<i32, AppError> {
    let out = endpoints(output.text_lang());
    emit(output, &out, render::stages::endpoints)?;
    Ok(ExitCode::Healthy.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_lists_every_surface_once_with_a_probe() {
        let e = endpoints(Lang::En);
        for s in ["web", "app", "api", "auth", "assets", "status", "control"] {
            assert!(e.endpoints.iter().any(|x| x.surface.as_str() == s), "{s}");
        }
        assert!(e.endpoints.iter().all(|x| !x.probe.is_empty()));
        assert!(e.endpoints.iter().any(|x| x.control && x.host == "1.1.1.1"));
    }
}
