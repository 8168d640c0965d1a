//! The attachments list and the annexes as the paper format (cells as the cell codec
//! carries them), and the report of parts marked above the paper's class.

use super::annex::AnnexDraft;
use super::assemble::{Lines, above, unbold};
use super::tail::Attachment;
use super::{Finding, Kind, Place, cells};
use crate::domain::Classification;
use crate::load::{AnnexSource, AttachmentSource, ClassifiedRow, RecommendationSource, RowSource, SectionSource};

/// The attachments; one without a class takes the paper's (reported). A description
/// carries its attachment's class, the title the paper's: the words after a colon are the
/// description only when that does not raise the paper's marking (a Word paper listing
/// "Evidence Log: the PMA's list (AMBER)" showed all of it at its own class).
pub(super) fn attachments(
    found: Vec<Attachment>,
    base: Classification,
    marking: Classification,
    out: &mut Lines,
) -> Vec<AttachmentSource> {
    found
        .into_iter()
        .map(|Attachment { mut title, mut description, class, number }| {
            if class.is_some_and(|c| c > marking)
                && let Some(words) = description.take()
            {
                title.push(crate::dialect::Inline::Text(": ".into(), crate::dialect::Style::REGULAR));
                title.extend(words);
            }
            let class = class.unwrap_or_else(|| {
                out.findings.push(Finding {
                    kind: Kind::ImportGuessed,
                    place: Place::Paragraph(number),
                    message: format!(
                        "the attachment “{}” names no class: it is given the paper's, {base}",
                        crate::dialect::plain_text(&title)
                    ),
                    hint: Some("check the attachment's `classification:`: it may be above the paper's".into()),
                });
                base
            });
            AttachmentSource {
                id: None,
                title: out.line(&title, "an attachment"),
                classification: class.name().to_string(),
                description: description.map(|d| out.line(&d, "an attachment")),
            }
        })
        .collect()
}

/// The annexes; one without a title is called by its letter (reported).
pub(super) fn annexes(drafts: Vec<AnnexDraft>, base: Classification, out: &mut Lines) -> Vec<AnnexSource> {
    let mut annexes = Vec::new();
    for (a, draft) in drafts.into_iter().enumerate() {
        let letter = char::from(b'A' + (a % 26) as u8);
        let title = if draft.title.is_empty() {
            out.findings.push(Finding {
                kind: Kind::ImportGuessed,
                place: Place::Paragraph(draft.number),
                message: format!("Annex {letter} has no title: it is called “Annex {letter}”"),
                hint: Some("give it its title in the YAML".into()),
            });
            format!("Annex {letter}")
        } else {
            out.line(&unbold(&draft.title), "an annex title")
        };
        let annex_class = draft.class.filter(|c| *c > base);
        let columns: Vec<String> =
            draft.columns.unwrap_or_default().iter().map(|c| cells::column(c, out.links).0).collect();
        let rows = draft
            .rows
            .into_iter()
            .map(|(row, class, number)| {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| {
                        let (md, faithful) = cells::cell(c, out.links);
                        if !faithful {
                            out.findings.push(Finding {
                                kind: Kind::ImportUnmapped,
                                place: Place::Paragraph(number),
                                message: "some emphasis in a cell cannot be written in Markdown and is left out".into(),
                                hint: None,
                            });
                        }
                        // A cell of several lines ends with a line break, as a `|` block does.
                        if md.contains('\n') { md + "\n" } else { md }
                    })
                    .collect();
                match above(class, annex_class.unwrap_or(base)) {
                    Some(classification) => RowSource::Classified(ClassifiedRow { cells, classification }),
                    None => RowSource::Cells(cells),
                }
            })
            .collect();
        annexes.push(AnnexSource {
            id: None,
            title,
            columns,
            rows,
            rows_from: None,
            classification: annex_class.map(|c| c.name().to_string()),
            generated: None,
        });
    }
    annexes
}

/// Reports the parts that carry a class above the paper's marking: rendered in full, the
/// paper is marked by the highest of them.
pub(super) fn report_raised(
    sections: &[SectionSource],
    items: &[RecommendationSource],
    annexes: &[AnnexSource],
    marking: Classification,
    findings: &mut Vec<Finding>,
) {
    let raised = raised(sections, items, annexes, marking);
    if raised.is_empty() {
        return;
    }
    findings.push(Finding {
        kind: Kind::ImportMarking,
        place: Place::Document,
        message: format!(
            "the paper's marking is {marking}, but {} {} a higher class: rendered in full, the paper is marked by the highest",
            raised.join(", "),
            if raised.len() == 1 { "carries" } else { "carry" }
        ),
        hint: Some("check the parts' `classification:` in the YAML: editions below it withhold them".into()),
    });
}

/// The parts that carry a class above `marking` ("section 2.1 (RED)", "Annex A row 2 (RED)").
fn raised(
    sections: &[SectionSource],
    items: &[RecommendationSource],
    annexes: &[AnnexSource],
    marking: Classification,
) -> Vec<String> {
    // A class the paper recorded as its base lies at or below the marking: not raised.
    let above = |class: &str| Classification::parse(class).is_none_or(|c| c > marking);
    fn walk(list: &[SectionSource], number: &str, above: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
        for (i, s) in list.iter().enumerate() {
            let n = if number.is_empty() { (i + 1).to_string() } else { format!("{number}.{}", i + 1) };
            if let Some(class) = s.classification.as_ref().filter(|c| above(c.as_str())) {
                out.push(format!("section {n} ({class})"));
            }
            walk(&s.subsections, &n, above, out);
        }
    }
    let mut out = Vec::new();
    walk(sections, "", &above, &mut out);
    for (i, item) in items.iter().enumerate() {
        if let Some(class) = item.classification.as_ref().filter(|c| above(c.as_str())) {
            out.push(format!("recommendation {} ({class})", i + 1));
        }
    }
    for (a, annex) in annexes.iter().enumerate() {
        let letter = char::from(b'A' + (a % 26) as u8);
        if let Some(class) = annex.classification.as_ref().filter(|c| above(c.as_str())) {
            out.push(format!("Annex {letter} ({class})"));
        }
        for (r, row) in annex.rows.iter().enumerate() {
            if let Some(class) = row.classification().filter(|c| above(c)) {
                out.push(format!("Annex {letter} row {} ({class})", r + 1));
            }
        }
    }
    out
}
