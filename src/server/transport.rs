//! Our side of stdio. Every message is framed and parsed here before tower-lsp sees it:
//!
//! - a body that is not JSON gets a `-32700` parse error, a JSON value that is not a
//!   JSON-RPC message gets `-32600`, and the session goes on (stock tower-lsp would exit);
//! - a wrong or missing `Content-Length` is recovered from by finding the next header;
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
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp::lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
};
use tower_lsp::{LspService, Server};

/// Larger bodies are refused (and skipped) rather than buffered.
pub const MAX_BODY: usize = 512 * 1024 * 1024;
const HEADER: &[u8] = b"content-length:";

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
        }
    }

    async fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        let mut chunk = [0u8; 64 * 1024];
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
                if !self.fill().await {
                    let partial = std::mem::take(&mut self.buf);
                    return Some(Frame::Junk(format!(
                        "the stream ended {} bytes into a {length}-byte message",
                        partial.len()
                    )));
                }
            }
            let body: Vec<u8> = self.buf.drain(..length).collect();
            // A Content-Length that is too long swallows the next message's header:
            // give the bytes from that header back, so that message is still read.
            if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() {
                if let Some(at) = find_ci(&body, HEADER).filter(|&at| at > 0) {
                    let mut rest = body[at..].to_vec();
                    rest.extend_from_slice(&self.buf);
                    self.buf = rest;
                    return Some(Frame::Body(body[..at].to_vec()));
                }
            }
            return Some(Frame::Body(body));
        }
    }
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
            jobs_rx,
        );
    }

    let (to_server, server_in) = tokio::io::duplex(1 << 20);
    let (server_out, from_server) = tokio::io::duplex(1 << 20);
    tokio::spawn(Server::new(server_in, server_out, socket).serve(service));

    let (out_tx, mut out_rx) = mpsc::unbounded_channel::<Out>();
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
        let mut reader = FrameReader::new(from_server);
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
        let Some(object) = message.as_object() else {
            let _ = out_tx.send(Out::Frame(error_response(
                Value::Null,
                -32600,
                "Invalid Request: expected a JSON-RPC object (batches are not part of LSP)",
            )));
            continue;
        };
        let id = object.get("id").cloned();
        let method = object
            .get("method")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let well_formed = object.get("jsonrpc").and_then(Value::as_str) == Some("2.0")
            && (method.is_some() || id.is_some())
            && id
                .as_ref()
                .is_none_or(|i| i.is_string() || i.is_number() || i.is_null());
        if !well_formed {
            let _ = out_tx.send(Out::Frame(error_response(
                id.unwrap_or(Value::Null),
                -32600,
                "Invalid Request: not a JSON-RPC 2.0 request, notification or response",
            )));
            continue;
        }
        let params = object.get("params").cloned().unwrap_or(Value::Null);
        match method.as_deref() {
            Some("initialize")
                if id.is_some() && !state.initialize_seen.swap(true, Ordering::SeqCst) =>
            {
                let offered: Option<Vec<tower_lsp::lsp_types::PositionEncodingKind>> = params
                    .pointer("/capabilities/general/positionEncodings")
                    .and_then(|v| serde_json::from_value(v.clone()).ok());
                let encoding = super::convert::negotiate(offered.as_deref());
                if let Ok(mut e) = state.encoding.write() {
                    *e = encoding;
                }
            }
            Some("shutdown") if id.is_some() => {
                state.shutdown_requested.store(true, Ordering::SeqCst)
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
            Some(
                m @ ("textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"),
            ) if id.is_none() => {
                text_sync(&state, m, params);
                continue;
            }
            _ => {}
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
            Err(e) => tracing::warn!("didOpen with unreadable params: {e}"),
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
                Err(e) => tracing::warn!("didChange with unreadable params: {e}"),
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
            Err(e) => tracing::warn!("didClose with unreadable params: {e}"),
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
        // a length that is too short leaves junk, which is skipped
        let input = format!("Content-Length: 3\r\n\r\n{{\"a\":1}}{}", good("{\"b\":2}"));
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
}
