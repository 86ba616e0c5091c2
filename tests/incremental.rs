//! Incremental re-analysis (only the sections an edit touched are parsed again) must give
//! exactly what a full analysis of the same text gives — after every edit of a random sequence.

use offer_notes::incremental::{chunk_starts, Incremental, Unchanged};
use offer_notes::{check, Config};
use proptest::prelude::*;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

const PIECES: &[&str] = &[
    "",
    "x",
    "\n",
    "\r\n",
    "## ",
    "## New offer\n",
    "status: live\n",
    "base: $150,000\n",
    "floor: $200k\n",
    "```email decline\n",
    "```\n",
    "- walk: I'm tired\n",
    "counter 2026-11-01: asked $1, got $2\n",
    "€",
    "😀",
    ":",
    "#",
    "decision 2026-11-21: walk\n",
    "allow: below-floor\n",
    "today: 2026-11-22\n",
    // every way a heading can start (or nearly start): the full parse and the incremental
    // engine must agree on each, inside and outside fences
    "##\t",
    "##\u{A0}",
    "##x",
    "##\tTab offer\n",
    "##\u{A0}Nbsp offer\n",
    "# Another search\n",
    "#\tTitle\n",
    "```\n",
    "~~~email counter\n",
    "```email decline\nHi,\n## Inside a fence\n",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full_after_every_edit(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0usize..40, prop::sample::select(PIECES), any::<bool>()), 1..25),
        opens_with_section in any::<bool>(),
        hinted in any::<bool>(),
    ) {
        let config = Config::default();
        let mut text = synthetic::journal(6_000);
        if opens_with_section {
            text = text[text.find("## ").unwrap()..].to_string();
        }
        // an engine that is told of every edit keeps no text to compare with (the server's)
        let mut engine = if hinted { Incremental::told_of_edits() } else { Incremental::new() };
        engine.check_edited(&text, &config, None);
        // with `hinted`, the engine is told which bytes at both ends the edits left alone,
        // as the server's store tells it; several edits may come between two analyses
        let mut unchanged = Unchanged::ALL;
        for (at, delete, insert, analyse_now) in edits {
            let mut start = at.index(text.len() + 1);
            while !text.is_char_boundary(start) { start -= 1; }
            let mut end = (start + delete).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            unchanged = unchanged.edit(start, end, text.len());
            text.replace_range(start..end, insert);
            if !analyse_now {
                continue;
            }
            let incremental = if hinted {
                engine.check_edited(&text, &config, Some(unchanged))
            } else {
                engine.check(&text, &config)
            };
            unchanged = Unchanged::ALL;
            let full = check(&text, &config);
            prop_assert_eq!(&incremental.journal, &full.journal);
            prop_assert_eq!(&incremental.diagnostics, &full.diagnostics);
        }
    }
}

#[test]
fn an_edit_reparses_only_the_section_it_touched() {
    let config = Config::default();
    let text = synthetic::journal(20_000);
    let mut inc = Incremental::new();
    let first = inc.check(&text, &config);
    assert_eq!(inc.last_parsed, chunk_starts(&text).len());
    let at = text.find("base: $").unwrap() + 7;
    let edited = format!("{}9{}", &text[..at], &text[at..]);
    let second = inc.check(&edited, &config);
    assert_eq!(inc.last_parsed, 1);
    assert_eq!(second.diagnostics, check(&edited, &config).diagnostics);
    assert_ne!(first.diagnostics, second.diagnostics);
}

#[test]
fn a_keystroke_in_one_section_parses_one_section() {
    let config = Config::default();
    let mut text = synthetic::journal(50_000);
    let mut engine = Incremental::new();
    engine.check(&text, &config);
    let at = text.find("## Company 3\n").unwrap() + 20;
    text.insert(at, 'x');
    let report = engine.check(&text, &config);
    assert_eq!(engine.last_parsed, 1);
    assert_eq!(report.diagnostics, check(&text, &config).diagnostics);
}

/// A `##` heading followed by a tab (or a no-break space) inside an open email fence: the
/// editor's incremental engine and `check` must read it the same way.
#[test]
fn tab_and_nbsp_headings_inside_a_fence_read_the_same_incrementally() {
    let config = Config::default();
    for heading in ["##\tBeta", "##\u{A0}Beta", "##Beta", "##", "#\tNew search"] {
        let text = format!(
            "floor: $190k\n## Acme\nstatus: live\nbase: $150k\n```email decline\nHi Dana,\n{heading}\nstatus: live\nbase: $120k\n```\n"
        );
        let mut engine = Incremental::new();
        engine.check("", &config);
        let incremental = engine.check(&text, &config);
        let full = check(&text, &config);
        assert_eq!(incremental.journal, full.journal, "{heading:?}");
        assert_eq!(incremental.diagnostics, full.diagnostics, "{heading:?}");
    }
}

#[test]
fn naming_the_recruiter_reclassifies_an_unchanged_walk_line() {
    // The reason's text doesn't change, but once `recruiter: Dev Malhotra` is written, "Dev"
    // is one of theirs: the cached classification must not survive the new context.
    let config = Config::default();
    let before = "## Lumen\nstatus: live\nrecruiter: Sam Park\n\
                  - walk: I just feel like Dev pushed back on every reasonable ask\n";
    let after = before.replace("Sam Park", "Dev Malhotra");
    let codes = |report: &offer_notes::Report| -> Vec<&str> {
        report.diagnostics.iter().map(|d| d.code.as_str()).collect()
    };
    let mut engine = Incremental::new();
    let first = engine.check(before, &config);
    assert!(
        codes(&first).contains(&"feeling-not-reason"),
        "{:?}",
        codes(&first)
    );
    let second = engine.check(&after, &config);
    assert!(
        !codes(&second).contains(&"feeling-not-reason"),
        "{:?}",
        codes(&second)
    );
    assert_eq!(second.diagnostics, check(&after, &config).diagnostics);
    // and back: Dev is nobody in particular again
    let third = engine.check(before, &config);
    assert_eq!(codes(&third), codes(&first));
}

#[test]
fn in_a_workspace_an_edit_that_names_the_company_again_gives_what_check_in_gives() {
    // the other journal remembers a walk from Globex; typing the heading turns the rule on,
    // and renaming it to a look-alike turns it off — the engine equals the full check each time
    use offer_notes::history::{records_of_text, Elsewhere};
    let config = Config::default();
    let old = "# 2024\ntoday: 2026-11-30\n## Globex Corp.\nbase: $120,000\ncounter 2024-03-01: asked $140k, got $128k\ndecision 2024-03-02: walk\n";
    let records = records_of_text("old.offer", old, &config);
    let elsewhere = Elsewhere::from_records(&records.records).excluding("new.offer");
    let steps = [
        "# 2026\ntoday: 2026-11-30\nfloor: $150k\n## Initech\nstatus: live\nbase: $151,000\n",
        "# 2026\ntoday: 2026-11-30\nfloor: $150k\n## Globex\nstatus: live\nbase: $151,000\n",
        "# 2026\ntoday: 2026-11-30\nfloor: $150k\n## Globex Labs\nstatus: live\nbase: $151,000\n",
    ];
    let mut engine = Incremental::new();
    let mut fired = Vec::new();
    for text in steps {
        let edited = engine.check_edited_in(text, &config, None, &elsewhere);
        let full = offer_notes::check_in(text, &config, &elsewhere);
        assert_eq!(edited.diagnostics, full.diagnostics);
        assert_eq!(edited.before, full.before);
        fired.push(
            edited
                .diagnostics
                .iter()
                .any(|d| d.code.as_str() == "same-company-again"),
        );
    }
    assert_eq!(fired, [false, true, false]);
}

/// The server's engine keeps no copy of the text: told which bytes an edit left alone, it
/// still parses only the touched section; not told, it parses them all rather than guess.
#[test]
fn an_engine_told_of_edits_reuses_what_it_is_told_and_nothing_else() {
    let config = Config::default();
    let text = synthetic::journal(20_000);
    let mut inc = Incremental::told_of_edits();
    inc.check_edited(&text, &config, None);
    let at = text.find("base: $").unwrap() + 7;
    let edited = format!("{}9{}", &text[..at], &text[at..]);
    let hint = Unchanged::ALL.edit(at, at, text.len());
    let report = inc.check_edited(&edited, &config, Some(hint));
    assert_eq!(inc.last_parsed, 1);
    assert_eq!(report.diagnostics, check(&edited, &config).diagnostics);
    inc.check_edited(&edited, &config, None);
    assert_eq!(inc.last_parsed, chunk_starts(&edited).len());
}
