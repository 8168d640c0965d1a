//! The committee's folder of meetings: the folders beside this meeting's whose
//! `meeting.yaml` is a manifest of the same committee, earlier and later ones, and what an
//! earlier meeting's records need of its papers (their recommendations and classes).

use super::{Plan, agenda};
use crate::diagnostic::{Diagnostic, Diagnostics, Kind};
use crate::domain::{Classification, PaperNumber, Verb};
use crate::load::{self, Loaded, MeetingSource, PaperSource};
use crate::model::cycle::{AgendaEntry, RecommendationEntry};
use std::path::{Path, PathBuf};

/// The file name a meeting's manifest has in the committee's folder.
pub const MANIFEST_FILE: &str = "meeting.yaml";

/// The folder a manifest (or any file of a meeting) is in (`.` for a bare file name).
pub fn folder_of(manifest: &Path) -> &Path {
    match manifest.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// The committee's folder: the one that holds this meeting's folder.
pub(crate) fn committee_folder(manifest: &Path) -> Option<PathBuf> {
    let folder = folder_of(manifest).canonicalize().ok()?;
    folder.parent().map(Path::to_path_buf)
}

/// The manifests of the committee's other meetings, in meeting order, each read once: two
/// folders for one meeting are an error (the records could not say which to read), a
/// `meeting.yaml` that does not read is passed over with a warning.
pub(super) fn siblings(plan: &Plan, problems: &mut Diagnostics) -> Vec<Loaded<MeetingSource>> {
    let src = &plan.loaded.value;
    let Some(parent) = committee_folder(&plan.loaded.file) else { return Vec::new() };
    let own = folder_of(&plan.loaded.file).canonicalize().ok();
    // Named as the user named this meeting's folder, so that messages read alike.
    let folder = folder_of(&plan.loaded.file);
    let shown_parent = match folder.parent() {
        _ if folder == Path::new(".") => PathBuf::from(".."),
        Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
        Some(p) => p.to_path_buf(),
        None => parent.clone(),
    };
    let mut names: Vec<std::ffi::OsString> = match std::fs::read_dir(&parent) {
        Ok(entries) => entries.filter_map(|e| e.ok()).map(|e| e.file_name()).collect(),
        Err(_) => return Vec::new(),
    };
    names.sort();
    let mut found: Vec<Loaded<MeetingSource>> = Vec::new();
    for name in names {
        // A hidden folder is no meeting (a draft `next` is still checking).
        if own.as_deref() == Some(parent.join(&name).as_path()) || name.to_string_lossy().starts_with('.') {
            continue;
        }
        let manifest = shown_parent.join(&name).join(MANIFEST_FILE);
        if !manifest.is_file() {
            continue;
        }
        let loaded = match load::load::<MeetingSource>(&manifest) {
            Ok(loaded) => loaded,
            Err(error) => {
                let message = format!(
                    "{} is passed over: it does not read as a manifest ({})",
                    manifest.display(),
                    first_line(&error)
                );
                problems.push(
                    Diagnostic::warning(Kind::CommitteeFolder, &manifest, message)
                        .with_hint("the committee's records count only the meetings whose manifests read: run `panelpaper check` on it"),
                );
                continue;
            }
        };
        if loaded.value.committee != src.committee || loaded.value.meeting == src.meeting {
            continue;
        }
        if let Some(other) = found.iter().find(|f| f.value.meeting == loaded.value.meeting) {
            let message = format!(
                "{} {} is also the meeting of {}: the committee's records cannot tell which to read",
                src.committee,
                loaded.value.meeting,
                other.file.display()
            );
            problems.push(
                loaded
                    .error_at(Kind::CommitteeFolder, "meeting", message)
                    .with_hint("give each meeting of the committee one folder"),
            );
            continue;
        }
        found.push(loaded);
    }
    found.sort_by_key(|l| l.value.meeting);
    found
}

fn first_line(error: &crate::error::Error) -> String {
    match error {
        crate::error::Error::Invalid(d) => d.0.first().map(|d| d.message.clone()).unwrap_or_default(),
        other => other.to_string(),
    }
}

/// An earlier meeting's agenda as its records need it: each paper's recommendations and
/// classes, read from its YAML (the paper was checked when that meeting was built); a
/// paper that does not read is an error, since the classes of its outcomes come from it.
pub(super) fn earlier_entries(plan: &Plan, problems: &mut Diagnostics) -> Vec<AgendaEntry> {
    let mut out = Vec::new();
    for slot in &plan.slots {
        if let Some((title, class)) = &slot.item {
            out.push(item_entry(slot, title, *class));
            continue;
        }
        let Some(entry) = plan.entries.iter().find(|e| e.key == slot.key) else { continue };
        let paper: Loaded<PaperSource> = match load::load(&entry.file) {
            Ok(paper) => paper,
            Err(crate::error::Error::Invalid(d)) => {
                problems.extend(Diagnostics(d.0.into_iter().filter(Diagnostic::is_error).collect()));
                continue;
            }
            Err(other) => {
                let message = format!("cannot read paper {}: {other}", entry.file.display());
                problems.push(plan.loaded.error_at(Kind::UnreadablePaper, &entry.field, message));
                continue;
            }
        };
        let src = &paper.value;
        // A class that does not read is taken as the highest: nothing of it leaks.
        let base = Classification::parse(&src.classification).unwrap_or(Classification::Red);
        let section = src.sections.len() + 1;
        let recommendations = src
            .recommendations
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| RecommendationEntry {
                number: format!("{section}.{}", i + 1),
                verb: Verb::parse(&item.verb).map(Verb::as_str).unwrap_or_default().to_string(),
                text: item.text.trim().to_string(),
                classification: match &item.classification {
                    Some(name) => Classification::parse(name).unwrap_or(Classification::Red),
                    None => base,
                },
            })
            .collect();
        let reference = PaperNumber::new(entry.number).map(|n| plan.reference.paper(n).to_string());
        out.push(AgendaEntry {
            key: entry.key.clone(),
            number: entry.number,
            reference,
            title: src.title.trim().to_string(),
            classification: base,
            recommendations,
        });
    }
    out
}

/// An item without a paper as the records know it.
pub(super) fn item_entry(slot: &agenda::Slot, title: &str, class: Classification) -> AgendaEntry {
    AgendaEntry {
        key: slot.key.clone(),
        number: slot.number,
        reference: None,
        title: title.to_string(),
        classification: class,
        recommendations: Vec::new(),
    }
}
