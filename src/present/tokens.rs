//! Semantic tokens: keys, amounts, dates, statuses and ratings, section names, and walk
//! reasons by class (real reasons and feelings look different).

use crate::analysis::reasons::{classify, ReasonClass};
use crate::model::keys::ValueKind;
use crate::model::Key;
use crate::syntax::LineKind;
use crate::text::Span;
use crate::Report;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `floor`, `base`, `counter` …
    Key,
    /// money, percents, durations, counts
    Amount,
    Date,
    /// statuses, ratings, verdicts, yes/no, basis
    Keyword,
    /// an offer section's name
    Section,
    /// the text of a `walk:` / `stay:` reason
    Reason,
}

impl TokenKind {
    pub const ALL: [TokenKind; 6] = [
        TokenKind::Key,
        TokenKind::Amount,
        TokenKind::Date,
        TokenKind::Keyword,
        TokenKind::Section,
        TokenKind::Reason,
    ];
}

/// Modifiers on a reason: what the classifier made of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    pub real: bool,
    pub feeling: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub modifiers: Modifiers,
}

/// Tokens in document order, never overlapping, each within one line. Walk reasons carry the
/// analysis' own classification (a reason is classified once, never again per request).
pub fn tokens(text: &str, report: &Report) -> Vec<Token> {
    let lines = report.lines(text);
    // each walk reason's class, and whether it holds up given the offer's counters
    let classified: HashMap<usize, (ReasonClass, bool)> = report
        .analysis
        .offers
        .iter()
        .flat_map(|a| {
            let section = &report.journal.sections[a.section];
            a.reasons.iter().filter_map(|(i, c)| {
                section.reasons.get(*i).map(|r| {
                    let real = c.class.is_real_after(a.situation.answered_counters);
                    (r.value_span.start, (c.class, real))
                })
            })
        })
        .collect();
    let mut out = Vec::new();
    let plain = |span, kind| Token {
        span,
        kind,
        modifiers: Modifiers::default(),
    };
    for line in lines {
        match line.kind {
            LineKind::Heading {
                level: 2,
                text: name,
            } if !name.is_empty() => out.push(plain(name, TokenKind::Section)),
            LineKind::Entry { key, arg, value } => {
                let Some(k) = Key::parse(key.of(text)) else {
                    continue;
                };
                out.push(plain(key, TokenKind::Key));
                if let Some(arg) = arg {
                    out.push(plain(arg, TokenKind::Date));
                }
                if value.is_empty() {
                    continue;
                }
                let kind = match k.kind() {
                    ValueKind::Money
                    | ValueKind::Target
                    | ValueKind::Percent
                    | ValueKind::Duration
                    | ValueKind::Bonus
                    | ValueKind::SignOn
                    | ValueKind::Equity
                    | ValueKind::Counter
                    | ValueKind::AnchorYears
                    | ValueKind::Refresher
                    | ValueKind::Burn
                    | ValueKind::RetirementMatch
                    | ValueKind::Plan
                    | ValueKind::ExchangeRate => TokenKind::Amount,
                    ValueKind::Date => TokenKind::Date,
                    ValueKind::Rating
                    | ValueKind::Status
                    | ValueKind::YesNo
                    | ValueKind::Decision
                    | ValueKind::Allow => TokenKind::Keyword,
                    ValueKind::Text if matches!(k, Key::Walk | Key::Stay) => TokenKind::Reason,
                    ValueKind::Text | ValueKind::Outcome => continue,
                };
                let mut modifiers = Modifiers::default();
                if k == Key::Walk {
                    // a walk line in the profile belongs to no offer: classified here alone
                    let (class, real) =
                        classified.get(&value.start).copied().unwrap_or_else(|| {
                            let class = classify(value.of(text)).class;
                            (class, class.is_real_after(0))
                        });
                    modifiers.real = real;
                    modifiers.feeling = class.only_feels_like_one();
                } else if k == Key::Stay {
                    modifiers.real = true;
                }
                out.push(Token {
                    span: value,
                    kind,
                    modifiers,
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_values_and_reasons_are_tokens_and_prose_is_not() {
        let text = "floor: $190k\nJust thinking: out loud.\n## Acme\nstatus: live\n- walk: I'm tired\ncounter 2026-11-15: asked $1, got $2\n";
        let report = crate::check(text, &crate::Config::default());
        let got: Vec<(String, TokenKind)> = tokens(text, &report)
            .into_iter()
            .map(|t| (t.span.of(text).to_string(), t.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("floor".into(), TokenKind::Key),
                ("$190k".into(), TokenKind::Amount),
                ("Acme".into(), TokenKind::Section),
                ("status".into(), TokenKind::Key),
                ("live".into(), TokenKind::Keyword),
                ("walk".into(), TokenKind::Key),
                ("I'm tired".into(), TokenKind::Reason),
                ("counter".into(), TokenKind::Key),
                ("2026-11-15".into(), TokenKind::Date),
                ("asked $1, got $2".into(), TokenKind::Amount),
            ]
        );
        let tired = tokens(text, &report)
            .into_iter()
            .find(|t| t.span.of(text) == "I'm tired")
            .map(|t| t.modifiers);
        assert_eq!(
            tired,
            Some(Modifiers {
                real: false,
                feeling: true
            })
        );
    }
}
