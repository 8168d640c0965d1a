//! The model's input: a paper that passed every check of the validate stage, with its
//! values parsed and its texts expanded, so that building the model cannot fail.

use crate::domain::{Action, Classification, Reference};
use crate::load::PaperSource;
use chrono::NaiveDate;

/// A paper whose every field has been checked and whose texts are expanded.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The source, with expanded texts in place of the templated ones.
    pub source: PaperSource,
    /// The paper's reference.
    pub reference: Reference,
    /// The paper's action.
    pub action: Action,
    /// The paper's class.
    pub classification: Classification,
    /// Each attachment's class, in order.
    pub attachment_classes: Vec<Classification>,
    /// The class of every section, recommendation, annex and row.
    pub parts: PartClasses,
    /// Who signs it off.
    pub author: String,
    /// Their team.
    pub team: String,
    /// The sign-off date.
    pub date: NaiveDate,
    /// Whether parts classed otherwise than what contains them show their class.
    pub portion_marks: bool,
}

/// The effective class of each part, in the paper's shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartClasses {
    /// Sections, with their subsections.
    pub sections: Vec<SectionClass>,
    /// Recommendation items.
    pub recommendations: Vec<Classification>,
    /// Annexes, with their rows.
    pub annexes: Vec<AnnexClass>,
}

/// A section's class and its subsections'.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionClass {
    /// The section's effective class.
    pub class: Classification,
    /// Its subsections'.
    pub subsections: Vec<SectionClass>,
}

/// An annex's class and its rows'.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnexClass {
    /// The annex's effective class.
    pub class: Classification,
    /// Each row's.
    pub rows: Vec<Classification>,
}
