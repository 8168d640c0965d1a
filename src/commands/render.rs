//! `panelpaper render PAPER.yaml... [-o DIR|-] [-f md,pdf]`: the papers built by a
//! [`Site`] into DIR (every paper checked before any is laid out, so one bad paper leaves
//! DIR as it was), or one paper in one format to standard output.

use super::{Environment, Outcome, RenderOptions};
use crate::error::Error;
use crate::site::{Inputs, Site};

pub(super) fn execute(options: &RenderOptions, env: &Environment) -> Result<Outcome, Error> {
    let output = &options.output;
    let to_stdout = output.out == std::path::Path::new("-");
    if to_stdout && options.papers.len() != 1 {
        return Err(Error::Usage("-o - writes one output to standard output: give one paper".into()));
    }
    if to_stdout && output.formats.len() != 1 {
        let asked: Vec<&str> = output.formats.writers().map(|w| w.name).collect();
        let mut names: Vec<String> = crate::writers::WRITERS.iter().map(|w| format!("-f {}", w.name)).collect();
        let last = names.pop().unwrap_or_default();
        return Err(Error::Usage(format!(
            "-o - writes one format to standard output, and -f asks for {}: pick one, with {} or {last}",
            asked.join(","),
            names.join(", ")
        )));
    }
    let mut settings = super::site_settings(output, env);
    settings.meeting = options.meeting.clone();
    settings.allow_outside = options.allow_outside;
    let mut site = Site::new(settings, Inputs::Papers(options.papers.clone()))?;
    if to_stdout {
        let (built, mut files) = site.build_in_memory()?;
        let bytes = files.pop().map(|f| f.bytes).unwrap_or_default();
        return Ok(Outcome { stdout_bytes: bytes, notes: built.notes, warnings: built.warnings, ..Outcome::default() });
    }
    let built = site.build(&[])?;
    let papers = built.shown;
    let summary = (papers > 0).then(|| {
        format!("rendered {papers} paper{} into {}", if papers == 1 { "" } else { "s" }, output.out.display())
    });
    Ok(Outcome { written: built.written, summary, notes: built.notes, warnings: built.warnings, ..Outcome::default() })
}
