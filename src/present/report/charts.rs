//! The report's charts of money over time: one offer's total comp year by year against the
//! floor, the cumulative anchoring cost of every offer, and the runway with the weeks a walk
//! costs. Each returns a `<figure>`: the drawing and a table that says the same in text. The
//! figures are the analysis' own (`analysis::years`, `OfferAnalysis::projection`,
//! `analysis::runway`), worded as the hover words them.

use super::redact::Words;
use super::svg::{escape, fit, Anchor, Shape, Svg};
use super::{figure, table};
use crate::analysis::years::{Years, YEARS_SHOWN};
use crate::analysis::{convert, offer_years, runway, OfferAnalysis, WEEKS_TO_COMPARABLE_OFFER};
use crate::model::{Basis, Money, Section};
use crate::Report;

/// The drawing's width in its own units; the page scales it to the column.
pub const WIDTH: f64 = 400.0;
/// The size of chart text, in drawing units (the page's CSS gives `svg text` the same).
const FONT: f64 = 12.0;

/// The floor, in the offer's currency, and what it is measured on.
pub struct FloorLine {
    pub amount: Money,
    pub basis: Basis,
}

/// The offer's floor in the currency of its years, when it can be converted.
pub fn floor_line(report: &Report, section: &Section, a: &OfferAnalysis) -> Option<FloorLine> {
    let floor = a.floor?.value;
    let years = a.years(&report.journal)?;
    let amount = convert(
        &report.journal,
        section,
        floor.amount,
        years.steady.currency,
    )?;
    Some(FloorLine {
        amount,
        basis: floor.basis,
    })
}

fn basis_name(basis: Basis) -> &'static str {
    match basis {
        Basis::Base => "base",
        Basis::Total => "total comp",
    }
}

/// Whether year `y` is below the floor, on the floor's basis (`Years::below`, as the hover
/// and the rules ask it).
fn year_below(years: &Years, year: u32, floor: &FloorLine) -> bool {
    years
        .below(floor.amount, floor.basis, YEARS_SHOWN)
        .contains(&year)
}

/// One offer's total comp for years 1–4: stacked bars (base, then the rest), the floor as a
/// labelled dashed line, each year marked below or at/above it in text.
pub fn years_figure(
    report: &Report,
    section: &Section,
    a: &OfferAnalysis,
    words: &Words,
    id: &str,
) -> String {
    let name = words.say(section.display_name());
    let Some(years) = offer_years(&report.journal, a, YEARS_SHOWN) else {
        return format!(
            "<p class=\"missing\">{}</p>",
            escape(&words.say(&format!(
                "No year-by-year figures for {}: add its `base:` (and `bonus:`, `equity:` if it has them), with an `exchange-rate:` for amounts in another currency.",
                section.display_name()
            )))
        );
    };
    let floor = floor_line(report, section, a);
    let (top, bottom, left, right) = (46.0, 58.0, 8.0, 44.0);
    let height = 240.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let highest = years
        .years
        .iter()
        .map(|y| y.total.minor)
        .chain(floor.as_ref().map(|f| f.amount.minor))
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let scale = |minor: i64| plot_h * (minor.max(0) as f64) / highest;
    let mut svg = Svg::new(WIDTH, height);
    svg.line(left, top + plot_h, left + plot_w, top + plot_h, "axis");
    let slot = plot_w / years.years.len().max(1) as f64;
    for (i, y) in years.years.iter().enumerate() {
        let x = left + slot * i as f64 + slot * 0.18;
        let w = slot * 0.64;
        let below = floor
            .as_ref()
            .is_some_and(|f| year_below(&years, y.year, f));
        let tone = if below { "below" } else { "meets" };
        let base_h = scale(y.base.minor);
        let total_h = scale(y.total.minor).max(base_h);
        svg.rect(
            x,
            top + plot_h - total_h,
            w,
            total_h - base_h,
            &format!("bar rest {tone}"),
        );
        svg.rect(
            x,
            top + plot_h - base_h,
            w,
            base_h,
            &format!("bar base {tone}"),
        );
        // under each bar: the year, its total, and where it stands against the floor
        svg.text(
            x + w / 2.0,
            top + plot_h + 15.0,
            Anchor::Middle,
            "label",
            &format!("Year {}", y.year),
        );
        svg.text(
            x + w / 2.0,
            top + plot_h + 29.0,
            Anchor::Middle,
            "value",
            &fit(&words.money(y.total), slot, FONT - 1.0),
        );
        if floor.is_some() {
            let mark = if below { "▼ below" } else { "at/above" };
            svg.text(
                x + w / 2.0,
                top + plot_h + 44.0,
                Anchor::Middle,
                &format!("mark {tone}"),
                mark,
            );
        }
    }
    if let Some(f) = floor.as_ref() {
        let fy = top + plot_h - scale(f.amount.minor);
        svg.line(left, fy, left + plot_w + 4.0, fy, "floor");
        svg.text(
            left + plot_w + 6.0,
            fy + 4.0,
            Anchor::Start,
            "floor-label",
            "floor",
        );
    }
    // the legend: what the two parts of a bar are
    svg.rect(left, 8.0, 10.0, 10.0, "bar base meets");
    svg.text(left + 14.0, 17.0, Anchor::Start, "legend", "base");
    svg.rect(left + 52.0, 8.0, 10.0, 10.0, "bar rest meets");
    svg.text(
        left + 66.0,
        17.0,
        Anchor::Start,
        "legend",
        "bonus, equity, sign-on",
    );
    if let Some(f) = floor.as_ref() {
        // the floor's entry on a line of its own, so a long amount never meets the bars' entries
        svg.line(left, 29.0, left + 22.0, 29.0, "floor");
        svg.text(
            left + 28.0,
            33.0,
            Anchor::Start,
            "legend",
            &fit(
                &words.say(&format!(
                    "your floor {} ({})",
                    f.amount,
                    basis_name(f.basis)
                )),
                WIDTH - left - 28.0,
                FONT,
            ),
        );
    }
    let totals: Vec<String> = years
        .years
        .iter()
        .map(|y| format!("year {} {}", y.year, words.money(y.total)))
        .collect();
    // without a floor line, what it needs
    let no_floor = if a.floor.is_some() {
        "Your floor is in another currency: add an `exchange-rate:` line to draw it against these years."
    } else {
        "No floor to draw: add `floor:` to your profile."
    };
    let floor_words = floor.as_ref().map_or_else(
        || format!(" {no_floor}"),
        |f| {
            let below: Vec<String> = years
                .years
                .iter()
                .filter(|y| year_below(&years, y.year, f))
                .map(|y| format!("year {}", y.year))
                .collect();
            format!(
                " Your floor of {} ({}) is a dashed line; {}.",
                words.money(f.amount),
                basis_name(f.basis),
                if below.is_empty() {
                    "every year is at or above it".to_string()
                } else {
                    format!("below it: {}", below.join(", "))
                }
            )
        },
    );
    let desc = format!(
        "Bars of total comp a year, base at the bottom: {}.{floor_words}",
        totals.join(", ")
    );
    let chart = svg.finish(id, &format!("{name}: total comp year by year"), &desc);
    let mut head = vec![
        "Year",
        "Base",
        "Bonus",
        "Equity",
        "Sign-on & relocation",
        "Total",
    ];
    if years.expected_refresher {
        head.push("With expected refresher");
    }
    if floor.is_some() {
        head.push("Against your floor");
    }
    let rows: Vec<Vec<String>> = years
        .years
        .iter()
        .map(|y| {
            let mut row = vec![
                y.year.to_string(),
                words.money(y.base),
                words.money(y.bonus),
                words.money(y.equity),
                words.money(y.one_off),
                words.money(y.total),
            ];
            if years.expected_refresher {
                row.push(words.money(y.with_refresher));
            }
            if let Some(f) = floor.as_ref() {
                row.push(
                    if year_below(&years, y.year, f) {
                        "below"
                    } else {
                        "at or above"
                    }
                    .into(),
                );
            }
            row
        })
        .collect();
    let mut notes = format!(
        "<p>Raises at {}. Steady state: <strong>{}</strong> a year.",
        escape(&a.raise_rate.to_string()),
        escape(&words.money(years.steady))
    );
    if years.expected_refresher {
        notes.push_str(" Refreshers are shown as expected, not counted against your floor: the line doesn't say <code>guaranteed</code>.");
    }
    if floor.is_none() {
        notes.push_str(&format!(" {}", escape(no_floor)));
    }
    notes.push_str("</p>");
    notes.push_str(&benefits(section, &years, words));
    format!(
        "{}{notes}",
        figure(
            id,
            &format!("{name}: total comp year by year"),
            &chart,
            &table(&format!("{name}: total comp year by year"), &head, &rows),
        )
    )
}

/// The benefits, beside total comp and never in it, as the hover lists them.
fn benefits(section: &Section, years: &Years, words: &Words) -> String {
    let b = years.benefits;
    let mut list = Vec::new();
    if let Some(m) = b.retirement_match {
        list.push(format!("retirement match {} a year", words.money(m)));
    }
    if let (Some(m), Some(pto)) = (b.pto, section.pto.as_ref()) {
        list.push(format!(
            "{} of PTO worth {} (base ÷ 260 a day)",
            pto.value,
            words.money(m)
        ));
    }
    if list.is_empty() {
        return String::new();
    }
    format!(
        "<p class=\"benefits\"><strong>Benefits</strong> (beside total comp, never in it): {}.</p>",
        escape(&list.join("; "))
    )
}

/// The offers the anchoring chart draws: those with a gap to the floor.
fn projected(report: &Report) -> Vec<(&Section, &OfferAnalysis, crate::analysis::Projection)> {
    report
        .analysis
        .offers
        .iter()
        .filter_map(|a| {
            let section = &report.journal.sections[a.section];
            let p = a.projection()?;
            section.has_offer_data().then_some((section, a, p))
        })
        .collect()
}

/// The cumulative gap to the floor over the anchor years, one line per offer (each with its
/// own marker shape), zero marked as your floor.
pub fn anchoring_figure(report: &Report, words: &Words) -> String {
    let offers = projected(report);
    if offers.is_empty() {
        return "<p class=\"missing\">No anchoring cost to draw: it needs a <code>floor:</code> and an offer's <code>base:</code>.</p>".into();
    }
    let horizon = offers
        .iter()
        .map(|(_, _, p)| p.years.len())
        .max()
        .unwrap_or(1)
        .max(1);
    let values = offers
        .iter()
        .flat_map(|(_, _, p)| p.years.iter().map(|y| y.cumulative.whole().minor));
    let (lo, hi) = values.fold((0i64, 1i64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let legend_rows = offers.len() as f64;
    let (top, left, right) = (16.0, 8.0, 16.0);
    let plot_h = 150.0;
    let axis_y = top + plot_h;
    let height = axis_y + 30.0 + legend_rows * 18.0;
    let plot_w = WIDTH - left - right;
    let span = (hi - lo).max(1) as f64;
    let y_of = |v: i64| top + plot_h * (hi - v) as f64 / span;
    let x_of = |year: usize| {
        if horizon == 1 {
            left + plot_w / 2.0
        } else {
            left + 20.0 + (plot_w - 40.0) * (year - 1) as f64 / (horizon - 1) as f64
        }
    };
    let mut svg = Svg::new(WIDTH, height);
    svg.line(left, axis_y, left + plot_w, axis_y, "axis");
    for year in 1..=horizon {
        svg.text(
            x_of(year),
            axis_y + 15.0,
            Anchor::Middle,
            "label",
            &format!("Year {year}"),
        );
    }
    let zero = y_of(0);
    svg.line(left, zero, left + plot_w, zero, "floor");
    svg.text(
        left + 2.0,
        zero - 4.0,
        Anchor::Start,
        "floor-label",
        "your floor: no cost",
    );
    let mut descs = Vec::new();
    for (i, (section, _, p)) in offers.iter().enumerate() {
        let shape = Shape::ALL[i % Shape::ALL.len()];
        let class = format!("series s{}", i % 5);
        let points: Vec<(f64, f64)> = p
            .years
            .iter()
            .map(|y| (x_of(y.year as usize), y_of(y.cumulative.whole().minor)))
            .collect();
        svg.polyline(&points, &format!("{class} line"));
        for (x, y) in &points {
            svg.marker(shape, *x, *y, 4.0, &format!("{class} dot"));
        }
        let name = words.say(section.display_name());
        let last = p.years.last().map(|y| y.cumulative.whole());
        let ly = axis_y + 30.0 + i as f64 * 18.0;
        svg.marker(shape, left + 6.0, ly - 4.0, 4.0, &format!("{class} dot"));
        let text = format!(
            "{name}: {} over {} year{}{}",
            last.map_or_else(String::new, |m| words.money(m)),
            p.years.len(),
            if p.years.len() == 1 { "" } else { "s" },
            if last.is_some_and(|m| m.minor < 0) {
                " (in your favour)"
            } else {
                ""
            }
        );
        svg.text(
            left + 16.0,
            ly,
            Anchor::Start,
            "legend",
            &fit(&text, plot_w - 16.0, FONT),
        );
        descs.push(format!("{} ({}): {text}", name, shape.name()));
    }
    let desc = format!(
        "Cumulative gap to your floor, year by year; above the floor line is money lost against it, below is in your favour. {}.",
        descs.join("; ")
    );
    let title = "The anchoring cost: cumulative gap to your floor";
    let chart = svg.finish("anchoring", title, &desc);
    let mut head: Vec<String> = vec!["Offer".into(), "Live number".into()];
    head.extend((1..=horizon).map(|y| format!("Year {y}")));
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let rows: Vec<Vec<String>> = offers
        .iter()
        .map(|(section, a, p)| {
            let mut row = vec![
                words.say(section.display_name()),
                a.gap.map_or_else(String::new, |g| words.money(g.measured)),
            ];
            row.extend((1..=horizon as u32).map(|n| {
                p.cumulative_at(n)
                    .map_or_else(|| "—".into(), |m| words.money(m.whole()))
            }));
            row
        })
        .collect();
    let sentences: String = offers
        .iter()
        .map(|(section, a, p)| {
            format!(
                "<li>{}</li>",
                escape(&words.say(&cost_sentence(section, a, p)))
            )
        })
        .collect();
    format!(
        "{}<ul class=\"costs\">{sentences}</ul>",
        figure("anchoring", title, &chart, &table(title, &head_refs, &rows))
    )
}

/// "Harbor: accepting $138,000 costs you $24,420 over 2 years and $50,579 over 4 years against
/// your floor." — the hover's figures (`Projection::cumulative_at`, whole units).
pub fn cost_sentence(
    section: &Section,
    a: &OfferAnalysis,
    p: &crate::analysis::Projection,
) -> String {
    let name = section.display_name();
    let Some(gap) = a.gap else {
        return String::new();
    };
    if !gap.is_below() {
        return format!(
            "{name}: {} meets your floor — the gap is in your favour.",
            gap.measured
        );
    }
    let mut costs: Vec<(u32, Money)> = Vec::new();
    for n in [a.anchor_years.low, a.anchor_years.high] {
        if let Some(c) = p.cumulative_at(n) {
            if !costs.iter().any(|(m, _)| *m == n) {
                costs.push((n, c.whole()));
            }
        }
    }
    let words: Vec<String> = costs
        .iter()
        .map(|(n, c)| format!("{c} over {n} year{}", if *n == 1 { "" } else { "s" }))
        .collect();
    format!(
        "{name}: accepting {} costs you {} against your floor.",
        gap.measured,
        words.join(" and ")
    )
}

/// Weeks → months as the walk cost counts them (× 12 / 52).
fn months_of_weeks(weeks: f64) -> f64 {
    weeks * 12.0 / 52.0
}

/// The runway as a bar of months, with the 6–10 weeks a walk costs shaded; or what is
/// missing to draw it.
pub fn runway_figure(report: &Report, words: &Words) -> String {
    let journal = &report.journal;
    let profile = journal.search_profile(journal.current_search());
    let Some(runway) = runway::runway_of(profile) else {
        let missing = match (&profile.savings, &profile.burn) {
            (Some(_), None) => "add <code>burn:</code> (what a month costs you) beside your <code>savings:</code>",
            (None, Some(_)) => "add <code>savings:</code> beside your <code>burn:</code>",
            _ => "add <code>runway:</code> (for example <code>runway: 4 months</code>), or <code>savings:</code> and <code>burn:</code>, to your profile",
        };
        return format!("<p class=\"missing\">No runway to draw yet: {missing}.</p>");
    };
    let (low, high) = WEEKS_TO_COMPARABLE_OFFER;
    let months = months_of_weeks(runway.value.in_weeks());
    let axis_months = months.max(months_of_weeks(high as f64)).ceil().max(1.0);
    let (left, right) = (8.0, 16.0);
    let plot_w = WIDTH - left - right;
    let x_of = |m: f64| left + plot_w * m / axis_months;
    let height = 112.0;
    let (bar_y, bar_h) = (40.0, 26.0);
    let mut svg = Svg::new(WIDTH, height);
    svg.rect(x_of(0.0), bar_y, x_of(months) - x_of(0.0), bar_h, "runway");
    let (wl, wh) = (months_of_weeks(low as f64), months_of_weeks(high as f64));
    svg.rect(
        x_of(wl),
        bar_y - 6.0,
        x_of(wh) - x_of(wl),
        bar_h + 12.0,
        "walk-band",
    );
    svg.line(
        x_of(wl),
        bar_y - 8.0,
        x_of(wl),
        bar_y + bar_h + 8.0,
        "walk-edge",
    );
    svg.line(
        x_of(wh),
        bar_y - 8.0,
        x_of(wh),
        bar_y + bar_h + 8.0,
        "walk-edge",
    );
    // the band's label starts at the band, moved left as far as it must to stay in the drawing
    let band_label = format!("a walk: {low}–{high} weeks to a comparable offer");
    let label_x = x_of(wl)
        .min(WIDTH - right - super::svg::text_width(&band_label, FONT))
        .max(left);
    svg.text(label_x, bar_y - 12.0, Anchor::Start, "legend", &band_label);
    let step = (axis_months / 8.0).ceil().max(1.0);
    let mut m = 0.0;
    while m <= axis_months + 1e-9 {
        svg.line(x_of(m), bar_y + bar_h, x_of(m), bar_y + bar_h + 5.0, "axis");
        svg.text(
            x_of(m),
            bar_y + bar_h + 18.0,
            Anchor::Middle,
            "label",
            &format!("{m:.0}"),
        );
        m += step;
    }
    svg.text(
        left,
        height - 6.0,
        Anchor::Start,
        "label",
        &format!("months · your runway: {}", runway.value),
    );
    let cost = runway::walk_cost(profile);
    let cost_words = cost.map(|c| words.say(&c.sentence()));
    let desc = format!(
        "A bar of your runway, {}, in months; the {low}–{high} weeks a walk takes to a comparable offer are shaded from its start.{}",
        runway.value,
        cost_words
            .as_ref()
            .map_or_else(String::new, |c| format!(" In money: {c}."))
    );
    let title = "Your runway, and what a walk costs";
    let chart = svg.finish("runway", title, &desc);
    let source = match (&profile.runway, &profile.savings, &profile.burn) {
        (None, Some(s), Some(b)) => words.say(&format!("{} ÷ {} a month", s.value, b.value)),
        _ => "your runway: line".to_string(),
    };
    let mut rows = vec![
        vec!["Runway".to_string(), format!("{} ({source})", runway.value)],
        vec![
            "A walk".to_string(),
            format!("{low}–{high} weeks to a comparable offer"),
        ],
    ];
    if let Some(c) = cost_words {
        rows.push(vec!["A walk, in money".into(), c]);
    } else {
        rows.push(vec![
            "A walk, in money".into(),
            "add burn: (what a month costs you) to see it".into(),
        ]);
    }
    figure(
        "runway",
        title,
        &chart,
        &table(title, &["What", "Amount"], &rows),
    )
}
