//! The analysis worker: one thread, one job at a time, always the latest text. A result is
//! published only if no newer edit arrived meanwhile, so diagnostics for an older version
//! are never published after a newer one — and a stale analysis never delays a fresh one.
//!
//! Open documents come first: the workspace's journals on disk are checked one at a time in
//! the background (see [`super::workspace`]), and the worker looks for open-document work
//! before each one.

use super::outbox::Outbox;
use super::state::Analysed;
use super::workspace::{self, records_and_found, Found, Progress, Reported};
use super::State;
use crate::rules::Diagnostic;
use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use tower_lsp_server::ls_types::{
    self as lsp, MessageType, ProgressParams, ProgressParamsValue, Uri, WorkDoneProgress,
    WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport,
};
use tower_lsp_server::Client;

#[derive(Debug)]
pub enum Job {
    /// The document changed (or was opened): analyse its latest text.
    Analyze(Uri),
    /// A quiet keystroke changed the document: its diagnostics are already answered
    /// (`workspace::quiet_edit`), so its analysis (for hovers and actions, which also analyse
    /// on demand) waits until typing pauses for [`SETTLE`], or until other work comes.
    Settle(Uri),
    /// The document was closed: clear what was published for it.
    Closed(Uri),
    /// Configuration changed: analyse every open document again.
    Reanalyze,
    /// Walk the workspace folders again: journals new on disk are checked, vanished ones
    /// forgotten. With a token, the check is reported with `$/progress`.
    Scan(Option<lsp::ProgressToken>),
    /// A journal changed on disk: check it again (unless it is open: the editor's text wins).
    Disk(Uri),
    /// Settings changed: check every workspace journal on disk again.
    RecheckDisk,
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
    /// Publish diagnostics already serialised (as [`workspace::serialise`] made them).
    fn publish_serialised(&self, uri: &Uri, diagnostics: &Arc<Vec<u8>>, version: Option<i32>) {
        let uri_json = serde_json::to_string(uri).unwrap_or_else(|_| "\"\"".into());
        let version = version.map_or_else(|| "null".to_string(), |v| v.to_string());
        let head = [
            &br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#[..],
            uri_json.as_bytes(),
            br#","diagnostics":"#,
        ]
        .concat();
        let tail = [br#","version":"#, version.as_bytes(), b"}}"].concat();
        // the diagnostics are written from the bytes the workspace keeps, not copied into
        // the frame: a journal of 100,000 offers publishes 60 MB
        let length = head.len() + diagnostics.len() + tail.len();
        let mut framed = format!("Content-Length: {length}\r\n\r\n").into_bytes();
        framed.extend_from_slice(&head);
        // only the newest diagnostics of a document wait for a client that is not reading
        self.outbox.send_latest_spliced(
            format!("publishDiagnostics {}", uri.as_str()),
            framed,
            Arc::clone(diagnostics),
            tail,
        );
    }

    /// Tell the client a document has no diagnostics.
    fn publish_none(&self, uri: &Uri) {
        self.publish_serialised(uri, &Arc::new(b"[]".to_vec()), None);
    }

    fn progress(&self, token: &lsp::ProgressToken, value: WorkDoneProgress) {
        self.outbox.notify(
            None,
            "$/progress",
            &ProgressParams {
                token: token.clone(),
                value: ProgressParamsValue::WorkDone(value),
            },
        );
    }

    fn warn(&self, message: String) {
        tracing::warn!("{message}");
        self.outbox.notify(
            None,
            "window/showMessage",
            &tower_lsp_server::ls_types::ShowMessageParams {
                typ: MessageType::WARNING,
                message,
            },
        );
    }
}

/// Record a document's newest diagnostics and, for a push client, publish them unless the
/// client already has exactly these. The publish is queued before the record is visible, so
/// a pull or a probe answered from the record never overtakes it.
fn deliver(
    state: &State,
    out: &Out,
    uri: &Uri,
    found: Found,
    revision: Option<u64>,
    version: Option<i32>,
) {
    let (json, result_id, diagnostics) = match found {
        Found::Listed(diagnostics) => {
            // an open document's last diagnostics, compared as they are: equal ones
            // (positions included) serialise to the same bytes, so those and their id are kept
            let last = state.workspace.lock().ok().and_then(|ws| {
                let r = ws.latest.get(uri).filter(|_| revision.is_some())?;
                Some((r.diagnostics.clone()?, r.json.clone(), r.result_id.clone()))
            });
            match last {
                Some((last, json, result_id)) if *last == diagnostics => {
                    (json, result_id, Some(last))
                }
                _ => {
                    let (json, result_id) = workspace::serialise(&diagnostics);
                    (Arc::new(json), result_id, Some(Arc::new(diagnostics)))
                }
            }
        }
        Found::Serialised { json, .. } => {
            let result_id = workspace::result_id(&json);
            (Arc::new(json), result_id, None)
        }
    };
    let pull = state.pulls();
    if let Ok(mut ws) = state.workspace.lock() {
        // a newer revision's diagnostics are recorded already (a quiet keystroke's, recorded
        // while this was analysed): these are stale, and an editor never sees older after newer
        let stale = ws
            .latest
            .get(uri)
            .is_some_and(|p| revision.is_some() && p.revision > revision);
        if stale {
            return;
        }
        let already = ws.pushed.get(uri) == Some(&result_id);
        if !pull && !already {
            out.publish_serialised(uri, &json, version);
            ws.pushed.insert(uri.clone(), result_id.clone());
        } else if !pull {
            tracing::debug!(
                uri = uri.as_str(),
                ?version,
                "unchanged diagnostics: not sent again"
            );
        }
        // new diagnostics for the same text (a file on disk, or an open document whose
        // companies changed elsewhere): a pull client would not know to ask
        let previous = ws.latest.get(uri);
        if previous.is_some_and(|p| {
            p.result_id != result_id && (revision.is_none() || p.revision == revision)
        }) {
            ws.changed_unasked = true;
        }
        // (not for a journal whose diagnostics are megabytes: the copy would cost more
        // memory than serialising them again costs time)
        let compared = revision.is_some() && json.len() <= workspace::COMPARED_UP_TO;
        ws.latest.insert(
            uri.clone(),
            Reported {
                json,
                result_id,
                revision,
                diagnostics: diagnostics.filter(|_| compared),
            },
        );
    }
    state.reported.notify_waiters();
}

/// A document that is neither open nor a workspace journal any more: nothing is reported for
/// it, and a push client is told to clear what it shows.
fn withdraw(state: &State, out: &Out, uri: &Uri) {
    let mut affected = Vec::new();
    if let Ok(mut ws) = state.workspace.lock() {
        ws.latest.remove(uri);
        let had = ws.pushed.remove(uri);
        if !state.pulls() && had.is_some() {
            out.publish_none(uri);
        }
        affected = ws.set_records(uri, Vec::new());
    }
    recheck(state, affected);
    state.reported.notify_waiters();
}

/// A document's history records are now `records`: the journals whose companies changed
/// are checked again (`same-company-again` reads the other journals).
fn record_history(state: &State, uri: &Uri, records: Vec<crate::history::Record>) {
    let affected = state
        .workspace
        .lock()
        .map(|mut ws| ws.set_records(uri, records))
        .unwrap_or_default();
    recheck(state, affected);
}

/// Check these documents again: open ones now (or once the background check is done, so a
/// workspace being read does not analyse an open document once per journal), others in the
/// background.
fn recheck(state: &State, uris: Vec<Uri>) {
    if uris.is_empty() {
        return;
    }
    let open: HashSet<Uri> = state
        .documents
        .lock()
        .map(|d| d.uris().into_iter().collect())
        .unwrap_or_default();
    let mut now = Vec::new();
    if let Ok(mut ws) = state.workspace.lock() {
        let busy = ws.background.has_queued();
        for uri in uris {
            if open.contains(&uri) {
                if busy {
                    ws.background.deferred_open.insert(uri);
                } else {
                    now.push(uri);
                }
            } else if ws.on_disk.contains_key(&uri) {
                ws.background.push(uri);
            }
        }
    }
    for uri in now {
        state.schedule(Job::Analyze(uri));
    }
}

/// How long typing in prose must pause before the text is analysed (see [`Job::Settle`]).
pub const SETTLE: std::time::Duration = std::time::Duration::from_millis(40);

fn run(state: &State, out: &Out, jobs: &Receiver<Job>) {
    loop {
        let background_waiting = state
            .workspace
            .lock()
            .map(|w| w.background.has_queued())
            .unwrap_or(false);
        // open documents first: block for work only when no journal on disk waits
        let mut batch = Vec::new();
        if !background_waiting {
            match jobs.recv() {
                Ok(first) => batch.push(first),
                Err(_) => return,
            }
        }
        // take everything already queued, so a burst of edits is analysed once
        batch.extend(jobs.try_iter());
        // keystrokes already answered: analysed once typing pauses, so the analysis never
        // competes with the answers for the machine's cores (not while journals on disk wait)
        while !background_waiting
            && !batch.is_empty()
            && batch.iter().all(|job| matches!(job, Job::Settle(_)))
        {
            match jobs.recv_timeout(SETTLE) {
                Ok(job) => {
                    batch.push(job);
                    batch.extend(jobs.try_iter());
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        if batch.is_empty() {
            background_step(state, out);
        } else {
            foreground(state, out, batch);
        }
    }
}

fn foreground(state: &State, out: &Out, batch: Vec<Job>) {
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
            Job::Analyze(uri) | Job::Settle(uri) => {
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
            other => work.push(other),
        }
    }
    for job in work {
        match job {
            Job::Analyze(uri) => analyze(state, out, uri),
            Job::Closed(uri) => closed(state, out, uri),
            Job::Scan(progress) => scan(state, out, progress),
            Job::Disk(uri) => {
                if let Ok(mut ws) = state.workspace.lock() {
                    ws.background.announced = ws.background.announced.saturating_sub(1);
                    if ws.on_disk.contains_key(&uri) {
                        ws.background.push(uri);
                    }
                }
            }
            Job::RecheckDisk => {
                if let Ok(mut ws) = state.workspace.lock() {
                    ws.background.announced = ws.background.announced.saturating_sub(1);
                    let uris: Vec<_> = ws.on_disk.keys().cloned().collect();
                    for uri in uris {
                        ws.background.push(uri);
                    }
                }
            }
            Job::Reanalyze | Job::Settle(_) => {}
        }
    }
    background_idle(state, out);
}

/// A document was closed: a workspace journal goes back to what its file on disk says;
/// any other document's diagnostics are cleared.
fn closed(state: &State, out: &Out, uri: Uri) {
    let on_disk = state
        .workspace
        .lock()
        .map(|mut ws| {
            ws.quiet.remove(&uri);
            let known = ws.on_disk.contains_key(&uri);
            if known {
                ws.background.push(uri.clone());
            }
            known
        })
        .unwrap_or(false);
    if !on_disk {
        let mut affected = Vec::new();
        if let Ok(mut ws) = state.workspace.lock() {
            ws.latest.remove(&uri);
            ws.pushed.remove(&uri);
            affected = ws.set_records(&uri, Vec::new());
        }
        if !state.pulls() {
            out.publish_none(&uri);
        }
        recheck(state, affected);
        state.reported.notify_waiters();
    }
}

/// Walk the folders and compare with the journals known: new ones are queued for the
/// background check, vanished ones withdrawn.
fn scan(state: &State, out: &Out, progress: Option<lsp::ProgressToken>) {
    let folders = state
        .workspace
        .lock()
        .map(|w| w.folders.clone())
        .unwrap_or_default();
    let (found, unreadable_folders) = workspace::scan(&folders);
    let open: HashSet<Uri> = state
        .documents
        .lock()
        .map(|d| d.uris().into_iter().collect())
        .unwrap_or_default();
    let mut gone = Vec::new();
    if let Ok(mut ws) = state.workspace.lock() {
        let before = std::mem::take(&mut ws.on_disk);
        for (uri, path) in &before {
            if !found.contains_key(uri) {
                ws.named_unreadable.remove(path);
                gone.push(uri.clone());
            }
        }
        if let Some(token) = progress {
            ws.background.progress = Some(Progress {
                token,
                total: 0,
                done: 0,
                began: false,
                last_report: std::time::Instant::now(),
            });
        }
        // new to the workspace, or never checked: checked in the background unless the
        // editor has it open — every one's records first, so each is checked against all
        let unchecked: Vec<Uri> = found
            .keys()
            .filter(|uri| !before.contains_key(*uri) || !ws.latest.contains_key(*uri))
            .filter(|uri| !open.contains(*uri))
            .cloned()
            .collect();
        for uri in &unchecked {
            ws.background.push_records(uri.clone());
        }
        for uri in unchecked {
            ws.background.push(uri);
        }
        ws.on_disk = found;
        for line in unreadable_folders {
            if ws.named_unreadable.insert(line.clone().into()) {
                ws.background.unreadable.push(line);
            }
        }
        ws.background.announced = ws.background.announced.saturating_sub(1);
        if let Some(p) = &mut ws.background.progress {
            if !p.began {
                p.began = true;
                out.progress(
                    &p.token,
                    WorkDoneProgress::Begin(WorkDoneProgressBegin {
                        title: "Checking the workspace's journals".into(),
                        cancellable: Some(false),
                        message: Some(format!("0/{} journals", p.total)),
                        percentage: Some(0),
                    }),
                );
            }
        }
    }
    for uri in gone {
        if let Ok(mut settings) = state.settings.lock() {
            settings.closed(&uri);
        }
        if !open.contains(&uri) {
            withdraw(state, out, &uri);
        }
    }
}

/// Check one journal on disk, if one waits.
fn background_step(state: &State, out: &Out) {
    let next = state
        .workspace
        .lock()
        .ok()
        .and_then(|mut ws| ws.background.pop());
    let Some((phase, uri)) = next else {
        return;
    };
    if phase == workspace::Phase::Records {
        records_on_disk(state, &uri);
        if let Ok(mut ws) = state.workspace.lock() {
            ws.background.checking = None;
        }
        return;
    }
    check_on_disk(state, out, &uri);
    if let Ok(mut ws) = state.workspace.lock() {
        ws.background.checking = None;
        if let Some(p) = &mut ws.background.progress {
            p.done += 1;
            // a few reports a second at most: each is a frame the editor reads
            if p.last_report.elapsed() >= std::time::Duration::from_millis(100) {
                p.last_report = std::time::Instant::now();
                out.progress(
                    &p.token,
                    WorkDoneProgress::Report(WorkDoneProgressReport {
                        cancellable: Some(false),
                        message: Some(format!("{}/{} journals", p.done, p.total)),
                        percentage: Some((p.done * 100 / p.total.max(1)).min(100) as u32),
                    }),
                );
            }
        }
    }
    background_idle(state, out);
}

/// When nothing waits any more: end the progress, name the files that could not be read, and
/// wake a `workspace/diagnostic` waiting for the check to finish.
fn background_idle(state: &State, out: &Out) {
    let Ok(mut ws) = state.workspace.lock() else {
        return;
    };
    if !ws.background.is_idle() {
        return;
    }
    if let Some(p) = ws.background.progress.take() {
        if p.began {
            out.progress(
                &p.token,
                WorkDoneProgress::End(WorkDoneProgressEnd {
                    message: Some(format!("{} journals checked", p.done)),
                }),
            );
        }
    }
    let unreadable = std::mem::take(&mut ws.background.unreadable);
    let deferred = std::mem::take(&mut ws.background.deferred_open);
    let refresh = std::mem::take(&mut ws.changed_unasked)
        && state.refresh.load(std::sync::atomic::Ordering::SeqCst);
    drop(ws);
    if refresh {
        // `workspace/diagnostic/refresh`: the client pulls again (not awaited here)
        let client = out.client.clone();
        out.runtime.spawn(async move {
            if let Err(e) = client.workspace_diagnostic_refresh().await {
                tracing::debug!("workspace/diagnostic/refresh: {e}");
            }
        });
    }
    for uri in deferred {
        state.schedule(Job::Analyze(uri));
    }
    if !unreadable.is_empty() {
        out.warn(workspace::unreadable_message(&unreadable));
    }
    state.reported.notify_waiters();
}

/// The file of a workspace journal the editor does not have open (an open one is read from the
/// editor's text, never from disk).
fn unopened_path(state: &State, uri: &Uri) -> Option<std::path::PathBuf> {
    let path = state
        .workspace
        .lock()
        .ok()
        .and_then(|ws| ws.path_of(uri).map(|p| p.to_path_buf()))?;
    (!state.is_open(uri)).then_some(path)
}

/// Read a workspace journal's history records from its file (no rules run), unless the editor
/// has it open. A file that cannot be read is named when it is checked.
fn records_on_disk(state: &State, uri: &Uri) {
    let Some(path) = unopened_path(state, uri) else {
        return;
    };
    let Ok(text) = crate::files::read_text(&path) else {
        return;
    };
    let settings = state.settings_for(uri);
    let name = workspace::journal_name(uri);
    let read = std::panic::catch_unwind(AssertUnwindSafe(|| {
        crate::history::records_of_text(&name, &text, &settings.config).records
    }));
    if let Ok(records) = read {
        record_history(state, uri, records);
    }
}

/// Check a workspace journal from its file, unless the editor has it open.
fn check_on_disk(state: &State, out: &Out, uri: &Uri) {
    let Some(path) = unopened_path(state, uri) else {
        return;
    };
    let text = match crate::files::read_text(&path) {
        Ok(text) => text,
        Err(why) => {
            tracing::warn!(path = %path.display(), "cannot check: {why}");
            if let Ok(mut ws) = state.workspace.lock() {
                if ws.named_unreadable.insert(path.clone()) {
                    let line = workspace::unreadable_line(&path, &why);
                    ws.background.unreadable.push(line);
                }
            }
            // what was shown for it no longer describes the file
            withdraw(state, out, uri);
            return;
        }
    };
    if let Ok(mut ws) = state.workspace.lock() {
        ws.named_unreadable.remove(&path);
    }
    let settings = state.settings_for(uri);
    for message in state.settings_warnings() {
        out.warn(message);
    }
    let encoding = state.encoding();
    let elsewhere = state
        .workspace
        .lock()
        .map(|mut ws| ws.elsewhere_for(uri))
        .unwrap_or_default();
    let checked = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let report = crate::check_in(&text, &settings.config, &elsewhere);
        let positions = Diagnostic::positions(&text, &report.diagnostics, encoding);
        let (records, found) = records_and_found(uri, Arc::new(text), &report, &positions);
        (found, records)
    }));
    match checked {
        // opened meanwhile: the editor's text wins, and its analysis is queued
        Ok(_) if state.is_open(uri) => {}
        Ok((found, records)) => {
            record_history(state, uri, records);
            deliver(state, out, uri, found, None, None);
        }
        Err(panic) => {
            let what = panic_text(&*panic);
            tracing::error!(uri = uri.as_str(), "analysis panicked: {what}");
            out.warn(format!(
                "offer-notes could not check {}: {what}. Your file is untouched; the other journals are checked. Please report this.",
                path.display()
            ));
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
            let report = &fresh.snapshot.report;
            let positions = Diagnostic::positions(&fresh.text, &report.diagnostics, encoding);
            let quiet = crate::incremental::QuietLines::new(&fresh.text, positions.lines());
            // (the text is dropped inside, once its records are read: the next edit can
            // change the document in place again)
            let (records, published) = records_and_found(&uri, fresh.text, report, &positions);
            let (version, revision) = (fresh.snapshot.version, fresh.snapshot.revision);
            let replaced = fresh.replaced;
            Some(Ok((published, replaced, records, quiet, version, revision)))
        }
    }));
    let (outcome, version, revision) = match outcome {
        Ok(None) => return, // closed meanwhile
        Ok(Some(Err(version))) => {
            let revision = state
                .documents
                .lock()
                .ok()
                .and_then(|d| d.get(&uri).map(|d| d.revision));
            deliver(
                state,
                out,
                &uri,
                Found::Listed(vec![lost_edit_diagnostic()]),
                revision,
                Some(version),
            );
            return;
        }
        Ok(Some(Ok((published, replaced, records, quiet, version, revision)))) => {
            (Ok((published, replaced, records, quiet)), version, revision)
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
        Ok((diagnostics, replaced, records, quiet)) => {
            tracing::debug!(
                uri = uri.as_str(),
                version,
                count = diagnostics.count(),
                analysed_us = started.elapsed().as_micros() as u64,
                "publishing diagnostics"
            );
            // a document under a settings file not read before: say what in it was unusable,
            // through the same queue and before the diagnostics it explains, so the client
            // has the warning by the time it has the diagnostics
            for message in state.settings_warnings() {
                out.warn(message);
            }
            // the journals this one's companies touch are queued before the answer is
            // visible, so a workspace pull after it waits for them
            record_history(state, &uri, records);
            if let Ok(mut ws) = state.workspace.lock() {
                // (a quiet keystroke may have carried them to a newer revision meanwhile)
                let newer = ws.quiet.get(&uri).is_some_and(|(r, _)| *r > revision);
                if !newer {
                    ws.quiet.insert(uri.clone(), (revision, Arc::new(quiet)));
                }
            }
            deliver(state, out, &uri, diagnostics, Some(revision), Some(version));
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
