//! The fuzzers' corpus replayed through their entry points: what a fuzzer once found stays
//! fixed, on a stable toolchain, on every run of the tests.

use crate::common::root;

fn replay(target: &str, entry: fn(&[u8])) -> usize {
    let folder = root().join("fuzz/corpus").join(target);
    let mut count = 0;
    for file in std::fs::read_dir(&folder).unwrap() {
        let path = file.unwrap().path();
        entry(&std::fs::read(&path).unwrap());
        count += 1;
    }
    count
}

#[test]
fn the_corpus_of_every_fuzz_target_runs_clean() {
    assert!(replay("render", panelpaper::fuzz::render_paper) >= 20);
    assert!(replay("diff", panelpaper::fuzz::diff_papers) >= 5);
    assert!(replay("manifest", panelpaper::fuzz::load_manifest) >= 1);
}
