//! `offer-notes history`, `offer-notes timeline` and `check` over a workspace, as a person
//! uses them: the real binary, journals on disk, what is printed and the exit code.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn offer_notes(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_offer-notes"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run offer-notes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("offer-notes-history-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The 2024 search, kept in its own journal: walked from Harbor Analytics at $128k after
/// asking $140k, said yes to Ridgeline.
const SEARCH_2024: &str = "\
# Job search 2024
today: 2026-11-30
floor: $140k base
decision-date: 2024-03-02

## Harbor Analytics, Inc.
status: declined
role: Data Engineer
base: $124,000
counter 2024-02-20: asked $145k, got $126k
counter 2024-02-26: asked $140k, got $128k
decision 2024-03-02: walk
review: 2024-09-02
outcome 2024-09-05: no contact since

## Ridgeline Outdoor
status: accepted
role: Data Engineer
base: $142,000
decision 2024-03-01: accept
";

/// This year's search: Harbor is back, and a company with a similar name is not Harbor.
const SEARCH_2026: &str = "\
# Job search 2026
today: 2026-11-30
floor: $165k base
decision-date: 2026-12-15

## Offer: Harbor Analytics (Boston)
status: live
role: Senior Data Engineer
recruiter: Mina Okafor
base: $168,000
expires: 2026-12-08

## Harbour Analytics Group
status: live
role: Staff Data Engineer
base: $171,000

## Lindenwood Schools
status: declined
role: Data Lead
base: $150,000
decision 2026-11-02: walk
review: 2027-05-02
";

fn workspace(name: &str) -> (PathBuf, String, String) {
    let dir = scratch(name);
    let old = dir.join("2024.offer");
    let new = dir.join("2026.offer");
    std::fs::write(&old, SEARCH_2024).unwrap();
    std::fs::write(&new, SEARCH_2026).unwrap();
    (dir, path(&old), path(&new))
}

#[test]
fn history_lists_every_offer_oldest_first_with_what_each_company_offered_last_time() {
    let (_dir, old, new) = workspace("text");
    // the newer journal first: the history still starts in 2024
    let out = offer_notes(&["history", &new, &old]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let order: Vec<&str> = [
        "Ridgeline Outdoor",
        "Harbor Analytics, Inc.",
        "Lindenwood Schools",
        "Harbor Analytics —",
    ]
    .iter()
    .map(|name| {
        text.find(name)
            .unwrap_or_else(|| panic!("{name} is listed: {text}"));
        *name
    })
    .collect();
    let at = |name: &str| text.find(name).unwrap();
    assert!(
        order.windows(2).all(|w| at(w[0]) < at(w[1])),
        "oldest first: {text}"
    );
    assert!(
        text.contains(
            "2024-02-20: asked $145,000, got $126,000; 2024-02-26: asked $140,000, got $128,000"
        ),
        "{text}"
    );
    assert!(text.contains("decision: walk on 2024-03-02"), "{text}");
    assert!(
        text.contains("outcome: 2024-09-05: no contact since"),
        "{text}"
    );
    // the 2026 Harbor knows what Harbor offered last time; the look-alike does not
    let harbor_2026 = &text[at("Harbor Analytics —")..];
    let harbor_2026 = &harbor_2026[..harbor_2026.find("\n\n").unwrap()];
    assert!(
        harbor_2026
            .contains("last time: $128,000 after you asked $140,000 (2024-03-02), you walked away"),
        "{harbor_2026}"
    );
    let harbour = &text[at("Harbour Analytics Group")..];
    let harbour = &harbour[..harbour.find("\n\n").unwrap()];
    assert!(!harbour.contains("last time"), "{harbour}");
}

#[test]
fn history_as_json_carries_the_numbers_exactly() {
    let (_dir, old, new) = workspace("json");
    let out = offer_notes(&["history", "--format", "json", &old, &new]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON array");
    let offers = json.as_array().expect("an array");
    assert_eq!(offers.len(), 5, "{json:#}");
    let dates: Vec<&str> = offers.iter().filter_map(|o| o["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let harbor = offers
        .iter()
        .find(|o| o["company"] == "Harbor Analytics, Inc.")
        .expect("the 2024 Harbor");
    assert_eq!(harbor["counters"][1]["asked"]["minor"], 14_000_000);
    assert_eq!(harbor["counters"][1]["got"]["text"], "$128,000");
    assert_eq!(harbor["decision"]["verdict"], "walk");
    assert_eq!(harbor["walked"], true);
    let again = offers
        .iter()
        .find(|o| o["company"] == "Harbor Analytics")
        .expect("the 2026 Harbor");
    assert_eq!(again["company_key"], harbor["company_key"]);
    assert_eq!(again["last_time"]["offered"]["text"], "$128,000");
    assert_eq!(again["last_time"]["asked"]["text"], "$140,000");
    assert_eq!(again["last_time"]["date"], "2024-03-02");
    let lookalike = offers
        .iter()
        .find(|o| o["company"] == "Harbour Analytics Group")
        .expect("the look-alike");
    assert!(lookalike["last_time"].is_null(), "{lookalike:#}");
}

#[test]
fn history_in_markdown_is_one_table_row_per_offer_with_bars_escaped() {
    let dir = scratch("markdown");
    let file = dir.join("bars.offer");
    std::fs::write(
        &file,
        "# 2026\ntoday: 2026-11-30\n\n## Pipe | Line Co\nstatus: live\nrole: A|B tester\nbase: $100,000\n\n## Acme\nstatus: live\nbase: $110,000\n",
    )
    .unwrap();
    let out = offer_notes(&["history", "--format", "markdown", &path(&file)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let borders = |line: &str| line.replace("\\|", "").matches('|').count();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "heading, rule, two offers: {text}");
    for line in &lines {
        assert_eq!(borders(line), borders(lines[0]), "{line}");
    }
    assert!(text.contains("A\\|B tester"), "{text}");
}

#[test]
fn timeline_puts_the_dates_in_order_with_what_the_rules_say_to_do() {
    let (_dir, old, new) = workspace("timeline");
    let out = offer_notes(&["timeline", &old, &new]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    let dates: Vec<&str> = lines.iter().map(|l| &l[..10]).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{text}");
    // the deadline before the decision date asks for an extension, in the rule's words
    let check = offer_notes(&["check", "--format", "json", &new]);
    let diagnostics: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let extension = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "expires-before-decision-date")
        .expect("the rule fires on the 2026 Harbor");
    let message = extension["message"].as_str().unwrap();
    let fragment = &message[message.find("ask for an extension").unwrap()..];
    assert!(text.contains(fragment), "{fragment}\n---\n{text}");
    assert!(
        text.contains("2026-12-08  the offer expires: Harbor Analytics"),
        "{text}"
    );
    assert!(
        text.contains("2026-12-15  your decision date: Harbor Analytics"),
        "{text}"
    );
    // a walk's review is on it; a review whose outcome is written is done
    assert!(
        text.contains("2027-05-02  review: Lindenwood Schools"),
        "{text}"
    );
    assert!(!text.contains("2024-09-02"), "{text}");
}

#[test]
fn timeline_as_json_is_in_date_order() {
    let (_dir, old, new) = workspace("timeline-json");
    let out = offer_notes(&["timeline", "--format", "json", &old, &new]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["date"].as_str().unwrap(), e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("2026-12-08", "expires"),
            ("2026-12-15", "decision-date"),
            ("2026-12-15", "decision-date"),
            ("2027-05-02", "review")
        ]
    );
}

/// Strict structural check of an iCalendar stream (RFC 5545): CRLF only, lines folded at 75
/// octets, every content line `NAME[;PARAM=…]:VALUE`, components balanced, the required
/// properties present, TEXT values escaped. Returns each VEVENT's properties, unfolded.
fn parse_ics(ics: &str) -> Vec<Vec<(String, String)>> {
    assert!(ics.ends_with("\r\n"), "ends with CRLF");
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "only CRLF line breaks"
    );
    for physical in ics.split("\r\n") {
        assert!(physical.len() <= 75, "over 75 octets: {physical:?}");
    }
    let unfolded = ics.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0"), "VERSION");
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")), "PRODID");
    let mut events = Vec::new();
    let mut current: Option<Vec<(String, String)>> = None;
    for line in &lines[1..lines.len() - 1] {
        let (name, value) = line.split_once(':').expect("NAME:VALUE");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || "-;=".contains(c)),
            "a property name: {name}"
        );
        match (name, value) {
            ("BEGIN", "VEVENT") => {
                assert!(current.is_none(), "nested VEVENT");
                current = Some(Vec::new());
            }
            ("END", "VEVENT") => events.push(current.take().expect("END without BEGIN")),
            _ => {
                if let Some(props) = current.as_mut() {
                    props.push((name.to_string(), value.to_string()));
                }
            }
        }
    }
    assert!(current.is_none(), "an unclosed VEVENT");
    for event in &events {
        let get = |n: &str| event.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert!(get("UID").is_some_and(|u| !u.is_empty()), "UID: {event:?}");
        let stamp = get("DTSTAMP").expect("DTSTAMP");
        assert!(
            stamp.len() == 16 && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T',
            "DTSTAMP is UTC date-time: {stamp}"
        );
        let start = get("DTSTART;VALUE=DATE").expect("an all-day DTSTART");
        assert!(start.len() == 8 && start.bytes().all(|b| b.is_ascii_digit()));
        for text in [get("SUMMARY"), get("DESCRIPTION")].into_iter().flatten() {
            // every `,` and `;` escaped, every backslash an escape
            let mut chars = text.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => assert!(
                        matches!(chars.next(), Some('\\' | ';' | ',' | 'n' | 'N')),
                        "a bad escape in {text}"
                    ),
                    ',' | ';' => panic!("unescaped `{c}` in {text}"),
                    _ => {}
                }
            }
        }
    }
    events
}

fn uids_and_starts(events: &[Vec<(String, String)>]) -> Vec<(String, String)> {
    events
        .iter()
        .map(|e| {
            let get = |n: &str| e.iter().find(|(k, _)| k == n).unwrap().1.clone();
            (get("UID"), get("DTSTART;VALUE=DATE"))
        })
        .collect()
}

#[test]
fn timeline_as_ics_is_valid_icalendar_whose_uids_survive_a_moved_date() {
    let (dir, old, new) = workspace("ics");
    let first = offer_notes(&["timeline", "--format", "ics", &old, &new]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let before = uids_and_starts(&parse_ics(&stdout(&first)));
    assert_eq!(before.len(), 4, "{before:?}");
    let mut uids: Vec<&String> = before.iter().map(|(u, _)| u).collect();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 4, "UIDs are distinct: {before:?}");
    // the company gives a week more, and the folder moves: the same events, one moved
    let moved = dir.join("moved");
    std::fs::create_dir_all(&moved).unwrap();
    let new_moved = moved.join("2026.offer");
    std::fs::write(
        &new_moved,
        SEARCH_2026.replace("expires: 2026-12-08", "expires: 2026-12-14"),
    )
    .unwrap();
    std::fs::remove_file(&new).unwrap();
    let second = offer_notes(&["timeline", "--format", "ics", &old, &path(&new_moved)]);
    let after = uids_and_starts(&parse_ics(&stdout(&second)));
    let start_of = |list: &[(String, String)], uid: &str| {
        list.iter().find(|(u, _)| u == uid).map(|(_, s)| s.clone())
    };
    for (uid, start) in &before {
        let now = start_of(&after, uid).unwrap_or_else(|| panic!("{uid} kept: {after:?}"));
        if start == "20261208" {
            assert_eq!(now, "20261214", "the deadline moved, under the same UID");
        } else {
            assert_eq!(&now, start);
        }
    }
    assert_eq!(after.len(), before.len());
}

#[test]
fn check_treats_journals_given_together_as_one_workspace() {
    let (dir, old, new) = workspace("check");
    let out = offer_notes(&["check", "--format", "concise", &old, &new]);
    let text = stdout(&out);
    let fired: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("[same-company-again]"))
        .collect();
    assert_eq!(fired.len(), 1, "once, on the 2026 Harbor only: {text}");
    assert!(fired[0].contains("2026.offer:6:1:"), "{}", fired[0]);
    assert!(
        fired[0].contains(&format!(
            "You walked away from Harbor Analytics, Inc. on 2024-03-02 at $128,000 after asking $140,000, in {old}"
        )),
        "{}",
        fired[0]
    );
    assert!(fired[0].contains("15–20%"), "{}", fired[0]);
    // the folder is the same workspace
    let folder = offer_notes(&["check", "--format", "concise", &path(&dir)]);
    assert!(
        stdout(&folder).contains("[same-company-again]"),
        "{}",
        stdout(&folder)
    );
    // one journal alone knows nothing of the other
    let alone = offer_notes(&["check", "--format", "concise", &new]);
    assert!(
        !stdout(&alone).contains("same-company-again"),
        "{}",
        stdout(&alone)
    );
}

#[test]
fn a_company_with_a_similar_name_stays_quiet() {
    let dir = scratch("quiet");
    let old = dir.join("old.offer");
    let new = dir.join("new.offer");
    std::fs::write(
        &old,
        "# 2024\ntoday: 2026-11-30\n\n## Acme Robotics\nstatus: declined\nbase: $120,000\ndecision 2024-03-02: walk\n\n## Meta\nstatus: declined\nbase: $150,000\ndecision 2024-03-04: walk\n",
    )
    .unwrap();
    std::fs::write(
        &new,
        "# 2026\ntoday: 2026-11-30\n\n## Acme Robotic Systems\nstatus: live\nbase: $150,000\n\n## Metabase\nstatus: live\nbase: $150,000\n",
    )
    .unwrap();
    let out = offer_notes(&["check", "--format", "concise", &path(&old), &path(&new)]);
    assert!(
        !stdout(&out).contains("same-company-again"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn history_and_timeline_say_what_to_do_about_a_missing_journal() {
    let (_dir, old, _new) = workspace("missing");
    for command in ["history", "timeline"] {
        let out = offer_notes(&[command, &old, "no-such-journal.offer"]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            stderr(&out).contains("no-such-journal.offer"),
            "{command}: {}",
            stderr(&out)
        );
        // what could be read is still shown
        assert!(!stdout(&out).is_empty(), "{command}");
    }
    let out = offer_notes(&["history", "--format", "yaml", &old]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bidi_controls_in_a_company_name_are_shown_escaped_in_the_terminal() {
    let dir = scratch("bidi");
    let file = dir.join("bidi.offer");
    std::fs::write(
        &file,
        "# x\ntoday: 2026-11-30\ndecision-date: 2026-12-05\n\n## Evil\u{202e} Corp\nstatus: live\nbase: $100,000\n",
    )
    .unwrap();
    for command in [
        vec!["history", "--format", "text"],
        vec!["history", "--format", "markdown"],
        vec!["timeline", "--format", "text"],
    ] {
        let mut args = command.clone();
        let name = path(&file);
        args.push(&name);
        let shown = stdout(&offer_notes(&args));
        assert!(!shown.contains('\u{202e}'), "{command:?}: {shown}");
        assert!(shown.contains("Evil<U+202E> Corp"), "{command:?}: {shown}");
    }
}
