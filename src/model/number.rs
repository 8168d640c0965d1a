//! Section numbers as a type, so that templates print them and never compute them.

use serde::Serialize;
use std::fmt;

/// A hierarchical section number: `3`, `3.1`, `3.1.2`.
///
/// In a redline a number may be shown marked against the old draft's (`{--3--}{++4++}`):
/// the mark is how templates print it; the number itself is what compares.
#[derive(Debug, Clone)]
pub struct SectionNumber(Vec<usize>, Option<String>);

impl PartialEq for SectionNumber {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for SectionNumber {}

impl PartialOrd for SectionNumber {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SectionNumber {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

impl std::hash::Hash for SectionNumber {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl SectionNumber {
    /// The empty number above the top-level sections.
    pub fn root() -> Self {
        SectionNumber(Vec::new(), None)
    }

    /// The top-level section `n`.
    pub fn top(n: usize) -> Self {
        SectionNumber(vec![n], None)
    }

    /// How many levels deep it is: `3` is 1, `3.1` is 2.
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    /// The `n`th child of this number: `3` → `3.n`.
    pub fn child(&self, n: usize) -> Self {
        let mut parts = self.0.clone();
        parts.push(n);
        SectionNumber(parts, None)
    }

    /// The same number, printed as `shown` (a redline's CriticMarkup of old and new).
    pub fn shown_as(&self, shown: String) -> Self {
        SectionNumber(self.0.clone(), Some(shown))
    }
}

impl fmt::Display for SectionNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, part) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

impl Serialize for SectionNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.1 {
            Some(shown) => s.serialize_str(shown),
            None => s.collect_str(self),
        }
    }
}
