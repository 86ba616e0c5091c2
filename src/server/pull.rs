//! Pull diagnostics: `textDocument/diagnostic` and `workspace/diagnostic`, answered from what
//! the analysis worker recorded ([`super::workspace::Workspace::latest`]), with result ids so
//! that diagnostics the client already has cost one short `unchanged` answer.

use super::workspace::{self, Reported};
use super::{diagnostics, State};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tower_lsp::lsp_types::*;

/// How long a pull waits for the worker's analysis of the current text before analysing it
/// itself (the worker may be busy with a panic or not started: the answer must still come).
const WAIT_FOR_WORKER: Duration = Duration::from_secs(2);

/// How long `workspace/diagnostic` waits for the background check to finish before answering
/// with what is ready (the client asks again later).
const WAIT_FOR_WORKSPACE: Duration = Duration::from_secs(30);

/// What `textDocument/diagnostic` answers: the diagnostics of the document's current text
/// (open) or of its file (a workspace journal), `unchanged` when `previous` is their id.
pub async fn document(
    state: &State,
    uri: &Url,
    previous: Option<&str>,
) -> DocumentDiagnosticReportResult {
    let reported = current(state, uri).await;
    DocumentDiagnosticReportResult::Report(if previous == Some(reported.result_id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                result_id: reported.result_id,
            },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(reported.result_id),
                items: Vec::clone(&reported.diagnostics),
            },
        })
    })
}

/// The document's diagnostics once the worker has recorded them for what the editor shows
/// now (or for its file, when it is not open).
async fn current(state: &State, uri: &Url) -> Reported {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_WORKER;
    loop {
        let notified = state.reported.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let open = state
            .documents
            .lock()
            .ok()
            .and_then(|d| d.get(uri).map(|d| d.revision));
        if let Ok(ws) = state.workspace.lock() {
            let latest = ws.latest.get(uri);
            match open {
                Some(revision) => {
                    if let Some(r) = latest.filter(|r| r.revision == Some(revision)) {
                        return r.clone();
                    }
                }
                None if !ws.on_disk.contains_key(uri) => return nothing(),
                None => {
                    if let Some(r) = latest.filter(|r| r.revision.is_none()) {
                        return r.clone();
                    }
                    if !ws.background.is_queued(uri) && ws.background.announced == 0 {
                        return nothing(); // a file that could not be read
                    }
                }
            }
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return analysed_here(state, uri);
        }
    }
}

/// The worker did not answer in time: analyse the open document here (a file on disk that
/// was not checked yet has nothing to report).
fn analysed_here(state: &State, uri: &Url) -> Reported {
    let Some(snapshot) = state.snapshot(uri) else {
        return nothing();
    };
    let found = diagnostics::to_lsp(
        uri,
        snapshot.text(),
        &snapshot.report.diagnostics,
        state.encoding(),
    );
    let (_, result_id) = workspace::serialise(&found);
    Reported {
        diagnostics: Arc::new(found),
        result_id,
        revision: Some(snapshot.revision),
    }
}

fn nothing() -> Reported {
    let (_, result_id) = workspace::serialise(&[]);
    Reported {
        diagnostics: Arc::new(Vec::new()),
        result_id,
        revision: None,
    }
}

/// What `workspace/diagnostic` answers: every workspace journal that is not open (open ones
/// are pulled per document), its version null; `unchanged` for those whose previous result id
/// is current, and an empty report for a journal the client had that is gone from disk.
/// It answers once the background check has finished, so one pull has every journal.
pub async fn workspace(
    state: &State,
    params: WorkspaceDiagnosticParams,
) -> WorkspaceDiagnosticReport {
    let deadline = tokio::time::Instant::now() + WAIT_FOR_WORKSPACE;
    loop {
        let notified = state.reported.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let idle = state
            .workspace
            .lock()
            .map(|ws| ws.background.is_idle())
            .unwrap_or(true);
        if idle || tokio::time::timeout_at(deadline, notified).await.is_err() {
            break;
        }
    }
    let previous: HashMap<Url, String> = params
        .previous_result_ids
        .into_iter()
        .map(|p| (p.uri, p.value))
        .collect();
    let open: std::collections::HashSet<Url> = state
        .documents
        .lock()
        .map(|d| d.uris().into_iter().collect())
        .unwrap_or_default();
    let Ok(ws) = state.workspace.lock() else {
        return WorkspaceDiagnosticReport { items: Vec::new() };
    };
    let mut items = Vec::new();
    for uri in ws.on_disk.keys().filter(|u| !open.contains(*u)) {
        let Some(reported) = ws.latest.get(uri).filter(|r| r.revision.is_none()) else {
            continue; // not checked yet (or unreadable): nothing to say
        };
        items.push(report(uri, reported, previous.get(uri)));
    }
    // the client shows diagnostics for a journal that is gone: clear them
    for uri in previous.keys() {
        if !ws.on_disk.contains_key(uri) && !open.contains(uri) {
            items.push(report(uri, &nothing(), None));
        }
    }
    WorkspaceDiagnosticReport { items }
}

fn report(
    uri: &Url,
    reported: &Reported,
    previous: Option<&String>,
) -> WorkspaceDocumentDiagnosticReport {
    if previous == Some(&reported.result_id) {
        WorkspaceDocumentDiagnosticReport::Unchanged(WorkspaceUnchangedDocumentDiagnosticReport {
            uri: uri.clone(),
            version: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                result_id: reported.result_id.clone(),
            },
        })
    } else {
        WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
            uri: uri.clone(),
            version: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(reported.result_id.clone()),
                items: Vec::clone(&reported.diagnostics),
            },
        })
    }
}
