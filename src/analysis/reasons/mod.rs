//! The explainable classifier for `walk:` lines [004]: it tells a real reason to walk from one
//! that only feels like a reason, and keeps the words that decided so hover can quote them.
//!
//! A reason is cut into words (`words`), matched against the phrase list (`lexicon`), weighed
//! by the scan (`scan`), and the verdict is put into one sentence for hover (`explanation`).

mod explanation;
mod lexicon;
mod scan;
mod words;

use scan::Scan;
use std::ops::Range;

/// What a `walk:` reason amounts to. The first six only feel like reasons (each maps to a rule);
/// the next five are real reasons, shown in hover and never a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReasonClass {
    /// Emotion or fatigue: "tired", "want it to be over", "anxious", "scared", "fed up".
    Feeling,
    /// Measured against the wish number: "under what I wanted", "5% under my number".
    WishNotFloor,
    /// About an offer that does not exist yet: "might pay more", "in three months".
    Speculative,
    /// Someone else's pay: "my friend got a higher offer", "a colleague makes more".
    Comparison,
    /// "The process was slow" (the rule checks that the role rates strong).
    SlowProcess,
    /// "Gut", "bad feeling", "something feels off" with nothing observed behind it.
    UnarticulatedGut,
    /// Below the hard floor.
    BelowFloor,
    /// They pushed back on every reasonable ask.
    Pushback,
    /// Scope, level or title downgraded mid-process.
    ScopeDowngrade,
    /// Layoffs, lawsuits, key exits, turnover, missed payroll, an investigation…
    RedFlag,
    /// A gut signal put into words: observed, concrete, countable.
    ArticulatedGut,
    /// Self-doubt about doing the job: "not sure I'm good enough", "imposter", "what if I fail".
    /// On an accepted or signed offer it may be cold feet [000]; elsewhere it is a feeling.
    SelfDoubt,
    /// A competing offer in writing, or a counter-offer from your current employer, with its
    /// number: "Globex put $195k in writing", "my manager countered with $190k".
    WrittenOffer,
    /// Nothing recognised: neither flagged nor praised.
    Unclassified,
}

impl ReasonClass {
    /// One of the reasons that only feel like one [004]: each has its rule
    /// (`rules::reasons::code_for`).
    pub fn only_feels_like_one(self) -> bool {
        matches!(
            self,
            ReasonClass::Feeling
                | ReasonClass::WishNotFloor
                | ReasonClass::Speculative
                | ReasonClass::Comparison
                | ReasonClass::SlowProcess
                | ReasonClass::UnarticulatedGut
                | ReasonClass::SelfDoubt
        )
    }

    /// A reason the article says holds up [004].
    pub fn is_real(self) -> bool {
        matches!(
            self,
            ReasonClass::BelowFloor
                | ReasonClass::Pushback
                | ReasonClass::ScopeDowngrade
                | ReasonClass::RedFlag
                | ReasonClass::ArticulatedGut
                | ReasonClass::WrittenOffer
        )
    }

    /// Whether this reason holds up for an offer whose counters got `answered` answers: below
    /// the floor is a real reason only after the second counter; before that it is not yet a
    /// reason to walk — counter first (SPEC §2.0 "Consistency of wording", [004]).
    pub fn is_real_after(self, answered: usize) -> bool {
        self.is_real() && (self != ReasonClass::BelowFloor || answered >= COUNTERS_BEFORE_REAL)
    }

    /// A short label for hover.
    pub fn label(self) -> &'static str {
        match self {
            ReasonClass::Feeling => "a feeling, not a reason",
            ReasonClass::WishNotFloor => "your wish, not your floor",
            ReasonClass::Speculative => "a guess about an offer that doesn't exist yet",
            ReasonClass::Comparison => "a comparison with someone else's pay",
            ReasonClass::SlowProcess => "a slow process",
            ReasonClass::UnarticulatedGut => "a gut feeling not yet put into words",
            ReasonClass::BelowFloor => "below your floor — a real reason",
            ReasonClass::Pushback => "pushback on every ask — a real reason",
            ReasonClass::ScopeDowngrade => "a scope downgrade — a real reason",
            ReasonClass::RedFlag => "a red flag — a real reason",
            ReasonClass::ArticulatedGut => "a gut signal put into words — a real reason",
            ReasonClass::SelfDoubt => "self-doubt, not a fact about the job",
            ReasonClass::WrittenOffer => "a better offer with its number — a real reason",
            ReasonClass::Unclassified => "not recognised",
        }
    }
}

pub use super::advice::COUNTERS_BEFORE_REAL;

/// What being below the floor is before the second counter (SPEC §2.0), in the words every
/// surface uses.
pub const NOT_YET_COUNTER_FIRST: &str = "not yet a reason to walk — counter first";

/// A recognised word or phrase in a `walk:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    /// Byte range in the classified text.
    pub span: Range<usize>,
    pub kind: SignalKind,
}

/// What a recognised word or phrase is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalKind {
    Feeling,
    Wish,
    Speculation,
    Comparison,
    SlowProcess,
    Gut,
    FloorFact,
    Pushback,
    Downgrade,
    RedFlag,
    /// Something they said or did (or would not do), seen by you.
    Observation,
    /// A count tied to them: "three times", "twice", "four".
    Count,
    /// A "because …" clause that names them.
    Because,
    /// Doubt about yourself: "good enough", "imposter", "out of my depth".
    SelfDoubt,
    /// A competing offer or counter-offer, in writing or from your employer, with its number.
    OfferFact,
}

/// The verdict on one `walk:` line and the signals that decided it, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub class: ReasonClass,
    pub decided_by: Vec<Signal>,
}

/// What the classifier knows besides the text: the people the section names (`recruiter`,
/// `hiring-manager`, `referred-by`), who count as "them" [004].
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Full names as written ("Dev Malhotra"); each word of a name counts on its own.
    pub people: &'a [&'a str],
}

impl Context<'_> {
    /// No context: the text alone.
    pub const NONE: Context<'static> = Context { people: &[] };

    /// A key that tells contexts apart for a cache of classifications: the names, one a line.
    pub fn cache_key(&self) -> String {
        self.people.join("\n")
    }
}

/// The people an offer section names, who count as "them" when a reason names them.
pub fn people_of(section: &crate::model::Section) -> Vec<&str> {
    [
        &section.recruiter,
        &section.hiring_manager,
        &section.referred_by,
    ]
    .into_iter()
    .flatten()
    .map(|f| f.value.as_str())
    .filter(|name| !name.trim().is_empty())
    .collect()
}

/// Classify one `walk:` reason on its own. Cheap enough to run on every keystroke: one pass to
/// split and fold the words, one greedy pass over an indexed phrase list, a few pair checks.
pub fn classify(text: &str) -> Classification {
    classify_in(text, &Context::NONE)
}

/// Classify one `walk:` reason knowing its section's people.
pub fn classify_in(text: &str, context: &Context) -> Classification {
    Scan::new(considered(text), context).decide()
}

/// A reason is a sentence or two; only its first few thousand bytes are read, so a pasted
/// wall of text can't make classification (or its explanation) slow.
pub const MAX_REASON_BYTES: usize = 4096;

fn considered(text: &str) -> &str {
    &text[..crate::text::floor_char_boundary(text, text.len().min(MAX_REASON_BYTES))]
}

mod families_tests;
#[cfg(test)]
mod tests;
