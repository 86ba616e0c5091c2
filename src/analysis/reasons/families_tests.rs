//! Phrasing families (SPEC §2 Reasons, issue 12): the section's people, comparisons with
//! someone named, offers in writing, re-levelling and self-doubt — and the held-out phrasing
//! table, written from the SPEC alone, run through the classifier.

#[cfg(test)]
mod tests {
    use super::super::*;
    use ReasonClass as C;

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
    fn a_name_that_is_also_a_word_counts_only_with_its_capital() {
        let people = Context {
            people: &["May Chen"],
        };
        let line = "I just feel like May pushed back on every reasonable ask";
        assert_eq!(classify_in(line, &people).class, C::Pushback);
        // lowercase "may" is the word: it was you who pushed back
        let line = "I may have pushed back on every reasonable ask";
        assert_ne!(classify_in(line, &people).class, C::Pushback);
        // a name that is no word counts in any case
        let people = Context { people: LUMEN };
        let line = "I just feel like dev pushed back on every reasonable ask";
        assert_eq!(classify_in(line, &people).class, C::Pushback);
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
            (
                "Globex might put $205k in writing next month",
                C::Speculative,
            ),
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
    const HELDOUT_MATCHED: usize = 182;

    // Fresh phrasings, not from the held-out table, for every family the table made us
    // widen: they say whether the families generalise or only learnt the table's rows.

    #[test]
    fn fresh_feelings() {
        all_are_with(
            C::Feeling,
            &[],
            &[
                "this search is stressing me out",
                "I can't face one more call with them",
                "my stomach drops every time the phone rings",
                "I'm so stressed I can't think",
                "I'm sick of the whole thing",
                "honestly I'm worn out",
                "I just want this over with, I'm drained",
                "the waiting is making me anxious",
                "I'm burnt out on interviewing",
                "I can't face another negotiation",
            ],
        );
    }

    #[test]
    fn fresh_wishes() {
        all_are_with(
            C::WishNotFloor,
            &[],
            &[
                "it's under the number I had in my head",
                "short of my goal by $8k",
                "below the figure I was aiming for",
                "it doesn't reach my stretch number",
                "I wanted to clear $210k",
                "less than my ideal base",
                "I asked for $200k and they came back lower",
                "a bit under my target",
                "it's not the number I was hoping for",
                "I was aiming for more",
            ],
        );
    }

    #[test]
    fn fresh_guesses() {
        all_are_with(
            C::Speculative,
            &[],
            &[
                "a staff role might open up at Initech in Q3",
                "the market should pick up by spring and pay more",
                "maybe something better comes along after the holidays",
                "I could probably find more elsewhere by summer",
                "another company may open a req next quarter",
                "a better offer might show up in a couple of months",
                "if I keep looking I bet I find more",
                "there's a good chance someone pays more next year",
                "Globex could open a senior role in the spring",
                "hopefully a bigger offer lands in a few weeks",
            ],
        );
    }

    #[test]
    fn fresh_slow_processes() {
        all_are_with(
            C::SlowProcess,
            &[],
            &[
                "I waited three weeks for the offer letter",
                "the approval sat with HR for a month",
                "I had to chase them for every update",
                "it's been six weeks since the final round",
                "everything crawls there",
                "the panel only meets every other week",
                "they took a month to send the paperwork",
                "still no word after the onsite",
                "I waited a month for a decision",
                "it's been five weeks since I applied",
            ],
        );
    }

    #[test]
    fn fresh_unarticulated_gut() {
        all_are_with(
            C::UnarticulatedGut,
            &[],
            &[
                "I can't put my finger on it",
                "there's a nagging doubt about the place",
                "the whole thing smells off",
                "something about the team smells wrong",
                "I can't shake a bad feeling",
                "it just doesn't sit right with me",
                "a nagging feeling about the manager",
                "it fails my smell test",
                "weird vibes from the office visit",
                "my instinct says pass",
            ],
        );
    }

    #[test]
    fn fresh_floors() {
        all_are_with(
            C::BelowFloor,
            &[],
            &[
                "they capped it at $182k and my floor is $190k",
                "the final number was $176k, my floor is $185k",
                "it never got to my floor",
                "the base didn't reach the floor after two rounds",
                "still below my $190k floor",
                "the gap to my floor is still $9k",
                "under my hard minimum even after countering",
                "they came back at $181,000 and my floor is $190,000",
                "two counters and it never reached my minimum",
                "it's short of my $175k floor",
            ],
        );
    }

    #[test]
    fn fresh_pushback() {
        all_are_with(
            C::Pushback,
            LUMEN,
            &[
                "Dev refused the sign-on, the PTO and the remote days",
                "every ask I raised, Ana turned down",
                "they said no to the title, no to the equity and no to the start date",
                "Dev rejected the relocation and then said no to the base too",
                "the recruiter resisted every request",
                "each of my asks got a flat no from Dev",
                "they turned down the bonus, the budget and the title, one by one",
                "every request I sent, they shot down",
                "Ana kept saying that's not possible to each ask",
                "Malhotra refused the equity bump, then declined the sign-on",
            ],
        );
    }

    #[test]
    fn fresh_downgrades() {
        all_are_with(
            C::ScopeDowngrade,
            LUMEN,
            &[
                "the job went from leading the platform team to supporting one service",
                "they changed it from building the product to maintaining the old one",
                "they dropped the people-management part of the role",
                "Ana said the ownership now sits with another team",
                "the hiring budget I was promised was taken out of the offer",
                "they moved the role to an internal tools team",
                "I'd be an individual contributor, not a lead",
                "the roadmap now belongs to another manager",
                "the role went from running the data org to maintenance",
                "they re-titled me from Lead to Senior",
            ],
        );
    }

    #[test]
    fn fresh_red_flags() {
        all_are_with(
            C::RedFlag,
            &[],
            &[
                "I'd be the third person in that seat this year",
                "they lost their biggest customer last quarter",
                "the team is a revolving door",
                "the company lost its largest customer in the spring",
                "my manager would be the fifth person in that role in two years",
                "they had a hiring freeze in October",
                "two of the four engineers quit this year",
                "there was a reorg in September and another in November",
                "they are being sued by a former VP",
                "payroll was late twice this year",
            ],
        );
    }

    #[test]
    fn named_near_misses_stay_what_they_are() {
        let lines: &[(&str, ReasonClass)] = &[
            // what you were offered, not someone else's pay
            ("Globex offered me $198k", C::Unclassified),
            ("I got $205k from Stripe last year", C::Unclassified),
            // a hedge makes a named company a guess
            (
                "maybe Stripe opens a req in the spring and pays more",
                C::Speculative,
            ),
            // a promotion path is not a downgrade
            ("I'd grow from Senior to Staff in two years", C::Speculative),
            // an ending freeze elsewhere is not their red flag
            (
                "once the hiring freeze ends at Google they might pay more",
                C::Speculative,
            ),
            // a name with no pay is nobody's comparison
            ("Jess says the team is great", C::Unclassified),
            // the floor stated above the offer's amount is not below it
            ("the base is $195k and my floor is $190k", C::Unclassified),
            // fatigue about the section's own person is still fatigue
            ("I'm tired of emailing Dev", C::Feeling),
            // what a feeling is about is not the reason given
            (
                "I'm so fed up with lowball numbers that I want to say no on principle",
                C::Feeling,
            ),
            ("frustrated by the lowball offer, honestly", C::Feeling),
            ("it's under my target and I'm fed up", C::WishNotFloor),
        ];
        let context = Context { people: LUMEN };
        let wrong: Vec<String> = lines
            .iter()
            .map(|(line, want)| (line, want, classify_in(line, &context)))
            .filter(|(_, want, got)| got.class != **want)
            .map(|(line, want, got)| format!("  {line:?} → {:?} (want {want:?})", got.class))
            .collect();
        assert!(wrong.is_empty(), "near misses:\n{}", wrong.join("\n"));
    }
}
