//! The hand-computed `number` lines of the held-out fuller journals (tests/heldout/fuller,
//! written from the SPEC alone) against what the analysis computes: years 1–4, steady state,
//! benefits, clawback, walk cost, plan standing and deadlines. The hover and `compare` read
//! the same figures; their own tests check that they show them.

use offer_notes::analysis::{dates, offer_years, runway, OfferAnalysis};
use offer_notes::model::Section;
use offer_notes::present::{compare, hover::hover};
use offer_notes::{check, Config, Report};
use std::path::Path;

fn slug(section: &Section) -> String {
    section
        .company()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The figure the analysis has for `what` of the offer `slug` (or of the profile), as text.
fn figure(report: &Report, slug_wanted: &str, what: &str) -> Option<String> {
    let journal = &report.journal;
    if slug_wanted == "profile" {
        let profile = journal.profile();
        return match what {
            "runway-months" => runway::runway_of(profile)
                .map(|r| format!("{}", r.value.amount_hundredths as f64 / 100.0)),
            "walk-cost" => runway::walk_cost(profile).map(|c| c.sentence()),
            _ => None,
        };
    }
    let a: &OfferAnalysis = report
        .analysis
        .offers
        .iter()
        .find(|a| slug(&journal.sections[a.section]) == slug_wanted)?;
    let section = &journal.sections[a.section];
    let years = offer_years(journal, a, 4);
    let year_of = |n: u32| years.as_ref()?.year(n).copied();
    if let Some(rest) = what.strip_prefix("year") {
        if let Some(n) = rest.strip_suffix("-with-expected-refresher") {
            return year_of(n.parse().ok()?).map(|y| y.with_refresher.to_string());
        }
        if let Ok(n) = rest.parse() {
            return year_of(n).map(|y| y.total.to_string());
        }
    }
    let standing = dates::plan_standing(journal, section, a);
    match what {
        "steady-state" => a.comp.map(|c| c.steady.to_string()),
        "equity-by-year" => years.map(|y| {
            y.years
                .iter()
                .map(|y| y.equity.to_string())
                .collect::<Vec<_>>()
                .join(" / ")
        }),
        "retirement-match" | "retirement-match-year1" => {
            years?.benefits.retirement_match.map(|m| m.to_string())
        }
        "pto-value" => years?.benefits.pto.map(|m| m.to_string()),
        "years-below-floor" => {
            let floor = a.floor?.value;
            let below = years?.below(floor.amount, floor.basis, 4);
            Some(
                below
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        }
        "clawback-repay" => dates::clawback(journal, section).map(|c| c.repay.to_string()),
        "clawback-until" => dates::clawback(journal, section).map(|c| c.until.to_string()),
        "live" => a.live.map(|l| l.base.to_string()),
        "plan-accept-line" => standing?.accept_at.map(|(line, _)| line.to_string()),
        "vs-accept-line" => standing?.accept_at.map(|(_, d)| dates::signed(d)),
        "vs-walk-line" => standing?.walk_below.map(|(_, d)| dates::signed(d)),
        "vs-ask" => standing?.ask.map(|(_, d)| dates::signed(d)),
        "expires" => section.expires.as_ref().map(|e| e.value.to_string()),
        "decision-date" => a.decision_date.map(|d| d.value.to_string()),
        _ => None,
    }
}

/// The text a surface shows for `slug`: the hover on its heading and on its `plan:` line.
fn hover_text(text: &str, report: &Report, slug_wanted: &str) -> Option<String> {
    let section = report
        .journal
        .offers()
        .map(|(_, s)| s)
        .find(|s| slug(s) == slug_wanted)?;
    let mut out = hover(text, report, section.heading?.start + 3)?.1;
    if let Some(plan) = section.plan.as_ref() {
        out.push_str(&hover(text, report, plan.line.start + 1)?.1);
    }
    Some(out)
}

fn journals() -> Vec<std::path::PathBuf> {
    let mut entries: Vec<_> = std::fs::read_dir(Path::new("tests/heldout/fuller"))
        .expect("tests/heldout/fuller")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "offer"))
        .collect();
    entries.sort();
    entries
}

/// `(slug, what, value)` of every `number` line of a journal's `.expect`.
fn numbers(path: &Path) -> Vec<(String, String, String)> {
    let expect = std::fs::read_to_string(path.with_extension("expect")).unwrap();
    expect
        .lines()
        .filter_map(|l| l.strip_prefix("number "))
        .filter_map(|l| {
            let (key, value) = l.split_once(' ')?;
            let (slug, what) = key.split_once('.')?;
            Some((slug.into(), what.into(), value.trim().into()))
        })
        .collect()
}

#[test]
fn the_hover_and_compare_show_the_hand_computed_figures() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    for path in journals() {
        let text = std::fs::read_to_string(&path).unwrap();
        let report = check(&text, &Config::default());
        let rows = compare::rows(&report);
        for (slug_wanted, what, value) in numbers(&path) {
            let shown: Vec<String> = match what.as_str() {
                "years-below-floor" | "runway-months" => continue,
                "equity-by-year" => value.split(" / ").map(String::from).collect(),
                _ => vec![value.clone()],
            };
            if slug_wanted == "profile" {
                // the walk's cost in money is on every offer's heading
                let Some((_, first)) = report.journal.offers().next() else {
                    continue;
                };
                let hovered = hover_text(&text, &report, &slug(first)).unwrap_or_default();
                checked += 1;
                if !hovered.contains(&value) {
                    wrong.push(format!("{}: hover lacks {value}", path.display()));
                }
                continue;
            }
            let hovered = hover_text(&text, &report, &slug_wanted).unwrap_or_default();
            for v in &shown {
                checked += 1;
                if !hovered.contains(v.as_str()) {
                    wrong.push(format!(
                        "{}: {slug_wanted}.{what}: hover lacks {v}",
                        path.display()
                    ));
                }
            }
            let column = match what.as_str() {
                "steady-state" => Some(None),
                w => w
                    .strip_prefix("year")
                    .and_then(|n| n.parse::<usize>().ok())
                    .map(Some),
            };
            if let Some(column) = column {
                let row = rows.iter().find(|r| {
                    slug(&Section {
                        name: Some(r.offer.clone()),
                        ..Section::default()
                    }) == slug_wanted
                });
                let cell = row.and_then(|r| match column {
                    Some(n) => r.years.get(n - 1).cloned(),
                    None => Some(r.steady.clone()),
                });
                checked += 1;
                if cell.as_deref() != Some(value.as_str()) {
                    wrong.push(format!(
                        "{}: {slug_wanted}.{what}: compare shows {cell:?}, not {value}",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(checked >= 60, "only {checked} figures checked");
    assert!(
        wrong.is_empty(),
        "{} of {checked} figures not shown:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn compare_shows_as_many_years_as_asked() {
    let text = std::fs::read_to_string("tests/heldout/fuller/01_backloaded_vesting.offer").unwrap();
    let report = check(&text, &Config::default());
    let two = compare::rows_for(&report, 2);
    assert_eq!(two[0].years, ["$186,000", "$214,800"]);
    let table = compare::markdown(&compare::rows_for(&report, 6));
    assert!(table.starts_with("| Offer | Status | Year 1 | Year 2 | Year 3 | Year 4 | Year 5 | Year 6 | Steady state | Benefits |"), "{table}");
    // year 5 has no equity left to vest: $160,000 × 1.05⁴ = $194,481 base and its 10% bonus
    assert!(table.contains("$213,929.10"), "{table}");
}

#[test]
fn fuller_journals_numbers_match_the_hand_computed_figures() {
    let dir = Path::new("tests/heldout/fuller");
    let mut checked = 0;
    let mut wrong = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/heldout/fuller")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "offer"))
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        let expect = std::fs::read_to_string(path.with_extension("expect")).unwrap();
        let report = check(&text, &Config::default());
        for line in expect.lines().filter(|l| l.starts_with("number ")) {
            let mut words = line.splitn(3, ' ').skip(1);
            let (key, value) = (words.next().unwrap(), words.next().unwrap().trim());
            let (slug, what) = key.split_once('.').unwrap();
            checked += 1;
            let got = figure(&report, slug, what);
            // the walk cost is a sentence that ends with the figures
            let holds = match (&got, what) {
                (Some(g), "walk-cost") => g.ends_with(value),
                (Some(g), _) => g == value,
                (None, _) => false,
            };
            if !holds {
                wrong.push(format!("{}: {key} = {value}, got {got:?}", path.display()));
            }
        }
    }
    assert!(checked >= 50, "only {checked} number lines found");
    assert!(
        wrong.is_empty(),
        "{} of {checked} figures differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn hovering_savings_gives_the_runway_and_the_walks_cost_in_money() {
    let text = std::fs::read_to_string("tests/heldout/fuller/06_clawback_past_savings_burn.offer")
        .unwrap();
    let report = check(&text, &Config::default());
    let at = text.find("savings:").unwrap() + 2;
    let (_, shown) = hover(&text, &report, at).expect("a hover on savings");
    assert!(
        shown.contains("$30,000 ÷ $6,000 a month = **5 months**"),
        "{shown}"
    );
    assert!(
        shown.contains("6–10 weeks at $6,000 a month is $8,300–$13,800 of your $30,000"),
        "{shown}"
    );
}

#[test]
fn the_middle_runway_case_uses_and_names_the_plans_accept_line() {
    let text = std::fs::read_to_string("tests/heldout/fuller/13_plan_followed.offer").unwrap();
    // the same offer before the decision: the counter landed at $149,000
    let open = text.replace("decision 2026-11-30: accept\n", "");
    let report = check(&open, &Config::default());
    let middle: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "middle-runway")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(middle.len(), 1, "{middle:?}");
    // the plan's own accept line ($148,000) replaces the 5% line ($142,500), and is named
    assert!(
        middle[0].contains("at or above your plan's accept line of $148,000: accept it"),
        "{}",
        middle[0]
    );
    // with a counter at $145,000 the 5% line would say accept; the plan says counter again
    let short = open.replace("got $149k", "got $145k");
    let report = check(&short, &Config::default());
    let message = &report
        .diagnostics
        .iter()
        .find(|d| d.code == "middle-runway")
        .expect("middle-runway")
        .message;
    assert!(
        message.contains("accept if it lands at $148,000 or more (your plan's accept line)"),
        "{message}"
    );
}
