//! Draft emails — decline, renege, resign, counter — filled with a section's names and numbers.
//! The wording lives in `templates/*.md` as data; this file only chooses and fills it in.
//!
//! A template is Markdown: an optional `<!-- … -->` header for whoever edits it (dropped when
//! rendering), then the email with `{placeholders}`. A placeholder either always has a value
//! (with a neutral fallback: "Hi there,", "the role") or may be missing — `{role}`, `{live}`,
//! `{recruiter}`, `{hiring_manager}`, `{referrer}` and their `_first` forms — and then the
//! whole line that uses it is left out. A condition (`{again}`, `{recurring_gap}`…) prints
//! nothing and keeps its line only when it holds, so the wording stays in the template while
//! the situation (read from the one advisor) chooses it. Each template's header lists what it
//! uses.

use crate::analysis::{self, OfferAnalysis};
use crate::config::Config;
use crate::model::{
    Basis, DraftKind, Equity, Factor, Field, Journal, Money, Rating, Section, Status, Target,
    Verdict,
};

const DECLINE: &str = include_str!("../../templates/decline.md");
const RENEGE: &str = include_str!("../../templates/renege.md");
const RESIGN: &str = include_str!("../../templates/resign.md");
const COUNTER: &str = include_str!("../../templates/counter.md");
const EXTENSION: &str = include_str!("../../templates/extension.md");
/// ```` ```email ```` with no kind: a greeting and a sign-off to write between.
const BLANK: &str = "Hi {to_first},\n\n[your message]\n\nBest,\n[your name]\n";

/// With no floor to ask for (none written, or the offer already meets it), a calibrated counter
/// asks about 5% above the number on the table: the gap [004] calls small — worth one counter,
/// not worth the relationship.
const CALIBRATED_COUNTER: i64 = 10_500; // hundredths of a percent of the live number

/// The one sentence of reason in a decline, in the spirit of [004] ("the numbers don't quite
/// work for where I am"): about the package when it's the money, about fit when it's the role.
const REASON_PACKAGE: &str = "the package doesn't fit what I need at this stage of my career";
const REASON_FIT: &str = "the role isn't quite the fit I'm looking for next";

/// What a counter says it is glad about: never what the journal rates weak (SPEC §1 Drafts —
/// no claims the journal contradicts). The work is the scope; the people, the team and manager.
const EXCITED_BOTH: &str = "I'm excited about the work and the people";
const EXCITED_WORK: &str = "I'm excited about the work";
const EXCITED_PEOPLE: &str = "I'm excited about the people";
const EXCITED_NEITHER: &str = "I've valued our conversations";

/// The draft kinds that fit where this offer stands (SPEC §1 Drafts, read from the one advisor):
/// a renege only on the offer being left (accepted/signed, and not just confirmed with
/// `decision: accept`); a resignation only for a started job (`started`, or `current`: your
/// current job); a counter only while one is still the advice (`Situation::counter_fits`: never
/// after a `walk` or an `accept` decision, nor where the advice is to walk now); a decline for a
/// live offer (or one with no status) not already accepted. A closed offer offers nothing.
/// Order: most fitting first.
pub fn available(section: &Section, offer: Option<&OfferAnalysis>) -> Vec<DraftKind> {
    if section.is_profile() {
        return Vec::new();
    }
    let decision = section.decision().map(|d| d.value.verdict);
    match section.status() {
        Some(Status::Accepted | Status::Signed) if decision == Some(Verdict::Accept) => Vec::new(),
        Some(Status::Accepted | Status::Signed) => vec![DraftKind::Renege],
        Some(Status::Started | Status::Current) => vec![DraftKind::Resign],
        // no offer yet (interviewing), or none any more: nothing to answer
        Some(Status::Interviewing | Status::Declined | Status::Withdrawn | Status::Rescinded) => {
            Vec::new()
        }
        // A heading over plain notes is not an offer to answer.
        None if !looks_like_offer(section) => Vec::new(),
        Some(Status::Live) | None => {
            if decision == Some(Verdict::Accept) {
                return Vec::new();
            }
            // Most live offers are worth closing [004]: the counter comes first while it is
            // still the advice.
            let counter = match offer {
                Some(o) => o.situation.counter_fits(&o.recommendation),
                // no analysis at hand: only the decision is known
                None => decision != Some(Verdict::Walk),
            };
            if counter {
                vec![DraftKind::Counter, DraftKind::Decline]
            } else {
                vec![DraftKind::Decline]
            }
        }
    }
}

fn looks_like_offer(section: &Section) -> bool {
    section.has_offer_data()
        || section.recruiter.is_some()
        || section.hiring_manager.is_some()
        || section.referred_by.is_some()
}

/// The whole fenced block, ```` ```email decline ```` … ```` ``` ````, ending with a newline.
pub fn render(
    kind: DraftKind,
    journal: &Journal,
    section: &Section,
    offer: Option<&OfferAnalysis>,
) -> String {
    let computed;
    let offer = match offer {
        Some(offer) => Some(offer),
        None => {
            computed = analyse(journal, section);
            computed.as_ref()
        }
    };
    let template = match kind {
        DraftKind::Decline => DECLINE,
        DraftKind::Renege => RENEGE,
        DraftKind::Resign => RESIGN,
        DraftKind::Counter => COUNTER,
        DraftKind::Extension => EXTENSION,
        DraftKind::Other => BLANK,
    };
    let facts = Facts::new(kind, journal, section, offer);
    let body = fill(strip_header(template), &facts);
    let fence = "`".repeat(longest_backtick_run(&body).max(2) + 1);
    let info = match kind {
        DraftKind::Other => "email".to_string(),
        _ => format!("email {}", kind.name()),
    };
    format!("{fence}{info}\n{body}\n{fence}\n")
}

/// The section's analysis, when the caller had none at hand.
fn analyse(journal: &Journal, section: &Section) -> Option<OfferAnalysis> {
    let index = journal
        .sections
        .iter()
        .position(|s| s.span == section.span && s.name == section.name)?;
    analysis::analyze(journal, &Config::default())
        .offer(index)
        .cloned()
}

/// Drop the `<!-- … -->` note for template editors.
fn strip_header(template: &str) -> &str {
    let trimmed = template.trim_start();
    match trimmed
        .strip_prefix("<!--")
        .and_then(|rest| rest.split_once("-->"))
    {
        Some((_, after)) => after,
        None => trimmed,
    }
}

/// Substitute every `{name}`; leave out lines that name someone the journal doesn't have;
/// keep at most one blank line in a row and none at either end.
fn fill(template: &str, facts: &Facts) -> String {
    let mut lines: Vec<String> = Vec::new();
    'lines: for line in template.lines() {
        let mut out = String::with_capacity(line.len() + 16);
        let mut rest = line;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                out.push_str(&rest[open..]);
                rest = "";
                break;
            };
            let name = &after[..close];
            match facts.value(name) {
                Slot::Known(value) => out.push_str(&value),
                Slot::Missing => continue 'lines,
                // Not a placeholder we know: keep it as written so a test can catch it.
                Slot::Unknown => out.push_str(&rest[open..open + close + 2]),
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        let blank = out.trim().is_empty();
        if blank && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(if blank { String::new() } else { out });
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

enum Slot {
    Known(String),
    /// About someone the journal doesn't name: the line is left out.
    Missing,
    Unknown,
}

/// A person named in the section.
struct Person {
    full: String,
    first: String,
}

impl Person {
    fn from(field: &Option<Box<Field<String>>>) -> Option<Person> {
        let full = field.as_ref()?.value.trim().to_string();
        if !full.chars().any(char::is_alphabetic) {
            return None;
        }
        // "Dr. Kyle Elliott" is greeted as Kyle, not "Dr."
        let first = full
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\''))
            .find(|w| !w.is_empty() && !is_honorific(w))
            .unwrap_or(&full)
            .to_string();
        Some(Person { full, first })
    }
}

fn is_honorific(word: &str) -> bool {
    const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "mx", "dr", "prof", "sir"];
    HONORIFICS.contains(&word.to_ascii_lowercase().as_str())
}

/// What the counter asks for.
struct Ask {
    amount: Money,
    basis: Basis,
    /// The amount on the table, on the same basis and in the same currency.
    current: Money,
    /// The offer is below the floor: the gap recurs every year.
    below_floor: bool,
}

/// Everything a template may ask for, worked out once.
struct Facts<'a> {
    section: &'a Section,
    offer: Option<&'a OfferAnalysis>,
    /// Who the email is written to.
    to: Option<Person>,
    /// Someone else to stay in touch with (the hiring manager, when writing to the recruiter).
    also: Option<Person>,
    recruiter: Option<Person>,
    hiring_manager: Option<Person>,
    referrer: Option<Person>,
    ask: Option<Ask>,
    /// Counters that already got an answer: the next one is worded as a second ask.
    answered_counters: usize,
}

impl<'a> Facts<'a> {
    fn new(
        kind: DraftKind,
        journal: &Journal,
        section: &'a Section,
        offer: Option<&'a OfferAnalysis>,
    ) -> Self {
        let recruiter = Person::from(&section.recruiter);
        let hiring_manager = Person::from(&section.hiring_manager);
        let (to, also) = if kind == DraftKind::Resign {
            // You resign to your manager; the recruiter who hired you is long gone from this.
            (Person::from(&section.hiring_manager), None)
        } else {
            match (
                Person::from(&section.recruiter),
                Person::from(&section.hiring_manager),
            ) {
                (Some(r), Some(m)) if r.full.eq_ignore_ascii_case(&m.full) => (Some(r), None),
                (Some(r), m) => (Some(r), m),
                (None, m) => (m, None),
            }
        };
        Facts {
            section,
            offer,
            to,
            also,
            recruiter,
            hiring_manager,
            referrer: Person::from(&section.referred_by),
            ask: offer.and_then(|o| counter_ask(o, journal, section)),
            answered_counters: offer.map_or_else(
                || {
                    section
                        .counters
                        .iter()
                        .filter(|c| c.value.got.is_some())
                        .count()
                },
                |o| o.situation.answered_counters,
            ),
        }
    }

    fn value(&self, name: &str) -> Slot {
        let known = |s: String| Slot::Known(s);
        // a line that starts with a condition is kept only when it holds
        let condition = |holds: bool| {
            if holds {
                Slot::Known(String::new())
            } else {
                Slot::Missing
            }
        };
        let person = |p: &Option<Person>, full: bool| match p {
            Some(p) if full => Slot::Known(p.full.clone()),
            Some(p) => Slot::Known(p.first.clone()),
            None => Slot::Missing,
        };
        match name {
            "company" => known(self.section.company()),
            "excited" => known(self.excited().into()),
            "first_round" => condition(self.answered_counters == 0),
            "again" => condition(self.answered_counters > 0),
            "team_not_weak" => condition(!self.rated_weak(Factor::Team)),
            "recurring_gap" => condition(self.ask.as_ref().is_some_and(|a| a.below_floor)),
            "no_floor_gap" => condition(!self.ask.as_ref().is_some_and(|a| a.below_floor)),
            "the_role" => known(self.the_role()),
            "role" => match &self.section.role {
                Some(role) if !role.value.trim().is_empty() => known(role.value.trim().into()),
                _ => Slot::Missing,
            },
            "to_first" => known(self.to.as_ref().map_or("there".into(), |p| p.first.clone())),
            "touch_names" => known(self.touch_names()),
            "recruiter" => person(&self.recruiter, true),
            "recruiter_first" => person(&self.recruiter, false),
            "hiring_manager" => person(&self.hiring_manager, true),
            "hiring_manager_first" => person(&self.hiring_manager, false),
            "referrer" => person(&self.referrer, true),
            "referrer_first" => person(&self.referrer, false),
            "reason" => known(self.reason().into()),
            "live" => match self.offer.and_then(|o| o.live) {
                Some(live) => known(live.base.to_string()),
                None => Slot::Missing,
            },
            "ask" => known(
                self.ask
                    .as_ref()
                    .map_or("[your number]".into(), |a| a.amount.to_string()),
            ),
            "ask_what" => known(
                match self.ask.as_ref().map(|a| a.basis) {
                    Some(Basis::Total) => "the total compensation",
                    _ => "the base salary",
                }
                .into(),
            ),
            "the_difference" => known(self.the_difference()),
            "expires" => match &self.section.expires {
                Some(e) => known(e.value.to_string()),
                None => Slot::Missing,
            },
            "decision_date" => match self.offer.and_then(|o| o.decision_date) {
                Some(d) => known(d.value.to_string()),
                None => known("[the date you need]".into()),
            },
            "sign_on_option" => known(self.sign_on_option().into()),
            "equity_option" => known(self.equity_option().into()),
            _ => Slot::Unknown,
        }
    }

    fn rated_weak(&self, factor: Factor) -> bool {
        self.section
            .rating(factor)
            .is_some_and(|r| r.value == Rating::Weak)
    }

    fn excited(&self) -> &'static str {
        let work = !self.rated_weak(Factor::Scope);
        let people = !self.rated_weak(Factor::Team) && !self.rated_weak(Factor::Manager);
        match (work, people) {
            (true, true) => EXCITED_BOTH,
            (true, false) => EXCITED_WORK,
            (false, true) => EXCITED_PEOPLE,
            (false, false) => EXCITED_NEITHER,
        }
    }

    /// Ask to grow what is already in the offer, else to add it.
    fn sign_on_option(&self) -> &'static str {
        let sign_on = self.section.sign_on.as_ref().and_then(|s| s.value);
        if sign_on.is_some_and(|m| m.minor > 0) {
            "a larger sign-on bonus"
        } else {
            "a sign-on bonus"
        }
    }

    fn equity_option(&self) -> &'static str {
        let equity = self.section.equity.as_ref().map(|e| e.value);
        if equity.is_some_and(|e| e != Equity::None) {
            "a larger equity grant"
        } else {
            "an equity grant"
        }
    }

    /// "the Staff Engineer role", or "the role".
    fn the_role(&self) -> String {
        match &self.section.role {
            Some(role) if !role.value.trim().is_empty() => {
                let role = role.value.trim();
                let lower = role.to_lowercase();
                if [" role", " position", " job"]
                    .iter()
                    .any(|s| lower.ends_with(s))
                {
                    format!("the {role}")
                } else {
                    format!("the {role} role")
                }
            }
            _ => "the role".into(),
        }
    }

    /// Whom to stay in touch with, by name [004]: "you, Dana, and with Sam".
    fn touch_names(&self) -> String {
        match (&self.to, &self.also) {
            (Some(to), Some(also)) => format!("you, {}, and with {}", to.first, also.first),
            (Some(to), None) => format!("you, {}", to.first),
            (None, _) => "you and the team".into(),
        }
    }

    fn reason(&self) -> &'static str {
        let Some(offer) = self.offer else {
            return REASON_PACKAGE;
        };
        let below = offer.gap.is_some_and(|g| g.is_below());
        let weak = offer.role.verdict == Some(analysis::Strength::Weak);
        if weak && !below {
            REASON_FIT
        } else {
            REASON_PACKAGE
        }
    }

    fn the_difference(&self) -> String {
        match self
            .ask
            .as_ref()
            .and_then(|a| a.amount.checked_sub(a.current))
        {
            Some(gap) if gap.minor > 0 => format!("the {} difference", gap.whole()),
            _ => "the difference".into(),
        }
    }
}

/// The number to counter with [004], in the offer's currency: the floor when the offer is below
/// it (on the floor's basis, converted with the journal's `exchange-rate`, rounded up so it never
/// asks for less), otherwise a calibrated ~5% above what's on the table — or the wish, if that
/// is closer. With no floor it can be compared with, ~5% above the live base.
fn counter_ask(offer: &OfferAnalysis, journal: &Journal, section: &Section) -> Option<Ask> {
    let live = offer.live?.base;
    let currency = live.currency;
    // the user's own `plan: ask MONEY` wins — even below the floor, because the plan says so
    if let Some(amount) = planned_ask(journal, section, currency) {
        return Some(Ask {
            amount,
            basis: Basis::Base,
            current: live,
            below_floor: offer.gap.is_some_and(|g| g.is_below()),
        });
    }
    let in_offer_currency = |m: Money| analysis::convert(journal, section, m, currency);
    let gap = offer.gap.and_then(|g| {
        Some((
            g,
            in_offer_currency(g.floor)?,
            in_offer_currency(g.measured)?,
        ))
    });
    if let Some((gap, floor, measured)) = gap {
        if gap.is_below() {
            // a converted floor has cents: round up, never down past the floor
            let amount = if gap.floor.currency == currency {
                floor
            } else {
                round_up(floor)
            };
            return Some(Ask {
                amount,
                basis: gap.basis,
                current: measured,
                below_floor: true,
            });
        }
        let calibrated = round_up(measured.percent_of(CALIBRATED_COUNTER));
        let wish = offer
            .wish
            .map(|w| w.value)
            .filter(|w: &Target| {
                w.basis == gap.basis
                    && w.amount.currency == currency
                    && w.amount.minor > measured.minor
                    && w.amount.minor < calibrated.minor
            })
            .map(|w| w.amount);
        return Some(Ask {
            amount: wish.unwrap_or(calibrated),
            basis: gap.basis,
            current: measured,
            below_floor: false,
        });
    }
    Some(Ask {
        amount: round_up(live.percent_of(CALIBRATED_COUNTER)),
        basis: Basis::Base,
        current: live,
        below_floor: false,
    })
}

/// The ask of the section's own `plan:` line, in the offer's currency (rounded up to a number
/// a person says when converted).
fn planned_ask(
    journal: &Journal,
    section: &Section,
    currency: crate::model::Currency,
) -> Option<Money> {
    let ask = section.plan.as_ref()?.value.ask?;
    if ask.currency == currency {
        return Some(ask);
    }
    analysis::convert(journal, section, ask, currency).map(round_up)
}

/// Up to a number a person would say: the next thousand for a salary, the next hundred below
/// ten thousand, the next whole unit below that.
fn round_up(money: Money) -> Money {
    let units = money.minor / 100;
    let step = if units >= 10_000 {
        1_000 * 100
    } else if units >= 1_000 {
        100 * 100
    } else {
        100
    };
    let minor = (money.minor + step - 1).div_euclid(step) * step;
    Money::new(minor, money.currency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Currency;

    #[test]
    fn rounds_up_to_a_number_people_say() {
        let usd = |units| Money::major(units, Currency::USD);
        assert_eq!(round_up(usd(186_900)), usd(187_000));
        assert_eq!(round_up(usd(187_000)), usd(187_000));
        assert_eq!(round_up(usd(4_210)), usd(4_300));
        assert_eq!(round_up(Money::new(95_050, Currency::USD)), usd(951));
    }

    #[test]
    fn the_editor_note_is_not_part_of_the_email() {
        for template in [DECLINE, RENEGE, RESIGN, COUNTER] {
            let body = strip_header(template);
            assert!(!body.contains("<!--") && !body.contains("-->"));
            assert!(body.trim_start().starts_with("Hi {to_first},"));
        }
    }

    #[test]
    fn a_fence_in_a_name_cannot_close_the_draft_early() {
        assert_eq!(longest_backtick_run("a ```` b `` c"), 4);
        assert_eq!(longest_backtick_run("none"), 0);
    }
}
