//! Answers that are not OpenAI's: an OpenAI endpoint answered without the proof only the real
//! service gives (`evidence::origin`). When the controls were answered by the same page, a
//! captive portal answers everything (the local network); otherwise something on the path
//! answers in OpenAI's place.

use crate::evidence::origin::{Lack, title};
use crate::i18n::Lang;
use crate::probe::HttpDetail;
use crate::report::{Cause, Layer};
use crate::safe_text::one_line;
use crate::tr;

use super::candidate::Candidate;
use super::scene::Scene;
use super::target_view::TargetView;
use super::words::list;

/// The service targets (and the key check) whose answers lack their proof.
pub fn foreign<'s, 'a>(scene: &'s Scene<'a>) -> Vec<&'s TargetView<'a>> {
    scene
        .service_and_key_check()
        .into_iter()
        .filter(|v| v.unproven().is_some())
        .collect()
}

/// Something on the path answered in OpenAI's place.
pub fn unexpected_answer(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let foreign = foreign(scene);
    if foreign.is_empty() {
        return None;
    }
    let n: Vec<&str> = foreign.iter().map(|v| v.name()).collect();
    let mut evidence: Vec<String> = foreign
        .iter()
        .take(8)
        .filter_map(|v| evidence_line(v, lang))
        .collect();
    if let Some(c) = scene.controls().into_iter().find(|c| c.worked()) {
        evidence.push(tr!(lang, "diag-evidence-control-answered", target = c.name()));
    }
    Some(Candidate {
        layer: Layer::Path,
        cause: Cause::UnexpectedAnswer,
        summary: tr!(lang, "diag-unexpected-answer-summary", targets = list(lang, &n)),
        evidence,
    })
}

/// Controls answered by the page that answered for OpenAI: a portal (or a filter) answers
/// everything. Returns the evidence lines, one per control so answered.
pub fn same_page_portal(scene: &Scene) -> Vec<String> {
    let lang = scene.lang;
    let foreign = foreign(scene);
    let mut out = Vec::new();
    for control in scene.controls() {
        let Some(c) = control.observation.response() else {
            continue;
        };
        if let Some(v) = foreign
            .iter()
            .find(|v| v.observation.response().is_some_and(|r| same_page(r, c)))
        {
            out.push(tr!(
                lang,
                "diag-evidence-same-page",
                control = control.name(),
                target = v.name(),
                status = c.status
            ));
        }
    }
    out
}

/// Two answers that are the same page: the same status, and the same redirect target, title or
/// body.
fn same_page(a: &HttpDetail, b: &HttpDetail) -> bool {
    if a.status != b.status {
        return false;
    }
    if (300..400).contains(&a.status) {
        let host = |r: &HttpDetail| {
            r.header("location")
                .and_then(|l| url::Url::parse(l).ok())
                .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        };
        return host(a).is_some() && host(a) == host(b);
    }
    match (title(&a.body), title(&b.body)) {
        (Some(x), Some(y)) => x == y,
        _ => !a.body.is_empty() && a.body == b.body,
    }
}

/// One target's foreign answer in words: its status, what it lacks, and whose page it looks
/// like (its title and server).
fn evidence_line(v: &TargetView, lang: Lang) -> Option<String> {
    let r = v.observation.response()?;
    let lack = lack_words(v.unproven()?, r, lang);
    let expected = crate::i18n::text(lang, &format!("proof-{}", v.endpoint.as_str()), &[]);
    let line = tr!(
        lang,
        "diag-evidence-unexpected",
        target = v.name(),
        status = r.status,
        lack = lack,
        expected = expected
    );
    let server = r.header("server").map(|s| one_line(s, 60));
    Some(match (title(&r.body), server) {
        (Some(t), Some(s)) => tr!(
            lang,
            "diag-evidence-page-server",
            line = line,
            title = t,
            server = s
        ),
        (Some(t), None) => tr!(lang, "diag-evidence-page", line = line, title = t),
        (None, Some(s)) => tr!(lang, "diag-evidence-server", line = line, server = s),
        (None, None) => line,
    })
}

/// What an answer lacks, in words, with its figures.
fn lack_words(lack: &Lack, r: &HttpDetail, lang: Lang) -> String {
    let ms = (r.body_duration.as_secs_f64() * 1e3).round() as u64;
    match lack {
        Lack::BodyUnfinished => tr!(lang, "lack-body_unfinished", bytes = r.body.len(), ms = ms),
        Lack::BodyTooLong => tr!(lang, "lack-body_too_long", bytes = r.body.len()),
        Lack::BodyBroken => tr!(lang, "lack-body_broken", bytes = r.body.len()),
        Lack::RedirectOffSite(host) => tr!(lang, "lack-redirect_off_site", host = one_line(host, 120)),
        Lack::UnexpectedStatus => tr!(lang, "lack-unexpected_status"),
        Lack::UnexpectedBody => {
            let kind = r
                .header("content-type")
                .map_or_else(|| tr!(lang, "diag-unknown-value"), |c| one_line(c, 60));
            tr!(lang, "lack-unexpected_body", content_type = kind)
        }
        Lack::NoRequestId => tr!(lang, "lack-no_request_id"),
        Lack::NoEdgeRay => tr!(lang, "lack-no_edge_ray"),
    }
}
