//! The blocks as read from a Word document: paragraphs (with what their style and
//! numbering make them), tables of cells of blocks, and the tracked changes met.

use super::styles::Role;
use crate::dialect::Inline;

/// A paragraph's place in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ListMark {
    /// Numbered, not bulleted.
    pub(super) ordered: bool,
    /// The list's first number.
    pub(super) start: u64,
    /// 0 for the outermost level.
    pub(super) level: u8,
    /// The numbering it belongs to (0: a list style without numbering).
    pub(super) id: u32,
}

/// A paragraph as read.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Para {
    /// Its number in the document, from 1, counting paragraphs in tables.
    pub(super) number: usize,
    /// What its style makes it.
    pub(super) role: Role,
    /// Its place in a list, if it is a list item.
    pub(super) list: Option<ListMark>,
    /// Its text.
    pub(super) inlines: Vec<Inline>,
    /// It starts a new page.
    pub(super) page_break: bool,
    /// An empty paragraph drawn as a horizontal line (a bottom border).
    pub(super) rule: bool,
    /// Its mark is taken out by the tracked changes: it runs on into the next paragraph.
    pub(super) joins_next: bool,
}

impl Para {
    /// Its text without formatting, white space folded.
    pub(super) fn text(&self) -> String {
        crate::dialect::plain_text(&self.inlines)
    }
}

/// A table as read: rows of cells, each cell blocks.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Table {
    /// The number of its first paragraph.
    pub(super) number: usize,
    /// Its rows, cells spread so that every row has one per grid column.
    pub(super) rows: Vec<Vec<Vec<Item>>>,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
}

/// Tracked changes met, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Tracked {
    pub(super) inserted: usize,
    pub(super) deleted: usize,
    pub(super) moved: usize,
    pub(super) formatting: usize,
}

impl Tracked {
    pub(super) fn count(&mut self, tag: &str) {
        match tag {
            "ins" => self.inserted += 1,
            "del" => self.deleted += 1,
            "moveFrom" | "moveTo" => self.moved += 1,
            _ => self.formatting += 1,
        }
    }

    /// Every change met.
    pub(super) fn total(&self) -> usize {
        self.inserted + self.deleted + self.moved + self.formatting
    }
}
