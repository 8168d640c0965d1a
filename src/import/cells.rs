//! Annex cells and column headings as Markdown the cell codec carries: paragraphs and
//! one level of bullets, a line break as `<br>`; each checked by the path a render takes
//! (the codec's one line, a table, the dialect's parse, the codec's reading).

use super::escape::{Escape, line_starts, tera};
use super::markup::{Place, inlines};
use super::readback::same;
use crate::dialect::{Block, Inline};

/// An annex cell's Markdown: paragraphs and one level of bullets, as the cell codec reads
/// them back.
pub(super) fn cell(blocks: &[Block], links: &[String]) -> (String, bool) {
    cell_with(blocks, links, true)
}

/// A column heading: a cell that is one line, whose line start no check reads as a block
/// ("#" is a column heading as written).
pub(super) fn column(inlines: &[Inline], links: &[String]) -> (String, bool) {
    cell_with(&[Block::Paragraph(super::patterns::trim(inlines))], links, false)
}

fn cell_with(blocks: &[Block], links: &[String], starts: bool) -> (String, bool) {
    for escape in [Escape::Minimal, Escape::Full, Escape::Plain] {
        let md = cell_markdown(blocks, links, escape, starts);
        let line = crate::dialect::cell::write(&md);
        let table = format!("| x |\n| --- |\n| {line} |\n");
        let read = crate::dialect::read_blocks(&table).ok().and_then(|(body, links)| match body.first() {
            Some(Block::Table(table)) => Some((table.rows.first()?.cells.first()?.clone(), links)),
            _ => None,
        });
        if read.is_some_and(|(read, read_links)| same(&read, &read_links, blocks, links)) {
            return (tera(&md), true);
        }
    }
    (tera(&cell_markdown(blocks, links, Escape::Plain, starts)), false)
}

pub(super) fn cell_markdown(blocks: &[Block], links: &[String], escape: Escape, starts: bool) -> String {
    let line_starts = |md: String| if starts { line_starts(&md) } else { md };
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::List(_, items) => items
                .iter()
                .map(|item| {
                    let first = item
                        .iter()
                        .find_map(|b| if let Block::Paragraph(l) = b { Some(l.as_slice()) } else { None })
                        .unwrap_or(&[]);
                    format!("- {}", line_starts(inlines(first, links, escape, Place::Cell)))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Paragraph(list) => line_starts(inlines(list, links, escape, Place::Cell)),
            _ => String::new(),
        })
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Style;

    fn t(text: &str, style: Style) -> Inline {
        Inline::Text(text.into(), style)
    }

    #[test]
    fn cells_keep_paragraphs_and_bullets() {
        let para = |s: &str, style| Block::Paragraph(vec![t(s, style)]);
        let blocks = vec![
            para("Title", Style::BOLD),
            para("These were:", Style::REGULAR),
            Block::List(None, vec![vec![para("one | two", Style::REGULAR)], vec![para("three", Style::REGULAR)]]),
        ];
        assert_eq!(cell(&blocks, &[]), ("**Title**\n\nThese were:\n\n- one | two\n- three".to_string(), true));
        assert_eq!(cell(&[para("-£0.08m", Style::REGULAR)], &[]).0, "-£0.08m");
    }
}
