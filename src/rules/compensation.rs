//! Compensation rules [004]: the live number against your floor, counters that don't move,
//! and the walk-away matrix cell.

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Context, Finding, Spec};
use crate::analysis::advice::{Recommendation, COUNTERS_BEFORE_REAL};
use crate::analysis::{format_percent, GapSize, OfferAnalysis, Strength};
use crate::model::{Basis, Currency, Section, Status, Verdict};

/// Offers worth measuring: everything but the job you already have, and not history.
fn measured<'a>(ctx: &'a Context) -> impl Iterator<Item = (&'a Section, &'a OfferAnalysis)> {
    ctx.current().filter_map(|a| {
        let section = &ctx.journal.sections[a.section];
        (section.status() != Some(Status::Current)).then_some((section, a))
    })
}

fn floor_words(basis: Basis) -> &'static str {
    match basis {
        Basis::Base => "your floor",
        Basis::Total => "your total-comp floor",
    }
}

fn measured_words(a: &OfferAnalysis) -> String {
    let Some(gap) = a.gap else {
        return String::new();
    };
    match gap.basis {
        Basis::Base => gap.measured.to_string(),
        Basis::Total => format!("Total comp of {} a year", gap.measured),
    }
}

/// `below-floor`: the live number is below your floor, on the floor's basis.
pub(super) const BELOW_FLOOR: Spec = Spec {
    severity: Warning,
    family: Compensation,
    sources: &[WalkAway],
    summary: "the live number is below your floor, on the floor's basis",
    explanation: "Your floor is the number below which this job costs you more than it gives: not your wish number, your real minimum. The live number (the last counter's `got`, else `base`) is compared with it on the floor's basis — base salary for a `base` floor, steady-state total compensation for a `total` floor. Being below the floor is not yet a reason to walk: counter first. Below it after the second counter is one.",
    check: below_floor,
};

pub fn below_floor(ctx: &Context, out: &mut Vec<Finding>) {
    for (_, a) in measured(ctx) {
        let (Some(gap), Some(live), Some(floor)) = (a.gap, a.live, a.floor) else {
            continue;
        };
        if !gap.is_below() {
            continue;
        }
        let message = format!(
            "{} is {} below {} of {}",
            measured_words(a),
            gap.percent_text(),
            floor_words(gap.basis),
            gap.floor
        );
        out.push(Finding::new(a.section, live.span, message).related(floor.line, "your floor"));
    }
}

/// `below-floor-after-counters`: still below the floor after the second counter.
pub(super) const BELOW_FLOOR_AFTER_COUNTERS: Spec = Spec {
    severity: Warning,
    family: Compensation,
    sources: &[WalkAway],
    summary: "still below the floor after the second counter",
    explanation: "Two counters have been answered and the number is still below your hard floor. Of the reasons to walk away, this is the plainest real one: the company has shown where its ceiling is, and accepting means anchoring the next {anchor-years} below the number you said you need.",
    check: below_floor_after_counters,
};

pub fn below_floor_after_counters(ctx: &Context, out: &mut Vec<Finding>) {
    for (section, a) in measured(ctx) {
        let (Some(gap), Some(live), Some(floor)) = (a.gap, a.live, a.floor) else {
            continue;
        };
        let answered = section
            .counters
            .iter()
            .filter(|c| c.value.got.is_some())
            .count();
        if !gap.is_below() || answered < COUNTERS_BEFORE_REAL || live.counter.is_none() {
            continue;
        }
        let message = format!(
            "Still {} below {} after {answered} counters ({} against {}): that is a real reason to walk",
            gap.percent_text(),
            floor_words(gap.basis),
            gap.measured,
            gap.floor
        );
        out.push(Finding::new(a.section, live.line, message).related(floor.line, "your floor"));
    }
}

/// `counter-did-not-move`: the last two counters got the same answer.
pub(super) const COUNTER_DID_NOT_MOVE: Spec = Spec {
    severity: Information,
    family: Compensation,
    sources: &[WalkAway],
    summary: "the last two counters got the same answer",
    explanation: "Your last two counters came back with the same number: the offer didn't move. For a strong role with a big gap, the advice is to counter once with a total-comp focus (equity, sign-on, PTO) and walk if the second offer doesn't move. For a strong role with a small gap, it may be time to take it.",
    check: counter_did_not_move,
};

pub fn counter_did_not_move(ctx: &Context, out: &mut Vec<Finding>) {
    for (section, a) in measured(ctx) {
        let answered: Vec<_> = section
            .counters
            .iter()
            .filter(|c| c.value.got.is_some())
            .collect();
        let [.., before, last] = answered.as_slice() else {
            continue;
        };
        if before.value.got != last.value.got {
            continue;
        }
        let got = last.value.got.map(|g| g.to_string()).unwrap_or_default();
        let advice = match a.cell {
            Some(cell) if cell.role == Strength::Strong && cell.gap == GapSize::Big => {
                " — for a strong role with a big gap, that is the signal to walk"
            }
            Some(cell) if cell.role == Strength::Strong => {
                " — with a small gap on a strong role, consider taking it"
            }
            _ => "",
        };
        let message =
            format!("The last two counters both came back at {got}: the offer didn't move{advice}");
        out.push(
            Finding::new(a.section, last.line, message).related(before.line, "the counter before"),
        );
    }
}

/// `small-gap`: a strong role within 5% below the floor.
pub(super) const SMALL_GAP: Spec = Spec {
    severity: Hint,
    family: Compensation,
    sources: &[WalkAway],
    summary: "a strong role within the small-gap line ({small-gap}) below the floor",
    explanation: "A strong role whose live number is within {small-gap} below your floor is the easiest case of the walk-away matrix: take it after one calibrated counter. Don't spend relationship capital fighting over the last few percent; bank the goodwill for your first raise conversation.",
    check: small_gap,
};

pub fn small_gap(ctx: &Context, out: &mut Vec<Finding>) {
    for (_, a) in measured(ctx) {
        let (Some(gap), Some(live)) = (a.gap, a.live) else {
            continue;
        };
        if gap.size != GapSize::Small || a.role.verdict != Some(Strength::Strong) {
            continue;
        }
        let message = format!(
            "{} is only {} below {} of {} and the role is strong: take it after one calibrated counter — don't risk the relationship over {}",
            measured_words(a),
            gap.percent_text(),
            floor_words(gap.basis),
            gap.floor,
            gap.percent_text()
        );
        out.push(Finding::new(a.section, live.span, message));
    }
}

/// `floor-above-wish`: the floor is higher than the wish number.
pub(super) const FLOOR_ABOVE_WISH: Spec = Spec {
    severity: Error,
    family: Compensation,
    sources: &[WalkAway],
    summary: "the floor is higher than the wish number",
    explanation: "Your floor is the least you can accept; your wish is the number you would love. A floor above the wish means one of them is mistyped, or the wish has turned into the floor. Check both: walking decisions start at the floor, and the wish is never a reason to walk by itself.",
    check: floor_above_wish,
};

pub fn floor_above_wish(ctx: &Context, out: &mut Vec<Finding>) {
    for (index, section) in ctx.journal.sections.iter().enumerate() {
        let own = section.floor.is_some() || section.wish.is_some();
        if !own {
            continue;
        }
        let profile = ctx.journal.profile_of(index);
        let floor = section.floor.as_ref().or(profile.floor.as_ref());
        let wish = section.wish.as_ref().or(profile.wish.as_ref());
        let (Some(floor), Some(wish)) = (floor, wish) else {
            continue;
        };
        let (f, w) = (floor.value, wish.value);
        if f.basis != w.basis
            || f.amount.currency != w.amount.currency
            || f.amount.minor <= w.amount.minor
        {
            continue;
        }
        let at = if section.floor.is_some() { floor } else { wish };
        let message = format!(
            "Your floor of {} is above your wish of {}: the floor is the least you'd take, so one of them is mistyped — or the wish has become the floor",
            f.amount, w.amount
        );
        let other = if section.floor.is_some() {
            (wish.line, "your wish")
        } else {
            (floor.line, "your floor")
        };
        out.push(Finding::new(index, at.value_span, message).related(other.0, other.1));
    }
}

/// `no-floor`: offers are being weighed but no floor is written down.
pub(super) const NO_FLOOR: Spec = Spec {
    severity: Information,
    family: Compensation,
    sources: &[WalkAway],
    summary: "offers are being weighed but no floor is written down",
    explanation: "The walk-away decision starts at your floor: the real minimum, not the wish. Without one written down, every offer is measured against a feeling. Add `floor: $…` (with `base` or `total`) to the profile at the top of the file.",
    check: no_floor,
};

pub fn no_floor(ctx: &Context, out: &mut Vec<Finding>) {
    let any_floor = ctx.journal.sections.iter().any(|s| s.floor.is_some());
    if any_floor {
        return;
    }
    let first = ctx
        .journal
        .offers()
        .find(|(_, s)| s.has_offer_data() && s.status() != Some(Status::Current));
    if let Some((index, section)) = first {
        let message = format!(
            "You're weighing {} with no floor written down: know your floor — the walk-away decision starts there. Add `floor: $…` to the top of the file",
            section.display_name()
        );
        out.push(Finding::new(index, section.anchor(), message));
    }
}

fn has_rate(ctx: &Context, a: Currency, b: Currency) -> bool {
    ctx.journal
        .sections
        .iter()
        .flat_map(|s| s.exchange_rates.iter())
        .any(|r| (r.value.from == a && r.value.to == b) || (r.value.from == b && r.value.to == a))
}

/// `mixed-currency`: an offer in a different currency than the floor or the other offers, with no rate.
pub(super) const MIXED_CURRENCY: Spec = Spec {
    severity: Warning,
    family: Compensation,
    sources: &[Format],
    summary: "an offer in a different currency than the floor or the other offers, with no rate",
    explanation: "Offers in different currencies can't be compared with each other or with your floor until you say how they convert. Add an `exchange-rate: 1 EUR = 1.08 USD` line to the profile and the gaps are measured in the floor's currency.",
    check: mixed_currency,
};

pub fn mixed_currency(ctx: &Context, out: &mut Vec<Finding>) {
    let mut reference: Option<(Currency, String)> = None;
    for (section, a) in measured(ctx) {
        let Some(live) = a.live else { continue };
        if let Some((offer, floor)) = a.currency_mismatch {
            let message = format!(
                "{} is in {offer} but your floor is in {floor}: add `exchange-rate: 1 {offer} = … {floor}` to the profile to compare them",
                section.display_name()
            );
            out.push(Finding::new(a.section, live.span, message));
            continue;
        }
        if a.floor.is_some() {
            continue;
        }
        // no floor: offers are still compared with each other
        let currency = live.base.currency;
        match &reference {
            None => reference = Some((currency, section.display_name().to_string())),
            Some((first, name)) if *first != currency && !has_rate(ctx, *first, currency) => {
                let message = format!(
                    "{} is in {currency} but {name} is in {first}: add `exchange-rate: 1 {currency} = … {first}` to compare them",
                    section.display_name()
                );
                out.push(Finding::new(a.section, live.span, message));
            }
            Some(_) => {}
        }
    }
}

/// `quadrant`: the offer's cell of the walk-away matrix and its advice.
pub(super) const QUADRANT: Spec = Spec {
    severity: Hint,
    family: Compensation,
    sources: &[WalkAway],
    summary: "the offer's cell of the walk-away matrix and its advice",
    explanation: "The walk-away decision has two axes: the gap between the live number and your floor (small is within {small-gap} below it), and everything else — scope, manager, team, growth, location, equity quality. The role counts as strong when more than half of its rated factors are strong and neither scope nor manager is weak. Strong · big gap: counter once on total comp, walk if it doesn't move. Strong · small gap: take it after one calibrated counter. Weak · big gap: walk now. Weak · small gap: walk unless your leverage is non-existent; don't accept just to have a job.",
    check: quadrant,
};

pub fn quadrant(ctx: &Context, out: &mut Vec<Finding>) {
    for (section, a) in measured(ctx) {
        // the matrix speaks only where it is the offer's one recommendation (SPEC §2.0)
        let (Recommendation::Matrix(cell), Some(gap)) = (a.recommendation, a.gap) else {
            continue;
        };
        let gap_words = if gap.is_below() {
            format!("{} below your floor", gap.percent_text())
        } else if gap.shortfall.minor == 0 {
            "right at your floor".to_string()
        } else {
            format!("{} above your floor", format_percent(-gap.percent()))
        };
        let message = format!(
            "{}: {} ({}; {gap_words}) — {}",
            section.display_name(),
            cell.name(),
            a.role.explain(),
            cell.advice()
        );
        out.push(Finding::new(a.section, section.anchor(), message));
    }
}

/// `walk-without-counter`: walking from a strong role with a big gap without countering once.
pub(super) const WALK_WITHOUT_COUNTER: Spec = Spec {
    severity: Information,
    family: Compensation,
    sources: &[WalkAway],
    summary: "a walk decision on a strong role with a big gap and no counter recorded",
    explanation: "A strong role with a big gap to your floor is one of the hard cases, where people most often give up too early. The advice is to counter once, with a total-comp focus (equity, a sign-on, more PTO), and to walk if the second offer doesn't move. Walking without that one counter leaves the one move that might close the gap unplayed.",
    check: walk_without_counter,
};

pub fn walk_without_counter(ctx: &Context, out: &mut Vec<Finding>) {
    for (section, a) in measured(ctx) {
        let strong_big = a
            .cell
            .is_some_and(|c| c.role == Strength::Strong && c.gap == GapSize::Big);
        let Some(decision) = section
            .decision()
            .filter(|d| d.value.verdict == Verdict::Walk)
        else {
            continue;
        };
        if !strong_big || !section.counters.is_empty() {
            continue;
        }
        let gap = a.gap.map(|g| g.percent_text()).unwrap_or_default();
        let message = format!(
            "You're walking from {}, a strong role {gap} below your floor, without a counter: counter once first with a total-comp focus (equity, sign-on, PTO), and walk if the second offer doesn't move",
            section.display_name()
        );
        out.push(Finding::new(a.section, decision.line, message));
    }
}
