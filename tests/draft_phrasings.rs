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

/// Later rounds: phrasings written to probe the families after the first version recognised
/// every sentence above, each round before the cues that recognise it. `quiet` rows are near
/// misses that must raise none of the phrasing rules.
const MORE: &[(&str, &str, &str)] = &[
    (
        "draft-grievance",
        "decline",
        "I was told one thing at the start and something else at the end.",
    ),
    (
        "draft-grievance",
        "decline",
        "The last-minute change to the role was hard to understand.",
    ),
    (
        "draft-grievance",
        "decline",
        "Frankly, the offer felt like an afterthought.",
    ),
    (
        "draft-grievance",
        "decline",
        "It took you five weeks to send the written offer.",
    ),
    (
        "draft-grievance",
        "decline",
        "I felt the recruiter was dismissive of my questions.",
    ),
    (
        "draft-grievance",
        "decline",
        "Nobody seemed to know who was making the decision.",
    ),
    (
        "draft-grievance",
        "decline",
        "The communication throughout was poor.",
    ),
    (
        "draft-grievance",
        "decline",
        "Being asked for a sixth reference felt unnecessary and a bit much.",
    ),
    (
        "draft-grievance",
        "decline",
        "The hiring manager cancelled on me twice without explanation.",
    ),
    (
        "draft-grievance",
        "decline",
        "I found out about the pay band only at the very end, which wasn't fair.",
    ),
    (
        "draft-grievance",
        "decline",
        "The reference checks dragged on for weeks.",
    ),
    (
        "draft-grievance",
        "decline",
        "The offer arrived with a two-day deadline, which felt pushy.",
    ),
    (
        "draft-grievance",
        "decline",
        "The recruiter never returned my calls after the final round.",
    ),
    (
        "draft-grievance",
        "decline",
        "I had to chase your team for every update.",
    ),
    (
        "draft-grievance",
        "decline",
        "Moving the start date without asking me was not okay.",
    ),
    (
        "draft-grievance",
        "decline",
        "The offer call felt rushed and a little condescending.",
    ),
    (
        "draft-grievance",
        "decline",
        "The compensation discussion was handled badly.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Staff engineers in New York typically make $220k.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "My research shows similar roles pay 15% more.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "You're well behind what the big tech companies offer.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Friends in similar positions earn considerably more.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "The numbers on levels are very different.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Candidates with my profile are getting $30k more at comparable startups.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "For context, the going market for this role is around $175k.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Based on public data, your offer is in the lower range.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "The other companies I interviewed with all came in higher.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "A quick look at Levels shows the same title paying far more.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Most people at this level in Austin are on $160k or more.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Offers for this title from other startups have been 20% higher.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "By any industry measure, this package is low.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Recruiters from two other companies quoted me $185k for the same role.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Pay for data engineers has climbed well past this range.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "Should anything change with the compensation, I'd be glad to revisit.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If you're able to improve the package, do let me know and I'll think it over.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "Were the offer closer to $160k, I'd happily accept.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If the salary moves, I'm all ears.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If there's room to move on the base in the new year, I'd be open to another conversation.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "Should $170k ever be possible, please come back to me.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If the equity could be increased significantly, I might feel differently.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If the salary can get closer to my number, I'm happy to keep talking.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "Assuming the base can reach $175k, I'd consider rejoining the process.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If the comp improves, I'd love to pick up where we left off.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If you find more budget for the salary, I'd take another pass.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "Should the offer go up, I'd be happy to reconsider joining.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "I need $165k or I'm taking the other offer.",
    ),
    ("draft-ultimatum", "counter", "This is as low as I can go."),
    (
        "draft-ultimatum",
        "counter",
        "Without $170k I can't continue, so I'll withdraw.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "Last chance: $170k by Friday.",
    ),
    ("draft-ultimatum", "counter", "No less than $160k, period."),
    (
        "draft-ultimatum",
        "counter",
        "If we can't land on $170k, I'm afraid this is where we part ways.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "That's my number, and I won't go below it under any circumstances.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "You have until Friday to match it or I sign elsewhere.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "I'm prepared to walk if the base doesn't reach $175k.",
    ),
    (
        "draft-ultimatum",
        "decline",
        "Unless you can reach $165k, consider this my decline.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "$175k is my walk-away number, and I'll leave if we don't get there.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "I'm giving you until Monday; after that I'm off the market.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "If you can't match, I'll have to go in a different direction.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "This is it: $180k, no further negotiation.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "Either the base moves or I'm gone.",
    ),
    (
        "quiet",
        "decline",
        "Thanks for being so responsive throughout the process.",
    ),
    (
        "quiet",
        "decline",
        "The pay was fair; the fit wasn't there for me.",
    ),
    (
        "quiet",
        "decline",
        "I'd happily talk again about future roles.",
    ),
    (
        "quiet",
        "counter",
        "I've had another offer at $168k, and I'd much rather join you.",
    ),
    (
        "quiet",
        "counter",
        "If you can get to $165k, I'm ready to sign today.",
    ),
    (
        "quiet",
        "decline",
        "If the team ever expands to Boston, I'd love to reconnect.",
    ),
    (
        "quiet",
        "counter",
        "My bottom line is that I want this to work.",
    ),
    (
        "quiet",
        "decline",
        "I was impressed by how organised the whole process was.",
    ),
    (
        "quiet",
        "decline",
        "The role is exciting; the timing just isn't right for me.",
    ),
    (
        "quiet",
        "decline",
        "If our paths cross at a conference, I'd love to say hello.",
    ),
    (
        "quiet",
        "counter",
        "Could we talk about the base? I'm hoping for something closer to $170k.",
    ),
    (
        "quiet",
        "counter",
        "I'm grateful for the offer and want to make it work.",
    ),
    (
        "quiet",
        "decline",
        "Sorry it took me a while to get back to you.",
    ),
    (
        "quiet",
        "decline",
        "You and the team were generous with your time.",
    ),
    (
        "quiet",
        "counter",
        "Without the relocation support, the move would be hard, so could we include it?",
    ),
    (
        "quiet",
        "decline",
        "I know you went to bat for me on the offer, and I'm grateful.",
    ),
    (
        "quiet",
        "counter",
        "If the base is fixed, would a larger equity grant be possible?",
    ),
    (
        "quiet",
        "decline",
        "Thank you for chasing down the answers to my questions.",
    ),
    (
        "quiet",
        "decline",
        "I know the compensation discussion wasn't easy for you either.",
    ),
    (
        "quiet",
        "counter",
        "I'd be glad to hear how the equity refreshers work.",
    ),
    (
        "quiet",
        "counter",
        "My walk-away number is my own business, but I'd like to ask for $175k.",
    ),
    (
        "quiet",
        "decline",
        "Most people I met there were brilliant.",
    ),
    (
        "quiet",
        "decline",
        "If you're hiring for the data team next year, please keep me in mind.",
    ),
    (
        "quiet",
        "counter",
        "I'm giving this a lot of thought and will get back to you Monday.",
    ),
    (
        "quiet",
        "decline",
        "It was a pleasure to meet the team, and the offer was kind.",
    ),
    (
        "quiet",
        "counter",
        "If it's easier, we could move part of the ask into equity.",
    ),
    ("quiet", "decline", "Thank you for taking a chance on me."),
    (
        "quiet",
        "decline",
        "You made a stressful month feel manageable.",
    ),
    (
        "draft-grievance",
        "decline",
        "I still don't understand why the offer took three weeks to arrive.",
    ),
    (
        "draft-grievance",
        "decline",
        "Your coordinator double-booked my onsite, which was embarrassing.",
    ),
    (
        "draft-grievance",
        "decline",
        "The panel kept me waiting forty minutes on the final day.",
    ),
    (
        "draft-grievance",
        "decline",
        "Learning the role had been downlevelled from a form letter was hurtful.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Comparable offers I've received are closer to $190k.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "The going salary for senior designers here is much higher.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Market surveys put this role at $170k to $185k.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Everyone I know at this level earns well above this.",
    ),
    (
        "draft-market-lecture",
        "decline",
        "Your competitors pay far more for the same skills.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If you can ever bring the base to $165k, I'd happily talk.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "Should the salary budget grow, let's revisit.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If the offer improves meaningfully, I'm open to continuing.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "If $180k becomes possible, I'd gladly reconsider my answer.",
    ),
    (
        "draft-conditional-reopen",
        "decline",
        "Were the equity doubled, I'd think seriously about it again.",
    ),
    (
        "draft-ultimatum",
        "counter",
        "I will only sign at $175k; otherwise I'm withdrawing.",
    ),
    ("draft-ultimatum", "counter", "Give me $170k or I walk."),
    (
        "draft-ultimatum",
        "counter",
        "If not $180k, then we're finished.",
    ),
    ("draft-ultimatum", "counter", "It's $172k or nothing."),
    (
        "draft-ultimatum",
        "counter",
        "Unless the number changes by Friday, I'll accept elsewhere.",
    ),
    (
        "quiet",
        "decline",
        "Your coordinator made the onsite effortless.",
    ),
    (
        "quiet",
        "decline",
        "I didn't expect such a thoughtful offer call.",
    ),
    (
        "quiet",
        "decline",
        "I'm sorry it took me so long to decide.",
    ),
    (
        "quiet",
        "decline",
        "Everyone I met at this level was sharp and kind.",
    ),
    (
        "quiet",
        "counter",
        "If the base can reach $175k, I'm excited to accept.",
    ),
    (
        "quiet",
        "counter",
        "I'm happy to walk through my numbers on a call.",
    ),
    (
        "quiet",
        "decline",
        "Your competitors will have a hard time keeping up with this team.",
    ),
    (
        "quiet",
        "decline",
        "If you ever want a reference for your interview process, I'd gladly give one.",
    ),
    (
        "quiet",
        "counter",
        "Otherwise the package looks strong to me.",
    ),
    (
        "quiet",
        "decline",
        "Should you need me to sign anything to close this out, just send it.",
    ),
];

#[test]
fn later_rounds_of_phrasings_and_near_misses() {
    let wrong: Vec<String> = MORE
        .iter()
        .filter_map(|&(expected, kind, sentence)| {
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
