//! The PDF outline (bookmarks), nested by level: sections with their subsections, and in a
//! meeting pack each paper with its sections.
//!
//! printpdf's own bookmarks are flat and sorted by name within a page, so the outline is
//! written here, on the lopdf document printpdf produces.

use crate::layout::OutlineEntry;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// Adds `entries` as the document outline and opens the outline pane.
pub(super) fn add(doc: &mut Document, entries: &[OutlineEntry], page_height: f32) {
    if entries.is_empty() {
        return;
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    let root = doc.new_object_id();
    let children = children(entries);
    // Index `entries.len()` stands for the root.
    for (node, kids) in children.iter().enumerate() {
        let parent_id = if node == entries.len() { root } else { ids[node] };
        for (k, &i) in kids.iter().enumerate() {
            let entry = &entries[i];
            let mut item = Dictionary::new();
            item.set("Title", text_string(&entry.title));
            item.set("Parent", parent_id);
            let page = pages.get(entry.page).copied().unwrap_or(pages[0]);
            let top = Object::Real(page_height - entry.y + 4.0);
            item.set("Dest", vec![page.into(), "XYZ".into(), Object::Null, top, Object::Null]);
            if k > 0 {
                item.set("Prev", ids[kids[k - 1]]);
            }
            if let Some(next) = kids.get(k + 1) {
                item.set("Next", ids[*next]);
            }
            if let (Some(first), Some(last)) = (children[i].first(), children[i].last()) {
                item.set("First", ids[*first]);
                item.set("Last", ids[*last]);
                // Negative: shown closed except at the top level of a paper.
                let count = children[i].len() as i64;
                item.set("Count", if entry.level == 0 { count } else { -count });
            }
            doc.objects.insert(ids[i], Object::Dictionary(item));
        }
    }
    let top = &children[entries.len()];
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    outlines.set("First", ids[top[0]]);
    outlines.set("Last", ids[*top.last().expect("not empty")]);
    outlines.set("Count", top.len() as i64);
    doc.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", root);
        catalog.set("PageMode", "UseOutlines");
    }
}

/// Each entry's children by index, and last the root's: an entry's parent is the nearest
/// earlier entry of a lower level.
pub(super) fn children(entries: &[OutlineEntry]) -> Vec<Vec<usize>> {
    let root = entries.len();
    let mut children = vec![Vec::new(); entries.len() + 1];
    let mut stack: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&p| entries[p].level >= entry.level) {
            stack.pop();
        }
        children[stack.last().copied().unwrap_or(root)].push(i);
        stack.push(i);
    }
    children
}

/// A PDF text string: PDFDocEncoding for ASCII, UTF-16BE with a byte-order mark otherwise.
pub(super) fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level: usize) -> OutlineEntry {
        OutlineEntry { title: String::new(), level, page: 0, y: 0.0 }
    }

    #[test]
    fn nests_by_level() {
        let entries = [entry(0), entry(1), entry(2), entry(1), entry(0)];
        let children = children(&entries);
        assert_eq!(children[5], vec![0, 4]);
        assert_eq!(children[0], vec![1, 3]);
        assert_eq!(children[1], vec![2]);
    }
}
