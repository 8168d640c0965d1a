//! A meeting's decision and action log as it will be printed: each item's recommendations
//! with their outcomes, the actions set and those closed, each part marked and, for an
//! edition, withheld by its class as a paper's parts are.

use super::cycle::{AgendaEntry, Outcomes, TrackedAction};
use crate::domain::{Classification, MeetingReference, dates};
use chrono::NaiveDate;
use serde::Serialize;

/// The decision and action log of a meeting, or of one of its editions.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionLog {
    /// The committee's name.
    pub committee_name: String,
    /// The meeting number.
    pub meeting: u32,
    /// `SECP_78_1303`.
    pub reference: MeetingReference,
    /// The day it was held (templates get it in UK long form).
    #[serde(serialize_with = "dates::serialize_uk_long")]
    pub date: NaiveDate,
    /// The edition's class, when this is an edition.
    pub edition: Option<Classification>,
    /// The highest class of what it shows.
    pub marking: Classification,
    /// Each agenda item with outcomes, in agenda order.
    pub items: Vec<LoggedItem>,
    /// The actions the meeting set.
    pub actions: Vec<LoggedAction>,
    /// The actions the meeting closed.
    pub closed: Vec<LoggedAction>,
}

/// An agenda item in the log.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedItem {
    /// Its key (comparisons match items by it).
    pub key: String,
    /// Its number.
    pub number: u32,
    /// The paper's reference; empty for an item without a paper.
    pub reference: String,
    /// Its title (empty when withheld).
    pub title: String,
    /// The outcome given to the item as a whole (empty when none, or withheld).
    pub outcome: String,
    /// Its recommendations.
    pub recommendations: Vec<LoggedRecommendation>,
    /// The paper's base class, or the item's.
    pub classification: Classification,
    /// Its portion mark (`\[AMBER\]`), or nothing.
    pub mark: String,
    /// Whether the edition withholds it.
    pub withheld: bool,
}

/// A recommendation with its outcome.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRecommendation {
    /// `4.1`.
    pub number: String,
    /// The verb.
    pub verb: String,
    /// The rest of its sentence.
    pub text: String,
    /// `AGREED`, `AMENDED`… ("—" when none was recorded).
    pub outcome: String,
    /// For AMENDED: the recommendation as agreed.
    pub wording: String,
    /// A line printed with the outcome.
    pub note: String,
    /// Its class.
    pub classification: Classification,
    /// Its portion mark (`\[AMBER\]`), or nothing.
    pub mark: String,
    /// Whether the edition withholds it (then only its number and class are kept).
    pub withheld: bool,
}

/// An action in the log.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedAction {
    /// Its place in its list, which a withheld action keeps.
    pub number: usize,
    /// `SECP78/01` (this and every text below empty when withheld).
    pub id: String,
    /// What is to be done (Markdown).
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// When it is due, in UK long form.
    pub due: String,
    /// What it arose from.
    pub from: String,
    /// Its class.
    pub classification: Classification,
    /// Its portion mark (`\[AMBER\]`), or nothing.
    pub mark: String,
    /// Whether the edition withholds it.
    pub withheld: bool,
}

impl DecisionLog {
    /// The log of `outcomes` for the agenda `entries`; for an `edition`, every part above
    /// its class is withheld with everything inside it, and the log is marked by what is
    /// left (a log that shows nothing classified is WHITE).
    pub fn build(
        (committee_name, reference): (&str, &MeetingReference),
        entries: &[AgendaEntry],
        outcomes: &Outcomes,
        edition: Option<Classification>,
        marked_above: Option<Classification>,
    ) -> DecisionLog {
        let shown = |class: Classification| !crate::domain::edition::withholds(edition, class);
        // A row classed other than what holds it carries its portion mark, as a paper's parts
        // do: an item or action other than the log's own class (the manifest's), a
        // recommendation other than its item; none on a withheld row, none when marks are off.
        let mark = |class: Classification, container: Option<Classification>, withheld: bool| match container
            .or(marked_above)
            .filter(|_| marked_above.is_some())
        {
            Some(base) if class != base && !withheld => crate::dialect::portion_mark(class),
            _ => String::new(),
        };
        let mut marking = Classification::White;
        let mut items = Vec::new();
        for entry in entries {
            let outcome = outcomes.items.iter().find(|o| o.key == entry.key);
            // An item without a paper is logged only when the meeting recorded something of it.
            if entry.reference.is_none() && outcome.is_none() {
                continue;
            }
            let withheld = !shown(entry.classification);
            if !withheld {
                marking = marking.max(entry.classification);
            }
            let recommendations = entry
                .recommendations
                .iter()
                .enumerate()
                .map(|(i, rec)| {
                    let withheld = withheld || !shown(rec.classification);
                    if !withheld {
                        marking = marking.max(rec.classification);
                    }
                    let given = outcome.and_then(|o| o.recommendations.get(i).cloned().flatten());
                    let word = given.as_ref().map(|g| g.decision).or(outcome.and_then(|o| o.overall));
                    let blank = |text: String| if withheld { String::new() } else { text };
                    LoggedRecommendation {
                        number: rec.number.clone(),
                        verb: blank(rec.verb.clone()),
                        text: blank(rec.text.clone()),
                        outcome: blank(word.map_or("—".to_string(), |w| w.to_string())),
                        wording: blank(given.as_ref().and_then(|g| g.wording.clone()).unwrap_or_default()),
                        note: blank(given.and_then(|g| g.note).unwrap_or_default()),
                        classification: rec.classification,
                        mark: mark(rec.classification, Some(entry.classification), withheld),
                        withheld,
                    }
                })
                .collect();
            let overall = outcome.and_then(|o| o.overall).filter(|_| entry.recommendations.is_empty());
            items.push(LoggedItem {
                key: entry.key.clone(),
                number: entry.number,
                reference: entry.reference.clone().unwrap_or_default(),
                title: if withheld { String::new() } else { entry.title.clone() },
                outcome: overall.filter(|_| !withheld).map(|o| o.to_string()).unwrap_or_default(),
                recommendations,
                classification: entry.classification,
                mark: mark(entry.classification, None, withheld),
                withheld,
            });
        }
        let mut list = |actions: &[TrackedAction]| -> Vec<LoggedAction> {
            actions
                .iter()
                .enumerate()
                .map(|(i, action)| {
                    let withheld = !shown(action.classification);
                    if !withheld {
                        marking = marking.max(action.classification);
                    }
                    let blank = |text: String| if withheld { String::new() } else { text };
                    LoggedAction {
                        number: i + 1,
                        id: blank(action.id.clone()),
                        text: blank(action.text.trim().to_string()),
                        owner: blank(action.owner.trim().to_string()),
                        due: blank(dates::uk_long(action.due)),
                        from: blank(action.from.clone()),
                        classification: action.classification,
                        mark: mark(action.classification, None, withheld),
                        withheld,
                    }
                })
                .collect()
        };
        let actions = list(&outcomes.set);
        let closed = list(&outcomes.closed);
        DecisionLog {
            committee_name: committee_name.to_string(),
            meeting: reference.meeting,
            reference: reference.clone(),
            date: reference.date,
            edition,
            marking,
            items,
            actions,
            closed,
        }
    }
}
