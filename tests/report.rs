//! The decision report (SPEC §6, issue 15): its structure for every example (snapshots), that
//! it is self-contained, that its figures are the ones `compare` and the hover show, the
//! held-out journals' hand-computed figures, `--redact`, and the `report` command's files.

use offer_notes::present::report::{self, redact, Options};
use offer_notes::{check, Config};
use std::path::{Path, PathBuf};

fn examples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("examples")
        .expect("examples/")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "offer"))
        .collect();
    out.sort();
    assert!(!out.is_empty());
    out
}

fn html_of(path: &Path, redact: bool) -> (String, String) {
    let text = std::fs::read_to_string(path).expect("a journal");
    let report = check(&text, &Config::default());
    let html = report::html(&report, Options { redact });
    (text, html)
}

/// The HTML without its style sheet, one tag a line: what the snapshots keep.
fn structure(html: &str) -> String {
    let start = html.find("<style>").expect("a style sheet");
    let end = html.find("</style>").expect("its end");
    let without = format!("{}<style>…</style>{}", &html[..start], &html[end + 8..]);
    without.replace("><", ">\n<")
}

#[test]
fn every_example_has_the_same_report_structure() {
    for path in examples() {
        let (_, html) = html_of(&path, false);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("report_{name}"), structure(&html));
    }
}

/// Anything that could load from elsewhere when the file is opened.
const OUTSIDE: &[&str] = &["http", "src=", "url(", "@import", "<script", "<link"];

#[test]
fn a_report_loads_nothing_from_anywhere() {
    for path in examples() {
        for redacted in [false, true] {
            let (_, html) = html_of(&path, redacted);
            let lower = html.to_lowercase();
            for needle in OUTSIDE {
                assert!(
                    !lower.contains(needle),
                    "{}: {needle} in the report",
                    path.display()
                );
            }
            assert!(report::is_report(&html), "{}: marker", path.display());
            // every chart names itself and comes with a table
            let charts = html.matches("<svg ").count();
            assert!(charts >= 3, "{}: {charts} charts", path.display());
            assert_eq!(charts, html.matches("<title id=").count());
            assert_eq!(charts, html.matches("<desc id=").count());
            for figure in html.split("<figure").skip(1) {
                let figure = &figure[..figure.find("</figure>").unwrap()];
                assert!(figure.contains("<table>"), "a chart without its table");
            }
        }
    }
}

/// `$50,204` out of a hover's `**$50,204** over 4 years`.
fn hover_costs(md: &str) -> Vec<(String, String)> {
    md.split("**")
        .collect::<Vec<_>>()
        .windows(2)
        .filter_map(|w| {
            let rest = w[1].strip_prefix(" over ")?;
            let years: String = rest.chars().take_while(char::is_ascii_digit).collect();
            (!years.is_empty()).then(|| (w[0].to_string(), years))
        })
        .collect()
}

fn escaped(text: &str) -> String {
    report::svg::escape(text)
}

#[test]
fn the_figures_are_the_ones_compare_and_the_hover_show() {
    let mut costs_seen = 0;
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let checked = check(&text, &Config::default());
        let html = report::html(&checked, Options::default());
        // every cell of compare's table, as compare prints it
        for row in offer_notes::present::compare::rows(&checked) {
            for cell in row.years.iter().chain([&row.steady, &row.cell]) {
                assert!(
                    html.contains(&escaped(cell)),
                    "{}: compare's {cell} is not in the report",
                    path.display()
                );
            }
        }
        // the anchoring cost the heading hover shows, over each of its years
        for a in &checked.analysis.offers {
            let section = &checked.journal.sections[a.section];
            let Some(heading) = section.heading else {
                continue;
            };
            let Some((_, md)) =
                offer_notes::present::hover::hover(&text, &checked, heading.start + 3)
            else {
                continue;
            };
            for (amount, years) in hover_costs(&md) {
                costs_seen += 1;
                let said = format!("{amount} over {years} year");
                assert!(
                    html.contains(&escaped(&said)),
                    "{}: the hover's {said} is not in the report",
                    path.display()
                );
            }
        }
    }
    assert!(costs_seen >= 4, "the examples show anchoring costs");
}

#[test]
fn a_four_year_cost_in_the_report_is_the_hovers_to_the_dollar() {
    // 12% below a $150k floor: 12,000 + 12,360 + 12,730.80 + 13,112.72 at 3%
    let text = "today: 2026-10-23\nfloor: $150k base\nraise-rate: 3%\n## Acme\nstatus: live\nbase: $138,000\nscope: strong\n";
    let checked = check(text, &Config::default());
    let html = report::html(&checked, Options::default());
    assert!(html.contains("$50,204 over 4 years"), "{html}");
    assert!(html.contains("$24,360 over 2 years"), "{html}");
}

/// The heading's words, lower-cased and joined by `-`, punctuation and annotations dropped
/// (tests/heldout/README.md).
fn slug(heading: &str) -> String {
    let mut name = heading.to_string();
    for (open, close) in [('(', ')'), ('[', ']')] {
        while let (Some(a), Some(b)) = (name.find(open), name.find(close)) {
            if b < a {
                break;
            }
            name.replace_range(a..=b, "");
        }
    }
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// A held-out amount (`$142,500`, `€138,888.89`) as the report writes it in that currency.
fn as_written(value: &str) -> Option<String> {
    let currency = ["$", "€", "£"]
        .into_iter()
        .find(|s| value.starts_with(s))
        .and_then(offer_notes::model::Currency::from_symbol)?;
    let number = value.trim_start_matches(['$', '€', '£']).replace(',', "");
    let (units, cents) = number.split_once('.').unwrap_or((&number, "0"));
    let minor = units.parse::<i64>().ok()? * 100 + format!("{cents:0<2}").parse::<i64>().ok()?;
    Some(offer_notes::model::Money::new(minor, currency).to_string())
}

/// The figures a held-out journal's `number` lines give, where the report shows them: each
/// offer's years, steady state, live number and benefits in its own part of the page; the
/// profile's runway and walk cost, and the dates, anywhere.
#[test]
fn the_held_out_figures_are_in_the_report() {
    let mut checked_figures = 0;
    for group in ["tests/heldout/advisor", "tests/heldout/fuller"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(group)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "expect"))
            .collect();
        files.sort();
        for expect in files {
            let journal = expect.with_extension("offer");
            let text = std::fs::read_to_string(&journal).unwrap();
            let checked = check(&text, &Config::default());
            let html = report::html(&checked, Options::default());
            for line in std::fs::read_to_string(&expect).unwrap().lines() {
                let Some(rest) = line.strip_prefix("number ") else {
                    continue;
                };
                let Some((key, value)) = rest.split_once(' ') else {
                    continue;
                };
                let (who, what) = key.split_once('.').unwrap();
                let shown_in_offer = what.starts_with("year") && !what.contains("below")
                    || matches!(
                        what,
                        "steady-state"
                            | "live"
                            | "retirement-match"
                            | "retirement-match-year1"
                            | "pto-value"
                    );
                let anywhere = matches!(
                    what,
                    "walk-cost" | "runway-months" | "expires" | "decision-date"
                );
                if !shown_in_offer && !anywhere {
                    continue;
                }
                let wanted: Vec<String> = match what {
                    "runway-months" => vec![format!("{value} month")],
                    "expires" | "decision-date" => vec![value.to_string()],
                    "walk-cost" => vec![value.to_string()],
                    _ => value
                        .split(['/', '–'])
                        .map(str::trim)
                        .map(|v| as_written(v).unwrap_or_else(|| v.to_string()))
                        .collect(),
                };
                let place = if shown_in_offer {
                    // the offer's own article
                    html.split("<article")
                        .skip(1)
                        .find(|part| {
                            let h3 = &part[part.find("\">").unwrap() + 2..];
                            let h3 = &h3[h3.find('>').unwrap() + 1..h3.find("</h3>").unwrap()];
                            slug(&h3.replace("&amp;", "&")) == who
                        })
                        .unwrap_or_else(|| panic!("{}: no part for {who}", journal.display()))
                        .to_string()
                } else {
                    html.clone()
                };
                for w in wanted {
                    checked_figures += 1;
                    assert!(
                        place.contains(&escaped(&w)),
                        "{}: {key} {w} is not in the report",
                        journal.display()
                    );
                }
            }
        }
    }
    assert!(checked_figures >= 40, "{checked_figures} figures checked");
}

#[test]
fn a_redacted_report_keeps_no_name_and_no_unrounded_amount() {
    for path in examples() {
        let (text, html) = html_of(&path, true);
        let checked = check(&text, &Config::default());
        let words = redact::Words::redacting(&checked);
        let mut names: Vec<String> = words.names().map(str::to_string).collect();
        for (_, s) in checked.journal.offers() {
            names.extend(s.name.clone());
            for f in [&s.recruiter, &s.hiring_manager, &s.referred_by]
                .into_iter()
                .flatten()
            {
                names.push(f.value.clone());
            }
        }
        assert!(!names.is_empty());
        let lower = html.to_lowercase();
        for name in &names {
            let escaped = escaped(name).to_lowercase();
            // as a word: a name that is part of a longer word (Sam in "same") is not the name
            let found = lower.match_indices(&escaped).any(|(i, m)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + m.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            });
            assert!(!found, "{}: {name} survives redaction", path.display());
        }
        assert!(html.contains("Offer A"), "{}", path.display());
        // every amount is already a round thousand
        assert_eq!(
            redact::round_amounts(&html),
            html,
            "{}: an unrounded amount",
            path.display()
        );
        // the figures that were not round thousands are gone
        let (_, plain) = html_of(&path, false);
        let unrounded: Vec<&str> = ["$153,511.20", "$50,204", "$142,500", "€104.360"]
            .into_iter()
            .filter(|a| plain.contains(a))
            .collect();
        for amount in unrounded {
            assert!(!html.contains(amount), "{}: {amount}", path.display());
        }
    }
}

#[test]
fn a_name_quoted_in_a_reason_is_redacted_too() {
    let text = "floor: $150k\n## Lumen Labs\nstatus: live\nbase: $141,250\nrecruiter: Dev Malhotra\n- walk: Dev pushed back on every reasonable ask, and Lumen moved the goalposts\n";
    let checked = check(text, &Config::default());
    let html = report::html(&checked, Options { redact: true });
    for name in ["Dev", "Malhotra", "Lumen"] {
        assert!(!html.contains(name), "{name} in {html}");
    }
    assert!(html.contains("Recruiter A pushed back"), "{html}");
    assert!(html.contains("$141,000"), "{html}");
    assert!(!html.contains("$141,250"), "{html}");
}

#[test]
fn missing_numbers_are_named_not_drawn() {
    let text = "today: 2026-10-23\n## Acme\nstatus: live\nbase: $150k\n";
    let html = report::html(&check(text, &Config::default()), Options::default());
    assert!(
        html.contains("No runway to draw yet: add <code>runway:</code>"),
        "{html}"
    );
    assert!(
        html.contains("No recommendation yet: it needs a floor"),
        "{html}"
    );
    assert!(html.contains("No anchoring cost to draw"), "{html}");
    assert!(html.contains("No floor to draw: add `floor:`"), "{html}");
    // a floor in another currency with no rate: the years are drawn, the floor line is not
    let euros = text.replace("## Acme", "floor: €140.000 base\n## Acme");
    let html = report::html(&check(&euros, &Config::default()), Options::default());
    assert!(
        html.contains("Your floor is in another currency: add an `exchange-rate:`"),
        "{html}"
    );
    assert!(!html.contains("class=\"floor\""), "{html}");
    let burn_only = text.replace("## Acme", "savings: $30k\n## Acme");
    let html = report::html(&check(&burn_only, &Config::default()), Options::default());
    assert!(html.contains("add <code>burn:</code>"), "{html}");
}

// ---- the command ----------------------------------------------------------------------------

fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_offer-notes"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn report_writes_to_stdout_with_checks_exit_codes() {
    let out = run(&["report", "examples/middle-runway.offer"]);
    assert_eq!(out.status.code(), Some(1), "the example has warnings");
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(report::is_report(&html));
    let missing = run(&["report", "no/such/journal.offer"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/journal.offer"));
}

#[test]
fn report_never_overwrites_a_file_that_is_not_a_report() {
    let dir = std::env::temp_dir().join(format!("offer-notes-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("notes.html");
    std::fs::write(&file, "<p>my own notes</p>").unwrap();
    let target = file.to_str().unwrap();
    let refused = run(&["report", "examples/renege.offer", "-o", target]);
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("not an earlier report") && said.contains("--force"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "<p>my own notes</p>"
    );
    // --force replaces it; then a later run replaces its own report without asking
    let forced = run(&["report", "examples/renege.offer", "-o", target, "--force"]);
    assert!(forced.status.code().is_some_and(|c| c < 2), "{forced:?}");
    assert!(report::is_report(&std::fs::read_to_string(&file).unwrap()));
    let again = run(&["report", "examples/renege.offer", "-o", target, "--redact"]);
    assert!(again.status.code().is_some_and(|c| c < 2), "{again:?}");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("Offer A") && !html.contains("Northwind"));
    // a file that is not text at all is not a report either, and reading it never fails
    std::fs::write(&file, [0xff_u8; 5000]).unwrap();
    let binary = run(&["report", "examples/renege.offer", "-o", target]);
    assert_eq!(binary.status.code(), Some(2), "{binary:?}");
    assert_eq!(std::fs::read(&file).unwrap(), vec![0xff_u8; 5000]);
    let _ = std::fs::remove_dir_all(&dir);
}
