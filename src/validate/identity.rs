//! Who the paper is and who signs it: the reference parts and the sign-off, from the paper
//! alone or, inside a meeting, from the meeting's manifest with the paper's own values
//! checked against it.

use super::fields;
use crate::diagnostic::{Diagnostics, Kind};
use crate::domain::{MeetingReference, PaperNumber, Reference, dates};
use crate::load::{Loaded, PaperSource};
use chrono::NaiveDate;
use std::path::PathBuf;

/// What a meeting's manifest says about one of its papers.
#[derive(Debug, Clone)]
pub struct MeetingContext {
    /// The manifest, named in conflict messages.
    pub manifest: PathBuf,
    /// Committee code.
    pub committee: String,
    /// The committee's name (`SEC Panel`), for author text's `meeting.committee_name`.
    pub committee_name: String,
    /// Meeting number.
    pub meeting: u32,
    /// Meeting date.
    pub date: NaiveDate,
    /// The paper's number, explicit or assigned in agenda order (checked with the paper's
    /// other reference parts).
    pub number: u32,
    /// Default sign-off author.
    pub author: Option<String>,
    /// Default sign-off team.
    pub team: Option<String>,
    /// Default sign-off date.
    pub sign_off: Option<NaiveDate>,
    /// The bank holidays the manifest adds to the bundled list.
    pub bank_holidays: Vec<NaiveDate>,
    /// The manifest's `portion_marks`, if it says.
    pub portion_marks: Option<bool>,
    /// The sources the manifest shares with its papers, read once for the meeting.
    pub sources: Option<std::sync::Arc<crate::sources::Shared>>,
    /// Where the manifest gives each value a paper takes from it, by the paper's field
    /// name (`meeting_date` → the manifest's `date`), for cross-file diagnostics.
    pub positions: Vec<(&'static str, crate::diagnostic::Position)>,
}

/// The resolved identity; `None` parts had problems, which are in the diagnostics.
pub(super) struct Identity {
    pub reference: Option<Reference>,
    pub sign_off: Option<(String, String, NaiveDate)>,
}

pub(super) fn resolve(
    loaded: &Loaded<PaperSource>,
    meeting: Option<&MeetingContext>,
    problems: &mut Diagnostics,
) -> Identity {
    let src = &loaded.value;
    // The manifest's value wins; the paper's own must agree with it or be left out.
    let mut take = |field: &str, own: Option<String>, from_meeting: Option<String>| -> Option<String> {
        match (own, from_meeting) {
            (Some(own), Some(theirs)) if own != theirs => {
                let manifest = meeting.map(|m| m.manifest.display().to_string()).unwrap_or_default();
                let mut diagnostic = loaded
                    .error_at(
                        Kind::ManifestConflict,
                        field,
                        format!("`{own}` here conflicts with `{theirs}` in the meeting manifest {manifest}"),
                    )
                    .with_hint(format!("remove `{field}` from the paper: inside a meeting it comes from {manifest}"));
                if let Some(meeting) = meeting {
                    let position = meeting.positions.iter().find(|(f, _)| *f == field).map(|(_, p)| *p);
                    diagnostic =
                        diagnostic.with_related(&meeting.manifest, position, format!("the manifest gives `{theirs}`"));
                }
                problems.push(diagnostic);
                None
            }
            (own, theirs) => {
                let value = theirs.or(own);
                if value.is_none() {
                    problems.push(
                        loaded
                            .error_at(Kind::MissingValue, field, format!("missing `{field}`"))
                            .with_hint("a paper rendered on its own needs it; inside a meeting the manifest gives it"),
                    );
                }
                value
            }
        }
    };
    let text = |value: Option<u32>| value.map(|n| n.to_string());
    let committee = take("committee", src.committee.clone(), meeting.map(|m| m.committee.clone()));
    // Numbers and dates are compared as values (`7` and `07`, `2020-3-13` and `2020-03-13`
    // agree): each side is printed in its canonical form before comparing.
    let number = take("number", text(src.number), text(meeting.map(|m| m.number)));
    let meeting_number = take("meeting", text(src.meeting), text(meeting.map(|m| m.meeting)));
    let own_meeting_date = src.meeting_date.as_deref().map(normalise_date);
    let meeting_date = take("meeting_date", own_meeting_date, meeting.map(|m| m.date.to_string()));
    // Sign-off: the paper's own value wins over the meeting's default.
    let author = pick(src.author.clone(), meeting.and_then(|m| m.author.clone()));
    let team = pick(src.team.clone(), meeting.and_then(|m| m.team.clone()));
    let date = pick(src.date.clone(), meeting.and_then(|m| m.sign_off.map(|d| d.to_string())));
    for (field, value) in [("author", &author), ("team", &team), ("date", &date)] {
        if value.is_none() {
            problems.push(
                loaded
                    .error_at(Kind::MissingValue, field, format!("missing `{field}`"))
                    .with_hint("give it in the paper, or as a default in the meeting manifest"),
            );
        }
    }

    if let Some(code) = &committee {
        fields::committee(loaded, "committee", code, problems);
    }
    let number = number.and_then(|n| n.parse::<u32>().ok()).and_then(|n| {
        let checked = PaperNumber::new(n);
        if checked.is_none() {
            problems.push(loaded.error_at(Kind::NumberOutOfRange, "number", PaperNumber::out_of_range(n)));
        }
        checked
    });
    let meeting_date = meeting_date.and_then(|d| fields::date(loaded, "meeting_date", &d, problems));
    let date = date.and_then(|d| fields::date(loaded, "date", &d, problems));
    if let (Some(signed), Some(held)) = (date, meeting_date)
        && signed > held
    {
        problems.push(
            crate::diagnostic::Diagnostic::warning(
                Kind::DateLint,
                &loaded.file,
                format!("signed off on {}, after its meeting on {}", dates::uk_long(signed), dates::uk_long(held)),
            )
            .at_field("date")
            .at(loaded.positions().nearest("date"))
            .with_hint("a paper is signed off before the meeting it goes to: check the date"),
        );
    }

    let reference = match (committee, meeting_number.and_then(|m| m.parse().ok()), meeting_date, number) {
        (Some(committee), Some(meeting), Some(date), Some(number)) => {
            Some(MeetingReference { committee, meeting, date }.paper(number))
        }
        _ => None,
    };
    let sign_off = match (author, team, date) {
        (Some(a), Some(t), Some(d)) => Some((a, t, d)),
        _ => None,
    };
    Identity { reference, sign_off }
}

fn pick<T>(own: Option<T>, default: Option<T>) -> Option<T> {
    own.or(default)
}

/// A date as the manifest would print it, so `2020-03-13` and `2020-3-13` do not conflict;
/// text that is no date is kept for the date check to report.
fn normalise_date(text: &str) -> String {
    let text = text.to_string();
    dates::parse_iso(&text).map_or(text, |d| d.to_string())
}
