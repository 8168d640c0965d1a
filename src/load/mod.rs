//! Stage 1, load: read a YAML file into its source type, with positions for later stages.
//!
//! serde_yaml is used here and nowhere else, so that a maintained fork can replace it in one
//! place. Loading checks the file's shape against the JSON Schema of its source type first,
//! so that every unknown key and wrong type is reported in one run, not just the first.

mod editor_schema;
mod files;
mod generated;
pub mod guard;
mod lenient;
mod meeting_source;
mod outcomes;
mod positions;
mod source;
mod sources;
mod structure;
mod withheld;

pub use editor_schema::{SchemaKind, editor_schema};
pub use files::{Disk, Files, Unread, load_from, load_input_from};
pub use generated::{ActionsAnnex, Generated, GeneratedAnnexSource};
pub use lenient::Lenient;
pub use meeting_source::{ActionsSource, DefaultsSource, MeetingSource, PaperEntrySource, ProgressSource};
pub use outcomes::*;
pub use positions::{Positions, join};
pub use source::*;
pub use sources::{DataFromSource, Header, Matches, Origin, RowsFrom, Scalar, SheetRow, SourceFile};
pub use structure::schema_for;
pub use withheld::{WrittenClasses, redact};

use crate::diagnostic::{Diagnostic, Diagnostics, Kind, Position};
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
    /// The file's shape problems (unknown keys, wrong types) when it did not deserialise
    /// whole and was read part by part instead; empty otherwise.
    pub shape: Diagnostics,
    /// The field paths of the parts that could not be read (left at their defaults).
    pub broken: Vec<String>,
}

impl<T> Loaded<T> {
    /// The file's text, as read.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Field path → line and column.
    pub fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| Positions::index(&self.text))
    }

    /// Where byte `offset` of the text of the scalar at `path` is in the file.
    pub fn locate(&self, path: &str, offset: usize) -> Option<Position> {
        self.positions().locate(&self.text, path, offset)
    }

    /// Where line `line`, character `column` (1-based) of the scalar at `path`, whose text
    /// is `text`, is in the file.
    pub fn locate_line(&self, path: &str, text: &str, line: usize, column: usize) -> Option<Position> {
        self.positions().locate_line(&self.text, path, text, line, column)
    }

    /// The same text read as another type (a manifest given where a paper belongs: the
    /// error then says why it is not one).
    pub fn reread_as<U: DeserializeOwned + JsonSchema + Lenient>(&self) -> Result<Loaded<U>, Diagnostics> {
        parse(&self.file, &self.text)
    }

    /// An error of `kind` about the field at `path`, placed at its line when known.
    pub fn error_at(&self, kind: Kind, path: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(kind, &self.file, message).at_field(path).at(self.positions().nearest(path))
    }
}

/// Reads and parses one file. I/O trouble is an [`Error::Io`]; bad content is
/// [`Error::Invalid`] with every problem found.
pub fn load<T: DeserializeOwned + JsonSchema + Lenient>(file: &Path) -> Result<Loaded<T>, Error> {
    parse(file, &guard::read(file)?).map_err(Error::Invalid)
}

/// Parses `text` as the content of `file` (which is only used in messages).
///
/// A well-formed file deserialises directly. Only when that fails is the file checked
/// against the schema, which finds every shape problem at once instead of serde's first
/// (building the schema validator costs about a millisecond, which valid files skip).
/// A file whose shape is wrong but that can be read part by part ([`Lenient`]) comes back
/// `Ok` with its shape problems in [`Loaded::shape`], so that the meaning of the rest is
/// checked in the same run.
pub fn parse<T: DeserializeOwned + JsonSchema + Lenient>(file: &Path, text: &str) -> Result<Loaded<T>, Diagnostics> {
    let refused = guard::check(file, text);
    if refused.has_errors() {
        return Err(refused);
    }
    if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        let message = "the file is empty: it holds no YAML";
        return Err(Diagnostics(vec![
            Diagnostic::error(Kind::MissingKey, file, message).at(Some(Position { line: 1, column: 1 })),
        ]));
    }
    let loaded = |value, shape, broken| Loaded {
        file: file.to_path_buf(),
        text: text.to_string(),
        positions: OnceLock::new(),
        value,
        shape,
        broken,
    };
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => Ok(loaded(value, Diagnostics::default(), Vec::new())),
        Err(error) => {
            // What the quick look let through (a key given twice, a tag) is found here.
            let refused = guard::scan(file, text);
            if refused.has_errors() {
                return Err(refused);
            }
            let problems = shape_problems::<T>(file, text, &error);
            let json = serde_yaml::from_str::<serde_yaml::Value>(text).ok().and_then(|y| serde_json::to_value(y).ok());
            match json.as_ref().and_then(T::lenient) {
                Some((value, broken)) if problems.has_errors() => Ok(loaded(value, problems, broken)),
                _ => Err(problems),
            }
        }
    }
}

/// Every shape problem of a file that serde refused (`first_error`).
fn shape_problems<T: JsonSchema>(file: &Path, text: &str, first_error: &serde_yaml::Error) -> Diagnostics {
    let yaml: serde_yaml::Value = match serde_yaml::from_str(text) {
        Ok(yaml) => yaml,
        Err(e) => return yaml_error(file, &e),
    };
    let json = match serde_json::to_value(&yaml) {
        Ok(json) => json,
        Err(e) => {
            return Diagnostics(vec![Diagnostic::error(
                Kind::UnreadableData,
                file,
                format!("cannot read this YAML as data: {e}"),
            )]);
        }
    };
    let problems = structure::check::<T>(file, &json, &Positions::index(text));
    if problems.has_errors() {
        return problems;
    }
    // The schema is a little looser than serde (it cannot say everything serde checks).
    yaml_error(file, first_error)
}

/// An input file: a paper, or a meeting manifest (it lists `papers`).
#[derive(Debug, Clone)]
pub enum Input {
    /// A paper.
    Paper(Box<Loaded<PaperSource>>),
    /// A meeting manifest.
    Meeting(Box<Loaded<MeetingSource>>),
}

/// What diagnostics call standard input, read as an input file named `-`.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads and parses a file that may be a paper or a manifest, once: the YAML is read into a
/// value, which tells which it is and is then deserialised into it.
pub fn load_input(file: &Path) -> Result<Input, Error> {
    load_input_text(file, guard::read(file)?)
}

/// [`load_input`] of `text` already read, as the content of `file` (which is only used in
/// messages).
pub fn load_input_text(file: &Path, text: String) -> Result<Input, Error> {
    let refused = guard::check(file, &text);
    if refused.has_errors() {
        return Err(Error::Invalid(refused));
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| {
        // What the quick look let through (a key given twice) is found with its places.
        let refused = guard::scan(file, &text);
        Error::Invalid(if refused.has_errors() { refused } else { yaml_error(file, &e) })
    })?;
    let is_meeting = yaml.get("papers").is_some_and(serde_yaml::Value::is_sequence);
    fn from_value<T: DeserializeOwned + JsonSchema + Lenient>(
        file: &Path,
        text: String,
        yaml: serde_yaml::Value,
    ) -> Result<Loaded<T>, Error> {
        match serde_yaml::from_value::<T>(yaml) {
            Ok(value) => Ok(Loaded {
                file: file.to_path_buf(),
                text,
                positions: OnceLock::new(),
                value,
                shape: Diagnostics::default(),
                broken: Vec::new(),
            }),
            // Errors are rare: parse the text again for serde's positions.
            Err(_) => parse(file, &text).map_err(Error::Invalid),
        }
    }
    Ok(if is_meeting {
        Input::Meeting(Box::new(from_value(file, text, yaml)?))
    } else {
        Input::Paper(Box::new(from_value(file, text, yaml)?))
    })
}

fn yaml_error(file: &Path, error: &serde_yaml::Error) -> Diagnostics {
    let position = error.location().map(|l| Position { line: l.line(), column: l.column() });
    // serde_yaml appends " at line L column C" to its message; we print the position ourselves.
    let message = error.to_string();
    let message = match message.find(" at line ") {
        Some(cut) if position.is_some() => message[..cut].to_string(),
        _ => message,
    };
    Diagnostics(vec![Diagnostic::error(Kind::InvalidYaml, file, format!("invalid YAML: {message}")).at(position)])
}
