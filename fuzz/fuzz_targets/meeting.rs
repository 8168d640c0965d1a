//! Fuzz target: `panelpaper::fuzz::build_meeting` (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| panelpaper::fuzz::build_meeting(data));
