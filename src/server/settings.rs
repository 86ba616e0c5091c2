//! The server's side of settings: the editor's settings it was given, the workspace folders,
//! and the settings each open document was analysed with. Discovery, merge order and
//! validation are [`crate::settings`]'s; this file only turns LSP values into its inputs.

use crate::settings::{Problem, RawSettings, Resolved, Resolver};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

pub use crate::settings::{FILE_NAME, SECTION};

/// What [`Sources::reload`] found.
#[derive(Debug, Default)]
pub struct Reloaded {
    /// Open documents whose settings changed.
    pub changed: Vec<Uri>,
    /// Warnings to show.
    pub warnings: Vec<String>,
    /// The journals on disk must be checked again.
    pub recheck_disk: bool,
}

#[derive(Debug, Default)]
pub struct Sources {
    init: RawSettings,
    client: RawSettings,
    /// Workspace folders in the client's order.
    folders: Vec<PathBuf>,
    resolver: Resolver,
    /// What each open document is analysed with: a keystroke reads it from here, never disk.
    documents: HashMap<Uri, Arc<Resolved>>,
    /// Warnings shown since the settings last changed: each is shown once, and again only
    /// after a change (the person edited something and still gets it wrong).
    shown: HashSet<String>,
    /// Warnings found since (a document opened under a file not read before), not yet shown.
    pending: Vec<String>,
    /// The editor's settings or the folders changed since the last [`Sources::reload`]: the
    /// journals on disk were checked with the old ones.
    editor_dirty: bool,
}

impl Sources {
    pub fn set_init(&mut self, init: RawSettings) {
        if self.init != init {
            self.init = init;
            self.editor_changed();
        }
    }

    pub fn set_client(&mut self, client: RawSettings) {
        if self.client != client {
            self.client = client;
            self.editor_changed();
        }
    }

    fn editor_changed(&mut self) {
        let editor = self.init.clone().merge(self.client.clone());
        self.resolver.set_editor(editor);
        self.shown.clear();
        self.editor_dirty = true;
    }

    pub fn set_folders(&mut self, folders: Vec<PathBuf>) {
        if self.folders != folders {
            self.folders = folders.clone();
            self.resolver.set_folders(folders);
            self.shown.clear();
            self.editor_dirty = true;
        }
    }

    /// `workspace/didChangeWorkspaceFolders`.
    pub fn change_folders(&mut self, added: Vec<PathBuf>, removed: &[PathBuf]) {
        let mut folders = std::mem::take(&mut self.folders);
        folders.retain(|f| !removed.contains(f));
        for folder in added {
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
        self.set_folders(folders);
    }

    /// The settings for a document: the nearest `offer-notes.toml` above it under the editor's
    /// settings. Resolved once per document (and file); warnings about them wait in
    /// [`Sources::take_warnings`].
    pub fn for_document(&mut self, uri: &Uri) -> Arc<Resolved> {
        if let Some(resolved) = self.documents.get(uri) {
            return resolved.clone();
        }
        let path = super::convert::file_path(uri);
        let resolved = self.resolver.for_journal(path.as_deref());
        self.note(&resolved);
        self.documents.insert(uri.clone(), resolved.clone());
        resolved
    }

    pub fn closed(&mut self, uri: &Uri) {
        self.documents.remove(uri);
    }

    /// Something settings come from changed (`files_changed`: an `offer-notes.toml` on disk).
    /// Resolve the open documents again; returns those whose settings changed, the
    /// warnings to show, and whether the journals on disk must be checked again (a settings
    /// file or the editor's settings changed: either can change what any journal reports).
    pub fn reload(&mut self, open: &[Uri], files_changed: bool) -> Reloaded {
        if files_changed {
            self.resolver.forget_files();
            self.shown.clear();
        }
        let before = std::mem::take(&mut self.documents);
        // the editor's settings are checked even while no document is open
        let unplaced = self.resolver.for_journal(None);
        self.note(&unplaced);
        let changed = open
            .iter()
            .filter(|uri| {
                let now = self.for_document(uri);
                before.get(*uri).is_none_or(|was| was.config != now.config)
            })
            .cloned()
            .collect();
        Reloaded {
            changed,
            warnings: self.take_warnings(),
            recheck_disk: files_changed || std::mem::take(&mut self.editor_dirty),
        }
    }

    /// Warnings not shown yet.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.pending)
    }

    fn note(&mut self, resolved: &Resolved) {
        let unreadable = resolved.unreadable.iter().map(|p| {
            let file = p
                .origin
                .file()
                .map_or_else(|| FILE_NAME.to_string(), |f| f.display().to_string());
            format!("offer-notes: {file} is ignored — {}", p.message)
        });
        let unusable = resolved.problems.iter().map(warning);
        for message in unreadable.chain(unusable).collect::<Vec<_>>() {
            if self.shown.insert(message.clone()) {
                self.pending.push(message);
            }
        }
    }
}

/// How a warning about one setting reads in the editor: the setting as the person wrote it,
/// and the file it is in.
fn warning(problem: &Problem) -> String {
    match problem.origin.file() {
        Some(file) => format!(
            "offer-notes: setting `{}` in {} ignored — {}",
            problem.setting,
            file.display(),
            problem.message
        ),
        None => format!(
            "offer-notes: setting `{}` ignored — {}",
            problem.setting, problem.message
        ),
    }
}

/// Settings from `didChangeConfiguration`: either `{ "offerNotes": {...} }` or the section itself.
pub fn from_settings(settings: &Value) -> Option<RawSettings> {
    match settings.get(SECTION) {
        Some(section) => Some(RawSettings::from_json(section)),
        None if settings.is_object() && !settings.as_object()?.is_empty() => {
            Some(RawSettings::from_json(settings))
        }
        None => None,
    }
}
