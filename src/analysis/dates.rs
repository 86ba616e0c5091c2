//! Dated facts of the fuller offer (issue 13), each worked out once for the rules, the
//! hover and the drafts: the clawback window, the company's deadline against your decision
//! date, where the live number stands against your plan, and a review that is due.

use super::{OfferAnalysis, Rates};
use crate::model::{Duration, DurationUnit, Journal, Money, Section, Status, Verdict};
use chrono::NaiveDate;

/// The end of a window of `length` from `start`: whole months by the calendar.
pub fn after(start: NaiveDate, length: Duration) -> Option<NaiveDate> {
    let whole = length.amount_hundredths % 100 == 0;
    match length.unit {
        DurationUnit::Month if whole => {
            start.checked_add_months(chrono::Months::new((length.amount_hundredths / 100) as u32))
        }
        DurationUnit::Year if whole => start.checked_add_months(chrono::Months::new(
            (length.amount_hundredths / 100 * 12) as u32,
        )),
        _ => start.checked_add_days(chrono::Days::new(
            (length.twelfths_of_day / 12).max(0) as u64
        )),
    }
}

/// What leaving inside the clawback window costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clawback {
    pub start: NaiveDate,
    pub until: NaiveDate,
    pub length: Duration,
    pub sign_on: Option<Money>,
    pub relocation: Option<Money>,
    /// Sign-on and relocation, repaid in full.
    pub repay: Money,
}

pub fn clawback(journal: &Journal, section: &Section) -> Option<Clawback> {
    let length = section.clawback.as_ref()?.value;
    let start = section.start_date.as_ref()?.value;
    let until = after(start, length)?;
    let sign_on = section.sign_on.as_ref().and_then(|s| s.value);
    let relocation = section.relocation.as_ref().map(|r| r.value);
    let currency = sign_on.or(relocation)?.currency;
    let rates = Rates { journal, section };
    let mut repay = Money::new(0, currency);
    for m in [sign_on, relocation].into_iter().flatten() {
        repay = repay.checked_add(rates.convert(m, currency)?)?;
    }
    Some(Clawback {
        start,
        until,
        length,
        sign_on,
        relocation,
        repay,
    })
}

impl Clawback {
    /// "the $25,000 sign-on and the $12,000 relocation"
    pub fn parts(&self) -> String {
        let parts: Vec<String> = [(self.sign_on, "sign-on"), (self.relocation, "relocation")]
            .into_iter()
            .filter_map(|(m, what)| m.map(|m| format!("the {m} {what}")))
            .collect();
        parts.join(" and ")
    }
}

/// A job you hold being left inside its clawback window, as of `on`.
pub fn leaving_inside_clawback(
    journal: &Journal,
    section: &Section,
    today: NaiveDate,
) -> Option<(Clawback, NaiveDate)> {
    let holds = matches!(section.status(), Some(Status::Started | Status::Current));
    let decision = section.decision()?;
    if !holds || decision.value.verdict != Verdict::Walk {
        return None;
    }
    let on = decision.value.date.unwrap_or(today).max(today);
    let c = clawback(journal, section)?;
    (on < c.until && c.repay.minor > 0).then_some((c, on))
}

/// The company's deadline against your own decision date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// `expires` falls before your decision date and has not passed: ask for time.
    BeforeYourDate {
        expires: NaiveDate,
        decision_date: NaiveDate,
    },
    /// `expires` has passed and nothing is decided.
    Passed { expires: NaiveDate },
}

pub fn deadline(section: &Section, a: &OfferAnalysis, today: NaiveDate) -> Option<Deadline> {
    let expires = section.expires.as_ref()?.value;
    if section.decision().is_some() || !a.situation.open || a.situation.history {
        return None;
    }
    if expires < today {
        return matches!(section.status(), Some(Status::Live) | None)
            .then_some(Deadline::Passed { expires });
    }
    let decision_date = a.decision_date?.value;
    (expires < decision_date).then_some(Deadline::BeforeYourDate {
        expires,
        decision_date,
    })
}

/// The live number against each line of the plan: `live − line` (negative is below).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanStanding {
    pub live: Money,
    pub ask: Option<(Money, Money)>,
    pub accept_at: Option<(Money, Money)>,
    pub walk_below: Option<(Money, Money)>,
}

pub fn plan_standing(
    journal: &Journal,
    section: &Section,
    a: &OfferAnalysis,
) -> Option<PlanStanding> {
    let plan = section.plan.as_ref()?.value;
    let live = a.live?.base;
    let rates = Rates { journal, section };
    let against = |line: Option<Money>| -> Option<(Money, Money)> {
        let line = rates.convert(line?, live.currency)?;
        Some((line, live.checked_sub(line)?))
    };
    Some(PlanStanding {
        live,
        ask: against(plan.ask),
        accept_at: against(plan.accept_at),
        walk_below: against(plan.walk_below),
    })
}

/// A decision against your own plan (SPEC §2 `off-plan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffPlan {
    /// Accepted below the walk line.
    AcceptedBelowWalkLine { live: Money, walk_below: Money },
    /// Walked at or above the accept line.
    WalkedAboveAcceptLine { live: Money, accept_at: Money },
}

pub fn off_plan(standing: &PlanStanding, verdict: Verdict) -> Option<OffPlan> {
    match verdict {
        Verdict::Accept => {
            let (walk_below, diff) = standing.walk_below?;
            (diff.minor < 0).then_some(OffPlan::AcceptedBelowWalkLine {
                live: standing.live,
                walk_below,
            })
        }
        Verdict::Walk => {
            let (accept_at, diff) = standing.accept_at?;
            (diff.minor >= 0).then_some(OffPlan::WalkedAboveAcceptLine {
                live: standing.live,
                accept_at,
            })
        }
        _ => None,
    }
}

/// The review date, when it has come and no `outcome` is written.
pub fn review_due(section: &Section, today: NaiveDate) -> Option<NaiveDate> {
    let review = section.review.as_ref()?.value;
    (review <= today && section.outcomes.is_empty()).then_some(review)
}

/// "+$1,000" / "-$3,000"
pub fn signed(m: Money) -> String {
    if m.minor >= 0 {
        format!("+{m}")
    } else {
        m.to_string()
    }
}
