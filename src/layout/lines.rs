//! Line breaking: inline runs into lines no wider than a measure, by real glyph widths.

use super::fonts::{Style, text_width};
use crate::dialect::Inline;

/// A run of text on a line, `dx` from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Piece {
    /// Offset from the line start.
    pub dx: f32,
    /// Measured width.
    pub width: f32,
    /// The text.
    pub text: String,
    /// Its face.
    pub style: Style,
}

/// One line of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Line {
    /// Total width.
    pub width: f32,
    /// Its runs, left to right.
    pub pieces: Vec<Piece>,
    /// Whether it ended where the text had a space or a line break (not inside a word):
    /// the space is kept, unmeasured, so that text read from the page has its words apart.
    pub ends_between_words: bool,
}

impl Line {
    fn push(&mut self, text: &str, style: Style, width: f32) {
        match self.pieces.last_mut() {
            Some(last) if last.style == style => {
                last.text.push_str(text);
                last.width += width;
            }
            _ => {
                // Room for a line's worth of words: a piece grows word by word.
                let mut piece = String::with_capacity(text.len().max(PIECE_CAPACITY));
                piece.push_str(text);
                self.pieces.push(Piece { dx: self.width, width, text: piece, style });
            }
        }
        self.width += width;
    }
}

/// Bytes a line's piece starts with room for: most lines of a page hold fewer.
const PIECE_CAPACITY: usize = 96;

/// A measured run of a word in one style (a word may mix styles: "**bold**text").
struct Segment<'a> {
    text: &'a str,
    style: Style,
    width: f32,
}

enum Token {
    /// Segments `start..end` make one word.
    Word(usize, usize),
    Space(Style),
    Break,
}

/// A run's words, spaces and breaks, measured: what column sizing and line breaking both
/// read, so that a table cell is measured once for both.
pub(super) struct Measured<'a> {
    segments: Vec<Segment<'a>>,
    tokens: Vec<Token>,
}

/// Paragraphs measured ahead, found again by their inlines (the same slice, by address):
/// a table's cells are measured for their columns' widths and then broken into lines from
/// the same measurement. Sorted by address and searched: cheaper than hashing each one.
pub(super) struct Measures<'a> {
    measured: Vec<((usize, usize), Measured<'a>)>,
}

impl<'a> Measures<'a> {
    /// Measures the paragraphs of `cells`, in lists too, at `size`.
    pub(super) fn of_cells(cells: impl Iterator<Item = &'a [crate::dialect::Block]>, size: f32) -> Measures<'a> {
        let mut measures = Measures { measured: Vec::new() };
        for cell in cells {
            measures.add_blocks(cell, size);
        }
        measures.measured.sort_unstable_by_key(|(key, _)| *key);
        measures
    }

    fn add_blocks(&mut self, blocks: &'a [crate::dialect::Block], size: f32) {
        use crate::dialect::Block;
        for block in blocks {
            match block {
                Block::Paragraph(inlines) => self.measured.push((key(inlines), measure(inlines, size))),
                Block::List(_, items) => items.iter().for_each(|item| self.add_blocks(item, size)),
                _ => {}
            }
        }
    }

    /// The measurement of `inlines`, if it is one of the paragraphs measured.
    pub(super) fn get(&self, inlines: &[Inline]) -> Option<&Measured<'a>> {
        let at = self.measured.binary_search_by_key(&key(inlines), |(key, _)| *key).ok()?;
        Some(&self.measured[at].1)
    }
}

fn key(inlines: &[Inline]) -> (usize, usize) {
    (inlines.as_ptr() as usize, inlines.len())
}

/// Measures `inlines` at `size`.
fn measure(inlines: &[Inline], size: f32) -> Measured<'_> {
    let (segments, tokens) = tokens(inlines, size);
    Measured { segments, tokens }
}

/// Words, spaces and breaks, borrowing the inline text (layout's hot path: no allocation
/// per word).
fn tokens(inlines: &[Inline], size: f32) -> (Vec<Segment<'_>>, Vec<Token>) {
    // Sized once from the text (a word is some five bytes with its space), not grown.
    let words: usize = inlines.iter().map(|i| if let Inline::Text(text, _) = i { text.len() / 5 + 1 } else { 1 }).sum();
    let mut segments = Vec::with_capacity(words);
    let mut tokens = Vec::with_capacity(2 * words);
    let mut word_start = 0;
    let flush = |segments: &Vec<Segment>, tokens: &mut Vec<Token>, word_start: &mut usize| {
        if segments.len() > *word_start {
            tokens.push(Token::Word(*word_start, segments.len()));
            *word_start = segments.len();
        }
    };
    for inline in inlines {
        match inline {
            Inline::Break => {
                flush(&segments, &mut tokens, &mut word_start);
                tokens.push(Token::Break);
            }
            // Drawn as nothing: [`super::flow`] places it with its paragraph's first line.
            Inline::Anchor(_) => {}
            Inline::Text(text, style) => {
                for (i, part) in text.split(' ').enumerate() {
                    if i > 0 {
                        flush(&segments, &mut tokens, &mut word_start);
                        tokens.push(Token::Space(*style));
                    }
                    // A soft hyphen (U+00AD, common in text pasted from Word) is never drawn:
                    // the word is set without it.
                    for part in part.split('\u{ad}').filter(|p| !p.is_empty()) {
                        segments.push(Segment { text: part, style: *style, width: text_width(part, *style, size) });
                    }
                }
            }
        }
    }
    flush(&segments, &mut tokens, &mut word_start);
    (segments, tokens)
}

/// Breaks `inlines` into lines at most `max` points wide (greedy, as readers expect from
/// running text); a word wider than a whole line is broken between characters.
pub(super) fn break_lines(inlines: &[Inline], max: f32, size: f32) -> Vec<Line> {
    measure(inlines, size).break_lines(max, size)
}

/// The narrowest a run can be set (its widest word) and its width on one line.
pub(super) fn min_max_width(inlines: &[Inline], size: f32) -> (f32, f32) {
    measure(inlines, size).min_max_width(size)
}

impl Measured<'_> {
    /// [`break_lines`] of the measured run.
    pub(super) fn break_lines(&self, max: f32, size: f32) -> Vec<Line> {
        let segments = &self.segments;
        // Widths are sums of floats: a word exactly as wide as the measure must still fit.
        let max = max + 0.01;
        let mut lines = Vec::new();
        let mut line = Line::default();
        let mut space: Option<Style> = None;
        for token in &self.tokens {
            match *token {
                Token::Space(style) => space = Some(style),
                Token::Break => {
                    line.ends_between_words = true;
                    lines.push(std::mem::take(&mut line));
                    space = None;
                }
                Token::Word(start, end) => {
                    let word = &segments[start..end];
                    let width: f32 = word.iter().map(|s| s.width).sum();
                    let space = space.take().filter(|_| !line.pieces.is_empty());
                    let space_width = space.map_or(0.0, |style| text_width(" ", style, size));
                    if !line.pieces.is_empty() && line.width + space_width + width > max {
                        line.ends_between_words = space.is_some();
                        lines.push(std::mem::take(&mut line));
                    } else if let Some(style) = space {
                        line.push(" ", style, space_width);
                    }
                    if width > max {
                        place_long_word(word, max, size, &mut line, &mut lines);
                    } else {
                        for segment in word {
                            line.push(segment.text, segment.style, segment.width);
                        }
                    }
                }
            }
        }
        if !line.pieces.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Places a word wider than a line: broken where a web address or path allows (after
/// `/`, `.`, `-`, `?`, `&` or `=`, never inside a number), and between characters only
/// where a piece between such breaks is itself wider than the line.
fn place_long_word(word: &[Segment], max: f32, size: f32, line: &mut Line, lines: &mut Vec<Line>) {
    for segment in word {
        for piece in breakable_pieces(segment.text) {
            let width = text_width(piece, segment.style, size);
            if width <= max {
                if !line.pieces.is_empty() && line.width + width > max {
                    lines.push(std::mem::take(line));
                }
                line.push(piece, segment.style, width);
                continue;
            }
            for (at, c) in piece.char_indices() {
                let c = &piece[at..at + c.len_utf8()];
                let width = text_width(c, segment.style, size);
                if !line.pieces.is_empty() && line.width + width > max {
                    lines.push(std::mem::take(line));
                }
                line.push(c, segment.style, width);
            }
        }
    }
}

/// What a long word (a web address, a path) may break after.
const BREAK_AFTER: [char; 6] = ['/', '.', '-', '?', '&', '='];

/// `text` cut after each place a long word may break.
pub(super) fn breakable_pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut chars = rest.char_indices().peekable();
        let mut previous = None;
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|(_, n)| *n);
            let inside_number =
                previous.is_some_and(|p: char| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
            if BREAK_AFTER.contains(&c) && next.is_some() && !inside_number && next != Some(c) {
                let (piece, tail) = rest.split_at(at + c.len_utf8());
                rest = tail;
                return Some(piece);
            }
            previous = Some(c);
        }
        Some(std::mem::take(&mut rest))
    })
}

impl Measured<'_> {
    /// [`min_max_width`] of the measured run.
    pub(super) fn min_max_width(&self, size: f32) -> (f32, f32) {
        let segments = &self.segments;
        let (mut min, mut max, mut current) = (0.0f32, 0.0f32, 0.0f32);
        for token in &self.tokens {
            match *token {
                Token::Word(start, end) => {
                    let word = &segments[start..end];
                    let w: f32 = word.iter().map(|s| s.width).sum();
                    // A web address or path can break after its slashes and dots, so only its
                    // longest piece sets how narrow its column may be; any other word (a
                    // reference such as RAP-26-014, a decimal) is kept whole where there is room.
                    let narrowest = if word.iter().any(|s| s.text.contains(['/', '@'])) {
                        word.iter()
                            .flat_map(|s| breakable_pieces(s.text).map(|p| text_width(p, s.style, size)))
                            .fold(0.0, f32::max)
                    } else {
                        w
                    };
                    min = min.max(narrowest);
                    current += w;
                }
                Token::Space(style) => current += text_width(" ", style, size),
                Token::Break => {
                    max = max.max(current);
                    current = 0.0;
                }
            }
        }
        (min, max.max(current))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<Inline> {
        vec![Inline::Text(s.into(), Style::REGULAR)]
    }

    #[test]
    fn lines_never_exceed_the_measure_and_keep_every_word() {
        let words = "The failure of CPM1 was again driven by the underlying Performance Measure";
        let lines = break_lines(&text(words), 100.0, 10.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 100.0));
        let joined: Vec<String> = lines.iter().map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect()).collect();
        assert_eq!(joined.join(" "), words);
    }

    #[test]
    fn styles_split_pieces_and_breaks_split_lines() {
        let inlines = vec![
            Inline::Text("a ".into(), Style::REGULAR),
            Inline::Text("bold".into(), Style::BOLD),
            Inline::Break,
            Inline::Text("next".into(), Style::REGULAR),
        ];
        let lines = break_lines(&inlines, 500.0, 10.0);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].pieces.len(), 2);
        assert_eq!(lines[0].pieces[1].text, "bold");
    }

    #[test]
    fn a_long_address_breaks_after_its_separators_never_inside_a_number() {
        let pieces: Vec<&str> = breakable_pieces("https://a.example/x-1.5/v2020-02?a=1&b=2").collect();
        assert_eq!(pieces, ["https://", "a.", "example/", "x-", "1.5/", "v2020-02?", "a=", "1&", "b=", "2"]);
        let url = "https://smartenergycodecompany.co.uk/documents/sec-panel/2020/secp-78-1303-29-annex.pdf";
        let lines = break_lines(&text(url), 150.0, 10.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.width <= 150.01));
        let starts: Vec<&str> = lines.iter().map(|l| l.pieces[0].text.as_str()).collect();
        assert!(starts[1..].iter().all(|s| !s.starts_with(['/', '.'])), "{starts:?}");
        let joined: String = lines.iter().flat_map(|l| l.pieces.iter().map(|p| p.text.as_str())).collect();
        assert_eq!(joined, url);
        let (min, _) = min_max_width(&text(url), 10.0);
        assert!(min < text_width("smartenergycodecompany.", Style::REGULAR, 10.0) + 1.0, "{min}");
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = break_lines(&text("INC000000518930INC000000518930"), 40.0, 10.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.width <= 40.0));
    }
}
