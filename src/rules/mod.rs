//! The rule registry: every rule's stable code, default severity, explanation and check
//! function, in one table. Adding a rule is one entry here plus its check in a family file.

mod compensation;
mod deadlines;
mod drafts;
mod process;
mod reasons;
mod runway;
mod syntax;
mod years;

use crate::analysis::Analysis;
pub use crate::analysis::Numbers;
use crate::config::Config;
use crate::model::Journal;
use crate::text::{Encoding, Positions, Span};
pub use reasons::code_for as reason_code;
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
    /// What each section's company did before (`history::before`).
    pub before: &'a [crate::history::Before],
}

impl Context<'_> {
    /// History (an earlier search, or a decision over a year old) and closed sections
    /// (declined, withdrawn, rescinded) get no advice about deciding now: no matrix, runway,
    /// process or floor rules (SPEC §1 "History").
    pub fn is_settled(&self, section: usize) -> bool {
        self.analysis
            .offer(section)
            .is_some_and(|a| a.situation.settled())
    }

    /// The offers of the current search that advice may speak about.
    pub fn current(&self) -> impl Iterator<Item = &crate::analysis::OfferAnalysis> {
        self.analysis
            .offers
            .iter()
            .filter(|a| !a.situation.settled())
    }
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

/// What a rule is, written beside its check in its family's file: everything but its code,
/// which [`rules!`] gives it.
pub struct Spec {
    pub severity: Severity,
    pub family: Family,
    pub sources: &'static [Source],
    /// One line: when it fires.
    pub summary: &'static str,
    /// What it means and what to do, shown by `explain` and the hover. `{small-gap}`,
    /// `{anchor-years}` and `{raise-rate}` stand for the configured numbers
    /// ([`Rule::explanation`] fills them in).
    pub explanation: &'static str,
    pub check: Check,
}

/// A rule of the registry: its typed code and its [`Spec`].
pub struct Rule {
    pub code: Code,
    pub spec: &'static Spec,
}

impl Rule {
    pub fn severity(&self) -> Severity {
        self.spec.severity
    }

    pub fn family(&self) -> Family {
        self.spec.family
    }

    /// One line: when it fires, with the default numbers (as `explain` and the docs say it).
    pub fn summary(&self) -> String {
        Numbers::default().fill(self.spec.summary)
    }

    /// The explanation with the configured numbers in it.
    pub fn explanation(&self, numbers: &Numbers) -> String {
        numbers.fill(self.spec.explanation)
    }
}

/// Declares every rule in one list: the [`Code`] enum, each code's stable kebab-case name,
/// and the [`Spec`] beside its check in the family's file. `RULES` follows the list's order
/// (the order of `explain`, the docs and the README).
macro_rules! rules {
    ($($variant:ident = $code:literal => $family:ident::$spec:ident,)*) => {
        /// A rule's code: the only way code outside the registry names a rule.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case code users write in `allow:` and settings.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            pub fn rule(self) -> &'static Rule {
                &RULES[self as usize]
            }
        }

        pub static RULES: &[Rule] = &[
            $(Rule { code: Code::$variant, spec: &$family::$spec },)*
        ];
    };
}

impl Code {
    /// The code written as `text` (case as written in `allow:` is already lowered).
    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == text)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Diagnostic {
    /// Every byte offset a diagnostic's ranges need converted: its span's and its related
    /// places' ends. Both surfaces position diagnostics from these with
    /// [`crate::text::Positions`].
    pub fn offsets(diagnostics: &[Diagnostic]) -> impl Iterator<Item = usize> + '_ {
        diagnostics.iter().flat_map(|d| {
            std::iter::once(d.span)
                .chain(d.related.iter().map(|r| r.span))
                .flat_map(|s| [s.start, s.end])
        })
    }

    /// Where a finding's ranges are, in `encoding`.
    pub fn positions(text: &str, diagnostics: &[Diagnostic], encoding: Encoding) -> Positions {
        Positions::new(text, Diagnostic::offsets(diagnostics), encoding)
    }
}

/// A finding with its rule's code and severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    pub section: usize,
}

rules! {
    BelowFloor = "below-floor" => compensation::BELOW_FLOOR,
    BelowFloorAfterCounters = "below-floor-after-counters" => compensation::BELOW_FLOOR_AFTER_COUNTERS,
    CounterDidNotMove = "counter-did-not-move" => compensation::COUNTER_DID_NOT_MOVE,
    SmallGap = "small-gap" => compensation::SMALL_GAP,
    FloorAboveWish = "floor-above-wish" => compensation::FLOOR_ABOVE_WISH,
    NoFloor = "no-floor" => compensation::NO_FLOOR,
    MixedCurrency = "mixed-currency" => compensation::MIXED_CURRENCY,
    Quadrant = "quadrant" => compensation::QUADRANT,
    WalkWithoutCounter = "walk-without-counter" => compensation::WALK_WITHOUT_COUNTER,
    YearOneBelowFloor = "year-one-below-floor" => years::YEAR_ONE_BELOW_FLOOR,
    SignOnClawback = "sign-on-clawback" => years::SIGN_ON_CLAWBACK,
    OffPlan = "off-plan" => years::OFF_PLAN,
    FeelingNotReason = "feeling-not-reason" => reasons::FEELING_NOT_REASON,
    WishNotFloor = "wish-not-floor" => reasons::WISH_NOT_FLOOR,
    SpeculativeReason = "speculative-reason" => reasons::SPECULATIVE_REASON,
    ComparisonReason = "comparison-reason" => reasons::COMPARISON_REASON,
    SlowProcessReason = "slow-process-reason" => reasons::SLOW_PROCESS_REASON,
    UnarticulatedGut = "unarticulated-gut" => reasons::UNARTICULATED_GUT,
    NoDecisionDate = "no-decision-date" => process::NO_DECISION_DATE,
    DecidedEarly = "decided-early" => process::DECIDED_EARLY,
    DecisionDatePassed = "decision-date-passed" => process::DECISION_DATE_PASSED,
    NotInWriting = "not-in-writing" => process::NOT_IN_WRITING,
    RenegeNotice = "renege-notice" => process::RENEGE_NOTICE,
    ResignNotice = "resign-notice" => process::RESIGN_NOTICE,
    TellReferrer = "tell-referrer" => process::TELL_REFERRER,
    NoReviewDate = "no-review-date" => process::NO_REVIEW_DATE,
    SameCompanyAgain = "same-company-again" => process::SAME_COMPANY_AGAIN,
    TellOtherCompanies = "tell-other-companies" => process::TELL_OTHER_COMPANIES,
    ColdFeet = "cold-feet" => reasons::COLD_FEET,
    ExpiresBeforeDecisionDate = "expires-before-decision-date" => deadlines::EXPIRES_BEFORE_DECISION_DATE,
    OfferExpired = "offer-expired" => deadlines::OFFER_EXPIRED,
    ReviewDue = "review-due" => deadlines::REVIEW_DUE,
    ShortRunway = "short-runway" => runway::SHORT_RUNWAY,
    MiddleRunway = "middle-runway" => runway::MIDDLE_RUNWAY,
    LongRunway = "long-runway" => runway::LONG_RUNWAY,
    WalkOutlastsRunway = "walk-outlasts-runway" => runway::WALK_OUTLASTS_RUNWAY,
    DraftGrievance = "draft-grievance" => drafts::DRAFT_GRIEVANCE,
    DraftMarketLecture = "draft-market-lecture" => drafts::DRAFT_MARKET_LECTURE,
    DraftConditionalReopen = "draft-conditional-reopen" => drafts::DRAFT_CONDITIONAL_REOPEN,
    DraftTooLong = "draft-too-long" => drafts::DRAFT_TOO_LONG,
    DraftNoStayInTouch = "draft-no-stay-in-touch" => drafts::DRAFT_NO_STAY_IN_TOUCH,
    DraftUltimatum = "draft-ultimatum" => drafts::DRAFT_ULTIMATUM,
    InvalidValue = "invalid-value" => syntax::INVALID_VALUE,
    UnknownKey = "unknown-key" => syntax::UNKNOWN_KEY,
    DuplicateKey = "duplicate-key" => syntax::DUPLICATE_KEY,
}

/// The rule with this code.
/// The rule with this code, written as a person may type it (`BELOW_FLOOR`, `Below-Floor`:
/// the same spelling rule as keys, `model::keys::normalise`).
pub fn find(code: &str) -> Option<&'static Rule> {
    Code::parse(&crate::model::keys::normalise(code)).map(Code::rule)
}

/// "did you mean …" for a mistyped code, or the list of codes.
pub fn code_hint(code: &str) -> String {
    let code = &crate::model::keys::normalise(code);
    let closest = RULES
        .iter()
        .map(|r| {
            (
                crate::model::keys::edit_distance(code, r.code.as_str()),
                r.code,
            )
        })
        .min();
    match closest {
        Some((d, c)) if d <= crate::model::keys::MAX_DISTANCE && !code.is_empty() => {
            format!("did you mean `{c}`?")
        }
        _ => format!(
            "known codes: {}",
            RULES
                .iter()
                .map(|r| r.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Run every enabled rule and apply `allow:` and severity overrides.
pub fn run(ctx: &Context) -> Vec<Diagnostic> {
    let mut out = if ctx.text.len() < crate::PARALLEL_FROM {
        run_rules(ctx, RULES.iter())
    } else {
        // a large journal: every other rule on a second thread (the order they are found in
        // does not matter: they are sorted below, and the sort keeps one rule's own order)
        let (mut first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| run_rules(ctx, RULES.iter().skip(1).step_by(2)));
            (run_rules(ctx, RULES.iter().step_by(2)), second.join())
        });
        first.extend(second.unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        first
    };
    sort(&mut out);
    out
}

/// By place, then by code as written (the order users have always seen); one rule's findings
/// at the same place stay in the order it found them.
fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code.as_str()).cmp(&(
            b.span.start,
            b.span.end,
            b.code.as_str(),
        ))
    });
}

/// The findings of `rules` that are on and not allowed, unsorted.
fn run_rules<'r>(ctx: &Context, rules: impl Iterator<Item = &'r Rule>) -> Vec<Diagnostic> {
    let file_allows = ctx.journal.profile();
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for rule in rules {
        let code = rule.code.as_str();
        if !ctx.config.is_enabled(code) || file_allows.allows(code) {
            continue;
        }
        findings.clear();
        (rule.spec.check)(ctx, &mut findings);
        let severity = ctx.config.severity_of(code, rule.severity());
        for f in findings.drain(..) {
            let allowed = ctx
                .journal
                .sections
                .get(f.section)
                .is_some_and(|s| s.allows(code));
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
    out
}

/// The rule's documentation page (`docs/rules/<code>.md`), generated from the registry.
pub fn doc_page(rule: &Rule) -> String {
    let sources: Vec<&str> = rule
        .spec
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
        family = rule.family().name(),
        severity = rule.severity().name(),
        summary = rule.summary(),
        explanation = rule.explanation(&Numbers::default()),
        sources = sources.join("; "),
    )
}

#[cfg(test)]
mod parallel_tests {
    use super::*;

    #[test]
    fn rules_run_on_two_threads_find_what_one_thread_finds_in_the_same_order() {
        let text = crate::large_journal();
        assert!(text.len() >= crate::PARALLEL_FROM);
        let report = crate::check(&text, &Config::default());
        let ctx = Context {
            text: &text,
            journal: &report.journal,
            analysis: &report.analysis,
            config: &Config::default(),
            before: &report.before,
        };
        let mut one_thread = run_rules(&ctx, RULES.iter());
        sort(&mut one_thread);
        // many rules, on both threads
        let codes: std::collections::HashSet<Code> = one_thread.iter().map(|d| d.code).collect();
        assert!(codes.len() > 15, "{} rules fired", codes.len());
        assert_eq!(report.diagnostics, one_thread);
    }
}
