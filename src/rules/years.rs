//! Rules of the fuller offer's money (issue 13): a year 1 under a total-comp floor that the
//! average meets, a sign-on clawed back when you leave, and a decision against your own plan.

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Context, Finding, Spec};
use crate::analysis::{convert, dates, years::YEARS_SHOWN};
use crate::model::{values, Basis, DraftKind, Money, Status};

/// `year-one-below-floor`: a total floor met at steady state but not in year 1.
pub(super) const YEAR_ONE_BELOW_FLOOR: Spec = Spec {
    severity: Information,
    family: Compensation,
    sources: &[WalkAway],
    summary: "a total-comp floor met on average (steady state) but not in year 1",
    explanation: "The average of a grant hides when it vests. A back-loaded schedule (5/15/40/40) or a cliff longer than a year makes year 1 smaller than the steady-state figure a recruiter quotes. Your total-comp floor is compared with each of years 1–4: if year 1 falls short, counter for what closes it (a sign-on in year 1, an even schedule, a shorter cliff), or decide knowingly that the later years make up for it.",
    check: year_one_below_floor,
};

pub fn year_one_below_floor(ctx: &Context, out: &mut Vec<Finding>) {
    for a in ctx.current() {
        let section = &ctx.journal.sections[a.section];
        if section.status() == Some(Status::Current) {
            continue;
        }
        let (Some(floor), Some(gap), Some(live)) = (a.floor, a.gap, a.live) else {
            continue;
        };
        if floor.value.basis != Basis::Total || gap.is_below() {
            continue;
        }
        let Some(years) = a.years(ctx.journal) else {
            continue;
        };
        let currency = years.steady.currency;
        let Some(floor_here) = convert(ctx.journal, section, floor.value.amount, currency) else {
            continue;
        };
        let below = years.below(floor_here, Basis::Total, YEARS_SHOWN);
        if below.first() != Some(&1) {
            continue;
        }
        let first = years.years[0];
        let floor_words = if floor_here.currency == floor.value.amount.currency {
            floor_here.to_string()
        } else {
            format!("{} ({floor_here})", floor.value.amount)
        };
        let vesting = section.vesting.as_ref().map(|v| &v.value);
        let mut why = Vec::new();
        if let Some(v) = vesting.filter(|v| !v.schedule.is_empty()) {
            let shares: Vec<String> = v.schedule.iter().map(u32::to_string).collect();
            why.push(format!(
                "the grant vests {}, so year 1 gets {} of equity",
                shares.join("/"),
                first.equity
            ));
        }
        if let Some(cliff) = vesting.and_then(|v| v.cliff).filter(|c| c.in_years() > 1.0) {
            why.push(format!(
                "the {cliff} cliff moves the first vest out of year 1"
            ));
        }
        if why.is_empty() {
            why.push("less of the package is paid in year 1".into());
        }
        let later: Vec<String> = below[1..]
            .iter()
            .filter_map(|&n| years.year(n))
            .map(|y| format!("year {} ({})", y.year, y.total))
            .collect();
        let later = if later.is_empty() {
            String::new()
        } else {
            format!("; {} falls short too", later.join(" and "))
        };
        let message = format!(
            "Year 1 at {} is {}, below your total-comp floor of {floor_words}, though the steady state of {} meets it: {}{later}",
            section.display_name(),
            first.total,
            years.steady,
            why.join(", and ")
        );
        let anchor = section.equity.as_ref().map_or(live.line, |e| e.line);
        out.push(Finding::new(a.section, anchor, message).related(floor.line, "your floor"));
    }
}

/// `sign-on-clawback`: leaving a job you hold inside its clawback window.
pub(super) const SIGN_ON_CLAWBACK: Spec = Spec {
    severity: Information,
    family: Compensation,
    sources: &[Renege],
    summary: "leaving a started job inside its sign-on clawback window",
    explanation: "A sign-on bonus (and relocation money) usually comes back if you leave within a set time of your start date. Leaving inside that window costs what you would repay: count it as part of what walking costs, check whether it is pro-rated in your letter, and weigh waiting until the window closes.",
    check: sign_on_clawback,
};

pub fn sign_on_clawback(ctx: &Context, out: &mut Vec<Finding>) {
    for a in &ctx.analysis.offers {
        let section = &ctx.journal.sections[a.section];
        let Some((c, _)) = dates::leaving_inside_clawback(ctx.journal, section, ctx.analysis.today)
        else {
            continue;
        };
        let Some(decision) = section.decision() else {
            continue;
        };
        let message = format!(
            "Leaving {} before {} means repaying {} ({}): the clawback runs {} from your start on {}",
            section.company(),
            c.until,
            c.repay,
            c.parts(),
            c.length,
            c.start
        );
        let mut finding = Finding::new(a.section, decision.line, message);
        if let Some(line) = section.clawback.as_ref().map(|f| f.line) {
            finding = finding.related(line, "the clawback window");
        }
        out.push(finding);
    }
}

/// `off-plan`: a decision against your own plan.
pub(super) const OFF_PLAN: Spec = Spec {
    severity: Warning,
    family: Compensation,
    sources: &[WalkAway],
    summary: "a decision against your own plan: accepting below your walk line, or walking above your accept line",
    explanation: "The plan you wrote before the call is the calm version of you: the ask, the number you would accept, and the line below which you walk. Deciding against it in the room — accepting under your walk line, or walking from a number above your accept line — is worth a second look before it stands. Either the plan was wrong (say why, and change it) or the moment was.",
    check: off_plan,
};

pub fn off_plan(ctx: &Context, out: &mut Vec<Finding>) {
    for a in ctx.current() {
        let section = &ctx.journal.sections[a.section];
        let (Some(decision), Some(plan)) = (section.decision(), section.plan.as_ref()) else {
            continue;
        };
        let Some(standing) = dates::plan_standing(ctx.journal, section, a) else {
            continue;
        };
        let message = match dates::off_plan(&standing, decision.value.verdict) {
            Some(dates::OffPlan::AcceptedBelowWalkLine { live, walk_below }) => format!(
                "You accepted {} at {live}, below the walk line of your own plan ({walk_below}): was the plan wrong, or the moment?",
                section.company()
            ),
            Some(dates::OffPlan::WalkedAboveAcceptLine { live, accept_at }) => format!(
                "You walked from {} at {live}, at or above the accept line of your own plan ({accept_at}): was the plan wrong, or the moment?",
                section.company()
            ),
            None => continue,
        };
        out.push(Finding::new(a.section, decision.line, message).related(plan.line, "your plan"));
    }
    // a counter draft that asks for something other than the plan's ask
    for (index, section) in ctx.journal.offers() {
        let Some((plan, ask)) = section.plan.as_ref().and_then(|p| Some((p, p.value.ask?))) else {
            continue;
        };
        for draft in section
            .drafts
            .iter()
            .filter(|d| d.kind == DraftKind::Counter)
        {
            let amounts = amounts_in(draft.body.of(ctx.text));
            let asks_plan = amounts.iter().any(|m| {
                convert(ctx.journal, section, *m, ask.currency)
                    .is_some_and(|m| m.whole() == ask.whole())
            });
            let Some(asked) = amounts.iter().max_by_key(|m| m.minor) else {
                continue;
            };
            if asks_plan {
                continue;
            }
            let message = format!(
                "This counter draft asks for {asked}, but the ask in your own plan is {ask}: change the draft, or the plan, so they say the same"
            );
            out.push(Finding::new(index, draft.open, message).related(plan.line, "your plan"));
        }
    }
}

/// Every amount written in prose (`$178,000`, `€95.000`, `172000 USD`).
fn amounts_in(text: &str) -> Vec<Money> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let word = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let word = word.trim_start_matches('(');
        if !word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let with_code = words.get(i + 1).map(|next| {
            format!(
                "{word} {}",
                next.trim_end_matches(['.', ',', ';', ':', ')'])
            )
        });
        let parsed = values::money(word)
            .ok()
            .filter(|m| m.currency != values::UNSET_CURRENCY)
            .or_else(|| {
                with_code
                    .and_then(|w| values::money(&w).ok())
                    .filter(|m| m.currency != values::UNSET_CURRENCY)
            });
        out.extend(parsed);
    }
    out
}
