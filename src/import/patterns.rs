//! The text patterns the heuristics look for, each a small function with its tests: typed
//! section numbers ("3.1 "), labels ("Paper Reference:"), a paragraph's words and weight;
//! and cutting a paragraph's inlines where a pattern ends, keeping the formatting of the
//! rest. Values read from text (references, dates, markings) are in `values`.

use crate::dialect::Inline;

/// The inlines' text, a forced line break as `\n`.
pub(super) fn raw(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t, _) => t.as_str(),
            Inline::Break => "\n",
            Inline::Anchor(_) => "",
        })
        .collect()
}

/// The inlines from character `from` to character `to` of [`raw`] (a break is one).
pub(super) fn cut(inlines: &[Inline], from: usize, to: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut at = 0;
    for inline in inlines {
        match inline {
            Inline::Anchor(_) => {}
            Inline::Break => {
                if at >= from && at < to {
                    out.push(Inline::Break);
                }
                at += 1;
            }
            Inline::Text(text, style) => {
                let len = text.chars().count();
                let (start, end) = (from.max(at), to.min(at + len));
                if start < end {
                    out.push(Inline::Text(text.chars().skip(start - at).take(end - start).collect(), *style));
                }
                at += len;
            }
        }
    }
    out
}

/// The inlines with leading and trailing white space (and breaks) taken off.
pub(super) fn trim(inlines: &[Inline]) -> Vec<Inline> {
    let text = raw(inlines);
    let start = text.chars().take_while(|c| c.is_whitespace()).count();
    let end = text.chars().count() - text.chars().rev().take_while(|c| c.is_whitespace()).count();
    cut(inlines, start, end.max(start))
}

/// The lines of a paragraph split at its forced breaks.
pub(super) fn lines(inlines: &[Inline]) -> Vec<Vec<Inline>> {
    let mut out = vec![Vec::new()];
    for inline in inlines {
        match inline {
            Inline::Break => out.push(Vec::new()),
            other => out.last_mut().expect("a line").push(other.clone()),
        }
    }
    out
}

/// The byte offset just after the first `n` words of `text`.
pub(super) fn words_end(text: &str, n: usize) -> usize {
    let mut seen = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == n {
                    return at;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    text.len()
}

/// Whether every character of text is bold (and there is some).
pub(super) fn all_bold(inlines: &[Inline]) -> bool {
    let mut any = false;
    for inline in inlines {
        if let Inline::Text(text, style) = inline
            && !text.trim().is_empty()
        {
            if !style.bold {
                return false;
            }
            any = true;
        }
    }
    any
}

/// A typed section number at the start of `text` ("3.", "3.1", "3.1.2 "): its parts and
/// the characters it takes with the space after it. Parts are 1–99, at most three.
pub(super) fn section_number(text: &str) -> Option<(Vec<u32>, usize)> {
    let mut parts = Vec::new();
    let mut chars = text.char_indices().peekable();
    loop {
        let start = chars.peek()?.0;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_ascii_digit() {
                break;
            }
            end = i + 1;
            chars.next();
        }
        let number: u32 = text[start..end].parse().ok()?;
        if !(1..=99).contains(&number) || end - start > 2 {
            return None;
        }
        parts.push(number);
        match chars.peek() {
            Some(&(_, '.')) => {
                chars.next();
                if chars.peek().is_some_and(|(_, c)| c.is_ascii_digit()) && parts.len() < 3 {
                    continue;
                }
            }
            Some(&(_, ')')) if parts.len() == 1 => {
                chars.next();
            }
            _ => {}
        }
        break;
    }
    let before_space = chars.peek().map_or(text.len(), |(i, _)| *i);
    let spaces = text[before_space..].chars().take_while(|c| *c == ' ' || *c == '\u{a0}' || *c == '\t').count();
    if spaces == 0 {
        return None;
    }
    Some((parts, text[..before_space].chars().count() + spaces))
}

/// "Label: value" with one of `labels` (any case, a `:` after it); the value's start in
/// characters.
pub(super) fn labelled(text: &str, labels: &[&str]) -> Option<(usize, String)> {
    let trimmed = text.trim_start();
    let lead = text.chars().count() - trimmed.chars().count();
    for label in labels {
        let Some(head) = trimmed.get(..label.len()) else { continue };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = &trimmed[label.len()..];
        let after_colon = rest.trim_start().strip_prefix([':', '：'])?;
        let value = after_colon.trim();
        let start = lead + label.chars().count() + rest.chars().count() - after_colon.trim_start().chars().count();
        return Some((start, value.to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dialect::Style;

    #[test]
    fn typed_section_numbers() {
        assert_eq!(section_number("1. Purpose"), Some((vec![1], 3)));
        assert_eq!(section_number("3.1 Performance"), Some((vec![3, 1], 4)));
        assert_eq!(section_number("3.1.2\u{a0}Detail"), Some((vec![3, 1, 2], 6)));
        assert_eq!(section_number("2) Background"), Some((vec![2], 3)));
        assert_eq!(section_number("2020 results"), None);
        assert_eq!(section_number("1.Purpose"), None);
        assert_eq!(section_number("Purpose"), None);
        assert_eq!(section_number("3.1.2.4 Deep"), None);
    }

    #[test]
    fn labels() {
        assert_eq!(
            labelled("Paper Reference: SECP_78_1303_29", &["Paper Reference"]),
            Some((17, "SECP_78_1303_29".into()))
        );
        assert_eq!(labelled("Action:For Decision", &["Action"]), Some((7, "For Decision".into())));
        assert_eq!(labelled("Actions taken", &["Action"]), None);
    }

    #[test]
    fn cutting_keeps_formatting() {
        let inlines = vec![
            Inline::Text("4.1 ".into(), Style::REGULAR),
            Inline::Text("NOTE the".into(), Style::BOLD),
            Inline::Break,
            Inline::Text("end".into(), Style::REGULAR),
        ];
        assert_eq!(raw(&inlines), "4.1 NOTE the\nend");
        assert_eq!(cut(&inlines, 4, 8), vec![Inline::Text("NOTE".into(), Style::BOLD)]);
        assert_eq!(
            cut(&inlines, 9, 16),
            vec![Inline::Text("the".into(), Style::BOLD), Inline::Break, Inline::Text("end".into(), Style::REGULAR)]
        );
        assert_eq!(lines(&inlines).len(), 2);
        assert_eq!(
            trim(&[Inline::Text("  x ".into(), Style::REGULAR)]),
            vec![Inline::Text("x".into(), Style::REGULAR)]
        );
    }
}
