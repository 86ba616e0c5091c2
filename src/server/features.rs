//! The editor-intelligence requests, each a thin conversion between LSP and the core's
//! `present` and `actions` modules: hover, code actions, completion, symbols, semantic
//! tokens, inlay hints, folding, formatting, and the compare lens and command.

use super::{convert, Snapshot, State};
use crate::actions::fixes::{self, ActionKind};
use crate::actions::{format, Edit};
use crate::present::{compare, complete, hover, inlay, outline, tokens};
use crate::syntax;
use crate::text::{Encoding, Span};
use std::collections::HashMap;
use tower_lsp_server::ls_types::*;

pub const COMPARE_COMMAND: &str = "offer-notes.compare";
/// `workspace/executeCommand` with the document's URI: the decision report as one HTML page.
pub const REPORT_COMMAND: &str = "offer-notes.report";

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
            value: literal_dollars(&markdown),
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
    let lsp_diagnostics = super::diagnostics::to_lsp(&uri, s.text(), &s.report.diagnostics, e);
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
    let journal = &s.report.journal;
    let in_profile = journal.sections[journal.section_at(at)].is_profile();
    // inside a fenced block, nothing is a key
    let in_fence = s
        .report
        .lines(s.text())
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
    let symbols = outline::symbols(s.text(), &s.report);
    Some(DocumentSymbolResponse::Nested(
        symbols.into_iter().map(|x| symbol(&s, x, e)).collect(),
    ))
}

fn symbol(s: &Snapshot, x: outline::Symbol, e: Encoding) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = x.children.into_iter().map(|c| symbol(s, c, e)).collect();
    #[allow(deprecated)]
    DocumentSymbol {
        name: x.name,
        detail: (!x.detail.is_empty()).then_some(x.detail),
        kind: match x.kind {
            outline::SymbolKind::Profile => SymbolKind::NAMESPACE,
            outline::SymbolKind::Offer => SymbolKind::CLASS,
            outline::SymbolKind::Draft => SymbolKind::STRING,
        },
        tags: None,
        deprecated: None,
        range: range(s, x.span, e),
        selection_range: range(s, x.selection, e),
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn semantic_tokens(
    state: &State,
    params: SemanticTokensParams,
) -> Option<SemanticTokensResult> {
    let s = state.snapshot(&params.text_document.uri)?;
    let e = state.encoding();
    let mut data = Vec::new();
    let (mut last_line, mut last_col) = (0u32, 0u32);
    for t in tokens::tokens(s.text(), &s.report) {
        let start = convert::position(s.text(), s.index(), t.span.start, e);
        let end = convert::position(s.text(), s.index(), t.span.end, e);
        if end.line != start.line || end.character <= start.character {
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
            start.character - last_col
        } else {
            start.character
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: kind,
            token_modifiers_bitset: modifiers,
        });
        last_line = start.line;
        last_col = start.character;
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
    let line = |offset| convert::position(s.text(), s.index(), offset, e).line;
    Some(
        outline::folds(s.text(), &s.report)
            .into_iter()
            .filter_map(|fold| {
                let (first, last) = (line(fold.start), line(fold.end));
                (last > first).then_some(FoldingRange {
                    start_line: first,
                    start_character: None,
                    end_line: last,
                    end_character: None,
                    kind: Some(FoldingRangeKind::Region),
                    collapsed_text: Some(fold.collapsed),
                })
            })
            .collect(),
    )
}

pub fn formatting(state: &State, params: DocumentFormattingParams) -> Option<Vec<TextEdit>> {
    let s = state.snapshot(&params.text_document.uri)?;
    let e = state.encoding();
    let lines = s.report.lines(s.text());
    Some(text_edits(&s, &format::align(s.text(), lines), e))
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
pub fn compare_markdown(state: &State, uri: &Uri) -> Option<String> {
    let s = state.snapshot(uri)?;
    let rows = compare::rows(&s.report);
    let title = s
        .report
        .journal
        .title
        .as_ref()
        .map_or("Your offers".to_string(), |t| t.value.clone());
    Some(literal_dollars(&format!(
        "## {title}\n\n{}",
        compare::markdown(&rows)
    )))
}

/// `offer-notes.report` with the document's URI: the decision report (SPEC §6), as the CLI's
/// `report` writes it.
pub fn report_html(state: &State, uri: &Uri) -> Option<String> {
    let s = state.snapshot(uri)?;
    Some(crate::present::report::html(
        &s.report,
        crate::present::report::Options::default(),
    ))
}

/// Markdown for an editor with every `$` outside code written `\$`: two amounts on a line
/// (`$172,000 … $190,000`) are otherwise typeset as maths by renderers with TeX support
/// (Neovim's markdown highlighting, VS Code's preview). Code spans and fences keep theirs.
pub fn literal_dollars(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut fence: Option<&str> = None;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() {
            out.push_str(line);
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '\\' if i + 1 < chars.len() => {
                    out.push(chars[i]);
                    out.push(chars[i + 1]);
                    i += 2;
                }
                '`' => {
                    let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                    let close = (i + run..chars.len()).find(|&j| {
                        chars[j..].iter().take_while(|&&c| c == '`').count() == run
                            && (j == 0 || chars[j - 1] != '`')
                    });
                    let end = close.map_or(i + run, |j| j + run);
                    out.extend(&chars[i..end]);
                    i = end;
                }
                '$' => {
                    out.push_str("\\$");
                    i += 1;
                }
                c => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }
    out
}
