//! Paper references: `SECP_78_1303_29` from committee, meeting, meeting date and number.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

/// A paper's reference; displays as `SECP_78_1303_29`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// Committee code, e.g. `SECP`.
    pub committee: String,
    /// Meeting number.
    pub meeting: u32,
    /// The meeting's date (only day and month appear).
    pub meeting_date: NaiveDate,
    /// Paper number within the meeting, 1–99.
    pub number: u32,
}

impl Reference {
    /// The meeting part: `SECP_78_1303`, as other papers cite the meeting.
    pub fn meeting_reference(&self) -> String {
        format!("{}_{}_{:02}{:02}", self.committee, self.meeting, self.meeting_date.day(), self.meeting_date.month())
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{:02}", self.meeting_reference(), self.number)
    }
}

impl Serialize for Reference {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Whether a committee code is well formed: capitals and digits, starting with a letter.
pub fn is_committee_code(code: &str) -> bool {
    (2..=10).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_day_month_and_two_digit_number() {
        let r = Reference {
            committee: "SECP".into(),
            meeting: 78,
            meeting_date: NaiveDate::from_ymd_opt(2020, 3, 13).unwrap(),
            number: 29,
        };
        assert_eq!(r.to_string(), "SECP_78_1303_29");
        let r = Reference { number: 4, ..r };
        assert_eq!(r.to_string(), "SECP_78_1303_04");
    }
}
