//! The PDF outline (bookmarks): sections and annexes, subsections nested under them.
//!
//! printpdf's own bookmarks are flat and sorted by name within a page, so the outline is
//! written here, on the lopdf document printpdf produces.

use crate::layout::OutlineEntry;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

/// Adds `entries` as the document outline and opens the outline pane.
pub fn add(doc: &mut Document, entries: &[OutlineEntry], page_height: f32) {
    if entries.is_empty() {
        return;
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let root = doc.new_object_id();
    // Children of the root (level 0) and of each level-0 entry (level 1), by index.
    let mut tops: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        match (entry.level, tops.last_mut()) {
            (0, _) | (_, None) => tops.push((i, Vec::new())),
            (_, Some((_, children))) => children.push(i),
        }
    }
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    let write_level = |doc: &mut Document,
                       members: &[usize],
                       parent: ObjectId,
                       children_of: &dyn Fn(usize) -> Vec<usize>| {
        for (k, &i) in members.iter().enumerate() {
            let entry = &entries[i];
            let mut item = Dictionary::new();
            item.set("Title", text_string(&entry.title));
            item.set("Parent", parent);
            let page = pages.get(entry.page).copied().unwrap_or(pages[0]);
            item.set(
                "Dest",
                vec![page.into(), "XYZ".into(), Object::Null, Object::Real(page_height - entry.y + 4.0), Object::Null],
            );
            if k > 0 {
                item.set("Prev", ids[members[k - 1]]);
            }
            if let Some(next) = members.get(k + 1) {
                item.set("Next", ids[*next]);
            }
            let children = children_of(i);
            if let (Some(first), Some(last)) = (children.first(), children.last()) {
                item.set("First", ids[*first]);
                item.set("Last", ids[*last]);
                item.set("Count", -(children.len() as i64));
            }
            doc.objects.insert(ids[i], Object::Dictionary(item));
        }
    };
    let top_members: Vec<usize> = tops.iter().map(|(i, _)| *i).collect();
    let children_of = |i: usize| tops.iter().find(|(t, _)| *t == i).map(|(_, c)| c.clone()).unwrap_or_default();
    write_level(doc, &top_members, root, &children_of);
    for (top, children) in &tops {
        write_level(doc, children, ids[*top], &|_| Vec::new());
    }
    let mut outlines = Dictionary::new();
    outlines.set("Type", "Outlines");
    outlines.set("First", ids[top_members[0]]);
    outlines.set("Last", ids[*top_members.last().expect("not empty")]);
    outlines.set("Count", top_members.len() as i64);
    doc.objects.insert(root, Object::Dictionary(outlines));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", root);
        catalog.set("PageMode", "UseOutlines");
    }
}

/// A PDF text string: PDFDocEncoding for ASCII, UTF-16BE with a byte-order mark otherwise.
pub fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        return Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}
