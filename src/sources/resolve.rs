//! A paper's figures and rows read from its sources and written into the paper: a `data`
//! entry as `{value: …, classification: …}`, an annex's `rows_from` as its rows.

use super::Shared;
use super::cells::{Range, parse_cell};
use super::open::{no_column, open};
use super::sheet::Source;
use super::value::Value;
use crate::diagnostic::{Diagnostic, Diagnostics, Kind, suggest};
use crate::domain::Classification;
use crate::load::{DataFromSource, Loaded, Matches, Origin, PaperSource, RowSource, RowsFrom, Scalar, SheetRow};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A paper with its sources read in.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The paper, its figures and rows in place.
    pub paper: Loaded<PaperSource>,
    /// The problems found reading them.
    pub problems: Diagnostics,
    /// The source files the paper reads (its own, and its manifest's that it uses).
    pub files: Vec<PathBuf>,
    /// Where each `data` entry read from a source came from: name → (file, cell).
    pub(super) data: BTreeMap<String, (PathBuf, String)>,
    /// The `data` entries that could not be read (their problem is told).
    pub(super) failed: Vec<String>,
}

/// Whether a `data` value reads a source: a mapping with a `source` key.
fn reads_source(value: &serde_yaml::Value) -> bool {
    value.as_mapping().is_some_and(|m| m.contains_key("source"))
}

/// The paper `loaded` with its sources (its own, read from `read_from`, and `shared` from its
/// manifest) read in; `None` when it reads none. With an `edition`, a problem in a figure
/// or row above it says only where it is.
pub fn resolve(
    loaded: &Loaded<PaperSource>,
    shared: Option<&Shared>,
    edition: Option<Classification>,
    allow_outside: bool,
    read_from: &dyn crate::load::Files,
) -> Option<Resolved> {
    let src = &loaded.value;
    let reads = src.data.values().any(reads_source) || src.annexes.iter().any(|a| a.rows_from.is_some());
    if src.sources.is_empty() && !reads {
        return None;
    }
    let mut problems = Diagnostics::default();
    let mut own = BTreeMap::new();
    let mut files = Vec::new();
    for (name, spec) in &src.sources {
        files.push(super::open::path_of(loaded, spec));
        let source = match open(loaded, name, spec, allow_outside, read_from) {
            Ok(source) => Some(Arc::new(source)),
            Err(found) => {
                problems.0.extend(found);
                None
            }
        };
        own.insert(name.clone(), source);
    }
    let base = Classification::parse(&src.classification).unwrap_or(Classification::Red);
    let mut reader =
        Reader { loaded, own, shared, base, edition, problems, files, data: BTreeMap::new(), failed: Vec::new() };
    let mut paper = src.clone();
    for (name, value) in &mut paper.data {
        if reads_source(value) {
            let read = reader.data.len();
            *value = reader.data_entry(name, value);
            if reader.data.len() == read {
                reader.failed.push(name.clone());
            }
        }
    }
    for (a, annex) in paper.annexes.iter_mut().enumerate() {
        if let Some(from) = annex.rows_from.clone() {
            let annex_class =
                annex.classification.as_deref().and_then(Classification::parse).map_or(base, |c| c.max(base));
            let rows = reader.rows(a, &from, &annex.columns, !annex.rows.is_empty(), annex_class);
            annex.rows.extend(rows);
        }
    }
    let mut resolved = loaded.clone();
    resolved.value = paper;
    reader.files.sort();
    reader.files.dedup();
    Some(Resolved {
        paper: resolved,
        problems: reader.problems,
        files: reader.files,
        data: reader.data,
        failed: reader.failed,
    })
}

struct Reader<'a> {
    loaded: &'a Loaded<PaperSource>,
    own: BTreeMap<String, Option<Arc<Source>>>,
    shared: Option<&'a Shared>,
    base: Classification,
    edition: Option<Classification>,
    problems: Diagnostics,
    files: Vec<PathBuf>,
    data: BTreeMap<String, (PathBuf, String)>,
    failed: Vec<String>,
}

/// A found source, or `Err` when the name is unknown (`Ok(None)`: it could not be read,
/// which is reported where it is declared).
type Found = Result<Option<Arc<Source>>, ()>;

impl Reader<'_> {
    fn source(&mut self, name: &str, field: &str) -> Found {
        if let Some(found) = self.own.get(name) {
            return Ok(found.clone());
        }
        if let Some(found) = self.shared.and_then(|s| s.sources.get(name)) {
            match found {
                Some(source) => self.files.push(source.file.clone()),
                // Said at the manifest; said here too, so that no paper is made without it.
                None => {
                    let message =
                        format!("the meeting's source `{name}` cannot be read (its manifest's problem says why)");
                    self.problems.push(self.loaded.error_at(Kind::SourceUnreadable, field, message));
                }
            }
            return Ok(found.clone());
        }
        let names: Vec<&str> =
            self.own.keys().chain(self.shared.iter().flat_map(|s| s.sources.keys())).map(String::as_str).collect();
        let hint = match suggest(name, names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if names.is_empty() => {
                "declare it under `sources:` (in the paper, or in its meeting's manifest)".into()
            }
            None => format!("the sources are: {}", names.join(", ")),
        };
        let message = format!("no source `{name}`");
        self.problems.push(self.loaded.error_at(Kind::UnknownSource, field, message).with_hint(hint));
        Err(())
    }

    /// `problem` as the run may tell it: inside `part` when its class is above the edition.
    fn report(&mut self, mut problem: Diagnostic, class: Option<Classification>, part: &str) {
        if let Some(edition) = self.edition
            && crate::domain::edition::withholds_unread(Some(edition), class)
        {
            problem.withhold(edition, part);
        }
        self.problems.push(problem);
    }

    /// A problem with the value at `at` of `source`, for the field `field` placed at
    /// `place`: `None` when the value can be printed.
    fn cell_problem(
        &self,
        source: &Source,
        at: (u32, u32),
        field: &str,
        place: &str,
        empty_is_wrong: bool,
    ) -> Option<Diagnostic> {
        // The message names the cell; the related place, the file and the cell.
        let label = source.label(at);
        let (kind, message, hint) = match source.value(at) {
            Value::Error(error) => (
                Kind::ErrorCell,
                format!("{label} holds the error {error}"),
                "correct the formula in the workbook, or read another cell",
            ),
            Value::Uncached => (
                Kind::UncachedFormula,
                format!("{label} is a formula saved without its value"),
                "open the workbook in Excel or LibreOffice, recalculate and save it",
            ),
            value if empty_is_wrong && value.is_empty() => {
                (Kind::EmptyCell, format!("{label} is empty"), "fill it in the workbook, or read the right cell")
            }
            Value::Text(text) => {
                let c = text
                    .chars()
                    .find(|c| (c.is_control() && !matches!(c, '\t' | '\n')) || matches!(c, '\u{FFFE}' | '\u{FFFF}'))?;
                (
                    Kind::CellCharacter,
                    format!("{label} holds U+{:04X}, which no output can show", c as u32),
                    "delete it in the workbook (it often comes in with text pasted from another program)",
                )
            }
            _ => return None,
        };
        let position = self.loaded.positions().nearest(place);
        Some(
            Diagnostic::error(kind, &self.loaded.file, message)
                .at_field(field)
                .at(position)
                .with_hint(hint)
                .with_related(&source.file, None, label),
        )
    }

    /// A row's class, its class cell's problem reported (an unreadable class is RED: above
    /// every edition).
    fn row_class(&mut self, source: &Source, row: u32, field: &str, place: &str, part: &str) -> Option<Classification> {
        match source.row_class(row) {
            Ok(class) => class,
            Err(text) => {
                let column = source.class_column.unwrap_or_default();
                let label = source.label((row, column));
                let message = format!("{label} gives the row's class as `{text}`, which is no class");
                let problem = Diagnostic::error(Kind::BadRowClass, &self.loaded.file, message)
                    .at_field(field)
                    .at(self.loaded.positions().nearest(place))
                    .with_hint(format!(
                        "valid classes: {}; an empty cell takes the source's",
                        Classification::valid_names()
                    ))
                    .with_related(&source.file, None, label);
                self.report(problem, None, part);
                Some(Classification::Red)
            }
        }
    }

    /// A `data` entry read from its source, as `{value: …, classification: …}`.
    fn data_entry(&mut self, name: &str, written: &serde_yaml::Value) -> serde_yaml::Value {
        let field = format!("data.{name}");
        let entry = |value: serde_json::Value, class: Classification| {
            let mut map = serde_yaml::Mapping::new();
            map.insert("value".into(), serde_yaml::to_value(value).unwrap_or_default());
            map.insert("classification".into(), class.name().into());
            serde_yaml::Value::Mapping(map)
        };
        let from: DataFromSource = match serde_yaml::from_value(written.clone()) {
            Ok(from) => from,
            Err(e) => {
                let message = format!("`{field}` reads a source, but: {e}");
                let hint = "write `{source: pmr, cell: C4}`, or `{source: pmr, column: Actual, row: {Measure: CPM 1}}`";
                self.problems.push(self.loaded.error_at(Kind::SourceSettings, &field, message).with_hint(hint));
                return entry(serde_json::Value::String(String::new()), self.base);
            }
        };
        let base = self.base;
        let fallback =
            |class: Option<Classification>| entry(serde_json::Value::String(String::new()), class.unwrap_or(base));
        let Ok(Some(source)) = self.source(&from.source, &format!("{field}.source")) else { return fallback(None) };
        let Some(at) = self.locate_entry(&field, &from, &source) else { return fallback(source.class) };
        let place = if from.cell.is_some() { format!("{field}.cell") } else { format!("{field}.column") };
        let data_row = source.rows.first().is_some_and(|first| at.0 >= *first);
        let class = if data_row { self.row_class(&source, at.0, &field, &place, "data") } else { source.class };
        let class = class.unwrap_or(self.base);
        if let Some(problem) = self.cell_problem(&source, at, &field, &place, true) {
            self.report(problem, Some(class), "data");
        }
        self.data.insert(name.to_string(), (source.file.clone(), source.label(at)));
        entry(source.value(at).to_json(), class)
    }

    /// The cell a `data` entry reads: `cell`, or `column` in the row `row` picks.
    fn locate_entry(&mut self, field: &str, from: &DataFromSource, source: &Source) -> Option<(u32, u32)> {
        let settings = |this: &mut Self, message: &str| {
            let hint = "give `cell: C4`, or `column: Actual` with `row: {Measure: CPM 1}`";
            this.problems.push(this.loaded.error_at(Kind::SourceSettings, field, message).with_hint(hint));
        };
        match (&from.cell, &from.column, &from.row) {
            (Some(cell), None, None) => {
                let Some(at) = parse_cell(cell) else {
                    let problem = self.loaded.error_at(
                        Kind::BadCell,
                        &format!("{field}.cell"),
                        format!("`{cell}` is not a cell"),
                    );
                    self.problems.push(problem.with_hint("write it as the spreadsheet names it: C4"));
                    return None;
                };
                if !source.range.contains(at) && source.range != Range::ALL && !source.sheet.cells.is_empty() {
                    let within = format!("{} is outside the source's range, {}", source.label(at), source.range);
                    self.problems.push(self.loaded.error_at(Kind::BadCell, &format!("{field}.cell"), within));
                    return None;
                }
                Some(at)
            }
            (None, Some(column), Some(row)) => {
                let column = match source.column(column) {
                    Ok(c) => c,
                    Err(missing) => {
                        self.problems.push(no_column(
                            self.loaded,
                            &format!("{field}.column"),
                            source,
                            column,
                            &missing,
                        ));
                        return None;
                    }
                };
                let keys = self.filter(
                    source,
                    row.iter().map(|(k, v)| (k.clone(), Matches::One(v.clone()))).collect(),
                    &format!("{field}.row"),
                )?;
                let found: Vec<u32> = source.rows.iter().copied().filter(|r| matches(source, *r, &keys)).collect();
                match found.as_slice() {
                    [one] => Some((*one, column)),
                    _ => {
                        let condition: Vec<String> = row.iter().map(|(k, v)| format!("{k} `{v}`")).collect();
                        let message = if found.is_empty() {
                            format!("no row has {}", condition.join(" and "))
                        } else {
                            let rows: Vec<String> = found.iter().map(|r| (r + 1).to_string()).collect();
                            format!("{} rows have {}: rows {}", found.len(), condition.join(" and "), rows.join(", "))
                        };
                        // The rows looked through are the place in the workbook.
                        let first = source.rows.first().copied().unwrap_or(source.range.start.0);
                        let rows =
                            source.range_label(Range { start: (first, source.range.start.1), end: source.range.end });
                        let problem = self.loaded.error_at(Kind::NoSuchRow, &format!("{field}.row"), message);
                        let problem = problem.with_related(&source.file, None, rows);
                        self.problems.push(
                            problem.with_hint("give values that pick exactly one row (several columns may be given)"),
                        );
                        None
                    }
                }
            }
            (Some(_), _, _) => {
                settings(self, "`cell` reads one cell: give it without `column` and `row`");
                None
            }
            _ => {
                settings(self, "a look-up needs both `column` and `row`");
                None
            }
        }
    }

    /// The columns and values of a `where` (or a look-up's `row`); `None` when a column is
    /// unknown (reported).
    fn filter(
        &mut self,
        source: &Source,
        filter: BTreeMap<String, Matches>,
        field: &str,
    ) -> Option<Vec<(u32, Vec<Scalar>)>> {
        let mut out = Vec::new();
        let mut known = true;
        for (name, wanted) in filter {
            match source.column(&name) {
                Ok(column) => out.push((column, wanted.values().to_vec())),
                Err(missing) => {
                    self.problems.push(no_column(self.loaded, &format!("{field}.{name}"), source, &name, &missing));
                    known = false;
                }
            }
        }
        known.then_some(out)
    }

    /// An annex's rows from its `rows_from`.
    fn rows(
        &mut self,
        a: usize,
        from: &RowsFrom,
        columns: &[String],
        has_rows: bool,
        annex_class: Classification,
    ) -> Vec<RowSource> {
        let field = format!("annexes[{a}].rows_from");
        let settings = |this: &mut Self, at: &str, message: String| {
            this.problems.push(this.loaded.error_at(Kind::SourceSettings, at, message));
        };
        if has_rows {
            settings(self, &field, "an annex takes its rows from `rows` or from `rows_from`, not both".into());
            return Vec::new();
        }
        let Ok(Some(source)) = self.source(&from.source, &format!("{field}.source")) else { return Vec::new() };
        if from.cells.is_some() && from.columns.is_some() {
            settings(
                self,
                &field,
                "give `columns` (printed as the sheet shows them) or `cells` (templates), not both".into(),
            );
            return Vec::new();
        }
        // Templates, or the source's columns printed as they are.
        let mut printed = Vec::new();
        if let Some(cells) = &from.cells {
            if cells.len() != columns.len() {
                settings(
                    self,
                    &format!("{field}.cells"),
                    format!("{} cells for the annex's {} columns: give one per column", cells.len(), columns.len()),
                );
                return Vec::new();
            }
        } else {
            let (names, path) = match &from.columns {
                Some(names) => (names.clone(), format!("{field}.columns")),
                None => (columns.to_vec(), format!("annexes[{a}].columns")),
            };
            if names.len() != columns.len() {
                settings(
                    self,
                    &path,
                    format!(
                        "{} source columns for the annex's {} columns: give one per column",
                        names.len(),
                        columns.len()
                    ),
                );
                return Vec::new();
            }
            for (i, name) in names.iter().enumerate() {
                match source.column(name) {
                    Ok(column) => printed.push(column),
                    Err(missing) => {
                        self.problems.push(no_column(self.loaded, &format!("{path}[{i}]"), &source, name, &missing))
                    }
                }
            }
            if printed.len() != names.len() {
                return Vec::new();
            }
        }
        let Some(keys) = self.filter(&source, from.filter.clone().unwrap_or_default(), &format!("{field}.where"))
        else {
            return Vec::new();
        };
        // With templates, the columns whose errors matter are those a template names.
        let named: Vec<u32> = match &from.cells {
            Some(cells) => source
                .columns
                .iter()
                .filter(|(n, _)| cells.iter().any(|t| t.contains(n.as_str())))
                .map(|(_, c)| *c)
                .collect(),
            None => printed.clone(),
        };
        let mut rows = Vec::new();
        for row in source.rows.iter().copied().filter(|r| matches(&source, *r, &keys)) {
            let i = rows.len();
            let part = format!("annexes[{a}].rows[{i}]");
            let class = self.row_class(&source, row, &part, &field, &part);
            for (c, column) in named.iter().enumerate() {
                let cell_field = if from.cells.is_some() { part.clone() } else { format!("{part}[{c}]") };
                if let Some(problem) = self.cell_problem(&source, (row, *column), &cell_field, &field, false) {
                    self.report(problem, Some(class.unwrap_or(annex_class).max(annex_class)), &part);
                }
            }
            let (cells, labels, values) = match &from.cells {
                Some(templates) => {
                    let mut values = BTreeMap::new();
                    for (name, column) in &source.columns {
                        values.entry(name.clone()).or_insert_with(|| source.value((row, *column)).to_json());
                    }
                    (templates.clone(), vec![source.row_label(row)], values)
                }
                None => (
                    printed.iter().map(|c| source.value((row, *c)).shown()).collect(),
                    printed.iter().map(|c| source.label((row, *c))).collect(),
                    BTreeMap::new(),
                ),
            };
            rows.push(RowSource::Sheet(SheetRow {
                cells,
                classification: class.map(|c| c.name().to_string()),
                origin: Origin { file: source.file.clone(), cells: labels },
                values,
            }));
        }
        rows
    }
}

/// Whether `row` holds, in every column of `keys`, one of its values.
fn matches(source: &Source, row: u32, keys: &[(u32, Vec<Scalar>)]) -> bool {
    keys.iter().all(|(column, wanted)| {
        let value = source.value((row, *column));
        wanted.iter().any(|w| match (w, value) {
            (Scalar::Number(n), Value::Number(v, _)) => (n - v).abs() <= f64::EPSILON * n.abs().max(1.0),
            (Scalar::Bool(b), Value::Bool(v)) => b == v,
            (Scalar::Text(t), value) => super::sheet::normalised(t) == super::sheet::normalised(&value.compared()),
            (other, value) => other.to_string() == value.compared(),
        })
    })
}
