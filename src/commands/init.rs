//! `panelpaper init DIR`: a starting point — the example meeting (six papers, one of them
//! the reference paper) and the default templates, ready to edit and build.

use super::Outcome;
use crate::error::Error;
use crate::markdown::EMBEDDED;
use crate::output::{OutputFile, write_all};
use std::path::Path;

/// The example meeting, as shipped in `data/meetings/secp-78/`.
const EXAMPLE: &[(&str, &str)] = &[
    ("meeting.yaml", include_str!("../../data/meetings/secp-78/meeting.yaml")),
    ("minutes.yaml", include_str!("../../data/meetings/secp-78/minutes.yaml")),
    ("mp-revocation.yaml", include_str!("../../data/meetings/secp-78/mp-revocation.yaml")),
    ("security-update.yaml", include_str!("../../data/meetings/secp-78/security-update.yaml")),
    ("budget.yaml", include_str!("../../data/meetings/secp-78/budget.yaml")),
    ("dcc-reporting.yaml", include_str!("../../data/meetings/secp-78/dcc-reporting.yaml")),
    ("forward-plan.yaml", include_str!("../../data/meetings/secp-78/forward-plan.yaml")),
];

pub(super) fn execute(dir: &Path) -> Result<Outcome, Error> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        return Err(Error::Usage(format!(
            "{} is not empty: init only writes into a new or empty folder",
            dir.display()
        )));
    }
    let mut files: Vec<OutputFile> = EXAMPLE
        .iter()
        .map(|(name, text)| OutputFile { path: dir.join(name), bytes: text.as_bytes().to_vec() })
        .collect();
    files.extend(
        EMBEDDED
            .iter()
            .map(|(name, text)| OutputFile { path: dir.join("templates").join(name), bytes: text.as_bytes().to_vec() }),
    );
    write_all(&files)?;
    let manifest = dir.join("meeting.yaml");
    let stdout = format!(
        "wrote the example meeting and the default templates to {}\nnext: panelpaper build {} --templates {} -o out\n",
        dir.display(),
        manifest.display(),
        dir.join("templates").display()
    );
    Ok(Outcome { stdout, ..Outcome::default() })
}
