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

/// The bank holidays a manifest or paper adds (`field`, a list of ISO dates); each one
/// that is not a date is a problem.
pub(crate) fn bank_holidays<T>(
    loaded: &Loaded<T>,
    field: &str,
    days: &[String],
    problems: &mut Diagnostics,
) -> Vec<NaiveDate> {
    days.iter().enumerate().filter_map(|(i, day)| date(loaded, &format!("{field}[{i}]"), day, problems)).collect()
}

/// A warning (PP090) at `field` (at `position` within it, when known): `date` is outside
/// the years the bank-holiday list covers, which end with `last`.
pub(crate) fn outside_calendar<T>(
    loaded: &Loaded<T>,
    field: &str,
    position: Option<crate::diagnostic::Position>,
    date: NaiveDate,
    last: i32,
) -> crate::diagnostic::Diagnostic {
    let first = crate::domain::working_days::BUNDLED_YEARS.start();
    let message = format!(
        "{date} is outside the years the bank-holiday list covers ({first} to {last}): Working Days there are counted by the regular rules alone"
    );
    crate::diagnostic::Diagnostic::warning(Kind::OutsideHolidayList, &loaded.file, message)
        .at_field(field)
        .at(position.or_else(|| loaded.positions().nearest(field)))
        .with_hint("add that year's proclaimed days (a substitute day, a coronation) to `bank_holidays` in the meeting's manifest, or the paper's")
}
