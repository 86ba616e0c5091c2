//! Words people write where a value goes that the format can't read as one — `status:
//! pending`, `manager: vague`, `equity: 2000 RSUs` — and the message naming the nearest
//! accepted forms. Nothing here is accepted: where wording could mean two things, the person
//! chooses (SPEC §1: a malformed value is an error on its line, saying what was expected).

use super::values::parse;
use super::Status;
use crate::syntax::Rule;

/// The ratings as the format accepts them, for messages.
const RATINGS: &str = "`strong`, `ok` or `weak` (also `+`, `=`, `-`)";

/// Words whose meaning is near one rating, comma-separated.
const NEAR_RATINGS: &[(&str, &str)] = &[
    (
        "strong",
        "good, great, excellent, amazing, solid, high, stellar, fantastic, superb",
    ),
    (
        "ok",
        "fine, average, decent, mixed, medium, meh, so-so, neutral, mid, fair, alright, moderate",
    ),
    (
        "weak",
        "bad, poor, low, terrible, awful, concerning, worrying, red flag",
    ),
];

/// Words people use for where an offer stands, comma-separated, and the statuses they may mean.
const NEAR_STATUSES: &[(&str, &[Status])] = {
    use Status::*;
    &[
        (
            "pending, open, waiting, considering, negotiating, deciding, active, ongoing, in progress, in-progress, on hold, tbd, unknown, undecided",
            &[Live, Interviewing],
        ),
        (
            "offer, offered, received, verbal, verbal offer, on the table, negotiation",
            &[Live],
        ),
        (
            "applied, applying, screening, screened, onsite, on-site, interview, interviews, in process, in-process, loop, final round, phone screen, take-home, process",
            &[Interviewing],
        ),
        (
            "rejected, turned down, passed, lost, closed, dead, ghosted, cancelled, canceled, expired, no offer, not selected, dropped, pulled, reneged",
            &[Declined, Withdrawn, Rescinded],
        ),
        (
            "agreed, committed, said yes, yes, verbal yes",
            &[Accepted, Signed],
        ),
        (
            "hired, joined, working, employed, employee, my job, day job, here",
            &[Started, Current],
        ),
    ]
};

/// Whether `list` (comma-separated) holds the whole value or its first word.
fn lists(list: &str, whole: &str, first_word: &str) -> bool {
    list.split(", ")
        .any(|word| word == whole || word == first_word)
}

/// The value lower-cased and its first word.
fn words(written: &str) -> (String, String) {
    let lower = written.to_ascii_lowercase();
    let first = lower
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    (lower, first)
}

/// Why `text` is not a rating, naming the nearest accepted forms.
pub fn not_a_rating(text: &str) -> String {
    let written = text.trim();
    if written.is_empty() {
        return format!("this needs a rating: {RATINGS}");
    }
    let (lower, first_word) = words(written);
    if parse(Rule::rating_value, &first_word).is_some() {
        return format!(
            "write the rating first and any detail after a dash, like `{first_word} — {}`",
            written[first_word.len()..].trim()
        );
    }
    if let Some(typo) = nearest(&first_word, &["strong", "okay", "weak"]) {
        return format!(
            "`{written}` is not a rating; did you mean `{typo}`? Ratings are {RATINGS}"
        );
    }
    let near = NEAR_RATINGS
        .iter()
        .find(|(_, list)| lists(list, &lower, &first_word))
        .map(|(rating, _)| *rating);
    match near {
        Some(rating) => format!(
            "`{written}` is not a rating; did you mean `{rating}`? Ratings are {RATINGS}, and your word can follow as a note, like `{rating} — {written}`"
        ),
        None => format!(
            "`{written}` is not a rating: use {RATINGS}, and keep your word as a note after it, like `weak — {written}`"
        ),
    }
}

/// Why `text` is not a status, naming the statuses it is nearest to and what each means.
pub fn not_a_status(text: &str) -> String {
    let written = text.trim();
    let (lower, first_word) = words(written);
    if let Some(status) = Status::ALL.iter().find(|s| s.name() == first_word) {
        return format!(
            "write the status first and any note after a dash, like `{} — {}`",
            status.name(),
            written[first_word.len()..].trim()
        );
    }
    let names: Vec<&str> = Status::ALL.iter().map(|s| s.name()).collect();
    let near: Vec<Status> = NEAR_STATUSES
        .iter()
        .find(|(list, _)| lists(list, &lower, &first_word))
        .map(|(_, statuses)| statuses.to_vec())
        .or_else(|| {
            let name = nearest(&first_word, &names)?;
            Status::ALL
                .iter()
                .copied()
                .find(|s| s.name() == name)
                .map(|s| vec![s])
        })
        .unwrap_or_default();
    if near.is_empty() {
        let shown = if written.is_empty() { "this" } else { written };
        return format!(
            "`{shown}` is not a status: use one of {}, like `live`",
            or_list(&names)
        );
    }
    let described: Vec<String> = near
        .iter()
        .map(|s| format!("`{}` ({})", s.name(), s.meaning()))
        .collect();
    format!(
        "`{written}` is not a status; did you mean {}?",
        or_list(&described)
    )
}

/// A grant written as a share count or a percentage of the company (`2000 RSUs`, `0.5%`):
/// it has no money value to add to total comp, so say what to write instead.
pub fn equity_without_value(text: &str) -> Option<String> {
    let written = text.trim();
    let lower = written.to_ascii_lowercase();
    let example = "like `$160k over 4 years` or `$40k/yr`";
    if !lower.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let counts_shares = ["rsu", "psu", "share", "option", "unit", "stock"]
        .iter()
        .any(|word| lower.contains(word));
    if counts_shares {
        return Some(format!(
            "`{written}` has no value: write the grant's money value, {example} (shares × the price they were valued at)"
        ));
    }
    parse(Rule::percent, &lower).map(|_| {
        format!(
            "`{written}` of the company has no money value here: write what the grant is worth, {example}, and rate it with `equity-quality`"
        )
    })
}

/// The accepted spelling closest to `word` by a slip of the keyboard, if one is close.
fn nearest<'a>(word: &str, names: &[&'a str]) -> Option<&'a str> {
    let allowed = match word.chars().count() {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    };
    names
        .iter()
        .map(|name| (super::keys::edit_distance(word, name), *name))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// `a`, `a or b`, `a, b or c`.
fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => format!(
            "{} or {}",
            rest.iter()
                .map(|s| s.as_ref())
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_listed_is_read_as_a_whole_value_or_a_first_word() {
        assert!(lists(NEAR_STATUSES[0].0, "on hold", "on"));
        assert!(lists(NEAR_STATUSES[0].0, "pending since monday", "pending"));
        assert!(!lists(NEAR_STATUSES[0].0, "pend", "pend"));
        // no listed word is itself a status or a rating: those are accepted, never hinted
        for (list, _) in NEAR_STATUSES {
            for word in list.split(", ") {
                assert!(Status::ALL.iter().all(|s| s.name() != word), "{word}");
            }
        }
        for (_, list) in NEAR_RATINGS {
            for word in list.split(", ") {
                assert!(parse(Rule::rating_value, word).is_none(), "{word}");
            }
        }
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(or_list(&["a"]), "a");
        assert_eq!(or_list(&["a", "b", "c"]), "a, b or c");
    }
}
