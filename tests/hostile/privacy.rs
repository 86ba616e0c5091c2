//! Privacy: a session logs no document text, opens no socket and writes no file.

use super::*;

/// The process's open sockets (`socket:[inode]` links under /proc/<pid>/fd) and the files it
/// holds open for writing (a read-only open of /proc/self/maps or a cgroup file at start-up,
/// which the standard library does, is no write).
fn sockets_and_files(pid: u32) -> (Vec<String>, Vec<String>) {
    let mut sockets = Vec::new();
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return (sockets, files);
    };
    for entry in entries.flatten() {
        let Ok(target) = std::fs::read_link(entry.path()) else {
            continue; // closed meanwhile
        };
        let target = target.to_string_lossy().to_string();
        if target.starts_with("socket:") {
            sockets.push(target);
        } else if !(target.starts_with("pipe:")
            || target.starts_with("anon_inode:")
            || target == "/dev/null")
        {
            let fd = entry.file_name().to_string_lossy().to_string();
            let flags = std::fs::read_to_string(format!("/proc/{pid}/fdinfo/{fd}"))
                .ok()
                .and_then(|info| {
                    info.lines()
                        .find_map(|l| l.strip_prefix("flags:"))
                        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                });
            // O_WRONLY = 1, O_RDWR = 2 (an fd closed meanwhile has no fdinfo: not counted)
            if flags.is_some_and(|f| f & 0o3 != 0) {
                files.push(target);
            }
        }
    }
    (sockets, files)
}

/// Sockets in the process's network namespace (/proc/<pid>/net/{tcp,tcp6,udp,udp6,raw,raw6})
/// whose inode is one of the process's open fds.
fn inet_sockets_owned(pid: u32, inodes: &[String]) -> Vec<String> {
    let mut owned = Vec::new();
    for table in ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"] {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")) else {
            continue;
        };
        for row in text.lines().skip(1) {
            let inode = row.split_whitespace().nth(9).unwrap_or("");
            if inodes.iter().any(|s| s == &format!("socket:[{inode}]")) {
                owned.push(format!("{table}: {row}"));
            }
        }
    }
    owned
}

#[test]
fn a_session_logs_no_document_text_opens_no_socket_and_writes_no_file() {
    let home = std::env::temp_dir().join(format!("offer-notes-privacy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    for dir in ["home", "cwd", "tmp", "config", "cache", "data", "state"] {
        std::fs::create_dir_all(home.join(dir)).unwrap();
    }
    let p = |d: &str| home.join(d).to_string_lossy().to_string();
    let env = [
        ("HOME", p("home")),
        ("TMPDIR", p("tmp")),
        ("XDG_CONFIG_HOME", p("config")),
        ("XDG_CACHE_HOME", p("cache")),
        ("XDG_DATA_HOME", p("data")),
        ("XDG_STATE_HOME", p("state")),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut lsp = Lsp::spawn_with(&env, Some(&home.join("cwd")));
    let pid = lsp.pid();
    // sample the fd table all session long
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut seen = (Vec::new(), Vec::new(), Vec::new(), 0);
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let (sockets, files) = sockets_and_files(pid);
                if !sockets.is_empty() {
                    seen.2.extend(inet_sockets_owned(pid, &sockets));
                }
                seen.0.extend(sockets);
                seen.1.extend(files);
                seen.3 += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            seen
        })
    };
    lsp.initialize(&["utf-16"], Value::Null);
    let uri = "file:///tmp/private.offer";
    lsp.open(uri, JOURNAL, 1);
    lsp.diagnostics(uri, 1);
    lsp.change(uri, 2, &[(9, 6, 9, 14, "$171,000")]);
    lsp.diagnostics(uri, 2);
    hover(&mut lsp, uri, ON_BASE);
    lsp.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 5}}, "context": {"diagnostics": []}}),
    );
    lsp.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    // hostile inputs whose error messages could quote what they carry
    lsp.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": "base: $172,000"}, "contentChanges": [{"text": "floor: $190k base"}]}),
    );
    lsp.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": "file:///tmp/p2.offer", "languageId": "offer", "version": "role: Staff Engineer", "text": JOURNAL}}),
    );
    lsp.send_body(b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"text\":\"- walk: I'm tired of interviewing");
    lsp.send_body(b"Acme Robotics $172,000 is not json");
    lsp.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": "manager: weak"}),
    );
    still_serving(&mut lsp);
    lsp.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let stderr = lsp.stderr.clone();
    assert_eq!(lsp.shutdown_and_exit(), Some(0));
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (sockets, files, inet, samples) = sampler.join().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let log = stderr.lock().unwrap().clone();
    assert!(log.contains("open"), "the log is written: {log}");
    let log = common::without_timestamps(&log);
    for line in JOURNAL
        .lines()
        .chain(["$171,000", "171,000", "floor: $190k base"])
    {
        let line = line.trim();
        if line.len() > 3 {
            assert!(!log.contains(line), "{line:?} leaked into the log:\n{log}");
        }
    }
    for amount in [
        "172", "171", "190", "$1", "Acme", "Initech", "tired", "Staff", "weak",
    ] {
        assert!(
            !log.contains(amount),
            "{amount:?} leaked into the log:\n{log}"
        );
    }
    assert!(samples > 5, "the fd table was sampled ({samples} times)");
    assert!(sockets.is_empty(), "sockets: {sockets:?}");
    assert!(inet.is_empty(), "inet sockets: {inet:?}");
    assert!(files.is_empty(), "files open for writing: {files:?}");
    for dir in ["home", "cwd", "tmp", "config", "cache", "data", "state"] {
        let left: Vec<_> = std::fs::read_dir(home.join(dir)).unwrap().collect();
        assert!(left.is_empty(), "{dir} has {left:?}");
    }
    let _ = std::fs::remove_dir_all(&home);
}
