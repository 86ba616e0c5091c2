//! The language server through its real stdio, as an editor drives it: initialize with a
//! position encoding, open, type (incrementally, in batches, with CRLF and emoji), close —
//! and what it publishes must equal `offer-notes check --format json` on the same text.

mod common;

use common::{comparable, expected_diagnostics, Comparable, Lsp};
use offer_notes::text::{Encoding, LineCol, LineIndex};
use proptest::prelude::*;
use serde_json::{json, Value};

const URI: &str = "file:///tmp/journal.offer";

const JOURNAL: &str = "# Leaving Initech\r\ntoday: 2026-11-22\r\nfloor: $190k base\r\ndecision-date: 2026-12-01\r\nrunway: 4 months\r\n\r\n## Acme Robotics ☕\r\nstatus: live\r\nrole: Staff Engineer 😀\r\nbase: $172,000\r\nmanager: weak\r\nscope: strong\r\n- walk: I'm tired of interviewing and want it to be over\r\n";

/// `(start_line, start_char, end_line, end_char, new_text)`
type Edit<'a> = (u32, u32, u32, u32, &'a str);

/// Apply an edit given in `encoding` positions to a plain string (the reference model).
fn apply(text: &mut String, encoding: Encoding, (sl, sc, el, ec, new): Edit) {
    let index = LineIndex::new(text);
    let a = index.offset(text, LineCol { line: sl, col: sc }, encoding);
    let b = index.offset(text, LineCol { line: el, col: ec }, encoding);
    text.replace_range(a.min(b)..a.max(b), new);
}

fn published(lsp: &mut Lsp, version: i32) -> Vec<Comparable> {
    let mut out: Vec<_> = lsp
        .diagnostics(URI, version)
        .iter()
        .map(comparable)
        .collect();
    out.sort();
    out
}

fn encoding_name(e: Encoding) -> &'static str {
    match e {
        Encoding::Utf8 => "utf-8",
        _ => "utf-16",
    }
}

#[test]
fn the_position_encoding_is_negotiated() {
    let mut lsp = Lsp::spawn();
    let init = lsp.initialize(&["utf-16"], Value::Null);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental"
    );
    assert_eq!(lsp.shutdown_and_exit(), Some(0));

    let mut lsp = Lsp::spawn();
    let init = lsp.initialize(&["utf-8", "utf-16"], Value::Null);
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
}

#[test]
fn opening_a_journal_publishes_what_check_reports_with_links_and_related_lines() {
    for encoding in [Encoding::Utf16, Encoding::Utf8] {
        let mut lsp = Lsp::spawn();
        lsp.initialize(&[encoding_name(encoding)], Value::Null);
        lsp.open(URI, JOURNAL, 1);
        let diagnostics = lsp.diagnostics(URI, 1);
        let mut got: Vec<_> = diagnostics.iter().map(comparable).collect();
        got.sort();
        assert_eq!(got, expected_diagnostics(JOURNAL, encoding), "{encoding:?}");
        let below = diagnostics
            .iter()
            .find(|d| d["code"] == "below-floor")
            .expect("below-floor");
        assert_eq!(below["source"], "offer-notes");
        assert_eq!(
            below["codeDescription"]["href"],
            "offer-notes://rule/below-floor"
        );
        let related = &below["relatedInformation"][0];
        assert_eq!(related["location"]["uri"], URI);
        assert_eq!(
            related["location"]["range"]["start"]["line"], 2,
            "points at the floor line"
        );
        assert_eq!(related["message"], "your floor");
    }
}

#[test]
fn typing_incrementally_keeps_diagnostics_equal_to_check_in_both_encodings() {
    for encoding in [Encoding::Utf16, Encoding::Utf8] {
        let mut lsp = Lsp::spawn();
        lsp.initialize(&[encoding_name(encoding)], Value::Null);
        let mut text = JOURNAL.to_string();
        lsp.open(URI, &text, 1);
        let emoji_line_end = {
            let index = LineIndex::new(&text);
            let span = index.line_span(&text, 8);
            index.line_col(&text, span.end, encoding).col
        };
        let steps: Vec<Vec<Edit>> = vec![
            // type a counter after the emoji line, one character at a time
            vec![(8, emoji_line_end, 8, emoji_line_end, "\r\n")],
            vec![(9, 0, 9, 0, "c")],
            vec![(9, 1, 9, 1, "ounter 2026-11-20: asked $195k, got $178k")],
            // a batch: change the floor and fix the base in one notification
            vec![(2, 7, 2, 12, "$185k"), (10, 6, 10, 14, "$180,000")],
            // delete across the CRLF joining two lines, then put it back
            vec![(11, 13, 12, 0, "")],
            vec![(11, 13, 11, 13, "\r\n")],
            // a key typed inside the emoji line's text, after the emoji
            vec![(8, emoji_line_end, 8, emoji_line_end, " 🎉")],
        ];
        let mut version = 1;
        for step in steps {
            version += 1;
            lsp.change(URI, version, &step);
            for edit in &step {
                apply(&mut text, encoding, *edit);
            }
        }
        assert!(
            text.contains("counter 2026-11-20: asked $195k, got $178k"),
            "{text}"
        );
        assert_eq!(
            published(&mut lsp, version),
            expected_diagnostics(&text, encoding),
            "{encoding:?}\n{text}"
        );
    }
}

#[test]
fn every_publish_carries_its_version_and_close_clears() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"], Value::Null);
    lsp.open(URI, JOURNAL, 7);
    assert!(!lsp.diagnostics(URI, 7).is_empty());
    let other = "file:///tmp/other.offer";
    lsp.open(other, "floor: $100k\n## B\nstatus: live\nbase: $90k\n", 1);
    assert!(lsp
        .diagnostics(other, 1)
        .iter()
        .any(|d| d["code"] == "below-floor"));
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    let cleared = lsp.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == URI
            && m["params"]["diagnostics"] == json!([])
    });
    assert!(cleared["params"]["version"].is_null());
    // the other document is still served
    lsp.change(other, 2, &[(3, 6, 3, 10, "$120k")]);
    assert!(!lsp
        .diagnostics(other, 2)
        .iter()
        .any(|d| d["code"] == "below-floor"));
}

#[test]
fn a_bad_setting_is_named_in_a_warning_and_the_default_stays() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(
        &["utf-16"],
        json!({"raiseRate": "lots", "disabledRules": ["quadrant"]}),
    );
    let warning = lsp.wait_for(|m| m["method"] == "window/showMessage");
    assert_eq!(warning["params"]["type"], 2, "a warning");
    assert!(warning["params"]["message"]
        .as_str()
        .unwrap()
        .contains("raiseRate"));
    lsp.open(URI, JOURNAL, 1);
    let codes: Vec<_> = lsp
        .diagnostics(URI, 1)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !codes.contains(&"quadrant".to_string()),
        "disabled through initializationOptions"
    );
    assert!(codes.contains(&"below-floor".to_string()));
}

#[test]
fn configuration_changes_are_applied_to_open_documents() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"], Value::Null);
    lsp.open(URI, JOURNAL, 1);
    assert!(lsp
        .diagnostics(URI, 1)
        .iter()
        .any(|d| d["code"] == "below-floor" && d["severity"] == 2));
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"offerNotes": {"severity": {"below-floor": "error"}}}}),
    );
    let republished = lsp.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"].as_array().is_some_and(|a| {
                a.iter()
                    .any(|d| d["code"] == "below-floor" && d["severity"] == 1)
            })
    });
    assert_eq!(republished["params"]["version"], 1);
}

#[test]
fn settings_pulled_with_workspace_configuration_apply() {
    let mut lsp = Lsp::spawn();
    lsp.settings = json!({"disabledRules": ["below-floor"], "smallGapPercent": 10});
    lsp.initialize(&["utf-16"], Value::Null);
    let asked = lsp.wait_for(|m| m["method"] == "workspace/configuration");
    assert_eq!(asked["params"]["items"][0]["section"], "offerNotes");
    lsp.open(URI, JOURNAL, 1);
    let codes: Vec<_> = lsp
        .diagnostics(URI, 1)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(!codes.contains(&"below-floor".to_string()), "{codes:?}");
}

#[test]
fn a_burst_of_keystrokes_is_applied_in_order_and_versions_never_go_back() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"], Value::Null);
    let mut text = JOURNAL.to_string();
    lsp.open(URI, &text, 1);
    let line = "- walk: the recruiter pushed back on every reasonable ask, twice 😀";
    let index = LineIndex::new(&text);
    let last = index.line_count() as u32 - 1;
    let mut col = 0;
    let mut version = 1;
    for ch in line.chars() {
        let s = ch.to_string();
        version += 1;
        lsp.change(URI, version, &[(last, col, last, col, &s)]);
        apply(&mut text, Encoding::Utf16, (last, col, last, col, &s));
        col += ch.len_utf16() as u32;
    }
    assert!(text.ends_with(line));
    assert_eq!(
        published(&mut lsp, version),
        expected_diagnostics(&text, Encoding::Utf16)
    );
    let versions: Vec<i64> = lsp
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "published out of order: {versions:?}"
    );
}

#[test]
fn offer_notes_toml_at_the_workspace_root_is_read_and_never_written() {
    let root = std::env::temp_dir().join(format!("offer-notes-root-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("offer-notes.toml"),
        "disabled-rules = [\"below-floor\"]\n",
    )
    .unwrap();
    let before: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let mut lsp = Lsp::spawn();
    let root_uri = format!("file://{}", root.display());
    lsp.request(
        "initialize",
        json!({"processId": null, "rootUri": root_uri, "capabilities": {}}),
    );
    lsp.notify("initialized", json!({}));
    lsp.open(URI, JOURNAL, 1);
    let codes: Vec<_> = lsp
        .diagnostics(URI, 1)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(!codes.contains(&"below-floor".to_string()), "{codes:?}");
    lsp.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
    let after: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after);
    assert_eq!(
        std::fs::read_to_string(root.join("offer-notes.toml")).unwrap(),
        "disabled-rules = [\"below-floor\"]\n"
    );
}

#[test]
fn the_default_log_level_carries_no_document_text_or_amounts() {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&["utf-16"], Value::Null);
    lsp.open(URI, JOURNAL, 1);
    lsp.diagnostics(URI, 1);
    lsp.change(URI, 2, &[(9, 6, 9, 14, "$171,000")]);
    lsp.diagnostics(URI, 2);
    let stderr = lsp.stderr.clone();
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
    // stderr is drained by a thread: give it a moment after exit
    std::thread::sleep(std::time::Duration::from_millis(100));
    let log = stderr.lock().unwrap().clone();
    assert!(log.contains("open"), "the log is written: {log}");
    let log = common::without_timestamps(&log);
    for needle in [
        "172",
        "171",
        "190",
        "tired",
        "Acme",
        "Staff",
        "interviewing",
    ] {
        assert!(
            !log.contains(needle),
            "{needle:?} leaked into the log:\n{log}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random edit sequences through the server end on the same diagnostics as `check`.
    #[test]
    fn random_edits_through_the_server_match_check_on_the_final_text(
        edits in proptest::collection::vec((0u32..16, 0u32..40, 0u32..3, 0u32..12, prop_oneof![
            Just(""), Just("a"), Just("\r\n"), Just("\n"), Just("😀"), Just("é"), Just(": "), Just("$"),
            Just("floor: $200k\n"), Just("base: $150,000\n"), Just("## New Offer\nstatus: live\n"),
            Just("- walk: I'm scared\n"), Just("counter 2026-11-01: asked $1, got $2\n"), Just("```email decline\n"),
        ]), 1..12),
        utf8 in any::<bool>(),
    ) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let mut lsp = Lsp::spawn();
        lsp.initialize(&[encoding_name(encoding)], Value::Null);
        let mut text = JOURNAL.to_string();
        lsp.open(URI, &text, 1);
        let mut version = 1;
        for (line, col, lines, cols, insert) in edits {
            // positions a client could send: sometimes past the end, never inside a character
            let index = LineIndex::new(&text);
            let start = index.offset(&text, LineCol { line, col }, encoding);
            let start_lc = index.line_col(&text, start, encoding);
            let end = index.offset(&text, LineCol { line: line + lines, col: cols }, encoding).max(start);
            let end_lc = index.line_col(&text, end, encoding);
            let edit = (start_lc.line, start_lc.col, end_lc.line, end_lc.col, insert);
            version += 1;
            lsp.change(URI, version, &[edit]);
            apply(&mut text, encoding, edit);
        }
        prop_assert_eq!(published(&mut lsp, version), expected_diagnostics(&text, encoding), "final text:\n{}", text);
    }
}
