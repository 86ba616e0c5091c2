//! Settings that change what the analysis says: raise rate, anchor years, the small-gap line,
//! disabled rules and severity overrides. Read from `offer-notes.toml` or an editor's settings.

use crate::model::Percent;
use crate::rules::{self, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;

/// US salary-increase budgets have run about 3.5–4% a year since 2023 (WorldatWork and
/// Mercer salary budget surveys); we assume the low end so projections don't overstate.
pub const DEFAULT_RAISE_RATE: Percent = Percent(350);

/// "Small" gap: the live number is within 5% below the floor [004, decision matrix and
/// the "accept if it lands within 5% of your floor" advice].
pub const DEFAULT_SMALL_GAP: Percent = Percent(500);

/// The accepted number anchors you for two to four years [004]; projections run to the
/// high end.
pub const DEFAULT_ANCHOR_YEARS: (u32, u32) = (2, 4);

/// Everything configurable, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub raise_rate: Percent,
    /// Projection horizon: years 1 to `anchor_years`.
    pub anchor_years: u32,
    pub small_gap: Percent,
    /// Rule codes that never run.
    pub disabled: Vec<String>,
    /// Per-rule severity; `None` turns the rule off.
    pub severity: BTreeMap<String, Option<Severity>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            raise_rate: DEFAULT_RAISE_RATE,
            anchor_years: DEFAULT_ANCHOR_YEARS.1,
            small_gap: DEFAULT_SMALL_GAP,
            disabled: Vec::new(),
            severity: BTreeMap::new(),
        }
    }
}

impl Config {
    pub fn is_enabled(&self, code: &str) -> bool {
        !self.disabled.iter().any(|c| c == code) && self.severity.get(code) != Some(&None)
    }

    /// The severity a rule reports with, after overrides.
    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        match self.severity.get(code) {
            Some(Some(severity)) => *severity,
            _ => default,
        }
    }
}

/// The settings as written (TOML file, `initializationOptions`, `workspace/configuration`),
/// before validation. Unknown keys are ignored so newer editors don't break older servers.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RawConfig {
    #[serde(alias = "raise-rate", alias = "raise_rate")]
    pub raise_rate: Option<serde_json::Value>,
    #[serde(alias = "anchor-years", alias = "anchor_years")]
    pub anchor_years: Option<serde_json::Value>,
    #[serde(alias = "small-gap-percent", alias = "small_gap_percent")]
    pub small_gap_percent: Option<serde_json::Value>,
    #[serde(alias = "disabled-rules", alias = "disabled_rules")]
    pub disabled_rules: Option<serde_json::Value>,
    pub severity: Option<serde_json::Value>,
}

/// A setting that was not usable; its default stays in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub setting: String,
    pub message: String,
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.setting, self.message)
    }
}

impl RawConfig {
    /// Parse `offer-notes.toml`.
    pub fn from_toml(text: &str) -> Result<RawConfig, ConfigProblem> {
        let value: toml::Value = toml::from_str(text).map_err(|e| ConfigProblem {
            setting: "offer-notes.toml".into(),
            message: e.message().to_string(),
        })?;
        let json = serde_json::to_value(value).map_err(|e| ConfigProblem {
            setting: "offer-notes.toml".into(),
            message: e.to_string(),
        })?;
        Ok(RawConfig::from_json(&json))
    }

    /// Read settings from a JSON object; anything that isn't an object reads as empty.
    pub fn from_json(value: &serde_json::Value) -> RawConfig {
        serde_json::from_value(value.clone()).unwrap_or_default()
    }

    /// Lay `other`'s settings over these (later sources win).
    pub fn merge(mut self, other: RawConfig) -> RawConfig {
        self.raise_rate = other.raise_rate.or(self.raise_rate);
        self.anchor_years = other.anchor_years.or(self.anchor_years);
        self.small_gap_percent = other.small_gap_percent.or(self.small_gap_percent);
        self.disabled_rules = other.disabled_rules.or(self.disabled_rules);
        self.severity = other.severity.or(self.severity);
        self
    }

    /// Validate into a [`Config`]; every bad setting is reported and left at its default.
    pub fn resolve(&self) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        let mut problem = |setting: &str, message: String| {
            problems.push(ConfigProblem {
                setting: setting.into(),
                message,
            })
        };
        if let Some(v) = &self.raise_rate {
            match v.as_f64() {
                Some(rate) if (0.0..=50.0).contains(&rate) => {
                    config.raise_rate = Percent((rate * 100.0).round() as i64)
                }
                _ => problem(
                    "raiseRate",
                    format!("expected a yearly raise in percent between 0 and 50, like 3.5; got {v}; using {DEFAULT_RAISE_RATE}"),
                ),
            }
        }
        if let Some(v) = &self.anchor_years {
            match v.as_u64() {
                Some(years) if (1..=10).contains(&years) => config.anchor_years = years as u32,
                _ => problem(
                    "anchorYears",
                    format!(
                        "expected a whole number of years from 1 to 10; got {v}; using {}",
                        DEFAULT_ANCHOR_YEARS.1
                    ),
                ),
            }
        }
        if let Some(v) = &self.small_gap_percent {
            match v.as_f64() {
                Some(p) if p > 0.0 && p <= 50.0 => config.small_gap = Percent((p * 100.0).round() as i64),
                _ => problem(
                    "smallGapPercent",
                    format!("expected a percent above 0 and at most 50, like 5; got {v}; using {DEFAULT_SMALL_GAP}"),
                ),
            }
        }
        if let Some(v) = &self.disabled_rules {
            match v.as_array() {
                Some(codes) => {
                    for code in codes {
                        match code.as_str() {
                            Some(c) if rules::find(c).is_some() => {
                                config.disabled.push(c.to_string())
                            }
                            _ => problem(
                                "disabledRules",
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
                    "disabledRules",
                    format!("expected a list of rule codes; got {v}"),
                ),
            }
        }
        if let Some(v) = &self.severity {
            match v.as_object() {
                Some(map) => {
                    for (code, level) in map {
                        if rules::find(code).is_none() {
                            problem(
                                "severity",
                                format!(
                                    "`{}` is not a rule code; {}",
                                    crate::text::shortened(code),
                                    rules::code_hint(code)
                                ),
                            );
                            continue;
                        }
                        match level.as_str().map(str::to_ascii_lowercase).as_deref() {
                            Some("off") | Some("none") => {
                                config.severity.insert(code.clone(), None);
                            }
                            Some(name) => match Severity::parse(name) {
                                Some(s) => {
                                    config.severity.insert(code.clone(), Some(s));
                                }
                                None => problem("severity", format!("`{code}`: expected error, warning, information, hint or off; got {level}")),
                            },
                            None => problem("severity", format!("`{code}`: expected error, warning, information, hint or off; got {level}")),
                        }
                    }
                }
                None => problem(
                    "severity",
                    format!("expected a table of rule code = level; got {v}"),
                ),
            }
        }
        (config, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_is_named_and_the_default_stays() {
        let raw = RawConfig::from_toml(
            "raise-rate = \"lots\"\nanchor-years = 3\ndisabled-rules = [\"small-gap\", \"nope\"]\n",
        )
        .unwrap();
        let (config, problems) = raw.resolve();
        assert_eq!(config.raise_rate, DEFAULT_RAISE_RATE);
        assert_eq!(config.anchor_years, 3);
        assert_eq!(config.disabled, ["small-gap"]);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].setting, "raiseRate");
        assert!(problems[1].message.contains("nope"));
    }

    #[test]
    fn severity_overrides_and_off() {
        let raw = RawConfig::from_json(&serde_json::json!({
            "severity": {"below-floor": "error", "quadrant": "off"}
        }));
        let (config, problems) = raw.resolve();
        assert!(problems.is_empty());
        assert_eq!(
            config.severity_of("below-floor", Severity::Warning),
            Severity::Error
        );
        assert!(!config.is_enabled("quadrant"));
    }
}
