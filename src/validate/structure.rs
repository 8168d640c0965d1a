//! Author text is data, never structure: whatever an author writes (or a figure from
//! `data` brings) cannot make a numbered heading, front matter, a page-furniture marker,
//! or a construct left open that would swallow the rest of the paper.

use crate::diagnostic::{Diagnostics, Kind};
use crate::dialect::{FOOTER, MAX_NESTING, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, PAGE_BREAK, RUN_IN, SPAN_ROW};
use crate::load::{Loaded, PaperSource};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// The problems of one body told in full; more are counted in one message.
const MAX_PER_BODY: usize = 5;

/// The longest single-line field (a title, a heading), in characters.
pub(crate) const MAX_LINE_FIELD: usize = 1000;

/// A field printed on one line of the Markdown (a title, a heading, a list entry): it may
/// not hold a line break, start with `#`, or run past [`MAX_LINE_FIELD`] characters.
pub(super) fn single_line<T>(loaded: &Loaded<T>, field: &str, text: &str, problems: &mut Diagnostics) {
    let text = text.trim();
    let problem = if text.contains(['\n', '\r']) {
        Some(("a line break: this field is printed on one line", "write it on one line, without `|` or `>`"))
    } else if text.starts_with('#') {
        Some(("a leading `#`, which would make it a Markdown heading", "write the text without `#`"))
    } else if text.contains("<!--") {
        // A comment here could be a marker of the dialect (a run-in heading, an anchor).
        Some(("an HTML comment, which the Markdown could read as panelpaper's own marker", "remove the `<!-- … -->`"))
    } else if text.chars().count() > MAX_LINE_FIELD {
        Some(("more than 1,000 characters for a one-line field", "shorten it; longer text belongs in a section body"))
    } else {
        None
    };
    if let Some((what, hint)) = problem {
        problems.push(loaded.error_at(Kind::NotOneLine, field, format!("has {what}")).with_hint(hint));
    }
}

/// A section body: Markdown, but no heading that would take a numbered place (`#`–`###`,
/// or a line underlined with `===` or `---`), no `---` block (front matter), no marker of
/// the dialect, and nothing left open (a code fence, an HTML block or comment) that would
/// run on into the rest of the paper.
pub(super) fn body(loaded: &Loaded<PaperSource>, field: &str, body: &str, problems: &mut Diagnostics) {
    // A sentinel paragraph after the body: if the parser does not see it as a paragraph of
    // its own, the body left something open.
    const SENTINEL: &str = "panelpaper-sentinel-3f9c";
    let text = format!("{body}\n\n{SENTINEL}\n");
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut closed = false;
    let mut depth = 0usize;
    // Lists and quotes, as the dialect counts them; one problem per body.
    let mut nesting = 0usize;
    let mut too_deep = false;
    let mut cells = 0usize;
    // The first few problems of a body in full, the rest counted: a body of thousands of
    // tags is one mistake, and thousands of messages (each quoting its line) are none.
    let mut told = 0usize;
    let mut more = 0usize;
    let mut push = |problems: &mut Diagnostics, offset: usize, message: String, hint: &str| {
        if told == MAX_PER_BODY {
            more += 1;
            return;
        }
        told += 1;
        // The parser's ranges may start at the line break before the construct.
        let offset = offset + text[offset..].len() - text[offset..].trim_start().len();
        let d = loaded.error_at(Kind::BodyStructure, field, message).with_hint(hint);
        problems.push(d.at(loaded.locate(field, offset)));
    };
    for (event, range) in Parser::new_ext(&text, options).into_offset_iter() {
        match &event {
            Event::Start(Tag::Heading { level, .. }) if (*level as usize) <= 3 => {
                push(
                    problems,
                    range.start,
                    format!("a level-{} Markdown heading in a section's body", *level as usize),
                    "numbered headings come from `subsections`; for a heading without a number write ####",
                );
                // A heading in a body is its own kind of problem (PP032, as `explain` says).
                if let Some(last) = problems.0.last_mut() {
                    last.kind = Kind::BodyHeading;
                }
            }
            Event::Start(Tag::MetadataBlock(_)) => push(
                problems,
                range.start,
                "a `---` block, which would be read as the document's front matter".into(),
                "for a rule write `***`; to show the lines as written, indent them four spaces",
            ),
            Event::Html(html) | Event::InlineHtml(html)
                if [FOOTER, PAGE_BREAK, SPAN_ROW, RUN_IN].contains(&html.trim())
                    || crate::dialect::anchor::is_marker(html) =>
            {
                push(
                    problems,
                    range.start,
                    format!("`{}` is a marker of panelpaper's own Markdown", html.trim()),
                    "remove it: page breaks and footers are placed by panelpaper",
                )
            }
            Event::Start(Tag::Image { .. }) => push(
                problems,
                range.start,
                "an image: a paper's text holds no images".into(),
                "send it as an attachment, or describe it in words",
            ),
            Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_)) => push(
                problems,
                range.start,
                "a footnote: papers keep their notes in the text".into(),
                "write the note in the sentence or a paragraph of its own",
            ),
            Event::Start(Tag::Table(aligns)) if aligns.len() > MAX_TABLE_COLUMNS => push(
                problems,
                range.start,
                format!(
                    "a table of {} columns, more than the {MAX_TABLE_COLUMNS} a paper's table may have",
                    aligns.len()
                ),
                "split the table, or send it as an attachment",
            ),
            Event::Start(Tag::TableCell) if cells == MAX_TABLE_CELLS => {
                cells += 1;
                push(
                    problems,
                    range.start,
                    format!("tables of more than {MAX_TABLE_CELLS} cells"),
                    "split the tables, or send them as an attachment",
                )
            }
            Event::Start(Tag::TableCell) => cells += 1,
            Event::Start(Tag::Item | Tag::BlockQuote(_)) if nesting == MAX_NESTING && !too_deep => {
                too_deep = true;
                push(
                    problems,
                    range.start,
                    format!("lists and quotes nested more than {MAX_NESTING} deep"),
                    "nest less deeply: a paper's lists need three or four levels",
                )
            }
            Event::Html(html) | Event::InlineHtml(html) if !crate::dialect::is_inert_html(html) => push(
                problems,
                range.start,
                format!(
                    "raw HTML `{}`, which the outputs cannot show alike",
                    html.trim().chars().take(40).collect::<String>()
                ),
                "write it in Markdown (**bold**, *italic*, lists, tables)",
            ),
            Event::Text(t) if t.as_ref() == SENTINEL && depth == 1 => closed = true,
            _ => {}
        }
        match event {
            Event::Start(Tag::Item | Tag::BlockQuote(_)) => {
                nesting += 1;
                depth += 1;
            }
            Event::End(pulldown_cmark::TagEnd::Item | pulldown_cmark::TagEnd::BlockQuote(_)) => {
                nesting = nesting.saturating_sub(1);
                depth = depth.saturating_sub(1);
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if more > 0 {
        problems.push(
            loaded
                .error_at(Kind::BodyStructure, field, format!("and {more} more problems like these in this body"))
                .with_hint("correct the ones above and run check again"),
        );
    }
    if !closed {
        let mut d = loaded
            .error_at(Kind::BodyStructure, field, "leaves a code block, HTML block or comment open at its end")
            .with_hint("close it (``` for code, the closing tag, or -->), or it would swallow the rest of the paper");
        if d.position.is_none() {
            d = d.at(loaded.positions().nearest(field));
        }
        problems.push(d);
    }
}

/// An annex cell: paragraphs and one level of bullets (what the cell codec carries), with
/// any inline Markdown; any other block would be flattened in a table cell.
pub(super) fn cell<T>(loaded: &Loaded<T>, field: &dyn std::fmt::Display, text: &str, problems: &mut Diagnostics) {
    // Plain text (no Markdown block syntax can start without one of these) needs no parse.
    let plain = !text.contains(['#', '>', '`', '<', '!', '|', '~', '=', '[', '\t'])
        && text.lines().all(|l| {
            let t = l.trim_start();
            (t.len() == l.len() || !t.starts_with(['-', '*', '+']))
                && !t.starts_with(|c: char| c.is_ascii_digit())
                && t != "---"
                && t != "***"
        });
    if plain {
        return;
    }
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES;
    let mut lists = 0usize;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let what = match &event {
            Event::Start(Tag::List(Some(_))) => Some("a numbered list"),
            Event::Start(Tag::List(None)) if lists > 0 => Some("a list inside a list"),
            Event::Start(Tag::Heading { .. }) => Some("a heading"),
            Event::Start(Tag::CodeBlock(_)) => Some("a code block"),
            Event::Start(Tag::BlockQuote(_)) => Some("a block quote"),
            Event::Start(Tag::Table(_)) => Some("a table"),
            Event::Start(Tag::Image { .. }) => Some("an image"),
            Event::Start(Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_) => Some("a footnote"),
            Event::Rule => Some("a rule"),
            Event::Html(html) | Event::InlineHtml(html) if !crate::dialect::is_inert_html(html) => Some("raw HTML"),
            _ => None,
        };
        match &event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(pulldown_cmark::TagEnd::List(_)) => lists = lists.saturating_sub(1),
            _ => {}
        }
        if let Some(what) = what {
            let field = &field.to_string();
            let offset = range.start + text[range.start..].len() - text[range.start..].trim_start().len();
            problems.push(
                loaded
                    .error_at(
                        Kind::BodyStructure,
                        field,
                        format!("{what} in an annex cell, which holds paragraphs and one level of bullets"),
                    )
                    .with_hint("write it as paragraphs or `- ` bullets, or move it to a section")
                    .at(loaded.locate(field, offset)),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn body_problems(text: &str) -> Vec<String> {
        let loaded = crate::load::parse::<PaperSource>(
            Path::new("p.yaml"),
            "title: T\naction: For Information\nclassification: WHITE\nsections: []\nrecommendations: {items: []}\n",
        )
        .unwrap();
        let mut problems = Diagnostics::default();
        body(&loaded, "sections[0].body", text, &mut problems);
        problems.0.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn ordinary_markdown_passes() {
        let text = "Para **bold**.\n\n- a\n- b\n\n#### Run-in\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```\ncode\n```\n\n> quote\n";
        assert!(body_problems(text).is_empty(), "{:?}", body_problems(text));
    }

    #[test]
    fn structure_of_the_tool_cannot_be_written() {
        assert!(body_problems("Fake\n===\n")[0].contains("level-1"));
        assert!(body_problems("Text.\n\n## 7. Fake\n")[0].contains("level-2"));
        assert!(body_problems("Text.\n\n---\nclassification: WHITE\n---\n")[0].contains("front matter"));
        assert!(body_problems("Text.\n\n<!-- footer -->\n")[0].contains("marker"));
        let open = |text: &str| body_problems(text).iter().any(|m| m.contains("open"));
        assert!(open("```\nnever closed\n"));
        assert!(open("<!-- never closed\n"));
        assert!(open("<script>\nx\n"));
        assert!(body_problems("Text <span>x</span>.")[0].contains("raw HTML `<span>`"));
        assert!(body_problems("A note[^1].\n\n[^1]: The note.")[0].contains("footnote"));
        assert!(body_problems("![chart](chart.png)")[0].contains("image"));
        assert!(body_problems("Line<br>break, <!-- a comment -->.").is_empty());
        // Comments that carry markup around or inside them are raw HTML, not comments.
        assert!(!body_problems("<!-- a --> <div>TLP:CLEAR</div> <!-- b -->\n").is_empty());
        assert!(!body_problems("<!-- a --!> <b>x</b> -->\n").is_empty());
    }

    #[test]
    fn a_body_of_many_problems_tells_five_and_counts_the_rest() {
        let found = body_problems(&"x <b>y</b> ".repeat(100));
        assert_eq!(found.len(), 6, "{found:?}");
        assert_eq!(found[5], "and 195 more problems like these in this body");
    }

    #[test]
    fn nesting_is_bounded_at_its_place() {
        let deep = |n: usize| (0..n).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect::<String>();
        assert!(body_problems(&deep(MAX_NESTING)).is_empty());
        let found = body_problems(&deep(MAX_NESTING + 1));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("nested more than 16 deep"), "{found:?}");
        let quotes = format!("{} deep\n", "> ".repeat(20_000));
        assert_eq!(body_problems(&quotes).len(), 1);
    }
}
