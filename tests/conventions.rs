//! Command-line conventions (issue 31, item 4) as a user meets them: `-q` on every command,
//! `-` for standard input, `-o -` saying which format to pick, completions that offer the
//! classes and formats, `--message-format json` on stdout and `short` on one line each,
//! `--deny-warnings`; and names that hold terminal escape sequences shown, never obeyed
//! (issue 25, minor).

use crate::common::{fixture, panelpaper, s, seed_yaml, stderr};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn stdout(run: &Output) -> String {
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// `panelpaper args` in the repository root with `input` on standard input.
fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_panelpaper"))
        .args(args)
        .current_dir(crate::common::root())
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// The minimal paper made For Information, so that its AGREE is a warning (PP034).
fn paper_with_a_warning(dir: &Path) -> PathBuf {
    let yaml = std::fs::read_to_string(crate::common::root().join(fixture("minimal.yaml"))).unwrap();
    let file = dir.join("warned.yaml");
    std::fs::write(&file, yaml.replacen("action: For Decision", "action: For Information", 1)).unwrap();
    file
}

#[test]
fn quiet_silences_every_command_and_check_and_init_summarise_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let draft = crate::common::seed_with(d, "draft.yaml", "cpm1_score: 95.40%", "cpm1_score: 96.10%");
    let runs: Vec<(&str, Vec<String>)> = vec![
        (
            "render",
            vec![
                "render".into(),
                s(&seed_yaml()).into(),
                "-o".into(),
                s(&d.join("r")).into(),
                "-f".into(),
                "md".into(),
            ],
        ),
        (
            "build",
            vec![
                "build".into(),
                "data/meetings/secp-78/meeting.yaml".into(),
                "-o".into(),
                s(&d.join("b")).into(),
                "-f".into(),
                "md".into(),
            ],
        ),
        ("check", vec!["check".into(), s(&seed_yaml()).into(), "data/meetings/secp-78/meeting.yaml".into()]),
        (
            "diff",
            vec![
                "diff".into(),
                s(&seed_yaml()).into(),
                s(&draft).into(),
                "-o".into(),
                s(&d.join("diff.md")).into(),
                "-f".into(),
                "md".into(),
            ],
        ),
        ("init", vec!["init".into(), s(&d.join("i")).into()]),
    ];
    for (command, args) in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let said = panelpaper(&args);
        assert!(matches!(said.status.code(), Some(0 | 1)), "{command}: {}", stderr(&said));
        if matches!(*command, "check" | "init") {
            // Their summaries are on stderr like the others', and stdout stays empty.
            assert!(said.stdout.is_empty(), "{command}: {}", stdout(&said));
            assert!(!stderr(&said).is_empty(), "{command} says what it did");
        }
        std::fs::remove_dir_all(d.join("i")).ok();
        let quiet: Vec<&str> = std::iter::once("-q").chain(args.iter().copied()).collect();
        let run = panelpaper(&quiet);
        assert!(matches!(run.status.code(), Some(0 | 1)), "{command}: {}", stderr(&run));
        assert!(run.stderr.is_empty(), "{command} -q: {}", stderr(&run));
        assert!(run.stdout.is_empty(), "{command} -q: {}", stdout(&run));
    }
    let check = stderr(&panelpaper(&["check", s(&seed_yaml())]));
    assert!(
        check.starts_with("checked 1 file: data/meetings/secp-78/dcc-reporting.yaml (SECP_78_1303_29) in "),
        "{check}"
    );
    // -q leaves the problems.
    let run = panelpaper(&["-q", "check", "tests/fixtures/bad/bad-verb.yaml"]);
    assert!(stderr(&run).contains("error[PP014]"), "{}", stderr(&run));
}

#[test]
fn render_to_standard_output_says_which_single_format_to_pick() {
    let run = panelpaper(&["render", s(&seed_yaml()), "-o", "-"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(run.stdout.is_empty());
    let said = stderr(&run);
    assert!(said.contains("-f asks for md,pdf: pick one, with -f md, -f pdf, -f html or -f docx"), "{said}");
    let run = panelpaper(&["render", s(&seed_yaml()), "-o", "-", "-f", "html,docx"]);
    assert!(stderr(&run).contains("-f asks for html,docx: pick one"), "{}", stderr(&run));
    let two = panelpaper(&["render", s(&seed_yaml()), "tests/fixtures/minimal.yaml", "-o", "-", "-f", "md"]);
    assert!(stderr(&two).contains("give one paper"), "{}", stderr(&two));
}

#[test]
fn a_dash_reads_standard_input() {
    // Standard input has no folder for a workbook: the seed as typed.
    let seed = std::fs::read(crate::common::root().join(crate::common::SEED_TYPED)).unwrap();
    // The same Markdown as from the file.
    let from_file = panelpaper(&["render", s(&seed_yaml()), "-o", "-", "-f", "md"]);
    let from_stdin = with_stdin(&["render", "-", "-o", "-", "-f", "md"], &seed);
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    assert_eq!(from_stdin.stdout, from_file.stdout);
    // check names it <stdin>, and quotes its lines.
    let run = with_stdin(&["check", "-"], &seed);
    assert!(stderr(&run).starts_with("checked 1 file: <stdin> (SECP_78_1303_29)"), "{}", stderr(&run));
    let bad = std::fs::read(crate::common::root().join("tests/fixtures/bad/bad-verb.yaml")).unwrap();
    let run = with_stdin(&["check", "-"], &bad);
    assert_eq!(run.status.code(), Some(1));
    let said = stderr(&run);
    assert!(said.contains("error[PP014]: <stdin>:27:13: recommendations.items[1].verb"), "{said}");
    assert!(said.contains("27 |     - verb: AGRE"), "the line from standard input: {said}");
    // diff: one draft from standard input.
    let same = with_stdin(&["diff", s(&seed_yaml()), "-"], &seed);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    let minimal = with_stdin(&["diff", "-", "tests/fixtures/minimal.yaml"], &seed);
    assert_eq!(minimal.status.code(), Some(1), "{}", stderr(&minimal));
    assert!(stdout(&minimal).contains("<stdin>"), "{}", stdout(&minimal));
    // Standard input as a non-UTF-8 file is refused as a file would be.
    let latin1 = with_stdin(&["check", "-"], b"title: caf\xe9\n");
    assert_eq!(latin1.status.code(), Some(1));
    assert!(stderr(&latin1).contains("error[PP008]: <stdin>:1:11"), "{}", stderr(&latin1));
}

#[test]
fn completions_offer_the_five_classes_and_the_formats() {
    for shell in ["bash", "zsh", "fish"] {
        let script = stdout(&panelpaper(&["completions", shell]));
        for class in ["WHITE", "GREEN", "AMBER", "AMBER+STRICT", "RED"] {
            assert!(script.contains(class), "{shell} offers {class}");
        }
        // One spelling each: no TLP: forms, no CLEAR twin of WHITE.
        assert!(!script.contains("TLP:") && !script.contains("CLEAR"), "{shell}");
        for format in ["md", "pdf", "html", "docx"] {
            assert!(script.contains(format), "{shell} offers -f {format}");
        }
    }
    let bash = stdout(&panelpaper(&["completions", "bash"]));
    assert!(bash.contains(r#"compgen -W "WHITE GREEN AMBER AMBER+STRICT RED""#), "{bash}");
    assert!(bash.contains(r#"compgen -W "md pdf html docx""#), "{bash}");
    // What completion does not offer is still accepted.
    let dir = tempfile::tempdir().unwrap();
    let run = panelpaper(&["render", s(&seed_yaml()), "-o", s(dir.path()), "-f", "md", "--edition", "tlp:clear"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn json_lines_go_to_stdout_unless_the_output_is_there() {
    let run = panelpaper(&["check", "tests/fixtures/bad/bad-verb.yaml", "--message-format", "json"]);
    assert!(run.stderr.is_empty(), "{}", stderr(&run));
    let lines: Vec<serde_json::Value> = stdout(&run).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().any(|l| l["code"] == "PP014"), "{lines:?}");
    // A warning with the Markdown on stdout: the JSON goes to stderr, the Markdown is whole.
    let dir = tempfile::tempdir().unwrap();
    let warned = paper_with_a_warning(dir.path());
    let run = panelpaper(&["render", s(&warned), "-o", "-", "-f", "md", "--message-format", "json"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stdout(&run).starts_with("---\n") && !stdout(&run).contains("\"code\""));
    let warning: serde_json::Value = serde_json::from_str(stderr(&run).lines().next().unwrap()).unwrap();
    assert_eq!(warning["code"], "PP034");
}

#[test]
fn short_keeps_each_problem_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = std::fs::read_to_string(crate::common::root().join("tests/fixtures/bad/unknown-class.yaml")).unwrap();
    assert!(bad.contains("classification: PURPLE"));
    // A value with a line break in it, in a file whose name has one too.
    let file = dir.path().join("two\nlines.yaml");
    std::fs::write(&file, bad.replace("classification: PURPLE", "classification: \"PUR\\nPLE\"")).unwrap();
    let run = panelpaper(&["check", s(&file), "--message-format", "short"]);
    assert_eq!(run.status.code(), Some(1));
    let said = stderr(&run);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "one problem, one count: {said}");
    assert!(
        lines[0].contains("two\\nlines.yaml:") && lines[0].contains("unknown classification `PUR\\nPLE`"),
        "{said}"
    );
    assert_eq!(lines[1], "1 error found");
}

#[test]
fn deny_warnings_fails_a_run_before_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let warned = paper_with_a_warning(d);
    let out = d.join("out");
    let allowed = panelpaper(&["render", s(&warned), "-o", s(&out), "-f", "md"]);
    assert!(allowed.status.success() && stderr(&allowed).contains("warning[PP034]"), "{}", stderr(&allowed));
    std::fs::remove_dir_all(&out).unwrap();
    let denied = panelpaper(&["render", s(&warned), "-o", s(&out), "-f", "md", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(
        stderr(&denied).contains("error[PP034]") && stderr(&denied).contains("1 error found"),
        "{}",
        stderr(&denied)
    );
    assert!(!out.exists(), "nothing written");
    let check = panelpaper(&["check", s(&warned), "--deny-warnings"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(panelpaper(&["check", s(&warned)]).status.success());
    // A meeting on a Saturday: the manifest's warning fails the build, which writes nothing.
    let manifest = crate::common::example_meeting_in(&d.join("m"));
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replacen("date: 2020-03-13", "date: 2020-03-14", 1)).unwrap();
    let moved: Vec<PathBuf> = std::fs::read_dir(d.join("m")).unwrap().map(|e| e.unwrap().path()).collect();
    for paper in moved.iter().filter(|p| !p.ends_with("meeting.yaml") && p.extension().is_some_and(|e| e == "yaml")) {
        let yaml =
            std::fs::read_to_string(paper).unwrap().replace("meeting_date: 2020-03-13", "meeting_date: 2020-03-14");
        std::fs::write(paper, yaml).unwrap();
    }
    let built = panelpaper(&["build", s(&manifest), "-o", s(&d.join("b")), "-f", "md"]);
    assert!(built.status.success() && stderr(&built).contains("warning[PP039]"), "{}", stderr(&built));
    let denied = panelpaper(&["build", s(&manifest), "-o", s(&d.join("denied")), "-f", "md", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1), "{}", stderr(&denied));
    assert!(stderr(&denied).contains("error[PP039]"), "{}", stderr(&denied));
    assert!(!d.join("denied").exists());
    let watch = panelpaper(&["watch", s(&warned), "-o", s(&out), "--deny-warnings"]);
    assert_eq!(watch.status.code(), Some(2));
}

#[test]
fn escape_sequences_in_names_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let bad = crate::common::root().join("tests/fixtures/bad/bad-verb.yaml");
    let evil = dir.path().join("evil\u{1b}]0;owned\u{7}\u{1b}[2J.yaml");
    std::fs::copy(&bad, &evil).unwrap();
    for format in ["human", "short", "github"] {
        let run = panelpaper(&["check", s(&evil), "--message-format", format]);
        assert_eq!(run.status.code(), Some(1));
        let said = stderr(&run);
        assert!(!said.contains('\u{1b}') && !said.contains('\u{7}'), "{format}: {said:?}");
        assert!(said.contains(r"evil\u{1b}]0;owned\u{7}\u{1b}[2J.yaml"), "{format}: {said}");
    }
    // "wrote …" lines and the summary, for an output folder named so, and an I/O error.
    let out = dir.path().join("out\u{1b}[31m\u{202e}");
    let run = panelpaper(&["-v", "render", s(&seed_yaml()), "-o", s(&out), "-f", "md"]);
    assert!(run.status.success(), "{:?}", stderr(&run));
    let said = stderr(&run);
    assert!(!said.contains('\u{1b}') && !said.contains('\u{202e}'), "{said:?}");
    assert!(said.contains(r"wrote ") && said.contains(r"out\u{1b}[31m\u{202e}/SECP_78_1303_29.md"), "{said}");
    assert!(said.contains(r"rendered 1 paper into ") && said.contains(r"out\u{1b}[31m\u{202e} in "), "{said}");
    // A comparison's label given with a control character is refused (every format of the
    // comparison prints it); a draft's file name as its label is written out.
    let run =
        panelpaper(&["diff", s(&seed_yaml()), "tests/fixtures/drafts/figure.yaml", "--old-label", "old\u{1b}[2J"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(!stderr(&run).contains('\u{1b}') && stderr(&run).contains("U+001B"), "{:?}", stderr(&run));
    let draft = dir.path().join("old\u{1b}[2J.yaml");
    std::fs::copy(crate::common::root().join(crate::common::SEED_TYPED), &draft).unwrap();
    let run = panelpaper(&["diff", s(&draft), "tests/fixtures/drafts/figure.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(!stdout(&run).contains('\u{1b}') && stdout(&run).contains(r"(old\u{1b}[2J.yaml)"), "{:?}", stdout(&run));
    let missing = dir.path().join("gone\u{1b}[2J.yaml");
    let run = panelpaper(&["check", s(&missing)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(!stderr(&run).contains('\u{1b}') && stderr(&run).contains(r"gone\u{1b}[2J.yaml"), "{:?}", stderr(&run));
}
