//! Stage 0, import: a Word paper (DOCX) read back into the paper format.
//!
//! A paper that began in Word — years of them in the secretariat's files, more arriving
//! from other organisations — becomes a [`PaperSource`] and its YAML:
//! - the package opened within bounds (`package`, `opc`);
//! - its XML read into paragraphs and tables, tracked changes accepted or rejected
//!   (`read`, `runs`, `items`, `styles`, `numbering`);
//! - the committee paper's structure found, style names first and text patterns after
//!   (`shape`, `front`, `structure`, `tail`, `annex`, `patterns`, `values`);
//! - written as the paper format (`assemble`, `facts`, `parts`), bodies and cells as the
//!   project's Markdown, each read back through the dialect (`blocks`, `markup`, `cells`,
//!   `escape`, `readback`), and the YAML read back by the loader (`yaml`).
//!
//! What has no place in a paper is kept as text where it stood and reported (`report`);
//! nothing is dropped in silence. No I/O: the caller reads the file and writes the YAML.
mod annex;
mod assemble;
mod blocks;
mod cells;
mod escape;
mod facts;
mod front;
mod items;
mod markup;
mod numbering;
mod opc;
mod package;
mod parts;
mod patterns;
mod read;
mod readback;
mod report;
mod runs;
mod shape;
mod structure;
mod styles;
mod tail;
mod values;
mod yaml;

pub use package::Limits;

use crate::diagnostic::{Diagnostic, Diagnostics, Kind};
use crate::error::Error;
use crate::load::PaperSource;
use chrono::NaiveDate;
use report::{Finding, Place};
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

fn invalid(file: &Path, findings: Vec<Finding>) -> Error {
    Error::Invalid(Diagnostics(findings.into_iter().map(|f| f.diagnostic(file, true)).collect()))
}

/// The base class recorded in the custom properties (`docProps/custom.xml`), if any.
fn base_class(xml: Option<&str>) -> Option<crate::domain::Classification> {
    let doc = roxmltree::Document::parse(xml?).ok()?;
    let property = doc.descendants().find(|n| {
        n.tag_name().name() == "property" && n.attribute("name") == Some(crate::dialect::BASE_CLASS_PROPERTY)
    })?;
    property.descendants().find_map(|n| n.text()).and_then(|t| crate::domain::Classification::parse(t.trim()))
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
        base: None,
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
    if read::too_deep(&document) {
        return Err(invalid(
            file,
            vec![Finding {
                kind: Kind::ImportBadXml,
                place: Place::Document,
                message: format!("{main} nests its elements more than {} deep", read::MAX_NESTING),
                hint: Some("a Word paper never nests so deep: open it in Word or LibreOffice and save it again".into()),
            }],
        ));
    }
    let mut part = |kind: &str| package.related(kind).map_err(one);
    let styles = styles::Styles::read(part("styles")?.as_deref());
    let numbering = numbering::Numbering::read(part("numbering")?.as_deref());
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
    let properties = assemble::Properties {
        base: base_class(package.part("docProps/custom.xml").map_err(one)?.as_deref()),
        ..properties(package.part("docProps/core.xml").map_err(one)?.as_deref())
    };
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
        if read::too_deep(&doc) {
            reader.finding(Kind::ImportUnmapped, format!("a {name} nests its elements too deep to read: left out"));
            continue;
        }
        for item in reader.blocks(doc.root_element()) {
            if let items::Item::Para(p) = item {
                furniture.push((p.text(), *name));
            }
        }
    }
    // First-page and even-page headers repeat the default one: each line once, in order.
    let mut seen = std::collections::BTreeSet::new();
    furniture.retain(|line| seen.insert(line.clone()));
    reader.part = Place::Document;

    let mut findings = std::mem::take(&mut reader.findings);
    findings.extend(report::comment_findings(comments.as_deref(), &reader.comment_anchors));
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
    let links: Vec<String> = reader.links.iter().map(|l| escape::target(l)).collect();
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
    let summary = report::summary(&paper);
    let warnings = Diagnostics(findings.into_iter().map(|f| f.diagnostic(file, false)).collect());
    Ok(Imported { paper, yaml, warnings, uncovered, summary })
}
