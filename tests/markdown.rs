//! The seed paper's Markdown: snapshot, completeness against the seed's text, determinism.

use crate::common::*;
use panelpaper::markdown::Templates;
use panelpaper::pipeline;

fn seed_markdown() -> String {
    let prepared = pipeline::prepare(&seed_yaml()).expect("the seed paper is valid");
    assert!(prepared.warnings.0.is_empty(), "{}", prepared.warnings);
    Templates::embedded().render_paper(&prepared.paper).unwrap().into_text()
}

#[test]
fn seed_markdown_matches_snapshot() {
    assert_snapshot!("seed_markdown", seed_markdown());
}

/// Every line of the seed's text (a PDF extraction) appears in the Markdown once the
/// Markdown's syntax and the page furniture are stripped and whitespace normalised.
#[test]
fn every_paragraph_and_cell_of_the_seed_is_in_the_markdown() {
    let seed = std::fs::read_to_string(root().join("../shared/seed/SECP_78_1303_29-dcc-reporting.txt"))
        .or_else(|_| std::fs::read_to_string(root().join("tests/fixtures/seed.txt")))
        .expect("the seed text");
    let markdown = plain(&seed_markdown());
    let furniture = [
        "This document is classified as White in accordance with the Panel Information Policy. Information",
        "can be shared with the public, and any members may publish the information, subject to copyright.",
    ];
    let mut checked = 0;
    let mut missing = Vec::new();
    for line in seed.lines() {
        let line = normalise(&line.replace('•', " "));
        if line.is_empty() || furniture.contains(&line.as_str()) {
            continue;
        }
        checked += 1;
        if !markdown.contains(&line) {
            missing.push(line);
        }
    }
    assert!(checked > 200, "only {checked} lines read from the seed");
    assert!(missing.is_empty(), "seed lines missing from the Markdown:\n{}", missing.join("\n"));
}

/// The Markdown as a reader sees it: no emphasis marks, table pipes, breaks or heading marks.
fn plain(markdown: &str) -> String {
    let text = markdown
        .replace("**", "")
        .replace("<br>", " ")
        .replace("\\|", "\u{1}")
        .replace(['|', '#', '\\'], " ")
        .replace('•', " ")
        .replace("\n- ", "\n ")
        .replace('\u{1}', "|");
    normalise(&text)
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    for dir in [&a, &b] {
        let run = panelpaper(&["render", s(&seed_yaml()), "-f", "md", "-o", s(dir)]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    let (first, second) = (snapshot_dir(&a), snapshot_dir(&b));
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].0, "SECP_78_1303_29.md");
    assert_eq!(first, second);
}

#[test]
fn numbers_recommendations_and_escapes_cells() {
    let prepared = pipeline::prepare(&fixture("minimal.yaml")).unwrap();
    let md = Templates::embedded().render_paper(&prepared.paper).unwrap().into_text();
    assert_snapshot!("minimal_markdown", md);
    assert!(md.contains("## 3. Recommendations\n\nThe Sub-Committee is requested to:\n\n3.1 NOTE the incidents; and\n\n3.2 AGREE the revised thresholds."));
    assert!(md.contains("### 2.1 First point"));
    assert!(md.contains("| 1 | Incidents \\| open | 4 |"));
    assert!(md.contains("There were 4 incidents this month."));
    assert!(md.contains("classified as Green"));
}

#[test]
fn a_user_template_folder_overrides_one_template() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("classification")).unwrap();
    std::fs::write(dir.path().join("classification/white.md"), "Public: {{ paper.reference }}.").unwrap();
    let templates = Templates::load(Some(dir.path())).unwrap();
    let prepared = pipeline::prepare(&seed_yaml()).unwrap();
    let md = templates.render_paper(&prepared.paper).unwrap().into_text();
    assert!(md.ends_with("<!-- footer -->\n\nPublic: SECP_78_1303_29.\n"), "{md}");
    assert!(md.contains("## 1. Purpose"), "paper.md still comes from the defaults");
}

#[test]
fn a_broken_user_template_is_reported_with_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("paper.md"), "# {{ paper.title }\n").unwrap();
    let error = Templates::load(Some(dir.path())).err().expect("a syntax error").to_string();
    assert!(error.contains(&format!("{}:1:", dir.path().join("paper.md").display())), "{error}");
}

#[test]
fn author_text_can_count_working_days_and_write_uk_dates() {
    let yaml = std::fs::read_to_string(fixture("minimal.yaml")).unwrap().replace(
        "    body: Nothing else.",
        "    body: The January report is due on {{ data.period_end | add_working_days(days=25) | uk_date }}.",
    );
    let yaml = yaml.replace("  incidents: 4", "  incidents: 4\n  period_end: 2020-01-31");
    let prepared = pipeline::prepare_text(std::path::Path::new("dates.yaml"), &yaml).unwrap();
    let md = Templates::embedded().render_paper(&prepared.paper).unwrap().into_text();
    // Day and month bound by a no-break space: "6" never ends a line with "March" on the next.
    assert!(md.contains("The January report is due on 6\u{a0}March 2020."), "{md}");
    let bad = yaml.replace("period_end: 2020-01-31", "period_end: end of January");
    let error = pipeline::prepare_text(std::path::Path::new("dates.yaml"), &bad).unwrap_err().to_string();
    assert!(error.contains("`end of January` is not a date"), "{error}");
}

#[test]
fn a_character_of_a_user_template_that_no_font_shows_is_named_at_its_line_in_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let paper = std::fs::read_to_string(root().join("templates/paper.md")).unwrap();
    let paper = paper.replacen("# {{ paper.title }}", "# {{ paper.title }}\n\nPrepared by the 事務局.", 1);
    std::fs::write(dir.path().join("paper.md"), &paper).unwrap();
    let line = paper.lines().position(|l| l.contains('事')).unwrap() + 1;
    let seed = seed_yaml();
    for command in ["check", "render"] {
        let out = dir.path().join("out");
        let mut args = vec![command, s(&seed), "--templates", s(dir.path())];
        if command == "render" {
            args.extend(["-o", s(&out)]);
        }
        let run = panelpaper(&args);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        let expected = format!("{}:{line}:17: character '事'", dir.path().join("paper.md").display());
        assert!(stderr(&run).contains(&expected), "{command}: expected {expected:?} in\n{}", stderr(&run));
    }
}
