//! The drafts the editor inserts, read the way the person would: filled with their own names
//! and numbers, and clean under the project's own draft rules once they sit in the journal.

use offer_notes::actions::drafts::{available, render};
use offer_notes::model::DraftKind;
use offer_notes::{check, Config};

const PROFILE: &str = "# Leaving Initech\n\ntoday: 2026-11-22\nfloor: $190k base\nwish: $215k\ndecision-date: 2026-11-21\n\n";

/// Acme, as in the SPEC: names everywhere, below the floor after two counters.
const ACME: &str = "## Acme Robotics\nstatus: live\nrole: Staff Engineer\nrecruiter: Dana Lee\nhiring-manager: Sam Ortiz\nreferred-by: Priya Shah\nbase: $172,000\nbonus: 10%\nequity: $160k over 4 years\nsign-on: $15k\nin-writing: yes\ncounter 2026-11-15: asked $195k, got $178k\ncounter 2026-11-20: asked $190k, got $178k\ndecision 2026-11-21: walk\nreview: 2027-05-21\n";

/// A bare live offer: no names at all, no role.
const BARE: &str = "## Globex\nstatus: live\nbase: $200,000\n";

/// The journal with `section` as its only offer section.
fn journal(section: &str) -> String {
    format!("{PROFILE}{section}")
}

/// Render `kind` for the (only) offer section of `text`.
fn draft(kind: DraftKind, text: &str) -> String {
    let report = check(text, &Config::default());
    let section = &report.journal.sections[1];
    render(kind, &report.journal, section, report.analysis.offer(1))
}

/// The draft's body: the lines between the fences.
fn body(block: &str) -> String {
    let lines: Vec<&str> = block.lines().collect();
    lines[1..lines.len() - 1].join("\n")
}

fn words(block: &str) -> usize {
    body(block)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Put the draft at the end of the journal and run the real check: the draft rules it trips.
fn draft_findings(text: &str, block: &str) -> Vec<String> {
    let with_draft = format!("{text}\n{block}");
    check(&with_draft, &Config::default())
        .diagnostics
        .into_iter()
        .filter(|d| d.code.as_str().starts_with("draft-") || d.code == "invalid-value")
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect()
}

fn assert_clean(kind: DraftKind, text: &str) -> String {
    let block = draft(kind, text);
    assert!(
        block.starts_with(&format!("```email {}\n", kind.name())),
        "{block}"
    );
    assert!(block.ends_with("\n```\n"), "{block}");
    assert!(
        !block.contains('{') && !block.contains('}'),
        "a placeholder survived:\n{block}"
    );
    assert!(
        !block.contains("  ") && !block.contains(" ,") && !block.contains("\n\n\n"),
        "an empty name left a gap:\n{block}"
    );
    let findings = draft_findings(text, &block);
    assert!(findings.is_empty(), "{findings:#?}\n{block}");
    if kind.is_decline() {
        assert!(words(&block) <= 150, "{} words:\n{block}", words(&block));
    }
    block
}

fn with_status(section: &str, status: &str) -> String {
    section.replace("status: live", &format!("status: {status}"))
}

#[test]
fn each_draft_passes_the_draft_rules_with_names_and_without() {
    let sections = [
        ACME.to_string(),
        BARE.to_string(),
        // only a hiring manager
        "## Hooli\nstatus: live\nrole: Data Scientist\nhiring-manager: Gavin Belson\nbase: $150k\n"
            .to_string(),
        // only a recruiter, at or above the floor
        "## Initrode\nstatus: live\nrecruiter: Bill Lumbergh\nbase: $195,000\n".to_string(),
    ];
    for section in &sections {
        for kind in [
            DraftKind::Decline,
            DraftKind::Renege,
            DraftKind::Resign,
            DraftKind::Counter,
        ] {
            assert_clean(kind, &journal(section));
        }
    }
}

#[test]
fn the_decline_names_the_people_and_the_role_and_stays_short() {
    let block = assert_clean(DraftKind::Decline, &journal(ACME));
    assert!(block.contains("Hi Dana,"), "{block}");
    assert!(
        block.contains("the Staff Engineer role at Acme Robotics"),
        "{block}"
    );
    assert!(
        block.contains("keep in touch with you, Dana, and with Sam."),
        "{block}"
    );
    // below the floor: the reason is the package, said once, with no number to haggle over
    assert!(
        block.contains("the package doesn't fit what I need"),
        "{block}"
    );
    assert!(!block.contains('$'), "{block}");
}

#[test]
fn a_section_with_no_recruiter_still_reads_cleanly() {
    let block = assert_clean(DraftKind::Decline, &journal(BARE));
    assert!(block.contains("Hi there,"), "{block}");
    assert!(
        block.contains("the offer for the role at Globex"),
        "{block}"
    );
    assert!(
        block.contains("keep in touch with you and the team."),
        "{block}"
    );

    let hooli = "## Hooli\nstatus: live\nhiring-manager: Gavin Belson\nbase: $150k\n";
    let block = assert_clean(DraftKind::Decline, &journal(hooli));
    assert!(block.contains("Hi Gavin,"), "{block}");
    assert!(block.contains("with you, Gavin."), "{block}");
}

#[test]
fn a_weak_role_above_the_floor_is_declined_for_fit_not_money() {
    let section = "## Vandelay\nstatus: live\nrecruiter: Art Vandelay\nbase: $200,000\nscope: weak\nteam: strong\n";
    let block = assert_clean(DraftKind::Decline, &journal(section));
    assert!(block.contains("isn't quite the fit"), "{block}");
}

#[test]
fn the_renege_documents_the_call_and_apologises_once() {
    let text = journal(&with_status(ACME, "accepted"));
    let block = assert_clean(DraftKind::Renege, &text);
    assert!(block.contains("Hi Dana,"), "{block}");
    assert!(block.contains("on our call"), "{block}");
    assert!(block.contains("withdrawing my acceptance"), "{block}");
    assert_eq!(block.to_lowercase().matches("sorry").count(), 1, "{block}");
    // the referrer hears it from the person, not from this email
    assert!(!block.contains("Priya"), "{block}");
    assert!(words(&block) <= 150);
}

#[test]
fn the_resignation_gives_two_weeks_a_last_day_and_a_handover() {
    let section = "## Initech\nstatus: current\nrole: Senior Engineer\nhiring-manager: Bill Lumbergh\nrecruiter: Nina Park\n";
    let block = assert_clean(DraftKind::Resign, &journal(section));
    assert!(block.contains("Hi Bill,"), "{block}");
    assert!(block.contains("resigning from Initech"), "{block}");
    assert!(block.contains("two weeks' notice"), "{block}");
    assert!(block.contains("[last day: YYYY-MM-DD]"), "{block}");
    assert!(block.contains("hand over my responsibilities"), "{block}");
    assert!(
        !block.contains("Nina"),
        "the recruiter has no part in a resignation: {block}"
    );
}

#[test]
fn the_counter_asks_for_the_floor_on_its_basis() {
    let block = assert_clean(DraftKind::Counter, &journal(ACME));
    assert!(block.contains("Hi Dana,"), "{block}");
    assert!(block.contains("Priya spoke highly of the team"), "{block}");
    assert!(
        block.contains("the base salary: at $190,000 a year"),
        "{block}"
    );
    assert!(block.contains("the $12,000 difference"), "{block}");
    // there is a sign-on and a grant already: ask to grow them — the recurring one to close
    // the yearly gap, the one-off only on top
    assert!(
        block.contains("such as a larger equity grant or more paid time off, with a larger sign-on bonus on top"),
        "{block}"
    );
}

#[test]
fn the_counter_on_a_total_floor_asks_for_total_comp() {
    let text = "today: 2026-11-22\nfloor: $250k total\n\n## Acme\nstatus: live\nrecruiter: Dana Lee\nbase: $200,000\nbonus: 10%\n";
    let block = assert_clean(DraftKind::Counter, text);
    assert!(
        block.contains("the total compensation: at $250,000 a year"),
        "{block}"
    );
    assert!(block.contains("the $30,000 difference"), "{block}");
    assert!(
        block
            .contains("such as an equity grant or more paid time off, with a sign-on bonus on top"),
        "{block}"
    );
}

#[test]
fn the_counter_without_a_floor_asks_about_five_percent_more() {
    let text = "today: 2026-11-22\n\n## Acme\nstatus: live\nrecruiter: Dana Lee\nbase: $178,000\n";
    let block = assert_clean(DraftKind::Counter, text);
    // 178,000 × 1.05 = 186,900, said as 187,000
    assert!(block.contains("at $187,000 a year"), "{block}");
    assert!(block.contains("the $9,000 difference"), "{block}");
    // no referrer: the line about them is left out, not left half-filled
    assert!(!block.contains("spoke highly"), "{block}");
}

#[test]
fn the_counter_at_the_floor_asks_calibrated_or_for_the_wish_if_closer() {
    let above = "## Acme\nstatus: live\nbase: $200,000\n";
    let block = assert_clean(DraftKind::Counter, &format!("floor: $190k\n{above}"));
    assert!(block.contains("at $210,000 a year"), "{block}");
    let block = assert_clean(
        DraftKind::Counter,
        &format!("floor: $190k\nwish: $205k\n{above}"),
    );
    assert!(block.contains("at $205,000 a year"), "{block}");
}

#[test]
fn the_counter_with_no_number_yet_leaves_a_marked_blank() {
    let text = journal("## Acme\nstatus: live\nrecruiter: Dana Lee\nrole: Staff Engineer\n");
    let block = assert_clean(DraftKind::Counter, &text);
    assert!(block.contains("at [your number] a year"), "{block}");
    assert!(
        block.contains("closing the difference another way"),
        "{block}"
    );
}

#[test]
fn a_euro_offer_is_countered_in_euros() {
    let text = "today: 2026-11-22\nfloor: €95.000\n\n## Zalando\nstatus: live\nrecruiter: Jonas Weber\nbase: €88.000\n";
    let block = assert_clean(DraftKind::Counter, text);
    assert!(block.contains("at €95.000 a year"), "{block}");
    assert!(block.contains("the €7.000 difference"), "{block}");
    assert!(!block.contains('$'), "{block}");
}

#[test]
fn a_floor_in_another_currency_falls_back_to_the_live_number() {
    let text = "today: 2026-11-22\nfloor: $190k\n\n## Zalando\nstatus: live\nbase: €88.000\n";
    let block = assert_clean(DraftKind::Counter, text);
    assert!(block.contains("at €93.000 a year"), "{block}");
}

#[test]
fn render_works_out_the_analysis_when_it_is_not_given() {
    let text = journal(ACME);
    let report = check(&text, &Config::default());
    let without = render(
        DraftKind::Counter,
        &report.journal,
        &report.journal.sections[1],
        None,
    );
    assert_eq!(without, draft(DraftKind::Counter, &text));
}

#[test]
fn honorifics_are_not_first_names() {
    let text = journal("## Acme\nstatus: live\nrecruiter: Dr. Kyle Elliott\nbase: $200k\n");
    let block = draft(DraftKind::Counter, &text);
    assert!(block.contains("Hi Kyle,"), "{block}");
}

#[test]
fn which_drafts_each_status_offers() {
    use DraftKind::*;
    let offered = |section: &str| {
        let report = check(&journal(section), &Config::default());
        available(&report.journal.sections[1], report.analysis.offer(1))
    };
    let live = "## Acme\nstatus: live\nbase: $180k\n";
    assert_eq!(offered(live), vec![Counter, Decline]);
    // a walk or an accept ends the negotiation: no counter draft after either
    assert_eq!(
        offered(&format!("{live}decision 2026-11-21: walk\n")),
        vec![Decline]
    );
    assert!(offered(&format!("{live}decision 2026-11-21: accept\n")).is_empty());
    // deciding to counter, or to wait, still leaves the counter first
    for verdict in ["counter", "wait"] {
        assert_eq!(
            offered(&format!("{live}decision 2026-11-21: {verdict}\n")),
            vec![Counter, Decline],
            "{verdict}"
        );
    }
    assert_eq!(offered("## Acme\nbase: $180k\n"), vec![Counter, Decline]);
    assert_eq!(
        offered("## Acme\nrecruiter: Dana Lee\n"),
        vec![Counter, Decline]
    );
    for status in ["accepted", "signed"] {
        assert_eq!(
            offered(&with_status(live, status)),
            vec![Renege],
            "{status}"
        );
    }
    for status in ["started", "current"] {
        assert_eq!(
            offered(&with_status(live, status)),
            vec![Resign],
            "{status}"
        );
    }
    for status in ["declined", "withdrawn", "rescinded"] {
        assert!(offered(&with_status(live, status)).is_empty(), "{status}");
    }
    // notes under a heading are not an offer to answer, and neither is the profile
    assert!(offered("## Things I keep thinking about\nThe commute.\n").is_empty());
    let report = check(&journal(live), &Config::default());
    assert!(available(report.journal.profile(), None).is_empty());
}

#[test]
fn word_counts() {
    let accepted = journal(&with_status(ACME, "accepted"));
    let current = journal("## Initech\nstatus: current\nhiring-manager: Bill Lumbergh\n");
    for (kind, text) in [
        (DraftKind::Decline, journal(ACME)),
        (DraftKind::Renege, accepted),
        (DraftKind::Resign, current),
        (DraftKind::Counter, journal(ACME)),
    ] {
        let block = draft(kind, &text);
        eprintln!("{}: {} words\n{block}", kind.name(), words(&block));
    }
}

#[test]
fn the_check_really_reads_an_inserted_draft() {
    // guards the harness above: a draft that breaks the rules is caught where it is inserted
    let bad = "```email decline\nHi Dana,\n\nI'm disappointed: you're underpaying. If you can come up to $190k I'll reconsider.\n```\n";
    let findings = draft_findings(&journal(ACME), bad);
    for code in [
        "draft-grievance",
        "draft-market-lecture",
        "draft-conditional-reopen",
        "draft-no-stay-in-touch",
    ] {
        assert!(
            findings.iter().any(|f| f.starts_with(code)),
            "{code}: {findings:#?}"
        );
    }
}

/// The code actions a person sees with the cursor at the start of `section_name`'s heading.
fn actions_at(text: &str, section_name: &str) -> Vec<offer_notes::actions::fixes::Action> {
    let report = check(text, &Config::default());
    let at = text
        .find(&format!("## {section_name}"))
        .expect("the heading is in the journal");
    offer_notes::actions::fixes::actions(text, &report, offer_notes::text::Span::new(at, at))
}

fn titles(actions: &[offer_notes::actions::fixes::Action]) -> Vec<String> {
    actions.iter().map(|a| a.title.clone()).collect()
}

/// Apply one action's edits to `text`, last edit first.
fn apply(text: &str, action: &offer_notes::actions::fixes::Action) -> String {
    let mut edits = action.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_string();
    for e in edits {
        out.replace_range(e.span.start..e.span.end, &e.new_text);
    }
    out
}

#[test]
fn no_counter_draft_is_offered_after_a_walk_or_an_accept() {
    let walked = journal(ACME);
    let offered = titles(&actions_at(&walked, "Acme Robotics"));
    assert!(
        offered
            .iter()
            .any(|t| t.starts_with("Insert a decline draft")),
        "{offered:#?}"
    );
    assert!(
        !offered.iter().any(|t| t.contains("counter draft")),
        "{offered:#?}"
    );
    let accepted =
        journal(&ACME.replace("decision 2026-11-21: walk", "decision 2026-11-21: accept"));
    let offered = titles(&actions_at(&accepted, "Acme Robotics"));
    assert!(
        !offered.iter().any(|t| t.contains("counter draft")),
        "{offered:#?}"
    );
}

#[test]
fn no_counter_draft_where_the_advice_is_to_walk_now() {
    // weak role, big gap: [004] walk now, no counter needed
    let weak = journal(
        "## Acme\nstatus: live\nrecruiter: Dana Lee\nbase: $150k\nscope: weak\nmanager: weak\nteam: ok\n",
    );
    let report = check(&weak, &Config::default());
    assert_eq!(
        available(&report.journal.sections[1], report.analysis.offer(1)),
        vec![DraftKind::Decline]
    );
}

#[test]
fn a_renege_draft_only_on_the_offer_being_left() {
    let accepted = "## Acme\nstatus: accepted\nrecruiter: Dana Lee\nbase: $195k\n";
    let offered = |section: &str| {
        let report = check(&journal(section), &Config::default());
        available(&report.journal.sections[1], report.analysis.offer(1))
    };
    assert_eq!(offered(accepted), vec![DraftKind::Renege]);
    assert_eq!(
        offered(&format!("{accepted}decision 2026-11-21: walk\n")),
        vec![DraftKind::Renege]
    );
    // having just said yes and meaning it, there is nothing to take back
    assert!(offered(&format!("{accepted}decision 2026-11-21: accept\n")).is_empty());
    // the offer you are going to is never the one you renege on
    let both = format!(
        "{PROFILE}{accepted}decision 2026-11-20: walk\n\n## Globex\nstatus: live\nrecruiter: Hank Scorpio\nbase: $205k\nin-writing: yes\n"
    );
    let report = check(&both, &Config::default());
    assert!(
        !available(&report.journal.sections[2], report.analysis.offer(2))
            .contains(&DraftKind::Renege)
    );
}

#[test]
fn a_second_counter_is_worded_as_a_second_counter() {
    let one_round = journal(
        "## Acme Robotics\nstatus: live\nrecruiter: Dana Lee\nbase: $172,000\nbonus: 10%\nequity: $160k over 4 years\ncounter 2026-11-15: asked $195k, got $178k\n",
    );
    let block = assert_clean(DraftKind::Counter, &one_round);
    assert!(
        block.contains("for coming back with $178,000"),
        "the second counter thanks them for the number they came back with:\n{block}"
    );
    assert!(
        !block.contains("Thank you for the offer for"),
        "a second counter is not a first reply to the offer:\n{block}"
    );
    assert!(block.contains("at $190,000 a year"), "{block}");
    // the first counter still reads as the first
    let first = assert_clean(DraftKind::Counter, &journal(BARE));
    assert!(first.contains("Thank you for the offer for"), "{first}");
}

#[test]
fn a_counter_never_asks_below_the_floor_once_converted() {
    // $150k at 1 EUR = 1.08 USD is €138,889: the ask can't be the old "5% above €125.000"
    let text = "today: 2026-11-22\nfloor: $150k\nexchange-rate: 1 EUR = 1.08 USD\n\n## Zalando\nstatus: live\nrecruiter: Jonas Weber\nbase: €125.000\n";
    let block = assert_clean(DraftKind::Counter, text);
    assert!(block.contains("at €139.000 a year"), "{block}");
    assert!(!block.contains("€132.000"), "{block}");
    assert!(
        !block.contains('$'),
        "the email is in the offer's currency:\n{block}"
    );
    // the same with the rate written the other way round, in the offer's section
    let text = "today: 2026-11-22\nfloor: $150k\n\n## Zalando\nstatus: live\nexchange-rate: 1 USD = 0.925926 EUR\nrecruiter: Jonas Weber\nbase: €125.000\n";
    let block = assert_clean(DraftKind::Counter, text);
    assert!(block.contains("at €139.000 a year"), "{block}");
}

#[test]
fn a_recurring_gap_is_never_closed_with_a_sign_on_alone() {
    let block = assert_clean(
        DraftKind::Counter,
        &journal(&ACME.replace("decision 2026-11-21: walk\n", "")),
    );
    assert!(
        block.contains("a year another way, such as a larger equity grant or more paid time off"),
        "{block}"
    );
    assert!(
        block.contains("a larger sign-on bonus on top for the first year"),
        "the sign-on is offered only on top of a recurring fix:\n{block}"
    );
}

#[test]
fn a_draft_never_claims_what_the_journal_contradicts() {
    let live = "## Acme Robotics\nstatus: live\nrole: Staff Engineer\nrecruiter: Dana Lee\nreferred-by: Priya Shah\nbase: $172,000\nscope: strong\nmanager: strong\ngrowth: strong\n";
    let good_team = assert_clean(
        DraftKind::Counter,
        &journal(&format!("{live}team: strong\n")),
    );
    assert!(
        good_team.contains("excited about the work and the people"),
        "{good_team}"
    );
    let weak_team = assert_clean(DraftKind::Counter, &journal(&format!("{live}team: weak\n")));
    assert!(!weak_team.contains("the people"), "{weak_team}");
    assert!(
        !weak_team.contains("spoke highly of the team"),
        "{weak_team}"
    );
    assert!(weak_team.contains("excited about the work"), "{weak_team}");
    let weak_scope = assert_clean(
        DraftKind::Counter,
        &journal(&format!(
            "{}team: strong\n",
            live.replace("scope: strong", "scope: weak")
        )),
    );
    assert!(!weak_scope.contains("the work"), "{weak_scope}");
}

#[test]
fn heading_annotations_stay_in_the_journal() {
    let current =
        journal("## Initech (current job)\nstatus: current\nhiring-manager: Bill Lumbergh\n");
    let block = assert_clean(DraftKind::Resign, &current);
    assert!(block.contains("resigning from Initech,"), "{block}");
    assert!(!block.contains("current job"), "{block}");
    let live = journal(
        "## Acme Robotics [dream job]\nstatus: live\nrecruiter: Dana Lee\nbase: $172,000\n",
    );
    for kind in [DraftKind::Counter, DraftKind::Decline] {
        let block = assert_clean(kind, &live);
        assert!(block.contains("at Acme Robotics"), "{block}");
        assert!(!block.contains("Robotics ["), "{block}");
        assert!(!block.contains("dream job"), "{block}");
    }
}

#[test]
fn a_second_draft_of_a_kind_is_offered_as_a_replacement() {
    let old = "```email counter\nHi Dana,\n\nCould you do more?\n\nBest,\nSam\n```\n";
    let live = "## Acme Robotics\nstatus: live\nrecruiter: Dana Lee\nbase: $172,000\n";
    let text = format!("{PROFILE}{live}\n{old}");
    let offered = actions_at(&text, "Acme Robotics");
    let names = titles(&offered);
    assert!(
        !names
            .iter()
            .any(|t| t.starts_with("Insert a counter draft")),
        "{names:#?}"
    );
    assert!(
        names
            .iter()
            .any(|t| t.starts_with("Insert a decline draft")),
        "{names:#?}"
    );
    let replace = offered
        .iter()
        .find(|a| a.title == "Replace the counter draft for Acme Robotics")
        .unwrap_or_else(|| panic!("{names:#?}"));
    let after = apply(&text, replace);
    assert_eq!(after.matches("```email counter").count(), 1, "{after}");
    assert!(!after.contains("Could you do more?"), "{after}");
    assert!(after.contains("at $190,000 a year"), "{after}");
    assert!(
        after.starts_with(&format!("{PROFILE}{live}\n```email counter\n")),
        "{after}"
    );
}

#[test]
fn heldout_euro_offers_are_countered_at_the_converted_floor() {
    // the held-out journals (read, never edited): a $150k floor at 1 EUR = 1.08 USD is
    // €138,888.89, so the counter asks €139.000 — whether the gap is small or big
    for path in [
        "tests/heldout/advisor/23_currency_small_gap.offer",
        "tests/heldout/advisor/24_currency_middle_runway.offer",
    ] {
        let text = std::fs::read_to_string(path).expect("held-out journal");
        let offered = actions_at(&text, "Kestrel GmbH");
        let counter = offered
            .iter()
            .find(|a| a.title == "Insert a counter draft for Kestrel GmbH")
            .unwrap_or_else(|| panic!("{path}: {:#?}", titles(&offered)));
        let after = apply(&text, counter);
        assert!(
            after.contains("at €139.000 a year, I'd be ready to sign"),
            "{path}:\n{after}"
        );
        let findings: Vec<String> = check(&after, &Config::default())
            .diagnostics
            .into_iter()
            .filter(|d| d.code.as_str().starts_with("draft-"))
            .map(|d| d.message)
            .collect();
        assert!(findings.is_empty(), "{path}: {findings:#?}");
    }
}

#[test]
fn no_counter_draft_once_the_advice_says_take_it() {
    let offered = |text: &str| {
        let report = check(text, &Config::default());
        available(&report.journal.sections[1], report.analysis.offer(1))
    };
    // middle runway: the honest counter landed at $181k, above the $180,500 accept line
    let middle = "today: 2026-11-22\nfloor: $190k\nrunway: 4 months\n\n## Acme\nstatus: live\nrecruiter: Dana Lee\nbase: $170k\n";
    assert_eq!(
        offered(middle),
        vec![DraftKind::Counter, DraftKind::Decline]
    );
    let landed = format!("{middle}counter 2026-11-20: asked $190k, got $181k\n");
    assert_eq!(offered(&landed), vec![DraftKind::Decline]);
    // strong role, small gap: one calibrated counter, then take it
    let small = "today: 2026-11-22\nfloor: $190k\n\n## Acme\nstatus: live\nrecruiter: Dana Lee\nbase: $183k\nscope: strong\nmanager: strong\nteam: strong\n";
    assert_eq!(offered(small), vec![DraftKind::Counter, DraftKind::Decline]);
    let countered = format!("{small}counter 2026-11-20: asked $195k, got $185k\n");
    assert_eq!(offered(&countered), vec![DraftKind::Decline]);
}
