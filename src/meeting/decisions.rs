//! What a meeting decided: its outcomes checked against its agenda, and its decision and
//! action log (`SECP_78_decisions.md`, `.pdf`, `.html`, `.docx`), made from its own
//! template through the same Markdown as every paper.

use super::{Meeting, Plan, committee, records};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::markdown::Templates;
use crate::model::cycle::{AgendaEntry, Outcomes, RecommendationEntry};
use crate::model::decisions::DecisionLog;
use crate::output::OutputFile;
use crate::pipeline::{Checks, Prepared};
use crate::writers::{self, Formats};
use std::path::{Path, PathBuf};

/// A held meeting's outcomes, with the agenda they were checked against.
#[derive(Debug, Clone)]
pub struct Decided {
    /// The outcomes file.
    pub file: PathBuf,
    /// What it says.
    pub outcomes: Outcomes,
    /// The agenda, in order: papers (as this build prepared them) and items.
    pub entries: Vec<AgendaEntry>,
}

/// A prepared paper as its meeting's outcomes are checked against it.
pub(super) fn entry_of(prepared: &Prepared, key: &str, number: u32) -> AgendaEntry {
    let paper = &prepared.paper;
    AgendaEntry {
        key: key.to_string(),
        number,
        reference: Some(paper.reference.to_string()),
        title: paper.title.clone(),
        classification: paper.classification,
        recommendations: paper
            .recommendations
            .items
            .iter()
            .map(|r| RecommendationEntry {
                number: r.number.to_string(),
                verb: r.verb.clone(),
                text: r.text.clone(),
                classification: r.classification,
            })
            .collect(),
    }
}

/// The meeting's outcomes, when it has them (and every paper was prepared: outcomes are
/// checked against them all).
pub(super) fn decided(
    plan: &Plan,
    papers: Vec<AgendaEntry>,
    checks: Checks,
    problems: &mut Diagnostics,
) -> Option<Decided> {
    let file = committee::folder_of(&plan.loaded.file).join(crate::load::OUTCOMES_FILE);
    if !plan.files.is_file(&file) || papers.len() != plan.entries.len() {
        return None;
    }
    let mut papers = papers.into_iter();
    let entries: Vec<AgendaEntry> = plan
        .slots
        .iter()
        .filter_map(|slot| match &slot.item {
            Some((title, class)) => Some(committee::item_entry(slot, title, *class)),
            None if plan.entries.iter().any(|e| e.key == slot.key) => papers.next(),
            None => None,
        })
        .collect();
    let (file, outcomes) = records::outcomes(plan, plan.records(checks), &entries, checks, problems)?;
    Some(Decided { file, outcomes, entries })
}

impl Meeting {
    /// The meeting's decision and action log, in this build's edition; `None` before the
    /// meeting is held (no outcomes).
    pub fn decision_log(&self) -> Option<DecisionLog> {
        let decided = self.outcomes.as_ref()?;
        let log = DecisionLog::build(
            (&self.committee_name, &self.reference),
            &decided.entries,
            &decided.outcomes,
            self.edition,
            self.portion_marks.then_some(self.classification),
        );
        Some(log)
    }

    /// The stem of the log's files: `SECP_78_decisions`.
    pub fn decisions_file_stem(&self) -> String {
        format!("{}_{}_decisions", self.committee, self.meeting)
    }
}

/// The decision and action log in `out`, in every format `formats` asks for, marked by what
/// it shows; nothing before the meeting is held.
pub fn decisions_files(
    meeting: &Meeting,
    templates: &Templates,
    formats: Formats,
    out: &Path,
    source_date_epoch: Option<i64>,
) -> Result<Vec<OutputFile>, Error> {
    let Some(log) = meeting.decision_log() else { return Ok(Vec::new()) };
    let markdown = templates.render_decisions(&log)?;
    let stem = out.join(meeting.decisions_file_stem());
    // A character no font shows is named in the outcomes, where the clerk can change it.
    let file = meeting.outcomes.as_ref().map_or(meeting.manifest.as_path(), |d| d.file.as_path());
    let dated = writers::Dated { date: meeting.date, source_date_epoch, author: None };
    let written = writers::write(formats, &markdown, file, templates, dated)?;
    Ok(written
        .files
        .into_iter()
        .map(|(format, bytes)| OutputFile { path: stem.with_extension(format.extension()), bytes })
        .collect())
}
