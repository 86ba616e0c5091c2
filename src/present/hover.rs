//! What hovering shows, as Markdown: the anchoring projection on an amount, the floor, a
//! counter or a section heading; the classification on a `walk:` line; the next step on
//! `status:`; the rule's explanation on a diagnostic.

use crate::analysis::advice::Recommendation;
use crate::analysis::projection::Projection;
use crate::analysis::reasons::{
    classify, people_of, Classification, Context, ReasonClass, NOT_YET_COUNTER_FIRST,
};
use crate::analysis::{
    format_percent, gap_between, Gap, GapSize, OfferAnalysis, REENGAGE_MONTHS, REENGAGE_PERCENT,
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
        if let Some(extras) = counter_extras(text, section, offset) {
            parts.push(extras);
        }
        if let Some(a) = offer {
            parts.push(super::years::years_markdown(report, section, a));
        }
    } else if let (Some(plan), Some(a)) = (
        section.plan.as_ref().filter(|p| p.line.contains(offset)),
        offer,
    ) {
        span = Some(plan.line);
        parts.extend(super::years::plan_markdown(report, section, a));
    } else if let (Some(line), Some(a)) = (fuller_line(section, offset), offer) {
        span = Some(line);
        parts.push(super::years::years_markdown(report, section, a));
    } else if let Some(line) = [&section.savings, &section.burn]
        .into_iter()
        .flatten()
        .map(|f| f.line)
        .find(|line| line.contains(offset))
    {
        span = Some(line);
        parts.extend(super::years::runway_markdown(section));
    } else if let Some(heading) = section.heading.filter(|h| h.contains(offset)) {
        span = Some(heading);
        if let Some(a) = offer {
            parts.push(offer_summary(section, a));
            parts.push(super::years::years_markdown(report, section, a));
        }
        parts.extend(history_markdown(report, index));
    } else if let Some((i, reason)) = section
        .reasons
        .iter()
        .enumerate()
        .find(|(_, r)| r.line.contains(offset))
    {
        span = Some(reason.line);
        if reason.value.side == Side::Walk {
            // the analysis' own classification; a profile's walk line belongs to no offer
            let analysed = offer.and_then(|a| a.reasons.iter().find(|(r, _)| *r == i));
            let alone;
            let c = match analysed {
                Some((_, c)) => c,
                None => {
                    alone = classify(&reason.value.text);
                    &alone
                }
            };
            let people = people_of(section);
            let context = Context { people: &people };
            parts.push(reason_hover(&reason.value.text, c, &context, offer));
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

/// A line of the package whose hover is the years: equity, refresher, sign-on, relocation,
/// retirement match, bonus, PTO, the company's deadline.
fn fuller_line(section: &Section, offset: usize) -> Option<Span> {
    [
        section.equity.as_ref().map(|f| f.line),
        section.refresher.as_ref().map(|f| f.line),
        section.sign_on.as_ref().map(|f| f.line),
        section.relocation.as_ref().map(|f| f.line),
        section.retirement_match.as_ref().map(|f| f.line),
        section.bonus.as_ref().map(|f| f.line),
        section.pto.as_ref().map(|f| f.line),
        section.expires.as_ref().map(|f| f.line),
        section.clawback.as_ref().map(|f| f.line),
    ]
    .into_iter()
    .flatten()
    .find(|line| line.contains(offset))
}

/// What a counter line says beyond its two base amounts (`plus a $15k sign-on`), quoted as
/// written: it is part of the round, but not of the figures.
fn counter_extras(text: &str, section: &Section, offset: usize) -> Option<String> {
    let counter = section.counters.iter().find(|c| c.line.contains(offset))?;
    let quote = |span: Option<Span>| span.map(|s| format!("“{}”", s.of(text)));
    let said = match (
        quote(counter.value.asked_extra),
        quote(counter.value.got_extra),
    ) {
        (Some(asked), Some(got)) => format!("the ask was {asked} and the answer {got}"),
        (Some(asked), None) => format!("the ask was {asked}"),
        (None, Some(got)) => format!("the answer was {got}"),
        (None, None) => return None,
    };
    Some(format!(
        "Beyond the base, {said}: kept as you wrote it, not counted in the figures above."
    ))
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
    let gap = gap_between(floor, measured, a.small_gap);
    Some(Gap {
        size: if current.size == GapSize::None && gap.size == GapSize::None {
            GapSize::None
        } else {
            gap.size
        },
        ..gap
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
        "The number you accept anchors you for {}: raises are a percentage of it, recruiters calibrate to it, and your next negotiation's anchor starts from it.\n",
        a.numbers().anchor_years_text()
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

/// What the section's company did before, in the words `same-company-again` uses.
fn history_markdown(report: &Report, index: usize) -> Option<String> {
    let at = report
        .before
        .binary_search_by_key(&index, |b| b.section)
        .ok()?;
    let before = &report.before[at];
    let mut out = String::from(
        "**History with this company**

",
    );
    if let Some(walked) = &before.walked {
        let _ = writeln!(out, "{}.", crate::history::walked_again(walked));
    }
    if let Some(last) = before
        .last
        .as_ref()
        .filter(|l| Some(*l) != before.walked.as_ref())
    {
        let _ = writeln!(out, "\nLast time: {}.", last.sentence());
    }
    Some(out.trim_end().to_string())
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
    // the offer's one recommendation (SPEC §2.0), as the rules and `compare` state it: the
    // matrix cell only when it is the advice, never beside a runway case that overrides it
    match a.recommendation {
        Recommendation::Matrix(cell) => {
            let _ = writeln!(
                out,
                "**{}** ({}): {}.\n",
                cell.name(),
                a.role.explain(),
                cell.advice()
            );
        }
        Recommendation::Runway { .. } => {
            if let Some(sentence) = a.recommendation.sentence(&a.numbers()) {
                let _ = writeln!(out, "**{sentence}**\n");
            }
        }
        Recommendation::None => {}
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
        // the columns are the journal's anchor years, and so are the rows' numbers
        let years = report.analysis.numbers.anchor_years;
        let mut columns = vec![years.low];
        if years.high != years.low {
            columns.push(years.high);
        }
        let mut rows = String::new();
        for a in &report.analysis.offers {
            let s = &report.journal.sections[a.section];
            if let (Some(gap), Some(p)) = (a.gap, a.projection()) {
                let costs: String = columns
                    .iter()
                    .map(|&n| {
                        let cost = p.cumulative_at(n).map(|m| m.whole().to_string());
                        format!(" {} |", cost.unwrap_or_default())
                    })
                    .collect();
                let rel = if gap.is_below() {
                    format!("{} below", gap.percent_text())
                } else {
                    "meets it".into()
                };
                let _ = writeln!(
                    rows,
                    "| {} | {} | {rel} |{costs}",
                    s.display_name(),
                    gap.measured
                );
            }
        }
        if !rows.is_empty() {
            let heads: String = columns
                .iter()
                .map(|n| format!(" Cost, {n} yr{} |", if *n == 1 { "" } else { "s" }))
                .collect();
            let _ = writeln!(
                out,
                "| Offer | Live number | Against the floor |{heads}\n|---|---:|---|{}",
                "---:|".repeat(columns.len())
            );
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

fn reason_hover(
    text: &str,
    c: &Classification,
    context: &Context,
    offer: Option<&OfferAnalysis>,
) -> String {
    let (label, verdict) = reason_verdict(c, offer);
    format!(
        "**Walk reason: {label}.** {verdict}\n\nWhy: {}",
        c.explain_in(text, context)
    )
}

/// How a `walk:` reason of `offer` is judged: its label and the verdict sentence. The hover
/// and the report both say it with these words.
pub fn reason_verdict(c: &Classification, offer: Option<&OfferAnalysis>) -> (String, &'static str) {
    let mut label = c.class.label().to_string();
    // the counters decide whether below the floor is a real reason yet (SPEC §2.0)
    let answered = offer.map_or(0, |a| a.situation.answered_counters);
    let real = c.class.is_real_after(answered);
    // the rules add what the text alone can't know
    match (c.class, offer) {
        (ReasonClass::BelowFloor, _) if !real => {
            label = format!("below your floor — {NOT_YET_COUNTER_FIRST}");
        }
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
    let verdict = if real {
        REAL_REASON
    } else if c.class == ReasonClass::BelowFloor {
        "Below the floor after the second counter is a real reason to walk."
    } else if crate::rules::reason_code(c.class).is_some() {
        FEELS_LIKE_ONE
    } else {
        "Not recognised as either — write the concrete fact if there is one."
    };
    (label, verdict)
}

/// The verdict on a reason that holds up.
pub const REAL_REASON: &str = "A real reason to walk.";
/// The verdict on a reason that only feels like one.
pub const FEELS_LIKE_ONE: &str = "It feels like a reason, but doesn't hold up on its own.";

fn status_hover(section: &Section, status: Status, offer: Option<&OfferAnalysis>) -> String {
    let name = section.display_name();
    let next = match status {
        Status::Live => {
            // the offer's one recommendation, as the rules say it (SPEC §2.0)
            let advice = offer
                .and_then(|a| a.recommendation.sentence(&a.numbers()))
                .map(|s| format!(" {s}"))
                .unwrap_or_default();
            let date = if offer.is_some_and(|a| a.decision_date.is_some()) {
                " Decide on your decision date, not before."
            } else {
                " Set a decision date, then decide on it, not before."
            };
            format!("{name} is live.{advice}{date}")
        }
        Status::Interviewing => format!("You're still interviewing with {name}: no offer yet, so nothing to weigh or decide here. When an offer comes, set `status: live` and write its numbers down."),
        Status::Current => format!("{name} is your current job: the baseline every offer has to beat."),
        Status::Accepted | Status::Signed => format!("You've said yes to {name}. If you're reconsidering: slow down, set a decision date, get any new offer in writing first, and if you do walk, call before you email."),
        Status::Started => format!("You've started at {name}. If you leave, give two weeks' notice with a transition plan."),
        Status::Declined => {
            let ((pl, ph), (ml, mh)) = (REENGAGE_PERCENT, REENGAGE_MONTHS);
            format!("You declined {name}. Keep the relationship warm: about {pl}–{ph}% of walk-aways re-engage within {ml}–{mh} months — a `review:` date helps.")
        }
        Status::Withdrawn => format!("{name} was withdrawn. Note why, if you know it, for your next search."),
        Status::Rescinded => format!("{name} rescinded the offer. It happens — it's a business decision, as yours would be."),
    };
    format!("**Status: {}.** {next}", status.name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Config};

    /// Hover at the `$0` marker of a journal checked with `config`.
    fn hover_at(marked: &str, config: &Config) -> String {
        let offset = marked.find("$0").expect("a $0 cursor marker");
        let text = marked.replacen("$0", "", 1);
        let report = check(&text, config);
        hover(&text, &report, offset).map_or(String::new(), |(_, md)| md)
    }

    const JOURNAL: &str =
        "floor: $2$000k\nanchor-years: 3\n## Acme\nstatus: live\nbase: $180k\nscope: strong\n";

    #[test]
    fn the_heading_hover_states_the_one_recommendation_not_the_overridden_cell() {
        // 12% below the floor, alone, 4 months of runway: the middle case, not "walk now"
        let marked = "today: 2026-10-23\nfloor: $150k base\nrunway: 4 months\ndecision-date: 2026-10-30\n## Har$0bor\nstatus: live\nbase: $132,000\nscope: ok\nmanager: strong\nteam: ok\n";
        let md = hover_at(marked, &Config::default());
        assert!(md.contains("one more honest counter"), "{md}");
        assert!(md.contains("$142,500"), "{md}");
        assert!(!md.contains("walk now"), "{md}");
    }

    #[test]
    fn the_floor_table_names_the_anchor_years_it_shows() {
        let md = hover_at(&JOURNAL.replacen("$2$0", "$0$2", 1), &Config::default());
        assert!(md.contains("| Against the floor | Cost, 3 yrs |\n"), "{md}");
        // 3 years of a $20,000 gap at 3.5%: 20,000 + 20,700 + 21,424.50
        assert!(md.contains("| 10% below | $62,125 |"), "{md}");
        let ranged = JOURNAL.replace("anchor-years: 3", "anchor-years: 2-3");
        let md = hover_at(&ranged.replacen("$2$0", "$0$2", 1), &Config::default());
        assert!(md.contains("| Cost, 2 yrs | Cost, 3 yrs |"), "{md}");
    }

    #[test]
    fn an_amount_hover_sizes_the_gap_with_the_configured_small_gap_line() {
        let journal = "floor: $200k\n## Acme\nstatus: live\nbase: $19$0$2k\n";
        // 4% below the floor: small at the default 5% line, big at a 3% line
        let text = journal.replacen("$19$0$2k", "$0$192k", 1);
        let small = Config::default();
        let three = Config {
            small_gap: crate::model::Percent(300),
            ..Config::default()
        };
        assert_eq!(
            gap_size_at(&text, &small),
            Some(GapSize::Small),
            "default line"
        );
        assert_eq!(gap_size_at(&text, &three), Some(GapSize::Big), "3% line");
    }

    /// SPEC §2.0 "Consistency of wording": below the floor is not yet a reason to walk —
    /// counter first; below it after the second counter is a real reason.
    #[test]
    fn a_walk_below_the_floor_is_real_only_after_the_second_counter() {
        let one = "floor: $190k base\n## Acme\nstatus: live\nbase: $170k\n\
                   counter 2026-11-01: asked $195k, got $178k\n\
                   - walk: $178k is $0below my floor\n";
        let md = hover_at(one, &Config::default());
        assert!(!md.contains("A real reason"), "{md}");
        assert!(!md.contains("— a real reason"), "{md}");
        assert!(
            md.contains("not yet a reason to walk — counter first"),
            "{md}"
        );
        let two = one.replace(
            "- walk:",
            "counter 2026-11-08: asked $190k, got $178k\n- walk:",
        );
        let md = hover_at(&two, &Config::default());
        assert!(md.contains("A real reason to walk."), "{md}");
        assert!(!md.contains("counter first"), "{md}");
    }

    #[test]
    fn a_walk_hover_counts_the_sections_people_as_them() {
        let journal = "## Lumen\nstatus: live\nrecruiter: Dev Malhotra\n\
                       - walk: I just feel like $0Dev pushed back on every reasonable ask\n";
        let md = hover_at(journal, &Config::default());
        assert!(md.contains("pushback on every ask — a real reason"), "{md}");
        assert!(
            md.contains("\"Dev pushed back on every reasonable ask\""),
            "{md}"
        );
    }

    fn gap_size_at(marked: &str, config: &Config) -> Option<GapSize> {
        let offset = marked.find("$0")?;
        let text = marked.replacen("$0", "", 1);
        let report = check(&text, config);
        let a = report.analysis.offer(1)?;
        let section = &report.journal.sections[1];
        let (_, amount) = amount_at(section, offset)?;
        gap_for(section, a, amount).map(|g| g.size)
    }
}
