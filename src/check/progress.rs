//! Runs a check once, with a progress display on stderr while the probes run.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::runtime::runtime;
use super::{Check, CheckObservations};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::probe::plan::ProbeTools;
use crate::probe::waits::Waiting;
use crate::report::Report;
use crate::tr;

/// Probes once and judges what was seen in the check's language and, when `other` is given and
/// differs, again in `other` (one probe, two reports: the support report's JSON and Markdown may
/// speak different languages). With `progress`, a spinner, the count of finished targets and what the run waits on (the stage, how many, how long against the stage's wait) on stderr, in that language — the
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
    let tools = check.probe_tools();
    let bar = progress.map(|lang| {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(check.plan.targets.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        );
        // indicatif's own placeholders go in as the message's arguments.
        let words = tr!(lang, "human-progress", done = "{pos}", total = "{len}");
        if let Ok(style) =
            indicatif::ProgressStyle::with_template(&format!("{{spinner}} {words} · {{wide_msg}}"))
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(100));
        (bar, lang)
    });
    // What is waited on, read from the probes' counts ten times a second.
    let watcher = bar.as_ref().map(|(bar, lang)| {
        let (bar, lang, tools) = (bar.clone(), *lang, tools.clone());
        tokio::spawn(async move {
            loop {
                bar.set_message(
                    tools
                        .waits
                        .waiting(Instant::now())
                        .map(|w| waiting_words(lang, &w))
                        .unwrap_or_default(),
                );
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
    });
    let observations = check
        .observe(tools.clone(), |_| {
            if let Some((b, _)) = &bar {
                b.inc(1);
            }
        })
        .await;
    if let Some(w) = watcher {
        w.abort();
    }
    if let Some((b, _)) = bar {
        b.finish_and_clear();
    }
    (observations, tools)
}

/// What the run waits on, in words: the stage, how many waits (and how many of them for
/// OpenAI), and how long the oldest has waited against the time it may.
pub fn waiting_words(lang: Lang, w: &Waiting) -> String {
    let whose = if w.openai == w.count {
        "openai"
    } else if w.openai == 0 {
        "controls"
    } else {
        "some"
    };
    tr!(
        lang,
        "human-progress-waiting",
        stage = w.stage.as_str(),
        count = w.count,
        whose = whose,
        openai = w.openai,
        elapsed = seconds(w.elapsed),
        allowed = seconds(w.allowed)
    )
}

/// Seconds with one decimal below ten (`3.1 s`), whole above (`30 s`).
fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s < 10.0 && s.fract() != 0.0 {
        format!("{s:.1} s")
    } else {
        format!("{s:.0} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::waits::WaitStage;

    fn w(stage: WaitStage, count: usize, openai: usize, elapsed_ms: u64) -> Waiting {
        Waiting {
            stage,
            count,
            openai,
            elapsed: Duration::from_millis(elapsed_ms),
            allowed: Duration::from_secs(6),
        }
    }

    #[test]
    fn progress_says_what_it_waits_for_and_for_how_long() {
        assert_eq!(
            waiting_words(Lang::En, &w(WaitStage::Tcp, 8, 8, 3_100)),
            "waiting for 8 TCP connections to OpenAI · 3.1 s of 6 s"
        );
        assert_eq!(
            waiting_words(Lang::En, &w(WaitStage::Dns, 1, 1, 400)),
            "waiting for 1 DNS lookup of an OpenAI name · 0.4 s of 6 s"
        );
        assert_eq!(
            waiting_words(Lang::En, &w(WaitStage::Tls, 3, 2, 12_000)),
            "waiting for 3 TLS handshakes, 2 of them with OpenAI · 12 s of 6 s"
        );
        assert_eq!(
            waiting_words(Lang::En, &w(WaitStage::Http, 2, 0, 1_000)),
            "waiting for 2 HTTP answers from the controls · 1 s of 6 s"
        );
        let zh = waiting_words(Lang::ZhCn, &w(WaitStage::Tcp, 8, 8, 3_100));
        assert!(
            zh.contains('8') && zh.contains("TCP") && zh.contains("3.1 s") && zh.contains("OpenAI"),
            "{zh}"
        );
    }
}
