//! The command line describing itself and how much it says: shell completions and manual
//! pages generated from the same definition as `--help`, examples at the end of each
//! command's help, `-q` and `-v`.

use crate::common::{panelpaper, s, seed_yaml, stderr};

const COMMANDS: [&str; 9] = ["render", "build", "diff", "check", "init", "schema", "explain", "completions", "man"];

#[test]
fn completions_for_every_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = panelpaper(&["completions", shell]);
        assert!(run.status.success(), "{shell}: {}", stderr(&run));
        let script = String::from_utf8(run.stdout).unwrap();
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} completes {command}");
        }
        assert!(script.contains("edition") && script.contains("pack"), "{shell} completes options");
    }
    assert_eq!(panelpaper(&["completions", "tcsh"]).status.code(), Some(2), "an unknown shell is a usage error");
}

#[test]
fn a_manual_page_for_panelpaper_and_each_command() {
    let page = String::from_utf8(panelpaper(&["man"]).stdout).unwrap();
    assert!(page.starts_with(".ie") && page.contains(".TH panelpaper 1"), "{page}");
    for command in COMMANDS {
        let run = panelpaper(&["man", command]);
        assert!(run.status.success(), "{command}: {}", stderr(&run));
        let page = String::from_utf8(run.stdout).unwrap();
        assert!(page.contains(&format!(".TH panelpaper-{command} 1")), "{page}");
        assert!(page.contains(".SH SYNOPSIS") && page.contains("Examples:"), "{command}: {page}");
    }
    let run = panelpaper(&["man", "publish"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("no command of that name"));
}

#[test]
fn every_command_help_ends_with_two_examples() {
    for command in COMMANDS {
        let help = String::from_utf8(panelpaper(&[command, "--help"]).stdout).unwrap();
        let examples = help.split("Examples:\n").nth(1).unwrap_or_else(|| panic!("{command} --help has examples"));
        let lines: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 2, "{command}: {lines:?}");
        assert!(lines.iter().all(|l| l.trim_start().starts_with("panelpaper ")), "{command}: {lines:?}");
    }
}

#[test]
fn quiet_prints_only_problems_and_verbose_names_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let normal = panelpaper(&["render", s(&seed_yaml()), "-o", s(&out)]);
    assert!(normal.status.success() && normal.stdout.is_empty());
    let said = stderr(&normal);
    assert!(said.starts_with("rendered 1 paper into ") && !said.contains("wrote"), "{said}");

    let verbose = panelpaper(&["-v", "render", s(&seed_yaml()), "-o", s(&out)]);
    let said = stderr(&verbose);
    for file in ["SECP_78_1303_29.md", "SECP_78_1303_29.pdf"] {
        assert!(said.contains(&format!("wrote {}", s(&out.join(file)))), "{said}");
    }
    assert!(said.contains("rendered 1 paper"), "the summary stays: {said}");

    let quiet = panelpaper(&["render", "-q", s(&seed_yaml()), "-o", s(&out)]);
    assert!(quiet.status.success() && quiet.stdout.is_empty() && quiet.stderr.is_empty(), "{}", stderr(&quiet));
    // Problems still show.
    let bad = panelpaper(&["render", "--quiet", "tests/fixtures/bad/bad-verb.yaml", "-o", s(&out)]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("error[PP014]: "), "{}", stderr(&bad));
    let both = panelpaper(&["-q", "-v", "check", s(&seed_yaml())]);
    assert_eq!(both.status.code(), Some(2), "-q and -v together are a usage error");
}

/// The four cases the message formats are shown on: an unknown key, a bad value with a
/// suggestion, a misspelt template variable inside a block scalar, and a paper that
/// conflicts with its meeting's manifest.
const FORMAT_CASES: [(&str, &[&str]); 4] = [
    ("unknown_key", &["check", "tests/fixtures/bad/unknown-key.yaml"]),
    ("suggestion", &["check", "tests/fixtures/bad/bad-verb.yaml"]),
    ("template_variable", &["check", "tests/fixtures/bad/missing-data.yaml"]),
    ("manifest_conflict", &["check", "tests/fixtures/meetings/bad/meeting.yaml"]),
];

#[test]
fn each_message_format_on_each_case() {
    for format in ["human", "short", "json", "github"] {
        for (case, args) in FORMAT_CASES {
            let mut args = args.to_vec();
            args.extend(["--message-format", format]);
            let run = panelpaper(&args);
            assert_eq!(run.status.code(), Some(1), "{case} {format}");
            // JSON lines on stdout (as cargo and ruff write them), the others on stderr.
            let (said, other) = match format {
                "json" => (String::from_utf8_lossy(&run.stdout).into_owned(), stderr(&run)),
                _ => (stderr(&run), String::from_utf8_lossy(&run.stdout).into_owned()),
            };
            assert!(other.is_empty(), "{case} {format}: {other}");
            if format == "json" {
                for line in said.lines() {
                    let object: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
                    assert!(object["code"].as_str().unwrap().starts_with("PP"), "{line}");
                }
            }
            assert_snapshot!(format!("format_{format}_{case}"), said);
        }
    }
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_and_never_under_no_color() {
    let args = ["check", "tests/fixtures/bad/unknown-key.yaml"];
    let plain = stderr(&panelpaper(&args));
    assert!(!plain.contains('\u{1b}'), "not a terminal: no colour");
    let coloured = stderr(&panelpaper(&[&args[..], &["--color", "always"]].concat()));
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let never = stderr(&panelpaper(&[&args[..], &["--color", "never"]].concat()));
    assert_eq!(never, plain);
}

#[test]
fn an_editions_run_quotes_no_source_line() {
    // A problem in a visible part of an edition still names its place, but shows no line:
    // a quoted line might hold what the edition withholds.
    let run = panelpaper(&["render", "tests/fixtures/bad/bad-verb.yaml", "--edition", "GREEN", "-o", "/nonexistent/x"]);
    let said = stderr(&run);
    assert!(said.contains("bad-verb.yaml:27:13: recommendations.items[1].verb"), "{said}");
    assert!(!said.contains("- verb: AGRE") && !said.contains(" | "), "{said}");
}

#[test]
fn explain_prints_a_codes_entry_and_every_emitted_code_has_one() {
    let run = panelpaper(&["explain", "PP003"]);
    let entry = String::from_utf8(run.stdout).unwrap();
    assert!(entry.starts_with("## PP003 — unknown key") && entry.contains("clasification: GREEN"), "{entry}");
    assert!(!entry.contains("## PP004"), "one entry only: {entry}");
    assert_eq!(panelpaper(&["explain", "PP999"]).status.code(), Some(2));
    // Every code the bad fixtures produce is listed.
    for fixture in std::fs::read_dir("tests/fixtures/bad").unwrap() {
        let path = fixture.unwrap().path();
        let run = panelpaper(&["check", s(&path), "--message-format", "json"]);
        for line in String::from_utf8_lossy(&run.stdout).lines() {
            let object: serde_json::Value = serde_json::from_str(line).unwrap();
            let code = object["code"].as_str().unwrap();
            assert!(panelpaper(&["explain", code]).status.success(), "{code} from {} is explained", path.display());
        }
    }
}

#[test]
fn init_sets_up_editors_with_the_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new");
    let run = panelpaper(&["init", s(&target)]);
    assert!(run.status.success(), "{}", stderr(&run));
    for (file, schema) in [("meeting.yaml", "meeting.schema.json"), ("dcc-reporting.yaml", "paper.schema.json")] {
        let text = std::fs::read_to_string(target.join(file)).unwrap();
        assert!(text.starts_with(&format!("# yaml-language-server: $schema={schema}\n")), "{file}");
        let written: serde_json::Value = serde_json::from_slice(&std::fs::read(target.join(schema)).unwrap()).unwrap();
        let kind = schema.split('.').next().unwrap();
        let printed: serde_json::Value = serde_json::from_slice(&panelpaper(&["schema", kind]).stdout).unwrap();
        assert_eq!(written, printed, "{schema} is what `schema {kind}` prints");
    }
    let settings: serde_json::Value =
        serde_json::from_slice(&std::fs::read(target.join(".vscode/settings.json")).unwrap()).unwrap();
    assert_eq!(settings["yaml.schemas"]["./meeting.schema.json"], serde_json::json!(["meeting.yaml"]));
    assert!(settings["yaml.schemas"]["./paper.schema.json"].as_array().unwrap().contains(&"dcc-reporting.yaml".into()));
    // The modelines do not disturb the build.
    let build = panelpaper(&["build", s(&target.join("meeting.yaml")), "-o", s(&dir.path().join("out")), "-f", "md"]);
    assert!(build.status.success(), "{}", stderr(&build));
}

/// A project `init` made uses its own templates by default (its `templates/` beside the
/// manifest), and the run says which folder it used; `check -q` prints only problems.
#[test]
fn an_initialised_project_uses_its_own_templates_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let run = panelpaper(&["init", s(&project)]);
    assert!(run.status.success(), "{}", stderr(&run));
    let template = project.join("templates/paper.md");
    let text = std::fs::read_to_string(&template).unwrap().replace("**Action:**", "**Action required:**");
    std::fs::write(&template, text).unwrap();
    let out = project.join("out");
    let run = panelpaper(&["build", s(&project.join("meeting.yaml")), "-o", s(&out), "-f", "md"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains(&format!("note: templates from {}", project.join("templates").display())),
        "{}",
        stderr(&run)
    );
    let md = std::fs::read_to_string(out.join("SECP_78_1303_29.md")).unwrap();
    assert!(md.contains("**Action required:**"), "{md}");
    let run = panelpaper(&["check", "-q", s(&project.join("meeting.yaml"))]);
    assert!(run.status.success() && run.stdout.is_empty(), "{}", String::from_utf8_lossy(&run.stdout));
}
