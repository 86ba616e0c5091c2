//! The workspace through the real server and a real folder on disk: every journal in the
//! workspace folders is checked, open or not, and what the editor gets for each — pushed or
//! pulled — equals what `offer-notes check --format json` reports for that file.

mod common;

use common::{comparable, Comparable, Lsp};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

const JOURNAL: &str = "today: 2026-11-22\nfloor: $190k\ndecision-date: 2026-12-01\n\n## Acme\nstatus: live\nbase: $172,000\n\nThe team seemed kind.\n";
const CLEAN: &str =
    "today: 2026-11-22\nfloor: $190k\n\n## Globex\nstatus: declined\nbase: $200,000\n";

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "offer-notes-workspace-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// What the client says it can do.
#[derive(Clone, Copy, Default)]
struct Client {
    pull: bool,
    progress: bool,
    watch: bool,
}

const PUSH: Client = Client {
    pull: false,
    progress: false,
    watch: true,
};
const PULL: Client = Client {
    pull: true,
    progress: false,
    watch: true,
};

fn start(folders: &[&Path], client: Client) -> (Lsp, Value) {
    let mut lsp = Lsp::spawn();
    let folders: Vec<Value> = folders
        .iter()
        .map(|f| json!({"uri": uri(f), "name": f.file_name().unwrap().to_str().unwrap()}))
        .collect();
    let mut capabilities = json!({"workspace": {"workspaceFolders": true}});
    if client.watch {
        capabilities["workspace"]["didChangeWatchedFiles"] = json!({"dynamicRegistration": true});
    }
    if client.pull {
        capabilities["textDocument"] = json!({"diagnostic": {"dynamicRegistration": false}});
    }
    if client.progress {
        capabilities["window"] = json!({"workDoneProgress": true});
    }
    let response = lsp.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": folders, "capabilities": capabilities}),
    );
    lsp.notify("initialized", json!({}));
    (lsp, response)
}

/// What `offer-notes check --format json PATH` reports, per file URI, sorted.
fn checked(path: &Path) -> BTreeMap<String, Vec<Comparable>> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_offer-notes"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let mut by_file: BTreeMap<String, Vec<Comparable>> = BTreeMap::new();
    for d in serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("json") {
        let file = d["file"].as_str().unwrap();
        by_file
            .entry(uri(Path::new(file)))
            .or_default()
            .push(comparable(&d));
    }
    for found in by_file.values_mut() {
        found.sort();
    }
    by_file
}

fn sorted(items: &[Value]) -> Vec<Comparable> {
    let mut out: Vec<_> = items.iter().map(comparable).collect();
    out.sort();
    out
}

fn is_publish_for(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

/// Wait for the next publish for a file on disk (version null).
fn pushed(lsp: &mut Lsp, uri: &str) -> Vec<Comparable> {
    let msg = lsp.wait_for(|m| is_publish_for(m, uri));
    assert_eq!(
        msg["params"]["version"],
        Value::Null,
        "a file, not an open document"
    );
    sorted(msg["params"]["diagnostics"].as_array().unwrap())
}

/// `workspace/diagnostic`, as `uri → report`.
fn pull_workspace(lsp: &mut Lsp, previous: &[(String, String)]) -> BTreeMap<String, Value> {
    let previous: Vec<Value> = previous
        .iter()
        .map(|(u, id)| json!({"uri": u, "value": id}))
        .collect();
    let answer = lsp.request(
        "workspace/diagnostic",
        json!({"previousResultIds": previous}),
    );
    answer["result"]["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{answer}"))
        .iter()
        .map(|item| (item["uri"].as_str().unwrap().to_string(), item.clone()))
        .collect()
}

fn changed_on_disk(lsp: &mut Lsp, changes: &[(&Path, u8)]) {
    let changes: Vec<Value> = changes
        .iter()
        .map(|(p, typ)| json!({"uri": uri(p), "type": typ}))
        .collect();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": changes}),
    );
}

const CREATED: u8 = 1;
const CHANGED: u8 = 2;
const DELETED: u8 = 3;

/// A workspace with journals in nested folders, one that .gitignore names, one in a hidden
/// folder and one that is not a journal.
fn sample(name: &str) -> (PathBuf, Vec<PathBuf>, Vec<PathBuf>) {
    let root = folder(name);
    let journals = vec![
        root.join("2024/acme.offer"),
        root.join("2026/search.offer"),
        root.join("notes.offer.md"),
    ];
    write(&journals[0], JOURNAL);
    write(&journals[1], CLEAN);
    write(&journals[2], JOURNAL.replace("$172,000", "$150,000"));
    write(&root.join(".gitignore"), "drafts/\n");
    let skipped = vec![
        root.join("drafts/old.offer"),
        root.join(".hidden/x.offer"),
        root.join("readme.txt"),
    ];
    for path in &skipped {
        write(path, JOURNAL);
    }
    (root, journals, skipped)
}

#[test]
fn every_journal_in_the_folder_is_pushed_unopened_as_check_reports_it() {
    let (root, journals, skipped) = sample("push");
    let expected = checked(&root);
    let (mut lsp, init) = start(
        &[&root],
        Client {
            progress: true,
            ..PUSH
        },
    );
    assert!(
        init["result"]["capabilities"]["diagnosticProvider"].is_null(),
        "a client that cannot pull is not offered pull"
    );
    for journal in &journals {
        let u = uri(journal);
        let want = expected.get(&u).cloned().unwrap_or_default();
        assert_eq!(pushed(&mut lsp, &u), want, "{u}");
    }
    // the background check is over once its progress ends: nothing else was published
    lsp.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    let extra = lsp.received_matching(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && skipped.iter().any(|s| m["params"]["uri"] == uri(s))
    });
    assert!(
        extra.is_empty(),
        "ignored, hidden or not journals: {extra:#?}"
    );
}

#[test]
fn a_pulling_client_gets_every_journal_from_workspace_diagnostic_and_nothing_pushed() {
    let (root, journals, skipped) = sample("pull");
    let expected = checked(&root);
    let (mut lsp, init) = start(&[&root], PULL);
    let provider = &init["result"]["capabilities"]["diagnosticProvider"];
    assert_eq!(provider["interFileDependencies"], true);
    assert_eq!(provider["workspaceDiagnostics"], true);
    let first = pull_workspace(&mut lsp, &[]);
    let mut ids = Vec::new();
    for journal in &journals {
        let u = uri(journal);
        let report = first
            .get(&u)
            .unwrap_or_else(|| panic!("{u} missing: {first:#?}"));
        assert_eq!(report["kind"], "full");
        assert_eq!(report["version"], Value::Null);
        let want = expected.get(&u).cloned().unwrap_or_default();
        assert_eq!(sorted(report["items"].as_array().unwrap()), want, "{u}");
        ids.push((u, report["resultId"].as_str().unwrap().to_string()));
    }
    for s in &skipped {
        assert!(
            !first.contains_key(&uri(s)),
            "{} is not checked",
            s.display()
        );
    }
    assert_eq!(first.len(), journals.len());
    // nothing changed: every journal answers `unchanged`, with the same id
    let second = pull_workspace(&mut lsp, &ids);
    for (u, id) in &ids {
        assert_eq!(second[u]["kind"], "unchanged", "{u}");
        assert_eq!(second[u]["resultId"], id.as_str());
    }
    let pushed = lsp.received_matching(|m| m["method"] == "textDocument/publishDiagnostics");
    assert!(pushed.is_empty(), "one channel per client: {pushed:#?}");
}

/// A document pull answers `unchanged` when the previous result id still describes the
/// diagnostics, and a new full result (with a new id) after an edit that changes them.
#[test]
fn document_pulls_answer_unchanged_until_the_diagnostics_change() {
    let root = folder("document-pull");
    let path = root.join("acme.offer");
    write(&path, JOURNAL);
    let (mut lsp, _) = start(&[&root], PULL);
    let u = uri(&path);
    lsp.open(&u, JOURNAL, 1);
    let pull = |lsp: &mut Lsp, previous: Option<&str>| {
        let answer = lsp.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": u}, "previousResultId": previous}),
        );
        answer["result"].clone()
    };
    let first = pull(&mut lsp, None);
    assert_eq!(first["kind"], "full");
    let id = first["resultId"].as_str().unwrap().to_string();
    assert!(first["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "below-floor"));
    assert_eq!(pull(&mut lsp, Some(&id))["kind"], "unchanged");
    // a keystroke in prose (line 8, "The team seemed kind.") changes nothing
    lsp.change(&u, 2, &[(8, 9, 8, 9, "very ")]);
    let after_prose = pull(&mut lsp, Some(&id));
    assert_eq!(after_prose["kind"], "unchanged");
    assert_eq!(after_prose["resultId"], id.as_str());
    // raising the base above the floor removes below-floor: a new result, a new id
    lsp.change(&u, 3, &[(6, 6, 6, 14, "$200,000")]);
    let after_edit = pull(&mut lsp, Some(&id));
    assert_eq!(after_edit["kind"], "full");
    assert_ne!(after_edit["resultId"], id.as_str());
    let mut text = JOURNAL.replace("$172,000", "$200,000");
    text = text.replace("seemed kind", "seemed very kind");
    let expected = common::expected_diagnostics(&text, offer_notes::text::Encoding::Utf16);
    assert_eq!(sorted(after_edit["items"].as_array().unwrap()), expected);
}

#[test]
fn a_push_identical_to_the_last_one_is_not_sent_again() {
    let root = folder("push-once");
    let (mut lsp, _) = start(&[&root], PUSH);
    let u = uri(&root.join("open.offer"));
    lsp.open(&u, JOURNAL, 1);
    let first = lsp.diagnostics(&u, 1);
    assert!(first.iter().any(|d| d["code"] == "below-floor"));
    // a prose keystroke: the same diagnostics, at the same positions
    lsp.change(&u, 2, &[(8, 9, 8, 9, "very ")]);
    let probe = lsp.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": u}}),
    );
    assert_eq!(probe["result"]["items"].as_array().unwrap(), &first);
    let resent = lsp.received_matching(|m| is_publish_for(m, &u) && m["params"]["version"] == 2);
    assert!(
        resent.is_empty(),
        "unchanged diagnostics were sent again: {resent:#?}"
    );
    // an edit that moves a diagnostic (a line above it) is published
    lsp.change(&u, 3, &[(3, 0, 3, 0, "\n")]);
    let moved = lsp.wait_for(|m| is_publish_for(m, &u) && m["params"]["version"] == 3);
    assert_ne!(moved["params"]["diagnostics"].as_array().unwrap(), &first);
}

#[test]
fn files_created_changed_and_deleted_on_disk_are_picked_up() {
    for client in [PUSH, PULL] {
        let root = folder(if client.pull {
            "disk-pull"
        } else {
            "disk-push"
        });
        write(&root.join("kept.offer"), CLEAN);
        let (mut lsp, _) = start(&[&root], client);
        let registered = lsp.wait_for(|m| m["method"] == "client/registerCapability");
        let globs =
            registered["params"]["registrations"][0]["registerOptions"]["watchers"].to_string();
        assert!(globs.contains("**/*.offer"), "{globs}");
        let kept = uri(&root.join("kept.offer"));
        let added = root.join("new/added.offer");
        let u = uri(&added);
        if !client.pull {
            pushed(&mut lsp, &kept);
        }
        write(&added, JOURNAL);
        changed_on_disk(&mut lsp, &[(&added, CREATED)]);
        let now = |lsp: &mut Lsp| -> Option<Vec<Comparable>> {
            if client.pull {
                let all = pull_workspace(lsp, &[]);
                all.get(&u).map(|r| sorted(r["items"].as_array().unwrap()))
            } else {
                Some(pushed(lsp, &u))
            }
        };
        assert_eq!(now(&mut lsp), Some(checked(&added)[&u].clone()), "created");
        write(&added, JOURNAL.replace("$172,000", "$120,000"));
        changed_on_disk(&mut lsp, &[(&added, CHANGED)]);
        let after = now(&mut lsp).unwrap();
        assert_eq!(after, checked(&added)[&u], "changed");
        assert!(after.iter().any(|d| d.2.contains("120")), "{after:?}");
        std::fs::remove_file(&added).unwrap();
        changed_on_disk(&mut lsp, &[(&added, DELETED)]);
        if client.pull {
            assert!(!pull_workspace(&mut lsp, &[]).contains_key(&u), "gone");
        } else {
            assert_eq!(pushed(&mut lsp, &u), Vec::new(), "cleared");
        }
    }
}

/// An open document's editor text wins over its file; closed again, the file counts.
#[test]
fn the_editor_text_wins_over_the_disk_while_open() {
    let root = folder("editor-wins");
    let path = root.join("acme.offer");
    write(&path, JOURNAL);
    let (mut lsp, _) = start(&[&root], PUSH);
    let u = uri(&path);
    let on_disk = checked(&path)[&u].clone();
    assert_eq!(pushed(&mut lsp, &u), on_disk);
    lsp.open(&u, CLEAN, 1);
    let open = lsp.diagnostics(&u, 1);
    assert!(open.iter().all(|d| d["code"] != "below-floor"), "{open:?}");
    // the file changes on disk while open: the editor's text still counts
    write(&path, JOURNAL.replace("$172,000", "$100,000"));
    changed_on_disk(&mut lsp, &[(&path, CHANGED)]);
    lsp.change(&u, 2, &[(0, 0, 0, 0, "")]);
    assert_eq!(sorted(&lsp.diagnostics(&u, 2)), sorted(&open));
    lsp.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    assert_eq!(pushed(&mut lsp, &u), checked(&path)[&u], "the file again");
}

#[test]
fn a_journal_moved_between_folders_is_reported_under_its_new_name_only() {
    let a = folder("move-a");
    let b = folder("move-b");
    let from = a.join("acme.offer");
    let to = b.join("acme.offer");
    write(&from, JOURNAL);
    write(&b.join("other.offer"), CLEAN);
    let (mut lsp, _) = start(&[&a, &b], PUSH);
    let (old, new) = (uri(&from), uri(&to));
    let before = pushed(&mut lsp, &old);
    assert!(!before.is_empty());
    std::fs::rename(&from, &to).unwrap();
    changed_on_disk(&mut lsp, &[(&from, DELETED), (&to, CREATED)]);
    assert_eq!(pushed(&mut lsp, &new), checked(&to)[&new]);
    assert_eq!(
        pushed(&mut lsp, &old),
        Vec::new(),
        "the old name is cleared"
    );
    // the folder is removed from the workspace: its journals are cleared too
    let other = uri(&b.join("other.offer"));
    lsp.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": [{"uri": uri(&b), "name": "move-b"}]}}),
    );
    assert_eq!(pushed(&mut lsp, &new), Vec::new());
    let _ = other;
}

#[test]
fn each_folder_is_checked_with_its_own_settings_file() {
    let quiet = folder("config-quiet");
    let strict = folder("config-strict");
    write(
        &quiet.join("offer-notes.toml"),
        "disabled-rules = [\"below-floor\"]\n",
    );
    write(
        &strict.join("offer-notes.toml"),
        "[severity]\nbelow-floor = \"error\"\n",
    );
    let (q, s) = (quiet.join("a.offer"), strict.join("sub/b.offer"));
    write(&q, JOURNAL);
    write(&s, JOURNAL);
    let (mut lsp, _) = start(&[&quiet, &strict], PUSH);
    let (qu, su) = (uri(&q), uri(&s));
    let quiet_found = pushed(&mut lsp, &qu);
    let strict_found = pushed(&mut lsp, &su);
    assert_eq!(
        quiet_found,
        checked(&q).get(&qu).cloned().unwrap_or_default()
    );
    assert_eq!(strict_found, checked(&s)[&su]);
    assert!(quiet_found.iter().all(|d| d.1 != "below-floor"));
    assert!(strict_found
        .iter()
        .any(|d| d.1 == "below-floor" && d.3 == "error"));
    // the quiet folder's settings change on disk: its journal is checked again
    write(
        &quiet.join("offer-notes.toml"),
        "[severity]\nbelow-floor = \"hint\"\n",
    );
    changed_on_disk(&mut lsp, &[(&quiet.join("offer-notes.toml"), CHANGED)]);
    let again = pushed(&mut lsp, &qu);
    assert_eq!(again, checked(&q)[&qu]);
    assert!(again.iter().any(|d| d.1 == "below-floor" && d.3 == "hint"));
}

#[test]
fn an_unreadable_journal_is_named_once_and_the_rest_are_checked() {
    let root = folder("unreadable");
    write(&root.join("good.offer"), JOURNAL);
    write(
        &root.join("latin1.offer"),
        b"floor: $190k\n## Soci\xe9t\xe9\n".as_slice(),
    );
    std::os::unix::fs::symlink(root.join("nowhere.offer"), root.join("dangling.offer")).unwrap();
    let (mut lsp, _) = start(&[&root], PUSH);
    let good = uri(&root.join("good.offer"));
    assert_eq!(
        pushed(&mut lsp, &good),
        checked(&root.join("good.offer"))[&good]
    );
    let message = lsp.wait_for(|m| m["method"] == "window/showMessage");
    let text = message["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("latin1.offer") && text.contains("UTF-8"),
        "{text}"
    );
    assert!(text.contains("dangling.offer"), "{text}");
    assert!(text.contains("could not check 2 journals"), "{text}");
    // the folder is walked again (a journal was added): the same files are not named again
    write(&root.join("added.offer"), CLEAN);
    changed_on_disk(&mut lsp, &[(&root.join("added.offer"), CREATED)]);
    pushed(&mut lsp, &uri(&root.join("added.offer")));
    let again = lsp.received_matching(|m| m["method"] == "window/showMessage");
    assert!(again.is_empty(), "named once: {again:#?}");
}

#[test]
fn progress_is_reported_only_to_a_client_that_shows_it() {
    let root = folder("progress");
    for i in 0..5 {
        write(&root.join(format!("j{i}.offer")), JOURNAL);
    }
    let (mut lsp, _) = start(
        &[&root],
        Client {
            progress: true,
            ..PUSH
        },
    );
    let create = lsp.wait_for(|m| m["method"] == "window/workDoneProgress/create");
    let token = create["params"]["token"].clone();
    let begin =
        lsp.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin");
    assert_eq!(begin["params"]["token"], token);
    assert_eq!(begin["params"]["value"]["message"], "0/5 journals");
    let end =
        lsp.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    assert_eq!(end["params"]["value"]["message"], "5 journals checked");

    let (mut lsp, _) = start(&[&root], PUSH);
    for i in 0..5 {
        pushed(&mut lsp, &uri(&root.join(format!("j{i}.offer"))));
    }
    let progress = lsp.received_matching(|m| {
        m["method"] == "$/progress" || m["method"] == "window/workDoneProgress/create"
    });
    assert!(progress.is_empty(), "{progress:#?}");
}

/// 500 journals, none opened: every one is reported, each exactly as `check` reports it, and
/// the document the person opens is answered before the background check ends.
#[test]
fn a_500_journal_workspace_is_checked_completely() {
    let root = folder("five-hundred");
    for i in 0..500 {
        write(
            &root.join(format!("search-{}/journal-{i:03}.offer", i % 7)),
            synthetic::journal(2_000 + (i * 37) % 3_000),
        );
    }
    let expected = checked(&root);
    let (mut lsp, _) = start(
        &[&root],
        Client {
            progress: true,
            ..PUSH
        },
    );
    let open = uri(&root.join("open.offer"));
    lsp.open(&open, JOURNAL, 1);
    let mut seen = BTreeMap::new();
    let mut open_first = false;
    loop {
        let m = lsp.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                || (m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")
        });
        if m["method"] == "$/progress" {
            break;
        }
        let u = m["params"]["uri"].as_str().unwrap().to_string();
        if u == open {
            open_first = true;
            continue;
        }
        seen.insert(u, sorted(m["params"]["diagnostics"].as_array().unwrap()));
    }
    assert!(
        open_first,
        "the open document is answered before the background check ends"
    );
    let all: Vec<String> = (0..500)
        .map(|i| uri(&root.join(format!("search-{}/journal-{i:03}.offer", i % 7))))
        .collect();
    let missing: Vec<_> = all.iter().filter(|u| !seen.contains_key(*u)).collect();
    assert_eq!(seen.len(), 500, "missing: {missing:?}");
    for (u, found) in &seen {
        assert_eq!(found, &expected.get(u).cloned().unwrap_or_default(), "{u}");
    }

    let (mut lsp, _) = start(&[&root], PULL);
    let pulled = pull_workspace(&mut lsp, &[]);
    assert_eq!(pulled.len(), 500);
    for (u, report) in &pulled {
        let want = expected.get(u).cloned().unwrap_or_default();
        assert_eq!(sorted(report["items"].as_array().unwrap()), want, "{u}");
    }
}

const WALKED_2024: &str = "# Job search 2024\ntoday: 2026-11-30\nfloor: $140k base\ndecision-date: 2024-03-02\n\n## Offer: Harbor Analytics, Inc.\nstatus: declined\nbase: $124,000\ncounter 2024-02-26: asked $140k, got $128k\ndecision 2024-03-02: walk\n";
const SEARCH_2026: &str = "# Job search 2026\ntoday: 2026-11-30\nfloor: $165k base\ndecision-date: 2026-12-15\n\n## harbor analytics (Boston)\nstatus: live\nbase: $168,000\n";

/// `same-company-again` across the journals of one workspace: the unopened journal of this
/// year's search hears of the walk-away written in another journal, exactly as `check DIR`
/// says; and when the walk-away is edited away in the editor, this year's journal is checked
/// again without being touched.
#[test]
fn a_company_walked_from_in_another_journal_is_named_and_rechecked_when_that_changes() {
    for client in [PUSH, PULL] {
        let root = folder(if client.pull {
            "history-pull"
        } else {
            "history-push"
        });
        let (old, new) = (root.join("2024.offer"), root.join("2026.offer"));
        write(&old, WALKED_2024);
        write(&new, SEARCH_2026);
        let expected = checked(&root);
        let u = uri(&new);
        assert!(
            expected[&u]
                .iter()
                .any(|d| d.1 == "same-company-again" && d.2.contains("2024-03-02")),
            "check DIR reads the other journal: {:?}",
            expected[&u]
        );
        let (mut lsp, _) = start(&[&root], client);
        let now = |lsp: &mut Lsp| -> Vec<Comparable> {
            if client.pull {
                let all = pull_workspace(lsp, &[]);
                sorted(all[&u]["items"].as_array().unwrap())
            } else {
                pushed(lsp, &u)
            }
        };
        assert_eq!(now(&mut lsp), expected[&u]);
        // the 2024 journal is opened and its company renamed: 2026 is checked again
        let old_uri = uri(&old);
        lsp.open(&old_uri, WALKED_2024, 1);
        lsp.change(&old_uri, 2, &[(5, 10, 5, 34, "Initech")]);
        lsp.diagnostics(&old_uri, 2);
        let after = now(&mut lsp);
        assert!(
            after.iter().all(|d| d.1 != "same-company-again"),
            "{after:?}"
        );
        let alone = checked(&new).get(&u).cloned().unwrap_or_default();
        assert_eq!(after, alone, "as check on that journal alone");
    }
}

/// A pull client cannot know that a file it has not opened changed on disk: when diagnostics
/// change without an edit of their own document, the server asks it to pull again.
#[test]
fn a_pull_client_is_asked_to_pull_again_when_a_file_on_disk_changes() {
    let root = folder("refresh");
    let path = root.join("acme.offer");
    write(&path, JOURNAL);
    let mut lsp = Lsp::spawn();
    let root_uri = uri(&root);
    lsp.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": [{"uri": root_uri, "name": "refresh"}],
               "capabilities": {"textDocument": {"diagnostic": {}},
                                "workspace": {"diagnostics": {"refreshSupport": true},
                                              "didChangeWatchedFiles": {"dynamicRegistration": true}}}}),
    );
    lsp.notify("initialized", json!({}));
    let first = pull_workspace(&mut lsp, &[]);
    assert!(first.contains_key(&uri(&path)));
    let asked = lsp.received_matching(|m| m["method"] == "workspace/diagnostic/refresh");
    assert!(asked.is_empty(), "nothing changed yet: {asked:#?}");
    write(&path, JOURNAL.replace("$172,000", "$120,000"));
    changed_on_disk(&mut lsp, &[(&path, CHANGED)]);
    lsp.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    let again = pull_workspace(&mut lsp, &[]);
    let items = again[&uri(&path)]["items"].to_string();
    assert!(items.contains("$120,000"), "{items}");
}

/// A pull client whose settings change (VS Code: `offerNotes.disabledRules`, then a
/// `didChangeConfiguration` with null settings, as the extension sends) is asked to pull again,
/// and what it pulls reflects the new settings for the open journal and the unopened one alike.
#[test]
fn a_pull_client_sees_a_disabled_rule_go_from_open_and_unopened_journals() {
    let root = folder("settings-pull");
    let opened = root.join("acme.offer");
    let unopened = root.join("copy.offer.md");
    // the example journal: several rules fire on it
    let journal = include_str!("../examples/middle-runway.offer");
    write(&opened, journal);
    write(&unopened, journal);
    let mut lsp = Lsp::spawn();
    lsp.settings = json!({});
    lsp.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": [{"uri": uri(&root), "name": "settings-pull"}],
               "capabilities": {"textDocument": {"diagnostic": {}},
                                "workspace": {"configuration": true,
                                              "diagnostics": {"refreshSupport": true}}}}),
    );
    lsp.notify("initialized", json!({}));
    lsp.open(&uri(&opened), journal, 1);
    let codes = |items: &Value| -> Vec<String> {
        items
            .as_array()
            .unwrap_or_else(|| panic!("{items}"))
            .iter()
            .map(|d| d["code"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let pull_document = |lsp: &mut Lsp| -> Value {
        lsp.request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri(&opened)}}),
        )["result"]
            .clone()
    };
    let before = pull_document(&mut lsp);
    let workspace = pull_workspace(&mut lsp, &[]);
    let unopened_before = &workspace[&uri(&unopened)];
    // the rule to disable: one both journals report, other than below-floor
    let victim = codes(&before["items"])
        .into_iter()
        .find(|c| c != "below-floor")
        .expect("a rule besides below-floor fires on the journal");
    assert!(codes(&unopened_before["items"]).contains(&victim));

    lsp.settings = json!({"disabledRules": [victim]});
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    lsp.wait_for(|m| m["method"] == "workspace/diagnostic/refresh");
    let after = pull_document(&mut lsp);
    assert!(
        !codes(&after["items"]).contains(&victim),
        "{victim} still reported for the open journal: {after}"
    );
    let previous = vec![(
        uri(&unopened),
        unopened_before["resultId"].as_str().unwrap().to_string(),
    )];
    let again = pull_workspace(&mut lsp, &previous);
    let report = &again[&uri(&unopened)];
    assert_eq!(
        report["kind"], "full",
        "a new result for new settings: {report}"
    );
    let codes_after = codes(&report["items"]);
    assert!(
        !codes_after.contains(&victim),
        "{victim} still reported for the unopened journal: {codes_after:?}"
    );
    assert!(
        codes_after.contains(&"below-floor".to_string()),
        "{codes_after:?}"
    );
}
