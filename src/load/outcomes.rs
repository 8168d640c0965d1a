//! What a meeting decided, as the clerk records it after the meeting in `outcomes.yaml`
//! beside the manifest: each agenda item's outcomes, the actions set, the actions closed.
//!
//! Outcomes, ids, owners and due dates stay strings here, so that the meeting stage can
//! report every bad one at once, at its line.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The file that holds a meeting's outcomes, beside its manifest.
pub const OUTCOMES_FILE: &str = "outcomes.yaml";

/// `outcomes.yaml`: what the meeting decided and the actions it set and closed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomesSource {
    /// The outcome of each agenda item the meeting decided on, each named by its key.
    pub outcomes: Vec<ItemOutcomeSource>,
    /// Actions set at the meeting that arise from no one agenda item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionSource>,
    /// The ids of earlier meetings' actions that this meeting closed (done, or no longer
    /// needed): they are not carried forward again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closes: Vec<String>,
}

/// The outcomes of one agenda item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemOutcomeSource {
    /// The item's key in the manifest: a paper's file name without `.yaml` (or its `key`),
    /// or an item's `key`.
    pub item: String,
    /// The outcome of every recommendation not given its own: AGREED, APPROVED, NOTED,
    /// NOT AGREED, DEFERRED.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// One outcome per recommendation, in the paper's order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<RecommendationOutcomeSource>,
    /// Actions arising from the item as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionSource>,
}

/// A recommendation's outcome: the word alone, or with its amended wording, a note and the
/// actions it set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RecommendationOutcomeSource {
    /// `AGREED`.
    Outcome(String),
    /// `{outcome: AMENDED, wording: …, actions: […]}`.
    Detailed(RecommendationOutcomeDetail),
}

/// A recommendation's outcome with what goes with it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationOutcomeDetail {
    /// AGREED, APPROVED, NOTED, NOT AGREED, DEFERRED or AMENDED.
    pub outcome: String,
    /// For AMENDED: the recommendation as agreed, verb first, on one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<String>,
    /// A line the decision log prints with the outcome ("to the April meeting").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Actions the recommendation's outcome set: they carry its class.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionSource>,
}

impl RecommendationOutcomeSource {
    /// The outcome word as written.
    pub fn outcome(&self) -> &str {
        match self {
            RecommendationOutcomeSource::Outcome(word) => word,
            RecommendationOutcomeSource::Detailed(detail) => &detail.outcome,
        }
    }

    /// The details (none for the word alone).
    pub fn detail(&self) -> Option<&RecommendationOutcomeDetail> {
        match self {
            RecommendationOutcomeSource::Outcome(_) => None,
            RecommendationOutcomeSource::Detailed(detail) => Some(detail),
        }
    }
}

/// An action: who does what by when.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionSource {
    /// `SECP78/01`: the committee's code and the meeting's number, `/`, the action's number.
    pub id: String,
    /// What is to be done: Markdown, as an annex cell holds it.
    pub text: String,
    /// Who does it: an organisation's code (`SECAS`), or a name with one (`Holly Burton
    /// (SECAS)`); several separated by `, `.
    pub owner: String,
    /// `YYYY-MM-DD`, or `N Working Days` after the meeting.
    pub due: String,
    /// Its own class, if above what it arises from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
}

impl crate::load::Lenient for OutcomesSource {
    fn lenient(_: &serde_json::Value) -> Option<(Self, Vec<String>)> {
        None
    }
}
