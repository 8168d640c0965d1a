//! The end of a paper: the Recommendations (a lead-in such as "The Panel is requested
//! to:" and items that start with a verb in capitals, their typed numbers dropped, or one
//! item in the lead-in's own sentence), the sign-off (author, team and a date, on the
//! lines of one paragraph or on short paragraphs of their own), and the attachments list
//! ("Appendix A – Title: description (AMBER)").

use super::items::{Item, Para};
use super::patterns::{self, cut, raw, trim};
use super::structure::Builder;
use super::values;
use crate::dialect::Inline;
use crate::domain::{Classification, Verb};
use chrono::NaiveDate;

/// The Recommendations found.
#[derive(Debug, Default)]
pub(super) struct Recommendations {
    /// The heading or a lead-in was seen.
    pub(super) found: bool,
    pub(super) lead_in: Option<Vec<Inline>>,
    pub(super) items: Vec<(Verb, Vec<Inline>, Option<Classification>)>,
}

/// The sign-off found.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct SignOff {
    pub(super) author: Option<String>,
    pub(super) team: Option<String>,
    pub(super) date: Option<NaiveDate>,
}

/// An attachments-list entry.
#[derive(Debug)]
pub(super) struct Attachment {
    pub(super) title: Vec<Inline>,
    pub(super) description: Option<Vec<Inline>>,
    pub(super) class: Option<Classification>,
    /// Its paragraph.
    pub(super) number: usize,
}

/// The phrases that end a lead-in: "… is requested to".
const LEAD_INS: [&str; 10] = [
    "is requested to",
    "are requested to",
    "is asked to",
    "are asked to",
    "is invited to",
    "are invited to",
    "is recommended to",
    "are recommended to",
    "is required to",
    "are required to",
];

/// The lead-in's length in characters, if `text` starts with one ("The Panel is requested
/// to"; "It is recommended that the Panel:").
fn lead_in_end(text: &str) -> Option<usize> {
    let found =
        LEAD_INS.iter().filter_map(|phrase| values::find_ignoring_case(text, phrase).map(|at| at + phrase.len())).min();
    if let Some(end) = found.filter(|end| *end <= 150) {
        return Some(text[..end].chars().count());
    }
    (values::find_ignoring_case(text, "it is recommended that") == Some(0) && text.chars().count() <= 120)
        .then(|| text.trim_end().trim_end_matches(':').chars().count())
}

/// A typed item number or label at the start ("4.1 ", "(a) ", "ii) ", "• "): characters it takes.
fn item_prefix(text: &str) -> Option<usize> {
    if let Some((_, len)) = patterns::section_number(text) {
        return Some(len);
    }
    let first = text.split_whitespace().next()?;
    let label = first.trim_start_matches('(').trim_end_matches([')', '.']);
    let marked = first.ends_with(')') || first.starts_with('(');
    let letter = label.len() == 1 && label.chars().all(|c| c.is_ascii_lowercase());
    let roman = !label.is_empty() && label.len() <= 4 && label.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let bullet = matches!(first, "•" | "-" | "–" | "▪" | "·");
    ((marked && (letter || roman)) || bullet)
        .then(|| text.chars().count() - text[first.len()..].trim_start().chars().count())
}

/// A recommendation verb at the start of `text`, and the characters up to the text after
/// it: in capitals, or in any case when `numbered` (the paragraph is clearly an item).
fn verb_at(text: &str, numbered: bool) -> Option<(Verb, usize)> {
    let word = text.split_whitespace().next()?;
    let bare = word.trim_end_matches([':', ',']);
    let verb = Verb::parse(bare)?;
    let capitals = bare.chars().all(|c| c.is_uppercase());
    (capitals || numbered)
        .then(|| text.chars().count() - text[word.len()..].trim_start().chars().count())
        .map(|end| (verb, end))
}

impl Builder<'_> {
    /// Reads a lead-in paragraph (with its one item, if the sentence goes on to a verb);
    /// `false` if it is not one.
    pub(super) fn lead_in(&mut self, p: &Para) -> bool {
        let text = raw(&p.inlines);
        let lead = text.chars().count() - text.trim_start().chars().count();
        let Some(end) = lead_in_end(text.trim_start()) else { return false };
        let end = lead + end;
        self.recommendations.found = true;
        self.recommendations.lead_in = Some(trim(&cut(&p.inlines, lead, end)));
        let rest: String = text.chars().skip(end).collect();
        let after_colon = rest.trim_start().trim_start_matches(':');
        let skipped = text.chars().count() - after_colon.trim_start().chars().count();
        if after_colon.trim().is_empty() {
            return true;
        }
        match verb_at(after_colon.trim_start(), true) {
            Some((verb, len)) => {
                let inlines = trim(&cut(&p.inlines, skipped + len, usize::MAX));
                self.recommendations.items.push((verb, inlines, None));
            }
            None => self.keep(
                Item::Para(p.clone()),
                "goes on after the lead-in without a recommendation verb (NOTE, AGREE, APPROVE, CONSIDER, DISCUSS, ENDORSE, PROVIDE)",
            ),
        }
        true
    }

    /// Reads a recommendation item; if the paragraph is not one, the word in capitals it
    /// starts with instead of a verb, if any.
    pub(super) fn item(&mut self, p: &Para) -> Result<(), Option<String>> {
        let text = raw(&p.inlines);
        let lead = text.chars().count() - text.trim_start().chars().count();
        let trimmed = text.trim_start();
        let prefix = item_prefix(trimmed);
        let mut start = lead + prefix.unwrap_or(0);
        // A portion mark before the verb (`4.2 [AMBER] AGREE …`, as panelpaper prints one)
        // is the item's class.
        let leading = {
            let rest: String = text.chars().skip(start).collect();
            values::markings(&rest).into_iter().next().filter(|(_, r)| r.start == 0)
        };
        if let Some((_, range)) = &leading {
            let rest: String = text.chars().skip(start + range.end).collect();
            start += range.end + (rest.chars().count() - rest.trim_start().chars().count());
        }
        let rest: String = text.chars().skip(start).collect();
        let Some((verb, len)) = verb_at(&rest, prefix.is_some() || p.list.is_some()) else {
            let word = rest.split_whitespace().next().unwrap_or_default().trim_end_matches([':', ',']);
            let capitals = word.chars().count() >= 3 && word.chars().all(|c| c.is_ascii_uppercase());
            return Err(capitals.then(|| word.to_string()));
        };
        let mut inlines = trim(&cut(&p.inlines, start + len, usize::MAX));
        let class = self.take_marking(&mut inlines).max(leading.map(|(class, _)| class));
        self.recommendations.items.push((verb, inlines, class));
        Ok(())
    }

    /// A TLP marking at the end of `inlines` (`… [AMBER]`), taken off.
    /// A closing full stop, semicolon or comma after it stays (`… the third [RED].`).
    pub(super) fn take_marking(&mut self, inlines: &mut Vec<Inline>) -> Option<Classification> {
        let text = raw(inlines);
        let kept_end = text.trim_end().trim_end_matches(['.', ';', ',']).trim_end().chars().count();
        let trimmed_len = text.trim_end().chars().count();
        let (class, range) = values::markings(&text).into_iter().rfind(|(_, r)| r.end == kept_end)?;
        let mut kept = trim(&cut(inlines, 0, range.start));
        kept.extend(cut(inlines, range.end, trimmed_len));
        *inlines = kept;
        Some(class)
    }

    /// The sign-off starting at `items[at]`: on the lines of one paragraph (the last a
    /// date), or, when `separate`, on short paragraphs of their own; the items it takes.
    pub(super) fn sign_off(&self, items: &[Item], at: usize, separate: bool) -> Option<(SignOff, usize)> {
        let Item::Para(p) = &items[at] else { return None };
        let mut lines: Vec<String> = patterns::lines(&p.inlines)
            .iter()
            .map(|l| crate::dialect::plain_text(l))
            .filter(|l| !l.is_empty())
            .collect();
        let mut taken = 1;
        if lines.len() < 2 {
            if !separate {
                return None;
            }
            lines.clear();
            taken = 0;
            for item in &items[at..items.len().min(at + 8)] {
                let Item::Para(p) = item else { break };
                taken += 1;
                let text = p.text();
                if text.is_empty() {
                    continue;
                }
                if p.list.is_some() || text.chars().count() > 80 || p.inlines.contains(&Inline::Break) {
                    return None;
                }
                lines.push(text.clone());
                if values::date(&text).is_some() {
                    break;
                }
            }
        }
        let date = values::date(lines.last()?)?;
        let names = &lines[..lines.len() - 1];
        if names.len() > 4 || names.iter().any(|l| verb_at(l, false).is_some() || l.chars().count() > 80) {
            return None;
        }
        let author = names.first().cloned();
        let team = (names.len() > 1).then(|| names[1..].join(", "));
        Some((SignOff { author, team, date: Some(date) }, taken))
    }

    /// Reads an attachments-list entry; `false` if the paragraph is not one.
    pub(super) fn attachment(&mut self, p: &Para) -> bool {
        let mut inlines = trim(&p.inlines);
        let text = raw(&inlines);
        if text.is_empty() || text.contains('\n') {
            return false;
        }
        // "Appendix A – ", "Attachment 2: ": the label is computed.
        let mut words = text.split_whitespace();
        let labelled = matches!(
            words.next().map(str::to_lowercase).as_deref(),
            Some("appendix" | "attachment" | "enclosure" | "annex")
        ) && words.next().is_some_and(|id| {
            id.trim_end_matches([':', '.']).chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        });
        if labelled {
            let id_end = patterns::words_end(&text, 2);
            let rest = &text[id_end..];
            let skip =
                rest.chars().take_while(|c| c.is_whitespace() || matches!(c, '–' | '—' | '-' | ':' | '.')).count();
            inlines = trim(&cut(&inlines, text[..id_end].chars().count() + skip, usize::MAX));
        } else if p.list.is_none() {
            return false;
        }
        let class = self.take_marking(&mut inlines);
        let text = raw(&inlines);
        let (title, description) = match text.find(": ") {
            Some(at) => {
                let at = text[..at].chars().count();
                (trim(&cut(&inlines, 0, at)), Some(trim(&cut(&inlines, at + 1, usize::MAX))))
            }
            None => (inlines, None),
        };
        if title.is_empty() {
            return false;
        }
        self.attachments.push(Attachment { title, description, class, number: p.number });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_ins_prefixes_and_verbs() {
        assert_eq!(lead_in_end("The Panel is requested to NOTE the update."), Some(25));
        assert_eq!(lead_in_end("The Sub-Committee is asked to:"), Some(29));
        assert_eq!(lead_in_end("It is recommended that the Panel:"), Some(32));
        assert_eq!(lead_in_end("The Panel noted the update."), None);
        assert_eq!(item_prefix("4.1 NOTE the update"), Some(4));
        assert_eq!(item_prefix("(a) AGREE the plan"), Some(4));
        assert_eq!(item_prefix("ii) NOTE"), Some(4));
        assert_eq!(item_prefix("NOTE the update"), None);
        assert_eq!(verb_at("NOTE the update", false), Some((Verb::Note, 5)));
        assert_eq!(verb_at("note the update", false), None, "lower case needs an item's number");
        assert_eq!(verb_at("note the update", true), Some((Verb::Note, 5)));
        assert_eq!(verb_at("NOTED the update", true), None);
    }
}
