//! A meeting's paper list (its index, and the cover of its pack) as it will be printed.

use crate::domain::{Classification, MeetingReference, PaperNumber, dates};
use chrono::NaiveDate;
use serde::Serialize;

/// The paper list of a meeting, or of one of its editions.
#[derive(Debug, Clone, Serialize)]
pub struct PaperList {
    /// The committee's name.
    pub committee_name: String,
    /// The meeting number.
    pub meeting: u32,
    /// `SECP_78_1303`.
    pub reference: MeetingReference,
    /// The day it is held (templates get it in UK long form).
    #[serde(serialize_with = "dates::serialize_uk_long")]
    pub date: NaiveDate,
    /// The venue, where the edition shows it.
    pub venue: Option<String>,
    /// The edition's class, when this is an edition.
    pub edition: Option<Classification>,
    /// Whether the agenda has more than papers to show: items without a paper, presenters
    /// or timings (the list then has their columns).
    pub agenda: bool,
    /// The papers (and items) in agenda order.
    pub rows: Vec<IndexRow>,
}

/// One row of a meeting's paper list.
#[derive(Debug, Clone, Serialize)]
pub struct IndexRow {
    /// The paper number (printed with two digits).
    pub number: PaperNumber,
    /// Paper reference.
    pub reference: String,
    /// Title.
    pub title: String,
    /// Action.
    pub action: String,
    /// The paper's marking in this edition; its base class when withheld.
    pub classification: Classification,
    /// Author.
    pub author: String,
    /// Whether the edition leaves the paper out (then its title and author are empty).
    pub withheld: bool,
    /// Whether it is an item without a paper (then it has no reference and no action).
    pub oral: bool,
    /// Who presents it: the manifest's presenter, else the paper's author (empty when withheld).
    pub presenter: String,
    /// Its timing, `10:00–10:15` or `15 minutes` (empty when the manifest gives none).
    pub time: String,
}
