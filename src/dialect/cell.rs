//! Annex cells as single-line GFM table cells that keep paragraphs and bullet lists: the
//! writer ([`write()`], the templates' `cell` filter) and the reader ([`read()`]) as one pair.

use super::document::{Block, Inline};

/// A cell's Markdown as one table-cell line: paragraphs joined by `<br><br>`, list items
/// by `<br>• `, soft line breaks as spaces and pipes escaped, so any content survives.
pub fn write(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (p, paragraph) in text.trim().split("\n\n").filter(|p| !p.trim().is_empty()).enumerate() {
        if p > 0 {
            out.push_str("<br><br>");
        }
        let mut first = true;
        for line in paragraph.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let item = ["- ", "* ", "• "].iter().find_map(|m| line.strip_prefix(m));
            match item {
                Some(item) => {
                    if !first {
                        out.push_str("<br>");
                    }
                    out.push_str("• ");
                    out.push_str(item.trim());
                }
                None => {
                    if !first {
                        out.push(' ');
                    }
                    out.push_str(line);
                }
            }
            first = false;
        }
    }
    // `<!--` is escaped so that no cell can write a marker of the dialect (`<!-- span -->`).
    if !out.contains('|') && !out.contains("<!--") {
        return out;
    }
    out.replace('|', "\\|").replace("<!--", "&lt;!--")
}

/// A cell's one-line Markdown back into blocks: `<br><br>` separates paragraphs, a line that
/// starts with "• " is a bullet item (the convention the Markdown templates write).
pub fn read(inlines: &[Inline]) -> Vec<Block> {
    // Most cells are one line of text: one paragraph, as below, without splitting it.
    let one_line = !inlines.iter().any(|i| matches!(i, Inline::Break));
    let bullet = matches!(inlines.first(), Some(Inline::Text(first, _)) if first.trim_start().starts_with("• "));
    if one_line && !bullet {
        return if inlines.is_empty() { Vec::new() } else { vec![Block::Paragraph(inlines.to_vec())] };
    }
    let mut lines: Vec<Vec<Inline>> = vec![Vec::new()];
    for inline in inlines {
        match inline {
            Inline::Break => lines.push(Vec::new()),
            other => lines.last_mut().expect("a line").push(other.clone()),
        }
    }
    let mut blocks = Vec::new();
    let mut paragraph: Vec<Inline> = Vec::new();
    let mut items: Vec<Vec<Block>> = Vec::new();
    let flush_paragraph = |paragraph: &mut Vec<Inline>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(std::mem::take(paragraph)));
        }
    };
    let flush_items = |items: &mut Vec<Vec<Block>>, blocks: &mut Vec<Block>| {
        if !items.is_empty() {
            blocks.push(Block::List(None, std::mem::take(items)));
        }
    };
    for mut line in lines {
        if line.is_empty() {
            flush_paragraph(&mut paragraph, &mut blocks);
            flush_items(&mut items, &mut blocks);
            continue;
        }
        if let Some(Inline::Text(first, _)) = line.first_mut()
            && let Some(rest) = first.trim_start().strip_prefix("• ")
        {
            *first = rest.to_string();
            flush_paragraph(&mut paragraph, &mut blocks);
            items.push(vec![Block::Paragraph(line)]);
            continue;
        }
        flush_items(&mut items, &mut blocks);
        if !paragraph.is_empty() {
            paragraph.push(Inline::Break);
        }
        paragraph.extend(line);
    }
    flush_paragraph(&mut paragraph, &mut blocks);
    flush_items(&mut items, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Style;

    #[test]
    fn keeps_paragraphs_and_lists_on_one_line() {
        let cell = "CPM\n\nThese were:\n- one | two\n- three\nwrapped";
        assert_eq!(write(cell), "CPM<br><br>These were:<br>• one \\| two<br>• three wrapped");
    }

    #[test]
    fn cells_regain_paragraphs_and_bullets() {
        let text = |s: &str| Inline::Text(s.into(), Style::REGULAR);
        let cell = vec![
            text("Title"),
            Inline::Break,
            Inline::Break,
            text("These were:"),
            Inline::Break,
            text("• one"),
            Inline::Break,
            text("• two"),
        ];
        let blocks = read(&cell);
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert!(matches!(&blocks[2], Block::List(None, items) if items.len() == 2));
    }

    #[test]
    fn cannot_write_a_marker_of_the_dialect() {
        assert_eq!(write("<!-- span --> forged"), "&lt;!-- span --> forged");
    }
}
