//! Formatting: line up the values of consecutive `key: value` lines. Whitespace between the
//! key and its value is the only thing it ever changes — never a word of prose.

use super::Edit;
use crate::model::Key;
use crate::syntax::{Line, LineKind};
use crate::text::Span;

pub fn align(text: &str, lines: &[Line]) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut run: Vec<(Span, Span)> = Vec::new(); // (from after the key to the value, value)
    let mut width = 0;
    let flush = |run: &mut Vec<(Span, Span)>, width: usize, edits: &mut Vec<Edit>| {
        for (gap, _value) in run.drain(..) {
            let key_width = text[..gap.start]
                .rsplit(['\n', '\r'])
                .next()
                .map_or(0, |l| l.chars().count());
            let wanted = format!(":{}", " ".repeat(width - key_width + 1));
            if gap.of(text) != wanted {
                edits.push(Edit {
                    span: gap,
                    new_text: wanted,
                });
            }
        }
    };
    for line in lines {
        match line.kind {
            // dated log lines (`counter DATE:`) and list items (`- walk:`) are entries, not
            // fields: they keep their spacing and don't widen the column
            LineKind::Entry { key, arg, .. }
                if arg.is_some() || text[line.span.start..key.start].contains(['-', '*', '+']) => {}
            LineKind::Entry { key, value, .. }
                if Key::parse(key.of(text)).is_some() && !value.is_empty() =>
            {
                let key_width = text[line.span.start..key.end].chars().count();
                run.push((Span::new(key.end, value.start), value));
                width = width.max(key_width);
            }
            _ => {
                flush(&mut run, width, &mut edits);
                width = 0;
            }
        }
    }
    flush(&mut run, width, &mut edits);
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::fixes::apply;

    #[test]
    fn values_line_up_per_block_and_prose_is_untouched() {
        let text = "floor:  $190k base\nwish: $215k\ndecision-date:2026-12-01\nNote to self:   breathe.\n## Acme\nstatus: live\ncounter 2026-11-15: asked $1, got $2\nbase : $172,000\n- walk:  tired\n";
        let lines = crate::syntax::lines(text);
        let formatted = apply(text, &align(text, &lines));
        assert_eq!(
            formatted,
            "floor:         $190k base\nwish:          $215k\ndecision-date: 2026-12-01\nNote to self:   breathe.\n## Acme\nstatus: live\ncounter 2026-11-15: asked $1, got $2\nbase:   $172,000\n- walk:  tired\n"
        );
        let again = crate::syntax::lines(&formatted);
        assert!(
            align(&formatted, &again).is_empty(),
            "formatting twice changes nothing"
        );
    }
}
