//! The properties behind both the fuzz targets (`fuzz/fuzz_targets/*.rs`, coverage-guided,
//! run by hand for minutes) and `tests/reliability.rs` (a bounded proptest run in CI):
//!
//! - [`check_everything`]: `check` never panics on any text, and neither do hover, code
//!   actions, formatting and money normalisation at any offset; every edit they propose is
//!   inside the text, on character boundaries, and the edits of one action never overlap.
//! - [`EditScript::run`]: LSP `didChange` edits applied incrementally to the document store
//!   give exactly the text of the same edits applied to a plain `String`, with positions
//!   converted by `LineIndex`, in UTF-8, UTF-16 and UTF-32.
#![allow(dead_code)]

use offer_notes::actions::{fixes, format, Edit};
use offer_notes::server::documents::Documents;
use offer_notes::text::{Encoding, LineCol, LineIndex, Span};
use offer_notes::{check, Config};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// Every edit inside the text, on char boundaries; within one action, no two overlap.
fn assert_edits_valid(text: &str, edits: &[Edit], what: &str) {
    let mut spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
    for s in &spans {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "{what}: edit {s:?} outside a text of {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what}: edit {s:?} cuts a character"
        );
    }
    spans.sort();
    for w in spans.windows(2) {
        assert!(
            w[0].end <= w[1].start,
            "{what}: edits {:?} and {:?} overlap",
            w[0],
            w[1]
        );
    }
}

/// The offsets to probe: every character boundary of a short text and one past the end, an
/// even sample of a long one. (Offsets inside a character are not probed: the server only
/// ever passes offsets it converted from positions, which are boundaries; the byte-offset
/// API `hover` panics inside a character — see docs/RELIABILITY.md.)
fn probes(text: &str, max: usize) -> Vec<usize> {
    let len = text.len();
    let mut out: Vec<usize> = if len <= max {
        (0..=len).filter(|&i| text.is_char_boundary(i)).collect()
    } else {
        (0..=max)
            .map(|i| offer_notes::text::floor_char_boundary(text, i * len / max))
            .collect()
    };
    out.dedup();
    out.push(len + 1);
    out
}

/// Run the whole core on `text` and every request a client could make at up to `max_probes`
/// offsets spread over it (all of them in a text that short).
pub fn check_everything(text: &str, max_probes: usize) {
    let config = Config::default();
    let report = check(text, &config);
    for d in &report.diagnostics {
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "diagnostic {} at {:?} outside a text of {} bytes",
            d.code,
            d.span,
            text.len()
        );
    }
    // what the server does on a formatting or normalise request
    let lines = offer_notes::syntax::lines(text);
    assert_edits_valid(text, &format::align(text, &lines), "formatting");
    if let Some(action) = fixes::normalise_money(text, &report) {
        assert_edits_valid(text, &action.edits, "normalise money");
    }
    let mut applied = 0;
    for at in probes(text, max_probes) {
        let _ = offer_notes::present::hover::hover(text, &report, at);
        let end = offer_notes::text::floor_char_boundary(text, at + 17).max(at);
        for span in [Span::new(at, at), Span::new(at, end)] {
            for action in fixes::actions(text, &report, span) {
                assert_edits_valid(text, &action.edits, &action.title);
                // applying a fix gives a journal that is checked again without trouble
                if applied < 2 {
                    applied += 1;
                    let fixed = fixes::apply(text, &action.edits);
                    let _ = check(&fixed, &config);
                }
            }
        }
    }
}

/// One content change of a `didChange`.
#[derive(Debug, Clone)]
pub enum Change {
    /// Replace the whole text.
    Full(String),
    /// `(start line, start column, end line, end column, new text)`, columns in the
    /// script's encoding. Positions may be past the end or inside a character.
    Range(u32, u32, u32, u32, String),
}

#[derive(Debug, Clone)]
pub struct EditScript {
    pub initial: String,
    pub encoding: Encoding,
    /// One inner vector per `didChange` notification.
    pub notifications: Vec<Vec<Change>>,
}

/// Texts an edit inserts: line breaks of each kind, astral and accented characters, a BOM,
/// and whole journal lines.
pub const INSERTS: &[&str] = &[
    "",
    "a",
    "\n",
    "\r\n",
    "\r",
    "😀",
    "é",
    "$",
    ": ",
    "\u{feff}",
    "x😀\r",
    "\n\r",
    "floor: $200k\n",
    "base: $150,000\n",
    "## Offer\nstatus: live\n",
    "- walk: I'm tired\n",
    "```email decline\n",
    "counter 2026-11-01: asked $1, got $2\n",
];

impl EditScript {
    /// Decode fuzz bytes: the initial text up to the first `0xFF` (never part of UTF-8),
    /// then an encoding byte, then edits: a flag byte (high bit: start a new notification;
    /// low six bits all set: replace the whole text), four position bytes and an insert
    /// (below `0x80`: one of [`INSERTS`]; else up to 31 raw bytes, read as lossy UTF-8).
    pub fn decode(data: &[u8]) -> EditScript {
        let split = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
        let initial = String::from_utf8_lossy(&data[..split]).into_owned();
        let mut rest = data.get(split + 1..).unwrap_or(&[]).iter().copied();
        let encoding = match rest.next().unwrap_or(0) % 3 {
            0 => Encoding::Utf16,
            1 => Encoding::Utf8,
            _ => Encoding::Utf32,
        };
        let mut notifications: Vec<Vec<Change>> = Vec::new();
        while let Some(flags) = rest.next() {
            let mut byte = || u32::from(rest.next().unwrap_or(0));
            let (sl, sc, el, ec) = (byte(), byte(), byte(), byte());
            let insert = match rest.next().unwrap_or(0) {
                t if t < 0x80 => INSERTS[usize::from(t) % INSERTS.len()].to_string(),
                t => {
                    let raw: Vec<u8> = rest.by_ref().take(usize::from(t & 0x1F)).collect();
                    String::from_utf8_lossy(&raw).into_owned()
                }
            };
            let change = if flags & 0x3F == 0x3F {
                Change::Full(insert)
            } else {
                Change::Range(sl % 64, sc, el % 64, ec, insert)
            };
            match notifications.last_mut() {
                Some(last) if flags & 0x80 == 0 => last.push(change),
                _ => notifications.push(vec![change]),
            }
        }
        EditScript {
            initial,
            encoding,
            notifications,
        }
    }

    /// Apply the script to the document store and to a plain string; panic on any difference.
    pub fn run(&self) {
        let uri = "file:///fuzz.offer".parse::<Uri>().unwrap();
        let mut docs = Documents::default();
        docs.open(uri.clone(), &self.initial, 0);
        let mut reference = self.initial.clone();
        let mut previous: Option<String> = None;
        for (n, changes) in self.notifications.iter().enumerate() {
            let events = changes
                .iter()
                .map(|c| match c {
                    Change::Full(text) => TextDocumentContentChangeEvent {
                        range: None,
                        range_length: None,
                        text: text.clone(),
                    },
                    Change::Range(sl, sc, el, ec, text) => TextDocumentContentChangeEvent {
                        range: Some(Range::new(Position::new(*sl, *sc), Position::new(*el, *ec))),
                        range_length: None,
                        text: text.clone(),
                    },
                })
                .collect();
            let version = n as i32 + 1;
            docs.change(&uri, version, events, self.encoding)
                .expect("the document is open");
            for c in changes {
                apply_reference(&mut reference, c, self.encoding);
            }
            let doc = docs.get(&uri).expect("still open");
            assert_eq!(doc.version, version);
            let got = doc.rope.to_string();
            assert!(
                got == reference,
                "after notification {n} ({:?}) of {:?}:\n store:     {got:?}\n reference: {reference:?}",
                self.encoding,
                changes
            );
            // what the analysis worker takes: the string kept beside the rope, and a claim
            // about which bytes at both ends are as they were at its previous take
            let taken = docs.take_for_analysis(&uri).expect("still open");
            assert_eq!(*taken.text, reference, "the string beside the rope");
            if let (Some(before), Some(unchanged)) = (&previous, taken.unchanged) {
                let prefix = unchanged.prefix.min(before.len()).min(reference.len());
                let suffix = unchanged.suffix.min(before.len()).min(reference.len());
                assert_eq!(before.as_bytes()[..prefix], reference.as_bytes()[..prefix]);
                assert_eq!(
                    before.as_bytes()[before.len() - suffix..],
                    reference.as_bytes()[reference.len() - suffix..]
                );
            }
            previous = Some(reference.clone());
        }
    }
}

/// The reference: the same change on a `String`, positions converted by `LineIndex`
/// (clamped past the end of a line or the text, moved to the start of a character they cut).
pub fn apply_reference(text: &mut String, change: &Change, encoding: Encoding) {
    match change {
        Change::Full(new) => *text = new.clone(),
        Change::Range(sl, sc, el, ec, new) => {
            let index = LineIndex::new(text);
            let a = index.offset(
                text,
                LineCol {
                    line: *sl,
                    col: *sc,
                },
                encoding,
            );
            let b = index.offset(
                text,
                LineCol {
                    line: *el,
                    col: *ec,
                },
                encoding,
            );
            text.replace_range(a.min(b)..a.max(b), new);
        }
    }
}
