//! Hover, in process: each fixture is a journal with `$0` where the cursor is (as
//! rust-analyzer writes its tests). The marker is taken out, the journal is checked, and the
//! core hover (`present::hover::hover`) is asked at that byte offset — no server, no LSP
//! positions. The Markdown it returns is kept as an insta snapshot, headed by the line the
//! cursor is on and the text the hover covers. The stdio tests in `lsp_features.rs` cover
//! the same feature through the server.
//!
//! Update after an intended change: `INSTA_UPDATE=always cargo test --test hover` (or
//! `cargo insta review`), then read the diff.

use offer_notes::present::hover::hover;
use offer_notes::settings::RawSettings;
use offer_notes::{check, Config};

const CURSOR: &str = "$0";

/// The same non-default settings as `rule_snapshots.rs`: raise rate, anchor years and the
/// small-gap line off their defaults (3.5%, 2–4 years, 5%).
const RAISE5_ANCHOR3_GAP3: &str = r#"
raise-rate = 5
anchor-years = 3
small-gap-percent = 3

[severity]
small-gap = "warning"
"#;

fn config_from_toml(toml: &str) -> Config {
    let (config, problems) = RawSettings::from_toml(toml)
        .expect("the settings are valid TOML")
        .resolve();
    assert!(problems.is_empty(), "settings rejected: {problems:?}");
    config
}

/// The journal without its cursor marker, and the marker's byte offset.
fn take_cursor(fixture: &str) -> (String, usize) {
    let offset = fixture
        .find(CURSOR)
        .expect("the fixture marks the cursor with $0");
    let text = format!(
        "{}{}",
        &fixture[..offset],
        &fixture[offset + CURSOR.len()..]
    );
    assert!(!text.contains(CURSOR), "one cursor per fixture");
    (text, offset)
}

/// What hovering at `$0` shows: the cursor's line, the text the hover covers, the Markdown.
/// `None` when there is nothing to show.
fn hover_at(fixture: &str, config: &Config) -> Option<String> {
    let (text, offset) = take_cursor(fixture);
    let report = check(&text, config);
    let (span, markdown) = hover(&text, &report, offset)?;
    // the fixture's line that holds the marker, marker included
    let line_start = fixture[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = fixture[offset..]
        .find('\n')
        .map_or(fixture.len(), |i| offset + i);
    let cursor_line = &fixture[line_start..line_end];
    assert!(
        span.contains(offset),
        "the hover covers {span:?}, which does not hold the cursor at {offset}"
    );
    Some(format!(
        "cursor: {cursor_line}\ncovers: {}\n\n{markdown}\n",
        span.of(&text)
    ))
}

/// Snapshot the hover at `$0` under the default settings, as `hover__<name>.snap`.
fn assert_hover(name: &str, fixture: &str) {
    snapshot(name, "default settings", fixture, &Config::default());
}

/// Snapshot the hover at `$0` under the settings of an `offer-notes.toml`.
fn assert_hover_with(name: &str, toml: &str, fixture: &str) {
    let lines: Vec<&str> = toml
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let settings = format!("settings `{}`", lines.join(" ; "));
    snapshot(name, &settings, fixture, &config_from_toml(toml));
}

fn snapshot(name: &str, settings: &str, fixture: &str, config: &Config) {
    let shown = hover_at(fixture, config).expect("a hover at $0");
    insta::with_settings!({
        description => format!("hover at the cursor, {settings}"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, shown);
    });
}

/// One search, two live offers: Acme below the floor after two counters, Globex above it.
const TWO_OFFERS: &str = "\
# Leaving Initech — November 2026

today: 2026-11-22
floor: $190k base
wish: $215k
runway: 8 months
decision-date: 2026-12-01

Two live conversations. I keep going back and forth, so I'm writing it down.

## Acme Robotics
status: live
role: Staff Engineer
base: $172,000
bonus: 10%
equity: $160k over 4 years
sign-on: $15k
scope: strong
manager: weak
team: strong
growth: strong
counter 2026-11-15: asked $195k, got $178k
counter 2026-11-20: asked $190k, got $178k

- walk: I'm tired of interviewing and want it to be over
- walk: they laid off a third of the platform team in September and two of my future peers left since
- stay: the team I met is excellent

## Globex
status: live
base: $196,000
scope: strong
manager: strong
team: ok
";

/// `TWO_OFFERS` with the cursor put right after the first `before`.
fn two_offers_at(before: &str) -> String {
    let at = TWO_OFFERS.find(before).expect("the text is in the journal") + before.len();
    format!("{}{CURSOR}{}", &TWO_OFFERS[..at], &TWO_OFFERS[at..])
}

#[test]
fn floor_lists_every_offer_against_it() {
    assert_hover("floor", &two_offers_at("floor: $19"));
}

#[test]
fn base_projects_the_gap_over_the_anchor_years() {
    assert_hover(
        "base",
        "\
today: 2026-11-20
floor: $190k base

## Acme Robotics
status: live
base: $17$02,000
",
    );
}

#[test]
fn counter_got_projects_what_came_back() {
    assert_hover(
        "counter_got",
        &two_offers_at("counter 2026-11-20: asked $190k, got $17"),
    );
}

#[test]
fn counter_asked_projects_what_accepting_the_ask_would_mean() {
    assert_hover("counter_asked", &two_offers_at("counter 2026-11-15: ask"));
}

#[test]
fn section_heading_sums_up_the_offer() {
    assert_hover("heading", &two_offers_at("## Acme Rob"));
}

#[test]
fn heading_of_an_offer_that_meets_the_floor() {
    assert_hover("heading_meets_floor", &two_offers_at("## Glo"));
}

#[test]
fn walk_line_that_is_a_feeling() {
    assert_hover("walk_feeling", &two_offers_at("- walk: I'm tired of inter"));
}

#[test]
fn walk_line_that_is_a_real_reason() {
    assert_hover("walk_red_flag", &two_offers_at("- walk: they laid off"));
}

#[test]
fn walk_line_below_the_floor_before_the_second_counter() {
    // SPEC §2.0: below the floor is "not yet a reason to walk — counter first"; only after the
    // second counter is it a real one, and hovers on reasons use the same judgement
    assert_hover(
        "walk_below_floor_one_counter",
        "\
today: 2026-11-20
floor: $190k base
decision-date: 2026-11-27

## Acme Robotics
status: live
base: $172,000
counter 2026-11-15: asked $195k, got $178k
- walk: $0$178k is below my floor
",
    );
}

#[test]
fn status_says_what_to_do_next() {
    assert_hover("status_live", &two_offers_at("status: li"));
}

#[test]
fn status_of_a_declined_offer() {
    assert_hover(
        "status_declined",
        "\
today: 2026-11-20
floor: $190k base

## Initrode
status: dec$0lined
base: $150,000
decision 2026-11-02: walk
review: 2027-05-01
",
    );
}

#[test]
fn prose_has_no_hover() {
    for fixture in [
        two_offers_at("Two live conver"),
        two_offers_at("# Leaving Ini"),
        two_offers_at("- stay: the team I met"),
        two_offers_at("role: Staff Eng"),
    ] {
        assert_eq!(
            hover_at(&fixture, &Config::default()),
            None,
            "expected no hover in\n{fixture}"
        );
    }
}

#[test]
fn the_cursor_helper_finds_the_marker_and_removes_it() {
    let (text, offset) = take_cursor("floor: $19$00k base\n");
    assert_eq!(text, "floor: $190k base\n");
    assert_eq!(&text[offset..], "0k base\n");
}

// ---- under non-default settings: raises of 5%, anchor years 3, small gap 3%

#[test]
fn base_under_raise5_anchor3_gap3() {
    assert_hover_with(
        "raise5_anchor3_gap3__base",
        RAISE5_ANCHOR3_GAP3,
        "\
today: 2026-11-20
floor: $190k base

## Acme Robotics
status: live
base: $17$02,000
",
    );
}

#[test]
fn floor_under_raise5_anchor3_gap3() {
    assert_hover_with(
        "raise5_anchor3_gap3__floor",
        RAISE5_ANCHOR3_GAP3,
        &two_offers_at("floor: $19"),
    );
}

#[test]
fn heading_under_raise5_anchor3_gap3() {
    assert_hover_with(
        "raise5_anchor3_gap3__heading",
        RAISE5_ANCHOR3_GAP3,
        &two_offers_at("## Acme Rob"),
    );
}

#[test]
fn anchor_years_in_the_journal_win_over_the_settings() {
    // the journal's own `anchor-years:` line is nearer than the settings file
    assert_hover_with(
        "journal_anchor2__base",
        RAISE5_ANCHOR3_GAP3,
        "\
today: 2026-11-20
floor: $190k base
anchor-years: 2

## Acme Robotics
status: live
base: $17$02,000
",
    );
}

#[test]
fn counter_got_under_raise5_anchor3_gap3() {
    // the explanations shown with it speak of the years the number anchors you
    assert_hover_with(
        "raise5_anchor3_gap3__counter_got",
        RAISE5_ANCHOR3_GAP3,
        &two_offers_at("counter 2026-11-20: asked $190k, got $17"),
    );
}

#[test]
fn small_gap_heading_under_raise5_anchor3_gap3() {
    // 2.5% below: small under 5% and under 3%, so the advice and its numbers should say 3%
    assert_hover_with(
        "raise5_anchor3_gap3__small_gap_heading",
        RAISE5_ANCHOR3_GAP3,
        "\
today: 2026-03-10
floor: $200k base
decision-date: 2026-03-16

## Lumen $0Labs
status: live
base: $185,000
scope: strong
manager: strong
team: strong
growth: ok
counter 2026-03-06: asked $210k, got $195k
",
    );
}

/// Two searches of one journal: a walk-away from Initrode in 2024, Initrode again in 2026.
const WALKED_THEN_BACK: &str = "\
# Job search 2024
today: 2026-11-30
floor: $150k base
decision-date: 2024-05-01

## Initrode
status: declined
base: $138,000
counter 2024-04-20: asked $155k, got $140k
counter 2024-04-25: asked $150k, got $140k
decision 2024-04-28: walk

## Vandelay Industries
status: accepted
base: $146,000
decision 2024-04-30: accept

# Job search 2026
floor: $190k base

## Initrode, Inc. (again)
status: live
base: $196,000

## Vandelay Industries
status: live
base: $199,000

## Initech
status: live
base: $191,000
";

fn heading_hover(text: &str, report: &offer_notes::Report, heading: &str) -> String {
    let offset = text.find(heading).expect("the heading is in the journal") + 4;
    hover(text, report, offset)
        .map(|(_, markdown)| markdown)
        .unwrap_or_default()
}

#[test]
fn a_heading_states_when_and_at_what_numbers_you_walked_from_the_company() {
    let report = check(WALKED_THEN_BACK, &Config::default());
    let shown = heading_hover(WALKED_THEN_BACK, &report, "## Initrode, Inc.");
    assert!(
        shown.contains(
            "You walked away from Initrode on 2024-04-28 at $140,000 after asking $150,000"
        ),
        "{shown}"
    );
    assert!(shown.contains("15–20%"), "{shown}");
    // the same sentence as the diagnostic on that heading: one fragment, one place
    let rule = report
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "same-company-again")
        .expect("same-company-again fires on the 2026 Initrode");
    assert!(
        shown.contains(&rule.message),
        "{shown}\n---\n{}",
        rule.message
    );
}

#[test]
fn a_heading_says_what_you_accepted_before_but_never_calls_it_a_walk() {
    let report = check(WALKED_THEN_BACK, &Config::default());
    let text = WALKED_THEN_BACK;
    let second = text.rfind("## Vandelay Industries").expect("2026 Vandelay");
    let (_, shown) = hover(text, &report, second + 4).expect("a heading hover");
    assert!(
        shown.contains("Last time: You said yes to Vandelay Industries on 2024-04-30 at $146,000"),
        "{shown}"
    );
    assert!(!shown.contains("walked away"), "{shown}");
    // a company never seen before has no history part at all
    let shown = heading_hover(text, &report, "## Initech");
    assert!(!shown.contains("History with this company"), "{shown}");
}

#[test]
fn a_heading_states_a_walk_recorded_in_another_journal_of_the_workspace() {
    let old = "\
# 2024
today: 2026-11-30
## Globex Corporation
base: $120,000
counter 2024-03-01: asked $140k, got $128k
decision 2024-03-02: walk
";
    let new = "\
# 2026
today: 2026-11-30
floor: $150k base
## Offer: Globex
status: live
base: $155,000
";
    let config = Config::default();
    let records = offer_notes::history::records_of_text("2024.offer", old, &config);
    let elsewhere =
        offer_notes::history::Elsewhere::from_records(&records.records).excluding("2026.offer");
    let report = offer_notes::check_in(new, &config, &elsewhere);
    let shown = heading_hover(new, &report, "## Offer: Globex");
    assert!(
        shown.contains(
            "You walked away from Globex Corporation on 2024-03-02 at $128,000 after asking $140,000, in 2024.offer"
        ),
        "{shown}"
    );
    // checked on its own, the same journal knows nothing of it
    let alone = check(new, &config);
    assert!(!heading_hover(new, &alone, "## Offer: Globex").contains("walked away"));
}
