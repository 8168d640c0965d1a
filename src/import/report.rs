//! What the importer reports: findings with their place in the document (a paragraph by
//! its number, the header or footer), turned into diagnostics once the file is named; the
//! comments of the document; and the one-line summary of what was imported.

use crate::diagnostic::{Diagnostic, Kind};
use crate::load::PaperSource;
use std::path::Path;

/// Where in the Word document a finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Place {
    /// The document as a whole.
    Document,
    /// A paragraph, by its number in the document (tables' paragraphs counted).
    Paragraph(usize),
    /// The header or the footer.
    Furniture(String),
}

/// Something the importer reports, before it is given the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Finding {
    pub(super) kind: Kind,
    pub(super) place: Place,
    pub(super) message: String,
    pub(super) hint: Option<String>,
}

impl Finding {
    pub(super) fn diagnostic(self, file: &Path, error: bool) -> Diagnostic {
        let d = if error {
            Diagnostic::error(self.kind, file, self.message)
        } else {
            Diagnostic::warning(self.kind, file, self.message)
        };
        let d = match self.place {
            Place::Document => d,
            Place::Paragraph(n) => d.at_field(format!("paragraph {n}")),
            Place::Furniture(part) => d.at_field(part),
        };
        match self.hint {
            Some(hint) => d.with_hint(hint),
            None => d,
        }
    }

    /// Document order: the document first, then paragraphs, then the page furniture.
    pub(super) fn order(&self) -> (u8, usize) {
        match self.place {
            Place::Document => (0, 0),
            Place::Paragraph(n) => (1, n),
            Place::Furniture(_) => (2, 0),
        }
    }
}

/// About the first eight words of `text`, at most 60 characters, for a report.
pub(super) fn first_words(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() > 60 {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Each comment of the document, as a finding at the paragraph it is anchored in.
pub(super) fn comment_findings(xml: Option<&str>, anchors: &std::collections::BTreeMap<String, usize>) -> Vec<Finding> {
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else { return Vec::new() };
    doc.root_element()
        .children()
        .filter(|n| n.tag_name().name() == "comment")
        .map(|c| {
            let id = super::styles::attr(c, "id").unwrap_or_default();
            let author = super::styles::attr(c, "author").filter(|a| !a.is_empty()).unwrap_or("someone");
            let text: Vec<String> = c
                .descendants()
                .filter(|p| p.tag_name().name() == "p")
                .map(|p| {
                    let words = p.descendants().filter_map(|n| match n.tag_name().name() {
                        "t" => n.text(),
                        "br" | "tab" => Some(" "),
                        _ => None,
                    });
                    words.collect::<String>()
                })
                .collect();
            Finding {
                kind: Kind::ImportComment,
                place: anchors.get(id).map_or(Place::Document, |n| Place::Paragraph(*n)),
                message: format!("comment by {author}: “{}”", text.join(" ").trim()),
                hint: Some("settle it in the YAML; comments are not imported".into()),
            }
        })
        .collect()
}

pub(super) fn summary(paper: &PaperSource) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let subsections: usize = paper.sections.iter().map(|s| s.subsections.len()).sum();
    let mut parts = vec![count(paper.sections.len(), "section")];
    if subsections > 0 {
        parts[0].push_str(&format!(" ({})", count(subsections, "subsection")));
    }
    parts.push(count(paper.recommendations.items.len(), "recommendation"));
    if !paper.attachments.is_empty() {
        parts.push(count(paper.attachments.len(), "attachment"));
    }
    if !paper.annexes.is_empty() {
        let rows: usize = paper.annexes.iter().map(|a| a.rows.len()).sum();
        parts.push(
            format!("{} of {}", count(paper.annexes.len(), "annex"), count(rows, "row")).replace("annexs", "annexes"),
        );
    }
    parts.join(", ")
}
