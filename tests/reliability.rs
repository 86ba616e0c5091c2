//! The bounded, every-run version of the fuzz targets in `fuzz/` (same properties, in
//! `tests/props/mod.rs`): `check` and the requests on top of it never panic on any text,
//! and incremental edits in the document store equal the same edits on a `String`.
//! Findings of the fuzzers become named tests at the bottom. `docs/RELIABILITY.md` says
//! how to run the fuzzers themselves.

mod props;
#[path = "props/wire.rs"]
mod wire;

use offer_notes::text::{Encoding, LineCol, LineIndex};
use props::{Change, EditScript, INSERTS};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Journal lines, broken lines and troublemakers the generators draw from.
const LINES: &[&str] = &[
    "# Leaving Initech",
    "today: 2026-11-22",
    "floor: $190k base",
    "floor: €150.000",
    "decision-date: 2026-12-01",
    "runway: 4 months",
    "## Acme Robotics ☕",
    "## ",
    "##",
    "status: live",
    "status: declined",
    "role: Staff Engineer 😀",
    "base: $172,000",
    "base: $1e999",
    "base: $",
    "bonus: 10%",
    "equity: $40k/yr over 4 years",
    "manager: weak",
    "scope: strong",
    "- walk: I'm tired of interviewing and want it to be over",
    "- walk: layoffs last quarter, and they never pushed back",
    "- stay: the team is great",
    "counter 2026-11-01: asked $190k, got $180k",
    "counter 2026-13-45: asked $, got",
    "```email decline",
    "```",
    "allow: below-floor",
    "flor: $1",
    "deadline: 2026-02-30",
    "in writing: yes",
    "\u{feff}base: $1",
    "base:\t$ 1 2 3",
];

fn text_strategy() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        6 => proptest::sample::select(LINES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[ -~]{0,30}",
        1 => "[:$,.0-9kKmM%€£ -]{0,12}",
    ];
    let newline = proptest::sample::select(&["\n", "\r\n", "\r", "\n\n"][..]);
    proptest::collection::vec((line, newline), 0..24).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(l, n)| [l, n.to_string()])
            .collect()
    })
}

fn change_strategy() -> impl Strategy<Value = Change> {
    let position = prop_oneof![
        8 => 0u32..24,
        1 => Just(u32::MAX),
        1 => 24u32..10_000,
    ];
    let insert = prop_oneof![
        4 => proptest::sample::select(INSERTS).prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop_oneof![
        20 => (position.clone(), 0u32..60, position, 0u32..60, insert.clone())
            .prop_map(|(sl, sc, el, ec, t)| Change::Range(sl, sc, el, ec, t)),
        1 => insert.prop_map(Change::Full),
    ]
}

fn script_strategy() -> impl Strategy<Value = EditScript> {
    let encoding =
        proptest::sample::select(&[Encoding::Utf16, Encoding::Utf8, Encoding::Utf32][..]);
    (
        text_strategy(),
        encoding,
        proptest::collection::vec(proptest::collection::vec(change_strategy(), 1..4), 1..10),
    )
        .prop_map(|(initial, encoding, notifications)| EditScript {
            initial,
            encoding,
            notifications,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn check_and_every_request_never_panic(text in text_strategy()) {
        props::check_everything(&text, 24);
    }

    #[test]
    fn check_never_panics_on_lossy_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        props::check_everything(&String::from_utf8_lossy(&bytes), 8);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// The `wire` fuzz target's property: a mangled session never hangs or swallows the
    /// well-formed message after it, and no framing error quotes the document.
    #[test]
    fn a_mangled_session_never_swallows_the_message_after_it(script in proptest::collection::vec(any::<u8>(), 0..48)) {
        wire::check_wire(&script);
    }
}

#[test]
fn the_unmangled_session_reads_whole() {
    wire::check_wire(&[]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn incremental_edits_equal_edits_on_a_string(script in script_strategy()) {
        script.run();
    }

    /// The server only ever hands the core offsets it converted from positions: they are
    /// character boundaries inside the text, whatever the position.
    #[test]
    fn every_position_converts_to_a_boundary(text in text_strategy(), line in 0u32..30, col in 0u32..80) {
        let index = LineIndex::new(&text);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for col in [col, u32::MAX] {
                let at = index.offset(&text, LineCol { line, col }, encoding);
                prop_assert!(at <= text.len() && text.is_char_boundary(at));
            }
        }
    }
}

#[test]
fn the_examples_survive_every_request_at_every_offset() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "offer") {
            let text = std::fs::read_to_string(&path).unwrap();
            props::check_everything(&text, 400);
        }
    }
}

#[test]
fn the_seed_edit_scripts_replay() {
    // the same scripts `fuzz/seed.sh` writes, on every example, in all three encodings
    let script: &[u8] = &[
        0x01, 3, 5, 3, 5, 5, 0x80, 3, 6, 3, 7, 2, 0x01, 0x3F, 0x3F, 0, 0, 0x0E,
    ];
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "offer") {
            for encoding in 0u8..3 {
                let mut data = std::fs::read(&path).unwrap();
                data.push(0xFF);
                data.push(encoding);
                data.extend_from_slice(script);
                EditScript::decode(&data).run();
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Findings

/// How long `f` takes on inputs of size `n` and `4n`: linear work grows about 4×, quadratic
/// 16×. (A ratio, not a time, so a slow machine does not fail it.)
fn growth(n: usize, f: impl Fn(usize)) -> f64 {
    // the fastest of three: other work on the machine only ever adds time, so the minimum
    // is what the code costs (one slow run under load read as 8× once)
    let time = |n| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                f(n);
                t.elapsed()
            })
            .min()
            .unwrap_or_default()
            .max(Duration::from_micros(1))
    };
    time(n / 4); // warm up
    time(4 * n).as_secs_f64() / time(n).as_secs_f64()
}

const PROFILE: &str =
    "# p\ntoday: 2026-11-22\nfloor: $190k\n\n## Acme\nstatus: live\nbase: $172,000\n";

#[test]
fn checking_a_long_walk_reason_without_punctuation_is_linear() {
    let ratio = growth(40_000, |n| {
        let reason = "I'm tired of the commute 😀 ".repeat(n / 30);
        let text = format!("{PROFILE}- walk: {reason}\n");
        offer_notes::check(&text, &Default::default());
    });
    assert!(ratio < 8.0, "4× the text took {ratio:.1}× the time");
}

#[test]
fn hovering_a_long_walk_reason_is_linear() {
    let ratio = growth(400_000, |n| {
        let reason = "I'm tired of the commute, they lowballed me 😀. ".repeat(n / 50);
        let text = format!("{PROFILE}- walk: {reason}\n");
        let report = offer_notes::check(&text, &Default::default());
        let at = offer_notes::text::floor_char_boundary(&text, text.len() - 5);
        offer_notes::present::hover::hover(&text, &report, at);
    });
    assert!(ratio < 8.0, "4× the text took {ratio:.1}× the time");
}

/// The wire property for longer than CI runs it, without cargo-fuzz:
/// `WIRE_EXECUTIONS=200000 cargo test --release --test reliability -- --ignored wire_long`.
#[test]
#[ignore]
fn wire_long_run() {
    let executions: u64 = std::env::var("WIRE_EXECUTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let started = Instant::now();
    for _ in 0..executions {
        let len = (next() % 64) as usize;
        let script: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        wire::check_wire(&script);
    }
    eprintln!("{executions} executions in {:?}", started.elapsed());
}
