//! What validation redacts in an edition's problems is exactly what the model withholds
//! from that edition, over random papers and editions: both ask `domain::edition`, and this
//! holds their walks of the paper to the same parts.

use super::{check, withheld_fields};
use crate::domain::Classification;
use crate::load::PaperSource;
use crate::model::{Paper, Section};
use proptest::prelude::*;
use std::path::Path;

/// A class, or none of its own.
fn class() -> impl Strategy<Value = Option<usize>> {
    prop::option::of(0..Classification::ALL.len())
}

fn name(class: Option<usize>, indent: &str) -> String {
    class.map_or(String::new(), |c| format!("{indent}classification: {}\n", Classification::ALL[c].name()))
}

/// A paper of random shape and classes, as YAML.
fn paper() -> impl Strategy<Value = String> {
    let sections = prop::collection::vec((class(), prop::collection::vec(class(), 0..3)), 1..4);
    let items = prop::collection::vec(class(), 1..4);
    let attachments = prop::collection::vec((0..Classification::ALL.len(), any::<bool>()), 0..3);
    let annexes = prop::collection::vec((class(), prop::collection::vec(class(), 1..4)), 0..3);
    (0..Classification::ALL.len(), sections, items, attachments, annexes).prop_map(
        |(base, sections, items, attachments, annexes)| {
            let mut yaml = format!(
                "committee: SSC\nmeeting: 95\nmeeting_date: 2020-02-26\nnumber: 7\ntitle: T\naction: For Discussion\nclassification: {}\nauthor: A\nteam: B\ndate: 2020-02-19\nsections:\n",
                Classification::ALL[base].name()
            );
            for (i, (class, subsections)) in sections.iter().enumerate() {
                yaml += &format!("  - heading: Part {i}\n    body: Text.\n{}", name(*class, "    "));
                if !subsections.is_empty() {
                    yaml += "    subsections:\n";
                }
                for (j, class) in subsections.iter().enumerate() {
                    yaml += &format!("      - heading: Sub {j}\n        body: Text.\n{}", name(*class, "        "));
                }
            }
            yaml += "recommendations:\n  items:\n";
            for class in &items {
                yaml += &format!("    - verb: DISCUSS\n      text: it.\n{}", name(*class, "      "));
            }
            if !attachments.is_empty() {
                yaml += "attachments:\n";
            }
            for (i, (class, described)) in attachments.iter().enumerate() {
                yaml += &format!("  - title: A{i}\n    classification: {}\n", Classification::ALL[*class].name());
                if *described {
                    yaml += "    description: what it is\n";
                }
            }
            if !annexes.is_empty() {
                yaml += "annexes:\n";
            }
            for (a, (class, rows)) in annexes.iter().enumerate() {
                yaml += &format!("  - title: Annex {a}\n    columns: [Key]\n{}    rows:\n", name(*class, "    "));
                for (r, class) in rows.iter().enumerate() {
                    yaml += &match class {
                        None => format!("      - [\"row {r}\"]\n"),
                        Some(c) => format!(
                            "      - {{cells: [\"row {r}\"], classification: {}}}\n",
                            Classification::ALL[*c].name()
                        ),
                    };
                }
            }
            yaml
        },
    )
}

/// The field paths of every part the model withheld (a description only where one was
/// written).
fn withheld_by_model(paper: &Paper, described: &[bool]) -> Vec<String> {
    if paper.is_withheld() {
        return vec![String::new()];
    }
    fn sections(path: &str, list: &[Section], out: &mut Vec<String>) {
        for (i, s) in list.iter().enumerate() {
            if s.withheld {
                out.push(format!("{path}[{i}]"));
            } else {
                sections(&format!("{path}[{i}].subsections"), &s.subsections, out);
            }
        }
    }
    let mut out = Vec::new();
    sections("sections", &paper.sections, &mut out);
    for (i, item) in paper.recommendations.items.iter().enumerate() {
        if item.withheld {
            out.push(format!("recommendations.items[{i}]"));
        }
    }
    for (i, a) in paper.attachments.iter().enumerate() {
        if described[i] && a.description.is_none() {
            out.push(format!("attachments[{i}].description"));
        }
    }
    for (a, annex) in paper.annexes.iter().enumerate() {
        if annex.withheld {
            out.push(format!("annexes[{a}]"));
            continue;
        }
        for (r, row) in annex.rows.iter().enumerate() {
            if row.withheld {
                out.push(format!("annexes[{a}].rows[{r}]"));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn validation_redacts_exactly_what_the_model_withholds(yaml in paper(), edition in 0..Classification::ALL.len()) {
        let edition = Classification::ALL[edition];
        let loaded = crate::load::parse::<PaperSource>(Path::new("p.yaml"), &yaml).unwrap();
        let described: Vec<bool> = loaded.value.attachments.iter().map(|a| a.description.is_some()).collect();
        let (checked, _) = check(&loaded, None, None, Some(edition), &|_| true).unwrap();
        let attachment_classes: Vec<Option<Classification>> = checked.attachment_classes.iter().copied().map(Some).collect();
        let mut redacted = withheld_fields(checked.classification, &checked.parts, &attachment_classes, edition);
        redacted.retain(|path| {
            let attachment = path.strip_prefix("attachments[").and_then(|p| p.split(']').next()?.parse::<usize>().ok());
            attachment.is_none_or(|i| described[i])
        });
        let paper = Paper::build(checked, Some(edition));
        let mut withheld = withheld_by_model(&paper, &described);
        redacted.sort();
        withheld.sort();
        prop_assert_eq!(redacted, withheld, "{}", yaml);
    }
}
