//! Blocks written as the project's Markdown, and read back through the dialect to make
//! sure they say what the Word document said.
//!
//! Text is escaped as little as it can be (an author edits this Markdown: `SSC_95_2602`
//! should stay as written), and each block is parsed back with the dialect's own reader;
//! a block that does not read back as intended is written again with every Markdown
//! character escaped. What no escaping can say (emphasis that Markdown's delimiter rules
//! cannot place) is written without that emphasis, and the caller is told. Text that
//! Tera would take for a template (`{{`, `{%`, `{#`) is written as an expression that
//! prints it.

use crate::dialect::{Block, Inline, Style};

/// How much of the text is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// Only what would otherwise make structure: line starts, entities, tags.
    Minimal,
    /// Every character Markdown gives a meaning to.
    Full,
    /// [`Escape::Full`], and emphasis left out.
    Plain,
}

/// Where inlines are written: a cell writes a line break as `<br>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Body,
    Cell,
}

/// A link's target: a sibling Word document (`paper.docx`) is the Markdown's `paper.md`,
/// which each output points at its own kind of file.
pub(super) fn target(address: &str) -> String {
    let (path, fragment) = address.split_once('#').map_or((address, None), |(p, f)| (p, Some(f)));
    match path.strip_suffix(".docx").filter(|stem| !stem.is_empty() && !stem.contains([':', '/', '\\', '?'])) {
        Some(stem) => fragment.map_or(format!("{stem}.md"), |f| format!("{stem}.md#{f}")),
        None => address.to_string(),
    }
}

/// Text that Tera would read as a template, written as expressions printing it.
pub(super) fn tera(text: &str) -> String {
    if !text.contains("{{") && !text.contains("{%") && !text.contains("{#") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let pair = rest.get(at..at + 2).unwrap_or("{");
        if matches!(pair, "{{" | "{%" | "{#") {
            out.push_str(&format!("{{{{ \"{pair}\" }}}}"));
            rest = &rest[at + 2..];
        } else {
            out.push('{');
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn is_entity(rest: &str) -> bool {
    let Some(body) = rest.strip_prefix('&') else { return false };
    let end = body.find(';').filter(|e| *e > 0 && *e <= 32);
    end.is_some_and(|e| body[..e].chars().all(|c| c.is_ascii_alphanumeric() || c == '#'))
}

/// Plain text escaped for `escape` (not at a line start: see [`line_starts`]). A pipe is
/// left to the table writer and the cell codec, which escape it themselves.
fn text(text: &str, escape: Escape) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escaped = match c {
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()) || escape != Escape::Minimal,
            '&' => escape != Escape::Minimal || is_entity(&text[text.char_indices().nth(i).map_or(0, |(b, _)| b)..]),
            '<' => {
                escape != Escape::Minimal
                    || next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
            }
            '*' | '_' | '`' | '[' | ']' | '~' | '#' | '>' | '!' => escape != Escape::Minimal,
            _ => false,
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Each line's start escaped where it would begin a block (a heading, quote, list item,
/// rule, fence or setext underline), and trailing spaces taken off.
fn line_starts(markdown: &str) -> String {
    let fixed: Vec<String> = markdown
        .split('\n')
        .map(|line| {
            let line = line.trim_end();
            let trimmed = line.trim_start();
            let first = trimmed.chars().next();
            let rest = &trimmed[first.map_or(0, char::len_utf8)..];
            let bullet = matches!(first, Some('-' | '+' | '*')) && (rest.is_empty() || rest.starts_with([' ', '\t']));
            let rule = trimmed.len() >= 3
                && trimmed.chars().filter(|c| !c.is_whitespace()).all(|c| Some(c) == first)
                && matches!(first, Some('-' | '*' | '_' | '='));
            let fence = trimmed.starts_with("```") || trimmed.starts_with("~~~");
            let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
            let ordered = digits > 0
                && digits <= 9
                && trimmed[digits..].starts_with(['.', ')'])
                && trimmed[digits + 1..].chars().next().is_none_or(|c| c == ' ' || c == '\t');
            if ordered {
                let at = line.len() - trimmed.len() + digits;
                format!("{}\\{}", &line[..at], &line[at..])
            } else if bullet || rule || fence || matches!(first, Some('#' | '>')) {
                let at = line.len() - trimmed.len();
                format!("{}\\{}", &line[..at], &line[at..])
            } else {
                line.to_string()
            }
        })
        .collect();
    fixed.join("\n")
}

/// The emphasis markers a style opens, outermost first.
fn markers(style: &Style, escape: Escape) -> Vec<&'static str> {
    let mut out = Vec::new();
    if style.link.is_some() {
        out.push("link");
    }
    if escape != Escape::Plain {
        if style.strike {
            out.push("~~");
        }
        if style.bold {
            out.push("**");
        }
        if style.italic {
            out.push("*");
        }
    }
    out
}

/// A code span around `text`: fences longer than any run of backticks in it, padded when
/// it starts or ends with one.
fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') || (text.starts_with(' ') && text.ends_with(' ')) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A link's destination as Markdown writes it.
fn destination(address: &str) -> String {
    if address.contains([' ', '(', ')', '<', '>']) || address.is_empty() {
        format!("<{}>", address.replace('<', "%3C").replace('>', "%3E"))
    } else {
        address.to_string()
    }
}

/// Inlines as Markdown: runs of one style grouped, white space kept outside emphasis
/// (delimiters must touch the text they mark), links around their runs.
fn inlines(list: &[Inline], links: &[String], escape: Escape, place: Place) -> String {
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
    let mut open_link: Option<u16> = None;
    let close = |out: &mut String, marker: &str, link: Option<u16>| match marker {
        "link" => {
            let address = link.and_then(|l| links.get(usize::from(l))).map_or("", String::as_str);
            out.push_str(&format!("]({})", destination(address)));
        }
        m => out.push_str(m),
    };
    for (text_run, style) in &runs {
        // A bare address that is its own link's text stays bare (the dialect links it).
        let address = style.link.and_then(|l| links.get(usize::from(l)));
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
        Block::Heading(level, list) => {
            let plain: Vec<Inline> = list
                .iter()
                .map(|i| match i {
                    Inline::Text(t, s) => Inline::Text(t.clone(), Style { bold: false, ..*s }),
                    Inline::Break => Inline::Text(" ".into(), Style::REGULAR),
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
        Block::Table(head, rows) => {
            let row = |cells: &[Vec<Inline>]| {
                let cells: Vec<String> =
                    cells.iter().map(|c| inlines(c, links, escape, Place::Cell).replace('|', "\\|")).collect();
                format!("| {} |", cells.join(" | "))
            };
            let mut lines = vec![row(head), format!("|{}", " --- |".repeat(head.len()))];
            lines.extend(rows.iter().map(|r| row(r)));
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

/// An annex cell's Markdown: paragraphs and one level of bullets, as the cell codec reads
/// them back.
pub(super) fn cell(blocks: &[Block], links: &[String]) -> (String, bool) {
    cell_with(blocks, links, true)
}

/// A column heading: a cell that is one line, whose line start no check reads as a block
/// ("#" is a column heading as written).
pub(super) fn column(inlines: &[Inline], links: &[String]) -> (String, bool) {
    cell_with(&[Block::Paragraph(super::patterns::trim(inlines))], links, false)
}

fn cell_with(blocks: &[Block], links: &[String], starts: bool) -> (String, bool) {
    for escape in [Escape::Minimal, Escape::Full, Escape::Plain] {
        let md = cell_markdown(blocks, links, escape, starts);
        let line = crate::dialect::cell::write(&md);
        let table = format!("| x |\n| --- |\n| {line} |\n");
        let read = crate::dialect::parse(&table, |_| None).ok().and_then(|doc| match doc.body.first() {
            Some(Block::Table(_, rows)) => Some((crate::dialect::cell::read(rows.first()?.first()?), doc.links)),
            _ => None,
        });
        if read.is_some_and(|(read, read_links)| same(&read, &read_links, blocks, links)) {
            return (tera(&md), true);
        }
    }
    (tera(&cell_markdown(blocks, links, Escape::Plain, starts)), false)
}

fn cell_markdown(blocks: &[Block], links: &[String], escape: Escape, starts: bool) -> String {
    let line_starts = |md: String| if starts { line_starts(&md) } else { md };
    let parts: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::List(_, items) => items
                .iter()
                .map(|item| {
                    let first = item
                        .iter()
                        .find_map(|b| if let Block::Paragraph(l) = b { Some(l.as_slice()) } else { None })
                        .unwrap_or(&[]);
                    format!("- {}", line_starts(inlines(first, links, escape, Place::Cell)))
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Paragraph(list) => line_starts(inlines(list, links, escape, Place::Cell)),
            _ => String::new(),
        })
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("\n\n")
}

/// `markdown` read by the dialect: its blocks and links.
fn read_back(markdown: &str) -> Option<(Vec<Block>, Vec<String>)> {
    let doc = crate::dialect::parse(markdown, |_| None).ok()?;
    Some((doc.body, doc.links))
}

/// A block reduced to what a reader sees: runs of one style merged, links by address, a
/// link whose text is its address the same as that text, headings bold throughout.
#[derive(Debug, PartialEq)]
enum Seen {
    Text(String, (bool, bool, bool, bool), Option<String>),
    Break,
    Open(String),
    Close,
}

fn seen(blocks: &[Block], links: &[String], heading: bool, out: &mut Vec<Seen>) {
    for b in blocks {
        match b {
            Block::Paragraph(list) => {
                out.push(Seen::Open("p".into()));
                seen_inlines(list, links, heading, out);
                out.push(Seen::Close);
            }
            Block::Heading(level, list) => {
                out.push(Seen::Open(format!("h{level}")));
                seen_inlines(list, links, true, out);
                out.push(Seen::Close);
            }
            Block::List(start, items) => {
                out.push(Seen::Open(format!("list{start:?}")));
                for item in items {
                    out.push(Seen::Open("item".into()));
                    seen(item, links, heading, out);
                    out.push(Seen::Close);
                }
                out.push(Seen::Close);
            }
            Block::Quote(inner) => {
                out.push(Seen::Open("quote".into()));
                seen(inner, links, heading, out);
                out.push(Seen::Close);
            }
            Block::Code(code) => out.push(Seen::Open(format!("code {}", code.trim_end_matches('\n')))),
            Block::Table(head, rows) => {
                out.push(Seen::Open("table".into()));
                for row in std::iter::once(head).chain(rows) {
                    out.push(Seen::Open("row".into()));
                    for cell in row {
                        out.push(Seen::Open("cell".into()));
                        seen_inlines(cell, links, false, out);
                        out.push(Seen::Close);
                    }
                    out.push(Seen::Close);
                }
                out.push(Seen::Close);
            }
            Block::Rule => out.push(Seen::Open("rule".into())),
            Block::PageBreak => {}
        }
    }
}

fn seen_inlines(list: &[Inline], links: &[String], heading: bool, out: &mut Vec<Seen>) {
    let start = out.len();
    for inline in list {
        match inline {
            Inline::Break => out.push(Seen::Break),
            Inline::Text(t, s) if !t.is_empty() => {
                let address = s.link.and_then(|l| links.get(usize::from(l))).cloned();
                let address = address.filter(|a| a != t);
                let key = (s.bold || heading, s.italic, s.strike, s.code);
                // White space at a run's edges reads the same inside or outside its emphasis.
                let core = if s.code { t.as_str() } else { t.trim() };
                let at = t.find(core).unwrap_or(0);
                let plain = (heading, false, false, false);
                let pieces = [(&t[..at], plain), (core, key), (&t[at + core.len()..], plain)];
                for (piece, key) in pieces.into_iter().filter(|(p, _)| !p.is_empty()) {
                    let mergeable = out.len() > start;
                    match out.last_mut() {
                        Some(Seen::Text(last, k, a)) if mergeable && *k == key && *a == address => last.push_str(piece),
                        _ => out.push(Seen::Text(piece.to_string(), key, address.clone())),
                    }
                }
            }
            Inline::Text(..) => {}
        }
    }
    // Markdown drops white space at a paragraph's edges and around its line breaks.
    let mut i = start;
    while i < out.len() {
        let after_break = i == start || matches!(out[i - 1], Seen::Break);
        let before_break = i + 1 == out.len() || matches!(out[i + 1], Seen::Break);
        if let Seen::Text(t, (_, _, _, code), _) = &mut out[i]
            && !*code
        {
            if after_break {
                *t = t.trim_start().to_string();
            }
            if before_break {
                *t = t.trim_end().to_string();
            }
            if t.is_empty() {
                out.remove(i);
                continue;
            }
        }
        i += 1;
    }
}

/// Whether two lists of blocks read the same.
fn same(a: &[Block], a_links: &[String], b: &[Block], b_links: &[String]) -> bool {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    seen(a, a_links, false, &mut x);
    seen(b, b_links, false, &mut y);
    x == y
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
            Block::Table(
                vec![vec![t("a", Style::REGULAR)], vec![t("b", Style::REGULAR)]],
                vec![vec![
                    vec![t("x | y", Style::REGULAR)],
                    vec![t("p", Style::REGULAR), Inline::Break, Inline::Break, t("q", Style::REGULAR)],
                ]],
            ),
        ];
        let (md, faithful) = body(&blocks, &[]);
        assert!(faithful, "{md}");
        assert_eq!(
            md,
            "1. one\n2. two\n   - deep\n\n> said\n>\n> twice\n\n```\nlet x = 1;\n```\n\n| a | b |\n| --- | --- |\n| x \\| y | p<br><br>q |"
        );
    }

    #[test]
    fn cells_keep_paragraphs_and_bullets() {
        let para = |s: &str, style| Block::Paragraph(vec![t(s, style)]);
        let blocks = vec![
            para("Title", Style::BOLD),
            para("These were:", Style::REGULAR),
            Block::List(None, vec![vec![para("one | two", Style::REGULAR)], vec![para("three", Style::REGULAR)]]),
        ];
        assert_eq!(cell(&blocks, &[]), ("**Title**\n\nThese were:\n\n- one | two\n- three".to_string(), true));
        assert_eq!(cell(&[para("-£0.08m", Style::REGULAR)], &[]).0, "-£0.08m");
        assert_eq!(target("SECP_78_1303_29.docx"), "SECP_78_1303_29.md");
        assert_eq!(target("https://x.org/a.docx"), "https://x.org/a.docx");
    }
}
