//! `offer-notes timeline --format ics`: the timeline as iCalendar (RFC 5545) all-day events.
//! Each event's UID names what it is (journal file, company, which section of that company,
//! which date), never the date itself, so importing again after a date moved updates the
//! event instead of adding a second one.

use crate::history::timeline::{Event, Kind};
use chrono::{DateTime, Utc};

/// Lines are folded at this many octets, the break not counted (RFC 5545 §3.1).
const FOLD_OCTETS: usize = 75;

/// TEXT values escape backslash, `;`, `,` and line breaks (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded at 75 octets without splitting a character, ending in CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = FOLD_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // the leading space of a continuation line counts towards its 75 octets
        limit = FOLD_OCTETS - 1;
    }
}

fn summary(e: &Event) -> String {
    let what = match e.kind {
        Kind::DecisionDate => "Decision date",
        Kind::Expires => "Offer expires",
        Kind::Review => "Review",
    };
    format!("{what}: {}", e.company)
}

/// The events as one VCALENDAR. `stamp` is when the calendar was written (DTSTAMP).
pub fn ics(events: &[Event], stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        concat!(
            "PRODID:-//offer-notes//offer-notes ",
            env!("CARGO_PKG_VERSION"),
            "//EN"
        ),
        "CALSCALE:GREGORIAN",
    ] {
        push_line(&mut out, line);
    }
    for e in events {
        let next = e.date.succ_opt().unwrap_or(e.date);
        let mut description = e.what.clone();
        if let Some(role) = &e.role {
            description.push_str(&format!("\nRole: {role}"));
        }
        description.push_str(&format!("\nJournal: {}", e.journal));
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape(&e.uid)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&summary(e))),
            format!("DESCRIPTION:{}", escape(&description)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ] {
            push_line(&mut out, &line);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_escape_what_ical_reserves() {
        assert_eq!(
            escape("a, b; c\\d\nnext\r\nlast"),
            "a\\, b\\; c\\\\d\\nnext\\nlast"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "株".repeat(60));
        push_line(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= FOLD_OCTETS, "{} octets", physical.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }
}
