//! Two manifests of a meeting compared for what they say themselves, beside their papers:
//! the meeting's own fields (name, date, venue, start), each paper's presenter and minutes,
//! and the items without a paper (added, removed, renamed, renumbered, their presenter,
//! minutes or class changed). What the edition withholds is compared by count only: an
//! item's title and key (its title as a slug) are its own.

use crate::domain::Classification;
use crate::domain::dates::uk_long;
use crate::domain::edition::withholds;
use crate::meeting::{Meeting, Slot};

/// One line per change of the meeting's own fields. A manifest the edition withholds has
/// no venue or start to compare (the meeting keeps them `None`).
pub(super) fn manifest_lines(old: &Meeting, new: &Meeting) -> Vec<String> {
    let mut out = Vec::new();
    if old.committee_name != new.committee_name {
        out.push(format!("committee name changed: {} → {}", old.committee_name, new.committee_name));
    }
    if old.date != new.date {
        out.push(format!("meeting date changed: {} → {}", uk_long(old.date), uk_long(new.date)));
    }
    optional("venue", &old.venue, &new.venue, &mut out);
    optional("start", &old.start, &new.start, &mut out);
    out
}

/// A field a manifest may leave out: given, dropped or changed.
fn optional(what: &str, old: &Option<String>, new: &Option<String>, out: &mut Vec<String>) {
    match (old, new) {
        (None, Some(b)) => out.push(format!("{what} given: {b}")),
        (Some(a), None) => out.push(format!("{what} removed (was {a})")),
        (Some(a), Some(b)) if a != b => out.push(format!("{what} changed: {a} → {b}")),
        _ => {}
    }
}

/// What changed in the agenda entry of a paper shown in both drafts (keyed `key`): its
/// presenter (by default its author) and its minutes; `None` when nothing did.
pub(super) fn paper_entry(old: &Meeting, new: &Meeting, key: &str) -> Option<String> {
    let slot = |m: &Meeting| m.agenda.iter().find(|s| s.key == key && s.item.is_none()).cloned();
    let (a, b) = (slot(old)?, slot(new)?);
    let changed = entry_changes(&a, &b);
    (!changed.is_empty()).then(|| changed.join("; "))
}

/// The presenter's and minutes' changes between two entries.
fn entry_changes(a: &Slot, b: &Slot) -> Vec<String> {
    let mut changed = Vec::new();
    if a.presenter != b.presenter {
        let who = |p: &Option<String>| p.clone().unwrap_or_else(|| "none given".into());
        changed.push(format!("presenter {} → {}", who(&a.presenter), who(&b.presenter)));
    }
    if a.minutes != b.minutes {
        let minutes = |m: Option<u32>| m.map_or_else(|| "none given".into(), |m| m.to_string());
        changed.push(format!("minutes {} → {}", minutes(a.minutes), minutes(b.minutes)));
    }
    changed
}

/// An item without a paper, as the edition shows it: `None` for a paper or a withheld item.
fn shown_item(slot: &Slot, edition: Option<Classification>) -> Option<(&str, Classification)> {
    let (title, class) = slot.item.as_ref()?;
    (!withholds(edition, *class)).then_some((title.as_str(), *class))
}

/// One line per change of the items without a paper: matched by key, then (a renamed item
/// whose key is its title) by number. Withheld items are counted, never named.
pub(super) fn item_lines(old: &Meeting, new: &Meeting) -> Vec<String> {
    let edition = new.edition;
    let items =
        |m: &Meeting| -> Vec<Slot> { m.agenda.iter().filter(|s| shown_item(s, edition).is_some()).cloned().collect() };
    let (before, after) = (items(old), items(new));
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (j, b) in after.iter().enumerate() {
        if let Some(i) = before.iter().position(|a| a.key == b.key) {
            pairs.push((i, j));
        }
    }
    for (j, b) in after.iter().enumerate() {
        if pairs.iter().any(|p| p.1 == j) {
            continue;
        }
        let free = |i: &usize| !pairs.iter().any(|p| p.0 == *i);
        if let Some(i) = (0..before.len()).filter(free).find(|i| before[*i].number == b.number) {
            pairs.push((i, j));
        }
    }
    let name = |s: &Slot| {
        let title = s.item.as_ref().map_or("", |(t, _)| t.as_str());
        format!("item {} “{title}”", s.number)
    };
    let mut out = Vec::new();
    for (i, a) in before.iter().enumerate() {
        if !pairs.iter().any(|p| p.0 == i) {
            out.push(format!("{} removed", name(a)));
        }
    }
    for (j, b) in after.iter().enumerate() {
        let Some(&(i, _)) = pairs.iter().find(|p| p.1 == j) else {
            out.push(format!("{} added", name(b)));
            continue;
        };
        let a = &before[i];
        let mut changed = Vec::new();
        let (Some((old_title, old_class)), Some((new_title, new_class))) = (&a.item, &b.item) else { continue };
        if old_title != new_title {
            changed.push(format!("renamed from “{old_title}”"));
        }
        if a.number != b.number {
            changed.push(format!("renumbered from {}", a.number));
        }
        changed.extend(entry_changes(a, b));
        if old_class != new_class {
            changed.push(format!("class {old_class} → {new_class}"));
        }
        if !changed.is_empty() {
            out.push(format!("{} changed: {}", name(b), changed.join("; ")));
        }
    }
    let withheld =
        |m: &Meeting| m.agenda.iter().filter(|s| s.item.is_some() && shown_item(s, edition).is_none()).count();
    if let Some(edition) = edition.filter(|_| withheld(old) != withheld(new)) {
        out.push(format!("items withheld from the {edition} edition: {} (was {})", withheld(new), withheld(old)));
    }
    out
}
