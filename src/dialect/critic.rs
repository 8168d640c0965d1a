//! CriticMarkup, as a comparison's Markdown carries it: `{++inserted++}`, `{--deleted--}`,
//! `{~~old~>new~~}`. Written by the redline, read by the layout; read only in a document
//! whose front matter says it is a comparison, so an author's braces stay text.
//!
//! A whole part that the new draft adds, removes or moves is marked block by block, each
//! block opened by a CriticMarkup comment ([`ADDED`], [`REMOVED`], [`MOVED`]): the block is
//! then inserted or deleted entirely, the words its template prints around the part's
//! values ("Annex", "(AMBER)") with it, so that accepting or rejecting every change leaves
//! exactly one draft. A moved part stands at both places, removed at the old and added at
//! the new. A block whose every word is marked one way is likewise the whole block.

use super::document::{Change, Inline, Style};

/// Opens each block of a part the new draft adds.
pub const ADDED: &str = "{>>added<<}";
/// Opens each block of a part the new draft removes.
pub const REMOVED: &str = "{>>removed<<}";
/// Opens each block of a part that moved, at its old place and at its new one.
pub const MOVED: &str = "{>>moved<<}";

/// Inserted or deleted text: a few words, or a whole part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `{++…++}`: words inserted.
    Inserted,
    /// `{--…--}`: words deleted.
    Deleted,
    /// `{>>added<<}{++…++}`: a block of a part the new draft adds.
    Added,
    /// `{>>removed<<}{--…--}`: a block of a part the new draft removes.
    Removed,
    /// `{>>moved<<}{--…--}`: a block of a moved part, at its old place.
    MovedFrom,
    /// `{>>moved<<}{++…++}`: a block of a moved part, at its new place.
    MovedTo,
}

impl Mark {
    fn delimiters(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Mark::Inserted => ("", "{++", "++}"),
            Mark::Deleted => ("", "{--", "--}"),
            Mark::Added => (ADDED, "{++", "++}"),
            Mark::Removed => (REMOVED, "{--", "--}"),
            Mark::MovedFrom => (MOVED, "{--", "--}"),
            Mark::MovedTo => (MOVED, "{++", "++}"),
        }
    }

    /// `text` marked.
    pub fn wrap(self, text: &str) -> String {
        let (note, open, close) = self.delimiters();
        format!("{note}{open}{text}{close}")
    }
}

/// `old` replaced by `new`: a deletion then an insertion. (CriticMarkup's own
/// `{~~old~>new~~}` is not written: its tildes are GFM's strikethrough, which a comparison
/// reads as the drafts' own.)
pub fn substitution(old: &str, new: &str) -> String {
    format!("{}{}", Mark::Deleted.wrap(old), Mark::Inserted.wrap(new))
}

/// Author text made safe to carry into a comparison: wherever it holds a mark's characters,
/// the mark's first character is written as an entity (`{++` → `&#123;++`). The Markdown
/// parser gives an entity a text event of its own, so the reader never sees the author's
/// characters as a mark; every output shows them as written. (Inside a code span entities
/// are not decoded: there the author's marks would show as entities.)
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    const MARKS: [(&str, &str); 8] = [
        ("{>>", "&#123;>>"),
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
        out = replace_unescaped(&out, mark, escaped);
    }
    std::borrow::Cow::Owned(out)
}

/// `text` with each `mark` written `escaped`; where the author escaped the mark's first
/// character (`\{++`), the backslash goes with it: the entity shows the character as
/// written, and a backslash left before it would escape the entity's `&` instead.
fn replace_unescaped(text: &str, mark: &str, escaped: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(at) = rest.find(mark) {
        let before = &rest[..at];
        let backslashes = before.len() - before.trim_end_matches('\\').len();
        out.push_str(if backslashes % 2 == 1 { &before[..at - 1] } else { before });
        out.push_str(escaped);
        rest = &rest[at + mark.len()..];
    }
    out.push_str(rest);
    out
}

/// What `text`, carrying marks, says once every change is accepted: deletions and notes
/// dropped, insertions kept (a comparison's metadata: its title, its author).
pub fn accepted(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('{') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (keep, close) = match tail.get(..3) {
            Some("{++") => (true, "++}"),
            Some("{--") => (false, "--}"),
            Some("{>>") => (false, "<<}"),
            _ => {
                out.push('{');
                rest = &tail[1..];
                continue;
            }
        };
        let Some(end) = tail.find(close) else {
            out.push_str(tail);
            return std::borrow::Cow::Owned(out);
        };
        if keep {
            out.push_str(&tail[3..end]);
        }
        rest = &tail[end + close.len()..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Where a block's reading of the marks stands: inside which mark, and what the block's
/// notes said of it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading {
    /// The mark the text is inside; carried across runs of other styles.
    pub change: Change,
    /// Whether a note said the block is a whole part's (added, removed or moved).
    pub whole: bool,
    /// Whether a note said the block moved.
    pub moved: bool,
}

/// Splits text at the marks into runs marked inserted or deleted, noting the block notes.
pub fn read_runs(text: &str, style: Style, reading: &mut Reading, out: &mut Vec<Inline>) {
    let mut rest = text;
    while let Some((at, note)) = [ADDED, REMOVED, MOVED].iter().filter_map(|n| rest.find(n).map(|at| (at, *n))).min() {
        read_marks(&rest[..at], style, &mut reading.change, out);
        reading.whole = true;
        reading.moved |= note == MOVED;
        rest = &rest[at + note.len()..];
    }
    read_marks(rest, style, &mut reading.change, out);
}

/// A block's runs once it is read: a whole part's block, or a block whose every word is
/// marked one way, is inserted or deleted entirely (its unmarked words and punctuation
/// with it); a moved block's changes are moves.
pub fn settle(inlines: &mut [Inline], reading: Reading) {
    let words = |t: &str| t.chars().any(char::is_alphanumeric);
    let marked = |i: &Inline| match i {
        Inline::Text(t, style) if reading.whole || words(t) => Some(style.change),
        _ => None,
    };
    let mut changes = inlines.iter().filter_map(marked).filter(|c| !reading.whole || *c != Change::None);
    let whole = changes.next().filter(|first| *first != Change::None && changes.all(|c| c == *first));
    for inline in inlines {
        if let Inline::Text(_, style) = inline {
            if let Some(change) = whole {
                style.change = change;
            }
            style.moved = reading.moved && style.change != Change::None;
        }
    }
}

fn read_marks(text: &str, style: Style, change: &mut Change, out: &mut Vec<Inline>) {
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
    use crate::dialect::{FrontMatter, parse};

    fn compared() -> FrontMatter {
        FrontMatter {
            comparison: Some("a and b".into()),
            ..FrontMatter::new("T", crate::domain::Classification::White)
        }
    }

    #[test]
    fn a_mark_the_author_escaped_shows_as_written() {
        let md = format!("---\ncomparison: \"a and b\"\n---\n\n{}\n", escape("a \\{++b++} c \\\\{--d--}"));
        let doc = parse(&md, &compared(), |_| None).unwrap();
        let crate::dialect::Block::Paragraph(inlines) = &doc.body[0] else { panic!("{:?}", doc.body) };
        let text: String = inlines.iter().map(|i| if let Inline::Text(t, _) = i { t.as_str() } else { "" }).collect();
        assert_eq!(text, "a {++b++} c \\{--d--}");
    }

    #[test]
    fn escaped_author_text_is_never_read_as_a_change() {
        let text = "typed {++x++} and {--y--} and {~~a~>b~~} and -> ~> ~~> {>>moved<<} {>>added<<}";
        let md = format!("---\ncomparison: \"a and b\"\n---\n\n{} {}\n", escape(text), Mark::Inserted.wrap("real"));
        let doc = parse(&md, &compared(), |_| None).unwrap();
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

    fn changes(paragraph: &str) -> Vec<(String, Change, bool)> {
        let doc = parse(&format!("---\ncomparison: \"a and b\"\n---\n\n{paragraph}\n"), &compared(), |_| None).unwrap();
        let crate::dialect::Block::Paragraph(inlines) = &doc.body[0] else { panic!("{:?}", doc.body) };
        inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Text(t, s) => Some((t.clone(), s.change, s.moved)),
                Inline::Break | Inline::Anchor(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_whole_part_takes_its_template_words_with_it() {
        let runs = changes(&format!("Annex {}: {} (AMBER)", Mark::Added.wrap("B"), Mark::Added.wrap("Metrics")));
        assert!(runs.iter().all(|(_, c, moved)| *c == Change::Inserted && !moved), "{runs:?}");
        assert!(runs.iter().any(|(t, _, _)| t.contains("AMBER")), "{runs:?}");
        let runs = changes(&format!("{} {}", Mark::MovedFrom.wrap("3.2"), Mark::MovedFrom.wrap("AGREE it.")));
        assert!(runs.iter().all(|(_, c, moved)| *c == Change::Deleted && *moved), "{runs:?}");
    }

    #[test]
    fn only_a_block_whose_every_word_is_marked_is_whole() {
        // Every word inserted: the punctuation between goes with them.
        let runs = changes(&format!("{}. {}", Mark::Inserted.wrap("2"), Mark::Inserted.wrap("Background")));
        assert!(runs.iter().all(|(_, c, _)| *c == Change::Inserted), "{runs:?}");
        // A word left unmarked, or marks both ways: words changed, the block stays.
        let runs = changes(&format!("Annex {}", Mark::Inserted.wrap("B")));
        assert_eq!(runs[0], ("Annex ".to_string(), Change::None, false));
        let runs = changes(&substitution("old", "new"));
        assert_eq!(runs.iter().map(|r| r.1).collect::<Vec<_>>(), [Change::Deleted, Change::Inserted]);
    }
}
