//! The `offer-notes` command: argument parsing and files; the work is in the library.

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use offer_notes::config::RawConfig;
use offer_notes::{render, rules, text::LineIndex, Config, Severity};
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
        /// Settings file (default: offer-notes.toml in the current folder or above).
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
        /// Settings file (default: offer-notes.toml in the current folder or above).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Explain a rule: what it means and what to do. Without a code, list the rules.
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
        } => compare(&file, format, config.as_deref()),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Lsp { .. } => offer_notes::server::run(),
    }
}

fn compare(file: &Path, format: TableFormat, config_path: Option<&Path>) -> ExitCode {
    let config = match load_config(config_path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("offer-notes: cannot read settings: {e}");
            return ExitCode::from(2);
        }
    };
    let text = match read_journal(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("offer-notes: {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let report = offer_notes::check(&text, &config);
    let rows = offer_notes::present::compare::rows(&report);
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
                rule.code,
                rule.severity.name(),
                rule.summary
            );
        }
        return ExitCode::SUCCESS;
    };
    match rules::find(code) {
        Some(rule) => {
            println!(
                "{} ({}, {})\n",
                rule.code,
                rule.severity.name(),
                rule.family.name()
            );
            println!("{}", rule.summary);
            println!();
            println!("{}", rule.explanation);
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

/// `offer-notes.toml` in `dir` or the nearest folder above it.
fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("offer-notes.toml"))
        .find(|p| p.is_file())
}

fn load_config(explicit: Option<&Path>) -> Result<Config, String> {
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| find_config(&d)),
    };
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let text = read_file(&path)
        .and_then(|bytes| String::from_utf8(bytes).context("not UTF-8 text"))
        .map_err(|e| format!("{}: {e:#}", path.display()))?;
    let raw =
        RawConfig::from_toml(&text).map_err(|p| format!("{}: {}", path.display(), p.message))?;
    let (config, problems) = raw.resolve();
    for problem in problems {
        eprintln!("offer-notes: warning: {}: {problem}", path.display());
    }
    Ok(config)
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
    let config = match load_config(config_path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("offer-notes: cannot read settings: {e}");
            return ExitCode::from(2);
        }
    };
    let mut files = Vec::new();
    let mut unreadable = false;
    for path in paths {
        unreadable |= !collect(path, &mut files);
    }
    // each journal once, however many ways it was reached
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
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
    for file in &files {
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
        let report = offer_notes::check(&text, &config);
        for d in &report.diagnostics {
            counts[d.severity as usize] += 1;
        }
        match format {
            Format::Json => json.extend(render::to_json(
                &name,
                &text,
                &LineIndex::new(&text),
                &report.diagnostics,
            )),
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

/// Larger files are refused: a journal is tens of kilobytes, and the whole file is held in
/// memory several times over while it is checked.
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// What kind of thing a path that is not a regular file is, for the one-line refusal.
fn not_a_file(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// The bytes of a regular file of at most [`MAX_FILE`] bytes. Anything else is refused
/// before a byte is read: reading a FIFO waits for a writer, and `/dev/zero` never ends.
fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read;
    // a socket cannot even be opened: say what it is rather than why opening failed
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            anyhow::bail!("{}, not a file: refused", not_a_file(meta.file_type()));
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // opening a FIFO for reading blocks until someone opens it for writing
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            anyhow::bail!("no such file or folder")
        }
        Err(e) => return Err(e).context("cannot read it"),
    };
    // what was opened, not what the path named a moment before
    let meta = file.metadata().context("cannot read it")?;
    if !meta.is_file() {
        anyhow::bail!("{}, not a file: refused", not_a_file(meta.file_type()));
    }
    let too_big = || {
        anyhow::anyhow!(
            "larger than the {} MB limit for a journal: refused",
            MAX_FILE >> 20
        )
    };
    if meta.len() > MAX_FILE {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .context("cannot read it")?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(too_big());
    }
    Ok(bytes)
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
    let bytes = read_file(path)?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}
