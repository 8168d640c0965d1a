//! `panelpaper build MEETING.yaml [-o DIR] [-f md,pdf] [-j N] [--pack]`: the meeting built
//! by a [`Site`] in a rayon pool of N threads (the outputs do not depend on N).

use super::{BuildOptions, Environment, Outcome};
use crate::error::Error;
use crate::site::{Inputs, Site};

pub(super) fn execute(options: &BuildOptions, env: &Environment) -> Result<Outcome, Error> {
    if options.output.out == std::path::Path::new("-") {
        return Err(Error::Usage("build writes a folder of files: -o - is for one output (render, diff)".into()));
    }
    let mut settings = super::site_settings(&options.output, env);
    settings.pack = options.pack;
    settings.allow_outside = options.allow_outside;
    settings.progress = env.progress.clone();
    let mut site = Site::new(settings, Inputs::Meeting(options.meeting.clone()))?;
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
    let built = pool.install(|| site.build(&[]))?;
    let pages = if options.output.formats.paged() { format!(" ({} pages)", built.pages) } else { String::new() };
    let summary = format!(
        "built {} papers of {}{pages} into {}",
        built.shown,
        built.meeting.as_deref().unwrap_or_default(),
        options.output.out.display()
    );
    notes.extend(built.notes);
    Ok(Outcome {
        written: built.written,
        summary: Some(summary),
        notes,
        warnings: built.warnings,
        ..Outcome::default()
    })
}
