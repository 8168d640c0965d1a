//! Meeting builds: numbering, cross-references, conflicts, all-or-nothing, -j independence,
//! the index and the pack read back.

use crate::common::pdf::{ReadPdf, fold};
use crate::common::*;
use std::path::{Path, PathBuf};

const MEETING: &str = "data/meetings/secp-78/meeting.yaml";

fn build(out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", MEETING, "-o", s(out)];
    args.extend_from_slice(extra);
    panelpaper(&args)
}

#[test]
fn builds_every_paper_numbered_with_index_and_cross_references() {
    let out = tempfile::tempdir().unwrap();
    let run = build(out.path(), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let names: Vec<String> = snapshot_dir(out.path()).into_iter().map(|(n, _)| n).collect();
    let mut expected: Vec<String> =
        (25..=30).flat_map(|n| [format!("SECP_78_1303_{n}.md"), format!("SECP_78_1303_{n}.pdf")]).collect();
    expected.extend(["index.md", "index.pdf", "SECP_78_decisions.md", "SECP_78_decisions.pdf"].map(String::from));
    expected.sort();
    assert_eq!(names, expected);
    let index = std::fs::read_to_string(out.path().join("index.md")).unwrap();
    assert_snapshot!("secp_78_index", index);
    let plan = std::fs::read_to_string(out.path().join("SECP_78_1303_30.md")).unwrap();
    assert!(plan.contains("following the discussion of SECP_78_1303_28 at this meeting"));
    assert!(plan.contains("succeeding SECP_78_1303_29."));
    // Sign-off defaults come from the manifest; a paper's own author wins.
    assert!(plan.contains("Holly Burton\\\nSECAS Team\\\n6 March 2020"), "{plan}");
    let seed = std::fs::read_to_string(out.path().join("SECP_78_1303_29.md")).unwrap();
    assert!(seed.contains("Huw Exley\\\n"));
    assert!(stderr(&run).contains("built 6 papers of SECP_78_1303 (12 pages)"), "{}", stderr(&run));
}

#[test]
fn a_paper_in_a_meeting_renders_as_it_does_alone() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(out.path(), &["-f", "md"]).status.success());
    let alone = tempfile::tempdir().unwrap();
    assert!(panelpaper(&["render", s(&seed_yaml()), "-f", "md", "-o", s(alone.path())]).status.success());
    let name = "SECP_78_1303_29.md";
    assert_eq!(std::fs::read(out.path().join(name)).unwrap(), std::fs::read(alone.path().join(name)).unwrap());
}

#[test]
fn every_problem_of_every_paper_is_reported_and_nothing_is_written() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(out.path(), &["--pack"]).status.success());
    let before = snapshot_dir(out.path());
    let run = panelpaper(&["build", "tests/fixtures/meetings/bad/meeting.yaml", "-o", s(out.path()), "--pack"]);
    assert_eq!(run.status.code(), Some(1));
    let message = stderr(&run);
    assert_snapshot!("bad_meeting_stderr", message);
    for part in [
        "meeting.yaml:13:5: papers[3]: paper number 1 is already used by conflict",
        "conflict.yaml:1:12: committee: `SECP` here conflicts with `SSC` in the meeting manifest tests/fixtures/meetings/bad/meeting.yaml",
        "unknown-ref.yaml:8:23: sections[0].body: in template text: no paper `minutes` in this meeting; its papers are: conflict, missing, ok, unknown-ref",
        "meeting.yaml:12:11: papers[2].file: cannot read paper tests/fixtures/meetings/bad/missing.yaml",
        "4 errors found",
    ] {
        assert!(message.contains(part), "expected {part:?} in:\n{message}");
    }
    assert_eq!(snapshot_dir(out.path()), before, "the previous good build is intact");
}

#[test]
fn output_is_identical_at_any_number_of_jobs() {
    let out = tempfile::tempdir().unwrap();
    let (one, two): (PathBuf, PathBuf) = (out.path().join("j1"), out.path().join("j2"));
    assert!(build(&one, &["-j", "1", "--pack"]).status.success());
    assert!(build(&two, &["-j", "2", "--pack"]).status.success());
    let (a, b) = (snapshot_dir(&one), snapshot_dir(&two));
    assert_eq!(a.len(), 17);
    assert_eq!(a, b);
}

#[test]
fn the_pack_numbers_pages_through_and_bookmarks_papers_and_sections() {
    let out = tempfile::tempdir().unwrap();
    assert!(build(out.path(), &["--pack"]).status.success());
    let pack = ReadPdf::new(&std::fs::read(out.path().join("SECP_78_pack.pdf")).unwrap());
    let total = pack.pages.len();
    let singles: usize = (25..=30)
        .map(|n| ReadPdf::new(&std::fs::read(out.path().join(format!("SECP_78_1303_{n}.pdf"))).unwrap()).pages.len())
        .sum();
    assert_eq!(total, 1 + singles, "the cover, then every paper's pages");
    for (i, lines) in pack.pages.iter().enumerate() {
        assert_eq!(lines.last().unwrap(), &format!("Page {} of {total}", i + 1));
    }
    // The AMBER paper's page keeps its own marking and statement; its neighbours are White.
    // The cover carries the pack's marking, the highest of its papers'.
    let amber: Vec<usize> = (0..total).filter(|&i| pack.pages[i][0] == "TLP:AMBER").collect();
    assert_eq!(amber.len(), 2, "{amber:?}");
    assert_eq!(amber[0], 0, "the cover");
    assert!(fold(&pack.pages[amber[1]].join(" ")).contains("This document is classified as Amber"));
    assert!(fold(&pack.pages[amber[1] - 1].join(" ")).contains("This document is classified as White"));
    assert!(pack.info("Keywords").contains("TLP:AMBER"));
    assert_eq!(pack.pages[0][4], "SEC Panel 78: Papers");

    let outline = pack.outline();
    let top: Vec<(&str, usize)> = outline.iter().filter(|e| e.0 == 0).map(|e| (e.1.as_str(), e.2)).collect();
    assert_eq!(top[0], ("Papers", 0));
    assert_eq!(top[1], ("SECP_78_1303_25 Minutes and Actions of Panel Meeting 77", 1));
    assert_eq!(top.len(), 7);
    let seed_start = top[5].1;
    assert_eq!(top[5].0, "SECP_78_1303_29 DCC Reporting");
    assert!(outline.contains(&(1, "3. Operations Group Reports Summary".to_string(), seed_start)));
    assert!(outline.contains(&(2, "3.1 Performance Measurement Report (PMR)".to_string(), seed_start)));
    assert!(outline.contains(&(1, "Annex A: DCC SEC Panel Reports".to_string(), seed_start + 2)));
    assert_eq!(pack.info("Title"), "SEC Panel meeting 78: pack");
}

#[test]
fn progress_is_reported_once_per_paper() {
    use panelpaper::commands::{BuildOptions, Command, OutputOptions};
    use panelpaper::writers::Format;
    use std::sync::{Arc, Mutex};
    let out = tempfile::tempdir().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let env = panelpaper::commands::Environment {
        progress: Some(Arc::new(move |done, total| record.lock().unwrap().push((done, total)))),
        ..Default::default()
    };
    let output = OutputOptions {
        out: out.path().to_path_buf(),
        formats: panelpaper::writers::Formats::of([Format::Md]),
        edition: None,
        templates: None,
        force: false,
    };
    let command =
        Command::Build(BuildOptions { meeting: MEETING.into(), output, jobs: None, pack: false, allow_outside: false });
    panelpaper::commands::execute(command, &env).unwrap();
    let mut seen = seen.lock().unwrap().clone();
    seen.sort();
    assert_eq!(seen, (1..=6).map(|d| (d, 6)).collect::<Vec<_>>());
}

#[test]
fn init_writes_a_meeting_that_builds_like_the_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    let start = dir.path().join("start");
    assert!(panelpaper(&["init", s(&start)]).status.success());
    let templates = start.join("templates");
    assert!(templates.join("paper.md").is_file() && templates.join("classification/white.md").is_file());
    let (ours, theirs) = (dir.path().join("ours"), dir.path().join("theirs"));
    let run = panelpaper(&[
        "build",
        s(&start.join("meeting.yaml")),
        "--templates",
        s(&templates),
        "-o",
        s(&ours),
        "-f",
        "md",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(build(&theirs, &["-f", "md"]).status.success());
    assert_eq!(snapshot_dir(&ours), snapshot_dir(&theirs));
    assert_eq!(panelpaper(&["init", s(&start)]).status.code(), Some(2), "init never writes over a folder in use");
}

#[test]
fn check_takes_manifests_and_reports_every_problem_of_every_paper() {
    let run = panelpaper(&["check", MEETING]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("(SECP_78_1303, 6 papers)"), "{}", stderr(&run));
    let run = panelpaper(&["check", "tests/fixtures/meetings/bad/meeting.yaml"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("4 errors found"), "{}", stderr(&run));
}

/// A build renders each paper as soon as it is checked (`meeting::load_each`): every shown
/// paper is handed on once, its body freed afterwards; an error of the rendering step is the
/// first paper's in agenda order whatever the threads; a paper with problems fails the
/// run with its problems, whatever the rendering step said.
#[test]
fn each_paper_is_handed_on_once_and_errors_come_in_agenda_order() {
    use panelpaper::pipeline::Checks;
    let dir = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(&dir.path().join("m"));
    let number = |p: &panelpaper::pipeline::Prepared| p.paper.reference.number.get();
    let handed = std::sync::Mutex::new(Vec::new());
    let each = |p: &panelpaper::pipeline::Prepared, total: usize| {
        assert!(!p.paper.sections.is_empty(), "handed on with its body");
        handed.lock().unwrap().push((number(p), total));
        Ok(number(p))
    };
    for threads in [1, 2] {
        handed.lock().unwrap().clear();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let (meeting, numbers) =
            pool.install(|| panelpaper::meeting::load_each(&manifest, Checks::default(), false, &each)).unwrap();
        assert_eq!(numbers, [25, 26, 27, 28, 29, 30], "results in agenda order");
        let mut seen = handed.lock().unwrap().clone();
        seen.sort();
        assert_eq!(seen, numbers.iter().map(|n| (*n, 6)).collect::<Vec<_>>(), "each paper once");
        assert!(meeting.papers.iter().all(|p| p.paper.sections.is_empty()), "bodies freed");
        assert!(meeting.papers.iter().all(|p| !p.paper.title.is_empty()), "titles kept for the list");

        let failing = |p: &panelpaper::pipeline::Prepared, _: usize| match number(p) {
            27 | 29 => Err(panelpaper::Error::Usage(format!("cannot render {}", number(p)))),
            n => Ok(n),
        };
        let error =
            pool.install(|| panelpaper::meeting::load_each(&manifest, Checks::default(), false, &failing)).unwrap_err();
        assert_eq!(error.to_string(), "cannot render 27", "{threads} threads");
    }

    let budget = dir.path().join("m/budget.yaml");
    let text = std::fs::read_to_string(&budget).unwrap();
    std::fs::write(&budget, text.replacen("action:", "action: For Dancing\nold_action:", 1)).unwrap();
    let failing = |_: &panelpaper::pipeline::Prepared, _: usize| -> Result<(), panelpaper::Error> {
        Err(panelpaper::Error::Usage("rendered".into()))
    };
    match panelpaper::meeting::load_each(&manifest, Checks::default(), false, &failing) {
        Err(panelpaper::Error::Invalid(problems)) => {
            assert!(problems.0.iter().any(|d| d.file.ends_with("budget.yaml")), "{problems:?}")
        }
        other => panic!("expected the paper's problems, got {other:?}"),
    }
}
