//! Blocks into slices: the atoms pagination moves between pages.
//!
//! A slice is a line of text (with its spacing and any list marker), a gap, a page break or
//! a table. Paragraph lines carry keep-with-next flags that prevent orphans and widows;
//! headings keep with what follows.

use super::fonts::{Change, Style};
use super::lines::{Line, Measures, break_lines, min_max_width};
use super::page::{Item, Rgb};
use super::structure::{NodeId, Role, Structure};
use super::table::{self, TableBlock};
use super::theme::{self, ITEM_GAP, LIST_INDENT, PARAGRAPH_GAP, Text};
use crate::dialect::{Block, Inline};

/// The heading level whose look a run-in heading takes: running text's size, in bold.
const RUN_IN_LOOK: u8 = 4;

/// An atom of the flow.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Slice {
    /// A line: items placed relative to the slice top.
    Line {
        /// Its height.
        height: f32,
        /// What it draws, y relative to its top.
        items: Vec<Item>,
        /// Never end a page after this slice.
        keep_with_next: bool,
        /// A bookmark to record where it lands: (level, title).
        outline: Option<(usize, String)>,
    },
    /// Vertical space, dropped at the top of a page.
    Space(f32),
    /// Start a new page.
    PageBreak,
    /// A table, paginated row by row.
    Table(TableBlock),
}

impl Slice {
    /// Height on the page (a table's is the part that must start on the same page).
    pub(super) fn height(&self) -> f32 {
        match self {
            Slice::Line { height, .. } => *height,
            Slice::Space(h) => *h,
            Slice::PageBreak => 0.0,
            // A table's first row keeps with its header (and whatever keeps with the table)
            // unless it is taller than a page.
            Slice::Table(t) => t.lead_height(theme::BODY_ROOM),
        }
    }

    /// Whether a page must not end right after it.
    pub(super) fn keeps_with_next(&self) -> bool {
        matches!(self, Slice::Line { keep_with_next: true, .. } | Slice::Space(_))
    }
}

/// Lays out `blocks` in a column at `x`, `width` wide, with running text `text`, their
/// structure elements under `parent`; paragraphs `measures` holds are not measured again.
pub(super) fn flow(
    blocks: &[Block],
    x: f32,
    width: f32,
    text: Text,
    tree: &mut Structure,
    parent: NodeId,
    measures: Option<&Measures>,
) -> Vec<Slice> {
    let mut out = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let before = out.len();
        match block {
            Block::Heading(level, inlines) => {
                heading(&mut out, (*level, false), inlines, (x, width), text, tree, parent)
            }
            Block::RunIn(level, inlines) => heading(&mut out, (*level, true), inlines, (x, width), text, tree, parent),
            Block::Paragraph(inlines) if !inlines.is_empty() => {
                let node = tree.add(Role::P, parent);
                paragraph(&mut out, inlines, x, width, text, tree, node, measures);
                out.push(Slice::Space(text.leading * PARAGRAPH_GAP));
            }
            Block::Paragraph(_) => {}
            Block::List(start, items) => {
                list(&mut out, *start, items, (x, width), text, tree, parent, measures);
                out.push(Slice::Space(text.leading * PARAGRAPH_GAP));
            }
            Block::Quote(inner) => {
                // A rule down the quote's left, so that it reads as a quote, not as more of
                // a list item above it; set in from the text beside it.
                let node = tree.add(Role::BlockQuote, parent);
                if !out.is_empty() {
                    out.push(Slice::Space(text.leading * PARAGRAPH_GAP / 2.0));
                }
                let indent = LIST_INDENT + theme::QUOTE_INDENT;
                for mut slice in flow(inner, x + indent, width - indent, text, tree, node, measures) {
                    if let Slice::Line { height, items, .. } = &mut slice {
                        let (x1, width) = (x + theme::QUOTE_RULE_INSET, theme::QUOTE_RULE_WIDTH);
                        items.push(Item::Stroke { x1, y1: 0.0, x2: x1, y2: *height, width, color: Rgb::RULE });
                    }
                    out.push(slice);
                }
            }
            Block::Code(code) => {
                // One paragraph for the block in the monospaced face, each of its lines a
                // line (cut between characters where wider than the column), its spaces
                // and indentation kept.
                let node = tree.add(Role::P, parent);
                let code_style = Style { code: true, ..Style::REGULAR };
                for line in code.trim_end_matches('\n').lines() {
                    let kept = line.replace('\t', "    ").replace(' ', "\u{a0}");
                    let inlines = [Inline::Text(if kept.is_empty() { "\u{a0}".into() } else { kept }, code_style)];
                    paragraph(&mut out, &inlines, x + LIST_INDENT, width - LIST_INDENT, text, tree, node, None);
                }
                out.push(Slice::Space(text.leading * PARAGRAPH_GAP));
            }
            Block::Rule => out.push(Slice::Line {
                height: text.leading,
                items: vec![Item::Stroke {
                    x1: x,
                    y1: text.leading / 2.0,
                    x2: x + width,
                    y2: text.leading / 2.0,
                    width: theme::RULE_WIDTH,
                    color: Rgb::RULE,
                }],
                keep_with_next: false,
                outline: None,
            }),
            Block::PageBreak => out.push(Slice::PageBreak),
            Block::Table(t) => {
                out.push(Slice::Table(table::layout(t, x, width, tree, parent)));
                out.push(Slice::Space(text.leading * PARAGRAPH_GAP));
            }
        }
        // A lead-in keeps with what it introduces, a sign-off with what it closes.
        if blocks.get(index + 1).is_some_and(|next| block.keeps_with(next))
            && let Some(Slice::Line { keep_with_next, .. }) =
                out[before..].iter_mut().rev().find(|s| matches!(s, Slice::Line { .. }))
        {
            *keep_with_next = true;
        }
    }
    out
}

/// Lays out a table cell's blocks under its cell element: a lone paragraph's text belongs
/// to the cell itself (half the elements of a table, and what readers expect of a cell).
pub(super) fn flow_cell(
    blocks: &[Block],
    x: f32,
    width: f32,
    text: Text,
    tree: &mut Structure,
    cell: NodeId,
    measures: Option<&Measures>,
) -> Vec<Slice> {
    match blocks {
        [Block::Paragraph(inlines)] => {
            let mut out = Vec::new();
            paragraph(&mut out, inlines, x, width, text, tree, cell, measures);
            out
        }
        _ => flow(blocks, x, width, text, tree, cell, measures),
    }
}

/// The lines of a paragraph, its text in element `node` (links and changed text in elements
/// of their own under it); the first line keeps with the second (no orphan) and the last
/// but one with the last (no widow).
#[allow(clippy::too_many_arguments)]
fn paragraph(
    out: &mut Vec<Slice>,
    inlines: &[Inline],
    x: f32,
    width: f32,
    text: Text,
    tree: &mut Structure,
    node: NodeId,
    measures: Option<&Measures>,
) -> usize {
    let lines = match measures.and_then(|m| m.get(inlines)) {
        Some(measured) => measured.break_lines(width, text.size),
        None => break_lines(inlines, width, text.size),
    };
    let lines = super::bidi::reorder(lines, width, text.size);
    let first = out.len();
    let count = place_lines(out, lines, x, text, tree, node);
    // The anchors it holds stand at its first line, where a link to them leads.
    if let Some(Slice::Line { items, .. }) = out.get_mut(first) {
        for inline in inlines {
            if let Inline::Anchor(name) = inline {
                items.push(Item::Anchor { y: 0.0, name: name.clone() });
            }
        }
    }
    count
}

/// [`paragraph`] of lines already broken.
fn place_lines(
    out: &mut Vec<Slice>,
    lines: Vec<Line>,
    x: f32,
    text: Text,
    tree: &mut Structure,
    node: NodeId,
) -> usize {
    let count = lines.len();
    let mut inline = InlineElements::default();
    for (i, line) in lines.into_iter().enumerate() {
        let mut items = Vec::with_capacity(line.pieces.len());
        let mut changed = false;
        let last = line.pieces.len().saturating_sub(1);
        for (index, mut p) in line.pieces.into_iter().enumerate() {
            if index == last && line.ends_between_words && !p.text.ends_with(' ') {
                p.text.push(' ');
            }
            let element = inline.element(tree, node, p.style, &p.text);
            let baseline = text.baseline();
            let (colour, mark_y) = match p.style.change {
                Change::None if p.style.link.is_some() => (Rgb::LINK, None),
                Change::None => (Rgb::BLACK, None),
                Change::Inserted => (Rgb::INSERTED, Some(baseline + text.size * theme::UNDERLINE_DROP)),
                Change::Deleted => (Rgb::DELETED, Some(baseline - text.size * theme::STRIKE_RISE)),
            };
            if let Some(y) = mark_y {
                changed = true;
                let x1 = x + p.dx;
                let width = theme::CHANGE_MARK_WIDTH;
                items.push(Item::Stroke { x1, y1: y, x2: x1 + p.width, y2: y, width, color: colour });
            }
            if p.style.strike {
                let y = baseline - text.size * theme::STRIKE_RISE;
                let (x1, width) = (x + p.dx, theme::CHANGE_MARK_WIDTH);
                items.push(Item::Stroke { x1, y1: y, x2: x1 + p.width, y2: y, width, color: colour });
            }
            if let Some(link) = p.style.link {
                let (top, h) = (baseline - text.size * 0.8, text.size * 1.05);
                items.push(Item::Link { x: x + p.dx, y: top, w: p.width, h, link, node: Some(element) });
            }
            items.push(Item::Text {
                x: x + p.dx,
                y: baseline,
                size: text.size,
                style: p.style,
                color: colour,
                width: p.width,
                text: p.text,
                node: Some(element),
            });
        }
        if changed {
            // The change bar, in the left margin whatever the column.
            let (bar, width) = (theme::MARGIN_X - theme::CHANGE_BAR_INSET, theme::CHANGE_BAR_WIDTH);
            items.push(Item::Stroke { x1: bar, y1: 0.0, x2: bar, y2: text.leading, width, color: Rgb::INSERTED });
        }
        let keep_with_next = count > 1 && (i == 0 || i + 2 == count);
        out.push(Slice::Line { height: text.leading, items, keep_with_next, outline: None });
    }
    count
}

/// The elements a paragraph's inline runs belong to: a link's pieces (on however many
/// lines) share one `Link`, a run of inserted or deleted text one `Span` that says which.
/// Plain text after a link is a `Span` of its own: a checker that reads a paragraph's own
/// content before its elements (outloud's ORD-001) then finds the text in reading order
/// too, as it is (a paragraph of many cross-references read "out of order" otherwise).
#[derive(Default)]
struct InlineElements {
    last: Option<(Change, Option<u32>, NodeId)>,
    /// Whether a link came before in the paragraph.
    linked: bool,
    /// The `Span` the plain text since the last link is in.
    plain: Option<NodeId>,
}

impl InlineElements {
    fn element(&mut self, tree: &mut Structure, block: NodeId, style: Style, text: &str) -> NodeId {
        if style.change == Change::None && style.link.is_none() {
            // A space between two pieces of one link or change stays inside it.
            if text.trim().is_empty()
                && let Some((_, _, node)) = self.last
            {
                return node;
            }
            self.last = None;
            if !self.linked {
                return block;
            }
            return *self.plain.get_or_insert_with(|| tree.add(Role::Span, block));
        }
        self.plain = None;
        self.linked |= style.link.is_some();
        if let Some((change, link, node)) = self.last
            && change == style.change
            && link == style.link
        {
            if let Some(alt) = &mut tree.node_mut(node).alt {
                alt.push_str(text);
            }
            return node;
        }
        let mut parent = block;
        if style.change != Change::None {
            parent = tree.add(Role::Span, block);
            let said = if style.change == Change::Inserted { "Inserted: " } else { "Deleted: " };
            tree.node_mut(parent).alt = Some(format!("{said}{text}"));
        }
        let node = if style.link.is_some() { tree.add(Role::Link, parent) } else { parent };
        self.last = Some((style.change, style.link, node));
        node
    }
}

/// A heading of `level` (a run-in heading is set as running text's bold, whatever its level).
fn heading(
    out: &mut Vec<Slice>,
    (level, run_in): (u8, bool),
    inlines: &[Inline],
    (x, width): (f32, f32),
    base: Text,
    tree: &mut Structure,
    parent: NodeId,
) {
    let (text, before, after) = Text::heading(if run_in { RUN_IN_LOOK } else { level }, base);
    if !out.is_empty() {
        out.push(Slice::Space(before));
    }
    let first = out.len();
    let node = tree.add(Role::Heading(level), parent);
    paragraph(out, inlines, x, width, text, tree, node, None);
    for slice in &mut out[first..] {
        if let Slice::Line { keep_with_next, .. } = slice {
            *keep_with_next = true;
        }
    }
    // Sections (##, ###, ####) are bookmarked, as they stand once a redline's changes are
    // accepted; the title and run-in heads are not.
    if !run_in
        && (2..=4).contains(&level)
        && let Some(Slice::Line { outline, .. }) = out.get_mut(first)
    {
        *outline = Some((usize::from(level - 2), crate::dialect::accepted_text(inlines)));
    }
    out.push(Slice::Space(after));
}

#[allow(clippy::too_many_arguments)]
fn list(
    out: &mut Vec<Slice>,
    start: Option<u64>,
    items: &[Vec<Block>],
    (x, width): (f32, f32),
    text: Text,
    tree: &mut Structure,
    parent: NodeId,
    measures: Option<&Measures>,
) {
    let list = tree.add(Role::L { numbered: start.is_some() }, parent);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(Slice::Space(ITEM_GAP));
        }
        let first = out.len();
        let entry = tree.add(Role::LI, list);
        let label = tree.add(Role::Lbl, entry);
        let body_node = tree.add(Role::LBody, entry);
        // An item that starts right to left is indented from the right, its marker there.
        let rtl =
            matches!(item.first(), Some(Block::Paragraph(inlines)) if crate::dialect::starts_right_to_left(inlines));
        let body_x = if rtl { x } else { x + LIST_INDENT };
        let mut body = flow(item, body_x, width - LIST_INDENT, text, tree, body_node, measures);
        // The item's own trailing gap is replaced by the list's spacing.
        while matches!(body.last(), Some(Slice::Space(_))) {
            body.pop();
        }
        out.extend(body);
        let marker = match start {
            Some(n) => format!("{}.", n + i as u64),
            None => "•".to_string(),
        };
        let marker_width = super::fonts::text_width(&marker, Style::REGULAR, text.size);
        let marker_x = match rtl {
            true => x + width - LIST_INDENT + theme::MARKER_GAP,
            false => x + LIST_INDENT - theme::MARKER_GAP - marker_width,
        };
        if let Some(Slice::Line { items, .. }) = out[first..].iter_mut().find(|s| matches!(s, Slice::Line { .. })) {
            let y = items
                .iter()
                .find_map(|i| if let Item::Text { y, .. } = i { Some(*y) } else { None })
                .unwrap_or(text.baseline());
            items.insert(
                0,
                Item::Text {
                    x: marker_x,
                    y,
                    size: text.size,
                    style: Style::REGULAR,
                    color: Rgb::BLACK,
                    width: marker_width,
                    text: marker,
                    node: Some(label),
                },
            );
        }
    }
}

/// The text of laid-out lines, joined by spaces.
pub(super) fn plain_text_of_lines(lines: &[super::lines::Line]) -> String {
    let words: Vec<&str> = lines.iter().flat_map(|l| l.pieces.iter().map(|p| p.text.as_str())).collect();
    words.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Narrowest and natural widths of blocks set in `text` (for table columns); paragraphs
/// `measures` holds are not measured again.
pub(super) fn min_max_blocks(blocks: &[Block], text: Text, measures: Option<&Measures>) -> (f32, f32) {
    let mut result = (0.0f32, 0.0f32);
    let mut take = |(min, max): (f32, f32), indent: f32| {
        result.0 = result.0.max(min + indent);
        result.1 = result.1.max(max + indent);
    };
    for block in blocks {
        match block {
            Block::Paragraph(inlines) => take(
                match measures.and_then(|m| m.get(inlines)) {
                    Some(measured) => measured.min_max_width(text.size),
                    None => min_max_width(inlines, text.size),
                },
                0.0,
            ),
            Block::Heading(level, inlines) => take(min_max_width(inlines, Text::heading(*level, text).0.size), 0.0),
            Block::RunIn(_, inlines) => take(min_max_width(inlines, Text::heading(RUN_IN_LOOK, text).0.size), 0.0),
            Block::List(_, items) => {
                for item in items {
                    take(min_max_blocks(item, text, measures), LIST_INDENT);
                }
            }
            _ => {}
        }
    }
    result
}

/// Height of slices laid one after another (for cells).
pub(super) fn total_height(slices: &[Slice]) -> f32 {
    slices.iter().map(Slice::height).sum()
}
