//! SEC Working Days: not a weekend and not an England & Wales bank holiday.
//!
//! Bank holidays follow the statutory rules (with substitute days) plus the one-off
//! changes proclaimed since 2012; a year with a proclamation not listed here would be
//! wrong, so the list is the place to add one, and a manifest or paper can add days of its
//! own ([`Calendar`]).

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// Bank holidays moved or added by proclamation: (year, month, day, is_added).
/// `false` entries are the regular holidays that were moved away that year.
const PROCLAIMED: &[(i32, u32, u32, bool)] = &[
    (2012, 5, 28, false), // Spring bank holiday moved for the Diamond Jubilee
    (2012, 6, 4, true),
    (2012, 6, 5, true),
    (2020, 5, 4, false), // Early May bank holiday moved for VE Day
    (2020, 5, 8, true),
    (2022, 5, 30, false), // Spring bank holiday moved for the Platinum Jubilee
    (2022, 6, 2, true),
    (2022, 6, 3, true),
    (2022, 9, 19, true), // State funeral of Queen Elizabeth II
    (2023, 5, 8, true),  // Coronation of King Charles III
];

/// The years the bundled list is known to be right for: from the first year whose one-off
/// changes it holds (2012) to the last year gov.uk had published when it was last checked.
/// Outside them a date is counted by the regular rules alone, which a proclamation may have
/// changed: `check` warns (PP090), and a manifest or paper can add the days
/// (`bank_holidays`).
pub const BUNDLED_YEARS: std::ops::RangeInclusive<i32> = 2012..=2027;

/// The most Working Days `add_working_days` counts, forwards or back: 10,000 is about 40
/// years, more than any deadline a paper sets, and keeps every count to a few dozen steps.
pub const MAX_WORKING_DAYS: i64 = 10_000;

/// The years a Working Day can be counted in: four-digit years, as dates are written.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// The bank holidays a paper is counted against: the bundled list, plus the days its
/// meeting's manifest or the paper itself adds (a substitute day, a coronation, a year the
/// list does not cover yet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    added: BTreeSet<NaiveDate>,
}

/// Why Working Days could not be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountError {
    /// More Working Days than [`MAX_WORKING_DAYS`], either way.
    TooMany(i64),
    /// The count would leave the years 1 to 9999.
    OutOfRange,
}

impl std::fmt::Display for CountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CountError::TooMany(days) => write!(
                f,
                "days={days} is out of range: Working Days are counted up to {MAX_WORKING_DAYS} either way (about 40 years)"
            ),
            CountError::OutOfRange => f.write_str("the count leaves the years 1 to 9999"),
        }
    }
}

impl Calendar {
    /// The bundled list with `days` added as bank holidays.
    pub fn with_added(days: impl IntoIterator<Item = NaiveDate>) -> Self {
        Calendar { added: days.into_iter().collect() }
    }

    /// The last year the list covers: the bundled list's, or a later one that a day added
    /// to it falls in.
    pub fn last_year(&self) -> i32 {
        let added = self.added.last().map_or(*BUNDLED_YEARS.end(), |d| d.year());
        added.max(*BUNDLED_YEARS.end())
    }

    /// Whether the list covers `date`'s year; outside it a date is counted by the regular
    /// rules alone.
    pub fn covers(&self, date: NaiveDate) -> bool {
        (*BUNDLED_YEARS.start()..=self.last_year()).contains(&date.year())
    }

    /// Whether `date` is a bank holiday in England and Wales.
    pub fn is_bank_holiday(&self, date: NaiveDate) -> bool {
        self.added.contains(&date) || is_bank_holiday(date)
    }

    /// Whether `date` is a Working Day: not a weekend, not a bank holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && !self.is_bank_holiday(date)
    }

    /// The Working Day `days` Working Days after `date` (before it when negative; `date`
    /// itself for 0), in steps of a year, then a week, then a day: a few dozen steps for
    /// any count up to [`MAX_WORKING_DAYS`].
    pub fn add_working_days(&self, date: NaiveDate, days: i64) -> Result<NaiveDate, CountError> {
        if days.unsigned_abs() > MAX_WORKING_DAYS.unsigned_abs() {
            return Err(CountError::TooMany(days));
        }
        let forward = days >= 0;
        let step = |date: NaiveDate, by: i64| {
            let moved = if forward { date + Duration::days(by) } else { date - Duration::days(by) };
            YEARS.contains(&moved.year()).then_some(moved).ok_or(CountError::OutOfRange)
        };
        if !YEARS.contains(&date.year()) {
            return Err(CountError::OutOfRange);
        }
        let mut left = days.unsigned_abs();
        let mut at = date;
        // Whole years while more are left than the rest of the year holds. `at + 1 day`'s
        // year, so that a year's last day moves on to the next.
        while left > 0 {
            let year = step(at, 1)?.year();
            let end = if forward { ymd(year, 12, 31) } else { ymd(year, 1, 1) };
            let held = self.working_days_between(at, end, forward);
            if held >= left {
                break;
            }
            left -= held;
            at = end;
        }
        // Whole weeks, then days: each week has five weekdays, less its bank holidays.
        while left > 5 {
            let next = step(at, 7)?;
            let held = self.working_days_between(at, next, forward);
            if held >= left {
                break;
            }
            left -= held;
            at = next;
        }
        while left > 0 {
            at = step(at, 1)?;
            if self.is_working_day(at) {
                left -= 1;
            }
        }
        Ok(at)
    }

    /// How many Working Days after `from` `to` is (`from` itself not counted, `to` counted
    /// when a Working Day): how overdue an action due on `from` is at a meeting on `to`; 0
    /// when `to` is not after `from`.
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u64 {
        self.working_days_between(from, to, true)
    }

    /// The Working Days after `from` up to `to` inclusive (`to` after `from` when
    /// `forward`, before it otherwise), `from` itself not counted.
    fn working_days_between(&self, from: NaiveDate, to: NaiveDate, forward: bool) -> u64 {
        let (first, last) = if forward { (from + Duration::days(1), to) } else { (to, from - Duration::days(1)) };
        if last < first {
            return 0;
        }
        let span = (last - first).num_days() + 1;
        let mut weekdays = (span / 7) * 5;
        for n in 0..span % 7 {
            weekdays += i64::from(!is_weekend(first + Duration::days(n)));
        }
        let holidays = (first.year()..=last.year())
            .flat_map(|year| self.holidays(year))
            .filter(|d| (first..=last).contains(d) && !is_weekend(*d))
            .count();
        (weekdays as u64).saturating_sub(holidays as u64)
    }

    /// Every bank holiday of `year`, each once.
    fn holidays(&self, year: i32) -> BTreeSet<NaiveDate> {
        let mut days: BTreeSet<NaiveDate> =
            regular_holidays(year).into_iter().filter(|d| is_bank_holiday(*d)).collect();
        days.extend(PROCLAIMED.iter().filter(|p| p.0 == year && p.3).map(|p| ymd(p.0, p.1, p.2)));
        days.extend(self.added.iter().filter(|d| d.year() == year));
        days
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real date")
}

/// Whether `date` is a bank holiday in England and Wales, by the bundled list alone.
pub fn is_bank_holiday(date: NaiveDate) -> bool {
    let proclaimed = PROCLAIMED.iter().find(|(y, m, d, _)| NaiveDate::from_ymd_opt(*y, *m, *d) == Some(date));
    if let Some((.., added)) = proclaimed {
        return *added;
    }
    regular_holidays(date.year()).contains(&date)
}

/// Whether `date` is a Working Day, by the bundled list alone.
pub fn is_working_day(date: NaiveDate) -> bool {
    Calendar::default().is_working_day(date)
}

fn regular_holidays(year: i32) -> Vec<NaiveDate> {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d).expect("a real date");
    let easter = easter_sunday(year);
    let mut days = vec![
        substitute(day(1, 1)),
        easter - Duration::days(2),
        easter + Duration::days(1),
        first_monday(year, 5),
        last_monday(year, 5),
        last_monday(year, 8),
    ];
    // Christmas and Boxing Day: a weekend day moves to the next free weekday.
    let (christmas, boxing) = (day(12, 25), day(12, 26));
    let christmas_observed = substitute(christmas);
    let mut boxing_observed = substitute(boxing);
    if boxing_observed <= christmas_observed {
        boxing_observed = christmas_observed + Duration::days(1);
    }
    days.extend([christmas_observed, boxing_observed]);
    days
}

/// The weekday a holiday falling at a weekend is taken on.
fn substitute(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => date + Duration::days(2),
        Weekday::Sun => date + Duration::days(1),
        _ => date,
    }
}

fn first_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1).expect("every month has a Monday")
}

fn last_monday(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 5)
        .unwrap_or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 4).expect("four Mondays"))
}

/// Easter Sunday (anonymous Gregorian algorithm).
fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn knows_the_published_bank_holidays() {
        // gov.uk lists for England and Wales.
        let holidays_2020 = [
            d(2020, 1, 1),
            d(2020, 4, 10),
            d(2020, 4, 13),
            d(2020, 5, 8),
            d(2020, 5, 25),
            d(2020, 8, 31),
            d(2020, 12, 25),
            d(2020, 12, 28),
        ];
        let holidays_2022 = [
            d(2022, 1, 3),
            d(2022, 4, 15),
            d(2022, 4, 18),
            d(2022, 5, 2),
            d(2022, 6, 2),
            d(2022, 6, 3),
            d(2022, 8, 29),
            d(2022, 9, 19),
            d(2022, 12, 26),
            d(2022, 12, 27),
        ];
        for year in [2020, 2022] {
            let found: Vec<NaiveDate> = (0..366)
                .map(|n| d(year, 1, 1) + Duration::days(n))
                .filter(|x| x.year() == year && is_bank_holiday(*x))
                .collect();
            let expected: &[NaiveDate] = if year == 2020 { &holidays_2020 } else { &holidays_2022 };
            assert_eq!(found, expected, "{year}");
        }
        assert!(is_bank_holiday(d(2023, 5, 8)));
        assert!(!is_bank_holiday(d(2020, 5, 4)), "moved to VE Day");
    }

    /// The count one day at a time, as it was first written: what the steps must equal.
    fn day_by_day(calendar: &Calendar, date: NaiveDate, days: i64) -> NaiveDate {
        let step = Duration::days(days.signum());
        let mut date = date;
        for _ in 0..days.unsigned_abs() {
            date += step;
            while !calendar.is_working_day(date) {
                date += step;
            }
        }
        date
    }

    #[test]
    fn counts_working_days() {
        let count = |date, days| Calendar::default().add_working_days(date, days).unwrap();
        // "25 working days following end of month" for January 2020: the seed's 6 March.
        assert_eq!(count(d(2020, 1, 31), 25), d(2020, 3, 6));
        // Over Easter 2021 (2 and 5 April).
        assert_eq!(count(d(2021, 4, 1), 1), d(2021, 4, 6));
        assert_eq!(count(d(2021, 4, 6), -1), d(2021, 4, 1));
        assert_eq!(count(d(2021, 4, 3), 0), d(2021, 4, 3), "0 is the date itself, even a Saturday");
    }

    #[test]
    fn counting_in_years_and_weeks_gives_the_day_by_day_count() {
        let calendar = Calendar::with_added([d(2030, 5, 6), d(2026, 12, 31)]);
        let starts = [d(2020, 1, 31), d(2021, 4, 3), d(2022, 12, 24), d(2026, 12, 31), d(2027, 1, 1), d(2011, 6, 30)];
        for start in starts {
            for days in [1, 2, 4, 5, 6, 7, 11, 25, 250, 251, 252, 253, 260, 999, 2_500, 10_000] {
                for days in [days, -days] {
                    let stepped = calendar.add_working_days(start, days).unwrap();
                    assert_eq!(stepped, day_by_day(&calendar, start, days), "{start} {days:+}");
                }
            }
        }
    }

    #[test]
    fn counts_are_bounded_and_never_panic() {
        let calendar = Calendar::default();
        for days in [10_001, -10_001, 60_000_000, 70_000_000, -600_000, i64::MAX, i64::MIN] {
            assert_eq!(calendar.add_working_days(d(2020, 1, 31), days), Err(CountError::TooMany(days)));
        }
        assert_eq!(calendar.add_working_days(d(9999, 12, 1), 10_000), Err(CountError::OutOfRange));
        assert_eq!(calendar.add_working_days(d(1, 1, 10), -10_000), Err(CountError::OutOfRange));
        assert!(calendar.add_working_days(d(9999, 12, 1), 10).is_ok());
        // Every year a count can reach has its holidays worked out without a panic.
        for year in YEARS {
            assert!(calendar.holidays(year).len() >= 8, "{year}");
        }
        // Bounded in time too: the largest count takes a few dozen steps, not 10,000.
        let started = std::time::Instant::now();
        for _ in 0..100 {
            calendar.add_working_days(d(2020, 1, 31), MAX_WORKING_DAYS).unwrap();
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
    }

    #[test]
    fn added_days_are_holidays_and_extend_the_list() {
        let plain = Calendar::default();
        assert_eq!(plain.last_year(), 2027);
        assert!(plain.covers(d(2027, 12, 31)) && !plain.covers(d(2028, 1, 4)) && !plain.covers(d(2011, 4, 29)));
        // A coronation-like day in 2028, and its list: Working Days skip it.
        let added = Calendar::with_added([d(2028, 6, 5)]);
        assert!(added.is_bank_holiday(d(2028, 6, 5)) && !plain.is_bank_holiday(d(2028, 6, 5)));
        assert_eq!(added.last_year(), 2028);
        assert!(added.covers(d(2028, 1, 4)));
        assert_eq!(plain.add_working_days(d(2028, 6, 2), 1), Ok(d(2028, 6, 5)));
        assert_eq!(added.add_working_days(d(2028, 6, 2), 1), Ok(d(2028, 6, 6)));
    }

    #[test]
    fn the_bundled_list_holds_the_years_gov_uk_publishes() {
        // gov.uk's England and Wales lists for the last two years the list covers.
        let published = [
            (
                2026,
                [
                    d(2026, 1, 1),
                    d(2026, 4, 3),
                    d(2026, 4, 6),
                    d(2026, 5, 4),
                    d(2026, 5, 25),
                    d(2026, 8, 31),
                    d(2026, 12, 25),
                    d(2026, 12, 28),
                ],
            ),
            (
                2027,
                [
                    d(2027, 1, 1),
                    d(2027, 3, 26),
                    d(2027, 3, 29),
                    d(2027, 5, 3),
                    d(2027, 5, 31),
                    d(2027, 8, 30),
                    d(2027, 12, 27),
                    d(2027, 12, 28),
                ],
            ),
        ];
        for (year, days) in published {
            let found: Vec<NaiveDate> = Calendar::default().holidays(year).into_iter().collect();
            assert_eq!(found, days, "{year}");
        }
    }
}
