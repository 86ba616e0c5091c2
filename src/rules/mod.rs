//! The rule registry: every rule's stable code, default severity, explanation and check
//! function, in one table. Adding a rule is one entry here plus its check in a family file.

mod compensation;
mod drafts;
mod process;
mod reasons;
mod runway;
mod syntax;

use crate::analysis::Analysis;
use crate::config::Config;
use crate::model::Journal;
use crate::text::Span;
use serde::Serialize;

pub use crate::severity::Severity;

/// Which article a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// 000 — how to turn down a job offer you have already accepted.
    Renege,
    /// 004 — salary negotiation: when to walk away from an offer.
    WalkAway,
    /// The format itself.
    Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Compensation,
    Reasons,
    Process,
    Runway,
    Drafts,
    Syntax,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Compensation => "Compensation",
            Family::Reasons => "Reasons",
            Family::Process => "Process",
            Family::Runway => "Runway",
            Family::Drafts => "Drafts",
            Family::Syntax => "Syntax",
        }
    }
}

/// What a check function sees.
pub struct Context<'a> {
    pub text: &'a str,
    pub journal: &'a Journal,
    pub analysis: &'a Analysis,
    pub config: &'a Config,
}

/// A place a finding points at besides its own line (the floor it was measured against…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    #[serde(skip)]
    pub span: Span,
    pub message: String,
}

/// What a check reports; the runner adds code and severity from the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    /// The section the finding is about, for `allow:`.
    pub section: usize,
}

impl Finding {
    pub fn new(section: usize, span: Span, message: impl Into<String>) -> Self {
        Finding {
            span,
            message: message.into(),
            related: Vec::new(),
            section,
        }
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

pub type Check = fn(&Context, &mut Vec<Finding>);

pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub family: Family,
    pub sources: &'static [Source],
    /// One line: when it fires.
    pub summary: &'static str,
    /// What it means and what to do, shown by `explain` and the hover.
    pub explanation: &'static str,
    pub check: Check,
}

/// A finding with its rule's code and severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    pub section: usize,
}

use Family::*;
use Severity::*;
use Source::*;

pub static RULES: &[Rule] = &[
    // ---- compensation [004]
    Rule {
        code: "below-floor",
        severity: Warning,
        family: Compensation,
        sources: &[WalkAway],
        summary: "the live number is below your floor, on the floor's basis",
        explanation: "Your floor is the number below which this job costs you more than it gives: not your wish number, your real minimum. The live number (the last counter's `got`, else `base`) is compared with it on the floor's basis — base salary for a `base` floor, steady-state total compensation for a `total` floor. Being below the floor is not yet a reason to walk: counter first. Below it after the second counter is one.",
        check: compensation::below_floor,
    },
    Rule {
        code: "below-floor-after-counters",
        severity: Warning,
        family: Compensation,
        sources: &[WalkAway],
        summary: "still below the floor after the second counter",
        explanation: "Two counters have been answered and the number is still below your hard floor. Of the reasons to walk away, this is the plainest real one: the company has shown where its ceiling is, and accepting means anchoring the next two to four years below the number you said you need.",
        check: compensation::below_floor_after_counters,
    },
    Rule {
        code: "counter-did-not-move",
        severity: Information,
        family: Compensation,
        sources: &[WalkAway],
        summary: "the last two counters got the same answer",
        explanation: "Your last two counters came back with the same number: the offer didn't move. For a strong role with a big gap, the advice is to counter once with a total-comp focus (equity, sign-on, PTO) and walk if the second offer doesn't move. For a strong role with a small gap, it may be time to take it.",
        check: compensation::counter_did_not_move,
    },
    Rule {
        code: "small-gap",
        severity: Hint,
        family: Compensation,
        sources: &[WalkAway],
        summary: "a strong role within 5% below the floor",
        explanation: "A strong role whose live number is within 5% below your floor is the easiest case of the walk-away matrix: take it after one calibrated counter. Don't spend relationship capital fighting over the last 3–5%; bank the goodwill for your first raise conversation.",
        check: compensation::small_gap,
    },
    Rule {
        code: "floor-above-wish",
        severity: Error,
        family: Compensation,
        sources: &[WalkAway],
        summary: "the floor is higher than the wish number",
        explanation: "Your floor is the least you can accept; your wish is the number you would love. A floor above the wish means one of them is mistyped, or the wish has turned into the floor. Check both: walking decisions start at the floor, and the wish is never a reason to walk by itself.",
        check: compensation::floor_above_wish,
    },
    Rule {
        code: "no-floor",
        severity: Information,
        family: Compensation,
        sources: &[WalkAway],
        summary: "offers are being weighed but no floor is written down",
        explanation: "The walk-away decision starts at your floor: the real minimum, not the wish. Without one written down, every offer is measured against a feeling. Add `floor: $…` (with `base` or `total`) to the profile at the top of the file.",
        check: compensation::no_floor,
    },
    Rule {
        code: "mixed-currency",
        severity: Warning,
        family: Compensation,
        sources: &[Format],
        summary: "an offer in a different currency than the floor or the other offers, with no rate",
        explanation: "Offers in different currencies can't be compared with each other or with your floor until you say how they convert. Add an `exchange-rate: 1 EUR = 1.08 USD` line to the profile and the gaps are measured in the floor's currency.",
        check: compensation::mixed_currency,
    },
    Rule {
        code: "quadrant",
        severity: Hint,
        family: Compensation,
        sources: &[WalkAway],
        summary: "the offer's cell of the walk-away matrix and its advice",
        explanation: "The walk-away decision has two axes: the gap between the live number and your floor (small is within 5% below it), and everything else — scope, manager, team, growth, location, equity quality. The role counts as strong when more than half of its rated factors are strong and neither scope nor manager is weak. Strong · big gap: counter once on total comp, walk if it doesn't move. Strong · small gap: take it after one calibrated counter. Weak · big gap: walk now. Weak · small gap: walk unless your leverage is non-existent; don't accept just to have a job.",
        check: compensation::quadrant,
    },
    // ---- reasons [004]
    Rule {
        code: "feeling-not-reason",
        severity: Warning,
        family: Reasons,
        sources: &[WalkAway],
        summary: "a walk reason that is a feeling: tired, anxious, want it over",
        explanation: "Being tired of interviewing, anxious, or wanting it to be over is a feeling, and the wrong feeling to make a multi-year decision on. It is real and worth writing down, but it isn't a reason to walk. Real reasons are concrete: below your floor after the counters, pushback on every reasonable ask, a downgraded scope, a red flag you can name. If there is a fact behind the feeling, write the fact.",
        check: reasons::feeling_not_reason,
    },
    Rule {
        code: "wish-not-floor",
        severity: Warning,
        family: Reasons,
        sources: &[WalkAway],
        summary: "walking because the offer is under the wish number while it meets the floor",
        explanation: "\"It's 5% under what I wanted\" isn't a reason to walk when the offer meets your floor: your wish number is not your floor. Counter if you like, but measure the walk decision against the floor.",
        check: reasons::wish_not_floor,
    },
    Rule {
        code: "speculative-reason",
        severity: Warning,
        family: Reasons,
        sources: &[WalkAway],
        summary: "walking for an offer that doesn't exist yet",
        explanation: "\"Another company might pay more in three months\" weighs a real offer against a hypothetical one. Walking means rerunning the funnel: plan on six to ten weeks before a comparable offer is back in hand, longer in a soft market. Walk knowing that, not by pretending the next offer is around the corner.",
        check: reasons::speculative_reason,
    },
    Rule {
        code: "comparison-reason",
        severity: Warning,
        family: Reasons,
        sources: &[WalkAway],
        summary: "walking because someone else got more",
        explanation: "A friend's or colleague's offer is a different role, level, company and moment. It can tell you the market is there, which is worth a counter, but it isn't a reason to walk from this offer. Measure the offer against your floor and the role against the non-comp factors.",
        check: reasons::comparison_reason,
    },
    Rule {
        code: "slow-process-reason",
        severity: Information,
        family: Reasons,
        sources: &[WalkAway],
        summary: "walking because the process was slow, from a role that rates strong",
        explanation: "A slow process is mostly internal company friction, not a preview of how they'll treat you on day one. When the role itself is strong, slowness isn't a reason to walk. (A recruiter who pushes back on every reasonable ask is different: that usually continues after you're hired.)",
        check: reasons::slow_process_reason,
    },
    Rule {
        code: "unarticulated-gut",
        severity: Information,
        family: Reasons,
        sources: &[WalkAway],
        summary: "a gut feeling with no evidence written down",
        explanation: "A gut signal is easy to dismiss as anxiety, but it tends to be informative when you can say why: \"the hiring manager was vague about the roadmap three times\", \"the team had four exits this year\". Try to put this one into words — what was said, what happened, how often. A gut signal you can articulate is a signal; one you can't may be fear.",
        check: reasons::unarticulated_gut,
    },
    // ---- process [000] [004]
    Rule {
        code: "no-decision-date",
        severity: Information,
        family: Process,
        sources: &[Renege],
        summary: "an offer is being weighed with no decision date set",
        explanation: "Put a date on the calendar when you will decide — even if it's only a day away — and don't decide before it. The delay lets you weigh your options instead of reaching for the perfect outcome, and keeps an anxious moment from making a multi-year decision. Add `decision-date: YYYY-MM-DD` to the profile or the offer.",
        check: process::no_decision_date,
    },
    Rule {
        code: "decided-early",
        severity: Warning,
        family: Process,
        sources: &[Renege],
        summary: "a walk or accept decision dated before your own decision date",
        explanation: "You set a decision date so that you would decide then, not before. A decision recorded earlier is the hasty kind the date was meant to prevent: slow down, weigh the options, and confirm it on the date.",
        check: process::decided_early,
    },
    Rule {
        code: "decision-date-passed",
        severity: Information,
        family: Process,
        sources: &[Renege],
        summary: "the decision date has passed and no decision is recorded",
        explanation: "The date you set to decide on has come and gone. Either record the decision (`decision YYYY-MM-DD: walk|accept|counter|wait`) or, if you need more time, set a new decision date on purpose rather than letting it drift.",
        check: process::decision_date_passed,
    },
    Rule {
        code: "not-in-writing",
        severity: Warning,
        family: Process,
        sources: &[Renege],
        summary: "walking away from an accepted offer for one you don't have in writing",
        explanation: "Before you back out of an offer you accepted, get the new offer in writing and understand its total compensation. Some companies won't put an offer in writing until you agree to the numbers and a start date; until you have it, the new offer can still change or disappear.",
        check: process::not_in_writing,
    },
    Rule {
        code: "renege-notice",
        severity: Information,
        family: Process,
        sources: &[Renege],
        summary: "walking away from an offer you accepted",
        explanation: "Backing out of an accepted offer is more common than it feels, and done well it needn't burn the bridge. Tell them as soon as you have decided, by phone or video first, then send an email documenting the decision and the conversation. Don't ghost: the recruiting world is small.",
        check: process::renege_notice,
    },
    Rule {
        code: "resign-notice",
        severity: Information,
        family: Process,
        sources: &[Renege],
        summary: "walking away from a job you have started",
        explanation: "If you have already started and decide to leave, give two weeks' notice, with your last day and a plan to hand over your responsibilities and projects.",
        check: process::resign_notice,
    },
    Rule {
        code: "tell-referrer",
        severity: Information,
        family: Process,
        sources: &[Renege],
        summary: "walking away from an offer someone referred you to",
        explanation: "Someone put their name on the line to refer you. Tell them yourself, before the company does, so they hear it from you and the relationship survives the decision.",
        check: process::tell_referrer,
    },
    Rule {
        code: "no-review-date",
        severity: Hint,
        family: Process,
        sources: &[WalkAway],
        summary: "a walk decision with no review date",
        explanation: "Companies do come back: about 15–20% of walk-aways lead to a re-engagement six to eighteen months later, often with a better offer. Add `review: YYYY-MM-DD` (about six months out) to look back at this decision and at the relationship.",
        check: process::no_review_date,
    },
    // ---- runway: the "I have nothing else" case [004]
    Rule {
        code: "short-runway",
        severity: Information,
        family: Runway,
        sources: &[WalkAway],
        summary: "the only live offer is below the floor and runway is three months or less",
        explanation: "With three months of runway or less, the math flips: taking the imperfect offer to keep paying rent is a defensible decision, and you should make it without guilt.",
        check: runway::short_runway,
    },
    Rule {
        code: "middle-runway",
        severity: Warning,
        family: Runway,
        sources: &[WalkAway],
        summary: "the only live offer is below the floor and runway is between three and six months",
        explanation: "The middle case is the dangerous one: a few months of runway, one live offer under your floor, and fear doing the talking. Do one more honest counter; accept if it lands within 5% of your floor, and walk if it doesn't. The fear is loud, but it is usually wrong about the math.",
        check: runway::middle_runway,
    },
    Rule {
        code: "long-runway",
        severity: Information,
        family: Runway,
        sources: &[WalkAway],
        summary: "the only live offer is below the floor and runway is six months or more",
        explanation: "With six months of runway or more, waiting usually beats accepting a number that anchors you for years, even when it doesn't feel that way. Taking a bad offer is rarely cheaper than waiting once the multi-year anchor is counted.",
        check: runway::long_runway,
    },
    Rule {
        code: "walk-outlasts-runway",
        severity: Warning,
        family: Runway,
        sources: &[WalkAway],
        summary: "walking with less than ten weeks of runway",
        explanation: "Walking away means rerunning the funnel, and a comparable offer usually takes six to ten weeks to get back in hand — longer in a soft market. With less runway than that, plan how you'll cover the gap before you walk.",
        check: runway::walk_outlasts_runway,
    },
    // ---- drafts [004] [000]
    Rule {
        code: "draft-grievance",
        severity: Warning,
        family: Drafts,
        sources: &[WalkAway],
        summary: "a draft that lists grievances",
        explanation: "A decline is not the place for grievances about the process or the offer. They won't change the outcome and they will be remembered. Keep it short, specific and warm: thank them, say the numbers don't work for you right now, and offer to stay in touch.",
        check: drafts::grievance,
    },
    Rule {
        code: "draft-market-lecture",
        severity: Warning,
        family: Drafts,
        sources: &[WalkAway],
        summary: "a draft that lectures on market rates",
        explanation: "Don't lecture a recruiter about market rates in a decline: they know the market, and the lecture reads as a grievance. \"The numbers don't quite work for where I am in my career\" says everything that needs saying.",
        check: drafts::market_lecture,
    },
    Rule {
        code: "draft-conditional-reopen",
        severity: Warning,
        family: Drafts,
        sources: &[WalkAway],
        summary: "a decline that says it would reconsider for more money",
        explanation: "\"If you can come up to $X I'll reconsider\" is a soft re-open of the negotiation, and most recruiters won't answer it. Write it only if you mean it — and then it's a counter, not a decline.",
        check: drafts::conditional_reopen,
    },
    Rule {
        code: "draft-too-long",
        severity: Information,
        family: Drafts,
        sources: &[WalkAway],
        summary: "a decline longer than about 150 words",
        explanation: "The right decline is short, specific and warm — a few sentences. Length invites negotiation and reads as justification. Aim for under 150 words.",
        check: drafts::too_long,
    },
    Rule {
        code: "draft-no-stay-in-touch",
        severity: Hint,
        family: Drafts,
        sources: &[WalkAway],
        summary: "a decline that never offers to stay in touch by name",
        explanation: "Companies do come back: about 15–20% of walk-aways re-engage within six to eighteen months. Say you'd like to stay in touch, by name, with the recruiter or hiring manager, so the door stays open.",
        check: drafts::no_stay_in_touch,
    },
    // ---- syntax
    Rule {
        code: "invalid-value",
        severity: Error,
        family: Syntax,
        sources: &[Format],
        summary: "a known key whose value can't be read",
        explanation: "The key is one offer-notes knows, but its value doesn't have the expected shape. The message says what was expected, with an example. Only this line is affected: everything else in the file is still checked.",
        check: syntax::invalid_value,
    },
    Rule {
        code: "unknown-key",
        severity: Hint,
        family: Syntax,
        sources: &[Format],
        summary: "a key that looks like a misspelled known key",
        explanation: "This line looks like `key: value` and its key is close to one offer-notes knows, so it was probably meant as that key. Fix the spelling to have it counted. Prose that merely contains a colon is never flagged.",
        check: syntax::unknown_key,
    },
    Rule {
        code: "duplicate-key",
        severity: Warning,
        family: Syntax,
        sources: &[Format],
        summary: "the same single-valued key twice in one section",
        explanation: "A key that takes one value is set twice in the same section, so one of the two lines is ignored (the later one counts). Remove or rename one. Keys that repeat by design — `counter`, `walk`, `stay`, `decision`, `allow`, `exchange-rate` — are fine.",
        check: syntax::duplicate_key,
    },
];

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// "did you mean …" for a mistyped code, or the list of codes.
pub fn code_hint(code: &str) -> String {
    let closest = RULES
        .iter()
        .map(|r| (crate::model::keys::edit_distance(code, r.code), r.code))
        .min();
    match closest {
        Some((d, c)) if d <= 3 && !code.is_empty() => format!("did you mean `{c}`?"),
        _ => format!(
            "known codes: {}",
            RULES.iter().map(|r| r.code).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// Run every enabled rule and apply `allow:` and severity overrides.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let file_allows = ctx.journal.profile();
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for rule in RULES {
        if !ctx.config.is_enabled(rule.code) || file_allows.allows(rule.code) {
            continue;
        }
        findings.clear();
        (rule.check)(ctx, &mut findings);
        let severity = ctx.config.severity_of(rule.code, rule.severity);
        for f in findings.drain(..) {
            let allowed = ctx
                .journal
                .sections
                .get(f.section)
                .is_some_and(|s| s.allows(rule.code));
            if allowed {
                continue;
            }
            out.push(Diagnostic {
                code: rule.code,
                severity,
                span: f.span,
                message: f.message,
                related: f.related,
                section: f.section,
            });
        }
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    out
}

/// The rule's documentation page (`docs/rules/<code>.md`), generated from the registry.
pub fn doc_page(rule: &Rule) -> String {
    let sources: Vec<&str> = rule
        .sources
        .iter()
        .map(|s| match s {
            Source::Renege => "[000] how to turn down a job offer you have already accepted",
            Source::WalkAway => "[004] salary negotiation: when to walk away from an offer",
            Source::Format => "the offer-notes format",
        })
        .collect();
    format!(
        "# `{code}`\n\n*{family} rule · default severity: {severity}*\n\n**Fires when** {summary}.\n\n{explanation}\n\nComes from: {sources}.\n\nSilence it for one offer with `allow: {code}` in that section, or for the whole file with `allow: {code}` before the first `## ` heading. Run `offer-notes explain {code}` to read this in a terminal.\n",
        code = rule.code,
        family = rule.family.name(),
        severity = rule.severity.name(),
        summary = rule.summary,
        explanation = rule.explanation,
        sources = sources.join("; "),
    )
}
