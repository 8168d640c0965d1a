//! The decision log's one-line texts (titles, recommendations, wordings, notes, owners)
//! escaped where a line of Markdown could start or end structure, as a paper's are: the
//! template puts them in headings and table cells.

use super::one_line::line;
use crate::model::decisions::DecisionLog;

/// `log` with its one-line texts escaped.
pub(super) fn escaped(log: &DecisionLog) -> DecisionLog {
    let fix = |text: &mut String| *text = line(text).into_owned();
    let mut out = log.clone();
    for item in &mut out.items {
        fix(&mut item.title);
        for rec in &mut item.recommendations {
            fix(&mut rec.text);
            fix(&mut rec.wording);
            fix(&mut rec.note);
        }
    }
    for action in out.actions.iter_mut().chain(&mut out.closed) {
        fix(&mut action.owner);
        fix(&mut action.from);
    }
    out
}
