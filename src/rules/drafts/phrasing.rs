//! Phrasing families for the draft rules (SPEC §2 Drafts): a sentence is a grievance, a market
//! lecture, a conditional re-open or an ultimatum by the *kinds* of words it combines, not by
//! one fixed string. One shared Aho-Corasick automaton tags the cue words of a draft in one pass
//! (per rule, as before); each family is a small rule over the tags of one sentence, and what
//! it returns is the words that decided — the message quotes them. The cues are in `cues.rs`.

use super::cues::*;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// A family: which tag combinations in one sentence make it one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Any complaint about how you were treated.
    Grievance,
    /// Any appeal to outside pay data.
    MarketLecture,
    /// "if … (base|offer|number) … reconsider / happy to talk again".
    ConditionalReopen,
    /// A threat to walk used as a tactic.
    Ultimatum,
}

impl Family {
    /// The tag sets that decide, in order of preference: a set decides when the sentence has
    /// a cue for every tag in it.
    fn rules(self) -> &'static [&'static [Tags]] {
        match self {
            Family::Grievance => &[&[COMPLAINT], &[TREATMENT, SOUR]],
            Family::MarketLecture => &[
                &[MARKET_DATA],
                &[ELSEWHERE, PAY_TALK],
                &[PAY_TALK, PAY_TREND],
            ],
            Family::ConditionalReopen => &[&[CONDITION, THE_NUMBER, REOPEN]],
            Family::Ultimatum => &[&[FINAL], &[THREAT, EXIT]],
        }
    }

    /// Tags that undo a combination (never a word that decides alone): "the back-and-forth
    /// was slow on my side" owns it, it doesn't complain.
    fn undone_by(self) -> Tags {
        match self {
            Family::Grievance => OWN_PART,
            _ => 0,
        }
    }
}

/// One sentence of a family: where it is (from the first deciding word to the last) and the
/// words that decided, in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub words: Vec<(usize, usize)>,
}

struct Cues {
    automaton: AhoCorasick,
    /// Per pattern: its tags and whether it may end mid-word (`*`).
    patterns: Vec<(Tags, bool)>,
}

fn cues() -> &'static Cues {
    static CUES_BUILT: OnceLock<Cues> = OnceLock::new();
    CUES_BUILT.get_or_init(|| {
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        for &(cue, tags) in CUES {
            let (text, open_end) = match cue.strip_suffix('*') {
                Some(stem) => (stem, true),
                None => (cue, false),
            };
            // a curly apostrophe is matched as a variant of each phrase with one
            let mut variants = vec![text.to_string()];
            if text.contains('\'') {
                variants.push(text.replace('\'', "’"));
            }
            for v in variants {
                texts.push(v);
                patterns.push((tags, open_end));
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(texts)
            .expect("fixed cue lists always build");
        Cues {
            automaton,
            patterns,
        }
    })
}

/// A tagged cue in the text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    tags: Tags,
}

/// Every cue in `text`, whole words only (a cue may end mid-word when it says so; a cue that
/// starts or ends with a symbol needs no word boundary on that side), in one pass.
fn hits(text: &str) -> Vec<Hit> {
    let cues = cues();
    // a cue may wrap over a line break ("my final⏎offer"): match on a copy where line breaks
    // and tabs are spaces — the same bytes long, so every offset still points into `text`
    let flat = text.replace(['\n', '\r', '\t'], " ");
    let text = flat.as_str();
    let bytes = text.as_bytes();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '\'');
    cues.automaton
        .find_overlapping_iter(text)
        .filter_map(|m| {
            let (tags, open_end) = cues.patterns[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            let first_is_word = bytes[start].is_ascii_alphanumeric();
            let last_is_word = bytes[end - 1].is_ascii_alphanumeric();
            let before = !first_is_word || !word(text[..start].chars().next_back());
            let after = open_end || !last_is_word || !word(text[end..].chars().next());
            if open_end {
                // quote the whole word: "frustrating", not "frustrat"
                end += text[end..]
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(text.len() - end);
            }
            if !last_is_word && tags & THE_NUMBER != 0 {
                // a currency symbol: quote the amount with it ("$140k", not "$")
                end += text[end..]
                    .find(|c: char| !(c.is_ascii_digit() || ",._kKmM".contains(c)))
                    .unwrap_or(text.len() - end);
                end = start + text[start..end].trim_end_matches(['.', ',']).len();
            }
            (before && after).then_some(Hit { start, end, tags })
        })
        .collect()
}

/// Sentence ends: `.`, `!` or `?` before a space or the end, and blank lines. A single line
/// break is not one: drafts wrap sentences over lines.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let ends = match b {
            b'.' | b'!' | b'?' => next.is_none_or(|n| n.is_ascii_whitespace()),
            b'\n' => {
                let rest = &text[i + 1..];
                rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n')
            }
            _ => false,
        };
        if ends {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// The sentences of `text` that are of `family`, each with the words that decided.
///
/// Remembered by text: a keystroke in a journal's prose changes no draft, and the server
/// would otherwise scan every draft of the journal again, four times (one per family), on
/// every keystroke. The memory is the calling thread's (the server analyses on one) and holds
/// the drafts of the last few analyses only.
pub fn find(text: &str, family: Family) -> Vec<Found> {
    use std::cell::RefCell;
    use std::collections::HashMap;
    /// Past this many remembered drafts the memory starts again: a journal of thousands of
    /// drafts is scanned as before, and the memory never outgrows a few journals' drafts.
    const REMEMBERED: usize = 4096;
    thread_local! {
        /// Per family (in declaration order), a draft's text and what was found in it.
        static FOUND: [RefCell<HashMap<Box<str>, Vec<Found>>>; 4] = Default::default();
    }
    FOUND.with(|memory| {
        let mut memory = memory[family as usize].borrow_mut();
        if let Some(found) = memory.get(text) {
            return found.clone();
        }
        let found = find_now(text, family);
        if memory.len() >= REMEMBERED {
            memory.clear();
        }
        memory.insert(text.into(), found.clone());
        found
    })
}

fn find_now(text: &str, family: Family) -> Vec<Found> {
    let mut all = hits(text);
    all.sort_by_key(|h| h.start);
    let mut out = Vec::new();
    for (s, e) in sentences(text) {
        // the hits that start in the sentence (a slice: linear in the draft's length)
        let from = all.partition_point(|h| h.start < s);
        let to = all.partition_point(|h| h.start < e);
        let inside: Vec<&Hit> = all[from..to].iter().filter(|h| h.end <= e).collect();
        for rule in family.rules() {
            if let [tag] = rule {
                // a word that decides alone: quote every one the sentence says
                let mut words: Vec<(usize, usize)> = inside
                    .iter()
                    .filter(|h| h.tags & tag != 0)
                    .map(|h| (h.start, h.end))
                    .collect();
                if words.is_empty() {
                    continue;
                }
                words.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
                // "take it or leave it" also holds "or"-cues: keep the longest at each place
                words.dedup_by_key(|w| w.0);
                out.push(Found {
                    start: words[0].0,
                    end: words.iter().map(|w| w.1).max().unwrap_or(e),
                    words,
                });
                break;
            }
            if inside.iter().any(|h| h.tags & family.undone_by() != 0) {
                continue;
            }
            let words: Option<Vec<(usize, usize)>> = rule
                .iter()
                .map(|&tag| {
                    inside
                        .iter()
                        .filter(|h| h.tags & tag != 0)
                        // the longest cue at the first place it is said: "walk away", not "walk"
                        .min_by_key(|h| (h.start, std::cmp::Reverse(h.end)))
                        .map(|h| (h.start, h.end))
                })
                .collect();
            if let Some(mut words) = words {
                words.sort();
                words.dedup();
                out.push(Found {
                    start: words.first().map_or(s, |w| w.0),
                    end: words.iter().map(|w| w.1).max().unwrap_or(e),
                    words,
                });
                break;
            }
        }
    }
    out
}

/// The deciding words as a person reads them: "if … base … reconsider".
pub fn quote(text: &str, found: &Found) -> String {
    let mut out = String::new();
    let mut last_end = None;
    for &(start, end) in &found.words {
        if let Some(prev) = last_end {
            if start < prev {
                // overlapping cues ("or I'll" and "I'll walk"): quote their union once
                if end > prev {
                    out.push_str(&text[prev..end]);
                    last_end = Some(end);
                }
                continue;
            }
            let between = &text[prev..start];
            if between.trim().is_empty() {
                // adjacent words, maybe across a wrapped line: one space, as read
                out.push(' ');
            } else {
                out.push_str(" … ");
            }
        }
        out.push_str(&text[start..end]);
        last_end = Some(end);
    }
    // a cue wrapped over a line reads as one line in a message
    out.replace(['\n', '\r', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str, family: Family) -> Vec<String> {
        find(text, family).iter().map(|f| quote(text, f)).collect()
    }

    #[test]
    fn cues_are_whole_words_unless_open_ended() {
        assert_eq!(said("You were rude.", Family::Grievance), ["rude"]);
        assert!(said("Prudence", Family::Grievance).is_empty());
        assert_eq!(
            said("It was frustrating.", Family::Grievance),
            ["frustrating"]
        );
        assert_eq!(
            said("That’s my Final Offer.", Family::Ultimatum),
            ["Final Offer"]
        );
    }

    #[test]
    fn a_cue_wrapped_over_a_line_is_still_one_and_quoted_on_one_line() {
        assert_eq!(
            said("This is my final\noffer.", Family::Ultimatum),
            ["final offer"]
        );
        assert_eq!(
            said("It was rude\nand unprofessional.", Family::Grievance),
            ["rude … unprofessional"]
        );
    }

    #[test]
    fn a_family_needs_its_words_in_one_sentence() {
        // "if" and "base" in one sentence, "reconsider" in the next: not a re-open
        assert!(said(
            "If the base had moved, fine. I won't reconsider.",
            Family::ConditionalReopen
        )
        .is_empty());
        assert_eq!(
            said(
                "If the base moves to $150k,\nI'd reconsider.",
                Family::ConditionalReopen
            ),
            ["If … base … reconsider"]
        );
    }

    #[test]
    fn sentences_end_at_stops_and_blank_lines_not_at_decimals() {
        let text = "Rate 1.08 here. Next\nline\n\nNew";
        assert_eq!(
            said("Meet $185k, or I'll walk.", Family::Ultimatum),
            ["or I'll walk"]
        );
        let parts: Vec<&str> = sentences(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(parts, ["Rate 1.08 here.", " Next\nline\n", "\nNew"]);
    }
}

#[cfg(test)]
mod memory_tests {
    use super::*;

    /// What is remembered for one family is never the answer for another, and a remembered
    /// answer is the one a fresh scan gives.
    #[test]
    fn a_remembered_draft_answers_per_family_as_a_fresh_scan() {
        let text = "The process was a mess and I felt disrespected. If you can raise the base, I'd reconsider.";
        for _ in 0..2 {
            for family in [
                Family::Grievance,
                Family::MarketLecture,
                Family::ConditionalReopen,
                Family::Ultimatum,
            ] {
                assert_eq!(find(text, family), find_now(text, family), "{family:?}");
            }
        }
        assert_ne!(
            find(text, Family::Grievance),
            find(text, Family::ConditionalReopen)
        );
    }
}
