//! Annexes: a heading "Annex A: Title" (or "Appendix A – Title") that a table follows;
//! the table's first row gives the columns, each further row a row of cells (paragraphs
//! and bullets), and a TLP marking in a row ("[AMBER]", "TLP:AMBER") its class, the
//! marking itself taken out of the cell.

use super::blocks;
use super::items::{Item, Table};
use super::patterns::{self, cut, raw, trim};
use super::structure::{Builder, Zone, short_line};
use super::styles::Role;
use super::values;
use super::{Finding, Kind, Place};
use crate::dialect::{Block, Inline};
use crate::domain::Classification;

/// An annex being gathered.
#[derive(Debug, Default)]
pub(super) struct AnnexDraft {
    pub(super) title: Vec<Inline>,
    /// The paragraph of its heading (or of its table, without one).
    pub(super) number: usize,
    pub(super) class: Option<Classification>,
    /// The header row's cells, `None` until a table is read.
    pub(super) columns: Option<Vec<Vec<Inline>>>,
    pub(super) rows: Vec<(Vec<Vec<Block>>, Option<Classification>, usize)>,
}

/// "Annex A: Title", "Appendix B – Title", "Annex 2", "ANNEX A": where the title starts
/// (characters), if `text` is an annex heading.
pub(super) fn label(text: &str) -> Option<usize> {
    let mut words = text.split_whitespace();
    let word = words.next()?.to_lowercase();
    if !matches!(word.as_str(), "annex" | "annexe" | "appendix") {
        return None;
    }
    let id = words.next()?;
    let bare = id.trim_end_matches([':', '.', ',']);
    let letter = bare.len() == 1 && bare.chars().all(|c| c.is_ascii_uppercase());
    let number = (1..=2).contains(&bare.len()) && bare.chars().all(|c| c.is_ascii_digit());
    if !(letter || number) {
        return None;
    }
    let id_end = patterns::words_end(text, 2);
    let rest = &text[id_end..];
    let separated =
        bare.len() < id.len() || rest.trim().is_empty() || rest.trim_start().starts_with([':', '–', '—', '-', '.']);
    if !separated {
        return None; // "Annex A to this paper provides…" is a sentence
    }
    let skip = rest.chars().take_while(|c| c.is_whitespace() || matches!(c, ':' | '–' | '—' | '-' | '.')).count();
    Some(text[..id_end].chars().count() + skip)
}

impl Builder<'_> {
    /// Starts an annex if `items[at]` is an annex heading with a table after it (a caption
    /// or a line between them allowed); `false` otherwise.
    pub(super) fn annex_start(&mut self, items: &[Item], at: usize) -> bool {
        let Item::Para(p) = &items[at] else { return false };
        let text = raw(&p.inlines);
        let headed = matches!(p.role, Role::Heading(_) | Role::Title)
            || patterns::all_bold(&p.inlines)
            || short_line(text.trim());
        let Some(start) = label(text.trim_start()).filter(|_| headed && p.list.is_none()) else { return false };
        let table_follows = items[at + 1..]
            .iter()
            .take(3)
            .take_while(|i| {
                matches!(i, Item::Table(_)) || matches!(i, Item::Para(q) if !matches!(q.role, Role::Heading(_)))
            })
            .any(|i| matches!(i, Item::Table(_)));
        if !table_follows {
            return false;
        }
        let lead = text.chars().count() - text.trim_start().chars().count();
        let mut title = trim(&cut(&p.inlines, lead + start, usize::MAX));
        let class = self.take_marking(&mut title);
        self.annexes.push(AnnexDraft { title, number: p.number, class, ..AnnexDraft::default() });
        self.zone = Zone::Annex;
        true
    }

    /// Reads `table` into the current annex (a new one if it already has a table of
    /// other columns, or none is open); `false` if it cannot be an annex.
    pub(super) fn annex_table(&mut self, table: &Table) -> bool {
        let Some((head, body)) = table.rows.split_first() else { return false };
        let columns: Vec<Vec<Inline>> = head
            .iter()
            .map(|cell| {
                let blocks = blocks::cell(cell, table.number, &mut self.findings);
                let inlines = blocks::one_line(&blocks);
                // The header row is bold as a row: its cells' weight is not emphasis.
                let plain: Vec<Inline> = inlines
                    .into_iter()
                    .map(|i| match i {
                        Inline::Text(t, s) => Inline::Text(t, crate::dialect::Style { bold: false, ..s }),
                        Inline::Break => Inline::Text(" ".into(), crate::dialect::Style::REGULAR),
                        Inline::Anchor(a) => Inline::Anchor(a),
                    })
                    .collect();
                trim(&plain)
            })
            .collect();
        let same_columns = |annex: &AnnexDraft| {
            annex.columns.as_ref().is_some_and(|c| c.iter().map(|x| raw(x)).eq(columns.iter().map(|x| raw(x))))
        };
        match self.annexes.last() {
            Some(annex) if annex.columns.is_none() => {}
            Some(annex) if self.zone == Zone::Annex && same_columns(annex) => {}
            _ => {
                self.findings.push(Finding {
                    kind: Kind::ImportGuessed,
                    place: Place::Paragraph(table.number),
                    message: "a table after the sign-off without an “Annex A: Title” heading is taken for an annex"
                        .into(),
                    hint: Some("give the annex its title in the YAML".into()),
                });
                self.annexes.push(AnnexDraft { number: table.number, ..AnnexDraft::default() });
            }
        }
        self.zone = Zone::Annex;
        let annex = self.annexes.last_mut().expect("an annex");
        let width = columns.len();
        annex.columns.get_or_insert(columns);
        let mut rows = Vec::new();
        for (r, row) in body.iter().enumerate() {
            let number = row.iter().flatten().find_map(first_number).unwrap_or(table.number);
            let mut cells: Vec<Vec<Block>> =
                row.iter().map(|c| blocks::cell(c, table.number, &mut self.findings)).collect();
            let class = cells.iter_mut().flat_map(strip_markings).max();
            if cells.len() != width {
                self.findings.push(Finding {
                    kind: Kind::ImportUnmapped,
                    place: Place::Paragraph(number),
                    message: format!(
                        "row {} has {} cells for {width} columns: {}",
                        r + 1,
                        cells.len(),
                        if cells.len() > width { "the last ones are joined" } else { "empty cells are added" }
                    ),
                    hint: None,
                });
                while cells.len() > width.max(1) {
                    let last = cells.pop().unwrap_or_default();
                    cells.last_mut().expect("a cell").extend(last);
                }
                cells.resize(width, Vec::new());
            }
            rows.push((cells, class, number));
        }
        let annex = self.annexes.last_mut().expect("an annex");
        annex.rows.extend(rows);
        true
    }
}

/// The first paragraph number in a cell.
fn first_number(item: &Item) -> Option<usize> {
    match item {
        Item::Para(p) => Some(p.number),
        Item::Table(t) => Some(t.number),
    }
}

/// Takes every TLP marking out of a cell's paragraphs; the classes they named.
fn strip_markings(cell: &mut Vec<Block>) -> Vec<Classification> {
    let mut found = Vec::new();
    let mut strip = |inlines: &mut Vec<Inline>| {
        let text = raw(inlines);
        let marks = values::markings(&text);
        for (class, range) in marks.iter().rev() {
            found.push(*class);
            let mut kept = cut(inlines, 0, range.start);
            kept.extend(cut(inlines, range.end, usize::MAX));
            *inlines = kept;
        }
        if !marks.is_empty() {
            // "Alpha [AMBER]" leaves "Alpha ": the space the marking stood by goes too.
            *inlines = squeeze(&trim(inlines));
        }
    };
    for block in cell.iter_mut() {
        match block {
            Block::Paragraph(inlines) => strip(inlines),
            Block::List(_, items) => {
                for block in items.iter_mut().flatten() {
                    if let Block::Paragraph(inlines) = block {
                        strip(inlines);
                    }
                }
            }
            _ => {}
        }
    }
    cell.retain(|b| !matches!(b, Block::Paragraph(i) if raw(i).trim().is_empty()));
    found
}

/// Double spaces left where a marking was, made single (runs of one style joined first).
fn squeeze(inlines: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(last, style)), Inline::Text(t, s)) if style == s => last.push_str(t),
            _ => out.push(inline.clone()),
        }
    }
    for inline in &mut out {
        if let Inline::Text(t, _) = inline {
            *t = t.replace("  ", " ");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annex_headings_and_sentences() {
        assert_eq!(label("Annex A: DCC SEC Panel Reports"), Some(9));
        assert_eq!(label("Appendix B – Costs"), Some(13));
        assert_eq!(label("ANNEX C"), Some(7));
        assert_eq!(label("Annex A to this paper provides the list"), None);
        assert_eq!(label("Annexes"), None);
    }

    #[test]
    fn a_rows_marking_is_its_class_and_leaves_the_cell() {
        let mut cell =
            vec![Block::Paragraph(vec![Inline::Text("Alpha [AMBER] supply".into(), crate::dialect::Style::REGULAR)])];
        assert_eq!(strip_markings(&mut cell), [Classification::Amber]);
        assert_eq!(
            cell,
            vec![Block::Paragraph(vec![Inline::Text("Alpha supply".into(), crate::dialect::Style::REGULAR)])]
        );
        let mut only = vec![Block::Paragraph(vec![Inline::Text("TLP:RED".into(), crate::dialect::Style::REGULAR)])];
        assert_eq!(strip_markings(&mut only), [Classification::Red]);
        assert!(only.is_empty());
    }
}
