//! Fuzz target: `panelpaper::fuzz::render_paper` (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| panelpaper::fuzz::render_paper(data));
