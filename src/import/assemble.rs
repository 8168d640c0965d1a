//! What the walk found, written as the paper format: the title, sections with their
//! bodies as Markdown, the Recommendations (a placeholder, reported, when the document has
//! none), then the facts (`facts`) and the attachments and annexes (`parts`). Values a
//! paper needs and the document does not give are errors, unless the meeting's manifest
//! gives them.

use super::shape::Walked;
use super::structure::Node;
use super::{Finding, Kind, MeetingFacts, Place, blocks, facts, markup, parts};
use crate::dialect::{Inline, Style};
use crate::domain::{Classification, Verb};
use crate::load::{PaperSource, RecommendationSource, RecommendationsSource, SectionSource};
use chrono::NaiveDate;

/// The document's own properties (`docProps/core.xml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Properties {
    pub(super) title: Option<String>,
    pub(super) keywords: Option<String>,
    /// The subject, where panelpaper's own Word papers keep their reference.
    pub(super) subject: Option<String>,
    pub(super) created: Option<NaiveDate>,
    /// The base class a panelpaper Word paper records (`docProps/custom.xml`).
    pub(super) base: Option<Classification>,
}

/// The paper, and notes the YAML carries as comments (by top-level key).
pub(super) struct Assembled {
    pub(super) paper: PaperSource,
    pub(super) comments: Vec<(&'static str, String)>,
}

/// Writes one-line fields, reporting emphasis that Markdown cannot place.
pub(super) struct Lines<'a> {
    pub(super) links: &'a [String],
    pub(super) findings: Vec<Finding>,
}

impl Lines<'_> {
    /// `inlines` as one line of Markdown; `what` names them in a report.
    pub(super) fn line(&mut self, inlines: &[Inline], what: &str) -> String {
        let (text, faithful) = markup::line(inlines, self.links);
        if !faithful {
            self.findings.push(Finding {
                kind: Kind::ImportUnmapped,
                place: Place::Document,
                message: format!("some emphasis of {what} cannot be written in Markdown and is left out"),
                hint: None,
            });
        }
        text
    }
}

/// Inlines without bold: a title's or heading's weight is its style's.
pub(super) fn unbold(inlines: &[Inline]) -> Vec<Inline> {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t, s) => Inline::Text(t.clone(), Style { bold: false, ..*s }),
            other => other.clone(),
        })
        .collect()
}

/// A part's class as written, when it is above `base`.
pub(super) fn above(class: Option<Classification>, base: Classification) -> Option<String> {
    class.filter(|c| *c > base).map(|c| c.name().to_string())
}

/// An error that a value the paper needs was not found.
pub(super) fn missing(what: &str, hint: &str) -> Finding {
    Finding {
        kind: Kind::ImportMissing,
        place: Place::Document,
        message: what.to_string(),
        hint: Some(hint.to_string()),
    }
}

/// A section and its subsections, numbered `number` for reports.
fn section(node: Node, number: String, base: Classification, out: &mut Lines) -> SectionSource {
    let blocks = blocks::body(&node.body, &mut out.findings);
    let (body, faithful) = markup::body(&blocks, out.links);
    if !faithful {
        out.findings.push(Finding {
            kind: Kind::ImportUnmapped,
            place: Place::Document,
            message: format!("some emphasis in section {number}'s body cannot be written in Markdown and is left out"),
            hint: None,
        });
    }
    let heading = out.line(&unbold(&node.heading), &format!("section {number}'s heading"));
    let subsections = node
        .children
        .into_iter()
        .enumerate()
        .map(|(i, child)| section(child, format!("{number}.{}", i + 1), base, out))
        .collect();
    SectionSource {
        id: None,
        heading,
        body: if body.is_empty() { body } else { body + "\n" },
        subsections,
        classification: above(node.class, base),
    }
}

pub(super) fn assemble(
    walked: Walked,
    properties: &Properties,
    meeting: Option<&MeetingFacts>,
) -> Result<(Assembled, Vec<Finding>), Vec<Finding>> {
    let Walked { mut builder, title, sign_off } = walked;
    let mut errors = Vec::new();
    let mut comments = Vec::new();
    let marking = builder.marking(&builder.front.clone(), properties.keywords.as_deref());
    // The base class a panelpaper paper recorded, if any (never above what the document is
    // marked: a part is read as classed only above it); else the marking, as for any Word paper.
    let base = properties.base.filter(|b| *b <= marking).unwrap_or(marking);
    if builder.findings.iter().any(|f| f.kind == Kind::ImportGuessed && f.message.starts_with("no classification")) {
        comments
            .push(("classification", "No marking was found in the Word paper: RED until you say otherwise.".into()));
    }
    let mut out = Lines { links: builder.links, findings: std::mem::take(&mut builder.findings) };

    let title = match (&title, &properties.title) {
        (Some(p), _) => out.line(&unbold(&p.inlines), "the title"),
        (None, Some(t)) if !t.trim().is_empty() => {
            out.findings.push(Finding {
                kind: Kind::ImportGuessed,
                place: Place::Document,
                message: format!("no title in the text: the document's properties give “{}”", t.trim()),
                hint: None,
            });
            out.line(&[Inline::Text(t.trim().to_string(), Style::REGULAR)], "the title")
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
    let mut nodes = std::mem::take(&mut builder.sections);
    let mut before = std::mem::take(&mut builder.before);
    before.append(&mut nodes[0].body);
    nodes[0].body = before;
    let sections: Vec<SectionSource> =
        nodes.into_iter().enumerate().map(|(i, n)| section(n, (i + 1).to_string(), base, &mut out)).collect();

    // Recommendations.
    let recs = std::mem::take(&mut builder.recommendations);
    let mut items: Vec<RecommendationSource> = recs
        .items
        .iter()
        .map(|(verb, text, class)| RecommendationSource {
            id: None,
            verb: verb.as_str().to_string(),
            text: out.line(text, "a recommendation"),
            classification: above(*class, base),
        })
        .collect();
    if items.is_empty() {
        let why = if recs.found {
            "the Recommendations hold no item starting with a verb"
        } else {
            "no Recommendations found"
        };
        out.findings.push(Finding {
            kind: Kind::ImportGuessed,
            place: Place::Document,
            message: format!("{why}: a placeholder “NOTE the contents of this paper.” is written"),
            hint: Some("write the recommendations in the YAML".into()),
        });
        comments.push((
            "recommendations",
            "No recommendation was found in the Word paper: this item is a placeholder.".into(),
        ));
        items.push(RecommendationSource {
            id: None,
            verb: Verb::Note.as_str().into(),
            text: "the contents of this paper.".into(),
            classification: None,
        });
    }
    let lead_in =
        recs.lead_in.map(|l| out.line(&l, "the lead-in").trim_end().trim_end_matches(':').trim_end().to_string());

    let action = facts::action(builder.front.action.clone(), &items, &mut out.findings);
    let signed = facts::sign_off(&builder.front, &sign_off, meeting, &mut errors);
    let reference =
        facts::reference(&mut builder.front, signed.date, properties, meeting, &mut out.findings, &mut errors);
    let attachments = parts::attachments(std::mem::take(&mut builder.attachments), base, marking, &mut out);
    let annexes = parts::annexes(std::mem::take(&mut builder.annexes), base, &mut out);
    if !errors.is_empty() {
        return Err(errors);
    }
    parts::report_raised(&sections, &items, &annexes, marking, &mut out.findings);
    let paper = PaperSource {
        committee: reference.committee,
        meeting: reference.meeting,
        meeting_date: reference.meeting_date,
        number: reference.number,
        reference: None,
        title,
        action: action.to_string(),
        classification: base.name().to_string(),
        author: signed.author,
        team: signed.team,
        date: signed.written_date.map(|d| d.to_string()),
        data: Default::default(),
        sources: Default::default(),
        sections,
        recommendations: RecommendationsSource { lead_in, items },
        attachments,
        annexes,
        bank_holidays: Vec::new(),
        portion_marks: None,
    };
    Ok((Assembled { paper, comments }, out.findings))
}
