//! The paper's `data`: every entry has a value, and a class is given in one shape only, on
//! a whole top-level entry, so that no classified value can print as ordinary data.

use super::{fields, text};
use crate::diagnostic::{Diagnostics, Kind};
use crate::load::{Loaded, PaperSource};
use serde_yaml::Value;

/// Every problem of the paper's `data`: an entry with no value, a class that is not one,
/// and a class given anywhere but as `name: {value: …, classification: …}`.
pub(super) fn check(loaded: &Loaded<PaperSource>, problems: &mut Diagnostics) {
    for (name, value) in &loaded.value.data {
        let path = format!("data.{name}");
        if !text::templatable(value) {
            let message = format!("`data.{name}` has a key read as a number or as nothing, not as text");
            let d = loaded.error_at(Kind::WrongType, &path, message);
            problems.push(d.with_hint("quote the key (`\"1.5\": …`): a template names keys by their text"));
            continue;
        }
        let inner = match text::classified_entry(value) {
            Some((inner, class)) => {
                fields::class(loaded, &format!("{path}.classification"), class, problems);
                inside(loaded, &format!("{path}.value"), inner, problems);
                inner
            }
            None => {
                if let Some(key) = class_key(value) {
                    problems.push(
                        loaded
                            .error_at(
                                Kind::DataClassShape,
                                &format!("{path}.{key}"),
                                format!("`data.{name}` gives a class, but not as `{{value: …, classification: …}}`"),
                            )
                            .with_hint("write exactly the two keys `value` and `classification`, in small letters, with a class name"),
                    );
                } else {
                    inside(loaded, &path, value, problems);
                }
                value
            }
        };
        if inner.is_null() {
            problems.push(
                loaded
                    .error_at(Kind::EmptyData, &path, format!("`data.{name}` has no value"))
                    .with_hint("give it a value, or remove it"),
            );
        }
    }
}

/// A mapping's key that names a class, in any case.
fn class_key(value: &Value) -> Option<&str> {
    value.as_mapping()?.keys().filter_map(Value::as_str).find(|k| k.trim().eq_ignore_ascii_case("classification"))
}

/// A class inside an entry's value (in a list, a mapping, at any depth) is refused: only a
/// whole entry carries one.
fn inside(loaded: &Loaded<PaperSource>, path: &str, value: &Value, problems: &mut Diagnostics) {
    match value {
        Value::Mapping(map) => {
            if let Some(key) = class_key(value) {
                problems.push(
                    loaded
                        .error_at(
                            Kind::DataClassShape,
                            &format!("{path}.{key}"),
                            "a class inside a `data` value: only a whole top-level entry has a class of its own",
                        )
                        .with_hint("make the classified value a `data` entry of its own: `name: {value: …, classification: …}`"),
                );
                return;
            }
            for (key, value) in map {
                let key = key.as_str().map_or_else(|| serde_yaml::to_string(key).unwrap_or_default(), str::to_string);
                inside(loaded, &format!("{path}.{}", key.trim()), value, problems);
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                inside(loaded, &format!("{path}[{i}]"), item, problems);
            }
        }
        Value::Tagged(tagged) => inside(loaded, path, &tagged.value, problems),
        _ => {}
    }
}
