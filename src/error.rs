//! The library's error type: invalid input (exit 1) or trouble around it (exit 2).

use crate::diagnostic::Diagnostics;
use std::path::PathBuf;

/// What went wrong in a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is wrong; every problem found is listed.
    #[error("{0}")]
    Invalid(Diagnostics),
    /// A file could not be read or written.
    #[error("{}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The command line asked for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// An error that, for this command, is trouble rather than a verdict: `diff` exits 1
    /// for "different", so an invalid draft there exits 2.
    #[error(transparent)]
    Trouble(Box<Error>),
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Invalid(d)
    }
}
