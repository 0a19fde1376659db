//! The service layer: OpenAI's servers erring, read against what the status page says.

use std::collections::BTreeSet;

use crate::evidence::status_page::{Condition, Group, StatusPage};
use crate::i18n::Lang;
use crate::report::{Cause, Layer, LayerStatus};
use crate::tr;

use super::candidate::{Candidate, LayerJudgement, LayerOutcome};
use super::scene::Scene;
use super::target_view::{Ending, TargetView};
use super::words::list;

/// Judges OpenAI's service. Server errors are a fault of this layer whatever came before; the
/// verdict takes them only when no layer nearer the user has one.
pub fn judge(scene: &Scene) -> LayerOutcome {
    let lang = scene.lang;
    let service = scene.service();
    let mut judgement = LayerJudgement::default();
    let erroring: Vec<&TargetView> = scene
        .service_and_key_check()
        .into_iter()
        .filter(|v| v.server_error().is_some() || matches!(v.ending, Ending::Http(..)))
        .collect();
    if !erroring.is_empty() {
        judgement.fault(server_errors(scene, &erroring));
    } else if let Some(p) = &scene.status_page
        && p.read()
        && !p.all_operational()
    {
        // The page reports trouble but every endpoint answered: worth knowing, not the fault.
        let worst = [Group::ChatGpt, Group::Api]
            .into_iter()
            .map(|g| p.condition_of(g))
            .find(|c| *c != Condition::Operational);
        let cause = match worst {
            Some(Condition::Maintenance) => Cause::Maintenance,
            Some(Condition::Outage) => Cause::ServiceOutage,
            _ => Cause::ServiceDegraded,
        };
        judgement.warn(
            cause,
            tr!(
                lang,
                "diag-status-page-trouble",
                lines = page_lines(p, lang).join(&tr!(lang, "diag-clause-separator"))
            ),
        );
    }
    let answered = service.iter().filter(|v| v.ending == Ending::Answered).count();
    let ok_summary = tr!(
        lang,
        "diag-service-ok",
        answered = answered,
        total = service.len()
    );
    let mut outcome = judgement.finish(Layer::Service, ok_summary);
    if outcome.report.findings.is_empty() && answered == 0 {
        outcome.report.status = LayerStatus::NotChecked;
        outcome.report.summary = tr!(lang, "diag-service-not-reached");
    }
    outcome
}

/// Server errors, named by what the status page says of their groups: maintenance, an outage
/// or degradation it knows about, or errors it does not.
fn server_errors(scene: &Scene, erroring: &[&TargetView]) -> Candidate {
    let lang = scene.lang;
    let page = scene.status_page.as_ref();
    let n: Vec<&str> = erroring.iter().map(|v| v.name()).collect();
    let mut evidence: Vec<String> = erroring.iter().map(|v| v.describe_ending(lang)).collect();
    let groups: BTreeSet<Group> = erroring
        .iter()
        .filter_map(|v| Group::of_surface(v.surface()))
        .collect();
    let condition = match page {
        Some(p) if p.read() => groups
            .iter()
            .map(|g| p.condition_of(*g))
            .max_by_key(|c| match c {
                Condition::Maintenance => 3,
                Condition::Outage => 2,
                Condition::Degraded => 1,
                Condition::Operational => 0,
            })
            .unwrap_or(Condition::Operational),
        _ => Condition::Operational,
    };
    match page {
        Some(p) if p.read() => evidence.extend(page_lines(p, lang)),
        Some(_) => evidence.push(tr!(lang, "diag-evidence-status-page-unread")),
        None => {}
    }
    let list_n = list(lang, &n);
    let (cause, summary) = match condition {
        Condition::Maintenance => (
            Cause::Maintenance,
            tr!(lang, "diag-maintenance-summary", targets = list_n),
        ),
        Condition::Outage => (
            Cause::ServiceOutage,
            tr!(
                lang,
                "diag-service-outage-summary",
                count = n.len(),
                targets = list_n
            ),
        ),
        Condition::Degraded => (
            Cause::ServiceDegraded,
            tr!(lang, "diag-service-degraded-summary", targets = list_n),
        ),
        Condition::Operational => (
            Cause::ServiceErrors,
            tr!(lang, "diag-service-errors-summary", targets = list_n),
        ),
    };
    Candidate {
        layer: Layer::Service,
        cause,
        summary,
        evidence,
    }
}

/// Lines describing what the page reports, for evidence.
fn page_lines(p: &StatusPage, lang: Lang) -> Vec<String> {
    let mut out = vec![tr!(
        lang,
        "diag-status-page-overall",
        description = p
            .description
            .clone()
            .unwrap_or_else(|| tr!(lang, "diag-status-page-no-description")),
        indicator = p
            .indicator
            .clone()
            .unwrap_or_else(|| tr!(lang, "diag-status-page-no-indicator"))
    )];
    for c in p.components.iter().take(6) {
        out.push(tr!(
            lang,
            "diag-status-page-component",
            component = &c.name,
            group = c.group.as_str(),
            status = &c.status
        ));
    }
    for i in p.incidents.iter().take(3) {
        out.push(match &i.latest_update {
            Some(u) => tr!(
                lang,
                "diag-status-page-incident-update",
                incident = &i.name,
                status = &i.status,
                update = u
            ),
            None => tr!(
                lang,
                "diag-status-page-incident",
                incident = &i.name,
                status = &i.status
            ),
        });
    }
    for m in p.maintenances.iter().filter(|m| m.in_progress).take(3) {
        out.push(tr!(lang, "diag-status-page-maintenance", maintenance = &m.name));
    }
    out
}
