//! The explainable classifier for `walk:` lines [004]: it tells a real reason to walk from one
//! that only feels like a reason, and keeps the words that decided so hover can quote them.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

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
    /// Nothing recognised: neither flagged nor praised.
    Unclassified,
}

impl ReasonClass {
    /// The rule that fires for this class, if it is one of the reasons that only feel like one.
    pub fn rule_code(self) -> Option<&'static str> {
        match self {
            ReasonClass::Feeling => Some("feeling-not-reason"),
            ReasonClass::WishNotFloor => Some("wish-not-floor"),
            ReasonClass::Speculative => Some("speculative-reason"),
            ReasonClass::Comparison => Some("comparison-reason"),
            ReasonClass::SlowProcess => Some("slow-process-reason"),
            ReasonClass::UnarticulatedGut => Some("unarticulated-gut"),
            _ => None,
        }
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
        )
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
            ReasonClass::Unclassified => "not recognised",
        }
    }

    fn wording(self) -> Wording {
        let w = |one, many, what, tail, rank| Wording {
            one,
            many,
            what,
            tail,
            rank,
        };
        match self {
            ReasonClass::BelowFloor => w(
                "puts",
                "put",
                "the offer below your hard floor",
                "a real reason to walk",
                "a named fact",
            ),
            ReasonClass::Pushback => w(
                "says",
                "say",
                "they pushed back on every reasonable ask",
                "a real reason, since they will likely push back the same way after you join",
                "a named fact",
            ),
            ReasonClass::ScopeDowngrade => w(
                "says",
                "say",
                "the role was downgraded mid-process",
                "a real reason, since it is not the role you accepted in your head",
                "a named fact",
            ),
            ReasonClass::RedFlag => w(
                "names",
                "name",
                "a red flag",
                "a real reason to walk",
                "a named fact",
            ),
            ReasonClass::ArticulatedGut => w(
                "is",
                "are",
                "what they said or did, seen first-hand",
                "a gut signal put into words is a real reason",
                "an observation about them",
            ),
            ReasonClass::Comparison => w(
                "compares",
                "compare",
                "the offer with someone else's pay",
                "their number says nothing about your floor or this role",
                "a comparison",
            ),
            ReasonClass::WishNotFloor => w(
                "measures",
                "measure",
                "the offer against your wish",
                "your wish number is not your floor",
                "a wish",
            ),
            ReasonClass::Speculative => w(
                "is",
                "are",
                "a guess about an offer that does not exist yet",
                "the live offer is real and the better one is hypothetical",
                "a guess about the future",
            ),
            ReasonClass::SlowProcess => w(
                "is",
                "are",
                "about a slow process",
                "slowness is mostly internal friction, not how they will treat you on day one",
                "a slow process",
            ),
            ReasonClass::UnarticulatedGut => w(
                "is",
                "are",
                "a gut signal with nothing observed, counted or named behind it",
                "say what was said or done, and how often: a gut signal you can put into words is a signal",
                "a gut feeling",
            ),
            ReasonClass::Feeling => w(
                "is",
                "are",
                "a feeling, not a reason",
                "the wrong thing to base a multi-year decision on",
                "a feeling",
            ),
            ReasonClass::Unclassified => w("", "", "", "", "nothing"),
        }
    }
}

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
}

/// The verdict on one `walk:` line and the signals that decided it, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    pub class: ReasonClass,
    pub decided_by: Vec<Signal>,
}

impl Classification {
    /// One sentence saying which words or facts decided, quoting them, e.g.
    /// `"layoffs" names a red flag, so "anxious" is context, not the reason`
    pub fn explain(&self, text: &str) -> String {
        let text = considered(text);
        if self.class == ReasonClass::Unclassified {
            return "nothing here names a feeling, a wish, a guess, a comparison, a slow process, \
                    a gut signal or a concrete fact, so it is neither flagged nor counted as a real reason"
                .to_string();
        }
        let wording = self.class.wording();
        // An articulated gut names the gut word apart from the evidence behind it.
        let (gut, evidence): (Vec<Signal>, Vec<Signal>) =
            self.decided_by.iter().cloned().partition(|s| {
                s.kind == SignalKind::Gut && self.class == ReasonClass::ArticulatedGut
            });
        let quoted = |signals: &[Signal]| {
            distinct(
                merged(signals)
                    .into_iter()
                    .filter_map(|span| text.get(span)),
            )
        };
        let deciders = quoted(&evidence);
        let gut_words = quoted(&gut);
        let subject = if deciders.is_empty() {
            "this line".to_string()
        } else {
            quote_list(&deciders)
        };
        let verb = if deciders.len() > 1 {
            wording.many
        } else {
            wording.one
        };
        let head = if gut_words.is_empty() {
            format!("{subject} {verb} {}", wording.what)
        } else {
            let gut = quote_list(&gut_words);
            format!(
                "{gut} {} backed by {subject}, {}",
                be(&gut_words),
                wording.what
            )
        };

        // What lost: signals of a flagged kind that did not decide. Re-scanning is cheap and
        // keeps `Classification` a plain value.
        let scan = Scan::new(text);
        let lost: Vec<&Found> = scan
            .found
            .iter()
            .filter(|f| FLAGGED_KINDS.contains(&f.kind))
            .filter(|f| {
                !self
                    .decided_by
                    .iter()
                    .any(|s| s.kind == f.kind && s.span == f.span)
            })
            .collect();
        let lost_words = distinct(lost.iter().filter_map(|f| text.get(f.span.clone())));
        if lost_words.is_empty() {
            return format!("{head}: {}", wording.tail);
        }
        let mut ranks: Vec<&str> = Vec::new();
        for f in &lost {
            let rank = kind_rank(f.kind);
            if !ranks.contains(&rank) && rank != wording.rank {
                ranks.push(rank);
            }
        }
        let why = if ranks.is_empty() {
            String::new()
        } else {
            format!(" ({} outranks {})", wording.rank, plain_list(&ranks))
        };
        format!(
            "{head}, so {} {} context, not the reason{why}",
            quote_list(&lost_words),
            be(&lost_words),
        )
    }
}

/// Classify one `walk:` reason. Cheap enough to run on every keystroke: one pass to split and
/// fold the words, one greedy pass over an indexed phrase list, a few pair checks; no regex.
pub fn classify(text: &str) -> Classification {
    Scan::new(considered(text)).decide()
}

/// A reason is a sentence or two; only its first few thousand bytes are read, so a pasted
/// wall of text can't make classification (or its explanation) slow.
pub const MAX_REASON_BYTES: usize = 4096;

fn considered(text: &str) -> &str {
    &text[..crate::text::floor_char_boundary(text, text.len().min(MAX_REASON_BYTES))]
}

// ---------------------------------------------------------------------------------------------
// Wording

struct Wording {
    one: &'static str,
    many: &'static str,
    what: &'static str,
    tail: &'static str,
    /// How this class is named when it outranks another ("a named fact outranks a feeling").
    rank: &'static str,
}

const FLAGGED_KINDS: [SignalKind; 6] = [
    SignalKind::Feeling,
    SignalKind::Wish,
    SignalKind::Speculation,
    SignalKind::Comparison,
    SignalKind::SlowProcess,
    SignalKind::Gut,
];

fn kind_rank(kind: SignalKind) -> &'static str {
    match kind {
        SignalKind::Feeling => "a feeling",
        SignalKind::Wish => "a wish",
        SignalKind::Speculation => "a guess about the future",
        SignalKind::Comparison => "a comparison",
        SignalKind::SlowProcess => "a slow process",
        SignalKind::Gut => "a gut feeling",
        _ => "a fact",
    }
}

/// Spans to quote: overlapping ones joined, and a count joined to the word it counts
/// ("four" + "exits" → "four exits").
fn merged(signals: &[Signal]) -> Vec<Range<usize>> {
    let mut sorted: Vec<&Signal> = signals.iter().collect();
    sorted.sort_by_key(|s| (s.span.start, s.span.end));
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    for signal in sorted {
        let count = signal.kind == SignalKind::Count;
        if let Some((last, last_count)) = out.last_mut() {
            let touching = signal.span.start <= last.end + 1 && (count || *last_count);
            if signal.span.start < last.end || touching {
                last.end = last.end.max(signal.span.end);
                *last_count = *last_count && count;
                continue;
            }
        }
        out.push((signal.span.clone(), count));
    }
    out.into_iter().map(|(span, _)| span).collect()
}

fn distinct<'a>(words: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for w in words {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

fn be(items: &[&str]) -> &'static str {
    if items.len() > 1 {
        "are"
    } else {
        "is"
    }
}

fn plain_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn quote_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|w| format!("\"{w}\"")).collect();
    let refs: Vec<&str> = quoted.iter().map(String::as_str).collect();
    plain_list(&refs)
}

// ---------------------------------------------------------------------------------------------
// Words

/// One word of the input: a run of letters and digits, with inner apostrophes and hyphens kept
/// ("wouldn't", "down-leveled", "2026-12-01").
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    /// Clauses end at punctuation and at joining words ("and", "but", "because"); negation and
    /// "who did it" never reach across one.
    clause: u32,
    /// Sentences end at `.`, `!`, `?`, `;` and line breaks; pairs never reach across one.
    sentence: u32,
    /// Punctuation sits between this word and the previous one; phrases never span it.
    punct_before: bool,
    /// The word folded for comparison: ASCII lowercase, every apostrophe as `'`. The only
    /// copy of the text the classifier makes.
    key: String,
    /// The word sets it belongs to (`W_*` bits), looked up once.
    sets: u32,
}

fn is_apostrophe(c: char) -> bool {
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

fn tokenize(text: &str) -> Vec<Token> {
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
fn same_word(key: &str, want: &str) -> bool {
    if let Some(stem) = want.strip_suffix('*') {
        return key.starts_with(stem);
    }
    key == want || key.strip_suffix("'s") == Some(want)
}

fn word_matches(token: &Token, want: &str) -> bool {
    match want {
        "<n>" => token.sets & W_NUMBER != 0,
        "<unit>" => token.sets & W_UNIT != 0,
        "<later>" => token.sets & W_LATER != 0,
        "<say>" => token.sets & W_SAY != 0,
        _ => same_word(&token.key, want),
    }
}

// Word sets, one bit each, so that each word is looked up once and every later question
// ("is it someone of theirs?", "does it negate?") is a bit test.
const W_CLAUSE: u32 = 1;
const W_THEM: u32 = 1 << 1;
const W_SELF: u32 = 1 << 2;
const W_PEER: u32 = 1 << 3;
const W_NEGATOR: u32 = 1 << 4;
const W_STAFF: u32 = 1 << 5;
const W_DEPARTED: u32 = 1 << 6;
const W_NOT_DEPARTED: u32 = 1 << 7;
const W_QUANTIFIER: u32 = 1 << 8;
const W_ASK: u32 = 1 << 9;
const W_SCOPE: u32 = 1 << 10;
const W_SHRANK: u32 = 1 << 11;
const W_SMALLER: u32 = 1 << 12;
const W_CHANGE: u32 = 1 << 13;
const W_PAY: u32 = 1 << 14;
const W_PAY_NOUN: u32 = 1 << 15;
const W_NUMBER: u32 = 1 << 16;
const W_COUNT: u32 = 1 << 17;
const W_UNIT: u32 = 1 << 18;
const W_NOT_COUNTED: u32 = 1 << 19;
const W_SAY: u32 = 1 << 20;
const W_BIGGER: u32 = 1 << 21;
const W_CONNECTOR: u32 = 1 << 22;
const W_LATER: u32 = 1 << 23;
const W_ALTERNATIVE: u32 = 1 << 24;
const W_COMP: u32 = 1 << 25;

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
];

struct SetIndex {
    exact: HashMap<&'static str, u32>,
    stems: Vec<(&'static str, u32)>,
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
    "seniority", "grade", "reports", "headcount",
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
// The phrase list

/// What a matched phrase is a cue for. Several cues become a signal only in company
/// (a pushing-back verb needs "every"; an observation needs to be about them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Consumes its words and says nothing ("above my floor", "good vibes").
    Neutral,
    FloorFact,
    Pushback,
    Downgrade,
    RedFlag,
    /// A red flag only when it is theirs ("they have six months of runway", not "I have").
    TheirRedFlag,
    /// "pushed back", "refused", "said no": pushback with a quantifier, else an observation.
    PushVerb,
    /// Something they did; only counts when they did it.
    Observed,
    /// A description of how they acted, whoever the sentence starts with ("vague").
    Evident,
    /// They said or told you something; weak evidence alone.
    Report,
    /// You noticed or heard something; weak evidence alone.
    Witness,
    Count,
    Comparison,
    Wish,
    Speculation,
    /// "might", "maybe": speculation only with an alternative in the sentence.
    Hedge,
    Slow,
    Gut,
    /// Fear, worry, frustration: can be a gut signal in disguise.
    Affect,
    /// Tired of the search: about you, never evidence about them.
    Fatigue,
}

#[rustfmt::skip]
const NEUTRAL: &[&str] = &[
    "start in", "starting in", "started in", "start date in", "join in", "joining in",
    "above my floor", "above the floor", "above floor", "over my floor", "over the floor",
    "clears my floor", "clear my floor", "meets my floor", "meet my floor", "at my floor",
    "beats my floor", "higher than my floor", "more than my floor", "above my minimum",
    "over my minimum", "at or above my floor", "good vibes", "good vibe", "great vibes",
    "slow growth", "floor plan", "open floor", "another offer in hand", "another offer in writing",
    "offer in hand", "fired up", "no matter", "time off", "no idea if", "not sure if",
    "my floor is", "my floor was", "my minimum is", "my hard floor is",
];

/// Only directional forms: "my floor is $190k" states the floor, "under my floor" is the fact.
#[rustfmt::skip]
const FLOOR_FACT: &[&str] = &[
    "under my floor", "under the floor", "under my hard floor", "under my minimum",
    "under the minimum", "under my walk-away number", "under my walkaway number",
    "under my walk away number", "under my walk-away", "under my walkaway", "below my floor",
    "below the floor", "below my hard floor", "below my minimum", "below the minimum",
    "below my walk-away number", "below my walkaway number", "below my walk away number",
    "below my walk-away", "below my walkaway", "beneath my floor", "beneath the floor",
    "beneath my hard floor", "beneath my minimum", "beneath the minimum",
    "beneath my walk-away number", "beneath my walkaway number", "beneath my walk away number",
    "beneath my walk-away", "beneath my walkaway", "short of my floor", "short of the floor",
    "short of my hard floor", "short of my minimum", "short of the minimum",
    "short of my walk-away number", "short of my walkaway number", "short of my walk away number",
    "short of my walk-away", "short of my walkaway", "less than my floor", "less than the floor",
    "less than my hard floor", "less than my minimum", "less than the minimum",
    "less than my walk-away number", "less than my walkaway number",
    "less than my walk away number", "less than my walk-away", "less than my walkaway",
    "lower than my floor", "lower than the floor", "lower than my hard floor",
    "lower than my minimum", "lower than the minimum", "lower than my walk-away number",
    "lower than my walkaway number", "lower than my walk away number", "lower than my walk-away",
    "lower than my walkaway", "below floor", "under floor", "below minimum", "under minimum",
    "doesn't reach my floor", "doesn't meet my floor", "doesn't clear my floor",
    "does not meet my floor", "didn't reach my floor", "didn't meet my floor", "not reach my floor",
    "miss my floor", "misses my floor", "missed my floor", "within <n> of my floor", "minimum i'd",
    "minimum i would", "minimum i can", "below what i'd accept", "less than i'd accept",
    "less than i can accept", "below what i can accept", "can't live on", "cannot live on",
    "can't pay rent", "can't pay my rent", "can't cover", "cannot cover", "can't afford",
    "cannot afford", "not enough to live", "less than i need", "below what i need",
    "under what i need", "less than what i need",
];

#[rustfmt::skip]
const PUSHBACK: &[&str] = &[
    "stonewalled", "stonewalling", "nickel-and-dimed", "nickel and dimed", "nickel and diming",
    "nickel-and-diming", "wouldn't budge", "won't budge", "didn't budge", "did not budge",
    "would not budge", "will not budge", "refused to budge", "never budged", "not budge",
    "refused to negotiate", "refuse to negotiate", "wouldn't negotiate", "won't negotiate",
    "would not negotiate", "will not negotiate", "no negotiation", "not negotiable",
    "non-negotiable", "nonnegotiable", "no flexibility", "zero flexibility", "not flexible",
    "inflexible", "take it or leave it", "no movement", "zero movement", "hardball",
    "played hardball",
];

#[rustfmt::skip]
const PUSH_VERBS: &[&str] = &[
    "pushed back", "push back", "pushes back", "pushing back", "pushback", "push-back", "said no",
    "says no", "saying no", "refused", "refuses", "refusing", "rejected", "rejects", "rejecting",
    "shot down", "shut down", "declined", "denied", "turned down", "dismissed", "balked", "budged",
    "fought",
];

#[rustfmt::skip]
const DOWNGRADE: &[&str] = &[
    "downgrad*", "down-level*", "downlevel*", "down level*", "down-titl*", "leveled down",
    "levelled down", "leveled me down", "levelled me down", "level down", "demot*",
    "bait and switch", "bait-and-switch", "bait n switch", "switched the role", "switched roles",
    "not the role", "not the same role", "different role than", "different role from",
    "instead of staff", "instead of senior", "instead of principal", "instead of lead",
    "instead of manager", "instead of director", "instead of a manager", "instead of a lead",
    "instead of the", "no longer staff", "no longer senior", "no longer lead", "no longer a lead",
    "no longer a manager", "no longer managing", "no longer leading", "no longer own",
    "no direct reports", "took away", "taken away", "watered down", "watered-down", "scaled back",
    "stripped",
];

#[rustfmt::skip]
const RED_FLAG: &[&str] = &[
    "sexist", "racist", "homophobic", "misogyn*", "inappropriate joke", "inappropriate comment*",
    "layoff*", "laid off", "laid-off", "lay off", "lay offs", "lay-off*", "rif", "rifs",
    "reduction in force", "job cuts", "cut jobs", "headcount cut*", "cut headcount", "lawsuit*",
    "sued", "suing", "litigation", "class action", "class-action", "legal trouble", "legal issues",
    "exits", "key exit", "exodus", "turnover", "attrition", "churn", "departures", "resignations",
    "reorg*", "reorganiz*", "reorganis*", "restructur*", "hiring freeze", "hiring freezes",
    "frozen hiring", "missed payroll", "missed a payroll", "late payroll", "payroll issues",
    "payroll problems", "late paychecks", "bounced paychecks", "unpaid", "investigation",
    "investigations", "investigated", "under investigation", "fraud", "subpoena*", "bankrupt*",
    "insolven*", "chapter 11", "running out of money", "out of cash", "out of runway", "down round",
    "funding fell through", "lost funding", "failed to raise", "<n> ceos", "<n> ctos", "<n> cfos",
    "<n> vps", "<n> managers in", "<n> heads of", "<n> directors in", "<n> leads in",
    "<n> recruiters in", "rescinded", "reneged", "pulled the offer", "lowered the offer",
    "cut the offer", "harass*", "discriminat*", "hostile work", "scandal", "whistleblow*",
    "burnout culture",
];

#[rustfmt::skip]
const THEIR_RED_FLAG: &[&str] = &[
    "<n> months of runway", "months of runway", "<n> months of cash", "runway left", "short runway",
    "<n> months to live",
];

#[rustfmt::skip]
const OBSERVED: &[&str] = &[
    "moved the start", "moved my start", "moved the start date", "moved my start date",
    "pushed the start", "pushed my start", "pushed the start date", "pushed my start date",
    "didn't apologize", "didn't apologise", "never apologized", "never apologised", "minutes late",
    "hour late", "showed up late", "came late", "were late", "was late", "exploding",
    "wouldn't <say>", "would not <say>", "couldn't <say>", "could not <say>", "won't <say>",
    "will not <say>", "can't <say>", "cannot <say>", "didn't <say>", "did not <say>", "never <say>",
    "refused to <say>", "refuse to <say>", "refuses to <say>", "unable to <say>",
    "wouldn't even <say>", "couldn't even <say>", "didn't even <say>", "doesn't <say>",
    "never got back", "never followed up", "changed", "changing", "kept changing", "cancelled",
    "canceled", "cancelling", "canceling", "backtracked", "backpedal*", "walked back",
    "went back on", "lied", "lying", "misled", "misrepresented", "avoided", "deflected",
    "sidestepped", "hedged", "interrupted", "ignored", "pressured", "pressuring", "rushed me",
    "badmouthed", "bad-mouthed", "trashed", "blamed", "yelled", "forgot", "showed up late",
    "no-show", "no-showed", "moved the goalposts", "moved the goal posts", "checked their phone",
    "checked his phone", "checked her phone", "talked over", "laughed off", "brushed off",
];

#[rustfmt::skip]
const EVIDENT: &[&str] = &[
    "asked about my family", "asked about my kids", "asked if i plan", "asked if i have kids",
    "asked if i'm married", "asked my age", "asked about my age", "asked how old",
    "vague", "vaguely", "evasive", "cagey", "dodged", "dodging", "dodges", "dismissive",
    "condescending", "rude", "hostile", "contradicted", "contradicting", "contradictory",
    "contradicts", "inconsistent", "straight answer", "clear answer", "no answer", "non-answer",
    "non-answers", "hand-wavy", "handwavy", "hand-waved", "hand waved", "hand-waving",
    "hand waving", "wishy-washy", "defensive", "exploding offer", "pressure to sign",
    "pressure to accept", "<n> hours to decide", "<n> hours to sign", "a day to decide",
    "unclear who", "unclear what", "unclear how", "no one could", "nobody could", "nobody knew",
    "no one knew", "late to every", "late to the",
];

#[rustfmt::skip]
const REPORT: &[&str] = &[
    "asked", "said", "says", "told", "tells", "mentioned", "admitted", "claimed", "implied", "warned",
    "let slip", "let it slip",
];

#[rustfmt::skip]
const WITNESS: &[&str] = &[
    "noticed", "saw", "heard", "found out", "learned", "learnt", "discovered", "turns out",
    "turned out",
];

#[rustfmt::skip]
const COUNT: &[&str] = &[
    "<n> times", "twice", "thrice", "many times", "a few times", "a couple of times",
    "a couple times", "more than once", "repeatedly", "every time", "each time",
    "every single time", "again and again", "over and over", "again", "every call",
    "every interview", "every round", "every conversation", "multiple times", "numerous times",
    "dozen times",
];

#[rustfmt::skip]
const COMPARISON: &[&str] = &[
    "everyone else", "everyone i know", "people i know", "someone i know", "others make",
    "others get", "others are paid", "levels fyi", "levelsfyi", "market rate", "market rates",
    "below market", "under market", "market value", "the market pays", "industry standard",
    "industry average", "going rate", "more than me", "paid more than", "makes more than",
    "earns more than", "underpay*", "underpaid",
];

#[rustfmt::skip]
const WISH: &[&str] = &[
    "what i wanted", "what i want", "than i wanted", "than i want", "what i hoped",
    "what i'd hoped", "what i was hoping", "than i hoped", "than i'd hoped", "than i was hoping",
    "what i expected", "than i expected", "than i wished", "than i'd hoped for", "my number",
    "my wish", "wish number", "my target", "target number", "my ask", "what i asked for",
    "than i asked", "than i asked for", "hoped for", "hoping for", "wanted more", "i wanted more",
    "dream number", "ideal number", "i deserve", "deserve more", "not quite", "a bit low",
    "bit lower", "a little low", "a little lower", "on the low side", "lowball*", "low-ball*",
    "low ball*", "could be higher", "should be higher", "expected more", "underwhelm*",
    "hoped to get", "was hoping", "i'd hoped",
];

#[rustfmt::skip]
const SPECULATION: &[&str] = &[
    "in a few weeks", "in a couple of weeks", "in a couple weeks",
    "might pay", "might pay more", "may pay more", "could pay more", "maybe another",
    "maybe somewhere", "could get", "could pay", "could find", "could land", "could earn",
    "could make", "could do better", "could be better", "could offer", "may pay", "may get",
    "may find", "may offer", "may be", "will pay more", "would pay more", "in <n> <later>",
    "in a few <later>", "in a couple of <later>", "in a couple <later>", "in a <later>",
    "within <n> <later>", "next year", "next quarter", "next month", "later this year", "someday",
    "some day", "eventually", "another company", "a different company", "other companies",
    "something better", "better opportunit*", "better offer out there", "out there", "come along",
    "comes along", "hold out", "holding out", "wait for", "waiting for something", "if i wait",
    "if i keep looking", "keep looking", "i bet", "what if", "hopefully", "there's a chance",
    "good chance", "decent chance", "the next one", "plenty of", "somewhere else", "elsewhere",
];

/// Hedges are a guess only next to an alternative ("maybe I'll get more"), not about this
/// company ("I'm worried they might not survive").
#[rustfmt::skip]
const HEDGES: &[&str] = &[
    "might", "maybe", "perhaps", "possibly", "potentially", "probably", "could", "may",
];

#[rustfmt::skip]
const SLOW: &[&str] = &[
    "slow", "slowly", "sluggish", "took forever", "takes forever", "taking forever", "took ages",
    "took so long", "took too long", "taking so long", "taking too long", "took <n> <unit>",
    "took a <unit>", "took them", "took weeks", "took months", "<n> <unit> to respond",
    "<n> <unit> to reply", "<n> <unit> to hear back", "<unit> to respond", "<unit> to reply",
    "forever", "dragged", "dragging", "drags", "drag on", "dragged on", "drawn out", "drawn-out",
    "long process", "lengthy", "long-winded", "months-long", "weeks-long", "too many rounds",
    "endless", "reschedul*", "postpon*", "delay*", "ghosted", "ghosting", "went silent",
    "gone silent", "radio silence", "kept me waiting", "keep me waiting", "made me wait",
    "no response for", "no update", "no updates", "never heard back", "haven't heard back",
    "didn't hear back", "bureaucra*", "red tape", "disorganized", "disorganised", "<n> rounds of interviews",
    "<n> interview rounds", "<n> rounds over",
];

#[rustfmt::skip]
const GUT: &[&str] = &[
    "don't feel good", "doesn't feel good", "didn't feel good", "don't feel great",
    "doesn't feel great",
    "gut", "gut feeling", "gut says", "gut tells", "my gut", "instinct*", "intuition", "hunch",
    "bad feeling", "weird feeling", "funny feeling", "uneasy feeling", "a feeling",
    "have a feeling", "bad vibe*", "vibe*", "off vibes", "feels off", "feel off", "felt off",
    "seems off", "seemed off", "something's off", "something off", "something is off",
    "something was off", "something feels off", "something felt off", "something's not right",
    "something isn't right", "something is not right", "something's wrong", "something is wrong",
    "not right", "doesn't feel right", "don't feel right", "didn't feel right",
    "does not feel right", "doesn't sit right", "didn't sit right", "doesn't sit well",
    "didn't sit well", "feels wrong", "felt wrong", "feel wrong", "uneasy", "unease", "weird",
    "strange", "fishy", "sketchy", "shady", "red flag", "red flags", "alarm bells", "spidey sense",
    "sixth sense", "toxic", "don't trust", "can't trust", "do not trust", "distrust", "mistrust",
    "i feel off", "i just feel off", "just feel off", "gut says no", "gut said no", "gut says walk",
    "my gut says no", "my gut said no", "my gut says", "my gut is saying", "my gut keeps saying",
    "my gut tells me", "my gut is telling me", "my gut is screaming", "my gut screams",
    "my gut reaction", "my instinct says", "my instincts say", "not feeling it", "not feeling this",
    "not the right fit", "not a good fit", "not a fit", "bad fit", "poor fit",
    "doesn't feel like the right", "doesn't feel like the right fit", "doesn't feel like a good",
    "doesn't feel like a good fit", "doesn't feel like the right place",
    "doesn't feel like the right move", "doesn't feel like a fit", "doesn't feel like home",
    "disrespect*", "unprofessional", "undervalued", "gut is saying", "gut keeps saying",
    "gut tells me", "gut is telling me", "gut screams", "gut is screaming", "gut reaction",
    "gut check", "instinct says", "instincts say", "heart says no", "my heart says", "vibe was off",
    "vibes were off", "vibes are off",
];

#[rustfmt::skip]
const AFFECT: &[&str] = &[
    "anxious", "anxiety", "anxiously", "scared", "scary", "afraid", "fear", "fears", "fearful",
    "frightened", "terrified", "nervous", "worried", "worry", "worrying", "worries", "stressed",
    "stress", "stressful", "overwhelmed", "overwhelming", "panic*", "dread*", "frustrat*",
    "annoyed", "irritated", "upset", "sad", "depressed", "miserable", "angry", "mad", "hurt",
    "insecure", "impatient", "restless", "desperate", "freaked", "freaking out", "emotional",
    "emotionally", "uncomfortable", "i just feel", "just feel", "i feel", "i felt", "feel like",
    "feeling like", "i'm feeling", "my heart",
];

#[rustfmt::skip]
const FATIGUE: &[&str] = &[
    "i'm done", "im done", "so done",
    "tired", "tiring", "tiredness", "exhausted", "exhausting", "exhaustion", "drained", "draining",
    "burned out", "burnt out", "burned-out", "burnt-out", "burnout", "worn out", "worn-out",
    "weary", "fed up", "fed-up", "sick of", "sick and tired", "done with", "over it", "had enough",
    "fatigue", "fatigued", "want it to be over", "want this to be over", "want it over",
    "want this over", "want it to end", "want this to end", "want it done", "want this done",
    "want to be done", "wanted it to be over", "can't do this anymore", "cannot do this anymore",
    "can't take it", "can't take this", "need a break", "want a break", "want out",
    "over the whole thing", "don't want it anymore", "don't want this anymore", "lost interest",
    "lost motivation",
];

/// In order of preference when two phrases of the same length start on the same word.
const LEXICON: &[(Cue, &[&str])] = &[
    (Cue::Neutral, NEUTRAL),
    (Cue::FloorFact, FLOOR_FACT),
    (Cue::Pushback, PUSHBACK),
    (Cue::Downgrade, DOWNGRADE),
    (Cue::RedFlag, RED_FLAG),
    (Cue::TheirRedFlag, THEIR_RED_FLAG),
    (Cue::PushVerb, PUSH_VERBS),
    (Cue::Observed, OBSERVED),
    (Cue::Evident, EVIDENT),
    (Cue::Report, REPORT),
    (Cue::Witness, WITNESS),
    (Cue::Count, COUNT),
    (Cue::Comparison, COMPARISON),
    (Cue::Wish, WISH),
    (Cue::Speculation, SPECULATION),
    (Cue::Hedge, HEDGES),
    (Cue::Slow, SLOW),
    (Cue::Gut, GUT),
    (Cue::Affect, AFFECT),
    (Cue::Fatigue, FATIGUE),
];

/// The phrase list indexed by first word, built once, so each word is tried against the few
/// phrases that can start there; phrases that start with a placeholder ("<n> times") are tried
/// on numbers and units.
struct Lexicon {
    by_first_word: HashMap<&'static str, Vec<Phrase>>,
    /// Phrases starting with a stem, by the stem's first byte.
    by_first_byte: HashMap<u8, Vec<Phrase>>,
    /// Phrases starting with a placeholder.
    loose: Vec<Phrase>,
}

/// A phrase, its cue, and its group's place in `LEXICON` (lower wins a tie).
type Phrase = (Cue, &'static str, usize);

fn lexicon() -> &'static Lexicon {
    static LEXICON_INDEX: OnceLock<Lexicon> = OnceLock::new();
    LEXICON_INDEX.get_or_init(|| {
        let mut index = Lexicon {
            by_first_word: HashMap::new(),
            by_first_byte: HashMap::new(),
            loose: Vec::new(),
        };
        for (rank, &(cue, patterns)) in LEXICON.iter().enumerate() {
            for &pattern in patterns {
                let first = pattern.split(' ').next().unwrap_or(pattern);
                let phrase = (cue, pattern, rank);
                if first.starts_with('<') {
                    index.loose.push(phrase);
                } else if first.ends_with('*') {
                    let byte = first.bytes().next().unwrap_or(b'*');
                    index.by_first_byte.entry(byte).or_default().push(phrase);
                } else {
                    index.by_first_word.entry(first).or_default().push(phrase);
                }
            }
        }
        index
    })
}

// ---------------------------------------------------------------------------------------------
// The scan

/// A matched phrase: tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    cue: Cue,
    first: usize,
    last: usize,
}

/// A signal found in the text, with what the decision needs to know about it.
#[derive(Debug, Clone)]
struct Found {
    kind: SignalKind,
    span: Range<usize>,
    sentence: u32,
    /// Observation: a strong one (something they did) rather than a report ("said").
    /// Because: the clause names them and no feeling, wish or guess.
    strong: bool,
    /// Feeling: fatigue with the search, which is about you, not them.
    fatigue: bool,
}

struct Scan<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    hits: Vec<Hit>,
    found: Vec<Found>,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Self {
        let mut scan = Scan {
            text,
            tokens: tokenize(text),
            hits: Vec::new(),
            found: Vec::new(),
        };
        scan.match_phrases();
        scan.collect();
        scan
    }

    /// Whether the word at `index` is in any of the `sets`.
    fn is(&self, index: usize, sets: u32) -> bool {
        self.tokens.get(index).is_some_and(|t| t.sets & sets != 0)
    }

    /// The folded word at `index` ("" past the end).
    fn word(&self, index: usize) -> &str {
        self.tokens.get(index).map_or("", |t| t.key.as_str())
    }

    fn span(&self, first: usize, last: usize) -> Range<usize> {
        match (self.tokens.get(first), self.tokens.get(last)) {
            (Some(a), Some(b)) => a.start..b.end,
            _ => 0..0,
        }
    }

    fn sentence(&self, index: usize) -> u32 {
        self.tokens.get(index).map_or(0, |t| t.sentence)
    }

    fn clause(&self, index: usize) -> u32 {
        self.tokens.get(index).map_or(0, |t| t.clause)
    }

    /// How many tokens `pattern` covers starting at token `at`.
    fn match_len(&self, at: usize, pattern: &str) -> Option<usize> {
        let mut len = 0;
        for (k, want) in pattern.split(' ').enumerate() {
            let token = self.tokens.get(at + k)?;
            if k > 0 && token.punct_before {
                return None;
            }
            if !word_matches(token, want) {
                return None;
            }
            len = k + 1;
        }
        Some(len)
    }

    /// Greedy, longest phrase first, left to right: every word belongs to at most one phrase,
    /// so "something feels off" is a gut signal and not also a feeling.
    fn match_phrases(&mut self) {
        let lexicon = lexicon();
        let mut at = 0;
        while at < self.tokens.len() {
            let key = self.word(at);
            let bare = key.strip_suffix("'s").unwrap_or(key);
            let exact = lexicon.by_first_word.get(key).into_iter().flatten();
            let possessive = lexicon
                .by_first_word
                .get(bare)
                .filter(|_| bare.len() != key.len())
                .into_iter()
                .flatten();
            let stems = key
                .bytes()
                .next()
                .and_then(|b| lexicon.by_first_byte.get(&b))
                .into_iter()
                .flatten();
            let placeholders = lexicon
                .loose
                .iter()
                .filter(|_| self.is(at, W_NUMBER | W_UNIT));
            // Longest phrase wins; between equally long ones, the earlier group in `LEXICON`.
            let mut best: Option<(usize, usize, Cue)> = None;
            for &(cue, pattern, rank) in exact.chain(possessive).chain(stems).chain(placeholders) {
                if let Some(len) = self.match_len(at, pattern) {
                    if best.is_none_or(|(l, r, _)| len > l || (len == l && rank < r)) {
                        best = Some((len, rank, cue));
                    }
                }
            }
            match best {
                Some((len, _, cue)) => {
                    self.hits.push(Hit {
                        cue,
                        first: at,
                        last: at + len - 1,
                    });
                    at += len;
                }
                None => at += 1,
            }
        }
    }

    /// "no layoffs", "I'm not tired", "they never pushed back": a negator up to three words
    /// before, in the same clause.
    fn negated(&self, first: usize) -> bool {
        let clause = self.clause(first);
        (first.saturating_sub(3)..first).any(|j| self.clause(j) == clause && self.is(j, W_NEGATOR))
    }

    /// Whether the words before `at` in its clause make it about them. Someone of theirs named
    /// ("the recruiter", "they") wins; you or a friend without them means it is not; a clause
    /// with no one named ("was vague three times") is taken as about them.
    fn about_them(&self, at: usize) -> bool {
        let clause = self.clause(at);
        let mut other = false;
        for token in self.tokens.get(..at).unwrap_or_default().iter().rev() {
            if token.clause != clause {
                break;
            }
            if token.sets & W_THEM != 0 {
                return true;
            }
            other |= token.sets & (W_SELF | W_PEER) != 0;
        }
        !other
    }

    fn push_with(&mut self, kind: SignalKind, first: usize, last: usize, strong: bool) {
        self.found.push(Found {
            kind,
            span: self.span(first, last),
            sentence: self.sentence(first),
            strong,
            fatigue: false,
        });
    }

    fn collect(&mut self) {
        for hit in self.hits.clone() {
            self.collect_hit(hit);
        }
        self.collect_departures();
        self.collect_downgrades();
        self.collect_comparisons();
        self.collect_numbers();
        self.collect_because();
        self.found.sort_by_key(|f| (f.span.start, f.span.end));
    }

    fn collect_hit(&mut self, hit: Hit) {
        let Hit { cue, first, last } = hit;
        let negated = self.negated(first);
        let about_them = self.about_them(first);
        let kind = match cue {
            Cue::Neutral => return,
            Cue::FloorFact => SignalKind::FloorFact,
            Cue::Pushback => SignalKind::Pushback,
            Cue::Downgrade => SignalKind::Downgrade,
            Cue::RedFlag => SignalKind::RedFlag,
            Cue::Slow => SignalKind::SlowProcess,
            Cue::Gut => SignalKind::Gut,
            Cue::Affect | Cue::Fatigue => SignalKind::Feeling,
            Cue::Wish => SignalKind::Wish,
            Cue::Speculation => SignalKind::Speculation,
            Cue::Comparison => SignalKind::Comparison,
            Cue::Hedge => {
                let sentence = self.sentence(first);
                let alternative = self
                    .tokens
                    .iter()
                    .any(|t| t.sentence == sentence && t.sets & W_ALTERNATIVE != 0);
                if alternative {
                    self.push_with(SignalKind::Speculation, first, last, false);
                }
                return;
            }
            Cue::TheirRedFlag => {
                if about_them && !negated {
                    self.push_with(SignalKind::RedFlag, first, last, false);
                }
                return;
            }
            Cue::PushVerb => {
                if !negated && about_them {
                    if let Some(end) = self.quantified(first, last) {
                        self.push_with(SignalKind::Pushback, first, end, true);
                        return;
                    }
                    self.push_with(SignalKind::Observation, first, last, true);
                }
                return;
            }
            Cue::Observed => {
                if about_them {
                    self.push_with(SignalKind::Observation, first, last, true);
                }
                return;
            }
            Cue::Evident => {
                self.push_with(SignalKind::Observation, first, last, true);
                return;
            }
            Cue::Report => {
                if about_them {
                    self.push_with(SignalKind::Observation, first, last, false);
                }
                return;
            }
            Cue::Witness => {
                self.push_with(SignalKind::Observation, first, last, false);
                return;
            }
            Cue::Count => {
                if about_them {
                    self.push_with(SignalKind::Count, first, last, false);
                }
                return;
            }
        };
        // Wishes, guesses and comparisons stay what they are when negated ("not what I wanted"
        // is still a wish); facts, feelings and gut words are denied by a negator.
        let negatable = !matches!(cue, Cue::Wish | Cue::Speculation | Cue::Comparison);
        if negatable && negated {
            return;
        }
        self.push_with(kind, first, last, false);
        if cue == Cue::Fatigue {
            if let Some(f) = self.found.last_mut() {
                f.fatigue = true;
            }
        }
    }

    /// For a pushing-back verb: the last token of "… on every reasonable ask", if a quantifier
    /// follows within eight words of the same sentence.
    fn quantified(&self, first: usize, last: usize) -> Option<usize> {
        let sentence = self.sentence(first);
        let q = (last + 1..self.tokens.len())
            .take(8)
            .take_while(|&j| self.sentence(j) == sentence)
            .find(|&j| self.is(j, W_QUANTIFIER))?;
        let end = (q + 1..self.tokens.len())
            .take(3)
            .take_while(|&j| self.sentence(j) == sentence)
            .find(|&j| self.is(j, W_ASK))
            .unwrap_or(q);
        Some(end)
    }

    /// "the CTO and two leads left", "half the team is gone", "they lost their VP",
    /// "three engineers were let go": someone of theirs leaving is a red flag.
    fn collect_departures(&mut self) {
        for at in 0..self.tokens.len() {
            let word = self.word(at);
            let let_go = same_word(word, "let") && same_word(self.word(at + 1), "go");
            let backward = self.is(at, W_DEPARTED) || let_go;
            let forward = same_word(word, "lost") || same_word(word, "fired") || let_go;
            if !backward && !forward {
                continue;
            }
            if same_word(word, "left") && self.is(at + 1, W_NOT_DEPARTED) {
                continue;
            }
            let verb_end = if let_go { at + 1 } else { at };
            let sentence = self.sentence(at);
            let mut person = None;
            if backward {
                for j in (at.saturating_sub(5)..at).rev() {
                    if self.sentence(j) != sentence || self.is(j, W_SELF) {
                        break;
                    }
                    if self.is(j, W_STAFF) {
                        person = Some((j, verb_end));
                        break;
                    }
                }
            }
            if person.is_none() && forward {
                person = (verb_end + 1..self.tokens.len())
                    .take(4)
                    .take_while(|&j| self.sentence(j) == sentence)
                    .find(|&j| self.is(j, W_STAFF))
                    .map(|j| (at, j));
            }
            if let Some((first, last)) = person {
                if !self.negated(first) && !self.negated(at) {
                    self.push_with(SignalKind::RedFlag, first, last, false);
                }
            }
        }
    }

    /// "they cut the scope", "the title changed", "a lower level than discussed" are a
    /// downgrade; "they lowered the equity after the verbal" is a red flag.
    fn collect_downgrades(&mut self) {
        for at in 0..self.tokens.len() {
            let scope = self.is(at, W_SCOPE);
            if !scope && !self.is(at, W_COMP) {
                continue;
            }
            let sentence = self.sentence(at);
            let marked = self
                .tokens
                .iter()
                .any(|t| t.sentence == sentence && t.sets & W_CHANGE != 0);
            let lo = at.saturating_sub(4);
            let hi = (at + 4).min(self.tokens.len().saturating_sub(1));
            let shrink = (lo..=hi).filter(|&j| j != at).find(|&j| {
                // An offer or a team that "changed" may be no worse; a scope that changed is.
                let changeable = scope && self.word(at) != "team";
                let shrank = self.is(j, W_SHRANK) && (changeable || self.word(j) != "changed");
                self.sentence(j) == sentence && (shrank || (marked && self.is(j, W_SMALLER)))
            });
            if let Some(j) = shrink {
                let (first, last) = (at.min(j), at.max(j));
                if !self.negated(first) {
                    let kind = if scope {
                        SignalKind::Downgrade
                    } else {
                        SignalKind::RedFlag
                    };
                    self.push_with(kind, first, last, false);
                }
            }
        }
    }

    /// "my friend got a higher offer", "a colleague makes more": one of your peers and a word
    /// about pay in the same sentence.
    fn collect_comparisons(&mut self) {
        for at in 0..self.tokens.len() {
            if !self.is(at, W_PEER) {
                continue;
            }
            let sentence = self.sentence(at);
            let lo = at.saturating_sub(8);
            let hi = (at + 8).min(self.tokens.len().saturating_sub(1));
            // "my friend's offer", or the nearest word about pay.
            let pay = if self.word(at).ends_with("'s") && self.is(at + 1, W_PAY_NOUN) {
                Some(at + 1)
            } else {
                (lo..=hi)
                    .filter(|&j| j != at && self.sentence(j) == sentence && self.is_pay(j))
                    .min_by_key(|&j| j.abs_diff(at))
            };
            if let Some(j) = pay {
                // Quote the whole "makes more", "got a higher offer", not just the first word.
                let mut last = at.max(j);
                while j > at
                    && last + 1 < self.tokens.len()
                    && self.sentence(last + 1) == sentence
                    && (self.is_pay(last + 1) || self.is(last + 1, W_PAY_NOUN))
                {
                    last += 1;
                }
                self.push_with(SignalKind::Comparison, at.min(j), last, false);
            }
        }
    }

    /// "more", "earns", "a bigger package", "400k", "$30,000".
    fn is_pay(&self, at: usize) -> bool {
        let word = self.word(at);
        let money = word.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && (word.ends_with('k') || word.ends_with('m') || !self.bare(at));
        money || self.is(at, W_PAY) || (self.is(at, W_BIGGER) && self.is(at + 1, W_PAY_NOUN))
    }

    /// Bare numbers that count something they did ("four exits", "two leads"), not amounts,
    /// durations or your own interviews.
    fn collect_numbers(&mut self) {
        let mut covered = vec![false; self.tokens.len()];
        for hit in &self.hits {
            for slot in covered.iter_mut().take(hit.last + 1).skip(hit.first) {
                *slot = true;
            }
        }
        for (at, _) in covered.iter().enumerate().filter(|(_, &c)| !c) {
            let word = self.word(at);
            let counts = if word.bytes().all(|b| b.is_ascii_digit()) && !word.is_empty() {
                word.len() <= 3 && word.parse::<u32>().is_ok_and(|n| n >= 2) && self.bare(at)
            } else {
                self.is(at, W_COUNT)
            };
            if counts && !self.is(at + 1, W_NOT_COUNTED | W_UNIT) && self.about_them(at) {
                self.push_with(SignalKind::Count, at, at, false);
            }
        }
    }

    /// A digit run that is not part of an amount: no currency sign before it, no `%`, no
    /// thousands separator or decimal point around it.
    fn bare(&self, at: usize) -> bool {
        let Some(t) = self.tokens.get(at) else {
            return false;
        };
        let before = self.text.get(..t.start).unwrap_or("");
        let after = self.text.get(t.end..).unwrap_or("");
        let mut back = before.chars().rev();
        let prev = back.next();
        let prev2 = back.next();
        let mut ahead = after.chars();
        let next = ahead.next();
        let next2 = ahead.next();
        let money_sign = prev.is_some_and(|c| matches!(c, '$' | '\u{20ac}' | '\u{a3}' | '\u{a5}'));
        let grouped_before =
            prev.is_some_and(|c| c == ',' || c == '.') && prev2.is_some_and(|c| c.is_ascii_digit());
        let grouped_after =
            next.is_some_and(|c| c == ',' || c == '.') && next2.is_some_and(|c| c.is_ascii_digit());
        let percent = next == Some('%');
        !(money_sign || grouped_before || grouped_after || percent)
    }

    /// "because the hiring manager dodged…": the clause from the connector to the end of the
    /// sentence (or a "but"). It is evidence when it names them and no feeling, wish, guess,
    /// comparison or slowness.
    fn collect_because(&mut self) {
        for at in 0..self.tokens.len() {
            let word = self.word(at);
            let after_apostrophe = self
                .tokens
                .get(at)
                .and_then(|t| self.text.get(..t.start))
                .and_then(|before| before.chars().next_back())
                .is_some_and(is_apostrophe);
            let connector = self.is(at, W_CONNECTOR)
                || (same_word(word, "cause") && after_apostrophe)
                || (same_word(word, "due") && same_word(self.word(at + 1), "to"))
                || (same_word(word, "given") && same_word(self.word(at + 1), "that"))
                || (same_word(word, "since") && self.is(at + 1, W_THEM));
            if !connector {
                continue;
            }
            let sentence = self.sentence(at);
            let mut last = at;
            for j in at + 1..self.tokens.len() {
                if self.sentence(j) != sentence || same_word(self.word(j), "but") {
                    break;
                }
                last = j;
            }
            if last == at {
                continue;
            }
            let names_them = (at + 1..=last).any(|j| self.is(j, W_THEM));
            let muddied = self.hits.iter().any(|h| {
                h.first > at
                    && h.last <= last
                    && matches!(
                        h.cue,
                        Cue::Fatigue
                            | Cue::Affect
                            | Cue::Gut
                            | Cue::Wish
                            | Cue::Speculation
                            | Cue::Comparison
                            | Cue::Slow
                    )
            });
            self.push_with(SignalKind::Because, at, last, names_them && !muddied);
        }
    }

    fn of(&self, kind: SignalKind) -> impl Iterator<Item = &Found> {
        self.found.iter().filter(move |f| f.kind == kind)
    }

    fn has(&self, kind: SignalKind) -> bool {
        self.of(kind).next().is_some()
    }

    /// Precedence, first rule that applies wins, so one sentence can say why:
    ///
    /// 1. Named facts, in the article's order: below the floor, pushback on every ask, a scope
    ///    downgrade, a red flag. They win over anything else in the line, so "I'm anxious
    ///    because they had layoffs" is a red flag, not a feeling.
    /// 2. A strong observation about them ("vague", "dodged", "wouldn't say", "refused",
    ///    "cancelled") makes it an articulated gut signal, whatever feeling comes with it.
    /// 3. With no comparison, wish, guess or slowness in the line: a gut word or a fearful
    ///    feeling backed by a count, a report ("told me") or a "because" naming them — or a
    ///    report with a count ("told me three times") — is an articulated gut signal too.
    ///    Fatigue ("tired", "exhausted after 14 interviews") is about you: only 1 and 2 lift it.
    /// 4. Comparison, 5. wish, 6. speculation, 7. slow process: the most specific
    ///    reasons-that-feel-like-reasons, each with its own advice.
    /// 8. A gut word with nothing behind it. 9. A feeling. 10. Otherwise unclassified.
    fn decide(&self) -> Classification {
        use ReasonClass as C;
        use SignalKind as K;

        let facts = [
            (K::FloorFact, C::BelowFloor),
            (K::Pushback, C::Pushback),
            (K::Downgrade, C::ScopeDowngrade),
            (K::RedFlag, C::RedFlag),
        ];
        for (kind, class) in facts {
            let deciders: Vec<&Found> = self.of(kind).collect();
            if deciders.is_empty() {
                continue;
            }
            let mut decided: Vec<&Found> = deciders.clone();
            if class == C::RedFlag {
                // "layoffs twice this year", "four exits": the count is part of the flag.
                decided.extend(
                    self.of(K::Count)
                        .filter(|c| deciders.iter().any(|d| d.sentence == c.sentence)),
                );
            }
            return verdict(class, decided);
        }

        let gut: Vec<&Found> = self.of(K::Gut).collect();
        let affect = self.of(K::Feeling).any(|f| !f.fatigue);
        let strong: Vec<&Found> = self.of(K::Observation).filter(|o| o.strong).collect();
        let weak: Vec<&Found> = self.of(K::Observation).filter(|o| !o.strong).collect();
        let counts: Vec<&Found> = self.of(K::Count).collect();
        let because: Vec<&Found> = self.of(K::Because).filter(|b| b.strong).collect();
        // The "because …" clause is quoted only when nothing sharper inside it decides.
        let evidence = || {
            let mut all = gut.clone();
            all.extend(strong.iter().chain(&weak).chain(&counts));
            if all.len() == gut.len() {
                all.extend(&because);
            }
            all
        };

        if !strong.is_empty() {
            return verdict(C::ArticulatedGut, evidence());
        }
        let competing = [K::Comparison, K::Wish, K::Speculation, K::SlowProcess]
            .iter()
            .any(|&k| self.has(k));
        if !competing {
            let backed = !weak.is_empty() || !counts.is_empty() || !because.is_empty();
            let reported_count = !weak.is_empty() && !counts.is_empty();
            if ((!gut.is_empty() || affect) && backed) || reported_count {
                return verdict(C::ArticulatedGut, evidence());
            }
        }

        let flagged = [
            (K::Comparison, C::Comparison),
            (K::Wish, C::WishNotFloor),
            (K::Speculation, C::Speculative),
            (K::SlowProcess, C::SlowProcess),
            (K::Gut, C::UnarticulatedGut),
            (K::Feeling, C::Feeling),
        ];
        for (kind, class) in flagged {
            let deciders: Vec<&Found> = self.of(kind).collect();
            if !deciders.is_empty() {
                return verdict(class, deciders);
            }
        }
        verdict(C::Unclassified, Vec::new())
    }
}

fn verdict(class: ReasonClass, mut found: Vec<&Found>) -> Classification {
    found.sort_by_key(|f| (f.span.start, f.span.end));
    found.dedup_by(|a, b| a.span == b.span && a.kind == b.kind);
    Classification {
        class,
        decided_by: found
            .into_iter()
            .map(|f| Signal {
                span: f.span.clone(),
                kind: f.kind,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReasonClass as C;

    /// Every line must classify as `class`; all failures are reported together.
    fn all_are(class: ReasonClass, lines: &[&str]) {
        let wrong: Vec<String> = lines
            .iter()
            .map(|line| (line, classify(line)))
            .filter(|(_, got)| got.class != class)
            .map(|(line, got)| format!("  {line:?} → {:?}: {}", got.class, got.explain(line)))
            .collect();
        assert!(
            wrong.is_empty(),
            "expected {class:?}:\n{}",
            wrong.join("\n")
        );
    }

    /// No line may classify as `class`; each says what it should be instead.
    fn none_are(class: ReasonClass, lines: &[(&str, ReasonClass)]) {
        let wrong: Vec<String> = lines
            .iter()
            .map(|(line, want)| (line, want, classify(line)))
            .filter(|(_, want, got)| got.class == class || got.class != **want)
            .map(|(line, want, got)| {
                format!(
                    "  {line:?} → {:?} (want {want:?}): {}",
                    got.class,
                    got.explain(line)
                )
            })
            .collect();
        assert!(wrong.is_empty(), "not {class:?}:\n{}", wrong.join("\n"));
    }

    fn signal_text(line: &str, kind: SignalKind) -> Vec<&str> {
        classify(line)
            .decided_by
            .iter()
            .filter(|s| s.kind == kind)
            .filter_map(|s| line.get(s.span.clone()))
            .collect()
    }

    // --- feeling-not-reason ----------------------------------------------------------------

    #[test]
    fn feelings_are_not_reasons() {
        all_are(
            C::Feeling,
            &[
                "I'm tired of interviewing and want it to be over",
                "I'm so tired of all of this and I just want it to be over",
                "honestly I'm exhausted after 14 interviews",
                "I'm tired because I've been interviewing for months",
                "I'm anxious about the whole thing",
                "scared I'll regret it",
                "fed up with the back and forth",
                "I just feel like this isn't it",
                "burned out from the search, I want this done",
                "I’m sick of all this and can’t sleep",
                "I'm scared and honestly exhausted, I just want this to be over",
                "Ich bin müde — tired of this",
                "I'M SO DONE WITH INTERVIEWING",
                "I'm worried the company might not survive",
                "I'm done.",
            ],
        );
    }

    #[test]
    fn real_reasons_that_contain_a_feeling_are_not_feelings() {
        none_are(
            C::Feeling,
            &[
                (
                    "I'm anxious because they had layoffs twice this year",
                    C::RedFlag,
                ),
                (
                    "I'm scared because the CTO and two leads left last month",
                    C::RedFlag,
                ),
                (
                    "I'm nervous, it's 6% below my floor after two counters",
                    C::BelowFloor,
                ),
                (
                    "fed up: they pushed back on every reasonable ask",
                    C::Pushback,
                ),
                (
                    "I'm not tired, the scope was cut in half",
                    C::ScopeDowngrade,
                ),
                (
                    "I'm worried because the hiring manager couldn't explain who I'd report to",
                    C::ArticulatedGut,
                ),
                (
                    "I'm tired of the recruiter dodging every question about equity",
                    C::ArticulatedGut,
                ),
                (
                    "anxious because the recruiter told me three times the budget was frozen",
                    C::ArticulatedGut,
                ),
                ("the team is great and the role is strong", C::Unclassified),
            ],
        );
    }

    // --- wish-not-floor --------------------------------------------------------------------

    #[test]
    fn wishes_are_not_floors() {
        all_are(
            C::WishNotFloor,
            &[
                "it's 5% under my number",
                "it's well under what I wanted",
                "less than I hoped for, but above my floor",
                "$10k below my wish number",
                "not quite what I was hoping for",
                "they lowballed me",
                "it's under my target and I'm fed up",
                "it's still under what I wanted, about 12% under my number",
                "I think I deserve more than this",
                "it's still a little under my number",
            ],
        );
    }

    #[test]
    fn floors_and_facts_are_not_wishes() {
        none_are(
            C::WishNotFloor,
            &[
                ("it's $12k under my floor", C::BelowFloor),
                ("below my minimum, which is also my wish", C::BelowFloor),
                (
                    "under my number and they pushed back on every ask",
                    C::Pushback,
                ),
                ("the number is fine, the scope was cut", C::ScopeDowngrade),
                (
                    "under what I wanted, and the CTO quit last week",
                    C::RedFlag,
                ),
                ("my friend makes more than I would there", C::Comparison),
                ("I wanted to work on robotics", C::Unclassified),
                ("more meetings than I'd like", C::Unclassified),
            ],
        );
    }

    // --- speculative-reason ----------------------------------------------------------------

    #[test]
    fn guesses_about_other_offers_are_speculative() {
        all_are(
            C::Speculative,
            &[
                "a different company might pay more in three months",
                "maybe another company will pay more",
                "somewhere else might pay more, maybe in three months once budgets reset",
                "I could get more elsewhere if I wait",
                "there's probably something better out there",
                "Globex may offer a staff role next quarter",
                "if I hold out I'll find a better offer",
                "what if a bigger offer comes along in a few weeks",
                "I'm tired and I feel like another company might pay more",
            ],
        );
    }

    #[test]
    fn facts_and_offers_in_hand_are_not_speculative() {
        none_are(
            C::Speculative,
            &[
                (
                    "they announced a layoff round three months ago and the team has lost two people since",
                    C::RedFlag,
                ),
                ("there might be layoffs next year", C::RedFlag),
                ("my friend at another company makes more", C::Comparison),
                ("another offer in hand pays $20k more", C::Unclassified),
                ("the recruiter refused every ask, maybe on purpose", C::Pushback),
                ("it's under my floor and may stay there", C::BelowFloor),
                ("I'm tired of waiting", C::Feeling),
                ("the recruiter asked me to start in three months", C::Unclassified),
                ("they're exploding the offer in 48 hours", C::ArticulatedGut),
            ],
        );
    }

    // --- comparison-reason -----------------------------------------------------------------

    #[test]
    fn someone_elses_pay_is_a_comparison() {
        all_are(
            C::Comparison,
            &[
                "my friend got a higher offer at a competitor for the same level",
                "a colleague makes more",
                "a colleague from my last job makes more at a smaller company",
                "my former coworker earns $30k more doing the same job",
                "levels.fyi says the band is higher elsewhere",
                "everyone I know in fintech is paid more",
                "it's below market rate for Staff",
                "my friend says Globex pays more",
                "I'm annoyed my brother got a bigger package",
                "my buddy at Google gets 400k",
                "friend's offer > mine",
            ],
        );
    }

    #[test]
    fn friends_who_report_facts_are_not_comparisons() {
        none_are(
            C::Comparison,
            &[
                (
                    "a former colleague who works there told me three people left that team since January",
                    C::RedFlag,
                ),
                (
                    "my friend who works there said the manager was vague about the roadmap three times",
                    C::ArticulatedGut,
                ),
                ("my colleague got laid off there last month", C::RedFlag),
                ("my friend referred me and I'm tired of the process", C::Feeling),
                ("the team makes more money from consulting than product", C::Unclassified),
                (
                    "Contoso is €12.000 more in base, in writing, for the role I actually asked for",
                    C::Unclassified,
                ),
                ("my friend's offer there fell through after their layoffs", C::RedFlag),
            ],
        );
    }

    // --- slow-process-reason ---------------------------------------------------------------

    #[test]
    fn slow_processes_are_flagged() {
        all_are(
            C::SlowProcess,
            &[
                "the process was slow",
                "the process was slow, every round got rescheduled",
                "the process was slow, five rounds spread over seven weeks",
                "it took them six weeks to send the offer",
                "they ghosted me for two weeks after the final round",
                "the whole thing dragged on for months",
                "interviews kept getting postponed",
                "so much red tape and bureaucracy",
                "I'm tired of waiting on them, the process is endless",
            ],
        );
    }

    #[test]
    fn slowness_next_to_a_real_reason_is_not_the_reason() {
        none_are(
            C::SlowProcess,
            &[
                ("the process was slow but they also had layoffs", C::RedFlag),
                ("the process wasn't slow at all", C::Unclassified),
                ("slow process, and the scope was cut at the last round", C::ScopeDowngrade),
                (
                    "the process was slow and the hiring manager contradicted himself about remote twice",
                    C::ArticulatedGut,
                ),
                ("I'm exhausted from the interviews", C::Feeling),
                ("the process was fast but my gut says no", C::UnarticulatedGut),
                ("my friend's process was slow but she makes more", C::Comparison),
            ],
        );
    }

    // --- unarticulated-gut -----------------------------------------------------------------

    #[test]
    fn gut_words_without_evidence_are_unarticulated() {
        all_are(
            C::UnarticulatedGut,
            &[
                "something feels off and my gut says no",
                "gut",
                "bad feeling about this one",
                "just a weird vibe from the team",
                "my gut is screaming no",
                "something isn't right, I can't put my finger on it",
                "I have a bad feeling because I don't know",
                "my gut says walk because something feels off",
                "I don't trust them",
                "lots of red flags in the interviews",
                "I'm anxious and my gut says no",
                "I don't feel good about it",
            ],
        );
    }

    #[test]
    fn gut_words_with_evidence_are_not_unarticulated() {
        none_are(
            C::UnarticulatedGut,
            &[
                (
                    "my gut says no because the hiring manager dodged my question about on-call twice",
                    C::ArticulatedGut,
                ),
                (
                    "my gut says no because Chris couldn't name one project for Q1 when I asked him twice",
                    C::ArticulatedGut,
                ),
                ("bad feeling: the team had four exits this year", C::RedFlag),
                (
                    "gut says no, the recruiter told me three times the budget is tight",
                    C::ArticulatedGut,
                ),
                ("no red flags, I'm just tired", C::Feeling),
                ("gut feeling that a different company might pay more", C::Speculative),
                (
                    "something feels off — they wouldn't tell me who I'd report to",
                    C::ArticulatedGut,
                ),
                (
                    "the vibe was off because the manager checked his phone the whole interview",
                    C::ArticulatedGut,
                ),
                ("the gutter outside the office leaks", C::Unclassified),
            ],
        );
    }

    // --- real reasons ----------------------------------------------------------------------

    #[test]
    fn below_the_floor_is_real() {
        all_are(
            C::BelowFloor,
            &[
                "still $7k under my floor after two counters, and the second one didn't move",
                "it's under my floor and they haven't moved yet",
                "below my hard floor after the second counter",
                "$178k is below my minimum",
                "I can't pay rent on this base",
                "I'm anxious, it's 6% below my floor",
                "it's under my number and also under my floor",
            ],
        );
    }

    #[test]
    fn pushback_on_every_ask_is_real() {
        all_are(
            C::Pushback,
            &[
                "the recruiter pushed back on every reasonable ask",
                "they said no to everything I asked for",
                "they wouldn't budge on anything, not even PTO",
                "refused every request, even the small ones",
                "I'm frustrated: they pushed back on every single ask",
                "take it or leave it on every point",
                "the recruiter stonewalled me on equity and start date",
            ],
        );
    }

    #[test]
    fn a_scope_downgrade_is_real() {
        all_are(
            C::ScopeDowngrade,
            &[
                "the scope was downgraded between the second and final round, from owning the platform to maintaining two ETL jobs alone",
                "they down-leveled me from Staff to Senior after the final round",
                "the title changed from Staff to Senior",
                "scared or not, the hiring manager downgraded the role from Staff to Senior after the final round",
                "bait and switch: it's now a maintenance job",
                "they cut the scope in half after I said yes",
                "offered a lower level than we discussed",
                "I'm anxious writing this, but the scope was cut after I accepted",
            ],
        );
    }

    #[test]
    fn a_red_flag_is_real() {
        all_are(
            C::RedFlag,
            &[
                "I'm anxious because they had layoffs twice this year",
                "I'm scared because the CTO and two leads left last month",
                "the team I'd join had four exits this year",
                "they're being sued by former employees",
                "there's a hiring freeze and a reorg coming",
                "they missed payroll in March",
                "the company is under investigation",
                "half the team quit after the last round of cuts",
                "turnover on that team is brutal",
                "they lost their VP of engineering in May",
                "three engineers were let go the week I interviewed",
                "the manager made a sexist joke",
                "they lowered the equity after the verbal",
                "the startup only has 6 months of runway",
                "they have had 3 CEOs in 2 years",
            ],
        );
    }

    #[test]
    fn an_articulated_gut_signal_is_real() {
        all_are(
            C::ArticulatedGut,
            &[
                "the hiring manager was vague about the team's roadmap three times",
                "my gut says no because the hiring manager dodged my question about on-call twice",
                "my gut says no because Chris couldn't name one project for Q1 when I asked him twice",
                "I'm anxious because the manager wouldn't say who I'd report to",
                "bad feeling: the recruiter told me three different start dates",
                "they wouldn't put the bonus in writing",
                "the CEO contradicted the recruiter about remote work twice",
                "I'm worried because the interviewer cancelled on me three times",
                "my gut says no because the team seemed checked out",
                "bad feeling — the manager asked if I plan to have kids",
                "the interviewer showed up 20 minutes late and didn't apologize",
            ],
        );
    }

    #[test]
    fn lines_with_nothing_recognised_are_unclassified() {
        all_are(
            C::Unclassified,
            &[
                "",
                "   ",
                "the commute is ninety minutes each way on a good day",
                "I want to work on robotics",
                "the equity is illiquid",
                "they don't have a London office",
                "I'm not tired, not anxious, nothing like that",
                "the gutter outside the office leaks",
                "she retired tirelessly",
                "I have 6 months of runway so I can wait",
                "my floor is $190k and the base is $200k",
                "the manager left me hanging for a bit",
            ],
        );
    }

    // --- classes ---------------------------------------------------------------------------

    #[test]
    fn rule_codes_and_reality_split_the_classes() {
        let all = [
            C::Feeling,
            C::WishNotFloor,
            C::Speculative,
            C::Comparison,
            C::SlowProcess,
            C::UnarticulatedGut,
            C::BelowFloor,
            C::Pushback,
            C::ScopeDowngrade,
            C::RedFlag,
            C::ArticulatedGut,
            C::Unclassified,
        ];
        let codes: Vec<&str> = all.iter().filter_map(|c| c.rule_code()).collect();
        assert_eq!(
            codes,
            [
                "feeling-not-reason",
                "wish-not-floor",
                "speculative-reason",
                "comparison-reason",
                "slow-process-reason",
                "unarticulated-gut",
            ]
        );
        for class in all {
            assert!(
                !(class.is_real() && class.rule_code().is_some()),
                "{class:?}"
            );
            assert!(!class.label().is_empty(), "{class:?}");
        }
        let real = all.iter().filter(|c| c.is_real()).count();
        assert_eq!(real, 5);
        assert!(!C::Unclassified.is_real());
        assert_eq!(C::Feeling.label(), "a feeling, not a reason");
        assert_eq!(C::RedFlag.label(), "a red flag — a real reason");
    }

    // --- explain ---------------------------------------------------------------------------

    #[test]
    fn explain_says_the_red_flag_outranks_the_feeling() {
        let line = "I'm anxious because they had layoffs twice this year";
        let why = classify(line).explain(line);
        assert_eq!(
            why,
            "\"layoffs twice\" names a red flag, so \"anxious\" is context, not the reason \
             (a named fact outranks a feeling)"
        );
    }

    #[test]
    fn explain_quotes_the_observation_and_the_count() {
        let line = "the hiring manager was vague about the team's roadmap three times";
        let why = classify(line).explain(line);
        assert!(
            why.starts_with(
                "\"vague\" and \"three times\" are what they said or did, seen first-hand: \
                 a gut signal put into words is a real reason"
            ),
            "{why}"
        );
    }

    #[test]
    fn explain_says_what_backs_the_gut() {
        let line =
            "my gut says no because the hiring manager dodged my question about on-call twice";
        assert_eq!(
            classify(line).explain(line),
            "\"my gut says no\" is backed by \"dodged\" and \"twice\", what they said or did, \
             seen first-hand: a gut signal put into words is a real reason"
        );
        let line = "my gut says no because the team seemed checked out";
        let c = classify(line);
        assert_eq!(
            signal_text(line, SignalKind::Because),
            ["because the team seemed checked out"]
        );
        assert!(c.explain(line).starts_with(
            "\"my gut says no\" is backed by \"because the team seemed checked out\""
        ));
    }

    #[test]
    fn explain_quotes_the_departure_with_its_count() {
        let line = "I'm scared because the CTO and two leads left last month";
        let why = classify(line).explain(line);
        assert!(
            why.starts_with("\"two leads left\" names a red flag"),
            "{why}"
        );
        assert!(
            why.contains("so \"scared\" is context, not the reason"),
            "{why}"
        );
    }

    #[test]
    fn explain_names_the_feeling_and_why_it_is_not_enough() {
        let line = "I'm tired of interviewing and want it to be over";
        let why = classify(line).explain(line);
        assert_eq!(
            why,
            "\"tired\" and \"want it to be over\" are a feeling, not a reason: \
             the wrong thing to base a multi-year decision on"
        );
    }

    #[test]
    fn explain_says_which_flagged_reason_won() {
        let line = "I'm tired and a different company might pay more";
        let why = classify(line).explain(line);
        assert!(
            why.starts_with("\"a different company\" and \"might pay more\" are a guess"),
            "{why}"
        );
        assert!(
            why.ends_with("(a guess about the future outranks a feeling)"),
            "{why}"
        );
    }

    #[test]
    fn explain_quotes_the_wish_and_the_comparison() {
        let line = "it's 5% under my number";
        assert_eq!(
            classify(line).explain(line),
            "\"my number\" measures the offer against your wish: your wish number is not your floor"
        );
        let line = "a colleague makes more";
        assert!(classify(line)
            .explain(line)
            .starts_with("\"colleague makes more\" compares the offer"));
    }

    #[test]
    fn explain_asks_for_words_behind_an_unarticulated_gut() {
        let line = "something feels off and my gut says no";
        let why = classify(line).explain(line);
        assert!(
            why.starts_with("\"something feels off\" and \"my gut says no\" are a gut signal"),
            "{why}"
        );
        assert!(why.contains("put into words"), "{why}");
    }

    #[test]
    fn explain_of_an_unclassified_line_says_nothing_was_recognised() {
        let line = "I want to work on robotics";
        let why = classify(line).explain(line);
        assert!(why.starts_with("nothing here names"), "{why}");
    }

    #[test]
    fn the_feeling_is_not_among_the_deciders_of_a_red_flag() {
        let line = "I'm anxious because they had layoffs twice this year";
        let kinds: Vec<SignalKind> = classify(line).decided_by.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SignalKind::RedFlag, SignalKind::Count]);
    }

    // --- spans -----------------------------------------------------------------------------

    #[test]
    fn spans_are_byte_ranges_even_after_non_ascii_text() {
        let line = "Ich bin müde — tired of this";
        let c = classify(line);
        assert_eq!(c.class, C::Feeling);
        let start = line.find("tired").unwrap_or(usize::MAX);
        assert_eq!(c.decided_by[0].span, start..start + "tired".len());
        assert_eq!(signal_text(line, SignalKind::Feeling), ["tired"]);
    }

    #[test]
    fn spans_cover_curly_apostrophes_and_keep_the_user_s_spelling() {
        let line = "Ärger über alles — I’m fed up and I can’t take it anymore";
        assert_eq!(
            signal_text(line, SignalKind::Feeling),
            ["fed up", "can’t take it"]
        );
        let line = "they wouldn’t say who I’d report to";
        assert_eq!(signal_text(line, SignalKind::Observation), ["wouldn’t say"]);
    }

    #[test]
    fn spans_ignore_case() {
        let line = "LAYOFFS in Q3, and the CTO Left";
        assert_eq!(
            signal_text(line, SignalKind::RedFlag),
            ["LAYOFFS", "CTO Left"]
        );
    }

    #[test]
    fn spans_of_pairs_run_from_the_first_word_to_the_last() {
        let line = "the recruiter pushed back on every reasonable ask";
        assert_eq!(
            signal_text(line, SignalKind::Pushback),
            ["pushed back on every reasonable ask"]
        );
        let line = "they said the scope was cut";
        assert_eq!(signal_text(line, SignalKind::Downgrade), ["scope was cut"]);
        let line = "my friend got a higher offer";
        assert_eq!(
            signal_text(line, SignalKind::Comparison),
            ["friend got a higher offer"]
        );
    }

    #[test]
    fn whole_words_only() {
        for line in [
            "the gutter",
            "tiredless",
            "maybelline",
            "exitsign",
            "slowpoke",
        ] {
            assert_eq!(classify(line).class, C::Unclassified, "{line}");
        }
        assert_eq!(classify("gut's telling me no").class, C::UnarticulatedGut);
    }

    #[test]
    fn amounts_durations_and_your_own_interviews_are_not_counts() {
        for line in [
            "bad feeling, $172,000 is 5% off",
            "bad feeling after 14 interviews",
            "bad feeling, I've been looking for 6 months",
        ] {
            assert_eq!(classify(line).class, C::UnarticulatedGut, "{line}");
        }
    }

    #[test]
    fn negation_takes_back_a_fact_or_a_feeling() {
        assert_eq!(classify("no layoffs, I'm just tired").class, C::Feeling);
        assert_eq!(
            classify("they never pushed back on anything").class,
            C::Unclassified
        );
        assert_eq!(classify("nobody has left the team").class, C::Unclassified);
        assert_eq!(classify("I'm not anxious about it").class, C::Unclassified);
        assert_eq!(classify("not what I wanted").class, C::WishNotFloor);
    }

    #[test]
    fn a_long_line_is_classified_quickly() {
        let line = "I'm tired and anxious, the recruiter was vague three times, ".repeat(40);
        let started = std::time::Instant::now();
        let c = classify(&line);
        assert_eq!(c.class, C::ArticulatedGut);
        // Generous bound: a debug build on a slow CI machine, ~2,400 words.
        assert!(started.elapsed().as_millis() < 1_000);
    }
}
