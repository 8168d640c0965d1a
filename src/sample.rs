//! Synthetic papers for benchmarks and tests: sizes the example meeting does not reach.

use std::fmt::Write;

/// A valid paper YAML whose Annex A has `rows` rows of realistic length (a 600-row annex
/// fills about 60 pages).
pub fn paper_with_annex(number: u32, rows: usize) -> String {
    let mut yaml = format!(
        "committee: SECP\nmeeting: 78\nmeeting_date: 2020-03-13\nnumber: {number}\ntitle: Generated Paper {number}\n\
         action: For Information\nclassification: WHITE\nauthor: Test Author\nteam: SECAS Team\ndate: 2020-03-06\n\
         sections:\n  - heading: Purpose\n    body: |\n      This paper lists {rows} generated reports.\n\
         recommendations:\n  items:\n    - verb: NOTE\n      text: the generated reports.\n"
    );
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
