//! A well-formed LSP session mangled by a script of mutations (cuts, duplicates, framing
//! fragments, flipped bytes, wrong lengths), then one well-formed message, through the
//! transport's frame reader: it must end, read that last message whole, and quote no
//! document text in a framing error. The property is `tests/props/wire.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/props/wire.rs"]
mod wire;

fuzz_target!(|data: &[u8]| {
    wire::check_wire(data);
});
