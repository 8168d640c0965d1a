//! Fuzz target: `panelpaper::fuzz::load_manifest` (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| panelpaper::fuzz::load_manifest(data));
