//! Core diagnostics as LSP diagnostics: code, a link to the rule's page, the source, and
//! related information pointing at what the finding was measured against.

use super::convert;
use crate::rules::{Code, Diagnostic, Severity};
use crate::text::{Encoding, Positions};
use tower_lsp::lsp_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Url,
};

pub const SOURCE: &str = "offer-notes";

/// Where a rule's documentation page lives: `$OFFER_NOTES_DOCS_URL/<code>.md` when set
/// (e.g. a repository's web address), else the `docs/rules` folder of this source tree.
/// Worked out once per rule: it is attached to every diagnostic on every keystroke.
pub fn docs_url(code: Code) -> Option<Url> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static URLS: OnceLock<HashMap<Code, Url>> = OnceLock::new();
    let urls = URLS.get_or_init(|| {
        let base = std::env::var("OFFER_NOTES_DOCS_URL").ok();
        crate::rules::RULES
            .iter()
            .filter_map(|rule| {
                let url = match &base {
                    Some(base) => {
                        let base = if base.ends_with('/') {
                            base.clone()
                        } else {
                            format!("{base}/")
                        };
                        Url::parse(&base)
                            .ok()?
                            .join(&format!("{}.md", rule.code))
                            .ok()?
                    }
                    None => {
                        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                            .join("docs/rules")
                            .join(format!("{}.md", rule.code));
                        Url::from_file_path(path).ok()?
                    }
                };
                Some((rule.code, url))
            })
            .collect()
    });
    urls.get(&code).cloned()
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The report's diagnostics as LSP diagnostics, positioned in one pass over the text.
pub fn to_lsp(
    uri: &Url,
    text: &str,
    diagnostics: &[Diagnostic],
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    let positions = Diagnostic::positions(text, diagnostics, encoding);
    to_lsp_at(uri, diagnostics, &positions)
}

/// Convert with positions already worked out (the worker drops the text before converting).
pub fn to_lsp_at(
    uri: &Url,
    diagnostics: &[Diagnostic],
    positions: &Positions,
) -> Vec<lsp::Diagnostic> {
    let position = |offset| convert::lsp_position(positions.get(offset));
    let range = |span: crate::text::Span| lsp::Range::new(position(span.start), position(span.end));
    diagnostics
        .iter()
        .map(|d| {
            let related = d
                .related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location {
                        uri: uri.clone(),
                        range: range(r.span),
                    },
                    message: r.message.clone(),
                })
                .collect::<Vec<_>>();
            lsp::Diagnostic {
                range: range(d.span),
                severity: Some(severity(d.severity)),
                code: Some(NumberOrString::String(d.code.to_string())),
                code_description: docs_url(d.code).map(|href| CodeDescription { href }),
                source: Some(SOURCE.to_string()),
                message: d.message.clone(),
                related_information: (!related.is_empty()).then_some(related),
                tags: None,
                data: None,
            }
        })
        .collect()
}
