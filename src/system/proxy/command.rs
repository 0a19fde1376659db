//! Running a helper program (`gsettings`) as untrusted input: a chosen environment, no stdin, its
//! output capped in bytes, the whole run capped in time; a program that outlives its time or
//! writes too much is killed.

use std::ffi::OsString;
use std::io::{ErrorKind, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How often the child is checked on while it runs.
const POLL: Duration = Duration::from_millis(5);

/// What a finished run gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ran {
    pub success: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Why a run gave nothing usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunFailure {
    /// No such program.
    NotFound,
    /// It exists but could not be started.
    FailedToStart,
    /// It did not finish (and close its output) in time.
    TimedOut,
    /// It wrote more than the cap.
    OutputTooLarge,
}

impl RunFailure {
    /// The stable code of an unreadable source.
    pub fn code(self) -> &'static str {
        match self {
            RunFailure::NotFound => "not_found",
            RunFailure::FailedToStart => "failed_to_start",
            RunFailure::TimedOut => "timed_out",
            RunFailure::OutputTooLarge => "output_too_large",
        }
    }
}

/// Runs `program` with `args` and exactly the environment `env`, reading at most `cap` bytes from
/// each of stdout and stderr, for at most `timeout`.
pub fn run_bounded(
    program: &str,
    args: &[&str],
    env: &[(OsString, OsString)],
    timeout: Duration,
    cap: usize,
) -> Result<Ran, RunFailure> {
    let deadline = Instant::now() + timeout;
    let mut child = Command::new(program)
        .args(args)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => RunFailure::NotFound,
            _ => RunFailure::FailedToStart,
        })?;
    let (sender, outputs) = mpsc::channel();
    if let Some(out) = child.stdout.take() {
        spawn_reader(out, 1, cap, sender.clone());
    }
    if let Some(err) = child.stderr.take() {
        spawn_reader(err, 2, cap, sender);
    }
    let result = wait_for(&mut child, &outputs, deadline);
    if result.is_err() {
        // Ends a child that is still running; one that already exited is reaped here.
        let _ = child.kill();
        let _ = child.wait();
    }
    result
}

/// Reads one output stream up to `cap + 1` bytes and reports it as stream `which`.
fn spawn_reader(
    stream: impl Read + Send + 'static,
    which: u8,
    cap: usize,
    sender: mpsc::Sender<(u8, Vec<u8>, bool)>,
) {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
        let _ = stream.take(limit).read_to_end(&mut bytes);
        let over = bytes.len() > cap;
        bytes.truncate(cap);
        let _ = sender.send((which, bytes, over));
    });
}

/// Waits for the child to exit and both streams to end, whichever comes last, until `deadline`.
fn wait_for(
    child: &mut Child,
    outputs: &mpsc::Receiver<(u8, Vec<u8>, bool)>,
    deadline: Instant,
) -> Result<Ran, RunFailure> {
    let mut stdout = None;
    let mut stderr = None;
    let mut status = None;
    loop {
        while let Ok((which, bytes, over)) = outputs.try_recv() {
            if over {
                return Err(RunFailure::OutputTooLarge);
            }
            if which == 1 {
                stdout = Some(bytes);
            } else {
                stderr = Some(bytes);
            }
        }
        if status.is_none() {
            status = child.try_wait().map_err(|_| RunFailure::FailedToStart)?;
        }
        if let (Some(s), Some(_), Some(_)) = (&status, &stdout, &stderr) {
            return Ok(Ran {
                success: s.success(),
                stdout: stdout.unwrap_or_default(),
                stderr: stderr.unwrap_or_default(),
            });
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(RunFailure::TimedOut);
        }
        thread::sleep(POLL.min(deadline - now));
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn env() -> Vec<(OsString, OsString)> {
        vec![
            ("PATH".into(), "/usr/bin:/bin".into()),
            ("ONLY".into(), "this".into()),
        ]
    }

    #[test]
    fn output_status_and_only_the_given_environment() {
        let ran = run_bounded(
            "sh",
            &["-c", "echo out; echo err >&2; env | sort"],
            &env(),
            Duration::from_secs(5),
            4096,
        )
        .unwrap();
        let out = String::from_utf8_lossy(&ran.stdout);
        assert!(ran.success && out.starts_with("out\n"), "{out}");
        assert!(out.contains("ONLY=this") && !out.contains("HOME="), "{out}");
        assert_eq!(ran.stderr, b"err\n");
        let ran = run_bounded("sh", &["-c", "exit 3"], &env(), Duration::from_secs(5), 64).unwrap();
        assert!(!ran.success);
    }

    #[test]
    fn missing_slow_and_loud_programs() {
        let e = env();
        let missing = run_bounded(
            "/nonexistent/chatgpt-doctor-helper",
            &[],
            &e,
            Duration::from_secs(1),
            64,
        );
        assert_eq!(missing, Err(RunFailure::NotFound));
        let started = Instant::now();
        let slow = run_bounded("sleep", &["30"], &e, Duration::from_millis(200), 64);
        assert_eq!(slow, Err(RunFailure::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(5));
        // A grandchild that keeps the output open does not hold the caller past the deadline.
        let started = Instant::now();
        let held = run_bounded(
            "sh",
            &["-c", "sleep 3 & echo started"],
            &e,
            Duration::from_millis(300),
            64,
        );
        assert_eq!(held, Err(RunFailure::TimedOut));
        assert!(started.elapsed() < Duration::from_secs(5));
        let loud = run_bounded("sh", &["-c", "yes"], &e, Duration::from_secs(5), 1000);
        assert_eq!(loud, Err(RunFailure::OutputTooLarge));
        assert_eq!(RunFailure::OutputTooLarge.code(), "output_too_large");
    }
}
