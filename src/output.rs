//! Stage 6, write: outputs land whole or not at all.
//!
//! Each file is written to a temporary file in the same folder and renamed over the target,
//! so a failed run never leaves half a file and never replaces a good earlier output.

use crate::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One output file's path and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes.
    pub path: PathBuf,
    /// What it holds.
    pub bytes: Vec<u8>,
}

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".panelpaper-");
    // tempfile creates files readable by the owner only; outputs are ordinary documents.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut temp = builder.tempfile_in(dir).map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Writes every file, each atomically; stops at the first failure.
pub fn write_all(files: &[OutputFile]) -> Result<(), Error> {
    files.iter().try_for_each(|f| write_atomic(&f.path, &f.bytes))
}
