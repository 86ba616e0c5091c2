//! What each rule fixture says, not only which codes it raises: every
//! `tests/fixtures/rules/*.offer` is checked and its diagnostics (position, severity, code,
//! message, the text they point at, related places) are kept as one insta snapshot per
//! fixture, so a change to one rule's wording or span shows up in that rule's files.
//!
//! The same fixtures (plus `tests/fixtures/settings/*.offer`) also run under non-default
//! settings written as an `offer-notes.toml` and read through the crate's own config parsing,
//! so a message that ignores a setting shows up as a snapshot that still says the default.
//!
//! Update after an intended change: `INSTA_UPDATE=always cargo test --test rule_snapshots`
//! (or `cargo insta review`), then read the diff.

use offer_notes::settings::RawSettings;
use offer_notes::text::{Encoding, LineIndex};
use offer_notes::{check, Config, Diagnostic};
use std::path::{Path, PathBuf};

const RULE_FIXTURES: &str = "tests/fixtures/rules";
const SETTINGS_FIXTURES: &str = "tests/fixtures/settings";

/// Raise rate, anchor years and the small-gap line all off their defaults (3.5%, 2–4, 5%),
/// and `small-gap` raised from a hint to a warning.
const RAISE5_ANCHOR3_GAP3: &str = r#"
raise-rate = 5
anchor-years = 3
small-gap-percent = 3

[severity]
small-gap = "warning"
"#;

/// A rule turned off by the list, and one turned off by its severity.
const QUADRANT_OFF: &str = r#"
disabled-rules = ["quadrant"]

[severity]
counter-did-not-move = "off"
"#;

/// The fixtures whose findings depend on a setting of `RAISE5_ANCHOR3_GAP3`: they run under
/// it and are snapshotted as `settings_raise5_anchor3_gap3__<fixture>`.
/// `every_fixture_the_settings_change_is_snapshotted_under_them` keeps this list complete.
const UNDER_RAISE5_ANCHOR3_GAP3: &[&str] = &[
    "rules/small-gap.fires",
    "rules/middle-runway.fires",
    // these speak of the anchor years ("the next 2–4 years"), so they should change too
    "rules/long-runway.fires",
    "rules/middle-runway.quiet",
    "rules/below-floor-after-counters.fires",
    "settings/small-gap-within-3",
    "settings/middle-runway-accept-line",
];

/// A few fixtures where `quadrant` or `counter-did-not-move` fire by default, snapshotted
/// with both off; `turning_rules_off_removes_exactly_those_rules` covers every fixture.
const UNDER_QUADRANT_OFF: &[&str] = &[
    "rules/quadrant.fires",
    "rules/small-gap.fires",
    "rules/counter-did-not-move.fires",
];

/// A diagnostic's rule code as the user sees it (whatever type the registry gives it).
fn code_of(d: &Diagnostic) -> String {
    d.code.to_string()
}

fn config_from_toml(toml: &str) -> Config {
    let raw = RawSettings::from_toml(toml).expect("the settings are valid TOML");
    let (config, problems) = raw.resolve();
    assert!(problems.is_empty(), "settings rejected: {problems:?}");
    config
}

/// Every fixture file in `dir`, as (name without `.offer`, path), sorted.
fn fixtures_in(dir: &str) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|entry| entry.expect("a directory entry").path())
        .filter_map(|path| {
            let name = path
                .file_name()?
                .to_str()?
                .strip_suffix(".offer")?
                .to_string();
            Some((name, path))
        })
        .collect();
    out.sort();
    out
}

/// `rules/small-gap.fires` → its path.
fn fixture_path(id: &str) -> PathBuf {
    Path::new("tests/fixtures").join(format!("{id}.offer"))
}

/// The first line of every snapshot: how to read the lines below it.
const LEGEND: &str = "# START-END severity[code] message, in the order `check` emits them. \
Positions are LINE:COLUMN, both 1-based, columns counted in characters, END exclusive. \
`|` is the text the finding points at (its first line; `⏎…` when it runs on), \
`related` a place it was measured against.";

/// The diagnostics of `text` as a person reads them.
fn render(text: &str, config: &Config) -> String {
    let report = check(text, config);
    let mut out = format!("{LEGEND}\n");
    if report.diagnostics.is_empty() {
        out.push_str("(no diagnostics)\n");
        return out;
    }
    let index = LineIndex::new(text);
    let at = |offset: usize| {
        let p = index.line_col(text, offset, Encoding::Utf32);
        format!("{}:{}", p.line + 1, p.col + 1)
    };
    for d in &report.diagnostics {
        out.push_str(&format!(
            "{}-{} {}[{}] {}\n",
            at(d.span.start),
            at(d.span.end),
            d.severity.name(),
            d.code,
            d.message
        ));
        let covered = d.span.of(text);
        let mut lines = covered.lines();
        let first = lines.next().unwrap_or("");
        let more = if lines.next().is_some() {
            " ⏎…"
        } else {
            ""
        };
        out.push_str(&format!("    | {first}{more}\n"));
        for r in &d.related {
            out.push_str(&format!(
                "    related {}-{}: {}\n",
                at(r.span.start),
                at(r.span.end),
                r.message
            ));
        }
    }
    out
}

/// Assert every snapshot, then report all mismatches together instead of stopping at the
/// first, so one run writes every `.snap.new` there is to review.
fn assert_all(snapshots: Vec<(String, String, String)>) {
    let mut failed = Vec::new();
    for (name, description, rendered) in snapshots {
        let result = std::panic::catch_unwind(|| {
            insta::with_settings!({
                description => description.as_str(),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name.as_str(), rendered.as_str());
            });
        });
        if result.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "{} snapshots changed (review the .snap.new files): {}",
        failed.len(),
        failed.join(", ")
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_rule_fixture_says_what_it_should_where_it_should() {
    let config = Config::default();
    // the settings fixtures too, so each has a default to compare its settings snapshot with
    let snapshots = fixtures_in(RULE_FIXTURES)
        .into_iter()
        .chain(fixtures_in(SETTINGS_FIXTURES))
        .map(|(name, path)| {
            let description = format!("{}, default settings", path.display());
            let rendered = render(&read(&path), &config);
            (name, description, rendered)
        })
        .collect();
    assert_all(snapshots);
}

/// `offer-notes.toml` text on one line, for a snapshot's header.
fn one_line(toml: &str) -> String {
    let lines: Vec<&str> = toml
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    format!("`{}`", lines.join(" ; "))
}

fn under_settings(profile: &str, toml: &str, ids: &[&str]) {
    let config = config_from_toml(toml);
    let snapshots = ids
        .iter()
        .map(|id| {
            let path = fixture_path(id);
            let file = id.rsplit('/').next().unwrap_or(id);
            let description = format!("{}, settings {}", path.display(), one_line(toml));
            let rendered = render(&read(&path), &config);
            (format!("settings_{profile}__{file}"), description, rendered)
        })
        .collect();
    assert_all(snapshots);
}

#[test]
fn rule_fixtures_under_raise5_anchor3_gap3() {
    under_settings(
        "raise5_anchor3_gap3",
        RAISE5_ANCHOR3_GAP3,
        UNDER_RAISE5_ANCHOR3_GAP3,
    );
}

#[test]
fn rule_fixtures_under_quadrant_off() {
    under_settings("quadrant_off", QUADRANT_OFF, UNDER_QUADRANT_OFF);
}

#[test]
fn turning_rules_off_removes_exactly_those_rules() {
    // over every fixture, not only the snapshotted ones: nothing else moves
    let config = config_from_toml(QUADRANT_OFF);
    let off = ["quadrant", "counter-did-not-move"];
    let mut removed = 0;
    for (name, path) in all_fixtures() {
        let text = read(&path);
        let mut expected = check(&text, &Config::default()).diagnostics;
        let before = expected.len();
        expected.retain(|d| !off.contains(&code_of(d).as_str()));
        removed += before - expected.len();
        assert_eq!(
            check(&text, &config).diagnostics,
            expected,
            "{name}: turning off {off:?} changed more than those rules"
        );
    }
    assert!(
        removed > 0,
        "no fixture raises {off:?}, so this proves nothing"
    );
}

#[test]
fn the_settings_change_what_the_rules_say() {
    // guards the snapshots above against a setting that quietly does nothing
    let config = config_from_toml(RAISE5_ANCHOR3_GAP3);
    let small_gap = |id: &str, config: &Config| {
        check(&read(&fixture_path(id)), config)
            .diagnostics
            .iter()
            .find(|d| code_of(d) == "small-gap")
            .map(|d| d.severity.name())
    };
    // exactly 5% below the floor: small by default, big once small means 3%
    assert_eq!(
        small_gap("rules/small-gap.fires", &Config::default()),
        Some("hint")
    );
    assert_eq!(small_gap("rules/small-gap.fires", &config), None);
    // within 3%: small under both, and the override makes it a warning
    assert_eq!(
        small_gap("settings/small-gap-within-3", &config),
        Some("warning")
    );
}

/// Every fixture, rules and settings, as (`rules/below-floor.fires`, path).
fn all_fixtures() -> Vec<(String, PathBuf)> {
    fixtures_in(RULE_FIXTURES)
        .into_iter()
        .map(|(name, path)| (format!("rules/{name}"), path))
        .chain(
            fixtures_in(SETTINGS_FIXTURES)
                .into_iter()
                .map(|(name, path)| (format!("settings/{name}"), path)),
        )
        .collect()
}

#[test]
fn every_fixture_the_settings_change_is_snapshotted_under_them() {
    let config = config_from_toml(RAISE5_ANCHOR3_GAP3);
    let default = Config::default();
    let mut missing = Vec::new();
    for (id, path) in all_fixtures() {
        let text = read(&path);
        let changed = render(&text, &default) != render(&text, &config);
        let listed = UNDER_RAISE5_ANCHOR3_GAP3.contains(&id.as_str());
        if changed && !listed {
            missing.push(id);
        }
    }
    assert!(
        missing.is_empty(),
        "RAISE5_ANCHOR3_GAP3 changes what these say; add them to UNDER_RAISE5_ANCHOR3_GAP3:\n{}",
        missing.join("\n")
    );
}
