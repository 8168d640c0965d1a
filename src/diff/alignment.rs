//! Which parts of two drafts correspond, decided once per part kind and walked by both the
//! report ([`super::compare`]) and the redline ([`super::redline`]), so the two never pair
//! parts differently.

use super::align::{Pair, Side, align};
use crate::model::{Annex, Paper, Recommendation, Row, Section};

/// The parts of two drafts paired, kind by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alignment {
    /// Sections and subsections in reading order (indexes into each side's sections flattened),
    /// so a subsection moved to another section is a move.
    pub sections: Vec<Pair>,
    /// Recommendation items.
    pub recommendations: Vec<Pair>,
    /// Attachments.
    pub attachments: Vec<Pair>,
    /// Annexes, each with its rows paired when the annex is in both drafts.
    pub annexes: Vec<(Pair, Vec<Pair>)>,
}

impl Alignment {
    /// Pairs every part of `old` with its counterpart in `new`.
    pub fn of(old: &Paper, new: &Paper) -> Alignment {
        let (old_sections, new_sections) = (flatten(&old.sections), flatten(&new.sections));
        let sections = pair_by(&old_sections, &new_sections, |s| section_key(s), |s| s.body.clone());
        let recommendations = pair_by(
            &old.recommendations.items.iter().collect::<Vec<_>>(),
            &new.recommendations.items.iter().collect::<Vec<_>>(),
            |r| recommendation_key(r),
            |r| wording(r),
        );
        let attachments = pair_by(
            &old.attachments.iter().collect::<Vec<_>>(),
            &new.attachments.iter().collect::<Vec<_>>(),
            |a| a.title.clone(),
            |a| a.title.clone(),
        );
        let annex_pairs = pair_by(
            &old.annexes.iter().collect::<Vec<_>>(),
            &new.annexes.iter().collect::<Vec<_>>(),
            |a| annex_key(a),
            |a| a.rows.iter().flat_map(|r| r.cells.iter().cloned()).collect::<Vec<_>>().join(" "),
        );
        let annexes = annex_pairs
            .into_iter()
            .map(|pair| {
                let rows = match pair {
                    Pair::Both(o, n) | Pair::Moved(o, n) => rows(&old.annexes[o], &new.annexes[n]),
                    Pair::Old(_) | Pair::New(_) => Vec::new(),
                };
                (pair, rows)
            })
            .collect();
        Alignment { sections, recommendations, attachments, annexes }
    }
}

/// Sections and their subsections in reading order.
pub(super) fn flatten(sections: &[Section]) -> Vec<&Section> {
    let mut out = Vec::new();
    for s in sections {
        out.push(s);
        out.extend(flatten(&s.subsections));
    }
    out
}

/// The rows of an annex in both drafts, paired by their key column, so an inserted row
/// changes no other row.
fn rows(old: &Annex, new: &Annex) -> Vec<Pair> {
    fn keyed(a: &Annex) -> Vec<(usize, &Row)> {
        a.rows.iter().enumerate().collect()
    }
    pair_by(&keyed(old), &keyed(new), |(i, r)| row_key_of(*i, r), |(_, r)| r.cells.join(" "))
}

/// Pairs two lists by `key`, with `text` telling an edited part from two different ones.
fn pair_by<T>(old: &[T], new: &[T], key: impl Fn(&T) -> String, text: impl Fn(&T) -> String) -> Vec<Pair> {
    let old_keys: Vec<String> = old.iter().map(&key).collect();
    let new_keys: Vec<String> = new.iter().map(&key).collect();
    align(&old_keys, &new_keys, |side, i| match side {
        Side::Old => text(&old[i]),
        Side::New => text(&new[i]),
    })
}

/// A section by its heading; a withheld one, which has none, by its number and class.
fn section_key(s: &Section) -> String {
    if s.withheld { format!("withheld {} {}", s.number, s.classification) } else { s.heading.clone() }
}

/// A recommendation as the report names it: its verb and text, or its class if withheld.
pub(super) fn wording(r: &Recommendation) -> String {
    if r.withheld { format!("withheld {}", r.classification) } else { format!("{} {}", r.verb, r.text) }
}

/// A recommendation by its wording without the list punctuation that moves with its place
/// ("…; and", "…."), so a reordered item is recognised as the same item.
fn recommendation_key(r: &Recommendation) -> String {
    if r.withheld {
        return format!("withheld {}", r.classification);
    }
    let mut text = r.text.trim().to_lowercase();
    for ending in ["; and", "; or", ", and", ", or", " and", " or", ";", ",", "."] {
        if let Some(stripped) = text.strip_suffix(ending) {
            text = stripped.trim_end().to_string();
            break;
        }
    }
    format!("{} {text}", r.verb.to_lowercase())
}

/// An annex by its title; a withheld one by its letter.
fn annex_key(a: &Annex) -> String {
    if a.withheld { format!("withheld {}", a.letter) } else { a.title.clone() }
}

/// The value of a row's key column, as the report names the row.
pub(super) fn row_key(cells: &[String]) -> String {
    cells.first().map(|c| c.replace("**", "").trim().to_string()).unwrap_or_default()
}

/// A row by its key column; a withheld one by its place.
pub(super) fn row_key_of(index: usize, row: &Row) -> String {
    if row.withheld { format!("withheld {index}") } else { row_key(&row.cells) }
}
