//! Two manifests of a meeting compared: the meeting's own fields and its agenda (the
//! private `agenda` module), then paper by paper: added, removed, renumbered and changed
//! papers, then each changed paper's report and redline.

use super::alignment::Alignment;
use super::compare::compare;
use super::paper::{Compared, Labels, Redline, comparison_front, label, redline_markdown};
use super::place::{Field, Place};
use super::report::{Marks, paper_report, plural};
use crate::diagnostic::printable;
use crate::dialect::{FOOTER, Markdown, PAGE_BREAK};
use crate::domain::Classification;
use crate::error::Error;
use crate::markdown::Templates;
use crate::meeting::Meeting;
use chrono::NaiveDate;
use std::fmt::Write;

/// A meeting's comparison: the manifest's own fields, papers added, removed, renumbered,
/// their agenda entries, the items without a paper, the outcomes, then each changed paper.
/// Papers an edition leaves out are named by reference only, and count as a difference
/// only where the two editions differ (shown on one side, or renumbered).
pub fn meetings(
    old: &Meeting,
    new: &Meeting,
    labels: &Labels,
    redline_wanted: bool,
    templates: &Templates,
    marks: Marks,
) -> Result<Compared, Error> {
    let title = format!("{} ({}) and {} ({})", old.reference, label(&labels.old), new.reference, label(&labels.new));
    let edition = new.edition.map(|e| format!("withheld from the {e} edition"));
    let mut lines = Vec::new();
    let mut report = String::new();
    let mut redlines = Vec::new();
    let find = |m: &'_ Meeting, key: &str| m.keys.iter().position(|k| k == key);
    // The manifest's own fields first, as the paper list shows them.
    lines.extend(super::agenda::manifest_lines(old, new));
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
        if let Some(changed) = super::agenda::paper_entry(old, new, key) {
            lines.push(format!("paper {key} ({}) on the agenda changed: {changed}", b.paper.reference));
        }
        // The new reference is reported once, as the paper's renumbering.
        let alignment = Alignment::of(&a.paper, &b.paper);
        let mut changes = compare(&a.paper, &b.paper, &alignment);
        changes.retain(|c| c.place != Place::Field(Field::Reference));
        if !changes.is_empty() {
            lines.push(format!("paper {key} ({}) changed: {}", b.paper.reference, plural(changes.len(), "change")));
            let (old_label, new_label) = labels.papers(&a.file, &b.file);
            let paper_title = format!(
                "{} ({}) and {} ({})",
                a.paper.reference,
                label(&old_label),
                b.paper.reference,
                label(&new_label)
            );
            report.push('\n');
            report.push_str(&paper_report(&format!("  {}", printable(&paper_title)), &changes, marks));
            if redline_wanted {
                redlines.push(redline_markdown(&a.paper, &b.paper, &alignment, &paper_title, &changes, templates)?);
            }
        }
    }
    // The items without a paper (an edition's withheld ones by count only).
    lines.extend(super::agenda::item_lines(old, new));
    // What the two meetings decided, and the actions they set and closed (issue #29).
    lines.extend(super::outcomes::lines(old, new));
    // The report is read on a terminal: a label's control characters are shown, not obeyed.
    let head = format!(
        "Comparison of meeting {}: {}\n",
        printable(&title),
        if lines.is_empty() { "no changes".into() } else { plural(lines.len(), "change") }
    );
    let body: String = lines.iter().chain(&withheld).map(|l| format!("  {l}\n")).collect();
    let differs = !lines.is_empty();
    let all_lines: Vec<String> = lines.into_iter().chain(withheld).collect();
    let marking = old.marking.max(new.marking);
    let redline = match redline_wanted {
        true => Some(join_redlines(&format!("meeting {title}"), &all_lines, redlines, marking, new.date, templates)?),
        false => None,
    };
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
    let front = comparison_front(&format!("Comparison of {title}"), marking, date);
    let mut out = format!("{}\n\n", front.write());
    let _ = writeln!(out, "> **Comparison of {title}**\n>");
    for line in lines {
        let _ = writeln!(out, "> - {line}");
    }
    for redline in &redlines {
        let body = redline.markdown.body();
        let body = body.find(FOOTER).map_or(body, |end| &body[..end]);
        let _ = write!(out, "\n{PAGE_BREAK}\n\n{}\n", body.trim());
    }
    let _ = write!(out, "\n{FOOTER}\n\n{}\n", templates.statement(marking)?);
    let markdown = Markdown::new(out, front).expect("written with its front matter first");
    Ok(Redline { markdown, marking, date })
}
