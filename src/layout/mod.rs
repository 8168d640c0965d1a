//! Stage 5a, layout: the paper's Markdown into pages of positioned text, rules and fills.
//!
//! No PDF here: [`Layout`] is plain data, so tests can check margins, keep-with-next, row
//! splitting and repeated headers without writing a file (Typst keeps the same split).

mod bidi;
mod flow;
pub(crate) mod fonts;
mod lines;
mod page;
mod paginate;
pub mod structure;
mod table;
pub use crate::theme;

pub use crate::dialect::document::{ParseError, UnsupportedCharacter};
pub use fonts::{first_unsupported, text_width};
pub use page::{Artifact, Item, LinkTarget, OutlineEntry, Page, Rgb};
pub use structure::{Node, NodeId, Role, Structure};
pub use table::{column_widths, table_widths};

use crate::dialect::{Change, Document, FrontMatter, Style};
use crate::domain::Classification;
use lines::break_lines;
use theme::{FOOTER, FOOTER_GAP, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH};

/// A laid-out document whose pages have no furniture yet: [`Layout::finish`] or
/// [`Layout::stamp`] turns it into [`Finished`] pages, the only thing the PDF writer takes,
/// so that no document is printed without its footers or stamped twice.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// The pages, body only.
    pub pages: Vec<Page>,
    /// Bookmarks of sections and annexes.
    pub outline: Vec<OutlineEntry>,
    /// The Markdown's front matter (title, author, reference, marking…).
    pub meta: FrontMatter,
    /// Where the body may go: top and bottom, down from the page top.
    pub body_area: (f32, f32),
    /// The targets of the links on the pages ([`Item::Link`] indexes them).
    pub links: Vec<LinkTarget>,
    /// The logical structure the pages' text belongs to.
    pub structure: Structure,
    /// What every page repeats: the footer statement and the TLP marking.
    furniture: Furniture,
    /// The element of the TLP label, read first: the first page shows it as content.
    label: Option<NodeId>,
}

/// Pages with their furniture (footer, page numbers, TLP label, comparison header): ready
/// for the PDF writer.
#[derive(Debug, Clone, PartialEq)]
pub struct Finished {
    /// The pages.
    pub pages: Vec<Page>,
    /// Bookmarks.
    pub outline: Vec<OutlineEntry>,
    /// The document's front matter, for the PDF's metadata.
    pub meta: FrontMatter,
    /// Where the body may go: top and bottom, down from the page top.
    pub body_area: (f32, f32),
    /// The targets of the links on the pages.
    pub links: Vec<LinkTarget>,
    /// The logical structure the pages' text belongs to.
    pub structure: Structure,
    /// The element of the classification statement, where it is read, and its text.
    pub statement: Option<(NodeId, String)>,
}

#[derive(Debug, Clone, PartialEq)]
struct Furniture {
    footer_lines: Vec<lines::Line>,
    footer_top: f32,
    marking: Option<Classification>,
    /// "Comparison of … and …" at the top of a redline's pages.
    header: Option<String>,
}

impl Layout {
    /// The document standing alone: its pages numbered 1 to n of n.
    pub fn finish(self) -> Finished {
        let total = self.pages.len();
        self.stamp(1, total)
    }

    /// Adds each page's footer and marking, numbering the pages `first`, `first + 1`… of
    /// `total` (inside a pack, a paper's pages carry pack numbers).
    pub fn stamp(self, first: usize, total: usize) -> Finished {
        let Layout { mut pages, outline, meta, body_area, links, mut structure, furniture, label } = self;
        // The classification statement is read once, after the body, and the TLP label
        // first (the first page shows both as content, in a pack each paper's first page
        // too); on later pages they are furniture, as the page numbers are.
        let text = flow::plain_text_of_lines(&furniture.footer_lines);
        let statement = (!text.is_empty()).then(|| (structure.add(Role::P, Structure::ROOT), text));
        for (index, page) in pages.iter_mut().enumerate() {
            page.furniture = page.items.len();
            let node = statement.as_ref().filter(|_| index == 0).map(|(node, _)| *node);
            page.items.extend(footer_items(&furniture.footer_lines, furniture.footer_top, first + index, total, node));
            if let Some(class) = furniture.marking {
                page.items.extend(marking_items(class, label.filter(|_| index == 0)));
            }
            if let Some(header) = &furniture.header {
                page.items.extend(header_items(header));
            }
        }
        Finished { pages, outline, meta, body_area, links, structure, statement }
    }
}

/// Lays out a document's Markdown: the dialect read with the fonts' character check.
pub fn layout_markdown(markdown: &crate::dialect::Markdown) -> Result<Layout, ParseError> {
    Ok(layout(&crate::dialect::parse(markdown.text(), markdown.front(), fonts::first_unsupported)?))
}

/// Lays out a parsed document; pages get their furniture from [`Layout::finish`].
pub fn layout(doc: &Document) -> Layout {
    let footer_lines = break_lines(&doc.footer, TEXT_WIDTH, FOOTER.size);
    // The statement's lines, then one for "Page X of Y".
    let footer_height = (footer_lines.len() + 1) as f32 * FOOTER.leading;
    let footer_top = PAGE_HEIGHT - MARGIN_BOTTOM - footer_height;
    let body_bottom = footer_top - FOOTER_GAP;
    let mut structure = Structure::default();
    let marking = Some(doc.meta.classification).filter(|c| c.label_colour().is_some());
    // The label's element first, so that it is read before the body.
    let label = marking.map(|_| structure.add(Role::P, Structure::ROOT));
    let slices = flow::flow(&doc.body, MARGIN_X, TEXT_WIDTH, theme::BODY, &mut structure, Structure::ROOT, None);
    let (pages, outline) = paginate::Paginator::new(MARGIN_TOP, body_bottom).run(slices);
    let links = placed_links(doc.links.iter().map(|target| LinkTarget::of(target)).collect(), &pages);
    Layout {
        pages,
        outline,
        meta: doc.meta.clone(),
        body_area: (MARGIN_TOP, body_bottom),
        links,
        structure,
        furniture: Furniture { footer_lines, footer_top, marking, header: doc.meta.comparison.clone() },
        label,
    }
}

/// `links` with each anchor's name replaced by the place it landed on (the first, if a
/// row that runs onto a second page repeats it); an anchor the pages do not hold is left
/// named, and no link is made to it.
fn placed_links(mut links: Vec<LinkTarget>, pages: &[Page]) -> Vec<LinkTarget> {
    if !links.iter().any(|l| matches!(l, LinkTarget::Anchor(_))) {
        return links;
    }
    let mut places = std::collections::HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Anchor { y, name } = item {
                // A little above the line, as the outline's destinations are.
                places.entry(name.as_str()).or_insert((index, (PAGE_HEIGHT - y + 4.0).round() as i32));
            }
        }
    }
    for link in &mut links {
        if let LinkTarget::Anchor(name) = link
            && let Some(&(page, top)) = places.get(name.as_str())
        {
            *link = LinkTarget::Place(page, top);
        }
    }
    links
}

fn footer_items(lines: &[lines::Line], top: f32, page: usize, total: usize, node: Option<NodeId>) -> Vec<Item> {
    let mut items = vec![Item::Stroke {
        x1: MARGIN_X,
        y1: top - theme::FOOTER_RULE_GAP,
        x2: MARGIN_X + TEXT_WIDTH,
        y2: top - theme::FOOTER_RULE_GAP,
        width: theme::FOOTER_RULE_WIDTH,
        color: Rgb::RULE,
    }];
    let mut y = top;
    for line in lines {
        let last = line.pieces.len().saturating_sub(1);
        for (index, piece) in line.pieces.iter().enumerate() {
            // A line that ends between words keeps its space, so the statement read from
            // the page has its words apart.
            let mut text = piece.text.clone();
            if index == last && line.ends_between_words && !text.ends_with(' ') {
                text.push(' ');
            }
            // A redline's changed statement is marked as its body text is.
            let baseline = y + FOOTER.baseline();
            let (color, mark_y) = match piece.style.change {
                Change::None => (Rgb::GREY, None),
                Change::Inserted => (Rgb::INSERTED, Some(baseline + FOOTER.size * theme::UNDERLINE_DROP)),
                Change::Deleted => (Rgb::DELETED, Some(baseline - FOOTER.size * theme::STRIKE_RISE)),
            };
            if let Some(mark_y) = mark_y {
                let x1 = MARGIN_X + piece.dx;
                let width = theme::CHANGE_MARK_WIDTH;
                items.push(Item::Stroke { x1, y1: mark_y, x2: x1 + piece.width, y2: mark_y, width, color });
            }
            items.push(Item::Text {
                x: MARGIN_X + piece.dx,
                y: baseline,
                size: FOOTER.size,
                style: piece.style,
                color,
                width: piece.width,
                text,
                node,
            });
        }
        y += FOOTER.leading;
    }
    let number = format!("Page {page} of {total}");
    let width = fonts::text_width(&number, Style::REGULAR, FOOTER.size);
    items.push(Item::Text {
        x: MARGIN_X + TEXT_WIDTH - width,
        y: y + FOOTER.baseline(),
        size: FOOTER.size,
        style: Style::REGULAR,
        color: Rgb::GREY,
        width,
        text: number,
        node: None,
    });
    items
}

/// The TLP label shown at the top of AMBER and RED pages, in its class's colour on black;
/// its text in element `node` where it is content.
fn marking_items(class: Classification, node: Option<NodeId>) -> Vec<Item> {
    let Some((r, g, b)) = class.label_colour() else { return Vec::new() };
    let label = format!("TLP:{class}");
    let (size, pad) = (theme::TLP_SIZE, theme::TLP_PADDING);
    let width = fonts::text_width(&label, Style::BOLD, size);
    let (x, y) = (MARGIN_X + TEXT_WIDTH - width - 2.0 * pad, theme::TLP_TOP);
    let (text_x, text_y, colour) = (x + pad, y + theme::TLP_BASELINE, Rgb(r, g, b));
    vec![
        Item::Fill { x, y, w: width + 2.0 * pad, h: theme::TLP_HEIGHT, color: Rgb::BLACK },
        Item::Text { x: text_x, y: text_y, size, style: Style::BOLD, color: colour, width, text: label, node },
    ]
}

/// The header line of a comparison, cut to fit beside the TLP marking.
fn header_items(text: &str) -> Vec<Item> {
    let size = FOOTER.size + theme::HEADER_SIZE_UP;
    let room = TEXT_WIDTH - theme::HEADER_CLEAR_RIGHT;
    // The longest prefix that fits, measured once character by character.
    let mut shown = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let width = fonts::text_width(c.encode_utf8(&mut [0; 4]), Style::BOLD, size);
        if used + width > room {
            break;
        }
        used += width;
        shown.push(c);
    }
    if shown.len() < text.len() {
        shown.push('…');
    }
    let width = fonts::text_width(&shown, Style::BOLD, size);
    vec![Item::Text {
        x: MARGIN_X,
        y: theme::HEADER_BASELINE,
        size,
        style: Style::BOLD,
        color: Rgb::INSERTED,
        width,
        text: shown,
        node: None,
    }]
}

/// Page size in points.
pub const PAGE_SIZE: (f32, f32) = (PAGE_WIDTH, PAGE_HEIGHT);
