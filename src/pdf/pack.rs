//! A meeting's pack written part by part into its file: each part (the cover, then every
//! paper) laid out and written as the tagged PDF it is on its own, numbered through the
//! pack, then its objects moved into the pack and the part dropped, so the pack's memory is
//! one part's, whatever the meeting.
//!
//! A part keeps everything it has as a PDF of its own: its pages, fonts, link annotations,
//! and its structure (its `Document` element becomes a `Part` of the pack's, and its
//! marked content and annotations join the pack's parent tree under keys moved past the
//! earlier parts'). The pack adds what joins them: the page tree, the structure tree's
//! root, the outline (each part an entry, its own bookmarks under it), the catalog, the
//! metadata. A part's link to a page of the pack it does not hold (the cover's list of
//! papers) is written with the page's number and pointed at it here.

use super::serialize::{FileWriter, write_object};
use super::tags::text_string;
use super::{LANGUAGE, PdfOptions, xmp};
use crate::dialect::FrontMatter;
use crate::layout::{Finished, OutlineEntry, PAGE_SIZE};
use crate::theme::MARGIN_TOP;
use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

/// The pack's file, as it is written.
pub struct PackWriter<W: Write> {
    file: FileWriter<W>,
    pages_root: u32,
    document: u32,
    /// Every page of the pack, numbered in advance: a part's link may lead to a later one.
    pages: Vec<u32>,
    placed: usize,
    parts: Vec<u32>,
    /// The parent tree's keys, each with its indirect value (written with its part).
    parent_tree: Vec<(i64, u32)>,
    next_key: i64,
    role_map: Option<Object>,
    outline: Vec<OutlineEntry>,
    id: xxhash_rust::xxh3::Xxh3,
}

impl<W: Write> PackWriter<W> {
    /// A pack of `pages` pages in all, written to `out`.
    pub fn new(out: W, pages: usize) -> io::Result<PackWriter<W>> {
        let mut file = FileWriter::new(out, 1)?;
        let pages_root = file.allocate();
        let document = file.allocate();
        let pages = (0..pages).map(|_| file.allocate()).collect();
        Ok(PackWriter {
            file,
            pages_root,
            document,
            pages,
            placed: 0,
            parts: Vec::new(),
            parent_tree: Vec::new(),
            next_key: 0,
            role_map: None,
            outline: Vec::new(),
            id: xxhash_rust::xxh3::Xxh3::new(),
        })
    }

    /// Adds one part, `title` in the outline, written from its stamped pages.
    pub fn add_part(&mut self, title: &str, part: &Finished, options: &PdfOptions) -> io::Result<()> {
        let bytes = super::write(part, options);
        self.id.update(&bytes);
        let doc = Document::load_mem(&bytes).map_err(io::Error::other)?;
        drop(bytes);
        let first = self.placed;
        self.outline.push(OutlineEntry { title: title.to_string(), level: 0, page: first, y: MARGIN_TOP });
        self.outline.extend(part.outline.iter().map(|e| OutlineEntry {
            level: e.level + 1,
            page: e.page + first,
            ..e.clone()
        }));

        let catalog = doc.catalog().map_err(io::Error::other)?;
        let get = |dict: &Dictionary, key: &[u8]| dict.get(key).and_then(Object::as_reference).ok();
        let tree_root = get(catalog, b"StructTreeRoot").ok_or_else(|| io::Error::other("a part without tags"))?;
        let tree = doc.get_dictionary(tree_root).map_err(io::Error::other)?;
        let element = get(tree, b"K").ok_or_else(|| io::Error::other("a part's tree without its root"))?;
        let parent_tree = get(tree, b"ParentTree");
        let next_key = tree.get(b"ParentTreeNextKey").and_then(Object::as_i64).unwrap_or(0);
        if self.role_map.is_none() {
            self.role_map = tree.get(b"RoleMap").ok().cloned();
        }
        // What the pack writes for itself: the part's catalog, page tree, outline, metadata,
        // information and the root of its structure; and the file's own object streams.
        let mut dropped: HashSet<ObjectId> = [tree_root].into_iter().chain(parent_tree).collect();
        dropped.extend(doc.trailer.get(b"Root").and_then(Object::as_reference).ok());
        dropped.extend(doc.trailer.get(b"Info").and_then(Object::as_reference).ok());
        dropped.extend(get(catalog, b"Metadata"));
        dropped.extend(get(catalog, b"Pages"));
        if let Some(outlines) = get(catalog, b"Outlines") {
            outline_items(&doc, outlines, &mut dropped);
        }
        for (id, object) in &doc.objects {
            if let Object::Stream(stream) = object
                && matches!(stream.dict.get(b"Type").and_then(Object::as_name), Ok(b"ObjStm" | b"XRef"))
            {
                dropped.insert(*id);
            }
        }
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        let mut map: HashMap<ObjectId, u32> = HashMap::new();
        for (i, page) in pages.iter().enumerate() {
            let id = *self.pages.get(first + i).ok_or_else(|| io::Error::other("more pages than the pack counted"))?;
            map.insert(*page, id);
        }
        let ids: Vec<ObjectId> = doc.objects.keys().copied().filter(|id| !dropped.contains(id)).collect();
        for id in &ids {
            if !map.contains_key(id) {
                let new = self.file.allocate();
                map.insert(*id, new);
            }
        }
        let offset = self.next_key;
        let mut written = Vec::new();
        let mut objects: Vec<(u32, std::ops::Range<usize>)> = Vec::new();
        for id in &ids {
            let mut object = doc.objects[id].clone();
            renumber(&mut object, &map);
            match &mut object {
                Object::Dictionary(dict) => {
                    match dict.get(b"Type").and_then(Object::as_name).ok() {
                        Some(b"Page") => {
                            dict.set("Parent", Object::Reference((self.pages_root, 0)));
                            shift(dict, b"StructParents", offset);
                        }
                        Some(b"Annot") => {
                            shift(dict, b"StructParent", offset);
                            self.point_at_pack_page(dict);
                        }
                        _ => {}
                    }
                    // The part's `Document` element is a `Part` of the pack's.
                    if *id == element {
                        dict.set("S", Object::Name(b"Part".to_vec()));
                        dict.set("P", Object::Reference((self.document, 0)));
                    }
                }
                Object::Stream(stream) => {
                    self.file.stream(map[id], stream)?;
                    continue;
                }
                _ => {}
            }
            let start = written.len();
            write_object(&mut written, &object);
            objects.push((map[id], start..written.len()));
        }
        // The part's parent tree: each value its own object, so the pack keeps only keys.
        if let Some(Object::Dictionary(tree)) = parent_tree.and_then(|id| doc.objects.get(&id))
            && let Ok(nums) = tree.get(b"Nums").and_then(Object::as_array)
        {
            for pair in nums.chunks(2) {
                if let [Object::Integer(key), value] = pair {
                    let mut value = value.clone();
                    renumber(&mut value, &map);
                    let id = self.file.allocate();
                    let start = written.len();
                    write_object(&mut written, &value);
                    objects.push((id, start..written.len()));
                    self.parent_tree.push((key + offset, id));
                }
            }
        }
        let mut packed: Vec<(u32, &[u8])> = objects.into_iter().map(|(id, range)| (id, &written[range])).collect();
        self.file.packed(&mut packed)?;
        self.next_key += next_key;
        self.parts.push(map[&element]);
        self.placed += pages.len();
        Ok(())
    }

    /// A link written with the number of a page the part does not hold leads to that page
    /// of the pack.
    fn point_at_pack_page(&self, annotation: &mut Dictionary) {
        let Ok(Object::Dictionary(action)) = annotation.get_mut(b"A") else { return };
        if let Ok(Object::Array(destination)) = action.get_mut(b"D")
            && let Some(Object::Integer(page)) = destination.first()
            && let Some(id) = usize::try_from(*page).ok().and_then(|p| self.pages.get(p))
        {
            destination[0] = Object::Reference((*id, 0));
        }
    }

    /// Writes what joins the parts (page tree, structure root, outline, catalog, metadata)
    /// and the cross-reference stream; the pack is `meta`.
    pub fn finish(mut self, meta: &FrontMatter, options: &PdfOptions) -> io::Result<W> {
        if self.placed != self.pages.len() {
            return Err(io::Error::other("fewer pages than the pack counted"));
        }
        let mut objects: Vec<(u32, Object)> = Vec::new();
        let kids: Vec<Object> = self.pages.iter().map(|id| Object::Reference((*id, 0))).collect();
        let count = kids.len() as i64;
        objects.push((
            self.pages_root,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Kids", Object::Array(kids)),
                ("Count", Object::Integer(count)),
            ])),
        ));
        let tree_root = self.file.allocate();
        let parts: Vec<Object> = self.parts.iter().map(|id| Object::Reference((*id, 0))).collect();
        objects.push((
            self.document,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("S", Object::Name(b"Document".to_vec())),
                ("P", Object::Reference((tree_root, 0))),
                ("K", Object::Array(parts)),
            ])),
        ));
        let nums = std::mem::take(&mut self.parent_tree)
            .into_iter()
            .flat_map(|(key, id)| [Object::Integer(key), Object::Reference((id, 0))])
            .collect();
        let parent_tree = self.file.allocate();
        objects.push((parent_tree, Object::Dictionary(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]))));
        let mut tree = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference((self.document, 0))),
            ("ParentTree", Object::Reference((parent_tree, 0))),
            ("ParentTreeNextKey", Object::Integer(self.next_key)),
        ]);
        if let Some(role_map) = self.role_map.take() {
            tree.set("RoleMap", role_map);
        }
        objects.push((tree_root, Object::Dictionary(tree)));
        let outlines = self.outline(&mut objects);

        let seconds = options.creation_date.unwrap_or(0);
        let date = chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default();
        let pdf_date = date.format("D:%Y%m%d%H%M%S+00'00'").to_string();
        let reference = meta.reference.clone().unwrap_or_default();
        let class = meta.classification;
        let keywords = format!("TLP:{class}, Classification: {class}, {reference}");
        let producer = format!("panelpaper {}", env!("CARGO_PKG_VERSION"));
        let author = meta.author.clone().unwrap_or_default();
        let literal = |text: &str| Object::String(text.as_bytes().to_vec(), StringFormat::Literal);
        let info = self.file.allocate();
        objects.push((
            info,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Title", text_string(&meta.title)),
                ("Author", text_string(&author)),
                ("Subject", text_string(&reference)),
                ("Keywords", text_string(&keywords)),
                ("Creator", text_string("panelpaper")),
                ("Producer", text_string(&producer)),
                ("CreationDate", literal(&pdf_date)),
                ("ModDate", literal(&pdf_date)),
            ])),
        ));
        let packet = xmp::packet(&xmp::Metadata {
            title: &meta.title,
            author: &author,
            reference: &reference,
            keywords: &keywords,
            producer: &producer,
            date: &date.format("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        });
        let metadata = self.file.allocate();
        let dict = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]);
        // Left uncompressed, as archivers and metadata tools expect to find it.
        self.file.stream(metadata, &lopdf::Stream::new(dict, packet))?;
        let catalog = self.file.allocate();
        let mut root = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference((self.pages_root, 0))),
            ("Lang", Object::String(LANGUAGE.as_bytes().to_vec(), StringFormat::Literal)),
            ("MarkInfo", Object::Dictionary(Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]))),
            ("StructTreeRoot", Object::Reference((tree_root, 0))),
            (
                "ViewerPreferences",
                Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])),
            ),
            ("Metadata", Object::Reference((metadata, 0))),
        ]);
        if let Some(outlines) = outlines {
            root.set("Outlines", Object::Reference((outlines, 0)));
            root.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        objects.push((catalog, Object::Dictionary(root)));

        let mut written = Vec::new();
        let mut ranges = Vec::new();
        for (id, object) in &objects {
            let start = written.len();
            write_object(&mut written, object);
            ranges.push((*id, start..written.len()));
        }
        let mut packed: Vec<(u32, &[u8])> = ranges.into_iter().map(|(id, range)| (id, &written[range])).collect();
        self.file.packed(&mut packed)?;
        let id = Object::String(self.id.digest128().to_be_bytes().to_vec(), StringFormat::Hexadecimal);
        let root = Object::Reference((catalog, 0));
        let info = Object::Reference((info, 0));
        let ids = Object::Array(vec![id.clone(), id]);
        self.file.finish(&[(b"Root", &root), (b"Info", &info), (b"ID", &ids)])
    }

    /// The pack's bookmarks (each part, its own bookmarks under it) into `objects`; the
    /// outline's root, if there is one.
    fn outline(&mut self, objects: &mut Vec<(u32, Object)>) -> Option<u32> {
        if self.outline.is_empty() {
            return None;
        }
        let entries = std::mem::take(&mut self.outline);
        let ids: Vec<u32> = entries.iter().map(|_| self.file.allocate()).collect();
        let root = self.file.allocate();
        let children = super::outline::children(&entries);
        for (node, kids) in children.iter().enumerate() {
            let parent = if node == entries.len() { root } else { ids[node] };
            for (k, &i) in kids.iter().enumerate() {
                let entry = &entries[i];
                let page = self.pages.get(entry.page).copied().unwrap_or(self.pages[0]);
                let top = Object::Real(PAGE_SIZE.1 - entry.y + 4.0);
                let mut item = Dictionary::from_iter(vec![
                    ("Title", text_string(&entry.title)),
                    ("Parent", Object::Reference((parent, 0))),
                    (
                        "Dest",
                        Object::Array(vec![
                            Object::Reference((page, 0)),
                            Object::Name(b"XYZ".to_vec()),
                            Object::Null,
                            top,
                            Object::Null,
                        ]),
                    ),
                ]);
                if k > 0 {
                    item.set("Prev", Object::Reference((ids[kids[k - 1]], 0)));
                }
                if let Some(next) = kids.get(k + 1) {
                    item.set("Next", Object::Reference((ids[*next], 0)));
                }
                if let (Some(first), Some(last)) = (children[i].first(), children[i].last()) {
                    item.set("First", Object::Reference((ids[*first], 0)));
                    item.set("Last", Object::Reference((ids[*last], 0)));
                    let count = children[i].len() as i64;
                    item.set("Count", Object::Integer(if entry.level == 0 { count } else { -count }));
                }
                objects.push((ids[i], Object::Dictionary(item)));
            }
        }
        let top = &children[entries.len()];
        let outlines = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", Object::Reference((ids[top[0]], 0))),
            ("Last", Object::Reference((ids[*top.last().expect("not empty")], 0))),
            ("Count", Object::Integer(top.len() as i64)),
        ]);
        objects.push((root, Object::Dictionary(outlines)));
        Some(root)
    }
}

/// Every outline object under `id` (the part's own, which the pack writes again).
fn outline_items(doc: &Document, id: ObjectId, out: &mut HashSet<ObjectId>) {
    let mut stack = vec![id];
    while let Some(id) = stack.pop() {
        if !out.insert(id) {
            continue;
        }
        if let Ok(item) = doc.get_dictionary(id) {
            for key in [&b"First"[..], b"Next"] {
                if let Ok(next) = item.get(key).and_then(Object::as_reference) {
                    stack.push(next);
                }
            }
        }
    }
}

/// Every reference in `object` to the pack's number for it.
fn renumber(object: &mut Object, map: &HashMap<ObjectId, u32>) {
    match object {
        Object::Reference(id) => {
            if let Some(new) = map.get(id) {
                *id = (*new, 0);
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|item| renumber(item, map)),
        Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, value)| renumber(value, map)),
        Object::Stream(stream) => stream.dict.iter_mut().for_each(|(_, value)| renumber(value, map)),
        _ => {}
    }
}

/// A key of the parent tree moved past the earlier parts' keys.
fn shift(dict: &mut Dictionary, key: &[u8], offset: i64) {
    if let Ok(value) = dict.get(key).and_then(Object::as_i64) {
        dict.set(key.to_vec(), Object::Integer(value + offset));
    }
}
