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
    /// How many header rows name its columns.
    pub header: u32,
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
            Source { file, sheet, range, columns: Vec::new(), header, rows: Vec::new(), class, class_column: None };
        source.columns = source.header_names(header);
        // The rows that hold something, from the cells themselves (a sheet of a million
        // empty rows costs nothing).
        let first = range.start.0.saturating_add(header);
        let rows: std::collections::BTreeSet<u32> = source
            .sheet
            .cells
            .iter()
            .filter(|(at, v)| at.0 >= first && range.contains(**at) && !v.is_empty())
            .map(|(at, _)| at.0)
            .collect();
        source.rows = rows.into_iter().collect();
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
        self.range_label(Range { start: (row, self.range.start.1), end: (row, self.range.end.1) })
    }

    /// `CPM!A2:F14`.
    pub fn range_label(&self, cells: Range) -> String {
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

    /// Each column's name: its header cells' text (a merged cell's text across all its
    /// columns; an empty group cell above the last header row takes the one to its left),
    /// or its letters without a header.
    fn header_names(&self, header: u32) -> Vec<(String, u32)> {
        let top = self.range.start.0;
        let rows: Vec<u32> = (top..top.saturating_add(header)).collect();
        let merged: Vec<&Range> =
            self.sheet.merged.iter().filter(|m| m.start.0 < top.saturating_add(header) && m.end.0 >= top).collect();
        // Per header row, the last text met, spread right over empty group cells where the
        // sheet gives no merges there (an ODS, a title centred across columns).
        let mut groups = vec![String::new(); rows.len()];
        let spread: Vec<bool> =
            rows.iter().map(|r| !merged.iter().any(|m| (m.start.0..=m.end.0).contains(r))).collect();
        (self.range.start.1..=self.range.end.1)
            .map(|column| {
                let mut parts: Vec<String> = Vec::new();
                for (i, row) in rows.iter().enumerate() {
                    let at = merged.iter().find(|m| m.contains((*row, column))).map_or((*row, column), |m| m.start);
                    let mut text = normalised(&self.value(at).shown());
                    if !text.is_empty() {
                        groups[i] = text.clone();
                    } else if i + 1 < rows.len() && spread[i] {
                        text = groups[i].clone();
                    }
                    if !text.is_empty() && parts.last() != Some(&text) {
                        parts.push(text);
                    }
                }
                let name = if parts.is_empty() { column_name(column) } else { parts.join(" ") };
                (name, column)
            })
            .collect()
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
