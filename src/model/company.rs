//! The company a heading names, as the person wrote it: the heading without a label before
//! it (`Offer: `) or the journal's own notes after it. Emails, tables and the history use it.

/// Japanese forms written before or after the name, with no space: `株式会社`, `(株)`.
pub const CJK_FORMS: &[&str] = &["株式会社", "有限会社", "合同会社", "(株)", "（株）", "㈱"];

/// Heading labels a person writes before the company (`Offer: Acme`), compared in lower case.
const LABELS: &[&str] = &[
    "offer",
    "new offer",
    "written offer",
    "verbal offer",
    "revised offer",
    "final offer",
    "counter-offer",
    "counteroffer",
    "company",
    "employer",
];

/// The company of a heading as written, without a heading label (`Offer: `) and without the
/// journal's own annotations after it: `(current job)`, `[dream job]`, `| Tokyo`, `— remote`.
/// [`Section::company`](super::Section::company) names companies with it, and the
/// company key (`history::company_key`) starts from it.
pub fn company_name(heading: &str) -> &str {
    let mut rest = strip_label(heading.trim());
    // `Acme | Tokyo`, `Acme — 2nd round`, `Acme - remote`: a spaced bar or dash starts a note
    // (the first place any of them starts, in one pass over the heading: this runs for
    // every section on every keystroke)
    let bytes = rest.as_bytes();
    let note = (0..bytes.len()).find(|&i| {
        let here = &bytes[i..];
        here[0] == b'|'
            || (here[0] == b' '
                && [" | ", " — ", " – ", " - "]
                    .iter()
                    .any(|sep| here.starts_with(sep.as_bytes())))
    });
    if let Some(at) = note {
        if at > 0 {
            rest = rest[..at].trim_end();
        }
    }
    loop {
        let stripped = [('(', ')'), ('[', ']'), ('（', '）')]
            .iter()
            .find_map(|&(open, close)| {
                let inner = rest.strip_suffix(close)?;
                let at = inner.rfind(open)?;
                Some(inner[..at].trim_end())
            });
        match stripped {
            // `(株)` is a legal form, not an annotation: the key drops it
            Some(shorter)
                if !shorter.is_empty() && !CJK_FORMS.iter().any(|f| rest.ends_with(f)) =>
            {
                rest = shorter
            }
            _ => break,
        }
    }
    rest.trim_end_matches([' ', '—', '–', '-', ':', ',', '|'])
        .trim_end()
}

fn strip_label(heading: &str) -> &str {
    for label in LABELS {
        let Some(head) = heading.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let spaced = heading[label.len()..].starts_with(char::is_whitespace);
        let after = heading[label.len()..].trim_start();
        // `Offer: Acme`, `Offer — Acme`; not `Offer-Ready Inc`, a name
        let dash = after
            .strip_prefix(['—', '–', '-'])
            .filter(|rest| spaced && rest.starts_with(char::is_whitespace));
        let rest = match after.strip_prefix(':').or(dash) {
            Some(rest) => rest,
            None => match after.get(..5) {
                Some(from) if from.eq_ignore_ascii_case("from ") => &after[5..],
                _ => continue,
            },
        };
        let rest = rest.trim_start();
        if !rest.is_empty() {
            return rest;
        }
    }
    heading
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_name_drops_labels_and_annotations_only() {
        assert_eq!(company_name("Offer: Acme | Tokyo"), "Acme");
        assert_eq!(company_name("Offer — Acme"), "Acme");
        assert_eq!(company_name("Offer - Acme - Berlin"), "Acme");
        assert_eq!(company_name("Offerpad"), "Offerpad");
        assert_eq!(company_name("Offer-Ready Inc"), "Offer-Ready Inc");
        assert_eq!(company_name("Initech (current job)"), "Initech");
        assert_eq!(company_name("Acme, Inc."), "Acme, Inc.");
        assert_eq!(company_name("Hewlett-Packard"), "Hewlett-Packard");
    }
}
