//! Journals the way people write them, and what they'd see: one bad line never hides the
//! rest, `allow:` silences what it names, money and dates read the way they're written.

use offer_notes::{check, Config};

fn codes(text: &str) -> Vec<&'static str> {
    check(text, &Config::default())
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

fn messages(text: &str) -> Vec<String> {
    check(text, &Config::default())
        .diagnostics
        .into_iter()
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

#[test]
fn an_impossible_date_is_one_error_and_everything_else_is_still_checked() {
    let text = "today: 2026-11-22\nfloor: $190k base\ndecision-date: 2026-02-30\n\n## Acme\nstatus: live\nbase: around 170\ncounter 2026-11-15: asked $195k, got $178k\n- walk: I'm tired of interviewing and want it to be over\n";
    let report = check(text, &Config::default());
    let invalid: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "invalid-value")
        .collect();
    assert_eq!(invalid.len(), 2);
    assert_eq!(
        invalid[0].message,
        "`decision-date`: `2026-02-30` is not a date: February 2026 has 28 days"
    );
    assert_eq!(&text[invalid[0].span.range()], "2026-02-30");
    assert!(
        invalid[1]
            .message
            .contains("`base`: expected an amount like `$172,000`"),
        "{}",
        invalid[1].message
    );
    // the counter below the broken base line still counts
    assert!(messages(text)
        .iter()
        .any(|m| m == "below-floor: $178,000 is 6.3% below your floor of $190,000"));
}

#[test]
fn every_money_spelling_the_spec_lists_reads_the_same_number() {
    for (written, floor) in [
        ("$172k", "$190k"),
        ("$172,000", "$190,000"),
        ("172000 USD", "190000 USD"),
        ("172_000", "190_000"),
        ("0.172m USD", "0.19m USD"),
    ] {
        let text = format!("today: 2026-11-22\nfloor: {floor}\n## Acme\nstatus: live\nbase: {written}\ndecision-date: 2026-12-01\n");
        assert!(
            messages(&text).contains(
                &"below-floor: $172,000 is 9.5% below your floor of $190,000".to_string()
            ),
            "{written}: {:?}",
            messages(&text)
        );
    }
    let euro = "today: 2026-11-22\nfloor: €100.000\n## Berlin\nstatus: live\nbase: €95.000\ndecision-date: 2026-12-01\n";
    assert!(
        messages(euro)
            .contains(&"below-floor: €95.000 is 5% below your floor of €100.000".to_string()),
        "{:?}",
        messages(euro)
    );
    let million = "today: 2026-11-22\nfloor: 1.2m USD\n## Big\nstatus: live\nbase: $1,100,000\ndecision-date: 2026-12-01\n";
    assert!(messages(million)
        .iter()
        .any(|m| m.contains("$1,100,000 is 8.3% below your floor of $1,200,000")));
}

#[test]
fn a_total_floor_is_measured_against_steady_state_total_comp() {
    // 172k + 10% + 160k/4 = 229,200 steady; sign-on only counts in year 1
    let text = "today: 2026-11-22\nfloor: $240k total\n## Acme\nstatus: live\nbase: $172,000\nbonus: 10%\nequity: $160k over 4 years\nsign-on: $15k\ndecision-date: 2026-12-01\n";
    let report = check(text, &Config::default());
    let comp = report.analysis.offers[0].comp.unwrap();
    assert_eq!(comp.steady.to_string(), "$229,200");
    assert_eq!(comp.year_one.to_string(), "$244,200");
    assert!(messages(text).contains(&"below-floor: Total comp of $229,200 a year is 4.5% below your total-comp floor of $240,000".to_string()), "{:?}", messages(text));
}

#[test]
fn allow_silences_one_section_or_the_whole_file() {
    let body = "## Acme\nstatus: live\nbase: $172,000\ndecision-date: 2026-12-01\n";
    let plain = format!("today: 2026-11-22\nfloor: $190k\n{body}");
    assert!(codes(&plain).contains(&"below-floor"));
    let section = format!("today: 2026-11-22\nfloor: $190k\n{body}allow: below-floor\n## Other\nstatus: live\nbase: $150k\n");
    let found = check(&section, &Config::default());
    let below: Vec<_> = found
        .diagnostics
        .iter()
        .filter(|d| d.code == "below-floor")
        .collect();
    assert_eq!(below.len(), 1, "only the other section still warns");
    assert_eq!(below[0].section, 2);
    let file = format!("today: 2026-11-22\nfloor: $190k\nallow: below-floor, no-decision-date\n{body}## Other\nstatus: live\nbase: $150k\n");
    assert!(!codes(&file).contains(&"below-floor"));
}

#[test]
fn an_unknown_code_in_allow_is_not_silently_ignored() {
    let text = "allow: below-flor\n";
    let found = messages(text);
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("invalid-value") && m.contains("did you mean `below-floor`")),
        "{found:?}"
    );
}

#[test]
fn prose_with_a_colon_is_prose_but_a_typo_of_a_key_is_pointed_out() {
    let text = "Note to self: breathe.\nUpdate: they called back!\nRule of thumb: never decide at night.\nPros: the team.\nflor: $190k\nSalary: $170k\n";
    let found = messages(text);
    let unknown: Vec<_> = found
        .iter()
        .filter(|m| m.starts_with("unknown-key"))
        .collect();
    assert_eq!(unknown.len(), 2, "{found:?}");
    assert!(unknown[0].contains("did you mean `floor`"));
    assert!(unknown[1].contains("did you mean `base`"));
}

#[test]
fn keys_inside_a_draft_are_part_of_the_email() {
    let text = "floor: $190k\n## Acme\nstatus: live\nbase: $200k\n```email decline\nSubject: base: not a key\nHi Dana, thank you. I'd like to stay in touch.\n```\n";
    let report = check(text, &Config::default());
    assert_eq!(
        report.journal.sections[1]
            .base
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "$200,000"
    );
    assert!(!codes(text).contains(&"duplicate-key"));
}

#[test]
fn a_key_written_twice_points_back_at_the_first() {
    let text = "## Acme\nbase: $170k\nbase: $175k\n";
    let report = check(text, &Config::default());
    let dup = report
        .diagnostics
        .iter()
        .find(|d| d.code == "duplicate-key")
        .expect("duplicate-key");
    assert_eq!(dup.related.len(), 1);
    assert_eq!(
        report.journal.sections[1]
            .base
            .as_ref()
            .unwrap()
            .value
            .to_string(),
        "$175,000"
    );
}

#[test]
fn severity_overrides_and_disabled_rules_come_from_config() {
    let text = "today: 2026-11-22\nfloor: $190k\n## Acme\nstatus: live\nbase: $172,000\ndecision-date: 2026-12-01\n";
    let raw =
        offer_notes::settings::RawSettings::from_toml("[severity]\nbelow-floor = \"error\"\n")
            .unwrap();
    let (config, _) = raw.resolve();
    let report = check(text, &config);
    assert_eq!(
        report
            .diagnostics
            .iter()
            .find(|d| d.code == "below-floor")
            .unwrap()
            .severity,
        offer_notes::Severity::Error
    );
    let raw = offer_notes::settings::RawSettings::from_toml("disabled-rules = [\"below-floor\"]\n")
        .unwrap();
    let (config, _) = raw.resolve();
    assert!(!check(text, &config)
        .diagnostics
        .iter()
        .any(|d| d.code == "below-floor"));
}

/// A journal with many offers: walking away from the accepted one is one finding that names
/// the offers it concerns, never one per pair (SPEC §2: output grows with offers, not their square).
#[test]
fn walking_from_an_accepted_offer_toward_many_unwritten_ones_is_one_finding() {
    let journal = |offers: usize| {
        let mut text = String::from(
            "today: 2026-11-30\nfloor: $170k base\ndecision-date: 2026-11-30\n## Acme\nstatus: accepted\nbase: $172k\nin-writing: yes\ndecision 2026-11-30: walk\nreview: 2027-05-30\n",
        );
        for i in 0..offers {
            text.push_str(&format!(
                "## Company {i}\nstatus: live\nbase: $180k\nin-writing: no\n"
            ));
        }
        text
    };
    let diagnostics = check(&journal(200), &Config::default()).diagnostics;
    let found: Vec<&String> = diagnostics
        .iter()
        .filter(|d| d.code == "not-in-writing")
        .map(|d| &d.message)
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("Company 0, Company 1, Company 2 and 197 more"),
        "{}",
        found[0]
    );
    // ten times the offers, at most about ten times the findings
    let small = check(&journal(20), &Config::default()).diagnostics.len();
    assert!(
        diagnostics.len() <= 11 * small,
        "{} vs {small}",
        diagnostics.len()
    );
}

/// Each `# ` heading starts a search with its own profile; only the latest search gets
/// advice about deciding now (SPEC §1 "Searches", "History").
#[test]
fn an_earlier_search_is_history_and_each_search_has_its_own_floor() {
    let text = "\
# Leaving Globex — 2024
today: 2026-11-30
floor: $150k base
runway: 2 months
decision-date: 2024-03-01

## Initech
status: live
base: $120k
scope: weak
manager: weak
decision 2024-03-02: walk

# Leaving Initrode — November 2026
floor: $200k base
decision-date: 2026-12-05

## Acme
status: live
base: $190k
scope: strong
manager: strong
team: strong
";
    let report = check(text, &Config::default());
    let on = |heading: &str| {
        let at = text.find(heading).unwrap();
        let section = report.journal.section_at(at);
        report
            .diagnostics
            .iter()
            .filter(|d| d.section == section)
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>()
    };
    // the 2024 walk: no floor, matrix, runway or process advice (decided-early, no-review-date…)
    let old = on("## Initech");
    for code in [
        "below-floor",
        "quadrant",
        "short-runway",
        "walk-outlasts-runway",
        "decided-early",
        "no-review-date",
    ] {
        assert!(!old.contains(&code), "history got `{code}`: {old:?}");
    }
    // Acme is measured against the 2026 floor ($200k), not the 2024 one ($150k)
    let acme = report.diagnostics.iter().find(|d| d.code == "below-floor");
    assert!(
        acme.is_some_and(|d| d.message.contains("5% below your floor of $200,000")),
        "{:#?}",
        report.diagnostics
    );
    assert_eq!(report.journal.searches.len(), 2);
}

/// A decision made more than a year before `today` is history too, even in one search.
#[test]
fn a_decision_over_a_year_old_gets_no_advice_about_deciding_now() {
    let text = "today: 2026-11-30\nfloor: $190k\ndecision-date: 2024-01-01\n## Acme\nstatus: accepted\nbase: $150k\ndecision 2024-03-02: accept\n";
    let codes = codes(text);
    assert!(!codes.contains(&"below-floor"), "{codes:?}");
    assert!(!codes.contains(&"decided-early"), "{codes:?}");
}

/// A rule code is read as a person may type it, as keys are — and then it takes effect:
/// `BELOW_FLOOR` in a settings file silences `below-floor`, `[severity] Below_Floor` re-levels it.
#[test]
fn a_rule_code_written_like_a_key_takes_effect_in_settings() {
    let text = "today: 2026-11-22\nfloor: $190k\n## Acme\nstatus: live\nbase: $172,000\ndecision-date: 2026-12-01\n";
    let (config, problems) =
        offer_notes::settings::RawSettings::from_toml("disabled-rules = [\"BELOW_FLOOR\"]\n")
            .unwrap()
            .resolve();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(!codes_with(text, &config).contains(&"below-floor"));
    let (config, problems) =
        offer_notes::settings::RawSettings::from_toml("[severity]\nBelow_Floor = \"error\"\n")
            .unwrap()
            .resolve();
    assert!(problems.is_empty(), "{problems:?}");
    let report = check(text, &config);
    let below = report.diagnostics.iter().find(|d| d.code == "below-floor");
    assert_eq!(
        below.map(|d| d.severity),
        Some(offer_notes::Severity::Error)
    );
}

fn codes_with(text: &str, config: &Config) -> Vec<&'static str> {
    check(text, config)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}
