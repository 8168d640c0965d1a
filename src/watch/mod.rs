//! The drafting loop: render once, then again on every save of an input, re-rendering only
//! the papers whose Markdown changed and writing only the files whose bytes changed; with
//! `serve`, a preview server that reloads the open page.
//!
//! [`Session`] is the incremental build, usable without any watcher (tests drive it
//! directly); [`run`] joins it to the file system's notifications (the `notify` crate) and
//! to the server. The library reports through a callback and never prints; the binary
//! times and prints what it is told.

mod serve;

pub use serve::{Hub, MAX_CONNECTIONS, Server, loopback_address};

use crate::diagnostic::Diagnostics;
use crate::domain::Classification;
use crate::error::Error;
use crate::load::{self, Input};
use crate::markdown::Templates;
use crate::meeting::{self, PaperCache};
use crate::output::{OutputFile, Staging};
use crate::pipeline::{self, Checks, Prepared, RenderRequest};
use crate::writers::Formats;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// What a watch renders, and how.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A paper or a meeting manifest.
    pub input: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// The formats written.
    pub formats: Formats,
    /// The edition, if any.
    pub edition: Option<Classification>,
    /// Templates that override the embedded ones.
    pub templates: Option<PathBuf>,
    /// The manifest a lone paper belongs to (default: a `meeting.yaml` beside it).
    pub meeting: Option<PathBuf>,
    /// Let a manifest name papers outside its folder.
    pub allow_outside: bool,
    /// `SOURCE_DATE_EPOCH`.
    pub source_date_epoch: Option<i64>,
    /// How the run owns its output folder (`--force` writes beside others' files).
    pub ownership: crate::output::Ownership,
}

/// What one build did.
#[derive(Debug, Default)]
pub struct Report {
    /// The files written, because their bytes changed.
    pub written: Vec<PathBuf>,
    /// Papers whose Markdown changed and were laid out again.
    pub rendered: Vec<String>,
    /// Output files made again but left alone, their bytes unchanged.
    pub unchanged: usize,
    /// Outputs of an earlier build that this one does not make (a paper dropped from the
    /// manifest, or now withheld), removed.
    pub removed: Vec<PathBuf>,
    /// Warnings of the papers built.
    pub warnings: Diagnostics,
}

/// The incremental build of one input.
pub struct Session {
    settings: Settings,
    templates: Templates,
    /// The manifest's text the paper cache was filled under.
    manifest_text: Option<String>,
    cache: PaperCache,
    /// Each paper's Markdown as last rendered, by file.
    markdown: HashMap<PathBuf, crate::dialect::Markdown>,
    /// Each output's digest as last written or found on disk.
    written: HashMap<PathBuf, [u8; 32]>,
    /// The outputs each source (a paper, or the manifest for the paper list) last made.
    outputs: HashMap<PathBuf, Vec<PathBuf>>,
    /// The templates folder, absolute.
    templates_dir: Option<PathBuf>,
    /// The files the outputs depend on, as of the last build.
    inputs: BTreeSet<PathBuf>,
}

impl Session {
    /// A session with the templates loaded; nothing built yet.
    pub fn new(settings: Settings) -> Result<Session, Error> {
        crate::output::check_owned(&settings.out, settings.ownership)?;
        let templates = Templates::load(settings.templates.as_deref())?;
        Ok(Session {
            templates_dir: settings.templates.as_deref().map(absolute),
            settings,
            templates,
            manifest_text: None,
            cache: PaperCache::default(),
            markdown: HashMap::new(),
            written: HashMap::new(),
            outputs: HashMap::new(),
            inputs: BTreeSet::new(),
        })
    }

    /// The files whose change calls for a rebuild, absolute: the input, the manifest and
    /// the papers it names (and any file in the templates folder).
    pub fn inputs(&self) -> &BTreeSet<PathBuf> {
        &self.inputs
    }

    /// Whether a change to `path` (absolute, as the watcher reports it) concerns this build.
    pub fn concerns(&self, path: &Path) -> bool {
        self.templates_dir.as_deref().is_some_and(|t| path.starts_with(t)) || self.inputs.contains(path)
    }

    /// Builds after `changed` files changed (all of them on the first call), writing only
    /// files whose bytes differ from what is there. A failure leaves every output as it was.
    pub fn build(&mut self, changed: &[PathBuf]) -> Result<Report, Error> {
        let built = self.build_unredacted(changed);
        // An edition's problems name nothing it withholds, on stderr and in the overlay.
        let Some(edition) = self.settings.edition else { return built };
        match built {
            Ok(mut report) => {
                crate::load::redact(&mut report.warnings, edition);
                Ok(report)
            }
            Err(Error::Invalid(mut problems)) => {
                crate::load::redact(&mut problems, edition);
                Err(Error::Invalid(problems))
            }
            Err(other) => Err(other),
        }
    }

    fn build_unredacted(&mut self, changed: &[PathBuf]) -> Result<Report, Error> {
        let templates_changed = self.templates_dir.as_deref().is_some_and(|t| changed.iter().any(|c| c.starts_with(t)));
        if templates_changed {
            self.templates = Templates::load(self.settings.templates.as_deref())?;
            self.markdown.clear();
        }
        let checks = Checks { edition: self.settings.edition, paged: self.settings.formats.paged() };
        let mut report = Report::default();
        let mut files = Vec::new();
        // Papers checked anew in this build (a lone paper always is).
        let mut fresh = Vec::new();
        // Markdown laid out in this build, remembered once its files are written.
        let mut made: Vec<(PathBuf, crate::dialect::Markdown)> = Vec::new();
        // The outputs of what was laid out in this build, and every source this build shows.
        let mut made_outputs: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
        let mut current_sources: Vec<PathBuf> = Vec::new();
        let input = load::load_input(&self.settings.input)?;
        let (papers, manifest) = match input {
            Input::Meeting(manifest) => {
                if self.manifest_text.as_deref() != Some(manifest.text()) {
                    // Numbers, references and defaults may all have moved: every paper is
                    // checked again, and laid out again if its Markdown changed.
                    self.cache = PaperCache::default();
                    self.manifest_text = Some(manifest.text().to_string());
                }
                let meeting =
                    meeting::prepare_reusing(&manifest, checks, self.settings.allow_outside, Some(&self.cache))?;
                fresh = self.cache.take_fresh();
                // The paper list is laid out again only when its Markdown changed.
                let index = self.templates.render_index(&meeting.paper_list(), meeting.marking)?;
                if self.markdown.get(&meeting.manifest) != Some(&index) {
                    let index_files = meeting::index_files(
                        &meeting,
                        &self.templates,
                        self.settings.formats,
                        &self.settings.out,
                        self.settings.source_date_epoch,
                    )?;
                    made_outputs.push((meeting.manifest.clone(), index_files.iter().map(|f| f.path.clone()).collect()));
                    files.extend(index_files);
                    made.push((meeting.manifest.clone(), index));
                }
                current_sources.push(meeting.manifest.clone());
                report.warnings = meeting.warnings.clone();
                (meeting.papers, Some(meeting.manifest))
            }
            Input::Paper(paper) => {
                let prepared = meeting::prepare_paper(&paper, checks, self.settings.meeting.as_deref())?;
                report.warnings = prepared.warnings.clone();
                fresh.push(prepared.file.clone());
                let beside = self.settings.meeting.clone().or_else(|| {
                    let beside = paper.file.parent().unwrap_or(Path::new(".")).join("meeting.yaml");
                    beside.is_file().then_some(beside)
                });
                (vec![prepared], beside)
            }
        };
        self.inputs = std::iter::once(self.settings.input.clone())
            .chain(manifest)
            .chain(papers.iter().map(|p| p.file.clone()))
            .map(|file| absolute(&file))
            .collect();
        for paper in papers.iter().filter(|p| !p.is_withheld()) {
            current_sources.push(paper.file.clone());
            // A paper taken from the cache, under the same manifest and templates, has the
            // Markdown it had.
            if self.markdown.contains_key(&paper.file) && !fresh.contains(&paper.file) {
                continue;
            }
            let rendered = self.render_if_changed(paper, &mut report, &mut made)?;
            if !rendered.is_empty() {
                made_outputs.push((paper.file.clone(), rendered.iter().map(|f| f.path.clone()).collect()));
            }
            files.extend(rendered);
        }
        let mut changed_files = Vec::new();
        let mut digests = Vec::new();
        for file in files {
            let digest: [u8; 32] = Sha256::digest(&file.bytes).into();
            let before = self.written.get(&file.path).copied().or_else(|| on_disk_digest(&file.path));
            if before == Some(digest) {
                report.unchanged += 1;
            } else {
                digests.push((file.path.clone(), digest));
                changed_files.push(file);
            }
        }
        // Every output this build makes: what it laid out, and what it kept from before.
        let mut outputs: HashMap<PathBuf, Vec<PathBuf>> = current_sources
            .iter()
            .filter_map(|source| self.outputs.get(source).map(|paths| (source.clone(), paths.clone())))
            .collect();
        outputs.extend(made_outputs);
        let staging = Staging::begin_owned(
            &self.settings.out,
            &self.inputs.iter().cloned().collect::<Vec<_>>(),
            self.settings.ownership,
        )?;
        let changed: BTreeSet<&PathBuf> = changed_files.iter().map(|f| &f.path).collect();
        for path in outputs.values().flatten().filter(|p| !changed.contains(p)) {
            staging.keep(path)?;
        }
        for file in &changed_files {
            staging.add(file)?;
        }
        let committed = staging.commit(&crate::output::WriteOptions::default())?;
        for removed in &committed.removed {
            self.written.remove(removed);
        }
        self.written.extend(digests);
        self.markdown.extend(made);
        self.outputs = outputs;
        report.removed = committed.removed;
        report.written = changed_files.into_iter().map(|f| f.path).collect();
        Ok(report)
    }

    /// A paper's files, when its Markdown differs from the last build's.
    fn render_if_changed(
        &self,
        paper: &Prepared,
        report: &mut Report,
        made: &mut Vec<(PathBuf, crate::dialect::Markdown)>,
    ) -> Result<Vec<OutputFile>, Error> {
        let markdown = self.templates.render_paper(&paper.paper)?;
        if self.markdown.get(&paper.file) == Some(&markdown) {
            return Ok(Vec::new());
        }
        let request = RenderRequest {
            out: &self.settings.out,
            formats: self.settings.formats,
            source_date_epoch: self.settings.source_date_epoch,
            keep_layout: false,
        };
        let files = pipeline::render_markdown(paper, &self.templates, &request, markdown.clone())?.files;
        made.push((paper.file.clone(), markdown));
        report.rendered.push(paper.paper.reference.to_string());
        Ok(files)
    }
}

fn on_disk_digest(path: &Path) -> Option<[u8; 32]> {
    std::fs::read(path).ok().map(|bytes| Sha256::digest(&bytes).into())
}

/// `path` from the root, as the watcher names files in folders it was given so.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What [`run`] tells its caller.
#[derive(Debug)]
pub enum Event {
    /// The preview server listens at this address (`http://…/`).
    Serving(String),
    /// Files changed: a build starts (the caller may time it).
    Changed(Vec<PathBuf>),
    /// A build finished.
    Built(Report),
    /// A build failed: the outputs are as they were.
    Failed(Error),
    /// Something the run says once, before building (the templates folder it uses).
    Note(String),
}

/// Builds, then rebuilds on every change until the watcher fails. With `server`, pages
/// are served and reloaded as they are rebuilt; `problems` renders a failure's diagnostics
/// as the page's overlay shows them.
pub fn run(
    settings: Settings,
    server: Option<Server>,
    problems: &dyn Fn(&Error) -> String,
    report: &mut dyn FnMut(Event),
) -> Result<(), Error> {
    use notify::{RecursiveMode, Watcher};
    let mut session = Session::new(settings.clone())?;
    let hub = server.as_ref().map(Server::hub);
    if let Some(server) = &server {
        report(Event::Serving(server.url()));
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).map_err(watch_error)?;
    if let Some(templates) = &session.templates_dir {
        watcher.watch(templates, RecursiveMode::Recursive).map_err(watch_error)?;
    }
    let mut watched: BTreeSet<PathBuf> = BTreeSet::new();
    let mut changed: Vec<PathBuf> = vec![settings.input.clone()];
    loop {
        let outcome = session.build(&changed);
        // Folders, not files: editors save by renaming a new file over the old one.
        let folders: BTreeSet<PathBuf> = std::iter::once(absolute(&settings.input))
            .chain(session.inputs().iter().cloned())
            .map(|f| folder_of(&f))
            .collect();
        for folder in folders {
            if !watched.contains(&folder) && watcher.watch(&folder, RecursiveMode::NonRecursive).is_ok() {
                watched.insert(folder);
            }
        }
        match outcome {
            Ok(built) => {
                if let Some(hub) = &hub {
                    hub.rebuilt(&built.written);
                }
                report(Event::Built(built));
            }
            Err(error) => {
                if let Some(hub) = &hub {
                    hub.problems(&problems(&error));
                }
                report(Event::Failed(error));
            }
        }
        changed = next_changes(&receiver, &session)?;
        report(Event::Changed(changed.clone()));
    }
}

/// Waits for changes that concern the session, then gathers those that follow within a
/// few milliseconds (one save is often several events).
fn next_changes(
    receiver: &std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    session: &Session,
) -> Result<Vec<PathBuf>, Error> {
    let relevant = |event: notify::Result<notify::Event>| -> Result<Vec<PathBuf>, Error> {
        let event = event.map_err(watch_error)?;
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return Ok(Vec::new());
        }
        Ok(event.paths.into_iter().filter(|p| session.concerns(p)).collect())
    };
    let mut changed = Vec::new();
    while changed.is_empty() {
        let event = receiver.recv().map_err(|_| Error::Usage("the file watcher stopped".into()))?;
        changed.extend(relevant(event)?);
    }
    while let Ok(event) = receiver.recv_timeout(std::time::Duration::from_millis(5)) {
        changed.extend(relevant(event)?);
    }
    changed.sort();
    changed.dedup();
    Ok(changed)
}

fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn watch_error(error: notify::Error) -> Error {
    Error::Usage(format!("cannot watch the input files: {error}"))
}
