//! Papers built each on its own (`render`, or a watch of one paper): every paper checked
//! before any is laid out, so one bad paper leaves the folder as it was; a paper whose base
//! class is above the edition is not laid out at all, and the build says so.

use super::cache::Made;
use super::{Built, Site, marking_note, withheld_note};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::load::Input;
use crate::pipeline::{self, Checks, Prepared, RenderRequest};
use std::path::{Path, PathBuf};

/// Where a build of papers puts their files.
enum Sink {
    /// Staged in the folder the run owns.
    Folder(Box<crate::output::Staging>),
    /// Compared with what an incremental site made before.
    Cache,
    /// Kept in memory (`render -o -`).
    Memory(Vec<crate::output::OutputFile>),
}

pub(super) fn build(site: &mut Site, files: &[PathBuf]) -> Result<Built, Error> {
    build_into(site, files, false).map(|(built, _)| built)
}

/// The papers' files in memory, the folder untouched.
pub(super) fn build_in_memory(
    site: &mut Site,
    files: &[PathBuf],
) -> Result<(Built, Vec<crate::output::OutputFile>), Error> {
    build_into(site, files, true)
}

fn build_into(
    site: &mut Site,
    files: &[PathBuf],
    in_memory: bool,
) -> Result<(Built, Vec<crate::output::OutputFile>), Error> {
    let settings = &site.settings;
    let checks =
        Checks { edition: settings.edition, paged: settings.formats.paged(), allow_outside: settings.allow_outside };
    let (prepared, warnings) = prepare_all(site, files, checks)?;
    site.deny(&warnings)?;
    // The papers' own problems first; then, before any is laid out, whether the folder is
    // the run's to write, and whether two papers would write the same files.
    if !in_memory {
        crate::output::check_owned(&settings.out, settings.ownership)?;
    }
    for (i, p) in prepared.iter().enumerate() {
        if let Some(other) = prepared[..i].iter().find(|o| o.paper.reference == p.paper.reference) {
            return Err(Error::Usage(format!(
                "{} and {} are both paper {}: their outputs would overwrite each other",
                other.file.display(),
                p.file.display(),
                p.paper.reference
            )));
        }
    }
    // A paper's manifest (beside it, or named) gives its number, its sources its figures: a
    // change there concerns it.
    site.read = files
        .iter()
        .chain(&prepared.iter().filter_map(|p| manifest_of(site, &p.file)).collect::<Vec<_>>())
        .chain(prepared.iter().flat_map(|p| &p.sources))
        .filter(|f| *f != Path::new("-"))
        .map(|f| super::absolute(f))
        .collect();
    let mut built = Built { warnings, shown: prepared.iter().filter(|p| !p.is_withheld()).count(), ..Built::default() };
    let request = RenderRequest {
        out: &settings.out,
        formats: settings.formats,
        source_date_epoch: settings.source_date_epoch,
        keep_markdown: false,
    };
    let mut cache = site.cache.take();
    let result = (|| {
        let mut sink = match (&cache, in_memory) {
            (_, true) => Sink::Memory(Vec::new()),
            (Some(_), false) => Sink::Cache,
            (None, false) => Sink::Folder(Box::new(site.stage(files)?)),
        };
        let mut made = Made::default();
        for p in &prepared {
            if p.is_withheld() {
                built.notes.push(withheld_note(&p.paper));
                continue;
            }
            built.notes.extend(marking_note(&p.paper));
            made.shown.push(p.file.clone());
            let markdown = site.templates.render_paper(&p.paper)?;
            if cache.as_ref().is_some_and(|c| c.same_markdown(&p.file, &markdown)) {
                continue;
            }
            let rendered = pipeline::render_markdown(p, &site.templates, &request, markdown.clone())?;
            built.rendered.push(p.paper.reference.to_string());
            built.pages += rendered.pages;
            match &mut sink {
                Sink::Folder(staging) => rendered.files.iter().try_for_each(|file| staging.add(file))?,
                Sink::Cache => made.add(&p.file, markdown, rendered.files),
                Sink::Memory(kept) => kept.extend(rendered.files),
            }
        }
        match (sink, &mut cache) {
            (Sink::Folder(staging), _) => site.commit(*staging, &mut built).map(|_| Vec::new()),
            (Sink::Cache, Some(cache)) => cache.commit(site, made, &mut built).map(|()| Vec::new()),
            (Sink::Memory(kept), _) => Ok(kept),
            (Sink::Cache, None) => unreachable!("a cache's sink has its cache"),
        }
    })();
    site.cache = cache;
    result.map(|files| (built, files))
}

/// The manifest a lone paper takes its number from, if any.
fn manifest_of(site: &Site, paper: &Path) -> Option<PathBuf> {
    site.settings.meeting.clone().or_else(|| {
        let beside = paper.parent().unwrap_or(Path::new(".")).join("meeting.yaml");
        beside.is_file().then_some(beside)
    })
}

/// Prepares every file, collecting every file's problems; I/O trouble stops at once.
fn prepare_all(site: &Site, files: &[PathBuf], checks: Checks) -> Result<(Vec<Prepared>, Diagnostics), Error> {
    let mut prepared = Vec::new();
    let mut problems = Diagnostics::default();
    for file in files {
        let result = match site.load(file)? {
            Input::Meeting(_) => {
                return Err(Error::Usage(format!("{} is a meeting: use build", file.display())));
            }
            Input::Paper(paper) => crate::meeting::prepare_paper(&paper, checks, site.settings.meeting.as_deref()),
        };
        match result {
            Ok(p) => {
                problems.extend(p.warnings.clone());
                prepared.push(p);
            }
            Err(Error::Invalid(d)) => problems.extend(d),
            Err(other) => return Err(other),
        }
    }
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    Ok((prepared, problems))
}
