//! The server's one way out to the client: a queue of whole frames drained by a single
//! writer. It is bounded, so a client that stops reading cannot grow the server:
//!
//! - diagnostics are kept per document, newest only: a publish for a document whose
//!   previous publish is still queued replaces it in its place (so when the client reads
//!   again, the newest version comes first and stale ones never come at all);
//! - everything else (responses, our error replies, tower-lsp-server's notifications) counts
//!   against [`MAX_QUEUED`] bytes; past it, whoever queues waits — the transport stops
//!   reading the client's input until the client reads its output (backpressure).

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio::sync::Notify;

/// Bytes of frames other than diagnostics that may wait for the client. A response is
/// rarely more than a few kilobytes; this is thousands of them.
pub const MAX_QUEUED: usize = 16 * 1024 * 1024;

/// Frame a JSON body for the wire.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// Serialise `value` straight into a frame: the body is written once, after room for the
/// header, and never copied (a publish for a journal of 100,000 offers is 60 MB).
pub fn frame_json<T: serde::Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    const ROOM: usize = "Content-Length: 18446744073709551615\r\n\r\n".len();
    let mut out = vec![0; ROOM];
    serde_json::to_writer(&mut out, value)?;
    let header = format!("Content-Length: {}\r\n\r\n", out.len() - ROOM);
    let at = ROOM - header.len();
    out[at..ROOM].copy_from_slice(header.as_bytes());
    out.drain(..at);
    Ok(out)
}

/// A shared middle of a frame is written in place from this many bytes; a smaller one is
/// copied, so the frame is written in one piece (every write to stdout is handed to a
/// blocking thread, and a keystroke's publish should not wait for three).
pub const SPLICED_FROM: usize = 1 << 20;

struct Item {
    /// Frames with the same key supersede each other (`publishDiagnostics` of one URI).
    key: Option<String>,
    frame: Vec<u8>,
    /// Written after `frame`: bytes shared with whoever else keeps them (a publish's
    /// diagnostics, kept for pulls), then the frame's last bytes.
    spliced: Option<(Arc<Vec<u8>>, Vec<u8>)>,
}

#[derive(Default)]
struct Queue {
    items: VecDeque<Item>,
    /// Bytes of unkeyed frames queued (what the bound applies to).
    bytes: usize,
    /// The exit code, once the session is over: the writer drains the queue, then stops.
    exit: Option<u8>,
    /// The writer is gone (the client closed its end): frames are dropped.
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    /// Something was queued (one permit: the single writer).
    ready: Notify,
    /// The writer took something (every waiting producer checks again).
    space: Notify,
}

/// A handle to queue frames for the client; clones share one queue and one writer.
#[derive(Clone)]
pub struct Outbox(Arc<Shared>);

impl Default for Outbox {
    fn default() -> Self {
        Outbox::new()
    }
}

impl Outbox {
    pub fn new() -> Self {
        Outbox(Arc::new(Shared {
            queue: Mutex::new(Queue::default()),
            ready: Notify::new(),
            space: Notify::new(),
        }))
    }

    fn with_queue<T>(&self, f: impl FnOnce(&mut Queue) -> T) -> Option<T> {
        let mut queue = self.0.queue.lock().ok()?;
        Some(f(&mut queue))
    }

    /// Queue a frame, waiting while [`MAX_QUEUED`] bytes are already waiting for the client.
    pub async fn send(&self, frame: Vec<u8>) {
        loop {
            let space = self.0.space.notified();
            tokio::pin!(space);
            space.as_mut().enable();
            let fits = self
                .with_queue(|q| q.closed || q.bytes == 0 || q.bytes + frame.len() <= MAX_QUEUED);
            if fits != Some(false) {
                break;
            }
            space.await;
        }
        self.push(frame);
    }

    /// Queue an unkeyed frame now, whatever the bound.
    fn push(&self, frame: Vec<u8>) {
        self.with_queue(|q| {
            if !q.closed {
                q.bytes += frame.len();
                q.items.push_back(Item {
                    key: None,
                    frame,
                    spliced: None,
                });
            }
        });
        self.0.ready.notify_one();
    }

    /// Queue a frame that supersedes any queued frame with the same key (never waits: at
    /// most one frame per key is ever queued).
    pub fn send_latest(&self, key: String, frame: Vec<u8>) {
        self.queue_latest(key, frame, None);
    }

    /// [`send_latest`](Self::send_latest) for a frame made of `start`, the shared `middle`
    /// and `end`: from [`SPLICED_FROM`] bytes the middle is written from where it is kept,
    /// not copied into a frame.
    pub fn send_latest_spliced(
        &self,
        key: String,
        mut start: Vec<u8>,
        middle: Arc<Vec<u8>>,
        end: Vec<u8>,
    ) {
        if middle.len() < SPLICED_FROM {
            start.reserve_exact(middle.len() + end.len());
            start.extend_from_slice(&middle);
            start.extend_from_slice(&end);
            return self.queue_latest(key, start, None);
        }
        self.queue_latest(key, start, Some((middle, end)));
    }

    fn queue_latest(&self, key: String, frame: Vec<u8>, spliced: Option<(Arc<Vec<u8>>, Vec<u8>)>) {
        self.with_queue(|q| {
            if q.closed {
                return;
            }
            match q.items.iter_mut().find(|i| i.key.as_ref() == Some(&key)) {
                Some(item) => {
                    item.frame = frame;
                    item.spliced = spliced;
                }
                None => q.items.push_back(Item {
                    key: Some(key),
                    frame,
                    spliced,
                }),
            }
        });
        self.0.ready.notify_one();
    }

    /// Serialise a notification and queue it; `key` as in [`send_latest`](Self::send_latest),
    /// without a key it is queued past the byte bound (the analysis thread cannot wait).
    pub fn notify<P: serde::Serialize>(&self, key: Option<String>, method: &str, params: &P) {
        #[derive(serde::Serialize)]
        struct Notification<'a, P> {
            jsonrpc: &'static str,
            method: &'a str,
            params: &'a P,
        }
        let framed = frame_json(&Notification {
            jsonrpc: "2.0",
            method,
            params,
        });
        let framed = match framed {
            Ok(framed) => framed,
            Err(_) => {
                tracing::error!("cannot serialise a {method} notification");
                return;
            }
        };
        match key {
            Some(key) => self.send_latest(key, framed),
            None => self.push(framed),
        }
    }

    /// The session is over: write what is queued, then let the writer return `code`.
    pub fn finish(&self, code: u8) {
        self.with_queue(|q| q.exit = Some(code));
        self.0.ready.notify_one();
    }

    /// The single writer: whole frames, in queue order, until [`finish`](Self::finish)
    /// (returns its code) or the client's end closes (returns 1).
    pub async fn write_to<O: AsyncWrite + Unpin>(&self, mut out: O) -> u8 {
        loop {
            let ready = self.0.ready.notified();
            let next = self.with_queue(|q| match q.items.pop_front() {
                Some(item) => {
                    if item.key.is_none() {
                        q.bytes -= item.frame.len().min(q.bytes);
                    }
                    Ok((item.frame, item.spliced))
                }
                None => Err(q.exit),
            });
            match next {
                Some(Ok((frame, spliced))) => {
                    self.0.space.notify_waiters();
                    let mut written = out.write_all(&frame).await;
                    if let (Ok(()), Some((middle, end))) = (&written, &spliced) {
                        written = out.write_all(middle).await;
                        if written.is_ok() {
                            written = out.write_all(end).await;
                        }
                    }
                    if written.is_err() || out.flush().await.is_err() {
                        self.close();
                        return 1;
                    }
                }
                Some(Err(Some(code))) => {
                    let _ = out.flush().await;
                    return code;
                }
                Some(Err(None)) => ready.await,
                None => return 1,
            }
        }
    }

    fn close(&self) {
        self.with_queue(|q| {
            q.closed = true;
            q.items.clear();
            q.bytes = 0;
        });
        self.0.space.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_framed_in_place_reads_as_its_json() {
        for value in [
            serde_json::json!({}),
            serde_json::json!({"text": "x".repeat(10_000)}),
        ] {
            let body = serde_json::to_vec(&value).unwrap();
            assert_eq!(frame_json(&value).unwrap(), frame(&body));
        }
    }

    #[tokio::test]
    async fn superseded_diagnostics_are_replaced_in_place_and_the_rest_keeps_its_order() {
        let outbox = Outbox::new();
        outbox.send(b"a".to_vec()).await;
        outbox.send_latest("doc".into(), b"v1".to_vec());
        outbox.send(b"b".to_vec()).await;
        outbox.send_latest("doc".into(), b"v2".to_vec());
        outbox.send_latest("other".into(), b"o1".to_vec());
        outbox.finish(0);
        let mut written = Vec::new();
        assert_eq!(outbox.write_to(&mut written).await, 0);
        assert_eq!(written, b"av2bo1");
    }

    #[tokio::test]
    async fn a_spliced_frame_is_written_whole_and_supersedes_like_any_other() {
        let outbox = Outbox::new();
        let small = Arc::new(b"[1,2]".to_vec());
        let large = Arc::new(vec![b'x'; SPLICED_FROM]);
        outbox.send_latest("doc".into(), b"v1".to_vec());
        outbox.send_latest_spliced("doc".into(), b"v2:".to_vec(), large.clone(), b";".to_vec());
        outbox.send_latest_spliced(
            "other".into(),
            b"o1:".to_vec(),
            large.clone(),
            b";".to_vec(),
        );
        outbox.send_latest("other".into(), b"o2".to_vec());
        outbox.send_latest_spliced("third".into(), b"t:".to_vec(), small.clone(), b";".to_vec());
        assert_eq!(Arc::strong_count(&small), 1, "a small middle is copied");
        outbox.finish(0);
        let mut written = Vec::new();
        assert_eq!(outbox.write_to(&mut written).await, 0);
        let expected = [&b"v2:"[..], &large, b";o2t:[1,2];"].concat();
        assert!(written == expected, "{} bytes written", written.len());
        assert_eq!(
            Arc::strong_count(&large),
            1,
            "the queue let go of the shared bytes"
        );
    }

    #[tokio::test]
    async fn a_full_queue_makes_the_sender_wait_until_the_writer_takes_something() {
        let outbox = Outbox::new();
        outbox.send(vec![b'x'; MAX_QUEUED]).await;
        let waiting = tokio::spawn({
            let outbox = outbox.clone();
            async move { outbox.send(b"y".to_vec()).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "over the bound: the sender waits");
        let (client, mut server_side) = tokio::io::duplex(1 << 16);
        let writer = tokio::spawn({
            let outbox = outbox.clone();
            async move { outbox.write_to(client).await }
        });
        let mut all = Vec::new();
        let reading = tokio::spawn(async move {
            use tokio::io::AsyncReadExt;
            let _ = server_side.read_to_end(&mut all).await;
            all.len()
        });
        waiting.await.unwrap();
        outbox.finish(0);
        assert_eq!(writer.await.unwrap(), 0);
        assert_eq!(reading.await.unwrap(), MAX_QUEUED + 1);
    }
}
