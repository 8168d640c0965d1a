//! One-line texts (a title, a heading, a recommendation, the sign-off) are printed by the
//! templates where a line may start or end: what would make them Markdown structure there
//! is escaped, so they read as written wherever a template puts them.
//!
//! An author line `> 5% of meters` would otherwise be a block quote, `[x]: y` a link
//! definition that vanishes, `1. Introduction` a list, `Item #` a heading whose `#` is
//! dropped, and a final `\` a line break that joins the next line.

use crate::model::{Paper, Section};
use std::borrow::Cow;

/// `paper` with its one-line texts escaped; borrowed when none needs it (nearly always).
pub(super) fn escaped(paper: &Paper) -> Cow<'_, Paper> {
    if !any_needs(paper) {
        return Cow::Borrowed(paper);
    }
    let mut out = paper.clone();
    let fix = |text: &mut String| {
        if let Cow::Owned(escaped) = line(text) {
            *text = escaped;
        }
    };
    fix(&mut out.title);
    fix(&mut out.author);
    fix(&mut out.team);
    fix(&mut out.recommendations.lead_in);
    fn sections(list: &mut [Section], fix: &impl Fn(&mut String)) {
        for section in list {
            fix(&mut section.heading);
            sections(&mut section.subsections, fix);
        }
    }
    sections(&mut out.sections, &fix);
    for item in &mut out.recommendations.items {
        fix(&mut item.text);
    }
    for attachment in &mut out.attachments {
        fix(&mut attachment.title);
        if let Some(description) = &mut attachment.description {
            fix(description);
        }
    }
    for annex in &mut out.annexes {
        fix(&mut annex.title);
    }
    Cow::Owned(out)
}

fn any_needs(paper: &Paper) -> bool {
    let needs = |text: &str| matches!(line(text), Cow::Owned(_));
    fn sections(list: &[Section], needs: &impl Fn(&str) -> bool) -> bool {
        list.iter().any(|s| needs(&s.heading) || sections(&s.subsections, needs))
    }
    [&paper.title, &paper.author, &paper.team, &paper.recommendations.lead_in].iter().any(|t| needs(t))
        || sections(&paper.sections, &needs)
        || paper.recommendations.items.iter().any(|i| needs(&i.text))
        || paper.attachments.iter().any(|a| needs(&a.title) || a.description.as_deref().is_some_and(needs))
        || paper.annexes.iter().any(|a| needs(&a.title))
}

/// One line of text escaped where it could start or end Markdown structure (and nowhere
/// else: `*Draft* title` keeps its emphasis, `1.5% rise` its figure).
pub(crate) fn line(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let spaced = |at: usize| matches!(bytes.get(at), None | Some(b' ' | b'\t'));
    let rule = |c: u8| bytes.iter().filter(|b| **b == c).count() >= 3 && bytes.iter().all(|b| *b == c || *b == b' ');
    let lead = match bytes.first() {
        Some(b'>' | b'#' | b'=' | b'|') => Some(0),
        // A list item's marker, or a rule.
        Some(c @ (b'-' | b'+' | b'*')) if spaced(1) || rule(*c) => Some(0),
        Some(b'_') if rule(b'_') => Some(0),
        // A code fence.
        Some(b'`') if text.starts_with("```") => Some(0),
        Some(b'~') if text.starts_with("~~~") => Some(0),
        // A link definition, which would vanish.
        Some(b'[') if text.find("]:").is_some_and(|end| !text[1..end].contains(['[', ']'])) => Some(0),
        // `1.` or `1)` then a space starts a numbered list: its `.` or `)` is escaped.
        Some(b'0'..=b'9') => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (matches!(bytes.get(digits), Some(b'.' | b')')) && spaced(digits + 1)).then_some(digits)
        }
        _ => None,
    };
    // A final `\` would break the line; a final `#` would close a heading and vanish.
    let trail = text.ends_with(['\\', '#']).then(|| text.len() - 1);
    if lead.is_none() && trail.is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    for (at, c) in text.char_indices() {
        if Some(at) == lead || (Some(at) == trail && Some(at) != lead) {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::line;

    #[test]
    fn only_what_could_make_structure_is_escaped() {
        assert_eq!(line("DCC Reporting"), "DCC Reporting");
        assert_eq!(line("> 5% of meters"), "\\> 5% of meters");
        assert_eq!(line("1. Introduction"), "1\\. Introduction");
        assert_eq!(line("2020 review"), "2020 review");
        assert_eq!(line("[x]: y"), "\\[x]: y");
        assert_eq!(line("Item #"), "Item \\#");
        assert_eq!(line("Jane Doe\\"), "Jane Doe\\\\");
        assert_eq!(line("#"), "\\#");
        assert_eq!(line("*Draft* title"), "*Draft* title");
        assert_eq!(line("- item"), "\\- item");
        assert_eq!(line("1.5% rise"), "1.5% rise");
        assert_eq!(line("[SEC](https://example.org) review"), "[SEC](https://example.org) review");
        assert_eq!(line("***"), "\\***");
    }
}
