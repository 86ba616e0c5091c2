//! Runway as time and as money (SPEC §2 Runway): `runway:` when written, else `savings`
//! ÷ `burn`; and what the 6–10 weeks to a comparable offer cost at your burn.

use super::{Sourced, WEEKS_TO_COMPARABLE_OFFER};
use crate::model::{Duration, DurationUnit, Money, Section};

/// Your runway: the `runway:` line wins over `savings / burn` (SPEC §1).
pub fn runway_of(profile: &Section) -> Option<Sourced<Duration>> {
    if let Some(r) = &profile.runway {
        return Some(Sourced {
            value: r.value,
            line: r.line,
            from_profile: true,
        });
    }
    let savings = profile.savings.as_ref()?;
    let burn = profile.burn.as_ref()?;
    if burn.value.minor <= 0 || burn.value.currency != savings.value.currency {
        return None;
    }
    let hundredths = savings.value.minor as i128 * 100 / burn.value.minor as i128;
    let hundredths = i64::try_from(hundredths).ok()?;
    Some(Sourced {
        value: Duration::new(hundredths, DurationUnit::Month),
        line: savings.line,
        from_profile: true,
    })
}

/// What walking costs in money: the weeks to a comparable offer at your monthly burn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkCost {
    pub burn: Money,
    pub savings: Option<Money>,
    pub low: Money,
    pub high: Money,
}

/// weeks × 12 / 52 months at `burn`, rounded to the nearest hundred.
pub fn cost_of_weeks(weeks: u32, burn: Money) -> Money {
    let minor = burn.minor as i128 * weeks as i128 * 12 / 52;
    // to the nearest hundred major units (10,000 minor)
    let rounded = (minor + 5_000).div_euclid(10_000) * 10_000;
    Money::new(rounded.clamp(0, i64::MAX as i128) as i64, burn.currency)
}

pub fn walk_cost(profile: &Section) -> Option<WalkCost> {
    let burn = profile.burn.as_ref()?.value;
    let (low, high) = WEEKS_TO_COMPARABLE_OFFER;
    Some(WalkCost {
        burn,
        savings: profile.savings.as_ref().map(|s| s.value),
        low: cost_of_weeks(low, burn),
        high: cost_of_weeks(high, burn),
    })
}

impl WalkCost {
    /// "6–10 weeks at $6,000 a month is $8,300–$13,800 of your $48,000"
    pub fn sentence(&self) -> String {
        let (low, high) = WEEKS_TO_COMPARABLE_OFFER;
        let of = self
            .savings
            .map(|s| format!(" of your {}", s.whole()))
            .unwrap_or_default();
        format!(
            "{low}–{high} weeks at {} a month is {}–{}{of}",
            self.burn.whole(),
            self.low,
            self.high
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Currency;

    #[test]
    fn the_walk_costs_its_weeks_at_your_burn_to_the_nearest_hundred() {
        let cost = |burn: i64, weeks| cost_of_weeks(weeks, Money::major(burn, Currency::USD));
        assert_eq!(cost(6_000, 6), Money::major(8_300, Currency::USD));
        assert_eq!(cost(6_000, 10), Money::major(13_800, Currency::USD));
        assert_eq!(cost(7_500, 6), Money::major(10_400, Currency::USD));
        assert_eq!(cost(7_500, 10), Money::major(17_300, Currency::USD));
    }
}
