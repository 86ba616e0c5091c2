//! `offer-notes history` and `offer-notes timeline` as text, Markdown and JSON: every offer
//! across journals and searches, oldest first; and the dates still to act on. The records
//! and the words come from `history`; this only lays them out.

use crate::history::timeline::Event;
use crate::history::{Entry, Record};
use crate::model::{Money, Verdict};
use chrono::NaiveDate;
use serde_json::{json, Value};
use std::fmt::Write;

fn date_text(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

/// `2024-04-20: asked $155,000, got $140,000` per counter, joined.
fn rounds_text(r: &Record) -> Option<String> {
    if r.rounds.is_empty() {
        return None;
    }
    let rounds: Vec<String> = r
        .rounds
        .iter()
        .map(|c| {
            let got = c
                .got
                .map_or_else(|| "no answer yet".to_string(), |g| format!("got {g}"));
            match c.date {
                Some(date) => format!("{date}: asked {}, {got}", c.asked),
                None => format!("asked {}, {got}", c.asked),
            }
        })
        .collect();
    Some(rounds.join("; "))
}

fn decision_text(r: &Record) -> Option<String> {
    let (date, verdict) = r.decision?;
    Some(match date {
        Some(date) => format!("{} on {date}", verdict.name()),
        None => verdict.name().to_string(),
    })
}

fn outcome_text(r: &Record) -> Option<String> {
    let (date, text) = r.outcome.as_ref()?;
    Some(match date {
        Some(date) => format!("{date}: {text}"),
        None => text.clone(),
    })
}

/// What the company offered last time, and how that ended.
fn last_time_text(previous: &Record) -> String {
    let how = if previous.walked() {
        ", you walked away"
    } else if matches!(previous.decision, Some((_, Verdict::Accept))) {
        ", you said yes"
    } else {
        ""
    };
    let when = previous
        .date()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    match (previous.last_offer, previous.last_asked()) {
        (Some(at), Some(asked)) => format!("{at} after you asked {asked}{when}{how}"),
        (Some(at), None) => format!("{at}{when}{how}"),
        _ => format!("no number written{when}{how}"),
    }
}

fn whence(r: &Record) -> String {
    match &r.search_title {
        Some(title) => format!("{} · {title}", r.journal),
        None => r.journal.to_string(),
    }
}

/// " — role" after a company's name, or nothing when the role is not written.
fn role_suffix(role: Option<&str>) -> String {
    role.map(|x| format!(" — {x}")).unwrap_or_default()
}

/// One block per offer, oldest first.
pub fn text(entries: &[Entry]) -> String {
    let mut out = String::new();
    for e in entries {
        let r = e.record;
        let role = role_suffix(r.role.as_deref());
        let _ = writeln!(
            out,
            "{}  {}{role}  ({})",
            date_text(e.date),
            r.company,
            whence(r)
        );
        let pad = " ".repeat(12);
        if let Some(status) = r.status {
            let _ = writeln!(out, "{pad}status: {}", status.name());
        }
        if let Some(opening) = r.opening {
            let _ = writeln!(out, "{pad}offered: {opening}");
        }
        if let Some(rounds) = rounds_text(r) {
            let _ = writeln!(out, "{pad}counters: {rounds}");
        }
        if let Some(decision) = decision_text(r) {
            let _ = writeln!(out, "{pad}decision: {decision}");
        }
        if let Some(expires) = r.expires {
            let _ = writeln!(out, "{pad}expires: {expires}");
        }
        if let Some(review) = r.review {
            let _ = writeln!(out, "{pad}review: {review}");
        }
        if let Some(outcome) = outcome_text(r) {
            let _ = writeln!(out, "{pad}outcome: {outcome}");
        }
        if let Some(previous) = e.previous {
            let _ = writeln!(out, "{pad}last time: {}", last_time_text(previous));
        }
        out.push('\n');
    }
    out
}

/// A GitHub-flavoured Markdown table, one row per offer, oldest first.
pub fn markdown(entries: &[Entry]) -> String {
    let cell = |t: &str| super::compare::markdown_cell(t);
    let mut out = String::from(
        "| Date | Company | Role | Journal | Offered | Counters | Decision | Outcome | Last time |\n|---|---|---|---|---:|---|---|---|---|\n",
    );
    for e in entries {
        let r = e.record;
        let cells = [
            date_text(e.date),
            r.company.clone(),
            r.role.clone().unwrap_or_default(),
            whence(r),
            r.opening.map(|m| m.to_string()).unwrap_or_default(),
            rounds_text(r).unwrap_or_default(),
            decision_text(r).unwrap_or_default(),
            outcome_text(r).unwrap_or_default(),
            e.previous.map(last_time_text).unwrap_or_default(),
        ];
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

fn money(m: Option<Money>) -> Value {
    match m {
        Some(m) => {
            json!({ "text": m.to_string(), "minor": m.minor, "currency": m.currency.code() })
        }
        None => Value::Null,
    }
}

fn day(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn record_json(r: &Record) -> Value {
    json!({
        "journal": &*r.journal,
        "search": r.search_title,
        "company": r.company,
        "company_key": r.key.as_str(),
        "role": r.role,
        "status": r.status.map(|s| s.name()),
        "offered": money(r.opening),
        "counters": r.rounds.iter().map(|c| json!({
            "date": day(c.date),
            "asked": money(Some(c.asked)),
            "got": money(c.got),
        })).collect::<Vec<_>>(),
        "last_offer": money(r.last_offer),
        "decision": r.decision.map(|(date, verdict)| json!({ "date": day(date), "verdict": verdict.name() })),
        "decision_date": day(r.decision_date),
        "expires": day(r.expires),
        "review": day(r.review),
        "outcome": r.outcome.as_ref().map(|(date, text)| json!({ "date": day(*date), "text": text })),
        "walked": r.walked(),
    })
}

/// One JSON array, oldest first; each offer with `last_time`: the same company's offer
/// before it (or null).
pub fn json(entries: &[Entry]) -> Value {
    Value::Array(
        entries
            .iter()
            .map(|e| {
                let mut v = record_json(e.record);
                v["date"] = day(e.date);
                v["last_time"] = e.previous.map_or(Value::Null, |p| {
                    json!({
                        "journal": &*p.journal,
                        "date": day(p.date()),
                        "offered": money(p.last_offer),
                        "asked": money(p.last_asked()),
                        "walked": p.walked(),
                    })
                });
                v
            })
            .collect(),
    )
}

/// The timeline for a terminal: one line per date, what to do indented under it.
pub fn timeline_text(events: &[Event]) -> String {
    let mut out = String::new();
    for e in events {
        let late = if e.overdue { " (overdue)" } else { "" };
        let role = role_suffix(e.role.as_deref());
        let _ = writeln!(
            out,
            "{}  {}: {}{role}{late}  ({})",
            e.date,
            e.kind.words(),
            e.company,
            e.journal
        );
        let _ = writeln!(out, "            {}", e.what);
    }
    out
}

pub fn timeline_json(events: &[Event]) -> Value {
    Value::Array(
        events
            .iter()
            .map(|e| {
                json!({
                    "date": e.date.to_string(),
                    "kind": e.kind.name(),
                    "company": e.company,
                    "role": e.role,
                    "journal": &*e.journal,
                    "overdue": e.overdue,
                    "what": e.what,
                    "uid": e.uid,
                })
            })
            .collect(),
    )
}
