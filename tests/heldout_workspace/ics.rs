//! Reading `timeline --format ics` output: RFC 5545 basics, events and their UIDs.

// ---------------------------------------------------------------------------------------------
// iCalendar

/// RFC 5545 basics: CRLF line ends, lines of at most 75 octets, VCALENDAR with VERSION:2.0 and
/// PRODID, every VEVENT with UID, DTSTAMP and DTSTART. Returns (UID, DTSTART date) per event.
pub(crate) fn ics_valid(text: &str) -> Result<Vec<(String, String)>, String> {
    if !text.starts_with("BEGIN:VCALENDAR\r\n") {
        return Err("does not start with BEGIN:VCALENDAR CRLF".into());
    }
    if !text.ends_with("END:VCALENDAR\r\n") {
        return Err("does not end with END:VCALENDAR CRLF".into());
    }
    let body = &text[..text.len() - 2];
    for line in body.split("\r\n") {
        if line.contains('\n') || line.contains('\r') {
            return Err("a bare LF or CR".into());
        }
        if line.len() > 75 {
            return Err(format!("a line of {} octets", line.len()));
        }
    }
    let lines = unfold(text);
    if !lines.iter().any(|l| l == "VERSION:2.0") {
        return Err("no VERSION:2.0".into());
    }
    if !lines
        .iter()
        .any(|l| l.starts_with("PRODID:") && l.len() > 7)
    {
        return Err("no PRODID".into());
    }
    let begins = lines.iter().filter(|l| l.starts_with("BEGIN:")).count();
    let ends = lines.iter().filter(|l| l.starts_with("END:")).count();
    if begins != ends {
        return Err("unbalanced BEGIN/END".into());
    }
    let events = ics_events(text)?;
    if events.is_empty() {
        return Err("no VEVENT".into());
    }
    Ok(events)
}

pub(crate) fn unfold(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.split("\r\n").flat_map(|l| l.split('\n')) {
        if let Some(rest) = line.strip_prefix([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.push_str(rest);
                continue;
            }
        }
        out.push(line.trim_end_matches('\r').to_string());
    }
    out
}

/// (UID, DTSTART as YYYYMMDD) per VEVENT; an event without UID, DTSTAMP or DTSTART is an error.
pub(crate) fn ics_events(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut current: Option<(Option<String>, Option<String>, bool)> = None;
    for line in unfold(text) {
        let (name, value) = line.split_once(':').unwrap_or((&line, ""));
        let prop = name.split(';').next().unwrap_or("").to_ascii_uppercase();
        match (prop.as_str(), &mut current) {
            ("BEGIN", None) if value == "VEVENT" => current = Some((None, None, false)),
            ("END", Some(_)) if value == "VEVENT" => {
                let (uid, start, stamp) = current.take().unwrap();
                match (uid, start, stamp) {
                    (Some(u), Some(s), true) => out.push((u, s)),
                    _ => return Err("a VEVENT without UID, DTSTART or DTSTAMP".into()),
                }
            }
            ("UID", Some(ev)) if !value.is_empty() => ev.0 = Some(value.to_string()),
            ("DTSTART", Some(ev)) if value.len() >= 8 => ev.1 = Some(value[..8].to_string()),
            ("DTSTAMP", Some(ev)) if !value.is_empty() => ev.2 = true,
            _ => {}
        }
    }
    Ok(out)
}
