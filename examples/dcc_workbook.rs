//! Writes the example meeting's workbook, `data/meetings/secp-78/dcc-reports.xlsx`, from
//! the DCC Reporting paper as it was typed in YAML (`tests/fixtures/dcc-reporting-typed.yaml`):
//! its Annex A rows on the sheet `Reports` (the report's name and purpose in columns of
//! their own, as a tracker keeps them) and its CPM scores on the sheet `CPM`, as fractions
//! shown as percentages. The same input gives the same bytes (a fixed creation time; the
//! zip's times are fixed by rust_xlsxwriter), so the committed workbook can be checked.
//!
//! `cargo run --example dcc_workbook [-- OUT.xlsx]`

use panelpaper::load::{Loaded, PaperSource};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).unwrap_or_else(|| "data/meetings/secp-78/dcc-reports.xlsx".into());
    let typed: Loaded<PaperSource> = panelpaper::load::load(Path::new("tests/fixtures/dcc-reporting-typed.yaml"))?;
    let paper = &typed.value;
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2020, 3, 6)?));
    let bold = Format::new().set_bold();
    let wrapped = Format::new().set_text_wrap();

    let reports = book.add_worksheet();
    reports.set_name("Reports")?;
    for (c, header) in ["#", "Report", "Purpose", "Delivery per SEC", "Observations"].iter().enumerate() {
        reports.write_string_with_format(0, c as u16, *header, &bold)?;
    }
    for (r, row) in paper.annexes[0].rows.iter().enumerate() {
        let r = r as u32 + 1;
        let cells = row.cells();
        reports.write_number(r, 0, cells[0].trim().parse::<f64>()?)?;
        // "**Name**\n\nPurpose…": the name without its bold, and the purpose.
        let (name, purpose) = cells[1].trim().split_once("\n\n").ok_or("a report's name and purpose")?;
        reports.write_string(r, 1, name.trim_start_matches("**").trim_end_matches("**"))?;
        reports.write_string_with_format(r, 2, purpose.trim(), &wrapped)?;
        reports.write_string_with_format(r, 3, cells[2].trim(), &wrapped)?;
        reports.write_string_with_format(r, 4, cells[3].trim(), &wrapped)?;
    }
    reports.set_column_width(1, 40)?;
    for c in 2..=4 {
        reports.set_column_width(c, 60)?;
    }

    let cpm = book.add_worksheet();
    cpm.set_name("CPM")?;
    for (c, header) in ["Measure", "Score"].iter().enumerate() {
        cpm.write_string_with_format(0, c as u16, *header, &bold)?;
    }
    let percent = Format::new().set_num_format("0.00%");
    for (r, (measure, key)) in
        [("CPM 1", "cpm1_score"), ("CPM 3", "cpm3_score"), ("CPM 4", "cpm4_score")].iter().enumerate()
    {
        let typed = paper.data[*key].as_str().ok_or("a score")?;
        let score = panelpaper::domain::numbers::parse_figure(typed).ok_or("a percentage")?.value;
        cpm.write_string(r as u32 + 1, 0, *measure)?;
        cpm.write_number_with_format(r as u32 + 1, 1, score, &percent)?;
    }
    book.save(&out)?;
    eprintln!("wrote {out}");
    Ok(())
}
