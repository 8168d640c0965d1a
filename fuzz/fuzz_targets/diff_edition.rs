//! Fuzz target: `panelpaper::fuzz::diff_edition` (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = panelpaper::fuzz::diff_edition(data);
});
