//! SEC Working Days: not a weekend and not an England & Wales bank holiday.
//!
//! Bank holidays follow the statutory rules (with substitute days) plus the one-off
//! changes proclaimed since 2012; a year with a proclamation not listed here would be
//! wrong, so the list is the place to add one.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

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

/// Whether `date` is a bank holiday in England and Wales.
pub fn is_bank_holiday(date: NaiveDate) -> bool {
    let proclaimed = PROCLAIMED.iter().find(|(y, m, d, _)| NaiveDate::from_ymd_opt(*y, *m, *d) == Some(date));
    if let Some((.., added)) = proclaimed {
        return *added;
    }
    regular_holidays(date.year()).contains(&date)
}

/// Whether `date` is a Working Day.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_bank_holiday(date)
}

/// The Working Day `days` Working Days after `date` (before it when negative).
pub fn add_working_days(date: NaiveDate, days: i64) -> NaiveDate {
    let step = Duration::days(days.signum());
    let mut date = date;
    for _ in 0..days.unsigned_abs() {
        date += step;
        while !is_working_day(date) {
            date += step;
        }
    }
    date
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

    #[test]
    fn counts_working_days() {
        // "25 working days following end of month" for January 2020: the seed's 6 March.
        assert_eq!(add_working_days(d(2020, 1, 31), 25), d(2020, 3, 6));
        // Over Easter 2021 (2 and 5 April).
        assert_eq!(add_working_days(d(2021, 4, 1), 1), d(2021, 4, 6));
        assert_eq!(add_working_days(d(2021, 4, 6), -1), d(2021, 4, 1));
    }
}
