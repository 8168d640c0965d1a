//! The ground floor: values with rules, each checked once where it is parsed and never
//! compared as a string afterwards. Every stage above may use them; they use nothing of
//! the stages.

mod action;
mod classification;
pub mod dates;
pub mod edition;
pub mod numbers;
pub mod outcome;
mod reference;
pub mod schedule;
pub mod working_days;

pub use action::{Action, Verb};
pub use classification::Classification;
pub use reference::{MeetingReference, PaperNumber, Reference, is_committee_code};
