//! The structure tree of a tagged PDF (ISO 32000-1, 14.7–14.8; PDF/UA-1 7.1): one
//! `StructElem` per element of the layout's [`Structure`], whose kids are, in reading order,
//! its children and the marked content and link annotations of its text; the parent tree
//! that leads from a page's marked content back to its elements; the link annotations.

use super::content::{PageContent, write_integer};
use super::serialize::write_reference;
use crate::layout::{LinkTarget, NodeId, Role, Structure};
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// A kid of an element.
enum Kid {
    Element(NodeId),
    Content { page: usize, mcid: usize },
    Annotation { page: usize, annotation: ObjectId },
}

/// The tree written: its root, and its elements already in PDF syntax (object number and
/// bytes), for [`super::serialize::save`] to pack.
pub(super) struct Tree {
    /// The `StructTreeRoot`.
    pub root: ObjectId,
    /// The structure elements.
    pub elements: Vec<(u32, Vec<u8>)>,
}

/// Writes the tree and the link annotations.
pub(super) fn add(
    doc: &mut Document,
    structure: &Structure,
    pages: &[ObjectId],
    contents: &[PageContent],
    links: &[LinkTarget],
) -> Tree {
    let children = structure.children();
    let kept = kept(structure, contents);
    let mut attacher = Attacher {
        structure,
        children: &children,
        kept: &kept,
        attached: vec![false; structure.nodes.len()],
        next_child: vec![0; structure.nodes.len()],
        kids: Vec::new(),
    };
    attacher.kids.resize_with(structure.nodes.len(), Vec::new);
    attacher.attached[0] = true;
    let elements: Vec<ObjectId> = structure.nodes.iter().map(|_| doc.new_object_id()).collect();

    // The parent tree: a page's marked content by MCID, then each annotation by its key.
    let mut parent_tree: Vec<(i64, Object)> = Vec::new();
    let mut next_key = pages.len() as i64;
    for (page, content) in contents.iter().enumerate() {
        for (mcid, &node) in content.mcids.iter().enumerate() {
            attacher.attach(node);
            attacher.kids[node as usize].push(Kid::Content { page, mcid });
        }
        let mcid_parents = content.mcids.iter().map(|n| Object::Reference(elements[*n as usize])).collect();
        parent_tree.push((page as i64, Object::Array(mcid_parents)));
        let mut annotations = Vec::new();
        for area in &content.links {
            let Some(target) = links
                .get(area.target as usize)
                .filter(|t| !matches!(t, LinkTarget::Refused(_) | LinkTarget::Anchor(_)))
            else {
                continue;
            };
            let node = area.node.unwrap_or(0);
            let mut annotation = Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Annot".to_vec())),
                ("Subtype", Object::Name(b"Link".to_vec())),
                ("Rect", Object::Array(area.rect.iter().map(|v| Object::Real(*v)).collect())),
                ("Border", Object::Array(vec![0.into(), 0.into(), 0.into()])),
                // PDF/UA-1 7.18.5: an annotation says what it is.
                ("Contents", text_string(&format!("Link to {target}"))),
                ("F", Object::Integer(4)),
                ("StructParent", Object::Integer(next_key)),
                ("P", Object::Reference(pages[page])),
            ]);
            let action = match target {
                LinkTarget::Page(page) => Dictionary::from_iter(vec![
                    ("S", Object::Name(b"GoTo".to_vec())),
                    (
                        "D",
                        // A page this document does not hold (a pack's cover listing its
                        // papers) by its number, for the pack to point at.
                        Object::Array(vec![
                            pages.get(*page).map_or(Object::Integer(*page as i64), |id| Object::Reference(*id)),
                            Object::Name(b"Fit".to_vec()),
                        ]),
                    ),
                ]),
                // A place in this document: an internal cross-reference's target.
                LinkTarget::Place(page, top) => Dictionary::from_iter(vec![
                    ("S", Object::Name(b"GoTo".to_vec())),
                    (
                        "D",
                        Object::Array(vec![
                            pages.get(*page).map_or(Object::Integer(*page as i64), |id| Object::Reference(*id)),
                            Object::Name(b"XYZ".to_vec()),
                            Object::Null,
                            Object::Integer(i64::from(*top)),
                            Object::Null,
                        ]),
                    ),
                ]),
                // Another document of the run: its PDF beside this one.
                LinkTarget::File(file) => Dictionary::from_iter(vec![
                    ("S", Object::Name(b"GoToR".to_vec())),
                    ("F", Object::String(file.as_bytes().to_vec(), StringFormat::Literal)),
                    ("D", Object::Array(vec![0.into(), Object::Name(b"Fit".to_vec())])),
                ]),
                LinkTarget::Uri(uri) | LinkTarget::Refused(uri) | LinkTarget::Anchor(uri) => {
                    Dictionary::from_iter(vec![
                        ("S", Object::Name(b"URI".to_vec())),
                        ("URI", Object::String(uri.as_bytes().to_vec(), StringFormat::Literal)),
                    ])
                }
            };
            annotation.set("A", Object::Dictionary(action));
            let annotation = doc.add_object(annotation);
            annotations.push(Object::Reference(annotation));
            attacher.attach(node);
            attacher.kids[node as usize].push(Kid::Annotation { page, annotation });
            parent_tree.push((next_key, Object::Reference(elements[node as usize])));
            next_key += 1;
        }
        if let Ok(dict) = doc.get_dictionary_mut(pages[page]) {
            dict.set("StructParents", page as i64);
            // PDF/UA-1 7.18.3: annotations in the order of the structure.
            dict.set("Tabs", Object::Name(b"S".to_vec()));
            dict.set("Annots", Object::Array(annotations));
        }
    }
    // Elements without content (an empty cell) still take their place.
    for node in 0..structure.nodes.len() as NodeId {
        attacher.attach(node);
    }

    // Each element's first page, its own content's or its descendants': readers and
    // checkers place an element without content of its own (a table, a row) by it.
    let mut first_pages: Vec<Option<usize>> = attacher
        .kids
        .iter()
        .map(|kids| {
            kids.iter().find_map(|k| match k {
                Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page),
                Kid::Element(_) => None,
            })
        })
        .collect();
    for (id, node) in structure.nodes.iter().enumerate().rev() {
        if let (Some(parent), Some(page)) = (node.parent, first_pages[id]) {
            let parent = &mut first_pages[parent as usize];
            *parent = Some(parent.map_or(page, |p| p.min(page)));
        }
    }

    let root = doc.new_object_id();
    // The elements, written straight to PDF syntax: thousands of them in a long annex, too
    // many to build as lopdf dictionaries first.
    let mut written = Vec::with_capacity(structure.nodes.len());
    for (id, node) in structure.nodes.iter().enumerate() {
        if !kept[id] {
            continue;
        }
        let mut out = Vec::with_capacity(64);
        out.extend_from_slice(b"<</S/");
        out.extend_from_slice(node.role.name().as_bytes());
        let parent = node.parent.map_or(root, |p| elements[p as usize]);
        out.extend_from_slice(b"/P ");
        write_reference(&mut out, parent.0);
        let first_page = first_pages[id];
        if let Some(page) = first_page {
            out.extend_from_slice(b"/Pg ");
            write_reference(&mut out, pages[page].0);
        }
        let kids = &attacher.kids[id];
        out.extend_from_slice(b"/K");
        // A lone kid stands alone, not in an array (simpler, and what most readers expect).
        if kids.len() != 1 {
            out.push(b'[');
        }
        for (i, kid) in kids.iter().enumerate() {
            out.push(b' ');
            match kid {
                Kid::Element(child) => write_reference(&mut out, elements[*child as usize].0),
                Kid::Content { page, mcid } if Some(*page) == first_page => write_integer(&mut out, *mcid as u64),
                Kid::Content { page, mcid } => {
                    out.extend_from_slice(b"<</Type/MCR/Pg ");
                    write_reference(&mut out, pages[*page].0);
                    out.extend_from_slice(b"/MCID ");
                    write_integer(&mut out, *mcid as u64);
                    out.extend_from_slice(b">>");
                }
                Kid::Annotation { page, annotation } => {
                    out.extend_from_slice(b"<</Type/OBJR/Pg ");
                    write_reference(&mut out, pages[*page].0);
                    out.extend_from_slice(b"/Obj ");
                    write_reference(&mut out, annotation.0);
                    out.extend_from_slice(b">>");
                }
            }
            if i + 1 == kids.len() && kids.len() != 1 {
                out.push(b']');
            }
        }
        if kids.is_empty() {
            out.push(b']');
        }
        if let Some(alt) = &node.alt {
            out.extend_from_slice(b"/Alt ");
            super::serialize::write_object(&mut out, &text_string(alt));
        }
        if let Role::L { numbered } = node.role {
            // PDF/UA-1 7.6 (Matterhorn 16-001): a list says how its items are labelled.
            out.extend_from_slice(if numbered {
                b"/A<</O/List/ListNumbering/Decimal>>"
            } else {
                b"/A<</O/List/ListNumbering/Disc>>"
            });
        }
        match (node.role == Role::TH, node.col_span > 1) {
            (false, false) => {}
            (scope, span) => {
                out.extend_from_slice(b"/A<</O/Table");
                if scope {
                    out.extend_from_slice(b"/Scope/Column");
                }
                if span {
                    out.extend_from_slice(b"/ColSpan ");
                    write_integer(&mut out, u64::from(node.col_span));
                }
                out.extend_from_slice(b">>");
            }
        }
        out.extend_from_slice(b">>");
        written.push((elements[id].0, out));
    }

    let nums = parent_tree.into_iter().flat_map(|(key, value)| [Object::Integer(key), value]).collect();
    let parent_tree = doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    doc.objects.insert(
        root,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(elements[0])),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next_key)),
        ])),
    );
    Tree { root, elements: written }
}

/// The elements written: those with content in their subtree, and every part of a table
/// (an empty cell keeps the grid regular).
fn kept(structure: &Structure, contents: &[PageContent]) -> Vec<bool> {
    let mut kept: Vec<bool> = structure
        .nodes
        .iter()
        .map(|n| {
            n.parent.is_none()
                || matches!(n.role, Role::Table | Role::THead | Role::TBody | Role::TR | Role::TH | Role::TD)
        })
        .collect();
    let mut has_content = vec![false; structure.nodes.len()];
    for content in contents {
        for node in content.mcids.iter().copied().chain(content.links.iter().filter_map(|l| l.node)) {
            has_content[node as usize] = true;
        }
    }
    for (id, node) in structure.nodes.iter().enumerate().rev() {
        if has_content[id]
            && let Some(parent) = node.parent
        {
            has_content[parent as usize] = true;
        }
    }
    for (keep, content) in kept.iter_mut().zip(has_content) {
        *keep |= content;
    }
    kept
}

/// Builds each element's kids in reading order: an element joins its parent when its first
/// content appears, after its earlier siblings (which join then, content or not).
struct Attacher<'a> {
    structure: &'a Structure,
    children: &'a [Vec<NodeId>],
    kept: &'a [bool],
    attached: Vec<bool>,
    /// Per element, how many of its children have joined: always the first ones, so a
    /// child joins without the earlier ones being looked at again (a 3,000-page table's
    /// rows made that quadratic).
    next_child: Vec<usize>,
    kids: Vec<Vec<Kid>>,
}

impl Attacher<'_> {
    fn attach(&mut self, node: NodeId) {
        if self.attached[node as usize] {
            return;
        }
        let Some(parent) = self.structure.nodes[node as usize].parent else { return };
        self.attach(parent);
        let siblings = &self.children[parent as usize];
        while let Some(&sibling) = siblings.get(self.next_child[parent as usize]) {
            self.next_child[parent as usize] += 1;
            self.attached[sibling as usize] = true;
            if self.kept[sibling as usize] {
                self.kids[parent as usize].push(Kid::Element(sibling));
            }
            if sibling == node {
                break;
            }
        }
    }
}

/// A PDF text string: plain when ASCII, UTF-16BE with a byte-order mark otherwise.
pub(super) fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}
