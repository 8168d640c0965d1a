//! Issue 25: nothing above an edition escapes, nothing outside reaches in, and no input
//! that `check` accepts crashes a run or makes it run away. Each hostile input is made up
//! here, fresh; each test failed before the change it holds.

use crate::common::*;
use panelpaper::markdown::Templates;
use panelpaper::pipeline::{self, RenderRequest};
use panelpaper::writers::{Format, Formats};
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
    let seed = std::fs::read_to_string(root().join(SEED_TYPED)).unwrap();
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let prepared = pipeline::prepare_text(Path::new("limit.yaml"), &limit).unwrap();
            let formats = Formats::ALL;
            let request =
                RenderRequest { out: Path::new("out"), formats, source_date_epoch: Some(0), keep_markdown: false };
            let rendered = pipeline::render(&prepared, &Templates::embedded(), &request).unwrap();
            assert_eq!(rendered.files.len(), 4);
            let old = pipeline::prepare_text(Path::new("seed.yaml"), &seed).unwrap();
            let alignment = panelpaper::diff::Alignment::of(&old.paper, &prepared.paper);
            let redlined = panelpaper::diff::redline(&old.paper, &prepared.paper, &alignment, "seed and limit");
            let markdown = Templates::embedded().render_paper(&redlined).unwrap();
            panelpaper::writers::pages(Path::new("redline"), &markdown).unwrap().finish();
            let dated = panelpaper::writers::Dated { date: redlined.date, source_date_epoch: Some(0), author: None };
            panelpaper::writers::write(
                Formats::of([Format::Docx]),
                &markdown,
                Path::new("r"),
                &Templates::embedded(),
                dated,
            )
            .unwrap();
        })
        .unwrap()
        .join()
        .expect("no stack overflow at the limit");
}

/// The seed's `from` texts replaced by `to`, in order, written as `name` in `dir`.
fn seed_with_all(dir: &Path, name: &str, changes: &[(&str, &str)]) -> PathBuf {
    let mut text = std::fs::read_to_string(root().join(SEED_TYPED)).unwrap();
    for (from, to) in changes {
        assert!(text.contains(from), "{from:?} is in the seed");
        text = text.replacen(from, to, 1);
    }
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    file
}

/// What no Markdown viewer may make of a paper's `.md`: elements, handlers and addresses
/// an author could forge a banner or run a script with.
const FORBIDDEN: [&str; 14] = [
    "<script",
    "<svg",
    "<iframe",
    "<style",
    "<img",
    "<div",
    "<marquee",
    "<object",
    "onload=",
    "onerror=",
    "href=\"javascript",
    "href=\"vbscript",
    "href=\"data:",
    "href=\"file:",
];

/// The HTML of the `.md` as Markdown viewers show it: markdown-it (VS Code's preview,
/// raw HTML on) and pandoc's GitHub reader; each one missing is said (under CI, a failure).
fn viewers(md: &Path) -> Vec<(String, String)> {
    let mut shown = Vec::new();
    match crate::html::browser() {
        Some(dir) => {
            let run = std::process::Command::new("node").arg(dir.join("viewers.mjs")).arg(md).output().unwrap();
            assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
            let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
            shown.push(("markdown-it".into(), json["markdown-it"].as_str().unwrap().to_string()));
        }
        None => eprintln!("note: markdown-it not run (tests/browser/node_modules missing)"),
    }
    match std::process::Command::new("pandoc").args(["-f", "gfm", "-t", "html"]).arg(md).output() {
        Ok(run) => {
            assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
            shown.push(("pandoc".into(), String::from_utf8(run.stdout).unwrap()));
        }
        Err(_) => {
            assert!(std::env::var_os("CI").is_none(), "pandoc is missing: .ci/run installs it");
            eprintln!("note: pandoc is missing: .ci/run installs it");
        }
    }
    shown
}

#[test]
fn markup_and_unfollowable_links_in_author_text_are_inert_in_the_md_and_every_output() {
    let dir = tempfile::tempdir().unwrap();
    // In a body, a line of comments around markup is raw HTML, refused at its place.
    let forged = seed_with_body(
        dir.path(),
        "banner.yaml",
        "<!-- keep --> <p class=\"tlp\">TLP:CLEAR</p> <svg onload=alert(document.domain)> <!-- end -->",
    );
    let run = panelpaper(&["check", s(&forged)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("banner.yaml:27:7: sections[0].body: raw HTML `<!-- keep --> <p class=\"tlp\">"),
        "{}",
        stderr(&run)
    );

    // One-line texts may hold `<` (they are printed as written); links may lead anywhere
    // an author types. Neither may become markup or a followable script.
    let paper = seed_with_all(
        dir.path(),
        "inert.yaml",
        &[
            ("title: DCC Reporting", "title: \"DCC Reporting <iframe srcdoc='<b>x</b>'></iframe>\""),
            ("  - heading: Purpose", "  - heading: \"Purpose <marquee>TLP:CLEAR</marquee>\""),
            ("team: SECAS Team", "team: \"<style>footer{display:none}</style>\""),
            (
                "      This paper details which",
                "      Open [the form](vbscript:msgbox(1)), [the data](data:text/html;base64,PGI+) or <file:///etc/shadow>.\n\n      This paper details which",
            ),
        ],
    );
    let out = dir.path().join("out");
    let run = panelpaper(&["render", s(&paper), "-o", s(&out), "-f", "md,pdf,html,docx"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let md_file = out.join("SECP_78_1303_29.md");
    let md = std::fs::read_to_string(&md_file).unwrap();
    for (viewer, html) in viewers(&md_file) {
        for forbidden in FORBIDDEN {
            assert!(!html.contains(forbidden), "{viewer} shows {forbidden:?} from the .md:\n{html}");
        }
        assert!(html.contains("DCC Reporting &lt;iframe"), "{viewer} shows the title as written:\n{html}");
    }
    assert!(md.contains("the form (vbscript\\:msgbox\\(1\\))"), "{md}");
    // Every output shows the same words, and follows none of those links.
    let pdf = crate::common::pdf::ReadPdf::new(&std::fs::read(out.join("SECP_78_1303_29.pdf")).unwrap());
    let text = pdf.text();
    for shown in [
        "DCC Reporting <iframe srcdoc='<b>x</b>'></iframe>",
        "Purpose <marquee>TLP:CLEAR</marquee>",
        "the form (vbscript:msgbox(1))",
        "the data (data:text/html;base64,PGI+)",
        "<file:///etc/shadow>",
        "<style>footer{display:none}</style>",
    ] {
        assert!(text.contains(shown), "the PDF shows {shown:?}: {text}");
    }
    let schemes = ["vbscript", "data:", "file:", "javascript"];
    assert!(pdf.link_targets().iter().all(|t| !schemes.iter().any(|s| t.starts_with(s))), "{:?}", pdf.link_targets());
    let html = std::fs::read_to_string(out.join("SECP_78_1303_29.html")).unwrap();
    // (The page's own stylesheet is a `<style>`; the author's is text.)
    for forbidden in FORBIDDEN.iter().filter(|f| **f != "<style") {
        assert!(!html.contains(forbidden), "the HTML holds {forbidden:?}");
    }
    assert_eq!(html.matches("<style").count(), 1, "{html}");
    assert!(html.contains("the form (vbscript:msgbox(1))"), "{html}");
    let docx = std::fs::read(out.join("SECP_78_1303_29.docx")).unwrap();
    let rels = crate::common::docx::part(&docx, "word/_rels/document.xml.rels");
    assert!(!schemes.iter().any(|s| rels.contains(&format!("Target=\"{s}"))), "{rels}");
    assert!(crate::common::docx::part(&docx, "word/document.xml").contains("the form (vbscript:msgbox(1))"));
}

#[test]
fn a_template_that_drops_the_marking_is_an_error_never_a_white_document() {
    let dir = tempfile::tempdir().unwrap();
    let amber = seed_with(dir.path(), "amber.yaml", "classification: WHITE", "classification: AMBER");
    let paper = std::fs::read_to_string(root().join("templates/paper.md")).unwrap();
    let cases = [
        ("no-front", paper.replacen("{{ front_matter }}\n", "", 1), "it must begin with `{{ front_matter }}`"),
        (
            "forged-front",
            paper.replacen("{{ front_matter }}", "---\ntitle: \"x\"\nclassification: \"WHITE\"\n---", 1),
            "it must begin with `{{ front_matter }}`",
        ),
        ("late-front", format!("# Draft\n\n{paper}"), "it must begin with `{{ front_matter }}`"),
        ("no-statement", paper.replacen("{{ statement }}", "Shared freely.", 1), "`{{ statement }}`"),
        ("no-footer", paper.replacen("<!-- footer -->", "", 1), "`{{ statement }}`"),
    ];
    for (name, template, said) in cases {
        let templates = dir.path().join(name);
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("paper.md"), template).unwrap();
        for command in ["check", "render"] {
            let out = dir.path().join(format!("out-{name}"));
            let mut args = vec![command, s(&amber), "--templates", s(&templates)];
            if command == "render" {
                args.extend(["-o", s(&out), "-f", "md,pdf,html,docx"]);
            }
            let run = panelpaper(&args);
            assert_eq!(run.status.code(), Some(1), "{name} {command}: {}", stderr(&run));
            let expected = format!(
                "{}: template `paper.md` leaves out what every output needs",
                templates.join("paper.md").display()
            );
            assert!(
                stderr(&run).contains(&expected) && stderr(&run).contains(said),
                "{name} {command}: {}",
                stderr(&run)
            );
            assert!(!out.exists(), "{name}: nothing written");
        }
    }
}

#[test]
fn a_class_in_data_is_taken_in_one_shape_only_and_copies_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Each gives "Site 9 outage" a class in a shape that would otherwise print it as
    // ordinary data in every edition (the body prints `{{ data.leak }}`).
    let cases = [
        (
            "third-key",
            "  leak: {value: Site 9 outage, classification: RED, note: ops}\n",
            "data.leak.classification: `data.leak` gives a class, but not",
        ),
        (
            "cased",
            "  leak: {Value: Site 9 outage, Classification: RED}\n",
            "data.leak.Classification: `data.leak` gives a class, but not",
        ),
        (
            "nested",
            "  leak:\n    detail: {value: Site 9 outage, classification: AMBER}\n",
            "data.leak.detail.classification: a class inside a `data` value",
        ),
        (
            "listed",
            "  leak:\n    - Site 1 fine\n    - {value: Site 9 outage, classification: RED}\n",
            "data.leak[1].classification: a class inside a `data` value",
        ),
        (
            "not-a-name",
            "  leak: {value: Site 9 outage, classification: [RED]}\n",
            "data.leak.classification: `data.leak` gives a class, but not",
        ),
        ("alias", "  secret: {value: &s Site 9 outage, classification: RED}\n  leak: *s\n", "data.leak: a YAML alias"),
        (
            "merge",
            "  secret: &m {value: Site 9 outage, classification: RED}\n  leak:\n    <<: *m\n",
            "data.leak: a YAML merge key",
        ),
    ];
    for (name, data, said) in cases {
        let file = seed_with_all(
            dir.path(),
            &format!("{name}.yaml"),
            &[
                ("data:\n", &format!("data:\n{data}")),
                ("      This paper details which", "      Status: {{ data.leak }}.\n\n      This paper details which"),
            ],
        );
        let run = panelpaper(&["check", s(&file)]);
        assert_eq!(run.status.code(), Some(1), "{name}: {}", stderr(&run));
        assert!(stderr(&run).contains(said), "{name}: expected {said:?} in\n{}", stderr(&run));
        let out = dir.path().join(format!("out-{name}"));
        let run = panelpaper(&["render", s(&file), "-o", s(&out), "--edition", "GREEN"]);
        assert_eq!(run.status.code(), Some(1), "{name}: {}", stderr(&run));
        assert!(!stderr(&run).contains("Site 9"), "{name}: {}", stderr(&run));
        assert!(!out.exists());
    }
    // `&` and `*` in text are neither anchors nor aliases.
    let file = seed_with_all(
        dir.path(),
        "text.yaml",
        &[("title: DCC Reporting", "title: \"DCC Reporting & *other* matters\"")],
    );
    let run = panelpaper(&["check", s(&file)]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn an_editions_problems_name_nothing_it_withholds() {
    let dir = tempfile::tempdir().unwrap();
    // Each problem lies inside a RED part and names a word of it ("quokka…"); the GREEN
    // edition's run must fail saying where, never what.
    let cases: [(&str, Vec<(&str, &str)>); 7] = [
        (
            "duplicate-in-section",
            vec![(
                "  - heading: Purpose\n",
                concat!("  - heading: Purpose\n    classification: RED\n", "    quokkaphase: 1\n    quokkaphase: 2\n"),
            )],
        ),
        (
            "unknown-in-section",
            vec![(
                "  - heading: Purpose\n",
                concat!("  - heading: Purpose\n    classification: RED\n", "    quokkanote: hidden\n"),
            )],
        ),
        ("duplicate-in-data", vec![("data:\n", "data:\n  quokkaplan: {value: x, classification: RED, value: y}\n")]),
        ("cased-data", vec![("data:\n", "data:\n  quokkasite: {Value: Site 9, Classification: RED}\n")]),
        (
            "unknown-in-recommendation",
            vec![("    - verb: NOTE\n", "    - verb: NOTE\n      classification: RED\n      quokkaflag: yes\n")],
        ),
        (
            "wrong-row",
            vec![(
                "      - - \"1\"\n",
                "      - classification: RED\n        cells: [\"1\", {quokkacell: 1}, \"x\", \"y\"]\n      - - \"1\"\n",
            )],
        ),
        (
            "syntax-in-section",
            vec![(
                "  - heading: Purpose\n",
                concat!("  - heading: Purpose\n    classification: RED\n", "    body: \"quokkaquote\n"),
            )],
        ),
    ];
    for (name, changes) in &cases {
        let file = seed_with_all(dir.path(), &format!("{name}.yaml"), changes);
        let full = panelpaper(&["check", s(&file)]);
        assert_ne!(full.status.code(), Some(0), "{name}: check fails");
        let out = dir.path().join(format!("out-{name}"));
        for args in [
            vec!["render", s(&file), "-o", s(&out), "-f", "md,pdf,html,docx", "--edition", "GREEN"],
            vec!["diff", SEED, s(&file), "--edition", "GREEN", "-f", "text"],
            vec!["--message-format", "json", "render", s(&file), "-o", s(&out), "--edition", "GREEN"],
        ] {
            let run = panelpaper(&args);
            assert!(!run.status.success(), "{name} {args:?}");
            let said = stderr(&run) + &String::from_utf8_lossy(&run.stdout);
            assert!(!said.to_lowercase().contains("quokka"), "{name} {args:?} names a withheld word:\n{said}");
            assert!(!said.contains("Site 9"), "{name} {args:?}:\n{said}");
            assert!(said.contains("a problem in a part the GREEN edition withholds"), "{name} {args:?}:\n{said}");
            assert!(!out.exists(), "{name}: nothing written");
        }
    }
    // The preview's overlay is made from the same problems.
    let file = dir.path().join("unknown-in-section.yaml");
    let mut session = panelpaper::site::Site::new(
        panelpaper::site::Settings {
            edition: Some(panelpaper::domain::Classification::Green),
            ..panelpaper::site::Settings::new(&dir.path().join("watched"), Formats::of([Format::Md, Format::Html]))
        },
        panelpaper::site::Inputs::Either(file.clone()),
    )
    .unwrap()
    .incremental();
    let error = session.build(&[file]).unwrap_err().to_string();
    assert!(!error.contains("quokka") && error.contains("GREEN edition withholds"), "{error}");
}

/// Names of the files in `dir`, sorted (panelpaper's record left out).
fn names_in(dir: &Path) -> Vec<String> {
    snapshot_dir(dir).into_iter().map(|(name, _)| name).collect()
}

#[test]
fn a_run_owns_its_output_folder_and_an_edition_folder_never_keeps_a_higher_editions_file() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(&dir.path().join("meeting"));
    // Paper 27 is AMBER: make paper 26 RED as well.
    let revocation = dir.path().join("meeting/mp-revocation.yaml");
    let text = std::fs::read_to_string(&revocation).unwrap().replace("classification: WHITE", "classification: RED");
    std::fs::write(&revocation, text).unwrap();
    let out = dir.path().join("out");
    let build = |extra: &[&str]| {
        let mut args = vec!["build", s(&manifest), "-o", s(&out), "-f", "md,pdf,html,docx", "--pack"];
        args.extend_from_slice(extra);
        panelpaper(&args)
    };
    let full = build(&[]);
    assert!(full.status.success(), "{}", stderr(&full));
    assert!(names_in(&out).contains(&"SECP_78_1303_26.pdf".to_string()));
    let green = build(&["--edition", "GREEN"]);
    assert!(green.status.success(), "{}", stderr(&green));
    let names = names_in(&out);
    for withheld in ["SECP_78_1303_26", "SECP_78_1303_27"] {
        assert!(!names.iter().any(|n| n.starts_with(withheld)), "{withheld} is left in the GREEN folder: {names:?}");
    }
    assert!(
        stderr(&green).contains("removed 8 outputs of an earlier run that this one does not make"),
        "{}",
        stderr(&green)
    );
    // A watch of the GREEN edition into the full build's folder serves no RED file either.
    assert!(build(&[]).status.success());
    let mut session = panelpaper::site::Site::new(
        panelpaper::site::Settings {
            edition: Some(panelpaper::domain::Classification::Green),
            ..panelpaper::site::Settings::new(&out.clone(), Formats::of([Format::Md, Format::Html]))
        },
        panelpaper::site::Inputs::Either(manifest.clone()),
    )
    .unwrap()
    .incremental();
    let report = session.build(std::slice::from_ref(&manifest)).unwrap();
    assert!(!report.removed.is_empty());
    let names = names_in(&out);
    assert!(!names.iter().any(|n| n.starts_with("SECP_78_1303_26") || n.ends_with("pack.pdf")), "{names:?}");

    // A render of one paper after another: the folder holds the last run's outputs.
    let papers = dir.path().join("papers");
    for paper in ["minimal.yaml", "classified.yaml"] {
        let run = panelpaper(&["render", s(&fixture(paper)), "-o", s(&papers), "-f", "md"]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    assert_eq!(names_in(&papers).len(), 1, "{:?}", names_in(&papers));
}

#[test]
fn a_folder_holding_files_panelpaper_did_not_write_is_refused_unless_written_beside() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("board-notes.txt"), "the chair's own notes").unwrap();
    std::fs::write(out.join(".gitignore"), "*\n").unwrap();
    let render = |extra: &[&str]| {
        let mut args = vec!["render", SEED, "-o", s(&out), "-f", "md,pdf"];
        args.extend_from_slice(extra);
        panelpaper(&args)
    };
    let refused = render(&[]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("holds files panelpaper did not write there (`board-notes.txt`)"),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("--force"), "{}", stderr(&refused));
    assert_eq!(names_in(&out), [".gitignore", "board-notes.txt"]);
    let beside = render(&["--force"]);
    assert!(beside.status.success(), "{}", stderr(&beside));
    assert_eq!(names_in(&out), [".gitignore", "SECP_78_1303_29.md", "SECP_78_1303_29.pdf", "board-notes.txt"]);
    assert_eq!(std::fs::read_to_string(out.join("board-notes.txt")).unwrap(), "the chair's own notes");
    // An output changed since panelpaper wrote it is someone's work now: never removed.
    std::fs::remove_file(out.join("board-notes.txt")).unwrap();
    std::fs::write(out.join("SECP_78_1303_29.md"), "edited by hand").unwrap();
    let refused = panelpaper(&["render", s(&fixture("minimal.yaml")), "-o", s(&out), "-f", "md"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("changed since: it is not removed"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(out.join("SECP_78_1303_29.md")).unwrap(), "edited by hand");
    // A record that does not verify is not trusted to remove anything.
    std::fs::write(out.join(".panelpaper-outputs"), "panelpaper-outputs 1\n00\t\"../x\"\nend\t0\n").unwrap();
    let refused = render(&[]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("record of outputs does not verify"), "{}", stderr(&refused));
}

#[test]
fn a_planted_journal_is_refused_and_never_acts_outside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let outside = dir.path().join("elsewhere");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("victim.txt"), "precious").unwrap();
    let first = panelpaper(&["render", SEED, "-o", s(&out), "-f", "md"]);
    assert!(first.status.success(), "{}", stderr(&first));
    std::os::unix::fs::symlink(&outside, out.join("link")).unwrap();
    std::os::unix::fs::symlink(outside.join("victim.txt"), out.join("victim.md")).unwrap();
    let stage = out.join(".panelpaper-stage");
    // A journal with a good checksum (computed as panelpaper does) but a step through a
    // link, or onto a link, and one that is not panelpaper's at all.
    let journal = |steps: &str| {
        let body = format!("panelpaper-journal 2\n{steps}");
        format!("{body}end\t{:032x}\n", xxhash_rust::xxh3::xxh3_128(body.as_bytes()))
    };
    for (name, text, said) in [
        ("through a link", journal("put\t0\t\"link/victim.txt\"\n"), "names a file outside the output folder"),
        ("onto a link", journal("put\t0\t\"victim.md\"\n"), "`victim.md` is a link or a folder"),
        ("removing through a link", journal("remove\t\"victim.md\"\n"), "`victim.md` is a link or a folder"),
        ("older and unchecked", "0\t\"link/victim.txt\"\n".to_string(), "it has no end line"),
        ("altered", journal("put\t0\t\"A.md\"\n").replace("A.md", "B.md"), "checksum does not match"),
    ] {
        std::fs::create_dir_all(&stage).unwrap();
        std::fs::write(stage.join("0"), "planted").unwrap();
        std::fs::write(out.join(".panelpaper-journal"), &text).unwrap();
        let run = panelpaper(&["render", SEED, "-o", s(&out), "-f", "md", "--force"]);
        assert_eq!(run.status.code(), Some(2), "{name}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("holds a journal that panelpaper will not follow") && stderr(&run).contains(said),
            "{name}: {}",
            stderr(&run)
        );
        assert_eq!(std::fs::read_to_string(outside.join("victim.txt")).unwrap(), "precious", "{name}");
        assert!(std::fs::symlink_metadata(out.join("victim.md")).unwrap().file_type().is_symlink(), "{name}");
    }
}

#[test]
fn labels_authors_and_file_names_never_break_a_document_and_escaped_marks_read_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let new = seed_with(
        dir.path(),
        "draft\u{1b}[31m\u{7}.yaml",
        "This paper details which",
        "This paper \\{++lists++} which",
    );
    let out = dir.path().join("redline.docx");
    for (flag, value) in [("--author", "Clerk\u{7}"), ("--old-label", "v1\u{FFFE}"), ("--new-label", "v2\u{1b}")] {
        let run = panelpaper(&["diff", SEED, s(&new), "-f", "docx", "-o", s(&out), flag, value]);
        assert_eq!(run.status.code(), Some(2), "{flag}: {}", stderr(&run));
        assert!(stderr(&run).contains(&format!("{flag} holds the control character")), "{}", stderr(&run));
        assert!(!out.exists());
    }
    // The file's own name is the new draft's label: written out, every part well formed.
    let run = panelpaper(&["diff", SEED, s(&new), "-f", "docx", "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(!stderr(&run).contains('\u{1b}'), "the terminal gets no escape sequence");
    let docx = std::fs::read(&out).unwrap();
    for (name, xml) in crate::common::docx::parts(&docx) {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    let body = crate::common::docx::part(&docx, "word/document.xml");
    let xml = roxmltree::Document::parse(&body).unwrap();
    let text: String = xml.descendants().filter(|n| n.has_tag_name("t")).filter_map(|n| n.text()).collect();
    assert!(
        text.contains("{++lists++}") && !text.contains("&#123;"),
        "the author's escaped mark reads as written: {text}"
    );
}

/// A table wider than a page could ever show is refused at its place by check, before any
/// layout (a 60,000-column table in 2.6 MB took 6 GB), in a body and in an annex.
#[test]
fn a_table_past_the_column_limit_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let header = format!("|{}|", vec!["a"; 40].join("|"));
    let rule = format!("|{}|", vec!["-"; 40].join("|"));
    let body = format!("{header}\n{rule}\n{header}");
    let paper = seed_with_body(dir.path(), "wide.yaml", &body);
    let run = panelpaper(&["check", s(&paper)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("wide.yaml:27:7: sections[0].body: a table of 40 columns, more than the 32"),
        "{}",
        stderr(&run)
    );
    let columns: Vec<String> = (0..33).map(|c| format!("C{c}")).collect();
    let row: Vec<String> = (0..33).map(|c| format!("v{c}")).collect();
    let minimal = std::fs::read_to_string(root().join("tests/fixtures/minimal.yaml")).unwrap();
    let annexed = dir.path().join("wide-annex.yaml");
    let (head, _) = minimal.split_once("annexes:\n").unwrap();
    let text = format!(
        "{head}annexes:\n  - title: Wide\n    columns: [{}]\n    rows:\n      - [{}]\n",
        columns.join(", "),
        row.join(", ")
    );
    std::fs::write(&annexed, text).unwrap();
    let run = panelpaper(&["check", s(&annexed)]);
    assert!(
        stderr(&run).contains("annexes[0].columns: 33 columns, more than the 32 an annex may have"),
        "{}",
        stderr(&run)
    );
}
