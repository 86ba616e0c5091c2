//! Process rules [000] [004]: decide on a date you set, get it in writing, tell people
//! the right way, and keep the door open.

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Context, Finding, Spec};
use crate::analysis::{is_open, REENGAGE_MONTHS, REENGAGE_PERCENT};
use crate::model::{Field, Section, Status, Verdict};

fn latest_verdict(section: &Section) -> Option<Verdict> {
    section.decision().map(|d| d.value.verdict)
}

fn walked(section: &Section) -> Option<&Field<crate::model::Decision>> {
    section
        .decision()
        .filter(|d| d.value.verdict == Verdict::Walk)
}

/// Still being weighed: no decision, or only a decision to counter or wait.
fn weighing(section: &Section) -> bool {
    matches!(
        latest_verdict(section),
        None | Some(Verdict::Counter) | Some(Verdict::Wait)
    )
}

fn status_words(section: &Section) -> &'static str {
    match section.status() {
        Some(Status::Accepted) => "accepted",
        Some(Status::Signed) => "signed",
        _ => "live",
    }
}

/// `no-decision-date`: an offer is being weighed with no decision date set.
pub(super) const NO_DECISION_DATE: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[Renege],
    summary: "an offer is being weighed with no decision date set",
    explanation: "Put a date on the calendar when you will decide — even if it's only a day away — and don't decide before it. The delay lets you weigh your options instead of reaching for the perfect outcome, and keeps an anxious moment from making a multi-year decision. Add `decision-date: YYYY-MM-DD` to the profile or the offer.",
    check: no_decision_date,
};

pub fn no_decision_date(ctx: &Context, out: &mut Vec<Finding>) {
    for a in ctx.current() {
        let section = &ctx.journal.sections[a.section];
        if !is_open(section) || !weighing(section) || a.decision_date.is_some() {
            continue;
        }
        let at = section.status.as_ref().map_or(section.anchor(), |s| s.line);
        let message = format!(
            "{} is {} and there's no decision date: set one (`decision-date: YYYY-MM-DD`), then decide on it — not before",
            section.display_name(),
            status_words(section)
        );
        out.push(Finding::new(a.section, at, message));
    }
}

/// `decided-early`: a walk or accept decision dated before your own decision date.
pub(super) const DECIDED_EARLY: Spec = Spec {
    severity: Warning,
    family: Process,
    sources: &[Renege],
    summary: "a walk or accept decision dated before your own decision date",
    explanation: "You set a decision date so that you would decide then, not before. A decision recorded earlier is the hasty kind the date was meant to prevent: slow down, weigh the options, and confirm it on the date.",
    check: decided_early,
};

pub fn decided_early(ctx: &Context, out: &mut Vec<Finding>) {
    for a in ctx.current() {
        let section = &ctx.journal.sections[a.section];
        let Some(decide_on) = a.decision_date else {
            continue;
        };
        for decision in &section.decisions {
            let d = decision.value;
            let Some(date) = d.date else { continue };
            if date >= decide_on.value || !matches!(d.verdict, Verdict::Walk | Verdict::Accept) {
                continue;
            }
            let days = (decide_on.value - date).num_days();
            let message = format!(
                "You decided to {} on {date}, {days} day{} before your own decision date of {}: slow down, weigh the options, and confirm it on the date",
                d.verdict.name(),
                if days == 1 { "" } else { "s" },
                decide_on.value
            );
            out.push(
                Finding::new(a.section, decision.line, message)
                    .related(decide_on.line, "your decision date"),
            );
        }
    }
}

/// `decision-date-passed`: the decision date has passed and no decision is recorded.
pub(super) const DECISION_DATE_PASSED: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[Renege],
    summary: "the decision date has passed and no decision is recorded",
    explanation: "The date you set to decide on has come and gone. Either record the decision (`decision YYYY-MM-DD: walk|accept|counter|wait`) or, if you need more time, set a new decision date on purpose rather than letting it drift.",
    check: decision_date_passed,
};

pub fn decision_date_passed(ctx: &Context, out: &mut Vec<Finding>) {
    for a in ctx.current() {
        let section = &ctx.journal.sections[a.section];
        let Some(decide_on) = a.decision_date else {
            continue;
        };
        if !is_open(section)
            || !section.decisions.is_empty()
            || ctx.analysis.today <= decide_on.value
        {
            continue;
        }
        let message = format!(
            "Your decision date for {} was {} and no decision is recorded: {}",
            section.display_name(),
            decide_on.value,
            crate::history::timeline::decide_fragment(ctx.analysis.today)
        );
        out.push(
            Finding::new(a.section, section.anchor(), message)
                .related(decide_on.line, "your decision date"),
        );
    }
}

/// `not-in-writing`: walking away from an accepted offer for one you don't have in writing.
pub(super) const NOT_IN_WRITING: Spec = Spec {
    severity: Warning,
    family: Process,
    sources: &[Renege],
    summary: "walking away from an accepted offer for one you don't have in writing",
    explanation: "Before you back out of an offer you accepted, get the new offer in writing and understand its total compensation. Some companies won't put an offer in writing until you agree to the numbers and a start date; until you have it, the new offer can still change or disappear.",
    check: not_in_writing,
};

/// How many sections a message names before it says "and N more".
const NAMED_AT_MOST: usize = 3;

/// One finding per decision, naming every section it concerns (SPEC §2): the sections you
/// would be walking to are gathered once, so a journal of many offers costs linear time and
/// gives linear output.
pub fn not_in_writing(ctx: &Context, out: &mut Vec<Finding>) {
    // the offers one could be walking to and that are not in writing, in order
    let unwritten: Vec<(usize, &Section)> = ctx
        .journal
        .offers()
        .filter(|(i, to)| {
            !ctx.is_settled(*i) &&
            !matches!(to.status(), Some(s) if s.is_closed() || s == Status::Current || s == Status::Started)
                && !to.in_writing.as_ref().is_some_and(|w| w.value)
        })
        .collect();
    let committed: Vec<(usize, &Section, Status)> = ctx
        .journal
        .offers()
        .filter(|(i, _)| !ctx.is_settled(*i))
        .filter_map(|(i, s)| Some((i, s, s.status().filter(|st| st.is_committed())?)))
        .collect();
    let hold_out = committed.iter().find(|(_, s, _)| walked(s).is_none());
    // what a walk away from a committed offer could be for: open, or accepted
    let candidates: Vec<(usize, &Section)> = unwritten
        .iter()
        .copied()
        .filter(|&(_, s)| is_open(s) || latest_verdict(s) == Some(Verdict::Accept))
        .collect();
    for &(index, to) in &unwritten {
        // accepting a new offer while a committed one still stands
        let Some(accept) = to.decision().filter(|d| d.value.verdict == Verdict::Accept) else {
            continue;
        };
        let Some(&(from_index, from, status)) = hold_out.filter(|(i, ..)| *i != index) else {
            continue;
        };
        let message = format!(
            "You're accepting {} while {} ({}) still stands, and {}: get the new offer in writing, and understand its total comp, before you back out",
            to.display_name(),
            from.display_name(),
            status.name(),
            writing_words(to)
        );
        out.push(Finding::new(index, accept.line, message).related(
            from.anchor(),
            format!(
                "{} ({})",
                ctx.journal.sections[from_index].display_name(),
                status.name()
            ),
        ));
    }
    for &(from_index, from, status) in &committed {
        let Some(decision) = walked(from) else {
            continue;
        };
        let to: Vec<(usize, &Section)> = candidates
            .iter()
            .copied()
            .filter(|&(i, _)| i != from_index)
            .take(NAMED_AT_MOST + 1)
            .collect();
        if to.is_empty() {
            continue;
        }
        let others = candidates.len()
            - usize::from(
                candidates
                    .binary_search_by_key(&from_index, |&(i, _)| i)
                    .is_ok(),
            );
        let more = others.saturating_sub(NAMED_AT_MOST);
        let names: Vec<String> = to
            .iter()
            .take(NAMED_AT_MOST)
            .map(|(_, s)| s.display_name().to_string())
            .collect();
        let list = if more > 0 {
            format!("{} and {more} more", names.join(", "))
        } else {
            names.join(", ")
        };
        let what = match (&to[..], &to[0].1.in_writing) {
            ([_], Some(_)) => format!("for {list}, which isn't in writing yet"),
            ([_], None) => format!(
                "for {list}, and nothing says it is in writing (add `in-writing: yes` once it is)"
            ),
            _ => format!("for {list}, none of them in writing yet"),
        };
        let message = format!(
            "You're walking away from {} ({}) {what}: get the new offer in writing, and understand its total comp, before you back out",
            from.display_name(),
            status.name(),
        );
        let mut finding = Finding::new(from_index, decision.line, message);
        for (_, s) in to.iter().take(NAMED_AT_MOST) {
            let at = s.in_writing.as_ref().map_or(s.anchor(), |w| w.line);
            finding = finding.related(at, format!("{}: not in writing", s.display_name()));
        }
        out.push(finding);
    }
}

/// "Bluebird isn't in writing yet", or that nothing says it is.
fn writing_words(to: &Section) -> String {
    match &to.in_writing {
        Some(_) => format!("{} isn't in writing yet", to.display_name()),
        None => format!(
            "nothing says {} is in writing (add `in-writing: yes` once it is)",
            to.display_name()
        ),
    }
}

/// `renege-notice`: walking away from an offer you accepted.
pub(super) const RENEGE_NOTICE: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[Renege],
    summary: "walking away from an offer you accepted",
    explanation: "Backing out of an accepted offer is more common than it feels, and done well it needn't burn the bridge. Tell them as soon as you have decided, by phone or video first, then send an email documenting the decision and the conversation. Don't ghost: the recruiting world is small.",
    check: renege_notice,
};

pub fn renege_notice(ctx: &Context, out: &mut Vec<Finding>) {
    for (index, section) in ctx.journal.offers().filter(|(i, _)| !ctx.is_settled(*i)) {
        let (Some(status), Some(decision)) = (section.status(), walked(section)) else {
            continue;
        };
        if !status.is_committed() {
            continue;
        }
        let who = section
            .recruiter
            .as_ref()
            .or(section.hiring_manager.as_ref())
            .map_or_else(|| "them".to_string(), |f| f.value.clone());
        let message = format!(
            "You {} this offer: tell {who} as soon as possible, by phone or video first, then send an email documenting the decision — don't let them hear it any other way",
            status.name()
        );
        out.push(Finding::new(index, decision.line, message));
    }
}

/// `resign-notice`: walking away from a job you have started.
pub(super) const RESIGN_NOTICE: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[Renege],
    summary: "walking away from a job you have started",
    explanation: "If you have already started and decide to leave, give two weeks' notice, with your last day and a plan to hand over your responsibilities and projects.",
    check: resign_notice,
};

pub fn resign_notice(ctx: &Context, out: &mut Vec<Finding>) {
    for (index, section) in ctx.journal.offers().filter(|(i, _)| !ctx.is_settled(*i)) {
        let (Some(status), Some(decision)) = (section.status(), walked(section)) else {
            continue;
        };
        if !matches!(status, Status::Started | Status::Current) {
            continue;
        }
        let message = "You've started this job: give two weeks' notice, with your last day and a plan to hand over your projects and responsibilities";
        out.push(Finding::new(index, decision.line, message));
    }
}

/// `tell-referrer`: walking away from an offer someone referred you to.
pub(super) const TELL_REFERRER: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[Renege],
    summary: "walking away from an offer someone referred you to",
    explanation: "Someone put their name on the line to refer you. Tell them yourself, before the company does, so they hear it from you and the relationship survives the decision.",
    check: tell_referrer,
};

pub fn tell_referrer(ctx: &Context, out: &mut Vec<Finding>) {
    for (index, section) in ctx.journal.offers().filter(|(i, _)| !ctx.is_settled(*i)) {
        let (Some(referrer), Some(decision)) = (&section.referred_by, walked(section)) else {
            continue;
        };
        let message = format!(
            "{} referred you to {}: tell them yourself, before the company does",
            referrer.value,
            section.display_name()
        );
        out.push(
            Finding::new(index, decision.line, message).related(referrer.line, "who referred you"),
        );
    }
}

/// `no-review-date`: a walk decision with no review date.
pub(super) const NO_REVIEW_DATE: Spec = Spec {
    severity: Hint,
    family: Process,
    sources: &[WalkAway],
    summary: "a walk decision with no review date",
    explanation: "Companies do come back: about 15–20% of walk-aways lead to a re-engagement six to eighteen months later, often with a better offer. Add `review: YYYY-MM-DD` (about six months out) to look back at this decision and at the relationship.",
    check: no_review_date,
};

pub fn no_review_date(ctx: &Context, out: &mut Vec<Finding>) {
    for (index, section) in ctx.journal.offers().filter(|(i, _)| !ctx.is_settled(*i)) {
        let Some(decision) = walked(section) else {
            continue;
        };
        // leaving a job you hold is a resignation: nobody re-engages you to your own job
        if section.review.is_some()
            || matches!(section.status(), Some(Status::Started | Status::Current))
        {
            continue;
        }
        let ((pl, ph), (ml, mh)) = (REENGAGE_PERCENT, REENGAGE_MONTHS);
        let message = format!("No review date for this walk: about {pl}–{ph}% of walk-aways re-engage {ml}–{mh} months later — add `review: YYYY-MM-DD` about six months out");
        out.push(Finding::new(index, decision.line, message));
    }
}

/// `tell-other-companies`: an offer in hand while another company is still interviewing you.
pub(super) const TELL_OTHER_COMPANIES: Spec = Spec {
    severity: Hint,
    family: Process,
    sources: &[Renege],
    summary: "you hold an offer while another company is still interviewing you",
    explanation: "When you have an offer in hand and are partway through another company's interviews, you can tell that company's recruiter: some companies speed up their process for a candidate who has a decision from elsewhere. Say it plainly, without using it as a threat, and without giving the other offer's numbers unless you want to.",
    check: tell_other_companies,
};

pub fn tell_other_companies(ctx: &Context, out: &mut Vec<Finding>) {
    // the offers in hand, gathered once: each interviewing section is one finding naming them
    let held: Vec<&Section> = ctx
        .journal
        .offers()
        .filter(|(i, s)| {
            !ctx.is_settled(*i)
                && matches!(
                    s.status(),
                    Some(Status::Live | Status::Accepted | Status::Signed)
                )
        })
        .map(|(_, s)| s)
        .take(NAMED_AT_MOST + 1)
        .collect();
    if held.is_empty() {
        return;
    }
    let names: Vec<&str> = held
        .iter()
        .take(NAMED_AT_MOST)
        .map(|s| s.display_name())
        .collect();
    let offers = if held.len() > NAMED_AT_MOST {
        format!("offers from {} and more", names.join(", "))
    } else if names.len() == 1 {
        format!("an offer from {}", names[0])
    } else {
        format!("offers from {}", names.join(", "))
    };
    for (index, section) in ctx.journal.offers() {
        if ctx.is_settled(index) || section.status() != Some(Status::Interviewing) {
            continue;
        }
        let Some(status) = section.status.as_ref() else {
            continue;
        };
        let who = section
            .recruiter
            .as_ref()
            .map_or_else(|| "their recruiter".to_string(), |r| r.value.clone());
        let message = format!(
            "You have {offers} while {} is still interviewing you: tell {who} — some companies speed up for a candidate with an offer in hand",
            section.display_name()
        );
        out.push(Finding::new(index, status.line, message));
    }
}

/// `same-company-again`: an offer from a company you walked away from before.
pub(super) const SAME_COMPANY_AGAIN: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[WalkAway],
    summary: "an offer section for a company you walked away from in an earlier search or another journal of the workspace",
    explanation: "You have walked away from this company before, and the journal remembers when and at what numbers. Companies do come back: about 15–20% of walk-aways lead to a re-engagement six to eighteen months later, often with a meaningfully better offer. Start from what you know — their last number, what you asked, why you walked — rather than from zero, and check whether what made you walk has changed. Companies are matched by name across case, punctuation, legal forms (`Inc`, `GmbH`…), an `Offer:` label and a note after the name (`(Berlin)`, `| Tokyo`); names that merely look alike are never matched.",
    check: same_company_again,
};

pub fn same_company_again(ctx: &Context, out: &mut Vec<Finding>) {
    for before in ctx.before {
        // history and closed sections get no advice about now
        if ctx.is_settled(before.section) {
            continue;
        }
        let (Some(seen), Some(section)) =
            (&before.walked, ctx.journal.sections.get(before.section))
        else {
            continue;
        };
        let mut finding = Finding::new(
            before.section,
            section.anchor(),
            crate::history::walked_again(seen),
        );
        if let Some(earlier) = seen.section.and_then(|i| ctx.journal.sections.get(i)) {
            finding = finding.related(earlier.anchor(), "where you walked away before");
        }
        out.push(finding);
    }
}
