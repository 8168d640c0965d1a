//! A paper of a meeting compared with its previous draft (issue 28, part 3): a draft kept
//! in another folder takes the new draft's place in the meeting, and `diff --rev` reads the
//! old draft (a paper, or a manifest with its papers) from a git revision, in every format.

use crate::common::pdf::ReadPdf;
use crate::common::*;
use std::path::Path;
use std::process::{Command, Output};

/// `panelpaper` run in `dir`.
fn panelpaper_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelpaper"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

/// git in `dir`, which must succeed; no user configuration is read.
fn git(dir: &Path, args: &[&str]) {
    let run = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(run.status.success(), "git {args:?}: {}", stderr(&run));
}

/// `file` in `dir` with `from` replaced by `to`.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from:?} in {file}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// What each format of a comparison shows of the change, read back: the report, the
/// CriticMarkup, the HTML, the PDF's text and the Word document's deleted and inserted
/// text. `args` name the drafts; `dir` is where it runs.
fn every_format(dir: &Path, args: &[&str], old: &str, new: &str, labels: (&str, &str)) {
    let run = panelpaper_in(dir, args);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.contains(&format!("[-{old}")) && text.contains(&format!("{{+{new}")), "{text}");
    let title = format!("SECP_78_1303_30 ({}) and SECP_78_1303_30 ({})", labels.0, labels.1);
    assert!(text.contains(&title), "{title} in\n{text}");
    for format in ["md", "html", "pdf", "docx"] {
        let out = dir.join(format!("redline.{format}"));
        let mut all = args.to_vec();
        all.extend(["-f", format, "-o", s(&out)]);
        let run = panelpaper_in(dir, &all);
        assert_eq!(run.status.code(), Some(1), "{format}: {}", stderr(&run));
        let bytes = std::fs::read(&out).unwrap();
        let shown = match format {
            "md" => String::from_utf8(bytes).unwrap(),
            "html" => String::from_utf8(bytes)
                .unwrap()
                .replace("<del>", "[")
                .replace("</del><ins>", "|")
                .replace("</ins>", "]"),
            "pdf" => ReadPdf::new(&bytes).text(),
            _ => {
                let xml = crate::common::docx::part(&bytes, "word/document.xml");
                let before = crate::common::docx::settled_paragraphs(&xml, false).join("\n");
                let after = crate::common::docx::settled_paragraphs(&xml, true).join("\n");
                assert!(before.contains(old) && !before.contains(new), "docx, rejected");
                assert!(after.contains(new) && !after.contains(old), "docx, accepted");
                continue;
            }
        };
        let expected = match format {
            "md" => format!("{{--{old}--}}{{++{new}++}}"),
            "html" => format!("[{old}|{new}]"),
            _ => format!("{old}{new}"),
        };
        assert!(shown.contains(&expected), "{format}: {expected} in\n{shown}");
        // Both drafts are the meeting's paper 29, named by their labels, never by path.
        assert!(shown.contains("SECP_78_1303_30"), "{format}");
        assert!(!shown.contains(s(dir)), "{format}: a path in the comparison");
    }
}

#[test]
fn a_meeting_paper_compares_with_its_draft_in_another_folder() {
    let dir = tempfile::tempdir().unwrap();
    let meeting = dir.path().join("secp-78");
    example_meeting_in(&meeting);
    std::fs::create_dir(meeting.join("old")).unwrap();
    std::fs::copy(meeting.join("forward-plan.yaml"), meeting.join("old/forward-plan.yaml")).unwrap();
    edit(&meeting, "forward-plan.yaml", "annual review", "biennial review");
    let labels = ("old/forward-plan.yaml", "forward-plan.yaml");
    every_format(&meeting, &["diff", "old/forward-plan.yaml", "forward-plan.yaml"], "annual", "biennial", labels);
    // --meeting for both: the manifest lists only the new draft.
    let run = panelpaper_in(
        dir.path(),
        &["diff", "secp-78/old/forward-plan.yaml", "secp-78/forward-plan.yaml", "--meeting", "secp-78/meeting.yaml"],
    );
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(String::from_utf8(run.stdout).unwrap().contains("(old/forward-plan.yaml) and SECP_78_1303_30"));
    // Same drafts, same comparison: exit 0.
    std::fs::copy(meeting.join("forward-plan.yaml"), meeting.join("old/forward-plan.yaml")).unwrap();
    let run = panelpaper_in(&meeting, &["diff", "old/forward-plan.yaml", "forward-plan.yaml"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

/// A repository of the example meeting, committed once; then `forward-plan.yaml` changed.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    example_meeting_in(&dir.path().join("secp-78"));
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "the meeting's first drafts"]);
    edit(&dir.path().join("secp-78"), "forward-plan.yaml", "annual review", "biennial review");
    dir
}

#[test]
fn a_paper_compares_with_a_git_revision_in_every_format() {
    if !crate::common::tools::ready("git", Command::new("git").arg("--version").output().is_ok()) {
        return;
    }
    let repo = repository();
    let meeting = repo.path().join("secp-78");
    let labels = ("forward-plan.yaml at HEAD", "forward-plan.yaml");
    every_format(&meeting, &["diff", "--rev", "HEAD", "forward-plan.yaml"], "annual", "biennial", labels);
    // From another folder, and two commits on.
    git(repo.path(), &["commit", "-q", "-am", "a new figure"]);
    edit(&meeting, "forward-plan.yaml", "biennial review", "triennial review");
    let run = panelpaper_in(repo.path(), &["diff", "--rev", "HEAD~1", "secp-78/forward-plan.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(String::from_utf8(run.stdout).unwrap().contains("[-annual-]{+triennial+}"));
    // The revision's problems are named as git names the file.
    edit(&meeting, "forward-plan.yaml", "classification: WHITE", "clasification: WHITE");
    git(repo.path(), &["commit", "-q", "-am", "a typo"]);
    edit(&meeting, "forward-plan.yaml", "clasification: WHITE", "classification: WHITE");
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "forward-plan.yaml"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("HEAD:forward-plan.yaml:"), "{}", stderr(&run));
    assert!(stderr(&run).contains("did you mean `classification`"), "{}", stderr(&run));
}

#[test]
fn a_meeting_compares_with_a_git_revision_in_every_format() {
    if !crate::common::tools::ready("git", Command::new("git").arg("--version").output().is_ok()) {
        return;
    }
    let repo = repository();
    let meeting = repo.path().join("secp-78");
    // The manifest changes too: the papers numbered from 24 (every paper renumbered).
    edit(&meeting, "meeting.yaml", "first_number: 25", "first_number: 24");
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "meeting.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = String::from_utf8(run.stdout).unwrap();
    for part in [
        "Comparison of meeting SECP_78_1303 (meeting.yaml at HEAD) and SECP_78_1303 (meeting.yaml)",
        "paper minutes renumbered SECP_78_1303_25 to SECP_78_1303_24",
        "SECP_78_1303_30 (forward-plan.yaml at HEAD) and SECP_78_1303_30 (forward-plan.yaml)",
        "[-annual-]{+biennial+}",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    for format in ["md", "html", "pdf", "docx"] {
        let out = repo.path().join(format!("meeting.{format}"));
        let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "meeting.yaml", "-f", format, "-o", s(&out)]);
        assert_eq!(run.status.code(), Some(1), "{format}: {}", stderr(&run));
        let bytes = std::fs::read(&out).unwrap();
        let shown = match format {
            "pdf" => ReadPdf::new(&bytes).text(),
            // The summary is a comment on the title.
            "docx" => ["word/document.xml", "word/comments.xml"]
                .map(|part| {
                    crate::common::docx::settled_paragraphs(&crate::common::docx::part(&bytes, part), true).join("\n")
                })
                .join("\n"),
            _ => String::from_utf8(bytes).unwrap(),
        };
        assert!(shown.contains("paper minutes renumbered SECP_78_1303_25 to SECP_78_1303_24"), "{format}:\n{shown}");
        assert!(shown.contains("biennial"), "{format}");
    }
    // A clean tree compares the same: exit 0.
    git(repo.path(), &["commit", "-q", "-am", "second drafts"]);
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "meeting.yaml"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}

#[test]
fn a_revision_that_cannot_be_read_says_what_to_do() {
    if !crate::common::tools::ready("git", Command::new("git").arg("--version").output().is_ok()) {
        return;
    }
    let repo = repository();
    let meeting = repo.path().join("secp-78");
    std::fs::write(meeting.join("new.yaml"), "title: x\n").unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(meeting.join("forward-plan.yaml"), outside.path().join("paper.yaml")).unwrap();
    for (dir, args, expected) in [
        (&meeting, vec!["diff", "--rev", "no-such-rev", "forward-plan.yaml"], "`no-such-rev` is not a revision"),
        (&meeting, vec!["diff", "--rev", "HEAD", "new.yaml"], "new.yaml is not in revision HEAD"),
        (&outside.path().to_path_buf(), vec!["diff", "--rev", "HEAD", "paper.yaml"], "is not in a git repository"),
        (&meeting, vec!["diff", "--rev", "HEAD", "a.yaml", "b.yaml"], "cannot be used with"),
        (&meeting, vec!["diff", "forward-plan.yaml"], "required"),
    ] {
        let run = panelpaper_in(dir, &args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(stderr(&run).contains(expected), "{args:?}: {expected} in {}", stderr(&run));
    }
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "new.yaml"]);
    assert!(stderr(&run).contains("git log -- new.yaml"), "{}", stderr(&run));
}

/// `file` in `dir`, a workbook, with `from` replaced by `to` in the part `part`.
fn edit_workbook(dir: &Path, file: &str, part: &str, from: &str, to: &str) {
    use std::io::{Read, Write};
    let path = dir.join(file);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(&path).unwrap())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == part {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{from:?} in {file}: {part}");
            data = text.replacen(from, to, 1).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// The revision's figures are read from the revision's workbook, not today's: a paper whose
/// workbook alone changed differs from its revision (the reviewer's "no changes", exit 0).
#[test]
fn a_revision_reads_its_own_workbooks() {
    if !crate::common::tools::ready("git", Command::new("git").arg("--version").output().is_ok()) {
        return;
    }
    let repo = repository();
    let meeting = repo.path().join("secp-78");
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "dcc-reporting.yaml"]);
    assert_eq!(run.status.code(), Some(0), "the same workbook: {}", stderr(&run));
    // Only the workbook changes: CPM 3's score.
    edit_workbook(&meeting, "dcc-reports.xlsx", "xl/worksheets/sheet2.xml", "<v>0.954</v>", "<v>0.961</v>");
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "dcc-reporting.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.contains("[-95.40%,-]{+96.10%,+}"), "{text}");
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "meeting.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.contains("paper dcc-reporting (SECP_78_1303_29) changed: 1 change"), "{text}");
    assert!(text.contains("[-95.40%,-]{+96.10%,+}"), "{text}");
    // A paper of no meeting, whose CSV file has moved to a folder the revision lacks.
    let alone = repo.path().join("alone");
    std::fs::create_dir_all(alone.join("figures")).unwrap();
    let paper = std::fs::read_to_string("tests/fixtures/minimal.yaml")
        .unwrap()
        .replace("  incidents: 4\n", "  incidents: {source: counts, column: Count, row: {Name: incidents}}\n")
        .replace("data:\n", "sources:\n  counts: {file: figures/counts.csv}\ndata:\n");
    std::fs::write(alone.join("paper.yaml"), &paper).unwrap();
    std::fs::write(alone.join("figures/counts.csv"), "Name,Count\nincidents,4\n").unwrap();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "a paper of no meeting"]);
    std::fs::create_dir(alone.join("sheets")).unwrap();
    std::fs::write(alone.join("sheets/counts.csv"), "Name,Count\nincidents,5\n").unwrap();
    std::fs::remove_dir_all(alone.join("figures")).unwrap();
    std::fs::write(alone.join("paper.yaml"), paper.replace("figures/counts.csv", "sheets/counts.csv")).unwrap();
    let run = panelpaper_in(repo.path(), &["diff", "--rev", "HEAD", "alone/paper.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.contains("There were [-4-]{+5+} incidents"), "{text}");
    // A workbook the revision does not hold is the revision's problem, named as git names it.
    std::fs::write(alone.join("paper.yaml"), &paper).unwrap();
    std::fs::create_dir(alone.join("figures")).unwrap();
    std::fs::write(alone.join("figures/counts.csv"), "Name,Count\nincidents,6\n").unwrap();
    git(repo.path(), &["rm", "-q", "--cached", "alone/figures/counts.csv"]);
    git(repo.path(), &["commit", "-q", "-m", "the figures untracked"]);
    let run = panelpaper_in(repo.path(), &["diff", "--rev", "HEAD", "alone/paper.yaml"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("HEAD:alone/paper.yaml"), "{}", stderr(&run));
    assert!(stderr(&run).contains("revision HEAD does not hold it"), "{}", stderr(&run));
}

/// A revision's meeting is compared with its own outcomes (not today's `outcomes.yaml`
/// twice), and an outcomes file on its own is sent to its meeting, not read as a paper.
#[test]
fn a_revision_compares_its_own_outcomes() {
    if !crate::common::tools::ready("git", Command::new("git").arg("--version").output().is_ok()) {
        return;
    }
    let repo = repository();
    let meeting = repo.path().join("secp-78");
    git(repo.path(), &["commit", "-q", "-am", "second drafts"]);
    edit(&meeting, "outcomes.yaml", "owner: Sasha Townsend (SECAS)", "owner: Holly Burton (SECAS)");
    edit(
        &meeting,
        "outcomes.yaml",
        "  - item: dcc-reporting\n    outcome: NOTED",
        "  - item: dcc-reporting\n    outcome: DEFERRED",
    );
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "meeting.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = String::from_utf8(run.stdout).unwrap();
    for part in [
        "action SECP78/03 changed: owner Sasha Townsend (SECAS) → Holly Burton (SECAS)",
        "outcome of dcc-reporting (SECP_78_1303_29) 4.1 changed: NOTED → DEFERRED",
    ] {
        assert!(text.contains(part), "{part} in\n{text}");
    }
    // Outcomes recorded since the revision: the revision had none.
    std::fs::rename(meeting.join("outcomes.yaml"), repo.path().join("outcomes.yaml")).unwrap();
    git(repo.path(), &["commit", "-q", "-am", "outcomes not yet recorded"]);
    std::fs::rename(repo.path().join("outcomes.yaml"), meeting.join("outcomes.yaml")).unwrap();
    let run = panelpaper_in(&meeting, &["diff", "--rev", "HEAD", "meeting.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(String::from_utf8(run.stdout).unwrap().contains("outcomes recorded: the old draft had none"));
    // The outcomes file alone: a usage error that names the command to run, not a paper's
    // missing keys.
    for (dir, args, expected) in [
        (&meeting, vec!["diff", "--rev", "HEAD~1", "outcomes.yaml"], "`panelpaper diff --rev HEAD~1 meeting.yaml`"),
        (
            &repo.path().to_path_buf(),
            vec!["diff", "--rev", "HEAD~1", "secp-78/outcomes.yaml"],
            "`panelpaper diff --rev HEAD~1 secp-78/meeting.yaml`",
        ),
        (&meeting, vec!["diff", "../outcomes.yaml", "outcomes.yaml"], "`panelpaper diff ../meeting.yaml meeting.yaml`"),
    ] {
        let run = panelpaper_in(dir, &args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let said = stderr(&run);
        assert!(said.contains("is a meeting's record, not a paper") && said.contains(expected), "{args:?}: {said}");
        assert!(!said.contains("missing"), "{said}");
    }
}
