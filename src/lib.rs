//! offer-notes: read a job-offer decision journal, work out what its numbers mean, and
//! say — kindly, with the person's own numbers — what deserves a second look.
//!
//! The core is pure Rust with no editor types: [`check`] takes text and returns the
//! parsed [`model::Journal`], its [`analysis::Analysis`] and the [`rules::Diagnostic`]s.
//! The command line ([`render`]) and the language server ([`server`]) are surfaces on top.

pub mod actions;
pub mod analysis;
pub mod config;
pub mod files;
pub mod history;
pub mod incremental;
pub mod model;
pub mod present;
pub mod render;
pub mod rules;
pub mod server;
pub mod settings;
pub mod severity;
pub mod syntax;
pub mod text;

pub use config::Config;
pub use rules::{Diagnostic, Severity};

/// Work on a text of at least this many bytes is split across two threads (parsing a large
/// journal's sections, analysing its offers, running the rules over them, serialising its
/// diagnostics beside its history records): below it, starting a thread costs more than it
/// saves. A journal of
/// 100,000 offers is 15 MB.
pub(crate) const PARALLEL_FROM: usize = 1 << 20;

/// Everything known about one journal.
#[derive(Debug, Clone)]
pub struct Report {
    /// Shared with the incremental engine that made it, which reuses its sections.
    pub journal: std::sync::Arc<model::Journal>,
    pub analysis: analysis::Analysis,
    pub diagnostics: Vec<Diagnostic>,
    /// What each offer section's company did before (earlier searches, other journals of
    /// the workspace): what `same-company-again` and the heading hover say.
    pub before: Vec<history::Before>,
    /// The classified lines of the text, lexed on first use and then kept, so requests
    /// (tokens, completion, formatting) never lex the same text twice.
    lines: std::sync::OnceLock<Vec<syntax::Line>>,
}

impl Report {
    /// The classified lines of `text`, which must be the text this report was made from.
    pub fn lines(&self, text: &str) -> &[syntax::Line] {
        self.lines.get_or_init(|| syntax::lines(text))
    }
}

/// Parse, analyse and check a journal on its own.
pub fn check(text: &str, config: &Config) -> Report {
    check_in(text, config, &history::Elsewhere::none())
}

/// Parse, analyse and check a journal of a workspace whose other journals are `elsewhere`
/// (which must not hold this journal's own records: see [`history::Elsewhere::excluding`]).
pub fn check_in(text: &str, config: &Config, elsewhere: &history::Elsewhere) -> Report {
    fault_injection(text);
    let lines = syntax::lines(text);
    let journal = model::build(text, &lines);
    // not kept for the analysis and the rules: at 800,000 lines they are 58 MB, and only
    // the server's requests read them again (from the incremental engine's reports, which
    // fill them on first use)
    drop(lines);
    let analysis = if text.len() >= PARALLEL_FROM {
        analysis::analyze_on_two(&journal, config)
    } else {
        analysis::analyze(&journal, config)
    };
    report(
        text,
        std::sync::Arc::new(journal),
        analysis,
        config,
        elsewhere,
    )
}

/// Run the rules over an analysed journal (shared by `check` and incremental analysis).
pub(crate) fn report(
    text: &str,
    journal: std::sync::Arc<model::Journal>,
    analysis: analysis::Analysis,
    config: &Config,
    elsewhere: &history::Elsewhere,
) -> Report {
    let before = history::before(text, &journal, &analysis, elsewhere);
    let diagnostics = rules::run(&rules::Context {
        text,
        journal: &journal,
        analysis: &analysis,
        config,
        before: &before,
    });
    Report {
        journal,
        analysis,
        diagnostics,
        before,
        lines: std::sync::OnceLock::new(),
    }
}

/// For tests of the work split across threads: every rule fixture (each opens a search of its
/// own), again and again until the text is past [`PARALLEL_FROM`].
#[cfg(test)]
pub(crate) fn large_journal() -> String {
    let mut paths: Vec<_> = std::fs::read_dir("tests/fixtures/rules")
        .expect("the rule fixtures")
        .map(|entry| entry.expect("a fixture").path())
        .filter(|path| path.extension().is_some_and(|x| x == "offer"))
        .collect();
    paths.sort();
    let fixtures: String = paths
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a fixture") + "\n")
        .collect();
    fixtures.repeat(PARALLEL_FROM / fixtures.len() + 1)
}

/// Test builds only: with `OFFER_NOTES_FAULT_INJECTION=1`, a journal containing
/// `💥panic` makes the analysis panic, so tests can prove a bug in one document never takes
/// the server (or any other document) down. Release builds compile this away.
#[inline]
pub(crate) fn fault_injection(text: &str) {
    #[cfg(debug_assertions)]
    if text.contains("💥panic") && std::env::var_os("OFFER_NOTES_FAULT_INJECTION").is_some() {
        panic!("fault injected for a test");
    }
    #[cfg(not(debug_assertions))]
    let _ = text;
}
