//! The language server on a workspace folder, no file opened: pull or push, compared with `check`.

use super::*;
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};

// ---------------------------------------------------------------------------------------------
// The language server on a workspace folder, no file opened

pub(crate) struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    pub(crate) fn spawn() -> Option<Server> {
        let mut child = Command::new(binary())
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .env_remove("OFFER_NOTES_LOG")
            .env_remove("OFFER_NOTES_DOCS_URL")
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = child.stdout.take()?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = wire::read_message(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Some(Server {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
        })
    }

    pub(crate) fn send(&mut self, v: &Value) {
        let body = v.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    pub(crate) fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message before `deadline`, answering the server's own requests on the way.
    pub(crate) fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(msg) => {
                if let (Some(id), Some(method)) = (msg.get("id"), msg["method"].as_str()) {
                    let result = if method == "workspace/configuration" {
                        let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                        Value::Array(vec![Value::Null; n])
                    } else {
                        Value::Null
                    };
                    let id = id.clone();
                    self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                }
                Some(msg)
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    pub(crate) fn response(
        &mut self,
        id: i64,
        deadline: Instant,
        seen: &mut Vec<Value>,
    ) -> Option<Value> {
        loop {
            let msg = self.next(deadline)?;
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                return Some(msg);
            }
            seen.push(msg);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the server, given the folder as its workspace and no open document, reports for every
/// journal exactly what `check --format json` reports for it: by pull (`workspace/diagnostic`)
/// or by push (`textDocument/publishDiagnostics`).
pub(crate) fn lsp_matches(folder: &Folder, push: bool) -> bool {
    let Some(check) = folder.check.as_ref() else {
        return false;
    };
    let mut expected: BTreeMap<String, Vec<Diag>> = BTreeMap::new();
    for j in journals(&folder.dir) {
        expected.insert(j.clone(), check.get(&j).cloned().unwrap_or_default());
    }
    // anything check reported for a file that is not a listed journal must show up too
    for (f, d) in check {
        expected.entry(f.clone()).or_insert_with(|| d.clone());
    }
    let Some(mut server) = Server::spawn() else {
        return false;
    };
    let deadline = Instant::now() + LSP_TIMEOUT;
    let root = file_uri(&folder.dir);
    let name = folder
        .dir
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let text_caps = if push {
        json!({"publishDiagnostics": {"relatedInformation": true, "versionSupport": true}})
    } else {
        json!({"diagnostic": {"dynamicRegistration": false, "relatedDocumentSupport": false}})
    };
    let id = server.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": name}],
            "capabilities": {
                "textDocument": text_caps,
                "workspace": {
                    "workspaceFolders": true,
                    "configuration": true,
                    "didChangeWatchedFiles": {"dynamicRegistration": true},
                    "diagnostics": {"refreshSupport": !push}
                },
                "window": {"workDoneProgress": true}
            }
        }),
    );
    let mut seen = Vec::new();
    let Some(init) = server.response(id, deadline, &mut seen) else {
        return false;
    };
    server.notify("initialized", json!({}));
    let mut received: BTreeMap<String, Vec<Diag>> = BTreeMap::new();
    let matches = |received: &BTreeMap<String, Vec<Diag>>| {
        expected
            .iter()
            .all(|(f, d)| received.get(f).cloned().unwrap_or_default() == *d)
            && received
                .iter()
                .all(|(f, d)| d.is_empty() || expected.contains_key(f))
    };
    let record = |received: &mut BTreeMap<String, Vec<Diag>>, uri: &str, items: &Value| {
        let path = uri_path(uri);
        let path = path.canonicalize().unwrap_or(path);
        let rel = path
            .strip_prefix(&folder.dir)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| path_str(&path));
        let mut ds: Vec<Diag> = items
            .as_array()
            .map(|a| a.iter().map(diag).collect())
            .unwrap_or_default();
        ds.sort();
        received.insert(rel, ds);
    };
    let explain = |why: &str, received: &BTreeMap<String, Vec<Diag>>| {
        if std::env::var_os("HELDOUT_MISSES").is_some() {
            eprintln!(
                "lsp ({}) on {}: {why}",
                if push { "push" } else { "pull" },
                name
            );
            for (f, d) in &expected {
                let got = received.get(f).map(Vec::len);
                if received.get(f).cloned().unwrap_or_default() != *d {
                    eprintln!("  {f}: check says {} diagnostics, server {got:?}", d.len());
                }
            }
        }
        false
    };
    if push {
        for msg in seen.drain(..) {
            if msg["method"] == "textDocument/publishDiagnostics" {
                let p = &msg["params"];
                record(
                    &mut received,
                    p["uri"].as_str().unwrap_or(""),
                    &p["diagnostics"],
                );
            }
        }
        while !matches(&received) {
            let Some(msg) = server.next(deadline) else {
                return explain("timed out", &received);
            };
            if msg["method"] == "textDocument/publishDiagnostics" {
                let p = &msg["params"];
                record(
                    &mut received,
                    p["uri"].as_str().unwrap_or(""),
                    &p["diagnostics"],
                );
            }
        }
        true
    } else {
        let provider = &init["result"]["capabilities"]["diagnosticProvider"];
        if provider.is_null() || provider["workspaceDiagnostics"] != json!(true) {
            return explain("no diagnosticProvider.workspaceDiagnostics", &received);
        }
        loop {
            let id = server.request("workspace/diagnostic", json!({"previousResultIds": []}));
            let Some(answer) = server.response(id, deadline, &mut seen) else {
                return explain("no answer to workspace/diagnostic", &received);
            };
            if answer.get("error").is_some() && answer["error"]["code"] != json!(-32802) {
                return explain(&format!("error {}", answer["error"]), &received);
            }
            for item in answer["result"]["items"].as_array().into_iter().flatten() {
                if item["kind"] == "full" {
                    record(
                        &mut received,
                        item["uri"].as_str().unwrap_or(""),
                        &item["items"],
                    );
                }
            }
            if matches(&received) {
                return true;
            }
            if Instant::now() >= deadline {
                return explain("timed out", &received);
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}
