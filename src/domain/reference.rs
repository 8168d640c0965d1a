//! Paper and meeting references: `SECP_78_1303_29` from committee, meeting, meeting date
//! and number; the one home of their format and of the paper number's range.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

/// A paper's number within its meeting's pack: 1 to 99, printed with two digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PaperNumber(u32);

impl PaperNumber {
    /// The numbers a pack can hold.
    pub const RANGE: std::ops::RangeInclusive<u32> = 1..=99;

    /// The number `n`, if it is in [`PaperNumber::RANGE`].
    pub fn new(n: u32) -> Option<PaperNumber> {
        Self::RANGE.contains(&n).then_some(PaperNumber(n))
    }

    /// The number as an integer.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The message for a number out of range.
    pub fn out_of_range(n: u32) -> String {
        format!("paper number {n} is out of range: expected {} to {}", Self::RANGE.start(), Self::RANGE.end())
    }
}

impl fmt::Display for PaperNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

impl Serialize for PaperNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A meeting's reference; displays as `SECP_78_1303` (committee, meeting, DDMM).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingReference {
    /// Committee code, e.g. `SECP`.
    pub committee: String,
    /// Meeting number.
    pub meeting: u32,
    /// The meeting's date (only day and month appear).
    pub date: NaiveDate,
}

impl MeetingReference {
    /// The reference of paper `number` of this meeting.
    pub fn paper(&self, number: PaperNumber) -> Reference {
        Reference { committee: self.committee.clone(), meeting: self.meeting, meeting_date: self.date, number }
    }

    /// The file stem of the meeting's pack: `SECP_78_pack`.
    pub fn pack_file_stem(&self) -> String {
        format!("{}_{}_pack", self.committee, self.meeting)
    }
}

impl fmt::Display for MeetingReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}_{:02}{:02}", self.committee, self.meeting, self.date.day(), self.date.month())
    }
}

impl Serialize for MeetingReference {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A paper's reference; displays as `SECP_78_1303_29`, and names its output files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// Committee code, e.g. `SECP`.
    pub committee: String,
    /// Meeting number.
    pub meeting: u32,
    /// The meeting's date (only day and month appear).
    pub meeting_date: NaiveDate,
    /// Paper number within the meeting.
    pub number: PaperNumber,
}

impl Reference {
    /// The meeting part: `SECP_78_1303`, as other papers cite the meeting.
    pub fn meeting_reference(&self) -> MeetingReference {
        MeetingReference { committee: self.committee.clone(), meeting: self.meeting, date: self.meeting_date }
    }

    /// The stem of the paper's output files: `SECP_78_1303_29` (`.md`, `.pdf`).
    pub fn file_stem(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}", self.meeting_reference(), self.number)
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
            number: PaperNumber::new(29).unwrap(),
        };
        assert_eq!(r.to_string(), "SECP_78_1303_29");
        assert_eq!(r.meeting_reference().to_string(), "SECP_78_1303");
        let r = Reference { number: PaperNumber::new(4).unwrap(), ..r };
        assert_eq!(r.file_stem(), "SECP_78_1303_04");
        assert_eq!(PaperNumber::new(100), None);
        assert_eq!(PaperNumber::new(0), None);
    }
}
