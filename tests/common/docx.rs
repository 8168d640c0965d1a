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
