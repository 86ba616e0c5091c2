//! The editor-intelligence requests, each a thin conversion between LSP and the core's
//! `present` and `actions` modules: hover, code actions, completion, symbols, semantic
//! tokens, inlay hints, folding, formatting, and the compare lens and command.

use super::{convert, Snapshot, State};
use crate::actions::fixes::{self, ActionKind};
use crate::actions::{format, Edit};
use crate::present::{compare, complete, hover, inlay, tokens};
use crate::syntax;
use crate::text::{Encoding, Span};
use std::collections::HashMap;
use tower_lsp::lsp_types::*;

pub const COMPARE_COMMAND: &str = "offer-notes.compare";

pub const TOKEN_TYPES: [SemanticTokenType; 6] = [
    SemanticTokenType::PROPERTY,
    SemanticTokenType::NUMBER,
    SemanticTokenType::REGEXP,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::CLASS,
    SemanticTokenType::STRING,
];

pub fn token_modifiers() -> Vec<SemanticTokenModifier> {
    vec![
        SemanticTokenModifier::DECLARATION,
        SemanticTokenModifier::new("real"),
        SemanticTokenModifier::new("feeling"),
    ]
}

fn range(s: &Snapshot, span: Span, e: Encoding) -> Range {
    convert::range(s.text(), s.index(), span, e)
}

fn offset(s: &Snapshot, p: Position, e: Encoding) -> usize {
    convert::offset(s.text(), s.index(), p, e)
}

fn text_edits(s: &Snapshot, edits: &[Edit], e: Encoding) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| TextEdit {
            range: range(s, edit.span, e),
            new_text: edit.new_text.clone(),
        })
        .collect()
}

pub fn hover(state: &State, params: HoverParams) -> Option<Hover> {
    let p = params.text_document_position_params;
    let s = state.snapshot(&p.text_document.uri)?;
    let e = state.encoding();
    let at = offset(&s, p.position, e);
    let (span, markdown) = hover::hover(s.text(), &s.report, at)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(range(&s, span, e)),
    })
}

pub fn code_actions(state: &State, params: CodeActionParams) -> Option<CodeActionResponse> {
    let uri = params.text_document.uri;
    let s = state.snapshot(&uri)?;
    let e = state.encoding();
    let span = Span::new(
        offset(&s, params.range.start, e),
        offset(&s, params.range.end, e),
    );
    let lsp_diagnostics =
        super::diagnostics::to_lsp(&uri, s.text(), s.index(), &s.report.diagnostics, e);
    let only = params.context.only.unwrap_or_default();
    let actions = fixes::actions(s.text(), &s.report, span)
        .into_iter()
        .filter_map(|a| {
            let kind = match a.kind {
                ActionKind::QuickFix | ActionKind::Draft => CodeActionKind::QUICKFIX,
                ActionKind::Source => CodeActionKind::new("source.normaliseMoney"),
            };
            if !only.is_empty() && !only.iter().any(|o| kind.as_str().starts_with(o.as_str())) {
                return None;
            }
            let changes = HashMap::from([(uri.clone(), text_edits(&s, &a.edits, e))]);
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: a.title,
                kind: Some(kind),
                diagnostics: a
                    .fixes
                    .and_then(|i| lsp_diagnostics.get(i).cloned())
                    .map(|d| vec![d]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }),
                is_preferred: a.preferred.then_some(true),
                ..Default::default()
            }))
        })
        .collect();
    Some(actions)
}

pub fn completion(state: &State, params: CompletionParams) -> Option<CompletionResponse> {
    let p = params.text_document_position;
    let s = state.snapshot(&p.text_document.uri)?;
    let e = state.encoding();
    let at = offset(&s, p.position, e);
    let line_start = s.text()[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &s.text()[line_start..at];
    let in_profile = s.report.journal.section_at(at) == 0;
    // inside a fenced block, nothing is a key
    let in_fence = syntax::lines(s.text())
        .iter()
        .any(|l| matches!(l.kind, syntax::LineKind::FenceBody) && l.span.start == line_start);
    if in_fence {
        return None;
    }
    let items = complete::complete(before, in_profile, s.report.analysis.today)
        .into_iter()
        .enumerate()
        .map(|(i, item)| CompletionItem {
            label: item.label,
            kind: Some(match item.kind {
                complete::ItemKind::Key => CompletionItemKind::PROPERTY,
                complete::ItemKind::Value => CompletionItemKind::ENUM_MEMBER,
                complete::ItemKind::Snippet => CompletionItemKind::SNIPPET,
                complete::ItemKind::RuleCode => CompletionItemKind::CONSTANT,
            }),
            detail: (!item.detail.is_empty()).then_some(item.detail),
            documentation: (!item.documentation.is_empty()).then_some({
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: item.documentation,
                })
            }),
            insert_text: Some(item.insert),
            insert_text_format: Some(if item.snippet {
                InsertTextFormat::SNIPPET
            } else {
                InsertTextFormat::PLAIN_TEXT
            }),
            sort_text: Some(format!("{i:03}")),
            ..Default::default()
        })
        .collect();
    Some(CompletionResponse::Array(items))
}

pub fn document_symbols(
    state: &State,
    params: DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let s = state.snapshot(&params.text_document.uri)?;
    let e = state.encoding();
    let mut symbols = Vec::new();
    for (i, section) in s.report.journal.sections.iter().enumerate() {
        let whole = Span::new(section.span.start, section.span.end.min(s.text().len()));
        let (name, selection, kind, detail) = match (&section.name, section.name_span) {
            (Some(name), Some(name_span)) => {
                let a = s.report.analysis.offer(i);
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
                (label, name_span, SymbolKind::CLASS, detail.join(" · "))
            }
            _ => {
                if whole.is_empty() || s.text()[whole.range()].trim().is_empty() {
                    continue;
                }
                let detail = section
                    .floor
                    .as_ref()
                    .map(|f| format!("floor {}", f.value.amount))
                    .unwrap_or_default();
                (
                    "Profile".to_string(),
                    Span::new(whole.start, whole.start),
                    SymbolKind::NAMESPACE,
                    detail,
                )
            }
        };
        let children: Vec<DocumentSymbol> = section
            .drafts
            .iter()
            .map(|d| {
                let end = d.close.unwrap_or(d.body).end;
                #[allow(deprecated)]
                DocumentSymbol {
                    name: format!("email {}", d.kind.name()),
                    detail: None,
                    kind: SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    range: range(&s, Span::new(d.open.start, end.max(d.open.end)), e),
                    selection_range: range(&s, d.open, e),
                    children: None,
                }
            })
            .collect();
        #[allow(deprecated)]
        symbols.push(DocumentSymbol {
            name,
            detail: (!detail.is_empty()).then_some(detail),
            kind,
            tags: None,
            deprecated: None,
            range: range(&s, whole, e),
            selection_range: range(&s, selection, e),
            children: (!children.is_empty()).then_some(children),
        });
    }
    Some(DocumentSymbolResponse::Nested(symbols))
}

pub fn semantic_tokens(
    state: &State,
    params: SemanticTokensParams,
) -> Option<SemanticTokensResult> {
    let s = state.snapshot(&params.text_document.uri)?;
    let e = state.encoding();
    let lines = syntax::lines(s.text());
    let mut data = Vec::new();
    let (mut last_line, mut last_col) = (0u32, 0u32);
    for t in tokens::tokens(s.text(), &lines) {
        let start = s.index().line_col(s.text(), t.span.start, e);
        let end = s.index().line_col(s.text(), t.span.end, e);
        if end.line != start.line || end.col <= start.col {
            continue;
        }
        let kind = tokens::TokenKind::ALL
            .iter()
            .position(|k| *k == t.kind)
            .unwrap_or(0) as u32;
        let mut modifiers = 0;
        if t.kind == tokens::TokenKind::Section {
            modifiers |= 1;
        }
        if t.modifiers.real {
            modifiers |= 2;
        }
        if t.modifiers.feeling {
            modifiers |= 4;
        }
        let delta_line = start.line - last_line;
        let delta_start = if delta_line == 0 {
            start.col - last_col
        } else {
            start.col
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.col - start.col,
            token_type: kind,
            token_modifiers_bitset: modifiers,
        });
        last_line = start.line;
        last_col = start.col;
    }
    Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data,
    }))
}

pub fn inlay_hints(state: &State, params: InlayHintParams) -> Option<Vec<InlayHint>> {
    let s = state.snapshot(&params.text_document.uri)?;
    let e = state.encoding();
    let from = offset(&s, params.range.start, e);
    let to = offset(&s, params.range.end, e);
    Some(
        inlay::hints(&s.report)
            .into_iter()
            .filter(|h| h.offset >= from && h.offset <= to)
            .map(|h| InlayHint {
                position: convert::position(s.text(), s.index(), h.offset, e),
                label: InlayHintLabel::String(h.label),
                kind: None,
                text_edits: None,
                tooltip: Some(InlayHintTooltip::String(h.tooltip)),
                padding_left: Some(true),
                padding_right: None,
                data: None,
            })
            .collect(),
    )
}

pub fn folding(state: &State, params: FoldingRangeParams) -> Option<Vec<FoldingRange>> {
    let s = state.snapshot(&params.text_document.uri)?;
    let e = state.encoding();
    let mut out = Vec::new();
    let last_content_line = |start: usize, end: usize| {
        let body = s.text()[start..end.min(s.text().len())].trim_end();
        s.index().line_col(s.text(), start + body.len(), e).line
    };
    for section in s.report.journal.sections.iter().filter(|x| !x.is_profile()) {
        let first = s.index().line_col(s.text(), section.span.start, e).line;
        let last = last_content_line(section.span.start, section.span.end);
        if last > first {
            out.push(FoldingRange {
                start_line: first,
                start_character: None,
                end_line: last,
                end_character: None,
                kind: Some(FoldingRangeKind::Region),
                collapsed_text: Some(section.display_name().to_string()),
            });
        }
        for d in &section.drafts {
            let first = s.index().line_col(s.text(), d.open.start, e).line;
            let last = s
                .index()
                .line_col(s.text(), d.close.unwrap_or(d.body).end, e)
                .line;
            if last > first {
                out.push(FoldingRange {
                    start_line: first,
                    start_character: None,
                    end_line: last,
                    end_character: None,
                    kind: Some(FoldingRangeKind::Region),
                    collapsed_text: Some(format!("email {}", d.kind.name())),
                });
            }
        }
    }
    Some(out)
}

pub fn formatting(state: &State, params: DocumentFormattingParams) -> Option<Vec<TextEdit>> {
    let s = state.snapshot(&params.text_document.uri)?;
    let e = state.encoding();
    let lines = syntax::lines(s.text());
    Some(text_edits(&s, &format::align(s.text(), &lines), e))
}

pub fn code_lens(state: &State, params: CodeLensParams) -> Option<Vec<CodeLens>> {
    let s = state.snapshot(&params.text_document.uri)?;
    let e = state.encoding();
    let offers = compare::rows(&s.report).len();
    if offers == 0 {
        return Some(Vec::new());
    }
    let at = s
        .report
        .journal
        .title
        .as_ref()
        .map_or(Span::new(0, 0), |t| t.line);
    let title = if offers == 1 {
        "Show the offer's numbers".to_string()
    } else {
        format!("Compare {offers} offers side by side")
    };
    Some(vec![CodeLens {
        range: range(&s, at, e),
        command: Some(Command {
            title,
            command: COMPARE_COMMAND.into(),
            arguments: Some(vec![serde_json::json!(params.text_document.uri)]),
        }),
        data: None,
    }])
}

/// `offer-notes.compare` with the document's URI: the comparison as a Markdown table.
pub fn compare_markdown(state: &State, uri: &Url) -> Option<String> {
    let s = state.snapshot(uri)?;
    let rows = compare::rows(&s.report);
    let title = s
        .report
        .journal
        .title
        .as_ref()
        .map_or("Your offers".to_string(), |t| t.value.clone());
    Some(format!("## {title}\n\n{}", compare::markdown(&rows)))
}
