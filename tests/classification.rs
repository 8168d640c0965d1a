//! Classification as data: classes and their names, parts above the paper's class,
//! editions with placeholders and unchanged numbering, the edition's marking on every
//! channel, meetings without their withheld papers, and no leak in any output.

use crate::common::pdf::{ReadPdf, fold};
use crate::common::*;
use panelpaper::domain::Classification;
use std::path::Path;

const PAPER: &str = "tests/fixtures/classified.yaml";
/// Marker words and the class of the parts that carry them.
const MARKERS: [(&str, Classification); 4] = [
    ("Zanzibar", Classification::Green),
    ("Quixote", Classification::Amber),
    ("Xylophone", Classification::AmberStrict),
    ("Vortigern", Classification::Red),
];

fn render_edition(edition: &str, out: &Path) -> std::process::Output {
    panelpaper(&["render", PAPER, "-o", s(out), "--edition", edition])
}

#[test]
fn a_full_render_is_marked_by_its_highest_part_and_says_why() {
    let out = tempfile::tempdir().unwrap();
    let run = panelpaper(&["render", PAPER, "-o", s(out.path())]);
    assert!(run.status.success(), "{}", stderr(&run));
    // The run says which parts raise the marking above the base class (each outermost one).
    assert!(
        stderr(&run).contains("note: SSC_95_2602_12 marked RED (base WHITE) by section 3, recommendation 5.3, Annex B"),
        "{}",
        stderr(&run)
    );
    let md = std::fs::read_to_string(out.path().join("SSC_95_2602_12.md")).unwrap();
    assert!(md.contains("classification: \"RED\""));
    assert!(md.contains("This document is classified as Red"));
    let pdf = ReadPdf::new(&std::fs::read(out.path().join("SSC_95_2602_12.pdf")).unwrap());
    for lines in &pdf.pages {
        assert_eq!(lines[0], "TLP:RED");
    }
    for word in MARKERS.map(|(word, _)| word) {
        assert!(pdf.text().contains(word), "the full paper shows {word}");
    }
}

#[test]
fn class_names_are_case_insensitive_clear_is_white_and_unknown_ones_are_listed() {
    let out = tempfile::tempdir().unwrap();
    assert!(render_edition("clear", out.path()).status.success());
    let md = std::fs::read_to_string(out.path().join("SSC_95_2602_12.md")).unwrap();
    assert!(md.contains("classification: \"WHITE\""));
    let run = render_edition("purple", out.path());
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("valid classes are WHITE (or CLEAR), GREEN, AMBER, AMBER+STRICT, RED"),
        "{}",
        stderr(&run)
    );
    let bad = tempfile::tempdir().unwrap();
    let yaml =
        std::fs::read_to_string(PAPER).unwrap().replace("classification: AMBER+STRICT", "classification: ORANGE");
    std::fs::write(bad.path().join("p.yaml"), yaml).unwrap();
    let run = panelpaper(&["check", s(&bad.path().join("p.yaml"))]);
    assert!(stderr(&run).contains("unknown classification `ORANGE`"));
    assert!(stderr(&run).contains("valid classes: WHITE (or CLEAR), GREEN, AMBER, AMBER+STRICT, RED"));
}

#[test]
fn an_edition_withholds_parts_with_placeholders_and_keeps_the_numbering() {
    let out = tempfile::tempdir().unwrap();
    assert!(render_edition("GREEN", out.path()).status.success());
    let md = std::fs::read_to_string(out.path().join("SSC_95_2602_12.md")).unwrap();
    assert_snapshot!("green_edition", md);
    for line in [
        // A part kept shows its portion mark; a withheld one only its placeholder.
        "## 2. Community Observations Zanzibar \\[GREEN\\]",
        "*Section 2.1 withheld: classified AMBER.*",
        "### 2.2 Public Advice",
        "*Section 3 withheld: classified RED.*",
        "## 4. Next Steps",
        "5.1 NOTE the update;",
        "*Recommendation 5.2 withheld: classified AMBER+STRICT.*",
        "*Recommendation 5.3 withheld: classified RED.*",
        "- Appendix A – Threat Assessment 2020 (AMBER)",
        "| \\[GREEN\\] C2 | Zanzibar spear phishing | Open |",
        "| <!-- span --> *Row 3 withheld: classified AMBER.* |",
        "*Annex B withheld: classified RED.*",
    ] {
        assert!(md.lines().any(|l| l == line), "missing line {line:?}");
    }
}

#[test]
fn every_edition_is_marked_by_what_it_shows_never_by_its_audience() {
    use Classification::*;
    // Edition → its marking: the highest class of what is left.
    for (edition, marking) in [(White, White), (Green, Green), (Amber, Amber), (AmberStrict, AmberStrict), (Red, Red)] {
        let out = tempfile::tempdir().unwrap();
        let run = render_edition(edition.name(), out.path());
        assert!(run.status.success(), "{}", stderr(&run));
        let md = std::fs::read_to_string(out.path().join("SSC_95_2602_12.md")).unwrap();
        assert!(md.contains(&format!("classification: \"{marking}\"")), "{edition} edition:\n{md}");
        let pdf = ReadPdf::new(&std::fs::read(out.path().join("SSC_95_2602_12.pdf")).unwrap());
        assert!(pdf.info("Keywords").contains(&format!("TLP:{marking}")), "{edition}: {}", pdf.info("Keywords"));
    }
    // A WHITE paper (the seed, with its AMBER attachment listed) stays WHITE in every
    // edition: no TLP label, the White statement.
    for edition in ["GREEN", "AMBER", "RED"] {
        let out = tempfile::tempdir().unwrap();
        let seed = "data/meetings/secp-78/dcc-reporting.yaml";
        let run = panelpaper(&["render", seed, "-o", s(out.path()), "--edition", edition]);
        assert!(run.status.success(), "{}", stderr(&run));
        let pdf_file = snapshot_dir(out.path()).into_iter().find(|(n, _)| n.ends_with(".pdf")).unwrap();
        let pdf = ReadPdf::new(&pdf_file.1);
        assert!(pdf.pages.iter().all(|page| !page[0].starts_with("TLP:")), "{edition}");
        assert!(fold(&pdf.text()).contains("This document is classified as White"), "{edition}");
        assert!(!fold(&pdf.text()).contains("must not"), "{edition}");
    }
}

/// The issue's own case: restricted parts of two classes in a paper that declares only
/// its base class. It renders in full (marked RED) and in every lower edition.
#[test]
fn a_paper_with_a_red_row_has_every_lower_edition() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("portion.yaml");
    std::fs::write(&paper, portion_paper()).unwrap();
    let out = dir.path().join("out");
    let run = panelpaper(&["render", s(&paper), "-o", s(&out), "-f", "md"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("marked RED (base WHITE) by Annex A row 2\n"), "{}", stderr(&run));
    for (edition, marking, shows, hides) in [
        ("AMBER+STRICT", "AMBER+STRICT", "Strict detail", "Red figure"),
        ("AMBER", "WHITE", "Public row", "Strict detail"),
        ("GREEN", "WHITE", "Public row", "Red figure"),
        ("WHITE", "WHITE", "Public row", "Strict detail"),
    ] {
        let out = dir.path().join(edition);
        let run = panelpaper(&["render", s(&paper), "-o", s(&out), "-f", "md", "--edition", edition]);
        assert!(run.status.success(), "{}", stderr(&run));
        let md = std::fs::read_to_string(out.join("SECP_78_1303_40.md")).unwrap();
        assert!(md.contains(&format!("classification: \"{marking}\"")), "{edition}:\n{md}");
        assert!(md.contains(shows) && !md.contains(hides), "{edition}:\n{md}");
        assert!(md.contains("| <!-- span --> *Row 2 withheld: classified RED.* |"), "{edition}:\n{md}");
    }
}

fn portion_paper() -> String {
    "committee: SECP\nmeeting: 78\nmeeting_date: 2020-03-13\nnumber: 40\ntitle: Portion Marking\naction: For Information\n\
     classification: WHITE\nauthor: A Author\nteam: SECAS Team\ndate: 2020-03-06\nsections:\n  - heading: Purpose\n    body: Public text.\n\
     \x20 - heading: Detail\n    classification: AMBER+STRICT\n    body: Strict detail.\nrecommendations:\n  items:\n    - verb: NOTE\n      text: the paper.\n\
     annexes:\n  - title: Figures\n    columns: [Ref, Figure, Status]\n    rows:\n      - [\"1\", Public row, Open]\n\
     \x20     - cells: [\"2\", Red figure, Open]\n        classification: RED\n      - [\"3\", Another public row, Closed]\n"
        .to_string()
}

#[test]
fn a_withheld_row_keeps_its_number_and_its_placeholder_spans_the_row() {
    let out = tempfile::tempdir().unwrap();
    assert!(render_edition("GREEN", out.path()).status.success());
    let pdf = ReadPdf::new(&std::fs::read(out.path().join("SSC_95_2602_12.pdf")).unwrap());
    // Squeezed into the narrow "Ref" column it would wrap over several lines.
    let lines: Vec<&String> = pdf.pages.iter().flatten().collect();
    assert!(lines.iter().any(|l| l.as_str() == "Row 3 withheld: classified AMBER."), "{lines:?}");
}

#[test]
fn withholding_takes_a_part_with_everything_inside_it() {
    let out = tempfile::tempdir().unwrap();
    let run = panelpaper(&["check", PAPER]);
    // The WHITE subsection 2.2 of the GREEN section 2 goes with it, under one placeholder.
    assert!(stderr(&run).contains(
        "classified.yaml:31:25: sections[1].subsections[1].classification: classified WHITE, below the GREEN of what contains it"
    ), "{}", stderr(&run));
    let run = render_edition("WHITE", out.path());
    assert!(run.status.success());
    assert!(!stderr(&run).contains("sections[1]"), "an edition's run says nothing of what it withholds");
    let md = std::fs::read_to_string(out.path().join("SSC_95_2602_12.md")).unwrap();
    assert!(md.contains("*Section 2 withheld: classified GREEN.*"));
    assert!(!md.contains("Public Advice") && !md.contains("Section 2.1") && !md.contains("Section 2.2"), "{md}");
    assert!(md.contains("## 4. Next Steps"));
}

#[test]
fn a_part_prints_only_data_at_or_below_its_class() {
    let dir = tempfile::tempdir().unwrap();
    let paper = std::fs::read_to_string(PAPER).unwrap().replace(
        "body: The National Cyber Security Centre's public advice applies.",
        "body: \"Advice {{ data.red_figure }}\"",
    );
    std::fs::write(dir.path().join("p.yaml"), &paper).unwrap();
    let run = panelpaper(&["check", s(&dir.path().join("p.yaml"))]);
    assert_eq!(run.status.code(), Some(1));
    let message = stderr(&run);
    assert!(
        message.contains(
            "sections[1].subsections[1].body: prints `data.red_figure`, classified RED, above the part's GREEN"
        ),
        "{message}"
    );
    // An edition's run does not name the entry it withholds.
    let run =
        panelpaper(&["render", s(&dir.path().join("p.yaml")), "-o", s(&dir.path().join("o")), "--edition", "GREEN"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(stderr(&run).contains("prints a `data` entry classified above the part's GREEN"), "{}", stderr(&run));
    assert!(!stderr(&run).contains("red_figure") && !stderr(&run).contains("Vortigern"), "{}", stderr(&run));

    // Dumping the data shows only what the part may print; the whole context is refused.
    let dumped = std::fs::read_to_string(PAPER)
        .unwrap()
        .replace("body: The Sub-Committee will review the landscape again in June.", "body: \"Data {{ data }}\"");
    std::fs::write(dir.path().join("d.yaml"), &dumped).unwrap();
    let out = dir.path().join("d");
    let run = panelpaper(&["render", s(&dir.path().join("d.yaml")), "-o", s(&out), "-f", "md"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let md = std::fs::read_to_string(out.join("SSC_95_2602_12.md")).unwrap();
    let line = md.lines().find(|l| l.starts_with("Data ")).unwrap();
    assert!(line.contains("public_figure") && !line.contains("Vortigern"), "{line}");
    let context = std::fs::read_to_string(PAPER)
        .unwrap()
        .replace("body: The Sub-Committee will review the landscape again in June.", "body: \"{{ __tera_context }}\"");
    std::fs::write(dir.path().join("c.yaml"), &context).unwrap();
    let run = panelpaper(&["check", s(&dir.path().join("c.yaml"))]);
    assert!(stderr(&run).contains("cannot print the whole template context"), "{}", stderr(&run));
}

#[test]
fn an_edition_run_reports_problems_inside_withheld_parts_without_their_detail() {
    let dir = tempfile::tempdir().unwrap();
    let paper = std::fs::read_to_string(PAPER).unwrap().replace("{{ data.red_figure }}", "{{ data.Vortigern_typo }}");
    std::fs::write(dir.path().join("p.yaml"), &paper).unwrap();
    let run =
        panelpaper(&["render", s(&dir.path().join("p.yaml")), "-o", s(&dir.path().join("o")), "--edition", "AMBER"]);
    assert_eq!(run.status.code(), Some(1));
    let message = stderr(&run);
    assert!(message.contains("sections[2]: a problem in a part the AMBER edition withholds"), "{message}");
    assert!(!message.contains("Vortigern"), "{message}");
    assert!(snapshot_dir(&dir.path().join("o")).is_empty());
}

#[test]
fn render_of_a_paper_above_the_edition_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("amber.yaml");
    let text = std::fs::read_to_string(PAPER)
        .unwrap()
        .replace("classification: WHITE\nauthor", "classification: AMBER\nauthor");
    std::fs::write(&paper, text).unwrap();
    let out = dir.path().join("out");
    let run = panelpaper(&["render", s(&paper), "-o", s(&out), "--edition", "GREEN"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        stderr(&run),
        "note: SSC_95_2602_12 is classified AMBER, above the GREEN edition: nothing written for it\n"
    );
    assert!(snapshot_dir(&out).is_empty());
}

#[test]
fn the_edition_class_marks_every_page_the_metadata_and_the_front_matter() {
    let out = tempfile::tempdir().unwrap();
    assert!(render_edition("amber", out.path()).status.success());
    let md = std::fs::read_to_string(out.path().join("SSC_95_2602_12.md")).unwrap();
    assert!(md.contains("classification: \"AMBER\""));
    let pdf = ReadPdf::new(&std::fs::read(out.path().join("SSC_95_2602_12.pdf")).unwrap());
    for lines in &pdf.pages {
        assert_eq!(lines[0], "TLP:AMBER");
        assert!(fold(&lines.join(" ")).contains("This document is classified as Amber in accordance"));
    }
    assert!(pdf.info("Keywords").contains("TLP:AMBER"));
}

#[test]
fn each_class_has_its_statement_and_the_white_one_is_the_seeds() {
    let mut statements = Vec::new();
    for class in ["white", "green", "amber", "amber+strict", "red"] {
        let out = tempfile::tempdir().unwrap();
        assert!(render_edition(class, out.path()).status.success());
        let md = std::fs::read_to_string(out.path().join("SSC_95_2602_12.md")).unwrap();
        statements.push(md.rsplit("<!-- footer -->\n\n").next().unwrap().trim().to_string());
        // AMBER and RED pages carry the class at the top; WHITE and GREEN ones do not.
        let pdf = ReadPdf::new(&std::fs::read(out.path().join("SSC_95_2602_12.pdf")).unwrap());
        let marked = matches!(class, "amber" | "amber+strict" | "red");
        for lines in &pdf.pages {
            let top = format!("TLP:{}", class.to_uppercase());
            assert_eq!(lines[0] == top, marked, "{class}: page starts {:?}", lines[0]);
            assert!(marked || lines.iter().all(|l| !l.starts_with("TLP:")), "{class}");
        }
    }
    assert_eq!(
        statements[0],
        "This document is classified as White in accordance with the Panel Information Policy. Information can be shared with the public, and any members may publish the information, subject to copyright."
    );
    assert_snapshot!("statements", statements.join("\n\n"));
}

#[test]
fn a_meeting_edition_leaves_out_papers_above_it_and_says_so_without_their_titles() {
    let out = tempfile::tempdir().unwrap();
    let run = panelpaper(&[
        "build",
        "data/meetings/secp-78/meeting.yaml",
        "-o",
        s(out.path()),
        "--edition",
        "GREEN",
        "--pack",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let names: Vec<String> = snapshot_dir(out.path()).into_iter().map(|(n, _)| n).collect();
    assert!(!names.iter().any(|n| n.starts_with("SECP_78_1303_27")), "the AMBER paper is left out: {names:?}");
    assert!(names.contains(&"SECP_78_1303_28.pdf".to_string()), "the GREEN paper is in");
    let index = std::fs::read_to_string(out.path().join("index.md")).unwrap();
    assert!(index.contains("| 27 | SECP_78_1303_27 | *Withheld: classified AMBER* | | AMBER | |"), "{index}");
    assert!(!index.contains("Security Sub-Committee Update"));
    assert!(index.contains("classification: \"GREEN\""));
    let pack = ReadPdf::new(&std::fs::read(out.path().join("SECP_78_pack.pdf")).unwrap());
    assert!(!pack.text().contains("Security Sub-Committee Update"));
    assert!(pack.outline().iter().all(|(_, title, _)| !title.contains("SECP_78_1303_27")));
    assert!(pack.info("Keywords").contains("TLP:GREEN"));
}

#[test]
fn in_a_meeting_edition_each_paper_keeps_its_own_marking_and_the_pack_the_highest() {
    let out = tempfile::tempdir().unwrap();
    let manifest = "data/meetings/secp-78/meeting.yaml";
    let run = panelpaper(&["build", manifest, "-o", s(out.path()), "--edition", "AMBER", "--pack"]);
    assert!(run.status.success(), "{}", stderr(&run));
    // The WHITE minutes (paper 25) stay WHITE: in their own PDF and on their pack pages.
    let minutes = ReadPdf::new(&std::fs::read(out.path().join("SECP_78_1303_25.pdf")).unwrap());
    assert!(minutes.pages.iter().all(|p| !p[0].starts_with("TLP:")));
    assert!(minutes.info("Keywords").contains("TLP:WHITE"), "{}", minutes.info("Keywords"));
    let pack = ReadPdf::new(&std::fs::read(out.path().join("SECP_78_pack.pdf")).unwrap());
    let minutes_page = pack.pages.iter().position(|p| p.iter().any(|l| l.contains("Minutes and Actions"))).unwrap();
    let minutes_page = minutes_page.max(1);
    assert!(!pack.pages[minutes_page][0].starts_with("TLP:"), "{:?}", pack.pages[minutes_page]);
    assert!(fold(&pack.pages[minutes_page].join(" ")).contains("classified as White"));
    // The AMBER paper's pages, the cover, the pack's metadata and the index: AMBER.
    assert_eq!(pack.pages[0][0], "TLP:AMBER");
    assert!(pack.info("Keywords").contains("TLP:AMBER"));
    let index = std::fs::read_to_string(out.path().join("index.md")).unwrap();
    assert!(index.contains("classification: \"AMBER\""), "{index}");
    // A GREEN edition holds no AMBER paper, so nothing of it is AMBER.
    let green = tempfile::tempdir().unwrap();
    let run = panelpaper(&["build", manifest, "-o", s(green.path()), "--edition", "GREEN", "--pack"]);
    assert!(run.status.success());
    let index = std::fs::read_to_string(green.path().join("index.md")).unwrap();
    assert!(index.contains("classification: \"GREEN\""), "{index}");
}

#[test]
fn a_manifest_classified_above_an_edition_keeps_its_own_fields_out_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new("data/meetings/secp-78");
    example_meeting_in(dir.path());
    let manifest = std::fs::read_to_string(source.join("meeting.yaml"))
        .unwrap()
        .replace("venue: Gemserv, 8 Fenchurch Place, London EC3M 4AJ", "venue: Quixote House\nclassification: AMBER");
    std::fs::write(dir.path().join("meeting.yaml"), manifest).unwrap();
    let out = dir.path().join("out");
    let run =
        panelpaper(&["build", s(&dir.path().join("meeting.yaml")), "-o", s(&out), "--edition", "GREEN", "-f", "md"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(!index.contains("Quixote"), "{index}");
    assert!(index.contains("classification: \"GREEN\""), "{index}");
    let full = dir.path().join("full");
    assert!(panelpaper(&["build", s(&dir.path().join("meeting.yaml")), "-o", s(&full), "-f", "md"]).status.success());
    let index = std::fs::read_to_string(full.join("index.md")).unwrap();
    assert!(index.contains("Quixote House") && index.contains("classification: \"AMBER\""), "{index}");
}

/// Every channel of every lower edition, for the paper, a meeting and their comparisons:
/// no marker of a class above the edition appears in the Markdown, the HTML (its text,
/// head, stylesheet and attributes: the whole file), the PDF's text, the PDF's bytes once
/// every stream is decompressed (metadata and bookmarks included), a file name, standard
/// output or standard error.
#[test]
fn nothing_above_an_edition_leaks_into_any_output() {
    let meeting = tempfile::tempdir().unwrap();
    let m = meeting.path();
    // A meeting whose AMBER paper, first on the agenda, carries a marker in its title.
    let manifest_text = "committee: SSC\ncommittee_name: Security Sub-Committee\nmeeting: 95\ndate: 2020-02-26\npapers:\n  - file: amber.yaml\n  - file: classified.yaml\n";
    std::fs::write(m.join("meeting.yaml"), manifest_text).unwrap();
    let paper = std::fs::read_to_string(PAPER).unwrap();
    let in_meeting: String = paper
        .lines()
        .filter(|l| !l.starts_with("committee:") && !l.starts_with("meeting") && !l.starts_with("number:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(m.join("classified.yaml"), &in_meeting).unwrap();
    let amber = in_meeting
        .replace("title: Threat Landscape Update", "title: Quixote Briefing")
        .replace("classification: WHITE\nauthor: Jo Bloggs", "classification: AMBER\nauthor: Quixote Author");
    std::fs::write(m.join("amber.yaml"), &amber).unwrap();
    // Second drafts: every restricted part edited, and one public sentence.
    let edit = |text: &str| {
        text.replace("Zanzibar phishing", "Zanzibar smishing")
            .replace("Quixote weaknesses", "Quixote flaws")
            .replace("Xylophone supplier findings", "Xylophone supplier report")
            .replace("{{ data.red_figure }} devices", "{{ data.red_figure }} meters")
            .replace("Vortigern 203.0.113.7", "Vortigern 203.0.113.8")
            .replace("again in June", "again in July")
    };
    let drafts = tempfile::tempdir().unwrap();
    let d = drafts.path();
    for (name, text) in [("classified.yaml", &in_meeting), ("amber.yaml", &amber)] {
        std::fs::write(d.join(name), edit(text)).unwrap();
    }
    std::fs::write(d.join("meeting.yaml"), manifest_text).unwrap();
    let standalone = d.join("standalone.yaml");
    std::fs::write(&standalone, edit(&paper)).unwrap();
    let amber_alone = |dir: &Path, text: &str| {
        let file = dir.join("amber-alone.yaml");
        std::fs::write(&file, format!("committee: SSC\nmeeting: 95\nmeeting_date: 2020-02-26\nnumber: 1\n{text}"))
            .unwrap();
        file
    };
    let (amber_old, amber_new) = (amber_alone(m, &amber), amber_alone(d, &edit(&amber)));

    for edition in [Classification::White, Classification::Green, Classification::Amber, Classification::AmberStrict] {
        let out = tempfile::tempdir().unwrap();
        let o = out.path();
        let class = edition.name();
        let mut runs = vec![
            panelpaper(&["render", PAPER, "-o", s(&o.join("paper")), "-f", "md,pdf,html,docx", "--edition", class]),
            panelpaper(&[
                "render",
                s(&amber_old),
                "-o",
                s(&o.join("amber")),
                "-f",
                "md,pdf,html,docx",
                "--edition",
                class,
            ]),
            panelpaper(&[
                "build",
                s(&m.join("meeting.yaml")),
                "-o",
                s(&o.join("meeting")),
                "-f",
                "md,pdf,html,docx",
                "--edition",
                class,
                "--pack",
            ]),
        ];
        let pairs = [
            (Path::new(PAPER).to_path_buf(), standalone.clone(), "paper"),
            (amber_old.clone(), amber_new.clone(), "withheld"),
            (m.join("meeting.yaml"), d.join("meeting.yaml"), "meeting"),
        ];
        for (old, new, name) in &pairs {
            for format in ["text", "md", "pdf", "html", "docx"] {
                let file = o.join("diffs").join(format!("{name}.{format}"));
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                let run = panelpaper(&["diff", s(old), s(new), "-f", format, "-o", s(&file), "--edition", class]);
                assert!(matches!(run.status.code(), Some(0 | 1)), "{}", stderr(&run));
                runs.push(run);
            }
            runs.push(panelpaper(&["diff", s(old), s(new), "--edition", class]));
        }
        let forbidden: Vec<&str> =
            MARKERS.iter().filter(|(_, class)| *class > edition).map(|(word, _)| *word).collect();
        let allowed: Vec<&str> = MARKERS.iter().filter(|(_, class)| *class <= edition).map(|(word, _)| *word).collect();
        let mut seen_allowed = Vec::new();
        let mut check = |what: &str, text: &str| {
            for word in &forbidden {
                assert!(!text.contains(word), "{word} leaked into the {edition} edition's {what}:\n{text}");
            }
            seen_allowed.extend(allowed.iter().filter(|w| text.contains(**w)).copied());
        };
        for (i, run) in runs.iter().enumerate() {
            check(&format!("stdout of run {i}"), &String::from_utf8_lossy(&run.stdout));
            check(&format!("stderr of run {i}"), &String::from_utf8_lossy(&run.stderr));
        }
        for dir in ["paper", "amber", "meeting", "diffs"] {
            for (name, bytes) in snapshot_dir(&o.join(dir)) {
                check("file name", &name);
                for text in channels(&name, bytes) {
                    check(&name, &text);
                }
            }
        }
        // The test can fail: markers at or below the edition do appear.
        for word in &allowed {
            assert!(seen_allowed.contains(word), "{word} should be in the {edition} edition");
        }
    }
}

/// What a file says, on every channel a reader can reach.
pub(crate) fn channels(name: &str, bytes: Vec<u8>) -> Vec<String> {
    if name.ends_with(".docx") {
        // Every part of the package: text, comments, properties, header and footer.
        return crate::common::docx::parts(&bytes).into_iter().map(|(_, xml)| xml).collect();
    }
    if !name.ends_with(".pdf") {
        return vec![String::from_utf8(bytes).unwrap()];
    }
    let pdf = ReadPdf::new(&bytes);
    let mut doc = pdf.doc.clone();
    doc.decompress();
    let mut raw = Vec::new();
    doc.save_to(&mut raw).unwrap();
    let titles: Vec<String> = pdf.outline().into_iter().map(|(_, t, _)| t).collect();
    vec![
        pdf.text(),
        String::from_utf8_lossy(&raw).into_owned(),
        titles.join(" "),
        pdf.info("Title"),
        pdf.info("Keywords"),
    ]
}

#[test]
fn a_diff_of_a_paper_above_the_edition_names_its_reference_only() {
    let dir = tempfile::tempdir().unwrap();
    let amber = std::fs::read_to_string(PAPER)
        .unwrap()
        .replace("classification: WHITE\nauthor", "classification: AMBER\nauthor");
    let old = dir.path().join("old.yaml");
    let same = dir.path().join("same.yaml");
    let changed = dir.path().join("changed.yaml");
    std::fs::write(&old, &amber).unwrap();
    std::fs::write(&same, &amber).unwrap();
    let title = amber.lines().find(|l| l.starts_with("title:")).unwrap();
    std::fs::write(&changed, amber.replace(title, "title: Entirely New Title")).unwrap();
    let mut codes = Vec::new();
    for new in [&same, &changed] {
        for format in ["text", "md"] {
            let run = panelpaper(&["diff", s(&old), s(new), "-f", format, "--edition", "GREEN"]);
            let text = String::from_utf8_lossy(&run.stdout).into_owned();
            assert!(text.contains("paper SSC_95_2602_12: withheld from the GREEN edition"), "{text}");
            assert!(!text.contains("Threat") && !text.contains("Jo Bloggs"), "{text}");
            assert!(!text.contains("Entirely") && !text.contains("old.yaml"), "{text}");
            codes.push(run.status.code());
        }
    }
    // The exit code does not tell whether the withheld paper changed.
    assert!(codes.iter().all(|c| *c == Some(0)), "{codes:?}");
}

#[test]
fn redlines_name_drafts_by_label_never_by_path() {
    let out = tempfile::tempdir().unwrap();
    let pdf_file = out.path().join("r.pdf");
    let seed = "data/meetings/secp-78/dcc-reporting.yaml";
    let run = panelpaper(&["diff", seed, "tests/fixtures/drafts/figure.yaml", "-f", "pdf", "-o", s(&pdf_file)]);
    assert_eq!(run.status.code(), Some(1));
    let pdf = ReadPdf::new(&std::fs::read(&pdf_file).unwrap());
    let text = pdf.text();
    assert!(text.contains("(dcc-reporting.yaml) and SECP_78_1303_29 (figure.yaml)"), "{text}");
    for channel in channels("r.pdf", std::fs::read(&pdf_file).unwrap()) {
        assert!(!channel.contains("data/meetings") && !channel.contains("tests/fixtures"), "a path in {channel}");
    }
    let run = panelpaper(&[
        "diff",
        seed,
        "tests/fixtures/drafts/figure.yaml",
        "--old-label",
        "February draft",
        "--new-label",
        "March draft",
    ]);
    assert!(
        String::from_utf8_lossy(&run.stdout)
            .starts_with("Comparison of SECP_78_1303_29 (February draft) and SECP_78_1303_29 (March draft)")
    );
}

#[test]
fn a_meeting_redline_without_changes_still_carries_its_marking() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("m.pdf");
    let manifest = "data/meetings/secp-78/meeting.yaml";
    let run = panelpaper(&["diff", manifest, manifest, "-f", "pdf", "-o", s(&file)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = ReadPdf::new(&std::fs::read(&file).unwrap());
    assert!(pdf.info("Keywords").contains("TLP:AMBER"), "{}", pdf.info("Keywords"));
    assert!(fold(&pdf.text()).contains("This document is classified as Amber"));
    let green = out.path().join("g.pdf");
    let run = panelpaper(&["diff", manifest, manifest, "-f", "pdf", "-o", s(&green), "--edition", "GREEN"]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let pdf = ReadPdf::new(&std::fs::read(&green).unwrap());
    assert!(pdf.info("Keywords").contains("TLP:GREEN"), "{}", pdf.info("Keywords"));
}
