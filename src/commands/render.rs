//! `panelpaper render PAPER.yaml... [-o DIR] [-f md,pdf]`.
//!
//! Every paper is checked and rendered in memory before anything is written, so one bad
//! paper leaves DIR as it was. With `--edition`, a paper wholly above the edition's class
//! is not rendered at all.

use super::{Environment, Outcome};
use crate::cli::{Format, RenderArgs};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::markdown::Templates;
use crate::output::{OutputFile, write_all};

pub(super) fn execute(args: &RenderArgs, env: &Environment) -> Result<Outcome, Error> {
    let templates = Templates::load(args.output.templates.as_deref())?;
    let (prepared, warnings) = prepare_all(&args.papers, args.output.edition)?;
    let mut files = Vec::new();
    let mut notes = Vec::new();
    for p in &prepared {
        if p.is_withheld() {
            let edition = p.paper.edition.expect("only editions withhold");
            notes.push(format!(
                "{} is classified {}, above the {edition} edition: nothing written for it",
                p.paper.reference, p.paper.classification
            ));
            continue;
        }
        notes.extend(super::marking_note(&p.paper));
        let markdown = crate::pipeline::markdown(&p.paper, &templates)?;
        let stem = args.output.out.join(p.paper.reference.file_stem());
        if args.output.wants(Format::Pdf) {
            let pdf = crate::pipeline::pdf(p, &markdown, env.source_date_epoch)?;
            files.push(OutputFile { path: stem.with_extension("pdf"), bytes: pdf });
        }
        if args.output.wants(Format::Md) {
            files.push(OutputFile { path: stem.with_extension("md"), bytes: markdown.into_bytes() });
        }
    }
    write_all(&files)?;
    let stdout = files.iter().map(|f| format!("wrote {}\n", f.path.display())).collect();
    Ok(Outcome { stdout, notes, warnings, ..Outcome::default() })
}

/// Prepares every file, collecting every file's problems; I/O trouble stops at once.
fn prepare_all(
    files: &[std::path::PathBuf],
    edition: Option<crate::domain::Classification>,
) -> Result<(Vec<crate::pipeline::Prepared>, Diagnostics), Error> {
    let mut prepared = Vec::new();
    let mut problems = Diagnostics::default();
    for file in files {
        match crate::pipeline::prepare_edition(file, edition) {
            Ok(p) => {
                problems.extend(p.warnings.clone());
                prepared.push(p);
            }
            Err(Error::Invalid(d)) => problems.extend(d),
            Err(other) => return Err(other),
        }
    }
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    Ok((prepared, problems))
}
