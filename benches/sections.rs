//! A journal of 100,000 sections (issue 16: "stays usable"): the time from `didOpen` to the
//! first diagnostics and the server's peak RSS, over the real binary's stdio as an editor
//! drives it, and `check` on the same file. Targets: first diagnostics ≤ 2 s, peak RSS
//! ≤ 500 MB. `cargo bench --bench sections` prints the table (`SECTIONS_BENCH_COUNT` and
//! `SECTIONS_BENCH_RUNS` change the size and the number of runs); the numbers are in
//! `docs/RELIABILITY.md` (PERFORMANCE.md is written by the latency bench).

use serde_json::{json, Value};
use std::io::{BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "../tests/common/wire.rs"]
mod wire;

const BIN: &str = env!("CARGO_BIN_EXE_offer-notes");

/// A profile, then `count` offers of seven lines each, some of them with findings.
fn journal(count: usize) -> String {
    let mut text = String::from(
        "# Many offers\ntoday: 2026-11-22\nfloor: $190k base\ndecision-date: 2026-12-01\nrunway: 4 months\n\n",
    );
    for i in 0..count {
        text.push_str(&format!(
            "## Company {i}\nstatus: live\nrole: Engineer {i}\nbase: ${},000\nmanager: {}\nscope: strong\n- walk: they never pushed back on the {i} deadline\n\n",
            150 + i % 80,
            if i % 3 == 0 { "weak" } else { "strong" },
        ));
    }
    text
}

fn status_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// A process's CPU time so far (user + system), from `/proc/<pid>/stat`: on a machine shared
/// with other work, wall time says more about the load than about the server.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // the fields after the command name (which may hold spaces) in parentheses
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    // SAFETY: sysconf only reads a configuration value
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_millis(ticks * 1000 / per_second)
}

/// The CPU time of the children this process has waited for (`check` runs one at a time).
fn children_cpu_time() -> Duration {
    // SAFETY: getrusage fills the struct it is given
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// What one run of the server measured.
struct LspRun {
    /// `didOpen` → the publish read and parsed (as a JSON value tree).
    took: Duration,
    /// `didOpen` → the publish's last byte read (before the client parses it).
    received: Duration,
    count: usize,
    peak_kb: u64,
    cpu: Duration,
}

/// `didOpen` → first diagnostics (and how many), the server's peak RSS and its CPU time
/// over the same interval.
fn lsp_run(text: &str) -> LspRun {
    // SECTIONS_BENCH_LOG=path: the server's log at debug level, for where the time goes
    let log = std::env::var_os("SECTIONS_BENCH_LOG");
    let mut child = Command::new(BIN)
        .arg("lsp")
        .env(
            "OFFER_NOTES_LOG",
            if log.is_some() { "debug" } else { "info" },
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(match &log {
            Some(path) => Stdio::from(std::fs::File::create(path).expect("the log file")),
            None => Stdio::null(),
        })
        .spawn()
        .expect("spawn offer-notes lsp");
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |v: Value| {
        let body = v.to_string();
        let _ = write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = stdin.flush();
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {"workspace": {"configuration": true}}}}),
    );
    // an editor waits for the answer to initialize before it says initialized
    while wire::read_message(&mut stdout).expect("a message")["id"] != 1 {}
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = "file:///bench/sections.offer";
    // settle the configuration first, as an editor does before opening a file
    loop {
        let m = wire::read_message(&mut stdout).expect("a message");
        if m["method"] == "workspace/configuration" {
            send(json!({"jsonrpc": "2.0", "id": m["id"], "result": [null]}));
            break;
        }
    }
    let cpu_before = cpu_time(pid);
    let started = Instant::now();
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "offer", "version": 1, "text": text}}}),
    );
    let (count, received) = loop {
        let body = wire::read_body(&mut stdout).expect("a message");
        let received = started.elapsed();
        let m: Value = serde_json::from_slice(&body).expect("JSON");
        if m["method"] == "workspace/configuration" {
            send(json!({"jsonrpc": "2.0", "id": m["id"], "result": [null]}));
        }
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
            break (
                m["params"]["diagnostics"].as_array().map_or(0, Vec::len),
                received,
            );
        }
    };
    let took = started.elapsed();
    let cpu = cpu_time(pid).saturating_sub(cpu_before);
    let peak_kb = status_kb(pid, "VmHWM:");
    let _ = child.kill();
    let _ = child.wait();
    LspRun {
        took,
        received,
        count,
        peak_kb,
        cpu,
    }
}

/// `check --format json` on the file: wall time, the child's peak RSS and its CPU time.
fn check_run(path: &std::path::Path) -> (Duration, u64, Duration) {
    let cpu_before = children_cpu_time();
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(["check", "--format", "json"])
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn offer-notes check");
    let pid = child.id();
    // VmHWM is gone once the child is reaped: sample it while it runs
    let mut peak = 0;
    while child.try_wait().ok().flatten().is_none() {
        peak = peak.max(status_kb(pid, "VmHWM:"));
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = started.elapsed();
    (took, peak, children_cpu_time().saturating_sub(cpu_before))
}

fn median<T: Copy + Ord>(mut values: Vec<T>) -> T {
    values.sort();
    values[values.len() / 2]
}

fn main() {
    let count: usize = std::env::var("SECTIONS_BENCH_COUNT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let runs: usize = std::env::var("SECTIONS_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let text = journal(count);
    let path =
        std::env::temp_dir().join(format!("offer-notes-sections-{}.offer", std::process::id()));
    std::fs::write(&path, &text).expect("write the journal");
    println!(
        "{count} sections, {:.1} MB, {} lines; median of {runs} runs",
        text.len() as f64 / 1e6,
        text.lines().count()
    );
    let lsp: Vec<_> = (0..runs).map(|_| lsp_run(&text)).collect();
    let check: Vec<_> = (0..runs).map(|_| check_run(&path)).collect();
    let _ = std::fs::remove_file(&path);
    println!("| measure | median | runs |");
    println!("|---|---|---|");
    let all = |v: Vec<String>| v.join(", ");
    let seconds = |what: &str, of: fn(&LspRun) -> Duration| {
        println!(
            "| {what} | {:.2} s | {} |",
            median(lsp.iter().map(of).collect()).as_secs_f64(),
            all(lsp
                .iter()
                .map(|r| format!("{:.2} s", of(r).as_secs_f64()))
                .collect())
        );
    };
    seconds("`didOpen` → first diagnostics", |r| r.took);
    seconds("of which: the publish received", |r| r.received);
    seconds("the server's CPU time for it", |r| r.cpu);
    println!(
        "| server peak RSS (VmHWM) | {} MB | {} |",
        median(lsp.iter().map(|r| r.peak_kb).collect()) / 1024,
        all(lsp
            .iter()
            .map(|r| format!("{} MB", r.peak_kb / 1024))
            .collect())
    );
    println!("| diagnostics published | {} | |", lsp[0].count);
    println!(
        "| `check --format json` | {:.2} s | {} |",
        median(check.iter().map(|r| r.0).collect()).as_secs_f64(),
        all(check
            .iter()
            .map(|r| format!("{:.2} s", r.0.as_secs_f64()))
            .collect())
    );
    println!(
        "| `check` CPU time | {:.2} s | {} |",
        median(check.iter().map(|r| r.2).collect()).as_secs_f64(),
        all(check
            .iter()
            .map(|r| format!("{:.2} s", r.2.as_secs_f64()))
            .collect())
    );
    println!(
        "| `check` peak RSS (VmHWM) | {} MB | {} |",
        median(check.iter().map(|r| r.1).collect()) / 1024,
        all(check.iter().map(|r| format!("{} MB", r.1 / 1024)).collect())
    );
}
