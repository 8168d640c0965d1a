//! The forward plan: the agenda items of the committee's later meetings, read from their
//! manifests (drafted beside this one, by `next` or by hand), each paper's title as its
//! meeting would print it and its class with it.

use super::Plan;
use crate::diagnostic::Diagnostics;
use crate::load::{self, Loaded, MeetingSource, PaperSource};
use crate::model::cycle::PlannedItem;
use crate::pipeline::{self, Checks};
use std::path::PathBuf;

/// The later meetings as a forward plan reads them.
#[derive(Debug, Default)]
pub(super) struct Later {
    /// Each meeting's items, in meeting order.
    pub meetings: Vec<Vec<PlannedItem>>,
    /// The problems of their manifests and papers: a title that cannot be printed stops
    /// the plan that would print it.
    pub problems: Diagnostics,
    /// The files read.
    pub read: Vec<PathBuf>,
}

/// The items of each of the `later` meetings (in meeting order).
pub(super) fn read<'a>(later: impl Iterator<Item = &'a Loaded<MeetingSource>>, checks: Checks) -> Later {
    let mut out = Later::default();
    for manifest in later {
        let Ok(plan) = Plan::new(manifest, &load::Disk, true, None, &mut out.problems) else { continue };
        let meeting = plan.reference.to_string();
        let mut items = Vec::new();
        for slot in &plan.slots {
            if let Some((title, class)) = &slot.item {
                let title = cell(title);
                items.push(PlannedItem {
                    meeting: meeting.clone(),
                    date: plan.date,
                    title,
                    action: "Oral update".into(),
                    classification: *class,
                });
                continue;
            }
            let Some(entry) = plan.entries.iter().find(|e| e.key == slot.key) else { continue };
            out.read.push(entry.file.clone());
            let mut paper: Loaded<PaperSource> = match load::load(&entry.file) {
                Ok(paper) => paper,
                Err(crate::error::Error::Invalid(d)) => {
                    out.problems.extend(d);
                    continue;
                }
                Err(other) => {
                    let message = format!("cannot read paper {}: {other}", entry.file.display());
                    out.problems.push(manifest.error_at(
                        crate::diagnostic::Kind::UnreadablePaper,
                        &entry.field,
                        message,
                    ));
                    continue;
                }
            };
            // Only its title is read: its own generated annexes would read further meetings.
            paper.value.annexes.retain(|a| a.generated.is_none());
            let context = plan.context(entry.number);
            match pipeline::prepare_loaded(&paper, Some(&context), Some(plan.references.clone()), checks) {
                Ok(prepared) => items.push(PlannedItem {
                    meeting: meeting.clone(),
                    date: plan.date,
                    title: cell(&prepared.paper.title),
                    action: prepared.paper.action.to_string(),
                    classification: prepared.paper.classification,
                }),
                Err(d) => out.problems.extend(Diagnostics(d.0.into_iter().filter(|d| d.is_error()).collect())),
            }
        }
        out.read.push(manifest.file.clone());
        out.meetings.push(items);
    }
    out
}

/// A one-line title as an annex cell prints it as written: escaped where it would start
/// Markdown structure, and holding no template syntax (cells are templates).
fn cell(title: &str) -> String {
    let title = crate::markdown::escape_line(title.trim()).into_owned();
    if crate::validate::TextEngine::has_template_syntax(&title) { title.replace('{', "&#123;") } else { title }
}
