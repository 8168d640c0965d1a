//! What a meeting decided and the actions it set: the outcome of a recommendation, an
//! action's id, owner and due date, each read once here and never compared as text again.

use super::working_days::{Calendar, CountError};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// The outcome the committee gave a recommendation (or a whole paper).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decision {
    /// AGREED
    Agreed,
    /// APPROVED
    Approved,
    /// NOTED
    Noted,
    /// NOT AGREED
    NotAgreed,
    /// DEFERRED
    Deferred,
    /// AMENDED: agreed in other words, which the outcome gives.
    Amended,
}

impl Decision {
    /// Every outcome, in the order messages list them.
    pub const ALL: [Decision; 6] = [
        Decision::Agreed,
        Decision::Approved,
        Decision::Noted,
        Decision::NotAgreed,
        Decision::Deferred,
        Decision::Amended,
    ];

    /// Reads an outcome in any case; `NOT AGREED` may be written with `_` or `-`.
    pub fn parse(word: &str) -> Option<Decision> {
        let word: String = word.trim().chars().map(|c| if c == '_' || c == '-' { ' ' } else { c }).collect();
        let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
        Decision::ALL.into_iter().find(|d| d.as_str().eq_ignore_ascii_case(&word))
    }

    /// The outcome in capitals, as the decision log prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Agreed => "AGREED",
            Decision::Approved => "APPROVED",
            Decision::Noted => "NOTED",
            Decision::NotAgreed => "NOT AGREED",
            Decision::Deferred => "DEFERRED",
            Decision::Amended => "AMENDED",
        }
    }

    /// Every outcome's name, for suggestions.
    pub fn names() -> impl Iterator<Item = &'static str> {
        Decision::ALL.into_iter().map(Decision::as_str)
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Decision {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// When an action is due: a date, or a number of Working Days after the meeting that set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// On this day.
    On(NaiveDate),
    /// This many Working Days after the meeting.
    WorkingDays(u32),
}

impl Due {
    /// Reads `2020-04-14` or `20 Working Days` (any case; "after the meeting" may follow;
    /// `1 Working Day` too).
    pub fn parse(text: &str) -> Option<Due> {
        if let Some(date) = super::dates::parse_iso(text) {
            return Some(Due::On(date));
        }
        let lower = text.trim().to_ascii_lowercase();
        let rest = lower.strip_suffix("after the meeting").unwrap_or(&lower).trim_end();
        let count = rest.strip_suffix("working days").or_else(|| rest.strip_suffix("working day"))?;
        let count: u32 = count.trim().parse().ok()?;
        (count <= super::working_days::MAX_WORKING_DAYS as u32).then_some(Due::WorkingDays(count))
    }

    /// The day it falls on, for an action set at a meeting held on `meeting`.
    pub fn date(self, meeting: NaiveDate, calendar: &Calendar) -> Result<NaiveDate, CountError> {
        match self {
            Due::On(date) => Ok(date),
            Due::WorkingDays(days) => calendar.add_working_days(meeting, i64::from(days)),
        }
    }
}

/// Whether `id` names an action set at meeting `meeting` of `committee`: `SECP78/01`, the
/// committee's code and the meeting's number, then `/` and the action's own number. Ids
/// from every meeting share one register, so the prefix keeps them from colliding.
pub fn is_action_id(id: &str, committee: &str, meeting: u32) -> bool {
    let Some(number) = id.strip_prefix(&format!("{committee}{meeting}/")) else { return false };
    (1..=4).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `owner` is written as an action's owner is: an organisation's code in capitals
/// (`SECAS`, `DCC`), or a person's name with their organisation's code (`Holly Burton
/// (SECAS)`); several are separated by `, ` or ` and `.
pub fn is_owner(owner: &str) -> bool {
    let owner = owner.trim();
    !owner.is_empty() && owner.split(", ").flat_map(|part| part.split(" and ")).all(is_one_owner)
}

fn is_one_owner(owner: &str) -> bool {
    let owner = owner.trim();
    match owner.strip_suffix(')').and_then(|o| o.split_once(" (")) {
        Some((name, code)) => is_name(name) && is_organisation(code),
        None => is_organisation(owner),
    }
}

/// `SECAS`, `DCC`, `OPSG`, `BEIS`, `Ofgem`'s `OFGEM`: capitals, digits, `&` and `-`.
fn is_organisation(code: &str) -> bool {
    (2..=12).contains(&code.len())
        && code.starts_with(|c: char| c.is_ascii_uppercase())
        && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&' || c == '-')
}

/// A person's name: words that start with a capital letter (`Holly Burton`, `Ann O'Neill`,
/// `Jean-Luc Picard`, `Dr A. Smith`).
fn is_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    !words.is_empty()
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
        })
}

/// An owner as it was probably meant (`secas` → `SECAS`), if that is one.
pub fn suggest_owner(owner: &str) -> Option<String> {
    let upper = owner.trim().to_uppercase();
    (upper != owner.trim() && is_owner(&upper)).then_some(upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_outcomes_in_any_case() {
        assert_eq!(Decision::parse("agreed"), Some(Decision::Agreed));
        assert_eq!(Decision::parse("Not_Agreed"), Some(Decision::NotAgreed));
        assert_eq!(Decision::parse("NOT  AGREED"), Some(Decision::NotAgreed));
        assert_eq!(Decision::parse("AGREE"), None);
    }

    #[test]
    fn reads_due_dates_and_working_days() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(Due::parse("2020-04-14"), Some(Due::On(d("2020-04-14"))));
        assert_eq!(Due::parse("20 Working Days"), Some(Due::WorkingDays(20)));
        assert_eq!(Due::parse("1 working day after the meeting"), Some(Due::WorkingDays(1)));
        assert_eq!(Due::parse("soon"), None);
        assert_eq!(Due::parse("-3 Working Days"), None);
        // Across Good Friday and Easter Monday 2020.
        let due = Due::WorkingDays(20).date(d("2020-03-13"), &Calendar::default()).unwrap();
        assert_eq!(due, d("2020-04-14"));
    }

    #[test]
    fn ids_carry_their_meeting_and_owners_their_organisation() {
        assert!(is_action_id("SECP78/01", "SECP", 78));
        assert!(!is_action_id("SECP77/01", "SECP", 78));
        assert!(!is_action_id("SECP78/", "SECP", 78));
        assert!(!is_action_id("SECP78/1a", "SECP", 78));
        for good in ["SECAS", "DCC", "Holly Burton (SECAS)", "SECAS, DCC", "SECAS and Ann O'Neill (DCC)"] {
            assert!(is_owner(good), "{good}");
        }
        for bad in ["", "secas", "the DCC", "Holly Burton", "SECAS;DCC", "Holly burton (SECAS)"] {
            assert!(!is_owner(bad), "{bad}");
        }
        assert_eq!(suggest_owner("secas").as_deref(), Some("SECAS"));
        assert_eq!(suggest_owner("the DCC"), None);
    }
}
