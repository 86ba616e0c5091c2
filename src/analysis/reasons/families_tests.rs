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
}
