//! Dates of the fuller offer (issue 13) [000]: the company's deadline before your own
//! decision date, a deadline already passed, and a review that has come.

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Context, Finding, Spec};
use crate::analysis::dates::{self, Deadline};
use crate::history::timeline;

/// `expires-before-decision-date`: the company's deadline comes before yours.
pub(super) const EXPIRES_BEFORE_DECISION_DATE: Spec = Spec {
    severity: Warning,
    family: Process,
    sources: &[Renege],
    summary: "an open offer expires before your decision date",
    explanation: "The company's deadline falls before the date you promised yourself to decide on. Don't let their date decide for you: ask for an extension — short, grateful, naming the date you need and why (another process finishing, a conversation at home) — or move your own date knowingly. Many companies say yes to a reasonable, specific ask.",
    check: expires_before_decision_date,
};

pub fn expires_before_decision_date(ctx: &Context, out: &mut Vec<Finding>) {
    for a in ctx.current() {
        let section = &ctx.journal.sections[a.section];
        let Some(Deadline::BeforeYourDate {
            expires,
            decision_date,
        }) = dates::deadline(section, a, ctx.analysis.today)
        else {
            continue;
        };
        let (Some(line), Some(date_line)) =
            (section.expires.as_ref().map(|e| e.line), a.decision_date)
        else {
            continue;
        };
        let message = format!(
            "{}'s offer expires on {expires}, before your decision date of {decision_date}: {}",
            section.company(),
            timeline::extension_fragment(decision_date)
        );
        out.push(
            Finding::new(a.section, line, message).related(date_line.line, "your decision date"),
        );
    }
}

/// `offer-expired`: the company's deadline has passed and nothing is decided.
pub(super) const OFFER_EXPIRED: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[Renege],
    summary: "the offer's deadline has passed, it is still live and nothing is decided",
    explanation: "The date the company gave you has passed and the journal records no decision. An expired offer is often still open if you ask — call and find out where it stands — but don't assume it is. Then record what you learn: a decision, or a status of `withdrawn`.",
    check: offer_expired,
};

pub fn offer_expired(ctx: &Context, out: &mut Vec<Finding>) {
    for a in ctx.current() {
        let section = &ctx.journal.sections[a.section];
        let Some(Deadline::Passed { expires }) = dates::deadline(section, a, ctx.analysis.today)
        else {
            continue;
        };
        let Some(line) = section.expires.as_ref().map(|e| e.line) else {
            continue;
        };
        let who = section
            .recruiter
            .as_ref()
            .map_or_else(|| "them".to_string(), |r| r.value.clone());
        let message = format!(
            "{}'s offer expired on {expires} and nothing is decided: {}",
            section.company(),
            timeline::expired_fragment(&who)
        );
        out.push(Finding::new(a.section, line, message));
    }
}

/// `review-due`: the review date has come and no outcome is written.
pub(super) const REVIEW_DUE: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[WalkAway],
    summary: "a review date has come and no `outcome` is written",
    explanation: "You set a date to look back at this decision. Looking back is what the history is for: what did you expect would happen, and what did? Write an `outcome DATE: …` line, and a `lesson:` if there is one. About 15–20% of walk-aways re-engage 6–18 months later, often with a better offer.",
    check: review_due,
};

pub fn review_due(ctx: &Context, out: &mut Vec<Finding>) {
    // looking back applies to closed and history sections too
    for (index, section) in ctx.journal.offers() {
        let Some(review) = dates::review_due(section, ctx.analysis.today) else {
            continue;
        };
        let Some(line) = section.review.as_ref().map(|r| r.line) else {
            continue;
        };
        let expected = section
            .expect
            .as_ref()
            .map(|e| format!(" You expected: \"{}\".", e.value))
            .unwrap_or_default();
        let message = format!(
            "Your review of {} was due on {review}: {}.{expected}",
            section.display_name(),
            timeline::review_fragment()
        );
        out.push(Finding::new(index, line, message));
    }
}
