//! The hostile-client catalogue: the real `offer-notes lsp` over its stdio, fed what a buggy
//! or malicious editor might send. For each case the server answers as the LSP / JSON-RPC
//! specification asks (an error code where there is one), stays up, and answers a normal
//! request afterwards (diagnostics for a fresh `didOpen`, a hover on a known journal).
//! Also here: a panic in one document's analysis is contained, memory stays bounded over
//! an open/close loop, and the server logs no document text, opens no socket and writes
//! no file. `docs/RELIABILITY.md` has the table.

mod common;

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

// ---------------------------------------------------------------------------------------
// Framing and JSON-RPC

#[test]
fn malformed_json_gets_a_parse_error() {
    let mut lsp = started();
    lsp.send_body(br#"{"jsonrpc":"2.0","id":41,"method":"textDocument/hover","params":"#);
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
    lsp.send_body(b"\x00\x01 not json at all");
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
    still_serving(&mut lsp);
}

#[test]
fn json_that_is_not_a_jsonrpc_message_gets_invalid_request() {
    let mut lsp = started();
    // (body, the id the error must carry)
    let cases: &[(&str, Value)] = &[
        ("[1, 2]", Value::Null),
        ("[]", Value::Null),
        ("42", Value::Null),
        (r#"{"foo": 1}"#, Value::Null),
        (
            r#"{"jsonrpc":"1.0","id":3,"method":"textDocument/hover"}"#,
            json!(3),
        ),
        (r#"{"jsonrpc":"2.0","method":7}"#, Value::Null),
        // an id that is neither a number nor a string: the error's id must be null
        (
            r#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#,
            Value::Null,
        ),
        (
            r#"{"jsonrpc":"2.0","id":[1],"method":"shutdown"}"#,
            Value::Null,
        ),
        // a method that is not a string (tower-lsp's decoder would stop reading for good)
        (r#"{"jsonrpc":"2.0","id":9,"method":null}"#, json!(9)),
        (
            r#"{"jsonrpc":"2.0","id":1e3,"method":"shutdown"}"#,
            Value::Null,
        ),
        (
            r#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"shutdown"}"#,
            Value::Null,
        ),
        // LSP ids are integers or strings
        (
            r#"{"jsonrpc":"2.0","id":1.5,"method":"textDocument/hover"}"#,
            Value::Null,
        ),
        // neither a request (no method) nor a response (no result or error)
        (r#"{"jsonrpc":"2.0","id":7}"#, json!(7)),
        // a response whose error is not an error object
        (r#"{"jsonrpc":"2.0","id":8,"error":"boom"}"#, json!(8)),
    ];
    for (body, id) in cases {
        lsp.send_body(body.as_bytes());
        let want = id.clone();
        let answer = lsp.wait_for(move |m| m.get("id") == Some(&want) && m.get("error").is_some());
        assert_eq!(
            error_code(&answer),
            Some(INVALID_REQUEST),
            "{body}: {answer}"
        );
        // and the server is still reading
        let pong = hover(&mut lsp, "file:///tmp/never-opened.offer", (0, 0));
        assert_eq!(pong["result"], Value::Null, "{body}: {pong}");
    }
    still_serving(&mut lsp);
}

#[test]
fn a_content_length_too_long_is_recovered_at_the_next_header() {
    let mut lsp = started();
    lsp.open("file:///tmp/a.offer", JOURNAL, 1);
    lsp.diagnostics("file:///tmp/a.offer", 1);
    // a hover whose Content-Length claims 40 bytes more than it has: those 40 bytes are
    // taken from the next message (its whole header and part of its body)
    let first = json!({"jsonrpc":"2.0","id":501,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/a.offer"},"position":{"line":9,"character":8}}}).to_string();
    let second = json!({"jsonrpc":"2.0","id":502,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/a.offer"},"position":{"line":9,"character":8}}}).to_string();
    // 40: the next header is swallowed whole; 5 and 1: it is cut in two
    for extra in [40, 5, 1] {
        let mut bytes =
            format!("Content-Length: {}\r\n\r\n{first}", first.len() + extra).into_bytes();
        bytes.extend(format!("Content-Length: {}\r\n\r\n{second}", second.len()).bytes());
        lsp.send_raw(&bytes);
        for id in [501, 502] {
            let answer = lsp.response(&json!(id));
            let md = answer["result"]["contents"]["value"].as_str().unwrap_or("");
            assert!(md.contains("$172,000"), "extra {extra}, id {id}: {answer}");
        }
    }
    // too long, and nothing after it: the client waits for the answer, and gets it
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n{first}", first.len() + 40).as_bytes());
    let answer = lsp.response(&json!(501));
    assert!(
        answer["result"]["contents"]["value"].is_string(),
        "{answer}"
    );
    still_serving(&mut lsp);
}

#[test]
fn a_content_length_too_short_is_completed_or_gets_parse_errors() {
    let mut lsp = started();
    // a length counted in characters instead of bytes: the rest of the message is in front
    // of the next header, and is taken with it
    let uri = "file:///tmp/counted-in-characters.offer";
    let open = json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "offer", "version": 1, "text": JOURNAL}}}).to_string();
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n{open}", open.chars().count()).as_bytes());
    assert_eq!(published(&mut lsp, uri, 1), expected(JOURNAL));
    // a body cut short, followed by bytes that do not complete it
    let body = json!({"jsonrpc":"2.0","id":601,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/x.offer"},"position":{"line":0,"character":0}}}).to_string();
    lsp.send_raw(format!("Content-Length: {}\r\n\r\n{}}}}}", body.len() - 20, body).as_bytes());
    // the cut body is not JSON; the rest of it is junk before the next header
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
    still_serving(&mut lsp);
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
    assert!(
        lsp.backlog.iter().all(|m| m.get("id") != Some(&json!(601))),
        "the cut request is not answered as if it were whole"
    );
}

#[test]
fn a_missing_or_unreadable_content_length_gets_a_parse_error() {
    let mut lsp = started();
    let body = r#"{"jsonrpc":"2.0","id":701,"method":"shutdown"}"#;
    // a header block without Content-Length
    lsp.send_raw(
        format!("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{body}").as_bytes(),
    );
    still_serving(&mut lsp);
    assert!(lsp.null_id_error() == PARSE_ERROR);
    // a Content-Length that is not a number, a negative one, one past usize
    for length in ["abc", "-5", "99999999999999999999999"] {
        lsp.send_raw(format!("Content-Length: {length}\r\n\r\n{body}").as_bytes());
        still_serving(&mut lsp);
        assert!(lsp.null_id_error() == PARSE_ERROR);
    }
    // a body with no header at all
    lsp.send_raw(body.as_bytes());
    still_serving(&mut lsp);
    assert!(lsp.null_id_error() == PARSE_ERROR);
    assert!(
        lsp.backlog.iter().all(|m| m.get("id") != Some(&json!(701))),
        "an unframed shutdown is not obeyed"
    );
    // headers ended by bare \n and a lowercase name are accepted
    let id = lsp.fresh_id();
    let hover = json!({"jsonrpc":"2.0","id":id,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/x.offer"},"position":{"line":0,"character":0}}}).to_string();
    lsp.send_raw(format!("content-length: {}\n\n{hover}", hover.len()).as_bytes());
    assert_eq!(lsp.response(&json!(id))["result"], Value::Null);
}

#[test]
fn invalid_utf8_in_the_stream_gets_a_parse_error() {
    let mut lsp = started();
    // inside a JSON string of a request
    let mut body = br#"{"jsonrpc":"2.0","id":801,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/"#.to_vec();
    body.extend_from_slice(b"\xff\xfe.offer\"},\"position\":{\"line\":0,\"character\":0}}}");
    lsp.send_body(&body);
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
    // inside the text of a didOpen: the document is not opened with mangled text
    let uri = "file:///tmp/mangled.offer";
    let mut body = format!(r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{uri}","languageId":"offer","version":1,"text":"base: $1"#).into_bytes();
    body.extend_from_slice(b"\xc3\x28 \xed\xa0\x80\"}}}");
    lsp.send_body(&body);
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
    assert_eq!(hover(&mut lsp, uri, (0, 7))["result"], Value::Null);
    // in the header block
    lsp.send_raw(b"Content-Length: 2\xff\xfe\r\n\r\n{}");
    still_serving(&mut lsp);
    assert_eq!(lsp.null_id_error(), PARSE_ERROR);
}

#[test]
fn an_unknown_method_gets_method_not_found_and_unknown_notifications_are_ignored() {
    let mut lsp = started();
    let answer = lsp.request("offerNotes/doesNotExist", json!({}));
    assert_eq!(error_code(&answer), Some(METHOD_NOT_FOUND), "{answer}");
    let answer = lsp.request("$/offerNotes/alsoNot", json!({}));
    assert_eq!(error_code(&answer), Some(METHOD_NOT_FOUND), "{answer}");
    lsp.notify("offerNotes/unknownNotification", json!({"x": 1}));
    lsp.notify("$/unknownNotification", json!({}));
    let errors = lsp.received_matching(|m| m.get("error").is_some() && m["id"].is_null());
    assert!(
        errors.is_empty(),
        "a notification is never answered: {errors:?}"
    );
    still_serving(&mut lsp);
}

#[test]
fn invalid_params_get_invalid_params() {
    let mut lsp = started();
    for params in [
        json!({"textDocument": 5}),
        json!({"position": {"line": 0, "character": 0}}),
        json!({"textDocument": {"uri": "file:///tmp/x.offer"}, "position": {"line": -1, "character": 0}}),
        json!("a string"),
    ] {
        let answer = lsp.request("textDocument/hover", params.clone());
        assert_eq!(
            error_code(&answer),
            Some(INVALID_PARAMS),
            "{params}: {answer}"
        );
    }
    let answer = lsp.request(
        "workspace/executeCommand",
        json!({"command": "offer-notes.compare", "arguments": []}),
    );
    assert_eq!(error_code(&answer), Some(INVALID_PARAMS), "{answer}");
    // text sync with params that do not fit is dropped (a notification gets no answer)
    lsp.notify("textDocument/didOpen", json!({"textDocument": {"uri": 5}}));
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///tmp/x.offer", "version": "seven"}, "contentChanges": {}}),
    );
    lsp.notify("textDocument/didClose", json!(null));
    still_serving(&mut lsp);
}

// ---------------------------------------------------------------------------------------
// Lifecycle

#[test]
fn requests_before_initialize_get_server_not_initialized() {
    let mut lsp = Lsp::spawn();
    let uri = "file:///tmp/early.offer";
    let answer = hover(&mut lsp, uri, ON_BASE);
    assert_eq!(
        error_code(&answer),
        Some(SERVER_NOT_INITIALIZED),
        "{answer}"
    );
    let answer = lsp.request("shutdown", Value::Null);
    assert_eq!(
        error_code(&answer),
        Some(SERVER_NOT_INITIALIZED),
        "{answer}"
    );
    // notifications before initialize are dropped: this document is never opened
    lsp.open(uri, JOURNAL, 1);
    let init = lsp.initialize(&["utf-16"], Value::Null);
    assert!(init.get("result").is_some(), "{init}");
    assert_eq!(hover(&mut lsp, uri, ON_BASE)["result"], Value::Null);
    still_serving(&mut lsp);
    // the refused shutdown did not count: exit now means "without shutdown"
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait_exit(), Some(1));
}

#[test]
fn an_initialize_with_unreadable_params_can_be_retried() {
    let mut lsp = Lsp::spawn();
    let answer = lsp.request("initialize", json!({"capabilities": 5}));
    assert_eq!(error_code(&answer), Some(INVALID_PARAMS), "{answer}");
    // still not initialized
    let answer = hover(&mut lsp, "file:///tmp/x.offer", ON_BASE);
    assert_eq!(
        error_code(&answer),
        Some(SERVER_NOT_INITIALIZED),
        "{answer}"
    );
    // the retry is a first initialize: its position encoding is negotiated
    let init = lsp.initialize(&["utf-8"], Value::Null);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    let uri = "file:///tmp/utf8.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    // line 8 is "role: Staff Engineer 😀": in UTF-8 the emoji starts at byte 21
    lsp.change(uri, 2, &[(8, 25, 8, 25, "!")]);
    let text = JOURNAL.replace("Engineer 😀", "Engineer 😀!");
    assert_eq!(
        published(&mut lsp, uri, 2),
        expected_diagnostics(&text, Encoding::Utf8)
    );
}

#[test]
fn a_second_initialize_gets_invalid_request_and_changes_nothing() {
    let mut lsp = Lsp::spawn();
    let init = lsp.initialize(&["utf-16"], Value::Null);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    let again = lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-8"]}}}),
    );
    assert_eq!(error_code(&again), Some(INVALID_REQUEST), "{again}");
    // positions are still UTF-16: column 22 is inside the emoji's surrogate pair
    let uri = "file:///tmp/second.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    lsp.change(uri, 2, &[(8, 23, 8, 23, "!")]);
    let text = JOURNAL.replace("Engineer 😀", "Engineer 😀!");
    assert_eq!(published(&mut lsp, uri, 2), expected(&text));
    still_serving(&mut lsp);
}

#[test]
fn requests_after_shutdown_get_invalid_request() {
    let mut lsp = started();
    still_serving(&mut lsp);
    let answer = lsp.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null, "{answer}");
    assert!(answer.get("error").is_none(), "{answer}");
    let answer = hover(&mut lsp, "file:///tmp/x.offer", ON_BASE);
    assert_eq!(error_code(&answer), Some(INVALID_REQUEST), "{answer}");
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait_exit(), Some(0));
}

#[test]
fn exit_without_shutdown_is_code_1_and_with_shutdown_code_0() {
    let mut lsp = started();
    still_serving(&mut lsp);
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait_exit(), Some(1));

    let mut lsp = started();
    still_serving(&mut lsp);
    assert_eq!(lsp.shutdown_and_exit(), Some(0));

    // exit before initialize (allowed: the one notification not dropped)
    let mut lsp = Lsp::spawn();
    lsp.notify("exit", Value::Null);
    assert_eq!(lsp.wait_exit(), Some(1));

    // the editor closes the pipe without a word
    let mut lsp = started();
    lsp.close_stdin();
    assert_eq!(lsp.wait_exit(), Some(1));
    let mut lsp = started();
    let _ = lsp.request("shutdown", Value::Null);
    lsp.close_stdin();
    assert_eq!(lsp.wait_exit(), Some(0));
}

// ---------------------------------------------------------------------------------------
// Text sync

#[test]
fn did_change_for_a_document_never_opened_is_ignored() {
    let mut lsp = started();
    let uri = "file:///tmp/ghost.offer";
    lsp.change(uri, 2, &[(0, 0, 0, 0, "base: $1\n")]);
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "whole"}]}),
    );
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let stray = lsp.received_matching(|m| m["params"]["uri"] == uri);
    assert!(stray.is_empty(), "nothing is published for it: {stray:?}");
    assert_eq!(hover(&mut lsp, uri, (0, 0))["result"], Value::Null);
    // opening it afterwards starts from the opened text
    lsp.open(uri, JOURNAL, 1);
    assert_eq!(published(&mut lsp, uri, 1), expected(JOURNAL));
    still_serving(&mut lsp);
}

#[test]
fn versions_that_go_backwards_are_applied_in_arrival_order() {
    let mut lsp = started();
    let uri = "file:///tmp/backwards.offer";
    lsp.open(uri, JOURNAL, 10);
    lsp.diagnostics(uri, 10);
    let mut text = JOURNAL.to_string();
    for (version, edit) in [
        (7, (9, 6, 9, 14, "$171,000")),
        (3, (9, 6, 9, 14, "$195,000")),
        (-4, (2, 7, 2, 12, "$150k")),
    ] {
        lsp.change(uri, version, &[edit]);
        apply(&mut text, edit);
        assert_eq!(
            published(&mut lsp, uri, version),
            expected(&text),
            "v{version}"
        );
    }
    let md = hover_markdown(&mut lsp, uri, ON_BASE);
    assert!(md.contains("$195,000"), "the latest text is served: {md}");
    still_serving(&mut lsp);
}

#[test]
fn ranges_past_the_end_or_inside_a_surrogate_pair_clamp() {
    let mut lsp = started();
    let uri = "file:///tmp/ranges.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    let mut text = JOURNAL.to_string();
    let edits: &[(u32, u32, u32, u32, &str)] = &[
        // "role: Staff Engineer 😀": the emoji is UTF-16 columns 21..23; 22 is inside it
        (8, 22, 8, 22, "X"),
        (8, 20, 8, 23, ""),
        // a column past the end of its line stops before the line break
        (7, 500, 7, 900, " (verbal)"),
        // lines past the end of the document
        (400, 0, 900, 3, "\r\nnote: appended\r\n"),
        (9, 10, 4000, 0, ""),
        // an end before the start
        (3, 14, 3, 0, "decision-date:"),
        (u32::MAX, u32::MAX, u32::MAX, u32::MAX, "tail"),
        // ☕ on line 6 is one UTF-16 unit, 😀 two: a range ending inside the pair of an emoji
        (6, 0, 6, 0, "x😀y"),
        (6, 1, 6, 2, "z"),
    ];
    for (n, edit) in edits.iter().enumerate() {
        let version = n as i32 + 2;
        lsp.change(uri, version, &[*edit]);
        apply(&mut text, *edit);
    }
    let last = edits.len() as i32 + 1;
    assert_eq!(published(&mut lsp, uri, last), expected(&text), "{text}");
    still_serving(&mut lsp);
}

#[test]
fn a_burst_of_ten_thousand_changes_ends_on_the_right_text() {
    let mut lsp = started();
    let uri = "file:///tmp/burst.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    let mut text = JOURNAL.to_string();
    let last_line = LineIndex::new(&text).line_count() as u32 - 1;
    let (mut line, mut col) = (last_line, 0u32);
    let mut version = 1;
    let mut batch = Vec::new();
    let alphabet: Vec<char> = "walk: I fear the commute 😀 é\n".chars().collect();
    for i in 0..10_000usize {
        let ch = alphabet[i % alphabet.len()];
        let s = ch.to_string();
        version += 1;
        let edit = (line, col, line, col, s.as_str());
        let body = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col}}, "text": s}]}}).to_string();
        batch.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).bytes());
        apply(&mut text, edit);
        if ch == '\n' {
            line += 1;
            col = 0;
        } else {
            col += ch.len_utf16() as u32;
        }
    }
    let started = Instant::now();
    lsp.send_raw(&batch);
    assert_eq!(published(&mut lsp, uri, version), expected(&text));
    eprintln!(
        "10,000 changes applied and analysed in {:?}",
        started.elapsed()
    );
    let versions: Vec<i64> = lsp
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "never an older version after a newer one: {versions:?}"
    );
    still_serving(&mut lsp);
}

#[test]
fn a_cancel_request_storm_leaves_every_request_answered_once() {
    let mut lsp = started();
    let uri = "file:///tmp/cancel.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    let mut batch = Vec::new();
    let mut frame = |v: Value| {
        let body = v.to_string();
        batch.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).bytes());
    };
    let mut ids = Vec::new();
    for i in 0..10_000i64 {
        // cancels for requests that never existed, with every kind of id
        let id = match i % 4 {
            0 => json!(1_000_000 + i),
            1 => json!(format!("nope-{i}")),
            2 => json!(null),
            _ => json!({"not": "an id"}),
        };
        frame(json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": id}}));
        if i % 50 == 0 {
            // a real request, cancelled at once, and one cancelled twice
            let id = 2_000_000 + i;
            ids.push(id);
            frame(
                json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 9, "character": 8}}}),
            );
            frame(json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": id}}));
            frame(json!({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": id}}));
        }
        if i % 1000 == 0 {
            frame(json!({"jsonrpc": "2.0", "method": "$/cancelRequest"}));
        }
    }
    lsp.send_raw(&batch);
    let mut cancelled = 0;
    for id in &ids {
        let answer = lsp.response(&json!(id));
        match error_code(&answer) {
            Some(REQUEST_CANCELLED) => cancelled += 1,
            None => assert!(
                answer["result"]["contents"]["value"].is_string(),
                "{answer}"
            ),
            Some(other) => panic!("request {id} answered {other}: {answer}"),
        }
    }
    let answers = lsp.received_matching(|m| {
        m["id"].as_i64().is_some_and(|id| ids.contains(&id)) && m.get("method").is_none()
    });
    assert!(answers.is_empty(), "answered twice: {answers:?}");
    eprintln!(
        "{} requests in a storm of 10,000 cancels: {cancelled} cancelled",
        ids.len()
    );
    still_serving(&mut lsp);
}

// ---------------------------------------------------------------------------------------
// Size

fn big_journal(filler_line: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + filler_line.len());
    text.push_str(JOURNAL);
    while text.len() < bytes {
        text.push_str(filler_line);
    }
    text
}

#[test]
fn a_fifty_megabyte_document_is_served() {
    let mut lsp = started();
    let uri = "file:///tmp/huge.offer";
    let text = big_journal(
        "a note about the weather and the commute today\r\n",
        50 << 20,
    );
    let started = Instant::now();
    lsp.open(uri, &text, 1);
    let got = codes(&lsp.diagnostics(uri, 1));
    let opened = started.elapsed();
    assert_eq!(
        got.iter().collect::<std::collections::BTreeSet<_>>(),
        codes_of(JOURNAL).iter().collect(),
        "the notes add nothing"
    );
    let md = hover_markdown(&mut lsp, uri, ON_BASE);
    assert!(md.contains("$172,000"), "{md}");
    // an edit at the far end is applied incrementally
    let lines = LineIndex::new(&text).line_count() as u32;
    lsp.change(
        uri,
        2,
        &[(lines - 1, 0, lines - 1, 0, "- walk: I'm scared\r\n")],
    );
    let got = codes(&lsp.diagnostics(uri, 2));
    let want = codes_of(&format!("{JOURNAL}- walk: I'm scared\r\n"));
    assert_eq!(
        got.iter().collect::<std::collections::BTreeSet<_>>(),
        want.iter().collect(),
    );
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    still_serving(&mut lsp);
    eprintln!(
        "50 MB: opened and analysed in {opened:?}, total {:?}; VmHWM {} kB, VmRSS after close {} kB",
        started.elapsed(),
        proc_status_kb(lsp.pid(), "VmHWM:"),
        proc_status_kb(lsp.pid(), "VmRSS:"),
    );
    still_serving(&mut lsp);
}

fn codes_of(text: &str) -> Vec<String> {
    check_json(text)
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_document_of_two_hundred_thousand_lines_is_served() {
    let mut lsp = started();
    let uri = "file:///tmp/long.offer";
    let mut text = JOURNAL.to_string();
    for i in 0..200_000 {
        text.push_str(&format!("note {i}\r\n"));
    }
    let started = Instant::now();
    lsp.open(uri, &text, 1);
    assert_eq!(published(&mut lsp, uri, 1), expected(&text));
    let edit = (150_000, 5, 150_000, 5, "😀");
    lsp.change(uri, 2, &[edit]);
    apply(&mut text, edit);
    let edit = (199_990, 0, 200_020, 0, "");
    lsp.change(uri, 3, &[edit]);
    apply(&mut text, edit);
    assert_eq!(published(&mut lsp, uri, 3), expected(&text));
    let md = hover_markdown(&mut lsp, uri, ON_BASE);
    assert!(md.contains("$172,000"), "{md}");
    eprintln!("200,000 lines: {:?}", started.elapsed());
    still_serving(&mut lsp);
}

#[test]
fn a_single_five_megabyte_line_is_served() {
    let mut lsp = started();
    let uri = "file:///tmp/wide.offer";
    let mut text = JOURNAL.to_string();
    let line = LineIndex::new(&text).line_count() as u32 - 1;
    // a walk reason (the classifier reads every word of it) of 5 MB, emoji and all
    let sentence = "I'm tired of the commute, they lowballed me 😀. ";
    text.push_str("- walk: ");
    text.push_str(&sentence.repeat((5 << 20) / sentence.len() + 1));
    let started = Instant::now();
    lsp.open(uri, &text, 1);
    lsp.diagnostics(uri, 1);
    // a position far along the line, in UTF-16 units
    let far = (4 << 20) as u32;
    let edit = (line, far, line, far + 3, "tail");
    lsp.change(uri, 2, &[edit]);
    apply(&mut text, edit);
    assert_eq!(published(&mut lsp, uri, 2), expected(&text));
    // (a hover on the long reason itself takes minutes in a debug build: see
    // `hovering_a_long_walk_reason_is_linear` in tests/reliability.rs)
    assert!(hover_markdown(&mut lsp, uri, ON_BASE).contains("$172,000"));
    eprintln!("a 5 MB line: {:?}", started.elapsed());
    still_serving(&mut lsp);
}

// ---------------------------------------------------------------------------------------
// A panic in one document's analysis

#[test]
fn a_panic_in_one_document_is_contained_and_reported() {
    let mut lsp = Lsp::spawn_with(&[("OFFER_NOTES_FAULT_INJECTION", "1")], None);
    lsp.initialize(&["utf-16"], Value::Null);
    let poisoned = "file:///tmp/poisoned.offer";
    let healthy = "file:///tmp/healthy.offer";
    let bad_text = format!("{JOURNAL}note: 💥panic\r\n");
    lsp.open(poisoned, &bad_text, 1);
    // the publish path: a logMessage of type Error, no diagnostics
    let log = lsp.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["type"] == 1
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("poisoned.offer"))
    });
    let message = log["params"]["message"].as_str().unwrap();
    assert!(
        !message.contains("Leaving Initech"),
        "no document text: {message}"
    );
    // a request on it: an internal error response and a logMessage
    let answer = hover(&mut lsp, poisoned, ON_BASE);
    assert_eq!(error_code(&answer), Some(-32603), "{answer}");
    lsp.wait_for(|m| {
        m["method"] == "window/logMessage"
            && m["params"]["type"] == 1
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("hover"))
    });
    for (method, params) in [
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": poisoned}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": poisoned}}),
        ),
        (
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": poisoned}}),
        ),
        (
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": poisoned}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 20, "character": 0}}}),
        ),
        (
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": poisoned}}),
        ),
        (
            "textDocument/formatting",
            json!({"textDocument": {"uri": poisoned}, "options": {"tabSize": 4, "insertSpaces": true}}),
        ),
        (
            "textDocument/codeLens",
            json!({"textDocument": {"uri": poisoned}}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": {"uri": poisoned}, "position": {"line": 9, "character": 0}}),
        ),
    ] {
        let answer = lsp.request(method, params);
        assert!(
            answer.get("error").is_some() || answer.get("result").is_some(),
            "{method}: {answer}"
        );
    }
    // another document is served as if nothing happened
    lsp.open(healthy, JOURNAL, 1);
    assert_eq!(published(&mut lsp, healthy, 1), expected(JOURNAL));
    assert!(hover_markdown(&mut lsp, healthy, ON_BASE).contains("$172,000"));
    // and the poisoned one recovers once an edit removes the marker
    let line = LineIndex::new(&bad_text).line_count() as u32 - 2;
    lsp.change(poisoned, 2, &[(line, 0, line + 1, 0, "")]);
    assert_eq!(published(&mut lsp, poisoned, 2), expected(JOURNAL));
    assert!(hover_markdown(&mut lsp, poisoned, ON_BASE).contains("$172,000"));
    still_serving(&mut lsp);
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
}

#[test]
fn a_panic_in_the_compare_command_is_contained() {
    let mut lsp = Lsp::spawn_with(&[("OFFER_NOTES_FAULT_INJECTION", "1")], None);
    lsp.initialize(&["utf-16"], Value::Null);
    let poisoned = "file:///tmp/poisoned-compare.offer";
    lsp.open(poisoned, &format!("{JOURNAL}note: 💥panic\r\n"), 1);
    let answer = lsp.request(
        "workspace/executeCommand",
        json!({"command": "offer-notes.compare", "arguments": [poisoned]}),
    );
    assert_eq!(error_code(&answer), Some(-32603), "{answer}");
    still_serving(&mut lsp);
}

// ---------------------------------------------------------------------------------------
// Memory

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

#[test]
fn memory_stays_bounded_over_a_thousand_opens_and_closes() {
    let mut lsp = started();
    let pid = lsp.pid();
    still_serving(&mut lsp);
    let rss_start = proc_status_kb(pid, "VmRSS:");
    // each document a little different, some with hovers in flight when it closes
    let mut after_first_hundred = 0;
    for i in 0..1000 {
        let uri = format!("file:///tmp/loop-{i}.offer");
        let text = format!("{JOURNAL}note {i}: {}\r\n", "x".repeat(i * 10));
        lsp.open(&uri, &text, 1);
        if i % 10 == 0 {
            lsp.diagnostics(&uri, 1);
            let id = lsp.request_async(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 9, "character": 8}}),
            );
            lsp.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri}}),
            );
            lsp.response(&json!(id));
        } else {
            lsp.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri}}),
            );
        }
        if i == 99 {
            still_serving(&mut lsp);
            after_first_hundred = proc_status_kb(pid, "VmRSS:");
        }
    }
    still_serving(&mut lsp);
    // let the worker drain its queue of closes
    std::thread::sleep(Duration::from_millis(300));
    lsp.backlog.clear();
    let peak = proc_status_kb(pid, "VmHWM:");
    let rss_end = proc_status_kb(pid, "VmRSS:");
    eprintln!(
        "memory: VmRSS at start {rss_start} kB, after 100 docs {after_first_hundred} kB, \
         after 1,000 opened and closed {rss_end} kB; peak VmHWM {peak} kB"
    );
    assert!(rss_end < 100 * 1024, "post-close RSS {rss_end} kB");
    assert!(rss_end <= peak + 1024);
    assert!(
        rss_end < after_first_hundred + 16 * 1024,
        "RSS grew by {} kB over 900 open/close cycles",
        rss_end.saturating_sub(after_first_hundred)
    );
}

#[test]
fn closing_a_document_with_a_hover_in_flight_frees_its_analysis() {
    let mut lsp = started();
    let pid = lsp.pid();
    let filler = "a note about the weather and the commute today\n".repeat(40_000);
    let mut rss = Vec::new();
    for i in 0..40 {
        // a 1.9 MB document, closed while a hover on it is being answered
        let uri = format!("file:///tmp/race-{i}.offer");
        lsp.open(&uri, &format!("{JOURNAL}{filler}note {i}\n"), 1);
        let id = lsp.request_async(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 9, "character": 8}}),
        );
        std::thread::sleep(Duration::from_millis(30));
        lsp.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        lsp.response(&json!(id));
        if i % 10 == 9 {
            rss.push(proc_status_kb(pid, "VmRSS:"));
        }
    }
    std::thread::sleep(Duration::from_secs(1));
    let end = proc_status_kb(pid, "VmRSS:");
    eprintln!("VmRSS every 10 documents: {rss:?} kB, at the end {end} kB");
    assert!(
        end < rss[0] + 12 * 1024,
        "every document is closed, yet RSS grew from {} kB to {end} kB",
        rss[0]
    );
}

// ---------------------------------------------------------------------------------------
// Privacy

/// The process's open sockets (`socket:[inode]` links under /proc/<pid>/fd) and the files it
/// holds open for writing (a read-only open of /proc/self/maps or a cgroup file at start-up,
/// which the standard library does, is no write).
fn sockets_and_files(pid: u32) -> (Vec<String>, Vec<String>) {
    let mut sockets = Vec::new();
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return (sockets, files);
    };
    for entry in entries.flatten() {
        let Ok(target) = std::fs::read_link(entry.path()) else {
            continue; // closed meanwhile
        };
        let target = target.to_string_lossy().to_string();
        if target.starts_with("socket:") {
            sockets.push(target);
        } else if !(target.starts_with("pipe:")
            || target.starts_with("anon_inode:")
            || target == "/dev/null")
        {
            let fd = entry.file_name().to_string_lossy().to_string();
            let flags = std::fs::read_to_string(format!("/proc/{pid}/fdinfo/{fd}"))
                .ok()
                .and_then(|info| {
                    info.lines()
                        .find_map(|l| l.strip_prefix("flags:"))
                        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                });
            // O_WRONLY = 1, O_RDWR = 2 (an fd closed meanwhile has no fdinfo: not counted)
            if flags.is_some_and(|f| f & 0o3 != 0) {
                files.push(target);
            }
        }
    }
    (sockets, files)
}

/// Sockets in the process's network namespace (/proc/<pid>/net/{tcp,tcp6,udp,udp6,raw,raw6})
/// whose inode is one of the process's open fds.
fn inet_sockets_owned(pid: u32, inodes: &[String]) -> Vec<String> {
    let mut owned = Vec::new();
    for table in ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"] {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")) else {
            continue;
        };
        for row in text.lines().skip(1) {
            let inode = row.split_whitespace().nth(9).unwrap_or("");
            if inodes.iter().any(|s| s == &format!("socket:[{inode}]")) {
                owned.push(format!("{table}: {row}"));
            }
        }
    }
    owned
}

#[test]
fn a_session_logs_no_document_text_opens_no_socket_and_writes_no_file() {
    let home = std::env::temp_dir().join(format!("offer-notes-privacy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    for dir in ["home", "cwd", "tmp", "config", "cache", "data", "state"] {
        std::fs::create_dir_all(home.join(dir)).unwrap();
    }
    let p = |d: &str| home.join(d).to_string_lossy().to_string();
    let env = [
        ("HOME", p("home")),
        ("TMPDIR", p("tmp")),
        ("XDG_CONFIG_HOME", p("config")),
        ("XDG_CACHE_HOME", p("cache")),
        ("XDG_DATA_HOME", p("data")),
        ("XDG_STATE_HOME", p("state")),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut lsp = Lsp::spawn_with(&env, Some(&home.join("cwd")));
    let pid = lsp.pid();
    // sample the fd table all session long
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut seen = (Vec::new(), Vec::new(), Vec::new(), 0);
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let (sockets, files) = sockets_and_files(pid);
                if !sockets.is_empty() {
                    seen.2.extend(inet_sockets_owned(pid, &sockets));
                }
                seen.0.extend(sockets);
                seen.1.extend(files);
                seen.3 += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            seen
        })
    };
    lsp.initialize(&["utf-16"], Value::Null);
    let uri = "file:///tmp/private.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    lsp.change(uri, 2, &[(9, 6, 9, 14, "$171,000")]);
    lsp.diagnostics(uri, 2);
    hover(&mut lsp, uri, ON_BASE);
    lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 5}}, "context": {"diagnostics": []}}),
    );
    lsp.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    // hostile inputs whose error messages could quote what they carry
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": "base: $172,000"}, "contentChanges": [{"text": "floor: $190k base"}]}),
    );
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///tmp/p2.offer", "languageId": "offer", "version": "role: Staff Engineer", "text": JOURNAL}}),
    );
    lsp.send_body(b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"text\":\"- walk: I'm tired of interviewing");
    lsp.send_body(b"Acme Robotics $172,000 is not json");
    lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": "manager: weak"}),
    );
    still_serving(&mut lsp);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let stderr = lsp.stderr.clone();
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (sockets, files, inet, samples) = sampler.join().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let log = stderr.lock().unwrap().clone();
    assert!(log.contains("open"), "the log is written: {log}");
    let log = common::without_timestamps(&log);
    for line in JOURNAL
        .lines()
        .chain(["$171,000", "171,000", "floor: $190k base"])
    {
        let line = line.trim();
        if line.len() > 3 {
            assert!(!log.contains(line), "{line:?} leaked into the log:\n{log}");
        }
    }
    for amount in [
        "172", "171", "190", "$1", "Acme", "Initech", "tired", "Staff", "weak",
    ] {
        assert!(
            !log.contains(amount),
            "{amount:?} leaked into the log:\n{log}"
        );
    }
    assert!(samples > 5, "the fd table was sampled ({samples} times)");
    assert!(sockets.is_empty(), "sockets: {sockets:?}");
    assert!(inet.is_empty(), "inet sockets: {inet:?}");
    assert!(files.is_empty(), "files open for writing: {files:?}");
    for dir in ["home", "cwd", "tmp", "config", "cache", "data", "state"] {
        let left: Vec<_> = std::fs::read_dir(home.join(dir)).unwrap().collect();
        assert!(left.is_empty(), "{dir} has {left:?}");
    }
    let _ = std::fs::remove_dir_all(&home);
}
