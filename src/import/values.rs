//! Values read from text: paper references, dates as people write them, TLP markings
//! (`[AMBER]`, `TLP:AMBER`) and classification statements ("This document is classified
//! as White in accordance with…").

use crate::domain::Classification;
use chrono::NaiveDate;

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
    // `[Red]` is a marking in any case, as a class name is; `(Red)` in a sentence is a word
    // unless written in capitals or with TLP.
    let square = t.starts_with('[');
    if !(tlp || bracketed) || name.is_empty() || name.contains(char::is_lowercase) && !tlp && !square {
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
    use crate::import::patterns::{labelled, section_number, words_end};

    #[test]
    fn references_and_dates() {
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
        // In square brackets a class name is a marking in any case, as check reads it.
        assert_eq!(marking("[Red]"), Some(Classification::Red));
        assert_eq!(marking("[amber]"), Some(Classification::Amber));
        assert_eq!(marking("[Amber+Strict]"), Some(Classification::AmberStrict));
        assert_eq!(marking("(Red)"), None, "a word in parentheses in a sentence");
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
}
