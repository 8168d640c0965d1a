//! The later stages' problems in what a source brought in, given their cell: a problem in
//! a row read from a sheet points at the annex's `rows_from` and names the row's cell
//! (`dcc-pmr.xlsx: CPM!C7`); one in a `data` entry read from a cell names the cell.

use super::Resolved;
use crate::diagnostic::{Diagnostics, Kind};
use crate::load::RowSource;

impl Resolved {
    /// Gives each problem in a figure or row read from a source its cell. A problem an
    /// edition withholds is left as it is: it names nothing.
    pub fn locate(&self, problems: &mut Diagnostics) {
        // A text that prints a figure that could not be read fails on its stand-in: that
        // problem is the figure's, already told.
        if !self.failed.is_empty() {
            let prints_failed: Vec<String> = self
                .paper
                .value
                .texts()
                .into_iter()
                .filter(|(_, _, text)| self.failed.iter().any(|name| text.contains(&format!("data.{name}"))))
                .map(|(field, ..)| field.to_string())
                .collect();
            problems.0.retain(|p| {
                p.kind != Kind::TextTemplate || !p.field.as_ref().is_some_and(|f| prints_failed.contains(f))
            });
        }
        for problem in &mut problems.0 {
            if problem.kind == Kind::Withheld || problem.related.is_some() {
                continue;
            }
            let Some(field) = problem.field.clone() else { continue };
            if let Some(name) = field.strip_prefix("data.") {
                let name = name.split(['.', '[']).next().unwrap_or(name);
                if let Some((file, cell)) = self.data.get(name) {
                    *problem = problem.clone().with_related(file, None, cell.clone());
                }
                continue;
            }
            let Some((annex, row, column)) = sheet_cell(&field) else { continue };
            let Some(RowSource::Sheet(sheet)) = self.paper.value.annexes.get(annex).and_then(|a| a.rows.get(row))
            else {
                continue;
            };
            let cell = column.and_then(|c| sheet.origin.cells.get(c)).or(sheet.origin.cells.first());
            if let Some(cell) = cell {
                *problem = problem.clone().with_related(&sheet.origin.file, None, cell.clone());
            }
            // A template's problem is placed in its template; any other at `rows_from`.
            let template = matches!(
                problem.kind,
                Kind::TextTemplate
                    | Kind::DataAboveClass
                    | Kind::WholeContext
                    | Kind::TextLimit
                    | Kind::OutsideHolidayList
            );
            if !template {
                problem.position =
                    self.paper.positions().nearest(&format!("annexes[{annex}].rows_from")).or(problem.position);
            }
        }
    }
}

/// `annexes[a].rows[r]`, `annexes[a].rows[r][c]` → (a, r, c).
fn sheet_cell(field: &str) -> Option<(usize, usize, Option<usize>)> {
    let rest = field.strip_prefix("annexes[")?;
    let (annex, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(".rows[")?;
    let (row, rest) = rest.split_once(']')?;
    let column = rest.strip_prefix('[').and_then(|r| r.split_once(']')).and_then(|(c, _)| c.parse().ok());
    Some((annex.parse().ok()?, row.parse().ok()?, column))
}
