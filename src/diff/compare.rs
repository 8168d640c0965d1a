//! Two drafts of a paper compared as papers: a list of changes, each with its place in
//! the paper and its detail.

use super::align::Pair;
use super::alignment::{Alignment, flatten, row_key_of, wording};
use super::place::{Aspect, Field, Place};
use super::words::{LineDiff, lines};
use crate::domain::{Classification, dates};
use crate::model::{Annex, Paper, Section};

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The classification went up.
    Raised,
    /// The classification went down.
    Lowered,
    /// A field of the paper (title, action, author, date…).
    Metadata,
    /// A part only the new draft has.
    Added,
    /// A part only the old draft has.
    Removed,
    /// A part in both, edited.
    Changed,
    /// A part in both, unchanged but numbered differently.
    Renumbered,
    /// A part in both, in another place.
    Moved,
}

/// The detail of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// Nothing more to say.
    None,
    /// A value before and after.
    Values(String, String),
    /// Text changes, line by line and word by word.
    Lines(Vec<LineDiff>),
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its kind.
    pub kind: Kind,
    /// Where: "section 3.1 Performance Measurement Report (PMR)".
    pub place: Place,
    /// What.
    pub detail: Detail,
}

/// Every change from `old` to `new`, most important first: classification, then the
/// paper's fields, then its parts in reading order, paired as `alignment` pairs them.
pub fn compare(old: &Paper, new: &Paper, alignment: &Alignment) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |kind, place: Place, detail| changes.push(Change { kind, place, detail });
    if old.marking != new.marking {
        let kind = if new.marking > old.marking { Kind::Raised } else { Kind::Lowered };
        push(kind, Place::Classification, class_values(old.marking, new.marking));
    }
    // The base class (of the unmarked parts) matters on its own when it moves otherwise.
    if old.classification != new.classification
        && (old.classification, new.classification) != (old.marking, new.marking)
    {
        let kind = if new.classification > old.classification { Kind::Raised } else { Kind::Lowered };
        push(kind, Place::BaseClassification, class_values(old.classification, new.classification));
    }
    let fields = [
        (Field::Reference, old.reference.to_string(), new.reference.to_string()),
        (Field::Title, old.title.clone(), new.title.clone()),
        (Field::Action, old.action.to_string(), new.action.to_string()),
        (Field::Author, old.author.clone(), new.author.clone()),
        (Field::Team, old.team.clone(), new.team.clone()),
        (Field::Date, dates::uk_long(old.date), dates::uk_long(new.date)),
    ];
    for (field, a, b) in fields {
        if a != b {
            push(Kind::Metadata, Place::Field(field), Detail::Values(a, b));
        }
    }
    sections(old, new, &alignment.sections, &mut push);
    recommendations(old, new, &alignment.recommendations, &mut push);
    attachments(old, new, &alignment.attachments, &mut push);
    annexes(old, new, &alignment.annexes, &mut push);
    changes
}

fn section_place(s: &Section, aspect: Aspect) -> Place {
    Place::Section {
        number: Some(s.number.clone()),
        heading: s.heading.clone(),
        withheld: s.withheld.then_some(s.classification),
        aspect,
    }
}

fn sections(old: &Paper, new: &Paper, pairs: &[Pair], push: &mut impl FnMut(Kind, Place, Detail)) {
    let (olds, news) = (flatten(&old.sections), flatten(&new.sections));
    for &pair in pairs {
        match pair {
            Pair::Old(o) => push(Kind::Removed, section_place(olds[o], Aspect::Whole), Detail::None),
            Pair::New(n) => push(Kind::Added, section_place(news[n], Aspect::Whole), Detail::None),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (olds[o], news[n]);
                if a.heading != b.heading {
                    push(
                        Kind::Changed,
                        section_place(b, Aspect::Whole),
                        Detail::Values(a.heading.clone(), b.heading.clone()),
                    );
                }
                // A class that only follows the paper's was reported with the paper's.
                let follows_paper = a.classification == old.classification && b.classification == new.classification;
                if a.classification != b.classification && !follows_paper {
                    let kind = if b.classification > a.classification { Kind::Raised } else { Kind::Lowered };
                    push(
                        kind,
                        section_place(b, Aspect::Classification),
                        class_values(a.classification, b.classification),
                    );
                }
                if a.body != b.body {
                    push(Kind::Changed, section_place(b, Aspect::Whole), Detail::Lines(lines(&a.body, &b.body)));
                } else if a.number != b.number && a.heading == b.heading {
                    let kind = if matches!(pair, Pair::Moved(..)) { Kind::Moved } else { Kind::Renumbered };
                    let place = Place::Section {
                        number: None,
                        heading: b.heading.clone(),
                        withheld: None,
                        aspect: Aspect::Whole,
                    };
                    push(kind, place, Detail::Values(a.number.to_string(), b.number.to_string()));
                }
            }
        }
    }
}

fn recommendations(old: &Paper, new: &Paper, pairs: &[Pair], push: &mut impl FnMut(Kind, Place, Detail)) {
    let (old_items, new_items) = (&old.recommendations.items, &new.recommendations.items);
    let place = |number: Option<&crate::model::SectionNumber>, wording: Option<String>| Place::Recommendation {
        number: number.cloned(),
        wording,
    };
    for &pair in pairs {
        match pair {
            Pair::Old(o) => {
                let item = &old_items[o];
                push(Kind::Removed, place(Some(&item.number), Some(wording(item))), Detail::None)
            }
            Pair::New(n) => {
                let item = &new_items[n];
                push(Kind::Added, place(Some(&item.number), Some(wording(item))), Detail::None)
            }
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old_items[o], &new_items[n]);
                let (was, is) = (wording(a), wording(b));
                if a.number != b.number {
                    let values = Detail::Values(a.number.to_string(), b.number.to_string());
                    let kind = if matches!(pair, Pair::Moved(..)) { Kind::Moved } else { Kind::Renumbered };
                    push(kind, place(None, Some(is.clone())), values);
                }
                if was != is {
                    push(Kind::Changed, place(Some(&b.number), None), Detail::Lines(lines(&was, &is)));
                }
            }
        }
    }
}

fn attachments(old: &Paper, new: &Paper, pairs: &[Pair], push: &mut impl FnMut(Kind, Place, Detail)) {
    let place = |title: &str, aspect| Place::Attachment { title: title.to_string(), aspect };
    for &pair in pairs {
        match pair {
            Pair::Old(o) => push(Kind::Removed, place(&old.attachments[o].title, Aspect::Whole), Detail::None),
            Pair::New(n) => push(Kind::Added, place(&new.attachments[n].title, Aspect::Whole), Detail::None),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old.attachments[o], &new.attachments[n]);
                if a.title != b.title {
                    push(
                        Kind::Changed,
                        place(&b.title, Aspect::Whole),
                        Detail::Values(a.title.clone(), b.title.clone()),
                    );
                }
                if a.classification != b.classification {
                    let kind = if b.classification > a.classification { Kind::Raised } else { Kind::Lowered };
                    push(
                        kind,
                        place(&b.title, Aspect::Classification),
                        class_values(a.classification, b.classification),
                    );
                }
                if a.description != b.description {
                    let values = Detail::Values(
                        a.description.clone().unwrap_or_default(),
                        b.description.clone().unwrap_or_default(),
                    );
                    push(Kind::Changed, place(&b.title, Aspect::Description), values);
                }
            }
        }
    }
}

fn class_values(a: Classification, b: Classification) -> Detail {
    Detail::Values(a.to_string(), b.to_string())
}

fn annex_place(a: &Annex, aspect: Aspect) -> Place {
    Place::Annex {
        letter: a.letter.clone(),
        title: a.title.clone(),
        withheld: a.withheld.then_some(a.classification),
        aspect,
    }
}

fn annexes(old: &Paper, new: &Paper, pairs: &[(Pair, Vec<Pair>)], push: &mut impl FnMut(Kind, Place, Detail)) {
    for (pair, row_pairs) in pairs {
        match *pair {
            Pair::Old(o) => push(Kind::Removed, annex_place(&old.annexes[o], Aspect::Whole), Detail::None),
            Pair::New(n) => push(Kind::Added, annex_place(&new.annexes[n], Aspect::Whole), Detail::None),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old.annexes[o], &new.annexes[n]);
                if a.title != b.title {
                    push(
                        Kind::Changed,
                        annex_place(b, Aspect::Whole),
                        Detail::Values(a.title.clone(), b.title.clone()),
                    );
                }
                if a.columns != b.columns {
                    let values = Detail::Values(a.columns.join(" | "), b.columns.join(" | "));
                    push(Kind::Changed, annex_place(b, Aspect::Columns), values);
                }
                rows(a, b, row_pairs, push);
            }
        }
    }
}

fn rows(old: &Annex, new: &Annex, pairs: &[Pair], push: &mut impl FnMut(Kind, Place, Detail)) {
    let place = |annex: &Annex, i: usize, column: Option<String>| Place::Row {
        letter: annex.letter.clone(),
        key: row_key_of(i, &annex.rows[i]),
        column,
    };
    for &pair in pairs {
        match pair {
            Pair::Old(o) => push(Kind::Removed, place(old, o, None), Detail::None),
            Pair::New(n) => push(Kind::Added, place(new, n, None), Detail::None),
            Pair::Moved(o, n) => push(
                Kind::Moved,
                place(new, n, None),
                Detail::Values(format!("row {}", o + 1), format!("row {}", n + 1)),
            ),
            Pair::Both(o, n) => {
                let (a, b) = (&old.rows[o], &new.rows[n]);
                for (c, cell) in b.cells.iter().enumerate() {
                    let before = a.cells.get(c).map(String::as_str).unwrap_or_default();
                    if before != cell {
                        let column = new.columns.get(c).cloned().unwrap_or_else(|| format!("column {}", c + 1));
                        push(Kind::Changed, place(new, n, Some(column)), Detail::Lines(lines(before, cell)));
                    }
                }
            }
        }
    }
}
