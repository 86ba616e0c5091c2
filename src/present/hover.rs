//! What hovering shows, as Markdown: the anchoring projection on an amount, the floor, a
//! counter or a section heading; the classification on a `walk:` line; the next step on
//! `status:`; the rule's explanation on a diagnostic.

use crate::analysis::projection::Projection;
use crate::analysis::reasons::{classify, ReasonClass};
use crate::analysis::{
    format_percent, Gap, GapSize, OfferAnalysis, REENGAGE_MONTHS, REENGAGE_PERCENT,
    WEEKS_TO_COMPARABLE_OFFER,
};
use crate::model::{Basis, Money, Section, Side, Status};
use crate::text::Span;
use crate::Report;
use std::fmt::Write;

/// Hover text for the byte `offset`, and the span it describes.
pub fn hover(text: &str, report: &Report, offset: usize) -> Option<(Span, String)> {
    let offset = crate::text::floor_char_boundary(text, offset);
    let journal = &report.journal;
    let index = journal.section_at(offset);
    let section = journal.sections.get(index)?;
    let offer = report.analysis.offer(index);
    let mut parts = Vec::new();
    let mut span = None;

    if let Some((at, amount)) = amount_at(section, offset) {
        span = Some(at);
        match offer {
            Some(a) => parts.push(projection_for(section, a, amount)?),
            None => parts.push(profile_amount(report, section, at, amount)),
        }
    } else if let Some(heading) = section.heading.filter(|h| h.contains(offset)) {
        span = Some(heading);
        if let Some(a) = offer {
            parts.push(offer_summary(section, a));
        }
    } else if let Some(reason) = section.reasons.iter().find(|r| r.line.contains(offset)) {
        span = Some(reason.line);
        if reason.value.side == Side::Walk {
            parts.push(reason_hover(&reason.value.text, offer));
        }
    } else if let Some(status) = section.status.as_ref().filter(|s| s.line.contains(offset)) {
        span = Some(status.line);
        parts.push(status_hover(section, status.value, offer));
    }

    // the explanation of every diagnostic on this line
    let line_start = text[..offset.min(text.len())]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let line_end = text[offset.min(text.len())..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    let mut explained = Vec::new();
    for d in &report.diagnostics {
        if d.span.start <= line_end && d.span.end >= line_start && !explained.contains(&d.code) {
            explained.push(d.code);
            let numbers = report
                .analysis
                .offer(d.section)
                .map_or(report.analysis.numbers, |a| a.numbers());
            parts.push(format!(
                "**`{}`** — {}",
                d.code,
                d.code.rule().explanation(&numbers)
            ));
            span.get_or_insert(Span::new(line_start, line_end));
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some((span?, parts.join("\n\n---\n\n")))
}

/// The amount under the cursor: base, a counter's asked/got, sign-on, floor, wish.
fn amount_at(section: &Section, offset: usize) -> Option<(Span, Money)> {
    let fields = [
        section.base.as_ref().map(|f| (f.line, f.value)),
        section.floor.as_ref().map(|f| (f.line, f.value.amount)),
        section.wish.as_ref().map(|f| (f.line, f.value.amount)),
    ];
    if let Some((line, money)) = fields
        .into_iter()
        .flatten()
        .find(|(line, _)| line.contains(offset))
    {
        return Some((line, money));
    }
    for counter in &section.counters {
        if !counter.line.contains(offset) {
            continue;
        }
        // hovering the `asked` half shows what accepting the ask would mean
        return match (counter.value.got, counter.value.got_span) {
            (Some(got), Some(got_span)) if offset >= got_span.start.saturating_sub(5) => {
                Some((counter.line, got))
            }
            _ => Some((counter.line, counter.value.asked)),
        };
    }
    None
}

/// The gap if the person accepted `amount` as base.
fn gap_for(section: &Section, a: &OfferAnalysis, amount: Money) -> Option<Gap> {
    let floor = a.floor?.value;
    let current = a.gap?;
    let measured = match floor.basis {
        Basis::Base => amount,
        Basis::Total => {
            let comp = a.comp?;
            // the same package around a different base (a percent bonus scales with it)
            let bonus = match section.bonus.as_ref().and_then(|b| b.value) {
                Some(crate::model::Bonus::Percent(p)) => amount.percent_of(p.0),
                _ => comp.bonus,
            };
            amount
                .checked_add(bonus)?
                .checked_add(comp.equity_per_year)?
        }
    };
    if measured.currency != floor.amount.currency {
        return None;
    }
    let shortfall = Money::new(floor.amount.minor - measured.minor, floor.amount.currency);
    let size = if shortfall.minor <= 0 {
        GapSize::None
    } else if shortfall.minor * 100 <= floor.amount.minor * 5 {
        GapSize::Small
    } else {
        GapSize::Big
    };
    Some(Gap {
        floor: floor.amount,
        basis: floor.basis,
        measured,
        shortfall,
        size: if current.size == GapSize::None && size == GapSize::None {
            GapSize::None
        } else {
            size
        },
    })
}

fn projection_for(section: &Section, a: &OfferAnalysis, amount: Money) -> Option<String> {
    let name = section.display_name();
    let Some(gap) = gap_for(section, a, amount) else {
        let mut out = format!("**{name} · {amount}**\n\n");
        if let Some(comp) = a.comp {
            let _ = write!(
                out,
                "Total comp: **{}** a year at steady state, {} in year 1.\n\n",
                comp.steady, comp.year_one
            );
        }
        out.push_str("Add a `floor:` to see what accepting this number costs you over the years it anchors you.");
        return Some(out);
    };
    let projection = Projection::new(gap, a.raise_rate, a.anchor_years.high.max(1));
    Some(projection_markdown(name, &gap, &projection, a))
}

/// The table, the bar chart, the cumulative cost, the anchor and the cost of walking.
pub fn projection_markdown(
    name: &str,
    gap: &Gap,
    projection: &Projection,
    a: &OfferAnalysis,
) -> String {
    let mut out = String::new();
    let basis = match gap.basis {
        Basis::Base => "base",
        Basis::Total => "total comp",
    };
    let relation = if gap.is_below() {
        format!("{} below", gap.percent_text())
    } else if gap.shortfall.minor == 0 {
        "right at".to_string()
    } else {
        format!("{} above", format_percent(-gap.percent()))
    };
    let _ = writeln!(
        out,
        "**{name} · {} is {relation} your floor of {}** ({basis}; raises of {} a year)\n",
        gap.measured, gap.floor, projection.raise_rate
    );
    out.push_str("| Year | Theirs | Your floor | Gap | Cumulative |\n|---:|---:|---:|---:|---:|\n");
    for y in &projection.years {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            y.year,
            y.theirs.whole(),
            y.floor.whole(),
            y.gap.whole(),
            y.cumulative.whole()
        );
    }
    // a text bar chart of the cumulative gap
    let widest = projection
        .years
        .iter()
        .map(|y| y.cumulative.minor.abs())
        .max()
        .unwrap_or(0)
        .max(1);
    out.push_str("\n```text\n");
    for y in &projection.years {
        let eighths = (y.cumulative.minor.abs() as i128 * 20 * 8 / widest as i128) as usize;
        let bar = format!(
            "{}{}",
            "█".repeat(eighths / 8),
            ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        );
        let _ = writeln!(out, "year {} {:<21} {}", y.year, bar, y.cumulative.whole());
    }
    out.push_str("```\n\n");
    let (low, high) = (a.anchor_years.low, a.anchor_years.high);
    let at = |n: u32| projection.cumulative_at(n).map(|m| m.whole().to_string());
    if gap.is_below() {
        let mut costs = Vec::new();
        for n in [low, high] {
            if let Some(c) = at(n) {
                if !costs.iter().any(|(m, _)| *m == n) {
                    costs.push((n, c));
                }
            }
        }
        let words: Vec<String> = costs
            .iter()
            .map(|(n, c)| format!("**{c}** over {n} year{}", if *n == 1 { "" } else { "s" }))
            .collect();
        let _ = writeln!(
            out,
            "Accepting this number costs you {} against your floor.\n",
            words.join(" and ")
        );
    } else {
        let _ = writeln!(
            out,
            "This number meets your floor: the gap is in your favour.\n"
        );
    }
    let _ = writeln!(
        out,
        "The number you accept anchors you for {low}–{high} years: raises are a percentage of it, recruiters calibrate to it, and your next negotiation's anchor starts from it.\n"
    );
    let (wl, wh) = WEEKS_TO_COMPARABLE_OFFER;
    let (pl, ph) = REENGAGE_PERCENT;
    let (ml, mh) = REENGAGE_MONTHS;
    let _ = write!(
        out,
        "Walking costs time too: plan on {wl}–{wh} weeks to a comparable offer. About {pl}–{ph}% of walk-aways re-engage within {ml}–{mh} months."
    );
    out
}

fn offer_summary(section: &Section, a: &OfferAnalysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### {}\n", section.display_name());
    if let Some(comp) = a.comp {
        let _ = writeln!(
            out,
            "Total comp **{}**/yr at steady state ({} base + {} bonus + {} equity), **{}** in year 1 with sign-on.\n",
            comp.steady, comp.base, comp.bonus, comp.equity_per_year, comp.year_one
        );
    }
    if let Some(cell) = a.cell {
        let _ = writeln!(
            out,
            "**{}** ({}): {}.\n",
            cell.name(),
            a.role.explain(),
            cell.advice()
        );
    }
    match (a.gap, a.projection()) {
        (Some(gap), Some(projection)) => out.push_str(&projection_markdown(section.display_name(), &gap, &projection, a)),
        _ => out.push_str("Add a `floor:` and a `base:` to see what this offer costs you over the years it anchors you."),
    }
    out
}

fn profile_amount(report: &Report, section: &Section, at: Span, amount: Money) -> String {
    let is_floor = section.floor.as_ref().is_some_and(|f| f.line == at);
    let mut out = String::new();
    if is_floor {
        let _ = writeln!(out, "**Your floor: {amount}.** Not your wish number — the least you'd take. Every offer is measured against it.\n");
        let mut rows = String::new();
        for a in &report.analysis.offers {
            let s = &report.journal.sections[a.section];
            if let (Some(gap), Some(p)) = (a.gap, a.projection()) {
                let two = p
                    .cumulative_at(a.anchor_years.low)
                    .map(|m| m.whole().to_string())
                    .unwrap_or_default();
                let four = p
                    .cumulative_at(a.anchor_years.high)
                    .map(|m| m.whole().to_string())
                    .unwrap_or_default();
                let rel = if gap.is_below() {
                    format!("{} below", gap.percent_text())
                } else {
                    "meets it".into()
                };
                let _ = writeln!(
                    rows,
                    "| {} | {} | {rel} | {two} | {four} |",
                    s.display_name(),
                    gap.measured
                );
            }
        }
        if !rows.is_empty() {
            out.push_str("| Offer | Live number | Against the floor | Cost, 2 yrs | Cost, 4 yrs |\n|---|---:|---|---:|---:|\n");
            out.push_str(&rows);
        }
    } else {
        let _ = write!(
            out,
            "**Your wish: {amount}.** The number you'd love — never a reason to walk by itself."
        );
    }
    out
}

fn reason_hover(text: &str, offer: Option<&OfferAnalysis>) -> String {
    let c = classify(text);
    let mut label = c.class.label().to_string();
    // the rules add what the text alone can't know
    match (c.class, offer) {
        (ReasonClass::WishNotFloor, Some(a)) if a.gap.is_some_and(|g| g.is_below()) => {
            label = "under your wish and your floor — the floor part is a real reason".into();
        }
        (ReasonClass::SlowProcess, Some(a))
            if a.role.verdict != Some(crate::analysis::Strength::Strong) =>
        {
            label = "a slow process — and the role doesn't rate strong, so it weighs more".into();
        }
        _ => {}
    }
    let verdict = if c.class.is_real() {
        "A real reason to walk."
    } else if c.class.rule_code().is_some() {
        "It feels like a reason, but doesn't hold up on its own."
    } else {
        "Not recognised as either — write the concrete fact if there is one."
    };
    format!(
        "**Walk reason: {label}.** {verdict}\n\nWhy: {}",
        c.explain(text)
    )
}

fn status_hover(section: &Section, status: Status, offer: Option<&OfferAnalysis>) -> String {
    let name = section.display_name();
    let next = match status {
        Status::Live => {
            let cell = offer.and_then(|a| a.cell).map(|c| format!(" The matrix says: {}.", c.advice())).unwrap_or_default();
            format!("{name} is live. Set a decision date and decide on it, not before; counter once with a specific number, ideally on total comp.{cell}")
        }
        Status::Current => format!("{name} is your current job: the baseline every offer has to beat."),
        Status::Accepted | Status::Signed => format!("You've said yes to {name}. If you're reconsidering: slow down, set a decision date, get any new offer in writing first, and if you do walk, call before you email."),
        Status::Started => format!("You've started at {name}. If you leave, give two weeks' notice with a transition plan."),
        Status::Declined => format!("You declined {name}. Keep the relationship warm: about 15–20% of walk-aways re-engage within 6–18 months — a `review:` date helps."),
        Status::Withdrawn => format!("{name} was withdrawn. Note why, if you know it, for your next search."),
        Status::Rescinded => format!("{name} rescinded the offer. It happens — it's a business decision, as yours would be."),
    };
    format!("**Status: {}.** {next}", status.name())
}
