//! Running text: the dialect's inlines as Word runs — bold, italic, struck, code, links —
//! and a comparison's changes as tracked insertions, deletions and moves.

use crate::dialect::{self, Block, Change, Inline, Style};
use docx_rs::{
    BookmarkEnd, BookmarkStart, Delete, Hyperlink, HyperlinkType, Insert, MoveFrom, MoveTo, Paragraph, ParagraphChild,
    Run, RunFonts,
};

/// Who made a comparison's changes, and when (W3C date-time).
#[derive(Debug, Clone)]
pub(super) struct Revision {
    pub(super) author: String,
    pub(super) date: String,
}

/// A run as it stands or tracked as a change, or a link: what a paragraph holds.
pub(super) type Piece = ParagraphChild;

/// `run` as `change` makes it (its text already `w:delText` if deleted).
pub(super) fn tracked(run: Run, change: Change, moved: bool, revision: &Revision) -> Piece {
    let (author, date) = (revision.author.as_str(), revision.date.as_str());
    match (change, moved) {
        (Change::None, _) => Piece::Run(Box::new(run)),
        (Change::Inserted, false) => Piece::Insert(Insert::new(run).author(author).date(date)),
        (Change::Deleted, false) => Piece::Delete(Delete::new().add_run(run).author(author).date(date)),
        (Change::Inserted, true) => Piece::MoveTo(MoveTo::new(run).author(author).date(date)),
        (Change::Deleted, true) => Piece::MoveFrom(MoveFrom::new().add_run(run).author(author).date(date)),
    }
}

/// `paragraph` with `piece` added (pushed: docx-rs's builder would move the 2.4 KB
/// paragraph for each).
pub(super) fn add(mut paragraph: Paragraph, piece: Piece) -> Paragraph {
    paragraph.children.push(piece);
    paragraph
}

/// The change every text run of a block carries, if they all carry one: the dialect has
/// already settled a whole part's blocks, so this is the block inserted or deleted entire.
pub(super) fn whole_change<'a>(inlines: impl IntoIterator<Item = &'a Inline>) -> Option<(Change, bool)> {
    let mut texts = inlines.into_iter().filter_map(|i| match i {
        Inline::Text(_, style) => Some((style.change, style.moved)),
        Inline::Break | Inline::Anchor(_) => None,
    });
    let first = texts.next().filter(|(change, _)| *change != Change::None)?;
    texts.all(|(change, _)| change == first.0).then_some(first)
}

/// `paragraph` with `inlines` as its runs; when the whole block is inserted or deleted and
/// `track_mark`, its paragraph mark too, so that accepting or rejecting removes the
/// paragraph rather than leaving it empty.
pub(super) fn paragraph(
    paragraph: Paragraph,
    inlines: &[Inline],
    links: &[String],
    revision: &Revision,
    track_mark: bool,
) -> Paragraph {
    let mut paragraph = right_to_left(paragraph, inlines);
    paragraph.children.extend(pieces(inlines, links, revision, Look::default()));
    mark(paragraph, whole_change(inlines).filter(|_| track_mark), revision)
}

/// `paragraph` set from the right (`w:bidi`: its bullet or number on the right, a closing
/// full stop on the left) when its text starts in a right-to-left script, as the PDF and
/// the HTML set it.
fn right_to_left(paragraph: Paragraph, inlines: &[Inline]) -> Paragraph {
    match crate::dialect::starts_right_to_left(inlines) {
        true => {
            let mut paragraph = paragraph;
            paragraph.property = std::mem::take(&mut paragraph.property).bidi(true);
            paragraph
        }
        false => paragraph,
    }
}

/// The paragraph mark tracked as inserted or deleted.
pub(super) fn mark(paragraph: Paragraph, change: Option<(Change, bool)>, revision: &Revision) -> Paragraph {
    match change {
        Some((Change::Inserted, _)) => paragraph.insert(&revision.author, &revision.date),
        Some((Change::Deleted, _)) => paragraph.delete(&revision.author, &revision.date),
        _ => paragraph,
    }
}

/// How a paragraph's runs are set beyond their own style.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Look {
    /// In a heading, whose style sets the weight: the dialect's bold is not repeated.
    heading: bool,
    /// A size in half-points in place of the paragraph style's (a run-in heading is set at
    /// running text's size whatever its heading level).
    size: Option<usize>,
}

/// A heading's runs, at `size` (half-points) where given, else its style's.
pub(super) fn heading(
    paragraph: Paragraph,
    inlines: &[Inline],
    links: &[String],
    revision: &Revision,
    size: Option<usize>,
) -> Paragraph {
    let mut out = right_to_left(paragraph, inlines);
    out.children.extend(pieces(inlines, links, revision, Look { heading: true, size }));
    mark(out, whole_change(inlines), revision)
}

/// The runs of `inlines`, links grouped into hyperlinks.
fn pieces(inlines: &[Inline], links: &[String], revision: &Revision, look: Look) -> Vec<Piece> {
    let link_of = |inline: &Inline| match inline {
        Inline::Text(_, style) => style.link,
        Inline::Break | Inline::Anchor(_) => None,
    };
    let mut out = Vec::new();
    let mut at = 0;
    while at < inlines.len() {
        if let Inline::Anchor(name) = &inlines[at] {
            // An empty bookmark where the anchor stands: internal links lead there.
            let (id, name) = (bookmark_id(name), bookmark_name(name));
            out.push(Piece::BookmarkStart(BookmarkStart::new(id, name)));
            out.push(Piece::BookmarkEnd(BookmarkEnd::new(id)));
            at += 1;
            continue;
        }
        let Some(link) = link_of(&inlines[at]) else {
            out.push(piece(&inlines[at], revision, look, true));
            at += 1;
            continue;
        };
        let end = at + inlines[at..].iter().take_while(|i| link_of(i) == Some(link)).count();
        let group = &inlines[at..end];
        match links.get(link as usize) {
            Some(target) => out.extend(linked(group, target, revision, look)),
            None => out.extend(group.iter().map(|i| piece(i, revision, look, true))),
        }
        at = end;
    }
    out
}

/// Runs that link to `target`: a hyperlink where Word may follow it (a sibling document to
/// its DOCX), else the runs with the target shown after them, so nothing is lost.
fn linked(group: &[Inline], target: &str, revision: &Revision, look: Look) -> Vec<Piece> {
    let link = match dialect::anchor::internal(target) {
        // A cross-reference: to the bookmark of its anchor in this document.
        Some(name) => Hyperlink::new(bookmark_name(name), HyperlinkType::Anchor),
        None => match dialect::followable_target(target, "docx") {
            Some(href) => Hyperlink::new(href, HyperlinkType::External),
            None => {
                let mut out: Vec<Piece> = group.iter().map(|i| piece(i, revision, look, true)).collect();
                out.push(Piece::Run(Box::new(Run::new().add_text(format!(" ({target})")))));
                return out;
            }
        },
    };
    linked_runs(link, group, revision, look)
}

/// A Word bookmark's name for anchor `name`: letters, digits and `_` only, as Word's own
/// names are (`_` then a letter for each other character, so two anchors never share one),
/// at most 40 characters (a longer one ends with a hash of the whole).
pub(super) fn bookmark_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        match c {
            '_' => out.push_str("_u"),
            '-' => out.push_str("_h"),
            '.' => out.push_str("_d"),
            c => out.push(c),
        }
    }
    if out.len() > 40 {
        out.truncate(31);
        out.push_str(&format!("_{:08x}", fnv(name)));
    }
    out
}

/// A bookmark's id: from its name, so that the same document gets the same ids.
fn bookmark_id(name: &str) -> usize {
    (fnv(name) & 0x7fff_ffff) as usize
}

/// FNV-1a: a small hash that is the same on every run and platform.
fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// `link` holding the runs of `group`.
fn linked_runs(mut link: Hyperlink, group: &[Inline], revision: &Revision, look: Look) -> Vec<Piece> {
    for inline in group {
        // A hyperlink holds runs, insertions and deletions; a moved link is shown as one.
        link = match piece(inline, revision, look, false) {
            Piece::Run(run) => link.add_run(*run),
            Piece::Insert(insert) => link.add_insert(insert),
            Piece::Delete(delete) => link.add_delete(delete),
            _ => unreachable!("a link's pieces are runs, insertions and deletions"),
        };
    }
    vec![Piece::Hyperlink(link)]
}

fn piece(inline: &Inline, revision: &Revision, look: Look, moves: bool) -> Piece {
    let (text, style) = match inline {
        Inline::Text(text, style) => (text.as_str(), *style),
        Inline::Break => return Piece::Run(Box::new(Run::new().add_break(docx_rs::BreakType::TextWrapping))),
        // [`pieces`] places anchors; inside a link (never written so) it is nothing.
        Inline::Anchor(_) => return Piece::Run(Box::new(Run::new())),
    };
    let run = styled(Run::new(), style, look);
    let run = if style.change == Change::Deleted { run.add_delete_text(text) } else { run.add_text(text) };
    let run = if style.link.is_some() { run.style("Hyperlink") } else { run };
    tracked(run, style.change, style.moved && moves, revision)
}

fn styled(run: Run, style: Style, look: Look) -> Run {
    let mut run = run;
    if style.bold && !look.heading {
        run = run.bold();
    }
    if let Some(size) = look.size {
        run = run.size(size);
    }
    if style.italic {
        run = run.italic();
    }
    if style.strike {
        run = run.strike();
    }
    if style.code {
        run = run.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New").cs("Courier New"));
    }
    run
}

/// A block's text without styling (a comment's paragraphs).
pub(super) fn block_text(block: &Block) -> String {
    match block {
        Block::Heading(_, inlines) | Block::RunIn(_, inlines) | Block::Paragraph(inlines) => {
            dialect::plain_text(inlines)
        }
        Block::List(_, items) => items.iter().flatten().map(block_text).collect::<Vec<_>>().join(" "),
        Block::Quote(blocks) => blocks.iter().map(block_text).collect::<Vec<_>>().join(" "),
        Block::Code(text) => text.clone(),
        Block::Table(..) | Block::Rule | Block::PageBreak => String::new(),
    }
}
