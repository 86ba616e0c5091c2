//! What the classifier makes of the lines people write, and what hover says about them.

use super::*;
use ReasonClass as C;

/// Every line must classify as `class`; all failures are reported together.
fn all_are(class: ReasonClass, lines: &[&str]) {
    let wrong: Vec<String> = lines
        .iter()
        .map(|line| (line, classify(line)))
        .filter(|(_, got)| got.class != class)
        .map(|(line, got)| format!("  {line:?} → {:?}: {}", got.class, got.explain(line)))
        .collect();
    assert!(
        wrong.is_empty(),
        "expected {class:?}:\n{}",
        wrong.join("\n")
    );
}

/// No line may classify as `class`; each says what it should be instead.
fn none_are(class: ReasonClass, lines: &[(&str, ReasonClass)]) {
    let wrong: Vec<String> = lines
        .iter()
        .map(|(line, want)| (line, want, classify(line)))
        .filter(|(_, want, got)| got.class == class || got.class != **want)
        .map(|(line, want, got)| {
            format!(
                "  {line:?} → {:?} (want {want:?}): {}",
                got.class,
                got.explain(line)
            )
        })
        .collect();
    assert!(wrong.is_empty(), "not {class:?}:\n{}", wrong.join("\n"));
}

fn signal_text(line: &str, kind: SignalKind) -> Vec<&str> {
    classify(line)
        .decided_by
        .iter()
        .filter(|s| s.kind == kind)
        .filter_map(|s| line.get(s.span.clone()))
        .collect()
}

// --- feeling-not-reason ----------------------------------------------------------------

#[test]
fn feelings_are_not_reasons() {
    all_are(
        C::Feeling,
        &[
            "I'm tired of interviewing and want it to be over",
            "I'm so tired of all of this and I just want it to be over",
            "honestly I'm exhausted after 14 interviews",
            "I'm tired because I've been interviewing for months",
            "I'm anxious about the whole thing",
            "scared I'll regret it",
            "fed up with the back and forth",
            "I just feel like this isn't it",
            "burned out from the search, I want this done",
            "I’m sick of all this and can’t sleep",
            "I'm scared and honestly exhausted, I just want this to be over",
            "Ich bin müde — tired of this",
            "I'M SO DONE WITH INTERVIEWING",
            "I'm worried the company might not survive",
            "I'm done.",
        ],
    );
}

#[test]
fn real_reasons_that_contain_a_feeling_are_not_feelings() {
    none_are(
        C::Feeling,
        &[
            (
                "I'm anxious because they had layoffs twice this year",
                C::RedFlag,
            ),
            (
                "I'm scared because the CTO and two leads left last month",
                C::RedFlag,
            ),
            (
                "I'm nervous, it's 6% below my floor after two counters",
                C::BelowFloor,
            ),
            (
                "fed up: they pushed back on every reasonable ask",
                C::Pushback,
            ),
            (
                "I'm not tired, the scope was cut in half",
                C::ScopeDowngrade,
            ),
            (
                "I'm worried because the hiring manager couldn't explain who I'd report to",
                C::ArticulatedGut,
            ),
            (
                "I'm tired of the recruiter dodging every question about equity",
                C::ArticulatedGut,
            ),
            (
                "anxious because the recruiter told me three times the budget was frozen",
                C::ArticulatedGut,
            ),
            ("the team is great and the role is strong", C::Unclassified),
        ],
    );
}

// --- wish-not-floor --------------------------------------------------------------------

#[test]
fn wishes_are_not_floors() {
    all_are(
        C::WishNotFloor,
        &[
            "it's 5% under my number",
            "it's well under what I wanted",
            "less than I hoped for, but above my floor",
            "$10k below my wish number",
            "not quite what I was hoping for",
            "they lowballed me",
            "it's under my target and I'm fed up",
            "it's still under what I wanted, about 12% under my number",
            "I think I deserve more than this",
            "it's still a little under my number",
        ],
    );
}

#[test]
fn floors_and_facts_are_not_wishes() {
    none_are(
        C::WishNotFloor,
        &[
            ("it's $12k under my floor", C::BelowFloor),
            ("below my minimum, which is also my wish", C::BelowFloor),
            (
                "under my number and they pushed back on every ask",
                C::Pushback,
            ),
            ("the number is fine, the scope was cut", C::ScopeDowngrade),
            (
                "under what I wanted, and the CTO quit last week",
                C::RedFlag,
            ),
            ("my friend makes more than I would there", C::Comparison),
            ("I wanted to work on robotics", C::Unclassified),
            ("more meetings than I'd like", C::Unclassified),
        ],
    );
}

// --- speculative-reason ----------------------------------------------------------------

#[test]
fn guesses_about_other_offers_are_speculative() {
    all_are(
        C::Speculative,
        &[
            "a different company might pay more in three months",
            "maybe another company will pay more",
            "somewhere else might pay more, maybe in three months once budgets reset",
            "I could get more elsewhere if I wait",
            "there's probably something better out there",
            "Globex may offer a staff role next quarter",
            "if I hold out I'll find a better offer",
            "what if a bigger offer comes along in a few weeks",
            "I'm tired and I feel like another company might pay more",
        ],
    );
}

#[test]
fn facts_and_offers_in_hand_are_not_speculative() {
    none_are(
        C::Speculative,
        &[
            (
                "they announced a layoff round three months ago and the team has lost two people since",
                C::RedFlag,
            ),
            ("there might be layoffs next year", C::RedFlag),
            ("my friend at another company makes more", C::Comparison),
            ("another offer in hand pays $20k more", C::Unclassified),
            ("the recruiter refused every ask, maybe on purpose", C::Pushback),
            ("it's under my floor and may stay there", C::BelowFloor),
            ("I'm tired of waiting", C::Feeling),
            ("the recruiter asked me to start in three months", C::Unclassified),
            ("they're exploding the offer in 48 hours", C::ArticulatedGut),
        ],
    );
}

// --- comparison-reason -----------------------------------------------------------------

#[test]
fn someone_elses_pay_is_a_comparison() {
    all_are(
        C::Comparison,
        &[
            "my friend got a higher offer at a competitor for the same level",
            "a colleague makes more",
            "a colleague from my last job makes more at a smaller company",
            "my former coworker earns $30k more doing the same job",
            "levels.fyi says the band is higher elsewhere",
            "everyone I know in fintech is paid more",
            "it's below market rate for Staff",
            "my friend says Globex pays more",
            "I'm annoyed my brother got a bigger package",
            "my buddy at Google gets 400k",
            "friend's offer > mine",
        ],
    );
}

#[test]
fn friends_who_report_facts_are_not_comparisons() {
    none_are(
        C::Comparison,
        &[
            (
                "a former colleague who works there told me three people left that team since January",
                C::RedFlag,
            ),
            (
                "my friend who works there said the manager was vague about the roadmap three times",
                C::ArticulatedGut,
            ),
            ("my colleague got laid off there last month", C::RedFlag),
            ("my friend referred me and I'm tired of the process", C::Feeling),
            ("the team makes more money from consulting than product", C::Unclassified),
            (
                "Contoso is €12.000 more in base, in writing, for the role I actually asked for",
                C::WrittenOffer,
            ),
            ("my friend's offer there fell through after their layoffs", C::RedFlag),
        ],
    );
}

// --- slow-process-reason ---------------------------------------------------------------

#[test]
fn slow_processes_are_flagged() {
    all_are(
        C::SlowProcess,
        &[
            "the process was slow",
            "the process was slow, every round got rescheduled",
            "the process was slow, five rounds spread over seven weeks",
            "it took them six weeks to send the offer",
            "they ghosted me for two weeks after the final round",
            "the whole thing dragged on for months",
            "interviews kept getting postponed",
            "so much red tape and bureaucracy",
            "I'm tired of waiting on them, the process is endless",
        ],
    );
}

#[test]
fn slowness_next_to_a_real_reason_is_not_the_reason() {
    none_are(
        C::SlowProcess,
        &[
            ("the process was slow but they also had layoffs", C::RedFlag),
            ("the process wasn't slow at all", C::Unclassified),
            ("slow process, and the scope was cut at the last round", C::ScopeDowngrade),
            (
                "the process was slow and the hiring manager contradicted himself about remote twice",
                C::ArticulatedGut,
            ),
            ("I'm exhausted from the interviews", C::Feeling),
            ("the process was fast but my gut says no", C::UnarticulatedGut),
            ("my friend's process was slow but she makes more", C::Comparison),
        ],
    );
}

// --- unarticulated-gut -----------------------------------------------------------------

#[test]
fn gut_words_without_evidence_are_unarticulated() {
    all_are(
        C::UnarticulatedGut,
        &[
            "something feels off and my gut says no",
            "gut",
            "bad feeling about this one",
            "just a weird vibe from the team",
            "my gut is screaming no",
            "something isn't right, I can't put my finger on it",
            "I have a bad feeling because I don't know",
            "my gut says walk because something feels off",
            "I don't trust them",
            "lots of red flags in the interviews",
            "I'm anxious and my gut says no",
            "I don't feel good about it",
        ],
    );
}

#[test]
fn gut_words_with_evidence_are_not_unarticulated() {
    none_are(
        C::UnarticulatedGut,
        &[
            (
                "my gut says no because the hiring manager dodged my question about on-call twice",
                C::ArticulatedGut,
            ),
            (
                "my gut says no because Chris couldn't name one project for Q1 when I asked him twice",
                C::ArticulatedGut,
            ),
            ("bad feeling: the team had four exits this year", C::RedFlag),
            (
                "gut says no, the recruiter told me three times the budget is tight",
                C::ArticulatedGut,
            ),
            ("no red flags, I'm just tired", C::Feeling),
            ("gut feeling that a different company might pay more", C::Speculative),
            (
                "something feels off — they wouldn't tell me who I'd report to",
                C::ArticulatedGut,
            ),
            (
                "the vibe was off because the manager checked his phone the whole interview",
                C::ArticulatedGut,
            ),
            ("the gutter outside the office leaks", C::Unclassified),
        ],
    );
}

// --- real reasons ----------------------------------------------------------------------

#[test]
fn below_the_floor_is_real() {
    all_are(
        C::BelowFloor,
        &[
            "still $7k under my floor after two counters, and the second one didn't move",
            "it's under my floor and they haven't moved yet",
            "below my hard floor after the second counter",
            "$178k is below my minimum",
            "I can't pay rent on this base",
            "I'm anxious, it's 6% below my floor",
            "it's under my number and also under my floor",
        ],
    );
}

#[test]
fn pushback_on_every_ask_is_real() {
    all_are(
        C::Pushback,
        &[
            "the recruiter pushed back on every reasonable ask",
            "they said no to everything I asked for",
            "they wouldn't budge on anything, not even PTO",
            "refused every request, even the small ones",
            "I'm frustrated: they pushed back on every single ask",
            "take it or leave it on every point",
            "the recruiter stonewalled me on equity and start date",
        ],
    );
}

#[test]
fn a_scope_downgrade_is_real() {
    all_are(
        C::ScopeDowngrade,
        &[
            "the scope was downgraded between the second and final round, from owning the platform to maintaining two ETL jobs alone",
            "they down-leveled me from Staff to Senior after the final round",
            "the title changed from Staff to Senior",
            "scared or not, the hiring manager downgraded the role from Staff to Senior after the final round",
            "bait and switch: it's now a maintenance job",
            "they cut the scope in half after I said yes",
            "offered a lower level than we discussed",
            "I'm anxious writing this, but the scope was cut after I accepted",
        ],
    );
}

#[test]
fn a_red_flag_is_real() {
    all_are(
        C::RedFlag,
        &[
            "I'm anxious because they had layoffs twice this year",
            "I'm scared because the CTO and two leads left last month",
            "the team I'd join had four exits this year",
            "they're being sued by former employees",
            "there's a hiring freeze and a reorg coming",
            "they missed payroll in March",
            "the company is under investigation",
            "half the team quit after the last round of cuts",
            "turnover on that team is brutal",
            "they lost their VP of engineering in May",
            "three engineers were let go the week I interviewed",
            "the manager made a sexist joke",
            "they lowered the equity after the verbal",
            "the startup only has 6 months of runway",
            "they have had 3 CEOs in 2 years",
        ],
    );
}

#[test]
fn an_articulated_gut_signal_is_real() {
    all_are(
        C::ArticulatedGut,
        &[
            "the hiring manager was vague about the team's roadmap three times",
            "my gut says no because the hiring manager dodged my question about on-call twice",
            "my gut says no because Chris couldn't name one project for Q1 when I asked him twice",
            "I'm anxious because the manager wouldn't say who I'd report to",
            "bad feeling: the recruiter told me three different start dates",
            "they wouldn't put the bonus in writing",
            "the CEO contradicted the recruiter about remote work twice",
            "I'm worried because the interviewer cancelled on me three times",
            "my gut says no because the team seemed checked out",
            "bad feeling — the manager asked if I plan to have kids",
            "the interviewer showed up 20 minutes late and didn't apologize",
        ],
    );
}

#[test]
fn lines_with_nothing_recognised_are_unclassified() {
    all_are(
        C::Unclassified,
        &[
            "",
            "   ",
            "the commute is ninety minutes each way on a good day",
            "I want to work on robotics",
            "the equity is illiquid",
            "they don't have a London office",
            "I'm not tired, not anxious, nothing like that",
            "the gutter outside the office leaks",
            "she retired tirelessly",
            "I have 6 months of runway so I can wait",
            "my floor is $190k and the base is $200k",
            "the manager left me hanging for a bit",
        ],
    );
}

// --- classes ---------------------------------------------------------------------------

// --- explain ---------------------------------------------------------------------------

#[test]
fn explain_says_the_red_flag_outranks_the_feeling() {
    let line = "I'm anxious because they had layoffs twice this year";
    let why = classify(line).explain(line);
    assert_eq!(
        why,
        "\"layoffs twice\" names a red flag, so \"anxious\" is context, not the reason \
         (a named fact outranks a feeling)"
    );
}

#[test]
fn explain_quotes_the_observation_and_the_count() {
    let line = "the hiring manager was vague about the team's roadmap three times";
    let why = classify(line).explain(line);
    assert!(
        why.starts_with(
            "\"vague\" and \"three times\" are what they said or did, seen first-hand: \
             a gut signal put into words is a real reason"
        ),
        "{why}"
    );
}

#[test]
fn explain_says_what_backs_the_gut() {
    let line = "my gut says no because the hiring manager dodged my question about on-call twice";
    assert_eq!(
        classify(line).explain(line),
        "\"my gut says no\" is backed by \"dodged\" and \"twice\", what they said or did, \
         seen first-hand: a gut signal put into words is a real reason"
    );
    let line = "my gut says no because the team seemed checked out";
    let c = classify(line);
    assert_eq!(
        signal_text(line, SignalKind::Because),
        ["because the team seemed checked out"]
    );
    assert!(c
        .explain(line)
        .starts_with("\"my gut says no\" is backed by \"because the team seemed checked out\""));
}

#[test]
fn explain_quotes_the_departure_with_its_count() {
    let line = "I'm scared because the CTO and two leads left last month";
    let why = classify(line).explain(line);
    assert!(
        why.starts_with("\"two leads left\" names a red flag"),
        "{why}"
    );
    assert!(
        why.contains("so \"scared\" is context, not the reason"),
        "{why}"
    );
}

#[test]
fn explain_names_the_feeling_and_why_it_is_not_enough() {
    let line = "I'm tired of interviewing and want it to be over";
    let why = classify(line).explain(line);
    assert_eq!(
        why,
        "\"tired\" and \"want it to be over\" are a feeling, not a reason: \
         the wrong thing to base a multi-year decision on"
    );
}

#[test]
fn explain_says_which_flagged_reason_won() {
    let line = "I'm tired and a different company might pay more";
    let why = classify(line).explain(line);
    assert!(
        why.starts_with("\"a different company\" and \"might pay more\" are a guess"),
        "{why}"
    );
    assert!(
        why.ends_with("(a guess about the future outranks a feeling)"),
        "{why}"
    );
}

#[test]
fn explain_quotes_the_wish_and_the_comparison() {
    let line = "it's 5% under my number";
    assert_eq!(
        classify(line).explain(line),
        "\"my number\" measures the offer against your wish: your wish number is not your floor"
    );
    let line = "a colleague makes more";
    assert!(classify(line)
        .explain(line)
        .starts_with("\"colleague makes more\" compares the offer"));
}

#[test]
fn explain_asks_for_words_behind_an_unarticulated_gut() {
    let line = "something feels off and my gut says no";
    let why = classify(line).explain(line);
    assert!(
        why.starts_with("\"something feels off\" and \"my gut says no\" are a gut signal"),
        "{why}"
    );
    assert!(why.contains("put into words"), "{why}");
}

#[test]
fn explain_of_an_unclassified_line_says_nothing_was_recognised() {
    let line = "I want to work on robotics";
    let why = classify(line).explain(line);
    assert!(why.starts_with("nothing here names"), "{why}");
}

#[test]
fn the_feeling_is_not_among_the_deciders_of_a_red_flag() {
    let line = "I'm anxious because they had layoffs twice this year";
    let kinds: Vec<SignalKind> = classify(line).decided_by.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SignalKind::RedFlag, SignalKind::Count]);
}

// --- spans -----------------------------------------------------------------------------

#[test]
fn spans_are_byte_ranges_even_after_non_ascii_text() {
    let line = "Ich bin müde — tired of this";
    let c = classify(line);
    assert_eq!(c.class, C::Feeling);
    let start = line.find("tired").unwrap_or(usize::MAX);
    assert_eq!(c.decided_by[0].span, start..start + "tired".len());
    assert_eq!(signal_text(line, SignalKind::Feeling), ["tired"]);
}

#[test]
fn spans_cover_curly_apostrophes_and_keep_the_user_s_spelling() {
    let line = "Ärger über alles — I’m fed up and I can’t take it anymore";
    assert_eq!(
        signal_text(line, SignalKind::Feeling),
        ["fed up", "can’t take it"]
    );
    let line = "they wouldn’t say who I’d report to";
    assert_eq!(signal_text(line, SignalKind::Observation), ["wouldn’t say"]);
}

#[test]
fn spans_ignore_case() {
    let line = "LAYOFFS in Q3, and the CTO Left";
    assert_eq!(
        signal_text(line, SignalKind::RedFlag),
        ["LAYOFFS", "CTO Left"]
    );
}

#[test]
fn spans_of_pairs_run_from_the_first_word_to_the_last() {
    let line = "the recruiter pushed back on every reasonable ask";
    assert_eq!(
        signal_text(line, SignalKind::Pushback),
        ["pushed back on every reasonable ask"]
    );
    let line = "they said the scope was cut";
    assert_eq!(signal_text(line, SignalKind::Downgrade), ["scope was cut"]);
    let line = "my friend got a higher offer";
    assert_eq!(
        signal_text(line, SignalKind::Comparison),
        ["friend got a higher offer"]
    );
}

#[test]
fn whole_words_only() {
    for line in [
        "the gutter",
        "tiredless",
        "maybelline",
        "exitsign",
        "slowpoke",
    ] {
        assert_eq!(classify(line).class, C::Unclassified, "{line}");
    }
    assert_eq!(classify("gut's telling me no").class, C::UnarticulatedGut);
}

#[test]
fn amounts_durations_and_your_own_interviews_are_not_counts() {
    for line in [
        "bad feeling, $172,000 is 5% off",
        "bad feeling after 14 interviews",
        "bad feeling, I've been looking for 6 months",
    ] {
        assert_eq!(classify(line).class, C::UnarticulatedGut, "{line}");
    }
}

#[test]
fn negation_takes_back_a_fact_or_a_feeling() {
    assert_eq!(classify("no layoffs, I'm just tired").class, C::Feeling);
    assert_eq!(
        classify("they never pushed back on anything").class,
        C::Unclassified
    );
    assert_eq!(classify("nobody has left the team").class, C::Unclassified);
    assert_eq!(classify("I'm not anxious about it").class, C::Unclassified);
    assert_eq!(classify("not what I wanted").class, C::WishNotFloor);
}

#[test]
fn a_long_line_is_classified_quickly() {
    let line = "I'm tired and anxious, the recruiter was vague three times, ".repeat(40);
    let started = std::time::Instant::now();
    let c = classify(&line);
    assert_eq!(c.class, C::ArticulatedGut);
    // Generous bound: a debug build on a slow CI machine, ~2,400 words.
    assert!(started.elapsed().as_millis() < 1_000);
}
