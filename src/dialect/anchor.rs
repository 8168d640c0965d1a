//! Anchors: the places a paper's internal cross-references lead to (a section's heading, a
//! recommendation, an annex's heading, a row's first cell, an attachment's line).
//!
//! The model names each anchor (`ref-solution`, `ref-metrics.7`); the templates end the
//! part's line with [`marker`], `<!-- anchor ref-solution -->`; the reader gives an
//! [`Inline::Anchor`] there, which every writer turns into its own target (a PDF page
//! destination, an HTML `id`, a Word bookmark). A reference is an ordinary link whose
//! target is `#` and the anchor's name.
//!
//! Author text cannot write an anchor (the marker is refused in bodies and one-line fields,
//! and the cell codec escapes `<!--`), and a link to an anchor the document does not hold
//! (a part the edition withholds, a target typed by hand) is left as plain text by
//! `guard`, so no output links to an absent place.

use super::{Block, Inline};
use std::collections::BTreeSet;

const OPEN: &str = "<!-- anchor ";
const CLOSE: &str = " -->";

/// The marker that puts anchor `name` where it stands.
pub fn marker(name: &str) -> String {
    format!("{OPEN}{name}{CLOSE}")
}

/// The anchor's name, when `html` is an anchor marker.
pub fn read(html: &str) -> Option<&str> {
    let name = html.trim().strip_prefix(OPEN)?.strip_suffix(CLOSE)?;
    is_name(name).then_some(name)
}

/// Whether `html` is, or starts, an anchor marker (for the checks of author text).
pub fn is_marker(html: &str) -> bool {
    html.trim_start().starts_with(OPEN.trim_end())
}

/// An anchor's name: ASCII letters, digits, `-`, `_` and `.`.
fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The target's anchor, when `target` (a link's) leads inside the document: `#name`.
pub fn internal(target: &str) -> Option<&str> {
    target.strip_prefix('#')
}

/// The internal link `text` starts with, as Markdown writes it (`[section 2.3](#ref-x)`,
/// what a cross-reference prints): its length and its text.
pub fn link_at(text: &str) -> Option<(usize, &str)> {
    let rest = text.strip_prefix('[')?;
    let close = rest.find("](#")?;
    if rest[..close].contains(['[', ']', '\n']) {
        return None;
    }
    let target = &rest[close + 3..];
    let end = target.find(')')?;
    is_name(&target[..end]).then_some((1 + close + 3 + end + 1, &rest[..close]))
}

/// `text` with each internal link written as its text alone (a report read in a terminal,
/// where a link's target is noise).
pub fn unlinked(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("](#") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if let Some((len, words)) = link_at(rest) {
            out.push_str(words);
            at += len;
        } else {
            let c = rest.chars().next().expect("not at the end");
            out.push(c);
            at += c.len_utf8();
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Every inline of `blocks`, in order, for `f` to change.
pub(super) fn each_inline(blocks: &mut [Block], f: &mut impl FnMut(&mut Inline)) {
    for block in blocks {
        match block {
            Block::Heading(_, inlines) | Block::RunIn(_, inlines) | Block::Paragraph(inlines) => {
                inlines.iter_mut().for_each(&mut *f)
            }
            Block::List(_, items) => items.iter_mut().for_each(|item| each_inline(item, f)),
            Block::Quote(inner) => each_inline(inner, f),
            Block::Table(table) => {
                for cell in table.head.iter_mut().chain(table.rows.iter_mut().flat_map(|r| r.cells.iter_mut())) {
                    each_inline(cell, f);
                }
            }
            Block::Code(_) | Block::Rule | Block::PageBreak => {}
        }
    }
}

/// Each anchor kept once (the first), and each internal link whose anchor the document
/// does not hold made plain text.
pub(super) fn guard(body: &mut [Block], links: &[String]) {
    let mut anchors = BTreeSet::new();
    each_inline(body, &mut |inline| {
        if let Inline::Anchor(name) = inline
            && !anchors.insert(name.clone())
        {
            *inline = Inline::Text(String::new(), Default::default());
        }
    });
    each_inline(body, &mut |inline| {
        if let Inline::Text(_, style) = inline
            && let Some(index) = style.link
            && links.get(index as usize).and_then(|t| internal(t)).is_some_and(|name| !anchors.contains(name))
        {
            style.link = None;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_reads_back_and_nothing_else_does() {
        assert_eq!(read(&marker("ref-metrics.7")), Some("ref-metrics.7"));
        assert_eq!(read("<!-- anchor a b -->"), None);
        assert_eq!(read("<!-- anchor -->"), None);
        assert!(is_marker("<!-- anchor x -->"));
        assert!(!is_marker("<!-- a comment -->"));
    }

    #[test]
    fn an_internal_link_reads_as_its_words() {
        assert_eq!(
            unlinked("See [section 2](#ref-a), [web](https://x.org) and [b](#c d)."),
            "See section 2, [web](https://x.org) and [b](#c d)."
        );
        assert_eq!(link_at("[Annex A, row 3](#ref-f.3), then"), Some((26, "Annex A, row 3")));
    }

    #[test]
    fn a_link_to_an_absent_anchor_is_text_and_a_second_anchor_is_dropped() {
        let link =
            |n: u32| Inline::Text("section 2".into(), super::super::Style { link: Some(n), ..Default::default() });
        let mut body = vec![
            Block::Heading(2, vec![Inline::Anchor("ref-a".into())]),
            Block::Paragraph(vec![link(0), link(1), Inline::Anchor("ref-a".into())]),
        ];
        guard(&mut body, &["#ref-a".into(), "#ref-gone".into()]);
        let Block::Paragraph(inlines) = &body[1] else { panic!() };
        assert!(matches!(&inlines[0], Inline::Text(_, s) if s.link == Some(0)));
        assert!(matches!(&inlines[1], Inline::Text(_, s) if s.link.is_none()));
        assert!(matches!(&inlines[2], Inline::Text(t, _) if t.is_empty()));
    }
}
