//! panelpaper: numbered SEC Panel papers, as Markdown and PDF, from YAML.
//!
//! The pipeline, one module per stage: [`load`] → [`validate`] → [`model`] → [`markdown`]
//! → [`layout`] → [`pdf`] → [`output`]. [`meeting`] and [`diff`] sit on the same stages;
//! [`commands`] puts them together for each subcommand of the binary, which only parses
//! arguments and prints what the library returns.

#![warn(missing_docs)]

pub mod commands;
pub mod diagnostic;
pub mod dialect;
pub mod diff;
pub mod domain;
pub mod error;
pub mod layout;
pub mod load;
pub mod markdown;
pub mod meeting;
pub mod model;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod sample;
pub mod validate;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::Error;
