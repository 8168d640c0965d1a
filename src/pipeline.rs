//! The stages joined up for one paper: load → validate → model → Markdown (→ PDF).

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::domain::Classification;
use crate::error::Error;
use crate::layout::Layout;
use crate::load::{self, Loaded, PaperSource};
use crate::markdown::Templates;
use crate::model::Paper;
use crate::validate::{self, MeetingContext};
use chrono::NaiveDate;
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

/// Loads, checks and numbers one paper file.
pub fn prepare(file: &Path) -> Result<Prepared, Error> {
    prepare_edition(file, None)
}

/// Loads, checks and numbers one paper file, as the edition for `edition`'s class if given.
pub fn prepare_edition(file: &Path, edition: Option<Classification>) -> Result<Prepared, Error> {
    let loaded: Loaded<PaperSource> = load::load(file)?;
    prepare_loaded(&loaded, None, None, edition).map_err(Error::Invalid)
}

/// Loads, checks and numbers a paper given as text (`file` names it in messages).
pub fn prepare_text(file: &Path, text: &str) -> Result<Prepared, Error> {
    let loaded: Loaded<PaperSource> = load::parse(file, text)?;
    prepare_loaded(&loaded, None, None, None).map_err(Error::Invalid)
}

/// Checks and numbers an already loaded paper; inside a meeting, `meeting` supplies its
/// reference parts and `papers` the references its text may cite by key. With an
/// `edition`, parts above its class are withheld.
pub fn prepare_loaded(
    loaded: &Loaded<PaperSource>,
    meeting: Option<&MeetingContext>,
    papers: Option<Arc<BTreeMap<String, String>>>,
    edition: Option<Classification>,
) -> Result<Prepared, Diagnostics> {
    let (checked, warnings) = validate::check(loaded, papers, meeting, edition)?;
    Ok(Prepared { file: loaded.file.clone(), paper: Paper::build(checked, edition), warnings })
}

impl Prepared {
    /// Whether the paper's base class is above its edition's, so that the edition has
    /// nothing of it to show (not even its title).
    pub fn is_withheld(&self) -> bool {
        self.paper.is_withheld()
    }
}

/// The paper's Markdown.
pub fn markdown(paper: &Paper, templates: &Templates) -> Result<String, Error> {
    templates.render_paper(paper)
}

/// The PDF laid out from the paper's Markdown. `source_date_epoch` (seconds) overrides the
/// creation date, which is otherwise the paper's date.
pub fn pdf(prepared: &Prepared, markdown: &str, source_date_epoch: Option<i64>) -> Result<Vec<u8>, Error> {
    Ok(numbered_pdf(layout(&prepared.file, markdown)?, prepared.paper.date, source_date_epoch))
}

/// The PDF of a document standing alone: its pages stamped 1 to n, then written.
pub fn numbered_pdf(mut layout: Layout, date: NaiveDate, source_date_epoch: Option<i64>) -> Vec<u8> {
    let pages = layout.pages.len();
    layout.stamp(1, pages);
    pdf_of(&layout, date, source_date_epoch)
}

/// The pages of Markdown made from `file`, not yet stamped with footers (a pack numbers
/// them its own way).
pub fn layout(file: &Path, markdown: &str) -> Result<Layout, Error> {
    let doc = crate::dialect::parse(markdown, crate::layout::fonts::first_unsupported)
        .map_err(|e| unsupported_character(file, &e))?;
    Ok(crate::layout::layout(&doc))
}

/// The PDF of stamped pages, created on `date` unless `source_date_epoch` says otherwise.
pub fn pdf_of(layout: &Layout, date: NaiveDate, source_date_epoch: Option<i64>) -> Vec<u8> {
    let date = date.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
    crate::pdf::write(layout, &crate::pdf::PdfOptions { creation_date: source_date_epoch.or(date) })
}

/// Points at the character in the paper's YAML (where the author can change it).
fn unsupported_character(file: &Path, error: &crate::layout::UnsupportedCharacter) -> Error {
    let position = std::fs::read_to_string(file).ok().and_then(|text| {
        text.lines().enumerate().find_map(|(i, line)| {
            let column = line.chars().position(|c| c == error.character)?;
            Some(Position { line: i + 1, column: column + 1 })
        })
    });
    let message = format!(
        "character {:?} (U+{:04X}) cannot be shown by the PDF's built-in fonts (in \"{}\")",
        error.character, error.character as u32, error.context
    );
    Error::Invalid(Diagnostics(vec![
        Diagnostic::error(file, message)
            .at(position)
            .with_hint("the built-in fonts show Windows-1252 characters only: replace it, or write -f md"),
    ]))
}
