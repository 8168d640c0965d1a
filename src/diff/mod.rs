//! Draft comparison: what changed between two drafts of a paper (or two manifests of a
//! meeting), as changes to the paper — sections matched by heading, recommendations by
//! their wording, annex rows by their key column — with word-level detail.
//!
//! [`Alignment::of`] pairs the parts once; [`compare`] (the changes, for the report) and
//! [`redline`] (the annotated paper) both walk it.

mod agenda;
mod align;
mod alignment;
mod compare;
mod lcs;
pub mod meeting;
mod outcomes;
pub mod paper;
mod place;
mod redline;
mod report;
mod words;

pub use alignment::Alignment;
pub use compare::{Change, Detail, Kind, compare};
pub use place::{Aspect, Field, Place};
pub use redline::redline;
pub use report::{Marks, paper_report};
pub use words::{LineDiff, Seg};
