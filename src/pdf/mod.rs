//! Stage 5b, PDF: laid-out pages into PDF bytes with printpdf, plus the outline, metadata
//! and a document id that depend only on the content.
//!
//! No file I/O and no clock: the creation date comes in through [`PdfOptions`].

mod outline;

use crate::layout::{Finished, Item, PAGE_SIZE, Rgb};
use chrono::NaiveDate;
use printpdf::{
    Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect,
    TextItem, TextMatrix,
};
use sha2::{Digest, Sha256};

/// What the PDF needs beyond the layout.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// Creation date, seconds since 1970; `None` gives 1 January 1970.
    pub creation_date: Option<i64>,
}

impl PdfOptions {
    /// Created on `date` (the document's own), unless `source_date_epoch` (seconds) says
    /// otherwise, for reproducible builds.
    pub fn dated(date: NaiveDate, source_date_epoch: Option<i64>) -> PdfOptions {
        let date = date.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
        PdfOptions { creation_date: source_date_epoch.or(date) }
    }
}

/// The PDF of finished pages: the one way to make a PDF.
pub fn write(layout: &Finished, options: &PdfOptions) -> Vec<u8> {
    let meta = &layout.meta;
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone().unwrap_or_default();
    let reference = meta.reference.clone().unwrap_or_default();
    info.subject = reference.clone();
    let class = meta.classification;
    info.keywords = vec![format!("TLP:{class}"), format!("Classification: {class}"), reference];
    info.creator = "panelpaper".into();
    info.producer = format!("panelpaper {}", env!("CARGO_PKG_VERSION"));
    let date = printpdf::OffsetDateTime::from_unix_timestamp(options.creation_date.unwrap_or(0))
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let pages = layout
        .pages
        .iter()
        .map(|page| PdfPage::new(Mm::from(Pt(PAGE_SIZE.0)), Mm::from(Pt(PAGE_SIZE.1)), ops(&page.items, &layout.links)))
        .collect();
    doc.with_pages(pages);
    let save = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    let mut lopdf = doc.to_lopdf_document(&save, &mut Vec::new());
    outline::add(&mut lopdf, &layout.outline, PAGE_SIZE.1);
    drop_conformance_claims(&mut lopdf);
    compress_streams(&mut lopdf);
    let id = document_id(&lopdf);
    lopdf.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let mut bytes = Vec::new();
    lopdf.save_to(&mut bytes).expect("writing to memory cannot fail");
    bytes
}

/// The page's drawing operations; text runs share one text object, and font and colour are
/// set only when they change (smaller files, faster viewers).
fn ops(items: &[Item], links: &[String]) -> Vec<Op> {
    let height = PAGE_SIZE.1;
    let mut ops = Vec::with_capacity(items.len() * 3);
    let mut in_text = false;
    let mut font = None;
    let mut fill = None;
    let mut set_fill = |ops: &mut Vec<Op>, colour: Rgb| {
        if fill != Some(colour) {
            ops.push(Op::SetFillColor { col: colour_of(colour) });
            fill = Some(colour);
        }
    };
    for item in items {
        match item {
            Item::Text { x, y, size, style, color, text, .. } => {
                if !in_text {
                    ops.push(Op::StartTextSection);
                    in_text = true;
                }
                if font != Some((*style, size.to_bits())) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::Builtin(crate::layout::fonts::Faces::builtin(*style)),
                        size: Pt(*size),
                    });
                    font = Some((*style, size.to_bits()));
                }
                set_fill(&mut ops, *color);
                ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(height - y)) });
                ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
            }
            other => {
                if in_text {
                    ops.push(Op::EndTextSection);
                    in_text = false;
                    font = None;
                }
                match other {
                    Item::Fill { x, y, w, h, color } => {
                        set_fill(&mut ops, *color);
                        ops.push(Op::DrawRectangle {
                            rectangle: Rect {
                                x: Pt(*x),
                                y: Pt(height - y - h),
                                width: Pt(*w),
                                height: Pt(*h),
                                mode: Some(PaintMode::Fill),
                                winding_order: None,
                            },
                        });
                    }
                    Item::Stroke { x1, y1, x2, y2, width, color } => {
                        ops.push(Op::SetOutlineColor { col: colour_of(*color) });
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                        let point =
                            |x: f32, y: f32| LinePoint { p: Point { x: Pt(x), y: Pt(height - y) }, bezier: false };
                        ops.push(Op::DrawLine {
                            line: Line { points: vec![point(*x1, *y1), point(*x2, *y2)], is_closed: false },
                        });
                    }
                    Item::Link { x, y, w, h, link } => {
                        let Some(url) = links.get(usize::from(*link)) else { continue };
                        let rect = Rect {
                            x: Pt(*x),
                            y: Pt(height - y - h),
                            width: Pt(*w),
                            height: Pt(*h),
                            mode: None,
                            winding_order: None,
                        };
                        let link = printpdf::LinkAnnotation::new(
                            rect,
                            printpdf::Actions::Uri(url.clone()),
                            Some(printpdf::BorderArray::Solid([0.0, 0.0, 0.0])),
                            None,
                            None,
                        );
                        ops.push(Op::LinkAnnotation { link });
                    }
                    Item::Text { .. } => unreachable!("matched above"),
                }
            }
        }
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

fn colour_of(Rgb(r, g, b): Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r, g, b, icc_profile: None })
}

/// Deflates every uncompressed stream at flate2's fast level with one reused compressor:
/// lopdf's default level, and a fresh compressor per stream, took most of a paper's PDF time.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut compressor = flate2::Compress::new(flate2::Compression::fast(), true);
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object
            && stream.dict.get(b"Filter").is_err()
            && stream.allows_compression
        {
            compressor.reset();
            let mut compressed = Vec::with_capacity(stream.content.len() / 2 + 64);
            loop {
                let status = compressor
                    .compress_vec(
                        &stream.content[compressor.total_in() as usize..],
                        &mut compressed,
                        flate2::FlushCompress::Finish,
                    )
                    .expect("deflate into memory");
                if status == flate2::Status::StreamEnd {
                    break;
                }
                compressed.reserve(compressed.capacity().max(64));
            }
            if compressed.len() < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

/// printpdf's info dictionary claims PDF/X and carries an empty identifier; the paper is
/// neither, so both go.
fn drop_conformance_claims(doc: &mut lopdf::Document) {
    let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference);
    if let Ok(dict) = info.and_then(|r| doc.get_dictionary_mut(r)) {
        dict.remove(b"GTS_PDFXVersion");
        dict.remove(b"Identifier");
        dict.remove(b"Trapped");
    }
}

/// A document id from the content, so the same paper gives the same bytes (printpdf's own
/// is random).
fn document_id(doc: &lopdf::Document) -> lopdf::Object {
    let mut hash = Sha256::new();
    for object in doc.objects.values() {
        if let lopdf::Object::Stream(stream) = object {
            hash.update(&stream.content);
        }
    }
    if let Ok(info) = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).and_then(|r| doc.get_dictionary(r))
    {
        hash.update(format!("{info:?}").as_bytes());
    }
    lopdf::Object::String(hash.finalize()[..16].to_vec(), lopdf::StringFormat::Hexadecimal)
}
