//! The sentence hover shows under a `walk:` line: which words decided, what they amount to,
//! and which weaker words were only context.

use super::scan::{Found, Scan};
use super::{considered, Classification, Context, ReasonClass, Signal, SignalKind};
use std::ops::Range;

impl ReasonClass {
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
                "a real reason to walk once a second counter hasn't closed the gap",
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
            ReasonClass::SelfDoubt => w(
                "is",
                "are",
                "doubt about yourself, with no fact about the job behind it",
                "ask what you would tell a friend who said it",
                "self-doubt",
            ),
            ReasonClass::WrittenOffer => w(
                "is",
                "are",
                "a better offer with its number",
                "a firm number on the table is a real reason, not a comparison",
                "a named fact",
            ),
            ReasonClass::Unclassified => w("", "", "", "", "nothing"),
        }
    }
}

impl Classification {
    /// One sentence saying which words or facts decided, quoting them, e.g.
    /// `"layoffs" names a red flag, so "anxious" is context, not the reason`
    pub fn explain(&self, text: &str) -> String {
        self.explain_in(text, &Context::NONE)
    }

    /// [`explain`](Self::explain) with the context the line was classified in.
    pub fn explain_in(&self, text: &str, context: &Context) -> String {
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
        let scan = Scan::new(text, context);
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
