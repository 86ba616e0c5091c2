//! Editor intelligence through the real server over stdio: hovers with the projection's
//! numbers, code actions applied and re-checked, completion, symbols, tokens, hints,
//! folding, formatting and the compare lens — in UTF-16 and UTF-8, with non-ASCII text.

mod common;

use common::Lsp;
use offer_notes::text::{Encoding, LineCol, LineIndex};
use offer_notes::{check, Config};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/features.offer";

const JOURNAL: &str = "# Leaving Initech — Zürich 😀\ntoday: 2026-11-22\nfloor: $190k base\nrunway: 4 months\n\n## Acme Robotics ☕\nstatus: live\nrecruiter: Dana Lee\nrole: Staff Engineer\nbase:  $172,000\nbonus: 10%\nequity: $160k over 4 years\nscope: strong\nmanager: weak\ncounter 2026-11-15: asked $195k, got $178k\n- walk: j'ai peur 😀 — I'm scared and tired of interviewing\n";

fn enc(e: Encoding) -> &'static str {
    if e == Encoding::Utf8 {
        "utf-8"
    } else {
        "utf-16"
    }
}

/// The LSP position of the `nth` occurrence of `needle` (plus `extra` characters).
fn pos(text: &str, needle: &str, extra: usize, e: Encoding) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in text"));
    let at = at
        + needle[..0].len()
        + text[at..]
            .chars()
            .take(extra)
            .map(char::len_utf8)
            .sum::<usize>();
    let lc = LineIndex::new(text).line_col(text, at, e);
    json!({"line": lc.line, "character": lc.col})
}

/// Apply LSP text edits (in encoding `e`) to `text`.
fn apply(text: &str, edits: &[Value], e: Encoding) -> String {
    let index = LineIndex::new(text);
    let off = |p: &Value| {
        index.offset(
            text,
            LineCol {
                line: p["line"].as_u64().unwrap() as u32,
                col: p["character"].as_u64().unwrap() as u32,
            },
            e,
        )
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|edit| {
            (
                off(&edit["range"]["start"]),
                off(&edit["range"]["end"]),
                edit["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

fn open(e: Encoding) -> Lsp {
    let mut lsp = Lsp::spawn();
    lsp.initialize(&[enc(e)], Value::Null);
    lsp.open(URI, JOURNAL, 1);
    lsp.diagnostics(URI, 1);
    lsp
}

fn doc() -> Value {
    json!({"uri": URI})
}

#[test]
fn hovering_the_live_number_shows_the_anchoring_projection() {
    for e in [Encoding::Utf16, Encoding::Utf8] {
        let mut lsp = open(e);
        let hover = lsp.request(
            "textDocument/hover",
            json!({"textDocument": doc(), "position": pos(JOURNAL, "$178k", 1, e)}),
        );
        let md = hover["result"]["contents"]["value"]
            .as_str()
            .expect("markdown hover")
            .to_string();
        // 190,000 − 178,000 = 12,000 in year 1; × 1.035 = 12,420 in year 2; 4 years at 3.5% = 50,579
        assert!(
            md.contains("| Year | Theirs | Your floor | Gap | Cumulative |"),
            "{md}"
        );
        assert!(
            md.contains(r"| 1 | \$178,000 | \$190,000 | \$12,000 | \$12,000 |"),
            "{md}"
        );
        assert!(
            md.contains(r"| 2 | \$184,230 | \$196,650 | \$12,420 | \$24,420 |"),
            "{md}"
        );
        assert!(
            md.contains(r"**\$24,420** over 2 years and **\$50,579** over 4 years"),
            "{md}"
        );
        assert!(md.contains("year 4 ████████████████████  $50,579"), "{md}");
        assert!(
            md.contains("your next negotiation's anchor starts from it"),
            "{md}"
        );
        assert!(md.contains("6–10 weeks") && md.contains("15–20%"), "{md}");
        assert_eq!(hover["result"]["range"]["start"]["line"], 14, "{e:?}");
    }
}

#[test]
fn hovering_after_an_emoji_lands_on_the_right_line_part_in_both_encodings() {
    for e in [Encoding::Utf16, Encoding::Utf8] {
        let mut lsp = open(e);
        // the walk line: the cursor after "😀" must still be on the reason
        let hover = lsp.request(
            "textDocument/hover",
            json!({"textDocument": doc(), "position": pos(JOURNAL, "😀 — I'm", 3, e)}),
        );
        let md = hover["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(md.starts_with("**Walk reason: a feeling"), "{e:?}: {md}");
        assert!(md.contains("\"scared\""), "{md}");
        // the heading, after "☕"
        let hover = lsp.request(
            "textDocument/hover",
            json!({"textDocument": doc(), "position": pos(JOURNAL, "☕", 1, e)}),
        );
        let md = hover["result"]["contents"]["value"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            md.contains("### Acme Robotics ☕") && md.contains(r"Total comp **\$235,800**/yr"),
            "{md}"
        );
        // status: what to do next
        let hover = lsp.request(
            "textDocument/hover",
            json!({"textDocument": doc(), "position": pos(JOURNAL, "status: live", 9, e)}),
        );
        assert!(hover["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Status: live.**"));
    }
}

fn actions_at(lsp: &mut Lsp, position: Value) -> Vec<Value> {
    let r = lsp.request("textDocument/codeAction", json!({"textDocument": doc(), "range": {"start": position, "end": position}, "context": {"diagnostics": []}}));
    r["result"].as_array().cloned().unwrap_or_default()
}

fn edits_of(action: &Value) -> Vec<Value> {
    action["edit"]["changes"][URI].as_array().cloned().unwrap()
}

#[test]
fn the_decline_draft_is_inserted_filled_in_and_passes_the_draft_rules() {
    for e in [Encoding::Utf16, Encoding::Utf8] {
        let mut lsp = open(e);
        let actions = actions_at(&mut lsp, pos(JOURNAL, "## Acme", 3, e));
        let decline = actions
            .iter()
            .find(|a| a["title"] == "Insert a decline draft for Acme Robotics ☕")
            .expect("decline draft");
        assert_eq!(decline["kind"], "quickfix");
        let text = apply(JOURNAL, &edits_of(decline), e);
        assert!(
            text.starts_with(JOURNAL.trim_end()),
            "the journal is untouched above the draft"
        );
        let block = &text[text.find("```email decline").expect("a decline block")..];
        assert!(block.contains("Dana"), "{block}");
        assert!(block.trim_end().ends_with("```"), "{block}");
        let codes: Vec<_> = check(&text, &Config::default())
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(
            !codes.iter().any(|c| c.starts_with("draft-")),
            "{codes:?}\n{text}"
        );
        // and the editor sees the same once it applies the edit
        let version = 2;
        lsp.notify("textDocument/didChange", json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}));
        let published = lsp.diagnostics(URI, version);
        assert!(!published
            .iter()
            .any(|d| d["code"].as_str().unwrap().starts_with("draft-")));
    }
}

#[test]
fn quick_fixes_clear_the_diagnostic_they_fix() {
    let e = Encoding::Utf16;
    let mut lsp = open(e);
    let actions = actions_at(&mut lsp, pos(JOURNAL, "status: live", 0, e));
    let set_date = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Set a decision date")
        })
        .expect("set date fix");
    assert_eq!(
        set_date["title"],
        "Set a decision date: tomorrow, 2026-11-23"
    );
    assert_eq!(set_date["diagnostics"][0]["code"], "no-decision-date");
    let text = apply(JOURNAL, &edits_of(set_date), e);
    assert!(text.contains("status: live\nrecruiter: Dana Lee\nrole: Staff Engineer\nbase:  $172,000\ndecision-date: 2026-11-23\n"), "{text}");
    assert!(!check(&text, &Config::default())
        .diagnostics
        .iter()
        .any(|d| d.code == "no-decision-date"));

    let allow = actions
        .iter()
        .find(|a| a["title"] == "Allow `no-decision-date` in Acme Robotics ☕")
        .expect("allow fix");
    let text = apply(JOURNAL, &edits_of(allow), e);
    assert!(!check(&text, &Config::default())
        .diagnostics
        .iter()
        .any(|d| d.code == "no-decision-date"));
}

#[test]
fn completion_offers_keys_and_values_from_the_line_so_far() {
    let e = Encoding::Utf16;
    let mut lsp = open(e);
    let text = format!("{JOURNAL}status: ");
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let end = LineIndex::new(&text).line_col(&text, text.len(), e);
    let r = lsp.request(
        "textDocument/completion",
        json!({"textDocument": doc(), "position": {"line": end.line, "character": end.col}}),
    );
    let labels: Vec<&str> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels[..3], ["current", "live", "accepted"]);
    let text = format!("{JOURNAL}- ");
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    let end = LineIndex::new(&text).line_col(&text, text.len(), e);
    let r = lsp.request(
        "textDocument/completion",
        json!({"textDocument": doc(), "position": {"line": end.line, "character": end.col}}),
    );
    let items = r["result"].as_array().unwrap();
    let base = items
        .iter()
        .find(|i| i["label"] == "base")
        .expect("base key");
    assert_eq!(
        base["documentation"]["value"],
        "Yearly base salary: `$172,000`."
    );
    let counter = items
        .iter()
        .find(|i| i["label"] == "counter")
        .expect("counter snippet");
    assert_eq!(counter["insertTextFormat"], 2);
}

#[test]
fn outline_tokens_hints_folding_and_formatting() {
    for e in [Encoding::Utf16, Encoding::Utf8] {
        let mut lsp = open(e);
        let symbols = lsp.request(
            "textDocument/documentSymbol",
            json!({"textDocument": doc()}),
        );
        let names: Vec<&str> = symbols["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Profile", "Acme Robotics ☕"]);
        assert_eq!(
            symbols["result"][1]["detail"],
            "$235,800/yr total · 6.3% below floor · live"
        );

        let tokens = lsp.request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc()}),
        );
        let data: Vec<u64> = tokens["result"]["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(
            data[..5],
            [1, 0, 5, 0, 0],
            "first token: `today` on line 1, a property"
        );
        assert_eq!(data[5..10], [0, 7, 10, 2, 0], "then the date");
        assert_eq!(
            data[10..20],
            [1, 0, 5, 0, 0, 0, 7, 10, 1, 0],
            "then `floor` and `$190k base`, an amount"
        );

        let hints = lsp.request("textDocument/inlayHint", json!({"textDocument": doc(), "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}));
        let labels: Vec<&str> = hints["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["label"].as_str().unwrap())
            .collect();
        assert_eq!(labels, [" ≈ $235,800/yr total", " −6.3% vs floor"]);

        let folds = lsp.request("textDocument/foldingRange", json!({"textDocument": doc()}));
        assert_eq!(folds["result"][0]["startLine"], 5);
        assert_eq!(folds["result"][0]["endLine"], 15);

        let formatted = lsp.request(
            "textDocument/formatting",
            json!({"textDocument": doc(), "options": {"tabSize": 4, "insertSpaces": true}}),
        );
        let text = apply(JOURNAL, formatted["result"].as_array().unwrap(), e);
        assert!(
            text.contains("status:    live\nrecruiter: Dana Lee\n"),
            "{text}"
        );
        assert!(
            text.contains("- walk: j'ai peur 😀"),
            "reasons keep their text"
        );
        assert!(
            text.contains("# Leaving Initech — Zürich 😀\n"),
            "prose untouched"
        );
    }
}

#[test]
fn the_compare_lens_runs_the_compare_command() {
    let mut lsp = open(Encoding::Utf16);
    let lenses = lsp.request("textDocument/codeLens", json!({"textDocument": doc()}));
    let command = &lenses["result"][0]["command"];
    assert_eq!(command["title"], "Show the offer's numbers");
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let md = r["result"].as_str().unwrap();
    assert!(
        md.contains(
            r"| Acme Robotics ☕ | live | \$235,800 | \$242,653 | \$249,745.86 | \$257,086.96 | \$235,800 | — | 6.3% below | 4 months of runway: one more counter; accept at \$180,500 | — |"
        ),
        "{md}"
    );
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": "nope", "arguments": []}),
    );
    assert_eq!(r["error"]["code"], -32602);
}

#[test]
fn the_report_command_returns_the_journals_decision_report() {
    let mut lsp = open(Encoding::Utf16);
    let r = lsp.request(
        "workspace/executeCommand",
        json!({"command": "offer-notes.report", "arguments": [URI]}),
    );
    let html = r["result"].as_str().unwrap_or_else(|| panic!("{r}"));
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h1>Decision report</h1>"), "{html}");
    // the same figures compare shows for the open text
    assert!(html.contains("$249,745.86"), "{html}");
    let closed = lsp.request(
        "workspace/executeCommand",
        json!({"command": "offer-notes.report", "arguments": ["file:///nowhere.offer"]}),
    );
    assert_eq!(closed["error"]["code"], -32602, "{closed}");
}

/// Markdown outside code spans and fences has no bare `$` (renderers with TeX support would
/// typeset the text between two amounts as maths).
fn bare_dollars(md: &str) -> Vec<String> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // drop code spans, then escaped dollars
        let mut prose = String::new();
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                prose.push_str(part);
            }
        }
        if prose.replace("\\$", "").contains('$') {
            out.push(line.to_string());
        }
    }
    out
}

#[test]
fn hovers_and_the_comparison_never_leave_a_bare_dollar_for_maths_renderers() {
    let mut lsp = open(Encoding::Utf16);
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": doc(), "position": pos(JOURNAL, "$178k", 1, Encoding::Utf16)}),
    );
    let md = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(md.matches('$').count() >= 4, "{md}");
    assert_eq!(bare_dollars(md), Vec::<String>::new(), "{md}");
    let compare = lsp.request(
        "workspace/executeCommand",
        json!({"command": "offer-notes.compare", "arguments": [URI]}),
    );
    let md = compare["result"].as_str().unwrap();
    assert_eq!(bare_dollars(md), Vec::<String>::new(), "{md}");
}

#[test]
fn rule_links_are_offer_notes_urls_the_explain_command_answers() {
    let mut lsp = Lsp::spawn();
    let init = lsp.initialize(&["utf-16"], Value::Null);
    let commands = &init["result"]["capabilities"]["executeCommandProvider"]["commands"];
    assert_eq!(
        commands,
        &json!([
            "offer-notes.compare",
            "offer-notes.report",
            "offer-notes.explain"
        ]),
        "{init}"
    );
    lsp.open(URI, JOURNAL, 1);
    let diagnostics = lsp.diagnostics(URI, 1);
    assert!(!diagnostics.is_empty());
    for d in &diagnostics {
        let code = d["code"].as_str().unwrap();
        let href = d["codeDescription"]["href"].as_str().unwrap();
        assert_eq!(href, format!("offer-notes://rule/{code}"));
        // following the link: the server answers with the rule's page, as `explain` shows it
        for argument in [href, code] {
            let page = lsp.request(
                "workspace/executeCommand",
                json!({"command": "offer-notes.explain", "arguments": [argument]}),
            );
            let page = page["result"].as_str().unwrap_or_else(|| panic!("{page}"));
            assert!(page.starts_with(&format!("# `{code}`")), "{page}");
            assert!(page.contains(&format!("allow: {code}")), "{page}");
        }
    }
    let unknown = lsp.request(
        "workspace/executeCommand",
        json!({"command": "offer-notes.explain", "arguments": ["below-flor"]}),
    );
    assert_eq!(unknown["error"]["code"], -32602);
    assert!(
        unknown["error"]["message"]
            .as_str()
            .unwrap()
            .contains("below-floor"),
        "{unknown}"
    );
}

#[test]
fn a_docs_url_from_the_client_or_the_environment_overrides_rule_links() {
    let mut lsp = Lsp::spawn_with(
        &[("OFFER_NOTES_DOCS_URL", "https://env.example/rules")],
        None,
    );
    lsp.initialize(&["utf-16"], Value::Null);
    lsp.open(URI, JOURNAL, 1);
    let d = lsp.diagnostics(URI, 1);
    let below = d.iter().find(|d| d["code"] == "below-floor").unwrap();
    assert_eq!(
        below["codeDescription"]["href"],
        "https://env.example/rules/below-floor.md"
    );

    let mut lsp = Lsp::spawn_with(
        &[("OFFER_NOTES_DOCS_URL", "https://env.example/rules")],
        None,
    );
    lsp.initialize(
        &["utf-16"],
        json!({"docsUrl": "https://docs.example/offer-notes/rules/"}),
    );
    lsp.open(URI, JOURNAL, 1);
    let d = lsp.diagnostics(URI, 1);
    let below = d.iter().find(|d| d["code"] == "below-floor").unwrap();
    assert_eq!(
        below["codeDescription"]["href"],
        "https://docs.example/offer-notes/rules/below-floor.md"
    );
}
