//! A cell's value, typed: text, a number (with how the sheet shows it: a percentage, its
//! decimals, thousands grouped, a currency sign), a date, a yes or no, nothing; or what
//! cannot be used (an error the workbook holds, a formula never calculated).

use crate::domain::{dates, numbers};
use chrono::{NaiveDate, NaiveDateTime};

/// How a sheet shows a number, as far as it matters to a paper.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NumberStyle {
    /// Shown as a percentage (the cell holds the fraction).
    pub percent: bool,
    /// Decimal places shown, when the format fixes them.
    pub places: Option<usize>,
    /// Thousands grouped with commas.
    pub thousands: bool,
    /// Literal text the format sets before the digits: a currency sign (`£`), `(`.
    pub prefix: String,
    /// Literal text the format sets after them: a unit (` kWh`), `)`, `k`.
    pub suffix: String,
    /// Divided by 1,000 for each comma after the last digit (`#,##0,"k"`).
    pub scale: i32,
    /// The section is text only (a zero shown as `"zero"`): the literals, no digits.
    pub literal: bool,
    /// How a negative number is shown, when the format says (`(#,##0)`): its literals
    /// carry the sign.
    pub negative: Option<Box<NumberStyle>>,
    /// How zero is shown, when the format says.
    pub zero: Option<Box<NumberStyle>>,
    /// A date format without a time of day (`dd/mm/yyyy`).
    pub date_only: bool,
    /// A time format without a date (`hh:mm`).
    pub time_only: bool,
    /// Elapsed time (`[h]:mm`): hours counted past a day.
    pub elapsed: bool,
    /// The text the sheet shows, where the file writes it beside the value (an ODS).
    pub text: Option<String>,
}

impl NumberStyle {
    /// The style of an Excel number format code (`#,##0.00`, `0.0%`, `"£"#,##0`,
    /// `[$€-1809]#,##0`, `#,##0;(#,##0);"nil"`, `#,##0.0 "kWh"`); `General`, and codes whose
    /// digits it does not reproduce (fractions, exponents), show the number plain, never
    /// rounded as they are not.
    pub fn of_format(code: &str) -> NumberStyle {
        let sections = split_sections(code);
        let mut style = section(sections.first().map_or("", String::as_str));
        if let Some(negative) = sections.get(1) {
            style.negative = Some(Box::new(section(negative)));
        }
        if let Some(zero) = sections.get(2) {
            style.zero = Some(Box::new(section(zero)));
        }
        style
    }

    /// `n` as this style shows it.
    pub fn show(&self, n: f64) -> String {
        if n < 0.0
            && let Some(negative) = &self.negative
        {
            return negative.magnitude(-n);
        }
        if n == 0.0
            && let Some(zero) = &self.zero
        {
            return zero.magnitude(0.0);
        }
        let text = self.magnitude(n.abs());
        let sign = if n < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) { "-" } else { "" };
        format!("{sign}{text}")
    }

    /// `n` (not negative) with this style's digits and literals.
    fn magnitude(&self, n: f64) -> String {
        if self.literal {
            return format!("{}{}", self.prefix, self.suffix);
        }
        let n = n / 1000f64.powi(self.scale);
        let digits = match self.percent {
            true => numbers::percent(n, self.places),
            false => numbers::number(n, self.places, self.thousands),
        };
        format!("{}{digits}{}", self.prefix, self.suffix)
    }
}

/// A format code's sections, split at `;` outside quotes.
fn split_sections(code: &str) -> Vec<String> {
    let mut sections = vec![String::new()];
    let (mut quoted, mut escaped) = (false, false);
    for c in code.chars() {
        match c {
            ';' if !quoted && !escaped => sections.push(String::new()),
            _ => sections.last_mut().expect("one section").push(c),
        }
        escaped = !escaped && c == '\\';
        if c == '"' && !escaped {
            quoted = !quoted;
        }
    }
    sections
}

/// One section of a format code: its placeholders, literals and date or time tokens.
fn section(code: &str) -> NumberStyle {
    let mut style = NumberStyle::default();
    let mut plain = String::new();
    let (mut before, mut after) = (String::new(), String::new());
    let mut literal = |text: &str, plain: &str| {
        if plain.contains(['0', '#', '?']) { after.push_str(text) } else { before.push_str(text) }
    };
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let quoted: String = chars.by_ref().take_while(|c| *c != '"').collect();
                literal(&quoted, &plain);
            }
            '[' => {
                let block: String = chars.by_ref().take_while(|c| *c != ']').collect();
                if let Some(currency) = block.strip_prefix('$') {
                    literal(currency.split('-').next().unwrap_or_default(), &plain);
                } else if block.chars().all(|c| matches!(c.to_ascii_lowercase(), 'h' | 'm' | 's')) && !block.is_empty()
                {
                    style.elapsed = true;
                }
            }
            '\\' => {
                if let Some(next) = chars.next() {
                    literal(&next.to_string(), &plain);
                }
            }
            // A space as wide as the next character, or the next repeated to fill: neither
            // is text a paper shows.
            '_' | '*' => {
                chars.next();
            }
            '£' | '€' | '$' | '¥' | '(' | ')' | '-' | '+' | ' ' => literal(&c.to_string(), &plain),
            _ => plain.push(c),
        }
    }
    let lower = plain.to_ascii_lowercase();
    let date = lower.contains(['d', 'y']);
    let time = lower.contains(['h', 's']) || lower.contains("am/pm");
    style.date_only = date && !time;
    style.time_only = time && !date;
    if !plain.contains(['0', '#', '?']) || plain.contains(['/', 'E', 'e']) {
        // General, text (`@`), a date, a fraction or an exponent: the number plain; a
        // section of literals only shows them.
        let literal_only = !before.is_empty() && !lower.contains("general") && !plain.contains('@');
        return NumberStyle { literal: literal_only, prefix: before, ..style_of_dates(&style) };
    }
    style.percent = plain.contains('%');
    let digits = plain.trim_end_matches('%');
    style.scale = (digits.len() - digits.trim_end_matches(',').len()) as i32;
    let digits = digits.trim_end_matches(',');
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    style.thousands = whole.contains(',');
    let places = fraction.chars().take_while(|c| matches!(c, '0' | '#' | '?')).count();
    // `0.0#` shows one to two places: the fixed ones are the zeros.
    let fixed = fraction.chars().take_while(|c| *c == '0').count();
    style.places = Some(if places == fixed { places } else { fixed });
    style.prefix = before;
    style.suffix = after;
    style
}

/// Only what a style says of dates and times.
fn style_of_dates(style: &NumberStyle) -> NumberStyle {
    NumberStyle {
        date_only: style.date_only,
        time_only: style.time_only,
        elapsed: style.elapsed,
        ..NumberStyle::default()
    }
}

/// Days as elapsed hours and minutes, `36:00` for a day and a half.
pub(super) fn elapsed(days: f64) -> String {
    let minutes = (days.abs() * 1440.0).round() as i64;
    let sign = if days < 0.0 && minutes > 0 { "-" } else { "" };
    format!("{sign}{}:{:02}", minutes / 60, minutes % 60)
}

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Nothing.
    Empty,
    /// Text, as the cell holds it (line breaks kept).
    Text(String),
    /// A number, and how the sheet shows it.
    Number(f64, NumberStyle),
    /// A date (an Excel serial date shown as a date, an ODS date, an ISO or UK date in a CSV).
    Date(NaiveDate),
    /// A date and time.
    DateTime(NaiveDateTime),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error the workbook holds (`#DIV/0!`, `#REF!`).
    Error(String),
    /// A formula whose value the workbook does not hold (saved without calculating).
    Uncached,
}

impl Value {
    /// The value of a CSV field: a number as written (`1,482,913`, `95.4%`), a date (ISO or
    /// UK `31/01/2020`), TRUE or FALSE, or text.
    pub fn of_text(text: &str) -> Value {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Value::Empty;
        }
        if let Some(figure) = numbers::parse_figure(trimmed) {
            let style = NumberStyle {
                percent: figure.percent,
                places: Some(figure.places),
                thousands: figure.thousands,
                ..NumberStyle::default()
            };
            return Value::Number(figure.value, style);
        }
        if let Some(date) = dates::parse_iso(trimmed).or_else(|| NaiveDate::parse_from_str(trimmed, "%d/%m/%Y").ok()) {
            return Value::Date(date);
        }
        match trimmed.to_ascii_uppercase().as_str() {
            "TRUE" => Value::Bool(true),
            "FALSE" => Value::Bool(false),
            _ => Value::Text(text.replace("\r\n", "\n")),
        }
    }

    /// A date and time, a date when it has no time of day.
    pub fn of_datetime(at: NaiveDateTime) -> Value {
        if at.time() == chrono::NaiveTime::MIN { Value::Date(at.date()) } else { Value::DateTime(at) }
    }

    /// An ISO date or date and time (`2020-01-31`, `2020-01-31T09:30:00`), as ODS writes them.
    pub fn of_iso(text: &str) -> Value {
        if let Some(date) = dates::parse_iso(text) {
            return Value::Date(date);
        }
        match NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S%.f") {
            Ok(at) => Value::of_datetime(at),
            Err(_) => Value::Text(text.to_string()),
        }
    }

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty) || matches!(self, Value::Text(t) if t.trim().is_empty())
    }

    /// The value as a paper prints it in an annex cell: what the sheet shows (a percentage,
    /// its decimals, thousands, a currency sign), a date in UK long form.
    pub fn shown(&self) -> String {
        match self {
            Value::Empty | Value::Error(_) | Value::Uncached => String::new(),
            Value::Text(text) => text.clone(),
            Value::Number(_, NumberStyle { text: Some(text), .. }) => text.clone(),
            Value::Number(n, style) => style.show(*n),
            Value::Date(date) => dates::uk_long_bound(*date),
            Value::DateTime(at) => format!("{} {}", dates::uk_long_bound(at.date()), at.format("%H:%M")),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        }
    }

    /// The value as author text sees it: a number as a number (a percentage as its
    /// fraction), a date as ISO text (for `uk_date`), TRUE or FALSE as a boolean.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Empty | Value::Error(_) | Value::Uncached => serde_json::Value::String(String::new()),
            Value::Text(text) => serde_json::Value::String(text.clone()),
            Value::Number(n, _) => number_json(*n),
            Value::Date(date) => serde_json::Value::String(date.to_string()),
            Value::DateTime(at) => serde_json::Value::String(at.format("%Y-%m-%dT%H:%M:%S").to_string()),
            Value::Bool(b) => serde_json::Value::Bool(*b),
        }
    }

    /// The text a `where` or a look-up compares with a YAML value written as text.
    pub fn compared(&self) -> String {
        match self {
            Value::Date(date) => date.to_string(),
            Value::Number(n, _) => numbers::number(*n, None, false),
            other => other.shown().trim().to_string(),
        }
    }
}

/// A number as JSON: a whole number as an integer (so that it prints `16250`, not
/// `16250.0`), to 15 significant digits.
fn number_json(n: f64) -> serde_json::Value {
    let n: f64 = numbers::number(n, None, false).parse().unwrap_or(n);
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_shown_as_its_format_says() {
        let shown = |n: f64, code: &str| Value::Number(n, NumberStyle::of_format(code)).shown();
        assert_eq!(shown(0.954, "0.00%"), "95.40%");
        assert_eq!(shown(0.954, "0%"), "95%");
        assert_eq!(shown(1482913.0, "#,##0"), "1,482,913");
        assert_eq!(shown(18400.0, "\"£\"#,##0"), "£18,400");
        assert_eq!(shown(1200.5, "[$€-1809]#,##0.00"), "€1,200.50");
        assert_eq!(shown(-1200.0, "£#,##0;[Red]-£#,##0"), "-£1,200");
        assert_eq!(shown(16250.0, "General"), "16250");
        assert_eq!(shown(0.1 + 0.2, "General"), "0.3");
        assert_eq!(shown(12.5, "0.0#"), "12.5");
        assert_eq!(shown(3.0, "@"), "3");
        // Literals, scaling, the negative and zero sections; digits it does not reproduce
        // (a fraction, an exponent) shown plain rather than rounded.
        assert_eq!(shown(1234.565, "#,##0.00 \"kWh\""), "1,234.57 kWh");
        assert_eq!(shown(1234567.0, "#,##0,\"k\""), "1,235k");
        assert_eq!(shown(-1234.5, "#,##0;(#,##0)"), "(1,235)");
        assert_eq!(shown(1234.5, "#,##0;(#,##0)"), "1,235");
        assert_eq!(shown(0.0, "0;-0;\"zero\""), "zero");
        assert_eq!(shown(-3.0, "0;-0;\"zero\""), "-3");
        assert_eq!(shown(1.5, "# ?/?"), "1.5");
        assert_eq!(shown(12345.0, "0.00E+00"), "12345");
        assert_eq!(shown(1200.0, "#,##0 €"), "1,200 €");
        assert_eq!(shown(0.5, "0.0%;(0.0%)"), "50.0%");
        assert_eq!(elapsed(1.5), "36:00");
    }

    #[test]
    fn csv_text_is_typed_as_written() {
        assert_eq!(Value::of_text("1,482,913").shown(), "1,482,913");
        assert_eq!(Value::of_text("95.4%").to_json(), serde_json::json!(0.954));
        assert_eq!(Value::of_text("12.50").shown(), "12.50");
        assert_eq!(Value::of_text("31/01/2020"), Value::Date(NaiveDate::from_ymd_opt(2020, 1, 31).unwrap()));
        assert_eq!(Value::of_text("2020-01-31").shown(), "31\u{a0}January 2020");
        assert_eq!(Value::of_text("true"), Value::Bool(true));
        assert_eq!(Value::of_text("  "), Value::Empty);
        assert_eq!(Value::of_text("Café\r\nnext"), Value::Text("Café\nnext".into()));
        assert_eq!(Value::of_text("16250").to_json(), serde_json::json!(16250));
    }
}
