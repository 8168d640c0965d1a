//! Stage 1, load: read a YAML file into its source type, with positions for later stages.
//!
//! serde_yaml is used here and nowhere else, so that a maintained fork can replace it in one
//! place. Loading checks the file's shape against the JSON Schema of its source type first,
//! so that every unknown key and wrong type is reported in one run, not just the first.

mod positions;
mod source;
mod structure;

pub use positions::{Positions, join};
pub use source::*;
pub use structure::schema_for;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::error::Error;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A YAML file read into `T`, with what later stages need to point back into it.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// The file it came from, as given.
    pub file: PathBuf,
    /// The file's text, for positions.
    text: String,
    /// Field path → line and column, indexed on first use: valid files never need it.
    positions: OnceLock<Positions>,
    /// The content.
    pub value: T,
}

impl<T> Loaded<T> {
    /// Field path → line and column.
    pub fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| Positions::index(&self.text))
    }

    /// An error about the field at `path`, placed at its line when known.
    pub fn error_at(&self, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.file, message).at_field(path).at(self.positions().nearest(path))
    }
}

/// Reads and parses one file. I/O trouble is an [`Error::Io`]; bad content is
/// [`Error::Invalid`] with every problem found.
pub fn load<T: DeserializeOwned + JsonSchema>(file: &Path) -> Result<Loaded<T>, Error> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io { path: file.to_path_buf(), source })?;
    parse(file, &text).map_err(Error::Invalid)
}

/// Parses `text` as the content of `file` (which is only used in messages).
///
/// A well-formed file deserialises directly. Only when that fails is the file checked
/// against the schema, which finds every shape problem at once instead of serde's first
/// (building the schema validator costs about a millisecond, which valid files skip).
pub fn parse<T: DeserializeOwned + JsonSchema>(file: &Path, text: &str) -> Result<Loaded<T>, Diagnostics> {
    let first_error = match serde_yaml::from_str::<T>(text) {
        Ok(value) => {
            return Ok(Loaded { file: file.to_path_buf(), text: text.to_string(), positions: OnceLock::new(), value });
        }
        Err(error) => error,
    };
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| yaml_error(file, &e))?;
    let json = serde_json::to_value(&yaml)
        .map_err(|e| Diagnostics(vec![Diagnostic::error(file, format!("cannot read this YAML as data: {e}"))]))?;
    let problems = structure::check::<T>(file, &json, &Positions::index(text));
    if problems.has_errors() {
        return Err(problems);
    }
    // The schema is a little looser than serde (it cannot say everything serde checks).
    Err(yaml_error(file, &first_error))
}

/// Whether `file` is a meeting manifest (it lists `papers`) rather than a paper.
pub fn is_meeting_manifest(file: &Path) -> Result<bool, Error> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io { path: file.to_path_buf(), source })?;
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| Error::Invalid(yaml_error(file, &e)))?;
    Ok(yaml.get("papers").is_some_and(serde_yaml::Value::is_sequence))
}

fn yaml_error(file: &Path, error: &serde_yaml::Error) -> Diagnostics {
    let position = error.location().map(|l| Position { line: l.line(), column: l.column() });
    // serde_yaml appends " at line L column C" to its message; we print the position ourselves.
    let message = error.to_string();
    let message = match message.find(" at line ") {
        Some(cut) if position.is_some() => message[..cut].to_string(),
        _ => message,
    };
    Diagnostics(vec![Diagnostic::error(file, format!("invalid YAML: {message}")).at(position)])
}
