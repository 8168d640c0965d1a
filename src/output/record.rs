//! What panelpaper wrote in an output folder: the record (`.panelpaper-outputs`) that lets
//! a run own its folder.
//!
//! A run writes its record with its outputs, in the same commit. The next run into the
//! folder removes what the record lists that it does not make itself (so a GREEN build
//! after a full one leaves no RED paper behind), and refuses a folder holding files that no
//! record lists, which are someone else's, unless told to write beside them (`--force`);
//! it never removes such a file, nor one changed since panelpaper wrote it.

use super::journal::{RECORD, checksum, valid_name};
use crate::error::Error;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

const HEADER: &str = "panelpaper-outputs 1";

/// Each file's name in the folder and the hash of the bytes panelpaper wrote there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Record {
    pub(super) files: BTreeMap<String, u128>,
}

/// The hash a record keeps of a file's bytes.
pub(super) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

impl Record {
    /// The record's text, its checksum last.
    pub(super) fn text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        for (name, hash) in &self.files {
            out.push_str(&format!("{hash:032x}\t{}\n", serde_json::to_string(name).expect("strings serialise")));
        }
        let sum = checksum(&out);
        out.push_str(&format!("end\t{sum}\n"));
        out
    }

    /// The folder's record: `None` where there is none, an error where one is there but does
    /// not verify (its checksum, names of files in the folder only).
    pub(super) fn read(root: &Path) -> Result<Option<Record>, String> {
        let path = root.join(RECORD);
        let Ok(meta) = fs::symlink_metadata(&path) else { return Ok(None) };
        if !meta.is_file() {
            return Err("its record of outputs is not a regular file".into());
        }
        let text = fs::read_to_string(&path).map_err(|_| "its record of outputs cannot be read".to_string())?;
        let end = text.rfind("end\t").ok_or("its record of outputs has no end line")?;
        let (body, last) = text.split_at(end);
        if last.trim_end() != format!("end\t{}", checksum(body)) || !body.starts_with(&format!("{HEADER}\n")) {
            return Err("its record of outputs does not verify".into());
        }
        let mut files = BTreeMap::new();
        for line in body.lines().skip(1) {
            let (hash, name) = line.split_once('\t').ok_or("a line of its record of outputs is not a file")?;
            let hash = u128::from_str_radix(hash, 16).map_err(|_| "its record of outputs holds a bad hash")?;
            let name: String = serde_json::from_str(name).map_err(|_| "its record of outputs holds a bad name")?;
            if !valid_name(&name) || name.starts_with('.') {
                return Err("its record of outputs names a file outside the folder".into());
            }
            files.insert(name, hash);
        }
        Ok(Some(Record { files }))
    }
}

/// The entries of `root` that `record` does not list: files (or folders, or links) that
/// panelpaper did not write there. Hidden entries (`.git`, panelpaper's own) are not
/// outputs of anyone's and are left out.
pub(super) fn foreign(root: &Path, record: &Record) -> Result<Vec<String>, Error> {
    let entries = match fs::read_dir(root) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { path: root.to_path_buf(), source }),
    };
    let mut out: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.') && !record.files.contains_key(name))
        .collect();
    out.sort();
    Ok(out)
}

/// The refusal of a folder holding `foreign` files.
pub(super) fn foreign_error(root: &Path, foreign: &[String]) -> Error {
    let shown: Vec<String> = foreign.iter().take(5).map(|n| format!("`{}`", n.escape_debug())).collect();
    let more = if foreign.len() > 5 { format!(" and {} more", foreign.len() - 5) } else { String::new() };
    Error::Usage(format!(
        "{} holds files panelpaper did not write there ({}{more}): a run owns its output folder and \
         removes what an earlier run wrote that it does not make. Write into a new folder (-o), or \
         give --force to write beside them (they are left as they are)",
        root.display(),
        shown.join(", ")
    ))
}

/// Whether `name` in `root` is still what the record says panelpaper wrote: a regular file
/// (not a link) with those bytes.
pub(super) fn unchanged(root: &Path, name: &str, recorded: u128) -> bool {
    let path = root.join(name);
    fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
        && fs::read(&path).is_ok_and(|bytes| hash(&bytes) == recorded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_refuses_a_forged_record() {
        let dir = tempfile::tempdir().unwrap();
        let record = Record { files: BTreeMap::from([("A.pdf".to_string(), hash(b"a")), ("B.md".to_string(), 7)]) };
        fs::write(dir.path().join(RECORD), record.text()).unwrap();
        assert_eq!(Record::read(dir.path()), Ok(Some(record.clone())));
        let forged = record.text().replace("B.md", "../B.md");
        fs::write(dir.path().join(RECORD), forged).unwrap();
        assert!(Record::read(dir.path()).is_err());
        let outside = Record { files: BTreeMap::from([("../etc".to_string(), 1)]) };
        fs::write(dir.path().join(RECORD), outside.text()).unwrap();
        assert!(Record::read(dir.path()).is_err(), "a checksum does not make a name valid");
    }

    #[test]
    fn foreign_files_are_those_no_record_lists() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["A.pdf", "notes.txt", ".git"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        let record = Record { files: BTreeMap::from([("A.pdf".to_string(), hash(b"x"))]) };
        assert_eq!(foreign(dir.path(), &record).unwrap(), ["notes.txt"]);
        assert!(unchanged(dir.path(), "A.pdf", hash(b"x")));
        assert!(!unchanged(dir.path(), "A.pdf", hash(b"y")));
    }
}
