//! Draft comparison: what changed between two drafts of a paper (or two manifests of a
//! meeting), as changes to the paper — sections matched by heading, recommendations by
//! their wording, annex rows by their key column — with word-level detail.

pub mod align;
pub mod alignment;
pub mod compare;
pub mod meeting;
pub mod paper;
pub mod place;
pub mod redline;
pub mod report;
pub mod words;
