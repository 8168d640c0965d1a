//! Shaping: text whose glyphs depend on their neighbours — Arabic letters that join,
//! Hebrew and Arabic marks placed on their letters, any combining mark — set by rustybuzz
//! (HarfBuzz's shaper) in the face that shows it, right to left where the text is.
//!
//! Only such text is shaped: Latin, Greek and Cyrillic keep the faster glyph-by-glyph path
//! (`super::glyphs`), whose widths and kerning the rest of layout was tuned on.

use super::{FaceId, Variant, face, glyph_for};
use std::ops::Range;
use std::sync::OnceLock;

/// A script that only its own bundled face shows rightly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Arabic, with its supplements and presentation forms.
    Arabic,
    /// Hebrew, with its presentation forms.
    Hebrew,
}

/// The script of `c`, where it is one the bundled faces shape.
pub fn script(c: char) -> Option<Script> {
    match u32::from(c) {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some(Script::Hebrew),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Some(Script::Arabic),
        _ => None,
    }
}

/// Whether `c` is a letter of a script that needs shaping no bundled face does (Syriac,
/// Thaana, N'Ko, the Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian…): a
/// fallback face may have its glyphs, but would draw them wrong.
pub fn unshaped_complex(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0700..=0x074F
            | 0x0780..=0x086F
            | 0x0900..=0x0DFF
            | 0x0E00..=0x0FFF
            | 0x1000..=0x109F
            | 0x1780..=0x18AF
            | 0x1900..=0x1CFF
            | 0xA800..=0xABFF
    )
}

/// Whether `text` holds anything the shaper must set: an Arabic or Hebrew letter, or a
/// combining mark.
pub fn needs_shaping(text: &str) -> bool {
    // Below U+0300 (a first byte under 0xCC) nothing is: the usual case, decided at once.
    text.bytes().any(|b| b >= 0xCC)
        && text.chars().any(|c| script(c).is_some() || unicode_normalization::char::is_combining_mark(c))
}

/// Whether `text` may hold a right-to-left letter, by its bytes alone: right-to-left
/// letters are U+0590 to U+08FF (a first byte of 0xD6 to 0xE0) or presentation forms
/// (0xEF); curly quotes and dashes (0xE2) are not looked at again.
pub fn may_be_rtl(text: &str) -> bool {
    text.bytes().any(|b| matches!(b, 0xD6..=0xDF | 0xE0 | 0xEF))
}

/// Whether `text` has a right-to-left letter (bidi class R or AL).
pub fn is_rtl(text: &str) -> bool {
    may_be_rtl(text)
        && text
            .chars()
            .any(|c| matches!(unicode_bidi::bidi_class(c), unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL))
}

/// A glyph placed by the shaper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shaped {
    /// Its face.
    pub face: FaceId,
    /// Its glyph id in that face.
    pub id: u16,
    /// How far the pen moves after it, in font units.
    pub advance: i32,
    /// How far it is drawn right of the pen, in font units.
    pub x_offset: i32,
    /// How far it is drawn above the baseline, in font units.
    pub y_offset: i32,
    /// The text it shows (a byte range of the shaped text), empty for a glyph whose text
    /// another glyph of its cluster already shows.
    pub text: Range<usize>,
    /// Whether that text is mapped last letter first (see [`shape`]).
    pub reversed: bool,
}

/// rustybuzz's view of a bundled face, made on first use.
fn buzz(id: FaceId) -> &'static rustybuzz::Face<'static> {
    static FACES: [OnceLock<rustybuzz::Face<'static>>; FaceId::ALL.len()] =
        [const { OnceLock::new() }; FaceId::ALL.len()];
    FACES[id.index()].get_or_init(|| rustybuzz::Face::from_slice(face(id).data, 0).expect("bundled fonts parse"))
}

/// `text` (one direction's run of a line) shaped in `variant`, glyphs left to right as they
/// are drawn: a right-to-left run's last letter first.
pub fn shape(text: &str, variant: Variant) -> Vec<Shaped> {
    let rtl = is_rtl(text);
    let mut out = Vec::with_capacity(text.len());
    let mut runs = face_runs(text, variant);
    if rtl {
        runs.reverse();
    }
    for (id, range) in runs {
        let run = &text[range.clone()];
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(run);
        buffer.guess_segment_properties();
        buffer.set_direction(if rtl { rustybuzz::Direction::RightToLeft } else { rustybuzz::Direction::LeftToRight });
        let shaped = rustybuzz::shape(buzz(id), &[], buffer);
        // Each cluster's text runs to the next cluster's start, in the text's own order.
        let mut starts: Vec<usize> = shaped.glyph_infos().iter().map(|g| g.cluster as usize).collect();
        starts.sort_unstable();
        starts.dedup();
        let mut shown = vec![false; starts.len()];
        for (info, position) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
            let cluster = info.cluster as usize;
            let at = starts.binary_search(&cluster).unwrap_or(0);
            let end = starts.get(at + 1).copied().unwrap_or(run.len());
            let text = if std::mem::replace(&mut shown[at], true) { 0..0 } else { cluster..end };
            // A right-to-left glyph showing several letters (a lam-alef ligature, a letter
            // and its marks) maps to them last first: readers of a PDF turn a
            // right-to-left run around letter by letter, the glyph's own letters too.
            let reversed = rtl && run[text.clone()].chars().nth(1).is_some();
            out.push(Shaped {
                face: id,
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: position.x_advance,
                x_offset: position.x_offset,
                y_offset: position.y_offset,
                text: text.start + range.start..text.end + range.start,
                reversed,
            });
        }
    }
    out
}

/// The runs of `text` set in one face, in the text's order: a script's own face for its
/// letters, a mark in its letter's face, anything else in the face the unshaped path uses.
fn face_runs(text: &str, variant: Variant) -> Vec<(FaceId, Range<usize>)> {
    let mut runs: Vec<(FaceId, Range<usize>)> = Vec::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let own = FaceId::of_script(c, variant).or_else(|| glyph_for(c, variant).map(|(id, _, _)| id));
        let id = match (runs.last(), own) {
            // A mark, or a character no face has, stays with what it follows.
            (Some((last, _)), _) if unicode_normalization::char::is_combining_mark(c) => *last,
            (Some((last, _)), None) => *last,
            (_, Some(id)) => id,
            (None, None) => FaceId::primary(variant),
        };
        match runs.last_mut() {
            Some((last, range)) if *last == id => range.end = end,
            _ => runs.push((id, at..end)),
        }
    }
    runs
}

/// Width of shaped `text` in points at `size`.
pub fn width(text: &str, variant: Variant, size: f32) -> f32 {
    shape(text, variant).iter().map(|g| g.advance as f32 / face(g.face).units_per_em).sum::<f32>() * size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_joins_and_runs_right_to_left() {
        let text = "كتاب";
        let glyphs = shape(text, Variant::default());
        assert!(glyphs.iter().all(|g| g.face == FaceId::Arabic), "{glyphs:?}");
        // Joined forms, not the isolated letters' glyphs.
        let isolated: Vec<u16> = text.chars().map(|c| face(FaceId::Arabic).glyph(c).unwrap().0).collect();
        let drawn: Vec<u16> = glyphs.iter().map(|g| g.id).collect();
        assert_ne!(drawn, isolated);
        // Drawn last letter first; each glyph's text the letter it shows.
        let texts: Vec<&str> = glyphs.iter().map(|g| &text[g.text.clone()]).collect();
        assert_eq!(texts.concat(), text.chars().rev().collect::<String>());
    }

    #[test]
    fn only_text_that_needs_it_is_shaped() {
        assert!(!needs_shaping("Łódź, Αθήνα and Київ → ✓"));
        assert!(needs_shaping("שלום") && needs_shaping("e\u{301}") && needs_shaping("السلام"));
        assert!(is_rtl("a שלום") && !is_rtl("Łódź"));
        assert!(unshaped_complex('क') && !unshaped_complex('ש'));
    }
}
