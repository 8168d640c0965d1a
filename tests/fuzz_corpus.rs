//! The fuzzers' corpus replayed through their entry points: what a fuzzer once found stays
//! fixed, on a stable toolchain, on every run of the tests, with the targets' own checks.

use crate::common::root;

fn replay(target: &str, mut entry: impl FnMut(&str, &[u8])) -> usize {
    let folder = root().join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|f| f.unwrap().path()).collect();
    files.sort();
    for path in &files {
        entry(&path.file_name().unwrap().to_string_lossy(), &std::fs::read(path).unwrap());
    }
    files.len()
}

#[test]
fn the_corpus_of_every_fuzz_target_runs_clean() {
    assert!(replay("render", |_, bytes| panelpaper::fuzz::render_paper(bytes)) >= 20);
    assert!(replay("diff", |_, bytes| panelpaper::fuzz::diff_papers(bytes)) >= 5);
    assert!(replay("manifest", |_, bytes| panelpaper::fuzz::load_manifest(bytes)) >= 1);
    assert!(replay("html", |_, bytes| drop(panelpaper::fuzz::html_page(bytes))) >= 4);
    assert!(replay("meeting", |_, bytes| panelpaper::fuzz::build_meeting(bytes)) >= 1);
}

#[test]
fn every_part_of_a_word_redline_is_well_formed_whatever_its_names() {
    let count = replay("docx_labels", |name, bytes| {
        let docx = panelpaper::fuzz::docx_labels(bytes).unwrap_or_else(|| panic!("{name}: a redline"));
        for (part, xml) in crate::common::docx::parts(&docx) {
            if part.ends_with(".xml") || part.ends_with(".rels") {
                roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name} {part}: {e}"));
            }
        }
    });
    assert!(count >= 5);
}

#[test]
fn an_editions_comparison_holds_nothing_it_withholds() {
    // The classified fixture's marker words of its AMBER, AMBER+STRICT and RED parts.
    let withheld = ["Quixote", "Xylophone", "Vortigern"];
    let count = replay("diff_edition", |name, bytes| {
        if let Some((report, markdown)) = panelpaper::fuzz::diff_edition(bytes) {
            for word in withheld {
                assert!(!report.contains(word) && !markdown.contains(word), "{name}: {word}");
            }
        }
    });
    assert!(count >= 2);
}
