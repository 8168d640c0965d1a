//! The secretariat's cycle (issue #29): a meeting's outcomes and its decision log, the
//! actions carried from meeting to meeting, the next meeting drafted in one command, items
//! without papers on the agenda, and meetings compared by what they decided.

use crate::common::pdf::{ReadPdf, fold};
use crate::common::*;
use std::path::{Path, PathBuf};

/// The example meeting copied into a committee's folder of meetings under `dir`
/// (`committee/secp-78/`): its manifest.
pub(crate) fn committee_in(dir: &Path) -> PathBuf {
    example_meeting_in(&dir.join("committee").join("secp-78"))
}

/// `build MANIFEST -o OUT` with `extra`, which must succeed.
fn build(manifest: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", s(manifest), "-o", s(out)];
    args.extend_from_slice(extra);
    let run = panelpaper(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    stderr(&run)
}

/// `next MANIFEST` with `extra`, which must succeed: its stderr.
fn next(manifest: &Path, extra: &[&str]) -> String {
    let mut args = vec!["next", s(manifest)];
    args.extend_from_slice(extra);
    let run = panelpaper(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    stderr(&run)
}

/// The part of a paper's Markdown from its first annex to its footer.
fn annex(markdown: &str) -> &str {
    let start = markdown.find("## Annex A").expect("an annex");
    let end = markdown.find("<!-- footer -->").expect("a footer");
    &markdown[start..end]
}

/// The forward plan paper as a clerk rewrites it for the next meeting: its rows taken
/// from the later meetings' manifests (the copied one cites this meeting's papers).
const FORWARD_PLAN: &str = "title: Panel Forward Plan\naction: For Information\nclassification: WHITE\nsections:\n  - heading: Purpose\n    body: |\n      This paper sets out the items the Panel will consider at its next meetings (Annex A).\nrecommendations:\n  items:\n    - verb: NOTE\n      text: the forward plan.\nannexes:\n  - forward_plan: 2\n";

#[test]
fn meeting_78_decides_79_carries_its_open_actions_and_closing_one_drops_it_from_80() {
    let dir = tempfile::tempdir().unwrap();
    let m78 = committee_in(dir.path());
    let folder = m78.parent().unwrap().parent().unwrap().to_path_buf();

    // Meeting 78, held: its decision log.
    let out78 = dir.path().join("out78");
    build(&m78, &out78, &["-f", "md,pdf"]);
    let log = std::fs::read_to_string(out78.join("SECP_78_decisions.md")).unwrap();
    assert_snapshot!("decision_log", log);
    let pdf = ReadPdf::new(&std::fs::read(out78.join("SECP_78_decisions.pdf")).unwrap());
    let text = fold(&pdf.text());
    for part in ["SEC Panel 78: Decisions and Actions", "AMENDED", "SECP78/02", "14 April", "Actions Closed"] {
        assert!(text.contains(part), "{part} in the log's PDF:\n{text}");
    }
    // Marked by what it shows: the AMBER paper's outcome and action.
    assert!(pdf.info("Keywords").contains("TLP:AMBER"), "{}", pdf.info("Keywords"));

    // `next` drafts 79: the second Friday of April 2020 is Good Friday, the Monday after it
    // Easter Monday.
    let said = next(&m78, &[]);
    assert!(said.contains("drafted SECP_79_1404 in"), "{said}");
    assert!(
        said.contains("gives 10 April 2020, a bank holiday: meeting 79 is on the next Working Day, 14 April 2020"),
        "{said}"
    );
    assert!(
        said.contains("left behind (not `recurring: true`): mp-revocation.yaml, security-update.yaml, budget.yaml"),
        "{said}"
    );
    // The copied forward plan cites a paper 79 does not have: a warning to fix, at its place.
    assert!(said.contains("secp-79/forward-plan.yaml:10:93: sections[1].body"), "{said}");
    let m79 = folder.join("secp-79").join("meeting.yaml");
    let manifest = std::fs::read_to_string(&m79).unwrap();
    for line in [
        "meeting: 79\n",
        "date: 2020-04-14\n",
        "  date: 2020-04-03\n",
        "  - file: dcc-reporting.yaml\n    number: 29\n    recurring: true\n",
    ] {
        assert!(manifest.contains(line), "{line:?} in:\n{manifest}");
    }
    assert!(!manifest.contains("mp-revocation") && !manifest.contains("carried:") && !manifest.contains("progress:"));
    let seed = std::fs::read_to_string(m79.with_file_name("dcc-reporting.yaml")).unwrap();
    assert!(
        seed.contains("\nmeeting: 79\nmeeting_date: 2020-04-14\n") && seed.contains("\ndate: 2020-04-03\n"),
        "{seed}"
    );
    assert!(!m79.with_file_name("outcomes.yaml").exists(), "79 starts without outcomes");
    // The workbook the recurring DCC paper reads goes with it, for the new month's figures.
    assert!(said.contains("dcc-reports.xlsx copied from meeting 78: put this meeting's figures in it"), "{said}");
    assert_eq!(
        std::fs::read(m79.with_file_name("dcc-reports.xlsx")).unwrap(),
        std::fs::read(folder.join("secp-78").join("dcc-reports.xlsx")).unwrap()
    );

    // The clerk rewrites the forward plan; 79 is built.
    std::fs::write(m79.with_file_name("forward-plan.yaml"), FORWARD_PLAN).unwrap();
    let out79 = dir.path().join("out79");
    build(&m79, &out79, &["-f", "md"]);
    let minutes = std::fs::read_to_string(out79.join("SECP_79_1404_25.md")).unwrap();
    let actions = annex(&minutes);
    assert_snapshot!("actions_annex", actions);
    // 78 closed SECP77/01; its own actions are carried, 78/02 due 20 Working Days after
    // 13 March 2020: across Good Friday and Easter Monday, 14 April 2020.
    assert!(!actions.contains("SECP77/01"));
    assert!(actions.contains("| \\[GREEN\\] SECP78/02 | Bring the SECAS budget"), "{actions}");
    assert!(actions.contains("| SECAS | 14 April 2020 | Open |"), "{actions}");
    assert!(actions.contains("| DCC | 13 March 2020 | Overdue by 20 Working Days |"), "{actions}");
    assert!(!out79.join("SECP_79_decisions.md").exists(), "no log before the meeting is held");

    // Same input, same bytes: built again, drafted again elsewhere.
    let again = dir.path().join("again79");
    build(&m79, &again, &["-f", "md"]);
    assert_eq!(snapshot_dir(&out79), snapshot_dir(&again));
    let elsewhere = dir.path().join("elsewhere");
    next(&m78, &["-o", s(&elsewhere)]);
    let drafted = |d: &Path| -> Vec<(String, Vec<u8>)> {
        snapshot_dir(d).into_iter().filter(|(n, _)| n != "forward-plan.yaml").collect()
    };
    assert_eq!(drafted(&elsewhere), drafted(m79.parent().unwrap()));

    // 79 is held: it closes SECP78/01. 80 no longer lists it.
    std::fs::write(
        m79.with_file_name("outcomes.yaml"),
        "outcomes:\n  - item: minutes\n    recommendations: [APPROVED, NOTED]\n  - item: dcc-reporting\n    outcome: NOTED\n  - item: forward-plan\n    outcome: NOTED\ncloses: [SECP78/01]\n",
    )
    .unwrap();
    build(&m79, &out79, &["-f", "md"]);
    let log79 = std::fs::read_to_string(out79.join("SECP_79_decisions.md")).unwrap();
    assert!(
        log79.contains(
            "| SECP78/01 | Submit the MP123 Final Modification Report to the Change Board. | SECAS | 20 March 2020 |"
        ),
        "{log79}"
    );
    next(&m79, &[]);
    let m80 = folder.join("secp-80").join("meeting.yaml");
    assert!(
        std::fs::read_to_string(&m80).unwrap().contains("date: 2020-05-11\n"),
        "8 May 2020 was VE Day's bank holiday"
    );
    let out80 = dir.path().join("out80");
    build(&m80, &out80, &["-f", "md"]);
    let minutes80 = std::fs::read_to_string(out80.join("SECP_80_1105_25.md")).unwrap();
    assert!(!annex(&minutes80).contains("SECP78/01"), "{}", annex(&minutes80));
    assert!(annex(&minutes80).contains("SECP78/02"), "{}", annex(&minutes80));
    // 79's forward plan now lists 80's agenda.
    build(&m79, &out79, &["-f", "md"]);
    let plan = std::fs::read_to_string(out79.join("SECP_79_1404_30.md")).unwrap();
    assert!(annex(&plan).contains("| SECP_80_1105 | 11 May 2020 | DCC Reporting | For Information |"), "{plan}");
}

#[test]
fn check_finds_every_problem_of_the_outcomes_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = committee_in(dir.path());
    let outcomes = manifest.with_file_name("outcomes.yaml");
    let text = std::fs::read_to_string(&outcomes).unwrap();
    let bad = text
        // A fourth outcome for a paper with three recommendations.
        .replace(
            "      - outcome: AGREED\n        actions:",
            "      - AGREED\n      - NOTED\n      - outcome: AGREED\n        actions:",
        )
        // An owner that is not written as one, an id given twice, an outcome misspelt.
        .replace("owner: Sasha Townsend (SECAS)", "owner: secas")
        .replace("id: SECP78/03", "id: SECP78/02")
        .replace("outcome: NOTED\n    actions:", "outcome: NOTTED\n    actions:")
        .replace("closes: [SECP77/01]", "closes: [SECP77/09]");
    std::fs::write(&outcomes, bad).unwrap();
    let run = panelpaper(&["check", s(&outcomes)]);
    assert_eq!(run.status.code(), Some(1));
    let said = stderr(&run).replace(s(dir.path()), "DIR");
    assert_snapshot!("bad_outcomes_stderr", said);
    for part in [
        "outcomes[1].recommendations[4]: SECP_78_1303_26 has 3 recommendations (3.1, 3.2, 3.3): there is no recommendation 3.5",
        "error[PP125]",
        "`secas` is not an owner",
        "did you mean `SECAS`?",
        "error[PP124]",
        "action id `SECP78/02` is already used by another action",
        "`NOTTED` is not an outcome",
        "the meeting closes `SECP77/09`, but no action of that id is open",
    ] {
        assert!(said.contains(part), "{part} in:\n{said}");
    }
    // A build says the same and writes nothing.
    let out = dir.path().join("out");
    let run = panelpaper(&["build", s(&manifest), "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(!out.exists());
}

#[test]
fn the_schema_covers_the_outcomes() {
    let run = panelpaper(&["schema", "outcomes"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let validator = jsonschema::draft7::new(&schema).expect("a draft-07 schema");
    let read = |text: &str| -> serde_json::Value { serde_yaml::from_str(text).unwrap() };
    let good = std::fs::read_to_string(root().join("data/meetings/secp-78/outcomes.yaml")).unwrap();
    assert!(validator.is_valid(&read(&good)));
    for bad in [
        good.replace("owner: Sasha Townsend (SECAS)", "owner: the dcc"),
        good.replace("due: 5 Working Days", "due: next week"),
        good.replace("[APPROVED, NOTED]", "[APPROVE, NOTED]"),
        good.replace("closes: [SECP77/01]", "closes: [77/01]"),
        good.replace("item: budget", "itm: budget"),
    ] {
        assert!(!validator.is_valid(&read(&bad)), "{bad}");
    }
}

#[test]
fn next_never_writes_over_a_folder_and_needs_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = committee_in(dir.path());
    let taken = manifest.parent().unwrap().with_file_name("secp-79");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join("notes.txt"), "mine").unwrap();
    let run = panelpaper(&["next", s(&manifest)]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("secp-79 already exists: next writes a new folder and never over one"),
        "{}",
        stderr(&run)
    );
    assert_eq!(snapshot_dir(&taken), [("notes.txt".to_string(), b"mine".to_vec())]);
    let run = panelpaper(&["next", s(&manifest), "--date", "2020-03-01", "-o", s(&dir.path().join("x"))]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("the next meeting must come after this one (13 March 2020)"), "{}", stderr(&run));
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("schedule: second Friday of each month   # `panelpaper next` dates meeting 79 by it\n", "");
    std::fs::write(&manifest, text).unwrap();
    let run = panelpaper(&["next", s(&manifest), "-o", s(&dir.path().join("x"))]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("the manifest has no `schedule`"), "{}", stderr(&run));
    assert!(!dir.path().join("x").exists());
    // With --date it drafts.
    let said = next(&manifest, &["--date", "2020-04-17", "-o", s(&dir.path().join("x"))]);
    assert!(said.contains("drafted SECP_79_1704"), "{said}");
}

#[test]
fn items_without_papers_are_numbered_with_the_papers_and_timed() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = committee_in(dir.path());
    let text = std::fs::read_to_string(&manifest)
        .unwrap()
        .replace("first_number: 25\n", "first_number: 25\nstart: \"10:00\"\n")
        .replace("  - file: mp-revocation.yaml\n", "  - file: mp-revocation.yaml\n    minutes: 30\n    presenter: Ben Giblin (SECAS)\n")
        .replace("    number: 29\n    recurring: true\n", "    number: 29\n    recurring: true\n  - item: Chair's update\n    presenter: Chair\n    minutes: 10\n")
        .replace("  - file: forward-plan.yaml\n    recurring: true\n", "  - file: forward-plan.yaml\n    recurring: true\n  - item: Any Other Business\n    key: aob\n    presenter: Chair\n    minutes: 5\n    recurring: true\n");
    std::fs::write(&manifest, text).unwrap();
    let outcomes = manifest.with_file_name("outcomes.yaml");
    let more = std::fs::read_to_string(&outcomes).unwrap().replace(
        "closes: [SECP77/01]",
        "  - item: aob\n    outcome: NOTED\n    actions:\n      - id: SECP78/04\n        text: Write to the Authority on the Release timetable.\n        owner: Holly Burton (SECAS)\n        due: 2020-03-27\ncloses: [SECP77/01]",
    );
    std::fs::write(&outcomes, more).unwrap();
    let out = dir.path().join("out");
    build(&manifest, &out, &["-f", "md,pdf", "--pack"]);
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    for row in [
        "| No. | Reference | Title | Action | Class | Presenter | Time |",
        "| 26 | [SECP_78_1303_26](SECP_78_1303_26.md) | MP123 ‘Certificate Revocation Checks’: Final Modification Report | For Decision | WHITE | Ben Giblin (SECAS) | 10:00–10:30 |",
        "| 29 | [SECP_78_1303_29](SECP_78_1303_29.md) | DCC Reporting | For Information | WHITE | Huw Exley |  |",
        "| 30 | | Chair's update | Oral | WHITE | Chair | 10:30–10:40 |",
        "| 31 | [SECP_78_1303_31](SECP_78_1303_31.md) | Panel Forward Plan | For Information | WHITE | Holly Burton |  |",
        "| 32 | | Any Other Business | Oral | WHITE | Chair | 10:40–10:45 |",
    ] {
        assert!(index.contains(row), "{row} in:\n{index}");
    }
    let pack = ReadPdf::new(&std::fs::read(out.join("SECP_78_pack.pdf")).unwrap());
    assert!(fold(&pack.pages[0].join(" ")).contains("Any Other Business"), "{:?}", pack.pages[0]);
    let log = std::fs::read_to_string(out.join("SECP_78_decisions.md")).unwrap();
    assert!(log.contains("### 32. Any Other Business\n\n**Outcome:** NOTED"), "{log}");
    assert!(log.contains("| SECP78/04 | Write to the Authority on the Release timetable. | Holly Burton (SECAS) | 27 March 2020 | Item 32 |"), "{log}");
    // `next` carries the recurring item.
    next(&manifest, &[]);
    let m79 =
        std::fs::read_to_string(manifest.parent().unwrap().with_file_name("secp-79").join("meeting.yaml")).unwrap();
    assert!(
        m79.contains(
            "  - item: Any Other Business\n    key: aob\n    presenter: Chair\n    minutes: 5\n    recurring: true\n"
        ),
        "{m79}"
    );
    assert!(m79.contains("start: \"10:00\"\n") && !m79.contains("Chair's update"), "{m79}");
}

#[test]
fn meetings_compare_by_what_they_decided() {
    let dir = tempfile::tempdir().unwrap();
    let old = committee_in(&dir.path().join("old"));
    let new = committee_in(&dir.path().join("new"));
    let outcomes = new.with_file_name("outcomes.yaml");
    let text = std::fs::read_to_string(&outcomes)
        .unwrap()
        .replace("recommendations: [APPROVED, NOTED]", "recommendations: [DEFERRED, NOTED]")
        .replace("due: 20 Working Days", "due: 2020-04-24")
        .replace("closes: [SECP77/01]", "closes: [SECP77/01, SECP77/04]");
    std::fs::write(&outcomes, text).unwrap();
    let run = panelpaper(&["diff", s(&old), s(&new)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let report = String::from_utf8(run.stdout).unwrap();
    for line in [
        "outcome of minutes (SECP_78_1303_25) 3.1 changed: APPROVED → DEFERRED",
        "action SECP78/02 changed: due 14 April 2020 → 24 April 2020",
        "closing of action SECP77/04 added",
    ] {
        assert!(report.contains(line), "{line} in:\n{report}");
    }
    let same = panelpaper(&["diff", s(&old), s(&old)]);
    assert_eq!(same.status.code(), Some(0), "{}", String::from_utf8_lossy(&same.stdout));
}

#[test]
fn a_generated_annex_needs_its_meeting_and_says_what_it_asks() {
    let dir = tempfile::tempdir().unwrap();
    let lone = dir.path().join("lone.yaml");
    let minutes = std::fs::read_to_string(root().join("data/meetings/secp-78/minutes.yaml")).unwrap();
    let alone = format!(
        "committee: SECP\nmeeting: 78\nmeeting_date: 2020-03-13\nnumber: 25\nauthor: A B\nteam: T\ndate: 2020-03-06\n{minutes}"
    );
    std::fs::write(&lone, &alone).unwrap();
    let run = panelpaper(&["check", s(&lone)]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("error[PP131]") && stderr(&run).contains("render it with its meeting"),
        "{}",
        stderr(&run)
    );
    std::fs::write(&lone, alone.replace("  - actions: open", "  - actions: open\n    forward_plan: 2")).unwrap();
    assert!(stderr(&panelpaper(&["check", s(&lone)])).contains("not both"));
    // A table annex misspelt still says what is wrong with it, not that it matches no form.
    std::fs::write(
        &lone,
        alone.replace("  - actions: open", "  - titel: Figures\n    columns: [A]\n    rows: [[\"1\"]]"),
    )
    .unwrap();
    let said = stderr(&panelpaper(&["check", s(&lone)]));
    assert!(said.contains("unknown key `titel`") && said.contains("did you mean `title`?"), "{said}");
}

/// A manifest's own sources go to the next meeting: its `sources` and the files they name,
/// so that a recurring paper reading them still builds there.
#[test]
fn next_carries_the_manifests_sources_and_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = committee_in(dir.path());
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        format!("sources:\n  returns: {{file: figures/returns.csv, classification: GREEN}}\n{text}"),
    )
    .unwrap();
    std::fs::create_dir(manifest.with_file_name("figures")).unwrap();
    std::fs::write(manifest.with_file_name("figures/returns.csv"), "Party,Returns\nDCC,1482913\n").unwrap();
    let paper = manifest.with_file_name("dcc-reporting.yaml");
    let text = std::fs::read_to_string(&paper).unwrap();
    let text = text.replacen("data:\n", "data:\n  returns: {source: returns, cell: B2}\n", 1);
    std::fs::write(&paper, text).unwrap();
    let said = next(&manifest, &[]);
    assert!(said.contains("figures/returns.csv copied from meeting 78"), "{said}");
    let m79 = manifest.parent().unwrap().with_file_name("secp-79").join("meeting.yaml");
    let drafted = std::fs::read_to_string(&m79).unwrap();
    assert!(
        drafted.contains("sources:\n  returns: {\"file\":\"figures/returns.csv\",\"classification\":\"GREEN\"}\n"),
        "{drafted}"
    );
    assert_eq!(std::fs::read(m79.with_file_name("figures/returns.csv")).unwrap(), b"Party,Returns\nDCC,1482913\n");
    // The clerk rewrites the forward plan (the copy cites a paper 79 lacks); 79 checks.
    std::fs::write(m79.with_file_name("forward-plan.yaml"), FORWARD_PLAN).unwrap();
    let run = panelpaper(&["check", s(&m79)]);
    assert!(run.status.success(), "{}", stderr(&run));
}

/// A meeting whose manifest reads a source outside its folder is drafted with
/// `--allow-outside`, as it is built (the source read where it is, not copied); without
/// the flag `next` refuses it as `build` does. The summary counts papers, not workbooks.
#[test]
fn next_takes_allow_outside_as_build_does_and_counts_its_papers() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = committee_in(dir.path());
    let shared = dir.path().join("committee").join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::write(shared.join("returns.csv"), "Party,Returns\nDCC,1482913\n").unwrap();
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("sources:\n  returns: {{file: ../shared/returns.csv}}\n{text}")).unwrap();
    let run = panelpaper(&["next", s(&manifest)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(stderr(&run).contains("--allow-outside"), "{}", stderr(&run));
    let said = next(&manifest, &["--allow-outside"]);
    assert!(said.contains("its manifest and 3 recurring papers"), "{said}");
    assert!(said.contains("returns.csv is read from outside the meeting's folder: not copied"), "{said}");
    let m79 = manifest.parent().unwrap().with_file_name("secp-79").join("meeting.yaml");
    assert!(std::fs::read_to_string(&m79).unwrap().contains("\"file\":\"../shared/returns.csv\""));
    assert!(!m79.with_file_name("returns.csv").exists());
}

/// The decision log marks an item, action or recommendation classed other than what holds
/// it, as a paper marks its parts; `portion_marks: false` in the manifest turns them off.
#[test]
fn the_decision_log_shows_portion_marks_unless_the_manifest_turns_them_off() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = committee_in(dir.path());
    build(&manifest, &dir.path().join("on"), &["-f", "md"]);
    let log = std::fs::read_to_string(dir.path().join("on/SECP_78_decisions.md")).unwrap();
    assert!(log.contains("### 27. Security Sub-Committee Update \\[AMBER\\]\n"), "{log}");
    assert!(log.contains("| \\[AMBER\\] SECP78/03 | Circulate"), "{log}");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("portion_marks: false\n{text}")).unwrap();
    build(&manifest, &dir.path().join("off"), &["-f", "md"]);
    let log = std::fs::read_to_string(dir.path().join("off/SECP_78_decisions.md")).unwrap();
    assert!(!log.contains("\\[AMBER\\]") && !log.contains("\\[GREEN\\]"), "{log}");
}
