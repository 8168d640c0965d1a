//! Where a run's inputs are read from — its YAML and the spreadsheets its papers read: the
//! disk, or another store of the same paths (a git revision, read by what the binary
//! injects: the library spawns no process).

use super::{Input, Lenient, Loaded, guard};
use crate::error::Error;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::Path;

/// Why [`Files::bytes`] read nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// The file holds more bytes than the limit: this many.
    TooLarge(u64),
    /// It cannot be read, for this reason (a message that says what to do).
    Cannot(String),
}

/// A store of input files, addressed by the paths the user and the manifests give.
pub trait Files: Sync {
    /// The text of `file`, refused as [`guard::read`] refuses a file on disk.
    fn read(&self, file: &Path) -> Result<String, Error>;
    /// Whether the store holds `file` (a manifest beside a paper is looked for with it).
    fn is_file(&self, file: &Path) -> bool;
    /// The bytes of `file` (a spreadsheet a paper reads), refused when it is not a regular
    /// file or holds more than `limit` bytes, never read past the limit.
    fn bytes(&self, file: &Path, limit: u64) -> Result<Vec<u8>, Unread>;
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

    fn bytes(&self, file: &Path, limit: u64) -> Result<Vec<u8>, Unread> {
        let cannot = |e: std::io::Error| Unread::Cannot(e.to_string());
        let metadata = std::fs::metadata(file).map_err(cannot)?;
        if !metadata.is_file() {
            return Err(Unread::Cannot("it is not a regular file".into()));
        }
        if metadata.len() > limit {
            return Err(Unread::TooLarge(metadata.len()));
        }
        // The file may grow between the look and the read: never read past the limit.
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        std::fs::File::open(file).map_err(cannot)?.take(limit + 1).read_to_end(&mut bytes).map_err(cannot)?;
        if bytes.len() as u64 > limit {
            return Err(Unread::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
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
