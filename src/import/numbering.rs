//! The numbering part: which list a paragraph is in, at which level, and whether that
//! level shows bullets or numbers (and from which number), as Word's numbering definitions
//! and their overrides say.

use super::styles::{attr, child};
use std::collections::BTreeMap;

/// A `w:numPr`: (`numId`, level); `numId` 0 means "no numbering".
pub(super) fn numbering_of(num_pr: roxmltree::Node) -> Option<(u32, u8)> {
    let id = child(num_pr, "numId").and_then(|n| attr(n, "val")?.parse::<u32>().ok())?;
    let level = child(num_pr, "ilvl").and_then(|n| attr(n, "val")?.parse::<u8>().ok()).unwrap_or(0);
    Some((id, level.min(8)))
}

/// One list level: numbered (any format but bullets) or not, and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Level {
    /// Numbered (decimal, letters, roman…) rather than bulleted.
    pub(super) ordered: bool,
    /// The first item's number.
    pub(super) start: u64,
}

/// The numbering part, read: each `numId`'s levels.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: BTreeMap<String, BTreeMap<u8, Option<Level>>>,
    nums: BTreeMap<u32, (String, BTreeMap<u8, u64>)>,
}

impl Numbering {
    /// Reads `numbering.xml`.
    pub(super) fn read(xml: Option<&str>) -> Numbering {
        let mut numbering = Numbering::default();
        let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else { return numbering };
        let root = doc.root_element();
        for definition in root.children().filter(|n| n.tag_name().name() == "abstractNum") {
            let Some(id) = attr(definition, "abstractNumId") else { continue };
            let levels = definition
                .children()
                .filter(|n| n.tag_name().name() == "lvl")
                .filter_map(|level| {
                    let index = attr(level, "ilvl")?.parse::<u8>().ok()?;
                    let format = child(level, "numFmt").and_then(|f| attr(f, "val")).unwrap_or("decimal");
                    let start = child(level, "start").and_then(|s| attr(s, "val")?.parse().ok()).unwrap_or(1);
                    // "none" shows no label: the paragraphs are not a list.
                    let level = (format != "none").then_some(Level { ordered: format != "bullet", start });
                    Some((index, level))
                })
                .collect();
            numbering.abstracts.insert(id.to_string(), levels);
        }
        for num in root.children().filter(|n| n.tag_name().name() == "num") {
            let Some(id) = attr(num, "numId").and_then(|i| i.parse::<u32>().ok()) else { continue };
            let Some(definition) = child(num, "abstractNumId").and_then(|a| attr(a, "val")) else { continue };
            let starts = num
                .children()
                .filter(|n| n.tag_name().name() == "lvlOverride")
                .filter_map(|o| {
                    let level = attr(o, "ilvl")?.parse::<u8>().ok()?;
                    let start = child(o, "startOverride").and_then(|s| attr(s, "val")?.parse().ok())?;
                    Some((level, start))
                })
                .collect();
            numbering.nums.insert(id, (definition.to_string(), starts));
        }
        numbering
    }

    /// Level `level` of list `id`: `None` when the list does not exist or shows no label.
    pub(super) fn level(&self, id: u32, level: u8) -> Option<Level> {
        let (definition, starts) = self.nums.get(&id)?;
        let mut found = *self.abstracts.get(definition)?.get(&level)?;
        if let (Some(found), Some(start)) = (found.as_mut(), starts.get(&level)) {
            found.start = *start;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_tells_bullets_from_numbers_and_restarts() {
        let xml = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/></w:lvl>
              <w:lvl w:ilvl="1"><w:numFmt w:val="none"/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        let numbering = Numbering::read(Some(xml));
        assert_eq!(numbering.level(1, 0), Some(Level { ordered: false, start: 1 }));
        assert_eq!(numbering.level(2, 0), Some(Level { ordered: true, start: 4 }));
        assert_eq!(numbering.level(2, 1), None, "no label: not a list");
        assert_eq!(numbering.level(9, 0), None);
    }
}
