//! The meeting manifest as the clerk writes it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `meeting.yaml`: a meeting and its papers in agenda order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingSource {
    /// Committee code, e.g. `SECP`.
    pub committee: String,
    /// The committee's name, e.g. `SEC Panel`.
    pub committee_name: String,
    /// Meeting number.
    pub meeting: u32,
    /// Meeting date, `YYYY-MM-DD`.
    pub date: String,
    /// Where it is held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<String>,
    /// Class of the meeting's paper list (index and pack cover); default WHITE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    /// The number given to the first paper without an explicit one; default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_number: Option<u32>,
    /// Bank holidays to add to the bundled England & Wales list, `YYYY-MM-DD` (a substitute
    /// day, a coronation, a year the list does not cover yet), for the meeting's date and
    /// the Working Days its papers count.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bank_holidays: Vec<String>,
    /// Whether its papers show portion marks (`[AMBER]` on each part classed otherwise than
    /// what contains it); default true; a paper's own `portion_marks` wins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portion_marks: Option<bool>,
    /// Spreadsheets and CSV files the papers' `data` entries and annexes may read, by name
    /// (a paper's own source of the same name is read instead).
    #[serde(
        default,
        skip_serializing_if = "std::collections::BTreeMap::is_empty",
        deserialize_with = "super::source::unique_keys"
    )]
    pub sources: std::collections::BTreeMap<String, super::SourceFile>,
    /// Sign-off values for papers that do not give their own.
    #[serde(default)]
    pub defaults: DefaultsSource,
    /// When the committee meets, `second Friday of each month`: `next` dates the next
    /// meeting by it (the next Working Day when that day is a bank holiday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// The time the meeting starts, `10:00`: the agenda times its items from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Open actions from before the committee's outcomes were recorded, and the
    /// secretariat's report on the open actions for this meeting's actions annex.
    #[serde(default, skip_serializing_if = "ActionsSource::is_empty")]
    pub actions: ActionsSource,
    /// The agenda, in order: papers, and items without a paper (oral updates, any other
    /// business), numbered together.
    pub papers: Vec<PaperEntrySource>,
}

/// A manifest's `actions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionsSource {
    /// Actions still open that no earlier meeting's `outcomes.yaml` records (set before
    /// panelpaper kept them): they are carried forward as if it did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried: Vec<super::ActionSource>,
    /// What the secretariat reports on open actions at this meeting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub progress: Vec<ProgressSource>,
}

impl ActionsSource {
    /// Whether it says nothing.
    pub fn is_empty(&self) -> bool {
        self.carried.is_empty() && self.progress.is_empty()
    }
}

/// The secretariat's report on one open action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressSource {
    /// The action's id.
    pub id: String,
    /// Reported complete: the meeting may close it (`closes` in its outcomes).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
    /// What the annex's Status column says of it: Markdown, as an annex cell holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Sign-off defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DefaultsSource {
    /// Author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Sign-off date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// One item of the agenda: a paper (`file`), or an item without one (`item`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperEntrySource {
    /// The paper's YAML, relative to the manifest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// An item without a paper (an oral update, any other business): its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The name other papers and the outcomes cite it by (`paper_ref(key="…")`); default
    /// the file's stem, or the item's title in lower case with `-` for spaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Its number; default the previous item's plus one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Who presents it at the meeting (for a paper, default its author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    /// The minutes the agenda gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// On every meeting's agenda: `next` copies it into the next meeting's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recurring: bool,
    /// An item's class (a paper has its own); default the manifest's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
}
