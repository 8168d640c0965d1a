//! The redline: the new draft as a paper whose text carries CriticMarkup against the old
//! draft, removed parts put back in their old places and marked deleted. It renders
//! through the paper's own templates (Markdown) and layout (PDF), so it looks like the
//! paper.

use super::align::{Pair, Side, align};
use super::compare::{recommendation_key, row_key};
use super::words::{critic_text, mark_all};
use crate::dialect::critic::Mark;
use crate::model::{Annex, Paper, Recommendation, Row, Section};

/// The new draft annotated against the old, marked with the higher class of the two and
/// headed "Comparison of `title`".
pub fn redline(old: &Paper, new: &Paper, title: &str) -> Paper {
    let mut out = new.clone();
    out.comparison = Some(format!("Comparison of {title}"));
    out.marking = old.marking.max(new.marking);
    out.title = annotate(&old.title, &new.title);
    out.sections = sections(&old.sections, &new.sections);
    out.recommendations.items = recommendations(&old.recommendations.items, &new.recommendations.items);
    for attachment in &mut out.attachments {
        if !old.attachments.iter().any(|a| a.title == attachment.title) {
            attachment.title = mark_all(&attachment.title, Mark::Inserted);
        }
    }
    out.annexes = annexes(&old.annexes, &new.annexes);
    out
}

fn annotate(old: &str, new: &str) -> String {
    if old == new { new.to_string() } else { critic_text(Some(old), new) }
}

fn sections(old: &[Section], new: &[Section]) -> Vec<Section> {
    let key = |s: &Section| if s.withheld { format!("withheld {}", s.number) } else { s.heading.clone() };
    let (olds, news): (Vec<String>, Vec<String>) = (old.iter().map(key).collect(), new.iter().map(key).collect());
    let text = |side: Side, i: usize| match side {
        Side::Old => old[i].body.clone(),
        Side::New => new[i].body.clone(),
    };
    align(&olds, &news, text)
        .into_iter()
        .map(|pair| match pair {
            Pair::New(n) => marked_section(&new[n], Mark::Inserted),
            Pair::Old(o) => marked_section(&old[o], Mark::Deleted),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old[o], &new[n]);
                Section {
                    heading: annotate(&a.heading, &b.heading),
                    body: annotate(&a.body, &b.body),
                    subsections: sections(&a.subsections, &b.subsections),
                    ..b.clone()
                }
            }
        })
        .collect()
}

/// A section (and its subsections) wholly added or removed.
fn marked_section(s: &Section, mark: Mark) -> Section {
    Section {
        heading: mark_all(&s.heading, mark),
        body: mark_all(&s.body, mark),
        subsections: s.subsections.iter().map(|sub| marked_section(sub, mark)).collect(),
        ..s.clone()
    }
}

fn recommendations(old: &[Recommendation], new: &[Recommendation]) -> Vec<Recommendation> {
    let wording = |r: &Recommendation| format!("{} {}", r.verb, r.text);
    let (olds, news): (Vec<String>, Vec<String>) =
        (old.iter().map(wording).collect(), new.iter().map(wording).collect());
    let key = |r: &Recommendation| recommendation_key(&r.verb, &r.text);
    let (old_keys, new_keys): (Vec<String>, Vec<String>) =
        (old.iter().map(key).collect(), new.iter().map(key).collect());
    let text = |side: Side, i: usize| match side {
        Side::Old => olds[i].clone(),
        Side::New => news[i].clone(),
    };
    let whole = |r: &Recommendation, mark: Mark| Recommendation {
        verb: String::new(),
        text: mark_all(&wording(r), mark),
        ..r.clone()
    };
    align(&old_keys, &new_keys, text)
        .into_iter()
        .map(|pair| match pair {
            Pair::New(n) | Pair::Moved(_, n) if new[n].withheld => new[n].clone(),
            Pair::New(n) => whole(&new[n], Mark::Inserted),
            Pair::Old(o) => whole(&old[o], Mark::Deleted),
            Pair::Both(o, n) | Pair::Moved(o, n) if old[o].verb == new[n].verb => {
                Recommendation { text: annotate(&old[o].text, &new[n].text), ..new[n].clone() }
            }
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                Recommendation { verb: String::new(), text: annotate(&olds[o], &news[n]), ..new[n].clone() }
            }
        })
        .collect()
}

fn annexes(old: &[Annex], new: &[Annex]) -> Vec<Annex> {
    let key = |a: &Annex| if a.withheld { format!("withheld {}", a.letter) } else { a.title.clone() };
    let (olds, news): (Vec<String>, Vec<String>) = (old.iter().map(key).collect(), new.iter().map(key).collect());
    let text = |side: Side, i: usize| {
        let a = match side {
            Side::Old => &old[i],
            Side::New => &new[i],
        };
        a.rows.iter().flat_map(|r| r.cells.clone()).collect::<Vec<_>>().join(" ")
    };
    align(&olds, &news, text)
        .into_iter()
        .map(|pair| match pair {
            Pair::New(n) => marked_annex(&new[n], Mark::Inserted),
            Pair::Old(o) => marked_annex(&old[o], Mark::Deleted),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old[o], &new[n]);
                Annex { title: annotate(&a.title, &b.title), rows: rows(&a.rows, &b.rows), ..b.clone() }
            }
        })
        .collect()
}

fn marked_annex(a: &Annex, mark: Mark) -> Annex {
    Annex { title: mark_all(&a.title, mark), rows: a.rows.iter().map(|r| marked_row(r, mark)).collect(), ..a.clone() }
}

fn marked_row(r: &Row, mark: Mark) -> Row {
    Row { cells: r.cells.iter().map(|c| mark_all(c, mark)).collect(), ..r.clone() }
}

/// Rows matched by their key column, so an inserted row changes no other row.
fn rows(old: &[Row], new: &[Row]) -> Vec<Row> {
    let key = |(i, r): (usize, &Row)| if r.withheld { format!("withheld {i}") } else { row_key(&r.cells) };
    let olds: Vec<String> = old.iter().enumerate().map(key).collect();
    let news: Vec<String> = new.iter().enumerate().map(key).collect();
    let text = |side: Side, i: usize| match side {
        Side::Old => old[i].cells.join(" "),
        Side::New => new[i].cells.join(" "),
    };
    align(&olds, &news, text)
        .into_iter()
        .map(|pair| match pair {
            Pair::New(n) => marked_row(&new[n], Mark::Inserted),
            Pair::Old(o) => marked_row(&old[o], Mark::Deleted),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let cells = new[n]
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| annotate(old[o].cells.get(c).map(String::as_str).unwrap_or_default(), cell))
                    .collect();
                Row { cells, ..new[n].clone() }
            }
        })
        .collect()
}
