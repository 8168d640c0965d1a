//! Two meetings' records compared, as their decision logs show them in the edition being
//! compared: outcomes recorded, changed or dropped, actions set, changed or dropped, and
//! actions closed. What the edition withholds is compared by its place only.

use crate::meeting::Meeting;
use crate::model::decisions::{DecisionLog, LoggedAction, LoggedItem};

/// One line per difference between the two meetings' outcomes and actions.
pub(super) fn lines(old: &Meeting, new: &Meeting) -> Vec<String> {
    let (old, new) = match (old.decision_log(), new.decision_log()) {
        (None, None) => return Vec::new(),
        (Some(_), None) => return vec!["outcomes removed: the new draft records none".into()],
        (None, Some(_)) => return vec!["outcomes recorded: the old draft had none".into()],
        (Some(old), Some(new)) => (old, new),
    };
    let mut out = Vec::new();
    for item in &new.items {
        match old.items.iter().find(|o| o.key == item.key) {
            Some(before) => item_changes(before, item, &mut out),
            None if item.withheld || !recorded(item) => {}
            None => out.push(format!("outcomes of {} recorded", name(item))),
        }
    }
    let gone = |o: &&LoggedItem| !o.withheld && recorded(o) && !new.items.iter().any(|n| n.key == o.key);
    for item in old.items.iter().filter(gone) {
        out.push(format!("outcomes of {} removed", name(item)));
    }
    actions("action", &old.actions, &new.actions, &new, &mut out);
    actions("closing of action", &old.closed, &new.closed, &new, &mut out);
    out
}

/// Whether the meeting recorded any outcome of the item.
fn recorded(item: &LoggedItem) -> bool {
    !item.outcome.is_empty() || item.recommendations.iter().any(|r| !r.withheld && r.outcome != "—")
}

/// How an item is named, as the paper lines name papers: its key, then its reference (or
/// its number, without a paper).
fn name(item: &LoggedItem) -> String {
    let at = if item.reference.is_empty() { format!("item {}", item.number) } else { item.reference.clone() };
    format!("{} ({at})", item.key)
}

fn item_changes(old: &LoggedItem, new: &LoggedItem, out: &mut Vec<String>) {
    if old.withheld || new.withheld {
        if old.withheld != new.withheld {
            out.push(format!("outcomes of {}: withheld from this edition in one draft only", name(new)));
        }
        return;
    }
    if old.outcome != new.outcome {
        out.push(format!("outcome of {} changed: {} → {}", name(new), shown(&old.outcome), shown(&new.outcome)));
    }
    for (i, rec) in new.recommendations.iter().enumerate() {
        let Some(before) = old.recommendations.get(i) else { continue };
        let at = format!("{} {}", name(new), rec.number);
        if before.withheld || rec.withheld {
            if before.withheld != rec.withheld {
                out.push(format!("outcome of {at}: withheld from this edition in one draft only"));
            }
            continue;
        }
        if before.outcome != rec.outcome {
            out.push(format!("outcome of {at} changed: {} → {}", before.outcome, rec.outcome));
        }
        if before.wording != rec.wording {
            out.push(format!("amended wording of {at} changed"));
        }
        if before.note != rec.note {
            out.push(format!("note on the outcome of {at} changed"));
        }
    }
}

fn shown(outcome: &str) -> &str {
    if outcome.is_empty() { "none" } else { outcome }
}

/// The differences between two lists of actions, matched by id; withheld ones by count.
fn actions(what: &str, old: &[LoggedAction], new: &[LoggedAction], log: &DecisionLog, out: &mut Vec<String>) {
    for action in new.iter().filter(|a| !a.withheld) {
        let Some(before) = old.iter().find(|o| !o.withheld && o.id == action.id) else {
            out.push(format!("{what} {} added", action.id));
            continue;
        };
        let mut changed = Vec::new();
        if before.text != action.text {
            changed.push("text".to_string());
        }
        if before.owner != action.owner {
            changed.push(format!("owner {} → {}", before.owner, action.owner));
        }
        if before.due != action.due {
            changed.push(format!("due {} → {}", before.due, action.due));
        }
        if !changed.is_empty() {
            out.push(format!("{what} {} changed: {}", action.id, changed.join("; ")));
        }
    }
    for action in old.iter().filter(|a| !a.withheld && !new.iter().any(|n| !n.withheld && n.id == a.id)) {
        out.push(format!("{what} {} removed", action.id));
    }
    let withheld = |list: &[LoggedAction]| list.iter().filter(|a| a.withheld).count();
    if let Some(edition) = log.edition.filter(|_| withheld(old) != withheld(new)) {
        out.push(format!("{what}s withheld from the {edition} edition: {} (was {})", withheld(new), withheld(old)));
    }
}
