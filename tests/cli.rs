//! The `offer-notes` command as a person uses it: the real binary, real files, exit codes.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn offer_notes(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_offer-notes"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run offer-notes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("offer-notes-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn examples_read_like_rustc_in_a_terminal() {
    for example in ["middle-runway", "renege", "strong-small-gap", "weak-walk"] {
        let path = format!("examples/{example}.offer");
        let out = offer_notes(&["check", &path, "--color", "never"]);
        insta::assert_snapshot!(format!("human-{example}"), stdout(&out));
    }
}

#[test]
fn examples_as_json_match_the_spec_shape() {
    for example in ["middle-runway", "renege", "strong-small-gap", "weak-walk"] {
        let path = format!("examples/{example}.offer");
        let out = offer_notes(&["check", "--format", "json", &path]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON array");
        for d in json.as_array().expect("array") {
            let keys: Vec<_> = d.as_object().unwrap().keys().cloned().collect();
            assert_eq!(keys, ["code", "file", "message", "range", "severity"]);
        }
        insta::assert_json_snapshot!(format!("json-{example}"), json);
    }
}

#[test]
fn exit_codes_say_clean_problems_or_bad_input() {
    let dir = scratch("exit");
    let clean = dir.join("clean.offer");
    std::fs::write(
        &clean,
        "# Just thinking\n\nNo offers yet, only notes: a good week.\n",
    )
    .unwrap();
    let out = offer_notes(&["check", clean.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));

    let warned = dir.join("warned.offer");
    std::fs::write(
        &warned,
        "today: 2026-11-22\nfloor: $190k\n\n## Acme\nstatus: live\nbase: $172,000\n",
    )
    .unwrap();
    let out = offer_notes(&["check", warned.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("$172,000 is 9.5% below your floor of $190,000"),
        "{}",
        stdout(&out)
    );

    let out = offer_notes(&["check", "--format", "yaml", warned.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "bad usage");
}

#[test]
fn a_missing_or_non_utf8_file_is_named_and_the_rest_are_still_checked() {
    let dir = scratch("unreadable");
    let good = dir.join("good.offer");
    std::fs::write(&good, "today: 2026-11-22\nfloor: $190k\n\n## Acme\nstatus: live\nbase: $172,000\ndecision-date: 2026-12-01\n").unwrap();
    let latin1 = dir.join("latin1.offer");
    std::fs::write(&latin1, b"floor: \xa3190k\n").unwrap();
    let missing = dir.join("missing.offer");
    let out = offer_notes(&[
        "check",
        "--format",
        "json",
        latin1.to_str().unwrap(),
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one line per unreadable file: {err}");
    assert!(
        lines[0].contains("latin1.offer") && lines[0].contains("UTF-8"),
        "{err}"
    );
    assert!(
        lines[1].contains("missing.offer") && lines[1].contains("no such file"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["code"], "below-floor");
    assert!(json[0]["file"].as_str().unwrap().ends_with("good.offer"));
}

#[test]
fn folders_are_searched_for_offer_and_offer_md_files() {
    let dir = scratch("folder");
    std::fs::create_dir_all(dir.join("2026/nested")).unwrap();
    let journal = "today: 2026-11-22\nfloor: $190k\n\n## Acme\nstatus: live\nbase: $180k\ndecision-date: 2026-12-01\n";
    std::fs::write(dir.join("a.offer"), journal).unwrap();
    std::fs::write(dir.join("2026/nested/b.offer.md"), journal).unwrap();
    std::fs::write(dir.join("2026/notes.md"), journal).unwrap();
    let out = offer_notes(&["check", "--format", "json", dir.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<String> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            Path::new(d["file"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(files, ["b.offer.md", "a.offer"]);
}

#[test]
fn json_columns_are_utf16_like_lsp() {
    // "😀 " is 2 UTF-16 units + 1 space before the key; the amount starts at UTF-16 column 9
    let json = common::check_json(
        "today: 2026-11-22\nfloor: $190k\n## Café ☕\nstatus: live\n😀 base: $172k\n",
    );
    let below = json.iter().find(|d| d["code"] == "below-floor");
    // "😀 base" is not a key (keys start with a letter): prose, so nothing fires on it
    assert!(below.is_none(), "{json:?}");
    let json = common::check_json(
        "today: 2026-11-22\nfloor: $190k\n## Café ☕\nstatus: live\nrole: Lead 😀\nbase:  $172k\n",
    );
    let below = json
        .iter()
        .find(|d| d["code"] == "below-floor")
        .expect("below-floor");
    assert_eq!(
        below["range"]["start"],
        serde_json::json!({"line": 5, "character": 7})
    );
    let quadrant_or_date = json
        .iter()
        .find(|d| d["code"] == "no-decision-date")
        .expect("no-decision-date");
    assert_eq!(quadrant_or_date["range"]["start"]["line"], 3);
}

#[test]
fn explain_prints_the_rule_and_an_unknown_code_lists_the_way_out() {
    let out = offer_notes(&["explain", "below-floor"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("Your floor is the number below which"));
    let out = offer_notes(&["explain", "below-flor"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `below-floor`?"),
        "{}",
        stderr(&out)
    );
    let out = offer_notes(&["explain", "zzz"]);
    assert!(
        stderr(&out).contains("known codes: below-floor,"),
        "{}",
        stderr(&out)
    );
    let out = offer_notes(&["explain"]);
    assert_eq!(
        stdout(&out).lines().count(),
        offer_notes::rules::RULES.len()
    );
}

#[test]
fn explain_a_key_gives_its_meaning_and_an_example() {
    let out = offer_notes(&["explain", "refresher"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("`$40k/yr from year 2`"),
        "{}",
        stdout(&out)
    );
    // in an offer section `deadline` is the company's `expires`, not your decision date
    let out = offer_notes(&["explain", "deadline"]);
    assert!(
        stdout(&out).starts_with("expires (a key)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn compare_prints_every_offer_side_by_side() {
    let out = offer_notes(&["compare", "examples/renege.offer"]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("compare-renege", stdout(&out));
    let out = offer_notes(&[
        "compare",
        "--format",
        "markdown",
        "examples/strong-small-gap.offer",
    ]);
    assert!(stdout(&out).starts_with(
        "| Offer | Status | Year 1 | Year 2 | Year 3 | Year 4 | Steady state | Benefits | Against your floor | Advice | Deadlines |\n"
    ));
    let out = offer_notes(&[
        "compare",
        "--years",
        "2",
        "--format",
        "markdown",
        "examples/strong-small-gap.offer",
    ]);
    assert!(stdout(&out).starts_with(
        "| Offer | Status | Year 1 | Year 2 | Steady state | Benefits | Against your floor | Advice | Deadlines |\n"
    ));
}

/// `offer-notes ARGS` run from `dir`, as a person in that folder would.
fn offer_notes_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_offer-notes"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run offer-notes")
}

const BELOW_FLOOR: &str =
    "today: 2026-11-22\nfloor: $190k\n\n## Acme\nstatus: live\nbase: $172,000\n";

fn codes(out: &Output) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON array");
    json.as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_journal_gets_the_settings_file_beside_it_when_checked_from_another_folder() {
    let dir = scratch("nearest");
    std::fs::create_dir_all(dir.join("j")).unwrap();
    std::fs::write(dir.join("j/x.offer"), BELOW_FLOOR).unwrap();
    std::fs::write(dir.join("y.offer"), BELOW_FLOOR).unwrap();
    std::fs::write(
        dir.join("j/offer-notes.toml"),
        "disabled-rules = [\"below-floor\"]\n",
    )
    .unwrap();
    // from the parent: j/offer-notes.toml applies to j/x.offer, not to y.offer beside it
    let out = offer_notes_in(&dir, &["check", "--format", "json", "j/x.offer"]);
    assert!(
        !codes(&out).contains(&"below-floor".to_string()),
        "{:?}",
        codes(&out)
    );
    let out = offer_notes_in(&dir, &["check", "--format", "json", "y.offer"]);
    assert!(codes(&out).contains(&"below-floor".to_string()));
    // a folder: each journal its own nearest file
    let out = offer_notes_in(&dir, &["check", "--format", "json", "."]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let below: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "below-floor")
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(below.len(), 1, "{below:?}");
    assert!(below[0].ends_with("y.offer"), "{below:?}");
    // from inside j, and from an unrelated folder with an absolute path
    let out = offer_notes_in(&dir.join("j"), &["check", "--format", "json", "x.offer"]);
    assert!(!codes(&out).contains(&"below-floor".to_string()));
    let elsewhere = scratch("nearest-elsewhere");
    let absolute = dir.join("j/x.offer");
    let out = offer_notes_in(
        &elsewhere,
        &["check", "--format", "json", absolute.to_str().unwrap()],
    );
    assert!(!codes(&out).contains(&"below-floor".to_string()));
    // --config still overrides discovery
    std::fs::write(dir.join("plain.toml"), "anchor-years = 3\n").unwrap();
    let out = offer_notes_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--config",
            "plain.toml",
            "j/x.offer",
        ],
    );
    assert!(codes(&out).contains(&"below-floor".to_string()));
}

#[test]
fn a_bad_setting_in_the_file_is_named_as_written_and_the_default_kept() {
    let dir = scratch("nan");
    std::fs::write(dir.join("x.offer"), BELOW_FLOOR).unwrap();
    std::fs::write(
        dir.join("offer-notes.toml"),
        "raise-rate = nan\nsmall-gap-percent = inf\n",
    )
    .unwrap();
    let out = offer_notes_in(&dir, &["check", "x.offer"]);
    assert_eq!(out.status.code(), Some(1), "checked, with the defaults");
    let err = stderr(&out);
    assert!(err.contains("warning"), "{err}");
    assert!(err.contains("raise-rate: expected a yearly raise"), "{err}");
    assert!(err.contains("got nan"), "{err}");
    assert!(err.contains("small-gap-percent:"), "{err}");
    assert!(!err.contains("raiseRate"), "{err}");

    std::fs::write(dir.join("offer-notes.toml"), "raise-rate = = 3\n").unwrap();
    let out = offer_notes_in(&dir, &["check", "x.offer"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unreadable settings file is bad input"
    );
    assert!(
        stderr(&out).contains("cannot read settings"),
        "{}",
        stderr(&out)
    );
}
