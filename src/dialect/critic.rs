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
