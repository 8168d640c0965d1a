//! `panelpaper next MEETING.yaml [--date D] [-o DIR]`: the next meeting's folder, drafted
//! from this one (`meeting::next`). It is written into a hidden folder beside the new
//! one, checked there as a build would check it, and renamed into place: the draft's
//! problems (a copied paper citing a paper the new meeting lacks) are reported as warnings
//! to fix, and a folder that is there is never written over.

use super::{Environment, NextOptions, Outcome};
use crate::diagnostic::{Diagnostics, Severity};
use crate::error::Error;
use crate::output::OutputFile;
use crate::pipeline::Checks;
use std::path::{Path, PathBuf};

pub(super) fn execute(options: &NextOptions, env: &Environment) -> Result<Outcome, Error> {
    if options.meeting == Path::new("-") {
        return Err(Error::Usage("next reads a manifest beside its papers: give its path, not -".into()));
    }
    let next = crate::meeting::next::draft(
        &options.meeting,
        options.date.as_deref(),
        options.out.as_deref(),
        options.allow_outside,
    )?;
    let name = next.folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let staged = next.folder.with_file_name(format!(".{name}.next"));
    if staged.exists() {
        return Err(Error::Usage(format!(
            "{} is there, left by a `next` that did not finish: remove it and run again",
            staged.display()
        )));
    }
    let files: Vec<OutputFile> = next
        .files
        .iter()
        .map(|f| OutputFile {
            path: staged.join(f.path.strip_prefix(&next.folder).unwrap_or(&f.path)),
            bytes: f.bytes.clone(),
        })
        .collect();
    crate::output::write_all_with(&files, &env.write)?;
    let checks = Checks { allow_outside: options.allow_outside, ..Checks::default() };
    let result = check_and_place(&staged, &next.folder, checks, env);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staged);
    }
    let (warnings, mut notes) = result?;
    notes.splice(0..0, next.notes);
    let papers = next.papers;
    let summary = format!(
        "drafted {} in {}: its manifest and {papers} recurring paper{}",
        next.reference,
        next.folder.display(),
        if papers == 1 { "" } else { "s" }
    );
    let written = next.files.iter().map(|f| f.path.clone()).collect();
    Ok(Outcome { summary: Some(summary), notes, written, warnings, ..Outcome::default() })
}

/// Checks the draft in `staged` as a build would, then puts it at `folder`: its problems
/// come back as warnings (it is a draft to finish), named at their place in `folder`.
fn check_and_place(
    staged: &Path,
    folder: &Path,
    checks: Checks,
    env: &Environment,
) -> Result<(Diagnostics, Vec<String>), Error> {
    let manifest = staged.join(crate::meeting::MANIFEST_FILE);
    let mut notes = Vec::new();
    let mut problems = match crate::meeting::load(&manifest, checks, checks.allow_outside) {
        Ok(meeting) => meeting.warnings,
        Err(Error::Invalid(problems)) => {
            let errors = problems.0.iter().filter(|d| d.is_error()).count();
            notes.push(format!(
                "the draft has {errors} problem{} to fix before it builds",
                if errors == 1 { "" } else { "s" }
            ));
            problems
        }
        Err(other) => return Err(other),
    };
    let moved =
        |path: &Path| -> PathBuf { path.strip_prefix(staged).map_or_else(|_| path.to_path_buf(), |p| folder.join(p)) };
    for problem in &mut problems.0 {
        problem.severity = Severity::Warning;
        problem.file = moved(&problem.file);
        if let Some(related) = &mut problem.related {
            related.file = moved(&related.file);
        }
    }
    super::deny_warnings(env, &problems)?;
    std::fs::rename(staged, folder).map_err(|source| Error::Io { path: folder.to_path_buf(), source })?;
    Ok((problems, notes))
}
