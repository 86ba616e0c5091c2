//! The workspace: every journal in the workspace folders, open or not, and what the client
//! was last told about each document.
//!
//! - [`Workspace::on_disk`] is the journals the folders hold, found by the same walk as
//!   `offer-notes check DIR` ([`crate::files::journals_under`]); the worker checks those that
//!   are not open in the background, after any open document's work.
//! - [`Workspace::latest`] is each document's newest diagnostics with a result id derived
//!   from their serialised bytes: a pull whose previous result id is the current one is
//!   answered `unchanged`, and a push identical to the last one sent is not sent again.
//! - One channel per client: a client that can pull (`textDocument.diagnostic`) pulls
//!   everything and is pushed nothing; any other client is pushed everything, unopened
//!   workspace journals included.

use super::diagnostics;
use crate::history::{Elsewhere, Record};
use crate::rules::Diagnostic;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::{self as lsp, Uri};

/// A document's newest diagnostics, converted and serialised once: a push, a pull answer and
/// a workspace pull all splice these bytes in as they are.
#[derive(Debug, Clone)]
pub struct Reported {
    /// The JSON array of LSP diagnostics.
    pub json: Arc<Vec<u8>>,
    /// Derived from the serialised diagnostics: equal diagnostics (positions included) have
    /// equal ids, and any change gives a new one.
    pub result_id: String,
    /// The open document's revision they were computed for; `None` for the file on disk.
    pub revision: Option<u64>,
    /// An open document's diagnostics as they were before serialising: the next analysis
    /// compares its own with them, and when they are equal (a keystroke in prose) the bytes
    /// and the id are kept without serialising and hashing again. `None` for a file on disk.
    pub diagnostics: Option<Arc<Vec<lsp::Diagnostic>>>,
}

/// The result id of diagnostics serialised as `json`.
pub fn result_id(json: &[u8]) -> String {
    // SipHash with fixed keys: the same bytes give the same id for the whole session
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    json.hash(&mut hasher);
    format!("{:016x}-{}", hasher.finish(), json.len())
}

/// Serialise diagnostics once: the bytes a push carries and the result id a pull compares.
pub fn serialise(diagnostics: &[lsp::Diagnostic]) -> (Vec<u8>, String) {
    let json = serde_json::to_vec(diagnostics).unwrap_or_else(|_| b"[]".to_vec());
    let id = result_id(&json);
    (json, id)
}

/// An open document's diagnostics are kept for the worker's comparison with the next ones
/// while their JSON is at most this long.
pub const COMPARED_UP_TO: usize = 4 << 20;

/// An analysis's diagnostics are converted to a list of LSP diagnostics (to compare with the
/// last ones) while there are at most this many: their JSON is then about [`COMPARED_UP_TO`]
/// or less (a finding is 200 to 500 bytes of it). More are serialised one at a time.
const LISTED_UP_TO: usize = 10_000;

/// What an analysis found, ready for the worker to deliver.
pub enum Found {
    /// Converted to LSP diagnostics: compared with an open document's last ones.
    Listed(Vec<lsp::Diagnostic>),
    /// Too many to keep for comparing: serialised straight from the report (their JSON).
    Serialised { json: Vec<u8>, count: usize },
}

impl Found {
    /// The report's diagnostics, listed or serialised by how many there are.
    pub fn of(uri: &Uri, found: &[Diagnostic], positions: &crate::text::Positions) -> Found {
        if found.len() <= LISTED_UP_TO {
            Found::Listed(diagnostics::to_lsp_at(uri, found, positions))
        } else {
            Found::Serialised {
                json: diagnostics::serialise_at(uri, found, positions),
                count: found.len(),
            }
        }
    }

    pub fn count(&self) -> usize {
        match self {
            Found::Listed(listed) => listed.len(),
            Found::Serialised { count, .. } => *count,
        }
    }
}

/// A journal's history records and its diagnostics ready for the worker to deliver, with `text` dropped
/// once the records are read from it: side by side on two threads for a large journal (each
/// reads the finished report; neither needs the other).
pub fn records_and_found(
    uri: &Uri,
    text: Arc<String>,
    report: &crate::Report,
    positions: &crate::text::Positions,
) -> (Vec<crate::history::Record>, Found) {
    let large = text.len() >= crate::PARALLEL_FROM;
    let records = |text: Arc<String>| {
        let name = journal_name(uri);
        crate::history::records(&name, &text, &report.journal, &report.analysis)
    };
    let found = || Found::of(uri, &report.diagnostics, positions);
    if !large {
        return (records(text), found());
    }
    std::thread::scope(|scope| {
        let found = scope.spawn(found);
        let records = records(text);
        let found = found.join();
        (
            records,
            found.unwrap_or_else(|p| std::panic::resume_unwind(p)),
        )
    })
}

#[derive(Debug, Default)]
pub struct Workspace {
    /// The folders in the client's order.
    pub folders: Vec<PathBuf>,
    /// The journals the folders hold, each once.
    pub on_disk: BTreeMap<Uri, PathBuf>,
    /// Every document's newest diagnostics (open or on disk).
    pub latest: HashMap<Uri, Reported>,
    /// Open documents: the lines where typing changes no diagnostic, and the revision whose
    /// diagnostics in `latest` they were worked out with (see [`quiet_edit`]).
    pub quiet: HashMap<Uri, (u64, Arc<crate::incremental::QuietLines>)>,
    /// Push clients: the result id of what was last published per document.
    pub pushed: HashMap<Uri, String>,
    /// Diagnostics changed without an edit of their document since the client was last told
    /// to pull again.
    pub changed_unasked: bool,
    /// Files already named as unreadable; named again only after they were read fine.
    pub named_unreadable: HashSet<PathBuf>,
    /// The background check: journals waiting, and whether any is being checked.
    pub background: Background,
    /// Every document's history records (open: of the editor's text; else of its file): what
    /// the other journals' `same-company-again` and heading hovers read.
    records: HashMap<Uri, Vec<Record>>,
    /// The records of every journal, as built last, and the documents whose records changed
    /// since (a journal's own changes do not make the others' records stale for it).
    elsewhere: Option<Elsewhere>,
    changed_since: HashSet<Uri>,
}

/// How a journal is named in another journal's messages ("…, in /home/sam/2024.offer"): its
/// path, as `offer-notes check DIR` names it, else the URI.
pub fn journal_name(uri: &Uri) -> String {
    super::convert::file_path(uri)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| uri.as_str().to_string())
}

/// The company keys whose records differ between `old` and `new`.
fn changed_keys(old: &[Record], new: &[Record]) -> HashSet<crate::history::CompanyKey> {
    fn group(records: &[Record]) -> HashMap<&crate::history::CompanyKey, Vec<&Record>> {
        let mut by_key: HashMap<&crate::history::CompanyKey, Vec<&Record>> = HashMap::new();
        for r in records {
            by_key.entry(&r.key).or_default().push(r);
        }
        by_key
    }
    let (before, after) = (group(old), group(new));
    before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .map(|k| (*k).clone())
        .collect()
}

/// The journals on disk waiting for the worker, and the progress reported about them.
#[derive(Debug, Default)]
pub struct Background {
    queue: VecDeque<(Phase, Uri)>,
    queued: HashSet<(Phase, Uri)>,
    /// Open documents whose companies changed elsewhere while the background check ran:
    /// analysed again once, when it is done (not once per journal read).
    pub deferred_open: HashSet<Uri>,
    /// `$/progress` token and counts, when the client asked for progress.
    pub progress: Option<Progress>,
    /// Unreadable files met since the last message about them.
    pub unreadable: Vec<String>,
    /// Jobs that change what waits here (a scan, a file changed on disk, settings changed),
    /// scheduled and not yet taken by the worker: `workspace/diagnostic` waits for them.
    pub announced: usize,
    /// A journal taken from the queue is being checked.
    pub checking: Option<Uri>,
}

/// What the background does with a journal on disk: read its history records only (so every
/// journal's records are known before any is checked against them), or check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    Records,
    Check,
}

#[derive(Debug)]
pub struct Progress {
    pub token: lsp::ProgressToken,
    pub total: usize,
    pub done: usize,
    pub began: bool,
    pub last_report: std::time::Instant,
}

impl Background {
    /// Queue a journal to be checked.
    pub fn push(&mut self, uri: Uri) {
        if self.queued.insert((Phase::Check, uri.clone())) {
            self.queue.push_back((Phase::Check, uri));
            if let Some(p) = &mut self.progress {
                p.total += 1;
            }
        }
    }

    /// Queue a journal's records to be read.
    pub fn push_records(&mut self, uri: Uri) {
        if self.queued.insert((Phase::Records, uri.clone())) {
            self.queue.push_back((Phase::Records, uri));
        }
    }

    pub fn pop(&mut self) -> Option<(Phase, Uri)> {
        let next = self.queue.pop_front()?;
        self.queued.remove(&next);
        self.checking = Some(next.1.clone());
        Some(next)
    }

    /// Whether a journal waits to be checked (or is being read now).
    pub fn is_queued(&self, uri: &Uri) -> bool {
        self.queued.contains(&(Phase::Check, uri.clone())) || self.checking.as_ref() == Some(uri)
    }

    pub fn has_queued(&self) -> bool {
        !self.queue.is_empty()
    }

    pub fn is_idle(&self) -> bool {
        self.queue.is_empty() && self.announced == 0 && self.checking.is_none()
    }
}

impl Workspace {
    /// The other journals' records, for checking `uri`: rebuilt only when a journal other
    /// than `uri` changed since the last build.
    pub fn elsewhere_for(&mut self, uri: &Uri) -> Elsewhere {
        let fresh = self.changed_since.iter().all(|changed| changed == uri);
        let built = match &self.elsewhere {
            Some(built) if fresh => built.clone(),
            _ => {
                let built = Elsewhere::from_records(self.records.values().flatten());
                self.elsewhere = Some(built.clone());
                self.changed_since.clear();
                built
            }
        };
        built.excluding(&journal_name(uri))
    }

    /// A document's records are now `new`: returns the other documents whose companies
    /// changed (they are checked again).
    pub fn set_records(&mut self, uri: &Uri, new: Vec<Record>) -> Vec<Uri> {
        let old = self.records.get(uri).map(Vec::as_slice).unwrap_or_default();
        let keys = changed_keys(old, &new);
        if keys.is_empty() {
            return Vec::new();
        }
        if new.is_empty() {
            self.records.remove(uri);
        } else {
            self.records.insert(uri.clone(), new);
        }
        self.changed_since.insert(uri.clone());
        self.records
            .iter()
            .filter(|(other, records)| {
                *other != uri && records.iter().any(|r| keys.contains(&r.key))
            })
            .map(|(other, _)| other.clone())
            .collect()
    }

    /// The file behind a URI if it is a workspace journal.
    pub fn path_of(&self, uri: &Uri) -> Option<&Path> {
        self.on_disk.get(uri).map(PathBuf::as_path)
    }

    /// Replace the folders (`initialize`, `didChangeWorkspaceFolders`).
    pub fn change_folders(&mut self, added: Vec<PathBuf>, removed: &[PathBuf]) {
        self.folders.retain(|f| !removed.contains(f));
        for folder in added {
            if !self.folders.contains(&folder) {
                self.folders.push(folder);
            }
        }
    }
}

/// Walk the folders: every journal under them, each once (a folder inside another, or a
/// link to a journal elsewhere in the workspace, does not make a journal count twice), and
/// the folders that could not be read.
pub fn scan(folders: &[PathBuf]) -> (BTreeMap<Uri, PathBuf>, Vec<String>) {
    let mut found = BTreeMap::new();
    let mut seen = HashSet::new();
    let mut unreadable = Vec::new();
    for folder in folders {
        let walked = crate::files::journals_under(folder);
        unreadable.extend(walked.unreadable);
        for path in walked.journals {
            let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if !seen.insert(real) {
                continue;
            }
            if let Some(uri) = Uri::from_file_path(&path) {
                found.insert(uri, path);
            }
        }
    }
    (found, unreadable)
}

/// A file that could not be checked, as the message names it.
pub fn unreadable_line(path: &Path, why: &str) -> String {
    format!("{}: {why}", path.display())
}

/// One message about the files that could not be checked, each by name.
pub fn unreadable_message(lines: &[String]) -> String {
    let what = if lines.len() == 1 {
        "a journal".to_string()
    } else {
        format!("{} journals", lines.len())
    };
    format!(
        "offer-notes could not check {what} in the workspace (the other journals are checked): {}",
        lines.join("; ")
    )
}

/// An edit of an open document that replaced line `line`, written `old`, by `new`, taking it
/// from revision `from` to `to`. If its diagnostics for `from` are known and the edit is
/// quiet there ([`crate::incremental::QuietLines`]), they are the diagnostics of `to` too:
/// recorded as such at once, so a pull or a probe is answered without waiting for the
/// analysis (which still runs, for hovers and actions, and finds the same). Returns whether
/// it was.
pub fn quiet_edit(
    ws: &mut Workspace,
    uri: &Uri,
    line: usize,
    (old, new): (&str, &str),
    from: u64,
    to: u64,
) -> bool {
    let Some((revision, lines)) = ws.quiet.get_mut(uri) else {
        return false;
    };
    let Some(latest) = ws.latest.get_mut(uri) else {
        return false;
    };
    if *revision != from || latest.revision != Some(from) || !lines.quiet(line, old, new) {
        return false;
    }
    *revision = to;
    latest.revision = Some(to);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_diagnostics_have_equal_ids_and_any_change_gives_a_new_one() {
        let d = |line| lsp::Diagnostic {
            range: lsp::Range::new(lsp::Position::new(line, 0), lsp::Position::new(line, 4)),
            message: "below your floor".into(),
            ..Default::default()
        };
        assert_eq!(serialise(&[d(1)]).1, serialise(&[d(1)]).1);
        assert_ne!(
            serialise(&[d(1)]).1,
            serialise(&[d(2)]).1,
            "a moved position"
        );
        assert_ne!(serialise(&[d(1)]).1, serialise(&[]).1);
    }
}
