//! The PDF read back: pages, footers, repeated annex headers, every seed line, metadata,
//! bookmarks, determinism.

use crate::common::pdf::{ReadPdf, fold};
use crate::common::*;
use panelpaper::markdown::Templates;
use panelpaper::pipeline::{self, Prepared};
use std::path::Path;

pub(crate) fn render(prepared: &Prepared, epoch: Option<i64>) -> Vec<u8> {
    let markdown = Templates::embedded().render_paper(&prepared.paper).unwrap();
    let layout = panelpaper::writers::pages(&prepared.file, &markdown).unwrap();
    panelpaper::pdf::write(&layout.finish(), &panelpaper::pdf::PdfOptions::dated(prepared.paper.date, epoch))
}

fn seed_pdf() -> ReadPdf {
    ReadPdf::new(&render(&pipeline::prepare(&seed_yaml()).unwrap(), None))
}

#[test]
fn seed_has_four_pages_each_with_its_footer() {
    let pdf = seed_pdf();
    assert_eq!(pdf.pages.len(), 4);
    for (i, lines) in pdf.pages.iter().enumerate() {
        let last = lines.last().unwrap();
        assert_eq!(last, &format!("Page {} of 4", i + 1));
        let statement = fold(&lines[lines.len() - 3..lines.len() - 1].join(" "));
        assert_eq!(statement, WHITE_STATEMENT, "page {}", i + 1);
    }
}

#[test]
fn seed_opens_with_its_title_block() {
    let pdf = seed_pdf();
    assert_eq!(&pdf.pages[0][..3], ["Paper Reference: SECP_78_1303_29", "Action: For Information", "DCC Reporting"]);
}

#[test]
fn annex_starts_a_page_and_its_header_row_repeats_on_every_page_it_covers() {
    let pdf = seed_pdf();
    let header = "# Report Name and Purpose Delivery per SEC Ops Group Observations of last paper";
    assert_eq!(pdf.pages[2][0], "Annex A: DCC SEC Panel Reports");
    assert_eq!(pdf.pages[2][1], header);
    assert_eq!(pdf.pages[3][0], header, "the table continues on page 4 under its header");
    assert!(pdf.pages[..2].iter().flatten().all(|l| l != header));
}

/// Every line of the seed's text is in the PDF: its words in order, close together (table
/// cells interleave in reading order, and a split row puts a page's furniture in between).
#[test]
fn every_line_of_the_seed_is_in_the_pdf() {
    let pdf = seed_pdf();
    let words: Vec<String> = pdf.text().split(' ').map(str::to_string).collect();
    for line in seed_lines() {
        let wanted: Vec<&str> = line.split(' ').collect();
        assert!(in_order_nearby(&words, &wanted, 160), "not in the PDF: {line:?}");
    }
}

fn in_order_nearby(words: &[String], wanted: &[&str], window: usize) -> bool {
    (0..words.len()).filter(|&i| words[i].ends_with(wanted[0])).any(|start| {
        let mut at = start + 1;
        wanted[1..].iter().all(|w| {
            let end = (at + window).min(words.len());
            match words[at..end].iter().position(|x| x == w || (wanted.last() == Some(w) && x.starts_with(w))) {
                Some(k) => {
                    at += k + 1;
                    true
                }
                None => false,
            }
        })
    })
}

#[test]
fn metadata_and_bookmarks() {
    let pdf = seed_pdf();
    assert_eq!(pdf.info("Title"), "DCC Reporting");
    assert_eq!(pdf.info("Author"), "Huw Exley");
    assert_eq!(pdf.info("Subject"), "SECP_78_1303_29");
    assert!(pdf.info("Keywords").contains("TLP:WHITE"), "{}", pdf.info("Keywords"));
    assert_eq!(pdf.info("CreationDate"), "D:20200306000000+00'00'");
    let outline = pdf.outline();
    let expected = [
        (0, "1. Purpose", 0),
        (0, "2. DCC Reports", 0),
        (0, "3. Operations Group Reports Summary", 0),
        (1, "3.1 Performance Measurement Report (PMR)", 0),
        (1, "3.2 Service Request Variance Report and Certificate Signing Request Variance Reports", 1),
        (0, "4. Recommendations", 1),
        (0, "Annex A: DCC SEC Panel Reports", 2),
    ];
    let outline: Vec<(usize, &str, usize)> = outline.iter().map(|(d, t, p)| (*d, t.as_str(), *p)).collect();
    assert_eq!(outline, expected);
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    let pdf = ReadPdf::new(&render(&pipeline::prepare(&seed_yaml()).unwrap(), Some(1_600_000_000)));
    assert_eq!(pdf.info("CreationDate"), "D:20200913122640+00'00'");
}

#[test]
fn same_bytes_every_time_in_process_and_across_processes() {
    let prepared = pipeline::prepare(&seed_yaml()).unwrap();
    let first = render(&prepared, None);
    assert_eq!(first, render(&prepared, None));
    let out = tempfile::tempdir().unwrap();
    for dir in ["a", "b"] {
        let run = panelpaper(&["render", s(&seed_yaml()), "-o", s(&out.path().join(dir))]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let a = std::fs::read(out.path().join("a/SECP_78_1303_29.pdf")).unwrap();
    assert_eq!(a, std::fs::read(out.path().join("b/SECP_78_1303_29.pdf")).unwrap());
    assert_eq!(a, first, "the binary and the library agree");
    assert!(a.len() < 30_000, "the seed PDF is {} bytes", a.len());
}

#[test]
fn amber_pages_carry_the_marking_at_the_top_and_the_amber_statement() {
    let yaml = std::fs::read_to_string(SEED_TYPED).unwrap().replace("classification: WHITE", "classification: amber");
    let prepared = pipeline::prepare_text(Path::new("amber.yaml"), &yaml).unwrap();
    let pdf = ReadPdf::new(&render(&prepared, None));
    for lines in &pdf.pages {
        assert_eq!(lines[0], "TLP:AMBER");
        assert!(fold(&lines.join(" ")).contains("This document is classified as Amber"));
    }
    assert!(pdf.info("Keywords").contains("TLP:AMBER"));
}

#[test]
fn a_long_annex_paginates_with_a_header_on_every_page() {
    let yaml = panelpaper::sample::paper_with_annex(1, 600);
    let prepared = pipeline::prepare_text(Path::new("big.yaml"), &yaml).unwrap();
    let pdf = ReadPdf::new(&render(&prepared, None));
    let n = pdf.pages.len();
    assert!((40..=90).contains(&n), "{n} pages");
    assert_eq!(pdf.pages[1][..2], ["Annex A: Generated Reports", "# Report Delivery Observations"]);
    for (i, lines) in pdf.pages.iter().enumerate().skip(1) {
        let first_body_line = if i == 1 { &lines[1] } else { &lines[0] };
        assert_eq!(first_body_line, "# Report Delivery Observations", "page {}", i + 1);
        assert_eq!(lines.last().unwrap(), &format!("Page {} of {n}", i + 1));
    }
    let words: Vec<String> = pdf.text().split(' ').map(str::to_string).collect();
    for row in [1, 299, 600] {
        let line = format!("Report {row} Sets out the Service Levels achieved for measure {row}.");
        assert!(in_order_nearby(&words, &line.split(' ').collect::<Vec<_>>(), 40), "row {row}");
    }
}

#[test]
fn a_character_the_fonts_cannot_show_is_an_error_at_its_yaml_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("polish.yaml");
    let yaml = std::fs::read_to_string(SEED_TYPED)
        .unwrap()
        .replace("author: Huw Exley", "author: 漢 Exley")
        .replace("  major_incidents: Seven", "  major_incidents: ≥ Seven 語")
        .replace("relation to DCC reports", "relation to DCC reports → 𝄞 Ł 漢");
    std::fs::write(&paper, yaml).unwrap();
    let out = dir.path().join("out");
    let run = panelpaper(&["render", s(&paper), "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(1));
    let message = stderr(&run);
    // Every character at its own place, with its field; `check` says the same.
    for expected in [
        "polish.yaml:10:9: author: character '漢' (U+6F22) is in none of the PDF's fonts",
        "polish.yaml:20:28: data.major_incidents: character '語' (U+8A9E)",
        "recommendations.items[0].text: character '𝄞' (U+1D11E)",
        "recommendations.items[0].text: character '漢' (U+6F22)",
        "Liberation Sans, DejaVu Sans",
        "4 errors found",
    ] {
        assert!(message.contains(expected), "{expected:?} in:\n{message}");
    }
    assert!(!out.exists());
    let check = panelpaper(&["check", s(&paper)]);
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(stderr(&check), message, "check refuses what render refuses");
    let run = panelpaper(&["render", s(&paper), "-o", s(&out), "-f", "md"]);
    assert!(run.status.success(), "Markdown has no such limit");
}

/// Every Markdown construct a body takes reaches both outputs with its meaning: links
/// clickable, code in a monospaced face, struck text struck, lists nested and numbered,
/// quotes, code blocks, tables, run-in headings, rules, a word longer than a line. What
/// the outputs cannot show alike (raw HTML, images, footnotes) is refused at its place.
#[test]
fn every_kind_of_body_markdown_reaches_the_pdf() {
    let long_word = "Supercalifragilistic".repeat(8);
    let body = format!(
        "Intro with a [link text](https://example.org/report?id=7) and `inline code` and ~~struck words~~.\n\n\
         - level one\n  - level two\n    - level three deep\n\n\
         1. first numbered\n2. second numbered\n\n\
         > quoted remark\n\n\
         ```\ncode line kept\n```\n\n\
         | Key | Value |\n| --- | --- |\n| k1 | body table cell |\n\n\
         #### A run-in heading\n\n\
         ***\n\n\
         **strong** and *emphasis*, a hard\\\nbreak.\n\n\
         {long_word}\n"
    );
    let with_body = |body: &str| {
        std::fs::read_to_string(fixture("minimal.yaml")).unwrap().replace(
            "    body: Nothing else.",
            &format!("    body: |\n{}", body.lines().map(|l| format!("      {l}\n")).collect::<String>()),
        )
    };
    let prepared = pipeline::prepare_text(Path::new("varied.yaml"), &with_body(&body)).unwrap();
    let markdown = Templates::embedded().render_paper(&prepared.paper).unwrap();
    let pdf = ReadPdf::new(&render(&prepared, None));
    let text = pdf.text();
    for (words, markdown_form) in [
        ("link text", "[link text](https://example.org/report?id=7)"),
        ("inline code", "`inline code`"),
        ("struck words", "~~struck words~~"),
        ("level three deep", "    - level three deep"),
        ("1. first numbered", "1. first numbered"),
        ("2. second numbered", "2. second numbered"),
        ("quoted remark", "> quoted remark"),
        ("code line kept", "code line kept"),
        ("body table cell", "| k1 | body table cell |"),
        ("A run-in heading", "### A run-in heading <!-- run-in -->"),
        ("strong and emphasis", "**strong** and *emphasis*"),
    ] {
        assert!(text.contains(words), "{words:?} missing from the PDF:\n{text}");
        assert!(markdown.text().contains(markdown_form), "{markdown_form:?} missing from the Markdown");
    }
    assert!(text.replace(' ', "").contains(&long_word), "the long word is cut, not lost");
    // The link is a link annotation with its URL; inline code is set in Courier.
    let mut doc = pdf.doc.clone();
    doc.decompress();
    let mut raw = Vec::new();
    doc.save_to(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(raw.contains("/Subtype /Link") || raw.contains("/Subtype/Link"), "a link annotation");
    assert!(raw.contains("https://example.org/report?id=7"), "its URL");
    assert!(raw.contains("LiberationMono"), "code in a monospaced face");
    // What the outputs cannot show alike is refused, naming the construct.
    for (bad, what) in [
        ("Some <span>raw html</span>.", "raw HTML `<span>`"),
        ("![chart](chart.png)", "an image"),
        ("A note[^1].\n\n[^1]: The note.", "a footnote"),
    ] {
        let error = pipeline::prepare_text(Path::new("bad.yaml"), &with_body(bad)).unwrap_err().to_string();
        assert!(error.contains(what), "{what:?} in {error}");
    }
}
