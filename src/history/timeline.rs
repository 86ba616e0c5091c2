//! What comes next (SPEC §5 `timeline`): decision dates, offer deadlines and review dates,
//! with what to do at each. The "what to do" fragments live here once; the rules that speak
//! of the same dates (`decision-date-passed`, `expires-before-decision-date`, `review-due`)
//! say them with these functions.

use super::Record;
use chrono::NaiveDate;

/// What kind of date an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Your own `decision-date` for an offer still being weighed.
    DecisionDate,
    /// The company's deadline (`expires`).
    Expires,
    /// The `review:` date of a decision, with no `outcome` written yet.
    Review,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::DecisionDate => "decision-date",
            Kind::Expires => "expires",
            Kind::Review => "review",
        }
    }

    /// In a sentence: "your decision date".
    pub fn words(self) -> &'static str {
        match self {
            Kind::DecisionDate => "your decision date",
            Kind::Expires => "the offer expires",
            Kind::Review => "review",
        }
    }
}

/// Decide on the date you set, and not before [000]: what the decision date asks.
pub fn decide_fragment(on: NaiveDate) -> String {
    format!("decide (`decision {on}: walk|accept|counter|wait`), or set a new date on purpose")
}

/// What to do when the company's deadline comes before your own date [000].
pub fn extension_fragment(decision_date: NaiveDate) -> String {
    format!("ask for an extension to {decision_date} (short, grateful, and say why), or move your date knowingly")
}

/// What to do on an offer's deadline when your own date is not later.
pub fn expires_fragment() -> &'static str {
    "decide by then, or ask for more time before it passes (short, grateful, and say why)"
}

/// What to do once an offer's deadline has passed with nothing decided: `who` is the
/// recruiter's name, or "them".
pub fn expired_fragment(who: &str) -> String {
    format!("ask {who} whether it still stands, then record a decision or `status: withdrawn`")
}

/// What a review date asks: look back at the decision.
pub fn review_fragment() -> &'static str {
    "look back — what happened? Write an `outcome` line, and a `lesson` if there is one"
}

/// One date of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub date: NaiveDate,
    pub kind: Kind,
    pub company: String,
    pub role: Option<String>,
    pub journal: std::sync::Arc<str>,
    /// Before `today`: still to do, and late.
    pub overdue: bool,
    /// What to do, in the rule's words.
    pub what: String,
    /// What identifies the event when its date moves: the journal's file name, the company
    /// key, the section's occurrence of that company, and the kind. Never the date, never a
    /// full path.
    pub uid: String,
}

/// The events of every record still to act on, in date order (ties: as the journals list
/// them). `today` marks what is overdue.
pub fn events(records: &[Record], today: NaiveDate) -> Vec<Event> {
    let mut out = Vec::new();
    for r in records {
        // an offer still being weighed, undecided, and not history: its dates ask for action
        let weighing = r.open && !r.history && r.decision.is_none();
        let mut push = |date: NaiveDate, kind: Kind, what: String| {
            out.push(Event {
                date,
                kind,
                company: r.company.clone(),
                role: r.role.clone(),
                journal: r.journal.clone(),
                overdue: date < today,
                what,
                uid: uid(r, kind),
            })
        };
        if weighing {
            if let Some(date) = r.decision_date {
                // a decision date gone by is decided on today
                push(date, Kind::DecisionDate, decide_fragment(date.max(today)));
            }
            if let Some(expires) = r.expires {
                let what = match r.decision_date {
                    _ if expires < today => {
                        expired_fragment(r.recruiter.as_deref().unwrap_or("them"))
                    }
                    Some(mine) if expires < mine => extension_fragment(mine),
                    _ => expires_fragment().to_string(),
                };
                push(expires, Kind::Expires, what);
            }
        }
        if let (Some(review), None) = (r.review, &r.outcome) {
            push(review, Kind::Review, review_fragment().to_string());
        }
    }
    out.sort_by_key(|e| e.date);
    out
}

fn uid(r: &Record, kind: Kind) -> String {
    let file = std::path::Path::new(&*r.journal)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("journal");
    let file: String = file
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!(
        "{}-{}-{}-{}@offer-notes",
        file,
        r.key.slug(),
        r.occurrence,
        kind.name()
    )
}
