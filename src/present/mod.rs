//! What the editor and the terminal show beyond diagnostics — hover text, completion,
//! semantic tokens, inlay hints, the offers side by side — as plain Rust values and
//! Markdown. No LSP types: the server converts, the CLI prints.

pub mod calendar;
pub mod compare;
pub mod complete;
pub mod history;
pub mod hover;
pub mod inlay;
pub mod outline;
pub mod report;
pub mod tokens;
pub mod years;
