//! Inlay hints: steady-state total comp beside `base:`, the gap to the floor beside the
//! live number.

use crate::analysis::format_percent;
use crate::Report;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// Byte offset the hint sits after.
    pub offset: usize,
    pub label: String,
    pub tooltip: String,
}

pub fn hints(report: &Report) -> Vec<Hint> {
    let mut out = Vec::new();
    for a in &report.analysis.offers {
        let section = &report.journal.sections[a.section];
        if let (Some(base), Some(comp)) = (&section.base, a.comp) {
            if comp.steady != comp.base || comp.year_one != comp.base {
                out.push(Hint {
                    offset: base.value_span.end,
                    label: format!(" ≈ {}/yr total", comp.steady),
                    tooltip: format!(
                        "Steady-state total comp: {} base + {} bonus + {} equity a year. Year 1 with sign-on: {}.",
                        comp.base, comp.bonus, comp.equity_per_year, comp.year_one
                    ),
                });
            }
        }
        if let (Some(live), Some(gap)) = (a.live, a.gap) {
            let sign = if gap.is_below() { "−" } else { "+" };
            let label = if gap.shortfall.minor == 0 {
                " = floor".to_string()
            } else {
                format!(" {sign}{} vs floor", format_percent(gap.percent().abs()))
            };
            out.push(Hint {
                offset: live.span.end,
                label,
                tooltip: format!("{} against your floor of {}", gap.measured, gap.floor),
            });
        }
    }
    out.sort_by_key(|h| h.offset);
    out
}
