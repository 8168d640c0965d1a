//! Visible portion marks (issue 28, part 2): each part classed otherwise than what contains
//! it shows its class — after a section's or an annex's heading, before a recommendation's
//! verb, in a row's first cell — as text in every format, an edition showing only the marks
//! of what it keeps; `portion_marks: false` in the paper or the manifest hides them.

use crate::common::pdf::{ReadPdf, fold};
use crate::common::tools::tool;
use crate::common::*;
use std::path::{Path, PathBuf};

/// A WHITE paper with an AMBER section (and a subsection that inherits it), an AMBER
/// recommendation, an AMBER annex with a RED row, and an AMBER attachment.
const PAPER: &str = r#"committee: SSC
meeting: 95
meeting_date: 2020-02-26
number: 14
title: Marked Parts
action: For Decision
classification: WHITE
author: Jo Bloggs
team: SECAS Team
date: 2020-02-19
sections:
  - heading: Purpose
    body: This paper shows its parts' classes.
  - heading: Supplier Findings
    classification: AMBER
    body: Findings for members only.
    subsections:
      - heading: Detail
        body: More of the same class.
recommendations:
  items:
    - verb: NOTE
      text: the update;
    - verb: AGREE
      text: the supplier plan.
      classification: AMBER
attachments:
  - title: Threat Assessment
    classification: AMBER
annexes:
  - title: Public Figures
    columns: [Ref, Figure]
    rows:
      - ["1", Seventeen reports]
  - title: Supplier Figures
    classification: AMBER
    columns: [Ref, Figure]
    rows:
      - ["1", Four suppliers]
      - cells: ["2", Two incidents]
        classification: RED
"#;

/// The paper, with `extra` lines added after its classification, written into `dir`.
fn paper_in(dir: &Path, extra: &str) -> PathBuf {
    let file = dir.join("marked.yaml");
    std::fs::write(&file, PAPER.replace("classification: WHITE\n", &format!("classification: WHITE\n{extra}")))
        .unwrap();
    file
}

fn render(paper: &Path, out: &Path, args: &[&str]) {
    let mut all = vec!["render", s(paper), "-o", s(out), "-f", "md,pdf,html,docx"];
    all.extend_from_slice(args);
    let run = panelpaper(&all);
    assert!(run.status.success(), "{}", stderr(&run));
}

/// Each format's text, as a reader gets it: the Markdown, the PDF's text, the HTML's
/// text content and the Word document's paragraphs.
fn texts(out: &Path) -> Vec<(&'static str, String)> {
    let file = |ext: &str| out.join(format!("SSC_95_2602_14.{ext}"));
    let html = std::fs::read_to_string(file("html")).unwrap();
    let docx = std::fs::read(file("docx")).unwrap();
    let docx = crate::common::docx::settled_paragraphs(&crate::common::docx::part(&docx, "word/document.xml"), true);
    vec![
        ("md", std::fs::read_to_string(file("md")).unwrap().replace("\\[", "[").replace("\\]", "]")),
        ("pdf", fold(&ReadPdf::new(&std::fs::read(file("pdf")).unwrap()).text())),
        ("html", html),
        ("docx", docx.join("\n")),
    ]
}

#[test]
fn every_format_shows_the_marks_of_the_parts_classed_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let paper = paper_in(dir.path(), "");
    let out = dir.path().join("out");
    render(&paper, &out, &[]);
    for (format, text) in texts(&out) {
        for mark in [
            "2. Supplier Findings [AMBER]",
            "3.2 [AMBER] AGREE the supplier plan.",
            "Annex B: Supplier Figures [AMBER]",
            "[RED] 2",
            "Appendix A – Threat Assessment (AMBER)",
        ] {
            assert!(text.contains(mark), "{format}: {mark:?} in\n{text}");
        }
        // What has the class of what contains it is not marked again.
        for unmarked in ["1. Purpose [", "2.1 Detail [", "3.1 [", "Annex A: Public Figures [", "[AMBER] 1"] {
            assert!(!text.contains(unmarked), "{format}: {unmarked:?} marked in\n{text}");
        }
        assert_eq!(text.matches("[WHITE]").count(), 0, "{format}");
    }
    // In the PDF the marks are tagged text: the heading elements hold them.
    if let Some(pdfinfo) = tool("pdfinfo") {
        let tree = std::process::Command::new(pdfinfo)
            .arg("-struct-text")
            .arg(out.join("SSC_95_2602_14.pdf"))
            .output()
            .unwrap();
        let tree = String::from_utf8(tree.stdout).unwrap();
        for text in ["2. Supplier Findings [AMBER]", "Annex B: Supplier Figures [AMBER]", "[RED] 2"] {
            assert!(tree.contains(text), "{text} in the structure tree:\n{tree}");
        }
    }
}

#[test]
fn an_edition_shows_the_marks_of_what_it_keeps_only() {
    let dir = tempfile::tempdir().unwrap();
    let paper = paper_in(dir.path(), "");
    let out = dir.path().join("amber");
    render(&paper, &out, &["--edition", "AMBER"]);
    for (format, text) in texts(&out) {
        assert!(text.contains("2. Supplier Findings [AMBER]"), "{format}");
        assert!(text.contains("Row 2 withheld: classified RED."), "{format}");
        assert!(!text.contains("[RED]") && !text.contains("Two incidents"), "{format}: the RED row's mark shown");
    }
    let out = dir.path().join("white");
    render(&paper, &out, &["--edition", "WHITE"]);
    for (format, text) in texts(&out) {
        assert!(!text.contains("[AMBER]") && !text.contains("[RED]"), "{format}: a withheld part's mark\n{text}");
        assert!(!text.contains("Supplier Findings"), "{format}");
    }
}

#[test]
fn portion_marks_false_hides_them_from_the_paper_or_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let paper = paper_in(dir.path(), "portion_marks: false\n");
    let out = dir.path().join("off");
    render(&paper, &out, &[]);
    for (format, text) in texts(&out) {
        assert!(!text.contains("[AMBER]") && !text.contains("[RED]"), "{format}: a mark shown\n{text}");
        assert!(text.contains("Appendix A – Threat Assessment (AMBER)"), "{format}: the attachment's class stays");
    }
    // The manifest's false holds for a paper that says nothing; a paper's own true wins.
    let meeting = dir.path().join("meeting");
    std::fs::create_dir(&meeting).unwrap();
    let manifest = "committee: SSC\ncommittee_name: Security Sub-Committee\nmeeting: 95\ndate: 2020-02-26\n\
        portion_marks: false\npapers:\n  - file: quiet.yaml\n    number: 14\n  - file: loud.yaml\n";
    std::fs::write(meeting.join("meeting.yaml"), manifest).unwrap();
    std::fs::write(meeting.join("quiet.yaml"), PAPER).unwrap();
    std::fs::write(
        meeting.join("loud.yaml"),
        PAPER
            .replace("number: 14\n", "")
            .replace("classification: WHITE\n", "classification: WHITE\nportion_marks: true\n"),
    )
    .unwrap();
    let out = dir.path().join("built");
    let run = panelpaper(&["build", s(&meeting.join("meeting.yaml")), "-o", s(&out), "-f", "md"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let quiet = std::fs::read_to_string(out.join("SSC_95_2602_14.md")).unwrap();
    let loud = std::fs::read_to_string(out.join("SSC_95_2602_15.md")).unwrap();
    assert!(!quiet.contains("\\[AMBER\\]"), "{quiet}");
    assert!(loud.contains("## 2. Supplier Findings \\[AMBER\\]"), "{loud}");
    // A wrong type is an error at its place.
    let bad = paper_in(dir.path(), "portion_marks: sometimes\n");
    let run = panelpaper(&["check", s(&bad)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("marked.yaml:8:16"), "{}", stderr(&run));
    // Both schemas offer the field.
    for kind in ["paper", "meeting"] {
        let run = panelpaper(&["schema", kind]);
        let schema: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        assert_eq!(schema["properties"]["portion_marks"]["anyOf"][0]["type"], "boolean", "{kind}");
    }
}

#[test]
fn import_reads_the_marks_back_as_classes_and_keeps_them_out_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let paper = paper_in(dir.path(), "");
    let out = dir.path().join("out");
    render(&paper, &out, &[]);
    let yaml = dir.path().join("back.yaml");
    let run = panelpaper(&["import", s(&out.join("SSC_95_2602_14.docx")), "-o", s(&yaml)]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("PP107"), "a marked recommendation is read as one: {}", stderr(&run));
    let back = std::fs::read_to_string(&yaml).unwrap();
    assert!(!back.contains("[AMBER]") && !back.contains("[RED]"), "{back}");
    assert!(back.contains("text: the supplier plan."), "{back}");
}
