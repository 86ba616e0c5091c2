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
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

#[path = "common/wire.rs"]
mod wire;

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
// Money, dates, text

/// Every `$` amount in `text`, in cents: `$128,000`, `$128k`, `$128.5k`, `$1.2m`, `$74,050.20`.
fn amounts_in(text: &str) -> Vec<i128> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != '$' {
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let mut whole = String::new();
        let mut frac = String::new();
        let mut in_frac = false;
        while j < chars.len() {
            let d = chars[j];
            if d.is_ascii_digit() {
                if in_frac {
                    frac.push(d);
                } else {
                    whole.push(d);
                }
            } else if (d == ',' || d == '_' || d == '\u{2009}' || d == '\u{202f}')
                && !in_frac
                && j + 1 < chars.len()
                && chars[j + 1].is_ascii_digit()
            {
            } else if d == '.' && !in_frac && j + 1 < chars.len() && chars[j + 1].is_ascii_digit() {
                in_frac = true;
            } else {
                break;
            }
            j += 1;
        }
        if whole.is_empty() {
            continue;
        }
        let mult: i128 = match chars.get(j) {
            Some('k') | Some('K') => 1_000,
            Some('m') | Some('M') => 1_000_000,
            _ => 1,
        };
        let Ok(w) = whole.parse::<i128>() else {
            continue;
        };
        // value × mult × 100, with the fraction as exact decimal digits
        let scale = 10i128.pow(frac.len() as u32);
        let f: i128 = if frac.is_empty() {
            0
        } else {
            frac.parse().unwrap_or(0)
        };
        let cents = (w * scale + f) * mult * 100 / scale;
        out.push(cents);
    }
    out
}

fn money_needle(needle: &str) -> Option<i128> {
    if !needle.starts_with('$') {
        return None;
    }
    let found = amounts_in(needle);
    (found.len() == 1).then(|| found[0])
}

/// `needle` in `hay`: money-aware for `$` amounts, case-insensitive otherwise.
fn contains(hay: &str, needle: &str) -> bool {
    if let Some(cents) = money_needle(needle) {
        if amounts_in(hay).contains(&cents) {
            return true;
        }
    }
    hay.to_lowercase().contains(&needle.to_lowercase())
}

/// Any of the `||`-separated alternatives.
fn contains_any(hay: &str, needles: &str) -> bool {
    needles.split("||").map(str::trim).any(|n| contains(hay, n))
}

/// `word` in `hay` as a whole word, case-insensitive.
fn has_word(hay: &str, word: &str) -> bool {
    let hay = hay.to_lowercase();
    let word = word.to_lowercase();
    let mut from = 0;
    while let Some(at) = hay[from..].find(&word) {
        let start = from + at;
        let end = start + word.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if edge(before) && edge(after) {
            return true;
        }
        from = start + word.len().max(1);
    }
    false
}

fn first_index(hay: &str, needle: &str) -> Option<usize> {
    hay.to_lowercase().find(&needle.to_lowercase())
}

fn in_order(hay: &str, tokens: &[String]) -> bool {
    let mut last = None;
    for t in tokens {
        let Some(i) = first_index(hay, t) else {
            return false;
        };
        if last.is_some_and(|l| i <= l) {
            return false;
        }
        last = Some(i);
    }
    !tokens.is_empty()
}

/// HTML to text: tags become spaces, a few entities are decoded.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#36;", "$")
        .replace("&dollar;", "$")
        .replace("&#x24;", "$")
        .replace("&nbsp;", " ")
        .replace("&#44;", ",")
        .replace("&amp;", "&")
}

// ---------------------------------------------------------------------------------------------
// JSON helpers

fn json_strings_and_numbers(v: &Value, strings: &mut Vec<String>, numbers: &mut Vec<f64>) {
    match v {
        Value::String(s) => strings.push(s.clone()),
        Value::Number(n) => numbers.extend(n.as_f64()),
        Value::Array(a) => a
            .iter()
            .for_each(|x| json_strings_and_numbers(x, strings, numbers)),
        Value::Object(o) => o
            .values()
            .for_each(|x| json_strings_and_numbers(x, strings, numbers)),
        _ => {}
    }
}

fn json_has(v: &Value, needle: &str) -> bool {
    let mut strings = Vec::new();
    let mut numbers = Vec::new();
    json_strings_and_numbers(v, &mut strings, &mut numbers);
    if let Some(cents) = money_needle(needle) {
        let dollars = cents as f64 / 100.0;
        if numbers
            .iter()
            .any(|&n| (n - dollars).abs() < 0.005 || (n - cents as f64).abs() < 0.5)
        {
            return true;
        }
    }
    strings.iter().any(|s| contains(s, needle))
}

/// Some object with a string field equal to `role` whose subtree holds `amount`.
fn json_object_with(v: &Value, role: &str, amount: &str) -> bool {
    match v {
        Value::Array(a) => a.iter().any(|x| json_object_with(x, role, amount)),
        Value::Object(o) => {
            let here = o.values().any(|x| {
                x.as_str()
                    .is_some_and(|s| s.trim().eq_ignore_ascii_case(role.trim()))
            }) && json_has(v, amount);
            here || o.values().any(|x| json_object_with(x, role, amount))
        }
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Files of a folder

/// The paths (relative, `/`-separated) a folder's own `.gitignore` names: the held-out
/// folders ignore single files, written as plain relative paths.
fn ignored(folder: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(folder.join(".gitignore"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_start_matches('/').to_string())
        .collect()
}

fn walk(folder: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(folder, &path, out);
        } else if let Ok(rel) = path.strip_prefix(folder) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn all_files(folder: &Path) -> Vec<String> {
    let mut out = Vec::new();
    walk(folder, folder, &mut out);
    out.sort();
    out
}

fn is_journal(rel: &str) -> bool {
    rel.ends_with(".offer") || rel.ends_with(".offer.md")
}

fn journals(folder: &Path) -> Vec<String> {
    let skip = ignored(folder);
    all_files(folder)
        .into_iter()
        .filter(|f| is_journal(f) && !skip.contains(f))
        .collect()
}

/// Copy a folder without its ignored files (a copy in /tmp is outside any git repository).
fn copy_folder(from: &Path, to: &Path) {
    let skip = ignored(from);
    let _ = std::fs::remove_dir_all(to);
    for rel in all_files(from) {
        if skip.contains(&rel) {
            continue;
        }
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&rel), dest).unwrap();
    }
}

fn rel_of(folder: &Path, file: &str) -> Option<String> {
    let p = PathBuf::from(file);
    let p = if p.is_absolute() {
        p
    } else {
        std::env::current_dir().ok()?.join(p)
    };
    let p = p.canonicalize().unwrap_or(p);
    p.strip_prefix(folder)
        .ok()
        .map(|r| r.to_string_lossy().replace('\\', "/"))
}

fn file_uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn uri_path(uri: &str) -> PathBuf {
    let raw = uri.strip_prefix("file://").unwrap_or(uri);
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&raw[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    PathBuf::from(String::from_utf8_lossy(&out).into_owned())
}

/// One diagnostic in a shape both `check --format json` and LSP give.
type Diag = (u64, u64, u64, u64, String, String, String);

fn diag(d: &Value) -> Diag {
    let severity = match &d["severity"] {
        Value::Number(n) => match n.as_u64() {
            Some(1) => "error",
            Some(2) => "warning",
            Some(3) => "information",
            _ => "hint",
        }
        .to_string(),
        Value::String(s) => s.clone(),
        _ => String::new(),
    };
    let code = match &d["code"] {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let r = &d["range"];
    let n = |v: &Value| v.as_u64().unwrap_or(u64::MAX);
    (
        n(&r["start"]["line"]),
        n(&r["start"]["character"]),
        n(&r["end"]["line"]),
        n(&r["end"]["character"]),
        code,
        d["message"].as_str().unwrap_or("").to_string(),
        severity,
    )
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
// iCalendar

/// RFC 5545 basics: CRLF line ends, lines of at most 75 octets, VCALENDAR with VERSION:2.0 and
/// PRODID, every VEVENT with UID, DTSTAMP and DTSTART. Returns (UID, DTSTART date) per event.
fn ics_valid(text: &str) -> Result<Vec<(String, String)>, String> {
    if !text.starts_with("BEGIN:VCALENDAR\r\n") {
        return Err("does not start with BEGIN:VCALENDAR CRLF".into());
    }
    if !text.ends_with("END:VCALENDAR\r\n") {
        return Err("does not end with END:VCALENDAR CRLF".into());
    }
    let body = &text[..text.len() - 2];
    for line in body.split("\r\n") {
        if line.contains('\n') || line.contains('\r') {
            return Err("a bare LF or CR".into());
        }
        if line.len() > 75 {
            return Err(format!("a line of {} octets", line.len()));
        }
    }
    let lines = unfold(text);
    if !lines.iter().any(|l| l == "VERSION:2.0") {
        return Err("no VERSION:2.0".into());
    }
    if !lines
        .iter()
        .any(|l| l.starts_with("PRODID:") && l.len() > 7)
    {
        return Err("no PRODID".into());
    }
    let begins = lines.iter().filter(|l| l.starts_with("BEGIN:")).count();
    let ends = lines.iter().filter(|l| l.starts_with("END:")).count();
    if begins != ends {
        return Err("unbalanced BEGIN/END".into());
    }
    let events = ics_events(text)?;
    if events.is_empty() {
        return Err("no VEVENT".into());
    }
    Ok(events)
}

fn unfold(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.split("\r\n").flat_map(|l| l.split('\n')) {
        if let Some(rest) = line.strip_prefix([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        out.push(line.trim_end_matches('\r').to_string());
    }
    out
}

/// (UID, DTSTART as YYYYMMDD) per VEVENT; an event without UID, DTSTAMP or DTSTART is an error.
fn ics_events(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut current: Option<(Option<String>, Option<String>, bool)> = None;
    for line in unfold(text) {
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        let prop = name.split(';').next().unwrap_or("").to_ascii_uppercase();
        match (prop.as_str(), &mut current) {
            ("BEGIN", None) if value == "VEVENT" => current = Some((None, None, false)),
            ("END", Some(_)) if value == "VEVENT" => {
                let (uid, start, stamp) = current.take().unwrap();
                match (uid, start, stamp) {
                    (Some(u), Some(s), true) => out.push((u, s)),
                    _ => return Err("a VEVENT without UID, DTSTART or DTSTAMP".into()),
                }
            }
            ("UID", Some(ev)) if !value.is_empty() => ev.0 = Some(value.to_string()),
            ("DTSTART", Some(ev)) if value.len() >= 8 => ev.1 = Some(value[..8].to_string()),
            ("DTSTAMP", Some(ev)) if !value.is_empty() => ev.2 = true,
            _ => {}
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The language server on a workspace folder, no file opened

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn spawn() -> Option<Server> {
        let mut child = Command::new(binary())
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .env_remove("OFFER_NOTES_LOG")
            .env_remove("OFFER_NOTES_DOCS_URL")
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = child.stdout.take()?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(msg) = wire::read_message(&mut reader) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Some(Server {
            child,
            stdin,
            incoming: rx,
            next_id: 1,
        })
    }

    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = self.stdin.flush();
    }

    fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next message before `deadline`, answering the server's own requests on the way.
    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(msg) => {
                if let (Some(id), Some(method)) = (msg.get("id"), msg["method"].as_str()) {
                    let result = if method == "workspace/configuration" {
                        let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                        Value::Array(vec![Value::Null; n])
                    } else {
                        Value::Null
                    };
                    let id = id.clone();
                    self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                }
                Some(msg)
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    fn response(&mut self, id: i64, deadline: Instant, seen: &mut Vec<Value>) -> Option<Value> {
        loop {
            let msg = self.next(deadline)?;
            if msg["id"] == json!(id) && msg.get("method").is_none() {
                return Some(msg);
            }
            seen.push(msg);
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether the server, given the folder as its workspace and no open document, reports for every
/// journal exactly what `check --format json` reports for it: by pull (`workspace/diagnostic`)
/// or by push (`textDocument/publishDiagnostics`).
fn lsp_matches(folder: &Folder, push: bool) -> bool {
    let Some(check) = folder.check.as_ref() else {
        return false;
    };
    let mut expected: BTreeMap<String, Vec<Diag>> = BTreeMap::new();
    for j in journals(&folder.dir) {
        expected.insert(j.clone(), check.get(&j).cloned().unwrap_or_default());
    }
    // anything check reported for a file that is not a listed journal must show up too
    for (f, d) in check {
        expected.entry(f.clone()).or_insert_with(|| d.clone());
    }
    let Some(mut server) = Server::spawn() else {
        return false;
    };
    let deadline = Instant::now() + LSP_TIMEOUT;
    let root = file_uri(&folder.dir);
    let name = folder
        .dir
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let text_caps = if push {
        json!({"publishDiagnostics": {"relatedInformation": true, "versionSupport": true}})
    } else {
        json!({"diagnostic": {"dynamicRegistration": false, "relatedDocumentSupport": false}})
    };
    let id = server.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": root,
            "workspaceFolders": [{"uri": root, "name": name}],
            "capabilities": {
                "textDocument": text_caps,
                "workspace": {
                    "workspaceFolders": true,
                    "configuration": true,
                    "didChangeWatchedFiles": {"dynamicRegistration": true},
                    "diagnostics": {"refreshSupport": !push}
                },
                "window": {"workDoneProgress": true}
            }
        }),
    );
    let mut seen = Vec::new();
    let Some(init) = server.response(id, deadline, &mut seen) else {
        return false;
    };
    server.notify("initialized", json!({}));
    let mut received: BTreeMap<String, Vec<Diag>> = BTreeMap::new();
    let matches = |received: &BTreeMap<String, Vec<Diag>>| {
        expected
            .iter()
            .all(|(f, d)| received.get(f).cloned().unwrap_or_default() == *d)
            && received
                .iter()
                .all(|(f, d)| d.is_empty() || expected.contains_key(f))
    };
    let record = |received: &mut BTreeMap<String, Vec<Diag>>, uri: &str, items: &Value| {
        let path = uri_path(uri);
        let path = path.canonicalize().unwrap_or(path);
        let rel = path
            .strip_prefix(&folder.dir)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .unwrap_or_else(|_| path_str(&path));
        let mut ds: Vec<Diag> = items
            .as_array()
            .map(|a| a.iter().map(diag).collect())
            .unwrap_or_default();
        ds.sort();
        received.insert(rel, ds);
    };
    let explain = |why: &str, received: &BTreeMap<String, Vec<Diag>>| {
        if std::env::var_os("HELDOUT_MISSES").is_some() {
            eprintln!(
                "lsp ({}) on {}: {why}",
                if push { "push" } else { "pull" },
                name
            );
            for (f, d) in &expected {
                let got = received.get(f).map(Vec::len);
                if received.get(f).cloned().unwrap_or_default() != *d {
                    eprintln!("  {f}: check says {} diagnostics, server {got:?}", d.len());
                }
            }
        }
        false
    };
    if push {
        for msg in seen.drain(..) {
            if msg["method"] == "textDocument/publishDiagnostics" {
                let p = &msg["params"];
                record(
                    &mut received,
                    p["uri"].as_str().unwrap_or(""),
                    &p["diagnostics"],
                );
            }
        }
        while !matches(&received) {
            let Some(msg) = server.next(deadline) else {
                return explain("timed out", &received);
            };
            if msg["method"] == "textDocument/publishDiagnostics" {
                let p = &msg["params"];
                record(
                    &mut received,
                    p["uri"].as_str().unwrap_or(""),
                    &p["diagnostics"],
                );
            }
        }
        true
    } else {
        let provider = &init["result"]["capabilities"]["diagnosticProvider"];
        if provider.is_null() || provider["workspaceDiagnostics"] != json!(true) {
            return explain("no diagnosticProvider.workspaceDiagnostics", &received);
        }
        loop {
            let id = server.request("workspace/diagnostic", json!({"previousResultIds": []}));
            let Some(answer) = server.response(id, deadline, &mut seen) else {
                return explain("no answer to workspace/diagnostic", &received);
            };
            if answer.get("error").is_some() && answer["error"]["code"] != json!(-32802) {
                return explain(&format!("error {}", answer["error"]), &received);
            }
            for item in answer["result"]["items"].as_array().into_iter().flatten() {
                if item["kind"] == "full" {
                    record(
                        &mut received,
                        item["uri"].as_str().unwrap_or(""),
                        &item["items"],
                    );
                }
            }
            if matches(&received) {
                return true;
            }
            if Instant::now() >= deadline {
                return explain("timed out", &received);
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The report

#[derive(Default)]
struct Reports {
    plain: HashMap<String, Option<String>>,
    redacted: HashMap<String, Option<String>>,
}

impl Reports {
    fn get(&mut self, journal: &str, redact: bool) -> Option<String> {
        let path = path_str(&Path::new(REPORT).join(journal));
        let cache = if redact {
            &mut self.redacted
        } else {
            &mut self.plain
        };
        cache
            .entry(journal.to_string())
            .or_insert_with(|| {
                let mut args = vec!["report"];
                if redact {
                    args.push("--redact");
                }
                args.push(&path);
                ok_output(run(&args))
            })
            .clone()
    }

    fn holds(&mut self, e: &Expectation) -> bool {
        let a = |i: usize| e.args.get(i).cloned().unwrap_or_default();
        let journal = a(0);
        match e.kind.as_str() {
            "report-self-contained" => self
                .get(&journal, false)
                .is_some_and(|h| self_contained(&h)),
            "report-charts" => self
                .get(&journal, false)
                .is_some_and(|h| charts(&h, a(1).parse().unwrap_or(3))),
            "report-has" => self
                .get(&journal, false)
                .is_some_and(|h| contains(&html_text(&h), &a(1))),
            "report-redacted" => self.get(&journal, true).is_some_and(|h| {
                looks_like_html(&h) && e.args[1..].iter().all(|n| !has_word(&h, n))
            }),
            "report-redacted-rounded" => self.get(&journal, true).is_some_and(|h| {
                let amounts = amounts_in(&html_text(&h));
                !amounts.is_empty() && amounts.iter().all(|c| c % 100_000 == 0)
            }),
            "report-redacted-lacks" => self.get(&journal, true).is_some_and(|h| {
                looks_like_html(&h) && e.args[1..].iter().all(|n| !h.contains(n.as_str()))
            }),
            other => panic!("unknown report expectation kind {other} ({})", e.id),
        }
    }
}

fn looks_like_html(h: &str) -> bool {
    let l = h.to_lowercase();
    l.contains("<html") || l.contains("<!doctype html")
}

/// No script, no stylesheet link, no network reference; every `src=` and `url(` is `data:`.
fn self_contained(h: &str) -> bool {
    if !looks_like_html(h) {
        return false;
    }
    let l = h.to_lowercase();
    // namespace names are identifiers, not references
    let mut stripped = String::new();
    let mut rest = l.as_str();
    while let Some(at) = rest.find("xmlns") {
        stripped.push_str(&rest[..at]);
        let after = &rest[at..];
        let skip = after
            .find('"')
            .and_then(|q| after[q + 1..].find('"').map(|e| q + e + 2))
            .unwrap_or(5);
        rest = &after[skip..];
    }
    stripped.push_str(rest);
    let bad = [
        "<script", "<link", "@import", "<iframe", "<object", "<embed", "http:", "https:", "//fonts",
    ];
    if bad.iter().any(|b| stripped.contains(b)) {
        return false;
    }
    let data_only = |marker: &str| {
        stripped.match_indices(marker).all(|(i, _)| {
            let v = stripped[i + marker.len()..].trim_start_matches(['"', '\'', ' ']);
            v.starts_with("data:") || (marker == "url(" && v.starts_with('#'))
        })
    };
    data_only("src=") && data_only("url(")
}

/// At least `n` inline SVG charts, each with a `<title>`/`<desc>`/`aria-label`, or a table each.
fn charts(h: &str, n: usize) -> bool {
    let l = h.to_lowercase();
    let svgs: Vec<&str> = l
        .match_indices("<svg")
        .map(|(i, _)| {
            let end = l[i..].find("</svg>").map_or(l.len(), |e| i + e);
            &l[i..end]
        })
        .collect();
    if svgs.len() < n {
        return false;
    }
    let without = svgs
        .iter()
        .filter(|s| !(s.contains("<title") || s.contains("<desc") || s.contains("aria-label")))
        .count();
    without == 0 || l.matches("<table").count() >= svgs.len()
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
