//! Draft comparison: snapshots of every format for each kind of change, exit codes as
//! diff(1), the redline PDF read back, and meetings.

use crate::common::pdf::{ReadPdf, fold};
use crate::common::*;

fn stdout(args: &[&str]) -> (Option<i32>, String) {
    let run = panelpaper(args);
    (run.status.code(), String::from_utf8(run.stdout).unwrap())
}

#[test]
fn text_reports() {
    for (name, old, new) in DRAFT_CASES {
        let (code, text) = stdout(&["diff", old, new]);
        assert_eq!(code, Some(if name == "unchanged" { 0 } else { 1 }), "{name}");
        assert_snapshot!(format!("text_{name}"), text);
    }
}

#[test]
fn a_one_figure_change_is_a_few_lines() {
    let (_, text) = stdout(&["diff", SEED, "tests/fixtures/drafts/figure.yaml"]);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.contains("[-95.40%,-]{+96.10%,+}"));
}

#[test]
fn critic_markup_reports() {
    for (name, old, new) in DRAFT_CASES {
        let (code, md) = stdout(&["diff", old, new, "-f", "md"]);
        assert_eq!(code, Some(if name == "unchanged" { 0 } else { 1 }), "{name}");
        assert_snapshot!(format!("md_{name}"), md);
    }
    let (_, md) = stdout(&["diff", SEED, "tests/fixtures/drafts/row.yaml", "-f", "md"]);
    assert!(
        md.contains("| {>>added<<}{++2a++} | {>>added<<}{++**DCC Gateway Availability Report**++}<br><br>{>>added<<}{++A new monthly report"),
        "{md}"
    );
    assert!(md.contains("| 3 | **DCC Network Enhancement Report"), "the row after the inserted one is unchanged");
}

#[test]
fn redline_pdfs() {
    for (name, old, new) in DRAFT_CASES {
        let out = tempfile::tempdir().unwrap();
        let file = out.path().join("redline.pdf");
        let run = panelpaper(&["diff", old, new, "-f", "pdf", "-o", s(&file)]);
        assert_eq!(run.status.code(), Some(if name == "unchanged" { 0 } else { 1 }), "{name}: {}", stderr(&run));
        let pdf = ReadPdf::new(&std::fs::read(&file).unwrap());
        let pages: Vec<String> = pdf.pages.iter().map(|lines| lines.join("\n")).collect();
        assert_snapshot!(format!("pdf_{name}"), pages.join("\n\n=== page break ===\n\n"));
        for (i, lines) in pdf.pages.iter().enumerate() {
            let top = lines.iter().find(|l| l.starts_with("Comparison of ")).expect("a header");
            assert!(
                top.starts_with("Comparison of SSC_95_2602_07") || top.starts_with("Comparison of SECP_78_1303_29"),
                "page {}",
                i + 1
            );
            assert_eq!(lines.last().unwrap(), &format!("Page {} of {}", i + 1, pdf.pages.len()));
        }
        // Change bars and insertion marks are drawn in the insertion colour; an unchanged
        // paper has none (a raised marking's new statement is inserted in the footer).
        let mut doc = pdf.doc.clone();
        doc.decompress();
        let mut raw = Vec::new();
        doc.save_to(&mut raw).unwrap();
        let marked = String::from_utf8_lossy(&raw).contains("0 0.33 0.72 RG");
        assert_eq!(marked, name != "unchanged", "{name}");
    }
}

#[test]
fn the_redline_footer_carries_the_higher_classification() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("redline.pdf");
    panelpaper(&["diff", SEED, "tests/fixtures/drafts/raised.yaml", "-f", "pdf", "-o", s(&file)]);
    let pdf = ReadPdf::new(&std::fs::read(&file).unwrap());
    for lines in &pdf.pages {
        assert!(fold(&lines.join(" ")).contains("This document is classified as Amber"));
    }
    // Either way round.
    panelpaper(&["diff", "tests/fixtures/drafts/raised.yaml", SEED, "-f", "pdf", "-o", s(&file)]);
    let pdf = ReadPdf::new(&std::fs::read(&file).unwrap());
    assert!(fold(&pdf.pages[0].join(" ")).contains("This document is classified as Amber"));
    let (_, text) = stdout(&["diff", "tests/fixtures/drafts/raised.yaml", SEED]);
    assert!(text.contains("! classification lowered from AMBER to WHITE"), "{text}");
}

#[test]
fn trouble_exits_2_with_the_same_precise_errors_as_render() {
    let run = panelpaper(&["diff", SEED, "no/such.yaml"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("no/such.yaml"));
    let run = panelpaper(&["diff", SEED, "tests/fixtures/bad/bad-date.yaml"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("bad-date.yaml:10:7: date: `19th February 2020` is not a date"), "{}", stderr(&run));
    assert_eq!(panelpaper(&["diff", SEED, SEED, "-f", "pdf"]).status.code(), Some(2), "PDF needs -o");
}

#[test]
fn editions_compare_without_what_they_withhold() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::fs::read_to_string("tests/fixtures/classified.yaml").unwrap();
    let new = old
        .replace("Quixote weaknesses", "Quixote and Vortigern weaknesses")
        .replace("review the landscape again in June", "review the landscape again in May");
    let new_file = dir.path().join("new.yaml");
    std::fs::write(&new_file, new).unwrap();
    let run = panelpaper(&["diff", "tests/fixtures/classified.yaml", s(&new_file), "--edition", "GREEN", "-f", "md"]);
    assert_eq!(run.status.code(), Some(1));
    let md = String::from_utf8(run.stdout).unwrap();
    assert!(md.contains("again in {--June.--}{++May.++}"), "{md}");
    for word in ["Quixote", "Vortigern", "Xylophone"] {
        assert!(!md.contains(word), "{word} leaked into the GREEN comparison");
    }
}

#[test]
fn meetings_compare_paper_by_paper() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::path::Path::new("data/meetings/secp-78");
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let manifest = std::fs::read_to_string(source.join("meeting.yaml")).unwrap();
    // Drop the minutes (every later paper is renumbered), add a paper, change a figure.
    let manifest = manifest
        .replace(
            "  - file: minutes.yaml\n    recurring: true          # on every agenda: `next` copies it forward\n",
            "",
        )
        .replace("  - file: forward-plan.yaml\n", "  - file: forward-plan.yaml\n  - file: extra.yaml\n");
    std::fs::write(dir.path().join("meeting.yaml"), manifest).unwrap();
    // The minutes' outcomes go with them.
    let outcomes = std::fs::read_to_string(source.join("outcomes.yaml")).unwrap();
    let outcomes = outcomes.replace("  - item: minutes\n    recommendations: [APPROVED, NOTED]\n", "");
    std::fs::write(dir.path().join("outcomes.yaml"), outcomes).unwrap();
    std::fs::copy("tests/fixtures/drafts/figure.yaml", dir.path().join("dcc-reporting.yaml")).unwrap();
    let extra =
        std::fs::read_to_string(source.join("forward-plan.yaml")).unwrap().replace("Panel Forward Plan", "Extra Item");
    std::fs::write(dir.path().join("extra.yaml"), extra).unwrap();
    let new = dir.path().join("meeting.yaml");
    let run = panelpaper(&["diff", "data/meetings/secp-78/meeting.yaml", s(&new)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    // Two manifests of one name are told apart by their folders' names.
    let folder = dir.path().file_name().unwrap().to_str().unwrap();
    let text = String::from_utf8(run.stdout).unwrap().replace(s(dir.path()), "NEW").replace(folder, "NEW");
    assert_snapshot!("meeting_text", text);
    for part in [
        "paper minutes (SECP_78_1303_25) removed",
        "paper mp-revocation renumbered SECP_78_1303_26 to SECP_78_1303_25",
        "paper extra (SECP_78_1303_31) added",
        "paper dcc-reporting (SECP_78_1303_29) changed: 1 change",
        "[-95.40%,-]{+96.10%,+}",
    ] {
        assert!(text.contains(part), "expected {part:?} in:\n{text}");
    }
    let out = dir.path().join("meeting.pdf");
    let run = panelpaper(&["diff", "data/meetings/secp-78/meeting.yaml", s(&new), "-f", "pdf", "-o", s(&out)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let pdf = ReadPdf::new(&std::fs::read(&out).unwrap());
    assert!(pdf.text().contains("paper minutes (SECP_78_1303_25) removed"));
    let (code, _) = stdout(&["diff", "data/meetings/secp-78/meeting.yaml", "data/meetings/secp-78/meeting.yaml"]);
    assert_eq!(code, Some(0));
}

/// The report and the redline walk one alignment: subsections that now belong to another
/// section are renumbered in both (not deleted in one and renumbered in the other), and a
/// removed attachment is reported and struck through.
#[test]
fn the_report_and_the_redline_pair_parts_alike() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(SEED_TYPED).unwrap();
    // Move subsection 3.1 (PMR) to the end of section 2, and drop the attachment.
    let start = seed.find("    subsections:\n      - heading: Performance Measurement Report (PMR)").unwrap();
    let end = seed.find("recommendations:").unwrap();
    let moved = &seed[start..end];
    let mut new = seed.replace(moved, "\n");
    let at = new.find("  - heading: Operations Group Reports Summary").unwrap();
    new.insert_str(at, moved.trim_end_matches('\n'));
    new.insert(at + moved.trim_end_matches('\n').len(), '\n');
    let new = new.replace(
        "attachments:\n  - title: Post Commissioning Information Report (January 2020)\n    classification: AMBER\n",
        "",
    );
    let file = dir.path().join("moved.yaml");
    std::fs::write(&file, &new).unwrap();
    let (code, text) = stdout(&["diff", SEED, s(&file)]);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("> section Performance Measurement Report (PMR) renumbered from 3.1 to 2.1"), "{text}");
    assert_eq!(text.lines().count(), 4, "{text}");
    assert!(text.contains("- attachment Post Commissioning Information Report (January 2020) removed"), "{text}");
    let (_, md) = stdout(&["diff", SEED, s(&file), "-f", "md"]);
    assert!(md.contains("### {--3.1--}{++2.1++} Performance Measurement Report (PMR)"), "{md}");
    assert!(!md.contains("{--Performance Measurement Report (PMR)--}"), "renumbered, not deleted:\n{md}");
    // The removed attachment's whole line goes, the words its template adds with it.
    assert!(
        md.contains("- {>>removed<<}{--Appendix A--} – {>>removed<<}{--Post Commissioning Information Report (January 2020)--} (AMBER)"),
        "{md}"
    );
}

/// A redline of drafts that change every part: struck text struck (never `~~` shown), the
/// sign-off's author, team and date, the reference and action, an attachment's class, an
/// annex's column each marked, in the PDF and the HTML.
#[test]
fn a_redline_marks_every_part_and_shows_struck_text_struck() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = ("tests/fixtures/drafts/every-part-old.yaml", "tests/fixtures/drafts/every-part-new.yaml");
    let html = dir.path().join("r.html");
    let pdf = dir.path().join("r.pdf");
    for (format, file) in [("html", &html), ("pdf", &pdf)] {
        let run = panelpaper(&["diff", old, new, "-f", format, "-o", s(file)]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    }
    let html = std::fs::read_to_string(html).unwrap();
    for marked in [
        "<del>19 February 2020</del><ins>21 February 2020</ins>",
        "<del>Jo Bloggs</del><ins>Sam Smith</ins>",
        "<del>SSC_95_2602_07</del><ins>SSC_95_2602_08</ins>",
        "<del>For Decision</del><ins>For Discussion</ins>",
        "(<del>AMBER</del><ins>RED</ins>)",
        "<del>Metric</del><ins>Measure</ins>",
        "Alerts <s>late</s> <ins>delivered </ins>on time",
        "<del><s>struck words</s></del>",
    ] {
        assert!(html.contains(marked), "{marked} not in the redline:\n{html}");
    }
    let text = crate::common::pdf::ReadPdf::new(&std::fs::read(pdf).unwrap()).text();
    for never in ["~~", "{++", "{--", "++}", "--}"] {
        assert!(!text.contains(never), "{never} shown in the redline PDF:\n{text}");
    }
    assert!(text.contains("19 February 202021 February 2020"), "{text}");
}

/// What a format of a meeting comparison shows, as text: the report, the Markdown, the
/// HTML, the PDF's text, or the Word document's text with its comments (the summary).
fn meeting_comparison(old: &std::path::Path, new: &std::path::Path, format: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("meeting.{format}"));
    let mut args = vec!["diff", s(old), s(new)];
    if format != "text" {
        args.extend(["-f", format, "-o", s(&out)]);
    }
    args.extend(extra);
    let run = panelpaper(&args);
    assert_eq!(run.status.code(), Some(1), "{format}: {}", stderr(&run));
    if format == "text" {
        return String::from_utf8(run.stdout).unwrap();
    }
    let bytes = std::fs::read(&out).unwrap();
    match format {
        "pdf" => fold(&ReadPdf::new(&bytes).text()),
        "docx" => ["word/document.xml", "word/comments.xml"]
            .map(|part| {
                crate::common::docx::settled_paragraphs(&crate::common::docx::part(&bytes, part), true).join("\n")
            })
            .join("\n"),
        _ => String::from_utf8(bytes).unwrap(),
    }
}

/// The manifest's own fields and its agenda are compared, not only its papers: the venue,
/// the start, a paper's presenter and minutes, and the items without a paper (the
/// reviewer's "no changes", exit 0). An edition counts the items it withholds, never names
/// them.
#[test]
fn a_meeting_compares_its_venue_and_agenda_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    example_meeting_in(&old);
    example_meeting_in(&new);
    let items = "  - item: Any Other Business\n    presenter: Chair\n    minutes: 10\n  - item: Public item\n  - item: Secret briefing\n    presenter: Agent Oldname\n    minutes: 25\n    classification: RED\n";
    let manifest = std::fs::read_to_string(old.join("meeting.yaml")).unwrap();
    let manifest = format!("{manifest}{items}");
    std::fs::write(old.join("meeting.yaml"), &manifest).unwrap();
    let changed = manifest
        .replace("venue: Gemserv, 8 Fenchurch Place, London EC3M 4AJ", "venue: Online")
        .replace(
            "  - file: budget.yaml\n",
            "  - file: budget.yaml\n    presenter: Martin Cross (SECAS)\n    minutes: 20\n",
        )
        .replace("    presenter: Chair\n    minutes: 10\n", "    presenter: Vice-Chair\n    minutes: 15\n")
        .replace("  - item: Public item\n", "  - item: Public item renamed\n")
        .replace(
            "Secret briefing\n    presenter: Agent Oldname\n    minutes: 25",
            "Covert briefing\n    presenter: Agent Newname\n    minutes: 5",
        )
        + "  - item: Chair's closing remarks\n";
    std::fs::write(new.join("meeting.yaml"), &changed).unwrap();
    let (old, new) = (old.join("meeting.yaml"), new.join("meeting.yaml"));
    let text = meeting_comparison(&old, &new, "text", &[]);
    for part in [
        "venue changed: Gemserv, 8 Fenchurch Place, London EC3M 4AJ → Online",
        "paper budget (SECP_78_1303_28) on the agenda changed: presenter none given → Martin Cross (SECAS); minutes none given → 20",
        "item 31 “Any Other Business” changed: presenter Chair → Vice-Chair; minutes 10 → 15",
        "item 32 “Public item renamed” changed: renamed from “Public item”",
        "item 33 “Covert briefing” changed: renamed from “Secret briefing”; presenter Agent Oldname → Agent Newname; minutes 25 → 5",
        "item 34 “Chair’s closing remarks” added",
    ] {
        let part = part.replace('’', "'");
        assert!(text.contains(&part), "{part} in\n{text}");
    }
    for format in ["md", "html", "pdf", "docx"] {
        let shown = meeting_comparison(&old, &new, format, &[]);
        for part in ["venue changed", "Vice-Chair", "renamed from", "Agent Newname", "on the agenda changed"] {
            assert!(shown.contains(part), "{format}: {part} in\n{shown}");
        }
    }
    // The GREEN edition: the RED item is withheld from both drafts, and so unnamed.
    for format in ["text", "md", "html", "pdf", "docx"] {
        let shown = meeting_comparison(&old, &new, format, &["--edition", "GREEN"]);
        assert!(shown.contains("Public item renamed") && shown.contains("Vice-Chair"), "{format}:\n{shown}");
        for secret in ["Secret", "Covert", "Agent", "briefing"] {
            assert!(!shown.contains(secret), "{format}: {secret} leaked into the GREEN comparison:\n{shown}");
        }
        assert!(!shown.contains("items withheld"), "{format}: as many withheld items on each side");
    }
    // One more withheld item: counted, not named.
    std::fs::write(&new, format!("{changed}  - item: Red herring\n    classification: RED\n")).unwrap();
    let shown = meeting_comparison(&old, &new, "text", &["--edition", "GREEN"]);
    assert!(shown.contains("items withheld from the GREEN edition: 2 (was 1)"), "{shown}");
    assert!(!shown.contains("herring"), "{shown}");
    // The same manifest compares the same: exit 0.
    let run = panelpaper(&["diff", s(&old), s(&old)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
}
