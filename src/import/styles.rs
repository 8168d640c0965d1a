//! What a paragraph's style says it is: Word's built-in styles recognised by their names
//! (which Word keeps in English whatever the language of the style ids: a German
//! document's `berschrift1` is named `heading 1`), then by outline level; and the run
//! formatting styles carry. (The numbering that makes list items bullets or numbers is
//! `numbering`.)

use super::numbering::numbering_of;
use std::collections::BTreeMap;

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Running text.
    Normal,
    /// The document's title (`Title`).
    Title,
    /// `Subtitle`: text under the title.
    Subtitle,
    /// `heading N` (or an outline level N-1), 1-based.
    Heading(u8),
    /// `List Bullet`, `List Bullet N`: a bullet at level N-1 even without numbering.
    Bullet(u8),
    /// `List Number`, `List Number N`.
    Number(u8),
    /// `List Continue`, `List Continue N`: more of the list item above.
    Continue(u8),
    /// `Quote`, `Intense Quote`, `Quotations`, `Block Text`.
    Quote,
    /// `HTML Preformatted`, `Preformatted Text`, `Plain Text`, `Code`…
    Code,
    /// A table of contents line (`toc 1`…): Word made it, panelpaper makes none.
    Contents,
}

/// Run formatting as far as the Markdown can say it; `None` leaves what is below.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Format {
    pub(super) bold: Option<bool>,
    pub(super) italic: Option<bool>,
    pub(super) strike: Option<bool>,
    pub(super) code: Option<bool>,
    pub(super) hidden: Option<bool>,
}

impl Format {
    /// `self` with `over` set on top.
    pub(super) fn over(self, over: Format) -> Format {
        Format {
            bold: over.bold.or(self.bold),
            italic: over.italic.or(self.italic),
            strike: over.strike.or(self.strike),
            code: over.code.or(self.code),
            hidden: over.hidden.or(self.hidden),
        }
    }
}

/// Monospaced faces: a run set in one is code.
const MONOSPACED: [&str; 12] = [
    "courier new",
    "courier",
    "consolas",
    "liberation mono",
    "dejavu sans mono",
    "lucida console",
    "menlo",
    "monaco",
    "source code pro",
    "cascadia code",
    "cascadia mono",
    "noto sans mono",
];

/// The `w:` element `name` among `node`'s children.
pub(super) fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|n| n.is_element() && n.tag_name().name() == name)
}

/// A `w:` attribute, whatever prefix the document binds the namespace to.
pub(super) fn attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`), if present.
fn toggle(properties: roxmltree::Node, name: &str) -> Option<bool> {
    child(properties, name).map(|n| !matches!(attr(n, "val"), Some("0" | "false" | "off" | "none")))
}

/// The formatting a `w:rPr` sets.
pub(super) fn run_format(properties: Option<roxmltree::Node>) -> Format {
    let Some(p) = properties else { return Format::default() };
    let font = child(p, "rFonts").and_then(|f| attr(f, "ascii").or_else(|| attr(f, "hAnsi")));
    Format {
        bold: toggle(p, "b"),
        italic: toggle(p, "i"),
        strike: toggle(p, "strike").or_else(|| toggle(p, "dstrike")),
        code: font.map(|f| MONOSPACED.contains(&f.to_ascii_lowercase().as_str())),
        hidden: toggle(p, "vanish"),
    }
}

/// A paragraph style, its `basedOn` chain resolved.
#[derive(Debug, Clone, Default)]
struct ParagraphStyle {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbering: Option<(u32, u8)>,
    page_break: Option<bool>,
    format: Format,
}

/// The styles part, read.
#[derive(Debug, Default)]
pub(super) struct Styles {
    paragraphs: BTreeMap<String, ParagraphStyle>,
    characters: BTreeMap<String, (Option<String>, String, Format)>,
    default_paragraph: Option<String>,
}

/// What a style name says, case and spacing aside (`heading 1`, `Heading1`, `List Bullet 2`).
fn role_of_name(name: &str) -> Option<Role> {
    let key: String = name.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let numbered = |prefix: &str| -> Option<u8> {
        let rest = key.strip_prefix(prefix)?;
        if rest.is_empty() {
            return Some(1);
        }
        rest.parse::<u8>().ok().filter(|n| (1..=9).contains(n))
    };
    if let Some(n) = numbered("heading").filter(|_| key != "heading") {
        return Some(Role::Heading(n));
    }
    Some(match key.as_str() {
        "title" => Role::Title,
        "subtitle" => Role::Subtitle,
        "quote" | "intensequote" | "quotations" | "blocktext" | "blockquote" => Role::Quote,
        "htmlpreformatted" | "preformattedtext" | "plaintext" | "code" | "sourcecode" | "macrotext" | "sourcetext" => {
            Role::Code
        }
        "tocheading" | "contentsheading" => Role::Contents,
        _ => {
            if let Some(n) = numbered("listbullet") {
                Role::Bullet(n - 1)
            } else if let Some(n) = numbered("listnumber") {
                Role::Number(n - 1)
            } else if let Some(n) = numbered("listcontinue") {
                Role::Continue(n - 1)
            } else if numbered("toc").is_some() || numbered("contents").is_some() {
                Role::Contents
            } else {
                return None;
            }
        }
    })
}

impl Styles {
    /// Reads `styles.xml` (an unreadable or missing part gives no styles: every paragraph
    /// is then judged by its text).
    pub(super) fn read(xml: Option<&str>) -> Styles {
        let mut styles = Styles::default();
        let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else { return styles };
        for style in doc.root_element().children().filter(|n| n.tag_name().name() == "style") {
            let Some(id) = attr(style, "styleId") else { continue };
            let name = child(style, "name").and_then(|n| attr(n, "val")).unwrap_or(id).to_string();
            let based_on = child(style, "basedOn").and_then(|n| attr(n, "val")).map(str::to_string);
            let format = run_format(child(style, "rPr"));
            match attr(style, "type") {
                Some("paragraph") => {
                    let p = child(style, "pPr");
                    let numbering = p.and_then(|p| child(p, "numPr")).and_then(numbering_of);
                    let outline = p
                        .and_then(|p| child(p, "outlineLvl"))
                        .and_then(|o| attr(o, "val")?.parse::<u8>().ok())
                        .filter(|o| *o < 9);
                    let page_break = p.and_then(|p| toggle(p, "pageBreakBefore"));
                    if attr(style, "default").is_some_and(|d| d == "1" || d == "true") {
                        styles.default_paragraph = Some(id.to_string());
                    }
                    styles.paragraphs.insert(
                        id.to_string(),
                        ParagraphStyle { name, based_on, outline, numbering, page_break, format },
                    );
                }
                Some("character") => {
                    let format = match name.to_lowercase().as_str() {
                        "strong" => format.over(Format { bold: Some(true), ..Format::default() }),
                        "emphasis" => format.over(Format { italic: Some(true), ..Format::default() }),
                        "html code" | "source text" | "verbatim char" | "code" => {
                            format.over(Format { code: Some(true), ..Format::default() })
                        }
                        _ => format,
                    };
                    styles.characters.insert(id.to_string(), (based_on, name, format));
                }
                _ => {}
            }
        }
        styles
    }

    /// The chain of a paragraph style, the style first (at most 16 deep: a cycle ends it).
    fn chain(&self, id: Option<&str>) -> Vec<&ParagraphStyle> {
        let mut out = Vec::new();
        let mut next = id.or(self.default_paragraph.as_deref());
        while let Some(style) = next.and_then(|id| self.paragraphs.get(id)) {
            if out.len() == 16 {
                break;
            }
            out.push(style);
            next = style.based_on.as_deref();
        }
        out
    }

    /// What a paragraph in style `id` is: by the first name in its chain that Word's
    /// built-in styles know, else by its outline level.
    pub(super) fn role(&self, id: Option<&str>) -> Role {
        let chain = self.chain(id);
        if let Some(role) = chain.iter().find_map(|s| role_of_name(&s.name)) {
            return role;
        }
        if let Some(id) = id.filter(|_| chain.is_empty())
            && let Some(role) = role_of_name(id)
        {
            return role;
        }
        match chain.iter().find_map(|s| s.outline) {
            Some(level) => Role::Heading(level + 1),
            None => Role::Normal,
        }
    }

    /// The numbering (`numId`, level) a paragraph style gives its paragraphs.
    pub(super) fn numbering(&self, id: Option<&str>) -> Option<(u32, u8)> {
        self.chain(id).iter().find_map(|s| s.numbering)
    }

    /// Whether a paragraph style starts a page.
    pub(super) fn page_break(&self, id: Option<&str>) -> bool {
        self.chain(id).iter().find_map(|s| s.page_break).unwrap_or(false)
    }

    /// The run formatting a paragraph style gives its text, furthest ancestor first.
    pub(super) fn paragraph_format(&self, id: Option<&str>) -> Format {
        self.chain(id).iter().rev().fold(Format::default(), |format, s| format.over(s.format))
    }

    /// The run formatting a character style gives, furthest ancestor first.
    pub(super) fn character_format(&self, id: &str) -> Format {
        let mut chain = Vec::new();
        let mut next = Some(id);
        while let Some((based_on, _, format)) = next.and_then(|id| self.characters.get(id)) {
            if chain.len() == 16 {
                break;
            }
            chain.push(*format);
            next = based_on.as_deref();
        }
        chain.iter().rev().fold(Format::default(), |format, f| format.over(*f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/></w:style>
        <w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="Abschnitt"><w:name w:val="Abschnitt"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Unter"><w:name w:val="Unter"/><w:basedOn w:val="Abschnitt"/></w:style>
        <w:style w:type="paragraph" w:styleId="Aufz2"><w:name w:val="List Bullet 2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
        <w:style w:type="character" w:styleId="Fett"><w:name w:val="Strong"/></w:style>
        <w:style w:type="character" w:styleId="Mono"><w:name w:val="Mono"/><w:rPr><w:rFonts w:ascii="Consolas"/></w:rPr></w:style>
    </w:styles>"#;

    #[test]
    fn localized_style_ids_are_known_by_their_names_then_outline_levels() {
        let styles = Styles::read(Some(STYLES));
        assert_eq!(styles.role(Some("berschrift1")), Role::Heading(1));
        assert_eq!(styles.role(Some("Titel")), Role::Title);
        assert_eq!(styles.role(Some("Unter")), Role::Heading(2), "an outline level, inherited");
        assert_eq!(styles.role(Some("Aufz2")), Role::Bullet(1));
        assert_eq!(styles.role(None), Role::Normal, "the default paragraph style");
        assert_eq!(styles.role(Some("Loop")), Role::Normal, "a cycle ends");
        assert_eq!(styles.role(Some("Heading2")), Role::Heading(2), "an id not in styles.xml");
        assert_eq!(styles.character_format("Fett").bold, Some(true));
        assert_eq!(styles.character_format("Mono").code, Some(true));
    }
}
