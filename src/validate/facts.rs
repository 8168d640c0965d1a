//! The meeting and the paper in author text: `{{ meeting.date | add_working_days(days=-5)
//! | uk_date }}`, `{{ paper.reference }}`. They are the paper's own identity (its title
//! block prints them), so every part may print them whatever its class.

use super::MeetingContext;
use crate::domain::Reference;
use chrono::NaiveDate;
use serde::Serialize;

/// What author text knows of its meeting and its paper. A value the paper cannot give (a
/// paper rendered alone has no committee name; a missing date has been reported) is left
/// out, and printing it is an error naming what there is.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Facts {
    /// `meeting`: committee, committee_name, number, date, reference.
    meeting: Meeting,
    /// `paper`: reference, number, date (the sign-off).
    paper: Paper,
}

#[derive(Debug, Clone, Default, Serialize)]
struct Meeting {
    #[serde(skip_serializing_if = "Option::is_none")]
    committee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    committee_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    /// ISO, as the date filters take it.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// `SECP_78_1303`.
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
struct Paper {
    #[serde(skip_serializing_if = "Option::is_none")]
    reference: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    /// The sign-off date, ISO.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
}

/// The names author text may print under `meeting.` and `paper.`, for messages.
pub(super) const FIELDS: [(&str, &[&str]); 2] = [
    ("meeting", &["committee", "committee_name", "number", "date", "reference"]),
    ("paper", &["reference", "number", "date"]),
];

impl Facts {
    /// The facts of a paper whose reference and sign-off date are known so far, in
    /// `meeting` when it is built in one.
    pub(crate) fn of(
        reference: Option<&Reference>,
        sign_off: Option<NaiveDate>,
        meeting: Option<&MeetingContext>,
    ) -> Facts {
        Facts {
            meeting: Meeting {
                committee: reference.map(|r| r.committee.clone()),
                committee_name: meeting.map(|m| m.committee_name.clone()),
                number: reference.map(|r| r.meeting),
                date: reference.map(|r| r.meeting_date.to_string()),
                reference: reference.map(|r| r.meeting_reference().to_string()),
            },
            paper: Paper {
                reference: reference.map(ToString::to_string),
                number: reference.map(|r| r.number.get()),
                date: sign_off.map(|d| d.to_string()),
            },
        }
    }

    /// Inserts `meeting` and `paper` into a template context.
    pub(super) fn insert_into(&self, context: &mut tera::Context) {
        context.insert("meeting", &self.meeting);
        context.insert("paper", &self.paper);
    }
}

/// The hint for a name under `meeting.` or `paper.` that is not there: the nearest name
/// there is, or what there is.
pub(super) fn hint(name: &str, known: &Facts) -> Option<String> {
    let (object, fields) =
        FIELDS.iter().find(|(object, _)| name == *object || name.starts_with(&format!("{object}.")))?;
    if name == "meeting.committee_name" && known.meeting.committee_name.is_none() {
        return Some("the committee's name comes from the meeting's manifest: render the paper beside its meeting.yaml, or with --meeting".into());
    }
    let value = serde_json::to_value(known).ok()?;
    let present: Vec<&str> = fields.iter().copied().filter(|f| value[object].get(*f).is_some()).collect();
    let asked = name.strip_prefix(object).unwrap_or_default().trim_start_matches('.');
    if let Some(near) = crate::diagnostic::suggest(asked, present.iter().copied()) {
        return Some(format!("did you mean `{object}.{near}`?"));
    }
    Some(match present.is_empty() {
        true => format!("`{object}` is known once the paper's reference is (see the other problems)"),
        false => {
            let names: Vec<String> = present.iter().map(|f| format!("`{object}.{f}`")).collect();
            format!("author text may print {}", names.join(", "))
        }
    })
}
