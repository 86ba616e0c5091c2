//! The phrase list: every phrase the classifier knows, what each is a cue for, and the index
//! that finds the few phrases that can start at a word.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What a matched phrase is a cue for. Several cues become a signal only in company
/// (a pushing-back verb needs "every"; an observation needs to be about them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// Consumes its words and says nothing ("above my floor", "good vibes").
    Neutral,
    FloorFact,
    Pushback,
    Downgrade,
    RedFlag,
    /// A red flag only when it is theirs ("they have six months of runway", not "I have").
    TheirRedFlag,
    /// "pushed back", "refused", "said no": pushback with a quantifier, else an observation.
    PushVerb,
    /// Something they did; only counts when they did it.
    Observed,
    /// A description of how they acted, whoever the sentence starts with ("vague").
    Evident,
    /// They said or told you something; weak evidence alone.
    Report,
    /// You noticed or heard something; weak evidence alone.
    Witness,
    Count,
    Comparison,
    Wish,
    Speculation,
    /// "might", "maybe": speculation only with an alternative in the sentence.
    Hedge,
    Slow,
    Gut,
    /// Fear, worry, frustration: can be a gut signal in disguise.
    Affect,
    /// Tired of the search: about you, never evidence about them.
    Fatigue,
    /// Doubt about yourself that names you ("good enough", "I'll fail"): self-doubt only when
    /// the clause is about you.
    SelfDoubt,
    /// Doubt about yourself whoever the clause names ("imposter", "out of my depth").
    Imposter,
}

#[rustfmt::skip]
const NEUTRAL: &[&str] = &[
    "start in", "starting in", "started in", "start date in", "join in", "joining in",
    "above my floor", "above the floor", "above floor", "over my floor", "over the floor",
    "clears my floor", "clear my floor", "meets my floor", "meet my floor", "at my floor",
    "beats my floor", "higher than my floor", "more than my floor", "above my minimum",
    "over my minimum", "at or above my floor", "good vibes", "good vibe", "great vibes",
    "slow growth", "floor plan", "open floor", "another offer in hand", "another offer in writing",
    "offer in hand", "fired up", "no matter", "time off", "no idea if", "not sure if",
    "my floor is", "my floor was", "my minimum is", "my hard floor is",
    "asked about attrition", "asked about turnover", "asked about layoffs", "about attrition", "about turnover",
    "hiring freeze ends", "hiring freeze lifts", "hiring freeze is over", "freeze ends", "freeze lifts",
];

/// Only directional forms: "my floor is $190k" states the floor, "under my floor" is the fact.
#[rustfmt::skip]
const FLOOR_FACT: &[&str] = &[
    "under my floor", "under the floor", "under my hard floor", "under my minimum",
    "under the minimum", "under my walk-away number", "under my walkaway number",
    "under my walk away number", "under my walk-away", "under my walkaway", "below my floor",
    "below the floor", "below my hard floor", "below my minimum", "below the minimum",
    "below my walk-away number", "below my walkaway number", "below my walk away number",
    "below my walk-away", "below my walkaway", "beneath my floor", "beneath the floor",
    "beneath my hard floor", "beneath my minimum", "beneath the minimum",
    "beneath my walk-away number", "beneath my walkaway number", "beneath my walk away number",
    "beneath my walk-away", "beneath my walkaway", "short of my floor", "short of the floor",
    "short of my hard floor", "short of my minimum", "short of the minimum",
    "short of my walk-away number", "short of my walkaway number", "short of my walk away number",
    "short of my walk-away", "short of my walkaway", "less than my floor", "less than the floor",
    "less than my hard floor", "less than my minimum", "less than the minimum",
    "less than my walk-away number", "less than my walkaway number",
    "less than my walk away number", "less than my walk-away", "less than my walkaway",
    "lower than my floor", "lower than the floor", "lower than my hard floor",
    "lower than my minimum", "lower than the minimum", "lower than my walk-away number",
    "lower than my walkaway number", "lower than my walk away number", "lower than my walk-away",
    "lower than my walkaway", "below floor", "under floor", "below minimum", "under minimum",
    "doesn't reach my floor", "doesn't meet my floor", "doesn't clear my floor",
    "does not meet my floor", "didn't reach my floor", "didn't meet my floor", "not reach my floor",
    "miss my floor", "misses my floor", "missed my floor", "within <n> of my floor", "minimum i'd",
    "minimum i would", "minimum i can", "below what i'd accept", "less than i'd accept",
    "less than i can accept", "below what i can accept", "can't live on", "cannot live on",
    "can't pay rent", "can't pay my rent", "can't cover", "cannot cover", "can't afford",
    "cannot afford", "not enough to live", "less than i need", "below what i need",
    "under what i need", "less than what i need",
    "under my hard minimum", "below my hard minimum", "short of my hard minimum", "below my <money> floor", "under my <money> floor", "below the <money> floor", "short of my <money> floor", "below my <money> minimum", "under my <money> minimum", "gap to my floor", "gap to the floor", "gap to my minimum", "under what i need", "below what i need to",
];

#[rustfmt::skip]
const PUSHBACK: &[&str] = &[
    "stonewalled", "stonewalling", "nickel-and-dimed", "nickel and dimed", "nickel and diming",
    "nickel-and-diming", "wouldn't budge", "won't budge", "didn't budge", "did not budge",
    "would not budge", "will not budge", "refused to budge", "never budged", "not budge",
    "refused to negotiate", "refuse to negotiate", "wouldn't negotiate", "won't negotiate",
    "would not negotiate", "will not negotiate", "no negotiation", "not negotiable",
    "non-negotiable", "nonnegotiable", "no flexibility", "zero flexibility", "not flexible",
    "inflexible", "take it or leave it", "no movement", "zero movement", "hardball",
    "played hardball",
];

#[rustfmt::skip]
const PUSH_VERBS: &[&str] = &[
    "pushed back", "push back", "pushes back", "pushing back", "pushback", "push-back", "said no",
    "says no", "saying no", "refused", "refuses", "refusing", "rejected", "rejects", "rejecting",
    "shot down", "shut down", "declined", "denied", "turned down", "dismissed", "balked", "budged",
    "fought",
    "resisted", "resists", "resisting", "flat no", "a flat no", "hard no", "flat-out no", "not possible", "wasn't possible", "isn't possible", "shot me down", "shut me down", "turned me down",
];

#[rustfmt::skip]
const DOWNGRADE: &[&str] = &[
    "downgrad*", "down-level*", "downlevel*", "down level*", "down-titl*", "leveled down",
    "levelled down", "leveled me down", "levelled me down", "level down", "demot*",
    "bait and switch", "bait-and-switch", "bait n switch", "switched the role", "switched roles",
    "not the role", "not the same role", "different role than", "different role from",
    "instead of staff", "instead of senior", "instead of principal", "instead of lead",
    "instead of manager", "instead of director", "instead of a manager", "instead of a lead",
    "instead of the", "no longer staff", "no longer senior", "no longer lead", "no longer a lead",
    "no longer a manager", "no longer managing", "no longer leading", "no longer own",
    "no direct reports", "took away", "taken away", "watered down", "watered-down", "scaled back",
    "stripped",
    // re-levelled after the fact: the verb family, whatever the level is called
    "re-level*", "relevel*", "re-titl*", "retitl*", "re-grad*", "regraded", "re-band*",
    "rebanded", "down a level", "down a grade", "down a band", "down one level",
    "down two levels", "a level down", "a level lower", "one level lower", "a grade lower",
    "moved me down", "bumped me down", "knocked me down", "dropped me to", "dropped me down",
    "levelled me at", "leveled me at", "levelled me to", "leveled me to",
    "not a lead", "not the lead", "not a manager", "not the manager", "moved the role", "moved my role", "moved the position", "shifted the role", "switched the team", "now sits with", "sits with another", "now belongs to", "went to another manager", "given to another", "handed to another", "was taken out of", "were taken out of", "taken out of the offer", "taken off the table",
];

#[rustfmt::skip]
const RED_FLAG: &[&str] = &[
    "sexist", "racist", "homophobic", "misogyn*", "inappropriate joke", "inappropriate comment*",
    "layoff*", "laid off", "laid-off", "lay off", "lay offs", "lay-off*", "rif", "rifs",
    "reduction in force", "job cuts", "cut jobs", "headcount cut*", "cut headcount", "lawsuit*",
    "sued", "suing", "litigation", "class action", "class-action", "legal trouble", "legal issues",
    "exits", "key exit", "exodus", "turnover", "attrition", "churn", "departures", "resignations",
    "reorg*", "reorganiz*", "reorganis*", "restructur*", "hiring freeze", "hiring freezes",
    "frozen hiring", "missed payroll", "missed a payroll", "late payroll", "payroll issues",
    "payroll problems", "late paychecks", "bounced paychecks", "unpaid", "investigation",
    "investigations", "investigated", "under investigation", "fraud", "subpoena*", "bankrupt*",
    "insolven*", "chapter 11", "running out of money", "out of cash", "out of runway", "down round",
    "funding fell through", "lost funding", "failed to raise", "<n> ceos", "<n> ctos", "<n> cfos",
    "<n> vps", "<n> managers in", "<n> heads of", "<n> directors in", "<n> leads in",
    "<n> recruiters in", "rescinded", "reneged", "pulled the offer", "lowered the offer",
    "cut the offer", "harass*", "discriminat*", "hostile work", "scandal", "whistleblow*",
    "burnout culture",
    "third person in", "fourth person in", "fifth person in", "sixth person in", "person in that seat", "in that seat in", "revolving door", "lost its biggest", "lost their biggest", "lost its largest", "lost their largest", "biggest customer", "largest customer", "lost a major customer", "lost key customers",
    "payroll was late", "payroll is late", "payroll came late", "paychecks were late", "paychecks are late",
];

#[rustfmt::skip]
const THEIR_RED_FLAG: &[&str] = &[
    "<n> months of runway", "months of runway", "<n> months of cash", "runway left", "short runway",
    "<n> months to live",
];

#[rustfmt::skip]
const OBSERVED: &[&str] = &[
    "moved the start", "moved my start", "moved the start date", "moved my start date",
    "pushed the start", "pushed my start", "pushed the start date", "pushed my start date",
    "didn't apologize", "didn't apologise", "never apologized", "never apologised", "minutes late",
    "hour late", "showed up late", "came late", "were late", "was late", "exploding",
    "wouldn't <say>", "would not <say>", "couldn't <say>", "could not <say>", "won't <say>",
    "will not <say>", "can't <say>", "cannot <say>", "didn't <say>", "did not <say>", "never <say>",
    "refused to <say>", "refuse to <say>", "refuses to <say>", "unable to <say>",
    "wouldn't even <say>", "couldn't even <say>", "didn't even <say>", "doesn't <say>",
    "never got back", "never followed up", "changed", "changing", "kept changing", "cancelled",
    "canceled", "cancelling", "canceling", "backtracked", "backpedal*", "walked back",
    "went back on", "lied", "lying", "misled", "misrepresented", "avoided", "deflected",
    "sidestepped", "hedged", "interrupted", "ignored", "pressured", "pressuring", "rushed me",
    "badmouthed", "bad-mouthed", "trashed", "blamed", "yelled", "forgot", "showed up late",
    "no-show", "no-showed", "moved the goalposts", "moved the goal posts", "checked their phone",
    "checked his phone", "checked her phone", "talked over", "laughed off", "brushed off",
    "talking about himself", "talked about himself", "talking about herself", "talked about herself", "talking about themselves", "talked about themselves",
];

#[rustfmt::skip]
const EVIDENT: &[&str] = &[
    "asked about my family", "asked about my kids", "asked if i plan", "asked if i have kids",
    "asked if i'm married", "asked my age", "asked about my age", "asked how old",
    "vague", "vaguely", "evasive", "cagey", "dodged", "dodging", "dodges", "dismissive",
    "condescending", "rude", "hostile", "contradicted", "contradicting", "contradictory",
    "contradicts", "inconsistent", "straight answer", "clear answer", "no answer", "non-answer",
    "non-answers", "hand-wavy", "handwavy", "hand-waved", "hand waved", "hand-waving",
    "hand waving", "wishy-washy", "defensive", "exploding offer", "pressure to sign",
    "pressure to accept", "<n> hours to decide", "<n> hours to sign", "a day to decide",
    "unclear who", "unclear what", "unclear how", "no one could", "nobody could", "nobody knew",
    "no one knew", "late to every", "late to the",
];

#[rustfmt::skip]
const REPORT: &[&str] = &[
    "asked", "said", "says", "told", "tells", "mentioned", "admitted", "claimed", "implied", "warned",
    "let slip", "let it slip",
];

#[rustfmt::skip]
const WITNESS: &[&str] = &[
    "noticed", "saw", "heard", "found out", "learned", "learnt", "discovered", "turns out",
    "turned out",
];

#[rustfmt::skip]
const COUNT: &[&str] = &[
    "<n> times", "twice", "thrice", "many times", "a few times", "a couple of times",
    "a couple times", "more than once", "repeatedly", "every time", "each time",
    "every single time", "again and again", "over and over", "again", "every call",
    "every interview", "every round", "every conversation", "multiple times", "numerous times",
    "dozen times",
];

#[rustfmt::skip]
const COMPARISON: &[&str] = &[
    "everyone else", "everyone i know", "people i know", "someone i know", "others make",
    "others get", "others are paid", "levels fyi", "levelsfyi", "market rate", "market rates",
    "below market", "under market", "market value", "the market pays", "industry standard",
    "industry average", "going rate", "more than me", "paid more than", "makes more than",
    "earns more than", "underpay*", "underpaid",
];

#[rustfmt::skip]
const WISH: &[&str] = &[
    "what i wanted", "what i want", "than i wanted", "than i want", "what i hoped",
    "what i'd hoped", "what i was hoping", "than i hoped", "than i'd hoped", "than i was hoping",
    "what i expected", "than i expected", "than i wished", "than i'd hoped for", "my number",
    "my wish", "wish number", "my target", "target number", "my ask", "what i asked for",
    "than i asked", "than i asked for", "hoped for", "hoping for", "wanted more", "i wanted more",
    "dream number", "ideal number", "i deserve", "deserve more", "not quite", "a bit low",
    "bit lower", "a little low", "a little lower", "on the low side", "lowball*", "low-ball*",
    "low ball*", "could be higher", "should be higher", "expected more", "underwhelm*",
    "hoped to get", "was hoping", "i'd hoped",
    "the number i had in my head", "number i had in my head", "number in my head", "in my head", "my ideal", "ideal salary", "aiming for", "was aiming", "i was aiming", "stretch number", "my stretch", "my goal", "under my goal", "i wanted to clear", "wanted to clear", "wanted to hit", "wanted to get", "i asked for", "only got",
];

#[rustfmt::skip]
const SPECULATION: &[&str] = &[
    "in a few weeks", "in a couple of weeks", "in a couple weeks",
    "might pay", "might pay more", "may pay more", "could pay more", "maybe another",
    "maybe somewhere", "could get", "could pay", "could find", "could land", "could earn",
    "could make", "could do better", "could be better", "could offer", "may pay", "may get",
    "may find", "may offer", "may be", "will pay more", "would pay more", "in <n> <later>",
    "in a few <later>", "in a couple of <later>", "in a couple <later>", "in a <later>",
    "within <n> <later>", "next year", "next quarter", "next month", "later this year", "someday",
    "some day", "eventually", "another company", "a different company", "other companies",
    "something better", "better opportunit*", "better offer out there", "out there", "come along",
    "comes along", "hold out", "holding out", "wait for", "waiting for something", "if i wait",
    "if i keep looking", "keep looking", "i bet", "what if", "hopefully", "there's a chance",
    "good chance", "decent chance", "the next one", "plenty of", "somewhere else", "elsewhere",
    "might open", "may open", "could open", "might open up", "open up", "opens up", "in q1", "in q2", "in q3", "in q4", "by spring", "by summer", "by fall", "by autumn", "by winter", "in the spring", "after the holidays", "bounce back", "pick up", "picks up",
];

/// Hedges are a guess only next to an alternative ("maybe I'll get more"), not about this
/// company ("I'm worried they might not survive").
#[rustfmt::skip]
const HEDGES: &[&str] = &[
    "might", "maybe", "perhaps", "possibly", "potentially", "probably", "could", "may",
    "should",
];

#[rustfmt::skip]
const SLOW: &[&str] = &[
    "slow", "slowly", "sluggish", "took forever", "takes forever", "taking forever", "took ages",
    "took so long", "took too long", "taking so long", "taking too long", "took <n> <unit>",
    "took a <unit>", "took them", "took weeks", "took months", "<n> <unit> to respond",
    "<n> <unit> to reply", "<n> <unit> to hear back", "<unit> to respond", "<unit> to reply",
    "forever", "dragged", "dragging", "drags", "drag on", "dragged on", "drawn out", "drawn-out",
    "long process", "lengthy", "long-winded", "months-long", "weeks-long", "too many rounds",
    "endless", "reschedul*", "postpon*", "delay*", "ghosted", "ghosting", "went silent",
    "gone silent", "radio silence", "kept me waiting", "keep me waiting", "made me wait",
    "no response for", "no update", "no updates", "never heard back", "haven't heard back",
    "didn't hear back", "bureaucra*", "red tape", "disorganized", "disorganised", "<n> rounds of interviews",
    "<n> interview rounds", "<n> rounds over",
    "waited a <unit>", "waited <n> <unit>", "waited weeks", "waited months", "waiting a <unit>", "sat with", "sat on it", "sat on the", "had to chase", "chase them", "chasing them", "chase the", "chasing the", "for updates", "since i applied", "still no paperwork", "still no offer", "still no word", "it's been <n> <unit>", "been <n> <unit> since", "crawl*", "every other week", "snail*", "glacial",
];

#[rustfmt::skip]
const GUT: &[&str] = &[
    "don't feel good", "doesn't feel good", "didn't feel good", "don't feel great",
    "doesn't feel great",
    "gut", "gut feeling", "gut says", "gut tells", "my gut", "instinct*", "intuition", "hunch",
    "bad feeling", "weird feeling", "funny feeling", "uneasy feeling", "a feeling",
    "have a feeling", "bad vibe*", "vibe*", "off vibes", "feels off", "feel off", "felt off",
    "seems off", "seemed off", "something's off", "something off", "something is off",
    "something was off", "something feels off", "something felt off", "something's not right",
    "something isn't right", "something is not right", "something's wrong", "something is wrong",
    "not right", "doesn't feel right", "don't feel right", "didn't feel right",
    "does not feel right", "doesn't sit right", "didn't sit right", "doesn't sit well",
    "didn't sit well", "feels wrong", "felt wrong", "feel wrong", "uneasy", "unease", "weird",
    "strange", "fishy", "sketchy", "shady", "red flag", "red flags", "alarm bells", "spidey sense",
    "sixth sense", "toxic", "don't trust", "can't trust", "do not trust", "distrust", "mistrust",
    "i feel off", "i just feel off", "just feel off", "gut says no", "gut said no", "gut says walk",
    "my gut says no", "my gut said no", "my gut says", "my gut is saying", "my gut keeps saying",
    "my gut tells me", "my gut is telling me", "my gut is screaming", "my gut screams",
    "my gut reaction", "my instinct says", "my instincts say", "not feeling it", "not feeling this",
    "not the right fit", "not a good fit", "not a fit", "bad fit", "poor fit",
    "doesn't feel like the right", "doesn't feel like the right fit", "doesn't feel like a good",
    "doesn't feel like a good fit", "doesn't feel like the right place",
    "doesn't feel like the right move", "doesn't feel like a fit", "doesn't feel like home",
    "disrespect*", "unprofessional", "undervalued", "gut is saying", "gut keeps saying",
    "gut tells me", "gut is telling me", "gut screams", "gut is screaming", "gut reaction",
    "gut check", "instinct says", "instincts say", "heart says no", "my heart says", "vibe was off",
    "vibes were off", "vibes are off",
    "can't put my finger on it", "can't put my finger on", "put my finger on it", "nagging feeling", "nagging", "can't shake", "smells wrong", "smells off", "smells fishy", "smell test",
];

#[rustfmt::skip]
const AFFECT: &[&str] = &[
    "anxious", "anxiety", "anxiously", "scared", "scary", "afraid", "fear", "fears", "fearful",
    "frightened", "terrified", "nervous", "worried", "worry", "worrying", "worries", "stressed",
    "stress", "stressful", "overwhelmed", "overwhelming", "panic*", "dread*", "frustrat*",
    "annoyed", "irritated", "upset", "sad", "depressed", "miserable", "angry", "mad", "hurt",
    "insecure", "impatient", "restless", "desperate", "freaked", "freaking out", "emotional",
    "emotionally", "uncomfortable", "i just feel", "just feel", "i feel", "i felt", "feel like",
    "feeling like", "i'm feeling", "my heart",
    "stressing", "stressing me out", "my stomach", "stomach drop*", "stomach turn*",
];

#[rustfmt::skip]
const FATIGUE: &[&str] = &[
    "i'm done", "im done", "so done",
    "tired", "tiring", "tiredness", "exhausted", "exhausting", "exhaustion", "drained", "draining",
    "burned out", "burnt out", "burned-out", "burnt-out", "burnout", "worn out", "worn-out",
    "weary", "fed up", "fed-up", "sick of", "sick and tired", "done with", "over it", "had enough",
    "fatigue", "fatigued", "want it to be over", "want this to be over", "want it over",
    "want this over", "want it to end", "want this to end", "want it done", "want this done",
    "want to be done", "wanted it to be over", "can't do this anymore", "cannot do this anymore",
    "can't take it", "can't take this", "need a break", "want a break", "want out",
    "over the whole thing", "don't want it anymore", "don't want this anymore", "lost interest",
    "lost motivation",
    "can't face", "cannot face", "can't face another",
];

/// Doubt about yourself, in the words of the one doubting: each names you.
#[rustfmt::skip]
const SELF_DOUBT: &[&str] = &[
    "good enough", "smart enough", "senior enough", "experienced enough", "qualified enough",
    "strong enough", "technical enough", "capable enough", "skilled enough", "talented enough",
    "cut out for", "not ready", "not qualified", "not capable", "keep up", "can't handle",
    "cannot handle", "can handle", "could handle", "handle it", "handle the", "handle a",
    "i fail", "i'll fail", "i will fail", "i'd fail", "i might fail", "i'm going to fail",
    "fail at", "failing at", "be found out", "get found out", "found out as", "better than me",
    "smarter than me", "i deserve this", "deserve this", "deserve the", "deserve it",
    "do this job", "do the job", "do this role", "do the role", "not as senior", "not as good",
    "not as smart", "not as strong", "measure up", "up to the job", "up to it", "up to the task",
    "i'm capable", "i can do this", "i can do it", "i can actually do",
    "can actually do", "am i ready", "i'm not ready", "i am not ready", "live up to",
    "doubting myself", "doubt myself", "doubt i can", "doubt that i can", "doubt whether i",
    "doubting whether i", "whether i can", "whether i deserve", "if i can do", "if i can handle",
    "if i can keep", "if i'm good", "if i'm smart", "if i'm ready", "if i'm senior",
];

/// Doubt about yourself that needs no "I" to be yours.
#[rustfmt::skip]
const IMPOSTER: &[&str] = &[
    "imposter*", "impostor*", "like a fraud", "a total fraud", "i'm a fraud", "am a fraud",
    "out of my depth", "over my head", "in over my head", "out of my league", "underqualified",
    "under-qualified", "unqualified", "self-doubt", "self doubt", "second-guess*",
    "second guess*", "second-guessing myself", "cold feet", "got lucky", "get lucky",
    "not cut out", "in way over my head", "faking it", "fake it",
    "too late to go back", "too late to back out",
];

/// In order of preference when two phrases of the same length start on the same word.
const LEXICON: &[(Cue, &[&str])] = &[
    (Cue::Neutral, NEUTRAL),
    (Cue::FloorFact, FLOOR_FACT),
    (Cue::Pushback, PUSHBACK),
    (Cue::Downgrade, DOWNGRADE),
    (Cue::RedFlag, RED_FLAG),
    (Cue::TheirRedFlag, THEIR_RED_FLAG),
    (Cue::PushVerb, PUSH_VERBS),
    (Cue::Observed, OBSERVED),
    (Cue::Evident, EVIDENT),
    (Cue::Report, REPORT),
    (Cue::Witness, WITNESS),
    (Cue::Count, COUNT),
    (Cue::Comparison, COMPARISON),
    (Cue::Wish, WISH),
    (Cue::Speculation, SPECULATION),
    (Cue::Hedge, HEDGES),
    (Cue::Slow, SLOW),
    (Cue::Gut, GUT),
    (Cue::Affect, AFFECT),
    (Cue::Fatigue, FATIGUE),
    (Cue::SelfDoubt, SELF_DOUBT),
    (Cue::Imposter, IMPOSTER),
];

/// The phrase list indexed by first word, built once, so each word is tried against the few
/// phrases that can start there; phrases that start with a placeholder ("<n> times") are tried
/// on numbers and units.
pub(super) struct Lexicon {
    pub(super) by_first_word: HashMap<&'static str, Vec<Phrase>>,
    /// Phrases starting with a stem, by the stem's first byte.
    pub(super) by_first_byte: HashMap<u8, Vec<Phrase>>,
    /// Phrases starting with a placeholder.
    pub(super) loose: Vec<Phrase>,
}

/// A phrase, its cue, and its group's place in `LEXICON` (lower wins a tie).
pub(super) type Phrase = (Cue, &'static str, usize);

pub(super) fn lexicon() -> &'static Lexicon {
    static LEXICON_INDEX: OnceLock<Lexicon> = OnceLock::new();
    LEXICON_INDEX.get_or_init(|| {
        let mut index = Lexicon {
            by_first_word: HashMap::new(),
            by_first_byte: HashMap::new(),
            loose: Vec::new(),
        };
        for (rank, &(cue, patterns)) in LEXICON.iter().enumerate() {
            for &pattern in patterns {
                let first = pattern.split(' ').next().unwrap_or(pattern);
                let phrase = (cue, pattern, rank);
                if first.starts_with('<') {
                    index.loose.push(phrase);
                } else if first.ends_with('*') {
                    let byte = first.bytes().next().unwrap_or(b'*');
                    index.by_first_byte.entry(byte).or_default().push(phrase);
                } else {
                    index.by_first_word.entry(first).or_default().push(phrase);
                }
            }
        }
        index
    })
}
