//! Quick fixes and the other edits a person can ask for at a place in the journal: set a
//! decision date, note that an offer is in writing, add a review date, allow a rule, fix a
//! misspelled key, insert a draft, spell every amount the same way.

use super::{drafts, Edit};
use crate::model::keys::ValueKind;
use crate::model::{values, Key, Section};
use crate::rules::{Code, Diagnostic};
use crate::syntax::LineKind;
use crate::text::Span;
use crate::Report;
use chrono::{Months, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    /// Inserts a draft email (a refactoring in LSP terms: it adds text on request).
    Draft,
    /// Whole-file edits on request.
    Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<Edit>,
    /// The diagnostic this fixes, if any (index into the report's diagnostics).
    pub fixes: Option<usize>,
    pub preferred: bool,
}

/// The line break the document already uses.
pub fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The offset just after `span`'s line, line break included (or the end of the text).
fn after_line(text: &str, span: Span) -> usize {
    let rest = &text[span.end.min(text.len())..];
    if rest.starts_with("\r\n") {
        span.end + 2
    } else if rest.starts_with('\n') || rest.starts_with('\r') {
        span.end + 1
    } else {
        text.len()
    }
}

/// Insert `line` as a new line after `span`'s line.
pub(super) fn insert_after(text: &str, span: Span, line: &str) -> Edit {
    let at = after_line(text, span);
    let nl = newline(text);
    let new_text = if at == text.len() && !text.is_empty() && !text.ends_with(['\n', '\r']) {
        format!("{nl}{line}{nl}")
    } else {
        format!("{line}{nl}")
    };
    Edit {
        span: Span::new(at, at),
        new_text,
    }
}

/// Where a new key line goes in a section: after its last structured line, else after its heading.
fn key_anchor(section: &Section) -> Span {
    let mut last = section
        .heading
        .unwrap_or(Span::new(section.span.start, section.span.start));
    let lines = [
        section.status.as_ref().map(|f| f.line),
        section.role.as_ref().map(|f| f.line),
        section.recruiter.as_ref().map(|f| f.line),
        section.base.as_ref().map(|f| f.line),
        section.in_writing.as_ref().map(|f| f.line),
        section.decision_date.as_ref().map(|f| f.line),
    ];
    for line in lines.into_iter().flatten() {
        if line.start > last.start {
            last = line;
        }
    }
    last
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A date the grammar can read back: four-digit years only (`%Y` writes `+10000-01-01`
/// for the day after 9999-12-31, which would turn a fix into an `invalid-value`).
fn writable(date: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    (0..=9999).contains(&date.year()).then_some(date)
}

/// Everything that can be done for the byte range `at` (a cursor or a selection).
pub fn actions(text: &str, report: &Report, at: Span) -> Vec<Action> {
    let mut out = Vec::new();
    let today = report.analysis.today;
    for (i, d) in report.diagnostics.iter().enumerate() {
        if d.span.start > at.end || d.span.end < at.start {
            continue;
        }
        fixes_for(text, report, i, d, today, &mut out);
    }
    let index = report.journal.section_at(at.start);
    if let Some(section) = report
        .journal
        .sections
        .get(index)
        .filter(|s| !s.is_profile())
    {
        let offer = report.analysis.offer(index);
        for kind in drafts::available(section, offer) {
            let block = drafts::render(kind, &report.journal, section, offer);
            if block.is_empty() {
                continue;
            }
            let name = section.display_name();
            // one draft of a kind per section: a second one is offered as a replacement
            let (title, edit) = match section.drafts.iter().find(|d| d.kind == kind) {
                Some(existing) => (
                    format!("Replace the {} draft for {name}", kind.name()),
                    replace_block(text, existing, &block),
                ),
                None => (
                    format!("Insert a {} draft for {name}", kind.name()),
                    insert_block(text, section, &block),
                ),
            };
            out.push(Action {
                title,
                kind: ActionKind::Draft,
                edits: vec![edit],
                fixes: None,
                preferred: false,
            });
        }
    }
    if let Some(action) = normalise_money(text, report) {
        out.push(action);
    }
    out
}

/// A block at the end of the section, separated by a blank line.
pub(super) fn insert_block(text: &str, section: &Section, block: &str) -> Edit {
    let nl = newline(text);
    let end = section.span.end.min(text.len());
    let before = &text[section.span.start..end];
    let trimmed = before.trim_end_matches(['\n', '\r', ' ', '\t']);
    let at = section.span.start + trimmed.len();
    let after = if end < text.len() { nl } else { "" };
    Edit {
        span: Span::new(at, at),
        new_text: format!("{nl}{nl}{}{after}", block_text(text, block)) + nl,
    }
}

/// The draft block in the document's line breaks, without its last one.
fn block_text(text: &str, block: &str) -> String {
    let block = block.trim_end_matches(['\n', '\r']);
    if newline(text) == "\r\n" {
        block.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        block.to_string()
    }
}

/// The whole existing block, opening fence to closing fence, replaced by `block`.
fn replace_block(text: &str, existing: &crate::model::Draft, block: &str) -> Edit {
    let end = existing
        .close
        .map_or(existing.body.end, |close| close.end)
        .min(text.len());
    Edit {
        span: Span::new(existing.open.start, end),
        new_text: block_text(text, block),
    }
}

fn fixes_for(
    text: &str,
    report: &Report,
    i: usize,
    d: &Diagnostic,
    today: NaiveDate,
    out: &mut Vec<Action>,
) {
    let journal = &report.journal;
    let section = &journal.sections[d.section];
    let fix = |title: String, edits: Vec<Edit>, preferred: bool| Action {
        title,
        kind: ActionKind::QuickFix,
        edits,
        fixes: Some(i),
        preferred,
    };
    let tomorrow = today.succ_opt().and_then(writable);
    match d.code {
        Code::NoDecisionDate | Code::DecisionDatePassed if tomorrow.is_none() => {}
        Code::NoDecisionDate => {
            let tomorrow = tomorrow.unwrap_or(today);
            let line = format!("decision-date: {}", day(tomorrow));
            out.push(fix(
                format!("Set a decision date: tomorrow, {}", day(tomorrow)),
                vec![insert_after(text, key_anchor(section), &line)],
                true,
            ));
        }
        Code::DecisionDatePassed => {
            let tomorrow = tomorrow.unwrap_or(today);
            if let Some(date) = section
                .decision_date
                .as_ref()
                .or(journal.profile_of(d.section).decision_date.as_ref())
            {
                out.push(fix(
                    format!("Move the decision date to tomorrow, {}", day(tomorrow)),
                    vec![Edit {
                        span: date.value_span,
                        new_text: day(tomorrow),
                    }],
                    false,
                ));
            }
        }
        Code::NotInWriting => match &section.in_writing {
            Some(f) => out.push(fix(
                "I have it in writing now: set `in-writing: yes`".into(),
                vec![Edit {
                    span: f.value_span,
                    new_text: "yes".into(),
                }],
                false,
            )),
            None => {
                out.push(fix(
                    "Add `in-writing: no` to track it".into(),
                    vec![insert_after(text, key_anchor(section), "in-writing: no")],
                    true,
                ));
                out.push(fix(
                    "I have it in writing: add `in-writing: yes`".into(),
                    vec![insert_after(text, key_anchor(section), "in-writing: yes")],
                    false,
                ));
            }
        },
        Code::NoReviewDate => {
            let Some(when) = today.checked_add_months(Months::new(6)).and_then(writable) else {
                return;
            };
            let anchor = section.decision().map_or(key_anchor(section), |f| f.line);
            out.push(fix(
                format!("Add a review date six months out ({})", day(when)),
                vec![insert_after(
                    text,
                    anchor,
                    &format!("review: {}", day(when)),
                )],
                true,
            ));
        }
        Code::ExpiresBeforeDecisionDate => {
            let a = report.analysis.offer(d.section);
            out.extend(super::fuller::extension(text, report, section, a, i));
        }
        Code::BelowFloor => {
            if let Some(a) = report.analysis.offer(d.section) {
                out.extend(super::fuller::counter_plan_action(
                    text, report, section, a, i,
                ));
            }
        }
        Code::ReviewDue => out.extend(super::fuller::review_lines(text, section, today, i)),
        Code::UnknownKey => {
            if let Some(key) = Key::suggest(d.span.of(text)) {
                out.push(fix(
                    format!("Change to `{}`", key.key.name()),
                    vec![Edit {
                        span: d.span,
                        new_text: key.key.name().into(),
                    }],
                    true,
                ));
            }
        }
        _ => {}
    }
    // any rule can be allowed where it fires
    let code = d.code;
    let (title, edit) = match section.allow.last() {
        Some(allow) => (
            format!(
                "Allow `{code}` {}",
                if section.is_profile() {
                    "in this file"
                } else {
                    "in this section"
                }
            ),
            Edit {
                span: Span::new(allow.value_span.end, allow.value_span.end),
                new_text: format!(", {code}"),
            },
        ),
        None if section.is_profile() => {
            let anchor = journal.title.as_ref().map(|t| t.line);
            let edit = match anchor {
                Some(line) => insert_after(text, line, &format!("allow: {code}")),
                None => Edit {
                    span: Span::new(0, 0),
                    new_text: format!("allow: {code}{}", newline(text)),
                },
            };
            (format!("Allow `{code}` in this file"), edit)
        }
        None => (
            format!("Allow `{code}` in {}", section.display_name()),
            insert_after(text, key_anchor(section), &format!("allow: {code}")),
        ),
    };
    out.push(Action {
        title,
        kind: ActionKind::QuickFix,
        edits: vec![edit],
        fixes: Some(i),
        preferred: false,
    });
}

/// Rewrite every amount in its canonical spelling (`$172k` → `$172,000`), touching nothing else.
pub fn normalise_money(text: &str, report: &Report) -> Option<Action> {
    let currency = report.journal.default_currency;
    let mut edits = Vec::new();
    for line in crate::syntax::lines(text) {
        let LineKind::Entry { key, value, .. } = line.kind else {
            continue;
        };
        let Some(k) = Key::parse(key.of(text)) else {
            continue;
        };
        if !matches!(
            k.kind(),
            ValueKind::Money
                | ValueKind::Target
                | ValueKind::Bonus
                | ValueKind::SignOn
                | ValueKind::Equity
                | ValueKind::Counter
        ) {
            continue;
        }
        for (range, mut money) in values::amounts(k.kind(), value.of(text)) {
            if money.currency == values::UNSET_CURRENCY {
                money.currency = currency;
            }
            let span = value.within(range);
            let canonical = money.to_string();
            if span.of(text) != canonical {
                edits.push(Edit {
                    span,
                    new_text: canonical,
                });
            }
        }
    }
    (!edits.is_empty()).then(|| Action {
        title: format!(
            "Spell every amount the same way ({} amount{})",
            edits.len(),
            if edits.len() == 1 { "" } else { "s" }
        ),
        kind: ActionKind::Source,
        edits,
        fixes: None,
        preferred: false,
    })
}

/// Apply edits to a text (used by tests and the CLI; the editor applies them itself).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse((e.span.start, e.span.end)));
    let mut out = text.to_string();
    for e in sorted {
        out.replace_range(e.span.range(), &e.new_text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, Config};

    fn titles(text: &str, line: &str) -> Vec<(String, String)> {
        let report = check(text, &Config::default());
        let at = text.find(line).unwrap();
        actions(text, &report, Span::new(at, at))
            .into_iter()
            .map(|a| (a.title.clone(), apply(text, &a.edits)))
            .collect()
    }

    #[test]
    fn a_missing_decision_date_is_set_for_tomorrow() {
        let text = "today: 2026-11-22\nfloor: $190k\n## Acme\nstatus: live\nbase: $200k\n";
        let found = titles(text, "status");
        let (title, fixed) = found
            .iter()
            .find(|(t, _)| t.starts_with("Set a decision date"))
            .unwrap();
        assert_eq!(title, "Set a decision date: tomorrow, 2026-11-23");
        assert_eq!(fixed, "today: 2026-11-22\nfloor: $190k\n## Acme\nstatus: live\nbase: $200k\ndecision-date: 2026-11-23\n");
        assert!(!check(fixed, &Config::default())
            .diagnostics
            .iter()
            .any(|d| d.code == "no-decision-date"));
    }

    #[test]
    fn allow_appends_to_an_existing_line_and_review_dates_land_after_the_decision() {
        let text = "today: 2026-11-22\r\nfloor: $190k\r\ndecision-date: 2026-11-21\r\n## Acme\r\nstatus: live\r\nbase: $200k\r\nallow: quadrant\r\ndecision 2026-11-21: walk\r\n";
        let found = titles(text, "decision 2026");
        let (_, fixed) = found
            .iter()
            .find(|(t, _)| t.starts_with("Add a review date"))
            .unwrap();
        assert!(
            fixed.ends_with("decision 2026-11-21: walk\r\nreview: 2027-05-22\r\n"),
            "{fixed:?}"
        );
        let (_, allowed) = found
            .iter()
            .find(|(t, _)| t == "Allow `no-review-date` in this section")
            .unwrap();
        assert!(allowed.contains("allow: quadrant, no-review-date\r\n"));
    }

    #[test]
    fn money_is_respelled_without_touching_anything_else() {
        let text = "floor: $190k base\n## Acme\nbase: 172000 USD (before tax)\ncounter 2026-11-15: asked $195k, got $178k\nI said $172k out loud.\n";
        let report = check(text, &Config::default());
        let action = normalise_money(text, &report).unwrap();
        assert_eq!(
            apply(text, &action.edits),
            "floor: $190,000 base\n## Acme\nbase: $172,000 (before tax)\ncounter 2026-11-15: asked $195,000, got $178,000\nI said $172k out loud.\n"
        );
    }
}
