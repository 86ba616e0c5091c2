//! The settings as written, before validation: the type `offer-notes.toml` and editor settings
//! are read into (the file's schema is generated from it), the merge, and validation into a
//! [`Config`] that names every unusable setting the way the person wrote it.

use super::{schema, FILE_NAME};
use crate::config::{Config, DEFAULT_ANCHOR_YEARS, DEFAULT_RAISE_RATE, DEFAULT_SMALL_GAP};
use crate::model::Percent;
use crate::rules;
use crate::severity::Severity;
use schemars::JsonSchema;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::ops::RangeInclusive;
use std::path::Path;
use std::sync::Arc;

/// One setting's names: how `offer-notes.toml` spells it and how editor settings do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub toml: &'static str,
    pub editor: &'static str,
}

pub const RAISE_RATE: Key = Key {
    toml: "raise-rate",
    editor: "raiseRate",
};
pub const ANCHOR_YEARS: Key = Key {
    toml: "anchor-years",
    editor: "anchorYears",
};
pub const SMALL_GAP_PERCENT: Key = Key {
    toml: "small-gap-percent",
    editor: "smallGapPercent",
};
pub const DISABLED_RULES: Key = Key {
    toml: "disabled-rules",
    editor: "disabledRules",
};
pub const SEVERITY: Key = Key {
    toml: "severity",
    editor: "severity",
};
/// Every setting, in the order the file's schema lists them.
pub const KEYS: [Key; 5] = [
    RAISE_RATE,
    ANCHOR_YEARS,
    SMALL_GAP_PERCENT,
    DISABLED_RULES,
    SEVERITY,
];

/// A yearly raise outside this range (percent) is a typo, not a projection.
pub const RAISE_RATE_RANGE: RangeInclusive<f64> = 0.0..=50.0;
/// How many years a projection may run.
pub const ANCHOR_YEARS_RANGE: RangeInclusive<u32> = 1..=10;
/// The small-gap line is above 0% and at most this many percent: a "small" gap of half the
/// floor would make every offer small.
pub const SMALL_GAP_MAX: f64 = 50.0;
/// What a severity override may say; `off` turns the rule off (`none` is read as `off`,
/// `warn` and `info` as their long names).
pub const LEVELS: [&str; 5] = ["error", "warning", "information", "hint", "off"];

/// Where a setting was written, which decides how a warning names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Origin {
    /// `initializationOptions` or `workspace/configuration`: named like `raiseRate`.
    #[default]
    Editor,
    /// An `offer-notes.toml` (with its path once known): named like `raise-rate`.
    File(Option<Arc<Path>>),
}

impl Origin {
    /// The setting's name as written here.
    pub fn name(&self, key: Key) -> &'static str {
        match self {
            Origin::Editor => key.editor,
            Origin::File(_) => key.toml,
        }
    }

    pub fn file(&self) -> Option<&Path> {
        match self {
            Origin::File(Some(path)) => Some(path),
            _ => None,
        }
    }
}

/// A setting that was not usable (its default stays in force), or a settings file that could
/// not be read (`setting` is then the file's name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// As the person wrote it: `raise-rate` in the file, `raiseRate` in editor settings.
    pub setting: String,
    pub message: String,
    pub origin: Origin,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.setting, self.message)
    }
}

/// A value exactly as written. It is checked only at validation, so one bad value is named in
/// a warning instead of making the whole file unreadable.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    value: Value,
    /// How a warning quotes it: as written (`nan`, `"lots"`, `60`).
    shown: String,
    origin: Origin,
}

impl Written {
    fn new(value: Value) -> Written {
        Written {
            shown: crate::text::shortened(&value.to_string()).into_owned(),
            value,
            origin: Origin::Editor,
        }
    }

    pub fn value(&self) -> &Value {
        &self.value
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }
}

impl<'de> Deserialize<'de> for Written {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(WrittenVisitor)
    }
}

struct WrittenVisitor;

impl<'de> Visitor<'de> for WrittenVisitor {
    type Value = Written;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a setting's value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Written, E> {
        Ok(Written::new(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Written, E> {
        Ok(Written::new(Value::from(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Written, E> {
        Ok(Written::new(Value::from(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Written, E> {
        Ok(match serde_json::Number::from_f64(v) {
            Some(n) => Written::new(Value::Number(n)),
            // TOML has `nan` and `inf`; JSON has no such numbers, so keep how it was written
            // and let validation name it like any other unusable value
            None => Written {
                value: Value::Null,
                shown: if v.is_nan() {
                    "nan".into()
                } else if v > 0.0 {
                    "inf".into()
                } else {
                    "-inf".into()
                },
                origin: Origin::Editor,
            },
        })
    }

    fn visit_str<E>(self, v: &str) -> Result<Written, E> {
        Ok(Written::new(Value::String(v.into())))
    }

    fn visit_string<E>(self, v: String) -> Result<Written, E> {
        Ok(Written::new(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Written, E> {
        Ok(Written::new(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Written, E> {
        Ok(Written::new(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Written, D::Error> {
        Written::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Written, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Value>()? {
            items.push(item);
        }
        Ok(Written::new(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Written, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            object.insert(key, value);
        }
        Ok(Written::new(Value::Object(object)))
    }
}

/// The settings of `offer-notes.toml`, in the journal's folder or the nearest one above it.
/// Editors send the same settings in camelCase (section `offerNotes`) and they win over the
/// file. Unknown keys are ignored, so a newer file never breaks an older offer-notes.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default)]
#[schemars(title = "offer-notes.toml")]
pub struct RawSettings {
    /// Assumed yearly raise, in percent, for the anchoring projection (the gap to your floor
    /// per year). A `raise-rate:` line in a journal overrides it.
    #[serde(rename = "raise-rate", alias = "raiseRate", alias = "raise_rate")]
    #[schemars(schema_with = "schema::raise_rate")]
    pub raise_rate: Option<Written>,
    /// How many years the accepted number anchors you: the projection's horizon.
    #[serde(rename = "anchor-years", alias = "anchorYears", alias = "anchor_years")]
    #[schemars(schema_with = "schema::anchor_years")]
    pub anchor_years: Option<Written>,
    /// A gap to the floor up to this percent is small (strong role, small gap: take it after
    /// one calibrated counter); beyond it the gap is big.
    #[serde(
        rename = "small-gap-percent",
        alias = "smallGapPercent",
        alias = "small_gap_percent"
    )]
    #[schemars(schema_with = "schema::small_gap_percent")]
    pub small_gap_percent: Option<Written>,
    /// Rule codes that are never reported (`offer-notes explain` lists them). To silence a
    /// rule in one journal or section, write `allow: CODE` there instead.
    #[serde(
        rename = "disabled-rules",
        alias = "disabledRules",
        alias = "disabled_rules"
    )]
    #[schemars(schema_with = "schema::disabled_rules")]
    pub disabled_rules: Option<Written>,
    /// A rule's severity: rule code = "error", "warning", "information", "hint" or "off".
    #[schemars(schema_with = "schema::severity")]
    pub severity: Option<Written>,
}

impl RawSettings {
    /// Parse the text of an `offer-notes.toml`.
    pub fn from_toml(text: &str) -> Result<RawSettings, Problem> {
        let raw: RawSettings = toml::from_str(text).map_err(|e| Problem {
            setting: FILE_NAME.into(),
            message: e.message().to_string(),
            origin: Origin::File(None),
        })?;
        Ok(raw.written_in(Origin::File(None)))
    }

    /// Read editor settings (the `offerNotes` section); anything that isn't an object of
    /// settings reads as empty.
    pub fn from_json(value: &Value) -> RawSettings {
        RawSettings::deserialize(value).unwrap_or_default()
    }

    /// Read an `offer-notes.toml` from disk (read only: offer-notes never writes it).
    pub fn load(path: &Path) -> Result<RawSettings, Problem> {
        let origin = Origin::File(Some(Arc::from(path)));
        let unreadable = |message: String| Problem {
            setting: FILE_NAME.into(),
            message,
            origin: origin.clone(),
        };
        // a settings file is read as safely as a journal: never a FIFO, a device or 64 MB
        let text = crate::files::read_text(path).map_err(unreadable)?;
        let raw = RawSettings::from_toml(&text).map_err(|p| unreadable(p.message))?;
        Ok(raw.written_in(origin))
    }

    fn written_in(mut self, origin: Origin) -> RawSettings {
        for written in [
            &mut self.raise_rate,
            &mut self.anchor_years,
            &mut self.small_gap_percent,
            &mut self.disabled_rules,
            &mut self.severity,
        ]
        .into_iter()
        .flatten()
        {
            written.origin = origin.clone();
        }
        self
    }

    /// Lay `other`'s settings over these (`other` wins where it says something).
    pub fn merge(mut self, other: RawSettings) -> RawSettings {
        self.raise_rate = other.raise_rate.or(self.raise_rate);
        self.anchor_years = other.anchor_years.or(self.anchor_years);
        self.small_gap_percent = other.small_gap_percent.or(self.small_gap_percent);
        self.disabled_rules = other.disabled_rules.or(self.disabled_rules);
        self.severity = other.severity.or(self.severity);
        self
    }

    /// Validate into a [`Config`]; every unusable setting is named (as it was written) and
    /// left at its default.
    pub fn resolve(&self) -> (Config, Vec<Problem>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let mut problem = |key: Key, written: &Written, message: String| {
            problems.push(Problem {
                setting: written.origin.name(key).into(),
                message,
                origin: written.origin.clone(),
            })
        };
        if let Some(w) = &self.raise_rate {
            match w.value.as_f64() {
                Some(rate) if RAISE_RATE_RANGE.contains(&rate) => {
                    config.raise_rate = percent(rate);
                }
                _ => problem(
                    RAISE_RATE,
                    w,
                    format!(
                        "expected a yearly raise in percent between {} and {}, like 3.5; got {}; using {DEFAULT_RAISE_RATE}",
                        RAISE_RATE_RANGE.start(),
                        RAISE_RATE_RANGE.end(),
                        w.shown
                    ),
                ),
            }
        }
        if let Some(w) = &self.anchor_years {
            match w.value.as_u64().and_then(|y| u32::try_from(y).ok()) {
                Some(years) if ANCHOR_YEARS_RANGE.contains(&years) => config.anchor_years = years,
                _ => problem(
                    ANCHOR_YEARS,
                    w,
                    format!(
                        "expected a whole number of years from {} to {}; got {}; using {}",
                        ANCHOR_YEARS_RANGE.start(),
                        ANCHOR_YEARS_RANGE.end(),
                        w.shown,
                        DEFAULT_ANCHOR_YEARS.1
                    ),
                ),
            }
        }
        if let Some(w) = &self.small_gap_percent {
            match w.value.as_f64() {
                Some(p) if p > 0.0 && p <= SMALL_GAP_MAX => config.small_gap = percent(p),
                _ => problem(
                    SMALL_GAP_PERCENT,
                    w,
                    format!(
                        "expected a percent above 0 and at most {SMALL_GAP_MAX}, like 5; got {}; using {DEFAULT_SMALL_GAP}",
                        w.shown
                    ),
                ),
            }
        }
        if let Some(w) = &self.disabled_rules {
            match w.value.as_array() {
                Some(codes) => {
                    for code in codes {
                        match code.as_str() {
                            Some(c) if rules::find(c).is_some() => {
                                // stored as the registry spells it, however it was written
                                if let Some(rule) = rules::find(c) {
                                    config.disabled.push(rule.code.as_str().to_string())
                                }
                            }
                            _ => problem(
                                DISABLED_RULES,
                                w,
                                format!(
                                    "{} is not a rule code; {}",
                                    crate::text::shortened(&code.to_string()),
                                    rules::code_hint(code.as_str().unwrap_or(""))
                                ),
                            ),
                        }
                    }
                }
                None => problem(
                    DISABLED_RULES,
                    w,
                    format!("expected a list of rule codes; got {}", w.shown),
                ),
            }
        }
        if let Some(w) = &self.severity {
            match w.value.as_object() {
                Some(map) => {
                    for (code, level) in map {
                        if rules::find(code).is_none() {
                            problem(
                                SEVERITY,
                                w,
                                format!(
                                    "`{}` is not a rule code; {}",
                                    crate::text::shortened(code),
                                    rules::code_hint(code)
                                ),
                            );
                            continue;
                        }
                        // stored as the registry spells it, however it was written
                        let canonical = rules::find(code)
                            .map_or_else(|| code.clone(), |r| r.code.as_str().to_string());
                        match level.as_str().map(str::to_ascii_lowercase).as_deref() {
                            Some("off") | Some("none") => {
                                config.severity.insert(canonical, None);
                            }
                            Some(name) if Severity::parse(name).is_some() => {
                                config.severity.insert(canonical, Severity::parse(name));
                            }
                            _ => problem(
                                SEVERITY,
                                w,
                                format!(
                                    "`{code}`: expected error, warning, information, hint or off; got {level}"
                                ),
                            ),
                        }
                    }
                }
                None => problem(
                    SEVERITY,
                    w,
                    format!("expected a table of rule code = level; got {}", w.shown),
                ),
            }
        }
        (config, problems)
    }
}

/// A percent as written (3.5) in hundredths of a percent, as [`Percent`] keeps it.
fn percent(value: f64) -> Percent {
    Percent((value * 100.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_is_named_and_the_default_stays() {
        let raw = RawSettings::from_toml(
            "raise-rate = \"lots\"\nanchor-years = 3\ndisabled-rules = [\"small-gap\", \"nope\"]\n",
        )
        .unwrap();
        let (config, problems) = raw.resolve();
        assert_eq!(config.raise_rate, DEFAULT_RAISE_RATE);
        assert_eq!(config.anchor_years, 3);
        assert_eq!(config.disabled, ["small-gap"]);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].setting, "raise-rate");
        assert!(problems[0].message.contains("got \"lots\""));
        assert!(problems[1].message.contains("nope"));
    }

    #[test]
    fn a_warning_names_the_key_as_the_editor_wrote_it() {
        let raw = RawSettings::from_json(&serde_json::json!({"raiseRate": 80, "anchorYears": 0}));
        let (config, problems) = raw.resolve();
        assert_eq!(config, Config::default());
        let named: Vec<_> = problems.iter().map(|p| p.setting.as_str()).collect();
        assert_eq!(named, ["raiseRate", "anchorYears"]);
        assert_eq!(problems[0].origin, Origin::Editor);
    }

    #[test]
    fn the_file_wins_only_where_the_editor_is_silent() {
        let file = RawSettings::from_toml("raise-rate = 60\nanchor-years = 3\n").unwrap();
        let editor = RawSettings::from_json(&serde_json::json!({"raiseRate": 5}));
        let (config, problems) = file.merge(editor).resolve();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.raise_rate, Percent(500));
        assert_eq!(config.anchor_years, 3);
    }

    #[test]
    fn nan_and_inf_are_named_like_any_unusable_number() {
        for (text, shown) in [
            ("raise-rate = nan\n", "nan"),
            ("raise-rate = inf\n", "inf"),
            ("raise-rate = -inf\n", "-inf"),
        ] {
            let (config, problems) = RawSettings::from_toml(text).unwrap().resolve();
            assert_eq!(config.raise_rate, DEFAULT_RAISE_RATE, "{text}");
            assert_eq!(problems.len(), 1, "{text}");
            assert_eq!(problems[0].setting, "raise-rate");
            assert!(
                problems[0].message.contains(&format!("got {shown};")),
                "{}",
                problems[0].message
            );
        }
        let (config, problems) = RawSettings::from_toml("small-gap-percent = nan\n")
            .unwrap()
            .resolve();
        assert_eq!(config.small_gap, DEFAULT_SMALL_GAP);
        assert_eq!(problems[0].setting, "small-gap-percent");
    }

    #[test]
    fn severity_overrides_and_off() {
        let raw = RawSettings::from_json(&serde_json::json!({
            "severity": {"below-floor": "error", "quadrant": "off", "small-gap": "INFO"}
        }));
        let (config, problems) = raw.resolve();
        assert!(problems.is_empty());
        assert_eq!(
            config.severity_of("below-floor", Severity::Warning),
            Severity::Error
        );
        assert_eq!(
            config.severity_of("small-gap", Severity::Hint),
            Severity::Information
        );
        assert!(!config.is_enabled("quadrant"));
    }

    #[test]
    fn every_level_the_schema_offers_is_accepted() {
        for level in LEVELS {
            let raw = RawSettings::from_json(&serde_json::json!({"severity": {"quadrant": level}}));
            assert!(raw.resolve().1.is_empty(), "{level}");
        }
    }

    #[test]
    fn a_file_that_is_not_toml_is_one_problem_naming_the_file() {
        let problem = RawSettings::from_toml("raise-rate = = 3\n").unwrap_err();
        assert_eq!(problem.setting, FILE_NAME);
    }

    #[test]
    fn every_key_is_read_under_both_of_its_names() {
        for key in KEYS {
            for (name, origin) in [(key.toml, Origin::File(None)), (key.editor, Origin::Editor)] {
                let raw = match origin {
                    Origin::Editor => RawSettings::from_json(&serde_json::json!({name: "?"})),
                    Origin::File(_) => {
                        RawSettings::from_toml(&format!("{name} = \"?\"\n")).unwrap()
                    }
                };
                let (_, problems) = raw.resolve();
                assert_eq!(problems.len(), 1, "{name}");
                assert_eq!(problems[0].setting, name);
            }
        }
    }
}
