//! The fuller offer's code actions (SPEC §3, issue 13): an extension email where the company's
//! deadline comes before yours, a counter plan on an offer below the floor, the `outcome` and
//! `lesson` lines of a review that has come, and a counter draft that asks for the plan's ask.

use offer_notes::actions::fixes::{actions, apply, Action};
use offer_notes::model::DraftKind;
use offer_notes::text::Span;
use offer_notes::{check, Config};

fn actions_on(text: &str, needle: &str) -> Vec<Action> {
    let report = check(text, &Config::default());
    let at = text.find(needle).expect("the line") + 1;
    actions(text, &report, Span::new(at, at))
}

fn titled<'a>(all: &'a [Action], start: &str) -> Option<&'a Action> {
    all.iter().find(|a| a.title.starts_with(start))
}

fn held_out(name: &str) -> String {
    std::fs::read_to_string(format!("tests/heldout/fuller/{name}.offer")).unwrap()
}

#[test]
fn an_offer_expiring_before_your_date_gets_a_short_grateful_extension_email() {
    let text = held_out("09_expires_before_and_after");
    let all = actions_on(&text, "expires: 2026-12-04");
    let action =
        titled(&all, "Insert an email asking Aster for more time").expect("the extension draft");
    let after = apply(&text, &action.edits);
    assert!(after.contains("```email extension\n"), "{after}");
    assert!(
        after.contains("extend the deadline from 2026-12-04 to 2026-12-10"),
        "{after}"
    );
    assert!(after.contains("Thank you"), "{after}");
    let body: String = after.split("```email extension").nth(1).unwrap().into();
    assert!(body.split_whitespace().count() < 120, "short: {body}");
    // the extension is inserted once: the expiring offer's draft then lints clean
    let report = check(&after, &Config::default());
    assert!(report
        .journal
        .sections
        .iter()
        .any(|s| s.drafts.iter().any(|d| d.kind == DraftKind::Extension)));
    assert!(titled(
        &actions_on(&after, "expires: 2026-12-04"),
        "Insert an email asking"
    )
    .is_none());
    // Bramble's deadline is after your date: nothing to ask for
    assert!(titled(
        &actions_on(&text, "deadline: 2026-12-20"),
        "Insert an email asking"
    )
    .is_none());
}

#[test]
fn an_offer_below_the_floor_gets_a_counter_plan_from_floor_small_gap_line_and_wish() {
    let text = held_out("16_savings_burn_long_runway");
    let all = actions_on(&text, "$160,000");
    let action = titled(&all, "Write a counter plan").expect("a counter plan");
    let after = apply(&text, &action.edits);
    // floor $185k, small-gap line 5% under it, wish $200k
    assert!(
        after.contains(
            "base: $160,000\nplan: ask $200,000, accept at $185,000, walk below $175,750\n"
        ),
        "{after}"
    );
    let report = check(&after, &Config::default());
    assert!(!report.diagnostics.iter().any(|d| d.code == "invalid-value"));
    // with a plan written, no second plan is offered
    assert!(titled(&actions_on(&after, "$160,000"), "Write a counter plan").is_none());
}

#[test]
fn a_review_that_has_come_gets_outcome_and_lesson_lines() {
    let text = held_out("15_reviews_and_outcomes");
    let all = actions_on(&text, "review: 2026-11-10");
    let action = titled(&all, "Look back").expect("outcome and lesson lines");
    let after = apply(&text, &action.edits);
    assert!(
        after.contains("review: 2026-11-10\noutcome 2026-11-30: [what happened]\nlesson: "),
        "{after}"
    );
    let report = check(&after, &Config::default());
    let line_of = |d: &offer_notes::Diagnostic| after[..d.span.start].matches('\n').count() + 1;
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.code == "review-due" && line_of(d) == 15));
    // a review in the future offers nothing
    assert!(titled(&actions_on(&text, "review: 2027-04-20"), "Look back").is_none());
}

#[test]
fn the_counter_draft_asks_for_the_plans_ask() {
    let text = "today: 2026-11-30\nfloor: $165k base\ndecision-date: 2026-12-10\n\n## Juniper\nstatus: live\nrecruiter: Wes Adeyemi\nbase: $150,000\nplan: ask $178k, accept at $165k, walk below $158k\n";
    let all = actions_on(text, "base: $150,000");
    let action = titled(&all, "Insert a counter draft").expect("a counter draft");
    let after = apply(text, &action.edits);
    assert!(after.contains("at $178,000 a year"), "{after}");
}

#[test]
fn a_counter_draft_that_leaves_the_plans_ask_is_off_plan() {
    let text = "today: 2026-11-30\nfloor: $165k base\ndecision-date: 2026-12-10\n\n## Juniper\nstatus: live\nrecruiter: Wes Adeyemi\nbase: $150,000\nplan: ask $178k, accept at $165k, walk below $158k\n";
    let all = actions_on(text, "base: $150,000");
    let action = titled(&all, "Insert a counter draft").expect("a counter draft");
    let drafted = apply(text, &action.edits);
    let off_plan = |t: &str| {
        check(t, &Config::default())
            .diagnostics
            .iter()
            .any(|d| d.code == "off-plan")
    };
    assert!(!off_plan(&drafted), "the plan's own ask is on plan");
    let edited = drafted.replace("at $178,000 a year", "at $170,000 a year");
    assert!(off_plan(&edited), "{edited}");
}
