//! A sheet as read (its cells and merged regions), and a source: the sheet seen through
//! its declaration — the range, the header rows that name its columns, the rows that hold
//! data, the class of each row.

use super::cells::{Range, cell_name, column_name, column_of};
use super::value::Value;
use crate::domain::Classification;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A sheet's cells (the ones that hold something) by `(row, column)`, and its merged
/// regions.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name (`None` for a CSV file).
    pub name: Option<String>,
    /// Its cells.
    pub cells: BTreeMap<(u32, u32), Value>,
    /// Its merged regions.
    pub merged: Vec<Range>,
}

/// A source as a paper reads it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file, as diagnostics name it.
    pub file: PathBuf,
    /// The sheet.
    pub sheet: Sheet,
    /// The cells read (the declared range, narrowed to the cells that hold something).
    pub range: Range,
    /// Column names (from the header rows, or letters) and their columns, left to right.
    pub columns: Vec<(String, u32)>,
    /// The rows under the header that hold something, top to bottom.
    pub rows: Vec<u32>,
    /// Its declared class (`None`: the paper's base class).
    pub class: Option<Classification>,
    /// The column that gives each row's class.
    pub class_column: Option<u32>,
}

/// A column asked for that the source does not have: the names it has, for the hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoColumn {
    /// No column of that name.
    Unknown,
    /// Several columns share it.
    Ambiguous(Vec<String>),
}

impl Source {
    /// The source of `sheet` with `header` rows at the top of `range`.
    pub fn new(file: PathBuf, sheet: Sheet, range: Range, header: u32, class: Option<Classification>) -> Source {
        let used = sheet.cells.iter().filter(|(at, v)| range.contains(**at) && !v.is_empty()).map(|(at, _)| *at);
        let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0, 0);
        for (row, column) in used {
            (top, left, bottom, right) = (top.min(row), left.min(column), bottom.max(row), right.max(column));
        }
        // Without a declared range, the cells that hold something; a declared one keeps its
        // top left corner (the header row) and ends where its cells do.
        let range = match (top == u32::MAX, range == Range::ALL) {
            (true, _) => Range { start: range.start, end: range.start },
            (false, true) => Range { start: (top, left), end: (bottom, right) },
            (false, false) => Range { start: range.start, end: (bottom, right) },
        };
        let mut source =
            Source { file, sheet, range, columns: Vec::new(), rows: Vec::new(), class, class_column: None };
        source.columns = (range.start.1..=range.end.1).map(|c| (source.header_name(c, header), c)).collect();
        let first = range.start.0 + header;
        source.rows = (first..=range.end.0)
            .filter(|row| (range.start.1..=range.end.1).any(|c| !source.value((*row, c)).is_empty()))
            .collect();
        source
    }

    /// A cell's value (empty where the sheet has none).
    pub fn value(&self, at: (u32, u32)) -> &Value {
        static EMPTY: Value = Value::Empty;
        self.sheet.cells.get(&at).unwrap_or(&EMPTY)
    }

    /// `CPM!C7` (a CSV file's cell: `C7`).
    pub fn label(&self, at: (u32, u32)) -> String {
        match &self.sheet.name {
            Some(sheet) => format!("{}!{}", quoted(sheet), cell_name(at)),
            None => cell_name(at),
        }
    }

    /// `CPM!A7:F7`: a whole row of the range.
    pub fn row_label(&self, row: u32) -> String {
        let cells = Range { start: (row, self.range.start.1), end: (row, self.range.end.1) };
        match &self.sheet.name {
            Some(sheet) => format!("{}!{cells}", quoted(sheet)),
            None => cells.to_string(),
        }
    }

    /// The column named `name` (or, when no header names it, with those letters).
    pub fn column(&self, name: &str) -> Result<u32, NoColumn> {
        let wanted = normalised(name);
        let found: Vec<u32> = self.columns.iter().filter(|(n, _)| *n == wanted).map(|(_, c)| *c).collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => column_of(&wanted)
                .filter(|c| {
                    wanted.bytes().all(|b| b.is_ascii_uppercase())
                        && (self.range.start.1..=self.range.end.1).contains(c)
                })
                .ok_or(NoColumn::Unknown),
            many => Err(NoColumn::Ambiguous(many.iter().map(|c| column_name(*c)).collect())),
        }
    }

    /// The column names, for a hint.
    pub fn column_names(&self) -> Vec<&str> {
        self.columns.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// A row's class: its class column's (read as a class name), or the source's; `Err`
    /// with the cell's text when it names no class.
    pub fn row_class(&self, row: u32) -> Result<Option<Classification>, String> {
        let Some(column) = self.class_column else { return Ok(self.class) };
        match self.value((row, column)) {
            value if value.is_empty() => Ok(self.class),
            Value::Text(text) => Classification::parse(text).map(Some).ok_or_else(|| text.trim().to_string()),
            other => Err(other.shown()),
        }
    }

    /// The name of column `column`: its header cells' text (a merged cell's text across all
    /// its columns; an empty group cell above the last header row takes the one to its
    /// left), or its letters without a header.
    fn header_name(&self, column: u32, header: u32) -> String {
        let mut parts = Vec::new();
        for (i, row) in (self.range.start.0..self.range.start.0 + header).enumerate() {
            let last = i as u32 + 1 == header;
            let mut text = self.header_text((row, column));
            if text.is_empty() && !last {
                // A group name centred across its columns without a merge: spread it right.
                text = (self.range.start.1..column)
                    .rev()
                    .map(|c| self.header_text((row, c)))
                    .find(|t| !t.is_empty())
                    .unwrap_or_default();
            }
            if !text.is_empty() && parts.last() != Some(&text) {
                parts.push(text);
            }
        }
        if parts.is_empty() { column_name(column) } else { normalised(&parts.join(" ")) }
    }

    fn header_text(&self, at: (u32, u32)) -> String {
        let merged = self.sheet.merged.iter().find(|m| m.contains(at)).map_or(at, |m| m.start);
        normalised(&self.value(merged).shown())
    }
}

/// White space folded to single spaces (a header cell's line breaks included).
pub(super) fn normalised(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A sheet name as a formula writes it: quoted when it holds anything but letters, digits
/// and `_`.
fn quoted(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}
