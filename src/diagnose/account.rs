//! The account layer: what the API said of the key. Region blocks, edge refusals and server
//! errors on the key check are judged by the path and service layers.

use crate::evidence::auth::{KeyStatus, classify_key, rate_limit_headers};
use crate::evidence::signatures::api_error;
use crate::i18n::Lang;
use crate::probe::HttpDetail;
use crate::report::{AccountReport, Cause, Layer, LayerReport, LayerStatus};
use crate::tr;

use super::candidate::{Candidate, LayerJudgement, LayerOutcome};
use super::scene::Scene;
use super::target_view::{Ending, TargetView};
use super::words::joined;

/// Judges the account, with the key check's report when a key was checked (or meant to be).
pub fn judge(scene: &Scene) -> (LayerOutcome, Option<AccountReport>) {
    let lang = scene.lang;
    let ctx = scene.context;
    if ctx.key_source.is_none() && ctx.require_key {
        let mut judgement = LayerJudgement::default();
        judgement.fault(Candidate {
            layer: Layer::Account,
            cause: Cause::ApiKeyMissing,
            summary: tr!(lang, "diag-api-key-missing-summary"),
            evidence: vec![tr!(lang, "diag-evidence-key-not-set")],
        });
        return (judgement.finish(Layer::Account, String::new()), None);
    }
    let (Some(source), Some(key_check)) = (ctx.key_source.as_ref(), scene.key_check.as_ref()) else {
        let report = LayerReport {
            layer: Layer::Account,
            status: LayerStatus::NotChecked,
            summary: tr!(lang, "diag-account-no-key"),
            findings: vec![],
        };
        let outcome = LayerOutcome {
            report,
            candidate: None,
        };
        return (outcome, None);
    };
    let mut report = AccountReport {
        key_source: source.clone(),
        url: key_check.observation.target.url.to_string(),
        organization_sent: ctx.organization_sent,
        project_sent: ctx.project_sent,
        status: String::new(),
        http_status: None,
        request_id: None,
        organization: None,
        missing_scopes: None,
        rate_limits: Default::default(),
        message: None,
        stages: vec![],
    };
    let mut judgement = LayerJudgement::default();
    // An answer that is not the API's (a block page, a portal) says nothing of the key.
    let Some(r) = key_check
        .observation
        .response()
        .filter(|_| key_check.unproven().is_none())
    else {
        unanswered(key_check, &mut report, &mut judgement, lang);
        return (judgement.finish(Layer::Account, String::new()), Some(report));
    };
    judge_answer(r, &mut report, &mut judgement, lang);
    let ok_summary = match &report.organization {
        Some(o) => tr!(
            lang,
            "diag-account-ok-organization",
            source = source,
            organization = o
        ),
        None => tr!(lang, "diag-account-ok", source = source),
    };
    (judgement.finish(Layer::Account, ok_summary), Some(report))
}

/// No answer to the key check: withheld on purpose, or the request did not get through.
fn unanswered(
    key_check: &TargetView,
    report: &mut AccountReport,
    judgement: &mut LayerJudgement,
    lang: Lang,
) {
    let (status, why) = match &key_check.ending {
        Ending::Withheld(why) => ("not_sent", why.describe(lang)),
        _ => ("unreachable", key_check.describe_ending(lang)),
    };
    report.status = status.into();
    report.message = Some(why.clone());
    judgement.warn(
        Cause::KeyNotChecked,
        tr!(lang, "diag-key-not-checked", reason = why),
    );
}

/// Reads the API's answer to the key check into the report, and judges the key by it.
fn judge_answer(r: &HttpDetail, report: &mut AccountReport, judgement: &mut LayerJudgement, lang: Lang) {
    let status = classify_key(r);
    report.status = status.as_str().into();
    report.http_status = Some(r.status);
    report.request_id = r.header("x-request-id").map(str::to_string);
    report.organization = r.header("openai-organization").map(str::to_string);
    report.rate_limits = rate_limit_headers(r).into_iter().collect();
    report.message = api_error(&r.body).and_then(|e| e.message);
    let Some((cause, summary)) = key_fault(&status, r, report, judgement, lang) else {
        return;
    };
    let mut evidence = vec![tr!(
        lang,
        "diag-evidence-key-request",
        url = &report.url,
        status = r.status
    )];
    if let Some(m) = &report.message {
        evidence.push(tr!(lang, "diag-evidence-api-said", message = m));
    }
    if let Some(id) = &report.request_id {
        evidence.push(tr!(lang, "diag-evidence-request-id", id = id));
    }
    judgement.fault(Candidate {
        layer: Layer::Account,
        cause,
        summary,
        evidence,
    });
}

/// The fault a key status is, with its summary; statuses that are no fault of the account
/// leave a warning at most.
fn key_fault(
    status: &KeyStatus,
    r: &HttpDetail,
    report: &mut AccountReport,
    judgement: &mut LayerJudgement,
    lang: Lang,
) -> Option<(Cause, String)> {
    let source = report.key_source.clone();
    // Header lines as they came ("retry-after: 20"): raw data.
    let rate = || {
        let headers: Vec<String> = report
            .rate_limits
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        joined(lang, &headers)
    };
    match status {
        KeyStatus::Valid => None,
        KeyStatus::Restricted { missing_scopes } => {
            report.missing_scopes = missing_scopes.clone();
            judgement.warn(
                Cause::ApiKeyRestricted,
                match missing_scopes {
                    Some(m) => tr!(lang, "diag-key-restricted-scopes", scopes = m),
                    None => tr!(lang, "diag-key-restricted"),
                },
            );
            None
        }
        KeyStatus::Invalid => Some((
            Cause::ApiKeyInvalid,
            tr!(lang, "diag-api-key-invalid-summary", source = &source),
        )),
        KeyStatus::OrgMismatch => Some((Cause::OrgMismatch, tr!(lang, "diag-org-mismatch-summary"))),
        KeyStatus::QuotaExhausted => Some((Cause::QuotaExhausted, tr!(lang, "diag-quota-exhausted-summary"))),
        KeyStatus::RateLimited => Some((
            Cause::RateLimited,
            if report.rate_limits.is_empty() {
                tr!(lang, "diag-rate-limited-summary")
            } else {
                tr!(lang, "diag-rate-limited-summary-headers", headers = rate())
            },
        )),
        KeyStatus::Unexpected => {
            judgement.warn(
                Cause::KeyNotChecked,
                tr!(lang, "diag-key-unexpected-answer", status = r.status),
            );
            None
        }
        // Judged by the path and service layers.
        KeyStatus::RegionBlocked | KeyStatus::EdgeRefused | KeyStatus::ServerError => None,
    }
}
