//! Run-in headings: the unnumbered `####` headings an author writes inside a section's
//! body, set one level below the section they stand in, whatever its depth.
//!
//! An author writes `####` wherever the heading stands; the writer ([`relevel`]) gives it
//! its level in the paper (`###` under a section, `####` under a subsection, `#####` under
//! a third-level section) and ends it with [`RUN_IN`], so that every reader of the
//! Markdown — a Markdown viewer as well as the PDF, HTML and Word writers — finds a
//! heading one level below its container, and the dialect's reader knows it from the
//! numbered headings around it (bookmarked, and set in their own sizes).

use pulldown_cmark::{Event, Options, Parser, Tag};
use std::borrow::Cow;

/// Ends a run-in heading's line.
pub const RUN_IN: &str = "<!-- run-in -->";

/// The level an author writes a run-in heading at: `####` wherever it stands.
const WRITTEN: u8 = 4;

/// `body` (a section's Markdown) with each heading set one level below `container` (the
/// section's own heading level: 2 for a section, 3 for a subsection, 4 below that), deeper
/// headings kept deeper in step, and each marked as run-in.
pub fn relevel(body: &str, container: u8) -> Cow<'_, str> {
    if !body.contains('#') {
        return Cow::Borrowed(body);
    }
    let mut headings = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Event::Start(Tag::Heading { level, .. }) = event {
            headings.push((range.start, level as u8));
        }
    }
    if headings.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len() + headings.len() * (RUN_IN.len() + 2));
    let mut copied = 0;
    for (start, level) in headings {
        // The heading's line: its opening `#`s (after any quote or list prefix) to its end.
        let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
        let Some(hashes) = body[line_start..line_end].find('#').map(|i| line_start + i).filter(|h| *h >= start) else {
            continue; // a setext heading (refused in bodies): left as written
        };
        let after = hashes + usize::from(level);
        let content = strip_closing_sequence(body[after..line_end].trim());
        let new_level = (i32::from(level) - i32::from(WRITTEN) + i32::from(container) + 1).clamp(1, 6) as usize;
        out.push_str(&body[copied..hashes]);
        out.push_str(&"#".repeat(new_level));
        out.push(' ');
        out.push_str(content);
        if !content.is_empty() {
            out.push(' ');
        }
        out.push_str(RUN_IN);
        copied = line_end;
    }
    out.push_str(&body[copied..]);
    Cow::Owned(out)
}

/// An ATX heading's content without its optional closing `#`s.
fn strip_closing_sequence(content: &str) -> &str {
    let without = content.trim_end_matches('#');
    if without.len() == content.len() {
        return content;
    }
    if without.is_empty() {
        return "";
    }
    if without.ends_with([' ', '\t']) { without.trim_end() } else { content }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_in_heading_is_one_level_below_its_container() {
        let body = "Intro.\n\n#### Major Incidents\n\nText.\n\n##### Detail ##\n\n> #### Quoted\n\n    #### code\n";
        assert_eq!(
            relevel(body, 2),
            "Intro.\n\n### Major Incidents <!-- run-in -->\n\nText.\n\n#### Detail <!-- run-in -->\n\n> ### Quoted <!-- run-in -->\n\n    #### code\n"
        );
        assert!(relevel(body, 3).starts_with("Intro.\n\n#### Major Incidents <!-- run-in -->"));
        assert!(relevel(body, 4).contains("\n##### Major Incidents <!-- run-in -->\n"));
        assert!(relevel(body, 4).contains("\n###### Detail <!-- run-in -->\n"));
        assert!(matches!(relevel("No heading, #hashtag.", 2), Cow::Borrowed(_)));
        assert_eq!(relevel("#### C# and F#", 3), "#### C# and F# <!-- run-in -->");
    }
}
