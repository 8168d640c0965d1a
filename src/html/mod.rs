//! Stage 5b, HTML: the dialect's parse into one self-contained, accessible page.
//!
//! The page is laid out from the same [`Document`] as the PDF, element for element: the
//! title block and body in `<main>`, the TLP label (and a comparison's heading) in a
//! `<header>`, the classification statement in a `<footer>`. Its stylesheet (a template)
//! is embedded and prints to A4 with the statement and page numbers on every page. No
//! script, no external resource; every piece of text is escaped, so nothing the author
//! writes becomes markup.

mod inline;

use crate::dialect::{self, Block, Document, Inline};
use inline::{Writer, escape_attribute, escape_text};

/// Where a link of the Markdown leads in HTML (see [`dialect::followable_target`]).
fn href(target: &str) -> Option<String> {
    dialect::followable_target(target, "html")
}

/// The page of `doc`, with `stylesheet` (the rendered `style.css` template) in its head.
pub fn write(doc: &Document, stylesheet: &str) -> String {
    let mut out = String::with_capacity(16 * 1024 + stylesheet.len());
    head(&mut out, doc, stylesheet);
    let writer = Writer { links: &doc.links };
    out.push_str("<body>\n");
    header(&mut out, doc);
    out.push_str("<main>\n");
    blocks(&mut out, &writer, &doc.body);
    out.push_str("</main>\n");
    if !doc.footer.is_empty() {
        out.push_str("<footer class=\"statement\">\n<p>");
        writer.inlines(&mut out, &doc.footer);
        out.push_str("</p>\n</footer>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The document's title as a browser tab and a bookmark show it.
pub fn title(doc: &Document) -> String {
    let meta = &doc.meta;
    match (&meta.comparison, &meta.reference) {
        (Some(comparison), _) => comparison.clone(),
        (None, Some(reference)) => format!("{reference}: {}", meta.title),
        (None, None) => meta.title.clone(),
    }
}

fn head(out: &mut String, doc: &Document, stylesheet: &str) {
    let meta = &doc.meta;
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>");
    escape_text(out, &title(doc));
    out.push_str("</title>\n");
    let mut meta_tag = |name: &str, value: &str| {
        out.push_str("<meta name=\"");
        out.push_str(name);
        out.push_str("\" content=\"");
        escape_attribute(out, value);
        out.push_str("\">\n");
    };
    if let Some(author) = &meta.author {
        meta_tag("author", author);
    }
    if let Some(reference) = &meta.reference {
        meta_tag("dcterms.identifier", reference);
    }
    if let Some(date) = &meta.date {
        meta_tag("dcterms.date", date);
    }
    // As the PDF's keywords: the marking the document carries.
    meta_tag("keywords", &format!("TLP:{}", meta.classification));
    out.push_str("<style>\n");
    // A stylesheet cannot end the element it sits in.
    out.push_str(&stylesheet.replace("</", "<\\/"));
    if !stylesheet.ends_with('\n') {
        out.push('\n');
    }
    out.push_str("</style>\n</head>\n");
}

/// The page furniture above the body: the TLP label where the PDF prints one (AMBER and
/// RED), and a comparison's "Comparison of … and …" line.
fn header(out: &mut String, doc: &Document) {
    let marking = doc.meta.classification;
    let label = marking.label_colour().is_some();
    if !label && doc.meta.comparison.is_none() {
        return;
    }
    out.push_str("<header class=\"furniture\">\n");
    if let Some(comparison) = &doc.meta.comparison {
        out.push_str("<p class=\"comparison\">");
        escape_text(out, comparison);
        out.push_str("</p>\n");
    }
    if label {
        out.push_str("<p class=\"tlp\">TLP:");
        escape_text(out, marking.name());
        out.push_str("</p>\n");
    }
    out.push_str("</header>\n");
}

fn blocks(out: &mut String, writer: &Writer, list: &[Block]) {
    let mut page_break = false;
    for (i, block) in list.iter().enumerate() {
        // A page break starts the next block on a new printed page.
        let class = if std::mem::take(&mut page_break) { " class=\"new-page\"" } else { "" };
        match block {
            Block::Heading(level, inlines) => {
                let level = (*level).clamp(1, 6);
                out.push_str(&format!("<h{level}{class}>"));
                writer.heading(out, inlines);
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::RunIn(level, inlines) => {
                let level = (*level).clamp(1, 6);
                let class = if class.is_empty() { " class=\"run-in\"" } else { " class=\"run-in new-page\"" };
                out.push_str(&format!("<h{level}{class}>"));
                writer.heading(out, inlines);
                out.push_str(&format!("</h{level}>\n"));
            }
            Block::Paragraph(inlines) if inlines.is_empty() => {}
            Block::Paragraph(inlines) => {
                out.push_str(&format!("<p{class}{}>", direction(inlines)));
                writer.inlines(out, inlines);
                out.push_str("</p>\n");
            }
            Block::List(start, items) => {
                match start {
                    Some(1) => out.push_str(&format!("<ol{class}>\n")),
                    Some(n) => out.push_str(&format!("<ol{class} start=\"{n}\">\n")),
                    None => out.push_str(&format!("<ul{class}>\n")),
                }
                for item in items {
                    out.push_str(match item.first() {
                        Some(Block::Paragraph(inlines)) => {
                            if direction(inlines).is_empty() {
                                "<li>"
                            } else {
                                "<li dir=\"auto\">"
                            }
                        }
                        _ => "<li>",
                    });
                    item_blocks(out, writer, item);
                    out.push_str("</li>\n");
                }
                out.push_str(if start.is_some() { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Table(t) => {
                // A table under a heading (an annex, the paper list) is captioned by it.
                let caption = match i.checked_sub(1).map(|p| &list[p]) {
                    Some(Block::Heading(_, inlines) | Block::RunIn(_, inlines)) => Some(inlines.as_slice()),
                    _ => None,
                };
                table(out, writer, t, caption, class);
            }
            Block::Quote(inner) => {
                out.push_str(&format!("<blockquote{class}>\n"));
                blocks(out, writer, inner);
                out.push_str("</blockquote>\n");
            }
            Block::Code(code) => {
                out.push_str(&format!("<pre{class}>"));
                escape_text(out, code.trim_end_matches('\n'));
                out.push_str("</pre>\n");
            }
            Block::Rule => out.push_str("<hr>\n"),
            Block::PageBreak => page_break = true,
        }
    }
}

/// ` dir="auto"` for text holding a right-to-left letter, so that the browser sets a
/// paragraph that starts in Arabic or Hebrew from the right, as the PDF does (nothing for
/// other text: the page's own direction holds).
fn direction(inlines: &[Inline]) -> &'static str {
    let rtl = inlines.iter().any(|i| matches!(i, Inline::Text(t, _) if crate::fonts::shape::is_rtl(t)));
    if rtl { " dir=\"auto\"" } else { "" }
}

/// Whether a cell holds a right-to-left letter anywhere.
fn cell_is_rtl(cell: &[Block]) -> bool {
    cell.iter().any(|block| match block {
        Block::Paragraph(inlines) => !direction(inlines).is_empty(),
        Block::List(_, items) => items.iter().any(|item| cell_is_rtl(item)),
        _ => false,
    })
}

/// A list item's or a cell's blocks: a lone paragraph's text stands without a `<p>`.
fn item_blocks(out: &mut String, writer: &Writer, list: &[Block]) {
    match list {
        [Block::Paragraph(inlines)] => writer.inlines(out, inlines),
        _ => {
            out.push('\n');
            blocks(out, writer, list);
        }
    }
}

fn table(out: &mut String, writer: &Writer, table: &dialect::Table, caption: Option<&[Inline]>, class: &str) {
    let (head, aligns) = (&table.head, &table.aligns);
    // A column's alignment, on each of its cells.
    let align = |i: usize| match aligns.get(i) {
        Some(dialect::Align::Center) => " style=\"text-align: center\"",
        Some(dialect::Align::End) => " style=\"text-align: end\"",
        _ => "",
    };
    out.push_str(&format!("<table{class}>\n"));
    if let Some(caption) = caption {
        // The heading above shows it; the caption names the table to a screen reader.
        out.push_str("<caption class=\"visually-hidden\">");
        escape_text(out, &dialect::plain_text(caption));
        out.push_str("</caption>\n");
    }
    out.push_str("<thead>\n<tr>");
    for (i, cell) in head.iter().enumerate() {
        out.push_str(&format!("<th scope=\"col\"{}>", align(i)));
        item_blocks(out, writer, cell);
        out.push_str("</th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        if row.spans {
            out.push_str(&format!("<td colspan=\"{}\">", head.len()));
            item_blocks(out, writer, &row.cells[0]);
            out.push_str("</td>");
        } else {
            for i in 0..head.len().max(row.cells.len()) {
                let rtl = row.cells.get(i).is_some_and(|cell| cell_is_rtl(cell));
                out.push_str(&format!("<td{}{}>", if rtl { " dir=\"auto\"" } else { "" }, align(i)));
                if let Some(cell) = row.cells.get(i) {
                    item_blocks(out, writer, cell);
                }
                out.push_str("</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front() -> dialect::FrontMatter {
        dialect::FrontMatter::new("T", crate::domain::Classification::White)
    }

    fn page(markdown: &str) -> String {
        write(&dialect::parse(markdown, &front(), |_| None).unwrap(), "")
    }

    #[test]
    fn author_text_never_becomes_markup() {
        let html = page("A <script>alert(1)</script> & \"q\" [x](javascript:alert(1))\n\n<div onclick=x>raw</div>\n");
        assert!(!html.contains("<script>") && !html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("x (javascript:alert(1))"), "the target is shown, not dropped: {html}");
    }

    #[test]
    fn a_stylesheet_cannot_close_its_element() {
        let doc = dialect::parse("text\n", &front(), |_| None).unwrap();
        let html = write(&doc, "p::after { content: \"</style><script>\" }");
        assert_eq!(html.matches("</style>").count(), 1, "{html}");
    }

    #[test]
    fn sibling_documents_are_linked_in_html_and_other_links_kept() {
        let html =
            page("[SECP_78_1303_29](SECP_78_1303_29.md), [web](https://example.org/a?b=1&c=2), https://x.org/y.\n");
        assert!(html.contains("<a href=\"SECP_78_1303_29.html\">SECP_78_1303_29</a>"), "{html}");
        assert!(html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\">web</a>"), "{html}");
        assert!(html.contains("<a href=\"https://x.org/y\">https://x.org/y</a>."), "{html}");
    }

    #[test]
    fn annex_tables_have_a_caption_column_headers_and_spanning_rows() {
        let html = page(
            "## Annex A: Reports\n\n| # | Name |\n| --- | --- |\n| 1 | **Bold**<br><br>Second<br>• one<br>• two |\n| <!-- span --> *Row 2 withheld* |\n",
        );
        assert!(html.contains("<caption class=\"visually-hidden\">Annex A: Reports</caption>"), "{html}");
        assert!(html.contains("<th scope=\"col\">#</th><th scope=\"col\">Name</th>"), "{html}");
        assert!(html.contains("<td colspan=\"2\"> <em>Row 2 withheld</em></td>"), "{html}");
        assert!(html.contains("<td>\n<p><strong>Bold</strong></p>\n<p>Second</p>\n<ul>\n<li>one</li>"), "{html}");
    }

    #[test]
    fn a_columns_alignment_is_each_of_its_cells() {
        let html = page("| a | b | c |\n| --- | :---: | ---: |\n| 1 | 2 | 3 |\n");
        assert!(
            html.contains("<th scope=\"col\">a</th><th scope=\"col\" style=\"text-align: center\">b</th>"),
            "{html}"
        );
        assert!(
            html.contains("<td>1</td><td style=\"text-align: center\">2</td><td style=\"text-align: end\">3</td>"),
            "{html}"
        );
    }

    #[test]
    fn a_page_break_starts_the_next_block_on_a_new_printed_page() {
        let html = page("before\n\n<!-- pagebreak -->\n\n## Annex A: X\n");
        assert!(html.contains("<h2 class=\"new-page\">Annex A: X</h2>"), "{html}");
    }

    #[test]
    fn the_marking_is_furniture_above_and_the_statement_below() {
        // The marking is the model's, typed: the text's own front matter says otherwise.
        let front = dialect::FrontMatter {
            reference: Some("R_1".into()),
            ..dialect::FrontMatter::new("T", crate::domain::Classification::Amber)
        };
        let text = "---\ntitle: \"T\"\nclassification: \"WHITE\"\n---\n\n# T\n\n<!-- footer -->\n\nLimited.\n";
        let html = write(&dialect::parse(text, &front, |_| None).unwrap(), "");
        assert!(html.contains("<title>R_1: T</title>"), "{html}");
        assert!(html.contains("<header class=\"furniture\">\n<p class=\"tlp\">TLP:AMBER</p>"), "{html}");
        assert!(html.contains("<footer class=\"statement\">\n<p>Limited.</p>"), "{html}");
        assert!(html.contains("<meta name=\"keywords\" content=\"TLP:AMBER\">"), "{html}");
    }
}
