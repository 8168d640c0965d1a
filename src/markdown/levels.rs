//! Run-in headings set at their level in the paper: each section body's `####` headings
//! one level below the section they stand in ([`crate::dialect::run_in`]), before any
//! template prints the body, so that every template (a user's own too) writes them so.

use crate::dialect::run_in::relevel;
use crate::model::{Paper, Section};
use std::borrow::Cow;

/// `paper` with its sections' run-in headings set at their levels; borrowed when no body
/// holds a heading.
pub(super) fn run_in_levels(paper: &Paper) -> Cow<'_, Paper> {
    fn any_heading(sections: &[Section]) -> bool {
        sections.iter().any(|s| s.body.contains('#') || any_heading(&s.subsections))
    }
    if !any_heading(&paper.sections) {
        return Cow::Borrowed(paper);
    }
    // A section's heading is `##`, a subsection's `###`, a third level's `####`.
    fn sections(list: &[Section], level: u8) -> Vec<Section> {
        list.iter()
            .map(|s| Section {
                number: s.number.clone(),
                heading: s.heading.clone(),
                body: relevel(&s.body, level).into_owned(),
                subsections: sections(&s.subsections, level + 1),
                classification: s.classification,
                mark: s.mark,
                anchor: s.anchor.clone(),
                withheld: s.withheld,
            })
            .collect()
    }
    let mut paper = paper.clone();
    paper.sections = sections(&paper.sections, 2);
    Cow::Owned(paper)
}

/// The paper as templates see it, with each value a redline marks ([`Paper::shown`]) in
/// place of the typed value.
pub(super) fn with_shown(paper: &Paper) -> serde_json::Value {
    let mut value = serde_json::to_value(paper).expect("a paper serialises");
    for (pointer, shown) in &paper.shown {
        if let Some(slot) = value.pointer_mut(pointer) {
            *slot = serde_json::Value::String(shown.clone());
        }
    }
    value
}
