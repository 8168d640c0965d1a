//! Running text into HTML: runs of one style as nested phrase elements, links as `<a>`,
//! every character escaped.

use crate::dialect::{Change, Inline, Style};

/// Writes runs of text whose links index `links`, the targets as the Markdown wrote them.
pub(super) struct Writer<'a> {
    pub(super) links: &'a [String],
}

impl Writer<'_> {
    /// `inlines` as phrase content. Bold is left to the element where it is the element's
    /// own look (headings are bold by their style, not by `<strong>`).
    pub(super) fn inlines(&self, out: &mut String, inlines: &[Inline]) {
        self.inlines_styled(out, inlines, false);
    }

    /// A heading's text: its bold is the heading's own.
    pub(super) fn heading(&self, out: &mut String, inlines: &[Inline]) {
        self.inlines_styled(out, inlines, true);
    }

    fn inlines_styled(&self, out: &mut String, inlines: &[Inline], heading: bool) {
        let mut open_link: Option<u32> = None;
        let mut i = 0;
        while i < inlines.len() {
            let style = match &inlines[i] {
                Inline::Text(_, style) => style,
                Inline::Break => {
                    out.push_str("<br>");
                    i += 1;
                    continue;
                }
                // Where a cross-reference leads (its name is letters, digits, `-`, `_`, `.`).
                Inline::Anchor(name) => {
                    out.push_str("<span id=\"");
                    escape_attribute(out, name);
                    out.push_str("\"></span>");
                    i += 1;
                    continue;
                }
            };
            if style.link != open_link {
                self.close_link(out, open_link);
                open_link = style.link;
                if let Some(href) = open_link.and_then(|l| self.target(l)).and_then(super::href) {
                    out.push_str("<a href=\"");
                    pulldown_cmark_escape::escape_href(&mut *out, &href).expect("writing to a String cannot fail");
                    out.push_str("\">");
                }
            }
            // Adjacent runs of the same style as one element.
            let mut text = String::new();
            while let Some(Inline::Text(t, s)) = inlines.get(i)
                && s == style
            {
                text.push_str(t);
                i += 1;
            }
            let style = if heading { Style { bold: false, ..*style } } else { *style };
            run(out, &text, style);
        }
        self.close_link(out, open_link);
    }

    fn target(&self, link: u32) -> Option<&str> {
        self.links.get(link as usize).map(String::as_str)
    }

    fn close_link(&self, out: &mut String, link: Option<u32>) {
        let Some(target) = link.and_then(|l| self.target(l)) else { return };
        if super::href(target).is_some() {
            out.push_str("</a>");
        } else {
            // Not followable: the target is shown, so nothing of it is lost.
            out.push_str(" (");
            escape_text(out, target);
            out.push(')');
        }
    }
}

/// One run in its style's elements, outermost first.
fn run(out: &mut String, text: &str, style: Style) {
    let change = match style.change {
        Change::None => None,
        Change::Inserted => Some("ins"),
        Change::Deleted => Some("del"),
    };
    let tags: Vec<&str> = [
        change,
        style.bold.then_some("strong"),
        style.italic.then_some("em"),
        style.strike.then_some("s"),
        style.code.then_some("code"),
    ]
    .into_iter()
    .flatten()
    .collect();
    for tag in &tags {
        out.push('<');
        out.push_str(tag);
        out.push('>');
    }
    escape_text(out, text);
    for tag in tags.iter().rev() {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
}

/// Text as element content.
pub(super) fn escape_text(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html_body_text(&mut *out, text).expect("writing to a String cannot fail");
}

/// Text as a double-quoted attribute value.
pub(super) fn escape_attribute(out: &mut String, text: &str) {
    pulldown_cmark_escape::escape_html(&mut *out, text).expect("writing to a String cannot fail");
}
