//! Text measurement with the glyph widths of printpdf's built-in Helvetica family.
//!
//! The widths are printpdf's own (its `BuiltinFont::get_parsed_font`), tabulated by WinAnsi
//! code so that a run does not parse four fonts at start-up (about 1 ms); the test
//! `widths_match_printpdf` re-derives the table from printpdf and must agree.

pub(crate) use crate::dialect::{Change, Style};

/// printpdf's built-in faces for each style.
pub(crate) trait Faces {
    /// printpdf's font for this style.
    fn builtin(self) -> printpdf::BuiltinFont;
    /// The face's glyph widths, by WinAnsi code from 32.
    fn widths(self) -> &'static [u16; 224];
}

impl Faces for Style {
    fn builtin(self) -> printpdf::BuiltinFont {
        use printpdf::BuiltinFont::*;
        if self.code {
            return if self.bold { CourierBold } else { Courier };
        }
        match (self.bold, self.italic) {
            (false, false) => Helvetica,
            (true, false) => HelveticaBold,
            (false, true) => HelveticaOblique,
            (true, true) => HelveticaBoldOblique,
        }
    }

    // Helvetica's obliques are slanted copies: they share the upright faces' widths (the
    // test below re-derives all four faces from printpdf).
    fn widths(self) -> &'static [u16; 224] {
        if self.bold { &BOLD } else { &REGULAR }
    }
}

/// The WinAnsi (Windows-1252) code of `c`, if the built-in fonts can show it.
pub(crate) fn win_ansi(c: char) -> Option<u8> {
    // ASCII and Latin-1 map to themselves; only 0x80–0x9F need the code page (encoding_rs).
    match u32::from(c) {
        code @ (0x20..=0x7E | 0xA0..=0xFF) => Some(code as u8),
        0..=0x9F => None,
        _ => {
            let mut buffer = [0u8; 4];
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buffer));
            match (&*bytes, unmappable) {
                ([byte @ 0x80..=0x9F], false) => Some(*byte),
                _ => None,
            }
        }
    }
}

/// The first character of `text` that the built-in fonts cannot show.
pub fn first_unsupported(text: &str) -> Option<char> {
    text.chars().find(|c| !matches!(c, '\n' | '\r' | '\t') && win_ansi(*c).is_none())
}

/// Advance width of `c` in thousandths of an em (0 for characters the fonts lack).
pub(crate) fn char_width(c: char, style: Style) -> u16 {
    // Courier, for inline code, is monospaced: every glyph is 600 units wide.
    if style.code {
        return win_ansi(c).map_or(0, |_| 600);
    }
    win_ansi(c).map_or(0, |code| style.widths()[usize::from(code - 0x20)])
}

/// Width of `text` in points at `size`.
pub fn text_width(text: &str, style: Style, size: f32) -> f32 {
    let units: u32 = text.chars().map(|c| u32::from(char_width(c, style))).sum();
    units as f32 * size / 1000.0
}

pub(super) const REGULAR: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584, 0, 744, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 222, 222, 333,
    278, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370,
    556, 584, 0, 737, 333, 400, 549, 333, 333, 333, 576, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, 667, 667,
    667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778,
    722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 549, 611, 556, 556, 556, 556, 500, 556, 500,
];

pub(super) const BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
    556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
    280, 389, 584, 0, 744, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 278, 278, 500,
    333, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370,
    556, 584, 0, 737, 333, 400, 549, 333, 333, 333, 576, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611, 722, 722,
    722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778,
    722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 549, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_printpdf() {
        for style in [Style::REGULAR, Style::BOLD, Style::ITALIC, Style { bold: true, ..Style::ITALIC }] {
            let font = style.builtin().get_parsed_font().expect("built-in font");
            for code in 0x21u8..=0xFF {
                let Some(c) = encoding_rs::WINDOWS_1252.decode(&[code]).0.chars().next() else { continue };
                let Some(width) = font.lookup_glyph_index(c as u32).and_then(|g| font.get_glyph_width(g)) else {
                    continue;
                };
                let expected = (f64::from(width) * 1000.0 / f64::from(font.units_per_em)).round() as u16;
                assert_eq!(char_width(c, style), expected, "{c:?} in {style:?}");
            }
        }
    }

    #[test]
    fn measures_known_helvetica_widths() {
        assert_eq!(char_width('A', Style::REGULAR), 667);
        assert_eq!(char_width(' ', Style::BOLD), 278);
        assert!((text_width("AA", Style::REGULAR, 10.0) - 13.34).abs() < 0.001);
        assert_eq!(first_unsupported("café – ‘quoted’ • €"), None);
        assert_eq!(first_unsupported("Łódź"), Some('Ł'));
    }
}
