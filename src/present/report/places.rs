//! The report's charts of where things stand: the walk-away matrix with each offer in its
//! cell [004], and the timeline of decision dates, deadlines and reviews.

use super::redact::Words;
use super::svg::{escape, fit, wrap, Anchor, Svg};
use super::{figure, table};
use crate::analysis::advice::Recommendation;
use crate::analysis::{Cell, GapSize, OfferAnalysis, Strength};
use crate::history::timeline::{review_fragment, Kind};
use crate::model::Section;
use crate::Report;
use chrono::NaiveDate;

use super::charts::WIDTH;
/// The size of a cell's verdict text (names are a size larger), as the page's CSS has it.
const FONT: f64 = 11.0;

const ROLES: [Strength; 2] = [Strength::Strong, Strength::Weak];
const GAPS: [GapSize; 3] = [GapSize::None, GapSize::Small, GapSize::Big];

fn gap_heading(gap: GapSize) -> &'static str {
    match gap {
        GapSize::None => "meets floor",
        GapSize::Small => "small gap",
        GapSize::Big => "big gap",
    }
}

fn role_heading(role: Strength) -> &'static str {
    match role {
        Strength::Strong => "strong",
        Strength::Weak => "weak",
    }
}

/// An offer's name in a matrix cell: at most two lines.
fn name_lines(name: &str, width: f64) -> Vec<String> {
    let mut lines = wrap(name, width, FONT + 1.0);
    if lines.len() > 2 {
        let rest = lines[1..].join(" ");
        lines.truncate(1);
        lines.push(fit(&rest, width, FONT + 1.0));
    }
    lines
}

/// The offers the matrix places: current and not closed, with a cell.
fn placed(report: &Report) -> Vec<(&Section, &OfferAnalysis, Cell)> {
    report
        .analysis
        .offers
        .iter()
        .filter(|a| !a.situation.settled())
        .filter_map(|a| Some((&report.journal.sections[a.section], a, a.cell?)))
        .collect()
}

/// The walk-away matrix: role strong/weak by gap none/small/big, each cell with its verdict
/// and the offers in it; an offer whose recommendation is the runway case is marked so.
pub fn matrix_figure(report: &Report, words: &Words) -> String {
    let offers = placed(report);
    let head_w = 56.0;
    let col_w = (WIDTH - head_w - 4.0) / 3.0;
    let line_h = 13.0;
    let verdict_lines: Vec<Vec<Vec<String>>> = ROLES
        .iter()
        .map(|role| {
            GAPS.iter()
                .map(|gap| {
                    wrap(
                        Cell {
                            role: *role,
                            gap: *gap,
                        }
                        .verdict(),
                        col_w - 10.0,
                        FONT,
                    )
                })
                .collect()
        })
        .collect();
    let in_cell = |role: Strength, gap: GapSize| -> Vec<&(&Section, &OfferAnalysis, Cell)> {
        offers
            .iter()
            .filter(|(_, _, c)| c.role == role && c.gap == gap)
            .collect()
    };
    let row_h: Vec<f64> = ROLES
        .iter()
        .enumerate()
        .map(|(r, role)| {
            let most_lines = verdict_lines[r].iter().map(Vec::len).max().unwrap_or(1);
            let names_h = GAPS
                .iter()
                .map(|g| {
                    in_cell(*role, *g)
                        .iter()
                        .map(|(s, _, _)| {
                            let name = format!("● {} *", words.say(s.display_name()));
                            3.0 + 13.0 * name_lines(&name, col_w - 10.0).len() as f64
                        })
                        .sum::<f64>()
                })
                .fold(0.0, f64::max);
            12.0 + line_h * most_lines as f64 + 6.0 + names_h + 6.0
        })
        .collect();
    let top = 24.0;
    let height = top + row_h.iter().sum::<f64>() + 4.0;
    let mut svg = Svg::new(WIDTH, height);
    for (g, gap) in GAPS.iter().enumerate() {
        let x = head_w + col_w * g as f64;
        svg.text(
            x + col_w / 2.0,
            16.0,
            Anchor::Middle,
            "label",
            gap_heading(*gap),
        );
    }
    let mut y = top;
    let mut overridden = false;
    for (r, role) in ROLES.iter().enumerate() {
        svg.text(4.0, y + 16.0, Anchor::Start, "label", role_heading(*role));
        svg.text(4.0, y + 30.0, Anchor::Start, "label", "role");
        for (g, gap) in GAPS.iter().enumerate() {
            let x = head_w + col_w * g as f64;
            let here = in_cell(*role, *gap);
            let class = if here.is_empty() {
                "cell"
            } else {
                "cell occupied"
            };
            svg.rect(x + 1.0, y + 1.0, col_w - 2.0, row_h[r] - 2.0, class);
            let mut ty = y + 14.0;
            for line in &verdict_lines[r][g] {
                svg.text(x + 5.0, ty, Anchor::Start, "verdict", line);
                ty += line_h;
            }
            ty += 8.0;
            for (section, a, _) in here {
                let runway = matches!(a.recommendation, Recommendation::Runway { .. });
                overridden |= runway;
                let name = format!(
                    "● {}{}",
                    words.say(section.display_name()),
                    if runway { " *" } else { "" }
                );
                for line in name_lines(&name, col_w - 10.0) {
                    svg.text(x + 5.0, ty, Anchor::Start, "offer-name", &line);
                    ty += 13.0;
                }
                ty += 3.0;
            }
        }
        y += row_h[r];
    }
    let placements: Vec<String> = offers
        .iter()
        .map(|(s, _, c)| format!("{} is in {}", words.say(s.display_name()), c.name()))
        .collect();
    let desc = if placements.is_empty() {
        "The walk-away matrix: role strength against the gap to your floor. No offer is placed yet."
            .to_string()
    } else {
        format!(
            "The walk-away matrix: role strength against the gap to your floor. {}.",
            placements.join("; ")
        )
    };
    let title = "The walk-away matrix";
    let chart = svg.finish("matrix", title, &desc);
    let rows: Vec<Vec<String>> = offers
        .iter()
        .map(|(s, a, c)| {
            let mut advice = format!("{}: {}", c.name(), c.verdict());
            if matches!(a.recommendation, Recommendation::Runway { .. }) {
                advice.push_str(" — overridden by the runway case");
            }
            vec![
                words.say(s.display_name()),
                a.role.explain(),
                a.gap.map_or_else(String::new, |g| {
                    if g.is_below() {
                        format!("{} below", g.percent_text())
                    } else {
                        "meets it".into()
                    }
                }),
                advice,
            ]
        })
        .collect();
    let mut out = figure(
        "matrix",
        title,
        &chart,
        &table(
            title,
            &["Offer", "Role", "Against your floor", "Cell"],
            &rows,
        ),
    );
    if overridden {
        out.push_str("<p>* The runway case is this offer's recommendation: it comes before the matrix cell (see the offer above).</p>");
    }
    let unplaced: Vec<String> = report
        .analysis
        .offers
        .iter()
        .filter(|a| !a.situation.settled() && a.cell.is_none())
        .filter(|a| report.journal.sections[a.section].has_offer_data())
        .map(|a| {
            let s = &report.journal.sections[a.section];
            let missing = match (a.role.verdict.is_some(), a.gap.is_some()) {
                (false, false) => {
                    "rate the role (scope, manager, team, growth…) and give it a floor and a base"
                }
                (false, true) => "rate the role (scope, manager, team, growth…)",
                (true, false) => "a floor and a base in one currency (or an exchange-rate)",
                (true, true) => "",
            };
            format!(
                "<li>{}: {missing}</li>",
                escape(&words.say(s.display_name()))
            )
        })
        .collect();
    if !unplaced.is_empty() {
        out.push_str(&format!(
            "<p>Not placed yet, and what it needs:</p><ul>{}</ul>",
            unplaced.concat()
        ));
    }
    out
}

/// One dated thing on the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub date: NaiveDate,
    /// The offer's name, or empty for the profile's own date.
    pub offer: String,
    pub what: String,
}

/// Decision dates, the companies' deadlines, decisions made and reviews, in date order.
pub fn events(report: &Report) -> Vec<Event> {
    let journal = &report.journal;
    let mut out = Vec::new();
    let mut profile_dates = Vec::new();
    for a in &report.analysis.offers {
        let s = &journal.sections[a.section];
        if !s.has_offer_data() {
            continue;
        }
        let name = s.display_name().to_string();
        if let Some(d) = a.decision_date.filter(|_| a.situation.advisable()) {
            if d.from_profile {
                if !profile_dates.contains(&d.value) {
                    profile_dates.push(d.value);
                    out.push(Event {
                        date: d.value,
                        offer: String::new(),
                        what: Kind::DecisionDate.words().into(),
                    });
                }
            } else {
                out.push(Event {
                    date: d.value,
                    offer: name.clone(),
                    what: Kind::DecisionDate.words().into(),
                });
            }
        }
        if let Some(e) = s.expires.as_ref() {
            out.push(Event {
                date: e.value,
                offer: name.clone(),
                what: format!("their deadline: {}", Kind::Expires.words()),
            });
        }
        for d in &s.decisions {
            if let Some(date) = d.value.date {
                out.push(Event {
                    date,
                    offer: name.clone(),
                    what: format!("decided: {}", d.value.verdict.name()),
                });
            }
        }
        if let Some(r) = s.review.as_ref() {
            out.push(Event {
                date: r.value,
                offer: name.clone(),
                what: format!("{}: {}", Kind::Review.words(), review_fragment()),
            });
        }
    }
    out.sort_by_key(|e| e.date);
    out
}

/// The timeline, one row per date, today marked among them.
pub fn timeline_figure(report: &Report, words: &Words) -> String {
    let list = events(report);
    if list.is_empty() {
        return "<p class=\"missing\">No dates yet: add <code>decision-date:</code>, an offer's <code>expires:</code>, or a <code>review:</code> date.</p>".into();
    }
    let today = report.analysis.today;
    let axis_x = 80.0;
    let label_w = WIDTH - axis_x - 16.0;
    let today_at = list
        .iter()
        .position(|e| e.date >= today)
        .unwrap_or(list.len());
    let labels: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let label = if e.offer.is_empty() {
                e.what.clone()
            } else {
                format!("{} — {}", words.say(&e.offer), e.what)
            };
            let shown = if e.date < today {
                format!("{label} (past)")
            } else {
                label
            };
            wrap(&shown, label_w, FONT + 1.0)
        })
        .collect();
    let row_h = |lines: usize| 8.0 + 14.0 * lines as f64;
    let height = 16.0 + row_h(1) + labels.iter().map(|l| row_h(l.len())).sum::<f64>();
    let mut svg = Svg::new(WIDTH, height);
    svg.line(axis_x, 6.0, axis_x, height - 6.0, "axis");
    let mut y = 22.0;
    let mut descs = Vec::new();
    for i in 0..=list.len() {
        if i == today_at {
            svg.line(4.0, y + 5.0, WIDTH - 4.0, y + 5.0, "today");
            svg.text(axis_x - 8.0, y, Anchor::End, "today-label", "today");
            svg.text(
                axis_x + 12.0,
                y,
                Anchor::Start,
                "today-label",
                &today.to_string(),
            );
            y += row_h(1);
        }
        let (Some(e), Some(lines)) = (list.get(i), labels.get(i)) else {
            continue;
        };
        let past = e.date < today;
        let class = if past { "event past" } else { "event" };
        svg.text(axis_x - 8.0, y, Anchor::End, class, &e.date.to_string());
        let dot = if past { "dot past" } else { "dot" };
        svg.marker(super::svg::Shape::Circle, axis_x, y - 4.0, 4.0, dot);
        for (k, line) in lines.iter().enumerate() {
            svg.text(
                axis_x + 12.0,
                y + 14.0 * k as f64,
                Anchor::Start,
                class,
                line,
            );
        }
        descs.push(format!("{}: {}", e.date, lines.join(" ")));
        y += row_h(lines.len());
    }
    let desc = format!(
        "Dates in order, today ({today}) marked: {}.",
        descs.join("; ")
    );
    let title = "Timeline: decision dates, deadlines and reviews";
    let chart = svg.finish("timeline", title, &desc);
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            vec![
                e.date.to_string(),
                if e.offer.is_empty() {
                    "all offers".into()
                } else {
                    words.say(&e.offer)
                },
                format!("{}{}", e.what, if e.date < today { " (past)" } else { "" }),
            ]
        })
        .collect();
    figure(
        "timeline",
        title,
        &chart,
        &table(title, &["Date", "Offer", "What"], &rows),
    )
}
