//! The language server: `offer-notes lsp` on stdio, built on tower-lsp-server.
//!
//! Messages pass through our own [`transport`] first: it frames and validates every message
//! (so malformed input gets a JSON-RPC error instead of ending the session) and applies text
//! edits to the [`documents`] store in the order they arrive. Analysis runs on one worker
//! thread ([`worker`]) that always analyses the latest text and never publishes a result
//! older than one it already published. [`backend`] answers everything else.

mod backend;
pub mod convert;
mod diagnostics;
pub mod documents;
mod features;
pub mod framing;
mod logging;
pub mod outbox;
mod pull;
mod settings;
mod state;
pub mod transport;
mod worker;
mod workspace;
mod workspace_events;

pub use state::{Snapshot, State};
use std::sync::Arc;

/// Run the server on stdio until the client says `exit` or closes stdin.
pub fn run() -> std::process::ExitCode {
    let log = logging::init();
    bound_malloc_arenas();
    // the default hook prints the panic message, which can quote document text
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!("internal error at {at}; the server goes on");
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned());
        tracing::trace!("panic message: {}", message.unwrap_or_default());
    }));
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("offer-notes lsp: cannot start: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let state = Arc::new(State::new(log));
    let code = runtime.block_on(transport::serve(
        state,
        tokio::io::stdin(),
        tokio::io::stdout(),
    ));
    std::process::ExitCode::from(code)
}

/// Analyses run on the worker thread and, for a request on a document with unanalysed edits,
/// on a tokio thread; glibc gives each thread that allocates its own arena, and each arena
/// keeps what a megabyte document's analysis freed. One arena per busy thread at most keeps
/// the server's memory flat however documents come and go (measured by
/// `hostile::memory::closing_a_document_with_a_hover_in_flight_frees_its_analysis`: 31→47 MB
/// with glibc's default, flat at ~30 MB with two arenas, 31→34 MB with eight).
///
/// Eight, not two: a large journal's analysis runs on two threads (`PARALLEL_FROM`), and with
/// two arenas the second thread often landed in the analysis thread's arena, the two then
/// contending for its lock on every allocation: the 100,000-section journal took 3.7 s of
/// CPU instead of 2.6 s in about one run of three (`cargo bench --bench sections`; with one
/// thread it is a steady 2.4 s). With eight, six runs took 2.4–2.9 s.
fn bound_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called once at start-up,
    // before the runtime's threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 8);
    }
}
