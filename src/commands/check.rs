//! `panelpaper check FILE.yaml...`: every problem of every file — papers, and meeting
//! manifests with all their papers — reported in one run; writes nothing.

use super::Outcome;
use crate::cli::CheckArgs;
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::load::is_meeting_manifest;

pub(super) fn execute(args: &CheckArgs) -> Result<Outcome, Error> {
    let mut problems = Diagnostics::default();
    let mut stdout = String::new();
    for file in &args.files {
        let checked = if is_meeting_manifest(file)? {
            crate::meeting::load(file, None)
                .map(|m| (format!("{}, {} papers", m.reference, m.papers.len()), m.warnings))
        } else {
            crate::pipeline::prepare(file).map(|p| (p.paper.reference.to_string(), p.warnings))
        };
        match checked {
            Ok((what, warnings)) => {
                stdout.push_str(&format!("ok: {} ({what})\n", file.display()));
                problems.extend(warnings);
            }
            Err(Error::Invalid(d)) => problems.extend(d),
            Err(other) => return Err(other),
        }
    }
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    Ok(Outcome { stdout, warnings: problems, ..Outcome::default() })
}
