//! Workspace notifications the transport applies in arrival order, before any handler runs
//! (as it does text sync): a journal created, changed or deleted on disk, a folder added or
//! removed. The worker hears of them before any later request is answered, so a pull sent
//! after the notification waits for what it changed.

use super::worker::Job;
use super::State;
use serde_json::Value;
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesParams, DidChangeWorkspaceFoldersParams, FileChangeType, WorkspaceFolder,
};

/// `workspace/didChangeWatchedFiles`: a changed journal is checked again; a created or deleted
/// one (a move is both) makes the folders be walked again, so `.gitignore` still decides.
/// Settings files are the backend's (`offer-notes.toml` is read again there).
pub fn watched_files(state: &State, params: &Value) {
    let Ok(params) = serde_json::from_value::<DidChangeWatchedFilesParams>(params.clone()) else {
        return; // the framework answers for it
    };
    let mut rescan = false;
    for change in params.changes {
        let Some(path) = super::convert::file_path(&change.uri) else {
            continue;
        };
        let journal = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(crate::files::is_journal_name);
        if !journal {
            continue;
        }
        if change.typ == FileChangeType::CHANGED {
            state.schedule_disk(Job::Disk(change.uri));
        } else {
            rescan = true;
        }
    }
    if rescan {
        state.schedule_disk(Job::Scan(None));
    }
}

/// `workspace/didChangeWorkspaceFolders`: the folders change and are walked again (journals of
/// a removed folder are withdrawn, those of an added one checked).
pub fn folders_changed(state: &State, params: &Value) {
    let Ok(params) = serde_json::from_value::<DidChangeWorkspaceFoldersParams>(params.clone())
    else {
        return;
    };
    let paths = |folders: &[WorkspaceFolder]| -> Vec<std::path::PathBuf> {
        folders
            .iter()
            .filter_map(|f| super::convert::file_path(&f.uri))
            .collect()
    };
    if let Ok(mut ws) = state.workspace.lock() {
        ws.change_folders(paths(&params.event.added), &paths(&params.event.removed));
    }
    state.schedule_disk(Job::Scan(None));
}
