//! The editor schemas checked by two independent validators — the `jsonschema` crate in
//! draft-07 mode, and ajv (in node, as the YAML language server's own validator is) in
//! strict mode: every good file passes, every bad fixture whose fault a schema can express
//! fails.

use crate::common::{panelpaper, root, tools};
use std::path::{Path, PathBuf};

fn schema(kind: &str) -> jsonschema::Validator {
    let run = panelpaper(&["schema", kind]);
    assert!(run.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::new(&schema).expect("a valid draft-07 schema")
}

/// The file as the language server sees it: YAML read as JSON values.
fn read(path: &Path) -> Option<serde_json::Value> {
    serde_yaml::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_good_file_passes_its_schema() {
    let (paper, meeting, outcomes) = (schema("paper"), schema("meeting"), schema("outcomes"));
    let mut good = yaml_files("data/meetings/secp-78");
    good.extend(yaml_files("tests/fixtures"));
    good.extend(yaml_files("tests/fixtures/drafts"));
    assert!(good.len() > 12);
    for file in good {
        let validator = match file.file_name().and_then(|n| n.to_str()) {
            Some("meeting.yaml") => &meeting,
            Some("outcomes.yaml") => &outcomes,
            _ => &paper,
        };
        let value = read(&file).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

/// The bad fixtures whose fault a schema can say: an unknown key, a wrong type, a bad class
/// or verb, a date not in YYYY-MM-DD, a number out of range, a heading with a `#` or a line
/// break, a heading in a body or a cell, a fourth level of sections, no recommendation, a
/// null data value, a statement author text may not use. (The rest need the paper's
/// meaning or its Markdown's: a reference that does not match its parts, a template error,
/// a character the fonts lack, a code block left open…; and a key given twice, a YAML
/// syntax error or a raw control character never reach a schema: YAML refuses them first.)
const EXPRESSIBLE: [&str; 16] = [
    "unknown-key",
    "wrong-type",
    "unknown-class",
    "bad-verb",
    "bad-date",
    "uk-date",
    "number-range",
    "heading-hash",
    "body-heading",
    "cell-problems",
    "heading-newline",
    "fourth-level",
    "no-recommendations",
    "null-data",
    "template-loop",
    "many",
];

#[test]
fn the_schema_catches_every_bad_fixture_it_can_express() {
    let paper = schema("paper");
    let caught: Vec<String> = yaml_files("tests/fixtures/bad")
        .iter()
        .filter(|file| read(file).is_some_and(|value| !paper.is_valid(&value)))
        .map(|file| file.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for expressible in EXPRESSIBLE {
        assert!(caught.iter().any(|c| c == expressible), "{expressible} is caught: {caught:?}");
    }
    eprintln!(
        "the paper schema catches {} of {} bad fixtures: {caught:?}",
        caught.len(),
        yaml_files("tests/fixtures/bad").len()
    );
}

/// `value` written as JSON into `dir` as `name`.json.
fn json_file(dir: &Path, name: &str, value: &serde_json::Value) -> PathBuf {
    let file = dir.join(format!("{name}.json"));
    std::fs::write(&file, serde_json::to_vec(value).unwrap()).unwrap();
    file
}

/// ajv's verdict on each document, or `Err` with why it refused the schema.
fn ajv(harness: &Path, schema: &Path, documents: &[PathBuf]) -> Result<Vec<(String, bool)>, String> {
    let run = std::process::Command::new("node")
        .arg(harness.join("schema.mjs"))
        .arg(schema)
        .args(documents)
        .output()
        .expect("node runs");
    if !run.status.success() {
        return Err(String::from_utf8_lossy(&run.stderr).into_owned());
    }
    let answer: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    Ok(answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["file"].as_str().unwrap().to_string(), r["valid"].as_bool().unwrap()))
        .collect())
}

#[test]
fn ajv_in_strict_mode_accepts_both_schemas_passes_every_good_file_and_catches_the_bad_ones() {
    let harness = root().join("tests/browser");
    let ready = tools::tool("node").is_some()
        && tools::ready("tests/browser's npm packages (ajv)", harness.join("node_modules/ajv").exists());
    if !ready {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut schemas = Vec::new();
    for kind in ["paper", "meeting", "outcomes"] {
        let schema: serde_json::Value = serde_json::from_slice(&panelpaper(&["schema", kind]).stdout).unwrap();
        schemas.push(json_file(d, &format!("{kind}.schema"), &schema));
    }
    // Good files: every paper and manifest the repository ships.
    let mut papers = Vec::new();
    let mut manifests = Vec::new();
    let mut outcomes = Vec::new();
    let mut good = yaml_files("data/meetings/secp-78");
    good.extend(yaml_files("tests/fixtures"));
    good.extend(yaml_files("tests/fixtures/drafts"));
    for (i, file) in good.iter().enumerate() {
        let json = json_file(d, &format!("good-{i}"), &read(file).unwrap());
        match file.file_name().and_then(|n| n.to_str()) {
            Some("meeting.yaml") => manifests.push(json),
            Some("outcomes.yaml") => outcomes.push(json),
            _ => papers.push(json),
        }
    }
    for (schema, documents) in [(&schemas[0], &papers), (&schemas[1], &manifests), (&schemas[2], &outcomes)] {
        let verdicts = ajv(&harness, schema, documents).unwrap_or_else(|why| panic!("{why}"));
        assert_eq!(verdicts.len(), documents.len());
        let refused: Vec<&String> = verdicts.iter().filter(|(_, valid)| !valid).map(|(f, _)| f).collect();
        assert!(refused.is_empty(), "ajv refuses good files: {refused:?}");
    }
    // Bad fixtures, as the language server reads them (YAML as JSON values).
    let bad = yaml_files("tests/fixtures/bad");
    let mut readable = Vec::new();
    for file in &bad {
        if let Some(value) = read(file) {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            readable.push((stem.clone(), json_file(d, &format!("bad-{stem}"), &value)));
        }
    }
    let documents: Vec<PathBuf> = readable.iter().map(|(_, f)| f.clone()).collect();
    let verdicts = ajv(&harness, &schemas[0], &documents).unwrap_or_else(|why| panic!("{why}"));
    let caught: Vec<&str> =
        readable.iter().zip(&verdicts).filter(|(_, (_, valid))| !valid).map(|((stem, _), _)| stem.as_str()).collect();
    for expressible in EXPRESSIBLE {
        assert!(caught.contains(&expressible), "ajv catches {expressible}: {caught:?}");
    }
    assert!(caught.len() >= 14, "{caught:?}");
    eprintln!("ajv (strict) catches {} of {} bad fixtures: {caught:?}", caught.len(), bad.len());
}
