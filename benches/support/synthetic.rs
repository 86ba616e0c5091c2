//! Realistic synthetic journals of any size, for benchmarks and tests: many offer sections
//! with prose between the keys, counters, reasons of every kind, and drafts — so a large
//! journal carries a realistic number of diagnostics, not a pathological one.

const PROSE: &[&str] = &[
    "I keep going back and forth on this one, so I'm writing it down before I talk myself out of it.",
    "The team seemed sharp; the hiring manager answered every question about on-call without flinching.",
    "Called Mom. She says take the money, but she said that last time too.",
    "Three rounds, a take-home and a panel: a lot, but they were kind about it.",
    "Note to self: ask about the promotion cycle before anything else.",
    "Walked the dog and thought about the commute. Forty minutes each way is real.",
];

const WALKS: &[&str] = &[
    "the hiring manager was vague about the roadmap three times",
    "I'm tired of interviewing and want it to be over",
    "they had layoffs twice this year",
    "a different company might pay more in three months",
    "the recruiter pushed back on every reasonable ask",
];

/// A journal of about `bytes` bytes (never less), the same for the same `bytes`.
pub fn journal(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 2048);
    out.push_str("# Deciding, autumn 2026\n\ntoday: 2026-11-22\nfloor: $190k base\nwish: $215k\nruntime note: prose with a colon\ndecision-date: 2026-12-01\nsavings: $48,000\nburn: $6k/mo\n\nTwo live conversations and a lot of feelings. Writing it down.\n\n");
    let mut i = 0usize;
    // small journals are a few short sections; large ones are weeks of diary between the keys
    let days = if bytes < 50_000 { 0 } else { 24 };
    while out.len() < bytes {
        section(&mut out, i, days);
        i += 1;
    }
    out
}

/// A few days of diary entries: most of a real journal is prose.
fn diary(i: usize, days: usize) -> String {
    let mut out = String::new();
    for day in 0..days {
        out.push_str(&format!("### Day {}\n\n", day + 1));
        for k in 0..5 {
            out.push_str(PROSE[(i + day * 5 + k) % PROSE.len()]);
            out.push(' ');
        }
        out.push_str("\n\n");
    }
    out
}

fn section(out: &mut String, i: usize, days: usize) {
    use std::fmt::Write;
    let base = 160_000 + (i * 7_919) % 50_000;
    let status = if i % 7 == 3 { "declined" } else { "live" };
    let _ = write!(
        out,
        "## Company {i}\nstatus: {status}\nrecruiter: Dana Lee\nrole: Staff Engineer\nbase: ${},000\nbonus: 10%\nequity: $160k over 4 years, vesting 5/15/40/40, cliff 1 year\nrefresher: $30k/yr from year 2\nsign-on: $20k year 1, $10k year 2\nrelocation: $8,000\nretirement-match: 50% up to 6%\npto: 25 days\nexpires: 2026-11-28\nplan: ask ${},000, accept at $190k, walk below $180k\nexpect: they move on base once\nscope: strong\nmanager: {}\nteam: strong\n\n{}\n{}\n\n{}counter 2026-11-15: asked ${},000, got ${},000\n- walk: {}\n- stay: the team I met is excellent\n\n{}\n",
        base / 1000,
        base / 1000 + 20,
        if i % 3 == 0 { "weak" } else { "ok" },
        PROSE[i % PROSE.len()],
        PROSE[(i + 2) % PROSE.len()],
        diary(i, days),
        base / 1000 + 20,
        base / 1000 + 5,
        WALKS[i % WALKS.len()],
        PROSE[(i + 4) % PROSE.len()],
    );
    if status == "declined" {
        out.push_str("decision 2026-05-10: walk\nreview: 2026-11-10\n");
        if i % 2 == 0 {
            out.push_str("outcome 2026-11-12: they came back with a better number\nlesson: stay in touch by name\n");
        }
    }
    if i % 4 == 0 {
        out.push_str("\n```email decline\nHi Dana,\n\nThank you for the offer and the time the team spent with me. The numbers don't quite work for me right now, so I'll pass. I'd like to stay in touch, Dana.\n\nBest,\nSam\n```\n");
    }
    out.push('\n');
}

/// A journal of about `bytes` bytes made of many short offer sections (a long search or
/// years of them): every twentieth offer was accepted and then walked from, and most of the
/// others are verbal — the mix where a rule about pairs of sections would grow with the
/// square of the offers. Diagnostics and time must grow with the offers instead.
#[allow(dead_code)]
pub fn many_offers(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 512);
    out.push_str(
        "today: 2026-11-22\nfloor: $190k base\nrunway: 4 months\ndecision-date: 2026-12-01\n\n",
    );
    let mut i = 0usize;
    while out.len() < bytes {
        if i % 20 == 0 {
            out.push_str(&format!(
                "## Signed {i}\nstatus: accepted\nbase: $185,000\nin-writing: yes\nreferred-by: Friend {i}\n- walk: I'm tired of this and want it over\ndecision 2026-11-20: walk\n\n"
            ));
        } else {
            let written = if i % 3 == 0 { "yes" } else { "no" };
            out.push_str(&format!(
                "## Company {i}\nstatus: live\nbase: ${},000\nin-writing: {written}\nscope: strong\nmanager: ok\nteam: strong\ncounter 2026-11-15: asked $200k, got ${},000\n- walk: my friend got more at another company\n\n",
                150 + i % 40,
                160 + i % 35
            ));
        }
        i += 1;
    }
    out
}
