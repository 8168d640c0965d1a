//! The document part read into blocks: paragraphs (with what their style and numbering
//! make them) and tables (rows of cells of blocks), tracked changes accepted or rejected
//! at the paragraph and row level too, every paragraph numbered in document order
//! (tables' included) so that a report can name it.

use super::items::{Item, ListMark, Para, Table, Tracked};
use super::numbering::{Numbering, numbering_of};
use super::runs::{Field, Gathered};
use super::styles::{Role, Styles, attr, child};
use super::{Finding, Place};
use crate::diagnostic::Kind;
use std::collections::BTreeMap;

/// Reads parts of one document, keeping what they share: links, findings, tracked changes,
/// comment anchors and the paragraph count.
pub(super) struct Reader<'a> {
    pub(super) styles: &'a Styles,
    pub(super) numbering: &'a Numbering,
    /// The part's relationships (hyperlinks' addresses).
    pub(super) relationships: &'a BTreeMap<String, (String, String, bool)>,
    pub(super) footnotes: BTreeMap<String, String>,
    pub(super) endnotes: BTreeMap<String, String>,
    /// Take the old text of tracked changes instead of the new.
    pub(super) reject: bool,
    pub(super) links: Vec<String>,
    pub(super) findings: Vec<Finding>,
    pub(super) tracked: Tracked,
    /// Comment id → the paragraph its range starts in.
    pub(super) comment_anchors: BTreeMap<String, usize>,
    /// Inside a deletion being kept (`--reject`): its `w:delText` is the text.
    pub(super) deleted: usize,
    pub(super) fields: Vec<Field>,
    paragraphs: usize,
    current: Place,
    /// Which part is read: the body, or a header or footer.
    pub(super) part: Place,
}

impl<'a> Reader<'a> {
    pub(super) fn new(
        styles: &'a Styles,
        numbering: &'a Numbering,
        relationships: &'a BTreeMap<String, (String, String, bool)>,
        reject: bool,
    ) -> Reader<'a> {
        Reader {
            styles,
            numbering,
            relationships,
            footnotes: BTreeMap::new(),
            endnotes: BTreeMap::new(),
            reject,
            links: Vec::new(),
            findings: Vec::new(),
            tracked: Tracked::default(),
            comment_anchors: BTreeMap::new(),
            deleted: 0,
            fields: Vec::new(),
            paragraphs: 0,
            current: Place::Document,
            part: Place::Document,
        }
    }

    /// Where a finding made now is.
    pub(super) fn place(&self) -> Place {
        match self.part {
            Place::Document => self.current.clone(),
            ref furniture => furniture.clone(),
        }
    }

    /// Reports `message` here.
    pub(super) fn finding(&mut self, kind: Kind, message: String) {
        let place = self.place();
        self.findings.push(Finding { kind, place, message, hint: None });
    }

    /// Notes that comment `id` is anchored in the paragraph being read.
    pub(super) fn anchor_comment(&mut self, id: &str) {
        if self.part == Place::Document
            && let Place::Paragraph(n) = self.current
        {
            self.comment_anchors.entry(id.to_string()).or_insert(n);
        }
    }

    /// The blocks of a body, cell, text box, header or footer.
    pub(super) fn blocks(&mut self, container: roxmltree::Node) -> Vec<Item> {
        let mut items = Vec::new();
        for node in container.children().filter(roxmltree::Node::is_element) {
            match node.tag_name().name() {
                "p" => items.extend(self.paragraph(node)),
                "tbl" => items.push(Item::Table(self.table(node))),
                "sdt" => {
                    if let Some(content) = child(node, "sdtContent") {
                        items.extend(self.blocks(content));
                    }
                }
                "customXml" => items.extend(self.blocks(node)),
                // A comment whose range starts between paragraphs is on the next one.
                "commentRangeStart" => {
                    if let (Some(id), Place::Document) = (attr(node, "id"), &self.part) {
                        self.comment_anchors.entry(id.to_string()).or_insert(self.paragraphs + 1);
                    }
                }
                "ins" | "moveTo" if !self.reject => items.extend(self.blocks(node)),
                "del" | "moveFrom" if self.reject => items.extend(self.blocks(node)),
                "altChunk" => self.finding(
                    Kind::ImportUnmapped,
                    "an embedded document (altChunk) is not imported: open it and paste its text".into(),
                ),
                _ => {}
            }
        }
        join_marks(items)
    }

    fn paragraph(&mut self, p: roxmltree::Node) -> Vec<Item> {
        self.paragraphs += 1;
        let number = self.paragraphs;
        if self.part == Place::Document {
            self.current = Place::Paragraph(number);
        }
        let properties = child(p, "pPr");
        let style = properties.and_then(|p| child(p, "pStyle")).and_then(|s| attr(s, "val"));
        let mut role = self.styles.role(style);
        let outline = properties.and_then(|p| child(p, "outlineLvl")).and_then(|o| attr(o, "val")?.parse::<u8>().ok());
        if let (Role::Normal, Some(level @ 0..=8)) = (role, outline) {
            role = Role::Heading(level + 1);
        }
        let numbered = match properties.and_then(|p| child(p, "numPr")) {
            Some(direct) => numbering_of(direct),
            None => self.styles.numbering(style),
        };
        let mut list = numbered.filter(|(id, _)| *id != 0).and_then(|(id, level)| {
            let found = self.numbering.level(id, level)?;
            Some(ListMark { ordered: found.ordered, start: found.start, level, id })
        });
        list = match role {
            // A heading's numbers (Word's outline numbering) are computed: it is no list item.
            Role::Heading(_) | Role::Title | Role::Subtitle => None,
            _ if list.is_some() => list,
            Role::Bullet(level) => Some(ListMark { ordered: false, start: 1, level, id: 0 }),
            Role::Number(level) => Some(ListMark { ordered: true, start: 1, level, id: 0 }),
            _ => None,
        };
        let toggled = |name: &str| {
            properties.and_then(|p| child(p, name)).map(|n| !matches!(attr(n, "val"), Some("0" | "false" | "off")))
        };
        let rule = properties
            .and_then(|p| child(p, "pBdr"))
            .and_then(|b| child(b, "bottom"))
            .is_some_and(|b| !matches!(attr(b, "val"), Some("none" | "nil")));
        let mark = properties.and_then(|p| child(p, "rPr"));
        let mark_deleted = mark.is_some_and(|m| child(m, "del").is_some() || child(m, "moveFrom").is_some());
        let mark_inserted = mark.is_some_and(|m| child(m, "ins").is_some() || child(m, "moveTo").is_some());
        if mark_deleted || mark_inserted {
            self.tracked.count(if mark_deleted { "del" } else { "ins" });
        }
        if properties.is_some_and(|p| child(p, "pPrChange").is_some()) {
            self.tracked.count("format");
        }
        // A heading's style sets its look (bold, italic): that is not emphasis.
        let base = match role {
            Role::Heading(_) | Role::Title | Role::Subtitle => Default::default(),
            _ => self.styles.paragraph_format(style),
        };
        let mut inlines = Vec::new();
        let mut gathered = Gathered::default();
        self.content(p, base, None, &mut inlines, &mut gathered);
        let para = Para {
            number,
            role,
            list,
            inlines,
            page_break: toggled("pageBreakBefore").unwrap_or_else(|| self.styles.page_break(style))
                || gathered.page_break,
            rule,
            joins_next: if self.reject { mark_inserted } else { mark_deleted },
        };
        let mut items = vec![Item::Para(para)];
        let document = p.document();
        for id in gathered.text_boxes {
            if let Some(node) = document.get_node(id) {
                items.extend(self.blocks(node));
            }
        }
        items
    }

    fn table(&mut self, table: roxmltree::Node) -> Table {
        let number = self.paragraphs + 1;
        let mut rows = Vec::new();
        let mut merged = false;
        for row in wrapped(table, "tr") {
            let properties = child(row, "trPr");
            let change = |name: &str| properties.is_some_and(|p| child(p, name).is_some());
            if change("ins") || change("del") {
                self.tracked.count(if change("ins") { "ins" } else { "del" });
                if (change("del") && !self.reject) || (change("ins") && self.reject) {
                    continue;
                }
            }
            let mut cells = Vec::new();
            for cell in wrapped(row, "tc") {
                let properties = child(cell, "tcPr");
                let span = properties
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|s| attr(s, "val")?.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let continued = properties
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|m| attr(m, "val").is_none_or(|v| v == "continue"));
                let blocks = self.blocks(cell);
                merged |= span > 1 || continued;
                cells.push(if continued { Vec::new() } else { blocks });
                cells.extend((1..span).map(|_| Vec::new()));
            }
            rows.push(cells);
        }
        if merged {
            self.findings.push(Finding {
                kind: Kind::ImportUnmapped,
                place: Place::Paragraph(number),
                message: "the table has merged cells: each is split, its text in the first".into(),
                hint: Some("check the table's rows in the YAML".into()),
            });
        }
        Table { number, rows }
    }
}

/// `node`'s children named `name`, looking through content controls and custom XML.
fn wrapped<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &'static str) -> Vec<roxmltree::Node<'a, 'i>> {
    let mut out = Vec::new();
    for item in node.children().filter(roxmltree::Node::is_element) {
        match item.tag_name().name() {
            n if n == name => out.push(item),
            "sdt" => {
                if let Some(content) = child(item, "sdtContent") {
                    out.extend(wrapped(content, name));
                }
            }
            "customXml" => out.extend(wrapped(item, name)),
            _ => {}
        }
    }
    out
}

/// Paragraphs whose mark the tracked changes take out run on into the next one, which
/// keeps its own properties (as Word merges them).
fn join_marks(items: Vec<Item>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut carried: Option<Para> = None;
    for item in items {
        match (carried.take(), item) {
            (Some(before), Item::Para(mut para)) => {
                let mut inlines = before.inlines;
                inlines.extend(para.inlines);
                para.inlines = inlines;
                para.number = before.number;
                if para.joins_next {
                    carried = Some(para);
                } else {
                    out.push(Item::Para(para));
                }
            }
            (before, Item::Para(para)) if para.joins_next => {
                out.extend(before.map(Item::Para));
                carried = Some(para);
            }
            (before, item) => {
                out.extend(before.map(Item::Para));
                out.push(item);
            }
        }
    }
    out.extend(carried.map(Item::Para));
    out
}

/// How deep a Word part may nest its elements: Word's own documents stay within a few
/// dozen levels (a table in a cell in a content control…); the reader walks the blocks and
/// runs by recursion, so a part nested deeper is refused rather than read.
pub(super) const MAX_NESTING: usize = 256;

/// Whether `doc` nests elements deeper than [`MAX_NESTING`], counted without recursion.
pub(super) fn too_deep(doc: &roxmltree::Document) -> bool {
    // Nodes come in document order, each after its parent: one depth per node, from its
    // parent's.
    let mut depths = vec![0usize; doc.descendants().map(|n| n.id().get_usize() + 1).max().unwrap_or(0)];
    for node in doc.descendants() {
        let depth = node.parent().map_or(0, |p| depths[p.id().get_usize()] + 1);
        if depth > MAX_NESTING {
            return true;
        }
        depths[node.id().get_usize()] = depth;
    }
    false
}

/// The notes of a footnotes or endnotes part: id → text (the separators left out).
pub(super) fn notes(xml: Option<&str>) -> BTreeMap<String, String> {
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else { return BTreeMap::new() };
    doc.root_element()
        .children()
        .filter(|n| matches!(n.tag_name().name(), "footnote" | "endnote"))
        .filter(|n| attr(*n, "type").is_none_or(|t| t == "normal"))
        .filter_map(|n| {
            let text: Vec<String> = n
                .descendants()
                .filter(|p| p.tag_name().name() == "p")
                .map(|p| p.descendants().filter(|t| t.tag_name().name() == "t").filter_map(|t| t.text()).collect())
                .collect();
            Some((attr(n, "id")?.to_string(), text.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")))
        })
        .collect()
}
