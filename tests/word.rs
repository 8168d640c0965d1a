//! Word documents: the DOCX read back (zip + XML), and read by a real word processor —
//! LibreOffice, headless, driven by `tests/word/tracked.py` — which prints the seed and
//! accepts and rejects every tracked change of the six redlines.
//!
//! The word processor is installed by `.ci/run` (Debian's libreoffice-writer-nogui and
//! python3-uno); without it those tests are skipped, visibly, and fail under CI
//! (`common::tools`).

use crate::common::docx::{W, all, attr, part, parts, style, text};
use crate::common::pdf::fold;
use crate::common::{
    DRAFT_CASES, MINIMAL, SEED, WHITE_STATEMENT, fixture, panelpaper, root, s, seed_lines, seed_with, seed_yaml, stderr,
};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `paper` rendered as DOCX into `out`: its bytes.
fn render_docx(paper: &Path, out: &Path, extra: &[&str]) -> Vec<u8> {
    std::fs::read(crate::common::render_one(paper, out, "docx", extra)).unwrap()
}

/// The redline of `old` and `new` as DOCX at `file`, with `extra` arguments and
/// environment; its exit code.
fn diff_docx(old: &str, new: &str, file: &Path, extra: &[&str], env: &[(&str, &str)]) -> Option<i32> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_panelpaper"));
    command.args(["diff", old, new, "-f", "docx", "-o", s(file)]).args(extra).current_dir(root());
    command.env_remove("SOURCE_DATE_EPOCH").envs(env.iter().copied());
    let run = command.output().unwrap();
    assert!(matches!(run.status.code(), Some(0 | 1)), "{}", stderr(&run));
    run.status.code()
}

/// `text` with its white space runs as single spaces.
fn squash_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn the_seed_is_a_word_document_in_words_own_structure() {
    let out = tempfile::tempdir().unwrap();
    let docx = render_docx(&seed_yaml(), out.path(), &[]);

    let styles = part(&docx, "word/styles.xml");
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let named: Vec<(&str, &str, &str)> = all(styles.root(), "style")
        .map(|s| {
            let name = all(s, "name").next().and_then(|n| attr(n, "val")).unwrap_or_default();
            (attr(s, "type").unwrap_or_default(), attr(s, "styleId").unwrap_or_default(), name)
        })
        .collect();
    for expected in [
        ("paragraph", "Title", "Title"),
        ("paragraph", "Heading1", "heading 1"),
        ("paragraph", "Heading2", "heading 2"),
        ("paragraph", "Heading3", "heading 3"),
        ("paragraph", "Heading4", "heading 4"),
        ("paragraph", "ListBullet", "List Bullet"),
        ("paragraph", "ListNumber", "List Number"),
        ("table", "PanelTable", "Panel Table"),
        ("paragraph", "Footer", "footer"),
    ] {
        assert!(named.contains(&expected), "{expected:?} not among {named:?}");
    }
    // Every run defaults to Arial (the PDF's faces are Arial-metric) in British English.
    let defaults = all(styles.root(), "rPrDefault").next().unwrap();
    assert_eq!(all(defaults, "rFonts").next().and_then(|f| attr(f, "ascii")), Some("Arial"));
    assert_eq!(all(defaults, "lang").next().and_then(|l| attr(l, "val")), Some("en-GB"));

    let numbering = part(&docx, "word/numbering.xml");
    let numbering = roxmltree::Document::parse(&numbering).unwrap();
    let formats: Vec<&str> = all(numbering.root(), "abstractNum")
        .filter_map(|a| all(a, "numFmt").next().and_then(|f| attr(f, "val")))
        .collect();
    assert!(formats.contains(&"bullet") && formats.contains(&"decimal"), "{formats:?}");

    let document = part(&docx, "word/document.xml");
    let document = roxmltree::Document::parse(&document).unwrap();
    let paragraphs: Vec<(Option<&str>, String)> =
        all(document.root(), "p").map(|p| (style(p), text(p, false))).collect();
    let has = |wanted: &str, content: &str| paragraphs.iter().any(|(s, t)| *s == Some(wanted) && t == content);
    assert!(has("Title", "DCC Reporting"), "{paragraphs:?}");
    assert!(has("Heading1", "1. Purpose"));
    assert!(has("Heading1", "Annex A: DCC SEC Panel Reports"));
    assert!(has("Heading2", "3.1 Performance Measurement Report (PMR)"));
    assert!(has("Heading3", "Major Incidents"));
    // The bullet is a real list item, numbered by the bullets' definition.
    let item =
        all(document.root(), "p").find(|p| text(*p, false) == "Post Commissioning Information Report (January 2020)");
    let item = item.expect("the bullet");
    assert_eq!(style(item), Some("ListBullet"));
    assert!(all(item, "numId").next().and_then(|n| attr(n, "val")).is_some(), "numbered");
    // The annex starts a page; its table repeats its header row and splits no row.
    let annex = all(document.root(), "p").find(|p| text(*p, false).starts_with("Annex A:")).unwrap();
    assert!(all(annex, "pageBreakBefore").next().is_some());
    let table = all(document.root(), "tbl").next().expect("the annex table");
    assert_eq!(all(table, "tblStyle").next().and_then(|s| attr(s, "val")), Some("PanelTable"));
    let rows: Vec<_> = table.children().filter(|n| n.has_tag_name((W, "tr"))).collect();
    assert_eq!(rows.len(), 8, "a header row and seven reports");
    assert!(all(rows[0], "tblHeader").next().is_some(), "the header row repeats");
    assert!(rows[1..].iter().all(|r| all(*r, "tblHeader").next().is_none()));
    assert!(rows.iter().all(|r| all(*r, "cantSplit").next().is_some()), "no row splits across pages");
    assert!(all(rows[0], "r").all(|r| all(r, "b").next().is_some()), "the header row is bold");
    // Every paragraph and cell line of the seed is in the document's text.
    let body: String = squash(&paragraphs.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" "));
    for line in seed_lines() {
        assert!(body.contains(&squash(&line)), "not in the DOCX: {line:?}");
    }

    // Every page's footer: the statement, then Page X of Y as fields.
    let footer = part(&docx, "word/footer1.xml");
    let footer = roxmltree::Document::parse(&footer).unwrap();
    let footer_text: String = all(footer.root(), "p").map(|p| text(p, false)).collect::<Vec<_>>().join("\n");
    assert!(footer_text.starts_with(WHITE_STATEMENT), "{footer_text}");
    let fields: Vec<&str> = all(footer.root(), "instrText").filter_map(|i| i.text()).map(str::trim).collect();
    assert_eq!(fields, ["PAGE", "NUMPAGES"]);
    let references: Vec<_> = all(document.root(), "footerReference").collect();
    assert_eq!(references.len(), 1, "one footer, on every page");
    // A WHITE paper's header is empty: no TLP label.
    assert_eq!(fold(&text(roxmltree::Document::parse(&part(&docx, "word/header1.xml")).unwrap().root(), true)), "");

    let core = part(&docx, "docProps/core.xml");
    for property in [
        "<dc:title>DCC Reporting</dc:title>",
        "<dc:subject>SECP_78_1303_29</dc:subject>",
        "<dc:creator>Huw Exley</dc:creator>",
        "<cp:keywords>WHITE</cp:keywords>",
        "<dc:language>en-GB</dc:language>",
        ">2020-03-06T00:00:00Z</dcterms:created>",
    ] {
        assert!(core.contains(property), "{property} not in {core}");
    }
}

#[test]
fn amber_and_red_papers_carry_the_tlp_label_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let amber = seed_with(dir.path(), "amber.yaml", "classification: WHITE", "classification: AMBER");
    let docx = render_docx(&amber, &dir.path().join("out"), &[]);
    let header = part(&docx, "word/header1.xml");
    let header = roxmltree::Document::parse(&header).unwrap();
    let label = all(header.root(), "r").find(|r| text(*r, false) == "TLP:AMBER").expect("the label");
    assert_eq!(all(label, "color").next().and_then(|c| attr(c, "val")), Some("FFC000"));
    assert_eq!(all(label, "shd").next().and_then(|c| attr(c, "fill")), Some("000000"));
    assert!(part(&docx, "docProps/core.xml").contains("<cp:keywords>AMBER</cp:keywords>"));
    assert!(part(&docx, "word/footer1.xml").contains("This document is classified as Amber"));
    // The GREEN edition of a paper with RED parts: no label, nothing withheld shows.
    let docx = render_docx(&fixture("classified.yaml"), &dir.path().join("green"), &["--edition", "GREEN"]);
    assert!(!part(&docx, "word/header1.xml").contains("TLP:"));
    let red = render_docx(&fixture("classified.yaml"), &dir.path().join("red"), &[]);
    assert!(part(&red, "word/header1.xml").contains("TLP:RED"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = render_docx(&seed_yaml(), &dir.path().join("a"), &[]);
    let second = render_docx(&seed_yaml(), &dir.path().join("b"), &[]);
    assert!(first == second, "two renders differ");
    // Fixed times and order in the zip.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&first)).unwrap();
    for i in 0..zip.len() {
        let file = zip.by_index(i).unwrap();
        let time = file.last_modified().unwrap();
        assert_eq!((time.year(), time.month(), time.day(), time.hour()), (1980, 1, 1, 0), "{}", file.name());
    }
    assert_eq!(parts(&first)[0].0, "[Content_Types].xml");
    // A meeting built on one thread and on two: the same bytes, index included.
    let manifest = crate::common::example_meeting_in(&dir.path().join("meeting"));
    let mut built = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.path().join(format!("j{jobs}"));
        let run = panelpaper(&["build", s(&manifest), "-o", s(&out), "-f", "docx", "-j", jobs]);
        assert!(run.status.success(), "{}", stderr(&run));
        built.push(crate::common::snapshot_dir(&out));
    }
    assert_eq!(built[0].len(), 8, "six papers, the index and the decision log");
    assert!(built[0] == built[1], "-j1 and -j2 differ");
    // The paper list links each paper's own DOCX.
    let (_, index) = built[0].iter().find(|(name, _)| name == "index.docx").unwrap();
    let links = part(index, "word/_rels/document.xml.rels");
    assert!(links.contains(r#"Target="SECP_78_1303_29.docx" TargetMode="External""#), "{links}");
}

#[test]
fn every_part_is_well_formed_xml_whatever_the_text() {
    // The every-construct Unicode paper (scripts, symbols, markup characters, links) and a
    // redline of the seed: each XML part of each package parses.
    let dir = tempfile::tempdir().unwrap();
    let unicode = render_docx(&fixture("unicode.yaml"), &dir.path().join("u"), &[]);
    let redline = dir.path().join("r.docx");
    diff_docx(SEED, "tests/fixtures/drafts/section.yaml", &redline, &[], &[]);
    for bytes in [unicode, std::fs::read(&redline).unwrap()] {
        for (name, xml) in parts(&bytes) {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
    }
}

/// The revisions (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`) of a part.
fn revisions<'a, 'i>(doc: &'a roxmltree::Document<'i>) -> Vec<roxmltree::Node<'a, 'i>> {
    doc.descendants().filter(|n| ["ins", "del", "moveFrom", "moveTo"].iter().any(|t| n.has_tag_name((W, *t)))).collect()
}

#[test]
fn a_redline_is_tracked_changes_by_one_author_at_the_new_drafts_date() {
    let dir = tempfile::tempdir().unwrap();
    for (name, old, new) in DRAFT_CASES {
        let file = dir.path().join(format!("{name}.docx"));
        let code = diff_docx(old, new, &file, &[], &[]);
        assert_eq!(code, Some(if name == "unchanged" { 0 } else { 1 }), "{name}");
        let docx = std::fs::read(&file).unwrap();
        let document = part(&docx, "word/document.xml");
        let document = roxmltree::Document::parse(&document).unwrap();
        let tracked = revisions(&document);
        let date = if old == MINIMAL { "2020-02-19T00:00:00Z" } else { "2020-03-06T00:00:00Z" };
        for change in &tracked {
            assert_eq!(attr(*change, "author"), Some("panelpaper"), "{name}");
            assert_eq!(attr(*change, "date"), Some(date), "{name}");
        }
        let ids: std::collections::BTreeSet<&str> = tracked.iter().filter_map(|c| attr(*c, "id")).collect();
        assert_eq!(ids.len(), tracked.len(), "{name}: each change its own id");
        let inserted = |n: &roxmltree::Node| all(*n, "ins").map(|i| text(i, false)).collect::<String>();
        let deleted = |n: &roxmltree::Node| all(*n, "del").map(|i| text(i, true)).collect::<String>();
        let root = document.root();
        match name {
            "figure" => {
                assert!(deleted(&root).contains("95.40%"), "{name}");
                assert!(inserted(&root).contains("96.10%"), "{name}");
            }
            "section" => {
                // The whole heading and its paragraph, marks included, are one insertion.
                let heading = all(root, "p").find(|p| text(*p, false) == "2. Background").expect("the new heading");
                assert_eq!(inserted(&heading), "2. Background");
                assert!(all(heading, "pPr").flat_map(|p| all(p, "ins")).next().is_some(), "its paragraph mark");
                let next = all(root, "p").find(|p| text(*p, true) == "23. DCC Reports").expect("renumbered");
                assert_eq!((deleted(&next), inserted(&next)), ("2".to_string(), "3".to_string()));
            }
            "row" => {
                let row = all(root, "tr").find(|r| text(*r, false).contains("DCC Gateway Availability Report"));
                let row = row.expect("the new row");
                assert!(all(row, "trPr").flat_map(|p| all(p, "ins")).next().is_some(), "a tracked row");
            }
            "raised" => {
                let header = part(&docx, "word/header1.xml");
                let header = roxmltree::Document::parse(&header).unwrap();
                assert_eq!(inserted(&header.root()), "TLP:AMBER");
                let footer = part(&docx, "word/footer1.xml");
                let footer = roxmltree::Document::parse(&footer).unwrap();
                assert!(deleted(&footer.root()).starts_with("This document is classified as White"));
                assert!(inserted(&footer.root()).starts_with("This document is classified as Amber"));
            }
            "reordered" => {
                let moved = |tag: &'static str| all(root, tag).map(|m| text(m, true)).collect::<String>();
                assert_eq!(moved("moveTo"), "3.1 AGREE the revised thresholds; and");
                assert_eq!(moved("moveFrom"), "3.2 AGREE the revised thresholds.");
            }
            _ => assert!(tracked.is_empty(), "{name}: {} changes", tracked.len()),
        }
        // The summary is a comment on the title, so it is not part of either draft.
        let comments = part(&docx, "word/comments.xml");
        assert!(comments.contains("Comparison of"), "{name}: {comments}");
        let title = all(root, "p").find(|p| style(*p) == Some("Title")).unwrap();
        assert!(all(title, "commentRangeStart").next().is_some(), "{name}");
    }
    // --author and SOURCE_DATE_EPOCH.
    let file = dir.path().join("signed.docx");
    let (old, new) = (DRAFT_CASES[0].1, DRAFT_CASES[0].2);
    diff_docx(old, new, &file, &["--author", "Jo Bloggs"], &[("SOURCE_DATE_EPOCH", "1600000000")]);
    let document = part(&std::fs::read(&file).unwrap(), "word/document.xml");
    let document = roxmltree::Document::parse(&document).unwrap();
    let tracked = revisions(&document);
    assert!(!tracked.is_empty());
    for change in tracked {
        assert_eq!((attr(change, "author"), attr(change, "date")), (Some("Jo Bloggs"), Some("2020-09-13T12:26:40Z")));
    }
}

#[test]
fn styles_are_defined_once_titles_have_leading_and_lead_ins_and_sign_offs_keep_with_their_neighbours() {
    let out = tempfile::tempdir().unwrap();
    let docx = render_docx(Path::new(MINIMAL), out.path(), &[]);
    let styles = part(&docx, "word/styles.xml");
    let styles = roxmltree::Document::parse(&styles).unwrap();
    let ids: Vec<&str> = all(styles.root(), "style").filter_map(|s| attr(s, "styleId")).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "a style defined twice: {ids:?}");
    let title = all(styles.root(), "style").find(|s| attr(*s, "styleId") == Some("Title")).unwrap();
    let spacing = all(title, "spacing").next().unwrap();
    assert_eq!((attr(spacing, "line"), attr(spacing, "lineRule")), (Some("425"), Some("atLeast")));
    let document = part(&docx, "word/document.xml");
    let document = roxmltree::Document::parse(&document).unwrap();
    let keeps = |starts: &str| {
        let paragraph = all(document.root(), "p").find(|p| text(*p, false).starts_with(starts)).unwrap();
        all(paragraph, "keepNext").next().is_some()
    };
    assert!(keeps("The Sub-Committee is requested to:"), "the lead-in keeps with the first item");
    assert!(keeps("3.2 AGREE the revised thresholds."), "the last item keeps with the sign-off");
    assert!(!keeps("3.1 NOTE"), "other items may end a page");
}

/// The old and new drafts of the pair that changes every part a paper has.
const EVERY_PART: (&str, &str, &str) =
    ("every-part", "tests/fixtures/drafts/every-part-old.yaml", "tests/fixtures/drafts/every-part-new.yaml");

#[test]
fn accepting_or_rejecting_every_change_in_the_xml_gives_each_draft_word_for_word() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, old, new) in DRAFT_CASES.into_iter().chain([EVERY_PART]) {
        let redline = d.join(format!("{name}.docx"));
        diff_docx(old, new, &redline, &[], &[]);
        let redline = std::fs::read(&redline).unwrap();
        let drafts = [(old, false), (new, true)]
            .map(|(draft, accept)| (render_docx(Path::new(draft), &d.join(format!("{name}-{accept}")), &[]), accept));
        let parts = ["word/document.xml", "word/header1.xml", "word/footer1.xml"].map(|p| part_text(&redline, p));
        let both = [true, false].map(|accept| {
            parts.iter().flat_map(|p| crate::common::docx::settled_paragraphs(p, accept)).collect::<Vec<_>>()
        });
        assert_eq!(both[0] == both[1], name == "unchanged", "{name}: the drafts differ");
        for part in ["word/document.xml", "word/header1.xml", "word/footer1.xml"] {
            let marked = part_text(&redline, part);
            for (draft, accept) in &drafts {
                let expected = crate::common::docx::settled_paragraphs(&part_text(draft, part), true);
                let settled = crate::common::docx::settled_paragraphs(&marked, *accept);
                let which = if *accept { "accepting" } else { "rejecting" };
                assert_eq!(settled, expected, "{name}: {part} after {which} every change");
            }
        }
    }
}

fn part_text(docx: &[u8], name: &str) -> String {
    part(docx, name)
}

/// LibreOffice and Debian's python3-uno (and poppler, to read its print), or `None` (the
/// test skipped: `common::tools`) where they are missing.
fn word_processor() -> Option<PathBuf> {
    let script = root().join("tests/word/tracked.py");
    let uno = Command::new("/usr/bin/python3").args(["-c", "import uno"]).output();
    let ready = crate::common::tools::ready("LibreOffice (soffice)", Path::new("/usr/bin/soffice").exists())
        && crate::common::tools::ready("python3-uno", uno.is_ok_and(|o| o.status.success()))
        && crate::common::tools::tool("pdftotext").is_some();
    ready.then_some(script)
}

#[test]
fn a_word_processor_prints_the_seed_and_accepts_or_rejects_every_change() {
    let Some(script) = word_processor() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The drafts as documents of their own, and the redlines.
    let mut files = Vec::new();
    let mut drafts = std::collections::BTreeMap::new();
    for (name, old, new) in DRAFT_CASES.into_iter().chain([EVERY_PART]) {
        let redline = d.join(format!("{name}.docx"));
        diff_docx(old, new, &redline, &[], &[]);
        files.push(redline);
        for draft in [old, new] {
            if !drafts.contains_key(draft) {
                let stem = format!("draft{}", drafts.len());
                let bytes = render_docx(Path::new(draft), &d.join(&stem), &[]);
                std::fs::write(d.join(format!("{stem}.docx")), bytes).unwrap();
                files.push(d.join(format!("{stem}.docx")));
                drafts.insert(draft, stem);
            }
        }
    }
    // A paper list of a meeting past 100: its references ("SECP_158_1112_25") on one line.
    let meeting = crate::common::example_meeting_in(&d.join("m158"));
    for file in std::fs::read_dir(meeting.parent().unwrap()).unwrap() {
        let file = file.unwrap().path();
        if file.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let text = text.replace("meeting: 78\n", "meeting: 158\n").replace("2020-03-13", "2020-12-11");
        // The actions its outcomes set are meeting 158's.
        let text = text.replace("SECP78/", "SECP158/");
        std::fs::write(&file, text).unwrap();
    }
    let run = panelpaper(&["build", s(&meeting), "-o", s(&d.join("m158/out")), "-f", "docx"]);
    assert!(run.status.success(), "{}", stderr(&run));
    std::fs::copy(d.join("m158/out/index.docx"), d.join("index158.docx")).unwrap();
    files.push(d.join("index158.docx"));
    let run = Command::new("/usr/bin/python3").arg(&script).arg(d).args(&files).output().unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let read = |name: &str| std::fs::read_to_string(d.join(name)).unwrap();

    // The seed as LibreOffice prints it: every paragraph and cell line of the seed.
    let seed = &drafts[SEED];
    let printed = Command::new("pdftotext").args(["-raw"]).arg(d.join(format!("{seed}.pdf"))).arg("-").output();
    // The page furniture (statement, page number) left out, so a paragraph that runs on
    // over a page break reads as one.
    let printed = String::from_utf8_lossy(&printed.unwrap().stdout).into_owned();
    let printed: String =
        printed.lines().filter(|l| !l.trim_start().starts_with("Page ")).collect::<Vec<_>>().join("\n");
    let printed = squash(&squash_spaces(&printed).replace(&squash_spaces(WHITE_STATEMENT), " "));
    for line in seed_lines() {
        assert!(printed.contains(&squash(&line)), "not in LibreOffice's print of the DOCX: {line:?}");
    }
    assert!(read(&format!("{seed}.as-is.txt")).contains(WHITE_STATEMENT), "the footer");
    let printed = Command::new("pdftotext").args(["-layout"]).arg(d.join("index158.pdf")).arg("-").output().unwrap();
    let printed = String::from_utf8_lossy(&printed.stdout).into_owned();
    for number in 25..=30 {
        assert!(printed.contains(&format!("SECP_158_1112_{number}")), "a reference split over two lines:\n{printed}");
    }

    // Accept all gives the new draft, reject all the old, body, header and footer.
    for (name, old, new) in DRAFT_CASES.into_iter().chain([EVERY_PART]) {
        let accepted = read(&format!("{name}.accepted.txt"));
        let rejected = read(&format!("{name}.rejected.txt"));
        assert_eq!(accepted, read(&format!("{}.as-is.txt", drafts[new])), "{name}: accept all is not the new draft");
        let old_draft = read(&format!("{}.as-is.txt", drafts[old]));
        if name == EVERY_PART.0 {
            // LibreOffice (7.4 to 24.x) takes an insertion that ends one paragraph and one
            // that starts the next for one change and rejects the paragraph break between
            // with them, and a paragraph joined by rejecting an inserted paragraph mark keeps
            // the first paragraph's attributes (Word the second's), which loses the annex's
            // page break: the words are the old draft's, the paragraphs and page count not.
            // The XML-level test above holds this pair to every paragraph.
            let words = |text: &str| -> String {
                text.lines().filter(|l| !l.starts_with("Page ")).flat_map(|l| l.split_whitespace()).collect()
            };
            assert_eq!(words(&rejected), words(&old_draft), "{name}: reject all does not give the old draft's words");
        } else {
            assert_eq!(rejected, old_draft, "{name}: reject all is not the old draft");
        }
        assert_eq!(accepted == rejected, name == "unchanged", "{name}");
    }
}

/// A paragraph, list item or cell that starts in Arabic or Hebrew is set from the right in
/// Word (w:bidi: its bullet on the right, its full stop on the left), as in the PDF and the
/// HTML; an English paragraph beside it is not.
#[test]
fn right_to_left_paragraphs_are_set_from_the_right() {
    let dir = tempfile::tempdir().unwrap();
    let docx = render_docx(&root().join("tests/fixtures/rtl.yaml"), dir.path(), &[]);
    let xml = part_text(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let bidi = |words: &str| -> bool {
        let p = doc
            .descendants()
            .filter(|n| n.has_tag_name("p"))
            .find(|p| p.descendants().filter_map(|n| n.text()).collect::<String>().contains(words))
            .unwrap_or_else(|| panic!("no paragraph holds {words:?}"));
        p.children().filter(|n| n.has_tag_name("pPr")).flat_map(|n| n.children()).any(|n| n.has_tag_name("bidi"))
    };
    for rtl in ["مرحبا بكم", "שלום וברוכים", "بند أول", "פריט שני", "يرجى قراءة"]
    {
        assert!(bidi(rtl), "{rtl:?} is set from the right");
    }
    for ltr in ["The notice is published", "Multilingual Notices", "The Panel is requested"] {
        assert!(!bidi(ltr), "{ltr:?} is set from the left");
    }
}
