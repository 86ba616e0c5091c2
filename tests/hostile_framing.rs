//! The hostile-client catalogue, round 2 (issue 16): framing that used to swallow a session,
//! text that reached the log, edits that were lost, and a client that stops reading. Each
//! case runs the real `offer-notes lsp` over its stdio; after each, the server still serves.
//! `docs/RELIABILITY.md` has the table.

mod common;

use common::{comparable, expected_diagnostics, Comparable, Lsp};
use offer_notes::text::Encoding;
use serde_json::{json, Value};
use std::io::{BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const JOURNAL: &str = "# Leaving Initech\r\ntoday: 2026-11-22\r\nfloor: $190k base\r\ndecision-date: 2026-12-01\r\nrunway: 4 months\r\n\r\n## Acme Robotics ☕\r\nstatus: live\r\nrole: Staff Engineer 😀\r\nbase: $172,000\r\nmanager: weak\r\nscope: strong\r\n- walk: I'm tired of interviewing and want it to be over\r\n";
/// Where `$172,000` is in [`JOURNAL`].
const ON_BASE: (u32, u32) = (9, 8);
const PARSE_ERROR: i64 = -32700;

fn started() -> Lsp {
    let mut lsp = Lsp::spawn();
    let init = lsp.initialize(&["utf-16"], Value::Null);
    assert!(init.get("result").is_some(), "{init}");
    lsp
}

fn hover_request(id: i64, uri: &str) -> String {
    json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": {"line": ON_BASE.0, "character": ON_BASE.1}}})
    .to_string()
}

fn framed(body: &str) -> String {
    format!("Content-Length: {}\r\n\r\n{body}", body.len())
}

/// The hover with this id was answered with the projection for `$172,000`.
fn hover_answered(lsp: &mut Lsp, id: i64) {
    let answer = lsp.response(&json!(id));
    let md = answer["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("$172,000"), "hover {id}: {answer}");
}

/// An open journal to hover on.
fn opened(lsp: &mut Lsp) -> String {
    let uri = format!("file:///tmp/framing-{}.offer", lsp.fresh_id());
    lsp.open(&uri, JOURNAL, 1);
    lsp.diagnostics(&uri, 1);
    uri
}

fn still_serving(lsp: &mut Lsp) {
    let uri = opened(lsp);
    let id = lsp.fresh_id();
    lsp.send_raw(framed(&hover_request(id, &uri)).as_bytes());
    hover_answered(lsp, id);
}

/// `VmHWM` (peak resident memory) of a process, in kB.
fn peak_kb(pid: u32) -> u64 {
    status_kb(pid, "VmHWM:")
}

fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
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

// ---------------------------------------------------------------------------------------
// Framing never swallows a session

#[test]
fn a_content_length_over_the_limit_gets_an_error_and_the_next_message_is_answered() {
    let mut lsp = started();
    let uri = opened(&mut lsp);
    for length in ["9223372036854775808", "600000000"] {
        let id = lsp.fresh_id();
        let mut bytes = format!("Content-Length: {length}\r\n\r\n");
        bytes.push_str(&framed(&hover_request(id, &uri)));
        lsp.send_raw(bytes.as_bytes());
        assert_eq!(lsp.null_id_error(), PARSE_ERROR);
        hover_answered(&mut lsp, id);
    }
    still_serving(&mut lsp);
}

#[test]
fn a_huge_content_length_followed_at_once_by_more_messages_loses_none_of_them() {
    let mut lsp = started();
    let uri = opened(&mut lsp);
    let (first, second) = (lsp.fresh_id(), lsp.fresh_id());
    let mut bytes = format!(
        "Content-Length: 100000000\r\n\r\n{}",
        hover_request(first, &uri)
    );
    bytes.push_str(&framed(&hover_request(second, &uri)));
    lsp.send_raw(bytes.as_bytes());
    hover_answered(&mut lsp, first);
    hover_answered(&mut lsp, second);
    still_serving(&mut lsp);
}

#[test]
fn an_lf_only_header_then_a_crlf_one_in_the_same_write_are_both_answered() {
    let mut lsp = started();
    let uri = opened(&mut lsp);
    let (first, second) = (lsp.fresh_id(), lsp.fresh_id());
    let one = hover_request(first, &uri);
    let bytes = format!(
        "Content-Length: {}\n\n{one}{}",
        one.len(),
        framed(&hover_request(second, &uri))
    );
    lsp.send_raw(bytes.as_bytes());
    hover_answered(&mut lsp, first);
    hover_answered(&mut lsp, second);
}

/// Send `bytes` in 1 MB writes from another thread (the server reads while it is sent).
fn send_in_chunks(lsp: &mut Lsp, total: usize, byte: u8) {
    let chunk = vec![byte; 1 << 20];
    for _ in 0..total / chunk.len() {
        lsp.send_raw(&chunk);
    }
}

#[test]
fn megabytes_of_headerless_junk_cost_bounded_memory_and_linear_time() {
    let mut lsp = started();
    let uri = opened(&mut lsp);
    let before = peak_kb(lsp.pid());
    let started_at = Instant::now();
    send_in_chunks(&mut lsp, 48 << 20, b'x');
    let id = lsp.fresh_id();
    lsp.send_raw(framed(&hover_request(id, &uri)).as_bytes());
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
    hover_answered(&mut lsp, id);
    let took = started_at.elapsed();
    let peak = peak_kb(lsp.pid());
    eprintln!("48 MB of junk: {took:?}, VmHWM {before} -> {peak} kB");
    assert!(took < Duration::from_secs(15), "{took:?}");
    assert!(peak < before + 32 * 1024, "{before} -> {peak} kB");
    still_serving(&mut lsp);
}

#[test]
fn a_header_block_that_never_ends_costs_bounded_memory_and_the_next_message_is_answered() {
    let mut lsp = started();
    let uri = opened(&mut lsp);
    let before = peak_kb(lsp.pid());
    lsp.send_raw(b"Content-Length: 12\r\nX-Padding: ");
    send_in_chunks(&mut lsp, 32 << 20, b'y');
    let id = lsp.fresh_id();
    lsp.send_raw(format!("\r\n\r\n{}", framed(&hover_request(id, &uri))).as_bytes());
    hover_answered(&mut lsp, id);
    let peak = peak_kb(lsp.pid());
    assert!(peak < before + 32 * 1024, "{before} -> {peak} kB");
    let errors = lsp.received_matching(|m| m.get("error").is_some() && m["id"].is_null());
    assert!(!errors.is_empty(), "the endless header got a parse error");
    still_serving(&mut lsp);
}

// ---------------------------------------------------------------------------------------
// Nothing the user wrote reaches the log or an error reply

#[test]
fn a_broken_header_in_front_of_a_did_open_quotes_none_of_its_text() {
    let mut lsp = started();
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": {"textDocument": {"uri": "file:///tmp/leak.offer", "languageId": "offer", "version": 1, "text": JOURNAL}}})
    .to_string();
    // a header with no number whose block runs on into the body, each way round
    lsp.send_raw(format!("Content-Length: twelve\r\n{open}\r\n\r\n").as_bytes());
    lsp.send_raw(format!("Content-Type: x\r\n{open}\n\n").as_bytes());
    lsp.send_raw(format!("Content-Length: 40\n{open}\r\n\r\n").as_bytes());
    still_serving(&mut lsp);
    let replies = lsp.received_matching(|m| m.get("error").is_some());
    assert!(!replies.is_empty());
    let log = common::without_timestamps(&lsp.stderr_text());
    for secret in ["Initech", "172", "Acme", "tired", "Staff"] {
        for reply in &replies {
            assert!(!reply.to_string().contains(secret), "{secret} in {reply}");
        }
        assert!(!log.contains(secret), "{secret} in the log:\n{log}");
    }
}

// ---------------------------------------------------------------------------------------
// An edit is never lost

fn did_change_raw(
    uri: &str,
    version: i32,
    (line, from, to): (u32, u32, u32),
    text: &str,
) -> String {
    // `text` is spliced in as written: it may hold escapes serde would not produce
    format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didChange","params":{{"textDocument":{{"uri":"{uri}","version":{version}}},"contentChanges":[{{"range":{{"start":{{"line":{line},"character":{from}}},"end":{{"line":{line},"character":{to}}}}},"text":"{text}"}}]}}}}"#
    )
}

#[test]
fn an_edit_with_a_lone_surrogate_is_applied_with_a_replacement_character() {
    let mut lsp = started();
    let uri = "file:///tmp/surrogate.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    // a JavaScript editor sends half of 😀 in front of `base:` (one UTF-16 unit)...
    lsp.send_body(did_change_raw(uri, 2, (9, 0, 0), r"\ud83d").as_bytes());
    let editor_text = JOURNAL.replace("base: $172", "\u{fffd}base: $172");
    assert_eq!(
        published(&mut lsp, uri, 2),
        expected_diagnostics(&editor_text, Encoding::Utf16)
    );
    // ...then deletes that one unit: the server's text is the editor's again
    lsp.send_body(did_change_raw(uri, 3, (9, 0, 1), "").as_bytes());
    assert_eq!(
        published(&mut lsp, uri, 3),
        expected_diagnostics(JOURNAL, Encoding::Utf16)
    );
    // a lone low surrogate, and one at the very end of a string
    lsp.send_body(did_change_raw(uri, 4, (9, 0, 0), r"\udc00x\ud800").as_bytes());
    let editor_text = JOURNAL.replace("base: $172", "\u{fffd}x\u{fffd}base: $172");
    assert_eq!(
        published(&mut lsp, uri, 4),
        expected_diagnostics(&editor_text, Encoding::Utf16)
    );
}

/// The diagnostics published for `uri` that ask for a reopen (an earlier publish of the same
/// version may still be unread: it is skipped).
fn asks_for_a_reopen(lsp: &mut Lsp, uri: &str) -> Vec<Value> {
    let published = lsp.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"][0]["message"]
                .as_str()
                .is_some_and(|t| t.contains("reopen"))
    });
    published["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn an_edit_that_cannot_be_read_asks_for_the_file_to_be_reopened() {
    let mut lsp = started();
    let uri = "file:///tmp/lost-edit.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    // a change whose range cannot be read, and one whose body is not even UTF-8
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": {"start": {"line": "nine", "character": 0}, "end": {"line": 9, "character": 0}}, "text": "x"}]}),
    );
    let shown = lsp.wait_for(|m| m["method"] == "window/showMessage");
    assert!(
        shown["params"]["message"]
            .as_str()
            .unwrap()
            .contains("reopen"),
        "{shown}"
    );
    let diagnostics = asks_for_a_reopen(&mut lsp, uri);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["severity"], 1);
    assert!(diagnostics[0]["message"]
        .as_str()
        .unwrap()
        .contains("reopen"));
    // requests answer nothing rather than answer for a text the editor no longer shows
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": ON_BASE.0, "character": ON_BASE.1}}),
    );
    assert_eq!(hover["result"], Value::Null, "{hover}");
    // later ranged edits cannot be placed either; a reopen brings it back
    lsp.change(uri, 3, &[(9, 6, 9, 14, "$171,000")]);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    lsp.open(uri, JOURNAL, 4);
    assert_eq!(
        published(&mut lsp, uri, 4),
        expected_diagnostics(JOURNAL, Encoding::Utf16)
    );
    // an unreadable body (invalid UTF-8 in the text) is a lost edit too
    let mut body = did_change_raw(uri, 5, (9, 0, 0), "\u{1}").into_bytes();
    let at = body.iter().position(|&b| b == 1).unwrap();
    body[at] = 0xff;
    lsp.send_body(&body);
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
    asks_for_a_reopen(&mut lsp, uri);
    // a full-text change is the whole text: in step again
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 6}, "contentChanges": [{"text": JOURNAL}]}),
    );
    assert_eq!(
        published(&mut lsp, uri, 6),
        expected_diagnostics(JOURNAL, Encoding::Utf16)
    );
}

// ---------------------------------------------------------------------------------------
// A client that stops reading cannot grow the server

#[test]
fn a_client_that_stops_reading_leaves_memory_bounded_and_gets_the_newest_diagnostics_first() {
    let mut child = Command::new(common::binary())
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |value: Value| {
        stdin
            .write_all(framed(&value.to_string()).as_bytes())
            .unwrap();
        stdin.flush().unwrap();
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {"workspace": {"configuration": true}}}}),
    );
    // an editor waits for the answer to initialize before it says initialized
    while common::read_message(&mut stdout).expect("a message")["id"] != 1 {}
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    // a journal with thousands of findings: every publish is about a megabyte
    let uri = "file:///tmp/stalled.offer";
    let text = format!("{JOURNAL}{}", "flor: $1\n".repeat(3000));
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "offer", "version": 1, "text": text}}}),
    );
    // read until the first diagnostics, answering the settings request on the way
    loop {
        let m = common::read_message(&mut stdout).expect("a message");
        if m["method"] == "workspace/configuration" {
            send(json!({"jsonrpc": "2.0", "id": m["id"], "result": [null]}));
        }
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
            break;
        }
    }
    let rss_before = status_kb(pid, "VmRSS:");
    // the client stops reading and goes on typing (new lines at the top: every finding moves,
    // so every version's diagnostics differ and none is left out as already sent)
    let last = 120;
    for version in 2..=last {
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "\n"}]}}),
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    std::thread::sleep(Duration::from_secs(2));
    let rss_stalled = status_kb(pid, "VmRSS:");
    // the client reads again
    send(json!({"jsonrpc": "2.0", "id": 99, "method": "offerNotes/roundTrip"}));
    let mut versions = Vec::new();
    loop {
        let m = common::read_message(&mut stdout).expect("a message");
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
            versions.push(m["params"]["version"].as_i64().unwrap());
            if versions.last() == Some(&last) {
                break;
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    eprintln!("VmRSS {rss_before} -> {rss_stalled} kB; versions after resuming: {versions:?}");
    assert!(
        versions.len() <= 3,
        "stale diagnostics were queued: {versions:?}"
    );
    assert!(
        rss_stalled < rss_before + 48 * 1024,
        "{rss_before} -> {rss_stalled} kB"
    );
}
