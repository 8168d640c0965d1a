//! Synthetic papers and meetings for benchmarks and tests: sizes the example meeting does
//! not reach.

use std::fmt::Write;

/// A valid paper YAML whose Annex A has `rows` rows of realistic length (a 600-row annex
/// fills about 60 pages).
pub fn paper_with_annex(number: u32, rows: usize) -> String {
    format!("committee: SECP\nmeeting: 78\nmeeting_date: 2020-03-13\nnumber: {number}\n{}", paper_body(number, rows))
}

/// A paper for a meeting (no reference parts or sign-off: the manifest gives them), about
/// the seed paper's size (four pages) with 24 annex rows.
fn paper_body(number: u32, rows: usize) -> String {
    let mut yaml = paper_head(number, rows);
    if rows > 0 {
        yaml.push_str(
            "annexes:\n  - title: Generated Reports\n    columns: [\"#\", Report, Delivery, Observations]\n    rows:\n",
        );
    }
    for row in 1..=rows {
        writeln!(
            yaml,
            "      - - \"{row}\"\n        - \"**Report {row}**\\n\\nSets out the Service Levels achieved for measure {row}.\"\n\
             \x20       - \"SEC H13.4 – Monthly\"\n\
             \x20       - \"Performance measure {row} was below its Target Service Level for the third month in a row; \
             the DCC gave an update and agreed to amend the report and republish it.\\n\\n- first observation\\n- second observation\""
        )
        .expect("writing to a String");
    }
    yaml
}

/// The paper's fields and sections, saying it lists `rows` reports (the annex follows).
fn paper_head(number: u32, rows: usize) -> String {
    format!(
        "title: Generated Paper {number}\naction: For Information\nclassification: WHITE\nauthor: Test Author\n\
         team: SECAS Team\ndate: 2020-03-06\n\
         sections:\n  - heading: Purpose\n    body: |\n      This paper lists {rows} generated reports.\n\
         \x20 - heading: Summary\n    body: |\n{}\n\
         recommendations:\n  items:\n    - verb: NOTE\n      text: the generated reports.\n",
        "      The Operations Group reviewed the reports at its monthly meeting and raised the observations below; \
         three Code Performance Measures were below their Target Service Level and the DCC agreed a remediation plan.\n\n"
            .repeat(6)
    )
}

/// The cells of row `row` of [`paper_with_annex`]'s annex, as its YAML types them: for the
/// same annex read from a workbook (`examples/gen-annex-xlsx.rs`).
pub fn annex_cells(row: usize) -> [String; 4] {
    [
        row.to_string(),
        format!("**Report {row}**\n\nSets out the Service Levels achieved for measure {row}."),
        "SEC H13.4 – Monthly".to_string(),
        format!(
            "Performance measure {row} was below its Target Service Level for the third month in a row; \
             the DCC gave an update and agreed to amend the report and republish it.\n\n- first observation\n- second observation"
        ),
    ]
}

/// [`paper_with_annex`] whose annex reads its rows from the workbook `file` (sheet
/// `Reports`, headed as the annex's columns), which holds [`annex_cells`].
pub fn paper_with_annex_from(number: u32, rows: usize, file: &str) -> String {
    let body = paper_head(number, rows);
    format!(
        "committee: SECP\nmeeting: 78\nmeeting_date: 2020-03-13\nnumber: {number}\n{body}\
         sources:\n  reports: {{file: {file}, sheet: Reports}}\n\
         annexes:\n  - title: Generated Reports\n    columns: [\"#\", Report, Delivery, Observations]\n\
         \x20   rows_from: {{source: reports}}\n"
    )
}

/// A valid paper whose Annex A has `rows` short rows (about 45 bytes each: a 100,000-row
/// annex stays under the file size limit), for the worst-case benchmarks.
pub fn paper_with_short_annex(rows: usize) -> String {
    let mut yaml = format!("committee: SECP\nmeeting: 78\nmeeting_date: 2020-03-13\nnumber: 1\n{}", paper_body(1, 0));
    yaml.push_str(
        "annexes:\n  - title: Generated Reports\n    columns: [\"#\", Report, Delivery, Status]\n    rows:\n",
    );
    for row in 1..=rows {
        writeln!(yaml, "      - [\"{row}\", Report {row}, Monthly, On time]").expect("writing to a String");
    }
    yaml
}

/// A meeting of `papers` generated papers (at most 99: paper numbers have two digits), as
/// (file name, content) pairs, the manifest `meeting.yaml` first.
pub fn meeting(papers: u32) -> Vec<(String, String)> {
    let mut manifest = String::from(
        "committee: SECP\ncommittee_name: SEC Panel\nmeeting: 78\ndate: 2020-03-13\n\
         defaults:\n  author: Test Author\n  team: SECAS Team\n  date: 2020-03-06\npapers:\n",
    );
    let mut files = Vec::new();
    for n in 1..=papers.min(99) {
        let name = format!("paper-{n:02}.yaml");
        writeln!(manifest, "  - file: {name}").expect("writing to a String");
        files.push((name, paper_body(n, 24)));
    }
    files.insert(0, ("meeting.yaml".to_string(), manifest));
    files
}
