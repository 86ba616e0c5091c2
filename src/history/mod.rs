//! The history of a person's searches (SPEC §5): every offer section as a [`Record`] (who,
//! when, what was asked and got, what was decided), the companies walked away from in other
//! journals of a workspace ([`Elsewhere`]), and what each section's company did before.
//!
//! Built from the model and the one advisor, never worked out again; no LSP types. Matching
//! is by [`CompanyKey`] in hash maps, so building and looking up are linear.

pub mod company;
pub mod timeline;

pub use company::{company_key, CompanyKey};

use crate::analysis::{Analysis, REENGAGE_MONTHS, REENGAGE_PERCENT};
use crate::model::{Journal, Money, Section, Status, Verdict};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// One counter round as the history shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub date: Option<NaiveDate>,
    pub asked: Money,
    pub got: Option<Money>,
}

/// One offer section of one journal, as the history tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The journal, as the caller names it (a path as given, a URI).
    pub journal: Arc<str>,
    /// Which search of the journal (0 is the first) and its `# ` title.
    pub search: usize,
    pub search_title: Option<String>,
    /// The section's index in the journal.
    pub section: usize,
    /// 1 for the journal's first section of this company, 2 for its second…: with the key,
    /// what identifies the section when its dates move (calendar UIDs).
    pub occurrence: usize,
    /// As written in the heading (without label and annotations), and its key.
    pub company: String,
    pub key: CompanyKey,
    pub role: Option<String>,
    pub recruiter: Option<String>,
    pub status: Option<Status>,
    /// The opening number (`base`).
    pub opening: Option<Money>,
    pub rounds: Vec<Round>,
    /// What they offered last: the live number (the last `got`, else `base`).
    pub last_offer: Option<Money>,
    pub decision: Option<(Option<NaiveDate>, Verdict)>,
    /// Your own decision date (the section's, else its search's).
    pub decision_date: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
    pub review: Option<NaiveDate>,
    /// The last `outcome` written.
    pub outcome: Option<(Option<NaiveDate>, String)>,
    /// History (an earlier search, or decided over a year ago): no advice about now.
    pub history: bool,
    /// Still being weighed (the advisor's `Situation::open`).
    pub open: bool,
}

impl Record {
    /// The date the history orders the section by: its decision, else its last counter,
    /// the offer's deadline, your decision date, the review — the first that is written.
    pub fn date(&self) -> Option<NaiveDate> {
        self.decision
            .and_then(|(date, _)| date)
            .or_else(|| self.rounds.iter().rev().find_map(|r| r.date))
            .or(self.expires)
            .or(self.decision_date)
            .or(self.review)
    }

    /// You walked away: declined it, or decided to walk (reneging included). Leaving a job
    /// you held is a resignation, not a walk-away: nobody re-engages you to your own job.
    pub fn walked(&self) -> bool {
        is_walk(self.status, self.decision.map(|(_, verdict)| verdict))
    }

    /// The asked amount of the last counter.
    pub fn last_asked(&self) -> Option<Money> {
        self.rounds.last().map(|r| r.asked)
    }

    /// What this section says to a later one of the same company.
    pub fn seen(&self, same_journal: bool) -> Seen {
        Seen {
            company: self.company.clone(),
            how: if self.walked() {
                How::Walked
            } else if matches!(self.decision, Some((_, Verdict::Accept)))
                || matches!(
                    self.status,
                    Some(Status::Accepted | Status::Signed | Status::Started | Status::Current)
                )
            {
                How::Accepted
            } else {
                How::Offered
            },
            date: self.decision.and_then(|(d, _)| d).or_else(|| self.date()),
            at: self.last_offer,
            asked: self.last_asked(),
            place: if same_journal {
                Place::Search(self.search_title.clone())
            } else {
                Place::Journal(self.journal.clone())
            },
            section: same_journal.then_some(self.section),
        }
    }
}

/// A walk-away: a decision to walk (reneging included) that is not leaving a job you held,
/// or a declined offer you did not decide to accept.
fn is_walk(status: Option<Status>, verdict: Option<Verdict>) -> bool {
    let resigned = matches!(status, Some(Status::Started | Status::Current));
    let declined = status == Some(Status::Declined) && verdict != Some(Verdict::Accept);
    (verdict == Some(Verdict::Walk) && !resigned) || declined
}

/// Every offer section of one analysed journal, in the journal's order. Sections that hold
/// no offer data (a `## Questions to ask` of notes) are not offers and are left out.
pub fn records(name: &str, text: &str, journal: &Journal, analysis: &Analysis) -> Vec<Record> {
    let name: Arc<str> = Arc::from(name);
    let mut seen: HashMap<CompanyKey, usize> = HashMap::new();
    journal
        .offers()
        .filter(|(_, s)| s.has_offer_data())
        .map(|(index, section)| {
            let key = company_key(section.name.as_deref().unwrap_or_default());
            let occurrence = seen.entry(key.clone()).or_default();
            *occurrence += 1;
            record(
                &name,
                text,
                journal,
                analysis,
                index,
                section,
                key,
                *occurrence,
            )
        })
        .collect()
}

/// One journal's records and the `today` it was read on (its `today:` when pinned).
#[derive(Debug, Clone, PartialEq)]
pub struct JournalRecords {
    pub today: NaiveDate,
    pub records: Vec<Record>,
}

/// The records of one journal's text, parsed and analysed (no rules run): what the server
/// keeps per file, to build the [`Elsewhere`] of the others, and what `history` and
/// `timeline` list.
pub fn records_of_text(name: &str, text: &str, config: &crate::Config) -> JournalRecords {
    let lines = crate::syntax::lines(text);
    let journal = crate::model::build(text, &lines);
    let analysis = crate::analysis::analyze(&journal, config);
    JournalRecords {
        today: analysis.today,
        records: records(name, text, &journal, &analysis),
    }
}

/// One offer in the history, in order, with the company's section before it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub record: &'a Record,
    /// The date it is ordered by: its own ([`Record::date`]), else the nearest dated section
    /// before it in its journal (after it, at the journal's start); `None` when its journal
    /// has no dates at all.
    pub date: Option<NaiveDate>,
    /// The same company's entry before this one, in any journal: what they offered last time.
    pub previous: Option<&'a Record>,
}

/// Every offer of every journal, oldest first. An undated section keeps its place in its
/// journal (it takes the date of the dated section before it); journals with no dates at all
/// come last, in the order given. Linear but for the sort.
pub fn ordered(journals: &[JournalRecords]) -> Vec<Entry<'_>> {
    let mut entries = Vec::new();
    for journal in journals {
        let first = journal.records.iter().find_map(Record::date);
        let mut carried = first;
        for record in &journal.records {
            if let Some(date) = record.date() {
                carried = Some(date);
            }
            entries.push(Entry {
                record,
                date: carried,
                previous: None,
            });
        }
    }
    // stable: ties keep the journals' order and each journal's own order
    entries.sort_by_key(|e| (e.date.is_none(), e.date));
    let mut last: HashMap<&CompanyKey, &Record> = HashMap::new();
    for entry in &mut entries {
        entry.previous = last.insert(&entry.record.key, entry.record);
    }
    entries
}

#[allow(clippy::too_many_arguments)]
fn record(
    name: &Arc<str>,
    text: &str,
    journal: &Journal,
    analysis: &Analysis,
    index: usize,
    section: &Section,
    key: CompanyKey,
    occurrence: usize,
) -> Record {
    let a = analysis.offer(index);
    Record {
        journal: name.clone(),
        search: section.search,
        search_title: search_title(text, journal, section.search),
        section: index,
        occurrence,
        company: section.company(),
        key,
        role: section.role.as_ref().map(|r| r.value.clone()),
        recruiter: section.recruiter.as_ref().map(|r| r.value.clone()),
        status: section.status(),
        opening: section.base.as_ref().map(|b| b.value),
        rounds: section
            .counters
            .iter()
            .map(|c| Round {
                date: c.value.date,
                asked: c.value.asked,
                got: c.value.got,
            })
            .collect(),
        last_offer: a.and_then(|a| a.live).map(|l| l.base),
        decision: section.decision().map(|d| (d.value.date, d.value.verdict)),
        decision_date: a.and_then(|a| a.decision_date).map(|d| d.value),
        expires: section.expires.as_ref().map(|e| e.value),
        review: section.review.as_ref().map(|r| r.value),
        outcome: section
            .outcomes
            .last()
            .map(|o| (o.value.date, o.value.text.clone())),
        history: a.is_some_and(|a| a.situation.history),
        open: a.is_some_and(|a| a.situation.open),
    }
}

/// The `# ` title of search number `search`.
fn search_title(text: &str, journal: &Journal, search: usize) -> Option<String> {
    let profile = journal.search_profile(search);
    let line = match (search, profile.heading) {
        (0, _) => journal.title.as_ref().map(|t| t.value.clone())?,
        (_, Some(heading)) => heading.of(text).trim_start_matches('#').to_string(),
        (_, None) => return None,
    };
    Some(line.trim().to_string()).filter(|t| !t.is_empty())
}

/// How a company's earlier section ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// You walked away (declined, or decided to walk).
    Walked,
    /// You said yes, or worked there.
    Accepted,
    /// Neither: an offer, a process, that the journal does not close.
    Offered,
}

/// Where an earlier section is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// An earlier search of the same journal, by its title.
    Search(Option<String>),
    /// Another journal of the workspace.
    Journal(Arc<str>),
}

/// What a company did before, seen from a later section: the one fact the rule and the
/// heading hover both state, in [`Seen::sentence`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub company: String,
    pub how: How,
    pub date: Option<NaiveDate>,
    /// What they offered last.
    pub at: Option<Money>,
    /// What you asked last.
    pub asked: Option<Money>,
    pub place: Place,
    /// The section, when it is in the same journal.
    pub section: Option<usize>,
}

impl Seen {
    /// "You walked away from Initrode on 2024-04-28 at $140,000 after asking $150,000, in
    /// your search “Job search 2024”" — the person's own numbers, as the product writes money.
    pub fn sentence(&self) -> String {
        let company = &self.company;
        let mut out = match self.how {
            How::Walked => format!("You walked away from {company}"),
            How::Accepted => format!("You said yes to {company}"),
            How::Offered => format!("{company} made you an offer"),
        };
        if let Some(date) = self.date {
            out.push_str(&format!(" on {date}"));
        }
        if let Some(at) = self.at {
            out.push_str(&format!(" at {at}"));
        }
        if let Some(asked) = self.asked {
            out.push_str(&format!(" after asking {asked}"));
        }
        match &self.place {
            Place::Search(Some(title)) => out.push_str(&format!(", in your search “{title}”")),
            Place::Search(None) => out.push_str(", in an earlier search"),
            Place::Journal(journal) => out.push_str(&format!(", in {journal}")),
        }
        out
    }
}

/// Companies come back after a walk-away [004]: what `same-company-again` and the heading
/// hover say about an earlier walk, in one place.
pub fn walked_again(seen: &Seen) -> String {
    let ((pl, ph), (ml, mh)) = (REENGAGE_PERCENT, REENGAGE_MONTHS);
    format!(
        "{}. About {pl}–{ph}% of walk-aways re-engage {ml}–{mh} months later, often with a better offer: start from their last number, not from zero",
        seen.sentence()
    )
}

/// The offers of the other journals of one workspace, by company key: built once from
/// every journal's records, shared cheaply (clones share one map), and looked at by
/// [`crate::check_in`] without the journal being checked ([`Elsewhere::excluding`]).
#[derive(Debug, Clone, Default)]
pub struct Elsewhere {
    by_key: Arc<HashMap<CompanyKey, Vec<Record>>>,
    /// The journal whose own records are passed over.
    excluded: Option<Arc<str>>,
}

impl Elsewhere {
    /// Nothing elsewhere: a journal checked on its own.
    pub fn none() -> Elsewhere {
        Elsewhere::default()
    }

    /// From every journal's records (one pass, hashed by company key).
    pub fn from_records<'a>(records: impl IntoIterator<Item = &'a Record>) -> Elsewhere {
        let mut by_key: HashMap<CompanyKey, Vec<Record>> = HashMap::new();
        for r in records {
            by_key.entry(r.key.clone()).or_default().push(r.clone());
        }
        Elsewhere {
            by_key: Arc::new(by_key),
            excluded: None,
        }
    }

    /// The records of every journal given as `(name, text, config)`: one parse each.
    pub fn of_journals<'a>(
        journals: impl IntoIterator<Item = (&'a str, &'a str, &'a crate::Config)>,
    ) -> Elsewhere {
        let read: Vec<JournalRecords> = journals
            .into_iter()
            .map(|(name, text, config)| records_of_text(name, text, config))
            .collect();
        Elsewhere::from_records(read.iter().flat_map(|j| &j.records))
    }

    /// The same records, without those of `journal` (the one being checked). O(1).
    pub fn excluding(&self, journal: &str) -> Elsewhere {
        Elsewhere {
            by_key: self.by_key.clone(),
            excluded: Some(Arc::from(journal)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The records of a company in other journals.
    pub fn of(&self, key: &CompanyKey) -> impl Iterator<Item = &Record> {
        let excluded = self.excluded.clone();
        self.by_key
            .get(key)
            .into_iter()
            .flatten()
            .filter(move |r| excluded.as_deref() != Some(&*r.journal))
    }
}

/// What a section's company did before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Before {
    pub section: usize,
    /// The latest earlier walk-away (what `same-company-again` speaks of).
    pub walked: Option<Seen>,
    /// The latest earlier section of the company, whatever its end (the hover's history).
    pub last: Option<Seen>,
}

/// For each offer section, what its company did before: in earlier searches of this
/// journal, and in other journals (`elsewhere`) at a date before the section's (or before
/// `today` when the section has no date; an undated walk elsewhere counts). Linear: the
/// journal's earlier searches are kept in a map by key as its searches go by.
pub fn before(
    text: &str,
    journal: &Journal,
    analysis: &Analysis,
    elsewhere: &Elsewhere,
) -> Vec<Before> {
    if journal.searches.len() <= 1 && elsewhere.is_empty() {
        return Vec::new();
    }
    // only a section whose company has an earlier record becomes a `Record`: a keystroke in
    // a long journal costs a key per section, not a record per section
    let one = |index: usize| -> Record {
        let section = &journal.sections[index];
        let key = company_key(section.name.as_deref().unwrap_or_default());
        record(
            &Arc::from(""),
            text,
            journal,
            analysis,
            index,
            section,
            key,
            0,
        )
    };
    // per key, the last section and the last walk-away of the searches before this one
    let mut earlier: HashMap<CompanyKey, (usize, Option<usize>)> = HashMap::new();
    let mut pending: Vec<(CompanyKey, usize, bool)> = Vec::new();
    let mut search = 0;
    let mut out = Vec::new();
    for (index, section) in journal.offers().filter(|(_, s)| s.has_offer_data()) {
        let key = company_key(section.name.as_deref().unwrap_or_default());
        if section.search != search {
            for (key, at, walked) in pending.drain(..) {
                let entry = earlier.entry(key).or_insert((at, None));
                entry.0 = at;
                if walked {
                    entry.1 = Some(at);
                }
            }
            search = section.search;
        }
        let walked_here = is_walk(
            section.status(),
            section.decision().map(|d| d.value.verdict),
        );
        let own = earlier.get(&key).copied();
        let mut others = elsewhere.of(&key).peekable();
        if own.is_none() && others.peek().is_none() {
            pending.push((key, index, walked_here));
            continue;
        }
        let mut last = own.map(|(l, _)| one(l).seen(true));
        let mut walked = own.and_then(|(_, w)| w).map(|w| one(w).seen(true));
        let until = first_date(&one(index)).unwrap_or(analysis.today);
        for other in others {
            if other.date().is_some_and(|d| d > until) {
                continue;
            }
            let seen = other.seen(false);
            if other.walked() && later(&seen, walked.as_ref()) {
                walked = Some(seen.clone());
            }
            if later(&seen, last.as_ref()) {
                last = Some(seen);
            }
        }
        pending.push((key, index, walked_here));
        if walked.is_some() || last.is_some() {
            out.push(Before {
                section: index,
                walked,
                last,
            });
        }
    }
    out
}

/// The earliest date a section has: when its story with the company began.
fn first_date(r: &Record) -> Option<NaiveDate> {
    r.rounds
        .iter()
        .filter_map(|c| c.date)
        .chain(r.decision.and_then(|(d, _)| d))
        .min()
}

/// Whether `candidate` is later than `current` (a dated one beats an undated one).
fn later(candidate: &Seen, current: Option<&Seen>) -> bool {
    match current {
        None => true,
        Some(current) => candidate.date > current.date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Config;

    fn read(name: &str, text: &str) -> JournalRecords {
        records_of_text(name, text, &Config::default())
    }

    #[test]
    fn undated_sections_keep_their_place_in_their_journal() {
        let a = read(
            "a.offer",
            "# a\n## Early\nbase: $1\ndecision 2024-01-05: walk\n## Undated\nbase: $2\n## Late\nbase: $3\ndecision 2024-06-01: accept\n",
        );
        let b = read(
            "b.offer",
            "# b\n## Middle\nbase: $4\ndecision 2024-03-01: walk\n",
        );
        let none = read("c.offer", "# c\n## Nodate\nbase: $5\n");
        let journals = [none, a, b];
        let order: Vec<&str> = ordered(&journals)
            .iter()
            .map(|e| e.record.company.as_str())
            .collect();
        assert_eq!(order, ["Early", "Undated", "Middle", "Late", "Nodate"]);
    }

    #[test]
    fn a_walk_elsewhere_after_the_section_is_not_before_it() {
        let later = read(
            "later.offer",
            "# later\n## Globex\nbase: $100\ndecision 2026-05-01: walk\n",
        );
        let elsewhere = Elsewhere::from_records(&later.records).excluding("now.offer");
        let text = "# now\ntoday: 2026-11-30\n## Globex\nstatus: declined\nbase: $90\ncounter 2025-01-02: asked $120, got $95\ndecision 2025-01-05: walk\n";
        let report = crate::check_in(text, &Config::default(), &elsewhere);
        assert!(
            report.before.iter().all(|b| b.walked.is_none()),
            "{:?}",
            report.before
        );
        // the journal's own records are never its own history
        let own = Elsewhere::from_records(&later.records).excluding("later.offer");
        let again =
            "# later\ntoday: 2026-11-30\n## Globex\nbase: $100\ndecision 2026-05-01: walk\n";
        assert!(crate::check_in(again, &Config::default(), &own)
            .before
            .is_empty());
    }

    #[test]
    fn leaving_a_job_you_held_is_not_a_walk_away() {
        let j = read(
            "j.offer",
            "# j\n## Initech (current job)\nstatus: current\nbase: $100\ndecision 2025-01-01: walk\n## Globex\nstatus: declined\nbase: $100\n",
        );
        let walked: Vec<bool> = j.records.iter().map(Record::walked).collect();
        assert_eq!(walked, [false, true]);
    }
}
