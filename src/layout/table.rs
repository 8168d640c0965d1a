//! Tables: column widths from content, cells of paragraphs and bullet lists, rows that can
//! split across pages (pagination repeats the header row).

use super::flow::{Slice, flow_cell, min_max_blocks, total_height};
use super::lines::Measures;
use super::page::Item;
use super::structure::{NodeId, Role, Structure};
use super::theme::{CELL, CELL_PADDING};
use crate::dialect::{Align, Cell, Table};

/// A laid-out table, ready to paginate.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TableBlock {
    /// Each column's left edge and width.
    pub columns: Vec<(f32, f32)>,
    /// The header row, repeated on every page the table covers.
    pub header: Row,
    /// The body rows.
    pub rows: Vec<Row>,
    /// Which of the document's tables it is.
    pub index: usize,
}

/// A row: each cell's content as slices, placed at its column (y relative to the cell top).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    /// One list of slices per column, or one only when the row spans every column.
    pub cells: Vec<Vec<Slice>>,
    /// Whether its one cell spans every column (no inner rules).
    pub spans: bool,
}

impl Row {
    /// Full height, padding included.
    pub(super) fn height(&self) -> f32 {
        self.cells.iter().map(|c| total_height(c)).fold(0.0, f32::max) + 2.0 * CELL_PADDING
    }
}

impl TableBlock {
    /// What must fit on a page for the table to start there: the header and its first row
    /// (rows that fit on a page never split), or a few lines of a row taller than a page
    /// whose body is `body` high.
    pub(super) fn lead_height(&self, body: f32) -> f32 {
        let room = body - self.header.height();
        let first = self.rows.first().map_or(0.0, |r| match r.height() {
            height if height <= room => height,
            _ => 3.0 * CELL.leading + 2.0 * CELL_PADDING,
        });
        self.header.height() + first
    }
}

/// Lays out a table `width` wide at `x`, its `Table` element under `parent`.
pub(super) fn layout(table: &Table, x: f32, width: f32, tree: &mut Structure, parent: NodeId) -> TableBlock {
    let head = table.bold_head();
    let aligns = &table.aligns;
    // Each cell's paragraphs are measured once, for their column's width and their lines.
    let cells = head.iter().chain(table.rows.iter().flat_map(|r| &r.cells)).map(Vec::as_slice);
    let measures = Measures::of_cells(cells, CELL.size);
    let widths = sized_columns(&head, &table.rows, width, Some(&measures));
    let mut columns = Vec::with_capacity(widths.len());
    let mut left = x;
    for w in widths {
        columns.push((left, w));
        left += w;
    }
    let element = tree.add(Role::Table, parent);
    let lay_cell = |tree: &mut Structure, cell: NodeId, blocks: Option<&Cell>, cx: f32, cw: f32, align: Align| {
        let mut slices = blocks
            .map(|b| flow_cell(b, cx + CELL_PADDING, cw - 2.0 * CELL_PADDING, CELL, tree, cell, Some(&measures)))
            .unwrap_or_default();
        while matches!(slices.last(), Some(Slice::Space(_))) {
            slices.pop();
        }
        aligned(&mut slices, align, cx + cw - CELL_PADDING);
        slices
    };
    let lay_row = |tree: &mut Structure, group: NodeId, cells: &[Cell], spans: bool, role: Role| {
        let row = tree.add(Role::TR, group);
        if spans {
            let cell = tree.add(role, row);
            tree.node_mut(cell).col_span = u16::try_from(columns.len()).unwrap_or(u16::MAX);
            return Row { cells: vec![lay_cell(tree, cell, cells.first(), x, width, Align::Start)], spans: true };
        }
        let cells = columns
            .iter()
            .enumerate()
            .map(|(i, (cx, cw))| {
                let cell = tree.add(role, row);
                lay_cell(tree, cell, cells.get(i), *cx, *cw, aligns.get(i).copied().unwrap_or_default())
            })
            .collect();
        Row { cells, spans: false }
    };
    let head_group = tree.add(Role::THead, element);
    let header = lay_row(tree, head_group, &head, false, Role::TH);
    let body_group = tree.add(Role::TBody, element);
    let rows = table.rows.iter().map(|r| lay_row(tree, body_group, &r.cells, r.spans, Role::TD)).collect();
    TableBlock { header, rows, columns, index: table.index }
}

/// A cell's lines moved right (`Align::End`) or halfway (`Align::Center`) within the cell,
/// whose text may reach `right`.
fn aligned(slices: &mut [Slice], align: Align, right: f32) {
    if align == Align::Start {
        return;
    }
    for slice in slices {
        let Slice::Line { items, .. } = slice else { continue };
        let end =
            items.iter().filter(|i| matches!(i, Item::Text { .. })).map(|i| i.bounds().2).fold(f32::MIN, f32::max);
        let room = right - end;
        if room <= 0.0 {
            continue;
        }
        let shift = if align == Align::Center { room / 2.0 } else { room };
        for item in items.iter_mut() {
            match item {
                Item::Text { x, .. } | Item::Link { x, .. } => *x += shift,
                Item::Stroke { x1, x2, .. } => {
                    *x1 += shift;
                    *x2 += shift;
                }
                Item::Fill { x, .. } => *x += shift,
                Item::Anchor { .. } => {}
            }
        }
    }
}

/// Column widths from content, as browsers size auto tables: every column gets at least its
/// widest word, and the rest of the width goes where text is longest. A spanning row takes
/// the table's width, so it does not size the columns.
pub fn column_widths(table: &Table, width: f32) -> Vec<f32> {
    sized_columns(&table.bold_head(), &table.rows, width, None)
}

/// Every table's column widths in a text area `width` wide, by the table's index: how a
/// writer that sets tables itself (Word) sizes them as the PDF does.
pub fn table_widths(blocks: &[crate::dialect::Block], width: f32) -> std::collections::BTreeMap<usize, Vec<f32>> {
    fn walk(blocks: &[crate::dialect::Block], width: f32, out: &mut std::collections::BTreeMap<usize, Vec<f32>>) {
        for block in blocks {
            match block {
                crate::dialect::Block::Table(table) => {
                    out.insert(table.index, column_widths(table, width));
                }
                crate::dialect::Block::List(_, items) => items.iter().for_each(|item| walk(item, width, out)),
                crate::dialect::Block::Quote(inner) => walk(inner, width, out),
                _ => {}
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(blocks, width, &mut out);
    out
}

/// [`column_widths`], with the paragraphs `measures` holds not measured again.
fn sized_columns(head: &[Cell], rows: &[crate::dialect::Row], width: f32, measures: Option<&Measures>) -> Vec<f32> {
    let count = head.len().max(rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
    let pad = 2.0 * CELL_PADDING;
    let mut min = vec![0.0f32; count];
    let mut max = vec![0.0f32; count];
    let sizing = rows.iter().filter(|r| !r.spans);
    for row in std::iter::once(head).chain(sizing.map(|r| r.cells.as_slice())) {
        for (i, cell) in row.iter().enumerate() {
            let (lo, hi) = min_max_blocks(cell, CELL, measures);
            min[i] = min[i].max(lo + pad);
            max[i] = max[i].max(hi + pad);
        }
    }
    let (sum_min, sum_max): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if sum_min >= width {
        // Even the widest words do not fit, so long words will be cut: narrow columns keep
        // their width and the wide ones share what is left equally (water-filling).
        let cap = fair_cap(&min, width);
        return min.iter().map(|m| m.min(cap)).collect();
    }
    if sum_max <= width {
        let extra = (width - sum_max) / count as f32;
        return max.iter().map(|m| m + extra).collect();
    }
    let spare = width - sum_min;
    let stretch = sum_max - sum_min;
    min.iter().zip(&max).map(|(lo, hi)| lo + spare * (hi - lo) / stretch).collect()
}

/// The largest width `cap` such that every column gets `min(its minimum, cap)` and the
/// total is `width`.
fn fair_cap(min: &[f32], width: f32) -> f32 {
    let mut sorted = min.to_vec();
    sorted.sort_by(f32::total_cmp);
    let mut remaining = width;
    for (k, m) in sorted.iter().enumerate() {
        let share = remaining / (sorted.len() - k) as f32;
        if *m > share {
            return share;
        }
        remaining -= m;
    }
    f32::INFINITY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::{Inline, Style};

    fn text(s: &str) -> Inline {
        Inline::Text(s.into(), Style::REGULAR)
    }

    #[test]
    fn columns_of_over_long_words_leave_narrow_columns_whole() {
        let long = "x".repeat(120);
        let head = vec![vec![text("h")], vec![text("h")], vec![text("#")]];
        let rows = vec![vec![vec![text(&long)], vec![text(&long)], vec![text("1")]]];
        let table = layout(&Table::read(&head, &rows, Vec::new(), 0), 0.0, 480.0, &mut Structure::default(), 0);
        let widths: Vec<f32> = table.columns.iter().map(|c| c.1).collect();
        assert!((widths.iter().sum::<f32>() - 480.0).abs() < 0.01, "{widths:?}");
        assert!(widths[2] < 20.0 && (widths[0] - widths[1]).abs() < 0.01, "{widths:?}");
    }

    #[test]
    fn a_row_of_one_cell_spans_the_table_and_does_not_size_its_columns() {
        let head = vec![vec![text("#")], vec![text("Observations")]];
        let rows = vec![vec![vec![text("1")], vec![text("short")]], vec![vec![text(&"wide ".repeat(40))]]];
        let table = layout(&Table::read(&head, &rows, Vec::new(), 0), 0.0, 480.0, &mut Structure::default(), 0);
        assert!(table.rows[1].spans && !table.rows[0].spans);
        assert_eq!(table.rows[1].cells.len(), 1);
        let without = layout(&Table::read(&head, &rows[..1], Vec::new(), 0), 0.0, 480.0, &mut Structure::default(), 0);
        assert_eq!(table.columns, without.columns);
    }

    #[test]
    fn cells_measured_once_size_and_break_as_cells_measured_twice() {
        let head = vec![vec![text("#")], vec![text("Observations")], vec![text("Notes")]];
        let url = "https://smartenergycodecompany.co.uk/documents/sec-panel/2020/annex.pdf";
        let rows = vec![
            vec![vec![text("1")], vec![text(&"word ".repeat(30))], vec![text(url)]],
            vec![vec![text("2")], vec![Inline::Text("a ".into(), Style::REGULAR), Inline::Break, text("b")], vec![]],
            // Paragraphs and a list in one cell: each paragraph measured once too.
            vec![
                vec![text("3")],
                vec![
                    text("These were:"),
                    Inline::Break,
                    text("• one long item ".repeat(8).trim()),
                    Inline::Break,
                    text("• two"),
                ],
                vec![text(url), Inline::Break, Inline::Break, text("then more")],
            ],
        ];
        let source = Table::read(&head, &rows, Vec::new(), 0);
        let table = layout(&source, 0.0, 480.0, &mut Structure::default(), 0);
        let widths: Vec<f32> = table.columns.iter().map(|c| c.1).collect();
        assert_eq!(widths, column_widths(&source, 480.0));
        for (row, source_row) in table.rows.iter().zip(&source.rows) {
            for ((cell, blocks), (cx, cw)) in row.cells.iter().zip(&source_row.cells).zip(&table.columns) {
                let again = flow_cell(
                    blocks,
                    cx + CELL_PADDING,
                    cw - 2.0 * CELL_PADDING,
                    CELL,
                    &mut Structure::default(),
                    0,
                    None,
                );
                // What each line shows and where, leaving out the structure ids.
                let shown = |slices: &[Slice]| -> Vec<(f32, f32, String)> {
                    slices
                        .iter()
                        .filter_map(|s| if let Slice::Line { items, .. } = s { Some(items) } else { None })
                        .flatten()
                        .filter_map(|i| match i {
                            crate::layout::Item::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                            _ => None,
                        })
                        .collect()
                };
                assert_eq!(shown(cell), shown(&again));
                assert!(!shown(cell).is_empty() || blocks.is_empty());
            }
        }
    }

    #[test]
    fn a_number_column_stays_narrow() {
        let head = vec![vec![text("#")], vec![text("Observations")]];
        let long = "word ".repeat(200);
        let rows = vec![vec![vec![text("1")], vec![text(&long)]]];
        let table = layout(&Table::read(&head, &rows, Vec::new(), 0), 0.0, 480.0, &mut Structure::default(), 0);
        assert!(table.columns[0].1 < 30.0, "{:?}", table.columns);
        assert!((table.columns.iter().map(|c| c.1).sum::<f32>() - 480.0).abs() < 0.01);
    }
}
