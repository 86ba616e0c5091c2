//! A keystroke the server answers without analysing ([`QuietLines`]) must be one after which
//! a full check reports exactly the same findings at the same lines and columns. Checked over
//! every journal in the repository (examples, rule fixtures, held-out journals written by
//! others) with edits typed into every line, and over random edits of a synthetic journal;
//! and through the server, whose answers to such keystrokes come before their analysis.

mod common;

use common::{comparable, Lsp};
use offer_notes::incremental::QuietLines;
use offer_notes::text::{Encoding, LineIndex};
use offer_notes::{check, Config, Diagnostic};
use proptest::prelude::*;
use serde_json::json;
use std::path::{Path, PathBuf};

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

/// What typing may insert: letters, and everything that can turn prose into something else.
const TYPED: &[&str] = &[
    "x",
    " ",
    "Thinking it over",
    ":",
    ": $190k",
    "flor: $190k",
    "base: $150,000",
    "status: declined",
    "#",
    "## ",
    "### ",
    "# ",
    "```",
    "```email decline",
    "~~~",
    "counter 2026-11-25 asked $140k, got $128k",
    "decision 2026-11-21 walk",
    "- walk: I'm tired",
    "allow: below-floor",
    "$",
    "€",
    "😀",
    "\t",
];

/// What an editor shows: each finding's code, severity, message and where it and the places
/// it points to are, as lines and columns.
fn shown(text: &str) -> Vec<String> {
    let report = check(text, &Config::default());
    let index = LineIndex::new(text);
    let at = |offset: usize| {
        let p = index.line_col(text, offset, Encoding::Utf16);
        format!("{}:{}", p.line, p.col)
    };
    report
        .diagnostics
        .iter()
        .map(|d| {
            let related: Vec<String> = d
                .related
                .iter()
                .map(|r| format!("{}-{} {}", at(r.span.start), at(r.span.end), r.message))
                .collect();
            format!(
                "{} {:?} {}-{} {} {:?}",
                d.code.as_str(),
                d.severity,
                at(d.span.start),
                at(d.span.end),
                d.message,
                related
            )
        })
        .collect()
}

/// The lines where something is reported, as the server computes them.
fn quiet_lines(text: &str) -> QuietLines {
    let report = check(text, &Config::default());
    let index = LineIndex::new(text);
    let loud: Vec<usize> = Diagnostic::offsets(&report.diagnostics)
        .map(|o| index.line_of(o.min(text.len())))
        .collect();
    QuietLines::new(text, loud)
}

/// Replace `line`'s bytes `from..to` by `typed` (`index` is `text`'s); the new text, and the
/// old and new line texts.
fn edited(
    text: &str,
    index: &LineIndex,
    line: usize,
    from: usize,
    to: usize,
    typed: &str,
) -> (String, String, String) {
    let span = index.line_span(text, line);
    let old_line = span.of(text);
    let (from, to) = (from.min(old_line.len()), to.min(old_line.len()));
    let (from, to) = (floor(old_line, from), floor(old_line, to.max(from)));
    let mut new_line = old_line.to_string();
    new_line.replace_range(from..to, typed);
    let mut new_text = text.to_string();
    new_text.replace_range(span.start + from..span.start + to, typed);
    (new_text, old_line.to_string(), new_line)
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn journals() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut stack = vec![root.join("examples"), root.join("tests")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "offer") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Whether the edit was judged quiet; panics if it was and a full check disagrees.
fn try_edit(
    name: &str,
    text: &str,
    index: &LineIndex,
    quiet: &QuietLines,
    before: &[String],
    edit: (usize, usize, usize, &str),
) -> bool {
    let (line, from, to, typed) = edit;
    let (new_text, old_line, new_line) = edited(text, index, line, from, to, typed);
    if !quiet.quiet(line, &old_line, &new_line) {
        return false;
    }
    let after = shown(&new_text);
    assert_eq!(
        before, after,
        "{name}: line {line} {old_line:?} → {new_line:?} was judged quiet, but the findings changed"
    );
    true
}

#[test]
fn a_quiet_edit_never_changes_what_the_editor_shows_in_any_journal_of_the_repository() {
    let (mut quiet_count, mut loud_count) = (0usize, 0usize);
    let files = journals();
    assert!(files.len() > 100, "only {} journals found", files.len());
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.display().to_string();
        let quiet = quiet_lines(&text);
        let before = shown(&text);
        let index = LineIndex::new(&text);
        let lines = index.line_count();
        // (every line of a small journal; about 60 lines, spread out, of a long one)
        for line in (0..lines).step_by(lines.div_ceil(60).max(1)) {
            let len = index.line_span(&text, line).len();
            // one insertion per line in the middle, one typed thing chosen by the line,
            // and deleting the line's first half
            let typed = TYPED[line % TYPED.len()];
            for edit in [
                (line, len / 2, len / 2, typed),
                (line, 0, len / 2, ""),
                (line, len, len, "x"),
            ] {
                if try_edit(&name, &text, &index, &quiet, &before, edit) {
                    quiet_count += 1;
                } else {
                    loud_count += 1;
                }
            }
        }
    }
    eprintln!("{quiet_count} edits judged quiet, {loud_count} not");
    // both verdicts are common: prose is most of a journal, and keys, drafts and findings are many
    assert!(quiet_count > 1000, "only {quiet_count} quiet edits");
    assert!(loud_count > 1000, "only {loud_count} loud edits");
}

#[test]
fn typing_that_could_change_a_finding_is_never_quiet() {
    let text = "floor: $190k\n\n## Acme\nbase: $150,000\nstatus: live\n\nA calm note about the team.\n\n```email decline\nHi Dana, thanks.\n```\n";
    let quiet = quiet_lines(text);
    let line = |needle: &str| text.lines().position(|l| l.starts_with(needle)).unwrap();
    let prose = line("A calm");
    // typing a letter into prose is quiet
    assert!(quiet.quiet(
        prose,
        "A calm note about the team.",
        "A calm note about the teams."
    ));
    // prose that becomes a key, a misspelt key, a heading, a fence or a dated key is not
    for new in [
        "base: $120k",
        "flor: $190k",
        "## Calm",
        "# Calm",
        "```email counter",
        "counter 2026-11-25 asked $140k",
    ] {
        assert!(
            !quiet.quiet(prose, "A calm note about the team.", new),
            "{new}"
        );
    }
    // prose with a colon stays prose; a synonym of a key, or an offer's own key, does not
    assert!(quiet.quiet(
        prose,
        "A calm note about the team.",
        "Note to self: ask about on-call"
    ));
    for new in [
        "salary: $150k",
        "deadline: 2026-12-01",
        "Base salary: $150k",
    ] {
        assert!(
            !quiet.quiet(prose, "A calm note about the team.", new),
            "{new}"
        );
    }
    // a line inside a draft, and a line where a finding sits, are never quiet
    assert!(!quiet.quiet(line("Hi Dana"), "Hi Dana, thanks.", "Hi Dana, thanks!"));
    assert!(!quiet.quiet(line("base:"), "base: $150,000", "base: $150,000 "));
    // a line break typed into prose adds a line: never quiet
    assert!(!quiet.quiet(prose, "A calm note about the team.", "A calm\nnote"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A run of quiet edits keeps the set valid: each edit is checked against a full check of
    /// the text before it, with the set computed once for the first text.
    #[test]
    fn a_run_of_quiet_edits_keeps_every_finding_where_it_was(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..80, 0usize..6, prop::sample::select(TYPED)), 1..12),
    ) {
        let mut text = synthetic::journal(6_000);
        let quiet = quiet_lines(&text);
        let first = shown(&text);
        let lines = LineIndex::new(&text).line_count();
        for (line, at, cut, typed) in edits {
            let line = line.index(lines);
            let index = LineIndex::new(&text);
            let (new_text, old_line, new_line) = edited(&text, &index, line, at, at + cut, typed);
            if quiet.quiet(line, &old_line, &new_line) {
                prop_assert_eq!(&first, &shown(&new_text));
                text = new_text;
            }
        }
    }
}

/// The journal the server is typed into: a floor, a decision date, an offer below the floor
/// and a line of prose (line 8).
const JOURNAL: &str = "today: 2026-11-22\nfloor: $190k\ndecision-date: 2026-12-01\n\n## Acme\nstatus: live\nbase: $172,000\n\nThe team seemed kind.\n";

/// Replace `line`'s characters `from..to` (ASCII) by `typed`, as an editor would.
fn type_into(text: &str, line: usize, from: usize, to: usize, typed: &str) -> String {
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let len = text[start..].find('\n').unwrap_or(text.len() - start);
    let (from, to) = (from.min(len), to.min(len));
    let mut out = text.to_string();
    out.replace_range(start + from..start + to, typed);
    out
}

/// A keystroke that provably changes no diagnostic (typing in prose) is answered without
/// waiting for its analysis; any other never is. A run of keystrokes, the two kinds mixed and
/// some sent two at a time without waiting, each followed by a pull (or, for a push client,
/// the diagnostics shown for that version): every answer is what `check` says of the text
/// the editor has then.
#[test]
fn keystrokes_answered_before_their_analysis_are_always_what_check_says() {
    // (line, from, to, typed, wait for the answer before the next keystroke)
    let keystrokes: &[(usize, usize, usize, &str, bool)] = &[
        (8, 0, 0, "x", true),
        (8, 1, 1, "y", false),
        (8, 2, 2, "z", true),
        (7, 0, 0, "Calm.", true),        // a blank line becomes prose
        (7, 0, 5, "flor: $180k", true),  // prose becomes a misspelt key
        (7, 0, 11, "Calm again.", true), // and prose again, on a line a finding was on
        (8, 0, 3, "", false),
        (6, 14, 14, "0", true), // the base, ten times higher
        (8, 0, 0, "## ", true), // prose becomes a section heading
        (8, 0, 3, "", true),
        (8, 4, 4, "counter 2026-11-25 asked $140k ", true), // a dated key without its colon
        (8, 4, 35, "", false),
        (8, 0, 0, "Note to self: ", true), // prose with a colon stays prose
        (6, 14, 15, "", true),
        (9, 0, 0, "```email decline", true), // a fence opens below the prose
        (8, 0, 0, "Hi", true),
        (10, 0, 0, "Hi Dana,", true), // typed inside the draft
        (8, 0, 0, "q", true),
    ];
    for pull in [true, false] {
        let mut lsp = Lsp::spawn();
        let mut capabilities = json!({});
        if pull {
            capabilities["textDocument"] = json!({"diagnostic": {"dynamicRegistration": false}});
        }
        lsp.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        lsp.notify("initialized", json!({}));
        let u = "file:///tmp/offer-notes-quiet/open.offer";
        let mut text = format!("{JOURNAL}\n");
        lsp.open(u, &text, 1);
        let mut answered = 0;
        for (k, &(line, from, to, typed, wait)) in keystrokes.iter().enumerate() {
            let version = 2 + k as i32;
            lsp.change(
                u,
                version,
                &[(line as u32, from as u32, line as u32, to as u32, typed)],
            );
            text = type_into(&text, line, from, to, typed);
            if !wait {
                continue;
            }
            let shown = if pull {
                let answer = lsp.request(
                    "textDocument/diagnostic",
                    json!({"textDocument": {"uri": u}}),
                );
                answer["result"]["items"].as_array().unwrap().clone()
            } else {
                lsp.diagnostics(u, version)
            };
            let expected = common::expected_diagnostics(&text, offer_notes::text::Encoding::Utf16);
            let mut shown: Vec<_> = shown.iter().map(comparable).collect();
            shown.sort();
            assert_eq!(shown, expected, "after keystroke {k}: {text}");
            answered += 1;
        }
        assert_eq!(answered, 15);
        // requests answered from the analysis see the text as edited
        let hover = lsp.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": u}, "position": {"line": 6, "character": 8}}),
        );
        assert!(
            hover["result"]["contents"].to_string().contains("172"),
            "{hover}"
        );
        let _ = lsp.shutdown_and_exit();
    }
}
