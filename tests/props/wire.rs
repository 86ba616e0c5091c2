//! The wire property behind `fuzz/fuzz_targets/wire.rs` (coverage-guided, by hand) and
//! `tests/reliability.rs` (bounded proptest, every `cargo test`): a well-formed session,
//! mangled by a script of mutations (cut, duplicate, insert framing fragments, flip
//! bytes, change a length), then a blank line and one well-formed message, fed to the
//! transport's frame reader. Whatever the mangling:
//!
//! - reading ends (no hang, no panic) and reads every byte at most a bounded number of times;
//! - the well-formed message after the mangled part is read whole, as the last frame;
//! - no framing error quotes the document's text, or more than a few bytes of anything;
//! - a body whose JSON fails only for lone surrogates reads once they are replaced.

use offer_notes::server::framing::{Frame, FrameReader};
use offer_notes::server::transport::lone_surrogates_replaced;

/// A word of the session's document: it must never appear in an error.
pub const SECRET: &str = "Initech";
/// The message that must survive any mangling before it.
pub const LAST: &str = r#"{"jsonrpc":"2.0","id":"last","method":"shutdown"}"#;

fn framed(body: &str, crlf: bool) -> Vec<u8> {
    let sep = if crlf { "\r\n\r\n" } else { "\n\n" };
    format!("Content-Length: {}{sep}{body}", body.len()).into_bytes()
}

/// The session the mutations start from.
pub fn session() -> Vec<u8> {
    let messages = [
        r##"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"##,
        r##"{"jsonrpc":"2.0","method":"initialized","params":{}}"##,
        r##"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///w.offer","languageId":"offer","version":1,"text":"# Leaving Initech\r\nfloor: $190k\r\n## Acme \u2615\r\nbase: $172,000\r\n"}}}"##,
        r##"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///w.offer","version":2},"contentChanges":[{"range":{"start":{"line":3,"character":0},"end":{"line":3,"character":0}},"text":"\ud83d x"}]}}"##,
        r##"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///w.offer"},"position":{"line":3,"character":8}}}"##,
    ];
    let mut out = Vec::new();
    for (i, m) in messages.iter().enumerate() {
        out.extend(framed(m, i != 2));
    }
    out
}

/// Fragments a mutation inserts: framing, escapes, bytes that are not UTF-8.
const FRAGMENTS: &[&[u8]] = &[
    b"Content-Length: ",
    b"content-length:",
    b"Content-Length: 9223372036854775808\r\n\r\n",
    b"Content-Length: 600000000\r\n\r\n",
    b"Content-Length: 5\r\n",
    b"Content-Type: application/vscode-jsonrpc\r\n",
    b"\r\n",
    b"\n",
    b"\r\n\r\n",
    b"\n\n",
    b"99999999",
    br"\ud800",
    br"\udc00",
    br"\\",
    b"{",
    b"}",
    b"\"",
    b"\xff\xfe",
    b"\xed\xa0\x80",
    b"\x00",
];

/// Apply a mutation script to the session: each mutation is a kind byte, two position
/// bytes (scaled to the stream) and, for an insert, a fragment byte.
pub fn mangle(data: &[u8]) -> Vec<u8> {
    let mut stream = session();
    let mut bytes = data.iter().copied();
    while let Some(kind) = bytes.next() {
        let mut position = || {
            let hi = usize::from(bytes.next().unwrap_or(0));
            let lo = usize::from(bytes.next().unwrap_or(0));
            (hi << 8 | lo) * (stream.len() + 1) / 65536
        };
        let at = position();
        match kind % 6 {
            0 => {
                let end = (at + position() % 64).min(stream.len());
                stream.drain(at..end);
            }
            1 => {
                let end = (at + position() % 256).min(stream.len());
                let copy = stream[at..end].to_vec();
                stream.splice(at..at, copy);
            }
            2 | 3 => {
                let fragment = FRAGMENTS[usize::from(bytes.next().unwrap_or(0)) % FRAGMENTS.len()];
                stream.splice(at..at, fragment.iter().copied());
            }
            4 => {
                let flip = bytes.next().unwrap_or(1);
                if let Some(b) = stream.get_mut(at) {
                    *b ^= flip;
                }
            }
            _ => {
                // a wrong Content-Length: the next one after `at` gets another number
                if let Some(found) = stream[at..].windows(8).position(|w| w == b"Length: ") {
                    let from = at + found + "Length: ".len();
                    let digits = stream[from..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit())
                        .count();
                    let number = position().to_string();
                    stream.splice(from..from + digits, number.bytes());
                }
            }
        }
    }
    stream
}

/// Read the mangled session, then a blank line and [`LAST`], and check the properties.
pub fn check_wire(data: &[u8]) {
    let mut stream = mangle(data);
    stream.extend_from_slice(b"\r\n\r\n");
    stream.extend(framed(LAST, true));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a runtime");
    let frames = runtime.block_on(async {
        let mut reader = FrameReader::new(&stream[..]);
        let mut frames = Vec::new();
        while let Some(frame) = reader.next().await {
            frames.push(frame);
            // every frame consumes bytes: there are never more frames than bytes
            assert!(frames.len() <= stream.len() + 1, "the reader loops");
        }
        frames
    });
    for frame in &frames {
        match frame {
            Frame::Junk(what) => {
                assert!(what.len() < 200, "a long framing error: {what}");
                assert!(!what.contains(SECRET), "document text in an error: {what}");
            }
            Frame::Body(body) => {
                let parses = serde_json::from_slice::<serde_json::Value>(body).is_ok();
                if let (false, Some(repaired)) = (parses, lone_surrogates_replaced(body)) {
                    assert_eq!(lone_surrogates_replaced(&repaired), None);
                }
            }
        }
    }
    assert_eq!(
        frames.last(),
        Some(&Frame::Body(LAST.as_bytes().to_vec())),
        "the message after the mangled part was not read whole; frames: {frames:?}"
    );
}
