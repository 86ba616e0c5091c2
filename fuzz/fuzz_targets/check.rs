//! `offer_notes::check` on arbitrary bytes (valid UTF-8 as it is, anything else as lossy
//! UTF-8), then hover, code actions, formatting and money normalisation at every offset.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/props/mod.rs"]
mod props;

/// Offsets probed per input (more finds little more and slows every execution).
const PROBES: usize = 16;

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => props::check_everything(text, PROBES),
        Err(_) => props::check_everything(&String::from_utf8_lossy(data), PROBES),
    }
});
