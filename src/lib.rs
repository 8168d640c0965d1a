//! panelpaper: numbered SEC Panel papers, as Markdown, tagged PDF, HTML and Word, from YAML.
//!
//! The pipeline, one module per stage: [`load`] → validate → [`model`] → [`markdown`]
//! (the [`dialect`]), then from the dialect's parse each writer: [`layout`] → [`pdf`],
//! [`html`], [`docx`]; [`output`] writes the files. [`pipeline`] joins the stages for one
//! paper; [`meeting`] and [`diff`] sit on top of it; [`commands`] wires them together
//! for each subcommand of the binary, which only parses arguments and prints what the
//! library returns. Values with rules live on the ground floor, in [`domain`]. [`sources`]
//! reads the spreadsheets a paper's figures come from, between load and validate. [`import`]
//! goes the other way: a Word paper back into the paper format.
//!
//! The layers, top to bottom, are listed in `docs/architecture.md`; a test fails when a
//! module imports one above it.

pub mod commands;
pub mod diagnostic;
pub mod dialect;
pub mod diff;
pub mod docx;
pub mod domain;
pub mod error;
pub mod fonts;
pub mod fuzz;
pub mod html;
pub mod import;
pub mod layout;
pub mod load;
pub mod markdown;
pub mod meeting;
pub mod model;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod sample;
pub mod site;
pub mod sources;
pub mod theme;
pub(crate) mod validate;
pub mod watch;
pub mod writers;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use error::Error;
