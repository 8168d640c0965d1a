//! A source file into a [`Sheet`]: XLSX and XLSM streamed cell by cell through calamine
//! (values, number formats, formulas without a cached value, merged cells), XLS and ODS
//! through calamine once [`super::bounds`] has counted them, CSV through the csv crate.
//!
//! A workbook is a hostile input like any other: besides the bounds, calamine runs behind
//! `catch_unwind`, so that a file that trips it is an error naming the file, never a crash.

use super::bounds::{self, OLE_MAGIC, Refused};
use super::cells::Range;
use super::sheet::Sheet;
use super::value::{NumberStyle, Value};
use crate::diagnostic::{Kind, suggest};
use crate::load::SourceFile;
use calamine::{Data, DataRef, Reader};
use std::collections::BTreeMap;
use std::io::Cursor;

/// The largest source file, in bytes (16 MiB, as for a paper).
pub const MAX_SOURCE_BYTES: u64 = crate::load::guard::MAX_FILE_BYTES;

/// Why a source cannot be read: its kind, what is wrong, how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    /// The diagnostic's kind.
    pub(super) kind: Kind,
    /// What is wrong.
    pub(super) message: String,
    /// How to fix it.
    pub(super) hint: Option<String>,
}

impl Problem {
    pub(super) fn new(kind: Kind, message: impl Into<String>, hint: Option<String>) -> Problem {
        Problem { kind, message: message.into(), hint }
    }
}

impl From<Refused> for Problem {
    fn from(refused: Refused) -> Problem {
        if refused.too_large {
            Problem::new(
                Kind::SourceTooLarge,
                refused.message,
                Some("keep the figures a paper needs in their own, smaller workbook".into()),
            )
        } else {
            damaged(&refused.message)
        }
    }
}

fn damaged(why: &str) -> Problem {
    Problem::new(
        Kind::SourceUnreadable,
        format!("the file cannot be read as its kind: {why}"),
        Some("open it in Excel or LibreOffice, which may repair it, and save it again".into()),
    )
}

/// The kinds of file a source may be, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// XLSX or XLSM.
    Xlsx,
    /// Excel 97–2003.
    Xls,
    /// OpenDocument.
    Ods,
    /// Delimited text.
    Csv,
}

impl Format {
    /// The format of a file named `name`.
    pub fn of(name: &str) -> Option<Format> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match extension.as_str() {
            "xlsx" | "xlsm" => Format::Xlsx,
            "xls" => Format::Xls,
            "ods" => Format::Ods,
            "csv" | "tsv" | "txt" => Format::Csv,
            _ => return None,
        })
    }
}

/// Reads `bytes` (the file, within [`MAX_SOURCE_BYTES`]) as `format`, as `spec` says.
pub(super) fn read(bytes: Vec<u8>, format: Format, spec: &SourceFile) -> Result<Sheet, Problem> {
    if format == Format::Csv {
        return super::csv::read(&bytes, spec);
    }
    if spec.delimiter.is_some() || spec.encoding.is_some() {
        return Err(Problem::new(
            Kind::SourceSettings,
            "`delimiter` and `encoding` are for CSV files; a workbook says its own",
            Some("remove them".into()),
        ));
    }
    if format != Format::Xls && bytes.starts_with(&OLE_MAGIC) {
        let encrypted = bytes.windows(32).any(|w| w == utf16("EncryptedPackage").as_slice());
        return Err(if encrypted {
            Problem::new(
                Kind::SourceUnreadable,
                "the workbook is password-protected (encrypted): its cells cannot be read",
                Some("save a copy without the password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it)".into()),
            )
        } else {
            Problem::new(
                Kind::SourceUnreadable,
                "the file is an Excel 97–2003 workbook (.xls) under another name",
                Some("name it .xls".into()),
            )
        });
    }
    // Each reader gets what the bounds let through; a panic in calamine is a damaged file.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match format {
        Format::Xlsx => {
            bounds::check_zip(&bytes, false)?;
            xlsx(bytes, spec.sheet.as_deref())
        }
        Format::Ods => {
            let content = bounds::check_zip(&bytes, true)?.ok_or_else(|| damaged("it has no content.xml"))?;
            let shown = bounds::check_ods(&content)?;
            let book = calamine::Ods::new(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
            let mut sheet = whole(book, spec.sheet.as_deref(), |_, _| Ok(Vec::new()))?;
            // calamine reads a number's value; what the sheet shows of it, from the count.
            for (range, text) in shown.get(sheet.name.as_deref().unwrap_or_default()).into_iter().flatten() {
                let cells: Vec<(u32, u32)> = sheet
                    .cells
                    .range(range.start..=range.end)
                    .map(|(at, _)| *at)
                    .filter(|at| range.contains(*at))
                    .collect();
                for at in cells {
                    if let Some(Value::Number(_, style)) = sheet.cells.get_mut(&at) {
                        style.text = Some(text.clone());
                    }
                }
            }
            Ok(sheet)
        }
        Format::Xls => {
            if !bytes.starts_with(&OLE_MAGIC) {
                return Err(damaged("it is not an Excel 97–2003 workbook (an XLSX or ODS named .xls?)"));
            }
            bounds::check_xls(&bytes)?;
            let book = calamine::Xls::new(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
            whole(book, spec.sheet.as_deref(), |book, name| {
                book.merge_cells_by_sheet_name(name).map_err(|e| damaged(&e.to_string()))
            })
        }
        Format::Csv => unreachable!("read above"),
    }));
    outcome.unwrap_or_else(|_| Err(damaged("the spreadsheet reader failed on it")))
}

fn utf16(name: &str) -> Vec<u8> {
    name.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The sheet named `wanted` (any case), or the first.
fn pick(names: &[String], wanted: Option<&str>) -> Result<String, Problem> {
    let Some(wanted) = wanted else {
        return names.first().cloned().ok_or_else(|| damaged("it has no sheet"));
    };
    names
        .iter()
        .find(|n| *n == wanted)
        .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
        .cloned()
        .ok_or_else(|| {
            let hint = match suggest(wanted, names.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`? Its sheets are: {}", names.join(", ")),
                None => format!("its sheets are: {}", names.join(", ")),
            };
            Problem::new(Kind::UnknownSheet, format!("the workbook has no sheet `{wanted}`"), Some(hint))
        })
}

/// An XLSX streamed cell by cell: never laid out whole, so that its size is its cells'.
fn xlsx(bytes: Vec<u8>, wanted: Option<&str>) -> Result<Sheet, Problem> {
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
    let name = pick(&book.sheet_names(), wanted)?;
    let unreadable = |e: calamine::XlsxError| damaged(&e.to_string());
    let mut cells = BTreeMap::new();
    let mut empty = Vec::new();
    {
        let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        let mut styles: BTreeMap<usize, NumberStyle> = BTreeMap::new();
        let mut count = 0u64;
        while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(unreadable)? {
            count += 1;
            if count > bounds::MAX_CELLS {
                return Err(Refused {
                    message: format!("the sheet has more than {} cells", bounds::MAX_CELLS),
                    too_large: true,
                }
                .into());
            }
            let number = styles
                .entry(style)
                .or_insert_with(|| {
                    let format = reader.styles().get(style).and_then(|s| s.number_format.as_ref());
                    format.map_or_else(NumberStyle::default, |f| NumberStyle::of_format(&f.format_code))
                })
                .clone();
            match value_ref(cell.get_value(), number) {
                Value::Empty => empty.push(cell.get_position()),
                value => {
                    cells.insert(cell.get_position(), value);
                }
            }
        }
    }
    // A cell that reads empty may be a formula the workbook was saved without calculating.
    if !empty.is_empty() {
        let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
        while let Some(record) = reader.next_cell_with_formula_metadata().map_err(unreadable)? {
            if record.formula.is_some() && matches!(record.value, DataRef::Empty) {
                cells.insert(record.pos, Value::Uncached);
            }
        }
    }
    let merged = book.merge_cells_by_sheet_name(&name).map_err(unreadable)?;
    Ok(Sheet {
        name: Some(name),
        cells,
        merged: merged.into_iter().map(|d| Range { start: d.start, end: d.end }).collect(),
    })
}

/// A workbook calamine lays out whole (XLS, ODS), once the bounds have counted its cells.
fn whole<R: Reader<Cursor<Vec<u8>>>>(
    mut book: R,
    wanted: Option<&str>,
    merged: impl FnOnce(&mut R, &str) -> Result<Vec<calamine::Dimensions>, Problem>,
) -> Result<Sheet, Problem>
where
    R::Error: std::fmt::Display,
{
    let name = pick(&book.sheet_names(), wanted)?;
    let range = book.worksheet_range(&name).map_err(|e| damaged(&e.to_string()))?;
    let formulas = book.worksheet_formula(&name).ok();
    let mut cells = BTreeMap::new();
    let start = range.start().unwrap_or_default();
    for (row, column, data) in range.used_cells() {
        cells.insert((start.0 + row as u32, start.1 + column as u32), value(data));
    }
    if let Some(formulas) = formulas {
        for (row, column, formula) in formulas.used_cells() {
            let start = formulas.start().unwrap_or_default();
            let at = (start.0 + row as u32, start.1 + column as u32);
            if !formula.is_empty() && cells.get(&at).is_none_or(Value::is_empty) {
                cells.insert(at, Value::Uncached);
            }
        }
    }
    let merged = merged(&mut book, &name)?.into_iter().map(|d| Range { start: d.start, end: d.end }).collect();
    Ok(Sheet { name: Some(name), cells, merged })
}

fn value(data: &Data) -> Value {
    match data {
        Data::Int(n) => Value::Number(*n as f64, NumberStyle::default()),
        Data::Float(n) => Value::Number(*n, NumberStyle::default()),
        Data::String(text) => text_value(text),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(at) => datetime(at, &NumberStyle::default()),
        Data::DateTimeIso(text) => Value::of_iso(text),
        Data::DurationIso(text) => Value::Text(iso_duration(text).unwrap_or_else(|| text.clone())),
        Data::Error(error) => Value::Error(error.to_string()),
        Data::Empty => Value::Empty,
    }
}

fn value_ref(data: &DataRef<'_>, style: NumberStyle) -> Value {
    match data {
        DataRef::Int(n) => Value::Number(*n as f64, style),
        DataRef::Float(n) => Value::Number(*n, style),
        DataRef::String(text) => text_value(text),
        DataRef::SharedString(text) => text_value(text),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(at) => datetime(at, &style),
        DataRef::DateTimeIso(text) => Value::of_iso(text),
        DataRef::DurationIso(text) => Value::Text(iso_duration(text).unwrap_or_else(|| text.clone())),
        DataRef::Error(error) => Value::Error(error.to_string()),
        DataRef::Empty => Value::Empty,
    }
}

/// Text as a cell holds it, its line endings made `\n`.
fn text_value(text: &str) -> Value {
    if text.is_empty() { Value::Empty } else { Value::Text(text.replace("\r\n", "\n").replace('\r', "\n")) }
}

/// An Excel serial date, as its format shows it: a date without its time (`dd/mm/yyyy`),
/// a time of day without its date (`hh:mm`), hours elapsed (`[h]:mm`, or a duration).
fn datetime(at: &calamine::ExcelDateTime, style: &NumberStyle) -> Value {
    if at.is_duration() || style.elapsed {
        return Value::Text(super::value::elapsed(at.as_f64()));
    }
    match at.as_datetime() {
        Some(when) if style.time_only => Value::Text(when.format("%H:%M").to_string()),
        Some(when) if style.date_only => Value::Date(when.date()),
        Some(when) => Value::of_datetime(when),
        None => Value::Number(at.as_f64(), NumberStyle::default()),
    }
}

/// An ODS duration (`PT18H00M00S`, `PT36H30M`) as hours and minutes (`18:00`).
fn iso_duration(text: &str) -> Option<String> {
    let rest = text.trim().strip_prefix("PT")?;
    let (hours, rest) = rest.split_once('H')?;
    let minutes = rest.split_once('M').map_or("0", |(m, _)| m);
    Some(format!("{}:{:02}", hours.parse::<u64>().ok()?, minutes.parse::<u64>().ok()?))
}
