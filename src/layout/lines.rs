//! Line breaking: inline runs into lines no wider than a measure, by real glyph widths.

use super::document::Inline;
use super::fonts::{Style, text_width};

/// A run of text on a line, `dx` from the line's start.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
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
pub struct Line {
    /// Total width.
    pub width: f32,
    /// Its runs, left to right.
    pub pieces: Vec<Piece>,
}

impl Line {
    fn push(&mut self, text: &str, style: Style, size: f32) {
        let width = text_width(text, style, size);
        match self.pieces.last_mut() {
            Some(last) if last.style == style => {
                last.text.push_str(text);
                last.width += width;
            }
            _ => self.pieces.push(Piece { dx: self.width, width, text: text.to_string(), style }),
        }
        self.width += width;
    }
}

enum Token {
    Word(Vec<(String, Style)>),
    Space(Style),
    Break,
}

fn tokens(inlines: &[Inline]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word: Vec<(String, Style)> = Vec::new();
    let flush = |word: &mut Vec<(String, Style)>, out: &mut Vec<Token>| {
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(word)));
        }
    };
    for inline in inlines {
        match inline {
            Inline::Break => {
                flush(&mut word, &mut out);
                out.push(Token::Break);
            }
            Inline::Text(text, style) => {
                for (i, part) in text.split(' ').enumerate() {
                    if i > 0 {
                        flush(&mut word, &mut out);
                        out.push(Token::Space(*style));
                    }
                    if !part.is_empty() {
                        word.push((part.to_string(), *style));
                    }
                }
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

fn word_width(word: &[(String, Style)], size: f32) -> f32 {
    word.iter().map(|(t, s)| text_width(t, *s, size)).sum()
}

/// Breaks `inlines` into lines at most `max` points wide (greedy, as readers expect from
/// running text); a word wider than a whole line is broken between characters.
pub fn break_lines(inlines: &[Inline], max: f32, size: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut space: Option<Style> = None;
    for token in tokens(inlines) {
        match token {
            Token::Space(style) => space = Some(style),
            Token::Break => {
                lines.push(std::mem::take(&mut line));
                space = None;
            }
            Token::Word(word) => {
                let width = word_width(&word, size);
                let space_width = match space {
                    Some(style) if !line.pieces.is_empty() => text_width(" ", style, size),
                    _ => 0.0,
                };
                if !line.pieces.is_empty() && line.width + space_width + width > max {
                    lines.push(std::mem::take(&mut line));
                } else if let Some(style) = space.filter(|_| !line.pieces.is_empty()) {
                    line.push(" ", style, size);
                }
                space = None;
                if width > max {
                    place_long_word(&word, max, size, &mut line, &mut lines);
                } else {
                    for (text, style) in &word {
                        line.push(text, *style, size);
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

fn place_long_word(word: &[(String, Style)], max: f32, size: f32, line: &mut Line, lines: &mut Vec<Line>) {
    for (text, style) in word {
        for c in text.chars() {
            let mut buffer = [0u8; 4];
            let c = c.encode_utf8(&mut buffer);
            if !line.pieces.is_empty() && line.width + text_width(c, *style, size) > max {
                lines.push(std::mem::take(line));
            }
            line.push(c, *style, size);
        }
    }
}

/// The narrowest a run can be set (its widest word) and its width on one line.
pub fn min_max_width(inlines: &[Inline], size: f32) -> (f32, f32) {
    let (mut min, mut max, mut current) = (0.0f32, 0.0f32, 0.0f32);
    for token in tokens(inlines) {
        match token {
            Token::Word(word) => {
                let w = word_width(&word, size);
                min = min.max(w);
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
    fn a_word_wider_than_the_line_is_cut() {
        let lines = break_lines(&text("INC000000518930INC000000518930"), 40.0, 10.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.width <= 40.0));
    }
}
