//! The one advisor (SPEC §2.0): each offer's situation, decided once, and the single
//! recommendation that follows from it. Rules, hover, drafts and `compare` read this; none of
//! them works the advice out again, so no two of them can say different things.

use super::{Cell, Gap, GapSize, Numbers, OfferAnalysis};
use crate::model::{Duration, Money, Section, Status, Verdict};

/// Answered counters after which "below the floor" is a real reason to walk, and after
/// which the middle case's honest counter has had its answer [004: "below your hard floor
/// after the second counter"].
pub const COUNTERS_BEFORE_REAL: usize = 2;

/// Three months or less: taking the imperfect offer is defensible [004].
pub const SHORT_RUNWAY_MONTHS: i64 = 3;
/// Six months or more: waiting usually wins [004].
pub const LONG_RUNWAY_MONTHS: i64 = 6;

/// Which runway case of [004]'s "I have nothing else" applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunwayCase {
    /// Three months or less.
    Short,
    /// More than three, less than six.
    Middle,
    /// Six months or more.
    Long,
}

impl RunwayCase {
    pub fn of(runway: Duration) -> RunwayCase {
        if runway <= Duration::months(SHORT_RUNWAY_MONTHS) {
            RunwayCase::Short
        } else if runway < Duration::months(LONG_RUNWAY_MONTHS) {
            RunwayCase::Middle
        } else {
            RunwayCase::Long
        }
    }
}

/// Where the middle case stands after the counters so far [004]: one more honest counter,
/// accept if it lands within the small-gap line of the floor, walk if it doesn't.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MiddleStep {
    /// The number is still under the accept line: one more honest counter.
    CounterAgain { accept_line: AcceptLine },
    /// A counter landed at or above the accept line: accept, at this number.
    Accept { at: Money, accept_line: AcceptLine },
    /// The honest counter came back under the accept line: walk.
    Walk { accept_line: AcceptLine },
}

/// The number that resolves the middle case: within the small-gap line of the floor, or
/// the user's own `plan: accept at …` when written (SPEC §2.0: the plan's numbers are used
/// and named).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptLine {
    pub at: Money,
    pub planned: bool,
}

impl AcceptLine {
    /// "your accept line of $142,500" / "your plan's accept line of $148,000"
    pub fn named(&self) -> String {
        if self.planned {
            format!("your plan's accept line of {}", self.at)
        } else {
            format!("your accept line of {}", self.at)
        }
    }
}

/// Where an offer stands, decided once per offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Situation {
    /// Still being weighed: not declined, withdrawn, rescinded, nor your current job.
    pub open: bool,
    /// Declined, withdrawn or rescinded: no advice about deciding now (SPEC §1 "History").
    pub closed: bool,
    /// History: in an earlier search, or decided more than [`HISTORY_MONTHS`] before
    /// today. History gets no advice about deciding now.
    pub history: bool,
    /// The gap of the offer's opening number (its `base`, before any counter), on the
    /// floor's basis: what decides whether the runway case applies.
    pub opening_gap: Option<Gap>,
    /// No other offer of the search is open.
    pub only_open: bool,
    /// The runway written in the profile. (Where `savings`/`burn` will give one, it comes
    /// in here.)
    pub runway: Option<Duration>,
    /// Counters that got an answer.
    pub answered_counters: usize,
    /// The last decision recorded.
    pub decision: Option<Verdict>,
    /// The `accept at` of the section's `plan:`, in the floor's currency.
    pub plan_accept: Option<Money>,
}

/// A decision older than this is history: no advice about deciding now (SPEC §1).
pub const HISTORY_MONTHS: u32 = 12;

/// The one recommendation for an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recommendation {
    /// Nothing to advise about deciding now: closed, history, decided, or too little known.
    None,
    /// The runway case: the offer is alone and really below the floor. It overrides the
    /// matrix cell (named, when the ratings give one).
    Runway {
        case: RunwayCase,
        runway: Duration,
        overrides: Option<Cell>,
        /// Set in the middle case.
        middle: Option<MiddleStep>,
    },
    /// The walk-away matrix cell.
    Matrix(Cell),
}

impl Situation {
    /// Settled: history or closed. The floor, matrix, runway and process rules pass it by.
    pub fn settled(&self) -> bool {
        self.history || self.closed
    }

    /// Whether advice about deciding now applies at all.
    pub fn advisable(&self) -> bool {
        self.open
            && !self.history
            && !matches!(self.decision, Some(Verdict::Walk | Verdict::Accept))
    }
}

/// Work out the one recommendation from the situation and the analysis.
pub fn recommend(situation: &Situation, a: &OfferAnalysis) -> Recommendation {
    if !situation.advisable() {
        return Recommendation::None;
    }
    let real_gap = situation
        .opening_gap
        .is_some_and(|g| g.size == GapSize::Big);
    if let (Some(runway), true, true) = (situation.runway, real_gap, situation.only_open) {
        let case = RunwayCase::of(runway);
        let middle = (case == RunwayCase::Middle)
            .then(|| a.gap.map(|gap| middle_step(gap, a, situation)))
            .flatten();
        return Recommendation::Runway {
            case,
            runway,
            overrides: a.cell,
            middle,
        };
    }
    match a.cell {
        Some(cell) => Recommendation::Matrix(cell),
        None => Recommendation::None,
    }
}

/// The number that counts as "within the small-gap line of the floor".
pub fn accept_line(gap: &Gap, a: &OfferAnalysis) -> AcceptLine {
    if let Some(at) = a
        .situation
        .plan_accept
        .filter(|m| m.currency == gap.floor.currency)
    {
        return AcceptLine { at, planned: true };
    }
    AcceptLine {
        at: Money::new(
            gap.floor.minor - gap.floor.percent_of(a.small_gap.0).minor,
            gap.floor.currency,
        )
        .whole(),
        planned: false,
    }
}

fn middle_step(gap: Gap, a: &OfferAnalysis, situation: &Situation) -> MiddleStep {
    let accept_line = accept_line(&gap, a);
    if gap.measured.minor >= accept_line.at.minor {
        MiddleStep::Accept {
            at: gap.measured,
            accept_line,
        }
    } else if situation.answered_counters >= COUNTERS_BEFORE_REAL {
        // the first counter opened, the second was the honest one, and it didn't land
        MiddleStep::Walk { accept_line }
    } else {
        MiddleStep::CounterAgain { accept_line }
    }
}

/// The situation of one offer section.
pub fn situation(
    section: &Section,
    earlier_search: bool,
    today: chrono::NaiveDate,
    opening_gap: Option<Gap>,
    only_open: bool,
    runway: Option<Duration>,
    plan_accept: Option<Money>,
) -> Situation {
    let decision = section.decision();
    let history = earlier_search
        || decision
            .and_then(|d| d.value.date)
            .and_then(|date| date.checked_add_months(chrono::Months::new(HISTORY_MONTHS)))
            .is_some_and(|until| until < today);
    Situation {
        open: super::is_open(section),
        closed: is_closed(section),
        history,
        opening_gap,
        only_open,
        runway,
        answered_counters: section
            .counters
            .iter()
            .filter(|c| c.value.got.is_some())
            .count(),
        decision: decision.map(|d| d.value.verdict),
        plan_accept,
    }
}

impl Recommendation {
    /// The recommendation in one sentence, with the person's numbers: what the `status`
    /// hover, `compare` and the report say.
    pub fn sentence(&self, numbers: &Numbers) -> Option<String> {
        match self {
            Recommendation::None => None,
            Recommendation::Matrix(cell) => {
                Some(format!("{}: {}.", capital(cell.name()), cell.advice()))
            }
            Recommendation::Runway {
                case,
                runway,
                middle,
                ..
            } => Some(format!(
                "With {runway} of runway and nothing else open: {}.",
                runway_advice(*case, *middle, numbers)
            )),
        }
    }
}

impl Recommendation {
    /// The recommendation in a few words, for a table cell (`compare`, the report): the same
    /// advice as [`Recommendation::sentence`], shorter.
    pub fn short(&self) -> Option<String> {
        match self {
            Recommendation::None => None,
            Recommendation::Matrix(cell) => Some(format!("{}: {}", cell.name(), cell.verdict())),
            Recommendation::Runway {
                case,
                runway,
                middle,
                ..
            } => {
                let what = match (case, middle) {
                    (RunwayCase::Short, _) => "taking it is defensible".to_string(),
                    (RunwayCase::Long, _) => "waiting beats the anchor".to_string(),
                    (_, Some(MiddleStep::CounterAgain { accept_line })) => {
                        format!("one more counter; accept at {}", accept_line.at)
                    }
                    (_, Some(MiddleStep::Accept { at, .. })) => format!("accept at {at}"),
                    (_, Some(MiddleStep::Walk { .. })) => "walk".to_string(),
                    (RunwayCase::Middle, None) => "one more counter".to_string(),
                };
                Some(format!("{runway} of runway: {what}"))
            }
        }
    }
}

/// The advice of a runway case, paraphrased from [004].
pub fn runway_advice(case: RunwayCase, middle: Option<MiddleStep>, numbers: &Numbers) -> String {
    match (case, middle) {
        (RunwayCase::Short, _) => "taking the imperfect offer to keep paying rent is defensible — make that decision without guilt".into(),
        (RunwayCase::Long, _) => format!(
            "waiting usually beats a number that anchors you for the next {}",
            numbers.anchor_years_text()
        ),
        (RunwayCase::Middle, Some(MiddleStep::CounterAgain { accept_line })) => format!(
            "do one more honest counter; accept if it lands at {} or more ({}), and walk if it doesn't",
            accept_line.at,
            if accept_line.planned {
                "your plan's accept line".to_string()
            } else {
                format!("within {} of your floor", numbers.small_gap)
            }
        ),
        (RunwayCase::Middle, Some(MiddleStep::Accept { at, accept_line })) => format!(
            "the counter landed at {at}, at or above {}: accept it, and stop second-guessing",
            accept_line.named()
        ),
        (RunwayCase::Middle, Some(MiddleStep::Walk { accept_line })) => format!(
            "the honest counter didn't reach {}: walk, and keep looking with the months you have",
            accept_line.named()
        ),
        (RunwayCase::Middle, None) => format!(
            "do one more honest counter; accept if it lands within {} of your floor, and walk if it doesn't",
            numbers.small_gap
        ),
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether the section is closed by its status (declined, withdrawn, rescinded).
pub fn is_closed(section: &Section) -> bool {
    matches!(
        section.status(),
        Some(Status::Declined | Status::Withdrawn | Status::Rescinded)
    )
}

impl Situation {
    /// Whether one more counter is still part of the advice (SPEC §1 Drafts): a `walk` or an
    /// `accept` ends the negotiation, history is not negotiated, and the recommendation may
    /// already say what comes instead [004] — walk now (weak role · big gap: "no counter
    /// needed"; a middle-runway counter that came back short; strong · big after the second
    /// offer), or take it (the middle case resolved to accept; strong · small after its one
    /// calibrated counter). Drafts read this; they never work it out again.
    pub fn counter_fits(&self, recommendation: &Recommendation) -> bool {
        use super::Strength::{Strong, Weak};
        let answered = self.answered_counters;
        let advice_is_done_countering = match recommendation {
            Recommendation::Matrix(Cell {
                role: Weak,
                gap: GapSize::Big,
            }) => true,
            Recommendation::Matrix(Cell {
                role: Strong,
                gap: GapSize::Big,
            }) => answered >= COUNTERS_BEFORE_REAL,
            Recommendation::Matrix(Cell {
                role: Strong,
                gap: GapSize::Small,
            }) => answered >= 1,
            Recommendation::Runway {
                middle: Some(MiddleStep::Walk { .. } | MiddleStep::Accept { .. }),
                ..
            } => true,
            _ => false,
        };
        !self.history
            && !matches!(self.decision, Some(Verdict::Walk | Verdict::Accept))
            && !advice_is_done_countering
    }
}
