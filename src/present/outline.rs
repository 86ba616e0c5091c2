//! The journal's outline: the profile and each offer section with its drafts (document
//! symbols), and the regions an editor folds. Byte spans only; the server converts.

use crate::text::Span;
use crate::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Profile,
    Offer,
    Draft,
}

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    /// `$220,000/yr total · 6.3% below floor · live`; empty when there is nothing to say.
    pub detail: String,
    pub kind: SymbolKind,
    /// The whole section or draft.
    pub span: Span,
    /// What the editor selects: the offer's name, the draft's fence line.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// The profile (when it holds anything) and every offer section, in order.
pub fn symbols(text: &str, report: &Report) -> Vec<Symbol> {
    let mut out = Vec::new();
    for (i, section) in report.journal.sections.iter().enumerate() {
        let whole = Span::new(section.span.start, section.span.end.min(text.len()));
        let (name, selection, kind, detail) = match (&section.name, section.name_span) {
            (Some(name), Some(name_span)) => {
                let a = report.analysis.offer(i);
                let mut detail = Vec::new();
                if let Some(comp) = a.and_then(|a| a.comp) {
                    detail.push(format!("{}/yr total", comp.steady));
                }
                if let Some(gap) = a.and_then(|a| a.gap).filter(|g| g.is_below()) {
                    detail.push(format!("{} below floor", gap.percent_text()));
                }
                if let Some(status) = section.status() {
                    detail.push(status.name().to_string());
                }
                let label = if name.trim().is_empty() {
                    "(unnamed offer)".to_string()
                } else {
                    name.clone()
                };
                (label, name_span, SymbolKind::Offer, detail.join(" · "))
            }
            _ => {
                if whole.is_empty() || text[whole.range()].trim().is_empty() {
                    continue;
                }
                let detail = section
                    .floor
                    .as_ref()
                    .map(|f| format!("floor {}", f.value.amount))
                    .unwrap_or_default();
                let at = Span::new(whole.start, whole.start);
                ("Profile".to_string(), at, SymbolKind::Profile, detail)
            }
        };
        let children = section
            .drafts
            .iter()
            .map(|d| {
                let end = d.close.unwrap_or(d.body).end;
                Symbol {
                    name: format!("email {}", d.kind.name()),
                    detail: String::new(),
                    kind: SymbolKind::Draft,
                    span: Span::new(d.open.start, end.max(d.open.end)),
                    selection: d.open,
                    children: Vec::new(),
                }
            })
            .collect();
        out.push(Symbol {
            name,
            detail,
            kind,
            span: whole,
            selection,
            children,
        });
    }
    out
}

/// A region an editor can fold: from the line holding `start` to the line holding `end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fold {
    pub start: usize,
    /// The last byte of content (trailing blank lines stay unfolded).
    pub end: usize,
    /// What the folded region shows.
    pub collapsed: String,
}

/// Every offer section and every draft.
pub fn folds(text: &str, report: &Report) -> Vec<Fold> {
    let mut out = Vec::new();
    for section in report.journal.sections.iter().filter(|x| !x.is_profile()) {
        let end = section.span.end.min(text.len());
        let body = text[section.span.start.min(end)..end].trim_end();
        out.push(Fold {
            start: section.span.start,
            end: section.span.start + body.len(),
            collapsed: section.display_name().to_string(),
        });
        for d in &section.drafts {
            out.push(Fold {
                start: d.open.start,
                end: d.close.unwrap_or(d.body).end,
                collapsed: format!("email {}", d.kind.name()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Config};

    #[test]
    fn the_outline_is_the_profile_then_each_offer_with_its_drafts() {
        let text = "floor: $190k\n## Acme\nstatus: live\nbase: $180k\n```email decline\nHi\n```\n\n## Initech\n";
        let report = check(text, &Config::default());
        let names: Vec<(String, SymbolKind, usize)> = symbols(text, &report)
            .into_iter()
            .map(|s| (s.name, s.kind, s.children.len()))
            .collect();
        assert_eq!(
            names,
            [
                ("Profile".to_string(), SymbolKind::Profile, 0),
                ("Acme".to_string(), SymbolKind::Offer, 1),
                ("Initech".to_string(), SymbolKind::Offer, 0),
            ]
        );
        let folds = folds(text, &report);
        assert_eq!(folds[0].collapsed, "Acme");
        // the section folds up to its closing fence, not over the blank line after it
        assert_eq!(&text[folds[0].end - 3..folds[0].end], "```");
        assert_eq!(folds[1].collapsed, "email decline");
    }
}
