//! What reaches a terminal from a name the user or an author chose (a file name, a label, a
//! value quoted in a message) is shown, never obeyed: control characters — an escape
//! sequence that would recolour or retitle the terminal, a carriage return that would
//! overwrite the line — and the bidirectional overrides that would reorder it are written
//! as `\u{1b}`, `\r`, `\u{202e}`.

use std::borrow::Cow;
use std::path::Path;

/// `text` with every control character except line breaks and tabs escaped, for text
/// that may span lines (a human message).
pub fn printable(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\n' || c == '\t')
}

/// `text` on one line: every control character escaped, line breaks and tabs too (`\n`),
/// for formats read line by line (`--message-format short`).
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape(text, |_| false)
}

/// A path as [`printable`] shows it.
pub fn printable_path(path: &Path) -> String {
    printable(&path.display().to_string()).into_owned()
}

fn escape(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let shown = |c: char| keep(c) || !(c.is_control() || is_bidi_control(c));
    if text.chars().all(shown) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if shown(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    Cow::Owned(out)
}

/// The characters that reorder the text around them on display (embeddings, overrides,
/// isolates).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_obey_and_nothing_else() {
        assert!(matches!(printable("Łódź/SECP_78 ✓.yaml"), Cow::Borrowed(_)));
        assert_eq!(printable("a\u{1b}]0;owned\u{7}b.yaml"), "a\\u{1b}]0;owned\\u{7}b.yaml");
        assert_eq!(printable("x\u{9b}31m\rover"), "x\\u{9b}31m\\rover");
        assert_eq!(printable("evil\u{202e}lmth.yaml"), "evil\\u{202e}lmth.yaml");
        assert_eq!(printable("two\nlines\tand a tab"), "two\nlines\tand a tab");
        assert_eq!(one_line("two\nlines\tand a tab"), "two\\nlines\\tand a tab");
        assert_eq!(printable_path(Path::new("out/\u{1b}[2J.pdf")), "out/\\u{1b}[2J.pdf");
    }
}
