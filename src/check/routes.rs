//! The routes of the user's own programs, probed concurrently: the check's own way (terminal tools
//! and SDKs: the proxy variables and flags) and, when it differs for some target, the browsers'
//! way (the system proxy or its PAC file). `--route` pins one of them (or `direct`).

use std::sync::Arc;

use url::Url;

use super::browsers::{self, BrowserView};
use crate::cli::args::RouteChoice;
use crate::diagnose::routes::{RouteJudgement, combine};
use crate::diagnose::{BrowserFindings, Context, RouteDifference};
use crate::i18n::Lang;
use crate::probe::plan::{Plan, ProbeTools};
use crate::probe::{Observations, TargetObservation};
use crate::report::{Diagnosis, RouteReport, SystemViewReport};
use crate::route::{DecidedWays, Programs, ProxySettings};
use crate::system::interfaces::{NetInterface, dns_answers, read_resolv_conf, tunnel_reading};

/// What one run saw: the main route's observations, the browsers' way and, when it was probed
/// apart, the browsers' route's observations, and the network interfaces.
#[derive(Debug, Clone)]
pub struct CheckObservations {
    /// The main route's probes: the check's own way, or the one `--route` pinned.
    pub probes: Observations,
    /// Which route the main probes took: the check's own (`env`), or the one `--route` pinned
    /// (`system` only when the browsers' way was known).
    pub main_route: RouteChoice,
    /// The main route's ways, when it is not the check's own (`--route system|direct`).
    pub main_ways: Option<DecidedWays>,
    /// The browsers' way, read beside the probes.
    pub browsers: BrowserView,
    /// The browsers' route, probed apart because it differs from the main route.
    pub browser_probes: Option<(DecidedWays, Observations)>,
    pub interfaces: Vec<NetInterface>,
    /// The nameservers the OS resolver asks (`resolv.conf`; empty where there is none).
    pub nameservers: Vec<std::net::IpAddr>,
}

impl CheckObservations {
    /// The programs whose way the main route is.
    pub fn main_programs(&self) -> Vec<Programs> {
        let browsers_share =
            self.browser_probes.is_none() && self.browsers.system.setting_in_force().is_some();
        match (self.main_route, browsers_share) {
            (RouteChoice::Env, true) => vec![Programs::Terminal, Programs::Browsers],
            (RouteChoice::Env, false) => vec![Programs::Terminal],
            (RouteChoice::Direct, _) => vec![],
            (RouteChoice::System, _) => vec![Programs::Browsers],
        }
    }
}

/// Probes the main route and reads the browsers' way at the same time; then probes the browsers'
/// route when it differs (and no route is pinned).
pub async fn observe(
    plan: &Plan,
    pinned: Option<RouteChoice>,
    tools: Arc<ProbeTools>,
    urls: &[Url],
    on_done: impl FnMut(&TargetObservation),
) -> CheckObservations {
    let interfaces = crate::system::interfaces::read_interfaces();
    let nameservers = read_resolv_conf()
        .map(|c| c.effective_nameservers().to_vec())
        .unwrap_or_default();
    if pinned == Some(RouteChoice::System) {
        // The browsers' way must be known before their route can be probed.
        let browsers = browsers::read(plan, &tools, urls, &interfaces).await;
        let ways = browsers::decided_ways(&browsers, urls, &plan.proxies, false);
        let main = with_ways(plan, ways.clone());
        let probes = crate::probe::run::run(&main, tools, on_done).await;
        return CheckObservations {
            probes,
            main_route: if ways.is_some() {
                RouteChoice::System
            } else {
                RouteChoice::Env
            },
            main_ways: ways,
            browsers,
            browser_probes: None,
            interfaces,
            nameservers,
        };
    }
    let main_ways = (pinned == Some(RouteChoice::Direct)).then(|| browsers::all_direct(urls));
    let main = with_ways(plan, main_ways.clone());
    let probe_browsers = pinned.is_none();
    let browsers_route = async {
        let view = browsers::read(plan, &tools, urls, &interfaces).await;
        let ways = if probe_browsers {
            browsers::decided_ways(&view, urls, &plan.proxies, true)
        } else {
            None
        };
        let probed = match ways {
            Some(w) => {
                let browsers_plan = with_ways(plan, Some(w.clone()));
                Some((
                    w,
                    crate::probe::run::run(&browsers_plan, tools.clone(), |_| {}).await,
                ))
            }
            None => None,
        };
        (view, probed)
    };
    let (probes, (browsers, browser_probes)) = tokio::join!(
        crate::probe::run::run(&main, tools.clone(), on_done),
        browsers_route
    );
    CheckObservations {
        probes,
        main_route: if main_ways.is_some() {
            RouteChoice::Direct
        } else {
            RouteChoice::Env
        },
        main_ways,
        browsers,
        browser_probes,
        interfaces,
        nameservers,
    }
}

/// The plan with its route replaced by `ways` (unchanged when `None`).
fn with_ways(plan: &Plan, ways: Option<DecidedWays>) -> Plan {
    Plan {
        decided: ways.map(Arc::new),
        ..plan.clone()
    }
}

/// The check's own way in words: `direct`, or the proxy's `host:port`; and what decided it.
pub fn env_way(proxies: &ProxySettings, urls: &[Url]) -> (String, String) {
    match urls.iter().find_map(|u| proxies.for_url(u)) {
        Some(p) => (browsers::proxy_endpoint(p), p.source.clone()),
        None => ("direct".into(), "*_PROXY".into()),
    }
}

/// The system view the report carries: the proxy sources, the browsers' way beside the check's,
/// the PAC file, the tunnels.
pub fn system_view(
    seen: &CheckObservations,
    urls: &[url::Url],
    proxies: &ProxySettings,
    lang: Lang,
) -> SystemViewReport {
    let system = &seen.browsers.system;
    SystemViewReport {
        proxy_sources: browsers::sources_report(system),
        proxy_in_force: system.in_force().map(|s| s.origin.clone()),
        proxy_in_force_reason: system.in_force_reason.clone(),
        browser_routes: browsers::routes_report(&seen.browsers, urls, proxies),
        pac: seen.browsers.pac.as_ref().map(|p| browsers::pac_report(p, lang)),
        tunnels: tunnel_reading(&seen.interfaces, &dns_answers(&seen.probes), &seen.nameservers),
    }
}

/// What `diagnose` weighs of the system view.
pub fn browser_findings(view: &SystemViewReport, seen: &CheckObservations, lang: Lang) -> BrowserFindings {
    // When the browsers' route was probed (or is the main one), the routes speak for
    // themselves; the warning is for a check pinned to its own way.
    let warn_of_differences = seen.browser_probes.is_none() && seen.main_ways.is_none();
    BrowserFindings {
        pac_failure: seen
            .browsers
            .pac
            .as_ref()
            .and_then(|p| Some((p.location.clone(), p.failure()?.message().text(lang)))),
        differing: view
            .browser_routes
            .iter()
            .filter(|r| r.differs && warn_of_differences)
            .map(|r| RouteDifference {
                url: r.url.clone(),
                browsers: r.proxy.clone().unwrap_or_else(|| "direct".into()),
                this_check: r.this_check.clone(),
                decided_by: r.decided_by.clone(),
            })
            .collect(),
        fake_ip_answers: view
            .tunnels
            .fake_ip_answers
            .iter()
            .map(|a| (a.name.clone(), a.ip))
            .collect(),
        tunnels_up: view
            .tunnels
            .interfaces
            .iter()
            .filter(|i| i.up)
            .map(|i| i.name.clone())
            .collect(),
    }
}

/// The verdict over the routes probed, and each route's report: the main route's diagnosis, and
/// when the browsers' route was probed apart, its own diagnosis combined with it.
pub fn judge_routes(
    main: Diagnosis,
    seen: &CheckObservations,
    ctx: &Context,
    urls: &[Url],
    proxies: &ProxySettings,
    strict: bool,
) -> (Diagnosis, Vec<RouteReport>) {
    let lang = ctx.lang;
    let (main_way, main_source) = match &seen.main_ways {
        None => env_way(proxies, urls),
        Some(w) => (browsers::way_words(w), w.source.clone()),
    };
    let main_code = match seen.main_route {
        RouteChoice::Env => "env",
        RouteChoice::System => "system",
        RouteChoice::Direct => "direct",
    };
    let main_report = route_report(
        main_code,
        &seen.main_programs(),
        &main_way,
        &main_source,
        &main,
        strict,
        vec![],
    );
    let Some((ways, observations)) = &seen.browser_probes else {
        return (main, vec![main_report]);
    };
    let other = crate::diagnose::diagnose(observations, ctx);
    let other_code = other.exit_code(strict).code();
    let targets = crate::report::build(observations, other.clone(), other_code, Default::default()).targets;
    let way = browsers::way_words(ways);
    let other_report = route_report(
        "system",
        &[Programs::Browsers],
        &way,
        &ways.source,
        &other,
        strict,
        targets,
    );
    let combined = combine(
        RouteJudgement {
            diagnosis: main,
            way: main_way,
            source: main_source,
        },
        RouteJudgement {
            diagnosis: other,
            way,
            source: ways.source.clone(),
        },
        lang,
    );
    (combined, vec![main_report, other_report])
}

fn route_report(
    code: &str,
    programs: &[Programs],
    way: &str,
    source: &str,
    d: &Diagnosis,
    strict: bool,
    targets: Vec<crate::report::TargetReport>,
) -> RouteReport {
    RouteReport {
        route: code.into(),
        programs: programs.iter().map(|p| p.code().to_string()).collect(),
        way: way.into(),
        source: source.into(),
        layer: d.verdict.layer,
        cause: d.verdict.cause,
        summary: d.verdict.summary.clone(),
        exit_code: d.exit_code(strict).code(),
        targets,
    }
}
