//! Where a run's YAML inputs are read from: the disk, or another store of the same paths
//! (a git revision, read by what the binary injects: the library spawns no process).

use super::{Input, Lenient, Loaded, guard};
use crate::error::Error;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use std::path::Path;

/// A store of input files, addressed by the paths the user and the manifests give.
pub trait Files: Sync {
    /// The text of `file`, refused as [`guard::read`] refuses a file on disk.
    fn read(&self, file: &Path) -> Result<String, Error>;
    /// Whether the store holds `file` (a manifest beside a paper is looked for with it).
    fn is_file(&self, file: &Path) -> bool;
}

/// The files on disk.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Files for Disk {
    fn read(&self, file: &Path) -> Result<String, Error> {
        guard::read(file)
    }

    fn is_file(&self, file: &Path) -> bool {
        file.is_file()
    }
}

/// [`super::load`] from `files`.
pub fn load_from<T: DeserializeOwned + JsonSchema + Lenient>(
    files: &dyn Files,
    file: &Path,
) -> Result<Loaded<T>, Error> {
    super::parse(file, &files.read(file)?).map_err(Error::Invalid)
}

/// [`super::load_input`] from `files`.
pub fn load_input_from(files: &dyn Files, file: &Path) -> Result<Input, Error> {
    super::load_input_text(file, files.read(file)?)
}
