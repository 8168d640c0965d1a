//! The shape check: the YAML as data against the JSON Schema of its source type.
//!
//! The schema schemars derives is walked alongside the data here, every violation reported
//! with its field path: an unknown key with a suggestion, a missing key, a wrong type. The
//! derived schema uses few keywords (`$ref`, `type`, `properties`, `required`,
//! `additionalProperties`, `items`, `anyOf`/`oneOf`/`allOf`, `enum`, `minimum`,
//! `maximum`), so a walker of our own does what the jsonschema crate did, which with its
//! regex engines was a fifth of the binary's code and ran only on files already refused.

use super::positions::{Positions, join};
use crate::diagnostic::{Diagnostic, Diagnostics, Kind, suggest};
use schemars::JsonSchema;
use serde_json::Value;
use std::path::Path;

/// The JSON Schema of a source type, as `panelpaper schema` prints it.
pub fn schema_for<T: JsonSchema>() -> Value {
    schemars::schema_for!(T).to_value()
}

/// One way the data breaks the schema, at a field path.
enum Violation<'a> {
    /// Keys the object has but its schema does not, and the keys it does allow (sorted).
    UnknownKeys(Vec<&'a str>, Vec<&'a str>),
    Missing(&'a str),
    /// The types the schema allows, and the value found.
    Type(Vec<&'a str>, &'a Value),
    Other(String),
}

pub(super) fn check<T: JsonSchema>(file: &Path, json: &Value, positions: &Positions) -> Diagnostics {
    let schema = schema_for::<T>();
    let mut violations = Vec::new();
    walk(&schema, &schema, json, String::new(), &mut violations);
    let mut problems = Diagnostics::default();
    // A misspelt key also makes its correct key "missing": report it once, as the misspelling.
    let mut suggested: Vec<String> = Vec::new();
    for (path, violation) in violations {
        let diagnostic = match violation {
            Violation::UnknownKeys(unexpected, known) => {
                for key in unexpected {
                    let field = join(&path, key);
                    let mut d = Diagnostic::error(Kind::UnknownKey, file, format!("unknown key `{key}`"))
                        .at_field(&field)
                        .at(positions.key(&field));
                    d = match suggest(key, known.iter().copied()) {
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
            Violation::Missing(name) => {
                Diagnostic::error(Kind::MissingKey, file, format!("missing required key `{name}`"))
                    .at_field(join(&path, name))
                    .at(positions.nearest(&path))
            }
            Violation::Type(types, value) => {
                // The whole file being of the wrong type: it may be any file, never echoed.
                let found = match value {
                    Value::String(_) if path.is_empty() => "text".to_string(),
                    other => describe(other),
                };
                // Null stands for an optional key left out, which is not what the author
                // should be told to write.
                let expected: Vec<&str> = types.into_iter().filter(|t| *t != "null").collect();
                let expected = expected.join(" or ");
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
            Violation::Other(message) => {
                Diagnostic::error(Kind::BadShape, file, message).at_field(&path).at(positions.nearest(&path))
            }
        };
        problems.push(diagnostic);
    }
    problems.0.retain(|d| !(d.kind == Kind::MissingKey && d.field.as_ref().is_some_and(|f| suggested.contains(f))));
    problems.sorted()
}

/// Every violation of `schema` by `value` at `path` (`root` holds the `$ref` targets).
fn walk<'a>(
    root: &'a Value,
    schema: &'a Value,
    value: &'a Value,
    path: String,
    out: &mut Vec<(String, Violation<'a>)>,
) {
    let schema = resolve(root, schema);
    let Some(schema) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            out.push((path, Violation::Other(format!("{value} is not allowed here"))));
        }
        return;
    };
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        walk(root, part, value, path.clone(), out);
    }
    for keyword in ["anyOf", "oneOf"] {
        let Some(branches) = schema.get(keyword).and_then(Value::as_array) else { continue };
        let failed: Vec<Vec<(String, Violation)>> = branches
            .iter()
            .map(|branch| {
                let mut found = Vec::new();
                walk(root, branch, value, path.clone(), &mut found);
                found
            })
            .collect();
        if failed.iter().any(Vec::is_empty) {
            continue;
        }
        // Where one branch has the value's type (`Option<T>` is T or null), its own
        // violations say what is wrong; otherwise, that none fits.
        let typed: Vec<usize> = (0..branches.len())
            .filter(|&i| !failed[i].iter().any(|(p, v)| p == &path && matches!(v, Violation::Type(..))))
            .collect();
        // Several branches of the value's type (an annex written as a table, or as one
        // panelpaper writes): the one it comes nearest to, when one does, says what is wrong.
        // Nearest: the fewest of its own keys the branch does not know, then the fewest
        // problems in all.
        let weight = |found: &Vec<(String, Violation)>| -> (usize, usize) {
            let unknown = |p: &String, v: &Violation| match v {
                Violation::UnknownKeys(keys, _) if *p == path => keys.len(),
                _ => 0,
            };
            let own = found.iter().map(|(p, v)| unknown(p, v)).sum();
            let all =
                found.iter().map(|(_, v)| if let Violation::UnknownKeys(keys, _) = v { keys.len() } else { 1 }).sum();
            (own, all)
        };
        let nearest = typed.iter().map(|&i| weight(&failed[i])).min();
        let nearest: Vec<usize> = typed.iter().copied().filter(|&i| Some(weight(&failed[i])) == nearest).collect();
        match (typed.as_slice(), nearest.as_slice()) {
            ([only], _) | (_, [only]) => out.extend(failed.into_iter().nth(*only).unwrap_or_default()),
            _ => out.push((
                path.clone(),
                Violation::Other(format!(
                    "{value} is not valid under any of the schemas listed in the '{keyword}' keyword"
                )),
            )),
        }
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.is_empty() && !types.iter().any(|t| has_type(value, t)) {
            out.push((path, Violation::Type(types, value)));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array).filter(|a| !a.contains(value)) {
        out.push((path.clone(), Violation::Other(format!("{value} is not one of {}", Value::Array(allowed.clone())))));
    }
    if let Some(constant) = schema.get("const").filter(|c| *c != value) {
        out.push((path.clone(), Violation::Other(format!("{constant} was expected"))));
    }
    if let Some(number) = value.as_f64() {
        if let Some(minimum) = schema.get("minimum").filter(|m| m.as_f64().is_some_and(|m| number < m)) {
            out.push((path.clone(), Violation::Other(format!("{value} is less than the minimum of {minimum}"))));
        }
        if let Some(maximum) = schema.get("maximum").filter(|m| m.as_f64().is_some_and(|m| number > m)) {
            out.push((path.clone(), Violation::Other(format!("{value} is greater than the maximum of {maximum}"))));
        }
    }
    match value {
        Value::Object(fields) => {
            let properties = schema.get("properties").and_then(Value::as_object);
            for name in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
            {
                if !fields.contains_key(name) {
                    out.push((path.clone(), Violation::Missing(name)));
                }
            }
            let mut unknown = Vec::new();
            for (key, field) in fields {
                match properties.and_then(|p| p.get(key)) {
                    Some(property) => walk(root, property, field, join(&path, key), out),
                    None => match schema.get("additionalProperties") {
                        Some(Value::Bool(false)) => unknown.push(key.as_str()),
                        Some(extra) => walk(root, extra, field, join(&path, key), out),
                        None => {}
                    },
                }
            }
            if !unknown.is_empty() {
                let mut known: Vec<&str> = properties.into_iter().flat_map(|p| p.keys()).map(String::as_str).collect();
                known.sort_unstable();
                out.push((path, Violation::UnknownKeys(unknown, known)));
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    walk(root, item_schema, item, format!("{path}[{i}]"), out);
                }
            }
        }
        _ => {}
    }
}

/// Whether `value` is of JSON Schema type `name` (an integer is a number without fraction).
fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0),
        _ => true,
    }
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

/// Follows local `$ref`s (schemars puts nested types under `$defs`).
fn resolve<'a>(root: &'a Value, mut node: &'a Value) -> &'a Value {
    // Bounded: a schema whose references went round would otherwise never end.
    for _ in 0..32 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(reference) => match reference.strip_prefix('#').and_then(|pointer| root.pointer(pointer)) {
                Some(target) => node = target,
                None => return node,
            },
            None => return node,
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use crate::load::{PaperSource, parse};
    use std::path::Path;

    const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.yaml");

    /// `(code, field, message)` of every problem `yaml` has.
    fn problems(yaml: &str) -> Vec<(String, String, String)> {
        let diagnostics = match parse::<PaperSource>(Path::new("p.yaml"), yaml) {
            Ok(loaded) => loaded.shape,
            Err(diagnostics) => diagnostics,
        };
        diagnostics
            .0
            .iter()
            .map(|d| (d.kind.code().to_string(), d.field.clone().unwrap_or_default(), d.message.clone()))
            .collect()
    }

    fn has(found: &[(String, String, String)], code: &str, field: &str, message: &str) -> bool {
        found.iter().any(|(c, f, m)| c == code && f == field && m.contains(message))
    }

    #[test]
    fn unknown_keys_missing_keys_and_wrong_types_are_found_at_any_depth() {
        let yaml = MINIMAL
            .replace("meeting: 95", "meeting: ninety-five")
            .replace("  - heading: Detail\n", "  - heading: Detail\n    bodyy: x\n")
            .replace("    - verb: note\n", "    - verb: [note]\n")
            .replace("  - title: Metrics\n", "  - titel: Metrics\n");
        let found = problems(&yaml);
        assert!(has(&found, "PP005", "meeting", "expected integer, found string \"ninety-five\""), "{found:?}");
        assert!(has(&found, "PP003", "sections[1].bodyy", "unknown key `bodyy`"), "{found:?}");
        assert!(has(&found, "PP005", "recommendations.items[0].verb", "expected string, found a list"), "{found:?}");
        assert!(has(&found, "PP003", "annexes[0].titel", "unknown key `titel`"), "{found:?}");
        // Reported once, as the misspelling, not also as `title` missing.
        assert!(!found.iter().any(|(c, f, _)| c == "PP004" && f == "annexes[0].title"), "{found:?}");
    }

    #[test]
    fn an_optional_value_is_checked_as_its_type_and_bounds_hold() {
        let found = problems(&MINIMAL.replace("number: 7", "number: -7"));
        assert!(has(&found, "PP006", "number", "-7 is less than the minimum of 0"), "{found:?}");
        let found = problems(&MINIMAL.replace("number: 7", "number: 7.5"));
        assert!(has(&found, "PP005", "number", "expected integer, found number `7.5`"), "{found:?}");
        let found =
            problems(&MINIMAL.replace("  lead_in: \"The Sub-Committee is requested to:\"\n", "  lead_in: [1]\n"));
        assert!(has(&found, "PP005", "recommendations.lead_in", "expected string, found a list"), "{found:?}");
    }

    #[test]
    fn a_row_that_is_neither_cells_nor_a_classified_row_says_so() {
        let found = problems(&MINIMAL.replace("      - [\"1\", \"Incidents | open\", \"4\"]", "      - 42"));
        assert!(has(&found, "PP006", "annexes[0].rows[0]", "42 is not valid under any of the schemas"), "{found:?}");
        let found = problems(&MINIMAL.replace(
            "      - [\"1\", \"Incidents | open\", \"4\"]",
            "      - cells: [\"1\", \"2\", \"3\"]\n        clasification: AMBER",
        ));
        assert!(has(&found, "PP003", "annexes[0].rows[0].clasification", "unknown key"), "{found:?}");
    }
}
