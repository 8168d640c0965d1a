//! Where a change is, as a value: the report prints it ("section 3.1 Performance
//! Measurement Report (PMR)"), and code compares it without reading the words.

use crate::domain::Classification;
use crate::model::SectionNumber;
use std::fmt;

/// A field of the paper outside its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The reference.
    Reference,
    /// The title.
    Title,
    /// The action line.
    Action,
    /// The author.
    Author,
    /// The author's team.
    Team,
    /// The sign-off date.
    Date,
}

/// Which side of a part a change concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    /// The part itself (its heading, title or text).
    Whole,
    /// Its class.
    Classification,
    /// Its description (an attachment).
    Description,
    /// Its columns (an annex).
    Columns,
}

/// Where a change is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The paper's marking.
    Classification,
    /// The paper's base class.
    BaseClassification,
    /// A field of the paper.
    Field(Field),
    /// A section or subsection; `number` is `None` where the section is named by heading
    /// alone (it moved or was renumbered).
    Section {
        /// Its number.
        number: Option<SectionNumber>,
        /// Its heading (empty when withheld).
        heading: String,
        /// Its class, when the edition withholds it.
        withheld: Option<Classification>,
        /// What of it changed.
        aspect: Aspect,
    },
    /// A recommendation item: by number, by wording, or both.
    Recommendation {
        /// Its number.
        number: Option<SectionNumber>,
        /// Its verb and text.
        wording: Option<String>,
    },
    /// An attachment.
    Attachment {
        /// Its title.
        title: String,
        /// What of it changed.
        aspect: Aspect,
    },
    /// An annex.
    Annex {
        /// Its letter.
        letter: String,
        /// Its title (empty when withheld).
        title: String,
        /// Its class, when the edition withholds it.
        withheld: Option<Classification>,
        /// What of it changed.
        aspect: Aspect,
    },
    /// An annex row, named by its key column; `column` for a changed cell.
    Row {
        /// The annex's letter.
        letter: String,
        /// The row's key column.
        key: String,
        /// The changed cell's column heading.
        column: Option<String>,
    },
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::Reference => "reference",
            Field::Title => "title",
            Field::Action => "action",
            Field::Author => "author",
            Field::Team => "team",
            Field::Date => "date",
        })
    }
}

impl fmt::Display for Aspect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Aspect::Whole => "",
            Aspect::Classification => " classification",
            Aspect::Description => " description",
            Aspect::Columns => " columns",
        })
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Classification => f.write_str("classification"),
            Place::BaseClassification => f.write_str("base classification"),
            Place::Field(field) => write!(f, "{field}"),
            Place::Section { number: None, heading, aspect, .. } => write!(f, "section {heading}{aspect}"),
            Place::Section { number: Some(number), withheld: Some(class), aspect, .. } => {
                write!(f, "section {number} (withheld: {class}){aspect}")
            }
            Place::Section { number: Some(number), heading, aspect, .. } => {
                write!(f, "section {number} {heading}{aspect}")
            }
            Place::Recommendation { number: Some(number), wording: Some(wording) } => {
                write!(f, "recommendation {number} {wording}")
            }
            Place::Recommendation { number: Some(number), wording: None } => write!(f, "recommendation {number}"),
            Place::Recommendation { number: None, wording } => {
                write!(f, "recommendation {}", wording.as_deref().unwrap_or_default())
            }
            Place::Attachment { title, aspect } => write!(f, "attachment {title}{aspect}"),
            Place::Annex { letter, withheld: Some(class), aspect, .. } => {
                write!(f, "Annex {letter} (withheld: {class}){aspect}")
            }
            Place::Annex { letter, title, aspect, .. } => write!(f, "Annex {letter} {title}{aspect}"),
            Place::Row { letter, key, column: None } => write!(f, "Annex {letter} row {key}"),
            Place::Row { letter, key, column: Some(column) } => write!(f, "Annex {letter} row {key}, {column}"),
        }
    }
}
