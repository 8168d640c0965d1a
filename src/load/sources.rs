//! Where a paper's figures come from, as its author writes it: `sources:` (spreadsheets and
//! CSV files), a `data` entry taken from a cell, an annex's `rows_from`, and the rows read
//! from a sheet once the sources stage has read them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A spreadsheet (XLSX, XLSM, XLS, ODS) or CSV file that figures are read from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    /// The file, relative to the paper (a manifest's source: to the manifest), in its
    /// folder or below unless `--allow-outside`.
    pub file: String,
    /// The sheet read; default the workbook's first. Not for CSV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cells read, `A1:F14` (or whole columns, `A:F`); default every cell of the sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    /// How many rows at the top of the range name its columns: `true` (one, the default),
    /// `false` (none: columns are named by letter, `A`, `B`…), or 2 or 3 for a header with
    /// group cells above (merged across their columns): `Q1 Target`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Header>,
    /// Its TLP class: WHITE (or CLEAR), GREEN, AMBER, AMBER+STRICT, RED; default the
    /// paper's base class. A figure or row from it has this class unless `class_column`
    /// gives its row another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// The column whose cell gives its row's class (a blank cell: the source's class).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_column: Option<String>,
    /// CSV: the character between fields; default `,` (`;`, `\t` for tabs, `|`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// CSV: its text encoding; default UTF-8 (a byte-order mark is dropped). `windows-1252`
    /// for what Excel's "CSV" writes on Windows; any WHATWG encoding label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// How many header rows a source has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Header {
    /// `true`: one row; `false`: none.
    Flag(bool),
    /// A number of rows, 0 to 3.
    Rows(u32),
}

impl Header {
    /// The number of header rows.
    pub fn rows(self) -> u32 {
        match self {
            Header::Flag(true) => 1,
            Header::Flag(false) => 0,
            Header::Rows(n) => n,
        }
    }
}

/// A value a `where` or a look-up compares a cell with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// Text (a date is text: `2020-01-31`).
    Text(String),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Number(n) => write!(f, "{n}"),
            Scalar::Text(t) => f.write_str(t),
        }
    }
}

/// One value, or any of several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Matches {
    /// This value.
    One(Scalar),
    /// Any of these.
    Any(Vec<Scalar>),
}

impl Matches {
    /// The values matched.
    pub fn values(&self) -> &[Scalar] {
        match self {
            Matches::One(one) => std::slice::from_ref(one),
            Matches::Any(any) => any,
        }
    }
}

/// A `data` entry read from a source: `{source: pmr, cell: C4}`, or the cell of column
/// `column` in the row whose cells match `row` (`{source: pmr, column: Actual, row:
/// {Measure: CPM 1}}`). Any `data` mapping with a `source` key is read as one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFromSource {
    /// The source's name under `sources`.
    pub source: String,
    /// The cell, `C4` (in the source's sheet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The column, by its header (or letter, without a header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The row: the one whose cells in these columns hold these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<BTreeMap<String, Scalar>>,
}

/// An annex's rows read from a source: one row per data row of the source (blank rows
/// left out) that `where` keeps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowsFrom {
    /// The source's name under `sources`.
    pub source: String,
    /// The source's columns, one per annex column, each cell printed as the sheet shows it;
    /// default the annex's own column headings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<Vec<String>>,
    /// Instead of `columns`: one text per annex column, a template with the row's values
    /// as `row` (`"{{ row.Actual | percent }}"`, `row["Report name"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cells: Option<Vec<String>>,
    /// Only the rows whose cells in these columns hold these values (one, or any of a
    /// list).
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    pub filter: Option<BTreeMap<String, Matches>>,
}

/// A row read from a source: its cells (one per annex column), its class, and where it
/// came from. Never written in YAML: the sources stage makes it from `rows_from`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetRow {
    /// One text per annex column (with `cells`, the template until validate expands it).
    pub cells: Vec<String>,
    /// The row's class, from its class column or its source.
    pub classification: Option<String>,
    /// Where each of its cells is.
    pub origin: Origin,
    /// The row's values by column name, for the annex's `cells` templates (`row.Actual`);
    /// empty without them.
    pub values: BTreeMap<String, serde_json::Value>,
}

/// Where a value read from a source is: its file and, for each annex column, its cell
/// (`CPM!C7`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The source file, as diagnostics name it.
    pub file: PathBuf,
    /// One label per cell: `CPM!C7` (a CSV file's: `C7`); a row read through templates
    /// has one, its row (`CPM!A7:F7`).
    pub cells: Vec<String>,
}
