//! The workspace part of the latency benchmark: a folder of 500 generated journals (~5 MB),
//! none opened, and the time from `initialized` until the editor has every journal's
//! diagnostics — pushed, or pulled with one `workspace/diagnostic` — with the server's peak
//! RSS; then an edit typed into an open document while that background check runs.

use super::{ms, percentile, synthetic, Mode, Server};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub const JOURNALS: usize = 500;

/// Write the workspace once: journals of 8–12 KB in a few folders. Returns its total bytes.
pub fn generate(dir: &Path) -> usize {
    let _ = std::fs::remove_dir_all(dir);
    let mut bytes = 0;
    for i in 0..JOURNALS {
        let path = dir.join(format!("search-{}/journal-{i:03}.offer", i % 9));
        let text = synthetic::journal(8_000 + (i * 97) % 4_000);
        bytes += text.len();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    bytes
}

fn start(command: &[String], dir: &Path, pull: bool) -> (Server, Instant) {
    let mut s = Server::spawn(command);
    let root = format!("file://{}", dir.display());
    let mut text_document = json!({"publishDiagnostics": {"versionSupport": true}});
    if pull {
        text_document["diagnostic"] = json!({"dynamicRegistration": false});
    }
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": root, "workspaceFolders": [{"uri": root, "name": "bench"}],
               "capabilities": {"general": {"positionEncodings": ["utf-16"]}, "textDocument": text_document,
                                "window": {"workDoneProgress": true}}}),
    );
    let t = Instant::now();
    s.notify("initialized", json!({}));
    (s, t)
}

#[derive(Clone, Copy, Default)]
pub struct Measured {
    pub push_all_ms: f64,
    pub push_rss_kb: u64,
    pub pull_all_ms: f64,
    pub pull_rss_kb: u64,
    /// Edits typed into an open 1 KB journal while the background check ran.
    pub edits: usize,
    pub edit_p50: f64,
    pub edit_p95: f64,
}

/// Read until every journal on disk has been published.
fn until_all_published(s: &mut Server) {
    while s.all_seen_at.is_none() {
        s.wait(|_| true);
    }
}

/// One run of each session.
fn once(command: &[String], dir: &Path) -> Measured {
    let mut m = Measured::default();
    // push: until every journal's diagnostics were published
    let (mut s, t) = start(command, dir, false);
    s.expect_disk = JOURNALS;
    until_all_published(&mut s);
    m.push_all_ms = ms(s.all_seen_at.unwrap() - t);
    m.push_rss_kb = s.peak_rss_kb();
    s.stop();

    // pull: one workspace/diagnostic, answered once the background check is done
    let (mut s, t) = start(command, dir, true);
    let answer = s.request("workspace/diagnostic", json!({"previousResultIds": []}));
    m.pull_all_ms = ms(t.elapsed());
    let items = answer["result"]["items"].as_array().map_or(0, Vec::len);
    assert_eq!(items, JOURNALS, "every journal in one pull");
    m.pull_rss_kb = s.peak_rss_kb();
    s.stop();

    // an open document typed into while the background check runs (push, as Mode::Probe)
    let (mut s, _) = start(command, dir, false);
    s.expect_disk = JOURNALS;
    let uri = format!("file://{}/open.offer", dir.display());
    let text = synthetic::journal(1_000);
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "offer", "version": 1, "text": text}}),
    );
    s.caught_up(&uri, 1, Mode::Probe);
    let line = text
        .lines()
        .position(|l| !l.contains(':') && l.len() > 20)
        .unwrap_or(0);
    let mut latencies = Vec::new();
    let mut version = 1;
    while s.all_seen_at.is_none() && latencies.len() < 5_000 {
        version += 1;
        let t = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": "x"}]}),
        );
        let done = s.caught_up(&uri, version, Mode::Probe);
        // only edits answered while the background check was still running count
        if s.all_seen_at.is_none_or(|all| done <= all) {
            latencies.push(ms(done - t));
        }
    }
    s.stop();
    latencies.sort_by(f64::total_cmp);
    m.edits = latencies.len();
    if !latencies.is_empty() {
        m.edit_p50 = percentile(&latencies, 0.5);
        m.edit_p95 = percentile(&latencies, 0.95);
    }
    m
}

/// Medians of `runs` runs.
pub fn measure(command: &[String], dir: &Path, runs: usize) -> Measured {
    let all: Vec<Measured> = (0..runs).map(|_| once(command, dir)).collect();
    let med = |f: &dyn Fn(&Measured) -> f64| {
        let mut v: Vec<f64> = all.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Measured {
        push_all_ms: med(&|m| m.push_all_ms),
        push_rss_kb: med(&|m| m.push_rss_kb as f64) as u64,
        pull_all_ms: med(&|m| m.pull_all_ms),
        pull_rss_kb: med(&|m| m.pull_rss_kb as f64) as u64,
        edits: med(&|m| m.edits as f64) as usize,
        edit_p50: med(&|m| m.edit_p50),
        edit_p95: med(&|m| m.edit_p95),
    }
}

pub fn dir() -> PathBuf {
    std::env::temp_dir().join(format!(
        "offer-notes-bench-workspace-{}",
        std::process::id()
    ))
}

/// The section of PERFORMANCE.md about the workspace.
pub fn markdown(m: &Measured, bytes: usize, floor_1kb_p50: Option<f64>, runs: usize) -> String {
    let floor = floor_1kb_p50.map_or("—".to_string(), |f| {
        format!(
            "{:.2} ms; the edit p50 is {:.1}× it (target ≤ 3×)",
            f,
            m.edit_p50 / f
        )
    });
    format!(
        "## A workspace of {JOURNALS} journals

{JOURNALS} generated journals ({:.1} MB, 8–12 KB each, in 9 folders), none opened; medians of {runs} runs. Time from sending `initialized` until the editor has every journal's diagnostics (target ≤ 2 s), and the server's peak RSS (target ≤ 100 MB):

| client | every journal's diagnostics | peak RSS |
|---|---:|---:|
| push (`publishDiagnostics` for each file, version null) | {:.0} ms | {:.1} MB |
| pull (one `workspace/diagnostic`, answered when the background check is done) | {:.0} ms | {:.1} MB |

While that background check runs, a 1 KB journal open in the editor is typed into (push client, measured as `offer-notes (push)` above): {} edits were answered before the last journal's diagnostics arrived, p50 {:.2} ms, p95 {:.2} ms. The null floor's p50 at 1 KB: {floor}.
",
        bytes as f64 / 1e6,
        m.push_all_ms,
        m.push_rss_kb as f64 / 1024.0,
        m.pull_all_ms,
        m.pull_rss_kb as f64 / 1024.0,
        m.edits,
        m.edit_p50,
        m.edit_p95,
    )
}
