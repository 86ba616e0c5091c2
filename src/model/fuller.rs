//! The fuller offer (SPEC §1, issue 13): how equity vests, refreshers, sign-on tranches,
//! clawbacks, benefits, the company's deadline, your plan, and what happened afterwards.

use super::{Duration, Money, Percent};
use chrono::NaiveDate;

/// `, vesting 5/15/40/40, cliff 1 year` after an equity grant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vesting {
    /// Percent vested in each year; sums to 100. Empty: even by default.
    pub schedule: Vec<u32>,
    pub cliff: Option<Duration>,
}

/// `refresher: $40k/yr from year 2, guaranteed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refresher {
    pub per_year: Money,
    /// The first year it is paid in (1-based).
    pub from_year: u32,
    /// Written in the offer: only then does it count against the floor.
    pub guaranteed: bool,
}

/// One sign-on payment: `$30k year 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tranche {
    pub year: u32,
    pub amount: Money,
}

/// `retirement-match: 50% up to 6%` (half of what you put in, up to 6% of base), or `4%`
/// (a flat share of base).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetirementMatch {
    pub rate: Percent,
    pub up_to: Option<Percent>,
}

impl RetirementMatch {
    /// The yearly value on a given base.
    pub fn value_on(&self, base: Money) -> Money {
        match self.up_to {
            Some(cap) => base.percent_of(cap.0).percent_of(self.rate.0),
            None => base.percent_of(self.rate.0),
        }
    }
}

/// `plan: ask $178k, accept at $165k, walk below $158k` — any subset, in any order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Plan {
    pub ask: Option<Money>,
    pub accept_at: Option<Money>,
    pub walk_below: Option<Money>,
}

impl Plan {
    pub fn amounts_mut(&mut self) -> impl Iterator<Item = &mut Money> {
        [&mut self.ask, &mut self.accept_at, &mut self.walk_below]
            .into_iter()
            .flatten()
    }
}

/// `outcome 2026-10-05: they came back with $168k`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub date: Option<NaiveDate>,
    pub text: String,
}

/// The values a `sign-on:` line holds: the whole amount and, when paid in parts, the parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOnParts {
    pub total: Option<Money>,
    pub tranches: Vec<Tranche>,
}
