//! What the numbers mean: total comp, the live number, the gap to the floor, the
//! walk-away matrix cell [004], and the anchoring projection. Pure; rules read it.

pub mod advice;
pub mod dates;
pub mod projection;
pub mod reasons;
pub mod runway;
pub mod years;

pub use projection::Projection;

use crate::config::Config;
use crate::model::{
    AnchorYears, Basis, Bonus, Currency, Equity, Factor, Field, Journal, Money, Percent, Rating,
    Section, Status, Target,
};
use crate::text::Span;
use chrono::NaiveDate;
use reasons::Classification;

/// A comparable offer takes six to ten weeks to get back in hand after walking [004].
pub const WEEKS_TO_COMPARABLE_OFFER: (u32, u32) = (6, 10);
/// About 15–20% of walk-aways re-engage six to eighteen months later [004].
pub const REENGAGE_PERCENT: (u32, u32) = (15, 20);
pub const REENGAGE_MONTHS: (u32, u32) = (6, 18);

/// The configurable numbers that messages, explanations and hovers quote: the small-gap
/// line, the years a number anchors you, the raise rate. One place turns them into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbers {
    pub small_gap: Percent,
    pub anchor_years: AnchorYears,
    pub raise_rate: Percent,
}

impl Numbers {
    pub fn from_config(config: &Config) -> Numbers {
        Numbers {
            small_gap: config.small_gap,
            anchor_years: default_anchor_years(config),
            raise_rate: config.raise_rate,
        }
    }

    /// `2–4 years`, or `3 years` when both ends meet.
    pub fn anchor_years_text(&self) -> String {
        anchor_years_text(self.anchor_years)
    }

    /// Replace the placeholders of a rule text.
    pub fn fill(&self, text: &str) -> String {
        text.replace("{small-gap}", &self.small_gap.to_string())
            .replace("{anchor-years}", &self.anchor_years_text())
            .replace("{raise-rate}", &self.raise_rate.to_string())
    }
}

impl Default for Numbers {
    fn default() -> Self {
        Numbers::from_config(&Config::default())
    }
}

/// The anchoring range when the journal does not set one: the article's two to four years
/// [004], cut to the configured horizon.
pub fn default_anchor_years(config: &Config) -> AnchorYears {
    AnchorYears {
        low: crate::config::DEFAULT_ANCHOR_YEARS
            .0
            .min(config.anchor_years),
        high: config.anchor_years,
    }
}

/// `2–4 years`, or `3 years` when both ends meet.
pub fn anchor_years_text(years: AnchorYears) -> String {
    let unit = if years.high == 1 { "year" } else { "years" };
    if years.low == years.high {
        format!("{} {unit}", years.high)
    } else {
        format!("{}–{} {unit}", years.low, years.high)
    }
}

/// The analysis of a whole journal.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub today: NaiveDate,
    /// The configured numbers, with the profile's own `raise-rate`/`anchor-years` applied.
    pub numbers: Numbers,
    /// One per offer section, in order of `section`.
    pub offers: Vec<OfferAnalysis>,
}

impl Analysis {
    pub fn offer(&self, section: usize) -> Option<&OfferAnalysis> {
        self.offers
            .binary_search_by_key(&section, |a| a.section)
            .ok()
            .map(|i| &self.offers[i])
    }
}

/// A value that came from a line of the journal, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    /// The line it was written on.
    pub line: Span,
    /// Set in the profile rather than in this section.
    pub from_profile: bool,
}

/// The number on the table: the last counter's `got`, else `base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveNumber {
    pub base: Money,
    /// Where the amount is written.
    pub span: Span,
    /// The whole line.
    pub line: Span,
    /// Index into the section's counters when a counter set it.
    pub counter: Option<usize>,
}

/// Yearly total compensation = base + bonus + equity per year (+ sign-on in year 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalComp {
    pub base: Money,
    pub bonus: Money,
    pub equity_per_year: Money,
    pub sign_on: Money,
    pub year_one: Money,
    pub steady: Money,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapSize {
    /// At or above the floor.
    None,
    /// Within the small-gap line below the floor (`config::DEFAULT_SMALL_GAP` unless configured).
    Small,
    Big,
}

/// How far the live number is from the floor, on the floor's basis and in its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub floor: Money,
    pub basis: Basis,
    /// The number compared with the floor (live base, or steady-state total comp).
    pub measured: Money,
    /// floor − measured; negative when above the floor.
    pub shortfall: Money,
    pub size: GapSize,
}

impl Gap {
    /// The shortfall as a percent of the floor (negative above it).
    pub fn percent(&self) -> f64 {
        if self.floor.minor == 0 {
            return 0.0;
        }
        self.shortfall.minor as f64 * 100.0 / self.floor.minor as f64
    }

    /// `6.3%`, rounded to one decimal as people say it.
    pub fn percent_text(&self) -> String {
        format_percent(self.percent().abs())
    }

    pub fn is_below(&self) -> bool {
        self.shortfall.minor > 0
    }
}

pub fn format_percent(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}%")
    } else {
        format!("{rounded:.1}%")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
}

/// Whether the role is strong, and why: strong when more than half of the rated factors
/// are strong and neither scope nor manager is weak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleStrength {
    pub verdict: Option<Strength>,
    pub strong: usize,
    pub rated: usize,
    /// Scope or manager rated weak: either one makes the role weak on its own.
    pub weak_core: Vec<Factor>,
}

impl RoleStrength {
    pub fn explain(&self) -> String {
        match self.verdict {
            None => "no factors rated yet".into(),
            Some(Strength::Weak) if !self.weak_core.is_empty() => {
                let names: Vec<_> = self.weak_core.iter().map(|f| f.name()).collect();
                format!("{} rated weak", names.join(" and "))
            }
            Some(_) => format!("{} of {} rated factors strong", self.strong, self.rated),
        }
    }
}

/// A cell of the walk-away matrix [004].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub role: Strength,
    pub gap: GapSize,
}

impl Cell {
    pub fn name(&self) -> &'static str {
        match (self.role, self.gap) {
            (Strength::Strong, GapSize::Big) => "strong role · big gap",
            (Strength::Strong, GapSize::Small) => "strong role · small gap",
            (Strength::Strong, GapSize::None) => "strong role · meets your floor",
            (Strength::Weak, GapSize::Big) => "weak role · big gap",
            (Strength::Weak, GapSize::Small) => "weak role · small gap",
            (Strength::Weak, GapSize::None) => "weak role · meets your floor",
        }
    }

    /// The cell's verdict in a few words: "walk now", "counter once".
    pub fn verdict(&self) -> &'static str {
        match (self.role, self.gap) {
            (Strength::Strong, GapSize::Big) => "counter once, then walk if it doesn't move",
            (Strength::Strong, GapSize::Small) => "take it after one calibrated counter",
            (Strength::Strong, GapSize::None) => "close it",
            (Strength::Weak, GapSize::Big) => "walk now",
            (Strength::Weak, GapSize::Small) => "walk unless your leverage is non-existent",
            (Strength::Weak, GapSize::None) => "don't accept just to have a job",
        }
    }

    /// The advice of the cell, paraphrased from [004].
    pub fn advice(&self) -> &'static str {
        match (self.role, self.gap) {
            (Strength::Strong, GapSize::Big) => "counter once with a total-comp focus (equity, sign-on, PTO), and walk if the second offer doesn't move",
            (Strength::Strong, GapSize::Small) => "take it after one calibrated counter; don't risk the relationship over the last few percent, and bank the goodwill for raise conversations",
            (Strength::Strong, GapSize::None) => "it meets your floor and the role is strong: close it, without spending relationship capital on the last few percent",
            (Strength::Weak, GapSize::Big) => "walk now, no counter needed; stop the loop politely and free your bandwidth for better fits",
            (Strength::Weak, GapSize::Small) => "walk unless your leverage is truly non-existent; don't accept just to have a job, and reassess your search at week six",
            (Strength::Weak, GapSize::None) => "the money meets your floor but the role rates weak, and money won't fix scope or a manager: don't accept just to have a job",
        }
    }
}

/// Everything known about one offer section.
#[derive(Debug, Clone)]
pub struct OfferAnalysis {
    pub section: usize,
    pub live: Option<LiveNumber>,
    pub comp: Option<TotalComp>,
    pub floor: Option<Sourced<Target>>,
    pub wish: Option<Sourced<Target>>,
    pub gap: Option<Gap>,
    /// The offer's currency and the floor's, when they differ and no rate was given.
    pub currency_mismatch: Option<(Currency, Currency)>,
    pub role: RoleStrength,
    pub cell: Option<Cell>,
    pub decision_date: Option<Sourced<NaiveDate>>,
    pub raise_rate: Percent,
    pub anchor_years: AnchorYears,
    /// The small-gap line this offer is measured with.
    pub small_gap: Percent,
    /// Where the offer stands (SPEC §2.0), decided once.
    pub situation: advice::Situation,
    /// The one recommendation every surface states.
    pub recommendation: advice::Recommendation,
    /// The classification of each `walk:` reason, by index into the section's reasons.
    pub reasons: Vec<(usize, Classification)>,
    /// What walking costs in money, with `burn` in the profile.
    pub walk_cost: Option<runway::WalkCost>,
}

impl OfferAnalysis {
    /// The numbers this offer's messages quote.
    pub fn numbers(&self) -> Numbers {
        Numbers {
            small_gap: self.small_gap,
            anchor_years: self.anchor_years,
            raise_rate: self.raise_rate,
        }
    }

    /// Total comp for years 1–4 and the benefits, on the live number: worked out when asked
    /// (one rule and the report's charts read it), not kept for every offer (480 bytes each).
    pub fn years(&self, journal: &Journal) -> Option<years::Years> {
        offer_years(journal, self, years::YEARS_SHOWN)
    }

    /// The anchoring projection of the live number (computed when asked: only hovers need it).
    pub fn projection(&self) -> Option<Projection> {
        self.gap
            .map(|g| Projection::new(g, self.raise_rate, self.anchor_years.high.max(1)))
    }
}

/// Analyse a parsed journal.
pub fn analyze(journal: &Journal, config: &Config) -> Analysis {
    analyze_with(journal, config, &mut reasons::classify_in)
}

/// [`analyze`] on two threads (a large journal's).
pub fn analyze_on_two(journal: &Journal, config: &Config) -> Analysis {
    let (mut first, mut second) = (reasons::classify_in, reasons::classify_in);
    analyze_halves(journal, config, &mut first, &mut second)
}

/// Analyse with a given reason classifier (incremental analysis passes a cached one).
pub fn analyze_with(
    journal: &Journal,
    config: &Config,
    classify: &mut dyn FnMut(&str, &reasons::Context) -> Classification,
) -> Analysis {
    let whole = Whole::of(journal, config);
    let mut offers = Vec::with_capacity(journal.sections.len());
    offers.extend(
        journal
            .offers()
            .map(|(index, section)| whole.offer(journal, index, section, config, classify)),
    );
    whole.with(offers)
}

/// A reason classifier one of two threads can use.
pub type Classifier<'a> = dyn FnMut(&str, &reasons::Context) -> Classification + Send + 'a;

/// [`analyze_with`], the offers in two halves on two threads (a large journal's: see
/// `PARALLEL_FROM`), each half with its own classifier. Offers are analysed each on its own
/// (what they share is worked out first, once), so the result is the same, in the same order.
pub fn analyze_halves(
    journal: &Journal,
    config: &Config,
    first: &mut Classifier,
    second: &mut Classifier,
) -> Analysis {
    let whole = Whole::of(journal, config);
    let middle = journal.sections.len() / 2;
    // (the first half's vector has room for all: the second is moved in, never regrown)
    let half = |range: std::ops::Range<usize>, room: usize, classify: &mut Classifier| {
        let mut out = Vec::with_capacity(room);
        out.extend(
            journal
                .offers()
                .filter(|(index, _)| range.contains(index))
                .map(|(index, section)| whole.offer(journal, index, section, config, classify)),
        );
        out
    };
    let all = journal.sections.len();
    let (mut offers, rest) = std::thread::scope(|scope| {
        let later = scope.spawn(|| half(middle..usize::MAX, all - middle, second));
        let earlier = half(0..middle, all, first);
        (earlier, later.join())
    });
    match rest {
        Ok(rest) => offers.extend(rest),
        Err(panic) => std::panic::resume_unwind(panic),
    }
    whole.with(offers)
}

/// What every offer's analysis shares, worked out once for the journal.
struct Whole {
    today: NaiveDate,
    /// Per search, up to two of its open offers: "no other offer open" is then a comparison.
    open: Vec<Vec<usize>>,
    numbers: Numbers,
}

impl Whole {
    fn of(journal: &Journal, config: &Config) -> Whole {
        let profile = journal.profile();
        // `today` pins the date for the whole file wherever it is written
        let today = journal
            .sections
            .iter()
            .find_map(|s| s.today.as_ref())
            .map(|f| f.value)
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let mut open: Vec<Vec<usize>> = vec![Vec::new(); journal.searches.len().max(1)];
        for (i, s) in journal.offers().filter(|(_, s)| is_open(s)) {
            if let Some(list) = open.get_mut(s.search).filter(|l| l.len() < 2) {
                list.push(i);
            }
        }
        let numbers = Numbers {
            small_gap: config.small_gap,
            anchor_years: profile
                .anchor_years
                .as_ref()
                .map_or(default_anchor_years(config), |f| f.value),
            raise_rate: profile
                .raise_rate
                .as_ref()
                .map_or(config.raise_rate, |f| f.value),
        };
        Whole {
            today,
            open,
            numbers,
        }
    }

    fn offer(
        &self,
        journal: &Journal,
        index: usize,
        section: &Section,
        config: &Config,
        classify: &mut dyn FnMut(&str, &reasons::Context) -> Classification,
    ) -> OfferAnalysis {
        let only_open = !self
            .open
            .get(section.search)
            .is_some_and(|l| l.iter().any(|&i| i != index));
        analyze_offer(
            journal, index, section, config, self.today, only_open, classify,
        )
    }

    fn with(self, offers: Vec<OfferAnalysis>) -> Analysis {
        Analysis {
            today: self.today,
            numbers: self.numbers,
            offers,
        }
    }
}

fn sourced<T: Copy>(
    own: &Option<Box<Field<T>>>,
    profile: &Option<Box<Field<T>>>,
) -> Option<Sourced<T>> {
    match (own, profile) {
        (Some(f), _) => Some(Sourced {
            value: f.value,
            line: f.line,
            from_profile: false,
        }),
        (None, Some(f)) => Some(Sourced {
            value: f.value,
            line: f.line,
            from_profile: true,
        }),
        _ => None,
    }
}

fn analyze_offer(
    journal: &Journal,
    index: usize,
    section: &Section,
    config: &Config,
    today: NaiveDate,
    only_open: bool,
    classify: &mut dyn FnMut(&str, &reasons::Context) -> Classification,
) -> OfferAnalysis {
    let profile = journal.profile_of(index);
    let live = live_number(section);
    let floor = sourced(&section.floor, &profile.floor);
    let wish = sourced(&section.wish, &profile.wish);
    let decision_date = sourced(&section.decision_date, &profile.decision_date);
    let raise_rate = section
        .raise_rate
        .as_ref()
        .or(profile.raise_rate.as_ref())
        .map_or(config.raise_rate, |f| f.value);
    let anchor_years = section
        .anchor_years
        .as_ref()
        .or(profile.anchor_years.as_ref())
        .map_or(default_anchor_years(config), |f| f.value);
    let rates = Rates { journal, section };
    let comp = live.and_then(|live| total_comp(section, live.base, &rates));

    let mut currency_mismatch = None;
    let gap = match (floor, live) {
        (Some(floor), Some(live)) => {
            let measured = match floor.value.basis {
                Basis::Base => Some(live.base),
                Basis::Total => comp.map(|c| c.steady),
            };
            measured.and_then(|measured| {
                let converted = rates.convert(measured, floor.value.amount.currency);
                if converted.is_none() {
                    currency_mismatch = Some((measured.currency, floor.value.amount.currency));
                }
                converted.map(|m| gap_between(floor.value, m, config.small_gap))
            })
        }
        _ => None,
    };
    let role = role_strength(section);
    let cell = match (&role.verdict, &gap) {
        (Some(role), Some(gap)) => Some(Cell {
            role: *role,
            gap: gap.size,
        }),
        _ => None,
    };
    let people = reasons::people_of(section);
    let people = reasons::Context { people: &people };
    let reasons = section
        .reasons
        .iter()
        .enumerate()
        .filter(|(_, r)| r.value.side == crate::model::Side::Walk)
        .map(|(i, r)| (i, classify(&r.value.text, &people)))
        .collect();
    // the opening number: `base`, before any counter, on the floor's basis
    let opening_gap = match (floor, section.base.as_ref()) {
        (Some(floor), Some(base)) => {
            let measured = match floor.value.basis {
                Basis::Base => Some(base.value),
                Basis::Total => total_comp(section, base.value, &rates).map(|c| c.steady),
            };
            measured
                .and_then(|m| rates.convert(m, floor.value.amount.currency))
                .map(|m| gap_between(floor.value, m, config.small_gap))
        }
        _ => None,
    };
    let situation = advice::situation(
        section,
        section.search < journal.current_search(),
        today,
        opening_gap,
        only_open,
        runway::runway_of(profile).map(|r| r.value),
        section
            .plan
            .as_ref()
            .and_then(|p| p.value.accept_at)
            .and_then(|m| floor.and_then(|f| rates.convert(m, f.value.amount.currency))),
    );
    let years = match (live, comp) {
        (Some(live), Some(c)) => years::years(
            section,
            live.base,
            raise_rate,
            &rates,
            years::YEARS_SHOWN,
            c.steady,
        ),
        _ => None,
    };
    // year 1 is the real year 1: its vesting share, its sign-on tranche, relocation
    let comp = comp.map(|mut c| {
        if let Some(first) = years.as_ref().and_then(|y| y.year(1)) {
            c.year_one = first.total;
            c.sign_on = first.one_off;
        }
        c
    });
    let mut analysis = OfferAnalysis {
        section: index,
        live,
        comp,
        floor,
        wish,
        gap,
        currency_mismatch,
        role,
        cell,
        decision_date,
        raise_rate,
        anchor_years,
        small_gap: config.small_gap,
        situation,
        recommendation: advice::Recommendation::None,
        reasons,
        walk_cost: runway::walk_cost(profile),
    };
    analysis.recommendation = advice::recommend(&analysis.situation, &analysis);
    analysis
}

/// The last counter with an answer, else `base`.
pub fn live_number(section: &Section) -> Option<LiveNumber> {
    let from_counter = section
        .counters
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, c)| Some((i, c.value.got?, c.value.got_span?, c.line)));
    if let Some((i, got, span, line)) = from_counter {
        return Some(LiveNumber {
            base: got,
            span,
            line,
            counter: Some(i),
        });
    }
    section.base.as_ref().map(|b| LiveNumber {
        base: b.value,
        span: b.value_span,
        line: b.line,
        counter: None,
    })
}

/// `money` in `to`, with the exchange rates written in the section or the profile (SPEC §1:
/// amounts are converted wherever two are compared or combined); `None` with no rate.
pub fn convert(journal: &Journal, section: &Section, money: Money, to: Currency) -> Option<Money> {
    Rates { journal, section }.convert(money, to)
}

/// Years 1..=`count` of an offer's total comp (hover and `compare` may show more than the
/// analysis keeps).
pub fn offer_years(journal: &Journal, a: &OfferAnalysis, count: u32) -> Option<years::Years> {
    let section = journal.sections.get(a.section)?;
    let rates = Rates { journal, section };
    let (live, comp) = (a.live?, a.comp?);
    years::years(section, live.base, a.raise_rate, &rates, count, comp.steady)
}

/// Exchange rates written in the profile or the section.
pub struct Rates<'a> {
    pub journal: &'a Journal,
    pub section: &'a Section,
}

impl Rates<'_> {
    pub fn convert(&self, money: Money, to: Currency) -> Option<Money> {
        if money.currency == to {
            return Some(money);
        }
        let all = self.section.exchange_rates.iter().chain(
            self.journal
                .search_profile(self.section.search)
                .exchange_rates
                .iter(),
        );
        for rate in all {
            let r = rate.value;
            // an amount that would not fit once converted has no total (never a wrapped one)
            if r.from == money.currency && r.to == to {
                let minor = money.minor as i128 * r.rate_millionths as i128 / 1_000_000;
                return Some(Money::new(i64::try_from(minor).ok()?, to));
            }
            if r.from == to && r.to == money.currency && r.rate_millionths > 0 {
                let minor = money.minor as i128 * 1_000_000 / r.rate_millionths as i128;
                return Some(Money::new(i64::try_from(minor).ok()?, to));
            }
        }
        None
    }
}

fn total_comp(section: &Section, base: Money, rates: &Rates) -> Option<TotalComp> {
    let currency = base.currency;
    let zero = Money::new(0, currency);
    let bonus = match section.bonus.as_ref().and_then(|b| b.value) {
        Some(Bonus::Percent(p)) => base.percent_of(p.0),
        Some(Bonus::Amount(m)) => rates.convert(m, currency)?,
        None => zero,
    };
    let equity_per_year = match section.equity.as_ref().map(|e| e.value) {
        Some(Equity::Grant { total, vesting }) => {
            let total = rates.convert(total, currency)?;
            let years = vesting.in_years();
            if years > 0.0 {
                Money::from_f64(total.as_f64() / years, currency)
            } else {
                zero
            }
        }
        Some(Equity::PerYear(m)) => rates.convert(m, currency)?,
        Some(Equity::None) | None => zero,
    };
    let sign_on = match section.sign_on.as_ref().and_then(|s| s.value) {
        Some(m) => rates.convert(m, currency)?,
        None => zero,
    };
    let steady = base.checked_add(bonus)?.checked_add(equity_per_year)?;
    let year_one = steady.checked_add(sign_on)?;
    Some(TotalComp {
        base,
        bonus,
        equity_per_year,
        sign_on,
        year_one,
        steady,
    })
}

/// The gap from `measured` to the floor, sized by the small-gap line: the one place a gap
/// is called small or big.
pub fn gap_between(floor: Target, measured: Money, small_gap: Percent) -> Gap {
    let shortfall = Money::new(
        floor.amount.minor.saturating_sub(measured.minor),
        floor.amount.currency,
    );
    let size = if shortfall.minor <= 0 {
        GapSize::None
    } else if shortfall.minor as i128 * 10_000 <= floor.amount.minor as i128 * small_gap.0 as i128 {
        GapSize::Small
    } else {
        GapSize::Big
    };
    Gap {
        floor: floor.amount,
        basis: floor.basis,
        measured,
        shortfall,
        size,
    }
}

/// Strong when more than half of the rated factors are strong and neither scope nor
/// manager is weak [004: "both axes matter"; scope and manager are what the article's
/// real reasons turn on — a downgraded scope, a manager vague about the roadmap].
pub fn role_strength(section: &Section) -> RoleStrength {
    let rated = section.ratings.len();
    let strong = section
        .ratings
        .iter()
        .filter(|(_, r)| r.value == Rating::Strong)
        .count();
    let weak_core: Vec<Factor> = section
        .ratings
        .iter()
        .filter(|(f, r)| matches!(f, Factor::Scope | Factor::Manager) && r.value == Rating::Weak)
        .map(|(f, _)| *f)
        .collect();
    let verdict = (rated > 0).then(|| {
        if strong * 2 > rated && weak_core.is_empty() {
            Strength::Strong
        } else {
            Strength::Weak
        }
    });
    RoleStrength {
        verdict,
        strong,
        rated,
        weak_core,
    }
}

/// Offers that are still on the table or already said yes to.
pub fn is_open(section: &Section) -> bool {
    match section.status() {
        Some(status) => matches!(status, Status::Live | Status::Accepted | Status::Signed),
        None => section.base.is_some() || !section.counters.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large journal's offers analysed in two halves on two threads are what one thread
    /// finds, in the same order, every field.
    #[test]
    fn offers_analysed_on_two_threads_are_what_one_thread_finds() {
        let text = crate::large_journal();
        let lines = crate::syntax::lines(&text);
        let journal = crate::model::build(&text, &lines);
        let config = Config::default();
        let one = analyze(&journal, &config);
        let two = analyze_on_two(&journal, &config);
        assert!(one.offers.len() > 1000, "{} offers", one.offers.len());
        assert_eq!(one.offers.len(), two.offers.len());
        for (a, b) in one.offers.iter().zip(&two.offers) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        assert_eq!(format!("{:?}", one.numbers), format!("{:?}", two.numbers));
    }
}
