//! Writes the 600-row annex of `gen-annex` as a workbook and a paper that reads it:
//! `cargo run --example gen-annex-xlsx -- DIR [ROWS]` writes `DIR/annex.xlsx` (sheet
//! `Reports`) and `DIR/annex-xlsx.yaml`, whose Markdown is that of `gen-annex ROWS`'s paper
//! (benches/sources.sh times the two against each other).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("give the folder to write into")?);
    let rows: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(600);
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2020, 3, 6)?));
    let sheet = book.add_worksheet();
    sheet.set_name("Reports")?;
    for (c, header) in ["#", "Report", "Delivery", "Observations"].iter().enumerate() {
        sheet.write_string(0, c as u16, *header)?;
    }
    for row in 1..=rows {
        let cells = panelpaper::sample::annex_cells(row);
        sheet.write_number(row as u32, 0, row as f64)?;
        for (c, text) in cells.iter().enumerate().skip(1) {
            sheet.write_string(row as u32, c as u16, text)?;
        }
    }
    book.save(dir.join("annex.xlsx"))?;
    std::fs::write(dir.join("annex-xlsx.yaml"), panelpaper::sample::paper_with_annex_from(1, rows, "annex.xlsx"))?;
    Ok(())
}
