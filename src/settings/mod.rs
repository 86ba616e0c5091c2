//! Where settings come from and what they mean, for the CLI and the server alike: the
//! `offer-notes.toml` file name, finding the nearest one above a journal, reading it and an
//! editor's settings, the merge order, validation into a [`Config`], the names warnings use,
//! and the file's JSON Schema.
//!
//! Precedence, highest first: the editor's `workspace/configuration` (section `offerNotes`),
//! its `initializationOptions`, the nearest `offer-notes.toml` above the journal, the defaults.
//! This module sits above the rule registry (it checks rule codes); [`Config`] stays below it.

mod discover;
mod raw;
mod schema;

pub use crate::config::Config;
pub use discover::{nearest_file, Resolved, Resolver};
pub use raw::{Key, Origin, Problem, RawSettings, Written, KEYS, LEVELS};
pub use raw::{ANCHOR_YEARS, DISABLED_RULES, RAISE_RATE, SEVERITY, SMALL_GAP_PERCENT};
pub use raw::{ANCHOR_YEARS_RANGE, RAISE_RATE_RANGE, SMALL_GAP_MAX};
pub use schema::{schema, schema_json, SCHEMA_PATH};

/// The settings file, looked for in the journal's folder and every folder above it.
pub const FILE_NAME: &str = "offer-notes.toml";

/// The editor settings section (`workspace/configuration`, `didChangeConfiguration`).
pub const SECTION: &str = "offerNotes";
