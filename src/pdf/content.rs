//! A page's drawing operations for printpdf, in marked content: each run of text inside a
//! marked-content sequence whose id (MCID) the structure tree points at, everything else
//! (rules, shading, footers, page numbers) an `/Artifact`. Text is shown as glyph ids of
//! the bundled faces, which [`UsedGlyphs`] records for subsetting and the `ToUnicode` maps.

use crate::fonts::{FaceId, glyphs};
use crate::layout::fonts::variant;
use crate::layout::{Item, NodeId, PAGE_SIZE, Rgb};
use printpdf::{Color, DictItem, Line, LinePoint, Op, PaintMode, Point, Pt, Rect, TextMatrix};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

/// The glyphs shown, face by face: new (subset) ids in order of first use, with the text
/// each shows.
pub(super) struct UsedGlyphs {
    /// Old glyph id to new, per face.
    pub remappers: Vec<GlyphRemapper>,
    /// What each new glyph id shows, per face.
    pub text: Vec<BTreeMap<u16, String>>,
}

impl Default for UsedGlyphs {
    fn default() -> Self {
        let faces = FaceId::ALL.len();
        UsedGlyphs { remappers: (0..faces).map(|_| GlyphRemapper::new()).collect(), text: vec![BTreeMap::new(); faces] }
    }
}

impl UsedGlyphs {
    fn new_id(&mut self, face: FaceId, glyph: u16, c: char) -> u16 {
        let new = self.remappers[face.index()].remap(glyph);
        self.text[face.index()].entry(new).or_insert_with(|| c.to_string());
        new
    }
}

/// The PDF resource name of a face.
pub(super) fn font_name(face: FaceId) -> String {
    format!("PF{}", face.index())
}

/// A link's clickable area on a page, in PDF coordinates (left, bottom, right, top).
pub(super) struct LinkArea {
    /// The rectangle.
    pub rect: [f32; 4],
    /// Index into the document's link targets.
    pub target: u16,
    /// Its `Link` element.
    pub node: Option<NodeId>,
}

/// One page's operations, the element each of its MCIDs belongs to, and its links.
pub(super) struct PageContent {
    /// Drawing operations.
    pub ops: Vec<Op>,
    /// `mcids[n]` is the element marked content `n` belongs to.
    pub mcids: Vec<NodeId>,
    /// Link areas, for annotations.
    pub links: Vec<LinkArea>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Content(NodeId),
    Artifact,
}

/// Tracks the open marked-content sequence and text object, so that consecutive items of
/// one element share a sequence, and font and colour are set only when they change.
struct Writer {
    ops: Vec<Op>,
    mcids: Vec<NodeId>,
    mark: Option<Mark>,
    in_text: bool,
    font: Option<(FaceId, u32)>,
    fill: Option<Rgb>,
}

impl Writer {
    fn enter(&mut self, mark: Mark) {
        if self.mark == Some(mark) {
            return;
        }
        self.close();
        match mark {
            Mark::Content(node) => {
                let mcid = self.mcids.len() as i64;
                self.mcids.push(node);
                let properties = DictItem::Dict { map: [("MCID".to_string(), DictItem::Int(mcid))].into() };
                // The tag is only a hint; the element's role is in the structure tree.
                self.ops.push(Op::BeginMarkedContentWithProperties { tag: "Span".into(), properties });
            }
            Mark::Artifact => self.ops.push(Op::BeginMarkedContent { tag: "Artifact".into() }),
        }
        self.mark = Some(mark);
    }

    fn close(&mut self) {
        self.end_text();
        if self.mark.take().is_some() {
            self.ops.push(Op::EndMarkedContent);
        }
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
            self.font = None;
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn fill(&mut self, colour: Rgb) {
        if self.fill != Some(colour) {
            self.ops.push(Op::SetFillColor { col: colour_of(colour) });
            self.fill = Some(colour);
        }
    }
}

/// The operations of a page's items.
pub(super) fn page(items: &[Item], used: &mut UsedGlyphs) -> PageContent {
    let height = PAGE_SIZE.1;
    let mut w = Writer {
        ops: Vec::with_capacity(items.len() * 4),
        mcids: Vec::new(),
        mark: None,
        in_text: false,
        font: None,
        fill: None,
    };
    let mut links = Vec::new();
    for item in items {
        match item {
            Item::Text { x, y, size, style, color, text, node, .. } => {
                w.enter(node.map_or(Mark::Artifact, Mark::Content));
                w.begin_text();
                w.fill(*color);
                w.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(height - y)) });
                show(&mut w, text, *style, *size, used);
            }
            Item::Fill { x, y, w: width, h, color } => {
                w.enter(Mark::Artifact);
                w.end_text();
                w.fill(*color);
                let rectangle = Rect {
                    x: Pt(*x),
                    y: Pt(height - y - h),
                    width: Pt(*width),
                    height: Pt(*h),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                };
                w.ops.push(Op::DrawRectangle { rectangle });
            }
            Item::Stroke { x1, y1, x2, y2, width, color } => {
                w.enter(Mark::Artifact);
                w.end_text();
                w.ops.push(Op::SetOutlineColor { col: colour_of(*color) });
                w.ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let point = |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(height - y) }, bezier: false };
                let line = Line { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false };
                w.ops.push(Op::DrawLine { line });
            }
            Item::Link { x, y, w: width, h, link, node } => {
                links.push(LinkArea { rect: [*x, height - y - h, x + width, height - y], target: *link, node: *node });
            }
        }
    }
    w.close();
    PageContent { ops: w.ops, mcids: w.mcids, links }
}

/// Shows `text` from the current text position: one `TJ` per run of a face, kerning as
/// offsets between glyphs.
fn show(w: &mut Writer, text: &str, style: crate::layout::fonts::Style, size: f32, used: &mut UsedGlyphs) {
    let mut run: Vec<DictItem> = Vec::new();
    let mut codes: Vec<u8> = Vec::new();
    let mut face_of_run = None;
    let flush = |w: &mut Writer, run: &mut Vec<DictItem>, codes: &mut Vec<u8>| {
        if !codes.is_empty() {
            run.push(DictItem::String { data: std::mem::take(codes), literal: true });
        }
        if !run.is_empty() {
            w.ops.push(Op::Unknown { key: "TJ".into(), value: vec![DictItem::Array(std::mem::take(run))] });
        }
    };
    for glyph in glyphs(text, variant(style)) {
        if face_of_run != Some(glyph.face) {
            flush(w, &mut run, &mut codes);
            face_of_run = Some(glyph.face);
            if w.font != Some((glyph.face, size.to_bits())) {
                let name = DictItem::Name(font_name(glyph.face).into_bytes());
                w.ops.push(Op::Unknown { key: "Tf".into(), value: vec![name, DictItem::Real(size)] });
                w.font = Some((glyph.face, size.to_bits()));
            }
        }
        if glyph.kern != 0 {
            run.push(DictItem::String { data: std::mem::take(&mut codes), literal: true });
            let units = crate::fonts::face(glyph.face).units_per_em;
            // TJ's numbers move the pen back by thousandths of an em.
            run.push(DictItem::Real(-f32::from(glyph.kern) * 1000.0 / units));
        }
        let id = used.new_id(glyph.face, glyph.id, glyph.char);
        codes.extend_from_slice(&id.to_be_bytes());
    }
    flush(w, &mut run, &mut codes);
}

fn colour_of(Rgb(r, g, b): Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r, g, b, icc_profile: None })
}
