//! Internal cross-references (issue 28, part 1): a paper whose every kind of part is
//! referred to by id, then parts inserted before them: every reference follows, in every
//! format, as a live link to its part; an edition prints only a withheld part's number;
//! unknown and duplicate ids are errors at their place.

use crate::common::pdf::ReadPdf;
use crate::common::{panelpaper, render_one, s, stderr};
use lopdf::Object;
use std::path::{Path, PathBuf};

/// The paper; `inserted` adds a section, an attachment, an annex and a row before the
/// parts referred to. (At most three links a paragraph: outloud 0.2.1 reads a paragraph's
/// own marked content before its `Link` kids, whatever the order of `/K`, and reports
/// ORD-001 past some seven links interleaved with text in one paragraph; the tree itself
/// is in reading order, as `pdfinfo -struct-text` shows.)
pub(crate) fn paper(inserted: bool) -> String {
    let text = r#"committee: SECP
meeting: 78
meeting_date: 2020-03-13
number: 30
title: Cross References
action: For Decision
classification: WHITE
author: Huw Exley
team: SECAS Team
date: 2020-03-06
sections:
  - heading: Purpose
    body: |
      See {{ ref(id="solution") }}, {{ ref(id="detail") }} and {{ ref(id="deep") }}.

      The decision is {{ ref(id="agree") }}; the figures are {{ ref(id="figures") }}.

      CPM 3 is {{ ref(id="figures", row="CPM 3") }}, the log {{ ref(id="log") }}.

      Withheld: {{ ref(id="secret") }}.
#SECTION
  - id: solution
    heading: Solution
    body: The solution.
    subsections:
      - id: detail
        heading: Detail
        body: Detail.
        subsections:
          - id: deep
            heading: Deeper
            body: Deeper still.
  - id: secret
    heading: Supplier Findings
    classification: AMBER
    body: Vortigern findings.
recommendations:
  items:
    - verb: NOTE
      text: the update.
    - id: agree
      verb: AGREE
      text: the solution in {{ ref(id="solution") }}.
attachments:
#ATTACHMENT
  - id: log
    title: Incident Log
    classification: GREEN
annexes:
#ANNEX
  - id: figures
    title: Figures
    columns: [Measure, Value]
    rows:
      - [CPM 1, "5"]
#ROW
      - [CPM 3, "7"]
"#;
    let (section, attachment, annex, row) = if inserted {
        (
            "  - heading: Background\n    body: Inserted before.\n",
            "  - title: Earlier Log\n    classification: WHITE\n",
            "  - title: Other Figures\n    columns: [A]\n    rows:\n      - [\"x\"]\n",
            "      - [CPM 2, \"6\"]\n",
        )
    } else {
        ("", "", "", "")
    };
    text.replace("#SECTION\n", section)
        .replace("#ATTACHMENT\n", attachment)
        .replace("#ANNEX\n", annex)
        .replace("#ROW\n", row)
}

fn written(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// What each reference of the paper prints, in the order the text has them, before and
/// after the insertion.
const BEFORE: [(&str, &str); 9] = [
    ("section 2", "ref-solution"),
    ("section 2.1", "ref-detail"),
    ("section 2.1.1", "ref-deep"),
    ("recommendation 4.2", "ref-agree"),
    ("Annex A", "ref-figures"),
    ("Annex A, row 2", "ref-figures.2"),
    ("Appendix A", "ref-log"),
    ("section 3", "ref-secret"),
    ("section 2", "ref-solution"),
];
const AFTER: [(&str, &str); 9] = [
    ("section 3", "ref-solution"),
    ("section 3.1", "ref-detail"),
    ("section 3.1.1", "ref-deep"),
    ("recommendation 5.2", "ref-agree"),
    ("Annex B", "ref-figures"),
    ("Annex B, row 3", "ref-figures.3"),
    ("Appendix B", "ref-log"),
    ("section 4", "ref-secret"),
    ("section 3", "ref-solution"),
];

/// The text on the page each reference must lead to, after the insertion.
const LANDS_ON: [&str; 9] = [
    "3. Solution",
    "3.1 Detail",
    "3.1.1 Deeper",
    "5.2 AGREE",
    "Annex B: Figures",
    "CPM 3",
    "Appendix B",
    "4. Supplier Findings",
    "3. Solution",
];

#[test]
fn every_reference_follows_its_part_in_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    for (inserted, expected) in [(false, BEFORE), (true, AFTER)] {
        let yaml = written(dir.path(), &format!("paper-{inserted}.yaml"), &paper(inserted));
        let md =
            std::fs::read_to_string(render_one(&yaml, &dir.path().join(format!("md-{inserted}")), "md", &[])).unwrap();
        let links: Vec<(String, String)> = md
            .match_indices("](#")
            .map(|(at, _)| {
                let start = md[..at].rfind('[').unwrap();
                let end = at + md[at..].find(')').unwrap();
                (md[start + 1..at].to_string(), md[at + 3..end].to_string())
            })
            .collect();
        let expected: Vec<(String, String)> = expected.iter().map(|(t, a)| (t.to_string(), a.to_string())).collect();
        assert_eq!(links, expected, "{md}");
        // Each anchor stands once, at the end of its part's line.
        for (_, anchor) in &expected {
            assert_eq!(md.matches(&format!("<!-- anchor {anchor} -->")).count(), 1, "{anchor}: {md}");
        }
        let solution = if inserted {
            "## 3. Solution <!-- anchor ref-solution -->"
        } else {
            "## 2. Solution <!-- anchor ref-solution -->"
        };
        assert!(md.contains(solution), "{md}");
        let row = if inserted {
            "| CPM 3 <!-- anchor ref-figures.3 --> | 7 |"
        } else {
            "| CPM 3 <!-- anchor ref-figures.2 --> | 7 |"
        };
        assert!(md.contains(row), "{md}");
    }
}

/// Each internal link annotation's page (from 0) and the top of its view, in order.
fn goto_links(pdf: &ReadPdf) -> Vec<(usize, f32)> {
    let pages: Vec<_> = pdf.doc.get_pages().values().copied().collect();
    let mut out = Vec::new();
    for page in &pages {
        let page = pdf.doc.get_dictionary(*page).unwrap();
        let Ok(annotations) = page.get(b"Annots").and_then(Object::as_array) else { continue };
        for annotation in annotations {
            let annotation = pdf.doc.get_dictionary(annotation.as_reference().unwrap()).unwrap();
            assert_eq!(annotation.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            let action = annotation.get(b"A").and_then(Object::as_dict).unwrap();
            assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"GoTo", "only internal links here");
            let dest = action.get(b"D").and_then(Object::as_array).unwrap();
            let target = pages.iter().position(|p| Some(*p) == dest[0].as_reference().ok()).expect("a page");
            assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
            let top = match &dest[3] {
                Object::Integer(i) => *i as f32,
                Object::Real(r) => *r,
                other => panic!("{other:?}"),
            };
            out.push((target, top));
        }
    }
    out
}

#[test]
fn every_pdf_link_leads_to_its_parts_page_after_the_insertion() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = written(dir.path(), "paper.yaml", &paper(true));
    let pdf = ReadPdf::new(&std::fs::read(render_one(&yaml, &dir.path().join("pdf"), "pdf", &[])).unwrap());
    let text = pdf.text();
    for (printed, _) in AFTER {
        assert!(text.contains(printed), "{printed} not in {text}");
    }
    let links = goto_links(&pdf);
    assert_eq!(links.len(), AFTER.len(), "{links:?}");
    for ((page, top), lands) in links.iter().zip(LANDS_ON) {
        let shown = pdf.pages[*page].join("\n");
        assert!(shown.contains(lands), "the link to {lands} leads to page {}: {shown}", page + 1);
        assert!(*top > 0.0 && *top < 842.0, "{top}");
    }
    // Section 3, 3.1 and 3.1.1 stand on one page, in that order: their views step down it.
    assert!(links[0].0 == links[1].0 && links[1].0 == links[2].0, "{links:?}");
    assert!(links[0].1 > links[1].1 && links[1].1 > links[2].1, "{links:?}");
    // The Annex's heading is above its row.
    assert!(links[4].0 == links[5].0 && links[4].1 > links[5].1, "{links:?}");
}

#[test]
fn every_html_link_resolves_to_its_part_in_chromium() {
    let Some(browser) = crate::html::browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    let yaml = written(dir.path(), "paper.yaml", &paper(true));
    let page = render_one(&yaml, &dir.path().join("html"), "html", &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    for (_, anchor) in AFTER {
        assert_eq!(html.matches(&format!("id=\"{anchor}\"")).count(), 1, "{anchor}");
    }
    let followed = crate::html::in_browser(&browser, &["anchors", s(&page)]);
    let followed = followed.as_array().unwrap();
    assert_eq!(followed.len(), AFTER.len(), "{followed:#?}");
    for ((link, (printed, anchor)), lands) in followed.iter().zip(AFTER).zip(LANDS_ON) {
        assert_eq!(link["text"], printed, "{link}");
        assert_eq!(link["href"], format!("#{anchor}"), "{link}");
        assert_eq!(link["found"], true, "{link}");
        assert_eq!(link["inView"], true, "following {printed} shows its part: {link}");
        let block = link["block"].as_str().unwrap();
        assert!(block.starts_with(lands), "{printed} leads to {block:?}, not {lands:?}");
    }
    // The links and anchors keep the page accessible.
    let results = crate::html::in_browser(&browser, &["axe", s(&page)]);
    let violations = &results[0]["violations"];
    assert_eq!(violations, &serde_json::json!([]), "{violations:#}");
}

#[test]
fn every_word_hyperlink_leads_to_a_bookmark_on_its_part() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = written(dir.path(), "paper.yaml", &paper(true));
    let docx = std::fs::read(render_one(&yaml, &dir.path().join("docx"), "docx", &[])).unwrap();
    let xml = crate::common::docx::part(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    use crate::common::docx::{all, attr, text};
    let links: Vec<(String, String)> = all(doc.root(), "hyperlink")
        .map(|h| (text(h, false), attr(h, "anchor").expect("an internal hyperlink").to_string()))
        .collect();
    assert_eq!(links.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), AFTER.map(|(t, _)| t), "{links:?}");
    let paragraphs: Vec<_> = all(doc.root(), "p").collect();
    for ((_, anchor), lands) in links.iter().zip(LANDS_ON) {
        let starts: Vec<_> = all(doc.root(), "bookmarkStart").filter(|b| attr(*b, "name") == Some(anchor)).collect();
        assert_eq!(starts.len(), 1, "one bookmark {anchor}");
        let id = attr(starts[0], "id").unwrap();
        assert!(all(doc.root(), "bookmarkEnd").any(|b| attr(b, "id") == Some(id)), "{anchor} is closed");
        let paragraph = paragraphs.iter().find(|p| p.descendants().any(|n| n == starts[0])).unwrap();
        assert!(text(*paragraph, false).contains(lands), "{anchor} stands in {:?}", text(*paragraph, false));
    }
    // The same paper gives the same bytes.
    let again = std::fs::read(render_one(&yaml, &dir.path().join("docx2"), "docx", &[])).unwrap();
    assert!(again == docx, "a Word paper with bookmarks is reproducible");
}

#[test]
fn a_green_edition_shows_a_withheld_parts_number_and_nothing_else_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = written(dir.path(), "paper.yaml", &paper(true));
    let out = dir.path().join("green");
    let run = panelpaper(&["render", s(&yaml), "-o", s(&out), "-f", "md,pdf,html,docx", "--edition", "GREEN"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(!stderr(&run).contains("Supplier"), "{}", stderr(&run));
    let file = |ext: &str| out.join(format!("SECP_78_1303_30.{ext}"));
    let md = std::fs::read_to_string(file("md")).unwrap();
    assert!(md.contains("Withheld: section 4."), "the number alone, no link: {md}");
    assert!(!md.contains("ref-secret"), "{md}");
    let html = std::fs::read_to_string(file("html")).unwrap();
    assert!(html.contains("Withheld: section 4.") && !html.contains("ref-secret"), "{html}");
    let pdf = ReadPdf::new(&std::fs::read(file("pdf")).unwrap());
    assert!(pdf.text().contains("Withheld: section 4."), "{}", pdf.text());
    assert_eq!(goto_links(&pdf).len(), AFTER.len() - 1, "no link to the withheld section");
    let docx = std::fs::read(file("docx")).unwrap();
    let parts = crate::common::docx::parts(&docx);
    // The withheld part's heading and text reach no channel, its anchor no output.
    for (name, text) in parts.iter().map(|(n, t)| (n.as_str(), t.as_str())).chain([
        ("md", md.as_str()),
        ("html", html.as_str()),
        ("pdf", pdf.text().as_str()),
    ]) {
        assert!(!text.contains("Supplier Findings") && !text.contains("Vortigern"), "{name}");
        assert!(!text.contains("ref-secret") && !text.contains("ref_hsecret"), "{name}");
    }
}

#[test]
fn diff_shows_each_reference_whose_part_moved() {
    let dir = tempfile::tempdir().unwrap();
    let old = written(dir.path(), "old.yaml", &paper(false));
    let new = written(dir.path(), "new.yaml", &paper(true));
    let run = panelpaper(&["diff", s(&old), s(&new), "-f", "text"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let report = String::from_utf8_lossy(&run.stdout).into_owned();
    for (old, new) in [
        ("section 2.1.1", "section 3.1.1"),
        ("recommendation 4.2", "recommendation 5.2"),
        ("Annex A, row 2", "Annex B, row 3"),
    ] {
        // As the paper prints it: the words, not the link's target.
        assert!(report.contains(&format!("[-{old}-]{{+{new}+}}")), "{report}");
    }
    let redline = dir.path().join("redline.md");
    let run = panelpaper(&["diff", s(&old), s(&new), "-f", "md", "-o", s(&redline)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let md = std::fs::read_to_string(&redline).unwrap();
    assert!(md.contains("{--[section 2.1](#ref-detail)--}{++[section 3.1](#ref-detail)++}"), "{md}");
    // The redline's PDF shows the old number struck and the new one inserted.
    let pdf = dir.path().join("redline.pdf");
    let run = panelpaper(&["diff", s(&old), s(&new), "-f", "pdf", "-o", s(&pdf)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let text = ReadPdf::new(&std::fs::read(&pdf).unwrap()).text();
    assert!(text.contains("section 2.1.1section 3.1.1") || text.contains("section 2.1.1 section 3.1.1"), "{text}");
}

#[test]
fn an_unknown_id_is_an_error_at_the_ref_with_the_nearest_id() {
    let dir = tempfile::tempdir().unwrap();
    let text = paper(false).replace(r#"{{ ref(id="deep") }}"#, r#"{{ ref(id="dep") }}"#);
    let yaml = written(dir.path(), "paper.yaml", &text);
    let run = panelpaper(&["check", s(&yaml)]);
    assert_eq!(run.status.code(), Some(1));
    let said = stderr(&run);
    // The call's own line and column in the file (a `|` block's line).
    let line = text.lines().position(|l| l.contains("ref(id=\"dep\")")).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find("ref(id=\"dep\")").unwrap() + 1;
    let at = format!(
        "paper.yaml:{line}:{column}: sections[0].body: in template text: no part of the paper has the id `dep`"
    );
    assert!(said.contains("error[PP140]") && said.contains(&at), "{said}\nwanted {at}");
    assert!(said.contains("did you mean `deep`?"), "{said}");

    let text = paper(false).replace(r#"row="CPM 3""#, r#"row="CPM 4""#);
    let yaml = written(dir.path(), "row.yaml", &text);
    let said = stderr(&panelpaper(&["check", s(&yaml)]));
    assert!(
        said.contains("error[PP143]") && said.contains("no row of annex `figures` has the first cell `CPM 4`"),
        "{said}"
    );
    assert!(said.contains("did you mean `CPM 3`?") || said.contains("did you mean `CPM 1`?"), "{said}");
}

#[test]
fn a_duplicate_or_malformed_id_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        paper(false).replace("  - id: secret\n", "  - id: solution\n").replace("  - id: log\n", "  - id: 2 log\n");
    let yaml = written(dir.path(), "paper.yaml", &text);
    let said = stderr(&panelpaper(&["check", s(&yaml)]));
    let line = |what: &str| text.lines().position(|l| l == what).unwrap() + 1;
    let lines: Vec<usize> =
        text.lines().enumerate().filter(|(_, l)| *l == "  - id: solution").map(|(i, _)| i + 1).collect();
    assert_eq!(lines.len(), 2);
    let dup = format!(
        "paper.yaml:{}:9: sections[2].id: the id `solution` is already given to sections[1].id (line {})",
        lines[1], lines[0]
    );
    assert!(said.contains("error[PP142]") && said.contains(&dup), "{said}\nwanted {dup}");
    let bad = format!("paper.yaml:{}:9: attachments[0].id: `2 log` is not an id", line("  - id: 2 log"));
    assert!(said.contains("error[PP141]") && said.contains(&bad), "{said}\nwanted {bad}");
}

#[test]
fn author_text_cannot_write_an_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let text = paper(false)
        .replace("body: The solution.", "body: The solution. <!-- anchor ref-forged -->")
        .replace("heading: Detail", "heading: Detail <!-- anchor ref-forged2 -->");
    let yaml = written(dir.path(), "paper.yaml", &text);
    let said = stderr(&panelpaper(&["check", s(&yaml)]));
    assert!(said.contains("is a marker of panelpaper's own Markdown"), "{said}");
    assert!(said.contains("sections[1].subsections[0].heading: has an HTML comment"), "{said}");
    // A link typed by hand to an anchor the paper does not hold is its text, in every output.
    let text = paper(false).replace("body: The solution.", "body: The [solution](#ref-nowhere).");
    let yaml = written(dir.path(), "typed.yaml", &text);
    let out = dir.path().join("typed");
    let run = panelpaper(&["render", s(&yaml), "-o", s(&out), "-f", "html,pdf"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = std::fs::read_to_string(out.join("SECP_78_1303_30.html")).unwrap();
    assert!(!html.contains("#ref-nowhere") && html.contains("The solution."), "{html}");
    let pdf = ReadPdf::new(&std::fs::read(out.join("SECP_78_1303_30.pdf")).unwrap());
    assert_eq!(goto_links(&pdf).len(), BEFORE.len(), "no link to the absent anchor");
}

#[test]
fn the_paper_schema_offers_an_id_to_every_part_that_takes_one() {
    let run = panelpaper(&["schema", "paper"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let good: serde_json::Value = serde_yaml::from_str(&paper(true)).unwrap();
    let errors: Vec<String> = validator.iter_errors(&good).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    for (from, to) in [
        ("  - id: solution\n", "  - id: 2 solution\n"),
        ("          - id: deep\n", "          - id: deep.er\n"),
        ("    - id: agree\n", "    - id: \"\"\n"),
        ("  - id: log\n", "  - id: -log\n"),
        ("  - id: figures\n", "  - id: figures/a\n"),
    ] {
        let bad: serde_json::Value = serde_yaml::from_str(&paper(true).replace(from, to)).unwrap();
        assert!(!validator.is_valid(&bad), "the schema refuses {to:?}");
    }
}

#[test]
fn a_reference_in_a_meeting_pack_leads_to_its_part_in_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = crate::common::example_meeting_in(dir.path());
    let paper = manifest.with_file_name("dcc-reporting.yaml");
    let text = std::fs::read_to_string(&paper).unwrap();
    let text = text
        .replacen(
            "      This paper details which reports",
            "      See {{ ref(id=\"reports\") }}. This paper details which reports",
            1,
        )
        .replacen("\nannexes:\n  - title:", "\nannexes:\n  - id: reports\n    title:", 1);
    assert!(text.contains("id: reports") && text.contains("ref(id="), "the seed's text moved");
    std::fs::write(&paper, text).unwrap();
    let out = dir.path().join("out");
    let run = panelpaper(&["build", s(&manifest), "-o", s(&out), "-f", "pdf", "--pack"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let pack = ReadPdf::new(&std::fs::read(out.join("SECP_78_pack.pdf")).unwrap());
    let pages: Vec<_> = pack.doc.get_pages().values().copied().collect();
    let mut followed = Vec::new();
    for (from, page) in pages.iter().enumerate() {
        let page = pack.doc.get_dictionary(*page).unwrap();
        let Ok(annotations) = page.get(b"Annots").and_then(Object::as_array) else { continue };
        for annotation in annotations {
            let annotation = pack.doc.get_dictionary(annotation.as_reference().unwrap()).unwrap();
            let action = annotation.get(b"A").and_then(Object::as_dict).unwrap();
            let Ok(dest) = action.get(b"D").and_then(Object::as_array) else { continue };
            if dest.get(1).and_then(|d| d.as_name().ok()) == Some(b"XYZ".as_slice()) {
                let to =
                    pages.iter().position(|p| Some(*p) == dest[0].as_reference().ok()).expect("a page of the pack");
                followed.push((from, to));
            }
        }
    }
    assert_eq!(followed.len(), 1, "{followed:?}");
    let (from, to) = followed[0];
    assert!(pack.pages[from].join(" ").contains("See Annex A. This paper details"), "{:?}", pack.pages[from]);
    assert_eq!(pack.pages[to][0], "Annex A: DCC SEC Panel Reports", "{:?}", pack.pages[to]);
}
