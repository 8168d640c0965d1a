//! The editor schemas checked by an independent validator (the `jsonschema` crate in
//! draft-07 mode, as the YAML language server reads them): every good file passes, every
//! bad fixture whose fault a schema can express fails.

use crate::common::{panelpaper, root};
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
    let (paper, meeting) = (schema("paper"), schema("meeting"));
    let mut good = yaml_files("data/meetings/secp-78");
    good.extend(yaml_files("tests/fixtures"));
    good.extend(yaml_files("tests/fixtures/drafts"));
    assert!(good.len() > 12);
    for file in good {
        let validator = if file.ends_with("meeting.yaml") { &meeting } else { &paper };
        let value = read(&file).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

#[test]
fn the_schema_catches_every_bad_fixture_it_can_express() {
    let paper = schema("paper");
    let caught: Vec<String> = yaml_files("tests/fixtures/bad")
        .iter()
        .filter(|file| read(file).is_some_and(|value| !paper.is_valid(&value)))
        .map(|file| file.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    // An unknown key, a wrong type, a bad class, action or verb, a date not in YYYY-MM-DD,
    // a number out of range: what a schema can say. (The rest need the paper's meaning:
    // a reference that does not match, a heading that numbers itself, a template error…)
    for expressible in ["unknown-key", "wrong-type", "unknown-class", "bad-verb", "bad-date", "uk-date", "number-range"]
    {
        assert!(caught.iter().any(|c| c == expressible), "{expressible} is caught: {caught:?}");
    }
    eprintln!(
        "the paper schema catches {} of {} bad fixtures: {caught:?}",
        caught.len(),
        yaml_files("tests/fixtures/bad").len()
    );
}
