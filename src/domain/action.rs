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

/// A verb a recommendation may start with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verb {
    /// NOTE
    Note,
    /// AGREE
    Agree,
    /// APPROVE
    Approve,
    /// CONSIDER
    Consider,
    /// DISCUSS
    Discuss,
    /// ENDORSE
    Endorse,
    /// PROVIDE
    Provide,
}

impl Verb {
    /// Every verb, in the order messages list them.
    pub const ALL: [Verb; 7] =
        [Verb::Note, Verb::Agree, Verb::Approve, Verb::Consider, Verb::Discuss, Verb::Endorse, Verb::Provide];

    /// Reads a verb in any case.
    pub fn parse(word: &str) -> Option<Verb> {
        let word = word.trim();
        Verb::ALL.into_iter().find(|v| v.as_str().eq_ignore_ascii_case(word))
    }

    /// The verb in capitals, as a recommendation prints it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Note => "NOTE",
            Verb::Agree => "AGREE",
            Verb::Approve => "APPROVE",
            Verb::Consider => "CONSIDER",
            Verb::Discuss => "DISCUSS",
            Verb::Endorse => "ENDORSE",
            Verb::Provide => "PROVIDE",
        }
    }

    /// Whether it asks for a decision (what a For Decision paper needs).
    pub fn decides(self) -> bool {
        matches!(self, Verb::Agree | Verb::Approve)
    }

    /// Every verb's name, for suggestions.
    pub fn names() -> impl Iterator<Item = &'static str> {
        Verb::ALL.into_iter().map(Verb::as_str)
    }
}

impl fmt::Display for Verb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
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

    #[test]
    fn reads_verbs_in_any_case() {
        assert_eq!(Verb::parse(" approve"), Some(Verb::Approve));
        assert_eq!(Verb::parse("NOTED"), None);
        assert!(Verb::Agree.decides() && !Verb::Note.decides());
    }
}
