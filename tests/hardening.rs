//! Hostile and careless inputs: author text cannot forge the paper's structure or marking,
//! work stays bounded, and data means what the author wrote. Each case failed before the
//! hardening issue.

use crate::common::pdf::ReadPdf;
use crate::common::*;
use std::path::Path;

const SEED: &str = "data/meetings/secp-78/dcc-reporting.yaml";

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
    let long = format!("title: {}", "word ".repeat(25_000));
    let file = seed_with(dir.path(), "l.yaml", "title: DCC Reporting", &long);
    refused(&file, "title: has more than 1,000 characters for a one-line field");
    // A million-word title is refused before it reaches YAML's parsers.
    let huge = format!("title: {}", "word ".repeat(1_000_000));
    let file = seed_with(dir.path(), "h.yaml", "title: DCC Reporting", &huge);
    refused(&file, "line 7 is 5000007 bytes long, over the limit of 262144 bytes");
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
    // A hundred thousand references, ten to a line of the body.
    let lines = vec![opsg.repeat(10); 10_000].join("\n      ");
    let file = seed_with(dir.path(), "repeat.yaml", opsg, &lines);
    refused(&file, "sections[2].body: its template text expands to more than 1 MiB");
}

#[test]
fn data_is_what_the_author_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_with(dir.path(), "dup.yaml", "  cpm3_score: 98.33%", "  cpm3_score: 98.33%\n  cpm1_score: 1%");
    refused(&file, "data.cpm1_score: key `cpm1_score` is given twice");
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

#[test]
fn a_manifest_reads_papers_in_its_own_folder_only_and_never_echoes_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "very secret words\nmore secret words\n").unwrap();
    let manifest = example_meeting_in(&dir.path().join("m"));
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace("  - file: forward-plan.yaml", "  - file: forward-plan.yaml\n  - file: ../secret.txt"),
    )
    .unwrap();
    let run = panelpaper(&["check", s(&manifest)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("papers[6].file: `../secret.txt` is outside the manifest's folder"),
        "{}",
        stderr(&run)
    );
    let run = panelpaper(&["check", s(&manifest), "--allow-outside"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("secret.txt:1:1: expected object, found text"), "{}", stderr(&run));
    assert!(!stderr(&run).contains("very secret"), "{}", stderr(&run));
}

#[test]
fn outputs_never_replace_inputs_and_one_reference_is_one_paper() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.yaml");
    std::fs::copy(SEED_TYPED, &new).unwrap();
    let run = panelpaper(&["diff", SEED, s(&new), "-f", "md", "-o", s(&new)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("is an input of this run: it is not overwritten"), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&new).unwrap(), std::fs::read_to_string(SEED_TYPED).unwrap());
    let out = dir.path().join("out");
    let run = panelpaper(&["render", SEED, s(&new), "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("are both paper SECP_78_1303_29"), "{}", stderr(&run));
    assert!(snapshot_dir(&out).is_empty());
}

#[test]
fn a_malformed_source_date_epoch_is_an_error_and_jobs_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_panelpaper"))
        .args(["render", SEED, "-o", s(dir.path())])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("SOURCE_DATE_EPOCH is `yesterday`"), "{}", stderr(&run));
    assert!(snapshot_dir(dir.path()).is_empty());
    let run =
        panelpaper(&["build", "data/meetings/secp-78/meeting.yaml", "-o", s(dir.path()), "-f", "md", "-j", "1000"]);
    assert!(run.status.success());
    assert!(stderr(&run).contains("note: -j 1000 is more than the"), "{}", stderr(&run));
}

#[test]
fn a_second_run_into_the_same_folder_waits_for_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // Stand in for a first run: hold the folder's lock.
    let held = std::fs::File::open(&out).unwrap();
    held.lock().unwrap();
    let mut second = std::process::Command::new(env!("CARGO_BIN_EXE_panelpaper"))
        .args(["render", SEED, "-o", s(&out), "-f", "md"])
        .current_dir(root())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(second.try_wait().unwrap().is_none(), "the second run waits while the folder is locked");
    assert!(snapshot_dir(&out).is_empty());
    held.unlock().unwrap();
    assert!(second.wait().unwrap().success());
    assert_eq!(snapshot_dir(&out).len(), 1);
}

/// A key YAML reads as a fraction, infinity or nothing (`-.INF:`, `1.5:`, `~:`) is refused
/// at its place: no template can name it, and a data entry keyed so crashed the template
/// engine (found by the diff_edition fuzzer). An integer key, which a template can look up,
/// and a quoted one are text enough.
#[test]
fn a_key_that_is_not_text_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(root().join("tests/fixtures/dcc-reporting-typed.yaml")).unwrap();
    for key in ["-.INF", "1.5", "~", ".nan"] {
        let paper = dir.path().join("key.yaml");
        let text =
            seed.replacen("data:\n", &format!("data:\n  red: {{{key}: Vortigern 42, classification: RED}}\n"), 1);
        std::fs::write(&paper, text).unwrap();
        let run = panelpaper(&["check", s(&paper)]);
        assert_eq!(run.status.code(), Some(1), "{key}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("data.red: `data.red` has a key read as a number or as nothing, not as text"),
            "{}",
            stderr(&run)
        );
    }
    let paper = dir.path().join("fine.yaml");
    std::fs::write(&paper, seed.replacen("data:\n", "data:\n  \"1.5\": one and a half\n  2020: a year\n", 1)).unwrap();
    let run = panelpaper(&["check", s(&paper)]);
    assert!(run.status.success(), "{}", stderr(&run));
}
