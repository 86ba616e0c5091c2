//! The lifecycle: requests before `initialize`, an `initialize` that fails or comes twice,
//! requests after `shutdown`, and the exit code with and without it.

use super::*;

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
