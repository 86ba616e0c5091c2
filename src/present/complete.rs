//! Completion: keys with a one-line doc, statuses, ratings, verdicts, rule codes in `allow:`,
//! and `counter` / `decision` line snippets — chosen by what is left of the cursor.

use crate::model::keys::ValueKind;
use crate::model::{Key, Status};
use crate::rules::RULES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Key,
    Value,
    Snippet,
    RuleCode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub kind: ItemKind,
    pub detail: String,
    pub documentation: String,
    /// Text to insert; in snippet syntax (`${1:…}`) when `snippet` is set.
    pub insert: String,
    pub snippet: bool,
}

fn value(label: &str, detail: &str) -> Item {
    Item {
        label: label.into(),
        kind: ItemKind::Value,
        detail: detail.into(),
        documentation: String::new(),
        insert: label.into(),
        snippet: false,
    }
}

/// Items for a cursor with `before` to its left on the line, in a profile or offer section.
pub fn complete(before: &str, in_profile: bool, today: chrono::NaiveDate) -> Vec<Item> {
    let trimmed = before.trim_start();
    let body = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
        .unwrap_or(trimmed);
    match body.split_once(':') {
        None => {
            if body.contains(' ') && !body.starts_with("counter") && !body.starts_with("decision") {
                return Vec::new(); // prose
            }
            keys(in_profile, today)
        }
        Some((key, rest)) => {
            let key_word = key.split_whitespace().next().unwrap_or("");
            let Some(key) = Key::parse(key).or_else(|| Key::parse(key_word)) else {
                return Vec::new();
            };
            values(key, rest)
        }
    }
}

fn keys(in_profile: bool, today: chrono::NaiveDate) -> Vec<Item> {
    let profile_keys = [
        Key::Floor,
        Key::Wish,
        Key::Runway,
        Key::DecisionDate,
        Key::RaiseRate,
        Key::AnchorYears,
        Key::Today,
        Key::ExchangeRate,
        Key::Savings,
        Key::Burn,
        Key::Allow,
    ];
    let mut items: Vec<Item> = Key::ALL
        .iter()
        .filter(|k| !k.takes_date())
        .filter(|k| {
            in_profile == profile_keys.contains(k)
                || matches!(k, Key::Floor | Key::Wish | Key::DecisionDate | Key::Allow)
        })
        .map(|k| Item {
            label: k.name().into(),
            kind: ItemKind::Key,
            detail: format!(
                "{} key",
                if profile_keys.contains(k) {
                    "profile"
                } else {
                    "offer"
                }
            ),
            documentation: k.doc().into(),
            insert: format!("{}: ", k.name()),
            snippet: false,
        })
        .collect();
    if !in_profile {
        let date = today.format("%Y-%m-%d");
        items.push(Item {
            label: "counter".into(),
            kind: ItemKind::Snippet,
            detail: "a counter round".into(),
            documentation: Key::Counter.doc().into(),
            insert: format!("counter ${{1:{date}}}: asked ${{2:\\$195k}}, got ${{3:\\$178k}}"),
            snippet: true,
        });
        items.push(Item {
            label: "decision".into(),
            kind: ItemKind::Snippet,
            detail: "what you decided, and when".into(),
            documentation: Key::Decision.doc().into(),
            insert: format!("decision ${{1:{date}}}: ${{2|walk,accept,counter,wait|}}"),
            snippet: true,
        });
        items.push(Item {
            label: "outcome".into(),
            kind: ItemKind::Snippet,
            detail: "what actually happened".into(),
            documentation: Key::Outcome.doc().into(),
            insert: format!("outcome ${{1:{date}}}: ${{2:what happened}}"),
            snippet: true,
        });
    }
    items
}

fn values(key: Key, rest: &str) -> Vec<Item> {
    match key.kind() {
        ValueKind::Status => Status::ALL
            .iter()
            .map(|s| value(s.name(), s.meaning()))
            .collect(),
        ValueKind::Rating => vec![
            value("strong", "a real strength"),
            value("ok", "neither here nor there"),
            value("weak", "a real weakness"),
        ],
        ValueKind::YesNo => vec![value("yes", ""), value("no", "")],
        ValueKind::Decision => ["walk", "accept", "counter", "wait"]
            .into_iter()
            .map(|v| value(v, ""))
            .collect(),
        ValueKind::Target
            if rest
                .trim_start()
                .starts_with(|c: char| c == '$' || c.is_ascii_digit() || "€£¥₹".contains(c))
                && rest.ends_with(' ') =>
        {
            vec![
                value("base", "compare with base salary"),
                value("total", "compare with steady-state total comp"),
            ]
        }
        ValueKind::Allow => {
            let written: Vec<&str> = rest
                .split([',', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            RULES
                .iter()
                .filter(|r| !written.contains(&r.code.as_str()))
                .map(|r| Item {
                    label: r.code.to_string(),
                    kind: ItemKind::RuleCode,
                    detail: r.severity().name().into(),
                    documentation: r.summary(),
                    insert: r.code.to_string(),
                    snippet: false,
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(before: &str, profile: bool) -> Vec<String> {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        complete(before, profile, today)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn the_line_so_far_decides_what_is_offered() {
        assert!(labels("", false).contains(&"base".to_string()));
        assert!(labels("- ", false).contains(&"counter".to_string()));
        assert!(labels("", true).contains(&"runway".to_string()));
        assert!(!labels("", true).contains(&"base".to_string()));
        assert_eq!(labels("status: ", false)[1], "live");
        assert_eq!(labels("manager: ", false), ["strong", "ok", "weak"]);
        assert!(labels("allow: small-gap, ", false).contains(&"quadrant".to_string()));
        assert!(!labels("allow: small-gap, ", false).contains(&"small-gap".to_string()));
        assert_eq!(
            labels("decision 2026-11-21: ", false),
            ["walk", "accept", "counter", "wait"]
        );
        assert_eq!(labels("floor: $190k ", true), ["base", "total"]);
        assert!(labels("I keep going back and forth", false).is_empty());
    }
}
