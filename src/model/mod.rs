//! The journal as the person wrote it: a profile and offer sections, in domain words.
//! Built from the syntax lines by [`build`]; everything carries byte spans back into the text.

mod build;
pub mod company;
pub mod fuller;
pub mod keys;
pub mod money;
pub mod shift;
pub mod values;
mod wording;

pub use build::{adds_nothing, build, build_parts, fill_currencies};
pub use fuller::{Outcome, Plan, Refresher, RetirementMatch, SignOnParts, Tranche, Vesting};
pub use keys::Key;
pub use money::{Currency, Money};

use crate::text::Span;
use chrono::NaiveDate;

/// A value read from one `key: value` line.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    pub value: T,
    /// The whole line, without its break.
    pub line: Span,
    pub key: Span,
    pub value_span: Span,
}

/// A percentage in hundredths of a percent (`3.5%` is 350), so it stays exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(pub i64);

impl Percent {
    pub fn as_fraction(self) -> f64 {
        self.0 as f64 / 10_000.0
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let whole = self.0 / 100;
        let frac = (self.0 % 100).abs();
        if frac == 0 {
            write!(f, "{whole}%")
        } else if frac % 10 == 0 {
            write!(f, "{whole}.{}%", frac / 10)
        } else {
            write!(f, "{whole}.{frac:02}%")
        }
    }
}

/// A length of time, kept in twelfths of a day so months (365/12 days), weeks and days
/// compare exactly: `3 months` is 1095, `13 weeks` is 1092.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duration {
    pub twelfths_of_day: i64,
    /// How the person wrote it, for messages: `4 months`.
    pub amount_hundredths: i64,
    pub unit: DurationUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DurationUnit {
    Day,
    Week,
    Month,
    Year,
}

impl DurationUnit {
    pub const fn twelfths_of_day(self) -> i64 {
        match self {
            DurationUnit::Day => 12,
            DurationUnit::Week => 84,
            DurationUnit::Month => 365,
            DurationUnit::Year => 4380,
        }
    }
}

impl Duration {
    pub fn new(amount_hundredths: i64, unit: DurationUnit) -> Self {
        Duration {
            twelfths_of_day: amount_hundredths * unit.twelfths_of_day() / 100,
            amount_hundredths,
            unit,
        }
    }

    pub fn months(n: i64) -> Self {
        Duration::new(n * 100, DurationUnit::Month)
    }

    pub fn weeks(n: i64) -> Self {
        Duration::new(n * 100, DurationUnit::Week)
    }

    pub fn in_years(self) -> f64 {
        self.twelfths_of_day as f64 / DurationUnit::Year.twelfths_of_day() as f64
    }

    pub fn in_weeks(self) -> f64 {
        self.twelfths_of_day as f64 / DurationUnit::Week.twelfths_of_day() as f64
    }
}

impl std::fmt::Display for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let amount = if self.amount_hundredths % 100 == 0 {
            format!("{}", self.amount_hundredths / 100)
        } else {
            format!("{}", self.amount_hundredths as f64 / 100.0)
        };
        let one = self.amount_hundredths == 100;
        let unit = match (self.unit, one) {
            (DurationUnit::Day, true) => "day",
            (DurationUnit::Day, false) => "days",
            (DurationUnit::Week, true) => "week",
            (DurationUnit::Week, false) => "weeks",
            (DurationUnit::Month, true) => "month",
            (DurationUnit::Month, false) => "months",
            (DurationUnit::Year, true) => "year",
            (DurationUnit::Year, false) => "years",
        };
        write!(f, "{amount} {unit}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Base,
    Total,
}

/// `floor: $190k base` or `wish: $250k total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub amount: Money,
    pub basis: Basis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    Strong,
    Ok,
    Weak,
}

/// The non-comp factors of the walk-away matrix [004].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Factor {
    Scope,
    Manager,
    Team,
    Growth,
    LocationFit,
    EquityQuality,
}

impl Factor {
    pub const ALL: [Factor; 6] = [
        Factor::Scope,
        Factor::Manager,
        Factor::Team,
        Factor::Growth,
        Factor::LocationFit,
        Factor::EquityQuality,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Factor::Scope => "scope",
            Factor::Manager => "manager",
            Factor::Team => "team",
            Factor::Growth => "growth",
            Factor::LocationFit => "location-fit",
            Factor::EquityQuality => "equity-quality",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Current,
    Live,
    /// In process, no offer yet: nothing to weigh, and not an open offer.
    Interviewing,
    Accepted,
    Signed,
    Started,
    Declined,
    Withdrawn,
    Rescinded,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Current,
        Status::Live,
        Status::Accepted,
        Status::Signed,
        Status::Started,
        Status::Declined,
        Status::Withdrawn,
        Status::Rescinded,
        // new in SPEC v2, after the others so completion keeps its familiar order
        Status::Interviewing,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Live => "live",
            Status::Interviewing => "interviewing",
            Status::Accepted => "accepted",
            Status::Signed => "signed",
            Status::Started => "started",
            Status::Declined => "declined",
            Status::Withdrawn => "withdrawn",
            Status::Rescinded => "rescinded",
        }
    }

    /// What the status means, in a few words (completion and messages show it).
    pub fn meaning(self) -> &'static str {
        match self {
            Status::Current => "your current job",
            Status::Live => "an offer in hand, being weighed",
            Status::Interviewing => "in process, no offer yet",
            Status::Accepted => "you said yes",
            Status::Signed => "you signed",
            Status::Started => "you started there",
            Status::Declined => "you said no",
            Status::Withdrawn => "they or you withdrew it",
            Status::Rescinded => "they took it back",
        }
    }

    /// You said yes to it: walking away now is reneging.
    pub fn is_committed(self) -> bool {
        matches!(self, Status::Accepted | Status::Signed)
    }

    /// The offer is over: nothing left to weigh.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Status::Declined | Status::Withdrawn | Status::Rescinded
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bonus {
    Percent(Percent),
    Amount(Money),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Equity {
    Grant { total: Money, vesting: Duration },
    PerYear(Money),
    None,
}

/// `counter 2026-11-15: asked $195k, got $178k` — the first amount after `asked` and after
/// `got` is the base; extra parts after each are kept as spans into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub date: Option<NaiveDate>,
    pub asked: Money,
    pub got: Option<Money>,
    /// Where the `got` amount is written, for diagnostics about the live number.
    pub got_span: Option<Span>,
    /// What was written after the asked amount (`plus a $15k sign-on`), without the
    /// separators around it: part of the ask, kept for drafts and hover to quote.
    pub asked_extra: Option<Span>,
    /// What was written after the `got` amount (`and a $10k sign-on`).
    pub got_extra: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Walk,
    Stay,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub side: Side,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Walk,
    Accept,
    Counter,
    Wait,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Walk => "walk",
            Verdict::Accept => "accept",
            Verdict::Counter => "counter",
            Verdict::Wait => "wait",
        }
    }
}

/// `decision 2026-11-21: walk`
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub date: Option<NaiveDate>,
    pub verdict: Verdict,
}

/// `anchor-years: 3` or `anchor-years: 2-4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnchorYears {
    pub low: u32,
    pub high: u32,
}

/// `exchange-rate: 1 EUR = 1.08 USD`: `rate_millionths` of `to` for one `from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeRate {
    pub from: Currency,
    pub to: Currency,
    pub rate_millionths: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    Decline,
    Renege,
    Resign,
    Counter,
    /// Asking for more time before the offer `expires`.
    Extension,
    /// ```` ```email ```` with no kind, or one we don't know.
    Other,
}

impl DraftKind {
    pub fn name(self) -> &'static str {
        match self {
            DraftKind::Decline => "decline",
            DraftKind::Renege => "renege",
            DraftKind::Resign => "resign",
            DraftKind::Counter => "counter",
            DraftKind::Extension => "extension",
            DraftKind::Other => "email",
        }
    }

    /// Drafts that say no to an offer, so the decline advice of [004] applies.
    pub fn is_decline(self) -> bool {
        matches!(self, DraftKind::Decline | DraftKind::Renege)
    }
}

/// A fenced ```` ```email … ```` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: DraftKind,
    /// The opening fence line.
    pub open: Span,
    /// The text between the fences.
    pub body: Span,
    /// The closing fence line, if the block is closed.
    pub close: Option<Span>,
}

/// A rule code named in `allow:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedCode {
    pub code: String,
    pub span: Span,
}

/// The profile (before the first `## ` heading) or one offer section. They share a shape:
/// an offer section may override the profile's `floor`, `wish` and `decision-date`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Section {
    /// `None` for a profile (the first search's, or a later search's after its `# `).
    pub name: Option<String>,
    /// The `## ` heading line (for a later search's profile, its `# ` line).
    pub heading: Option<Span>,
    /// Which search the section belongs to: each `# ` heading after the first starts one
    /// (SPEC §1 "Searches"). Set for the whole journal by [`index_searches`].
    pub search: usize,
    pub name_span: Option<Span>,
    /// From the heading (or the start of the text) to the next heading.
    pub span: Span,

    pub floor: Option<Box<Field<Target>>>,
    pub wish: Option<Box<Field<Target>>>,
    pub runway: Option<Box<Field<Duration>>>,
    pub decision_date: Option<Box<Field<NaiveDate>>>,
    pub raise_rate: Option<Box<Field<Percent>>>,
    pub anchor_years: Option<Box<Field<AnchorYears>>>,
    pub today: Option<Box<Field<NaiveDate>>>,
    pub exchange_rates: Vec<Field<ExchangeRate>>,

    pub status: Option<Field<Status>>,
    pub role: Option<Field<String>>,
    pub recruiter: Option<Box<Field<String>>>,
    pub hiring_manager: Option<Box<Field<String>>>,
    pub referred_by: Option<Box<Field<String>>>,
    pub location: Option<Box<Field<String>>>,
    pub base: Option<Field<Money>>,
    pub bonus: Option<Field<Option<Bonus>>>,
    pub equity: Option<Field<Equity>>,
    pub sign_on: Option<Box<Field<Option<Money>>>>,
    pub pto: Option<Box<Field<Duration>>>,
    pub in_writing: Option<Box<Field<bool>>>,
    pub ratings: Vec<(Factor, Field<Rating>)>,
    pub counters: Vec<Field<Counter>>,
    pub reasons: Vec<Field<Reason>>,
    pub decisions: Vec<Field<Decision>>,
    pub review: Option<Box<Field<NaiveDate>>>,
    /// Issue 13: the fuller offer (see `model::fuller`).
    pub vesting: Option<Box<Field<Vesting>>>,
    pub refresher: Option<Box<Field<Option<Refresher>>>>,
    /// The sign-on's parts when it is paid in tranches (empty: all in year 1).
    pub sign_on_tranches: Vec<Tranche>,
    pub clawback: Option<Box<Field<Duration>>>,
    pub start_date: Option<Box<Field<NaiveDate>>>,
    pub relocation: Option<Box<Field<Money>>>,
    pub retirement_match: Option<Box<Field<RetirementMatch>>>,
    pub expires: Option<Box<Field<NaiveDate>>>,
    pub plan: Option<Box<Field<Plan>>>,
    pub expect: Option<Box<Field<String>>>,
    pub outcomes: Vec<Field<Outcome>>,
    pub lessons: Vec<Field<String>>,
    pub savings: Option<Box<Field<Money>>>,
    pub burn: Option<Box<Field<Money>>>,
    pub allow: Vec<Field<Vec<AllowedCode>>>,
    pub drafts: Vec<Draft>,
}

impl Section {
    pub fn is_profile(&self) -> bool {
        self.name.is_none()
    }

    /// The company as an email, `compare` or the history names it: the heading without the
    /// journal's own annotations — `Initech (current job)` → `Initech`, `Acme | Tokyo` →
    /// `Acme` (SPEC §1 Drafts: nothing from the journal leaks into the email).
    pub fn company(&self) -> String {
        match self.name.as_deref() {
            Some(name) => company::company_name(name).to_string(),
            None => "the company".into(),
        }
    }

    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or("your profile")
    }

    pub fn status(&self) -> Option<Status> {
        self.status.as_ref().map(|f| f.value)
    }

    pub fn rating(&self, factor: Factor) -> Option<&Field<Rating>> {
        self.ratings
            .iter()
            .find(|(f, _)| *f == factor)
            .map(|(_, field)| field)
    }

    /// The decision that stands: the last one written.
    pub fn decision(&self) -> Option<&Field<Decision>> {
        self.decisions.last()
    }

    /// Where a diagnostic about the section as a whole goes: its heading, else its first line.
    pub fn anchor(&self) -> Span {
        self.heading
            .unwrap_or(Span::new(self.span.start, self.span.start))
    }

    /// Does the section describe an offer at all (as opposed to notes under a heading)?
    pub fn has_offer_data(&self) -> bool {
        self.status.is_some()
            || self.base.is_some()
            || !self.counters.is_empty()
            || !self.decisions.is_empty()
            || self.role.is_some()
            || self.bonus.is_some()
            || self.equity.is_some()
    }

    pub fn allows(&self, code: &str) -> bool {
        self.allow
            .iter()
            .any(|field| field.value.iter().any(|a| a.code == code))
    }
}

/// What kind of problem reading a line met; the syntax rules give each its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueKind {
    /// A known key whose value does not parse.
    InvalidValue,
    /// A key close to a known one.
    UnknownKey,
    /// A single-valued key written twice in one section.
    DuplicateKey,
}

/// A problem found while reading the text (before any rule runs): a malformed value,
/// a key that looks like a typo, a key written twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxIssue {
    pub kind: IssueKind,
    pub span: Span,
    pub message: String,
    /// Where the first of two duplicate keys was.
    pub related: Option<(Span, String)>,
    pub section: usize,
}

/// Number the searches: every profile section after the first starts one. Done once for
/// the whole journal (the incremental engine parses sections apart, then calls this).
pub fn index_searches(journal: &mut Journal) {
    journal.searches.clear();
    for (i, section) in journal.sections.iter_mut().enumerate() {
        if i == 0 || section.is_profile() {
            journal.searches.push(i);
        }
        section.search = journal.searches.len() - 1;
    }
}

/// A parsed journal: `sections[0]` is the first search's profile; the rest are offer
/// sections in order, and the profiles of later searches (each after its `# ` heading).
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    pub title: Option<Field<String>>,
    pub sections: Vec<Section>,
    /// Where each search's profile is in `sections` (`searches[0] == 0`).
    pub searches: Vec<usize>,
    pub issues: Vec<SyntaxIssue>,
    /// The currency amounts without a symbol or code are read in.
    pub default_currency: Currency,
}

impl Journal {
    /// The first search's profile: what an `allow:` for the whole file is written in.
    pub fn profile(&self) -> &Section {
        &self.sections[0]
    }

    /// The profile that section `index` is measured against: its own search's.
    pub fn profile_of(&self, index: usize) -> &Section {
        let search = self.sections.get(index).map_or(0, |s| s.search);
        self.search_profile(search)
    }

    /// The profile of search number `search`.
    pub fn search_profile(&self, search: usize) -> &Section {
        let at = self.searches.get(search).copied().unwrap_or(0);
        &self.sections[at]
    }

    /// The latest search: the only one whose offers get advice about deciding now.
    pub fn current_search(&self) -> usize {
        self.searches.len().saturating_sub(1)
    }

    /// Offer sections with their index into `sections`.
    pub fn offers(&self) -> impl Iterator<Item = (usize, &Section)> {
        self.sections
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, s)| !s.is_profile())
    }

    /// The section that holds a byte offset.
    pub fn section_at(&self, offset: usize) -> usize {
        self.sections
            .iter()
            .rposition(|s| s.span.start <= offset)
            .unwrap_or(0)
    }
}
