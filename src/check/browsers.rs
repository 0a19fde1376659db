//! The way browsers and the desktop app take, read beside the check: the system proxy's sources,
//! the one in force, and what it — or the PAC file it names, fetched and evaluated in its sandbox
//! — gives each probed URL. Reading and evaluation are bounded in time; nothing here is sent to
//! OpenAI.

use std::net::{IpAddr, Ipv4Addr, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use url::Url;

use crate::i18n::Lang;
use crate::probe::plan::{Plan, ProbeTools};
use crate::report::{BrowserRouteReport, PacAnswerReport, PacReport, ProxySourceReport};
use crate::route::{DecidedWays, Decision, ProxyConfig, ProxySettings, Route};
use crate::system::interfaces::NetInterface;
use crate::system::pac::{self, PacEnvironment, PacError, PacResolver};
use crate::system::proxy::{
    ProxyEndpoint, SourceReading, SystemProxy, SystemProxyChoice, SystemProxyMode, SystemProxySetting,
};

/// The largest PAC file fetched.
pub const PAC_BYTE_CAP: usize = 1024 * 1024;
/// The longest a PAC file's fetch may take (within the run's deadline).
pub const PAC_FETCH_WAIT: Duration = Duration::from_secs(5);

/// What was read of the browsers' way, before it is set beside the check's.
#[derive(Debug, Clone, Default)]
pub struct BrowserView {
    pub system: SystemProxy,
    pub pac: Option<PacOutcome>,
}

/// The PAC file named by the setting in force: fetched and asked about every probed URL, or why
/// not.
#[derive(Debug, Clone)]
pub struct PacOutcome {
    pub location: String,
    pub bytes: Option<usize>,
    /// The fetch's failure, when it failed.
    pub failure: Option<PacError>,
    /// Per URL: what `FindProxyForURL` returned, or why the call failed.
    pub answers: Vec<(Url, PacAnswer)>,
}

/// What one `FindProxyForURL` call returned (as returned, and as choices), or why it failed.
pub type PacAnswer = Result<(String, Vec<pac::PacChoice>), PacError>;

impl PacOutcome {
    /// The first failure: the fetch's, else the first call's.
    pub fn failure(&self) -> Option<&PacError> {
        self.failure
            .as_ref()
            .or_else(|| self.answers.iter().find_map(|(_, a)| a.as_ref().err()))
    }
}

/// Reads the system proxy (blocking, bounded) and, when the setting in force names a PAC file,
/// fetches it and evaluates it for each of `urls`.
pub async fn read(plan: &Plan, tools: &ProbeTools, urls: &[Url], interfaces: &[NetInterface]) -> BrowserView {
    // Reading may wait on programs (gsettings) or the OS for up to a few seconds: off the async
    // threads. Without a desktop session on Linux nothing is read, so no thread is started.
    let reads = cfg!(any(windows, target_os = "macos"))
        || crate::system::proxy::desktop_from_env(&|k| std::env::var(k).ok()).is_some();
    let system = if reads {
        tokio::task::spawn_blocking(crate::system::proxy::read_system_proxy)
            .await
            .unwrap_or_default()
    } else {
        SystemProxy::default()
    };
    let pac_url = system
        .setting_in_force()
        .filter(|s| s.mode == SystemProxyMode::Pac)
        .and_then(|s| s.pac_url.clone());
    let pac = match pac_url {
        Some(location) => Some(evaluate_pac(location, plan, tools, urls, interfaces).await),
        None => None,
    };
    BrowserView { system, pac }
}

async fn evaluate_pac(
    location: String,
    plan: &Plan,
    tools: &ProbeTools,
    urls: &[Url],
    interfaces: &[NetInterface],
) -> PacOutcome {
    let deadline = Instant::now() + PAC_FETCH_WAIT.min(plan.max_time);
    let script = match pac::fetch(&location, plan, tools, PAC_BYTE_CAP, deadline).await {
        Ok(s) => s,
        Err(e) => {
            return PacOutcome {
                location,
                bytes: None,
                failure: Some(e),
                answers: vec![],
            };
        }
    };
    let env = PacEnvironment::new(pac_resolver(tools), my_ip(interfaces));
    let text = script.text.clone();
    let asked: Vec<Url> = urls.to_vec();
    let answers = tokio::task::spawn_blocking(move || {
        asked
            .into_iter()
            .map(|u| {
                let host = u.host_str().unwrap_or("").trim_matches(['[', ']']).to_string();
                let answer = pac::evaluate_detailed(&text, &u, &host, &env).map(|e| (e.returned, e.choices));
                (u, answer)
            })
            .collect()
    })
    .await
    .unwrap_or_default();
    PacOutcome {
        location,
        bytes: Some(script.bytes),
        failure: None,
        answers,
    }
}

/// The resolver a PAC's DNS helpers use: the OS's, as the browser's own; none when the check
/// was told to use another DNS server (the OS resolver is then not the one asked).
fn pac_resolver(tools: &ProbeTools) -> PacResolver {
    if tools.dns.server_chosen() {
        return Arc::new(|_| Vec::new());
    }
    Arc::new(|name: &str| {
        (name, 0u16)
            .to_socket_addrs()
            .map(|a| a.map(|s| s.ip()).take(16).collect())
            .unwrap_or_default()
    })
}

/// This machine's address as a PAC's `myIpAddress()` sees it: the first IPv4 address of an up,
/// non-loopback interface.
fn my_ip(interfaces: &[NetInterface]) -> IpAddr {
    interfaces
        .iter()
        .filter(|i| i.up && !i.loopback)
        .flat_map(|i| i.addresses.iter().map(|a| a.ip))
        .find(IpAddr::is_ipv4)
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
}

/// Where a program's connection to one URL goes first.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Way {
    Direct,
    /// Through the proxy at `host:port` (IPv6 in brackets).
    Proxy(String),
    /// Not known without evaluating something the tool does not (auto-detection, a PAC that gave
    /// no usable answer, no setting in force).
    Unknown,
}

fn endpoint(host: &str, port: u16) -> String {
    format!("{}:{port}", crate::route::bracket(host))
}

/// A proxy as `host:port` (IPv6 in brackets), the way the reports write it.
pub fn proxy_endpoint(p: &ProxyConfig) -> String {
    endpoint(p.host(), p.port())
}

/// What browsers do with one URL, and what decided it.
fn browser_way(view: &BrowserView, url: &Url) -> (Way, String) {
    let Some(setting) = view.system.setting_in_force() else {
        return (Way::Unknown, "no_setting_in_force".into());
    };
    match setting.choice_for(url) {
        SystemProxyChoice::Direct => (Way::Direct, setting.origin.clone()),
        SystemProxyChoice::Bypassed { entry } => (Way::Direct, format!("{} ({entry})", setting.origin)),
        SystemProxyChoice::Proxy(p) => (Way::Proxy(proxy_endpoint(&p)), setting.origin.clone()),
        SystemProxyChoice::Pac(_) => (pac_way(view, url), "PAC".into()),
        SystemProxyChoice::AutoDetect => (Way::Unknown, "auto_detect".into()),
    }
}

/// The choices the PAC file returned for `url`, when it was evaluated and answered.
fn pac_choices<'a>(view: &'a BrowserView, url: &Url) -> Option<&'a [pac::PacChoice]> {
    let (_, answer) = view.pac.as_ref()?.answers.iter().find(|(u, _)| u == url)?;
    answer.as_ref().ok().map(|(_, choices)| choices.as_slice())
}

fn pac_way(view: &BrowserView, url: &Url) -> Way {
    let Some(choices) = pac_choices(view, url) else {
        return Way::Unknown;
    };
    match choices.first() {
        Some(pac::PacChoice::Direct) | None => Way::Direct,
        Some(c) => c
            .endpoint()
            .map_or(Way::Unknown, |(h, p)| Way::Proxy(endpoint(h, p))),
    }
}

/// What browsers do with one URL as a route the probes can follow; `None` when it is not known
/// (auto-detection, a PAC answer the probes cannot take such as `HTTPS` or `SOCKS4`).
fn browser_decision(view: &BrowserView, url: &Url) -> Option<Decision> {
    let setting = view.system.setting_in_force()?;
    match setting.choice_for(url) {
        SystemProxyChoice::Direct | SystemProxyChoice::Bypassed { .. } => Some(Decision::Direct),
        SystemProxyChoice::Proxy(p) => Some(Decision::Proxy(p)),
        SystemProxyChoice::Pac(location) => {
            let choices = pac_choices(view, url)?;
            match choices.first() {
                Some(pac::PacChoice::Direct) | None => Some(Decision::Direct),
                Some(c) => c.to_proxy_config(&format!("PAC {location}")).map(Decision::Proxy),
            }
        }
        SystemProxyChoice::AutoDetect => None,
    }
}

/// The browsers' way as a route to probe: `Some` when it is known for every URL and (with
/// `only_if_different`) differs from the check's own (`env`) for at least one.
pub fn decided_ways(
    view: &BrowserView,
    urls: &[Url],
    env: &ProxySettings,
    only_if_different: bool,
) -> Option<DecidedWays> {
    let setting = view.system.setting_in_force()?;
    let mut decisions = Vec::new();
    let mut differs = false;
    for u in urls {
        let decision = browser_decision(view, u)?;
        let env_way = env.for_url(u).map(proxy_endpoint);
        let way = match &decision {
            Decision::Direct => None,
            Decision::Proxy(p) => Some(proxy_endpoint(p)),
        };
        differs |= env_way != way;
        decisions.push((u.to_string(), decision));
    }
    let source = match (&setting.mode, &view.pac) {
        (SystemProxyMode::Pac, Some(p)) => format!("PAC {}", p.location),
        _ => setting.origin.clone(),
    };
    (differs || !only_if_different).then_some(DecidedWays { source, decisions })
}

/// What `--route direct` names as the source of its way.
pub const DIRECT_SOURCE: &str = "--route direct";

/// Every URL sent direct: `--route direct`.
pub fn all_direct(urls: &[Url]) -> DecidedWays {
    DecidedWays {
        source: DIRECT_SOURCE.into(),
        decisions: urls.iter().map(|u| (u.to_string(), Decision::Direct)).collect(),
    }
}

/// The way of a route in words: `direct`, or the proxy's `host:port` when every proxied URL uses
/// the same one (else the first).
pub fn way_words(ways: &DecidedWays) -> String {
    ways.decisions
        .iter()
        .find_map(|(_, d)| match d {
            Decision::Proxy(p) => Some(proxy_endpoint(p)),
            Decision::Direct => None,
        })
        .unwrap_or_else(|| "direct".into())
}

/// The browsers' way beside the check's, for every URL probed.
pub fn routes_report(view: &BrowserView, urls: &[Url], check: &ProxySettings) -> Vec<BrowserRouteReport> {
    urls.iter()
        .map(|u| {
            let (way, decided_by) = browser_way(view, u);
            let this_check = match check.route(u) {
                Route::Proxy(p) => Way::Proxy(proxy_endpoint(p)),
                _ => Way::Direct,
            };
            let differs = way != Way::Unknown && way != this_check;
            let (way_code, proxy) = match way {
                Way::Direct => ("direct", None),
                Way::Proxy(p) => ("proxy", Some(p)),
                Way::Unknown => ("unknown", None),
            };
            BrowserRouteReport {
                url: u.to_string(),
                way: way_code.into(),
                proxy,
                decided_by,
                this_check: match this_check {
                    Way::Proxy(p) => p,
                    _ => "direct".into(),
                },
                differs,
            }
        })
        .collect()
}

/// The sources as the report carries them.
pub fn sources_report(system: &SystemProxy) -> Vec<ProxySourceReport> {
    system
        .sources
        .iter()
        .map(|s| {
            let mut r = ProxySourceReport {
                origin: s.origin.clone(),
                state: "absent".into(),
                reason: None,
                mode: None,
                https: None,
                http: None,
                socks: None,
                pac_url: None,
                auto_detect: false,
                exceptions: vec![],
                ignored: vec![],
            };
            match &s.reading {
                SourceReading::Absent => {}
                SourceReading::Unreadable(code) => {
                    r.state = "unreadable".into();
                    r.reason = Some(code.clone());
                }
                SourceReading::Read(setting) => fill_setting(&mut r, setting),
            }
            r
        })
        .collect()
}

fn fill_setting(r: &mut ProxySourceReport, s: &SystemProxySetting) {
    let shown = |e: &Option<ProxyEndpoint>| e.as_ref().map(|e| endpoint(e.host(), e.port()));
    r.state = "read".into();
    r.mode = Some(
        match s.mode {
            SystemProxyMode::Direct => "direct",
            SystemProxyMode::Manual => "manual",
            SystemProxyMode::Pac => "pac",
            SystemProxyMode::AutoDetect => "auto_detect",
        }
        .into(),
    );
    r.https = shown(&s.https);
    r.http = shown(&s.http);
    r.socks = shown(&s.socks);
    r.pac_url = s.pac_url.clone();
    r.auto_detect = s.auto_detect;
    r.exceptions = s.exceptions.clone();
    r.ignored = s.ignored.clone();
}

/// The PAC outcome as the report carries it.
pub fn pac_report(outcome: &PacOutcome, lang: Lang) -> PacReport {
    let failure = outcome.failure();
    PacReport {
        location: outcome.location.clone(),
        status: if failure.is_some() { "failed" } else { "ok" }.into(),
        failure: failure.map(|e| e.code().to_string()),
        detail: failure.map(|e| e.message().text(lang)),
        bytes: outcome.bytes,
        answers: outcome
            .answers
            .iter()
            .map(|(u, a)| PacAnswerReport {
                url: u.to_string(),
                returned: a.as_ref().map(|(r, _)| r.clone()).unwrap_or_default(),
                failure: a.as_ref().err().map(|e| e.code().to_string()),
            })
            .collect(),
    }
}
