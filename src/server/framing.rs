//! Reading `Content-Length` framed messages from a client that may get the framing wrong,
//! and finding the next message after it does. Memory and time stay bounded by the limits
//! below whatever the client sends: junk is dropped as it is read, a header block has a
//! size, a body has a size, and no byte is scanned more than a bounded number of times.

use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};

/// Larger bodies are refused at once (answered `-32700`), and the search for the next
/// header starts right after the refused header. 128 MiB holds a 64 MB journal escaped.
pub const MAX_BODY: usize = 128 * 1024 * 1024;
/// A header block (`Content-Length` and any other header lines, up to the blank line)
/// longer than this is junk; headers are a few dozen bytes.
pub const MAX_HEADER: usize = 8 * 1024;
/// How far past a message whose length was too short its rest is looked for.
pub const MAX_TAIL: usize = 64 * 1024 * 1024;
/// How long the stream may stay quiet in the middle of a body before the reader checks
/// whether what it has is already a whole message (a `Content-Length` that is too long).
pub const PATIENCE: Duration = Duration::from_millis(250);
const HEADER: &[u8] = b"content-length:";
const CHUNK: usize = 64 * 1024;

/// What the reader found in the stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A complete body.
    Body(Vec<u8>),
    /// Bytes that were not a message (answered with a parse error, then skipped). The text
    /// says what was wrong and never quotes more than a few bytes of framing.
    Junk(String),
}

/// Reads `Content-Length` framed messages and resynchronises after bad framing.
pub struct FrameReader<R> {
    inner: R,
    buf: Vec<u8>,
    eof: bool,
    /// The writer is our own tower-lsp-server, whose lengths are right: bodies are not re-validated
    /// (parsing every outgoing publish again would cost as much as writing it).
    trusted: bool,
    /// Junk already dropped (it was too long to keep) and not reported yet: its size, and
    /// whether any of it was more than whitespace.
    dropped: usize,
    dropped_visible: bool,
}

/// The first `content-length:` (any case) in `haystack`.
pub fn find_header(haystack: &[u8]) -> Option<usize> {
    memchr::memchr2_iter(b'c', b'C', haystack).find(|&at| {
        haystack
            .get(at..at + HEADER.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(HEADER))
    })
}

/// The last `content-length:` in `haystack` that starts after position 0.
fn rfind_header(haystack: &[u8]) -> Option<usize> {
    memchr::memrchr2_iter(b'c', b'C', haystack)
        .take_while(|&at| at > 0)
        .find(|&at| {
            haystack
                .get(at..at + HEADER.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(HEADER))
        })
}

/// The first blank line: where the header lines end, and where the body starts.
fn blank_line(buf: &[u8]) -> Option<(usize, usize)> {
    for at in memchr::memchr_iter(b'\n', buf) {
        match buf.get(at + 1..) {
            Some([b'\n', ..]) => return Some((at, at + 2)),
            Some([b'\r', b'\n', ..]) => return Some((at, at + 3)),
            _ => {}
        }
    }
    None
}

/// What a broken header line was, for an error message about framing, without quoting what
/// could be a document's text: a known header's name is named (`"Content-Length: …"`, its
/// value only counted), anything else only counted. A mangled message can put a journal's
/// words where a header should be.
fn quote(bytes: &[u8]) -> String {
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let name = line.split(|&b| b == b':').next().unwrap_or_default();
    let known = [&b"content-length"[..], b"content-type"]
        .iter()
        .any(|h| name.eq_ignore_ascii_case(h));
    if known && name.len() < line.len() {
        let value = line.len() - name.len() - 1;
        format!("\"{}: …\" ({value} bytes of value)", name.escape_ascii())
    } else {
        format!("a line of {} bytes that is not a header", line.len())
    }
}

fn junk_text(bytes: usize) -> String {
    format!("{bytes} bytes that are not a Content-Length framed message")
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(inner: R) -> Self {
        FrameReader {
            inner,
            buf: Vec::with_capacity(CHUNK),
            eof: false,
            trusted: false,
            dropped: 0,
            dropped_visible: false,
        }
    }

    /// A reader for a stream we write ourselves (tower-lsp-server's output).
    pub fn trusted(inner: R) -> Self {
        FrameReader {
            trusted: true,
            ..FrameReader::new(inner)
        }
    }

    /// Read more; `false` at the end of the stream.
    async fn fill(&mut self) -> bool {
        self.fill_within(None).await.unwrap_or(true)
    }

    /// Like [`fill`](Self::fill), but gives up after `patience` without a byte: `None`.
    /// (Reading is cancel safe: no byte is lost when the wait is abandoned.)
    async fn fill_within(&mut self, patience: Option<Duration>) -> Option<bool> {
        if self.eof {
            return Some(false);
        }
        let start = self.buf.len();
        self.buf.resize(start + CHUNK, 0);
        let read = match patience {
            Some(p) => tokio::time::timeout(p, self.inner.read(&mut self.buf[start..])).await,
            None => Ok(self.inner.read(&mut self.buf[start..]).await),
        };
        let got = match read {
            Err(_) => {
                self.buf.truncate(start);
                return None;
            }
            Ok(Ok(n)) => n,
            Ok(Err(_)) => 0,
        };
        self.buf.truncate(start + got);
        if got == 0 {
            self.eof = true;
        }
        Some(got > 0)
    }

    /// Drop the first `n` bytes as junk, to be reported with the next frame.
    fn drop_junk(&mut self, n: usize) {
        self.dropped += n;
        self.dropped_visible |= self.buf[..n].iter().any(|b| !b.is_ascii_whitespace());
        self.buf.drain(..n);
    }

    /// The junk dropped so far, as a frame (if any of it was more than whitespace).
    fn take_junk(&mut self) -> Option<Frame> {
        let (n, visible) = (self.dropped, self.dropped_visible);
        self.dropped = 0;
        self.dropped_visible = false;
        visible.then(|| Frame::Junk(junk_text(n)))
    }

    /// `body` and the bytes after it up to the next header (or up to where the client went
    /// quiet), if together they are one JSON value; those bytes are then consumed.
    async fn rest_of_message(&mut self, body: &[u8]) -> Option<Vec<u8>> {
        let mut searched: usize = 0;
        loop {
            let from = searched.saturating_sub(HEADER.len());
            let end = match find_header(&self.buf[from..]) {
                Some(at) => Some(from + at),
                None => {
                    searched = self.buf.len();
                    match self.fill_within(Some(PATIENCE)).await {
                        Some(true) if self.buf.len() <= MAX_TAIL => continue,
                        Some(true) => return None,
                        _ => None,
                    }
                }
            };
            let end = end.unwrap_or(self.buf.len());
            if end == 0 {
                return None;
            }
            let mut whole = body.to_vec();
            whole.extend_from_slice(&self.buf[..end]);
            if !is_json(&whole) {
                return None;
            }
            self.buf.drain(..end);
            return Some(whole);
        }
    }

    /// The client sent less than it announced and went quiet (or the stream ended): what is
    /// here is a message whose length was too long, or junk in front of the next header.
    fn short_body(&mut self, ended: bool, length: usize) -> Option<Frame> {
        if is_json(&self.buf) {
            return Some(Frame::Body(std::mem::take(&mut self.buf)));
        }
        if let Some(end) = first_value(&self.buf) {
            if next_frame(&self.buf[end..]).is_some() {
                return Some(Frame::Body(self.buf.drain(..end).collect()));
            }
        }
        if let Some(at) = next_frame(&self.buf) {
            self.buf.drain(..at);
            return Some(Frame::Junk(format!(
                "a {length}-byte message cut short by the next header ({at} bytes before it)"
            )));
        }
        ended.then(|| {
            let partial = std::mem::take(&mut self.buf);
            Frame::Junk(format!(
                "the stream ended {} bytes into a {length}-byte message",
                partial.len()
            ))
        })
    }

    /// The next frame, or `None` at the end of the stream.
    pub async fn next(&mut self) -> Option<Frame> {
        // a large body's buffer is not kept for the small messages after it
        if self.buf.capacity() > 16 * CHUNK && self.buf.len() < self.buf.capacity() / 4 {
            self.buf.shrink_to(self.buf.len() + CHUNK);
        }
        loop {
            // 1. a header must start the buffer; anything before one is junk
            match find_header(&self.buf) {
                Some(0) => {}
                // other headers (Content-Type) may come first
                Some(at) if at <= MAX_HEADER && is_header_lines(&self.buf[..at]) => {}
                Some(at) => {
                    self.drop_junk(at);
                    match self.take_junk() {
                        Some(junk) => return Some(junk),
                        None => continue,
                    }
                }
                None => {
                    // keep only what could still be header lines or the start of a header
                    if self.buf.len() > MAX_HEADER + HEADER.len() {
                        let n = self.buf.len() - HEADER.len();
                        self.drop_junk(n);
                    }
                    if !self.fill().await {
                        let n = self.buf.len();
                        self.drop_junk(n);
                        return self.take_junk();
                    }
                    continue;
                }
            }
            if let Some(junk) = self.take_junk() {
                return Some(junk);
            }
            // 2. the header block ends at the first blank line
            let Some((header_end, body_start)) = blank_line(&self.buf) else {
                if self.buf.len() > MAX_HEADER {
                    // a header that never ends: drop it, up to the last header seen in it
                    let to = rfind_header(&self.buf).unwrap_or(self.buf.len() - HEADER.len());
                    let quoted = quote(&self.buf);
                    self.buf.drain(..to);
                    return Some(Frame::Junk(format!(
                        "a header block of more than {MAX_HEADER} bytes without a blank line: {quoted}"
                    )));
                }
                if !self.fill().await {
                    let n = self.buf.len();
                    self.drop_junk(n);
                    return Some(Frame::Junk(format!(
                        "the stream ended inside a header ({n} bytes)"
                    )));
                }
                continue;
            };
            if header_end > MAX_HEADER {
                let to = rfind_header(&self.buf[..header_end]).unwrap_or(body_start);
                let quoted = quote(&self.buf);
                self.buf.drain(..to);
                return Some(Frame::Junk(format!(
                    "a header block of more than {MAX_HEADER} bytes: {quoted}"
                )));
            }
            let header = &self.buf[..header_end];
            // a header block with something that is not a header line in it: a broken
            // message ran into the next header; start again at the last Content-Length
            if !is_header_lines(&[header, b"\n"].concat()) {
                let to = rfind_header(header).unwrap_or(body_start);
                let quoted = quote(header);
                self.buf.drain(..to);
                return Some(Frame::Junk(format!(
                    "a header without a valid Content-Length: {quoted}"
                )));
            }
            let length = content_length(header);
            let Some(length) = length else {
                let quoted = quote(header);
                self.buf.drain(..body_start);
                return Some(Frame::Junk(format!(
                    "a header without a valid Content-Length: {quoted}"
                )));
            };
            self.buf.drain(..body_start);
            if length > MAX_BODY {
                // refused, not skipped: the bytes after it are read as what they are (the
                // next message, or junk up to it)
                return Some(Frame::Junk(format!(
                    "a message of {length} bytes, over the {MAX_BODY}-byte limit"
                )));
            }
            // 3. the body
            while self.buf.len() < length {
                let patience = (!self.trusted).then_some(PATIENCE);
                match self.fill_within(patience).await {
                    Some(true) => {}
                    Some(false) => {
                        if let Some(frame) = self.short_body(true, length) {
                            return Some(frame);
                        }
                    }
                    // The client went quiet before sending all it announced: a message whose
                    // length was too long is complete already, and waits for its answer.
                    None => {
                        if let Some(frame) = self.short_body(false, length) {
                            return Some(frame);
                        }
                    }
                }
            }
            let body: Vec<u8> = self.buf.drain(..length).collect();
            if self.trusted || is_json(&body) {
                return Some(Frame::Body(body));
            }
            // A Content-Length that is too long takes bytes from the next message: keep the
            // first JSON value and give back what follows it (the next header, whole or cut),
            // so the next message is still read.
            if let Some(end) = first_value(&body) {
                if body[end..].iter().any(|b| !b.is_ascii_whitespace()) {
                    self.give_back(&body[end..]);
                    return Some(Frame::Body(body[..end].to_vec()));
                }
            }
            // a broken message followed by a header (whole in the body, or cut by its end)
            if let Some(at) = header_in(&body, &self.buf) {
                self.give_back(&body[at..]);
                return Some(Frame::Body(body[..at].to_vec()));
            }
            // A Content-Length that is too short (counted in characters, not bytes, say)
            // leaves the end of the message in front of the next header: take it too.
            if let Some(whole) = self.rest_of_message(&body).await {
                return Some(Frame::Body(whole));
            }
            return Some(Frame::Body(body));
        }
    }
}

impl<R> FrameReader<R> {
    /// Put bytes back in front of what is still to be read.
    fn give_back(&mut self, bytes: &[u8]) {
        self.buf.splice(0..0, bytes.iter().copied());
    }
}

/// Where the first well-formed header block in `bytes` starts: a `Content-Length` with a
/// number, then a blank line. (Inside a JSON body it cannot occur: a JSON string has no
/// raw line breaks.)
fn next_frame(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = find_header(&bytes[from..]).map(|at| from + at) {
        let rest = &bytes[at..bytes.len().min(at + MAX_HEADER)];
        if let Some((end, _)) = blank_line(rest) {
            if content_length(&rest[..end]).is_some() {
                return Some(at);
            }
        }
        from = at + 1;
    }
    None
}

/// Where a header starts in `body`, counting one that `body` cuts and `after` completes.
fn header_in(body: &[u8], after: &[u8]) -> Option<usize> {
    if let Some(at) = find_header(body) {
        return Some(at);
    }
    let from = body.len().saturating_sub(HEADER.len() - 1);
    let seam: Vec<u8> = body[from..]
        .iter()
        .chain(after.iter().take(HEADER.len() - 1))
        .copied()
        .collect();
    find_header(&seam)
        .map(|at| from + at)
        .filter(|&at| at < body.len())
}

/// The value of the (last) `Content-Length` line of a header block.
fn content_length(header: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(header).ok()?;
    text.lines().rev().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| v.trim().parse::<usize>().ok())?
    })
}

/// The bytes are one JSON value (and whitespace).
pub fn is_json(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
}

/// Where the first JSON value in `bytes` ends, if they start with one.
fn first_value(bytes: &[u8]) -> Option<usize> {
    let mut values =
        serde_json::Deserializer::from_slice(bytes).into_iter::<serde::de::IgnoredAny>();
    match values.next() {
        Some(Ok(_)) => Some(values.byte_offset()),
        _ => None,
    }
}

/// `Name: value` lines, each ended by a line break: headers before `Content-Length`.
fn is_header_lines(prefix: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(prefix) else {
        return false;
    };
    text.ends_with('\n')
        && text.split_terminator('\n').all(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.split_once(':').is_some_and(|(name, _)| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(input);
        let mut out = Vec::new();
        while let Some(f) = reader.next().await {
            out.push(f);
        }
        out
    }

    fn body(s: &str) -> Frame {
        Frame::Body(s.as_bytes().to_vec())
    }

    fn good(s: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{s}", s.len())
    }

    #[tokio::test]
    async fn a_header_mangled_into_a_journal_quotes_none_of_it() {
        // found by the wire property test: a header whose value ran into a document's text
        for input in [
            "Content-Length:  Initech pays $172k\r\n\r\n",
            "Initech pays $172k: yes\r\nContent-Length: 2\r\n\r\n{}",
            "content-type: Initech\r\n\r\n",
        ] {
            for frame in frames(input.as_bytes()).await {
                if let Frame::Junk(what) = frame {
                    assert!(!what.contains("Initech"), "{input:?} quoted as {what}");
                    assert!(!what.contains("172"), "{input:?} quoted as {what}");
                }
            }
        }
    }

    #[tokio::test]
    async fn reads_frames_and_recovers_from_bad_lengths() {
        // a length that is too long swallows the next header: the next message is still read
        let input = format!(
            "Content-Length: 40\r\n\r\n{{\"a\":1}}{}{}",
            good("{\"b\":2}"),
            good("{\"c\":3}")
        );
        let got = frames(input.as_bytes()).await;
        assert_eq!(got[0], body("{\"a\":1}"));
        assert_eq!(got[1], body("{\"b\":2}"));
        assert_eq!(got[2], body("{\"c\":3}"));
        // a length that is too long by a few bytes cuts the next header in two
        let input = format!("Content-Length: 10\r\n\r\n{{\"a\":1}}{}", good("{\"b\":2}"));
        let got = frames(input.as_bytes()).await;
        assert_eq!(got, vec![body("{\"a\":1}"), body("{\"b\":2}")]);
        // a length that is too short (characters counted, not bytes): the rest is taken
        let input = format!(
            "Content-Length: 9\r\n\r\n{{\"a\":\"é😀\"}}{}",
            good("{\"b\":2}")
        );
        let got = frames(input.as_bytes()).await;
        assert_eq!(got, vec![body("{\"a\":\"é😀\"}"), body("{\"b\":2}")]);
        // too short, and what follows does not complete it: junk, which is skipped
        let input = format!(
            "Content-Length: 3\r\n\r\n{{\"a\":1}}}}{}",
            good("{\"b\":2}")
        );
        let got = frames(input.as_bytes()).await;
        assert_eq!(got[0], body("{\"a"));
        assert!(matches!(got[1], Frame::Junk(_)));
        assert_eq!(got[2], body("{\"b\":2}"));
        // a missing header
        let input = format!(
            "Content-Type: x\r\nContent-Length: 2\r\n\r\n{{}}Content-Type: x\r\n\r\n{{}}{}",
            good("{}")
        );
        let got = frames(input.as_bytes()).await;
        assert_eq!(
            got[0],
            body("{}"),
            "Content-Type before Content-Length is fine"
        );
        assert!(matches!(got[1], Frame::Junk(_)));
        assert_eq!(got.last(), Some(&body("{}")));
    }

    #[tokio::test]
    async fn a_length_over_the_limit_is_refused_and_the_next_message_read() {
        for length in ["9223372036854775808", "600000000"] {
            let input = format!("Content-Length: {length}\r\n\r\n{}", good("{\"b\":2}"));
            let got = frames(input.as_bytes()).await;
            assert!(
                matches!(&got[0], Frame::Junk(j) if j.contains("limit")),
                "{got:?}"
            );
            assert_eq!(got[1..], [body("{\"b\":2}")]);
        }
    }

    #[tokio::test]
    async fn an_lf_header_then_a_crlf_one_are_both_read() {
        let input = format!("Content-Length: 7\n\n{{\"a\":1}}{}", good("{\"b\":2}"));
        let got = frames(input.as_bytes()).await;
        assert_eq!(got, vec![body("{\"a\":1}"), body("{\"b\":2}")]);
    }

    #[tokio::test]
    async fn junk_and_endless_headers_are_dropped_as_they_come() {
        let mut input = vec![b'x'; 3 * 1024 * 1024];
        input.extend_from_slice(b"Content-Length: 5\r\nX-Junk: ");
        input.extend(std::iter::repeat_n(b'y', 1024 * 1024));
        input.extend_from_slice(good("{\"b\":2}").as_bytes());
        let mut reader = FrameReader::new(&input[..]);
        let mut got = Vec::new();
        while let Some(f) = reader.next().await {
            assert!(reader.buf.capacity() < 1024 * 1024, "bounded memory");
            got.push(f);
        }
        assert!(got.iter().all(|f| match f {
            Frame::Junk(j) => j.len() < 200 && !j.contains("yyyyyyyyyy"),
            Frame::Body(_) => true,
        }));
        assert_eq!(got.last(), Some(&body("{\"b\":2}")), "{got:?}");
    }

    #[tokio::test]
    async fn a_too_long_length_followed_by_more_messages_is_read_once_the_client_waits() {
        let (mut client, server) = tokio::io::duplex(1024);
        let mut reader = FrameReader::new(server);
        let mut sent = b"Content-Length: 100000000\r\n\r\n{\"a\":1}".to_vec();
        sent.extend_from_slice(good("{\"b\":2}").as_bytes());
        client.write_all(&sent).await.unwrap();
        let next = tokio::time::timeout(Duration::from_secs(5), reader.next());
        assert_eq!(next.await.unwrap(), Some(body("{\"a\":1}")));
        assert_eq!(reader.next().await, Some(body("{\"b\":2}")));
    }

    #[tokio::test]
    async fn a_too_long_length_with_nothing_after_it_is_read_once_the_client_waits() {
        let (mut client, server) = tokio::io::duplex(1024);
        let mut reader = FrameReader::new(server);
        client
            .write_all(b"Content-Length: 99\r\n\r\n{\"a\":1}")
            .await
            .unwrap();
        // the client keeps the stream open and waits for an answer
        let got = tokio::time::timeout(Duration::from_secs(5), reader.next())
            .await
            .expect("not stuck waiting for 92 bytes that never come");
        assert_eq!(got, Some(body("{\"a\":1}")));
        client
            .write_all(b"Content-Length: 7\r\n\r\n{\"b\":2}")
            .await
            .unwrap();
        assert_eq!(reader.next().await, Some(body("{\"b\":2}")));
    }

    #[test]
    fn framing_errors_quote_a_few_bytes_at_most() {
        let q = quote(b"Content-Length: twelve base: $172,000\r\n{\"text\":\"Initech\"}");
        assert!(!q.contains("172") && !q.contains("Initech"), "{q}");
    }
}
