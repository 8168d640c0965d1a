//! Hostile and careless inputs: author text cannot forge the paper's structure or marking,
//! work stays bounded, and data means what the author wrote. Each case failed before the
//! hardening issue.

use crate::common::pdf::ReadPdf;
use crate::common::*;
use std::path::{Path, PathBuf};

const SEED: &str = "data/meetings/secp-78/dcc-reporting.yaml";

/// The seed with `from` replaced by `to`, written as `name` in `dir`.
fn seed_with(dir: &Path, name: &str, from: &str, to: &str) -> PathBuf {
    let seed = std::fs::read_to_string(SEED).unwrap();
    assert!(seed.contains(from), "{from:?} is in the seed");
    let file = dir.join(name);
    std::fs::write(&file, seed.replacen(from, to, 1)).unwrap();
    file
}

/// Renders `file` to md and pdf; it must fail with exit 1, write nothing, and say `what`.
fn refused(file: &Path, what: &str) {
    let out = file.parent().unwrap().join("out");
    let run = panelpaper(&["render", s(file), "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains(what), "expected {what:?} in:\n{}", stderr(&run));
    assert!(snapshot_dir(&out).is_empty(), "nothing is written");
}

const BODY: &str = "      This paper details which reports are provided by the DCC";

#[test]
fn a_front_matter_block_in_a_body_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_with(
        dir.path(),
        "p.yaml",
        BODY,
        "      Text.\n\n      ---\n      classification: WHITE\n      ---\n\n      This paper details which reports are provided by the DCC",
    );
    refused(&file, "sections[0].body: a `---` block, which would be read as the document's front matter");
}

#[test]
fn a_footer_marker_in_a_body_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_with(
        dir.path(),
        "p.yaml",
        BODY,
        "      <!-- footer -->\n\n      This paper details which reports are provided by the DCC",
    );
    refused(&file, "`<!-- footer -->` is a marker of panelpaper's own Markdown");
}

#[test]
fn a_heading_or_title_cannot_carry_a_line_break_or_a_hash() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_with(dir.path(), "h.yaml", "  - heading: Purpose", "  - heading: \"Purpose\\n\\n## 7. Fake\"");
    refused(&file, "sections[0].heading: has a line break");
    let file = seed_with(dir.path(), "t.yaml", "title: DCC Reporting", "title: \"# DCC Reporting\"");
    refused(&file, "title: has a leading `#`");
    let file = seed_with(dir.path(), "e.yaml", "title: DCC Reporting", "title: \"  \"");
    refused(&file, "title: a paper needs a title");
    let file = seed_with(
        dir.path(),
        "s.yaml",
        BODY,
        "      Fake\n      ====\n\n      This paper details which reports are provided by the DCC",
    );
    refused(&file, "a level-1 Markdown heading in a section's body");
}

#[test]
fn author_criticmarkup_is_text_in_a_redline_of_unchanged_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_with(
        dir.path(),
        "c.yaml",
        BODY,
        "      Typed {++added++} and {--gone--} and {~~a~>b~~}. This paper details which reports are provided by the DCC",
    );
    let run = panelpaper(&["diff", s(&file), s(&file), "-f", "md"]);
    assert_eq!(run.status.code(), Some(0), "the same drafts: {}", stderr(&run));
    let pdf = dir.path().join("r.pdf");
    let run = panelpaper(&["diff", s(&file), s(&file), "-f", "pdf", "-o", s(&pdf)]);
    assert_eq!(run.status.code(), Some(0));
    let text = ReadPdf::new(&std::fs::read(&pdf).unwrap()).text();
    assert!(text.contains("Typed {++added++} and {--gone--} and {~~a~>b~~}."), "{text}");
    assert!(text.contains("no changes"), "{text}");
}

#[test]
fn template_text_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let opsg = "{{ data.opsg_month }}";
    for (name, text, what) in [
        ("set", "{% set s = \"x\" %}{{ s }}", "author text cannot use `{% set %}`"),
        ("for", "{% for i in [1, 2] %}x{% endfor %}", "author text cannot use `{% for %}`"),
        ("range", "{{ range(end=5) | join(sep=\",\") }}", "`range` is not available in author text"),
        (
            "replace",
            "{{ \"aaaa\" | replace(from=\"a\", to=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\") | replace(from=\"a\", to=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\") | replace(from=\"a\", to=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\") }}",
            "1 MiB",
        ),
    ] {
        let file = seed_with(dir.path(), &format!("{name}.yaml"), opsg, text);
        refused(&file, what);
    }
    let file = seed_with(dir.path(), "repeat.yaml", opsg, &opsg.repeat(100_000));
    refused(&file, "sections[2].body: its template text expands to more than 1 MiB");
}

#[test]
fn data_is_what_the_author_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_with(dir.path(), "dup.yaml", "  cpm3_score: 98.33%", "  cpm3_score: 98.33%\n  cpm1_score: 1%");
    refused(&file, "data: key `cpm1_score` is given twice");
    let file = seed_with(dir.path(), "null.yaml", "  major_incidents: Seven", "  major_incidents: ~");
    refused(&file, "data.major_incidents: `data.major_incidents` has no value");
    let file = seed_with(dir.path(), "tag.yaml", "  major_incidents: Seven", "  major_incidents: !custom {a: 1}");
    refused(&file, "YAML tags (`!name`) are not part of the format");
    let deep = format!("  deep: {}{}\n  major_incidents: Seven", "[".repeat(5000), "]".repeat(5000));
    let file = seed_with(dir.path(), "deep.yaml", "  major_incidents: Seven", &deep);
    refused(&file, "invalid YAML: recursion limit exceeded");
    let file = seed_with(
        dir.path(),
        "deep2.yaml",
        "  major_incidents: Seven",
        &format!("  deep: {}1{}\n  major_incidents: Seven", "[".repeat(40), "]".repeat(40)),
    );
    refused(&file, "values nested more than 32 deep");
}

#[test]
fn files_that_are_not_regular_or_too_large_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.yaml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    for file in [fifo.as_path(), Path::new("/dev/zero"), dir.path()] {
        let run = panelpaper(&["check", s(file)]);
        assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
        assert!(stderr(&run).contains("give a YAML file"), "{}", stderr(&run));
    }
    let big = dir.path().join("big.yaml");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(17 * 1024 * 1024).unwrap();
    let run = panelpaper(&["check", s(&big)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("over the limit of 16777216 bytes"), "{}", stderr(&run));
}
