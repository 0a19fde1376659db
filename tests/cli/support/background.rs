//! A tokio runtime on its own thread that stops when dropped.

use std::future::Future;
use std::thread::JoinHandle;
use std::time::Duration;

use tokio::sync::watch;

/// A signal that flips to `true` once the owning fixture is dropped.
#[derive(Clone)]
pub(crate) struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    /// Resolves once shutdown was requested (or the fixture is gone).
    pub(crate) async fn wait(&mut self) {
        // An error means the sender is gone, which also means shutdown.
        let _ = self.0.wait_for(|stop| *stop).await;
    }

    /// Whether shutdown was requested already.
    pub(crate) fn is_set(&self) -> bool {
        *self.0.borrow()
    }
}

/// Owns the runtime thread; dropping it stops the main future, cancels every spawned task and
/// joins the thread.
pub(crate) struct Background {
    stop: Option<watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

/// Builds the single-threaded runtime that fixtures use. Setup code may `expect`.
pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("build a tokio runtime for a fixture")
}

impl Background {
    /// Runs `main` on `rt` in a new thread. `main` receives the shutdown signal and should return
    /// soon after it fires; tasks it spawned are cancelled when the runtime is dropped.
    pub(crate) fn spawn<F, Fut>(name: &str, rt: tokio::runtime::Runtime, main: F) -> Self
    where
        F: FnOnce(Shutdown) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + 'static,
    {
        let (tx, rx) = watch::channel(false);
        let thread = std::thread::Builder::new()
            .name(format!("fixture-{name}"))
            .spawn(move || {
                let shutdown = Shutdown(rx);
                let mut stop = shutdown.clone();
                rt.block_on(async move {
                    tokio::select! {
                        () = main(shutdown) => {}
                        () = stop.wait() => {}
                    }
                });
                // Cancels every task still running (open connections, endless bodies, …).
                rt.shutdown_timeout(Duration::from_secs(1));
            })
            .expect("spawn a fixture thread");
        Self {
            stop: Some(tx),
            thread: Some(thread),
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
