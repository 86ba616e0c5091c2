//! Values of the fuller offer's keys (SPEC §1, issue 13): vesting schedules and cliffs,
//! refreshers, sign-on tranches, retirement match, monthly burn, and the counter plan.
//! Each failure says what was expected, with an example that parses.

use super::ValueError;
use super::{duration_from, fail, first, money_from, parse, parse_or, percent_from, Result};
use crate::model::{
    Equity, Money, Plan, Refresher, RetirementMatch, SignOnParts, Tranche, Vesting,
};
use crate::syntax::Rule;

pub const VESTING_EXAMPLE: &str =
    "`$200k over 4 years, vesting 5/15/40/40, cliff 1 year` (percent vested each year, summing to 100)";
pub const REFRESHER_EXAMPLE: &str =
    "a yearly amount and the year it starts, like `$40k/yr from year 2` (add `, guaranteed` when it is in the offer letter)";
pub const SIGN_ON_EXAMPLE: &str =
    "an amount like `$25,000`, or tranches like `$30k year 1, $20k year 2`";
pub const BURN_EXAMPLE: &str = "what a month costs you, like `$6,000/month` or `$6k/mo`";
pub const MATCH_EXAMPLE: &str =
    "a match like `50% up to 6%` (half of what you put in, up to 6% of base) or `4%` of base";
pub const PLAN_EXAMPLE: &str =
    "your lines before the call, like `ask $178k, accept at $165k, walk below $158k` (any of them, in any order)";

/// The schedule and cliff written after an equity grant (`Vesting::default()` when neither is).
pub fn vesting(text: &str, equity: &Equity) -> Result<Vesting> {
    let mut out = Vesting::default();
    let Some(pair) = parse(Rule::equity_value, text) else {
        return Ok(out);
    };
    let mut written = (0, 0);
    for term in pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::equity_term)
    {
        for part in term.into_inner() {
            match part.as_rule() {
                Rule::vesting_term => {
                    written.0 += 1;
                    let schedule = first(&part, Rule::schedule)
                        .ok_or_else(|| ValueError(VESTING_EXAMPLE.into()))?;
                    let shares: Vec<u32> = schedule
                        .as_str()
                        .split('/')
                        .map(|s| s.parse().unwrap_or(u32::MAX / 8))
                        .collect();
                    let sum: u64 = shares.iter().map(|&s| u64::from(s)).sum();
                    if sum != 100 {
                        return fail(format!(
                            "the vesting schedule `{}` adds up to {sum}%, not 100%; write e.g. {VESTING_EXAMPLE}",
                            schedule.as_str()
                        ));
                    }
                    if let Equity::Grant { vesting, .. } = equity {
                        let years = vesting.in_years().round() as usize;
                        if years != shares.len() {
                            return fail(format!(
                                "the schedule `{}` has {} years but the grant vests over {years}; write one share per year, e.g. {VESTING_EXAMPLE}",
                                schedule.as_str(),
                                shares.len()
                            ));
                        }
                    }
                    out.schedule = shares;
                }
                Rule::cliff_term => {
                    written.1 += 1;
                    let duration = first(&part, Rule::duration)
                        .ok_or_else(|| ValueError(VESTING_EXAMPLE.into()))?;
                    out.cliff = Some(duration_from(duration)?);
                }
                _ => {}
            }
        }
    }
    // a `, vesting …` or `, cliff …` part that did not read is not a note to keep quietly
    // (a note that merely mentions vesting — `(standard vesting)` — is still a note)
    let attempted = |word: &str| {
        text.split([',', ';'])
            .skip(1)
            .filter(|part| part.trim_start().to_ascii_lowercase().starts_with(word))
            .count()
    };
    if attempted("vesting") > written.0 || attempted("cliff") > written.1 {
        return fail(format!(
            "the vesting terms can't be read; write them like {VESTING_EXAMPLE}"
        ));
    }
    Ok(out)
}

pub fn refresher(text: &str) -> Result<Option<Refresher>> {
    let pair = parse_or(Rule::refresher_value, text, REFRESHER_EXAMPLE)?;
    if first(&pair, Rule::none).is_some() {
        return Ok(None);
    }
    let per_year =
        money_from(first(&pair, Rule::money).ok_or_else(|| ValueError(REFRESHER_EXAMPLE.into()))?)?;
    let from_year = match first(&pair, Rule::year_number) {
        Some(y) => y.as_str().parse().unwrap_or(1),
        None => 1,
    };
    if from_year == 0 {
        return fail(format!("years count from 1: {REFRESHER_EXAMPLE}"));
    }
    let guaranteed = first(&pair, Rule::guaranteed).is_some();
    Ok(Some(Refresher {
        per_year,
        from_year,
        guaranteed,
    }))
}

pub fn sign_on_parts(text: &str) -> Result<SignOnParts> {
    let pair = parse_or(Rule::sign_on_value, text, SIGN_ON_EXAMPLE)?;
    let mut tranches = Vec::new();
    for tranche in pair
        .clone()
        .into_inner()
        .filter(|p| p.as_rule() == Rule::tranche)
    {
        let amount = money_from(
            first(&tranche, Rule::money).ok_or_else(|| ValueError(SIGN_ON_EXAMPLE.into()))?,
        )?;
        let year: u32 = first(&tranche, Rule::year_number)
            .and_then(|y| y.as_str().parse().ok())
            .unwrap_or(0);
        if year == 0 {
            return fail(format!("years count from 1: {SIGN_ON_EXAMPLE}"));
        }
        tranches.push(Tranche { year, amount });
    }
    if let Some(first_part) = tranches.first() {
        let currency = first_part.amount.currency;
        let mut total = Money::new(0, currency);
        for t in &tranches {
            if t.amount.currency != currency {
                return fail(format!(
                    "write every tranche in one currency: {SIGN_ON_EXAMPLE}"
                ));
            }
            total = total
                .checked_add(t.amount)
                .ok_or_else(|| ValueError("that amount is too large to be a sign-on".into()))?;
        }
        return Ok(SignOnParts {
            total: Some(total),
            tranches,
        });
    }
    let total = match first(&pair, Rule::money) {
        Some(m) => Some(money_from(m)?),
        None => None,
    };
    Ok(SignOnParts { total, tranches })
}

/// A monthly amount (`$6k/mo`), as the money of one month.
pub fn burn(text: &str) -> Result<Money> {
    match parse(Rule::burn_value, text) {
        Some(pair) => {
            money_from(first(&pair, Rule::money).ok_or_else(|| ValueError(BURN_EXAMPLE.into()))?)
        }
        None if parse(Rule::money_value, text).is_some() => {
            fail(format!("say it is per month: {BURN_EXAMPLE}"))
        }
        None => parse_or(Rule::burn_value, text, BURN_EXAMPLE)
            .map(|_| Money::new(0, super::UNSET_CURRENCY)),
    }
}

pub fn retirement_match(text: &str) -> Result<RetirementMatch> {
    let pair = parse_or(Rule::match_value, text, MATCH_EXAMPLE)?;
    let rate = percent_from(first(&pair, Rule::percent))?;
    let up_to = match first(&pair, Rule::match_cap) {
        Some(cap) => Some(percent_from(first(&cap, Rule::percent))?),
        None => None,
    };
    Ok(RetirementMatch { rate, up_to })
}

/// `None` for a `plan:` line with no amount: it is prose ("Plan: call Megan tomorrow").
pub fn plan(text: &str) -> Result<Option<Plan>> {
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let Some(pair) = parse(Rule::plan_value, text) else {
        return fail(format!(
            "`{}` is not a plan this can read: {PLAN_EXAMPLE}",
            text.trim()
        ));
    };
    let mut plan = Plan::default();
    for part in pair.into_inner() {
        let slot = match part.as_rule() {
            Rule::plan_ask => &mut plan.ask,
            Rule::plan_accept => &mut plan.accept_at,
            Rule::plan_walk => &mut plan.walk_below,
            _ => continue,
        };
        let money =
            money_from(first(&part, Rule::money).ok_or_else(|| ValueError(PLAN_EXAMPLE.into()))?)?;
        *slot = Some(money);
    }
    if let (Some(accept), Some(walk)) = (plan.accept_at, plan.walk_below) {
        if accept.currency == walk.currency && walk.minor > accept.minor {
            return fail(format!(
                "the walk line ({walk}) is above the accept line ({accept}); {PLAN_EXAMPLE}"
            ));
        }
    }
    Ok(Some(plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Currency, Duration, DurationUnit, Percent};

    fn usd(units: i64) -> Money {
        Money::major(units, Currency::USD)
    }

    #[test]
    fn vesting_schedules_and_cliffs_read_and_bad_ones_say_how() {
        let text = "$200k over 4 years, vesting 5/15/40/40, cliff 1 year";
        let equity = super::super::equity(text).unwrap();
        let v = vesting(text, &equity).unwrap();
        assert_eq!(v.schedule, [5, 15, 40, 40]);
        assert_eq!(v.cliff, Some(Duration::new(100, DurationUnit::Year)));
        let noted = "$160k over 4 years (standard vesting, nothing special)";
        assert_eq!(
            vesting(noted, &super::super::equity(noted).unwrap()).unwrap(),
            Vesting::default()
        );
        let text = "$160k over 4 years, cliff 18 months";
        let v = vesting(text, &super::super::equity(text).unwrap()).unwrap();
        assert_eq!(v.cliff, Some(Duration::new(1800, DurationUnit::Month)));
        for bad in [
            "$200k over 4 years, vesting 5/15/40/30",
            "$200k over 4 years, vesting 25/25/50",
            "$200k over 4 years, vesting back-loaded",
            "$200k over 4 years, cliff soon",
        ] {
            let err = vesting(bad, &super::super::equity(bad).unwrap()).unwrap_err();
            assert!(err.0.contains("5/15/40/40"), "{bad}: {err}");
        }
    }

    #[test]
    fn refreshers_tranches_match_burn_and_plans() {
        let r = refresher("$40k/yr from year 2, guaranteed")
            .unwrap()
            .unwrap();
        assert_eq!(
            (r.per_year, r.from_year, r.guaranteed),
            (usd(40_000), 2, true)
        );
        assert!(
            !refresher("$40k/yr from year 2")
                .unwrap()
                .unwrap()
                .guaranteed
        );
        assert!(
            refresher("$40k/yr from year 2 [guaranteed]")
                .unwrap()
                .unwrap()
                .guaranteed
        );
        assert!(refresher("maybe").unwrap_err().0.contains("from year 2"));

        let s = sign_on_parts("$30k year 1, $20k year 2").unwrap();
        assert_eq!(s.total, Some(usd(50_000)));
        assert_eq!(s.tranches.len(), 2);
        assert_eq!(
            s.tranches[1],
            Tranche {
                year: 2,
                amount: usd(20_000)
            }
        );
        assert_eq!(sign_on_parts("$25,000").unwrap().total, Some(usd(25_000)));
        assert!(sign_on_parts("lots").unwrap_err().0.contains("year 1"));

        assert_eq!(burn("$6,000/month").unwrap(), usd(6_000));
        assert_eq!(burn("$7.5k/mo").unwrap(), usd(7_500));
        assert!(burn("$6,000").unwrap_err().0.contains("$6k/mo"));

        let m = retirement_match("50% up to 6%").unwrap();
        assert_eq!((m.rate, m.up_to), (Percent(5000), Some(Percent(600))));
        assert_eq!(m.value_on(usd(160_000)), usd(4_800));
        assert_eq!(
            retirement_match("4%").unwrap().value_on(usd(150_000)),
            usd(6_000)
        );
        assert!(retirement_match("generous")
            .unwrap_err()
            .0
            .contains("50% up to 6%"));

        let p = plan("accept at $148k, walk below $140k, ask $160k")
            .unwrap()
            .unwrap();
        assert_eq!(
            (p.ask, p.accept_at, p.walk_below),
            (Some(usd(160_000)), Some(usd(148_000)), Some(usd(140_000)))
        );
        assert_eq!(plan("call Megan tomorrow").unwrap(), None);
        assert!(plan("ask for 10% more")
            .unwrap_err()
            .0
            .contains("walk below"));
    }
}
