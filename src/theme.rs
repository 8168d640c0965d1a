//! Page geometry and type sizes: one place for the paper's look.

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 in points.
pub const PAGE_HEIGHT: f32 = 841.89;
/// Left and right margins (20 mm).
pub const MARGIN_X: f32 = 56.7;
/// Top margin (20 mm).
pub const MARGIN_TOP: f32 = 56.7;
/// Bottom margin, below the footer (12 mm).
pub const MARGIN_BOTTOM: f32 = 34.0;
/// Width of the text area.
pub const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

/// Running text.
pub const BODY: Text = Text { size: 10.0, leading: 13.6 };
/// Table cells.
pub const CELL: Text = Text { size: 8.5, leading: 11.0 };
/// The footer statement and page number.
pub const FOOTER: Text = Text { size: 7.5, leading: 9.5 };
/// Gap between the body and the footer.
pub const FOOTER_GAP: f32 = 14.0;
/// The body's height on a page whose footer has a statement of three lines: what a table's
/// first row must fit in to be kept whole with the table's start.
pub const BODY_ROOM: f32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - 4.0 * FOOTER.leading - FOOTER_GAP;

/// Space after a paragraph, as a fraction of the line height.
pub const PARAGRAPH_GAP: f32 = 0.55;
/// Indent of list text from the list's left edge.
pub const LIST_INDENT: f32 = 16.0;
/// Space between list items.
pub const ITEM_GAP: f32 = 3.0;
/// Padding inside table cells.
pub const CELL_PADDING: f32 = 4.0;

/// Width of table borders and horizontal rules.
pub const RULE_WIDTH: f32 = 0.5;
/// Width of the rule above the footer.
pub const FOOTER_RULE_WIDTH: f32 = 0.4;
/// How far above the footer's first line its rule runs.
pub const FOOTER_RULE_GAP: f32 = 5.0;
/// Gap between a list marker and the item's text.
pub const MARKER_GAP: f32 = 6.0;
/// A block quote: its text set in by a list's indent and this much more, a rule down its
/// left this far in from the column's edge, this wide.
pub const QUOTE_INDENT: f32 = 4.0;
/// See [`QUOTE_INDENT`].
pub const QUOTE_RULE_INSET: f32 = 6.0;
/// See [`QUOTE_INDENT`].
pub const QUOTE_RULE_WIDTH: f32 = 1.5;

/// The TLP label at the top right of AMBER and RED pages: type size, top edge, box height,
/// padding either side of the text, and baseline below the box's top.
pub const TLP_SIZE: f32 = 9.0;
/// See [`TLP_SIZE`].
pub const TLP_TOP: f32 = 24.0;
/// See [`TLP_SIZE`].
pub const TLP_HEIGHT: f32 = 14.0;
/// See [`TLP_SIZE`].
pub const TLP_PADDING: f32 = 4.0;
/// See [`TLP_SIZE`].
pub const TLP_BASELINE: f32 = 10.3;

/// A comparison's header line: its baseline from the page top, its size above the
/// footer's, and the room kept clear for the TLP label at its right.
pub const HEADER_BASELINE: f32 = 34.3;
/// See [`HEADER_BASELINE`].
pub const HEADER_SIZE_UP: f32 = 0.5;
/// See [`HEADER_BASELINE`].
pub const HEADER_CLEAR_RIGHT: f32 = 90.0;

/// Inserted text's underline below the baseline, and deleted text's strike above it, as
/// fractions of the type size; the width of both.
pub const UNDERLINE_DROP: f32 = 0.12;
/// See [`UNDERLINE_DROP`].
pub const STRIKE_RISE: f32 = 0.28;
/// See [`UNDERLINE_DROP`].
pub const CHANGE_MARK_WIDTH: f32 = 0.6;
/// The change bar beside a changed line: its distance into the left margin and its width.
pub const CHANGE_BAR_INSET: f32 = 9.0;
/// See [`CHANGE_BAR_INSET`].
pub const CHANGE_BAR_WIDTH: f32 = 1.5;

/// A text size and its line height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Text {
    /// Font size.
    pub size: f32,
    /// Line height.
    pub leading: f32,
}

impl Text {
    /// Distance from a line's top to its baseline, centring the glyphs in the leading.
    pub fn baseline(self) -> f32 {
        (self.leading - self.size) / 2.0 + self.size * 0.78
    }

    /// The same, scaled for a heading level of running text at `base`.
    pub fn heading(level: u8, base: Text) -> (Text, f32, f32) {
        // (size, space before, space after)
        let (size, before, after) = match level {
            1 => (17.0, 4.0, 10.0),
            2 => (13.0, 14.0, 5.0),
            3 => (11.0, 10.0, 4.0),
            _ => (base.size, 7.0, 2.0),
        };
        let scale = base.size / BODY.size;
        let size = if level <= 3 { size * scale.min(1.0) } else { base.size };
        (Text { size, leading: size * 1.3 }, before * scale, after * scale)
    }
}
