//! The Markdown as written to the `.md` file made inert: whatever the author wrote, no
//! Markdown viewer (GitHub, an editor's preview, pandoc) runs or shows markup from it.
//!
//! Raw HTML other than a line break or a plain comment (the dialect's own markers are
//! plain comments) is escaped, so it reads as the text it is; a link whose target an
//! output may not follow (`javascript:`, `data:`, `file:`…) becomes its text with the
//! target after it in brackets, as every output shows it; an image becomes the text it was
//! written as. The outputs laid out from the Markdown read the same text, so all agree.

use super::{followable_target, is_inert_html};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// `markdown` with every construct a viewer could act on made text (see the module).
pub fn inert(markdown: &str) -> Cow<'_, str> {
    let mut text = Cow::Borrowed(markdown);
    // Escaping an HTML block's first tag makes its line a paragraph, whose other tags are
    // then inline HTML: a few rounds settle it (each round only adds escapes).
    for _ in 0..8 {
        let edits = edits(&text);
        if edits.is_empty() {
            return text;
        }
        text = Cow::Owned(apply(&text, &edits));
    }
    // Unreachable in practice: every `<` left is escaped.
    Cow::Owned(text.replace('<', "&lt;"))
}

/// A replacement of `range` of the text.
struct Edit {
    range: Range<usize>,
    with: String,
}

/// The options of the dialect's reader, for a document that is not a comparison (a
/// comparison's `~~` are CriticMarkup; reading them as strikethrough changes no HTML).
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS | Options::ENABLE_STRIKETHROUGH
}

fn edits(markdown: &str) -> Vec<Edit> {
    // Nothing to look at: no tag, no link or image can start without these.
    if !markdown.contains(['<', '[']) {
        return Vec::new();
    }
    let mut edits = Vec::new();
    // An HTML block's lines, gathered until it ends: the block is inert or not as a whole.
    let mut block: Option<(String, Vec<Range<usize>>)> = None;
    // Open links to rewrite: where each starts, and its target.
    let mut links: Vec<Option<(usize, String)>> = Vec::new();
    let mut last_end = 0;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::HtmlBlock) => block = Some((String::new(), Vec::new())),
            Event::Html(html) => {
                if let Some((text, ranges)) = &mut block {
                    text.push_str(html);
                    ranges.push(range.clone());
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((text, ranges)) = block.take()
                    && !is_inert_html(&text)
                {
                    for range in ranges {
                        escape_tags(markdown, range, &mut edits);
                    }
                }
            }
            Event::InlineHtml(html) if !is_inert_html(html) => {
                edits.push(Edit { range: range.start..range.start + 1, with: "&lt;".into() })
            }
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let followable = followable_target(dest_url, "md").is_some();
                links.push((!followable).then(|| (range.start, dest_url.to_string())));
                if !followable && matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    // `<javascript:x>`: its text is its target, shown as written.
                    edits.push(Edit { range: range.start..range.start + 1, with: "&lt;".into() });
                    links.pop();
                    links.push(None);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(Some((start, target))) = links.pop() {
                    // `[text](target "title")` → `text (target)`: the text as it was,
                    // the rest replaced.
                    edits.push(Edit { range: start..start + 1, with: String::new() });
                    let tail = last_end.max(start + 1)..range.end;
                    edits.push(Edit { range: tail, with: format!(" ({})", escape_punctuation(&target)) });
                }
            }
            // An image is no part of a paper: it reads as written.
            Event::Start(Tag::Image { .. }) => {
                edits.push(Edit { range: range.start..range.start + 1, with: "\\!".into() })
            }
            _ => {}
        }
        // Where the text of the innermost open link ends: the end of its last event (just
        // after its `[` while it has none).
        last_end = match event {
            Event::Start(Tag::Link { .. }) => range.start + 1,
            Event::End(TagEnd::Link) => last_end,
            _ => range.end,
        };
    }
    edits.sort_by_key(|e| e.range.start);
    // Edits never overlap (a link's tail starts after its text's last event); should two,
    // the first is kept and the next round sees what is left.
    let mut kept: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        if kept.last().is_none_or(|last| last.range.end <= edit.range.start) {
            kept.push(edit);
        }
    }
    kept
}

/// Every `<` of an HTML block's line escaped.
fn escape_tags(markdown: &str, range: Range<usize>, edits: &mut Vec<Edit>) {
    for (at, _) in markdown[range.clone()].match_indices('<') {
        let at = range.start + at;
        edits.push(Edit { range: at..at + 1, with: "&lt;".into() });
    }
}

/// Text that Markdown reads as itself: ASCII punctuation backslash-escaped.
fn escape_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + edits.len() * 4);
    let mut at = 0;
    for edit in edits {
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_of(markdown: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, Parser::new_ext(markdown, options()));
        out
    }

    #[test]
    fn raw_html_reads_as_text_and_comments_and_line_breaks_stay() {
        for hostile in [
            "<!-- a --> <div>TLP:CLEAR</div> <script>alert(1)</script> <!-- b -->\n",
            "<div>\n<b>forged</b>\n</div>\n",
            "Text <img src=x onerror=alert(1)> more.\n",
            "<!-- a --!> <script>alert(1)</script> -->\n",
            "| a |\n| - |\n| <script>x</script> |\n",
            "- item <iframe src=//evil>\n",
        ] {
            let inert = inert(hostile);
            let html = html_of(&inert);
            for tag in ["<div", "<script", "<img", "<b>", "<iframe"] {
                assert!(!html.contains(tag), "{hostile:?} gave {inert:?}, shown as {html:?}");
            }
        }
        let kept = "Line<br>break <!-- a note -->.\n\n<!-- pagebreak -->\n\n| <!-- span --> x |\n";
        assert_eq!(inert(kept), kept);
    }

    #[test]
    fn a_link_an_output_may_not_follow_becomes_its_text_and_target() {
        let inert = inert("See [the **form**](javascript:alert(1) \"t\") and [web](https://example.org).\n");
        assert_eq!(inert, "See the **form** (javascript\\:alert\\(1\\)) and [web](https://example.org).\n");
        let html = html_of(&inert);
        assert!(!html.contains("javascript:alert(1)\""), "{html}");
        assert!(html.contains("<a href=\"https://example.org\">"), "{html}");
        for hostile in ["<javascript:alert(1)>", "[x][r]\n\n[r]: data:text/html,<b>x</b>", "[x](file:///etc/passwd)"] {
            let html = html_of(&super::inert(hostile));
            assert!(!html.contains("href"), "{hostile:?}: {html}");
        }
    }

    #[test]
    fn an_image_reads_as_written() {
        let inert = inert("![chart](https://tracker.example/p.png)\n");
        assert!(!html_of(&inert).contains("<img"), "{inert}");
    }

    #[test]
    fn plain_markdown_is_left_as_it_is() {
        let plain = "# Title\n\nText with [a link](https://example.org) and `<code>`.\n\n```\n<div>\n```\n";
        assert!(matches!(inert(plain), Cow::Borrowed(_)));
    }
}
