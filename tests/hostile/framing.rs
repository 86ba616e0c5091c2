//! Framing and JSON-RPC: bodies that are not JSON or not JSON-RPC, Content-Length headers that
//! lie or are missing, invalid UTF-8, unknown methods and params of the wrong shape.

use super::*;

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
