//! `offer-notes.toml`'s schema and the VS Code extension's settings are generated from, or
//! checked against, the settings module and the rule registry, so they never drift.
//! Run with UPDATE_SCHEMA=1 to rewrite the committed schema after changing a setting or a rule.

use offer_notes::config::{DEFAULT_ANCHOR_YEARS, DEFAULT_RAISE_RATE, DEFAULT_SMALL_GAP};
use offer_notes::rules::RULES;
use offer_notes::settings::{
    schema_json, Key, ANCHOR_YEARS, ANCHOR_YEARS_RANGE, DISABLED_RULES, KEYS, LEVELS, RAISE_RATE,
    RAISE_RATE_RANGE, SCHEMA_PATH, SEVERITY, SMALL_GAP_MAX, SMALL_GAP_PERCENT,
};
use serde_json::{json, Value};

#[test]
fn the_committed_schema_is_the_generated_one() {
    let generated = schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all(std::path::Path::new(SCHEMA_PATH).parent().unwrap()).unwrap();
        std::fs::write(SCHEMA_PATH, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(SCHEMA_PATH).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_PATH} is out of date: run `UPDATE_SCHEMA=1 cargo test --test settings` and commit it"
    );
}

fn manifest() -> Value {
    let text = std::fs::read_to_string("editors/vscode/package.json").expect("package.json");
    serde_json::from_str(&text).expect("package.json is JSON")
}

fn setting(manifest: &Value, key: Key) -> &Value {
    let name = format!("offerNotes.{}", key.editor);
    let value = &manifest["contributes"]["configuration"]["properties"][&name];
    assert!(value.is_object(), "package.json has no `{name}` setting");
    value
}

fn number(value: &Value) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}

fn percent(p: offer_notes::model::Percent) -> f64 {
    p.0 as f64 / 100.0
}

#[test]
fn the_vscode_settings_match_the_defaults_and_ranges() {
    let manifest = manifest();
    let raise = setting(&manifest, RAISE_RATE);
    assert_eq!(number(&raise["default"]), percent(DEFAULT_RAISE_RATE));
    assert_eq!(number(&raise["minimum"]), *RAISE_RATE_RANGE.start());
    assert_eq!(number(&raise["maximum"]), *RAISE_RATE_RANGE.end());

    let years = setting(&manifest, ANCHOR_YEARS);
    assert_eq!(years["type"], "integer");
    assert_eq!(years["default"], json!(DEFAULT_ANCHOR_YEARS.1));
    assert_eq!(years["minimum"], json!(ANCHOR_YEARS_RANGE.start()));
    assert_eq!(years["maximum"], json!(ANCHOR_YEARS_RANGE.end()));

    let gap = setting(&manifest, SMALL_GAP_PERCENT);
    assert_eq!(number(&gap["default"]), percent(DEFAULT_SMALL_GAP));
    assert_eq!(number(&gap["exclusiveMinimum"]), 0.0);
    assert_eq!(number(&gap["maximum"]), SMALL_GAP_MAX);

    // every server-side setting is there, named as editor settings name it
    let properties = manifest["contributes"]["configuration"]["properties"]
        .as_object()
        .unwrap();
    let mut server_side: Vec<&str> = properties
        .keys()
        .filter_map(|k| k.strip_prefix("offerNotes."))
        .filter(|k| !k.starts_with("server.") && !k.starts_with("trace."))
        .collect();
    server_side.sort();
    let mut known: Vec<&str> = KEYS.iter().map(|k| k.editor).collect();
    known.sort();
    assert_eq!(server_side, known);
}

#[test]
fn the_vscode_rule_list_and_default_severities_are_the_registry() {
    let manifest = manifest();
    let codes: Vec<&str> = RULES.iter().map(|r| r.code.as_str()).collect();

    let disabled = setting(&manifest, DISABLED_RULES);
    let listed: Vec<&str> = disabled["items"]["enum"]
        .as_array()
        .expect("disabledRules lists the codes")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        listed, codes,
        "disabledRules: the registry's codes, in its order"
    );
    let described = disabled["items"]["enumDescriptions"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(described, codes.len(), "one description per code");

    let severity = setting(&manifest, SEVERITY);
    assert_eq!(severity["additionalProperties"], json!(false));
    let overrides = severity["properties"]
        .as_object()
        .expect("one entry per code");
    let mut named: Vec<&str> = overrides.keys().map(String::as_str).collect();
    named.sort();
    let mut sorted = codes.clone();
    sorted.sort();
    assert_eq!(named, sorted, "severity: one entry per registry code");
    for (code, level) in overrides {
        assert_eq!(
            level["enum"],
            json!(LEVELS),
            "{code}: the levels the server reads"
        );
        let rule = offer_notes::rules::find(code).unwrap();
        let default = format!("Default: {}.", rule.severity().name());
        let description = level["description"].as_str().unwrap_or("");
        assert!(
            description.ends_with(&default),
            "{code}: the description ends with {default:?}: {description:?}"
        );
    }
}

#[test]
fn the_vscode_extension_ships_the_schema_for_toml_tooling() {
    let manifest = manifest();
    let validation = manifest["contributes"]["tomlValidation"]
        .as_array()
        .expect("a tomlValidation contribution");
    let entry = validation
        .iter()
        .find(|v| v["fileMatch"] == offer_notes::settings::FILE_NAME)
        .expect("one for offer-notes.toml");
    let url = entry["url"].as_str().unwrap();
    let shipped = std::path::Path::new("editors/vscode").join(url);
    assert_eq!(
        shipped.canonicalize().ok(),
        std::path::Path::new(SCHEMA_PATH).canonicalize().ok(),
        "the extension points at the committed schema"
    );
    let ignore = std::fs::read_to_string("editors/vscode/.vscodeignore").unwrap();
    assert!(
        ignore.lines().any(|l| l.trim() == "!schema/**"),
        ".vscodeignore packages the schema"
    );
}
