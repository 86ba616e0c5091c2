//! All offers side by side: year-1 and steady-state total comp, the gap to the floor, and
//! the offer's one recommendation (`analysis::advice`). Shared by the editor's compare command and `offer-notes compare`.

use crate::analysis::format_percent;
use crate::Report;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub offer: String,
    pub status: String,
    pub year_one: String,
    pub steady: String,
    pub gap: String,
    pub cell: String,
}

pub const HEADINGS: [&str; 6] = [
    "Offer",
    "Status",
    "Year 1",
    "Steady state",
    "Against your floor",
    "Advice",
];

pub fn rows(report: &Report) -> Vec<Row> {
    report
        .analysis
        .offers
        .iter()
        .filter_map(|a| {
            let section = &report.journal.sections[a.section];
            if !section.has_offer_data() {
                return None;
            }
            let dash = || "—".to_string();
            Some(Row {
                offer: section.display_name().to_string(),
                status: section.status().map_or_else(dash, |s| s.name().to_string()),
                year_one: a.comp.map_or_else(dash, |c| c.year_one.to_string()),
                steady: a.comp.map_or_else(dash, |c| c.steady.to_string()),
                gap: a.gap.map_or_else(dash, |g| {
                    if g.is_below() {
                        format!("{} below", g.percent_text())
                    } else if g.shortfall.minor == 0 {
                        "at the floor".into()
                    } else {
                        format!("{} above", format_percent(-g.percent()))
                    }
                }),
                // the offer's one recommendation, as the rules and the hover state it
                cell: a
                    .recommendation
                    .short()
                    .or_else(|| {
                        a.situation
                            .decision
                            .map(|v| format!("decided: {}", v.name()))
                    })
                    .unwrap_or_else(dash),
            })
        })
        .collect()
}

fn cells(r: &Row) -> [&str; 6] {
    [&r.offer, &r.status, &r.year_one, &r.steady, &r.gap, &r.cell]
}

/// A GitHub-flavoured Markdown table. A `|` in a name would end its cell early, so it is
/// escaped (`\|`), and so is a backslash, which would otherwise escape the cell's closing `|`.
pub fn markdown(rows: &[Row]) -> String {
    let mut out = format!(
        "| {} |\n|---|---|---:|---:|---|---|\n",
        HEADINGS.join(" | ")
    );
    for r in rows {
        let escaped = cells(r).map(markdown_cell);
        out.push_str(&format!("| {} |\n", escaped.join(" | ")));
    }
    out
}

fn markdown_cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|")
}

/// A plain-text table for the terminal, columns padded to their widest cell as the terminal
/// shows it: a CJK character or an emoji takes two columns, a combining accent none.
pub fn plain(rows: &[Row]) -> String {
    let width = |text: &str| UnicodeWidthStr::width(text);
    let mut widths = HEADINGS.map(width);
    for r in rows {
        for (w, c) in widths.iter_mut().zip(cells(r)) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: [&str; 6]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(width(c)))))
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(HEADINGS);
    out.push_str(&line(
        widths.map(|w| "─".repeat(w)).each_ref().map(|s| s.as_str()),
    ));
    for r in rows {
        out.push_str(&line(cells(r)));
    }
    out
}
