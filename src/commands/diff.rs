//! `panelpaper diff OLD NEW [-f text|md|pdf] [-o FILE]`: exit 0 when the drafts are the
//! same, 1 when they differ, 2 on trouble (as diff(1)).

use super::{Environment, Outcome};
use crate::cli::{DiffArgs, DiffFormat};
use crate::diff::compare::{Change, compare};
use crate::diff::redline::redline;
use crate::diff::report::{Marks, headline, paper_report, plural};
use crate::error::Error;
use crate::markdown::{FOOTER, PAGE_BREAK, Templates, front_matter_end};
use crate::meeting::{self, Meeting};
use crate::model::{Classification, Paper};
use crate::output::write_atomic;
use crate::pipeline::{self, Prepared};
use chrono::NaiveDate;
use std::fmt::Write;

pub(super) fn execute(args: &DiffArgs, env: &Environment) -> Result<Outcome, Error> {
    if args.format == DiffFormat::Pdf && args.out.is_none() {
        return Err(Error::Usage("a PDF comparison needs -o FILE".into()));
    }
    let templates = Templates::load(args.templates.as_deref())?;
    let meetings = crate::load::is_meeting_manifest(&args.old)? && crate::load::is_meeting_manifest(&args.new)?;
    let marks = if env.colour && args.out.is_none() { Marks::Colour } else { Marks::Plain };
    let (differs, report, redline) = if meetings {
        let old = meeting::load(&args.old, args.edition)?;
        let new = meeting::load(&args.new, args.edition)?;
        meeting_diff(&old, &new, args, &templates, marks)?
    } else {
        let old = pipeline::prepare_edition(&args.old, args.edition)?;
        let new = pipeline::prepare_edition(&args.new, args.edition)?;
        let changes = compare(&old.paper, &new.paper);
        let title = comparison_title(&old, &new);
        let report = paper_report(&format!("Comparison of {title}"), &changes, marks);
        let redline = match args.format {
            DiffFormat::Text => Redline::default(),
            _ => redline_markdown(&old.paper, &new.paper, &title, &changes, &templates)?,
        };
        (!changes.is_empty(), report, redline)
    };
    let exit_code = u8::from(differs);
    let bytes = match args.format {
        DiffFormat::Text => report.into_bytes(),
        DiffFormat::Md => redline.markdown.into_bytes(),
        DiffFormat::Pdf => {
            let file = args.out.as_deref().expect("checked above");
            pipeline::numbered_pdf(pipeline::layout(file, &redline.markdown)?, redline.date, env.source_date_epoch)
        }
    };
    match &args.out {
        Some(file) => {
            write_atomic(file, &bytes)?;
            Ok(Outcome { stdout: String::new(), exit_code, ..Outcome::default() })
        }
        None => Ok(Outcome {
            stdout: String::from_utf8(bytes).expect("text and Markdown are UTF-8"),
            exit_code,
            ..Outcome::default()
        }),
    }
}

/// "SECP_78_1303_29 (old.yaml) and SECP_78_1303_29 (new.yaml)".
fn comparison_title(old: &Prepared, new: &Prepared) -> String {
    format!("{} ({}) and {} ({})", old.paper.reference, old.file.display(), new.paper.reference, new.file.display())
}

/// A redline's Markdown, with what its frame needs.
#[derive(Debug, Default)]
struct Redline {
    markdown: String,
    /// The higher class of the two drafts.
    marking: Classification,
    /// The new draft's date (the PDF's creation date).
    date: NaiveDate,
}

/// The redline's Markdown with the summary of changes after its front matter.
fn redline_markdown(
    old: &Paper,
    new: &Paper,
    title: &str,
    changes: &[Change],
    templates: &Templates,
) -> Result<Redline, Error> {
    let paper = redline(old, new, title);
    let markdown = templates.render_paper(&paper)?;
    Ok(Redline {
        markdown: with_summary(&markdown, &summary(title, changes)),
        marking: paper.marking,
        date: paper.date,
    })
}

fn summary(title: &str, changes: &[Change]) -> String {
    let mut out = format!(
        "> **Comparison of {title}: {}**\n",
        if changes.is_empty() { "no changes".into() } else { plural(changes.len(), "change") }
    );
    if !changes.is_empty() {
        out.push_str(">\n");
    }
    for change in changes {
        let _ = writeln!(out, "> - {}", headline(change));
    }
    out
}

/// Puts `summary` right after the front matter (which must stay first for the layout).
fn with_summary(markdown: &str, summary: &str) -> String {
    let end = front_matter_end(markdown);
    format!("{}\n{summary}\n{}", &markdown[..end], markdown[end..].trim_start_matches('\n'))
}

/// A meeting's comparison: papers added, removed, renumbered, then each changed paper.
fn meeting_diff(
    old: &Meeting,
    new: &Meeting,
    args: &DiffArgs,
    templates: &Templates,
    marks: Marks,
) -> Result<(bool, String, Redline), Error> {
    let title =
        format!("{} ({}) and {} ({})", old.reference, old.manifest.display(), new.reference, new.manifest.display());
    let mut lines = Vec::new();
    let mut report = String::new();
    let mut redlines = Vec::new();
    let find = |m: &'_ Meeting, key: &str| m.keys.iter().position(|k| k == key);
    for (i, key) in old.keys.iter().enumerate() {
        if find(new, key).is_none() {
            lines.push(format!("paper {key} ({}) removed", old.papers[i].paper.reference));
        }
    }
    for (j, key) in new.keys.iter().enumerate() {
        let b = &new.papers[j];
        let Some(i) = find(old, key) else {
            lines.push(format!("paper {key} ({}) added", b.paper.reference));
            continue;
        };
        let a = &old.papers[i];
        if a.paper.reference.number != b.paper.reference.number {
            lines.push(format!("paper {key} renumbered {} to {}", a.paper.reference, b.paper.reference));
        }
        // The new reference is reported once, as the paper's renumbering.
        let mut changes = compare(&a.paper, &b.paper);
        changes.retain(|c| c.place != "reference");
        if !changes.is_empty() {
            lines.push(format!("paper {key} ({}) changed: {}", b.paper.reference, plural(changes.len(), "change")));
            let paper_title = comparison_title(a, b);
            report.push('\n');
            report.push_str(&paper_report(&format!("  {paper_title}"), &changes, marks));
            if args.format != DiffFormat::Text {
                redlines.push(redline_markdown(&a.paper, &b.paper, &paper_title, &changes, templates)?);
            }
        }
    }
    let head = format!(
        "Comparison of meeting {title}: {}\n",
        if lines.is_empty() { "no changes".into() } else { plural(lines.len(), "change") }
    );
    let body: String = lines.iter().map(|l| format!("  {l}\n")).collect();
    let differs = !lines.is_empty();
    let redline = join_redlines(&format!("meeting {title}"), &lines, redlines);
    Ok((differs, format!("{head}{body}{report}"), redline))
}

/// One document for a meeting: the summary, then every changed paper's redline on a new
/// page, framed by the front matter and footer of the most restrictive of them.
fn join_redlines(title: &str, lines: &[String], redlines: Vec<Redline>) -> Redline {
    let mut summary = format!("> **Comparison of {title}**\n>\n");
    for line in lines {
        let _ = writeln!(summary, "> - {line}");
    }
    let Some(frame) = redlines.iter().max_by_key(|r| r.marking) else {
        let markdown =
            format!("---\ntitle: \"Comparison of {title}\"\ncomparison: \"Comparison of {title}\"\n---\n\n{summary}");
        return Redline { markdown, ..Redline::default() };
    };
    let footer = frame.markdown.find(FOOTER).map_or("", |at| &frame.markdown[at..]);
    let mut out = format!("{}\n{summary}", &frame.markdown[..front_matter_end(&frame.markdown)]);
    for redline in &redlines {
        let body = &redline.markdown[front_matter_end(&redline.markdown)..];
        let body = body.find(FOOTER).map_or(body, |end| &body[..end]);
        let _ = write!(out, "\n{PAGE_BREAK}\n\n{}\n", body.trim());
    }
    let _ = write!(out, "\n{footer}");
    let date = redlines.iter().map(|r| r.date).max().unwrap_or_default();
    Redline { markdown: out, marking: frame.marking, date }
}
