//! Memory stays bounded over many opens and closes, and a closed document frees its analysis.

use super::*;

#[test]
fn memory_stays_bounded_over_a_thousand_opens_and_closes() {
    let mut lsp = started();
    let pid = lsp.pid();
    still_serving(&mut lsp);
    let rss_start = proc_status_kb(pid, "VmRSS:");
    // each document a little different, some with hovers in flight when it closes
    let mut after_first_hundred = 0;
    for i in 0..1000 {
        let uri = format!("file:///tmp/loop-{i}.offer");
        let text = format!("{JOURNAL}note {i}: {}\r\n", "x".repeat(i * 10));
        lsp.open(&uri, &text, 1);
        if i % 10 == 0 {
            lsp.diagnostics(&uri, 1);
            let id = lsp.request_async(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": 9, "character": 8}}),
            );
            lsp.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri}}),
            );
            lsp.response(&json!(id));
        } else {
            lsp.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri}}),
            );
        }
        if i == 99 {
            still_serving(&mut lsp);
            after_first_hundred = proc_status_kb(pid, "VmRSS:");
        }
    }
    still_serving(&mut lsp);
    // let the worker drain its queue of closes
    std::thread::sleep(Duration::from_millis(300));
    lsp.backlog.clear();
    let peak = proc_status_kb(pid, "VmHWM:");
    let rss_end = proc_status_kb(pid, "VmRSS:");
    eprintln!(
        "memory: VmRSS at start {rss_start} kB, after 100 docs {after_first_hundred} kB, \
         after 1,000 opened and closed {rss_end} kB; peak VmHWM {peak} kB"
    );
    assert!(rss_end < 100 * 1024, "post-close RSS {rss_end} kB");
    assert!(rss_end <= peak + 1024);
    assert!(
        rss_end < after_first_hundred + 16 * 1024,
        "RSS grew by {} kB over 900 open/close cycles",
        rss_end.saturating_sub(after_first_hundred)
    );
}

#[test]
fn closing_a_document_with_a_hover_in_flight_frees_its_analysis() {
    let mut lsp = started();
    let pid = lsp.pid();
    let filler = "a note about the weather and the commute today\n".repeat(40_000);
    let mut rss = Vec::new();
    for i in 0..40 {
        // a 1.9 MB document, closed while a hover on it is being answered
        let uri = format!("file:///tmp/race-{i}.offer");
        lsp.open(&uri, &format!("{JOURNAL}{filler}note {i}\n"), 1);
        let id = lsp.request_async(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 9, "character": 8}}),
        );
        std::thread::sleep(Duration::from_millis(30));
        lsp.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        lsp.response(&json!(id));
        if i % 10 == 9 {
            rss.push(proc_status_kb(pid, "VmRSS:"));
        }
    }
    std::thread::sleep(Duration::from_secs(1));
    let end = proc_status_kb(pid, "VmRSS:");
    eprintln!("VmRSS every 10 documents: {rss:?} kB, at the end {end} kB");
    assert!(
        end < rss[0] + 12 * 1024,
        "every document is closed, yet RSS grew from {} kB to {end} kB",
        rss[0]
    );
}
