//! The number filters of author text (`thousands`, `fixed`, `percent`, `currency`,
//! `ordinal`), and the names of every filter and function author text may use, for the
//! did-you-mean of an unknown one.
//!
//! A filter takes a number, or text that reads as one (`1,482,913`, `95.4%`): figures typed
//! in YAML as text format as those from a workbook do. A misspelt argument is an error, not
//! a default taken in silence.

use crate::domain::numbers;
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// The filters author text may use: Tera's own (but `indent`) and panelpaper's.
pub(crate) const FILTERS: &[&str] = &[
    // panelpaper's
    "add_working_days",
    "currency",
    "fixed",
    "ordinal",
    "paper_ref",
    "percent",
    "thousands",
    "uk_date",
    // Tera's
    "abs",
    "capitalize",
    "default",
    "escape",
    "escape_html",
    "escape_xml",
    "first",
    "float",
    "get",
    "group_by",
    "int",
    "join",
    "keys",
    "last",
    "length",
    "lower",
    "newlines_to_br",
    "nth",
    "pairs",
    "pluralize",
    "replace",
    "reverse",
    "round",
    "safe",
    "sort",
    "split",
    "str",
    "title",
    "trim",
    "trim_end",
    "trim_start",
    "truncate",
    "unique",
    "upper",
    "values",
    "wordcount",
];

/// The functions author text may call.
pub(crate) const FUNCTIONS: &[&str] = &["paper_ref", "ref", "throw"];

/// The tests of `{% if x is … %}`.
pub(crate) const TESTS: &[&str] = &[
    "array",
    "bool",
    "containing",
    "defined",
    "divisible_by",
    "ending_with",
    "even",
    "float",
    "integer",
    "iterable",
    "map",
    "none",
    "number",
    "odd",
    "starting_with",
    "string",
    "undefined",
];

/// Registers the number filters on `tera`.
pub(super) fn register(tera: &mut Tera) {
    tera.register_filter("thousands", |value: &Value, kwargs: Kwargs, _: &State| {
        allowed(&kwargs, "thousands", &["decimals"])?;
        Ok(numbers::number(figure(value, "thousands")?, decimals(&kwargs)?, true))
    });
    tera.register_filter("fixed", |value: &Value, kwargs: Kwargs, _: &State| {
        allowed(&kwargs, "fixed", &["decimals"])?;
        Ok(numbers::number(figure(value, "fixed")?, Some(decimals(&kwargs)?.unwrap_or(2)), false))
    });
    tera.register_filter("percent", |value: &Value, kwargs: Kwargs, _: &State| {
        allowed(&kwargs, "percent", &["decimals", "of"])?;
        let of = match kwargs.get::<&Value>("of")? {
            Some(of) => figure(of, "percent's `of`")?,
            None => 1.0,
        };
        if !(of.is_finite() && of > 0.0) {
            return Err(tera::Error::message("percent: `of` is the whole the figure is out of, a number above 0"));
        }
        let share = figure(value, "percent")? / of;
        Ok(numbers::percent(share, Some(decimals(&kwargs)?.unwrap_or(2))))
    });
    tera.register_filter("currency", |value: &Value, kwargs: Kwargs, _: &State| {
        allowed(&kwargs, "currency", &["symbol", "decimals"])?;
        let amount = figure(value, "currency")?;
        let symbol = kwargs.get::<String>("symbol")?.unwrap_or_else(|| "£".into());
        // Whole amounts print without pence unless decimals are asked for.
        let places = decimals(&kwargs)?.unwrap_or(if amount.fract() == 0.0 { 0 } else { 2 });
        Ok(numbers::currency(amount, &symbol, places))
    });
    tera.register_filter("ordinal", |value: &Value, kwargs: Kwargs, _: &State| {
        allowed(&kwargs, "ordinal", &[])?;
        let n = figure(value, "ordinal")?;
        if n.fract() != 0.0 || n.abs() > 1e15 {
            return Err(tera::Error::message(format!("ordinal: `{}` is not a whole number", show(value))));
        }
        Ok(numbers::ordinal(n as i64))
    });
}

/// A filter's input as a number: a number, or text that reads as a figure.
fn figure(value: &Value, filter: &str) -> TeraResult<f64> {
    if let Some(n) = value.as_f64().filter(|_| value.is_number()) {
        return Ok(n);
    }
    value
        .as_str()
        .and_then(numbers::parse_figure)
        .map(|f| f.value)
        .ok_or_else(|| tera::Error::message(format!("{filter}: `{}` is not a number", show(value))))
}

/// A value as a message shows it (an undefined value says so).
fn show(value: &Value) -> String {
    if value.is_undefined() { "undefined".into() } else { value.to_string() }
}

/// The `decimals` argument: a whole number from 0 to 20.
fn decimals(kwargs: &Kwargs) -> TeraResult<Option<usize>> {
    match kwargs.get::<i64>("decimals")? {
        None => Ok(None),
        Some(n) if (0..=numbers::MAX_PLACES as i64).contains(&n) => Ok(Some(n as usize)),
        Some(n) => Err(tera::Error::message(format!("decimals={n}: give 0 to {}", numbers::MAX_PLACES))),
    }
}

/// Refuses an argument the filter does not take (a misspelt `decimals` would otherwise be
/// ignored).
fn allowed(kwargs: &Kwargs, filter: &str, names: &[&str]) -> TeraResult<()> {
    for (key, _) in kwargs.iter() {
        let key = key.to_string();
        if !names.contains(&key.as_str()) {
            let takes = if names.is_empty() {
                "takes no arguments".to_string()
            } else {
                format!("takes {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and "))
            };
            return Err(tera::Error::message(format!("{filter} has no argument `{key}`: it {takes}")));
        }
    }
    Ok(())
}

/// Where an unknown filter, function or test named in `message` (Tera's "Unknown filter
/// `x`") is used in `text`: its byte offset, its name and what it is.
pub(super) fn unknown_name<'m>(message: &'m str, text: &str) -> Option<(usize, &'m str, &'static str)> {
    let (what, before): (&str, &[char]) = if message.contains("Unknown filter `") {
        ("filter", &['|'])
    } else if message.contains("Unknown function `") {
        ("function", &['{', '(', ' ', ',', '=', '|', '['])
    } else if message.contains("Unknown test `") {
        ("test", &[' '])
    } else {
        return None;
    };
    let start = message.find(&format!("Unknown {what} `"))? + what.len() + 10;
    let name = &message[start..start + message[start..].find('`')?];
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let offset = text.match_indices(name).map(|(at, _)| at).find(|&at| {
        let after_ok = !text[at + name.len()..].starts_with(ident);
        let head = text[..at].trim_end();
        let before_ok = head.ends_with(before) || (what == "test" && head.ends_with(" is"));
        after_ok && before_ok && !text[..at].ends_with(ident)
    })?;
    Some((offset, name, what))
}

/// The names of `what` (filter, function, test) author text may use.
pub(super) fn names_of(what: &str) -> &'static [&'static str] {
    match what {
        "filter" => FILTERS,
        "function" => FUNCTIONS,
        _ => TESTS,
    }
}
