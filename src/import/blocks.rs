//! Paragraphs as read, grouped into the dialect's blocks: list items into lists nested
//! by level (numbering carried on when a list resumes after a paragraph), quote and code
//! paragraphs into one quote or code block, tables with their cells; and an annex cell's
//! content reduced to what a cell holds (paragraphs and one level of bullets).

use super::items::{Item, Para, Table};
use super::styles::Role;
use super::{Finding, Kind, Place, patterns};
use crate::dialect::{Block, Inline, Style};
use std::collections::BTreeMap;

/// Items numbered so far in each list and level, so a list that resumes after a
/// paragraph keeps counting.
type Counters = BTreeMap<(u32, u8), u64>;

/// A body's items as blocks.
pub(super) fn body(items: &[Item], findings: &mut Vec<Finding>) -> Vec<Block> {
    let mut counters = Counters::new();
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        match &items[i] {
            Item::Table(table) => {
                out.push(body_table(table, findings));
                i += 1;
            }
            Item::Para(p) if p.list.is_some() => {
                let end = i + items[i..].iter().take_while(|it| in_list(it)).count();
                let paras: Vec<&Para> = items[i..end].iter().filter_map(as_para).collect();
                let mut at = 0;
                while let Some(p) = paras.get(at) {
                    match p.list {
                        Some(mark) => {
                            let list = list(&paras, &mut at, mark.level, &mut counters);
                            push_merging(&mut out, list);
                        }
                        None => {
                            out.push(Block::Paragraph(patterns::trim(&p.inlines)));
                            at += 1;
                        }
                    }
                }
                i = end;
            }
            Item::Para(p) if matches!(p.role, Role::Quote | Role::Code) => {
                let role = p.role;
                let end = i + items[i..]
                    .iter()
                    .take_while(|it| as_para(it).is_some_and(|q| q.role == role && q.list.is_none()))
                    .count();
                let paras = items[i..end].iter().filter_map(as_para);
                out.push(if role == Role::Code {
                    let lines: Vec<String> = paras.map(|p| patterns::raw(&p.inlines)).collect();
                    Block::Code(lines.join("\n"))
                } else {
                    Block::Quote(
                        paras
                            .filter(|p| !p.text().is_empty())
                            .map(|p| Block::Paragraph(patterns::trim(&p.inlines)))
                            .collect(),
                    )
                });
                i = end;
            }
            Item::Para(p) => {
                let inlines = patterns::trim(&p.inlines);
                match p.role {
                    Role::Heading(level) if !inlines.is_empty() => out.push(Block::Heading(level.clamp(4, 6), inlines)),
                    _ if p.rule && inlines.is_empty() => out.push(Block::Rule),
                    _ if !inlines.is_empty() => out.push(Block::Paragraph(inlines)),
                    _ => {}
                }
                i += 1;
            }
        }
    }
    out
}

fn as_para(item: &Item) -> Option<&Para> {
    match item {
        Item::Para(p) => Some(p),
        Item::Table(_) => None,
    }
}

/// A list item, or a paragraph continuing one.
fn in_list(item: &Item) -> bool {
    as_para(item).is_some_and(|p| p.list.is_some() || matches!(p.role, Role::Continue(_)))
}

/// Two lists one after the other are one list in Markdown: they are made one.
fn push_merging(out: &mut Vec<Block>, block: Block) {
    if let (Some(Block::List(start, items)), Block::List(next_start, more)) = (out.last_mut(), &block)
        && start.is_some() == next_start.is_some()
    {
        items.extend(more.iter().cloned());
        return;
    }
    out.push(block);
}

/// The list at `level` starting at `paras[*at]`, its items' deeper levels nested in them.
fn list(paras: &[&Para], at: &mut usize, level: u8, counters: &mut Counters) -> Block {
    let first = paras[*at].list.expect("a list item");
    let ordered = first.ordered;
    let start = first.start + counters.get(&(first.id, level)).copied().unwrap_or(0);
    let mut items: Vec<Vec<Block>> = Vec::new();
    while let Some(p) = paras.get(*at) {
        match (p.list, p.role) {
            (Some(mark), _) if mark.level == level && mark.ordered == ordered => {
                *counters.entry((mark.id, level)).or_insert(0) += 1;
                items.push(vec![Block::Paragraph(patterns::trim(&p.inlines))]);
                *at += 1;
            }
            (Some(mark), _) if mark.level > level => {
                let nested = list(paras, at, mark.level, counters);
                match items.last_mut() {
                    Some(item) => item.push(nested),
                    None => items.push(vec![nested]),
                }
            }
            (None, Role::Continue(_)) => {
                let paragraph = Block::Paragraph(patterns::trim(&p.inlines));
                match items.last_mut() {
                    Some(item) => item.push(paragraph),
                    None => items.push(vec![paragraph]),
                }
                *at += 1;
            }
            _ => break,
        }
    }
    // A list that stops before its first item's level (a malformed jump back) ends here;
    // the caller's loop starts the next one.
    if items.is_empty() {
        *at += 1;
    }
    Block::List(ordered.then_some(start), items)
}

/// A table in a body: every cell on one line, as the cell codec writes it.
fn body_table(table: &Table, findings: &mut Vec<Finding>) -> Block {
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut rows: Vec<Vec<Vec<Inline>>> = table
        .rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Vec<Inline>> = row.iter().map(|c| one_line(&cell(c, table.number, findings))).collect();
            cells.resize(width, Vec::new());
            cells
        })
        .collect();
    let head = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
    // The header row is bold as a row (the outputs set it so): its weight is not emphasis.
    let head: Vec<Vec<Inline>> = head
        .into_iter()
        .map(|cell| {
            cell.into_iter()
                .map(|i| match i {
                    Inline::Text(t, s) => Inline::Text(t, Style { bold: false, ..s }),
                    other => other,
                })
                .collect()
        })
        .collect();
    Block::Table(crate::dialect::Table::read(&head, &rows, Vec::new(), 0))
}

/// A cell's blocks as one line: paragraphs apart by two breaks, bullets by one.
pub(super) fn one_line(blocks: &[Block]) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.extend([Inline::Break, Inline::Break]);
        }
        match block {
            Block::Paragraph(inlines) => out.extend(inlines.iter().cloned()),
            Block::List(_, items) => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push(Inline::Break);
                    }
                    out.push(Inline::Text("• ".into(), Style::REGULAR));
                    if let Some(Block::Paragraph(inlines)) = item.first() {
                        out.extend(inlines.iter().cloned());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A cell's content as a cell holds it: paragraphs and one level of bullets. Numbered
/// items keep their numbers as text; deeper lists, quotes, code and tables inside a cell
/// become paragraphs, and are reported.
pub(super) fn cell(items: &[Item], table: usize, findings: &mut Vec<Finding>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut flattened = false;
    let mut counters = Counters::new();
    let mut paragraphs = Vec::new();
    collect(items, &mut paragraphs, &mut flattened);
    for p in paragraphs {
        let inlines = patterns::trim(&p.inlines);
        if inlines.is_empty() {
            continue;
        }
        match p.list {
            Some(mark) if !mark.ordered => {
                flattened |= mark.level > 0;
                let item = vec![Block::Paragraph(inlines)];
                match out.last_mut() {
                    Some(Block::List(None, items)) => items.push(item),
                    _ => out.push(Block::List(None, vec![item])),
                }
            }
            Some(mark) => {
                let count = counters.entry((mark.id, mark.level)).or_insert(0);
                let mut numbered = vec![Inline::Text(format!("{}. ", mark.start + *count), Style::REGULAR)];
                *count += 1;
                numbered.extend(inlines);
                out.push(Block::Paragraph(numbered));
            }
            None => {
                flattened |= matches!(p.role, Role::Quote | Role::Code);
                out.push(Block::Paragraph(inlines));
            }
        }
    }
    if flattened {
        findings.push(Finding {
            kind: Kind::ImportUnmapped,
            place: Place::Paragraph(table),
            message:
                "a table cell holds a nested list, quote, code or table: kept as paragraphs and one level of bullets"
                    .into(),
            hint: None,
        });
    }
    out
}

/// Every paragraph of `items`, tables' cells read row by row.
fn collect<'a>(items: &'a [Item], out: &mut Vec<&'a Para>, nested: &mut bool) {
    for item in items {
        match item {
            Item::Para(p) => out.push(p),
            Item::Table(t) => {
                *nested = true;
                for cell in t.rows.iter().flatten() {
                    collect(cell, out, nested);
                }
            }
        }
    }
}
