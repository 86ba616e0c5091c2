//! Settings as the server sees them: each document gets the nearest `offer-notes.toml` above
//! it in whichever workspace folder it is, a changed file is read again and only the documents
//! it governs are re-published, and warnings name a setting the way the person wrote it.

mod common;

use common::Lsp;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const JOURNAL: &str =
    "today: 2026-11-22\nfloor: $190k\ndecision-date: 2026-12-01\n\n## Acme\nstatus: live\nbase: $172,000\n";

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "offer-notes-lsp-settings-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Start a server with these workspace folders and editor settings; the client can watch files
/// but has no `workspace/configuration`.
fn start(folders: &[&Path], init: Value) -> (Lsp, Value) {
    let mut lsp = Lsp::spawn();
    let folders: Vec<Value> = folders
        .iter()
        .map(|f| json!({"uri": uri(f), "name": f.file_name().unwrap().to_str().unwrap()}))
        .collect();
    let response = lsp.request(
        "initialize",
        json!({
            "processId": null,
            "workspaceFolders": folders,
            "capabilities": {"workspace": {
                "workspaceFolders": true,
                "didChangeWatchedFiles": {"dynamicRegistration": true}
            }},
            "initializationOptions": init,
        }),
    );
    lsp.notify("initialized", json!({}));
    (lsp, response)
}

/// The severity of `below-floor` in what was published for `uri` at `version` (None: absent).
fn below_floor(lsp: &mut Lsp, uri: &str, version: i32) -> Option<i64> {
    lsp.diagnostics(uri, version)
        .iter()
        .find(|d| d["code"] == "below-floor")
        .map(|d| d["severity"].as_i64().unwrap())
}

#[test]
fn each_document_gets_the_nearest_settings_file_in_its_own_workspace_folder() {
    let a = folder("a");
    let b = folder("b");
    write(
        &a.join("offer-notes.toml"),
        "disabled-rules = [\"below-floor\"]\n",
    );
    write(
        &b.join("deep/offer-notes.toml"),
        "[severity]\nbelow-floor = \"error\"\n",
    );
    let (mut lsp, response) = start(&[&a, &b], Value::Null);
    assert_eq!(
        response["result"]["capabilities"]["workspace"]["workspaceFolders"]["supported"],
        true
    );
    let in_a = uri(&a.join("jobs/acme.offer"));
    let deep_in_b = uri(&b.join("deep/acme.offer"));
    let top_of_b = uri(&b.join("acme.offer"));
    lsp.open(&in_a, JOURNAL, 1);
    lsp.open(&deep_in_b, JOURNAL, 1);
    lsp.open(&top_of_b, JOURNAL, 1);
    assert_eq!(below_floor(&mut lsp, &in_a, 1), None, "a/offer-notes.toml");
    assert_eq!(
        below_floor(&mut lsp, &deep_in_b, 1),
        Some(1),
        "b/deep/offer-notes.toml"
    );
    assert_eq!(
        below_floor(&mut lsp, &top_of_b, 1),
        Some(2),
        "no file above it: defaults"
    );
}

#[test]
fn a_changed_settings_file_is_read_again_and_only_its_documents_are_republished() {
    let a = folder("watched");
    let b = folder("untouched");
    let file = a.join("offer-notes.toml");
    write(&file, "disabled-rules = [\"below-floor\"]\n");
    let (mut lsp, _) = start(&[&a, &b], Value::Null);
    let registered = lsp.wait_for(|m| m["method"] == "client/registerCapability");
    let globs = &registered["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert!(
        globs
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["globPattern"] == "**/offer-notes.toml"),
        "{globs}"
    );
    let governed = uri(&a.join("acme.offer"));
    let elsewhere = uri(&b.join("acme.offer"));
    lsp.open(&governed, JOURNAL, 1);
    lsp.open(&elsewhere, JOURNAL, 1);
    assert_eq!(below_floor(&mut lsp, &governed, 1), None);
    assert_eq!(below_floor(&mut lsp, &elsewhere, 1), Some(2));
    // typing reads nothing from disk: an edit before the notification keeps the old settings
    write(&file, "[severity]\nbelow-floor = \"error\"\n");
    lsp.change(&governed, 2, &[(6, 6, 6, 14, "$171,000")]);
    assert_eq!(below_floor(&mut lsp, &governed, 2), None);
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&file), "type": 2}]}),
    );
    let republished = lsp.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == governed.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|a| a.iter().any(|d| d["code"] == "below-floor"))
    });
    assert_eq!(republished["params"]["version"], 2);
    let below: Vec<_> = republished["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "below-floor")
        .collect();
    assert_eq!(below[0]["severity"], 1);
    let others = lsp.received_matching(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == elsewhere.as_str()
    });
    assert!(others.is_empty(), "its settings did not change: {others:?}");
    // a file deleted: the document falls back to the defaults
    std::fs::remove_file(&file).unwrap();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&file), "type": 3}]}),
    );
    lsp.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == governed.as_str()
            && m["params"]["diagnostics"].as_array().is_some_and(|a| {
                a.iter()
                    .any(|d| d["code"] == "below-floor" && d["severity"] == 2)
            })
    });
}

fn warnings(lsp: &mut Lsp) -> Vec<String> {
    lsp.received_matching(|m| m["method"] == "window/showMessage")
        .iter()
        .map(|m| m["params"]["message"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_warning_names_the_setting_as_the_file_or_the_editor_wrote_it() {
    let dir = folder("names");
    let file = dir.join("offer-notes.toml");
    write(&file, "raise-rate = nan\nanchor-years = 3\n");
    let (mut lsp, _) = start(&[&dir], json!({"smallGapPercent": 0}));
    let doc = uri(&dir.join("acme.offer"));
    lsp.open(&doc, JOURNAL, 1);
    lsp.diagnostics(&doc, 1);
    let said = warnings(&mut lsp);
    let from_file: Vec<_> = said.iter().filter(|w| w.contains("`raise-rate`")).collect();
    assert_eq!(from_file.len(), 1, "once: {said:?}");
    assert!(
        from_file[0].contains(&file.display().to_string()),
        "{said:?}"
    );
    assert!(from_file[0].contains("got nan"), "{said:?}");
    assert!(
        said.iter().any(|w| w.contains("`smallGapPercent`")),
        "{said:?}"
    );
    assert!(!said
        .iter()
        .any(|w| w.contains("raiseRate") || w.contains("small-gap-percent")));
    // the file's usable setting still applies (and the unusable one keeps its default): the
    // hover's projection runs to 3 years at 3.5% a year
    let hover = lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 6, "character": 8}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(text.contains("over 3 years"), "{text}");
    assert!(
        !text.contains("year 4"),
        "anchor-years = 3 from the file: {text}"
    );
    assert!(text.contains("raises of 3.5% a year"), "{text}");
}

#[test]
fn a_buffer_without_a_path_follows_the_first_workspace_folder_as_folders_change() {
    let first = folder("first");
    let second = folder("second");
    write(
        &first.join("offer-notes.toml"),
        "disabled-rules = [\"below-floor\"]\n",
    );
    write(
        &second.join("offer-notes.toml"),
        "[severity]\nbelow-floor = \"hint\"\n",
    );
    let (mut lsp, _) = start(&[&first], Value::Null);
    let untitled = "untitled:Untitled-1";
    lsp.open(untitled, JOURNAL, 1);
    assert_eq!(below_floor(&mut lsp, untitled, 1), None);
    lsp.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {
            "added": [{"uri": uri(&second), "name": "second"}],
            "removed": [{"uri": uri(&first), "name": "first"}]
        }}),
    );
    lsp.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == untitled
            && m["params"]["diagnostics"].as_array().is_some_and(|a| {
                a.iter()
                    .any(|d| d["code"] == "below-floor" && d["severity"] == 4)
            })
    });
}

#[test]
fn a_change_notice_without_settings_makes_the_server_ask_again_and_editor_silence_lets_the_file_apply(
) {
    // what the VS Code extension does: it sends only the settings the person set, and on a change
    // says `didChangeConfiguration` with null settings so the server pulls the section
    let dir = folder("pull");
    write(
        &dir.join("offer-notes.toml"),
        "disabled-rules = [\"below-floor\"]\n",
    );
    let doc = uri(&dir.join("acme.offer"));
    let mut lsp = Lsp::spawn();
    lsp.settings = json!({"severity": {"below-floor": "error"}, "disabledRules": []});
    lsp.request(
        "initialize",
        json!({
            "processId": null,
            "workspaceFolders": [{"uri": uri(&dir), "name": "pull"}],
            "capabilities": {"workspace": {"configuration": true}},
        }),
    );
    lsp.notify("initialized", json!({}));
    lsp.open(&doc, JOURNAL, 1);
    assert_eq!(
        below_floor(&mut lsp, &doc, 1),
        Some(1),
        "the editor's list wins"
    );
    lsp.settings = json!({});
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    lsp.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == doc.as_str()
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|a| !a.iter().any(|d| d["code"] == "below-floor"))
    });
}
