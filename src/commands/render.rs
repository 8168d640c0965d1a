//! `panelpaper render PAPER.yaml... [-o DIR] [-f md,pdf]`.
//!
//! Every paper is checked and rendered in memory before anything is written, so one bad
//! paper leaves DIR as it was. With `--edition`, a paper whose base class is above the
//! edition is not rendered at all, and the run says so.

use super::{Environment, Outcome, RenderOptions};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::markdown::Templates;
use crate::output::{refuse_inputs, write_folder};
use crate::pipeline::{self, Prepared, RenderRequest};

pub(super) fn execute(options: &RenderOptions, env: &Environment) -> Result<Outcome, Error> {
    let output = &options.output;
    let to_stdout = output.out == std::path::Path::new("-");
    if to_stdout && options.papers.len() != 1 {
        return Err(Error::Usage("-o - writes one output to standard output: give one paper".into()));
    }
    if to_stdout && output.formats.len() != 1 {
        let asked: Vec<&str> = output.formats.writers().map(|w| w.name).collect();
        return Err(Error::Usage(format!(
            "-o - writes one format to standard output, and -f asks for {}: pick one, with -f md, -f pdf, -f html or -f docx",
            asked.join(",")
        )));
    }
    if !to_stdout {
        crate::output::check_folder(&output.out)?;
    }
    let templates = Templates::load(output.templates.as_deref())?;
    let checks = pipeline::Checks { edition: output.edition, paged: output.formats.paged() };
    let (prepared, warnings) = prepare_all(&options.papers, checks, options.meeting.as_deref(), env)?;
    super::deny_warnings(env, &warnings)?;
    // The papers' own problems first; then, before any is laid out, whether the folder is
    // the run's to write.
    if !to_stdout {
        crate::output::check_owned(&output.out, output.ownership())?;
    }
    for (i, p) in prepared.iter().enumerate() {
        if let Some(other) = prepared[..i].iter().find(|o| o.paper.reference == p.paper.reference) {
            return Err(Error::Usage(format!(
                "{} and {} are both paper {}: their outputs would overwrite each other",
                other.file.display(),
                p.file.display(),
                p.paper.reference
            )));
        }
    }
    let request = RenderRequest {
        out: &output.out,
        formats: output.formats,
        source_date_epoch: env.source_date_epoch,
        keep_layout: false,
    };
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
        files.extend(pipeline::render(p, &templates, &request)?.files);
    }
    if to_stdout {
        let bytes = files.pop().map(|f| f.bytes).unwrap_or_default();
        return Ok(Outcome { stdout_bytes: bytes, notes, warnings, ..Outcome::default() });
    }
    refuse_inputs(&files, &options.papers)?;
    let committed = write_folder(&output.out, &files, &options.papers, output.ownership(), &env.write)?;
    notes.extend(super::removed_note(&committed));
    let written = committed.written;
    let papers = prepared.iter().filter(|p| !p.is_withheld()).count();
    let summary = (papers > 0).then(|| {
        format!("rendered {papers} paper{} into {}", if papers == 1 { "" } else { "s" }, options.output.out.display())
    });
    Ok(Outcome { written, summary, notes, warnings, ..Outcome::default() })
}

/// Prepares every file, collecting every file's problems; I/O trouble stops at once.
fn prepare_all(
    files: &[std::path::PathBuf],
    checks: pipeline::Checks,
    meeting: Option<&std::path::Path>,
    env: &Environment,
) -> Result<(Vec<Prepared>, Diagnostics), Error> {
    let mut prepared = Vec::new();
    let mut problems = Diagnostics::default();
    for file in files {
        let result = match super::load_input(file, env)? {
            crate::load::Input::Meeting(_) => {
                return Err(Error::Usage(format!("{} is a meeting: use build", file.display())));
            }
            crate::load::Input::Paper(paper) => crate::meeting::prepare_paper(&paper, checks, meeting),
        };
        match result {
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
