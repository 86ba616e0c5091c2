//! A reason cut into words, and the word sets each word belongs to: who did it, whether it
//! negates, counts, names pay or a unit of time.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One word of the input: a run of letters and digits, with inner apostrophes and hyphens kept
/// ("wouldn't", "down-leveled", "2026-12-01").
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Clauses end at punctuation and at joining words ("and", "but", "because"); negation and
    /// "who did it" never reach across one.
    pub(super) clause: u32,
    /// Sentences end at `.`, `!`, `?`, `;` and line breaks; pairs never reach across one.
    pub(super) sentence: u32,
    /// Punctuation sits between this word and the previous one; phrases never span it.
    pub(super) punct_before: bool,
    /// The word folded for comparison: ASCII lowercase, every apostrophe as `'`. The only
    /// copy of the text the classifier makes.
    pub(super) key: String,
    /// The word sets it belongs to (`W_*` bits), looked up once.
    pub(super) sets: u32,
    /// Written with a capital first letter: a name, a company, a title ("Jess", "Stripe", "L5").
    pub(super) capital: bool,
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

/// Case- and apostrophe-folding for comparison with the (ASCII, lowercase) phrase list.
fn fold(c: char) -> char {
    if is_apostrophe(c) {
        '\''
    } else {
        c.to_ascii_lowercase()
    }
}

const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "because", "so", "though", "although", "while", "yet", "or", "whereas", "plus",
    "which", "cause", "cuz", "since",
];

pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut clause = 0u32;
    let mut sentence = 0u32;
    let mut new_clause = false;
    let mut new_sentence = false;
    let mut at = 0usize;
    while let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
        let next = text
            .get(at + c.len_utf8()..)
            .and_then(|rest| rest.chars().next());
        if c.is_alphanumeric() {
            let start = at;
            let mut end = at + c.len_utf8();
            loop {
                let mut rest = text.get(end..).unwrap_or("").chars();
                match rest.next() {
                    Some(n) if n.is_alphanumeric() => end += n.len_utf8(),
                    Some(n)
                        if (is_apostrophe(n) || n == '-')
                            && rest.next().is_some_and(char::is_alphanumeric) =>
                    {
                        end += n.len_utf8();
                    }
                    _ => break,
                }
            }
            let key: String = text
                .get(start..end)
                .unwrap_or("")
                .chars()
                .map(fold)
                .collect();
            let sets = word_sets(&key);
            if new_sentence {
                sentence += 1;
            }
            if new_clause || new_sentence || sets & W_CLAUSE != 0 {
                clause += 1;
            }
            tokens.push(Token {
                capital: c.is_uppercase(),
                start,
                end,
                clause,
                sentence,
                punct_before: new_clause || new_sentence,
                sets,
                key,
            });
            new_clause = false;
            new_sentence = false;
            at = end;
            continue;
        }
        let followed_by_space = next.is_none_or(|n| n.is_whitespace() || n == '"');
        match c {
            '\n' | '!' | '?' | ';' | '\u{2026}' => new_sentence = true,
            '.' if followed_by_space => new_sentence = true,
            ',' if next.is_some_and(|n| n.is_ascii_digit()) => {}
            ',' | ':' | '(' | ')' | '[' | ']' | '\u{2014}' | '\u{2013}' | '-' | '/' | '|' => {
                new_clause = true;
            }
            _ => {}
        }
        at += c.len_utf8();
    }
    tokens
}

/// Whether a folded word is `want`: exactly, as a possessive ("gut's"), or by stem ("layoff*").
pub(super) fn same_word(key: &str, want: &str) -> bool {
    if let Some(stem) = want.strip_suffix('*') {
        return key.starts_with(stem);
    }
    key == want || key.strip_suffix("'s") == Some(want)
}

pub(super) fn word_matches(token: &Token, want: &str) -> bool {
    match want {
        "<n>" => token.sets & W_NUMBER != 0,
        "<unit>" => token.sets & W_UNIT != 0,
        "<later>" => token.sets & W_LATER != 0,
        "<say>" => token.sets & W_SAY != 0,
        "<money>" => token.key.bytes().next().is_some_and(|b| b.is_ascii_digit()),
        _ => same_word(&token.key, want),
    }
}

// Word sets, one bit each, so that each word is looked up once and every later question
// ("is it someone of theirs?", "does it negate?") is a bit test.
pub(super) const W_CLAUSE: u32 = 1;
pub(super) const W_THEM: u32 = 1 << 1;
pub(super) const W_SELF: u32 = 1 << 2;
pub(super) const W_PEER: u32 = 1 << 3;
pub(super) const W_NEGATOR: u32 = 1 << 4;
pub(super) const W_STAFF: u32 = 1 << 5;
pub(super) const W_DEPARTED: u32 = 1 << 6;
pub(super) const W_NOT_DEPARTED: u32 = 1 << 7;
pub(super) const W_QUANTIFIER: u32 = 1 << 8;
pub(super) const W_ASK: u32 = 1 << 9;
pub(super) const W_SCOPE: u32 = 1 << 10;
pub(super) const W_SHRANK: u32 = 1 << 11;
pub(super) const W_SMALLER: u32 = 1 << 12;
pub(super) const W_CHANGE: u32 = 1 << 13;
pub(super) const W_PAY: u32 = 1 << 14;
pub(super) const W_PAY_NOUN: u32 = 1 << 15;
pub(super) const W_NUMBER: u32 = 1 << 16;
pub(super) const W_COUNT: u32 = 1 << 17;
pub(super) const W_UNIT: u32 = 1 << 18;
pub(super) const W_NOT_COUNTED: u32 = 1 << 19;
pub(super) const W_SAY: u32 = 1 << 20;
pub(super) const W_BIGGER: u32 = 1 << 21;
pub(super) const W_CONNECTOR: u32 = 1 << 22;
pub(super) const W_LATER: u32 = 1 << 23;
pub(super) const W_ALTERNATIVE: u32 = 1 << 24;
pub(super) const W_COMP: u32 = 1 << 25;
/// A person the section names (`recruiter`, `hiring-manager`, `referred-by`): one of them.
pub(super) const W_NAMED: u32 = 1 << 26;
/// Where people compare pay: "Blind", "levels.fyi", "Glassdoor", "r/cscareerquestions".
pub(super) const W_FORUM: u32 = 1 << 27;
/// People in general, whose pay is someone else's: "people", "folks", "a guy", "someone".
pub(super) const W_CROWD: u32 = 1 << 28;
/// An offer made firm: "written", "signed", "letter", "PDF", "countered", "matched".
pub(super) const W_FIRM: u32 = 1 << 29;
/// Your own side of a counter-offer after "my": "employer", "company", "manager", "boss".
pub(super) const W_EMPLOYER: u32 = 1 << 30;
/// A hedge: "might", "maybe", "could", "perhaps".
pub(super) const W_HEDGE: u32 = 1 << 31;

const WORD_SETS: &[(u32, &[&str])] = &[
    (W_CLAUSE, CLAUSE_WORDS),
    (W_THEM, THEM),
    (W_SELF, SELF),
    (W_PEER, PEERS),
    (W_NEGATOR, NEGATORS),
    (W_STAFF, STAFF),
    (W_DEPARTED, DEPARTED),
    (W_NOT_DEPARTED, NOT_DEPARTED),
    (W_QUANTIFIER, QUANTIFIERS),
    (W_ASK, ASK_NOUNS),
    (W_SCOPE, SCOPE_NOUNS),
    (W_SHRANK, SHRANK),
    (W_SMALLER, SMALLER),
    (W_CHANGE, CHANGE_MARKERS),
    (W_PAY, PAY),
    (W_PAY_NOUN, PAY_NOUNS),
    (W_NUMBER, NUMBER_WORDS),
    (W_COUNT, COUNT_WORDS),
    (W_UNIT, UNITS),
    (W_NOT_COUNTED, NOT_COUNTED),
    (W_SAY, SAY),
    (W_BIGGER, &["better", "bigger", "larger", "nicer"]),
    (W_CONNECTOR, &["because", "cuz", "coz", "bc"]),
    (W_LATER, LATER),
    (W_ALTERNATIVE, ALTERNATIVES),
    (W_COMP, COMP_NOUNS),
    (W_FORUM, FORUMS),
    (W_CROWD, CROWD),
    (W_FIRM, FIRM),
    (W_EMPLOYER, EMPLOYER),
    (W_HEDGE, HEDGE_WORDS),
];

struct SetIndex {
    exact: HashMap<&'static str, u32>,
    stems: Vec<(&'static str, u32)>,
}

/// The word sets a folded word belongs to, for words that are not in the text (names).
pub(super) fn word_sets_of(key: &str) -> u32 {
    word_sets(key)
}

fn word_sets(key: &str) -> u32 {
    static INDEX: OnceLock<SetIndex> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = SetIndex {
            exact: HashMap::new(),
            stems: Vec::new(),
        };
        for &(bit, words) in WORD_SETS {
            for &word in words {
                match word.strip_suffix('*') {
                    Some(stem) => index.stems.push((stem, bit)),
                    None => *index.exact.entry(word).or_default() |= bit,
                }
            }
        }
        index
    });
    let mut sets = index.exact.get(key).copied().unwrap_or(0);
    if let Some(bare) = key.strip_suffix("'s") {
        sets |= index.exact.get(bare).copied().unwrap_or(0);
    }
    for &(stem, bit) in &index.stems {
        if key.starts_with(stem) {
            sets |= bit;
        }
    }
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        sets |= W_NUMBER;
    }
    sets
}

/// Where people post what they are paid.
#[rustfmt::skip]
const FORUMS: &[&str] = &[
    "blind", "teamblind", "reddit", "subreddit", "glassdoor", "levels", "levelsfyi", "fyi",
    "discord", "slack", "linkedin", "forum", "forums", "thread", "threads", "cscareerquestions",
    "hn", "hackernews", "fishbowl", "cohort", "bootcamp", "paysa", "payscale",
];

/// Anyone but you and them: their pay is a comparison.
#[rustfmt::skip]
const CROWD: &[&str] = &[
    "people", "folks", "guy", "guys", "someone", "somebody", "anyone", "others", "everyone",
    "everybody", "teammate", "teammates", "ex-teammate", "brother-in-law", "sister-in-law",
    "mate", "mates", "acquaintance", "mentor", "hire",
];

/// Words that make an offer firm rather than talked about.
#[rustfmt::skip]
const FIRM: &[&str] = &[
    "writing", "written", "signed", "letter", "pdf", "documented", "formal", "emailed", "email",
    "paperwork", "countered", "counter-offer", "counter-offered", "counteroffer", "matched",
    "match", "retention", "hand",
];

/// Your current employer's side, after "my" ("my manager countered with $190k").
#[rustfmt::skip]
const EMPLOYER: &[&str] = &[
    "employer", "company", "manager", "boss", "job", "team", "skip", "director", "vp", "org",
    "firm", "lead",
];

/// Words that make what follows a guess.
#[rustfmt::skip]
const HEDGE_WORDS: &[&str] = &[
    "might", "maybe", "perhaps", "possibly", "potentially", "probably", "could", "may", "if",
    "hopefully", "likely", "should",
];

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "several", "few",
];

/// Number words that count something on their own ("four exits", "two leads left").
const COUNT_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "dozen", "several", "multiple", "numerous",
];

const UNITS: &[&str] = &[
    "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day",
    "days", "week", "weeks", "wk", "wks", "month", "months", "mo", "mos", "quarter", "quarters",
    "year", "years", "yr", "yrs",
];

/// Units far enough ahead to wait for another offer ("in three months", not "in a week").
const LATER: &[&str] = &[
    "month", "months", "quarter", "quarters", "year", "years", "yr", "yrs",
];

/// Words that make a hedge a guess about somewhere else ("maybe I'll get more").
#[rustfmt::skip]
const ALTERNATIVES: &[&str] = &[
    "more", "better", "higher", "bigger", "another", "other", "else", "elsewhere", "different",
    "next", "new",
];

/// Parts of the offer whose cut after the verbal is a red flag ("they lowered the equity").
#[rustfmt::skip]
const COMP_NOUNS: &[&str] = &[
    "bonus", "equity", "offer", "sign-on", "signing", "pto", "base", "package", "rsus", "options",
    "relocation",
];

/// After a number, these make it a duration, an amount or a tally of your own search, not a
/// count of something they did ("14 interviews", "6 weeks", "5%", "190 k").
#[rustfmt::skip]
const NOT_COUNTED: &[&str] = &[
    "interview", "interviews", "interviewing", "round", "rounds", "call", "calls", "application",
    "applications", "stage", "stages", "step", "steps", "offer", "offers", "percent", "pct", "k",
    "usd", "eur", "gbp", "dollars", "euros", "pounds", "grand", "year-old",
];

/// Verbs of telling and answering: "wouldn't <say>", "never <say>".
#[rustfmt::skip]
const SAY: &[&str] = &[
    "say", "said", "tell", "told", "answer", "answered", "explain", "explained", "share", "shared",
    "commit", "committed", "confirm", "confirmed", "give", "gave", "put", "show", "showed", "name",
    "named", "describe", "described", "clarify", "clarified", "disclose", "disclosed", "talk",
    "discuss", "discussed", "specify", "guarantee", "respond", "responded", "reply", "replied",
    "define", "defined", "promise", "promised", "mention", "mentioned", "address", "addressed",
    "provide", "provided", "introduce", "introduced", "let",
];

const NEGATORS: &[&str] = &[
    "no", "not", "never", "without", "zero", "none", "nobody", "nor", "isn't", "wasn't", "aren't",
    "weren't", "don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "isnt", "wasnt",
    "dont", "doesnt", "didnt", "havent", "hasnt",
];

// Who a word is about. An observation or a count only counts when it is about *them* — the
// company, its people — not about you or a friend ("I couldn't sleep", "my friend said").
#[rustfmt::skip]
const THEM: &[&str] = &[
    "they", "them", "their", "theirs", "they're", "theyre", "they've", "they'd", "they'll", "he",
    "she", "him", "his", "her", "recruiter", "recruiters", "manager", "managers", "interviewer",
    "interviewers", "hr", "company", "team", "cto", "ceo", "cfo", "coo", "cpo", "vp", "vps",
    "founder", "founders", "cofounder", "cofounders", "co-founder", "co-founders", "lead", "leads",
    "leadership", "director", "directors", "head", "exec", "execs", "executive", "executives",
    "panel", "boss", "employer", "startup", "firm", "org", "hiring",
];

/// People whose pay is someone else's pay: the comparison-reason.
#[rustfmt::skip]
const PEERS: &[&str] = &[
    "friend", "friends", "colleague", "colleagues", "coworker", "coworkers", "co-worker",
    "co-workers", "classmate", "classmates", "buddy", "buddies", "brother", "sister", "cousin",
    "neighbor", "neighbour", "roommate", "peer", "peers", "ex-colleague", "ex-colleagues",
    "ex-coworker", "ex-coworkers",
];

const SELF: &[&str] = &[
    "i", "i'm", "im", "i've", "ive", "i'd", "i'll", "me", "myself", "my", "mine",
];

/// People at the company whose leaving is a red flag ("the CTO and two leads left").
#[rustfmt::skip]
const STAFF: &[&str] = &[
    "cto", "ceo", "cfo", "coo", "cpo", "cro", "cmo", "ciso", "vp", "vps", "svp", "evp", "founder*",
    "cofounder*", "co-founder*", "lead", "leads", "leader", "leaders", "manager", "managers",
    "director", "directors", "head", "heads", "exec", "execs", "executive", "executives",
    "leadership", "people", "engineer", "engineers", "developer", "developers", "designer",
    "designers", "scientist", "scientists", "pm", "pms", "staff", "employee", "employees",
    "teammate", "teammates", "members", "folks", "predecessor", "person", "boss", "team",
    "everyone", "recruiter", "recruiters", "hires", "reports", "seniors",
];

/// Leaving verbs that follow the person ("two leads left", "half the team is gone").
#[rustfmt::skip]
const DEPARTED: &[&str] = &[
    "left", "quit", "quits", "quitting", "resigned", "resigning", "resign", "departed", "departing",
    "leaving", "exited", "gone", "churned", "fired",
];

/// After "left", these make it something other than leaving the company ("left me hanging").
const NOT_DEPARTED: &[&str] = &[
    "me", "us", "it", "him", "her", "them", "a", "an", "early", "out", "halfway",
];

/// "pushed back on <every> ask".
#[rustfmt::skip]
const QUANTIFIERS: &[&str] = &[
    "every", "everything", "each", "all", "any", "anything", "nothing", "none",
];

#[rustfmt::skip]
const ASK_NOUNS: &[&str] = &[
    "ask", "asks", "request", "requests", "thing", "item", "items", "point", "points", "counter",
    "counters", "question", "questions",
];

#[rustfmt::skip]
const SCOPE_NOUNS: &[&str] = &[
    "scope", "team", "title", "level", "role", "band", "responsibilities", "responsibility",
    "seniority", "grade", "reports", "headcount", "people-management", "management", "ownership",
    "remit", "mandate", "charter",
];

/// Shrinking verbs: with a scope noun nearby, a downgrade ("they cut the scope").
#[rustfmt::skip]
const SHRANK: &[&str] = &[
    "cut", "cuts", "reduced", "shrank", "shrunk", "shrinking", "narrowed", "lowered", "dropped",
    "downsized", "halved", "removed", "changed", "slashed", "trimmed", "scaled",
];

/// Comparatives are only a downgrade when the line says something changed ("a lower level than
/// discussed"), not when it compares with a wish ("a lower level than I wanted").
const SMALLER: &[&str] = &[
    "lower", "smaller", "less", "fewer", "narrower", "junior", "reduced",
];

#[rustfmt::skip]
const CHANGE_MARKERS: &[&str] = &[
    "discussed", "promised", "advertised", "posted", "posting", "originally", "initially", "now",
    "instead", "anymore", "mid-process", "midway", "suddenly", "jd", "description", "listed",
    "pitched", "agreed", "told", "said",
];

#[rustfmt::skip]
const PAY: &[&str] = &[
    "more", "higher", "bigger", "paid", "pays", "makes", "make", "earns", "earn", "earning",
    "earned", "salary", "salaries", "comp", "compensation", "better-paid",
];

const PAY_NOUNS: &[&str] = &[
    "offer", "offers", "package", "deal", "number", "salary", "comp", "pay", "base", "money",
];

// ---------------------------------------------------------------------------------------------
