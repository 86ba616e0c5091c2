//! From text to lines: each line of a journal is classified on its own (title, section
//! heading, fence, `key: value` entry, prose), so one malformed line never hides the rest.

use crate::text::Span;
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/offer.pest"]
pub(crate) struct OfferGrammar;

/// One line of the journal and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line's text, without its line break.
    pub span: Span,
    pub kind: LineKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    Prose,
    /// `#` to `######`; `text` is empty for a bare `##`.
    Heading {
        level: u8,
        text: Span,
    },
    /// An opening fence: ```` ```email decline ````.
    FenceOpen {
        info: Span,
    },
    /// A line inside a fenced block.
    FenceBody,
    FenceClose,
    /// `key: value`, with the date of `counter DATE:` / `decision DATE:` as `arg`.
    Entry {
        key: Span,
        arg: Option<Span>,
        value: Span,
    },
}

/// Split `text` into classified lines. Fenced blocks are tracked here so that a
/// `key: value` inside a draft email stays part of the email.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    let mut fences = Fences::default();
    for span in line_spans(text) {
        let line = span.of(text);
        let kind = fences.next(line, || classify(line, span));
        out.push(Line { span, kind });
    }
    out
}

/// Which lines (numbered from 0, as editors number them) sit in a fenced block, its fences
/// included: the lines whose meaning depends on the lines above them. Every other line is
/// read on its own ([`kind_of_line`]). One pass without the grammar: only a line that may
/// open a fence is looked at closely.
pub fn fenced_lines(text: &str) -> Vec<bool> {
    let mut out = Vec::with_capacity(text.len() / 32 + 1);
    let mut fences = Fences::default();
    for span in line_spans(text) {
        let line = span.of(text);
        let was_open = fences.is_open();
        // outside a fence only whether the line opens one matters here
        let kind = fences.next(line, || opens_fence(line, span).unwrap_or(LineKind::Prose));
        out.push(was_open || matches!(kind, LineKind::FenceOpen { .. }));
    }
    out
}

/// What a line outside a fenced block is, read on its own (spans relative to the line).
pub fn kind_of_line(line: &str) -> LineKind {
    classify(line, Span::new(0, line.len()))
}

/// The fence tracking of [`lines`], line by line: the one place that decides where a fenced
/// block opens and ends.
#[derive(Default)]
struct Fences {
    /// The open fence's marker byte and length.
    open: Option<(u8, usize)>,
}

impl Fences {
    fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// The next line's kind; `outside` classifies it when it is not inside a fence.
    fn next(&mut self, line: &str, outside: impl FnOnce() -> LineKind) -> LineKind {
        let kind = match self.open {
            Some((marker, len)) => {
                if closes_fence(line, marker, len) {
                    self.open = None;
                    LineKind::FenceClose
                } else if ends_fence(line) {
                    // A draft never spans sections: a heading ends a fence left open.
                    self.open = None;
                    outside()
                } else {
                    LineKind::FenceBody
                }
            }
            None => outside(),
        };
        if let LineKind::FenceOpen { .. } = kind {
            let trimmed = line.trim_start();
            let marker = trimmed.as_bytes()[0];
            let len = trimmed.bytes().take_while(|&b| b == marker).count();
            self.open = Some((marker, len));
        }
        kind
    }
}

/// The spans of every line, without line breaks (`\n`, `\r\n` or `\r`).
pub fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut i = start;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    let span = Span::new(start, i);
                    start = i + 1;
                    return Some(span);
                }
                b'\r' => {
                    let span = Span::new(start, i);
                    start = if bytes.get(i + 1) == Some(&b'\n') {
                        i + 2
                    } else {
                        i + 1
                    };
                    return Some(span);
                }
                _ => i += 1,
            }
        }
        done = true;
        // text that ends with a line break has no line after it (and a section's text alone
        // reads exactly as it does inside the whole document)
        (start < bytes.len()).then_some(Span::new(start, bytes.len()))
    })
}

fn closes_fence(line: &str, marker: u8, len: usize) -> bool {
    let trimmed = line.trim();
    let run = trimmed.bytes().take_while(|&b| b == marker).count();
    run >= len && run == trimmed.len() && line.len() - line.trim_start().len() <= 3
}

fn classify(line: &str, span: Span) -> LineKind {
    let trimmed = line.trim_start();
    let Some(first) = trimmed.bytes().next() else {
        return LineKind::Blank;
    };
    match first {
        b'#' => heading(line, span).unwrap_or(LineKind::Prose),
        b'`' | b'~' if trimmed.starts_with("```") || trimmed.starts_with("~~~") => {
            opens_fence(line, span).unwrap_or(LineKind::Prose)
        }
        // Cheap filter first: most journal lines are prose without a colon, or with one
        // after words that could never be a key.
        _ if may_be_entry(line) => entry(line, span).unwrap_or(LineKind::Prose),
        _ => LineKind::Prose,
    }
}

/// A necessary condition for the grammar's `entry`, checked by hand before pest is asked:
/// the text before the first colon holds only what a bullet, a key of one to three words
/// and a key argument are made of, in at most five words. (The entry's colon is always the
/// first one: none of those parts holds a colon.) A failed pest match builds an error
/// report, and prose with a colon was most of the cost of parsing a section.
fn may_be_entry(line: &str) -> bool {
    let Some(colon) = line.find(':') else {
        return false;
    };
    let head = &line[..colon];
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\u{A0}');
    head.chars().all(|c| {
        c.is_ascii_alphanumeric() || is_space(c) || matches!(c, '-' | '_' | '*' | '+' | '/' | '.')
    }) && head.split(is_space).filter(|w| !w.is_empty()).count() <= 5
}

/// The white space that may follow a heading's marks: space, tab or no-break space.
const HEADING_SPACE: [char; 3] = [' ', '\t', '\u{A0}'];

/// What opens a heading, decided here and nowhere else: one to six `#` at the very start of
/// the line, then white space (space, tab or no-break space) or the end of the line. `line`
/// may run on past its line break (`\n` and `\r` end it), so the incremental engine can ask
/// at a line start inside the whole text. Returns the heading's level.
pub fn heading_level(line: &str) -> Option<u8> {
    let marks = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&marks) {
        return None;
    }
    match line[marks..].chars().next() {
        None | Some('\n' | '\r') => Some(marks as u8),
        Some(c) if HEADING_SPACE.contains(&c) => Some(marks as u8),
        _ => None,
    }
}

/// Whether a line opens an offer section (`## Name`): the boundary of a section for the
/// model, the incremental engine, folding and symbols alike.
pub fn opens_section(line: &str) -> bool {
    heading_level(line) == Some(2)
}

/// A heading that ends a fence left open: a section (`##`) or a document title (`#`), so a
/// draft never spans sections and a section parses the same alone as in place.
fn ends_fence(line: &str) -> bool {
    matches!(heading_level(line), Some(1 | 2))
}

fn heading(line: &str, span: Span) -> Option<LineKind> {
    let level = heading_level(line)?;
    let marks = usize::from(level);
    // the text is the rest of the line, without surrounding white space
    let rest = &line[marks..];
    let lead = rest.len() - rest.trim_start().len();
    let start = span.start + marks + lead;
    Some(LineKind::Heading {
        level,
        text: Span::new(start, start + rest.trim().len()),
    })
}

/// A fence opening (```` ```email decline ````, `~~~`), or `None`.
fn opens_fence(line: &str, span: Span) -> Option<LineKind> {
    let trimmed = line.trim_start();
    if !(trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
        return None;
    }
    let pair = OfferGrammar::parse(Rule::fence, line).ok()?.next()?;
    let rest = &line[pair.as_span().end()..];
    let lead = rest.len() - rest.trim_start().len();
    let start = span.start + pair.as_span().end() + lead;
    Some(LineKind::FenceOpen {
        info: Span::new(start, start + rest.trim().len()),
    })
}

fn entry(line: &str, span: Span) -> Option<LineKind> {
    let pair = OfferGrammar::parse(Rule::entry, line).ok()?.next()?;
    let head_end = pair.as_span().end();
    let (mut key, mut arg) = (None, None);
    for part in pair.into_inner() {
        let at = span.within(part.as_span().start()..part.as_span().end());
        match part.as_rule() {
            Rule::key => key = Some(at),
            Rule::key_arg => arg = Some(at),
            _ => {}
        }
    }
    // the value is the rest of the line, without surrounding white space
    let rest = &line[head_end..];
    let lead = rest.len() - rest.trim_start().len();
    let start = span.start + head_end + lead;
    Some(LineKind::Entry {
        key: key?,
        arg,
        value: Span::new(start, start + rest.trim().len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        lines(text)
            .into_iter()
            .map(|l| match l.kind {
                LineKind::Entry { key, arg, value } => format!(
                    "entry {}|{}|{}",
                    key.of(text),
                    arg.map(|a| a.of(text)).unwrap_or(""),
                    value.of(text)
                ),
                LineKind::Heading { level, text: t } => format!("h{level} {}", t.of(text)),
                LineKind::FenceOpen { info } => format!("fence {}", info.of(text)),
                other => format!("{other:?}"),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_hand_filter_never_hides_an_entry(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "base", "Decision", "date", "counter", "2026-11-15", "1/2", "-", "*", "+",
                    " ", "\t", "\u{A0}", ":", "x_y", "k-9", "é", ",", "'", "$1", "", "a.b",
                ]),
                0..12,
            ),
        ) {
            let line: String = words.concat();
            if entry(&line, Span::new(0, line.len())).is_some() {
                proptest::prop_assert!(may_be_entry(&line), "{:?}", line);
            }
        }
    }

    #[test]
    fn prose_with_a_colon_after_many_words_is_prose() {
        let text = "Three rounds, a take-home and a panel: a lot.\nNote to self: ask.\n";
        assert_eq!(kinds(text), vec!["Prose", "entry Note to self||ask."]);
    }

    #[test]
    fn classifies_the_shapes_of_a_journal() {
        let text = "# Leaving Initech\r\nfloor: $190k base\n\nI keep going back and forth: it's hard.\n## Offer: Acme\n- counter 2026-11-15: asked $195k, got $178k  \n```email decline\nbase: not a key here\n```\n### Notes\n";
        assert_eq!(
            kinds(text),
            vec![
                "h1 Leaving Initech",
                "entry floor||$190k base",
                "Blank",
                "Prose",
                "h2 Offer: Acme",
                "entry counter|2026-11-15|asked $195k, got $178k",
                "fence email decline",
                "FenceBody",
                "FenceClose",
                "h3 Notes",
            ]
        );
    }

    #[test]
    fn an_unclosed_fence_ends_at_the_next_section() {
        let text = "## A\n```email\nHi\n## B\nbase: $1\n";
        let ks = kinds(text);
        assert_eq!(ks[3], "h2 B");
        assert_eq!(ks[4], "entry base||$1");
    }

    #[test]
    fn a_heading_is_marks_then_any_white_space_or_the_end() {
        for (line, level) in [
            ("## Acme", Some(2)),
            ("##\tAcme", Some(2)),
            ("##\u{A0}Acme", Some(2)),
            ("##", Some(2)),
            ("##\n", Some(2)),
            ("# Title", Some(1)),
            ("###### six", Some(6)),
            ("##Acme", None),
            ("####### seven", None),
            (" ## indented", None),
            ("", None),
        ] {
            assert_eq!(heading_level(line), level, "{line:?}");
        }
    }

    #[test]
    fn a_tab_heading_ends_an_open_fence_like_a_space_heading() {
        let text = "## A\n```email\nHi\n##\tB\nbase: $1\n";
        let ks = kinds(text);
        assert_eq!(ks[3], "h2 B");
        assert_eq!(ks[4], "entry base||$1");
    }

    #[test]
    fn hashtags_and_deep_marks_are_prose() {
        let text = "#hashtag\n####### seven\n";
        assert_eq!(kinds(text)[..2], ["Prose", "Prose"]);
    }
}
