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
    /// Scalars whose text is not where their value starts plus an offset: block scalars
    /// (`|`, `>`; saphyr marks their first content line) and quoted ones.
    styles: BTreeMap<String, ScalarStyle>,
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
                    if !matches!(style, ScalarStyle::Plain) {
                        index.styles.insert(path.clone(), style);
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

    /// Where byte `offset` of the scalar at `path`'s text (as parsed) is in the file
    /// `source`: through a block scalar's indentation and a folded one's joined lines, or
    /// past a quoted one's opening quote. `None` when the path is not a scalar.
    pub fn locate(&self, source: &str, path: &str, offset: usize) -> Option<Position> {
        let start = self.value(path)?;
        match self.styles.get(path) {
            Some(style @ (ScalarStyle::Literal | ScalarStyle::Folded)) => {
                Some(locate_in_block(source, start, offset, matches!(style, ScalarStyle::Folded)))
            }
            // Quoted: past the quote; plain: from the value's start (both on its line).
            Some(_) => Some(Position { column: start.column + 1 + chars_after(source, start, 1, offset), ..start }),
            None => Some(Position { column: start.column + chars_after(source, start, 0, offset), ..start }),
        }
    }

    /// [`Positions::locate`] for line `line` and character `column` (both 1-based) of the
    /// scalar's text, as template engines report them.
    pub fn locate_line(&self, source: &str, path: &str, text: &str, line: usize, column: usize) -> Option<Position> {
        let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let in_line: usize =
            text[line_start.min(text.len())..].chars().take(column.saturating_sub(1)).map(char::len_utf8).sum();
        self.locate(source, path, line_start + in_line)
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

/// How many characters the first `offset` bytes of a one-line scalar's text are, the text
/// starting `skip` characters after `start` on its line (columns count characters).
fn chars_after(source: &str, start: Position, skip: usize, offset: usize) -> usize {
    let line = source.lines().nth(start.line.saturating_sub(1)).unwrap_or("");
    let text: String = line.chars().skip(start.column.saturating_sub(1) + skip).collect();
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].chars().count()
}

/// Byte `offset` of a block scalar's text, found in its source lines: `start` is its first
/// content line and column (its indentation). A literal scalar keeps every line break; a
/// folded one turns a break between two text lines into a space and drops the break
/// before blank lines (each of which becomes one), which is replayed here.
fn locate_in_block(source: &str, start: Position, offset: usize, folded: bool) -> Position {
    let indent = start.column.saturating_sub(1);
    let prefix = " ".repeat(indent);
    let lines: Vec<&str> = source
        .lines()
        .skip(start.line.saturating_sub(1))
        .enumerate()
        .take_while(|(i, line)| *i == 0 || line.trim().is_empty() || line.starts_with(&prefix))
        .map(|(_, line)| line)
        .collect();
    let mut produced = 0; // bytes of the scalar's text before the current line
    for (i, line) in lines.iter().enumerate() {
        let blank = line.trim().is_empty();
        let content = if blank { "" } else { line.get(indent..).unwrap_or("") };
        if !blank && offset < produced + content.len() + 1 {
            let column = content[..(offset - produced).min(content.len())].chars().count();
            return Position { line: start.line + i, column: indent + column + 1 };
        }
        let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
        produced += if blank {
            1
        } else if folded && next_blank && i + 1 < lines.len() {
            content.len() // the break before blank lines is dropped
        } else {
            content.len() + 1 // a break, or (folded) the space that joins two lines
        };
    }
    start
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
    fn places_an_offset_of_a_block_scalar_on_its_own_line_and_column() {
        let source = "a: 1\nbody: |\n  first\n  second {{ x }}\nfold: >\n  one\n  two\n\n  three {{ y }}\nz: 2\n";
        let p = Positions::index(source);
        let literal = "first\nsecond {{ x }}\n";
        let at = literal.find("{{").unwrap();
        assert_eq!(p.locate(source, "body", at), Some(Position { line: 4, column: 10 }));
        assert_eq!(p.locate_line(source, "body", literal, 2, 8), Some(Position { line: 4, column: 10 }));
        let folded = "one two\nthree {{ y }}\n";
        let at = folded.find("{{").unwrap();
        assert_eq!(p.locate(source, "fold", at), Some(Position { line: 9, column: 9 }));
        assert_eq!(p.locate(source, "fold", folded.find("two").unwrap()), Some(Position { line: 7, column: 3 }));
        assert_eq!(p.locate(source, "a", 0), Some(Position { line: 1, column: 4 }));
    }

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
