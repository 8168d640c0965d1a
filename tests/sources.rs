//! Issue 27: figures from the spreadsheets they arrive in. Every workbook here is written by
//! an independent writer (rust_xlsxwriter; LibreOffice Calc for ODS and XLS), every CSV file
//! byte by byte, and read back through the command line.

use crate::common::workbook::{self, format};
use crate::common::*;
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
        "CPM 1 at 95.40%, 1,482,913 served (1482913), due 31 January 2020, met: false.",
        "| Measure | Actual | Served | Due | Cost | Met |",
        "| CPM 1 | 95.40% | 1,482,913 | 31 January 2020 | £18,400 | FALSE |",
        "| CPM 3 | 98.33% | 16,250 | 28 February 2020 | €1,200.50 | TRUE |",
        "| **CPM 1** | 95.4% against 96%, 7 February 2020 |",
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
    assert!(md.contains("| Café “North” | £18,400 | 95.4% | 31 January 2020 |"), "{md}");
    assert!(md.contains("| Café “North” | 18400 | 95.4% | 31 January 2020 |"), "{md}");
    assert_eq!(md.matches("| Région; two lines | 1,200 | 4.6% | 28 February 2020 |").count(), 2, "{md}");
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
        let row = format!("| CPM 1 | {actual} | {served} | 31 January 2020 | FALSE |");
        assert!(md.contains(&row), "{name}: no {row:?} in\n{md}");
    }
}
