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
    /// Sign-off values for papers that do not give their own.
    #[serde(default)]
    pub defaults: DefaultsSource,
    /// The papers, in agenda order.
    pub papers: Vec<PaperEntrySource>,
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

/// One paper of the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperEntrySource {
    /// The paper's YAML, relative to the manifest.
    pub file: String,
    /// The name other papers cite it by (`paper_ref(key="…")`); default the file's stem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Its paper number; default the previous paper's plus one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
}
