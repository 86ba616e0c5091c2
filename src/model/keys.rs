//! Every key the format knows: its spelling, what value it takes, and a one-line doc
//! (shown by completion). Recognising a key and suggesting one for a typo live here.

/// What a key's value must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Money,
    Target,
    Percent,
    Duration,
    Date,
    Rating,
    Status,
    YesNo,
    Text,
    Bonus,
    SignOn,
    Equity,
    Counter,
    Decision,
    AnchorYears,
    Allow,
    ExchangeRate,
    Refresher,
    Burn,
    RetirementMatch,
    Plan,
    Outcome,
}

macro_rules! keys {
    ($( $variant:ident => $name:literal, $kind:ident, $multi:literal, $doc:literal; )*) => {
        /// A key of a `key: value` line.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $( $variant, )* }

        impl Key {
            pub const ALL: &'static [Key] = &[ $( Key::$variant, )* ];

            /// The canonical spelling, as the docs write it.
            pub fn name(self) -> &'static str {
                match self { $( Key::$variant => $name, )* }
            }

            pub fn kind(self) -> ValueKind {
                match self { $( Key::$variant => ValueKind::$kind, )* }
            }

            /// May the key appear more than once in a section?
            pub fn is_repeatable(self) -> bool {
                match self { $( Key::$variant => $multi, )* }
            }

            /// One line saying what the key is for.
            pub fn doc(self) -> &'static str {
                match self { $( Key::$variant => $doc, )* }
            }
        }
    };
}

keys! {
    Floor => "floor", Target, false, "Your real floor, not your wish number: `$190k base` or `$250k total`. Below it is a reason to walk.";
    Wish => "wish", Target, false, "The number you would love. Never a reason to walk by itself.";
    Runway => "runway", Duration, false, "How long you can go without this offer: `4 months`.";
    DecisionDate => "decision-date", Date, false, "The date you promised yourself to decide on, and not before.";
    RaiseRate => "raise-rate", Percent, false, "Assumed yearly raise for anchoring projections: `3.5%`.";
    AnchorYears => "anchor-years", AnchorYears, false, "Years the number you accept anchors you: `4` or `2-4`.";
    Today => "today", Date, false, "Pins \"today\" so checks are reproducible: `2026-11-22`.";
    ExchangeRate => "exchange-rate", ExchangeRate, true, "Compare offers in two currencies: `1 EUR = 1.08 USD`.";
    Status => "status", Status, false, "Where the offer stands: current, live, interviewing (no offer yet), accepted, signed, started, declined, withdrawn, rescinded.";
    Role => "role", Text, false, "The title you were offered.";
    Recruiter => "recruiter", Text, false, "The recruiter's name, used in drafts.";
    HiringManager => "hiring-manager", Text, false, "The hiring manager's name, used in drafts.";
    ReferredBy => "referred-by", Text, false, "Who referred you: tell them yourself before you walk.";
    Location => "location", Text, false, "Where the job is.";
    Base => "base", Money, false, "Yearly base salary: `$172,000`.";
    Bonus => "bonus", Bonus, false, "Target yearly bonus, as a percent of base (`10%`) or an amount.";
    Equity => "equity", Equity, false, "Grant and vesting: `$160k over 4 years`, or `$40k/yr`; a schedule and cliff may follow: `$200k over 4 years, vesting 5/15/40/40, cliff 1 year`.";
    Refresher => "refresher", Refresher, false, "Expected refresh grants: `$40k/yr from year 2`. Counted against the floor only when the line says `guaranteed`.";
    SignOn => "sign-on", SignOn, false, "One-off sign-on bonus, counted in the year it is paid: `$25,000`, or `$30k year 1, $20k year 2`.";
    Clawback => "clawback", Duration, false, "The sign-on and relocation are repaid if you leave within this time of `start-date`: `12 months`.";
    StartDate => "start-date", Date, false, "The day you started, or will start: `2026-04-01`. Clawback windows run from it.";
    Relocation => "relocation", Money, false, "One-off relocation money, paid in year 1 and clawed back like the sign-on: `$12,000`.";
    RetirementMatch => "retirement-match", RetirementMatch, false, "Employer retirement match, shown as a benefit beside total comp: `50% up to 6%` or `4%`.";
    Expires => "expires", Date, false, "The company's deadline for this offer (not your decision date): `2026-12-04`. `deadline:` and `decide-by:` mean the same in an offer section.";
    Plan => "plan", Plan, false, "Your counter plan, written before the call: `ask $178k, accept at $165k, walk below $158k`.";
    Expect => "expect", Text, false, "What you expect to happen if you follow your decision: `expect: they come back within a year with a better number`.";
    Outcome => "outcome", Outcome, true, "What actually happened, written at review time: `outcome 2026-10-05: they came back with $168k`.";
    Lesson => "lesson", Text, true, "What you would do differently: `lesson: staying in touch by name was worth it`.";
    Savings => "savings", Money, false, "What you can live on: `$48,000`. With `burn`, gives your runway in months and in money.";
    Burn => "burn", Burn, false, "What a month costs you: `$6,000/month` or `$6k/mo`.";
    Pto => "pto", Duration, false, "Paid time off: `25 days`.";
    InWriting => "in-writing", YesNo, false, "Do you have the offer in writing? `yes` or `no`.";
    Scope => "scope", Rating, false, "How strong the scope of the role is: strong, ok or weak.";
    Manager => "manager", Rating, false, "How strong the manager seems: strong, ok or weak.";
    Team => "team", Rating, false, "How strong the team is: strong, ok or weak.";
    Growth => "growth", Rating, false, "Room to grow: strong, ok or weak.";
    LocationFit => "location-fit", Rating, false, "How well the location fits your life: strong, ok or weak.";
    EquityQuality => "equity-quality", Rating, false, "How much the equity is really worth: strong, ok or weak.";
    Counter => "counter", Counter, true, "One counter round: `counter 2026-11-15: asked $195k, got $178k`. Extra parts after either amount are kept.";
    Walk => "walk", Text, true, "A reason to walk away. Real reasons are concrete.";
    Stay => "stay", Text, true, "A reason to stay.";
    Decision => "decision", Decision, true, "What you decided, and when: `decision 2026-11-21: walk` (walk, accept, counter, wait).";
    Review => "review", Date, false, "When to look back at this decision: `2027-05-21`.";
    Allow => "allow", Allow, true, "Silence rules here (in the profile: the whole file): `allow: small-gap, quadrant`.";
}

impl Key {
    /// Recognise a key as written: case-insensitive, `-`, `_` and spaces alike.
    pub fn parse(written: &str) -> Option<Key> {
        let written = written.trim();
        let same = |name: &str| {
            written.len() == name.len()
                && written.bytes().zip(name.bytes()).all(|(w, n)| match w {
                    b'_' | b' ' => n == b'-',
                    w => w.to_ascii_lowercase() == n,
                })
        };
        Key::ALL.iter().copied().find(|key| same(key.name()))
    }

    /// Keys written with a date before the colon: `counter 2026-11-15:`.
    pub fn takes_date(self) -> bool {
        matches!(self, Key::Counter | Key::Decision | Key::Outcome)
    }

    /// A key as written in an offer section: `deadline` and `decide-by` there are the
    /// company's deadline, `expires` — never your own `decision-date` (SPEC §1).
    pub fn parse_in_offer(written: &str) -> Option<Key> {
        Key::parse(written).or_else(|| {
            matches!(normalise(written).as_str(), "deadline" | "decide-by").then_some(Key::Expires)
        })
    }

    /// A known key that an unknown key may be a typo or a synonym of. The caller decides
    /// whether to say so (see `model::build`): a prose line with a colon must stay prose.
    pub fn suggest(written: &str) -> Option<Suggestion> {
        let normal = normalise(written);
        let synonym = match normal.as_str() {
            "salary" | "base-salary" | "basesalary" => Some(Key::Base),
            "deadline" | "decide-by" | "decision-deadline" => Some(Key::DecisionDate),
            "signing-bonus" | "signon" | "sign-on-bonus" => Some(Key::SignOn),
            "rsu" | "rsus" => Some(Key::Equity),
            "referrer" => Some(Key::ReferredBy),
            _ => None,
        };
        if let Some(key) = synonym {
            return Some(Suggestion {
                key,
                kind: SuggestionKind::Synonym,
            });
        }
        let words = normal.split('-').count();
        let mut best: Option<(usize, Key)> = None;
        for &key in Key::ALL {
            let name = key.name();
            if name.split('-').count() != words {
                // "note to self" is never a typo of a one-word key
                continue;
            }
            let distance = edit_distance(&normal, name);
            let allowed = match name.len() {
                0..=4 => 1,
                5..=8 => 2,
                _ => 3,
            };
            if distance > 0 && distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, key));
            }
        }
        best.map(|(distance, key)| Suggestion {
            key,
            kind: if distance == 1
                && (normal.chars().count() != key.name().chars().count()
                    || is_swap(&normal, key.name()))
            {
                SuggestionKind::MissingOrExtraLetter
            } else {
                SuggestionKind::Typo
            },
        })
    }
}

/// How an unknown key relates to the key it resembles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuggestionKind {
    /// Another word for the key: `salary` for `base`.
    Synonym,
    /// One letter missing, extra or swapped: `flor`, `stauts`. Almost never an English word.
    MissingOrExtraLetter,
    /// Letters changed: `rule` for `role`. Often a real word, so only trusted when the
    /// value reads as the key's value.
    Typo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    pub key: Key,
    pub kind: SuggestionKind,
}

fn is_swap(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// A name as a person may type it — a key or a rule code: case, `_`, `-` and a space do not
/// matter (`Decision_Date` is `decision-date`, `BELOW_FLOOR` is `below-floor`).
pub fn normalise(written: &str) -> String {
    written
        .trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The largest distance any "did you mean" asks about; past it [`edit_distance`] answers
/// some number above it without working it out.
pub const MAX_DISTANCE: usize = 3;

/// Optimal-string-alignment distance (insertions, deletions, substitutions, swaps; counted in
/// characters) — exact up to [`MAX_DISTANCE`]. Names whose lengths differ by more are that
/// far apart at least, and are not compared: a megabyte `allow:` code against the rule codes
/// cost 9.5 s and 250 MB of table here (now a length check).
pub fn edit_distance(a: &str, b: &str) -> usize {
    // each count stops once it is past what the other could be within reach of
    let length_a = a.chars().take(b.len() + MAX_DISTANCE + 1).count();
    let length_b = b.chars().take(a.len() + MAX_DISTANCE + 1).count();
    if length_a.abs_diff(length_b) > MAX_DISTANCE {
        return length_a.abs_diff(length_b);
    }
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_very_different_length_are_not_compared() {
        let long = "x".repeat(1 << 20);
        let started = std::time::Instant::now();
        assert!(edit_distance(&long, "below-floor") > MAX_DISTANCE);
        assert!(edit_distance("below-floor", &long) > MAX_DISTANCE);
        assert!(Key::suggest(&long).is_none());
        assert!(started.elapsed() < std::time::Duration::from_millis(200));
        assert_eq!(edit_distance("flor", "floor"), 1);
        assert_eq!(edit_distance("stauts", "status"), 1);
        assert_eq!(edit_distance("abc", "abcdefg"), 4);
    }

    #[test]
    fn keys_are_case_and_separator_insensitive() {
        assert_eq!(Key::parse("Decision_Date"), Some(Key::DecisionDate));
        assert_eq!(Key::parse("decision date"), Some(Key::DecisionDate));
        assert_eq!(Key::parse("SIGN-ON"), Some(Key::SignOn));
        assert_eq!(Key::parse("note"), None);
    }

    #[test]
    fn typos_and_synonyms_are_suggested_but_prose_words_are_not() {
        let key = |w: &str| Key::suggest(w).map(|s| (s.key, s.kind));
        assert_eq!(
            key("flor"),
            Some((Key::Floor, SuggestionKind::MissingOrExtraLetter))
        );
        assert_eq!(
            key("stauts"),
            Some((Key::Status, SuggestionKind::MissingOrExtraLetter))
        );
        assert_eq!(key("salary"), Some((Key::Base, SuggestionKind::Synonym)));
        assert_eq!(key("rule"), Some((Key::Role, SuggestionKind::Typo)));
        for prose in [
            "note",
            "note to self",
            "thoughts",
            "update",
            "plan",
            "pros",
            "goal",
            "idea",
        ] {
            assert_eq!(key(prose), None, "{prose}");
        }
    }
}
