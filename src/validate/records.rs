//! The committee's records checked, every problem at once at its line: the actions a
//! manifest carries from before, the secretariat's progress report, and a meeting's
//! outcomes (`outcomes.yaml`) against its agenda and the actions open when it started.
//!
//! Their texts are printed as written (they are no templates) in annex cells and the
//! decision log, so they are held to a cell's rules and the fonts here, where the
//! problems can be placed; the papers that print them then cannot fail on them.

use super::{characters, fields, structure};
use crate::diagnostic::{Diagnostics, Kind, suggest};
use crate::domain::Classification;
use crate::domain::outcome::{Due, is_action_id, is_owner, suggest_owner};
use crate::domain::working_days::Calendar;
use crate::load::{ActionSource, Loaded, MeetingSource};
use crate::model::cycle::{AgendaEntry, Progress, TrackedAction};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

pub(crate) use super::records_outcomes::outcomes;

/// What a meeting's records are checked against.
pub(crate) struct RecordsContext<'a> {
    /// The committee's code.
    pub committee: &'a str,
    /// The meeting's number.
    pub meeting: u32,
    /// The meeting's date.
    pub date: NaiveDate,
    /// Its Working Days.
    pub calendar: &'a Calendar,
    /// The manifest's class: that of what the meeting says as a whole.
    pub base: Classification,
    /// Its agenda.
    pub entries: &'a [AgendaEntry],
    /// The actions open when it starts.
    pub open: &'a [TrackedAction],
    /// Every id any earlier action has had.
    pub used: &'a BTreeSet<String>,
    /// The characters the outputs can show.
    pub shown: &'a dyn Fn(char) -> bool,
    /// The edition being made: problems inside what it withholds say nothing of it.
    pub edition: Option<Classification>,
}

/// How an action's id must read.
#[derive(Clone, Copy)]
pub(super) enum IdRule {
    /// Set at this meeting: `SECP78/01`.
    SetHere,
    /// Set at an earlier meeting of the committee: `SECP76/09`.
    Earlier,
}

impl RecordsContext<'_> {
    /// Whether the edition withholds a part of class `class`.
    pub(super) fn withholds(&self, class: Option<Classification>) -> bool {
        crate::domain::edition::withholds_unread(self.edition, class)
    }

    /// The open action `id`, if it is one.
    pub(super) fn open_action(&self, id: &str) -> Option<&TrackedAction> {
        self.open.iter().find(|a| a.id == id.trim())
    }
}

/// The actions a manifest carries from before the committee's records (`actions.carried`):
/// each with an earlier meeting's id and a due date, in the manifest's class unless above.
pub(crate) fn carried(
    loaded: &Loaded<MeetingSource>,
    ctx: &RecordsContext,
    seen: &mut BTreeSet<String>,
    problems: &mut Diagnostics,
) -> Vec<TrackedAction> {
    let mut found = Diagnostics::default();
    let mut withheld = Vec::new();
    let mut out = Vec::new();
    for (i, src) in loaded.value.actions.carried.iter().enumerate() {
        let path = format!("actions.carried[{i}]");
        let checked = action(loaded, &path, src, IdRule::Earlier, ctx, (ctx.base, String::new()), seen, &mut found);
        if ctx.withholds(checked.as_ref().map(|a| a.classification)) {
            withheld.push(path);
        }
        out.extend(checked);
    }
    finish(found, &withheld, ctx, problems);
    out
}

/// The secretariat's report on open actions (`actions.progress`), by id.
pub(crate) fn progress(
    loaded: &Loaded<MeetingSource>,
    ctx: &RecordsContext,
    problems: &mut Diagnostics,
) -> BTreeMap<String, Progress> {
    let mut found = Diagnostics::default();
    let mut withheld = Vec::new();
    let mut out = BTreeMap::new();
    for (i, src) in loaded.value.actions.progress.iter().enumerate() {
        let path = format!("actions.progress[{i}]");
        let open = ctx.open_action(&src.id);
        if ctx.withholds(open.map(|a| a.classification)) {
            withheld.push(path.clone());
        }
        let id = src.id.trim();
        if open.is_none() {
            found.push(not_open(loaded, &format!("{path}.id"), id, "the secretariat reports on"));
        } else if out.contains_key(id) {
            let message = format!("action `{id}` is reported on twice");
            found.push(loaded.error_at(Kind::NotOpen, &format!("{path}.id"), message).with_hint("merge the two"));
        }
        if let Some(note) = &src.note {
            cell_text(loaded, &format!("{path}.note"), note, ctx.shown, &mut found);
        }
        out.insert(id.to_string(), Progress { done: src.done, note: src.note.clone() });
    }
    finish(found, &withheld, ctx, problems);
    out
}

/// `found` told as the edition may tell it, added to `problems`.
pub(super) fn finish(mut found: Diagnostics, withheld: &[String], ctx: &RecordsContext, problems: &mut Diagnostics) {
    if let Some(edition) = ctx.edition {
        super::redact_withheld(&mut found, withheld, edition);
    }
    problems.extend(found);
}

/// "not an open action" at `path`.
pub(super) fn not_open<T>(loaded: &Loaded<T>, path: &str, id: &str, what: &str) -> crate::diagnostic::Diagnostic {
    loaded
        .error_at(Kind::NotOpen, path, format!("{what} `{id}`, but no action of that id is open"))
        .with_hint("an open action is one an earlier meeting set (or a manifest carries) and none has closed")
}

/// One action: its id, text, owner and due date checked, its class the higher of its own
/// and its container's (`within`: that class, and what it arose from). `None` when it
/// cannot be tracked (a due date that does not read); every problem goes to `problems`.
#[allow(clippy::too_many_arguments)]
pub(super) fn action<T>(
    loaded: &Loaded<T>,
    path: &str,
    src: &ActionSource,
    rule: IdRule,
    ctx: &RecordsContext,
    within: (Classification, String),
    seen: &mut BTreeSet<String>,
    problems: &mut Diagnostics,
) -> Option<TrackedAction> {
    let id = src.id.trim();
    let (prefix, meeting) = (ctx.committee, ctx.meeting);
    let well_formed = match rule {
        IdRule::SetHere => is_action_id(id, prefix, meeting),
        IdRule::Earlier => (1..meeting).any(|m| is_action_id(id, prefix, m)),
    };
    if !well_formed {
        let (what, example) = match rule {
            IdRule::SetHere => (format!("an action set at {prefix} {meeting}"), format!("{prefix}{meeting}/01")),
            IdRule::Earlier => {
                (format!("an action of an earlier {prefix} meeting"), format!("{prefix}{}/01", meeting - 1))
            }
        };
        problems.push(
            loaded
                .error_at(Kind::BadActionId, &format!("{path}.id"), format!("`{id}` is not the id of {what}"))
                .with_hint(format!(
                    "write the committee's code, the meeting's number, `/` and the action's number: {example}"
                )),
        );
    } else if ctx.used.contains(id) || !seen.insert(id.to_string()) {
        let message = format!("action id `{id}` is already used by another action");
        problems.push(
            loaded
                .error_at(Kind::DuplicateActionId, &format!("{path}.id"), message)
                .with_hint("give each action its own number"),
        );
    }
    cell_text(loaded, &format!("{path}.text"), &src.text, ctx.shown, problems);
    let owner = src.owner.trim();
    if !is_owner(owner) {
        let message = format!("`{owner}` is not an owner");
        let hint = match suggest_owner(owner) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "write an organisation's code (SECAS, DCC) or a name with one (Holly Burton (SECAS)), several separated by `, `".into(),
        };
        problems.push(loaded.error_at(Kind::BadOwner, &format!("{path}.owner"), message).with_hint(hint));
    } else {
        characters::text(loaded, &format!("{path}.owner"), owner, ctx.shown, problems);
    }
    let class = match &src.classification {
        Some(name) => fields::class(loaded, &format!("{path}.classification"), name, problems)?.max(within.0),
        None => within.0,
    };
    let due = due(loaded, &format!("{path}.due"), &src.due, rule, ctx, problems)?;
    Some(TrackedAction {
        id: id.to_string(),
        text: src.text.trim().to_string(),
        owner: owner.to_string(),
        due,
        classification: class,
        meeting: ctx.meeting,
        from: within.1,
    })
}

/// An action's due date; one set here may be `N Working Days` after the meeting.
fn due<T>(
    loaded: &Loaded<T>,
    path: &str,
    text: &str,
    rule: IdRule,
    ctx: &RecordsContext,
    problems: &mut Diagnostics,
) -> Option<NaiveDate> {
    let parsed = Due::parse(text);
    let bad = |message: String, hint: &str| loaded.error_at(Kind::BadDue, path, message).with_hint(hint);
    let date = match (parsed, rule) {
        (None, _) => {
            let hint = "write a date, YYYY-MM-DD, or a number of Working Days after the meeting: `20 Working Days`";
            problems.push(bad(format!("`{}` is not a due date", text.trim()), hint));
            return None;
        }
        (Some(Due::WorkingDays(_)), IdRule::Earlier) => {
            let hint = "write the day it is due, YYYY-MM-DD";
            problems.push(bad("an action carried from before is due on a date, not Working Days after a meeting this manifest does not date".into(), hint));
            return None;
        }
        (Some(due), _) => match due.date(ctx.date, ctx.calendar) {
            Ok(date) => date,
            Err(e) => {
                problems.push(bad(format!("`{}`: {e}", text.trim()), "give a nearer date"));
                return None;
            }
        },
    };
    if matches!(rule, IdRule::SetHere) && date <= ctx.date {
        let message = format!("due on {}, not after the meeting that sets it", crate::domain::dates::uk_long(date));
        problems.push(
            crate::diagnostic::Diagnostic::warning(Kind::DueAlready, &loaded.file, message)
                .at_field(path)
                .at(loaded.positions().nearest(path))
                .with_hint("give a later date, or a number of Working Days"),
        );
    }
    Some(date)
}

/// Text printed as an annex cell holds it: not empty, no template, a cell's blocks only,
/// characters the fonts show.
pub(super) fn cell_text<T>(
    loaded: &Loaded<T>,
    path: &str,
    text: &str,
    shown: &dyn Fn(char) -> bool,
    problems: &mut Diagnostics,
) {
    if plain(loaded, path, text, problems) {
        cell_checks(loaded, path, text, shown, problems);
    }
}

/// Text printed on one line (a wording, a note): as [`cell_text`], on one line.
pub(super) fn line_text<T>(
    loaded: &Loaded<T>,
    path: &str,
    text: &str,
    shown: &dyn Fn(char) -> bool,
    problems: &mut Diagnostics,
) {
    if plain(loaded, path, text, problems) {
        structure::single_line(loaded, path, text, problems);
        cell_checks(loaded, path, text, shown, problems);
    }
}

/// A cell's blocks only, and characters the fonts show.
fn cell_checks<T>(
    loaded: &Loaded<T>,
    path: &str,
    text: &str,
    shown: &dyn Fn(char) -> bool,
    problems: &mut Diagnostics,
) {
    structure::cell(loaded, &path, text, problems);
    characters::text(loaded, &path, text, shown, problems);
}

/// Whether `text` has words and no template syntax (the records are printed as written).
fn plain<T>(loaded: &Loaded<T>, path: &str, text: &str, problems: &mut Diagnostics) -> bool {
    if text.trim().is_empty() {
        problems.push(loaded.error_at(Kind::EmptyRecord, path, "no text: say what it is"));
        return false;
    }
    if super::TextEngine::has_template_syntax(text) {
        let at = ["{{", "{%", "{#"].iter().filter_map(|m| text.find(m)).min().unwrap_or(0);
        problems.push(
            loaded
                .error_at(
                    Kind::RecordTemplate,
                    path,
                    "template syntax in the committee's records, which are printed as written",
                )
                .at(loaded.locate(path, at))
                .with_hint("write the text itself: figures and references as they are to be read"),
        );
        return false;
    }
    true
}

/// The nearest of `keys` to `key`, as a hint.
pub(super) fn nearest_key<'a>(key: &str, keys: impl Iterator<Item = &'a str> + Clone) -> String {
    match suggest(key, keys.clone()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("the agenda's keys are: {}", keys.collect::<Vec<_>>().join(", ")),
    }
}
