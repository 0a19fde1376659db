//! The async runtime every command uses.

use crate::error::AppError;
use crate::i18n::ui;
use crate::tr;

/// The async runtime every command uses: eight workers, I/O and timers.
pub fn runtime() -> Result<tokio::runtime::Runtime, AppError> {
    tokio::runtime::Builder::new_multi_thread()
        // More threads than cores on purpose: a handshake whose reply has arrived should not wait
        // behind other tasks' crypto for its turn (cooperative scheduling), or its measured
        // duration grows with the number of targets. The OS time-slices threads instead; measured
        // in BENCHMARKS.md (at zero RTT, tls +4 ms off curl with 8 threads, +6 ms with 2).
        .worker_threads(8)
        .enable_all()
        .build()
        .map_err(|e| AppError::Run(tr!(ui(), "err-runtime", error = e.to_string())))
}
