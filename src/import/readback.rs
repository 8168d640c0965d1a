//! Blocks reduced to what a reader sees, to tell whether Markdown written for them reads
//! back as them: runs of one style merged, white space at emphasis' edges outside it, links
//! by address (a link whose text is its address the same as that text, as the dialect
//! links bare addresses), headings bold throughout.

use crate::dialect::{Block, Inline};

/// `markdown` read by the dialect: its blocks and links.
pub(super) fn read_back(markdown: &str) -> Option<(Vec<Block>, Vec<String>)> {
    crate::dialect::read_blocks(markdown).ok()
}

/// A block reduced to what a reader sees: runs of one style merged, links by address, a
/// link whose text is its address the same as that text, headings bold throughout.
#[derive(Debug, PartialEq)]
enum Seen {
    Text(String, (bool, bool, bool, bool), Option<String>),
    Break,
    Open(String),
    Close,
}

fn seen(blocks: &[Block], links: &[String], heading: bool, out: &mut Vec<Seen>) {
    for b in blocks {
        match b {
            Block::Paragraph(list) => {
                out.push(Seen::Open("p".into()));
                seen_inlines(list, links, heading, out);
                out.push(Seen::Close);
            }
            Block::Heading(level, list) | Block::RunIn(level, list) => {
                out.push(Seen::Open(format!("h{level}")));
                seen_inlines(list, links, true, out);
                out.push(Seen::Close);
            }
            Block::List(start, items) => {
                out.push(Seen::Open(format!("list{start:?}")));
                for item in items {
                    out.push(Seen::Open("item".into()));
                    seen(item, links, heading, out);
                    out.push(Seen::Close);
                }
                out.push(Seen::Close);
            }
            Block::Quote(inner) => {
                out.push(Seen::Open("quote".into()));
                seen(inner, links, heading, out);
                out.push(Seen::Close);
            }
            Block::Code(code) => out.push(Seen::Open(format!("code {}", code.trim_end_matches('\n')))),
            Block::Table(table) => {
                out.push(Seen::Open("table".into()));
                for row in std::iter::once(&table.head).chain(table.rows.iter().map(|r| &r.cells)) {
                    out.push(Seen::Open("row".into()));
                    for cell in row {
                        out.push(Seen::Open("cell".into()));
                        seen(cell, links, false, out);
                        out.push(Seen::Close);
                    }
                    out.push(Seen::Close);
                }
                out.push(Seen::Close);
            }
            Block::Rule => out.push(Seen::Open("rule".into())),
            Block::PageBreak => {}
        }
    }
}

fn seen_inlines(list: &[Inline], links: &[String], heading: bool, out: &mut Vec<Seen>) {
    let start = out.len();
    for inline in list {
        match inline {
            Inline::Break => out.push(Seen::Break),
            Inline::Anchor(_) => {}
            Inline::Text(t, s) if !t.is_empty() => {
                let address = s.link.and_then(|l| links.get(l as usize)).cloned();
                let address = address.filter(|a| a != t);
                let key = (s.bold || heading, s.italic, s.strike, s.code);
                // White space at a run's edges reads the same inside or outside its emphasis.
                let core = if s.code { t.as_str() } else { t.trim() };
                let at = t.find(core).unwrap_or(0);
                let plain = (heading, false, false, false);
                let pieces = [(&t[..at], plain), (core, key), (&t[at + core.len()..], plain)];
                for (piece, key) in pieces.into_iter().filter(|(p, _)| !p.is_empty()) {
                    let mergeable = out.len() > start;
                    match out.last_mut() {
                        Some(Seen::Text(last, k, a)) if mergeable && *k == key && *a == address => last.push_str(piece),
                        _ => out.push(Seen::Text(piece.to_string(), key, address.clone())),
                    }
                }
            }
            Inline::Text(..) => {}
        }
    }
    // Markdown drops white space at a paragraph's edges and around its line breaks.
    let mut i = start;
    while i < out.len() {
        let after_break = i == start || matches!(out[i - 1], Seen::Break);
        let before_break = i + 1 == out.len() || matches!(out[i + 1], Seen::Break);
        if let Seen::Text(t, (_, _, _, code), _) = &mut out[i]
            && !*code
        {
            if after_break {
                *t = t.trim_start().to_string();
            }
            if before_break {
                *t = t.trim_end().to_string();
            }
            if t.is_empty() {
                out.remove(i);
                continue;
            }
        }
        i += 1;
    }
}

/// Whether two lists of blocks read the same.
pub(super) fn same(a: &[Block], a_links: &[String], b: &[Block], b_links: &[String]) -> bool {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    seen(a, a_links, false, &mut x);
    seen(b, b_links, false, &mut y);
    x == y
}
