//! The language server: `offer-notes lsp` on stdio, built on tower-lsp.
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
mod settings;
pub mod transport;
mod worker;

use crate::text::Encoding;
use documents::Documents;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tower_lsp::lsp_types::Url;

/// One analysed version of a document: what requests (hover, actions…) answer from.
pub struct Snapshot {
    /// The text the report was computed for; the whole string is made on first use (the
    /// analysis worker reads it from a reused buffer, so a keystroke never copies the document
    /// twice).
    rope: ropey::Rope,
    text: std::sync::OnceLock<String>,
    /// Built on first use too: publishing diagnostics needs no line table.
    index: std::sync::OnceLock<crate::text::LineIndex>,
    pub report: crate::Report,
    pub version: i32,
    pub revision: u64,
}

impl Snapshot {
    /// `text`, when the caller already has it as a string, must be the rope's text.
    pub fn new(
        rope: ropey::Rope,
        text: Option<String>,
        report: crate::Report,
        version: i32,
        revision: u64,
    ) -> Self {
        Snapshot {
            rope,
            text: text.map(std::sync::OnceLock::from).unwrap_or_default(),
            index: std::sync::OnceLock::new(),
            report,
            version,
            revision,
        }
    }

    pub fn text(&self) -> &str {
        self.text.get_or_init(|| documents::text_of(&self.rope))
    }

    pub fn index(&self) -> &crate::text::LineIndex {
        self.index
            .get_or_init(|| crate::text::LineIndex::new(self.text()))
    }
}

/// State shared by the transport, the handlers and the analysis worker.
pub struct State {
    pub documents: Mutex<Documents>,
    pub encoding: RwLock<Encoding>,
    /// Where each document's settings come from, and what they are.
    settings: Mutex<settings::Sources>,
    /// An `initialize` request has been seen: text sync is accepted from here on.
    pub initialize_seen: AtomicBool,
    pub shutdown_requested: AtomicBool,
    /// Configuration is settled (the client's settings pulled): publishing before would
    /// show diagnostics computed with the wrong settings, then change them.
    pub config_ready: AtomicBool,
    jobs: Mutex<Option<std::sync::mpsc::Sender<worker::Job>>>,
    snapshots: Mutex<HashMap<Url, Arc<Snapshot>>>,
    log: logging::Level,
}

impl State {
    fn new(log: logging::Level) -> Self {
        State {
            documents: Mutex::new(Documents::default()),
            encoding: RwLock::new(Encoding::Utf16),
            settings: Mutex::new(settings::Sources::default()),
            initialize_seen: AtomicBool::new(false),
            shutdown_requested: AtomicBool::new(false),
            config_ready: AtomicBool::new(false),
            jobs: Mutex::new(None),
            snapshots: Mutex::new(HashMap::new()),
            log,
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding.read().map(|e| *e).unwrap_or(Encoding::Utf16)
    }

    /// The settings a document is analysed with (read from disk only the first time a
    /// document or a settings file is seen).
    fn settings_for(&self, uri: &Url) -> Arc<crate::settings::Resolved> {
        match self.settings.lock() {
            Ok(mut sources) => sources.for_document(uri),
            Err(_) => Arc::default(),
        }
    }

    /// Warnings about settings that nobody has shown yet.
    fn settings_warnings(&self) -> Vec<String> {
        self.settings
            .lock()
            .map(|mut s| s.take_warnings())
            .unwrap_or_default()
    }

    fn schedule(&self, job: worker::Job) {
        if let Ok(jobs) = self.jobs.lock() {
            if let Some(tx) = jobs.as_ref() {
                let _ = tx.send(job);
            }
        }
    }

    /// The analysis of the document's current text: cached when nothing changed since,
    /// computed now otherwise (a request always answers for the text the editor shows).
    pub fn snapshot(&self, uri: &Url) -> Option<Arc<Snapshot>> {
        let (rope, shared, version, revision) = {
            let docs = self.documents.lock().ok()?;
            // an edit was lost: there is no right answer until the editor sends the text again
            let doc = docs.get(uri).filter(|d| !d.desynchronised)?;
            if let Some(cached) = self
                .snapshots
                .lock()
                .ok()?
                .get(uri)
                .filter(|s| s.revision == doc.revision)
            {
                return Some(cached.clone());
            }
            (doc.rope.clone(), doc.text(), doc.version, doc.revision)
        };
        let text = String::clone(&shared);
        drop(shared); // the next edit can change the document in place again
        let settings = self.settings_for(uri);
        let report = crate::check(&text, &settings.config);
        let snapshot = Arc::new(Snapshot::new(rope, Some(text), report, version, revision));
        // cache it only if the document is still open at that revision: a request racing a
        // close must not leave a closed document's analysis behind
        // (the documents lock is held while caching, so a close can't slip in between)
        if let Ok(docs) = self.documents.lock() {
            if docs.get(uri).is_some_and(|d| d.revision == revision) {
                drop(self.remember(uri, snapshot.clone()));
            }
        }
        Some(snapshot)
    }

    /// Cache a snapshot unless a newer one is cached. Returns the one that is not kept, so
    /// the caller decides when to pay for dropping it (outside the lock; the worker does it
    /// after publishing).
    #[must_use = "dropping an analysis of a large document takes time: choose when"]
    fn remember(&self, uri: &Url, snapshot: Arc<Snapshot>) -> Option<Arc<Snapshot>> {
        let mut cache = self.snapshots.lock().ok()?;
        let newer = cache
            .get(uri)
            .is_some_and(|s| s.revision > snapshot.revision);
        if newer {
            Some(snapshot)
        } else {
            cache.insert(uri.clone(), snapshot)
        }
    }

    fn forget(&self, uri: &Url) {
        if let Ok(mut cache) = self.snapshots.lock() {
            cache.remove(uri);
        }
    }

    /// Drop cached analyses (settings changed).
    fn forget_all(&self) {
        if let Ok(mut cache) = self.snapshots.lock() {
            cache.clear();
        }
    }

    fn is_initialized(&self) -> bool {
        self.initialize_seen.load(Ordering::SeqCst)
    }
}

/// Run the server on stdio until the client says `exit` or closes stdin.
pub fn run() -> std::process::ExitCode {
    let log = logging::init();
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
