//! Sequences of LSP `didChange` edits against the document store, compared with the same
//! edits applied to a plain `String` (positions converted by `LineIndex`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/props/mod.rs"]
mod props;

fuzz_target!(|data: &[u8]| {
    props::EditScript::decode(data).run();
});
