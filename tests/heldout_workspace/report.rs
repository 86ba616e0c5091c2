//! `offer-notes report` (plain and `--redact`): self-contained, charts, figures, redaction.

use super::*;

// ---------------------------------------------------------------------------------------------
// The report

#[derive(Default)]
pub(crate) struct Reports {
    plain: HashMap<String, Option<String>>,
    redacted: HashMap<String, Option<String>>,
}

impl Reports {
    pub(crate) fn get(&mut self, journal: &str, redact: bool) -> Option<String> {
        let path = path_str(&Path::new(REPORT).join(journal));
        let cache = if redact {
            &mut self.redacted
        } else {
            &mut self.plain
        };
        cache
            .entry(journal.to_string())
            .or_insert_with(|| {
                let mut args = vec!["report"];
                if redact {
                    args.push("--redact");
                }
                args.push(&path);
                ok_output(run(&args))
            })
            .clone()
    }

    pub(crate) fn holds(&mut self, e: &Expectation) -> bool {
        let a = |i: usize| e.args.get(i).cloned().unwrap_or_default();
        let journal = a(0);
        match e.kind.as_str() {
            "report-self-contained" => self
                .get(&journal, false)
                .is_some_and(|h| self_contained(&h)),
            "report-charts" => self
                .get(&journal, false)
                .is_some_and(|h| charts(&h, a(1).parse().unwrap_or(3))),
            "report-has" => self
                .get(&journal, false)
                .is_some_and(|h| contains(&html_text(&h), &a(1))),
            "report-redacted" => self.get(&journal, true).is_some_and(|h| {
                looks_like_html(&h) && e.args[1..].iter().all(|n| !has_word(&h, n))
            }),
            "report-redacted-rounded" => self.get(&journal, true).is_some_and(|h| {
                let amounts = amounts_in(&html_text(&h));
                !amounts.is_empty() && amounts.iter().all(|c| c % 100_000 == 0)
            }),
            "report-redacted-lacks" => self.get(&journal, true).is_some_and(|h| {
                looks_like_html(&h) && e.args[1..].iter().all(|n| !h.contains(n.as_str()))
            }),
            other => panic!("unknown report expectation kind {other} ({})", e.id),
        }
    }
}

pub(crate) fn looks_like_html(h: &str) -> bool {
    let l = h.to_lowercase();
    l.contains("<html") || l.contains("<!doctype html")
}

/// No script, no stylesheet link, no network reference; every `src=` and `url(` is `data:`.
pub(crate) fn self_contained(h: &str) -> bool {
    if !looks_like_html(h) {
        return false;
    }
    let l = h.to_lowercase();
    // namespace names are identifiers, not references
    let mut stripped = String::new();
    let mut rest = l.as_str();
    while let Some(at) = rest.find("xmlns") {
        stripped.push_str(&rest[..at]);
        let after = &rest[at..];
        let skip = after
            .find('"')
            .and_then(|q| after[q + 1..].find('"').map(|e| q + e + 2))
            .unwrap_or(5);
        rest = &after[skip..];
    }
    stripped.push_str(rest);
    let bad = [
        "<script", "<link", "@import", "<iframe", "<object", "<embed", "http:", "https:", "//fonts",
    ];
    if bad.iter().any(|b| stripped.contains(b)) {
        return false;
    }
    let data_only = |marker: &str| {
        stripped.match_indices(marker).all(|(i, _)| {
            let v = stripped[i + marker.len()..].trim_start_matches(['"', '\'', ' ']);
            v.starts_with("data:") || (marker == "url(" && v.starts_with('#'))
        })
    };
    data_only("src=") && data_only("url(")
}

/// At least `n` inline SVG charts, each with a `<title>`/`<desc>`/`aria-label`, or a table each.
pub(crate) fn charts(h: &str, n: usize) -> bool {
    let l = h.to_lowercase();
    let svgs: Vec<&str> = l
        .match_indices("<svg")
        .map(|(i, _)| {
            let end = l[i..].find("</svg>").map_or(l.len(), |e| i + e);
            &l[i..end]
        })
        .collect();
    if svgs.len() < n {
        return false;
    }
    let without = svgs
        .iter()
        .filter(|s| !(s.contains("<title") || s.contains("<desc") || s.contains("aria-label")))
        .count();
    without == 0 || l.matches("<table").count() >= svgs.len()
}
