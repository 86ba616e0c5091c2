//! Logs go to stderr only (stdout is the protocol). The level comes from `OFFER_NOTES_LOG`
//! (e.g. `debug`), else from the client's trace setting. Document text and amounts are only
//! logged at `trace`, which a person has to ask for.

use tracing_subscriber::{filter::LevelFilter, fmt, prelude::*, reload, Registry};

/// A handle to change the level when the client asks (`trace` in `initialize`, `$/setTrace`).
#[derive(Default)]
pub struct Level {
    handle: Option<reload::Handle<LevelFilter, Registry>>,
    /// Set by `OFFER_NOTES_LOG`: the person chose, the client can't override it.
    pinned: bool,
}

pub fn init() -> Level {
    let from_env = std::env::var("OFFER_NOTES_LOG")
        .ok()
        .and_then(|v| v.parse::<LevelFilter>().ok());
    let (filter, handle) = reload::Layer::new(from_env.unwrap_or(LevelFilter::INFO));
    let layer = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false);
    let installed = tracing_subscriber::registry()
        .with(filter)
        .with(layer)
        .try_init()
        .is_ok();
    Level {
        handle: installed.then_some(handle),
        pinned: from_env.is_some(),
    }
}

impl Level {
    /// Follow the client's trace value: `off` and `messages` log at info, `verbose` at debug.
    pub fn follow_trace(&self, trace: &str) {
        if self.pinned {
            return;
        }
        let level = match trace {
            "verbose" => LevelFilter::DEBUG,
            _ => LevelFilter::INFO,
        };
        if let Some(handle) = &self.handle {
            let _ = handle.modify(|f| *f = level);
        }
    }
}
