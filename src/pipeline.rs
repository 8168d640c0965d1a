//! The stages joined up for one paper: load → validate → model → Markdown (→ PDF).

use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::load::{self, Loaded, PaperSource};
use crate::markdown::Templates;
use crate::model::Paper;
use crate::validate::{self, TextEngine};
use std::path::Path;
use tera::Tera;

/// A paper that passed every check, with the lints found on the way.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The numbered paper.
    pub paper: Paper,
    /// Warnings (lints) that did not stop it.
    pub warnings: Diagnostics,
}

/// Loads, checks and numbers one paper file.
pub fn prepare(file: &Path) -> Result<Prepared, Error> {
    let loaded: Loaded<PaperSource> = load::load(file)?;
    prepare_loaded(&loaded).map_err(Error::Invalid)
}

/// Checks and numbers an already loaded paper.
pub fn prepare_loaded(loaded: &Loaded<PaperSource>) -> Result<Prepared, Diagnostics> {
    let texts = TextEngine::new(&loaded.value.data, Tera::new());
    let (checked, warnings) = validate::check(loaded, &texts)?;
    Ok(Prepared {
        paper: Paper::build(checked),
        warnings,
    })
}

/// The paper's Markdown.
pub fn markdown(paper: &Paper, templates: &Templates) -> Result<String, Error> {
    templates.render_paper(paper)
}
