//! Before parsing: what the parsers are never given. A file that is not a regular file (a
//! FIFO would hang, a device never end), one over the size limit, text that is not UTF-8,
//! nesting deeper than any paper needs (libyaml's parser is quadratic in it), YAML tags and
//! duplicate keys (serde keeps the last value in silence) and control characters (which no
//! output can carry: XML refuses them) are refused here, each with its position, so that
//! parsing stays linear and the data is what the author meant.

use crate::diagnostic::{Diagnostic, Diagnostics, Kind, Position};
use crate::error::Error;
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::io::Read;
use std::path::Path;

/// The largest input file, in bytes (16 MiB: a 3,000-page annex is about 11 MiB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The longest line, in bytes (256 KiB: a paragraph of 40,000 words). YAML's parsers take
/// seconds over a multi-megabyte line; no paper has one.
pub const MAX_LINE_BYTES: usize = 256 * 1024;
/// The deepest nesting of mappings and sequences (a paper needs 8; `data` may use more).
pub const MAX_DEPTH: usize = 32;

/// Reads `file` as text, refusing what is not a regular file of at most
/// [`MAX_FILE_BYTES`] of UTF-8, before reading any of it. A UTF-8 byte-order mark (which
/// Notepad writes) is dropped.
pub fn read(file: &Path) -> Result<String, Error> {
    let io = |source| Error::Io { path: file.to_path_buf(), source };
    let metadata = std::fs::metadata(file).map_err(io)?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() { "a folder" } else { "not a regular file (a FIFO, socket or device)" };
        return Err(Error::Usage(format!("{} is {what}: give a YAML file", file.display())));
    }
    let too_big = |size: u64| {
        Error::Invalid(Diagnostics(vec![Diagnostic::error(
            Kind::TooLarge,
            file,
            format!("the file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes (16 MiB)"),
        )]))
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_big(metadata.len()));
    }
    // The file may grow between the look and the read: never read past the limit.
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(file).map_err(io)?.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    decode(file, bytes).map_err(|d| Error::Invalid(Diagnostics(vec![*d])))
}

/// `bytes` (standard input, say) as the text of `file`, refused as [`read`] refuses a file:
/// over [`MAX_FILE_BYTES`], or not UTF-8.
pub fn text_of(file: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::Invalid(Diagnostics(vec![Diagnostic::error(
            Kind::TooLarge,
            file,
            format!("the input is over the limit of {MAX_FILE_BYTES} bytes (16 MiB)"),
        )])));
    }
    decode(file, bytes).map_err(|d| Error::Invalid(Diagnostics(vec![*d])))
}

/// The text of `bytes`: UTF-8 without a byte-order mark, or an error naming the encoding
/// and where the bytes stop being UTF-8.
fn decode(file: &Path, mut bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let line = text.matches('\n').count() + 1;
        let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let message = if utf16 {
            "the file is UTF-16: save it as UTF-8".to_string()
        } else {
            "the file is not UTF-8 from here on (perhaps Windows-1252)".to_string()
        };
        Box::new(
            Diagnostic::error(Kind::NotUtf8, file, message)
                .at(Some(Position { line, column }))
                .with_hint("save the file with the UTF-8 encoding"),
        )
    })
}

/// What must be refused before parsing, cheaply: an over-long line at once, and the full
/// scan ([`scan`]) only where a quick look at the bytes sees what it looks for (deep
/// brackets or indentation, a `!` that may start a tag). Keys given twice are caught by
/// the parser (serde refuses duplicate fields and `data` duplicate keys), whose error
/// sends the file through [`scan`] for both positions.
pub fn check(file: &Path, text: &str) -> Diagnostics {
    if let Some((i, line)) = text.split('\n').enumerate().find(|(_, l)| l.len() > MAX_LINE_BYTES) {
        let message =
            format!("line {} is {} bytes long, over the limit of {MAX_LINE_BYTES} bytes (256 KiB)", i + 1, line.len());
        return Diagnostics(vec![
            Diagnostic::error(Kind::TooLarge, file, message)
                .at(Some(Position { line: i + 1, column: 1 }))
                .with_hint("break it into lines: a long text fits in a `|` block"),
        ]);
    }
    if needs_scan(text) { scan(file, text) } else { Diagnostics::default() }
}

/// Whether the bytes hint at what [`scan`] refuses: brackets or indentation deep enough to
/// nest past [`MAX_DEPTH`], a run of `- ` that nests sequences on one line, or a `!` where
/// a tag could start. Prose trips it now and then; that only costs a scan.
fn needs_scan(text: &str) -> bool {
    // A control character, raw or as a double-quoted scalar's escape that makes one.
    if text.chars().any(is_control)
        || text
            .match_indices('\\')
            .any(|(at, _)| text[at + 1..].starts_with(['0', 'a', 'b', 'v', 'f', 'e', 'x', 'u', 'U', 'N']))
    {
        return true;
    }
    let mut depth: usize = 0;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    text.lines().any(|line| {
        let indent = line.len() - line.trim_start().len();
        indent > 2 * MAX_DEPTH || line.trim_start().starts_with("- - - -")
    }) || text.contains("<<")
        || text.match_indices(['&', '*']).any(|(at, _)| {
            // Where an anchor or alias can start: a value's or an item's first character.
            let before = text[..at].trim_end_matches(' ').chars().next_back();
            let after = text[at + 1..].chars().next();
            before.is_none_or(|c| matches!(c, ':' | '-' | '[' | '{' | ',' | '\n' | '?'))
                && after.is_some_and(|c| !c.is_whitespace() && c != '*')
        })
        || text.match_indices('!').any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + 1..].chars().next();
            before.is_none_or(|c| matches!(c, ' ' | '\n' | '[' | '{' | ','))
                && after.is_some_and(|c| !c.is_whitespace())
        })
}

/// Every problem of `text` that must be refused before it is parsed: nesting deeper than
/// [`MAX_DEPTH`] (the scan stops there), YAML tags, and keys given twice in one mapping;
/// and text that is not YAML at all, found here in linear time (the scan stops at the
/// first error; libyaml would take quadratic time on some of them).
pub fn scan(file: &Path, text: &str) -> Diagnostics {
    let mut problems = Diagnostics::default();
    // One frame per open mapping or sequence: its path, and a mapping's keys so far.
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(item) => item,
            Err(error) => {
                let mark = error.marker();
                let at = Position { line: mark.line(), column: mark.col() + 1 };
                problems.push(
                    Diagnostic::error(Kind::InvalidYaml, file, format!("invalid YAML: {}", error.info())).at(Some(at)),
                );
                return problems;
            }
        };
        let at = Position { line: span.start.line(), column: span.start.col() + 1 };
        let tagged = match &event {
            Event::Scalar(_, _, _, tag) => tag.is_some(),
            Event::SequenceStart(_, tag) | Event::MappingStart(_, tag) => tag.is_some(),
            _ => false,
        };
        if tagged {
            problems.push(
                Diagnostic::error(Kind::YamlTag, file, "YAML tags (`!name`) are not part of the format")
                    .at_field(path(&stack))
                    .at(Some(at))
                    .with_hint("remove the tag: values are plain text, numbers, lists and mappings"),
            );
        }
        if let Event::Scalar(value, ..) = &event
            && let Some(control) = value.chars().find(|c| is_control(*c))
        {
            problems.push(
                Diagnostic::error(
                    Kind::ControlCharacter,
                    file,
                    format!(
                        "{} U+{:04X} in a value: no output can show it",
                        if control.is_control() { "control character" } else { "non-character" },
                        control as u32
                    ),
                )
                .at_field(path(&stack))
                .at(Some(at))
                .with_hint("delete it (it often comes in with text pasted from another program)"),
            );
        }
        let event_style = match &event {
            Event::Scalar(_, style, ..) => *style,
            _ => ScalarStyle::Plain,
        };
        match event {
            Event::Scalar(value, ..) => {
                if let Some(Frame { keys: Some(keys), pending_key: None, .. }) = stack.last_mut() {
                    if let Some((_, first)) = keys.iter().find(|(k, _)| *k == value) {
                        let first = *first;
                        problems.push(
                            Diagnostic::error(Kind::DuplicateYamlKey, file, format!("key `{value}` is given twice"))
                                .at_field(super::positions::join(&path(&stack), &value))
                                .at(Some(at))
                                .with_hint(format!(
                                    "it is also at line {}, column {}: keep one (YAML would keep the last in silence)",
                                    first.line, first.column
                                )),
                        );
                    }
                    if matches!(event_style, ScalarStyle::Plain) && !is_text_key(&value) {
                        problems.push(
                            Diagnostic::error(
                                Kind::WrongType,
                                file,
                                format!("key `{value}` is read as a number or as nothing, not as text"),
                            )
                            .at_field(path(&stack))
                            .at(Some(at))
                            .with_hint(format!("quote it: \"{value}\"")),
                        );
                    }
                    if value == "<<" && matches!(event_style, ScalarStyle::Plain) {
                        problems.push(
                            Diagnostic::error(
                                Kind::YamlAlias,
                                file,
                                "a YAML merge key (`<<`): merges are not part of the format",
                            )
                            .at_field(path(&stack))
                            .at(Some(at))
                            .with_hint("write the keys out in the mapping"),
                        );
                    }
                    let value = value.into_owned();
                    if let Some(Frame { keys: Some(keys), .. }) = stack.last_mut() {
                        keys.push((value.clone(), at));
                    }
                    if let Some(frame) = stack.last_mut() {
                        frame.pending_key = Some(value);
                    }
                    continue;
                }
                advance(&mut stack);
            }
            Event::Alias(_) => {
                problems.push(
                    Diagnostic::error(
                        Kind::YamlAlias,
                        file,
                        "a YAML alias (`*name`): copies are not part of the format",
                    )
                    .at_field(path(&stack))
                    .at(Some(at))
                    .with_hint("a copy would not carry its part's class: write the text out, or print a `data` entry"),
                );
                advance(&mut stack);
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if let Some(Frame { keys: Some(_), pending_key: None, .. }) = stack.last() {
                    // `? [a, b]: value`: a key that is a list or a mapping.
                    problems.push(
                        Diagnostic::error(Kind::WrongType, file, "a key that is a list or a mapping, not text")
                            .at_field(path(&stack))
                            .at(Some(at))
                            .with_hint("write the key as text"),
                    );
                    return problems;
                }
                if stack.len() >= MAX_DEPTH {
                    problems.push(
                        Diagnostic::error(
                            Kind::TooDeep,
                            file,
                            format!("values nested more than {MAX_DEPTH} deep: no paper needs that"),
                        )
                        .at_field(path(&stack))
                        .at(Some(at)),
                    );
                    return problems;
                }
                let keys = matches!(event, Event::MappingStart(..)).then(Vec::new);
                stack.push(Frame { keys, pending_key: None, index: 0 });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                advance(&mut stack);
            }
            _ => {}
        }
    }
    problems
}

/// Whether a plain (unquoted) key is read as text, or as an integer, which a template can
/// still look up: not as a fraction, infinity, not-a-number or nothing (`-.inf`, `1.5`,
/// `~`), which no template can name.
fn is_text_key(key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    let null = matches!(lower.as_str(), "" | "~" | "null");
    let special = matches!(unsigned, ".inf" | ".nan");
    let fraction = key.parse::<i64>().is_err() && key.parse::<f64>().is_ok() && !lower.contains(['i', 'n']);
    !(null || special || fraction)
}

/// A character no output can carry: C0 controls but tab and line breaks, DEL, C1 controls,
/// and the two non-characters XML excludes (U+FFFE, U+FFFF).
fn is_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

struct Frame {
    /// A mapping's keys so far, with where each is; `None` for a sequence.
    keys: Option<Vec<(String, Position)>>,
    /// The key whose value is being read.
    pending_key: Option<String>,
    /// A sequence's next index.
    index: usize,
}

/// The field path of the node being read.
fn path(stack: &[Frame]) -> String {
    let mut out = String::new();
    for frame in stack {
        match (&frame.keys, &frame.pending_key) {
            (Some(_), Some(key)) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            (None, _) => out.push_str(&format!("[{}]", frame.index)),
            (Some(_), None) => {}
        }
    }
    out
}

/// After a value is complete, its container moves on to the next item or key.
fn advance(stack: &mut [Frame]) {
    if let Some(frame) = stack.last_mut() {
        frame.pending_key = None;
        frame.index += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        scan(Path::new("p.yaml"), text).0.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_key_given_twice_names_both_places() {
        let found = problems("data:\n  a: 1\n  b: 2\n  a: 3\n");
        assert_eq!(
            found,
            [
                "error: p.yaml:4:3: data.a: key `a` is given twice\n  hint: it is also at line 2, column 3: keep one (YAML would keep the last in silence)"
            ]
        );
        assert!(problems("a:\n  x: 1\nb:\n  x: 1\n").is_empty(), "the same key in two mappings is fine");
    }

    #[test]
    fn control_characters_are_refused_raw_or_escaped() {
        for text in
            ["title: \"DCC \\a Reporting\"\n", "title: \"x\\u000B\"\n", "title: a\u{7}b\n", "title: \"\\x85\"\n"]
        {
            let found = problems(text);
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert!(found[0].contains("control character U+00"), "{found:?}");
        }
        assert!(problems("title: \"x\\uFFFE\"\n")[0].contains("non-character U+FFFE"));
        assert!(problems("title: \"tab\\there\\nand\\u00e9\"\nbody: |\n  Line \\\n  break\n").is_empty());
    }

    #[test]
    fn tags_and_deep_nesting_are_refused() {
        assert_eq!(problems("data:\n  x: !custom {a: 1}\n").len(), 1);
        let deep = format!("data:\n  x: {}{}\n", "[".repeat(40), "]".repeat(40));
        let found = problems(&deep);
        assert!(found[0].contains("nested more than 32 deep"), "{found:?}");
        assert!(problems("sections:\n  - heading: A\n    subsections:\n      - heading: B\n").is_empty());
    }

    #[test]
    fn aliases_and_merge_keys_are_refused_but_an_ampersand_in_text_is_text() {
        let found = problems("data:\n  a: &s {value: x, classification: RED}\n  b: *s\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("p.yaml:3:6: data.b: a YAML alias"), "{found:?}");
        let found = problems("data:\n  base: &b {x: 1}\n  more:\n    <<: *b\n");
        assert!(found.iter().any(|f| f.contains("data.more: a YAML merge key")), "{found:?}");
        assert!(needs_scan("title: x\nb: *s\n") && needs_scan("x:\n  - *s\n") && needs_scan("a: [*s]\n"));
        assert!(!needs_scan("title: Costs & benefits\nbody: |\n  A *bold* claim & more.\n"));
        assert!(problems("title: \"&amp; *x* <<\"\nbody: \"<<: not a key\"\n").is_empty());
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_utf16_named() {
        assert_eq!(decode(Path::new("p"), b"\xEF\xBB\xBFtitle: x".to_vec()).unwrap(), "title: x");
        let err = decode(Path::new("p"), b"\xFF\xFEt\0".to_vec()).unwrap_err();
        assert!(err.message.contains("UTF-16"), "{err}");
        let err = decode(Path::new("p"), b"a: 1\nb: caf\xE9\n".to_vec()).unwrap_err();
        assert_eq!(err.position, Some(Position { line: 2, column: 7 }));
    }
}
