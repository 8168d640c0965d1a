//! The shape check: the YAML as data against the JSON Schema of its source type.
//!
//! The jsonschema crate reports every violation with its instance path; we turn each into a
//! diagnostic with the field path, its line, and a suggestion for a misspelt key.

use super::positions::{Positions, join};
use crate::diagnostic::{Diagnostic, Diagnostics, Kind, suggest};
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use schemars::JsonSchema;
use serde_json::Value;
use std::path::Path;

/// The JSON Schema of a source type, as `panelpaper schema` prints it.
pub fn schema_for<T: JsonSchema>() -> Value {
    schemars::schema_for!(T).to_value()
}

pub(super) fn check<T: JsonSchema>(file: &Path, json: &Value, positions: &Positions) -> Diagnostics {
    let schema = schema_for::<T>();
    let validator = jsonschema::validator_for(&schema).expect("the derived schema is valid");
    let mut problems = Diagnostics::default();
    // A misspelt key also makes its correct key "missing": report it once, as the misspelling.
    let mut suggested: Vec<String> = Vec::new();
    for error in validator.iter_errors(json) {
        let path = field_path(error.instance_path());
        let diagnostic = match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    let known = known_keys(&schema, json, &path);
                    let field = join(&path, key);
                    let mut d = Diagnostic::error(Kind::UnknownKey, file, format!("unknown key `{key}`"))
                        .at_field(&field)
                        .at(positions.key(&field));
                    d = match suggest(key, known.iter().map(String::as_str)) {
                        Some(near) => {
                            suggested.push(join(&path, near));
                            d.with_hint(format!("did you mean `{near}`?"))
                        }
                        None => d.with_hint(format!("expected one of: {}", known.join(", "))),
                    };
                    problems.push(d);
                }
                continue;
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                Diagnostic::error(Kind::MissingKey, file, format!("missing required key `{name}`"))
                    .at_field(join(&path, name))
                    .at(positions.nearest(&path))
            }
            ValidationErrorKind::Type { .. } => {
                // The whole file being of the wrong type: it may be any file, never echoed.
                let found = match error.instance().as_ref() {
                    Value::String(_) if path.is_empty() => "text".to_string(),
                    other => describe(other),
                };
                let expected = expected_types(&error.to_string());
                let mut d = Diagnostic::error(Kind::WrongType, file, format!("expected {expected}, found {found}"))
                    .at_field(&path)
                    .at(positions.nearest(&path));
                if expected.contains("string") && found == "a mapping" {
                    d = d.with_hint(
                        "a `: ` inside plain text starts a mapping: quote the text, or write it as a `|` block",
                    );
                } else if expected.contains("string") && !found.contains("string") {
                    d = d.with_hint("quote the value to make it text");
                }
                d
            }
            _ => {
                Diagnostic::error(Kind::BadShape, file, error.to_string()).at_field(&path).at(positions.nearest(&path))
            }
        };
        problems.push(diagnostic);
    }
    problems.0.retain(|d| !(d.kind == Kind::MissingKey && d.field.as_ref().is_some_and(|f| suggested.contains(f))));
    problems.sorted()
}

/// "integer" from jsonschema's `… is not of types "null", "integer"` (null stands for an
/// optional key left out, which is not what the author should be told to write).
fn expected_types(message: &str) -> String {
    let types = message.rsplit(" is not of type").next().unwrap_or(message);
    let types = types.trim_start_matches('s').trim();
    let names: Vec<&str> = types.split(',').map(|t| t.trim().trim_matches('"')).filter(|t| *t != "null").collect();
    names.join(" or ")
}

/// `sections[0].heading` from a JSON pointer's segments.
fn field_path(location: &jsonschema::paths::Location) -> String {
    let mut path = String::new();
    for segment in location.iter() {
        match segment {
            LocationSegment::Property(name) => path = join(&path, &name),
            LocationSegment::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    path
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        // A short value is quoted to show what was read; a long one (or a whole file that is
        // not a paper, which may hold anything) is not echoed into messages.
        Value::String(s) if s.chars().count() <= 40 && !s.contains('\n') => format!("string \"{s}\""),
        Value::String(_) => "text".into(),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

/// The keys allowed in the object at `path`, found by walking the schema alongside the data.
fn known_keys(schema: &Value, data: &Value, path: &str) -> Vec<String> {
    let mut node = schema;
    let mut value = data;
    let segments = path.split(['.', '[']).filter(|s| !s.is_empty());
    for segment in segments {
        node = resolve(schema, node);
        if let Some(index) = segment.strip_suffix(']') {
            node = node.get("items").unwrap_or(node);
            value = value.get(index.parse::<usize>().unwrap_or(0)).unwrap_or(value);
        } else {
            node = node.pointer(&format!("/properties/{segment}")).unwrap_or(node);
            value = value.get(segment).unwrap_or(value);
        }
    }
    let node = resolve(schema, node);
    let mut keys: Vec<String> =
        node.get("properties").and_then(Value::as_object).map(|p| p.keys().cloned().collect()).unwrap_or_default();
    keys.sort();
    keys
}

/// Follows a local `$ref` (schemars puts nested types under `$defs`).
fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference.strip_prefix('#').and_then(|pointer| root.pointer(pointer)).unwrap_or(node),
        None => node,
    }
}
