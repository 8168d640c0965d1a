//! JSON Schemas for editors (draft-07, what the YAML language server of VS Code is built
//! on): the derived shape of papers and manifests, plus what a schema can say of values —
//! enums of classes and verbs (any case, `CLEAR`, `TLP:` forms), the action's form, date,
//! committee and reference patterns, the paper-number range — with descriptions repeated as
//! `markdownDescription` and examples, so mistakes show while typing.
//!
//! The loader's own shape check keeps the plain derived schema: the values are checked by
//! the validators, which say more (a suggestion, the ISO form of a UK date).

use super::{MeetingSource, PaperSource};
use crate::domain::Verb;
use schemars::JsonSchema;
use serde_json::{Map, Value, json};

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// A paper.
    Paper,
    /// A meeting manifest.
    Meeting,
}

/// The editor schema of `kind`.
pub fn editor_schema(kind: SchemaKind) -> Value {
    let (mut schema, title) = match kind {
        SchemaKind::Paper => (draft07::<PaperSource>(), "SEC Panel paper (panelpaper)"),
        SchemaKind::Meeting => (draft07::<MeetingSource>(), "SEC Panel meeting manifest (panelpaper)"),
    };
    refine(&mut schema);
    if let Some(object) = schema.as_object_mut() {
        object.insert("title".into(), json!(title));
    }
    schema
}

fn draft07<T: JsonSchema>() -> Value {
    schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<T>().to_value()
}

/// The values a case-insensitive word may take, as editors suggest them.
fn case_variants(words: &[&str]) -> Vec<Value> {
    let mut out = Vec::new();
    for word in words {
        let title: String =
            word.chars().enumerate().map(|(i, c)| if i == 0 { c } else { c.to_ascii_lowercase() }).collect();
        for variant in [word.to_string(), title, word.to_ascii_lowercase()] {
            if !out.contains(&json!(variant)) {
                out.push(json!(variant));
            }
        }
    }
    out
}

/// Adds value rules to every property the formats share, wherever it appears.
fn refine(node: &mut Value) {
    match node {
        Value::Object(object) => {
            if let Some(Value::Object(properties)) = object.get_mut("properties") {
                for (name, property) in properties.iter_mut() {
                    refine_property(name, property);
                }
            }
            for value in object.values_mut() {
                refine(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(refine),
        _ => {}
    }
}

fn refine_property(name: &str, property: &mut Value) {
    let Some(object) = property.as_object_mut() else { return };
    let nullable = matches!(object.get("type"), Some(Value::Array(types)) if types.contains(&json!("null")));
    let enumerate = |object: &mut Map<String, Value>, mut values: Vec<Value>| {
        if nullable {
            values.push(Value::Null);
        }
        object.insert("enum".into(), Value::Array(values));
    };
    match name {
        "classification" => {
            let mut classes = case_variants(&["WHITE", "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]);
            classes.extend(
                ["TLP:WHITE", "TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"].map(|c| json!(c)),
            );
            enumerate(object, classes);
        }
        "verb" => {
            let verbs: Vec<&str> = Verb::ALL.iter().map(|v| v.as_str()).collect();
            enumerate(object, case_variants(&verbs));
        }
        "action" => {
            // The usual three are suggested; any other `For …` action is kept as written.
            object.insert(
                "anyOf".into(),
                json!([
                    { "enum": ["For Decision", "For Information", "For Discussion"] },
                    { "type": "string", "pattern": "^[Ff][Oo][Rr] \\S" }
                ]),
            );
        }
        "date" | "meeting_date" => {
            object.insert("pattern".into(), json!("^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$"));
            object.insert("examples".into(), json!(["2020-03-13"]));
        }
        "committee" => {
            object.insert("pattern".into(), json!("^[A-Z][A-Z0-9]{1,9}$"));
            object.insert("examples".into(), json!(["SECP", "SSC", "OPSG"]));
        }
        "reference" => {
            object.insert("pattern".into(), json!("^[A-Z][A-Z0-9]{1,9}_\\d+_\\d{4}_\\d{2}$"));
            object.insert("examples".into(), json!(["SECP_78_1303_29"]));
        }
        "number" => {
            object.insert("minimum".into(), json!(1));
            object.insert("maximum".into(), json!(99));
        }
        "meeting" | "first_number" => {
            object.insert("minimum".into(), json!(1));
        }
        _ => {}
    }
    if let Some(description) = object.get("description").cloned() {
        object.insert("markdownDescription".into(), description);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schemas_are_draft_07_with_value_rules() {
        for kind in [SchemaKind::Paper, SchemaKind::Meeting] {
            let schema = editor_schema(kind);
            assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
            let text = schema.to_string();
            for rule in ["\"AMBER+STRICT\"", "\"clear\"", "\"pattern\"", "markdownDescription"] {
                assert!(text.contains(rule), "{kind:?} has {rule}");
            }
        }
        let paper = editor_schema(SchemaKind::Paper);
        assert_eq!(paper["properties"]["number"]["maximum"], 99);
        assert!(paper.to_string().contains("\"AGREE\""));
    }
}
