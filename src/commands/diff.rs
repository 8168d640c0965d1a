//! `panelpaper diff OLD NEW [-f text|md|pdf] [-o FILE] [--edition CLASS]`: exit 0 when the
//! drafts are the same, 1 when they differ, 2 on trouble (as diff(1)).
//!
//! With `--edition`, both drafts are first reduced to that edition and only what it shows
//! is compared: a paper the edition leaves out whole is named by its reference and nothing
//! else, and the exit code says only whether the two editions differ.

use super::{Environment, Outcome};
use crate::cli::{DiffArgs, DiffFormat};
use crate::dialect::{FOOTER, FrontMatter, PAGE_BREAK, front_matter_end};
use crate::diff::compare::{Change, compare};
use crate::diff::redline::redline;
use crate::diff::report::{Marks, headline, paper_report, plural};
use crate::domain::Classification;
use crate::error::Error;
use crate::markdown::Templates;
use crate::meeting::{self, Meeting};
use crate::model::Paper;
use crate::output::write_atomic;
use crate::pipeline::{self, Prepared};
use chrono::NaiveDate;
use std::fmt::Write;
use std::path::Path;

pub(super) fn execute(args: &DiffArgs, env: &Environment) -> Result<Outcome, Error> {
    if args.format == DiffFormat::Pdf && args.out.is_none() {
        return Err(Error::Usage("a PDF comparison needs -o FILE".into()));
    }
    let templates = Templates::load(args.templates.as_deref())?;
    let meetings = crate::load::is_meeting_manifest(&args.old)? && crate::load::is_meeting_manifest(&args.new)?;
    let marks = if env.colour && args.out.is_none() { Marks::Colour } else { Marks::Plain };
    let labels = Labels {
        old: args.old_label.clone().unwrap_or_else(|| file_label(&args.old)),
        new: args.new_label.clone().unwrap_or_else(|| file_label(&args.new)),
    };
    let compared = if meetings {
        let old = meeting::load(&args.old, args.edition)?;
        let new = meeting::load(&args.new, args.edition)?;
        meeting_diff(&old, &new, &labels, args.format, &templates, marks)?
    } else {
        let old = pipeline::prepare_edition(&args.old, args.edition)?;
        let new = pipeline::prepare_edition(&args.new, args.edition)?;
        paper_diff(&old, &new, &labels, args.format, &templates, marks)?
    };
    let exit_code = u8::from(compared.differs);
    let bytes = match args.format {
        DiffFormat::Text => compared.report.into_bytes(),
        DiffFormat::Md => compared.redline.markdown.into_bytes(),
        DiffFormat::Pdf => {
            let file = args.out.as_deref().expect("checked above");
            let layout = pipeline::layout(file, &compared.redline.markdown)?;
            pipeline::numbered_pdf(layout, compared.redline.date, env.source_date_epoch)
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

/// What the comparison calls the two drafts: never their paths, which would carry a
/// drafter's folders into a document circulated to the Panel.
struct Labels {
    old: String,
    new: String,
}

/// A file's name without its folders.
fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// A comparison in every format, and whether the drafts differ.
struct Compared {
    differs: bool,
    report: String,
    redline: Redline,
}

/// A paper's comparison; a draft the edition leaves out whole gives only its reference.
fn paper_diff(
    old: &Prepared,
    new: &Prepared,
    labels: &Labels,
    format: DiffFormat,
    templates: &Templates,
    marks: Marks,
) -> Result<Compared, Error> {
    if let Some(edition) = old.paper.edition.filter(|_| old.is_withheld() || new.is_withheld()) {
        return withheld_diff(&old.paper, &new.paper, edition, templates);
    }
    let changes = compare(&old.paper, &new.paper);
    let title = format!("{} ({}) and {} ({})", old.paper.reference, labels.old, new.paper.reference, labels.new);
    let report = paper_report(&format!("Comparison of {title}"), &changes, marks);
    let redline = match format {
        DiffFormat::Text => Redline::default(),
        _ => redline_markdown(&old.paper, &new.paper, &title, &changes, templates)?,
    };
    Ok(Compared { differs: !changes.is_empty(), report, redline })
}

/// "paper SECP_78_1303_27: withheld from the GREEN edition", in every format. It differs
/// only where the two editions do: a paper shown on one side, or another reference.
fn withheld_diff(old: &Paper, new: &Paper, edition: Classification, templates: &Templates) -> Result<Compared, Error> {
    let mut references = vec![old.reference.to_string()];
    if new.reference != old.reference {
        references.push(new.reference.to_string());
    }
    let lines: Vec<String> =
        references.iter().map(|r| format!("paper {r}: withheld from the {edition} edition")).collect();
    let differs = old.is_withheld() != new.is_withheld() || old.reference != new.reference;
    let title = format!("Comparison of {}", references.join(" and "));
    // Only the reference is shown, so the date is the one the reference already gives.
    let date = new.reference.meeting_date;
    let markdown = notice(&title, &lines, Classification::White, date, templates)?;
    let report = lines.iter().map(|l| format!("{l}\n")).collect();
    Ok(Compared { differs, report, redline: Redline { markdown, marking: Classification::White, date } })
}

/// A document of a few lines, framed and marked `marking`.
fn notice(
    title: &str,
    lines: &[String],
    marking: Classification,
    date: NaiveDate,
    templates: &Templates,
) -> Result<String, Error> {
    let mut out = front_matter(title, marking, date);
    for line in lines {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = write!(out, "{FOOTER}\n\n{}\n", templates.statement(marking)?);
    Ok(out)
}

/// The front matter of a comparison that is not one paper's redline.
fn front_matter(title: &str, marking: Classification, date: NaiveDate) -> String {
    let front = FrontMatter {
        title: title.to_string(),
        classification: marking,
        date: Some(crate::domain::dates::uk_long(date)),
        comparison: Some(title.to_string()),
        ..FrontMatter::default()
    };
    format!("{}\n\n", front.write())
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
/// Papers an edition leaves out are named by reference only, and count as a difference
/// only where the two editions differ (shown on one side, or renumbered).
fn meeting_diff(
    old: &Meeting,
    new: &Meeting,
    labels: &Labels,
    format: DiffFormat,
    templates: &Templates,
    marks: Marks,
) -> Result<Compared, Error> {
    let title = format!("{} ({}) and {} ({})", old.reference, labels.old, new.reference, labels.new);
    let edition = new.edition.map(|e| format!("withheld from the {e} edition"));
    let mut lines = Vec::new();
    let mut report = String::new();
    let mut redlines = Vec::new();
    let find = |m: &'_ Meeting, key: &str| m.keys.iter().position(|k| k == key);
    for (i, key) in old.keys.iter().enumerate() {
        if find(new, key).is_none() {
            let a = &old.papers[i];
            match &edition {
                Some(why) if a.is_withheld() => lines.push(format!("paper {} ({why}) removed", a.paper.reference)),
                _ => lines.push(format!("paper {key} ({}) removed", a.paper.reference)),
            }
        }
    }
    let mut withheld = Vec::new();
    for (j, key) in new.keys.iter().enumerate() {
        let b = &new.papers[j];
        let Some(i) = find(old, key) else {
            match &edition {
                Some(why) if b.is_withheld() => lines.push(format!("paper {} ({why}) added", b.paper.reference)),
                _ => lines.push(format!("paper {key} ({}) added", b.paper.reference)),
            }
            continue;
        };
        let a = &old.papers[i];
        if let Some(why) = edition.as_ref().filter(|_| a.is_withheld() || b.is_withheld()) {
            let (ra, rb) = (&a.paper.reference, &b.paper.reference);
            match (a.is_withheld(), b.is_withheld()) {
                (true, true) if ra == rb => withheld.push(format!("paper {rb}: {why}")),
                (true, true) => lines.push(format!("paper {ra} renumbered to {rb} ({why})")),
                (true, false) => lines.push(format!("paper {ra}: {why} in the old draft only, now {rb}")),
                _ => lines.push(format!("paper {rb}: {why} in the new draft, was {ra}")),
            }
            continue;
        }
        if a.paper.reference.number != b.paper.reference.number {
            lines.push(format!("paper {key} renumbered {} to {}", a.paper.reference, b.paper.reference));
        }
        // The new reference is reported once, as the paper's renumbering.
        let mut changes = compare(&a.paper, &b.paper);
        changes.retain(|c| c.place != "reference");
        if !changes.is_empty() {
            lines.push(format!("paper {key} ({}) changed: {}", b.paper.reference, plural(changes.len(), "change")));
            let paper_title = format!(
                "{} ({}) and {} ({})",
                a.paper.reference,
                file_label(&a.file),
                b.paper.reference,
                file_label(&b.file)
            );
            report.push('\n');
            report.push_str(&paper_report(&format!("  {paper_title}"), &changes, marks));
            if format != DiffFormat::Text {
                redlines.push(redline_markdown(&a.paper, &b.paper, &paper_title, &changes, templates)?);
            }
        }
    }
    let head = format!(
        "Comparison of meeting {title}: {}\n",
        if lines.is_empty() { "no changes".into() } else { plural(lines.len(), "change") }
    );
    let body: String = lines.iter().chain(&withheld).map(|l| format!("  {l}\n")).collect();
    let differs = !lines.is_empty();
    let all_lines: Vec<String> = lines.into_iter().chain(withheld).collect();
    let marking = old.marking.max(new.marking);
    let redline = join_redlines(&format!("meeting {title}"), &all_lines, redlines, marking, new.date, templates)?;
    Ok(Compared { differs, report: format!("{head}{body}{report}"), redline })
}

/// One document for a meeting: the summary, then every changed paper's redline on a new
/// page, marked with the highest class of them and of the two paper lists.
fn join_redlines(
    title: &str,
    lines: &[String],
    redlines: Vec<Redline>,
    lists_marking: Classification,
    meeting_date: NaiveDate,
    templates: &Templates,
) -> Result<Redline, Error> {
    let marking = redlines.iter().map(|r| r.marking).fold(lists_marking, Classification::max);
    let date = redlines.iter().map(|r| r.date).max().unwrap_or(meeting_date);
    let mut out = front_matter(&format!("Comparison of {title}"), marking, date);
    let _ = writeln!(out, "> **Comparison of {title}**\n>");
    for line in lines {
        let _ = writeln!(out, "> - {line}");
    }
    for redline in &redlines {
        let body = &redline.markdown[front_matter_end(&redline.markdown)..];
        let body = body.find(FOOTER).map_or(body, |end| &body[..end]);
        let _ = write!(out, "\n{PAGE_BREAK}\n\n{}\n", body.trim());
    }
    let _ = write!(out, "\n{FOOTER}\n\n{}\n", templates.statement(marking)?);
    Ok(Redline { markdown: out, marking, date })
}
