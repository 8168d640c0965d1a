//! Issue 27: figures from the spreadsheets they arrive in. Every workbook here is written by
//! an independent writer (rust_xlsxwriter; LibreOffice Calc for ODS and XLS), every CSV file
//! byte by byte, and read back through the command line.

use crate::common::workbook::{self, format};
use crate::common::*;
use panelpaper::writers::{Format, Formats};
use rust_xlsxwriter::{ExcelDateTime, Formula, Worksheet};
use std::path::{Path, PathBuf};

/// A paper (SECP 78, number 40, WHITE) with `sources`, `data`, a first section's body and
/// `annexes` as given (YAML, already indented), written as `p.yaml` in `dir`.
pub(crate) fn paper(dir: &Path, sources: &str, data: &str, body: &str, annexes: &str) -> PathBuf {
    let text = format!(
        "committee: SECP\nmeeting: 78\nmeeting_date: 2020-03-13\nnumber: 40\ntitle: Figures\naction: For Information\n\
         classification: WHITE\nauthor: A Author\nteam: SECAS Team\ndate: 2020-03-06\nsources:\n{sources}data:\n  none: 0\n{data}\
         sections:\n  - heading: Purpose\n    body: \"{body}\"\nrecommendations:\n  items:\n    - verb: NOTE\n      text: the figures.\n\
         annexes:\n{annexes}"
    );
    let file = dir.join("p.yaml");
    std::fs::write(&file, text).unwrap();
    file
}

/// The measures sheet: numbers in the formats a secretariat's workbook uses, a date, money
/// in two currencies, a formula with its cached value, booleans, and a class column.
pub(crate) fn measures(sheet: &mut Worksheet) {
    let date = format("d mmm yyyy");
    for (c, header) in ["Measure", "Target", "Actual", "Served", "Due", "Cost", "Met", "TLP"].iter().enumerate() {
        sheet.write_string(0, c as u16, *header).unwrap();
    }
    type Row<'a> = (&'a str, f64, f64, f64, (u16, u8, u8), f64, bool, &'a str);
    let rows: [Row; 3] = [
        ("CPM 1", 0.96, 0.954, 1482913.0, (2020, 1, 31), 18400.0, false, ""),
        ("CPM 3", 0.99, 0.9833, 16250.0, (2020, 2, 28), 1200.5, true, "GREEN"),
        ("CPM 4", 0.9, 0.875, 203.0, (2020, 3, 31), 0.0, false, "RED"),
    ];
    for (i, (measure, target, actual, served, (y, m, d), cost, met, class)) in rows.into_iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, measure).unwrap();
        sheet.write_number_with_format(r, 1, target, &format("0%")).unwrap();
        if i == 1 {
            // A formula, saved with the value it calculated.
            let formula = Formula::new("=0.9833").set_result("0.9833");
            sheet.write_formula_with_format(r, 2, formula, &format("0.00%")).unwrap();
        } else {
            sheet.write_number_with_format(r, 2, actual, &format("0.00%")).unwrap();
        }
        sheet.write_number_with_format(r, 3, served, &format("#,##0")).unwrap();
        sheet.write_datetime_with_format(r, 4, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date).unwrap();
        let money = if i == 1 { format("[$€-1809]#,##0.00") } else { format("\"£\"#,##0") };
        sheet.write_number_with_format(r, 5, cost, &money).unwrap();
        sheet.write_boolean(r, 6, met).unwrap();
        if !class.is_empty() {
            sheet.write_string(r, 7, class).unwrap();
        }
    }
}

const MEASURES_SOURCE: &str = "  pmr: {file: pmr.xlsx, sheet: CPM, class_column: TLP}\n";

fn md_of(file: &Path, extra: &[&str]) -> String {
    let out = file.parent().unwrap().join("out");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::read_to_string(render_one(file, &out, "md", extra)).unwrap()
}

#[test]
fn a_workbooks_numbers_dates_money_and_formulas_print_as_the_sheet_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    workbook::xlsx(&dir.path().join("pmr.xlsx"), &[("CPM", &measures)]);
    let data = "  cpm1: {source: pmr, column: Actual, row: {Measure: CPM 1}}\n  served: {source: pmr, cell: D2}\n  due: {source: pmr, cell: E2}\n  met: {source: pmr, cell: G2}\n";
    let body = "CPM 1 at {{ data.cpm1 | percent }}, {{ data.served | thousands }} served ({{ data.served }}), due {{ data.due | uk_date }}, met: {{ data.met }}.";
    let annexes = "  - title: Measures\n    columns: [Measure, Actual, Served, Due, Cost, Met]\n    rows_from: {source: pmr, where: {TLP: [\"\", GREEN]}}\n\
                   \x20 - title: Measures again\n    columns: [Measure, Against target]\n    rows_from:\n      source: pmr\n      where: {Measure: CPM 1}\n\
                   \x20     cells: [\"**{{ row.Measure }}**\", \"{{ row.Actual | percent(decimals=1) }} against {{ row.Target | percent(decimals=0) }}, {{ row.Due | add_working_days(days=5) | uk_date }}\"]\n";
    let file = paper(dir.path(), MEASURES_SOURCE, data, body, annexes);
    let md = md_of(&file, &[]);
    for line in [
        "CPM 1 at 95.40%, 1,482,913 served (1482913), due 31\u{a0}January 2020, met: false.",
        "| Measure | Actual | Served | Due | Cost | Met |",
        "| CPM 1 | 95.40% | 1,482,913 | 31\u{a0}January 2020 | £18,400 | FALSE |",
        // The GREEN row shows its portion mark in its first cell.
        "| \\[GREEN\\] CPM 3 | 98.33% | 16,250 | 28\u{a0}February 2020 | €1,200.50 | TRUE |",
        "| **CPM 1** | 95.4% against 96%, 7\u{a0}February 2020 |",
    ] {
        assert!(md.lines().any(|l| l == line), "no line {line:?} in\n{md}");
    }
    // The GREEN row and the RED one (filtered out here) carry their classes: the paper is
    // marked by the GREEN row it shows.
    assert!(md.contains("classification: \"GREEN\""), "{md}");
    assert!(!md.contains("CPM 4"), "{md}");
}

#[test]
fn a_header_of_merged_group_cells_names_each_column_under_its_group() {
    let dir = tempfile::tempdir().unwrap();
    let quarters = |sheet: &mut Worksheet| {
        let plain = rust_xlsxwriter::Format::new();
        sheet.merge_range(0, 0, 1, 0, "Measure", &plain).unwrap();
        sheet.merge_range(0, 1, 0, 2, "Q1", &plain).unwrap();
        sheet.merge_range(0, 3, 0, 4, "Q2", &plain).unwrap();
        for (c, text) in [(1, "Target"), (2, "Actual"), (3, "Target"), (4, "Actual")] {
            sheet.write_string(1, c, text).unwrap();
        }
        for (r, (name, values)) in
            [("CPM 1", [96.0, 95.4, 96.0, 97.1]), ("CPM 3", [99.0, 98.33, 99.0, 99.2])].iter().enumerate()
        {
            sheet.write_string(r as u32 + 2, 0, *name).unwrap();
            for (c, v) in values.iter().enumerate() {
                sheet.write_number(r as u32 + 2, c as u16 + 1, *v).unwrap();
            }
        }
    };
    workbook::xlsx(&dir.path().join("q.xlsx"), &[("Quarters", &quarters)]);
    let annexes = "  - title: Second quarter\n    columns: [Measure, Target, Actual]\n    rows_from: {source: q, columns: [Measure, Q2 Target, Q2 Actual]}\n";
    let file = paper(
        dir.path(),
        "  q: {file: q.xlsx, header: 2}\n",
        "  q1: {source: q, column: Q1 Actual, row: {Measure: CPM 3}}\n",
        "Q1 {{ data.q1 }}.",
        annexes,
    );
    let md = md_of(&file, &[]);
    assert!(
        md.contains("Q1 98.33.") && md.contains("| CPM 1 | 96 | 97.1 |") && md.contains("| CPM 3 | 99 | 99.2 |"),
        "{md}"
    );
    // A header the sheet does not have gets the nearest.
    let file =
        paper(dir.path(), "  q: {file: q.xlsx, header: 2}\n", "", "x", &annexes.replace("Q2 Actual]", "Q2 Actaul]"));
    let run = panelpaper(&["check", s(&file)]);
    assert!(
        stderr(&run).contains("no column is headed `Q2 Actaul`") && stderr(&run).contains("did you mean `Q2 Actual`?"),
        "{}",
        stderr(&run)
    );
}

/// The diagnostics of `file` from `check`, in `format`, with the temporary folder written `DIR`.
fn told(file: &Path, format: &str) -> String {
    let run = panelpaper(&["--color", "never", "--message-format", format, "check", s(file)]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let said = stderr(&run) + &String::from_utf8_lossy(&run.stdout);
    said.replace(s(file.parent().unwrap()), "DIR")
}

#[test]
fn an_error_cell_or_a_formula_without_its_value_names_the_workbook_sheet_and_cell_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("pmr.xlsx");
    let errors = |sheet: &mut Worksheet| {
        measures(sheet);
        sheet.write_formula(2, 3, Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
        sheet.write_formula(3, 3, Formula::new("=D2*2").set_result("2965826")).unwrap();
    };
    workbook::xlsx(&book, &[("CPM", &errors)]);
    // As openpyxl writes a formula: without the value it would calculate.
    workbook::without_cached_value(&book, "D4");
    let data = "  served: {source: pmr, cell: D3}\n  doubled: {source: pmr, cell: D4}\n";
    let file = paper(
        dir.path(),
        "  pmr: {file: pmr.xlsx, sheet: CPM}\n",
        data,
        "{{ data.served }} {{ data.doubled }}",
        "  []\n",
    );
    let human = told(&file, "human");
    assert_snapshot!("error_cells", human);
    for format in ["short", "json", "github"] {
        let said = told(&file, format);
        for cell in ["DIR/pmr.xlsx: CPM!D3", "DIR/pmr.xlsx: CPM!D4"] {
            let (file, label) = cell.split_once(": ").unwrap();
            assert!(said.contains(cell) || (said.contains(file) && said.contains(label)), "{format}: {said}");
        }
        assert!(said.contains("PP077") && said.contains("PP078"), "{format}: {said}");
    }
    let json: Vec<serde_json::Value> = told(&file, "json").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(json[0]["related"]["label"], "CPM!D3");
    assert_eq!(json[0]["field"], "data.served");
    assert_eq!(json[0]["range"]["start"]["line"], 15);
}

#[test]
fn every_source_problem_is_told_at_its_yaml_place_and_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("pmr.xlsx");
    let odd = |sheet: &mut Worksheet| {
        measures(sheet);
        sheet.write_string(2, 7, "PURPLE").unwrap();
        sheet.write_string(1, 0, "CPM\u{7} 1").unwrap();
    };
    workbook::xlsx(&book, &[("CPM", &odd)]);
    let sources = "  pmr: {file: pmr.xlsx, sheet: CPM, class_column: TLP}\n  other: {file: pmr.xlsx, sheet: CMP}\n  gone: {file: gone.xlsx}\n  text: {file: notes.pdf}\n";
    let data = "  a: {source: pnr, cell: C4}\n  b: {source: pmr, cell: C0}\n  c: {source: pmr, column: Actul, row: {Measure: CPM 3}}\n\
                \x20 d: {source: pmr, column: Actual, row: {Measure: CPM 9}}\n  e: {source: pmr, cell: H2}\n  f: {source: pmr, cell: B3}\n\
                \x20 g: {source: pmr, column: Actual}\n";
    let annexes = "  - title: Measures\n    columns: [Measure, Actual]\n    rows_from: {source: pmr}\n";
    let file = paper(dir.path(), sources, data, "x", annexes);
    assert_snapshot!("source_problems", told(&file, "short"));
}

#[test]
fn csv_files_in_windows_1252_and_utf_8_read_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Excel's "CSV" on Windows: Windows-1252, `;` between fields in some locales, quotes
    // around a field that holds the delimiter or a line break.
    let mut cp1252 = b"Site;Cost;Share;Opened\r\nCaf\xe9 \x93North\x94;\xa318,400;95.4%;31/01/2020\r\n\"R\xe9gion; two\nlines\";1,200;4.6%;2020-02-28\r\n".to_vec();
    std::fs::write(d.join("sites.csv"), &cp1252).unwrap();
    // The same figures in UTF-8 with a byte-order mark, as "CSV UTF-8" writes them.
    let utf8 = "\u{feff}Site,Cost,Share,Opened\nCafé “North”,18400,95.4%,31/01/2020\n\"Région; two\nlines\",\"1,200\",4.6%,2020-02-28\n";
    std::fs::write(d.join("sites-utf8.csv"), utf8).unwrap();
    let sources =
        "  sites: {file: sites.csv, delimiter: \";\", encoding: windows-1252}\n  utf8: {file: sites-utf8.csv}\n";
    let data = "  share: {source: utf8, column: Share, row: {Site: Café “North”}}\n  cost: {source: sites, cell: B3}\n";
    let annexes = "  - title: Sites\n    columns: [Site, Cost, Share, Opened]\n    rows_from: {source: sites}\n\
                   \x20 - title: Sites again\n    columns: [Site, Cost, Share, Opened]\n    rows_from: {source: utf8}\n";
    let file =
        paper(d, sources, data, "{{ data.share | percent(decimals=1) }} and {{ data.cost | currency }}", annexes);
    let md = md_of(&file, &[]);
    assert!(md.contains("95.4% and £1,200"), "{md}");
    // Each file's fields as written; a line break inside quotes is the cell's (Markdown: a space).
    assert!(md.contains("| Café “North” | £18,400 | 95.4% | 31\u{a0}January 2020 |"), "{md}");
    assert!(md.contains("| Café “North” | 18400 | 95.4% | 31\u{a0}January 2020 |"), "{md}");
    assert_eq!(md.matches("| Région; two lines | 1,200 | 4.6% | 28\u{a0}February 2020 |").count(), 2, "{md}");
    // The Windows-1252 file read as UTF-8: an error at the first byte UTF-8 lacks.
    let file = paper(
        d,
        "  sites: {file: sites.csv, delimiter: \";\"}\n",
        "",
        "x",
        "  - title: S\n    columns: [Site]\n    rows_from: {source: sites}\n",
    );
    assert_snapshot!("csv_encoding", told(&file, "short"));
    // A byte Windows-1252 leaves undefined (0x81) decodes to a control character: refused
    // at its cell, never printed.
    cp1252.extend_from_slice(b"X\x81;1;1%;2020-01-01\r\n");
    std::fs::write(d.join("sites.csv"), &cp1252).unwrap();
    let file = paper(
        d,
        "  sites: {file: sites.csv, delimiter: \";\", encoding: windows-1252}\n",
        "",
        "x",
        "  - title: S\n    columns: [Site]\n    rows_from: {source: sites}\n",
    );
    let said = told(&file, "short");
    assert!(
        said.contains("annexes[0].rows[2][0]: A4 holds U+0081, which no output can show (see DIR/sites.csv: A4)"),
        "{said}"
    );
}

#[test]
fn an_ods_and_an_xls_saved_by_libreoffice_read_as_the_xlsx_they_came_from() {
    let Some(soffice) = workbook::calc() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let book = d.join("pmr.xlsx");
    workbook::xlsx(&book, &[("CPM", &measures)]);
    let ods = workbook::convert(&soffice, &book, "ods");
    let xls = workbook::convert(&soffice, &book, "xls");
    let annexes = "  - title: Measures\n    columns: [Measure, Actual, Served, Due, Met]\n    rows_from: {source: pmr, where: {TLP: \"\"}}\n";
    let data = "  cpm1: {source: pmr, column: Actual, row: {Measure: CPM 1}}\n";
    for (file, actual, served) in
        [(&book, "95.40%", "1,482,913"), (&ods, "95.40%", "1,482,913"), (&xls, "0.954", "1482913")]
    {
        let name = file.file_name().unwrap().to_str().unwrap();
        let sources = format!("  pmr: {{file: {name}, sheet: CPM, class_column: TLP}}\n");
        let paper = paper(d, &sources, data, "CPM 1 at {{ data.cpm1 | percent }}", annexes);
        let md = md_of(&paper, &[]);
        // The figures are the same numbers; an ODS shows them as the XLSX does (it writes
        // what each shows), an XLS plain (its number formats are not read).
        assert!(md.contains("CPM 1 at 95.40%"), "{name}: {md}");
        let row = format!("| CPM 1 | {actual} | {served} | 31\u{a0}January 2020 | FALSE |");
        assert!(md.contains(&row), "{name}: no {row:?} in\n{md}");
    }
}

/// The sites sheet of the leak test: each row's class in its TLP column, a marker word in
/// each classified row (and a RED figure, 424242).
fn sites(error_in_red_row: bool, public_figure: f64) -> impl Fn(&mut Worksheet) {
    move |sheet: &mut Worksheet| {
        for (c, header) in ["Site", "Figure", "Notes", "TLP"].iter().enumerate() {
            sheet.write_string(0, c as u16, *header).unwrap();
        }
        let rows = [
            ("Alpha site", public_figure, "Open to all", ""),
            ("Vortigern site", 424242.0, "Vortigern outage", "RED"),
            ("Zanzibar site", 31.0, "Zanzibar phishing", "GREEN"),
            ("Quixote site", 55.0, "Quixote weaknesses", "AMBER"),
        ];
        for (r, (site, figure, notes, class)) in rows.into_iter().enumerate() {
            let r = r as u32 + 1;
            sheet.write_string(r, 0, site).unwrap();
            if r == 2 && error_in_red_row {
                sheet.write_formula(r, 1, Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
            } else {
                sheet.write_number_with_format(r, 1, figure, &format("#,##0")).unwrap();
            }
            sheet.write_string(r, 2, notes).unwrap();
            sheet.write_string(r, 3, class).unwrap();
        }
    }
}

/// A paper that prints the sites two ways and the RED figure in a RED section, in `dir`.
fn leak_paper(dir: &Path, error_in_red_row: bool, public_figure: f64) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    workbook::xlsx(&dir.join("sites.xlsx"), &[("Sites", &sites(error_in_red_row, public_figure))]);
    let text = "title: Sites\naction: For Information\nclassification: WHITE\nauthor: A Author\nteam: SECAS Team\ndate: 2020-02-19\n\
                sources:\n  sites: {file: sites.xlsx, class_column: TLP}\n\
                data:\n  red_figure: {source: sites, column: Figure, row: {Site: Vortigern site}}\n  alpha: {source: sites, cell: B2}\n\
                sections:\n  - heading: Purpose\n    body: \"Alpha stands at {{ data.alpha | thousands }}.\"\n\
                \x20 - heading: Restricted\n    classification: RED\n    body: \"The figure is {{ data.red_figure | thousands }}.\"\n\
                recommendations:\n  items:\n    - verb: NOTE\n      text: the sites.\n\
                annexes:\n  - title: Sites\n    columns: [Site, Figure, Notes]\n    rows_from: {source: sites}\n\
                \x20 - title: Sites in words\n    columns: [Site]\n    rows_from:\n      source: sites\n      cells: [\"{{ row.Site }}: {{ row.Notes }} ({{ row.Figure | thousands }})\"]\n";
    let manifest = "committee: SSC\ncommittee_name: Security Sub-Committee\nmeeting: 95\ndate: 2020-02-26\npapers:\n  - file: sites.yaml\n";
    std::fs::write(dir.join("meeting.yaml"), manifest).unwrap();
    std::fs::write(dir.join("sites.yaml"), text).unwrap();
    dir.join("sites.yaml")
}

#[test]
fn nothing_of_a_red_row_from_a_sheet_reaches_a_green_edition_on_any_channel() {
    use crate::classification::channels;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (old, new) = (leak_paper(&d.join("old"), false, 17.0), leak_paper(&d.join("new"), false, 18.0));
    // The new draft changes the RED row too: a comparison must not show it.
    workbook::xlsx(
        &d.join("new/sites.xlsx"),
        &[("Sites", &|sheet: &mut Worksheet| {
            sites(false, 18.0)(sheet);
            sheet.write_string(2, 2, "Vortigern outage again").unwrap();
        })],
    );
    // The full paper shows every marker, and says what raises its marking.
    let full = panelpaper(&["render", s(&old), "-o", s(&d.join("full")), "-f", "md"]);
    assert!(full.status.success(), "{}", stderr(&full));
    let md = std::fs::read_to_string(d.join("full/SSC_95_2602_01.md")).unwrap();
    assert!(md.contains("Vortigern outage") && md.contains("The figure is 424,242.") && md.contains("Quixote"), "{md}");
    assert!(
        stderr(&full).contains("marked RED (base WHITE) by section 2, Annex A row 2, Annex B row 2"),
        "{}",
        stderr(&full)
    );

    let o = d.join("green");
    let mut runs = vec![
        panelpaper(&["render", s(&old), "-o", s(&o.join("paper")), "-f", "md,pdf,html,docx", "--edition", "GREEN"]),
        panelpaper(&[
            "build",
            s(&d.join("old/meeting.yaml")),
            "-o",
            s(&o.join("meeting")),
            "-f",
            "md,pdf,html,docx",
            "--edition",
            "GREEN",
            "--pack",
        ]),
    ];
    for run in &runs {
        assert!(run.status.success(), "{}", stderr(run));
    }
    for format in ["text", "md", "pdf", "html", "docx"] {
        let file = o.join("diffs").join(format!("sites.{format}"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let run = panelpaper(&["diff", s(&old), s(&new), "-f", format, "-o", s(&file), "--edition", "GREEN"]);
        assert_eq!(run.status.code(), Some(1), "{format}: the public figure changed: {}", stderr(&run));
        runs.push(run);
    }
    runs.push(panelpaper(&["diff", s(&old), s(&new), "--edition", "GREEN"]));
    // The watch's own build, and what it reports.
    let mut session = panelpaper::site::Site::new(
        panelpaper::site::Settings {
            edition: Some(panelpaper::domain::Classification::Green),
            ..panelpaper::site::Settings::new(&o.join("watched"), Formats::of([Format::Md, Format::Html]))
        },
        panelpaper::site::Inputs::Either(old.clone()),
    )
    .unwrap()
    .incremental();
    let report = format!("{:?}", session.build(std::slice::from_ref(&old)).unwrap());
    // A problem inside the RED row (an error cell) fails a GREEN run saying where, never what.
    let broken = leak_paper(&d.join("broken"), true, 17.0);
    let mut failed = vec![
        panelpaper(&["render", s(&broken), "-o", s(&o.join("never")), "--edition", "GREEN"]),
        panelpaper(&[
            "--message-format",
            "json",
            "render",
            s(&broken),
            "-o",
            s(&o.join("never")),
            "--edition",
            "GREEN",
        ]),
        panelpaper(&["--message-format", "github", "diff", s(&old), s(&broken), "--edition", "GREEN"]),
    ];
    for run in &failed {
        let said = stderr(run) + &String::from_utf8_lossy(&run.stdout);
        assert!(!run.status.success() && said.contains("a problem in a part the GREEN edition withholds"), "{said}");
        assert!(!said.contains("Sites!B3") && !said.contains("DIV"), "the cell of a withheld row: {said}");
    }
    assert!(!o.join("never").exists());
    let mut broken_session = panelpaper::site::Site::new(
        panelpaper::site::Settings {
            edition: Some(panelpaper::domain::Classification::Green),
            ..panelpaper::site::Settings::new(&o.join("watched-broken"), Formats::of([Format::Md]))
        },
        panelpaper::site::Inputs::Either(broken.clone()),
    )
    .unwrap()
    .incremental();
    let overlay = broken_session.build(std::slice::from_ref(&broken)).unwrap_err().to_string();
    // `check` gives the detail.
    let detail = panelpaper(&["check", s(&broken)]);
    assert!(stderr(&detail).contains("Sites!B3 holds the error #DIV/0!"), "{}", stderr(&detail));
    runs.append(&mut failed);

    let forbidden = ["Vortigern", "Quixote", "424242", "424,242"];
    let mut seen_zanzibar = false;
    let mut check = |what: &str, text: &str| {
        for word in forbidden {
            assert!(!text.contains(word), "{word} leaked into the GREEN edition's {what}:\n{text}");
        }
        seen_zanzibar |= text.contains("Zanzibar");
    };
    for (i, run) in runs.iter().enumerate() {
        check(&format!("stdout of run {i}"), &String::from_utf8_lossy(&run.stdout));
        check(&format!("stderr of run {i}"), &String::from_utf8_lossy(&run.stderr));
    }
    check("watch report", &report);
    check("watch overlay", &overlay);
    for folder in ["paper", "meeting", "diffs", "watched"] {
        for (name, bytes) in snapshot_dir(&o.join(folder)) {
            check("file name", &name);
            for text in channels(&name, bytes) {
                check(&name, &text);
            }
        }
    }
    let made: Vec<String> = ["paper", "meeting", "diffs", "watched"]
        .iter()
        .flat_map(|f| snapshot_dir(&o.join(f)))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(made.len(), 4 + (4 + 1 + 4) + 5 + 2, "{made:?}");
    // The test can fail: the GREEN row is in the GREEN edition.
    assert!(seen_zanzibar, "the GREEN row is shown");
    let green = std::fs::read_to_string(o.join("paper/SSC_95_2602_01.md")).unwrap();
    assert!(green.contains("| <!-- span --> *Row 2 withheld: classified RED.* |"), "{green}");
}

/// A zip of `entries` (name, bytes), deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        out.start_file(*name, options).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_source_over_its_bounds_or_outside_its_folder_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("paper");
    std::fs::create_dir_all(&d).unwrap();
    let annex = "  - title: T\n    columns: [A]\n    rows_from: {source: s}\n";
    let refused = |file: &str, code: &str, words: &str| {
        let paper = paper(&d, &format!("  s: {{file: \"{file}\"}}\n"), "", "x", annex);
        let run = panelpaper(&["check", s(&paper)]);
        assert_eq!(run.status.code(), Some(1), "{file}: {}", stderr(&run));
        assert!(stderr(&run).contains(code) && stderr(&run).contains(words), "{file}: {}", stderr(&run));
    };
    // A zip bomb: 300 MiB of zeros in a few hundred kilobytes, refused as it inflates.
    let zeros = vec![0u8; 300 << 20];
    std::fs::write(d.join("bomb.xlsx"), zip_of(&[("xl/worksheets/sheet1.xml", &zeros)])).unwrap();
    drop(zeros);
    refused("bomb.xlsx", "PP072", "inflates to more than 256 MiB");
    // An ODS that repeats one value down a million rows and across the sheet.
    let content = "<office:document-content><office:body><office:spreadsheet><table:table table:name=\"S\">\
        <table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>\
        </table:table></office:spreadsheet></office:body></office:document-content>";
    std::fs::write(
        d.join("bomb.ods"),
        zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content.as_bytes())]),
    )
    .unwrap();
    refused("bomb.ods", "PP072", "over the limit of 4000000 cells");
    // A file over 16 MiB, refused by its size alone (a sparse file: nothing is read).
    let big = std::fs::File::create(d.join("big.csv")).unwrap();
    big.set_len(17 << 20).unwrap();
    refused("big.csv", "PP072", "over the limit of 16777216 bytes");
    // Outside the folder: by `..`, by an absolute path, by a link that leads out.
    std::fs::write(dir.path().join("outside.csv"), "A\n1\n").unwrap();
    refused("../outside.csv", "PP071", "is outside the folder");
    refused(s(&dir.path().join("outside.csv")), "PP071", "is outside the folder");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("outside.csv"), d.join("link.csv")).unwrap();
        refused("link.csv", "PP071", "is outside the folder");
        // --allow-outside lets the paper read it (check and render alike).
        let paper = paper(&d, "  s: {file: link.csv}\n", "", "x", annex);
        assert!(panelpaper(&["check", "--allow-outside", s(&paper)]).status.success());
        let out = dir.path().join("out");
        let run = panelpaper(&["render", "--allow-outside", s(&paper), "-o", s(&out), "-f", "md"]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    // A password-protected workbook (an OLE file under .xlsx) says so.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(d.join("locked.xlsx"), &ole).unwrap();
    refused("locked.xlsx", "PP070", "password-protected");
    // Damaged: a truncated XLSX, an XLS whose chains run out of the file.
    let good = dir.path().join("good.xlsx");
    workbook::xlsx(&good, &[("CPM", &measures)]);
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(d.join("cut.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    refused("cut.xlsx", "PP070", "cannot be read as its kind");
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(512, 0xFF);
    xls[0x1E] = 9;
    std::fs::write(d.join("chains.xls"), &xls).unwrap();
    refused("chains.xls", "PP070", "cannot be read as its kind");
}

#[test]
fn a_saved_workbook_rebuilds_the_watch_and_a_comparison_shows_the_changed_figures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (old, new) = (leak_paper(&d.join("old"), false, 17.0), leak_paper(&d.join("new"), false, 1234.0));
    let run = panelpaper(&["diff", s(&old), s(&new), "-f", "text"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(report.contains("17") && report.contains("1,234"), "{report}");
    assert_snapshot!("diff_of_a_changed_workbook", report);
    // watch: the workbook is an input; saving it rebuilds, and a save of the same bytes
    // writes nothing.
    let out = d.join("watched");
    let mut session = panelpaper::site::Site::new(
        panelpaper::site::Settings::new(&out.clone(), Formats::of([Format::Md])),
        panelpaper::site::Inputs::Either(old.clone()),
    )
    .unwrap()
    .incremental();
    session.build(std::slice::from_ref(&old)).unwrap();
    let book = std::path::absolute(d.join("old/sites.xlsx")).unwrap();
    assert!(session.concerns(&book), "{:?}", session.inputs());
    let md = out.join("SSC_95_2602_01.md");
    assert!(std::fs::read_to_string(&md).unwrap().contains("Alpha stands at 17."));
    std::fs::copy(d.join("new/sites.xlsx"), &book).unwrap();
    let report = session.build(std::slice::from_ref(&book)).unwrap();
    assert_eq!(report.rendered, ["SSC_95_2602_01"]);
    assert!(std::fs::read_to_string(&md).unwrap().contains("Alpha stands at 1,234."));
    let again = session.build(std::slice::from_ref(&book)).unwrap();
    assert!(again.written.is_empty() && again.rendered.is_empty(), "{again:?}");
    // A broken save of the workbook leaves the outputs; its fix rebuilds.
    std::fs::write(&book, b"not a workbook").unwrap();
    let error = session.build(std::slice::from_ref(&book)).unwrap_err().to_string();
    assert!(error.contains("PP070") || error.contains("cannot be read"), "{error}");
    assert!(std::fs::read_to_string(&md).unwrap().contains("Alpha stands at 1,234."));
    workbook::xlsx(&book, &[("Sites", &sites(false, 99.0))]);
    session.build(std::slice::from_ref(&book)).unwrap();
    assert!(std::fs::read_to_string(&md).unwrap().contains("Alpha stands at 99."));
}

#[test]
fn the_same_workbook_gives_the_same_bytes_and_a_manifests_source_serves_its_papers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let paper = leak_paper(&d.join("m"), false, 17.0);
    let mut outputs = Vec::new();
    for (i, jobs) in ["1", "2"].iter().enumerate() {
        let out = d.join(format!("out{i}"));
        let run =
            panelpaper(&["build", s(&d.join("m/meeting.yaml")), "-o", s(&out), "-f", "md,pdf,html,docx", "-j", jobs]);
        assert!(run.status.success(), "{}", stderr(&run));
        outputs.push(snapshot_dir(&out));
    }
    assert_eq!(outputs[0], outputs[1]);
    // The source declared once in the manifest, for its papers.
    let text = std::fs::read_to_string(&paper)
        .unwrap()
        .replace("sources:\n  sites: {file: sites.xlsx, class_column: TLP}\n", "");
    std::fs::write(&paper, text).unwrap();
    let manifest = d.join("m/meeting.yaml");
    let with_source =
        std::fs::read_to_string(&manifest).unwrap() + "sources:\n  sites: {file: sites.xlsx, class_column: TLP}\n";
    std::fs::write(&manifest, &with_source).unwrap();
    let out = d.join("shared");
    let run = panelpaper(&["build", s(&manifest), "-o", s(&out), "-f", "md,pdf,html,docx", "-j", "2"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(snapshot_dir(&out), outputs[0], "the same paper, its source declared in the manifest");
    // Rendered alone, the paper takes the manifest beside it, sources included.
    assert!(panelpaper(&["check", s(&paper)]).status.success());
    // A manifest's source that cannot be read: said at the manifest, and at each paper that
    // reads it; nothing is made.
    std::fs::write(&manifest, with_source.replace("sites.xlsx", "gone.xlsx")).unwrap();
    let run = panelpaper(&["--message-format", "short", "build", s(&manifest), "-o", s(&d.join("none"))]);
    assert_eq!(run.status.code(), Some(1));
    let said = stderr(&run);
    assert!(said.contains("meeting.yaml:8:") && said.contains("sources.sites.file: cannot read"), "{said}");
    assert!(said.contains("sites.yaml:") && said.contains("the meeting's source `sites` cannot be read"), "{said}");
    assert!(!d.join("none").exists());
}

#[test]
fn the_dcc_paper_from_its_workbook_is_byte_for_byte_the_paper_typed_in_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(root().join(SEED)).unwrap();
    assert!(seed.contains("rows_from:") && seed.contains("{source: cpm, column: Score"), "the seed reads its workbook");
    let mut made = Vec::new();
    for (name, paper) in [("workbook", SEED), ("typed", SEED_TYPED)] {
        let out = dir.path().join(name);
        let run = panelpaper(&["render", paper, "-o", s(&out), "-f", "md,pdf,html,docx"]);
        assert!(run.status.success(), "{name}: {}", stderr(&run));
        made.push(snapshot_dir(&out));
    }
    assert_eq!(made[0].len(), 4);
    for ((name, from_workbook), (_, typed)) in made[0].iter().zip(&made[1]) {
        assert!(from_workbook == typed, "{name} differs");
    }
    // The figures are the workbook's: a changed score there is a changed paper.
    let copy = dir.path().join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::copy(root().join(SEED), copy.join("dcc-reporting.yaml")).unwrap();
    workbook::xlsx(
        &copy.join("dcc-reports.xlsx"),
        &[
            ("Reports", &|_: &mut Worksheet| {}),
            ("CPM", &|sheet: &mut Worksheet| {
                sheet.write_string(0, 0, "Measure").unwrap();
                sheet.write_string(0, 1, "Score").unwrap();
                for (r, (m, v)) in [("CPM 1", 0.9612), ("CPM 3", 0.99), ("CPM 4", 0.5)].into_iter().enumerate() {
                    sheet.write_string(r as u32 + 1, 0, m).unwrap();
                    sheet.write_number(r as u32 + 1, 1, v).unwrap();
                }
            }),
        ],
    );
    let md = md_of(&copy.join("dcc-reporting.yaml"), &[]);
    assert!(md.contains("CPM 1 ‘response times for on-demand Service Requests’ at 96.12%"), "{md}");
}
