//! Runway rules [004], the "I have nothing else" case: only when the offer is below the
//! floor and it is the only live offer, runway decides whether waiting beats the anchor.

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Context, Finding, Spec};
use crate::analysis::{is_open, OfferAnalysis, WEEKS_TO_COMPARABLE_OFFER};
use crate::model::{Duration, Field, Money, Section, Status, Verdict};

/// Three months or less: taking the imperfect offer is defensible [004].
const SHORT_RUNWAY_MONTHS: i64 = 3;
/// Six months or more: waiting usually wins [004].
const LONG_RUNWAY_MONTHS: i64 = 6;

/// The offers this family speaks about: below the floor, with no other offer open.
fn alone_below_floor<'a>(
    ctx: &'a Context,
) -> impl Iterator<Item = (&'a Section, &'a OfferAnalysis)> {
    // counted once: "no other offer open" is then a comparison, not a scan per offer
    let open: Vec<usize> = ctx
        .journal
        .offers()
        .filter(|(_, s)| is_open(s))
        .map(|(i, _)| i)
        .take(2)
        .collect();
    ctx.analysis.offers.iter().filter_map(move |a| {
        let section = &ctx.journal.sections[a.section];
        let below = a.gap.is_some_and(|g| g.is_below());
        let others_open = open.iter().any(|&i| i != a.section);
        (below && !others_open).then_some((section, a))
    })
}

fn runway<'a>(ctx: &'a Context) -> Option<&'a Field<Duration>> {
    ctx.journal.profile().runway.as_ref()
}

/// The offer is still being weighed (not walked from, not closed).
fn weighing(section: &Section) -> bool {
    matches!(section.status(), None | Some(Status::Live))
}

fn situation(section: &Section, a: &OfferAnalysis, runway: Duration) -> String {
    let pct = a.gap.map(|g| g.percent_text()).unwrap_or_default();
    format!(
        "{runway} of runway, and {} is your only live offer, {pct} below your floor",
        section.display_name()
    )
}

fn emit(
    ctx: &Context,
    out: &mut Vec<Finding>,
    fits: impl Fn(Duration) -> bool,
    advice: impl Fn(&OfferAnalysis) -> String,
) {
    let Some(runway) = runway(ctx) else { return };
    if !fits(runway.value) {
        return;
    }
    for (section, a) in alone_below_floor(ctx) {
        if !weighing(section) {
            continue;
        }
        let message = format!("{}: {}", situation(section, a, runway.value), advice(a));
        let mut finding = Finding::new(a.section, runway.line, message);
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
    emit(
        ctx,
        out,
        |r| r <= Duration::months(SHORT_RUNWAY_MONTHS),
        |_| {
            "taking the imperfect offer to keep paying rent is defensible — make that decision without guilt".into()
        },
    );
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
    emit(
        ctx,
        out,
        |r| r > Duration::months(SHORT_RUNWAY_MONTHS) && r < Duration::months(LONG_RUNWAY_MONTHS),
        |a| {
            let Some(gap) = a.gap else {
                return String::new();
            };
            let small = ctx.config.small_gap.0;
            let line = Money::new(
                gap.floor.minor - gap.floor.percent_of(small).minor,
                gap.floor.currency,
            );
            format!(
            "do one more honest counter; accept if it lands at {} or more (within {} of your floor of {}), and walk if it doesn't",
            line.whole(),
            ctx.config.small_gap,
            gap.floor
        )
        },
    );
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
    emit(
        ctx,
        out,
        |r| r >= Duration::months(LONG_RUNWAY_MONTHS),
        |a| {
            format!(
                "waiting usually beats a number that anchors you for the next {}",
                a.numbers().anchor_years_text()
            )
        },
    );
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
    let Some(runway) = runway(ctx) else { return };
    let (low, high) = WEEKS_TO_COMPARABLE_OFFER;
    if runway.value >= Duration::weeks(high as i64) {
        return;
    }
    for (section, a) in alone_below_floor(ctx) {
        let Some(decision) = section
            .decision()
            .filter(|d| d.value.verdict == Verdict::Walk)
        else {
            continue;
        };
        let message = format!(
            "You're walking with {} of runway, and a comparable offer usually takes {low}–{high} weeks to land: plan how you'll cover the gap before you walk",
            runway.value
        );
        out.push(
            Finding::new(a.section, decision.line, message).related(runway.line, "your runway"),
        );
    }
}
