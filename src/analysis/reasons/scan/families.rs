//! Phrasing families that need more than a phrase: a written or counter offer (a source, an
//! amount and a firming word in one sentence), a comparison with someone named, a forum or
//! people in general, and the level you interviewed for set against the offer.

use super::super::lexicon::Cue;
use super::super::words::*;
use super::Scan;
use crate::analysis::reasons::SignalKind;
use std::ops::Range;

impl Scan<'_> {
    /// "the role went from owning the platform to maintaining one service": from leading
    /// work to keeping it running is a scope downgrade, whatever the nouns are.
    pub(super) fn collect_from_to(&mut self) {
        for at in 0..self.tokens.len() {
            if !same_word(self.word(at), "from") {
                continue;
            }
            let sentence = self.sentence_of(at);
            let bigger = (at + 1..(at + 4).min(sentence.end))
                .any(|j| LEADING.iter().any(|w| same_word(self.word(j), w)));
            if !bigger {
                continue;
            }
            let smaller = (at + 2..sentence.end).find(|&j| {
                same_word(self.word(j), "to")
                    && (j + 1..(j + 4).min(sentence.end))
                        .any(|k| KEEPING.iter().any(|w| same_word(self.word(k), w)))
            });
            if let Some(to) = smaller {
                let end = (to + 1..(to + 4).min(sentence.end))
                    .find(|&k| KEEPING.iter().any(|w| same_word(self.word(k), w)))
                    .unwrap_or(to);
                self.push_with(SignalKind::Downgrade, at, end, false);
            }
        }
    }

    /// The floor in numbers and in words: "they stopped at $178k … my floor is $190k" (an
    /// amount under the floor the line states) and "the base never got to my floor".
    pub(super) fn collect_floor_family(&mut self) {
        for at in 0..self.tokens.len() {
            if !matches!(self.word(at), "floor" | "minimum") {
                continue;
            }
            let sentence = self.sentence_of(at);
            // "never got to my floor", "didn't reach the floor"
            let reach = (at.saturating_sub(4)..at).find(|&j| {
                j >= sentence.start && REACHING.iter().any(|w| same_word(self.word(j), w))
            });
            if let Some(verb) = reach {
                let denied = (verb.saturating_sub(2)..verb)
                    .any(|j| j >= sentence.start && self.is(j, W_NEGATOR));
                if denied {
                    let from = (verb.saturating_sub(2)..verb)
                        .find(|&j| self.is(j, W_NEGATOR))
                        .unwrap_or(verb);
                    self.push_with(SignalKind::FloorFact, from, at, false);
                    continue;
                }
            }
            // "my floor is $190k", "a floor of $190k", "my $190k floor"
            let stated =
                if matches!(self.word(at + 1), "is" | "of" | "was") && self.is_money(at + 2) {
                    Some(at + 2)
                } else if at > 0 && self.is_money(at - 1) {
                    Some(at - 1)
                } else {
                    None
                };
            let Some(stated) = stated else { continue };
            let Some(floor) = self.amount(stated) else {
                continue;
            };
            let under = sentence.clone().find(|&j| {
                j != stated
                    && self.is_money(j)
                    && self.amount(j).is_some_and(|a| a < floor && a * 2 > floor)
            });
            if let Some(j) = under {
                self.push_with(SignalKind::FloorFact, j.min(at), j.max(stated), false);
            }
        }
    }

    /// The amount a money token writes, in whole units: "178k" → 178000, "$178,000" → 178000.
    fn amount(&self, at: usize) -> Option<u64> {
        let start = self.tokens.get(at)?.start;
        let rest = self.text.get(start..)?;
        let mut digits = String::new();
        let mut thousands = false;
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ',' => {}
                'k' | 'K' => {
                    thousands = true;
                    break;
                }
                _ => break,
            }
        }
        let n: u64 = digits.parse().ok()?;
        Some(if thousands { n * 1000 } else { n })
    }

    /// The token indices of `at`'s sentence.
    pub(super) fn sentence_of(&self, at: usize) -> Range<usize> {
        let sentence = self.sentence(at);
        let mut lo = at;
        while lo > 0 && self.sentence(lo - 1) == sentence {
            lo -= 1;
        }
        let mut hi = at;
        while hi + 1 < self.tokens.len() && self.sentence(hi + 1) == sentence {
            hi += 1;
        }
        lo..hi + 1
    }

    /// An amount: "$195k", "€110.000", "205k", "15%".
    pub(super) fn is_money(&self, at: usize) -> bool {
        let word = self.word(at);
        word.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && (word.ends_with('k') || word.ends_with('m') || !self.bare(at))
    }

    /// A name written as one: a capital letter, and not a word the classifier knows, a title or
    /// a common word that merely starts a sentence ("Jess", "Stripe", "Globex", "Pied").
    pub(super) fn is_name(&self, at: usize) -> bool {
        let Some(t) = self.tokens.get(at) else {
            return false;
        };
        let known = W_SELF
            | W_NAMED
            | W_THEM
            | W_CLAUSE
            | W_NEGATOR
            | W_NUMBER
            | W_HEDGE
            | W_QUANTIFIER
            | W_SCOPE
            | W_STAFF
            | W_UNIT;
        t.capital && t.sets & known == 0 && !not_a_name(&t.key)
    }

    /// You are the one paid: "Globex offered me $198k", "I got $205k".
    pub(super) fn paid_to_you(&self, sentence: &Range<usize>) -> bool {
        sentence.clone().any(|j| {
            let w = self.word(j);
            let given = same_word(w, "me")
                && OFFERING
                    .iter()
                    .any(|v| same_word(self.word(j.wrapping_sub(1)), v));
            let got = matches!(w, "i" | "i've" | "ive" | "i'd" | "i'll")
                && RECEIVING.iter().any(|v| same_word(self.word(j + 1), v));
            given || got
        })
    }

    /// "Globex put $195k in writing", "my manager countered with $190k", "I have a signed offer
    /// from Initech at $198k": a source (a company named, or your own employer), an amount and
    /// something that makes it firm (written, signed, a letter, a counter-offer), in one
    /// sentence, with no hedge in its clauses and nobody else's pay.
    pub(super) fn collect_offer_facts(&mut self) {
        let mut at = 0;
        while at < self.tokens.len() {
            let sentence = self.sentence_of(at);
            at = sentence.end;
            let firm = sentence.clone().find(|&j| {
                self.is(j, W_FIRM)
                    && (self.word(j) != "hand" || same_word(self.word(j.wrapping_sub(1)), "in"))
            });
            let money = sentence.clone().find(|&j| self.is_money(j));
            let employer = sentence.clone().find(|&j| {
                self.is(j, W_EMPLOYER)
                    && matches!(self.word(j.wrapping_sub(1)), "my" | "current")
                    && !self.word(j).ends_with("'s")
            });
            let own = employer.map(|j| {
                if same_word(self.word(j - 1), "current") && self.word(j.wrapping_sub(2)) == "my" {
                    j - 2
                } else {
                    j - 1
                }
            });
            let source = own.or_else(|| sentence.clone().find(|&j| self.is_name(j)));
            let (Some(firm), Some(money), Some(source)) = (firm, money, source) else {
                continue;
            };
            let first = firm.min(money).min(source);
            let last = firm.max(money).max(source);
            let (lo, hi) = (self.clause(first), self.clause(last));
            let hedged = sentence
                .clone()
                .any(|j| (lo..=hi).contains(&self.clause(j)) && self.is(j, W_HEDGE));
            let someone_else = sentence
                .clone()
                .any(|j| self.is(j, W_PEER | W_CROWD | W_FORUM));
            if hedged || someone_else {
                continue;
            }
            self.push_with(SignalKind::OfferFact, first, last, true);
        }
    }

    /// "Jess got $205k at Stripe", "people on Blind at my level get $210k", "levels.fyi says
    /// Datadog pays more": someone named (not one of theirs), a forum or people in general, and
    /// pay, in one sentence that hedges nothing and isn't about what you were offered.
    pub(super) fn collect_named_comparisons(&mut self) {
        let mut at = 0;
        while at < self.tokens.len() {
            let sentence = self.sentence_of(at);
            at = sentence.end;
            let hedged = sentence
                .clone()
                .any(|j| self.is(j, W_HEDGE) && self.word(j) != "if")
                || self
                    .hits
                    .iter()
                    .any(|h| h.cue == Cue::Speculation && sentence.contains(&h.first));
            // a written offer in the sentence is a fact, not someone else's pay
            let offer = self.found.iter().any(|f| {
                f.kind == SignalKind::OfferFact
                    && self
                        .tokens
                        .get(sentence.start)
                        .is_some_and(|t| t.start <= f.span.start)
                    && self
                        .tokens
                        .get(sentence.end - 1)
                        .is_some_and(|t| f.span.end <= t.end)
            });
            if hedged || offer || self.paid_to_you(&sentence) {
                continue;
            }
            let who = sentence
                .clone()
                .find(|&j| self.is(j, W_FORUM | W_CROWD) || self.is_name(j));
            let Some(who) = who else { continue };
            let pay = sentence
                .clone()
                .filter(|&j| j != who && (self.is_pay(j) || self.is_money(j)))
                .min_by_key(|&j| j.abs_diff(who));
            let Some(pay) = pay else { continue };
            let mut last = who.max(pay);
            while last + 1 < sentence.end
                && (self.is_pay(last + 1) || self.is(last + 1, W_PAY_NOUN))
            {
                last += 1;
            }
            self.push_with(SignalKind::Comparison, who.min(pay), last, false);
        }
    }

    /// "the written offer says Associate Director; I interviewed for Director": the level you
    /// interviewed for, named against what the offer says.
    pub(super) fn collect_interviewed_for(&mut self) {
        let offer_said = self.tokens.iter().any(|t| {
            matches!(
                t.key.as_str(),
                "offer" | "letter" | "says" | "instead" | "not" | "contract"
            )
        });
        if !offer_said {
            return;
        }
        for at in 0..self.tokens.len() {
            if !same_word(self.word(at), "interviewed") {
                continue;
            }
            let mut j = at + 1;
            if same_word(self.word(j), "me") {
                j += 1;
            }
            if !same_word(self.word(j), "for") {
                continue;
            }
            let title = j + 1 < self.tokens.len()
                && self.sentence(j + 1) == self.sentence(at)
                && self.tokens[j + 1].capital;
            if title && !self.negated(at) {
                self.push_with(SignalKind::Downgrade, at, j + 1, false);
            }
        }
    }
}

/// Leading work, on the "from" side of a downgrade.
#[rustfmt::skip]
const LEADING: &[&str] = &[
    "owning", "leading", "building", "managing", "running", "designing", "driving", "architecting",
    "setting", "creating", "founding", "heading", "lead", "leading", "own",
];

/// Keeping work running, on the "to" side of a downgrade.
#[rustfmt::skip]
const KEEPING: &[&str] = &[
    "maintaining", "supporting", "fixing", "keeping", "babysitting", "operating", "patching",
    "maintain", "support", "maintenance", "support", "ops", "firefighting", "bugfixing",
];

/// Reaching a number: "never got to my floor", "didn't reach the floor".
#[rustfmt::skip]
const REACHING: &[&str] = &[
    "got", "get", "gets", "reach", "reached", "reaches", "hit", "hits", "meet", "meets", "met",
    "clear", "cleared", "clears", "make", "made", "match", "matched", "come", "came",
];

/// Verbs that give you an offer: "offered me", "gave me".
const OFFERING: &[&str] = &[
    "offered", "offering", "gave", "give", "sent", "pay", "pays", "paying", "quoted", "owe",
];

/// Verbs after "I" that make the pay yours: "I got", "I have".
const RECEIVING: &[&str] = &[
    "got", "get", "have", "had", "received", "receive", "earn", "earned", "make", "made", "was",
    "am", "would", "could",
];

/// Capitalised words that are not names: sentence openers, titles, levels, months, days.
fn not_a_name(key: &str) -> bool {
    #[rustfmt::skip]
    const COMMON: &[&str] = &[
        "the", "a", "an", "this", "that", "these", "those", "it", "it's", "its", "there", "there's",
        "here", "honestly", "still", "even", "after", "before", "also", "just", "then", "now",
        "ugh", "well", "yes", "ok", "okay", "what", "when", "why", "how", "who", "again",
        "basically", "frankly", "oh", "sure", "both", "we", "we've", "we're", "you", "your",
        "our", "mid-process", "halfway", "in", "on", "at", "for", "from", "with", "to", "of",
        "by", "as", "senior", "staff", "principal", "junior", "associate", "engineer", "engineering",
        "ii", "iii", "iv", "sr", "jr", "mid-level", "usd", "eur", "gbp", "pto", "rsus", "rsu",
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter", "q1", "q2", "q3",
        "q4", "ai", "ml", "oncall", "remote", "only", "every", "each", "since", "until", "during",
        "their", "his", "her", "today", "yesterday", "tomorrow", "base", "equity", "bonus",
        "offer", "total", "tc", "comp", "sign-on", "ceo", "cto",
    ];
    let bare = key.strip_suffix("'s").unwrap_or(key);
    if COMMON.contains(&bare) {
        return true;
    }
    // levels: L4, E5, IC3, M1
    let letters = bare.trim_end_matches(|c: char| c.is_ascii_digit());
    letters.len() < bare.len() && letters.len() <= 2
}
