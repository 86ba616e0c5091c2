//! `examples/EXPECTED.md` says, per example, which codes fire and which must stay quiet; this
//! holds the examples, their snapshots and that page to one voice.

use offer_notes::{check, Config};
use std::collections::BTreeSet;

/// The codes in backticks at the start of a bullet: "- `a`, `b`: why".
fn codes_of(bullet: &str) -> Vec<String> {
    let head = bullet.split(':').next().unwrap_or("");
    head.split('`')
        .skip(1)
        .step_by(2)
        .filter(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'))
        .map(String::from)
        .collect()
}

#[test]
fn every_example_fires_and_stays_quiet_as_its_page_says() {
    let page = std::fs::read_to_string("examples/EXPECTED.md").expect("examples/EXPECTED.md");
    let mut failures = Vec::new();
    let mut checked = 0;
    for block in page.split("\n## `").skip(1) {
        let file = block.split('`').next().unwrap_or("");
        let text = std::fs::read_to_string(format!("examples/{file}"))
            .unwrap_or_else(|e| panic!("examples/{file}: {e}"));
        let found: BTreeSet<String> = check(&text, &Config::default())
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect();
        let mut list = "";
        for line in block.lines() {
            match line.trim() {
                "**fires**" => list = "fires",
                "**must stay quiet**" => list = "quiet",
                l if l.starts_with("- ") => {
                    for code in codes_of(l) {
                        checked += 1;
                        match list {
                            "fires" if !found.contains(&code) => failures
                                .push(format!("{file}: `{code}` should fire; got {found:?}")),
                            "quiet" if found.contains(&code) => {
                                failures.push(format!("{file}: `{code}` should stay quiet"))
                            }
                            _ => {}
                        }
                    }
                }
                l if !l.is_empty() && !l.starts_with("- ") => list = "",
                _ => {}
            }
        }
    }
    assert!(checked > 20, "only {checked} codes read from EXPECTED.md");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_examples_page_names_no_path_outside_the_repository() {
    let page = std::fs::read_to_string("examples/EXPECTED.md").expect("examples/EXPECTED.md");
    for outside in ["../", "/work/", "/home/", "/tmp/", "file://"] {
        assert!(!page.contains(outside), "EXPECTED.md names {outside}");
    }
}
