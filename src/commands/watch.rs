//! `watch`: the check again and again with one resolver and one set of trust stores, a line per
//! change of verdict, backing off while nothing changes.
//!
//! Timing: after a change (and after the first check) the next check comes `--interval` later;
//! each check that finds the same verdict doubles the wait, up to `--max-interval`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::out::write_out;
use crate::check::Check;
use crate::check::runtime::runtime;
use crate::cli::OutputArgs;
use crate::cli::args::WatchArgs;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::report::ExitCode;
use crate::report::{Cause, ms};
use crate::report::{OUTPUT_SCHEMA_VERSION, WatchEvent, WatchPrevious, WatchVerdict, now_rfc3339};
use crate::tr;

/// The longest a `--notify-command` may run before it is killed.
pub const NOTIFY_TIMEOUT: Duration = Duration::from_secs(10);

/// The wait before the next check: back to `interval` on a change, else doubled up to `max`.
pub fn next_wait(current: Duration, changed: bool, interval: Duration, max: Duration) -> Duration {
    if changed {
        interval
    } else {
        current.saturating_mul(2).min(max.max(interval))
    }
}

/// Runs the watch; returns the exit code.
pub fn run(args: &WatchArgs, output: &OutputArgs) -> Result<i32, AppError> {
    let mut check = Check::prepare(&args.check)?;
    // The verdict's summary: the reader's language for lines, English for JSON unless --lang.
    check.lang = output.text_lang();
    colored::control::set_override(crate::render::decide_color(output.color));
    let runtime = runtime()?;
    runtime.block_on(watch(&check, args, output))
}

/// The verdict that holds now, and since when.
struct CurrentVerdict {
    verdict: WatchVerdict,
    since: String,
    at: Instant,
}

async fn watch(check: &Check, args: &WatchArgs, output: &OutputArgs) -> Result<i32, AppError> {
    // One resolver and one set of trust stores for the whole watch.
    let tools = check.probe_tools();
    let mut held: Option<CurrentVerdict> = None;
    let mut wait = args.interval;
    let mut run: u64 = 0;
    loop {
        run += 1;
        let started = Instant::now();
        let report = check.run(tools.clone(), |_| {}).await;
        let duration = started.elapsed();
        let time = now_rfc3339();
        let verdict = WatchVerdict {
            layer: report.verdict.layer,
            cause: report.verdict.cause,
            summary: report.verdict.summary.clone(),
        };
        let changed = held
            .as_ref()
            .is_none_or(|h| (h.verdict.layer, h.verdict.cause) != (verdict.layer, verdict.cause));
        let healthy = verdict.cause == Cause::Healthy;
        let ends = (args.until_healthy && healthy) || args.max_runs.is_some_and(|m| run >= m);
        if run > 1 {
            wait = next_wait(wait, changed, args.interval, args.max_interval);
        }
        let event = WatchEvent {
            schema_version: OUTPUT_SCHEMA_VERSION,
            time: time.clone(),
            run,
            changed,
            previous: held.as_ref().filter(|_| changed).map(|h| WatchPrevious {
                layer: h.verdict.layer,
                cause: h.verdict.cause,
                since: h.since.clone(),
                held_ms: ms(h.at.elapsed()),
            }),
            verdict: verdict.clone(),
            exit_code: report.exit_code,
            duration_ms: ms(duration),
            next_check_ms: (!ends).then(|| ms(wait)),
        };
        drop(report);
        if changed || output.verbose > 0 {
            let line = if output.json {
                let mut s = serde_json::to_string(&event).unwrap_or_default();
                s.push('\n');
                s
            } else {
                crate::render::stages::watch_line(&event, output.human_lang())
            };
            if !write_out(&line, output.human_lang())? {
                // stdout was closed (`| head -1`): nobody is listening any more.
                return Ok(ExitCode::Healthy.code());
            }
        }
        if changed && run > 1 {
            notify(args, &event, output.human_lang()).await;
        }
        if changed {
            held = Some(CurrentVerdict {
                verdict,
                since: time,
                at: Instant::now(),
            });
        }
        if ends {
            return Ok(if args.until_healthy && healthy {
                0
            } else {
                event.exit_code
            });
        }
        tokio::time::sleep(wait).await;
    }
}

async fn notify(args: &WatchArgs, event: &WatchEvent, lang: Lang) {
    use std::io::Write;
    if args.notify {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(b"\x07");
        let _ = err.flush();
    }
    if let Some(cmd) = &args.notify_command {
        let (cmd, event) = (cmd.clone(), event.clone());
        let result = tokio::task::spawn_blocking(move || run_notify_command(&cmd, &event, lang)).await;
        let problem = match result {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(e) => Some(e.to_string()),
        };
        if let Some(p) = problem {
            eprintln!("{}", tr!(lang, "cmd-watch-notify-warning", problem = p));
        }
    }
}

/// The environment a `--notify-command` gets: the verdict, never on its command line. Every value
/// passes [`crate::safe_text::env_value`] (the summary holds a server's words).
pub fn notify_environment(event: &WatchEvent) -> Vec<(&'static str, String)> {
    let code = crate::report::verdict_code(event.verdict.layer, event.verdict.cause);
    let mut env = vec![
        ("CHATGPT_DOCTOR_TIME", event.time.clone()),
        ("CHATGPT_DOCTOR_RUN", event.run.to_string()),
        ("CHATGPT_DOCTOR_LAYER", event.verdict.layer.as_str().to_string()),
        ("CHATGPT_DOCTOR_CAUSE", event.verdict.cause.as_str()),
        ("CHATGPT_DOCTOR_CODE", code),
        ("CHATGPT_DOCTOR_SUMMARY", event.verdict.summary.clone()),
        ("CHATGPT_DOCTOR_EXIT_CODE", event.exit_code.to_string()),
    ];
    if let Some(p) = &event.previous {
        env.push(("CHATGPT_DOCTOR_PREVIOUS_LAYER", p.layer.as_str().to_string()));
        env.push(("CHATGPT_DOCTOR_PREVIOUS_CAUSE", p.cause.as_str()));
    }
    env.into_iter()
        .map(|(k, v)| (k, crate::safe_text::env_value(&v)))
        .collect()
}

/// Runs the user's command through the shell — the command string is theirs, the verdict
/// (which comes from the network) travels only in environment variables — and waits for it at
/// most [`NOTIFY_TIMEOUT`]. Its output goes to stderr, so it never mixes with the lines on stdout.
fn run_notify_command(cmd: &str, event: &WatchEvent, lang: Lang) -> Result<(), String> {
    let mut command = if cfg!(windows) {
        let mut c = Command::new("cmd");
        c.args(["/C", cmd]);
        c
    } else {
        let mut c = Command::new("sh");
        c.args(["-c", cmd]);
        c
    };
    command.envs(notify_environment(event));
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(std::io::stderr()));
    let mut child = command
        .spawn()
        .map_err(|e| tr!(lang, "cmd-notify-cannot-start", error = e.to_string()))?;
    let deadline = Instant::now() + NOTIFY_TIMEOUT;
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                return Err(tr!(lang, "cmd-notify-exited", status = status.to_string()));
            }
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(tr!(
                    lang,
                    "cmd-notify-timeout",
                    seconds = NOTIFY_TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_while_nothing_changes_and_resets_on_a_change() {
        let (i, max) = (Duration::from_secs(30), Duration::from_secs(300));
        let mut w = i;
        let mut seen = vec![];
        for _ in 0..5 {
            w = next_wait(w, false, i, max);
            seen.push(w.as_secs());
        }
        assert_eq!(seen, [60, 120, 240, 300, 300]);
        assert_eq!(next_wait(w, true, i, max), i);
        // A maximum at or below the interval turns the backing off off.
        assert_eq!(next_wait(i, false, i, Duration::from_secs(1)), i);
    }
}
