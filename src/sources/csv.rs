//! A CSV file as a sheet: decoded from its encoding (UTF-8 by default, a byte-order mark
//! dropped; Windows-1252 and any WHATWG label through encoding_rs), split by the csv crate
//! (quotes and line breaks inside quotes as Excel writes them), each field typed as written.

use super::read::Problem;
use super::sheet::Sheet;
use super::value::Value;
use crate::diagnostic::Kind;
use crate::load::SourceFile;
use std::collections::BTreeMap;

/// Reads `bytes` as the CSV file `spec` describes.
pub(super) fn read(bytes: &[u8], spec: &SourceFile) -> Result<Sheet, Problem> {
    if spec.sheet.is_some() {
        return Err(Problem::new(Kind::SourceSettings, "a CSV file has no sheets", Some("remove `sheet`".into())));
    }
    let delimiter = delimiter(spec.delimiter.as_deref())?;
    let text = decode(bytes, spec.encoding.as_deref())?;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut cells = BTreeMap::new();
    for (row, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| Problem::new(Kind::SourceUnreadable, format!("the file cannot be read as CSV: {e}"), None))?;
        if row > super::cells::MAX_ROW as usize {
            return Err(Problem::new(Kind::SourceTooLarge, "the file has more rows than a sheet can hold", None));
        }
        for (column, field) in record.iter().enumerate() {
            if column > super::cells::MAX_COLUMN as usize {
                return Err(Problem::new(Kind::SourceTooLarge, "a row has more fields than a sheet has columns", None));
            }
            let value = Value::of_text(field);
            if !value.is_empty() {
                cells.insert((row as u32, column as u32), value);
            }
        }
        if cells.len() as u64 > super::bounds::MAX_CELLS {
            return Err(Problem::new(
                Kind::SourceTooLarge,
                format!("the file has more than {} cells", super::bounds::MAX_CELLS),
                None,
            ));
        }
    }
    Ok(Sheet { name: None, cells, merged: Vec::new() })
}

/// The field separator: one ASCII character, `\t` or `tab` for a tab.
fn delimiter(given: Option<&str>) -> Result<u8, Problem> {
    match given {
        None => Ok(b','),
        Some("\\t" | "tab" | "\t") => Ok(b'\t'),
        Some(one) if one.len() == 1 && one.is_ascii() && !one.contains(['"', '\n', '\r']) => Ok(one.as_bytes()[0]),
        Some(other) => Err(Problem::new(
            Kind::SourceSettings,
            format!("`{other}` is not a delimiter: give one character"),
            Some("`,`, `;`, `|`, or `\\t` for a tab".into()),
        )),
    }
}

/// The text of `bytes` in `encoding` (a WHATWG label; UTF-8 by default). A byte sequence
/// the encoding does not have is an error at its line and column, never a U+FFFD in the
/// paper.
fn decode(bytes: &[u8], encoding: Option<&str>) -> Result<String, Problem> {
    let label = encoding.unwrap_or("utf-8");
    let Some(encoding) = encoding_rs::Encoding::for_label(label.trim().as_bytes()) else {
        return Err(Problem::new(
            Kind::SourceSettings,
            format!("`{label}` is not an encoding"),
            Some("`utf-8` (the default), `windows-1252` (Excel's CSV on Windows), `iso-8859-1`, `utf-16le`".into()),
        ));
    };
    // A byte-order mark says the encoding whatever was declared, as a browser reads it.
    let (text, used, malformed) = encoding.decode(bytes);
    if malformed {
        let valid = match used.decode_without_bom_handling_and_without_replacement(bytes) {
            Some(_) => text.len(),
            None => text.find('\u{FFFD}').unwrap_or(text.len()),
        };
        let before = &text[..valid];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let hint = if used == encoding_rs::UTF_8 {
            "the file is not UTF-8 there: Excel on Windows writes Windows-1252, so give `encoding: windows-1252`, or save it as \"CSV UTF-8\""
        } else {
            "check its `encoding`"
        };
        return Err(Problem::new(
            Kind::SourceEncoding,
            format!("line {line}, column {column} of the file is not {}", used.name()),
            Some(hint.into()),
        ));
    }
    Ok(text.into_owned())
}
