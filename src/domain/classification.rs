//! Traffic Light Protocol classes, ordered from least to most restrictive.

use serde::Serialize;
use std::fmt;

/// A TLP class. The order is the order of restriction: `White < Green < … < Red`.
// No `Default`: a class is always read or computed, never assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Classification {
    /// Public (TLP 2.0 calls it CLEAR).
    White,
    /// The community.
    Green,
    /// Recipients' organisations and their clients, on a need-to-know basis.
    Amber,
    /// Recipients' organisations only.
    AmberStrict,
    /// Named recipients only.
    Red,
}

impl Classification {
    /// Every class, least restrictive first.
    pub const ALL: [Classification; 5] = [
        Classification::White,
        Classification::Green,
        Classification::Amber,
        Classification::AmberStrict,
        Classification::Red,
    ];

    /// Reads a class name, case-insensitively; `CLEAR` is WHITE.
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_uppercase().replace([' ', '_'], "+").as_str() {
            "WHITE" | "CLEAR" | "TLP:WHITE" | "TLP:CLEAR" => Some(Classification::White),
            "GREEN" | "TLP:GREEN" => Some(Classification::Green),
            "AMBER" | "TLP:AMBER" => Some(Classification::Amber),
            "AMBER+STRICT" | "TLP:AMBER+STRICT" => Some(Classification::AmberStrict),
            "RED" | "TLP:RED" => Some(Classification::Red),
            _ => None,
        }
    }

    /// The marking in capitals: `WHITE`, `AMBER+STRICT`.
    pub fn name(self) -> &'static str {
        match self {
            Classification::White => "WHITE",
            Classification::Green => "GREEN",
            Classification::Amber => "AMBER",
            Classification::AmberStrict => "AMBER+STRICT",
            Classification::Red => "RED",
        }
    }

    /// The word used in running text: `White`, `Amber+Strict`.
    pub fn word(self) -> &'static str {
        match self {
            Classification::White => "White",
            Classification::Green => "Green",
            Classification::Amber => "Amber",
            Classification::AmberStrict => "Amber+Strict",
            Classification::Red => "Red",
        }
    }

    /// The template that holds this class's footer statement.
    pub fn statement_template(self) -> &'static str {
        match self {
            Classification::White => "classification/white.md",
            Classification::Green => "classification/green.md",
            Classification::Amber => "classification/amber.md",
            Classification::AmberStrict => "classification/amber-strict.md",
            Classification::Red => "classification/red.md",
        }
    }

    /// The colour of the TLP label printed at the top of AMBER and RED pages (TLP 2.0's
    /// colours, on black), as RGB from 0 to 1; WHITE and GREEN pages carry no label.
    pub fn label_colour(self) -> Option<(f32, f32, f32)> {
        match self {
            Classification::White | Classification::Green => None,
            Classification::Amber | Classification::AmberStrict => Some((1.0, 0.753, 0.0)),
            Classification::Red => Some((1.0, 0.169, 0.169)),
        }
    }

    /// The valid names, for error messages.
    pub fn valid_names() -> String {
        "WHITE (or CLEAR), GREEN, AMBER, AMBER+STRICT, RED".to_string()
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Classification {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_case_insensitively_and_clear_as_white() {
        assert_eq!(Classification::parse("clear"), Some(Classification::White));
        assert_eq!(Classification::parse("Amber+Strict"), Some(Classification::AmberStrict));
        assert_eq!(Classification::parse("amber strict"), Some(Classification::AmberStrict));
        assert_eq!(Classification::parse("Red"), Some(Classification::Red));
        assert_eq!(Classification::parse("PURPLE"), None);
    }

    #[test]
    fn orders_by_restriction() {
        assert!(Classification::White < Classification::Green);
        assert!(Classification::Amber < Classification::AmberStrict);
        assert!(Classification::AmberStrict < Classification::Red);
    }
}
