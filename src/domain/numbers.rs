//! Figures as a paper prints them: `1,482,913`, `95.40%`, `£18,400`, `22nd`.
//!
//! A figure is rounded as it is written, not as binary floating point holds it: 2.675 to
//! two places is 2.68 (the double nearest 2.675 is a hair below it), and a sum a workbook
//! cached as 0.30000000000000004 reads 0.3. The value's shortest decimal form (what Excel
//! and Rust print) is taken to 15 significant digits, Excel's own precision, then rounded
//! half away from zero.

/// A finite number as decimal digits: `digits` × 10^(`point` − `digits.len()`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    /// Significant digits, no leading zero (empty for zero).
    digits: Vec<u8>,
    /// How many of `digits` come before the decimal point (negative: zeros after it).
    point: i32,
}

/// Excel's precision: digits past the 15th are noise of binary floating point.
const SIGNIFICANT: i32 = 15;

impl Decimal {
    fn of(value: f64) -> Decimal {
        // `{:e}` is the shortest form that reads back as the same double: `9.54e-1`.
        let text = format!("{:e}", value.abs());
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let exponent: i32 = exponent.parse().unwrap_or(0);
        let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect();
        let mut decimal = Decimal { negative: value < 0.0, digits, point: exponent + 1 };
        decimal.keep(SIGNIFICANT);
        decimal
    }

    /// Rounds half away from zero to `count` significant digits (`count` ≤ 0: to zero, or
    /// to a 1 in the place before the first digit).
    fn keep(&mut self, count: i32) {
        if count < 0 {
            self.digits.clear();
        } else if (count as usize) < self.digits.len() {
            let up = self.digits[count as usize] >= 5;
            self.digits.truncate(count as usize);
            if up {
                let mut carry = true;
                for digit in self.digits.iter_mut().rev() {
                    *digit += 1;
                    if *digit < 10 {
                        carry = false;
                        break;
                    }
                    *digit = 0;
                }
                if carry {
                    self.digits.insert(0, 1);
                    self.point += 1;
                }
            }
        }
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.negative = false;
        }
    }

    /// Rounded to `places` decimal places.
    fn round(mut self, places: i32) -> Decimal {
        self.keep(self.point + places);
        self
    }

    /// The digits before the point, and after it (at least `places` of them, more only
    /// when `places` is `None` and the number has them).
    fn write(&self, places: Option<usize>, separator: Option<char>) -> String {
        let digit = |i: i32| -> char {
            if i >= 0 && (i as usize) < self.digits.len() { char::from(b'0' + self.digits[i as usize]) } else { '0' }
        };
        let whole: String = (0..self.point.max(1)).map(|i| digit(i - (self.point.max(1) - self.point))).collect();
        let mut out = String::new();
        if self.negative {
            out.push('-');
        }
        for (i, c) in whole.chars().enumerate() {
            if let Some(separator) = separator
                && i > 0
                && (whole.len() - i).is_multiple_of(3)
            {
                out.push(separator);
            }
            out.push(c);
        }
        let fraction_digits = (self.digits.len() as i32 - self.point).max(0) as usize;
        let count = places.unwrap_or(fraction_digits);
        if count > 0 {
            out.push('.');
            out.extend((0..count as i32).map(|i| digit(self.point + i)));
        }
        out
    }
}

/// The most decimal places a figure is given (a double has 17 significant digits).
pub const MAX_PLACES: usize = 20;

/// `value` with `places` decimals (all it has when `None`), grouped in thousands with commas
/// when `thousands`: `number(1482913.0, Some(0), true)` is `1,482,913`.
pub fn number(value: f64, places: Option<usize>, thousands: bool) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN".into()
        } else if value > 0.0 {
            "∞".into()
        } else {
            "-∞".into()
        };
    }
    let mut decimal = Decimal::of(value);
    if let Some(places) = places {
        decimal = decimal.round(places.min(MAX_PLACES) as i32);
    }
    decimal.write(places.map(|p| p.min(MAX_PLACES)), thousands.then_some(','))
}

/// A fraction as a percentage with `places` decimals: `percent(0.954, 2)` is `95.40%`.
pub fn percent(fraction: f64, places: Option<usize>) -> String {
    // Scaled in decimal, so that 0.954 is exactly 95.4.
    let mut decimal = Decimal::of(fraction);
    decimal.point += 2;
    let decimal = match places {
        Some(places) => decimal.round(places.min(MAX_PLACES) as i32),
        None => decimal,
    };
    format!("{}%", decimal.write(places.map(|p| p.min(MAX_PLACES)), None))
}

/// An amount of money: `currency(18400.0, "£", 0)` is `£18,400`, `-£1,200.50` below zero.
pub fn currency(value: f64, symbol: &str, places: usize) -> String {
    let text = number(value.abs(), Some(places), true);
    let sign = if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) { "-" } else { "" };
    format!("{sign}{symbol}{text}")
}

/// An ordinal: `1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`, `101st`, `111th`.
pub fn ordinal(n: i64) -> String {
    let suffix = match (n.unsigned_abs() % 10, n.unsigned_abs() % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A figure read from text as a person or a CSV file writes it: `1482913`, `1,482,913`,
/// `-12.50`, `95.4%` (a percentage, read as the fraction 0.954).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// The number (a percentage's fraction).
    pub value: f64,
    /// Whether it was written as a percentage.
    pub percent: bool,
    /// The decimal places written.
    pub places: usize,
    /// Whether it was grouped in thousands.
    pub thousands: bool,
}

/// Reads `text` as a [`Figure`]; `None` when it is not one (words, a date, an empty text).
pub fn parse_figure(text: &str) -> Option<Figure> {
    let text = text.trim();
    let (body, percent) = match text.strip_suffix('%') {
        Some(body) => (body.trim_end(), true),
        None => (text, false),
    };
    let unsigned = body.strip_prefix(['-', '+']).unwrap_or(body);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() > 1;
    let well_grouped =
        !grouped || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !well_grouped
        || !groups.iter().all(|g| digits(g))
        || !digits(fraction)
        || (whole.is_empty() && unsigned.starts_with(','))
    {
        return None;
    }
    let plain: String = body.chars().filter(|c| *c != ',').collect();
    // A percentage is scaled in decimal (`95.4e-2`), so that 95.4% is the double nearest 0.954.
    let value: f64 = if percent { format!("{plain}e-2").parse().ok()? } else { plain.parse().ok()? };
    Some(Figure { value, percent, places: fraction.len(), thousands: grouped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_round_as_written_half_away_from_zero() {
        assert_eq!(number(1482913.0, Some(0), true), "1,482,913");
        assert_eq!(number(2.675, Some(2), false), "2.68");
        assert_eq!(number(-2.5, Some(0), false), "-3");
        assert_eq!(number(0.1 + 0.2, None, false), "0.3");
        assert_eq!(number(999.996, Some(2), true), "1,000.00");
        assert_eq!(number(0.000123, None, false), "0.000123");
        assert_eq!(number(1e21, None, true), "1,000,000,000,000,000,000,000");
        assert_eq!(number(-0.001, Some(2), false), "0.00");
        assert_eq!(number(12.0, Some(2), false), "12.00");
        assert_eq!(number(0.0, None, false), "0");
        assert_eq!(number(123.0, None, true), "123");
        assert_eq!(number(1234.5, None, true), "1,234.5");
    }

    #[test]
    fn percentages_currency_and_ordinals() {
        assert_eq!(percent(0.954, Some(2)), "95.40%");
        assert_eq!(percent(0.9833, Some(2)), "98.33%");
        assert_eq!(percent(0.27, Some(0)), "27%");
        assert_eq!(percent(0.00125, None), "0.125%");
        assert_eq!(currency(18400.0, "£", 0), "£18,400");
        assert_eq!(currency(1200.0, "€", 0), "€1,200");
        assert_eq!(currency(-1200.5, "£", 2), "-£1,200.50");
        assert_eq!(currency(-0.001, "£", 2), "£0.00");
        let ordinals: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 0, -1].map(ordinal).into();
        assert_eq!(
            ordinals,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th",
                "0th", "-1st"
            ]
        );
    }

    #[test]
    fn figures_are_read_as_written() {
        let read = |t: &str| parse_figure(t).map(|f| (f.value, f.percent, f.places, f.thousands));
        assert_eq!(read("1,482,913"), Some((1482913.0, false, 0, true)));
        assert_eq!(read("95.4%"), Some((0.954, true, 1, false)));
        assert_eq!(read(" -12.50 "), Some((-12.5, false, 2, false)));
        assert_eq!(read(".5"), Some((0.5, false, 1, false)));
        for bad in ["", "1,23", "12,3456", "1.2.3", "twelve", "2020-01-31", "%", ",123", "1e5", "£5", "-"] {
            assert_eq!(read(bad), None, "{bad}");
        }
    }
}
