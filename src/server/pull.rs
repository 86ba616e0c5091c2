//! Pull diagnostics: `textDocument/diagnostic` and `workspace/diagnostic`, answered from what
//! the analysis worker recorded ([`super::workspace::Workspace::latest`]), with result ids so
//! that diagnostics the client already has cost one short `unchanged` answer.
//!
//! The transport hands these requests here rather than to tower-lsp-server: the answer splices the
//! diagnostics the worker serialised once into the response (the framework would build a JSON value
//! tree of every diagnostic of every journal, and copy it twice more on the way out).

use super::workspace::{self, Reported};
use super::{diagnostics, State};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::ls_types::{DocumentDiagnosticParams, Uri, WorkspaceDiagnosticParams};

/// How long a pull waits for the worker's analysis of the current text before analysing it
/// itself (the worker may be busy with a panic or not started: the answer must still come).
const WAIT_FOR_WORKER: Duration = Duration::from_secs(2);

/// How long `workspace/diagnostic` waits for the background check to finish before answering
/// with what is ready (the client asks again later).
const WAIT_FOR_WORKSPACE: Duration = Duration::from_secs(30);

pub const DOCUMENT: &str = "textDocument/diagnostic";
pub const WORKSPACE: &str = "workspace/diagnostic";

/// The response body (JSON-RPC, without framing) to a pull request with this id.
pub async fn answer(state: &State, method: &str, id: Value, params: Value) -> Vec<u8> {
    let result = match method {
        DOCUMENT => match serde_json::from_value::<DocumentDiagnosticParams>(params) {
            Ok(p) => {
                Ok(document(state, &p.text_document.uri, p.previous_result_id.as_deref()).await)
            }
            Err(e) => Err(e),
        },
        _ => match serde_json::from_value::<WorkspaceDiagnosticParams>(params) {
            Ok(p) => Ok(workspace(state, p).await),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(result) => {
            let mut body = Vec::with_capacity(result.len() + 64);
            body.extend_from_slice(br#"{"jsonrpc":"2.0","id":"#);
            body.extend_from_slice(id.to_string().as_bytes());
            body.extend_from_slice(br#","result":"#);
            body.extend_from_slice(&result);
            body.push(b'}');
            body
        }
        Err(e) => serde_json::json!({"jsonrpc": "2.0", "id": id, "error": {
            "code": -32602,
            "message": format!("Invalid params for {method}: {}", e.to_string().split(" at line").next().unwrap_or_default()),
        }})
        .to_string()
        .into_bytes(),
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A document report: `full` with the diagnostics, or `unchanged` when `previous` is their id.
/// `uri` is given for a workspace report (which names its document and a null version).
fn report(out: &mut Vec<u8>, uri: Option<&Uri>, reported: &Reported, previous: Option<&str>) {
    out.push(b'{');
    if let Some(uri) = uri {
        out.extend_from_slice(br#""uri":"#);
        out.extend_from_slice(quoted(uri.as_str()).as_bytes());
        out.extend_from_slice(br#","version":null,"#);
    }
    out.extend_from_slice(br#""resultId":"#);
    out.extend_from_slice(quoted(&reported.result_id).as_bytes());
    if previous == Some(reported.result_id.as_str()) {
        out.extend_from_slice(br#","kind":"unchanged"}"#);
    } else {
        out.extend_from_slice(br#","kind":"full","items":"#);
        out.extend_from_slice(&reported.json);
        out.push(b'}');
    }
}

/// What `textDocument/diagnostic` answers: the diagnostics of the document's current text
/// (open) or of its file (a workspace journal).
pub async fn document(state: &State, uri: &Uri, previous: Option<&str>) -> Vec<u8> {
    let reported = current(state, uri).await;
    let mut out = Vec::with_capacity(reported.json.len() + 96);
    report(&mut out, None, &reported, previous);
    out
}

/// The document's diagnostics once the worker has recorded them for what the editor shows
/// now (or for its file, when it is not open).
async fn current(state: &State, uri: &Uri) -> Reported {
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
fn analysed_here(state: &State, uri: &Uri) -> Reported {
    let Some(snapshot) = state.snapshot(uri) else {
        return nothing();
    };
    let found = diagnostics::to_lsp(
        uri,
        snapshot.text(),
        &snapshot.report.diagnostics,
        state.encoding(),
    );
    let (json, result_id) = workspace::serialise(&found);
    Reported {
        json: Arc::new(json),
        result_id,
        revision: Some(snapshot.revision),
        diagnostics: None,
    }
}

fn nothing() -> Reported {
    let (json, result_id) = workspace::serialise(&[]);
    Reported {
        json: Arc::new(json),
        result_id,
        revision: None,
        diagnostics: None,
    }
}

/// What `workspace/diagnostic` answers: every workspace journal that is not open (open ones
/// are pulled per document), its version null; `unchanged` for those whose previous result id
/// is current, and an empty report for a journal the client had that is gone from disk.
/// It answers once the background check has finished, so one pull has every journal.
pub async fn workspace(state: &State, params: WorkspaceDiagnosticParams) -> Vec<u8> {
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
    let previous: HashMap<Uri, String> = params
        .previous_result_ids
        .into_iter()
        .map(|p| (p.uri, p.value))
        .collect();
    let open: HashSet<Uri> = state
        .documents
        .lock()
        .map(|d| d.uris().into_iter().collect())
        .unwrap_or_default();
    // copy out what to answer (cheap: shared bytes), then build the answer unlocked
    let (reports, gone) = {
        let Ok(ws) = state.workspace.lock() else {
            return br#"{"items":[]}"#.to_vec();
        };
        let reports: Vec<(Uri, Reported)> = ws
            .on_disk
            .keys()
            .filter(|u| !open.contains(*u))
            // not checked yet, or unreadable: nothing to say
            .filter_map(|u| {
                Some((
                    u.clone(),
                    ws.latest.get(u).filter(|r| r.revision.is_none())?.clone(),
                ))
            })
            .collect();
        let gone: Vec<Uri> = previous
            .keys()
            .filter(|u| !ws.on_disk.contains_key(*u) && !open.contains(*u))
            .cloned()
            .collect();
        (reports, gone)
    };
    let size: usize = reports.iter().map(|(_, r)| r.json.len() + 160).sum();
    let mut out = Vec::with_capacity(size + 16);
    out.extend_from_slice(br#"{"items":["#);
    let mut first = true;
    let mut comma = |out: &mut Vec<u8>| {
        if !std::mem::take(&mut first) {
            out.push(b',');
        }
    };
    for (uri, reported) in &reports {
        comma(&mut out);
        report(
            &mut out,
            Some(uri),
            reported,
            previous.get(uri).map(String::as_str),
        );
    }
    // the client shows diagnostics for a journal that is gone: clear them
    let empty = nothing();
    for uri in &gone {
        comma(&mut out);
        report(&mut out, Some(uri), &empty, None);
    }
    out.extend_from_slice(b"]}");
    out
}
