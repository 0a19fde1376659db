//! What the probes are waiting on, for a progress display: each stage's waits in flight, how
//! many of them for OpenAI's names, since when and for how long they may wait. Probes only
//! count here; they never print.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A stage a probe can be waiting in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitStage {
    Dns,
    Tcp,
    Tls,
    Http,
}

impl WaitStage {
    const ALL: [WaitStage; 4] = [WaitStage::Dns, WaitStage::Tcp, WaitStage::Tls, WaitStage::Http];

    /// The stage's code (`dns`, `tcp`, `tls`, `http`).
    pub fn as_str(self) -> &'static str {
        match self {
            WaitStage::Dns => "dns",
            WaitStage::Tcp => "tcp",
            WaitStage::Tls => "tls",
            WaitStage::Http => "http",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    since: Instant,
    allowed: Duration,
    openai: bool,
}

/// The waits in flight, per stage. Cheap: a lock taken when a stage starts and ends.
#[derive(Debug, Default)]
pub struct Waits {
    stages: [Mutex<Vec<Entry>>; 4],
}

/// What the run waits on most: the stage holding the oldest wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub stage: WaitStage,
    /// The waits in this stage.
    pub count: usize,
    /// How many of them are for OpenAI's names (the rest are controls).
    pub openai: usize,
    /// How long the oldest has waited, and how long it may.
    pub elapsed: Duration,
    pub allowed: Duration,
}

/// A wait in flight; it ends when dropped.
pub struct WaitGuard<'a> {
    waits: &'a Waits,
    stage: WaitStage,
    since: Instant,
}

impl Drop for WaitGuard<'_> {
    fn drop(&mut self) {
        let mut entries = self.waits.lock(self.stage);
        if let Some(at) = entries.iter().position(|e| e.since == self.since) {
            entries.swap_remove(at);
        }
    }
}

impl Waits {
    fn lock(&self, stage: WaitStage) -> MutexGuard<'_, Vec<Entry>> {
        let i = WaitStage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
        // A panic elsewhere leaves the count usable: it is only shown.
        self.stages[i]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Starts a wait in `stage` that may last `allowed`.
    pub fn enter(&self, stage: WaitStage, openai: bool, allowed: Duration) -> WaitGuard<'_> {
        let since = Instant::now();
        self.lock(stage).push(Entry {
            since,
            allowed,
            openai,
        });
        WaitGuard {
            waits: self,
            stage,
            since,
        }
    }

    /// The stage with the oldest wait at `now`, if anything is waited on.
    pub fn waiting(&self, now: Instant) -> Option<Waiting> {
        WaitStage::ALL
            .into_iter()
            .filter_map(|stage| {
                let entries = self.lock(stage);
                let oldest = entries.iter().min_by_key(|e| e.since)?;
                Some(Waiting {
                    stage,
                    count: entries.len(),
                    openai: entries.iter().filter(|e| e.openai).count(),
                    elapsed: now.saturating_duration_since(oldest.since),
                    allowed: oldest.allowed,
                })
            })
            .max_by_key(|w| w.elapsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_stage_is_what_the_run_waits_on_and_a_wait_ends_when_dropped() {
        let waits = Waits::default();
        let second = Duration::from_secs(6);
        let dns = waits.enter(WaitStage::Dns, true, second);
        std::thread::sleep(Duration::from_millis(5));
        let tcp: Vec<_> = (0..3)
            .map(|i| waits.enter(WaitStage::Tcp, i > 0, second))
            .collect();
        let w = waits.waiting(Instant::now()).unwrap();
        assert_eq!((w.stage, w.count, w.openai), (WaitStage::Dns, 1, 1));
        drop(dns);
        let w = waits.waiting(Instant::now()).unwrap();
        assert_eq!(
            (w.stage, w.count, w.openai, w.allowed),
            (WaitStage::Tcp, 3, 2, second)
        );
        drop(tcp);
        assert_eq!(waits.waiting(Instant::now()), None);
    }
}
