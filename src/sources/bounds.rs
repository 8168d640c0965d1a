//! What a source file is allowed to cost, checked before calamine reads it: a zip (XLSX,
//! XLSM, ODS) inflates to at most [`MAX_INFLATED`] bytes, every entry inflated through a
//! counter rather than trusting the sizes the zip declares; an ODS's rows and columns,
//! repeated as it says, and an XLS's sheets, as their records place cells, hold at most
//! [`MAX_CELLS`] cells each (calamine lays a sheet out whole, empty cells included, so a few
//! bytes saying "a million rows" would otherwise cost gigabytes). An XLS's compound-file
//! chains are followed here, bounded, so that a looping or out-of-range chain is refused
//! before calamine's reader meets it.

use std::io::Read;

/// The most a zip's entries inflate to, together (a 16 MiB workbook holds about 150 MiB
/// of XML).
pub const MAX_INFLATED: u64 = 256 << 20;
/// The most entries a zip may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The most cells a sheet may be laid out with, empty ones between included.
pub const MAX_CELLS: u64 = 4_000_000;

/// Why a file is refused: a sentence, and whether it is the cost (not damage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Refused {
    /// What is wrong.
    pub(super) message: String,
    /// Over a bound (a zip bomb, too many cells), rather than damaged.
    pub(super) too_large: bool,
}

fn damaged(message: impl Into<String>) -> Refused {
    Refused { message: message.into(), too_large: false }
}

fn too_large(message: impl Into<String>) -> Refused {
    Refused { message: message.into(), too_large: true }
}

/// Inflates every entry of the zip `bytes` through a counter, refusing more than
/// [`MAX_INFLATED`] bytes in all or [`MAX_ENTRIES`] entries; returns `content.xml` when
/// `want_content` (an ODS's cells).
pub(super) fn check_zip(bytes: &[u8], want_content: bool) -> Result<Option<Vec<u8>>, Refused> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(format!("it is not a readable zip package ({e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(too_large(format!("its zip has {} entries, over the limit of {MAX_ENTRIES}", zip.len())));
    }
    let mut left = MAX_INFLATED;
    let mut content = None;
    let mut sink = [0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| damaged(format!("a zip entry cannot be read ({e})")))?;
        let keep = want_content && entry.name() == "content.xml";
        let mut kept = Vec::new();
        loop {
            let read = entry.read(&mut sink).map_err(|e| damaged(format!("a zip entry cannot be inflated ({e})")))?;
            if read == 0 {
                break;
            }
            if read as u64 > left {
                return Err(too_large(format!(
                    "it inflates to more than {} MiB (a zip bomb, or far more than figures need)",
                    MAX_INFLATED >> 20
                )));
            }
            left -= read as u64;
            if keep {
                kept.extend_from_slice(&sink[..read]);
            }
        }
        if keep {
            content = Some(kept);
        }
    }
    Ok(content)
}

/// What each number of an ODS shows (`95.40%`, `£18,400`, `FALSE` for a formula that
/// LibreOffice saved as a number), which the file writes beside the value and calamine does
/// not read: by sheet name, the cells (a repeated cell is a range) and their text.
pub(super) type OdsShown = std::collections::BTreeMap<String, Vec<(super::cells::Range, String)>>;

/// Counts the cells calamine would lay out for each table of an ODS's `content.xml`:
/// every repeated row and column, up to the last row and column that hold something; and
/// notes what each number shows.
pub(super) fn check_ods(content: &[u8]) -> Result<OdsShown, Refused> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut shown = OdsShown::new();
    let mut sheet = String::new();
    // Per table: rows so far (repeats counted), the widest column that holds something,
    // and the cells the reader expands row by row.
    let (mut rows, mut width, mut expanded) = (0u64, 0u64, 0u64);
    let (mut row_repeat, mut column, mut row_width) = (1u64, 0u64, 0u64);
    // A number's cells and the text read so far of its first paragraph.
    let mut number: Option<(super::cells::Range, String, bool)> = None;
    let attribute = |e: &quick_xml::events::BytesStart, name: &str| {
        e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.to_string())
    };
    let repeat = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        attribute(e, name).and_then(|v| v.parse().ok()).unwrap_or(1)
    };
    let over = |cells: u64| cells > MAX_CELLS;
    loop {
        let event =
            reader.read_event_into(&mut buf).map_err(|e| damaged(format!("its content.xml is not XML ({e})")))?;
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    (rows, width, expanded) = (0, 0, 0);
                    sheet = attribute(e, "table:name").unwrap_or_default();
                }
                "table:table-row" => {
                    row_repeat = repeat(e, "table:number-rows-repeated").max(1);
                    (column, row_width) = (0, 0);
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeat(e, "table:number-columns-repeated").clamp(1, 16_384);
                    let value_type = attribute(e, "office:value-type");
                    let holds = matches!(event, Event::Start(_))
                        || value_type.is_some()
                        || attribute(e, "table:formula").is_some();
                    if matches!(event, Event::Start(_))
                        && matches!(value_type.as_deref(), Some("float" | "percentage" | "currency"))
                    {
                        let at = |n: u64| n.min(u64::from(super::cells::MAX_COLUMN)) as u32;
                        let start = (rows.min(u64::from(super::cells::MAX_ROW)) as u32, at(column));
                        let end = (start.0.saturating_add(row_repeat as u32 - 1), at(column + n - 1));
                        number = Some((super::cells::Range { start, end }, String::new(), false));
                    }
                    column += n;
                    expanded += n;
                    if holds {
                        row_width = column;
                    }
                    if over(expanded) {
                        return Err(too_large(format!("a sheet repeats cells past {MAX_CELLS}")));
                    }
                }
                "text:p" => {
                    // Only the first paragraph is what a number shows.
                    if let Some((_, text, started)) = &mut number
                        && *started
                    {
                        text.push('\u{0}');
                    }
                    if let Some((_, _, started)) = &mut number {
                        *started = true;
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some((_, text, true)) = &mut number
                    && !text.contains('\u{0}')
                {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text, true)) = &mut number
                    && !text.contains('\u{0}')
                {
                    let named = match std::ops::Deref::deref(r) {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    };
                    if let Some(c) = r.resolve_char_ref().ok().flatten().or(named) {
                        text.push(c);
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-cell" => {
                if let Some((range, text, _)) = number.take() {
                    let text = text.split('\u{0}').next().unwrap_or_default().to_string();
                    shown.entry(sheet.clone()).or_default().push((range, text));
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(row_repeat);
                if row_width > 0 {
                    width = width.max(row_width);
                    if over(rows.saturating_mul(width)) {
                        return Err(too_large(format!(
                            "a sheet spans {rows} rows by {width} columns, over the limit of {MAX_CELLS} cells"
                        )));
                    }
                }
            }
            Event::Eof => return Ok(shown),
            _ => {}
        }
        buf.clear();
    }
}

/// An OLE compound file's first bytes.
pub(super) const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Checks an XLS: its compound file's chains, then the cells each sheet's records place.
pub(super) fn check_xls(bytes: &[u8]) -> Result<(), Refused> {
    let book = super::compound::workbook_stream(bytes).map_err(damaged)?;
    check_biff(&book)
}

/// Walks the BIFF records of a workbook stream: per sheet, the area its DIMENSIONS record
/// declares (calamine reserves it) and the area its cells span.
fn check_biff(stream: &[u8]) -> Result<(), Refused> {
    let mut at = 0usize;
    // (first row, last row, first column, last column) of the sheet being read.
    let mut span: Option<(u32, u32, u32, u32)> = None;
    let place = |span: &mut Option<(u32, u32, u32, u32)>, row: u32, first: u32, last: u32| -> Result<(), Refused> {
        let (r0, r1, c0, c1) = span.unwrap_or((row, row, first, last));
        let s = (r0.min(row), r1.max(row), c0.min(first), c1.max(last));
        *span = Some(s);
        let cells = u64::from(s.1 - s.0 + 1) * u64::from(s.3 - s.2 + 1);
        if cells > MAX_CELLS {
            return Err(too_large(format!("a sheet's cells span {cells} cells, over the limit of {MAX_CELLS}")));
        }
        Ok(())
    };
    while at + 4 <= stream.len() {
        let kind = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let length = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        let data =
            stream.get(at + 4..at + 4 + length).ok_or_else(|| damaged("a record runs past the end of the workbook"))?;
        at += 4 + length;
        let u16_at = |i: usize| data.get(i..i + 2).map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])));
        let u32_at = |i: usize| data.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        match kind {
            // BOF: a new substream (a sheet).
            0x0809 => span = None,
            // DIMENSIONS: BIFF8 rows are 32-bit.
            0x0200 => {
                let (rows, columns) = if data.len() >= 14 {
                    (
                        u32_at(4).zip(u32_at(0)).map(|(b, a)| b.saturating_sub(a)),
                        u16_at(10).zip(u16_at(8)).map(|(b, a)| b.saturating_sub(a)),
                    )
                } else {
                    (
                        u16_at(2).zip(u16_at(0)).map(|(b, a)| b.saturating_sub(a)),
                        u16_at(6).zip(u16_at(4)).map(|(b, a)| b.saturating_sub(a)),
                    )
                };
                let cells = u64::from(rows.unwrap_or(0)) * u64::from(columns.unwrap_or(0));
                if cells > MAX_CELLS {
                    return Err(too_large(format!("a sheet declares {cells} cells, over the limit of {MAX_CELLS}")));
                }
            }
            // Cells: number, label, rich label, bool/error, RK, shared-string label, formula.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let (Some(row), Some(column)) = (u16_at(0), u16_at(2)) {
                    place(&mut span, row, column, column)?;
                }
            }
            // MULRK: a run of cells in one row.
            0x00BD => {
                if let (Some(row), Some(first), Some(last)) =
                    (u16_at(0), u16_at(2), data.len().checked_sub(2).and_then(u16_at))
                {
                    place(&mut span, row, first, last.max(first))?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ods_that_repeats_a_million_rows_is_refused_before_it_is_laid_out() {
        let row = |repeat: u64, cells: &str| {
            format!("<table:table-row table:number-rows-repeated=\"{repeat}\">{cells}</table:table-row>")
        };
        let content = |rows: String| format!("<office:body><table:table>{rows}</table:table></office:body>");
        let value =
            "<table:table-cell office:value-type=\"float\" office:value=\"1\"><text:p>1</text:p></table:table-cell>";
        // LibreOffice's own filler (empty rows repeated to the sheet's end) costs nothing.
        let filler = row(1_048_000, "<table:table-cell table:number-columns-repeated=\"1024\"/>");
        assert!(check_ods(content(row(1, value) + &filler).as_bytes()).is_ok());
        // A value repeated down a million rows and across the sheet is refused.
        let wide = "<table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/>".to_string();
        let bomb = check_ods(content(row(1_000_000, &wide)).as_bytes()).unwrap_err();
        assert!(bomb.too_large, "{bomb:?}");
        // So is a value at the far corner of an empty sheet.
        let corner = row(1, value)
            + &row(1_000_000, "<table:table-cell/>")
            + &row(1, &format!("<table:table-cell table:number-columns-repeated=\"10\"/>{value}"));
        assert!(check_ods(content(corner).as_bytes()).unwrap_err().too_large);
    }

    #[test]
    fn biff_cells_far_apart_are_refused() {
        let record =
            |kind: u16, data: &[u8]| [&kind.to_le_bytes()[..], &(data.len() as u16).to_le_bytes(), data].concat();
        let number =
            |row: u16, column: u16| record(0x0203, &[&row.to_le_bytes()[..], &column.to_le_bytes(), &[0; 10]].concat());
        let near = [record(0x0809, &[0; 16]), number(0, 0), number(100, 10)].concat();
        assert_eq!(check_biff(&near), Ok(()));
        let far = [record(0x0809, &[0; 16]), number(0, 0), number(65_535, 255)].concat();
        assert!(check_biff(&far).unwrap_err().too_large);
        let declared = [
            record(0x0809, &[0; 16]),
            record(
                0x0200,
                &[
                    &0u32.to_le_bytes()[..],
                    &65_536u32.to_le_bytes(),
                    &0u16.to_le_bytes(),
                    &256u16.to_le_bytes(),
                    &[0, 0],
                ]
                .concat(),
            ),
        ]
        .concat();
        assert!(check_biff(&declared).unwrap_err().too_large);
    }
}
