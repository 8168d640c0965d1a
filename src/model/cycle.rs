//! The committee's records from meeting to meeting: the actions it tracks, what a meeting
//! decided, and the agenda items a paper's generated annexes print (open actions, the
//! forward plan), each with the class of what it came from.

use crate::domain::outcome::Decision;
use crate::domain::working_days::Calendar;
use crate::domain::{Classification, dates};
use crate::load::{AnnexSource, ClassifiedRow, RowSource};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// An action the committee tracks until a meeting closes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackedAction {
    /// `SECP78/01`.
    pub id: String,
    /// What is to be done (Markdown, as an annex cell holds it).
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// When it is due (templates get it in UK long form).
    #[serde(serialize_with = "dates::serialize_uk_long")]
    pub due: NaiveDate,
    /// Its class: its own, or that of what it arose from (a recommendation, a paper, the
    /// meeting), whichever is higher.
    pub classification: Classification,
    /// The meeting that set it.
    pub meeting: u32,
    /// What it arose from: `SECP_78_1303_28 (4.1)`, `Item 31`, or empty for the meeting.
    pub from: String,
}

/// What the secretariat reports on an open action at a meeting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    /// Reported complete.
    pub done: bool,
    /// The status note (Markdown, as an annex cell holds it).
    pub note: Option<String>,
}

/// A recommendation's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendationOutcome {
    /// The outcome.
    pub decision: Decision,
    /// For AMENDED: the recommendation as agreed.
    pub wording: Option<String>,
    /// A line printed with the outcome.
    pub note: Option<String>,
}

/// The outcomes of one agenda item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemOutcome {
    /// The item's key.
    pub key: String,
    /// The outcome given to the item as a whole (every recommendation without its own).
    pub overall: Option<Decision>,
    /// One per recommendation of the paper, in order; `None` where none was recorded.
    pub recommendations: Vec<Option<RecommendationOutcome>>,
}

/// A meeting's outcomes, checked: what it decided, the actions it set and closed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcomes {
    /// Per agenda item, in the order written.
    pub items: Vec<ItemOutcome>,
    /// The actions set, in the order written.
    pub set: Vec<TrackedAction>,
    /// The actions closed, as the register held them when the meeting started.
    pub closed: Vec<TrackedAction>,
}

/// An agenda item as the committee's records need it: what its outcomes are checked
/// against and printed with.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaEntry {
    /// Its key.
    pub key: String,
    /// Its number.
    pub number: u32,
    /// The paper's reference; `None` for an item without a paper.
    pub reference: Option<String>,
    /// Its title (empty where the edition withholds the paper).
    pub title: String,
    /// The paper's base class, or the item's class.
    pub classification: Classification,
    /// The paper's recommendations, in order (none for an item without a paper).
    pub recommendations: Vec<RecommendationEntry>,
}

/// A recommendation as the decision log prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendationEntry {
    /// `4.1`.
    pub number: String,
    /// The verb (empty where withheld).
    pub verb: String,
    /// The rest of its sentence (empty where withheld).
    pub text: String,
    /// Its class.
    pub classification: Classification,
}

/// The columns of an actions annex.
pub const ACTION_COLUMNS: [&str; 5] = ["Action", "Description", "Owner", "Due", "Status"];

/// The open actions as an annex's columns and rows, most urgent first: each row carries
/// the action's class where it is above the annex's, and its status at a meeting held on
/// `meeting` (complete, overdue by so many Working Days, or the secretariat's note).
pub fn actions_annex(
    annex: &mut AnnexSource,
    open: &[TrackedAction],
    progress: &BTreeMap<String, Progress>,
    meeting: NaiveDate,
    calendar: &Calendar,
    annex_class: Classification,
) {
    let mut open: Vec<&TrackedAction> = open.iter().collect();
    open.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    annex.columns = ACTION_COLUMNS.iter().map(|c| c.to_string()).collect();
    annex.rows = open
        .into_iter()
        .map(|action| {
            let report = progress.get(&action.id).cloned().unwrap_or_default();
            let overdue = calendar.working_days_after(action.due, meeting);
            let flag = match (report.done, overdue) {
                (true, _) => Some("Complete".to_string()),
                (false, 0) => None,
                (false, 1) => Some("Overdue by 1 Working Day".to_string()),
                (false, n) => Some(format!("Overdue by {n} Working Days")),
            };
            let status = match (flag, report.note) {
                (Some(flag), Some(note)) => format!("{flag}\n\n{}", note.trim()),
                (Some(flag), None) => flag,
                (None, Some(note)) => note.trim().to_string(),
                (None, None) => "Open".to_string(),
            };
            let cells = vec![
                action.id.clone(),
                action.text.trim().to_string(),
                action.owner.trim().to_string(),
                dates::uk_long(action.due),
                status,
            ];
            row(cells, action.classification, annex_class)
        })
        .collect();
    if annex.rows.is_empty() {
        annex.rows.push(RowSource::Cells(vec![
            "—".into(),
            "No action is open.".into(),
            String::new(),
            String::new(),
            String::new(),
        ]));
    }
}

/// An agenda item of a later meeting, for a forward plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedItem {
    /// The meeting's reference, `SECP_79_1404`.
    pub meeting: String,
    /// The meeting's date.
    pub date: NaiveDate,
    /// The paper's title, or the item's.
    pub title: String,
    /// The paper's action, or "Oral update" for an item without a paper.
    pub action: String,
    /// The paper's base class, or the item's class.
    pub classification: Classification,
}

/// The columns of a forward plan annex.
pub const PLAN_COLUMNS: [&str; 4] = ["Meeting", "Date", "Item", "Action"];

/// The later meetings' agenda items as an annex's columns and rows, in date order.
pub fn plan_annex(annex: &mut AnnexSource, items: &[PlannedItem], annex_class: Classification) {
    annex.columns = PLAN_COLUMNS.iter().map(|c| c.to_string()).collect();
    annex.rows = items
        .iter()
        .map(|item| {
            let cells = vec![item.meeting.clone(), dates::uk_long(item.date), item.title.clone(), item.action.clone()];
            row(cells, item.classification, annex_class)
        })
        .collect();
    if annex.rows.is_empty() {
        let none = "No later meeting is drafted yet.".to_string();
        annex.rows.push(RowSource::Cells(vec!["—".into(), String::new(), none, String::new()]));
    }
}

/// A row, classified when its class is above its annex's (below it, a class of its own
/// would have no effect).
fn row(cells: Vec<String>, class: Classification, annex_class: Classification) -> RowSource {
    if class > annex_class {
        RowSource::Classified(ClassifiedRow { cells, classification: class.name().to_string() })
    } else {
        RowSource::Cells(cells)
    }
}
