//! The scene every layer judges: the probed targets with how each ended, and the readings made
//! from the observations as a whole (status page, edge trace, clock, speeds, DNS consistency).
//! Built once, before any layer, so that no layer depends on another's working.

use crate::catalog::Surface;
use crate::evidence::dns_consistency::NameConsistency;
use crate::evidence::signatures::parse_trace;
use crate::evidence::status_page::{self, StatusPage};
use crate::i18n::Lang;
use crate::probe::{CertProblem, Observations};
use crate::report::EdgeTraceReport;

use super::context::Context;
use super::dns_views::{NameView, name_views};
use super::network::{self, ClockReading, Speeds};
use super::target_view::TargetView;

/// The observations as the layers read them.
pub struct Scene<'a> {
    /// The run as the probes recorded it.
    pub observations: &'a Observations,
    /// What is known of the machine besides the probes.
    pub context: &'a Context,
    /// The language of the words.
    pub lang: Lang,
    /// Every target, in the order probed.
    pub targets: Vec<TargetView<'a>>,
    /// The API key check, when one ran. It counts as API evidence for the region, edge and
    /// server-error rules.
    pub key_check: Option<TargetView<'a>>,
    /// The status target's answer and the status documents merged (`None` when the status
    /// surface was not probed).
    pub status_page: Option<StatusPage>,
    /// What `chatgpt.com/cdn-cgi/trace` said, when a web target answered it.
    pub edge_trace: Option<EdgeTraceReport>,
    /// The trace's fields dropped for their shape (`loc`, `colo`, `ip`…).
    pub edge_trace_rejected: Vec<&'static str>,
    /// The local clock against servers' `Date` headers.
    pub clock: Option<ClockReading>,
    /// Hosts whose certificates failed on their dates, with the problem.
    pub validity_failures: Vec<(String, CertProblem)>,
    /// System resolver answers judged against the DoH controls and the TLS proofs.
    pub dns_checks: Vec<NameConsistency>,
    /// Every OpenAI name as apps resolve it and as DNS answers it, with the hosts file's say.
    pub name_views: Vec<NameView<'a>>,
    /// Median connection setup times of the controls and of OpenAI.
    pub speeds: Speeds,
}

impl<'a> Scene<'a> {
    /// Reads the observations once for every layer. Pure: no I/O.
    pub fn new(observations: &'a Observations, context: &'a Context) -> Self {
        let lang = context.lang;
        let targets: Vec<TargetView<'a>> = observations
            .targets
            .iter()
            .map(|t| TargetView::new(t, lang))
            .collect();
        let status_page = read_status_page(observations, &targets);
        let (edge_trace, edge_trace_rejected) = edge_trace(observations).unzip();
        Scene {
            observations,
            context,
            lang,
            key_check: observations
                .key_check
                .as_ref()
                .map(|t| TargetView::key_check(t, lang)),
            status_page,
            edge_trace,
            edge_trace_rejected: edge_trace_rejected.unwrap_or_default(),
            clock: network::clock(observations),
            validity_failures: network::validity_failures(observations),
            dns_checks: network::dns_checks(observations, &context.edge_ranges),
            name_views: name_views(observations, &context.hosts),
            speeds: network::speeds(observations),
            targets,
        }
    }

    /// The control targets (not OpenAI's), which tell the network from OpenAI's path.
    pub fn controls(&self) -> Vec<&TargetView<'a>> {
        self.targets
            .iter()
            .filter(|v| v.surface() == Surface::Control)
            .collect()
    }

    /// OpenAI's targets: every one that is not a control.
    pub fn openai(&self) -> Vec<&TargetView<'a>> {
        self.targets
            .iter()
            .filter(|v| v.surface() != Surface::Control)
            .collect()
    }

    /// OpenAI's service targets (the surfaces people use).
    pub fn service(&self) -> Vec<&TargetView<'a>> {
        self.targets.iter().filter(|v| v.surface().is_service()).collect()
    }

    /// The status page targets.
    pub fn status(&self) -> Vec<&TargetView<'a>> {
        self.targets
            .iter()
            .filter(|v| v.surface() == Surface::Status)
            .collect()
    }

    /// The service targets followed by the key check: API evidence for the region, edge and
    /// server-error rules.
    pub fn service_and_key_check(&self) -> Vec<&TargetView<'a>> {
        self.service()
            .into_iter()
            .chain(self.key_check.as_ref())
            .collect()
    }
}

/// Merges the status target's answer and the status documents into one page (`None` when the
/// status surface was not probed).
fn read_status_page(obs: &Observations, targets: &[TargetView]) -> Option<StatusPage> {
    let target = targets.iter().find(|v| v.surface() == Surface::Status)?;
    let mut page = StatusPage::default();
    let answers = std::iter::once(target.observation).chain(obs.status_documents.iter());
    for t in answers {
        let Some(r) = t.response().filter(|r| r.status == 200) else {
            continue;
        };
        let path = t.target.url.path().trim_start_matches('/').to_string();
        if path.ends_with(status_page::NATIVE) {
            status_page::merge_native(&mut page, &r.body, &path);
        } else {
            status_page::merge_statuspage(&mut page, &r.body, &path);
        }
    }
    Some(page)
}

/// What `chatgpt.com/cdn-cgi/trace` said, when a web target answered it, and the fields it gave
/// in a shape the edge never writes.
fn edge_trace(obs: &Observations) -> Option<(EdgeTraceReport, Vec<&'static str>)> {
    obs.targets
        .iter()
        .filter(|t| t.target.surface == Surface::Web && t.target.url.path() == "/cdn-cgi/trace")
        .filter_map(|t| t.response().filter(|r| r.status == 200))
        .find_map(|r| parse_trace(&r.body))
        .map(|t| {
            let report = EdgeTraceReport {
                ip: t.ip,
                loc: t.loc,
                colo: t.colo,
                warp: t.warp,
                http: t.http,
                tls: t.tls,
            };
            (report, t.rejected)
        })
}
