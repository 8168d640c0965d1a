//! `panelpaper import`: Word papers back into the paper format.
//!
//! - Every paper the project renders (the good fixtures, the example meeting with
//!   `--meeting`) comes back from its DOCX as YAML that renders to the same Markdown, and
//!   every redline comes back as its new draft with the changes accepted, its old one with
//!   `--reject`.
//! - Three committee papers written by another word processor (LibreOffice, from HTML and
//!   flat ODT in `tests/fixtures/import/`) are imported as the snapshots say, with every
//!   unmapped part reported. Without LibreOffice that test says so on stderr and passes,
//!   except under CI, where it fails (as `tests/word.rs` does).
//! - Bad input — not a DOCX, an encrypted or macro-enabled document, a zip bomb, a
//!   document without structure — is a clear error, and nothing is written.

mod documents;

use crate::common::{DRAFT_CASES, panelpaper, root, s, stderr};
use documents::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `panelpaper ARGS` run in `dir` (so messages name files as given, relative to it).
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_panelpaper"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// The one `.md` file in `dir`.
fn markdown_in(dir: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read_to_string(files.remove(0)).unwrap()
}

/// `paper` rendered as Markdown and DOCX into `out`: (Markdown, the DOCX's path).
fn render(paper: &Path, out: &Path, extra: &[&str]) -> (String, PathBuf) {
    let mut args = vec!["render", s(paper), "-o", s(out), "-f", "md,docx"];
    args.extend_from_slice(extra);
    let run = panelpaper(&args);
    assert!(run.status.success(), "{}: {}", paper.display(), stderr(&run));
    let docx =
        std::fs::read_dir(out).unwrap().map(|e| e.unwrap().path()).find(|p| p.extension().is_some_and(|e| e == "docx"));
    (markdown_in(out), docx.expect("a DOCX"))
}

/// Imports `docx` into `yaml` (with `extra` arguments), quietly: its stderr, which must
/// hold nothing but warnings.
fn import(docx: &Path, yaml: &Path, extra: &[&str]) -> String {
    let mut args = vec!["-q", "import", s(docx), "-o", s(yaml)];
    args.extend_from_slice(extra);
    let run = panelpaper(&args);
    assert!(run.status.success(), "{}: {}", docx.display(), stderr(&run));
    stderr(&run)
}

/// The good papers among the fixtures: every YAML in `tests/fixtures/` and its drafts.
fn good_fixtures() -> Vec<PathBuf> {
    let mut papers = Vec::new();
    for folder in ["tests/fixtures", "tests/fixtures/drafts"] {
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            // Left out: the inline corpus, whose loose lists come back tight (a Word list has
            // no looseness: docs/import.md says so). The classified paper comes back with its
            // base class, which its Word file records.
            let skipped = ["corpus.yaml"];
            if path.extension().is_some_and(|e| e == "yaml") && !skipped.iter().any(|s| path.ends_with(s)) {
                papers.push(Path::new(folder).join(path.file_name().unwrap()));
            }
        }
    }
    papers.sort();
    assert!(papers.len() >= 7, "{papers:?}");
    papers
}

#[test]
fn every_paper_the_project_renders_comes_back_as_the_same_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let mut papers = good_fixtures();
    papers.push(crate::common::seed_yaml());
    for paper in papers {
        let name = paper.file_stem().unwrap().to_string_lossy().into_owned();
        let (markdown, docx) = render(&paper, &dir.path().join(format!("{name}.out")), &[]);
        let yaml = dir.path().join(format!("{name}.yaml"));
        let said = import(&docx, &yaml, &[]);
        assert_eq!(said, "", "{name}: a round trip reports nothing");
        let run = panelpaper(&["render", s(&yaml), "-o", s(&dir.path().join(format!("{name}.back"))), "-f", "md"]);
        assert!(run.status.success(), "{name}: {}", stderr(&run));
        let (markdown, back) = (nfc(&markdown), nfc(&markdown_in(&dir.path().join(format!("{name}.back")))));
        assert!(
            back == markdown,
            "{name}: the imported paper renders differently:\n{}",
            first_difference(&markdown, &back)
        );
    }
}

/// `text` composed (NFC), as every output carries it: a round trip is compared so (the
/// Arabic and Hebrew paper's decomposed accent comes back as the letter it makes).
fn nfc(text: &str) -> String {
    unicode_normalization::UnicodeNormalization::nfc(text).collect()
}

/// Where two texts first differ, line by line.
fn first_difference(a: &str, b: &str) -> String {
    let at = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(a.lines().count().min(b.lines().count()));
    format!("line {}:\n- {:?}\n+ {:?}", at + 1, a.lines().nth(at), b.lines().nth(at))
}

#[test]
fn the_example_meeting_comes_back_paper_by_paper_with_its_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = crate::common::example_meeting_in(&dir.path().join("word"));
    let built = dir.path().join("built");
    let run = panelpaper(&["build", s(&manifest), "-o", s(&built), "-f", "md,docx"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // A fresh folder with the manifest only; each paper imported from its DOCX into the
    // file the manifest lists, its reference and sign-off defaults left to the manifest:
    // named with --meeting, or (every other paper) found beside the file, as render does.
    let imported = dir.path().join("imported");
    std::fs::create_dir_all(&imported).unwrap();
    std::fs::copy(&manifest, imported.join("meeting.yaml")).unwrap();
    std::fs::copy(manifest.with_file_name("outcomes.yaml"), imported.join("outcomes.yaml")).unwrap();
    let mut count = 0;
    for entry in std::fs::read_dir(manifest.parent().unwrap()).unwrap() {
        let paper = entry.unwrap().path();
        // The papers only (not the workbook the DCC paper reads its figures from, nor the outcomes).
        if paper.file_name().is_some_and(|n| n == "meeting.yaml" || n == "outcomes.yaml")
            || paper.extension().is_none_or(|e| e != "yaml")
        {
            continue;
        }
        let (_, docx) = render(&paper, &dir.path().join(format!("{}.one", count)), &[]);
        let target = imported.join(paper.file_name().unwrap());
        let manifest = imported.join("meeting.yaml");
        let named = ["--meeting", s(&manifest)];
        let said = import(&docx, &target, if count % 2 == 0 { &named[..] } else { &[] });
        assert_eq!(said, "", "{}", paper.display());
        let yaml = std::fs::read_to_string(&target).unwrap();
        for key in ["committee:", "meeting:", "meeting_date:", "number:"] {
            assert!(!yaml.contains(&format!("\n{key}")), "{key} comes from the manifest:\n{yaml}");
        }
        count += 1;
    }
    assert_eq!(count, 6);
    let again = dir.path().join("again");
    let run = panelpaper(&["build", s(&imported.join("meeting.yaml")), "-o", s(&again), "-f", "md"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let markdown = |folder: &Path| -> Vec<(String, Vec<u8>)> {
        crate::common::snapshot_dir(folder).into_iter().filter(|(name, _)| name.ends_with(".md")).collect()
    };
    let (before, after) = (markdown(&built), markdown(&again));
    assert_eq!(before.len(), 8, "six papers, the index and the decision log");
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        assert!(a == b, "{name}:\n{}", first_difference(&a, &b));
    }
    assert_eq!(before.len(), after.len());
}

#[test]
fn a_redline_imports_as_its_new_draft_or_with_reject_its_old() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, old, new) in DRAFT_CASES {
        let redline = d.join(format!("{name}.docx"));
        let run = panelpaper(&["diff", old, new, "-f", "docx", "-o", s(&redline)]);
        assert!(matches!(run.status.code(), Some(0 | 1)), "{}", stderr(&run));
        for (draft, extra) in [(new, &[][..]), (old, &["--reject"][..])] {
            let label = format!("{name}{}", extra.len());
            let yaml = d.join(format!("{label}.yaml"));
            let said = import(&redline, &yaml, extra);
            // The comparison's summary is a comment on the title, listed as one.
            assert!(said.contains("warning[PP109]") && said.contains("Comparison of"), "{label}: {said}");
            assert_eq!(said.contains("warning[PP110]"), name != "unchanged", "{label}: {said}");
            let back = d.join(format!("{label}.back"));
            let run = panelpaper(&["render", s(&yaml), "-o", s(&back), "-f", "md"]);
            assert!(run.status.success(), "{label}: {}", stderr(&run));
            let expected = d.join(format!("{label}.expected"));
            let run = panelpaper(&["render", draft, "-o", s(&expected), "-f", "md"]);
            assert!(run.status.success(), "{}", stderr(&run));
            let (want, got) = (markdown_in(&expected), markdown_in(&back));
            assert!(want == got, "{label} is not {draft}:\n{}", first_difference(&want, &got));
        }
    }
}

#[test]
fn the_same_document_gives_the_same_yaml_and_standard_output_is_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_, docx) = render(&crate::common::seed_yaml(), &dir.path().join("out"), &[]);
    let first = dir.path().join("first.yaml");
    import(&docx, &first, &[]);
    let run = panelpaper(&["import", s(&docx), "-o", "-"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(run.stdout, std::fs::read(&first).unwrap(), "-o - writes the same YAML");
    let said = stderr(&run);
    assert!(
        said.starts_with("imported ")
            && said.contains(
                "into standard output: 3 sections (2 subsections), 1 recommendation, 1 attachment, 1 annex of 7 rows"
            ),
        "{said}"
    );
    // The default output is the document's name with .yaml; it may not be the input.
    let run = panelpaper(&["-q", "import", s(&docx)]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read(docx.with_extension("yaml")).unwrap(), std::fs::read(&first).unwrap());
    let run = panelpaper(&["import", s(&docx), "-o", s(&docx)]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("-o names the YAML to write"), "{}", stderr(&run));
}

#[test]
fn a_manifest_must_list_the_paper_it_gives_a_reference() {
    let dir = tempfile::tempdir().unwrap();
    let (_, docx) = render(&crate::common::seed_yaml(), &dir.path().join("out"), &[]);
    let manifest = crate::common::example_meeting_in(&dir.path().join("meeting"));
    let target = dir.path().join("meeting/new-paper.yaml");
    let run = panelpaper(&["import", s(&docx), "-o", s(&target), "--meeting", s(&manifest)]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("does not list") && stderr(&run).contains("`- file: new-paper.yaml`"),
        "{}",
        stderr(&run)
    );
    assert!(!target.exists(), "nothing is written");
}

#[test]
fn import_help_ends_with_two_examples() {
    let help = String::from_utf8(panelpaper(&["import", "--help"]).stdout).unwrap();
    let examples = help.split("Examples:\n").nth(1).expect("examples");
    let lines: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|l| l.trim_start().starts_with("panelpaper import ")), "{lines:?}");
    for option in ["--meeting", "--reject", "--out"] {
        assert!(help.contains(option), "{option} in {help}");
    }
    let explained = String::from_utf8(panelpaper(&["explain", "PP107"]).stdout).unwrap();
    assert!(explained.starts_with("## PP107 — kept as text (warning)"), "{explained}");
}

#[test]
fn bad_input_is_refused_by_name_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (_, seed) = render(&crate::common::seed_yaml(), &d.join("seed"), &[]);
    let seed = std::fs::read(seed).unwrap();
    std::fs::remove_dir_all(d.join("seed")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("notes.docx", b"Minutes of the meeting, typed in Notepad.\n".to_vec(), "PP100"),
        ("minutes.docx", ole(&["Root Entry", "WordDocument", "1Table"]), "PP100"),
        ("secret.docx", ole(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]), "PP101"),
        ("macros.docx", with_macros(&seed, false), "PP102"),
        ("macros.docm", with_macros(&seed, true), "PP102"),
        ("bomb.docx", bomb(200 << 20, 200 << 20), "PP103"),
        ("empty.docx", plain_document(&["Some notes.", "More notes, no headings, nothing numbered."]), "PP105"),
    ];
    let mut report = String::new();
    for (name, bytes, code) in &cases {
        std::fs::write(d.join(name), bytes).unwrap();
        // An earlier output in place: a failed import leaves it as it was.
        std::fs::write(d.join("out.yaml"), "earlier\n").unwrap();
        let before = crate::common::snapshot_dir(d);
        let run = run_in(d, &["import", name, "-o", "out.yaml"]);
        assert_eq!(run.status.code(), Some(1), "{name}: {}", stderr(&run));
        let said = stderr(&run);
        assert!(said.starts_with(&format!("error[{code}]: {name}: ")), "{name}: {said}");
        assert_eq!(crate::common::snapshot_dir(d), before, "{name}: the folder changed");
        report.push_str(&format!("$ panelpaper import {name} -o out.yaml\n{said}\n"));
    }
    assert_snapshot!("bad_input_stderr", report);
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_is_stopped_at_the_limit() {
    // 4 MiB of zeros that the zip says are 1 KiB, read with a 1 MiB limit on a part.
    let bytes = bomb(4 << 20, 1024);
    let options = panelpaper::import::Options {
        limits: panelpaper::import::Limits { part_bytes: 1 << 20, ..Default::default() },
        ..Default::default()
    };
    let error = panelpaper::import::import(Path::new("bomb.docx"), &bytes, &options).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("part word/document.xml inflates past the limit of 1048576 bytes"), "{message}");
    // All parts together are bounded too: two parts of 600 KiB against 1 MiB in all.
    let big = "x".repeat(600 << 10);
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{big}</w:t></w:r></w:p></w:body></w:document>"#
    );
    let styles = format!(
        r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><!-- {big} --></w:styles>"#
    );
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
    let bytes = package(&[
        ("[Content_Types].xml", content_types(DOCUMENT_TYPE).as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ]);
    let options = panelpaper::import::Options {
        limits: panelpaper::import::Limits { total_bytes: 1 << 20, ..Default::default() },
        ..Default::default()
    };
    let message = panelpaper::import::import(Path::new("big.docx"), &bytes, &options).unwrap_err().to_string();
    assert!(message.contains("part word/styles.xml says it inflates to"), "{message}");
}

/// LibreOffice's `soffice`, or `None` (and a note on stderr) when it is missing outside CI.
fn libreoffice() -> Option<PathBuf> {
    let soffice = PathBuf::from("/usr/bin/soffice");
    if soffice.exists() {
        return Some(soffice);
    }
    assert!(std::env::var_os("CI").is_none(), "LibreOffice is missing: .ci/run installs it");
    eprintln!(
        "note: LibreOffice is missing, so the three Word papers by another writer are not imported; run .ci/run to install it"
    );
    None
}

/// The manifest the localized paper is imported into: it lists it as paper 33.
const MANIFEST: &str = "committee: SECP
committee_name: SEC Panel
meeting: 80
date: 2020-03-19
defaults:
  author: Holly Burton
  team: SECAS Team
  date: 2020-03-06
papers:
  - file: incident-policy.yaml
    number: 33
";

#[test]
fn three_committee_papers_from_another_word_processor() {
    let Some(soffice) = libreoffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sources = ["typed-numbers.html", "styled-tracked.fodt", "localized.fodt"];
    for source in sources {
        std::fs::copy(root().join("tests/fixtures/import").join(source), d.join(source)).unwrap();
    }
    // LibreOffice in a profile of its own, so that nothing of the user's is read or changed
    // and another LibreOffice running does not take the job.
    let profile = format!("-env:UserInstallation=file://{}", d.join("profile").display());
    let run = Command::new(&soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", s(d)])
        .args(sources)
        .current_dir(d)
        .output()
        .unwrap();
    for source in sources {
        let docx = d.join(Path::new(source).with_extension("docx"));
        assert!(docx.exists(), "LibreOffice did not write {}: {}", docx.display(), stderr(&run));
    }
    localize(&d.join("localized.docx"), &d.join("localized-de.docx"));
    std::fs::create_dir_all(d.join("meeting")).unwrap();
    std::fs::write(d.join("meeting/meeting.yaml"), MANIFEST).unwrap();

    let papers: [(&str, &str, &[&str]); 4] = [
        ("typed_numbers", "typed-numbers.docx", &["-o", "typed-numbers.yaml"]),
        ("styled_tracked", "styled-tracked.docx", &["-o", "styled-tracked.yaml"]),
        ("styled_tracked_rejected", "styled-tracked.docx", &["-o", "rejected.yaml", "--reject"]),
        (
            "localized",
            "localized-de.docx",
            &["-o", "meeting/incident-policy.yaml", "--meeting", "meeting/meeting.yaml"],
        ),
    ];
    for (name, docx, extra) in papers {
        let mut args = vec!["-q", "import", docx];
        args.extend_from_slice(extra);
        let run = run_in(d, &args);
        assert!(run.status.success(), "{name}: {}", stderr(&run));
        let yaml = extra[1];
        assert_snapshot!(format!("{name}_yaml"), std::fs::read_to_string(d.join(yaml)).unwrap());
        assert_snapshot!(format!("{name}_stderr"), stderr(&run));
        // What import writes, check accepts (in the meeting for the meeting's paper).
        let mut check = vec!["check", yaml];
        if extra.contains(&"--meeting") {
            check.extend(["--meeting", "meeting/meeting.yaml"]);
        }
        let run = run_in(d, &check);
        assert!(run.status.success(), "{name}: {}", stderr(&run));
    }
    // Accepted and rejected, the tracked changes' words.
    let accepted = std::fs::read_to_string(d.join("styled-tracked.yaml")).unwrap();
    let rejected = std::fs::read_to_string(d.join("rejected.yaml")).unwrap();
    assert!(accepted.contains("carries six modifications") && rejected.contains("carries five modifications"));
    assert!(accepted.contains("release, its tests; and") && rejected.contains("release; and"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(30),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Whatever the document holds, import gives a paper whose YAML reads back, or an
    /// error naming the file: it never panics, and what it writes `check`'s loader reads.
    #[test]
    fn any_document_is_imported_or_refused_never_a_panic(
        paragraphs in proptest::collection::vec((proptest::prelude::any::<u8>(), proptest::prelude::any::<u8>(), proptest::prelude::any::<bool>()), 0..40),
        table_at in 0usize..40,
    ) {
        let bytes = generated(&paragraphs, table_at);
        match panelpaper::import::import(Path::new("generated.docx"), &bytes, &panelpaper::import::Options::default()) {
            Ok(imported) => {
                let loaded = panelpaper::load::parse::<panelpaper::load::PaperSource>(Path::new("generated.yaml"), &imported.yaml);
                proptest::prop_assert!(loaded.is_ok_and(|l| l.value == imported.paper));
                // And it passes check's rules (the fonts' aside: the texts hold CJK on purpose).
                let checks = panelpaper::pipeline::Checks { edition: None, paged: false, allow_outside: false };
                let checked = panelpaper::pipeline::prepare_text_with(Path::new("generated.yaml"), &imported.yaml, checks);
                proptest::prop_assert!(checked.is_ok(), "{}\n{}", imported.yaml, checked.err().map(|e| e.to_string()).unwrap_or_default());
            }
            Err(panelpaper::Error::Invalid(problems)) => {
                proptest::prop_assert!(problems.0.iter().all(|d| d.file == Path::new("generated.docx")));
            }
            Err(other) => proptest::prop_assert!(false, "{other}"),
        }
    }
}

#[test]
fn words_own_heading_numbers_and_numbered_recommendations() {
    // Headings numbered by Word's outline numbering (in the style, not typed), lower-case
    // verbs in a numbered list, the sign-off on paragraphs of its own, the class in the
    // title block: what a document made in Word from its own templates looks like.
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let styles = format!(
        r#"<w:styles {w}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style></w:styles>"#
    );
    let numbering = format!(
        r#"<w:numbering {w}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let p = |style: &str, numbered: bool, text: &str| {
        let properties = match (style, numbered) {
            ("", _) => String::new(),
            (style, false) => format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#),
            (style, true) => format!(
                r#"<w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>"#
            ),
        };
        format!("<w:p>{properties}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    };
    let body = [
        p("", false, "Paper Reference: OPSG_30_0502_07"),
        p("", false, "Classification: AMBER"),
        p("Title", false, "Operations Group Update"),
        p("Heading1", false, "Purpose"),
        p("", false, "This paper updates the Panel."),
        p("Heading1", false, "Recommendations"),
        p("", false, "The Panel is requested to:"),
        p("ListParagraph", true, "note the update; and"),
        p("ListParagraph", true, "agree the plan."),
        p("", false, "Jo Bloggs"),
        p("", false, "SECAS Team"),
        p("", false, "29 January 2020"),
    ]
    .concat();
    let document = format!(r#"<w:document {w}><w:body>{body}</w:body></w:document>"#);
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;
    let bytes = package(&[
        ("[Content_Types].xml", content_types(DOCUMENT_TYPE).as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", numbering.as_bytes()),
    ]);
    let imported =
        panelpaper::import::import(Path::new("word.docx"), &bytes, &panelpaper::import::Options::default()).unwrap();
    let paper = imported.paper;
    assert_eq!((paper.title.as_str(), paper.classification.as_str()), ("Operations Group Update", "AMBER"));
    assert_eq!((paper.committee.as_deref(), paper.meeting, paper.number), (Some("OPSG"), Some(30), Some(7)));
    assert_eq!(paper.meeting_date.as_deref(), Some("2020-02-05"));
    assert_eq!(paper.sections.len(), 1);
    assert_eq!(
        (paper.sections[0].heading.as_str(), paper.sections[0].body.as_str()),
        ("Purpose", "This paper updates the Panel.\n")
    );
    let items: Vec<(&str, &str)> =
        paper.recommendations.items.iter().map(|i| (i.verb.as_str(), i.text.as_str())).collect();
    assert_eq!(items, [("NOTE", "the update; and"), ("AGREE", "the plan.")]);
    assert_eq!(paper.action, "For Decision", "from the verbs");
    assert_eq!(
        (paper.author.as_deref(), paper.team.as_deref(), paper.date.as_deref()),
        (Some("Jo Bloggs"), Some("SECAS Team"), Some("2020-01-29"))
    );
    let codes: Vec<&str> = imported.warnings.0.iter().map(|d| d.kind.code()).collect();
    assert_eq!(codes, ["PP111"], "only the action is guessed: {:?}", imported.warnings);
}

#[test]
fn a_character_no_pdf_font_shows_is_a_warning_and_the_yaml_is_written() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cjk.docx"), generated(&[(6, 15, false)], usize::MAX)).unwrap();
    let run = run_in(dir.path(), &["-q", "import", "cjk.docx", "-o", "new/cjk.yaml"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("warning[PP114]: cjk.docx: sections[0].body: character '漢' (U+6F22)"),
        "{}",
        stderr(&run)
    );
    let yaml = std::fs::read_to_string(dir.path().join("new/cjk.yaml")).unwrap();
    assert!(yaml.contains("İİ Ωμέγα 漢字"), "{yaml}");
    // As documented, check (which applies the PDF's fonts) refuses it until it is replaced;
    // Markdown renders it.
    let run = run_in(dir.path(), &["check", "new/cjk.yaml"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("PP051"), "{}", stderr(&run));
    let run = run_in(dir.path(), &["render", "new/cjk.yaml", "-f", "md", "-o", "out"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn papers_saved_again_by_libreoffice_come_back_as_the_same_markdown() {
    // Another writer's DOCX of the same papers: LibreOffice opens each of panelpaper's Word
    // papers and saves it again in its own way (its own styles part, numbering, run
    // properties, relationships); importing that gives the same Markdown all the same.
    let Some(soffice) = libreoffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut papers = good_fixtures();
    papers.push(crate::common::seed_yaml());
    let mut expected = Vec::new();
    for (i, paper) in papers.iter().enumerate() {
        let (markdown, docx) = render(paper, &d.join(format!("{i}.out")), &[]);
        std::fs::copy(&docx, d.join(format!("paper{i}.docx"))).unwrap();
        expected.push(markdown);
    }
    let profile = format!("-env:UserInstallation=file://{}", d.join("profile").display());
    let inputs: Vec<String> = (0..papers.len()).map(|i| format!("paper{i}.docx")).collect();
    let run = Command::new(&soffice)
        .args([profile.as_str(), "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", "again"])
        .args(&inputs)
        .current_dir(d)
        .output()
        .unwrap();
    for (i, (paper, markdown)) in papers.iter().zip(&expected).enumerate() {
        let again = d.join(format!("again/paper{i}.docx"));
        assert!(again.exists(), "LibreOffice did not save {}: {}", paper.display(), stderr(&run));
        assert_ne!(std::fs::read(&again).unwrap(), std::fs::read(d.join(&inputs[i])).unwrap(), "saved anew");
        let yaml = d.join(format!("again{i}.yaml"));
        import(&again, &yaml, &[]);
        let back = d.join(format!("again{i}.back"));
        let run = panelpaper(&["render", s(&yaml), "-o", s(&back), "-f", "md"]);
        assert!(run.status.success(), "{}: {}", paper.display(), stderr(&run));
        let (got, markdown) = (nfc(&markdown_in(&back)), nfc(markdown));
        assert!(got == markdown, "{}:\n{}", paper.display(), first_difference(&markdown, &got));
    }
}

#[test]
fn a_portion_marked_paper_records_its_base_class_for_import() {
    let dir = tempfile::tempdir().unwrap();
    // The classified fixture: base WHITE, marked RED by its parts.
    let (_, docx) = render(&root().join("tests/fixtures/classified.yaml"), &dir.path().join("c"), &[]);
    let custom = crate::common::docx::part(&std::fs::read(&docx).unwrap(), "docProps/custom.xml");
    assert!(custom.contains(r#"name="panelpaper:base-class"><vt:lpwstr>WHITE</vt:lpwstr>"#), "{custom}");
    let yaml = dir.path().join("c.yaml");
    import(&docx, &yaml, &[]);
    let back = std::fs::read_to_string(&yaml).unwrap();
    assert!(back.lines().any(|l| l == "classification: WHITE"), "{back}");
    // A paper marked by its base class records nothing: its Word file is as before.
    let (_, seed) = render(&crate::common::seed_yaml(), &dir.path().join("s"), &[]);
    let custom = crate::common::docx::part(&std::fs::read(&seed).unwrap(), "docProps/custom.xml");
    assert!(!custom.contains("base-class"), "{custom}");
}

/// A document nesting its elements past what any Word paper does (20,000 content controls
/// in 4 KB: the reader's recursion overflowed the stack) is refused by name, nothing
/// written; nesting within the bound (100 content controls, 200 elements) is read.
#[test]
fn a_document_nested_past_the_bound_is_refused_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("deep.docx"), nested_document(20_000)).unwrap();
    let run = run_in(d, &["import", "deep.docx", "-o", "out.yaml"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).starts_with("error[PP104]: deep.docx: word/document.xml nests its elements more than 256 deep"),
        "{}",
        stderr(&run)
    );
    assert!(!d.join("out.yaml").exists());
    std::fs::write(d.join("nested.docx"), nested_document(100)).unwrap();
    // Read through: its one paragraph gives no sections (PP105), not a refusal of its XML.
    let run = run_in(d, &["import", "nested.docx", "-o", "-"]);
    assert!(stderr(&run).starts_with("error[PP105]: nested.docx: no numbered sections"), "{}", stderr(&run));
}
