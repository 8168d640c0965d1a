//! Section numbers as a type, so that templates print them and never compute them.

use serde::Serialize;
use std::fmt;

/// A hierarchical section number: `3`, `3.1`, `3.1.2`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectionNumber(Vec<usize>);

impl SectionNumber {
    /// The empty number above the top-level sections.
    pub fn root() -> Self {
        SectionNumber(Vec::new())
    }

    /// The top-level section `n`.
    pub fn top(n: usize) -> Self {
        SectionNumber(vec![n])
    }

    /// How many levels deep it is: `3` is 1, `3.1` is 2.
    pub fn depth(&self) -> usize {
        self.0.len()
    }

    /// The `n`th child of this number: `3` → `3.n`.
    pub fn child(&self, n: usize) -> Self {
        let mut parts = self.0.clone();
        parts.push(n);
        SectionNumber(parts)
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
        s.collect_str(self)
    }
}
