//! Byte spans and line/column arithmetic over a journal's text.
//! Lines end at `\n`, `\r\n` or a lone `\r`, exactly as the Language Server Protocol counts them.

use std::ops::Range;

/// A half-open byte range into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The text this span covers, or "" when the span does not fit the text.
    pub fn of(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }

    /// Shift a span that was measured inside `self`'s text by `self.start`.
    pub fn within(self, inner: Range<usize>) -> Span {
        Span::new(self.start + inner.start, self.start + inner.end)
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
}

/// How a column is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the LSP default; an emoji counts two).
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

/// A zero-based line and column, the column counted in some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Where every line starts, so offsets convert to line/column and back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        if !text.contains('\r') {
            // the common case, searched with the standard library's vectorised byte search
            let mut starts = Vec::with_capacity(text.len() / 40 + 1);
            starts.push(0);
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            return LineIndex {
                starts,
                len: text.len(),
            };
        }
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }

    /// The line's content, without its line break.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1).min(text.len());
        let bytes = text.as_bytes();
        if end > start && line + 1 < self.starts.len() {
            // drop the break: \n, \r\n or \r
            if bytes[end - 1] == b'\n' {
                end -= 1;
            }
            if end > start && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        Span::new(start, end.max(start))
    }

    /// The line that holds `offset` (an offset on a line break belongs to that line).
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Convert a byte offset to a line and column counted in `encoding`.
    /// An offset inside a character is moved back to that character's start.
    pub fn line_col(&self, text: &str, offset: usize, encoding: Encoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let prefix = text.get(start..offset).unwrap_or("");
        LineCol {
            line: line as u32,
            col: measure(prefix, encoding) as u32,
        }
    }

    /// Convert a line and column back to a byte offset. Positions past the end of a line
    /// clamp to the line's end, past the last line to the end of the text, and a column
    /// that falls inside a character (half of a surrogate pair) to that character's start.
    pub fn offset(&self, text: &str, at: LineCol, encoding: Encoding) -> usize {
        let line = at.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let span = self.line_span(text, line);
        let content = span.of(text);
        span.start + offset_in_line(content, at.col as usize, encoding)
    }
}

/// Many offsets of one text as lines and columns, in a single pass and without a line table:
/// the offsets are visited in order, the line breaks between one and the next are counted
/// (a vectorised byte count when the text has no `\r`), and a column is measured from the
/// previous offset when both sit on the same line. Publishing a few hundred diagnostics of a
/// megabyte journal costs one scan of the text instead of a few hundred tree walks.
///
/// Returns `(offset, position)` for every distinct offset asked for, sorted by offset; each
/// position equals [`LineIndex::line_col`]'s.
/// Positions for a known set of byte offsets of one text, worked out in one pass over it
/// ([`line_cols`]). `check --format json` and the server's publish path both convert a
/// report's diagnostics through this, so they always agree.
#[derive(Debug, Clone)]
pub struct Positions(Vec<(usize, LineCol)>);

impl Positions {
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>, encoding: Encoding) -> Self {
        Positions(line_cols(text, offsets, encoding))
    }

    /// The lines of every position asked for.
    pub fn lines(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().map(|(_, at)| at.line as usize)
    }

    /// The position of `offset`, which must have been among those asked for; any other
    /// offset gets the position of the nearest one before it (never a panic).
    pub fn get(&self, offset: usize) -> LineCol {
        match self.0.binary_search_by_key(&offset, |(o, _)| *o) {
            Ok(i) => self.0[i].1,
            Err(0) => LineCol { line: 0, col: 0 },
            Err(i) => self.0[i - 1].1,
        }
    }
}

pub fn line_cols(
    text: &str,
    offsets: impl IntoIterator<Item = usize>,
    encoding: Encoding,
) -> Vec<(usize, LineCol)> {
    let mut wanted: Vec<usize> = offsets.into_iter().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let bytes = text.as_bytes();
    let has_cr = memchr::memchr(b'\r', bytes).is_some();
    // a break ends at `i + 1` when `bytes[i]` is `\n`, or a `\r` not followed by `\n`
    let ends_break = |i: usize| match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    };
    let mut out = Vec::with_capacity(wanted.len());
    let (mut line, mut scanned, mut col) = (0usize, 0usize, 0usize);
    for asked in wanted {
        let target = floor_char_boundary(text, asked.min(text.len()));
        if target > scanned {
            let breaks = if has_cr {
                (scanned..target).filter(|&i| ends_break(i)).count()
            } else {
                bytecount::count(&bytes[scanned..target], b'\n')
            };
            if breaks > 0 {
                line += breaks;
                let last = if has_cr {
                    (scanned..target).rev().find(|&i| ends_break(i))
                } else {
                    memchr::memrchr(b'\n', &bytes[scanned..target]).map(|i| scanned + i)
                };
                scanned = last.map_or(scanned, |i| i + 1);
                col = 0;
            }
            col += measure(&text[scanned..target], encoding);
            scanned = target;
        }
        out.push((
            asked,
            LineCol {
                line: line as u32,
                col: col as u32,
            },
        ));
    }
    out
}

/// How long `s` is when counted in `encoding`.
pub fn measure(s: &str, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => s.len(),
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
        Encoding::Utf32 => s.chars().count(),
    }
}

/// The byte offset in `line` of a column counted in `encoding`, clamped to the line.
pub fn offset_in_line(line: &str, col: usize, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Utf8 => floor_char_boundary(line, col.min(line.len())),
        Encoding::Utf16 | Encoding::Utf32 => {
            let mut units = 0;
            for (byte, ch) in line.char_indices() {
                let width = if encoding == Encoding::Utf16 {
                    ch.len_utf16()
                } else {
                    1
                };
                if units + width > col {
                    return byte;
                }
                units += width;
            }
            line.len()
        }
    }
}

/// The largest char boundary at or before `offset`.
/// What a message may quote of something the user wrote: at most [`QUOTED_CHARS`]
/// characters, then `…` (a megabyte name is not copied into every message about it).
pub fn shortened(written: &str) -> std::borrow::Cow<'_, str> {
    match written.char_indices().nth(QUOTED_CHARS) {
        None => written.into(),
        Some((at, _)) => format!("{}…", &written[..at]).into(),
    }
}

/// Longer than any key, code or setting name by a wide margin.
pub const QUOTED_CHARS: usize = 40;

pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn line_cols_in_one_pass_equal_the_line_index(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "😀", "\n", "\r", "\r\n", " ", "$1"]),
                0..40,
            ),
            offsets in proptest::collection::vec(0usize..200, 0..12),
        ) {
            let text: String = pieces.concat();
            let index = LineIndex::new(&text);
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                for (offset, at) in line_cols(&text, offsets.iter().copied(), encoding) {
                    proptest::prop_assert_eq!(at, index.line_col(&text, offset, encoding));
                }
            }
        }
    }

    #[test]
    fn line_cols_answers_every_offset_asked_once_in_order() {
        let text = "ab\nc😀d\r\ne";
        let got = line_cols(text, [9, 0, 4, 4, 100], Encoding::Utf16);
        let offsets: Vec<usize> = got.iter().map(|(o, _)| *o).collect();
        assert_eq!(offsets, [0, 4, 9, 100]);
        assert_eq!(got[1].1, LineCol { line: 1, col: 1 });
        assert_eq!(got[2].1, LineCol { line: 1, col: 4 });
        assert_eq!(got[3].1, LineCol { line: 2, col: 1 });
    }

    #[test]
    fn lines_break_on_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_span(text, 1).of(text), "b");
        assert_eq!(index.line_span(text, 2).of(text), "c");
        assert_eq!(index.line_span(text, 3).of(text), "d");
    }

    #[test]
    fn columns_count_utf16_units_for_emoji_and_accents() {
        let text = "café 😀 $172k";
        let index = LineIndex::new(text);
        let dollar = text.find('$').unwrap();
        assert_eq!(index.line_col(text, dollar, Encoding::Utf16).col, 8);
        assert_eq!(index.line_col(text, dollar, Encoding::Utf8).col, 11);
        assert_eq!(index.line_col(text, dollar, Encoding::Utf32).col, 7);
        let back = index.offset(text, LineCol { line: 0, col: 8 }, Encoding::Utf16);
        assert_eq!(back, dollar);
    }

    #[test]
    fn positions_inside_a_surrogate_pair_or_past_the_end_clamp() {
        let text = "x😀y\nz";
        let index = LineIndex::new(text);
        // column 2 is between the two halves of the emoji
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 2 }, Encoding::Utf16),
            1
        );
        assert_eq!(
            index.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            6
        );
        assert_eq!(
            index.offset(text, LineCol { line: 9, col: 0 }, Encoding::Utf16),
            text.len()
        );
    }
}
