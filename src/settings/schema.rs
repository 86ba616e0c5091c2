//! The JSON Schema of `offer-notes.toml`, generated from [`RawSettings`] with the ranges,
//! defaults, rule codes and levels that validation uses, so editors offer exactly what
//! offer-notes accepts. `cargo test` checks the committed copy ([`SCHEMA_PATH`]).

use super::raw::{RawSettings, ANCHOR_YEARS_RANGE, LEVELS, RAISE_RATE_RANGE, SMALL_GAP_MAX};
use crate::config::{DEFAULT_ANCHOR_YEARS, DEFAULT_RAISE_RATE, DEFAULT_SMALL_GAP};
use crate::model::Percent;
use crate::rules;
use schemars::{json_schema, Schema, SchemaGenerator};

/// Where the schema is committed, from the repository root. It lives in the VS Code extension
/// because the extension ships it (`tomlValidation` in its package.json).
pub const SCHEMA_PATH: &str = "editors/vscode/schema/offer-notes.schema.json";

/// The schema, as a JSON value.
pub fn schema() -> Schema {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<RawSettings>()
}

/// The schema as committed: pretty JSON with a final newline.
pub fn schema_json() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// A percent as a person writes it in the file: 3.5.
pub(crate) fn in_percent(p: Percent) -> f64 {
    p.0 as f64 / 100.0
}

/// Every rule code, in registry order.
fn codes() -> Vec<&'static str> {
    rules::RULES.iter().map(|rule| rule.code.as_str()).collect()
}

pub(super) fn raise_rate(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "number",
        "minimum": RAISE_RATE_RANGE.start(),
        "maximum": RAISE_RATE_RANGE.end(),
        "default": in_percent(DEFAULT_RAISE_RATE),
    })
}

pub(super) fn anchor_years(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "integer",
        "minimum": ANCHOR_YEARS_RANGE.start(),
        "maximum": ANCHOR_YEARS_RANGE.end(),
        "default": DEFAULT_ANCHOR_YEARS.1,
    })
}

pub(super) fn small_gap_percent(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "number",
        "exclusiveMinimum": 0,
        "maximum": SMALL_GAP_MAX,
        "default": in_percent(DEFAULT_SMALL_GAP),
    })
}

pub(super) fn disabled_rules(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "array",
        "items": { "type": "string", "enum": codes() },
        "uniqueItems": true,
        "default": [],
    })
}

pub(super) fn severity(_: &mut SchemaGenerator) -> Schema {
    let level = serde_json::json!({ "type": "string", "enum": LEVELS });
    // the summaries quote the configured numbers; the schema shows the defaults
    let properties: serde_json::Map<String, serde_json::Value> = rules::RULES
        .iter()
        .map(|rule| {
            let mut level = level.clone();
            level["description"] =
                format!("{}. Default: {}.", rule.summary(), rule.severity().name()).into();
            (rule.code.as_str().to_string(), level)
        })
        .collect();
    json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
        "default": {},
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::KEYS;

    #[test]
    fn the_schema_names_every_key_as_the_file_spells_it() {
        let schema = schema();
        let properties = schema
            .get("properties")
            .and_then(|p| p.as_object())
            .expect("properties");
        let names: Vec<&str> = properties.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = KEYS.iter().map(|k| k.toml).collect();
        expected.sort();
        let mut names = names;
        names.sort();
        assert_eq!(names, expected);
        assert!(schema.get("required").is_none(), "every key is optional");
    }
}
