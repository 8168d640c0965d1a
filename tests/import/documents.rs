//! Word documents built for the import tests, byte by byte where a word processor would
//! not make them: minimal packages, zip bombs (a deflate stream written by hand, so the
//! test never inflates what it builds), OLE files, macro-enabled packages, German style
//! ids, and documents generated from the patterns the heuristics look for.

use std::io::Write;
use std::path::Path;

/// `[Content_Types].xml` of a Word document (`main` its main part's content type).
pub(crate) fn content_types(main: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}"/></Types>"#
    )
}

pub(crate) const DOCUMENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
pub(crate) const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A zip of `parts`, deflated, as the zip crate writes it.
pub(crate) fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A Word document whose body is `paragraphs`, plain.
pub(crate) fn plain_document(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>")).collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    package(&[
        ("[Content_Types].xml", content_types(DOCUMENT_TYPE).as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// The zip's CRC-32 of `bytes`.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A deflate stream of `size` zero bytes (one fixed-Huffman block of 258-byte copies):
/// a thousandth of its size, written without inflating anything.
pub(crate) fn zeros_deflated(size: usize) -> Vec<u8> {
    struct Bits(Vec<u8>, u32, u32);
    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            for i in 0..count {
                self.1 |= ((value >> i) & 1) << self.2;
                self.2 += 1;
                if self.2 == 8 {
                    self.0.push(self.1 as u8);
                    (self.1, self.2) = (0, 0);
                }
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u32, count: u32) {
            let reversed = (0..count).fold(0, |r, i| r | (((code >> (count - 1 - i)) & 1) << i));
            self.put(reversed, count);
        }
    }
    let mut bits = Bits(Vec::new(), 0, 0);
    bits.put(1, 1); // the last block
    bits.put(1, 2); // fixed Huffman codes
    bits.code(0x30, 8); // literal 0
    for _ in 0..(size - 1) / 258 {
        bits.code(0xC5, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7);
    bits.0
}

/// A zip bomb: a Word package whose `word/document.xml` inflates to `size` bytes, the
/// zip saying it inflates to `declared`.
pub(crate) fn bomb(size: usize, declared: u32) -> Vec<u8> {
    let mut entries: Vec<(&str, Vec<u8>, u16, u32, u32)> = Vec::new();
    for (name, bytes) in [
        ("[Content_Types].xml", content_types(DOCUMENT_TYPE).into_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes().to_vec()),
    ] {
        let (crc, len) = (crc32(&bytes), bytes.len() as u32);
        entries.push((name, bytes, 0, crc, len));
    }
    entries.push(("word/document.xml", zeros_deflated(size), 8, 0, declared));
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, data, method, crc, inflated) in &entries {
        let offset = out.len() as u32;
        let header = |signature: u32, central: bool| {
            let mut h = signature.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            for field in [20u16, 0, *method, 0, 0x21] {
                h.extend(field.to_le_bytes());
            }
            for field in [*crc, data.len() as u32, *inflated] {
                h.extend(field.to_le_bytes());
            }
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes());
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let start = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(start.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// An OLE compound file holding streams named `streams` (as Office's encrypted documents
/// and old `.doc` files are): the magic, then the names in UTF-16 as its directory has them.
pub(crate) fn ole(streams: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    for name in streams {
        let mut entry: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        bytes.extend(entry);
    }
    bytes
}

/// `docx` with `word/vbaProject.bin` added (and, if `retype`, its type made a `.docm`'s).
pub(crate) fn with_macros(docx: &[u8], retype: bool) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
            (file.name().to_string(), bytes)
        })
        .collect();
    if retype {
        let types = &mut parts.iter_mut().find(|(n, _)| n == "[Content_Types].xml").unwrap().1;
        let text = String::from_utf8(types.clone()).unwrap();
        *types = text.replace(DOCUMENT_TYPE, "application/vnd.ms-word.document.macroEnabled.main+xml").into_bytes();
    } else {
        parts.push(("word/vbaProject.bin".into(), b"Attribute VB_Name = \"Module1\"".to_vec()));
    }
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    package(&refs)
}

/// `docx` with the style ids a German Word gives its built-in styles (`berschrift1` for
/// Heading 1, `Titel`, `Aufzhlungszeichen`…), whose names Word keeps in English.
pub(crate) fn localize(docx: &Path, to: &Path) {
    let ids = [
        ("Heading1", "berschrift1"),
        ("Heading2", "berschrift2"),
        ("Title", "Titel"),
        ("ListBullet", "Aufzhlungszeichen"),
        ("Normal", "Standard"),
    ];
    let bytes = std::fs::read(docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut data).unwrap();
        if matches!(file.name(), "word/styles.xml" | "word/document.xml") {
            let mut text = String::from_utf8(data).unwrap();
            for (english, german) in ids {
                text = text.replace(&format!("w:styleId=\"{english}\""), &format!("w:styleId=\"{german}\""));
                for element in ["pStyle", "basedOn", "next", "link"] {
                    text = text.replace(
                        &format!("<w:{element} w:val=\"{english}\""),
                        &format!("<w:{element} w:val=\"{german}\""),
                    );
                }
            }
            text = text.replace("<w:name w:val=\"Heading 1\"", "<w:name w:val=\"heading 1\"");
            text = text.replace("<w:name w:val=\"Heading 2\"", "<w:name w:val=\"heading 2\"");
            assert!(text.contains("berschrift1"), "{} has Heading 1", file.name());
            data = text.into_bytes();
        }
        parts.push((file.name().to_string(), data));
    }
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    std::fs::write(to, package(&refs)).unwrap();
}

/// Paragraph styles and texts the generated documents are made of: what the heuristics
/// look for, next to one another in any order, with characters of several bytes.
pub(crate) const STYLES: [&str; 8] =
    ["Title", "Heading1", "Heading2", "Heading3", "ListBullet", "Quote", "Normal", "Code"];
pub(crate) const TEXTS: [&str; 16] = [
    "1. Purpose",
    "2.1 Détail – ‘x’",
    "Recommendations",
    "The Panel is requested to:",
    "NOTE the update [AMBER];",
    "RATIFY it",
    "Huw Exley",
    "6 March 2020",
    "Attachments:",
    "Appendix A – Title: words (TLP:RED)",
    "Annex A: Table",
    "Paper Reference: SECP_78_1303_29",
    "This document is classified as Amber in accordance…",
    "{{ data.x }} *stars* _under_ | pipe <b> &amp; \\",
    "- 1) # > ``` ~~~ ***",
    "İİ Ωμέγα 漢字",
];

/// A document of `paragraphs` (style, text, bold) with a table after paragraph
/// `table_at`, between a front (reference, title, a first section) and a sign-off, so
/// that most documents import and the YAML is written.
pub(crate) fn generated(paragraphs: &[(u8, u8, bool)], table_at: usize) -> Vec<u8> {
    let mut body = String::from(concat!(
        r#"<w:p><w:r><w:t>Paper Reference: SECP_78_1303_29</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>A title</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Purpose</w:t></w:r></w:p>"#,
    ));
    for (i, (style, text, bold)) in paragraphs.iter().enumerate() {
        let style = STYLES[usize::from(*style) % STYLES.len()];
        let text = TEXTS[usize::from(*text) % TEXTS.len()].replace('&', "&amp;").replace('<', "&lt;");
        let bold = if *bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
        body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r>{bold}<w:t xml:space="preserve">{text}</w:t></w:r><w:r><w:br/><w:t>x</w:t></w:r></w:p>"#));
        if i == table_at {
            body.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p/></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>[RED] 1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>");
        }
    }
    body.push_str(
        r#"<w:p><w:r><w:t>Jo Bloggs</w:t><w:br/><w:t>SECAS Team</w:t><w:br/><w:t>6 March 2020</w:t></w:r></w:p>"#,
    );
    let document = format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    package(&[
        ("[Content_Types].xml", content_types(DOCUMENT_TYPE).as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// A Word document whose one paragraph sits inside `depth` nested content controls.
pub(crate) fn nested_document(depth: usize) -> Vec<u8> {
    let body = format!(
        "{}<w:p><w:r><w:t>Deep inside.</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    package(&[
        ("[Content_Types].xml", content_types(DOCUMENT_TYPE).as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}
