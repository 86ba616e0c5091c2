//! The fuller offer as the hover shows it (SPEC §3, issue 13): the four years of total comp
//! as a table and a text chart, the benefits, the company's deadline beside your decision
//! date, the walk's cost in money, and the live number against each line of a plan. The
//! figures are the analysis' own (`analysis::years`, `analysis::dates`); this only words them.

use crate::analysis::{convert, dates, offer_years, years::YEARS_SHOWN, OfferAnalysis};
use crate::model::{Money, Section};
use crate::Report;
use std::fmt::Write;

const BAR_WIDTH: usize = 20;

/// `amount`, and beside it the same amount in the floor's currency when they differ.
fn both(report: &Report, section: &Section, a: &OfferAnalysis, amount: Money) -> String {
    let Some(floor) = a.floor.map(|f| f.value.amount.currency) else {
        return amount.to_string();
    };
    if floor == amount.currency {
        return amount.to_string();
    }
    match convert(&report.journal, section, amount, floor) {
        Some(there) => format!("{amount} ({there})"),
        None => amount.to_string(),
    }
}

/// The year-by-year table, chart, benefits, deadline and walk cost of one offer.
pub fn years_markdown(report: &Report, section: &Section, a: &OfferAnalysis) -> String {
    let mut out = String::new();
    if let Some(years) = offer_years(&report.journal, a, YEARS_SHOWN) {
        let _ = writeln!(out, "**Year by year** (raises at {}):\n", a.raise_rate);
        let refresher = years.expected_refresher;
        out.push_str("| Year | Base | Bonus | Equity | Sign-on & relocation | Total |");
        out.push_str(if refresher {
            " With expected refresher |\n|---|---:|---:|---:|---:|---:|---:|\n"
        } else {
            "\n|---|---:|---:|---:|---:|---:|\n"
        });
        for y in &years.years {
            let _ = write!(
                out,
                "| {} | {} | {} | {} | {} | **{}** |",
                y.year,
                y.base,
                y.bonus,
                y.equity,
                y.one_off,
                both(report, section, a, y.total)
            );
            if refresher {
                let _ = write!(out, " {} |", y.with_refresher);
            }
            out.push('\n');
        }
        let _ = writeln!(out, "\nSteady state: **{}** a year.\n", years.steady);
        let top = years
            .years
            .iter()
            .map(|y| y.with_refresher.minor)
            .max()
            .unwrap_or(0)
            .max(1);
        out.push_str("```text\n");
        for y in &years.years {
            let filled = (y.total.minor.max(0) as i128 * BAR_WIDTH as i128 / top as i128) as usize;
            let _ = writeln!(
                out,
                "Year {} {}{} {}",
                y.year,
                "█".repeat(filled),
                "░".repeat(BAR_WIDTH - filled.min(BAR_WIDTH)),
                y.total
            );
        }
        out.push_str("```\n");
        if let Some(floor) = a
            .floor
            .filter(|f| f.value.basis == crate::model::Basis::Total)
        {
            if let Some(here) = convert(
                &report.journal,
                section,
                floor.value.amount,
                years.steady.currency,
            ) {
                let below = years.below(here, floor.value.basis, YEARS_SHOWN);
                if !below.is_empty() {
                    let list: Vec<String> = below.iter().map(|y| format!("year {y}")).collect();
                    let _ = writeln!(
                        out,
                        "\nBelow your total-comp floor of {here}: {}.",
                        list.join(", ")
                    );
                }
            }
        }
        if refresher {
            out.push_str("\nRefreshers are shown as expected, not counted against your floor: the line doesn't say `guaranteed`.\n");
        }
        let b = years.benefits;
        let mut benefits = Vec::new();
        if let Some(m) = b.retirement_match {
            benefits.push(format!("retirement match {m} a year"));
        }
        if let (Some(m), Some(pto)) = (b.pto, section.pto.as_ref()) {
            benefits.push(format!("{} of PTO worth {m} (base ÷ 260 a day)", pto.value));
        }
        if !benefits.is_empty() {
            let _ = writeln!(
                out,
                "\n**Benefits** (beside total comp, never in it): {}.",
                benefits.join("; ")
            );
        }
    }
    if let Some(expires) = section.expires.as_ref() {
        let yours = a
            .decision_date
            .map_or("no decision date set".to_string(), |d| {
                format!("your decision date: {}", d.value)
            });
        let _ = writeln!(out, "\n**Their deadline:** {} · {yours}", expires.value);
    }
    if let Some(c) = dates::clawback(&report.journal, section) {
        let _ = writeln!(
            out,
            "\n**Clawback:** leaving before {} repays {} ({}).",
            c.until,
            c.repay,
            c.parts()
        );
    }
    if let Some(cost) = a.walk_cost {
        let _ = writeln!(out, "\n**Walking costs money too:** {}.", cost.sentence());
    }
    out.trim_end().to_string()
}

/// On `plan:`: where the live number stands against each line.
pub fn plan_markdown(report: &Report, section: &Section, a: &OfferAnalysis) -> Option<String> {
    let standing = dates::plan_standing(&report.journal, section, a)?;
    let mut out = format!(
        "**Your plan for {}** — the live number is **{}**:\n\n| Line | Amount | Live number against it |\n|---|---:|---:|\n",
        section.display_name(),
        standing.live
    );
    for (name, line) in [
        ("ask", standing.ask),
        ("accept at", standing.accept_at),
        ("walk below", standing.walk_below),
    ] {
        if let Some((amount, diff)) = line {
            let _ = writeln!(out, "| {name} | {amount} | {} |", dates::signed(diff));
        }
    }
    let verdict = match (standing.walk_below, standing.accept_at) {
        (Some((_, d)), _) if d.minor < 0 => "below your walk line: your plan says walk",
        (_, Some((_, d))) if d.minor >= 0 => "at or above your accept line: your plan says accept",
        (Some(_), Some(_)) => "between your walk line and your accept line: your plan says counter",
        _ => "",
    };
    if !verdict.is_empty() {
        let _ = write!(out, "\nThe live number is {verdict}.");
    }
    Some(out)
}

/// On `savings:` or `burn:` in a profile: the runway they give and what walking costs.
pub fn runway_markdown(profile: &Section) -> Option<String> {
    let runway = crate::analysis::runway::runway_of(profile)?;
    let mut out = match (&profile.runway, &profile.savings, &profile.burn) {
        (None, Some(s), Some(b)) => format!(
            "**Runway:** {} ÷ {} a month = **{}**.",
            s.value, b.value, runway.value
        ),
        _ => format!(
            "**Runway:** {} (your `runway:` line wins over savings ÷ burn).",
            runway.value
        ),
    };
    if let Some(cost) = crate::analysis::runway::walk_cost(profile) {
        let _ = write!(out, "\n\nWalking costs money too: {}.", cost.sentence());
    }
    Some(out)
}
