//! The bundled faces, embedded in the binary: Liberation Sans 2 (Arial's metrics, which the
//! Panel's Word papers use) in four styles, Liberation Mono for code, DejaVu Sans for what
//! Liberation lacks (arrows, maths, Greek beyond the basics, box and check marks), and Noto
//! Sans Arabic and Hebrew for those scripts, which are shaped ([`shape`]).
//!
//! Measuring and showing share [`glyphs`]: the widths layout breaks lines with are the
//! advances and kerning the PDF shows, so the page is what was measured.

pub mod shape;

use std::sync::OnceLock;

/// Which face of a family a run asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Variant {
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Monospaced (code).
    pub mono: bool,
}

/// One of the bundled faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FaceId {
    /// Liberation Sans Regular.
    Sans,
    /// Liberation Sans Bold.
    SansBold,
    /// Liberation Sans Italic.
    SansItalic,
    /// Liberation Sans Bold Italic.
    SansBoldItalic,
    /// Liberation Mono Regular.
    Mono,
    /// Liberation Mono Bold.
    MonoBold,
    /// DejaVu Sans, the fallback.
    Fallback,
    /// DejaVu Sans Bold, the fallback for bold runs.
    FallbackBold,
    /// Noto Sans Arabic Regular.
    Arabic,
    /// Noto Sans Arabic Bold.
    ArabicBold,
    /// Noto Sans Hebrew Regular.
    Hebrew,
    /// Noto Sans Hebrew Bold.
    HebrewBold,
}

impl FaceId {
    /// Every face, in a fixed order (the PDF's font resources follow it).
    pub const ALL: [FaceId; 12] = [
        FaceId::Sans,
        FaceId::SansBold,
        FaceId::SansItalic,
        FaceId::SansBoldItalic,
        FaceId::Mono,
        FaceId::MonoBold,
        FaceId::Fallback,
        FaceId::FallbackBold,
        FaceId::Arabic,
        FaceId::ArabicBold,
        FaceId::Hebrew,
        FaceId::HebrewBold,
    ];

    /// Its position in [`FaceId::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    fn file(self) -> &'static [u8] {
        match self {
            FaceId::Sans => include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf"),
            FaceId::SansBold => include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf"),
            FaceId::SansItalic => include_bytes!("../../assets/fonts/LiberationSans-Italic.ttf"),
            FaceId::SansBoldItalic => include_bytes!("../../assets/fonts/LiberationSans-BoldItalic.ttf"),
            FaceId::Mono => include_bytes!("../../assets/fonts/LiberationMono-Regular.ttf"),
            FaceId::MonoBold => include_bytes!("../../assets/fonts/LiberationMono-Bold.ttf"),
            FaceId::Fallback => include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
            FaceId::FallbackBold => include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
            FaceId::Arabic => include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
            FaceId::ArabicBold => include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf"),
            FaceId::Hebrew => include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
            FaceId::HebrewBold => include_bytes!("../../assets/fonts/NotoSansHebrew-Bold.ttf"),
        }
    }

    /// The face's PostScript name.
    pub fn postscript_name(self) -> &'static str {
        match self {
            FaceId::Sans => "LiberationSans",
            FaceId::SansBold => "LiberationSans-Bold",
            FaceId::SansItalic => "LiberationSans-Italic",
            FaceId::SansBoldItalic => "LiberationSans-BoldItalic",
            FaceId::Mono => "LiberationMono",
            FaceId::MonoBold => "LiberationMono-Bold",
            FaceId::Fallback => "DejaVuSans",
            FaceId::FallbackBold => "DejaVuSans-Bold",
            FaceId::Arabic => "NotoSansArabic",
            FaceId::ArabicBold => "NotoSansArabic-Bold",
            FaceId::Hebrew => "NotoSansHebrew",
            FaceId::HebrewBold => "NotoSansHebrew-Bold",
        }
    }

    /// The face a run in `variant` starts with.
    pub fn primary(variant: Variant) -> FaceId {
        match (variant.mono, variant.bold, variant.italic) {
            (true, false, _) => FaceId::Mono,
            (true, true, _) => FaceId::MonoBold,
            (false, false, false) => FaceId::Sans,
            (false, true, false) => FaceId::SansBold,
            (false, false, true) => FaceId::SansItalic,
            (false, true, true) => FaceId::SansBoldItalic,
        }
    }

    /// The face of a script that only it shows rightly (Arabic, Hebrew), for `c`.
    fn of_script(c: char, variant: Variant) -> Option<FaceId> {
        let (regular, bold) = match shape::script(c)? {
            shape::Script::Arabic => (FaceId::Arabic, FaceId::ArabicBold),
            shape::Script::Hebrew => (FaceId::Hebrew, FaceId::HebrewBold),
        };
        Some(if variant.bold { bold } else { regular })
    }

    /// The faces tried for a character, in order: the run's own, the fallback of its
    /// weight, then the regular faces (a bold face can lack what the regular one has).
    fn chain(variant: Variant) -> [FaceId; 4] {
        let fallback = if variant.bold { FaceId::FallbackBold } else { FaceId::Fallback };
        [FaceId::primary(variant), fallback, FaceId::Fallback, FaceId::Sans]
    }
}

/// A parsed face with the lookups layout needs most, made on first use.
pub struct Face {
    /// The font file.
    pub data: &'static [u8],
    /// The parsed font.
    pub parsed: ttf_parser::Face<'static>,
    /// Font units per em.
    pub units_per_em: f32,
    /// Glyph and advance of the first 256 characters (glyph 0: not in the face).
    latin: Box<[(u16, u16); 256]>,
    /// Kerning pairs (left glyph << 16 | right glyph), sorted, with their values.
    kern_pairs: Vec<(u32, i16)>,
    /// Glyphs that start some kerning pair, as bits: most pairs are ruled out at once.
    kern_left: Vec<u64>,
}

impl Face {
    fn load(id: FaceId) -> Face {
        let data = id.file();
        let parsed = ttf_parser::Face::parse(data, 0).expect("bundled fonts parse");
        let mut latin = Box::new([(0u16, 0u16); 256]);
        for (code, slot) in latin.iter_mut().enumerate() {
            let c = char::from(code as u8);
            if let Some(glyph) = parsed.glyph_index(c) {
                *slot = (glyph.0, parsed.glyph_hor_advance(glyph).unwrap_or(0));
            }
        }
        // The legacy `kern` table holds Liberation's (and Arial's) pair kerning.
        let kern = parsed.tables().kern.and_then(|kern| {
            kern.subtables.into_iter().find_map(|s| match s.format {
                ttf_parser::kern::Format::Format0(table) if s.horizontal && !s.has_cross_stream => Some(table),
                _ => None,
            })
        });
        let mut kern_pairs: Vec<(u32, i16)> =
            kern.map(|k| k.pairs.into_iter().map(|p| (p.pair, p.value)).collect()).unwrap_or_default();
        kern_pairs.sort_unstable_by_key(|(pair, _)| *pair);
        let mut kern_left = vec![0u64; usize::from(parsed.number_of_glyphs()) / 64 + 1];
        for (pair, _) in &kern_pairs {
            let left = (pair >> 16) as usize;
            if let Some(word) = kern_left.get_mut(left / 64) {
                *word |= 1 << (left % 64);
            }
        }
        Face { data, units_per_em: f32::from(parsed.units_per_em()), parsed, latin, kern_pairs, kern_left }
    }

    /// The glyph for `c` and its advance in font units.
    pub fn glyph(&self, c: char) -> Option<(u16, u16)> {
        if let Some(&(glyph, advance)) = self.latin.get(c as usize) {
            return (glyph != 0).then_some((glyph, advance));
        }
        let glyph = self.parsed.glyph_index(c)?;
        Some((glyph.0, self.parsed.glyph_hor_advance(glyph).unwrap_or(0)))
    }

    /// Pair kerning between two glyphs, in font units.
    pub fn kerning(&self, left: u16, right: u16) -> i16 {
        let left_bits = self.kern_left.get(usize::from(left) / 64).copied().unwrap_or(0);
        if left_bits & (1 << (left % 64)) == 0 {
            return 0;
        }
        let pair = u32::from(left) << 16 | u32::from(right);
        self.kern_pairs.binary_search_by_key(&pair, |(p, _)| *p).map_or(0, |i| self.kern_pairs[i].1)
    }
}

/// A bundled face, parsed on first use.
pub fn face(id: FaceId) -> &'static Face {
    static FACES: [OnceLock<Face>; FaceId::ALL.len()] = [const { OnceLock::new() }; FaceId::ALL.len()];
    FACES[id.index()].get_or_init(|| Face::load(id))
}

/// One shown glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    /// Its face.
    pub face: FaceId,
    /// Its glyph id in that face.
    pub id: u16,
    /// Its advance, in font units.
    pub advance: u16,
    /// Kerning applied before it (to the pair it ends), in font units.
    pub kern: i16,
    /// The character it shows.
    pub char: char,
}

/// Whether `c` is never drawn (line ends and tabs, which layout turns into space or lines).
fn is_invisible(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\t')
}

/// The face and glyph that show `c` in `variant`.
pub fn glyph_for(c: char, variant: Variant) -> Option<(FaceId, u16, u16)> {
    if let Some(id) = FaceId::of_script(c, variant) {
        return face(id).glyph(c).map(|(glyph, advance)| (id, glyph, advance));
    }
    let primary = FaceId::primary(variant);
    if let Some((glyph, advance)) = face(primary).glyph(c) {
        return Some((primary, glyph, advance));
    }
    FaceId::chain(variant).into_iter().find_map(|id| face(id).glyph(c).map(|(g, a)| (id, g, a)))
}

/// The glyphs showing `text` in `variant`, with pair kerning inside words (never across a
/// space, so a line measures as the sum of its words and spaces). Characters no face has
/// are skipped: the check before layout refuses them.
pub fn glyphs(text: &str, variant: Variant) -> impl Iterator<Item = Glyph> + '_ {
    let mut previous: Option<(FaceId, u16)> = None;
    // The run's own face, looked up once: nearly every character is in it.
    let primary_id = FaceId::primary(variant);
    let primary = face(primary_id);
    text.chars().filter_map(move |c| {
        if is_invisible(c) {
            return None;
        }
        let (id, glyph, advance) = match primary.glyph(c) {
            Some((glyph, advance)) => (primary_id, glyph, advance),
            None => glyph_for(c, variant)?,
        };
        let kern = match previous {
            Some((face_id, left)) if face_id == id && c != ' ' => face(id).kerning(left, glyph),
            _ => 0,
        };
        previous = (c != ' ').then_some((id, glyph));
        Some(Glyph { face: id, id: glyph, advance, kern, char: c })
    })
}

/// Width of `text` in points at `size` (shaped, where it needs shaping).
pub fn width(text: &str, variant: Variant, size: f32) -> f32 {
    let primary_id = FaceId::primary(variant);
    let primary = face(primary_id);
    // Layout's hot path: ASCII and Latin-1 in the run's own face, from its table, summed
    // in integers and scaled once; anything else goes through [`glyphs`].
    let mut units: i32 = 0;
    let mut previous: Option<u16> = None;
    for (at, c) in text.char_indices() {
        let Some(&(glyph, advance)) = primary.latin.get(c as usize).filter(|(g, _)| *g != 0) else {
            if shape::needs_shaping(&text[at..]) {
                return shape::width(text, variant, size);
            }
            return (units as f32 / primary.units_per_em) * size + width_slow(&text[at..], variant, size, previous);
        };
        if let Some(left) = previous.filter(|_| c != ' ') {
            units += i32::from(primary.kerning(left, glyph));
        }
        units += i32::from(advance);
        previous = (c != ' ').then_some(glyph);
    }
    units as f32 / primary.units_per_em * size
}

/// [`width`] of the rest of a run, `previous` the primary face's glyph before it.
fn width_slow(text: &str, variant: Variant, size: f32, previous: Option<u16>) -> f32 {
    let primary = FaceId::primary(variant);
    let mut total = 0.0f32;
    for (i, glyph) in glyphs(text, variant).enumerate() {
        let mut units = i32::from(glyph.advance) + i32::from(glyph.kern);
        if i == 0
            && glyph.face == primary
            && glyph.char != ' '
            && let Some(left) = previous
        {
            units += i32::from(face(primary).kerning(left, glyph.id));
        }
        total += units as f32 / face(glyph.face).units_per_em;
    }
    total * size
}

/// What the faces cover, for a diagnostic about a character none has.
pub const COVERAGE_HINT: &str = "the PDF's fonts (Liberation Sans, DejaVu Sans, Noto Sans Arabic and Hebrew) cover Latin, Greek, Cyrillic, Arabic, Hebrew, arrows, maths symbols and check marks: replace it";

/// Whether some bundled face can show `c` as it should be: a letter of a script whose
/// letters change shape with their neighbours is shown only by a face the shaper sets it
/// in (Arabic and Hebrew), never by a fallback that would draw it unjoined.
pub fn covers(c: char) -> bool {
    is_invisible(c) || (!shape::unshaped_complex(c) && glyph_for(c, Variant::default()).is_some())
}

/// The first character of `text` that no bundled face can show.
pub fn first_uncovered(text: &str) -> Option<char> {
    // Printable ASCII is in Liberation Sans (tested below): only the rest is looked up.
    let asked = |c: &char| !(c.is_ascii_graphic() || matches!(c, ' ' | '\n' | '\r' | '\t'));
    text.chars().filter(asked).find(|c| !covers(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn liberation_has_helveticas_widths() {
        // Arial's (and so Liberation's) advances are Helvetica's: 'A' is 667/1000 em.
        assert!((width("A", Variant::default(), 1000.0) - 666.99).abs() < 0.5);
        assert!((width(" ", Variant { bold: true, ..Variant::default() }, 1000.0) - 277.8).abs() < 0.5);
    }

    #[test]
    fn kerning_tightens_pairs_inside_words_only() {
        let plain = Variant::default();
        let pair = width("AV", plain, 10.0);
        assert!(pair < width("A", plain, 10.0) + width("V", plain, 10.0));
        let spaced = width("A V", plain, 10.0);
        assert!((spaced - (width("A", plain, 10.0) + width(" ", plain, 10.0) + width("V", plain, 10.0))).abs() < 1e-4);
    }

    #[test]
    fn the_fast_width_is_what_the_pdf_shows() {
        for variant in [
            Variant::default(),
            Variant { bold: true, italic: true, mono: false },
            Variant { mono: true, ..Variant::default() },
        ] {
            for text in ["AVATAR Two", "Łódź AV→AV", "Ta→To ✓ Yo", "→AV", "x", ""] {
                let shown: f32 = glyphs(text, variant)
                    .map(|g| (f32::from(g.advance) + f32::from(g.kern)) / face(g.face).units_per_em * 10.0)
                    .sum();
                assert!((width(text, variant, 10.0) - shown).abs() < 1e-3, "{text:?} {variant:?}");
            }
        }
    }

    #[test]
    fn printable_ascii_is_in_the_primary_face() {
        for c in (' '..='~').chain(['\n', '\t']) {
            assert!(c.is_whitespace() || face(FaceId::Sans).glyph(c).is_some(), "{c:?}");
        }
    }

    #[test]
    fn symbols_fall_back_to_dejavu_and_the_rest_is_refused() {
        let faces: Vec<FaceId> = glyphs("Ł≥→✓α", Variant::default()).map(|g| g.face).collect();
        assert_eq!(faces[0], FaceId::Sans);
        assert!(faces.contains(&FaceId::Fallback), "{faces:?}");
        assert_eq!(faces.len(), 5);
        assert_eq!(first_uncovered("Łukasiewicz ≥ 5 → ✓ α"), None);
        assert_eq!(first_uncovered("漢"), Some('漢'));
    }
}
