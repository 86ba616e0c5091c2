//! Our side of stdio. Every message is framed and parsed here before tower-lsp sees it:
//!
//! - a body that is not JSON gets a `-32700` parse error, a JSON value that is not a
//!   JSON-RPC message gets `-32600`, and the session goes on (stock tower-lsp would exit);
//! - a wrong or missing `Content-Length` is recovered from: a message whose length claims
//!   too much gives back what it took from the next one (or is read once the client goes
//!   quiet), and after a missing or unreadable length the next header is looked for;
//! - only messages tower-lsp can decode are passed on (its decoder ends the session at the
//!   first one it cannot): anything else is answered `-32600` here, with a null id when the
//!   id itself is unusable; `$/` requests, which tower-lsp would never answer, get `-32601`;
//! - text sync (`didOpen`/`didChange`/`didClose`) is applied to the document store right
//!   here, in the order the client sent it, then the analysis worker is told — so edits can
//!   never be reordered by concurrent handlers;
//! - `exit` ends the process with 0 after `shutdown`, 1 without, as the LSP spec says.
//!
//! Everything else is passed to tower-lsp unchanged, and its output is written out whole,
//! frame by frame, with our own error responses in between.

use super::worker::{self, Job};
use super::State;
use serde_json::{json, Value};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp::lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};
use tower_lsp::{LspService, Server};

/// Larger bodies are refused (and skipped) rather than buffered.
pub const MAX_BODY: usize = 512 * 1024 * 1024;
const HEADER: &[u8] = b"content-length:";
/// How far past a message whose length was too short its rest is looked for.
const MAX_TAIL: usize = 64 * 1024 * 1024;
/// How long the stream may stay quiet in the middle of a body before the reader checks
/// whether the body it has is already a whole message (a `Content-Length` that is too long,
/// with nothing after it).
const PATIENCE: Duration = Duration::from_millis(250);

/// What the reader found in the stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A complete body.
    Body(Vec<u8>),
    /// Bytes that were not a message (answered with a parse error, then skipped).
    Junk(String),
}

/// Reads `Content-Length` framed messages and resynchronises after bad framing.
pub struct FrameReader<R> {
    inner: R,
    buf: Vec<u8>,
    eof: bool,
    /// The writer is our own tower-lsp, whose lengths are right: bodies are not re-validated
    /// (parsing every outgoing publish again would cost as much as writing it).
    trusted: bool,
}

fn find_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(inner: R) -> Self {
        FrameReader {
            inner,
            buf: Vec::with_capacity(64 * 1024),
            eof: false,
            trusted: false,
        }
    }

    /// A reader for a stream we write ourselves (tower-lsp's output).
    pub fn trusted(inner: R) -> Self {
        FrameReader {
            trusted: true,
            ..FrameReader::new(inner)
        }
    }

    async fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        let mut chunk = vec![0u8; 64 * 1024];
        match self.inner.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                self.eof = true;
                false
            }
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }

    /// Like [`fill`](Self::fill), but gives up after `patience` without a byte: `None`.
    /// (Reading is cancel safe: no byte is lost when the wait is abandoned.)
    async fn fill_within(&mut self, patience: Duration) -> Option<bool> {
        if self.eof {
            return Some(false);
        }
        let mut chunk = vec![0u8; 64 * 1024];
        match tokio::time::timeout(patience, self.inner.read(&mut chunk)).await {
            Err(_) => None,
            Ok(Ok(0)) | Ok(Err(_)) => {
                self.eof = true;
                Some(false)
            }
            Ok(Ok(n)) => {
                self.buf.extend_from_slice(&chunk[..n]);
                Some(true)
            }
        }
    }

    /// `body` and the bytes after it up to the next header (or up to where the client went
    /// quiet), if together they are one JSON value; those bytes are then consumed.
    async fn rest_of_message(&mut self, body: &[u8]) -> Option<Vec<u8>> {
        let mut searched: usize = 0;
        loop {
            let from = searched.saturating_sub(HEADER.len());
            let end = match find_ci(&self.buf[from..], HEADER) {
                Some(at) => Some(from + at),
                None => {
                    searched = self.buf.len();
                    match self.fill_within(PATIENCE).await {
                        Some(true) if self.buf.len() <= MAX_TAIL => continue,
                        Some(true) => return None,
                        _ => None,
                    }
                }
            };
            let end = end.unwrap_or(self.buf.len());
            if end == 0 {
                return None;
            }
            let mut whole = body.to_vec();
            whole.extend_from_slice(&self.buf[..end]);
            if !is_json(&whole) {
                return None;
            }
            self.buf.drain(..end);
            return Some(whole);
        }
    }

    /// The next frame, or `None` at the end of the stream.
    pub async fn next(&mut self) -> Option<Frame> {
        loop {
            // 1. a header must start the buffer; anything before one is junk
            match find_ci(&self.buf, HEADER) {
                Some(0) => {}
                // other headers (Content-Type) may come first
                Some(at) if is_header_lines(&self.buf[..at]) => {}
                Some(at) => {
                    let junk: Vec<u8> = self.buf.drain(..at).collect();
                    if junk.iter().any(|b| !b.is_ascii_whitespace()) {
                        return Some(Frame::Junk(describe_junk(&junk)));
                    }
                    continue;
                }
                None => {
                    if !self.fill().await {
                        if self.buf.iter().any(|b| !b.is_ascii_whitespace()) {
                            let junk = std::mem::take(&mut self.buf);
                            return Some(Frame::Junk(describe_junk(&junk)));
                        }
                        return None;
                    }
                    continue;
                }
            }
            // 2. the header block ends at a blank line
            let Some(end) = find(&self.buf, b"\r\n\r\n")
                .map(|i| (i, 4))
                .or_else(|| find(&self.buf, b"\n\n").map(|i| (i, 2)))
            else {
                if !self.fill().await {
                    let junk = std::mem::take(&mut self.buf);
                    return Some(Frame::Junk(describe_junk(&junk)));
                }
                continue;
            };
            let (header_end, sep) = end;
            let header = String::from_utf8_lossy(&self.buf[..header_end]).to_string();
            let length = header.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse::<usize>().ok())?
            });
            let Some(length) = length else {
                // skip past this broken header and look for the next one
                self.buf.drain(..header_end + sep);
                return Some(Frame::Junk(format!(
                    "a header without a valid Content-Length: {:?}",
                    header.trim()
                )));
            };
            self.buf.drain(..header_end + sep);
            if length > MAX_BODY {
                let mut left = length;
                while left > 0 {
                    if self.buf.is_empty() && !self.fill().await {
                        break;
                    }
                    let take = left.min(self.buf.len());
                    self.buf.drain(..take);
                    left -= take;
                }
                return Some(Frame::Junk(format!(
                    "a message of {length} bytes, over the {MAX_BODY}-byte limit"
                )));
            }
            // 3. the body
            while self.buf.len() < length {
                match self.fill_within(PATIENCE).await {
                    Some(true) => {}
                    Some(false) => {
                        let partial = std::mem::take(&mut self.buf);
                        return Some(Frame::Junk(format!(
                            "the stream ended {} bytes into a {length}-byte message",
                            partial.len()
                        )));
                    }
                    // The client went quiet before sending all it announced. A partial JSON
                    // message is never whole JSON, so if what is here parses, the length was
                    // too long: this is the message, and the client waits for its answer.
                    None if is_json(&self.buf) => {
                        return Some(Frame::Body(std::mem::take(&mut self.buf)));
                    }
                    None => {}
                }
            }
            let body: Vec<u8> = self.buf.drain(..length).collect();
            if self.trusted || is_json(&body) {
                return Some(Frame::Body(body));
            }
            // A Content-Length that is too long takes bytes from the next message: keep the
            // first JSON value and give back what follows it (the next header, whole or cut),
            // so the next message is still read.
            let mut values =
                serde_json::Deserializer::from_slice(&body).into_iter::<serde::de::IgnoredAny>();
            if let Some(Ok(_)) = values.next() {
                let end = values.byte_offset();
                if body[end..].iter().any(|b| !b.is_ascii_whitespace()) {
                    self.give_back(&body[end..]);
                    return Some(Frame::Body(body[..end].to_vec()));
                }
            }
            // a broken message followed by a header: keep the header for the next read
            if let Some(at) = find_ci(&body, HEADER).filter(|&at| at > 0) {
                self.give_back(&body[at..]);
                return Some(Frame::Body(body[..at].to_vec()));
            }
            // A Content-Length that is too short (counted in characters, not bytes, say)
            // leaves the end of the message in front of the next header: take it too.
            if let Some(whole) = self.rest_of_message(&body).await {
                return Some(Frame::Body(whole));
            }
            return Some(Frame::Body(body));
        }
    }
}

impl<R> FrameReader<R> {
    /// Put bytes back in front of what is still to be read.
    fn give_back(&mut self, bytes: &[u8]) {
        let mut rest = bytes.to_vec();
        rest.extend_from_slice(&self.buf);
        self.buf = rest;
    }
}

/// The bytes are one JSON value (and whitespace).
fn is_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

/// `Name: value` lines, each ended by a line break: headers before `Content-Length`.
fn is_header_lines(prefix: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(prefix) else {
        return false;
    };
    text.ends_with('\n')
        && text.split_terminator('\n').all(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.split_once(':').is_some_and(|(name, _)| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        })
}

fn describe_junk(junk: &[u8]) -> String {
    format!(
        "{} bytes that are not a Content-Length framed message",
        junk.len()
    )
}

/// Frame a JSON value for the wire.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error_response(id: Value, code: i64, message: &str) -> Vec<u8> {
    let value = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}});
    frame(value.to_string().as_bytes())
}

enum Out {
    Frame(Vec<u8>),
    Exit(u8),
}

/// A way out to the client that skips tower-lsp: the analysis worker's notifications,
/// serialised once, straight to the single writer. (tower-lsp would build a JSON value tree
/// of every diagnostic, print it, and the relay would read the frame back — at 1 MB and a
/// few hundred diagnostics that was most of an edit's latency.)
#[derive(Clone)]
pub struct Outbox(mpsc::UnboundedSender<Out>);

impl Outbox {
    /// Send a notification (dropped once the writer is gone: the session is over).
    pub fn notify<P: serde::Serialize>(&self, method: &str, params: &P) {
        #[derive(serde::Serialize)]
        struct Notification<'a, P> {
            jsonrpc: &'static str,
            method: &'a str,
            params: &'a P,
        }
        let body = serde_json::to_vec(&Notification {
            jsonrpc: "2.0",
            method,
            params,
        });
        match body {
            Ok(body) => {
                let _ = self.0.send(Out::Frame(frame(&body)));
            }
            Err(e) => tracing::error!("cannot serialise a {method} notification: {}", redacted(&e)),
        }
    }
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
    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Out>();
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
            Outbox(out_tx.clone()),
            jobs_rx,
        );
    }

    let (to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, from_server) = tokio::io::duplex(1 << 20);
    tokio::spawn(Server::new(server_in, server_out, socket).serve(service));

    // one writer: whole frames only, in the order they were queued
    let writer = tokio::spawn(async move {
        let mut stdout = stdout;
        while let Some(item) = out_rx.recv().await {
            match item {
                Out::Frame(bytes) => {
                    if stdout.write_all(&bytes).await.is_err() || stdout.flush().await.is_err() {
                        return 1;
                    }
                }
                Out::Exit(code) => {
                    let _ = stdout.flush().await;
                    return code;
                }
            }
        }
        let _ = stdout.flush().await;
        0
    });
    // tower-lsp's output, re-read frame by frame so our errors never split one of its messages
    let relay_tx = out_tx.clone();
    tokio::spawn(async move {
        let mut reader = FrameReader::trusted(from_server);
        while let Some(frame) = reader.next().await {
            if let Frame::Body(body) = frame {
                if relay_tx
                    .send(Out::Frame(super::transport::frame(&body)))
                    .is_err()
                {
                    break;
                }
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
                let _ = out_tx.send(Out::Frame(error_response(
                    Value::Null,
                    -32700,
                    &format!("Parse error: {what}"),
                )));
                continue;
            }
            Frame::Body(body) => body,
        };
        let message: Value = match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => {
                let what = if std::str::from_utf8(&body).is_err() {
                    "the message is not valid UTF-8".to_string()
                } else {
                    format!("the message is not valid JSON ({e})")
                };
                tracing::warn!("{what}");
                let _ = out_tx.send(Out::Frame(error_response(
                    Value::Null,
                    -32700,
                    &format!("Parse error: {what}"),
                )));
                continue;
            }
        };
        let Value::Object(mut object) = message else {
            let _ = out_tx.send(Out::Frame(error_response(
                Value::Null,
                -32600,
                "Invalid Request: expected a JSON-RPC object (batches are not part of LSP)",
            )));
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
            let _ = out_tx.send(Out::Frame(error_response(
                reply_id,
                -32600,
                "Invalid Request: not a JSON-RPC 2.0 request, notification or response",
            )));
            continue;
        }
        let params = object.remove("params").unwrap_or(Value::Null);
        let is_request = method.is_some() && id.is_some();
        match method.as_deref() {
            // the first initialize that will succeed fixes the position encoding; one whose
            // params do not fit is refused by tower-lsp and may be retried
            Some("initialize")
                if is_request
                    && !state.is_initialized()
                    && serde_json::from_value::<tower_lsp::lsp_types::InitializeParams>(
                        params.clone(),
                    )
                    .is_ok() =>
            {
                let offered: Option<Vec<tower_lsp::lsp_types::PositionEncodingKind>> = params
                    .pointer("/capabilities/general/positionEncodings")
                    .and_then(|v| serde_json::from_value(v.clone()).ok());
                let encoding = super::convert::negotiate(offered.as_deref());
                if let Ok(mut e) = state.encoding.write() {
                    *e = encoding;
                }
                state.initialize_seen.store(true, Ordering::SeqCst);
            }
            // `shutdown` takes no params; many clients send `"params": null`, which tower-lsp
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
            // tower-lsp drops every `$/` request unanswered; the protocol asks for an error
            Some(m) if is_request && m.starts_with("$/") => {
                let _ = out_tx.send(Out::Frame(error_response(
                    reply_id,
                    -32601,
                    &format!("Method not found: {m}"),
                )));
                continue;
            }
            Some(
                m @ ("textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"),
            ) if id.is_none() => {
                drop(body); // a document can be large: hold one copy of it at a time
                text_sync(&state, m, params);
                continue;
            }
            _ => {}
        }
        // tower-lsp's decoder ends the whole session at the first message it cannot read:
        // pass on only what it reads as a request, notification or response
        if !decodes_for_tower_lsp(&body, method.is_some()) {
            let _ = out_tx.send(Out::Frame(error_response(
                reply_id,
                -32600,
                "Invalid Request: not a JSON-RPC 2.0 request, notification or response",
            )));
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
    let _ = out_tx.send(Out::Exit(code));
    drop(out_tx);
    writer.await.unwrap_or(code)
}

/// What tower-lsp's decoder reads as what it is: a request or notification (with a method),
/// or a response. (Its decoder would read a response it cannot parse as a request with an
/// empty method, and answer it.)
fn decodes_for_tower_lsp(body: &[u8], has_method: bool) -> bool {
    if has_method {
        serde_json::from_slice::<tower_lsp::jsonrpc::Request>(body).is_ok()
    } else {
        serde_json::from_slice::<tower_lsp::jsonrpc::Response>(body).is_ok()
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

/// Apply a text sync notification to the store, in arrival order, and schedule analysis.
fn text_sync(state: &State, method: &str, params: Value) {
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
                tracing::info!(uri = %p.text_document.uri, bytes = p.text_document.text.len(), "open");
                tracing::trace!(text = %p.text_document.text, "opened text");
                let uri = p.text_document.uri;
                docs.open(uri.clone(), &p.text_document.text, p.text_document.version);
                drop(docs);
                state.schedule(Job::Analyze(uri));
            }
            Err(e) => tracing::warn!("didOpen with unreadable params: {}", redacted(&e)),
        },
        "textDocument/didChange" => {
            match serde_json::from_value::<DidChangeTextDocumentParams>(params) {
                Ok(p) => {
                    let uri = p.text_document.uri;
                    tracing::debug!(%uri, version = p.text_document.version, changes = p.content_changes.len(), "change");
                    match docs.change(&uri, p.text_document.version, p.content_changes, encoding) {
                        Ok(()) => {
                            drop(docs);
                            state.schedule(Job::Analyze(uri));
                        }
                        Err(e) => tracing::warn!(%uri, "{e}"),
                    }
                }
                Err(e) => tracing::warn!("didChange with unreadable params: {}", redacted(&e)),
            }
        }
        _ => match serde_json::from_value::<DidCloseTextDocumentParams>(params) {
            Ok(p) => {
                let uri = p.text_document.uri;
                if docs.close(&uri) {
                    drop(docs);
                    tracing::info!(%uri, "close");
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

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = reader.next().await {
            out.push(f);
        }
        out
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    #[tokio::test]
    async fn reads_frames_and_recovers_from_bad_lengths() {
        let good = |s: &str| format!("Content-Length: {}\r\n\r\n{s}", s.len());
        // a length that is too long swallows the next header: the next message is still read
        let input = format!(
            "Content-Length: 40\r\n\r\n{{\"a\":1}}{}{}",
            good("{\"b\":2}"),
            good("{\"c\":3}")
        );
        let got = frames(input.as_bytes()).await;
        assert_eq!(got[0], body("{\"a\":1}"));
        assert_eq!(got[1], body("{\"b\":2}"));
        assert_eq!(got[2], body("{\"c\":3}"));
        // a length that is too long by a few bytes cuts the next header in two
        let input = format!("Content-Length: 10\r\n\r\n{{\"a\":1}}{}", good("{\"b\":2}"));
        let got = frames(input.as_bytes()).await;
        assert_eq!(got, vec![body("{\"a\":1}"), body("{\"b\":2}")]);
        // a length that is too short (characters counted, not bytes): the rest is taken
        let input = format!(
            "Content-Length: 9\r\n\r\n{{\"a\":\"é😀\"}}{}",
            good("{\"b\":2}")
        );
        let got = frames(input.as_bytes()).await;
        assert_eq!(got, vec![body("{\"a\":\"é😀\"}"), body("{\"b\":2}")]);
        // too short, and what follows does not complete it: junk, which is skipped
        let input = format!(
            "Content-Length: 3\r\n\r\n{{\"a\":1}}}}{}",
            good("{\"b\":2}")
        );
        let got = frames(input.as_bytes()).await;
        assert_eq!(got[0], body("{\"a"));
        assert!(matches!(got[1], Frame::Junk(_)));
        assert_eq!(got[2], body("{\"b\":2}"));
        // a missing header
        let input = format!(
            "Content-Type: x\r\nContent-Length: 2\r\n\r\n{{}}Content-Type: x\r\n\r\n{{}}{}",
            good("{}")
        );
        let got = frames(input.as_bytes()).await;
        assert_eq!(
            got[0],
            body("{}"),
            "Content-Type before Content-Length is fine"
        );
        assert!(matches!(got[1], Frame::Junk(_)));
        assert_eq!(got.last(), Some(&body("{}")));
    }

    #[tokio::test]
    async fn a_too_long_length_with_nothing_after_it_is_read_once_the_client_waits() {
        let (mut client, server) = tokio::io::duplex(1024);
        let mut reader = FrameReader::new(server);
        client
            .write_all(b"Content-Length: 99\r\n\r\n{\"a\":1}")
            .await
            .unwrap();
        // the client keeps the stream open and waits for an answer
        let got = tokio::time::timeout(Duration::from_secs(5), reader.next())
            .await
            .expect("not stuck waiting for 92 bytes that never come");
        assert_eq!(got, Some(body("{\"a\":1}")));
        client
            .write_all(b"Content-Length: 7\r\n\r\n{\"b\":2}")
            .await
            .unwrap();
        assert_eq!(reader.next().await, Some(body("{\"b\":2}")));
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
