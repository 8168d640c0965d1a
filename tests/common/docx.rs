//! DOCX packages read back: the zip's parts, and their XML through roxmltree.

use std::io::Read;

/// Every part of a DOCX package, name and text, in the package's order.
pub(crate) fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().to_string(), text)
        })
        .collect()
}

/// The part `name` of a package.
pub(crate) fn part(bytes: &[u8], name: &str) -> String {
    parts(bytes).into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
}

/// WordprocessingML's namespace.
pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The `w:val` (or other `w:` attribute) of a node.
pub(crate) fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// Descendants named `w:name`.
pub(crate) fn all<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &'static str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> {
    node.descendants().filter(move |n| n.has_tag_name((W, name)))
}

/// A paragraph's text: its `w:t` (and, `deleted`, `w:delText`) in order.
pub(crate) fn text(node: roxmltree::Node, deleted: bool) -> String {
    node.descendants()
        .filter(|n| n.has_tag_name((W, "t")) || (deleted && n.has_tag_name((W, "delText"))))
        .filter_map(|n| n.text())
        .collect()
}

/// A paragraph's style id.
pub(crate) fn style<'a>(paragraph: roxmltree::Node<'a, '_>) -> Option<&'a str> {
    all(paragraph, "pStyle").next().and_then(|s| attr(s, "val"))
}

/// The paragraphs of a part (a body, a header, a footer) as Word shows them once every
/// tracked change is accepted (`accept`) or rejected, worked out from the XML alone: text
/// inside `w:ins`/`w:moveTo` kept only on accepting, `w:del`/`w:moveFrom` only on
/// rejecting, a paragraph whose mark goes joined to the next, a tracked row kept or
/// dropped whole. Table cells' paragraphs come in document order; line breaks are `\n`.
pub(crate) fn settled_paragraphs(xml: &str, accept: bool) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let mut out = Vec::new();
    let mut joined: Option<String> = None;
    for node in doc.root().descendants() {
        if node.has_tag_name((W, "tr")) {
            continue;
        }
        if !node.has_tag_name((W, "p")) || in_dropped_row(node, accept) {
            continue;
        }
        let mut text = joined.take().unwrap_or_default();
        for part in node.descendants() {
            let inside = |names: &[&str]| part.ancestors().any(|a| names.iter().any(|n| a.has_tag_name((W, *n))));
            let inserted = inside(&["ins", "moveTo"]) && !inside(&["pPr", "rPr"]);
            let deleted = inside(&["del", "moveFrom"]) && !inside(&["pPr", "rPr"]);
            let shown = if accept { !deleted } else { !inserted };
            if !shown {
                continue;
            }
            if part.has_tag_name((W, "t")) || part.has_tag_name((W, "delText")) {
                text.push_str(part.text().unwrap_or_default());
            } else if part.has_tag_name((W, "br")) {
                text.push('\n');
            }
        }
        // The paragraph mark: tracked as inserted (gone on rejecting) or deleted (gone on
        // accepting); a paragraph without its mark runs on into the next.
        let mark = node
            .children()
            .find(|c| c.has_tag_name((W, "pPr")))
            .and_then(|p| p.children().find(|c| c.has_tag_name((W, "rPr"))));
        let mark_has = |name: &str| mark.is_some_and(|m| m.children().any(|c| c.has_tag_name((W, name))));
        let mark_goes = if accept { mark_has("del") } else { mark_has("ins") };
        if mark_goes {
            joined = Some(text);
        } else {
            out.push(text);
        }
    }
    out.extend(joined);
    out
}

/// Whether `paragraph` is in a table row that accepting (`accept`) or rejecting removes.
fn in_dropped_row(paragraph: roxmltree::Node, accept: bool) -> bool {
    paragraph.ancestors().filter(|a| a.has_tag_name((W, "tr"))).any(|row| {
        let properties = row.children().find(|c| c.has_tag_name((W, "trPr")));
        let has = |name: &str| properties.is_some_and(|p| p.children().any(|c| c.has_tag_name((W, name))));
        if accept { has("del") } else { has("ins") }
    })
}
