//! `panelpaper diff OLD NEW [-f text|md|pdf|html|docx] [-o FILE] [--edition CLASS] [--author NAME]`: exit 0 when the
//! drafts are the same, 1 when they differ, 2 on trouble (as diff(1)).
//!
//! With `--edition`, both drafts are first reduced to that edition and only what it shows
//! is compared: a paper the edition leaves out whole is named by its reference and nothing
//! else, and the exit code says only whether the two editions differ.

use super::{DiffFormat, DiffOptions, Environment, Outcome};
use crate::diff::Marks;
use crate::diff::paper::{Labels, file_label};
use crate::error::Error;
use crate::load::{Input, Loaded, PaperSource};
use crate::markdown::Templates;
use crate::meeting;
use crate::output::{OutputFile, refuse_inputs, write_all_with};
use crate::pipeline;
use crate::writers::{self, Formats};

pub(super) fn execute(args: &DiffOptions, env: &Environment) -> Result<Outcome, Error> {
    // Bytes for a reader, not text for a terminal, go to a file (or `-o -` on purpose).
    if matches!(args.format, DiffFormat::Redline(f) if !f.writer().text) && args.out.is_none() {
        return Err(Error::Usage(format!("a {} comparison needs -o FILE", args.format_name())));
    }
    let templates = Templates::load(args.templates.as_deref())?;
    let to_terminal = args.out.is_none() || args.out.as_deref() == Some(std::path::Path::new("-"));
    let marks = if env.colour && to_terminal { Marks::Colour } else { Marks::Plain };
    // What the comparison calls the drafts and who its changes are by are printed in it:
    // a control character there (no document can hold one) is refused, and a file name's
    // is written out.
    for (what, given) in
        [("--old-label", &args.old_label), ("--new-label", &args.new_label), ("--author", &Some(args.author.clone()))]
    {
        if let Some(c) =
            given.as_deref().and_then(|t| t.chars().find(|c| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}')))
        {
            return Err(Error::Usage(format!(
                "{what} holds the control character U+{:04X}: no document can hold it",
                c as u32
            )));
        }
    }
    let labels = Labels {
        old: args.old_label.clone().unwrap_or_else(|| input_label(&args.old)),
        new: args.new_label.clone().unwrap_or_else(|| input_label(&args.new)),
    };
    let redline = args.format != DiffFormat::Text;
    let paged = matches!(args.format, DiffFormat::Redline(f) if f.writer().paged);
    let checks = pipeline::Checks { edition: args.edition, paged, allow_outside: args.allow_outside };
    // Each input is read once; two manifests compare as meetings, anything else as papers.
    let compared = match (super::load_input(&args.old, env)?, super::load_input(&args.new, env)?) {
        (Input::Meeting(old), Input::Meeting(new)) => {
            let old = meeting::prepare(&old, checks, args.allow_outside)?;
            let new = meeting::prepare(&new, checks, args.allow_outside)?;
            crate::diff::meeting::meetings(&old, &new, &labels, redline, &templates, marks)?
        }
        (old, new) => {
            let old = meeting::prepare_paper(&as_paper(old)?, checks, args.meeting.as_deref())?;
            let new = meeting::prepare_paper(&as_paper(new)?, checks, args.meeting.as_deref())?;
            crate::diff::paper::papers(&old, &new, &labels, redline, &templates, marks)?
        }
    };
    let differs = compared.differs;
    let bytes = match (args.format, compared.redline) {
        (DiffFormat::Text, _) | (_, None) => compared.report.into_bytes(),
        (DiffFormat::Redline(format), Some(redline)) => {
            let file = args.out.as_deref().unwrap_or(std::path::Path::new("redline"));
            let dated = writers::Dated {
                date: redline.date,
                source_date_epoch: env.source_date_epoch,
                author: Some(&args.author),
            };
            let written = writers::write(Formats::of([format]), &redline.markdown, file, &templates, dated)?;
            written.files.into_iter().next().map(|(_, bytes)| bytes).unwrap_or_default()
        }
    };
    match args.out.as_deref() {
        // `-o -` is standard output, whatever the format.
        None => Ok(Outcome { stdout_bytes: bytes, differs, ..Outcome::default() }),
        Some(file) if file == std::path::Path::new("-") => {
            Ok(Outcome { stdout_bytes: bytes, differs, ..Outcome::default() })
        }
        // A device the user named (/dev/stdout) is written through, not replaced.
        Some(file) if crate::output::is_device(file) => {
            std::fs::write(file, &bytes).map_err(|source| Error::Io { path: file.to_path_buf(), source })?;
            Ok(Outcome { differs, ..Outcome::default() })
        }
        Some(file) => {
            let files = [OutputFile { path: file.to_path_buf(), bytes }];
            refuse_inputs(&files, &[args.old.clone(), args.new.clone()])?;
            write_all_with(&files, &env.write)?;
            Ok(Outcome { differs, ..Outcome::default() })
        }
    }
}

/// A paper, or the manifest read as one (which reports why it is not a paper).
fn as_paper(input: Input) -> Result<Loaded<PaperSource>, Error> {
    match input {
        Input::Paper(paper) => Ok(*paper),
        Input::Meeting(manifest) => manifest.reread_as().map_err(Error::Invalid),
    }
}

/// A draft's default label: its file name, or what standard input is called.
fn input_label(path: &std::path::Path) -> String {
    if path == std::path::Path::new("-") {
        crate::load::STDIN_NAME.to_string()
    } else {
        crate::diagnostic::printable(&file_label(path)).into_owned()
    }
}
