//! What a paper asks of the committee, and the verbs its recommendations may use.

use serde::Serialize;
use std::fmt;

/// The paper's action line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// For Information: the committee can only NOTE.
    Information,
    /// For Decision: at least one AGREE or APPROVE.
    Decision,
    /// For Discussion.
    Discussion,
    /// Another `For …` action, kept as written.
    Other(String),
}

impl Action {
    /// Reads `For Information` (any case) and the like; anything else must start with "For ".
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if !text.get(..4)?.eq_ignore_ascii_case("for ") {
            return None;
        }
        let what = text[4..].trim();
        Some(match what.to_ascii_lowercase().as_str() {
            "information" => Action::Information,
            "decision" => Action::Decision,
            "discussion" => Action::Discussion,
            "" => return None,
            _ => Action::Other(text.to_string()),
        })
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Information => f.write_str("For Information"),
            Action::Decision => f.write_str("For Decision"),
            Action::Discussion => f.write_str("For Discussion"),
            Action::Other(text) => f.write_str(text),
        }
    }
}

impl Serialize for Action {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The verbs a recommendation may start with.
pub const VERBS: [&str; 7] = ["NOTE", "AGREE", "APPROVE", "CONSIDER", "DISCUSS", "ENDORSE", "PROVIDE"];

/// The canonical (capitalised) verb, if `word` is one.
pub fn parse_verb(word: &str) -> Option<&'static str> {
    let upper = word.trim().to_ascii_uppercase();
    VERBS.into_iter().find(|v| *v == upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_actions() {
        assert_eq!(Action::parse("for information"), Some(Action::Information));
        assert_eq!(Action::parse("For Decision"), Some(Action::Decision));
        assert_eq!(Action::parse("For Review").unwrap().to_string(), "For Review");
        assert_eq!(Action::parse("Information"), None);
    }
}
