//! Text measurement for layout: the dialect's styles onto the bundled faces ([`crate::fonts`]).

pub(crate) use crate::dialect::{Change, Style};
use crate::fonts::Variant;

/// The face variant a style is set in.
pub(crate) fn variant(style: Style) -> Variant {
    Variant { bold: style.bold, italic: style.italic, mono: style.code }
}

/// Width of `text` in points at `size`.
pub fn text_width(text: &str, style: Style, size: f32) -> f32 {
    crate::fonts::width(text, variant(style), size)
}

/// The first character of `text` that no bundled face can show.
pub fn first_unsupported(text: &str) -> Option<char> {
    crate::fonts::first_uncovered(text)
}
