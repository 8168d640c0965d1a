//! Helpers shared by the integration tests: run the real binary, find the fixtures.

pub(crate) mod docx;
pub(crate) mod pdf;
pub(crate) mod tools;
pub(crate) mod workbook;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `body` as a document of the dialect: a WHITE document titled "T".
pub(crate) fn markdown_of(body: &str) -> panelpaper::dialect::Markdown {
    use panelpaper::dialect::{FrontMatter, Markdown};
    let front = FrontMatter::new("T", panelpaper::domain::Classification::White);
    Markdown::new(format!("{}\n\n{body}", front.write()), front).expect("its front matter first")
}

/// The repository root, where `data/` and `tests/fixtures/` are.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled seed paper, relative to the repository root (the tests' working folder), so
/// that messages naming it read the same on every machine.
pub(crate) fn seed_yaml() -> PathBuf {
    PathBuf::from("data/meetings/secp-78/dcc-reporting.yaml")
}

/// A fixture under `tests/fixtures/`, relative like [`seed_yaml`].
pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures").join(name)
}

/// The classification statement of a WHITE document, as the seed's footer gives it.
pub(crate) const WHITE_STATEMENT: &str = "This document is classified as White in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright.";

/// The seed paper, as the comparisons name it.
pub(crate) const SEED: &str = "data/meetings/secp-78/dcc-reporting.yaml";
/// The seed as it was typed before its figures came from its workbook: the same paper, byte
/// for byte in every output (tests/sources.rs), for tests that copy and edit its text.
pub(crate) const SEED_TYPED: &str = "tests/fixtures/dcc-reporting-typed.yaml";
/// The smallest paper, the reordered draft's old one.
pub(crate) const MINIMAL: &str = "tests/fixtures/minimal.yaml";

/// (name, old, new) of the six comparisons every diff format is tested on: a changed
/// figure, an inserted section, an inserted row, a raised classification, reordered
/// recommendations, and no change.
pub(crate) const DRAFT_CASES: [(&str, &str, &str); 6] = [
    ("figure", SEED, "tests/fixtures/drafts/figure.yaml"),
    ("section", SEED, "tests/fixtures/drafts/section.yaml"),
    ("row", SEED, "tests/fixtures/drafts/row.yaml"),
    ("raised", SEED, "tests/fixtures/drafts/raised.yaml"),
    ("reordered", MINIMAL, "tests/fixtures/drafts/reordered.yaml"),
    ("unchanged", SEED, SEED),
];

/// The seed paper's text lines (`tests/fixtures/seed.txt`), white space folded and bullets
/// dropped, without blank lines and the footer's statement: what every output must show.
pub(crate) fn seed_lines() -> Vec<String> {
    let seed = std::fs::read_to_string(root().join(fixture("seed.txt"))).unwrap();
    let lines: Vec<String> = seed
        .lines()
        .map(|line| pdf::fold(&line.replace('•', " ")))
        .filter(|line| !line.is_empty() && !WHITE_STATEMENT.contains(line.as_str()))
        .collect();
    assert!(lines.len() > 200, "the seed's {} lines", lines.len());
    lines
}

/// Runs `panelpaper` with `args` in the repository root.
pub(crate) fn panelpaper(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelpaper"))
        .args(args)
        .current_dir(root())
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

/// `paper` rendered in `format` alone into `out` (with `extra` arguments): the one file
/// it wrote.
pub(crate) fn render_one(paper: &Path, out: &Path, format: &str, extra: &[&str]) -> PathBuf {
    let mut args = vec!["render", s(paper), "-o", s(out), "-f", format];
    args.extend_from_slice(extra);
    let run = panelpaper(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    let files: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == format))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// stderr as text.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A path as &str for argument lists.
pub(crate) fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Every file in `dir`, sorted, with its bytes: the outputs, and anything else there, but
/// panelpaper's own record of what it wrote (`.panelpaper-outputs`).
pub(crate) fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap())
                .filter(|e| e.file_name() != ".panelpaper-outputs")
                .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The seed paper with the first `from` replaced by `to`, written as `name` in `dir`: its
/// text as typed in YAML (the figures it reads from its workbook typed in), which renders
/// byte for byte as the seed does.
pub(crate) fn seed_with(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let seed = std::fs::read_to_string(root().join(SEED_TYPED)).unwrap();
    assert!(seed.contains(from), "{from:?} is in the seed");
    let file = dir.join(name);
    std::fs::write(&file, seed.replacen(from, to, 1)).unwrap();
    file
}

/// The example meeting (manifest and papers) copied into `dir`, which is made; the
/// manifest's path.
pub(crate) fn example_meeting_in(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for entry in std::fs::read_dir(root().join("data/meetings/secp-78")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir.join("meeting.yaml")
}
