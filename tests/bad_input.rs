//! Every kind of bad input: the message names the file, the line and column or the field,
//! suggests a fix where one is obvious, and no output file is written or replaced.

use crate::common::*;

/// Renders `fixture` into a folder that already holds a good earlier output, and checks
/// that the run fails with exit 1 and leaves that folder exactly as it was.
fn render_fails(fixture_name: &str) -> String {
    let out = tempfile::tempdir().unwrap();
    let earlier = out.path().join("SSC_95_2602_07.md");
    std::fs::write(&earlier, "good earlier output\n").unwrap();
    let before = snapshot_dir(out.path());
    let file = fixture(&format!("bad/{fixture_name}.yaml"));
    let run = panelpaper(&["render", s(&file), "-f", "md", "-o", s(out.path())]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert_eq!(snapshot_dir(out.path()), before, "the output folder changed");
    let message = stderr(&run);
    assert!(message.contains(&format!("tests/fixtures/bad/{fixture_name}.yaml")), "no file name in: {message}");
    message
}

fn has(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(message.contains(part), "expected {part:?} in:\n{message}");
    }
}

#[test]
fn yaml_syntax_error_names_line_and_column() {
    has(&render_fails("syntax"), &["syntax.yaml:6:7: invalid YAML"]);
}

#[test]
fn wrong_type_names_field_line_and_what_was_expected() {
    has(
        &render_fails("wrong-type"),
        &["wrong-type.yaml:2:10: meeting: expected integer, found string \"ninety-five\""],
    );
}

#[test]
fn unknown_key_suggests_the_nearest_valid_key() {
    let message = render_fails("unknown-key");
    has(
        &message,
        &["unknown-key.yaml:7:1: clasification: unknown key `clasification`", "hint: did you mean `classification`?"],
    );
    assert!(!message.contains("missing required key"), "the misspelling is reported once: {message}");
}

#[test]
fn unknown_classification_lists_the_valid_ones() {
    has(
        &render_fails("unknown-class"),
        &[
            "unknown-class.yaml:7:17: classification: unknown classification `PURPLE`",
            "WHITE (or CLEAR), GREEN, AMBER, AMBER+STRICT, RED",
        ],
    );
}

#[test]
fn unparsable_date_names_the_field() {
    has(&render_fails("bad-date"), &["bad-date.yaml:10:7: date: `19th February 2020` is not a date", "YYYY-MM-DD"]);
}

#[test]
fn paper_number_out_of_range() {
    has(
        &render_fails("number-range"),
        &["number-range.yaml:4:9: number: paper number 150 is out of range: expected 1 to 99"],
    );
}

#[test]
fn recommendations_without_items() {
    has(
        &render_fails("no-recommendations"),
        &["no-recommendations.yaml:24:10: recommendations.items: Recommendations has no items"],
    );
}

#[test]
fn annex_row_with_the_wrong_number_of_cells() {
    has(
        &render_fails("row-cells"),
        &[
            "row-cells.yaml:33:9: annexes[0].rows[0]: row has 2 cells but the annex has 3 columns",
            "columns are: # | Metric | Value",
        ],
    );
}

#[test]
fn tera_expression_naming_missing_data_points_at_the_yaml_line() {
    has(
        &render_fails("missing-data"),
        &[
            "missing-data.yaml:16:26: sections[0].body: in template text:",
            "`incidnets`",
            "did you mean `data.incidents`?",
        ],
    );
}

#[test]
fn misspelt_verb_is_suggested() {
    has(
        &render_fails("bad-verb"),
        &[
            "bad-verb.yaml:27:13: recommendations.items[1].verb: `AGRE` is not a recommendation verb",
            "did you mean `AGREE`?",
        ],
    );
}

#[test]
fn a_given_reference_must_match_its_parts() {
    has(
        &render_fails("reference-mismatch"),
        &["reference `SSC_95_2602_08` does not match", "which give `SSC_95_2602_07`"],
    );
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_run() {
    let message = render_fails("many");
    assert_snapshot!("many_problems_stderr", message.replace('\\', "/"));
    has(&message, &["date: `2020-13-40`", "classification `PURPLE`", "`AGRE`", "row has 1 cell but", "4 errors found"]);
}

#[test]
fn problems_of_several_files_are_reported_together_and_nothing_is_written() {
    let out = tempfile::tempdir().unwrap();
    let run = panelpaper(&[
        "render",
        s(&fixture("minimal.yaml")),
        s(&fixture("bad/bad-date.yaml")),
        s(&fixture("bad/number-range.yaml")),
        "-f",
        "md",
        "-o",
        s(out.path()),
    ]);
    assert_eq!(run.status.code(), Some(1));
    has(&stderr(&run), &["bad-date.yaml:10:7", "number-range.yaml:4:9", "2 errors found"]);
    assert!(snapshot_dir(out.path()).is_empty(), "the valid paper must not be written either");
}

#[test]
fn check_writes_nothing_and_accepts_valid_papers() {
    let run = panelpaper(&["check", s(&seed_yaml()), s(&fixture("minimal.yaml"))]);
    assert!(run.status.success(), "{}", stderr(&run));
    // The summary, on stderr like every command's.
    let said = stderr(&run);
    assert!(said.contains("SECP_78_1303_29") && said.contains("SSC_95_2602_07"), "{said}");
}

#[test]
fn a_missing_file_is_trouble_not_invalid_input() {
    let run = panelpaper(&["check", "no/such/paper.yaml"]);
    assert_eq!(run.status.code(), Some(2));
    has(&stderr(&run), &["no/such/paper.yaml", "caused by:"]);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(panelpaper(&["render"]).status.code(), Some(2));
    assert_eq!(panelpaper(&["render", "x.yaml", "-f", "docx"]).status.code(), Some(2));
}

#[test]
fn a_numbered_level_heading_in_a_body_is_refused() {
    has(
        &render_fails("body-heading"),
        &["body-heading.yaml:21:7: sections[1].body: a level-2 Markdown heading", "write ####"],
    );
}

#[test]
fn a_broken_user_template_names_its_file_and_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("paper.md"), "# {{ paper.title }}\n{% if %}\n").unwrap();
    let out = dir.path().join("out");
    let run = panelpaper(&["render", s(&seed_yaml()), "--templates", s(&templates), "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(1));
    let message = stderr(&run);
    assert!(message.contains(&format!("{}:2:", templates.join("paper.md").display())), "{message}");
    assert!(!out.exists());
}

#[test]
fn an_unknown_edition_is_a_usage_error_that_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let run = panelpaper(&["render", s(&seed_yaml()), "-o", s(out.path()), "--edition", "TLP:PURPLE"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("unknown classification `TLP:PURPLE`"));
    assert!(snapshot_dir(out.path()).is_empty());
}

#[test]
fn a_paper_alone_needs_its_reference_parts() {
    has(
        &render_fails("no-committee"),
        &["no-committee.yaml:1:1: committee: missing `committee`", "inside a meeting the manifest gives it"],
    );
}
