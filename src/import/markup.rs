//! Blocks written as the project's Markdown, and read back through the dialect to make
//! sure they say what the Word document said (annex cells: `cells`).
//!
//! Text is escaped as little as it can be (an author edits this Markdown: `SSC_95_2602`
//! should stay as written), and each block is parsed back with the dialect's own reader;
//! a block that does not read back as intended is written again with every Markdown
//! character escaped. What no escaping can say (emphasis that Markdown's delimiter rules
//! cannot place) is written without that emphasis, and the caller is told. Text that
//! Tera would take for a template (`{{`, `{%`, `{#`) is written as an expression that
//! prints it.

use super::escape::{Escape, code_span, destination, line_starts, markers, tera, text};
use super::readback::{read_back, same};
use crate::dialect::{Block, Inline, Style};

/// Where inlines are written: a cell writes a line break as `<br>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Body,
    Cell,
}

/// Inlines as Markdown: runs of one style grouped, white space kept outside emphasis
/// (delimiters must touch the text they mark), links around their runs.
pub(super) fn inlines(list: &[Inline], links: &[String], escape: Escape, place: Place) -> String {
    // Each run's edges: white space moves out of its emphasis, so it is written unstyled.
    let mut runs: Vec<(String, Style)> = Vec::new();
    let mut push = |text: &str, style: Style| {
        if text.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some((last, s)) if *s == style && last != "\n" && text != "\n" => last.push_str(text),
            _ => runs.push((text.to_string(), style)),
        }
    };
    for inline in list {
        match inline {
            Inline::Break => push("\n", Style::REGULAR),
            Inline::Anchor(_) => {}
            Inline::Text(t, style) if style.code => push(t, *style),
            Inline::Text(t, style) => {
                let core = t.trim();
                if core.is_empty() {
                    push(t, Style { link: style.link, ..Style::REGULAR });
                    continue;
                }
                let start = t.len() - t.trim_start().len();
                let plain = Style { link: style.link, ..Style::REGULAR };
                push(&t[..start], plain);
                push(core, *style);
                push(&t[start + core.len()..], plain);
            }
        }
    }
    let mut out = String::new();
    let mut open: Vec<&'static str> = Vec::new();
    let mut open_link: Option<u32> = None;
    let close = |out: &mut String, marker: &str, link: Option<u32>| match marker {
        "link" => {
            let address = link.and_then(|l| links.get(l as usize)).map_or("", String::as_str);
            out.push_str(&format!("]({})", destination(address)));
        }
        m => out.push_str(m),
    };
    for (text_run, style) in &runs {
        // A bare address that is its own link's text stays bare (the dialect links it).
        let address = style.link.and_then(|l| links.get(l as usize));
        let bare = address.is_some_and(|a| {
            a == text_run
                && a.starts_with("http")
                && !text_run.ends_with(['.', ',', ';', ':', ')', '!', '?', '\'', '"'])
        });
        let mut wanted = markers(style, escape);
        if bare {
            wanted.retain(|m| *m != "link");
        }
        let same_link = open_link == style.link;
        let keep = open.iter().zip(&wanted).take_while(|(a, b)| a == b && (**a != "link" || same_link)).count();
        while open.len() > keep {
            let marker = open.pop().expect("an open marker");
            close(&mut out, marker, open_link);
        }
        for marker in &wanted[keep..] {
            out.push_str(if *marker == "link" { "[" } else { marker });
            open.push(marker);
        }
        open_link = style.link;
        if text_run == "\n" {
            out.push_str(if place == Place::Cell { "<br>" } else { "\\\n" });
        } else if style.code && escape != Escape::Plain {
            out.push_str(&code_span(text_run));
        } else if bare {
            out.push_str(text_run);
        } else {
            out.push_str(&text(text_run, escape));
        }
    }
    while let Some(marker) = open.pop() {
        close(&mut out, marker, open_link);
    }
    out
}

/// A block as Markdown, nested content indented by `indent`.
fn block(b: &Block, links: &[String], escape: Escape) -> String {
    match b {
        Block::Paragraph(list) => line_starts(&inlines(list, links, escape, Place::Body)),
        // A run-in heading is written as its author writes one, `####`, whatever its level.
        Block::Heading(level, list) | Block::RunIn(level, list) => {
            let level = if matches!(b, Block::RunIn(..)) { &4 } else { level };
            let plain: Vec<Inline> = list
                .iter()
                .map(|i| match i {
                    Inline::Text(t, s) => Inline::Text(t.clone(), Style { bold: false, ..*s }),
                    Inline::Break => Inline::Text(" ".into(), Style::REGULAR),
                    Inline::Anchor(a) => Inline::Anchor(a.clone()),
                })
                .collect();
            let text = inlines(&plain, links, escape, Place::Body);
            let text = if text.starts_with('#') { format!("\\{text}") } else { text };
            format!("{} {}", "#".repeat(usize::from(*level)), text)
        }
        Block::List(start, items) => {
            let tight = items.iter().all(|item| item.iter().filter(|b| !matches!(b, Block::List(..))).count() <= 1);
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let marker = match start {
                    Some(n) => format!("{}. ", n + i as u64),
                    None => "- ".to_string(),
                };
                let pad = " ".repeat(marker.len());
                let parts: Vec<String> = item.iter().map(|b| block(b, links, escape)).collect();
                let body = parts.join(if tight { "\n" } else { "\n\n" });
                let indented: Vec<String> = body
                    .split('\n')
                    .enumerate()
                    .map(|(n, l)| {
                        if n == 0 {
                            format!("{marker}{l}")
                        } else if l.is_empty() {
                            String::new()
                        } else {
                            format!("{pad}{l}")
                        }
                    })
                    .collect();
                out.push(if item.is_empty() { marker.trim_end().to_string() } else { indented.join("\n") });
            }
            out.join(if tight { "\n" } else { "\n\n" })
        }
        Block::Quote(blocks) => {
            let inner: Vec<String> = blocks.iter().map(|b| block(b, links, escape)).collect();
            inner
                .join("\n\n")
                .split('\n')
                .map(|l| if l.is_empty() { ">".to_string() } else { format!("> {l}") })
                .collect::<Vec<_>>()
                .join("\n")
        }
        Block::Code(code) => {
            let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            format!("{fence}\n{}\n{fence}", code.trim_end_matches('\n'))
        }
        Block::Rule => "***".to_string(),
        Block::Table(table) => {
            let (head, aligns) = (&table.head, &table.aligns);
            // Each cell's blocks back on the codec's one line.
            let row = |cells: &[crate::dialect::Cell]| {
                let cells: Vec<String> = cells
                    .iter()
                    .map(|c| crate::dialect::cell::write(&super::cells::cell_markdown(c, links, escape, false)))
                    .collect();
                format!("| {} |", cells.join(" | "))
            };
            // Each column's alignment kept (GFM's `:---:`, `---:`).
            let rule: String = (0..head.len())
                .map(|i| match aligns.get(i) {
                    Some(crate::dialect::Align::Center) => " :---: |",
                    Some(crate::dialect::Align::End) => " ---: |",
                    _ => " --- |",
                })
                .collect();
            let mut lines = vec![row(head), format!("|{rule}")];
            lines.extend(table.rows.iter().map(|r| row(&r.cells)));
            lines.join("\n")
        }
        Block::PageBreak => String::new(),
    }
}

/// Blocks as a section body, each read back as intended or escaped further; `false` when
/// some emphasis could not be written.
pub(super) fn body(blocks: &[Block], links: &[String]) -> (String, bool) {
    let mut parts = Vec::new();
    let mut faithful = true;
    for b in blocks {
        let (written, ok) = [Escape::Minimal, Escape::Full, Escape::Plain]
            .iter()
            .map(|escape| {
                let md = block(b, links, *escape);
                let ok = read_back(&md)
                    .is_some_and(|(read, read_links)| same(&read, &read_links, std::slice::from_ref(b), links));
                (md, ok)
            })
            .find(|(_, ok)| *ok)
            .unwrap_or_else(|| (block(b, links, Escape::Plain), false));
        faithful &= ok;
        if !written.is_empty() {
            parts.push(written);
        }
    }
    (tera(&parts.join("\n\n")), faithful)
}

/// One line of inline Markdown (a title, heading, recommendation, cell of a header).
pub(super) fn line(list: &[Inline], links: &[String]) -> (String, bool) {
    let list = super::patterns::trim(list);
    let flat: Vec<Inline> = list
        .iter()
        .map(|i| if *i == Inline::Break { Inline::Text(" ".into(), Style::REGULAR) } else { i.clone() })
        .collect();
    let (md, ok) = body(&[Block::Paragraph(flat)], links);
    (md.replace('\n', " "), ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str, style: Style) -> Inline {
        Inline::Text(text.into(), style)
    }

    #[test]
    fn escapes_only_what_would_change_the_reading() {
        let links = vec!["https://example.org/a".to_string()];
        let p = |list: Vec<Inline>| body(&[Block::Paragraph(list)], &links).0;
        assert_eq!(p(vec![t("At SSC_95_2602, 3 * 4 & 5 <-> 6.", Style::REGULAR)]), "At SSC_95_2602, 3 * 4 & 5 <-> 6.");
        assert_eq!(p(vec![t("- not a list", Style::REGULAR)]), "\\- not a list");
        assert_eq!(p(vec![t("1. not a list", Style::REGULAR)]), "1\\. not a list");
        assert_eq!(p(vec![t("-£0.08m", Style::REGULAR)]), "-£0.08m");
        assert_eq!(p(vec![t("a *star* and _under_ &amp;", Style::REGULAR)]), "a \\*star\\* and \\_under\\_ \\&amp;");
        assert_eq!(
            p(vec![t("Total ", Style::REGULAR), t("£85,000 ", Style::BOLD), t("in all", Style::REGULAR)]),
            "Total **£85,000** in all"
        );
        assert_eq!(p(vec![t("both", Style { bold: true, italic: true, ..Style::REGULAR })]), "***both***");
        assert_eq!(
            p(vec![t("the ", Style::REGULAR), t("site", Style { link: Some(0), ..Style::REGULAR })]),
            "the [site](https://example.org/a)"
        );
        assert_eq!(
            p(vec![t("https://example.org/a", Style { link: Some(0), ..Style::REGULAR })]),
            "https://example.org/a"
        );
        assert_eq!(p(vec![t("use ", Style::REGULAR), t("a`b", Style { code: true, ..Style::REGULAR })]), "use ``a`b``");
        assert_eq!(
            p(vec![t("{{ data.x }} and {% if %}", Style::REGULAR)]),
            "{{ \"{{\" }} data.x }} and {{ \"{%\" }} if %}"
        );
        assert_eq!(p(vec![t("one", Style::REGULAR), Inline::Break, t("two", Style::REGULAR)]), "one\\\ntwo");
    }

    #[test]
    fn lists_quotes_code_and_tables() {
        let para = |s: &str| Block::Paragraph(vec![t(s, Style::REGULAR)]);
        let blocks = vec![
            Block::List(
                Some(1),
                vec![vec![para("one")], vec![para("two"), Block::List(None, vec![vec![para("deep")]])]],
            ),
            Block::Quote(vec![para("said"), para("twice")]),
            Block::Code("let x = 1;\n".into()),
            Block::Table(crate::dialect::Table::read(
                &[vec![t("a", Style::REGULAR)], vec![t("b", Style::REGULAR)]],
                &[vec![
                    vec![t("x | y", Style::REGULAR)],
                    vec![t("p", Style::REGULAR), Inline::Break, Inline::Break, t("q", Style::REGULAR)],
                ]],
                Vec::new(),
                0,
            )),
        ];
        let (md, faithful) = body(&blocks, &[]);
        assert!(faithful, "{md}");
        assert_eq!(
            md,
            "1. one\n2. two\n   - deep\n\n> said\n>\n> twice\n\n```\nlet x = 1;\n```\n\n| a | b |\n| --- | --- |\n| x \\| y | p<br><br>q |"
        );
    }
}
