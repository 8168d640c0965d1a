//! The class of every part of a paper: its own, or its container's (the paper's for
//! top-level parts). Content above the paper's class is an error, unless an edition is
//! being rendered: then it is what the edition withholds.

use super::fields;
use crate::diagnostic::Diagnostics;
use crate::load::{Loaded, PaperSource, SectionSource};
use crate::model::Classification;

/// The effective class of each part, in the paper's shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartClasses {
    /// Sections, with their subsections.
    pub sections: Vec<SectionClass>,
    /// Recommendation items.
    pub recommendations: Vec<Classification>,
    /// Annexes, with their rows.
    pub annexes: Vec<AnnexClass>,
}

/// A section's class and its subsections'.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionClass {
    /// The section's effective class.
    pub class: Classification,
    /// Its subsections'.
    pub subsections: Vec<SectionClass>,
}

/// An annex's class and its rows'.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnexClass {
    /// The annex's effective class.
    pub class: Classification,
    /// Each row's.
    pub rows: Vec<Classification>,
}

pub(super) fn resolve(
    loaded: &Loaded<PaperSource>,
    paper: Classification,
    edition: bool,
    problems: &mut Diagnostics,
) -> PartClasses {
    let mut resolver = Resolver { loaded, paper, edition, problems };
    let src = &loaded.value;
    PartClasses {
        sections: resolver.sections("sections", &src.sections, paper),
        recommendations: src
            .recommendations
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                resolver.part(&format!("recommendations.items[{i}]"), item.classification.as_deref(), paper)
            })
            .collect(),
        annexes: src
            .annexes
            .iter()
            .enumerate()
            .map(|(a, annex)| {
                let path = format!("annexes[{a}]");
                let class = resolver.part(&path, annex.classification.as_deref(), paper);
                let rows = annex
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(r, row)| resolver.part(&format!("{path}.rows[{r}]"), row.classification(), class))
                    .collect();
                AnnexClass { class, rows }
            })
            .collect(),
    }
}

struct Resolver<'a> {
    loaded: &'a Loaded<PaperSource>,
    paper: Classification,
    edition: bool,
    problems: &'a mut Diagnostics,
}

impl Resolver<'_> {
    fn sections(&mut self, path: &str, sections: &[SectionSource], parent: Classification) -> Vec<SectionClass> {
        sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let here = format!("{path}[{i}]");
                let class = self.part(&here, s.classification.as_deref(), parent);
                SectionClass {
                    class,
                    subsections: self.sections(&format!("{here}.subsections"), &s.subsections, class),
                }
            })
            .collect()
    }

    /// The part's own class (checked) or its parent's.
    fn part(&mut self, path: &str, own: Option<&str>, parent: Classification) -> Classification {
        let Some(name) = own else { return parent };
        let field = format!("{path}.classification");
        let Some(class) = fields::class(self.loaded, &field, name, self.problems) else { return parent };
        if class > self.paper && !self.edition {
            self.problems.push(
                self.loaded
                    .error_at(&field, format!("content classified {class} is above the paper's {}", self.paper))
                    .with_hint(format!(
                        "raise the paper's classification to {class}, or render an edition for a lower class with --edition"
                    )),
            );
        }
        class
    }
}
