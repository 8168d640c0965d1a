//! Fuzz target: `panelpaper::fuzz::html_page` (see fuzz/README.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = panelpaper::fuzz::html_page(data);
});
