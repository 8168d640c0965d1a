//! The class of every part of a paper: its own, or its container's (the paper's base
//! class for top-level parts). A part may be classed above or below the paper: the paper
//! is marked by what it shows (the model computes that). A part classed below its
//! container is withheld with it all the same, so its class has no effect: a warning.

use super::fields;
use crate::diagnostic::Diagnostics;
use crate::domain::Classification;
use crate::load::{Loaded, PaperSource, SectionSource};
use crate::model::{AnnexClass, PartClasses, SectionClass};

pub(super) fn resolve(loaded: &Loaded<PaperSource>, paper: Classification, problems: &mut Diagnostics) -> PartClasses {
    let mut resolver = Resolver { loaded, problems };
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
                    .map(|(r, row)| match row {
                        // A sheet's row carries its source's class, whatever its annex's: the
                        // higher of the two, with nothing to warn of.
                        crate::load::RowSource::Sheet(sheet) => sheet
                            .classification
                            .as_deref()
                            .and_then(Classification::parse)
                            .map_or(class, |c| c.max(class)),
                        _ => resolver.part(&format!("{path}.rows[{r}]"), row.classification(), class),
                    })
                    .collect();
                AnnexClass { class, rows }
            })
            .collect(),
    }
}

struct Resolver<'a> {
    loaded: &'a Loaded<PaperSource>,
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

    /// The part's own class (checked) or its container's.
    fn part(&mut self, path: &str, own: Option<&str>, container: Classification) -> Classification {
        let Some(name) = own else { return container };
        let field = format!("{path}.classification");
        let Some(class) = fields::class(self.loaded, &field, name, self.problems) else { return container };
        if class < container {
            self.problems.push(
                crate::diagnostic::Diagnostic::warning(
                    crate::diagnostic::Kind::ClassBelowContainer,
                    &self.loaded.file,
                    format!(
                        "classified {class}, below the {container} of what contains it: it is withheld with its container, so its class has no effect"
                    ),
                )
                .at_field(field.clone())
                .at(self.loaded.positions().nearest(&field))
                .with_hint(format!("remove its `classification`, or move it out of the {container} part")),
            );
        }
        class.max(container)
    }
}
