//! Open documents, held in ropes and edited in the exact order the client sent the edits
//! (the transport applies them as it reads them, before any handler runs).
//!
//! Each document also keeps its text as one string: the analysis worker reads it without
//! copying the document (at 1 MB a copy out of the rope was a quarter of a millisecond per
//! keystroke). Edits reach the string when the worker next takes it, not as they arrive: the
//! worker may be holding it, and a keystroke must never wait for, or copy, a megabyte.

use super::convert;
use crate::incremental::Unchanged;
use crate::text::Encoding;
use ropey::Rope;
use std::collections::HashMap;
use std::sync::Arc;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

#[derive(Debug)]
pub struct Document {
    pub rope: Rope,
    /// The same text as one string, once `pending` is applied to it.
    text: Arc<String>,
    /// Ranged edits not yet made to `text` (byte range, replacement), in order.
    pending: Vec<(usize, usize, String)>,
    pub version: i32,
    /// Bumped on every edit; analysis results carry the revision they were computed for.
    pub revision: u64,
    /// The bytes at both ends that no edit touched since the analysis worker last took the
    /// text (`None`: not known, e.g. the document was just opened or replaced).
    unchanged: Option<Unchanged>,
    /// An edit to this document could not be read: the text here is no longer the
    /// editor's. Ranged edits are ignored until the whole text comes again (a reopen, or a
    /// full-text change); until then no analysis of the wrong text is shown.
    pub desynchronised: bool,
}

/// The whole text of a rope as one string, allocated once at its final size (`to_string`
/// grows the string chunk by chunk through the formatter).
pub fn text_of(rope: &Rope) -> String {
    let mut text = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        text.push_str(chunk);
    }
    text
}

/// One version of a document, as the analysis worker takes it.
pub struct ForAnalysis {
    pub rope: Rope,
    /// Drop it as soon as the analysis is done: an edit to the document copies the text
    /// while this is held.
    pub text: Arc<String>,
    pub version: i32,
    pub revision: u64,
    pub unchanged: Option<Unchanged>,
    pub desynchronised: bool,
}

/// Why an edit could not be applied (the document is left as it was).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("textDocument/didChange for a document that is not open")]
    NotOpen,
}

#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<Uri, Document>,
    revision: u64,
}

/// Edits kept for the string before it is brought up to date at once: a worker that never
/// takes the text (settings not in yet) cannot make the list grow without bound.
const MAX_PENDING: usize = 4096;

impl Document {
    /// Bring the string up to date with the rope: a few edits are made in place, more are
    /// replaced by one copy out of the rope (each edit in place moves the text after it).
    /// The string is copied first only if the worker still holds it.
    fn sync_text(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return;
        }
        match Arc::get_mut(&mut self.text) {
            Some(text) if pending.len() <= 2 => {
                for (from, to, with) in pending {
                    text.replace_range(from..to, &with);
                }
            }
            Some(text) => {
                text.clear();
                text.reserve(self.rope.len_bytes());
                for chunk in self.rope.chunks() {
                    text.push_str(chunk);
                }
            }
            // the worker still holds the old text: leave it that, copy once from the rope
            None => self.text = Arc::new(text_of(&self.rope)),
        }
    }

    /// The text as one string, shared: hold it briefly (an edit copies it while it is held).
    fn text(&mut self) -> Arc<String> {
        self.sync_text();
        self.text.clone()
    }
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: &str, version: i32) {
        self.revision += 1;
        self.docs.insert(
            uri,
            Document {
                rope: Rope::from_str(text),
                text: Arc::new(text.to_string()),
                pending: Vec::new(),
                version,
                revision: self.revision,
                unchanged: None,
                desynchronised: false,
            },
        );
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.docs.remove(uri).is_some()
    }

    /// Apply one `didChange` notification's changes, in order. Ranges past the end clamp,
    /// a reversed range is read from its smaller end.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) -> Result<(), EditError> {
        self.revision += 1;
        let revision = self.revision;
        let doc = self.docs.get_mut(uri).ok_or(EditError::NotOpen)?;
        for change in changes {
            match change.range {
                // the text is not known: nothing to apply a range to
                Some(_) if doc.desynchronised => {}
                None => {
                    doc.desynchronised = false;
                    doc.rope = Rope::from_str(&change.text);
                    doc.text = Arc::new(change.text);
                    doc.pending.clear();
                    doc.unchanged = doc.unchanged.map(|_| Unchanged {
                        prefix: 0,
                        suffix: 0,
                    });
                }
                Some(range) => {
                    let a = convert::rope_char(&doc.rope, range.start, encoding);
                    let b = convert::rope_char(&doc.rope, range.end, encoding);
                    let (start, end) = (a.min(b), a.max(b));
                    let (from, to) = (doc.rope.char_to_byte(start), doc.rope.char_to_byte(end));
                    doc.unchanged = doc
                        .unchanged
                        .map(|u| u.edit(from, to, doc.rope.len_bytes()));
                    doc.rope.remove(start..end);
                    doc.rope.insert(start, &change.text);
                    doc.pending.push((from, to, change.text));
                    if doc.pending.len() > MAX_PENDING {
                        doc.sync_text();
                    }
                }
            }
        }
        doc.version = version;
        doc.revision = revision;
        Ok(())
    }

    /// An edit to the document could not be applied: its text is no longer the editor's.
    /// `false` if it is not open.
    pub fn desynchronise(&mut self, uri: &Uri) -> bool {
        self.revision += 1;
        let revision = self.revision;
        match self.docs.get_mut(uri) {
            Some(doc) => {
                doc.desynchronised = true;
                doc.revision = revision;
                true
            }
            None => false,
        }
    }

    /// The document's text for the analysis worker, with what it knows of how the text
    /// changed since the worker's previous take; from here on, changes are counted afresh.
    pub fn take_for_analysis(&mut self, uri: &Uri) -> Option<ForAnalysis> {
        let doc = self.docs.get_mut(uri)?;
        let unchanged = doc.unchanged.replace(Unchanged::ALL);
        Some(ForAnalysis {
            rope: doc.rope.clone(),
            text: doc.text(),
            version: doc.version,
            revision: doc.revision,
            unchanged,
            desynchronised: doc.desynchronised,
        })
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.docs.keys().cloned().collect()
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(sl: u32, sc: u32, el: u32, ec: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(sl, sc), Position::new(el, ec))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn a_batch_of_changes_applies_in_order_across_crlf_and_emoji() {
        let uri = "file:///j.offer".parse::<Uri>().unwrap();
        let mut docs = Documents::default();
        docs.open(uri.clone(), "base: $1😀\r\nfloor: $2\r\n", 1);
        let changes = vec![
            edit(0, 10, 0, 10, "k"),   // after the emoji (2 UTF-16 units)
            edit(1, 7, 1, 9, "$190k"), // replace "$2"
            edit(0, 6, 0, 8, "$172"),  // replace "$1"
        ];
        docs.change(&uri, 2, changes, Encoding::Utf16).unwrap();
        let doc = docs.get(&uri).unwrap();
        assert_eq!(text_of(&doc.rope), "base: $172😀k\r\nfloor: $190k\r\n");
        assert_eq!(doc.version, 2);
        let held = docs.take_for_analysis(&uri).unwrap().text;
        assert_eq!(*held, "base: $172😀k\r\nfloor: $190k\r\n");
        let err = docs.change(
            &"file:///nope".parse::<Uri>().unwrap(),
            1,
            vec![],
            Encoding::Utf16,
        );
        assert_eq!(err, Err(EditError::NotOpen));
    }

    /// The worker may hold the text while edits arrive: they reach the text it takes next,
    /// in order, and never the copy it holds.
    #[test]
    fn edits_made_while_the_worker_holds_the_text_reach_its_next_take() {
        let uri = "file:///j.offer".parse::<Uri>().unwrap();
        let mut docs = Documents::default();
        docs.open(uri.clone(), "a\nb\n", 1);
        let held = docs.take_for_analysis(&uri).unwrap().text;
        for (k, typed) in ["x", "y", "z", "w"].iter().enumerate() {
            let changes = vec![edit(1, k as u32, 1, k as u32, typed)];
            docs.change(&uri, 2 + k as i32, changes, Encoding::Utf16)
                .unwrap();
            if k == 0 {
                // the first take after an edit sees it
                assert_eq!(*docs.take_for_analysis(&uri).unwrap().text, "a\nxb\n");
            }
        }
        drop(docs.take_for_analysis(&uri)); // (three edits pending)
        docs.change(&uri, 9, vec![edit(0, 0, 0, 1, "")], Encoding::Utf16)
            .unwrap();
        let next = docs.take_for_analysis(&uri).unwrap().text;
        assert_eq!(*held, "a\nb\n");
        assert_eq!(*next, "\nxyzwb\n");
        assert_eq!(*next, text_of(&docs.get(&uri).unwrap().rope));
    }
}
