//! The front of a paper and what every page repeats: the classification statement and TLP
//! label (footer, header or body) that give the marking, the title block's labelled lines
//! ("Paper Reference:", "Action:", "Classification:"…), and the title (the `Title` style,
//! else a lone unnumbered top heading, else a bold first line, else the document's
//! properties).

use super::items::{Item, Para};
use super::patterns::{self, labelled};
use super::structure::Builder;
use super::styles::Role;
use super::values;
use super::values::{marking, reference, statement};
use super::{Finding, Kind, Place};
use crate::domain::{Action, Classification};
use chrono::NaiveDate;

/// What the title block and the page furniture say.
#[derive(Debug, Clone, Default)]
pub(super) struct Front {
    /// The reference, and where it was read.
    pub(super) reference: Option<(values::Written, String)>,
    pub(super) action: Option<Action>,
    /// Each class found, with where it was found.
    pub(super) classes: Vec<(Classification, String)>,
    pub(super) date: Option<NaiveDate>,
    pub(super) author: Option<String>,
    pub(super) team: Option<String>,
}

const REFERENCE: [&str; 7] =
    ["Paper Reference", "Paper Ref", "Document Reference", "Our Reference", "Reference", "Ref", "Paper Number"];
const ACTION: [&str; 3] = ["Action Required", "Action", "Purpose"];
const CLASS: [&str; 5] = ["Security Classification", "Protective Marking", "Classification", "Marking", "TLP"];
const DATE: [&str; 1] = ["Date"];
const AUTHOR: [&str; 3] = ["Author", "Prepared by", "From"];
const TEAM: [&str; 1] = ["Team"];

impl Front {
    /// Reads a title-block line; `false` if it is not one.
    pub(super) fn label(&mut self, text: &str) -> bool {
        let text = text.trim();
        if let Some((_, value)) = labelled(text, &REFERENCE)
            && let Some(found) = reference(&value)
        {
            self.reference.get_or_insert((found, "the title block".into()));
            return true;
        }
        if let Some((_, value)) = labelled(text, &ACTION) {
            let action = Action::parse(&value).or_else(|| Action::parse(&format!("For {value}")));
            if let Some(action) = action.filter(|_| !value.is_empty() && value.len() < 60) {
                self.action.get_or_insert(action);
                return true;
            }
        }
        if let Some((_, value)) = labelled(text, &CLASS)
            && let Some(class) = Classification::parse(&value).or_else(|| marking(&value))
        {
            self.classes.push((class, "the title block".into()));
            return true;
        }
        if let Some((_, value)) = labelled(text, &DATE)
            && let Some(date) = values::date(&value)
        {
            self.date.get_or_insert(date);
            return true;
        }
        for (labels, slot) in [(&AUTHOR[..], &mut self.author), (&TEAM[..], &mut self.team)] {
            if let Some((_, value)) = labelled(text, labels).filter(|(_, v)| !v.is_empty() && v.len() <= 100) {
                slot.get_or_insert(value);
                return true;
            }
        }
        // A line that is only an action ("For Decision") or only a reference.
        if let Some(action) = Action::parse(text).filter(|_| text.split_whitespace().count() <= 3) {
            self.action.get_or_insert(action);
            return true;
        }
        if text.split_whitespace().count() == 1
            && let Some(found) = reference(text)
        {
            self.reference.get_or_insert((found, "the title block".into()));
            return true;
        }
        false
    }

    /// Reads a line of a header or footer: a statement, a TLP label, a reference, a page
    /// number; `false` for anything else.
    pub(super) fn furniture(&mut self, text: &str, place: &str) -> bool {
        let text = text.trim();
        if text.is_empty() || page_number(text) {
            return true;
        }
        let mut known = false;
        if let Some(class) = statement(text) {
            self.classes.push((class, format!("the {place}'s classification statement")));
            known = true;
        }
        let labels = values::markings(text);
        for (class, _) in &labels {
            self.classes.push((*class, format!("the {place}'s TLP label")));
        }
        known |= !labels.is_empty() && text.split_whitespace().count() <= 3;
        if let Some(found) = reference(text) {
            self.reference.get_or_insert((found, format!("the {place}")));
            known |= text.split_whitespace().count() <= 3;
        }
        known
    }
}

/// "Page 3 of 12", "Page 3", "3", "3 of 12", "- 3 -": the page furniture's numbers.
fn page_number(text: &str) -> bool {
    let lower = text.to_lowercase();
    let rest = lower.strip_prefix("page").unwrap_or(&lower);
    rest.split_whitespace().all(|w| w == "of" || w == "-" || w.chars().all(|c| c.is_ascii_digit()))
}

/// Whether a body paragraph is page furniture repeated in the text: a classification
/// statement or a paragraph that is only a TLP label.
pub(super) fn body_furniture(p: &Para, front: &mut Front) -> bool {
    let text = p.text();
    if let Some(class) = statement(&text).filter(|_| text.split_whitespace().count() <= 60) {
        front.classes.push((class, format!("the classification statement in paragraph {}", p.number)));
        return true;
    }
    if let Some(class) = marking(&text) {
        front.classes.push((class, format!("the TLP label in paragraph {}", p.number)));
        return true;
    }
    false
}

/// Where the title is among `items` (top-level paragraphs), if anywhere.
pub(super) fn find_title(items: &[Item], document_title: Option<&str>) -> Option<usize> {
    let para = |i: usize| match &items[i] {
        Item::Para(p) => Some(p),
        Item::Table(_) => None,
    };
    if let Some(at) = (0..items.len()).find(|&i| para(i).is_some_and(|p| p.role == Role::Title && !p.text().is_empty()))
    {
        return Some(at);
    }
    let headings: Vec<(usize, u8, bool)> = (0..items.len())
        .filter_map(|i| match para(i)?.role {
            Role::Heading(level) => {
                let text = para(i)?.text();
                let annex = super::annex::label(&text).is_some();
                (!annex && !text.is_empty()).then(|| (i, level, patterns::section_number(&text).is_some()))
            }
            _ => None,
        })
        .collect();
    let first_heading = headings.first().map(|h| h.0);
    if let Some(&(at, level, numbered)) = headings.first() {
        let top = headings.iter().map(|h| h.1).min().unwrap_or(level);
        let others = headings[1..].iter().filter(|h| h.1 == top);
        if level == top && !numbered && headings.len() > 1 && others.clone().all(|h| h.2) {
            return Some(at);
        }
    }
    // A bold line, or the document's own title, before the first heading.
    let before = first_heading.unwrap_or(items.len());
    (0..before).find(|&i| {
        para(i).is_some_and(|p| {
            let text = p.text();
            let named = document_title.is_some_and(|t| t.trim().eq_ignore_ascii_case(&text));
            let bold = patterns::all_bold(&p.inlines) && text.chars().count() <= 150 && p.list.is_none();
            !text.is_empty()
                && (named || bold)
                && Front::default().label(&text).eq(&false)
                && patterns::section_number(&text).is_none()
        })
    })
}

impl Builder<'_> {
    /// The paper's marking: the highest class the document states anywhere; several
    /// different ones are reported, none is RED (never under-marked) and reported.
    pub(super) fn marking(&mut self, front: &Front, keywords: Option<&str>) -> Classification {
        let mut classes = front.classes.clone();
        if classes.is_empty()
            && let Some(class) = keywords.and_then(|k| k.split([',', ';']).find_map(Classification::parse))
        {
            classes.push((class, "the document's keywords".into()));
        }
        let Some(highest) = classes.iter().map(|(c, _)| *c).max() else {
            self.findings.push(Finding {
                kind: Kind::ImportGuessed,
                place: Place::Document,
                message: "no classification statement or TLP label found: the paper is marked RED, the highest class, so that it is never under-marked".into(),
                hint: Some("set `classification:` in the YAML to the paper's class".into()),
            });
            return Classification::Red;
        };
        if classes.iter().any(|(c, _)| *c != highest) {
            let said: Vec<String> = classes.iter().map(|(c, where_)| format!("{c} in {where_}")).collect();
            self.findings.push(Finding {
                kind: Kind::ImportMarking,
                place: Place::Document,
                message: format!(
                    "the document gives different classes ({}): the paper is marked {highest}, the highest",
                    said.join(", ")
                ),
                hint: Some("check `classification:` in the YAML".into()),
            });
        }
        highest
    }
}
