//! Cross-references inside a paper: each part's `id` checked (a name, given once), and
//! `{{ ref(id="…") }}` in author text, which prints the part's number as the model gives it
//! ([`crate::model::refs`]) as a link to its anchor, or only the number where the edition
//! withholds the part.

use crate::diagnostic::{Diagnostic, Diagnostics, Kind, suggest};
use crate::domain::Classification;
use crate::domain::edition::withholds;
use crate::load::{Loaded, PaperSource, SectionSource};
use crate::model::refs::{RowMiss, Target, Targets};
use std::collections::BTreeMap;
use std::sync::Arc;
use tera::{Kwargs, State, Tera, TeraResult};

/// Starts the message of a failed `ref`, so that the text engine reports it as PP140 or
/// PP143; the hint follows [`HINT`].
pub(super) const FAILED: &str = "ref: ";
/// Separates a failed `ref`'s message from its hint.
pub(super) const HINT: char = '\u{1f}';

/// Each `id` of `src`: a name, and not an earlier part's.
pub(super) fn check_ids(loaded: &Loaded<PaperSource>, problems: &mut Diagnostics) {
    let src = &loaded.value;
    let mut ids: Vec<(String, Option<&str>)> = Vec::new();
    fn sections<'a>(list: &'a [SectionSource], path: &str, out: &mut Vec<(String, Option<&'a str>)>) {
        for (i, s) in list.iter().enumerate() {
            out.push((format!("{path}[{i}].id"), s.id.as_deref()));
            sections(&s.subsections, &format!("{path}[{i}].subsections"), out);
        }
    }
    sections(&src.sections, "sections", &mut ids);
    for (i, item) in src.recommendations.items.iter().enumerate() {
        ids.push((format!("recommendations.items[{i}].id"), item.id.as_deref()));
    }
    for (i, a) in src.attachments.iter().enumerate() {
        ids.push((format!("attachments[{i}].id"), a.id.as_deref()));
    }
    for (i, a) in src.annexes.iter().enumerate() {
        ids.push((format!("annexes[{i}].id"), a.id.as_deref()));
    }
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (path, id) in &ids {
        let Some(id) = id else { continue };
        if !is_name(id) {
            problems.push(
                loaded
                    .error_at(Kind::BadId, path, format!("`{id}` is not an id"))
                    .with_hint("an id is letters, digits, `-` and `_`, starting with a letter: `supplier-findings`"),
            );
        } else if let Some(first) = seen.get(id) {
            let at = loaded.positions().value(first);
            let place = at.map_or_else(|| first.to_string(), |p| format!("{first} (line {})", p.line));
            problems.push(
                loaded
                    .error_at(Kind::DuplicateId, path, format!("the id `{id}` is already given to {place}"))
                    .with_hint("give each part its own id"),
            );
        } else {
            seen.insert(id, path);
        }
    }
}

/// Whether `id` is a name: ASCII letters, digits, `-` and `_`, from a letter, at most 100
/// characters (never a `.`, which row anchors use).
fn is_name(id: &str) -> bool {
    id.len() <= 100
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Registers `ref(id="…", row="…")`: the part's number as a link to its anchor, or only
/// its number where `edition` withholds the part.
pub(super) fn register(tera: &mut Tera, targets: Arc<Targets>, edition: Option<Classification>) {
    tera.register_function("ref", move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
        let id = kwargs.must_get::<String>("id")?;
        let row = kwargs.get::<tera::Value>("row")?.map(|v| match v.as_str() {
            Some(text) => text.to_string(),
            None => v.to_string(),
        });
        let target = match row {
            None => targets.get(&id).ok_or_else(|| unknown(&targets, &id))?,
            Some(key) => targets.row(&id, &key).map_err(|miss| row_miss(&targets, &id, &key, miss))?,
        };
        Ok(printed(target, edition))
    });
}

/// What a reference prints: the part's number, a link to its anchor unless withheld.
fn printed(target: &Target, edition: Option<Classification>) -> String {
    if withholds(edition, target.class) {
        return target.text.clone();
    }
    format!("[{}](#{})", target.text, target.anchor)
}

fn failed(message: String, hint: String) -> tera::Error {
    tera::Error::message(format!("{FAILED}{message}{HINT}{hint}"))
}

fn unknown(targets: &Targets, id: &str) -> tera::Error {
    let hint = match suggest(id, targets.ids()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if targets.ids().next().is_none() => "no part of the paper has an `id`: give the part one".into(),
        None => format!("the paper's ids are: {}", targets.ids().collect::<Vec<_>>().join(", ")),
    };
    failed(format!("no part of the paper has the id `{id}`"), hint)
}

fn row_miss(targets: &Targets, id: &str, key: &str, miss: RowMiss) -> tera::Error {
    match miss {
        RowMiss::NotAnAnnex if targets.get(id).is_some() => failed(
            format!("`{id}` is not an annex: only an annex's rows are referred to by `row`"),
            format!("write `ref(id=\"{id}\")`"),
        ),
        RowMiss::NotAnAnnex => unknown(targets, id),
        RowMiss::Several => failed(
            format!("several rows of annex `{id}` have the first cell `{key}`"),
            "make the rows' first cells tell them apart".into(),
        ),
        RowMiss::NoRow(keys) => {
            let hint = match suggest(key, keys.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("its rows' first cells are: {}", keys.join(", ")),
            };
            failed(format!("no row of annex `{id}` has the first cell `{key}`"), hint)
        }
    }
}

/// A failed `ref`'s diagnostic, from Tera's `message`, or `None` for any other failure.
pub(super) fn diagnostic(loaded: &Loaded<PaperSource>, field: &str, message: &str) -> Option<Diagnostic> {
    let at = message.find(FAILED)?;
    let rest = &message[at + FAILED.len()..];
    let (text, hint) = rest.split_once(HINT).unwrap_or((rest, ""));
    let kind = if text.starts_with("no row") || text.starts_with("several rows") {
        Kind::NoSuchRowRef
    } else {
        Kind::UnknownRef
    };
    let diagnostic = loaded.error_at(kind, field, format!("in template text: {text}"));
    Some(if hint.is_empty() { diagnostic } else { diagnostic.with_hint(hint.trim_end()) })
}
