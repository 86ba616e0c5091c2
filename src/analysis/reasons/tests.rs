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

// --- issue 12: the section's people, named comparisons, offers in writing, re-levelling,
// self-doubt. Phrasings written before the code that recognises them. -----------------------

/// Every line must classify as `class` with `people` named by the section.
fn all_are_with(class: ReasonClass, people: &[&str], lines: &[&str]) {
    let context = Context { people };
    let wrong: Vec<String> = lines
        .iter()
        .map(|line| (line, classify_in(line, &context)))
        .filter(|(_, got)| got.class != class)
        .map(|(line, got)| {
            format!(
                "  {line:?} → {:?}: {}",
                got.class,
                got.explain_in(line, &context)
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "expected {class:?} with {people:?}:\n{}",
        wrong.join("\n")
    );
}

const LUMEN: &[&str] = &["Dev Malhotra", "Ana Ruiz", "Tomás Ortega"];

#[test]
fn the_sections_people_count_as_them() {
    all_are_with(
        C::Pushback,
        LUMEN,
        &[
            "I just feel like Dev pushed back on every reasonable ask",
            "I just feel like Dev pushed back on every reasonable ask, even the extra PTO week",
            "Ana pushed back on every single ask I made",
            "Malhotra said no to everything I asked for",
            "honestly Dev refused every request, even the laptop",
            "Dev shot down every reasonable ask within the hour",
            "I feel like Ana turned down each of my requests",
            "ugh, Dev stonewalled me on equity and the start date",
            "Ruiz wouldn't budge on anything",
            "I'm tired of it: Dev rejected all my asks",
            "Dev Malhotra pushed back on every point",
        ],
    );
}

#[test]
fn without_the_sections_people_a_name_is_nobody_in_particular() {
    // The same words with no `recruiter:` naming Dev stay what the text alone says.
    assert_eq!(
        classify("I just feel like Dev pushed back on every reasonable ask").class,
        C::Feeling
    );
    // Someone the section doesn't name is not "them" either.
    assert_eq!(
        classify_in(
            "I just feel like Sam pushed back on every reasonable ask",
            &Context { people: LUMEN }
        )
        .class,
        C::Feeling
    );
}

#[test]
fn named_people_companies_and_forums_are_comparisons() {
    all_are_with(
        C::Comparison,
        LUMEN,
        &[
            "Jess got $205k at Stripe",
            "Jess got $205k at Stripe for the same level",
            "people on Blind at my level get $210k",
            "people on Blind at my level say they're pulling $210k",
            "levels.fyi says Datadog pays $230k for this level",
            "Priya makes $215k at Meta doing the same job",
            "my old teammate Rahul says Datadog pays about 15% more for this",
            "Marco's offer from Datadog was $18k higher",
            "on Glassdoor people at this level report $220k",
            "Sam told me he gets $25k more at Airbnb",
            "a guy from my Discord got $230k at Stripe",
            "a couple of folks in the levels.fyi threads report way higher numbers",
            "someone on Reddit with my title makes $40k more",
        ],
    );
}

#[test]
fn an_offer_in_writing_with_its_number_is_a_fact() {
    all_are_with(
        C::WrittenOffer,
        LUMEN,
        &[
            "Globex put $195k in writing",
            "my manager countered with $190k",
            "Globex sent me a written offer at $198k base yesterday",
            "my current employer countered in writing with $196k to keep me",
            "I have a signed offer from Initech at $198k",
            "Hooli's offer letter says $210k base",
            "Globex emailed the formal offer at $201k",
            "my boss put a retention offer of $200k in writing",
            "I'm nervous, but Globex put $205k base in writing, $25k above this",
            "Contoso is €12.000 more in base, in writing, for the role I actually asked for",
            "my company matched with $195k to keep me",
            "I received a written offer of €110.000 from Kestrel",
        ],
    );
}

#[test]
fn offers_that_are_not_written_or_not_yours_are_not_facts() {
    let not_facts: &[(&str, ReasonClass)] = &[
        // a friend's written offer is still someone else's pay
        ("my friend has a written offer at $220k", C::Comparison),
        // a guess about an offer, even with a number
        ("Globex might put $205k in writing next month", C::Speculative),
        // no number
        ("Globex put an offer in writing", C::Unclassified),
        // nobody named: kept as before
        ("another offer in hand pays $20k more", C::Unclassified),
    ];
    for (line, want) in not_facts {
        assert_eq!(classify(line).class, *want, "{line}");
    }
}

#[test]
fn relevelling_after_the_fact_is_a_scope_downgrade() {
    all_are_with(
        C::ScopeDowngrade,
        LUMEN,
        &[
            "they re-levelled me to L4 after the final round",
            "the title changed from Staff to Senior in the written offer",
            "after the last round Ana re-levelled the role from Manager II to Manager I",
            "they relevelled the role after the onsite",
            "Dev re-leveled me from Senior to mid-level",
            "the offer came in at L4 instead of the L5 they interviewed me for",
            "they re-levelled the position down a grade",
            "the written offer says Associate Director; I interviewed for Director",
            "they moved me down a level after the team match",
            "the letter says Senior, not the Staff title we discussed",
            "re-leveled to E4 after I'd given notice",
        ],
    );
}

#[test]
fn self_doubt_is_its_own_class() {
    all_are_with(
        C::SelfDoubt,
        LUMEN,
        &[
            "not sure I'm good enough",
            "not sure I'm good enough to lead a platform group at staff level",
            "I feel like an imposter",
            "I keep feeling like an imposter who got lucky in the interviews",
            "what if I fail",
            "what if I fail in the first ninety days and they quietly let me go",
            "I'm out of my depth",
            "what if I'm in over my head",
            "maybe I'm not ready for a lead position",
            "I might not be cut out for management",
            "I'm not sure I can actually do this job",
            "I feel like a fraud for getting this role",
            "I don't know if I'm smart enough for a place like this",
        ],
    );
}

#[test]
fn self_doubt_with_a_fact_about_the_job_is_the_fact() {
    let lines: &[(&str, ReasonClass)] = &[
        (
            "not sure I'm good enough, and they re-levelled me to L4 after the final round",
            C::ScopeDowngrade,
        ),
        (
            "what if I fail? the team had four exits this year",
            C::RedFlag,
        ),
        (
            "I feel like an imposter and it's $12k under my floor",
            C::BelowFloor,
        ),
        (
            "out of my depth, maybe, but Globex put $205k in writing",
            C::WrittenOffer,
        ),
    ];
    for (line, want) in lines {
        let c = classify(line);
        assert_eq!(c.class, *want, "{line}: {}", c.explain(line));
    }
}

#[test]
fn explain_names_the_person_and_the_offer() {
    let people = Context { people: LUMEN };
    let line = "I just feel like Dev pushed back on every reasonable ask";
    let why = classify_in(line, &people).explain_in(line, &people);
    assert!(
        why.starts_with("\"Dev pushed back on every reasonable ask\" says they pushed back"),
        "{why}"
    );
    let line = "Globex put $195k in writing";
    let why = classify(line).explain(line);
    assert!(why.contains("\"Globex put $195k in writing\""), "{why}");
    let line = "what if I fail in the first ninety days";
    let why = classify(line).explain(line);
    assert!(why.contains("\"what if I fail\""), "{why}");
    assert!(why.contains("what you would tell a friend"), "{why}");
}

/// Held-out phrasings (tests/heldout/phrasings/reasons.tsv), written from the SPEC alone:
/// each row's expected class, with the people its context names.
#[test]
fn heldout_phrasings() {
    const TABLE: &str = include_str!("../../../tests/heldout/phrasings/reasons.tsv");
    let class_of = |name: &str| match name {
        "feeling" => C::Feeling,
        "wish-not-floor" => C::WishNotFloor,
        "speculative" => C::Speculative,
        "comparison" => C::Comparison,
        "slow-process" => C::SlowProcess,
        "unarticulated-gut" => C::UnarticulatedGut,
        "real-pushback" => C::Pushback,
        "real-scope-downgrade" => C::ScopeDowngrade,
        "real-red-flag" => C::RedFlag,
        "real-articulated-gut" => C::ArticulatedGut,
        "real-floor" => C::BelowFloor,
        "real-fact" => C::WrittenOffer,
        "cold-feet" => C::SelfDoubt,
        other => panic!("unknown class {other:?} in reasons.tsv"),
    };
    let mut rows = 0;
    let mut misses = Vec::new();
    for row in TABLE.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let mut cols = row.split('\t');
        let (Some(phrase), Some(expected)) = (cols.next(), cols.next()) else {
            panic!("malformed row {row:?}");
        };
        let names: Vec<&str> = cols
            .next()
            .unwrap_or("")
            .split(';')
            .filter_map(|part| part.trim().split_once('='))
            .filter(|(key, _)| matches!(*key, "recruiter" | "hiring-manager" | "referred-by"))
            .map(|(_, name)| name.trim())
            .collect();
        let context = Context { people: &names };
        let want = class_of(expected);
        let got = classify_in(phrase, &context);
        rows += 1;
        if got.class != want {
            misses.push(format!(
                "  {phrase:?}: want {want:?}, got {:?} — {}",
                got.class,
                got.explain_in(phrase, &context)
            ));
        }
    }
    let matched = rows - misses.len();
    println!(
        "held-out reason phrasings: {matched} of {rows} match\n{}",
        misses.join("\n")
    );
    assert_eq!(rows, 182, "the table has 13 classes × 14 phrasings");
    assert!(
        matched >= HELDOUT_MATCHED,
        "{matched} of {rows} held-out phrasings match, fewer than the {HELDOUT_MATCHED} reached before:\n{}",
        misses.join("\n")
    );
}

/// How many held-out phrasings matched when this was last raised: the floor, not the goal.
const HELDOUT_MATCHED: usize = 137;
