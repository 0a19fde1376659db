//! Runs every target concurrently, each stage under its timeout and the whole run under its
//! deadline. Every stage's wait is `min(--timeout, time left before --max-time)`, so targets
//! finish by the deadline on their own; a short grace period then cuts any straggler.
//!
//! Each target runs through the [`pipeline`](super::pipeline); the run adds the status
//! documents, the key check, the second view of every OpenAI name (the configured DNS servers
//! asked directly while the chain asks the OS resolver, concurrently with the targets) and the
//! DNS controls (DoH lookups for names no handshake proved).

use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use tokio::task::JoinSet;

use super::doh::doh_lookup;
use super::observation::{
    DnsDetail, DnsSource, DohLookup, NameViews, Observations, RequestSpec, SkipReason, Stage,
    TargetObservation,
};
use super::pipeline::probe_request;
use super::plan::{Plan, ProbeTools};
use crate::catalog::{Surface, Target};
use crate::route::{Route, dial, pinned};

/// The body cap for status page documents (incident lists run long).
pub const STATUS_DOCUMENT_CAP: usize = 2 * 1024 * 1024;

/// How long past the deadline stragglers may take before they are cut.
const GRACE: Duration = Duration::from_millis(250);

/// Probes every target; `on_done` is called as each finishes (for progress display).
pub async fn run(
    plan: &Plan,
    tools: Arc<ProbeTools>,
    mut on_done: impl FnMut(&TargetObservation),
) -> Observations {
    let started_at = SystemTime::now();
    let start = Instant::now();
    let deadline = start + plan.max_time;
    // One job list: the targets, then the status documents, then the key check.
    let browser = browser_handshake_targets(&plan.targets);
    let mut jobs: Vec<(Target, RequestSpec)> = plan
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let request = RequestSpec {
                browser_handshake: browser.contains(&i),
                ..RequestSpec::default()
            };
            (t.clone(), request)
        })
        .collect();
    let documents = RequestSpec {
        body_cap: STATUS_DOCUMENT_CAP,
        full_body_wait: true,
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
        let tools = tools.clone();
        let plan = plan.clone();
        set.spawn(async move { (i, probe_request(target, &request, &plan, &tools, deadline).await) });
    }
    let names = looked_up_names(plan);
    // The second view of each name runs beside the targets, so it adds no wait of its own.
    let views = SecondViews::start(plan, &tools, deadline, &names);
    // DNS controls with a head start: each OpenAI name's DoH lookups wait DOH_HEAD_START, then
    // run unless the name was proven by then (its TLS handshake verified) — so a healthy run asks
    // nothing, while a black-holed one gets its controls during the TCP wait, not after it.
    let mut early = EarlyControls::start(plan, &tools, deadline, names.clone());
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
    let doh = early.collect(&targets, plan, &tools, deadline).await;
    let dns_views = views.collect(&names, &targets, deadline).await;
    let elapsed = start.elapsed();
    Observations {
        targets,
        status_documents,
        key_check,
        doh,
        dns_views,
        started_at,
        duration: elapsed,
    }
}

/// The targets that also get a browser-shaped handshake: the first target of each web and app
/// host, and the first TLS control (to tell the local network from the path).
fn browser_handshake_targets(targets: &[Target]) -> Vec<usize> {
    let mut hosts: Vec<String> = Vec::new();
    let mut chosen = Vec::new();
    for (i, t) in targets.iter().enumerate() {
        if t.is_tls() && matches!(t.surface, Surface::Web | Surface::App) && !hosts.contains(&t.host()) {
            hosts.push(t.host());
            chosen.push(i);
        }
    }
    if let Some(i) = targets
        .iter()
        .position(|t| t.is_tls() && t.surface == Surface::Control)
    {
        chosen.push(i);
    }
    chosen
}

/// The names that need a DNS control: OpenAI names (not controls, not literals, not pinned or
/// proxied) whose lookup failed, or whose answer no TLS handshake proved (a completed handshake
/// with the name and a chain the public store accepts proves the address serves the name).
pub fn names_needing_control(targets: &[TargetObservation]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for t in targets.iter().filter(|t| t.target.surface != Surface::Control) {
        let Some(dns) = &t.dns else { continue };
        if dns.detail.as_ref().is_some_and(|d| {
            !matches!(
                d.source,
                DnsSource::Os | DnsSource::System { .. } | DnsSource::Server(_)
            )
        }) {
            continue;
        }
        let proven = t.attempts.iter().any(|a| {
            a.tls.as_ref().and_then(|s| s.detail.as_ref()).is_some_and(|d| {
                d.version.is_some()
                    && d.public_store
                        .as_ref()
                        .is_some_and(super::observation::Verification::is_trusted)
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

/// The OpenAI names the targets look up by name, each with the indices of the targets that dial
/// it: not controls, not through a proxy (the proxy resolves), not addresses, not pinned by
/// `--resolve`.
fn looked_up_names(plan: &Plan) -> Vec<(String, Vec<usize>)> {
    let mut names: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, t) in plan.targets.iter().enumerate() {
        if t.surface == Surface::Control || matches!(plan.route(&t.url), Route::Proxy(_)) {
            continue;
        }
        let (host, port) = dial(&t.host(), t.port(), &plan.connect_to);
        let pinned = pinned(&plan.resolve, (&host, port), (&t.host(), t.port())).is_some();
        if host.parse::<IpAddr>().is_ok() || pinned {
            continue;
        }
        match names.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&host)) {
            Some((_, idx)) => idx.push(i),
            None => names.push((host, vec![i])),
        }
    }
    names
}

/// The view of each name that the chain does not take: the configured DNS servers asked
/// directly, started with the targets, when the chain asks the OS resolver. Under
/// `--dns-server` the chain asks that server and the OS resolver is not asked at all.
struct SecondViews {
    /// One lookup per name, in the order of the names (none under `--dns-server`).
    tasks: Vec<Option<tokio::task::JoinHandle<Stage<DnsDetail>>>>,
    server_chosen: bool,
}

impl SecondViews {
    fn start(
        plan: &Plan,
        tools: &Arc<ProbeTools>,
        deadline: Instant,
        names: &[(String, Vec<usize>)],
    ) -> SecondViews {
        let server_chosen = tools.dns.server_chosen();
        if server_chosen {
            return SecondViews {
                tasks: vec![],
                server_chosen,
            };
        }
        let wait = super::pipeline::stage_timeout(plan.timeout, deadline);
        let tasks = names
            .iter()
            .map(|(name, _)| {
                let (tools, name, families, timeout) =
                    (tools.clone(), name.clone(), plan.families.clone(), plan.timeout);
                (!wait.is_zero()).then(|| {
                    tokio::spawn(async move {
                        tools
                            .dns
                            .lookup(&name, &families, wait)
                            .await
                            .deadline_checked(wait, timeout)
                    })
                })
            })
            .collect();
        SecondViews { tasks, server_chosen }
    }

    /// Each name's two views: the chain's dns stage (of the first target dialling it) and the
    /// other one, within the deadline.
    async fn collect(
        self,
        names: &[(String, Vec<usize>)],
        targets: &[TargetObservation],
        deadline: Instant,
    ) -> Vec<NameViews> {
        let hard_stop = tokio::time::Instant::from_std(deadline + GRACE);
        let mut tasks = self.tasks.into_iter();
        let mut out = Vec::with_capacity(names.len());
        for (name, idx) in names {
            let chain = idx
                .iter()
                .find_map(|i| targets.get(*i)?.dns.clone())
                .unwrap_or_else(Stage::deadline_skipped);
            let (os, configured) = if self.server_chosen {
                (Stage::skipped(SkipReason::DnsServerChosen), chain)
            } else {
                let other = match tasks.next().flatten() {
                    Some(handle) => match tokio::time::timeout_at(hard_stop, handle).await {
                        Ok(Ok(stage)) => stage,
                        _ => Stage::deadline_skipped(),
                    },
                    None => Stage::deadline_skipped(),
                };
                (chain, other)
            };
            out.push(NameViews {
                name: name.trim_end_matches('.').to_string(),
                os,
                configured,
            });
        }
        out
    }
}

impl EarlyControls {
    fn start(
        plan: &Plan,
        tools: &Arc<ProbeTools>,
        deadline: Instant,
        names: Vec<(String, Vec<usize>)>,
    ) -> EarlyControls {
        if plan.doh.is_empty() {
            return EarlyControls { tasks: vec![] };
        }
        // The controls overlap the first stages' wait and end with it: one --timeout from now,
        // so an unreachable DoH resolver never outlasts a black-holed connection.
        let deadline = deadline.min(Instant::now() + plan.timeout);
        let tasks = names
            .into_iter()
            .map(|(name, idx)| {
                let (plan, tools, n) = (plan.clone(), tools.clone(), name.clone());
                let handle = tokio::spawn(async move {
                    tokio::time::sleep(DOH_HEAD_START).await;
                    lookups(&n, &plan, &tools, deadline).await
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
        tools: &Arc<ProbeTools>,
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
                out.extend(lookups(name, plan, tools, deadline).await);
            }
        }
        out
    }
}

/// Every control resolver, every family, for one name, concurrently, within the deadline.
async fn lookups(name: &str, plan: &Plan, tools: &Arc<ProbeTools>, deadline: Instant) -> Vec<DohLookup> {
    let mut set = JoinSet::new();
    let mut n = 0;
    for family in &plan.families {
        for resolver in &plan.doh {
            let (name, family, resolver) = (name.to_string(), *family, resolver.clone());
            let (plan, tools) = (plan.clone(), tools.clone());
            set.spawn(async move {
                (
                    n,
                    doh_lookup(&resolver, &name, family, &plan, &tools, deadline).await,
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
