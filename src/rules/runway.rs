//! Runway rules [004], the "I have nothing else" case: only when the offer is below the
//! floor and it is the only live offer, runway decides whether waiting beats the anchor.

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Context, Finding, Spec};
use crate::analysis::advice::{self, Recommendation, RunwayCase};
use crate::analysis::runway::runway_of;
use crate::analysis::WEEKS_TO_COMPARABLE_OFFER;
use crate::model::{Duration, Verdict};

/// The runway rule of `case` speaks about exactly the offers whose one recommendation is
/// that case (SPEC §2.0): the analysis decided it; this only words it.
fn emit(ctx: &Context, out: &mut Vec<Finding>, case: RunwayCase) {
    for a in &ctx.analysis.offers {
        let Recommendation::Runway {
            case: this,
            runway,
            overrides,
            middle,
        } = a.recommendation
        else {
            continue;
        };
        if this != case {
            continue;
        }
        // the runway of the offer's own search
        let Some(runway_line) = runway_of(ctx.journal.profile_of(a.section)).map(|r| r.line) else {
            continue;
        };
        let section = &ctx.journal.sections[a.section];
        let gap_words = match (a.situation.opening_gap, a.gap) {
            (Some(opening), Some(now)) if opening.measured != now.measured => format!(
                "it opened {} below your floor and stands {} now",
                opening.percent_text(),
                if now.is_below() {
                    format!("{} below", now.percent_text())
                } else {
                    "at or above it".to_string()
                }
            ),
            (Some(opening), _) => format!("{} below your floor", opening.percent_text()),
            _ => String::new(),
        };
        let matrix = overrides
            .map(|cell| {
                format!(
                    "The matrix alone says {} ({}), but with ",
                    cell.verdict(),
                    cell.name()
                )
            })
            .unwrap_or_else(|| "With ".to_string());
        let mut message = format!(
            "{} is your only open offer ({gap_words}). {matrix}{runway} of runway: {}",
            section.display_name(),
            advice::runway_advice(case, middle, &a.numbers())
        );
        if let Some(cost) = a.walk_cost {
            message.push_str(&format!(" (walking: {}).", cost.sentence()));
        }
        let mut finding = Finding::new(a.section, runway_line, message);
        if let Some(live) = a.live {
            finding = finding.related(
                live.line,
                format!("the live number at {}", section.display_name()),
            );
        }
        out.push(finding);
    }
}

/// `short-runway`: the only live offer is below the floor and runway is three months or less.
pub(super) const SHORT_RUNWAY: Spec = Spec {
    severity: Information,
    family: Runway,
    sources: &[WalkAway],
    summary: "the only live offer is below the floor and runway is three months or less",
    explanation: "With three months of runway or less, the math flips: taking the imperfect offer to keep paying rent is a defensible decision, and you should make it without guilt.",
    check: short_runway,
};

pub fn short_runway(ctx: &Context, out: &mut Vec<Finding>) {
    emit(ctx, out, RunwayCase::Short);
}

/// `middle-runway`: the only live offer is below the floor and runway is between three and six months.
pub(super) const MIDDLE_RUNWAY: Spec = Spec {
    severity: Warning,
    family: Runway,
    sources: &[WalkAway],
    summary: "the only live offer is below the floor and runway is between three and six months",
    explanation: "The middle case is the dangerous one: a few months of runway, one live offer under your floor, and fear doing the talking. Do one more honest counter; accept if it lands within {small-gap} of your floor, and walk if it doesn't. The fear is loud, but it is usually wrong about the math.",
    check: middle_runway,
};

pub fn middle_runway(ctx: &Context, out: &mut Vec<Finding>) {
    emit(ctx, out, RunwayCase::Middle);
}

/// `long-runway`: the only live offer is below the floor and runway is six months or more.
pub(super) const LONG_RUNWAY: Spec = Spec {
    severity: Information,
    family: Runway,
    sources: &[WalkAway],
    summary: "the only live offer is below the floor and runway is six months or more",
    explanation: "With six months of runway or more, waiting usually beats accepting a number that anchors you for years, even when it doesn't feel that way. Taking a bad offer is rarely cheaper than waiting once the multi-year anchor is counted.",
    check: long_runway,
};

pub fn long_runway(ctx: &Context, out: &mut Vec<Finding>) {
    emit(ctx, out, RunwayCase::Long);
}

/// `walk-outlasts-runway`: walking with less than ten weeks of runway.
pub(super) const WALK_OUTLASTS_RUNWAY: Spec = Spec {
    severity: Warning,
    family: Runway,
    sources: &[WalkAway],
    summary: "walking with less than ten weeks of runway",
    explanation: "Walking away means rerunning the funnel, and a comparable offer usually takes six to ten weeks to get back in hand — longer in a soft market. With less runway than that, plan how you'll cover the gap before you walk.",
    check: walk_outlasts_runway,
};

pub fn walk_outlasts_runway(ctx: &Context, out: &mut Vec<Finding>) {
    let (low, high) = WEEKS_TO_COMPARABLE_OFFER;
    // any walk with nothing else open costs the same weeks: below the floor or above it,
    // from an offer or from a job you hold
    for a in &ctx.analysis.offers {
        if !a.situation.only_open || a.situation.history {
            continue;
        }
        let Some(runway) = runway_of(ctx.journal.profile_of(a.section)) else {
            continue;
        };
        if runway.value >= Duration::weeks(high as i64) {
            continue;
        }
        let section = &ctx.journal.sections[a.section];
        let Some(decision) = section
            .decision()
            .filter(|d| d.value.verdict == Verdict::Walk)
        else {
            continue;
        };
        let cost = a
            .walk_cost
            .map(|c| format!(" ({})", c.sentence()))
            .unwrap_or_default();
        let message = format!(
            "You're walking with {} of runway and nothing else open, and a comparable offer usually takes {low}–{high} weeks to land{cost}: plan how you'll cover the gap before you walk",
            runway.value
        );
        out.push(
            Finding::new(a.section, decision.line, message).related(runway.line, "your runway"),
        );
    }
}
