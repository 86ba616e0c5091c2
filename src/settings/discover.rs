//! Which `offer-notes.toml` applies to a journal (the nearest one above it) and the settings
//! the journal gets once the editor's are laid over that file. Files are parsed once per path
//! and results kept per file, so resolving many journals, or one journal on every keystroke,
//! reads nothing from disk twice.

use super::raw::{Problem, RawSettings};
use super::FILE_NAME;
use crate::config::Config;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `offer-notes.toml` in `dir` or the nearest folder above it.
pub fn nearest_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// The settings one journal gets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Resolved {
    pub config: Config,
    /// The `offer-notes.toml` that applies, if any.
    pub file: Option<PathBuf>,
    /// That file could not be read or parsed: its settings are left out, the rest apply.
    pub unreadable: Option<Problem>,
    /// Settings that were not usable; their defaults stay in force.
    pub problems: Vec<Problem>,
}

/// Settings for journals: each journal's nearest file, under the editor's settings.
#[derive(Debug, Default)]
pub struct Resolver {
    /// `initializationOptions` with `workspace/configuration` laid over it; empty for the CLI.
    editor: RawSettings,
    /// `--config FILE`: this file, wherever the journal is.
    explicit: Option<PathBuf>,
    /// The server's workspace folders, first one first. A journal outside all of them (or
    /// with no path, like an untitled buffer) that has no file above it gets the first
    /// folder's file, as when only the workspace root was read.
    folders: Vec<PathBuf>,
    /// Folder → the file nearest above it.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// Parsed files by path.
    files: HashMap<PathBuf, Result<RawSettings, Problem>>,
    /// Settings by the file they came from (`None`: no file).
    resolved: HashMap<Option<PathBuf>, Arc<Resolved>>,
}

impl Resolver {
    /// Discovery: each journal gets the nearest `offer-notes.toml` above it.
    pub fn new() -> Resolver {
        Resolver::default()
    }

    /// Every journal gets this file (`--config FILE`).
    pub fn with_file(path: &Path) -> Resolver {
        Resolver {
            explicit: Some(path.to_path_buf()),
            ..Resolver::default()
        }
    }

    /// The editor's settings, which win over any file.
    pub fn set_editor(&mut self, editor: RawSettings) {
        if self.editor != editor {
            self.editor = editor;
            self.resolved.clear();
        }
    }

    /// The workspace folders, first one first.
    pub fn set_folders(&mut self, folders: Vec<PathBuf>) {
        if self.folders != folders {
            self.folders = folders;
            self.resolved.clear();
        }
    }

    /// A settings file was created, changed or deleted: look and read again when next asked.
    pub fn forget_files(&mut self) {
        self.nearest.clear();
        self.files.clear();
        self.resolved.clear();
    }

    /// The settings for the journal at `journal` (`None`: it has no path).
    pub fn for_journal(&mut self, journal: Option<&Path>) -> Arc<Resolved> {
        let file = self.file_for(journal);
        if let Some(resolved) = self.resolved.get(&file) {
            return resolved.clone();
        }
        let (raw, unreadable) = match &file {
            Some(path) => match self
                .files
                .entry(path.clone())
                .or_insert_with_key(|path| RawSettings::load(path))
            {
                Ok(raw) => (raw.clone(), None),
                Err(problem) => (RawSettings::default(), Some(problem.clone())),
            },
            None => (RawSettings::default(), None),
        };
        let (config, problems) = raw.merge(self.editor.clone()).resolve();
        let resolved = Arc::new(Resolved {
            config,
            file: file.clone(),
            unreadable,
            problems,
        });
        self.resolved.insert(file, resolved.clone());
        resolved
    }

    fn file_for(&mut self, journal: Option<&Path>) -> Option<PathBuf> {
        if let Some(explicit) = &self.explicit {
            return Some(explicit.clone());
        }
        let folder = journal.and_then(folder_of);
        if let Some(found) = folder.clone().and_then(|f| self.nearest_to(f)) {
            return Some(found);
        }
        let in_workspace = folder.is_some_and(|f| self.folders.iter().any(|w| f.starts_with(w)));
        match self.folders.first() {
            Some(first) if !in_workspace => self.nearest_to(first.clone()),
            _ => None,
        }
    }

    fn nearest_to(&mut self, folder: PathBuf) -> Option<PathBuf> {
        self.nearest
            .entry(folder)
            .or_insert_with_key(|folder| nearest_file(folder))
            .clone()
    }
}

/// The absolute folder a journal is in: `x.offer` named from the current folder is in it,
/// and discovery goes on above it.
fn folder_of(journal: &Path) -> Option<PathBuf> {
    match journal.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => std::path::absolute(parent).ok(),
        None => std::env::current_dir().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Percent;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "offer-notes-discover-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("jobs/acme")).unwrap();
        dir
    }

    #[test]
    fn the_nearest_file_above_the_journal_applies() {
        let dir = folder("nearest");
        std::fs::write(dir.join(FILE_NAME), "anchor-years = 2\n").unwrap();
        std::fs::write(dir.join("jobs").join(FILE_NAME), "anchor-years = 3\n").unwrap();
        let mut resolver = Resolver::new();
        let deep = resolver.for_journal(Some(&dir.join("jobs/acme/x.offer")));
        assert_eq!(deep.config.anchor_years, 3);
        assert_eq!(
            deep.file.as_deref(),
            Some(dir.join("jobs").join(FILE_NAME).as_path())
        );
        let top = resolver.for_journal(Some(&dir.join("y.offer")));
        assert_eq!(top.config.anchor_years, 2);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_is_read_once_until_it_is_forgotten() {
        let dir = folder("cache");
        std::fs::write(dir.join(FILE_NAME), "raise-rate = 5\n").unwrap();
        let journal = dir.join("jobs/acme/x.offer");
        let mut resolver = Resolver::new();
        assert_eq!(
            resolver.for_journal(Some(&journal)).config.raise_rate,
            Percent(500)
        );
        std::fs::write(dir.join(FILE_NAME), "raise-rate = 4\n").unwrap();
        assert_eq!(
            resolver.for_journal(Some(&journal)).config.raise_rate,
            Percent(500),
            "cached: no disk read"
        );
        resolver.forget_files();
        assert_eq!(
            resolver.for_journal(Some(&journal)).config.raise_rate,
            Percent(400)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn editor_settings_win_and_a_broken_file_is_reported_not_fatal() {
        let dir = folder("broken");
        std::fs::write(dir.join(FILE_NAME), "anchor-years = = 2\n").unwrap();
        let mut resolver = Resolver::new();
        resolver.set_editor(RawSettings::from_json(
            &serde_json::json!({"anchorYears": 3}),
        ));
        let resolved = resolver.for_journal(Some(&dir.join("x.offer")));
        assert_eq!(resolved.config.anchor_years, 3);
        let problem = resolved.unreadable.as_ref().expect("unreadable");
        assert_eq!(problem.setting, FILE_NAME);
        assert_eq!(problem.origin.file(), Some(dir.join(FILE_NAME).as_path()));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_journal_outside_the_workspace_gets_the_first_folders_file() {
        let dir = folder("fallback");
        let other = folder("fallback-other");
        std::fs::write(dir.join(FILE_NAME), "anchor-years = 2\n").unwrap();
        let mut resolver = Resolver::new();
        resolver.set_folders(vec![dir.clone(), other.clone()]);
        assert_eq!(resolver.for_journal(None).config.anchor_years, 2);
        assert_eq!(
            resolver
                .for_journal(Some(&other.join("x.offer")))
                .config
                .anchor_years,
            4,
            "inside another folder: that folder's own (none)"
        );
        let _ = std::fs::remove_dir_all(&other);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
