//! Meetings: a manifest's papers numbered, cross-referenced and prepared together.
//!
//! Sits on top of the paper stages: each paper goes through the same load → validate →
//! model path, with a meeting context that supplies its reference parts.

mod agenda;
mod committee;
pub mod decisions;
mod forward;
mod generated;
pub mod next;
mod next_text;
mod pack;
mod records;

pub use agenda::Slot;
pub use committee::{MANIFEST_FILE, folder_of};
pub use decisions::decisions_files;
pub use pack::{PackPaper, index_files, pack_path, write_pack};

use crate::diagnostic::{Diagnostics, Kind};
use crate::domain::{Classification, MeetingReference, PaperNumber};
use crate::error::Error;
use crate::load::{self, Loaded, MeetingSource, PaperSource};
use crate::model::PaperList;
use crate::model::cycle::AgendaEntry;
use crate::pipeline::{self, Checks, Prepared};
use crate::validate::{MeetingContext, fields};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A checked meeting: the manifest's facts and its papers in agenda order.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// The manifest file.
    pub manifest: PathBuf,
    /// Committee code.
    pub committee: String,
    /// Committee name.
    pub committee_name: String,
    /// Meeting number.
    pub meeting: u32,
    /// `SECP_78_1303`.
    pub reference: MeetingReference,
    /// The day it is held (the index PDF's creation date).
    pub date: NaiveDate,
    /// Venue, if given and shown: it carries the manifest's class.
    pub venue: Option<String>,
    /// The time the agenda starts (`10:00`), if given and shown, as the venue.
    pub start: Option<String>,
    /// The manifest's class: the class of its own fields (venue, the list it makes).
    pub classification: Classification,
    /// The class the paper list (index) is marked with: the highest class of what it
    /// shows, the manifest's own fields and the titles it lists (each at its paper's base
    /// class). See [`Meeting::pack_marking`] for the pack.
    pub marking: Classification,
    /// The edition's class, when this is an edition.
    pub edition: Option<Classification>,
    /// The papers, in agenda order. After [`load_each`], the papers it handed on keep only
    /// what their list and pack read (their bodies are freed once rendered).
    pub papers: Vec<Prepared>,
    /// Each paper's key (what `paper_ref` and comparisons know it by), in the same order.
    pub keys: Vec<String>,
    /// Lints of the manifest's papers.
    pub warnings: Diagnostics,
    /// The agenda in order: every entry, papers and items without a paper.
    pub agenda: Vec<Slot>,
    /// What the meeting decided (its `outcomes.yaml`), once it is held.
    pub outcomes: Option<decisions::Decided>,
    /// The committee's records read besides the manifest and papers (earlier and later
    /// meetings, the outcomes), for a watch to follow.
    pub records_read: Vec<PathBuf>,
    /// Whether its decision log shows portion marks (the manifest's `portion_marks`).
    pub portion_marks: bool,
}

/// A manifest entry with its number decided.
struct Entry {
    key: String,
    file: PathBuf,
    number: u32,
    field: String,
}

/// Loads the manifest and every paper, checking them all before failing: `Err` lists every
/// problem of the manifest and of every paper.
/// With an `edition`, every paper is prepared as that edition.
pub fn load(manifest: &Path, checks: Checks, allow_outside: bool) -> Result<Meeting, Error> {
    prepare(&load::load(manifest)?, checks, allow_outside)
}

/// What a manifest decides for its papers before any is read: numbers, references,
/// the context each paper is checked in.
struct Plan<'a> {
    loaded: &'a Loaded<MeetingSource>,
    /// Where the manifest was read, and so its sources and outcomes (a git revision's).
    files: &'a dyn load::Files,
    date: NaiveDate,
    classification: Classification,
    sign_off: Option<NaiveDate>,
    entries: Vec<Entry>,
    reference: MeetingReference,
    references: Arc<BTreeMap<String, String>>,
    /// The bank holidays the manifest adds.
    bank_holidays: Vec<NaiveDate>,
    /// The sources the manifest gives its papers, read once.
    sources: Option<Arc<crate::sources::Shared>>,
    /// The whole agenda, papers and items.
    slots: Vec<Slot>,
    /// The committee's records, read when a paper or the outcomes first need them.
    records: std::sync::OnceLock<records::Records>,
}

impl Plan<'_> {
    /// Reads the manifest's own fields and numbers its papers; `Err` when no paper can be
    /// referenced (no date), with the problems so far, which `problems` otherwise keeps.
    fn new<'a>(
        loaded: &'a Loaded<MeetingSource>,
        files: &'a dyn load::Files,
        allow_outside: bool,
        sources_outside: Option<bool>,
        problems: &mut Diagnostics,
    ) -> Result<Plan<'a>, Error> {
        let src = &loaded.value;
        fields::committee(loaded, "committee", &src.committee, problems);
        let date = fields::date(loaded, "date", &src.date, problems);
        let sign_off = src.defaults.date.as_deref().and_then(|d| fields::date(loaded, "defaults.date", d, problems));
        let classification = match &src.classification {
            None => Some(Classification::White),
            Some(name) => fields::class(loaded, "classification", name, problems),
        };
        let (entries, slots) = agenda::number_entries(loaded, allow_outside, problems);
        agenda::start(loaded, problems);
        if let Some(schedule) =
            src.schedule.as_deref().filter(|s| crate::domain::schedule::Schedule::parse(s).is_none())
        {
            let message = format!("`{}` is not a schedule panelpaper reads", schedule.trim());
            let hint = "write the day of each month the committee meets: `second Friday of each month`";
            problems.push(loaded.error_at(Kind::BadSchedule, "schedule", message).with_hint(hint));
        }
        // Without a date no paper can be referenced; any other manifest problem still lets
        // every paper be checked, so that one run reports everything.
        let (Some(date), Some(classification)) = (date, classification) else {
            return Err(Error::Invalid(std::mem::take(problems)));
        };
        let bank_holidays = fields::bank_holidays(loaded, "bank_holidays", &src.bank_holidays, problems);
        let calendar = crate::domain::working_days::Calendar::with_added(bank_holidays.iter().copied());
        if !calendar.covers(date) {
            problems.push(fields::outside_calendar(loaded, "date", None, date, calendar.last_year()));
        }
        if !calendar.is_working_day(date) {
            let what = if calendar.is_bank_holiday(date) { "a bank holiday" } else { "a weekend" };
            problems.push(
                crate::diagnostic::Diagnostic::warning(
                    Kind::DateLint,
                    &loaded.file,
                    format!("the meeting is on {what} ({})", crate::domain::dates::uk_long(date)),
                )
                .at_field("date")
                .at(loaded.positions().nearest("date")),
            );
        }
        let reference = MeetingReference { committee: src.committee.clone(), meeting: src.meeting, date };
        let references = Arc::new(
            entries
                .iter()
                .filter_map(|e| Some((e.key.clone(), reference.paper(PaperNumber::new(e.number)?).to_string())))
                .collect(),
        );
        // Another meeting's plan (its records, the forward plan) needs none of its sources.
        let shared = sources_outside.map(|outside| crate::sources::Shared::open(loaded, outside, files, problems));
        let sources = shared.filter(|s| !s.is_empty()).map(Arc::new);
        let records = std::sync::OnceLock::new();
        Ok(Plan {
            loaded,
            files,
            date,
            classification,
            sign_off,
            entries,
            reference,
            references,
            bank_holidays,
            sources,
            slots,
            records,
        })
    }

    /// The context paper `number` is checked in.
    fn context(&self, number: u32) -> MeetingContext {
        let src = &self.loaded.value;
        let at = |path: &str| self.loaded.positions().nearest(path);
        let entry = self.entries.iter().find(|e| e.number == number).map(|e| e.field.trim_end_matches(".file"));
        let number_at = entry.and_then(|e| at(&format!("{e}.number")).or_else(|| at(e)));
        let positions = [
            ("committee", at("committee")),
            ("meeting", at("meeting")),
            ("meeting_date", at("date")),
            ("number", number_at),
            ("author", at("defaults.author")),
            ("team", at("defaults.team")),
            ("date", at("defaults.date")),
            ("papers", at("papers")),
        ]
        .into_iter()
        .filter_map(|(field, position)| Some((field, position?)))
        .collect();
        MeetingContext {
            positions,
            manifest: self.loaded.file.clone(),
            committee: src.committee.clone(),
            committee_name: src.committee_name.clone(),
            meeting: src.meeting,
            date: self.date,
            number,
            author: src.defaults.author.clone(),
            team: src.defaults.team.clone(),
            sign_off: self.sign_off,
            bank_holidays: self.bank_holidays.clone(),
            portion_marks: src.portion_marks,
            sources: self.sources.clone(),
        }
    }
}

/// One paper as its meeting's build would prepare it — its number, reference parts,
/// sign-off defaults and cross-references from the manifest that lists it: `meeting`, or
/// else a `meeting.yaml` beside the paper that lists it. A paper no manifest lists is
/// prepared on its own.
pub fn prepare_paper(paper: &Loaded<PaperSource>, checks: Checks, meeting: Option<&Path>) -> Result<Prepared, Error> {
    match membership(&paper.file, meeting, &load::Disk)? {
        Membership::Unlisted(manifest) if meeting.is_some() => {
            Err(Error::Usage(format!("{} does not list {}", manifest.display(), paper.file.display())))
        }
        membership => prepare_member(paper, checks, &membership),
    }
}

/// The meeting a paper belongs to, as [`membership`] finds it.
#[derive(Debug, Clone)]
pub enum Membership {
    /// A manifest lists the paper, as the file `listed`.
    Listed {
        /// The manifest.
        manifest: Box<Loaded<MeetingSource>>,
        /// The file the manifest lists, whose number and context the paper takes.
        listed: PathBuf,
    },
    /// The manifest found (named, or beside the paper) does not list it.
    Unlisted(PathBuf),
    /// No manifest: the paper stands alone.
    Alone,
}

/// The manifest that lists the paper at `file`: `meeting`, or else a `meeting.yaml` beside
/// it, both read from `files` (a draft in a git revision takes the revision's manifest).
pub fn membership(file: &Path, meeting: Option<&Path>, files: &dyn load::Files) -> Result<Membership, Error> {
    let folder = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let beside = folder.join("meeting.yaml");
    let manifest = match meeting {
        Some(manifest) => manifest.to_path_buf(),
        None if files.is_file(&beside) => beside,
        None => return Ok(Membership::Alone),
    };
    let loaded: Loaded<MeetingSource> = load::load_from(files, &manifest)?;
    let (entries, _) = agenda::number_entries(&loaded, true, &mut Diagnostics::default());
    let same = |a: &Path, b: &Path| canonical(a).zip(canonical(b)).is_some_and(|(a, b)| a == b);
    match entries.iter().find(|e| same(&e.file, file)) {
        Some(entry) => Ok(Membership::Listed { listed: entry.file.clone(), manifest: Box::new(loaded) }),
        None => Ok(Membership::Unlisted(manifest)),
    }
}

/// A paper prepared in the meeting `membership` names, as the file it lists: an old
/// draft kept elsewhere takes the context of the new draft's entry.
pub fn prepare_member(paper: &Loaded<PaperSource>, checks: Checks, membership: &Membership) -> Result<Prepared, Error> {
    prepare_member_from(paper, checks, membership, &load::Disk, &load::Disk)
}

/// [`prepare_member`], the paper's sources read from `paper_files` (where the paper was
/// read) and its manifest's from `manifest_files` (where the manifest was): an old draft
/// from a git revision reads the revision's workbooks, even in today's meeting.
pub fn prepare_member_from(
    paper: &Loaded<PaperSource>,
    checks: Checks,
    membership: &Membership,
    paper_files: &dyn load::Files,
    manifest_files: &dyn load::Files,
) -> Result<Prepared, Error> {
    let alone = || pipeline::prepare_loaded_from(paper, None, None, checks, paper_files).map_err(Error::Invalid);
    let Membership::Listed { manifest: loaded, listed } = membership else {
        return alone();
    };
    let mut problems = Diagnostics::default();
    let plan = Plan::new(loaded, manifest_files, true, Some(checks.allow_outside), &mut problems)?;
    let Some(entry) = plan.entries.iter().find(|e| &e.file == listed) else {
        return alone();
    };
    // The manifest's own problems concerning this paper (its number) count, and those of
    // the sources it shares; others' do not.
    let entry_field = entry.field.trim_end_matches(".file");
    problems.0.retain(|d| d.field.as_deref().is_some_and(|f| f.starts_with(entry_field) || f.starts_with("sources.")));
    let (filled, notes) = plan.filled(paper, checks);
    problems.extend(plan.records_problems());
    let context = plan.context(entry.number);
    let prepared =
        pipeline::prepare_loaded_from(&filled, Some(&context), Some(plan.references.clone()), checks, paper_files).map(
            |mut p| {
                p.warnings.extend(notes);
                p
            },
        );
    match prepared {
        Ok(prepared) if !problems.has_errors() => Ok(prepared),
        Ok(_) => Err(Error::Invalid(problems)),
        Err(mut d) => {
            d.extend(problems);
            Err(Error::Invalid(d.sorted()))
        }
    }
}

/// A path with its links resolved, or its folder's when the file is not there yet (a
/// paper being imported is checked against its manifest before it is written).
fn canonical(path: &Path) -> Option<PathBuf> {
    path.canonicalize().ok().or_else(|| {
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        Some(folder.canonicalize().ok()?.join(path.file_name()?))
    })
}

/// The reference `manifest` gives the paper at `paper` (a file it lists, there or not yet
/// written), if it lists it and its date reads.
pub fn listed_reference(manifest: &Loaded<MeetingSource>, paper: &Path) -> Option<crate::domain::Reference> {
    let (entries, _) = agenda::number_entries(manifest, true, &mut Diagnostics::default());
    let wanted = canonical(paper)?;
    let entry = entries.iter().find(|e| canonical(&e.file).is_some_and(|f| f == wanted))?;
    let src = &manifest.value;
    let date = crate::domain::dates::parse_iso(&src.date)?;
    let reference = MeetingReference { committee: src.committee.clone(), meeting: src.meeting, date };
    Some(reference.paper(PaperNumber::new(entry.number)?))
}

/// [`load()`] for a manifest already read. Its papers must lie in its folder (or below)
/// unless `allow_outside`: a manifest is not a way to read any file on the machine.
pub fn prepare(loaded: &Loaded<MeetingSource>, checks: Checks, allow_outside: bool) -> Result<Meeting, Error> {
    prepare_reusing(loaded, checks, allow_outside, None)
}

/// [`prepare`], its papers, their sources and its outcomes read from `files` (a manifest as
/// a git revision holds it, with the revision's papers, workbooks and `outcomes.yaml`).
pub fn prepare_from(
    loaded: &Loaded<MeetingSource>,
    checks: Checks,
    allow_outside: bool,
    files: &dyn load::Files,
) -> Result<Meeting, Error> {
    prepare_each::<()>(loaded, checks, allow_outside, None, None, files).map(|(meeting, _)| meeting)
}

/// Papers prepared in an earlier run of the same manifest, with the text each was read
/// from and the digests of the sources it read: a paper whose file and sources still read
/// the same is not checked again (watch mode).
#[derive(Debug, Default)]
pub struct PaperCache {
    papers: std::sync::Mutex<std::collections::HashMap<PathBuf, Cached>>,
    fresh: std::sync::Mutex<Vec<PathBuf>>,
}

/// A paper prepared: the text it was read from, its sources' digests, and the paper.
type Cached = (String, Vec<Option<[u8; 32]>>, Prepared);

/// The digest of each file, `None` for one that cannot be read.
fn digests(files: &[PathBuf]) -> Vec<Option<[u8; 32]>> {
    use sha2::Digest;
    files.iter().map(|f| std::fs::read(f).ok().map(|bytes| sha2::Sha256::digest(&bytes).into())).collect()
}

impl PaperCache {
    /// The papers prepared anew since the last call, not taken from the cache.
    pub fn take_fresh(&self) -> Vec<PathBuf> {
        std::mem::take(&mut *self.fresh.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    fn get(&self, file: &Path, text: &str) -> Option<Prepared> {
        let papers = self.papers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        papers
            .get(file)
            .filter(|(cached, sources, prepared)| cached == text && *sources == digests(&prepared.sources))
            .map(|(_, _, prepared)| prepared.clone())
    }

    fn put(&self, file: &Path, text: String, prepared: &Prepared) {
        let sources = digests(&prepared.sources);
        let mut papers = self.papers.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        papers.insert(file.to_path_buf(), (text, sources, prepared.clone()));
        self.fresh.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(file.to_path_buf());
    }
}

/// [`prepare`], taking papers whose text has not changed from `cache` (which must have been
/// filled from this same manifest text, checks and templates).
pub fn prepare_reusing(
    loaded: &Loaded<MeetingSource>,
    checks: Checks,
    allow_outside: bool,
    cache: Option<&PaperCache>,
) -> Result<Meeting, Error> {
    prepare_each::<()>(loaded, checks, allow_outside, cache, None, &load::Disk).map(|(meeting, _)| meeting)
}

/// What a meeting's build does with each paper as soon as it is prepared; it is also told
/// how many papers the manifest lists (for a progress bar).
pub type Each<'a, R> = dyn Fn(&Prepared, usize) -> Result<R, Error> + Sync + 'a;

/// [`load()`], handing each paper the edition shows to `each` (its outputs) as soon as it
/// is prepared, then freeing its body ([`crate::model::Paper::release_body`]): a build's
/// memory holds one paper per thread, not the whole meeting. The results come in agenda
/// order, one per paper shown. Problems in any paper come before any error of `each`,
/// which then reports the first paper's, in agenda order, whatever the thread count.
pub fn load_each<R: Send>(
    manifest: &Path,
    checks: Checks,
    allow_outside: bool,
    each: &Each<'_, R>,
) -> Result<(Meeting, Vec<R>), Error> {
    prepare_each(&load::load(manifest)?, checks, allow_outside, None, Some(each), &load::Disk)
}

fn prepare_each<R: Send>(
    loaded: &Loaded<MeetingSource>,
    checks: Checks,
    allow_outside: bool,
    cache: Option<&PaperCache>,
    each: Option<&Each<'_, R>>,
    files: &dyn load::Files,
) -> Result<(Meeting, Vec<R>), Error> {
    let edition = checks.edition;
    let manifest = loaded.file.as_path();
    let src = &loaded.value;
    let mut problems = Diagnostics::default();
    let plan = Plan::new(loaded, files, allow_outside, Some(allow_outside), &mut problems)?;
    let checks = Checks { allow_outside, ..checks };
    let (date, classification, entries) = (plan.date, plan.classification, &plan.entries);
    let meeting_reference = plan.reference.clone();
    type Done<R> = (Prepared, Option<Result<R, Error>>, AgendaEntry);
    let results: Vec<Result<Done<R>, Diagnostics>> = entries
        .par_iter()
        .map(|entry| {
            let text = files.read(&entry.file).map_err(|error| match error {
                Error::Invalid(d) => d,
                other => Diagnostics(vec![loaded.error_at(
                    Kind::UnreadablePaper,
                    &entry.field,
                    format!("cannot read paper {}: {}", entry.file.display(), cause(&other)),
                )]),
            })?;
            // A paper with an annex written from the records is checked anew: they may have changed.
            let cache = cache.filter(|_| !generated::may_want(&text));
            let mut prepared = match cache.and_then(|c| c.get(&entry.file, &text)) {
                Some(prepared) => prepared,
                None => {
                    let paper: Loaded<PaperSource> = load::parse(&entry.file, &text)?;
                    let (paper, notes) = plan.filled(&paper, checks);
                    let context = plan.context(entry.number);
                    let mut prepared = pipeline::prepare_loaded_from(
                        &paper,
                        Some(&context),
                        Some(plan.references.clone()),
                        checks,
                        files,
                    )?;
                    prepared.warnings.extend(notes);
                    if let Some(cache) = cache {
                        cache.put(&entry.file, text, &prepared);
                    }
                    prepared
                }
            };
            // What the outcomes are checked against, taken before the body is freed.
            let info = decisions::entry_of(&prepared, &entry.key, entry.number);
            let output = each.filter(|_| !prepared.is_withheld()).map(|each| each(&prepared, entries.len()));
            if output.is_some() {
                prepared.paper.release_body();
            }
            Ok((prepared, output, info))
        })
        .collect();
    let mut papers = Vec::new();
    let mut outputs = Vec::new();
    let mut failed = None;
    let mut infos = Vec::new();
    for result in results {
        match result {
            Ok((prepared, output, info)) => {
                problems.extend(prepared.warnings.clone());
                papers.push(prepared);
                infos.push(info);
                match output {
                    Some(Ok(output)) => outputs.push(output),
                    Some(Err(error)) => failed = failed.or(Some(error)),
                    None => {}
                }
            }
            Err(d) => problems.extend(d),
        }
    }
    // The records (read if a paper or the outcomes asked), and what the meeting decided.
    let outcomes = decisions::decided(&plan, infos, checks, &mut problems);
    problems.extend(plan.records_problems());
    if problems.has_errors() {
        return Err(Error::Invalid(problems.sorted()));
    }
    if let Some(error) = failed {
        return Err(error);
    }
    let manifest_shown = !crate::domain::edition::withholds(edition, classification);
    let titles = papers.iter().filter(|p| !p.is_withheld()).map(|p| p.paper.classification);
    let items = plan.slots.iter().filter_map(|s| s.item.as_ref().map(|(_, class)| *class));
    let titles = titles.chain(items.filter(|class| !crate::domain::edition::withholds(edition, *class)));
    // A list that shows no classified title (only numbers and references) is public.
    let marking = titles.chain(manifest_shown.then_some(classification)).max().unwrap_or(Classification::White);
    let meeting = Meeting {
        manifest: manifest.to_path_buf(),
        committee: src.committee.clone(),
        committee_name: src.committee_name.clone(),
        meeting: src.meeting,
        reference: meeting_reference,
        date,
        venue: src.venue.clone().filter(|_| manifest_shown),
        start: src.start.as_ref().map(|s| s.trim().to_string()).filter(|_| manifest_shown),
        classification,
        marking,
        edition,
        papers,
        keys: entries.iter().map(|e| e.key.clone()).collect(),
        warnings: problems,
        records_read: plan.records.get().map(records::Records::files).unwrap_or_default(),
        agenda: plan.slots.clone(),
        outcomes,
        portion_marks: src.portion_marks.unwrap_or(true),
    };
    Ok((meeting, outputs))
}

/// Whether `relative`, named by a manifest in `base`, lies in `base` or below it: no
/// absolute path, no `..`, and no link that leads out.
fn inside(base: &Path, relative: &Path) -> bool {
    use std::path::Component;
    if !relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return false;
    }
    let base = if base.as_os_str().is_empty() { Path::new(".") } else { base };
    match (base.join(relative).canonicalize(), base.canonicalize()) {
        (Ok(file), Ok(base)) => file.starts_with(base),
        // A file that does not exist is reported when it is read.
        _ => true,
    }
}

fn cause(error: &Error) -> String {
    match error {
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

impl Meeting {
    /// The class a pack is marked with, on its cover and in its metadata: the highest
    /// marking among the papers it includes, and its paper list's.
    pub fn pack_marking(&self) -> Classification {
        self.papers.iter().filter(|p| !p.is_withheld()).map(|p| p.paper.marking).fold(self.marking, Classification::max)
    }

    /// The meeting's paper list, as its index and its pack's cover print it.
    pub fn paper_list(&self) -> PaperList {
        PaperList {
            committee_name: self.committee_name.clone(),
            meeting: self.meeting,
            reference: self.reference.clone(),
            date: self.date,
            venue: self.venue.clone(),
            edition: self.edition,
            agenda: self.agenda.iter().any(|s| s.item.is_some() || s.presenter.is_some() || s.time.is_some()),
            rows: agenda::rows(self),
        }
    }
}
