//! Fuzz target: `panelpaper::fuzz::diff_papers` (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| panelpaper::fuzz::diff_papers(data));
