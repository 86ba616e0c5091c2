//! Where the server's configuration comes from, in order of precedence: the client's
//! `workspace/configuration` (section `offerNotes`), `initializationOptions`, then
//! `offer-notes.toml` at the workspace root, then the defaults.

use crate::config::{Config, ConfigProblem, RawConfig};
use serde_json::Value;
use std::path::PathBuf;

pub const SECTION: &str = "offerNotes";
pub const FILE_NAME: &str = "offer-notes.toml";

#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub root: Option<PathBuf>,
    pub init: RawConfig,
    pub client: RawConfig,
}

impl Sources {
    /// Read the workspace file (read only: the server never writes) and merge everything.
    pub fn resolve(&self) -> (Config, Vec<ConfigProblem>) {
        let mut problems = Vec::new();
        let file = match self.root.as_ref().map(|r| r.join(FILE_NAME)) {
            Some(path) if path.is_file() => match std::fs::read_to_string(&path) {
                Ok(text) => RawConfig::from_toml(&text).unwrap_or_else(|p| {
                    problems.push(p);
                    RawConfig::default()
                }),
                Err(e) => {
                    problems.push(ConfigProblem {
                        setting: FILE_NAME.into(),
                        message: e.to_string(),
                    });
                    RawConfig::default()
                }
            },
            _ => RawConfig::default(),
        };
        let (config, more) = file
            .merge(self.init.clone())
            .merge(self.client.clone())
            .resolve();
        problems.extend(more);
        (config, problems)
    }
}

/// Settings from `didChangeConfiguration`: either `{ "offerNotes": {...} }` or the section itself.
pub fn from_settings(settings: &Value) -> Option<RawConfig> {
    match settings.get(SECTION) {
        Some(section) => Some(RawConfig::from_json(section)),
        None if settings.is_object() && !settings.as_object()?.is_empty() => {
            Some(RawConfig::from_json(settings))
        }
        None => None,
    }
}
