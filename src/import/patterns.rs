//! The text patterns the heuristics look for, each a small function with its tests: typed
//! section numbers ("3.1 "), labels ("Paper Reference:"), references, dates as people
//! write them, TLP markings and classification statements; and cutting a paragraph's
//! inlines where a pattern ends, keeping the formatting of the rest.

use crate::dialect::Inline;
use crate::domain::Classification;
use chrono::NaiveDate;

/// The inlines' text, a forced line break as `\n`.
pub(super) fn raw(inlines: &[Inline]) -> String {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text(t, _) => t.as_str(),
            Inline::Break => "\n",
        })
        .collect()
}

/// The inlines from character `from` to character `to` of [`raw`] (a break is one).
pub(super) fn cut(inlines: &[Inline], from: usize, to: usize) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut at = 0;
    for inline in inlines {
        match inline {
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

/// A paper reference as a document writes it (`SECP_78_1303_29`): the meeting's year is
/// not in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Written {
    pub(super) committee: String,
    pub(super) meeting: u32,
    pub(super) day: u32,
    pub(super) month: u32,
    pub(super) number: u32,
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}_{}_{:02}{:02}_{:02}", self.committee, self.meeting, self.day, self.month, self.number)
    }
}

/// A paper reference `SECP_78_1303_29` somewhere in `text`.
pub(super) fn reference(text: &str) -> Option<Written> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | ':')).find_map(|word| {
        let word = word.trim_end_matches('.');
        let parts: Vec<&str> = word.split('_').collect();
        let [committee, meeting, ddmm, number] = parts[..] else { return None };
        if !crate::domain::is_committee_code(committee) || ddmm.len() != 4 {
            return None;
        }
        let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        if !all_digits(meeting) || !all_digits(ddmm) || !all_digits(number) || number.len() > 2 {
            return None;
        }
        let (day, month) = (ddmm[..2].parse().ok()?, ddmm[2..].parse().ok()?);
        NaiveDate::from_ymd_opt(2000, month, day)?; // a leap year: 29 February is a date
        Some(Written {
            committee: committee.to_string(),
            meeting: meeting.parse().ok()?,
            day,
            month,
            number: number.parse().ok()?,
        })
    })
}

/// A date as people write one: "6 March 2020", "6th March 2020", "Friday, 6 March 2020",
/// "March 6, 2020", "06/03/2020" (day first, as in the UK), "2020-03-06".
pub(super) fn date(text: &str) -> Option<NaiveDate> {
    let mut text = text.trim().trim_end_matches('.').replace(',', " ");
    for day in ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] {
        if text.get(..day.len()).is_some_and(|h| h.eq_ignore_ascii_case(day)) {
            text = text[day.len()..].to_string();
        }
    }
    // Ordinals: "6th" → "6".
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
            let rest = &w[digits.len()..];
            if !digits.is_empty() && ["st", "nd", "rd", "th"].contains(&rest.to_lowercase().as_str()) {
                digits
            } else {
                w.to_string()
            }
        })
        .collect();
    let text = words.join(" ");
    if text.len() > 40 {
        return None;
    }
    ["%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d", "%d-%m-%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&text, f).ok())
        .filter(|d| (1990..=2100).contains(&chrono::Datelike::year(d)))
}

/// The class a TLP marking names: `TLP:AMBER`, `TLP: AMBER+STRICT`, `[AMBER]`,
/// `(TLP:GREEN)`; `None` for anything else (a bare "AMBER" in a sentence is a word).
pub(super) fn marking(text: &str) -> Option<Classification> {
    let t = text.trim();
    let inner = t
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .unwrap_or(t)
        .trim();
    let tlp = inner.len() > 4 && inner.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("tlp:"));
    let name = if tlp { inner[4..].trim() } else { inner };
    let bracketed = inner.len() != t.len();
    if !(tlp || bracketed) || name.is_empty() || name.contains(char::is_lowercase) && !tlp {
        return None;
    }
    Classification::parse(name)
}

/// Every TLP marking in `text` (see [`marking`]), with the characters each takes.
pub(super) fn markings(text: &str) -> Vec<(Classification, std::ops::Range<usize>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        let candidate = if matches!(chars[i], '[' | '(') {
            let close = if chars[i] == '[' { ']' } else { ')' };
            chars[i..].iter().position(|c| *c == close).map(|end| i + end + 1)
        } else if rest.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("tlp:")) {
            let name_start = i + 4 + rest[4..].chars().take_while(|c| *c == ' ').count();
            let len = chars[name_start..].iter().take_while(|c| c.is_ascii_alphabetic() || **c == '+').count();
            Some(name_start + len)
        } else {
            None
        };
        if let Some(end) = candidate {
            let word: String = chars[i..end].iter().collect();
            if let Some(class) = marking(&word) {
                out.push((class, i..end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Where `needle` (ASCII) first is in `text`, in any case: a byte offset into `text`
/// itself (lower-casing the text first can move them).
pub(super) fn find_ignoring_case(text: &str, needle: &str) -> Option<usize> {
    text.char_indices()
        .map(|(at, _)| at)
        .find(|&at| text.get(at..at + needle.len()).is_some_and(|h| h.eq_ignore_ascii_case(needle)))
}

/// The class a classification statement names ("This document is classified as White in
/// accordance with…"), if `text` is one.
pub(super) fn statement(text: &str) -> Option<Classification> {
    let at = find_ignoring_case(text, "classified as ")? + "classified as ".len();
    let words: Vec<&str> = text[at..]
        .split_whitespace()
        .take(2)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+'))
        .collect();
    let two = words.join(" ");
    Classification::parse(&two).or_else(|| Classification::parse(words.first()?)).or_else(|| {
        let first = words.first()?;
        Classification::parse(first.strip_prefix("TLP:").unwrap_or(first))
    })
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
    fn labels_references_and_dates() {
        assert_eq!(
            labelled("Paper Reference: SECP_78_1303_29", &["Paper Reference"]),
            Some((17, "SECP_78_1303_29".into()))
        );
        assert_eq!(labelled("Action:For Decision", &["Action"]), Some((7, "For Decision".into())));
        assert_eq!(labelled("Actions taken", &["Action"]), None);
        let found = reference("Ref: SECP_78_1303_29.").unwrap();
        assert_eq!(
            (found.committee.as_str(), found.meeting, found.day, found.month, found.number),
            ("SECP", 78, 13, 3, 29)
        );
        assert_eq!(found.to_string(), "SECP_78_1303_29");
        assert_eq!(reference("SSC_95_2602"), None);
        assert_eq!(reference("SECP_78_3113_29"), None, "no 31st of the 13th month");
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        for text in [
            "6 March 2020",
            "6th March 2020",
            "Friday, 6 March 2020",
            "March 6, 2020",
            "06/03/2020",
            "2020-03-06",
            "6 Mar 2020",
        ] {
            assert_eq!(date(text), d(2020, 3, 6), "{text}");
        }
        assert_eq!(date("SECAS Team"), None);
    }

    #[test]
    fn markings_and_statements() {
        assert_eq!(marking("[AMBER]"), Some(Classification::Amber));
        assert_eq!(marking("TLP:AMBER+STRICT"), Some(Classification::AmberStrict));
        assert_eq!(marking("(TLP: green)"), Some(Classification::Green));
        assert_eq!(marking("AMBER"), None, "a bare word is not a marking");
        assert_eq!(marking("(January 2020)"), None);
        let found = markings("Row three [RED] and TLP:GREEN.");
        assert_eq!(
            found.iter().map(|(c, r)| (*c, r.clone())).collect::<Vec<_>>(),
            [(Classification::Red, 10..15), (Classification::Green, 20..29)]
        );
        assert_eq!(
            statement("This document is classified as White in accordance with the Panel Information Policy."),
            Some(Classification::White)
        );
        assert_eq!(
            statement("This document is classified as Amber+Strict in accordance"),
            Some(Classification::AmberStrict)
        );
        assert_eq!(statement("It is classified as TLP:RED."), Some(Classification::Red));
        assert_eq!(statement("The report has an AMBER classification"), None);
    }

    #[test]
    fn odd_text_never_breaks_a_pattern() {
        // Multi-byte characters where the patterns look, and characters whose lower case
        // is longer than they are.
        let texts = [
            "",
            " ",
            "–",
            "İİİ classified as RED",
            "Paper Reference:",
            "Ref: ß_1_0101_1",
            "1.",
            "1.\u{a0}",
            "12.3.4.5 x",
            "(TLP:",
            "[",
            "TLP:",
            "TLP:İ",
            "Friday",
            "6th",
            "é 2020",
            "Annex",
            "Appendix Ä – x",
            "3) ",
            "99.99.99 ‘x’",
        ];
        for text in texts {
            let _ = (section_number(text), labelled(text, &["Ref", "Paper Reference"]), reference(text), date(text));
            let _ =
                (marking(text), markings(text), statement(text), words_end(text, 2), find_ignoring_case(text, "as "));
        }
        assert_eq!(statement("İİİ classified as RED"), Some(Classification::Red));
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
