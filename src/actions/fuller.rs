//! Edits of the fuller offer (SPEC §3, issue 13): an extension email where the company's
//! deadline comes before yours, a counter plan on an offer below the floor, and the
//! `outcome`/`lesson` lines of a review that has come.

use super::drafts;
use super::fixes::{insert_after, insert_block, newline, Action, ActionKind};
use crate::analysis::{advice, convert, OfferAnalysis};
use crate::model::{Basis, DraftKind, Money, Section};
use crate::Report;
use chrono::NaiveDate;

/// "Insert an extension email": where `expires-before-decision-date` fires.
pub fn extension(
    text: &str,
    report: &Report,
    section: &Section,
    a: Option<&OfferAnalysis>,
    fixes: usize,
) -> Option<Action> {
    if section
        .drafts
        .iter()
        .any(|d| d.kind == DraftKind::Extension)
    {
        return None;
    }
    let block = drafts::render(DraftKind::Extension, &report.journal, section, a);
    Some(Action {
        title: format!("Insert an email asking {} for more time", section.company()),
        kind: ActionKind::QuickFix,
        edits: vec![insert_block(text, section, &block)],
        fixes: Some(fixes),
        preferred: true,
    })
}

/// The counter plan a `below-floor` offer invites, in the offer's currency: ask for the wish
/// (else the floor), accept at the floor, walk below the small-gap line — written before the
/// call, so the call can't move it. `None` when a plan is written or the floor is on total comp
/// (a plan's lines are base numbers).
pub fn counter_plan(report: &Report, section: &Section, a: &OfferAnalysis) -> Option<String> {
    if section.plan.is_some() {
        return None;
    }
    let gap = a.gap?;
    if gap.basis != Basis::Base {
        return None;
    }
    let currency = a.live?.base.currency;
    let journal = &report.journal;
    let here = |m: Money| convert(journal, section, m, currency).map(Money::whole);
    let floor = here(gap.floor)?;
    let walk_line = here(advice::accept_line(&gap, a).at)?;
    let ask = a
        .wish
        .filter(|w| w.value.basis == Basis::Base)
        .and_then(|w| here(w.value.amount))
        .filter(|w| w.minor > floor.minor)
        .unwrap_or(floor);
    Some(format!(
        "plan: ask {ask}, accept at {floor}, walk below {walk_line}"
    ))
}

pub fn counter_plan_action(
    text: &str,
    report: &Report,
    section: &Section,
    a: &OfferAnalysis,
    fixes: usize,
) -> Option<Action> {
    let line = counter_plan(report, section, a)?;
    let anchor = section.base.as_ref()?.line;
    Some(Action {
        title: format!("Write a counter plan: `{line}`"),
        kind: ActionKind::QuickFix,
        edits: vec![insert_after(text, anchor, &line)],
        fixes: Some(fixes),
        preferred: false,
    })
}

/// `outcome TODAY: …` and `lesson: …` after the review line.
pub fn review_lines(
    text: &str,
    section: &Section,
    today: NaiveDate,
    fixes: usize,
) -> Option<Action> {
    let review = section.review.as_ref()?;
    let nl = newline(text);
    let lines =
        format!("outcome {today}: [what happened]{nl}lesson: [what you would do differently]");
    Some(Action {
        title: "Look back: add `outcome` and `lesson` lines".into(),
        kind: ActionKind::QuickFix,
        edits: vec![insert_after(text, review.line, &lines)],
        fixes: Some(fixes),
        preferred: true,
    })
}
