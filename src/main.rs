//! The `offer-notes` command: argument parsing and files; the work is in the library.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
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
    /// Check journals (files, or folders searched for *.offer and *.offer.md; `-` reads one
    /// journal from standard input).
    Check {
        /// Files or folders, or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The name of the journal read from standard input (`-`): shown in messages, and the
        /// folder where its offer-notes.toml is looked for (default: the current folder).
        #[arg(long, value_name = "NAME")]
        stdin_filename: Option<PathBuf>,
        /// Settings file for every journal (default: the nearest offer-notes.toml above each
        /// journal).
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// Show every offer in a journal side by side: total comp, gap to the floor, matrix cell.
    /// A folder compares each journal in it, one table per journal.
    Compare {
        /// Journals, or folders searched for them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = TableFormat::Text)]
        format: TableFormat,
        /// Settings file (default: the nearest offer-notes.toml above the journal).
        #[arg(long)]
        config: Option<PathBuf>,
        /// How many years of total comp to show, one column each.
        #[arg(long, default_value_t = offer_notes::analysis::years::YEARS_SHOWN, value_parser = clap::value_parser!(u32).range(1..=10))]
        years: u32,
    },
    /// Write the decision report: one self-contained HTML file (inline CSS and SVG, nothing
    /// loaded from anywhere) with each offer's recommendation, its years, the anchoring cost,
    /// the runway, the walk-away matrix and the timeline.
    Report {
        /// The journal.
        path: PathBuf,
        /// Write to this file instead of standard output. An existing file is replaced only
        /// when it is an earlier report, or with --force.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// For sharing: names of companies and people become placeholders (Offer A,
        /// Recruiter A), amounts are rounded to the nearest thousand.
        #[arg(long)]
        redact: bool,
        /// Replace FILE even when it is not an earlier report.
        #[arg(long)]
        force: bool,
        /// Settings file (default: the nearest offer-notes.toml above the journal).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Every offer across journals and searches, oldest first: company, role, dates, asked and
    /// got per counter, the decision, the outcome, and what each company offered last time.
    History {
        /// Journals, or folders searched for them (as `check` walks them).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
        format: HistoryFormat,
        /// Settings file (default: the nearest offer-notes.toml above each journal).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// What comes next: decision dates, offer deadlines and review dates in date order, with
    /// what to do at each (`--format ics` writes calendar events that update on re-import).
    Timeline {
        /// Journals, or folders searched for them (as `check` walks them).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
        format: TimelineFormat,
        /// Settings file (default: the nearest offer-notes.toml above each journal).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Explain a rule: what it means and what to do. Without a code, list the rules.
    Explain {
        /// A rule code, written as in `allow:` (`below-floor`, `BELOW_FLOOR`).
        code: Option<String>,
    },
    /// Print shell completions for bash, zsh, fish, powershell or elvish.
    ///
    /// For example: `offer-notes completions bash >
    /// ~/.local/share/bash-completion/completions/offer-notes`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Run the language server on stdin/stdout.
    Lsp {
        /// Accepted for clients that always pass it (stdio is the only transport).
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Snippets of the journal with each finding marked, and a summary line.
    Human,
    /// One line per finding: `file:line:col: severity[code] message`, with the line and the
    /// column 1-based and the column counted in characters, as editors and `grep -n` print them.
    Concise,
    /// One JSON array of `{file, range, severity, code, message}`; ranges as LSP has them
    /// (0-based lines, UTF-16 columns).
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    Text,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum HistoryFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum TimelineFormat {
    Text,
    Json,
    /// iCalendar (RFC 5545): all-day events, stable UIDs.
    Ics,
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
            stdin_filename,
            config,
            color,
        } => check(
            &paths,
            format,
            stdin_filename.as_deref(),
            config.as_deref(),
            color,
        ),
        Command::Compare {
            paths,
            format,
            config,
            years,
        } => compare(&paths, format, config.as_deref(), years),
        Command::Report {
            path,
            output,
            redact,
            force,
            config,
        } => report(&path, output.as_deref(), redact, force, config.as_deref()),
        Command::History {
            paths,
            format,
            config,
        } => history(&paths, format, config.as_deref()),
        Command::Timeline {
            paths,
            format,
            config,
        } => timeline(&paths, format, config.as_deref()),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "offer-notes",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Command::Lsp { .. } => offer_notes::server::run(),
    }
}

fn compare(
    paths: &[PathBuf],
    format: TableFormat,
    config_path: Option<&Path>,
    years: u32,
) -> ExitCode {
    let (files, mut failed) = journals(paths);
    let mut settings = Settings::new(config_path);
    let several = files.len() > 1;
    for (i, file) in files.iter().enumerate() {
        let Some(resolved) = settings.for_journal(file) else {
            return ExitCode::from(2);
        };
        let text = match read_journal(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("offer-notes: {}: {e}", file.display());
                failed = true;
                continue;
            }
        };
        if several {
            // one table per journal, each under its file's name
            if i > 0 {
                println!();
            }
            match format {
                TableFormat::Text => println!("{}\n", file.display()),
                TableFormat::Markdown => println!("### {}\n", file.display()),
            }
        }
        let report = offer_notes::check(&text, &resolved.config);
        let rows = offer_notes::present::compare::rows_for(&report, years);
        if rows.is_empty() {
            println!(
                "No offers in {} yet: add a `## Company` section with `base:` to compare.",
                file.display()
            );
            continue;
        }
        match format {
            TableFormat::Text => print!("{}", offer_notes::present::compare::plain(&rows)),
            TableFormat::Markdown => print!("{}", offer_notes::present::compare::markdown(&rows)),
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// `report`: exit codes as `check` (1 when the journal has warnings or errors, 2 when it
/// or the output can't be read or written).
fn report(
    path: &Path,
    output: Option<&Path>,
    redact: bool,
    force: bool,
    config_path: Option<&Path>,
) -> ExitCode {
    let Some(resolved) = Settings::new(config_path).for_journal(path) else {
        return ExitCode::from(2);
    };
    let text = match read_journal(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("offer-notes: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let report = offer_notes::check(&text, &resolved.config);
    let options = offer_notes::present::report::Options { redact };
    let html = offer_notes::present::report::html(&report, options);
    let written = match output {
        Some(file) => offer_notes::files::write_report(file, &html, force),
        None => std::io::stdout()
            .write_all(html.as_bytes())
            .map_err(|e| format!("cannot write output: {e}")),
    };
    if let Err(e) = written {
        eprintln!("offer-notes: {e}");
        return ExitCode::from(2);
    }
    let serious = report
        .diagnostics
        .iter()
        .any(|d| matches!(d.severity, Severity::Error | Severity::Warning));
    ExitCode::from(u8::from(serious))
}

/// The records of every journal `paths` name, and whether any could not be read (said on
/// stderr). `None`: a settings file could not be read (bad usage).
fn read_records(
    paths: &[PathBuf],
    config_path: Option<&Path>,
) -> Option<(Vec<offer_notes::history::JournalRecords>, bool)> {
    let (files, mut failed) = journals(paths);
    let mut settings = Settings::new(config_path);
    let mut read = Vec::with_capacity(files.len());
    for file in &files {
        let resolved = settings.for_journal(file)?;
        let text = if is_stdin(file) {
            offer_notes::files::read_text_from(std::io::stdin().lock())
        } else {
            offer_notes::files::read_text(file)
        };
        match text {
            Ok(text) => read.push(offer_notes::history::records_of_text(
                &file.display().to_string(),
                &text,
                &resolved.config,
            )),
            Err(e) => {
                eprintln!("offer-notes: {}: {e}", file.display());
                failed = true;
            }
        }
    }
    Some((read, failed))
}

fn history(paths: &[PathBuf], format: HistoryFormat, config_path: Option<&Path>) -> ExitCode {
    use offer_notes::present::history as show;
    let Some((journals, failed)) = read_records(paths, config_path) else {
        return ExitCode::from(2);
    };
    let entries = offer_notes::history::ordered(&journals);
    match format {
        HistoryFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&show::json(&entries)).unwrap_or_else(|_| "[]".into())
        ),
        _ if entries.is_empty() && !journals.is_empty() => println!(
            "No offers in these journals yet: a `## Company` section with `base:`, `status:` or a              `decision` line is an offer."
        ),
        HistoryFormat::Text => print!("{}", render::escape_bidi(&show::text(&entries))),
        HistoryFormat::Markdown => print!("{}", render::escape_bidi(&show::markdown(&entries))),
    }
    exit_after(failed)
}

fn timeline(paths: &[PathBuf], format: TimelineFormat, config_path: Option<&Path>) -> ExitCode {
    use offer_notes::history::timeline;
    use offer_notes::present::{calendar, history as show};
    let Some((journals, failed)) = read_records(paths, config_path) else {
        return ExitCode::from(2);
    };
    let mut events: Vec<_> = journals
        .iter()
        .flat_map(|j| timeline::events(&j.records, j.today))
        .collect();
    events.sort_by_key(|e| e.date);
    match format {
        TimelineFormat::Ics => print!("{}", calendar::ics(&events, chrono::Utc::now())),
        TimelineFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(&show::timeline_json(&events))
                .unwrap_or_else(|_| "[]".into())
        ),
        TimelineFormat::Text if events.is_empty() && !journals.is_empty() => println!(
            "Nothing coming up: no open offer has a `decision-date` or `expires`, and no              `review:` is waiting for its `outcome`."
        ),
        TimelineFormat::Text => print!("{}", render::escape_bidi(&show::timeline_text(&events))),
    }
    exit_after(failed)
}

/// 2 when some input could not be read (said on stderr), else 0.
fn exit_after(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
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

/// Journals under `path`: the file itself, or every journal below a folder, walked as
/// [`offer_notes::files::journals_under`] says (the server's workspace scan walks the same
/// way). An unreadable folder is named on stderr (`false` is returned) and the rest is still
/// walked.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> bool {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return true;
    }
    let walked = offer_notes::files::journals_under(path);
    for e in &walked.unreadable {
        eprintln!("offer-notes: cannot read a folder: {e}");
    }
    out.extend(walked.journals);
    walked.unreadable.is_empty()
}

/// `-` among the paths: the journal on standard input.
fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The journals that `paths` name, each once however many ways it was reached (`-` is kept
/// as it is), and whether any path failed: a folder that can't be read, or one with no
/// journal under it, is said on stderr.
fn journals(paths: &[PathBuf]) -> (Vec<PathBuf>, bool) {
    let mut files = Vec::new();
    let mut failed = false;
    for path in paths {
        if is_stdin(path) {
            files.push(path.clone());
            continue;
        }
        let before = files.len();
        failed |= !collect(path, &mut files);
        if files.len() == before && path.is_dir() {
            eprintln!(
                "offer-notes: no journals found under {}: a journal is a *.offer or *.offer.md \
                 file (hidden folders and what .gitignore names are skipped)",
                path.display()
            );
            failed = true;
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| {
        is_stdin(f) || seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
    });
    (files, failed)
}

fn check(
    paths: &[PathBuf],
    format: Format,
    stdin_name: Option<&Path>,
    config_path: Option<&Path>,
    color: Color,
) -> ExitCode {
    let stdin_count = paths.iter().filter(|p| is_stdin(p)).count();
    if stdin_count > 1 {
        eprintln!("offer-notes: `-` (standard input) can be read only once");
        return ExitCode::from(2);
    }
    if stdin_count == 0 && stdin_name.is_some() {
        eprintln!(
            "offer-notes: --stdin-filename names the journal read from standard input: add `-` \
             to the paths"
        );
        return ExitCode::from(2);
    }
    // the journal on stdin goes by the name given, else `<stdin>` in the current folder
    let stdin_name = stdin_name.unwrap_or(Path::new("<stdin>"));
    let (files, mut unreadable) = journals(paths);
    // every journal's settings before any output: a settings file that can't be read is bad
    // usage, not a finding
    let mut settings = Settings::new(config_path);
    let mut configs = Vec::with_capacity(files.len());
    for file in &files {
        let named = if is_stdin(file) { stdin_name } else { file };
        match settings.for_journal(named) {
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
    // every journal read first: the journals given together are one workspace, and each is
    // checked with the others' history (`same-company-again` across journals)
    let mut read = Vec::with_capacity(files.len());
    for (file, settings) in files.iter().zip(&configs) {
        let (name, text) = if is_stdin(file) {
            (
                stdin_name.display().to_string(),
                offer_notes::files::read_text_from(std::io::stdin().lock()),
            )
        } else {
            (
                file.display().to_string(),
                offer_notes::files::read_text(file),
            )
        };
        match text {
            Ok(text) => read.push((name, text, settings)),
            Err(e) => {
                eprintln!("offer-notes: {name}: {e}");
                unreadable = true;
            }
        }
    }
    let workspace = if read.len() > 1 {
        offer_notes::history::Elsewhere::of_journals(
            read.iter()
                .map(|(name, text, s)| (name.as_str(), text.as_str(), &s.config)),
        )
    } else {
        offer_notes::history::Elsewhere::none()
    };
    for (name, text, settings) in read {
        checked += 1;
        let report = offer_notes::check_in(&text, &settings.config, &workspace.excluding(&name));
        for d in &report.diagnostics {
            counts[d.severity as usize] += 1;
        }
        match format {
            Format::Json => json.extend(render::to_json(&name, &text, &report.diagnostics)),
            Format::Concise => {
                let mut out = std::io::stdout().lock();
                if let Err(e) = render::concise(&mut out, &name, &text, &report.diagnostics) {
                    eprintln!("offer-notes: cannot write output: {e}");
                    return ExitCode::from(2);
                }
            }
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
        Format::Concise => {}
        // no journal read: nothing to sum up, and what went wrong is already on stderr
        Format::Human if checked == 0 && unreadable => {}
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
