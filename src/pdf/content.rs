//! A page's content stream, written here as bytes: each run of text inside a marked-content
//! sequence whose id (MCID) the structure tree points at, everything else (rules, shading,
//! footers, page numbers) an `/Artifact`. Text is shown as glyph ids of the bundled faces,
//! which [`UsedGlyphs`] records for subsetting and the `ToUnicode` maps.
//!
//! printpdf assembles the document around these streams; going through its operation
//! values cost an allocation per operand and took most of a long annex's PDF time.

use crate::fonts::{FaceId, glyphs};
use crate::layout::fonts::variant;
use crate::layout::{Artifact, Item, NodeId, PAGE_SIZE, Page, Rgb};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

/// The glyphs shown, face by face: new (subset) ids in order of first use, with the text
/// each shows.
pub(super) struct UsedGlyphs {
    /// Old glyph id to new, per face.
    pub remappers: Vec<GlyphRemapper>,
    /// The same, as a table by old id (0: not yet used), made on a face's first glyph:
    /// one lookup per glyph shown.
    new_ids: Vec<Vec<u16>>,
    /// What each new glyph id shows, per face.
    pub text: Vec<BTreeMap<u16, String>>,
}

impl Default for UsedGlyphs {
    fn default() -> Self {
        let faces = FaceId::ALL.len();
        UsedGlyphs {
            remappers: (0..faces).map(|_| GlyphRemapper::new()).collect(),
            new_ids: vec![Vec::new(); faces],
            text: vec![BTreeMap::new(); faces],
        }
    }
}

impl UsedGlyphs {
    fn new_id(&mut self, face: FaceId, glyph: u16, text: &str) -> u16 {
        let table = &mut self.new_ids[face.index()];
        if table.is_empty() {
            table.resize(usize::from(crate::fonts::face(face).parsed.number_of_glyphs()), 0);
        }
        match table.get(usize::from(glyph)) {
            Some(&new) if new != 0 => new,
            _ => {
                let new = self.remappers[face.index()].remap(glyph);
                if let Some(slot) = table.get_mut(usize::from(glyph)) {
                    *slot = new;
                }
                if !text.is_empty() {
                    self.text[face.index()].insert(new, text.to_string());
                }
                new
            }
        }
    }
}

/// The PDF resource name of a face.
pub(super) fn font_name(face: FaceId) -> &'static str {
    const NAMES: [&str; FaceId::ALL.len()] =
        ["PF0", "PF1", "PF2", "PF3", "PF4", "PF5", "PF6", "PF7", "PF8", "PF9", "PF10", "PF11"];
    NAMES[face.index()]
}

/// A link's clickable area on a page, in PDF coordinates (left, bottom, right, top).
pub(super) struct LinkArea {
    /// The rectangle.
    pub rect: [f32; 4],
    /// Index into the document's link targets.
    pub target: u32,
    /// Its `Link` element.
    pub node: Option<NodeId>,
}

/// One page's content stream, the element each of its MCIDs belongs to, and its links.
pub(super) struct PageContent {
    /// The content stream, uncompressed.
    pub stream: Vec<u8>,
    /// `mcids[n]` is the element marked content `n` belongs to.
    pub mcids: Vec<NodeId>,
    /// Link areas, for annotations.
    pub links: Vec<LinkArea>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Content(NodeId),
    Artifact(Artifact),
}

/// Tracks the open marked-content sequence and text object, so that consecutive items of
/// one element share a sequence, and font, colours and line width are set only when they
/// change.
#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    mcids: Vec<NodeId>,
    mark: Option<Mark>,
    in_text: bool,
    font: Option<(FaceId, u32)>,
    fill: Option<Rgb>,
    stroke: Option<Rgb>,
    line_width: Option<u32>,
}

impl Writer {
    fn number(&mut self, value: f32) {
        write_number(&mut self.out, value);
    }

    fn op(&mut self, numbers: &[f32], operator: &str) {
        for n in numbers {
            self.number(*n);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(operator.as_bytes());
        self.out.push(b'\n');
    }

    fn enter(&mut self, mark: Mark) {
        if self.mark == Some(mark) {
            return;
        }
        self.close();
        match mark {
            Mark::Content(node) => {
                let mcid = self.mcids.len();
                self.mcids.push(node);
                // The tag is only a hint; the element's role is in the structure tree.
                self.out.extend_from_slice(b"/Span <</MCID ");
                write_integer(&mut self.out, mcid as u64);
                self.out.extend_from_slice(b">> BDC\n");
            }
            // Typed, so that readers and checkers know running heads and feet (Matterhorn
            // 18-001, 18-002) from the look's rules and shading.
            Mark::Artifact(kind) => self.out.extend_from_slice(match kind {
                Artifact::Layout => b"/Artifact <</Type /Layout>> BDC\n",
                Artifact::Pagination => b"/Artifact <</Type /Pagination>> BDC\n",
                Artifact::Header => b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
                Artifact::Footer => b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
            }),
        }
        self.mark = Some(mark);
    }

    fn close(&mut self) {
        self.end_text();
        if self.mark.take().is_some() {
            self.out.extend_from_slice(b"EMC\n");
        }
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
            self.font = None;
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    fn fill(&mut self, colour: Rgb) {
        if self.fill != Some(colour) {
            self.op(&[colour.0, colour.1, colour.2], "rg");
            self.fill = Some(colour);
        }
    }

    fn stroke(&mut self, colour: Rgb, width: f32) {
        if self.stroke != Some(colour) {
            self.op(&[colour.0, colour.1, colour.2], "RG");
            self.stroke = Some(colour);
        }
        if self.line_width != Some(width.to_bits()) {
            self.op(&[width], "w");
            self.line_width = Some(width.to_bits());
        }
    }
}

/// A number as PDF writes it: at most three decimals, no trailing zeros (the page is in
/// points; a thousandth of a point is far below what any device shows).
pub(super) fn write_number(out: &mut Vec<u8>, value: f32) {
    let thousandths = (f64::from(value) * 1000.0).round() as i64;
    if thousandths < 0 {
        out.push(b'-');
    }
    let magnitude = thousandths.unsigned_abs();
    write_integer(out, magnitude / 1000);
    let mut fraction = magnitude % 1000;
    if fraction != 0 {
        out.push(b'.');
        let digits = [b'0' + (fraction / 100) as u8, b'0' + (fraction / 10 % 10) as u8, b'0' + (fraction % 10) as u8];
        let mut length = 3;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            length -= 1;
        }
        out.extend_from_slice(&digits[..length]);
    }
}

/// A non-negative integer in decimal, without the formatting machinery (content streams
/// are mostly numbers).
pub(super) fn write_integer(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// The content stream of a page's items.
pub(super) fn page(page: &Page, used: &mut UsedGlyphs) -> PageContent {
    let height = PAGE_SIZE.1;
    let items = &page.items;
    let mut w = Writer { out: Vec::with_capacity(items.len() * 48), ..Writer::default() };
    let mut links = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let artifact = || Mark::Artifact(page.artifact(index).unwrap_or(Artifact::Layout));
        match item {
            Item::Text { x, y, size, style, color, text, node, .. } => {
                w.enter(node.map_or_else(artifact, Mark::Content));
                w.begin_text();
                w.fill(*color);
                w.out.extend_from_slice(b"1 0 0 1 ");
                w.op(&[*x, height - y], "Tm");
                show(&mut w, text, *style, *size, used);
            }
            Item::Fill { x, y, w: width, h, color } => {
                w.enter(artifact());
                w.end_text();
                w.fill(*color);
                w.op(&[*x, height - y - h, *width, *h], "re f");
            }
            Item::Stroke { x1, y1, x2, y2, width, color } => {
                w.enter(artifact());
                w.end_text();
                w.stroke(*color, *width);
                w.op(&[*x1, height - y1], "m");
                w.op(&[*x2, height - y2], "l S");
            }
            Item::Link { x, y, w: width, h, link, node } => {
                links.push(LinkArea { rect: [*x, height - y - h, x + width, height - y], target: *link, node: *node });
            }
            Item::Anchor { .. } => {}
        }
    }
    w.close();
    PageContent { stream: w.out, mcids: w.mcids, links }
}

/// Shows `text` from the current text position: one `TJ` per run of a face, kerning as
/// offsets between glyphs.
fn show(w: &mut Writer, text: &str, style: crate::layout::fonts::Style, size: f32, used: &mut UsedGlyphs) {
    if crate::fonts::shape::needs_shaping(text) {
        return show_shaped(w, text, style, size, used);
    }
    let mut face_of_run = None;
    let mut in_string = false;
    for glyph in glyphs(text, variant(style)) {
        if face_of_run != Some(glyph.face) {
            if face_of_run.is_some() {
                w.out.extend_from_slice(if in_string { b")] TJ\n" } else { b"] TJ\n" });
                in_string = false;
            }
            face_of_run = Some(glyph.face);
            if w.font != Some((glyph.face, size.to_bits())) {
                w.out.push(b'/');
                w.out.extend_from_slice(font_name(glyph.face).as_bytes());
                w.out.push(b' ');
                w.op(&[size], "Tf");
                w.font = Some((glyph.face, size.to_bits()));
            }
            w.out.push(b'[');
        }
        if glyph.kern != 0 {
            if in_string {
                w.out.push(b')');
                in_string = false;
            }
            let units = crate::fonts::face(glyph.face).units_per_em;
            // TJ's numbers move the pen back by thousandths of an em.
            w.number(-f32::from(glyph.kern) * 1000.0 / units);
        }
        if !in_string {
            w.out.push(b'(');
            in_string = true;
        }
        for byte in used.new_id(glyph.face, glyph.id, glyph.char.encode_utf8(&mut [0; 4])).to_be_bytes() {
            // A literal string: the delimiters and backslash escaped, and line ends too,
            // which a reader would otherwise normalise.
            match byte {
                b'(' | b')' | b'\\' => w.out.extend_from_slice(&[b'\\', byte]),
                b'\r' => w.out.extend_from_slice(b"\\r"),
                b'\n' => w.out.extend_from_slice(b"\\n"),
                _ => w.out.push(byte),
            }
        }
    }
    if face_of_run.is_some() {
        w.out.extend_from_slice(if in_string { b")] TJ\n" } else { b"] TJ\n" });
    }
}

/// [`show`] of text the shaper sets: its glyphs in drawing order, each moved by the
/// shaper's offsets (across as `TJ` numbers, up as text rise) and followed by the
/// shaper's advance in place of the face's own.
fn show_shaped(w: &mut Writer, text: &str, style: crate::layout::fonts::Style, size: f32, used: &mut UsedGlyphs) {
    let mut open = false;
    let mut rise = 0.0f32;
    let close = |w: &mut Writer, open: &mut bool| {
        if std::mem::take(open) {
            w.out.extend_from_slice(b"] TJ\n");
        }
    };
    for glyph in crate::fonts::shape::shape(text, variant(style)) {
        let face = crate::fonts::face(glyph.face);
        let to_thousandths = |units: i32| units as f32 * 1000.0 / face.units_per_em;
        if w.font != Some((glyph.face, size.to_bits())) {
            close(w, &mut open);
            w.out.push(b'/');
            w.out.extend_from_slice(font_name(glyph.face).as_bytes());
            w.out.push(b' ');
            w.op(&[size], "Tf");
            w.font = Some((glyph.face, size.to_bits()));
        }
        let glyph_rise = glyph.y_offset as f32 / face.units_per_em * size;
        if glyph_rise != rise {
            close(w, &mut open);
            w.op(&[glyph_rise], "Ts");
            rise = glyph_rise;
        }
        if !open {
            w.out.push(b'[');
            open = true;
        }
        // TJ's numbers move the pen back by thousandths of an em.
        if glyph.x_offset != 0 {
            w.number(-to_thousandths(glyph.x_offset));
        }
        w.out.push(b'<');
        let shows = &text[glyph.text.clone()];
        let new = match glyph.reversed {
            true => used.new_id(glyph.face, glyph.id, &shows.chars().rev().collect::<String>()),
            false => used.new_id(glyph.face, glyph.id, shows),
        };
        for byte in new.to_be_bytes() {
            w.out.push(HEX[usize::from(byte >> 4)]);
            w.out.push(HEX[usize::from(byte & 15)]);
        }
        w.out.push(b'>');
        let own = i32::from(face.parsed.glyph_hor_advance(ttf_parser::GlyphId(glyph.id)).unwrap_or(0));
        let back = own - glyph.advance + glyph.x_offset;
        if back != 0 {
            w.number(to_thousandths(back));
        }
    }
    close(w, &mut open);
    if rise != 0.0 {
        w.op(&[0.0], "Ts");
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";
