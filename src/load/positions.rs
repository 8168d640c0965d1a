//! Where each node of a YAML file is: field path → line and column.
//!
//! serde_yaml reports a location only for its own errors; checks made later (a bad date, an
//! unknown verb) need the line of a field too, so the file is read once more as a stream of
//! parser events with their marks.

use crate::diagnostic::Position;
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::BTreeMap;

/// Field path → position of the value, and of the key for mapping entries.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    values: BTreeMap<String, Position>,
    keys: BTreeMap<String, Position>,
    /// Block scalars (`|`, `>`): their text starts on the line after the indicator.
    block_scalars: BTreeMap<String, Position>,
}

impl Positions {
    /// Indexes `text`; a file that does not parse gives an empty index (the YAML error is
    /// reported by the loader with its own location).
    pub fn index(text: &str) -> Self {
        let mut index = Positions::default();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let at = Position { line: span.start.line(), column: span.start.col() + 1 };
            match event {
                Event::Scalar(value, style, ..) => {
                    if let Some(Frame::Map { pending_key: pending @ None, .. }) = stack.last_mut() {
                        *pending = Some(value.into_owned());
                        let path = child_path(&stack);
                        index.keys.insert(path, at);
                        continue;
                    }
                    let path = child_path(&stack);
                    if matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
                        index.block_scalars.insert(path.clone(), at);
                    }
                    index.values.insert(path, at);
                    advance(&mut stack);
                }
                Event::Alias(_) => {
                    index.values.insert(child_path(&stack), at);
                    advance(&mut stack);
                }
                Event::SequenceStart(..) | Event::MappingStart(..) => {
                    let path = child_path(&stack);
                    index.values.insert(path.clone(), at);
                    stack.push(match event {
                        Event::SequenceStart(..) => Frame::Seq { path, next: 0 },
                        _ => Frame::Map { path, pending_key: None },
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    stack.pop();
                    advance(&mut stack);
                }
                _ => {}
            }
        }
        index
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &str) -> Option<Position> {
        self.values.get(path).copied()
    }

    /// Where the key of the entry at `path` is (for unknown or misspelt keys).
    pub fn key(&self, path: &str) -> Option<Position> {
        self.keys.get(path).copied()
    }

    /// Where the text of the scalar at `path` begins: the line after `|` or `>` for block
    /// scalars, so that line N of the text is line `start + N - 1` of the file.
    pub fn text_start(&self, path: &str) -> Option<Position> {
        match self.block_scalars.get(path) {
            Some(at) => Some(Position { line: at.line + 1, column: at.column }),
            None => self.value(path),
        }
    }

    /// The position of `path`, or of its nearest ancestor that has one.
    pub fn nearest(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(p) = self.values.get(path).or_else(|| self.keys.get(path)) {
                return Some(*p);
            }
            if path.is_empty() {
                return None;
            }
            // Up to the parent; a top-level key's parent is the document itself ("").
            path = &path[..path.rfind(['.', '[']).unwrap_or(0)];
        }
    }
}

enum Frame {
    Seq { path: String, next: usize },
    Map { path: String, pending_key: Option<String> },
}

/// The path of the node about to be read under the innermost open container.
fn child_path(stack: &[Frame]) -> String {
    match stack.last() {
        None => String::new(),
        Some(Frame::Seq { path, next }) => format!("{path}[{next}]"),
        Some(Frame::Map { path, pending_key: Some(key) }) => join(path, key),
        // A key being read: it gets the path of the entry it names, filled in by the caller.
        Some(Frame::Map { path, pending_key: None }) => path.clone(),
    }
}

/// `path.key`, or `key` at the top level.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

/// After a value is complete, its container moves on to the next item or key.
fn advance(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Seq { next, .. }) => *next += 1,
        Some(Frame::Map { pending_key, .. }) => *pending_key = None,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_keys() {
        let text = "title: T\nsections:\n  - heading: A\n    body: |\n      x\n  - heading: B\n";
        let p = Positions::index(text);
        assert_eq!(p.value("title"), Some(Position { line: 1, column: 8 }));
        assert_eq!(p.key("sections"), Some(Position { line: 2, column: 1 }));
        assert_eq!(p.value("sections[1].heading"), Some(Position { line: 6, column: 14 }));
        assert_eq!(p.key("sections[0].body"), Some(Position { line: 4, column: 5 }));
        assert_eq!(p.nearest("sections[1].heading.nope"), Some(Position { line: 6, column: 14 }));
    }
}
