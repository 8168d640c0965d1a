//! A paragraph's content as the dialect's inlines: runs with their formatting, links
//! (hyperlink elements and HYPERLINK fields), tracked changes accepted or rejected,
//! field results kept and their instructions dropped; what has no place in a paper's text
//! (pictures, text boxes, footnotes, equations, symbols of picture fonts, hidden text) is
//! reported where it stands.

use super::Finding;
use super::read::Reader;
use super::styles::{Format, attr, child, run_format};
use crate::diagnostic::Kind;
use crate::dialect::{Inline, Style};

/// A field being read: its instruction until its result starts.
#[derive(Debug, Default)]
pub(super) struct Field {
    instruction: String,
    in_result: bool,
    link: Option<u32>,
}

/// What a paragraph has collected so far besides its inlines.
#[derive(Debug, Default)]
pub(super) struct Gathered {
    /// A page break came before any text.
    pub(super) page_break: bool,
    /// Paragraphs of text boxes anchored in it, read after it.
    pub(super) text_boxes: Vec<roxmltree::NodeId>,
}

/// The style a run's formatting gives, in link `link`.
fn style(format: Format, link: Option<u32>) -> Style {
    Style {
        bold: format.bold == Some(true),
        italic: format.italic == Some(true),
        strike: format.strike == Some(true),
        code: format.code == Some(true),
        link,
        ..Style::REGULAR
    }
}

/// The address a HYPERLINK field instruction names (`HYPERLINK "https://…" \o "tip"`);
/// `None` for a link within the document (`\l`).
fn field_address(instruction: &str) -> Option<String> {
    let rest = instruction.trim().strip_prefix("HYPERLINK")?.trim_start();
    if rest.starts_with("\\l") {
        return None;
    }
    let address = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    (!address.is_empty()).then(|| address.to_string())
}

impl Reader<'_> {
    /// The link index of `address`, added to the document's links if new.
    pub(super) fn link(&mut self, address: &str) -> Option<u32> {
        let index = self.links.iter().position(|l| l == address).unwrap_or_else(|| {
            self.links.push(address.to_string());
            self.links.len() - 1
        });
        u32::try_from(index).ok()
    }

    /// The content of `node` (a paragraph or anything that holds runs) added to `out`.
    pub(super) fn content(
        &mut self,
        node: roxmltree::Node,
        base: Format,
        link: Option<u32>,
        out: &mut Vec<Inline>,
        gathered: &mut Gathered,
    ) {
        for item in node.children().filter(roxmltree::Node::is_element) {
            match item.tag_name().name() {
                "r" => self.run(item, base, link, out, gathered),
                "hyperlink" => {
                    let target = attr(item, "id").and_then(|id| self.relationships.get(id)).map(|(_, t, _)| t.clone());
                    let link = match target {
                        Some(target) => self.link(&target),
                        None => link, // an anchor within the document: its text, unlinked
                    };
                    self.content(item, base, link, out, gathered);
                }
                "ins" | "moveTo" => {
                    self.tracked.count(item.tag_name().name());
                    if !self.reject {
                        self.content(item, base, link, out, gathered);
                    }
                }
                "del" | "moveFrom" => {
                    self.tracked.count(item.tag_name().name());
                    if self.reject {
                        self.deleted += 1;
                        self.content(item, base, link, out, gathered);
                        self.deleted -= 1;
                    }
                }
                "fldSimple" => {
                    let address = attr(item, "instr").and_then(field_address);
                    let link = address.and_then(|a| self.link(&a)).or(link);
                    self.content(item, base, link, out, gathered);
                }
                "smartTag" | "customXml" | "dir" | "bdo" => self.content(item, base, link, out, gathered),
                "sdt" => {
                    if let Some(inner) = child(item, "sdtContent") {
                        self.content(inner, base, link, out, gathered);
                    }
                }
                "commentRangeStart" => {
                    if let Some(id) = attr(item, "id") {
                        self.anchor_comment(id);
                    }
                }
                "oMath" | "oMathPara" => {
                    let text: String =
                        item.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|n| n.text()).collect();
                    self.finding(Kind::ImportUnmapped, format!("an equation is kept as its text “{}”", text.trim()));
                    out.push(Inline::Text(text, style(base, link)));
                }
                _ => {}
            }
        }
    }

    /// One run: its text in its formatting, breaks, and what it anchors.
    fn run(
        &mut self,
        run: roxmltree::Node,
        base: Format,
        link: Option<u32>,
        out: &mut Vec<Inline>,
        gathered: &mut Gathered,
    ) {
        let properties = child(run, "rPr");
        let character = properties.and_then(|p| child(p, "rStyle")).and_then(|s| attr(s, "val"));
        let mut format = base;
        if let Some(id) = character {
            format = format.over(self.styles.character_format(id));
        }
        format = format.over(run_format(properties));
        if properties.is_some_and(|p| child(p, "rPrChange").is_some()) {
            self.tracked.count("format");
        }
        let link = self.fields.iter().rev().find_map(|f| f.link).or(link);
        let shown = |reader: &Reader| reader.fields.iter().all(|f| f.in_result);
        for item in run.children().filter(roxmltree::Node::is_element) {
            let text = match item.tag_name().name() {
                "t" if self.deleted == 0 => item.text().unwrap_or_default().replace(['\n', '\r', '\t'], " "),
                "delText" if self.deleted > 0 => item.text().unwrap_or_default().replace(['\n', '\r', '\t'], " "),
                "tab" | "ptab" => " ".to_string(),
                "noBreakHyphen" => "-".to_string(),
                "sym" => self.symbol(item),
                "br" | "cr" => {
                    if attr(item, "type") == Some("page") {
                        if out.iter().all(|i| matches!(i, Inline::Text(t, _) if t.trim().is_empty())) {
                            gathered.page_break = true;
                        }
                    } else if shown(self) && attr(item, "type") != Some("column") {
                        out.push(Inline::Break);
                    }
                    continue;
                }
                "fldChar" => {
                    match attr(item, "fldCharType") {
                        Some("begin") => self.fields.push(Field::default()),
                        Some("separate") => {
                            if let Some(field) = self.fields.last_mut() {
                                field.in_result = true;
                                let address = field_address(&field.instruction);
                                if let Some(address) = address {
                                    let index = self.link(&address);
                                    if let Some(field) = self.fields.last_mut() {
                                        field.link = index;
                                    }
                                }
                            }
                        }
                        Some("end") => {
                            self.fields.pop();
                        }
                        _ => {}
                    }
                    continue;
                }
                "instrText" => {
                    if let Some(field) = self.fields.last_mut().filter(|f| !f.in_result) {
                        field.instruction.push_str(item.text().unwrap_or_default());
                    }
                    continue;
                }
                "drawing" | "pict" | "object" => {
                    self.picture(item, gathered);
                    continue;
                }
                "AlternateContent" => {
                    // The first choice is the picture or shape; the fallback repeats it.
                    if let Some(choice) = item.children().find(|n| n.tag_name().name() == "Choice") {
                        self.picture(choice, gathered);
                    }
                    continue;
                }
                "commentReference" => {
                    if let Some(id) = attr(item, "id") {
                        self.anchor_comment(id);
                    }
                    continue;
                }
                "footnoteReference" | "endnoteReference" => {
                    let notes =
                        if item.tag_name().name() == "footnoteReference" { &self.footnotes } else { &self.endnotes };
                    let note = attr(item, "id").and_then(|id| notes.get(id)).cloned().unwrap_or_default();
                    self.finding(
                        Kind::ImportUnmapped,
                        format!("a footnote is kept in the text, in brackets: “{}”", super::report::first_words(&note)),
                    );
                    format!(" (Footnote: {})", note.trim())
                }
                _ => continue,
            };
            if text.is_empty() || !shown(self) {
                continue;
            }
            if format.hidden == Some(true) {
                self.finding(
                    Kind::ImportUnmapped,
                    format!("hidden text “{}” is left out", super::report::first_words(&text)),
                );
                continue;
            }
            out.push(Inline::Text(text, style(format, link)));
        }
    }

    /// A `w:sym`: its character, unless it is in a picture font (Symbol, Wingdings), whose
    /// codes are private and mean nothing elsewhere.
    fn symbol(&mut self, symbol: roxmltree::Node) -> String {
        let font = attr(symbol, "font").unwrap_or_default();
        let code = attr(symbol, "char").and_then(|c| u32::from_str_radix(c, 16).ok()).unwrap_or(0);
        let picture_font = ["symbol", "wingdings", "webdings"].iter().any(|f| font.to_ascii_lowercase().starts_with(f));
        match char::from_u32(code).filter(|_| !picture_font && !(0xF000..=0xF0FF).contains(&code)) {
            Some(c) => c.to_string(),
            None => {
                self.finding(
                    Kind::ImportUnmapped,
                    format!("a symbol of the {font} font (code {code:04X}) is left out"),
                );
                String::new()
            }
        }
    }

    /// A picture, shape or embedded object: reported; text boxes in it are read after the
    /// paragraph.
    fn picture(&mut self, node: roxmltree::Node, gathered: &mut Gathered) {
        let boxes: Vec<roxmltree::NodeId> = node
            .descendants()
            .filter(|n| n.tag_name().name() == "txbxContent")
            .filter(|n| !n.ancestors().any(|a| a.tag_name().name() == "Fallback"))
            .map(|n| n.id())
            .collect();
        if !boxes.is_empty() {
            self.finding(Kind::ImportUnmapped, "a text box's text is kept as paragraphs after it".to_string());
            gathered.text_boxes.extend(boxes);
            return;
        }
        let described = node
            .descendants()
            .find(|n| n.tag_name().name() == "docPr")
            .and_then(|d| attr(d, "descr").filter(|t| !t.trim().is_empty()).or_else(|| attr(d, "title")))
            .or_else(|| node.descendants().find_map(|n| attr(n, "alt")))
            .map(|d| format!(" (“{}”)", d.trim()))
            .unwrap_or_default();
        let what = if node.tag_name().name() == "object" { "an embedded object" } else { "a picture" };
        self.findings.push(Finding {
            kind: Kind::ImportImage,
            place: self.place(),
            message: format!("{what}{described} is not imported: a paper's text holds no pictures"),
            hint: Some("send it as an attachment, or describe it in words".into()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_fields_name_their_address() {
        assert_eq!(
            field_address(r#" HYPERLINK "https://example.org/a b" \o "tip" "#).as_deref(),
            Some("https://example.org/a b")
        );
        assert_eq!(field_address("HYPERLINK https://example.org").as_deref(), Some("https://example.org"));
        assert_eq!(field_address(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(field_address("PAGE"), None);
    }
}
