//! Annexes panelpaper writes itself from the committee's records: `{actions: open}` (the
//! actions carried forward) and `{forward_plan: N}` (the next meetings' agenda items).
//!
//! Such an annex is read into an [`AnnexSource`] with no columns or rows, marked
//! [`Generated`]; the meeting stage fills it before the paper is checked, so that every
//! later stage (classes, editions, numbering, outputs) treats it as any other annex.

use super::AnnexSource;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An annex the author asks panelpaper to write.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GeneratedAnnexSource {
    /// `open`: the committee's open actions, carried forward from earlier meetings'
    /// outcomes, with their status at this meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<ActionsAnnex>,
    /// The agenda items of the next N meetings drafted beside this one (their manifests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_plan: Option<u32>,
    /// The annex title, after "Annex A:"; default "Open Actions" or "Forward Plan".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its own class, if above the paper's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
}

/// Which actions an actions annex lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActionsAnnex {
    /// The actions open when the meeting starts.
    Open,
}

/// What an annex written as [`GeneratedAnnexSource`] asked for, and whether the meeting
/// stage has filled it yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// As the author wrote it.
    pub source: GeneratedAnnexSource,
    /// Whether its columns and rows are written.
    pub filled: bool,
}

/// An annex as written: a table, or one panelpaper writes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub(super) enum AnnexEntry {
    /// A table the author writes.
    Table(Box<AnnexSource>),
    /// A table panelpaper writes.
    Generated(GeneratedAnnexSource),
}

impl AnnexEntry {
    /// The annex every later stage reads.
    pub(super) fn into_annex(self) -> AnnexSource {
        match self {
            AnnexEntry::Table(annex) => *annex,
            AnnexEntry::Generated(source) => AnnexSource {
                title: source.title.clone().unwrap_or_default(),
                classification: source.classification.clone(),
                generated: Some(Generated { source, filled: false }),
                ..AnnexSource::default()
            },
        }
    }
}

/// `annexes` as written, tables or generated.
pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<AnnexSource>, D::Error> {
    let entries = Vec::<AnnexEntry>::deserialize(d)?;
    Ok(entries.into_iter().map(AnnexEntry::into_annex).collect())
}

/// `annexes` as the author wrote them: a generated annex as its request, not its rows.
pub(super) fn serialize<S: serde::Serializer>(annexes: &[AnnexSource], s: S) -> Result<S::Ok, S::Error> {
    let entries: Vec<AnnexEntry> = annexes
        .iter()
        .map(|annex| match &annex.generated {
            Some(generated) => AnnexEntry::Generated(generated.source.clone()),
            None => AnnexEntry::Table(Box::new(annex.clone())),
        })
        .collect();
    entries.serialize(s)
}

/// The annex at `json` as a generated one, if it reads as one.
pub(super) fn read(json: &serde_json::Value) -> Option<AnnexSource> {
    let source: GeneratedAnnexSource = serde_json::from_value(json.clone()).ok()?;
    Some(AnnexEntry::Generated(source).into_annex())
}
