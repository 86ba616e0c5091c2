//! A panic is contained: in one document's analysis (that document answers errors, the others
//! go on being served) and in the compare command.

use super::*;

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
