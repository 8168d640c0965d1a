//! Internal cross-references: the parts a paper's text refers to by `id`, numbered here as
//! the paper prints them, so that `{{ ref(id="…") }}` prints "section 2.3", "Annex A",
//! "Appendix B", "recommendation 4.2" or "Annex A, row 7" and follows the part when the
//! paper is renumbered.
//!
//! A reference prints only a number, never a heading, so it shows nothing of a part an
//! edition withholds; it links to the part's anchor only when the part is shown.

use super::checked::{PartClasses, SectionClass};
use super::number::SectionNumber;
use crate::domain::Classification;
use crate::load::{PaperSource, SectionSource};
use std::collections::BTreeMap;

/// A part a reference can lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// What a reference prints: "section 2.3", "Annex A, row 7".
    pub text: String,
    /// The anchor its link leads to (see [`anchor`]).
    pub anchor: String,
    /// The highest class of the part and what contains it: an edition below it withholds it.
    pub class: Classification,
}

/// Every part of a paper that has an `id`, by id (the first, where two share one: the
/// validate stage refuses the second), and an annex's rows by their first cell.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    parts: BTreeMap<String, Target>,
    rows: BTreeMap<String, Vec<(String, Target)>>,
}

/// The anchor of the part whose id is `id`. Ids hold no `.`, so no id's anchor is a row's.
pub fn anchor(id: &str) -> String {
    format!("ref-{id}")
}

/// The anchor of row `number` (from 1) of the annex whose id is `annex`.
pub fn row_anchor(annex: &str, number: usize) -> String {
    format!("ref-{annex}.{number}")
}

/// Why a row reference finds no row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowMiss {
    /// No part has the id, or it is not an annex.
    NotAnAnnex,
    /// No row's first cell is the key; the keys there are.
    NoRow(Vec<String>),
    /// Several rows' first cells are the key.
    Several,
}

impl Targets {
    /// The targets of `src` (as written: ids and first cells are never templates' output),
    /// classed as `parts` says.
    pub fn of(src: &PaperSource, parts: &PartClasses) -> Targets {
        let mut out = Targets::default();
        sections(&src.sections, &parts.sections, &SectionNumber::root(), None, &mut out);
        let recommendations = SectionNumber::top(src.sections.len() + 1);
        let items = &src.recommendations.items;
        for (i, item) in items.iter().enumerate() {
            let class = parts.recommendations.get(i).copied().unwrap_or(Classification::Red);
            // A lone recommendation is printed as the section's one sentence, unnumbered.
            let text = match items.len() {
                1 => format!("section {recommendations}"),
                _ => format!("recommendation {}", recommendations.child(i + 1)),
            };
            out.add(item.id.as_deref(), text, class);
        }
        for (i, a) in src.attachments.iter().enumerate() {
            // An attachment is never withheld (its line shows its title and class), so its
            // reference is shown in every edition: the lowest class.
            out.add(a.id.as_deref(), format!("Appendix {}", super::letter(i)), Classification::White);
        }
        for (i, a) in src.annexes.iter().enumerate() {
            let classes = parts.annexes.get(i);
            let class = classes.map_or(Classification::Red, |c| c.class);
            let letter = super::letter(i);
            out.add(a.id.as_deref(), format!("Annex {letter}"), class);
            let Some(id) = a.id.as_deref() else { continue };
            if out.rows.contains_key(id) {
                continue;
            }
            let rows = a
                .rows
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let key = row.cells().first().map(|c| c.trim().to_string()).unwrap_or_default();
                    let row_class = classes.and_then(|c| c.rows.get(r)).copied().unwrap_or(class).max(class);
                    let target = Target {
                        text: format!("Annex {letter}, row {}", r + 1),
                        anchor: row_anchor(id, r + 1),
                        class: row_class,
                    };
                    (key, target)
                })
                .collect();
            out.rows.insert(id.to_string(), rows);
        }
        out
    }

    fn add(&mut self, id: Option<&str>, text: String, class: Classification) {
        if let Some(id) = id {
            self.parts.entry(id.to_string()).or_insert(Target { text, anchor: anchor(id), class });
        }
    }

    /// The part whose id is `id`.
    pub fn get(&self, id: &str) -> Option<&Target> {
        self.parts.get(id)
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.parts.keys().map(String::as_str)
    }

    /// The row whose first cell is `key` in the annex whose id is `id`.
    pub fn row(&self, id: &str, key: &str) -> Result<&Target, RowMiss> {
        let rows = self.rows.get(id).ok_or(RowMiss::NotAnAnnex)?;
        let key = key.trim();
        let mut found = rows.iter().filter(|(k, _)| k == key);
        match (found.next(), found.next()) {
            (Some((_, target)), None) => Ok(target),
            (Some(_), Some(_)) => Err(RowMiss::Several),
            (None, _) => Err(RowMiss::NoRow(rows.iter().map(|(k, _)| k.clone()).collect())),
        }
    }
}

fn sections(
    list: &[SectionSource],
    classes: &[SectionClass],
    parent: &SectionNumber,
    container: Option<Classification>,
    out: &mut Targets,
) {
    for (i, (s, c)) in list.iter().zip(classes).enumerate() {
        let number = parent.child(i + 1);
        // Withheld with what contains it: the class of the highest of them.
        let class = container.map_or(c.class, |outer| outer.max(c.class));
        out.add(s.id.as_deref(), format!("section {number}"), class);
        sections(&s.subsections, &c.subsections, &number, Some(class), out);
    }
}
