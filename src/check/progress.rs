//! Runs a check once, with a progress display on stderr while the probes run.

use std::sync::Arc;

use super::runtime::runtime;
use super::{Check, CheckObservations};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::probe::plan::ProbeTools;
use crate::report::Report;
use crate::tr;

/// Probes once and judges what was seen in the check's language and, when `other` is given and
/// differs, again in `other` (one probe, two reports: the support report's JSON and Markdown may
/// speak different languages). With `progress`, a spinner and a count of finished targets on stderr, in that language — the
/// caller decides (a terminal, not `--json`, not `-q`). The runtime is dropped afterwards so no
/// task outlives the run.
pub fn run_once(
    check: &Check,
    progress: Option<Lang>,
    other: Option<Lang>,
) -> Result<(Report, Option<Report>), AppError> {
    let runtime = runtime()?;
    let (observations, tools) = runtime.block_on(probe_with_progress(check, progress));
    let first = check.judge(&observations, &tools, check.lang);
    let second = other
        .filter(|l| *l != check.lang)
        .map(|l| check.judge(&observations, &tools, l));
    // The resolver and its tasks go before the runtime that runs them.
    drop(tools);
    drop(runtime);
    Ok((first, second))
}

async fn probe_with_progress(check: &Check, progress: Option<Lang>) -> (CheckObservations, Arc<ProbeTools>) {
    let bar = progress.map(|lang| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(check.plan.targets.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        // indicatif's own placeholders go in as the message's arguments.
        let words = tr!(lang, "human-progress", done = "{pos}", total = "{len}");
        if let Ok(style) =
            indicatif::ProgressStyle::with_template(&format!("{{spinner}} {words} {{wide_msg}}"))
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        bar
    });
    let tools = check.probe_tools();
    let observations = check
        .observe(tools.clone(), |t| {
            if let Some(b) = &bar {
                b.inc(1);
                b.set_message(t.target.name.clone());
            }
        })
        .await;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    (observations, tools)
}
