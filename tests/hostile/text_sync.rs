//! Text sync: changes for documents never opened, versions that go backwards, ranges past the
//! end or inside a surrogate pair, a burst of changes, and a storm of cancellations.

use super::*;

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
