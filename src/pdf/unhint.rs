//! Drops TrueType hinting from an embedded subset: the `fpgm`, `prep` and `cvt ` tables and
//! each glyph's instructions. `subsetter` keeps them, and they were 60% of the seed paper's
//! font bytes; PDF viewers scale outlines without them (pdf.js and Acrobat ignore them).
//!
//! Only what the embedded font needs is touched: `glyf`, `loca` (rewritten in the long
//! format) and `head`'s location format; the other tables are copied as they are.

/// The subset without hinting, or the subset unchanged if it is not a TrueType font this
/// understands (never worse than what came in).
pub(super) fn unhinted(font: &[u8]) -> Vec<u8> {
    strip(font).unwrap_or_else(|| font.to_vec())
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

fn strip(font: &[u8]) -> Option<Vec<u8>> {
    let count = usize::from(u16_at(font, 4)?);
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(count);
    for i in 0..count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
        let offset = u32_at(font, record + 8)? as usize;
        let length = u32_at(font, record + 12)? as usize;
        tables.push((tag, font.get(offset..offset + length)?));
    }
    let table = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let (head, loca, glyf) = (table(b"head")?, table(b"loca")?, table(b"glyf")?);
    let long = u16_at(head, 50)? == 1;
    let offsets: Vec<usize> = if long {
        loca.chunks_exact(4).map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as usize).collect()
    } else {
        loca.chunks_exact(2).map(|c| usize::from(u16::from_be_bytes([c[0], c[1]])) * 2).collect()
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(offsets.len() * 4);
    for pair in offsets.windows(2) {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let glyph = glyf.get(pair[0]..pair[1])?;
        if !glyph.is_empty() {
            without_instructions(glyph, &mut new_glyf)?;
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes());
    // The whole-font checksum adjustment is left at 0: PDF readers do not check it.
    new_head[8..12].copy_from_slice(&[0; 4]);

    let (mut new_glyf, mut new_loca, mut new_head) = (Some(new_glyf), Some(new_loca), Some(new_head));
    let kept: Vec<([u8; 4], Vec<u8>)> = tables
        .iter()
        .filter(|(tag, _)| !matches!(tag, b"fpgm" | b"prep" | b"cvt "))
        .map(|(tag, data)| {
            let made = match tag {
                b"glyf" => new_glyf.take(),
                b"loca" => new_loca.take(),
                b"head" => new_head.take(),
                _ => None,
            };
            (*tag, made.unwrap_or_else(|| data.to_vec()))
        })
        .collect();
    Some(assemble(u32_at(font, 0)?, &kept))
}

/// A glyph's outline without its instructions, added to `out`.
fn without_instructions(glyph: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let contours = i16::from_be_bytes(glyph.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        let at = 10 + 2 * contours as usize;
        let length = usize::from(u16_at(glyph, at)?);
        let (outline, rest) = (glyph.get(..at)?, glyph.get(at + 2 + length..)?);
        out.extend_from_slice(outline);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(rest);
        return Some(());
    }
    // A composite: components until the last, whose flags say whether instructions follow.
    const WORDS: u16 = 0x1;
    const SCALE: u16 = 0x8;
    const MORE: u16 = 0x20;
    const XY_SCALE: u16 = 0x40;
    const TWO_BY_TWO: u16 = 0x80;
    const INSTRUCTIONS: u16 = 0x100;
    let mut at = 10;
    out.extend_from_slice(glyph.get(..10)?);
    loop {
        let flags = u16_at(glyph, at)?;
        let size = 4
            + if flags & WORDS != 0 { 4 } else { 2 }
            + if flags & SCALE != 0 {
                2
            } else if flags & XY_SCALE != 0 {
                4
            } else if flags & TWO_BY_TWO != 0 {
                8
            } else {
                0
            };
        let component = glyph.get(at..at + size)?;
        out.extend_from_slice(&(flags & !INSTRUCTIONS).to_be_bytes());
        out.extend_from_slice(&component[2..]);
        at += size;
        if flags & MORE == 0 {
            return Some(());
        }
    }
}

/// An sfnt from its tables: records sorted by tag, each table 4-byte aligned, checksummed.
fn assemble(version: u32, tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let mut tables: Vec<&([u8; 4], Vec<u8>)> = tables.iter().collect();
    tables.sort_by_key(|(tag, _)| *tag);
    let count = tables.len() as u16;
    let power = if count == 0 { 0 } else { 15 - count.leading_zeros() as u16 };
    let search_range = (1u16 << power) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&version.to_be_bytes());
    for value in [count, search_range, power, count * 16 - search_range] {
        out.extend_from_slice(&value.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut bodies = Vec::new();
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        bodies.extend_from_slice(data);
        while bodies.len() % 4 != 0 {
            bodies.push(0);
        }
        offset = 12 + 16 * tables.len() + bodies.len();
    }
    out.extend_from_slice(&bodies);
    out
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FaceId, face};

    #[test]
    fn the_subset_keeps_its_outlines_and_loses_its_hints() {
        for id in [FaceId::Sans, FaceId::Fallback] {
            let mut remapper = subsetter::GlyphRemapper::new();
            for c in "Ågé→✓ fi".chars() {
                if let Some((glyph, _)) = face(id).glyph(c) {
                    remapper.remap(glyph);
                }
            }
            let subset = subsetter::subset(face(id).data, 0, &remapper).unwrap();
            let stripped = unhinted(&subset);
            // Liberation is heavily hinted; DejaVu less so.
            let most = if id == FaceId::Sans { subset.len() * 3 / 4 } else { subset.len() * 9 / 10 };
            assert!(stripped.len() < most, "{id:?}: {} of {}", stripped.len(), subset.len());
            let before = ttf_parser::Face::parse(&subset, 0).unwrap();
            let after = ttf_parser::Face::parse(&stripped, 0).unwrap();
            assert!(
                after.tables().glyf.is_some() && after.raw_face().table(ttf_parser::Tag::from_bytes(b"fpgm")).is_none()
            );
            for glyph in 0..before.number_of_glyphs() {
                let glyph = ttf_parser::GlyphId(glyph);
                assert_eq!(before.glyph_bounding_box(glyph), after.glyph_bounding_box(glyph), "{id:?} {glyph:?}");
                assert_eq!(before.glyph_hor_advance(glyph), after.glyph_hor_advance(glyph));
            }
        }
    }
}
