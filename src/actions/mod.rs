//! Edits a person can ask for: draft emails and quick fixes, as pure text edits in byte
//! offsets. The server turns them into LSP code actions; nothing here knows LSP.

pub mod drafts;

use crate::text::Span;

/// Replace `span` with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub new_text: String,
}
pub mod fixes;
pub mod format;
pub mod fuller;
