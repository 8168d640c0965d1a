//! Pagination: slices onto pages between the top margin and the footer.
//!
//! Keeps chains of keep-with-next slices together (headings with their first lines, orphans
//! and widows), drops space at the top of a page, splits table rows that do not fit and
//! repeats the header row on every page a table continues onto.

use super::flow::Slice;
use super::fonts::Style;
use super::lines::break_lines;
use super::page::{Item, OutlineEntry, Page, Rgb};
use super::table::{Row, TableBlock};
use super::theme::{CELL, CELL_PADDING, RULE_WIDTH};

/// Places slices on pages whose body runs from `top` to `bottom`.
pub(super) struct Paginator {
    top: f32,
    bottom: f32,
    pages: Vec<Page>,
    y: f32,
    outline: Vec<OutlineEntry>,
}

impl Paginator {
    /// A paginator for a body area from `top` to `bottom` (points down from the page top).
    pub(super) fn new(top: f32, bottom: f32) -> Self {
        Paginator { top, bottom, pages: vec![Page::default()], y: top, outline: Vec::new() }
    }

    /// Places every slice; returns the pages and the bookmarks.
    pub(super) fn run(mut self, slices: Vec<Slice>) -> (Vec<Page>, Vec<OutlineEntry>) {
        let chains = chain_heights(&slices);
        for (i, &chain) in chains.iter().enumerate() {
            match &slices[i] {
                Slice::PageBreak => {
                    if !self.page_is_empty() {
                        self.new_page();
                    }
                    continue;
                }
                Slice::Space(h) => {
                    if !self.page_is_empty() {
                        self.y += h;
                    }
                    continue;
                }
                _ => {}
            }
            if self.y + chain > self.bottom && !self.page_is_empty() && chain <= self.bottom - self.top {
                self.new_page();
            }
            match &slices[i] {
                Slice::Line { height, items, outline, .. } => {
                    if self.y + height > self.bottom && !self.page_is_empty() {
                        self.new_page();
                    }
                    if let Some((level, title)) = outline {
                        self.outline.push(OutlineEntry {
                            title: title.clone(),
                            level: *level,
                            page: self.pages.len() - 1,
                            y: self.y,
                        });
                    }
                    let y = self.y;
                    self.page().items.extend(items.iter().map(|i| i.shifted(y)));
                    self.y += height;
                }
                Slice::Table(table) => self.table(table),
                Slice::Space(_) | Slice::PageBreak => unreachable!("handled above"),
            }
        }
        (self.pages, self.outline)
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("there is always a page")
    }

    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(|p| p.items.is_empty())
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.top;
    }

    fn table(&mut self, table: &TableBlock) {
        if self.y + table.lead_height(self.bottom - self.top) > self.bottom && !self.page_is_empty() {
            self.new_page();
        }
        self.row_part(table, &table.header, Header::First);
        for row in &table.rows {
            // A row that fits on a page never splits: it moves whole to the next one.
            if row.height() > self.bottom - self.y && row.height() <= self.room(table) {
                self.new_page();
                self.row_part(table, &table.header, Header::Repeated);
            }
            let mut rest = row.clone();
            loop {
                let available = self.bottom - self.y;
                if rest.height() <= available {
                    self.row_part(table, &rest, Header::No);
                    break;
                }
                let fresh_page = self.only_header_on_page(table);
                // On a page holding only the header, at least one line of each cell goes,
                // even past the bottom: otherwise an absurdly tall header would loop forever.
                let first_lines = rest.cells.iter().filter_map(|c| c.first()).map(Slice::height).fold(0.0, f32::max);
                let room = available - 2.0 * CELL_PADDING;
                let (here, later) = split_row(&rest, if fresh_page { room.max(first_lines) } else { room });
                // Split only if a useful part fits here; otherwise start the row on a new page.
                let useful = here.height() - 2.0 * CELL_PADDING >= 2.0 * CELL.leading || fresh_page;
                if useful && !is_empty(&here) {
                    self.row_part(table, &here, Header::No);
                    if is_empty(&later) {
                        break;
                    }
                    rest = continued(later, row, table);
                }
                self.new_page();
                self.row_part(table, &table.header, Header::Repeated);
            }
        }
    }

    /// The height a row has on a page of its own, under the table's header.
    fn room(&self, table: &TableBlock) -> f32 {
        self.bottom - self.top - table.header.height()
    }

    fn only_header_on_page(&self, table: &TableBlock) -> bool {
        (self.y - self.top - table.header.height()).abs() < 0.01
    }

    /// Draws (part of) a row at the current position: shading, content, then borders.
    fn row_part(&mut self, table: &TableBlock, row: &Row, header: Header) {
        let (y, height) = (self.y, row.height());
        let left = table.columns.first().map_or(0.0, |c| c.0);
        let right = table.columns.last().map_or(0.0, |c| c.0 + c.1);
        let mut items = Vec::new();
        if header != Header::No {
            items.push(Item::Fill { x: left, y, w: right - left, h: height, color: Rgb::SHADE });
        }
        for cell in &row.cells {
            let mut dy = y + CELL_PADDING;
            for slice in cell {
                if let Slice::Line { items: line, .. } = slice {
                    items.extend(line.iter().map(|i| match i.shifted(dy) {
                        // The header's text belongs to its `TH` elements once; repeated, it
                        // is pagination, as a running head is (PDF/UA-1 7.8).
                        Item::Text { node: Some(_), .. } if header == Header::Repeated => i.shifted(dy).into_artifact(),
                        item => item,
                    }));
                }
                dy += slice.height();
            }
        }
        let rule = |x1, y1, x2, y2| Item::Stroke { x1, y1, x2, y2, width: RULE_WIDTH, color: Rgb::RULE };
        items.push(rule(left, y, right, y));
        items.push(rule(left, y + height, right, y + height));
        if row.spans {
            items.push(rule(left, y, left, y + height));
        } else {
            for (x, _) in &table.columns {
                items.push(rule(*x, y, *x, y + height));
            }
        }
        items.push(rule(right, y, right, y + height));
        self.page().items.extend(items);
        self.y += height;
    }
}

/// Which kind of row [`Paginator::row_part`] draws.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Header {
    /// A body row.
    No,
    /// The header row where the table starts.
    First,
    /// The header row again, on a page the table continues onto.
    Repeated,
}

/// For each slice, the height of the slices that must stay on one page with it: the run
/// of keep-with-next slices from it and the slice that ends the run. One pass from the end,
/// so a heading of thousands of lines (all keeping with the next) costs linear time.
fn chain_heights(slices: &[Slice]) -> Vec<f32> {
    let mut chains = vec![0.0f32; slices.len()];
    let mut next = 0.0;
    for (i, slice) in slices.iter().enumerate().rev() {
        chains[i] = match slice {
            Slice::PageBreak => 0.0,
            _ if slice.keeps_with_next() => slice.height() + next,
            _ => slice.height(),
        };
        next = chains[i];
    }
    chains
}

/// The part of each cell that fits in `available` (content height), and the rest.
fn split_row(row: &Row, available: f32) -> (Row, Row) {
    let mut here = Vec::new();
    let mut later = Vec::new();
    for cell in &row.cells {
        let mut used = 0.0;
        let mut cut = cell.len();
        for (i, slice) in cell.iter().enumerate() {
            if used + slice.height() > available {
                cut = i;
                break;
            }
            used += slice.height();
        }
        let mut rest: Vec<Slice> = cell[cut..].to_vec();
        while matches!(rest.first(), Some(Slice::Space(_))) {
            rest.remove(0);
        }
        here.push(cell[..cut].to_vec());
        later.push(rest);
    }
    (Row { cells: here, spans: row.spans }, Row { cells: later, spans: row.spans })
}

/// The rest of a row taller than a page, on the page it continues onto: its key cells
/// (the first, and the second's first paragraph when the first is only a number), which
/// went whole on an earlier page, shown again and marked "(continued)", so that no part of
/// a row stands without what identifies it. What is shown again is pagination, an artifact.
fn continued(mut later: Row, row: &Row, table: &TableBlock) -> Row {
    if row.spans || row.cells.is_empty() {
        return later;
    }
    let number = cell_text(&row.cells[0]).chars().all(|c| c.is_ascii_digit() || c == '.');
    let keys = if number && row.cells.len() > 1 { 2 } else { 1 };
    let mut marked = None;
    for key in 0..keys {
        if later.cells[key].iter().any(|s| matches!(s, Slice::Line { .. })) {
            continue; // the cell itself continues
        }
        let whole = &row.cells[key];
        // The first paragraph only, of a cell that says more than its key.
        let end = if key == 0 {
            whole.len()
        } else {
            whole.iter().position(|s| matches!(s, Slice::Space(_))).unwrap_or(whole.len())
        };
        later.cells[key] = whole[..end]
            .iter()
            .filter_map(|slice| match slice {
                Slice::Line { height, items, .. } => Some(Slice::Line {
                    height: *height,
                    items: items
                        .iter()
                        .filter(|i| !matches!(i, Item::Link { .. }))
                        .cloned()
                        .map(Item::into_artifact)
                        .collect(),
                    keep_with_next: false,
                    outline: None,
                }),
                _ => None,
            })
            .collect();
        marked = Some(key);
    }
    if let Some(key) = marked {
        let (x, width) = table.columns[key];
        let words = [crate::dialect::Inline::Text("(continued)".into(), Style::ITALIC)];
        for line in break_lines(&words, width - 2.0 * CELL_PADDING, CELL.size) {
            let items = line
                .pieces
                .into_iter()
                .map(|p| Item::Text {
                    x: x + CELL_PADDING + p.dx,
                    y: CELL.baseline(),
                    size: CELL.size,
                    style: p.style,
                    color: Rgb::GREY,
                    width: p.width,
                    text: p.text,
                    node: None,
                })
                .collect();
            later.cells[key].push(Slice::Line { height: CELL.leading, items, keep_with_next: false, outline: None });
        }
    }
    later
}

/// The text of a cell's lines, joined.
fn cell_text(cell: &[Slice]) -> String {
    let mut text = String::new();
    for slice in cell {
        if let Slice::Line { items, .. } = slice {
            for item in items {
                if let Item::Text { text: t, .. } = item {
                    text.push_str(t);
                }
            }
        }
    }
    text.trim().to_string()
}

fn is_empty(row: &Row) -> bool {
    row.cells.iter().all(|c| c.iter().all(|s| !matches!(s, Slice::Line { .. })))
}
