//! `panelpaper check FILE.yaml... [--templates DIR]`: every problem of every file — papers,
//! and meeting manifests with all their papers — reported in one run; writes nothing.
//!
//! It applies every rule `render` and `build` apply, for the default outputs: the paper's
//! own, the fonts', and the templates' (each paper is rendered to Markdown and laid out,
//! in memory), so that `check` passes exactly what they accept.

use super::{CheckOptions, Environment, Outcome};
use crate::diagnostic::Diagnostics;
use crate::error::Error;
use crate::load::Input;
use crate::markdown::Templates;
use crate::pipeline::{Checks, Prepared};

pub(super) fn execute(options: &CheckOptions, env: &Environment) -> Result<Outcome, Error> {
    let templates = Templates::load(options.templates.as_deref())?;
    let mut problems = Diagnostics::default();
    let mut passed = Vec::new();
    let checks = Checks { allow_outside: options.allow_outside, ..Checks::default() };
    for file in &options.files {
        // A meeting's outcomes are checked with its meeting, against its papers (issue #29).
        let outcomes = file.file_name().is_some_and(|n| n == crate::load::OUTCOMES_FILE);
        let input = match outcomes {
            true => {
                outcomes_meeting(file, options).and_then(|m| crate::load::load(&m).map(|m| Input::Meeting(Box::new(m))))
            }
            false => super::load_input(file, env),
        };
        let checked = match input {
            Ok(Input::Meeting(manifest)) => {
                crate::meeting::prepare(&manifest, checks, options.allow_outside).and_then(|m| {
                    for p in m.papers.iter() {
                        render_in_memory(p, &templates)?;
                    }
                    // The decision log too, in memory, in every format (issue #29).
                    let all = crate::writers::Formats::ALL;
                    crate::meeting::decisions_files(&m, &templates, all, std::path::Path::new(""), None)?;
                    Ok((format!("{}, {} papers", m.reference, m.papers.len()), m.warnings))
                })
            }
            Ok(Input::Paper(paper)) => crate::meeting::prepare_paper(&paper, checks, options.meeting.as_deref())
                .and_then(|p| {
                    render_in_memory(&p, &templates)?;
                    Ok((p.paper.reference.to_string(), p.warnings))
                }),
            Err(error) => Err(error),
        };
        match checked {
            Ok((what, warnings)) => {
                let shown = if file == std::path::Path::new("-") {
                    crate::load::STDIN_NAME.into()
                } else {
                    file.display().to_string()
                };
                passed.push(format!("{shown} ({what})"));
                problems.extend(warnings);
            }
            Err(Error::Invalid(d)) => problems.extend(d),
            Err(other) => return Err(other),
        }
    }
    if problems.has_errors() {
        return Err(Error::Invalid(problems));
    }
    super::deny_warnings(env, &problems)?;
    // A summary like the other commands' (stderr, silenced by -q): stdout stays empty.
    let summary = format!("checked {}: {}", plural(passed.len(), "file"), passed.join(", "));
    Ok(Outcome { summary: Some(summary), warnings: problems, ..Outcome::default() })
}

/// The manifest a meeting's outcomes file belongs to: `--meeting`, or the one beside it.
fn outcomes_meeting(file: &std::path::Path, options: &CheckOptions) -> Result<std::path::PathBuf, Error> {
    let beside = crate::meeting::folder_of(file).join(crate::meeting::MANIFEST_FILE);
    match &options.meeting {
        Some(manifest) => Ok(manifest.clone()),
        None if beside.is_file() => Ok(beside),
        None => Err(Error::Usage(format!(
            "{} is checked with its meeting, and no {} is beside it: give --meeting",
            file.display(),
            crate::meeting::MANIFEST_FILE
        ))),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

/// The paper's Markdown through the templates and every writer, in memory: what would fail
/// to render in any format fails.
fn render_in_memory(prepared: &Prepared, templates: &Templates) -> Result<(), Error> {
    let markdown = templates.render_paper(&prepared.paper)?;
    let dated = crate::writers::Dated { date: prepared.paper.date, source_date_epoch: None, author: None };
    crate::writers::write(crate::writers::Formats::ALL, &markdown, &prepared.file, templates, dated).map(|_| ())
}
