//! Diagnostics: every problem found in an input file, with where it is and how to fix it.
//!
//! Stages collect these instead of stopping at the first problem, so one run reports
//! everything wrong with a file (Typst's habit). The binary prints them; the library never does.

mod printable;
pub mod render;

pub use printable::{one_line, printable, printable_path};

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the run, warnings are lints that are reported only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks output: the input is invalid.
    Error,
    /// Reported, but the paper is still produced.
    Warning,
}

/// Declares [`Kind`] with its codes and the list of all kinds, from one table.
macro_rules! kinds {
    ($($(#[$doc:meta])* $name:ident => $code:literal,)*) => {
        /// What a problem is, as a value (like ruff's rule ids): code filters and groups
        /// problems by kind, never by their words, and each kind has a stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($(#[$doc])* $name,)*
        }

        impl Kind {
            /// Every kind, in the order of the table.
            pub const ALL: &[Kind] = &[$(Kind::$name,)*];

            /// The stable code, e.g. `PP003`.
            pub fn code(self) -> &'static str {
                match self {
                    $(Kind::$name => $code,)*
                }
            }
        }
    };
}

kinds! {
    /// The file is not YAML.
    InvalidYaml => "PP001",
    /// The file is over the size limit.
    TooLarge => "PP007",
    /// The file is not UTF-8.
    NotUtf8 => "PP008",
    /// Values nested deeper than the limit.
    TooDeep => "PP009",
    /// A YAML tag.
    YamlTag => "PP016",
    /// A key given twice in one mapping.
    DuplicateYamlKey => "PP017",
    /// A control character (or U+FFFE, U+FFFF) in a value: no output can carry it (Word
    /// refuses the file).
    ControlCharacter => "PP018",
    /// The YAML cannot be read as data.
    UnreadableData => "PP002",
    /// A key the format does not have.
    UnknownKey => "PP003",
    /// A required key is missing.
    MissingKey => "PP004",
    /// A value of the wrong type.
    WrongType => "PP005",
    /// Another shape problem the schema finds.
    BadShape => "PP006",
    /// A date that is not `YYYY-MM-DD`.
    BadDate => "PP010",
    /// An unknown classification.
    UnknownClass => "PP011",
    /// A malformed committee code.
    BadCommittee => "PP012",
    /// An action that is not `For …`.
    BadAction => "PP013",
    /// A word that is not a recommendation verb.
    BadVerb => "PP014",
    /// A paper number outside 1 to 99.
    NumberOutOfRange => "PP015",
    /// Two papers of a meeting with one number.
    DuplicateNumber => "PP020",
    /// Two papers of a meeting with one key.
    DuplicateKey => "PP021",
    /// A paper that names no meeting part or sign-off value it needs.
    MissingValue => "PP022",
    /// A paper's own value that contradicts its meeting's manifest.
    ManifestConflict => "PP023",
    /// A `reference` that does not match the computed one.
    ReferenceMismatch => "PP024",
    /// A meeting without papers, or a paper without sections.
    NothingToRender => "PP030",
    /// A section heading that is empty, numbered or "Recommendations".
    BadHeading => "PP031",
    /// A `#`–`###` heading in a body, which would take a numbered place.
    BodyHeading => "PP032",
    /// A one-line field with a line break, a leading `#`, or too long.
    NotOneLine => "PP036",
    /// A body that would write the document's structure (front matter, a marker) or leave
    /// a construct open.
    BodyStructure => "PP037",
    /// A data entry without a value.
    EmptyData => "PP038",
    /// Author text that uses a template statement it may not, or grows too large.
    TextLimit => "PP045",
    /// A recommendation without items or text.
    EmptyRecommendation => "PP033",
    /// Verbs that do not fit the paper's action (a lint).
    ActionVerbs => "PP034",
    /// A date that does not fit the calendar: a paper signed off after its meeting, a
    /// meeting on a weekend or bank holiday (lints).
    DateLint => "PP039",
    /// A fourth level of sections, which has no numbered place.
    TooManyLevels => "PP046",
    /// An annex without columns, or a row with the wrong number of cells.
    AnnexShape => "PP035",
    /// A template expression in author text that fails.
    TextTemplate => "PP040",
    /// Author text that prints data classified above its part.
    DataAboveClass => "PP041",
    /// Author text that prints the whole template context.
    WholeContext => "PP042",
    /// A part classified below what contains it (a lint: its class has no effect).
    ClassBelowContainer => "PP043",
    /// A paper file a manifest names that cannot be read.
    UnreadablePaper => "PP025",
    /// A paper file outside the manifest's folder.
    OutsideFolder => "PP026",
    /// A user template that fails.
    Template => "PP050",
    /// A character the output's fonts cannot show.
    UnsupportedCharacter => "PP051",
    /// A problem inside a part an edition withholds, reported without its detail.
    Withheld => "PP044",
    /// A YAML alias or merge key: a copy that would escape its part's class.
    YamlAlias => "PP060",
    /// A class given in `data` anywhere but on a whole top-level entry.
    DataClassShape => "PP061",
    /// A source file that cannot be read: missing, of a kind panelpaper does not read,
    /// damaged, or password-protected.
    SourceUnreadable => "PP070",
    /// A source file outside the paper's (or manifest's) folder, or reached through a link
    /// that leads out.
    SourceOutside => "PP071",
    /// A source file over a bound: its size, what its zip inflates to, or its cells.
    SourceTooLarge => "PP072",
    /// A `data` entry or an annex's `rows_from` that names no source.
    UnknownSource => "PP073",
    /// A sheet the workbook does not have.
    UnknownSheet => "PP074",
    /// A cell or range that is not one (`C0`), or a cell outside the source's range.
    BadCell => "PP075",
    /// A column no header names, or that two headers name.
    UnknownColumn => "PP076",
    /// A cell read that holds an error (`#DIV/0!`, `#REF!`).
    ErrorCell => "PP077",
    /// A cell read that is a formula the workbook holds no value for.
    UncachedFormula => "PP078",
    /// A look-up that finds no row, or several.
    NoSuchRow => "PP079",
    /// A `data` entry read from an empty cell.
    EmptyCell => "PP080",
    /// A class column cell that names no class.
    BadRowClass => "PP081",
    /// A cell read whose text holds a character no output can carry.
    CellCharacter => "PP082",
    /// A source's settings, a `data` entry's or a `rows_from`'s, that do not fit together.
    SourceSettings => "PP083",
    /// A CSV file that is not in its encoding.
    SourceEncoding => "PP084",
    /// A date judged against the bank holidays outside the years their list covers (a
    /// lint: such a year may hold a proclaimed day the list lacks).
    OutsideHolidayList => "PP090",
    /// `import`: the file is not a Word `.docx` (an old `.doc`, RTF, PDF, damaged zip…).
    ImportNotDocx => "PP100",
    /// `import`: the document is password-protected (encrypted).
    ImportEncrypted => "PP101",
    /// `import`: the document is macro-enabled (`.docm`, `vbaProject.bin`).
    ImportMacros => "PP102",
    /// `import`: the file or its parts exceed the limits (a zip bomb).
    ImportTooLarge => "PP103",
    /// `import`: a part of the document is not well-formed XML.
    ImportBadXml => "PP104",
    /// `import`: no recognisable paper structure (no sections).
    ImportNoStructure => "PP105",
    /// `import`: a value a paper needs is not in the document (title, reference, sign-off).
    ImportMissing => "PP106",
    /// `import`: a block with no place in the paper, kept as text in a body (a warning).
    ImportUnmapped => "PP107",
    /// `import`: a picture or embedded object, not imported (a warning).
    ImportImage => "PP108",
    /// `import`: a comment in the document (a warning).
    ImportComment => "PP109",
    /// `import`: tracked changes accepted or rejected (a warning).
    ImportTrackedChanges => "PP110",
    /// `import`: a value guessed or given a default (a warning).
    ImportGuessed => "PP111",
    /// `import`: the document's markings disagree (a warning).
    ImportMarking => "PP112",
    /// `import`: the document's reference differs from the manifest's (a warning).
    ImportReference => "PP113",
    /// `import`: a character none of the PDF's fonts can show (a warning).
    ImportCharacter => "PP114",
    /// Outcomes for an agenda item the meeting does not have, or given twice.
    UnknownItem => "PP120",
    /// An outcome for a recommendation the paper does not have.
    NoSuchRecommendation => "PP121",
    /// A word that is not an outcome, or an amendment without its wording.
    BadOutcome => "PP122",
    /// An action id not in the form of the meeting that set it (`SECP78/01`).
    BadActionId => "PP123",
    /// An action id given twice, or already used by an earlier action.
    DuplicateActionId => "PP124",
    /// An action's owner not written as an owner is (`SECAS`, `Holly Burton (SECAS)`).
    BadOwner => "PP125",
    /// An action's due date that is neither a date nor a number of Working Days.
    BadDue => "PP126",
    /// Closing, or reporting on, an action that is not open.
    NotOpen => "PP127",
    /// A recommendation or paper without a recorded outcome (a lint).
    NoOutcome => "PP128",
    /// Template syntax in the committee's records, which are printed as written.
    RecordTemplate => "PP129",
    /// Trouble in the committee's folder of meetings: two folders for one meeting, a
    /// manifest beside this one that cannot be read (a warning).
    CommitteeFolder => "PP130",
    /// A generated annex that asks for nothing, or for two things, or has no meeting.
    GeneratedAnnex => "PP131",
    /// An agenda entry that is neither a paper nor an item, or whose timing does not read.
    AgendaEntry => "PP132",
    /// A schedule `next` cannot read.
    BadSchedule => "PP133",
    /// An actions annex with no records to draw on (a lint).
    NoRecords => "PP134",
    /// An action due on or before the meeting that set it (a lint).
    DueAlready => "PP135",
    /// An action, a note or an amended wording without its text.
    EmptyRecord => "PP136",
    /// A cross-reference (`ref(id="…")`) to an id no part of the paper has.
    UnknownRef => "PP140",
    /// A part's `id` that is not a name (letters, digits, `-`, `_`, from a letter).
    BadId => "PP141",
    /// An `id` that an earlier part of the paper already has.
    DuplicateId => "PP142",
    /// A row reference whose annex has no row, or several, with that first cell.
    NoSuchRowRef => "PP143",
}

/// A line and column in a source file, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem.
    pub kind: Kind,
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in.
    pub file: PathBuf,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// The field path (`annexes[0].rows[4]`), when the problem belongs to a field.
    pub field: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
    /// How to fix it, where that is obvious.
    pub hint: Option<String>,
    /// The other place a cross-file problem involves (the manifest's value a paper
    /// contradicts, the entry that already has a number), with what it is.
    pub related: Option<Related>,
}

/// A second labelled place of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Its file.
    pub file: PathBuf,
    /// Where in it.
    pub position: Option<Position>,
    /// What is there, e.g. "the manifest's value".
    pub label: String,
}

impl Diagnostic {
    /// This problem as an edition's run reports one inside the part at `part` that it
    /// withholds (a path that names nothing of it; empty for a whole file): where it is, and
    /// nothing of what it says (the key, the value, the hint that would name them).
    pub fn withhold(&mut self, edition: crate::domain::Classification, part: &str) {
        self.kind = Kind::Withheld;
        self.field = (!part.is_empty()).then(|| part.to_string());
        self.message = format!("a problem in a part the {edition} edition withholds");
        self.hint = Some("run `panelpaper check` on the paper to see it in full".into());
        self.related = None;
    }

    /// An error of `kind` in `file` with no position yet.
    pub fn error(kind: Kind, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            kind,
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: None,
            field: None,
            message: message.into(),
            hint: None,
            related: None,
        }
    }

    /// A warning (lint) of `kind` in `file`.
    pub fn warning(kind: Kind, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(kind, file, message) }
    }

    /// Names the field the problem belongs to.
    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Places the problem at a line and column.
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position.or(self.position);
        self
    }

    /// Adds the other place a cross-file problem involves.
    pub fn with_related(mut self, file: &Path, position: Option<Position>, label: impl Into<String>) -> Self {
        self.related = Some(Related { file: file.to_path_buf(), position, label: label.into() });
        self
    }

    /// Adds a suggestion.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this problem blocks output.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    /// `error: file.yaml:12:5: sections[1].heading: message` then `  hint: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}", self.file.display())?;
        if let Some(Position { line, column }) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = self.field.as_deref().filter(|f| !f.is_empty()) {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run; the error type of the validating stages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds all problems of another run.
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// Whether any problem blocks output.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Sorted by file, then position, so reports read top to bottom and are stable; a
    /// problem found twice (a paper listed twice in a manifest) is reported once.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            (&a.file, a.position, &a.field, &a.message).cmp(&(&b.file, b.position, &b.field, &b.message))
        });
        self.0.dedup();
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            write!(f, "\n{errors} error{} found", if errors == 1 { "" } else { "s" })?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The page of every code, with a bad example and its fix each.
const ERRORS_PAGE: &str = include_str!("../../docs/errors.md");

/// The entry of `code` (`PP003`, `pp3`, `3`) from `docs/errors.md`, heading included.
pub fn explain(code: &str) -> Option<String> {
    let digits = code.trim().trim_start_matches(['P', 'p']);
    let number: u32 = digits.parse().ok()?;
    let heading = format!("## PP{number:03} ");
    let start = ERRORS_PAGE.find(&heading)?;
    let rest = &ERRORS_PAGE[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |at| at + 4);
    Some(rest[..end].trim_end().to_string() + "\n")
}

/// The closest candidate to a misspelt name, when it is close enough to be a likely typo.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wrong.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_explained_in_docs_errors_md() {
        for kind in Kind::ALL {
            let entry = explain(kind.code()).unwrap_or_else(|| panic!("{} is not in docs/errors.md", kind.code()));
            assert!(entry.starts_with(&format!("## {} — ", kind.code())), "{entry}");
            assert!(entry.contains("```") && entry.contains("Fix: "), "{} has a bad example and its fix", kind.code());
        }
        assert_eq!(explain("pp3"), explain("PP003"));
        assert_eq!(explain("PP999"), None);
        // The page lists no code that does not exist.
        let listed = ERRORS_PAGE.matches("\n## PP").count();
        assert_eq!(listed, Kind::ALL.len());
    }

    #[test]
    fn every_kind_has_its_own_code() {
        let codes: std::collections::BTreeSet<&str> = Kind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), Kind::ALL.len());
        assert!(codes.iter().all(|c| c.len() == 5 && c.starts_with("PP")));
    }
}
