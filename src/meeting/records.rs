//! The committee's records as a meeting starts: the actions open (every earlier meeting's,
//! as its outcomes set and closed them, and those its manifest carries from before), the
//! secretariat's report on them, and this meeting's own outcomes once it is held.

use super::committee::{self, folder_of};
use super::{Plan, forward};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::domain::working_days::Calendar;
use crate::error::Error;
use crate::load::{self, Loaded, MeetingSource, OUTCOMES_FILE, OutcomesSource, PaperSource};
use crate::model::cycle::{AgendaEntry, Outcomes, PlannedItem, Progress, TrackedAction};
use crate::pipeline::Checks;
use crate::validate::records::{self as check, RecordsContext};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

/// What the committee's folder says as this meeting starts.
#[derive(Debug)]
pub(crate) struct Records {
    /// The actions open as the meeting starts.
    pub open: Vec<TrackedAction>,
    /// Every id an action has had before this meeting.
    pub used: BTreeSet<String>,
    /// The secretariat's report on the open actions.
    pub progress: BTreeMap<String, Progress>,
    /// Whether anything was found to draw on: an earlier meeting, or a carried action.
    pub found: bool,
    /// The committee's other meetings.
    siblings: Vec<Loaded<MeetingSource>>,
    /// The later meetings' agenda items, read when a forward plan first asks.
    planned: OnceLock<forward::Later>,
    /// The files read, for a watch to follow.
    pub read: Vec<PathBuf>,
    /// The errors found on the way (the earlier meetings' warnings are theirs to tell).
    pub problems: Diagnostics,
}

/// Any character: what the outputs but PDF can show.
fn any(_: char) -> bool {
    true
}

/// An edition's run tells nothing of the records' parts it may withhold: a shape problem
/// (found before any class could be read) says only where it is.
fn told(mut problems: Diagnostics, checks: Checks) -> Diagnostics {
    if let Some(edition) = checks.edition {
        for problem in problems.0.iter_mut().filter(|d| d.field.is_some()) {
            problem.withhold(edition, "");
        }
    }
    problems
}

/// Reads the records of `plan`'s committee, up to this meeting.
pub(super) fn read(plan: &Plan, checks: Checks) -> Records {
    let mut problems = Diagnostics::default();
    let siblings = committee::siblings(plan, &mut problems);
    let mut records = Records {
        open: Vec::new(),
        used: BTreeSet::new(),
        progress: BTreeMap::new(),
        found: !plan.loaded.value.actions.carried.is_empty(),
        siblings: Vec::new(),
        planned: OnceLock::new(),
        read: siblings.iter().map(|s| s.file.clone()).collect(),
        problems: Diagnostics::default(),
    };
    for earlier in siblings.iter().filter(|s| s.value.meeting < plan.loaded.value.meeting) {
        records.found = true;
        records.earlier(earlier, checks, &mut problems);
    }
    // This meeting's own manifest: the actions it carries, the report on all of them.
    let calendar = Calendar::with_added(plan.bank_holidays.iter().copied());
    let mut seen = BTreeSet::new();
    let carried =
        check::carried(plan.loaded, &plan.records_context(&records, &calendar, &[], checks), &mut seen, &mut problems);
    records.used.extend(seen);
    records.open.extend(carried);
    records.progress =
        check::progress(plan.loaded, &plan.records_context(&records, &calendar, &[], checks), &mut problems);
    records.siblings = siblings;
    records.problems = Diagnostics(problems.0.into_iter().filter(Diagnostic::is_error).collect());
    records
}

impl Records {
    /// Adds an earlier meeting's records: the actions its manifest carries and its outcomes
    /// set, less those its outcomes closed.
    fn earlier(&mut self, manifest: &Loaded<MeetingSource>, checks: Checks, problems: &mut Diagnostics) {
        let mut own = Diagnostics::default();
        let Ok(plan) = Plan::new(manifest, &load::Disk, true, None, &mut own) else {
            problems.extend(own);
            return;
        };
        let outcomes_file = folder_of(&manifest.file).join(OUTCOMES_FILE);
        let outcomes = outcomes_file.is_file().then(|| {
            self.read.push(outcomes_file.clone());
            load::load::<OutcomesSource>(&outcomes_file)
        });
        let entries = match &outcomes {
            Some(Ok(_)) => committee::earlier_entries(&plan, &mut own),
            _ => Vec::new(),
        };
        let calendar = Calendar::with_added(plan.bank_holidays.iter().copied());
        let mut seen = BTreeSet::new();
        let carried =
            check::carried(manifest, &plan.records_context(self, &calendar, &entries, checks), &mut seen, &mut own);
        self.open.extend(carried);
        match outcomes {
            Some(Ok(loaded)) => {
                let ctx = plan.records_context(self, &calendar, &entries, checks);
                let outcomes = check::outcomes(&loaded, &ctx, &mut own);
                self.close_and_set(outcomes);
            }
            Some(Err(Error::Invalid(d))) => own.extend(told(d, checks)),
            Some(Err(other)) => {
                own.push(Diagnostic::error(crate::diagnostic::Kind::UnreadablePaper, &outcomes_file, other.to_string()))
            }
            None => {}
        }
        self.used.extend(seen);
        problems.extend(Diagnostics(own.0.into_iter().filter(Diagnostic::is_error).collect()));
    }

    fn close_and_set(&mut self, outcomes: Outcomes) {
        self.open.retain(|a| !outcomes.closed.iter().any(|c| c.id == a.id));
        self.used.extend(outcomes.set.iter().map(|a| a.id.clone()));
        self.open.extend(outcomes.set);
    }

    /// The agenda items of the next `count` meetings after this one, in meeting order, with
    /// the problems found reading them.
    pub(super) fn planned(&self, plan: &Plan, checks: Checks, count: usize) -> (Vec<PlannedItem>, Diagnostics) {
        let later = self.planned.get_or_init(|| {
            forward::read(self.siblings.iter().filter(|s| s.value.meeting > plan.loaded.value.meeting), checks)
        });
        (later.meetings.iter().take(count).flat_map(|items| items.clone()).collect(), later.problems.clone())
    }

    /// The problems of the later meetings, once a forward plan read them.
    pub(super) fn planned_problems(&self) -> Diagnostics {
        self.planned.get().map(|l| l.problems.clone()).unwrap_or_default()
    }

    /// Every file the records were read from (the later meetings' once a forward plan
    /// asked for them), for a watch to follow.
    pub(super) fn files(&self) -> Vec<PathBuf> {
        let later = self.planned.get().map(|l| l.read.clone()).unwrap_or_default();
        self.read.iter().cloned().chain(later).collect()
    }
}

impl Plan<'_> {
    /// The committee's records as this meeting starts, read on first use.
    pub(super) fn records(&self, checks: Checks) -> &Records {
        self.records.get_or_init(|| read(self, checks))
    }

    /// `paper` with its generated annexes written from the records; a paper without one
    /// is not cloned and the records are not read for it.
    pub(super) fn filled<'p>(
        &self,
        paper: &'p Loaded<PaperSource>,
        checks: Checks,
    ) -> (std::borrow::Cow<'p, Loaded<PaperSource>>, Diagnostics) {
        if !super::generated::wants(&paper.value) {
            return (std::borrow::Cow::Borrowed(paper), Diagnostics::default());
        }
        let mut filled = paper.clone();
        let notes = super::generated::fill(&mut filled, self, self.records(checks), checks);
        (std::borrow::Cow::Owned(filled), notes)
    }

    /// The problems of the records read for this build (none when none were read).
    pub(super) fn records_problems(&self) -> Diagnostics {
        let Some(records) = self.records.get() else { return Diagnostics::default() };
        let mut problems = records.problems.clone();
        problems.extend(records.planned_problems());
        problems
    }

    /// The context this meeting's records are checked in.
    pub(super) fn records_context<'a>(
        &'a self,
        records: &'a Records,
        calendar: &'a Calendar,
        entries: &'a [AgendaEntry],
        checks: Checks,
    ) -> RecordsContext<'a> {
        RecordsContext {
            committee: &self.loaded.value.committee,
            meeting: self.loaded.value.meeting,
            date: self.date,
            calendar,
            base: self.classification,
            entries,
            open: &records.open,
            used: &records.used,
            shown: if checks.paged { &crate::fonts::covers } else { &any },
            edition: checks.edition,
        }
    }
}

/// This meeting's outcomes (`outcomes.yaml` beside its manifest), checked against its
/// agenda (`entries`) and the actions open as it started: `Ok(None)` before it is held.
pub(super) fn outcomes(
    plan: &Plan,
    records: &Records,
    entries: &[AgendaEntry],
    checks: Checks,
    problems: &mut Diagnostics,
) -> Option<(PathBuf, Outcomes)> {
    let file = folder_of(&plan.loaded.file).join(OUTCOMES_FILE);
    // Read where the manifest was: a git revision's meeting has the revision's outcomes.
    if !plan.files.is_file(&file) {
        return None;
    }
    let loaded: Loaded<OutcomesSource> = match load::load_from(plan.files, &file) {
        Ok(loaded) => loaded,
        Err(Error::Invalid(d)) => {
            problems.extend(told(d, checks));
            return None;
        }
        Err(other) => {
            problems.push(Diagnostic::error(crate::diagnostic::Kind::UnreadablePaper, &file, other.to_string()));
            return None;
        }
    };
    let calendar = Calendar::with_added(plan.bank_holidays.iter().copied());
    let outcomes = check::outcomes(&loaded, &plan.records_context(records, &calendar, entries, checks), problems);
    Some((file, outcomes))
}
