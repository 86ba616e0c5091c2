//! The draft rules recognise phrasing families, not fixed strings (SPEC §2 Drafts): each rule is
//! tried on sentences a person might really write in a decline or a counter, and on the nearest
//! misses that must stay quiet. The held-out table `tests/heldout/phrasings/drafts.tsv` (written
//! from the SPEC alone) is run too; its misses are printed, and the count may not fall.

use offer_notes::{check, Config};

/// The draft rules that read phrasing.
const PHRASE_CODES: &[&str] = &[
    "draft-grievance",
    "draft-market-lecture",
    "draft-conditional-reopen",
    "draft-ultimatum",
];

/// A journal with one live offer whose draft of `kind` holds `sentence`, between a greeting and
/// an offer to stay in touch by name.
fn journal(kind: &str, sentence: &str) -> String {
    format!(
        "today: 2026-11-22\nfloor: $150k\n\n## Acme\nstatus: live\nrecruiter: Dana Lee\nbase: $140k\n\n```email {kind}\nHi Dana,\n\nThank you for the offer.\n\n{sentence}\n\nI'd like to stay in touch, Dana.\n\nBest,\nSam\n```\n"
    )
}

/// `(code, message)` of the phrasing rules that fire on `sentence` in a `kind` draft.
fn findings(kind: &str, sentence: &str) -> Vec<(String, String)> {
    check(&journal(kind, sentence), &Config::default())
        .diagnostics
        .into_iter()
        .filter(|d| PHRASE_CODES.contains(&d.code.as_str()))
        .map(|d| (d.code.as_str().to_string(), d.message))
        .collect()
}

fn fires(code: &str, kind: &str, sentence: &str) -> bool {
    findings(kind, sentence).iter().any(|(c, _)| c == code)
}

/// Every sentence fires `code`; every near miss fires none of the phrasing rules.
fn assert_family(code: &str, kind: &str, fire: &[&str], quiet: &[&str]) {
    let missed: Vec<&&str> = fire.iter().filter(|s| !fires(code, kind, s)).collect();
    let noisy: Vec<(&&str, Vec<(String, String)>)> = quiet
        .iter()
        .map(|s| (s, findings(kind, s)))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    assert!(
        missed.is_empty() && noisy.is_empty(),
        "{code}: missed {missed:#?}\nfired on near misses {noisy:#?}"
    );
}

#[test]
fn a_grievance_is_any_complaint_about_how_you_were_treated() {
    assert_family(
        "draft-grievance",
        "decline",
        &[
            "Honestly, the whole thing felt like a bait-and-switch.",
            "The re-levelling at the end didn't help.",
            "The way the offer was communicated was a mess.",
            "I was annoyed that nobody told me about the reorg until the last call.",
            "Three reschedules in two weeks was hard to take.",
            "I felt strung along for most of the process.",
            "The recruiter's opening number put me off.",
            "The handling of my references was careless.",
            "Your scheduling team kept changing the dates on me.",
            "I never heard back after the second round, which was not ideal.",
            "The title change late in the process left me feeling misled.",
            "Being asked to interview a fifth time was, frankly, excessive.",
            "The sudden drop in level at the offer stage did not sit well with me.",
        ],
        &[
            "The team was clear and kind at every step.",
            "I appreciated how you handled my questions about the level.",
            "The re-levelling conversation was honest, and I understood it.",
            "It felt like a great team, which made this harder.",
            "I'm sorry for the back-and-forth on my side.",
            "The process moved quickly, and I was never left waiting.",
            "Thank you for keeping me updated throughout.",
            "It wasn't an easy decision to make.",
            "The scheduling was smooth from start to finish.",
            "I hope the rest of your search goes well.",
            "Dana handled every question with real care.",
            "Thank you for being patient with my many questions about the title.",
        ],
    );
}

#[test]
fn a_market_lecture_is_any_appeal_to_outside_pay_data() {
    assert_family(
        "draft-market-lecture",
        "decline",
        &[
            "The salary surveys I've looked at put comparable roles between $125k and $140k.",
            "Comparable positions in the Bay Area pay closer to $210k.",
            "Other firms I've spoken to pay more for the same level.",
            "Data from Blind suggests this level usually earns $30k more.",
            "Pay for engineers at my level has risen about 12% this year.",
            "Recent industry surveys show staff roles paying well above this.",
            "In today's market, an offer like this would be considered low.",
            "Anyone with my background would expect at least $160k elsewhere.",
            "Your range trails the 50th percentile for the role.",
            "Public salary data for this title points to something higher.",
            "Competitors are hiring for this same role at significantly higher salaries.",
            "The typical package for this position elsewhere is worth about $40k more.",
        ],
        &[
            "Thank you for being open about how the salary band works.",
            "I know budgets are tight this year.",
            "The package was thoughtfully put together.",
            "I enjoyed hearing about the market the team is going after.",
            "My experience with your team was wonderful.",
            "I've accepted a role elsewhere that fits my plans better.",
            "Other companies came up in my search, and yours stood out.",
            "The compensation was not the main reason for my decision.",
            "Your product is leading its market, and I'll be cheering you on.",
            "I appreciated the clear explanation of how bonuses are paid.",
            "Peers who've worked with Dana speak highly of her.",
            "I spent a long time comparing the two offers side by side.",
        ],
    );
}

#[test]
fn a_conditional_reopen_is_any_if_about_the_number_then_reconsider() {
    assert_family(
        "draft-conditional-reopen",
        "decline",
        &[
            "If you're ever able to get the base to $140k, I'd happily reconsider.",
            "Should the package improve down the line, I'd be glad to pick this back up.",
            "If there's flexibility on the salary later, my door is open.",
            "If the offer ever reaches $175k, let's talk again.",
            "Were the number to move to $185k, I'd take another look.",
            "Assuming the base could rise by $10k, I'd rethink my answer.",
            "In case the budget opens up for a higher salary, I'd revisit my decision.",
            "Provided the equity can be doubled, I'd be willing to reconsider.",
            "If you can get the compensation to my floor, I'll reconsider right away.",
            "If the base ever comes up, please reach out and we can talk again.",
            "Should your numbers change, I'd happily revisit this.",
            "If you could stretch to $150k, I'd be open to picking this up again.",
        ],
        &[
            "If a more senior role opens up, I'd love to hear about it.",
            "If you're ever in Berlin, let's grab a coffee.",
            "I won't reconsider, but I'm grateful for the offer.",
            "If I've been unclear about anything, please ask.",
            "The offer was strong; this came down to timing.",
            "If it helps your planning, I'm letting you know today rather than Friday.",
            "I'd be happy to talk again if our teams ever work together.",
            "If the base had been the only question, this would have been easy.",
            "Should you need anything from me, just ask.",
            "I've thought about the number carefully and my answer is final.",
            "If you know anyone who'd fit, I'm glad to pass the role along.",
            "If timing had been different, I'd have loved to join.",
        ],
    );
}

#[test]
fn an_ultimatum_is_a_threat_to_walk_used_as_a_tactic() {
    assert_family(
        "draft-ultimatum",
        "counter",
        &[
            "This is my final offer.",
            "I need $160k, or I'll have to walk away.",
            "Take it or leave it: $170k base.",
            "$150k is where I am, and I won't budge.",
            "If you can't do $165k, I'm out.",
            "Match the other offer by Monday or I walk away.",
            "Anything under $155k and I'll decline.",
            "Unless the base moves to $170k, I'll be taking my name out of the process.",
            "This number is not up for discussion.",
            "Either we agree on $175k today, or I'll go with the other company.",
            "Come up to my number, otherwise I'm done with this process.",
            "Final answer: $180k or nothing.",
            "If this can't be resolved by Friday, I'll have to decline and move on.",
        ],
        &[
            "I'm walking you through my thinking so the number makes sense.",
            "If that's hard to move, I'm open to other ways of closing the gap.",
            "My final question is about the vesting schedule.",
            "If you'd like, I can walk the hiring manager through my reasoning.",
            "Either base or equity would work for me.",
            "I'd like to land at $165k, and I think we can get there.",
            "I'll be out of office on Friday, so Monday works best for a call.",
            "Otherwise, everything in the offer looks great.",
            "I'm not going anywhere before the holidays, so no rush on your side.",
            "I turned down another offer to keep talking with you.",
            "I'd love to find a number that works for both of us.",
            "Is there any flexibility on the base?",
        ],
    );
    // a real decline may say it walks away: that is a position, not a tactic
    for sentence in [
        "I've decided to walk away from this offer, and I'm grateful for your time.",
        "This is my final decision, and I wanted you to hear it from me first.",
    ] {
        assert!(findings("decline", sentence).is_empty(), "{sentence}");
    }
    // and an ultimatum in a decline is still one
    assert!(fires(
        "draft-ultimatum",
        "decline",
        "Unless you can do $160k, I'm walking away."
    ));
}

#[test]
fn the_message_quotes_the_words_that_decided() {
    let said = |code: &str, kind: &str, sentence: &str| -> String {
        findings(kind, sentence)
            .into_iter()
            .find(|(c, _)| c == code)
            .map(|(_, m)| m)
            .unwrap_or_default()
    };
    let grievance = said(
        "draft-grievance",
        "decline",
        "The re-levelling at the end didn't help.",
    );
    assert!(
        grievance.contains("re-levelling") && grievance.contains("didn't help"),
        "{grievance}"
    );
    let lecture = said(
        "draft-market-lecture",
        "decline",
        "The salary surveys I've looked at put comparable roles between $125k and $140k.",
    );
    assert!(lecture.contains("salary surveys"), "{lecture}");
    let reopen = said(
        "draft-conditional-reopen",
        "decline",
        "If you're ever able to get the base to $140k, I'd happily reconsider.",
    );
    assert!(
        reopen.contains("If") && reopen.contains("base") && reopen.contains("reconsider"),
        "{reopen}"
    );
    let ultimatum = said(
        "draft-ultimatum",
        "counter",
        "I need $160k, or I'll have to walk away.",
    );
    assert!(ultimatum.contains("walk away"), "{ultimatum}");
}

#[test]
fn one_sentence_is_one_finding_per_rule() {
    let found = findings(
        "decline",
        "It was disappointing and frustrating, and honestly unprofessional.",
    );
    assert_eq!(
        found.iter().filter(|(c, _)| c == "draft-grievance").count(),
        1,
        "{found:#?}"
    );
}

/// The held-out rows recognised today. Raise it when the classifier gets better; it may not fall.
const HELDOUT_RECOGNISED: usize = 106;

#[test]
fn the_heldout_phrasings() {
    let table = std::fs::read_to_string("tests/heldout/phrasings/drafts.tsv").expect("drafts.tsv");
    let mut rows = 0;
    let mut hits = 0;
    let mut misses = Vec::new();
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [phrase, expected, kind] = cols[..] else {
            panic!("a row needs three columns: {line}");
        };
        rows += 1;
        let found = findings(kind, phrase);
        let ok = if expected == "quiet" {
            found.is_empty()
        } else {
            found.iter().any(|(c, _)| c == expected)
        };
        if ok {
            hits += 1;
        } else {
            misses.push(format!("{expected} ({kind}): {phrase}  -> {found:?}"));
        }
    }
    eprintln!("held-out draft phrasings: {hits}/{rows} recognised");
    for miss in &misses {
        eprintln!("  miss: {miss}");
    }
    assert!(
        hits >= HELDOUT_RECOGNISED,
        "{hits}/{rows} held-out phrasings recognised, fewer than {HELDOUT_RECOGNISED}"
    );
}

/// Later rounds of phrasings and near misses, as data: `tests/fixtures/draft_phrasings.tsv`.
#[test]
fn later_rounds_of_phrasings_and_near_misses() {
    let table =
        std::fs::read_to_string("tests/fixtures/draft_phrasings.tsv").expect("draft_phrasings.tsv");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() >= 100, "{} rows", rows.len());
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|cols| {
            let [expected, kind, sentence] = cols[..] else {
                panic!("a row needs three columns: {cols:?}");
            };
            let found = findings(kind, sentence);
            let ok = if expected == "quiet" {
                found.is_empty()
            } else {
                found.iter().any(|(c, _)| c == expected)
            };
            (!ok).then(|| format!("{expected} ({kind}): {sentence} -> {found:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}
