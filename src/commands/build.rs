//! `panelpaper build MEETING.yaml [-o DIR] [-f md,pdf] [-j N] [--pack]`.
//!
//! Each paper is checked and, if it passes, rendered at once (in parallel, in a rayon pool
//! of N threads), its files written to a staging folder as they are made and its body then
//! freed; once every paper has passed, the paper list and pack are made and all files put
//! in place together. A paper with problems fails the build with every problem of every
//! paper, and a failed build changes nothing in DIR. Outputs do not depend on N: each
//! paper is rendered independently and results are collected in agenda order.

use super::{BuildOptions, Environment, Outcome};
use crate::error::Error;
use crate::layout::Layout;
use crate::markdown::Templates;
use crate::meeting::{self, Meeting};
use crate::output::Staging;
use crate::pipeline::{self, Checks, Prepared, RenderRequest};
use crate::writers::Format;
use std::sync::atomic::{AtomicUsize, Ordering};

pub(super) fn execute(options: &BuildOptions, env: &Environment) -> Result<Outcome, Error> {
    if options.output.out == std::path::Path::new("-") {
        return Err(Error::Usage("build writes a folder of files: -o - is for one output (render, diff)".into()));
    }
    if options.meeting == std::path::Path::new("-") {
        return Err(Error::Usage("build reads a manifest beside its papers: give its path, not -".into()));
    }
    crate::output::check_owned(&options.output.out, options.output.ownership())?;
    if options.pack && !options.output.formats.contains(Format::Pdf) {
        return Err(Error::Usage("--pack needs PDF output: add pdf to -f".into()));
    }
    let templates = Templates::load(options.output.templates.as_deref())?;
    let mut builder = rayon::ThreadPoolBuilder::new();
    let mut notes = Vec::new();
    if let Some(jobs) = options.jobs {
        // More threads than cores only adds switching: capped, and said so.
        let jobs = match env.cores {
            Some(cores) if jobs > cores => {
                notes.push(format!("-j {jobs} is more than the {cores} cores here: using {cores}"));
                cores
            }
            _ => jobs,
        };
        builder = builder.num_threads(jobs.max(1));
    }
    let pool = builder
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {} threads: {e}", options.jobs.unwrap_or(0))))?;
    let mut outcome = pool.install(|| build(options, env, &templates))?;
    notes.append(&mut outcome.notes);
    outcome.notes = notes;
    Ok(outcome)
}

fn build(options: &BuildOptions, env: &Environment, templates: &Templates) -> Result<Outcome, Error> {
    let output = &options.output;
    let request = RenderRequest {
        out: &output.out,
        formats: output.formats,
        source_date_epoch: env.source_date_epoch,
        keep_layout: options.pack,
    };
    // The papers are known only as the manifest is read: each joins the inputs no output
    // may replace when it is rendered.
    let staging = Staging::begin_owned(&output.out, std::slice::from_ref(&options.meeting), output.ownership())?;
    let done = AtomicUsize::new(0);
    // Each paper is rendered as soon as it is checked and its files go to the staging
    // folder at once: the batch holds neither outputs nor paper bodies.
    let render = |p: &Prepared, total: usize| -> Result<(usize, Option<Layout>), Error> {
        staging.add_input(&p.file)?;
        let rendered = pipeline::render(p, templates, &request)?;
        for file in &rendered.files {
            staging.add(file)?;
        }
        if let Some(progress) = &env.progress {
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        }
        Ok((rendered.pages, rendered.layout))
    };
    let (meeting, rendered) = meeting::load_each(
        &options.meeting,
        Checks { edition: output.edition, paged: output.formats.paged() },
        options.allow_outside,
        &render,
    )?;
    // An edition leaves out papers wholly above its class: no file, no pack pages.
    let shown: Vec<&Prepared> = meeting.papers.iter().filter(|p| !p.is_withheld()).collect();
    for file in meeting::index_files(&meeting, templates, output.formats, &output.out, env.source_date_epoch)? {
        staging.add(&file)?;
    }
    let pages: usize = rendered.iter().map(|(pages, _)| pages).sum();
    if options.pack {
        let layouts = shown.iter().zip(rendered).filter_map(|(p, (_, layout))| Some((*p, layout?))).collect();
        staging.add(&meeting::pack_file(&meeting, templates, layouts, &output.out, env.source_date_epoch)?)?;
    }
    // Denied warnings fail the build here, before anything is put in place.
    super::deny_warnings(env, &meeting.warnings)?;
    let committed = staging.commit(&env.write)?;
    Ok(outcome(&meeting, &shown, &committed, pages, options))
}

fn outcome(
    meeting: &Meeting,
    shown: &[&Prepared],
    committed: &crate::output::Committed,
    pages: usize,
    options: &BuildOptions,
) -> Outcome {
    let written = committed.written.clone();
    let pages = if options.output.formats.paged() { format!(" ({pages} pages)") } else { String::new() };
    let summary =
        format!("built {} papers of {}{pages} into {}", shown.len(), meeting.reference, options.output.out.display());
    let notes =
        shown.iter().filter_map(|p| super::marking_note(&p.paper)).chain(super::removed_note(committed)).collect();
    Outcome { written, summary: Some(summary), notes, warnings: meeting.warnings.clone(), ..Outcome::default() }
}
