//! Draft rules [004] [000]: a decline is short, specific and warm — no grievances, no
//! market lecture, no soft re-open, no ultimatum, and an offer to stay in touch by name.
//! The phrasing rules recognise families of wording (`phrasing`), not fixed strings.

mod cues;
mod phrasing;

use phrasing::Family as Phrasing;

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Context, Finding, Spec};
use crate::model::{Draft, DraftKind, Section};
use crate::text::Span;

/// Past this, a decline stops being short [004: "short, specific, and warm"].
pub const DECLINE_MAX_WORDS: usize = 150;

const STAY_IN_TOUCH: &[&str] = &[
    "stay in touch",
    "keep in touch",
    "stay connected",
    "keep the door open",
    "cross paths",
    "in touch",
    "reconnect",
    "stay in contact",
    "keep in contact",
    "touch base",
    "paths cross",
    "connect again",
    "hear from you",
    "door open",
];

/// Whole-phrase, ASCII-case-insensitive matches of `phrases` in `text` (byte ranges), in
/// one pass: the automaton for each phrase list is built once per process.
fn matches_in(text: &str, phrases: &'static [&'static str]) -> Vec<(usize, usize)> {
    use aho_corasick::{AhoCorasick, MatchKind};
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static AUTOMATA: OnceLock<Mutex<HashMap<usize, &'static AhoCorasick>>> = OnceLock::new();
    let key = phrases.as_ptr() as usize;
    let automaton = {
        let mut built = AUTOMATA
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *built.entry(key).or_insert_with(|| {
            // curly apostrophes are matched as a variant of each phrase with one
            let variants = phrases
                .iter()
                .flat_map(|p| [p.to_string(), p.replace('\'', "’")]);
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(variants)
                .expect("fixed phrase lists always build");
            Box::leak(Box::new(automaton))
        })
    };
    let bytes = text.as_bytes();
    automaton
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .filter(|&(start, end)| {
            let before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            let after = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
            before && after
        })
        .collect()
}

fn drafts<'a>(ctx: &'a Context) -> impl Iterator<Item = (usize, &'a Section, &'a Draft, &'a str)> {
    ctx.journal
        .sections
        .iter()
        .enumerate()
        .flat_map(move |(i, s)| s.drafts.iter().map(move |d| (i, s, d, d.body.of(ctx.text))))
}

/// At most this many findings of one phrasing rule per draft: past it, the draft needs a
/// rewrite, not a longer list.
const MAX_PER_DRAFT: usize = 3;

/// One finding per sentence of `family` in each draft `applies` to, on the words that decided
/// and quoting them.
fn each_sentence(
    ctx: &Context,
    out: &mut Vec<Finding>,
    family: Phrasing,
    applies: fn(DraftKind) -> bool,
    message: fn(&str) -> String,
) {
    for (index, _, draft, body) in drafts(ctx) {
        if !applies(draft.kind) {
            continue;
        }
        for found in phrasing::find(body, family).into_iter().take(MAX_PER_DRAFT) {
            let span = Span::new(draft.body.start + found.start, draft.body.start + found.end);
            out.push(Finding::new(
                index,
                span,
                message(&phrasing::quote(body, &found)),
            ));
        }
    }
}

/// `draft-grievance`: a draft that lists grievances.
pub(super) const DRAFT_GRIEVANCE: Spec = Spec {
    severity: Warning,
    family: Drafts,
    sources: &[WalkAway],
    summary: "a draft that lists grievances",
    explanation: "A decline is not the place for grievances about the process or the offer. They won't change the outcome and they will be remembered. Keep it short, specific and warm: thank them, say the numbers don't work for you right now, and offer to stay in touch.",
    check: grievance,
};

pub fn grievance(ctx: &Context, out: &mut Vec<Finding>) {
    each_sentence(
        ctx,
        out,
        Phrasing::Grievance,
        |_| true,
        |found| {
            format!("“{found}” lists a grievance: it won't change the outcome and it will be remembered — keep the draft short, specific and warm")
        },
    );
}

/// `draft-market-lecture`: a draft that lectures on market rates.
pub(super) const DRAFT_MARKET_LECTURE: Spec = Spec {
    severity: Warning,
    family: Drafts,
    sources: &[WalkAway],
    summary: "a draft that lectures on market rates",
    explanation: "Don't lecture a recruiter about market rates in a decline: they know the market, and the lecture reads as a grievance. \"The numbers don't quite work for where I am in my career\" says everything that needs saying.",
    check: market_lecture,
};

pub fn market_lecture(ctx: &Context, out: &mut Vec<Finding>) {
    each_sentence(
        ctx,
        out,
        Phrasing::MarketLecture,
        |k| k != DraftKind::Counter,
        |found| {
            format!("“{found}” lectures them on market rates: they know the market — say the numbers don't work for you right now, and leave it there")
        },
    );
}

/// `draft-conditional-reopen`: a decline that says it would reconsider for more money.
pub(super) const DRAFT_CONDITIONAL_REOPEN: Spec = Spec {
    severity: Warning,
    family: Drafts,
    sources: &[WalkAway],
    summary: "a decline that says it would reconsider for more money",
    explanation: "\"If you can come up to $X I'll reconsider\" is a soft re-open of the negotiation, and most recruiters won't answer it. Write it only if you mean it — and then it's a counter, not a decline.",
    check: conditional_reopen,
};

pub fn conditional_reopen(ctx: &Context, out: &mut Vec<Finding>) {
    each_sentence(
        ctx,
        out,
        Phrasing::ConditionalReopen,
        |k| k != DraftKind::Counter,
        |found| {
            format!("“{found}” softly re-opens the negotiation, and most recruiters won't answer it: keep it only if you mean it — then it's a counter, not a decline")
        },
    );
}

/// `draft-ultimatum`: a counter or decline that threatens to walk as a tactic.
pub(super) const DRAFT_ULTIMATUM: Spec = Spec {
    severity: Warning,
    family: Drafts,
    sources: &[WalkAway],
    summary: "a counter or decline that threatens to walk as a tactic",
    explanation: "\"This is my final offer\", \"or I'll have to walk away\", \"take it or leave it\": a threat in a counter turns a negotiation into a test of nerve, and a recruiter who calls it leaves you choosing between your word and the offer. Walking away is a real position, not a bluff: decide your floor beforehand, ask for your number warmly, and if they can't reach it, walk — in a short, kind decline, with no threat in it.",
    check: ultimatum,
};

pub fn ultimatum(ctx: &Context, out: &mut Vec<Finding>) {
    each_sentence(
        ctx,
        out,
        Phrasing::Ultimatum,
        |k| matches!(k, DraftKind::Counter | DraftKind::Decline),
        |found| {
            format!("“{found}” threatens to walk as a tactic: walking away is a real position, not a bluff — ask for your number warmly, and if it doesn't come, decline kindly")
        },
    );
}

fn word_count(body: &str) -> usize {
    body.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// `draft-too-long`: a decline longer than about 150 words.
pub(super) const DRAFT_TOO_LONG: Spec = Spec {
    severity: Information,
    family: Drafts,
    sources: &[WalkAway],
    summary: "a decline longer than about 150 words",
    explanation: "The right decline is short, specific and warm — a few sentences. Length invites negotiation and reads as justification. Aim for under 150 words.",
    check: too_long,
};

pub fn too_long(ctx: &Context, out: &mut Vec<Finding>) {
    for (index, _, draft, body) in drafts(ctx) {
        let words = word_count(body);
        if !draft.kind.is_decline() || words <= DECLINE_MAX_WORDS {
            continue;
        }
        let message = format!(
            "This {} is {words} words: short, specific and warm works better — aim for under {DECLINE_MAX_WORDS}",
            draft.kind.name()
        );
        out.push(Finding::new(index, draft.open, message));
    }
}

/// First names (and full names) of the people a decline should name.
fn people(section: &Section) -> Vec<String> {
    [&section.recruiter, &section.hiring_manager]
        .into_iter()
        .flatten()
        .flat_map(|f| {
            let full = f.value.trim().to_string();
            let honorific = |w: &&str| {
                matches!(
                    w.trim_end_matches('.').to_ascii_lowercase().as_str(),
                    "dr" | "mr" | "ms" | "mrs" | "mx" | "prof"
                )
            };
            let first = full
                .split_whitespace()
                .find(|w| !honorific(w))
                .unwrap_or("")
                .to_string();
            [full, first]
        })
        .filter(|n| n.len() > 1)
        .collect()
}

/// `draft-no-stay-in-touch`: a decline that never offers to stay in touch by name.
pub(super) const DRAFT_NO_STAY_IN_TOUCH: Spec = Spec {
    severity: Hint,
    family: Drafts,
    sources: &[WalkAway],
    summary: "a decline that never offers to stay in touch by name",
    explanation: "Companies do come back: about 15–20% of walk-aways re-engage within six to eighteen months. Say you'd like to stay in touch, by name, with the recruiter or hiring manager, so the door stays open.",
    check: no_stay_in_touch,
};

pub fn no_stay_in_touch(ctx: &Context, out: &mut Vec<Finding>) {
    for (index, section, draft, body) in drafts(ctx) {
        if !draft.kind.is_decline() {
            continue;
        }
        let names = people(section);
        let first_name = names.get(1).cloned();
        let offers_touch = !matches_in(body, STAY_IN_TOUCH).is_empty();
        let named = names.is_empty() || {
            let lower = body.to_lowercase();
            names.iter().any(|n| lower.contains(&n.to_lowercase()))
        };
        if offers_touch && named {
            continue;
        }
        let whom = first_name.unwrap_or_else(|| "the recruiter or hiring manager".to_string());
        let message = if offers_touch {
            format!("Offer to stay in touch with {whom} by name: about 15–20% of walk-aways re-engage within 6–18 months")
        } else {
            format!("This {} never offers to stay in touch: say you'd like to stay in touch with {whom}, by name — about 15–20% of walk-aways re-engage within 6–18 months", draft.kind.name())
        };
        out.push(Finding::new(index, draft.open, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_only() {
        assert_eq!(
            matches_in("Stay in touch.", &["stay in touch"]),
            vec![(0, 13)]
        );
        assert!(matches_in("Reconnected", &["reconnect"]).is_empty());
        assert_eq!(
            matches_in("Let's Keep In Touch", &["keep in touch"]).len(),
            1
        );
        assert_eq!(matches_in("We’ll reconnect", &["we'll reconnect"]).len(), 1);
    }

    #[test]
    fn words_are_counted_like_a_person_would() {
        assert_eq!(word_count("Hi Dana,\n\nThank you — really.\n"), 5);
    }
}
