//! The hostile-client catalogue: the real `offer-notes lsp` over its stdio, fed what a buggy
//! or malicious editor might send. For each case the server answers as the LSP / JSON-RPC
//! specification asks (an error code where there is one), stays up, and answers a normal
//! request afterwards (diagnostics for a fresh `didOpen`, a hover on a known journal).
//! Also here: a panic in one document's analysis is contained, memory stays bounded over
//! an open/close loop, and the server logs no document text, opens no socket and writes
//! no file. `docs/RELIABILITY.md` has the table.
//!
//! One file per family of attack; the journal, the error codes and the checks that the server
//! still serves are here, shared by all of them.

#[path = "../common/mod.rs"]
mod common;
mod framing;
mod lifecycle;
mod memory;
mod panics;
mod privacy;
mod size;
mod text_sync;

use common::{check_json, comparable, expected_diagnostics, Comparable, Lsp};
use offer_notes::text::{Encoding, LineCol, LineIndex};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const JOURNAL: &str = "# Leaving Initech\r\ntoday: 2026-11-22\r\nfloor: $190k base\r\ndecision-date: 2026-12-01\r\nrunway: 4 months\r\n\r\n## Acme Robotics ☕\r\nstatus: live\r\nrole: Staff Engineer 😀\r\nbase: $172,000\r\nmanager: weak\r\nscope: strong\r\n- walk: I'm tired of interviewing and want it to be over\r\n";

/// Where `$172,000` is in [`JOURNAL`] (line 9, inside the amount).
const ON_BASE: (u32, u32) = (9, 8);

const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;
const SERVER_NOT_INITIALIZED: i64 = -32002;
const REQUEST_CANCELLED: i64 = -32800;

fn started() -> Lsp {
    let mut lsp = Lsp::spawn();
    let init = lsp.initialize(&["utf-16"], Value::Null);
    assert!(init.get("result").is_some(), "{init}");
    lsp
}

fn hover(lsp: &mut Lsp, uri: &str, (line, character): (u32, u32)) -> Value {
    lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    )
}

fn hover_markdown(lsp: &mut Lsp, uri: &str, at: (u32, u32)) -> String {
    let answer = hover(lsp, uri, at);
    answer["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("a hover for {uri} at {at:?}: {answer}"))
        .to_string()
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The server still serves: a fresh document gets its diagnostics, and a hover on it is
/// answered with the projection for its base salary.
fn still_serving(lsp: &mut Lsp) {
    let uri = format!("file:///tmp/fresh-{}.offer", lsp.fresh_id());
    lsp.open(&uri, JOURNAL, 1);
    let got = codes(&lsp.diagnostics(&uri, 1));
    assert!(got.contains(&"below-floor".to_string()), "{got:?}");
    let md = hover_markdown(lsp, &uri, ON_BASE);
    assert!(md.contains("$172,000"), "{md}");
    assert!(
        lsp.child.try_wait().unwrap().is_none(),
        "the server is still running"
    );
}

/// What `check` reports for `text`, in the shape the server's diagnostics compare in (UTF-16).
fn expected(text: &str) -> Vec<Comparable> {
    expected_diagnostics(text, Encoding::Utf16)
}

fn published(lsp: &mut Lsp, uri: &str, version: i32) -> Vec<Comparable> {
    let mut out: Vec<_> = lsp
        .diagnostics(uri, version)
        .iter()
        .map(comparable)
        .collect();
    out.sort();
    out
}

/// Apply an edit in UTF-16 positions to a plain string, as the protocol says (the reference).
fn apply(text: &mut String, (sl, sc, el, ec, new): (u32, u32, u32, u32, &str)) {
    let index = LineIndex::new(text);
    let a = index.offset(text, LineCol { line: sl, col: sc }, Encoding::Utf16);
    let b = index.offset(text, LineCol { line: el, col: ec }, Encoding::Utf16);
    text.replace_range(a.min(b)..a.max(b), new);
}

fn error_code(response: &Value) -> Option<i64> {
    response["error"]["code"].as_i64()
}

/// A `kB` field of `/proc/<pid>/status` (`VmRSS:`, `VmHWM:`).
fn proc_status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"))
}
