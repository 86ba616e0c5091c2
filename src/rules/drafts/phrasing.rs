//! Phrasing families for the draft rules (SPEC §2 Drafts): a sentence is a grievance, a market
//! lecture, a conditional re-open or an ultimatum by the *kinds* of words it combines, not by
//! one fixed string. One Aho-Corasick pass tags the cue words of a draft; each family is a small
//! rule over the tags of one sentence, and what it returns is the words that decided — the
//! message quotes them.

use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// What a cue word says about its sentence. A phrase can carry several tags.
pub type Tags = u32;

// grievance: a complaint word decides alone; otherwise something done to you, judged sourly
const COMPLAINT: Tags = 1 << 0;
const TREATMENT: Tags = 1 << 1;
const SOUR: Tags = 1 << 2;
// market lecture: named pay data decides alone; otherwise outside payers with pay talk
const MARKET_DATA: Tags = 1 << 3;
const ELSEWHERE: Tags = 1 << 4;
const PAY_TALK: Tags = 1 << 5;
// conditional re-open: a condition, about the number, with an offer to reopen
const CONDITION: Tags = 1 << 6;
const THE_NUMBER: Tags = 1 << 7;
const REOPEN: Tags = 1 << 8;
// ultimatum: a final word decides alone; otherwise a threat (condition) with a way out
const FINAL: Tags = 1 << 9;
const THREAT: Tags = 1 << 10;
const EXIT: Tags = 1 << 11;
// an apology for your own part ("sorry for the back-and-forth on my side") is not a grievance
const OWN_PART: Tags = 1 << 12;
// market lecture: pay said to be moving elsewhere ("pay … has climbed")
const PAY_TREND: Tags = 1 << 13;

/// Cue words and their tags. A trailing `*` matches any ending ("frustrat*": frustrating,
/// frustrated); otherwise a cue is a whole word or phrase. ASCII case is ignored and a curly
/// apostrophe matches a straight one.
const CUES: &[(&str, Tags)] = &[
    // — grievance —
    ("disappoint*", COMPLAINT),
    ("unprofessional*", COMPLAINT),
    ("frustrat*", COMPLAINT),
    ("wasted my time", COMPLAINT),
    ("waste of time", COMPLAINT),
    ("rude", COMPLAINT),
    ("rudely", COMPLAINT),
    ("disrespect*", COMPLAINT),
    ("insult*", COMPLAINT),
    ("lowball*", COMPLAINT),
    ("low-ball*", COMPLAINT),
    ("unacceptable", COMPLAINT),
    ("poorly organi*", COMPLAINT),
    ("disorgani*", COMPLAINT),
    ("ghosted", COMPLAINT),
    ("never got back", COMPLAINT),
    ("never heard back", COMPLAINT),
    ("took forever", COMPLAINT),
    ("bait-and-switch", COMPLAINT),
    ("bait and switch", COMPLAINT),
    ("exhausting", COMPLAINT),
    ("undervalued", COMPLAINT),
    ("unprepared", COMPLAINT),
    ("let down", COMPLAINT),
    ("bad taste", COMPLAINT),
    ("goalposts", COMPLAINT),
    ("went quiet", COMPLAINT),
    ("kept forgetting", COMPLAINT),
    ("kept changing", COMPLAINT),
    ("didn't appreciate", COMPLAINT),
    ("did not appreciate", COMPLAINT),
    ("nobody bothered", COMPLAINT),
    ("no one bothered", COMPLAINT),
    ("nobody told me", COMPLAINT),
    ("no one told me", COMPLAINT),
    ("pressured", COMPLAINT),
    ("kept waiting", COMPLAINT),
    ("kept me waiting", COMPLAINT),
    ("without an update", COMPLAINT),
    ("i wish someone had", COMPLAINT),
    ("i wish you had", COMPLAINT),
    ("annoyed", COMPLAINT),
    ("annoying", COMPLAINT),
    ("strung along", COMPLAINT),
    ("put me off", COMPLAINT),
    ("careless", COMPLAINT),
    ("misled", COMPLAINT),
    ("misleading", COMPLAINT),
    ("excessive", COMPLAINT),
    ("didn't sit well", COMPLAINT),
    ("did not sit well", COMPLAINT),
    ("hard to take", COMPLAINT),
    ("chaotic", COMPLAINT),
    ("sloppy", COMPLAINT),
    ("told one thing", COMPLAINT),
    ("said one thing", COMPLAINT),
    ("nobody seemed", COMPLAINT),
    ("no one seemed", COMPLAINT),
    ("nobody knew", COMPLAINT),
    ("dismissive", COMPLAINT),
    ("afterthought", COMPLAINT),
    ("took you", COMPLAINT),
    ("unresponsive", COMPLAINT),
    ("a bit much", COMPLAINT),
    ("wasn't fair", COMPLAINT),
    ("not fair", COMPLAINT),
    ("unfair*", COMPLAINT),
    ("pushy", COMPLAINT),
    ("without explanation", COMPLAINT),
    ("without any explanation", COMPLAINT),
    ("condescend*", COMPLAINT),
    ("patroni*", COMPLAINT),
    ("inconsiderate", COMPLAINT),
    ("unreasonabl*", COMPLAINT),
    ("never returned", COMPLAINT),
    ("never replied", COMPLAINT),
    ("never responded", COMPLAINT),
    ("had to chase", COMPLAINT),
    ("kept chasing", COMPLAINT),
    ("let me down", COMPLAINT),
    ("a letdown", COMPLAINT),
    ("without asking", COMPLAINT),
    ("without telling", COMPLAINT),
    ("without warning", COMPLAINT),
    ("without notice", COMPLAINT),
    ("don't understand why", COMPLAINT),
    ("do not understand why", COMPLAINT),
    ("embarrassing", COMPLAINT),
    ("hurtful", COMPLAINT),
    ("double-booked", COMPLAINT),
    ("downlevel*", COMPLAINT),
    ("down-level*", COMPLAINT),
    ("never followed up", COMPLAINT),
    ("nobody followed up", COMPLAINT),
    ("no one followed up", COMPLAINT),
    ("process", TREATMENT),
    ("handling", TREATMENT),
    ("handled", TREATMENT),
    ("the way", TREATMENT),
    ("re-level*", TREATMENT),
    ("relevel*", TREATMENT),
    ("levelling", TREATMENT),
    ("leveling", TREATMENT),
    ("level", TREATMENT),
    ("title", TREATMENT),
    ("scope", TREATMENT),
    ("scheduling", TREATMENT),
    ("reschedul*", TREATMENT),
    ("recruiter", TREATMENT),
    ("interviewers", TREATMENT),
    ("communicat*", TREATMENT),
    ("back-and-forth", TREATMENT),
    ("you", TREATMENT),
    ("your", TREATMENT),
    ("offer", TREATMENT | THE_NUMBER),
    ("role", TREATMENT),
    ("change", TREATMENT),
    ("changes", TREATMENT),
    ("reference*", TREATMENT),
    ("manager", TREATMENT),
    ("deadline", TREATMENT),
    ("band", TREATMENT),
    ("checks", TREATMENT),
    ("i was asked", TREATMENT),
    ("being asked", TREATMENT),
    ("call", TREATMENT),
    ("discussion", TREATMENT),
    ("start date", TREATMENT),
    ("negotiation", TREATMENT),
    ("interview*", TREATMENT),
    ("onsite", TREATMENT),
    ("feedback", TREATMENT),
    ("sorry", OWN_PART),
    ("apolog*", OWN_PART),
    ("on my side", OWN_PART),
    ("on my end", OWN_PART),
    ("didn't help", SOUR),
    ("did not help", SOUR),
    ("a mess", SOUR),
    ("messy", SOUR),
    ("confusing", SOUR),
    ("not ideal", SOUR),
    ("hard to follow", SOUR),
    ("dragged", SOUR),
    ("last minute", SOUR),
    ("last-minute", SOUR),
    ("lowered", SOUR),
    ("downgrad*", SOUR),
    ("felt like a", SOUR),
    ("a shame", SOUR),
    ("moved down", SOUR),
    ("drop in", SOUR),
    ("poor", SOUR),
    ("poorly", SOUR),
    ("unclear", SOUR),
    ("inconsistent", SOUR),
    ("contradict*", SOUR),
    ("hard to understand", SOUR),
    ("vague", SOUR),
    ("slow", SOUR),
    ("unnecessary", SOUR),
    ("too much", SOUR),
    ("cancel*", SOUR),
    ("dragged on", SOUR),
    ("at the very end", SOUR),
    ("only at the end", SOUR),
    ("badly", SOUR),
    ("rushed", SOUR),
    ("not okay", SOUR),
    ("not ok", SOUR),
    ("not great", SOUR),
    ("wasn't great", SOUR),
    ("unhelpful", SOUR),
    ("curt", SOUR),
    ("delayed", SOUR),
    // — market lecture —
    ("market rate*", MARKET_DATA),
    ("market value", MARKET_DATA),
    ("below market", MARKET_DATA),
    ("under market", MARKET_DATA),
    ("above market", MARKET_DATA),
    ("industry standard*", MARKET_DATA),
    ("underpay*", MARKET_DATA),
    ("under-pay*", MARKET_DATA),
    ("underpaid", MARKET_DATA),
    ("levels.fyi", MARKET_DATA),
    ("glassdoor", MARKET_DATA),
    ("radford", MARKET_DATA),
    ("payscale", MARKET_DATA),
    ("market data", MARKET_DATA),
    ("fair market", MARKET_DATA),
    ("going rate", MARKET_DATA),
    ("the market pays", MARKET_DATA),
    ("what the market", MARKET_DATA),
    ("market average", MARKET_DATA),
    ("in today's market", MARKET_DATA),
    ("in this market", MARKET_DATA),
    ("salary survey*", MARKET_DATA),
    ("industry survey*", MARKET_DATA),
    ("compensation survey*", MARKET_DATA),
    ("pay survey*", MARKET_DATA),
    ("compensation report*", MARKET_DATA),
    ("salary report*", MARKET_DATA),
    ("salary data", MARKET_DATA),
    ("pay data", MARKET_DATA),
    ("compensation data", MARKET_DATA),
    ("comp data", MARKET_DATA),
    ("benchmark*", MARKET_DATA),
    ("percentile", MARKET_DATA),
    ("quartile", MARKET_DATA),
    ("median", MARKET_DATA),
    ("competitive pay", MARKET_DATA),
    ("competitive salar*", MARKET_DATA),
    ("on levels", MARKET_DATA),
    ("at levels", MARKET_DATA),
    ("going market", MARKET_DATA),
    ("public data", MARKET_DATA),
    ("industry measure", MARKET_DATA),
    ("by any measure", MARKET_DATA),
    ("going salary", MARKET_DATA),
    ("market survey*", MARKET_DATA),
    ("comparable", ELSEWHERE),
    ("similar companies", ELSEWHERE),
    ("similar roles", ELSEWHERE),
    ("similar positions", ELSEWHERE),
    ("other companies", ELSEWHERE),
    ("other firms", ELSEWHERE),
    ("other employers", ELSEWHERE),
    ("most companies", ELSEWHERE),
    ("competitors", ELSEWHERE),
    ("peers", ELSEWHERE),
    ("industry", ELSEWHERE),
    ("elsewhere", ELSEWHERE),
    ("at my level", ELSEWHERE),
    ("for my level", ELSEWHERE),
    ("with my experience", ELSEWHERE),
    ("with my background", ELSEWHERE),
    ("skill set", ELSEWHERE),
    ("data from", ELSEWHERE),
    ("blind", ELSEWHERE),
    ("typical*", ELSEWHERE),
    ("big tech", ELSEWHERE),
    ("tech companies", ELSEWHERE),
    ("companies like", ELSEWHERE),
    ("my research", ELSEWHERE),
    ("friends", ELSEWHERE),
    ("with my profile", ELSEWHERE),
    ("candidates with", ELSEWHERE),
    ("startups", ELSEWHERE),
    ("most people", ELSEWHERE),
    ("people at", ELSEWHERE),
    ("recruiters from", ELSEWHERE),
    ("surveys", ELSEWHERE),
    ("everyone i know", ELSEWHERE),
    ("at this level", ELSEWHERE),
    ("pay", PAY_TALK),
    ("pays", PAY_TALK),
    ("paying", PAY_TALK),
    ("paid", PAY_TALK),
    ("salary", PAY_TALK | THE_NUMBER),
    ("salaries", PAY_TALK),
    ("compensation", PAY_TALK | THE_NUMBER),
    ("earn*", PAY_TALK),
    ("commanding", PAY_TALK),
    ("make", PAY_TALK),
    ("makes", PAY_TALK),
    ("making", PAY_TALK),
    ("behind what", PAY_TALK),
    ("came in higher", PAY_TALK),
    ("came in above", PAY_TALK),
    ("higher offers", PAY_TALK),
    ("%", PAY_TALK),
    ("climbed", PAY_TREND),
    ("risen", PAY_TREND),
    ("has gone up", PAY_TREND),
    ("have gone up", PAY_TREND),
    ("kept pace", PAY_TREND),
    ("keep pace", PAY_TREND),
    ("$", PAY_TALK | THE_NUMBER),
    ("€", PAY_TALK | THE_NUMBER),
    ("£", PAY_TALK | THE_NUMBER),
    // — conditional re-open —
    ("if", CONDITION | THREAT),
    ("should", CONDITION),
    ("were you", CONDITION),
    ("were the", CONDITION),
    ("were it", CONDITION),
    ("provided", CONDITION),
    ("assuming", CONDITION),
    ("in case", CONDITION),
    ("base", THE_NUMBER),
    ("number", THE_NUMBER),
    ("numbers", THE_NUMBER),
    ("comp", THE_NUMBER),
    ("package", THE_NUMBER),
    ("budget", THE_NUMBER),
    ("equity", THE_NUMBER),
    ("floor", THE_NUMBER),
    ("reconsider*", REOPEN),
    ("revisit*", REOPEN),
    ("think again", REOPEN),
    ("talk again", REOPEN),
    ("another look", REOPEN),
    ("reopen*", REOPEN),
    ("re-open*", REOPEN),
    ("rethink*", REOPEN),
    ("pick this back up", REOPEN),
    ("pick this up again", REOPEN),
    ("picking this up again", REOPEN),
    ("door is open", REOPEN),
    ("change my mind", REOPEN),
    ("back to the table", REOPEN),
    ("think it over", REOPEN),
    ("all ears", REOPEN),
    ("another conversation", REOPEN),
    ("come back to me", REOPEN),
    ("feel differently", REOPEN),
    ("keep talking", REOPEN),
    ("get back in touch", REOPEN),
    ("reach back out", REOPEN),
    ("rejoin*", REOPEN),
    ("where we left off", REOPEN),
    ("another pass", REOPEN),
    ("i'd consider", REOPEN),
    ("i would consider", REOPEN),
    ("happily talk", REOPEN),
    ("open to continuing", REOPEN),
    ("about it again", REOPEN),
    ("i'd accept", REOPEN),
    ("i would accept", REOPEN),
    ("happily accept", REOPEN),
    ("gladly accept", REOPEN),
    ("i'll accept", REOPEN),
    // — ultimatum —
    ("final offer", FINAL),
    ("last and final", FINAL),
    ("final counter", FINAL),
    ("final number", FINAL),
    ("take it or leave it", FINAL),
    ("take-it-or-leave-it", FINAL),
    ("non-negotiable", FINAL),
    ("nonnegotiable", FINAL),
    ("not negotiable", FINAL),
    ("not up for discussion", FINAL),
    ("not up for negotiation", FINAL),
    ("full stop", FINAL),
    ("won't budge", FINAL),
    ("will not budge", FINAL),
    ("lowest i'll go", FINAL),
    ("lowest i will go", FINAL),
    ("or nothing", FINAL),
    ("or i walk", FINAL),
    ("hard line", FINAL),
    ("line in the sand", FINAL),
    ("or else", FINAL),
    ("as low as i can go", FINAL),
    ("as low as i'll go", FINAL),
    ("lowest i can go", FINAL),
    (", period", FINAL),
    ("last chance", FINAL),
    ("no less than", FINAL),
    ("not a dollar less", FINAL),
    ("won't go below", FINAL),
    ("will not go below", FINAL),
    ("under any circumstances", FINAL),
    ("no further negotiation", FINAL),
    ("no more negotiation", FINAL),
    ("this is it", FINAL),
    ("unless", THREAT),
    ("otherwise", THREAT),
    ("either", THREAT),
    ("or i'll", THREAT),
    ("or i will", THREAT),
    ("or i'm", THREAT),
    ("or i am", THREAT),
    ("anything less", THREAT),
    ("anything under", THREAT),
    ("anything below", THREAT),
    ("without", THREAT),
    ("a dollar less", THREAT),
    ("or i", THREAT),
    ("after that", THREAT),
    ("giving you until", THREAT),
    ("you have until", THREAT),
    ("walk away", EXIT),
    ("walking away", EXIT),
    ("i'll walk", EXIT),
    ("i will walk", EXIT),
    ("i'm out", EXIT),
    ("i am out", EXIT),
    ("withdraw*", EXIT),
    ("end the process", EXIT),
    ("other options", EXIT),
    ("accept another offer", EXIT),
    ("go with the other", EXIT),
    ("my name out", EXIT),
    ("pull out", EXIT),
    ("i'm done", EXIT),
    ("we're done", EXIT),
    ("we are done", EXIT),
    ("i'll decline", EXIT),
    ("i will decline", EXIT),
    ("have to decline", EXIT),
    ("and move on", EXIT),
    ("i'll move on", EXIT),
    ("look elsewhere", EXIT),
    ("the other offer", EXIT),
    ("can't continue", EXIT),
    ("cannot continue", EXIT),
    ("part ways", EXIT),
    ("sign elsewhere", EXIT),
    ("go elsewhere", EXIT),
    ("my decline", EXIT),
    ("prepared to walk", EXIT),
    ("ready to walk", EXIT),
    ("i'll leave", EXIT),
    ("i will leave", EXIT),
    ("off the market", EXIT),
    ("different direction", EXIT),
    ("i'm gone", EXIT),
    ("we're finished", EXIT),
    ("we are finished", EXIT),
    ("accept elsewhere", EXIT),
];

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
pub fn find(text: &str, family: Family) -> Vec<Found> {
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
