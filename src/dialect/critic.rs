//! CriticMarkup, as a comparison's Markdown carries it: `{++inserted++}`, `{--deleted--}`,
//! `{~~old~>new~~}`. Written by the redline, read by the layout; read only in a document
//! whose front matter says it is a comparison, so an author's braces stay text.

use super::document::{Change, Inline, Style};

/// Inserted or deleted, for a whole run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `{++…++}`
    Inserted,
    /// `{--…--}`
    Deleted,
}

impl Mark {
    fn delimiters(self) -> (&'static str, &'static str) {
        match self {
            Mark::Inserted => ("{++", "++}"),
            Mark::Deleted => ("{--", "--}"),
        }
    }

    /// `text` marked.
    pub fn wrap(self, text: &str) -> String {
        let (open, close) = self.delimiters();
        format!("{open}{text}{close}")
    }
}

/// `old` replaced by `new`.
pub fn substitution(old: &str, new: &str) -> String {
    format!("{{~~{old}~>{new}~~}}")
}

/// Author text made safe to carry into a comparison: wherever it holds a mark's characters,
/// the mark's first character is written as an entity (`{++` → `&#123;++`). The Markdown
/// parser gives an entity a text event of its own, so the reader never sees the author's
/// characters as a mark; every output shows them as written. (Inside a code span entities
/// are not decoded: there the author's marks would show as entities.)
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    const MARKS: [(&str, &str); 7] = [
        ("{++", "&#123;++"),
        ("++}", "&#43;+}"),
        ("{--", "&#123;--"),
        ("--}", "&#45;-}"),
        ("{~~", "&#123;~~"),
        ("~~}", "&#126;~}"),
        ("~>", "&#126;>"),
    ];
    if !MARKS.iter().any(|(mark, _)| text.contains(mark)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for (mark, escaped) in MARKS {
        out = out.replace(mark, escaped);
    }
    std::borrow::Cow::Owned(out)
}

/// Splits text at the marks into runs marked inserted or deleted; `change` carries the
/// state across runs of other styles.
pub fn read_runs(text: &str, style: Style, change: &mut Change, out: &mut Vec<Inline>) {
    const MARKS: [(&str, Change); 7] = [
        ("{++", Change::Inserted),
        ("++}", Change::None),
        ("{--", Change::Deleted),
        ("--}", Change::None),
        ("{~~", Change::Deleted),
        ("~>", Change::Inserted),
        ("~~}", Change::None),
    ];
    let mut rest = text;
    while !rest.is_empty() {
        let next = MARKS.iter().filter_map(|(mark, to)| rest.find(mark).map(|at| (at, *mark, *to))).min_by_key(|m| m.0);
        let (at, mark, to) = next.unwrap_or((rest.len(), "", *change));
        if at > 0 {
            out.push(Inline::Text(rest[..at].to_string(), Style { change: *change, ..style }));
        }
        *change = to;
        rest = &rest[at + mark.len()..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::parse;

    #[test]
    fn escaped_author_text_is_never_read_as_a_change() {
        let text = "typed {++x++} and {--y--} and {~~a~>b~~} and -> ~> ~~>";
        let md = format!("---\ncomparison: \"a and b\"\n---\n\n{} {}\n", escape(text), Mark::Inserted.wrap("real"));
        let doc = parse(&md, |_| None).unwrap();
        let crate::dialect::Block::Paragraph(inlines) = &doc.body[0] else { panic!("{:?}", doc.body) };
        let (mut plain, mut inserted) = (String::new(), String::new());
        for inline in inlines {
            if let Inline::Text(t, style) = inline {
                match style.change {
                    Change::None => plain.push_str(t),
                    Change::Inserted => inserted.push_str(t),
                    Change::Deleted => panic!("nothing is deleted: {inlines:?}"),
                }
            }
        }
        assert_eq!(plain, format!("{text} "));
        assert_eq!(inserted, "real");
    }
}
