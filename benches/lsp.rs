//! LSP latency, measured like an editor feels it: spawn the real binary, speak JSON-RPC over
//! its stdio, and time start → `initialize`, `didOpen` → first diagnostics, single-character
//! incremental edits → the diagnostics for that version (p50/p95/p99), hover, and peak RSS.
//! The same harness runs against the framework floor (a minimal tower-lsp-server + ropey server that
//! publishes empty diagnostics) and, when one is installed, a peer language server.
//!
//! `cargo bench --features null-server --bench lsp` prints the table and writes
//! `docs/PERFORMANCE.md`. Peer rows: `harper-ls` (Markdown) and `taplo` (TOML) when on PATH, or
//! `PEER_LSP="cmd args"` with `PEER_LANGUAGE=markdown|toml`. `LSP_BENCH_EDITS`,
//! `LSP_BENCH_RUNS` and `LSP_BENCH_SIZES` (byte counts, e.g. `1000000`) shrink it for a quick
//! look; a run limited to some sizes prints its table and leaves PERFORMANCE.md alone (with
//! `LSP_BENCH_PROSE=1` it types into the held-out prose journals too).

use serde_json::{json, Value};
use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// The document's address, with the extension its language's servers expect.
fn uri_for(language: &str) -> String {
    let extension = match language {
        "markdown" => "md",
        "toml" => "toml",
        _ => "offer",
    };
    format!("file:///bench/journal.{extension}")
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    id: i64,
    /// The result id of the last pull answer (pull and probe modes).
    last_result_id: Value,
    /// Files on disk (publishes without a version) seen so far, and when the last of
    /// `expect_disk` of them arrived.
    disk_seen: std::collections::HashSet<String>,
    expect_disk: usize,
    all_seen_at: Option<Instant>,
}

/// How the client learns that its diagnostics are up to date after an edit.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// The `publishDiagnostics` for that version (the null server publishes every version).
    Versioned,
    /// The first `publishDiagnostics` after the edit (peers, whose publishes carry no version).
    Unversioned,
    /// A push client of offer-notes: the publish for that version, or — when the diagnostics
    /// did not change and so nothing is published — the answer to a `textDocument/diagnostic`
    /// sent right after the edit with the last result id. The server answers it only once it
    /// has analysed the edited text and queued any publish that analysis made, so the answer
    /// proves the editor already shows up-to-date diagnostics; it is `unchanged` (a few dozen
    /// bytes) exactly when no publish was needed.
    Probe,
    /// A pull client: `textDocument/diagnostic` with the last result id, to its answer.
    Pull,
}

#[path = "support/null_server.rs"]
mod null_server;
#[path = "support/synthetic.rs"]
mod synthetic;
#[path = "../tests/common/wire.rs"]
mod wire;
#[path = "support/workspace.rs"]
mod workspace;
use wire::read_message;

impl Server {
    fn spawn(command: &[String]) -> Server {
        let mut child = Command::new(&command[0])
            .args(&command[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(m) = read_message(&mut reader) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            id: 0,
            last_result_id: Value::Null,
            disk_seen: Default::default(),
            expect_disk: usize::MAX,
            all_seen_at: None,
        }
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_async(method, params);
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    fn request_async(&mut self, method: &str, params: Value) -> i64 {
        self.id += 1;
        let id = self.id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// After sending `version` of `uri`: wait until the client knows its diagnostics are up to
    /// date, as `mode` says; returns when that was.
    fn caught_up(&mut self, uri: &str, version: i64, mode: Mode) -> Instant {
        let publish = move |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && (mode == Mode::Unversioned || m["params"]["version"] == version)
        };
        match mode {
            Mode::Versioned | Mode::Unversioned => {
                self.wait(publish);
                Instant::now()
            }
            Mode::Pull | Mode::Probe => {
                let previous = self.last_result_id.clone();
                let id = self.request_async(
                    "textDocument/diagnostic",
                    json!({"textDocument": {"uri": uri}, "previousResultId": previous}),
                );
                let answer = move |m: &Value| m["id"] == id && m.get("method").is_none();
                let first = self.wait(|m| answer(m) || (mode == Mode::Probe && publish(m)));
                let at = Instant::now();
                let response = if answer(&first) {
                    first
                } else {
                    self.wait(answer)
                };
                self.last_result_id = response["result"]["resultId"].clone();
                at
            }
        }
    }

    /// Wait for a message, answering the server's own requests (configuration, registration).
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the server answers within a minute");
            if let (Some(id), Some(method)) = (m.get("id"), m.get("method").and_then(Value::as_str))
            {
                let result = if method == "workspace/configuration" {
                    json!([null])
                } else {
                    Value::Null
                };
                let id = id.clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                continue;
            }
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"].is_null()
            {
                if let Some(uri) = m["params"]["uri"].as_str() {
                    self.disk_seen.insert(uri.to_string());
                    if self.disk_seen.len() == self.expect_disk && self.all_seen_at.is_none() {
                        self.all_seen_at = Some(Instant::now());
                    }
                }
            }
            if pred(&m) {
                return m;
            }
        }
    }

    fn peak_rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
    }
}

/// One row of the table: the document, its size, the server, its run, the floor's run.
type Row = (String, usize, String, Run, Option<Run>);

#[derive(Clone, Copy, Default)]
struct Run {
    initialize: f64,
    open: f64,
    p50: f64,
    p95: f64,
    p99: f64,
    hover: Option<f64>,
    rss_kb: u64,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// One session: the document, `edits` keystrokes in the middle of a prose line, hovers.
fn run(command: &[String], text: &str, language: &str, edits: usize, mode: Mode) -> Run {
    let started = Instant::now();
    let mut s = Server::spawn(command);
    let mut text_document = json!({"publishDiagnostics": {"versionSupport": true}});
    if mode == Mode::Pull {
        text_document["diagnostic"] = json!({"dynamicRegistration": false});
    }
    let init = s.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"general": {"positionEncodings": ["utf-16"]}, "textDocument": text_document}}),
    );
    let initialize = ms(started.elapsed());
    let hover_supported = init["result"]["capabilities"]["hoverProvider"]
        .as_bool()
        .unwrap_or(false);
    s.notify("initialized", json!({}));
    let uri = uri_for(language);

    let t = Instant::now();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
    );
    let open = ms(s.caught_up(&uri, 1, mode) - t);

    // type into a prose line near the middle of the document
    // an editor sends what the server asked for: incremental ranges, or the whole text
    let sync = &init["result"]["capabilities"]["textDocumentSync"];
    let full_sync = sync.as_i64().or_else(|| sync["change"].as_i64()) == Some(1);
    // (the first line of diary prose from the middle on: a line of words, no key, no list
    // item, no heading, no fence)
    let middle = text.len() / 2;
    let mut line_start = text[..middle].rfind('\n').map_or(0, |i| i + 1);
    let mut line_no = text[..line_start].matches('\n').count();
    // (not a line of a draft email in a fenced block: that is an email being written)
    let fenced = offer_notes::syntax::fenced_lines(text);
    let is_prose =
        |line: &str| line.starts_with(|c: char| c.is_ascii_alphabetic()) && !line.contains(':');
    while let Some(end) = text[line_start..].find('\n') {
        let in_fence = fenced.get(line_no).copied().unwrap_or(false);
        if is_prose(&text[line_start..line_start + end]) && !in_fence {
            break;
        }
        line_start += end + 1;
        line_no += 1;
    }
    let mut current = text.to_string();
    let mut latencies = Vec::with_capacity(edits);
    for k in 0..edits {
        let version = 2 + k as i64;
        let change = if full_sync {
            // the prose lines are ASCII: character k is byte k of the line
            current.insert(
                line_start + k.min(current[line_start..].find('\n').unwrap_or(0)),
                'x',
            );
            json!({"text": current})
        } else {
            json!({"range": {"start": {"line": line_no, "character": k}, "end": {"line": line_no, "character": k}}, "text": "x"})
        };
        let t = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        latencies.push(ms(s.caught_up(&uri, version, mode) - t));
    }
    latencies.sort_by(f64::total_cmp);

    let hover = hover_supported.then(|| {
        let amount_line = text.lines().position(|l| l.starts_with("base:")).unwrap_or(0);
        let mut times: Vec<f64> = (0..50)
            .map(|_| {
                let t = Instant::now();
                s.request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": amount_line, "character": 8}}));
                ms(t.elapsed())
            })
            .collect();
        times.sort_by(f64::total_cmp);
        percentile(&times, 0.5)
    });
    let rss_kb = s.peak_rss_kb();
    s.stop();
    Run {
        initialize,
        open,
        p50: percentile(&latencies, 0.5),
        p95: percentile(&latencies, 0.95),
        p99: percentile(&latencies, 0.99),
        hover,
        rss_kb,
    }
}

/// Medians of `runs` runs, metric by metric.
fn median_of(
    command: &[String],
    text: &str,
    language: &str,
    edits: usize,
    runs: usize,
    mode: Mode,
) -> Run {
    let all: Vec<Run> = (0..runs)
        .map(|_| run(command, text, language, edits, mode))
        .collect();
    let med = |f: &dyn Fn(&Run) -> f64| {
        let mut v: Vec<f64> = all.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Run {
        initialize: med(&|r| r.initialize),
        open: med(&|r| r.open),
        p50: med(&|r| r.p50),
        p95: med(&|r| r.p95),
        p99: med(&|r| r.p99),
        hover: all[0].hover.map(|_| med(&|r| r.hover.unwrap_or(0.0))),
        rss_kb: med(&|r| r.rss_kb as f64) as u64,
    }
}

/// The 1-minute load average: other work on this 2-core machine makes the numbers noisy.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "?".into())
}

fn which(name: &str) -> Option<String> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| format!("{d}/{name}"))
        .find(|p| std::path::Path::new(p).is_file())
}

/// Another language server, run on a document of the same size in its own language.
struct Peer {
    command: Vec<String>,
    language: String,
    name: String,
}

impl Peer {
    fn new(command: Vec<String>, language: &str) -> Peer {
        let name = std::path::Path::new(&command[0])
            .file_name()
            .map_or(command[0].clone(), |n| n.to_string_lossy().into_owned());
        Peer {
            command,
            language: language.to_string(),
            name,
        }
    }

    /// The journal as this peer's language: Markdown as it is (a journal is Markdown-like
    /// prose), TOML with a table per offer, its keys as strings and the prose as comments.
    fn document(&self, journal: &str) -> String {
        if self.language != "toml" {
            return journal.to_string();
        }
        let mut out = String::with_capacity(journal.len() + journal.len() / 8);
        let mut keys = std::collections::HashSet::new();
        for line in journal.lines() {
            if let Some(name) = line.strip_prefix("## ") {
                keys.clear();
                out.push_str(&format!("\n[[offer]]\nname = {:?}\n", name));
                continue;
            }
            let pair = line.split_once(':').filter(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
            match pair {
                Some((key, value)) => {
                    // a key written twice in one offer becomes key_2, key_3…
                    let mut unique = key.to_string();
                    let mut n = 1;
                    while !keys.insert(unique.clone()) {
                        n += 1;
                        unique = format!("{key}_{n}");
                    }
                    let key = unique;
                    out.push_str(&format!("{key} = {:?}\n", value.trim()));
                }
                None if line.is_empty() => out.push('\n'),
                None => {
                    out.push_str("# ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    }
}

fn main() {
    // the floor is this same executable, started again as the null server
    if std::env::args().nth(1).as_deref() == Some(null_server::ARG) {
        null_server::serve();
        return;
    }
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` and friends
    }
    let edits: usize = std::env::var("LSP_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let runs: usize = std::env::var("LSP_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let ours = vec![
        env!("CARGO_BIN_EXE_offer-notes").to_string(),
        "lsp".to_string(),
    ];
    let own = std::env::current_exe().expect("the bench's own executable");
    let floor = vec![
        own.to_string_lossy().into_owned(),
        null_server::ARG.to_string(),
    ];
    // peers: `PEER_LSP="cmd args"` (with `PEER_LANGUAGE=markdown|toml`), else whichever of
    // harper-ls (Markdown prose) and taplo (TOML) is on PATH
    let mut peers: Vec<Peer> = Vec::new();
    if let Ok(command) = std::env::var("PEER_LSP") {
        let language = std::env::var("PEER_LANGUAGE").unwrap_or_else(|_| "markdown".into());
        peers.push(Peer::new(
            command.split_whitespace().map(String::from).collect(),
            &language,
        ));
    } else {
        if let Some(harper) = which("harper-ls") {
            peers.push(Peer::new(vec![harper, "--stdio".into()], "markdown"));
        }
        if let Some(taplo) = which("taplo") {
            peers.push(Peer::new(vec![taplo, "lsp".into(), "stdio".into()], "toml"));
        }
    }

    // `LSP_BENCH_SIZES=1000000` (comma-separated byte counts) measures only those sizes
    let sizes: Option<Vec<usize>> = std::env::var("LSP_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect());
    let mut rows = Vec::new();
    let mut floor_1kb = None;
    // offer-notes pushing and pulling, and the null floor, on one document: its three rows
    // (the floor's latency, for the ratio of the peers measured on the same document)
    let measure = |rows: &mut Vec<Row>, label: &str, text: &str| -> Run {
        let bytes = text.len();
        eprintln!("{label}: offer-notes, push…");
        let pushed = median_of(&ours, text, "offer", edits, runs, Mode::Probe);
        eprintln!("{label}: offer-notes, pull…");
        let pulled = median_of(&ours, text, "offer", edits, runs, Mode::Pull);
        eprintln!("{label}: null server…");
        let f = median_of(&floor, text, "offer", edits, runs, Mode::Versioned);
        for (server, run, floor) in [
            ("offer-notes (push)", pushed, Some(f)),
            ("offer-notes (pull)", pulled, Some(f)),
            ("null server (floor)", f, None),
        ] {
            rows.push((label.to_string(), bytes, server.to_string(), run, floor));
        }
        f
    };
    let load_before = load_average();
    for (label, size) in [("1 KB", 1_000), ("100 KB", 100_000), ("1 MB", 1_000_000)] {
        if sizes.as_ref().is_some_and(|s| !s.contains(&size)) {
            continue;
        }
        let text = synthetic::journal(size);
        let f = measure(&mut rows, label, &text);
        if size == 1_000 {
            floor_1kb = Some(f.p50);
        }
        if size >= 100_000 {
            for peer in &peers {
                eprintln!("{label}: {}…", peer.name);
                let document = peer.document(&text);
                // a peer that does not answer every edit with diagnostics cannot be timed
                // this way: say so and go on with the others
                let measured = std::panic::catch_unwind(|| {
                    median_of(
                        &peer.command,
                        &document,
                        &peer.language,
                        edits,
                        runs,
                        Mode::Unversioned,
                    )
                });
                let Ok(p) = measured else {
                    eprintln!("{}: no diagnostics after an edit; row left out", peer.name);
                    continue;
                };
                rows.push((
                    label.to_string(),
                    document.len(),
                    format!("peer: {} ({})", peer.name, peer.language),
                    p,
                    Some(f),
                ));
            }
        }
    }

    // `LSP_BENCH_WORKSPACE=0` leaves the 500-journal workspace out
    let workspace_section =
        (std::env::var("LSP_BENCH_WORKSPACE").as_deref() != Ok("0")).then(|| {
            let dir = workspace::dir();
            let bytes = workspace::generate(&dir);
            eprintln!(
                "workspace: {} journals, {bytes} bytes…",
                workspace::JOURNALS
            );
            let m = workspace::measure(&ours, &dir, runs);
            let _ = std::fs::remove_dir_all(&dir);
            workspace::markdown(&m, bytes, floor_1kb, runs)
        });
    // the held-out long prose journals (tests/heldout/prose/, written from the SPEC alone in
    // four people's styles of day-by-day notes): typed into the same way; in a full run, or
    // with `LSP_BENCH_PROSE=1`
    if sizes.is_none() || std::env::var("LSP_BENCH_PROSE").as_deref() == Ok("1") {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/heldout/prose");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "offer"));
        files.sort();
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let label = format!(
                "held-out `{}`",
                path.file_name().unwrap_or_default().to_string_lossy()
            );
            measure(&mut rows, &label, &text);
        }
    }
    let load_after = load_average();
    let mut table = String::from("| document | server | initialize | open → diagnostics | edit → diagnostics p50 / p95 / p99 | p50 vs floor | hover p50 | peak RSS |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (label, bytes, server, r, floor) in &rows {
        let ratio = floor.map_or("1×".to_string(), |f| format!("{:.1}×", r.p50 / f.p50));
        let hover = r.hover.map_or("—".to_string(), |h| format!("{h:.2} ms"));
        table.push_str(&format!(
            "| {label} ({bytes} B) | {server} | {:.1} ms | {:.1} ms | {:.2} / {:.2} / {:.2} ms | {ratio} | {hover} | {:.1} MB |\n",
            r.initialize, r.open, r.p50, r.p95, r.p99, r.rss_kb as f64 / 1024.0
        ));
    }
    println!("{table}");
    let workspace_section = workspace_section.unwrap_or_default();
    println!("{workspace_section}");
    let doc = format!(
        "# Performance\n\nMeasured by `cargo bench --features null-server --bench lsp` on this project's machine (2 cores, \
shared with other builds while this was measured: 1-minute load average {load_before} at the start, {load_after} at the end — \
the numbers are noisy), medians of {runs} runs, {edits} single-character incremental edits per run, typed into the first line of diary prose \
from the middle of a synthetic journal on (`benches/support/synthetic.rs`: offer sections with keys, counters, reasons of every kind, drafts, and days of \
diary prose). The floor is the null server (`benches/support/null_server.rs`, the bench's own executable started again): tower-lsp-server \
with the text in ropey, publishing empty diagnostics for every version; its latency is from `didChange` to that publish.\n\n\
offer-notes is measured as an editor sees it. **Pull** (`offer-notes (pull)`): `didChange`, then `textDocument/diagnostic` with the \
last result id, to the answer — `unchanged` when a keystroke in prose changed no diagnostic. **Push** (`offer-notes (push)`): the \
server publishes only diagnostics that differ from the last ones it sent for that document (positions included), so after a prose \
keystroke there is no publish to wait for. To measure \"no publish needed\" honestly, the harness sends a `textDocument/diagnostic` \
(with the last result id) right after each `didChange` and stops the clock at whichever comes first: the publish for that version, \
or that answer. The server answers it only once it knows the edited text's diagnostics and has queued any publish they need, so the \
answer proves the editor already shows up-to-date diagnostics; it cannot come before a publish that was needed. It knows them either by \
analysing the text or, for a *quiet* keystroke, at once: typed within one line outside any fenced block, on which no finding starts or \
ends, and which adds nothing to the journal before and after (`incremental::QuietLines`, `model::adds_nothing`) — such a keystroke \
provably leaves every finding, line and column as it was, so the last diagnostics are the new text's too (the analysis still runs \
behind it, for hovers and actions). `tests/quiet_lines.rs` checks that verdict against a full check over every journal in the \
repository and random edit runs. No debouncing.\n\n{table}\n\
Peak RSS is `VmHWM` from `/proc/<pid>/status` at the end of the session.\n\n{workspace_section}\n\
Peer rows run the same harness on \
another language server with a document of about the same size in its language: `harper-ls` on the journal as Markdown, \
`taplo lsp stdio` on the journal as TOML (a table per offer, prose as comments). A peer that asks for full text sync \
gets the whole text on every keystroke, as an editor would send it; a peer's diagnostics are not versioned, so its edit \
latency is to the first `publishDiagnostics` after the edit. Its ratio is against our floor at that size.\n\nSee the README's Performance section for the \
throughput of `check` (`cargo bench --bench check`) and for the targets.\n"
    );
    if sizes.is_some() {
        return; // a partial run does not replace the table
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PERFORMANCE.md");
    // the `## ` sections after the table (other benches' numbers) are kept as they are, from
    // the first one this bench does not write itself (its workspace section is written anew)
    let kept = std::fs::read_to_string(&path)
        .ok()
        .and_then(|old| {
            let at = old.match_indices("\n## ").map(|(at, _)| at).find(|&at| {
                let heading = old[at + 1..].lines().next().unwrap_or_default();
                !doc.lines().any(|line| line == heading)
            })?;
            Some(old[at..].to_string())
        })
        .unwrap_or_default();
    if std::fs::write(&path, doc + &kept).is_ok() {
        eprintln!("wrote {}", path.display());
    }
}
