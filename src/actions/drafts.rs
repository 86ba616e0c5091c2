//! Draft emails (placeholder until the templates land).
use crate::analysis::OfferAnalysis;
use crate::model::{DraftKind, Journal, Section};

/// The draft kinds that fit this section's situation.
pub fn available(_section: &Section) -> Vec<DraftKind> {
    Vec::new()
}

/// The whole fenced block, ending with a newline.
pub fn render(
    _kind: DraftKind,
    _journal: &Journal,
    _section: &Section,
    _offer: Option<&OfferAnalysis>,
) -> String {
    String::new()
}
