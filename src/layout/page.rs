//! What layout produces: pages of positioned items, in points, y measured down from the top.

use super::fonts::Style;
use super::structure::NodeId;

/// A colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Body text.
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
    /// Footer text and rules.
    pub const GREY: Rgb = Rgb(0.35, 0.35, 0.35);
    /// Table borders.
    pub const RULE: Rgb = Rgb(0.6, 0.6, 0.6);
    /// Table header shading.
    pub const SHADE: Rgb = Rgb(0.88, 0.9, 0.93);
    /// Inserted text and change bars in a comparison.
    pub const INSERTED: Rgb = Rgb(0.0, 0.33, 0.72);
    /// Deleted text in a comparison.
    pub const DELETED: Rgb = Rgb(0.78, 0.08, 0.08);
    /// Link text.
    pub const LINK: Rgb = Rgb(0.04, 0.3, 0.6);
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A web or mail address, as written.
    Uri(String),
    /// Another document of the same run, by its file name (`SECP_78_1303_29.pdf`).
    File(String),
    /// A place in this document, by its anchor's name ([`crate::dialect::anchor`]), until
    /// the pages are laid out; then the page it lands on.
    Anchor(String),
    /// A page of this document, from 0 (a pack's list leads to each paper's first page).
    Page(usize),
    /// A place on a page of this document: the page, from 0, and the height of the top of
    /// the view in PDF points up from the page's bottom (an anchor, once laid out).
    Place(usize, i32),
    /// An address no output follows (`javascript:`, `file:`…): no link is made. The
    /// dialect's reader never gives one; a document made otherwise is held to the policy.
    Refused(String),
}

impl LinkTarget {
    /// A link of the Markdown, as every output's one link policy has it
    /// ([`crate::dialect::followable_target`]): a sibling document (`NAME.md`) leads to its
    /// PDF.
    pub fn of(target: &str) -> LinkTarget {
        if let Some(name) = crate::dialect::anchor::internal(target) {
            return LinkTarget::Anchor(name.to_string());
        }
        if let Some(file) = crate::dialect::sibling_target(target, "pdf") {
            return LinkTarget::File(file);
        }
        match crate::dialect::followable_target(target, "pdf") {
            Some(uri) => LinkTarget::Uri(uri),
            None => LinkTarget::Refused(target.to_string()),
        }
    }
}

impl std::fmt::Display for LinkTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkTarget::Uri(uri) | LinkTarget::File(uri) | LinkTarget::Refused(uri) => f.write_str(uri),
            LinkTarget::Anchor(name) => write!(f, "#{name}"),
            LinkTarget::Page(page) | LinkTarget::Place(page, _) => write!(f, "page {}", page + 1),
        }
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text in one style; `y` is its baseline.
    Text {
        /// Left edge.
        x: f32,
        /// Baseline, down from the page top.
        y: f32,
        /// Font size in points.
        size: f32,
        /// Face.
        style: Style,
        /// Colour.
        color: Rgb,
        /// Measured width.
        width: f32,
        /// The text.
        text: String,
        /// The structure element it belongs to; `None` for page furniture (an artifact).
        node: Option<NodeId>,
    },
    /// A filled rectangle; `y` is its top.
    Fill {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Colour.
        color: Rgb,
    },
    /// A link's clickable area (drawn as nothing); `y` is its top.
    Link {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Where it leads: an index into the document's link targets.
        link: u32,
        /// Its `Link` structure element.
        node: Option<NodeId>,
    },
    /// Where an anchor stands (drawn as nothing): the place internal links lead to.
    Anchor {
        /// The top of the line it stands on.
        y: f32,
        /// Its name.
        name: String,
    },
    /// A straight line.
    Stroke {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Line width.
        width: f32,
        /// Colour.
        color: Rgb,
    },
}

impl Item {
    /// The item moved down by `dy`.
    pub fn shifted(&self, dy: f32) -> Item {
        let mut item = self.clone();
        match &mut item {
            Item::Text { y, .. } | Item::Fill { y, .. } | Item::Link { y, .. } | Item::Anchor { y, .. } => *y += dy,
            Item::Stroke { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
        item
    }

    /// The item as page furniture, outside the structure tree.
    pub fn into_artifact(self) -> Item {
        match self {
            Item::Text { x, y, size, style, color, width, text, .. } => {
                Item::Text { x, y, size, style, color, width, text, node: None }
            }
            other => other,
        }
    }

    /// Left, top, right, bottom (text from ascender to descender).
    pub fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Item::Text { x, y, size, width, .. } => (*x, y - size * 0.75, x + width, y + size * 0.22),
            Item::Fill { x, y, w, h, .. } | Item::Link { x, y, w, h, .. } => (*x, *y, x + w, y + h),
            Item::Stroke { x1, y1, x2, y2, .. } => (x1.min(*x2), y1.min(*y2), x1.max(*x2), y1.max(*y2)),
            Item::Anchor { y, .. } => (0.0, *y, 0.0, *y),
        }
    }
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// Everything on it, in drawing order.
    pub items: Vec<Item>,
    /// Where its furniture starts in `items` (the header and footer added to a finished
    /// page): what comes before is the body's.
    pub furniture: usize,
}

/// What a piece of page furniture is, for a tagged PDF's artifacts (ISO 32000-1 14.8.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Artifact {
    /// Drawn for the look only: rules, borders, shading, change bars.
    Layout,
    /// Repeated for the reader's bearings: a table's header row on a later page, a row's
    /// key cells where it continues.
    Pagination,
    /// The running header: the TLP label, a comparison's heading.
    Header,
    /// The running footer: the classification statement, the page number.
    Footer,
}

impl Page {
    /// What the item at `index` is, when it is an artifact (not in the structure tree).
    pub fn artifact(&self, index: usize) -> Option<Artifact> {
        let item = self.items.get(index)?;
        if let Item::Text { node: Some(_), .. } | Item::Link { .. } = item {
            return None;
        }
        if index >= self.furniture {
            // Furniture above the body is the header, below it the footer.
            let (_, top, _, _) = item.bounds();
            return Some(if top < super::theme::MARGIN_TOP { Artifact::Header } else { Artifact::Footer });
        }
        Some(match item {
            Item::Text { .. } => Artifact::Pagination,
            _ => Artifact::Layout,
        })
    }
}

impl Page {
    /// The page's text runs, top to bottom, as one string per line (for tests and checks).
    pub fn text(&self) -> String {
        let mut runs: Vec<(i32, f32, &str)> = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, text, .. } => Some(((*y * 10.0) as i32, *x, text.as_str())),
                _ => None,
            })
            .collect();
        runs.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut out = String::new();
        let mut last = None;
        for (y, _, text) in runs {
            if last.is_some() && last != Some(y) {
                out.push('\n');
            } else if last.is_some() {
                out.push(' ');
            }
            out.push_str(text);
            last = Some(y);
        }
        out
    }
}

/// A bookmark: a heading and where it landed.
#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    /// The heading text, with its number.
    pub title: String,
    /// 0 for sections and annexes, 1 for subsections.
    pub level: usize,
    /// 0-based page index.
    pub page: usize,
    /// Top of the heading, down from the page top.
    pub y: f32,
}
