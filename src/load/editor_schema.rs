//! JSON Schemas for editors (draft-07, what the YAML language server of VS Code is built
//! on): the derived shape of papers and manifests, plus what a schema can say of values —
//! one spelling of each class and verb offered (every other spelling the tool accepts, any
//! case, `CLEAR`, `TLP:` forms, still valid), the action's form, date, committee and
//! reference patterns, the paper-number range, one-line fields and headings as the checks
//! read them, no statement author text may not use, sections three levels deep, at least
//! one section and recommendation, no null data value, no control character — with
//! descriptions repeated as `markdownDescription` and examples, so mistakes show while
//! typing. It is valid in ajv's strict mode (tests/schemas.rs), and never refuses what the
//! tool accepts, but for two cases a pattern cannot see: a `{% for %}` inside `{% raw %}`,
//! and a `#`–`###` line inside a fenced code block in a section's body.
//!
//! The loader's own shape check keeps the plain derived schema: the values are checked by
//! the validators, which say more (a suggestion, the ISO form of a UK date).

use super::{MeetingSource, PaperSource};
use crate::domain::{Classification, Verb};
use schemars::JsonSchema;
use serde_json::{Map, Value, json};

/// Which file a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// A paper.
    Paper,
    /// A meeting manifest.
    Meeting,
    /// A meeting's outcomes (`outcomes.yaml`).
    Outcomes,
}

/// The editor schema of `kind`.
pub fn editor_schema(kind: SchemaKind) -> Value {
    let (mut schema, title) = match kind {
        SchemaKind::Paper => (draft07::<PaperSource>(), "SEC Panel paper (panelpaper)"),
        SchemaKind::Meeting => (draft07::<MeetingSource>(), "SEC Panel meeting manifest (panelpaper)"),
        SchemaKind::Outcomes => (draft07::<super::OutcomesSource>(), "SEC Panel meeting outcomes (panelpaper)"),
    };
    refine(&mut schema, kind);
    if kind == SchemaKind::Outcomes {
        // A recommendation's outcome written as the word alone: one of the outcomes.
        if let Some(word) = schema.pointer_mut("/definitions/RecommendationOutcomeSource/anyOf/0") {
            refine_property("outcome", word, kind);
        }
    }
    if kind == SchemaKind::Paper {
        limit_section_levels(&mut schema);
        // A plain row is a list of cells (a classified one has `cells`, refined by name).
        if let Some(row) = schema.pointer_mut("/definitions/RowSource/anyOf/0/items") {
            *row = cell();
        }
    }
    no_control_characters(&mut schema);
    strict(&mut schema);
    if let Some(object) = schema.as_object_mut() {
        object.insert("title".into(), json!(title));
    }
    schema
}

fn draft07<T: JsonSchema>() -> Value {
    schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<T>().to_value()
}

/// What the loader refuses in any value: C0 controls but tab and line breaks, DEL, C1
/// controls, U+FFFE and U+FFFF (`guard::is_control`), as a regex character range.
const CONTROL: &str = r"\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF";

/// A lookahead refusing any `{% … %}` statement but those author text may use (`if` and
/// its branches; `raw`), as `validate::text` does.
const STATEMENTS: &str = r"(?![\s\S]*\{%[\s-]*(?![\s-])(?!(?:if|elif|else|endif|raw|endraw)\b))";

/// The rest of a one-line field, as `validate::structure::single_line` reads it trimmed:
/// no leading `#`, no line break, at most 1,000 characters.
const ONE_LINE: &str = r"(?!\s*#)\s*(?:[^\n\r]{0,999}\S)?\s*$";

/// A lookahead refusing an ATX heading of level 1 to `levels` on any line.
fn no_heading(levels: u8) -> String {
    format!("(?![\\s\\S]*(?:^|\\n) {{0,3}}#{{1,{levels}}}(?:[ \\t]|\\r?\\n|$))")
}

/// An annex cell's rules: no statement, and no heading (`validate::structure::cell` refuses
/// every heading, and the code blocks one could hide in).
fn cell() -> Value {
    json!({ "type": "string", "pattern": pattern(&format!("{STATEMENTS}{}", no_heading(6))) })
}

/// A pattern that starts with the rules of every value: no control character.
fn pattern(rest: &str) -> Value {
    json!(format!("^(?![\\s\\S]*[{CONTROL}]){rest}"))
}

/// `word` in any case, as a regex (`Verb::parse` and `Classification::parse` ignore case).
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            c if c.is_ascii_alphabetic() => format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase()),
            '+' => "[+ _]".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// One spelling of each value for editors to offer (`offered`), while every spelling the
/// tool accepts (`accepted`, a regex of the alternatives) stays valid.
fn one_spelling(object: &mut Map<String, Value>, offered: Vec<Value>, accepted: &str) {
    let accepted = format!("^\\s*(?:{accepted})\\s*$");
    object.insert("anyOf".into(), json!([{ "enum": offered }, { "pattern": accepted }]));
}

/// Adds value rules to every property the formats share, wherever it appears.
fn refine(node: &mut Value, kind: SchemaKind) {
    match node {
        Value::Object(object) => {
            if let Some(Value::Object(properties)) = object.get_mut("properties") {
                for (name, property) in properties.iter_mut() {
                    refine_property(name, property, kind);
                }
            }
            for value in object.values_mut() {
                refine(value, kind);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| refine(item, kind)),
        _ => {}
    }
}

fn refine_property(name: &str, property: &mut Value, kind: SchemaKind) {
    let Some(object) = property.as_object_mut() else { return };
    let date = "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])";
    let paper = kind == SchemaKind::Paper;
    match name {
        "classification" => {
            let classes = [
                Classification::White,
                Classification::Green,
                Classification::Amber,
                Classification::AmberStrict,
                Classification::Red,
            ];
            let offered = classes.iter().map(|c| json!(c.name())).collect();
            let names = ["WHITE", "CLEAR", "GREEN", "AMBER+STRICT", "AMBER", "RED"].map(any_case).join("|");
            one_spelling(object, offered, &format!("(?:{}:)?(?:{names})", any_case("TLP")));
        }
        "verb" => {
            let offered = Verb::ALL.iter().map(|v| json!(v.as_str())).collect();
            let accepted: Vec<String> = Verb::ALL.iter().map(|v| any_case(v.as_str())).collect();
            one_spelling(object, offered, &accepted.join("|"));
        }
        "action" => {
            // The usual three are suggested; any other `For …` action is kept as written.
            object.insert(
                "anyOf".into(),
                json!([
                    { "enum": ["For Decision", "For Information", "For Discussion"] },
                    { "pattern": "^\\s*[Ff][Oo][Rr] \\s*\\S" }
                ]),
            );
        }
        // The committee's records (outcomes, and the actions a manifest carries).
        "outcome" => {
            let offered = crate::domain::outcome::Decision::ALL.iter().map(|d| json!(d.as_str())).collect();
            let accepted: Vec<String> =
                crate::domain::outcome::Decision::names().map(|d| any_case(d).replace(' ', "[ _-]+")).collect();
            one_spelling(object, offered, &accepted.join("|"));
        }
        "due" => {
            let days = format!("\\d+ {}(?: {})?", any_case("working days?"), any_case("after the meeting"));
            object.insert("pattern".into(), json!(format!("^\\s*(?:{date}|{days})\\s*$")));
            object.insert("examples".into(), json!(["2020-04-14", "20 Working Days"]));
        }
        "owner" => {
            // Looser than the tool (a name is any words here): it never refuses a good owner.
            let org = "[A-Z][A-Z0-9&-]{1,11}";
            let one = format!("(?:[^,()\\n]+ \\({org}\\)|{org})");
            object.insert("pattern".into(), json!(format!("^\\s*{one}(?:(?:, | and ){one})*\\s*$")));
            object.insert("examples".into(), json!(["SECAS", "Holly Burton (SECAS)"]));
        }
        // A part's id, as `validate::refs` reads it.
        "id" if paper => {
            object.insert("pattern".into(), json!("^[A-Za-z][A-Za-z0-9_-]{0,99}$"));
            object.insert("examples".into(), json!(["supplier-findings"]));
        }
        "id" if !paper => {
            object.insert("pattern".into(), json!("^\\s*[A-Z][A-Z0-9]{1,9}/\\d{1,4}\\s*$"));
            object.insert("examples".into(), json!(["SECP78/01"]));
        }
        "closes" => {
            object.insert(
                "items".into(),
                json!({ "type": "string", "pattern": "^\\s*[A-Z][A-Z0-9]{1,9}/\\d{1,4}\\s*$" }),
            );
        }
        "text" | "note" if !paper => {
            object.insert("pattern".into(), pattern(&format!("{STATEMENTS}(?![\\s\\S]*\\{{[{{%#])(?=[\\s\\S]*\\S)")));
        }
        "wording" => {
            object.insert("pattern".into(), pattern(&format!("(?![\\s\\S]*\\{{[{{%#])(?=[\\s\\S]*\\S){ONE_LINE}")));
        }
        "date" | "meeting_date" => {
            object.insert("pattern".into(), json!(format!("^\\s*{date}\\s*$")));
            object.insert("examples".into(), json!(["2020-03-13"]));
        }
        "bank_holidays" => {
            object.insert("items".into(), json!({ "type": "string", "pattern": format!("^\\s*{date}\\s*$") }));
            object.insert("examples".into(), json!([["2028-06-05"]]));
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
        // A paper's author text: one-line fields as `validate::structure` reads them, every
        // text without a statement author text may not use.
        "title" | "author" | "team" | "lead_in" | "description" if paper => {
            object.insert("pattern".into(), pattern(&format!("{STATEMENTS}{ONE_LINE}")));
        }
        "heading" if paper => {
            // Not empty, not numbered, not Recommendations (`validate::check_sections`).
            let recommendations = any_case("recommendations");
            let rules = format!("{STATEMENTS}(?=[\\s\\S]*\\S)(?!\\s*[0-9])(?!\\s*{recommendations}\\s*$){ONE_LINE}");
            object.insert("pattern".into(), pattern(&rules));
        }
        "text" if paper => {
            object.insert("pattern".into(), pattern(&format!("{STATEMENTS}(?=[\\s\\S]*\\S){ONE_LINE}")));
        }
        "body" if paper => {
            // No heading that would take a numbered place (`#` to `###`).
            object.insert("pattern".into(), pattern(&format!("{STATEMENTS}{}", no_heading(3))));
        }
        // Column headings are kept on one line by the cell codec: only statements matter.
        "columns" if paper => {
            object.insert("items".into(), json!({ "type": "string", "pattern": pattern(STATEMENTS) }));
        }
        "cells" if paper => {
            object.insert("items".into(), cell());
        }
        "items" if paper => {
            object.insert("minItems".into(), json!(1));
        }
        "sections" if paper => {
            object.insert("minItems".into(), json!(1));
        }
        "data" if paper => {
            // A value, never null, nor a classified entry's (`validate::check_data_values`).
            let null_entry = json!({
                "type": "object",
                "properties": { "value": { "type": "null" }, "classification": true },
                "required": ["value", "classification"],
                "maxProperties": 2
            });
            object.insert(
                "additionalProperties".into(),
                json!({ "allOf": [{ "not": { "type": "null" } }, { "not": null_entry }] }),
            );
        }
        _ => {}
    }
    if let Some(description) = object.get("description").cloned() {
        object.insert("markdownDescription".into(), description);
    }
}

/// Sections three levels deep at most (3.1.2): the one recursive section definition made
/// three, the third without subsections (`validate` says PP046 of a fourth).
fn limit_section_levels(schema: &mut Value) {
    let Some(definitions) = schema.get_mut("definitions").and_then(Value::as_object_mut) else { return };
    let Some(section) = definitions.get("SectionSource").cloned() else { return };
    let with_subsections = |mut section: Value, next: Option<&str>| {
        let subsections = &mut section["properties"]["subsections"];
        match next {
            Some(next) => subsections["items"] = json!({ "$ref": format!("#/definitions/{next}") }),
            None => {
                let description = "A fourth level has no numbered place: 3.1.2 is the deepest.";
                *subsections = json!({
                    "type": "array",
                    "maxItems": 0,
                    "description": description,
                    "markdownDescription": description
                });
            }
        }
        section
    };
    definitions.insert("SectionSource".into(), with_subsections(section.clone(), Some("Subsection")));
    definitions.insert("Subsection".into(), with_subsections(section.clone(), Some("SubSubsection")));
    definitions.insert("SubSubsection".into(), with_subsections(section, None));
}

/// Every string without a rule of its own refuses what the loader refuses in any value.
fn no_control_characters(node: &mut Value) {
    match node {
        Value::Object(object) => {
            let string = object
                .get("type")
                .is_some_and(|t| t == "string" || t.as_array().is_some_and(|a| a.contains(&json!("string"))));
            let ruled = ["pattern", "enum", "anyOf", "const"].iter().any(|k| object.contains_key(*k));
            if string && !ruled {
                object.insert("pattern".into(), pattern(""));
            }
            object.values_mut().for_each(no_control_characters);
        }
        Value::Array(items) => items.iter_mut().for_each(no_control_characters),
        _ => {}
    }
}

/// What ajv's strict mode asks of a schema: one type per schema (`["string", "null"]`
/// becomes `anyOf` of the two, the rules going with the string), and no format draft-07
/// does not define (schemars writes `uint32`: a minimum says it).
fn strict(node: &mut Value) {
    match node {
        Value::Object(object) => {
            object.values_mut().for_each(strict);
            if let Some(format) = object.get("format").and_then(Value::as_str).map(str::to_string) {
                if format.starts_with("uint") && !object.contains_key("minimum") {
                    object.insert("minimum".into(), json!(0));
                }
                if !matches!(
                    format.as_str(),
                    "date" | "date-time" | "time" | "email" | "uri" | "uri-reference" | "regex"
                ) {
                    object.remove("format");
                }
            }
            let nullable = matches!(object.get("type"), Some(Value::Array(types)) if types.contains(&json!("null")));
            if nullable {
                let Some(Value::Array(types)) = object.remove("type") else { return };
                let types: Vec<Value> = types.into_iter().filter(|t| t != "null").collect();
                let annotations = ["description", "markdownDescription", "examples", "title", "default"];
                let mut rules: Map<String, Value> = object
                    .keys()
                    .filter(|k| !annotations.contains(&k.as_str()))
                    .cloned()
                    .map(|k| {
                        let v = object[&k].clone();
                        (k, v)
                    })
                    .collect();
                object.retain(|k, _| annotations.contains(&k.as_str()));
                let single = if types.len() == 1 { types[0].clone() } else { Value::Array(types) };
                rules.insert("type".into(), single);
                object.insert("anyOf".into(), json!([Value::Object(rules), { "type": "null" }]));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strict),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Action;

    /// A validator of the paper schema's property `name` (at the top, or in the definition
    /// `within`).
    fn property(within: Option<&str>, name: &str) -> jsonschema::Validator {
        let schema = editor_schema(SchemaKind::Paper);
        let at = match within {
            Some(definition) => format!("/definitions/{definition}/properties/{name}"),
            None => format!("/properties/{name}"),
        };
        let mut property = schema.pointer(&at).unwrap_or_else(|| panic!("{at}")).clone();
        property["definitions"] = schema["definitions"].clone();
        jsonschema::draft7::new(&property).unwrap()
    }

    #[test]
    fn the_schemas_are_draft_07_with_value_rules() {
        for kind in [SchemaKind::Paper, SchemaKind::Meeting] {
            let schema = editor_schema(kind);
            assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
            let text = schema.to_string();
            for rule in ["\"AMBER+STRICT\"", "\"pattern\"", "markdownDescription"] {
                assert!(text.contains(rule), "{kind:?} has {rule}");
            }
            // ajv's strict mode: one type per schema, no format draft-07 lacks.
            assert!(!text.contains("\"null\"]") && !text.contains("uint32"), "{kind:?}");
        }
        let paper = editor_schema(SchemaKind::Paper);
        assert_eq!(paper["properties"]["number"]["anyOf"][0]["maximum"], 99);
        assert_eq!(
            paper["properties"]["classification"]["anyOf"][0]["enum"],
            json!(["WHITE", "GREEN", "AMBER", "AMBER+STRICT", "RED"])
        );
    }

    #[test]
    fn classes_verbs_and_actions_are_valid_exactly_when_the_tool_reads_them() {
        let classes = property(None, "classification");
        let words = ["WHITE", "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED", "PURPLE", "AMBERSTRICT"];
        for word in words {
            let lower = word.to_lowercase();
            for spelling in [
                word.to_string(),
                lower.clone(),
                format!("TLP:{word}"),
                format!("tlp:{lower}"),
                format!(" {word} "),
                word.replace('+', " "),
                word.replace('+', "_"),
                word.replace('+', "  "),
                format!("TLP: {word}"),
                format!("{word}!"),
            ] {
                let tool = Classification::parse(&spelling).is_some();
                assert_eq!(classes.is_valid(&json!(spelling)), tool, "class {spelling:?}");
            }
        }
        let verbs = property(Some("RecommendationSource"), "verb");
        for spelling in ["NOTE", "note", "Agree", " approve ", "AGRE", "NOTES", "no te", ""] {
            assert_eq!(verbs.is_valid(&json!(spelling)), Verb::parse(spelling).is_some(), "verb {spelling:?}");
        }
        let actions = property(None, "action");
        for spelling in ["For Decision", "for information", "  FOR  Review", "For ", "Forward", "Decision"] {
            assert_eq!(actions.is_valid(&json!(spelling)), Action::parse(spelling).is_some(), "action {spelling:?}");
        }
    }

    #[test]
    fn one_line_fields_and_headings_are_refused_as_the_checks_refuse_them() {
        let heading = property(Some("SectionSource"), "heading");
        for good in
            ["Purpose", "  Background  ", "Scope — Ελλάδα", "Figures for {{ data.month }}", "Title\n", "C# and #1"]
        {
            assert!(heading.is_valid(&json!(good)), "{good:?}");
        }
        for bad in [
            "# Purpose",
            "  ## Purpose",
            "3. Purpose",
            "Two\nlines",
            "",
            "   ",
            "Recommendations",
            " recommendations ",
            "a\u{7}b",
            "{% for x in y %}",
        ] {
            assert!(!heading.is_valid(&json!(bad)), "{bad:?}");
        }
        assert!(!heading.is_valid(&json!("x".repeat(1001))) && heading.is_valid(&json!("x".repeat(1000))));
        let body = property(Some("SectionSource"), "body");
        assert!(body.is_valid(&json!("Text.\n\n#### A heading without a number\n\n#hashtag\n")));
        assert!(!body.is_valid(&json!("Text.\n\n## 7. Fake\n")) && !body.is_valid(&json!("# Top")));
        assert!(body.is_valid(&json!("{% if data.x %}x{% else %}y{% endif %}{% raw %}{{ }}{% endraw %}")));
        assert!(!body.is_valid(&json!("{%- set x = 1 -%}")));
        let text = property(Some("RecommendationSource"), "text");
        assert!(!text.is_valid(&json!(" ")) && text.is_valid(&json!("the figures.")));
    }
}
