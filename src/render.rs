//! How `check` shows diagnostics: rustc-style snippets for people, and the JSON array of
//! SPEC §4 (LSP-shaped ranges: 0-based lines, UTF-16 columns) for programs.

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

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Information => Level::Note,
        Severity::Hint => Level::Help,
    }
}

/// Write diagnostics as annotated snippets of the journal.
pub fn human(
    out: &mut dyn WriteColor,
    file: &str,
    text: &str,
    diagnostics: &[Diagnostic],
) -> std::io::Result<()> {
    let source = SimpleFile::new(file, text);
    let config = term::Config::default();
    let styles = Styles::default();
    let mut out = StylesWriter::new(out, &styles);
    for d in diagnostics {
        let mut labels = vec![Label::new(LabelStyle::Primary, (), d.span.range())];
        for related in &d.related {
            labels.push(
                Label::new(LabelStyle::Secondary, (), related.span.range())
                    .with_message(related.message.clone()),
            );
        }
        let snippet = Snippet::new(level(d.severity))
            .with_code(d.code.as_str())
            .with_message(d.message.clone())
            .with_labels(labels)
            .with_notes(vec![format!("why: `offer-notes explain {}`", d.code)]);
        term::emit_to_write_style(&mut out, &config, &source, &snippet)
            .map_err(std::io::Error::other)?;
    }
    Ok(())
}
