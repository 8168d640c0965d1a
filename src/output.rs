//! Stage 6, write: outputs land whole or not at all.
//!
//! Every file of a run is first written to a temporary file beside its target; only when
//! all of them are written are they renamed over their targets. A run that fails (bad
//! input, a full disk) leaves no half-written file and replaces no earlier output, and a
//! multi-file run (a meeting) never leaves its folder half old, half new.

use crate::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

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
    write_all(&[OutputFile { path: path.to_path_buf(), bytes: bytes.to_vec() }])
}

/// Writes every file: all to temporary files first, then all renamed into place.
pub fn write_all(files: &[OutputFile]) -> Result<(), Error> {
    let staged =
        files.iter().map(|f| stage(&f.path, &f.bytes).map(|temp| (temp, &f.path))).collect::<Result<Vec<_>, _>>()?;
    for (temp, path) in staged {
        temp.persist(path).map_err(|e| Error::Io { path: path.clone(), source: e.error })?;
    }
    Ok(())
}

fn stage(path: &Path, bytes: &[u8]) -> Result<NamedTempFile, Error> {
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
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_file_leaves_every_earlier_output_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.md");
        std::fs::write(&good, "old").unwrap();
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, "a file where a folder is needed").unwrap();
        let files = [
            OutputFile { path: good.clone(), bytes: b"new".to_vec() },
            OutputFile { path: blocked.join("b.md"), bytes: b"new".to_vec() },
        ];
        assert!(write_all(&files).is_err());
        assert_eq!(std::fs::read_to_string(&good).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file is left behind: {names:?}");
    }
}
