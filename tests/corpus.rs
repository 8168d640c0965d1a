//! The inline corpus (tests/fixtures/corpus.yaml): every inline construct in every block
//! context, read back from each output with no help from the code that wrote it — the PDF
//! (its text, link annotations and the font of each run; struck text from the layout), the
//! HTML page's DOM in Chromium, the DOCX's XML. Each construct says which context it is in,
//! so a context that loses one is named.

use crate::common::docx::{all, attr, part};
use crate::common::pdf::ReadPdf;
use crate::common::{fixture, panelpaper, s, stderr};
use panelpaper::layout::Item;

/// Every context's tag: a paragraph, tight and loose list items at three depths, a
/// numbered list, a quote, a body table's cell, a recommendation, an annex cell and a
/// bullet in it.
const CONTEXTS: [&str; 13] = ["P1", "T1", "T2", "T3", "L1", "L2", "L3", "N1", "Q1", "B1", "R1", "C1", "C2"];

fn render(out: &std::path::Path) {
    let run = panelpaper(&["render", s(&fixture("corpus.yaml")), "-o", s(out), "-f", "pdf,html,docx"]);
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn every_inline_construct_survives_every_context_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    render(dir.path());
    let pdf = ReadPdf::new(&std::fs::read(dir.path().join("SSC_95_2602_10.pdf")).unwrap());
    let targets = pdf.link_targets();
    let spans = pdf.spans();
    let set_in =
        |text: &str| -> Vec<&str> { spans.iter().filter(|(_, t)| t.contains(text)).map(|(f, _)| f.as_str()).collect() };
    // Struck text, read from the layout (the PDF draws it as a rule through the text).
    let prepared = panelpaper::pipeline::prepare(&fixture("corpus.yaml")).unwrap();
    let markdown = panelpaper::markdown::Templates::embedded().render_paper(&prepared.paper).unwrap();
    let layout = panelpaper::writers::pages(&prepared.file, &markdown).unwrap();
    let struck: Vec<&str> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { text, style, .. } if style.strike => Some(text.as_str()),
            _ => None,
        })
        .collect();
    for c in CONTEXTS {
        for target in [format!("https://example.org/link-{c}"), format!("https://example.org/bare-{c}")] {
            assert!(targets.contains(&target), "{c}: no link annotation to {target}: {targets:?}");
        }
        assert!(set_in(&format!("code-{c}")).iter().all(|f| f.starts_with("LiberationMono")), "{c}: code not in mono");
        assert!(!set_in(&format!("code-{c}")).is_empty(), "{c}: code not shown");
        assert!(set_in(&format!("bold-{c}")).iter().all(|f| f.contains("Bold")), "{c}: bold");
        assert!(set_in(&format!("italic-{c}")).iter().all(|f| f.contains("Italic")), "{c}: italic");
        assert!(set_in(&format!("both-{c}")).iter().all(|f| f.contains("BoldItalic")), "{c}: bold italic");
        assert!(struck.iter().any(|t| t.contains(&format!("struck-{c}"))), "{c}: not struck: {struck:?}");
        assert!(!pdf.text().contains(&format!("~~struck-{c}")), "{c}: ~~ shown");
    }
    if let Some(pdftotext) = crate::common::tools::tool("pdftotext") {
        let text = std::process::Command::new(pdftotext).arg(dir.path().join("SSC_95_2602_10.pdf")).arg("-").output();
        let text = crate::common::pdf::fold(&String::from_utf8_lossy(&text.unwrap().stdout));
        for c in CONTEXTS {
            assert!(
                text.contains(&format!("link {c} struck-{c} code-{c} https://example.org/bare-{c} bold-{c}")),
                "{c}: {text}"
            );
        }
    }
}

#[test]
fn every_inline_construct_survives_every_context_in_the_html() {
    let Some(browser) = crate::html::browser() else { return };
    let dir = tempfile::tempdir().unwrap();
    render(dir.path());
    let page = dir.path().join("SSC_95_2602_10.html");
    let dom = crate::html::in_browser(&browser, &["dom", s(&page)]);
    let links: Vec<(String, String)> = serde_json::from_value(dom["links"].clone()).unwrap();
    let struck: Vec<String> = serde_json::from_value(dom["struck"].clone()).unwrap();
    let code: Vec<String> = serde_json::from_value(dom["code"].clone()).unwrap();
    for c in CONTEXTS {
        let link = (format!("link {c}"), format!("https://example.org/link-{c}"));
        assert!(links.contains(&link), "{c}: {link:?} not among {links:?}");
        let bare = format!("https://example.org/bare-{c}");
        assert!(links.contains(&(bare.clone(), bare)), "{c}: the bare address is not a link");
        assert!(struck.contains(&format!("struck-{c}")), "{c}: not struck: {struck:?}");
        assert!(code.contains(&format!("code-{c}")), "{c}: not code: {code:?}");
    }
}

#[test]
fn every_inline_construct_survives_every_context_in_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    render(dir.path());
    let docx = std::fs::read(dir.path().join("SSC_95_2602_10.docx")).unwrap();
    let rels = part(&docx, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels).unwrap();
    let target_of = |id: &str| {
        rels.descendants()
            .find(|r| r.attribute("Id") == Some(id))
            .and_then(|r| r.attribute("Target"))
            .unwrap_or_default()
    };
    let document = part(&docx, "word/document.xml");
    let document = roxmltree::Document::parse(&document).unwrap();
    const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let links: Vec<(String, &str)> = all(document.root(), "hyperlink")
        .map(|h| (crate::common::docx::text(h, false), target_of(h.attribute((R, "id")).unwrap_or_default())))
        .collect();
    let runs = |property: &'static str| -> Vec<String> {
        all(document.root(), "r")
            .filter(|r| all(*r, property).next().is_some())
            .map(|r| crate::common::docx::text(r, false))
            .collect()
    };
    let struck = runs("strike");
    let code: Vec<String> = all(document.root(), "r")
        .filter(|r| all(*r, "rFonts").any(|f| attr(f, "ascii") == Some("Courier New")))
        .map(|r| crate::common::docx::text(r, false))
        .collect();
    for c in CONTEXTS {
        let link = (format!("link {c}"), format!("https://example.org/link-{c}"));
        assert!(links.iter().any(|(t, h)| *t == link.0 && *h == link.1), "{c}: {link:?} not among {links:?}");
        let bare = format!("https://example.org/bare-{c}");
        assert!(links.iter().any(|(t, h)| *t == bare && *h == bare), "{c}: the bare address is not a link");
        assert!(struck.contains(&format!("struck-{c}")), "{c}: not struck: {struck:?}");
        assert!(code.contains(&format!("code-{c}")), "{c}: not code: {code:?}");
    }
}
