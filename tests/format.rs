//! The format as people write it (SPEC §1): counter lines with extra parts are read and kept,
//! a counter line that can't be read says so on its own line, natural wording is forgiven
//! where its meaning is plain, and where it isn't the error names the nearest accepted forms.

use offer_notes::model::{Counter, Journal, Money};
use offer_notes::{check, Config};

fn report(text: &str) -> offer_notes::Report {
    check(text, &Config::default())
}

fn journal(text: &str) -> Journal {
    std::sync::Arc::unwrap_or_clone(report(text).journal)
}

/// `code` diagnostics as (1-based line, message).
fn found(text: &str, code: &str) -> Vec<(usize, String)> {
    report(text)
        .diagnostics
        .into_iter()
        .filter(|d| d.code == code)
        .map(|d| (text[..d.span.start].matches('\n').count() + 1, d.message))
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn usd(units: i64) -> Money {
    Money::major(units, offer_notes::model::Currency::USD)
}

const OFFER: &str = "today: 2026-11-30\nfloor: $140k base\ndecision-date: 2026-12-04\n\n## Acme\nstatus: live\nbase: $120,000\n";

fn counters(lines: &str) -> Vec<Counter> {
    let text = format!("{OFFER}{lines}");
    journal(&text).sections[1]
        .counters
        .iter()
        .map(|c| c.value)
        .collect()
}

fn extra(text: &str, span: Option<offer_notes::text::Span>) -> Option<&str> {
    span.map(|s| s.of(text))
}

// ------------------------------------------------------------------ counters never vanish

#[test]
fn extra_parts_after_asked_and_got_are_read_and_the_first_amount_is_the_base() {
    let lines = "counter 2026-11-10: asked $140k plus a $15k sign-on, got $128k\n\
                 counter 2026-11-18: asked $140k base and 5 more PTO days, got $132k\n\
                 counter 2026-11-25: asked $140k, got $128k and a $10k sign-on\n";
    let text = format!("{OFFER}{lines}");
    let got: Vec<_> = counters(lines)
        .iter()
        .map(|c| {
            (
                c.asked,
                c.got,
                extra(&text, c.asked_extra),
                extra(&text, c.got_extra),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                usd(140_000),
                Some(usd(128_000)),
                Some("plus a $15k sign-on"),
                None
            ),
            (
                usd(140_000),
                Some(usd(132_000)),
                Some("base and 5 more PTO days"),
                None
            ),
            (
                usd(140_000),
                Some(usd(128_000)),
                None,
                Some("and a $10k sign-on")
            ),
        ]
    );
    // the live number is the last `got`, so the gap the person sees moved with it
    assert!(found(&text, "invalid-value").is_empty());
    let below = found(&text, "below-floor");
    assert_eq!(below.len(), 1, "{below:?}");
    assert_eq!(below[0].0, line_of(&text, "2026-11-25"));
    assert!(below[0].1.contains("$128,000"), "{}", below[0].1);
}

#[test]
fn two_counters_with_extras_that_came_back_the_same_are_both_counted() {
    let lines = "counter 2026-11-10: asked $140k plus a $15k sign-on, got $128k\n\
                 counter 2026-11-18: asked $140k base and 5 more PTO days, got $128K\n";
    let text = format!("{OFFER}{lines}");
    let codes: Vec<_> = report(&text)
        .diagnostics
        .into_iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(codes.contains(&"counter-did-not-move"), "{codes:?}");
    assert!(codes.contains(&"below-floor-after-counters"), "{codes:?}");
}

#[test]
fn natural_counter_wording_reads_the_same_numbers() {
    for line in [
        "counter 2026-11-10: asked $140k, got $128k",
        "counter 2026-11-10: asked $140k got $128k",
        "counter 2026-11-10: Asked $140k; got $128k",
        "counter 2026-11-10: asked for $140k, got $128k",
        "counter 2026-11-10: asked $140k — got $128k (verbal, Dana on the phone)",
        "- counter 2026-11-10: asked $140k because I got another offer, got $128k",
        "counter 2026-11-10: asked $140k as I got $5k more elsewhere, got $128k",
        "counter: asked $140k, got $128k",
    ] {
        let c = counters(&format!("{line}\n"));
        assert_eq!(c.len(), 1, "{line}");
        assert_eq!(
            (c[0].asked, c[0].got),
            (usd(140_000), Some(usd(128_000))),
            "{line}"
        );
    }
}

#[test]
fn a_counter_still_waiting_for_an_answer_has_no_got() {
    let lines = "counter 2026-11-25: asked $140k plus a $15k sign-on — waiting to hear\n";
    let text = format!("{OFFER}{lines}");
    let c = counters(lines);
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].asked, c[0].got), (usd(140_000), None));
    assert_eq!(
        extra(&text, c[0].asked_extra),
        Some("plus a $15k sign-on — waiting to hear")
    );
}

#[test]
fn an_unreadable_counter_line_is_an_error_on_that_line_saying_what_was_expected() {
    for line in [
        "counter 2026-11-25: they said no",
        "counter 2026-11-25: asked again by phone, still waiting to hear",
        "counter 2026-11-25: asked $140k, got nothing",
        "counter 2026-11-25: asked $140k, got the same",
        "counter 2026-11-25 asked $140k, got $128k",
        "- Counter 2026-11-25 — asked $140k, got $128k",
    ] {
        let text = format!("{OFFER}{line}\n");
        let errors = found(&text, "invalid-value");
        assert_eq!(errors.len(), 1, "{line}: {errors:?}");
        let (at, message) = &errors[0];
        assert_eq!(*at, line_of(&text, "2026-11-25"), "{line}");
        assert!(message.starts_with("`counter`"), "{message}");
        assert!(message.contains("asked $"), "{line}: {message}");
        assert!(message.contains("got $"), "{line}: {message}");
    }
}

#[test]
fn a_dangling_got_names_what_it_needs() {
    let text = format!("{OFFER}counter 2026-11-25: asked $140k, got nothing\n");
    let message = &found(&text, "invalid-value")[0].1;
    assert!(message.contains("`got nothing`"), "{message}");
}

#[test]
fn prose_that_merely_mentions_a_counter_stays_prose() {
    for line in [
        "Counter 2 went badly; Dana said the band is fixed.",
        "counter offer from Initech is coming, maybe",
        "Countered on 2026-11-25 and they said no.",
    ] {
        let text = format!("{OFFER}{line}\n");
        assert!(found(&text, "invalid-value").is_empty(), "{line}");
    }
}

// ------------------------------------------------------------------ natural wording

const SECTION: &str =
    "today: 2026-11-30\nfloor: $140k base\ndecision-date: 2026-12-04\n\n## Acme\n";

fn section(lines: &str) -> (String, offer_notes::model::Section) {
    let text = format!("{SECTION}{lines}\n");
    let section = journal(&text).sections[1].clone();
    (text, section)
}

fn invalid(lines: &str) -> Vec<String> {
    let text = format!("{SECTION}{lines}\n");
    found(&text, "invalid-value")
        .into_iter()
        .map(|(_, m)| m)
        .collect()
}

#[test]
fn plain_meaning_in_natural_words_is_read_without_an_error() {
    use offer_notes::model::{Bonus, Percent};
    for (line, percent) in [
        ("bonus: 10% target", 10),
        ("bonus: 15% of base", 15),
        ("bonus: 12% of base salary", 12),
        ("bonus: 10% annual target", 10),
        ("bonus: 10%", 10),
    ] {
        let (_, s) = section(line);
        assert_eq!(
            s.bonus.map(|b| b.value),
            Some(Some(Bonus::Percent(Percent(percent * 100)))),
            "{line}"
        );
        assert!(invalid(line).is_empty(), "{line}");
    }
    let (_, s) = section("bonus: $20k target");
    assert_eq!(
        s.bonus.map(|b| b.value),
        Some(Some(Bonus::Amount(usd(20_000))))
    );
    for (line, yes) in [
        ("in-writing: not yet", false),
        ("in-writing: verbal only", false),
        ("in-writing: Verbal", false),
        ("in-writing: only verbal — Dana said it's coming", false),
        ("in-writing: no", false),
        ("in-writing: yes", true),
        ("in-writing: Yes (PDF in my inbox)", true),
    ] {
        let (_, s) = section(line);
        assert_eq!(s.in_writing.map(|w| w.value), Some(yes), "{line}");
    }
    for (line, amount) in [
        ("base: $142K", 142_000),
        ("base: $1.2M", 1_200_000),
        ("base: $172,000 (before tax)", 172_000),
    ] {
        let (_, s) = section(line);
        assert_eq!(s.base.map(|b| b.value), Some(usd(amount)), "{line}");
    }
    use offer_notes::model::Status;
    for (line, status) in [
        ("status: interviewing", Status::Interviewing),
        ("status: Live offer", Status::Live),
        ("status: current job", Status::Current),
    ] {
        let (_, s) = section(line);
        assert_eq!(s.status(), Some(status), "{line}");
    }
}

#[test]
fn wording_that_could_mean_two_things_names_the_nearest_accepted_forms() {
    let cases: [(&str, &[&str]); 10] = [
        (
            "status: pending",
            &[
                "`pending` is not a status",
                "`live`",
                "`interviewing`",
                "no offer yet",
            ],
        ),
        (
            "status: rejected",
            &["`declined`", "`withdrawn`", "`rescinded`"],
        ),
        ("status: liev", &["did you mean `live`"]),
        ("status: onsite next week", &["`interviewing`"]),
        ("status: live but shaky", &["like `live — but shaky`"]),
        (
            "status: purple",
            &["`purple` is not a status", "interviewing", "like `live`"],
        ),
        (
            "manager: vague",
            &["`vague` is not a rating", "`strong`, `ok` or `weak`", "`+`"],
        ),
        ("team: great", &["did you mean `strong`?"]),
        (
            "equity: 2000 RSUs",
            &[
                "`2000 RSUs` has no value",
                "money value",
                "`$160k over 4 years`",
            ],
        ),
        ("equity: 0.05%", &["`0.05%`", "`$160k over 4 years`"]),
    ];
    for (line, expected) in cases {
        let errors = invalid(line);
        assert_eq!(errors.len(), 1, "{line}: {errors:?}");
        let key = line.split(':').next().unwrap();
        assert!(
            errors[0].starts_with(&format!("`{key}`: ")),
            "{}",
            errors[0]
        );
        for part in expected {
            assert!(
                errors[0].contains(part),
                "{line}: {} lacks {part}",
                errors[0]
            );
        }
    }
}

#[test]
fn a_rating_that_is_not_one_stays_an_error_even_when_its_meaning_is_near() {
    // "great" is near `strong`, but the person chooses: it is named, not taken
    let (_, s) = section("team: great");
    assert!(s.ratings.is_empty());
}

// ------------------------------------------------------------------ interviewing

#[test]
fn an_interviewing_section_is_not_an_open_offer() {
    let text = "today: 2026-11-30\nfloor: $170k base\nrunway: 4 months\ndecision-date: 2026-12-10\n\n## Acme\nstatus: live\nbase: $160,000\nin-writing: yes\nscope: strong\nmanager: strong\nteam: ok\ngrowth: ok\n\n## Umbrella\nstatus: interviewing\nrole: SRE Lead\n";
    let r = report(text);
    let umbrella = &r.journal.sections[2];
    assert!(!offer_notes::analysis::is_open(umbrella));
    // Acme is the only open offer, so its runway case applies; Umbrella gets no advice about
    // deciding (it has no offer), only the reminder that it can be told about Acme's
    let acme = r.analysis.offer(1).unwrap();
    assert!(acme.situation.only_open, "{:?}", acme.situation);
    let codes: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.section, d.code.as_str()))
        .collect();
    assert!(codes.contains(&(1, "middle-runway")), "{codes:?}");
    assert!(
        !codes
            .iter()
            .any(|(s, c)| *s == 2 && *c != "tell-other-companies"),
        "{codes:?}"
    );
    assert!(codes.contains(&(2, "tell-other-companies")), "{codes:?}");
}

// ------------------------------------------------------------------ hover reads what was kept

fn hover_on(text: &str, needle: &str) -> String {
    let offset = text.find(needle).unwrap();
    offer_notes::present::hover::hover(text, &report(text), offset)
        .map(|(_, markdown)| markdown)
        .unwrap_or_default()
}

#[test]
fn hovering_a_counter_quotes_its_extra_parts_as_written() {
    let text = format!(
        "{OFFER}counter 2026-11-10: asked $140k plus a $15k sign-on, got $128k and a $10k sign-on\n"
    );
    let markdown = hover_on(&text, "got $128k");
    assert!(
        markdown.contains("the ask was “plus a $15k sign-on” and the answer “and a $10k sign-on”"),
        "{markdown}"
    );
    let plain = format!("{OFFER}counter 2026-11-10: asked $140k, got $128k\n");
    assert!(!hover_on(&plain, "got $128k").contains("Beyond the base"));
}

#[test]
fn hovering_an_interviewing_status_says_there_is_no_offer_yet() {
    let text = format!("{SECTION}status: interviewing\nrole: SRE Lead\n");
    let markdown = hover_on(&text, "interviewing");
    assert!(
        markdown.contains("still interviewing with Acme"),
        "{markdown}"
    );
    assert!(markdown.contains("no offer yet"), "{markdown}");
}

#[test]
fn completion_offers_interviewing_with_what_it_means() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let items = offer_notes::present::complete::complete("status: ", false, today);
    let interviewing = items.iter().find(|i| i.label == "interviewing");
    let interviewing = interviewing.expect("interviewing is offered");
    assert!(
        format!("{} {}", interviewing.detail, interviewing.documentation).contains("no offer yet")
    );
}

// ------------------------------------------------------------------ the README's example

/// What the README's format example is meant to show, as its prose after the block says.
/// Change the two together.
const README_EXAMPLE_SHOWS: [(&str, &str); 3] = [
    ("below-floor", "counter 2026-11-15"),
    ("decided-early", "decision 2026-11-21"),
    ("no-review-date", "decision 2026-11-21"),
];

/// The ```markdown block of README.md's "The format in brief", and the prose after it.
fn readme_example() -> (String, String) {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## The format in brief").expect("the section")..];
    let open = section.find("```markdown\n").expect("the example block") + "```markdown\n".len();
    let close = open + section[open..].find("\n```\n").expect("the block closes") + 1;
    let after = &section[close + "```\n".len()..];
    let prose = after
        .split("\n\n")
        .find(|p| !p.trim().is_empty())
        .unwrap_or_default();
    (section[open..close].to_string(), prose.to_string())
}

#[test]
fn the_readme_example_can_be_copied_as_it_stands() {
    let (example, _) = readme_example();
    assert!(example.starts_with("# "), "{example}");
    let r = report(&example);
    let syntax: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code.as_str(),
                "invalid-value" | "unknown-key" | "duplicate-key"
            )
        })
        .map(|d| d.message.clone())
        .collect();
    assert!(syntax.is_empty(), "{syntax:?}");
    // every line of it was read: the profile and the one offer, in full
    let acme = &r.journal.sections[1];
    assert_eq!(acme.display_name(), "Acme Robotics");
    assert_eq!(
        (
            acme.counters.len(),
            acme.reasons.len(),
            acme.decisions.len()
        ),
        (1, 2, 1)
    );
    assert!(r.journal.profile().floor.is_some() && r.journal.profile().runway.is_some());
    for d in &r.diagnostics {
        assert!(
            README_EXAMPLE_SHOWS
                .iter()
                .any(|(code, _)| *code == d.code.as_str()),
            "the README example shows `{}` ({}), which its prose doesn't mention",
            d.code,
            d.message
        );
    }
}

#[test]
fn the_readme_example_shows_what_its_prose_says_on_the_lines_it_names() {
    let (example, prose) = readme_example();
    for (code, _) in README_EXAMPLE_SHOWS {
        assert!(
            prose.contains(&format!("`{code}`")),
            "the prose doesn't name `{code}`:\n{prose}"
        );
    }
    // pinned to the week it was written, so the findings can't age out of the example
    let (title, rest) = example.split_once('\n').unwrap();
    let pinned = format!("{title}\ntoday: 2026-11-22\n{rest}");
    let found: Vec<(&str, usize)> = report(&pinned)
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                pinned[..d.span.start].matches('\n').count() + 1,
            )
        })
        .collect();
    for (code, on) in README_EXAMPLE_SHOWS {
        let line = line_of(&pinned, on);
        assert!(
            found.contains(&(code, line)),
            "`{code}` not on line {line}: {found:?}"
        );
    }
}

#[test]
fn a_decision_without_its_colon_is_not_silently_prose_either() {
    let text = format!("{OFFER}decision 2026-11-21 walk, the numbers don't work\n");
    let errors = found(&text, "invalid-value");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, line_of(&text, "decision 2026-11-21"));
    assert!(
        errors[0].1.contains("like `decision 2026-11-21: walk`"),
        "{}",
        errors[0].1
    );
}
