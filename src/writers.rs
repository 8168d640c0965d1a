//! The output formats and their writers: the one table every command reads (render, build,
//! watch, check, diff, the index and the fuzzers), so a new output is one row here and its
//! own module.
//!
//! Every writer but the Markdown's is laid out from the dialect's one parse of the
//! document's Markdown; what each needs (the parse, the pages, the fonts' character check)
//! is said in its row, and [`write()`] makes exactly that once for all of them.

use crate::diagnostic::{Diagnostic, Diagnostics, Kind, Position};
use crate::dialect::{Document, Markdown};
use crate::docx::DocxOptions;
use crate::error::Error;
use crate::layout::{Finished, Layout};
use crate::markdown::Templates;
use crate::pdf::PdfOptions;
use chrono::NaiveDate;
use std::path::Path;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// GitHub-flavoured Markdown: the dialect itself.
    Md,
    /// Tagged PDF, laid out from the Markdown.
    Pdf,
    /// One self-contained HTML page, laid out from the Markdown.
    Html,
    /// A Word document, laid out from the Markdown.
    Docx,
}

/// What a writer is given: the document's Markdown, its parse and pages when its row asks
/// for them, and what the formats print beyond the document.
pub struct Source<'a> {
    /// The Markdown, with its typed front matter.
    pub markdown: &'a Markdown,
    /// The dialect's parse of it (for every writer that lays it out).
    pub doc: Option<&'a Document>,
    /// Its pages with their furniture (for the PDF).
    pub pages: Option<&'a Finished>,
    /// The templates (the HTML page's stylesheet).
    pub templates: &'a Templates,
    /// The document's own date (the PDF's and the Word document's creation date).
    pub date: NaiveDate,
    /// `SOURCE_DATE_EPOCH`, which overrides it.
    pub source_date_epoch: Option<i64>,
    /// Who a comparison's tracked changes are by (the Word document).
    pub author: Option<&'a str>,
    /// Each table's column widths in points across the text width, by its index (for the
    /// writers that size tables).
    pub column_widths: &'a std::collections::BTreeMap<usize, Vec<f32>>,
}

/// One output format's writer.
pub struct Writer {
    /// The format.
    pub format: Format,
    /// Its name on the command line (`-f md,pdf`) and its files' extension.
    pub name: &'static str,
    /// What the format is, for the command line's help.
    pub about: &'static str,
    /// Whether it is laid out from the dialect's parse.
    pub parsed: bool,
    /// Whether it is laid out into pages: every character must be one the bundled fonts
    /// show (a browser or a word processor shows any).
    pub paged: bool,
    /// Whether it sets tables' columns itself, as the PDF sizes them (given in
    /// [`Source::column_widths`]).
    pub sized: bool,
    /// Whether its bytes are text a terminal may show (a PDF or a Word document goes to a
    /// file unless `-o -` asks for standard output).
    pub text: bool,
    /// The bytes of a document in this format.
    pub write: fn(&Source<'_>) -> Result<Vec<u8>, Error>,
}

/// Every writer, in the order their files are made and listed.
pub const WRITERS: &[Writer] = &[
    Writer {
        format: Format::Md,
        name: "md",
        about: "GitHub-flavoured Markdown: the intermediate every other format is laid out from",
        parsed: false,
        paged: false,
        sized: false,
        text: true,
        write: |source| Ok(source.markdown.text().as_bytes().to_vec()),
    },
    Writer {
        format: Format::Pdf,
        name: "pdf",
        about: "tagged PDF (PDF/UA-1) with embedded fonts",
        parsed: true,
        paged: true,
        sized: false,
        text: false,
        write: |source| {
            let pages = source.pages.expect("a paged writer is given the pages");
            Ok(crate::pdf::write(pages, &PdfOptions::dated(source.date, source.source_date_epoch)))
        },
    },
    Writer {
        format: Format::Html,
        name: "html",
        about: "one self-contained, accessible HTML page",
        parsed: true,
        paged: false,
        sized: false,
        text: true,
        write: |source| html_page(source.templates, source.doc.expect("a parsed writer is given the parse")),
    },
    Writer {
        format: Format::Docx,
        name: "docx",
        about: "a Word document with real styles (a comparison's changes tracked)",
        parsed: true,
        paged: false,
        sized: true,
        text: false,
        write: |source| {
            let doc = source.doc.expect("a parsed writer is given the parse");
            let mut options = DocxOptions::dated(source.date, source.source_date_epoch);
            if let Some(author) = source.author {
                options.author = author.to_string();
            }
            options.column_widths = source.column_widths.clone();
            Ok(crate::docx::write(doc, &options))
        },
    },
];

/// The pages of `markdown`, made from `file`, not yet finished: a document standing alone
/// calls [`Layout::finish`], a pack stamps them with its own numbers.
pub fn pages(file: &Path, markdown: &Markdown) -> Result<Layout, Error> {
    Ok(crate::layout::layout(&parse(file, markdown, true)?))
}

/// The HTML page of a parsed document, with the stylesheet its templates make.
pub fn html_page(templates: &Templates, doc: &Document) -> Result<Vec<u8>, Error> {
    let stylesheet = templates.stylesheet(&doc.meta, &crate::dialect::plain_text(&doc.footer))?;
    Ok(crate::html::write(doc, &stylesheet).into_bytes())
}

impl Format {
    /// This format's row of [`WRITERS`].
    pub fn writer(self) -> &'static Writer {
        WRITERS.iter().find(|w| w.format == self).expect("every format has its writer")
    }

    /// The file name extension of its outputs.
    pub fn extension(self) -> &'static str {
        self.writer().name
    }

    /// The format named `name` on the command line (any case).
    pub fn named(name: &str) -> Option<Format> {
        WRITERS.iter().find(|w| w.name.eq_ignore_ascii_case(name.trim())).map(|w| w.format)
    }
}

/// A set of formats, as `-f` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Formats(u8);

impl Formats {
    /// Every format.
    pub const ALL: Formats = Formats((1 << WRITERS.len() as u8) - 1);

    /// The formats given.
    pub fn of(formats: impl IntoIterator<Item = Format>) -> Formats {
        Formats(formats.into_iter().fold(0, |set, f| set | Formats::bit(f)))
    }

    fn bit(format: Format) -> u8 {
        1 << WRITERS.iter().position(|w| w.format == format).expect("a format of the table")
    }

    /// Whether `format` is one of them.
    pub fn contains(self, format: Format) -> bool {
        self.0 & Formats::bit(format) != 0
    }

    /// These formats and `format`.
    pub fn with(self, format: Format) -> Formats {
        Formats(self.0 | Formats::bit(format))
    }

    /// Their writers, in the table's order.
    pub fn writers(self) -> impl Iterator<Item = &'static Writer> {
        WRITERS.iter().filter(move |w| self.contains(w.format))
    }

    /// Whether there is none.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether any is laid out into pages: the text must then be what the bundled fonts show.
    pub fn paged(self) -> bool {
        self.writers().any(|w| w.paged)
    }

    /// Whether any is laid out from the dialect's parse.
    pub fn parsed(self) -> bool {
        self.writers().any(|w| w.parsed)
    }
}

impl std::fmt::Display for Formats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.writers().map(|w| w.name).collect();
        f.write_str(&names.join(","))
    }
}

/// What the formats asked for made of one document: each file's format and bytes, and its
/// pages when asked to keep them (a pack lays them out again with the whole pack's numbers).
pub struct Written {
    /// Each format's bytes, in the table's order.
    pub files: Vec<(Format, Vec<u8>)>,
    /// How many pages it has (0 without a paged format).
    pub pages: usize,
}

/// How a document is written beyond its Markdown.
#[derive(Debug, Clone, Copy)]
pub struct Dated<'a> {
    /// The document's own date.
    pub date: NaiveDate,
    /// `SOURCE_DATE_EPOCH`.
    pub source_date_epoch: Option<i64>,
    /// Who a comparison's tracked changes are by.
    pub author: Option<&'a str>,
}

/// Every format of `formats` for the document `markdown`, made from `file` with
/// `templates` (a character no font shows is named there): one parse and one layout serve
/// every writer that needs them.
pub fn write(
    formats: Formats,
    markdown: &Markdown,
    file: &Path,
    templates: &Templates,
    dated: Dated<'_>,
) -> Result<Written, Error> {
    let doc = formats.parsed().then(|| parse_made_with(file, templates, markdown, formats.paged())).transpose()?;
    let layout = doc.as_ref().filter(|_| formats.paged()).map(crate::layout::layout);
    let pages = layout.as_ref().map_or(0, |l| l.pages.len());
    let finished = layout.map(Layout::finish);
    // Tables' columns for the writers that set them, across the text width as the PDF
    // sizes a table of the body (whatever else is asked, so each format's bytes stay its own).
    let column_widths = match &doc {
        Some(doc) if formats.writers().any(|w| w.sized) => {
            crate::layout::table_widths(&doc.body, crate::theme::TEXT_WIDTH)
        }
        _ => std::collections::BTreeMap::new(),
    };
    let source = Source {
        markdown,
        doc: doc.as_ref(),
        pages: finished.as_ref(),
        templates,
        date: dated.date,
        source_date_epoch: dated.source_date_epoch,
        author: dated.author,
        column_widths: &column_widths,
    };
    let files = formats.writers().map(|w| Ok((w.format, (w.write)(&source)?))).collect::<Result<Vec<_>, Error>>()?;
    Ok(Written { files, pages })
}

/// The dialect's parse of the Markdown made from `file`; with `fonts`, a character the PDF's
/// fonts cannot show is an error at its place in `file` (a browser shows any character).
pub fn parse(file: &Path, markdown: &Markdown, fonts: bool) -> Result<Document, Error> {
    parse_in(&[file], markdown, fonts)
}

/// [`parse`] of Markdown that `templates` made from `file`: a character the fonts cannot
/// show is found in the paper's YAML, or else in the user's template that wrote it.
pub fn parse_made_with(
    file: &Path,
    templates: &Templates,
    markdown: &Markdown,
    fonts: bool,
) -> Result<Document, Error> {
    let files: Vec<&Path> = std::iter::once(file).chain(templates.user_files()).collect();
    parse_in(&files, markdown, fonts)
}

fn parse_in(files: &[&Path], markdown: &Markdown, fonts: bool) -> Result<Document, Error> {
    let unsupported = |text: &str| if fonts { crate::layout::first_unsupported(text) } else { None };
    let file = files[0];
    crate::dialect::parse(markdown.text(), markdown.front(), unsupported).map_err(|e| match e {
        crate::dialect::ParseError::Unsupported(e) => unsupported_character(files, &e),
        crate::dialect::ParseError::TooDeep { line, depth } => too_deep(file, line, depth),
        crate::dialect::ParseError::TooLarge { line, what } => Error::Invalid(Diagnostics(vec![
            Diagnostic::error(Kind::TooLarge, file, format!("the Markdown holds {what} at its line {line}"))
                .with_hint("split the table, or send it as an attachment"),
        ])),
    })
}

/// Nesting past the dialect's limit that no check of the author's text caught (a template's
/// own): named with its line in the Markdown.
fn too_deep(file: &Path, line: usize, depth: usize) -> Error {
    Error::Invalid(Diagnostics(vec![
        Diagnostic::error(
            Kind::TooDeep,
            file,
            format!(
                "the Markdown nests lists and quotes {depth} deep at its line {line}, past the limit of {}",
                crate::dialect::MAX_NESTING
            ),
        )
        .with_hint("nest lists and quotes less deeply"),
    ]))
}

/// Points at the character where the author can change it: the first of `files` (the
/// paper's YAML, then the user's templates) that holds it, at its line and column.
fn unsupported_character(files: &[&Path], error: &crate::layout::UnsupportedCharacter) -> Error {
    let found = files.iter().find_map(|file| {
        let text = std::fs::read_to_string(file).ok()?;
        text.lines().enumerate().find_map(|(i, line)| {
            let column = line.chars().position(|c| c == error.character)?;
            Some((*file, Position { line: i + 1, column: column + 1 }))
        })
    });
    let (file, position) = match found {
        Some((file, position)) => (file, Some(position)),
        None => (files[0], None),
    };
    let message = format!(
        "character {:?} (U+{:04X}) is in none of the PDF's fonts (in \"{}\")",
        error.character, error.character as u32, error.context
    );
    Error::Invalid(Diagnostics(vec![
        Diagnostic::error(Kind::UnsupportedCharacter, file, message)
            .at(position)
            .with_hint(format!("{}, or write -f md", crate::fonts::COVERAGE_HINT)),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_row_and_a_set_knows_what_it_needs() {
        for (i, writer) in WRITERS.iter().enumerate() {
            assert_eq!(WRITERS.iter().position(|w| w.format == writer.format), Some(i));
            assert_eq!(Format::named(writer.name), Some(writer.format));
        }
        let md = Formats::of([Format::Md]);
        assert!(!md.parsed() && !md.paged());
        assert!(Formats::of([Format::Md, Format::Html]).parsed() && !Formats::of([Format::Html]).paged());
        assert!(Formats::ALL.paged() && Formats::ALL.len() == WRITERS.len());
        assert_eq!(Formats::of([Format::Docx, Format::Md]).to_string(), "md,docx");
    }
}
