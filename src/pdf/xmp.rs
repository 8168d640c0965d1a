//! The XMP metadata packet: title, author, reference and the PDF/UA identification, the
//! same values as the document information dictionary (readers compare them).

use std::fmt::Write as _;

/// What the packet says.
pub(super) struct Metadata<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub reference: &'a str,
    pub keywords: &'a str,
    pub producer: &'a str,
    /// ISO 8601, e.g. `2026-02-12T00:00:00+00:00`.
    pub date: &'a str,
}

/// The packet's bytes.
pub(super) fn packet(meta: &Metadata) -> Vec<u8> {
    let mut xml = String::from("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    xml.push_str(
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n",
    );
    xml.push_str(
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n",
    );
    let _ = writeln!(xml, "<dc:format>application/pdf</dc:format>");
    let _ = writeln!(
        xml,
        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>",
        escape(meta.title)
    );
    if !meta.author.is_empty() {
        let _ = writeln!(xml, "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>", escape(meta.author));
    }
    if !meta.reference.is_empty() {
        let _ = writeln!(xml, "<dc:identifier>{}</dc:identifier>", escape(meta.reference));
        let _ = writeln!(
            xml,
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            escape(meta.reference)
        );
    }
    let _ = writeln!(xml, "<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>");
    let _ = writeln!(xml, "<pdf:Keywords>{}</pdf:Keywords>", escape(meta.keywords));
    let _ = writeln!(xml, "<pdf:Producer>{}</pdf:Producer>", escape(meta.producer));
    let _ = writeln!(xml, "<xmp:CreatorTool>panelpaper</xmp:CreatorTool>");
    for field in ["CreateDate", "ModifyDate", "MetadataDate"] {
        let _ = writeln!(xml, "<xmp:{field}>{}</xmp:{field}>", meta.date);
    }
    let _ = writeln!(xml, "<pdfuaid:part>1</pdfuaid:part>");
    xml.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    xml.into_bytes()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
