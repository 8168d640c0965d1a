//! A paper's annexes that panelpaper writes (`{actions: open}`, `{forward_plan: N}`),
//! filled from the committee's records before the paper is checked: from then on they are
//! annexes like any other, their rows classed by what each came from.

use super::Plan;
use super::records::Records;
use crate::diagnostic::{Diagnostic, Diagnostics, Kind};
use crate::domain::Classification;
use crate::domain::working_days::Calendar;
use crate::load::{ActionsAnnex, Loaded, PaperSource};
use crate::model::cycle::{ACTION_COLUMNS, PLAN_COLUMNS, actions_annex, plan_annex};
use crate::pipeline::Checks;

/// Whether `paper` asks for an annex to be written (before the records are read for it).
pub(super) fn wants(paper: &PaperSource) -> bool {
    paper.annexes.iter().any(|a| a.generated.as_ref().is_some_and(|g| !g.filled))
}

/// Whether a paper's text may ask for one: such a paper is checked anew on every build
/// of a watch, since the records its annex reads may have changed since.
pub(super) fn may_want(text: &str) -> bool {
    text.contains("actions:") || text.contains("forward_plan:")
}

/// Writes `paper`'s generated annexes from `records`. One that asks for nothing (or for
/// two things) is left for the paper's checks to report; where the records have problems,
/// an annex gets its columns and no rows (the build fails on those problems anyway).
pub(super) fn fill(paper: &mut Loaded<PaperSource>, plan: &Plan, records: &Records, checks: Checks) -> Diagnostics {
    let mut notes = Diagnostics::default();
    let lonely = |path: &str| {
        let committee = &plan.loaded.value.committee;
        let message = format!(
            "no earlier meeting of {committee} is beside this one and the manifest carries no action: the annex lists none"
        );
        Diagnostic::warning(Kind::NoRecords, &paper.file, message)
            .at_field(path)
            .at(paper.positions().nearest(path))
            .with_hint("keep the committee's meetings in folders side by side, or list the open actions under `actions.carried`")
    };
    let lonely: Vec<Diagnostic> = paper
        .value
        .annexes
        .iter()
        .enumerate()
        .filter(|(_, a)| a.generated.as_ref().is_some_and(|g| !g.filled && g.source.actions.is_some()))
        .filter(|_| !records.found)
        .map(|(i, _)| lonely(&format!("annexes[{i}]")))
        .collect();
    notes.extend(Diagnostics(lonely));
    let paper = &mut paper.value;
    // Without a class that reads, the most restrictive: nothing is shown by mistake.
    let base = Classification::parse(&paper.classification).unwrap_or(Classification::Red);
    let calendar = Calendar::with_added(plan.bank_holidays.iter().copied());
    for annex in &mut paper.annexes {
        let Some(source) = annex.generated.as_ref().filter(|g| !g.filled).map(|g| g.source.clone()) else {
            continue;
        };
        let class = match &annex.classification {
            Some(name) => Classification::parse(name).unwrap_or(Classification::Red),
            None => base,
        };
        let default_title = match (source.actions, source.forward_plan) {
            (Some(ActionsAnnex::Open), None) => {
                if records.problems.has_errors() {
                    annex.columns = ACTION_COLUMNS.iter().map(|c| c.to_string()).collect();
                } else {
                    actions_annex(annex, &records.open, &records.progress, plan.date, &calendar, class);
                }
                "Open Actions"
            }
            (None, Some(count)) if count > 0 => {
                let (items, problems) = records.planned(plan, checks, count as usize);
                if problems.has_errors() {
                    annex.columns = PLAN_COLUMNS.iter().map(|c| c.to_string()).collect();
                } else {
                    plan_annex(annex, &items, class);
                }
                "Forward Plan"
            }
            _ => continue,
        };
        if source.title.is_none() {
            annex.title = default_title.to_string();
        }
        if let Some(generated) = annex.generated.as_mut() {
            generated.filled = true;
        }
    }
    notes
}
