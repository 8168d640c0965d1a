//! Checks of single fields shared by papers and meeting manifests: each parses a value or
//! records why it cannot, at the field's line.

use crate::diagnostic::{Diagnostics, Kind, suggest};
use crate::domain::{Classification, dates, is_committee_code};
use crate::load::Loaded;
use chrono::NaiveDate;

/// An ISO date, or a problem.
pub(crate) fn date<T>(loaded: &Loaded<T>, field: &str, text: &str, problems: &mut Diagnostics) -> Option<NaiveDate> {
    let date = dates::parse_iso(text);
    if date.is_none() {
        // A UK-style day/month/year is the likely slip: say what it would be.
        let hint = chrono::NaiveDate::parse_from_str(text.trim(), "%d/%m/%Y")
            .or_else(|_| chrono::NaiveDate::parse_from_str(text.trim(), "%d-%m-%Y"))
            .or_else(|_| chrono::NaiveDate::parse_from_str(text.trim(), "%d.%m.%Y"))
            .map(|d| format!("did you mean {d}? Write dates as YYYY-MM-DD"))
            .unwrap_or_else(|_| "write dates as YYYY-MM-DD, e.g. 2020-03-06".into());
        problems.push(loaded.error_at(Kind::BadDate, field, format!("`{text}` is not a date")).with_hint(hint));
    }
    date
}

/// A TLP class, or a problem that lists the valid ones.
pub(crate) fn class<T>(
    loaded: &Loaded<T>,
    field: &str,
    text: &str,
    problems: &mut Diagnostics,
) -> Option<Classification> {
    let class = Classification::parse(text);
    if class.is_none() {
        let names = ["WHITE", "CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"];
        let hint = match suggest(text, names) {
            Some(near) => format!("did you mean `{near}`? Valid classes: {}", Classification::valid_names()),
            None => format!("valid classes: {}", Classification::valid_names()),
        };
        problems.push(
            loaded.error_at(Kind::UnknownClass, field, format!("unknown classification `{text}`")).with_hint(hint),
        );
    }
    class
}

/// Records a problem if `code` is not a committee code.
pub(crate) fn committee<T>(loaded: &Loaded<T>, field: &str, code: &str, problems: &mut Diagnostics) {
    if !is_committee_code(code) {
        problems.push(
            loaded
                .error_at(Kind::BadCommittee, field, format!("`{code}` is not a committee code"))
                .with_hint("use capitals and digits, e.g. SECP, SSC, OPSG"),
        );
    }
}
