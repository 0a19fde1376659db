//! `diagnose` judges, it never measures: a pure function from observations to layers and a
//! verdict. It walks the layers from the user outwards and stops at the first layer where the
//! evidence *and its control* agree (ARCHITECTURE.md, "How a verdict is reached"). A finding counts only when a control rules
//! out the simpler explanation; when none can, the verdict is `inconclusive`, saying why.
//!
//! The observations are read once into a scene (`scene`); each layer judges it in a module of
//! its own and proposes a verdict (`candidate`); `verdict` takes the first from the user
//! outwards; `passes` then apply the rules that speak only when no layer did (slowness, the
//! run deadline), and the verdict is worded last.

mod account;
mod advice;
mod answers;
mod candidate;
mod context;
mod dns_views;
mod handshakes;
mod local_network;
mod machine;
pub mod network;
mod passes;
mod path;
pub mod routes;
mod scene;
mod service;
mod target_view;
mod verdict;
mod words;

pub use advice::for_cause as advice_for;
pub use context::{BrowserFindings, Context, RouteDifference};

use crate::probe::Observations;
use crate::report::{Diagnosis, DnsConsistencyReport, DnsViewReport, Layer, StatusPageReport};

/// Judges a run.
pub fn diagnose(obs: &Observations, ctx: &Context) -> Diagnosis {
    let scene = scene::Scene::new(obs, ctx);
    let machine = machine::judge(&scene);
    let local = local_network::judge(&scene, machine.candidate.is_some());
    let first_fault = if machine.candidate.is_some() {
        Some(Layer::Machine)
    } else {
        local.candidate.as_ref().map(|_| Layer::LocalNetwork)
    };
    let path = path::judge(&scene, first_fault);
    let service = service::judge(&scene);
    let (account, account_report) = account::judge(&scene);
    let (mut layers, candidate) = verdict::first_candidate(vec![machine, local, path, service, account]);
    let candidate = passes::slowness(&scene, &mut layers, candidate);
    let (deadline_warning, candidate) = passes::deadline(&scene, candidate);
    let verdict = verdict::conclude(&scene, candidate, deadline_warning, &layers);
    let status_page = scene.status_page.as_ref().map(|page| {
        let url = scene
            .status()
            .first()
            .map(|v| v.observation.target.url.to_string())
            .unwrap_or_default();
        StatusPageReport::from_page(url, page)
    });
    let dns_consistency = scene
        .dns_checks
        .iter()
        .map(|c| DnsConsistencyReport::from_check(c, &obs.doh, ctx.lang))
        .collect();
    let dns_views = scene
        .name_views
        .iter()
        .map(|v| DnsViewReport::new(v.views, &v.hosts, v.from_hosts_file, v.agree(), &obs.doh))
        .collect();
    Diagnosis {
        lang: ctx.lang,
        dns_views,
        verdict,
        layers,
        status_page,
        edge_trace: scene.edge_trace,
        account: account_report,
        dns_consistency,
    }
}

#[cfg(test)]
mod tests;
