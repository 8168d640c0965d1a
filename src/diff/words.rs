//! Changes inside text: lines aligned first (a paragraph is a line in our Markdown), then
//! words inside a changed line ([`super::lcs`], in time near the text's length).

use super::lcs::{Op, diff, kept};
use crate::dialect::critic::{Mark, substitution};

/// A run of words that is in both texts, or only in one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// In both.
    Same(String),
    /// Only in the new text.
    Added(String),
    /// Only in the old text.
    Removed(String),
}

/// A line of the new text (or a removed line of the old), with its changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineDiff {
    /// Unchanged.
    Same(String),
    /// A new line.
    Added(String),
    /// A line that is gone.
    Removed(String),
    /// A line changed word by word; its Markdown prefix (`- `, `#### `) kept aside.
    Changed(String, Vec<Seg>),
}

/// A text as words and the runs of white space between them, each a token.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut space = None;
    // The end of the cross-reference being passed over: one token, so that a reference
    // whose number changed is marked whole ("section 2" to "section 3"), its link kept.
    let mut skip_to = 0;
    for (at, c) in text.char_indices() {
        if at < skip_to {
            continue;
        }
        if let Some((len, _)) = crate::dialect::anchor::link_at(&text[at..]) {
            if at > start {
                out.push(&text[start..at]);
            }
            out.push(&text[at..at + len]);
            (start, skip_to, space) = (at + len, at + len, None);
            continue;
        }
        let is_space = c.is_whitespace();
        if space.is_some_and(|s| s != is_space) {
            out.push(&text[start..at]);
            start = at;
        }
        space = Some(is_space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Word runs of `old` → `new`; consecutive tokens of one kind are merged.
pub(super) fn words(old: &str, new: &str) -> Vec<Seg> {
    let (old, new) = (tokens(old), tokens(new));
    let mut segs: Vec<Seg> = Vec::new();
    let mut push = |seg: fn(String) -> Seg, tokens: &[&str]| {
        let text: String = tokens.concat();
        match (segs.last_mut(), seg(String::new())) {
            (Some(Seg::Same(s)), Seg::Same(_))
            | (Some(Seg::Added(s)), Seg::Added(_))
            | (Some(Seg::Removed(s)), Seg::Removed(_)) => s.push_str(&text),
            _ => segs.push(seg(text)),
        }
    };
    // Consecutive tokens of one kind become one run; a replacement's deleted words first.
    for op in diff(&old, &new) {
        match op {
            Op::Equal { new: n, len, .. } => push(Seg::Same, &new[n..n + len]),
            Op::Delete { old: o, len } => push(Seg::Removed, &old[o..o + len]),
            Op::Insert { new: n, len } => push(Seg::Added, &new[n..n + len]),
            Op::Replace { old: o, old_len, new: n, new_len } => {
                push(Seg::Removed, &old[o..o + old_len]);
                push(Seg::Added, &new[n..n + new_len]);
            }
        }
    }
    absorb_lone_spaces(segs)
}

/// Groups neighbouring changes: "a [-b-][+x+] [-c-][+y+] d" reads better as
/// "a [-b c-][+x y+] d", so a run of only spaces between two changes joins them.
fn absorb_lone_spaces(segs: Vec<Seg>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |out: &mut Vec<Seg>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(Seg::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(Seg::Added(std::mem::take(added)));
        }
    };
    let mut iter = segs.into_iter().peekable();
    while let Some(seg) = iter.next() {
        match seg {
            Seg::Removed(s) => removed.push_str(&s),
            Seg::Added(s) => added.push_str(&s),
            Seg::Same(s)
                if s.trim().is_empty()
                    && !(removed.is_empty() && added.is_empty())
                    && matches!(iter.peek(), Some(Seg::Added(_) | Seg::Removed(_))) =>
            {
                for side in [&mut removed, &mut added] {
                    if !side.is_empty() {
                        side.push_str(&s);
                    }
                }
            }
            Seg::Same(s) => {
                flush(&mut out, &mut removed, &mut added);
                out.push(Seg::Same(s));
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// Whether two texts are alike enough to show one as an edit of the other.
pub(super) fn alike(old: &str, new: &str) -> bool {
    let (old, new) = (tokens(old), tokens(new));
    let all = old.len() + new.len();
    all == 0 || 2 * kept(&diff(&old, &new)) * 10 >= 4 * all
}

/// `old` → `new` line by line, changed lines word by word.
pub(super) fn lines(old: &str, new: &str) -> Vec<LineDiff> {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let mut out = Vec::new();
    for op in diff(&old_lines, &new_lines) {
        match op {
            Op::Equal { new: new_index, len, .. } => {
                out.extend(new_lines[new_index..new_index + len].iter().map(|l| LineDiff::Same(l.to_string())));
            }
            Op::Delete { old: old_index, len: old_len } => {
                out.extend(old_lines[old_index..old_index + old_len].iter().map(|l| LineDiff::Removed(l.to_string())));
            }
            Op::Insert { new: new_index, len: new_len } => {
                out.extend(new_lines[new_index..new_index + new_len].iter().map(|l| LineDiff::Added(l.to_string())));
            }
            Op::Replace { old: old_index, old_len, new: new_index, new_len } => {
                let olds = &old_lines[old_index..old_index + old_len];
                let news = &new_lines[new_index..new_index + new_len];
                for i in 0..old_len.max(new_len) {
                    match (olds.get(i), news.get(i)) {
                        (Some(o), Some(n)) if alike(o, n) => out.push(changed_line(o, n)),
                        (o, n) => {
                            out.extend(o.map(|o| LineDiff::Removed(o.to_string())));
                            out.extend(n.map(|n| LineDiff::Added(n.to_string())));
                        }
                    }
                }
            }
        }
    }
    out
}

fn changed_line(old: &str, new: &str) -> LineDiff {
    let (prefix_old, rest_old) = split_prefix(old);
    let (prefix_new, rest_new) = split_prefix(new);
    let (prefix, old, new) = if prefix_old == prefix_new { (prefix_new, rest_old, rest_new) } else { ("", old, new) };
    let segs = words(old, new);
    if keeps_markup_whole(&segs) {
        LineDiff::Changed(prefix.to_string(), segs)
    } else {
        // The line replaced whole, rather than its markup cut.
        LineDiff::Changed(prefix.to_string(), vec![Seg::Removed(old.to_string()), Seg::Added(new.to_string())])
    }
}

/// A Markdown block prefix that CriticMarkup must not wrap: `- `, `* `, `#### `, `12. `.
fn split_prefix(line: &str) -> (&str, &str) {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let marker = if trimmed.starts_with("- ") || trimmed.starts_with("* ") {
        2
    } else if trimmed.starts_with('#') {
        trimmed.find(' ').map_or(0, |i| i + 1)
    } else {
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && trimmed[digits..].starts_with(". ") { digits + 2 } else { 0 }
    };
    line.split_at(indent + marker)
}

/// CriticMarkup for word runs: `{++added++}`, `{--removed--}`, a replacement as a removal
/// then an addition. An added or removed run keeps the one space that goes with it inside
/// its mark, so that rejecting or accepting every change leaves single spaces; spaces both
/// sides of a replacement have stay outside it.
pub(super) fn critic(segs: &[Seg]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < segs.len() {
        match (&segs[i], segs.get(i + 1)) {
            (Seg::Same(s), _) => out.push_str(s),
            (Seg::Removed(old), Some(Seg::Added(new))) => {
                let lead = common_prefix_space(old, new);
                let trail = common_suffix_space(&old[lead..], &new[lead..]);
                out.push_str(&old[..lead]);
                out.push_str(&substitution(&old[lead..old.len() - trail], &new[lead..new.len() - trail]));
                out.push_str(&old[old.len() - trail..]);
                i += 1;
            }
            (Seg::Removed(old), _) => out.push_str(&Mark::Deleted.wrap(old)),
            (Seg::Added(new), _) => out.push_str(&Mark::Inserted.wrap(new)),
        }
        i += 1;
    }
    out
}

/// The length of the white space both texts start with.
fn common_prefix_space(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y && x.is_whitespace()).map(|(x, _)| x.len_utf8()).sum()
}

/// The length of the white space both texts end with.
fn common_suffix_space(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y && x.is_whitespace())
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// Whether each run keeps its inline Markdown whole: a mark that cut through `**bold**`,
/// `~~struck~~`, `` `code` `` or a link's brackets would leave its delimiters unpaired
/// (shown as written, or pairing across the mark).
fn keeps_markup_whole(segs: &[Seg]) -> bool {
    segs.iter().all(|seg| {
        let (Seg::Same(t) | Seg::Added(t) | Seg::Removed(t)) = seg;
        t.matches("~~").count() % 2 == 0
            && t.matches("**").count() % 2 == 0
            && t.matches('`').count() % 2 == 0
            && t.matches('[').count() == t.matches(']').count()
    })
}

/// A whole text as CriticMarkup against its old version (`None`: the text is new).
pub(super) fn critic_text(old: Option<&str>, new: &str) -> String {
    let Some(old) = old else { return mark_all(new, Mark::Inserted) };
    let diffs = lines(old, new);
    let mut out = Vec::with_capacity(diffs.len());
    let mut i = 0;
    while i < diffs.len() {
        match (&diffs[i], diffs.get(i + 1)) {
            // A line replaced by another of the same kind stays one line (a heading, a cell,
            // a list item, a paragraph): its old text then its new, side by side, not two
            // lines that would join into one with a space between.
            (LineDiff::Removed(was), Some(LineDiff::Added(is)))
                if !was.trim().is_empty() && !is.trim().is_empty() && split_prefix(was).0 == split_prefix(is).0 =>
            {
                let (prefix, was) = split_prefix(was);
                let segs = [Seg::Removed(was.to_string()), Seg::Added(split_prefix(is).1.to_string())];
                out.push(format!("{prefix}{}", critic(&segs)));
                i += 2;
                continue;
            }
            (LineDiff::Same(l), _) => out.push(l.clone()),
            (LineDiff::Added(l), _) => out.push(mark_line(l, Mark::Inserted)),
            (LineDiff::Removed(l), _) => out.push(mark_line(l, Mark::Deleted)),
            (LineDiff::Changed(prefix, segs), _) => out.push(format!("{prefix}{}", critic(segs))),
        }
        i += 1;
    }
    out.join("\n")
}

/// Every line of `text` marked inserted or deleted, list prefixes kept outside.
pub(super) fn mark_all(text: &str, mark: Mark) -> String {
    text.lines().map(|l| mark_line(l, mark)).collect::<Vec<_>>().join("\n")
}

fn mark_line(line: &str, mark: Mark) -> String {
    if line.trim().is_empty() {
        return line.to_string();
    }
    let (prefix, rest) = split_prefix(line);
    format!("{prefix}{}", mark.wrap(rest.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_figure_is_one_substitution() {
        let segs = words("CPM 1 at 95.40%, CPM 3 at 98.33%", "CPM 1 at 96.10%, CPM 3 at 98.33%");
        assert_eq!(critic(&segs), "CPM 1 at {--95.40%,--}{++96.10%,++} CPM 3 at 98.33%");
    }

    /// The text with every change accepted (`new`) or rejected.
    fn settled(marked: &str, new: bool) -> String {
        let mut out = String::new();
        let mut rest = marked;
        while let Some(at) = rest.find(['{']) {
            out.push_str(&rest[..at]);
            let (keep, open, close) = match &rest[at..at + 3] {
                "{++" => (new, "{++", "++}"),
                "{--" => (!new, "{--", "--}"),
                _ => {
                    out.push('{');
                    rest = &rest[at + 1..];
                    continue;
                }
            };
            let end = rest[at..].find(close).unwrap() + at;
            if keep {
                out.push_str(&rest[at + open.len()..end]);
            }
            rest = &rest[end + close.len()..];
        }
        out + rest
    }

    #[test]
    fn accepting_or_rejecting_every_change_gives_each_text_space_for_space() {
        for (old, new) in [
            ("a b", "a new b"),
            ("a old b", "a b"),
            ("start here", "here"),
            ("here", "here end."),
            ("one two three", "one 2 three four"),
            ("keep ~~struck words~~ now", "keep ~~struck text~~ now"),
            ("see [the link](https://x.org) here", "see [a link](https://x.org) here"),
            ("see [section 2](#ref-a), then", "see [section 3](#ref-a), then"),
            ("**bold** text", "**bold** more text"),
            ("Purpose", "Purpose and Scope"),
            ("Jo Bloggs", "Sam Smith"),
            ("Intro.\n\nOld paragraph here.", "Intro.\n\nSomething else entirely, then."),
        ] {
            let marked = critic_text(Some(old), new);
            assert_eq!(settled(&marked, true), new, "{marked}");
            assert_eq!(settled(&marked, false), old, "{marked}");
        }
        assert_eq!(
            critic_text(Some("keep ~~struck words~~"), "keep ~~struck text~~"),
            "{--keep ~~struck words~~--}{++keep ~~struck text~~++}"
        );
    }

    #[test]
    fn a_cross_reference_is_one_word() {
        let text = critic_text(Some("See [section 2.3](#ref-a), and more."), "See [section 2.4](#ref-a), and more.");
        assert_eq!(text, "See {--[section 2.3](#ref-a)--}{++[section 2.4](#ref-a)++}, and more.");
    }

    #[test]
    fn lines_keep_their_list_marker_outside_the_marks() {
        let text = critic_text(Some("Intro.\n\n- one item\n- two"), "Intro.\n\n- one changed item\n- two\n- three");
        assert_eq!(text, "Intro.\n\n- one {++changed ++}item\n- two\n- {++three++}");
    }

    #[test]
    fn unlike_lines_are_removed_and_added_not_merged() {
        let diff = lines("The sky is blue today.", "Completely different words here.");
        assert!(matches!(&diff[..], [LineDiff::Removed(_), LineDiff::Added(_)]), "{diff:?}");
    }
}
