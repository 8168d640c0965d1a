//! Stage 3, model: the paper as it will be printed, with every number computed.
//!
//! Section and recommendation numbers, annex letters and attachment labels are decided
//! here and nowhere else; templates only print them.

mod checked;
pub mod cycle;
pub mod decisions;
mod index;
mod number;
pub mod refs;

pub use checked::{AnnexClass, Checked, PartClasses, SectionClass};
pub use index::{IndexRow, PaperList};
pub use number::SectionNumber;

use crate::domain::edition::withholds;
use crate::domain::{Action, Classification, Reference, Verb, dates};
use crate::load::SectionSource;
use serde::Serialize;

/// A paper ready to render: numbered, classified, texts expanded, and — for an edition —
/// with every part above the edition's class withheld (with everything inside it).
///
/// Portion marking: `classification` is the base class, the class of every part without
/// one of its own; `marking` is computed, the highest class of the parts the paper shows.
#[derive(Debug, Clone, Serialize)]
pub struct Paper {
    /// `SECP_78_1303_29`.
    pub reference: Reference,
    /// The title.
    pub title: String,
    /// The action line.
    pub action: Action,
    /// The base class: the class of the title block, the sign-off and every part without a
    /// class of its own.
    pub classification: Classification,
    /// The class it is marked with: the highest class of the parts it shows.
    pub marking: Classification,
    /// The parts that raise the marking above the base class ("Annex A row 3"), for the
    /// run's summary; empty when the marking is the base class.
    #[serde(skip)]
    pub marked_by: Vec<String>,
    /// The edition's class, when this is an edition.
    pub edition: Option<Classification>,
    /// "Comparison of … and …" when this is a redline of two drafts (its text then
    /// carries CriticMarkup).
    pub comparison: Option<String>,
    /// In a redline of drafts marked differently: the old draft's marking, then the new
    /// one's (`marking` is the higher of the two).
    #[serde(skip)]
    pub remarked: Option<(Classification, Classification)>,
    /// In a redline, typed values printed marked against the old draft's (a changed
    /// reference, action, sign-off date, attachment class): each a JSON pointer into the
    /// paper as templates see it (`/date`, `/attachments/0/classification`) and what is
    /// printed there instead.
    #[serde(skip)]
    pub shown: Vec<(String, String)>,
    /// Who signs it off.
    pub author: String,
    /// The author's team.
    pub team: String,
    /// The sign-off date (templates get it in UK long form, "6 March 2020"; it is also the
    /// PDF's creation date unless SOURCE_DATE_EPOCH is set).
    #[serde(serialize_with = "dates::serialize_uk_long")]
    pub date: chrono::NaiveDate,
    /// Numbered sections.
    pub sections: Vec<Section>,
    /// The last numbered section.
    pub recommendations: Recommendations,
    /// Listed attachments, labelled Appendix A, B…
    pub attachments: Vec<Attachment>,
    /// Lettered annexes.
    pub annexes: Vec<Annex>,
}

/// A numbered section; a withheld one keeps its number and class, nothing else.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// `3` or `3.1`.
    pub number: SectionNumber,
    /// Heading without its number (empty when withheld).
    pub heading: String,
    /// Markdown body (empty when withheld).
    pub body: String,
    /// Numbered subsections.
    pub subsections: Vec<Section>,
    /// Its class.
    pub classification: Classification,
    /// Its portion mark: its class, shown beside it, when that differs from the class of
    /// what contains it (the base class, for a top-level part) and the paper shows marks;
    /// never on a withheld part.
    pub mark: Option<Classification>,
    /// The anchor references to it link to (its `id`'s, [`refs::anchor`]); never on a
    /// withheld part.
    pub anchor: Option<String>,
    /// Whether this edition withholds it.
    pub withheld: bool,
}

/// The Recommendations section.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendations {
    /// Its section number (always the last).
    pub number: SectionNumber,
    /// "The Panel is requested to", without a trailing colon.
    pub lead_in: String,
    /// The items, numbered within the section.
    pub items: Vec<Recommendation>,
}

/// One recommendation.
#[derive(Debug, Clone, Serialize)]
pub struct Recommendation {
    /// `4.1`, `4.2`…
    pub number: SectionNumber,
    /// The verb in capitals (empty when withheld).
    pub verb: String,
    /// The rest of the sentence (empty when withheld).
    pub text: String,
    /// Its class.
    pub classification: Classification,
    /// Its portion mark: its class, shown beside it, when that differs from the class of
    /// what contains it (the base class, for a top-level part) and the paper shows marks;
    /// never on a withheld part.
    pub mark: Option<Classification>,
    /// The anchor references to it link to (its `id`'s, [`refs::anchor`]); never on a
    /// withheld part.
    pub anchor: Option<String>,
    /// Whether this edition withholds it.
    pub withheld: bool,
}

/// A listed attachment.
#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    /// "Appendix A".
    pub label: String,
    /// Its title.
    pub title: String,
    /// Its own class.
    pub classification: Classification,
    /// What it is, if given (never for an attachment above the edition's class).
    pub description: Option<String>,
    /// The anchor references to it link to (its `id`'s, [`refs::anchor`]); never on a
    /// withheld part.
    pub anchor: Option<String>,
}

/// A lettered annex table.
#[derive(Debug, Clone, Serialize)]
pub struct Annex {
    /// `A`, `B`…
    pub letter: String,
    /// Title after "Annex A:" (empty when withheld).
    pub title: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Its class.
    pub classification: Classification,
    /// Its portion mark: its class, shown beside it, when that differs from the class of
    /// what contains it (the base class, for a top-level part) and the paper shows marks;
    /// never on a withheld part.
    pub mark: Option<Classification>,
    /// The anchor references to it link to (its `id`'s, [`refs::anchor`]); never on a
    /// withheld part.
    pub anchor: Option<String>,
    /// Whether this edition withholds it.
    pub withheld: bool,
}

/// An annex row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// 1, 2…: its place in the annex, which a withheld row keeps.
    pub number: usize,
    /// Cells (Markdown), one per column (empty when withheld).
    pub cells: Vec<String>,
    /// Its class.
    pub classification: Classification,
    /// Its portion mark: its class, shown beside it, when that differs from the class of
    /// what contains it (the base class, for a top-level part) and the paper shows marks;
    /// never on a withheld part.
    pub mark: Option<Classification>,
    /// The anchor references to it link to (its `id`'s, [`refs::anchor`]); never on a
    /// withheld part.
    pub anchor: Option<String>,
    /// Whether this edition withholds it.
    pub withheld: bool,
}

/// The default Recommendations lead-in.
pub const DEFAULT_LEAD_IN: &str = "The Panel is requested to";

impl Paper {
    /// Numbers and labels a checked paper; for an `edition`, withholds every part above
    /// its class with everything inside it (numbers stay as in the full paper, so editions
    /// compare number by number), and marks the paper by what is left. A paper whose base
    /// class is above the edition keeps only its reference and classes.
    pub fn build(checked: Checked, edition: Option<Classification>) -> Paper {
        let base = checked.classification;
        let whole_withheld = withholds(edition, base);
        let shown = |class: Classification| !whole_withheld && !withholds(edition, class);
        let blank_unless = |show: bool, text: String| if show { text } else { String::new() };
        // A part shown is marked where its class is not the one its container implies.
        let marks = checked.portion_marks;
        let mark = move |withheld: bool, class: Classification, container: Classification| {
            (marks && !withheld && class != container).then_some(class)
        };
        let src = checked.source;
        let container = Container { class: base, number: SectionNumber::root() };
        let sections = number_sections(&src.sections, &checked.parts.sections, &container, &shown, &mark);
        let recommendations_number = SectionNumber::top(sections.len() + 1);
        let lead_in = src.recommendations.lead_in.as_deref().unwrap_or(DEFAULT_LEAD_IN);
        let items = src
            .recommendations
            .items
            .into_iter()
            .zip(&checked.parts.recommendations)
            .enumerate()
            .map(|(i, (item, &classification))| {
                let withheld = !shown(classification);
                Recommendation {
                    number: recommendations_number.child(i + 1),
                    verb: if withheld {
                        String::new()
                    } else {
                        Verb::parse(&item.verb).map_or("", Verb::as_str).to_string()
                    },
                    text: blank_unless(!withheld, item.text.trim().to_string()),
                    classification,
                    mark: mark(withheld, classification, base),
                    anchor: item.id.as_deref().filter(|_| !withheld).map(refs::anchor),
                    withheld,
                }
            })
            .collect();
        let recommendations = Recommendations {
            lead_in: blank_unless(!whole_withheld, lead_in.trim().trim_end_matches(':').trim_end().to_string()),
            items,
            number: recommendations_number,
        };
        let attachments = src
            .attachments
            .into_iter()
            .zip(checked.attachment_classes)
            .enumerate()
            .map(|(i, (a, classification))| Attachment {
                label: format!("Appendix {}", letter(i)),
                title: blank_unless(!whole_withheld, a.title.trim().to_string()),
                classification,
                // The description carries the attachment's class; its title the paper's.
                description: a.description.filter(|_| shown(classification.max(base))).map(|d| d.trim().to_string()),
                anchor: a.id.as_deref().filter(|_| !whole_withheld).map(refs::anchor),
            })
            .collect();
        let annexes = src
            .annexes
            .into_iter()
            .zip(&checked.parts.annexes)
            .enumerate()
            .map(|(i, (a, classes))| {
                let withheld = !shown(classes.class);
                let rows = a
                    .rows
                    .iter()
                    .zip(&classes.rows)
                    .enumerate()
                    .map(|(r, (row, &classification))| {
                        let withheld = withheld || !shown(classification);
                        // A cell as printed: its codec trims it, so a comparison does too
                        // (a YAML block's last line break, a sheet's cell without one).
                        let cells = if withheld {
                            Vec::new()
                        } else {
                            row.cells().iter().map(|c| c.trim().to_string()).collect()
                        };
                        let mark = mark(withheld, classification, classes.class);
                        let anchor = a.id.as_deref().filter(|_| !withheld).map(|id| refs::row_anchor(id, r + 1));
                        Row { number: r + 1, cells, classification, mark, anchor, withheld }
                    })
                    .collect();
                Annex {
                    letter: letter(i),
                    title: blank_unless(!withheld, a.title.trim().to_string()),
                    columns: if withheld { Vec::new() } else { a.columns },
                    rows: if withheld { Vec::new() } else { rows },
                    classification: classes.class,
                    mark: mark(withheld, classes.class, base),
                    anchor: a.id.as_deref().filter(|_| !withheld).map(refs::anchor),
                    withheld,
                }
            })
            .collect();
        let mut paper = Paper {
            reference: checked.reference,
            title: blank_unless(!whole_withheld, src.title.trim().to_string()),
            action: checked.action,
            classification: base,
            marking: base,
            marked_by: Vec::new(),
            edition,
            comparison: None,
            remarked: None,
            shown: Vec::new(),
            author: blank_unless(!whole_withheld, checked.author.trim().to_string()),
            team: blank_unless(!whole_withheld, checked.team.trim().to_string()),
            date: checked.date,
            sections,
            recommendations,
            attachments,
            annexes,
        };
        if !whole_withheld {
            (paper.marking, paper.marked_by) = marking(&paper);
        }
        paper
    }

    /// The same paper with `f` applied to every text the author wrote (for the redline,
    /// which escapes them before it adds its own marks).
    pub fn map_text(&self, f: impl Fn(&str) -> String) -> Paper {
        fn sections(list: &[Section], f: &impl Fn(&str) -> String) -> Vec<Section> {
            list.iter()
                .map(|s| Section {
                    heading: f(&s.heading),
                    body: f(&s.body),
                    subsections: sections(&s.subsections, f),
                    ..s.clone()
                })
                .collect()
        }
        let mut out = self.clone();
        out.title = f(&self.title);
        out.author = f(&self.author);
        out.team = f(&self.team);
        out.sections = sections(&self.sections, &f);
        out.recommendations.lead_in = f(&self.recommendations.lead_in);
        for item in &mut out.recommendations.items {
            item.text = f(&item.text);
        }
        for a in &mut out.attachments {
            a.title = f(&a.title);
            a.description = a.description.as_deref().map(&f);
        }
        for annex in &mut out.annexes {
            annex.title = f(&annex.title);
            annex.columns = annex.columns.iter().map(|c| f(c)).collect();
            for row in &mut annex.rows {
                row.cells = row.cells.iter().map(|c| f(c)).collect();
            }
        }
        out
    }

    /// Whether the paper's base class is above its edition's: then the edition leaves it
    /// out whole and shows nothing of it but its reference.
    pub fn is_withheld(&self) -> bool {
        withholds(self.edition, self.classification)
    }

    /// Frees the body (sections, recommendations, attachments, annexes) of a paper already
    /// rendered, keeping what a paper list, a pack and a run's summary read: a meeting's
    /// build then holds one paper's body at a time, not all of them.
    pub fn release_body(&mut self) {
        self.sections = Vec::new();
        self.recommendations.lead_in = String::new();
        self.recommendations.items = Vec::new();
        self.attachments = Vec::new();
        self.annexes = Vec::new();
    }
}

/// The highest class among the parts `paper` shows, and the parts that carry it when it
/// is above the base class (each the outermost part at that class).
fn marking(paper: &Paper) -> (Classification, Vec<String>) {
    let mut shown: Vec<(Classification, Classification, String)> = Vec::new();
    fn sections(list: &[Section], container: Classification, out: &mut Vec<(Classification, Classification, String)>) {
        for s in list.iter().filter(|s| !s.withheld) {
            out.push((s.classification, container, format!("section {}", s.number)));
            sections(&s.subsections, s.classification, out);
        }
    }
    let base = paper.classification;
    sections(&paper.sections, base, &mut shown);
    for item in paper.recommendations.items.iter().filter(|r| !r.withheld) {
        shown.push((item.classification, base, format!("recommendation {}", item.number)));
    }
    for a in paper.attachments.iter().filter(|a| a.description.is_some()) {
        shown.push((a.classification, base, format!("{} description", a.label)));
    }
    for annex in paper.annexes.iter().filter(|a| !a.withheld) {
        shown.push((annex.classification, base, format!("Annex {}", annex.letter)));
        for row in annex.rows.iter().filter(|r| !r.withheld) {
            shown.push((
                row.classification,
                annex.classification,
                format!("Annex {} row {}", annex.letter, row.number),
            ));
        }
    }
    let marking = shown.iter().map(|(class, _, _)| *class).fold(base, Classification::max);
    let marked_by = if marking > base {
        shown
            .into_iter()
            .filter(|(class, container, _)| *class == marking && *container < marking)
            .map(|p| p.2)
            .collect()
    } else {
        Vec::new()
    };
    (marking, marked_by)
}

/// What contains a list of sections: its number and class.
struct Container {
    class: Classification,
    number: SectionNumber,
}

fn number_sections(
    sources: &[SectionSource],
    classes: &[SectionClass],
    parent: &Container,
    shown: &impl Fn(Classification) -> bool,
    mark: &impl Fn(bool, Classification, Classification) -> Option<Classification>,
) -> Vec<Section> {
    sources
        .iter()
        .zip(classes)
        .enumerate()
        .map(|(i, (s, class))| {
            let number = parent.number.child(i + 1);
            let withheld = !shown(class.class);
            Section {
                heading: if withheld { String::new() } else { s.heading.trim().to_string() },
                body: if withheld { String::new() } else { s.body.trim().to_string() },
                // One placeholder stands for the whole withheld subtree.
                subsections: if withheld {
                    Vec::new()
                } else {
                    let container = Container { class: class.class, number: number.clone() };
                    number_sections(&s.subsections, &class.subsections, &container, shown, mark)
                },
                number,
                classification: class.class,
                mark: mark(withheld, class.class, parent.class),
                anchor: s.id.as_deref().filter(|_| !withheld).map(refs::anchor),
                withheld,
            }
        })
        .collect()
}

/// A, B, … Z, AA, AB … (spreadsheet style, so a 27th annex still has a letter).
fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::letter;

    #[test]
    fn letters_continue_past_z() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
    }
}
