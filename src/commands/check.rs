//! `panelpaper check FILE.yaml...`: every problem of every file — papers, and meeting
//! manifests with all their papers — reported in one run; writes nothing.

use super::{CheckOptions, Outcome};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::load::{Input, load_input};
use crate::pipeline::Checks;

pub(super) fn execute(options: &CheckOptions) -> Result<Outcome, Error> {
    let mut problems = Diagnostics::default();
    let mut stdout = String::new();
    for file in &options.files {
        let checked = match load_input(file) {
            Ok(Input::Meeting(manifest)) => {
                crate::meeting::prepare(&manifest, Checks::default(), options.allow_outside)
                    .map(|m| (format!("{}, {} papers", m.reference, m.papers.len()), m.warnings))
            }
            Ok(Input::Paper(paper)) => crate::pipeline::prepare_loaded(&paper, None, None, Checks::default())
                .map(|p| (p.paper.reference.to_string(), p.warnings))
                .map_err(Error::Invalid),
            Err(error) => Err(error),
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
