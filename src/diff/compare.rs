//! Two drafts of a paper compared as papers: a list of changes, each with its place in
//! the paper and its detail.

use super::align::{Pair, Side, align};
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
    pub place: String,
    /// What.
    pub detail: Detail,
}

/// Every change from `old` to `new`, most important first: classification, then the
/// paper's fields, then its parts in reading order.
pub fn compare(old: &Paper, new: &Paper) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |kind, place: &str, detail| changes.push(Change { kind, place: place.to_string(), detail });
    if old.marking != new.marking {
        let kind = if new.marking > old.marking { Kind::Raised } else { Kind::Lowered };
        push(kind, "classification", Detail::Values(old.marking.to_string(), new.marking.to_string()));
    }
    // The base class (of the unmarked parts) matters on its own when it moves otherwise.
    if old.classification != new.classification
        && (old.classification, new.classification) != (old.marking, new.marking)
    {
        let kind = if new.classification > old.classification { Kind::Raised } else { Kind::Lowered };
        let values = Detail::Values(old.classification.to_string(), new.classification.to_string());
        push(kind, "base classification", values);
    }
    let fields = [
        ("reference", old.reference.to_string(), new.reference.to_string()),
        ("title", old.title.clone(), new.title.clone()),
        ("action", old.action.to_string(), new.action.to_string()),
        ("author", old.author.clone(), new.author.clone()),
        ("team", old.team.clone(), new.team.clone()),
        ("date", dates::uk_long(old.date), dates::uk_long(new.date)),
    ];
    for (name, a, b) in fields {
        if a != b {
            push(Kind::Metadata, name, Detail::Values(a, b));
        }
    }
    sections(old, new, &mut push);
    recommendations(old, new, &mut push);
    attachments(old, new, &mut push);
    annexes(old, new, &mut push);
    changes
}

/// A section in reading order, subsections after their parent.
struct Flat<'a> {
    section: &'a Section,
    key: String,
}

fn flatten(sections: &[Section]) -> Vec<Flat<'_>> {
    let mut out = Vec::new();
    for s in sections {
        // A withheld section has no heading to match by: its number and class stand in.
        let key = if s.withheld { format!("withheld {} {}", s.number, s.classification) } else { s.heading.clone() };
        out.push(Flat { section: s, key });
        out.extend(flatten(&s.subsections));
    }
    out
}

fn section_place(s: &Section) -> String {
    if s.withheld {
        format!("section {} (withheld: {})", s.number, s.classification)
    } else {
        format!("section {} {}", s.number, s.heading)
    }
}

fn sections(old: &Paper, new: &Paper, push: &mut impl FnMut(Kind, &str, Detail)) {
    let (olds, news) = (flatten(&old.sections), flatten(&new.sections));
    let keys = |f: &[Flat]| f.iter().map(|s| s.key.clone()).collect::<Vec<_>>();
    let text = |side: Side, i: usize| match side {
        Side::Old => olds[i].section.body.clone(),
        Side::New => news[i].section.body.clone(),
    };
    for pair in align(&keys(&olds), &keys(&news), text) {
        match pair {
            Pair::Old(o) => push(Kind::Removed, &section_place(olds[o].section), Detail::None),
            Pair::New(n) => push(Kind::Added, &section_place(news[n].section), Detail::None),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (olds[o].section, news[n].section);
                if a.heading != b.heading {
                    push(Kind::Changed, &section_place(b), Detail::Values(a.heading.clone(), b.heading.clone()));
                }
                // A class that only follows the paper's was reported with the paper's.
                let follows_paper = a.classification == old.classification && b.classification == new.classification;
                if a.classification != b.classification && !follows_paper {
                    let values = Detail::Values(a.classification.to_string(), b.classification.to_string());
                    let kind = if b.classification > a.classification { Kind::Raised } else { Kind::Lowered };
                    push(kind, &format!("{} classification", section_place(b)), values);
                }
                if a.body != b.body {
                    push(Kind::Changed, &section_place(b), Detail::Lines(lines(&a.body, &b.body)));
                } else if a.number != b.number && a.heading == b.heading {
                    let kind = if matches!(pair, Pair::Moved(..)) { Kind::Moved } else { Kind::Renumbered };
                    push(
                        kind,
                        &format!("section {}", b.heading),
                        Detail::Values(a.number.to_string(), b.number.to_string()),
                    );
                }
            }
        }
    }
}

/// A recommendation's wording without the list punctuation that moves with its place
/// ("…; and", "…."), so a reordered item is recognised as the same item.
pub fn recommendation_key(verb: &str, text: &str) -> String {
    let mut text = text.trim().to_lowercase();
    for ending in ["; and", "; or", ", and", ", or", " and", " or", ";", ",", "."] {
        if let Some(stripped) = text.strip_suffix(ending) {
            text = stripped.trim_end().to_string();
            break;
        }
    }
    format!("{} {text}", verb.to_lowercase())
}

fn recommendations(old: &Paper, new: &Paper, push: &mut impl FnMut(Kind, &str, Detail)) {
    let (old_items, new_items) = (&old.recommendations.items, &new.recommendations.items);
    let wording = |i: &crate::model::Recommendation| {
        if i.withheld { format!("withheld {}", i.classification) } else { format!("{} {}", i.verb, i.text) }
    };
    let key = |i: &crate::model::Recommendation| {
        if i.withheld { format!("withheld {}", i.classification) } else { recommendation_key(&i.verb, &i.text) }
    };
    let (olds, news): (Vec<String>, Vec<String>) =
        (old_items.iter().map(wording).collect(), new_items.iter().map(wording).collect());
    let (old_keys, new_keys): (Vec<String>, Vec<String>) =
        (old_items.iter().map(key).collect(), new_items.iter().map(key).collect());
    let text = |side: Side, i: usize| match side {
        Side::Old => olds[i].clone(),
        Side::New => news[i].clone(),
    };
    for pair in align(&old_keys, &new_keys, text) {
        match pair {
            Pair::Old(o) => {
                push(Kind::Removed, &format!("recommendation {} {}", old_items[o].number, olds[o]), Detail::None)
            }
            Pair::New(n) => {
                push(Kind::Added, &format!("recommendation {} {}", new_items[n].number, news[n]), Detail::None)
            }
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                if old_items[o].number != new_items[n].number {
                    let values = Detail::Values(old_items[o].number.to_string(), new_items[n].number.to_string());
                    let kind = if matches!(pair, Pair::Moved(..)) { Kind::Moved } else { Kind::Renumbered };
                    push(kind, &format!("recommendation {}", news[n]), values);
                }
                if olds[o] != news[n] {
                    let place = format!("recommendation {}", new_items[n].number);
                    push(Kind::Changed, &place, Detail::Lines(lines(&olds[o], &news[n])));
                }
            }
        }
    }
}

fn attachments(old: &Paper, new: &Paper, push: &mut impl FnMut(Kind, &str, Detail)) {
    let titles = |p: &Paper| p.attachments.iter().map(|a| a.title.clone()).collect::<Vec<_>>();
    let (olds, news) = (titles(old), titles(new));
    let text = |side: Side, i: usize| match side {
        Side::Old => olds[i].clone(),
        Side::New => news[i].clone(),
    };
    for pair in align(&olds, &news, text) {
        match pair {
            Pair::Old(o) => push(Kind::Removed, &format!("attachment {}", olds[o]), Detail::None),
            Pair::New(n) => push(Kind::Added, &format!("attachment {}", news[n]), Detail::None),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old.attachments[o], &new.attachments[n]);
                let place = format!("attachment {}", b.title);
                if a.title != b.title {
                    push(Kind::Changed, &place, Detail::Values(a.title.clone(), b.title.clone()));
                }
                if a.classification != b.classification {
                    let kind = if b.classification > a.classification { Kind::Raised } else { Kind::Lowered };
                    push(kind, &format!("{place} classification"), class_values(a.classification, b.classification));
                }
                if a.description != b.description {
                    let values = Detail::Values(
                        a.description.clone().unwrap_or_default(),
                        b.description.clone().unwrap_or_default(),
                    );
                    push(Kind::Changed, &format!("{place} description"), values);
                }
            }
        }
    }
}

fn class_values(a: Classification, b: Classification) -> Detail {
    Detail::Values(a.to_string(), b.to_string())
}

fn annex_place(a: &Annex) -> String {
    if a.withheld {
        format!("Annex {} (withheld: {})", a.letter, a.classification)
    } else {
        format!("Annex {} {}", a.letter, a.title)
    }
}

fn annexes(old: &Paper, new: &Paper, push: &mut impl FnMut(Kind, &str, Detail)) {
    let keys = |p: &Paper| {
        p.annexes
            .iter()
            .map(|a| if a.withheld { format!("withheld {}", a.letter) } else { a.title.clone() })
            .collect::<Vec<_>>()
    };
    let (olds, news) = (keys(old), keys(new));
    let text = |side: Side, i: usize| {
        let annex = match side {
            Side::Old => &old.annexes[i],
            Side::New => &new.annexes[i],
        };
        annex.rows.iter().flat_map(|r| r.cells.iter().cloned()).collect::<Vec<_>>().join(" ")
    };
    for pair in align(&olds, &news, text) {
        match pair {
            Pair::Old(o) => push(Kind::Removed, &annex_place(&old.annexes[o]), Detail::None),
            Pair::New(n) => push(Kind::Added, &annex_place(&new.annexes[n]), Detail::None),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old.annexes[o], &new.annexes[n]);
                if a.title != b.title {
                    push(Kind::Changed, &annex_place(b), Detail::Values(a.title.clone(), b.title.clone()));
                }
                if a.columns != b.columns {
                    push(
                        Kind::Changed,
                        &format!("{} columns", annex_place(b)),
                        Detail::Values(a.columns.join(" | "), b.columns.join(" | ")),
                    );
                }
                rows(a, b, push);
            }
        }
    }
}

/// The value of a row's key column, as the row is named in the report.
pub fn row_key(cells: &[String]) -> String {
    cells.first().map(|c| c.replace("**", "").trim().to_string()).unwrap_or_default()
}

fn rows(old: &Annex, new: &Annex, push: &mut impl FnMut(Kind, &str, Detail)) {
    let keys = |a: &Annex| {
        a.rows
            .iter()
            .enumerate()
            .map(|(i, r)| if r.withheld { format!("withheld {i}") } else { row_key(&r.cells) })
            .collect::<Vec<_>>()
    };
    let (olds, news) = (keys(old), keys(new));
    let text = |side: Side, i: usize| match side {
        Side::Old => old.rows[i].cells.join(" "),
        Side::New => new.rows[i].cells.join(" "),
    };
    let place = |key: &str| format!("Annex {} row {key}", new.letter);
    for pair in align(&olds, &news, text) {
        match pair {
            Pair::Old(o) => push(Kind::Removed, &format!("Annex {} row {}", old.letter, olds[o]), Detail::None),
            Pair::New(n) => push(Kind::Added, &place(&news[n]), Detail::None),
            Pair::Moved(o, n) => {
                push(Kind::Moved, &place(&news[n]), Detail::Values(format!("row {}", o + 1), format!("row {}", n + 1)))
            }
            Pair::Both(o, n) => {
                let (a, b) = (&old.rows[o], &new.rows[n]);
                for (c, cell) in b.cells.iter().enumerate() {
                    let before = a.cells.get(c).map(String::as_str).unwrap_or_default();
                    if before != cell {
                        let column = new.columns.get(c).cloned().unwrap_or_else(|| format!("column {}", c + 1));
                        push(
                            Kind::Changed,
                            &format!("{}, {column}", place(&news[n])),
                            Detail::Lines(lines(before, cell)),
                        );
                    }
                }
            }
        }
    }
}
