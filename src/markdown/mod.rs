//! Stage 4, render: the paper model through Tera templates into GitHub-flavoured Markdown.
//!
//! The Markdown is the one intermediate: the PDF is laid out from its parse, so the two
//! outputs cannot disagree. HTML comments carry what Markdown has no syntax for:
//! `<!-- pagebreak -->` and `<!-- footer -->` (the classification statement) as blocks,
//! and `<!-- span -->` at the start of a table row's only cell, which spans the row (a
//! withheld annex row's placeholder). Author cells cannot write one: the cell codec
//! escapes `<!--`.

mod cell;
mod templates;

pub use cell::gfm_cell;
pub use templates::{EMBEDDED, Templates};

/// Marks a forced page break (before each annex).
pub const PAGE_BREAK: &str = "<!-- pagebreak -->";
/// Marks the start of the footer: the classification statement printed on every page.
pub const FOOTER: &str = "<!-- footer -->";

/// Starts a table row's only cell, which then spans every column.
pub const SPAN_ROW: &str = "<!-- span -->";

/// Where the front matter (`---` … `---`) that every rendered document starts with ends.
pub fn front_matter_end(markdown: &str) -> usize {
    markdown.match_indices("---\n").nth(1).map_or(0, |(at, marker)| at + marker.len())
}
