//! The redline: the new draft as a paper whose text carries CriticMarkup against the old
//! draft, removed parts put back in their old places and marked deleted, moved parts shown
//! at both places. Numbers, letters and labels are marked where they changed, so that
//! accepting every change gives the new draft and rejecting every change the old one. It
//! renders through the paper's own templates (Markdown) and layout (PDF), so it looks like
//! the paper.

use super::align::Pair;
use super::alignment::{Alignment, flatten};
use super::words::{critic_text, mark_all};
use crate::dialect::critic::{Mark, substitution};
use crate::domain::Classification;
use crate::model::{Annex, Attachment, Paper, Recommendation, Row, Section, SectionNumber};

/// The new draft annotated against the old, parts paired as `alignment` pairs them,
/// marked with the higher marking of the two and headed "Comparison of `title`".
pub fn redline(old: &Paper, new: &Paper, alignment: &Alignment, title: &str) -> Paper {
    // The author's own text may hold the marks' characters: escaped before any mark is added.
    let escape = |text: &str| crate::dialect::critic::escape(text).into_owned();
    let (old, new) = (&old.map_text(escape), &new.map_text(escape));
    let mut out = new.clone();
    out.comparison = Some(format!("Comparison of {title}"));
    out.marking = old.marking.max(new.marking);
    out.remarked = (old.marking != new.marking).then_some((old.marking, new.marking));
    out.title = annotate(&old.title, &new.title);
    out.author = annotate(&old.author, &new.author);
    out.team = annotate(&old.team, &new.team);
    // Typed values are printed as the templates show them, marked where they changed.
    for (pointer, was, is) in [
        ("/reference", old.reference.to_string(), new.reference.to_string()),
        ("/action", old.action.to_string(), new.action.to_string()),
        ("/date", crate::domain::dates::uk_long(old.date), crate::domain::dates::uk_long(new.date)),
    ] {
        if was != is {
            out.shown.push((pointer.to_string(), substitution(&was, &is)));
        }
    }
    out.sections = sections(&old.sections, &new.sections, &alignment.sections);
    out.recommendations.lead_in = annotate(&old.recommendations.lead_in, &new.recommendations.lead_in);
    out.recommendations.number = number(&old.recommendations.number, &new.recommendations.number);
    out.recommendations.items =
        recommendations(&old.recommendations.items, &new.recommendations.items, &alignment.recommendations);
    out.attachments = attachments(&old.attachments, &new.attachments, &alignment.attachments);
    // An attachment's class, printed after its title, marked where it changed.
    for (index, (was, is)) in attachment_classes(&old.attachments, &new.attachments, &alignment.attachments).enumerate()
    {
        if was != is {
            out.shown.push((format!("/attachments/{index}/classification"), substitution(was.name(), is.name())));
        }
    }
    out.annexes = annexes(&old.annexes, &new.annexes, &alignment.annexes);
    out
}

fn annotate(old: &str, new: &str) -> String {
    if old == new { new.to_string() } else { critic_text(Some(old), new) }
}

/// A part's place in the redline: a pair of the alignment, or the old place of a part that
/// moved (`Pair::Moved` stands at its new place).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Pair(Pair),
    MovedFrom(usize),
}

/// The pairs with each moved part's old place added, before the first part that came
/// after it in the old draft.
fn slots(pairs: &[Pair]) -> Vec<Slot> {
    let mut slots: Vec<Slot> = pairs.iter().map(|p| Slot::Pair(*p)).collect();
    let mut moved: Vec<usize> =
        pairs.iter().filter_map(|p| if let Pair::Moved(o, _) = p { Some(*o) } else { None }).collect();
    moved.sort_unstable();
    for o in moved {
        let later = slots.iter().position(|slot| match slot {
            Slot::Pair(Pair::Old(other) | Pair::Both(other, _)) | Slot::MovedFrom(other) => *other > o,
            Slot::Pair(Pair::New(_) | Pair::Moved(..)) => false,
        });
        slots.insert(later.unwrap_or(slots.len()), Slot::MovedFrom(o));
    }
    slots
}

/// Each slot's part: a whole part marked as its slot says (added, removed, or moved from or
/// to), or `kept(old, new)` for a part in both drafts.
fn redlined<T, R>(
    pairs: &[Pair],
    old: &[T],
    new: &[T],
    whole: impl Fn(&T, Mark) -> R,
    kept: impl Fn(usize, usize) -> R,
) -> Vec<R> {
    slots(pairs)
        .into_iter()
        .map(|slot| match slot {
            Slot::Pair(Pair::New(n)) => whole(&new[n], Mark::Added),
            Slot::Pair(Pair::Old(o)) => whole(&old[o], Mark::Removed),
            Slot::Pair(Pair::Moved(_, n)) => whole(&new[n], Mark::MovedTo),
            Slot::MovedFrom(o) => whole(&old[o], Mark::MovedFrom),
            Slot::Pair(Pair::Both(o, n)) => kept(o, n),
        })
        .collect()
}

/// A number as the redline prints it: marked as its part is, or changed from the old one.
fn marked_number(number: &SectionNumber, mark: Mark) -> SectionNumber {
    number.shown_as(mark.wrap(&number.to_string()))
}

fn number(old: &SectionNumber, new: &SectionNumber) -> SectionNumber {
    if old.to_string() == new.to_string() {
        new.clone()
    } else {
        new.shown_as(substitution(&old.to_string(), &new.to_string()))
    }
}

/// A label or letter ("Appendix A", "B") as the redline prints it.
fn label(old: &str, new: &str) -> String {
    if old == new { new.to_string() } else { substitution(old, new) }
}

/// The sections paired in reading order, put back into a tree by their numbers' depth: a
/// removed section stands where it stood, a moved one at both places.
fn sections(old: &[Section], new: &[Section], pairs: &[Pair]) -> Vec<Section> {
    let (olds, news) = (flatten(old), flatten(new));
    let whole = |s: &Section, mark: Mark| {
        let section = Section {
            number: marked_number(&s.number, mark),
            heading: mark_all(&s.heading, mark),
            body: mark_all(&s.body, mark),
            subsections: Vec::new(),
            ..s.clone()
        };
        (s.number.depth(), section)
    };
    let kept = |o: usize, n: usize| {
        let (a, b) = (olds[o], news[n]);
        let section = Section {
            number: number(&a.number, &b.number),
            heading: annotate(&a.heading, &b.heading),
            body: annotate(&a.body, &b.body),
            subsections: Vec::new(),
            ..b.clone()
        };
        (b.number.depth(), section)
    };
    let mut nodes = redlined(pairs, &olds, &news, |s, mark| whole(s, mark), kept).into_iter().peekable();
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
    let whole = |r: &Recommendation, mark: Mark| {
        let number = marked_number(&r.number, mark);
        if r.withheld {
            return Recommendation { number, ..r.clone() };
        }
        Recommendation { number, verb: mark_all(&r.verb, mark), text: mark_all(&r.text, mark), ..r.clone() }
    };
    let kept = |o: usize, n: usize| {
        let number = number(&old[o].number, &new[n].number);
        if new[n].withheld {
            return Recommendation { number, ..new[n].clone() };
        }
        Recommendation {
            number,
            verb: annotate(&old[o].verb, &new[n].verb),
            text: annotate(&old[o].text, &new[n].text),
            ..new[n].clone()
        }
    };
    redlined(pairs, old, new, whole, kept)
}

fn attachments(old: &[Attachment], new: &[Attachment], pairs: &[Pair]) -> Vec<Attachment> {
    let whole = |a: &Attachment, mark: Mark| Attachment {
        label: mark.wrap(&a.label),
        title: mark_all(&a.title, mark),
        description: a.description.as_deref().map(|d| mark_all(d, mark)),
        ..a.clone()
    };
    let kept = |o: usize, n: usize| {
        let (a, b) = (&old[o], &new[n]);
        let description = match (&a.description, &b.description) {
            (Some(was), Some(is)) => Some(annotate(was, is)),
            (None, Some(is)) => Some(mark_all(is, Mark::Inserted)),
            (Some(was), None) => Some(mark_all(was, Mark::Deleted)),
            (None, None) => None,
        };
        Attachment { label: label(&a.label, &b.label), title: annotate(&a.title, &b.title), description, ..b.clone() }
    };
    redlined(pairs, old, new, whole, kept)
}

/// Each redlined attachment's class in the old draft and the new (the same where it is
/// only in one).
fn attachment_classes<'a>(
    old: &'a [Attachment],
    new: &'a [Attachment],
    pairs: &[Pair],
) -> impl Iterator<Item = (Classification, Classification)> + 'a {
    let class = move |o: usize, n: usize| (old[o].classification, new[n].classification);
    redlined(pairs, old, new, |a: &Attachment, _| (a.classification, a.classification), class).into_iter()
}

fn annexes(old: &[Annex], new: &[Annex], pairs: &[(Pair, Vec<Pair>)]) -> Vec<Annex> {
    let rows_of = |p: &Pair| pairs.iter().find(|(pair, _)| pair == p).map(|(_, rows)| rows.as_slice()).unwrap_or(&[]);
    let annex_pairs: Vec<Pair> = pairs.iter().map(|(pair, _)| *pair).collect();
    let kept = |o: usize, n: usize| {
        let (a, b) = (&old[o], &new[n]);
        Annex {
            letter: label(&a.letter, &b.letter),
            title: annotate(&a.title, &b.title),
            columns: b
                .columns
                .iter()
                .enumerate()
                .map(|(c, column)| annotate(a.columns.get(c).map(String::as_str).unwrap_or_default(), column))
                .collect(),
            rows: rows(&a.rows, &b.rows, rows_of(&Pair::Both(o, n))),
            ..b.clone()
        }
    };
    redlined(&annex_pairs, old, new, marked_annex, kept)
}

fn marked_annex(a: &Annex, mark: Mark) -> Annex {
    Annex {
        letter: mark.wrap(&a.letter),
        title: mark_all(&a.title, mark),
        columns: a.columns.iter().map(|c| mark_all(c, mark)).collect(),
        rows: a.rows.iter().map(|r| marked_row(r, mark)).collect(),
        ..a.clone()
    }
}

fn marked_row(r: &Row, mark: Mark) -> Row {
    Row { cells: r.cells.iter().map(|c| mark_all(c, mark)).collect(), ..r.clone() }
}

fn rows(old: &[Row], new: &[Row], pairs: &[Pair]) -> Vec<Row> {
    let kept = |o: usize, n: usize| {
        let cells = new[n]
            .cells
            .iter()
            .enumerate()
            .map(|(c, cell)| annotate(old[o].cells.get(c).map(String::as_str).unwrap_or_default(), cell))
            .collect();
        Row { cells, ..new[n].clone() }
    };
    redlined(pairs, old, new, marked_row, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_part_keeps_its_old_place_too() {
        // Old A B C, new B C A: A moved to the end; its old place is before B.
        let pairs = [Pair::Both(1, 0), Pair::Both(2, 1), Pair::Moved(0, 2)];
        assert_eq!(
            slots(&pairs),
            [
                Slot::MovedFrom(0),
                Slot::Pair(Pair::Both(1, 0)),
                Slot::Pair(Pair::Both(2, 1)),
                Slot::Pair(Pair::Moved(0, 2))
            ]
        );
        // Old A B, new B' A': A moved first, its old place is at the end.
        let pairs = [Pair::Moved(1, 0), Pair::Both(0, 1)];
        assert_eq!(slots(&pairs), [Slot::Pair(Pair::Moved(1, 0)), Slot::Pair(Pair::Both(0, 1)), Slot::MovedFrom(1)]);
    }
}
