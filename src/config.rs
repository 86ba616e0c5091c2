//! The validated settings the analysis reads: raise rate, anchor years, the small-gap line,
//! disabled rules and severity overrides. Plain values only; where they come from and how
//! they are checked is [`crate::settings`], which sits above the rule registry.

use crate::model::Percent;
use crate::severity::Severity;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_turned_off_by_severity_is_not_enabled() {
        let mut config = Config::default();
        config.severity.insert("quadrant".into(), None);
        config
            .severity
            .insert("below-floor".into(), Some(Severity::Error));
        config.disabled.push("small-gap".into());
        assert!(!config.is_enabled("quadrant"));
        assert!(!config.is_enabled("small-gap"));
        assert!(config.is_enabled("below-floor"));
        assert_eq!(
            config.severity_of("below-floor", Severity::Warning),
            Severity::Error
        );
        assert_eq!(
            config.severity_of("no-floor", Severity::Hint),
            Severity::Hint
        );
    }
}
