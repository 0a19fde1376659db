//! Handshakes judged by their shape and their time: throttling keyed by the name (a handshake
//! naming OpenAI many round trips long while the same address is fast under a decoy name), and
//! the browsers' large ClientHello dying where the tool's small one completes.

use std::time::Duration;

use crate::i18n::Lang;
use crate::probe::tls::{SLOW_HANDSHAKE_RTTS, slow_handshake};
use crate::probe::{BrowserHelloDetail, Stage, TargetObservation};
use crate::report::{Cause, Layer};
use crate::tr;

use super::candidate::Candidate;
use super::scene::Scene;
use super::target_view::TargetView;
use super::words::list;

/// One connection's times, when its handshake completed.
#[derive(Debug, Clone, Copy)]
struct Times {
    connect: Duration,
    handshake: Duration,
    first_byte: Option<Duration>,
}

fn times(t: &TargetObservation) -> Option<Times> {
    let a = t.best()?;
    let tls = a.tls.as_ref().filter(|s| s.is_ok())?;
    Some(Times {
        connect: a.tcp.duration.filter(|_| a.tcp.is_ok())?,
        handshake: tls.duration?,
        first_byte: a.http.duration.filter(|_| a.http.is_ok()),
    })
}

fn ms(d: Duration) -> u64 {
    (d.as_secs_f64() * 1e3).round() as u64
}

/// A throttled target: its times, and the decoy's handshake to the same address.
struct Throttled<'v> {
    view: &'v TargetView<'v>,
    times: Times,
    decoy: String,
    decoy_handshake: Duration,
}

/// The target's handshake is many round trips long while the decoy's, at the same address, is
/// at most a third of it.
fn throttled<'v>(v: &'v TargetView<'v>) -> Option<Throttled<'v>> {
    let times = times(v.observation)?;
    if !slow_handshake(times.connect, times.handshake) {
        return None;
    }
    let decoy = v
        .observation
        .best()?
        .tls
        .as_ref()?
        .detail
        .as_ref()?
        .decoy
        .as_ref()?;
    let decoy_handshake = decoy.tls.as_ref().filter(|_| decoy.answered())?.duration?;
    (decoy_handshake * 3 <= times.handshake).then(|| Throttled {
        view: v,
        times,
        decoy: decoy.sni.clone(),
        decoy_handshake,
    })
}

/// Handshakes naming OpenAI are many round trips long while the same addresses under a decoy
/// name, and the controls, are fast: throttling keyed by the name.
pub fn sni_throttled(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let service = scene.service();
    let slow: Vec<Throttled> = service.iter().filter_map(|v| throttled(v)).collect();
    let completed = service.iter().filter(|v| times(v.observation).is_some()).count();
    // Throttling by name slows every OpenAI name; one slow handshake alone may be a lost packet.
    if slow.is_empty() || slow.len() * 2 < completed || (slow.len() < 2 && completed > 1) {
        return None;
    }
    let controls: Vec<(&str, Times)> = scene
        .controls()
        .into_iter()
        .filter_map(|c| Some((c.name(), times(c.observation)?)))
        .collect();
    if controls
        .iter()
        .any(|(_, t)| slow_handshake(t.connect, t.handshake))
    {
        return None; // the controls are slow the same way: not keyed by the name
    }
    let n: Vec<&str> = slow.iter().map(|s| s.view.name()).collect();
    let mut evidence: Vec<String> = slow.iter().take(6).map(|s| throttled_line(s, lang)).collect();
    if let Some((name, t)) = controls.first() {
        evidence.push(tr!(
            lang,
            "diag-evidence-control-handshake",
            target = *name,
            connect_ms = ms(t.connect),
            handshake_ms = ms(t.handshake)
        ));
    }
    Some(Candidate {
        layer: Layer::Path,
        cause: Cause::SniThrottled,
        summary: tr!(
            lang,
            "diag-sni-throttled-summary",
            targets = list(lang, &n),
            rtts = SLOW_HANDSHAKE_RTTS
        ),
        evidence,
    })
}

fn throttled_line(s: &Throttled, lang: Lang) -> String {
    let t = s.times;
    let ratio = t.handshake.as_secs_f64() / t.connect.as_secs_f64().max(1e-4);
    tr!(
        lang,
        "diag-evidence-throttled",
        target = s.view.name(),
        connect_ms = ms(t.connect),
        handshake_ms = ms(t.handshake),
        ratio = ratio.round() as u64,
        first_byte = t
            .first_byte
            .map_or_else(|| tr!(lang, "diag-unknown-value"), |d| ms(d).to_string()),
        decoy = s.decoy.as_str(),
        decoy_ms = ms(s.decoy_handshake)
    )
}

/// The browser-shaped handshake of a target, when it ran beside a completed small one.
fn browser<'a>(v: &TargetView<'a>) -> Option<&'a Stage<BrowserHelloDetail>> {
    let tls = v.observation.best()?.tls.as_ref().filter(|s| s.is_ok())?;
    tls.detail.as_ref()?.browser.as_deref()
}

/// The browser-shaped handshake died (not cut by the run deadline).
fn large_died(v: &TargetView) -> bool {
    browser(v).is_some_and(|b| !b.is_ok() && !b.cut_by_deadline && b.outcome.failure().is_some())
}

/// The small handshake completes and the browser-shaped one dies on OpenAI's web or app hosts:
/// `LocalNetwork` when the control's large handshake dies too (and none completed), `Path` when
/// only OpenAI's do. `None` when no large handshake died.
pub fn large_handshake_blocked(scene: &Scene) -> Option<Candidate> {
    let lang = scene.lang;
    let service = scene.service();
    let died: Vec<&TargetView> = service.iter().copied().filter(|v| large_died(v)).collect();
    let tried = service.iter().filter(|v| browser(v).is_some()).count();
    if died.is_empty() || died.len() * 2 < tried {
        return None;
    }
    let controls = scene.controls();
    let control_died: Vec<&TargetView> = controls.iter().copied().filter(|v| large_died(v)).collect();
    let control_ok = controls.iter().find(|v| browser(v).is_some_and(Stage::is_ok));
    let local = !control_died.is_empty() && control_ok.is_none();
    let n: Vec<&str> = died.iter().map(|v| v.name()).collect();
    let mut evidence: Vec<String> = died.iter().take(6).filter_map(|v| large_line(v, lang)).collect();
    evidence.extend(control_died.iter().filter_map(|v| large_line(v, lang)));
    if let Some(c) = control_ok {
        evidence.push(tr!(
            lang,
            "diag-evidence-large-control-ok",
            target = c.name(),
            group = chosen_group(c, lang)
        ));
    } else if control_died.is_empty() {
        evidence.push(tr!(lang, "diag-evidence-large-no-control"));
    }
    let (layer, summary) = if local {
        (
            Layer::LocalNetwork,
            tr!(lang, "diag-large-handshake-local-summary"),
        )
    } else {
        (
            Layer::Path,
            tr!(
                lang,
                "diag-large-handshake-path-summary",
                targets = list(lang, &n)
            ),
        )
    };
    Some(Candidate {
        layer,
        cause: Cause::LargeHandshakeBlocked,
        summary,
        evidence,
    })
}

fn chosen_group(v: &TargetView, lang: Lang) -> String {
    browser(v)
        .and_then(|b| b.detail.as_ref()?.group.clone())
        .unwrap_or_else(|| tr!(lang, "diag-unknown-value"))
}

/// One target's pair of handshakes in words.
fn large_line(v: &TargetView, lang: Lang) -> Option<String> {
    let small = times(v.observation)?;
    let b = browser(v)?;
    let failure = b.outcome.failure()?;
    Some(tr!(
        lang,
        "diag-evidence-large-died",
        target = v.name(),
        small_ms = ms(small.handshake),
        failure = failure.describe(lang),
        code = failure.as_str(),
        after_ms = b.duration.map_or(0, ms)
    ))
}
