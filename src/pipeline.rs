//! The stages joined up for one paper: load → validate → model ([`prepare`]), then
//! Markdown → layout → PDF and the output files ([`render`]).

use crate::diagnostic::{Diagnostic, Diagnostics, Kind, Position};
use crate::dialect::{Document, Markdown};
use crate::docx::DocxOptions;
use crate::domain::Classification;
use crate::error::Error;
use crate::layout::Layout;
use crate::load::{self, Loaded, PaperSource};
use crate::markdown::Templates;
use crate::model::Paper;
use crate::output::OutputFile;
use crate::pdf::{self, PdfOptions};
use crate::validate::{self, MeetingContext};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// A paper that passed every check, with the lints found on the way.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The file it came from.
    pub file: std::path::PathBuf,
    /// The numbered paper.
    pub paper: Paper,
    /// Warnings (lints) that did not stop it.
    pub warnings: Diagnostics,
}

/// What a paper is checked for beyond its own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checks {
    /// The edition being made, if any: parts above its class are withheld.
    pub edition: Option<Classification>,
    /// Whether a PDF is made, so every character must be one its fonts show (`check`
    /// assumes so: the default outputs are Markdown and PDF).
    pub pdf: bool,
}

impl Default for Checks {
    fn default() -> Self {
        Checks { edition: None, pdf: true }
    }
}

/// Loads, checks and numbers one paper file, for the default outputs.
pub fn prepare(file: &Path) -> Result<Prepared, Error> {
    prepare_with(file, Checks::default())
}

/// Loads, checks and numbers one paper file as `checks` says.
pub fn prepare_with(file: &Path, checks: Checks) -> Result<Prepared, Error> {
    let loaded: Loaded<PaperSource> = load::load(file)?;
    prepare_loaded(&loaded, None, None, checks).map_err(Error::Invalid)
}

/// Loads, checks and numbers a paper given as text (`file` names it in messages).
pub fn prepare_text(file: &Path, text: &str) -> Result<Prepared, Error> {
    prepare_text_with(file, text, Checks::default())
}

/// [`prepare_text`] as `checks` says.
pub fn prepare_text_with(file: &Path, text: &str, checks: Checks) -> Result<Prepared, Error> {
    let loaded: Loaded<PaperSource> = load::parse(file, text)?;
    prepare_loaded(&loaded, None, None, checks).map_err(Error::Invalid)
}

/// Checks and numbers an already loaded paper; inside a meeting, `meeting` supplies its
/// reference parts and `papers` the references its text may cite by key.
pub fn prepare_loaded(
    loaded: &Loaded<PaperSource>,
    meeting: Option<&MeetingContext>,
    papers: Option<Arc<BTreeMap<String, String>>>,
    checks: Checks,
) -> Result<Prepared, Diagnostics> {
    let fonts = crate::fonts::covers;
    let any = |_: char| true;
    let shown: &dyn Fn(char) -> bool = if checks.pdf { &fonts } else { &any };
    let result = validate::check(loaded, papers, meeting, checks.edition, shown);
    if loaded.shape.has_errors() {
        // Read part by part: the shape problems, and the meaning problems of every part
        // that could be read (not of what was left at a default).
        let under_broken = |d: &crate::diagnostic::Diagnostic| {
            let field = d.field.as_deref().unwrap_or_default();
            loaded
                .broken
                .iter()
                .any(|b| field == b || field.starts_with(&format!("{b}.")) || field.starts_with(&format!("{b}[")))
        };
        let mut problems = loaded.shape.clone();
        let meaning = match result {
            Ok((_, warnings)) => warnings,
            Err(d) => d,
        };
        problems.0.extend(meaning.0.into_iter().filter(|d| !under_broken(d)));
        return Err(problems.sorted());
    }
    let (checked, warnings) = result?;
    Ok(Prepared { file: loaded.file.clone(), paper: Paper::build(checked, checks.edition), warnings })
}

impl Prepared {
    /// Whether the paper's base class is above its edition's, so that the edition has
    /// nothing of it to show (not even its title).
    pub fn is_withheld(&self) -> bool {
        self.paper.is_withheld()
    }
}

/// An output format of a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    /// GitHub-flavoured Markdown: the dialect itself.
    Md,
    /// PDF laid out from the Markdown.
    Pdf,
    /// One self-contained HTML page laid out from the Markdown.
    Html,
    /// A Word document laid out from the Markdown.
    Docx,
}

impl Format {
    /// The file name extension of its outputs.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }
}

/// Where and how [`render`] writes a paper.
#[derive(Debug, Clone, Copy)]
pub struct RenderRequest<'a> {
    /// The output folder.
    pub out: &'a Path,
    /// The formats asked for.
    pub formats: &'a [Format],
    /// `SOURCE_DATE_EPOCH`, for the PDF's creation date.
    pub source_date_epoch: Option<i64>,
    /// Whether to keep the paper's unstamped pages (for a pack).
    pub keep_layout: bool,
}

/// One paper rendered: its output files, and its pages when asked for.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// `DIR/REFERENCE.pdf`, `.html`, `.md`, in that order, as asked for.
    pub files: Vec<OutputFile>,
    /// The pages without furniture, for a pack.
    pub layout: Option<Layout>,
    /// How many pages its PDF has (0 without PDF output).
    pub pages: usize,
}

/// A prepared paper into every output `request` asks for, named after its reference: the
/// one way `render` and `build` make a paper's files.
pub fn render(prepared: &Prepared, templates: &Templates, request: &RenderRequest) -> Result<Rendered, Error> {
    render_markdown(prepared, templates, request, templates.render_paper(&prepared.paper)?)
}

/// [`render`] from the paper's Markdown, already made.
pub fn render_markdown(
    prepared: &Prepared,
    templates: &Templates,
    request: &RenderRequest,
    markdown: Markdown,
) -> Result<Rendered, Error> {
    let stem = request.out.join(prepared.paper.reference.file_stem());
    let mut rendered = Rendered { files: Vec::new(), layout: None, pages: 0 };
    let pdf = request.formats.contains(&Format::Pdf);
    // One parse serves every output laid out from the Markdown.
    let laid_out = request.formats.iter().any(|f| *f != Format::Md);
    let doc = laid_out.then(|| parse_made_with(&prepared.file, templates, &markdown, pdf)).transpose()?;
    if let Some(doc) = doc.as_ref().filter(|_| pdf) {
        let layout = crate::layout::layout(doc);
        rendered.pages = layout.pages.len();
        if request.keep_layout {
            rendered.layout = Some(layout.clone());
        }
        let options = PdfOptions::dated(prepared.paper.date, request.source_date_epoch);
        rendered
            .files
            .push(OutputFile { path: stem.with_extension("pdf"), bytes: pdf::write(&layout.finish(), &options) });
    }
    if let Some(doc) = doc.as_ref().filter(|_| request.formats.contains(&Format::Html)) {
        rendered.files.push(OutputFile { path: stem.with_extension("html"), bytes: html_page(templates, doc)? });
    }
    if let Some(doc) = doc.as_ref().filter(|_| request.formats.contains(&Format::Docx)) {
        let options = DocxOptions::dated(prepared.paper.date, request.source_date_epoch);
        rendered.files.push(OutputFile { path: stem.with_extension("docx"), bytes: crate::docx::write(doc, &options) });
    }
    if request.formats.contains(&Format::Md) {
        rendered.files.push(OutputFile { path: stem.with_extension("md"), bytes: markdown.into_text().into_bytes() });
    }
    Ok(rendered)
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
    })
}

/// The HTML page of a document's Markdown, with its stylesheet.
pub fn html(templates: &Templates, markdown: &Markdown) -> Result<Vec<u8>, Error> {
    html_page(templates, &parse(Path::new(""), markdown, false)?)
}

/// The HTML page of a parsed document, with its stylesheet.
pub fn html_page(templates: &Templates, doc: &Document) -> Result<Vec<u8>, Error> {
    let stylesheet = templates.stylesheet(&doc.meta, &crate::dialect::plain_text(&doc.footer))?;
    Ok(crate::html::write(doc, &stylesheet).into_bytes())
}

/// The Word document of a document's Markdown.
pub fn docx(markdown: &Markdown, options: &DocxOptions) -> Result<Vec<u8>, Error> {
    Ok(crate::docx::write(&parse(Path::new(""), markdown, false)?, options))
}

/// The pages of Markdown made from `file` (named when a character cannot be shown), not
/// yet finished: a document standing alone calls [`Layout::finish`], a pack stamps them.
pub fn layout(file: &Path, markdown: &Markdown) -> Result<Layout, Error> {
    Ok(crate::layout::layout(&parse(file, markdown, true)?))
}

/// The validate stage alone, for a paper outside a meeting: every problem of `loaded`, or
/// the checked paper and its warnings (the benchmarks time the stages one by one).
pub fn validate(
    loaded: &Loaded<PaperSource>,
    checks: Checks,
) -> Result<(crate::model::Checked, Diagnostics), Diagnostics> {
    let fonts = crate::fonts::covers;
    let any = |_: char| true;
    let shown: &dyn Fn(char) -> bool = if checks.pdf { &fonts } else { &any };
    validate::check(loaded, None, None, checks.edition, shown)
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
