//! The held-out journals (tests/heldout/, written from the SPEC and the articles alone, never
//! from the code) run through `check`, as a ratchet: every expectation listed in
//! `tests/heldout/PASSING.txt` must keep holding, and the score is printed so progress shows.
//! When more hold, `UPDATE_HELDOUT=1 cargo test --test heldout` records them.
//!
//! `fire`, `quiet`, `say` and `max-recommendations` are checked here; `number` lines are
//! figures for the hover, `compare` and the report, checked where those surfaces are tested.

use offer_notes::{check, Config};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const DIR: &str = "tests/heldout";
const PASSING: &str = "tests/heldout/PASSING.txt";
const RECOMMENDATIONS: [&str; 4] = ["quadrant", "short-runway", "middle-runway", "long-runway"];

/// One diagnostic as the expectations see it: 1-based line, code, message.
struct Found {
    line: usize,
    code: String,
    message: String,
}

fn journals() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for group in ["advisor", "fuller"] {
        let Ok(entries) = std::fs::read_dir(Path::new(DIR).join(group)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "offer") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn findings(text: &str) -> Vec<Found> {
    let report = check(text, &Config::default());
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    report
        .diagnostics
        .iter()
        .map(|d| Found {
            line: line_of(d.span.start),
            code: d.code.to_string(),
            message: d.message.clone(),
        })
        .collect()
}

/// Whether one expectation line holds; `None` for lines this harness does not check.
fn holds(expectation: &str, found: &[Found], text: &str) -> Option<bool> {
    let mut words = expectation.split_whitespace();
    let verb = words.next()?;
    let line_no = |w: Option<&str>| w.and_then(|w| w.parse::<usize>().ok());
    match verb {
        "fire" | "quiet" => {
            let code = words.next()?;
            let line = line_no(words.next());
            let any = found
                .iter()
                .any(|f| f.code == code && line.is_none_or(|l| f.line == l));
            Some(if verb == "fire" { any } else { !any })
        }
        "say" => {
            let line = line_no(words.next())?;
            let wanted: String = words.collect::<Vec<_>>().join(" ");
            Some(
                found
                    .iter()
                    .any(|f| f.line == line && f.message.contains(&wanted)),
            )
        }
        "max-recommendations" => {
            let heading = line_no(words.next())?;
            let most: usize = words.next()?.parse().ok()?;
            // the section runs from its heading to the next `## ` (or `# `) heading
            let lines: Vec<&str> = text.lines().collect();
            let end = (heading..lines.len())
                .find(|&i| lines[i].starts_with("## ") || lines[i].starts_with("# "))
                .map_or(lines.len(), |i| i);
            let count = found
                .iter()
                .filter(|f| RECOMMENDATIONS.contains(&f.code.as_str()))
                .filter(|f| {
                    // a runway finding sits on the profile's runway line: count it for the
                    // section it names
                    if f.code == "quadrant" {
                        f.line == heading
                    } else {
                        let name = lines.get(heading - 1).map_or("", |h| {
                            h.trim_start_matches('#')
                                .trim()
                                .trim_start_matches("Offer:")
                                .trim()
                        });
                        (f.line >= heading && f.line <= end) || f.message.contains(name)
                    }
                })
                .count();
            Some(count <= most)
        }
        _ => None,
    }
}

#[test]
fn held_out_expectations_that_held_still_hold() {
    let mut holding = BTreeSet::new();
    let mut checked = 0usize;
    let mut misses = Vec::new();
    for path in journals() {
        let text = std::fs::read_to_string(&path).expect("a journal");
        let expect = std::fs::read_to_string(path.with_extension("expect")).unwrap_or_default();
        let found = findings(&text);
        let name = path
            .strip_prefix(DIR)
            .unwrap_or(&path)
            .display()
            .to_string();
        for line in expect.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some(ok) = holds(line, &found, &text) else {
                continue;
            };
            checked += 1;
            let id = format!("{name}: {line}");
            if ok {
                holding.insert(id);
            } else {
                misses.push(id);
            }
        }
    }
    assert!(checked > 0, "no held-out expectations found under {DIR}");
    println!(
        "held-out: {} of {checked} expectations hold ({} do not yet)",
        holding.len(),
        misses.len()
    );
    if std::env::var_os("HELDOUT_MISSES").is_some() {
        println!("{}", misses.join("\n"));
    }
    if std::env::var_os("UPDATE_HELDOUT").is_some() {
        let list: Vec<&str> = holding.iter().map(String::as_str).collect();
        std::fs::write(PASSING, list.join("\n") + "\n").expect("write PASSING.txt");
        return;
    }
    let recorded = std::fs::read_to_string(PASSING).unwrap_or_default();
    let lost: Vec<&str> = recorded
        .lines()
        .filter(|l| !l.is_empty() && !holding.contains(*l))
        .collect();
    let gained = holding
        .iter()
        .filter(|h| !recorded.lines().any(|l| l == h.as_str()))
        .count();
    if gained > 0 {
        println!("{gained} more hold than recorded: UPDATE_HELDOUT=1 cargo test --test heldout");
    }
    assert!(
        lost.is_empty(),
        "held-out expectations that used to hold no longer do:\n{}",
        lost.join("\n")
    );
}
