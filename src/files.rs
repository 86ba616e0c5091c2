//! Reading a journal or a settings file from disk, safely: only regular files, and only up to
//! a stated size. Used by the CLI and by settings discovery alike, so neither can hang on a
//! named pipe or read `/dev/zero` forever.

use std::io::Read;
use std::path::Path;

/// Larger files are refused: a journal is tens of kilobytes, and the whole file is held in
/// memory several times over while it is checked.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

/// Why a file was not read; the message is one line, fit to follow the file's name.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}, not a file: refused")]
    NotAFile(&'static str),
    #[error("no such file or folder")]
    NotFound,
    #[error("larger than the {} MB limit for a journal: refused", MAX_FILE >> 20)]
    TooBig,
    #[error("cannot read it: {0}")]
    Io(#[from] std::io::Error),
}

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
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    // a socket cannot even be opened: say what it is rather than why opening failed
    if let Ok(meta) = std::fs::metadata(path) {
        if !meta.is_file() {
            return Err(ReadError::NotAFile(not_a_file(meta.file_type())));
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // opening a FIFO for reading blocks until someone opens it for writing
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadError::NotFound),
        Err(e) => return Err(e.into()),
    };
    // what was opened, not what the path named a moment before
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(not_a_file(meta.file_type())));
    }
    if meta.len() > MAX_FILE {
        return Err(ReadError::TooBig);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(ReadError::TooBig);
    }
    Ok(bytes)
}

/// A UTF-8 text file, read as [`read`] does.
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read(path).map_err(|e| e.to_string())?;
    utf8(bytes)
}

/// A journal piped in (`check -`): at most [`MAX_FILE`] bytes of UTF-8, as for a file.
pub fn read_text_from(input: impl Read) -> Result<String, String> {
    let mut bytes = Vec::new();
    input
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::from(e).to_string())?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(ReadError::TooBig.to_string());
    }
    utf8(bytes)
}

fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Whether a file name is a journal's: `*.offer` or `*.offer.md`. The one predicate the CLI's
/// folder walk, the server's workspace scan and its file watcher all use.
pub fn is_journal_name(name: &str) -> bool {
    name.ends_with(".offer") || name.ends_with(".offer.md")
}

/// The journals found under a folder, and the folders that could not be read (one line each).
#[derive(Debug, Default)]
pub struct Walked {
    pub journals: Vec<std::path::PathBuf>,
    pub unreadable: Vec<String>,
}

/// Every journal under `folder`, sorted by path. Folders are walked as `.gitignore` says,
/// hidden ones and build output (`target`, `node_modules`) skipped; symbolic links are not
/// followed into folders (so a link loop cannot make the walk endless or reach a journal
/// twice), and a link to a journal file counts. A folder that cannot be read is named in
/// [`Walked::unreadable`] and the rest is still walked. Shared by `offer-notes check DIR` and
/// the language server's workspace scan, so both see the same journals.
pub fn journals_under(folder: &Path) -> Walked {
    let walk = ignore::WalkBuilder::new(folder)
        .follow_links(false)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| !matches!(e.file_name().to_str(), Some("target" | "node_modules")))
        .build();
    let mut out = Walked::default();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                out.unreadable.push(e.to_string());
                continue;
            }
        };
        let is_journal = entry.file_name().to_str().is_some_and(is_journal_name);
        // a link is a journal if it leads to a file; a folder it leads to is not walked
        let is_folder = match entry.file_type() {
            Some(t) if t.is_symlink() => entry.path().is_dir(),
            Some(t) => t.is_dir(),
            None => false,
        };
        if is_journal && !is_folder && entry.depth() > 0 {
            out.journals.push(entry.into_path());
        }
    }
    out
}

/// Write the decision report to `path`. A file already there is replaced only when it is an
/// earlier report (it carries the report's generator marker) or `force` is set, so a typo in
/// `-o` never eats a journal.
pub fn write_report(path: &Path, html: &str, force: bool) -> Result<(), String> {
    if path.is_dir() {
        return Err(format!(
            "{} is a folder: give a file name, for example -o {}",
            path.display(),
            path.join("report.html").display()
        ));
    }
    if path.exists() && !force {
        let earlier = read(path)
            .ok()
            .map(|bytes| String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).into_owned())
            .is_some_and(|head| crate::present::report::is_report(&head));
        if !earlier {
            return Err(format!(
                "{} exists and is not an earlier report: choose another file with -o, or pass --force to replace it",
                path.display()
            ));
        }
    }
    std::fs::write(path, html).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
