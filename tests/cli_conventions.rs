//! The command line's conventions (SPEC §4): standard input, one line per finding, shell
//! completions, folders walked once, tables that survive any company name, rule codes typed
//! any way, and plain words when there is nothing to check. The real binary, real files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use unicode_width::UnicodeWidthStr;

fn run_in(dir: Option<&Path>, args: &[&str], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_offer-notes"));
    command
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command.spawn().expect("run offer-notes");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        // a command that refuses its arguments exits without reading: a closed pipe is fine
        let _ = input.write_all(text.as_bytes());
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn run(args: &[&str]) -> Output {
    run_in(None, args, None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "offer-notes-conventions-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const BELOW_FLOOR: &str =
    "today: 2026-11-22\nfloor: $190k\ndecision-date: 2026-12-01\n\n## Acme\nstatus: live\nbase: $172,000\n";

fn json(out: &Output) -> Vec<serde_json::Value> {
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(out), stderr(out)))
        .as_array()
        .unwrap()
        .clone()
}

fn codes(out: &Output) -> Vec<String> {
    json(out)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_journal_on_standard_input_is_checked_under_the_name_given() {
    let out = run_in(
        None,
        &["check", "--format", "concise", "-"],
        Some(BELOW_FLOOR),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("<stdin>:7:7: warning[below-floor] $172,000 is 9.5% below"),
        "{}",
        stdout(&out)
    );

    // the name is used in messages and decides which offer-notes.toml applies
    let dir = scratch("stdin");
    std::fs::create_dir_all(dir.join("j")).unwrap();
    std::fs::write(
        dir.join("j/offer-notes.toml"),
        "disabled-rules = [\"below-floor\"]\n",
    )
    .unwrap();
    let named = [
        "check",
        "--format",
        "json",
        "--stdin-filename",
        "j/x.offer",
        "-",
    ];
    let out = run_in(Some(&dir), &named, Some(BELOW_FLOOR));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(codes(&out), Vec::<String>::new());
    // the same text under a name outside j/: the rule fires, and the file is the name given
    let named = [
        "check",
        "--format",
        "json",
        "--stdin-filename",
        "y.offer",
        "-",
    ];
    let out = run_in(Some(&dir), &named, Some(BELOW_FLOOR));
    assert_eq!(codes(&out), ["below-floor"]);
    assert_eq!(json(&out)[0]["file"], "y.offer");

    // with files beside it, and the human summary counts it
    let file = dir.join("file.offer");
    std::fs::write(&file, BELOW_FLOOR).unwrap();
    let out = run_in(
        None,
        &["check", file.to_str().unwrap(), "-"],
        Some(BELOW_FLOOR),
    );
    assert!(
        stdout(&out).contains("2 journals checked: 0 errors, 2 warnings"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn standard_input_is_bad_usage_twice_or_when_only_named() {
    let out = run_in(None, &["check", "-", "-"], Some(BELOW_FLOOR));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("only once"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");

    let out = run(&["check", "--stdin-filename", "x.offer", "examples/"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("add `-`"), "{}", stderr(&out));

    let mut latin1 = Command::new(env!("CARGO_BIN_EXE_offer-notes"))
        .args(["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    latin1
        .stdin
        .take()
        .unwrap()
        .write_all(b"floor: \xa3190k\n")
        .unwrap();
    let out = latin1.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("<stdin>: not UTF-8 text"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn concise_prints_one_line_per_finding_with_1_based_character_columns() {
    let dir = scratch("concise");
    // the emoji is one character, two UTF-16 units and four bytes before the amount
    let journal = "today: 2026-11-22\nfloor: $190k\ndecision-date: 2026-12-01\n\n## Café ☕\nstatus: live\ncounter 2026-11-15: asked $195k 🙏, got $178k\n";
    let file = dir.join("café.offer");
    std::fs::write(&file, journal).unwrap();
    let name = file.to_str().unwrap();
    let out = run(&["check", "--format", "concise", name]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let as_json = json(&run(&["check", "--format", "json", name]));
    assert_eq!(lines.len(), as_json.len(), "{text}");
    let below = lines
        .iter()
        .find(|l| l.contains("[below-floor]"))
        .expect("below-floor");
    let column = "counter 2026-11-15: asked $195k 🙏, got ".chars().count() + 1;
    assert_eq!(
        *below,
        format!(
            "{name}:7:{column}: warning[below-floor] $178,000 is 6.3% below your floor of $190,000"
        )
    );
    // every line names the file, 1-based line, a severity, the code in brackets
    for (line, d) in lines.iter().zip(&as_json) {
        let expected = format!(
            "{name}:{}:",
            d["range"]["start"]["line"].as_u64().unwrap() + 1
        );
        assert!(line.starts_with(&expected), "{line} vs {d}");
        assert!(
            line.contains(&format!(
                ": {}[{}] ",
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap()
            )),
            "{line}"
        );
    }
    // no summary line: every line is a finding
    assert!(!text.contains("checked"), "{text}");
    // --help says how the columns count
    let help = stdout(&run(&["check", "--help"]));
    assert!(help.contains("1-based"), "{help}");
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in [
            "offer-notes",
            "check",
            "compare",
            "explain",
            "stdin-filename",
        ] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_link_up_to_the_parent_is_not_followed_and_each_journal_is_read_once() {
    let dir = scratch("up");
    std::fs::create_dir_all(dir.join("journals/2026")).unwrap();
    std::fs::write(dir.join("journals/a.offer"), BELOW_FLOOR).unwrap();
    std::fs::write(dir.join("journals/2026/b.offer"), BELOW_FLOOR).unwrap();
    std::fs::write(dir.join("outside.offer"), BELOW_FLOOR).unwrap();
    std::os::unix::fs::symlink("..", dir.join("journals/up")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("journals/2026/up")).unwrap();
    let folder = dir.join("journals");
    let out = run(&["check", "--format", "concise", folder.to_str().unwrap()]);
    let text = stdout(&out);
    let files: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("[below-floor]"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let a = folder.join("a.offer");
    let b = folder.join("2026/b.offer");
    assert_eq!(
        files,
        [b.to_str().unwrap(), a.to_str().unwrap()],
        "{text}{}",
        stderr(&out)
    );
}

fn write_companies(dir: &Path) -> PathBuf {
    let file = dir.join("tokyo.offer");
    std::fs::write(
        &file,
        "today: 2026-11-22\nfloor: $190k\ndecision-date: 2026-12-01\n\n\
         ## 株式会社テスト | Tokyo\nstatus: live\nbase: $172,000\n\n\
         ## Acme 🚀\nstatus: live\nbase: $195,000\n\n\
         ## Back\\slash\nstatus: live\nbase: $190,000\n",
    )
    .unwrap();
    file
}

#[test]
fn compare_lines_up_cjk_and_emoji_by_display_width() {
    let dir = scratch("width");
    let file = write_companies(&dir);
    let out = run(&["compare", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "heading, rule, three offers: {text}");
    assert!(lines[2].starts_with("株式会社テスト | Tokyo"), "{text}");
    // the status column starts at the same screen column on every line
    let status_at = |line: &str, word: &str| line[..line.find(word).unwrap()].width();
    let column = status_at(lines[0], "Status");
    for line in &lines[2..] {
        assert_eq!(status_at(line, "live"), column, "{text}");
    }
    assert_eq!(lines[1].split("  ").next().unwrap().width(), column - 2);
}

#[test]
fn compare_in_markdown_escapes_the_bar_in_a_name() {
    let dir = scratch("bar");
    let file = write_companies(&dir);
    let out = run(&["compare", "--format", "markdown", file.to_str().unwrap()]);
    let text = stdout(&out);
    // every row has as many cell borders as the heading: no `|` in a name adds a column
    let borders = |line: &str| {
        let mut n = 0;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '|' if !escaped => n += 1,
                _ => escaped = false,
            }
        }
        n
    };
    let heading = text.lines().next().map_or(0, borders);
    assert!(heading >= 7, "{text}");
    for line in text.lines() {
        assert_eq!(borders(line), heading, "{line}");
    }
    assert!(
        text.contains("| 株式会社テスト \\| Tokyo | live |"),
        "{text}"
    );
    assert!(text.contains("| Back\\\\slash | live |"), "{text}");
}

#[test]
fn compare_on_a_folder_compares_every_journal_in_it() {
    let dir = scratch("compare-folder");
    write_companies(&dir);
    std::fs::write(dir.join("other.offer"), BELOW_FLOOR).unwrap();
    let out = run(&["compare", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let other = text.find("other.offer").expect("other's name");
    let tokyo = text.find("tokyo.offer").expect("tokyo's name");
    assert!(other < tokyo, "in name order: {text}");
    let acme = text.find("\nAcme ").expect("Acme's row");
    let rocket = text.find("Acme 🚀").expect("Acme 🚀's row");
    assert!(other < acme && acme < tokyo && tokyo < rocket, "{text}");

    let empty = scratch("compare-empty");
    let out = run(&["compare", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no journals found under"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_takes_a_code_written_like_a_key() {
    let expected = run(&["explain", "below-floor"]);
    assert_eq!(expected.status.code(), Some(0));
    for written in ["BELOW_FLOOR", "Below-Floor", "below_floor", " below-floor "] {
        let out = run(&["explain", written]);
        assert_eq!(out.status.code(), Some(0), "{written}: {}", stderr(&out));
        assert_eq!(stdout(&out), stdout(&expected), "{written}");
    }
    let out = run(&["explain", "BELOW_FLOR"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`BELOW_FLOR`"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("did you mean `below-floor`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_folder_without_journals_is_said_plainly_and_is_bad_input() {
    let dir = scratch("nothing");
    std::fs::write(dir.join("notes.md"), "no journals here\n").unwrap();
    let out = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(&format!("no journals found under {}", dir.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "", "no summary of nothing");
    // beside a folder that has one, the journal is still checked and the empty one named
    let full = scratch("something");
    std::fs::write(full.join("a.offer"), BELOW_FLOOR).unwrap();
    let out = run(&["check", full.to_str().unwrap(), dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("1 journal checked"),
        "{}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("no journals found under"));
}

#[test]
fn a_missing_file_is_not_followed_by_a_summary_of_nothing() {
    let dir = scratch("missing");
    let missing = dir.join("missing.offer");
    let out = run(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim_end(),
        format!("offer-notes: {}: no such file or folder", missing.display())
    );
    assert_eq!(stdout(&out), "");
}
