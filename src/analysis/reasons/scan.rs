//! The scan of one reason: phrases matched greedily, pairs of words checked in context, and
//! the precedence that turns what was found into one verdict.

use super::lexicon::{lexicon, Cue};
use super::words::*;
use super::{Classification, Context, ReasonClass, Signal, SignalKind};
use std::ops::Range;

mod families;

/// A matched phrase: tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Hit {
    cue: Cue,
    first: usize,
    last: usize,
}

/// A signal found in the text, with what the decision needs to know about it.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub(super) kind: SignalKind,
    pub(super) span: Range<usize>,
    sentence: u32,
    /// Observation: a strong one (something they did) rather than a report ("said").
    /// Because: the clause names them and no feeling, wish or guess.
    strong: bool,
    /// Feeling: fatigue with the search, which is about you, not them.
    fatigue: bool,
}

pub(super) struct Scan<'t> {
    text: &'t str,
    tokens: Vec<Token>,
    hits: Vec<Hit>,
    pub(super) found: Vec<Found>,
}

impl<'t> Scan<'t> {
    pub(super) fn new(text: &'t str, context: &Context) -> Self {
        let mut scan = Scan {
            text,
            tokens: tokenize(text),
            hits: Vec::new(),
            found: Vec::new(),
        };
        scan.name_people(context);
        scan.match_phrases();
        scan.join_what_if();
        scan.collect();
        scan
    }

    /// The people the section names are "them": each word of a name ("Dev", "Malhotra"), as
    /// written or as a possessive ("Dev's").
    fn name_people(&mut self, context: &Context) {
        // A name that is also a word the classifier knows ("Lead", "Will" is not one) counts
        // only when written with its capital.
        let names: Vec<(String, bool)> = context
            .people
            .iter()
            .flat_map(|person| tokenize(person))
            .map(|t| {
                let word = word_sets_of(&t.key) != 0;
                (t.key, word)
            })
            .filter(|(key, _)| key.chars().count() >= 2 && word_sets_of(key) & W_SELF == 0)
            .collect();
        if names.is_empty() {
            return;
        }
        for token in &mut self.tokens {
            let bare = token.key.strip_suffix("'s").unwrap_or(&token.key);
            if names
                .iter()
                .any(|(n, word)| n == bare && (token.capital || !word))
            {
                token.sets |= W_THEM | W_NAMED;
            }
        }
    }

    /// "what if" + "I fail", "what if I'm in over my head": the hedge belongs to the doubt,
    /// which is quoted whole rather than as a guess about another offer.
    fn join_what_if(&mut self) {
        let mut joined = Vec::with_capacity(self.hits.len());
        let mut at = 0;
        while at < self.hits.len() {
            let hit = self.hits[at];
            let next = self.hits.get(at + 1).copied();
            let what_if = hit.cue == Cue::Speculation
                && same_word(self.word(hit.first), "what")
                && hit.last == hit.first + 1;
            if let Some(doubt) = next.filter(|n| {
                what_if
                    && matches!(n.cue, Cue::SelfDoubt | Cue::Imposter)
                    && n.first <= hit.last + 3
                    && (hit.last + 1..n.first).all(|j| self.is(j, W_SELF))
            }) {
                joined.push(Hit {
                    cue: doubt.cue,
                    first: hit.first,
                    last: doubt.last,
                });
                at += 2;
                continue;
            }
            joined.push(hit);
            at += 1;
        }
        self.hits = joined;
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
            // an amount is quoted with its currency sign: "$185k", not "185k"
            (Some(a), Some(b)) => {
                let sign = self.text.get(..a.start).and_then(|t| t.chars().next_back());
                let start = match sign {
                    Some(c @ ('$' | '\u{20ac}' | '\u{a3}' | '\u{a5}')) => a.start - c.len_utf8(),
                    _ => a.start,
                };
                start..b.end
            }
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

    /// The person the section names who starts the clause before `at` ("Dev pushed back"),
    /// so the quote shows who did it.
    fn named_before(&self, at: usize) -> Option<usize> {
        let clause = self.clause(at);
        (at.saturating_sub(4)..at)
            .rev()
            .take_while(|&j| self.clause(j) == clause)
            .take_while(|&j| !self.is(j, W_SELF))
            .filter(|&j| self.is(j, W_NAMED))
            .last()
    }

    /// "a flat no from Dev", "turned down by the recruiter": they are named right after.
    fn by_them(&self, last: usize) -> bool {
        let clause = self.clause(last);
        matches!(self.word(last + 1), "from" | "by")
            && (last + 2..last + 5).any(|j| self.clause(j) == clause && self.is(j, W_THEM))
    }

    /// Whether you are in the clause before `at` (or the words `first..=last` name you).
    fn about_you(&self, first: usize, last: usize) -> bool {
        let clause = self.clause(first);
        (first..=last).any(|j| self.is(j, W_SELF))
            || (first.saturating_sub(5)..first)
                .rev()
                .take_while(|&j| self.clause(j) == clause)
                .any(|j| self.is(j, W_SELF))
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
        self.collect_interviewed_for();
        self.collect_from_to();
        self.collect_floor_family();
        self.collect_comparisons();
        self.collect_offer_facts();
        self.collect_named_comparisons();
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
            Cue::SelfDoubt => {
                if self.about_you(first, last) {
                    self.push_with(SignalKind::SelfDoubt, first, last, false);
                }
                return;
            }
            Cue::Imposter => {
                self.push_with(SignalKind::SelfDoubt, first, last, false);
                return;
            }
            Cue::PushVerb => {
                if !negated && (about_them || self.by_them(last)) {
                    if let Some((from, end)) = self.every_ask(first, last) {
                        let who = self.named_before(from).unwrap_or(from);
                        self.push_with(SignalKind::Pushback, who, end, true);
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
        if cue == Cue::Wish && self.object_of_a_feeling(first) {
            return;
        }
        self.push_with(kind, first, last, false);
        if cue == Cue::Fatigue {
            if let Some(f) = self.found.last_mut() {
                f.fatigue = true;
            }
        }
    }

    /// "fed up with lowball numbers": a wish that is only what a feeling is about, so the
    /// feeling is the reason given.
    fn object_of_a_feeling(&self, first: usize) -> bool {
        let clause = self.clause(first);
        self.hits.iter().any(|h| {
            matches!(h.cue, Cue::Fatigue | Cue::Affect)
                && h.last < first
                && first - h.last <= 4
                && self.clause(h.last) == clause
                && matches!(self.word(h.last + 1), "with" | "of" | "about" | "by")
        })
    }

    /// A pushing-back verb that covers every ask, as one family: "pushed back on every
    /// reasonable ask", "every request I made, Dev shot down", a list of asks refused
    /// ("refused the relocation, the PTO bump and the title"), or two refusals in one sentence
    /// ("rejected the start date, after saying no to the base"). The tokens to quote.
    fn every_ask(&self, first: usize, last: usize) -> Option<(usize, usize)> {
        if let Some(end) = self.quantified(first, last) {
            return Some((first, end));
        }
        let sentence = self.sentence_of(first);
        // "every request I made, …": a quantified ask before the verb
        let before = (sentence.start.max(first.saturating_sub(8))..first).find(|&q| {
            self.is(q, W_QUANTIFIER) && (q + 1..q + 4).any(|j| j < first && self.is(j, W_ASK))
        });
        if let Some(q) = before {
            return Some((q, last));
        }
        let later = self
            .hits
            .iter()
            .rev()
            .find(|h| h.cue == Cue::PushVerb && h.first > last && h.last < sentence.end)
            .map(|h| h.last);
        if let Some(end) = later {
            return Some((first, end));
        }
        let joints: Vec<usize> = (last + 1..sentence.end)
            .filter(|&j| self.tokens[j].punct_before || same_word(self.word(j), "and"))
            .collect();
        (joints.len() >= 2).then(|| (first, sentence.end - 1))
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
            // "not the Staff title we discussed": a scope denied against what was agreed
            let denied = scope
                && marked
                && (at.saturating_sub(3)..at).any(|j| same_word(self.word(j), "not"));
            if denied && shrink.is_none() {
                let not = (at.saturating_sub(3)..at)
                    .find(|&j| same_word(self.word(j), "not"))
                    .unwrap_or(at);
                self.push_with(SignalKind::Downgrade, not, at, false);
                continue;
            }
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
    pub(super) fn decide(&self) -> Classification {
        use ReasonClass as C;
        use SignalKind as K;

        let facts = [
            (K::FloorFact, C::BelowFloor),
            (K::Pushback, C::Pushback),
            (K::Downgrade, C::ScopeDowngrade),
            (K::RedFlag, C::RedFlag),
            (K::OfferFact, C::WrittenOffer),
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
        // Self-doubt says nothing about the job: with no fact and nothing they did, it decides,
        // ahead of the guess in "what if I fail" and the feeling in "I feel like a fraud".
        let doubt: Vec<&Found> = self.of(K::SelfDoubt).collect();
        if !doubt.is_empty() {
            return verdict(C::SelfDoubt, doubt);
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
