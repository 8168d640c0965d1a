//! Word's built-in styles, set to the PDF's look (Arial-metric faces, the same sizes and
//! spacing), and the numbering definitions lists use.
//!
//! The built-in styles keep Word's own names (`heading 1`, `List Bullet`…), so Word treats
//! them as its own: the navigation pane, the table of contents and "Apply styles" work.

use docx_rs::{
    AbstractNumbering, Docx, Level, LevelJc, LevelText, LineSpacing, NumberFormat, Numbering, Numberings, RunFonts,
    SpecialIndentType, Start, Style, StyleType, TableBorder, TableBorderPosition, TableBorders, TableCellMargins,
    WidthType,
};

pub(super) const NORMAL: &str = "Normal";
pub(super) const TITLE: &str = "Title";
pub(super) const QUOTE: &str = "Quote";
pub(super) const CODE: &str = "HTMLPreformatted";
pub(super) const LIST_BULLET: &str = "ListBullet";
pub(super) const LIST_NUMBER: &str = "ListNumber";
pub(super) const LIST_CONTINUE: &str = "ListContinue";
pub(super) const TABLE: &str = "PanelTable";
pub(super) const TABLE_TEXT: &str = "TableText";
/// Table cells' left and right margins in twips: the PDF's cell padding.
pub(super) const CELL_MARGIN: usize = (crate::theme::CELL_PADDING * TWIPS) as usize;
/// The shading of an annex's header row, the PDF's.
pub(super) const HEADER_SHADE: &str = "E0E6ED";

/// The bullets' numbering (`w:numId`), and its abstract definition's id.
pub(super) const BULLETS: usize = 10;
/// The numbered lists' abstract definition; each numbered list gets its own `w:num` after
/// it, restarting at the list's start.
pub(super) const NUMBERS: usize = 11;

/// The face every style uses: Word shows Arial on any machine, and the PDF's Liberation
/// Sans has Arial's metrics, so lines break alike.
const FACE: &str = "Arial";
/// Twips per point.
const TWIPS: f32 = 20.0;

/// The heading style for a dialect heading level: `#` the title, `##` Heading 1…
pub(super) fn heading(level: u8) -> &'static str {
    match level {
        1 => TITLE,
        2 => "Heading1",
        3 => "Heading2",
        4 => "Heading3",
        5 => "Heading4",
        _ => "Heading5",
    }
}

/// A run-in heading's size in half-points: running text's, whatever its level.
pub(super) const RUN_IN_SIZE: usize = (crate::theme::BODY.size * 2.0) as usize;

fn twips(points: f32) -> u32 {
    (points * TWIPS).round() as u32
}

/// Half-points, Word's font size unit.
fn half_points(points: f32) -> usize {
    (points * 2.0).round() as usize
}

fn paragraph_style(id: &str, name: &str, size: f32, before: f32, after: f32) -> Style {
    // Lines at least 1.25 of the type size apart, as the PDF's headings: a title of two
    // lines never runs into itself.
    let leading = LineSpacing::new()
        .before(twips(before))
        .after(twips(after))
        .line(twips(size * 1.25) as i32)
        .line_rule(docx_rs::LineSpacingType::AtLeast);
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(NORMAL)
        .next(NORMAL)
        .q_format(true)
        .size(half_points(size))
        .line_spacing(leading)
}

/// The header's and footer's small type, set solid as the PDF's.
fn furniture_style(id: &str, name: &str) -> Style {
    use crate::theme::FOOTER;
    let leading = LineSpacing::new().before(0).after(0).line(twips(FOOTER.leading) as i32);
    paragraph_style(id, name, FOOTER.size, 0.0, 0.0).line_spacing(leading.line_rule(docx_rs::LineSpacingType::AtLeast))
}

fn heading_style(id: &str, name: &str, size: f32, before: f32, after: f32, outline: usize) -> Style {
    let mut style = paragraph_style(id, name, size, before, after).bold().outline_lvl(outline);
    style.paragraph_property.keep_next = Some(true);
    style.paragraph_property.keep_lines = Some(true);
    style
}

/// A block quote: set in further than a list's text, with a rule down its left (as the
/// PDF's), so that it never reads as more of the list item above it.
fn quote_style(gap: f32) -> Style {
    use docx_rs::{BorderType, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders};
    let indent = twips(crate::theme::LIST_INDENT + crate::theme::QUOTE_INDENT) as i32;
    let mut style = paragraph_style(QUOTE, "Quote", BODY_SIZE, gap / 2.0, gap).indent(Some(indent), None, None, None);
    let rule =
        ParagraphBorder::new(ParagraphBorderPosition::Left).val(BorderType::Single).size(12).space(6).color("999999");
    style.paragraph_property.borders = Some(ParagraphBorders::with_empty().set(rule));
    style
}

/// Running text's size.
const BODY_SIZE: f32 = crate::theme::BODY.size;

/// `docx` with the styles and numbering definitions the body uses (before the body adds
/// its numbered lists' own `w:num`s).
pub(super) fn add(docx: Docx) -> Docx {
    use crate::theme::{BODY, CELL, PARAGRAPH_GAP};
    let fonts = RunFonts::new().ascii(FACE).hi_ansi(FACE).cs(FACE).east_asia(FACE);
    let gap = PARAGRAPH_GAP * BODY.leading;
    let cell_margin = twips(crate::theme::CELL_PADDING) as usize;
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Bottom,
        TableBorderPosition::Left,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |borders, position| borders.set(TableBorder::new(position).color("999999").size(4)));
    let styles = [
        Style::new(NORMAL, StyleType::Paragraph)
            .name("Normal")
            .q_format(true)
            .size(half_points(BODY.size))
            .fonts(fonts.clone())
            .line_spacing(LineSpacing::new().after(twips(gap)).line(276)),
        paragraph_style(TITLE, "Title", 17.0, 10.0, 10.0).bold(),
        heading_style("Heading1", "heading 1", 13.0, 14.0, 5.0, 0),
        heading_style("Heading2", "heading 2", 11.0, 10.0, 4.0, 1),
        heading_style("Heading3", "heading 3", BODY.size, 7.0, 2.0, 2),
        heading_style("Heading4", "heading 4", BODY.size, 7.0, 2.0, 3),
        heading_style("Heading5", "heading 5", BODY.size, 7.0, 2.0, 4),
        paragraph_style(LIST_BULLET, "List Bullet", BODY.size, 0.0, 3.0),
        paragraph_style(LIST_NUMBER, "List Number", BODY.size, 0.0, 3.0),
        paragraph_style(LIST_CONTINUE, "List Continue", BODY.size, 0.0, 3.0).indent(
            Some(twips(crate::theme::LIST_INDENT) as i32),
            None,
            None,
            None,
        ),
        quote_style(gap),
        paragraph_style(CODE, "HTML Preformatted", 9.0, 0.0, gap)
            .fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New").cs("Courier New")),
        paragraph_style(TABLE_TEXT, "Table Text", CELL.size, 0.0, 3.0).line_spacing(
            LineSpacing::new()
                .before(0)
                .after(twips(3.0))
                .line(twips(CELL.leading) as i32)
                .line_rule(docx_rs::LineSpacingType::AtLeast),
        ),
        furniture_style("Header", "header"),
        furniture_style("Footer", "footer").color("595959"),
        Style::new("Hyperlink", StyleType::Character).name("Hyperlink").color("0A4C99").underline("single"),
        Style::new(TABLE, StyleType::Table).name("Panel Table").set_borders(borders).margins(
            TableCellMargins::new()
                .margin_left(cell_margin, WidthType::Dxa)
                .margin_right(cell_margin, WidthType::Dxa)
                .margin_top(cell_margin / 2, WidthType::Dxa)
                .margin_bottom(cell_margin / 2, WidthType::Dxa),
        ),
    ];
    let docx = styles.into_iter().fold(docx, Docx::add_style);
    docx.default_fonts(fonts).default_size(half_points(BODY.size)).numberings(numberings())
}

/// Bullets (• – ▪ by level) and decimal numbers, indented by the PDF's list indent.
fn numberings() -> Numberings {
    let indent = twips(crate::theme::LIST_INDENT) as i32;
    let level = |l: usize, format: &str, text: String| {
        Level::new(l, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left")).indent(
            Some(indent * (l as i32 + 1)),
            Some(SpecialIndentType::Hanging(indent)),
            None,
            None,
        )
    };
    let bullets = (0..9).fold(AbstractNumbering::new(BULLETS), |n, l| {
        n.add_level(level(l, "bullet", ["•", "–", "▪"][l % 3].to_string()))
    });
    let numbers =
        (0..9).fold(AbstractNumbering::new(NUMBERS), |n, l| n.add_level(level(l, "decimal", format!("%{}.", l + 1))));
    Numberings::new()
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(numbers)
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}
