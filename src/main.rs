//! The `offer-notes` command: argument parsing and files; the work is in the library.

use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use offer_notes::settings::{Resolved, Resolver};
use offer_notes::{render, rules, Severity};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "offer-notes",
    version,
    about = "Check a job-offer decision journal: floors, counters, reasons to walk, drafts."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check journals (files, or folders searched for *.offer and *.offer.md).
    Check {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Settings file for every journal (default: the nearest offer-notes.toml above each
        /// journal).
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// Show every offer in a journal side by side: total comp, gap to the floor, matrix cell.
    Compare {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = TableFormat::Text)]
        format: TableFormat,
        /// Settings file (default: the nearest offer-notes.toml above the journal).
        #[arg(long)]
        config: Option<PathBuf>,
        /// How many years of total comp to show, one column each.
        #[arg(long, default_value_t = offer_notes::analysis::years::YEARS_SHOWN, value_parser = clap::value_parser!(u32).range(1..=10))]
        years: u32,
    },
    /// Explain a rule (or a key of the format): what it means and what to do. Without a code, list the rules.
    Explain { code: Option<String> },
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for clients that always pass it (stdio is the only transport).
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Text,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if !matches!(cli.command, Command::Lsp { .. }) {
        restore_sigpipe();
    }
    match cli.command {
        Command::Check {
            paths,
            format,
            config,
            color,
        } => check(&paths, format, config.as_deref(), color),
        Command::Compare {
            file,
            format,
            config,
            years,
        } => compare(&file, format, config.as_deref(), years),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Lsp { .. } => offer_notes::server::run(),
    }
}

fn compare(file: &Path, format: TableFormat, config_path: Option<&Path>, years: u32) -> ExitCode {
    let mut settings = Settings::new(config_path);
    let Some(resolved) = settings.for_journal(file) else {
        return ExitCode::from(2);
    };
    let config = &resolved.config;
    let text = match read_journal(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("offer-notes: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let report = offer_notes::check(&text, config);
    let rows = offer_notes::present::compare::rows_for(&report, years);
    if rows.is_empty() {
        println!(
            "No offers in {} yet: add a `## Company` section with `base:` to compare.",
            file.display()
        );
        return ExitCode::SUCCESS;
    }
    match format {
        TableFormat::Text => print!("{}", offer_notes::present::compare::plain(&rows)),
        TableFormat::Markdown => print!("{}", offer_notes::present::compare::markdown(&rows)),
    }
    ExitCode::SUCCESS
}

fn explain(code: Option<&str>) -> ExitCode {
    let Some(code) = code else {
        for rule in rules::RULES {
            println!(
                "{:<28} {:<11} {}",
                rule.code.as_str(),
                rule.severity().name(),
                rule.summary()
            );
        }
        return ExitCode::SUCCESS;
    };
    match rules::find(code) {
        Some(rule) => {
            println!(
                "{} ({}, {})\n",
                rule.code,
                rule.severity().name(),
                rule.family().name()
            );
            println!("{}", rule.summary());
            println!();
            println!("{}", rule.explanation(&rules::Numbers::default()));
            ExitCode::SUCCESS
        }
        // a key of the format: what it means, with an example
        None if offer_notes::model::Key::parse_in_offer(code).is_some() => {
            let key = offer_notes::model::Key::parse_in_offer(code).expect("just parsed");
            println!("{} (a key)\n\n{}", key.name(), key.doc());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "offer-notes: `{}` is not a rule code; {}",
                offer_notes::text::shortened(code),
                rules::code_hint(code)
            );
            eprintln!("Run `offer-notes explain` to list every rule.");
            ExitCode::from(2)
        }
    }
}

/// Each journal's settings (`--config FILE`, else the nearest offer-notes.toml above it),
/// with each settings file's warnings printed once.
struct Settings {
    resolver: Resolver,
    warned: std::collections::HashSet<Option<PathBuf>>,
}

impl Settings {
    fn new(explicit: Option<&Path>) -> Settings {
        Settings {
            resolver: explicit.map_or_else(Resolver::new, Resolver::with_file),
            warned: Default::default(),
        }
    }

    /// `None` (said on stderr) when the journal's settings file can't be read.
    fn for_journal(&mut self, journal: &Path) -> Option<std::sync::Arc<Resolved>> {
        let resolved = self.resolver.for_journal(Some(journal));
        let file = resolved
            .file
            .as_ref()
            .map_or_else(String::new, |f| f.display().to_string());
        if let Some(problem) = &resolved.unreadable {
            eprintln!(
                "offer-notes: cannot read settings: {file}: {}",
                problem.message
            );
            return None;
        }
        if self.warned.insert(resolved.file.clone()) {
            for problem in &resolved.problems {
                eprintln!("offer-notes: warning: {file}: {problem}");
            }
        }
        Some(resolved)
    }
}

/// Journals under `path`: the file itself, or every *.offer / *.offer.md below a folder.
/// Folders are walked as `.gitignore` says, hidden ones and build output skipped; symbolic
/// links are not followed into folders (so a link loop cannot make the walk endless or
/// check a journal twice), and a link to a journal counts once. An unreadable folder is
/// named on stderr (`false` is returned) and the rest is still walked.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> bool {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return true;
    }
    let walk = ignore::WalkBuilder::new(path)
        .follow_links(false)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| !matches!(e.file_name().to_str(), Some("target" | "node_modules")))
        .build();
    let mut readable = true;
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                eprintln!("offer-notes: cannot read a folder: {e}");
                readable = false;
                continue;
            }
        };
        let name = entry.file_name().to_str().unwrap_or("");
        let is_journal = name.ends_with(".offer") || name.ends_with(".offer.md");
        // a link is checked if it leads to a file; a folder it leads to is not walked
        let is_folder = match entry.file_type() {
            Some(t) if t.is_symlink() => entry.path().is_dir(),
            Some(t) => t.is_dir(),
            None => false,
        };
        if is_journal && !is_folder && entry.depth() > 0 {
            out.push(entry.into_path());
        }
    }
    readable
}

fn check(paths: &[PathBuf], format: Format, config_path: Option<&Path>, color: Color) -> ExitCode {
    let mut files = Vec::new();
    let mut unreadable = false;
    for path in paths {
        unreadable |= !collect(path, &mut files);
    }
    // each journal once, however many ways it was reached
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    // every journal's settings before any output: a settings file that can't be read is bad
    // usage, not a finding
    let mut settings = Settings::new(config_path);
    let mut configs = Vec::with_capacity(files.len());
    for file in &files {
        match settings.for_journal(file) {
            Some(resolved) => configs.push(resolved),
            None => return ExitCode::from(2),
        }
    }
    let choice = match color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto
            if std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none() =>
        {
            ColorChoice::Auto
        }
        Color::Auto => ColorChoice::Never,
    };
    let mut stdout = StandardStream::stdout(choice);
    let mut json = Vec::new();
    let mut counts = [0usize; 4];
    let mut checked = 0;
    for (file, settings) in files.iter().zip(&configs) {
        let name = file.display().to_string();
        let text = match read_journal(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("offer-notes: {name}: {e}");
                unreadable = true;
                continue;
            }
        };
        checked += 1;
        let report = offer_notes::check(&text, &settings.config);
        for d in &report.diagnostics {
            counts[d.severity as usize] += 1;
        }
        match format {
            Format::Json => json.extend(render::to_json(&name, &text, &report.diagnostics)),
            Format::Human => {
                if let Err(e) = render::human(&mut stdout, &name, &text, &report.diagnostics) {
                    eprintln!("offer-notes: cannot write output: {e}");
                    return ExitCode::from(2);
                }
            }
        }
    }
    match format {
        Format::Json => {
            let out = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "[]".into());
            let _ = writeln!(std::io::stdout(), "{out}");
        }
        Format::Human => {
            let [errors, warnings, infos, hints] = counts;
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            let _ = writeln!(
                stdout,
                "{} checked: {}, {}, {} and {}.",
                plural(checked, "journal"),
                plural(errors, "error"),
                plural(warnings, "warning"),
                plural(infos, "note"),
                plural(hints, "hint")
            );
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if counts[Severity::Error as usize] + counts[Severity::Warning as usize] > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Let a closed stdout end the command quietly (`offer-notes check . | head -1`): Rust
/// ignores SIGPIPE, which turns every later `println!` into a panic (exit 101).
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up, before any thread is spawned; SIG_DFL is a valid
    // disposition for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn read_journal(path: &Path) -> anyhow::Result<String> {
    offer_notes::files::read_text(path).map_err(anyhow::Error::msg)
}
