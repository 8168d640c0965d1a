//! Stage 5b, PDF: laid-out pages into a tagged PDF 1.7 that conforms to PDF/UA-1. printpdf
//! writes the document (page tree, resources, info); the pages' content streams are
//! written here as bytes (`content.rs`); lopdf adds what printpdf lacks — the embedded font
//! subsets, the structure tree and link annotations, the outline, XMP metadata, the
//! language and a document id that depends only on the content; `serialize.rs` writes the
//! file with object streams.
//!
//! No file I/O and no clock: the creation date comes in through [`PdfOptions`].

mod content;
mod deflate;
mod fonts;
mod outline;
mod pack;
mod serialize;
mod tags;
mod unhint;
mod xmp;

pub use pack::PackWriter;

use crate::layout::{Finished, PAGE_SIZE};
use chrono::NaiveDate;
use lopdf::{Dictionary, Object, Stream};
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions, Pt};

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

/// The document's language, for readers' speech (PDF/UA-1 7.2).
const LANGUAGE: &str = "en-GB";

/// The PDF of finished pages: the one way to make a PDF.
pub fn write(layout: &Finished, options: &PdfOptions) -> Vec<u8> {
    let meta = &layout.meta;
    let seconds = options.creation_date.unwrap_or(0);
    let mut doc = PdfDocument::new(&meta.title);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(seconds)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
    let info = &mut doc.metadata.info;
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let mut used = content::UsedGlyphs::default();
    let mut contents: Vec<content::PageContent> =
        layout.pages.iter().map(|page| content::page(page, &mut used)).collect();
    // printpdf writes the document's skeleton (pages, resources, info); the pages' content
    // streams are ours, finished, set in below.
    let pages = contents.iter().map(|_| PdfPage::new(Mm::from(Pt(PAGE_SIZE.0)), Mm::from(Pt(PAGE_SIZE.1)), Vec::new()));
    doc.with_pages(pages.collect());
    let save = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    let mut lopdf = doc.to_lopdf_document(&save, &mut Vec::new());
    lopdf.version = "1.7".into();

    let page_ids: Vec<lopdf::ObjectId> = lopdf.get_pages().into_values().collect();
    set_contents(&mut lopdf, &page_ids, &mut contents);
    let fonts = fonts::embed(&mut lopdf, &used);
    add_fonts(&mut lopdf, &page_ids, fonts);
    let tree = tags::add(&mut lopdf, &layout.structure, &page_ids, &contents, &layout.links);
    outline::add(&mut lopdf, &layout.outline, PAGE_SIZE.1);

    let reference = meta.reference.clone().unwrap_or_default();
    let class = meta.classification;
    let keywords = format!("TLP:{class}, Classification: {class}, {reference}");
    let producer = format!("panelpaper {}", env!("CARGO_PKG_VERSION"));
    let author = meta.author.clone().unwrap_or_default();
    set_info(&mut lopdf, &meta.title, &author, &reference, &keywords, &producer);
    let iso_date =
        chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default().format("%Y-%m-%dT%H:%M:%S+00:00").to_string();
    let packet = xmp::packet(&xmp::Metadata {
        title: &meta.title,
        author: &author,
        reference: &reference,
        keywords: &keywords,
        producer: &producer,
        date: &iso_date,
    });
    let mut metadata = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        packet,
    );
    // Left uncompressed, as archivers and metadata tools expect to find it.
    metadata.allows_compression = false;
    let metadata = lopdf.add_object(metadata);
    if let Ok(catalog) = lopdf.catalog_mut() {
        catalog.set("Lang", Object::String(LANGUAGE.as_bytes().to_vec(), lopdf::StringFormat::Literal));
        catalog.set("MarkInfo", Object::Dictionary(Dictionary::from_iter(vec![("Marked", Object::Boolean(true))])));
        catalog.set("StructTreeRoot", Object::Reference(tree.root));
        catalog.set(
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])),
        );
        catalog.set("Metadata", Object::Reference(metadata));
    }
    // From the content as written, not as compressed: the id does not change with the
    // compressor.
    let id = document_id(&lopdf, &page_ids);
    lopdf.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    compress_streams(&mut lopdf);
    serialize::save(&lopdf, &tree.elements)
}

/// Each page's content stream, in place of printpdf's empty one.
fn set_contents(doc: &mut lopdf::Document, pages: &[lopdf::ObjectId], contents: &mut [content::PageContent]) {
    for (page, content) in pages.iter().zip(contents) {
        let stream = doc.add_object(Stream::new(Dictionary::new(), std::mem::take(&mut content.stream)));
        let Ok(dict) = doc.get_dictionary_mut(*page) else { continue };
        let old = dict.get(b"Contents").and_then(Object::as_reference).ok();
        dict.set("Contents", Object::Reference(stream));
        if let Some(old) = old {
            doc.objects.remove(&old);
        }
    }
}

/// Puts the embedded fonts in the font resources every page shares.
fn add_fonts(doc: &mut lopdf::Document, pages: &[lopdf::ObjectId], fonts: Dictionary) {
    let fonts = doc.add_object(fonts);
    for page in pages {
        let resources = doc.get_dictionary(*page).and_then(|p| p.get(b"Resources")).and_then(Object::as_reference);
        if let Ok(resources) = resources.and_then(|r| doc.get_dictionary_mut(r)) {
            resources.set("Font", Object::Reference(fonts));
        }
    }
}

/// The document information dictionary, written here (printpdf's claims PDF/X and has an
/// empty identifier) so that its values are exactly the XMP packet's.
fn set_info(doc: &mut lopdf::Document, title: &str, author: &str, subject: &str, keywords: &str, producer: &str) {
    let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference);
    if let Ok(dict) = info.and_then(|r| doc.get_dictionary_mut(r)) {
        for key in [&b"GTS_PDFXVersion"[..], b"Identifier", b"Trapped"] {
            dict.remove(key);
        }
        dict.set("Title", tags::text_string(title));
        dict.set("Author", tags::text_string(author));
        dict.set("Subject", tags::text_string(subject));
        dict.set("Keywords", tags::text_string(keywords));
        dict.set("Creator", tags::text_string("panelpaper"));
        dict.set("Producer", tags::text_string(producer));
    }
}

/// Deflates every uncompressed stream (see `deflate.rs` for how).
fn compress_streams(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            Object::Stream(stream)
                if stream.dict.get(b"Filter").is_err()
                    && stream.allows_compression
                    // Below this, compressing costs more than it saves.
                    && stream.content.len() > 512 =>
            {
                Some(stream)
            }
            _ => None,
        })
        .collect();
    let contents: Vec<&[u8]> = streams.iter().map(|stream| stream.content.as_slice()).collect();
    let compressed = deflate::all(&contents);
    for (stream, compressed) in streams.iter_mut().zip(compressed) {
        if compressed.len() < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// A document id from the content, so the same paper gives the same bytes (printpdf's own
/// is random). XXH3's 128 bits: the id needs to differ between documents, not to resist
/// forgery, and SHA-256 took a tenth of the seed paper's instructions.
fn document_id(doc: &lopdf::Document, pages: &[lopdf::ObjectId]) -> lopdf::Object {
    // The pages' content and the metadata determine everything else (fonts, structure).
    let mut hash = xxhash_rust::xxh3::Xxh3::new();
    for page in pages {
        let contents = doc.get_dictionary(*page).and_then(|p| p.get(b"Contents")).and_then(Object::as_reference);
        if let Ok(Object::Stream(stream)) = contents.and_then(|id| doc.get_object(id)) {
            hash.update(&stream.content);
        }
    }
    if let Ok(info) = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).and_then(|r| doc.get_dictionary(r))
    {
        let mut bytes = Vec::new();
        serialize::write_object(&mut bytes, &Object::Dictionary(info.clone()));
        hash.update(&bytes);
    }
    lopdf::Object::String(hash.digest128().to_be_bytes().to_vec(), lopdf::StringFormat::Hexadecimal)
}
