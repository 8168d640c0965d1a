//! The checker never lies: `check` refuses what `render` refuses, templates are checked
//! where they are given, and inputs saved the way people save them are read.

use crate::common::*;

const SEED: &str = "data/meetings/secp-78/dcc-reporting.yaml";

#[test]
fn a_templates_folder_must_exist_hold_only_templates_and_is_used_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let run = panelpaper(&["render", SEED, "-o", s(&dir.path().join("o")), "--templates", s(&missing)]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let file = dir.path().join("file.md");
    std::fs::write(&file, "x").unwrap();
    let run = panelpaper(&["check", SEED, "--templates", s(&file)]);
    assert!(stderr(&run).contains("is a file, not a folder"), "{}", stderr(&run));
    let templates = dir.path().join("t");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("papr.md"), "{{ paper.title }}").unwrap();
    let run = panelpaper(&["check", SEED, "--templates", s(&templates)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("`papr.md` is not a template panelpaper has"), "{}", stderr(&run));
    assert!(stderr(&run).contains("did you mean `paper.md`?"), "{}", stderr(&run));
    // A template that fails when rendering fails `check` as it fails `render`.
    std::fs::remove_file(templates.join("papr.md")).unwrap();
    std::fs::write(templates.join("paper.md"), "{{ front_matter }}\n{{ paper.nonexistent.field }}\n").unwrap();
    let check = panelpaper(&["check", SEED, "--templates", s(&templates)]);
    let render = panelpaper(&["render", SEED, "-o", s(&dir.path().join("o")), "--templates", s(&templates)]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(check.status.code(), render.status.code());
    assert_eq!(stderr(&check), stderr(&render));
}

#[test]
fn a_file_saved_with_a_byte_order_mark_is_read_and_utf16_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("bom.yaml");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(SEED_TYPED).unwrap());
    std::fs::write(&bom, bytes).unwrap();
    let run = panelpaper(&["check", s(&bom)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let utf16 = dir.path().join("utf16.yaml");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "title: x\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).unwrap();
    let run = panelpaper(&["check", s(&utf16)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("utf16.yaml:1:1: the file is UTF-16: save it as UTF-8"), "{}", stderr(&run));
}

#[test]
fn a_paper_of_a_meeting_renders_alone_exactly_as_in_its_build() {
    let dir = tempfile::tempdir().unwrap();
    let (alone, built) = (dir.path().join("alone"), dir.path().join("built"));
    // The minutes take their committee, number, sign-off and cross-references from the
    // manifest beside them.
    let run = panelpaper(&["render", "data/meetings/secp-78/minutes.yaml", "-o", s(&alone), "-f", "md"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let run = panelpaper(&["build", "data/meetings/secp-78/meeting.yaml", "-o", s(&built), "-f", "md"]);
    assert!(run.status.success());
    let name = "SECP_78_1303_25.md";
    assert_eq!(std::fs::read(alone.join(name)).unwrap(), std::fs::read(built.join(name)).unwrap());
    let run = panelpaper(&["check", "data/meetings/secp-78/minutes.yaml"]);
    assert!(run.status.success(), "no false 'missing committee': {}", stderr(&run));
    // A manifest is not a paper; a manifest that does not list the paper is said so.
    let run = panelpaper(&["render", "data/meetings/secp-78/meeting.yaml", "-o", s(&alone)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("meeting.yaml is a meeting: use build"), "{}", stderr(&run));
    let run = panelpaper(&["render", SEED, "--meeting", "tests/fixtures/meetings/bad/meeting.yaml", "-o", s(&alone)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("does not list"), "{}", stderr(&run));
}

#[test]
fn dates_get_lints_and_a_uk_date_gets_its_iso_form() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_with(dir.path(), "uk.yaml", "date: 2020-03-06", "date: 06/03/2020");
    let run = panelpaper(&["check", s(&file)]);
    assert!(
        stderr(&run).contains("date: `06/03/2020` is not a date\n")
            && stderr(&run).contains("= hint: did you mean 2020-03-06?"),
        "{}",
        stderr(&run)
    );
    let file = seed_with(dir.path(), "late.yaml", "date: 2020-03-06", "date: 2020-03-16");
    let run = panelpaper(&["check", s(&file)]);
    assert!(run.status.success());
    assert!(
        stderr(&run).contains("warning[PP039]: ")
            && stderr(&run).contains("signed off on 16 March 2020, after its meeting on 13 March 2020"),
        "{}",
        stderr(&run)
    );
    let meeting = dir.path().join("m");
    let manifest = example_meeting_in(&meeting);
    let text = std::fs::read_to_string(&manifest).unwrap().replace("date: 2020-03-13", "date: 2020-03-14");
    // The same paper twice: its problems once each.
    let text = text.replace(
        "  - file: forward-plan.yaml",
        "  - file: forward-plan.yaml\n  - file: forward-plan.yaml\n    key: again",
    );
    std::fs::write(&manifest, text).unwrap();
    let plan = meeting.join("forward-plan.yaml");
    let broken = std::fs::read_to_string(&plan).unwrap().replace("verb: NOTE", "verb: NOTICE");
    std::fs::write(&plan, broken).unwrap();
    let run = panelpaper(&["check", s(&manifest)]);
    let message = stderr(&run);
    assert_eq!(message.matches("`NOTICE` is not a recommendation verb").count(), 1, "{message}");
    assert!(message.contains("the meeting is on a weekend (14 March 2020)"), "{message}");
    let lines: Vec<&str> = message.lines().collect();
    let mut unique = lines.clone();
    unique.dedup();
    assert_eq!(lines, unique, "no problem is reported twice");
}

#[test]
fn a_fourth_level_of_sections_is_refused_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let file = seed_with(
        dir.path(),
        "deep.yaml",
        "      - heading: Performance Measurement Report (PMR)\n",
        "      - heading: Performance Measurement Report (PMR)\n        subsections:\n          - heading: Third\n            subsections:\n              - heading: Fourth\n                body: Lost before.\n",
    );
    let run = panelpaper(&["check", s(&file)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("a fourth level of sections"), "{}", stderr(&run));
}

#[test]
fn dash_writes_one_output_to_standard_output_and_devices_are_written_through() {
    let run = panelpaper(&["diff", SEED, "tests/fixtures/drafts/figure.yaml", "-f", "md", "-o", "-"]);
    assert_eq!(run.status.code(), Some(1), "different: {}", stderr(&run));
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("---\n"), "the Markdown on stdout");
    let run = panelpaper(&["render", SEED, "-f", "pdf", "-o", "-"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(run.stdout.starts_with(b"%PDF-"), "the PDF on stdout");
    assert!(!root().join("-").exists(), "no file named -");
    let run = panelpaper(&["render", SEED, "-o", "-"]);
    assert_eq!(run.status.code(), Some(2), "two formats cannot share stdout");
    // /dev/null is a device: written through, never replaced by a file.
    let run = panelpaper(&["diff", SEED, "tests/fixtures/drafts/figure.yaml", "-f", "md", "-o", "/dev/null"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
}

#[test]
fn a_broken_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    // A comparison of two long annexes: far more than a pipe holds.
    let old = dir.path().join("old.yaml");
    let new = dir.path().join("new.yaml");
    let yaml = panelpaper::sample::paper_with_annex(1, 600);
    std::fs::write(&old, &yaml).unwrap();
    std::fs::write(&new, yaml.replace("Report 7**", "Report Seven**")).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_panelpaper"))
        .args(["diff", s(&old), s(&new), "-f", "md"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take()); // the reader goes away, as `| head -1` does
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "quietly: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn an_output_folder_that_is_a_file_is_said_to_be_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("out");
    std::fs::write(&file, "a file").unwrap();
    let run = panelpaper(&["render", SEED, "-o", s(&file)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("is a file, not a folder"), "{}", stderr(&run));
}

#[test]
fn a_misspelt_key_does_not_hide_the_other_problems_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(SEED_TYPED).unwrap();
    let text = seed
        .replace("classification: WHITE\nauthor", "clasification: WHITE\nauthor")
        .replace("    - verb: NOTE", "    - verb: NOTED")
        .replace("date: 2020-03-06", "date: 2020-02-30")
        .replace("  - heading: DCC Reports", "  - heading: DCC Reports\n    subsections: nope");
    let file = dir.path().join("p.yaml");
    std::fs::write(&file, text).unwrap();
    let run = panelpaper(&["check", s(&file)]);
    let message = stderr(&run);
    for expected in [
        "p.yaml:9:1: clasification: unknown key `clasification`",
        "sections[1].subsections: expected array, found string \"nope\"",
        "date: `2020-02-30` is not a date",
        "recommendations.items[0].verb: `NOTED` is not a recommendation verb",
        "4 errors found",
    ] {
        assert!(message.contains(expected), "{expected:?} in:\n{message}");
    }
    assert!(!message.contains("missing"), "no 'missing classification' twin: {message}");
}

/// Every file under tests/fixtures/bad/ gives exactly its diagnostics, each with file,
/// line, column and field path, as snapshots (one per file).
#[test]
fn every_bad_fixture_gives_exactly_its_diagnostics() {
    let mut names: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 14, "{names:?}");
    for name in names {
        let run = panelpaper(&["check", &format!("tests/fixtures/bad/{name}")]);
        assert_ne!(run.status.code(), Some(0), "{name} is refused");
        assert_snapshot!(format!("bad_{}", name.trim_end_matches(".yaml")), stderr(&run));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 24, failure_persistence: None, ..Default::default() })]

    /// For papers broken in random ways (and unbroken), `check`'s verdict is `render`'s.
    #[test]
    fn check_agrees_with_render(breaks in proptest::collection::vec(0usize..BREAKS.len(), 0..4)) {
        let dir = tempfile::tempdir().unwrap();
        let mut text = std::fs::read_to_string(SEED_TYPED).unwrap();
        for b in &breaks {
            let (from, to) = BREAKS[*b];
            text = text.replacen(from, to, 1);
        }
        let file = dir.path().join("p.yaml");
        std::fs::write(&file, &text).unwrap();
        let check = panelpaper(&["check", s(&file)]);
        let render = panelpaper(&["render", s(&file), "-o", s(&dir.path().join("out"))]);
        proptest::prop_assert_eq!(check.status.code(), render.status.code(), "{}\n{}", stderr(&check), stderr(&render));
        if !check.status.success() {
            proptest::prop_assert_eq!(stderr(&check), stderr(&render));
        }
    }
}

/// Ways to break the seed, each a replacement.
const BREAKS: [(&str, &str); 8] = [
    ("author: Huw Exley", "author: Łukasz Exley"),
    ("classification: WHITE", "clasification: WHITE"),
    ("    - verb: NOTE", "    - verb: NOTICE"),
    ("date: 2020-03-06", "date: 06/03/2020"),
    ("{{ data.opsg_month }}", "{{ data.opsg_mnth }}"),
    ("  - heading: Purpose", "  - heading: \"# Purpose\""),
    ("  cpm1_score: 95.40%", "  cpm1_score: ~"),
    ("action: For Information", "action: Information"),
];
