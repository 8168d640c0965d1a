//! `panelpaper init DIR`: a starting point — the example meeting (six papers, one of them
//! the reference paper, which reads its figures and Annex A from the meeting's workbook,
//! and its outcomes) and the default templates, ready to edit and build.

use super::Outcome;
use crate::error::Error;
use crate::load::{SchemaKind, editor_schema};
use crate::markdown::EMBEDDED;
use crate::output::{OutputFile, write_all};
use std::path::Path;

/// The schema files `init` writes beside the YAML.
const PAPER_SCHEMA: &str = "paper.schema.json";
const MEETING_SCHEMA: &str = "meeting.schema.json";
const OUTCOMES_SCHEMA: &str = "outcomes.schema.json";

/// The example meeting, as shipped in `data/meetings/secp-78/`.
const EXAMPLE: &[(&str, &str)] = &[
    ("meeting.yaml", include_str!("../../data/meetings/secp-78/meeting.yaml")),
    ("minutes.yaml", include_str!("../../data/meetings/secp-78/minutes.yaml")),
    ("mp-revocation.yaml", include_str!("../../data/meetings/secp-78/mp-revocation.yaml")),
    ("security-update.yaml", include_str!("../../data/meetings/secp-78/security-update.yaml")),
    ("budget.yaml", include_str!("../../data/meetings/secp-78/budget.yaml")),
    ("dcc-reporting.yaml", include_str!("../../data/meetings/secp-78/dcc-reporting.yaml")),
    ("forward-plan.yaml", include_str!("../../data/meetings/secp-78/forward-plan.yaml")),
    ("outcomes.yaml", include_str!("../../data/meetings/secp-78/outcomes.yaml")),
];

/// The workbook the DCC Reporting paper reads (`examples/dcc_workbook.rs` writes it).
const WORKBOOK: (&str, &[u8]) = ("dcc-reports.xlsx", include_bytes!("../../data/meetings/secp-78/dcc-reports.xlsx"));

pub(super) fn execute(dir: &Path) -> Result<Outcome, Error> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        return Err(Error::Usage(format!(
            "{} is not empty: init only writes into a new or empty folder",
            dir.display()
        )));
    }
    // Each YAML file names its schema for the YAML language server (VS Code and others).
    let schema_of = |name: &str| match name {
        "meeting.yaml" => MEETING_SCHEMA,
        "outcomes.yaml" => OUTCOMES_SCHEMA,
        _ => PAPER_SCHEMA,
    };
    let mut files: Vec<OutputFile> = EXAMPLE
        .iter()
        .map(|(name, text)| {
            let text = format!("# yaml-language-server: $schema={}\n{text}", schema_of(name));
            OutputFile { path: dir.join(name), bytes: text.into_bytes() }
        })
        .collect();
    files.push(OutputFile { path: dir.join(WORKBOOK.0), bytes: WORKBOOK.1.to_vec() });
    let schemas = [
        (PAPER_SCHEMA, SchemaKind::Paper),
        (MEETING_SCHEMA, SchemaKind::Meeting),
        (OUTCOMES_SCHEMA, SchemaKind::Outcomes),
    ];
    for (name, kind) in schemas {
        let schema = serde_json::to_string_pretty(&editor_schema(kind)).expect("a schema serialises") + "\n";
        files.push(OutputFile { path: dir.join(name), bytes: schema.into_bytes() });
    }
    let papers: Vec<&str> =
        EXAMPLE.iter().map(|(name, _)| *name).filter(|n| !matches!(*n, "meeting.yaml" | "outcomes.yaml")).collect();
    let settings = serde_json::json!({
        "yaml.schemas": {
            format!("./{MEETING_SCHEMA}"): ["meeting.yaml"],
            format!("./{OUTCOMES_SCHEMA}"): ["outcomes.yaml"],
            format!("./{PAPER_SCHEMA}"): papers,
        },
        "yaml.validate": true,
        "yaml.completion": true,
    });
    let settings = serde_json::to_string_pretty(&settings).expect("settings serialise") + "\n";
    files.push(OutputFile { path: dir.join(".vscode/settings.json"), bytes: settings.into_bytes() });
    files.extend(
        EMBEDDED
            .iter()
            .map(|(name, text)| OutputFile { path: dir.join("templates").join(name), bytes: text.as_bytes().to_vec() }),
    );
    write_all(&files)?;
    let manifest = dir.join("meeting.yaml");
    // On stderr like every command's summary, so that -q silences it.
    let summary = format!(
        "wrote the example meeting (its workbook too), the default templates and editor schemas to {}",
        dir.display()
    );
    let next = format!(
        "build it with: panelpaper build {} -o out (it uses the templates in {}, beside the manifest)",
        manifest.display(),
        dir.join("templates").display()
    );
    let written = files.iter().map(|f| f.path.clone()).collect();
    Ok(Outcome { summary: Some(summary), notes: vec![next], written, ..Outcome::default() })
}
