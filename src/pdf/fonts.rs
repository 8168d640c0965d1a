//! The faces a document uses, embedded as subsets: each a `Type0` font with Identity-H
//! encoding over a `CIDFontType2` whose glyph ids are the subset's own, with widths and a
//! `ToUnicode` map so that copied and extracted text is the source text.
//!
//! Subsetting is the `subsetter` crate's (Typst's): made for PDF embedding, it keeps only the
//! glyphs shown, renumbered densely in order of first use, which is what the content
//! streams already refer to.

use super::content::{UsedGlyphs, font_name};
use crate::fonts::{FaceId, face};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// Adds every used face to `doc`; returns the font resource dictionary.
pub(super) fn embed(doc: &mut Document, used: &UsedGlyphs) -> Dictionary {
    let mut resources = Dictionary::new();
    for id in FaceId::ALL {
        let remapper = &used.remappers[id.index()];
        if remapper.num_gids() <= 1 && used.text[id.index()].is_empty() {
            continue;
        }
        let font = embed_face(doc, id, used);
        resources.set(font_name(id), font);
    }
    resources
}

fn embed_face(doc: &mut Document, id: FaceId, used: &UsedGlyphs) -> ObjectId {
    let face = face(id);
    let remapper = &used.remappers[id.index()];
    let program =
        super::unhint::unhinted(&subsetter::subset(face.data, 0, remapper).expect("the bundled faces subset"));
    let scale = |units: f32| units * 1000.0 / face.units_per_em;
    let name = format!("{}+{}", subset_tag(remapper), id.postscript_name());

    let mut file = Stream::new(Dictionary::new(), program);
    file.dict.set("Length1", file.content.len() as i64);
    let file = doc.add_object(file);

    let parsed = &face.parsed;
    let bbox = parsed.global_bounding_box();
    let italic = parsed.is_italic();
    let descriptor = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(name.clone().into_bytes())),
        // Symbolic: the glyphs are addressed by id, not through a standard encoding.
        ("Flags", Object::Integer(4 | if italic { 64 } else { 0 })),
        (
            "FontBBox",
            Object::Array(
                [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                    .iter()
                    .map(|v| Object::Integer(scale(f32::from(*v)).round() as i64))
                    .collect(),
            ),
        ),
        ("ItalicAngle", Object::Real(parsed.italic_angle())),
        ("Ascent", Object::Integer(scale(f32::from(parsed.ascender())).round() as i64)),
        ("Descent", Object::Integer(scale(f32::from(parsed.descender())).round() as i64)),
        (
            "CapHeight",
            Object::Integer(scale(f32::from(parsed.capital_height().unwrap_or(parsed.ascender()))).round() as i64),
        ),
        ("StemV", Object::Integer(if parsed.is_bold() { 120 } else { 80 })),
        ("FontFile2", Object::Reference(file)),
    ]);
    let descriptor = doc.add_object(descriptor);

    // The subset's ids run densely from 0: one W entry lists every width.
    let widths: Vec<Object> = remapper
        .remapped_gids()
        .map(|old| {
            let advance = parsed.glyph_hor_advance(ttf_parser::GlyphId(old)).unwrap_or(0);
            Object::Real((scale(f32::from(advance)) * 1000.0).round() / 1000.0)
        })
        .collect();
    let cid_font = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
        ("BaseFont", Object::Name(name.clone().into_bytes())),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Registry", Object::String(b"Adobe".to_vec(), StringFormat::Literal)),
                ("Ordering", Object::String(b"Identity".to_vec(), StringFormat::Literal)),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("DW", Object::Integer(0)),
        ("W", Object::Array(vec![Object::Integer(0), Object::Array(widths)])),
        ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
    ]);
    let cid_font = doc.add_object(cid_font);

    let to_unicode = doc.add_object(Stream::new(Dictionary::new(), to_unicode(used, id).into_bytes()));
    doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", Object::Name(name.into_bytes())),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        ("DescendantFonts", Object::Array(vec![Object::Reference(cid_font)])),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

/// Six capitals naming the subset, from the glyphs it holds (the same subset, the same
/// name: the bytes stay reproducible).
fn subset_tag(remapper: &subsetter::GlyphRemapper) -> String {
    let mut hash = Sha256::new();
    for glyph in remapper.remapped_gids() {
        hash.update(glyph.to_be_bytes());
    }
    hash.finalize().iter().take(6).map(|b| char::from(b'A' + b % 26)).collect()
}

/// The `ToUnicode` CMap: each glyph id to the text it shows (UTF-16BE).
fn to_unicode(used: &UsedGlyphs, id: FaceId) -> String {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &String)> = used.text[id.index()].iter().collect();
    // At most 100 entries a block (the CMap format's limit).
    for block in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", block.len());
        for (glyph, text) in block {
            let utf16: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
            let _ = writeln!(cmap, "<{glyph:04X}> <{utf16}>");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap
}
