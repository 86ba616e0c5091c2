//! Core diagnostics as LSP diagnostics: code, a link to the rule's page, the source, and
//! related information pointing at what the finding was measured against.

use super::convert;
use crate::rules::{Code, Diagnostic, Severity};
use crate::text::{Encoding, Positions};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};

pub const SOURCE: &str = "offer-notes";

/// The scheme of a rule link that works anywhere: `offer-notes://rule/CODE`. The editors' plugins
/// open it by asking the server for the page ([`EXPLAIN_COMMAND`]), so it needs no network and no
/// checkout.
pub const RULE_SCHEME: &str = "offer-notes";

/// `workspace/executeCommand` `offer-notes.explain` with a rule code: the rule's page as Markdown.
pub const EXPLAIN_COMMAND: &str = "offer-notes.explain";

/// Where links point instead: `<base>/<code>.md`, from the client's `docsUrl` (initialization
/// options) or else `$OFFER_NOTES_DOCS_URL`. One server per process, so one base.
static LINKS: std::sync::RwLock<Option<std::sync::Arc<Links>>> = std::sync::RwLock::new(None);

type Links = std::collections::HashMap<Code, Uri>;

fn links_from(base: Option<&str>) -> Links {
    // `<base>/` must itself be a URI (a scheme and no stray spaces); written the way it is
    // meant (lower-case scheme and host), and each page is a name under it
    let base = base
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .and_then(|b| format!("{}/", b.trim_end_matches('/')).parse::<Uri>().ok())
        .map(|b| b.normalize().into_string());
    crate::rules::RULES
        .iter()
        .filter_map(|rule| {
            let url = match &base {
                Some(base) => format!("{base}{}.md", rule.code),
                None => format!("{RULE_SCHEME}://rule/{}", rule.code),
            };
            Some((rule.code, url.parse::<Uri>().ok()?))
        })
        .collect()
}

/// Point rule links at `docs_url` (the client's `docsUrl`), else at `$OFFER_NOTES_DOCS_URL`,
/// else at `offer-notes://rule/CODE`.
pub fn set_docs_base(docs_url: Option<&str>) {
    let env = std::env::var("OFFER_NOTES_DOCS_URL").ok();
    let links = links_from(docs_url.or(env.as_deref()));
    if let Ok(mut slot) = LINKS.write() {
        *slot = Some(std::sync::Arc::new(links));
    }
}

/// The link a diagnostic with this code carries. Worked out once per rule: it is attached to
/// every diagnostic on every keystroke.
pub fn docs_url(code: Code) -> Option<Uri> {
    let cached = LINKS.read().ok().and_then(|slot| slot.clone());
    let links = match cached {
        Some(links) => links,
        None => {
            set_docs_base(None);
            LINKS.read().ok()?.clone()?
        }
    };
    links.get(&code).cloned()
}

/// The rule an `offer-notes://rule/CODE` link (or a bare code) names, as its Markdown page.
pub fn explain(argument: &str) -> Option<String> {
    let prefix = format!("{RULE_SCHEME}://rule/");
    let code = argument.strip_prefix(&prefix).unwrap_or(argument).trim();
    crate::rules::find(code)
        .map(|rule| super::features::literal_dollars(&crate::rules::doc_page(rule)))
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
    uri: &Uri,
    text: &str,
    diagnostics: &[Diagnostic],
    encoding: Encoding,
) -> Vec<lsp::Diagnostic> {
    let positions = Diagnostic::positions(text, diagnostics, encoding);
    to_lsp_at(uri, diagnostics, &positions)
}

/// Convert with positions already worked out (the worker drops the text before converting).
pub fn to_lsp_at(
    uri: &Uri,
    diagnostics: &[Diagnostic],
    positions: &Positions,
) -> Vec<lsp::Diagnostic> {
    diagnostics
        .iter()
        .map(|d| to_lsp_one(uri, d, positions))
        .collect()
}

/// Serialise the report's diagnostics as the JSON array of their LSP diagnostics, converting
/// one at a time into the buffer: the same bytes as serialising [`to_lsp_at`]'s vector, without
/// holding that vector (a journal of 100,000 offers has 157,500 findings, 150 MB as LSP values).
pub fn serialise_at(uri: &Uri, diagnostics: &[Diagnostic], positions: &Positions) -> Vec<u8> {
    let mut json = Vec::with_capacity(diagnostics.len() * 384 + 2);
    json.push(b'[');
    for (n, d) in diagnostics.iter().enumerate() {
        if n > 0 {
            json.push(b',');
        }
        // serialising a plain struct into a vector does not fail
        let _ = serde_json::to_writer(&mut json, &to_lsp_one(uri, d, positions));
    }
    json.push(b']');
    json
}

/// One diagnostic as an LSP diagnostic.
fn to_lsp_one(uri: &Uri, d: &Diagnostic, positions: &Positions) -> lsp::Diagnostic {
    let position = |offset| convert::lsp_position(positions.get(offset));
    let range = |span: crate::text::Span| lsp::Range::new(position(span.start), position(span.end));
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(base: Option<&str>, code: Code) -> Option<String> {
        links_from(base).get(&code).map(|u| u.as_str().to_string())
    }

    #[test]
    fn diagnostics_serialised_one_at_a_time_are_the_bytes_of_the_converted_list() {
        let uri = "file:///j.offer".parse::<Uri>().unwrap();
        // findings with related information (a key set twice) and columns that differ by
        // encoding (the emoji)
        let text = "# Offers ☕\nfloor: $190k base\n\n## Acme 😀\nstatus: live\nstatus: live\nbase: $150,000\nmanager: weak\n- walk: they never pushed back\n";
        let report = crate::check(text, &crate::Config::default());
        assert!(report.diagnostics.iter().any(|d| !d.related.is_empty()));
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let positions = Diagnostic::positions(text, &report.diagnostics, encoding);
            let listed = to_lsp_at(&uri, &report.diagnostics, &positions);
            assert_eq!(
                serialise_at(&uri, &report.diagnostics, &positions),
                serde_json::to_vec(&listed).unwrap()
            );
        }
        let none = Diagnostic::positions("", &[], Encoding::Utf8);
        assert_eq!(serialise_at(&uri, &[], &none), b"[]");
    }

    #[test]
    fn a_docs_base_is_written_the_way_it_is_meant_and_an_unusable_one_is_not_used() {
        let code = crate::rules::RULES[0].code;
        assert_eq!(
            link(Some(" HTTPS://Docs.Example/rules// "), code),
            Some(format!("https://docs.example/rules/{code}.md"))
        );
        let fallback = Some(format!("{RULE_SCHEME}://rule/{code}"));
        // no scheme, or a space a URI cannot hold: the links that work anywhere
        assert_eq!(link(Some("docs.example/rules"), code), fallback);
        assert_eq!(link(Some("https://docs example/rules"), code), fallback);
        assert_eq!(link(Some("   "), code), fallback);
        assert_eq!(link(None, code), fallback);
    }
}
