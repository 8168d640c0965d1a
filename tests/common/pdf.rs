//! Reading our PDFs back: the text of each page as lines, the outline and the info
//! dictionary, through lopdf, with no help from the layout that wrote them.

use lopdf::content::Content;
use lopdf::{Document, Object};

/// A PDF read back.
pub(crate) struct ReadPdf {
    /// The parsed document.
    pub(crate) doc: Document,
    /// Each page's text lines, top to bottom; runs on one line joined left to right.
    pub(crate) pages: Vec<Vec<String>>,
}

impl ReadPdf {
    /// Parses `bytes` and extracts each page's lines.
    pub(crate) fn new(bytes: &[u8]) -> Self {
        let doc = Document::load_mem(bytes).expect("a readable PDF");
        let pages = doc.get_pages().values().map(|id| page_lines(&doc, *id)).collect();
        ReadPdf { doc, pages }
    }

    /// All the text, pages in order, whitespace folded.
    pub(crate) fn text(&self) -> String {
        fold(&self.pages.iter().flatten().cloned().collect::<Vec<_>>().join(" "))
    }

    /// An entry of the info dictionary, decoded.
    pub(crate) fn info(&self, key: &str) -> String {
        let info = self.doc.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
        let dict = self.doc.get_dictionary(info).unwrap();
        dict.get(key.as_bytes()).map(decode_text_string).unwrap_or_default()
    }

    /// Where each link annotation leads, page by page: a `URI` action's address, a `GoToR`
    /// action's file, or `page N` for a link inside the document.
    pub(crate) fn link_targets(&self) -> Vec<String> {
        let mut out = Vec::new();
        for page in self.doc.get_pages().values() {
            let page = self.doc.get_dictionary(*page).unwrap();
            let Ok(annotations) = page.get(b"Annots").and_then(Object::as_array) else { continue };
            for annotation in annotations {
                let annotation = self.doc.get_dictionary(annotation.as_reference().unwrap()).unwrap();
                let action = annotation.get(b"A").and_then(Object::as_dict).unwrap();
                let target = match action.get(b"S").and_then(Object::as_name).unwrap() {
                    b"URI" => action.get(b"URI").map(decode_text_string).unwrap(),
                    b"GoToR" => action.get(b"F").map(decode_text_string).unwrap(),
                    _ => "page".to_string(),
                };
                out.push(target);
            }
        }
        out
    }

    /// The outline as (depth, title, 0-based page index), in reading order.
    pub(crate) fn outline(&self) -> Vec<(usize, String, usize)> {
        let pages: Vec<_> = self.doc.get_pages().values().copied().collect();
        let catalog = self.doc.catalog().unwrap();
        let Ok(outlines) = catalog.get(b"Outlines").and_then(Object::as_reference) else { return Vec::new() };
        let mut out = Vec::new();
        self.walk(self.doc.get_dictionary(outlines).unwrap(), 0, &pages, &mut out);
        out
    }

    fn walk(
        &self,
        parent: &lopdf::Dictionary,
        depth: usize,
        pages: &[lopdf::ObjectId],
        out: &mut Vec<(usize, String, usize)>,
    ) {
        let mut next = parent.get(b"First").and_then(Object::as_reference).ok();
        while let Some(id) = next {
            let item = self.doc.get_dictionary(id).unwrap();
            let title = decode_text_string(item.get(b"Title").unwrap());
            let dest = item.get(b"Dest").and_then(Object::as_array).unwrap();
            let page = pages.iter().position(|p| Some(*p) == dest[0].as_reference().ok()).expect("a page");
            out.push((depth, title, page));
            self.walk(item, depth + 1, pages, out);
            next = item.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
}

impl ReadPdf {
    /// Every `TJ` run of every page with the name of the font it is set in (its subset
    /// tag dropped: `LiberationMono`), in drawing order.
    pub(crate) fn spans(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for page in self.doc.get_pages().values() {
            let fonts = page_fonts(&self.doc, *page);
            let content = Content::decode(&self.doc.get_page_content(*page)).unwrap();
            let mut font: Option<&FontInfo> = None;
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tf" => font = fonts.get(op.operands[0].as_name().unwrap()),
                    "TJ" => {
                        let font = font.expect("a font is set before text");
                        let mut text = String::new();
                        for part in op.operands[0].as_array().unwrap() {
                            if let Object::String(bytes, _) = part {
                                for id in bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])) {
                                    text.push_str(font.text.get(&id).map_or("", String::as_str));
                                }
                            }
                        }
                        out.push((font.name.clone(), text));
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

/// Whitespace folded to single spaces.
pub(crate) fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_text_string(object: &Object) -> String {
    let bytes = object.as_str().unwrap();
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16(&units).unwrap();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// A font's `ToUnicode` map and widths, read from the PDF.
struct FontInfo {
    text: std::collections::HashMap<u16, String>,
    widths: Vec<f32>,
    /// The font's name without its subset tag.
    name: String,
}

/// The fonts of a page's resources, by resource name.
fn page_fonts(doc: &Document, page: lopdf::ObjectId) -> std::collections::HashMap<Vec<u8>, FontInfo> {
    let resolve = |o: &Object| -> Object {
        match o {
            Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
            other => other.clone(),
        }
    };
    let page = doc.get_dictionary(page).unwrap();
    let resources = resolve(page.get(b"Resources").unwrap());
    let fonts = resolve(resources.as_dict().unwrap().get(b"Font").unwrap());
    let mut out = std::collections::HashMap::new();
    for (name, font) in fonts.as_dict().unwrap().iter() {
        let font = resolve(font);
        let font = font.as_dict().unwrap();
        let cmap = doc.get_object(font.get(b"ToUnicode").unwrap().as_reference().unwrap()).unwrap();
        let cmap = String::from_utf8(cmap.as_stream().unwrap().decompressed_content().unwrap()).unwrap();
        let mut text = std::collections::HashMap::new();
        for line in cmap.lines().filter(|l| l.starts_with('<')) {
            let parts: Vec<&str> = line.split(['<', '>', ' ']).filter(|p| !p.is_empty()).collect();
            if parts.len() == 2 && parts[0].len() == 4 {
                let units: Vec<u16> = parts[1]
                    .as_bytes()
                    .chunks(4)
                    .map(|c| u16::from_str_radix(std::str::from_utf8(c).unwrap(), 16).unwrap())
                    .collect();
                text.insert(u16::from_str_radix(parts[0], 16).unwrap(), String::from_utf16(&units).unwrap());
            }
        }
        let descendant = resolve(&font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]);
        let w = descendant.as_dict().unwrap().get(b"W").unwrap().as_array().unwrap();
        let widths = w[1].as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
        let base = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
        let base = base.split_once('+').map_or(base.clone(), |(_, name)| name.to_string());
        out.insert(name.clone(), FontInfo { text, widths, name: base });
    }
    out
}

/// Text runs placed by `Tm` and shown by `TJ` (glyph ids through each font's `ToUnicode`
/// map), grouped into lines by baseline.
fn page_lines(doc: &Document, page: lopdf::ObjectId) -> Vec<String> {
    let fonts = page_fonts(doc, page);
    let content = Content::decode(&doc.get_page_content(page)).unwrap();
    let (mut x, mut y, mut size) = (0.0f32, 0.0f32, 0.0f32);
    let mut font: Option<&FontInfo> = None;
    let mut runs: Vec<(f32, f32, f32, String)> = Vec::new();
    for op in &content.operations {
        let number = |i: usize| op.operands[i].as_float().unwrap();
        match op.operator.as_str() {
            "Tm" => (x, y) = (number(4), number(5)),
            "Tf" => {
                size = number(1);
                font = fonts.get(op.operands[0].as_name().unwrap());
            }
            "TJ" => {
                let font = font.expect("a font is set before text");
                let (mut text, mut width) = (String::new(), 0.0f32);
                for part in op.operands[0].as_array().unwrap() {
                    match part {
                        Object::String(bytes, _) => {
                            for id in bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])) {
                                text.push_str(&font.text[&id]);
                                width += font.widths[usize::from(id)] * size / 1000.0;
                            }
                        }
                        other => width -= other.as_float().unwrap() * size / 1000.0,
                    }
                }
                runs.push((y, x, width, text));
                x += width;
            }
            _ => {}
        }
    }
    runs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.total_cmp(&b.1)));
    let mut lines: Vec<String> = Vec::new();
    let mut last: Option<(f32, f32)> = None; // (baseline, right edge)
    for (y, x, width, text) in runs {
        match last {
            Some((ly, right)) if (ly - y).abs() < 0.5 => {
                let line = lines.last_mut().unwrap();
                if x - right > 0.5 {
                    line.push(' ');
                }
                line.push_str(&text);
            }
            _ => lines.push(text),
        }
        last = Some((y, x + width));
    }
    lines
}
