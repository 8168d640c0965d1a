//! Issue 25: nothing above an edition escapes, nothing outside reaches in, and no input
//! that `check` accepts crashes a run or makes it run away. Each hostile input is made up
//! here, fresh; each test failed before the change it holds.

use crate::common::*;
use panelpaper::docx::DocxOptions;
use panelpaper::markdown::Templates;
use panelpaper::pipeline::{self, Format, RenderRequest};
use std::path::{Path, PathBuf};

/// The seed with `body` as a paragraph before its first section's text.
fn seed_with_body(dir: &Path, name: &str, body: &str) -> PathBuf {
    let indented: String = body.lines().map(|l| format!("      {l}\n")).collect();
    let anchor = "      This paper details which";
    seed_with(dir, name, anchor, &format!("{indented}\n{anchor}"))
}

/// Quotes and lists taking turns, `depth` deep.
fn nested(depth: usize) -> String {
    let prefix: String = (0..depth).map(|i| if i % 2 == 0 { "> " } else { "- " }).collect();
    format!("{prefix}the innermost words")
}

#[test]
fn nesting_past_the_limit_is_refused_at_its_place_and_the_limit_renders_on_a_small_stack() {
    let dir = tempfile::tempdir().unwrap();
    // Refused by check (and render) where it passes the limit, not a crash.
    let deep = seed_with_body(dir.path(), "deep.yaml", &nested(450));
    for command in ["check", "render"] {
        let mut args = vec![command, s(&deep)];
        let out = dir.path().join("out");
        if command == "render" {
            args.extend(["-o", s(&out), "-f", "md,pdf,html,docx"]);
        }
        let run = panelpaper(&args);
        assert_eq!(run.status.code(), Some(1), "{command}: {}", stderr(&run));
        let expected = format!("deep.yaml:27:{}: sections[0].body: lists and quotes nested more than 16 deep", 7 + 32);
        assert!(stderr(&run).contains(&expected), "{command}: {}", stderr(&run));
        assert!(!out.exists(), "nothing written");
    }
    // At the limit, every writer and the redline walk it on a 2 MiB thread: rayon's and
    // std's default stack, the smallest any run uses.
    let limit = seed_with_body(dir.path(), "limit.yaml", &nested(panelpaper::dialect::MAX_NESTING));
    let limit = std::fs::read_to_string(limit).unwrap();
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let prepared = pipeline::prepare_text(Path::new("limit.yaml"), &limit).unwrap();
            let formats = [Format::Md, Format::Pdf, Format::Html, Format::Docx];
            let request = RenderRequest {
                out: Path::new("out"),
                formats: &formats,
                source_date_epoch: Some(0),
                keep_layout: false,
            };
            let rendered = pipeline::render(&prepared, &Templates::embedded(), &request).unwrap();
            assert_eq!(rendered.files.len(), 4);
            let old = pipeline::prepare_text(Path::new("seed.yaml"), &seed).unwrap();
            let alignment = panelpaper::diff::Alignment::of(&old.paper, &prepared.paper);
            let redlined = panelpaper::diff::redline(&old.paper, &prepared.paper, &alignment, "seed and limit");
            let markdown = Templates::embedded().render_paper(&redlined).unwrap();
            pipeline::layout(Path::new("redline"), &markdown).unwrap().finish();
            pipeline::docx(&markdown, &DocxOptions::dated(redlined.date, Some(0))).unwrap();
        })
        .unwrap()
        .join()
        .expect("no stack overflow at the limit");
}
