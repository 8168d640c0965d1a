//! Stage 4, render: the paper model through Tera templates into the Markdown dialect
//! ([`crate::dialect`]).
//!
//! The Markdown is the one intermediate: every output is laid out from its parse, so the
//! outputs cannot disagree. The templates write the body; the front matter is written from
//! typed values by the dialect, so no template or author text can forge it.

mod decisions;
mod levels;
mod one_line;
mod templates;

pub use templates::{EMBEDDED, Templates};

/// One line of author text escaped where it would start or end Markdown structure.
pub(crate) use one_line::line as escape_line;
