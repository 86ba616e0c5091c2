//! Our side of stdio. Every message is framed and parsed here before tower-lsp-server sees it:
//!
//! - a body that is not JSON gets a `-32700` parse error, a JSON value that is not a
//!   JSON-RPC message gets `-32600`, and the session goes on (stock tower-lsp-server would exit);
//! - a wrong or missing `Content-Length` is recovered from: a message whose length claims
//!   too much gives back what it took from the next one (or is read once the client goes
//!   quiet), and after a missing or unreadable length the next header is looked for;
//! - only messages tower-lsp-server can decode are passed on (its decoder ends the session at the
//!   first one it cannot): anything else is answered `-32600` here, with a null id when the
//!   id itself is unusable; `$/` requests, which tower-lsp-server would never answer, get `-32601`;
//! - text sync (`didOpen`/`didChange`/`didClose`) is applied to the document store right
//!   here, in the order the client sent it, then the analysis worker is told — so edits can
//!   never be reordered by concurrent handlers;
//! - `exit` ends the process with 0 after `shutdown`, 1 without, as the LSP spec says.
//!
//! Everything else is passed to tower-lsp-server unchanged, and its output is written out whole,
//! frame by frame, with our own error responses in between.

use super::framing::{Frame, FrameReader};
use super::outbox::{frame, Outbox};
use super::worker::{self, Job};
use super::State;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, Uri,
};
use tower_lsp_server::{LspService, Server};

fn error_response(id: Value, code: i64, message: &str) -> Vec<u8> {
    let value = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    frame(value.to_string().as_bytes())
}

/// Serve LSP on the given streams; returns the process exit code.
pub async fn serve<I, O>(state: Arc<State>, stdin: I, stdout: O) -> u8
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (jobs_tx, jobs_rx) = std::sync::mpsc::channel();
    if let Ok(mut jobs) = state.jobs.lock() {
        *jobs = Some(jobs_tx);
    }
    let outbox = Outbox::new();
    let mut worker_parts = None;
    let (service, socket) = LspService::new(|client| {
        worker_parts = Some(client.clone());
        super::backend::Backend::new(client, state.clone())
    });
    if let Some(client) = worker_parts {
        worker::spawn(
            state.clone(),
            client,
            tokio::runtime::Handle::current(),
            outbox.clone(),
            jobs_rx,
        );
    }

    let (to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, from_server) = tokio::io::duplex(1 << 20);
    tokio::spawn(Server::new(server_in, server_out, socket).serve(service));

    // one writer: whole frames only, in the order they were queued
    let writer = tokio::spawn({
        let outbox = outbox.clone();
        async move { outbox.write_to(stdout).await }
    });
    // tower-lsp-server's output, re-read frame by frame so our errors never split one of its messages
    let relay = outbox.clone();
    tokio::spawn(async move {
        let mut reader = FrameReader::trusted(from_server);
        while let Some(next) = reader.next().await {
            if let Frame::Body(body) = next {
                relay.send(frame(&body)).await;
            }
        }
    });

    let mut to_server = to_server;
    let mut reader = FrameReader::new(stdin);
    let mut exit_code = None;
    while let Some(next) = reader.next().await {
        let body = match next {
            Frame::Junk(what) => {
                tracing::warn!("unreadable input: {what}");
                outbox
                    .send(error_response(
                        Value::Null,
                        -32700,
                        &format!("Parse error: {what}"),
                    ))
                    .await;
                continue;
            }
            Frame::Body(body) => body,
        };
        let parsed = serde_json::from_slice::<Value>(&body).or_else(|e| {
            // JavaScript editors can send a lone surrogate (`"\ud83d"`), which serde refuses:
            // read it as U+FFFD, one UTF-16 unit for one, so positions after it stay right
            match lone_surrogates_replaced(&body) {
                Some(repaired) => serde_json::from_slice::<Value>(&repaired),
                None => Err(e),
            }
        });
        let message = match parsed {
            Ok(v) => v,
            Err(e) => {
                let what = if std::str::from_utf8(&body).is_err() {
                    "the message is not valid UTF-8".to_string()
                } else {
                    format!("the message is not valid JSON ({})", redacted(&e))
                };
                tracing::warn!("{what}");
                lost_edit(&state, &outbox, &body);
                outbox
                    .send(error_response(
                        Value::Null,
                        -32700,
                        &format!("Parse error: {what}"),
                    ))
                    .await;
                continue;
            }
        };
        let Value::Object(mut object) = message else {
            outbox
                .send(error_response(
                    Value::Null,
                    -32600,
                    "Invalid Request: expected a JSON-RPC object (batches are not part of LSP)",
                ))
                .await;
            continue;
        };
        let id = object.get("id").cloned();
        // LSP ids are integers or strings (null is tolerated): an error about a message whose
        // id is unusable carries a null id, as JSON-RPC says
        let usable_id = id
            .as_ref()
            .is_none_or(|i| i.is_string() || i.is_i64() || i.is_null());
        let reply_id = id.clone().filter(|_| usable_id).unwrap_or(Value::Null);
        let method = object
            .get("method")
            .and_then(Value::as_str)
            .map(str::to_owned);
        // a request or notification has a method; a response has an id and a result or error
        let well_formed = object.get("jsonrpc").and_then(Value::as_str) == Some("2.0")
            && match object.get("method") {
                Some(m) => m.is_string(),
                None => {
                    id.is_some() && (object.contains_key("result") || object.contains_key("error"))
                }
            }
            && usable_id;
        if !well_formed {
            outbox
                .send(error_response(
                    reply_id,
                    -32600,
                    "Invalid Request: not a JSON-RPC 2.0 request, notification or response",
                ))
                .await;
            continue;
        }
        let params = object.remove("params").unwrap_or(Value::Null);
        let is_request = method.is_some() && id.is_some();
        match method.as_deref() {
            // the first initialize that will succeed fixes the position encoding; one whose
            // params do not fit is refused by tower-lsp-server and may be retried
            Some("initialize")
                if is_request
                    && !state.is_initialized()
                    && serde_json::from_value::<tower_lsp_server::ls_types::InitializeParams>(
                        params.clone(),
                    )
                    .is_ok() =>
            {
                let offered: Option<Vec<tower_lsp_server::ls_types::PositionEncodingKind>> = params
                    .pointer("/capabilities/general/positionEncodings")
                    .and_then(|v| serde_json::from_value(v.clone()).ok());
                let encoding = super::convert::negotiate(offered.as_deref());
                if let Ok(mut e) = state.encoding.write() {
                    *e = encoding;
                }
                state.initialize_seen.store(true, Ordering::SeqCst);
            }
            // `shutdown` takes no params; many clients send `"params": null`, which tower-lsp-server
            // refuses: pass it on without. Only a shutdown that is answered with success
            // (after initialize, no params) counts for the exit code.
            Some("shutdown") if is_request && params.is_null() => {
                if state.is_initialized() {
                    state.shutdown_requested.store(true, Ordering::SeqCst);
                }
                let bare = json!({"jsonrpc": "2.0", "id": id, "method": "shutdown"});
                if to_server
                    .write_all(&frame(bare.to_string().as_bytes()))
                    .await
                    .is_err()
                {
                    break;
                }
                continue;
            }
            Some("exit") => {
                exit_code = Some(if state.shutdown_requested.load(Ordering::SeqCst) {
                    0
                } else {
                    1
                });
                break;
            }
            Some("$/setTrace") => {
                if let Some(value) = params.get("value").and_then(Value::as_str) {
                    state.log.follow_trace(value);
                }
                continue;
            }
            // tower-lsp-server drops every `$/` request unanswered; the protocol asks for an error
            Some(m) if is_request && m.starts_with("$/") => {
                outbox
                    .send(error_response(
                        reply_id,
                        -32601,
                        &format!("Method not found: {}", crate::text::shortened(m)),
                    ))
                    .await;
                continue;
            }
            // journals changed on disk or folders changed: the worker hears of it in arrival
            // order, so a pull sent after the notification waits for what it changed
            Some("workspace/didChangeWatchedFiles") if id.is_none() => {
                super::workspace_events::watched_files(&state, &params);
            }
            Some("workspace/didChangeWorkspaceFolders") if id.is_none() => {
                super::workspace_events::folders_changed(&state, &params);
            }
            // pull diagnostics are answered from the worker's serialised results, straight
            // to the writer's queue (see server/pull.rs)
            Some(m @ (super::pull::DOCUMENT | super::pull::WORKSPACE))
                if is_request && state.is_initialized() =>
            {
                let (state, outbox, method) = (state.clone(), outbox.clone(), m.to_string());
                tokio::spawn(async move {
                    let body = super::pull::answer(&state, &method, reply_id, params).await;
                    outbox.send(frame(&body)).await;
                });
                continue;
            }
            Some(
                m @ ("textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"),
            ) if id.is_none() => {
                drop(body); // a document can be large: hold one copy of it at a time
                text_sync(&state, &outbox, m, params);
                continue;
            }
            _ => {}
        }
        // tower-lsp-server's decoder ends the whole session at the first message it cannot read:
        // pass on only what it reads as a request, notification or response
        if !decodes_for_tower_lsp(&body, method.is_some()) {
            outbox
                .send(error_response(
                    reply_id,
                    -32600,
                    "Invalid Request: not a JSON-RPC 2.0 request, notification or response",
                ))
                .await;
            continue;
        }
        if to_server.write_all(&frame(&body)).await.is_err() {
            break;
        }
    }
    let code = exit_code.unwrap_or(if state.shutdown_requested.load(Ordering::SeqCst) {
        0
    } else {
        1
    });
    outbox.finish(code);
    writer.await.unwrap_or(code)
}

/// The line a `didChange` edits, when it is one ranged change inside one line that types no
/// line break.
fn one_line_edit(
    changes: &[tower_lsp_server::ls_types::TextDocumentContentChangeEvent],
) -> Option<usize> {
    let [change] = changes else {
        return None;
    };
    let range = change.range?;
    (range.start.line == range.end.line && !change.text.contains(['\n', '\r']))
        .then_some(range.start.line as usize)
}

/// Line `n` of a rope without its line break, if there is such a line.
fn line_text(rope: &ropey::Rope, n: usize) -> Option<String> {
    if n >= rope.len_lines() {
        return None;
    }
    let mut line = rope.line(n).to_string();
    line.truncate(line.trim_end_matches(['\n', '\r']).len());
    Some(line)
}

/// What tower-lsp-server's decoder reads as what it is: a request or notification (with a method),
/// or a response. (Its decoder would read a response it cannot parse as a request with an
/// empty method, and answer it.)
fn decodes_for_tower_lsp(body: &[u8], has_method: bool) -> bool {
    if has_method {
        serde_json::from_slice::<tower_lsp_server::jsonrpc::Request>(body).is_ok()
    } else {
        serde_json::from_slice::<tower_lsp_server::jsonrpc::Response>(body).is_ok()
    }
}

/// A serde error without the values it quotes (they can be the person's text).
fn redacted(e: &serde_json::Error) -> String {
    let mut out = String::new();
    let mut quote = None;
    for c in e.to_string().chars() {
        match quote {
            Some(q) if c == q => {
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    out.push('…');
                    quote = Some(c);
                }
            }
        }
    }
    out
}

/// Replace every `\uD800`–`\uDFFF` escape that is not half of a pair with `\uFFFD`;
/// `None` if there is none. (A backslash outside a string is not JSON, so every backslash
/// starts an escape.)
pub fn lone_surrogates_replaced(body: &[u8]) -> Option<Vec<u8>> {
    fn surrogate(bytes: &[u8]) -> Option<u16> {
        let hex = std::str::from_utf8(bytes.get(2..6)?).ok()?;
        let unit = u16::from_str_radix(hex, 16).ok()?;
        (bytes.starts_with(b"\\u") && (0xD800..0xE000).contains(&unit)).then_some(unit)
    }
    let mut out = Vec::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'\\', &body[at..]) {
        at += found;
        match surrogate(&body[at..]) {
            // a high surrogate followed by a low one: a pair, which serde reads
            Some(0xD800..=0xDBFF)
                if body
                    .get(at + 6..)
                    .and_then(surrogate)
                    .is_some_and(|low| low >= 0xDC00) =>
            {
                at += 12;
            }
            Some(_) => {
                out.extend_from_slice(&body[copied..at]);
                out.extend_from_slice(b"\\uFFFD");
                at += 6;
                copied = at;
            }
            // an escape of one character (`\n`, `\\`), or a backslash at the very end
            None => at = (at + 2).min(body.len()),
        }
    }
    if copied == 0 {
        return None;
    }
    out.extend_from_slice(&body[copied..]);
    Some(out)
}

/// A `didChange` that could not be read at all: the document it was for (if that can be
/// made out) no longer has the editor's text.
fn lost_edit(state: &State, outbox: &Outbox, body: &[u8]) {
    let Ok(message) = serde_json::from_str::<Value>(&String::from_utf8_lossy(body)) else {
        return;
    };
    if message.get("method").and_then(Value::as_str) != Some("textDocument/didChange") {
        return;
    }
    let uri = message
        .pointer("/params/textDocument/uri")
        .and_then(Value::as_str)
        .and_then(|u| u.parse::<Uri>().ok());
    if let (Some(uri), Ok(docs)) = (uri, state.documents.lock()) {
        desynchronise(state, outbox, docs, uri);
    }
}

/// Mark the document as no longer in step with the editor, say so, and have the worker
/// replace its diagnostics with the one that asks for a reopen.
fn desynchronise(
    state: &State,
    outbox: &Outbox,
    mut docs: std::sync::MutexGuard<'_, super::documents::Documents>,
    uri: Uri,
) {
    if !docs.desynchronise(&uri) {
        return;
    }
    drop(docs);
    tracing::warn!(uri = uri.as_str(), "an edit could not be applied: the document is out of step with the editor until it is reopened");
    outbox.notify(
        None,
        "window/showMessage",
        &tower_lsp_server::ls_types::ShowMessageParams {
            typ: tower_lsp_server::ls_types::MessageType::ERROR,
            message: format!("{} ({})", worker::LOST_EDIT, uri.as_str()),
        },
    );
    state.schedule(Job::Analyze(uri));
}

/// Apply a text sync notification to the store, in arrival order, and schedule analysis.
fn text_sync(state: &State, outbox: &Outbox, method: &str, params: Value) {
    if !state.is_initialized() {
        tracing::warn!("{method} before initialize: ignored, as the protocol asks");
        return;
    }
    let encoding = state.encoding();
    let Ok(mut docs) = state.documents.lock() else {
        return;
    };
    match method {
        "textDocument/didOpen" => match serde_json::from_value::<DidOpenTextDocumentParams>(params)
        {
            Ok(p) => {
                tracing::info!(
                    uri = p.text_document.uri.as_str(),
                    bytes = p.text_document.text.len(),
                    "open"
                );
                tracing::trace!(text = %p.text_document.text, "opened text");
                let uri = p.text_document.uri;
                docs.open(uri.clone(), &p.text_document.text, p.text_document.version);
                drop(docs);
                state.schedule(Job::Analyze(uri));
            }
            Err(e) => tracing::warn!("didOpen with unreadable params: {}", redacted(&e)),
        },
        "textDocument/didChange" => {
            let uri = params
                .pointer("/textDocument/uri")
                .and_then(Value::as_str)
                .and_then(|u| u.parse::<Uri>().ok());
            match serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                Ok(p) => {
                    let uri = p.text_document.uri;
                    tracing::debug!(
                        uri = uri.as_str(),
                        version = p.text_document.version,
                        changes = p.content_changes.len(),
                        "change"
                    );
                    // a keystroke within one line: that line before and after it, so the
                    // workspace can tell whether it changed any diagnostic
                    let line = one_line_edit(&p.content_changes);
                    let before = line.and_then(|n| {
                        let doc = docs.get(&uri).filter(|d| !d.desynchronised)?;
                        Some((doc.revision, line_text(&doc.rope, n)?))
                    });
                    match docs.change(&uri, p.text_document.version, p.content_changes, encoding) {
                        Ok(()) => {
                            let typed = line.zip(before).and_then(|(n, (from, old))| {
                                let doc = docs.get(&uri)?;
                                Some((n, from, doc.revision, old, line_text(&doc.rope, n)?))
                            });
                            drop(docs);
                            let mut quiet = false;
                            if let Some((n, from, to, old, new)) = typed {
                                quiet = state.workspace.lock().is_ok_and(|mut ws| {
                                    super::workspace::quiet_edit(
                                        &mut ws,
                                        &uri,
                                        n,
                                        (&old, &new),
                                        from,
                                        to,
                                    )
                                });
                                if quiet {
                                    tracing::trace!(
                                        uri = uri.as_str(),
                                        "quiet keystroke: diagnostics unchanged"
                                    );
                                    state.reported.notify_waiters();
                                }
                            }
                            state.schedule(if quiet {
                                Job::Settle(uri)
                            } else {
                                Job::Analyze(uri)
                            });
                        }
                        Err(e) => tracing::warn!(uri = uri.as_str(), "{e}"),
                    }
                }
                Err(e) => {
                    tracing::warn!("didChange with unreadable params: {}", redacted(&e));
                    if let Some(uri) = uri {
                        desynchronise(state, outbox, docs, uri);
                    }
                }
            }
        }
        _ => match serde_json::from_value::<DidCloseTextDocumentParams>(params) {
            Ok(p) => {
                let uri = p.text_document.uri;
                if docs.close(&uri) {
                    drop(docs);
                    tracing::info!(uri = uri.as_str(), "close");
                    state.schedule(Job::Closed(uri));
                }
            }
            Err(e) => tracing::warn!("didClose with unreadable params: {}", redacted(&e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let fixed =
            |s: &str| lone_surrogates_replaced(s.as_bytes()).map(|b| String::from_utf8(b).unwrap());
        assert_eq!(fixed(r#"{"t":"a\ud83d\ude00b"}"#), None);
        assert_eq!(fixed(r#"{"t":"a\\ud83d"}"#), None, "an escaped backslash");
        assert_eq!(
            fixed(r#"{"t":"a\ud83db"}"#).as_deref(),
            Some(r#"{"t":"a\uFFFDb"}"#)
        );
        assert_eq!(
            fixed(r#"{"t":"\ude00\ud83d\ud83d\ude00\uD800"}"#).as_deref(),
            Some(r#"{"t":"\uFFFD\uFFFD\ud83d\ude00\uFFFD"}"#)
        );
        let value: Value =
            serde_json::from_slice(&lone_surrogates_replaced(br#"["x\udc00y"]"#).unwrap()).unwrap();
        assert_eq!(value[0], "x\u{fffd}y");
        // found by the wire property: an escape cut by the end of the body
        for cut in [&br#"["\ud800\u"#[..], br#"["\ud83d"#, br#"["\"#, br#"\"#] {
            let _ = lone_surrogates_replaced(cut);
        }
    }

    #[test]
    fn serde_errors_are_logged_without_the_values_they_quote() {
        let e = serde_json::from_value::<i32>(json!("base: $172,000")).unwrap_err();
        assert!(e.to_string().contains("172"));
        assert!(!redacted(&e).contains("172"), "{}", redacted(&e));
        let e = serde_json::from_value::<DidOpenTextDocumentParams>(json!({})).unwrap_err();
        assert_eq!(redacted(&e), "missing field `…`");
    }
}
