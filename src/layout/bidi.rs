//! Right-to-left text on a line: the line's runs put in the order they are seen (Unicode's
//! bidirectional algorithm, the unicode-bidi crate), so that Arabic and Hebrew read right to
//! left inside a line of English and a paragraph that starts in them runs from the right.
//!
//! Lines are broken in the text's own order; only a line holding a right-to-left letter is
//! reordered here (the shaper then draws each right-to-left piece last letter first).

use super::fonts::text_width;
use super::lines::{Line, Piece};
use unicode_bidi::{BidiInfo, Level};

/// A paragraph's lines in visual order, when any holds a right-to-left letter (checked
/// without allocating: most paragraphs have none), each `width` wide at most.
pub(super) fn reorder(lines: Vec<Line>, width: f32, size: f32) -> Vec<Line> {
    if !lines.iter().any(|l| l.pieces.iter().any(|p| crate::fonts::shape::may_be_rtl(&p.text))) {
        return lines;
    }
    let rtl = paragraph_is_rtl(&lines);
    lines.into_iter().map(|line| visual(line, rtl, width, size)).collect()
}

/// Whether a paragraph's text runs right to left: its first strong letter is (Unicode's
/// rule P2), as a paragraph written in Arabic or Hebrew does.
fn paragraph_is_rtl(lines: &[Line]) -> bool {
    let text: String = lines.iter().flat_map(|l| l.pieces.iter().map(|p| p.text.as_str())).collect();
    crate::fonts::shape::is_rtl(&text)
        && unicode_bidi::get_base_direction(text.as_str()) == unicode_bidi::Direction::Rtl
}

/// `line` with its pieces in visual order, split where the direction changes, laid out
/// from `dx` 0 (or from the right of `width` in a right-to-left paragraph).
fn visual(line: Line, rtl: bool, width: f32, size: f32) -> Line {
    let text: String = line.pieces.iter().map(|p| p.text.as_str()).collect();
    if !rtl && !crate::fonts::shape::is_rtl(&text) {
        return line;
    }
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(&text, Some(level));
    let Some(paragraph) = info.paragraphs.first() else { return line };
    let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
    // Where each piece starts in the line's text.
    let mut starts = Vec::with_capacity(line.pieces.len());
    let mut at = 0;
    for piece in &line.pieces {
        starts.push(at);
        at += piece.text.len();
    }
    let mut pieces: Vec<Piece> = Vec::with_capacity(line.pieces.len() + 2);
    let mut dx = 0.0;
    for run in runs {
        let mut parts: Vec<Piece> = Vec::new();
        for (piece, &start) in line.pieces.iter().zip(&starts) {
            let (from, to) = (run.start.max(start), run.end.min(start + piece.text.len()));
            if from >= to {
                continue;
            }
            let part = &piece.text[from - start..to - start];
            let whole = part.len() == piece.text.len();
            let width = if whole { piece.width } else { text_width(part, piece.style, size) };
            parts.push(Piece { dx: 0.0, width, text: part.to_string(), style: piece.style });
        }
        // A right-to-left run's pieces are seen last first.
        if levels[run.start].is_rtl() {
            parts.reverse();
        }
        for mut part in parts {
            part.dx = dx;
            dx += part.width;
            pieces.push(part);
        }
    }
    let shift = if rtl { (width - dx).max(0.0) } else { 0.0 };
    for piece in &mut pieces {
        piece.dx += shift;
    }
    Line { width: dx, pieces, ends_between_words: line.ends_between_words }
}
