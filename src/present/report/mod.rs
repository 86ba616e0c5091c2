//! The decision report (SPEC §6): one self-contained HTML file — inline CSS and SVG, no
//! script, nothing loaded from anywhere — that a person can open, print or send to someone
//! who will never open a text editor. It states each offer's one recommendation (SPEC §2.0)
//! and draws the analysis' own figures; it never works a number out again. Where the
//! analysis has no number, it says what is missing.
//!
//! `svg` draws, `charts` and `places` build the charts (each with a text table), `redact`
//! is `--redact`, and this file puts the page together.

pub mod charts;
pub mod places;
pub mod redact;
pub mod svg;

use crate::analysis::advice::Recommendation;
use crate::analysis::reasons::{people_of, Context};
use crate::analysis::OfferAnalysis;
use crate::model::{Basis, Side, Verdict};
use crate::present::hover::{reason_verdict, FEELS_LIKE_ONE, REAL_REASON};
use crate::Report;
use redact::Words;
use svg::escape;

/// How the report is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Names replaced by placeholders and amounts rounded to the nearest thousand.
    pub redact: bool,
}

/// What every report carries in its `<head>`, so a later run knows the file is one of ours.
pub const GENERATOR: &str = "offer-notes decision report";

/// Whether `html` is a report this program wrote (and may be overwritten).
pub fn is_report(html: &str) -> bool {
    let head = &html[..crate::text::floor_char_boundary(html, 4096)];
    head.contains(&format!("<meta name=\"generator\" content=\"{GENERATOR}"))
}

/// The whole report as one HTML document.
pub fn html(report: &Report, options: Options) -> String {
    let words = if options.redact {
        Words::redacting(report)
    } else {
        Words::plain()
    };
    let mut body = String::new();
    let today = report.analysis.today;
    // the journal's own title, unless it may name someone
    let named = report
        .journal
        .title
        .as_ref()
        .filter(|_| !options.redact)
        .map(|t| format!("<p class=\"journal\">{}</p>", escape(&t.value)))
        .unwrap_or_default();
    body.push_str(&format!(
        "<header><h1>Decision report</h1>{named}<p class=\"lede\">As of {today}{}. Every figure here is the one the editor's hover and <code>offer-notes compare</code> show for this journal; where a figure is missing, the report says what to add.</p></header><main>",
        if options.redact {
            ", redacted for sharing: names are placeholders and amounts are rounded to the nearest thousand"
        } else {
            ""
        }
    ));
    let rows = crate::present::compare::rows(report);
    body.push_str(
        "<section aria-labelledby=\"h-summary\"><h2 id=\"h-summary\">The offers side by side</h2>",
    );
    if rows.is_empty() {
        body.push_str("<p class=\"missing\">No offers yet: add a <code>## Company</code> section with <code>base:</code>.</p>");
    } else {
        let head = crate::present::compare::headings(rows[0].years.len());
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut row = vec![words.say(&r.offer), r.status.clone()];
                row.extend(r.years.iter().map(|y| words.say(y)));
                row.extend([
                    words.say(&r.steady),
                    words.say(&r.benefits),
                    r.gap.clone(),
                    words.say(&r.cell),
                    r.deadlines.clone(),
                ]);
                row
            })
            .collect();
        body.push_str(&table("The offers side by side", &head, &cells));
    }
    body.push_str("</section>");

    body.push_str("<section aria-labelledby=\"h-offers\"><h2 id=\"h-offers\">Each offer: what to do, and why</h2>");
    let mut shown = 0;
    for a in &report.analysis.offers {
        let section = &report.journal.sections[a.section];
        if !section.has_offer_data() {
            continue;
        }
        shown += 1;
        body.push_str(&offer_card(report, a, &words, shown));
    }
    if shown == 0 {
        body.push_str("<p class=\"missing\">No offers yet.</p>");
    }
    body.push_str("</section>");

    for (id, heading, content) in [
        (
            "h-anchoring",
            "What each number anchors: the cost over the years",
            charts::anchoring_figure(report, &words),
        ),
        (
            "h-runway",
            "Your runway",
            charts::runway_figure(report, &words),
        ),
        (
            "h-matrix",
            "The walk-away matrix",
            places::matrix_figure(report, &words),
        ),
        (
            "h-timeline",
            "Timeline",
            places::timeline_figure(report, &words),
        ),
    ] {
        body.push_str(&format!(
            "<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{heading}</h2>{content}</section>"
        ));
    }
    body.push_str("</main><footer><p>Written by offer-notes from your journal. This file loads nothing from anywhere: no scripts, fonts or images.</p></footer>");
    let title = if options.redact {
        "Decision report (redacted)".to_string()
    } else {
        format!("Decision report — {today}")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"{GENERATOR} {}\"><title>{}</title><style>{CSS}</style></head><body>{body}</body></html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(&title)
    )
}

/// One offer: its recommendation, the reasons written for it, and its years.
fn offer_card(report: &Report, a: &OfferAnalysis, words: &Words, n: usize) -> String {
    let section = &report.journal.sections[a.section];
    let name = words.say(section.display_name());
    let mut out = format!(
        "<article class=\"offer\" aria-labelledby=\"offer-{n}\"><h3 id=\"offer-{n}\">{}</h3>",
        escape(&name)
    );
    if let Some(status) = section.status() {
        out.push_str(&format!(
            "<p class=\"status\">Status: {}</p>",
            escape(status.name())
        ));
    }
    let advice = match a.recommendation.sentence(&a.numbers()) {
        Some(sentence) => sentence,
        None => no_recommendation(report, a),
    };
    out.push_str(&format!(
        "<p class=\"recommendation\"><strong>{}</strong></p>",
        escape(&words.say(&advice))
    ));
    if let Recommendation::Runway {
        overrides: Some(cell),
        ..
    } = a.recommendation
    {
        out.push_str(&format!(
            "<p>The matrix alone would say {}: {} — the runway case comes first.</p>",
            escape(cell.name()),
            escape(cell.verdict())
        ));
    }
    if let Some(gap) = a.gap {
        let relation = if gap.is_below() {
            format!("{} below", gap.percent_text())
        } else if gap.shortfall.minor == 0 {
            "right at".into()
        } else {
            format!("{} above", crate::analysis::format_percent(-gap.percent()))
        };
        let basis = match gap.basis {
            Basis::Base => "base",
            Basis::Total => "total comp",
        };
        out.push_str(&format!(
            "<p>The live number, {}, is {relation} your floor of {} ({basis}).</p>",
            escape(&words.money(gap.measured)),
            escape(&words.money(gap.floor))
        ));
    }
    if let (None, Some(live)) = (a.gap, a.live) {
        out.push_str(&format!(
            "<p>The live number is {}.</p>",
            escape(&words.money(live.base))
        ));
    }
    out.push_str(&reasons(section, a, words));
    out.push_str(&charts::years_figure(
        report,
        section,
        a,
        words,
        &format!("years-{n}"),
    ));
    out.push_str("</article>");
    out
}

/// Why an offer has no recommendation, in the words of its situation.
fn no_recommendation(report: &Report, a: &OfferAnalysis) -> String {
    let section = &report.journal.sections[a.section];
    let s = &a.situation;
    if s.history {
        return "History: from an earlier search, or decided more than a year ago — no advice about deciding now.".into();
    }
    if s.closed {
        let status = section.status().map_or("closed", |st| st.name());
        return format!("Closed ({status}): no advice about deciding now.");
    }
    if let Some(v @ (Verdict::Walk | Verdict::Accept)) = s.decision {
        let date = section
            .decision()
            .and_then(|d| d.value.date)
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        return format!("Decided{date}: {}.", v.name());
    }
    if !s.open {
        let status = section.status().map_or("not an offer yet", |st| st.name());
        return format!("Status {status}: nothing to decide here yet.");
    }
    let mut missing = Vec::new();
    if a.floor.is_none() {
        missing.push("a floor");
    }
    if a.live.is_none() {
        missing.push("a base");
    }
    if a.floor.is_some() && a.live.is_some() && a.gap.is_none() {
        missing.push("an exchange-rate between its currency and your floor's");
    }
    if a.role.verdict.is_none() {
        missing.push("ratings of the role (scope, manager, team, growth…)");
    }
    if missing.is_empty() {
        "No recommendation yet.".into()
    } else {
        format!("No recommendation yet: it needs {}.", missing.join(", "))
    }
}

/// The `walk:` reasons with their verdicts (real or only feeling like one), then the `stay:`
/// reasons as written.
fn reasons(section: &crate::model::Section, a: &OfferAnalysis, words: &Words) -> String {
    let people = people_of(section);
    let context = Context { people: &people };
    let mut walk = String::new();
    for (i, c) in &a.reasons {
        let Some(reason) = section.reasons.get(*i) else {
            continue;
        };
        let (label, verdict) = reason_verdict(c, Some(a));
        let (kind, badge) = match verdict {
            REAL_REASON => ("real", "Real reason"),
            FEELS_LIKE_ONE => ("feeling", "Feels like a reason"),
            _ if label.contains("counter first") => ("feeling", "Not yet — counter first"),
            _ => ("other", "Not recognised"),
        };
        walk.push_str(&format!(
            "<li class=\"reason {kind}\"><span class=\"badge\">{badge}</span> “{}” — {}. {} <span class=\"why\">Why: {}</span></li>",
            escape(&words.say(&reason.value.text)),
            escape(&words.say(&label)),
            escape(verdict),
            escape(&words.say(&c.explain_in(&reason.value.text, &context)))
        ));
    }
    let stay: String = section
        .reasons
        .iter()
        .filter(|r| r.value.side == Side::Stay)
        .map(|r| format!("<li>{}</li>", escape(&words.say(&r.value.text))))
        .collect();
    let mut out = String::new();
    if !walk.is_empty() {
        out.push_str(&format!(
            "<h4>Reasons to walk, weighed</h4><ul class=\"reasons\">{walk}</ul>"
        ));
    }
    if !stay.is_empty() {
        out.push_str(&format!("<h4>Reasons to stay</h4><ul>{stay}</ul>"));
    }
    out
}

/// A chart in a `<figure>` that keeps together on a printed page, with its table.
pub(crate) fn figure(id: &str, caption: &str, chart: &str, table: &str) -> String {
    format!(
        "<figure class=\"chart-box\" id=\"fig-{id}\"><figcaption>{}</figcaption>{chart}{table}</figure>",
        escape(caption)
    )
}

/// A table of texts (already as the report may show them), in a region that scrolls on a
/// narrow screen rather than overflowing the page.
pub(crate) fn table<S: AsRef<str>>(caption: &str, head: &[&str], rows: &[Vec<S>]) -> String {
    let mut out = format!(
        "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{} (table)\"><table><caption>{}</caption><thead><tr>",
        escape(caption),
        escape(caption)
    );
    for h in head {
        out.push_str(&format!("<th scope=\"col\">{}</th>", escape(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                out.push_str(&format!("<th scope=\"row\">{}</th>", escape(cell.as_ref())));
            } else {
                out.push_str(&format!("<td>{}</td>", escape(cell.as_ref())));
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The page's style: system fonts only, colours with AA contrast, charts as wide as the
/// column (up to a readable size), and A4 print with no chart split across pages.
const CSS: &str = r#"
:root{color-scheme:light;--ink:#1b1b1b;--muted:#474747;--line:#767676;--base:#1f4e79;--rest:#5b87b0;--below-base:#8a2c0d;--below-rest:#c0592b;--paper:#fff;--soft:#f3f5f8}
*{box-sizing:border-box}
html{background:var(--paper);color:var(--ink)}
body{margin:0 auto;max-width:56rem;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
h1{font-size:1.75rem;margin:.5rem 0}
h2{font-size:1.35rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--soft);padding-bottom:.25rem}
h3{font-size:1.15rem;margin:1rem 0 .25rem}
h4{font-size:1rem;margin:.75rem 0 .25rem}
p,li{max-width:70ch}
.lede,.status,.why{color:var(--muted)}
.missing{border-left:4px solid var(--line);padding:.25rem .75rem;background:var(--soft)}
.offer{border:1px solid #c9ced6;border-radius:8px;padding:.25rem 1rem 1rem;margin:1rem 0}
.recommendation{font-size:1.05rem}
.reasons{padding-left:1.1rem}
.reason{margin:.35rem 0}
.badge{display:inline-block;font-size:.8rem;font-weight:600;padding:0 .4rem;border-radius:4px;border:1px solid currentColor}
.reason.real .badge{color:#1d5e20}
.reason.feeling .badge{color:#8a2c0d}
.reason.other .badge{color:var(--muted)}
figure{margin:1rem 0;padding:0}
figcaption{font-weight:600;margin-bottom:.25rem}
svg.chart{display:block;width:100%;max-width:36rem;height:auto;margin:.25rem 0 .5rem}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:12px;fill:var(--ink)}
svg .label,svg .legend{font-size:12px}
svg .value{font-size:11px}
svg .verdict{font-size:11px;fill:var(--muted)}
svg .offer-name{font-size:12px;font-weight:600}
svg .mark.below{fill:var(--below-base);font-weight:600}
svg .mark.meets{fill:var(--muted)}
svg .axis{stroke:var(--line);stroke-width:1}
svg .floor{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:6 3}
svg .floor-label{font-weight:600}
svg .bar.base.meets{fill:var(--base)}
svg .bar.rest.meets{fill:var(--rest)}
svg .bar.base.below{fill:var(--below-base)}
svg .bar.rest.below{fill:var(--below-rest)}
svg .series.line{fill:none;stroke-width:2}
svg .s0{stroke:#1f4e79;fill:#1f4e79}
svg .s1{stroke:#a33a12;fill:#a33a12}
svg .s2{stroke:#2c6e31;fill:#2c6e31}
svg .s3{stroke:#6a3d9a;fill:#6a3d9a}
svg .s4{stroke:#7a5c00;fill:#7a5c00}
svg .series.line{fill:none}
svg .runway{fill:var(--base)}
svg .walk-band{fill:#e8a33d;fill-opacity:.55;stroke:#8a2c0d;stroke-width:1}
svg .walk-edge{stroke:#8a2c0d;stroke-width:1.5}
svg .cell{fill:var(--soft);stroke:#c9ced6}
svg .cell.occupied{fill:#e3ecf6;stroke:var(--base);stroke-width:1.5}
svg .today{stroke:#8a2c0d;stroke-width:1.5;stroke-dasharray:3 2}
svg .today-label{font-weight:600;fill:#8a2c0d}
svg .dot{fill:var(--base)}
svg .dot.past,svg .event.past{fill:var(--muted)}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus{outline:2px solid var(--base)}
table{border-collapse:collapse;margin:.25rem 0 1rem;font-size:.9rem;overflow-wrap:normal}
caption{text-align:left;font-size:.85rem;color:var(--muted);padding-bottom:.25rem}
th,td{border:1px solid #c9ced6;padding:.25rem .5rem;text-align:left;vertical-align:top;min-width:4.5rem}
thead th{background:var(--soft)}
code{font-size:.9em;background:var(--soft);padding:0 .2em;border-radius:3px}
footer{margin-top:2rem;color:var(--muted);font-size:.9rem}
@media (max-width:30rem){body{padding:.5rem}.offer{padding:.25rem .5rem .75rem}}
@page{size:A4;margin:14mm}
@media print{body{max-width:none;padding:0;font-size:11pt}.chart-box,.offer>p,tr{break-inside:avoid}.scroll{overflow:visible}h2,h3{break-after:avoid}svg.chart{max-width:15cm}}
"#;
