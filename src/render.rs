//! How `check` shows diagnostics: rustc-style snippets for people, one line per finding
//! (`--format concise`, 1-based lines and character columns, as editors and `grep -n` print
//! them), and the JSON array of SPEC §4 (LSP-shaped ranges: 0-based lines, UTF-16 columns) for
//! programs.

use crate::rules::{Code, Diagnostic, Severity};
use crate::text::Encoding;
use codespan_reporting::diagnostic::{Diagnostic as Snippet, Label, LabelStyle, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor, Styles, StylesWriter};
use serde::Serialize;

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonPosition {
    pub line: u32,
    pub character: u32,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonRange {
    pub start: JsonPosition,
    pub end: JsonPosition,
}

/// One entry of `check --format json`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct JsonDiagnostic {
    pub file: String,
    pub range: JsonRange,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

pub fn to_json(file: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<JsonDiagnostic> {
    // the same conversion the server publishes with, in UTF-16 as SPEC §4 says
    let positions = Diagnostic::positions(text, diagnostics, Encoding::Utf16);
    diagnostics
        .iter()
        .map(|d| {
            let start = positions.get(d.span.start);
            let end = positions.get(d.span.end);
            JsonDiagnostic {
                file: file.to_string(),
                range: JsonRange {
                    start: JsonPosition {
                        line: start.line,
                        character: start.col,
                    },
                    end: JsonPosition {
                        line: end.line,
                        character: end.col,
                    },
                },
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
            }
        })
        .collect()
}

/// `check --format concise`: `file:line:col: severity[code] message`, one line per finding.
/// Line and column are 1-based; the column counts characters (Unicode scalar values), so
/// `file:line:col` opens at the finding in editors and terminals that follow `grep -n`.
pub fn concise(
    out: &mut dyn std::io::Write,
    file: &str,
    text: &str,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let positions = Diagnostic::positions(text, diagnostics, Encoding::Utf32);
    let file = escape_bidi(file);
    for d in diagnostics {
        let at = positions.get(d.span.start);
        // one finding, one line, whatever the message holds
        let message = escape_bidi(&d.message).replace(['\r', '\n'], " ");
        writeln!(
            out,
            "{file}:{}:{}: {}[{}] {message}",
            at.line + 1,
            at.col + 1,
            d.severity.name(),
            d.code
        )?;
    }
    Ok(())
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Information => Level::Note,
        Severity::Hint => Level::Help,
    }
}

/// Bidirectional embedding, override and isolate characters: a terminal that obeys them
/// shows a line in another order than its bytes (a "Trojan Source" line), so people see
/// them escaped.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every bidi control shown as `<U+202E>` (borrowed when there is none).
pub fn escape_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_bidi_control) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_bidi_control(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// Where each byte offset of `text` is once its bidi controls are escaped.
fn escaped_offsets(text: &str) -> impl Fn(usize) -> usize + '_ {
    // (offset of a control, bytes added by escaping it and every one before it)
    let mut added = 0;
    let shifts: Vec<(usize, usize)> = text
        .char_indices()
        .filter(|&(_, c)| is_bidi_control(c))
        .map(|(at, c)| {
            added += format!("<U+{:04X}>", c as u32).len() - c.len_utf8();
            (at, added)
        })
        .collect();
    move |offset| {
        let before = shifts.partition_point(|&(at, _)| at < offset);
        offset + before.checked_sub(1).map_or(0, |i| shifts[i].1)
    }
}

/// Write diagnostics as annotated snippets of the journal.
pub fn human(
    out: &mut dyn WriteColor,
    file: &str,
    text: &str,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let shown = escape_bidi(text);
    let at = escaped_offsets(text);
    let range = |span: crate::text::Span| at(span.start)..at(span.end);
    let file = escape_bidi(file);
    let source = SimpleFile::new(file.as_ref(), shown.as_ref());
    let config = term::Config::default();
    let styles = Styles::default();
    let mut out = StylesWriter::new(out, &styles);
    for d in diagnostics {
        let mut labels = vec![Label::new(LabelStyle::Primary, (), range(d.span))];
        for related in &d.related {
            labels.push(
                Label::new(LabelStyle::Secondary, (), range(related.span))
                    .with_message(escape_bidi(&related.message)),
            );
        }
        let snippet = Snippet::new(level(d.severity))
            .with_code(d.code.as_str())
            .with_message(escape_bidi(&d.message))
            .with_labels(labels)
            .with_notes(vec![format!("why: `offer-notes explain {}`", d.code)]);
        term::emit_to_write_style(&mut out, &config, &source, &snippet)
            .map_err(std::io::Error::other)?;
    }
    Ok(())
}
