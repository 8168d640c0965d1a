//! The redline: the new draft as a paper whose text carries CriticMarkup against the old
//! draft, removed parts put back in their old places and marked deleted. It renders
//! through the paper's own templates (Markdown) and layout (PDF), so it looks like the
//! paper.

use super::align::Pair;
use super::alignment::{Alignment, flatten, wording};
use super::words::{critic_text, mark_all};
use crate::dialect::critic::Mark;
use crate::model::{Annex, Attachment, Paper, Recommendation, Row, Section};

/// The new draft annotated against the old, parts paired as `alignment` pairs them,
/// marked with the higher marking of the two and headed "Comparison of `title`".
pub fn redline(old: &Paper, new: &Paper, alignment: &Alignment, title: &str) -> Paper {
    // The author's own text may hold the marks' characters: escaped before any mark is added.
    let escape = |text: &str| crate::dialect::critic::escape(text).into_owned();
    let (old, new) = (&old.map_text(escape), &new.map_text(escape));
    let mut out = new.clone();
    out.comparison = Some(format!("Comparison of {title}"));
    out.marking = old.marking.max(new.marking);
    out.title = annotate(&old.title, &new.title);
    out.sections = sections(&old.sections, &new.sections, &alignment.sections);
    out.recommendations.items =
        recommendations(&old.recommendations.items, &new.recommendations.items, &alignment.recommendations);
    out.attachments = attachments(&old.attachments, &new.attachments, &alignment.attachments);
    out.annexes = annexes(&old.annexes, &new.annexes, &alignment.annexes);
    out
}

fn annotate(old: &str, new: &str) -> String {
    if old == new { new.to_string() } else { critic_text(Some(old), new) }
}

/// The sections paired in reading order, put back into a tree by their numbers' depth: a
/// removed section stands where it stood, a moved one where it is now.
fn sections(old: &[Section], new: &[Section], pairs: &[Pair]) -> Vec<Section> {
    let (olds, news) = (flatten(old), flatten(new));
    let alone =
        |s: &Section, heading: String, body: String| Section { heading, body, subsections: Vec::new(), ..s.clone() };
    let mut nodes = pairs
        .iter()
        .map(|pair| match *pair {
            Pair::New(n) => {
                let s = news[n];
                (s.number.depth(), alone(s, mark_all(&s.heading, Mark::Inserted), mark_all(&s.body, Mark::Inserted)))
            }
            Pair::Old(o) => {
                let s = olds[o];
                (s.number.depth(), alone(s, mark_all(&s.heading, Mark::Deleted), mark_all(&s.body, Mark::Deleted)))
            }
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (olds[o], news[n]);
                (b.number.depth(), alone(b, annotate(&a.heading, &b.heading), annotate(&a.body, &b.body)))
            }
        })
        .peekable();
    tree(&mut nodes, 1)
}

/// Sections of `depth` and deeper, each taking the deeper ones after it as its children.
fn tree(nodes: &mut std::iter::Peekable<impl Iterator<Item = (usize, Section)>>, depth: usize) -> Vec<Section> {
    let mut out = Vec::new();
    while let Some((d, mut section)) = nodes.next_if(|(d, _)| *d >= depth) {
        section.subsections = tree(nodes, d + 1);
        out.push(section);
    }
    out
}

fn recommendations(old: &[Recommendation], new: &[Recommendation], pairs: &[Pair]) -> Vec<Recommendation> {
    let whole = |r: &Recommendation, mark: Mark| Recommendation {
        verb: String::new(),
        text: mark_all(&wording(r), mark),
        ..r.clone()
    };
    pairs
        .iter()
        .map(|pair| match *pair {
            Pair::New(n) | Pair::Moved(_, n) if new[n].withheld => new[n].clone(),
            Pair::New(n) => whole(&new[n], Mark::Inserted),
            Pair::Old(o) => whole(&old[o], Mark::Deleted),
            Pair::Both(o, n) | Pair::Moved(o, n) if old[o].verb == new[n].verb => {
                Recommendation { text: annotate(&old[o].text, &new[n].text), ..new[n].clone() }
            }
            Pair::Both(o, n) | Pair::Moved(o, n) => Recommendation {
                verb: String::new(),
                text: annotate(&wording(&old[o]), &wording(&new[n])),
                ..new[n].clone()
            },
        })
        .collect()
}

fn attachments(old: &[Attachment], new: &[Attachment], pairs: &[Pair]) -> Vec<Attachment> {
    let marked = |a: &Attachment, mark: Mark| Attachment {
        title: mark_all(&a.title, mark),
        description: a.description.as_deref().map(|d| mark_all(d, mark)),
        ..a.clone()
    };
    pairs
        .iter()
        .map(|pair| match *pair {
            Pair::New(n) => marked(&new[n], Mark::Inserted),
            Pair::Old(o) => marked(&old[o], Mark::Deleted),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old[o], &new[n]);
                let description = match (&a.description, &b.description) {
                    (Some(was), Some(is)) => Some(annotate(was, is)),
                    (None, Some(is)) => Some(mark_all(is, Mark::Inserted)),
                    (Some(was), None) => Some(mark_all(was, Mark::Deleted)),
                    (None, None) => None,
                };
                Attachment { title: annotate(&a.title, &b.title), description, ..b.clone() }
            }
        })
        .collect()
}

fn annexes(old: &[Annex], new: &[Annex], pairs: &[(Pair, Vec<Pair>)]) -> Vec<Annex> {
    pairs
        .iter()
        .map(|(pair, row_pairs)| match *pair {
            Pair::New(n) => marked_annex(&new[n], Mark::Inserted),
            Pair::Old(o) => marked_annex(&old[o], Mark::Deleted),
            Pair::Both(o, n) | Pair::Moved(o, n) => {
                let (a, b) = (&old[o], &new[n]);
                Annex { title: annotate(&a.title, &b.title), rows: rows(&a.rows, &b.rows, row_pairs), ..b.clone() }
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

fn rows(old: &[Row], new: &[Row], pairs: &[Pair]) -> Vec<Row> {
    pairs
        .iter()
        .map(|pair| match *pair {
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
