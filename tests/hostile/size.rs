//! Size: a 50 MB document, a document of 200,000 lines, and a single 5 MB line are served.

use super::*;

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
