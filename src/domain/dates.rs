//! Dates as the Panel writes them: UK long form, "6 March 2020", never "6th".

use chrono::NaiveDate;

/// Reads an ISO date (`2020-03-06`).
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// "6 March 2020".
pub fn uk_long(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// [`uk_long`] with its day and month bound by a no-break space, for a date inside running
/// text: "3 February" never splits across two lines.
pub fn uk_long_bound(date: NaiveDate) -> String {
    date.format("%-d\u{a0}%B %Y").to_string()
}

/// Serialises a date as templates print it: UK long form.
pub fn serialize_uk_long<S: serde::Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&uk_long(*date))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_form_has_no_ordinal_or_padding() {
        let d = parse_iso("2020-03-06").unwrap();
        assert_eq!(uk_long(d), "6 March 2020");
        assert_eq!(parse_iso("2020-02-30"), None);
        assert_eq!(parse_iso("6 March 2020"), None);
    }
}
