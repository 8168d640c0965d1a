//! The agenda: the manifest's entries in order, papers and items without a paper (oral
//! updates, any other business) numbered together, each with its presenter and timing.

use super::{Entry, Meeting, inside};
use crate::diagnostic::{Diagnostics, Kind};
use crate::domain::{Classification, PaperNumber};
use crate::load::{Loaded, MeetingSource, PaperEntrySource};
use crate::model::IndexRow;
use crate::validate::fields;
use std::path::Path;

/// One entry of the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Its key: what outcomes and cross-references name it by.
    pub key: String,
    /// Its number, shared with the papers'.
    pub number: u32,
    /// Who presents it, if the manifest says.
    pub presenter: Option<String>,
    /// "10:00–10:15" from the meeting's start, or "15 minutes" without one.
    pub time: Option<String>,
    /// The minutes the manifest gives it (what a comparison reports, not the clock times
    /// that every later entry's change of minutes moves).
    pub minutes: Option<u32>,
    /// For an item without a paper, its title and class; `None` for a paper.
    pub item: Option<(String, Classification)>,
}

/// `Any Other Business` → `any-other-business`: an item's default key.
pub(super) fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The default key of an entry: the paper's file stem, or the item's title as a slug.
pub(super) fn default_key(entry: &PaperEntrySource) -> String {
    match (&entry.file, &entry.item) {
        (Some(file), _) => {
            std::path::Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
        }
        (None, Some(title)) => slug(title),
        (None, None) => String::new(),
    }
}

/// Problems of an entry's own fields: a paper or an item, not both or neither; an item's
/// title on one line; a class for items only; minutes that a meeting can give.
pub(super) fn check_entry(loaded: &Loaded<MeetingSource>, i: usize, problems: &mut Diagnostics) {
    let entry = &loaded.value.papers[i];
    let field = format!("papers[{i}]");
    let mut problem = |path: &str, message: &str, hint: &str| {
        problems.push(loaded.error_at(Kind::AgendaEntry, path, message).with_hint(hint));
    };
    match (&entry.file, &entry.item) {
        (Some(_), Some(_)) => problem(
            &format!("{field}.item"),
            "an agenda entry is a paper (`file`) or an item without one (`item`), not both",
            "make the item an entry of its own",
        ),
        (None, None) => problem(
            &field,
            "an agenda entry needs `file` (a paper) or `item` (an item without a paper)",
            "add `file: paper.yaml`, or `item: Any Other Business`",
        ),
        (None, Some(title)) if title.trim().is_empty() || title.contains('\n') || slug(title).is_empty() => {
            problem(&format!("{field}.item"), "an item needs a title, on one line", "write what the item is")
        }
        (Some(_), None) if entry.classification.is_some() => problem(
            &format!("{field}.classification"),
            "a paper's class is its own: `classification` is for items without a paper",
            "give the class in the paper",
        ),
        _ => {}
    }
    if entry.minutes.is_some_and(|m| !(1..=600).contains(&m)) {
        problem(&format!("{field}.minutes"), "an item takes 1 to 600 minutes", "give the minutes the item takes");
    }
    if entry.presenter.as_deref().is_some_and(|p| p.trim().is_empty() || p.contains('\n')) {
        problem(&format!("{field}.presenter"), "a presenter is a name, on one line", "write who presents it");
    }
}

/// Numbers the manifest's agenda: explicit numbers stay, the others follow the previous
/// entry (the first from `first_number`); duplicate numbers and keys are errors. The
/// papers come back as entries; the whole agenda, items without a paper included, as slots.
pub(super) fn number_entries(
    loaded: &Loaded<MeetingSource>,
    allow_outside: bool,
    problems: &mut Diagnostics,
) -> (Vec<Entry>, Vec<Slot>) {
    let base = loaded.file.parent().unwrap_or(Path::new(""));
    let mut next = loaded.value.first_number.unwrap_or(1);
    let mut entries: Vec<Entry> = Vec::new();
    let mut slots: Vec<Slot> = Vec::new();
    if loaded.value.papers.is_empty() {
        problems.push(loaded.error_at(Kind::NothingToRender, "papers", "a meeting needs at least one paper"));
    }
    let manifest_class = loaded.value.classification.as_deref().and_then(Classification::parse);
    let times = times(&loaded.value.papers, start(loaded, &mut Diagnostics::default()));
    for (i, paper) in loaded.value.papers.iter().enumerate() {
        let field = format!("papers[{i}]");
        let number = paper.number.unwrap_or(next);
        next = number + 1;
        check_entry(loaded, i, problems);
        let key = paper.key.clone().unwrap_or_else(|| default_key(paper));
        if PaperNumber::new(number).is_none() {
            problems.push(loaded.error_at(
                Kind::NumberOutOfRange,
                &format!("{field}.number"),
                PaperNumber::out_of_range(number),
            ));
        }
        if let Some(other) = slots.iter().position(|e| e.number == number) {
            let first = loaded.positions().nearest(&format!("papers[{other}]"));
            let other = &slots[other].key;
            problems.push(
                loaded
                    .error_at(
                        Kind::DuplicateNumber,
                        &field,
                        format!("paper number {number} is already used by {other}"),
                    )
                    .with_hint("give this paper another `number`")
                    .with_related(&loaded.file, first, format!("{other} has number {number}")),
            );
        }
        if let Some(other) = slots.iter().position(|e| e.key == key) {
            let other = match &loaded.value.papers[other].file {
                Some(file) => base.join(file).display().to_string(),
                None => format!("item {}", slots[other].number),
            };
            problems.push(
                loaded
                    .error_at(Kind::DuplicateKey, &field, format!("key `{key}` is already used by {other}"))
                    .with_hint("give one of them a distinct `key`"),
            );
        }
        let item = paper.item.as_ref().filter(|_| paper.file.is_none()).map(|title| {
            let class = item_class(loaded, i, manifest_class.unwrap_or(Classification::White), problems);
            (title.trim().to_string(), class)
        });
        slots.push(Slot {
            key: key.clone(),
            number,
            presenter: paper.presenter.as_ref().map(|p| p.trim().to_string()),
            time: times[i].clone(),
            minutes: paper.minutes,
            item,
        });
        let Some(file_name) = &paper.file else { continue };
        let file = base.join(file_name);
        if !allow_outside && !inside(base, Path::new(file_name)) {
            problems.push(
                loaded
                    .error_at(
                        Kind::OutsideFolder,
                        &format!("{field}.file"),
                        format!("`{file_name}` is outside the manifest's folder"),
                    )
                    .with_hint("move the paper beside the manifest, or pass --allow-outside"),
            );
            continue;
        }
        entries.push(Entry { key, file, number, field: format!("{field}.file") });
    }
    (entries, slots)
}

/// An item's class: its own, or the manifest's.
pub(super) fn item_class(
    loaded: &Loaded<MeetingSource>,
    i: usize,
    base: Classification,
    problems: &mut Diagnostics,
) -> Classification {
    let own = loaded.value.papers[i].classification.as_deref();
    own.and_then(|name| fields::class(loaded, &format!("papers[{i}].classification"), name, problems)).unwrap_or(base)
}

/// The meeting's start, `10:00`, as minutes after midnight; a problem when it does not read.
pub(super) fn start(loaded: &Loaded<MeetingSource>, problems: &mut Diagnostics) -> Option<u32> {
    let text = loaded.value.start.as_deref()?.trim();
    let parsed = text.split_once(':').and_then(|(h, m)| {
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60 && text.len() == 5).then_some(h * 60 + m)
    });
    if parsed.is_none() {
        problems.push(
            loaded
                .error_at(Kind::AgendaEntry, "start", format!("`{text}` is not a time of day"))
                .with_hint("write it on the 24-hour clock, HH:MM, e.g. 10:00"),
        );
    }
    parsed
}

/// Each entry's timing in agenda order: from `start` (minutes after midnight) when the
/// meeting has one, each item after the one before; alone, its minutes.
pub(super) fn times(entries: &[PaperEntrySource], start: Option<u32>) -> Vec<Option<String>> {
    let clock = |at: u32| format!("{:02}:{:02}", (at / 60) % 24, at % 60);
    let mut at = start;
    entries
        .iter()
        .map(|entry| {
            let minutes = entry.minutes?;
            match at.as_mut() {
                Some(now) => {
                    let from = *now;
                    *now += minutes;
                    Some(format!("{}–{}", clock(from), clock(*now)))
                }
                None => Some(format!("{minutes} minutes")),
            }
        })
        .collect()
}

/// The meeting's agenda as its paper list prints it: each paper (a withheld one by number,
/// reference and class only) and each item without a paper, in order.
pub(super) fn rows(meeting: &Meeting) -> Vec<IndexRow> {
    let shown = |class: Classification| !crate::domain::edition::withholds(meeting.edition, class);
    meeting
        .agenda
        .iter()
        .filter_map(|slot| {
            let time = slot.time.clone().unwrap_or_default();
            if let Some((title, class)) = &slot.item {
                let withheld = !shown(*class);
                let blank = |text: String| if withheld { String::new() } else { text };
                return Some(IndexRow {
                    number: PaperNumber::new(slot.number)?,
                    reference: String::new(),
                    title: blank(title.clone()),
                    action: String::new(),
                    classification: *class,
                    author: String::new(),
                    withheld,
                    oral: true,
                    presenter: blank(slot.presenter.clone().unwrap_or_default()),
                    time,
                });
            }
            let p = &meeting.papers[meeting.keys.iter().position(|k| *k == slot.key)?];
            let withheld = p.is_withheld();
            let blank = |text: String| if withheld { String::new() } else { text };
            Some(IndexRow {
                number: p.paper.reference.number,
                reference: p.paper.reference.to_string(),
                title: blank(p.paper.title.clone()),
                action: blank(p.paper.action.to_string()),
                classification: if withheld { p.paper.classification } else { p.paper.marking },
                author: blank(p.paper.author.clone()),
                withheld,
                oral: false,
                presenter: blank(slot.presenter.clone().unwrap_or_else(|| p.paper.author.clone())),
                time,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_times() {
        assert_eq!(slug("Any Other Business"), "any-other-business");
        assert_eq!(slug("  Chair's update: Q1 "), "chair-s-update-q1");
        let entry = |minutes| PaperEntrySource { item: Some("x".into()), minutes, ..Default::default() };
        let entries = [entry(Some(15)), entry(None), entry(Some(50))];
        assert_eq!(
            times(&entries, Some(600)),
            [Some("10:00–10:15".to_string()), None, Some("10:15–11:05".to_string())]
        );
        assert_eq!(times(&entries, None)[2].as_deref(), Some("50 minutes"));
    }
}
