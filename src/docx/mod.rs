//! Stage 5c, Word: the dialect's parse into a DOCX package.
//!
//! Laid out from the same [`Document`] as the PDF and the HTML page, in Word's own
//! structure: built-in styles (`Title`, `Heading 1`–`4`, `List Bullet`, `List Number`,
//! `Quote`), real numbering definitions, annex tables whose header row repeats, the
//! classification statement and `Page X of Y` fields in every page's footer, the TLP label in
//! the header of AMBER and RED papers, document properties and language. A comparison's
//! marks become tracked changes — insertions, deletions, moves, whole paragraphs and rows —
//! by one author at one date, and its summary a comment on the title, so that "Accept all"
//! gives the new draft and "Reject all" the old one.
//!
//! docx-rs writes the parts; `package` adds what it lacks and zips them with fixed times.
//! No I/O, no clock.

mod body;
mod package;
mod runs;
mod styles;

use crate::dialect::{Block, Change, Document, Inline};
use docx_rs::{AlignmentType, Comment, Docx, Footer, Header, NumPages, PageMargin, PageNum, Paragraph, Run, Shading};

/// The document's language (core properties and every run's default).
const LANGUAGE: &str = "en-GB";

/// Who and when: the tracked changes' author and date, the document's dates.
#[derive(Debug, Clone)]
pub struct DocxOptions {
    /// Seconds since 1970: the document's creation date and its changes' date.
    pub date: i64,
    /// Who the tracked changes and the comparison's comment are by.
    pub author: String,
    /// Each table's column widths in points, by its place among the document's tables, as
    /// the PDF sizes them (the writers size them once for every format), so both set a table alike; a table
    /// without them shares the text width equally.
    pub column_widths: std::collections::BTreeMap<usize, Vec<f32>>,
}

impl DocxOptions {
    /// The default author of a comparison's changes.
    pub const AUTHOR: &'static str = "panelpaper";

    /// Dated `date` (the document's own), unless `source_date_epoch` (seconds) says
    /// otherwise, for reproducible builds; changes by [`DocxOptions::AUTHOR`].
    pub fn dated(date: chrono::NaiveDate, source_date_epoch: Option<i64>) -> DocxOptions {
        let seconds = date.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp());
        DocxOptions {
            date: source_date_epoch.unwrap_or(seconds),
            author: DocxOptions::AUTHOR.to_string(),
            column_widths: std::collections::BTreeMap::new(),
        }
    }

    /// The date as W3C date-time (`2020-03-06T00:00:00Z`).
    fn timestamp(&self) -> String {
        chrono::DateTime::from_timestamp(self.date, 0).unwrap_or_default().format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// The DOCX of `doc`: the one way to make a Word document.
pub fn write(doc: &Document, options: &DocxOptions) -> Vec<u8> {
    // What came from outside the paper (labels, an author's name, a file name) is held to
    // XML's characters here, whatever the caller checked: no part may be malformed.
    let owned;
    let doc = match xml_chars(&doc.meta) {
        std::borrow::Cow::Borrowed(_) => doc,
        std::borrow::Cow::Owned(meta) => {
            owned = Document { meta, ..doc.clone() };
            &owned
        }
    };
    let options = &DocxOptions { author: xml_text(&options.author).into_owned(), ..options.clone() };
    let revision = runs::Revision { author: options.author.clone(), date: options.timestamp() };
    let (summary, body) = split_summary(doc);
    let mut writer = body::Writer::new(doc, &revision, &options.column_widths);
    if let Some(summary) = summary {
        writer.comment_on_title(summary_comment(summary, &revision));
    }
    writer.blocks(body);
    let (docx, next_id) = writer.finish();
    let docx = page(docx).header(header(doc, &revision, next_id)).footer(footer(doc, &revision, next_id + 1));
    package::pack(docx, &package::Properties::of(doc, options))
}

/// A comparison's opening block quote is its summary of changes: in Word a comment on the
/// title, so that accepting or rejecting every change leaves a paper, not a report. A
/// comparison with no title to hang it on (a meeting's whose papers are unchanged, its
/// agenda or outcomes changed) keeps it as its text: a comment with no anchor is dropped.
fn split_summary(doc: &Document) -> (Option<&[Block]>, &[Block]) {
    let titled = doc.body.iter().any(|b| matches!(b, Block::Heading(1, _)));
    match doc.body.split_first() {
        Some((Block::Quote(summary), rest)) if doc.meta.comparison.is_some() && titled => (Some(summary), rest),
        _ => (None, &doc.body),
    }
}

/// The comment's paragraph id, apart from the body's (which count up from 1).
const COMMENT_PARAGRAPH: usize = 0x4000_0000;

/// The summary as one paragraph, a line each: docx-rs 0.4 writes a comment once per
/// paragraph it holds, which Word and LibreOffice take for a broken file.
fn summary_comment(summary: &[Block], revision: &runs::Revision) -> Comment {
    let mut lines = Vec::new();
    for block in summary {
        match block {
            Block::List(_, items) => lines.extend(items.iter().flatten().map(|b| format!("• {}", runs::block_text(b)))),
            other => lines.push(runs::block_text(other)),
        }
    }
    let mut paragraph = Paragraph::new().id(body::paragraph_id(COMMENT_PARAGRAPH));
    for (i, line) in lines.into_iter().enumerate() {
        let run = if i > 0 { Run::new().add_break(docx_rs::BreakType::TextWrapping) } else { Run::new() };
        paragraph = paragraph.add_run(run.add_text(line));
    }
    Comment::new(1).author(&revision.author).date(&revision.date).add_paragraph(paragraph)
}

/// A4, with the PDF's margins.
fn page(docx: Docx) -> Docx {
    let twips = |points: f32| (points * 20.0).round() as i32;
    use crate::theme::{MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X};
    docx.page_size(11906, 16838).page_margin(
        PageMargin::new()
            .top(twips(MARGIN_TOP))
            .bottom(twips(MARGIN_BOTTOM + 40.0))
            .left(twips(MARGIN_X))
            .right(twips(MARGIN_X))
            .header(twips(24.0))
            .footer(twips(MARGIN_BOTTOM))
            .gutter(0),
    )
}

/// The TLP label, right-aligned in its class's colour on black, on AMBER and RED papers; in
/// a comparison whose drafts are marked differently, the label changes as a tracked change.
fn header(doc: &Document, revision: &runs::Revision, id: usize) -> Header {
    let label = |class: crate::domain::Classification| {
        class.label_colour().map(|(r, g, b)| {
            let hex = format!("{:02X}{:02X}{:02X}", channel(r), channel(g), channel(b));
            (format!("TLP:{class}"), hex)
        })
    };
    let meta = &doc.meta;
    let (old, new) = match (meta.old_classification, meta.new_classification) {
        (Some(old), Some(new)) => (label(old), label(new)),
        _ => (label(meta.classification), label(meta.classification)),
    };
    let run = |(text, colour): (String, String), change: Change| {
        let run = Run::new().bold().size(18).color(colour).shading(Shading::new().fill("000000"));
        runs::tracked(
            if change == Change::Deleted { run.add_delete_text(text) } else { run.add_text(text) },
            change,
            false,
            revision,
        )
    };
    let mut paragraph = Paragraph::new().id(body::paragraph_id(id)).style("Header").align(AlignmentType::Right);
    match (old, new) {
        (old, new) if old == new => {
            if let Some(label) = new {
                paragraph = runs::add(paragraph, run(label, Change::None));
            }
        }
        (old, new) => {
            if let Some(old) = old {
                paragraph = runs::add(paragraph, run(old, Change::Deleted));
            }
            if let Some(new) = new {
                paragraph = runs::add(paragraph, run(new, Change::Inserted));
            }
        }
    }
    Header::new().add_paragraph(paragraph)
}

fn channel(value: f32) -> u8 {
    (value.clamp(0.0, 1.0) * 255.0).round() as u8
}

/// The classification statement, then `Page X of Y` on the right, on every page.
fn footer(doc: &Document, revision: &runs::Revision, first_id: usize) -> Footer {
    let mut footer = Footer::new();
    let mut id = first_id;
    for line in doc.footer.split(|i| *i == Inline::Break).filter(|l| !l.is_empty()) {
        // A statement's web address stays text: docx-rs writes a footer no relationships
        // for links, and a link without one breaks the file.
        let line: Vec<Inline> = line
            .iter()
            .map(|i| match i {
                Inline::Text(t, style) => Inline::Text(t.clone(), crate::dialect::Style { link: None, ..*style }),
                other => other.clone(),
            })
            .collect();
        let paragraph = Paragraph::new().id(body::paragraph_id(id)).style("Footer");
        footer = footer.add_paragraph(runs::paragraph(paragraph, &line, &doc.links, revision, true));
        id += 1;
    }
    let page = Paragraph::new()
        .id(body::paragraph_id(id))
        .style("Footer")
        .align(AlignmentType::Right)
        .add_run(Run::new().add_text("Page "))
        .add_page_num(PageNum::new())
        .add_run(Run::new().add_text(" of "))
        .add_num_pages(NumPages::new());
    footer.add_paragraph(page)
}

/// `text` with every character XML 1.0 cannot hold (C0 controls but tab and line breaks,
/// U+FFFE, U+FFFF) replaced by U+FFFD.
fn xml_text(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (c as u32) < 0x20)
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| if bad(c) { '\u{FFFD}' } else { c }).collect())
}

/// The front matter with its texts held to XML's characters.
fn xml_chars(meta: &crate::dialect::FrontMatter) -> std::borrow::Cow<'_, crate::dialect::FrontMatter> {
    let fields = [
        Some(&meta.title),
        meta.reference.as_ref(),
        meta.action.as_ref(),
        meta.author.as_ref(),
        meta.date.as_ref(),
        meta.comparison.as_ref(),
    ];
    if fields.iter().flatten().all(|t| matches!(xml_text(t), std::borrow::Cow::Borrowed(_))) {
        return std::borrow::Cow::Borrowed(meta);
    }
    let fix = |t: &Option<String>| t.as_deref().map(|t| xml_text(t).into_owned());
    std::borrow::Cow::Owned(crate::dialect::FrontMatter {
        title: xml_text(&meta.title).into_owned(),
        reference: fix(&meta.reference),
        action: fix(&meta.action),
        author: fix(&meta.author),
        date: fix(&meta.date),
        comparison: fix(&meta.comparison),
        ..meta.clone()
    })
}
