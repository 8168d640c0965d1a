//! Text escaped for the project's Markdown, as little as it can be: only what would
//! otherwise start a block at a line's start, an entity or a tag, unless a reading back
//! asks for more; and what Tera would take for a template, written so that Tera prints it.

use crate::dialect::Style;

/// How much of the text is escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Escape {
    /// Only what would otherwise make structure: line starts, entities, tags.
    Minimal,
    /// Every character Markdown gives a meaning to.
    Full,
    /// [`Escape::Full`], and emphasis left out.
    Plain,
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
pub(super) fn text(text: &str, escape: Escape) -> String {
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
pub(super) fn line_starts(markdown: &str) -> String {
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

/// A code span around `text`: fences longer than any run of backticks in it, padded when
/// it starts or ends with one.
pub(super) fn code_span(text: &str) -> String {
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
pub(super) fn destination(address: &str) -> String {
    if address.contains([' ', '(', ')', '<', '>']) || address.is_empty() {
        format!("<{}>", address.replace('<', "%3C").replace('>', "%3E"))
    } else {
        address.to_string()
    }
}

/// The emphasis markers a style opens, outermost first (none but the link's when the
/// text is written [`Escape::Plain`]).
pub(super) fn markers(style: &Style, escape: Escape) -> Vec<&'static str> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sibling_documents_and_template_syntax() {
        assert_eq!(target("SECP_78_1303_29.docx"), "SECP_78_1303_29.md");
        assert_eq!(target("https://x.org/a.docx"), "https://x.org/a.docx");
        assert_eq!(tera("{{ x }} {% if %} {# c #} { }"), "{{ \"{{\" }} x }} {{ \"{%\" }} if %} {{ \"{#\" }} c #} { }");
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(destination("a b"), "<a b>");
        assert_eq!(line_starts("1. x\n- y  \n-z\n***"), "1\\. x\n\\- y\n-z\n\\***");
    }
}
