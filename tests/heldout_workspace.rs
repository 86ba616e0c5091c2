//! Held-out checks for the workspace (issue 14) and the decision report (issue 15), written from
//! the SPEC and the two articles alone, run black-box against the built binary: `check --format
//! json DIR`, `history`, `timeline` (text, json, ics), `report` (plain and `--redact`) and the
//! language server on a workspace folder with no file opened.
//!
//! It is a ratchet like tests/heldout.rs: every expectation id listed in
//! `tests/heldout/workspace/PASSING.txt` must keep holding; the others are counted and printed.
//! `UPDATE_HELDOUT=1 cargo test --test heldout_workspace` records what holds now;
//! `HELDOUT_MISSES=1` prints the ids that do not hold yet. The expectation files are
//! `tests/heldout/workspace/*.expect` (one per folder) and `tests/heldout/report/*.expect`;
//! their format is in tests/heldout/workspace/README.md.

use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "heldout_workspace/ics.rs"]
mod ics;
#[path = "heldout_workspace/lsp.rs"]
mod lsp;
#[path = "heldout_workspace/report.rs"]
mod report;
#[path = "heldout_workspace/support.rs"]
mod support;
#[path = "common/wire.rs"]
mod wire;

use ics::*;
use lsp::*;
use report::*;
use support::*;

const WORKSPACE: &str = "tests/heldout/workspace";
const REPORT: &str = "tests/heldout/report";
const PASSING: &str = "tests/heldout/workspace/PASSING.txt";
const RUN_TIMEOUT: Duration = Duration::from_secs(60);
const LSP_TIMEOUT: Duration = Duration::from_secs(20);

fn binary() -> PathBuf {
    std::env::var_os("OFFER_NOTES_TEST_BIN")
        .map(Into::into)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_offer-notes").into())
}

// ---------------------------------------------------------------------------------------------
// Expectations

struct Expectation {
    kind: String,
    id: String,
    args: Vec<String>,
}

fn parse_expectations(text: &str) -> Vec<Expectation> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (kind, rest) = line.split_once(' ').unwrap_or((line, ""));
        let mut parts = rest.split(" | ").map(|s| s.trim().to_string());
        let id = parts.next().unwrap_or_default();
        out.push(Expectation {
            kind: kind.to_string(),
            id,
            args: parts.collect(),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Running the binary

struct Run {
    code: Option<i32>,
    stdout: String,
}

fn run(args: &[&str]) -> Run {
    let mut cmd = Command::new(binary());
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .env_remove("OFFER_NOTES_LOG")
        .env_remove("OFFER_NOTES_DOCS_URL");
    let Ok(mut child) = cmd.spawn() else {
        return Run {
            code: None,
            stdout: String::new(),
        };
    };
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    });
    let deadline = Instant::now() + RUN_TIMEOUT;
    let code = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status.code(),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    Run {
        code,
        stdout: reader.join().unwrap_or_default(),
    }
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

// ---------------------------------------------------------------------------------------------
// One workspace folder and what the binary says about it

struct Folder {
    dir: PathBuf,
    /// `check --format json DIR`, by relative file (None: no parsable JSON array).
    check: Option<BTreeMap<String, Vec<Diag>>>,
    history_text: Option<String>,
    history_json: Option<Value>,
    timeline_text: Option<String>,
    timeline_json: Option<Value>,
    ics: [Option<String>; 2],
}

fn ok_output(r: Run) -> Option<String> {
    (r.code.is_some_and(|c| c != 2) && !r.stdout.trim().is_empty()).then_some(r.stdout)
}

impl Folder {
    fn load(dir: PathBuf) -> Folder {
        let d = path_str(&dir);
        let check = {
            let r = run(&["check", "--format", "json", &d]);
            serde_json::from_str::<Vec<Value>>(&r.stdout)
                .ok()
                .map(|all| {
                    let mut map: BTreeMap<String, Vec<Diag>> = BTreeMap::new();
                    for v in &all {
                        let file = v["file"].as_str().unwrap_or("");
                        let rel = rel_of(&dir, file).unwrap_or_else(|| file.to_string());
                        map.entry(rel).or_default().push(diag(v));
                    }
                    map.values_mut().for_each(|v| v.sort());
                    map
                })
        };
        let json = |args: &[&str]| ok_output(run(args)).and_then(|s| serde_json::from_str(&s).ok());
        Folder {
            check,
            history_text: ok_output(run(&["history", &d])),
            history_json: json(&["history", "--format", "json", &d]),
            timeline_text: ok_output(run(&["timeline", &d])),
            timeline_json: json(&["timeline", "--format", "json", &d]),
            ics: [
                ok_output(run(&["timeline", "--format", "ics", &d])),
                ok_output(run(&["timeline", "--format", "ics", &d])),
            ],
            dir,
        }
    }

    /// The 0-based line range of the section whose heading is `heading` (`*`: the whole file;
    /// a trailing ` [n]` picks the n-th line equal to the heading).
    fn section(&self, file: &str, heading: &str) -> Option<(u64, u64)> {
        let text = std::fs::read_to_string(self.dir.join(file)).ok()?;
        let lines: Vec<&str> = text.lines().collect();
        if heading == "*" {
            return Some((0, lines.len() as u64));
        }
        let (heading, nth) = match heading.rsplit_once(" [") {
            Some((h, n)) if n.ends_with(']') => (h, n.trim_end_matches(']').parse().ok()?),
            _ => (heading, 1usize),
        };
        let start = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim_end() == heading)
            .nth(nth - 1)?
            .0;
        let end = (start + 1..lines.len())
            .find(|&i| lines[i].starts_with("# ") || lines[i].starts_with("## "))
            .unwrap_or(lines.len());
        Some((start as u64, end as u64))
    }

    fn findings_in(&self, file: &str, heading: &str, code: &str) -> Option<Vec<String>> {
        let check = self.check.as_ref()?;
        let (from, to) = self.section(file, heading)?;
        Some(
            check
                .get(file)
                .map(|ds| {
                    ds.iter()
                        .filter(|d| d.4 == code && d.0 >= from && d.0 < to)
                        .map(|d| d.5.clone())
                        .collect()
                })
                .unwrap_or_default(),
        )
    }

    fn holds(&self, e: &Expectation) -> bool {
        let a = |i: usize| e.args.get(i).map(String::as_str).unwrap_or("");
        match e.kind.as_str() {
            "fire" => self
                .findings_in(a(0), a(1), a(2))
                .is_some_and(|f| !f.is_empty()),
            "quiet" => self
                .findings_in(a(0), a(1), a(2))
                .is_some_and(|f| f.is_empty()),
            "say" => self
                .findings_in(a(0), a(1), a(2))
                .is_some_and(|f| f.iter().any(|m| contains_any(m, a(3)))),
            "absent" => self
                .check
                .as_ref()
                .is_some_and(|c| c.get(a(0)).is_none_or(Vec::is_empty)),
            "history-has" => self
                .history_text
                .as_deref()
                .is_some_and(|t| contains(t, a(0))),
            "history-lacks" => self
                .history_text
                .as_deref()
                .is_some_and(|t| !contains(t, a(0))),
            "history-order" => self
                .history_text
                .as_deref()
                .is_some_and(|t| in_order(t, &e.args)),
            "history-json" => self.history_json.is_some(),
            "history-json-has" => self
                .history_json
                .as_ref()
                .is_some_and(|v| json_has(v, a(0))),
            "history-json-lacks" => self
                .history_json
                .as_ref()
                .is_some_and(|v| !contains(&v.to_string(), a(0))),
            "history-last-time" => self
                .history_json
                .as_ref()
                .is_some_and(|v| json_object_with(v, a(0), a(1))),
            "timeline-order" => self
                .timeline_text
                .as_deref()
                .is_some_and(|t| in_order(t, &e.args)),
            "timeline-lacks" => self
                .timeline_text
                .as_deref()
                .is_some_and(|t| !t.contains(a(0))),
            "timeline-json" => self.timeline_json.is_some(),
            "ics-valid" => self.ics[0].as_deref().is_some_and(|t| ics_valid(t).is_ok()),
            "ics-event" => self.events().is_some_and(|ev| {
                let day = a(0).replace('-', "");
                ev.iter().any(|(_, d)| *d == day)
            }),
            "ics-no-event" => self.events().is_some_and(|ev| {
                let day = a(0).replace('-', "");
                !ev.is_empty() && ev.iter().all(|(_, d)| *d != day)
            }),
            "ics-uids-stable" => {
                let two: Vec<_> = self
                    .ics
                    .iter()
                    .map(|t| t.as_deref().and_then(|t| ics_valid(t).ok()))
                    .collect();
                match (&two[0], &two[1]) {
                    (Some(x), Some(y)) => {
                        let uids: BTreeSet<&String> = x.iter().map(|(u, _)| u).collect();
                        !x.is_empty() && uids.len() == x.len() && sorted(x) == sorted(y)
                    }
                    _ => false,
                }
            }
            "ics-uid-kept" => self.uid_kept(&e.id, a(0), a(1), a(2), a(3), a(4)),
            "lsp-pull" => lsp_matches(self, false),
            "lsp-push" => lsp_matches(self, true),
            other => panic!("unknown expectation kind {other} ({})", e.id),
        }
    }

    fn events(&self) -> Option<Vec<(String, String)>> {
        self.ics[0].as_deref().and_then(|t| ics_events(t).ok())
    }

    fn uid_kept(
        &self,
        id: &str,
        file: &str,
        old_line: &str,
        new_line: &str,
        old: &str,
        new: &str,
    ) -> bool {
        let name = self.dir.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = std::env::temp_dir().join(format!(
            "offer-notes-heldout-ws-{}-{name}-{id}",
            std::process::id()
        ));
        copy_folder(&self.dir, &tmp);
        let t = path_str(&tmp);
        let ics = || {
            ok_output(run(&["timeline", "--format", "ics", &t])).and_then(|s| ics_events(&s).ok())
        };
        let before = ics();
        let path = tmp.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let moved = text.replacen(old_line, new_line, 1);
        let changed = moved != text;
        let _ = std::fs::write(&path, moved);
        let after = ics();
        let _ = std::fs::remove_dir_all(&tmp);
        let (Some(before), Some(after)) = (before, after) else {
            return false;
        };
        let (old, new) = (old.replace('-', ""), new.replace('-', ""));
        let one = |ev: &[(String, String)], day: &str| {
            let v: Vec<&String> = ev
                .iter()
                .filter(|(_, d)| d == day)
                .map(|(u, _)| u)
                .collect();
            (v.len() == 1).then(|| v[0].clone())
        };
        let uids =
            |ev: &[(String, String)]| ev.iter().map(|(u, _)| u.clone()).collect::<BTreeSet<_>>();
        changed
            && one(&before, &old).is_some()
            && one(&before, &old) == one(&after, &new)
            && uids(&before) == uids(&after)
    }
}

fn sorted(v: &[(String, String)]) -> Vec<(String, String)> {
    let mut v = v.to_vec();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// The ratchet

fn expect_files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|it| {
            it.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "expect"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn held_out_workspace_expectations_that_held_still_hold() {
    let mut results: Vec<(String, bool)> = Vec::new();
    let only = std::env::var("HELDOUT_ONLY").ok();
    for file in expect_files(WORKSPACE) {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        if only.as_deref().is_some_and(|o| !stem.contains(o)) {
            continue;
        }
        let dir = Path::new(WORKSPACE).join(&stem);
        let dir = dir.canonicalize().unwrap_or(dir);
        let folder = Folder::load(dir);
        let text = std::fs::read_to_string(&file).unwrap();
        for e in parse_expectations(&text) {
            let ok = folder.holds(&e);
            results.push((format!("{stem}/{}", e.id), ok));
        }
    }
    let mut reports = Reports::default();
    for file in expect_files(REPORT) {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        if only.as_deref().is_some_and(|o| !stem.contains(o)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for e in parse_expectations(&text) {
            let ok = reports.holds(&e);
            results.push((format!("{stem}/{}", e.id), ok));
        }
    }
    assert!(
        !results.is_empty(),
        "no expectations under {WORKSPACE} or {REPORT}"
    );
    let mut ids = BTreeSet::new();
    for (id, _) in &results {
        assert!(ids.insert(id.clone()), "duplicate expectation id {id}");
    }
    let holding: BTreeSet<String> = results
        .iter()
        .filter(|(_, ok)| *ok)
        .map(|(id, _)| id.clone())
        .collect();
    let misses: Vec<&str> = results
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(id, _)| id.as_str())
        .collect();
    println!(
        "held-out workspace/report: {} of {} expectations hold ({} do not yet)",
        holding.len(),
        results.len(),
        misses.len()
    );
    if std::env::var_os("HELDOUT_MISSES").is_some() {
        println!("{}", misses.join("\n"));
    }
    let recorded = std::fs::read_to_string(PASSING).unwrap_or_default();
    let recorded: BTreeSet<&str> = recorded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let gained: Vec<&String> = holding
        .iter()
        .filter(|h| !recorded.contains(h.as_str()))
        .collect();
    if !gained.is_empty() {
        println!(
            "newly holding ({}), record with UPDATE_HELDOUT=1 cargo test --test heldout_workspace:",
            gained.len()
        );
        for g in &gained {
            println!("  {g}");
        }
    }
    if std::env::var_os("UPDATE_HELDOUT").is_some() && only.is_none() {
        let list: Vec<&str> = holding.iter().map(String::as_str).collect();
        let body = format!(
            "# held-out workspace/report expectations that hold (UPDATE_HELDOUT=1 rewrites this)\n{}\n",
            list.join("\n")
        );
        std::fs::write(PASSING, body).expect("write PASSING.txt");
        return;
    }
    let lost: Vec<&str> = recorded
        .iter()
        .copied()
        .filter(|l| ids.contains(*l) && !holding.contains(*l))
        .collect();
    let unknown: Vec<&str> = recorded
        .iter()
        .copied()
        .filter(|l| only.is_none() && !ids.contains(*l))
        .collect();
    assert!(
        unknown.is_empty(),
        "PASSING.txt names expectations that no longer exist:\n{}",
        unknown.join("\n")
    );
    assert!(
        lost.is_empty(),
        "held-out expectations that used to hold no longer do:\n{}",
        lost.join("\n")
    );
}

#[test]
fn the_harness_reads_money_and_calendars() {
    assert_eq!(
        amounts_in("at $128k after asking $140,000"),
        vec![12_800_000, 14_000_000]
    );
    assert_eq!(
        amounts_in("$74,050.20 and $1.2m and $ 5"),
        vec![7_405_020, 120_000_000, 500]
    );
    assert!(contains("walked on 2024-03-02 at $146k", "$146,000"));
    assert!(!contains("walked at $146,500", "$146,000"));
    assert!(has_word("Dana said", "dana") && !has_word("guidelines", "Ines"));
    assert!(in_order(
        "a Globex b Initech c",
        &["globex".into(), "initech".into()]
    ));
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:a\r\n b@x\r\nDTSTAMP:20261130T000000Z\r\nDTSTART;VALUE=DATE:20261209\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    assert_eq!(
        ics_valid(ics),
        Ok(vec![("ab@x".to_string(), "20261209".to_string())])
    );
    assert!(ics_valid(&ics.replace("\r\n", "\n")).is_err());
    assert!(self_contained(
        "<!doctype html><html><svg xmlns=\"http://www.w3.org/2000/svg\"><title>t</title></svg><img src=\"data:image/png;base64,AA\"></html>"
    ));
    assert!(!self_contained(
        "<html><img src=\"https://x/y.png\"></html>"
    ));
    assert!(charts(
        "<html><svg><title>a</title></svg><svg><desc>b</desc></svg><svg aria-label=c></svg></html>",
        3
    ));
    let v =
        json!([{"company": "Acme", "role": "Staff Controls Engineer", "last": {"got": 128000}}]);
    assert!(json_object_with(&v, "staff controls engineer", "$128,000"));
    assert!(!json_object_with(&v, "staff controls engineer", "$129,000"));
}
