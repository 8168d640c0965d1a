//! The dialect read: Markdown parsed (pulldown-cmark) into typed blocks, the front matter
//! into [`FrontMatter`], and the footer split off.
//!
//! This is the only reader of the Markdown, so every output shows what the Markdown says.

use super::critic;
use super::{FOOTER, FrontMatter, PAGE_BREAK, RUN_IN, SPAN_ROW};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// How a run of text is set: bold, italic, and in a comparison whether it was inserted or
/// deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Style {
    /// Bold face.
    pub bold: bool,
    /// Oblique face.
    pub italic: bool,
    /// Inserted or deleted text in a comparison.
    pub change: Change,
    /// Inline code: a monospaced face.
    pub code: bool,
    /// Struck through (`~~text~~`).
    pub strike: bool,
    /// The link it belongs to: an index into [`Document::links`].
    pub link: Option<u32>,
    /// Inserted or deleted as part of a move (with [`Change::Inserted`] at the new place,
    /// [`Change::Deleted`] at the old).
    pub moved: bool,
}

/// A run's part in a comparison of two drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Change {
    /// Unchanged (or not a comparison).
    #[default]
    None,
    /// Text the new draft adds.
    Inserted,
    /// Text the new draft removes.
    Deleted,
}

impl Style {
    /// Regular text.
    pub const REGULAR: Style = Style {
        bold: false,
        italic: false,
        change: Change::None,
        code: false,
        strike: false,
        link: None,
        moved: false,
    };
    /// Bold text.
    pub const BOLD: Style = Style { bold: true, ..Style::REGULAR };
    /// Oblique text.
    pub const ITALIC: Style = Style { italic: true, ..Style::REGULAR };
}

/// A piece of running text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text in one style.
    Text(String, Style),
    /// A forced line break (`\` at line end, or `<br>` in a table cell).
    Break,
    /// Where an internal cross-reference leads ([`super::anchor`]): nothing to see.
    Anchor(String),
}

/// A block of the paper.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading, level 1 (the title) to 6.
    Heading(u8, Vec<Inline>),
    /// A run-in heading an author wrote in a section's body, at its level in the paper (one
    /// below its section's): unnumbered, set as running text's bold, never bookmarked.
    RunIn(u8, Vec<Inline>),
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A list: `Some(n)` numbered from n, `None` bulleted; each item is blocks.
    List(Option<u64>, Vec<Vec<Block>>),
    /// A table, its cells read once into blocks.
    Table(Table),
    /// A block quote.
    Quote(Vec<Block>),
    /// Preformatted text.
    Code(String),
    /// A horizontal rule.
    Rule,
    /// Start a new page.
    PageBreak,
}

/// A table cell's content: paragraphs and lists, as the cell codec carries them.
pub type Cell = Vec<Block>;

/// A table: its header cells, rows and columns' alignments, every cell read once from the
/// cell codec ([`super::cell`]) for every writer.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header row's cells.
    pub head: Vec<Cell>,
    /// The body rows.
    pub rows: Vec<Row>,
    /// Each column's alignment (GFM's `:---:`).
    pub aligns: Vec<Align>,
    /// Its place among the document's tables (0 first), which the writers that size
    /// columns alike find its widths by.
    pub index: usize,
}

/// A body row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Its cells.
    pub cells: Vec<Cell>,
    /// Whether its one cell spans every column: a row of one cell in a table of more (a
    /// withheld row's placeholder).
    pub spans: bool,
}

impl Table {
    /// A table from its cells as the codec writes them (one line of inlines each): each read
    /// once into blocks, and a row of one cell in a table of more columns spanning them.
    pub fn read(head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>], aligns: Vec<Align>, index: usize) -> Table {
        let columns = head.len();
        Table {
            head: head.iter().map(|cell| super::cell::read(cell)).collect(),
            rows: rows
                .iter()
                .map(|row| Row {
                    spans: row.len() == 1 && columns > 1,
                    cells: row.iter().map(|cell| super::cell::read(cell)).collect(),
                })
                .collect(),
            aligns,
            index,
        }
    }

    /// The header's cells in bold, as the PDF and the Word document set them (a browser's
    /// `th` is bold by the stylesheet).
    pub fn bold_head(&self) -> Vec<Cell> {
        fn bold(blocks: &[Block]) -> Vec<Block> {
            blocks
                .iter()
                .map(|block| match block {
                    Block::Paragraph(inlines) => Block::Paragraph(
                        inlines
                            .iter()
                            .map(|i| match i {
                                Inline::Text(t, s) => Inline::Text(t.clone(), Style { bold: true, ..*s }),
                                other => other.clone(),
                            })
                            .collect(),
                    ),
                    Block::List(start, items) => Block::List(*start, items.iter().map(|item| bold(item)).collect()),
                    other => other.clone(),
                })
                .collect()
        }
        self.head.iter().map(|cell| bold(cell)).collect()
    }
}

impl Row {
    /// Every run of text in its cells, in order.
    pub fn inlines(&self) -> impl Iterator<Item = &Inline> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Inline>) {
            for block in blocks {
                match block {
                    Block::Paragraph(inlines) | Block::Heading(_, inlines) | Block::RunIn(_, inlines) => {
                        out.extend(inlines)
                    }
                    Block::List(_, items) => items.iter().for_each(|item| walk(item, out)),
                    Block::Quote(inner) => walk(inner, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        for cell in &self.cells {
            walk(cell, &mut out);
        }
        out.into_iter()
    }
}

/// How a table column's cells are aligned (GFM's `:---`, `:---:`, `---:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// As running text: to the start.
    #[default]
    Start,
    /// Centred.
    Center,
    /// To the end (the right): figures.
    End,
}

impl Block {
    /// Whether a page must not end between this block and `next`: a paragraph that ends
    /// with a colon leads into what follows ("The Panel is requested to:"), and a sign-off
    /// (a paragraph of short lines set apart by line breaks: author, team, date) never
    /// stands alone at the top of a page.
    pub fn keeps_with(&self, next: &Block) -> bool {
        let leads_in = matches!(self, Block::Paragraph(inlines) if matches!(
            inlines.last(),
            Some(Inline::Text(text, _)) if text.trim_end().ends_with(':')
        ));
        let sign_off = matches!(next, Block::Paragraph(inlines) if inlines.len() <= 8
            && inlines.iter().filter(|i| matches!(i, Inline::Break)).count() >= 2
            && plain_text(inlines).len() <= 160);
        leads_in || sign_off
    }
}

/// The parsed paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Front matter: reference, title, action, marking, author, date, as the model gave
    /// them (never read from the text).
    pub meta: FrontMatter,
    /// What flows through the pages.
    pub body: Vec<Block>,
    /// What every page's footer repeats: the classification statement.
    pub footer: Vec<Inline>,
    /// The targets of the document's links, in order of first use.
    pub links: Vec<String>,
}

/// Whether `inlines` make a paragraph that runs right to left: its first strong letter is
/// Arabic, Hebrew or another right-to-left script (Unicode's rule P2), as a browser decides
/// for `dir="auto"`. Every writer sets such a paragraph from the right.
pub fn starts_right_to_left(inlines: &[Inline]) -> bool {
    let mut text = String::new();
    for inline in inlines {
        if let Inline::Text(t, _) = inline {
            text.push_str(t);
        }
    }
    !text.is_ascii() && unicode_bidi::get_base_direction(text.as_str()) == unicode_bidi::Direction::Rtl
}

/// The text of inlines without styling, its white space collapsed (bookmarks, captions).
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t, _) => out.push_str(t),
            Inline::Break => out.push(' '),
            Inline::Anchor(_) => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`plain_text`] of what the inlines say once every change of a comparison is accepted
/// (deleted text left out): a redline's bookmarks and document title.
pub fn accepted_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(_, style) if style.change == Change::Deleted => {}
            Inline::Text(t, _) => out.push_str(t),
            Inline::Break => out.push(' '),
            Inline::Anchor(_) => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A character an output cannot show, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("character {character:?} (U+{code:04X}) on Markdown line {line} is in none of the PDF's fonts: \"{context}\"", code = *.character as u32)]
pub struct UnsupportedCharacter {
    /// The character.
    pub character: char,
    /// 1-based line in the Markdown.
    pub line: usize,
    /// The text around it.
    pub context: String,
}

/// Why a document's Markdown cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// A character the output cannot show.
    #[error(transparent)]
    Unsupported(#[from] UnsupportedCharacter),
    /// Lists and quotes nested deeper than [`MAX_NESTING`].
    #[error("lists and quotes nested {depth} deep on Markdown line {line}, past the limit of {MAX_NESTING}")]
    TooDeep {
        /// 1-based line in the Markdown where the limit is passed.
        line: usize,
        /// How deep it is there.
        depth: usize,
    },
    /// A table wider than [`MAX_TABLE_COLUMNS`], or tables of more than [`MAX_TABLE_CELLS`]
    /// cells in all.
    #[error("{what} on Markdown line {line}")]
    TooLarge {
        /// 1-based line in the Markdown where the limit is passed.
        line: usize,
        /// Which limit, and how far past it.
        what: String,
    },
}

/// How many columns a table may have: a page shows about a dozen; each column is measured
/// in every row, so a wider table (a 60,000-column one took 6 GB) is refused.
pub const MAX_TABLE_COLUMNS: usize = 32;

/// How many table cells a document may hold in all: four times a 100,000-row annex of four
/// columns, which lays out in 0.7 GB; each cell costs a few kilobytes laid out.
pub const MAX_TABLE_CELLS: usize = 1_600_000;

/// How deep lists and block quotes may nest (a list in a quote in a list… counts each).
/// Papers need three or four levels; every writer walks the blocks recursively, and at
/// this depth each does so well within the smallest thread stack a run uses (2 MiB).
pub const MAX_NESTING: usize = 16;

/// The targets of a document's links in order of first use, each found again at once.
#[derive(Debug, Default)]
struct Links {
    targets: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl Links {
    /// The index of `target`, added if new.
    fn index(&mut self, target: &str) -> u32 {
        if let Some(&at) = self.index.get(target) {
            return at;
        }
        let at = u32::try_from(self.targets.len()).expect("fewer links than bytes of a 4 GiB document");
        self.targets.push(target.to_string());
        self.index.insert(target.to_string(), at);
        at
    }
}

/// Web addresses written out in text (`https://…`) become links, as readers expect them to
/// be clickable; trailing punctuation stays outside.
fn link_bare_addresses(inlines: Vec<Inline>, links: &mut Links) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        let Inline::Text(text, style) = &inline else {
            out.push(inline);
            continue;
        };
        if style.link.is_some() || style.code || !text.contains("://") {
            // (Bare addresses are http and https only: always followable.)
            out.push(inline);
            continue;
        }
        let mut rest = text.as_str();
        while let Some(start) = ["https://", "http://"].iter().filter_map(|scheme| rest.find(scheme)).min() {
            let tail = &rest[start..];
            let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
            let address = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'', '"', '’', '”']);
            if address.len() <= "https://".len() {
                out.push(Inline::Text(rest[..start + end].to_string(), *style));
                rest = &rest[start + end..];
                continue;
            }
            if start > 0 {
                out.push(Inline::Text(rest[..start].to_string(), *style));
            }
            let index = links.index(address);
            out.push(Inline::Text(address.to_string(), Style { link: Some(index), ..*style }));
            rest = &rest[start + address.len()..];
        }
        if !rest.is_empty() {
            out.push(Inline::Text(rest.to_string(), *style));
        }
    }
    out
}

/// Parses a document's Markdown, whose front matter is `meta` (typed, from the model: the
/// text's own front matter is skipped, never read); `unsupported` names the first
/// character of a text that the output cannot show (the PDF's fonts), which stops the
/// parse there, as do lists and quotes nested past [`MAX_NESTING`].
pub fn parse(
    markdown: &str,
    meta: &FrontMatter,
    unsupported: impl Fn(&str) -> Option<char>,
) -> Result<Document, ParseError> {
    // Strikethrough in a comparison too: its marks never use `~~` (see `critic`), so the
    // drafts' struck text is struck in their redline.
    let comparison = meta.comparison.is_some();
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_STRIKETHROUGH;
    let line_of = |offset: usize| markdown[..offset].matches('\n').count() + 1;
    let mut events: Vec<Event> = Vec::new();
    // Adjacent texts gathered here and pushed as one event: the parser splits text where a
    // construct might start (`<`), and a mark or note must be read whole. An entity stays
    // apart: that is how author text escapes a mark's characters (`critic::escape`).
    let mut text: Option<String> = None;
    let mut nesting = 0usize;
    let mut cells = 0usize;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        // Front matter is the `---` block that opens the document, and no other: a later one
        // is shown as written.
        let event = match event {
            Event::Start(Tag::MetadataBlock(_)) if range.start > 0 => {
                Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented))
            }
            Event::End(TagEnd::MetadataBlock(_)) if range.start > 0 => Event::End(TagEnd::CodeBlock),
            other => other,
        };
        match &event {
            Event::Start(Tag::Item | Tag::BlockQuote(_)) => {
                nesting += 1;
                if nesting > MAX_NESTING {
                    return Err(ParseError::TooDeep { line: line_of(range.start), depth: nesting });
                }
            }
            Event::End(TagEnd::Item | TagEnd::BlockQuote(_)) => nesting = nesting.saturating_sub(1),
            Event::Start(Tag::Table(aligns)) if aligns.len() > MAX_TABLE_COLUMNS => {
                let what = format!("a table of {} columns, past the limit of {MAX_TABLE_COLUMNS}", aligns.len());
                return Err(ParseError::TooLarge { line: line_of(range.start), what });
            }
            Event::Start(Tag::TableCell) => {
                cells += 1;
                if cells > MAX_TABLE_CELLS {
                    let what = format!("more than {MAX_TABLE_CELLS} table cells");
                    return Err(ParseError::TooLarge { line: line_of(range.start), what });
                }
            }
            _ => {}
        }
        if let Event::Text(t) | Event::Code(t) = &event
            && let Some(character) = unsupported(t)
        {
            let context = t.trim().chars().take(60).collect();
            return Err(UnsupportedCharacter { character, line: line_of(range.start), context }.into());
        }
        let entity = markdown[range.clone()].starts_with('&');
        // Text in NFC: a letter and its combining accent become the one character every
        // face draws (a decomposed accent was drawn after its letter).
        let event = match event {
            Event::Text(t) if !t.is_ascii() && !is_nfc(&t) => Event::Text(t.nfc().collect::<String>().into()),
            other => other,
        };
        match event {
            Event::Text(t) if !entity => match &mut text {
                Some(joined) => joined.push_str(&t),
                None => text = Some(t.into_string()),
            },
            other => {
                if let Some(joined) = text.take() {
                    events.push(Event::Text(joined.into()));
                }
                events.push(other);
            }
        }
    }
    if let Some(joined) = text.take() {
        events.push(Event::Text(joined.into()));
    }
    let doc = Document { meta: meta.clone(), body: Vec::new(), footer: Vec::new(), links: Vec::new() };
    let mut reader = Reader {
        events: events.into_iter().peekable(),
        doc,
        links: Links::default(),
        tables: 0,
        critic: comparison,
        span_row: false,
        run_in: false,
    };
    let body = reader.blocks(None);
    let mut doc = reader.doc;
    doc.links = reader.links.targets;
    // Everything after the footer marker is the footer's text, not the body's.
    let (body, footer) = split_footer(body);
    doc.body = body;
    doc.footer = footer;
    super::anchor::guard(&mut doc.body, &doc.links);
    Ok(doc)
}

/// The blocks and link targets of Markdown that is no document (a fragment read back to
/// see what it says, as the Word import does): read as a document's body is, with no front
/// matter and no marking.
pub fn read_blocks(markdown: &str) -> Result<(Vec<Block>, Vec<String>), ParseError> {
    let placeholder = FrontMatter::new("", crate::domain::Classification::Red);
    parse(markdown, &placeholder, |_| None).map(|doc| (doc.body, doc.links))
}

/// The footer is what follows the last footer marker (the templates write it last).
fn split_footer(body: Vec<Block>) -> (Vec<Block>, Vec<Inline>) {
    let Some(at) = body.iter().rposition(|b| matches!(b, Block::Code(c) if c == FOOTER)) else {
        return (body, Vec::new());
    };
    let mut body = body;
    let rest = body.split_off(at);
    let mut footer = Vec::new();
    for block in rest.into_iter().skip(1) {
        if let Block::Paragraph(inlines) = block {
            if !footer.is_empty() {
                footer.push(Inline::Break);
            }
            footer.extend(inlines);
        }
    }
    (body, footer)
}

/// Whether `event` belongs to running text (a paragraph's content), not to the blocks
/// around it.
fn is_inline(event: &Event) -> bool {
    match event {
        Event::Start(tag) => matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        ),
        Event::End(end) => matches!(
            end,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Superscript
                | TagEnd::Subscript
        ),
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::InlineHtml(_)
        | Event::SoftBreak
        | Event::HardBreak
        | Event::FootnoteReference(_)
        | Event::TaskListMarker(_) => true,
        Event::Html(_) | Event::DisplayMath(_) | Event::Rule => false,
    }
}

struct Reader<'a> {
    events: std::iter::Peekable<std::vec::IntoIter<Event<'a>>>,
    doc: Document,
    links: Links,
    /// Tables read so far.
    tables: usize,
    /// Whether text carries CriticMarkup (the document is a comparison).
    critic: bool,
    /// Whether the table row being read started with the span marker.
    span_row: bool,
    /// Whether the heading being read ended with the run-in marker.
    run_in: bool,
}

impl Reader<'_> {
    /// Blocks until the end tag `until` (or the end of input).
    fn blocks(&mut self, until: Option<TagEnd>) -> Vec<Block> {
        let mut blocks = Vec::new();
        while let Some(event) = self.events.peek() {
            // Inline content directly inside a tight list item: a paragraph, read exactly as
            // a paragraph's content is, so that links, strikes, code and bare addresses
            // survive in every output.
            if is_inline(event) {
                let inlines = self.inlines(None, Style::REGULAR);
                if !inlines.is_empty() {
                    blocks.push(Block::Paragraph(inlines));
                }
                continue;
            }
            let Some(event) = self.events.next() else { break };
            match event {
                Event::End(end) if Some(end) == until => break,
                Event::Start(tag) => {
                    let block = match tag {
                        Tag::Paragraph => Some(Block::Paragraph(self.inlines(Some(TagEnd::Paragraph), Style::REGULAR))),
                        Tag::Heading { level, .. } => {
                            self.run_in = false;
                            let mut inlines = self.inlines(Some(TagEnd::Heading(level)), Style::BOLD);
                            match std::mem::take(&mut self.run_in) {
                                true => {
                                    // The space before the marker is the marker's, not the text's.
                                    if let Some(Inline::Text(last, _)) = inlines.last_mut() {
                                        last.truncate(last.trim_end().len());
                                    }
                                    Some(Block::RunIn(level as u8, inlines))
                                }
                                false => Some(Block::Heading(level as u8, inlines)),
                            }
                        }
                        Tag::List(start) => Some(Block::List(start, self.items())),
                        Tag::BlockQuote(kind) => Some(Block::Quote(self.blocks(Some(TagEnd::BlockQuote(kind))))),
                        Tag::CodeBlock(_) => Some(Block::Code(self.text_until(TagEnd::CodeBlock))),
                        Tag::Table(alignments) => Some(self.table(alignments)),
                        Tag::HtmlBlock => Some(self.html_block()),
                        // The front matter: the model's, passed in typed.
                        Tag::MetadataBlock(kind) => {
                            self.skip(TagEnd::MetadataBlock(kind));
                            None
                        }
                        other => {
                            self.skip(other.to_end());
                            None
                        }
                    };
                    if let Some(block) = block {
                        blocks.push(block);
                    }
                }
                Event::Rule => blocks.push(Block::Rule),
                _ => {}
            }
        }
        blocks
    }

    fn items(&mut self) -> Vec<Vec<Block>> {
        let mut items = Vec::new();
        while let Some(event) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => items.push(self.blocks(Some(TagEnd::Item))),
                Event::End(TagEnd::List(_)) => break,
                _ => {}
            }
        }
        items
    }

    fn table(&mut self, alignments: Vec<pulldown_cmark::Alignment>) -> Block {
        let mut head = Vec::new();
        let mut rows: Vec<Vec<Vec<Inline>>> = Vec::new();
        let mut in_head = false;
        while let Some(event) = self.events.next() {
            match event {
                Event::Start(Tag::TableHead) => in_head = true,
                Event::End(TagEnd::TableHead) => in_head = false,
                Event::Start(Tag::TableRow) => {
                    self.span_row = false;
                    rows.push(Vec::new());
                }
                // The parser pads a short row with empty cells; a spanning row keeps one.
                Event::End(TagEnd::TableRow) if self.span_row => {
                    if let Some(row) = rows.last_mut() {
                        row.truncate(1);
                    }
                }
                Event::Start(Tag::TableCell) => {
                    let cell = self.inlines(Some(TagEnd::TableCell), Style::REGULAR);
                    match (in_head, rows.last_mut()) {
                        (true, _) | (false, None) => head.push(cell),
                        (false, Some(row)) => row.push(cell),
                    }
                }
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        let aligns = alignments
            .into_iter()
            .map(|a| match a {
                pulldown_cmark::Alignment::Center => Align::Center,
                pulldown_cmark::Alignment::Right => Align::End,
                pulldown_cmark::Alignment::Left | pulldown_cmark::Alignment::None => Align::Start,
            })
            .collect();
        let index = self.tables;
        self.tables += 1;
        Block::Table(Table::read(&head, &rows, aligns, index))
    }

    fn html_block(&mut self) -> Block {
        let html = self.text_until(TagEnd::HtmlBlock);
        match html.trim() {
            PAGE_BREAK => Block::PageBreak,
            // Kept as a marker block; `split_footer` cuts the body there.
            FOOTER => Block::Code(FOOTER.to_string()),
            // Other plain comments are invisible in Markdown too.
            other if super::is_inert_html(other) => Block::Paragraph(Vec::new()),
            // Raw HTML shows as written rather than vanish from the PDF.
            other => Block::Code(other.to_string()),
        }
    }

    /// Inline content until the end tag `end` (consumed), or with `None` until the next
    /// event that is not inline (left for the caller), with `base` style added to
    /// everything inside.
    fn inlines(&mut self, end: Option<TagEnd>, base: Style) -> Vec<Inline> {
        let mut out = Vec::new();
        let mut reading = critic::Reading::default();
        self.runs(end, base, &mut reading, &mut out);
        if self.critic {
            critic::settle(&mut out, reading);
        }
        link_bare_addresses(out, &mut self.links)
    }

    /// Inline content until `end` (see [`Reader::inlines`]) added to `out`; `reading`
    /// carries a comparison's marks across runs.
    fn runs(&mut self, end: Option<TagEnd>, base: Style, reading: &mut critic::Reading, out: &mut Vec<Inline>) {
        let mut styles = vec![base];
        // The open links' targets that no output may follow (`javascript:`…): shown after
        // their text instead, the one link policy of every output.
        let mut unfollowed: Vec<Option<String>> = Vec::new();
        loop {
            // Without an end tag, the run stops before the first event outside inline content.
            if end.is_none() && styles.len() == 1 && self.events.peek().is_none_or(|e| !is_inline(e)) {
                break;
            }
            let Some(event) = self.events.next() else { break };
            let style = *styles.last().expect("base style");
            match event {
                Event::End(e) if Some(e) == end => break,
                Event::Start(Tag::Strong) => styles.push(Style { bold: true, ..style }),
                Event::Start(Tag::Emphasis) => styles.push(Style { italic: true, ..style }),
                Event::Start(Tag::Strikethrough) => styles.push(Style { strike: true, ..style }),
                Event::Start(Tag::Link { dest_url, .. }) if super::followable_target(&dest_url, "md").is_none() => {
                    unfollowed.push(Some(dest_url.into_string()));
                    styles.push(style);
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    unfollowed.push(None);
                    let index = self.links.index(&dest_url);
                    styles.push(Style { link: Some(index), ..style });
                }
                Event::Start(_) => styles.push(style),
                Event::End(TagEnd::Link) => {
                    styles.pop();
                    if let Some(Some(target)) = unfollowed.pop() {
                        out.push(Inline::Text(format!(" ({target})"), style));
                    }
                }
                Event::End(_) => {
                    styles.pop();
                }
                Event::Text(t) if self.critic => critic::read_runs(&t, style, reading, out),
                Event::Code(t) if self.critic => critic::read_runs(&t, Style { code: true, ..style }, reading, out),
                Event::Text(t) => out.push(Inline::Text(t.into_string(), style)),
                Event::Code(t) => out.push(Inline::Text(t.into_string(), Style { code: true, ..style })),
                Event::SoftBreak => out.push(Inline::Text(" ".into(), Style { change: reading.change, ..style })),
                Event::HardBreak => out.push(Inline::Break),
                Event::InlineHtml(html) if html.trim().eq_ignore_ascii_case("<br>") => out.push(Inline::Break),
                Event::InlineHtml(html) if html.trim() == SPAN_ROW => self.span_row = true,
                Event::InlineHtml(html) if html.trim() == RUN_IN => self.run_in = true,
                Event::InlineHtml(html) if super::anchor::read(&html).is_some() => {
                    // The space before the marker is the marker's, not the text's.
                    if let Some(Inline::Text(last, _)) = out.last_mut() {
                        last.truncate(last.trim_end().len());
                    }
                    out.push(Inline::Anchor(super::anchor::read(&html).unwrap_or_default().to_string()));
                }
                Event::InlineHtml(html) => out.push(Inline::Text(html.into_string(), style)),
                _ => {}
            }
        }
    }

    fn text_until(&mut self, end: TagEnd) -> String {
        let mut text = String::new();
        for event in self.events.by_ref() {
            match event {
                Event::End(e) if e == end => break,
                Event::Text(t) | Event::Html(t) => text.push_str(&t),
                _ => {}
            }
        }
        text
    }

    fn skip(&mut self, end: TagEnd) {
        self.text_until(end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Classification;

    /// A document's front matter, as the model gives it.
    fn front() -> FrontMatter {
        FrontMatter::new("A: B", Classification::White)
    }

    /// A comparison's front matter.
    fn compared() -> FrontMatter {
        FrontMatter { comparison: Some("a and b".into()), ..front() }
    }

    #[test]
    fn reads_meta_body_cells_and_footer() {
        let md = "---\ntitle: \"A: B\"\n---\n\n# T\n\n- one\n- **two**\n\n| a | b |\n| --- | --- |\n| x<br>• y | z |\n\n<!-- pagebreak -->\n\n<!-- footer -->\n\nStatement.\n";
        let doc = parse(md, &front(), |_| None).unwrap();
        assert_eq!(doc.meta, front(), "the model's, not the text's");
        assert!(matches!(&doc.body[0], Block::Heading(1, _)));
        assert!(matches!(&doc.body[1], Block::List(None, items) if items.len() == 2));
        let Block::Table(table) = &doc.body[2] else { panic!("{:?}", doc.body[2]) };
        assert_eq!(table.head.len(), 2);
        // `x<br>• y`: a paragraph and a list of one, read once for every writer.
        assert!(
            matches!(&table.rows[0].cells[0][..], [Block::Paragraph(_), Block::List(None, items)] if items.len() == 1)
        );
        assert_eq!(doc.body[3], Block::PageBreak);
        assert_eq!(doc.body.len(), 4);
        assert_eq!(doc.footer, vec![Inline::Text("Statement.".into(), Style::REGULAR)]);
    }

    /// The first paragraph in `blocks` (depth first) that has a run `end`.
    fn paragraph_ending(blocks: &[Block]) -> Option<&[Inline]> {
        blocks.iter().find_map(|b| match b {
            Block::Paragraph(inlines) if inlines.iter().any(|i| matches!(i, Inline::Text(t, _) if t == "end")) => {
                Some(inlines.as_slice())
            }
            Block::List(_, items) => items.iter().find_map(|item| paragraph_ending(item)),
            Block::Quote(inner) => paragraph_ending(inner),
            _ => None,
        })
    }

    #[test]
    fn inline_constructs_read_the_same_in_every_block_context() {
        let line = "a [link](https://example.org/l) ~~struck~~ `code` https://example.org/bare **bold *both***<br>end";
        let contexts = [
            format!("{line}\n"),
            format!("- {line}\n- two\n"),
            format!("- one\n\n- {line}\n"),
            format!("- one\n  - two\n    - {line}\n"),
            format!("1. {line}\n2. two\n"),
            format!("> {line}\n"),
            format!("> - {line}\n"),
        ];
        let mut read = Vec::new();
        for markdown in &contexts {
            let doc = parse(markdown, &front(), |_| None).unwrap();
            let inlines =
                paragraph_ending(&doc.body).unwrap_or_else(|| panic!("{markdown:?}: {:?}", doc.body)).to_vec();
            let runs: Vec<(String, Style, Option<String>)> = inlines
                .iter()
                .map(|i| match i {
                    Inline::Text(t, s) => (t.clone(), *s, s.link.map(|l| doc.links[l as usize].clone())),
                    Inline::Break => ("\n".into(), Style::REGULAR, None),
                    Inline::Anchor(name) => (format!("#{name}"), Style::REGULAR, None),
                })
                .map(|(t, s, target)| (t, Style { link: None, ..s }, target))
                .collect();
            read.push(runs);
        }
        let first = &read[0];
        let has = |text: &str, test: &dyn Fn(&Style, &Option<String>) -> bool| {
            first.iter().any(|(t, s, target)| t == text && test(s, target))
        };
        assert!(has("link", &|_, t| t.as_deref() == Some("https://example.org/l")), "{first:?}");
        assert!(has("struck", &|s, _| s.strike));
        assert!(has("code", &|s, _| s.code));
        assert!(has("https://example.org/bare", &|_, t| t.as_deref() == Some("https://example.org/bare")));
        assert!(has("both", &|s, _| s.bold && s.italic));
        assert!(first.iter().any(|(t, _, _)| t == "\n"), "{first:?}");
        for (markdown, runs) in contexts.iter().zip(&read) {
            assert_eq!(runs, first, "{markdown:?}");
        }
    }

    #[test]
    fn reads_critic_markup_in_a_comparison_only() {
        let md = "---\ncomparison: \"a and b\"\n---\n\nat {~~95%~>96%~~} and {++new **bold**++}{--old--}.\n";
        let doc = parse(md, &compared(), |_| None).unwrap();
        let Block::Paragraph(inlines) = &doc.body[0] else { panic!() };
        let runs: Vec<(String, Change)> = inlines
            .iter()
            .filter_map(|i| if let Inline::Text(t, s) = i { Some((t.clone(), s.change)) } else { None })
            .collect();
        let expected = [
            ("at ", Change::None),
            ("95%", Change::Deleted),
            ("96%", Change::Inserted),
            (" and ", Change::None),
            ("new ", Change::Inserted),
            ("bold", Change::Inserted),
            ("old", Change::Deleted),
            (".", Change::None),
        ];
        assert_eq!(runs, expected.map(|(t, c)| (t.to_string(), c)));
        let plain = parse("{++kept as text++}\n", &front(), |_| None).unwrap();
        assert_eq!(plain.body[0], Block::Paragraph(vec![Inline::Text("{++kept as text++}".into(), Style::REGULAR)]));
    }

    #[test]
    fn a_row_marked_to_span_keeps_one_cell_and_an_escaped_marker_is_text() {
        let md =
            "| a | b | c |\n| --- | --- | --- |\n| <!-- span --> *Row 1 withheld* |\n| &lt;!-- span --> x | y | z |\n";
        let doc = parse(md, &front(), |_| None).unwrap();
        let Block::Table(table) = &doc.body[0] else { panic!("{:?}", doc.body) };
        assert!(table.rows[0].spans && table.rows[0].cells.len() == 1, "{:?}", table.rows[0]);
        assert!(!table.rows[1].spans && table.rows[1].cells.len() == 3);
        let text: String =
            table.rows[1].inlines().map(|i| if let Inline::Text(t, _) = i { t.as_str() } else { "" }).collect();
        assert_eq!(text, "<!-- span --> xyz", "every cell's text, in order");
    }

    #[test]
    fn every_link_keeps_its_target_past_the_65536th() {
        let md: String = (0..70_000).map(|i| format!("[l{i}](https://example.org/{i}) ")).collect();
        let doc = parse(&md, &front(), |_| None).unwrap();
        assert_eq!(doc.links.len(), 70_000);
        let Block::Paragraph(inlines) = &doc.body[0] else { panic!() };
        let last = inlines.iter().rev().find_map(|i| match i {
            Inline::Text(t, s) if t == "l69999" => s.link,
            _ => None,
        });
        assert_eq!(last.map(|l| doc.links[l as usize].as_str()), Some("https://example.org/69999"));
    }

    #[test]
    fn nesting_past_the_limit_is_an_error_not_a_deep_recursion() {
        let quotes = |n: usize| format!("{}deep\n", "> ".repeat(n));
        assert!(parse(&quotes(MAX_NESTING), &front(), |_| None).is_ok());
        let err = parse(&quotes(100_000), &front(), |_| None).unwrap_err();
        assert_eq!(err, ParseError::TooDeep { line: 1, depth: MAX_NESTING + 1 });
        let lists: String = (0..50).map(|i| format!("{}- x\n", "  ".repeat(i))).collect();
        assert!(matches!(parse(&lists, &front(), |_| None), Err(ParseError::TooDeep { line: 17, .. })));
    }

    #[test]
    fn names_a_character_the_fonts_cannot_show() {
        let err = parse("# Title\n\nZażółć\n", &front(), |text| text.chars().find(|c| !c.is_ascii())).unwrap_err();
        let ParseError::Unsupported(err) = err else { panic!("{err:?}") };
        assert_eq!((err.character, err.line), ('ż', 3));
    }
}
