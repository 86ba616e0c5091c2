//! All offers side by side: total comp year by year and at steady state, the benefits, the
//! gap to the floor, the offer's one recommendation (`analysis::advice`) and the deadlines.
//! Shared by the editor's compare command and `offer-notes compare`.

use crate::analysis::{convert, format_percent, offer_years, years::YEARS_SHOWN};
use crate::Report;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub offer: String,
    pub status: String,
    /// Total comp for years 1..=N (converted to the floor's currency beside it when another).
    pub years: Vec<String>,
    pub steady: String,
    pub benefits: String,
    pub gap: String,
    pub cell: String,
    /// The company's `expires` and your decision date.
    pub deadlines: String,
}

/// The column headings for `years` years.
pub fn headings(years: usize) -> Vec<String> {
    let mut out = vec!["Offer".to_string(), "Status".to_string()];
    out.extend((1..=years).map(|y| format!("Year {y}")));
    out.extend(
        [
            "Steady state",
            "Benefits",
            "Against your floor",
            "Advice",
            "Deadlines",
        ]
        .map(String::from),
    );
    out
}

/// Rows with the default four years.
pub fn rows(report: &Report) -> Vec<Row> {
    rows_for(report, YEARS_SHOWN)
}

/// Rows with `count` years of total comp.
pub fn rows_for(report: &Report, count: u32) -> Vec<Row> {
    let journal = &report.journal;
    report
        .analysis
        .offers
        .iter()
        .filter_map(|a| {
            let section = &journal.sections[a.section];
            if !section.has_offer_data() {
                return None;
            }
            let dash = || "—".to_string();
            let floor_currency = a.floor.map(|f| f.value.amount.currency);
            // an amount, and beside it the floor's currency when the offer is in another
            let both = |m: crate::model::Money| match floor_currency
                .filter(|c| *c != m.currency)
                .and_then(|c| convert(journal, section, m, c))
            {
                Some(there) => format!("{m} ({there})"),
                None => m.to_string(),
            };
            let years = offer_years(journal, a, count);
            let year_cells = (1..=count)
                .map(|n| {
                    years
                        .as_ref()
                        .and_then(|y| y.year(n))
                        .map_or_else(dash, |y| both(y.total))
                })
                .collect();
            let benefits = years
                .as_ref()
                .and_then(|y| y.benefits.total())
                .map_or_else(dash, both);
            let mut deadlines = Vec::new();
            if let Some(e) = section.expires.as_ref() {
                deadlines.push(format!("expires {}", e.value));
            }
            if let Some(d) = a.decision_date {
                deadlines.push(format!("you decide {}", d.value));
            }
            Some(Row {
                offer: section.display_name().to_string(),
                status: section.status().map_or_else(dash, |s| s.name().to_string()),
                years: year_cells,
                steady: a.comp.map_or_else(dash, |c| both(c.steady)),
                benefits,
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
                deadlines: if deadlines.is_empty() {
                    dash()
                } else {
                    deadlines.join(", ")
                },
            })
        })
        .collect()
}

fn cells(r: &Row) -> Vec<&str> {
    let mut out = vec![r.offer.as_str(), r.status.as_str()];
    out.extend(r.years.iter().map(String::as_str));
    out.extend([
        r.steady.as_str(),
        r.benefits.as_str(),
        r.gap.as_str(),
        r.cell.as_str(),
        r.deadlines.as_str(),
    ]);
    out
}

/// How many years the rows show.
fn year_count(rows: &[Row]) -> usize {
    rows.first().map_or(YEARS_SHOWN as usize, |r| r.years.len())
}

/// A GitHub-flavoured Markdown table. A `|` in a name would end its cell early, so it is
/// escaped (`\|`), and so is a backslash, which would otherwise escape the cell's closing `|`.
pub fn markdown(rows: &[Row]) -> String {
    let years = year_count(rows);
    let mut align = vec!["---", "---"];
    align.extend(std::iter::repeat_n("---:", years + 2));
    align.extend(["---", "---", "---"]);
    let mut out = format!(
        "| {} |\n|{}|\n",
        headings(years).join(" | "),
        align.join("|")
    );
    for r in rows {
        let escaped: Vec<String> = cells(r).into_iter().map(markdown_cell).collect();
        out.push_str(&format!("| {} |\n", escaped.join(" | ")));
    }
    out
}

pub(crate) fn markdown_cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|")
}

/// A plain-text table for the terminal, columns padded to their widest cell as the terminal
/// shows it: a CJK character or an emoji takes two columns, a combining accent none.
pub fn plain(rows: &[Row]) -> String {
    let width = |text: &str| UnicodeWidthStr::width(text);
    let headings = headings(year_count(rows));
    let mut widths: Vec<usize> = headings.iter().map(|h| width(h)).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(cells(r)) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w.saturating_sub(width(c)))))
            .collect();
        padded.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(headings.iter().map(String::as_str).collect());
    let rules: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
    out.push_str(&line(rules.iter().map(String::as_str).collect()));
    for r in rows {
        out.push_str(&line(cells(r)));
    }
    out
}
