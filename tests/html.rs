//! HTML pages: the seed's every line, the same bytes every time, escaping, the paper
//! list's links; and in Debian's Chromium (driven by playwright-core from
//! `tests/browser`): axe-core at WCAG 2.2 AA on a paper, a meeting's list, an edition and
//! a redline, the text a reader gets, and the page printed to A4 with its furniture on
//! every page.
//!
//! Chromium and the npm packages are installed by `.ci/run`; where they are missing the
//! browser tests are skipped, visibly, and fail under CI (`common::tools`).

use crate::common::pdf::fold;
use crate::common::tools;
use crate::common::{WHITE_STATEMENT, fixture, panelpaper, root, s, seed_lines, seed_yaml, stderr};
use std::path::{Path, PathBuf};
use std::process::Command;

fn render_html(paper: &Path, out: &Path, extra: &[&str]) -> PathBuf {
    crate::common::render_one(paper, out, "html", extra)
}

/// The text of a page as the tests read it without a browser: elements dropped (a block
/// element's end is a space), the five entities the writer uses decoded.
fn html_text(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    fold(&text.replace("&amp;", "&"))
}

#[test]
fn every_line_of_the_seed_is_in_the_html() {
    let out = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(render_html(&seed_yaml(), out.path(), &[])).unwrap();
    let text = html_text(&html);
    // Every paragraph and cell line is one run of text in the page.
    for line in seed_lines() {
        assert!(text.contains(&line), "not in the HTML: {line:?}");
    }
    assert!(text.ends_with(WHITE_STATEMENT), "the statement closes the page");
}

#[test]
fn the_page_is_self_contained_and_labelled() {
    let out = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(render_html(&seed_yaml(), out.path(), &[])).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(html.contains("<title>SECP_78_1303_29: DCC Reporting</title>"));
    for outside in ["<script", "<link", "src=", "url(", "@import", "<!--"] {
        assert!(!html.contains(outside), "{outside} in a self-contained page");
    }
    let headings: Vec<&str> = [
        "<h1>DCC Reporting</h1>",
        "<h2>1. Purpose</h2>",
        "<h3>3.1 Performance",
        "<h4 class=\"run-in\">Major Incidents</h4>",
    ]
    .into_iter()
    .filter(|h| !html.contains(h))
    .collect();
    assert!(headings.is_empty(), "missing {headings:?}");
    assert!(html.contains("<h2 class=\"new-page\">Annex A: DCC SEC Panel Reports</h2>\n<table>\n<caption"));
    assert_eq!(html.matches("<th scope=\"col\">").count(), 4);
    assert!(html.contains("<footer class=\"statement\">\n<p>This document is classified as White"));
    // The statement and page numbers under every printed page.
    assert!(html.contains("@bottom-left {\n      content: \"This document is classified as White"));
    assert!(html.contains("content: \"Page \" counter(page) \" of \" counter(pages);"));
}

#[test]
fn same_bytes_every_time_and_whatever_the_jobs() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    for (dir, jobs) in [(a.path(), "1"), (b.path(), "2")] {
        let run = panelpaper(&["build", "data/meetings/secp-78/meeting.yaml", "-o", s(dir), "-f", "html", "-j", jobs]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let (first, second) = (crate::common::snapshot_dir(a.path()), crate::common::snapshot_dir(b.path()));
    assert_eq!(first.len(), 8, "six papers, the index and the decision log");
    assert_eq!(first, second);
}

#[test]
fn the_paper_list_links_each_paper_in_every_format() {
    let out = tempfile::tempdir().unwrap();
    let run = panelpaper(&[
        "build",
        "data/meetings/secp-78/meeting.yaml",
        "-o",
        s(out.path()),
        "-f",
        "md,pdf,html",
        "--pack",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let html = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(html.contains("<td><a href=\"SECP_78_1303_29.html\">SECP_78_1303_29</a></td>"), "{html}");
    let md = std::fs::read_to_string(out.path().join("index.md")).unwrap();
    assert!(md.contains("[SECP_78_1303_29](SECP_78_1303_29.md)"));
    // The PDF list opens the paper's PDF; the pack's cover goes to the paper's first page.
    let mut index = lopdf::Document::load(out.path().join("index.pdf")).unwrap();
    index.decompress();
    let mut raw = Vec::new();
    index.save_to(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(raw.contains("/GoToR") && raw.contains("(SECP_78_1303_29.pdf)"), "index.pdf links the paper's PDF");
    // A reader hears where a link leads (PDF/UA's description), in the PDF's own terms.
    assert!(raw.contains("Link to SECP_78_1303_29.pdf") && !raw.contains("Link to SECP_78_1303_29.md"));
    let pack = lopdf::Document::load(out.path().join("SECP_78_pack.pdf")).unwrap();
    let pages = pack.get_pages();
    let goto: Vec<u32> = pack
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok()?.get(b"A").ok()?.as_dict().ok())
        .filter(|d| d.get(b"S").ok().and_then(|s| s.as_name().ok()) == Some(b"GoTo".as_slice()))
        .filter_map(|d| d.get(b"D").ok()?.as_array().ok()?.first()?.as_reference().ok())
        .filter_map(|target| pages.iter().find(|(_, id)| **id == target).map(|(n, _)| *n))
        .collect();
    assert_eq!(goto.len(), 6, "one link a paper: {goto:?}");
    assert!(goto.windows(2).all(|w| w[0] < w[1]) && goto[0] == 2, "first pages, in agenda order: {goto:?}");
    let mut pack = pack;
    pack.decompress();
    let mut raw = Vec::new();
    pack.save_to(&mut raw).unwrap();
    assert!(
        String::from_utf8_lossy(&raw).contains(&format!("Link to page {}", goto[0])),
        "the cover's links say which page"
    );
}

#[test]
fn a_redline_page_marks_insertions_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let new = crate::common::seed_with(dir.path(), "new.yaml", "cpm1_score: 95.40%", "cpm1_score: 96.10%");
    let file = dir.path().join("redline.html");
    let run = panelpaper(&["diff", s(&seed_yaml()), s(&new), "-f", "html", "-o", s(&file)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let html = std::fs::read_to_string(file).unwrap();
    assert!(html.contains("<del>95.40%,</del><ins>96.10%,</ins>"), "{html}");
    assert!(html.contains("<header class=\"furniture\">\n<p class=\"comparison\">Comparison of"), "{html}");
}

#[test]
fn the_stylesheet_is_a_template_that_check_and_render_both_read() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("style.css"), "body { color: {{ colour_of_text }}; }\n").unwrap();
    let check = panelpaper(&["check", s(&seed_yaml()), "--templates", s(&templates)]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(stderr(&check).contains("style.css"), "{}", stderr(&check));
    std::fs::write(
        templates.join("style.css"),
        "body { color: #222; }\np::after { content: {{ marking | css_string }}; }\n",
    )
    .unwrap();
    let page = render_html(&seed_yaml(), &dir.path().join("out"), &["--templates", s(&templates)]);
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("<style>\nbody { color: #222; }\np::after { content: \"WHITE\"; }\n</style>"), "{html}");
}

/// The browser harness's folder, or `None` (the test skipped: `common::tools`) where
/// Chromium, node or its npm packages are missing.
pub(crate) fn browser() -> Option<PathBuf> {
    let dir = root().join("tests/browser");
    let chromium = std::env::var_os("PANELPAPER_CHROMIUM").map_or(PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let ready = tools::ready("chromium", chromium.exists())
        && tools::tool("node").is_some()
        && tools::ready("tests/browser's npm packages", dir.join("node_modules/playwright-core").exists());
    ready.then_some(dir)
}

/// Runs `browser.mjs` with `args`; its JSON answer.
pub(crate) fn in_browser(dir: &Path, args: &[&str]) -> serde_json::Value {
    let run = Command::new("node").arg(dir.join("browser.mjs")).args(args).output().expect("node runs");
    assert!(run.status.success(), "browser.mjs {args:?}: {}", String::from_utf8_lossy(&run.stderr));
    serde_json::from_slice(&run.stdout).unwrap()
}

#[test]
fn axe_finds_no_wcag_2_2_aa_violation_on_a_paper_a_list_an_edition_and_a_redline() {
    let Some(browser) = browser() else { return };
    let out = tempfile::tempdir().unwrap();
    let o = out.path();
    let run = |args: &[&str]| {
        let output = panelpaper(args);
        assert!(matches!(output.status.code(), Some(0 | 1)), "{args:?}: {}", stderr(&output));
    };
    run(&["render", s(&seed_yaml()), s(&fixture("unicode.yaml")), "-o", s(&o.join("papers")), "-f", "html"]);
    run(&["build", "data/meetings/secp-78/meeting.yaml", "-o", s(&o.join("meeting")), "-f", "html"]);
    run(&[
        "build",
        "data/meetings/secp-78/meeting.yaml",
        "-o",
        s(&o.join("green")),
        "-f",
        "html",
        "--edition",
        "GREEN",
    ]);
    run(&["render", s(&fixture("classified.yaml")), "-o", s(&o.join("edition")), "-f", "html", "--edition", "GREEN"]);
    let new = crate::common::seed_with(o, "new.yaml", "cpm1_score: 95.40%", "cpm1_score: 96.10%");
    run(&["diff", s(&seed_yaml()), s(&new), "-f", "html", "-o", s(&o.join("redline.html"))]);
    let mut pages: Vec<PathBuf> = ["papers", "meeting", "green", "edition"]
        .iter()
        .flat_map(|d| std::fs::read_dir(o.join(d)).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.push(o.join("redline.html"));
    pages.sort();
    // The meeting's pages and its GREEN edition's include their decision logs.
    assert_eq!(pages.len(), 2 + 8 + 7 + 1 + 1, "{pages:?}");
    let mut args = vec!["axe"];
    args.extend(pages.iter().map(|p| s(p)));
    let results = in_browser(&browser, &args);
    for result in results.as_array().unwrap() {
        let violations = result["violations"].as_array().unwrap();
        assert!(violations.is_empty(), "{}: {violations:#?}", result["file"]);
        // The audit ran its rules: a page that axe could not read passes nothing.
        let passes: Vec<&str> = result["passes"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
        for rule in ["document-title", "html-has-lang", "color-contrast"] {
            assert!(passes.contains(&rule), "{}: {rule} did not pass: {passes:?}", result["file"]);
        }
    }
}

#[test]
fn a_reader_gets_every_line_and_the_printed_pages_carry_the_furniture() {
    let Some(browser) = browser() else { return };
    let out = tempfile::tempdir().unwrap();
    let page = render_html(&seed_yaml(), out.path(), &[]);
    let read = in_browser(&browser, &["text", s(&page)]);
    assert_eq!(read["title"], "SECP_78_1303_29: DCC Reporting");
    let text = fold(&read["text"].as_str().unwrap().replace('•', " "));
    for line in seed_lines() {
        assert!(text.contains(&line), "a reader does not get {line:?}");
    }
    assert!(text.ends_with(WHITE_STATEMENT), "a reader gets the statement last");
    let prefix = out.path().join("seed");
    in_browser(&browser, &["shots", s(&page), s(&prefix)]);
    let printed = out.path().join("seed-print.pdf");
    // Chromium's own PDF, read by poppler (installed with Chromium by .ci/run).
    let Some(pdfinfo) = tools::tool("pdfinfo") else { return };
    let info = Command::new(pdfinfo).arg(&printed).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(info.contains("(A4)"), "{info}");
    let Some(pdftotext) = tools::tool("pdftotext") else { return };
    let text = Command::new(pdftotext).args(["-layout", s(&printed), "-"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<Vec<String>> =
        text.split('\u{c}').filter(|p| !p.trim().is_empty()).map(|p| p.lines().map(str::to_string).collect()).collect();
    let count = pages.len();
    assert!((3..=6).contains(&count), "{count} printed pages");
    for (i, lines) in pages.iter().enumerate() {
        let page_text = fold(&lines.join(" "));
        assert!(page_text.contains(&format!("Page {} of {count}", i + 1)), "page {}: {page_text}", i + 1);
        assert!(page_text.contains("This document is classified as White"), "page {}", i + 1);
    }
    let annex = pages.iter().position(|p| p.iter().any(|l| l.contains("Annex A: DCC SEC Panel Reports"))).unwrap();
    let first_line = pages[annex].iter().find(|l| !l.trim().is_empty()).unwrap();
    assert!(first_line.contains("Annex A"), "the annex starts a printed page: {first_line}");
    for later in &pages[annex + 1..] {
        assert!(later.iter().any(|l| l.contains("Report Name and Purpose")), "the header repeats: {later:?}");
    }
}
