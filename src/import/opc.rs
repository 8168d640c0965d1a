//! The Open Packaging Conventions' own parts: content types (`[Content_Types].xml`) and
//! relationships (`_rels/*.rels`), which say what each part of a package is and where the
//! parts a part refers to are; and XML text decoded as its byte-order mark says.

use std::collections::BTreeMap;

/// XML text: UTF-8 (a byte-order mark dropped), or UTF-16 as its byte-order mark says.
pub(super) fn decode(bytes: Vec<u8>) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        return encoding.decode_with_bom_removal(&bytes).0.into_owned();
    }
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// `word/_rels/document.xml.rels` for `word/document.xml`.
pub(super) fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, name)) => format!("{folder}/_rels/{name}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationships part: id → (the type's last segment, the target resolved against
/// `source`'s folder unless external, whether it is external).
pub(super) fn relationships(xml: &str, source: &str) -> BTreeMap<String, (String, String, bool)> {
    let Ok(doc) = roxmltree::Document::parse(xml) else { return BTreeMap::new() };
    let folder = source.rsplit_once('/').map_or("", |(f, _)| f);
    doc.descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter_map(|n| {
            let id = n.attribute("Id")?.to_string();
            let kind = n.attribute("Type")?.rsplit('/').next()?.to_string();
            let target = n.attribute("Target")?;
            let external = n.attribute("TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
            let target = if external { target.to_string() } else { resolve(folder, target) };
            Some((id, (kind, target, external)))
        })
        .collect()
}

/// `target` relative to `folder` as a part name (`/word/x.xml` is absolute).
fn resolve(folder: &str, target: &str) -> String {
    let mut parts: Vec<&str> =
        if target.starts_with('/') { Vec::new() } else { folder.split('/').filter(|p| !p.is_empty()).collect() };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// The content type `[Content_Types].xml` gives `part`: its override, else its
/// extension's default.
pub(super) fn content_type(xml: &str, part: &str) -> Option<String> {
    let doc = roxmltree::Document::parse(xml).ok()?;
    let name = format!("/{part}");
    let overridden = doc.descendants().find(|n| {
        n.tag_name().name() == "Override" && n.attribute("PartName").is_some_and(|p| p.eq_ignore_ascii_case(&name))
    });
    if let Some(node) = overridden {
        return node.attribute("ContentType").map(str::to_string);
    }
    let extension = part.rsplit('.').next()?;
    doc.descendants()
        .find(|n| {
            n.tag_name().name() == "Default"
                && n.attribute("Extension").is_some_and(|e| e.eq_ignore_ascii_case(extension))
        })
        .and_then(|n| n.attribute("ContentType"))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_source_folder() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word", "/word/media/a.png"), "word/media/a.png");
        assert_eq!(rels_name("word/document.xml"), "word/_rels/document.xml.rels");
    }
}
