//! Reason rules [004]: `walk:` lines that feel like reasons but aren't. The classifier in
//! `analysis::reasons` decides; these rules add what the text alone can't know.

use super::Family::*;
use super::Severity::*;
use super::Source::*;
use super::{Code, Context, Finding, Spec};
use crate::analysis::reasons::ReasonClass;
use crate::analysis::{OfferAnalysis, Strength};
use crate::model::{Section, Status};

/// The rule that fires for a class of walk reason: one for each reason that only feels like
/// one [004], none for real reasons.
pub fn code_for(class: ReasonClass) -> Option<Code> {
    Some(match class {
        ReasonClass::Feeling => Code::FeelingNotReason,
        ReasonClass::WishNotFloor => Code::WishNotFloor,
        ReasonClass::Speculative => Code::SpeculativeReason,
        ReasonClass::Comparison => Code::ComparisonReason,
        ReasonClass::SlowProcess => Code::SlowProcessReason,
        ReasonClass::UnarticulatedGut => Code::UnarticulatedGut,
        // on an offer you have said yes to; elsewhere `feeling-not-reason` says it
        ReasonClass::SelfDoubt => Code::ColdFeet,
        _ => return None,
    })
}

/// Every walk reason of the given class, with its offer's analysis.
fn each(
    ctx: &Context,
    class: ReasonClass,
    mut emit: impl FnMut(&OfferAnalysis, &str, String) -> Option<String>,
    out: &mut Vec<Finding>,
) {
    for a in &ctx.analysis.offers {
        let section = &ctx.journal.sections[a.section];
        for (index, classification) in &a.reasons {
            if classification.class != class {
                continue;
            }
            let Some(reason) = section.reasons.get(*index) else {
                continue;
            };
            let why = deciding_words(classification, &reason.value.text);
            if let Some(message) = emit(a, &reason.value.text, why) {
                out.push(Finding::new(a.section, reason.value_span, message));
            }
        }
    }
}

/// The words that decided, quoted: `“tired”, “want it to be over”`. The full reasoning
/// is in the hover (`Classification::explain`).
fn deciding_words(c: &crate::analysis::reasons::Classification, text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for signal in &c.decided_by {
        if let Some(w) = text.get(signal.span.clone()) {
            let quoted = format!("“{w}”");
            if !words.contains(&quoted) {
                words.push(quoted);
            }
        }
    }
    words.truncate(3);
    words.join(", ")
}

fn because(words: &str) -> String {
    if words.is_empty() {
        String::new()
    } else {
        format!(" ({words})")
    }
}

/// `feeling-not-reason`: a walk reason that is a feeling: tired, anxious, want it over.
pub(super) const FEELING_NOT_REASON: Spec = Spec {
    severity: Warning,
    family: Reasons,
    sources: &[WalkAway],
    summary: "a walk reason that is a feeling: tired, anxious, want it over",
    explanation: "Being tired of interviewing, anxious, or wanting it to be over is a feeling, and the wrong feeling to make a multi-year decision on. It is real and worth writing down, but it isn't a reason to walk. Real reasons are concrete: below your floor after the counters, pushback on every reasonable ask, a downgraded scope, a red flag you can name. If there is a fact behind the feeling, write the fact.",
    check: feeling_not_reason,
};

pub fn feeling_not_reason(ctx: &Context, out: &mut Vec<Finding>) {
    let message = |why: String| {
        format!("That reads as a feeling, not a reason{}: real, but the wrong thing to make a multi-year decision on. Is there a fact behind it?", because(&why))
    };
    each(
        ctx,
        ReasonClass::Feeling,
        |_, _, why| Some(message(why)),
        out,
    );
    // Self-doubt on an offer still being weighed is a feeling; once you've said yes it is
    // `cold-feet`'s, which says it instead (one finding per line per reason).
    each(
        ctx,
        ReasonClass::SelfDoubt,
        |a, _, why| (!cold_feet_applies(ctx, a)).then(|| message(why)),
        out,
    );
}

/// Self-doubt is cold feet only on an offer you have said yes to (accepted or signed), and
/// only while the decision is yours to make now (history gets no advice) [000].
fn cold_feet_applies(ctx: &Context, a: &OfferAnalysis) -> bool {
    let section: &Section = &ctx.journal.sections[a.section];
    matches!(section.status(), Some(Status::Accepted | Status::Signed)) && !a.situation.history
}

/// `cold-feet`: self-doubt, with no fact about the job, as a reason to back out of an
/// accepted or signed offer.
pub(super) const COLD_FEET: Spec = Spec {
    severity: Information,
    family: Process,
    sources: &[Renege],
    summary: "self-doubt as a reason to back out of an offer you've accepted",
    explanation: "\"Not sure I'm good enough\", \"what if I fail\", \"I feel like an imposter\": after saying yes, doubt about yourself is common, and it says nothing about the job. Before you renege, find out whether this is cold feet or imposter syndrome — ask what you would tell a friend who said it about themselves. If there is a fact behind it (a downgraded scope, a red flag, a better offer in writing), write the fact: a concrete reason is weighed as one. On an offer you haven't accepted yet, the same words are reported as `feeling-not-reason` instead, never both.",
    check: cold_feet,
};

pub fn cold_feet(ctx: &Context, out: &mut Vec<Finding>) {
    each(
        ctx,
        ReasonClass::SelfDoubt,
        |a, _, why| {
            cold_feet_applies(ctx, a).then(|| {
                let name = ctx.journal.sections[a.section].display_name();
                format!("That sounds like self-doubt{}, not a fact about {name}: before you renege, find out whether it's cold feet or imposter syndrome. What would you tell a friend who said this?", because(&why))
            })
        },
        out,
    );
}

/// `wish-not-floor`: walking because the offer is under the wish number while it meets the floor.
pub(super) const WISH_NOT_FLOOR: Spec = Spec {
    severity: Warning,
    family: Reasons,
    sources: &[WalkAway],
    summary: "walking because the offer is under the wish number while it meets the floor",
    explanation: "\"It's 5% under what I wanted\" isn't a reason to walk when the offer meets your floor: your wish number is not your floor. Counter if you like, but measure the walk decision against the floor.",
    check: wish_not_floor,
};

pub fn wish_not_floor(ctx: &Context, out: &mut Vec<Finding>) {
    each(
        ctx,
        ReasonClass::WishNotFloor,
        |a, _, why| {
            let gap = a.gap?;
            if gap.is_below() {
                return None;
            }
            Some(format!(
            "Your wish number isn't your floor{}: {} meets your floor of {} — a reason to counter, not to walk",
            because(&why), gap.measured, gap.floor
        ))
        },
        out,
    );
}

/// `speculative-reason`: walking for an offer that doesn't exist yet.
pub(super) const SPECULATIVE_REASON: Spec = Spec {
    severity: Warning,
    family: Reasons,
    sources: &[WalkAway],
    summary: "walking for an offer that doesn't exist yet",
    explanation: "\"Another company might pay more in three months\" weighs a real offer against a hypothetical one. Walking means rerunning the funnel: plan on six to ten weeks before a comparable offer is back in hand, longer in a soft market. Walk knowing that, not by pretending the next offer is around the corner.",
    check: speculative_reason,
};

pub fn speculative_reason(ctx: &Context, out: &mut Vec<Finding>) {
    each(
        ctx,
        ReasonClass::Speculative,
        |_, _, why| {
            Some(format!("That weighs a real offer against one that doesn't exist yet{}: a comparable offer usually takes 6–10 weeks to land after walking", because(&why)))
        },
        out,
    );
}

/// `comparison-reason`: walking because someone else got more.
pub(super) const COMPARISON_REASON: Spec = Spec {
    severity: Warning,
    family: Reasons,
    sources: &[WalkAway],
    summary: "walking because someone else got more",
    explanation: "A friend's or colleague's offer is a different role, level, company and moment. It can tell you the market is there, which is worth a counter, but it isn't a reason to walk from this offer. Measure the offer against your floor and the role against the non-comp factors.",
    check: comparison_reason,
};

pub fn comparison_reason(ctx: &Context, out: &mut Vec<Finding>) {
    each(
        ctx,
        ReasonClass::Comparison,
        |_, _, why| {
            Some(format!("Someone else's pay isn't a reason to walk from this offer{}: measure it against your floor and the role", because(&why)))
        },
        out,
    );
}

/// `slow-process-reason`: walking because the process was slow, from a role that rates strong.
pub(super) const SLOW_PROCESS_REASON: Spec = Spec {
    severity: Information,
    family: Reasons,
    sources: &[WalkAway],
    summary: "walking because the process was slow, from a role that rates strong",
    explanation: "A slow process is mostly internal company friction, not a preview of how they'll treat you on day one. When the role itself is strong, slowness isn't a reason to walk. (A recruiter who pushes back on every reasonable ask is different: that usually continues after you're hired.)",
    check: slow_process_reason,
};

pub fn slow_process_reason(ctx: &Context, out: &mut Vec<Finding>) {
    each(
        ctx,
        ReasonClass::SlowProcess,
        |a, _, why| {
            (a.role.verdict == Some(Strength::Strong)).then(|| {
            format!("A slow process isn't a reason to walk from a strong role{}: it's mostly internal friction, not how they'll treat you on day one", because(&why))
        })
        },
        out,
    );
}

/// `unarticulated-gut`: a gut feeling with no evidence written down.
pub(super) const UNARTICULATED_GUT: Spec = Spec {
    severity: Information,
    family: Reasons,
    sources: &[WalkAway],
    summary: "a gut feeling with no evidence written down",
    explanation: "A gut signal is easy to dismiss as anxiety, but it tends to be informative when you can say why: \"the hiring manager was vague about the roadmap three times\", \"the team had four exits this year\". Try to put this one into words — what was said, what happened, how often. A gut signal you can articulate is a signal; one you can't may be fear.",
    check: unarticulated_gut,
};

pub fn unarticulated_gut(ctx: &Context, out: &mut Vec<Finding>) {
    each(
        ctx,
        ReasonClass::UnarticulatedGut,
        |_, _, why| {
            Some(format!("A gut feeling with nothing concrete behind it yet{}: what was said or done, and how often? A gut signal you can put into words is a signal", because(&why)))
        },
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReasonClass as C;

    #[test]
    fn rule_codes_and_reality_split_the_classes() {
        let all = [
            C::Feeling,
            C::WishNotFloor,
            C::Speculative,
            C::Comparison,
            C::SlowProcess,
            C::UnarticulatedGut,
            C::BelowFloor,
            C::Pushback,
            C::ScopeDowngrade,
            C::RedFlag,
            C::ArticulatedGut,
            C::Unclassified,
        ];
        let codes: Vec<&str> = all
            .iter()
            .filter_map(|&c| code_for(c))
            .map(Code::as_str)
            .collect();
        assert_eq!(
            codes,
            [
                "feeling-not-reason",
                "wish-not-floor",
                "speculative-reason",
                "comparison-reason",
                "slow-process-reason",
                "unarticulated-gut",
            ]
        );
        for class in all {
            assert!(!(class.is_real() && code_for(class).is_some()), "{class:?}");
            assert!(!class.label().is_empty(), "{class:?}");
        }
        let real = all.iter().filter(|c| c.is_real()).count();
        assert_eq!(real, 5);
        assert!(!C::Unclassified.is_real());
        assert_eq!(C::Feeling.label(), "a feeling, not a reason");
        assert_eq!(C::RedFlag.label(), "a red flag — a real reason");
    }

    #[test]
    fn a_class_has_a_rule_exactly_when_it_only_feels_like_a_reason() {
        for class in [
            C::Feeling,
            C::RedFlag,
            C::Unclassified,
            C::SlowProcess,
            C::Pushback,
        ] {
            assert_eq!(
                code_for(class).is_some(),
                class.only_feels_like_one(),
                "{class:?}"
            );
        }
    }
}
