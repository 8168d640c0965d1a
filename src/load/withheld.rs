//! Which places of a YAML file an edition withholds, read from the file as written: every
//! `classification` given on the way to a place, whatever else is wrong with the file.
//!
//! An edition's run must not name what it withholds even in its problems, and most
//! problems (a key given twice, an unknown key, a value of the wrong type) are found before
//! the paper could be read: so this reads only the classes, from the parser's events, and
//! tells for a field path or a position whether it lies inside a part the edition leaves
//! out. A class that cannot be read counts as above every edition.

use crate::diagnostic::{Diagnostics, Position};
use crate::domain::Classification;
use crate::domain::edition::withholds_unread;
use saphyr_parser::{Event, Parser};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// An edition's problems as its run may tell them: each error inside a part the edition
/// withholds (by the classes its YAML file gives, read again) says where it is and nothing
/// more; warnings there are left to `check`. Problems of other files (a template) and those
/// already told so are left as they are.
pub fn redact(problems: &mut Diagnostics, edition: Classification) {
    let mut files: BTreeMap<PathBuf, WrittenClasses> = BTreeMap::new();
    problems.0.retain_mut(|problem| {
        let yaml = problem.file.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !yaml || problem.kind == crate::diagnostic::Kind::Withheld {
            return true;
        }
        let classes = files.entry(problem.file.clone()).or_insert_with(|| {
            // A file that cannot be read again is taken as wholly withheld.
            match super::guard::read(&problem.file) {
                Ok(text) => WrittenClasses::index(&text),
                Err(_) => WrittenClasses::whole(),
            }
        });
        let Some(part) = classes.withheld_part(edition, problem.field.as_deref(), problem.position) else {
            return true;
        };
        problem.withhold(edition, &part);
        problem.is_error()
    });
}

/// The classes written in one file, by the path of the mapping that gives them.
#[derive(Debug, Default)]
pub struct WrittenClasses {
    /// Mapping path → each class given there (`None`: not a class name).
    classes: BTreeMap<String, Vec<Option<Classification>>>,
    /// Each mapping's path and where it starts and ends (to the file's end if it never
    /// closes: a syntax error inside it).
    spans: Vec<(String, Position, Position)>,
}

impl WrittenClasses {
    /// A file whose classes are unknown: above every edition.
    fn whole() -> WrittenClasses {
        WrittenClasses { classes: BTreeMap::from([(String::new(), vec![None])]), spans: Vec::new() }
    }

    /// Reads `text` as far as it parses.
    pub fn index(text: &str) -> WrittenClasses {
        let mut out = WrittenClasses::default();
        // Per open node: its path, whether a mapping, its key being read, next index, start.
        struct Open {
            path: String,
            map: bool,
            key: Option<String>,
            index: usize,
            start: Position,
        }
        let mut stack: Vec<Open> = Vec::new();
        let end_of_file = Position { line: text.lines().count() + 1, column: 1 };
        let child = |stack: &[Open]| -> String {
            match stack.last() {
                None => String::new(),
                Some(open) if open.map => super::positions::join(&open.path, open.key.as_deref().unwrap_or("")),
                Some(open) => format!("{}[{}]", open.path, open.index),
            }
        };
        let advance = |stack: &mut Vec<Open>| {
            if let Some(open) = stack.last_mut() {
                open.key = None;
                open.index += 1;
            }
        };
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let at = Position { line: span.start.line(), column: span.start.col() + 1 };
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(open) = stack.last_mut().filter(|o| o.map && o.key.is_none()) {
                        open.key = Some(value.into_owned());
                        continue;
                    }
                    if let Some(open) = stack.last().filter(|o| o.map)
                        && open.key.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case("classification"))
                    {
                        out.classes.entry(open.path.clone()).or_default().push(Classification::parse(&value));
                    }
                    advance(&mut stack);
                }
                Event::Alias(_) => advance(&mut stack),
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    // A class that is a list or a mapping is no class name.
                    if let Some(open) = stack.last().filter(|o| o.map)
                        && open.key.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case("classification"))
                    {
                        out.classes.entry(open.path.clone()).or_default().push(None);
                    }
                    let path = child(&stack);
                    stack.push(Open {
                        path,
                        map: matches!(event, Event::MappingStart(..)),
                        key: None,
                        index: 0,
                        start: at,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    if let Some(open) = stack.pop()
                        && open.map
                    {
                        out.spans.push((open.path, open.start, at));
                    }
                    advance(&mut stack);
                }
                _ => {}
            }
        }
        for open in stack.into_iter().filter(|o| o.map) {
            out.spans.push((open.path, open.start, end_of_file));
        }
        out
    }

    /// The part the edition for `edition` withholds that the place at `field` (or, without
    /// one, at `position`) is inside, if any: the file's own class, or a class given on the
    /// way to it, is above the edition or not a class. The part is named by a path that says
    /// nothing of it (a `data` entry's name is withheld too: it is just `data`; the whole
    /// file is the empty path). An attachment's class covers its description only (its title
    /// carries the paper's).
    pub fn withheld_part(
        &self,
        edition: Classification,
        field: Option<&str>,
        position: Option<Position>,
    ) -> Option<String> {
        let above = |path: &str| {
            self.classes.get(path).is_some_and(|classes| classes.iter().any(|c| withholds_unread(Some(edition), *c)))
        };
        if above("") {
            return Some(String::new());
        }
        let innermost;
        let field = match (field, position) {
            (Some(field), _) => field,
            (None, Some(position)) => {
                innermost = self
                    .spans
                    .iter()
                    .filter(|(_, start, end)| *start <= position && position <= *end)
                    .max_by_key(|(path, ..)| path.len())
                    .map_or(String::new(), |(path, ..)| path.clone());
                &innermost
            }
            (None, None) => return None,
        };
        let part = prefixes(field).find(|prefix| {
            let attachment = prefix.starts_with("attachments[") && !prefix.contains('.');
            let governs = !attachment || field.starts_with(&format!("{prefix}.description"));
            governs && above(prefix)
        })?;
        // A data entry's or a source's name may itself say what is withheld.
        Some(match part.split_once('.') {
            Some(("data" | "sources", _)) => part.split('.').next().unwrap_or_default().to_string(),
            _ => part.to_string(),
        })
    }

    /// Whether [`WrittenClasses::withheld_part`] finds a part.
    pub fn withholds(&self, edition: Classification, field: Option<&str>, position: Option<Position>) -> bool {
        self.withheld_part(edition, field, position).is_some()
    }
}

/// `a.b[2].c` → `a`, `a.b`, `a.b[2]`, `a.b[2].c`: every part on the way to a field.
fn prefixes(field: &str) -> impl Iterator<Item = &str> {
    field
        .char_indices()
        .filter(|(_, c)| *c == '.' || *c == '[')
        .map(|(at, _)| &field[..at])
        .filter(|p| !p.is_empty())
        .chain(std::iter::once(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAPER: &str = "title: T\nclassification: GREEN\ndata:\n  open: 1\n  secret: {value: x, classification: RED}\nsections:\n  - heading: A\n    body: |\n      text\n  - heading: B\n    classification: AMBER\n    body: x\n    subsections:\n      - heading: C\n        extra: 1\nattachments:\n  - title: Plan\n    classification: RED\n    description: d\n";

    #[test]
    fn tells_what_an_edition_withholds_by_field_or_position() {
        let classes = WrittenClasses::index(PAPER);
        let green = Classification::Green;
        let withholds = |field: &str| classes.withholds(green, Some(field), None);
        assert!(!withholds("title") && !withholds("data.open") && !withholds("sections[0].body"));
        assert!(withholds("data.secret") && withholds("data.secret.value"));
        assert_eq!(classes.withheld_part(green, Some("data.secret.value"), None).as_deref(), Some("data"));
        assert_eq!(
            classes.withheld_part(green, Some("sections[1].subsections[0].extra"), None).as_deref(),
            Some("sections[1]")
        );
        assert!(withholds("sections[1]") && withholds("sections[1].subsections[0].extra"));
        assert!(!withholds("attachments[0].title") && withholds("attachments[0].description"));
        assert!(!classes.withholds(Classification::Amber, Some("sections[1].body"), None));
        // Line 15 is inside section B's subsection; line 9 inside section A's body.
        assert!(classes.withholds(green, None, Some(Position { line: 15, column: 9 })));
        assert!(!classes.withholds(green, None, Some(Position { line: 9, column: 7 })));
    }

    #[test]
    fn a_class_that_is_no_class_or_a_file_above_the_edition_withholds_everything_in_it() {
        let red = WrittenClasses::index("title: T\nclassification: RED\n");
        assert!(red.withholds(Classification::Amber, Some("title"), None));
        let odd = WrittenClasses::index("sections:\n  - heading: A\n    Classification: [RED]\n");
        assert!(odd.withholds(Classification::Red, Some("sections[0].heading"), None));
        // A file that stops parsing inside a RED section: the rest of the file is in it.
        let broken = WrittenClasses::index("sections:\n  - classification: RED\n    heading: \"open\n");
        assert!(broken.withholds(Classification::Green, None, Some(Position { line: 3, column: 5 })));
    }
}
