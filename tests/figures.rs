//! Issue 27: figures as a paper prints them (the number filters), the meeting and the paper
//! in author text, and an unknown filter pointed at where it is written.

use crate::common::*;

/// The minimal paper with `body` as its first section's text, written as `p.yaml` in `dir`.
fn paper_with(dir: &std::path::Path, data: &str, body: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join(MINIMAL)).unwrap();
    let text = text
        .replace("data:\n  incidents: 4\n", &format!("data:\n  incidents: 4\n{data}"))
        .replace("      There were {{ data.incidents }} incidents this month.\n", &format!("      {body}\n"));
    let file = dir.join("p.yaml");
    std::fs::write(&file, text).unwrap();
    file
}

fn markdown_of_run(file: &std::path::Path, extra: &[&str]) -> String {
    let out = file.parent().unwrap().join("out");
    std::fs::read_to_string(render_one(file, &out, "md", extra)).unwrap()
}

#[test]
fn every_number_filter_prints_the_figure_as_the_docs_say() {
    let dir = tempfile::tempdir().unwrap();
    let data = "  served: 1482913\n  score: 0.954\n  points: 95.4\n  typed: \"95.4%\"\n  cost: 18400\n  fee: 1200.5\n  place: 22\n  odd: 2.675\n";
    let body = "A {{ data.served | thousands }} B {{ data.score | percent }} C {{ data.points | percent(of=100) }} \
                D {{ data.typed | percent(decimals=1) }} E {{ data.cost | currency }} F {{ data.fee | currency(symbol=\"€\") }} \
                G {{ data.place | ordinal }} H {{ data.odd | fixed }} I {{ data.served | fixed(decimals=0) }} \
                J {{ \"1,482,913\" | thousands(decimals=1) }} K {{ 0.27 | percent(decimals=0) }}";
    let md = markdown_of_run(&paper_with(dir.path(), data, body), &[]);
    let expected =
        "A 1,482,913 B 95.40% C 95.40% D 95.4% E £18,400 F €1,200.50 G 22nd H 2.68 I 1482913 J 1,482,913.0 K 27%";
    assert!(md.contains(expected), "{md}");
}

#[test]
fn a_number_filter_refuses_words_and_arguments_it_does_not_take() {
    let dir = tempfile::tempdir().unwrap();
    for (body, message) in [
        ("{{ data.word | percent }}", "percent: `Seven` is not a number"),
        (
            "{{ data.incidents | percent(decmals=1) }}",
            "percent has no argument `decmals`: it takes `decimals` and `of`",
        ),
        ("{{ data.incidents | fixed(decimals=40) }}", "decimals=40: give 0 to 20"),
        ("{{ 2.5 | ordinal }}", "ordinal: `2.5` is not a whole number"),
    ] {
        let file = paper_with(dir.path(), "  word: Seven\n", body);
        let run = panelpaper(&["check", s(&file)]);
        assert_eq!(run.status.code(), Some(1), "{body}");
        assert!(stderr(&run).contains(message), "{body}: {}", stderr(&run));
    }
}

#[test]
fn an_unknown_filter_is_pointed_at_with_the_nearest_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = paper_with(dir.path(), "", "Served {{ data.incidents | thousand }} and {{ data.incidents }}.");
    let run = panelpaper(&["--color", "never", "check", s(&file)]);
    assert_eq!(run.status.code(), Some(1));
    let said = stderr(&run).replace(s(dir.path()), "DIR");
    assert_snapshot!("unknown_filter", said);
    // Column 34 of line 16 is the filter's first letter, in every format.
    let short = panelpaper(&["--message-format", "short", "check", s(&file)]);
    assert!(
        stderr(&short)
            .contains("p.yaml:16:34: error[PP040]: sections[0].body: in template text: unknown filter `thousand`"),
        "{}",
        stderr(&short)
    );
}

#[test]
fn the_meeting_and_the_paper_are_in_author_text_in_check_as_in_render() {
    let meeting = tempfile::tempdir().unwrap();
    let manifest = example_meeting_in(meeting.path());
    let paper = meeting.path().join("dcc-reporting.yaml");
    let text = std::fs::read_to_string(&paper).unwrap().replace(
        "      This paper details which",
        "      Comments to {{ meeting.committee_name }} ({{ meeting.committee }} {{ meeting.number }}, {{ meeting.reference }}) by {{ meeting.date | add_working_days(days=-5) | uk_date }}; this is {{ paper.reference }}, paper {{ paper.number | ordinal }}, signed {{ paper.date | uk_date }}.\n\n      This paper details which",
    );
    std::fs::write(&paper, text).unwrap();
    let check = panelpaper(&["check", s(&paper)]);
    assert!(check.status.success(), "{}", stderr(&check));
    let md = markdown_of_run(&paper, &[]);
    let expected = "Comments to SEC Panel (SECP 78, SECP_78_1303) by 6\u{a0}March 2020; this is SECP_78_1303_29, paper 29th, signed 6\u{a0}March 2020.";
    assert!(md.contains(expected), "{md}");
    let built = panelpaper(&["build", s(&manifest), "-o", s(&meeting.path().join("built")), "-f", "md"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let built = std::fs::read_to_string(meeting.path().join("built/SECP_78_1303_29.md")).unwrap();
    assert!(built.contains(expected));
    // Alone, the paper has no committee name: said so, with where it comes from.
    let alone = tempfile::tempdir().unwrap();
    std::fs::copy(&paper, alone.path().join("p.yaml")).unwrap();
    let run = panelpaper(&["check", s(&alone.path().join("p.yaml"))]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("hint: the committee's name comes from the meeting's manifest"), "{}", stderr(&run));
    // A misspelt name gets the nearest.
    let text = std::fs::read_to_string(&paper).unwrap().replace("{{ meeting.number }}", "{{ meeting.numbr }}");
    std::fs::write(&paper, text).unwrap();
    let run = panelpaper(&["check", s(&paper)]);
    assert!(stderr(&run).contains("did you mean `meeting.number`?"), "{}", stderr(&run));
}
