//! offer-notes: read a job-offer decision journal, work out what its numbers mean, and
//! say — kindly, with the person's own numbers — what deserves a second look.
//!
//! The core is pure Rust with no editor types: [`check`] takes text and returns the
//! parsed [`model::Journal`], its [`analysis::Analysis`] and the [`rules::Diagnostic`]s.
//! The command line ([`render`]) and the language server ([`server`]) are surfaces on top.

pub mod actions;
pub mod analysis;
pub mod config;
pub mod model;
pub mod present;
pub mod render;
pub mod rules;
pub mod server;
pub mod syntax;
pub mod text;

pub use config::Config;
pub use rules::{Diagnostic, Severity};

/// Everything known about one journal.
#[derive(Debug, Clone)]
pub struct Report {
    pub journal: model::Journal,
    pub analysis: analysis::Analysis,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse, analyse and check a journal.
pub fn check(text: &str, config: &Config) -> Report {
    let lines = syntax::lines(text);
    let journal = model::build(text, &lines);
    let analysis = analysis::analyze(&journal, config);
    let diagnostics = rules::run(&rules::Context {
        text,
        journal: &journal,
        analysis: &analysis,
        config,
    });
    Report {
        journal,
        analysis,
        diagnostics,
    }
}
