//! The paper written as YAML the way a person would write it (the example papers' layout:
//! keys in the format's order, bodies and long cells as `|` blocks, short rows on one
//! line, quotes only where YAML needs them), then read back with the loader to make sure
//! it says exactly what was imported.

use crate::load::{AnnexSource, PaperSource, RowSource, SectionSource};
use std::fmt::Write as _;

/// Whether `text` may stand as a plain scalar (in a flow sequence too, when `flow`).
fn plain(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let lower = text.to_ascii_lowercase();
    let keyword = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(&lower.as_str());
    let numeric = text.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with(".inf")
        || lower.starts_with("-.inf")
        || lower == ".nan"
        || (first.is_ascii_digit() && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '_' | ':' | '.' | ',')));
    !keyword
        && !numeric
        && text.trim() == text
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|c| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}'))
        && !(flow && text.contains([',', '[', ']', '{', '}']))
}

/// A double-quoted scalar (JSON's string syntax is YAML's double-quoted style).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// `text` as a `|` block whose lines are indented by `indent`, if it can be one.
fn block(text: &str, indent: usize) -> Option<String> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let chomp = if text.ends_with('\n') { "" } else { "-" };
    let fits = !body.is_empty()
        && !body.ends_with('\n')
        && !body.starts_with([' ', '\t', '\n'])
        && !body
            .chars()
            .any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}'))
        && body.lines().all(|l| l.trim_end() == l);
    fits.then(|| {
        let pad = " ".repeat(indent);
        let lines: Vec<String> =
            body.lines().map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") }).collect();
        format!("|{chomp}\n{}", lines.join("\n"))
    })
}

/// A scalar written after `key: ` at `indent` (its block lines at `indent + 2`).
fn value(text: &str, indent: usize) -> String {
    if text.contains('\n') {
        if let Some(b) = block(text, indent + 2) {
            return b;
        }
    } else if plain(text, false) {
        return text.to_string();
    }
    quoted(text)
}

fn flow_item(text: &str) -> String {
    if plain(text, true) { text.to_string() } else { quoted(text) }
}

/// A one-line flow sequence of `cells`, if they are short single lines.
fn flow(cells: &[String], indent: usize) -> Option<String> {
    if cells.iter().any(|c| c.contains('\n')) {
        return None;
    }
    let line = format!("[{}]", cells.iter().map(|c| flow_item(c)).collect::<Vec<_>>().join(", "));
    (indent + line.chars().count() <= 110).then_some(line)
}

/// A block sequence of `cells`, its first item on the current line (after `- `).
fn cells_block(out: &mut String, cells: &[String], indent: usize) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            let _ = write!(out, "\n{}", " ".repeat(indent));
        }
        let _ = write!(out, "- {}", value(cell, indent));
    }
}

fn sections(out: &mut String, list: &[SectionSource], indent: usize) {
    let pad = " ".repeat(indent);
    for (i, s) in list.iter().enumerate() {
        if i > 0 && indent == 2 {
            out.push('\n');
        }
        let _ = writeln!(out, "{pad}- heading: {}", value(&s.heading, indent + 2));
        if let Some(class) = &s.classification {
            let _ = writeln!(out, "{pad}  classification: {class}");
        }
        if !s.body.is_empty() {
            let _ = writeln!(out, "{pad}  body: {}", value(&s.body, indent + 2));
        }
        if !s.subsections.is_empty() {
            let _ = writeln!(out, "{pad}  subsections:");
            sections(out, &s.subsections, indent + 4);
        }
    }
}

fn annex(out: &mut String, a: &AnnexSource) {
    let _ = writeln!(out, "  - title: {}", value(&a.title, 4));
    if let Some(class) = &a.classification {
        let _ = writeln!(out, "    classification: {class}");
    }
    match flow(&a.columns, 13) {
        Some(line) => {
            let _ = writeln!(out, "    columns: {line}");
        }
        None => {
            out.push_str("    columns:\n      ");
            cells_block(out, &a.columns, 6);
            out.push('\n');
        }
    }
    if a.rows.is_empty() {
        out.push_str("    rows: []\n");
        return;
    }
    out.push_str("    rows:\n");
    for row in &a.rows {
        let (cells, class) = match row {
            RowSource::Cells(cells) => (cells, None),
            RowSource::Classified(c) => (&c.cells, Some(&c.classification)),
            // Never in an imported paper: only the sources stage reads rows from a sheet.
            RowSource::Sheet(s) => (&s.cells, s.classification.as_ref()),
        };
        match (class, flow(cells, 8 + if class.is_some() { 7 } else { 0 })) {
            (None, Some(line)) => {
                let _ = writeln!(out, "      - {line}");
            }
            (None, None) => {
                out.push_str("      - ");
                cells_block(out, cells, 8);
                out.push('\n');
            }
            (Some(class), Some(line)) => {
                let _ = writeln!(out, "      - cells: {line}\n        classification: {class}");
            }
            (Some(class), None) => {
                out.push_str("      - cells:\n          ");
                cells_block(out, cells, 10);
                let _ = writeln!(out, "\n        classification: {class}");
            }
        }
    }
}

/// The paper as YAML, headed by a comment naming `origin`; `comments` go above their
/// top-level keys.
pub(super) fn write(paper: &PaperSource, comments: &[(&str, String)], origin: &str) -> String {
    let mut out =
        format!("# Imported from {origin} by panelpaper import: read it through, then check and render it.\n");
    let key = |out: &mut String, name: &str, text: Option<String>| {
        if let Some(text) = text {
            for (_, comment) in comments.iter().filter(|(k, _)| *k == name) {
                let _ = writeln!(out, "# {comment}");
            }
            let _ = writeln!(out, "{name}: {text}");
        }
    };
    key(&mut out, "committee", paper.committee.as_deref().map(|c| value(c, 0)));
    key(&mut out, "meeting", paper.meeting.map(|m| m.to_string()));
    key(&mut out, "meeting_date", paper.meeting_date.clone());
    key(&mut out, "number", paper.number.map(|n| n.to_string()));
    key(&mut out, "title", Some(value(&paper.title, 0)));
    key(&mut out, "action", Some(value(&paper.action, 0)));
    key(&mut out, "classification", Some(value(&paper.classification, 0)));
    key(&mut out, "author", paper.author.as_deref().map(|a| value(a, 0)));
    key(&mut out, "team", paper.team.as_deref().map(|t| value(t, 0)));
    key(&mut out, "date", paper.date.clone());
    out.push_str("\nsections:\n");
    sections(&mut out, &paper.sections, 2);
    out.push('\n');
    for (_, comment) in comments.iter().filter(|(k, _)| *k == "recommendations") {
        let _ = writeln!(out, "# {comment}");
    }
    out.push_str("recommendations:\n");
    if let Some(lead_in) = &paper.recommendations.lead_in {
        let _ = writeln!(out, "  lead_in: {}", value(lead_in, 2));
    }
    out.push_str("  items:\n");
    for item in &paper.recommendations.items {
        let _ = writeln!(out, "    - verb: {}\n      text: {}", item.verb, value(&item.text, 6));
        if let Some(class) = &item.classification {
            let _ = writeln!(out, "      classification: {class}");
        }
    }
    if !paper.attachments.is_empty() {
        out.push_str("\nattachments:\n");
        for a in &paper.attachments {
            let _ = writeln!(out, "  - title: {}\n    classification: {}", value(&a.title, 4), a.classification);
            if let Some(d) = &a.description {
                let _ = writeln!(out, "    description: {}", value(d, 4));
            }
        }
    }
    if !paper.annexes.is_empty() {
        out.push_str("\nannexes:\n");
        for a in &paper.annexes {
            annex(&mut out, a);
        }
    }
    out
}

/// Whether `yaml` reads back as `paper`; the loader's complaint if not.
pub(super) fn reads_back(yaml: &str, paper: &PaperSource) -> Result<(), String> {
    match crate::load::parse::<PaperSource>(std::path::Path::new("imported.yaml"), yaml) {
        Ok(loaded) if loaded.shape.0.is_empty() && loaded.value == *paper => Ok(()),
        Ok(loaded) if loaded.shape.0.is_empty() => Err("it reads back as a different paper".into()),
        Ok(loaded) => Err(loaded.shape.to_string()),
        Err(problems) => Err(problems.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_quoted_only_where_yaml_needs_it() {
        assert_eq!(value("DCC Reporting", 0), "DCC Reporting");
        assert_eq!(value("MP123 ‘Checks’: Final Report", 0), "\"MP123 ‘Checks’: Final Report\"");
        assert_eq!(value("2020", 0), "\"2020\"");
        assert_eq!(value("no", 0), "\"no\"");
        assert_eq!(value("#", 0), "\"#\"");
        assert_eq!(value("-£0.08m", 0), "\"-£0.08m\"");
        assert_eq!(value("one\n\ntwo\n", 2), "|\n    one\n\n    two");
        assert_eq!(value("one\ntwo", 2), "|-\n    one\n    two");
        assert_eq!(value("  indented\nx\n", 2), "\"  indented\\nx\\n\"");
        assert_eq!(
            flow(&["#".into(), "Report, Name".into(), "Value".into()], 0).unwrap(),
            "[\"#\", \"Report, Name\", Value]"
        );
    }
}
