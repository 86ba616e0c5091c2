//! A small LSP client for tests: spawns the real `offer-notes lsp`, speaks Content-Length
//! framed JSON-RPC over its stdio exactly as an editor does, and collects what it sends.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long a test waits for the server before calling it stuck. Generous: it only bounds a hang
/// (a 50 MB document in a debug build on two busy cores took longer than 20 s), it times nothing.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub struct Lsp {
    pub child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Everything received that a wait did not consume yet.
    pub backlog: Vec<Value>,
    next_id: i64,
    /// What this fake editor answers `workspace/configuration` with.
    pub settings: Value,
    pub stderr: std::sync::Arc<std::sync::Mutex<String>>,
    /// The diagnostics last published for each document, in arrival order: what an editor
    /// shows (the server does not send a publish identical to the last one).
    pub shown: std::collections::HashMap<String, Vec<Value>>,
}

pub use wire::read_message;

#[path = "wire.rs"]
mod wire;

/// The binary under test: this build's, or `OFFER_NOTES_TEST_BIN` (to show that a new
/// hostile case fails on an older build).
pub fn binary() -> std::path::PathBuf {
    std::env::var_os("OFFER_NOTES_TEST_BIN")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_offer-notes").into())
}

impl Lsp {
    pub fn spawn() -> Lsp {
        Lsp::spawn_with(&[], None)
    }

    pub fn spawn_with(env: &[(&str, &str)], cwd: Option<&std::path::Path>) -> Lsp {
        let mut cmd = Command::new(binary());
        cmd.arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd.env_remove("OFFER_NOTES_LOG");
        cmd.env_remove("OFFER_NOTES_DOCS_URL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        if let Some(dir) = cwd {
            cmd.current_dir(dir);
        }
        let mut child = cmd.spawn().expect("spawn offer-notes lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let stderr_pipe = child.stderr.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stderr_pipe);
            let mut line = String::new();
            while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Lsp {
            child,
            stdin: Some(stdin),
            incoming: rx,
            backlog: Vec::new(),
            next_id: 1,
            settings: Value::Null,
            stderr,
            shown: Default::default(),
        }
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write to server");
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, value: &Value) {
        let body = value.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(framed.as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn request_async(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Send a request and wait for its response (the whole message, result or error).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Wait for a message matching `pred`, answering server→client requests on the way.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(msg) => {
                    self.answer_server_request(&msg);
                    if msg["method"] == "textDocument/publishDiagnostics" {
                        let uri = msg["params"]["uri"].as_str().unwrap_or_default();
                        let items = msg["params"]["diagnostics"].as_array().cloned();
                        self.shown
                            .insert(uri.to_string(), items.unwrap_or_default());
                    }
                    if pred(&msg) {
                        return msg;
                    }
                    self.backlog.push(msg);
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out; received so far: {:#?}", self.backlog)
                }
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "server closed its output; stderr: {}",
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// Settings the fake editor answers `workspace/configuration` with.
    pub fn answer_server_request(&mut self, msg: &Value) {
        let (Some(id), Some(method)) = (msg.get("id"), msg.get("method").and_then(Value::as_str))
        else {
            return;
        };
        let result = match method {
            "workspace/configuration" => json!([self.settings.clone()]),
            _ => Value::Null,
        };
        let id = id.clone();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    fn settings(&self) -> Value {
        std::env::var("TEST_CLIENT_SETTINGS")
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null)
    }

    pub fn initialize(&mut self, encodings: &[&str], init_options: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": {"general": {"positionEncodings": encodings}, "workspace": {"configuration": true}},
                "initializationOptions": init_options,
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    pub fn open(&mut self, uri: &str, text: &str, version: i32) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "offer", "version": version, "text": text}}),
        );
    }

    /// One didChange with several changes: `(start_line, start_char, end_line, end_char, text)`.
    pub fn change(&mut self, uri: &str, version: i32, changes: &[(u32, u32, u32, u32, &str)]) {
        let changes: Vec<Value> = changes
            .iter()
            .map(|(sl, sc, el, ec, t)| json!({"range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}, "text": t}))
            .collect();
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The diagnostics the editor shows for `uri` once the server has analysed `version`:
    /// the publish for that version, or — when the diagnostics did not change, and the
    /// server (rightly) sent nothing — the ones published last. A pull proves the server
    /// caught up: it is answered once the server has analysed the text it was sent, after
    /// any publish that analysis made.
    pub fn diagnostics(&mut self, uri: &str, version: i32) -> Vec<Value> {
        let id = self.request_async(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        let pulled = self.response(&json!(id));
        let publish_for = |m: &Value| {
            m.get("method").and_then(Value::as_str) == Some("textDocument/publishDiagnostics")
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        };
        if let Some(i) = self.backlog.iter().position(publish_for) {
            let msg = self.backlog.remove(i);
            return msg["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        let shown = self.shown.get(uri).cloned().unwrap_or_default();
        match pulled["result"]["items"].as_array() {
            // no publish for this version: the diagnostics must be those already shown
            Some(items) if items == &shown => shown,
            // the pull failed (an analysis that panics): what is shown stays
            None => shown,
            // they are not (the pull was answered before the server's own analysis finished,
            // as it is for a huge document): their publish must still come
            _ => {
                let msg = self.wait_for(publish_for);
                msg["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            }
        }
    }

    pub fn shutdown_and_exit(mut self) -> Option<i32> {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    pub fn wait_exit(&mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        None
    }

    /// The server's process id (for /proc).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// An id no request of this client has used.
    pub fn fresh_id(&mut self) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Frame `body` (any bytes, JSON or not) with a correct Content-Length and send it.
    pub fn send_body(&mut self, body: &[u8]) {
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(body);
        self.send_raw(&framed);
    }

    /// Wait for the response (result or error) to the request with this id.
    pub fn response(&mut self, id: &Value) -> Value {
        let id = id.clone();
        self.wait_for(move |m| m.get("id") == Some(&id) && m.get("method").is_none())
    }

    /// Wait for an error response with a null id (what a parse error or an unreadable
    /// request gets) and return its code.
    pub fn null_id_error(&mut self) -> i64 {
        let msg = self.wait_for(|m| m.get("id") == Some(&Value::Null) && m.get("error").is_some());
        msg["error"]["code"].as_i64().expect("an error code")
    }

    /// Everything received so far (consumed or not) that matches `pred`, after waiting for
    /// a round trip so that anything sent before it has arrived.
    pub fn received_matching(&mut self, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
        let id = self.request_async("offerNotes/roundTrip", Value::Null);
        self.response(&json!(id));
        self.backlog.iter().filter(|m| pred(m)).cloned().collect()
    }

    /// Close the server's stdin (the editor went away without a word).
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    pub fn stderr_text(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The diagnostics `offer-notes check --format json` reports for `text`, as (range, code, message, severity).
pub fn check_json(text: &str) -> Vec<Value> {
    let dir = std::env::temp_dir().join(format!(
        "offer-notes-check-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.offer");
    std::fs::write(&file, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_offer-notes"))
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("json")
}

/// Reduce an LSP diagnostic and a `check` JSON entry to the same comparable shape.
pub type Comparable = ((u64, u64, u64, u64), String, String, String);

pub fn comparable(d: &Value) -> Comparable {
    let severity = match &d["severity"] {
        Value::Number(n) => match n.as_u64() {
            Some(1) => "error",
            Some(2) => "warning",
            Some(3) => "information",
            _ => "hint",
        }
        .to_string(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    };
    let r = &d["range"];
    let n = |v: &Value| v.as_u64().unwrap_or(u64::MAX);
    let range = (
        n(&r["start"]["line"]),
        n(&r["start"]["character"]),
        n(&r["end"]["line"]),
        n(&r["end"]["character"]),
    );
    (
        range,
        d["code"].as_str().unwrap_or("").to_string(),
        d["message"].as_str().unwrap_or("").to_string(),
        severity,
    )
}

/// What `check --format json` reports for `text`, with its UTF-16 ranges restated in `encoding`,
/// sorted — the shape `comparable` gives a published diagnostic.
pub fn expected_diagnostics(text: &str, encoding: offer_notes::text::Encoding) -> Vec<Comparable> {
    use offer_notes::text::{Encoding, LineCol, LineIndex};
    let index = LineIndex::new(text);
    let mut out: Vec<_> = check_json(text)
        .iter()
        .map(|d| {
            let mut d = d.clone();
            for end in ["start", "end"] {
                let p = &d["range"][end];
                let at = LineCol {
                    line: p["line"].as_u64().unwrap() as u32,
                    col: p["character"].as_u64().unwrap() as u32,
                };
                let offset = index.offset(text, at, Encoding::Utf16);
                let lc = index.line_col(text, offset, encoding);
                d["range"][end] = json!({"line": lc.line, "character": lc.col});
            }
            comparable(&d)
        })
        .collect();
    out.sort();
    out
}

/// The server's log without the timestamp that starts each line (its digits would look like
/// amounts to a privacy check).
pub fn without_timestamps(log: &str) -> String {
    log.lines()
        .map(|l| l.split_once(' ').map_or(l, |(_, rest)| rest))
        .collect::<Vec<_>>()
        .join("\n")
}
