//! Stage 0, import: a Word paper (DOCX) read back into the paper format.
//!
//! A paper that began in Word — years of them in the secretariat's files, more arriving
//! from other organisations — becomes a [`PaperSource`] and its YAML: the package opened
//! within bounds (`package`), its XML read into paragraphs and tables with tracked changes
//! accepted or rejected (`read`, `runs`, `styles`), the committee paper's structure found
//! by style names first and text patterns after (`shape`, `front`, `structure`, `tail`,
//! `annex`), bodies and cells written as the project's Markdown and checked by reading
//! them back through the dialect (`blocks`, `markup`), and the YAML written and read back
//! by the loader (`yaml`). What has no place in a paper is kept as text where it stood and
//! reported; nothing is dropped in silence. No I/O: the caller reads the file and writes
//! the YAML.

mod annex;
mod assemble;
mod blocks;
mod front;
mod markup;
mod package;
mod patterns;
mod read;
mod runs;
mod shape;
mod structure;
mod styles;
mod tail;
mod yaml;

pub use package::Limits;

use crate::diagnostic::{Diagnostic, Diagnostics, Kind};
use crate::error::Error;
use crate::load::PaperSource;
use chrono::NaiveDate;
use std::path::Path;

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Take the old text of tracked changes (reject them) instead of the new.
    pub reject: bool,
    /// The meeting the paper belongs to: its reference and sign-off defaults come from the
    /// manifest, and are left out of the YAML.
    pub meeting: Option<MeetingFacts>,
    /// Bounds on what is read.
    pub limits: Limits,
}

/// What a meeting's manifest says of the paper being imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingFacts {
    /// The paper's reference in the meeting (`SECP_78_1303_29`), when the manifest lists it.
    pub reference: Option<String>,
    /// The manifest's default author.
    pub author: Option<String>,
    /// The manifest's default team.
    pub team: Option<String>,
    /// The manifest's default sign-off date.
    pub sign_off: Option<NaiveDate>,
}

/// A Word paper imported.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The paper.
    pub paper: PaperSource,
    /// Its YAML, as written to the file.
    pub yaml: String,
    /// What could not be mapped, was guessed, or was found on the way (comments, tracked
    /// changes, pictures), in document order.
    pub warnings: Diagnostics,
    /// Characters no PDF font can show, found in the text (the YAML is still written).
    pub uncovered: bool,
    /// "4 sections, 1 recommendation, 1 annex of 7 rows".
    pub summary: String,
}

/// Where in the Word document a finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// The document as a whole.
    Document,
    /// A paragraph, by its number in the document (tables' paragraphs counted).
    Paragraph(usize),
    /// The header or the footer.
    Furniture(String),
}

/// Something the importer reports, before it is given the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    kind: Kind,
    place: Place,
    message: String,
    hint: Option<String>,
}

impl Finding {
    fn diagnostic(self, file: &Path, error: bool) -> Diagnostic {
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
    fn order(&self) -> (u8, usize) {
        match self.place {
            Place::Document => (0, 0),
            Place::Paragraph(n) => (1, n),
            Place::Furniture(_) => (2, 0),
        }
    }
}

/// About the first eight words of `text`, at most 60 characters, for a report.
fn first_words(text: &str) -> String {
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

fn invalid(file: &Path, findings: Vec<Finding>) -> Error {
    Error::Invalid(Diagnostics(findings.into_iter().map(|f| f.diagnostic(file, true)).collect()))
}

/// The document's properties that the importer falls back on.
fn properties(xml: Option<&str>) -> assemble::Properties {
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else { return Default::default() };
    let text = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    assemble::Properties {
        title: text("title"),
        keywords: text("keywords"),
        subject: text("subject"),
        created: text("created").and_then(|c| c.get(..10).and_then(crate::domain::dates::parse_iso)),
    }
}

/// Imports the Word paper `bytes` (`file` names it in messages and the YAML's comment).
pub fn import(file: &Path, bytes: &[u8], options: &Options) -> Result<Imported, Error> {
    let one = |d: Box<Diagnostic>| Error::Invalid(Diagnostics(vec![*d]));
    let mut package = package::Package::open(file, bytes, options.limits).map_err(one)?;
    let main = package.main.clone();
    let document = package.part(&main).map_err(one)?.ok_or_else(|| {
        invalid(
            file,
            vec![Finding {
                kind: Kind::ImportNotDocx,
                place: Place::Document,
                message: format!("the package has no {main}"),
                hint: None,
            }],
        )
    })?;
    let document = roxmltree::Document::parse(&document).map_err(|e| {
        invalid(
            file,
            vec![Finding {
                kind: Kind::ImportBadXml,
                place: Place::Document,
                message: format!("{main} is not well-formed XML ({e})"),
                hint: Some("open the document in Word or LibreOffice, which may repair it, and save it again".into()),
            }],
        )
    })?;
    let mut part = |kind: &str| package.related(kind).map_err(one);
    let styles = styles::Styles::read(part("styles")?.as_deref());
    let numbering = styles::Numbering::read(part("numbering")?.as_deref());
    let comments = part("comments")?;
    let footnotes = read::notes(part("footnotes")?.as_deref());
    let endnotes = read::notes(part("endnotes")?.as_deref());
    let mut furniture_parts: Vec<(String, &str)> = package
        .relationships
        .values()
        .filter(|(kind, _, external)| (kind == "header" || kind == "footer") && !external)
        .map(|(kind, target, _)| (target.clone(), if kind == "header" { "header" } else { "footer" }))
        .collect();
    furniture_parts.sort();
    furniture_parts.dedup();
    let properties = properties(package.part("docProps/core.xml").map_err(one)?.as_deref());
    let relationships = package.relationships.clone();

    let mut reader = read::Reader::new(&styles, &numbering, &relationships, options.reject);
    reader.footnotes = footnotes;
    reader.endnotes = endnotes;
    let body = document.root_element().children().find(|n| n.tag_name().name() == "body");
    let items = body.map(|b| reader.blocks(b)).unwrap_or_default();
    let mut furniture = Vec::new();
    for (target, name) in &furniture_parts {
        let Some(xml) = package.part(target).map_err(one)? else { continue };
        let Ok(doc) = roxmltree::Document::parse(&xml) else { continue };
        reader.part = Place::Furniture((*name).to_string());
        for item in reader.blocks(doc.root_element()) {
            if let read::Item::Para(p) = item {
                furniture.push((p.text(), *name));
            }
        }
    }
    furniture.dedup();
    reader.part = Place::Document;

    let mut findings = std::mem::take(&mut reader.findings);
    findings.extend(comment_findings(comments.as_deref(), &reader.comment_anchors));
    let tracked = reader.tracked;
    if tracked.total() > 0 {
        let (done, other) = if options.reject {
            ("rejected: the old text is imported", "import without --reject for the new text")
        } else {
            ("accepted: the new text is imported", "--reject takes the old text instead")
        };
        let count = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let kinds: Vec<String> = [
            count(tracked.inserted, "insertion", "insertions"),
            count(tracked.deleted, "deletion", "deletions"),
            count(tracked.moved, "move", "moves"),
            count(tracked.formatting, "change of formatting", "changes of formatting"),
        ]
        .into_iter()
        .flatten()
        .collect();
        findings.push(Finding {
            kind: Kind::ImportTrackedChanges,
            place: Place::Document,
            message: format!(
                "{} tracked change{} {done} ({})",
                tracked.total(),
                if tracked.total() == 1 { "" } else { "s" },
                kinds.join(", ")
            ),
            hint: Some(other.to_string()),
        });
    }
    let links: Vec<String> = reader.links.iter().map(|l| markup::target(l)).collect();
    let walked = shape::walk(items, &links, &furniture, properties.title.as_deref());
    let (assembled, more) =
        assemble::assemble(walked, &properties, options.meeting.as_ref()).map_err(|e| invalid(file, e))?;
    findings.extend(more);

    let paper = assembled.paper;
    let mut uncovered = false;
    for (field, _, text) in paper.texts() {
        if let Some(c) = crate::fonts::first_uncovered(text) {
            uncovered = true;
            findings.push(Finding {
                kind: Kind::ImportCharacter,
                place: Place::Document,
                message: format!("{field}: character {c:?} (U+{:04X}) is in none of the PDF's fonts: the YAML is written, but PDF output refuses it", c as u32),
                hint: Some(crate::fonts::COVERAGE_HINT.to_string()),
            });
        }
    }
    let origin = file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
    let yaml = yaml::write(&paper, &assembled.comments, &origin);
    yaml::reads_back(&yaml, &paper).map_err(|why| {
        Error::Usage(format!(
            "the YAML written for {} does not read back as the paper imported ({why}): a bug in panelpaper import",
            file.display()
        ))
    })?;
    findings.sort_by_key(Finding::order);
    let summary = summary(&paper);
    let warnings = Diagnostics(findings.into_iter().map(|f| f.diagnostic(file, false)).collect());
    Ok(Imported { paper, yaml, warnings, uncovered, summary })
}

/// Each comment of the document, as a finding at the paragraph it is anchored in.
fn comment_findings(xml: Option<&str>, anchors: &std::collections::BTreeMap<String, usize>) -> Vec<Finding> {
    let Some(doc) = xml.and_then(|x| roxmltree::Document::parse(x).ok()) else { return Vec::new() };
    doc.root_element()
        .children()
        .filter(|n| n.tag_name().name() == "comment")
        .map(|c| {
            let id = styles::attr(c, "id").unwrap_or_default();
            let author = styles::attr(c, "author").filter(|a| !a.is_empty()).unwrap_or("someone");
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

fn summary(paper: &PaperSource) -> String {
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
