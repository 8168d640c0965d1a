//! The body: the dialect's blocks as Word paragraphs and tables, in Word's own styles and
//! numbering.

use super::runs::{self, Revision};
use super::styles;
use crate::dialect::{Block, Document};
use docx_rs::{
    BorderType, Comment, DocumentChild, Docx, IndentLevel, Numbering, NumberingId, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Run, Shading, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

/// A paragraph's `w14:paraId`: numbered in order, so the same document gives the same bytes
/// whatever else the thread has built.
pub(super) fn paragraph_id(n: usize) -> String {
    format!("{n:08X}")
}

/// Where a block stands: its paragraphs' style, and the list it is inside.
#[derive(Debug, Clone, Copy)]
struct Context {
    style: &'static str,
    /// The list level a nested list takes (0 outside lists).
    level: usize,
    /// Inside a table cell: the last paragraph's mark is never tracked (a cell keeps one).
    in_cell: bool,
}

const BODY: Context = Context { style: styles::NORMAL, level: 0, in_cell: false };

/// The document being written.
pub(super) struct Writer<'a> {
    doc: &'a Document,
    revision: &'a Revision,
    /// Each table's column widths in points, by the table's index.
    column_widths: &'a std::collections::BTreeMap<usize, Vec<f32>>,
    docx: Docx,
    paragraphs: usize,
    /// The next paragraph starts a new page.
    page_break: bool,
    /// Numbered lists so far: each restarts its numbering.
    numbered_lists: usize,
    /// The comparison's summary, put on the title.
    comment: Option<Comment>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        doc: &'a Document,
        revision: &'a Revision,
        column_widths: &'a std::collections::BTreeMap<usize, Vec<f32>>,
    ) -> Writer<'a> {
        Writer {
            doc,
            revision,
            column_widths,
            docx: {
                let mut docx = styles::add(Docx::new());
                docx.document.has_numbering = true;
                docx.document_rels.has_numberings = true;
                docx
            },
            paragraphs: 0,
            page_break: false,
            numbered_lists: 0,
            comment: None,
        }
    }

    /// `comment` anchored on the title (the first level-1 heading).
    pub(super) fn comment_on_title(&mut self, comment: Comment) {
        self.comment = Some(comment);
    }

    /// The document, and the next free paragraph id. (A page break at the very end would
    /// start an empty page: it has no paragraph to go on, so it is not written.)
    pub(super) fn finish(self) -> (Docx, usize) {
        (self.docx, self.paragraphs + 1)
    }

    pub(super) fn blocks(&mut self, blocks: &[Block]) {
        for (i, block) in blocks.iter().enumerate() {
            let before = self.docx.document.children.len();
            self.block(block, BODY);
            // The block's last paragraph keeps with the next block's first (see
            // `Block::keeps_with`), as the PDF keeps them on one page.
            if blocks.get(i + 1).is_some_and(|next| block.keeps_with(next))
                && self.docx.document.children.len() > before
                && let Some(DocumentChild::Paragraph(last)) = self.docx.document.children.last_mut()
            {
                last.property = std::mem::take(&mut last.property).keep_next(true);
            }
        }
    }

    /// A new paragraph in `style`, starting a page if a page break came before it.
    fn paragraph(&mut self, style: &str) -> Paragraph {
        self.paragraphs += 1;
        let paragraph = Paragraph::new().id(paragraph_id(self.paragraphs)).style(style);
        if std::mem::take(&mut self.page_break) { paragraph.page_break_before(true) } else { paragraph }
    }

    /// Adds a paragraph to the body. Pushed straight onto the document's children: docx-rs's
    /// builder would move the whole `Docx` (4.7 KB) three times per paragraph. The
    /// numbering part is always written (the styles define lists), so no flag is missed.
    fn push(&mut self, paragraph: Paragraph) {
        self.docx.document.children.push(DocumentChild::Paragraph(Box::new(paragraph)));
    }

    fn block(&mut self, block: &Block, context: Context) {
        let paragraphs = self.block_paragraphs(block, context);
        for paragraph in paragraphs {
            self.push(paragraph);
        }
        if let Block::Table(table) = block {
            let table = self.table(table);
            self.docx.document.children.push(DocumentChild::Table(Box::new(table)));
        }
    }

    /// The paragraphs of a block (none for a table, which [`Writer::block`] adds itself).
    fn block_paragraphs(&mut self, block: &Block, context: Context) -> Vec<Paragraph> {
        let links = &self.doc.links;
        match block {
            Block::Heading(level, inlines) => {
                let mut paragraph = self.paragraph(styles::heading(*level));
                let comment = if *level == 1 { self.comment.take() } else { None };
                let id = comment.as_ref().map(Comment::id);
                if let Some(comment) = comment {
                    paragraph = paragraph.add_comment_start(comment);
                }
                paragraph = runs::heading(paragraph, inlines, links, self.revision, None);
                if let Some(id) = id {
                    paragraph = paragraph.add_comment_end(id);
                }
                vec![paragraph]
            }
            Block::RunIn(level, inlines) => {
                // Word's heading of its level (the navigation pane's outline), in the run-in look.
                let paragraph = self.paragraph(styles::heading(*level));
                vec![runs::heading(paragraph, inlines, links, self.revision, Some(styles::RUN_IN_SIZE))]
            }
            Block::Paragraph(inlines) if inlines.is_empty() => Vec::new(),
            Block::Paragraph(inlines) => {
                let paragraph = self.paragraph(context.style);
                vec![runs::paragraph(paragraph, inlines, links, self.revision, !context.in_cell)]
            }
            Block::List(start, items) => self.list(*start, items, context),
            Block::Quote(blocks) => {
                let inner = Context { style: styles::QUOTE, ..context };
                blocks.iter().flat_map(|b| self.block_paragraphs(b, inner)).collect()
            }
            Block::Code(text) => {
                let mut paragraph = self.paragraph(styles::CODE);
                for (i, line) in text.trim_end_matches('\n').split('\n').enumerate() {
                    let mut run = Run::new();
                    if i > 0 {
                        run = run.add_break(docx_rs::BreakType::TextWrapping);
                    }
                    paragraph = paragraph.add_run(run.add_text(line));
                }
                vec![paragraph]
            }
            Block::Rule => {
                let mut paragraph = self.paragraph(context.style);
                let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(4);
                paragraph.property.borders = Some(ParagraphBorders::with_empty().set(rule));
                vec![paragraph]
            }
            Block::PageBreak => {
                self.page_break = true;
                Vec::new()
            }
            // Written by `block` after the paragraphs before it.
            Block::Table(..) => Vec::new(),
        }
    }

    /// A list's items: each item's first paragraph numbered (or bulleted) at the list's
    /// level, its other blocks indented under it.
    fn list(&mut self, start: Option<u64>, items: &[Vec<Block>], context: Context) -> Vec<Paragraph> {
        let (style, numbering) = match start {
            None => (styles::LIST_BULLET, styles::BULLETS),
            Some(start) => {
                self.numbered_lists += 1;
                let id = styles::NUMBERS + self.numbered_lists;
                let restart = docx_rs::LevelOverride::new(0).start(usize::try_from(start).unwrap_or(1));
                self.docx = std::mem::take(&mut self.docx)
                    .add_numbering(Numbering::new(id, styles::NUMBERS).add_override(restart));
                (styles::LIST_NUMBER, id)
            }
        };
        let level = context.level;
        let inner = Context { style: styles::LIST_CONTINUE, level: level + 1, ..context };
        let mut out = Vec::new();
        for item in items {
            for (i, block) in item.iter().enumerate() {
                match block {
                    Block::Paragraph(inlines) if i == 0 => {
                        let paragraph = self
                            .paragraph(if context.in_cell { context.style } else { style })
                            .numbering(NumberingId::new(numbering), IndentLevel::new(level.min(8)));
                        out.push(runs::paragraph(paragraph, inlines, &self.doc.links, self.revision, true));
                    }
                    other => out.extend(self.block_paragraphs(other, inner)),
                }
            }
        }
        out
    }

    /// An annex table: the header row shaded and bold, repeated on every page (see
    /// `package`), no row split across pages, a row of one cell spanning them all; a whole
    /// row inserted or deleted is a tracked row.
    fn table(&mut self, table: &crate::dialect::Table) -> Table {
        // The columns as the PDF sizes them; without them, the text width shared equally.
        let columns = table.head.len().max(table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)).max(1);
        let points = self
            .column_widths
            .get(&table.index)
            .cloned()
            .unwrap_or_else(|| vec![crate::theme::TEXT_WIDTH / columns as f32; columns]);
        let mut widths: Vec<usize> = points.into_iter().map(|w| (w * 20.0).round() as usize).collect();
        // Word draws cell borders inside the width the PDF gives text and padding, and sets
        // text without the PDF's pair kerning (some 2% wider): a point and 2% more for each
        // narrow column, from the widest, keeps a word that fits in the PDF on one line
        // ("SECP_158_1112_25" in a paper list).
        if let Some(widest) = (0..widths.len()).max_by_key(|&i| widths[i]) {
            let slack = |width: usize| 20 + width / 50;
            let given: usize = (0..widths.len()).filter(|&i| i != widest).map(|i| slack(widths[i])).sum();
            if widths[widest] > given + 1000 {
                for (i, width) in widths.iter_mut().enumerate() {
                    *width = if i == widest { *width - given } else { *width + slack(*width) };
                }
            }
        }
        let columns = widths.len();
        let aligns = &table.aligns;
        let head = table.bold_head();
        let header = self.row(&head, false, None, (&widths, aligns), true);
        let mut table_rows = vec![header];
        for row in &table.rows {
            let change = runs::whole_change(row.inlines()).map(|(change, _)| change);
            table_rows.push(self.row(&row.cells, row.spans, change, (&widths, aligns), false));
        }
        // The cells' margins on the table itself, not only in its style: LibreOffice takes its
        // own default (a point and a half wider each side) where the style alone gives them,
        // and a reference sized to its column wrapped.
        let margin = styles::CELL_MARGIN;
        let margins = docx_rs::TableCellMargins::new()
            .margin_left(margin, WidthType::Dxa)
            .margin_right(margin, WidthType::Dxa)
            .margin_top(margin / 2, WidthType::Dxa)
            .margin_bottom(margin / 2, WidthType::Dxa);
        Table::new(table_rows)
            .set_grid(widths.clone())
            .margins(margins)
            .style(styles::TABLE)
            .layout(TableLayoutType::Fixed)
            .width(widths.iter().sum::<usize>().max(columns), WidthType::Dxa)
    }

    /// A row of `cells` (spanning every column when `spans`), inserted or deleted whole
    /// when `change` says so.
    fn row(
        &mut self,
        cells: &[crate::dialect::Cell],
        spans: bool,
        change: Option<crate::dialect::Change>,
        (widths, aligns): (&[usize], &[crate::dialect::Align]),
        header: bool,
    ) -> TableRow {
        let context = Context { style: styles::TABLE_TEXT, level: 0, in_cell: true };
        let mut out = Vec::with_capacity(cells.len());
        for (i, cell) in cells.iter().enumerate() {
            let mut paragraphs: Vec<Paragraph> = cell.iter().flat_map(|b| self.block_paragraphs(b, context)).collect();
            if paragraphs.is_empty() {
                paragraphs.push(self.paragraph(styles::TABLE_TEXT));
            }
            // The column's alignment (GFM's `---:`), on each of the cell's paragraphs.
            let align = match aligns.get(i).filter(|_| !spans) {
                Some(crate::dialect::Align::Center) => Some(docx_rs::AlignmentType::Center),
                Some(crate::dialect::Align::End) => Some(docx_rs::AlignmentType::Right),
                _ => None,
            };
            if let Some(align) = align {
                paragraphs = paragraphs.into_iter().map(|p| p.align(align)).collect();
            }
            let mut table_cell = TableCell::new();
            for paragraph in paragraphs {
                table_cell = table_cell.add_paragraph(paragraph);
            }
            let width = if spans { widths.iter().sum() } else { widths.get(i).copied().unwrap_or_default() };
            table_cell = table_cell.width(width, WidthType::Dxa);
            if spans {
                table_cell = table_cell.grid_span(widths.len());
            }
            if header {
                table_cell = table_cell.shading(Shading::new().fill(styles::HEADER_SHADE));
            }
            out.push(table_cell);
        }
        let mut row = TableRow::new(out).cant_split();
        match change {
            Some(crate::dialect::Change::Inserted) => {
                row = row
                    .insert(docx_rs::Insert::new_with_empty().author(&self.revision.author).date(&self.revision.date));
            }
            Some(crate::dialect::Change::Deleted) => {
                row = row.delete(docx_rs::Delete::new().author(&self.revision.author).date(&self.revision.date));
            }
            _ => {}
        }
        row
    }
}
