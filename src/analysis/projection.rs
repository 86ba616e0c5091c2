//! The anchoring projection [004]: the number you accept anchors raises, recruiter outreach
//! and your next negotiation for years, so a gap now compounds at the raise rate.

use super::Gap;
use crate::model::{Money, Percent};

/// One projected year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Year {
    pub year: u32,
    /// Their number grown at the raise rate.
    pub theirs: Money,
    /// Your floor grown at the same rate.
    pub floor: Money,
    /// floor − theirs for that year (negative when above the floor).
    pub gap: Money,
    /// Sum of the gaps of years 1..=year.
    pub cumulative: Money,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub raise_rate: Percent,
    pub years: Vec<Year>,
}

impl Projection {
    /// Grow both numbers at `raise_rate` for `years` years: internal raises are a
    /// percentage of base, so the gap grows with them.
    pub fn new(gap: Gap, raise_rate: Percent, years: u32) -> Projection {
        let rate = raise_rate.as_fraction();
        let currency = gap.floor.currency;
        let mut cumulative = 0.0;
        let years = (1..=years)
            .map(|year| {
                let growth = (1.0 + rate).powi(year as i32 - 1);
                let theirs = gap.measured.as_f64() * growth;
                let floor = gap.floor.as_f64() * growth;
                let delta = floor - theirs;
                cumulative += delta;
                Year {
                    year,
                    theirs: Money::from_f64(theirs, currency),
                    floor: Money::from_f64(floor, currency),
                    gap: Money::from_f64(delta, currency),
                    cumulative: Money::from_f64(cumulative, currency),
                }
            })
            .collect();
        Projection { raise_rate, years }
    }

    /// The cumulative gap after `year` years, if projected that far.
    pub fn cumulative_at(&self, year: u32) -> Option<Money> {
        self.years
            .iter()
            .find(|y| y.year == year)
            .map(|y| y.cumulative)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::GapSize;
    use crate::model::{Basis, Currency};

    #[test]
    fn a_gap_compounds_at_the_raise_rate() {
        let usd = |n| Money::major(n, Currency::USD);
        let gap = Gap {
            floor: usd(190_000),
            basis: Basis::Base,
            measured: usd(178_000),
            shortfall: usd(12_000),
            size: GapSize::Big,
        };
        let p = Projection::new(gap, Percent(350), 4);
        assert_eq!(p.years[0].gap, usd(12_000));
        assert_eq!(p.years[1].gap, usd(12_420));
        assert_eq!(p.cumulative_at(2), Some(usd(24_420)));
        // 12000 * (1 + 1.035 + 1.035^2 + 1.035^3) = 50,579.31
        assert_eq!(p.cumulative_at(4).unwrap().whole(), usd(50_579));
    }
}
