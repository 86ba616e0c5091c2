//! Reason rules [004]: `walk:` lines that feel like reasons but aren't. The classifier in
//! `analysis::reasons` decides; these rules add what the text alone can't know.

use super::{Context, Finding};
use crate::analysis::reasons::ReasonClass;
use crate::analysis::{OfferAnalysis, Strength};

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

pub fn feeling_not_reason(ctx: &Context, out: &mut Vec<Finding>) {
    each(
        ctx,
        ReasonClass::Feeling,
        |_, _, why| {
            Some(format!("That reads as a feeling, not a reason{}: real, but the wrong thing to make a multi-year decision on. Is there a fact behind it?", because(&why)))
        },
        out,
    );
}

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
