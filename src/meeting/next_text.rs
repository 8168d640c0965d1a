//! The texts `next` writes: the next meeting's manifest, written out in the manifest's own
//! order, and each recurring paper as it was, only its top-level reference parts and
//! sign-off date moved on (its comments, wording and figures kept as written).

use crate::domain::dates::{parse_iso, uk_long};
use crate::domain::{MeetingReference, PaperNumber};
use crate::load::{MeetingSource, PaperEntrySource};
use chrono::NaiveDate;
use std::fmt::Write;

/// The next meeting's manifest: this one's fields with the new number, date and sign-off,
/// its recurring entries only, and no actions of its own (the open ones are carried
/// through the committee's folder, and the secretariat's report starts afresh).
pub(super) fn manifest_text(src: &MeetingSource, next: &MeetingReference, sign_off: Option<NaiveDate>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} meeting {}, {}: drafted by `panelpaper next` from meeting {}.",
        src.committee_name,
        next.meeting,
        uk_long(next.date),
        src.meeting
    );
    out.push_str("# Its recurring papers and items; the actions open after the last meeting are carried\n");
    out.push_str("# through the committee's folder. Record the outcomes in outcomes.yaml after the meeting.\n");
    let mut field = |key: &str, value: &str| {
        let _ = writeln!(out, "{key}: {}", scalar(value));
    };
    let number = |out: &mut String, key: &str, value: u32| {
        let _ = writeln!(out, "{key}: {value}");
    };
    field("committee", &src.committee);
    field("committee_name", &src.committee_name);
    number(&mut out, "meeting", next.meeting);
    let mut field = |key: &str, value: &str| {
        let _ = writeln!(out, "{key}: {}", scalar(value));
    };
    field("date", &next.date.to_string());
    if let Some(venue) = &src.venue {
        field("venue", venue);
    }
    if let Some(class) = &src.classification {
        field("classification", class);
    }
    if let Some(schedule) = &src.schedule {
        field("schedule", schedule);
    }
    if let Some(start) = &src.start {
        field("start", start);
    }
    if let Some(first) = src.first_number {
        number(&mut out, "first_number", first);
    }
    if !src.bank_holidays.is_empty() {
        let days: Vec<String> = src.bank_holidays.iter().map(|d| scalar(d)).collect();
        let _ = writeln!(out, "bank_holidays: [{}]", days.join(", "));
    }
    if !src.sources.is_empty() {
        // Each source as a flow mapping (JSON is YAML): the same files, copied beside.
        out.push_str("sources:\n");
        for (name, source) in &src.sources {
            let spec = serde_json::to_string(source).expect("a source serialises");
            let _ = writeln!(out, "  {}: {spec}", scalar(name));
        }
    }
    let defaults = [
        ("author", src.defaults.author.clone()),
        ("team", src.defaults.team.clone()),
        ("date", sign_off.map(|d| d.to_string())),
    ];
    if defaults.iter().any(|(_, v)| v.is_some()) {
        out.push_str("defaults:\n");
        for (key, value) in defaults {
            if let Some(value) = value {
                let _ = writeln!(out, "  {key}: {}", scalar(&value));
            }
        }
    }
    let recurring: Vec<&PaperEntrySource> = src.papers.iter().filter(|p| p.recurring).collect();
    if recurring.is_empty() {
        out.push_str("papers: []\n");
    } else {
        out.push_str("papers:\n");
    }
    for entry in recurring {
        let mut first = true;
        let mut line = |key: &str, value: String| {
            let _ = writeln!(out, "{} {key}: {value}", if first { "  -" } else { "   " });
            first = false;
        };
        if let Some(file) = &entry.file {
            line("file", scalar(file));
        }
        if let Some(item) = &entry.item {
            line("item", scalar(item));
        }
        if let Some(key) = &entry.key {
            line("key", scalar(key));
        }
        if let Some(number) = entry.number {
            line("number", number.to_string());
        }
        if let Some(presenter) = &entry.presenter {
            line("presenter", scalar(presenter));
        }
        if let Some(minutes) = entry.minutes {
            line("minutes", minutes.to_string());
        }
        if let Some(class) = &entry.classification {
            line("classification", scalar(class));
        }
        line("recurring", "true".into());
    }
    out
}

/// A value as YAML reads it back the same: plain where that is safe, else double-quoted
/// (a JSON string is a YAML one).
fn scalar(text: &str) -> String {
    let special = |c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c);
    let plain = !text.is_empty()
        && text.trim() == text
        && !text.starts_with(special)
        && !text.contains(':')
        && !text.contains(" #")
        && !text.chars().any(char::is_control)
        && !matches!(text.to_ascii_lowercase().as_str(), "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off")
        && text.parse::<f64>().is_err();
    if plain { text.to_string() } else { serde_json::to_string(text).expect("strings serialise") }
}

/// A recurring paper's text for the next meeting: its top-level `meeting`, `meeting_date`
/// and `reference` (where it gives them) are the next meeting's, and its sign-off `date`
/// moves by `shift`; every other line is kept as written.
pub(super) fn paper_text(
    text: &str,
    next: &MeetingReference,
    number: Option<PaperNumber>,
    shift: &dyn Fn(NaiveDate) -> Option<NaiveDate>,
) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let Some((key, rest)) = line.split_once(':') else {
            out.push_str(line);
            continue;
        };
        let top_level = key.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !key.is_empty();
        let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let body = &rest[lead..];
        let end = body.find(" #").unwrap_or(body.trim_end_matches(['\n', '\r']).len());
        let value = body[..end].trim_end().trim_matches(['"', '\'']);
        let new = match key {
            _ if !top_level => None,
            "meeting" => Some(next.meeting.to_string()),
            "meeting_date" => Some(next.date.to_string()),
            "reference" => number.map(|n| next.paper(n).to_string()),
            "date" => parse_iso(value).and_then(shift).map(|d| d.to_string()),
            _ => None,
        };
        match new {
            Some(new) => {
                let token = body[..end].trim_end();
                let _ = write!(out, "{key}:{}{new}{}", &rest[..lead], &body[token.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recurring_paper_keeps_its_text_and_moves_its_dates() {
        let d = |s| parse_iso(s).unwrap();
        let next = MeetingReference { committee: "SECP".into(), meeting: 79, date: d("2020-04-14") };
        let text = "# comment: kept\nmeeting: 78\nmeeting_date: 2020-03-13  # the meeting\nnumber: 29\n\
                    reference: SECP_78_1303_29\ndate: '2020-03-06'\ndata:\n  date: 2020-01-31\n";
        let shifted = paper_text(text, &next, PaperNumber::new(29), &|_| Some(d("2020-04-03")));
        assert_eq!(
            shifted,
            "# comment: kept\nmeeting: 79\nmeeting_date: 2020-04-14  # the meeting\nnumber: 29\n\
             reference: SECP_79_1404_29\ndate: 2020-04-03\ndata:\n  date: 2020-01-31\n"
        );
    }

    #[test]
    fn values_are_quoted_only_where_yaml_would_misread_them() {
        assert_eq!(scalar("SEC Panel"), "SEC Panel");
        assert_eq!(scalar("2020-04-14"), "2020-04-14");
        assert_eq!(scalar("10:00"), "\"10:00\"");
        assert_eq!(scalar("Gemserv, 8 Fenchurch Place"), "Gemserv, 8 Fenchurch Place");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("25"), "\"25\"");
        assert_eq!(scalar("- x"), "\"- x\"");
    }
}
