//! Every rule against journals written for it: `tests/fixtures/rules/<code>.fires.offer`
//! must raise the code, `<code>.quiet.offer` (the nearest miss) must not.
//! `EXPECTED.tsv` lists, per fixture, the codes that must and must not appear.

use offer_notes::{check, rules, Config};
use std::collections::BTreeSet;
use std::path::Path;

const DIR: &str = "tests/fixtures/rules";

struct Row {
    file: String,
    must_fire: Vec<String>,
    must_not_fire: Vec<String>,
}

fn rows() -> Vec<Row> {
    let tsv = std::fs::read_to_string(Path::new(DIR).join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    let list = |s: &str| {
        s.split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect()
    };
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut cols = line.split('\t');
            Row {
                file: cols.next().unwrap_or("").to_string(),
                must_fire: list(cols.next().unwrap_or("")),
                must_not_fire: list(cols.next().unwrap_or("")),
            }
        })
        .collect()
}

fn codes_in(file: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(Path::new(DIR).join(file))
        .unwrap_or_else(|e| panic!("{file}: {e}"));
    check(&text, &Config::default())
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn every_fixture_raises_exactly_what_it_was_written_for() {
    let mut failures = Vec::new();
    for row in rows() {
        let found = codes_in(&row.file);
        for code in &row.must_fire {
            if !found.contains(code) {
                failures.push(format!("{}: expected `{code}`, got {found:?}", row.file));
            }
        }
        for code in &row.must_not_fire {
            if found.contains(code) {
                failures.push(format!(
                    "{}: `{code}` must stay quiet, got {found:?}",
                    row.file
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_registered_rule_has_an_explanation_and_a_fixture_that_fires_it() {
    let rows = rows();
    for rule in rules::RULES {
        assert!(
            rule.explanation(&Default::default()).len() > 80,
            "{} needs a real explanation",
            rule.code
        );
        let fires = format!("{}.fires.offer", rule.code);
        let quiet = format!("{}.quiet.offer", rule.code);
        let row = rows
            .iter()
            .find(|r| r.file == fires)
            .unwrap_or_else(|| panic!("no {fires}"));
        assert!(
            row.must_fire.iter().any(|c| c == rule.code.as_str()),
            "{fires} must expect {}",
            rule.code
        );
        let row = rows
            .iter()
            .find(|r| r.file == quiet)
            .unwrap_or_else(|| panic!("no {quiet}"));
        assert!(
            row.must_not_fire.iter().any(|c| c == rule.code.as_str()),
            "{quiet} must forbid {}",
            rule.code
        );
    }
}
