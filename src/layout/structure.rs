//! The logical structure of a laid-out document: the tree a tagged PDF carries so that
//! screen readers read it in order, with headings, lists, tables and links for what they
//! are. Layout builds it as it places blocks; each text item names its element, and
//! everything else on a page (rules, shading, footers, page numbers) is an artifact.

/// An element's index in [`Structure::nodes`].
pub type NodeId = u32;

/// A standard structure type of PDF 1.7 (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The whole document.
    Document,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A paragraph.
    P,
    /// A list, numbered or bulleted (its `/ListNumbering` attribute).
    L {
        /// Numbered (decimal) rather than bulleted.
        numbered: bool,
    },
    /// A list item.
    LI,
    /// A list item's number or bullet.
    Lbl,
    /// A list item's content.
    LBody,
    /// A table.
    Table,
    /// A table's header rows.
    THead,
    /// A table's body rows.
    TBody,
    /// A table row.
    TR,
    /// A header cell (its scope is its column).
    TH,
    /// A data cell.
    TD,
    /// A link, with its annotations.
    Link,
    /// Inline text set apart: inserted or deleted text in a comparison.
    Span,
    /// A block quote.
    BlockQuote,
}

impl Role {
    /// The PDF name of the type.
    pub fn name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Heading(1) => "H1",
            Role::Heading(2) => "H2",
            Role::Heading(3) => "H3",
            Role::Heading(4) => "H4",
            Role::Heading(5) => "H5",
            Role::Heading(_) => "H6",
            Role::P => "P",
            Role::L { .. } => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Link => "Link",
            Role::Span => "Span",
            Role::BlockQuote => "BlockQuote",
        }
    }
}

/// One structure element.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Its type.
    pub role: Role,
    /// Its parent (`None` for the root).
    pub parent: Option<NodeId>,
    /// What a reader says instead of its text (inserted and deleted text say which).
    pub alt: Option<String>,
    /// Columns a cell spans (1 for most).
    pub col_span: u16,
}

/// The tree, elements in document order (a parent before its children, siblings in
/// reading order).
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    /// The elements; the first is the root.
    pub nodes: Vec<Node>,
}

impl Default for Structure {
    fn default() -> Self {
        Structure { nodes: vec![Node { role: Role::Document, parent: None, alt: None, col_span: 1 }] }
    }
}

impl Structure {
    /// The root element.
    pub const ROOT: NodeId = 0;

    /// Adds an element under `parent`, after its earlier children.
    pub fn add(&mut self, role: Role, parent: NodeId) -> NodeId {
        self.nodes.push(Node { role, parent: Some(parent), alt: None, col_span: 1 });
        (self.nodes.len() - 1) as NodeId
    }

    /// The element `id`.
    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id as usize]
    }

    /// Each element's children, in order.
    pub fn children(&self) -> Vec<Vec<NodeId>> {
        let mut children = vec![Vec::new(); self.nodes.len()];
        for (id, node) in self.nodes.iter().enumerate() {
            if let Some(parent) = node.parent {
                children[parent as usize].push(id as NodeId);
            }
        }
        children
    }
}
