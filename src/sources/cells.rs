//! Cell references as a spreadsheet writes them: `C7` (column C, row 7), ranges `A1:F14`
//! and whole columns `A:F`; zero-based `(row, column)` inside.

/// The last row and column a workbook can have (Excel's: 1,048,576 rows, XFD).
pub(super) const MAX_ROW: u32 = 1_048_575;
/// See [`MAX_ROW`].
pub(super) const MAX_COLUMN: u32 = 16_383;

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_name(mut column: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// The column of letters `AB` (any case), if within a workbook.
pub(super) fn column_of(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let n = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1) - 1;
    (n <= MAX_COLUMN).then_some(n)
}

/// `C7` → `(6, 2)`; `$C$7` too.
pub fn parse_cell(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().replace('$', "");
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    let column = column_of(letters)?;
    if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    (1..=MAX_ROW + 1).contains(&row).then_some((row - 1, column))
}

/// `(6, 2)` → `C7`.
pub fn cell_name((row, column): (u32, u32)) -> String {
    format!("{}{}", column_name(column), row + 1)
}

/// A rectangle of cells, both corners included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Top left.
    pub start: (u32, u32),
    /// Bottom right.
    pub end: (u32, u32),
}

impl Range {
    /// Every cell of a sheet.
    pub const ALL: Range = Range { start: (0, 0), end: (MAX_ROW, MAX_COLUMN) };

    /// `A1:F14`, `B3` (one cell) or `A:F` (whole columns); corners in either order.
    pub fn parse(text: &str) -> Option<Range> {
        let (a, b) = text.split_once(':').unwrap_or((text, text));
        let corner = |t: &str, end: bool| {
            parse_cell(t)
                .or_else(|| column_of(t.trim().trim_start_matches('$')).map(|c| (if end { MAX_ROW } else { 0 }, c)))
        };
        let (a, b) = (corner(a, false)?, corner(b, true)?);
        // `A:F` is whole columns; `A1:F` is not a range.
        let whole = |t: &str| column_of(t.trim().trim_start_matches('$')).is_some();
        if whole(text.split(':').next().unwrap_or_default()) != whole(text.split(':').nth(1).unwrap_or(text)) {
            return None;
        }
        Some(Range { start: (a.0.min(b.0), a.1.min(b.1)), end: (a.0.max(b.0), a.1.max(b.1)) })
    }

    /// Whether `(row, column)` is inside.
    pub fn contains(&self, (row, column): (u32, u32)) -> bool {
        (self.start.0..=self.end.0).contains(&row) && (self.start.1..=self.end.1).contains(&column)
    }
}

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            f.write_str(&cell_name(self.start))
        } else {
            write!(f, "{}:{}", cell_name(self.start), cell_name(self.end))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_and_write_as_a_spreadsheet_does() {
        assert_eq!(parse_cell("C7"), Some((6, 2)));
        assert_eq!(parse_cell("$aa$10"), Some((9, 26)));
        assert_eq!(parse_cell("XFD1048576"), Some((MAX_ROW, MAX_COLUMN)));
        for bad in ["C0", "7C", "C", "XFE1", "C1048577", "C07", "C-1", ""] {
            assert_eq!(parse_cell(bad), None, "{bad}");
        }
        assert_eq!(cell_name((6, 2)), "C7");
        assert_eq!([0, 25, 26, 701, 702, MAX_COLUMN].map(column_name), ["A", "Z", "AA", "ZZ", "AAA", "XFD"]);
        assert_eq!(Range::parse("F14:A1"), Some(Range { start: (0, 0), end: (13, 5) }));
        assert_eq!(Range::parse("A:F").map(|r| r.end), Some((MAX_ROW, 5)));
        assert_eq!(Range::parse("A1:F"), None);
        assert_eq!(Range::parse("B3").unwrap().to_string(), "B3");
    }
}
