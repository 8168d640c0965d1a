//! What the walk found, written as the paper format: bodies and cells as Markdown, the
//! reference's parts (the meeting's year from the sign-off), the action (from the verbs
//! when the title block gives none), parts' classes where they are above the paper's.
//! Values a paper needs and the document does not give are errors, unless the meeting's
//! manifest gives them.

use super::shape::Walked;
use super::{Finding, Kind, MeetingFacts, Place, blocks, markup};
use crate::dialect::{Inline, Style};
use crate::domain::{Action, Classification, Verb};
use crate::load::{
    AnnexSource, AttachmentSource, ClassifiedRow, PaperSource, RecommendationSource, RowSource, SectionSource,
};
use chrono::{Datelike, NaiveDate};

/// The document's own properties (`docProps/core.xml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Properties {
    pub(super) title: Option<String>,
    pub(super) keywords: Option<String>,
    /// The subject, where panelpaper's own Word papers keep their reference.
    pub(super) subject: Option<String>,
    pub(super) created: Option<NaiveDate>,
}

/// The paper, and notes the YAML carries as comments (by top-level key).
pub(super) struct Assembled {
    pub(super) paper: PaperSource,
    pub(super) comments: Vec<(&'static str, String)>,
}

/// Inlines without bold: a title's or heading's weight is its style's.
fn unbold(inlines: &[Inline]) -> Vec<Inline> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t, s) => Inline::Text(t.clone(), Style { bold: false, ..*s }),
            Inline::Break => Inline::Break,
        })
        .collect()
}

fn above(class: Option<Classification>, base: Classification) -> Option<String> {
    class.filter(|c| *c > base).map(|c| c.name().to_string())
}

/// An error that a value the paper needs was not found.
fn missing(what: &str, hint: &str) -> Finding {
    Finding {
        kind: Kind::ImportMissing,
        place: Place::Document,
        message: what.to_string(),
        hint: Some(hint.to_string()),
    }
}

/// The meeting date in the year that puts it on or after the sign-off.
fn meeting_date(day: u32, month: u32, after: NaiveDate) -> Option<NaiveDate> {
    (after.year()..=after.year() + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).find(|d| *d >= after)
}

pub(super) fn assemble(
    walked: Walked,
    properties: &Properties,
    meeting: Option<&MeetingFacts>,
) -> Result<(Assembled, Vec<Finding>), Vec<Finding>> {
    let Walked { mut builder, title, sign_off } = walked;
    let links = builder.links;
    let mut errors = Vec::new();
    let mut comments = Vec::new();
    let base = builder.marking(&builder.front.clone(), properties.keywords.as_deref());
    if builder.findings.iter().any(|f| f.kind == Kind::ImportGuessed && f.message.starts_with("no classification")) {
        comments.push((
            "classification",
            "No marking was found in the Word paper: RED until you say otherwise.".to_string(),
        ));
    }
    let mut findings = std::mem::take(&mut builder.findings);
    let line = |inlines: &[Inline], what: &str, findings: &mut Vec<Finding>| {
        let (text, faithful) = markup::line(inlines, links);
        if !faithful {
            findings.push(Finding {
                kind: Kind::ImportUnmapped,
                place: Place::Document,
                message: format!("some emphasis of {what} cannot be written in Markdown and is left out"),
                hint: None,
            });
        }
        text
    };

    let title = match (&title, &properties.title) {
        (Some(p), _) => line(&unbold(&p.inlines), "the title", &mut findings),
        (None, Some(t)) if !t.trim().is_empty() => {
            findings.push(Finding {
                kind: Kind::ImportGuessed,
                place: Place::Document,
                message: format!("no title in the text: the document's properties give “{}”", t.trim()),
                hint: None,
            });
            line(&[Inline::Text(t.trim().to_string(), Style::REGULAR)], "the title", &mut findings)
        }
        _ => {
            errors.push(missing(
                "no title found (a paragraph in the Title style, a lone top heading, or a bold first line)",
                "give the document a title in Word's Title style",
            ));
            String::new()
        }
    };
    if builder.sections.is_empty() {
        // Without sections nothing else can be placed: that is the one problem to report.
        return Err(vec![Finding {
            kind: Kind::ImportNoStructure,
            place: Place::Document,
            message: "no numbered sections found: the document has no heading styles, no typed section numbers (\"1. Purpose\") and no bold one-line headings".into(),
            hint: Some("set the section headings in Word's Heading 1 and Heading 2 styles, then import again".into()),
        }]);
    }

    // Sections, what came before the first kept at the start of its body.
    let before = std::mem::take(&mut builder.before);
    if let Some(first) = builder.sections.first_mut() {
        let mut body = before;
        body.append(&mut first.body);
        first.body = body;
    }
    fn section(
        node: super::structure::Node,
        number: String,
        base: Classification,
        links: &[String],
        findings: &mut Vec<Finding>,
    ) -> SectionSource {
        let blocks = blocks::body(&node.body, findings);
        let (body, faithful) = markup::body(&blocks, links);
        if !faithful {
            findings.push(Finding {
                kind: Kind::ImportUnmapped,
                place: Place::Document,
                message: format!(
                    "some emphasis in section {number}'s body cannot be written in Markdown and is left out"
                ),
                hint: None,
            });
        }
        let (heading, _) = markup::line(&unbold(&node.heading), links);
        let subsections = node
            .children
            .into_iter()
            .enumerate()
            .map(|(i, child)| section(child, format!("{number}.{}", i + 1), base, links, findings))
            .collect();
        SectionSource {
            heading,
            body: if body.is_empty() { body } else { body + "\n" },
            subsections,
            classification: above(node.class, base),
        }
    }
    let nodes = std::mem::take(&mut builder.sections);
    let sections: Vec<SectionSource> = nodes
        .into_iter()
        .enumerate()
        .map(|(i, n)| section(n, (i + 1).to_string(), base, links, &mut findings))
        .collect();

    // Recommendations.
    let recs = std::mem::take(&mut builder.recommendations);
    let mut items: Vec<RecommendationSource> = recs
        .items
        .iter()
        .map(|(verb, text, class)| RecommendationSource {
            verb: verb.as_str().to_string(),
            text: line(text, "a recommendation", &mut findings),
            classification: above(*class, base),
        })
        .collect();
    if items.is_empty() {
        findings.push(Finding {
            kind: Kind::ImportGuessed,
            place: Place::Document,
            message: format!(
                "{}: a placeholder “NOTE the contents of this paper.” is written",
                if recs.found {
                    "the Recommendations hold no item starting with a verb"
                } else {
                    "no Recommendations found"
                }
            ),
            hint: Some("write the recommendations in the YAML".into()),
        });
        comments.push((
            "recommendations",
            "No recommendation was found in the Word paper: this item is a placeholder.".to_string(),
        ));
        items.push(RecommendationSource {
            verb: Verb::Note.as_str().into(),
            text: "the contents of this paper.".into(),
            classification: None,
        });
    }
    let lead_in = recs.lead_in.map(|l| {
        let text = line(&l, "the lead-in", &mut findings);
        text.trim_end().trim_end_matches(':').trim_end().to_string()
    });

    let action = builder.front.action.clone().unwrap_or_else(|| {
        let verbs: Vec<Verb> = items.iter().filter_map(|i| Verb::parse(&i.verb)).collect();
        let action = if verbs.iter().any(|v| v.decides()) {
            Action::Decision
        } else if verbs.contains(&Verb::Discuss) {
            Action::Discussion
        } else {
            Action::Information
        };
        findings.push(Finding {
            kind: Kind::ImportGuessed,
            place: Place::Document,
            message: format!(
                "no action line (\"Action: For …\") found: “{action}” is taken from the recommendations' verbs"
            ),
            hint: Some("check `action:` in the YAML".into()),
        });
        action
    });

    // The sign-off, from the end of the paper or the title block; a meeting's defaults
    // need not be repeated.
    let author = sign_off.author.clone().or_else(|| builder.front.author.clone());
    let team = sign_off.team.clone().or_else(|| builder.front.team.clone());
    let date = sign_off.date.or(builder.front.date);
    let default = |value: &Option<String>, manifest: Option<&Option<String>>| match (value, manifest) {
        (Some(v), Some(Some(m))) if v == m => None,
        (v, _) => v.clone(),
    };
    let author_out = default(&author, meeting.map(|m| &m.author));
    let team_out = default(&team, meeting.map(|m| &m.team));
    let date_out = match (date, meeting.and_then(|m| m.sign_off)) {
        (Some(d), Some(m)) if d == m => None,
        (d, _) => d,
    };
    for (what, value, has_default) in [
        ("author", &author, meeting.is_some_and(|m| m.author.is_some())),
        ("team", &team, meeting.is_some_and(|m| m.team.is_some())),
        ("date", &date.map(|d| d.to_string()), meeting.is_some_and(|m| m.sign_off.is_some())),
    ] {
        if value.is_none() && !has_default {
            errors.push(missing(
                &format!("no sign-off {what} found (the lines after the Recommendations: author, team, date)"),
                "add the sign-off to the Word paper, or import with --meeting FILE whose manifest gives defaults",
            ));
        }
    }

    // The reference: in a meeting, the manifest's.
    let mut reference_parts = (None, None, None, None);
    if builder.front.reference.is_none()
        && let Some(found) = properties.subject.as_deref().and_then(super::patterns::reference)
    {
        builder.front.reference = Some((found, "the document's properties".into()));
    }
    match (meeting, &builder.front.reference) {
        (Some(facts), Some((found, place))) => {
            let found = found.to_string();
            if facts.reference.as_deref().is_some_and(|r| r != found) {
                findings.push(Finding {
                    kind: Kind::ImportReference,
                    place: Place::Document,
                    message: format!("{place} gives the reference {found}, but the meeting makes the paper {}: the manifest's is used", facts.reference.as_deref().unwrap_or_default()),
                    hint: None,
                });
            }
        }
        (Some(_), None) => {}
        (None, Some((found, _))) => {
            let on = date.or(properties.created);
            match on.and_then(|d| meeting_date(found.day, found.month, d)) {
                Some(held) => {
                    reference_parts =
                        (Some(found.committee.clone()), Some(found.meeting), Some(held.to_string()), Some(found.number))
                }
                None => errors.push(missing(
                    "the reference gives the meeting's day and month, but no sign-off date gives its year",
                    "import with --meeting FILE, or add the sign-off date",
                )),
            }
        }
        (None, None) => errors.push(missing(
            "no paper reference (such as SECP_78_1303_29) found in the title block, header or footer",
            "import with --meeting FILE to take the reference from the meeting's manifest, or add \"Paper Reference: …\" to the Word paper",
        )),
    }

    let attachments = std::mem::take(&mut builder.attachments)
        .into_iter()
        .map(|super::tail::Attachment { title, description, class, number }| {
            let class = class.unwrap_or_else(|| {
                findings.push(Finding {
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
                title: line(&title, "an attachment", &mut findings),
                classification: class.name().to_string(),
                description: description.map(|d| line(&d, "an attachment", &mut findings)),
            }
        })
        .collect();

    let mut annexes = Vec::new();
    for (a, draft) in std::mem::take(&mut builder.annexes).into_iter().enumerate() {
        let letter = char::from(b'A' + (a % 26) as u8);
        let title = if draft.title.is_empty() {
            findings.push(Finding {
                kind: Kind::ImportGuessed,
                place: Place::Paragraph(draft.number),
                message: format!("Annex {letter} has no title: it is called “Annex {letter}”"),
                hint: Some("give it its title in the YAML".into()),
            });
            format!("Annex {letter}")
        } else {
            line(&unbold(&draft.title), "an annex title", &mut findings)
        };
        let annex_class = draft.class.filter(|c| *c > base);
        let columns: Vec<String> =
            draft.columns.unwrap_or_default().iter().map(|c| markup::column(c, links).0).collect();
        let rows = draft
            .rows
            .into_iter()
            .map(|(cells, class, number)| {
                let cells: Vec<String> = cells
                    .iter()
                    .map(|c| {
                        let (md, faithful) = markup::cell(c, links);
                        if !faithful {
                            findings.push(Finding {
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
        annexes.push(AnnexSource { title, columns, rows, classification: annex_class.map(|c| c.name().to_string()) });
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    let raised = raised(&sections, &items, &annexes);
    if !raised.is_empty() {
        findings.push(Finding {
            kind: Kind::ImportMarking,
            place: Place::Document,
            message: format!(
                "the paper's marking is {base}, but {} {} a higher class: rendered in full, the paper is marked by the highest",
                raised.join(", "),
                if raised.len() == 1 { "carries" } else { "carry" }
            ),
            hint: Some("check the parts' `classification:` in the YAML: editions below it withhold them".into()),
        });
    }
    let (committee, meeting_number, meeting_date, number) = reference_parts;
    let paper = PaperSource {
        committee,
        meeting: meeting_number,
        meeting_date,
        number,
        reference: None,
        title,
        action: action.to_string(),
        classification: base.name().to_string(),
        author: author_out,
        team: team_out,
        date: date_out.map(|d| d.to_string()),
        data: Default::default(),
        sections,
        recommendations: crate::load::RecommendationsSource { lead_in, items },
        attachments,
        annexes,
    };
    Ok((Assembled { paper, comments }, findings))
}

/// The parts that carry a class of their own ("section 2.1 (RED)", "Annex A row 2 (RED)").
fn raised(sections: &[SectionSource], items: &[RecommendationSource], annexes: &[AnnexSource]) -> Vec<String> {
    fn walk(list: &[SectionSource], number: &str, out: &mut Vec<String>) {
        for (i, s) in list.iter().enumerate() {
            let n = if number.is_empty() { (i + 1).to_string() } else { format!("{number}.{}", i + 1) };
            if let Some(class) = &s.classification {
                out.push(format!("section {n} ({class})"));
            }
            walk(&s.subsections, &n, out);
        }
    }
    let mut out = Vec::new();
    walk(sections, "", &mut out);
    for (i, item) in items.iter().enumerate() {
        if let Some(class) = &item.classification {
            out.push(format!("recommendation {} ({class})", i + 1));
        }
    }
    for (a, annex) in annexes.iter().enumerate() {
        let letter = char::from(b'A' + (a % 26) as u8);
        if let Some(class) = &annex.classification {
            out.push(format!("Annex {letter} ({class})"));
        }
        for (r, row) in annex.rows.iter().enumerate() {
            if let Some(class) = row.classification() {
                out.push(format!("Annex {letter} row {} ({class})", r + 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meeting_falls_on_or_after_the_sign_off() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(meeting_date(13, 3, d(2020, 3, 6)), Some(d(2020, 3, 13)));
        assert_eq!(meeting_date(14, 1, d(2020, 12, 18)), Some(d(2021, 1, 14)));
        assert_eq!(meeting_date(29, 2, d(2021, 1, 5)), None, "no 29 February in 2021 or 2022");
    }
}
