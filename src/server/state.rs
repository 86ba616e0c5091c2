//! What the transport, the handlers and the analysis worker share: the open documents, their
//! settings, each document's incremental engine and its latest analysed [`Snapshot`].

use super::documents::{self, Documents, ForAnalysis};
use super::{logging, settings, worker};
use crate::incremental::Incremental;
use crate::text::Encoding;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use tower_lsp_server::ls_types::Uri;

/// The outcome of [`State::analyse`].
pub(super) enum Analysed {
    /// The document is not open (any more).
    Closed,
    /// An edit to it was lost: nothing is analysed until the editor sends the text again.
    Desynchronised {
        version: i32,
    },
    Fresh(Box<Fresh>),
}

/// One analysis of a document's current text.
pub(super) struct Fresh {
    /// Already cached for requests (before the engine was let go, so a request waiting for the
    /// engine finds it rather than analysing the same text again).
    pub snapshot: Arc<Snapshot>,
    /// The analysis it replaced in the cache: the caller chooses when to pay for dropping it.
    pub replaced: Option<Arc<Snapshot>>,
    /// Drop it as soon as it is not needed: an edit copies the text while this is held.
    pub text: Arc<String>,
}

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
    pub(super) settings: Mutex<settings::Sources>,
    /// An `initialize` request has been seen: text sync is accepted from here on.
    pub initialize_seen: AtomicBool,
    pub shutdown_requested: AtomicBool,
    /// Configuration is settled (the client's settings pulled): publishing before would
    /// show diagnostics computed with the wrong settings, then change them.
    pub config_ready: AtomicBool,
    pub(super) jobs: Mutex<Option<std::sync::mpsc::Sender<worker::Job>>>,
    snapshots: Mutex<HashMap<Uri, Arc<Snapshot>>>,
    /// The workspace's journals on disk and what the client was last told about each document.
    pub(super) workspace: Mutex<super::workspace::Workspace>,
    /// The client pulls diagnostics (`textDocument.diagnostic`): nothing is pushed to it.
    pub(super) pull: AtomicBool,
    /// A pull client that takes `workspace/diagnostic/refresh`: told when diagnostics changed
    /// without an edit of their own document (a file on disk, another journal, settings).
    pub(super) refresh: AtomicBool,
    /// Woken whenever a document's diagnostics are recorded or the background check is idle.
    pub(super) reported: tokio::sync::Notify,
    /// Per open document: its incremental engine (the parsed sections of its last analysis).
    engines: Mutex<HashMap<Uri, Arc<Mutex<Incremental>>>>,
    pub(super) log: logging::Level,
}

/// Lock a document's engine; one left poisoned by an analysis that panicked half way starts
/// the document afresh.
fn lock_engine(engine: &Mutex<Incremental>) -> std::sync::MutexGuard<'_, Incremental> {
    match engine.lock() {
        Ok(engine) => engine,
        Err(poisoned) => {
            engine.clear_poison();
            let mut engine = poisoned.into_inner();
            *engine = Incremental::told_of_edits();
            engine
        }
    }
}

impl State {
    pub(super) fn new(log: logging::Level) -> Self {
        State {
            documents: Mutex::new(Documents::default()),
            encoding: RwLock::new(Encoding::Utf16),
            settings: Mutex::new(settings::Sources::default()),
            initialize_seen: AtomicBool::new(false),
            shutdown_requested: AtomicBool::new(false),
            config_ready: AtomicBool::new(false),
            jobs: Mutex::new(None),
            snapshots: Mutex::new(HashMap::new()),
            workspace: Mutex::new(Default::default()),
            pull: AtomicBool::new(false),
            refresh: AtomicBool::new(false),
            reported: tokio::sync::Notify::new(),
            engines: Mutex::new(HashMap::new()),
            log,
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding.read().map(|e| *e).unwrap_or(Encoding::Utf16)
    }

    /// The settings a document is analysed with (read from disk only the first time a
    /// document or a settings file is seen).
    pub(super) fn settings_for(&self, uri: &Uri) -> Arc<crate::settings::Resolved> {
        match self.settings.lock() {
            Ok(mut sources) => sources.for_document(uri),
            Err(_) => Arc::default(),
        }
    }

    /// Warnings about settings that nobody has shown yet.
    pub(super) fn settings_warnings(&self) -> Vec<String> {
        self.settings
            .lock()
            .map(|mut s| s.take_warnings())
            .unwrap_or_default()
    }

    pub(super) fn schedule(&self, job: worker::Job) {
        if let Ok(jobs) = self.jobs.lock() {
            if let Some(tx) = jobs.as_ref() {
                let _ = tx.send(job);
            }
        }
    }

    /// The analysis of the document's current text: cached when nothing changed since,
    /// computed now otherwise, by the document's own incremental engine (a request always
    /// answers for the text the editor shows).
    pub fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        if let Some(cached) = self.cached(uri)? {
            return Some(cached);
        }
        let engine = self.engine(uri)?;
        let mut engine = lock_engine(&engine);
        // the worker may have analysed this very text while this waited for the engine: one
        // analysis per text, on the worker's thread (a second one here doubled the memory
        // a megabyte journal's analysis takes, in another thread's allocator arena)
        if let Some(cached) = self.cached(uri)? {
            return Some(cached);
        }
        match self.analyse_with(uri, &mut engine) {
            Analysed::Fresh(fresh) => {
                drop(engine);
                drop(fresh.replaced);
                Some(fresh.snapshot)
            }
            _ => None,
        }
    }

    /// `None`: there is no right answer (not open, or an edit was lost until the editor sends
    /// the text again); else the cached analysis of the current text, if there is one.
    fn cached(&self, uri: &Uri) -> Option<Option<Arc<Snapshot>>> {
        let docs = self.documents.lock().ok()?;
        let doc = docs.get(uri).filter(|d| !d.desynchronised)?;
        let cache = self.snapshots.lock().ok()?;
        Some(
            cache
                .get(uri)
                .filter(|s| s.revision == doc.revision)
                .cloned(),
        )
    }

    /// The document's one engine, shared by the worker and requests.
    fn engine(&self, uri: &Uri) -> Option<Arc<Mutex<Incremental>>> {
        let mut engines = self.engines.lock().ok()?;
        Some(
            engines
                .entry(uri.clone())
                .or_insert_with(|| Arc::new(Mutex::new(Incremental::told_of_edits())))
                .clone(),
        )
    }

    /// Cache a snapshot unless a newer one is cached. Returns the one that is not kept, so
    /// the caller decides when to pay for dropping it (outside the lock; the worker does it
    /// after publishing).
    #[must_use = "dropping an analysis of a large document takes time: choose when"]
    pub(super) fn remember(&self, uri: &Uri, snapshot: Arc<Snapshot>) -> Option<Arc<Snapshot>> {
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

    /// Forget a closed document's analysis and its engine.
    pub(super) fn forget(&self, uri: &Uri) {
        if let Ok(mut cache) = self.snapshots.lock() {
            cache.remove(uri);
        }
        if let Ok(mut engines) = self.engines.lock() {
            engines.remove(uri);
        }
    }

    /// Analyse the document's current text with its incremental engine: the one engine the
    /// worker and requests share, so the editor and a request never see two analyses of one
    /// text. The engine is locked before the text is taken, so the store's "unchanged bytes"
    /// hint always describes the change since the engine's own last analysis.
    /// A request may have analysed the current text already (it does when it comes before
    /// the worker): that analysis is the answer, not a second one.
    pub(super) fn analyse(&self, uri: &Uri) -> Analysed {
        let Some(engine) = self.engine(uri) else {
            return Analysed::Closed;
        };
        let mut engine = lock_engine(&engine);
        if let Some(Some(snapshot)) = self.cached(uri) {
            // (taken only at that revision: taking resets what the store knows of the edits
            // since the engine's last analysis)
            let text = self.documents.lock().ok().and_then(|mut docs| {
                let current = docs.get(uri)?.revision == snapshot.revision;
                current.then(|| docs.take_for_analysis(uri)).flatten()
            });
            let text = text.map(|taken| taken.text);
            if let Some(text) = text {
                return Analysed::Fresh(Box::new(Fresh {
                    snapshot,
                    replaced: None,
                    text,
                }));
            }
        }
        self.analyse_with(uri, &mut engine)
    }

    /// [`analyse`](Self::analyse) with the document's engine locked; the snapshot is cached
    /// before the engine is let go.
    fn analyse_with(&self, uri: &Uri, engine: &mut Incremental) -> Analysed {
        let taken = self
            .documents
            .lock()
            .ok()
            .and_then(|mut docs| docs.take_for_analysis(uri));
        let Some(ForAnalysis {
            rope,
            text,
            version,
            revision,
            unchanged,
            desynchronised,
        }) = taken
        else {
            // closed meanwhile: a request racing the close must not leave its engine behind
            if let Ok(mut engines) = self.engines.lock() {
                engines.remove(uri);
            }
            return Analysed::Closed;
        };
        if desynchronised {
            return Analysed::Desynchronised { version };
        }
        let settings = self.settings_for(uri);
        // the other journals of the workspace: `same-company-again` across journals
        let elsewhere = self
            .workspace
            .lock()
            .map(|mut ws| ws.elsewhere_for(uri))
            .unwrap_or_default();
        let report = engine.check_edited_in(&text, &settings.config, unchanged, &elsewhere);
        let snapshot = Arc::new(Snapshot::new(rope, None, report, version, revision));
        // cached only while the document is open: an analysis racing a close must not leave a
        // closed document's analysis behind (the documents lock is held while caching)
        let replaced = match self.documents.lock() {
            Ok(docs) if docs.get(uri).is_some() => self.remember(uri, snapshot.clone()),
            _ => None,
        };
        Analysed::Fresh(Box::new(Fresh {
            snapshot,
            replaced,
            text,
        }))
    }

    /// Drop cached analyses (settings changed).
    pub(super) fn forget_all(&self) {
        if let Ok(mut cache) = self.snapshots.lock() {
            cache.clear();
        }
    }

    /// Schedule a job that changes which journals on disk wait to be checked (a scan, a file
    /// changed, settings changed): until the worker has taken it, a workspace pull waits.
    pub(super) fn schedule_disk(&self, job: worker::Job) {
        if let Ok(mut ws) = self.workspace.lock() {
            ws.background.announced += 1;
        }
        self.schedule(job);
    }

    pub(super) fn pulls(&self) -> bool {
        self.pull.load(Ordering::SeqCst)
    }

    /// Whether a document is open (its editor text wins over the file on disk).
    pub(super) fn is_open(&self, uri: &Uri) -> bool {
        self.documents
            .lock()
            .map(|d| d.get(uri).is_some())
            .unwrap_or(false)
    }

    pub(super) fn is_initialized(&self) -> bool {
        self.initialize_seen.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

    fn state() -> State {
        State::new(logging::Level::default())
    }

    /// A request on a document whose edit the worker has not analysed yet is answered by the
    /// document's own incremental engine: one edited section is parsed again, not the text,
    /// and the answer equals a full check of what the editor shows.
    #[test]
    fn a_request_after_an_unanalysed_edit_uses_the_documents_engine() {
        let state = state();
        let uri = "file:///tmp/engine.offer".parse::<Uri>().unwrap();
        let mut text = String::from("floor: $190k\n");
        for i in 0..30 {
            text.push_str(&format!("## Company {i}\nstatus: live\nbase: $180k\n"));
        }
        state.documents.lock().unwrap().open(uri.clone(), &text, 1);
        let first = state.snapshot(&uri).expect("an open document");
        assert_eq!(first.version, 1);
        // the editor changes one section's base; no worker runs here
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(3, 6), Position::new(3, 11))),
            range_length: None,
            text: "$150k".into(),
        };
        state
            .documents
            .lock()
            .unwrap()
            .change(&uri, 2, vec![change], Encoding::Utf16)
            .unwrap();
        let second = state.snapshot(&uri).expect("an open document");
        assert_eq!(second.version, 2);
        let engine = state.engines.lock().unwrap().get(&uri).cloned().unwrap();
        assert_eq!(
            engine.lock().unwrap().last_parsed,
            1,
            "one section parsed again"
        );
        let full = crate::check(second.text(), &crate::Config::default());
        assert_eq!(second.report.diagnostics, full.diagnostics);
        assert!(second.text().contains("base: $150k"));
        // closing forgets the engine too
        state.documents.lock().unwrap().close(&uri);
        state.forget(&uri);
        assert!(state.engines.lock().unwrap().get(&uri).is_none());
    }
}
