//! Total comp year by year (SPEC §1 "year by year"): the vesting schedule and cliff, sign-on
//! tranches, relocation, bonus and raises at the raise rate; refreshers apart, as "expected"
//! (counted only when guaranteed); benefits in their own column. Every surface that shows a
//! year's figure — hover, `compare`, rules, the report — reads it from here.

use super::Rates;
use crate::model::{Basis, Bonus, Equity, Money, Percent, Section};

/// How many years hover and `compare` show unless asked otherwise.
pub const YEARS_SHOWN: u32 = 4;
/// A working year has this many paid days: a day of PTO is worth base ÷ 260.
pub const WORKING_DAYS: i64 = 260;

/// One year of total comp, in the offer's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearComp {
    pub year: u32,
    pub base: Money,
    pub bonus: Money,
    pub equity: Money,
    /// Sign-on and relocation paid this year.
    pub one_off: Money,
    /// Refreshers paid this year, guaranteed or not.
    pub refresher: Money,
    /// base + bonus + equity + one-offs (+ the refresher only when guaranteed): the figure
    /// a floor is measured against.
    pub total: Money,
    /// `total` with an expected (not guaranteed) refresher added.
    pub with_refresher: Money,
}

/// Benefits, never inside total comp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Benefits {
    pub retirement_match: Option<Money>,
    /// PTO valued at base ÷ 260 a day.
    pub pto: Option<Money>,
}

impl Benefits {
    pub fn total(&self) -> Option<Money> {
        match (self.retirement_match, self.pto) {
            (Some(a), Some(b)) => a.checked_add(b),
            (a, b) => a.or(b),
        }
    }
}

/// The years of one offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Years {
    pub years: Vec<YearComp>,
    /// base + bonus + the grant ÷ its vesting years.
    pub steady: Money,
    pub benefits: Benefits,
    /// A refresher is written and not guaranteed: `with_refresher` is only expected.
    pub expected_refresher: bool,
}

impl Years {
    pub fn year(&self, n: u32) -> Option<&YearComp> {
        self.years.iter().find(|y| y.year == n)
    }

    /// The years (of the first `shown`) below `floor`, measured on its basis: each year's
    /// total for a total-comp floor, its base for a base floor. The rules, the hover and the
    /// report all ask this.
    pub fn below(&self, floor: Money, basis: Basis, shown: u32) -> Vec<u32> {
        self.years
            .iter()
            .filter(|y| y.year <= shown)
            .filter(|y| match basis {
                Basis::Total => y.total.minor < floor.minor,
                Basis::Base => y.base.minor < floor.minor,
            })
            .map(|y| y.year)
            .collect()
    }
}

/// The share of a grant vesting in each year 1..=`count`, with the cliff applied: a cliff
/// longer than a year moves what vested before it into the year it ends.
pub fn equity_by_year(
    section: &Section,
    rates: &Rates,
    currency: crate::model::Currency,
    count: u32,
) -> Option<Vec<Money>> {
    let zero = Money::new(0, currency);
    let mut out = vec![zero; count as usize];
    match section.equity.as_ref().map(|e| e.value) {
        Some(Equity::Grant { total, vesting }) => {
            let total = rates.convert(total, currency)?;
            let vesting_years = (vesting.in_years().round() as usize).max(1);
            let schedule = section
                .vesting
                .as_ref()
                .map(|v| v.value.schedule.clone())
                .filter(|s| s.len() == vesting_years);
            let shares: Vec<Money> = match schedule {
                Some(s) => s
                    .iter()
                    .map(|&p| total.percent_of(i64::from(p) * 100))
                    .collect(),
                None => vec![total.divided(vesting_years as i64); vesting_years],
            };
            let cliff_year = section
                .vesting
                .as_ref()
                .and_then(|v| v.value.cliff)
                .map_or(1, |c| (c.in_years() - 1e-9).ceil().max(1.0) as usize);
            let mut by_year = shares;
            if cliff_year > 1 && cliff_year <= by_year.len() {
                let moved = by_year[..cliff_year - 1]
                    .iter()
                    .try_fold(zero, |sum, m| sum.checked_add(*m))?;
                for share in &mut by_year[..cliff_year - 1] {
                    *share = zero;
                }
                by_year[cliff_year - 1] = by_year[cliff_year - 1].checked_add(moved)?;
            }
            for (slot, share) in out.iter_mut().zip(by_year) {
                *slot = share;
            }
        }
        Some(Equity::PerYear(m)) => {
            let m = rates.convert(m, currency)?;
            out.iter_mut().for_each(|slot| *slot = m);
        }
        Some(Equity::None) | None => {}
    }
    Some(out)
}

/// Years 1..=`count` of total comp on `base` (the live number), at `raise_rate`.
pub fn years(
    section: &Section,
    base: Money,
    raise_rate: Percent,
    rates: &Rates,
    count: u32,
    steady: Money,
) -> Option<Years> {
    let currency = base.currency;
    let zero = Money::new(0, currency);
    let equity = equity_by_year(section, rates, currency, count)?;
    let mut one_off = vec![zero; count as usize];
    let mut pay = |year: u32, m: Money| -> Option<()> {
        if let Some(slot) = one_off.get_mut(year as usize - 1) {
            *slot = slot.checked_add(rates.convert(m, currency)?)?;
        }
        Some(())
    };
    if section.sign_on_tranches.is_empty() {
        if let Some(m) = section.sign_on.as_ref().and_then(|s| s.value) {
            pay(1, m)?;
        }
    } else {
        for t in &section.sign_on_tranches {
            pay(t.year, t.amount)?;
        }
    }
    if let Some(m) = section.relocation.as_ref().map(|r| r.value) {
        pay(1, m)?;
    }
    let refresher = section.refresher.as_ref().and_then(|r| r.value);
    let refresher_money = match refresher {
        Some(r) => Some(rates.convert(r.per_year, currency)?),
        None => None,
    };
    let rate = raise_rate.as_fraction();
    let mut out = Vec::with_capacity(count as usize);
    for year in 1..=count {
        let i = year as usize - 1;
        let year_base = Money::from_f64(base.as_f64() * (1.0 + rate).powi(i as i32), currency);
        let bonus = match section.bonus.as_ref().and_then(|b| b.value) {
            Some(Bonus::Percent(p)) => year_base.percent_of(p.0),
            Some(Bonus::Amount(m)) => rates.convert(m, currency)?,
            None => zero,
        };
        let this_refresher = match (refresher, refresher_money) {
            (Some(r), Some(m)) if year >= r.from_year => m,
            _ => zero,
        };
        let guaranteed = refresher.is_some_and(|r| r.guaranteed);
        let counted = year_base
            .checked_add(bonus)?
            .checked_add(equity[i])?
            .checked_add(one_off[i])?;
        let total = if guaranteed {
            counted.checked_add(this_refresher)?
        } else {
            counted
        };
        out.push(YearComp {
            year,
            base: year_base,
            bonus,
            equity: equity[i],
            one_off: one_off[i],
            refresher: this_refresher,
            total,
            with_refresher: counted.checked_add(this_refresher)?,
        });
    }
    let benefits = Benefits {
        retirement_match: section
            .retirement_match
            .as_ref()
            .map(|m| m.value.value_on(base)),
        pto: section.pto.as_ref().map(|p| {
            // twelfths of a day → days, exactly
            let value =
                base.minor as i128 * p.value.twelfths_of_day as i128 / (12 * WORKING_DAYS as i128);
            Money::new(value.clamp(0, i64::MAX as i128) as i64, currency)
        }),
    };
    Some(Years {
        years: out,
        steady,
        benefits,
        expected_refresher: refresher.is_some_and(|r| !r.guaranteed),
    })
}
