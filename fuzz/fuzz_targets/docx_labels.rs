//! Fuzz target: `panelpaper::fuzz::docx_labels` (see fuzz/README.md): every part of the Word
//! document is well-formed XML, whatever the author and labels.
#![no_main]

use std::io::Read;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some(docx) = panelpaper::fuzz::docx_labels(data) else { return };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("a part");
        let name = part.name().to_string();
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("UTF-8");
        if name.ends_with(".xml") || name.ends_with(".rels") {
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
});
