//! One build of a run's inputs into its output folder: the object that `render`, `build`
//! and `watch` all drive (as Zola drives build and serve from one site), so a paper's or
//! a meeting's files are made, staged, checked and put in place one way.
//!
//! A [`Site`] holds the settings and the templates; [`Site::build`] reads the inputs,
//! checks them, renders what the edition shows through the writers, and commits the files
//! into a folder the run owns. A site made [`Site::incremental`] (a watch) keeps what it
//! made between builds: it lays out again only the papers whose Markdown changed and
//! writes only the files whose bytes changed.

mod cache;
mod meeting;
mod papers;

use crate::diagnostic::Diagnostics;
use crate::domain::Classification;
use crate::error::Error;
use crate::load::{self, Input};
use crate::markdown::Templates;
use crate::output::{Committed, Ownership, Staging, WriteOptions};
use crate::writers::Formats;
use cache::Cache;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Told after each paper of a build: (papers done, papers in all).
pub type Progress = std::sync::Arc<dyn Fn(usize, usize) + Send + Sync>;

/// What a build reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inputs {
    /// Papers, each on its own (`render`); a `meeting.yaml` beside one, or `meeting`, gives
    /// its number and references.
    Papers(Vec<PathBuf>),
    /// A meeting manifest and every paper it lists (`build`).
    Meeting(PathBuf),
    /// One file, a paper or a manifest, as its content says (`watch`).
    Either(PathBuf),
}

/// How a site builds and writes.
#[derive(Clone)]
pub struct Settings {
    /// The output folder.
    pub out: PathBuf,
    /// The formats written.
    pub formats: Formats,
    /// The edition, if any.
    pub edition: Option<Classification>,
    /// Templates that override the embedded ones.
    pub templates: Option<PathBuf>,
    /// How the run owns its output folder.
    pub ownership: Ownership,
    /// The manifest lone papers belong to (default: a `meeting.yaml` beside each).
    pub meeting: Option<PathBuf>,
    /// Let a manifest name papers, and papers and manifests sources, outside their folders.
    pub allow_outside: bool,
    /// Also write a meeting's pack.
    pub pack: bool,
    /// `SOURCE_DATE_EPOCH`.
    pub source_date_epoch: Option<i64>,
    /// Standard input's bytes, for an input named `-`.
    pub stdin: Option<Vec<u8>>,
    /// Warnings fail the build, before anything is written.
    pub deny_warnings: bool,
    /// Where a meeting's build reports progress.
    pub progress: Option<Progress>,
    /// How the files are put in place (tests inject failures through it).
    pub write: WriteOptions,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings").field("out", &self.out).field("formats", &self.formats).finish_non_exhaustive()
    }
}

impl Settings {
    /// Settings for writing `formats` into `out`, the folder owned as a run owns it, and
    /// nothing else asked.
    pub fn new(out: &Path, formats: Formats) -> Settings {
        Settings {
            out: out.to_path_buf(),
            formats,
            edition: None,
            templates: None,
            ownership: Ownership::Owned,
            meeting: None,
            allow_outside: false,
            pack: false,
            source_date_epoch: None,
            stdin: None,
            deny_warnings: false,
            progress: None,
            write: WriteOptions::default(),
        }
    }
}

/// What one build did.
#[derive(Debug, Default)]
pub struct Built {
    /// The files put in place (a watch: only those whose bytes changed).
    pub written: Vec<PathBuf>,
    /// Outputs of an earlier run that this one does not make, removed.
    pub removed: Vec<PathBuf>,
    /// The papers laid out (by reference).
    pub rendered: Vec<String>,
    /// Files made again but left alone, their bytes unchanged (a watch).
    pub unchanged: usize,
    /// The papers the edition shows.
    pub shown: usize,
    /// The meeting's reference, for a meeting's build.
    pub meeting: Option<String>,
    /// The PDF's pages of every paper shown (0 without PDF).
    pub pages: usize,
    /// Lines that explain the build (a paper left out, why a paper is marked as it is).
    pub notes: Vec<String>,
    /// Warnings of the papers built.
    pub warnings: Diagnostics,
}

/// The build of one run's inputs into its output folder.
pub struct Site {
    settings: Settings,
    inputs: Inputs,
    templates: Templates,
    /// The templates folder, absolute.
    templates_dir: Option<PathBuf>,
    /// What an incremental site made in earlier builds.
    cache: Option<Cache>,
    /// The files the outputs depend on, absolute, as of the last build.
    read: BTreeSet<PathBuf>,
}

impl Site {
    /// A site for `inputs` with its templates loaded; nothing read or built yet.
    pub fn new(settings: Settings, inputs: Inputs) -> Result<Site, Error> {
        crate::output::check_folder(&settings.out)?;
        let templates = Templates::load(settings.templates.as_deref())?;
        Ok(Site {
            templates_dir: settings.templates.as_deref().map(absolute),
            settings,
            inputs,
            templates,
            cache: None,
            read: BTreeSet::new(),
        })
    }

    /// The same site, keeping what it makes between builds (a watch): it lays out again only
    /// what changed, and writes only the files whose bytes did.
    pub fn incremental(mut self) -> Site {
        self.cache = Some(Cache::default());
        self
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The templates folder, absolute, if a user's.
    pub fn templates_dir(&self) -> Option<&Path> {
        self.templates_dir.as_deref()
    }

    /// The files whose change calls for a rebuild, absolute: the inputs, a manifest, the
    /// papers it names and the sources (spreadsheets, CSV) they read.
    pub fn inputs(&self) -> &BTreeSet<PathBuf> {
        &self.read
    }

    /// Whether a change to `path` (absolute, as a watcher reports it) concerns this site.
    pub fn concerns(&self, path: &Path) -> bool {
        self.templates_dir.as_deref().is_some_and(|t| path.starts_with(t)) || self.read.contains(path)
    }

    /// Builds after `changed` files changed (all of them on the first call of an
    /// incremental site, and always otherwise). A failure leaves every output as it was, and
    /// an edition's problems name nothing it withholds.
    pub fn build(&mut self, changed: &[PathBuf]) -> Result<Built, Error> {
        let built = self.build_unredacted(changed);
        self.told(built.map(|built| (built, ()))).map(|(built, ())| built)
    }

    /// The papers' files in memory, for standard output: the folder untouched.
    pub fn build_in_memory(&mut self) -> Result<(Built, Vec<crate::output::OutputFile>), Error> {
        let Inputs::Papers(files) = self.inputs.clone() else {
            return Err(Error::Usage("only papers are written to standard output".into()));
        };
        let built = papers::build_in_memory(self, &files);
        self.told(built)
    }

    /// A build's problems as an edition's run may tell them: nothing of what it withholds.
    fn told<T>(&self, result: Result<(Built, T), Error>) -> Result<(Built, T), Error> {
        let Some(edition) = self.settings.edition else { return result };
        match result {
            Ok((mut built, kept)) => {
                load::redact(&mut built.warnings, edition);
                Ok((built, kept))
            }
            Err(Error::Invalid(mut problems)) => {
                load::redact(&mut problems, edition);
                Err(Error::Invalid(problems))
            }
            Err(other) => Err(other),
        }
    }

    fn build_unredacted(&mut self, changed: &[PathBuf]) -> Result<Built, Error> {
        if let Some(cache) = &mut self.cache
            && self.templates_dir.as_deref().is_some_and(|t| changed.iter().any(|c| c.starts_with(t)))
        {
            self.templates = Templates::load(self.settings.templates.as_deref())?;
            cache.forget_markdown();
        }
        match self.inputs.clone() {
            Inputs::Papers(files) => papers::build(self, &files),
            Inputs::Meeting(manifest) => meeting::build(self, &manifest),
            Inputs::Either(file) => {
                let input = self.load(&file)?;
                // Its sources concern the build even while it fails (a fix saved in the
                // workbook rebuilds).
                self.read.extend(crate::sources::declared(&input).iter().map(|f| absolute(f)));
                match input {
                    Input::Meeting(_) => meeting::build(self, &file),
                    Input::Paper(_) => papers::build(self, std::slice::from_ref(&file)),
                }
            }
        }
    }

    /// Reads one input, standard input for `-`.
    fn load(&self, file: &Path) -> Result<Input, Error> {
        if file != Path::new("-") {
            return load::load_input(file);
        }
        let name = Path::new(load::STDIN_NAME);
        let bytes = self
            .settings
            .stdin
            .clone()
            .ok_or_else(|| Error::Usage("`-` reads standard input, which was not read".into()))?;
        load::load_input_text(name, load::guard::text_of(name, bytes)?)
    }

    /// Warnings as errors when the run denies them: it then fails before it writes.
    fn deny(&self, warnings: &Diagnostics) -> Result<(), Error> {
        if !self.settings.deny_warnings || warnings.0.is_empty() {
            return Ok(());
        }
        let denied = warnings
            .0
            .iter()
            .map(|w| crate::diagnostic::Diagnostic { severity: crate::diagnostic::Severity::Error, ..w.clone() })
            .collect();
        Err(Error::Invalid(Diagnostics(denied)))
    }

    /// The staging of this build's files, in the folder the run owns; `inputs` are files no
    /// output may replace.
    fn stage(&self, inputs: &[PathBuf]) -> Result<Staging, Error> {
        Staging::begin_owned(&self.settings.out, inputs, self.settings.ownership)
    }

    /// Puts the staged files in place, and says what an incremental site keeps.
    fn commit(&self, staging: Staging, built: &mut Built) -> Result<Committed, Error> {
        let committed = staging.commit(&self.settings.write)?;
        built.written = committed.written.clone();
        built.removed = committed.removed.clone();
        if let Some(note) = removed_note(&committed) {
            built.notes.push(note);
        }
        Ok(committed)
    }
}

/// "removed 2 outputs of an earlier run …": what a commit took away.
fn removed_note(committed: &Committed) -> Option<String> {
    let names: Vec<String> = committed
        .removed
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().escape_debug().to_string())
        .collect();
    (!names.is_empty()).then(|| {
        format!(
            "removed {} output{} of an earlier run that this one does not make: {}",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        )
    })
}

/// "SSC_95_2602_12 marked RED (base WHITE) by section 3, Annex B": why a paper is marked
/// above its base class; `None` when it is not.
fn marking_note(paper: &crate::model::Paper) -> Option<String> {
    (!paper.marked_by.is_empty()).then(|| {
        format!(
            "{} marked {} (base {}) by {}",
            paper.reference,
            paper.marking,
            paper.classification,
            paper.marked_by.join(", ")
        )
    })
}

/// "… is classified RED, above the GREEN edition: nothing written for it".
fn withheld_note(paper: &crate::model::Paper) -> String {
    let edition = paper.edition.expect("only editions withhold");
    format!(
        "{} is classified {}, above the {edition} edition: nothing written for it",
        paper.reference, paper.classification
    )
}

/// `path` from the root, as a watcher names files in folders it was given so.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
