//! The stages joined up for one paper: load → validate → model ([`prepare`]), then
//! Markdown → layout → PDF and the output files ([`render`]).

use crate::diagnostic::Diagnostics;
use crate::dialect::Markdown;
use crate::domain::Classification;
use crate::error::Error;
use crate::load::{self, Loaded, PaperSource};
use crate::markdown::Templates;
use crate::model::Paper;
use crate::output::OutputFile;
use crate::validate::{self, MeetingContext};
use crate::writers::{self, Formats};
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
    /// The source files (spreadsheets, CSV) its figures were read from.
    pub sources: Vec<std::path::PathBuf>,
}

/// What a paper is checked for beyond its own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checks {
    /// The edition being made, if any: parts above its class are withheld.
    pub edition: Option<Classification>,
    /// Whether an output is laid out in pages ([`Formats::paged`]), so every character must
    /// be one the bundled fonts show (`check` assumes so: it checks for every format).
    pub paged: bool,
    /// Whether its sources may lie outside its folder (`--allow-outside`).
    pub allow_outside: bool,
}

impl Default for Checks {
    fn default() -> Self {
        Checks { edition: None, paged: true, allow_outside: false }
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
    prepare_loaded_from(loaded, meeting, papers, checks, &load::Disk)
}

/// [`prepare_loaded`], the paper's own sources read from `files`: where the paper was read
/// (a draft in a git revision reads the revision's workbooks, not today's).
pub fn prepare_loaded_from(
    loaded: &Loaded<PaperSource>,
    meeting: Option<&MeetingContext>,
    papers: Option<Arc<BTreeMap<String, String>>>,
    checks: Checks,
    files: &dyn load::Files,
) -> Result<Prepared, Diagnostics> {
    let fonts = crate::fonts::covers;
    let any = |_: char| true;
    let shown: &dyn Fn(char) -> bool = if checks.paged { &fonts } else { &any };
    // The figures and rows of its spreadsheets read in, as if typed in its YAML.
    let shared = meeting.and_then(|m| m.sources.as_deref());
    let resolved = crate::sources::resolve(loaded, shared, checks.edition, checks.allow_outside, files);
    let loaded = resolved.as_ref().map_or(loaded, |r| &r.paper);
    let (result, sources) = match &resolved {
        None => (validate::check(loaded, papers, meeting, checks.edition, shown), Vec::new()),
        Some(resolved) => {
            let mut result = validate::check(loaded, papers, meeting, checks.edition, shown);
            let (Ok((_, problems)) | Err(problems)) = &mut result;
            resolved.locate(problems);
            if resolved.problems.has_errors() {
                let mut all = resolved.problems.clone();
                all.extend(match result {
                    Ok((_, warnings)) => warnings,
                    Err(problems) => problems,
                });
                result = Err(all.sorted());
            }
            (result, resolved.files.clone())
        }
    };
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
    Ok(Prepared { file: loaded.file.clone(), paper: Paper::build(checked, checks.edition), warnings, sources })
}

impl Prepared {
    /// Whether the paper's base class is above its edition's, so that the edition has
    /// nothing of it to show (not even its title).
    pub fn is_withheld(&self) -> bool {
        self.paper.is_withheld()
    }
}

/// Where and how [`render`] writes a paper.
#[derive(Debug, Clone, Copy)]
pub struct RenderRequest<'a> {
    /// The output folder.
    pub out: &'a Path,
    /// The formats asked for.
    pub formats: Formats,
    /// `SOURCE_DATE_EPOCH`, for the PDF's creation date.
    pub source_date_epoch: Option<i64>,
    /// Whether to keep the paper's Markdown (a pack lays it out again, with its numbers).
    pub keep_markdown: bool,
}

/// One paper rendered: its output files, and its Markdown when asked for.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// `DIR/REFERENCE.md`, `.pdf`, … in the writers' order, as asked for.
    pub files: Vec<OutputFile>,
    /// Its Markdown, for a pack.
    pub markdown: Option<Markdown>,
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
    let dated =
        writers::Dated { date: prepared.paper.date, source_date_epoch: request.source_date_epoch, author: None };
    let written = writers::write(request.formats, &markdown, &prepared.file, templates, dated)?;
    let files = written
        .files
        .into_iter()
        .map(|(format, bytes)| OutputFile { path: stem.with_extension(format.extension()), bytes })
        .collect();
    Ok(Rendered { files, markdown: request.keep_markdown.then_some(markdown), pages: written.pages })
}

/// The validate stage alone, for a paper outside a meeting: every problem of `loaded`, or
/// the checked paper and its warnings (the benchmarks time the stages one by one).
pub fn validate(
    loaded: &Loaded<PaperSource>,
    checks: Checks,
) -> Result<(crate::model::Checked, Diagnostics), Diagnostics> {
    let fonts = crate::fonts::covers;
    let any = |_: char| true;
    let shown: &dyn Fn(char) -> bool = if checks.paged { &fonts } else { &any };
    validate::check(loaded, None, None, checks.edition, shown)
}
