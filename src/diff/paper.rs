//! Comparisons as documents: the report and the redline of two drafts of a paper, in the
//! edition asked for.

use super::alignment::Alignment;
use super::compare::{Change, compare};
use super::redline::redline;
use super::report::{Marks, headline, paper_report, plural};
use crate::dialect::{FOOTER, FrontMatter, Markdown};
use crate::domain::Classification;
use crate::error::Error;
use crate::markdown::Templates;
use crate::model::Paper;
use crate::pipeline::Prepared;
use chrono::NaiveDate;
use std::fmt::Write;
use std::path::Path;

/// What the comparison calls the two drafts: never their paths, which would carry a
/// drafter's folders into a document circulated to the Panel.
pub struct Labels {
    /// The old draft's.
    pub old: String,
    /// The new draft's.
    pub new: String,
    /// The git revision the old draft was read from, which the labels of a meeting's old
    /// papers name (`dcc-reporting.yaml at HEAD~1`).
    pub revision: Option<String>,
}

impl Labels {
    /// What a meeting's comparison calls the two drafts of one of its papers, from their
    /// files: told apart as [`apart`] tells them, or by the old one's revision.
    pub fn papers(&self, old: &Path, new: &Path) -> (String, String) {
        match &self.revision {
            Some(rev) => (format!("{} at {rev}", file_label(old)), file_label(new)),
            None => apart(old, new),
        }
    }
}

/// Two paths' shortest ends that differ, as written (`old/paper.yaml` and `paper.yaml`):
/// their file names, with as many of their last folders as tell two files of one name
/// apart and never more (a comparison circulates; a drafter's folders stay home). Standard
/// input is [`crate::load::STDIN_NAME`].
pub fn apart(old: &Path, new: &Path) -> (String, String) {
    use std::path::Component;
    let names = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let (a, b) = (names(old), names(new));
    let end = |parts: &[String], k: usize| parts[parts.len().saturating_sub(k)..].join("/");
    let longest = a.len().max(b.len()).max(1);
    let k = (1..=longest).find(|&k| end(&a, k) != end(&b, k)).unwrap_or(1);
    let label = |path: &Path, parts: &[String]| match path == Path::new("-") {
        true => crate::load::STDIN_NAME.to_string(),
        false if parts.is_empty() => file_label(path),
        false => end(parts, k),
    };
    (label(old, &a), label(new, &b))
}

/// A file's name without its folders (a comparison prints it as a [`label`]).
pub fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// A label as the comparison prints it: a character no document can hold (a control
/// character, U+FFFE, U+FFFF) shown as U+FFFD, whoever gave the label.
pub fn label(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}');
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| if bad(c) { '\u{FFFD}' } else { c }).collect())
}

/// A comparison in every format, and whether the drafts differ.
#[derive(Debug)]
pub struct Compared {
    /// Whether the two (editions of the) drafts differ.
    pub differs: bool,
    /// The text report.
    pub report: String,
    /// The redline (when asked for).
    pub redline: Option<Redline>,
}

/// A paper's comparison (with its redline when `redline_wanted`); a draft the edition
/// leaves out whole gives only its reference.
pub fn papers(
    old: &Prepared,
    new: &Prepared,
    labels: &Labels,
    redline_wanted: bool,
    templates: &Templates,
    marks: Marks,
) -> Result<Compared, Error> {
    if let Some(edition) = old.paper.edition.filter(|_| old.is_withheld() || new.is_withheld()) {
        return withheld_diff(&old.paper, &new.paper, edition, templates);
    }
    let alignment = Alignment::of(&old.paper, &new.paper);
    let changes = compare(&old.paper, &new.paper, &alignment);
    let title = format!(
        "{} ({}) and {} ({})",
        old.paper.reference,
        label(&labels.old),
        new.paper.reference,
        label(&labels.new)
    );
    // The report is read on a terminal: a label's control characters are shown, not obeyed.
    let report = paper_report(&format!("Comparison of {}", crate::diagnostic::printable(&title)), &changes, marks);
    let redline = match redline_wanted {
        false => None,
        true => Some(redline_markdown(&old.paper, &new.paper, &alignment, &title, &changes, templates)?),
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
    Ok(Compared { differs, report, redline: Some(Redline { markdown, marking: Classification::White, date }) })
}

/// A document of a few lines, framed and marked `marking`.
fn notice(
    title: &str,
    lines: &[String],
    marking: Classification,
    date: NaiveDate,
    templates: &Templates,
) -> Result<Markdown, Error> {
    let front = comparison_front(title, marking, date);
    let mut out = format!("{}\n\n", front.write());
    for line in lines {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = write!(out, "{FOOTER}\n\n{}\n", templates.statement(marking)?);
    Ok(Markdown::new(out, front).expect("written with its front matter first"))
}

/// The front matter of a comparison that is not one paper's redline.
pub(super) fn comparison_front(title: &str, marking: Classification, date: NaiveDate) -> FrontMatter {
    FrontMatter {
        date: Some(crate::domain::dates::uk_long(date)),
        comparison: Some(title.to_string()),
        ..FrontMatter::new(title, marking)
    }
}

/// A redline's Markdown, with what its frame needs.
#[derive(Debug)]
pub struct Redline {
    /// The Markdown, CriticMarkup in its text.
    pub markdown: Markdown,
    /// The higher marking of the two drafts.
    pub marking: Classification,
    /// The new draft's date (the PDF's creation date).
    pub date: NaiveDate,
}

/// The redline's Markdown with the summary of changes after its front matter.
pub(super) fn redline_markdown(
    old: &Paper,
    new: &Paper,
    alignment: &Alignment,
    title: &str,
    changes: &[Change],
    templates: &Templates,
) -> Result<Redline, Error> {
    let paper = redline(old, new, alignment, title);
    let mut markdown = templates.render_paper(&paper)?;
    markdown.insert_after_front(&summary(title, changes));
    Ok(Redline { markdown, marking: paper.marking, date: paper.date })
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
