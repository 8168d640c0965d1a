//! `panelpaper diff OLD NEW [-f text|md|pdf|html|docx] [-o FILE] [--edition CLASS] [--author NAME]`: exit 0 when the
//! drafts are the same, 1 when they differ, 2 on trouble (as diff(1)).
//!
//! With `--edition`, both drafts are first reduced to that edition and only what it shows
//! is compared: a paper the edition leaves out whole is named by its reference and nothing
//! else, and the exit code says only whether the two editions differ.

use super::{DiffFormat, DiffOptions, Environment, Outcome};
use crate::diff::Marks;
use crate::diff::paper::{Labels, file_label};
use crate::docx::DocxOptions;
use crate::error::Error;
use crate::load::{Input, Loaded, PaperSource};
use crate::markdown::Templates;
use crate::meeting;
use crate::output::{OutputFile, refuse_inputs, write_all_with};
use crate::pdf::{self, PdfOptions};
use crate::pipeline;

pub(super) fn execute(args: &DiffOptions, env: &Environment) -> Result<Outcome, Error> {
    if matches!(args.format, DiffFormat::Pdf | DiffFormat::Docx) && args.out.is_none() {
        return Err(Error::Usage("a PDF or DOCX comparison needs -o FILE".into()));
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
    let checks = pipeline::Checks { edition: args.edition, pdf: args.format == DiffFormat::Pdf };
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
        (DiffFormat::Md, Some(redline)) => redline.markdown.into_text().into_bytes(),
        (DiffFormat::Pdf, Some(redline)) => {
            let file = args.out.as_deref().expect("checked above");
            let layout = pipeline::layout(file, &redline.markdown)?;
            pdf::write(&layout.finish(), &PdfOptions::dated(redline.date, env.source_date_epoch))
        }
        (DiffFormat::Html, Some(redline)) => pipeline::html(&templates, &redline.markdown)?,
        (DiffFormat::Docx, Some(redline)) => {
            let options =
                DocxOptions { author: args.author.clone(), ..DocxOptions::dated(redline.date, env.source_date_epoch) };
            pipeline::docx(&redline.markdown, &options)?
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
