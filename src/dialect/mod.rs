//! The Markdown dialect: the one intermediate every output is laid out from, as a typed
//! contract that its writers (the templates, the redline) and its readers (the PDF layout,
//! and every renderer to come) share.
//!
//! It is GitHub-flavoured Markdown plus a few things Markdown has no syntax for, written
//! and read only here:
//! - front matter ([`FrontMatter`]): the document's reference, title, marking…;
//! - block markers: [`PAGE_BREAK`] and [`FOOTER`] (after it, the classification statement
//!   that every page repeats);
//! - [`SPAN_ROW`] at the start of a table row's only cell: the cell spans the row;
//! - an anchor ([`anchor::marker`]) at the end of a part a cross-reference leads to, and
//!   links to it (`#name`);
//! - [`RUN_IN`] at the end of a run-in heading, set one level below its section ([`run_in`]);
//! - annex cells as one table-cell line ([`cell`]);
//! - CriticMarkup in a comparison ([`critic`]).
//!
//! Author text cannot write any of these: front matter is written from typed values, the
//! cell codec escapes `<!--`, and CriticMarkup is read only in a comparison.

pub mod anchor;
pub mod cell;
pub mod critic;
pub mod document;
mod front_matter;
mod inert;
mod markdown;
pub mod run_in;

pub use document::{
    Align, Block, Cell, Change, Document, Inline, MAX_NESTING, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, ParseError, Row,
    Style, Table, accepted_text, parse, plain_text, read_blocks, starts_right_to_left,
};
pub use front_matter::{BASE_CLASS_PROPERTY, FrontMatter};
pub use inert::inert;
pub use markdown::{Markdown, MissingFrontMatter};
pub use run_in::RUN_IN;

/// Marks a forced page break (before each annex).
pub const PAGE_BREAK: &str = "<!-- pagebreak -->";
/// Marks the start of the footer: the classification statement printed on every page.
pub const FOOTER: &str = "<!-- footer -->";
/// Starts a table row's only cell, which then spans every column.
pub const SPAN_ROW: &str = "<!-- span -->";

/// A part's portion mark as the dialect writes it: its class in brackets, the brackets
/// escaped so that it is text wherever it stands (never a link), `\[AMBER\]`; every
/// writer shows it as the text `[AMBER]`, so the PDF's tags and a screen reader have it.
pub fn portion_mark(class: crate::domain::Classification) -> String {
    format!("\\[{}\\]", class.name())
}

/// Where the front matter (`---` … `---`) that every rendered document starts with ends.
pub fn front_matter_end(markdown: &str) -> usize {
    markdown.match_indices("---\n").nth(1).map_or(0, |(at, marker)| at + marker.len())
}

/// A link to another document of the same run, written `NAME.md` in the Markdown (where it
/// works as it is), pointed at that document's file in `extension`: each output links its
/// own kind of file. `None` for any other link.
pub fn sibling_target(target: &str, extension: &str) -> Option<String> {
    let (path, fragment) = target.split_once('#').map_or((target, None), |(p, f)| (p, Some(f)));
    let stem = path.strip_suffix(".md")?;
    if stem.is_empty() || stem.contains([':', '/', '\\', '?']) {
        return None;
    }
    Some(match fragment {
        Some(fragment) => format!("{stem}.{extension}#{fragment}"),
        None => format!("{stem}.{extension}"),
    })
}

/// Where a link of the Markdown may take a reader of an output whose documents are `.extension`
/// files: web and mail addresses, telephone numbers and relative paths as written, a sibling
/// document (`NAME.md`) to its file of that kind; `None` for any other scheme
/// (`javascript:`, `data:`…), whose target the output shows as text instead of following.
pub fn followable_target(target: &str, extension: &str) -> Option<String> {
    let followable = match target.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            ["http", "https", "mailto", "tel"].iter().any(|s| scheme.eq_ignore_ascii_case(s))
        }
        _ => true,
    };
    followable.then(|| sibling_target(target, extension).unwrap_or_else(|| target.to_string()))
}

/// Whether raw HTML in the Markdown is inert wherever the Markdown is shown: a line break,
/// or one plain comment (no markup inside it, nothing around it: `<!-- a --> <b>x</b> <!-- b -->`
/// is one HTML block to a Markdown parser but bold text to a browser). Every other piece
/// of raw HTML is escaped or refused.
pub fn is_inert_html(html: &str) -> bool {
    let html = html.trim();
    if ["<br>", "<br/>", "<br />"].iter().any(|br| html.eq_ignore_ascii_case(br)) {
        return true;
    }
    html.strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .is_some_and(|inner| !inner.contains("--") && !inner.contains(['<', '>']) && !inner.starts_with('-'))
}
