//! Numbers a journal can hold that used to wrap (issue 16): every amount shown is one the
//! journal implies, never a wrapped negative or "100% below" from a rate read as zero, and
//! a quick fix never writes a date the grammar cannot read back.

use offer_notes::actions::fixes::{actions, apply};
use offer_notes::text::Span;
use offer_notes::{check, Config};

const PROFILE: &str = "# x\ntoday: 2026-11-22\nfloor: $190k base\ndecision-date: 2026-12-01\n\n";

fn messages(text: &str) -> Vec<(String, String)> {
    check(text, &Config::default())
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.message.clone()))
        .collect()
}

#[test]
fn exchange_rates_that_would_overflow_or_round_to_zero_are_invalid_values() {
    for rate in [
        "1 EUR = 999999999 USD",
        "1 EUR = 0.0000000001 USD",
        "0.000000001 EUR = 5000 USD",
    ] {
        let text =
            format!("{PROFILE}## A\nstatus: live\nbase: €999,999,999,999\nexchange-rate: {rate}\n");
        let found = messages(&text);
        assert!(
            found
                .iter()
                .any(|(code, m)| code == "invalid-value" && m.contains("exchange rate")),
            "{rate}: {found:?}"
        );
        for (_, m) in &found {
            assert!(
                !m.contains("-$") && !m.contains("100% below"),
                "{rate}: {m}"
            );
        }
    }
}

#[test]
fn amounts_at_the_limit_never_show_a_wrapped_total() {
    let text = format!(
        "{PROFILE}## A\nstatus: live\nbase: €999,999,999,999\nexchange-rate: 1 EUR = 1000000 USD\n\n## B\nstatus: live\nbase: $999,999,999,999\nbonus: 1000%\nsign-on: $999,999,999,999\n"
    );
    let report = check(&text, &Config::default());
    for d in &report.diagnostics {
        assert!(
            !d.message.contains("-$") && !d.message.contains("below"),
            "{}",
            d.message
        );
    }
    let table = offer_notes::present::compare::plain(&offer_notes::present::compare::rows(&report));
    assert!(!table.contains("-$") && !table.contains("below"), "{table}");
    // A converted is 10^18 dollars, more than an amount holds: no percent rather than a
    // wrapped one (it used to say 1054085897377.3% above)
    let a = table.lines().find(|l| l.starts_with("A ")).unwrap();
    assert!(!a.contains('%') || a.contains("526315789"), "{a}");
}

#[test]
fn a_quick_fix_never_writes_a_date_past_year_9999() {
    for today in ["9999-12-31", "9999-12-30", "9999-07-01"] {
        let text = format!("today: {today}\nfloor: $190k\ndecision-date: 2026-01-01\n## Acme\nstatus: live\nbase: $200k\ndecision 2026-01-01: walk\n");
        let report = check(&text, &Config::default());
        let all = Span::new(0, text.len());
        for action in actions(&text, &report, all) {
            let fixed = apply(&text, &action.edits);
            assert!(!fixed.contains("+10000"), "{}: {fixed}", action.title);
            let after = messages(&fixed);
            assert!(
                !after
                    .iter()
                    .any(|(code, m)| code == "invalid-value" && m.contains("date")),
                "{today}: `{}` leads to {after:?}",
                action.title
            );
        }
    }
}
