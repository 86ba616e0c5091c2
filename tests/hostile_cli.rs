//! The `offer-notes` command against hostile files and pipes (issue 16): special files,
//! oversized files, link loops, unreadable folders, a closed stdout, text that reorders a
//! terminal line. Each run must end quickly with a one-line reason, never hang or panic.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Run the binary with a deadline: a hang is a failure, not a stuck test.
fn run(args: &[&str], cwd: Option<&Path>) -> Output {
    let mut cmd = Command::new(common::binary());
    cmd.args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = cwd {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().expect("run offer-notes");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("offer-notes {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "offer-notes-hostile-cli-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

const JOURNAL: &str = include_str!("../examples/renege.offer");

#[test]
fn special_files_are_refused_with_one_line_and_exit_2() {
    let dir = scratch("special");
    let fifo = dir.join("pipe.offer");
    mkfifo(&fifo);
    let socket = dir.join("socket.offer");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let journal = dir.join("journal.offer");
    std::fs::write(&journal, JOURNAL).unwrap();
    let s = |p: &Path| p.to_string_lossy().into_owned();
    for (args, what) in [
        (vec!["check".into(), s(&fifo)], "named pipe"),
        (vec!["check".into(), "/dev/zero".into()], "device"),
        (vec!["check".into(), s(&socket)], "socket"),
        (vec!["compare".into(), "/dev/zero".into()], "device"),
        (
            vec!["check".into(), s(&journal), "--config".into(), s(&fifo)],
            "named pipe",
        ),
        (
            vec![
                "check".into(),
                s(&journal),
                "--config".into(),
                "/dev/zero".into(),
            ],
            "device",
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(what), "{args:?}: {err}");
    }
    // inside a folder: the special files are named, the journal is still checked
    let out = run(&["check", &s(&dir)], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("pipe.offer") && err.contains("socket.offer"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("1 journal checked"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_file_over_the_limit_is_refused_with_the_limit_named() {
    let dir = scratch("big");
    let big = dir.join("big.offer");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap(); // sparse: no disk used
    let out = run(&["check", &big.to_string_lossy()], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("64 MB"), "{}", stderr(&out));
}

#[test]
fn folder_walking_follows_no_link_loop_and_checks_each_journal_once() {
    let dir = scratch("loop");
    std::fs::create_dir_all(dir.join("a/b")).unwrap();
    std::fs::write(dir.join("a/b/one.offer"), JOURNAL).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("a/b/up")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/b/parent")).unwrap();
    std::os::unix::fs::symlink(dir.join("a/b/one.offer"), dir.join("a/same.offer")).unwrap();
    // ignored by .gitignore, like a build folder
    std::fs::create_dir_all(dir.join("skipped")).unwrap();
    std::fs::write(dir.join("skipped/two.offer"), JOURNAL).unwrap();
    std::fs::write(dir.join(".gitignore"), "skipped/\n").unwrap();
    let out = run(&["check", &dir.to_string_lossy()], None);
    assert!(
        stdout(&out).contains("1 journal checked"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn an_unreadable_subfolder_is_named_and_every_readable_journal_checked() {
    let dir = scratch("unreadable");
    std::fs::create_dir_all(dir.join("locked")).unwrap();
    std::fs::create_dir_all(dir.join("open")).unwrap();
    std::fs::write(dir.join("open/one.offer"), JOURNAL).unwrap();
    std::fs::write(dir.join("z.offer"), JOURNAL).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(dir.join("locked")).is_ok() {
        eprintln!("skipped: running as a user who can read any folder (root)");
        return;
    }
    let out = run(&["check", &dir.to_string_lossy()], None);
    std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("locked"), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 journals checked"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_closed_stdout_ends_every_subcommand_quietly() {
    let dir = scratch("pipe");
    for i in 0..40 {
        std::fs::write(dir.join(format!("j{i:02}.offer")), JOURNAL).unwrap();
    }
    let journal = dir.join("j00.offer").to_string_lossy().into_owned();
    let folder = dir.to_string_lossy().into_owned();
    for args in [
        vec!["check", &folder],
        vec!["check", "--format", "json", &folder],
        vec!["compare", &journal],
        vec!["compare", "--format", "markdown", &journal],
        vec!["explain"],
        vec!["explain", "below-floor"],
        vec!["history", &folder],
        vec!["history", "--format", "json", &folder],
        vec!["timeline", "--format", "ics", &folder],
    ] {
        // like `offer-notes check . | head -0`: the reader is gone before the first write
        let mut child = Command::new(common::binary())
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_ne!(out.status.code(), Some(101), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked") && !stderr(&out).contains("Broken pipe"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn bidi_controls_are_shown_escaped() {
    let dir = scratch("bidi");
    let file = dir.join("bidi.offer");
    // a right-to-left override in a company name, isolates in a value: both quoted by findings
    let text = "# x\nfloor: $190k\ntoday: 2026-11-22\n\n## Evil\u{202e} Corp\nstatus: live\nbase: $1\u{2066}x\u{2069}\n";
    std::fs::write(&file, text).unwrap();
    let out = run(
        &["check", "--color", "never", &file.to_string_lossy()],
        None,
    );
    let shown = stdout(&out);
    for c in ['\u{202e}', '\u{2066}', '\u{2069}'] {
        assert!(!shown.contains(c), "{shown}");
    }
    assert!(shown.contains("Evil<U+202E> Corp"), "{shown}");
    assert!(shown.contains("$1<U+2066>x<U+2069>"), "{shown}");
}

#[test]
fn a_megabyte_name_costs_well_under_a_second_and_is_quoted_short() {
    let dir = scratch("long-name");
    let long = "x".repeat(1 << 20);
    let cases = [
        ("allow.offer", format!("# x\nfloor: $190k\nallow: {long}\n")),
        ("key.offer", format!("# x\nfloor: $190k\n{long}: $5\n")),
        ("toml", format!("[severity]\n{long} = \"error\"\n")),
    ];
    for (name, text) in cases {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        let path = path.to_string_lossy().into_owned();
        let journal = dir.join("allow.offer").to_string_lossy().into_owned();
        let args = if name == "toml" {
            vec!["check", "--format", "json", "--config", &path, &journal]
        } else {
            vec!["check", "--format", "json", &path]
        };
        let started = Instant::now();
        let out = run(&args, None);
        let took = started.elapsed();
        eprintln!("{name}: {took:?}");
        assert!(
            took < Duration::from_secs(2),
            "{name}: {took:?} in a debug build"
        );
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            said.len() < 64 * 1024,
            "{name}: {} bytes of output",
            said.len()
        );
    }
}
