//! An AMBER recommendation's outcome and the actions it sets, in every channel of a GREEN
//! edition: the decision log and the next meeting's actions annex in every format, the
//! comparison of two meetings in every format, standard output and standard error of a
//! run that succeeds and of one that fails inside the withheld part. Nothing of them
//! (the marker "Quixote", any case) may show; the full editions show it (the test can fail).

use crate::classification::channels;
use crate::common::*;
use crate::cycle::committee_in;
use std::path::{Path, PathBuf};

const MARKER: &str = "quixote";

/// The example meeting, its GREEN budget paper given an AMBER recommendation whose
/// outcome (amended, with a note) sets an action: all of it marked.
fn meeting_with_amber_outcome(dir: &Path) -> PathBuf {
    let manifest = committee_in(dir);
    let budget = manifest.with_file_name("budget.yaml");
    let text = std::fs::read_to_string(&budget).unwrap().replace(
        "      text: the draft budget and provide views on its priorities.\n",
        "      text: the draft budget and provide views on its priorities.\n    - verb: AGREE\n      text: the Quixote contingency arrangements.\n      classification: AMBER\n",
    );
    std::fs::write(&budget, text).unwrap();
    let outcomes = manifest.with_file_name("outcomes.yaml");
    let text = std::fs::read_to_string(&outcomes).unwrap().replace(
        "  - item: dcc-reporting\n",
        "      - outcome: AMENDED\n        wording: AGREE the Quixote contingency arrangements, less the reserve.\n        note: The Quixote reserve is reviewed in June.\n        actions:\n          - id: SECP78/04\n            text: Brief the Quixote working group.\n            owner: Quinn Quixote (SECAS)\n            due: 20 Working Days\n  - item: dcc-reporting\n",
    );
    std::fs::write(&outcomes, text).unwrap();
    manifest
}

fn run(args: &[&str]) -> std::process::Output {
    panelpaper(args)
}

#[test]
fn an_amber_outcome_and_its_actions_reach_no_channel_of_a_green_edition() {
    let dir = tempfile::tempdir().unwrap();
    let m78 = meeting_with_amber_outcome(&dir.path().join("a"));
    let out = dir.path().join("out");
    let all = "md,pdf,html,docx";
    let mut runs = vec![run(&["build", s(&m78), "-o", s(&out.join("g78")), "-f", all, "--edition", "GREEN", "--pack"])];
    assert!(runs[0].status.success(), "{}", stderr(&runs[0]));

    // 79: drafted from 78, its actions annex carries 78's actions.
    let drafted = run(&["next", s(&m78)]);
    assert!(drafted.status.success(), "{}", stderr(&drafted));
    let m79 = m78.parent().unwrap().with_file_name("secp-79").join("meeting.yaml");
    let plan = std::fs::read_to_string(m78.with_file_name("forward-plan.yaml")).unwrap();
    let plan = plan
        .replace("{{ \"budget\" | paper_ref }}", "the April paper")
        .replace("{{ paper_ref(key=\"dcc-reporting\") }}", "this month's");
    std::fs::write(m79.with_file_name("forward-plan.yaml"), plan).unwrap();
    runs.push(run(&["build", s(&m79), "-o", s(&out.join("g79")), "-f", all, "--edition", "GREEN"]));
    assert!(runs[1].status.success(), "{}", stderr(&runs[1]));

    // The same meeting with the AMBER outcome changed: editions compared.
    let changed = meeting_with_amber_outcome(&dir.path().join("b"));
    let outcomes = changed.with_file_name("outcomes.yaml");
    let text = std::fs::read_to_string(&outcomes).unwrap().replace("less the reserve", "less the Quixote reserve").replace(
        "Brief the Quixote working group.\n            owner: Quinn Quixote (SECAS)\n            due: 20 Working Days",
        "Brief the Quixote working group.\n            owner: Quinn Quixote (SECAS)\n            due: 2020-04-30",
    );
    std::fs::write(&outcomes, text).unwrap();
    for format in ["text", "md", "pdf", "html", "docx"] {
        let file = out.join("diffs").join(format!("meeting.{format}"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let compared = run(&["diff", s(&m78), s(&changed), "-f", format, "-o", s(&file), "--edition", "GREEN"]);
        assert_eq!(compared.status.code(), Some(0), "the GREEN editions are the same: {}", stderr(&compared));
        runs.push(compared);
    }
    runs.push(run(&["diff", s(&m78), s(&changed), "--edition", "GREEN"]));
    assert_eq!(run(&["diff", s(&m78), s(&changed)]).status.code(), Some(1), "the full meetings differ");

    // A problem inside the AMBER outcome: a GREEN build says where, never what.
    let broken = meeting_with_amber_outcome(&dir.path().join("c"));
    let outcomes = broken.with_file_name("outcomes.yaml");
    let text = std::fs::read_to_string(&outcomes)
        .unwrap()
        .replace("owner: Quinn Quixote (SECAS)", "owner: quixote team")
        .replace("less the reserve.", "less the {{ quixote }} reserve.")
        .replace("id: SECP78/04", "id: SECP78/02");
    std::fs::write(&outcomes, text).unwrap();
    for format in ["human", "short", "json", "github"] {
        let failed =
            run(&["build", s(&broken), "-o", s(&out.join("broken")), "--edition", "GREEN", "--message-format", format]);
        assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
        runs.push(failed);
    }
    assert!(!out.join("broken").exists());
    let full = run(&["check", s(&outcomes)]);
    let said = stderr(&full).to_lowercase();
    assert!(said.contains("`quixote team` is not an owner") && said.contains("template syntax"), "{said}");

    let check = |what: &str, text: &str| {
        assert!(
            !text.to_lowercase().contains(MARKER),
            "the AMBER outcome leaked into the GREEN edition's {what}:\n{text}"
        );
    };
    for (i, r) in runs.iter().enumerate() {
        check(&format!("stdout of run {i}"), &String::from_utf8_lossy(&r.stdout));
        check(&format!("stderr of run {i}"), &String::from_utf8_lossy(&r.stderr));
    }
    let mut files = 0;
    for folder in ["g78", "g79", "diffs"] {
        for (name, bytes) in snapshot_dir(&out.join(folder)) {
            check("file name", &name);
            for text in channels(&name, bytes) {
                check(&name, &text);
            }
            files += 1;
        }
    }
    assert!(files >= 20, "{files} files checked");
    // What the GREEN edition shows instead: the places, numbered as in full.
    let log = std::fs::read_to_string(out.join("g78/SECP_78_decisions.md")).unwrap();
    assert!(log.contains("*Recommendation 3.2 withheld: classified AMBER.*"), "{log}");
    assert!(log.contains("*Action 4 withheld: classified AMBER.*"), "{log}");
    assert!(log.contains("classification: \"GREEN\""), "{log}");
    let minutes = std::fs::read_to_string(out.join("g79/SECP_79_1404_25.md")).unwrap();
    assert!(minutes.contains("withheld: classified AMBER.*"), "{minutes}");

    // The full editions do show it.
    let full = dir.path().join("full");
    assert!(run(&["build", s(&m78), "-o", s(&full.join("78")), "-f", "md"]).status.success());
    assert!(run(&["build", s(&m79), "-o", s(&full.join("79")), "-f", "md"]).status.success());
    let log = std::fs::read_to_string(full.join("78/SECP_78_decisions.md")).unwrap();
    assert!(
        log.contains("less the reserve") && log.contains("| \\[AMBER\\] SECP78/04 | Brief the Quixote working group."),
        "{log}"
    );
    assert!(log.contains("classification: \"AMBER\""), "{log}");
    let minutes = std::fs::read_to_string(full.join("79/SECP_79_1404_25.md")).unwrap();
    assert!(
        minutes.contains(
            "| \\[AMBER\\] SECP78/04 | Brief the Quixote working group. | Quinn Quixote (SECAS) | 14 April 2020 |"
        ),
        "{minutes}"
    );
}
