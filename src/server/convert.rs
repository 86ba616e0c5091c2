//! The only place that knows LSP positions and encodings: byte offsets in the core ↔
//! `Position`s in the negotiated encoding, and LSP ranges ↔ rope character indices.

use crate::text::{Encoding, LineCol, LineIndex, Span};
use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range, Uri};

/// The file a `file:` URI names (`file:///…` or `file://localhost/…`, percent-decoded); `None`
/// for any other scheme, another host or an empty path (an unsaved buffer, a remote file).
pub fn file_path(uri: &Uri) -> Option<std::path::PathBuf> {
    let local = uri
        .authority()
        .is_none_or(|a| a.host().is_empty() || a.host().eq_ignore_ascii_case("localhost"));
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") || !local {
        return None;
    }
    uri.to_file_path().map(std::borrow::Cow::into_owned)
}

/// Pick the encoding: UTF-8 when the client offers it (no conversion at all), else the
/// mandatory UTF-16.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

pub fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// A core byte offset as an LSP position.
pub fn position(text: &str, index: &LineIndex, offset: usize, encoding: Encoding) -> Position {
    lsp_position(index.line_col(text, offset, encoding))
}

/// A core span as an LSP range.
pub fn range(text: &str, index: &LineIndex, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(text, index, span.start, encoding),
        position(text, index, span.end, encoding),
    )
}

/// A core line and column as an LSP position.
pub fn lsp_position(at: LineCol) -> Position {
    Position::new(at.line, at.col)
}

/// An LSP position as a byte offset into `text`, clamped into the document.
pub fn offset(text: &str, index: &LineIndex, position: Position, encoding: Encoding) -> usize {
    index.offset(
        text,
        LineCol {
            line: position.line,
            col: position.character,
        },
        encoding,
    )
}

/// An LSP position as a char index into a rope. Past the end of a line clamps to the line's
/// end (before its break); past the last line clamps to the end of the document; inside a
/// character (half a surrogate pair, the middle of a UTF-8 sequence) to that character's start.
pub fn rope_char(rope: &Rope, position: Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    // the line's content without its break (\n, \r\n or \r)
    let mut len = slice.len_chars();
    if len > 0 && slice.char(len - 1) == '\n' {
        len -= 1;
    }
    if len > 0 && slice.char(len - 1) == '\r' {
        len -= 1;
    }
    let content = slice.slice(..len);
    let col = position.character as usize;
    let within = match encoding {
        Encoding::Utf8 => {
            let bytes = col.min(content.len_bytes());
            content.byte_to_char(bytes)
        }
        Encoding::Utf16 => {
            let units = col.min(content.len_utf16_cu());
            content.utf16_cu_to_char(units)
        }
        Encoding::Utf32 => col.min(len),
    };
    start + within
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::Positions;

    #[test]
    fn only_local_file_uris_name_a_file_whose_settings_are_looked_up() {
        let path = |u: &str| file_path(&u.parse::<Uri>().unwrap());
        assert_eq!(
            path("file:///home/ana/offers%202026/acme.offer"),
            Some("/home/ana/offers 2026/acme.offer".into())
        );
        assert_eq!(path("FILE://localhost/j.offer"), Some("/j.offer".into()));
        // an unsaved buffer has no folder: its settings must not come from the server's own
        // working directory (the URI type no longer checks the scheme itself)
        assert_eq!(path("untitled:Untitled-1"), None);
        assert_eq!(path("vscode-remote://ssh-remote+box/home/j.offer"), None);
        assert_eq!(path("file://fileserver/share/j.offer"), None);
        assert_eq!(path("file://"), None);
    }

    #[test]
    fn positions_agree_with_the_line_index() {
        let text = "a😀b\r\ncafé\rx\n\nlast";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .collect();
        for e in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let positions = Positions::new(text, offsets.iter().copied(), e);
            for &offset in &offsets {
                assert_eq!(
                    lsp_position(positions.get(offset)),
                    position(text, &index, offset, e),
                    "{offset} {e:?}"
                );
            }
        }
    }

    #[test]
    fn rope_positions_clamp_and_respect_surrogate_pairs() {
        let rope = Rope::from_str("a😀b\r\ncafé\n");
        let p = |line, character| Position { line, character };
        assert_eq!(rope_char(&rope, p(0, 1), Encoding::Utf16), 1);
        assert_eq!(
            rope_char(&rope, p(0, 2), Encoding::Utf16),
            1,
            "inside the pair"
        );
        assert_eq!(rope_char(&rope, p(0, 3), Encoding::Utf16), 2);
        assert_eq!(
            rope_char(&rope, p(0, 99), Encoding::Utf16),
            3,
            "before \\r\\n"
        );
        assert_eq!(rope_char(&rope, p(1, 4), Encoding::Utf16), 9);
        assert_eq!(rope_char(&rope, p(1, 5), Encoding::Utf8), 9);
        assert_eq!(rope_char(&rope, p(1, 4), Encoding::Utf8), 8, "inside é");
        assert_eq!(rope_char(&rope, p(7, 0), Encoding::Utf16), rope.len_chars());
    }
}
