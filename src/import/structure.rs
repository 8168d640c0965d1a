//! The paper's structure found in the blocks, top to bottom: the front (title block and
//! title), numbered sections and their bodies, the Recommendations, the sign-off, the
//! attachments list and the annexes. Section headings are found by heading styles first,
//! then by typed numbers in sequence ("3.2 Detail" after 3.1), then by numbered bold list
//! items, and in a document with none of these by bold one-line paragraphs. Whatever fits
//! nowhere is kept, as text, in the body of the section it follows, and reported.

use super::annex::AnnexDraft;
use super::front::Front;
use super::items::{Item, Para};
use super::patterns;
use super::styles::Role;
use super::tail::Recommendations;
use super::{Finding, Kind, Place};
use crate::dialect::Inline;
use crate::domain::Classification;

/// A section being gathered.
#[derive(Debug, Default)]
pub(super) struct Node {
    pub(super) heading: Vec<Inline>,
    pub(super) class: Option<Classification>,
    pub(super) body: Vec<Item>,
    pub(super) children: Vec<Node>,
}

/// Where the walk through the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Zone {
    /// Numbered sections.
    Body,
    /// After the Recommendations heading or lead-in.
    Recommendations,
    /// After the sign-off: attachments, annexes.
    Tail,
    /// Reading the attachments list.
    Attachments,
    /// Inside an annex.
    Annex,
}

/// The structure found so far, and what was reported on the way.
pub(super) struct Builder<'a> {
    pub(super) links: &'a [String],
    pub(super) findings: Vec<Finding>,
    pub(super) sections: Vec<Node>,
    /// What came before the first section heading (kept at the start of its body).
    pub(super) before: Vec<Item>,
    pub(super) recommendations: Recommendations,
    pub(super) front: Front,
    pub(super) attachments: Vec<super::tail::Attachment>,
    pub(super) annexes: Vec<AnnexDraft>,
    pub(super) zone: Zone,
    /// The heading style level that numbered sections start at (`heading 1`, or 2 when the
    /// title is a `heading 1`).
    pub(super) top: u8,
    /// Section headings carry typed numbers ("1. Purpose"): an unnumbered heading below the
    /// first level is then a run-in heading of a body.
    pub(super) typed: bool,
    /// The document shows no headings: bold one-line paragraphs are taken for them.
    pub(super) weak: bool,
}

/// The first words of a text, for a report: about eight words, at most 60 characters.
pub(super) fn first_words(text: &str) -> String {
    super::report::first_words(text)
}

impl<'a> Builder<'a> {
    pub(super) fn new(links: &'a [String]) -> Builder<'a> {
        Builder {
            links,
            findings: Vec::new(),
            sections: Vec::new(),
            before: Vec::new(),
            recommendations: Recommendations::default(),
            front: Front::default(),
            attachments: Vec::new(),
            annexes: Vec::new(),
            zone: Zone::Body,
            top: 1,
            typed: false,
            weak: false,
        }
    }

    /// The numbers of the section a body item goes to now (`3.2`), or `None` before the
    /// first section.
    fn current_number(&self) -> Option<String> {
        let mut parts = vec![self.sections.len()];
        let mut node = self.sections.last()?;
        while let Some(last) = node.children.last() {
            parts.push(node.children.len());
            node = last;
        }
        Some(parts.iter().map(usize::to_string).collect::<Vec<_>>().join("."))
    }

    /// The body that takes what comes now: the deepest section open.
    fn current_body(&mut self) -> &mut Vec<Item> {
        let Some(mut node) = self.sections.last_mut() else { return &mut self.before };
        while !node.children.is_empty() {
            node = node.children.last_mut().expect("a child");
        }
        &mut node.body
    }

    /// Adds `item` to the current body, as it belongs there.
    pub(super) fn body(&mut self, item: Item) {
        self.current_body().push(item);
    }

    /// Keeps `item`, which `why` has no place for, in the current body, and reports it.
    pub(super) fn keep(&mut self, item: Item, why: &str) {
        let (number, text) = match &item {
            Item::Para(p) => (p.number, p.text()),
            Item::Table(t) => (t.number, "a table".to_string()),
        };
        if text.is_empty() {
            return;
        }
        let quoted = if matches!(item, Item::Table(_)) { text } else { format!("“{}”", first_words(&text)) };
        let whose = match self.current_number() {
            Some(n) if self.zone == Zone::Body => format!("section {n}"),
            Some(n) => format!("section {n} (the last before the Recommendations)"),
            None => "section 1, at its start".to_string(),
        };
        self.findings.push(Finding {
            kind: Kind::ImportUnmapped,
            place: Place::Paragraph(number),
            message: format!("{quoted} {why}: kept as text in the body of {whose}"),
            hint: Some("move it where it belongs in the YAML, or delete it".into()),
        });
        self.body(item);
    }

    /// Opens a section at `level` (1–3) headed `heading`: a level with no parent open is
    /// taken one level up.
    pub(super) fn open(&mut self, level: u8, heading: Vec<Inline>, class: Option<Classification>) {
        let node = Node { heading, class, ..Node::default() };
        let Some(section) = self.sections.last_mut().filter(|_| level > 1) else {
            self.sections.push(node);
            return;
        };
        match section.children.last_mut().filter(|_| level > 2) {
            Some(sub) => sub.children.push(node),
            None => section.children.push(node),
        }
    }

    /// A section heading: its level (1–3, or 4 and more for a run-in heading of a body),
    /// its text without a typed number, and whether it is the Recommendations heading.
    pub(super) fn heading(&self, items: &[Item], at: usize) -> Option<(u8, Vec<Inline>)> {
        let Item::Para(p) = &items[at] else { return None };
        let text = p.text();
        if text.is_empty() || text.chars().count() > 200 {
            return None;
        }
        let numbered = patterns::section_number(patterns::raw(&p.inlines).trim_start());
        let without_number = |parts: usize| {
            let raw = patterns::raw(&p.inlines);
            let lead = raw.chars().count() - raw.trim_start().chars().count();
            patterns::trim(&patterns::cut(&p.inlines, lead + parts, usize::MAX))
        };
        match p.role {
            Role::Heading(style_level) => {
                let level = (style_level + 1).saturating_sub(self.top).max(1);
                match numbered {
                    // Numbers are computed: a typed one is dropped.
                    Some((_, len)) if level <= 3 => Some((level, without_number(len))),
                    // With typed numbers, an unnumbered heading below the first level is a
                    // run-in heading of a body (panelpaper sets one a level below its
                    // section: Heading 2 under a section, 3 under a subsection).
                    _ if self.typed && level >= 2 => Some((level.max(3) + 1, patterns::trim(&p.inlines))),
                    _ => Some((level, patterns::trim(&p.inlines))),
                }
            }
            Role::Normal if p.list.is_none() => {
                let (parts, len) = numbered?;
                let rest = text.chars().skip(len).collect::<String>();
                let words = rest.split_whitespace().count();
                let verb = rest.split_whitespace().next().and_then(crate::domain::Verb::parse).is_some()
                    && rest.split_whitespace().next().is_some_and(|w| w.chars().all(|c| !c.is_lowercase()));
                if words == 0 || words > 15 || rest.ends_with(['.', ';', ',']) || verb || !self.next_in_sequence(&parts)
                {
                    return None;
                }
                Some((parts.len() as u8, without_number(len)))
            }
            Role::Normal => {
                // A numbered list item set in bold and short: Word's automatic heading numbers.
                let mark = p.list?;
                let next_in_list =
                    matches!(items.get(at + 1), Some(Item::Para(n)) if n.list.is_some_and(|m| m.id == mark.id));
                (mark.ordered && mark.level < 3 && patterns::all_bold(&p.inlines) && short_line(&text) && !next_in_list)
                    .then(|| (mark.level + 1, patterns::trim(&p.inlines)))
            }
            _ => None,
        }
        .or_else(|| {
            // No headings at all: bold one-line paragraphs are the sections.
            (self.weak
                && p.role == Role::Normal
                && p.list.is_none()
                && patterns::all_bold(&p.inlines)
                && short_line(&text))
            .then(|| (1, patterns::trim(&p.inlines)))
        })
    }

    /// Whether a typed number is the next one: section 3 after 2, 3.2 after 3.1.
    fn next_in_sequence(&self, parts: &[u32]) -> bool {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let sections = count(self.sections.len());
        let last = self.sections.last();
        match parts {
            [n] => *n == sections + 1,
            [n, m] => *n == sections && last.is_some_and(|s| *m == count(s.children.len()) + 1),
            [n, m, k] => {
                let sub = last.and_then(|s| s.children.last());
                *n == sections
                    && last.is_some_and(|s| *m == count(s.children.len()))
                    && sub.is_some_and(|s| *k == count(s.children.len()) + 1)
            }
            _ => false,
        }
    }
}

/// A short line without a sentence's final punctuation: a heading's shape.
pub(super) fn short_line(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words) && text.chars().count() <= 100 && !text.ends_with(['.', ';', ',', ':'])
}

/// Whether the text is the Recommendations heading ("4. Recommendations", "Recommendation").
pub(super) fn is_recommendations(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(t.as_str(), "recommendations" | "recommendation" | "recommendation(s)")
}

/// Whether a paragraph opens the attachments list ("Attachments:", "Appendices").
pub(super) fn is_attachments(p: &Para) -> bool {
    let t = p.text().trim_end_matches(':').trim().to_lowercase();
    matches!(t.as_str(), "attachments" | "attachment" | "appendices" | "enclosures" | "attachment(s)" | "annexes")
        && p.list.is_none()
}
