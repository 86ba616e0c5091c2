//! The analysis worker: one thread, one job at a time, always the latest text. A result is
//! published only if no newer edit arrived meanwhile, so diagnostics for an older version
//! are never published after a newer one — and a stale analysis never delays a fresh one.

use super::outbox::Outbox;
use super::state::Analysed;
use super::{diagnostics, Snapshot, State};
use crate::rules::Diagnostic;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use tower_lsp_server::ls_types::{MessageType, Uri};
use tower_lsp_server::Client;

#[derive(Debug)]
pub enum Job {
    /// The document changed (or was opened): analyse its latest text.
    Analyze(Uri),
    /// The document was closed: clear what was published for it.
    Closed(Uri),
    /// Configuration changed: analyse every open document again.
    Reanalyze,
}

pub fn spawn(
    state: Arc<State>,
    client: Client,
    runtime: tokio::runtime::Handle,
    outbox: Outbox,
    jobs: Receiver<Job>,
) {
    let out = Out {
        client,
        runtime,
        outbox,
    };
    let spawned = std::thread::Builder::new()
        .name("offer-notes-analysis".into())
        .spawn(move || run(&state, &out, &jobs));
    if let Err(e) = spawned {
        tracing::error!("cannot start the analysis thread: {e}");
    }
}

/// Where the worker's results go: diagnostics straight to the client, messages via tower-lsp-server.
struct Out {
    client: Client,
    runtime: tokio::runtime::Handle,
    outbox: Outbox,
}

impl Out {
    fn publish(
        &self,
        uri: Uri,
        diagnostics: Vec<tower_lsp_server::ls_types::Diagnostic>,
        version: Option<i32>,
    ) {
        self.publish_with(&uri, &diagnostics, version);
    }

    /// [`publish`](Self::publish) diagnostics that are serialised as they are converted
    /// ([`diagnostics::Streamed`]): the params as `PublishDiagnosticsParams` writes them.
    fn publish_with<D: serde::Serialize>(&self, uri: &Uri, diagnostics: &D, version: Option<i32>) {
        #[derive(serde::Serialize)]
        struct Params<'a, D> {
            uri: &'a Uri,
            diagnostics: &'a D,
            #[serde(skip_serializing_if = "Option::is_none")]
            version: Option<i32>,
        }
        // only the newest diagnostics of a document wait for a client that is not reading
        self.outbox.notify(
            Some(format!("publishDiagnostics {}", uri.as_str())),
            "textDocument/publishDiagnostics",
            &Params {
                uri,
                diagnostics,
                version,
            },
        );
    }
}

fn run(state: &State, out: &Out, jobs: &Receiver<Job>) {
    while let Ok(first) = jobs.recv() {
        // take everything already queued, so a burst of edits is analysed once
        let mut batch = vec![first];
        batch.extend(jobs.try_iter());
        let mut seen = HashSet::new();
        let mut work = Vec::new();
        for job in batch {
            match job {
                Job::Reanalyze => {
                    let uris = state.documents.lock().map(|d| d.uris()).unwrap_or_default();
                    for uri in uris {
                        if seen.insert(uri.clone()) {
                            work.push(Job::Analyze(uri));
                        }
                    }
                }
                Job::Analyze(uri) => {
                    if seen.insert(uri.clone()) {
                        work.push(Job::Analyze(uri));
                    }
                }
                Job::Closed(uri) => {
                    state.forget(&uri);
                    if let Ok(mut settings) = state.settings.lock() {
                        settings.closed(&uri);
                    }
                    seen.remove(&uri);
                    work.push(Job::Closed(uri));
                }
            }
        }
        for job in work {
            match job {
                Job::Analyze(uri) => analyze(state, out, uri),
                Job::Closed(uri) => out.publish(uri, Vec::new(), None),
                Job::Reanalyze => {}
            }
        }
    }
}

/// What to say about a caught panic. Never its message: a panic raised while slicing a
/// string quotes the string, and these journals hold salaries.
pub fn panic_text(_panic: &(dyn std::any::Any + Send)) -> String {
    "an internal error (details are in the server's log at trace level)".to_string()
}

fn analyze(state: &State, out: &Out, uri: Uri) {
    if !state.config_ready.load(std::sync::atomic::Ordering::SeqCst) {
        return; // every open document is analysed once the settings are in
    }
    let encoding = state.encoding();
    let started = std::time::Instant::now();
    // the document's one engine, shared with requests (State::analyse)
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| match state.analyse(&uri) {
        Analysed::Closed => None,
        Analysed::Desynchronised { version } => Some(Err(version)),
        Analysed::Fresh(fresh) => {
            let positions = Diagnostic::positions(&fresh.text, &fresh.report.diagnostics, encoding);
            drop(fresh.text); // the next edit can change the document in place again
            let (version, revision) = (fresh.version, fresh.revision);
            let snapshot = Arc::new(Snapshot::new(
                fresh.rope,
                None,
                fresh.report,
                version,
                revision,
            ));
            let replaced = state.remember(&uri, Arc::clone(&snapshot));
            // converted to LSP diagnostics while they are written out, from the snapshot
            let published = (snapshot, positions);
            Some(Ok((published, replaced, version, revision)))
        }
    }));
    let (outcome, version, revision) = match outcome {
        Ok(None) => return, // closed meanwhile
        Ok(Some(Err(version))) => {
            out.publish(uri, vec![lost_edit_diagnostic()], Some(version));
            return;
        }
        Ok(Some(Ok((published, replaced, version, revision)))) => {
            (Ok((published, replaced)), version, revision)
        }
        Err(panic) => {
            // which version panicked: the one the store holds now (a panic leaves no answer)
            let (version, revision) = state
                .documents
                .lock()
                .ok()
                .and_then(|d| d.get(&uri).map(|d| (d.version, d.revision)))
                .unwrap_or_default();
            (Err(panic), version, revision)
        }
    };
    let still_latest = state
        .documents
        .lock()
        .ok()
        .and_then(|docs| docs.get(&uri).map(|d| d.revision == revision))
        .unwrap_or(false);
    if !still_latest {
        tracing::debug!(
            uri = uri.as_str(),
            version,
            "skipping a superseded analysis"
        );
        return;
    }
    match outcome {
        Ok(((snapshot, positions), replaced)) => {
            let diagnostics = &snapshot.report.diagnostics;
            tracing::debug!(
                uri = uri.as_str(),
                version,
                count = diagnostics.len(),
                analysed_us = started.elapsed().as_micros() as u64,
                "publishing diagnostics"
            );
            // a document under a settings file not read before: say what in it was unusable,
            // through the same queue and before the diagnostics it explains, so the client
            // has the warning by the time it has the diagnostics
            for message in state.settings_warnings() {
                tracing::warn!("{message}");
                out.outbox.notify(
                    None,
                    "window/showMessage",
                    &tower_lsp_server::ls_types::ShowMessageParams {
                        typ: MessageType::WARNING,
                        message,
                    },
                );
            }
            let streamed = diagnostics::Streamed {
                uri: &uri,
                diagnostics,
                positions: &positions,
            };
            out.publish_with(&uri, &streamed, Some(version));
            // the previous analysis is freed once the client has its answer
            drop(replaced);
        }
        Err(panic) => {
            let what = panic_text(&*panic);
            tracing::error!(uri = uri.as_str(), version, "analysis panicked: {what}");
            let message = format!(
                "offer-notes could not analyse {} (version {version}): an internal error ({what}). Your text is untouched; other documents are still served. Please report this.",
                uri.as_str()
            );
            out.runtime
                .block_on(out.client.log_message(MessageType::ERROR, message));
        }
    }
}

/// What a document whose edit was lost shows instead of an analysis of the wrong text.
/// (LSP has no way to ask the editor for the text again; every editor shows an error
/// diagnostic, and reopening the file sends the whole text.)
pub fn lost_edit_diagnostic() -> tower_lsp_server::ls_types::Diagnostic {
    tower_lsp_server::ls_types::Diagnostic {
        range: Default::default(),
        severity: Some(tower_lsp_server::ls_types::DiagnosticSeverity::ERROR),
        source: Some("offer-notes".into()),
        message: LOST_EDIT.into(),
        ..Default::default()
    }
}

pub const LOST_EDIT: &str = "offer-notes could not read an edit to this file, so its copy of the text is no longer yours and nothing is checked. Close and reopen the file (or reload it) to check it again.";
