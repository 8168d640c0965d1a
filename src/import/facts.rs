//! The facts a paper states once: its action (from the title block, else from its verbs),
//! its sign-off (from the end of the paper, else the title block; a meeting's defaults not
//! repeated) and its reference (the title block, the page furniture or the document's
//! subject; the meeting's year from the sign-off; with a manifest, the manifest's).

use super::assemble::{Properties, missing};
use super::front::Front;
use super::tail::SignOff;
use super::{Finding, Kind, MeetingFacts, Place, values};
use crate::domain::{Action, Verb};
use crate::load::RecommendationSource;
use chrono::{Datelike, NaiveDate};

/// The action line: the title block's, else the one the verbs ask for (reported).
pub(super) fn action(given: Option<Action>, items: &[RecommendationSource], findings: &mut Vec<Finding>) -> Action {
    if let Some(action) = given {
        return action;
    }
    let verbs: Vec<Verb> = items.iter().filter_map(|i| Verb::parse(&i.verb)).collect();
    let action = if verbs.iter().any(|v| v.decides()) {
        Action::Decision
    } else if verbs.contains(&Verb::Discuss) {
        Action::Discussion
    } else {
        Action::Information
    };
    findings.push(Finding {
        kind: Kind::ImportGuessed,
        place: Place::Document,
        message: format!(
            "no action line (\"Action: For …\") found: “{action}” is taken from the recommendations' verbs"
        ),
        hint: Some("check `action:` in the YAML".into()),
    });
    action
}

/// The sign-off as the YAML gives it.
pub(super) struct Signed {
    pub(super) author: Option<String>,
    pub(super) team: Option<String>,
    /// The sign-off date found, written or not.
    pub(super) date: Option<NaiveDate>,
    /// The date the YAML writes (none when it is the manifest's default).
    pub(super) written_date: Option<NaiveDate>,
}

/// The sign-off: what is missing, with no manifest default either, is an error.
pub(super) fn sign_off(
    front: &Front,
    found: &SignOff,
    meeting: Option<&MeetingFacts>,
    errors: &mut Vec<Finding>,
) -> Signed {
    let author = found.author.clone().or_else(|| front.author.clone());
    let team = found.team.clone().or_else(|| front.team.clone());
    let date = found.date.or(front.date);
    for (what, given, has_default) in [
        ("author", author.is_some(), meeting.is_some_and(|m| m.author.is_some())),
        ("team", team.is_some(), meeting.is_some_and(|m| m.team.is_some())),
        ("date", date.is_some(), meeting.is_some_and(|m| m.sign_off.is_some())),
    ] {
        if !given && !has_default {
            errors.push(missing(
                &format!("no sign-off {what} found (the lines after the Recommendations: author, team, date)"),
                "add the sign-off to the Word paper, or import with --meeting FILE whose manifest gives defaults",
            ));
        }
    }
    // A meeting's defaults are not repeated: a change to them then reaches the paper.
    let unless_default = |value: Option<String>, default: Option<&Option<String>>| match (value, default) {
        (Some(v), Some(Some(d))) if v == *d => None,
        (v, _) => v,
    };
    Signed {
        author: unless_default(author, meeting.map(|m| &m.author)),
        team: unless_default(team, meeting.map(|m| &m.team)),
        date,
        written_date: date.filter(|d| meeting.and_then(|m| m.sign_off) != Some(*d)),
    }
}

/// The reference's parts as the YAML gives them (none in a meeting).
#[derive(Debug, Default)]
pub(super) struct ReferenceParts {
    pub(super) committee: Option<String>,
    pub(super) meeting: Option<u32>,
    pub(super) meeting_date: Option<String>,
    pub(super) number: Option<u32>,
}

/// The meeting date in the year that puts it on or after the sign-off.
fn meeting_date(day: u32, month: u32, after: NaiveDate) -> Option<NaiveDate> {
    (after.year()..=after.year() + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).find(|d| *d >= after)
}

/// The reference: the document's, or in a meeting the manifest's (a different one in the
/// document reported).
pub(super) fn reference(
    front: &mut Front,
    signed: Option<NaiveDate>,
    properties: &Properties,
    meeting: Option<&MeetingFacts>,
    findings: &mut Vec<Finding>,
    errors: &mut Vec<Finding>,
) -> ReferenceParts {
    if front.reference.is_none()
        && let Some(found) = properties.subject.as_deref().and_then(values::reference)
    {
        front.reference = Some((found, "the document's properties".into()));
    }
    match (meeting, &front.reference) {
        (Some(facts), Some((found, place))) => {
            let found = found.to_string();
            if let Some(given) = facts.reference.as_deref().filter(|r| *r != found) {
                findings.push(Finding {
                    kind: Kind::ImportReference,
                    place: Place::Document,
                    message: format!(
                        "{place} gives the reference {found}, but the meeting makes the paper {given}: the manifest's is used"
                    ),
                    hint: None,
                });
            }
            ReferenceParts::default()
        }
        (Some(_), None) => ReferenceParts::default(),
        (None, Some((found, _))) => {
            match signed.or(properties.created).and_then(|d| meeting_date(found.day, found.month, d)) {
                Some(held) => ReferenceParts {
                    committee: Some(found.committee.clone()),
                    meeting: Some(found.meeting),
                    meeting_date: Some(held.to_string()),
                    number: Some(found.number),
                },
                None => {
                    errors.push(missing(
                        "the reference gives the meeting's day and month, but no sign-off date gives its year",
                        "import with --meeting FILE, or add the sign-off date",
                    ));
                    ReferenceParts::default()
                }
            }
        }
        (None, None) => {
            errors.push(missing(
                "no paper reference (such as SECP_78_1303_29) found in the title block, header or footer",
                "import with --meeting FILE to take the reference from the meeting's manifest, or add \"Paper Reference: …\" to the Word paper",
            ));
            ReferenceParts::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meeting_falls_on_or_after_the_sign_off() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(meeting_date(13, 3, d(2020, 3, 6)), Some(d(2020, 3, 13)));
        assert_eq!(meeting_date(14, 1, d(2020, 12, 18)), Some(d(2021, 1, 14)));
        assert_eq!(meeting_date(29, 2, d(2021, 1, 5)), None, "no 29 February in 2021 or 2022");
    }
}
