//! The terminal report: one line per change, changed words with a little context,
//! coloured on a terminal and marked `[-old-]{+new+}` otherwise.

use super::compare::{Change, Detail, Kind};
use super::words::{LineDiff, Seg};
use std::fmt::Write;

/// Words of context kept on each side of a change.
const CONTEXT: usize = 6;

/// How to mark changed words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// `[-removed-]` and `{+added+}`.
    Plain,
    /// Red struck-through and green underlined (ANSI).
    Colour,
}

impl Marks {
    fn removed(self, text: &str) -> String {
        let text = crate::dialect::anchor::unlinked(text);
        match self {
            Marks::Plain => format!("[-{text}-]"),
            Marks::Colour => format!("\x1b[31;9m{text}\x1b[0m"),
        }
    }

    fn added(self, text: &str) -> String {
        let text = crate::dialect::anchor::unlinked(text);
        match self {
            Marks::Plain => format!("{{+{text}+}}"),
            Marks::Colour => format!("\x1b[32;4m{text}\x1b[0m"),
        }
    }

    fn strong(self, text: &str) -> String {
        match self {
            Marks::Plain => text.to_string(),
            Marks::Colour => format!("\x1b[1;33m{text}\x1b[0m"),
        }
    }
}

/// The one-line summary of a change, as the report and the redline's summary show it
/// (plain words, no arrows: the PDF's fonts are Windows-1252).
pub(super) fn headline(change: &Change) -> String {
    let from_to = match &change.detail {
        Detail::Values(a, b) => format!(" from {} to {}", quoted(a), quoted(b)),
        _ => String::new(),
    };
    let place = &change.place;
    match change.kind {
        Kind::Raised => format!("{place} RAISED{from_to}"),
        Kind::Lowered => format!("{place} lowered{from_to}"),
        Kind::Metadata | Kind::Changed => format!("{place} changed{from_to}"),
        Kind::Added => format!("{place} added"),
        Kind::Removed => format!("{place} removed"),
        Kind::Renumbered => format!("{place} renumbered{from_to}"),
        Kind::Moved => format!("{place} moved{from_to}"),
    }
}

/// Words in quotes, numbers and classes as they are.
fn quoted(value: &str) -> String {
    let bare = value.chars().all(|c| c.is_ascii_digit() || c == '.' || c.is_ascii_uppercase() || c == '+' || c == ' ');
    if bare && !value.is_empty() { value.to_string() } else { format!("\u{201c}{value}\u{201d}") }
}

/// The report for one paper's changes under a heading line.
pub fn paper_report(title: &str, changes: &[Change], marks: Marks) -> String {
    let mut out = String::new();
    let count = changes.len();
    let _ = writeln!(out, "{title}: {}", if count == 0 { "no changes".to_string() } else { plural(count, "change") });
    for change in changes {
        let sign = match change.kind {
            Kind::Raised | Kind::Lowered => "!",
            Kind::Added => "+",
            Kind::Removed => "-",
            Kind::Moved | Kind::Renumbered => ">",
            Kind::Metadata | Kind::Changed => "~",
        };
        let line = crate::dialect::anchor::unlinked(&headline(change)).into_owned();
        let line = if matches!(change.kind, Kind::Raised | Kind::Lowered) { marks.strong(&line) } else { line };
        let _ = writeln!(out, "  {sign} {line}");
        if let Detail::Lines(lines) = &change.detail {
            for line in lines {
                match line {
                    LineDiff::Same(_) => {}
                    LineDiff::Added(l) => {
                        let _ = writeln!(out, "      {}", marks.added(l));
                    }
                    LineDiff::Removed(l) => {
                        let _ = writeln!(out, "      {}", marks.removed(l));
                    }
                    LineDiff::Changed(_, segs) => {
                        let _ = writeln!(out, "      {}", in_context(segs, marks));
                    }
                }
            }
        }
    }
    out
}

/// Changed words with a few words either side; the rest of a long paragraph elided.
fn in_context(segs: &[Seg], marks: Marks) -> String {
    let mut out = String::new();
    for (i, seg) in segs.iter().enumerate() {
        match seg {
            Seg::Added(t) => out.push_str(&marks.added(t.trim())),
            Seg::Removed(t) => out.push_str(&marks.removed(t.trim())),
            Seg::Same(t) => {
                // A cross-reference reads as its words ("section 2"), as in the paper.
                let t = &*crate::dialect::anchor::unlinked(t);
                let words: Vec<&str> = t.split_whitespace().collect();
                let (first, last) = (i == 0, i + 1 == segs.len());
                let keep_start = if first { 0 } else { CONTEXT.min(words.len()) };
                let keep_end = if last { 0 } else { CONTEXT.min(words.len()) };
                let space = |cond: bool| if cond { " " } else { "" };
                if words.len() <= keep_start + keep_end {
                    out.push_str(space(!first && t.starts_with(char::is_whitespace)));
                    out.push_str(&words.join(" "));
                    out.push_str(space(!last && t.ends_with(char::is_whitespace)));
                } else {
                    if keep_start > 0 {
                        out.push(' ');
                        out.push_str(&words[..keep_start].join(" "));
                    }
                    out.push_str(if first { "… " } else { " … " });
                    if keep_end > 0 {
                        out.push_str(&words[words.len() - keep_end..].join(" "));
                        out.push(' ');
                    }
                }
            }
        }
    }
    out.trim().to_string()
}

/// "1 change", "3 changes".
pub(super) fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::words::words;

    #[test]
    fn a_changed_figure_shows_only_its_neighbourhood() {
        let old =
            "one two three four five six seven eight nine ten at 95.40% and more words follow here for a long while";
        let new = old.replace("95.40%", "96.10%");
        let shown = in_context(&words(old, &new), Marks::Plain);
        assert_eq!(shown, "… six seven eight nine ten at [-95.40%-]{+96.10%+} and more words follow here for …");
    }
}
