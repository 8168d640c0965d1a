//! A committee's schedule, as the secretariat says it ("second Friday of each month"): the
//! date of its next meeting, moved to the next Working Day when the day is a bank holiday.

use super::working_days::Calendar;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::fmt;

/// The day of each month a committee meets on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// 1 to 4 for first to fourth, 0 for the last.
    nth: u8,
    /// The weekday.
    weekday: Weekday,
}

const ORDINALS: [(&str, u8); 5] = [("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("last", 0)];
const WEEKDAYS: [(&str, Weekday); 5] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
];

impl Schedule {
    /// Reads "second Friday of each month" (also "of every month", "of the month", any
    /// case): first to fourth or last, Monday to Friday.
    pub fn parse(text: &str) -> Option<Schedule> {
        let lower = text.trim().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let [ordinal, weekday, "of", each, "month"] = words.as_slice() else { return None };
        if !matches!(*each, "each" | "every" | "the") {
            return None;
        }
        let nth = ORDINALS.iter().find(|(name, _)| name == ordinal)?.1;
        let weekday = WEEKDAYS.iter().find(|(name, _)| name == weekday)?.1;
        Some(Schedule { nth, weekday })
    }

    /// The first meeting day after `after`: the scheduled day of its month or a later one,
    /// moved to the next Working Day when it is a bank holiday.
    pub fn next_after(self, after: NaiveDate, calendar: &Calendar) -> Option<NaiveDate> {
        let (mut year, mut month) = (after.year(), after.month());
        // Every month has each weekday; a moved day stays within a few days of it.
        for _ in 0..24 {
            let mut day = self.day_in_month(year, month)?;
            while !calendar.is_working_day(day) {
                day = day.succ_opt()?;
            }
            if day > after {
                return Some(day);
            }
            (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        }
        None
    }

    /// The scheduled day in `month` of `year`, before any move for a bank holiday.
    pub fn day_in_month(self, year: i32, month: u32) -> Option<NaiveDate> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let offset = (7 + self.weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
        let first_weekday = first + Duration::days(i64::from(offset));
        if self.nth > 0 {
            return Some(first_weekday + Duration::weeks(i64::from(self.nth) - 1));
        }
        let mut last = first_weekday;
        while (last + Duration::weeks(1)).month() == month {
            last += Duration::weeks(1);
        }
        Some(last)
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ordinal = ORDINALS.iter().find(|(_, n)| *n == self.nth).map_or("", |(name, _)| name);
        let weekday = WEEKDAYS.iter().find(|(_, w)| *w == self.weekday).map_or("", |(name, _)| name);
        let mut weekday = weekday.to_string();
        weekday[..1].make_ascii_uppercase();
        write!(f, "{ordinal} {weekday} of each month")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_next_meeting_skips_bank_holidays() {
        let second_friday = Schedule::parse("Second Friday of each month").unwrap();
        let calendar = Calendar::default();
        assert_eq!(second_friday.next_after(d("2020-02-14"), &calendar), Some(d("2020-03-13")));
        // 10 April 2020 is Good Friday, and the Monday after it Easter Monday.
        assert_eq!(second_friday.next_after(d("2020-03-13"), &calendar), Some(d("2020-04-14")));
        // 8 May 2020 was the early May bank holiday, moved for VE Day.
        assert_eq!(second_friday.next_after(d("2020-04-14"), &calendar), Some(d("2020-05-11")));
        assert_eq!(second_friday.next_after(d("2020-12-11"), &calendar), Some(d("2021-01-08")));
        let last_monday = Schedule::parse("last monday of every month").unwrap();
        // 25 May 2020 is the spring bank holiday.
        assert_eq!(last_monday.next_after(d("2020-04-30"), &calendar), Some(d("2020-05-26")));
        assert_eq!(second_friday.to_string(), "second Friday of each month");
    }

    #[test]
    fn only_a_monthly_weekday_is_a_schedule() {
        for bad in ["fifth Friday of each month", "second Saturday of each month", "every Friday", "monthly"] {
            assert_eq!(Schedule::parse(bad), None, "{bad}");
        }
    }
}
